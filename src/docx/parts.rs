//! The small parts: content types, relationships, settings, footers, font table, properties.

use super::document::{FOOTER_EVEN_RID, FOOTER_ODD_RID};
use super::props::{self, Align, Chars, Indent, ParaProps, RunProps};
use super::styles::FOOTER;
use super::xml::Xml;
use super::{Ctx, NS_R, NS_W};
use crate::model::UtcTime;
use crate::style::{FontRole, PAGE_NUMBER_DASH, PAGE_NUMBER_INSET_CHARS};

const NS_CONTENT_TYPES: &str = "http://schemas.openxmlformats.org/package/2006/content-types";
const NS_PACKAGE_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

/// Part names of the package, in the order they are stored.
pub const CONTENT_TYPES: &str = "[Content_Types].xml";
pub const ROOT_RELS: &str = "_rels/.rels";
pub const CORE: &str = "docProps/core.xml";
pub const APP: &str = "docProps/app.xml";
pub const DOCUMENT: &str = "word/document.xml";
pub const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";
pub const STYLES: &str = "word/styles.xml";
pub const SETTINGS: &str = "word/settings.xml";
pub const FONT_TABLE: &str = "word/fontTable.xml";
pub const FOOTER_ODD: &str = "word/footer1.xml";
pub const FOOTER_EVEN: &str = "word/footer2.xml";

pub fn content_types() -> String {
    let mut x = Xml::new();
    x.open("Types", &[("xmlns", &NS_CONTENT_TYPES)]);
    let rels = "application/vnd.openxmlformats-package.relationships+xml";
    x.empty("Default", &[("Extension", &"rels"), ("ContentType", &rels)]);
    x.empty(
        "Default",
        &[("Extension", &"xml"), ("ContentType", &"application/xml")],
    );
    let overrides = [
        (DOCUMENT, format!("{WML}document.main+xml")),
        (STYLES, format!("{WML}styles+xml")),
        (SETTINGS, format!("{WML}settings+xml")),
        (FONT_TABLE, format!("{WML}fontTable+xml")),
        (FOOTER_ODD, format!("{WML}footer+xml")),
        (FOOTER_EVEN, format!("{WML}footer+xml")),
        (
            CORE,
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        (
            APP,
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ),
    ];
    for (part, ty) in &overrides {
        let name = format!("/{part}");
        x.empty("Override", &[("PartName", &name), ("ContentType", ty)]);
    }
    x.close("Types");
    x.finish()
}

fn relationships(rels: &[(&str, String, &str)]) -> String {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", &NS_PACKAGE_RELS)]);
    for (id, ty, target) in rels {
        x.empty(
            "Relationship",
            &[("Id", id), ("Type", ty), ("Target", target)],
        );
    }
    x.close("Relationships");
    x.finish()
}

pub fn root_rels() -> String {
    relationships(&[
        ("rIdDocument", format!("{REL}officeDocument"), DOCUMENT),
        (
            "rIdCore",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
                .into(),
            CORE,
        ),
        ("rIdApp", format!("{REL}extended-properties"), APP),
    ])
}

pub fn document_rels() -> String {
    let local = |part: &'static str| part.trim_start_matches("word/");
    relationships(&[
        ("rIdStyles", format!("{REL}styles"), local(STYLES)),
        ("rIdSettings", format!("{REL}settings"), local(SETTINGS)),
        ("rIdFontTable", format!("{REL}fontTable"), local(FONT_TABLE)),
        (FOOTER_ODD_RID, format!("{REL}footer"), local(FOOTER_ODD)),
        (FOOTER_EVEN_RID, format!("{REL}footer"), local(FOOTER_EVEN)),
    ])
}

/// Document settings: different odd and even footers, compressed punctuation, Word 2013+ layout.
pub fn settings() -> String {
    let mut x = Xml::new();
    x.open("w:settings", &[("xmlns:w", &NS_W)]);
    x.empty("w:zoom", &[("w:percent", &100)]);
    // Word's Chinese default: two 五号 characters.
    x.val("w:defaultTabStop", &420);
    // Odd pages take the default footer, even pages the even one (GB/T 9704 7.5).
    x.empty("w:evenAndOddHeaders", &[]);
    // 标点压缩: full-width punctuation may be compressed, as the PDF layout does.
    x.val("w:characterSpacingControl", &"compressPunctuation");
    x.open("w:compat", &[]);
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", &"compatibilityMode"),
            ("w:uri", &"http://schemas.microsoft.com/office/word"),
            ("w:val", &15),
        ],
    );
    x.close("w:compat");
    x.close("w:settings");
    x.finish()
}

/// Which page a footer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Odd,
    Even,
}

