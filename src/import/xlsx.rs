//! XLSX → neutral form: every sheet's visible cells as grids (hidden rows and columns skipped,
//! with a note when they hold numbers), merged regions as spans, numbers as the digits they hold
//! (a formula as its saved result). A sheet is cut into tables at blank rows and
//! at rows holding only a title or a part heading (those become paragraphs); a piece that is no
//! table of its own (a blank row inside a table) joins the table above it.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::recognise::is_heading_or_title;
use super::{Block, Doc, Grid, GridCell, ImportError, Origin, place};

/// Sheets larger than this are not the report's tables (the three tables need about 50 × 15).
const MAX_ROWS: u32 = 2000;

/// A merged region: its top-left and bottom-right (row, column), inclusive.
type Region = ((u32, u32), (u32, u32));
const MAX_COLS: u32 = 200;

pub fn read(bytes: &[u8]) -> Result<Doc, ImportError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(damaged)?;
    let mut doc = Doc::default();
    let hidden = super::xlsx_hidden::hidden(bytes);
    let none = super::xlsx_hidden::Hidden::default();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(damaged)?;
        let merges = match book.worksheet_merge_cells(&name) {
            Some(m) => m.map_err(damaged)?,
            None => Vec::new(),
        };
        let merges: Vec<Region> = merges.iter().map(|d| (d.start, d.end)).collect();
        let hidden = hidden.get(&name).unwrap_or(&none);
        sheet(&mut doc, &name, &range, &merges, hidden);
    }
    Ok(doc)
}

fn damaged(e: impl std::fmt::Display) -> ImportError {
    ImportError::unreadable(
        format!("电子表格已损坏或不完整（{e}）"),
        "重新下载或复制该文件；在 Excel/WPS 中能打开的话，另存为 .xlsx 后再导入",
    )
}

/// A cell's text as the user sees it: whole numbers without ".0", decimals as typed.
fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        // A spreadsheet holds binary fractions: 8.362 is 8.3619999…; ten places say what was
        // typed (a table needs four) without the float's tail.
        Data::Float(f) if f.is_finite() && f.abs() < 1e9 => {
            let t = format!("{f:.10}");
            t.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        other => other.to_string(),
    }
}

