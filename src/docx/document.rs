//! `word/document.xml`: the report's blocks in reading order, then the section's page setup.

use unicode_width::UnicodeWidthStr;

use super::props::{self, Chars, Indent, ParaProps, RunProps};
use super::styles::{self, HEADING, NORMAL, SIGNATURE, TITLE};
use super::xml::Xml;
use super::{Ctx, NS_R, NS_W, table};
use crate::model::flow::Block;
use crate::style::{FontRole, SIGNATURE_RIGHT_CHARS};

/// Relationship ids of the footers (see `parts::document_rels`).
pub const FOOTER_ODD_RID: &str = "rIdFooterOdd";
pub const FOOTER_EVEN_RID: &str = "rIdFooterEven";

/// The whole main document part.
pub fn document(cx: &Ctx) -> String {
    let mut x = Xml::new();
    x.open("w:document", &[("xmlns:w", &NS_W), ("xmlns:r", &NS_R)]);
    x.open("w:body", &[]);
    for block in cx.report.flow() {
        write_block(&mut x, cx, &block);
    }
    section(&mut x, cx);
    x.close("w:body");
    x.close("w:document");
    x.finish()
}

fn write_block(x: &mut Xml, cx: &Ctx, block: &Block) {
    let font = |role| RunProps {
        font: Some(cx.fonts.get(role)),
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
        Block::Table(id) => table::table(x, cx, *id),
        Block::Signature { agency, date } => signature(x, cx, agency, date.as_deref()),
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

/// 署名 and 成文日期 (GB/T 9704 7.3.5.2): "在正文下空一行右空二字编排发文机关署名，在署名下一行编排
/// 成文日期，首字比署名首字右移二字；成文日期长于署名时成文日期右空二字并相应增加署名右空字数".
fn signature(x: &mut Xml, cx: &Ctx, agency: &str, date: Option<&str>) {
    let body = RunProps {
        font: Some(cx.fonts.get(FontRole::Body)),
        ..RunProps::default()
    };
    // 空一行: an empty body paragraph, one grid line.
    paragraph::<&str>(x, NORMAL, &[]);
    let (agency_right, date_right) = signature_insets(agency, date);
    for (text, right) in std::iter::once((agency, agency_right)).chain(date.zip(date_right)) {
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

/// Right insets of the 署名 and the 成文日期 line, in half characters (digits are half width).
fn signature_insets(agency: &str, date: Option<&str>) -> (u32, Option<u32>) {
    let min = SIGNATURE_RIGHT_CHARS * 2;
    let Some(date) = date else {
        return (min, None);
    };
    let (s, d) = (agency.width() as u32, date.width() as u32);
    // The date starts two characters right of the 署名's start.
    if s >= d + min {
        (min, Some(s - d))
    } else {
        // The date is too long: it keeps 右空二字 and the 署名 moves left.
        (min + min + d - s, Some(min))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_rule() {
        // 署名 7 characters, date 6.5: the date would end past 右空二字, so it keeps 右空二字 and
        // the 署名 moves left to stay two characters ahead of it.
        assert_eq!(
            signature_insets("兴安区人民政府", Some("2025年1月20日")),
            (7, Some(4))
        );
        // A long 署名: 右空二字, and the date starts two characters right of its start.
        let agency = "某某市某某区人民政府办公室";
        assert_eq!(
            signature_insets(agency, Some("2025年1月8日")),
            (4, Some(26 - 12))
        );
        assert_eq!(signature_insets("某某", None), (4, None));
    }
}
