//! The OFD writer (issue 14): every example's package is opened with the zip crate, its parts read
//! back with quick-xml's reader, and checked against the structure rules of GB/T 33190-2016, the
//! layout (text and positions) and a second rendering (same bytes).
//!
//! Rules checked, by clause of GB/T 33190-2016 (7.1 and figures 3, 5, 6 as cited by the ofdrw
//! implementation; the other clause numbers from the standard's chapters 7 文档结构 and 11 文字):
//! - 7.1: elements in the namespace http://www.ofdspec.org/2016.
//! - 7.3: the package holds OFD.xml at its root; every location below resolves to a file in it.
//! - 7.4 (figure 3): OFD.xml's root OFD has Version="1.0" and DocType="OFD"; DocBody holds DocInfo
//!   then DocRoot; DocInfo's children in the schema's order (DocID, Title, Author, Subject,
//!   Abstract, CreationDate, ModDate, DocUsage, Cover, Keywords, Creator, CreatorVersion).
//! - 7.5 (figures 5, 6): Document.xml holds CommonData, Pages, Outlines in this order; CommonData
//!   holds MaxUnitID, PageArea, PublicRes in this order; PageArea's PhysicalBox is A4
//!   (0 0 210 297); every ID of the document is unique, positive and at most MaxUnitID.
//! - 7.6: every Pages/Page has an ID and a BaseLoc resolving to a page file.
//! - 7.7: a page file's root is Page; Area before Content; Content holds Layers.
//! - 7.9: PublicRes's root Res has a BaseLoc; each Fonts/Font has an ID and a FontName; FontFile
//!   resolves (relative to BaseLoc) to a font in the package.
//! - 11.2: every TextObject's Font refers to a Font of PublicRes; TextCode has X and Y, and one
//!   DeltaX value fewer than it has characters.
//! - Outlines: six OutlineElems (the six parts), each Dest referring to a page of Pages.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use crate::common;

use nianbao::fonts::{FontBook, FontOptions};
use nianbao::layout::{Item, Layout};
use nianbao::model::Report;
use nianbao::ofd::{OfdOptions, export};
use quick_xml::events::Event;
use skrifa::MetadataProvider;

const NS: &str = "http://www.ofdspec.org/2016";

/// An element read back: local name, attributes, children, text.
#[derive(Debug, Default)]
struct El {
    name: String,
    ns_ok: bool,
    attrs: HashMap<String, String>,
    children: Vec<El>,
    text: String,
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }
    fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }
    fn names(&self) -> Vec<&str> {
        self.children.iter().map(|c| c.name.as_str()).collect()
    }
    fn walk<'a>(&'a self, out: &mut Vec<&'a El>) {
        out.push(self);
        for c in &self.children {
            c.walk(out);
        }
    }
}

/// Parses a part; `ns_ok` of every element says it has the `ofd:` prefix, and the root must bind
/// that prefix to the OFD namespace.
fn parse(xml: &[u8]) -> El {
    let xml = std::str::from_utf8(xml).expect("UTF-8 XML");
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<El> = vec![El::default()];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut().unwrap().children.push(el);
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(el);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.xml10_content().as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                stack.last_mut().unwrap().text.push_str(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut root = stack.pop().unwrap();
    assert_eq!(root.children.len(), 1, "one root element");
    let root = root.children.pop().unwrap();
    assert_eq!(root.attr("xmlns:ofd"), Some(NS), "7.1: the OFD namespace");
    root
}

fn element(e: &quick_xml::events::BytesStart) -> El {
    let name = e.name().as_ref().to_string();
    El {
        ns_ok: name.starts_with("ofd:"),
        name: name.trim_start_matches("ofd:").to_string(),
        attrs: common::xml::attributes(e),
        ..El::default()
    }
}

struct Package {
    files: HashMap<String, Vec<u8>>,
}

impl Package {
    fn open(bytes: &[u8]) -> Package {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a ZIP package");
        let mut files = HashMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            files.insert(f.name().unwrap().to_string(), data);
        }
        Package { files }
    }
    fn xml(&self, path: &str) -> El {
        parse(
            self.files
                .get(path)
                .unwrap_or_else(|| panic!("{path} is in the package")),
        )
    }
}

