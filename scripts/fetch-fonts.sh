#!/usr/bin/env bash
# Re-derive every font file in fonts/ from Debian packages.
#
#   bash scripts/fetch-fonts.sh
#
# Needs: apt-get + dpkg-deb (Debian/Ubuntu), python3 with pip, sha256sum.
# Does NOT install TeX Live or the Noto packages: the .debs are only
# downloaded and unpacked into a temporary directory.
#
# Outputs (in fonts/):
#   FandolSong-Regular.otf FandolFang-Regular.otf FandolHei-Regular.otf
#   FandolKai-Regular.otf                       (byte-for-byte copies, texlive-lang-chinese)
#   NotoSerifSC-Bold-subset.otf
#   NotoSerifSC-Regular-subset.otf              (SC face of NotoSerifCJK-*.ttc, subset)
#   LICENSE-Fandol.txt LICENSE-Noto-OFL.txt
#   LiberationSerif-Regular.ttf                 (byte-for-byte copy, fonts-liberation2: the
#                                               Times-metric serif for ASCII digits and letters)
#   LICENSE-Liberation-OFL.txt
# fonts/README.md is hand-written and is not touched.
set -euo pipefail

FONTTOOLS_VERSION=4.60.1
# Versions the committed fonts were derived from (Debian 12 "bookworm").
# A different candidate version is used anyway, with a warning: check the
# sha256 sums against fonts/README.md and update it.
EXPECTED_TEXLIVE_LANG_CHINESE=2022.20230122-1
EXPECTED_FONTS_NOTO_CJK=1:20220127+repack1-1
EXPECTED_FONTS_LIBERATION2=2.1.5-1

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$REPO_ROOT/fonts"
mkdir -p "$OUT"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-fonts.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# Let apt's unprivileged _apt user write the downloads (avoids a warning as root).
chmod 0755 "$WORK"
install -d -m 0777 "$WORK/debs"

log() { printf '==> %s\n' "$*" >&2; }

APT_UPDATED=0
apt_download() {
  # apt_download PKG -> path of the downloaded .deb on stdout
  local pkg="$1"
  if ! (cd "$WORK/debs" && apt-get download -q "$pkg" >&2); then
    if [ "$APT_UPDATED" = 0 ]; then
      log "apt-get download $pkg failed; running apt-get update once"
      if [ "$(id -u)" = 0 ]; then apt-get update -q >&2; else sudo apt-get update -q >&2; fi
      APT_UPDATED=1
    fi
    (cd "$WORK/debs" && apt-get download -q "$pkg" >&2)
  fi
  local debs=("$WORK/debs/${pkg}_"*.deb)
  printf '%s\n' "${debs[0]}"
}

check_version() {
  local deb="$1" expected="$2" got
  got="$(dpkg-deb -f "$deb" Version)"
  log "$(dpkg-deb -f "$deb" Package) version $got"
  if [ "$got" != "$expected" ]; then
    log "WARNING: expected version $expected, got $got; outputs may differ from fonts/README.md"
  fi
}

# --- fontTools (pinned), installed into the temp dir only -------------------
# --target keeps the system Python untouched and is allowed on PEP 668
# ("externally managed") Debian Pythons.
log "installing fonttools==$FONTTOOLS_VERSION into $WORK/pylib"
PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1 \
  python3 -m pip install --quiet --no-deps --target "$WORK/pylib" "fonttools==$FONTTOOLS_VERSION" >&2
export PYTHONPATH="$WORK/pylib"
PY=python3

# --- Fandol (texlive-lang-chinese) ------------------------------------------
TL_DEB="$(apt_download texlive-lang-chinese)"
check_version "$TL_DEB" "$EXPECTED_TEXLIVE_LANG_CHINESE"
mkdir -p "$WORK/tl"
dpkg-deb -x "$TL_DEB" "$WORK/tl"

