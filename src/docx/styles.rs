//! `word/styles.xml`: the named styles a clerk reuses (正文, 标题, 标题 1–4, 署名, 表格文字, 页脚).
//!
//! Built-in styles keep Word's English built-in names (Normal, Title, heading 1…): Chinese Word
//! and WPS show them as 正文, 标题, 标题 1…, and Word gives the headings their outline behaviour.
//! Styles without a built-in counterpart get Chinese names.

use super::fonts::Fonts;
use super::page::PageSetup;
use super::props::{Align, Chars, Indent, ParaProps, RunProps, Spacing};
use super::xml::{Attr, Xml};
use super::{Ctx, NS_W};
use crate::style::{FontRole, INDENT_CHARS, LINES_AFTER_TITLE, SIGNATURE_RIGHT_CHARS, size};

pub const NORMAL: &str = "Normal";
pub const TITLE: &str = "Title";
pub const HEADING: [&str; 4] = ["Heading1", "Heading2", "Heading3", "Heading4"];
pub const SIGNATURE: &str = "Signature";
pub const TABLE_TEXT: &str = "TableText";
pub const FOOTER: &str = "Footer";
const TABLE_NORMAL: &str = "TableNormal";

/// One body character (3号) in twips: the unit of "左空二字" and "右空二字".
pub fn body_char() -> i32 {
    size::SAN_HAO.to_twips()
}

/// An indent of `n` body characters.
pub fn body_chars(n: u32) -> Chars {
    Chars::new(n as i32 * 100, body_char())
}

/// The whole styles part.
pub fn styles(cx: &Ctx) -> String {
    let fonts = &cx.fonts;
    let page = &cx.page;
    let mut x = Xml::new();
    x.open("w:styles", &[("xmlns:w", &NS_W)]);
    doc_defaults(&mut x, fonts);

    // 正文: 3号 仿宋, 左空二字 (7.3.3), justified, exactly one grid line per line, condensed so that
    // 28 characters fill a line (see `page::setup`).
    let normal = ParaProps {
        no_widow_control: true,
        no_auto_space: true,
        spacing: Some(Spacing::exact(page.line_pitch)),
        indent: Some(Indent {
            first_line: Some(body_chars(INDENT_CHARS)),
            ..Indent::default()
        }),
        align: Some(Align::Both),
        ..ParaProps::default()
    };
    let body = RunProps {
        font: Some(fonts.get(FontRole::Body)),
        latin: fonts.latin(FontRole::Body),
        tracking: Some(page.tracking),
        size: Some(FontRole::Body.size().to_half_points()),
        ..RunProps::default()
    };
    paragraph_style(&mut x, NORMAL, "Normal", None, &normal, &body);

    title_style(&mut x, fonts, page);
    for level in 0..4 {
        heading_style(&mut x, fonts, level);
    }

    let signature = ParaProps {
        indent: Some(Indent {
            right: Some(body_chars(SIGNATURE_RIGHT_CHARS)),
            first_line: Some(Chars::ZERO),
            ..Indent::default()
        }),
        align: Some(Align::Right),
        ..ParaProps::default()
    };
    paragraph_style(
        &mut x,
        SIGNATURE,
        "署名",
        Some(NORMAL),
        &signature,
        &RunProps::default(),
    );

    let table = ParaProps {
        off_grid: true,
        spacing: Some(Spacing::single()),
        indent: Some(Indent {
            first_line: Some(Chars::ZERO),
            ..Indent::default()
        }),
        align: Some(Align::Center),
        ..ParaProps::default()
    };
    let table_run = RunProps {
        tracking: Some(0),
        font: Some(fonts.get(FontRole::Table)),
        latin: fonts.latin(FontRole::Table),
        size: Some(FontRole::Table.size().to_half_points()),
        ..RunProps::default()
    };
    paragraph_style(
        &mut x,
        TABLE_TEXT,
        "表格文字",
        Some(NORMAL),
        &table,
        &table_run,
    );

    let footer = ParaProps {
        off_grid: true,
        spacing: Some(Spacing::exact(super::page::FOOTER_LINE.to_twips())),
        indent: Some(Indent {
            first_line: Some(Chars::ZERO),
            ..Indent::default()
        }),
        ..ParaProps::default()
    };
    let footer_run = RunProps {
        tracking: Some(0),
        font: Some(fonts.get(FontRole::PageNumber)),
        latin: fonts.latin(FontRole::PageNumber),
        size: Some(FontRole::PageNumber.size().to_half_points()),
        ..RunProps::default()
    };
    paragraph_style(&mut x, FOOTER, "footer", Some(NORMAL), &footer, &footer_run);

    table_normal(&mut x, fonts);
    x.close("w:styles");
    x.finish()
}

