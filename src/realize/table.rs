//! Table metrics and row groups: how every output sets a table, decided once.

use std::ops::Range;

use crate::model::Format;
use crate::style::{Mm, Pt, table as ts};
use crate::tables::{Table, TableId};

/// How a table's cells are set. The same numbers in every output: the PDF draws them, the DOCX
/// writes them as `w:sz`, `w:tblCellMar` and `w:tblBorders`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableMetrics {
    /// The one text size of the table: header cells, row labels and numbers (a number too wide for
    /// its cell is the only text set smaller).
    pub size: Pt,
    /// Left and right padding of every cell (at least 1 mm).
    pub pad_x: Mm,
    /// Top and bottom padding of every cell.
    pub pad_y: Mm,
    /// Line pitch inside a cell as a multiple of `size`.
    pub line_spacing: f32,
    /// Width of every rule.
    pub rule: Pt,
}

impl TableMetrics {
    /// The natural metrics of a table: 五号, or 小五 for tables of [`ts::DENSE_COLUMNS`] columns.
    pub fn natural(columns: usize) -> TableMetrics {
        TableMetrics {
            size: if columns >= ts::DENSE_COLUMNS {
                ts::DENSE_SIZE
            } else {
                ts::SIZE
            },
            pad_x: ts::PAD_X,
            pad_y: ts::PAD_Y,
            line_spacing: ts::LINE_SPACING,
            rule: ts::RULE,
        }
    }

    /// The metrics of a table condensed to about 90 % of its height so that it fits one page:
    /// text 90 % (never below [`ts::DENSE_SIZE`]), half the top and bottom padding, tighter
    /// lines. The left and right padding stay.
    pub fn condensed(&self) -> TableMetrics {
        TableMetrics {
            size: Pt((self.size.0 * ts::CONDENSE)
                .max(ts::DENSE_SIZE.0)
                .min(self.size.0)),
            pad_y: self.pad_y * 0.5,
            line_spacing: ts::CONDENSED_LINE_SPACING,
            ..*self
        }
    }

    /// Line pitch inside a cell.
    pub fn pitch(&self) -> Pt {
        self.size * self.line_spacing
    }
}

/// One table of the report as every output sets it.
#[derive(Debug, Clone)]
pub struct TableSpec {
    pub id: TableId,
    /// The fixed description: columns, cells, merges, header rows.
    pub table: Table,
    pub metrics: TableMetrics,
    /// Runs of rows that go together on one page: a row kept with the next (part 二's section
    /// heads) and the rows of a merged cell of up to [`ts::SPLIT_ROWSPAN`] rows. Sorted, disjoint,
    /// covering every row (single rows are groups of one).
    pub groups: Vec<Range<usize>>,
    /// Rows of taller merged cells (三、本年度办理结果): the PDF may break inside them and shows the
    /// cell's text in both parts; the DOCX, which cannot repeat it, keeps them together.
    pub tall_merges: Vec<Range<usize>>,
}

impl TableSpec {
    pub fn new(id: TableId, format: Format) -> TableSpec {
        let table = Table::new(id, format);
        let metrics = TableMetrics::natural(table.columns.len());
        let (groups, tall_merges) = groups(&table);
        TableSpec {
            id,
            table,
            metrics,
            groups,
            tall_merges,
        }
    }

    /// May a page break fall between row `end - 1` and row `end` without splitting a group? Not
    /// inside the header rows or a group, and not leaving fewer than [`ts::MIN_SPLIT_ROWS`] body
    /// rows on either side.
    pub fn may_break(&self, end: usize) -> bool {
        let t = &self.table;
        if end <= t.header_rows || end >= t.rows {
            return end >= t.rows;
        }
        let body = t.rows - t.header_rows;
        let min = ts::MIN_SPLIT_ROWS.min(body / 2);
        end - t.header_rows >= min
            && t.rows - end >= min
            && self.groups.iter().all(|g| !(g.start < end && end < g.end))
    }

    /// Whether the DOCX keeps row `row` with the next one (`w:keepNext` on its paragraphs): inside
    /// a group or a tall merged cell, the header rows, and where [`TableSpec::may_break`] forbids a
    /// break.
    pub fn keep_with_next(&self, row: usize) -> bool {
        let end = row + 1;
        if end >= self.table.rows {
            return false;
        }
        !self.may_break(end)
            || self
                .tall_merges
                .iter()
                .any(|m| m.start < end && end < m.end)
    }
}