FANDOL_DIR="$WORK/tl/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
for f in FandolSong-Regular FandolFang-Regular FandolHei-Regular FandolKai-Regular; do
  install -m 0644 "$FANDOL_DIR/$f.otf" "$OUT/$f.otf"
done

# Fandol license: Debian ships the TeX Live doc tree under usr/share/doc/texlive-doc
# (upstream texmf-dist/doc/fonts/fandol). Its COPYING is GPLv3 followed by the
# GPL font exception; README states "GPL + GPL font exception".
FANDOL_DOC=""
for d in "$WORK/tl/usr/share/texlive/texmf-dist/doc/fonts/fandol" \
         "$WORK/tl/usr/share/doc/texlive-doc/fonts/fandol"; do
  if [ -d "$d" ]; then FANDOL_DOC="$d"; break; fi
done
if [ -z "$FANDOL_DOC" ]; then
  echo "error: Fandol doc directory (README/COPYING) not found in texlive-lang-chinese" >&2
  exit 1
fi
catz() { if [ -f "$1" ]; then cat "$1"; elif [ -f "$1.gz" ]; then zcat "$1.gz"; else return 1; fi; }
{
  echo "Fandol fonts (FandolSong, FandolFang, FandolHei, FandolKai), version 0.3 / font version 1.300"
  echo "Copyright (c) 2012-2013, the Fandol team (Clerk Ma & Jie Su)."
  echo "License: GNU GPL version 3 with the GPL font exception (full text below)."
  echo
  echo "Source: Debian package texlive-lang-chinese $(dpkg-deb -f "$TL_DEB" Version),"
  echo "files ${FANDOL_DOC#"$WORK/tl/"}/README and COPYING."
  echo "Debian's license summary (usr/share/doc/texlive-lang-chinese/Licenses.gz):"
  echo
  if [ -f "$WORK/tl/usr/share/doc/texlive-lang-chinese/Licenses.gz" ]; then
    zcat "$WORK/tl/usr/share/doc/texlive-lang-chinese/Licenses.gz" \
      | awk '/^fandol:/{p=1; print "    " $0; next} p && /^[^ ]+:/{p=0} p{print "    " $0}'
  fi
  echo
  echo "================================ README ================================"
  catz "$FANDOL_DOC/README"
  echo
  echo "================================ COPYING ==============================="
  catz "$FANDOL_DOC/COPYING"
} > "$WORK/LICENSE-Fandol.txt"
grep -q "As a special exception, if you create a document which uses this font" "$WORK/LICENSE-Fandol.txt" || {
  echo "error: GPL font exception not found in Fandol COPYING" >&2; exit 1; }
install -m 0644 "$WORK/LICENSE-Fandol.txt" "$OUT/LICENSE-Fandol.txt"

# --- Noto Serif CJK (fonts-noto-cjk, or -extra if the Bold TTC moved there) --
NOTO_DEB="$(apt_download fonts-noto-cjk)"
check_version "$NOTO_DEB" "$EXPECTED_FONTS_NOTO_CJK"
mkdir -p "$WORK/noto"
dpkg-deb -x "$NOTO_DEB" "$WORK/noto"
NOTO_DEBS=("$NOTO_DEB")
if [ -z "$(find "$WORK/noto" -name NotoSerifCJK-Bold.ttc -print -quit)" ] \
   || [ -z "$(find "$WORK/noto" -name NotoSerifCJK-Regular.ttc -print -quit)" ]; then
  log "NotoSerifCJK Bold/Regular TTC not in fonts-noto-cjk; trying fonts-noto-cjk-extra"
  EXTRA_DEB="$(apt_download fonts-noto-cjk-extra)"
  log "fonts-noto-cjk-extra version $(dpkg-deb -f "$EXTRA_DEB" Version)"
  dpkg-deb -x "$EXTRA_DEB" "$WORK/noto"
  NOTO_DEBS+=("$EXTRA_DEB")
