# Sourced by dist.sh and check-release.sh: the release targets, their Rust standard libraries and
# linkers, installed when missing (apt-get needs root, as on CI), and the environment to build them.
#   Linux x86-64  x86_64-unknown-linux-musl   static: runs on any Linux (Debian 10, 统信 UOS, 麒麟)
#                                             whatever its glibc; rustc links it with its own musl.
#   Windows       x86_64-pc-windows-gnu       Debian's mingw-w64 links it; no MSVC needed.
#   Linux ARM64   aarch64-unknown-linux-musl  static too; gcc-aarch64-linux-gnu is only the linker.
# nianbao's dependencies are pure Rust (no C code), so no target's C library headers are needed.

RELEASE_TARGETS=(x86_64-unknown-linux-musl x86_64-pc-windows-gnu aarch64-unknown-linux-musl)

# Installs the Debian packages whose commands are missing: "command:package ...".
need_commands() {
  local missing=() pair
  for pair in "$@"; do
    # shellcheck disable=SC2206 # a command may need several packages, space-separated
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=(${pair#*:})
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

need_commands x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 aarch64-linux-gnu-gcc:gcc-aarch64-linux-gnu
need_targets "${RELEASE_TARGETS[@]}"

export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER=aarch64-linux-gnu-gcc
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
