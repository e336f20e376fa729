//! Pure layout (no PDF types): the report on the GB/T 9704 page as pages of positioned items —
//! glyph runs, rules — plus the logical structure for tagging.
//!
//! Coordinates are points from the page's top-left corner, y downwards. Every glyph's position is
//! decided here; the PDF writer draws the items one to one.

mod dump;
mod flow;
mod lines;
mod table;
mod text;
mod title;

use std::ops::Range;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::fonts::{Face, FontBook, FontSet};
use crate::model::Report;
use crate::realize::{Realized, realize};
use crate::style::Pt;
use crate::tables::TableId;

pub use dump::dump;

/// A point on the page, from the top-left corner, y downwards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: Pt,
    pub y: Pt,
}

impl Point {
    pub fn new(x: f32, y: f32) -> Point {
        Point { x: Pt(x), y: Pt(y) }
    }
}

/// One glyph of a run. Its position is the run's origin plus the advances of the glyphs before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u16,
    /// Advance to the next glyph (justification and squeezing included).
    pub advance: Pt,
    /// The glyph is drawn this far left of its pen position (opening punctuation set half-width).
    pub shift: Pt,
    /// The glyph's cluster: a byte range of the run's text.
    pub text: Range<usize>,
}

/// Whether drawn content belongs to the document's logical structure or is decoration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Page numbers, repeated table headers, repeated cell text, rules.
    Artifact,
    /// Content with this id, referred to by one [`Node::Content`] of the structure.
    Content(usize),
}

/// Glyphs of one face and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    /// Index into [`Layout::faces`].
    pub face: usize,
    pub size: Pt,
    /// Pen position of the first glyph, on the baseline.
    pub origin: Point,
    pub glyphs: Vec<Glyph>,
    /// The source text of the run; glyph clusters index into it.
    pub text: String,
    pub tag: Tag,
}

impl GlyphRun {
    /// The run's width: the sum of its advances.
    pub fn width(&self) -> Pt {
        Pt(self.glyphs.iter().map(|g| g.advance.0).sum())
    }
}

/// A straight rule (table borders).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub from: Point,
    pub to: Point,
    pub width: Pt,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(GlyphRun),
    Rule(Rule),
}

/// One laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The printed page number, 1-based.
    pub number: u32,
    pub items: Vec<Item>,
}

/// A node of the logical structure: an element, or drawn content (by [`Tag::Content`] id).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Content(usize),
}

/// What a structure element is, for PDF tagging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementKind {
    Title,
    H1,
    H2,
    P,
    Table,
    TR,
    /// A header cell: column heads (`row_header` false) or row labels (true).
    TH {
        rowspan: u32,
        colspan: u32,
        row_header: bool,
    },
    TD {
        rowspan: u32,
        colspan: u32,
    },
}

/// An element of the logical structure and its children in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub kind: ElementKind,
    pub children: Vec<Node>,
}

/// Where a table cell (or the piece of it on one page) was drawn, and the text shown in it.
#[derive(Debug, Clone, PartialEq)]
pub struct CellBox {
    pub table: TableId,
    /// Index into the table description's cells.
    pub cell: usize,
    /// Index into [`Layout::pages`].
    pub page: usize,
    pub top_left: Point,
    pub bottom_right: Point,
    /// The text drawn in this piece (lines joined).
    pub text: String,
    /// True when the piece repeats text shown elsewhere (a repeated header row, or the text of a
    /// merged cell repeated after a page break).
    pub repeated: bool,
}

/// A laid-out report.
#[derive(Debug, Clone)]
pub struct Layout {
    pub pages: Vec<Page>,
    /// The faces glyph runs refer to (by index).
    pub faces: Vec<Arc<Face>>,
    /// The logical structure in reading order (title, headings, paragraphs, tables).
    pub structure: Vec<Element>,
    /// Every table cell piece drawn, for checks and the text dump.
    pub cells: Vec<CellBox>,
}

/// Lays out a report with fonts already resolved and checked ([`FontBook::font_set`]).
pub fn layout(report: &Report, fonts: &FontSet) -> Layout {
    layout_realized(report, &realize(report, None), fonts)
}

/// Lays out a report from its realized document (the decisions shared with the other outputs).
pub fn layout_realized(report: &Report, realized: &Realized, fonts: &FontSet) -> Layout {
    flow::layout(report, realized, fonts)
}

/// Resolves the report's fonts (checking coverage) and lays it out. Errors: fonts not found,
/// characters without a glyph.
pub fn layout_report(report: &Report, book: &FontBook) -> Result<Layout, Vec<Diagnostic>> {
    let fonts = book.font_set(report)?;
    Ok(layout(report, &fonts))
}