fi
BOLD_TTC="$(find "$WORK/noto" -name NotoSerifCJK-Bold.ttc -print -quit)"
REG_TTC="$(find "$WORK/noto" -name NotoSerifCJK-Regular.ttc -print -quit)"
[ -n "$BOLD_TTC" ] && [ -n "$REG_TTC" ] || { echo "error: NotoSerifCJK-{Bold,Regular}.ttc not found" >&2; exit 1; }
for deb in "${NOTO_DEBS[@]}"; do
  log "using $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)"
done

# Noto license: the OFL 1.1 text from the Debian copyright file (and any LICENSE file).
NOTO_COPYRIGHT="$(find "$WORK/noto/usr/share/doc" -path '*fonts-noto-cjk/copyright' -print -quit)"
NOTO_LICENSE_FILE="$(find "$WORK/noto" -iname 'LICENSE*' -type f -print -quit)"
$PY - "$NOTO_COPYRIGHT" "$REG_TTC" "${NOTO_LICENSE_FILE:-}" "$(dpkg-deb -f "$NOTO_DEB" Version)" \
    > "$WORK/LICENSE-Noto-OFL.txt" <<'PYEOF'
import sys
from fontTools.ttLib import TTFont
copyright_path, ttc, license_file, version = sys.argv[1:5]
f = TTFont(ttc, fontNumber=2, lazy=True)
notice = f["name"].getDebugName(0)
lic_url = f["name"].getDebugName(14)
print("Noto Serif CJK SC (subset as NotoSerifSC-Bold-subset.otf and NotoSerifSC-Regular-subset.otf)")
print(f"Font copyright notice (name table ID 0): {notice}")
print(f"License: SIL Open Font License, Version 1.1 ({lic_url})")
deb_copyright = [l.split(":", 1)[1].strip() for l in open(copyright_path, encoding="utf-8")
                 if l.startswith("Copyright:")][:1]
if deb_copyright:
    print(f"Debian copyright file, 'Files: *': Copyright: {deb_copyright[0]}")
print(f"Source: Debian package fonts-noto-cjk {version}, usr/share/doc/fonts-noto-cjk/copyright")
print("The two subset files are Modified Versions of the Font Software under the OFL")
print("(face 2 of the TTC, subset with fontTools). They keep the upstream name table")
print("unchanged, family 'Noto Serif CJK SC'.")
print()
if license_file:
    print(open(license_file, encoding="utf-8").read())
    sys.exit(0)
# Debian copyright (DEP-5): print the stand-alone "License: SIL-1.1" paragraph,
# undoing the one-space indent and the " ." empty-line markers.
lines = open(copyright_path, encoding="utf-8").read().splitlines()
out, on = [], False
for ln in lines:
    if ln.startswith("License: SIL"):
        if any("SIL OPEN FONT LICENSE" in l for l in out):
            break
        out, on = [], True
        continue
    if on:
        if not ln.startswith(" "):
            on = False
            continue
        body = ln[1:]
        out.append("" if body == "." else body)
if not any("SIL OPEN FONT LICENSE" in l for l in out):
    sys.exit("error: OFL text not found in " + copyright_path)
print("\n".join(out).strip("\n"))
PYEOF
install -m 0644 "$WORK/LICENSE-Noto-OFL.txt" "$OUT/LICENSE-Noto-OFL.txt"

# --- Character set for the Noto subsets --------------------------------------
$PY - > "$WORK/unicodes.txt" <<'PYEOF'
# GB2312 (every character encodable in Python's 'gb2312' codec)
# + every CJK ideograph / radical encodable in 'gbk' (no PyPI package ships the
#   8105-character 通用规范汉字表 list; GBK covers nearly all of it)
# + printable ASCII, Latin-1 punctuation, and symbol blocks used in 公文.
cps = set()
for cp in range(0x10000):
    if 0xD800 <= cp <= 0xDFFF or 0xE000 <= cp <= 0xF8FF:   # surrogates, PUA
        continue
    ch = chr(cp)
    try:
        ch.encode("gb2312")
        cps.add(cp)
        continue
    except UnicodeEncodeError:
        pass
    cjk = (0x2E80 <= cp <= 0x2FDF or 0x3400 <= cp <= 0x4DBF
           or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF)
    if cjk:
        try:
            ch.encode("gbk")
            cps.add(cp)
        except UnicodeEncodeError:
            pass
