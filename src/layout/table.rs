//! Tables from their one description ([`crate::tables::Table`]): cells wrapped inside their
//! columns, rows as tall as their text, every cell ruled, and page breaks between rows with the
//! header rows repeated — a merged cell cut by a break repeats its text when it fits, else
//! continues it.

use std::collections::HashMap;
use std::ops::Range;

use super::flow::Builder;
use super::lines::{Line, Measure, break_lines};
use super::text::{Ch, Shaper, Style, compress_pairs};
use super::{CellBox, Element, ElementKind, Item, Node, Point, Rule};
use crate::model::Report;
use crate::style::{FontRole, Pt, centred_baseline, table as ts};
use crate::tables::{CellKind, Table, TableId};

const EPS: f32 = 0.01;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
}

/// A cell's text broken into lines.
struct CellText {
    lines: Vec<Line>,
    /// Line pitch (depends on the size, which a too-wide number may have shrunk).
    pitch: f32,
    align: Align,
}

impl CellText {
    fn height(&self) -> f32 {
        self.lines.len() as f32 * self.pitch
    }
}

/// A table measured and ready to be paginated.
pub(super) struct TableBox {
    table: Table,
    /// Left edge of each column relative to the 版心, plus the right edge of the last.
    col_x: Vec<f32>,
    heights: Vec<f32>,
    texts: Vec<CellText>,
    pad_x: f32,
    pad_y: f32,
}

/// Rows of one page: `rows`, preceded by the repeated header rows when `header` is set.
struct Fragment {
    rows: Range<usize>,
    header: bool,
}

impl TableBox {
    pub fn new(report: &Report, id: TableId, shaper: &mut Shaper) -> TableBox {
        let table = Table::new(id, report.format);
        let size = if table.columns.len() >= ts::DENSE_COLUMNS {
            ts::DENSE_SIZE
        } else {
            ts::SIZE
        };
        let pad_x = ts::PAD_X.to_pt().0;
        let pad_y = ts::PAD_Y.to_pt().0;
        let mut col_x = vec![0.0];
        for w in &table.columns {
            let last = col_x.last().copied().unwrap_or(0.0);
            col_x.push(last + crate::style::Mm(*w).to_pt().0);
        }
        let texts: Vec<CellText> = table
            .cells
            .iter()
            .map(|cell| {
                let text = table.cell_text(report, cell);
                let inner = col_x[cell.col + cell.colspan] - col_x[cell.col] - 2.0 * pad_x;
                let align = match cell.kind {
                    CellKind::Label if cell.rowspan == 1 && !cell.vertical => Align::Left,
                    _ => Align::Center,
                };
                let (lines, size) = if cell.vertical {
                    (vertical(shaper, &text, size), size)
                } else if cell.kind == CellKind::Value {
                    number(shaper, &text, size, inner)
                } else {
                    label(shaper, &text, size, inner)
                };
                CellText {
                    lines,
                    pitch: size.0 * ts::LINE_SPACING,
                    align,
                }
            })
            .collect();
        let heights = row_heights(&table, &texts, size.0 * ts::LINE_SPACING, pad_y);
        TableBox {
            table,
            col_x,
            heights,
            texts,
            pad_x,
            pad_y,
        }
    }

    pub fn id(&self) -> TableId {
        self.table.id
    }

    /// May the table break between row `end - 1` and row `end`? Not inside the header rows or the
    /// first [`ts::MIN_FIRST_ROWS`] rows after them, not
    /// after a row kept with the next, not through a merged cell of up to [`ts::SPLIT_ROWSPAN`]
    /// rows, and through a taller one only where both pieces can show its whole text (so the text
    /// is repeated on the next page, never cut to a stub like "三、本").
    fn can_break(&self, end: usize) -> bool {
        let t = &self.table;
        if end >= t.rows {
            return true;
        }
        if end < t.header_rows + ts::MIN_FIRST_ROWS.min(t.rows - t.header_rows)
            || t.keep_with_next[end - 1]
        {
            return false;
        }
        !t.cells.iter().enumerate().any(|(i, c)| {
            let rows = c.row..c.row + c.rowspan;
            if !(rows.start < end && end < rows.end) {
                return false;
            }
            let need = self.texts[i].height() + 2.0 * self.pad_y - EPS;
            let above: f32 = self.heights[rows.start..end].iter().sum();
            let below: f32 = self.heights[end..rows.end].iter().sum();
            c.rowspan <= ts::SPLIT_ROWSPAN || above < need || below < need
        })
    }

