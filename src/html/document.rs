//! The report's markup: the blocks of [`Report::flow`] in reading order, as a whole page or as a
//! fragment for a site's editor.

use super::style::{Look, Styler};
use super::table;
use super::writer::Html;
use crate::model::Report;
use crate::model::flow::Block;

/// A self-contained HTML5 page: `<head>` with the title and the one style sheet, then the report.
pub fn page(report: &Report, s: &Styler) -> String {
    let blocks = report.flow();
    let mut h = Html::new();
    h.raw("<!DOCTYPE html>\n");
    h.open("html", &[("lang", "zh-CN")]);
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
    if let Some(Block::Title(lines)) = blocks.first() {
        h.leaf("title", &[], &lines.concat());
        h.newline();
    }
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
    body(&mut h, report, s, &blocks);
    h.close("main");
    h.newline();
    h.close("body");
    h.newline();
    h.close("html");
    h.newline();
    h.finish()
}

/// Only the report's markup, every element styled inline: no `<html>`, `<head>` or `<style>`.
pub fn fragment(report: &Report, s: &Styler) -> String {
    let mut h = Html::new();
    let (k, v) = s.attr(Look::Report);
    h.open("div", &[("lang", "zh-CN"), (k, v)]);
    h.newline();
    body(&mut h, report, s, &report.flow());
    h.close("div");
    h.newline();
    h.finish()
}

fn body(h: &mut Html, report: &Report, s: &Styler, blocks: &[Block]) {
    for block in blocks {
        write_block(h, report, s, block);
        h.newline();
    }
}

fn write_block(h: &mut Html, report: &Report, s: &Styler, block: &Block) {
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
        Block::Table(id) => table::table(h, s, report, *id),
        Block::Signature { agency, date } => {
            let (k, v) = s.attr(Look::Signature);
            h.open("div", &[(k, v)]);
            let (k, v) = s.attr(Look::Agency);
            h.leaf("p", &[(k, v)], agency);
            if let Some(date) = date {
                let (k, v) = s.attr(Look::Date);
                h.leaf("p", &[(k, v)], date);
            }
            h.close("div");
        }
    }
}
