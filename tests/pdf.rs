//! Issue 3, the PDF output: text read back from the real PDF equals the input; geometry measured on
//! the layout items (which the exporter draws one to one — checked here too) follows GB/T 9704.
//!
//! Only the bundled fonts are used, so results do not depend on the machine.

use crate::common::snapshot::Snapshots;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use nianbao::fonts::{FontBook, FontOptions};
use nianbao::layout::{Element, ElementKind, GlyphRun, Item, Layout, Node, Tag, layout_report};
use nianbao::model::Report;
use nianbao::model::flow::Block;
use nianbao::pdf::{PdfOptions, render};
use nianbao::source::Source;
use nianbao::style::{GBT9704, Pt};
use nianbao::tables::Table;

const EXAMPLES: [&str; 3] = ["xingan-2024.toml", "linjiang-2024.toml", "qinghe-2020.toml"];
/// Half a millimetre, the tolerance of the geometry checks, in points.
const TOL: f32 = 0.5 * 72.0 / 25.4;

fn book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(|| FontBook::new(FontOptions::bundled_only()))
}

fn example(name: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    nianbao::input::load(&path).unwrap_or_else(|d| panic!("{name}: {d:?}"))
}

fn example_text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read_to_string(path).expect("example readable")
}

fn parse(text: &str) -> Report {
    let source = Arc::new(Source::new("test.toml", text));
    nianbao::input::parse(source).unwrap_or_else(|d| panic!("{d:?}"))
}

fn laid_out(name: &str) -> (Report, Layout) {
    let report = example(name);
    let layout = layout_report(&report, book()).expect("fonts cover the example");
    (report, layout)
}

fn pdf(report: &Report) -> Vec<u8> {
    render(report, book(), &PdfOptions::default()).expect("renders")
}

// ---- Reading the PDF back ----

/// A text run as drawn in the PDF: page, text-matrix position (krilla draws in a y-down space,
/// so this is the pen position from the page's top-left corner), decoded text, artifact or not.
#[derive(Debug, Clone)]
struct PdfRun {
    page: usize,
    x: f32,
    y: f32,
    size: f32,
    text: String,
    artifact: bool,
}

/// Parses a ToUnicode CMap: 2-byte codes to text (bfchar and bfrange entries).
fn to_unicode(cmap: &[u8]) -> HashMap<u16, String> {
    let text = String::from_utf8_lossy(cmap);
    let hex = |s: &str| -> Vec<u8> {
        let s = s.trim().trim_start_matches('<').trim_end_matches('>');
        (0..s.len() / 2)
            .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).expect("hex"))
            .collect()
    };
    let utf16 = |b: &[u8]| -> String {
        let units: Vec<u16> = b
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).expect("utf-16")
    };
    let code = |b: &[u8]| u16::from_be_bytes([b[0], b[1]]);
    let mut map = HashMap::new();
    let mut section = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            section = "char";
            continue;
        }
        if line.ends_with("beginbfrange") {
            section = "range";
            continue;
        }
        if line.starts_with("endbf") {
            section = "";
            continue;
        }
        let parts: Vec<&str> = line
            .split('>')
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect();
        match (section, parts.as_slice()) {
            ("char", [src, dst]) => {
                map.insert(code(&hex(src)), utf16(&hex(dst)));
            }
            ("range", [lo, hi, dst]) if !dst.starts_with('[') => {
                let (lo, hi) = (code(&hex(lo)), code(&hex(hi)));
                let dst = hex(dst);
                let base = u16::from_be_bytes([dst[dst.len() - 2], dst[dst.len() - 1]]);
                for (k, c) in (lo..=hi).enumerate() {
                    let mut d = dst.clone();
                    let last = base + k as u16;
                    let n = d.len();
                    d[n - 2..].copy_from_slice(&last.to_be_bytes());
                    map.insert(c, utf16(&d));
                }
            }
            _ => {}
        }
    }
    map
}

/// Every text run of every page, in drawing order, decoded through the fonts' ToUnicode maps.
fn extract(bytes: &[u8]) -> Vec<PdfRun> {
    use lopdf::Object;
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the PDF");
    let mut out = Vec::new();
    for (p, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        let mut maps: HashMap<Vec<u8>, HashMap<u16, String>> = HashMap::new();
        for (name, font) in doc.get_page_fonts(page_id).expect("fonts") {
            let stream = font
                .get(b"ToUnicode")
                .and_then(|o| o.as_reference())
                .and_then(|r| doc.get_object(r))
                .and_then(|o| o.as_stream())
                .expect("every font has a ToUnicode map");
            let data = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            maps.insert(name, to_unicode(&data));
        }
        let content = lopdf::content::Content::decode(&doc.get_page_content(page_id)).unwrap();
        let mut marks: Vec<bool> = Vec::new();
        let (mut font, mut size, mut x, mut y) = (Vec::new(), 0.0, 0.0, 0.0);
        for op in content.operations {
            let artifact = marks.iter().any(|&a| a);
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    let name = op.operands.first().and_then(|o| o.as_name().ok());
                    marks.push(name == Some(b"Artifact".as_slice()));
                }
                "EMC" => {
                    marks.pop();
                }
                "Tf" => {
                    font = op.operands[0].as_name().unwrap().to_vec();
                    size = op.operands[1].as_float().unwrap();
                }
                "Tm" => {
                    x = op.operands[4].as_float().unwrap();
                    y = op.operands[5].as_float().unwrap();
                }
                "TJ" | "Tj" => {
                    let strings: Vec<&Object> = match &op.operands[0] {
                        Object::Array(items) => items.iter().collect(),
                        s => vec![s],
                    };
                    let mut text = String::new();
                    for s in strings {
                        if let Object::String(bytes, _) = s {
                            for pair in bytes.chunks(2) {
                                let code = u16::from_be_bytes([pair[0], pair[1]]);
                                text.push_str(&maps[&font][&code]);
                            }
                        }
                    }
                    out.push(PdfRun {
                        page: p,
                        x,
                        y,
                        size,
                        text,
                        artifact,
                    });
                }
                _ => {}
            }
        }
    }
    out
}

/// The report's text in reading order, as the PDF must give it back: title, headings,
/// paragraphs (run-in head and text), every table cell in table order, signature and date.
fn expected_text(report: &Report) -> String {
    let mut out = String::new();
    for block in report.flow() {
        match block {
            Block::Title(lines) => out.extend(lines),
            Block::Heading1(t) => out.push_str(&t),
            Block::Heading2 { text, .. } => out.push_str(&text),
            Block::Paragraph { lead, text, .. } => {
                out.push_str(lead.as_deref().unwrap_or(""));
                out.push_str(&text);
            }
            Block::Table(id) => {
                let table = Table::new(id, report.format());
                for cell in &table.cells {
                    out.push_str(&table.cell_text(report, cell));
                }
            }
            Block::Signature { agency, date } => {
                out.push_str(&agency);
                out.push_str(date.as_deref().unwrap_or(""));
            }
        }
    }
    out
}

