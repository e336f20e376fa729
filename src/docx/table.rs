//! The three fixed tables as `w:tbl`, from their realized spec ([`crate::realize::TableSpec`]):
//! the shared description, the metrics (size, cell padding, rules) and the rows kept together.
//!
//! Merges follow the description's grid: a cell's colspan is `w:gridSpan`; a rowspan is
//! `w:vMerge="restart"` on the anchor and a `w:vMerge` continuation cell (same gridSpan) in every
//! covered row below, as WordprocessingML has no rowspan.

use super::Ctx;
use super::props::{self, Align, ParaProps, RunProps};
use super::styles::TABLE_TEXT;
use super::xml::Xml;
use crate::realize::{TableMetrics, TableSpec, prefix_break};
use crate::style::{FontRole, Mm};
use crate::tables::{Cell, CellKind, Slot};

/// Writes one of the three tables.
pub fn table(x: &mut Xml, cx: &Ctx, spec: &TableSpec) {
    let t = &spec.table;
    let widths = column_twips(&t.columns);
    let total: i32 = widths.iter().sum();
    x.open("w:tbl", &[]);
    table_props(x, total, &spec.metrics);
    x.open("w:tblGrid", &[]);
    for w in &widths {
        x.empty("w:gridCol", &[("w:w", w)]);
    }
    x.close("w:tblGrid");
    for row in 0..t.rows {
        table_row(x, cx, spec, &widths, row);
    }
    x.close("w:tbl");
}

/// Column widths in twips, rounded on the running sum so they add up to the rounded total (the
/// 版心 width) instead of drifting by a twip per column.
pub fn column_twips(columns_mm: &[f32]) -> Vec<i32> {
    let mut out = Vec::with_capacity(columns_mm.len());
    let (mut sum_mm, mut sum_twips) = (0.0, 0);
    for w in columns_mm {
        sum_mm += w;
        let edge = Mm(sum_mm).to_twips();
        out.push(edge - sum_twips);
        sum_twips = edge;
    }
    out
}

fn table_props(x: &mut Xml, total: i32, m: &TableMetrics) {
    // Border widths are in eighths of a point.
    let border = (m.rule.0 * 8.0).round() as u32;
    x.open("w:tblPr", &[]);
    x.empty("w:tblW", &[("w:w", &total), ("w:type", &"dxa")]);
    // Centred in a column exactly as wide: the borders sit on the 版心 edges.
    x.val("w:jc", &"center");
    x.open("w:tblBorders", &[]);
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        x.empty(
            side,
            &[
                ("w:val", &"single"),
                ("w:sz", &border),
                ("w:space", &0),
                ("w:color", &"000000"),
            ],
        );
    }
    x.close("w:tblBorders");
    // Fixed layout: the description's widths, never widened by long labels.
    x.empty("w:tblLayout", &[("w:type", &"fixed")]);
    x.open("w:tblCellMar", &[]);
    let margin = m.pad_x.to_twips();
    x.empty("w:left", &[("w:w", &margin), ("w:type", &"dxa")]);
    x.empty("w:right", &[("w:w", &margin), ("w:type", &"dxa")]);
    x.close("w:tblCellMar");
    x.close("w:tblPr");
}

fn table_row(x: &mut Xml, cx: &Ctx, spec: &TableSpec, widths: &[i32], row: usize) {
    let t = &spec.table;
    x.open("w:tr", &[]);
    x.open("w:trPr", &[]);
    // A row never splits across pages; the header rows repeat on every page the table spans; rows
    // the realized spec keeps together carry keepNext (a merged cell never breaks across pages).
    x.empty("w:cantSplit", &[]);
    if row < t.header_rows {
        x.empty("w:tblHeader", &[]);
    }
    x.close("w:trPr");
    let keep = spec.keep_with_next(row);
    let mut col = 0;
    while col < widths.len() {
        match t.slot(row, col) {
            Slot::Cell(i) => {
                let cell = &t.cells[i];
                let merge = (cell.rowspan > 1).then_some("restart");
                cell_open(x, widths, cell, merge);
                cell_paragraph(x, cx, spec, cell, keep);
                x.close("w:tc");
                col += cell.colspan;
            }
            Slot::Merged { parent } => {
                let cell = &t.cells[parent];
                if cell.row < row && cell.col == col {
                    // A row below a rowspan's anchor: the continuation cell, empty.
                    cell_open(x, widths, cell, Some("continue"));
                    x.open("w:p", &[]);
                    para_props(cell, keep).write(x);
                    x.close("w:p");
                    x.close("w:tc");
                }
                col += cell.colspan - (col - cell.col);
            }
        }
    }
    x.close("w:tr");
}

fn cell_open(x: &mut Xml, widths: &[i32], cell: &Cell, merge: Option<&str>) {
    let width: i32 = widths[cell.col..cell.col + cell.colspan].iter().sum();
    x.open("w:tc", &[]);
    x.open("w:tcPr", &[]);
    x.empty("w:tcW", &[("w:w", &width), ("w:type", &"dxa")]);
    if cell.colspan > 1 {
        x.val("w:gridSpan", &cell.colspan);
    }
    if let Some(m) = merge {
        x.val("w:vMerge", &m);
    }
    x.val("w:vAlign", &"center");
    x.close("w:tcPr");
}

fn para_props(cell: &Cell, keep_next: bool) -> ParaProps<'static> {
    // Row heads (labels) read left to right from the cell's edge; heads and numbers are centred
    // (the style's alignment).
    let align = (cell.kind == CellKind::Label && !cell.vertical).then_some(Align::Left);
    ParaProps {
        style: Some(TABLE_TEXT),
        keep_next,
        align,
        ..ParaProps::default()
    }
}

fn cell_paragraph(x: &mut Xml, cx: &Ctx, spec: &TableSpec, cell: &Cell, keep_next: bool) {
    let text = spec.table.cell_text(cx.report, cell);
    // The table's one size (part 四's fifteen columns are 小五).
    let run = RunProps {
        font: Some(cx.fonts.get(FontRole::Table)),
        latin: cx.fonts.latin(FontRole::Table),
        size: Some(spec.metrics.size.to_half_points()),
        ..RunProps::default()
    };
    x.open("w:p", &[]);
    para_props(cell, keep_next).write(x);
    if cell.vertical {
        // Stacked upright, one character per line (三/、/本/年/度/…), as printed tables set it:
        // explicit breaks render the same in Word, WPS and LibreOffice, unlike vertical text flow.
        x.open("w:r", &[]);
        run.write(x);
        for (i, c) in text.chars().enumerate() {
            if i > 0 {
                x.empty("w:br", &[]);
            }
            props::t(x, c.encode_utf8(&mut [0; 4]));
        }
        x.close("w:r");
    } else if let Some(at) = (cell.kind == CellKind::Label)
        .then(|| prefix_break(&text, spec.inner_width(cell), spec.metrics.size))
        .flatten()
    {
        // "（三）/不予公开": broken where the PDF breaks it.
        x.open("w:r", &[]);
        run.write(x);
        props::t(x, &text[..at]);
        x.empty("w:br", &[]);
        props::t(x, &text[at..]);
        x.close("w:r");
    } else {
        props::run(x, &run, &text);
    }
    x.close("w:p");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_add_up_to_the_text_width() {
        let mut cols = vec![8.0, 20.0, 51.0];
        cols.extend([11.0; 7]);
        let w = column_twips(&cols);
        assert_eq!(w.iter().sum::<i32>(), Mm(156.0).to_twips());
        assert_eq!(column_twips(&[10.4; 15]).iter().sum::<i32>(), 8844);
    }
}
