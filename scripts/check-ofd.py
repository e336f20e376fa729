"""Opens nianbao's OFD files with OFD readers nianbao did not write and compares them with the PDF
of the same report (run by scripts/check-ofd.sh, which installs everything this needs).

usage: check-ofd.py REPORT.ofd REPORT.pdf PNG_DIR

Text (ofdkit against MuPDF): every text run ofdkit finds, and every character MuPDF (PyMuPDF)
finds in the PDF, is put on a row by its baseline — the TextCode's Y in the OFD, the character's
origin in the PDF, so the typeface (its ascent and descent) plays no part — and sorted left to
right on it; runs whose baselines are within ROW_MM share a row. Each page's rows must be equal,
row for row — a paragraph line, or a table row's cells in order — with white space ignored (OFD
runs keep spaces), and each row's baseline and left edge must agree within POS_MM (the examples
agree within 0.001 mm), so a changed character and a line moved or reordered both fail (tried on
a tampered OFD: a cell's 1528 made 1582, a paragraph line moved down 0.3 mm, two lines swapped —
each fails here, while the page images still score ≥ 0.99).

Fonts (fontTools): every embedded font decompiles completely with its checksums verified, and its
cmap has every character of the TextCodes set in it.

Pages (easyofd): the OFD drawn by easyofd (to PDF with reportlab, then pdftoppm) against pdftoppm's
image of nianbao's PDF, both as the A4 page at DPI. easyofd cannot draw embedded CFF (OpenType)
fonts — reportlab reads TrueType outlines only — so it sets every character in one stand-in
typeface (AR PL UMing, registered under the name easyofd asks for). The measure is therefore about
where things are, not the typeface: a pixel is ink below INK (any anti-aliased stroke); the page is
cut into CELL_MM squares, a square is inked when any pixel in it is; the score is, taken both ways,
the smaller share of one image's inked squares that have an inked square at most one square away
in the other. A typeface with other stroke widths moves ink by less than a millimetre at a glyph's
edge and keeps the score above 0.98 (the examples score 0.988–0.999); the check was run on
tampered images: the OFD's page moved down 1.5 mm scores 0.79–0.96, a 5 mm band of text removed
0.89–0.98 on text pages (missing text is caught by the text comparison in any case).
"""

import contextlib
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROW_MM = 1.5
POS_MM = 0.1
DPI = 50
INK = 200
CELL_MM = 1.0
MIN_SCORE = 0.98
PT_MM = 25.4 / 72


def rows(items):
    """items: (baseline_mm, x_mm, text). Rows of (baseline, left x, text), top to bottom, each row's
    texts left to right."""
    out = []
    for y, x, text in sorted(items):
        if out and y - out[-1][0] <= ROW_MM:
            out[-1][1].append((x, text))
        else:
            out.append([y, [(x, text)]])
    return [(y, min(r)[0], "".join(t for _, t in sorted(r))) for y, r in out]


def squash(s):
    return re.sub(r"\s+", "", s)


def ofd_rows(path):
    import ofdkit

    pages = []
    with ofdkit.open(path) as doc:
        for page in doc.pages:
            # ofdkit's run.y is the TextCode's Y: the baseline.
            items = [(run.y, run.x, squash(run.text)) for run in page.runs if squash(run.text)]
            pages.append(rows(items))
        info = doc.info
        warnings = list(doc.warnings)
    return pages, info, warnings


def pdf_rows(path):
    import pymupdf

    pages = []
    with pymupdf.open(path) as doc:
        for page in doc:
            # Every character at its origin: the point on the baseline the PDF set it at.
            items = [
                (c["origin"][1] * PT_MM, c["origin"][0] * PT_MM, c["c"])
                for block in page.get_text("rawdict")["blocks"]
                for line in block.get("lines", [])
                for span in line["spans"]
                for c in span["chars"]
                if squash(c["c"])
            ]
            pages.append(rows(items))
    return pages


def check_fonts(path):
    """Problems with the embedded fonts, as messages (fontTools reads them, not nianbao)."""
    import io
    import zipfile

    from fontTools.ttLib import TTFont

    ns = "{http://www.ofdspec.org/2016}"
    problems = []
    with zipfile.ZipFile(path) as z:
        res = ET.fromstring(z.read("Doc_0/PublicRes.xml"))
        base = "Doc_0/" + res.get("BaseLoc") + "/"
        cmaps = {}
        for font in res.iter(ns + "Font"):
            name = base + font.find(ns + "FontFile").text
            try:
                tt = TTFont(io.BytesIO(z.read(name)), checkChecksums=2)
                tt.saveXML(io.StringIO())  # decompiles every table
                cmaps[font.get("ID")] = tt.getBestCmap()
            except Exception as e:  # noqa: BLE001 - any failure is the finding
                problems.append(f"{name}: {e}")
        for part in z.namelist():
            if not part.endswith("Content.xml"):
                continue
            for obj in ET.fromstring(z.read(part)).iter(ns + "TextObject"):
                cmap = cmaps.get(obj.get("Font"), {})
                for code in obj.iter(ns + "TextCode"):
                    missing = {c for c in code.text or "" if ord(c) not in cmap}
                    if missing:
                        problems.append(f"{part}: font {obj.get('Font')} lacks {missing}")
    return problems