#[test]
fn text_read_back_from_the_pdf_equals_the_input() {
    for name in EXAMPLES {
        let report = example(name);
        let runs = extract(&pdf(&report));
        let content: String = runs
            .iter()
            .filter(|r| !r.artifact)
            .map(|r| r.text.as_str())
            .collect();
        let expected = expected_text(&report);
        if content != expected {
            let at = content
                .chars()
                .zip(expected.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let tail = |s: &str| {
                s.chars()
                    .skip(at.saturating_sub(10))
                    .take(40)
                    .collect::<String>()
            };
            panic!(
                "{name}: text differs after {at} characters\n  pdf:      {}\n  expected: {}",
                tail(&content),
                tail(&expected)
            );
        }
        // Paragraph for paragraph: each block's text is one contiguous piece of the content.
        for block in report.flow() {
            if let Block::Paragraph { lead, text, .. } = block {
                let para = format!("{}{text}", lead.unwrap_or_default());
                assert!(content.contains(&para), "{name}: paragraph missing: {para}");
            }
        }
        // Artifacts are exactly the page numbers and repeated table text.
        for r in runs.iter().filter(|r| r.artifact && r.size == 14.0) {
            assert_eq!(r.text, format!("— {} —", r.page + 1), "{name}");
        }
    }
}

#[test]
fn the_pdf_draws_the_layout_one_to_one() {
    for name in EXAMPLES {
        let (report, layout) = laid_out(name);
        let runs = extract(&pdf(&report));
        let expected: Vec<(usize, &GlyphRun)> = layout
            .pages
            .iter()
            .enumerate()
            .flat_map(|(p, page)| {
                page.items.iter().filter_map(move |i| match i {
                    Item::Text(run) => Some((p, run)),
                    Item::Rule(_) => None,
                })
            })
            .collect();
        assert_eq!(runs.len(), expected.len(), "{name}: number of runs");
        for (got, (page, run)) in runs.iter().zip(expected) {
            assert_eq!(got.page, page, "{name}");
            assert_eq!(got.text, run.text, "{name}");
            assert!(
                (got.x - run.origin.x.0).abs() < 0.01,
                "{name}: x of {}",
                run.text
            );
            assert!(
                (got.y - run.origin.y.0).abs() < 0.01,
                "{name}: y of {}",
                run.text
            );
            assert_eq!(got.size, run.size.0);
            assert_eq!(got.artifact, run.tag == Tag::Artifact);
        }
    }
}

// ---- Geometry, on the layout ----

/// A glyph's claimed box: the pen interval [x, x + advance] and the em box's height.
#[derive(Debug, Clone, Copy)]
struct GlyphBox {
    x0: f32,
    x1: f32,
    y0: f32,
    y1: f32,
}

fn glyph_boxes(run: &GlyphRun) -> Vec<GlyphBox> {
    let mut pen = run.origin.x.0;
    let size = run.size.0;
    let (y0, y1) = (run.origin.y.0 - 0.88 * size, run.origin.y.0 + 0.12 * size);
    run.glyphs
        .iter()
        .map(|g| {
            let b = GlyphBox {
                x0: pen,
                x1: pen + g.advance.0,
                y0,
                y1,
            };
            pen += g.advance.0;
            b
        })
        .collect()
}

fn text_runs(layout: &Layout, page: usize) -> impl Iterator<Item = &GlyphRun> {
    layout.pages[page].items.iter().filter_map(|i| match i {
        Item::Text(r) => Some(r),
        Item::Rule(_) => None,
    })
}

/// A line of body text (3号, on the grid): its runs joined.
#[derive(Debug)]
struct BodyLine {
    page: usize,
    baseline: f32,
    x0: f32,
    x1: f32,
    text: String,
    advances: Vec<f32>,
    /// Each character's natural advance: a grid cell for full-width characters, the font's
    /// advance for the rest.
    natural: Vec<f32>,
}

/// Lines of the elements of a kind, grouped by element: each element's lines in order.
fn element_lines(layout: &Layout, kinds: &[ElementKind]) -> Vec<Vec<BodyLine>> {
    let mut runs_by_id: HashMap<usize, (usize, &GlyphRun)> = HashMap::new();
    for p in 0..layout.pages.len() {
        for run in text_runs(layout, p) {
            if let Tag::Content(id) = run.tag {
                runs_by_id.insert(id, (p, run));
            }
        }
    }
    let mut out = Vec::new();
    for e in &layout.structure {
        if !kinds.contains(&e.kind) {
            continue;
        }
        let mut lines: Vec<BodyLine> = Vec::new();
        for child in &e.children {
            let Node::Content(id) = child else { continue };
            let (page, run) = runs_by_id[id];
            let y = run.origin.y.0;
            let advances: Vec<f32> = run.glyphs.iter().map(|g| g.advance.0).collect();
            let natural = natural_advances(layout, run);
            let end = run.origin.x.0 + run.width().0;
            match lines.last_mut() {
                Some(l) if l.page == page && (l.baseline - y).abs() < 0.01 => {
                    l.x1 = end;
                    l.text.push_str(&run.text);
                    l.advances.extend(advances);
                    l.natural.extend(natural);
                }
                _ => lines.push(BodyLine {
                    page,
                    baseline: y,
                    x0: run.origin.x.0,
                    x1: end,
                    text: run.text.clone(),
                    advances,
                    natural,
                }),
            }
        }
        out.push(lines);
    }
    out
}

/// The natural advance of each glyph of a body run, from the font: a full-width character takes
/// one cell of the 28-character grid, anything narrower its own advance.
fn natural_advances(layout: &Layout, run: &GlyphRun) -> Vec<f32> {
    let metrics = layout.faces[run.face].metrics().expect("face parses");
    run.glyphs
        .iter()
        .map(|g| {
            let ch = run.text[g.text.clone()].chars().next().expect("a cluster");
            let em = metrics.glyph(ch).map_or(1.0, |(_, a)| a);
            if em >= 0.9 {
                GBT9704.char_pitch().0
            } else {
                run.size.0 * em
            }
        })
        .collect()
}

/// The widest space justification added between two characters of any justified line (every
/// line of a paragraph or heading but its last), with the line, in points.
fn widest_gaps(layout: &Layout) -> Vec<(f32, String)> {
    let kinds = [ElementKind::P, ElementKind::H1, ElementKind::H2];
    let mut out = Vec::new();
    for lines in element_lines(layout, &kinds) {
        let justified = lines.len().saturating_sub(1);
        for l in &lines[..justified] {
            let widest = l
                .advances
                .iter()
                .zip(&l.natural)
                .map(|(a, n)| a - n)
                .fold(0.0, f32::max);
            out.push((widest, l.text.clone()));
        }
    }
    out
}

/// No justified line spreads its characters more than a quarter of a character apart (4 pt at
/// 3号): a line before a long number ("电话：" + "0710-3456789") is adjusted otherwise.
#[test]
fn justified_lines_are_never_spread_more_than_a_quarter_em() {
    let limit = 16.0 / 4.0 + 0.01;
    let mut wide = Vec::new();
    let mut lines = 0;
    let mut check = |name: &str, layout: &Layout| {
        for (gap, text) in widest_gaps(layout) {
            lines += 1;
            if gap > limit {
                wide.push(format!("{name}: {gap:.2} pt in {text:?}"));
            }
        }
    };
    for name in EXAMPLES.iter().chain(&["linjiang-2023.toml"]) {
        let (_, layout) = laid_out(name);
        check(name, &layout);
    }
    for seed in 0..200u64 {
        let report = parse(&nianbao::generate::report(seed, 3 + (seed % 10) as u32).to_toml());
        let layout = layout_report(&report, book()).expect("lays out");
        check(&format!("seed {seed}"), &layout);
    }
    assert!(lines > 10_000, "{lines} justified lines measured");
    assert!(wide.is_empty(), "{}", wide.join("\n"));
}

fn grid_line(baseline: f32) -> Option<u32> {
    (0..GBT9704.lines_per_page).find(|&k| (GBT9704.baseline(k, Pt(16.0)).0 - baseline).abs() < TOL)
}

#[test]
fn body_text_starts_at_28mm_on_the_22_line_grid() {
    let left = GBT9704.left.to_pt().0;
    let indent = 2.0 * GBT9704.char_pitch().0;
    for name in EXAMPLES {
        let (report, layout) = laid_out(name);
        let signature: Vec<String> = report
            .flow()
            .into_iter()
            .filter_map(|b| match b {
                Block::Signature { agency, date } => Some([Some(agency), date]),
                _ => None,
            })
            .flatten()
            .flatten()
            .collect();
        let kinds = [ElementKind::P, ElementKind::H1, ElementKind::H2];
        let mut at_margin = 0;
        for lines in element_lines(&layout, &kinds) {
            for (i, l) in lines.iter().enumerate() {
                assert!(
                    grid_line(l.baseline).is_some(),
                    "{name}: baseline {:.2} of {:?} is off the grid",
                    l.baseline,
                    l.text
                );
                if signature.contains(&l.text) {
                    continue;
                }
                let expected = if i == 0 { left + indent } else { left };
                assert!(
                    (l.x0 - expected).abs() < TOL,
                    "{name}: {:?} starts at {:.1} mm",
                    l.text,
                    Pt(l.x0).to_mm().0
                );
                at_margin += usize::from(i > 0);
            }
        }
        assert!(at_margin > 10, "{name}: few lines at the margin");
        // The first line of a full page sits on the grid's first line: 37 mm plus the line's
        // centred baseline.
        let first = element_lines(&layout, &kinds)
            .into_iter()
            .flatten()
            .find(|l| l.page == 1)
            .expect("a second page");
        assert!((first.baseline - GBT9704.baseline(0, Pt(16.0)).0).abs() < TOL);
    }
}

#[test]
fn full_lines_hold_28_characters_and_end_at_the_right_edge() {
    let right = (GBT9704.left + GBT9704.body_width).to_pt().0;
    let pitch = GBT9704.char_pitch().0;
    for name in EXAMPLES {
        let (_, layout) = laid_out(name);
        let mut plain = 0;
        for lines in element_lines(&layout, &[ElementKind::P]) {
            let n = lines.len();
            for (i, l) in lines.iter().enumerate().take(n.saturating_sub(1)) {
                assert!(
                    (l.x1 - right).abs() < TOL,
                    "{name}: {:?} ends at {:.2} mm",
                    l.text,
                    Pt(l.x1).to_mm().0
                );
                // A line of full-width characters only, none squeezed: exactly 28 to a line.
                if l.advances.iter().all(|a| (a - pitch).abs() < 0.01) {
                    let expected = if i == 0 { 26 } else { 28 };
                    assert_eq!(l.text.chars().count(), expected, "{name}: {:?}", l.text);
                    plain += 1;
                }
            }
        }
        assert!(plain > 5, "{name}: only {plain} plain full lines");
    }
}

#[test]
fn full_pages_hold_22_lines() {
    for name in EXAMPLES {
        let (_, layout) = laid_out(name);
        // Pages of text only (no table rules), between the title page and the last page.
        for p in 1..layout.pages.len() - 1 {
            if layout.pages[p]
                .items
                .iter()
                .any(|i| matches!(i, Item::Rule(_)))
            {
                continue;
            }
            let lines: std::collections::BTreeSet<u32> = text_runs(&layout, p)
                .filter(|r| r.size.0 == 16.0)
                .filter_map(|r| grid_line(r.origin.y.0))
                .collect();
            if lines.len() == 22 {
                continue;
            }
            // Only a heading kept with what follows (one line free) or a paragraph moving two
            // lines to the next page rather than leaving one alone (up to two) ends a page early.
            assert!(lines.len() >= 20, "{name} page {}", p + 1);
        }
    }
}

#[test]
fn nothing_is_drawn_outside_the_body_but_page_numbers() {
    let (l, t) = (GBT9704.left.to_pt().0, GBT9704.top.to_pt().0);
    let (r, b) = (
        (GBT9704.left + GBT9704.body_width).to_pt().0,
        (GBT9704.top + GBT9704.body_height).to_pt().0,
    );
    let inside = |x: f32, y: f32| x > l - TOL && x < r + TOL && y > t - TOL && y < b + TOL;
    for name in EXAMPLES {
        let (_, layout) = laid_out(name);
        for (p, page) in layout.pages.iter().enumerate() {
            for item in &page.items {
                match item {
                    Item::Text(run) if run.size.0 == 14.0 => {
                        assert!(run.origin.y.0 > b, "{name}: page number inside the body");
                    }
                    Item::Text(run) => {
                        for g in glyph_boxes(run) {
                            assert!(
                                inside(g.x0, g.y0) && inside(g.x1, g.y1),
                                "{name} page {}: {:?} outside the body",
                                p + 1,
                                run.text
                            );
                        }
                    }
                    Item::Rule(rule) => {
                        assert!(inside(rule.from.x.0, rule.from.y.0), "{name}");
                        assert!(inside(rule.to.x.0, rule.to.y.0), "{name}");
                    }
                }
            }
        }
    }
}

#[test]
fn no_two_glyphs_overlap() {
    for name in EXAMPLES {
        let (_, layout) = laid_out(name);
        for p in 0..layout.pages.len() {
            let mut boxes: Vec<(GlyphBox, &str)> = text_runs(&layout, p)
                .flat_map(|r| {
                    glyph_boxes(r)
                        .into_iter()
                        .map(move |b| (b, r.text.as_str()))
                })
                .collect();
            boxes.sort_by(|a, b| a.0.x0.total_cmp(&b.0.x0));
            for i in 0..boxes.len() {
                for j in i + 1..boxes.len() {
                    let (a, b) = (boxes[i].0, boxes[j].0);
                    if b.x0 >= a.x1 - 0.01 {
                        break;
                    }
                    let overlap_y = a.y0 < b.y1 - 0.01 && b.y0 < a.y1 - 0.01;
                    assert!(
                        !overlap_y,
                        "{name} page {}: glyphs of {:?} and {:?} overlap",
                        p + 1,
                        boxes[i].1,
                        boxes[j].1
                    );
                }
            }
        }
    }
}

#[test]
fn page_numbers_sit_outside_on_odd_and_even_pages() {
    let left = GBT9704.left.to_pt().0;
    let right = (GBT9704.left + GBT9704.body_width).to_pt().0;
    let top = GBT9704.page_number_top().0;
    for name in EXAMPLES {
        let (_, layout) = laid_out(name);
        assert!(layout.pages.len() >= 2);
        for (p, page) in layout.pages.iter().enumerate() {
            let runs: Vec<&GlyphRun> = text_runs(&layout, p).filter(|r| r.size.0 == 14.0).collect();
            assert_eq!(runs.len(), 1, "{name} page {}", p + 1);
            let run = runs[0];
            assert_eq!(run.text, format!("— {} —", page.number));
            assert_eq!(run.tag, Tag::Artifact);
            let em_top = run.origin.y.0 - 0.88 * 14.0;
            assert!((em_top - top).abs() < TOL, "7 mm below the body");
            assert!((Pt(em_top).to_mm().0 - 269.0).abs() < 0.5);
            if page.number % 2 == 1 {
                let end = run.origin.x.0 + run.width().0;
                assert!(
                    (end - (right - 14.0)).abs() < TOL,
                    "odd: one character in from the right"
                );
            } else {
                assert!(
                    (run.origin.x.0 - (left + 14.0)).abs() < TOL,
                    "even: one character in from the left"
                );
            }
        }
    }
}

#[test]
fn every_table_cell_shows_its_text_inside_its_rules() {
    for name in EXAMPLES {
        let (report, layout) = laid_out(name);
        let tables: Vec<Table> = report
            .flow()
            .into_iter()
            .filter_map(|b| match b {
                Block::Table(id) => Some(Table::new(id, report.format())),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 3);
        for table in &tables {
            for (i, cell) in table.cells.iter().enumerate() {
                let pieces: Vec<_> = layout
                    .cells
                    .iter()
                    .filter(|c| c.table == table.id && c.cell == i && !c.repeated)
                    .collect();
                assert!(
                    !pieces.is_empty(),
                    "{name}: cell {i} of {:?} not drawn",
                    table.id
                );
                let shown: String = pieces.iter().map(|c| c.text.as_str()).collect();
                assert_eq!(
                    shown,
                    table.cell_text(&report, cell),
                    "{name} {:?}",
                    table.id
                );
            }
        }
        // Every run of a piece lies inside the piece's rules.
        for c in &layout.cells {
            let inside: String = text_runs(&layout, c.page)
                .filter(|r| {
                    glyph_boxes(r).iter().all(|g| {
                        g.x0 >= c.top_left.x.0 - 0.01
                            && g.x1 <= c.bottom_right.x.0 + 0.01
                            && g.y0 >= c.top_left.y.0 - 0.01
                            && g.y1 <= c.bottom_right.y.0 + 0.01
                    })
                })
                .map(|r| r.text.as_str())
                .collect();
            assert_eq!(inside, c.text, "{name}: cell {} of {:?}", c.cell, c.table);
        }
    }
}

#[test]
fn the_vertical_cell_is_set_one_character_per_line() {
    let (_, layout) = laid_out("linjiang-2024.toml");
    let piece = layout
        .cells
        .iter()
        .find(|c| c.text.starts_with("三、本年度"))
        .expect("the 三、本年度办理结果 cell");
    let runs: Vec<&GlyphRun> = text_runs(&layout, piece.page)
        .filter(|r| {
            r.origin.x.0 >= piece.top_left.x.0
                && r.origin.x.0 <= piece.bottom_right.x.0
                && r.origin.y.0 >= piece.top_left.y.0
                && r.origin.y.0 <= piece.bottom_right.y.0
        })
        .collect();
    assert_eq!(runs.len(), "三、本年度办理结果".chars().count());
    assert!(runs.iter().all(|r| r.text.chars().count() == 1));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let report = example("linjiang-2024.toml");
    let a = pdf(&report);
    let b = pdf(&report);
    assert!(a == b, "two renders differ");
    let at = |t| PdfOptions {
        timestamp: Some(t),
        ..PdfOptions::default()
    };
    // The report's 成文日期 wins over SOURCE_DATE_EPOCH (realize::created).
    let c = render(&report, book(), &at(1_700_000_000)).unwrap();
    assert!(a == c, "the 成文日期 is the creation date");
    assert!(String::from_utf8_lossy(&a).contains("2025-01-20T00:00:00"));
    // Without one, the timestamp is written.
    let undated = parse(&example_text("linjiang-2024.toml").replace("date = 2025-01-20\n", ""));
    let c = render(&undated, book(), &at(1_700_000_000)).unwrap();
    let d = render(&undated, book(), &at(1_700_000_000)).unwrap();
    assert!(c == d);
    let text = String::from_utf8_lossy(&c);
    assert!(
        text.contains("2023-11-14T22:13:20"),
        "creation date from the timestamp"
    );
}

#[test]
fn a_font_book_used_before_gives_the_same_bytes() {
    // The faces of a FontBook keep per-glyph work (glyph programs, bounding boxes) for later
    // reports: a report rendered after others must come out exactly as from a fresh FontBook.
    let reports = ["xingan-2024.toml", "linjiang-2024.toml", "qinghe-2020.toml"].map(example);
    let options = PdfOptions::default();
    let shared = FontBook::new(FontOptions::bundled_only());
    let warm: Vec<Vec<u8>> = reports
        .iter()
        .chain(&reports)
        .map(|r| render(r, &shared, &options).unwrap())
        .collect();
    for (i, report) in reports.iter().enumerate() {
        let fresh = FontBook::new(FontOptions::bundled_only());
        let cold = render(report, &fresh, &options).unwrap();
        assert!(
            cold == warm[i] && cold == warm[i + reports.len()],
            "report {i}: the PDF depends on what the FontBook rendered before"
        );
    }
}

#[test]
fn embedded_font_programs_decompress_to_cff() {
    // Font programs are deflated apart from the other streams (a lower level, on two threads):
    // each must still be a complete zlib stream holding a CFF font.
    let bytes = pdf(&example("xingan-2024.toml"));
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let mut programs = 0;
    for object in doc.objects.values() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        let subtype = stream.dict.get(b"Subtype").and_then(|s| s.as_name());
        if subtype.ok() != Some(b"CIDFontType0C".as_slice()) {
            continue;
        }
        let cff = stream
            .decompressed_content()
            .expect("the font program inflates");
        assert!(
            cff.len() > 100 && cff[0] == 1,
            "a CFF font (major version 1)"
        );
        programs += 1;
    }
    assert_eq!(programs, 5, "title, body, two headings, table fonts");
}

#[test]
fn fonts_are_embedded_as_subsets_with_metadata() {
    let report = example("xingan-2024.toml");
    let bytes = pdf(&report);
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let mut fonts = 0;
    for (_, page) in doc.get_pages() {
        for (_, font) in doc.get_page_fonts(page).unwrap() {
            let base = font.get(b"BaseFont").unwrap().as_name().unwrap();
            let base = String::from_utf8_lossy(base);
            assert!(
                base.len() > 7
                    && base.as_bytes()[6] == b'+'
                    && base[..6].chars().all(|c| c.is_ascii_uppercase()),
                "subset tag in {base}"
            );
            fonts += 1;
        }
    }
    assert!(fonts >= 5);
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("zh-CN"), "language");
    assert!(
        !text.contains("/FontFile2") || text.contains("/FontFile"),
        "fonts embedded"
    );
}

