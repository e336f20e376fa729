//! PDF export: a thin walk over the laid-out pages with krilla — one `match` over the item kinds.
//! Fonts are embedded as subsets with a ToUnicode map (copying text gives the input text), the
//! document is tagged (Title, H1/H2, P, Table/TR/TH/TD), and optionally validated as PDF/A-2b.
//! No measuring or line breaking happens here.

use std::num::{NonZeroU16, NonZeroU32};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point as KPoint};
use krilla::metadata::{DateTime, Metadata as PdfMetadata};
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, TableHeaderScope, Tag as KTag,
    TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, GlyphId};
use krilla::{Document, SerializeSettings};

use crate::diag::{Code, Diagnostic};
use crate::fonts::FontBook;
use crate::layout::{self, Element, ElementKind, GlyphRun, Item, Layout, Node, Tag};
use crate::model::{Report, UtcTime};
use crate::realize::{self, Metadata};
use crate::style::GBT9704;

/// How to write the PDF.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Write PDF/A-2b (archival); krilla validates it and export fails with the reasons if not.
    pub pdfa: bool,
    /// `SOURCE_DATE_EPOCH` (seconds since 1970-01-01 UTC), the creation date of a report without a
    /// 成文日期 — the one precedence of [`crate::realize::created`], the same in the DOCX. Never
    /// the current time, so the same input gives the same bytes.
    pub timestamp: Option<i64>,
    /// Leave out the structure tree (smaller, faster; not for publishing).
    pub untagged: bool,
}

/// Renders a report: fonts (coverage checked), layout, PDF. Errors: fonts not found, characters
/// without a glyph, PDF/A validation failures.
pub fn render(
    report: &Report,
    fonts: &FontBook,
    options: &PdfOptions,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let set = fonts.font_set(report)?;
    let realized = realize::realize(report, options.timestamp);
    let layout = layout::layout_realized(report, &realized, &set);
    export_with(&layout, &realized.metadata, options)
}

/// Writes a laid-out report as PDF.
pub fn export(
    layout: &Layout,
    report: &Report,
    options: &PdfOptions,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    export_with(
        layout,
        &realize::metadata(report, options.timestamp),
        options,
    )
}

/// Writes a laid-out report as PDF with its realized metadata.
pub fn export_with(
    layout: &Layout,
    meta: &Metadata,
    options: &PdfOptions,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let mut settings = SerializeSettings {
        enable_tagging: !options.untagged,
        ..SerializeSettings::default()
    };
    if options.pdfa {
        settings.configuration = ConfigurationBuilder::new()
            .with_archival_validator(Archival::A2_B)
            .finish()
            .map_err(|_| vec![crate::pdf_error::internal("PDF/A 设置无效")])?;
    }
    if options.pdfa && meta.created.is_none() {
        // PDF/A requires a creation date, and the library never takes "now".
        return Err(vec![
            Diagnostic::error(Code::PdfaDate, "PDF/A 文件需要创建日期，但报告没有成文日期").hint(
                "在报告中填写成文日期（如 date = 2025-01-20），或设置环境变量 SOURCE_DATE_EPOCH",
            ),
        ]);
    }
    let mut doc = Document::new_with(settings);
    let fonts: Vec<Option<&Font>> = layout.faces.iter().map(|f| f.pdf_font()).collect();
    // A face krilla cannot read would leave its text out of the PDF: an error, never a gap.
    let unreadable = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .find_map(|i| match i {
            Item::Text(run) if fonts.get(run.face).is_some_and(Option::is_none) => Some(run.face),
            _ => None,
        });
    if let Some(face) = unreadable {
        return Err(vec![crate::pdf_error::unembeddable(
            layout.faces[face].path(),
        )]);
    }
    // Content ids of the layout → krilla's identifiers, filled as the pages are drawn.
    let mut identifiers: Vec<Option<Identifier>> = Vec::new();
    // The font programs (subsetting and deflating them is most of the work) are prepared on a
    // second thread while the pages are drawn, then by both; `doc.finish` takes them.
    let programs = Programs::of(layout, &fonts);
    std::thread::scope(|scope| {
        let helper = scope.spawn(|| programs.prepare());
        let drawn = draw_pages(&mut doc, layout, &fonts, &mut identifiers);
        programs.prepare();
        if let Err(panic) = helper.join() {
            std::panic::resume_unwind(panic);
        }
        drawn
    })?;
    if !options.untagged {
        let mut tree = TagTree::new().with_lang(Some("zh-CN".into()));
        for element in &layout.structure {
            if let Some(group) = tag_group(element, &mut identifiers) {
                tree.push(group);
            }
        }
        doc.set_tag_tree(tree);
    }
    doc.set_metadata(metadata(meta));
    doc.finish()
        .map_err(|e| vec![crate::pdf_error::from_krilla(&e, &layout.faces)])
}