/// `base` joined with a relative location (no "..": the writer uses none).
fn join(base: &str, loc: &str) -> String {
    if base.is_empty() {
        loc.to_string()
    } else {
        format!("{base}/{loc}")
    }
}

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    assert!(v.len() >= 4, "the examples are there");
    v
}

fn render(path: &Path, book: &FontBook) -> (Report, Layout, Vec<u8>) {
    let report = nianbao::input::load(path).expect("example parses");
    let layout = nianbao::layout::layout_report(&report, book).expect("lays out");
    let bytes = export(&layout, &report, &OfdOptions::default()).expect("OFD");
    (report, layout, bytes)
}

fn book() -> FontBook {
    FontBook::new(FontOptions::bundled_only())
}

/// Checks the structure rules listed at the top on one package; returns Document.xml's page
/// locations in order.
fn check_structure(name: &str, pkg: &Package) -> Vec<String> {
    // 7.3, 7.4
    let ofd = pkg.xml("OFD.xml");
    assert!(ofd.ns_ok && ofd.name == "OFD", "{name}: OFD.xml root");
    assert_eq!(ofd.attr("Version"), Some("1.0"));
    assert_eq!(ofd.attr("DocType"), Some("OFD"));
    let body = ofd.child("DocBody").expect("DocBody");
    assert_eq!(
        body.names()[..2],
        ["DocInfo", "DocRoot"],
        "{name}: DocBody order"
    );
    let info = body.child("DocInfo").unwrap();
    let order = [
        "DocID",
        "Title",
        "Author",
        "Subject",
        "Abstract",
        "CreationDate",
        "ModDate",
        "DocUsage",
        "Cover",
        "Keywords",
        "Creator",
        "CreatorVersion",
    ];
    let positions: Vec<usize> = info
        .names()
        .iter()
        .map(|n| order.iter().position(|o| o == n).expect("a DocInfo child"))
        .collect();
    assert!(
        positions.is_sorted(),
        "{name}: DocInfo order {:?}",
        info.names()
    );
    assert_eq!(info.child("DocID").unwrap().text.len(), 32);
    assert_eq!(info.child("Creator").unwrap().text, "nianbao");
    let root = body.child("DocRoot").unwrap().text.clone();
    let doc_dir = root.rsplit_once('/').map_or("", |(d, _)| d).to_string();

    // 7.5
    let doc = pkg.xml(&root);
    assert!(doc.ns_ok && doc.name == "Document");
    assert_eq!(
        doc.names(),
        ["CommonData", "Pages", "Outlines"],
        "{name}: Document order"
    );
    let common = doc.child("CommonData").unwrap();
    assert_eq!(common.names(), ["MaxUnitID", "PageArea", "PublicRes"]);
    let max_id: u32 = common.child("MaxUnitID").unwrap().text.parse().unwrap();
    assert_eq!(
        common
            .child("PageArea")
            .unwrap()
            .child("PhysicalBox")
            .unwrap()
            .text,
        "0 0 210 297"
    );

    // 7.9, 11.1: fonts
    let res_path = join(&doc_dir, &common.child("PublicRes").unwrap().text);
    let res = pkg.xml(&res_path);
    assert!(res.ns_ok && res.name == "Res");
    let base = join(&doc_dir, res.attr("BaseLoc").expect("Res BaseLoc"));
    let mut all_ids: Vec<u32> = Vec::new();
    let mut font_ids = HashSet::new();
    for font in &res.child("Fonts").expect("Fonts").children {
        assert_eq!(font.name, "Font");
        let id: u32 = font.attr("ID").unwrap().parse().unwrap();
        all_ids.push(id);
        font_ids.insert(id);
        assert!(!font.attr("FontName").unwrap().is_empty());
        let file = join(&base, &font.child("FontFile").unwrap().text);
        assert!(pkg.files.contains_key(&file), "{name}: font file {file}");
    }

    // 7.6, 7.7, 11.2
    let mut page_ids = HashSet::new();
    let mut locations = Vec::new();
    for page in &doc.child("Pages").unwrap().children {
        let id: u32 = page.attr("ID").unwrap().parse().unwrap();
        page_ids.insert(id);
        all_ids.push(id);
        let loc = join(&doc_dir, page.attr("BaseLoc").unwrap());
        let content = pkg.xml(&loc);
        assert!(content.ns_ok && content.name == "Page");
        assert_eq!(content.names(), ["Area", "Content"]);
        let mut els = Vec::new();
        content.child("Content").unwrap().walk(&mut els);
        for el in els.iter().skip(1) {
            if let Some(id) = el.attr("ID") {
                all_ids.push(id.parse().unwrap());
            }
            if el.name == "TextObject" {
                let font: u32 = el.attr("Font").unwrap().parse().unwrap();
                assert!(font_ids.contains(&font), "{name}: TextObject font {font}");
                let code = el.child("TextCode").unwrap();
                assert!(code.attr("X").is_some() && code.attr("Y").is_some());
                let n = code.text.chars().count();
                let deltas = code.attr("DeltaX").map_or(0, |d| d.split(' ').count());
                assert_eq!(
                    deltas,
                    n.saturating_sub(1),
                    "{name}: DeltaX of {:?}",
                    code.text
                );
            }
        }
        locations.push(loc);
    }
    let unique: HashSet<u32> = all_ids.iter().copied().collect();
    assert_eq!(unique.len(), all_ids.len(), "{name}: IDs are unique");
    assert!(
        all_ids.iter().all(|&id| id >= 1 && id <= max_id),
        "{name}: IDs ≤ MaxUnitID"
    );
    assert_eq!(
        all_ids.iter().max(),
        Some(&max_id),
        "{name}: MaxUnitID is the largest ID"
    );

    // Outlines: one per part, each going to a page of the document.
    let outlines = &doc.child("Outlines").unwrap().children;
    assert_eq!(outlines.len(), 6, "{name}: six parts in the outline");
    for o in outlines {
        let mut els = Vec::new();
        o.walk(&mut els);
        let dest = els.iter().find(|e| e.name == "Dest").expect("Dest");
        let page: u32 = dest.attr("PageID").unwrap().parse().unwrap();
        assert!(page_ids.contains(&page), "{name}: outline to page {page}");
    }
    let titles: Vec<&str> = outlines.iter().map(|o| o.attr("Title").unwrap()).collect();
    assert!(
        titles[0].starts_with("一、") && titles[5].starts_with("六、"),
        "{titles:?}"
    );
    locations
}