impl TableSpec {
    /// The inner width of a cell: its columns less the padding on either side.
    pub fn inner_width(&self, cell: &crate::tables::Cell) -> Mm {
        let w: f32 = self.table.columns[cell.col..cell.col + cell.colspan]
            .iter()
            .sum();
        Mm(w) - self.metrics.pad_x * 2.0
    }
}

/// Where a row label breaks in a narrow cell, for every output alike: a leading "（三）" goes on a
/// line of its own when the label is wider than the cell and the rest then fits on one line
/// ("（三）/不予公开", never "（三）不予/公开"). The byte offset of the break; widths are estimated
/// in ems (full-width characters 1, ASCII ½), exact for the monospaced CJK of table fonts.
pub fn prefix_break(text: &str, inner: Mm, size: Pt) -> Option<usize> {
    let ems = |s: &str| -> f32 {
        s.chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum()
    };
    let fits = |s: &str| size.0 * ems(s) <= inner.to_pt().0 + 0.01;
    if !text.starts_with('（') || fits(text) {
        return None;
    }
    let close = text.char_indices().take(5).find(|&(_, c)| c == '）')?.0 + '）'.len_utf8();
    let (head, rest) = text.split_at(close);
    (!rest.is_empty() && fits(head) && fits(rest)).then_some(close)
}

fn groups(table: &Table) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    // joined[r]: rows r and r + 1 go together.
    let mut joined = table.keep_with_next.clone();
    let mut tall = Vec::new();
    for c in &table.cells {
        if c.rowspan < 2 {
            continue;
        }
        let rows = c.row..c.row + c.rowspan;
        if c.rowspan > ts::SPLIT_ROWSPAN {
            tall.push(rows);
        } else {
            joined[rows.start..rows.end - 1].fill(true);
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    for r in 0..table.rows {
        if !joined.get(r).copied().unwrap_or(false) || r + 1 == table.rows {
            out.push(start..r + 1);
            start = r + 1;
        }
    }
    (out, tall)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numbered_label_breaks_after_its_number() {
        let (inner, size) = (Mm(15.8), ts::SIZE);
        assert_eq!(
            prefix_break("（三）不予公开", inner, size),
            Some("（三）".len())
        );
        assert_eq!(prefix_break("（一）予以公开", Mm(60.0), size), None);
        assert_eq!(
            prefix_break("（二）部分公开（区分处理的）", inner, size),
            None
        );
        assert_eq!(prefix_break("不予公开", inner, size), None);
    }

    #[test]
    fn groups_cover_every_row_once() {
        for format in [Format::V2021, Format::V2019] {
            for id in [TableId::Part2, TableId::Part3, TableId::Part4] {
                let s = TableSpec::new(id, format);
                let mut next = 0;
                for g in &s.groups {
                    assert_eq!(g.start, next);
                    assert!(g.end > g.start);
                    next = g.end;
                }
                assert_eq!(next, s.table.rows);
            }
        }
    }

    #[test]
    fn padding_is_at_least_a_millimetre_and_condensing_keeps_9pt() {
        for columns in [4, 10, 15] {
            let m = TableMetrics::natural(columns);
            assert!(m.pad_x.0 >= 1.0);
            let c = m.condensed();
            assert!(c.size.0 >= 9.0 && c.pad_x == m.pad_x && c.pitch().0 < m.pitch().0);
        }
    }

    #[test]
    fn table_3_breaks_only_between_groups_with_3_rows_each_side() {
        let s = TableSpec::new(TableId::Part3, Format::V2021);
        let h = s.table.header_rows;
        assert!(!s.may_break(h + 2), "fewer than 3 rows before");
        assert!(!s.may_break(s.table.rows - 2), "fewer than 3 rows after");
        assert!(s.may_break(s.table.rows));
        // Inside （三）不予公开's eight rows: never.
        for g in s.groups.iter().filter(|g| g.len() > 1) {
            for end in g.start + 1..g.end {
                assert!(!s.may_break(end));
            }
        }
    }
}
