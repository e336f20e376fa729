//! Text copied from a report's web page: one paragraph a line, table cells each on a line of its
//! own ending in "|" (the browser's copy of a table), runs of bare "|" padding short rows.

use super::{Block, Doc, Grid, GridCell, ImportError};

/// Reads UTF-8 text (or GB18030, as Chinese Windows saves it) into paragraphs and tables.
pub fn read(bytes: &[u8]) -> Result<Doc, ImportError> {
    let text = decode(bytes);
    let mut doc = Doc::default();
    let mut cells: Vec<String> = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end_matches('\r');
        let trimmed = line.trim();
        if trimmed.contains('|') || trimmed.contains('｜') {
            // Cells: "text |" or "|" runs; a "|" ends a cell.
            let mut cur = String::new();
            for c in trimmed.chars() {
                if c == '|' || c == '｜' {
                    cells.push(std::mem::take(&mut cur).trim().to_string());
                } else {
                    cur.push(c);
                }
            }
            if !cur.trim().is_empty() {
                // A cell whose "|" comes on a later line (a label broken across lines).
                cells.push(cur.trim().to_string());
                if i + 1 < lines.len() && !lines[i + 1].trim().starts_with('|') {
                    // Nothing joins it: it stands alone.
                }
            }
            i += 1;
            continue;
        }
        if !cells.is_empty() {
            // The last cell of a table has no "|": a lone number right after the cells.
            if is_table_tail(trimmed) {
                cells.push(trimmed.to_string());
                i += 1;
                continue;
            }
            doc.blocks.push(Block::Table(Grid {
                rows: vec![
                    std::mem::take(&mut cells)
                        .into_iter()
                        .map(GridCell::new)
                        .collect(),
                ],
                origin: None,
            }));
        }
        if !trimmed.is_empty() {
            doc.blocks.push(Block::Paragraph(trimmed.to_string()));
        }
        i += 1;
    }
    if !cells.is_empty() {
        doc.blocks.push(Block::Table(Grid {
            rows: vec![cells.into_iter().map(GridCell::new).collect()],
            origin: None,
        }));
    }
    Ok(doc)
}

/// A short line that can only be a cell (a number, a dash), not a paragraph.
fn is_table_tail(line: &str) -> bool {
    !line.is_empty()
        && line.chars().count() <= 12
        && !matches!(
            super::normalize::cell_number(line),
            super::normalize::Cell::Text
        )
}

/// UTF-8 (with or without a byte-order mark); otherwise GB18030, a superset of GBK.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}