/// Draws the pages, recording which krilla identifier each tagged content id got.
fn draw_pages(
    doc: &mut Document,
    layout: &Layout,
    fonts: &[Option<&Font>],
    identifiers: &mut Vec<Option<Identifier>>,
) -> Result<(), Vec<Diagnostic>> {
    let (w, h) = (GBT9704.width.to_pt().0, GBT9704.height.to_pt().0);
    for page in &layout.pages {
        let settings = PageSettings::from_wh(w, h)
            .ok_or_else(|| vec![crate::pdf_error::internal("页面尺寸无效")])?;
        let mut pdf_page = doc.start_page_with(settings);
        let mut surface = pdf_page.surface();
        for item in &page.items {
            match item {
                Item::Text(run) => {
                    let Some(Some(font)) = fonts.get(run.face) else {
                        continue;
                    };
                    let id = match run.tag {
                        Tag::Content(_) => surface.start_tagged(ContentTag::Span(SpanTag::empty())),
                        Tag::Artifact => surface.start_tagged(ContentTag::Artifact(
                            Artifact::with_kind(ArtifactType::PaginationOther),
                        )),
                    };
                    draw_run(&mut surface, run, font);
                    surface.end_tagged();
                    if let Tag::Content(n) = run.tag {
                        if identifiers.len() <= n {
                            identifiers.resize(n + 1, None);
                        }
                        identifiers[n] = Some(id);
                    }
                }
                Item::Rule(rule) => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(rule.from.x.0, rule.from.y.0);
                    pb.line_to(rule.to.x.0, rule.to.y.0);
                    let Some(path) = pb.finish() else { continue };
                    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                        ArtifactType::Layout,
                    )));
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        width: rule.width.0,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                    surface.end_tagged();
                }
            }
        }
        surface.finish();
        pdf_page.finish();
    }
    Ok(())
}

/// The glyphs each face draws, in the order krilla first meets them (it numbers a subset's
/// glyphs in that order), to prepare the font programs ahead with `Font::prepare_program`.
struct Programs<'a> {
    /// Largest first, as krilla's `finish` orders them: the body face is most of the work.
    jobs: Vec<(&'a Font, Vec<GlyphId>)>,
    next: AtomicUsize,
}

