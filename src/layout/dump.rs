//! A plain-text dump of a layout, one line per item with coordinates in millimetres rounded to
//! 0.1 mm: a reviewable snapshot of where everything went.

use std::fmt::Write as _;

use super::{Item, Layout, Tag};

fn mm(pt: f32) -> f32 {
    (pt * 25.4 / 72.0 * 10.0).round() / 10.0
}

/// The layout as text: the faces, then per page its runs (face, size, pen position of the first
/// glyph on the baseline, width, tag, text) and rules.
pub fn dump(layout: &Layout) -> String {
    let mut out = String::new();
    for (i, face) in layout.faces.iter().enumerate() {
        let file = face
            .path()
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(out, "font {i} {} {file}", face.family());
    }
    for page in &layout.pages {
        let _ = writeln!(out, "page {}", page.number);
        for item in &page.items {
            match item {
                Item::Text(run) => {
                    let tag = match run.tag {
                        Tag::Artifact => "artifact".to_string(),
                        Tag::Content(id) => format!("#{id}"),
                    };
                    let _ = writeln!(
                        out,
                        "  text f{} {}pt ({}, {}) w{} {tag} {:?}",
                        run.face,
                        run.size.0,
                        mm(run.origin.x.0),
                        mm(run.origin.y.0),
                        mm(run.width().0),
                        run.text
                    );
                }
                Item::Rule(r) => {
                    let _ = writeln!(
                        out,
                        "  rule ({}, {})-({}, {}) {}pt",
                        mm(r.from.x.0),
                        mm(r.from.y.0),
                        mm(r.to.x.0),
                        mm(r.to.y.0),
                        r.width.0
                    );
                }
            }
        }
    }
    out
}
