//! HTML export: the report as a web page for the 政府信息公开年报 column, or as a fragment to
//! paste into a site's editor.
//!
//! Built, like the PDF and the DOCX, from the realized document ([`crate::realize`]: blocks in
//! reading order, title lines, metadata, table descriptions from [`crate::tables`], signature
//! insets): labels, numbers, merges and title lines cannot differ from the other outputs. The output is a pure function of the report and the options (no clock, no
//! hash order), so equal input gives equal bytes.

mod document;
mod style;
mod table;
mod writer;

use crate::model::Report;
use crate::realize::{Realized, realize};

/// What the HTML needs besides the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    /// Only the report's markup with inline styles (no `<html>`, `<head>`, `<style>`), for site
    /// editors that strip style elements.
    pub fragment: bool,
}

/// The report as a UTF-8 HTML5 page, or a fragment.
pub fn render(report: &Report, options: &HtmlOptions) -> Vec<u8> {
    // No creation date is written, so no SOURCE_DATE_EPOCH is needed.
    render_realized(report, &realize(report, None), options)
}

/// The HTML of a report already realized (see [`crate::render::Renderer`], which realizes a report
/// once for every format).
pub fn render_realized(report: &Report, realized: &Realized, options: &HtmlOptions) -> Vec<u8> {
    let s = style::Styler::new(report.fonts(), options.fragment);
    let html = if options.fragment {
        document::fragment(report, realized, &s)
    } else {
        document::page(report, realized, &s)
    };
    html.into_bytes()
}
