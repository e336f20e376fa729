//! OFD export (GB/T 33190-2016): a third writer over the same layout as the PDF — every glyph,
//! rule and page number at the position [`crate::layout`] gave it, in millimetres.
//!
//! The package (a ZIP, written by [`package`]) holds `OFD.xml` with the document information,
//! `Doc_0/Document.xml` (pages, outlines of the six parts), `Doc_0/PublicRes.xml` (fonts), the
//! font subsets in `Doc_0/Res/` and one `Doc_0/Pages/Page_N/Content.xml` per page.

mod document;
mod fonts;
mod package;
mod page;
mod sfnt;
mod xml;

use crate::diag::{Code, Diagnostic};
use crate::fonts::FontBook;
use crate::layout::{self, Layout};
use crate::model::Report;
use crate::realize::{self, Metadata};

/// How to write the OFD.
#[derive(Debug, Clone, Default)]
pub struct OfdOptions {
    /// `SOURCE_DATE_EPOCH` (seconds since 1970-01-01 UTC), the creation date of a report without a
    /// 成文日期 — the one precedence of [`crate::realize::created`], as in the PDF and the DOCX.
    pub timestamp: Option<i64>,
}

/// Renders a report: fonts (coverage checked), the realized document, layout, OFD. Errors: fonts
/// not found, characters without a glyph, a font that cannot be subset.
pub fn render(
    report: &Report,
    fonts: &FontBook,
    options: &OfdOptions,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let set = fonts.font_set(report)?;
    let realized = realize::realize(report, options.timestamp);
    let layout = layout::layout_realized(report, &realized, &set);
    export_with(&layout, &realized.metadata)
}

/// Writes a laid-out report as an OFD package.
pub fn export(
    layout: &Layout,
    report: &Report,
    options: &OfdOptions,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    export_with(layout, &realize::metadata(report, options.timestamp))
}

/// Writes a laid-out report as an OFD package with its realized metadata.
pub fn export_with(layout: &Layout, meta: &Metadata) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let fonts = fonts::embed(layout).map_err(|reason| vec![ofd_error(reason)])?;
    let mut ids = Ids::default();
    // ID order: fonts, then per page the page, its layer and its objects (GB/T 33190 7.5: IDs
    // are unique in the document; MaxUnitID is the largest).
    let font_ids: Vec<Option<u32>> = fonts
        .iter()
        .map(|f| f.as_ref().map(|_| ids.next()))
        .collect();
    let pages: Vec<page::PageXml> = layout
        .pages
        .iter()
        .map(|p| page::write(p, &fonts, &font_ids, &mut ids))
        .collect();
    let document = document::write(layout, &pages, ids.max());
    let public_res = document::public_res(&fonts, &font_ids);
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("OFD.xml".into(), package::ofd_xml(meta)),
        ("Doc_0/Document.xml".into(), document),
        ("Doc_0/PublicRes.xml".into(), public_res),
    ];
    for font in fonts.into_iter().flatten() {
        parts.push((format!("Doc_0/Res/{}", font.file.name), font.file.data));
    }
    for (n, p) in pages.into_iter().enumerate() {
        parts.push((format!("Doc_0/Pages/Page_{n}/Content.xml"), p.xml));
    }
    Ok(package::zip(&parts))
}

/// Hands out the document's object IDs, 1, 2, 3 … in writing order.
#[derive(Debug, Default)]
pub(crate) struct Ids(u32);

impl Ids {
    pub fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }

    /// The largest ID handed out (MaxUnitID).
    pub fn max(&self) -> u32 {
        self.0
    }
}

/// Points (the layout's unit) to millimetres (OFD's unit).
pub(crate) fn mm(pt: f32) -> f64 {
    f64::from(pt) * 25.4 / 72.0
}

/// A length as written into the XML: millimetres with at most three decimals (1 µm), no trailing
/// zeros, so the same layout always gives the same text.
pub(crate) fn num(v: f64) -> String {
    let s = format!("{:.3}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

fn ofd_error(reason: String) -> Diagnostic {
    Diagnostic::error(Code::Ofd, format!("无法生成 OFD：{reason}"))
        .hint("这是 nianbao 的问题，请把报告文件和这条信息发给开发者")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_in_millimetres() {
        assert_eq!(num(mm(72.0)), "25.4");
        assert_eq!(num(mm(0.0)), "0");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(mm(16.0)), "5.644");
    }
}