def render_easyofd(ofd_path, pdf_out):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from easyofd.ofd import OFD

    pdfmetrics.registerFont(TTFont("宋体", STAND_IN, subfontIndex=0))
    # easyofd prints as it goes; keep stdout for the results.
    with contextlib.redirect_stdout(sys.stderr):
        doc = OFD()
        doc.read(ofd_path, fmt="path")
        drawn = doc.to_pdf()
    with open(pdf_out, "wb") as f:
        f.write(drawn)


def images(pdf, prefix):
    # Both to the A4 page at DPI: easyofd's PDF has the page's proportions at another scale.
    w, h = round(210 / 25.4 * DPI), round(297 / 25.4 * DPI)
    subprocess.run(
        ["pdftoppm", "-scale-to-x", str(w), "-scale-to-y", str(h), "-gray", "-png", pdf, prefix],
        check=True,
    )
    d = os.path.dirname(prefix)
    base = os.path.basename(prefix)
    return sorted(
        (os.path.join(d, n) for n in os.listdir(d) if n.startswith(base + "-")),
        key=lambda p: int(re.search(r"-(\d+)\.png$", p).group(1)),
    )


def inked_cells(png):
    """The inked squares of a page image, as a boolean array."""
    import numpy as np
    from PIL import Image

    ink = np.array(Image.open(png).convert("L")) < INK
    cell = max(1, round(CELL_MM / 25.4 * DPI))
    h, w = ink.shape[0] // cell, ink.shape[1] // cell
    return ink[: h * cell, : w * cell].reshape(h, cell, w, cell).any(axis=(1, 3))


def near(cells):
    """The squares at most one square away from an inked one."""
    out = cells.copy()
    out[1:] |= cells[:-1]
    out[:-1] |= cells[1:]
    wide = out.copy()
    wide[:, 1:] |= out[:, :-1]
    wide[:, :-1] |= out[:, 1:]
    return wide


def score(a, b):
    """The smaller share of either image's inked squares with ink near them in the other."""
    return min((a & near(b)).sum() / max(1, a.sum()), (b & near(a)).sum() / max(1, b.sum()))


def main():
    ofd, pdf, png_dir = sys.argv[1:4]
    name = os.path.splitext(os.path.basename(ofd))[0]
    failed = False

    # Text, row for row.
    o_pages, info, warnings = ofd_rows(ofd)
    if warnings:
        print(f"FAIL {name}: ofdkit warns: {warnings}")
        failed = True
    p_pages = pdf_rows(pdf)
    if len(o_pages) != len(p_pages):
        print(f"FAIL {name}: OFD has {len(o_pages)} pages, PDF {len(p_pages)}")
        return 1
    total = 0
    for n, (o, p) in enumerate(zip(o_pages, p_pages), 1):
        none = (0.0, 0.0, "")
        for i, (a, b) in enumerate(zip(o + [none] * len(p), p + [none] * len(o))):
            moved = max(abs(a[0] - b[0]), abs(a[1] - b[1]))
            if a[2] != b[2] or moved > POS_MM:
                print(f"FAIL {name} page {n} row {i + 1}:\n"
                      f"  OFD at ({a[1]:.2f}, {a[0]:.2f}) mm: {a[2]}\n"
                      f"  PDF at ({b[1]:.2f}, {b[0]:.2f}) mm: {b[2]}")
                failed = True
                break
        total += len(o)
    print(f"{name}: text of {len(o_pages)} pages, {total} rows equal to the PDF's"
          if not failed else f"{name}: text differs")
    if not info.title or not info.author or info.creator != "nianbao":
        print(f"FAIL {name}: DocInfo read by ofdkit: {info}")
        failed = True

    problems = check_fonts(ofd)
    for p in problems[:10]:
        print(f"FAIL {name}: {p}")
    failed |= bool(problems)
    if not problems:
        print(f"{name}: embedded fonts read by fontTools, every character in their cmaps")

    # Pages as images.
    with tempfile.TemporaryDirectory() as tmp:
        drawn = os.path.join(tmp, "easyofd.pdf")
        render_easyofd(ofd, drawn)
        o_png = images(drawn, os.path.join(tmp, "ofd"))
        p_png = images(pdf, os.path.join(tmp, "pdf"))
        if len(o_png) != len(p_png):
            print(f"FAIL {name}: easyofd drew {len(o_png)} pages, the PDF has {len(p_png)}")
            return 1
        scores = []
        for n, (a, b) in enumerate(zip(o_png, p_png), 1):
            ca, cb = inked_cells(a), inked_cells(b)
            if ca.shape != cb.shape:
                print(f"FAIL {name} page {n}: image sizes {ca.shape} and {cb.shape}")
                failed = True
                continue
            s = score(ca, cb)
            scores.append(s)
            if s < MIN_SCORE:
                print(f"FAIL {name} page {n}: inked squares agree {s:.3f} < {MIN_SCORE}")
                failed = True
            if png_dir:
                os.makedirs(png_dir, exist_ok=True)
                os.replace(a, os.path.join(png_dir, f"{name}-ofd-{n}.png"))
                os.replace(b, os.path.join(png_dir, f"{name}-pdf-{n}.png"))
        print(f"{name}: easyofd pages vs PDF, inked {CELL_MM:g} mm squares agree: "
              + " ".join(f"{s:.3f}" for s in scores))
    return 1 if failed else 0


STAND_IN = os.environ.get("OFD_STAND_IN_FONT", "/usr/share/fonts/truetype/arphic/uming.ttc")

if __name__ == "__main__":
    sys.exit(main())
