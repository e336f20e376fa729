//! Paragraph and run properties (`w:pPr`, `w:rPr`), written in the schema's element order.
//!
//! The SDK validator (and Word) reject children out of order, so every property that styles,
//! body paragraphs, table cells and footers use is written here, in one place, in that order.

use super::xml::{Attr, Value, Xml};

/// Paragraph spacing: before/after in twips, line height in twips (exact) or 240ths (auto).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spacing {
    pub before: i32,
    pub after: i32,
    pub line: i32,
    pub exact: bool,
}

impl Spacing {
    /// Exactly `line` twips per line, no space around the paragraph.
    pub fn exact(line: i32) -> Spacing {
        Spacing {
            before: 0,
            after: 0,
            line,
            exact: true,
        }
    }

    /// Single line spacing (the font's own line height).
    pub fn single() -> Spacing {
        Spacing {
            before: 0,
            after: 0,
            line: 240,
            exact: false,
        }
    }
}

/// An indent written in both forms: twips, and hundredths of a character (`…Chars`), which Word
/// prefers and which keeps "two characters" meaning two characters if a clerk changes the size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chars {
    pub twips: i32,
    /// `None` writes twips only (Word ignores the twips when a `…Chars` attribute is present).
    pub hundredths: Option<i32>,
}

impl Chars {
    /// `n` hundredths of a character of `char_twips` each.
    pub fn new(hundredths: i32, char_twips: i32) -> Chars {
        Chars {
            twips: hundredths * char_twips / 100,
            hundredths: Some(hundredths),
        }
    }

    /// A length in twips only.
    pub fn twips(twips: i32) -> Chars {
        Chars {
            twips,
            hundredths: None,
        }
    }

    pub const ZERO: Chars = Chars {
        twips: 0,
        hundredths: Some(0),
    };
}

/// `w:ind`: left, right and first-line indents; `None` leaves an attribute out (inherited).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Indent {
    pub left: Option<Chars>,
    pub right: Option<Chars>,
    pub first_line: Option<Chars>,
}

/// `w:jc` values used here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Both,
}

impl Align {
    fn as_str(self) -> &'static str {
        // "left"/"right", not "start"/"end": the SDK flags the latter for Word 2007.
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Both => "both",
        }
    }
}

/// The paragraph properties nianbao sets.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParaProps<'a> {
    pub style: Option<&'a str>,
    pub keep_next: bool,
    /// Writes `w:widowControl w:val="0"`: lines sit on the 22-line grid, no widow/orphan moves.
    pub no_widow_control: bool,
    /// Writes `w:autoSpaceDE/DN w:val="0"`: no extra gap between Chinese and digits/Latin, so a
    /// line holds what the PDF's line holds.
    pub no_auto_space: bool,
    /// Writes `w:snapToGrid w:val="0"`: the paragraph ignores the document grid (title, tables,
    /// footer), whose 15.8 pt character cells would spread larger or smaller type.
    pub off_grid: bool,
    pub spacing: Option<Spacing>,
    pub indent: Option<Indent>,
    pub align: Option<Align>,
    /// `w:outlineLvl`, 0-based: what Word's navigation pane shows.
    pub outline: Option<u8>,
}

impl ParaProps<'_> {
    /// `<w:pPr>…</w:pPr>`, or nothing when no property is set.
    pub fn write(&self, x: &mut Xml) {
        let empty = self.style.is_none()
            && !self.keep_next
            && !self.no_widow_control
            && !self.no_auto_space
            && !self.off_grid
            && self.spacing.is_none()
            && self.indent.is_none()
            && self.align.is_none()
            && self.outline.is_none();
        if empty {
            return;
        }
        x.open("w:pPr", &[]);
        if let Some(s) = self.style {
            x.val("w:pStyle", &s);
        }
        if self.keep_next {
            x.empty("w:keepNext", &[]);
        }
        if self.no_widow_control {
            x.val("w:widowControl", &0);
        }
        if self.no_auto_space {
            x.val("w:autoSpaceDE", &0);
            x.val("w:autoSpaceDN", &0);
        }
        if self.off_grid {
            x.val("w:snapToGrid", &0);
        }
        if let Some(s) = self.spacing {
            let rule = if s.exact { "exact" } else { "auto" };
            x.empty(
                "w:spacing",
                &[
                    ("w:before", &s.before),
                    ("w:after", &s.after),
                    ("w:line", &s.line),
                    ("w:lineRule", &rule),
                ],
            );
        }
        if let Some(ind) = self.indent {
            write_indent(x, &ind);
        }
        if let Some(a) = self.align {
            x.val("w:jc", &a.as_str());
        }
        if let Some(level) = self.outline {
            x.val("w:outlineLvl", &level);
        }
        x.close("w:pPr");
    }
}

