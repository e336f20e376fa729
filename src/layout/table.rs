//! Tables as a function from the space available to page fragments: a [`TableBox`] is measured
//! once (cells wrapped inside their columns, rows as tall as their text), [`TableBox::fragments`]
//! splits its rows for the space the flow offers, and [`TableBox::draw`] turns the fragments into
//! items positioned from each fragment's top, which the flow places on its pages. Header rows
//! repeat on every continuation; a merged cell cut by a break repeats its text when it fits, else
//! continues it.

use std::collections::HashMap;
use std::ops::Range;

use super::lines::{Line, Measure, break_lines, runs};
use super::text::{Ch, Shaper, Style, compress_pairs};
use super::{CellBox, Element, ElementKind, Item, Node, Point, Rule, Tag};
use crate::model::Report;
use crate::realize::{TableMetrics, TableSpec, prefix_break};
use crate::style::{FontRole, Pt, centred_baseline, table as ts};
use crate::tables::{CellKind, Table, TableId};

const EPS: Pt = Pt(0.01);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
}

/// A cell's text broken into lines.
struct CellText {
    lines: Vec<Line>,
    /// Line pitch (depends on the size, which a too-wide number may have shrunk).
    pitch: Pt,
    align: Align,
}

impl CellText {
    fn height(&self) -> Pt {
        self.pitch * self.lines.len() as f32
    }
}

/// A table measured with some metrics, ready to be split into fragments.
pub(super) struct TableBox<'s> {
    spec: &'s TableSpec,
    metrics: TableMetrics,
    /// Left edge of each column relative to the 版心, plus the right edge of the last.
    col_x: Vec<Pt>,
    heights: Vec<Pt>,
    texts: Vec<CellText>,
}

/// Rows of one page: `rows`, preceded by the repeated header rows when `header` is set.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Fragment {
    pub rows: Range<usize>,
    pub header: bool,
}

/// One fragment drawn: items with y measured from the fragment's top (x from the page's left
/// edge), content ids local to the table (0, 1, …), and the cells drawn (page left 0).
pub(super) struct Piece {
    pub items: Vec<Item>,
    pub cells: Vec<CellBox>,
    pub height: Pt,
}

/// A table drawn: its pieces, one a page, and its structure (content ids local to the table).
pub(super) struct Drawn {
    pub pieces: Vec<Piece>,
    pub structure: Element,
    /// How many content ids the table used.
    pub ids: usize,
}

