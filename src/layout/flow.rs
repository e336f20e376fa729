//! The document flow: blocks in reading order onto pages — the 22-line grid, keep-with-next,
//! widows and orphans, table placement, the title, the signature block and the page numbers.

use super::lines::{Line, Measure, break_lines, runs};
use super::table::{Drawn, TableBox};
use super::text::{Shaper, Style};
use super::title::title_lines;
use super::{CellBox, Element, ElementKind, GlyphRun, Item, Layout, Node, Page, Tag};
use crate::fonts::FontSet;
use crate::model::Report;
use crate::model::flow::Block;
use crate::realize::{Realized, Signature, TableSpec};
use crate::style::{
    self, EM_BOX_ASCENT, FontRole, GBT9704, INDENT_CHARS, LINES_AFTER_TITLE, PAGE_NUMBER_DASH,
    PAGE_NUMBER_INSET_CHARS, Pt, table as ts,
};

const EPS: Pt = Pt(0.01);

/// Pages under construction and the cursor: `y` is the distance from the top of the 版心.
struct Builder<'a> {
    geom: style::Page,
    shaper: Shaper<'a>,
    pages: Vec<Page>,
    y: Pt,
    cells: Vec<CellBox>,
    next_id: usize,
    /// The lines of headings and paragraphs on the current page, in order.
    marks: Vec<LineMark>,
    /// The element being placed (its sequence number, and whether it is a heading).
    current: Option<(usize, bool)>,
    elements: usize,
}

