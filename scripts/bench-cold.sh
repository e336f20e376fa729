#!/usr/bin/env bash
# Cold-process time and peak memory of `nianbao render` (check + PDF) for one report (issue 3 targets: < 60 ms,
# < 100 MB): a fresh process each run, fonts read from disk (page cache warm), bundled fonts only.
#   bash scripts/bench-cold.sh [report.toml] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
toml="${1:-examples/xingan-2024.toml}"
runs="${2:-20}"
cargo build --release >/dev/null 2>&1
bin=target/release/nianbao
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$bin" render "$toml" -o "$out/warmup.pdf" --no-system-fonts >/dev/null
total=0
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  "$bin" render "$toml" -o "$out/r.pdf" --no-system-fonts >/dev/null
  end=$(date +%s%N)
  total=$((total + end - start))
done
echo "cold process: $((total / runs / 1000000)) ms mean over $runs runs ($toml)"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "$bin" render "$toml" -o "$out/r.pdf" --no-system-fonts 2>&1 >/dev/null |
    sed -n 's/^\s*Maximum resident set size (kbytes): \([0-9]*\)/peak memory: \1 KB/p'
fi
