//! `nianbao import`: last year's published report (DOCX, its web page, or text copied from that
//! page) → a report TOML. Every source becomes one neutral [`Doc`] (paragraphs and table grids); one recogniser
//! ([`recognise`]) turns that into the report, placing each number by its row and column labels.

mod columns;
mod detect;
mod docx;
mod edits;
mod html;
mod next_year;
mod normalize;
mod place;
mod recognise;
mod text;
mod xlsx;
mod xlsx_hidden;

pub use detect::Kind;
pub use edits::Edit;
pub use next_year::next_year;

use crate::model::Report;
use crate::tables::{Content, Table, TableId, Values};
use crate::write::Draft;

/// A source document reduced to what the recogniser reads.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub blocks: Vec<Block>,
    /// What the reader skipped and the user should know (text boxes, …).
    pub skipped: Vec<String>,
}

/// A paragraph (lines joined by "\n" where the source broke them) or a table.
#[derive(Debug, Clone)]
pub enum Block {
    Paragraph(String),
    Table(Grid),
}

/// A table: rows of the cells anchored in them, left to right. A merged cell appears once, in its
/// top row, with the rows and columns it covers; the slots it covers further down have no cell (as
/// in HTML). A source that does not know its rows (copied text) gives one row of all cells.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub rows: Vec<Vec<GridCell>>,
    /// Where the grid's first row and column are in a spreadsheet, for messages that name cells
    /// as the user sees them (工作表“表2” B7); None for documents.
    pub origin: Option<Origin>,
}

/// A spreadsheet grid's sheet and its top-left cell (0-based row and column).
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub sheet: String,
    pub row: usize,
    pub col: usize,
}

/// A source table cell: its text and its spans (1 × 1 unless the source merged it).
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
}

impl GridCell {
    pub fn new(text: impl Into<String>) -> Self {
        GridCell::spanning(text, 1, 1)
    }

    pub fn spanning(text: impl Into<String>, rowspan: usize, colspan: usize) -> Self {
        GridCell {
            text: text.into(),
            rowspan: rowspan.max(1),
            colspan: colspan.max(1),
        }
    }
}

impl From<String> for GridCell {
    fn from(text: String) -> Self {
        GridCell::new(text)
    }
}

impl From<&str> for GridCell {
    fn from(text: &str) -> Self {
        GridCell::new(text)
    }
}

/// A cell with the grid slot of its top-left corner.
#[derive(Debug, Clone, Copy)]
pub struct Slotted<'a> {
    pub row: usize,
    pub col: usize,
    pub cell: &'a GridCell,
}

impl Grid {
    /// The place of a grid slot for messages: "表格 2 第 3 行第 4 列", or a spreadsheet's
    /// "工作表“表2” D7".
    pub fn place(&self, table_no: usize, row: usize, col: usize) -> String {
        match &self.origin {
            Some(o) => format!(
                "工作表“{}” {}{}",
                o.sheet,
                column_name(o.col + col),
                o.row + row + 1
            ),
            None => format!("表格 {table_no} 第 {} 行第 {} 列", row + 1, col + 1),
        }
    }

    /// The place of the whole table for messages: "表格 2", or "工作表“表2” B4 起的表格".
    pub fn whole_place(&self, table_no: usize) -> String {
        match &self.origin {
            Some(_) => format!("{}起的表格", self.place(table_no, 0, 0)),
            None => format!("表格 {table_no}"),
        }
    }

    /// Every cell's text, row by row.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.rows.iter().flatten().map(|c| c.text.as_str())
    }

    /// Every cell at its slot, row by row, left to right, placed as HTML places them: a cell takes
    /// the first column its row has free of the cells spanning down from rows above.
    pub fn slotted(&self) -> Vec<Slotted<'_>> {
        // taken[c]: the first row from which column c is free again.
        let mut taken: Vec<usize> = Vec::new();
        let mut out = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let mut col = 0;
            for cell in row {
                while taken.get(col).is_some_and(|&until| until > r) {
                    col += 1;
                }
                let end = col + cell.colspan;
                if taken.len() < end {
                    taken.resize(end, 0);
                }
                for t in &mut taken[col..end] {
                    *t = r + cell.rowspan;
                }
                out.push(Slotted { row: r, col, cell });
                col = end;
            }
        }
        out
    }
}

