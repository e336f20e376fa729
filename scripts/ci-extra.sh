#!/usr/bin/env bash
# CI checks that need programs outside Rust: the PDFs with poppler and qpdf, the DOCX files with
# Microsoft's Open XML SDK validator (../shared/tools/ooxml-validate, run under Node.js).
# The release builds (Windows under Wine, ARM64 under qemu) give the Linux build's bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/check-pdf.sh
if [ -x ../shared/tools/ooxml-validate ] || [ -n "${OOXML_VALIDATE:-}" ]; then
  sh scripts/validate-docx.sh
else
  echo "ci-extra: ../shared/tools/ooxml-validate not found; DOCX schema check skipped" >&2
fi
bash scripts/check-release.sh
