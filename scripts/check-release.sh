#!/usr/bin/env bash
# CI: the release executables give the Linux build's output byte for byte. Builds the Windows
# executable (mingw-w64) and runs it under Debian's wine64, and the ARM64 executable under
# qemu-user-static; each renders every example with --no-system-fonts (bundled fonts only) to PDF,
# DOCX, HTML and OFD, in a folder whose path has Chinese characters and a space, and the files must equal
# the ones the Linux executable writes — the static musl build that dist.sh ships, copied alone
# into an empty folder (no fonts/ beside it). Both Linux executables must be static (no program
# interpreter, no shared library). Also: a report dropped onto nianbao.exe (a single .toml
# argument) is rendered beside itself. Release profile, the one target/ folder (dist.sh's
# [profile.dist] differs from it only in how much write-fonts is optimized).
# Passed end to end on 2026-11-29 with the glibc host build: 232 s on the 2-core machine (215 s of
# it the three builds, the ARM64 one from scratch; the renders and comparisons take about 15 s),
# and with static glibc Linux builds: 280 s (264 s the builds, the Windows one from scratch, the
# two Linux ones already built). The x86-64 Linux build is static musl since 2026-11-30.
# On a fresh CI machine add the apt-get install of wine and qemu and the cross builds' dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
source scripts/cross-env.sh
need_commands "wine:wine wine64" qemu-aarch64-static:qemu-user-static readelf:binutils
unset SOURCE_DATE_EPOCH NIANBAO_FONT_DIR

cargo build --release --locked --target x86_64-unknown-linux-musl
cargo build --release --locked --target x86_64-pc-windows-gnu
cargo build --release --locked --target aarch64-unknown-linux-gnu
echo "check-release: built in $((SECONDS - start)) s" >&2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
fail=0