ranges = [
    (0x0020, 0x007E),  # printable ASCII
    (0x00A0, 0x00BF),  # Latin-1 punctuation and symbols
    (0x00D7, 0x00D7), (0x00F7, 0x00F7),  # × ÷
    (0x2000, 0x206F),  # General Punctuation
    (0x2100, 0x214F),  # Letterlike Symbols
    (0x2460, 0x24FF),  # Enclosed Alphanumerics (①…)
    (0x25A0, 0x25FF),  # Geometric Shapes
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]
for a, b in ranges:
    cps.update(range(a, b + 1))
cps.discard(0x0000)
for cp in sorted(cps):
    print(f"U+{cp:04X}")
PYEOF
log "subset request: $(wc -l < "$WORK/unicodes.txt") code points"

subset_noto() {
  local ttc="$1" out="$2"
  # pyftsubset's engine (fontTools.subset), driven from Python so that the
  # face can be checked and the GSUB 'locl' feature pruned first.
  $PY - "$ttc" "$WORK/unicodes.txt" "$WORK/$out" <<'PYEOF'
import sys
from fontTools.ttLib import TTFont
from fontTools import subset

ttc, unicodes_file, out = sys.argv[1:4]
# Face 2 of NotoSerifCJK-*.ttc is the Simplified Chinese face; verify.
font = TTFont(ttc, fontNumber=2, recalcTimestamp=False, recalcBBoxes=False)
name = font["name"]
fam = name.getDebugName(16) or name.getDebugName(1)
if "SC" not in fam.split():
    sys.exit(f"error: face 2 of {ttc} is {fam!r}, not the SC face")
print(f"==> face 2 of {ttc.rsplit('/', 1)[-1]}: {fam!r} "
      f"({font['maxp'].numGlyphs} glyphs)", file=sys.stderr)

# 'locl' under the JAN/KOR/ZHT/ZHH language systems swaps in Japanese,
# Korean and Traditional-Chinese glyph forms: ~17,000 extra glyphs that a
# zh-Hans document never uses. Unhook it there; the subsetter then drops
# those lookups and glyphs. (The ZHS/dflt 'locl', which makes “ ” — etc.
# full-width, is kept.)
gsub = font["GSUB"].table
records = gsub.FeatureList.FeatureRecord
for sr in gsub.ScriptList.ScriptRecord:
    for lsr in sr.Script.LangSysRecord:
        if lsr.LangSysTag.strip() in ("JAN", "KOR", "ZHT", "ZHH"):
            ls = lsr.LangSys
            ls.FeatureIndex = [i for i in ls.FeatureIndex
                               if records[i].FeatureTag != "locl"]
            ls.FeatureCount = len(ls.FeatureIndex)

opts = subset.Options()
opts.hinting = False          # --no-hinting
opts.glyph_names = False      # --no-glyph-names (CID-keyed CFF has none anyway)
opts.recalc_timestamp = False # reproducible output
# Default layout features are kept. Vertical metrics are not needed
# (horizontal typesetting only).
opts.drop_tables += ["vhea", "vmtx", "VORG"]
unicodes = [int(l.strip()[2:], 16) for l in open(unicodes_file) if l.strip()]
sub = subset.Subsetter(opts)
sub.populate(unicodes=unicodes)
sub.subset(font)
font.save(out)
print(f"==> wrote {out.rsplit('/', 1)[-1]}: {font['maxp'].numGlyphs} glyphs", file=sys.stderr)
PYEOF
  install -m 0644 "$WORK/$out" "$OUT/$out"
}
log "subsetting NotoSerifCJK-Bold.ttc"
subset_noto "$BOLD_TTC" NotoSerifSC-Bold-subset.otf
log "subsetting NotoSerifCJK-Regular.ttc"
subset_noto "$REG_TTC" NotoSerifSC-Regular-subset.otf

