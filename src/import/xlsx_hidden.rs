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
        let mut ranges: Vec<std::ops::Range<u32>> = Vec::new();
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
                    ranges.push(min.saturating_sub(1)..max.min(16_384));
                }
            }
            _ => {}
        });
        // Merged before they are listed: a hostile sheet may repeat a wide range a million times.
        ranges.sort_by_key(|r| r.start);
        let mut from = 0;
        for r in ranges.drain(..) {
            h.cols.extend(r.start.max(from)..r.end);
            from = from.max(r.end);
        }
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

#[cfg(test)]
mod tests {
    use std::io::Write;

    /// A workbook of one sheet whose XML is `sheet`.
    fn book(sheet: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, text) in [
            (
                "xl/workbook.xml",
                r#"<workbook><sheets><sheet name="表1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
            ("xl/worksheets/sheet1.xml", sheet),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn hidden_rows_and_overlapping_column_ranges() {
        let sheet = r#"<worksheet><cols><col min="2" max="4" hidden="1"/><col min="3" max="6" hidden="true"/><col min="9" max="9"/></cols>
            <sheetData><row r="3" hidden="1"/><row r="4"/></sheetData></worksheet>"#;
        let found = super::hidden(&book(sheet));
        let h = &found["表1"];
        assert_eq!(h.rows.iter().copied().collect::<Vec<_>>(), [2]);
        let mut cols: Vec<u32> = h.cols.iter().copied().collect();
        cols.sort();
        assert_eq!(cols, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_wide_range_repeated_many_times_is_listed_once() {
        // 200,000 copies of a range over every column: listed one by one that was 3.3 billion
        // set insertions; merged first, 16,384.
        let cols = r#"<col min="1" max="16384" hidden="1"/>"#.repeat(200_000);
        let sheet = format!("<worksheet><cols>{cols}</cols><sheetData/></worksheet>");
        let found = super::hidden(&book(&sheet));
        assert_eq!(found["表1"].cols.len(), 16_384);
    }
}
