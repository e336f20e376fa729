//! The document flow: blocks in reading order onto pages — the 22-line grid, keep-with-next, the
//! title, the signature block and the page numbers.

use super::lines::{Line, Measure, break_lines};
use super::table::TableBox;
use super::text::{Ch, Shaper, Style};
use super::title::break_title;
use super::{CellBox, Element, ElementKind, Glyph, GlyphRun, Item, Layout, Node, Page, Point, Tag};
use crate::fonts::FontSet;
use crate::model::Report;
use crate::model::flow::Block;
use crate::style::{
    self, EM_BOX_ASCENT, FontRole, GBT9704, INDENT_CHARS, LINES_AFTER_TITLE, PAGE_NUMBER_DASH,
    PAGE_NUMBER_INSET_CHARS, Pt, SIGNATURE_RIGHT_CHARS,
};

const EPS: f32 = 0.01;

/// Pages under construction and the cursor: `y` is the distance from the top of the 版心.
pub(super) struct Builder<'a> {
    pub geom: style::Page,
    pub shaper: Shaper<'a>,
    pub pages: Vec<Page>,
    pub y: f32,
    pub cells: Vec<CellBox>,
    next_id: usize,
}

impl<'a> Builder<'a> {
    fn new(fonts: &'a FontSet) -> Self {
        Builder {
            geom: GBT9704,
            shaper: Shaper::new(fonts.lookup()),
            pages: vec![Page {
                number: 1,
                items: Vec::new(),
            }],
            y: 0.0,
            cells: Vec::new(),
            next_id: 0,
        }
    }

    pub fn pitch(&self) -> f32 {
        self.geom.line_pitch().0
    }

    pub fn char_pitch(&self) -> f32 {
        self.geom.char_pitch().0
    }

    /// Height of the 版心.
    pub fn body_height(&self) -> f32 {
        self.geom.body_height.to_pt().0
    }

    /// Left edge of the 版心 from the page's left edge.
    pub fn left(&self) -> f32 {
        self.geom.left.to_pt().0
    }

    /// Top edge of the 版心 from the page's top edge.
    pub fn top(&self) -> f32 {
        self.geom.body_top().0
    }

    /// Width of the 版心: the measure of every body line.
    pub fn measure(&self) -> f32 {
        self.geom.body_width.to_pt().0
    }

    pub fn new_page(&mut self) {
        let number = self.pages.len() as u32 + 1;
        self.pages.push(Page {
            number,
            items: Vec::new(),
        });
        self.y = 0.0;
    }

    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    pub fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    /// A fresh content id for tagging.
    pub fn content(&mut self) -> usize {
        self.next_id += 1;
        self.next_id - 1
    }

    /// The grid line the next text line goes on: text after a table snaps back to the grid.
    fn line_index(&self) -> u32 {
        (self.y / self.pitch() - 1e-3).ceil().max(0.0) as u32
    }

    fn lines_left(&self) -> u32 {
        self.geom.lines_per_page.saturating_sub(self.line_index())
    }

    /// Moves the cursor to the top of the next free grid line.
    pub fn snap(&mut self) {
        self.y = self.line_index() as f32 * self.pitch();
    }

    /// Places a line of text on the next grid line (starting a page when this one is full), with
    /// its pen starting at `x` (from the page's left edge). Returns the content ids of its runs.
    fn place_line(&mut self, line: &Line, x: f32, tag: bool) -> Vec<usize> {
        if self.lines_left() == 0 {
            self.new_page();
        }
        let index = self.line_index();
        let size = line.chars.first().map_or(Pt(16.0), |c| c.size);
        let baseline = self.geom.baseline(index, size).0;
        let ids = self.emit(&line.chars, &line.advances, x + line.indent, baseline, tag);
        self.y = (index + 1) as f32 * self.pitch();
        ids
    }

    /// Removes the last line of body text from the current page (its runs, ids kept) when the
    /// page ends with one; `None` when it ends with anything else (a table).
    fn take_last_line(&mut self) -> Option<Vec<Item>> {
        let items = &mut self.pages.last_mut()?.items;
        let Some(Item::Text(last)) = items.last() else {
            return None;
        };
        let (y, size) = (last.origin.y, last.size);
        let keep = items
            .iter()
            .rposition(|i| !matches!(i, Item::Text(r) if r.origin.y == y && r.size == size))
            .map_or(0, |i| i + 1);
        let line = items.split_off(keep);
        // Never empty the page: a page holding only this line keeps it.
        if keep == 0 {
            items.extend(line);
            return None;
        }
        Some(line)
    }

    /// Emits glyph runs for characters with their advances, pen starting at `x` on `baseline`.
    pub fn emit(
        &mut self,
        chars: &[Ch],
        advances: &[f32],
        x: f32,
        baseline: f32,
        tag: bool,
    ) -> Vec<usize> {
        let mut ids = Vec::new();
        for run in runs(chars, advances, x, baseline) {
            let tag = if tag {
                let id = self.content();
                ids.push(id);
                Tag::Content(id)
            } else {
                Tag::Artifact
            };
            self.push(Item::Text(GlyphRun { tag, ..run }));
        }
        ids
    }