#[test]
fn every_example_follows_the_structure_rules() {
    let book = book();
    for path in examples() {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let (report, layout, bytes) = render(&path, &book);
        let pkg = Package::open(&bytes);
        let pages = check_structure(&name, &pkg);
        assert_eq!(
            pages.len(),
            layout.pages.len(),
            "{name}: one page per layout page"
        );
        let info = pkg.xml("OFD.xml");
        let info = info.child("DocBody").unwrap().child("DocInfo").unwrap();
        assert_eq!(info.child("Author").unwrap().text, report.agency().text);
        assert_eq!(
            info.child("Title").unwrap().text,
            report.title_lines().concat()
        );
    }
}

#[test]
fn same_input_same_bytes() {
    let path = examples().into_iter().next().unwrap();
    let (_, _, a) = render(&path, &book());
    let (_, _, b) = render(&path, &FontBook::new(FontOptions::bundled_only()));
    assert!(a == b, "two renderings differ");
}

/// DocInfo's date is the realized creation date (the one precedence PDF and DOCX use): the
/// report's 成文日期, else SOURCE_DATE_EPOCH, else none.
#[test]
fn creation_date_follows_the_pdf_rule() {
    let book = book();
    // 2025-01-20T12:00:00Z
    let epoch = Some(1_737_374_400);
    let mut dated = 0;
    for path in examples() {
        let report = nianbao::input::load(&path).unwrap();
        let layout = nianbao::layout::layout_report(&report, &book).unwrap();
        for timestamp in [None, epoch] {
            let bytes = export(&layout, &report, &OfdOptions { timestamp }).unwrap();
            let ofd = Package::open(&bytes).xml("OFD.xml");
            let info = ofd.child("DocBody").unwrap().child("DocInfo").unwrap();
            let got = info.child("CreationDate").map(|d| d.text.clone());
            let want = match (report.date(), timestamp) {
                (Some(d), _) => Some(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
                (None, Some(_)) => Some("2025-01-20".to_string()),
                (None, None) => None,
            };
            assert_eq!(got, want, "{}", path.display());
            dated += usize::from(report.date().is_some());
        }
    }
    assert!(dated > 0, "some example has a 成文日期");
}

/// The TextCode strings, page by page in writing order, are the layout's runs' text; and each
/// character sits where the layout put its glyph (X + the DeltaX before it, Boundary-relative).
#[test]
fn text_and_positions_round_trip() {
    let book = book();
    for path in examples() {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let (_, layout, bytes) = render(&path, &book);
        let pkg = Package::open(&bytes);
        let pages = check_structure(&name, &pkg);
        for (page, loc) in layout.pages.iter().zip(&pages) {
            let content = pkg.xml(loc);
            let mut els = Vec::new();
            content.walk(&mut els);
            let objects: Vec<&&El> = els.iter().filter(|e| e.name == "TextObject").collect();
            let runs: Vec<_> = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(r) => Some(r),
                    Item::Rule(_) => None,
                })
                .collect();
            assert_eq!(objects.len(), runs.len(), "{name}: one TextObject per run");
            for (obj, run) in objects.iter().zip(&runs) {
                let code = obj.child("TextCode").unwrap();
                assert_eq!(code.text, run.text, "{name}");
                let b: Vec<f64> = obj
                    .attr("Boundary")
                    .unwrap()
                    .split(' ')
                    .map(|v| v.parse().unwrap())
                    .collect();
                let mut x = b[0] + code.attr("X").unwrap().parse::<f64>().unwrap();
                let y = b[1] + code.attr("Y").unwrap().parse::<f64>().unwrap();
                let deltas: Vec<f64> = code
                    .attr("DeltaX")
                    .map(|d| d.split(' ').map(|v| v.parse().unwrap()).collect())
                    .unwrap_or_default();
                let mm = |pt: f32| f64::from(pt) * 25.4 / 72.0;
                assert!((y - mm(run.origin.y.0)).abs() < 0.002, "{name}: baseline");
                let mut pen = run.origin.x.0;
                for (i, g) in run.glyphs.iter().enumerate() {
                    let want = mm(pen - g.shift.0);
                    // Positions are rounded to 1 µm once (DeltaX are differences of rounded
                    // positions), so the error does not grow along a line.
                    assert!(
                        (x - want).abs() < 0.0015,
                        "{name}: {:?} glyph {i} at {x}, layout {want}",
                        run.text
                    );
                    pen += g.advance.0;
                    x += deltas.get(i).copied().unwrap_or(0.0);
                }
            }
        }
    }
}