    /// Height of the rows that must start together: the header rows and the first unbreakable
    /// group after them. The part heading stays with at least this much of its table.
    pub fn first_chunk_height(&self) -> f32 {
        let end = (1..=self.table.rows)
            .find(|&e| self.can_break(e))
            .unwrap_or(self.table.rows);
        self.heights[..end].iter().sum()
    }

    fn header_height(&self) -> f32 {
        self.heights[..self.table.header_rows].iter().sum()
    }

    /// Splits the rows into pages: as many rows as fit, breaking only where allowed (anywhere,
    /// if no allowed break fits).
    fn paginate(&self, first_avail: f32, full: f32) -> Vec<Fragment> {
        let rows = self.table.rows;
        let mut out = Vec::new();
        let (mut start, mut avail, mut header) = (0, first_avail, false);
        while start < rows {
            let mut acc = if header { self.header_height() } else { 0.0 };
            let (mut ok, mut any) = (None, None);
            for r in start..rows {
                acc += self.heights[r];
                if acc > avail + EPS {
                    break;
                }
                any = Some(r + 1);
                if self.can_break(r + 1) {
                    ok = Some(r + 1);
                }
            }
            let end = ok.or(any).unwrap_or(start + 1);
            out.push(Fragment {
                rows: start..end,
                header,
            });
            start = end;
            avail = full;
            header = self.table.header_rows > 0;
        }
        out
    }

    /// Draws the table from the cursor on, over as many pages as it needs; returns its structure.
    pub fn place(self, b: &mut Builder) -> Element {
        let fragments = self.paginate(b.body_height() - b.y, b.body_height());
        let plans = self.plan(&fragments);
        let mut ids: Vec<Vec<usize>> = vec![Vec::new(); self.table.cells.len()];
        for (f, fragment) in fragments.iter().enumerate() {
            if f > 0 {
                b.new_page();
            }
            let mut y = b.top() + b.y;
            let x0 = b.left();
            let top = y;
            let mut row_y = HashMap::new();
            let header_rows = if fragment.header {
                0..self.table.header_rows
            } else {
                0..0
            };
            for r in header_rows.clone().chain(fragment.rows.clone()) {
                row_y.insert(r, y);
                y += self.heights[r];
            }
            // Header rows repeated on a continuation page: decoration, already in the structure.
            if fragment.header {
                self.draw_rows(b, header_rows, &row_y, x0, &|_cell| None, &mut ids);
            }
            let plan = |cell: usize| plans.get(&(cell, f)).cloned();
            self.draw_rows(b, fragment.rows.clone(), &row_y, x0, &plan, &mut ids);
            let right = x0 + self.col_x.last().copied().unwrap_or(0.0);
            for (from, to) in [
                (Point::new(x0, top), Point::new(right, top)),
                (Point::new(x0, top), Point::new(x0, y)),
            ] {
                b.push(Item::Rule(Rule {
                    from,
                    to,
                    width: ts::RULE,
                }));
            }
            b.y = y - b.top();
        }
        self.structure(ids)
    }

    /// For every piece of a cell (cell, fragment): which of its lines it shows and whether they
    /// repeat text shown in an earlier piece.
    fn plan(&self, fragments: &[Fragment]) -> HashMap<(usize, usize), (Range<usize>, bool)> {
        let mut plans = HashMap::new();
        for (i, cell) in self.table.cells.iter().enumerate() {
            let rows = cell.row..cell.row + cell.rowspan;
            let pieces: Vec<(usize, f32)> = fragments
                .iter()
                .enumerate()
                .filter_map(|(f, frag)| {
                    let a = rows.start.max(frag.rows.start);
                    let e = rows.end.min(frag.rows.end);
                    (a < e).then(|| (f, self.heights[a..e].iter().sum::<f32>()))
                })
                .collect();
            let text = &self.texts[i];
            let n = text.lines.len();
            let fits_each = pieces
                .iter()
                .all(|&(_, h)| text.height() <= h - 2.0 * self.pad_y + EPS);
            if pieces.len() == 1 || fits_each {
                for (k, &(f, _)) in pieces.iter().enumerate() {
                    plans.insert((i, f), (0..n, k > 0));
                }
                continue;
            }
            // Continue the text: each piece takes the lines that fit, the last one the rest.
            let mut next = 0;
            for (k, &(f, h)) in pieces.iter().enumerate() {
                let room = ((h - 2.0 * self.pad_y) / text.pitch + EPS).floor().max(1.0) as usize;
                let end = if k + 1 == pieces.len() {
                    n
                } else {
                    (next + room).min(n)
                };
                plans.insert((i, f), (next..end, false));
                next = end;
            }
        }
        plans
    }