/// Structure element types of the tag tree, depth first.
fn structure_types(bytes: &[u8]) -> Vec<String> {
    use lopdf::Object;
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let root = doc.catalog().unwrap();
    let tree = doc
        .dereference(root.get(b"StructTreeRoot").unwrap())
        .unwrap()
        .1;
    let mut out = Vec::new();
    fn walk(doc: &lopdf::Document, o: &Object, out: &mut Vec<String>) {
        let (_, o) = doc.dereference(o).unwrap();
        match o {
            Object::Array(items) => items.iter().for_each(|i| walk(doc, i, out)),
            Object::Dictionary(d) => {
                if let Ok(s) = d.get(b"S").and_then(|s| s.as_name()) {
                    out.push(String::from_utf8_lossy(s).into_owned());
                }
                if let Ok(k) = d.get(b"K") {
                    walk(doc, k, out);
                }
            }
            _ => {}
        }
    }
    walk(&doc, tree, &mut out);
    out
}

#[test]
fn the_pdf_is_tagged_in_reading_order() {
    let report = example("linjiang-2024.toml");
    let types = structure_types(&pdf(&report));
    let count = |t: &str| types.iter().filter(|s| *s == t).count();
    assert_eq!(count("H1"), 6);
    assert_eq!(count("H2"), 1);
    assert_eq!(count("Table"), 3);
    assert!(count("TH") > 20 && count("TD") > 100);
    assert!(count("P") > 10);
    let first_h1 = types.iter().position(|t| t == "H1").unwrap();
    let first_table = types.iter().position(|t| t == "Table").unwrap();
    assert!(first_h1 < first_table);
}