/// The embedded subsets show the layout's glyphs: each TextCode character, looked up in the
/// embedded font's own cmap, gives a glyph with the same outline as the glyph the layout chose in
/// the original face (so a reader without the original font draws the same shapes).
#[test]
fn embedded_fonts_map_characters_to_the_layouts_glyphs() {
    use skrifa::outline::{DrawSettings, OutlinePen};
    use skrifa::prelude::{LocationRef, Size};

    #[derive(Default, PartialEq, Debug)]
    struct Rec(Vec<(u8, i32, i32)>);
    impl OutlinePen for Rec {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push((b'M', x as i32, y as i32));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push((b'L', x as i32, y as i32));
        }
        fn quad_to(&mut self, _: f32, _: f32, x: f32, y: f32) {
            self.0.push((b'Q', x as i32, y as i32));
        }
        fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, x: f32, y: f32) {
            self.0.push((b'C', x as i32, y as i32));
        }
        fn close(&mut self) {
            self.0.push((b'Z', 0, 0));
        }
    }
    fn outline(font: &skrifa::FontRef, gid: skrifa::GlyphId) -> Rec {
        let mut rec = Rec::default();
        let glyph = font
            .outline_glyphs()
            .get(gid)
            .expect("glyph has an outline");
        glyph
            .draw(
                DrawSettings::unhinted(Size::unscaled(), LocationRef::default()),
                &mut rec,
            )
            .unwrap();
        rec
    }

    let book = book();
    let mut checked = 0;
    let mut transformed = 0;
    for path in examples() {
        let (_, layout, bytes) = render(&path, &book);
        let pkg = Package::open(&bytes);
        let res = pkg.xml("Doc_0/PublicRes.xml");
        let files: HashMap<String, String> = res
            .child("Fonts")
            .unwrap()
            .children
            .iter()
            .map(|f| {
                let file = format!("Doc_0/Res/{}", f.child("FontFile").unwrap().text);
                (f.attr("ID").unwrap().to_string(), file)
            })
            .collect();
        for (n, page) in layout.pages.iter().enumerate() {
            let content = pkg.xml(&format!("Doc_0/Pages/Page_{n}/Content.xml"));
            let mut els = Vec::new();
            content.walk(&mut els);
            let objects = els.iter().filter(|e| e.name == "TextObject");
            let runs = page.items.iter().filter_map(|i| match i {
                Item::Text(r) => Some(r),
                Item::Rule(_) => None,
            });
            for (obj, run) in objects.zip(runs) {
                let file = &files[obj.attr("Font").unwrap()];
                let original = layout.faces[run.face].font_ref().unwrap();
                let embedded =
                    skrifa::FontRef::new(&pkg.files[file]).expect("embedded font parses");
                let code = obj.child("TextCode").unwrap();
                let transforms: HashMap<usize, u32> = obj
                    .children
                    .iter()
                    .filter(|c| c.name == "CGTransform")
                    .map(|c| {
                        let at = c.attr("CodePosition").unwrap().parse().unwrap();
                        (at, c.child("Glyphs").unwrap().text.parse().unwrap())
                    })
                    .collect();
                transformed += transforms.len();
                for (i, (ch, g)) in code.text.chars().zip(&run.glyphs).enumerate() {
                    let sub = match transforms.get(&i) {
                        Some(&gid) => skrifa::GlyphId::new(gid),
                        None => embedded
                            .charmap()
                            .map(ch)
                            .unwrap_or_else(|| panic!("{file} maps {ch:?}")),
                    };
                    assert_eq!(
                        outline(&embedded, sub),
                        outline(&original, skrifa::GlyphId::new(u32::from(g.id))),
                        "{ch:?} in {file}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 4000, "{checked} glyphs checked");
    // The vertical labels of the part 3 table (、 → ︑) are drawn through CGTransform.
    assert!(transformed > 0);
}

/// `render --format ofd` and `-o X.ofd` write only the OFD, the bytes the library gives, with no
/// temp file left beside it.
#[test]
fn the_cli_writes_the_ofd() {
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan-2024.toml");
    std::fs::copy(&src, tmp.path().join("r.toml")).unwrap();
    let (code, out, err) = common::nianbao_in(
        tmp.path(),
        &["render", "r.toml", "--format", "ofd", "--no-system-fonts"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = common::nianbao_in(
        tmp.path(),
        &["render", "r.toml", "-o", "年报.ofd", "--no-system-fonts"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let mut names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["r.ofd", "r.toml", "年报.ofd"]);
    let (_, _, bytes) = render(&src, &book());
    assert!(std::fs::read(tmp.path().join("r.ofd")).unwrap() == bytes);
    assert!(std::fs::read(tmp.path().join("年报.ofd")).unwrap() == bytes);
}