/// A report recognised in a source: the draft to write, and everything worth telling the user.
#[derive(Debug)]
pub struct Imported {
    pub kind: Kind,
    pub draft: Draft,
    /// Edits of the written TOML: comments at keys, prose the writer has no key for.
    pub edits: Vec<Edit>,
    /// What could not be placed, each with its place in the source (for stderr).
    pub unplaced: Vec<String>,
}

impl Imported {
    /// The report as TOML text, with the import's comments where they belong.
    pub fn to_toml(&self) -> String {
        edits::apply(&self.draft.to_toml(), &self.edits)
    }
}

/// Why a file could not be imported: a Chinese message and a hint; `unreadable` files exit 2.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    pub message: String,
    pub hint: String,
    pub unreadable: bool,
}

impl ImportError {
    pub fn unreadable(message: impl Into<String>, hint: impl Into<String>) -> Self {
        ImportError {
            message: message.into(),
            hint: hint.into(),
            unreadable: true,
        }
    }

    pub fn no_report(message: impl Into<String>, hint: impl Into<String>) -> Self {
        ImportError {
            message: message.into(),
            hint: hint.into(),
            unreadable: false,
        }
    }

    /// The error as a diagnostic about `file` (the message names the place in it where one is
    /// known: a table's sheet and cell, a byte of the document's XML): exit 2 when the file could
    /// not be read as its kind, 1 when it holds no report.
    pub fn diagnostic(&self, file: &std::path::Path) -> crate::diag::Diagnostic {
        use crate::diag::{Code, Diagnostic};
        let code = if self.unreadable {
            Code::Unimportable
        } else {
            Code::NoReport
        };
        Diagnostic::error(code, format!("无法导入报告：{}", self.message))
            .file(file)
            .hint(self.hint.clone())
    }

    /// The error with what the reader skipped (a cut-off page, text boxes): often the reason.
    fn noting(mut self, doc: &Doc) -> Self {
        for s in &doc.skipped {
            self.message.push_str("\n  另：");
            self.message.push_str(s);
        }
        self
    }
}

/// Reads a file's bytes (detected by content) into the neutral form.
pub fn read_doc(bytes: &[u8]) -> Result<(Kind, Doc), ImportError> {
    let kind = detect::detect(bytes)?;
    let doc = match kind {
        Kind::Docx => docx::read(bytes)?,
        Kind::Text => text::read(bytes)?,
        Kind::Xlsx => xlsx::read(bytes)?,
        Kind::Html => html::read(bytes)?,
    };
    Ok((kind, doc))
}

/// What the user tells the import beside the file: year and agency (`--year`, `--agency`), and
/// the file's name, which may say the year ("2024年统计表.xlsx").
#[derive(Debug, Clone, Default)]
pub struct Hints {
    pub year: Option<u16>,
    pub agency: Option<String>,
    pub file_name: Option<String>,
}

/// Imports a whole report from a file's bytes.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    import_with(bytes, &Hints::default())
}

/// Imports a whole report, with what the user said beside the file.
pub fn import_with(bytes: &[u8], hints: &Hints) -> Result<Imported, ImportError> {
    let (kind, doc) = read_doc(bytes)?;
    recognise::report(kind, &doc, hints).map_err(|e| e.noting(&doc))
}

/// Reads only the three tables from a file's bytes, for `--into` (prose is not looked at).
pub fn import_tables(bytes: &[u8]) -> Result<Imported, ImportError> {
    let (kind, doc) = read_doc(bytes)?;
    recognise::tables_only(kind, &doc).map_err(|e| e.noting(&doc))
}

