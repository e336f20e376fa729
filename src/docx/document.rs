//! `word/document.xml`: the report's blocks in reading order, then the section's page setup.

use super::props::{self, Chars, Indent, ParaProps, RunProps};
use super::styles::{self, HEADING, NORMAL, SIGNATURE, TITLE};
use super::xml::Xml;
use super::{Ctx, NS_R, NS_W, table};
use crate::model::flow::Block;
use crate::realize::Signature;
use crate::style::FontRole;

/// Relationship ids of the footers (see `parts::document_rels`).
pub const FOOTER_ODD_RID: &str = "rIdFooterOdd";
pub const FOOTER_EVEN_RID: &str = "rIdFooterEven";

/// The whole main document part.
pub fn document(cx: &Ctx) -> String {
    let mut x = Xml::new();
    x.open("w:document", &[("xmlns:w", &NS_W), ("xmlns:r", &NS_R)]);
    x.open("w:body", &[]);
    for block in &cx.realized.blocks {
        write_block(&mut x, cx, block);
    }
    section(&mut x, cx);
    x.close("w:body");
    x.close("w:document");
    x.finish()
}

fn write_block(x: &mut Xml, cx: &Ctx, block: &Block) {
    let font = |role| RunProps {
        font: Some(cx.fonts.get(role)),
        latin: cx.fonts.latin(role),
        ..RunProps::default()
    };
    match block {
        Block::Title(lines) => {
            x.open("w:p", &[]);
            styled(TITLE).write(x);
            // One paragraph, lines broken with w:br, so the two empty lines after it (the style's
            // spacing) come once, after the last line.
            x.open("w:r", &[]);
            font(FontRole::Title).write(x);
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    x.empty("w:br", &[]);
                }
                props::t(x, line);
            }
            x.close("w:r");
            x.close("w:p");
        }
        Block::Heading1(text) => paragraph(x, HEADING[0], &[(font(FontRole::Heading1), text)]),
        Block::Heading2 { text, .. } => {
            paragraph(x, HEADING[1], &[(font(FontRole::Heading2), text)])
        }
        Block::Paragraph { lead, text, .. } => {
            // A run-in heading "（一）…。" is a 楷体 run at the start of a body paragraph.
            let mut runs = Vec::with_capacity(2);
            if let Some(lead) = lead {
                runs.push((font(FontRole::Heading2), lead.as_str()));
            }
            if !text.is_empty() {
                runs.push((font(FontRole::Body), text.as_str()));
            }
            paragraph(x, NORMAL, &runs);
        }
        Block::Table(id) => {
            if let Some(spec) = cx.realized.table(*id) {
                table::table(x, cx, spec);
            }
        }
        Block::Signature { .. } => {
            if let Some(sig) = &cx.realized.signature {
                signature(x, cx, sig);
            }
        }
    }
}

fn styled(style: &str) -> ParaProps<'_> {
    ParaProps {
        style: Some(style),
        ..ParaProps::default()
    }
}

fn paragraph<S: AsRef<str>>(x: &mut Xml, style: &str, runs: &[(RunProps, S)]) {
    x.open("w:p", &[]);
    styled(style).write(x);
    for (props, text) in runs {
        props::run(x, props, text.as_ref());
    }
    x.close("w:p");
}

/// 署名 and 成文日期 (GB/T 9704 7.3.5.2) at the realized right insets, one empty line below the
/// text.
fn signature(x: &mut Xml, cx: &Ctx, sig: &Signature) {
    let body = RunProps {
        font: Some(cx.fonts.get(FontRole::Body)),
        latin: cx.fonts.latin(FontRole::Body),
        ..RunProps::default()
    };
    // 空一行: an empty body paragraph, one grid line.
    paragraph::<&str>(x, NORMAL, &[]);
    let lines = std::iter::once((sig.agency.as_str(), sig.agency_right))
        .chain(sig.date.as_deref().zip(sig.date_right));
    for (text, right) in lines {
        x.open("w:p", &[]);
        ParaProps {
            style: Some(SIGNATURE),
            indent: Some(Indent {
                right: Some(Chars::new(right as i32 * 50, styles::body_char())),
                ..Indent::default()
            }),
            ..ParaProps::default()
        }
        .write(x);
        props::run(x, &body, text);
        x.close("w:p");
    }
}

/// The section properties: footers, A4, margins, page numbers from 1, the 22-line grid.
fn section(x: &mut Xml, cx: &Ctx) {
    let p = cx.page;
    x.open("w:sectPr", &[]);
    x.empty(
        "w:footerReference",
        &[("w:type", &"default"), ("r:id", &FOOTER_ODD_RID)],
    );
    x.empty(
        "w:footerReference",
        &[("w:type", &"even"), ("r:id", &FOOTER_EVEN_RID)],
    );
    x.empty("w:pgSz", &[("w:w", &p.width), ("w:h", &p.height)]);
    x.empty(
        "w:pgMar",
        &[
            ("w:top", &p.top),
            ("w:right", &p.right),
            ("w:bottom", &p.bottom),
            ("w:left", &p.left),
            ("w:header", &p.header),
            ("w:footer", &p.footer),
            ("w:gutter", &0),
        ],
    );
    x.empty("w:pgNumType", &[("w:fmt", &"decimal"), ("w:start", &1)]);
    x.empty("w:cols", &[("w:space", &425)]);
    // A line grid of 22 lines; the 28 characters a line come from the body's condensing (see
    // `page::setup` for why not a character grid).
    x.empty(
        "w:docGrid",
        &[("w:type", &"lines"), ("w:linePitch", &p.line_pitch)],
    );
    x.close("w:sectPr");
}