    /// The style of 3号 text on the character grid.
    fn grid_style(&self, role: FontRole) -> Style {
        Style {
            role,
            size: role.size(),
            pitch: Some(self.geom.char_pitch()),
        }
    }

    /// A body paragraph or heading broken into justified lines with the two-character indent.
    fn paragraph(&mut self, parts: &[(FontRole, &str)]) -> Vec<Line> {
        let mut chars = Vec::new();
        for &(role, text) in parts {
            let style = self.grid_style(role);
            self.shaper.shape(text, style, &mut chars);
        }
        // No pair compression on the grid: every mark keeps its cell, as Word's document grid
        // does, so the characters of successive lines stay in columns.
        let pitch = self.char_pitch();
        break_lines(
            &chars,
            Measure {
                width: self.measure(),
                first_indent: INDENT_CHARS as f32 * pitch,
                justify: true,
                max_squeeze: pitch / 2.0,
            },
        )
    }

    /// Places lines as one element.
    fn place_element(&mut self, kind: ElementKind, lines: &[Line]) -> Element {
        let x = self.left();
        let mut children = Vec::new();
        for line in lines {
            children.extend(
                self.place_line(line, x, true)
                    .into_iter()
                    .map(Node::Content),
            );
        }
        Element { kind, children }
    }
}

/// Splits positioned characters into runs of one face and size.
pub(super) fn runs(chars: &[Ch], advances: &[f32], x: f32, baseline: f32) -> Vec<GlyphRun> {
    let mut out: Vec<GlyphRun> = Vec::new();
    let mut pen = x;
    for (c, &advance) in chars.iter().zip(advances) {
        let same = out
            .last()
            .is_some_and(|r| r.face == c.face && r.size == c.size);
        if !same {
            out.push(GlyphRun {
                face: c.face,
                size: c.size,
                origin: Point::new(pen, baseline),
                glyphs: Vec::new(),
                text: String::new(),
                tag: Tag::Artifact,
            });
        }
        if let Some(run) = out.last_mut() {
            let start = run.text.len();
            run.text.push(c.ch);
            run.glyphs.push(Glyph {
                id: c.glyph,
                advance: Pt(advance),
                shift: Pt(c.shift),
                text: start..run.text.len(),
            });
        }
        pen += advance;
    }
    out
}

pub(super) fn layout(report: &Report, fonts: &FontSet) -> Layout {
    let mut b = Builder::new(fonts);
    let blocks = report.flow();
    let mut structure = Vec::new();
    // A table measured to keep its heading with it, placed at the next block.
    let mut pending: Option<TableBox> = None;
    for (i, block) in blocks.iter().enumerate() {
        let next = blocks.get(i + 1);
        match block {
            Block::Title(lines) => structure.push(title(&mut b, report, lines)),
            Block::Heading1(text) => {
                let lines = b.paragraph(&[(FontRole::Heading1, text)]);
                keep_heading(&mut b, report, lines.len(), next, &mut pending);
                structure.push(b.place_element(ElementKind::H1, &lines));
            }
            Block::Heading2 { text, .. } => {
                let lines = b.paragraph(&[(FontRole::Heading2, text)]);
                keep_heading(&mut b, report, lines.len(), next, &mut pending);
                structure.push(b.place_element(ElementKind::H2, &lines));
            }
            Block::Paragraph { lead, text, .. } => {
                let mut parts = Vec::new();
                if let Some(lead) = lead {
                    parts.push((FontRole::Heading2, lead.as_str()));
                }
                parts.push((FontRole::Body, text.as_str()));
                let lines = b.paragraph(&parts);
                structure.push(b.place_element(ElementKind::P, &lines));
            }
            Block::Table(id) => {
                let table = match pending.take() {
                    Some(t) if t.id() == *id => t,
                    _ => TableBox::new(report, *id, &mut b.shaper),
                };
                b.snap();
                if b.y > EPS && b.y + table.first_chunk_height() > b.body_height() + EPS {
                    b.new_page();
                }
                structure.push(table.place(&mut b));
            }
            Block::Signature { agency, date } => {
                structure.extend(signature(&mut b, agency, date.as_deref()));
            }
        }
    }
    page_numbers(&mut b);
    Layout {
        pages: b.pages,
        faces: fonts.faces().to_vec(),
        structure,
        cells: b.cells,
    }
}

/// Starts a new page before a heading unless the heading and the start of what follows (one line
/// of text, or the first rows of a table) fit on this page: a heading is never a page's last line.
fn keep_heading(
    b: &mut Builder,
    report: &Report,
    lines: usize,
    next: Option<&Block>,
    pending: &mut Option<TableBox>,
) {
    let pitch = b.pitch();
    let after = match next {
        Some(Block::Table(id)) => {
            let table = TableBox::new(report, *id, &mut b.shaper);
            let h = table.first_chunk_height();
            *pending = Some(table);
            h
        }
        Some(Block::Signature { .. }) | None => 0.0,
        Some(_) => pitch,
    };
    let start = b.line_index();
    let end = (start as usize + lines) as f32 * pitch + after;
    if start > 0 && end > b.body_height() + EPS {
        b.new_page();
    }
}

