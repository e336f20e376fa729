#!/bin/sh
# Renders the DOCX of every example report, of the test fixtures and of a fresh 2019 skeleton, and
# checks them all against the Office Open XML schemas with Microsoft's Open XML SDK validator
# (scripts/ooxml/: the npm package @ooxml-tools/validate, pinned by package-lock.json, and the
# validate.mjs that runs it, both from ../shared/tools/ooxml-validate.d).
#
# Installs what it needs: Node.js and npm with apt-get when missing (as root, as CI runs), then the
# validator with `npm ci` into scripts/ooxml/node_modules (once; later runs are offline).
# Exit status: 0 when every file has 0 findings, 1 on any finding, 2 when something could not be
# run — never skipped, so CI fails when the check cannot run.
set -eu
cd "$(dirname "$0")/.."
dir=scripts/ooxml
fail() {
    echo "validate-docx: $*" >&2
    exit 2
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "validate-docx: installing nodejs and npm with apt-get" >&2
        apt-get update -qq >/dev/null || fail "apt-get update failed"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null ||
            fail "apt-get cannot install nodejs npm"
    else
        fail "Node.js (18 or later) and npm are needed: apt-get install nodejs npm"
    fi
fi
node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' ||
    fail "Node.js $(node --version) is too old (18 or later is needed)"

lib=$dir/node_modules/@ooxml-tools/validate/dist/npm/index.js
stamp=$(cksum <"$dir/package-lock.json")
if [ ! -f "$lib" ] || [ "$(cat "$dir/node_modules/.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "validate-docx: installing the validator (npm ci in $dir)" >&2
    (cd "$dir" && npm ci --no-audit --no-fund --no-update-notifier --ignore-scripts \
        --loglevel=error) >&2 || fail "npm ci failed in $dir"
    [ -f "$lib" ] || fail "npm ci did not produce $lib"
    echo "$stamp" >"$dir/node_modules/.stamp"
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cargo build -q --release || fail "cargo build failed"
bin=target/release/nianbao
"$bin" init --year 2020 --agency 某某区人民政府 --format 2019 \
    -o "$out/skeleton-2019.toml" >/dev/null || fail "nianbao init failed"
for report in examples/*.toml tests/fixtures/v2019.toml "$out/skeleton-2019.toml"; do
    name=$(basename "$report" .toml)
    "$bin" render "$report" -o "$out/$name.docx" >/dev/null 2>&1 || fail "cannot render $report"
    echo "validate-docx: $report -> $name.docx"
done
OOXML_VALIDATE_LIB="$PWD/$lib" node "$dir/validate.mjs" "$out"/*.docx
