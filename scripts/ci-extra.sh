#!/usr/bin/env bash
# CI checks that need programs outside Rust: the PDFs with poppler and qpdf, the DOCX files with
# Microsoft's Open XML SDK validator (scripts/ooxml/, installed and run by validate-docx.sh).
# The release builds (Windows under Wine, ARM64 under qemu) give the Linux build's bytes.
# The HTML pages in chromium (axe-core) and the Nu Html Checker: scripts/check-html.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/check-pdf.sh
sh scripts/validate-docx.sh
bash scripts/check-html.sh
bash scripts/check-ofd.sh
bash scripts/check-release.sh
