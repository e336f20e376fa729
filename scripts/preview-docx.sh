#!/bin/sh
# Converts DOCX files to PDF with LibreOffice and rasterizes every page to PNG, so the pages can be
# looked at. The bundled fonts in fonts/ stand in for the Word font names the DOCX uses
# (仿宋_GB2312 → FandolFang, 方正小标宋简体 → Noto Serif SC Bold, …) through a private fontconfig
# file; nothing is installed and no other LibreOffice profile is touched.
#
# usage: scripts/preview-docx.sh OUTDIR RESOLUTION FILE.docx...   (e.g. 50 for docs/docx/)
set -eu
[ $# -ge 3 ] || { echo "usage: $0 OUTDIR RESOLUTION FILE.docx..." >&2; exit 2; }
out=$1; res=$2; shift 2
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

map() { # Word name, bundled family[, weight]
    weight=${3:+<edit name=\"weight\" mode=\"assign\" binding=\"strong\"><const>$3</const></edit>}
    echo "<match target=\"pattern\"><test name=\"family\"><string>$1</string></test><edit name=\"family\" mode=\"assign\" binding=\"strong\"><string>$2</string></edit>$weight</match>"
}
{
    echo '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
    echo '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
    echo "<dir>$repo/fonts</dir><cachedir>$work/cache</cachedir>"
    map 仿宋_GB2312 FandolFang
    map 楷体_GB2312 FandolKai
    map 黑体 FandolHei
    map 宋体 FandolSong
    map "Times New Roman" "Liberation Serif"
    map 方正小标宋简体 "Noto Serif CJK SC" bold
    echo '</fontconfig>'
} >"$work/fonts.conf"

for docx in "$@"; do
    name=$(basename "$docx" .docx)
    FONTCONFIG_FILE="$work/fonts.conf" soffice -env:UserInstallation="file://$work/profile" \
        --headless --convert-to pdf --outdir "$work" "$docx" >/dev/null 2>&1
    pdftoppm -r "$res" -png "$work/$name.pdf" "$out/$name"
    echo "$docx: $(pdfinfo "$work/$name.pdf" | awk '/^Pages:/ {print $2}') pages -> $out/$name-*.png"
done
