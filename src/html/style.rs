//! The page's look: one set of CSS declarations per kind of element, written once into the
//! `<style>` element (a class per kind) or, for the fragment, onto each element (`style=""`).
//!
//! Sizes come from [`crate::style`] (the GB/T 9704 numbers) for print; on screen the body text
//! keeps the reader's own font size (1em) so that browser zoom and the 适老化 large-text settings
//! work, and everything else is relative to it.

use std::fmt::Write as _;

use crate::docx::fonts::Fonts;
use crate::model::FontChoices;
use crate::style::{self as gb, FontRole, INDENT_CHARS, Pt};

/// A kind of element, styled alike wherever it appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// The report's outer element: body font, width of a reading column.
    Report,
    Title,
    Heading1,
    Heading2,
    Paragraph,
    /// The run-in "（一）…。" at the start of a paragraph.
    Lead,
    /// The box holding 署名 and 成文日期, one empty line below the text.
    Signature,
    /// The 署名 or the 成文日期 line, right-aligned (its inset comes from the realized document).
    SignatureLine,
    /// The wrapper that lets a wide table scroll sideways on a phone.
    Scroll,
    Table,
    /// Visually hidden (the part's heading above says the same), read by screen readers.
    Caption,
    /// A column or section head.
    Head,
    /// A row head, read left to right.
    Label,
    /// A row head set one character per line (三、本年度办理结果).
    Vertical,
    Value,
}

impl Look {
    const ALL: [Look; 15] = [
        Look::Report,
        Look::Title,
        Look::Heading1,
        Look::Heading2,
        Look::Paragraph,
        Look::Lead,
        Look::Signature,
        Look::SignatureLine,
        Look::Scroll,
        Look::Table,
        Look::Caption,
        Look::Head,
        Look::Label,
        Look::Vertical,
        Look::Value,
    ];

    fn class(self) -> &'static str {
        match self {
            Look::Report => "nb",
            Look::Title => "nb-title",
            Look::Heading1 => "nb-h1",
            Look::Heading2 => "nb-h2",
            Look::Paragraph => "nb-p",
            Look::Lead => "nb-lead",
            Look::Signature => "nb-sig",
            Look::SignatureLine => "nb-sig-line",
            Look::Scroll => "nb-scroll",
            Look::Table => "nb-table",
            Look::Caption => "nb-caption",
            Look::Head => "nb-th",
            Look::Label => "nb-label",
            Look::Vertical => "nb-vertical",
            Look::Value => "nb-td",
        }
    }
}

/// Fallbacks after the role's office font, for readers who do not have it: the same kind of face
/// under its other names (Windows, macOS), then common free CJK fonts, then the generic family.
fn fallbacks(role: FontRole) -> &'static [&'static str] {
    match role {
        FontRole::Title => &[
            "方正小标宋简体",
            "FZXiaoBiaoSong-B05S",
            "华文中宋",
            "STZhongsong",
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "Songti SC",
            "SimSun",
            "serif",
        ],
        FontRole::Body => &[
            "仿宋_GB2312",
            "FangSong_GB2312",
            "仿宋",
            "FangSong",
            "STFangsong",
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "SimSun",
            "serif",
        ],
        FontRole::Heading1 => &[
            "黑体",
            "SimHei",
            "Noto Sans CJK SC",
            "Source Han Sans SC",
            "PingFang SC",
            "Microsoft YaHei",
            "sans-serif",
        ],
        FontRole::Heading2 => &[
            "楷体_GB2312",
            "KaiTi_GB2312",
            "楷体",
            "KaiTi",
            "STKaiti",
            "Kaiti SC",
            "serif",
        ],
        FontRole::PageNumber | FontRole::Table => &[
            "宋体",
            "SimSun",
            "Songti SC",
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "serif",
        ],
    }
}