#[test]
fn pdf_a_2b_validates() {
    for name in EXAMPLES {
        let report = example(name);
        let options = PdfOptions {
            pdfa: true,
            // xingan-2024 has no 成文日期; PDF/A needs a date, so the caller passes one.
            timestamp: report.date().is_none().then_some(1_737_331_200),
            ..PdfOptions::default()
        };
        let bytes = render(&report, book(), &options).unwrap_or_else(|d| panic!("{name}: {d:?}"));
        assert!(String::from_utf8_lossy(&bytes).contains("pdfaid"), "{name}");
    }
    let report = example("xingan-2024.toml");
    let options = PdfOptions {
        pdfa: true,
        ..PdfOptions::default()
    };
    let errors = render(&report, book(), &options).unwrap_err();
    assert_eq!(errors[0].code, "pdfa-date");
}

#[test]
fn a_character_no_font_has_is_an_error_naming_it_and_its_place() {
    let toml = example_text("linjiang-2024.toml").replace(
        "本年度未收取政府信息处理费。",
        "本年度未收取😀政府信息处理费。",
    );
    let report = parse(&toml);
    let errors = render(&report, book(), &PdfOptions::default()).unwrap_err();
    assert_eq!(errors.len(), 1);
    let e = &errors[0];
    assert_eq!(e.code, "missing-glyph");
    assert!(
        e.message.contains("😀") && e.message.contains("U+1F600") && e.message.contains("正文")
    );
    let loc = e.location.as_ref().expect("points into the TOML").display();
    let line = toml.lines().position(|l| l.contains('😀')).unwrap() + 1;
    assert!(loc.ends_with(&format!(":{line}:7")), "{loc}");
    // The font summary says the same.
    let summary = book().report(Some(&report));
    assert!(
        summary
            .chars
            .iter()
            .any(|c| c.ch == '😀' && c.face.is_none())
    );
}