/// The title: 2号, centred, each line on the grid, then two empty grid lines (7.3.1).
fn title(b: &mut Builder, report: &Report, lines: &[String]) -> Element {
    let limit = b.measure() - 2.0 * style::TITLE_SIDE_CHARS * FontRole::Title.size().0;
    let lines = break_title(&mut b.shaper, report, lines, limit);
    let mut children = Vec::new();
    for chars in lines {
        let advances: Vec<f32> = chars.iter().map(|c| c.width).collect();
        let width: f32 = advances.iter().sum();
        let line = Line {
            chars,
            advances,
            indent: 0.0,
        };
        let x = b.left() + (b.measure() - width) / 2.0;
        children.extend(b.place_line(&line, x, true).into_iter().map(Node::Content));
    }
    b.y += LINES_AFTER_TITLE as f32 * b.pitch();
    Element {
        kind: ElementKind::Title,
        children,
    }
}

/// 署名 and 成文日期 (7.3.5.2): one empty line below the text, the 署名 two characters in from the
/// right, the date on the next line starting two characters right of the 署名's start; a date
/// longer than that is set two characters in from the right and the 署名 moves left with it.
fn signature(b: &mut Builder, agency: &str, date: Option<&str>) -> Vec<Element> {
    let pitch = b.char_pitch();
    let inset = SIGNATURE_RIGHT_CHARS as f32 * pitch;
    let style = b.grid_style(FontRole::Body);
    let measure = Measure {
        width: b.measure() - inset,
        first_indent: 0.0,
        justify: false,
        max_squeeze: 0.0,
    };
    let mut shape = |text: &str| {
        let mut chars = Vec::new();
        b.shaper.shape(text, style, &mut chars);
        break_lines(&chars, measure)
    };
    let sig = shape(agency);
    let date = date.map(&mut shape).unwrap_or_default();
    let right = b.left() + b.measure() - inset;
    let sig_width = sig.iter().map(Line::width).fold(0.0, f32::max);
    let date_width = date.iter().map(Line::width).fold(0.0, f32::max);
    let mut sig_x = right - sig_width;
    let mut date_x = sig_x + SIGNATURE_RIGHT_CHARS as f32 * pitch;
    if date_x + date_width > right + EPS {
        date_x = right - date_width;
        sig_x = date_x - SIGNATURE_RIGHT_CHARS as f32 * pitch;
    }
    sig_x = sig_x.max(b.left());
    let needed = (sig.len() + date.len()) as u32;
    if b.lines_left() < needed + 1 {
        // The 署名 never stands alone on a page (此页无正文): the last line of text goes with it.
        let carried = b.take_last_line();
        b.new_page();
        if let Some(items) = carried {
            let baseline = b.geom.baseline(0, style.size).0;
            for mut item in items {
                if let Item::Text(run) = &mut item {
                    run.origin.y = Pt(baseline);
                }
                b.push(item);
            }
            b.y = b.pitch();
        }
        b.y += b.pitch();
    } else {
        b.snap();
        b.y += b.pitch();
    }
    let mut out = Vec::new();
    for (lines, x) in [(sig, sig_x), (date, date_x)] {
        let mut children = Vec::new();
        for line in &lines {
            children.extend(b.place_line(line, x, true).into_iter().map(Node::Content));
        }
        if !children.is_empty() {
            out.push(Element {
                kind: ElementKind::P,
                children,
            });
        }
    }
    out
}

/// "— 1 —" in 4号 宋体 7 mm below the 版心; odd pages right, even pages left, one character in
/// from the 版心's edge (7.5).
fn page_numbers(b: &mut Builder) {
    let role = FontRole::PageNumber;
    let size = role.size();
    let style = Style {
        role,
        size,
        pitch: None,
    };
    let inset = PAGE_NUMBER_INSET_CHARS as f32 * size.0;
    let baseline = b.geom.page_number_top().0 + EM_BOX_ASCENT * size.0;
    for i in 0..b.pages.len() {
        let number = b.pages[i].number;
        let text = format!("{PAGE_NUMBER_DASH} {number} {PAGE_NUMBER_DASH}");
        let mut chars = Vec::new();
        b.shaper.shape(&text, style, &mut chars);
        let advances: Vec<f32> = chars.iter().map(|c| c.width).collect();
        let width: f32 = advances.iter().sum();
        let x = if number % 2 == 1 {
            b.left() + b.measure() - inset - width
        } else {
            b.left() + inset
        };
        for run in runs(&chars, &advances, x, baseline) {
            b.pages[i].items.push(Item::Text(run));
        }
    }
}