/// Where a line of a heading or paragraph starts among the current page's items.
#[derive(Debug, Clone, Copy)]
struct LineMark {
    item: usize,
    element: usize,
    heading: bool,
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
            y: Pt(0.0),
            cells: Vec::new(),
            next_id: 0,
            marks: Vec::new(),
            current: None,
            elements: 0,
        }
    }

    fn pitch(&self) -> Pt {
        self.geom.line_pitch()
    }

    fn char_pitch(&self) -> Pt {
        self.geom.char_pitch()
    }

    /// Height of the 版心.
    fn body_height(&self) -> Pt {
        self.geom.body_height.to_pt()
    }

    /// Left edge of the 版心 from the page's left edge.
    fn left(&self) -> Pt {
        self.geom.left.to_pt()
    }

    /// Width of the 版心: the measure of every body line.
    fn measure(&self) -> Pt {
        self.geom.body_width.to_pt()
    }

    fn new_page(&mut self) {
        self.marks.clear();
        let number = self.pages.len() as u32 + 1;
        self.pages.push(Page {
            number,
            items: Vec::new(),
        });
        self.y = Pt(0.0);
    }

    fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    /// A fresh content id for tagging.
    fn content(&mut self) -> usize {
        self.next_id += 1;
        self.next_id - 1
    }

    /// The grid line the next text line goes on: text after a table snaps back to the grid.
    fn line_index(&self) -> u32 {
        (self.y.0 / self.pitch().0 - 1e-3).ceil().max(0.0) as u32
    }

    fn lines_left(&self) -> u32 {
        self.geom.lines_per_page.saturating_sub(self.line_index())
    }

    /// Moves the cursor to the top of the next free grid line.
    fn snap(&mut self) {
        self.y = self.pitch() * self.line_index() as f32;
    }

    /// Places a line of text on the next grid line (starting a page when this one is full), with
    /// its pen starting at `x` (from the page's left edge). Returns the content ids of its runs.
    fn place_line(&mut self, line: &Line, x: Pt, tag: bool) -> Vec<usize> {
        if self.lines_left() == 0 {
            self.new_page();
        }
        if let (Some((element, heading)), Some(page)) = (self.current, self.pages.last()) {
            self.marks.push(LineMark {
                item: page.items.len(),
                element,
                heading,
            });
        }
        let index = self.line_index();
        let size = line.chars.first().map_or(Pt(16.0), |c| c.size);
        let baseline = self.geom.baseline(index, size);
        let ids = self.emit(line, x + line.indent, baseline, tag);
        self.y = self.pitch() * (index + 1) as f32;
        ids
    }

    /// Removes the last lines of text from the current page, to go with the signature block on
    /// the next: two lines of a paragraph of four or more here, else the whole paragraph with the
    /// heading before it, so no line and no heading is left alone. `None` when the page ends with
    /// something else (a table), or nothing would be left on it. Returns the items and the
    /// number of lines.
    fn take_last_lines(&mut self) -> Option<(Vec<Item>, usize)> {
        let page = self.pages.last_mut()?;
        if !matches!(page.items.last(), Some(Item::Text(_))) {
            return None;
        }
        let last = self.marks.last()?;
        if last.item >= page.items.len() {
            return None;
        }
        let n = self
            .marks
            .iter()
            .filter(|m| m.element == last.element)
            .count();
        let mut from = if n >= 4 {
            self.marks.len() - 2
        } else {
            self.marks.len() - n
        };
        if from > 0 && self.marks[from - 1].heading {
            let heading = self.marks[from - 1].element;
            while from > 0 && self.marks[from - 1].element == heading {
                from -= 1;
            }
        }
        let start = self.marks[from].item;
        if start == 0 {
            return None;
        }
        let lines = self.marks.len() - from;
        self.marks.truncate(from);
        Some((page.items.split_off(start), lines))
    }

    /// Emits glyph runs for a line, pen starting at `x` on `baseline`.
    fn emit(&mut self, line: &Line, x: Pt, baseline: Pt, tag: bool) -> Vec<usize> {
        let mut ids = Vec::new();
        for run in runs(&line.chars, &line.advances, x, baseline) {
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
                first_indent: pitch * INDENT_CHARS as f32,
                justify: true,
                max_squeeze: pitch / 2.0,
            },
        )
    }

    /// Places lines as one element, never leaving a single line of it alone at the foot or the
    /// top of a page (no orphans, no widows): the lines that may stay here go here, the rest on
    /// the next page.
    fn place_element(&mut self, kind: ElementKind, lines: &[Line]) -> Element {
        let x = self.left();
        let heading = matches!(kind, ElementKind::H1 | ElementKind::H2);
        self.current = Some((self.elements, heading));
        self.elements += 1;
        let here = first_part(lines.len(), self.lines_left() as usize);
        if here == 0 && self.line_index() > 0 {
            self.new_page();
        }
        let mut children = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if i == here && here > 0 && here < lines.len() {
                self.new_page();
            }
            children.extend(
                self.place_line(line, x, true)
                    .into_iter()
                    .map(Node::Content),
            );
        }
        self.current = None;
        Element { kind, children }
    }

    /// Places a drawn table from the cursor on, one piece a page.
    fn place_table(&mut self, drawn: Drawn) -> Element {
        let base = self.next_id;
        self.next_id += drawn.ids;
        let top = self.geom.body_top();
        for (k, piece) in drawn.pieces.into_iter().enumerate() {
            if k > 0 {
                self.new_page();
            }
            let dy = top + self.y;
            let page = self.pages.len() - 1;
            for mut item in piece.items {
                match &mut item {
                    Item::Text(run) => {
                        run.origin.y += dy;
                        if let Tag::Content(id) = &mut run.tag {
                            *id += base;
                        }
                    }
                    Item::Rule(rule) => {
                        rule.from.y += dy;
                        rule.to.y += dy;
                    }
                }
                self.push(item);
            }
            for mut cell in piece.cells {
                cell.page = page;
                cell.top_left.y += dy;
                cell.bottom_right.y += dy;
                self.cells.push(cell);
            }
            self.y += piece.height;
        }
        offset_ids(drawn.structure, base)
    }
}

/// How many of a paragraph's `n` lines go on a page with `left` lines free: all when they fit;
/// else at least two, leaving at least two for the next page; 0 when that is impossible here.
fn first_part(n: usize, left: usize) -> usize {
    if n <= left {
        return n;
    }
    let here = left.min(n.saturating_sub(2));
    if here >= 2 { here } else { 0 }
}

fn offset_ids(mut e: Element, base: usize) -> Element {
    e.children = e
        .children
        .into_iter()
        .map(|n| match n {
            Node::Content(id) => Node::Content(id + base),
            Node::Element(e) => Node::Element(offset_ids(e, base)),
        })
        .collect();
    e
}

/// Where a table goes, decided before its heading is placed.
struct Placement<'s> {
    table: TableBox<'s>,
    /// Start (with its heading) on the next page.
    next_page: bool,
}