    /// Draws the cells that intersect `rows`: rules (right and bottom edges) and text.
    fn draw_rows(
        &self,
        b: &mut Builder,
        rows: Range<usize>,
        row_y: &HashMap<usize, f32>,
        x0: f32,
        plan: &dyn Fn(usize) -> Option<(Range<usize>, bool)>,
        ids: &mut [Vec<usize>],
    ) {
        if rows.is_empty() {
            return;
        }
        let page = b.page_index();
        for (i, cell) in self.table.cells.iter().enumerate() {
            let a = cell.row.max(rows.start);
            let e = (cell.row + cell.rowspan).min(rows.end);
            if a >= e {
                continue;
            }
            let (Some(&top), Some(&last)) = (row_y.get(&a), row_y.get(&(e - 1))) else {
                continue;
            };
            let bottom = last + self.heights[e - 1];
            let left = x0 + self.col_x[cell.col];
            let right = x0 + self.col_x[cell.col + cell.colspan];
            for (from, to) in [
                (Point::new(right, top), Point::new(right, bottom)),
                (Point::new(left, bottom), Point::new(right, bottom)),
            ] {
                b.push(Item::Rule(Rule {
                    from,
                    to,
                    width: ts::RULE,
                }));
            }
            // No plan: a repeated header row (artifact, all lines).
            let text = &self.texts[i];
            let (range, repeated, tagged) = match plan(i) {
                Some((range, repeated)) => (range, repeated, !repeated),
                None => (0..text.lines.len(), true, false),
            };
            let lines = &text.lines[range];
            let block = lines.len() as f32 * text.pitch;
            let mut y = top + ((bottom - top) - block) / 2.0;
            let mut shown = String::new();
            for line in lines {
                let size = line.chars.first().map_or(Pt(10.5), |c| c.size);
                let w = line.width();
                let x = match text.align {
                    Align::Left => left + self.pad_x,
                    Align::Center => left + (right - left - w) / 2.0,
                };
                let baseline = y + centred_baseline(Pt(text.pitch), size).0;
                let new = b.emit(&line.chars, &line.advances, x, baseline, tagged);
                ids[i].extend(new);
                shown.extend(line.chars.iter().map(|c| c.ch));
                y += text.pitch;
            }
            b.cells.push(CellBox {
                table: self.table.id,
                cell: i,
                page,
                top_left: Point::new(left, top),
                bottom_right: Point::new(right, bottom),
                text: shown,
                repeated,
            });
        }
    }

    /// Table → rows → header and data cells with their spans, in reading order.
    fn structure(&self, mut ids: Vec<Vec<usize>>) -> Element {
        let mut rows = Vec::new();
        for r in 0..self.table.rows {
            let cells: Vec<Node> = self
                .table
                .row_cells(r)
                .map(|(i, cell)| {
                    let (rowspan, colspan) = (cell.rowspan as u32, cell.colspan as u32);
                    let kind = match cell.kind {
                        CellKind::Header => ElementKind::TH {
                            rowspan,
                            colspan,
                            row_header: false,
                        },
                        CellKind::Label => ElementKind::TH {
                            rowspan,
                            colspan,
                            row_header: true,
                        },
                        CellKind::Value => ElementKind::TD { rowspan, colspan },
                    };
                    Node::Element(Element {
                        kind,
                        children: std::mem::take(&mut ids[i])
                            .into_iter()
                            .map(Node::Content)
                            .collect(),
                    })
                })
                .collect();
            rows.push(Node::Element(Element {
                kind: ElementKind::TR,
                children: cells,
            }));
        }
        Element {
            kind: ElementKind::Table,
            children: rows,
        }
    }
}

/// Row heights: each row as tall as its tallest single-row cell; a merged cell taller than its
/// rows together makes them taller, evenly.
fn row_heights(table: &Table, texts: &[CellText], pitch: f32, pad_y: f32) -> Vec<f32> {
    let mut h = vec![pitch + 2.0 * pad_y; table.rows];
    for (cell, text) in table.cells.iter().zip(texts) {
        if cell.rowspan == 1 {
            h[cell.row] = h[cell.row].max(text.height() + 2.0 * pad_y);
        }
    }
    let mut merged: Vec<usize> = (0..table.cells.len())
        .filter(|&i| table.cells[i].rowspan > 1)
        .collect();
    merged.sort_by_key(|&i| table.cells[i].rowspan);
    for i in merged {
        let cell = &table.cells[i];
        let rows = cell.row..cell.row + cell.rowspan;
        let have: f32 = h[rows.clone()].iter().sum();
        let need = texts[i].height() + 2.0 * pad_y;
        if need > have {
            let extra = (need - have) / cell.rowspan as f32;
            for r in rows {
                h[r] += extra;
            }
        }
    }
    h
}

