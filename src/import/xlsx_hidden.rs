//! Which rows and columns of each sheet a spreadsheet hides (calamine reads every cell, hidden or
//! not): read from the sheets' XML (`<row hidden="1">`, `<col min max hidden="1">`).

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use quick_xml::events::Event;

use super::docx::{attr, part};

/// A sheet's hidden rows and columns (0-based).
#[derive(Debug, Default)]
pub struct Hidden {
    pub rows: HashSet<u32>,
    pub cols: HashSet<u32>,
}

/// Hidden rows and columns by sheet name; a part that cannot be read hides nothing (calamine has
/// read the cells already and reports a damaged file).
pub fn hidden(bytes: &[u8]) -> HashMap<String, Hidden> {
    let mut out = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let mut read = |name: &str| part(&mut zip, name).ok().flatten().unwrap_or_default();
    let (book, rels) = (read("xl/workbook.xml"), read("xl/_rels/workbook.xml.rels"));
    // Relationship id → part name.
    let mut targets = HashMap::new();
    each_element(&rels, |name, e| {
        if name == "Relationship"
            && let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target"))
        {
            let path = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            targets.insert(id, path);
        }
    });
    let mut sheets = Vec::new();
    each_element(&book, |name, e| {
        if name == "sheet"
            && let (Some(sheet), Some(id)) = (attr(e, "name"), attr(e, "id"))
            && let Some(path) = targets.get(&id)
        {
            sheets.push((sheet, path.clone()));
        }
    });
    for (sheet, path) in sheets {
        let xml = read(&path);
        let mut h = Hidden::default();
        let hidden = |e: &quick_xml::events::BytesStart| {
            attr(e, "hidden").is_some_and(|v| v == "1" || v == "true")
        };
        let number = |e: &quick_xml::events::BytesStart, key: &str| {
            attr(e, key).and_then(|v| v.parse::<u32>().ok())
        };
        each_element(&xml, |name, e| match name {
            "row" if hidden(e) => {
                if let Some(r) = number(e, "r").and_then(|r| r.checked_sub(1)) {
                    h.rows.insert(r);
                }
            }
            "col" if hidden(e) => {
                if let (Some(min), Some(max)) = (number(e, "min"), number(e, "max")) {
                    // (A column range may run to the sheet's last column: 16384.)
                    h.cols.extend(min.saturating_sub(1)..max.min(16_384));
                }
            }
            _ => {}
        });
        if !h.rows.is_empty() || !h.cols.is_empty() {
            out.insert(sheet, h);
        }
    }
    out
}

/// Calls `f(local name, element)` for every start or empty element of an XML text.
fn each_element(xml: &str, mut f: impl FnMut(&str, &quick_xml::events::BytesStart)) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = e.local_name();
                f(name.as_ref(), &e);
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
}
