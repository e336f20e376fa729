//! The three fixed tables as `<table>`s, straight from the shared description in
//! [`crate::tables`]: the description's spans become `rowspan`/`colspan` as they are.
//!
//! Accessibility: every head cell is a `<th>` with an `id`; every other cell lists its heads in
//! `headers` (column heads above it, then row heads to its left), because table 三's nested heads
//! (申请人情况 › 法人或其他组织 › 商业企业; 三、本年度办理结果 › （三）不予公开 › 1.…) and table
//! 二's repeated section heads are beyond what `scope` can say. `scope` is added where a head
//! covers exactly one column or row, for readers that ignore `headers`.

use super::style::{Look, Styler};
use super::writer::{Html, push_number};
use crate::model::Report;
use crate::tables::labels::PART_HEADINGS;
use crate::tables::{Cell, CellKind, Slot, Table, TableId};

/// The narrowest column of numbers holds two characters a line (结果/维持), as the printed table
/// 四 does: 2 characters plus the cell's padding, in the table's em.
const NUMBER_COLUMN_EM: f32 = 2.6;

/// Writes one table inside its sideways-scrolling wrapper.
pub fn table(h: &mut Html, s: &Styler, report: &Report, t: &Table) {
    let id = t.id;
    let prefix = prefix(id);
    let caption_id = format!("{prefix}-caption");
    let (k, v) = s.attr(Look::Scroll);
    // Focusable and named, so keyboard users can scroll it and screen readers announce it.
    h.open(
        "div",
        &[
            (k, v),
            ("role", "region"),
            ("tabindex", "0"),
            ("aria-labelledby", &caption_id),
        ],
    );
    let min_width = min_width_em(t);
    let (k, v) = s.attr(Look::Table);
    if k == "style" {
        h.open("table", &[(k, &format!("{v};min-width:{min_width}em"))]);
    } else {
        h.open(
            "table",
            &[(k, v), ("style", &format!("min-width:{min_width}em"))],
        );
    }
    let (k, v) = s.attr(Look::Caption);
    h.leaf("caption", &[("id", &caption_id), (k, v)], caption(id));
    h.open("colgroup", &[]);
    let total: f32 = t.columns.iter().sum();
    for w in &t.columns {
        h.open(
            "col",
            &[("style", &format!("width:{:.3}%", w / total * 100.0))],
        );
    }
    h.close("colgroup");
    h.newline();
    if t.header_rows > 0 {
        h.open("thead", &[]);
        for row in 0..t.header_rows {
            table_row(h, s, report, t, row);
        }
        h.close("thead");
        h.newline();
    }
    h.open("tbody", &[]);
    for row in t.header_rows..t.rows {
        table_row(h, s, report, t, row);
    }
    h.close("tbody");
    h.close("table");
    h.close("div");
}

/// The table's name: the heading of the part it belongs to.
fn caption(id: TableId) -> &'static str {
    match id {
        TableId::Part2 => PART_HEADINGS[1],
        TableId::Part3 => PART_HEADINGS[2],
        TableId::Part4 => PART_HEADINGS[3],
    }
}

/// Prefix of the table's element ids, unique in the page.
fn prefix(id: TableId) -> &'static str {
    match id {
        TableId::Part2 => "t2",
        TableId::Part3 => "t3",
        TableId::Part4 => "t4",
    }
}

/// The table's narrowest width before it scrolls sideways: wide enough that its narrowest column
/// of numbers holds [`NUMBER_COLUMN_EM`], keeping the description's proportions.
fn min_width_em(t: &Table) -> f32 {
    let total: f32 = t.columns.iter().sum();
    let narrowest = t
        .cells
        .iter()
        .filter(|c| c.kind == CellKind::Value && c.colspan == 1)
        .map(|c| t.columns[c.col])
        .fold(f32::INFINITY, f32::min);
    (NUMBER_COLUMN_EM * total / narrowest * 10.0).round() / 10.0
}

/// Writes the id of a head cell: `t3-7-1` (table, row, column of its top-left slot).
fn push_cell_id(buf: &mut String, id: TableId, cell: &Cell) {
    buf.push_str(prefix(id));
    buf.push('-');
    push_number(buf, cell.row);
    buf.push('-');
    push_number(buf, cell.col);
}