# --- Liberation Serif (fonts-liberation2): Times New Roman metrics, SIL OFL 1.1 --
LIB_DEB="$(apt_download fonts-liberation2)"
check_version "$LIB_DEB" "$EXPECTED_FONTS_LIBERATION2"
mkdir -p "$WORK/lib"
dpkg-deb -x "$LIB_DEB" "$WORK/lib"
install -m 0644 "$(find "$WORK/lib" -name LiberationSerif-Regular.ttf -print -quit)" \
  "$OUT/LiberationSerif-Regular.ttf"
# The license: the "Files: *" paragraph of Debian's copyright file, indent and " ." markers undone.
sed -n '/^Files: \*/,/^Files: debian/p' "$WORK/lib/usr/share/doc/fonts-liberation2/copyright" \
  | sed '$d' | sed 's/^ \.$//; s/^ //' > "$OUT/LICENSE-Liberation-OFL.txt"
grep -q "SIL OPEN FONT LICENSE Version 1.1" "$OUT/LICENSE-Liberation-OFL.txt" || {
  echo "error: OFL text not found in fonts-liberation2's copyright file" >&2; exit 1; }

# --- Checks ------------------------------------------------------------------
$PY - "$OUT" <<'PYEOF'
import sys, os
from fontTools.ttLib import TTFont
out = sys.argv[1]
noto_need = "啰瞭〔〕“”—…%0123456789"
# Fandol lacks are reported, not fatal: the Noto Regular subset is the
# per-character fallback (啰 and 瞭 are known to be missing from Fandol).
fandol_need = ("仿宋黑楷" + "兴安区2024年政府信息公开工作年度报告"
               + "〔〕“”—…%，。、；：（）《》" + "啰瞭")
ok = True
for name, need in [("NotoSerifSC-Bold-subset.otf", noto_need),
                   ("NotoSerifSC-Regular-subset.otf", noto_need),
                   ("FandolSong-Regular.otf", fandol_need),
                   ("FandolFang-Regular.otf", fandol_need),
                   ("FandolHei-Regular.otf", fandol_need),
                   ("FandolKai-Regular.otf", fandol_need)]:
    f = TTFont(os.path.join(out, name), lazy=True)
    cmap = f.getBestCmap()
    missing = "".join(dict.fromkeys(c for c in need if ord(c) not in cmap))
    fams = [f["name"].getDebugName(i) for i in (1, 16)]
    print(f"==> {name}: glyphs={f['maxp'].numGlyphs} cmap={len(cmap)} "
          f"family(1,16)={fams} missing={missing or '-'}", file=sys.stderr)
    if name.startswith("Noto") and missing:
        ok = False
if not ok:
    sys.exit("error: a Noto subset lacks a required character")
PYEOF

# --- Summary -----------------------------------------------------------------
echo
echo "fonts/ (sha256):"
(cd "$OUT" && for f in FandolSong-Regular.otf FandolFang-Regular.otf FandolHei-Regular.otf \
    FandolKai-Regular.otf NotoSerifSC-Bold-subset.otf NotoSerifSC-Regular-subset.otf \
    LICENSE-Fandol.txt LICENSE-Noto-OFL.txt LiberationSerif-Regular.ttf LICENSE-Liberation-OFL.txt; do
  printf '%s  %s  (%s bytes)\n' "$(sha256sum "$f" | cut -d' ' -f1)" "$f" "$(stat -c %s "$f")"
done)