#[test]
fn a_character_fandol_lacks_falls_back_to_noto() {
    let toml = example_text("linjiang-2024.toml").replace("本年度未收取", "啰本年度未收取");
    let report = parse(&toml);
    let summary = book().report(Some(&report));
    let fallback = summary
        .chars
        .iter()
        .find(|c| c.ch == '啰')
        .expect("啰 falls back");
    let (path, _) = fallback.face.as_ref().unwrap();
    assert!(path.ends_with("NotoSerifSC-Regular-subset.otf"));
    assert!(summary.problems.is_empty());
    let body = &summary.roles[1];
    assert!(body.faces[0].0.ends_with("FandolFang-Regular.otf"));
    let runs = extract(&pdf(&report));
    let content: String = runs
        .iter()
        .filter(|r| !r.artifact)
        .map(|r| r.text.as_str())
        .collect();
    assert!(content.contains("啰本年度未收取"));
}

#[test]
fn a_font_named_in_the_report_that_is_missing_is_an_error() {
    let toml = example_text("linjiang-2024.toml").replace(
        "preamble = \"\"\"",
        "[fonts]\nbody = \"不存在的字体\"\n\npreamble = \"\"\"",
    );
    // [fonts] must come after the top-level keys; put it at the end instead.
    let toml = if nianbao::input::parse(Arc::new(Source::new("t.toml", toml.as_str()))).is_ok() {
        toml
    } else {
        format!(
            "{}\n[fonts]\nbody = \"不存在的字体\"\n",
            example_text("linjiang-2024.toml")
        )
    };
    let report = parse(&toml);
    let errors = render(&report, book(), &PdfOptions::default()).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.code == "font-not-found" && e.location.is_some())
    );
}

#[test]
fn odd_inputs_render_without_panicking() {
    let base = example_text("linjiang-2024.toml");
    let long_title = "title = \"某某省某某市某某区某某街道办事处关于二〇二四年度政府信息公开工作情况的年度报告材料汇编\"";
    let variants = [
        base.replace(
            "title = \"\"\"\n临江市自然资源和规划局\n2024年政府信息公开工作年度报告\n\"\"\"",
            long_title,
        ),
        base.replace("licensing  = 1528", "licensing  = 999999999999")
            .replace("review            = [2, 1, 0, 1, 4]", "review = [999999999999, 999999999999, 0, 1, 4]")
            .replace("fees       = 8.3620", "fees       = 99999999.9999"),
        base.replace(
            "本年度未收取政府信息处理费。",
            "https://www.example.gov.cn/zwgk/xxgk/nianbao/2024/index_detail_very_long_path_without_breaks.html，“”（）《》……——，。！？",
        ),
        base.replace("signature = \"临江市自然资源和规划局\"", "signature = \"临江市自然资源和规划局临江市自然资源和规划局临江市自然资源和规划局\""),
    ];
    for (i, toml) in variants.iter().enumerate() {
        assert_ne!(toml, &base, "variant {i} changed nothing");
        let report = parse(toml);
        let bytes = render(&report, book(), &PdfOptions::default())
            .unwrap_or_else(|d| panic!("variant {i}: {d:?}"));
        let runs = extract(&bytes);
        let content: String = runs
            .iter()
            .filter(|r| !r.artifact)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(content, expected_text(&report), "variant {i}");
    }
}

#[test]
fn the_title_is_broken_after_the_agency_and_centred() {
    let (_, layout) = laid_out("xingan-2024.toml");
    let title: Vec<&GlyphRun> = text_runs(&layout, 0).filter(|r| r.size.0 == 22.0).collect();
    let texts: Vec<&str> = title.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["兴安区", "2024年政府信息公开工作年度报告"]);
    let centre = (GBT9704.left + GBT9704.body_width / 2.0).to_pt().0;
    for r in title {
        assert!((r.origin.x.0 + r.width().0 / 2.0 - centre).abs() < 0.01);
    }
    // Two empty grid lines below the title: the preamble starts on grid line 4.
    let first = text_runs(&layout, 0).find(|r| r.size.0 == 16.0).unwrap();
    assert_eq!(grid_line(first.origin.y.0), Some(4));
}

#[test]
fn headings_are_never_the_last_line_of_a_page() {
    for name in EXAMPLES {
        let (_, layout) = laid_out(name);
        for lines in element_lines(&layout, &[ElementKind::H1, ElementKind::H2]) {
            for l in &lines {
                assert_ne!(
                    grid_line(l.baseline),
                    Some(21),
                    "{name}: {:?} is last on its page",
                    l.text
                );
            }
        }
    }
}

#[test]
fn the_signature_block_follows_7_3_5_2() {
    let (_, layout) = laid_out("linjiang-2024.toml");
    let lines = element_lines(&layout, &[ElementKind::P]);
    let n = lines.len();
    let (sig, date) = (&lines[n - 2][0], &lines[n - 1][0]);
    assert_eq!(sig.text, "临江市自然资源和规划局");
    assert_eq!(date.text, "2025年1月20日");
    let pitch = GBT9704.char_pitch().0;
    let right = (GBT9704.left + GBT9704.body_width).to_pt().0;
    assert!((sig.x1 - (right - 2.0 * pitch)).abs() < TOL, "署名右空二字");
    assert!(
        (date.x0 - (sig.x0 + 2.0 * pitch)).abs() < TOL,
        "日期首字右移二字"
    );
    let (gs, gd) = (
        grid_line(sig.baseline).unwrap(),
        grid_line(date.baseline).unwrap(),
    );
    assert_eq!(gd, gs + 1);
    let last_text = &lines[n - 3];
    let gl = grid_line(last_text.last().unwrap().baseline).unwrap();
    assert_eq!(gs, gl + 2, "one empty line above the 署名");
}

/// The layout of every example as text (tests/snapshots/*.layout.txt), reviewed like code: a change
/// in layout shows up as a diff. Re-bless with
/// `NIANBAO_BLESS=1 cargo test --release --test suite pdf::` (that run fails on purpose; review
/// `git diff` and rerun without it).
#[test]
fn layout_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut snapshots = Snapshots::from_env();
    for name in EXAMPLES {
        let (_, layout) = laid_out(name);
        let dump = nianbao::layout::dump(&layout);
        snapshots.check(&dir.join(name.replace(".toml", ".layout.txt")), &dump);
    }
    snapshots.finish();
}

#[test]
fn the_font_book_is_shared_across_threads() {
    fn shared<T: Send + Sync + Clone>() {}
    shared::<FontBook>();
    let report = example("qinghe-2020.toml");
    let one = pdf(&report);
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let book = book().clone();
            let report = report.clone();
            std::thread::spawn(move || render(&report, &book, &PdfOptions::default()).unwrap())
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap() == one);
    }
}

#[test]
fn layout_dump_is_readable() {
    let (_, layout) = laid_out("xingan-2024.toml");
    let dump = nianbao::layout::dump(&layout);
    assert!(dump.starts_with("font 0 "));
    assert!(dump.contains("page 1\n"));
    assert!(dump.contains("\"一、总体情况\""));
    let structure: Vec<&Element> = layout.structure.iter().collect();
    assert!(matches!(structure[0].kind, ElementKind::Title));
}

#[test]
fn fonts_named_in_the_report_are_used_first() {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let kai = fonts.join("FandolKai-Regular.otf");
    let toml = format!(
        "{}\n[fonts]\nbody = \"{}\"\ntitle = \"FandolHei\"\n",
        example_text("xingan-2024.toml"),
        kai.display()
    );
    let report = parse(&toml);
    let book = FontBook::new(FontOptions {
        font_dirs: vec![fonts],
        ..FontOptions::bundled_only()
    });
    let summary = book.report(Some(&report));
    assert!(summary.problems.is_empty(), "{:?}", summary.problems);
    let first = |i: usize| summary.roles[i].faces[0].clone();
    let (path, _, origin) = first(1);
    assert!(path.ends_with("FandolKai-Regular.otf"));
    assert_eq!(origin, nianbao::fonts::Origin::User);
    let (path, family, origin) = first(0);
    assert!(path.ends_with("FandolHei-Regular.otf"), "{family}");
    assert_eq!(origin, nianbao::fonts::Origin::User);
    // The bundled file stays a candidate after the user's choice.
    assert!(
        summary.roles[1]
            .faces
            .iter()
            .any(|f| f.0.ends_with("FandolFang-Regular.otf"))
    );
    assert!(summary.render().contains("正文（仿宋_GB2312）：FandolKai"));
    render(&report, &book, &PdfOptions::default()).expect("renders");
}