fn write_indent(x: &mut Xml, ind: &Indent) {
    let mut attrs: Vec<(&str, i32)> = Vec::with_capacity(6);
    let sides = [
        (ind.left, "w:leftChars", "w:left"),
        (ind.right, "w:rightChars", "w:right"),
        (ind.first_line, "w:firstLineChars", "w:firstLine"),
    ];
    for (value, chars, twips) in sides {
        if let Some(c) = value {
            if let Some(h) = c.hundredths {
                attrs.push((chars, h));
            }
            attrs.push((twips, c.twips));
        }
    }
    let attrs: Vec<Attr> = attrs.iter().map(|(k, v)| (*k, v as &dyn Value)).collect();
    x.empty("w:ind", &attrs);
}

/// The run properties nianbao sets.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunProps<'a> {
    /// One family for every script (`ascii`, `hAnsi`, `eastAsia`, `cs`), so no run falls back to
    /// a theme font, with `w:hint="eastAsia"` so ambiguous characters (“ ” …) are set as Chinese.
    pub font: Option<&'a str>,
    /// The family of ASCII digits and letters (`ascii`, `hAnsi`) when not `font`: Times New Roman
    /// for the body and the tables, as offices' Word templates set them.
    pub latin: Option<&'a str>,
    /// Writes `w:b w:val="0"`: built-in heading styles are bold in some applications' defaults.
    pub not_bold: bool,
    /// Character spacing in twips (`w:spacing`; negative condenses).
    pub tracking: Option<i32>,
    /// Font size in half-points (`w:sz` and `w:szCs`).
    pub size: Option<u32>,
    /// Writes `w:lang` (Latin en-US, East Asian zh-CN).
    pub lang: bool,
}

impl RunProps<'_> {
    /// `<w:rPr>…</w:rPr>`, or nothing when no property is set.
    pub fn write(&self, x: &mut Xml) {
        if self.font.is_none()
            && !self.not_bold
            && self.tracking.is_none()
            && self.size.is_none()
            && !self.lang
        {
            return;
        }
        x.open("w:rPr", &[]);
        if let Some(f) = self.font {
            let latin = self.latin.unwrap_or(f);
            x.empty(
                "w:rFonts",
                &[
                    ("w:ascii", &latin),
                    ("w:eastAsia", &f),
                    ("w:hAnsi", &latin),
                    ("w:cs", &f),
                    ("w:hint", &"eastAsia"),
                ],
            );
        }
        if self.not_bold {
            x.val("w:b", &0);
            x.val("w:bCs", &0);
        }
        if let Some(t) = self.tracking {
            x.val("w:spacing", &t);
        }
        if let Some(sz) = self.size {
            x.val("w:sz", &sz);
            x.val("w:szCs", &sz);
        }
        if self.lang {
            x.empty(
                "w:lang",
                &[
                    ("w:val", &"en-US"),
                    ("w:eastAsia", &"zh-CN"),
                    ("w:bidi", &"ar-SA"),
                ],
            );
        }
        x.close("w:rPr");
    }
}

/// A run of text: `<w:r><w:rPr>…</w:rPr><w:t>text</w:t></w:r>`.
pub fn run(x: &mut Xml, props: &RunProps, text: &str) {
    x.open("w:r", &[]);
    props.write(x);
    t(x, text);
    x.close("w:r");
}

/// `<w:t>`, preserving spaces at the edges (Word drops them otherwise).
pub fn t(x: &mut Xml, text: &str) {
    if text.starts_with(' ') || text.ends_with(' ') || text.contains("  ") {
        x.leaf("w:t", &[("xml:space", &"preserve")], text);
    } else {
        x.leaf("w:t", &[], text);
    }
}