fn table_row(h: &mut Html, s: &Styler, report: &Report, t: &Table, row: usize) {
    h.open("tr", &[]);
    for col in 0..t.columns.len() {
        let Slot::Cell(i) = t.slot(row, col) else {
            continue;
        };
        let cell = &t.cells[i];
        let look = match cell.kind {
            CellKind::Header => Look::Head,
            CellKind::Label if cell.vertical => Look::Vertical,
            CellKind::Label => Look::Label,
            CellKind::Value => Look::Value,
        };
        let name = if cell.kind == CellKind::Value {
            "td"
        } else {
            "th"
        };
        h.start(name);
        let (k, v) = s.attr(look);
        h.attr(k, v);
        if name == "th" {
            h.attr_with("id", |buf| push_cell_id(buf, t.id, cell));
        }
        match cell.kind {
            CellKind::Header if cell.colspan == 1 => h.attr("scope", "col"),
            CellKind::Label if cell.rowspan == 1 => h.attr("scope", "row"),
            _ => {}
        }
        if cell.rowspan > 1 {
            h.attr_with("rowspan", |buf| push_number(buf, cell.rowspan));
        }
        if cell.colspan > 1 {
            h.attr_with("colspan", |buf| push_number(buf, cell.colspan));
        }
        if cell.kind != CellKind::Header {
            let heads = headers(t, cell);
            if !heads.is_empty() {
                h.attr_with("headers", |buf| {
                    for (n, i) in heads.into_iter().enumerate() {
                        if n > 0 {
                            buf.push(' ');
                        }
                        push_cell_id(buf, t.id, &t.cells[i]);
                    }
                });
            }
        }
        h.end();
        h.text(&t.cell_text(report, cell));
        h.close(name);
    }
    h.close("tr");
    h.newline();
}

/// A cell's heads (indices into the table's cells): the block of head rows nearest above it over
/// its columns (top to bottom), then the row heads to its left (left to right).
fn headers(t: &Table, cell: &Cell) -> Vec<usize> {
    let mut above: Vec<Vec<usize>> = Vec::new();
    for row in (0..cell.row).rev() {
        let mut found = Vec::new();
        for col in cell.col..cell.col + cell.colspan {
            let i = anchor(t.slot(row, col));
            if t.cells[i].kind == CellKind::Header && !found.contains(&i) {
                found.push(i);
            }
        }
        if found.is_empty() {
            if !above.is_empty() {
                break;
            }
        } else {
            above.push(found);
        }
    }
    let mut heads: Vec<usize> = Vec::new();
    for i in above.into_iter().rev().flatten() {
        if !heads.contains(&i) {
            heads.push(i);
        }
    }
    for col in 0..cell.col {
        let i = anchor(t.slot(cell.row, col));
        if t.cells[i].kind != CellKind::Value && !heads.contains(&i) {
            heads.push(i);
        }
    }
    heads
}

fn anchor(slot: Slot) -> usize {
    match slot {
        Slot::Cell(i) | Slot::Merged { parent: i } => i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;
    use crate::model::RowId;
    use crate::tables::{Content, ValueRef};

    fn ids(t: &Table, cell: &Cell) -> String {
        let mut out = String::new();
        for i in headers(t, cell) {
            if !out.is_empty() {
                out.push(' ');
            }
            push_cell_id(&mut out, t.id, &t.cells[i]);
        }
        out
    }

    fn find(t: &Table, v: ValueRef) -> &Cell {
        t.cells
            .iter()
            .find(|c| c.content == Content::Value(v))
            .unwrap()
    }

    #[test]
    fn nested_heads_of_table_3() {
        let t = Table::new(TableId::Part3, Format::V2021);
        // 商业企业 of 1.属于国家秘密: 申请人情况 › 法人或其他组织 › 商业企业, then the row heads.
        let c = find(
            &t,
            ValueRef::Part3 {
                row: RowId::Denied(0),
                col: 1,
            },
        );
        let r = c.row;
        assert_eq!(
            ids(&t, c),
            format!("t3-0-3 t3-1-4 t3-2-4 t3-{}-0 t3-{r}-1 t3-{r}-2", r - 2)
        );
        // 自然人 spans two head rows: named once.
        let c = find(
            &t,
            ValueRef::Part3 {
                row: RowId::New,
                col: 0,
            },
        );
        assert_eq!(ids(&t, c), "t3-0-3 t3-1-3 t3-3-0");
    }

    #[test]
    fn table_2_sections_stop_at_the_section_head() {
        let t = Table::new(TableId::Part2, Format::V2021);
        let c = find(&t, ValueRef::Decisions(crate::tables::Matter::Coercion));
        let r = c.row;
        // 第二十条第（六）项 › 本年处理决定数量, then 行政强制; nothing of the sections above.
        assert_eq!(
            ids(&t, c),
            format!("t2-{}-0 t2-{}-1 t2-{r}-0", r - 3, r - 2)
        );
    }

    #[test]
    fn narrowest_number_column_holds_two_characters() {
        let width = |id| min_width_em(&Table::new(id, Format::V2021));
        // 15 columns of 10.4 mm; 7 of 11 mm in 156 mm; 36 mm columns in table 二.
        assert_eq!(width(TableId::Part4), 39.0);
        assert_eq!(width(TableId::Part3), 36.9);
        assert_eq!(width(TableId::Part2), 11.3);
    }
}
