//! The report's markup: the realized blocks in reading order, as a whole page or as a fragment
//! for a site's editor.

use super::style::{Look, Styler};
use super::table;
use super::writer::Html;
use crate::model::Report;
use crate::model::flow::Block;
use crate::realize::{Realized, Signature};

/// A self-contained HTML5 page: `<head>` with the title and the one style sheet, then the report.
pub fn page(report: &Report, realized: &Realized, s: &Styler) -> String {
    let meta = &realized.metadata;
    let mut h = Html::new();
    h.raw("<!DOCTYPE html>\n");
    h.open("html", &[("lang", meta.language)]);
    h.newline();
    h.open("head", &[]);
    h.newline();
    h.open("meta", &[("charset", "utf-8")]);
    h.newline();
    h.open(
        "meta",
        &[
            ("name", "viewport"),
            ("content", "width=device-width, initial-scale=1"),
        ],
    );
    h.newline();
    h.open("meta", &[("name", "author"), ("content", &meta.author)]);
    h.newline();
    h.leaf("title", &[], &meta.title);
    h.newline();
    h.open("style", &[]);
    // The sheet is this crate's own text; user font names in it are CSS-escaped (style.rs).
    h.raw(&s.sheet());
    h.close("style");
    h.newline();
    h.close("head");
    h.newline();
    h.open("body", &[]);
    h.newline();
    let (k, v) = s.attr(Look::Report);
    h.open("main", &[(k, v)]);
    h.newline();
    body(&mut h, report, realized, s);
    h.close("main");
    h.newline();
    h.close("body");
    h.newline();
    h.close("html");
    h.newline();
    h.finish()
}

/// Only the report's markup, every element styled inline: no `<html>`, `<head>` or `<style>`.
pub fn fragment(report: &Report, realized: &Realized, s: &Styler) -> String {
    let mut h = Html::new();
    let (k, v) = s.attr(Look::Report);
    h.open("div", &[("lang", realized.metadata.language), (k, v)]);
    h.newline();
    body(&mut h, report, realized, s);
    h.close("div");
    h.newline();
    h.finish()
}

fn body(h: &mut Html, report: &Report, realized: &Realized, s: &Styler) {
    for block in &realized.blocks {
        write_block(h, report, realized, s, block);
        h.newline();
    }
}

fn write_block(h: &mut Html, report: &Report, realized: &Realized, s: &Styler, block: &Block) {
    match block {
        Block::Title(lines) => {
            let (k, v) = s.attr(Look::Title);
            h.open("h1", &[(k, v)]);
            // The lines the title is printed in: the agency, then the year's report.
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    h.open("br", &[]);
                }
                h.text(line);
            }
            h.close("h1");
        }
        Block::Heading1(text) => {
            let (k, v) = s.attr(Look::Heading1);
            h.leaf("h2", &[(k, v)], text);
        }
        Block::Heading2 { text, .. } => {
            let (k, v) = s.attr(Look::Heading2);
            h.leaf("h3", &[(k, v)], text);
        }
        Block::Paragraph { lead, text, .. } => {
            let (k, v) = s.attr(Look::Paragraph);
            h.open("p", &[(k, v)]);
            if let Some(lead) = lead {
                let (k, v) = s.attr(Look::Lead);
                h.leaf("span", &[(k, v)], lead);
            }
            h.text(text);
            h.close("p");
        }
        Block::Table(id) => {
            if let Some(spec) = realized.table(*id) {
                table::table(h, s, report, &spec.table);
            }
        }
        Block::Signature { .. } => {
            if let Some(sig) = &realized.signature {
                signature(h, s, sig);
            }
        }
    }
}

/// 署名 and 成文日期, right-aligned at the realized right insets (half characters, so a digit
/// counts half), one empty line below the text: the same block as the PDF and the DOCX.
fn signature(h: &mut Html, s: &Styler, sig: &Signature) {
    let (k, v) = s.attr(Look::Signature);
    h.open("div", &[(k, v)]);
    let lines = std::iter::once((&sig.agency, sig.agency_right))
        .chain(sig.date.as_ref().zip(sig.date_right));
    for (text, right) in lines {
        h.start("p");
        let inset = format!("margin-right:{}em", f64::from(right) / 2.0);
        let (k, v) = s.attr(Look::SignatureLine);
        if k == "style" {
            h.attr(k, &format!("{v};{inset}"));
        } else {
            h.attr(k, v);
            h.attr("style", &inset);
        }
        h.end();
        h.text(text);
        h.close("p");
    }
    h.close("div");
}
