# Sourced by dist.sh and check-release.sh: the release targets, their Rust standard libraries,
# linkers and static C libraries, installed when missing (apt-get needs root, as on CI), and the
# environment to build them.
#   Linux x86-64  x86_64-unknown-linux-musl   static musl (non-PIE, below): no program interpreter,
#                                             no shared library, so it runs on any Linux (Debian
#                                             10, 统信 UOS, 麒麟) whatever its glibc.
#   Windows       x86_64-pc-windows-gnu       Debian's mingw-w64 links it; no MSVC needed.
#   Linux ARM64   aarch64-unknown-linux-gnu   static glibc; Debian's gcc-aarch64-linux-gnu links it
#                                             against libc6-dev-arm64-cross's libc.a.
# Why musl on x86-64: a static glibc executable asks the processor about its caches with 68
# `cpuid`s before main, and on a virtual machine each is a VM exit: 1.0 ms before the
# first line of nianbao runs on this project's machine, against 0.3 ms for musl (README, "Cold
# start"). What made the musl build slower before is replaced in it: its allocator (mimalloc, a
# C library compiled with Debian's musl-gcc) and its memcpy/memmove/memset/memcmp (crates/fastmem;
# see both in Cargo.toml). ARM64 keeps static glibc: its start-up was not measured on ARM64
# hardware (it runs under qemu here). Static glibc warns that getpwuid_r, getaddrinfo and dlopen
# would need the host's shared glibc at run time; nianbao calls none of them (home and cache
# folders come from $HOME/$XDG_*, no network, no plugins), so the warnings are left at the linker.
# nianbao's dependencies are pure Rust but for mimalloc (musl builds only).

RELEASE_TARGETS=(x86_64-unknown-linux-musl x86_64-pc-windows-gnu aarch64-unknown-linux-gnu)

# Installs the Debian packages whose commands (or, given as /absolute/paths, files) are missing:
# "command:package ...".
need_commands() {
  local missing=() pair
  for pair in "$@"; do
    # shellcheck disable=SC2206 # a command may need several packages, space-separated
    if [[ "$pair" == /* ]]; then
      [ -e "${pair%%:*}" ] || missing+=(${pair#*:})
    else
      command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=(${pair#*:})
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing ${missing[*]} (apt-get)" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: need root to apt-get install ${missing[*]}" >&2
    return 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

need_targets() {
  local installed t
  installed="$(rustup target list --installed)"
  for t in "$@"; do
    grep -qx "$t" <<<"$installed" || rustup target add "$t"
  done
}

need_commands cc:gcc musl-gcc:musl-tools \
  x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 aarch64-linux-gnu-gcc:gcc-aarch64-linux-gnu \
  /usr/aarch64-linux-gnu/lib/libc.a:libc6-dev-arm64-cross
need_targets "${RELEASE_TARGETS[@]}"

# Static linking for the two Linux targets only: set per target, so the host's dev build
# (cargo build without --target) and build scripts keep their usual dynamic linking.
#
# The x86-64 executable is also linked at a fixed address (non-PIE, `relocation-model=static`),
# giving up ASLR for its code and static data (stack, heap and mmap stay randomized). Why: a
# static PIE applies 29,329 relocations before main — half of `nianbao --version`'s instructions
# and page faults, since every page of .data.rel.ro (500 KB) is copied on write (a cold `check`:
# 6.8 M instructions and 330 page faults as a PIE, 3.8 M and 175 without the relocations and the
# prose-check changes of the same session). The risk weighed: fixed code addresses help an
# attacker who already has a memory corruption to build a ROP chain. nianbao's parsers of
# untrusted input (TOML, DOCX, XLSX, HTML) are safe-Rust crates; its only unsafe code is
# crates/fastmem's memory routines (tested against the standard library's, tests/fastmem.rs); it
# runs with the clerk's own rights, reads one file and exits, and listens to nothing; Go ships its
# Linux executables this way by default. Deleting `-C relocation-model=static` brings ASLR back at
# that cost. ARM64 keeps its static PIE (ASLR): its start was not measured (it runs under qemu here).
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_RUSTFLAGS="-C target-feature=+crt-static -C relocation-model=static"
# mimalloc's C code for musl: Debian's musl-gcc wrapper. MI_SKIP_COLLECT_ON_EXIT: no freeing of all
# memory at exit (seven madvise calls at the end of every cold run; the process is gone anyway).
export CC_x86_64_unknown_linux_musl=musl-gcc
export CFLAGS_x86_64_unknown_linux_musl="-O2 -DMI_SKIP_COLLECT_ON_EXIT"
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS="-C target-feature=+crt-static"
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