/// An existing report's TOML text with the numbers of `imported` in place of its own; every other
/// byte (prose, comments, alignment, arrays over several lines and the comments inside them) is
/// kept: each changed number is replaced where the report wrote it (its span). The result is read
/// back and compared, number by number.
pub fn replace_numbers(report: &Report, imported: &Imported) -> Result<String, ImportError> {
    let old = report.source().text();
    let mismatch = || {
        ImportError::no_report(
            "无法在原报告中替换数字（原文件的写法与 nianbao 生成的不同）",
            "先用 nianbao import 导入表格生成新文件，再把正文复制过去",
        )
    };
    let parse = |name: &str, t: &str| {
        crate::input::parse(std::sync::Arc::new(crate::source::Source::new(name, t)))
            .map_err(|_| mismatch())
    };
    let mut draft = imported.draft.clone();
    draft.year = report.year();
    draft.agency = report.agency().text.clone();
    let new = parse(
        "import.toml",
        &edits::apply(&draft.to_toml(), &imported.edits),
    )?;
    // (byte range in the old text, new text)
    let mut splices: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    // 总计s the report leaves out whose number changed: (the value, where it would be written).
    let mut omitted: Vec<(crate::tables::ValueRef, usize)> = Vec::new();
    for id in [TableId::Part2, TableId::Part3, TableId::Part4] {
        let t = Table::new(id, report.format());
        for c in &t.cells {
            let Content::Value(v) = c.content else {
                continue;
            };
            let (Some(was), Some(now)) = (report.get(v), new.get(v)) else {
                return Err(mismatch());
            };
            // Unchanged numbers keep their text as written (8.3620, an omitted 总计).
            if edits::same_numbers(&was.text(), &now.text()) {
                continue;
            }
            match was.span() {
                Some(span) => splices.push((span.clone(), now.text())),
                None => {
                    let before = total_neighbour(v).and_then(|n| report.get(n));
                    let Some(end) = before.and_then(|b| b.span().map(|s| s.end)) else {
                        return Err(mismatch());
                    };
                    omitted.push((v, end));
                }
            }
        }
    }
    // A 总计 left out stays left out when the new numbers add up to it (the report computes it);
    // otherwise it is written after the array's last number.
    if !omitted.is_empty() {
        let trial = parse("into.toml", &spliced(old, splices.clone()))?;
        for (v, end) in omitted {
            let now = new.value_text(v);
            if !edits::same_numbers(&trial.value_text(v), &now) {
                splices.push((end..end, format!(", {now}")));
            }
        }
    }
    let text = spliced(old, splices);
    let back = parse("into.toml", &text)?;
    for id in [TableId::Part2, TableId::Part3, TableId::Part4] {
        for c in &Table::new(id, back.format()).cells {
            if let Content::Value(v) = c.content
                && !edits::same_numbers(&back.value_text(v), &new.value_text(v))
            {
                return Err(mismatch());
            }
        }
    }
    Ok(text)
}

/// `old` with each byte range replaced by its text (ranges do not overlap).
fn spliced(old: &str, mut splices: Vec<(std::ops::Range<usize>, String)>) -> String {
    splices.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut text = old.to_string();
    for (range, with) in splices {
        text.replace_range(range, &with);
    }
    text
}

/// The number written just before a 总计 that may be left out of its array.
fn total_neighbour(v: crate::tables::ValueRef) -> Option<crate::tables::ValueRef> {
    use crate::tables::ValueRef;
    match v {
        ValueRef::Part3 { row, col: 6 } => Some(ValueRef::Part3 { row, col: 5 }),
        ValueRef::Part4 { group, col: 4 } => Some(ValueRef::Part4 { group, col: 3 }),
        _ => None,
    }
}

/// A spreadsheet column's letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_take_the_slots_spans_leave_free() {
        // | A (2 rows) | B (2 cols)  |
        // |            | C    | D    |
        let grid = Grid {
            rows: vec![
                vec![GridCell::spanning("A", 2, 1), GridCell::spanning("B", 1, 2)],
                vec!["C".into(), "D".into()],
            ],
            ..Grid::default()
        };
        let at: Vec<(usize, usize, &str)> = grid
            .slotted()
            .iter()
            .map(|s| (s.row, s.col, s.cell.text.as_str()))
            .collect();
        assert_eq!(at, [(0, 0, "A"), (0, 1, "B"), (1, 1, "C"), (1, 2, "D")]);
        assert_eq!(grid.place(2, 1, 2), "表格 2 第 2 行第 3 列");
        assert_eq!(
            [
                column_name(0),
                column_name(25),
                column_name(26),
                column_name(27 * 26)
            ],
            ["A", "Z", "AA", "AAA"]
        );
    }
}
