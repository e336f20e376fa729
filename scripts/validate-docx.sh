#!/bin/sh
# Renders the DOCX of every example report, of the test fixtures and of a fresh 2019 skeleton, and
# checks them all against the Office Open XML schemas. Exit status: 0 when every file has 0
# findings, 1 on any finding, 2 when something could not be run.
#
# The validator is ../shared/tools/ooxml-validate unless OOXML_VALIDATE names another.
set -eu
cd "$(dirname "$0")/.."
validate=${OOXML_VALIDATE:-../shared/tools/ooxml-validate}
if [ ! -x "$validate" ]; then
    echo "validate-docx: no validator at $validate (set OOXML_VALIDATE)" >&2
    exit 2
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cargo build -q --release || exit 2
bin=target/release/nianbao
"$bin" init --year 2020 --agency 某某区人民政府 --format 2019 \
    -o "$out/skeleton-2019.toml" >/dev/null || exit 2
for report in examples/*.toml tests/fixtures/v2019.toml "$out/skeleton-2019.toml"; do
    name=$(basename "$report" .toml)
    "$bin" render "$report" -o "$out/$name.docx" >/dev/null 2>&1 || { echo "validate-docx: cannot render $report" >&2; exit 2; }
    echo "validate-docx: $report -> $name.docx"
done
"$validate" "$out"/*.docx