/// Defaults under every style: the body font for every script, 3号, Chinese language.
fn doc_defaults(x: &mut Xml, fonts: &Fonts) {
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]);
    RunProps {
        font: Some(fonts.get(FontRole::Body)),
        latin: fonts.latin(FontRole::Body),
        size: Some(FontRole::Body.size().to_half_points()),
        lang: true,
        ..RunProps::default()
    }
    .write(x);
    x.close("w:rPrDefault");
    x.empty("w:pPrDefault", &[]);
    x.close("w:docDefaults");
}

/// 标题: 2号 小标宋, centred, "红色分隔线下空二行" (GB/T 9704 7.3.1) as two grid lines after it.
fn title_style(x: &mut Xml, fonts: &Fonts, page: &PageSetup) {
    let props = ParaProps {
        off_grid: true,
        spacing: Some(Spacing {
            after: LINES_AFTER_TITLE as i32 * page.line_pitch,
            ..Spacing::exact(page.line_pitch)
        }),
        indent: Some(Indent {
            first_line: Some(Chars::ZERO),
            ..Indent::default()
        }),
        align: Some(Align::Center),
        ..ParaProps::default()
    };
    let run = RunProps {
        font: Some(fonts.get(FontRole::Title)),
        latin: fonts.latin(FontRole::Title),
        not_bold: true,
        tracking: Some(0),
        size: Some(FontRole::Title.size().to_half_points()),
        ..RunProps::default()
    };
    paragraph_style(x, TITLE, "Title", Some(NORMAL), &props, &run);
}

/// 标题 1–4 (GB/T 9704 7.3.3): 黑体, 楷体, then 仿宋 for levels 3 and 4, all 3号, indented like the
/// body, kept with the next paragraph, with outline levels for the navigation pane.
fn heading_style(x: &mut Xml, fonts: &Fonts, level: usize) {
    let role = match level {
        0 => FontRole::Heading1,
        1 => FontRole::Heading2,
        _ => FontRole::Body,
    };
    let props = ParaProps {
        keep_next: true,
        outline: Some(level as u8),
        ..ParaProps::default()
    };
    // Size and weight are repeated from 正文: LibreOffice otherwise fills them from its own
    // Heading 1–4 (bold, 130 %…), measured.
    let run = RunProps {
        font: Some(fonts.get(role)),
        latin: fonts.latin(role),
        not_bold: true,
        size: Some(role.size().to_half_points()),
        ..RunProps::default()
    };
    let name = format!("heading {}", level + 1);
    paragraph_style(x, HEADING[level], &name, Some(NORMAL), &props, &run);
}

fn paragraph_style(
    x: &mut Xml,
    id: &str,
    name: &str,
    based_on: Option<&str>,
    props: &ParaProps,
    run: &RunProps,
) {
    let mut attrs: Vec<Attr> = vec![("w:type", &"paragraph"), ("w:styleId", &id)];
    if based_on.is_none() {
        attrs.insert(1, ("w:default", &1));
    }
    x.open("w:style", &attrs);
    x.val("w:name", &name);
    if let Some(b) = based_on {
        x.val("w:basedOn", &b);
        x.val("w:next", &NORMAL);
    }
    x.empty("w:qFormat", &[]);
    props.write(x);
    run.write(x);
    x.close("w:style");
}

/// The default table style, as Word writes it, so tables start from known cell margins; it names
/// the table font too, so that no style leaves the East Asian font to a default.
fn table_normal(x: &mut Xml, fonts: &Fonts) {
    x.open(
        "w:style",
        &[
            ("w:type", &"table"),
            ("w:default", &1),
            ("w:styleId", &TABLE_NORMAL),
        ],
    );
    x.val("w:name", &"Normal Table");
    x.val("w:uiPriority", &99);
    x.empty("w:semiHidden", &[]);
    x.empty("w:unhideWhenUsed", &[]);
    RunProps {
        font: Some(fonts.get(FontRole::Table)),
        latin: fonts.latin(FontRole::Table),
        ..RunProps::default()
    }
    .write(x);
    x.open("w:tblPr", &[]);
    x.empty("w:tblInd", &[("w:w", &0), ("w:type", &"dxa")]);
    x.open("w:tblCellMar", &[]);
    for side in ["w:top", "w:left", "w:bottom", "w:right"] {
        let w = if side == "w:top" || side == "w:bottom" {
            0
        } else {
            108
        };
        x.empty(side, &[("w:w", &w), ("w:type", &"dxa")]);
    }
    x.close("w:tblCellMar");
    x.close("w:tblPr");
    x.close("w:style");
}