/// "— n —", 4号 宋体, "单页码居右空一字，双页码居左空一字" (GB/T 9704 7.5), with a PAGE field.
pub fn footer(cx: &Ctx, side: Side) -> String {
    let inset = Some(Chars::twips(
        (FontRole::PageNumber.size() * PAGE_NUMBER_INSET_CHARS as f32).to_twips(),
    ));
    let (align, indent) = match side {
        Side::Odd => (
            Align::Right,
            Indent {
                right: inset,
                ..Indent::default()
            },
        ),
        Side::Even => (
            Align::Left,
            Indent {
                left: inset,
                ..Indent::default()
            },
        ),
    };
    let run = RunProps {
        font: Some(cx.fonts.get(FontRole::PageNumber)),
        latin: cx.fonts.latin(FontRole::PageNumber),
        ..RunProps::default()
    };
    let mut x = Xml::new();
    x.open("w:ftr", &[("xmlns:w", &NS_W), ("xmlns:r", &NS_R)]);
    x.open("w:p", &[]);
    ParaProps {
        style: Some(FOOTER),
        indent: Some(indent),
        align: Some(align),
        ..ParaProps::default()
    }
    .write(&mut x);
    props::run(&mut x, &run, &format!("{PAGE_NUMBER_DASH} "));
    // A complex field, as Word writes it; the cached result is this side's first page number.
    let field_char = |x: &mut Xml, kind: &str| {
        x.open("w:r", &[]);
        run.write(x);
        x.empty("w:fldChar", &[("w:fldCharType", &kind)]);
        x.close("w:r");
    };
    field_char(&mut x, "begin");
    x.open("w:r", &[]);
    run.write(&mut x);
    x.leaf("w:instrText", &[("xml:space", &"preserve")], " PAGE ");
    x.close("w:r");
    field_char(&mut x, "separate");
    let cached = match side {
        Side::Odd => "1",
        Side::Even => "2",
    };
    props::run(&mut x, &run, cached);
    field_char(&mut x, "end");
    props::run(&mut x, &run, &format!(" {PAGE_NUMBER_DASH}"));
    x.close("w:p");
    x.close("w:ftr");
    x.finish()
}

/// The fonts the document names, marked as GB2312 (charset 0x86) so that a PC without one of them
/// substitutes a Chinese font, with the Windows family as the alternative name where one exists.
pub fn font_table(cx: &Ctx) -> String {
    let mut x = Xml::new();
    x.open("w:fonts", &[("xmlns:w", &NS_W)]);
    for name in cx.fonts.distinct() {
        x.open("w:font", &[("w:name", &name)]);
        let alt = match name {
            "仿宋_GB2312" => Some("仿宋"),
            "楷体_GB2312" => Some("楷体"),
            "黑体" => Some("SimHei"),
            "宋体" => Some("SimSun"),
            _ => None,
        };
        if let Some(alt) = alt {
            x.val("w:altName", &alt);
        }
        x.val("w:charset", &"86");
        x.val("w:family", &"auto");
        x.val("w:pitch", &"variable");
        x.close("w:font");
    }
    x.close("w:fonts");
    x.finish()
}

/// Core properties: title, author (the agency), language, and the dates when known.
pub fn core(cx: &Ctx) -> String {
    let meta = &cx.realized.metadata;
    let mut x = Xml::new();
    x.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                &"http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", &"http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", &"http://purl.org/dc/terms/"),
            ("xmlns:xsi", &"http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.leaf("dc:title", &[], &meta.title);
    x.leaf("dc:creator", &[], &meta.author);
    x.leaf("dc:language", &[], meta.language);
    if let Some(seconds) = meta.created {
        let stamp = w3cdtf(seconds);
        for name in ["dcterms:created", "dcterms:modified"] {
            x.leaf(name, &[("xsi:type", &"dcterms:W3CDTF")], &stamp);
        }
    }
    x.close("cp:coreProperties");
    x.finish()
}

/// Extended properties: the producing application.
pub fn app() -> String {
    let mut x = Xml::new();
    x.open(
        "Properties",
        &[(
            "xmlns",
            &"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        )],
    );
    x.leaf("Application", &[], "nianbao");
    x.leaf("DocSecurity", &[], "0");
    x.close("Properties");
    x.finish()
}

/// Seconds since the Unix epoch as a W3CDTF UTC timestamp, "2025-01-20T00:00:00Z".
pub fn w3cdtf(seconds: i64) -> String {
    let t = UtcTime::from_unix(seconds);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn timestamps() {
        assert_eq!(w3cdtf(0), "1970-01-01T00:00:00Z");
        let d = Date::new(2025, 1, 20).unwrap();
        assert_eq!(w3cdtf(d.unix_seconds()), "2025-01-20T00:00:00Z");
        assert_eq!(w3cdtf(951_825_599), "2000-02-29T11:59:59Z");
    }
}
