//! Shared by the import tests: the examples, comparing two reports' models, and building DOCX
//! packages by hand (standing in for Word and WPS).

use std::io::Write;
use std::sync::Arc;

use nianbao::model::{Body, Report};
use nianbao::source::Source;
use nianbao::tables::{Content, Table, TableId, Values};

/// An example report of the repository, by file name.
pub fn example(name: &str) -> Report {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    nianbao::input::load(&path).unwrap_or_else(|d| panic!("{}", nianbao::diag::render_all(&d)))
}

pub fn parse(name: &str, text: &str) -> Report {
    nianbao::input::parse(Arc::new(Source::new(name, text)))
        .unwrap_or_else(|d| panic!("{name}:\n{}\n{text}", nianbao::diag::render_all(&d)))
}

/// Imports bytes and reads the resulting TOML back as a report.
pub fn import(bytes: &[u8]) -> (Report, nianbao::import::Imported) {
    let imported = nianbao::import::import(bytes).unwrap_or_else(|e| panic!("{e:?}"));
    (parse("imported.toml", &imported.to_toml()), imported)
}

/// A section as compared: title, paragraphs, standalone.
type SectionText = (String, Vec<String>, bool);

fn body(b: &Body) -> (Vec<String>, Vec<SectionText>) {
    (
        b.paragraphs.iter().map(|p| p.text.clone()).collect(),
        b.sections
            .iter()
            .map(|s| {
                (
                    s.title.text.clone(),
                    s.paragraphs.iter().map(|p| p.text.clone()).collect(),
                    s.standalone,
                )
            })
            .collect(),
    )
}

/// Asserts that two reports print the same: format, year, title, prose, sections, every number.
pub fn assert_same(a: &Report, b: &Report, what: &str) {
    assert_eq!(a.format(), b.format(), "{what}: format");
    assert_eq!(a.year(), b.year(), "{what}: year");
    assert_eq!(
        nianbao::realize::title::break_title(&a.title_lines(), a.year()),
        nianbao::realize::title::break_title(&b.title_lines(), b.year()),
        "{what}: title"
    );
    let texts = |v: &[nianbao::model::Text]| v.iter().map(|t| t.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(a.preamble()), texts(b.preamble()), "{what}: preamble");
    for (i, (x, y)) in a.bodies().into_iter().zip(b.bodies()).enumerate() {
        assert_eq!(body(x), body(y), "{what}: part {}", i + 1);
    }
    for id in [TableId::Part2, TableId::Part3, TableId::Part4] {
        let t = Table::new(id, a.format());
        for c in &t.cells {
            if let Content::Value(v) = c.content {
                assert_eq!(a.value_text(v), b.value_text(v), "{what}: {v:?}");
            }
        }
    }
}

/// Signature and date (printed only under a signature), which `assert_same` leaves to the callers.
pub fn assert_signed_alike(got: &Report, want: &Report, what: &str) {
    if want.signature().is_none() {
        assert!(got.signature().is_none(), "{what}: signature");
        return;
    }
    assert_eq!(
        got.signature().map(|s| &s.text),
        want.signature().map(|s| &s.text),
        "{what}: signature"
    );
    assert_eq!(got.date(), want.date(), "{what}: date");
}

/// A DOCX package holding `document` as word/document.xml (and `numbering` when given).
pub fn docx(document: &str, numbering: Option<&str>) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default();
        z.start_file("[Content_Types].xml", o).unwrap();
        z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
        z.start_file("word/document.xml", o).unwrap();
        z.write_all(document.as_bytes()).unwrap();
        if let Some(n) = numbering {
            z.start_file("word/numbering.xml", o).unwrap();
            z.write_all(n.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

/// A w:document around body XML.
pub fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
}

/// A paragraph of runs, each run one piece of text.
pub fn p(runs: &[&str]) -> String {
    let runs: String = runs
        .iter()
        .map(|r| format!(r#"<w:r><w:rPr><w:rFonts w:ascii="仿宋"/></w:rPr><w:t xml:space="preserve">{r}</w:t></w:r>"#))
        .collect();
    format!("<w:p>{runs}</w:p>")
}
