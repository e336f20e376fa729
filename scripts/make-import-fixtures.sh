#!/bin/sh
# Makes the committed import fixtures that need a program CI machines lack: the DOCX LibreOffice
# writes from nianbao's HTML export of an example (another producer's Word file: its own styles,
# runs, tables with gridSpan/vMerge, the table captions as paragraphs). Run from the repository
# root after changing the examples or the HTML export, and commit what it writes under
# tests/fixtures/import/ (tests/import_html.rs reads them).
set -eu
command -v soffice >/dev/null || {
    echo "make-import-fixtures: LibreOffice (soffice) is needed: apt-get install libreoffice-writer" >&2
    exit 1
}
cargo build --release --quiet
out=tests/fixtures/import
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in linjiang-2024 qinghe-2020; do
    target/release/nianbao render "examples/$name.toml" --format html -o "$tmp/$name.html" >/dev/null
    # A profile of its own, so that a running LibreOffice or the user's settings play no part.
    soffice --headless "-env:UserInstallation=file://$tmp/profile" \
        --convert-to 'docx:MS Word 2007 XML' --outdir "$tmp" "$tmp/$name.html" >/dev/null
    cp "$tmp/$name.docx" "$out/$name-libreoffice.docx"
    echo "wrote $out/$name-libreoffice.docx"
done
