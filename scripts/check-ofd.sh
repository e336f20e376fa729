#!/usr/bin/env bash
# Renders every example to PDF and OFD (bundled fonts only) and opens each OFD with OFD readers
# nianbao did not write (scripts/check-ofd.py says what is compared and how):
#   ofdkit    text of every page, row for row by baseline, equal to MuPDF's text of the PDF; DocInfo
#   fontTools every embedded font complete, checksums right, every TextCode character in its cmap
#   easyofd   the pages drawn, against pdftoppm's images of the PDF
# Installs poppler-utils, a TrueType CJK font (easyofd's stand-in) and Python with apt-get when
# missing, and the readers with pip into a virtual environment. Fails loudly when it cannot run.
# OFD_PNG_DIR=folder keeps the page images (docs/ofd/ holds a few of them).
set -euo pipefail
cd "$(dirname "$0")/.."

stand_in=/usr/share/fonts/truetype/arphic/uming.ttc
need=()
command -v pdftoppm >/dev/null || need+=(poppler-utils)
[ -f "$stand_in" ] || need+=(fonts-arphic-uming)
command -v python3 >/dev/null || need+=(python3)
python3 -c 'import ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

venv="${OFD_VENV:-target/ofd-venv}"
if ! "$venv/bin/python" -c 'import easyofd, ofdkit, pymupdf' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "easyofd==20260427" "ofdkit==0.2.0" "pymupdf==2.0"
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cargo build --release
bin=target/release/nianbao

failed=0
for toml in examples/*.toml; do
  name="$(basename "$toml" .toml)"
  cp "$toml" "$out/"
  "$bin" render "$out/$name.toml" --format pdf --no-system-fonts >/dev/null
  "$bin" render "$out/$name.toml" --format ofd --no-system-fonts >/dev/null
  # easyofd logs every font it cannot use (CFF); shown only when the check fails.
  if ! OFD_STAND_IN_FONT="$stand_in" "$venv/bin/python" scripts/check-ofd.py \
    "$out/$name.ofd" "$out/$name.pdf" "${OFD_PNG_DIR:-}" 2>"$out/$name.log"; then
    tail -n 40 "$out/$name.log" >&2
    echo "FAIL $name: see above" >&2
    failed=1
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "check-ofd: FAILED" >&2
  exit 1
fi
echo "check-ofd: every example's OFD read by ofdkit and drawn by easyofd matches its PDF"