#[test]
fn the_signature_never_stands_alone_on_a_page() {
    let base = example_text("linjiang-2024.toml");
    let anchor = "办理结果已全部公开。";
    let mut tried_break = false;
    // A whole page of filler (22 lines × 28 characters ≈ 310 × "加强"), so some length breaks there.
    for n in 0..320 {
        let filler: String = "加强".repeat(n);
        let toml = base.replace(anchor, &format!("{filler}{anchor}"));
        let report = parse(&toml);
        let layout = layout_report(&report, book()).unwrap();
        let last = layout.pages.len() - 1;
        let lines: Vec<&GlyphRun> = text_runs(&layout, last)
            .filter(|r| r.size.0 == 16.0)
            .collect();
        let sig = lines
            .iter()
            .position(|r| r.text == "临江市自然资源和规划局")
            .expect("signature on the last page");
        assert!(sig > 0, "filler {n}: the 署名 opens its page alone");
        // Pushed to a new page: the page starts with the lines carried with it (two of a long
        // paragraph, or a short paragraph whole) and the empty line.
        tried_break |= grid_line(lines[0].origin.y.0) == Some(0) && (1..=3).contains(&sig);
        let problems = typeset_problems(&format!("filler {n}"), &report, &layout);
        assert!(problems.is_empty(), "{problems:?}");
    }
    assert!(
        tried_break,
        "no filler length pushed the signature to a new page"
    );
}

// ---- The PDF's rules, read back from its content streams ----

/// A stroked straight segment as drawn in the PDF (page, from, to, line width), in krilla's
/// y-down page space, as the text positions above.
#[derive(Debug, Clone, Copy)]
struct PdfRule {
    page: usize,
    from: (f32, f32),
    to: (f32, f32),
    width: f32,
}

/// Every stroked two-point path of every page: `w` sets the width, `m`/`l` the points, `S`
/// strokes them.
fn extract_rules(bytes: &[u8]) -> Vec<PdfRule> {
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the PDF");
    let mut out = Vec::new();
    for (p, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page_id)).unwrap();
        let (mut width, mut path) = (1.0, Vec::new());
        let num = |o: &lopdf::Object| o.as_float().unwrap();
        for op in content.operations {
            match op.operator.as_str() {
                "w" => width = num(&op.operands[0]),
                "m" => path = vec![(num(&op.operands[0]), num(&op.operands[1]))],
                "l" => path.push((num(&op.operands[0]), num(&op.operands[1]))),
                "S" => {
                    if let [from, to] = path[..] {
                        out.push(PdfRule {
                            page: p,
                            from,
                            to,
                            width,
                        });
                    }
                    path.clear();
                }
                _ => {}
            }
        }
    }
    out
}

#[test]
fn the_pdf_draws_every_table_rule_of_the_layout() {
    for name in EXAMPLES {
        let (report, layout) = laid_out(name);
        let drawn = extract_rules(&pdf(&report));
        let mut expected = 0;
        for (p, page) in layout.pages.iter().enumerate() {
            for item in &page.items {
                let Item::Rule(r) = item else { continue };
                expected += 1;
                let near = |a: (f32, f32), b: nianbao::layout::Point| {
                    (a.0 - b.x.0).abs() < 0.01 && (a.1 - b.y.0).abs() < 0.01
                };
                assert!(
                    drawn.iter().any(|d| d.page == p
                        && (d.width - r.width.0).abs() < 0.01
                        && ((near(d.from, r.from) && near(d.to, r.to))
                            || (near(d.from, r.to) && near(d.to, r.from)))),
                    "{name} page {}: rule {r:?} is not in the PDF",
                    p + 1
                );
            }
        }
        assert_eq!(drawn.len(), expected, "{name}: the PDF draws other rules");
        // The tables are ruled: every page with table text has rules enclosing it.
        for (p, _) in layout.pages.iter().enumerate() {
            let table_text = text_runs(&layout, p).any(|r| r.size.0 < 12.0);
            let rules = drawn.iter().filter(|d| d.page == p).count();
            assert!(
                !table_text || rules >= 4,
                "{name} page {}: a table without rules",
                p + 1
            );
        }
    }
}

// ---- Typesetting rules, measured on the laid-out pages ----

/// The least height a table needs to start on a page, measured on the table as drawn on `page`:
/// its header rows and its body rows down to the first place issue 9 lets it break — at least
/// three body rows (half the body of a small table), never inside a merged cell (nor between rows
/// the table keeps together), except the tall vertical one, whose piece must hold its text two
/// characters a line at 六号 (7.5 pt, lines 1.3 apart) within its padding.
fn least_first_fragment(t: &Table, report: &Report, layout: &Layout, page: usize) -> Option<f32> {
    let drawn: Vec<_> = layout
        .cells
        .iter()
        .filter(|c| c.page == page && c.table == t.id)
        .collect();
    let row_height = |r: usize| {
        drawn
            .iter()
            .find(|c| t.cells[c.cell].row == r && t.cells[c.cell].rowspan == 1)
            .map(|c| c.bottom_right.y.0 - c.top_left.y.0)
    };
    let body = t.rows - t.header_rows;
    let least_rows = 3.min(body / 2).max(1);
    let pad = 2.0 * 0.8 * 72.0 / 25.4;
    let mut height: f32 = (0..t.header_rows)
        .map(|r| row_height(r).unwrap_or(0.0))
        .sum();
    for end in t.header_rows + 1..=t.rows {
        height += row_height(end - 1)?;
        if end == t.rows {
            return Some(height);
        }
        if end - t.header_rows < least_rows || t.rows - end < least_rows {
            continue;
        }
        let kept = t.keep_with_next[end - 1];
        let ok = !kept
            && t.cells.iter().all(|c| {
                let inside = c.row < end && end < c.row + c.rowspan;
                if !inside {
                    return true;
                }
                if !c.vertical {
                    return false;
                }
                let piece: f32 = (c.row..end).map(|r| row_height(r).unwrap_or(0.0)).sum();
                let chars = t.cell_text(report, c).chars().count();
                piece >= chars.div_ceil(2) as f32 * 7.5 * 1.3 + pad
            });
        if ok {
            return Some(height);
        }
    }
    None
}