# run SYSTEM DIR COMMAND...: DIR gets the examples; the command renders each into it.
setup() {
  mkdir -p "$1"
  cp examples/*.toml "$1/"
}

# Static: no program interpreter (ld.so) and no shared libraries to load, so the host's glibc
# version does not matter.
for exe in target/{x86_64-unknown-linux-musl,aarch64-unknown-linux-gnu}/release/nianbao; do
  if readelf -lW "$exe" | grep -q "program interpreter" || readelf -dW "$exe" | grep -q NEEDED; then
    echo "check-release: FAIL $exe is not static: $(readelf -lW "$exe" | grep interpreter)" \
      "$(readelf -dW "$exe" | grep NEEDED)" >&2
    fail=1
  fi
done

# Linux: the shipped (static musl) executable alone in an empty folder.
linux="$work/linux 独立"
setup "$linux"
cp target/x86_64-unknown-linux-musl/release/nianbao "$linux/"
for t in "$linux"/*.toml; do
  (cd "$linux" && ./nianbao render "$(basename "$t")" --no-system-fonts >/dev/null)
done

compare() {
  local system="$1" dir="$2" f name
  for f in "$linux"/*.pdf "$linux"/*.docx "$linux"/*.html "$linux"/*.ofd; do
    name="$(basename "$f")"
    if ! cmp -s "$f" "$dir/$name"; then
      echo "check-release: FAIL $system: $name differs from the Linux build's (or is missing)" >&2
      fail=1
    fi
  done
  echo "check-release: $system: $(ls "$dir"/*.pdf "$dir"/*.docx "$dir"/*.html "$dir"/*.ofd 2>/dev/null | wc -l) files compared" >&2
}

# Windows under wine, with Windows paths (Z: is the Linux root).
win="$work/Windows 年报 工具"
setup "$win"
cp target/x86_64-pc-windows-gnu/release/nianbao.exe "$win/"
# Rust's std takes random numbers from ProcessPrng in bcryptprimitives.dll (Windows 10 and later
# have it); Debian 12's Wine 8 lacks that DLL, so the test folder gets a stand-in over Wine's
# RtlGenRandom. Not shipped: real Windows has the DLL.
cat >"$work/bcryptprimitives.c" <<'C'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    for (; len > 0x40000000; data += 0x40000000, len -= 0x40000000)
        if (!SystemFunction036(data, 0x40000000)) return FALSE;
    return SystemFunction036(data, (ULONG)len);
}
C
x86_64-w64-mingw32-gcc -shared -O2 -o "$win/bcryptprimitives.dll" "$work/bcryptprimitives.c" -ladvapi32
wine wineboot --init >/dev/null 2>&1 || true
for t in "$win"/*.toml; do
  wine "$win/nianbao.exe" render "$(winepath -w "$t" 2>/dev/null)" --no-system-fonts \
    </dev/null >"$work/wine.out" 2>&1 || { cat "$work/wine.out" >&2; fail=1; }
done
compare windows "$win"
# Console output is UTF-8 Chinese, not mojibake.
grep -q "已生成" "$work/wine.out" || { echo "check-release: FAIL windows: output: $(cat "$work/wine.out")" >&2; fail=1; }
# Dropped onto nianbao.exe: one .toml argument, no subcommand.
drop="$work/拖放 测试"
mkdir -p "$drop"
cp examples/xingan-2024.toml "$drop/"
wine "$win/nianbao.exe" "$(winepath -w "$drop/xingan-2024.toml" 2>/dev/null)" </dev/null >/dev/null 2>&1 ||
  { echo "check-release: FAIL windows: a dropped report was not rendered" >&2; fail=1; }
[ -s "$drop/xingan-2024.pdf" ] && [ -s "$drop/xingan-2024.docx" ] ||
  { echo "check-release: FAIL windows: no PDF/DOCX beside the dropped report" >&2; fail=1; }

# An output file held open without sharing (as Word and WPS do): the clear Chinese message, exit 2,
# no temp file left behind.
cat >"$work/hold.c" <<'C'
#include <windows.h>
#include <stdio.h>
int wmain(int argc, wchar_t **argv) {
    HANDLE h = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_ALWAYS, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) return 1;
    printf("holding\n");
    fflush(stdout);
    Sleep(_wtoi(argv[2]) * 1000);
    return 0;
}
C
x86_64-w64-mingw32-gcc -municode -O2 -o "$work/hold.exe" "$work/hold.c"
held="$(winepath -w "$drop/xingan-2024.pdf" 2>/dev/null)"
wine "$work/hold.exe" "$held" 15 </dev/null >"$work/hold.out" 2>&1 &
holder=$!
for _ in $(seq 50); do grep -q holding "$work/hold.out" && break; sleep 0.2; done
code=0
wine "$win/nianbao.exe" render "$(winepath -w "$drop/xingan-2024.toml" 2>/dev/null)" -o "$held" \
  </dev/null >"$work/held.out" 2>&1 || code=$?
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
if [ "$code" -ne 2 ] || ! grep -q "Word/WPS 中打开时请先关闭" "$work/held.out" || ls "$drop" | grep -q '\.tmp$'; then
  echo "check-release: FAIL windows: writing over a file open elsewhere (exit $code): $(cat "$work/held.out")" >&2
  fail=1
fi

# ARM64 under qemu-user.
arm="$work/arm64 年报"
setup "$arm"
cp target/aarch64-unknown-linux-gnu/release/nianbao "$arm/"
for t in "$arm"/*.toml; do
  (cd "$arm" && qemu-aarch64-static ./nianbao render "$(basename "$t")" --no-system-fonts >/dev/null) || fail=1
done
compare arm64 "$arm"

wineserver -k 2>/dev/null || true
echo "check-release: $((SECONDS - start)) s in all" >&2
if [ "$fail" -ne 0 ]; then
  echo "check-release: FAILED" >&2
  exit 1
fi
echo "check-release: ok (Windows under wine and ARM64 under qemu give the Linux build's bytes)" >&2
