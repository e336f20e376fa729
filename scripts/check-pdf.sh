#!/usr/bin/env bash
# Renders every example to PDF and checks the files with programs outside Rust:
#   pdffonts   every font embedded (emb yes) and subset (sub yes)
#   qpdf       --check is clean
#   pdftotext  the text holds the title and the six part headings
# Installs poppler-utils and qpdf with apt-get when they are missing. Uses the bundled fonts only.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v pdffonts >/dev/null || need+=(poppler-utils)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v qpdf >/dev/null || need+=(qpdf)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cargo build --release
bin=target/release/nianbao

headings=(
  "一、总体情况"
  "二、主动公开政府信息情况"
  "三、收到和处理政府信息公开申请情况"
  "四、政府信息公开行政复议、行政诉讼情况"
  "五、存在的主要问题及改进情况"
  "六、其他需要报告的事项"
)

failed=0
fail() {
  echo "FAIL $1: $2" >&2
  failed=1
}

for toml in examples/*.toml; do
  name="$(basename "$toml" .toml)"
  pdf="$out/$name.pdf"
  "$bin" render "$toml" -o "$pdf" --no-system-fonts >/dev/null
  for mode in plain pdfa; do
    if [ "$mode" = pdfa ]; then
      pdf="$out/$name-a.pdf"
      SOURCE_DATE_EPOCH=1737331200 "$bin" render "$toml" -o "$pdf" --no-system-fonts --pdfa >/dev/null
    fi

    # pdffonts: skip the two header lines; columns from the right: object ID (2), uni, sub, emb.
    fonts="$(pdffonts "$pdf" | tail -n +3)"
    [ -n "$fonts" ] || fail "$name" "pdffonts lists no fonts"
    while read -r line; do
      [ -z "$line" ] && continue
      emb="$(awk '{print $(NF-4)}' <<<"$line")"
      sub="$(awk '{print $(NF-3)}' <<<"$line")"
      [ "$emb" = yes ] || fail "$name ($mode)" "font not embedded: $line"
      [ "$sub" = yes ] || fail "$name ($mode)" "font not subset: $line"
    done <<<"$fonts"

    if ! qpdf --check "$pdf" >"$out/qpdf.txt" 2>&1; then
      cat "$out/qpdf.txt" >&2
      fail "$name ($mode)" "qpdf --check"
    fi

    # pdftotext keeps the line breaks of the page; join the lines to find a two-line title.
    text="$(pdftotext -enc UTF-8 "$pdf" - | tr -d '\n\f ')"
    title="$(sed -n 's/^title = "\(.*\)"$/\1/p' "$toml")"
    if [ -z "$title" ]; then
      # A multi-line title ("""…""") or none: the agency's default title.
      title="$(awk '/^title = """/{f=1;next} f&&/^"""/{exit} f{printf "%s",$0}' "$toml")"
    fi
    if [ -z "$title" ]; then
      agency="$(sed -n 's/^agency = "\([^"]*\)".*/\1/p' "$toml")"
      year="$(sed -n 's/^year = \([0-9]*\).*/\1/p' "$toml")"
      title="${agency}${year}年政府信息公开工作年度报告"
    fi
    grep -qF -- "$title" <<<"$text" || fail "$name ($mode)" "title not in the text: $title"
    for h in "${headings[@]}"; do
      grep -qF -- "$h" <<<"$text" || fail "$name ($mode)" "heading not in the text: $h"
    done
  done
  echo "ok $name"
done

if [ "$failed" -ne 0 ]; then
  echo "check-pdf: failures" >&2
  exit 1
fi
echo "check-pdf: $(ls examples/*.toml | wc -l) examples passed"