/// One sheet's rows cut into paragraphs and tables.
fn sheet(
    doc: &mut Doc,
    name: &str,
    range: &calamine::Range<Data>,
    merges: &[Region],
    hidden: &super::xlsx_hidden::Hidden,
) {
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        return;
    };
    let (r0, c0) = merges
        .iter()
        .fold(start, |(r, c), (s, _)| (r.min(s.0), c.min(s.1)));
    let (r1, c1) = merges
        .iter()
        .fold(end, |(r, c), (_, e)| (r.max(e.0), c.max(e.1)));
    let (r1, c1) = (r1.min(r0 + MAX_ROWS), c1.min(c0 + MAX_COLS));
    let raw = |r: u32, c: u32| {
        range
            .get_value((r, c))
            .map(text)
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    // Hidden rows and columns are not read (what a reader of the sheet does not see); the user
    // is told when they hold numbers.
    let hidden_at = |r: u32, c: u32| hidden.rows.contains(&r) || hidden.cols.contains(&c);
    let value = |r: u32, c: u32| {
        if hidden_at(r, c) {
            String::new()
        } else {
            raw(r, c)
        }
    };
    let numeric = |r: u32, c: u32| {
        matches!(
            super::normalize::cell_number(&raw(r, c)),
            super::normalize::Cell::Number { .. }
        )
    };
    let mut rows_with_numbers: Vec<u32> = (r0..=r1)
        .filter(|r| hidden.rows.contains(r) && (c0..=c1).any(|c| numeric(*r, c)))
        .collect();
    rows_with_numbers.truncate(20);
    if !rows_with_numbers.is_empty() {
        let list: Vec<String> = rows_with_numbers
            .iter()
            .map(|r| (r + 1).to_string())
            .collect();
        doc.skipped.push(format!(
            "工作表“{name}”第 {} 行是隐藏行，其中的数字未导入（要导入请先在表格中取消隐藏）",
            list.join("、")
        ));
    }
    let cols_with_numbers: Vec<String> = (c0..=c1)
        .filter(|c| hidden.cols.contains(c) && (r0..=r1).any(|r| numeric(r, *c)))
        .take(20)
        .map(|c| super::column_name(c as usize))
        .collect();
    if !cols_with_numbers.is_empty() {
        doc.skipped.push(format!(
            "工作表“{name}”第 {} 列是隐藏列，其中的数字未导入（要导入请先在表格中取消隐藏）",
            cols_with_numbers.join("、")
        ));
    }
    // Merged slots → their region's top-left corner.
    let mut anchor: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
    for &(s, e) in merges {
        for r in s.0..=e.0.min(r1) {
            for c in s.1..=e.1.min(c1) {
                anchor.insert((r, c), s);
            }
        }
    }
    let span = |s: (u32, u32)| merges.iter().find(|(a, _)| *a == s).map(|&(_, e)| e);
    // What each row is: blank, one title line, or part of a table.
    enum Row {
        Blank,
        Text(String),
        Table,
    }
    let rows: Vec<Row> = (r0..=r1)
        .map(|r| {
            let filled: Vec<String> = (c0..=c1)
                .filter(|&c| anchor.get(&(r, c)).is_none_or(|&a| a == (r, c)))
                .map(|c| value(r, c))
                .filter(|t| !t.is_empty())
                .collect();
            match filled.as_slice() {
                [] => Row::Blank,
                [one] if is_heading_or_title(one) => Row::Text(one.clone()),
                _ => Row::Table,
            }
        })
        .collect();
    // A table's rows as a grid; merges reaching outside it become plain cells.
    let grid = |from: u32, to: u32| {
        let mut g = Grid {
            rows: Vec::new(),
            origin: Some(Origin {
                sheet: name.to_string(),
                row: from as usize,
                col: c0 as usize,
            }),
        };
        for r in from..=to {
            let mut row = Vec::new();
            for c in c0..=c1 {
                match anchor.get(&(r, c)) {
                    Some(&a) if a == (r, c) => {
                        let e = span(a).unwrap_or(a);
                        let rowspan = e.0.min(to) - r + 1;
                        let colspan = e.1.min(c1) - c + 1;
                        row.push(GridCell::spanning(
                            value(r, c),
                            rowspan as usize,
                            colspan as usize,
                        ));
                    }
                    Some(&a) if a.0 >= from => {}
                    _ => row.push(GridCell::new(value(r, c))),
                }
            }
            g.rows.push(row);
        }
        g
    };
    // Runs of table rows; a run that is no table of its own joins the one above it when only
    // blank rows lie between.
    let mut tables: Vec<(u32, u32, Grid)> = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut i = 0;
    let mut joinable = false;
    while i < rows.len() {
        match &rows[i] {
            Row::Blank => i += 1,
            Row::Text(t) => {
                flush(&mut tables, &mut blocks);
                blocks.push(Block::Paragraph(t.clone()));
                joinable = false;
                i += 1;
            }
            Row::Table => {
                let from = i;
                while i < rows.len() && matches!(rows[i], Row::Table) {
                    i += 1;
                }
                let (a, b) = (r0 + from as u32, r0 + i as u32 - 1);
                let g = grid(a, b);
                match tables.last_mut() {
                    Some((start, end, prev)) if joinable && place::classify(&g).is_none() => {
                        *end = b;
                        *prev = grid(*start, b);
                    }
                    _ => tables.push((a, b, g)),
                }
                joinable = true;
            }
        }
    }
    flush(&mut tables, &mut blocks);
    doc.blocks.extend(blocks);
}

fn flush(tables: &mut Vec<(u32, u32, Grid)>, blocks: &mut Vec<Block>) {
    blocks.extend(tables.drain(..).map(|(_, _, g)| Block::Table(g)));
}