impl<'a> Programs<'a> {
    fn of(layout: &Layout, fonts: &[Option<&'a Font>]) -> Self {
        let mut glyphs: Vec<Vec<GlyphId>> = vec![Vec::new(); fonts.len()];
        for item in layout.pages.iter().flat_map(|p| &p.items) {
            if let Item::Text(run) = item
                && let Some(list) = glyphs.get_mut(run.face)
            {
                list.extend(run.glyphs.iter().map(|g| GlyphId::new(u32::from(g.id))));
            }
        }
        let mut jobs: Vec<(&Font, Vec<GlyphId>)> = fonts
            .iter()
            .zip(glyphs)
            .filter_map(|(font, glyphs)| Some(((*font)?, glyphs)))
            .filter(|(_, glyphs)| !glyphs.is_empty())
            .collect();
        jobs.sort_by_key(|(_, glyphs)| std::cmp::Reverse(glyphs.len()));
        Programs {
            jobs,
            next: AtomicUsize::new(0),
        }
    }

    /// Prepares the programs no thread has taken yet, one after the other.
    fn prepare(&self) {
        while let Some((font, glyphs)) = self.jobs.get(self.next.fetch_add(1, Ordering::Relaxed)) {
            font.prepare_program(glyphs.iter().copied());
        }
    }
}

/// A glyph as krilla wants it: advances and offsets in em, scaled by the size it is given.
struct PdfGlyph {
    id: u16,
    text: Range<usize>,
    advance: f32,
    offset: f32,
}

impl krilla::text::Glyph for PdfGlyph {
    fn glyph_id(&self) -> GlyphId {
        GlyphId::new(u32::from(self.id))
    }
    fn text_range(&self) -> Range<usize> {
        self.text.clone()
    }
    fn x_advance(&self, size: f32) -> f32 {
        self.advance * size
    }
    fn x_offset(&self, size: f32) -> f32 {
        self.offset * size
    }
    fn y_offset(&self, _: f32) -> f32 {
        0.0
    }
    fn y_advance(&self, _: f32) -> f32 {
        0.0
    }
    fn location(&self) -> Option<krilla::surface::Location> {
        None
    }
}

fn draw_run(surface: &mut Surface, run: &GlyphRun, font: &Font) {
    let size = run.size.0;
    let glyphs: Vec<PdfGlyph> = run
        .glyphs
        .iter()
        .map(|g| PdfGlyph {
            id: g.id,
            text: g.text.clone(),
            advance: g.advance.0 / size,
            offset: -g.shift.0 / size,
        })
        .collect();
    surface.draw_glyphs(
        KPoint::from_xy(run.origin.x.0, run.origin.y.0),
        &glyphs,
        font.clone(),
        &run.text,
        size,
        false,
    );
}

/// The krilla tag group of a structure element; `None` when nothing of it was drawn.
fn tag_group(element: &Element, ids: &mut [Option<Identifier>]) -> Option<TagGroup> {
    let span = |n: u32| NonZeroU32::new(n).filter(|n| n.get() > 1);
    let kind: TagKind = match element.kind {
        ElementKind::Title => KTag::Title.into(),
        ElementKind::H1 => KTag::Hn(NonZeroU16::MIN, None).into(),
        ElementKind::H2 => KTag::Hn(NonZeroU16::MIN.saturating_add(1), None).into(),
        ElementKind::P => KTag::P.into(),
        ElementKind::Table => KTag::Table.into(),
        ElementKind::TR => KTag::TR.into(),
        ElementKind::TH {
            rowspan,
            colspan,
            row_header,
        } => {
            let scope = if row_header {
                TableHeaderScope::Row
            } else {
                TableHeaderScope::Column
            };
            KTag::TH(scope)
                .with_row_span(span(rowspan))
                .with_col_span(span(colspan))
                .into()
        }
        ElementKind::TD { rowspan, colspan } => KTag::TD
            .with_row_span(span(rowspan))
            .with_col_span(span(colspan))
            .into(),
    };
    let mut group = TagGroup::new(kind);
    for child in &element.children {
        match child {
            Node::Element(e) => {
                if let Some(g) = tag_group(e, ids) {
                    group.push(g);
                }
            }
            Node::Content(n) => {
                if let Some(id) = ids.get_mut(*n).and_then(Option::take) {
                    group.push(id);
                }
            }
        }
    }
    (!group.children.is_empty()).then_some(group)
}

/// Title, author (the agency), language, creator and a creation date that is never "now".
fn metadata(meta: &Metadata) -> PdfMetadata {
    let mut m = PdfMetadata::new()
        .title(meta.title.clone())
        .authors(vec![meta.author.clone()])
        .language(meta.language.into())
        .creator(concat!("nianbao ", env!("CARGO_PKG_VERSION")).into())
        .document_id(meta.id.clone());
    if let Some(s) = meta.created {
        m = m.creation_date(datetime(s));
    }
    m
}

/// UTC calendar time of a Unix timestamp.
fn datetime(seconds: i64) -> DateTime {
    let t = UtcTime::from_unix(seconds);
    DateTime::new(t.year.clamp(0, 9999) as u16)
        .month(t.month)
        .day(t.day)
        .hour(t.hour)
        .minute(t.minute)
        .second(t.second)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_become_utc_dates() {
        // 2025-01-20T00:00:00Z
        let d = datetime(1_737_331_200);
        let expected = DateTime::new(2025)
            .month(1)
            .day(20)
            .hour(0)
            .minute(0)
            .second(0)
            .utc_offset_hour(0)
            .utc_offset_minute(0);
        assert_eq!(d, expected);
    }
}
