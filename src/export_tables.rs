//! `export-tables`: a report's three tables as an XLSX workbook laid out like the official ones —
//! one sheet per table under the report's title and its part heading (a sheet sent on its own
//! still says whose report it is),
//! cells and merges from the one table description ([`crate::tables`]), numbers as numbers.
//! `nianbao import` reads it back; a city office sends it to departments to fill in.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::model::Report;
use crate::tables::labels::PART_HEADINGS;
use crate::tables::{CellKind, Content, Table, TableId, Values};

/// Narrowest and widest column, in Excel's character units.
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 34.0;

/// The workbook's bytes.
pub fn render(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let title: String = report.title_lines().concat();
    for (n, id) in [TableId::Part2, TableId::Part3, TableId::Part4]
        .into_iter()
        .enumerate()
    {
        let sheet = book.add_worksheet();
        sheet.set_name(format!("表{}", n + 1))?;
        let heading = PART_HEADINGS[n + 1];
        table_sheet(sheet, report, id, &title, heading)?;
    }
    book.save_to_buffer()
}

/// Display width of a label in character units: CJK characters count two.
fn width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum()
}

fn table_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    id: TableId,
    title: &str,
    heading: &str,
) -> Result<(), XlsxError> {
    let t = Table::new(id, report.format());
    let cols = t.columns.len() as u16;
    let last = cols - 1;
    let cell = Format::new()
        .set_font_name("宋体")
        .set_font_size(10.5)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let label = cell.clone().set_align(FormatAlign::Left).set_indent(1);
    let header = cell.clone().set_bold();
    let vertical = header.clone().set_rotation(270);
    let mut row: u32 = 0;
    let f = Format::new()
        .set_font_name("黑体")
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    sheet.merge_range(row, 0, row, last, title, &f)?;
    sheet.set_row_height(row, 30)?;
    row += 2;
    let f = Format::new().set_font_name("黑体").set_font_size(12);
    sheet.merge_range(row, 0, row, last, heading, &f)?;
    row += 1;
    let first = row;
    let mut widths = vec![MIN_WIDTH; cols as usize];
    for c in &t.cells {
        let (r, k) = (first + c.row as u32, c.col as u16);
        let format = match (c.kind, c.vertical) {
            (_, true) => &vertical,
            (CellKind::Header, _) => &header,
            (CellKind::Label, _) => &label,
            (CellKind::Value, _) => &cell,
        };
        let (r2, k2) = (r + c.rowspan as u32 - 1, k + c.colspan as u16 - 1);
        match c.content {
            Content::Label(text) => {
                if (r2, k2) != (r, k) {
                    sheet.merge_range(r, k, r2, k2, text, format)?;
                } else {
                    sheet.write_string_with_format(r, k, text, format)?;
                }
                if c.colspan == 1 && !c.vertical {
                    widths[c.col] = widths[c.col].max(width(text) + 2.0);
                }
            }
            Content::Value(v) => {
                if (r2, k2) != (r, k) {
                    sheet.merge_range(r, k, r2, k2, "", format)?;
                }
                match report.value_text(v).parse::<f64>() {
                    Ok(n) => sheet.write_number_with_format(r, k, n, format)?,
                    Err(_) => sheet.write_blank(r, k, format)?,
                };
            }
        }
    }
    // Value columns alike, as wide as the widest of them; part 三's vertical column narrow.
    let value_cols: Vec<usize> = (0..cols as usize)
        .filter(|&k| {
            t.cells
                .iter()
                .any(|c| c.col == k && matches!(c.content, Content::Value(_)))
        })
        .collect();
    let value_width = value_cols
        .iter()
        .map(|&k| widths[k])
        .fold(MIN_WIDTH, f64::max);
    for &k in &value_cols {
        widths[k] = value_width;
    }
    for c in t.cells.iter().filter(|c| c.vertical) {
        widths[c.col] = 4.0;
    }
    for w in &mut widths {
        *w = w.min(MAX_WIDTH);
    }
    for (k, w) in widths.iter().enumerate() {
        sheet.set_column_width(k as u16, *w)?;
    }
    // Rows tall enough for their wrapped labels (spreadsheets do not grow rows on opening).
    let mut lines = vec![1.0f64; t.rows];
    for c in t.cells.iter().filter(|c| !c.vertical) {
        if let Content::Label(text) = c.content {
            let room: f64 = widths[c.col..c.col + c.colspan].iter().sum::<f64>() - 1.0;
            let need = (width(text) / room).ceil() / c.rowspan as f64;
            for l in &mut lines[c.row..c.row + c.rowspan] {
                *l = l.max(need.ceil());
            }
        }
    }
    for (r, l) in lines.into_iter().enumerate() {
        sheet.set_row_height(first + r as u32, 14.0 * l + 2.0)?;
    }
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}
