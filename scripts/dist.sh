#!/usr/bin/env bash
# Release archives in dist/: one per system, each holding the single executable (fonts compiled
# in), README.txt in Chinese with that system's quick start, examples/, templates/ and licenses/
# (the fonts' licences and provenance); the source tarball (the Corresponding Source GPLv3 asks
# for, since the executable contains the Fandol fonts); SHA256SUMS over all of them.
#   bash scripts/dist.sh            # all three systems
#   bash scripts/dist.sh windows-x86_64   # only some: linux-x86_64, windows-x86_64, linux-arm64
# Targets, linkers and why static musl (x86-64) and glibc (ARM64): scripts/cross-env.sh.
# Archives are reproducible (sorted entries,
# fixed times and owners): two runs from the same commit give the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/cross-env.sh
need_commands zip:zip

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
# File times in the archives: the commit's time, else now.
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
out=dist
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# name  rust target  executable  quick-start  archive
systems=(
  "linux-x86_64   x86_64-unknown-linux-musl    nianbao      linux    tar.gz"
  "windows-x86_64 x86_64-pc-windows-gnu       nianbao.exe  windows  zip"
  "linux-arm64    aarch64-unknown-linux-gnu    nianbao      linux    tar.gz"
)

# README.txt: the system's quick start, then what every archive shares. Windows: CRLF and a BOM,
# so that every Notepad shows the Chinese text.
readme() {
  local os="$1"
  cat "docs/release/$os.md" docs/release/common.md |
    if [ "$os" = windows ]; then printf '\xef\xbb\xbf'; sed 's/$/\r/'; else cat; fi
}

built=()
for row in "${systems[@]}"; do
  read -r name target exe os kind <<<"$row"
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then
    continue
  fi
  echo "== $name ($target)" >&2
  cargo build --profile dist --locked --target "$target"
  dir="$work/nianbao-$version-$name"
  mkdir -p "$dir/licenses"
  cp "target/$target/dist/$exe" "$dir/"
  readme "$os" >"$dir/README.txt"
  cp -r examples templates "$dir/"
  rm -f "$dir"/examples/*.pdf "$dir"/examples/*.docx
  cp fonts/LICENSE-*.txt "$dir/licenses/"
  cp fonts/README.md "$dir/licenses/fonts-README.md"
  find "$dir" -exec touch -h -d "@$epoch" {} +
  archive="nianbao-$version-$name.$kind"
  rm -f "$out/$archive"
  if [ "$kind" = zip ]; then
    (cd "$work" && find "nianbao-$version-$name" | LC_ALL=C sort |
      TZ=UTC zip -q -X -@ "$OLDPWD/$out/$archive")
  else
    tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
      -cf - "nianbao-$version-$name" | gzip -n -9 >"$out/$archive"
  fi
  built+=("$archive")
done

# The source: this commit's tree (fonts included), as GPLv3 section 6 asks of whoever conveys
# the executables.
src="nianbao-$version-source.tar.gz"
git archive --format=tar --prefix="nianbao-$version/" HEAD | gzip -n -9 >"$out/$src"
built+=("$src")

(cd "$out" && sha256sum "${built[@]}" >SHA256SUMS && ls -l "${built[@]}" SHA256SUMS)