/// Pages that break the typesetting rules of issue 9, with the reasons.
fn typeset_problems(name: &str, report: &Report, layout: &Layout) -> Vec<String> {
    use nianbao::tables::CellKind;
    let mut problems = Vec::new();
    let top = GBT9704.body_top().0;
    let height = GBT9704.body_height.to_pt().0;
    let bottom = top + height;
    let pitch = GBT9704.line_pitch().0;
    let mm = |pt: f32| pt * 25.4 / 72.0;
    let tables: HashMap<_, Table> = [
        nianbao::tables::TableId::Part2,
        nianbao::tables::TableId::Part3,
        nianbao::tables::TableId::Part4,
    ]
    .into_iter()
    .map(|id| (id, Table::new(id, report.format())))
    .collect();

    // Where each page's content ends (grid slot of its last line, or its last rule).
    let used: Vec<f32> = layout
        .pages
        .iter()
        .map(|page| {
            page.items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(r) if r.origin.y.0 < bottom => {
                        let slot = if r.size.0 >= 16.0 { pitch } else { r.size.0 };
                        Some(r.origin.y.0 + 0.12 * r.size.0 + (slot - r.size.0) / 2.0)
                    }
                    Item::Rule(r) => Some(r.from.y.0.max(r.to.y.0)),
                    _ => None,
                })
                .fold(top, f32::max)
        })
        .collect();
    // Blank at the foot of every page followed by more: at most a quarter of the 版心, unless
    // the next page starts with a table (after its heading) that could not have started here:
    // its least first fragment ([`least_first_fragment`]) did not fit in the blank.
    let followed = layout.pages.len().saturating_sub(1);
    for (p, &page_used) in used.iter().enumerate().take(followed) {
        let blank = bottom - page_used;
        if blank <= height / 4.0 + 0.5 {
            continue;
        }
        let first = layout
            .cells
            .iter()
            .filter(|c| c.page == p + 1)
            .min_by(|a, b| a.top_left.y.0.total_cmp(&b.top_left.y.0));
        let moved = first.filter(|c| c.top_left.y.0 < top + 2.0 * pitch + 1.0);
        let could_start_here = moved.is_some_and(|c| {
            let heading = c.top_left.y.0 - top;
            least_first_fragment(&tables[&c.table], report, layout, p + 1)
                .is_some_and(|least| heading + least <= blank - 1.0)
        });
        if moved.is_none() || could_start_here {
            problems.push(format!(
                "{name} page {}: {:.0} mm blank at the foot",
                p + 1,
                mm(blank)
            ));
        }
    }

    // Table fragments: at least 3 body rows each (or half the body of a small table), the header
    // repeated, a vertical merged cell showing its whole text in every part.
    for (id, t) in &tables {
        let mut pages: Vec<usize> = layout
            .cells
            .iter()
            .filter(|c| c.table == *id)
            .map(|c| c.page)
            .collect();
        pages.dedup();
        let body = t.rows - t.header_rows;
        for &p in &pages {
            let mut rows: Vec<usize> = layout
                .cells
                .iter()
                .filter(|c| c.table == *id && c.page == p && !c.repeated)
                .map(|c| &t.cells[c.cell])
                .filter(|c| c.row >= t.header_rows)
                .map(|c| c.row)
                .collect();
            rows.sort();
            rows.dedup();
            if pages.len() > 1 && rows.len() < 3.min(body / 2) {
                problems.push(format!(
                    "{name} page {}: {id:?} fragment of {} body rows",
                    p + 1,
                    rows.len()
                ));
            }
            let header = layout
                .cells
                .iter()
                .filter(|c| c.table == *id && c.page == p)
                .filter(|c| t.cells[c.cell].row < t.header_rows)
                .count();
            let headers = t.cells.iter().filter(|c| c.row < t.header_rows).count();
            if header != headers {
                problems.push(format!("{name} page {}: {id:?} header not repeated", p + 1));
            }
        }
        for c in layout.cells.iter().filter(|c| c.table == *id) {
            let cell = &t.cells[c.cell];
            if cell.vertical && c.text != t.cell_text(report, cell) {
                problems.push(format!(
                    "{name} page {}: the vertical cell shows {:?}",
                    c.page + 1,
                    c.text
                ));
            }
        }
    }

    // One header size per table; 1 mm padding left and right of every piece of table text.
    let mut header_sizes: HashMap<_, Vec<f32>> = HashMap::new();
    for (p, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            let Item::Text(r) = item else { continue };
            let (x, y) = (r.origin.x.0, r.origin.y.0);
            let Some(c) = layout.cells.iter().find(|c| {
                c.page == p
                    && c.top_left.x.0 <= x + 0.01
                    && x < c.bottom_right.x.0
                    && c.top_left.y.0 <= y
                    && y <= c.bottom_right.y.0
            }) else {
                continue;
            };
            let cell = &tables[&c.table].cells[c.cell];
            if cell.kind == CellKind::Header {
                let sizes = header_sizes.entry(c.table).or_default();
                if !sizes.contains(&r.size.0) {
                    sizes.push(r.size.0);
                }
            }
            let (left, right) = (x - c.top_left.x.0, c.bottom_right.x.0 - (x + r.width().0));
            if mm(left.min(right)) < 0.999 {
                problems.push(format!(
                    "{name} page {}: {:?} {:.2} mm from its cell's rule",
                    p + 1,
                    r.text,
                    mm(left.min(right))
                ));
            }
        }
    }
    for (id, sizes) in header_sizes {
        if sizes.len() != 1 || sizes[0] < 9.0 {
            problems.push(format!("{name}: {id:?} header sizes {sizes:?}"));
        }
    }

    // Orphans and widows: a paragraph across a page break keeps two lines on each side. A
    // heading keeps two lines of its paragraph (or the paragraph's only line), or its table.
    let mut runs_by_id: HashMap<usize, (usize, f32)> = HashMap::new();
    let mut text_of: HashMap<usize, &str> = HashMap::new();
    for (p, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text(r) = item
                && let Tag::Content(id) = r.tag
            {
                runs_by_id.insert(id, (p, r.origin.y.0));
                text_of.insert(id, &r.text);
            }
        }
    }
    fn ids(e: &Element, out: &mut Vec<usize>) {
        for c in &e.children {
            match c {
                Node::Content(id) => out.push(*id),
                Node::Element(e) => ids(e, out),
            }
        }
    }
    // Each element's lines as (page, baseline), in order.
    let lines: Vec<Vec<(usize, f32)>> = layout
        .structure
        .iter()
        .map(|e| {
            let mut all = Vec::new();
            ids(e, &mut all);
            let mut lines: Vec<(usize, f32)> = Vec::new();
            for id in all {
                let (p, y) = runs_by_id[&id];
                if !lines.iter().any(|&(q, z)| q == p && (z - y).abs() < 0.01) {
                    lines.push((p, y));
                }
            }
            lines
        })
        .collect();
    for (i, e) in layout.structure.iter().enumerate() {
        let here = &lines[i];
        match e.kind {
            ElementKind::P if here.len() > 1 => {
                let first_page = here[0].0;
                let on_first = here.iter().filter(|l| l.0 == first_page).count();
                if on_first < here.len() && (on_first < 2 || here.len() - on_first < 2) {
                    problems.push(format!(
                        "{name} page {}: a paragraph leaves a line alone",
                        first_page + 1
                    ));
                }
            }
            ElementKind::H1 | ElementKind::H2 => {
                let Some(&(page, _)) = here.last() else {
                    continue;
                };
                let Some(next) = lines.get(i + 1) else {
                    continue;
                };
                let need = match layout.structure[i + 1].kind {
                    ElementKind::P => next.len().min(2),
                    _ => 1,
                };
                if next.iter().filter(|l| l.0 == page).count() < need {
                    let mut first = Vec::new();
                    ids(e, &mut first);
                    problems.push(format!(
                        "{name} page {}: heading {:?} without what follows ({:?}, {} lines)",
                        page + 1,
                        first.first().map(|id| text_of[id]),
                        layout.structure[i + 1].kind,
                        next.len()
                    ));
                }
            }
            _ => {}
        }
    }
    problems
}