fn style(size: Pt) -> Style {
    Style {
        role: FontRole::Table,
        size,
        pitch: None,
    }
}

fn shape(shaper: &mut Shaper, text: &str, size: Pt) -> Vec<Ch> {
    let mut chars = Vec::new();
    shaper.shape(text, style(size), &mut chars);
    compress_pairs(&mut chars);
    chars
}

fn unbroken(chars: Vec<Ch>) -> Line {
    Line {
        advances: chars.iter().map(|c| c.width).collect(),
        chars,
        indent: 0.0,
    }
}

fn wrap(chars: &[Ch], width: f32) -> Vec<Line> {
    break_lines(
        chars,
        Measure {
            width,
            first_indent: 0.0,
            justify: false,
            max_squeeze: 0.0,
        },
    )
}

/// One character a line (三、本年度办理结果). Punctuation takes its vertical presentation form
/// (、 → ︑) where the font has one, so it sits centred in the column; the text stays "、".
fn vertical(shaper: &mut Shaper, text: &str, size: Pt) -> Vec<Line> {
    text.chars()
        .filter_map(|ch| {
            let vertical = vertical_form(ch).and_then(|v| shaper.shape_char(v, style(size)));
            vertical
                .map(|v| Ch { ch, ..v })
                .or_else(|| shaper.shape_char(ch, style(size)))
        })
        .map(|c| unbroken(vec![c]))
        .collect()
}

/// The vertical presentation form of a punctuation mark (Unicode's CJK Vertical Forms).
fn vertical_form(ch: char) -> Option<char> {
    Some(match ch {
        '，' => '\u{FE10}',
        '、' => '\u{FE11}',
        '。' => '\u{FE12}',
        '：' => '\u{FE13}',
        '；' => '\u{FE14}',
        '（' => '\u{FE35}',
        '）' => '\u{FE36}',
        '《' => '\u{FE3D}',
        '》' => '\u{FE3E}',
        _ => return None,
    })
}

/// A number on one line: shrunk (down to [`ts::MIN_SIZE`]) when wider than its cell, wrapped only
/// beyond that.
fn number(shaper: &mut Shaper, text: &str, size: Pt, inner: f32) -> (Vec<Line>, Pt) {
    let chars = shape(shaper, text, size);
    let w: f32 = chars.iter().map(|c| c.width).sum();
    if w <= inner + EPS {
        return (vec![unbroken(chars)], size);
    }
    let smaller = Pt((size.0 * inner / w).max(ts::MIN_SIZE.0));
    let chars = shape(shaper, text, smaller);
    (wrap(&chars, inner), smaller)
}

/// A label wrapped in its cell; a leading "（三）" goes on a line of its own when the rest then fits
/// on one line ("（三）/不予公开" rather than "（三）不予/公开"). A label that would leave one
/// character alone on its last line ("自然/人") is set in the dense size if that avoids it.
fn label(shaper: &mut Shaper, text: &str, size: Pt, inner: f32) -> (Vec<Line>, Pt) {
    let lines = label_lines(shaper, text, size, inner);
    let orphan =
        |lines: &[Line]| lines.len() > 1 && lines.last().is_some_and(|l| l.chars.len() == 1);
    if orphan(&lines) && size.0 > ts::DENSE_SIZE.0 {
        let smaller = label_lines(shaper, text, ts::DENSE_SIZE, inner);
        if !orphan(&smaller) && smaller.len() <= lines.len() {
            return (smaller, ts::DENSE_SIZE);
        }
    }
    (lines, size)
}

fn label_lines(shaper: &mut Shaper, text: &str, size: Pt, inner: f32) -> Vec<Line> {
    let chars = shape(shaper, text, size);
    let total: f32 = chars.iter().map(|c| c.width).sum();
    let prefix = chars.iter().take(5).position(|c| c.ch == '）');
    let opens = chars.first().is_some_and(|c| c.ch == '（');
    if let (true, Some(k)) = (total > inner + EPS && opens, prefix) {
        let rest: f32 = chars[k + 1..].iter().map(|c| c.width).sum();
        let head: f32 = chars[..=k].iter().map(|c| c.width).sum();
        if k + 1 < chars.len() && rest <= inner + EPS && head <= inner + EPS {
            return vec![
                unbroken(chars[..=k].to_vec()),
                unbroken(chars[k + 1..].to_vec()),
            ];
        }
    }
    wrap(&chars, inner)
}