/// Measures a table and decides where it goes when it starts `y` below the top of the 版心,
/// after `heading` of heading lines:
/// - a table too tall for a page at its natural size but not condensed (90 %) is condensed
///   (wherever it goes: on one page, or split);
/// - here when it fits in the space left;
/// - on the next page when it fits one page and moving leaves less than a quarter of the 版心
///   blank; otherwise split here, when its first fragment can end at an allowed break (else on
///   the next page).
fn place<'s>(
    b: &mut Builder,
    report: &Report,
    spec: &'s TableSpec,
    y: Pt,
    heading: Pt,
) -> Placement<'s> {
    let fits = |t: &TableBox, h: Pt| t.height() <= h + EPS;
    let full = b.body_height();
    let room = full - heading;
    let left = room - y;
    let natural = TableBox::new(spec, spec.metrics, report, &mut b.shaper);
    let one_page = if fits(&natural, room) {
        None
    } else {
        let condensed = TableBox::new(spec, spec.metrics.condensed(), report, &mut b.shaper);
        fits(&condensed, room).then_some(condensed)
    };
    // The table is set in one size wherever it goes: condensed when that is what fits it on a
    // page. A split table then looks as it would whole, and its first fragment is as short as it
    // can be: table 三's, down to the first break where 三、本年度办理结果 fits its piece (after
    // （三）), fits in what is left of a page more often than at the natural size.
    let fits_a_page = one_page.is_some() || fits(&natural, room);
    let table = one_page.unwrap_or(natural);
    let here = y <= EPS || fits(&table, left);
    let split = !here && table.fragments(left, full).is_some();
    let next_page = !here && ((fits_a_page && full - y < full * ts::MAX_BLANK) || !split);
    Placement { table, next_page }
}