#[test]
fn the_examples_are_typeset_by_the_rules() {
    let mut problems = Vec::new();
    for name in EXAMPLES {
        let (report, layout) = laid_out(name);
        problems.extend(typeset_problems(name, &report, &layout));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn generated_reports_are_typeset_by_the_rules() {
    let mut problems = Vec::new();
    let mut pages = std::collections::BTreeMap::new();
    for seed in 0..200u64 {
        let target = 3 + (seed % 10) as u32;
        let report = parse(&nianbao::generate::report(seed, target).to_toml());
        let layout = layout_report(&report, book()).expect("lays out");
        *pages.entry(layout.pages.len()).or_insert(0) += 1;
        problems.extend(typeset_problems(&format!("seed {seed}"), &report, &layout));
    }
    assert!(
        pages.keys().next().is_some_and(|&p| p <= 4)
            && pages.keys().last().is_some_and(|&p| p >= 11),
        "page counts {pages:?}"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// ---- The PDF and the DOCX agree ----

fn docx_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

/// The text of every `<tag>…</tag>` in `xml`, in order.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(a) = rest.find(&open) {
        let after = &rest[a + open.len()..];
        if !after.starts_with(['>', ' ']) {
            rest = after;
            continue;
        }
        let Some(b) = after.find(&close) else { break };
        let inner = &after[..b];
        out.push(inner.split_once('>').map_or("", |x| x.1));
        rest = &after[b..];
    }
    out
}

#[test]
fn the_pdf_and_the_docx_agree_on_date_title_and_padding() {
    for (name, epoch) in EXAMPLES
        .iter()
        .flat_map(|n| [(n, None), (n, Some(1_700_000_000))])
    {
        let report = example(name);
        let options = PdfOptions {
            timestamp: epoch,
            ..PdfOptions::default()
        };
        let pdf = render(&report, book(), &options).unwrap();
        let docx =
            nianbao::docx::render_with(&report, &nianbao::docx::DocxOptions { created: epoch });

        // Creation date: the PDF's Info dictionary and the DOCX's core properties.
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let info = doc
            .trailer
            .get(b"Info")
            .and_then(|o| o.as_reference())
            .and_then(|r| doc.get_dictionary(r))
            .ok();
        let pdf_date = info
            .and_then(|i| i.get(b"CreationDate").ok())
            .and_then(|o| o.as_str().ok())
            .map(|s| String::from_utf8_lossy(s)[2..16].to_string());
        let core = docx_part(&docx, "docProps/core.xml");
        let docx_date = elements(&core, "dcterms:created").first().map(|s| {
            s.chars()
                .filter(char::is_ascii_digit)
                .take(14)
                .collect::<String>()
        });
        assert_eq!(pdf_date, docx_date, "{name} {epoch:?}: creation dates");
        assert!(
            pdf_date.is_some() || epoch.is_none(),
            "{name}: a date was given"
        );

        // Title lines: the PDF's 2号 runs on page 1 and the DOCX title paragraph's lines.
        let pdf_title: Vec<String> = extract(&pdf)
            .into_iter()
            .filter(|r| r.page == 0 && r.size == 22.0)
            .map(|r| r.text)
            .collect();
        let document = docx_part(&docx, "word/document.xml");
        let first = elements(&document, "w:p")[0];
        let docx_title: Vec<String> = first
            .split("<w:br/>")
            .map(|part| elements(part, "w:t").concat())
            .collect();
        assert_eq!(pdf_title, docx_title, "{name}: title lines");

        // Cell padding: the DOCX's cell margins, and the PDF's distance from a row label to its
        // cell's left rule.
        let (_, layout) = laid_out(name);
        let pdf_pad = layout
            .pages
            .iter()
            .enumerate()
            .flat_map(|(p, page)| page.items.iter().map(move |i| (p, i)))
            .filter_map(|(p, i)| match i {
                Item::Text(r) if r.size.0 < 12.0 => layout
                    .cells
                    .iter()
                    .find(|c| {
                        c.page == p
                            && c.top_left.x.0 <= r.origin.x.0
                            && r.origin.x.0 < c.bottom_right.x.0
                            && c.top_left.y.0 <= r.origin.y.0
                            && r.origin.y.0 <= c.bottom_right.y.0
                    })
                    .map(|c| r.origin.x.0 - c.top_left.x.0),
                _ => None,
            })
            .fold(f32::MAX, f32::min);
        let margins: Vec<i32> = elements(&document, "w:tblCellMar")
            .iter()
            .flat_map(|m| m.split("w:w=\"").skip(1))
            .map(|s| s.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert!(!margins.is_empty(), "{name}: the DOCX sets cell margins");
        for twips in margins {
            let docx_mm = twips as f32 / 20.0 * 25.4 / 72.0;
            let pdf_mm = pdf_pad * 25.4 / 72.0;
            assert!(
                (docx_mm - pdf_mm).abs() < 0.05 && pdf_mm >= 0.999,
                "{name}: DOCX {docx_mm:.2} mm, PDF {pdf_mm:.2} mm"
            );
        }
    }
}

#[test]
fn digits_and_latin_letters_are_set_in_a_times_metric_serif() {
    let (report, layout) = laid_out("linjiang-2024.toml");
    let family = |run: &GlyphRun| layout.faces[run.face].family().to_string();
    let mut seen = 0;
    for page in &layout.pages {
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            // The body's and the tables' own faces never set ASCII digits or letters.
            let ascii = run.text.chars().all(|c| c.is_ascii_alphanumeric());
            assert!(
                !(ascii && ["FandolFang R", "FandolSong"].contains(&family(run).as_str())),
                "{:?} in {}",
                run.text,
                family(run)
            );
            seen += usize::from(ascii && family(run) == "Liberation Serif");
            if !run.text.is_ascii() {
                assert_ne!(family(run), "Liberation Serif", "{:?}", run.text);
            }
        }
    }
    assert!(seen > 50, "digits in the body and the tables: {seen}");
    // The DOCX names Times New Roman for ASCII text of the body and the tables.
    let docx = nianbao::docx::render(&report);
    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains(
        "w:ascii=\"Times New Roman\" w:eastAsia=\"仿宋_GB2312\" w:hAnsi=\"Times New Roman\""
    ));
    assert!(
        document.contains(
            "w:ascii=\"Times New Roman\" w:eastAsia=\"宋体\" w:hAnsi=\"Times New Roman\""
        )
    );
}

#[test]
fn the_docx_keeps_table_3_and_its_merged_cells_on_one_page() {
    for name in EXAMPLES {
        let report = example(name);
        let document = docx_part(&nianbao::docx::render(&report), "word/document.xml");
        // Table 三 is the second table: every row unsplittable, every row but the last kept with
        // the next (so Word and LibreOffice move it whole, as the PDF sets it on one page).
        let table = elements(&document, "w:tbl")[1];
        let rows = elements(table, "w:tr");
        assert_eq!(
            rows.len(),
            Table::new(nianbao::tables::TableId::Part3, report.format()).rows
        );
        for (r, row) in rows.iter().enumerate() {
            assert!(row.contains("<w:cantSplit/>"), "{name} row {r}");
            let paragraphs = elements(row, "w:p");
            let kept = paragraphs.iter().all(|p| p.contains("<w:keepNext/>"));
            assert_eq!(kept, r + 1 < rows.len(), "{name} row {r}: keepNext");
        }
    }
}

#[test]
fn table_3_with_five_digit_numbers_fits_one_page_with_its_heading() {
    use nianbao::model::values::ValueMut;
    use nianbao::tables::{Content, TableId};
    let mut at_top = 0;
    let reports = EXAMPLES
        .iter()
        .map(|name| (name.to_string(), example(name)))
        .chain((0..100u64).map(|seed| {
            let toml = nianbao::generate::report(seed, 3 + (seed % 10) as u32).to_toml();
            (format!("seed {seed}"), parse(&toml))
        }));
    for (name, mut report) in reports {
        let name = name.as_str();
        let t = Table::new(TableId::Part3, report.format());
        for cell in &t.cells {
            if let Content::Value(v) = cell.content
                && let Some(ValueMut::Count(c)) = report.get_mut(v)
            {
                *c = nianbao::model::Count::computed(99_999).unwrap();
            }
        }
        let layout = layout_report(&report, book()).unwrap();
        let cells: Vec<_> = layout
            .cells
            .iter()
            .filter(|c| c.table == TableId::Part3)
            .collect();
        assert!(cells.iter().any(|c| c.text == "99999"), "{name}");
        let first = cells[0].page;
        // Table 三 starts a page here (after its heading): it is all on that page.
        let top = GBT9704.body_top().0 + GBT9704.line_pitch().0;
        if (cells[0].top_left.y.0 - top).abs() < 1.0 {
            assert!(
                cells.iter().all(|c| c.page == first),
                "{name}: table 三 split"
            );
            at_top += 1;
        }
        assert!(
            typeset_problems(name, &report, &layout).is_empty(),
            "{name}: {:?}",
            typeset_problems(name, &report, &layout)
        );
    }
    assert!(at_top >= 2, "table 三 starts a page in {at_top} reports");
}
