#!/usr/bin/env bash
# Cold-process benchmark (issue 15 targets on the project's 2-core machine): a fresh `nianbao`
# process per run, the page cache warm, bundled fonts only (--no-system-fonts):
#   render to PDF  < 20 ms and < 30 MB peak      render --format docx  < 3 ms      check  < 2 ms
# plus `check` and render to PDF with the system fonts searched (the default; their index is
# cached in the user's cache folder, warm after the warm-up runs).
#   bash scripts/bench-cold.sh [report.toml] [runs]
# The executable measured is the one shipped: the static musl x86-64 build of scripts/cross-env.sh
# (sourced for its flags; it installs the release toolchains when missing).
# `NIANBAO_BENCH_TARGET=host` measures the dynamically linked glibc build of target/release instead.
# Needs hyperfine (Debian package; installed when missing and run as root). Peak memory is GNU
# time's maximum resident set size.
set -euo pipefail
cd "$(dirname "$0")/.."
toml="${1:-examples/xingan-2024.toml}"
runs="${2:-30}"
if ! command -v hyperfine >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "bench-cold: install hyperfine (apt-get install hyperfine)" >&2; exit 1; }
  apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null
fi
if [ "${NIANBAO_BENCH_TARGET:-static}" = host ]; then
  cargo build --release >/dev/null 2>&1
  bin="$PWD/target/release/nianbao"
else
  source scripts/cross-env.sh
  static=x86_64-unknown-linux-musl
  cargo build --release --target "$static" >/dev/null 2>&1
  bin="$PWD/target/$static/release/nianbao"
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The executable as a user has it: a copy (unpacked from the archive), not the linker's output,
# whose page cache can hold 2 MB folios that the kernel maps whole, so that touching one font
# page counts the 2 MB around it in the peak memory (30.8 MB instead of 22.1 MB for the same run).
cp "$bin" "$out/nianbao"
echo "bench-cold: $bin (copied to $out)" >&2
bin="$out/nianbao"
unset NIANBAO_FONT_DIR

hyperfine -N --warmup 3 --runs "$runs" --style basic --export-markdown "$out/table.md" \
  -n "render → PDF" "$bin render $toml -o $out/r.pdf --no-system-fonts" \
  -n "render --format docx" "$bin render $toml -o $out/r.docx --no-system-fonts" \
  -n "check" "$bin check $toml --no-system-fonts" \
  -n "check, system fonts searched" "$bin check $toml" \
  -n "render → PDF, system fonts searched" "$bin render $toml -o $out/s.pdf" >/dev/null
cat "$out/table.md"

peak() {
  /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1
}
if [ -x /usr/bin/time ]; then
  echo
  echo "peak memory (max RSS): render → PDF $(peak "$bin" render "$toml" -o "$out/r.pdf" --no-system-fonts) KB," \
    "docx $(peak "$bin" render "$toml" -o "$out/r.docx" --no-system-fonts) KB," \
    "check $(peak "$bin" check "$toml" --no-system-fonts) KB"
fi