impl<'s> TableBox<'s> {
    pub fn new(
        spec: &'s TableSpec,
        metrics: TableMetrics,
        report: &Report,
        shaper: &mut Shaper,
    ) -> TableBox<'s> {
        let table = &spec.table;
        let size = metrics.size;
        let pad_x = metrics.pad_x.to_pt();
        let mut col_x = vec![Pt(0.0)];
        for w in &table.columns {
            let last = col_x.last().copied().unwrap_or_default();
            col_x.push(last + crate::style::Mm(*w).to_pt());
        }
        let texts: Vec<CellText> = table
            .cells
            .iter()
            .map(|cell| {
                let text = table.cell_text(report, cell);
                let inner = col_x[cell.col + cell.colspan] - col_x[cell.col] - pad_x * 2.0;
                let align = match cell.kind {
                    CellKind::Label if cell.rowspan == 1 && !cell.vertical => Align::Left,
                    _ => Align::Center,
                };
                let (lines, size) = if cell.vertical {
                    (vertical(shaper, &text, size), size)
                } else if cell.kind == CellKind::Value {
                    number(shaper, &text, size, inner)
                } else {
                    (label(shaper, &text, size, inner), size)
                };
                CellText {
                    lines,
                    pitch: size * metrics.line_spacing,
                    align,
                }
            })
            .collect();
        let heights = row_heights(table, &texts, metrics);
        TableBox {
            spec,
            metrics,
            col_x,
            heights,
            texts,
        }
    }

    pub fn id(&self) -> TableId {
        self.spec.id
    }

    fn table(&self) -> &Table {
        &self.spec.table
    }

    /// The whole table's height.
    pub fn height(&self) -> Pt {
        self.heights.iter().sum()
    }

    fn pad_y(&self) -> Pt {
        self.metrics.pad_y.to_pt()
    }

    /// May the table break between row `end - 1` and row `end`? Where the realized groups allow
    /// it ([`TableSpec::may_break`]), and through a tall merged cell only where both pieces can
    /// show its whole text (so the text is repeated on the next page, never cut to "三、本").
    fn can_break(&self, end: usize) -> bool {
        let t = self.table();
        if !self.spec.may_break(end) {
            return false;
        }
        if end >= t.rows {
            return true;
        }
        !t.cells.iter().enumerate().any(|(i, c)| {
            let rows = c.row..c.row + c.rowspan;
            if !(rows.start < end && end < rows.end) {
                return false;
            }
            let need = self.texts[i].height() + self.pad_y() * 2.0 - EPS;
            let above: Pt = self.heights[rows.start..end].iter().sum();
            let below: Pt = self.heights[end..rows.end].iter().sum();
            above < need || below < need
        })
    }

    fn header_height(&self) -> Pt {
        self.heights[..self.table().header_rows].iter().sum()
    }

    /// Splits the rows into fragments: the first in `first` of height, every later one in `full`,
    /// each taking as many rows as fit up to an allowed break. `None` when not even the first
    /// fragment has an allowed break that fits in `first` (the table then starts on the next
    /// page). On a full page with no allowed break that fits, the rows that fit are taken.
    pub fn fragments(&self, first: Pt, full: Pt) -> Option<Vec<Fragment>> {
        let rows = self.table().rows;
        let mut out = Vec::new();
        let (mut start, mut avail, mut header) = (0, first, false);
        while start < rows {
            let mut acc = if header {
                self.header_height()
            } else {
                Pt(0.0)
            };
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
            let end = match ok {
                Some(end) => end,
                None if out.is_empty() && avail < full - EPS => return None,
                None => any.unwrap_or(start + 1),
            };
            out.push(Fragment {
                rows: start..end,
                header,
            });
            start = end;
            avail = full;
            header = self.table().header_rows > 0;
        }
        Some(out)
    }

    /// Draws the fragments, each from y = 0, with the table's left edge at `x0`.
    pub fn draw(&self, fragments: &[Fragment], x0: Pt) -> Drawn {
        let plans = self.plan(fragments);
        let mut ids: Vec<Vec<usize>> = vec![Vec::new(); self.table().cells.len()];
        let mut next_id = 0;
        let mut pieces = Vec::new();
        for (f, fragment) in fragments.iter().enumerate() {
            let mut piece = Piece {
                items: Vec::new(),
                cells: Vec::new(),
                height: Pt(0.0),
            };
            let mut y = Pt(0.0);
            let mut row_y = HashMap::new();
            let header_rows = if fragment.header {
                0..self.table().header_rows
            } else {
                0..0
            };
            for r in header_rows.clone().chain(fragment.rows.clone()) {
                row_y.insert(r, y);
                y += self.heights[r];
            }
            let mut cx = DrawCx {
                piece: &mut piece,
                row_y: &row_y,
                x0,
                ids: &mut ids,
                next_id: &mut next_id,
            };
            // Header rows repeated on a continuation page: decoration, already in the structure.
            if fragment.header {
                self.draw_rows(&mut cx, header_rows, &|_cell| None);
            }
            let plan = |cell: usize| plans.get(&(cell, f)).cloned();
            self.draw_rows(&mut cx, fragment.rows.clone(), &plan);
            let right = x0 + self.col_x.last().copied().unwrap_or_default();
            for (from, to) in [
                (
                    Point { x: x0, y: Pt(0.0) },
                    Point {
                        x: right,
                        y: Pt(0.0),
                    },
                ),
                (Point { x: x0, y: Pt(0.0) }, Point { x: x0, y }),
            ] {
                piece.items.push(Item::Rule(Rule {
                    from,
                    to,
                    width: self.metrics.rule,
                }));
            }
            piece.height = y;
            pieces.push(piece);
        }
        Drawn {
            pieces,
            structure: self.structure(ids),
            ids: next_id,
        }
    }

    /// For every piece of a cell (cell, fragment): which of its lines it shows and whether they
    /// repeat text shown in an earlier piece.
    fn plan(&self, fragments: &[Fragment]) -> HashMap<(usize, usize), (Range<usize>, bool)> {
        let mut plans = HashMap::new();
        let pad = self.pad_y() * 2.0;
        for (i, cell) in self.table().cells.iter().enumerate() {
            let rows = cell.row..cell.row + cell.rowspan;
            let pieces: Vec<(usize, Pt)> = fragments
                .iter()
                .enumerate()
                .filter_map(|(f, frag)| {
                    let a = rows.start.max(frag.rows.start);
                    let e = rows.end.min(frag.rows.end);
                    (a < e).then(|| (f, self.heights[a..e].iter().sum::<Pt>()))
                })
                .collect();
            let text = &self.texts[i];
            let n = text.lines.len();
            let fits_each = pieces.iter().all(|&(_, h)| text.height() <= h - pad + EPS);
            if pieces.len() == 1 || fits_each {
                for (k, &(f, _)) in pieces.iter().enumerate() {
                    plans.insert((i, f), (0..n, k > 0));
                }
                continue;
            }
            // Continue the text: each piece takes the lines that fit, the last one the rest.
            let mut next = 0;
            for (k, &(f, h)) in pieces.iter().enumerate() {
                let room = (((h - pad).0 / text.pitch.0) + EPS.0).floor().max(1.0) as usize;
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
        cx: &mut DrawCx,
        rows: Range<usize>,
        plan: &dyn Fn(usize) -> Option<(Range<usize>, bool)>,
    ) {
        if rows.is_empty() {
            return;
        }
        for (i, cell) in self.table().cells.iter().enumerate() {
            let a = cell.row.max(rows.start);
            let e = (cell.row + cell.rowspan).min(rows.end);
            if a >= e {
                continue;
            }
            let (Some(&top), Some(&last)) = (cx.row_y.get(&a), cx.row_y.get(&(e - 1))) else {
                continue;
            };
            let bottom = last + self.heights[e - 1];
            let left = cx.x0 + self.col_x[cell.col];
            let right = cx.x0 + self.col_x[cell.col + cell.colspan];
            for (from, to) in [
                (
                    Point { x: right, y: top },
                    Point {
                        x: right,
                        y: bottom,
                    },
                ),
                (
                    Point { x: left, y: bottom },
                    Point {
                        x: right,
                        y: bottom,
                    },
                ),
            ] {
                cx.piece.items.push(Item::Rule(Rule {
                    from,
                    to,
                    width: self.metrics.rule,
                }));
            }
            // No plan: a repeated header row (artifact, all lines).
            let text = &self.texts[i];
            let (range, repeated, tagged) = match plan(i) {
                Some((range, repeated)) => (range, repeated, !repeated),
                None => (0..text.lines.len(), true, false),
            };
            let lines = &text.lines[range];
            let block = text.pitch * lines.len() as f32;
            let mut y = top + ((bottom - top) - block) / 2.0;
            let mut shown = String::new();
            for line in lines {
                let size = line.chars.first().map_or(self.metrics.size, |c| c.size);
                let w = line.width();
                let x = match text.align {
                    Align::Left => left + self.metrics.pad_x.to_pt(),
                    Align::Center => left + (right - left - w) / 2.0,
                };
                let baseline = y + centred_baseline(text.pitch, size);
                for run in runs(&line.chars, &line.advances, x, baseline) {
                    let tag = if tagged {
                        let id = *cx.next_id;
                        *cx.next_id += 1;
                        cx.ids[i].push(id);
                        Tag::Content(id)
                    } else {
                        Tag::Artifact
                    };
                    cx.piece
                        .items
                        .push(Item::Text(super::GlyphRun { tag, ..run }));
                }
                shown.extend(line.chars.iter().map(|c| c.ch));
                y += text.pitch;
            }
            cx.piece.cells.push(CellBox {
                table: self.table().id,
                cell: i,
                page: 0,
                top_left: Point { x: left, y: top },
                bottom_right: Point {
                    x: right,
                    y: bottom,
                },
                text: shown,
                repeated,
            });
        }
    }

    /// Table → rows → header and data cells with their spans, in reading order.
    fn structure(&self, mut ids: Vec<Vec<usize>>) -> Element {
        let mut rows = Vec::new();
        for r in 0..self.table().rows {
            let cells: Vec<Node> = self
                .table()
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

/// What drawing one fragment writes into.
struct DrawCx<'a> {
    piece: &'a mut Piece,
    row_y: &'a HashMap<usize, Pt>,
    x0: Pt,
    ids: &'a mut [Vec<usize>],
    next_id: &'a mut usize,
}

/// Row heights: each row as tall as its tallest single-row cell; a merged cell taller than its
/// rows together makes them taller, evenly.
fn row_heights(table: &Table, texts: &[CellText], metrics: TableMetrics) -> Vec<Pt> {
    let pad = metrics.pad_y.to_pt() * 2.0;
    let mut h = vec![metrics.pitch() + pad; table.rows];
    for (cell, text) in table.cells.iter().zip(texts) {
        if cell.rowspan == 1 && text.height() + pad > h[cell.row] {
            h[cell.row] = text.height() + pad;
        }
    }
    let mut merged: Vec<usize> = (0..table.cells.len())
        .filter(|&i| table.cells[i].rowspan > 1)
        .collect();
    merged.sort_by_key(|&i| table.cells[i].rowspan);
    for i in merged {
        let cell = &table.cells[i];
        let rows = cell.row..cell.row + cell.rowspan;
        let have: Pt = h[rows.clone()].iter().sum();
        let need = texts[i].height() + pad;
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
        indent: Pt(0.0),
    }
}

fn wrap(chars: &[Ch], width: Pt) -> Vec<Line> {
    break_lines(
        chars,
        Measure {
            width,
            first_indent: Pt(0.0),
            justify: false,
            max_squeeze: Pt(0.0),
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
fn number(shaper: &mut Shaper, text: &str, size: Pt, inner: Pt) -> (Vec<Line>, Pt) {
    let chars = shape(shaper, text, size);
    let w: Pt = chars.iter().map(|c| c.width).sum();
    if w <= inner + EPS {
        return (vec![unbroken(chars)], size);
    }
    let smaller = (size * (inner.0 / w.0)).max(ts::MIN_SIZE);
    let chars = shape(shaper, text, smaller);
    (wrap(&chars, inner), smaller)
}

/// A label wrapped in its cell, in the table's one size; a leading "（三）" on a line of its own
/// where [`prefix_break`] says so (the DOCX breaks it there too).
fn label(shaper: &mut Shaper, text: &str, size: Pt, inner: Pt) -> Vec<Line> {
    if let Some(at) = prefix_break(text, inner.to_mm(), size) {
        let (head, rest) = text.split_at(at);
        return vec![
            unbroken(shape(shaper, head, size)),
            unbroken(shape(shaper, rest, size)),
        ];
    }
    wrap(&shape(shaper, text, size), inner)
}