/// Writes one family name of a `font-family` list: generic names bare, others as a CSS string
/// whose `"`, `\` and `<` are escaped, so a user's font name cannot end the string or the style
/// element.
fn push_family(out: &mut String, name: &str) {
    if !out.is_empty() {
        out.push(',');
    }
    if matches!(name, "serif" | "sans-serif") {
        out.push_str(name);
        return;
    }
    out.push('"');
    for c in name.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => {
                let _ = write!(out, "\\{:x} ", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The `font-family` value of a role: the report's (or style file's) family first, then the
/// fallbacks, each once.
fn font_stack(fonts: &Fonts, role: FontRole) -> String {
    let mut seen = vec![fonts.get(role)];
    seen.extend(fallbacks(role).iter().filter(|f| **f != fonts.get(role)));
    let mut out = String::new();
    for name in seen {
        push_family(&mut out, name);
    }
    out
}

/// CSS length in `pt` with at most two decimals, written the same on every machine.
fn pt(p: Pt) -> String {
    let s = format!("{:.2}", p.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}pt")
}

/// How elements get their look: classes and a style sheet, or inline declarations.
pub struct Styler {
    fragment: bool,
    stacks: [String; FontRole::ALL.len()],
    /// The declarations of each look, in [`Look::ALL`] order, made once per report.
    declarations: Vec<String>,
}

impl Styler {
    pub fn new(choices: &FontChoices, fragment: bool) -> Styler {
        let fonts = Fonts::new(choices);
        let mut s = Styler {
            fragment,
            stacks: FontRole::ALL.map(|role| font_stack(&fonts, role)),
            declarations: Vec::new(),
        };
        s.declarations = Look::ALL.map(|look| s.declare(look)).to_vec();
        s
    }

    fn stack(&self, role: FontRole) -> &str {
        let i = FontRole::ALL
            .iter()
            .position(|r| *r == role)
            .expect("ALL lists every role");
        &self.stacks[i]
    }

    /// The attribute that gives an element its look: `class` in a page, `style` in a fragment.
    pub fn attr(&self, look: Look) -> (&'static str, &str) {
        if self.fragment {
            ("style", self.declarations(look))
        } else {
            ("class", look.class())
        }
    }

    fn declarations(&self, look: Look) -> &str {
        let i = Look::ALL
            .iter()
            .position(|l| *l == look)
            .expect("ALL lists every look");
        &self.declarations[i]
    }

    /// The declarations of a look (on screen).
    fn declare(&self, look: Look) -> String {
        let indent = INDENT_CHARS;
        let cell = "border:1px solid #000;padding:.2em .25em;vertical-align:middle;\
                    line-height:1.4;font-weight:normal;overflow-wrap:anywhere";
        match look {
            Look::Report => format!(
                "font-family:{};font-size:1em;line-height:1.8;color:#000;background:#fff;\
                 max-width:52em;margin:0 auto;padding:1em",
                self.stack(FontRole::Body)
            ),
            Look::Title => format!(
                "font-family:{};font-size:1.6em;font-weight:bold;line-height:1.5;\
                 text-align:center;margin:.5em 0 1.5em",
                self.stack(FontRole::Title)
            ),
            Look::Heading1 => format!(
                "font-family:{};font-size:1em;font-weight:normal;text-indent:{indent}em;margin:0",
                self.stack(FontRole::Heading1)
            ),
            Look::Heading2 => format!(
                "font-family:{};font-size:1em;font-weight:normal;text-indent:{indent}em;margin:0",
                self.stack(FontRole::Heading2)
            ),
            Look::Paragraph => {
                format!("text-indent:{indent}em;margin:0;text-align:justify")
            }
            Look::Lead => format!("font-family:{}", self.stack(FontRole::Heading2)),
            Look::Signature => "margin:1.8em 0 0".to_string(),
            Look::SignatureLine => "margin:0;text-indent:0;text-align:right".to_string(),
            Look::Scroll => "overflow-x:auto;margin:.5em 0 1em".to_string(),
            Look::Table => format!(
                "font-family:{};font-size:.875em;border-collapse:collapse;table-layout:fixed;\
                 width:100%;text-indent:0",
                self.stack(FontRole::Table)
            ),
            Look::Caption => "position:absolute;width:1px;height:1px;overflow:hidden;\
                              clip:rect(0 0 0 0);white-space:nowrap"
                .to_string(),
            Look::Head | Look::Value => format!("{cell};text-align:center"),
            Look::Label => format!("{cell};text-align:left"),
            Look::Vertical => {
                format!(
                    "{cell};text-align:center;writing-mode:vertical-rl;text-orientation:upright"
                )
            }
        }
    }

    /// The whole style sheet of a page: every look as a class, focus and narrow-screen rules, and
    /// the print rules that put the report on A4 as GB/T 9704 sets it.
    pub fn sheet(&self) -> String {
        let page = gb::GBT9704;
        let mut css = String::with_capacity(4096);
        css.push_str("html{background:#fff}body{margin:0}");
        for look in Look::ALL {
            let _ = write!(css, ".{}{{{}}}", look.class(), self.declarations(look));
        }
        css.push_str(
            ".nb-scroll:focus-visible{outline:2px solid #1a56c8;outline-offset:2px}\
             @media (max-width:30em){.nb{padding:.75em}.nb-title{font-size:1.35em}}",
        );
        let _ = write!(
            css,
            "@page{{size:A4;margin:{top} {right} {bottom} {left}}}\
             @media print{{.nb{{max-width:none;margin:0;padding:0;font-size:{body};\
             line-height:{pitch}}}.nb-title{{font-size:{title};margin:0 0 {two_lines}}}\
             .nb-scroll{{overflow:visible}}.nb-table{{min-width:0!important;font-size:{table}}}\
             .nb-h1,.nb-h2{{break-after:avoid}}tr{{break-inside:avoid}}}}",
            top = pt(page.top.to_pt()),
            right = pt(page.right().to_pt()),
            bottom = pt(page.bottom().to_pt()),
            left = pt(page.left.to_pt()),
            body = pt(FontRole::Body.size()),
            pitch = pt(page.line_pitch()),
            title = pt(FontRole::Title.size()),
            two_lines = pt(page.line_pitch() * gb::LINES_AFTER_TITLE as f32),
            table = pt(FontRole::Table.size()),
        );
        css
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Text;

    #[test]
    fn font_names_cannot_break_out() {
        let choices = FontChoices {
            // No "/" or "\\": a name with one is a font file, which the HTML cannot use.
            body: Some(Text::new("A\"<b>&", None)),
            ..FontChoices::default()
        };
        let s = Styler::new(&choices, false);
        let stack = s.stack(FontRole::Body);
        assert!(stack.starts_with("\"A\\22 \\3c b\\3e \\26 \","), "{stack}");
        assert!(!s.sheet().contains('<'));
    }

    #[test]
    fn office_font_first_then_fallbacks_once() {
        let s = Styler::new(&FontChoices::default(), false);
        assert!(
            s.stack(FontRole::Body)
                .starts_with("\"仿宋_GB2312\",\"FangSong_GB2312\"")
        );
        assert_eq!(s.stack(FontRole::Body).matches("仿宋_GB2312").count(), 1);
        assert!(s.stack(FontRole::Heading1).ends_with(",sans-serif"));
    }

    #[test]
    fn print_page_is_gbt9704() {
        let sheet = Styler::new(&FontChoices::default(), false).sheet();
        // 37 / 26 / 35 / 28 mm in points.
        assert!(sheet.contains("@page{size:A4;margin:104.88pt 73.7pt 99.21pt 79.37pt}"));
    }
}
