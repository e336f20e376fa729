#!/usr/bin/env bash
# Cold-process time and peak memory of rendering one report to PDF (issue 3 targets: < 60 ms,
# < 100 MB): a fresh process each run, fonts read from disk (page cache warm), bundled fonts only.
#   bash scripts/bench-cold.sh [report.toml] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
toml="${1:-examples/xingan-2024.toml}"
runs="${2:-20}"
cargo build --release --example render_pdf >/dev/null 2>&1
bin=target/release/examples/render_pdf
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$bin" "$toml" "$out/warmup.pdf" --bundled-only
total=0
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  "$bin" "$toml" "$out/r.pdf" --bundled-only
  end=$(date +%s%N)
  total=$((total + end - start))
done
echo "cold process: $((total / runs / 1000000)) ms mean over $runs runs ($toml)"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "$bin" "$toml" "$out/r.pdf" --bundled-only 2>&1 |
    sed -n 's/^\s*Maximum resident set size (kbytes): \([0-9]*\)/peak memory: \1 KB/p'
fi