/// Lays out a report from its realized document.
pub(super) fn layout(report: &Report, realized: &Realized, fonts: &FontSet) -> Layout {
    let mut b = Builder::new(fonts);
    let blocks = &realized.blocks;
    let mut structure = Vec::new();
    // A table measured and placed when its heading was, placed at the next block.
    let mut pending: Option<Placement> = None;
    for (i, block) in blocks.iter().enumerate() {
        let next = blocks.get(i + 1);
        match block {
            Block::Title(lines) => structure.push(title(&mut b, lines)),
            Block::Heading1(text) | Block::Heading2 { text, .. } => {
                let (role, kind) = match block {
                    Block::Heading1(_) => (FontRole::Heading1, ElementKind::H1),
                    _ => (FontRole::Heading2, ElementKind::H2),
                };
                let lines = b.paragraph(&[(role, text)]);
                pending = keep_heading(&mut b, report, realized, lines.len(), next);
                structure.push(b.place_element(kind, &lines));
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
                b.snap();
                let Some(spec) = realized.table(*id) else {
                    continue;
                };
                let placement = match pending.take() {
                    Some(p) if p.table.id() == *id => p,
                    _ => {
                        let y = b.y;
                        place(&mut b, report, spec, y, Pt(0.0))
                    }
                };
                if placement.next_page {
                    b.new_page();
                }
                let full = b.body_height();
                let table = placement.table;
                let fragments = table
                    .fragments(full - b.y, full)
                    .or_else(|| {
                        b.new_page();
                        table.fragments(full, full)
                    })
                    .unwrap_or_default();
                let drawn = table.draw(&fragments, b.left());
                structure.push(b.place_table(drawn));
            }
            Block::Signature { .. } => {
                if let Some(sig) = &realized.signature {
                    structure.extend(signature(&mut b, sig));
                }
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

/// Starts a new page before a heading unless the heading and the start of what follows fit on
/// this page: two lines of a paragraph (or all of a shorter one, as the orphan rule places it),
/// or the table as [`place`] decides. A heading is never the last thing on a page.
fn keep_heading<'s>(
    b: &mut Builder,
    report: &Report,
    realized: &'s Realized,
    lines: usize,
    next: Option<&Block>,
) -> Option<Placement<'s>> {
    let pitch = b.pitch();
    let start = b.line_index() as usize;
    let per_page = b.geom.lines_per_page as usize;
    let heading = pitch * lines as f32;
    let fits = |after: usize| start == 0 || start + lines + after <= per_page;
    match next {
        Some(Block::Table(id)) => {
            let spec = realized.table(*id)?;
            let mut p = place(b, report, spec, pitch * start as f32, heading);
            if p.next_page || !fits(0) {
                b.new_page();
                p = place(b, report, spec, Pt(0.0), heading);
            }
            Some(p)
        }
        Some(Block::Paragraph { lead, text, .. }) => {
            let mut parts = Vec::new();
            if let Some(lead) = lead {
                parts.push((FontRole::Heading2, lead.as_str()));
            }
            parts.push((FontRole::Body, text.as_str()));
            let n = b.paragraph(&parts).len();
            let left = per_page.saturating_sub(start + lines);
            if start > 0 && first_part(n, left) == 0 {
                b.new_page();
            }
            None
        }
        Some(Block::Heading1(_) | Block::Heading2 { .. }) => {
            if !fits(3) {
                b.new_page();
            }
            None
        }
        Some(Block::Title(_) | Block::Signature { .. }) | None => None,
    }
}

/// The title: 2号, centred, each line on the grid, then two empty grid lines (7.3.1).
fn title(b: &mut Builder, lines: &[String]) -> Element {
    let limit = b.measure() - FontRole::Title.size() * (2.0 * style::TITLE_SIDE_CHARS);
    let lines = title_lines(&mut b.shaper, lines, limit);
    let mut children = Vec::new();
    for chars in lines {
        let advances: Vec<Pt> = chars.iter().map(|c| c.width).collect();
        let width: Pt = advances.iter().sum();
        let line = Line {
            chars,
            advances,
            indent: Pt(0.0),
        };
        let x = b.left() + (b.measure() - width) / 2.0;
        children.extend(b.place_line(&line, x, true).into_iter().map(Node::Content));
    }
    b.y += b.pitch() * LINES_AFTER_TITLE as f32;
    Element {
        kind: ElementKind::Title,
        children,
    }
}

/// 署名 and 成文日期 (7.3.5.2) one empty line below the text, at the realized right insets (half
/// characters of the grid).
fn signature(b: &mut Builder, sig: &Signature) -> Vec<Element> {
    let half = b.char_pitch() / 2.0;
    let style = b.grid_style(FontRole::Body);
    let measure = Measure {
        width: b.measure(),
        first_indent: Pt(0.0),
        justify: false,
        max_squeeze: Pt(0.0),
    };
    let mut shape = |text: &str| {
        let mut chars = Vec::new();
        b.shaper.shape(text, style, &mut chars);
        break_lines(&chars, measure)
    };
    let agency = shape(&sig.agency);
    let date = sig.date.as_deref().map(&mut shape).unwrap_or_default();
    let right = b.left() + b.measure();
    let width = |lines: &[Line]| lines.iter().map(Line::width).fold(Pt(0.0), Pt::max);
    let agency_x = (right - half * sig.agency_right as f32 - width(&agency)).max(b.left());
    let date_x = right - half * sig.date_right.unwrap_or(0) as f32 - width(&date);
    let needed = (agency.len() + date.len()) as u32;
    if b.lines_left() < needed + 1 {
        // The 署名 never stands alone on a page (此页无正文): the last lines of text go with it.
        let carried = b.take_last_lines();
        b.new_page();
        if let Some((items, lines)) = carried {
            // The carried lines are consecutive grid lines: move them up to the first.
            let first = items.iter().find_map(|i| match i {
                Item::Text(run) => Some(run.origin.y),
                Item::Rule(_) => None,
            });
            let top = b.geom.body_top();
            let shift = first.map_or(Pt(0.0), |y| b.pitch() * ((y - top).0 / b.pitch().0).floor());
            for mut item in items {
                if let Item::Text(run) = &mut item {
                    run.origin.y -= shift;
                }
                b.push(item);
            }
            b.y = b.pitch() * lines as f32;
        }
        b.y += b.pitch();
    } else {
        b.snap();
        b.y += b.pitch();
    }
    let mut out = Vec::new();
    for (lines, x) in [(agency, agency_x), (date, date_x)] {
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
    let inset = size * PAGE_NUMBER_INSET_CHARS as f32;
    let baseline = b.geom.page_number_top() + size * EM_BOX_ASCENT;
    for i in 0..b.pages.len() {
        let number = b.pages[i].number;
        let text = format!("{PAGE_NUMBER_DASH} {number} {PAGE_NUMBER_DASH}");
        let mut chars = Vec::new();
        b.shaper.shape(&text, style, &mut chars);
        let advances: Vec<Pt> = chars.iter().map(|c| c.width).collect();
        let width: Pt = advances.iter().sum();
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
