//! Every layout number of GB/T 9704-2012 in one place, each with the clause it comes from.
//!
//! Lengths are typed ([`Mm`], [`Pt`]) so that no bare float is ever a length of unknown unit.
//! Both the PDF layout and the DOCX writer read these numbers.

use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Sub, SubAssign};

/// A length in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Mm(pub f32);

/// A length in PostScript points (1/72 inch), the unit of PDF and of font sizes.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Pt(pub f32);

impl Mm {
    pub fn to_pt(self) -> Pt {
        Pt(self.0 * 72.0 / 25.4)
    }

    /// Twentieths of a point (twips), WordprocessingML's unit for page setup and spacing.
    pub fn to_twips(self) -> i32 {
        self.to_pt().to_twips()
    }
}

impl Pt {
    pub fn min(self, o: Pt) -> Pt {
        Pt(self.0.min(o.0))
    }

    pub fn max(self, o: Pt) -> Pt {
        Pt(self.0.max(o.0))
    }

    pub fn to_mm(self) -> Mm {
        Mm(self.0 * 25.4 / 72.0)
    }

    pub fn to_twips(self) -> i32 {
        (self.0 * 20.0).round() as i32
    }

    /// Half-points, WordprocessingML's unit for font sizes (`w:sz`).
    pub fn to_half_points(self) -> u32 {
        (self.0 * 2.0).round() as u32
    }
}

macro_rules! arithmetic {
    ($t:ident) => {
        impl Add for $t {
            type Output = $t;
            fn add(self, o: $t) -> $t {
                $t(self.0 + o.0)
            }
        }
        impl Sub for $t {
            type Output = $t;
            fn sub(self, o: $t) -> $t {
                $t(self.0 - o.0)
            }
        }
        impl Mul<f32> for $t {
            type Output = $t;
            fn mul(self, k: f32) -> $t {
                $t(self.0 * k)
            }
        }
        impl Div<f32> for $t {
            type Output = $t;
            fn div(self, k: f32) -> $t {
                $t(self.0 / k)
            }
        }
        impl AddAssign for $t {
            fn add_assign(&mut self, o: $t) {
                self.0 += o.0;
            }
        }
        impl SubAssign for $t {
            fn sub_assign(&mut self, o: $t) {
                self.0 -= o.0;
            }
        }
        impl Sum for $t {
            fn sum<I: Iterator<Item = $t>>(iter: I) -> $t {
                $t(iter.map(|x| x.0).sum())
            }
        }
        impl<'a> Sum<&'a $t> for $t {
            fn sum<I: Iterator<Item = &'a $t>>(iter: I) -> $t {
                $t(iter.map(|x| x.0).sum())
            }
        }
    };
}
arithmetic!(Mm);
arithmetic!(Pt);

/// Chinese font sizes (字号) in points.
pub mod size {
    use super::Pt;
    /// 2号 — the title (GB/T 9704 7.3.1).
    pub const ER_HAO: Pt = Pt(22.0);
    /// 3号 — body text and headings (GB/T 9704 5.2, 7.3.3).
    pub const SAN_HAO: Pt = Pt(16.0);
    /// 4号 — page numbers (GB/T 9704 7.5).
    pub const SI_HAO: Pt = Pt(14.0);
    /// 五号 — table text (common practice; the standard does not fix a size).
    pub const WU_HAO: Pt = Pt(10.5);
    /// 小五 — the smallest table text we use, for the narrow 15-column table.
    pub const XIAO_WU: Pt = Pt(9.0);
}

/// The role a piece of text plays, which decides its font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontRole {
    /// 标题: 2号 小标宋 (GB/T 9704 7.3.1).
    Title,
    /// 正文 and 3rd/4th level headings: 3号 仿宋 (7.3.3).
    Body,
    /// 一级标题 "一、": 黑体 (7.3.3).
    Heading1,
    /// 二级标题 "（一）": 楷体 (7.3.3).
    Heading2,
    /// 页码: 4号 宋体 (7.5).
    PageNumber,
    /// 表格: 宋体, smaller than the body.
    Table,
}

impl FontRole {
    pub const ALL: [FontRole; 6] = [
        FontRole::Title,
        FontRole::Body,
        FontRole::Heading1,
        FontRole::Heading2,
        FontRole::PageNumber,
        FontRole::Table,
    ];

    /// The role's name as users read it.
    pub fn chinese(self) -> &'static str {
        match self {
            FontRole::Title => "标题",
            FontRole::Body => "正文",
            FontRole::Heading1 => "一级标题",
            FontRole::Heading2 => "二级标题",
            FontRole::PageNumber => "页码",
            FontRole::Table => "表格",
        }
    }

    /// The font family name government PCs have, as written into the DOCX and looked up first.
    pub fn word_name(self) -> &'static str {
        match self {
            FontRole::Title => "方正小标宋简体",
            FontRole::Body => "仿宋_GB2312",
            FontRole::Heading1 => "黑体",
            FontRole::Heading2 => "楷体_GB2312",
            FontRole::PageNumber | FontRole::Table => "宋体",
        }
    }

    /// The bundled font file (in `fonts/`) used when no system font is found.
    pub fn bundled_file(self) -> &'static str {
        match self {
            FontRole::Title => "NotoSerifSC-Bold-subset.otf",
            FontRole::Body => "FandolFang-Regular.otf",
            FontRole::Heading1 => "FandolHei-Regular.otf",
            FontRole::Heading2 => "FandolKai-Regular.otf",
            FontRole::PageNumber | FontRole::Table => "FandolSong-Regular.otf",
        }
    }

    /// Whether the role sets ASCII digits and letters in the Times-metric serif
    /// ([`LATIN_WORD_NAME`], else the bundled [`LATIN_FILE`]): the body and the tables, as
    /// offices' Word templates do; titles, headings and page numbers keep their own faces.
    pub fn latin(self) -> bool {
        matches!(self, FontRole::Body | FontRole::Table)
    }

    /// The size the role is set in.
    pub fn size(self) -> Pt {
        match self {
            FontRole::Title => size::ER_HAO,
            FontRole::Body | FontRole::Heading1 | FontRole::Heading2 => size::SAN_HAO,
            FontRole::PageNumber => size::SI_HAO,
            FontRole::Table => size::WU_HAO,
        }
    }
}

/// The bundled per-character fallback for characters the role's font lacks (e.g. 啰 瞭 in Fandol).
pub const FALLBACK_FILE: &str = "NotoSerifSC-Regular-subset.otf";

/// The family of ASCII digits and letters in the body and the tables ([`FontRole::latin`]),
/// looked up among the system fonts and written into the DOCX.
pub const LATIN_WORD_NAME: &str = "Times New Roman";

/// The bundled Times-metric serif used when Times New Roman is not installed: Liberation Serif,
/// metric-compatible with Times New Roman (fonts/README.md).
pub const LATIN_FILE: &str = "LiberationSerif-Regular.ttf";

/// Page geometry and text grid of GB/T 9704-2012.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    /// A4 (GB/T 148): 210 × 297 mm (GB/T 9704 5.2.1).
    pub width: Mm,
    pub height: Mm,
    /// 天头（上白边）37 mm ± 1 mm (5.2.2).
    pub top: Mm,
    /// 订口（左白边）28 mm ± 1 mm (5.2.2).
    pub left: Mm,
    /// 版心 156 × 225 mm, page number excluded (5.2.2).
    pub body_width: Mm,
    pub body_height: Mm,
    /// "一般每面排22行，每行排28个字，并撑满版心" (5.2.3).
    pub lines_per_page: u32,
    pub chars_per_line: u32,
    /// 页码: 一字线上距版心下边缘 7 mm (7.5).
    pub page_number_gap: Mm,
}

impl Page {
    /// Bottom margin: 297 − 37 − 225 = 35 mm.
    pub fn bottom(&self) -> Mm {
        self.height - self.top - self.body_height
    }

    /// Right margin: 210 − 28 − 156 = 26 mm.
    pub fn right(&self) -> Mm {
        self.width - self.left - self.body_width
    }

    /// Line pitch that puts 22 lines in the 版心: 225 mm / 22 ≈ 28.99 pt (Word: 579 twips).
    pub fn line_pitch(&self) -> Pt {
        self.body_height.to_pt() / self.lines_per_page as f32
    }

    /// Character pitch that puts 28 characters on a line: 156 mm / 28 ≈ 15.8 pt.
    pub fn char_pitch(&self) -> Pt {
        self.body_width.to_pt() / self.chars_per_line as f32
    }
}

/// The standard's page.
pub const GBT9704: Page = Page {
    width: Mm(210.0),
    height: Mm(297.0),
    top: Mm(37.0),
    left: Mm(28.0),
    body_width: Mm(156.0),
    body_height: Mm(225.0),
    lines_per_page: 22,
    chars_per_line: 28,
    page_number_gap: Mm(7.0),
};

/// First-line indent of every paragraph: "每个自然段左空二字" (7.3.3).
pub const INDENT_CHARS: u32 = 2;
/// Empty lines between the title and the body: "红色分隔线下空二行" (7.3.1), kept without the line.
pub const LINES_AFTER_TITLE: u32 = 2;
/// 署名 right inset: "右空二字" (7.3.5.2); 成文日期 starts two characters right of the 署名's start.
pub const SIGNATURE_RIGHT_CHARS: u32 = 2;
/// The page number's inset from the 版心 edge: "单页码居右空一字，双页码居左空一字" (7.5).
pub const PAGE_NUMBER_INSET_CHARS: u32 = 1;
/// The dash on either side of the page number: "数字左右各放一条一字线" (7.5), U+2014.
pub const PAGE_NUMBER_DASH: char = '\u{2014}';

/// Where a line's text sits in its grid line. GB/T 9704 fixes the pitch, not the baseline; Word
/// centres a line's characters in their grid line when text snaps to the document grid, and so do we:
/// the ideographic em box (top 0.88 em above the baseline, bottom 0.12 em below it, as in the
/// OpenType `BASE` table's `ideo` baseline of Chinese fonts) is centred in the line.
pub const EM_BOX_ASCENT: f32 = 0.88;

impl Page {
    /// Distance from the top of the page to the top of the 版心.
    pub fn body_top(&self) -> Pt {
        self.top.to_pt()
    }

    /// Distance from the top of the page to the bottom of the 版心.
    pub fn body_bottom(&self) -> Pt {
        (self.top + self.body_height).to_pt()
    }

    /// Top of grid line `line` (0-based, 0..22), measured from the top of the page.
    pub fn line_top(&self, line: u32) -> Pt {
        self.body_top() + self.line_pitch() * line as f32
    }

    /// Baseline of text of `size` centred in grid line `line`, measured from the top of the page.
    pub fn baseline(&self, line: u32, size: Pt) -> Pt {
        self.line_top(line) + centred_baseline(self.line_pitch(), size)
    }

    /// Top of the page number's em box: "一字线上距版心下边缘7mm" (7.5).
    pub fn page_number_top(&self) -> Pt {
        self.body_bottom() + self.page_number_gap.to_pt()
    }
}

/// Baseline offset from the top of a line box of height `pitch` whose text of `size` is centred.
pub fn centred_baseline(pitch: Pt, size: Pt) -> Pt {
    (pitch - size) / 2.0 + size * EM_BOX_ASCENT
}

/// The title is broken when a line would leave less than this many title characters free on either
/// side: "分一行或多行居中排布；回行时，要做到词意完整，排列对称" (7.3.1) — a title running from edge to
/// edge of the 版心 neither reads as centred nor as symmetric.
pub const TITLE_SIDE_CHARS: f32 = 1.0;

/// Table settings. GB/T 9704 clause 8 covers only landscape tables; these follow the common Word
/// practice for the annual report's tables (五号宋体, single rules, cells wrap).
pub mod table {
    use super::{Mm, Pt, size};

    /// Text size of the tables: 五号 (10.5 pt).
    pub const SIZE: Pt = size::WU_HAO;
    /// Text size of dense tables (at least [`DENSE_COLUMNS`] columns): 小五 (9 pt), so that the part 四
    /// table's 10.4 mm columns hold two characters a line ("结果/维持").
    pub const DENSE_SIZE: Pt = size::XIAO_WU;
    /// Tables with this many columns or more are set in [`DENSE_SIZE`].
    pub const DENSE_COLUMNS: usize = 12;
    /// The smallest size a number is shrunk to when it is wider than its cell; beyond that it wraps.
    pub const MIN_SIZE: Pt = Pt(5.0);
    /// Line pitch inside cells, as a multiple of the text size (Word's single spacing for 宋体 ≈ 1.3).
    pub const LINE_SPACING: f32 = 1.3;
    /// Left and right cell margin, in the PDF and the DOCX alike: 1 mm keeps label text clear of
    /// the rules; Word's default, 1.9 mm, would leave the 10.4 mm columns of table 四 less than two
    /// 9 pt characters.
    pub const PAD_X: Mm = Mm(1.0);
    /// Top and bottom cell margin.
    pub const PAD_Y: Mm = Mm(0.8);
    /// Width of every rule (Word's default ½ pt single border).
    pub const RULE: Pt = Pt(0.5);
    /// Merged cells spanning more rows than this may be split by a page break (their text is
    /// repeated or continued on the next page); shorter ones move to the next page whole.
    pub const SPLIT_ROWSPAN: usize = 10;
    /// A table split by a page break keeps at least this many body rows on each side (a header
    /// with one or two rows at the foot of a page, or one row alone under the repeated header,
    /// reads as a stray fragment).
    pub const MIN_SPLIT_ROWS: usize = 3;
    /// A table too tall for a page at its natural size, but not at this fraction of it, is set
    /// condensed to fit one page (text, padding and line pitch scaled; never below 9 pt).
    pub const CONDENSE: f32 = 0.9;
    /// Line pitch inside cells of a condensed table.
    pub const CONDENSED_LINE_SPACING: f32 = 1.15;
    /// A table that fits a page but not the space left moves to the next page only when it leaves
    /// less than this fraction of the 版心 blank; otherwise it splits.
    pub const MAX_BLANK: f32 = 0.25;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_numbers() {
        let p = GBT9704;
        assert!((p.bottom().0 - 35.0).abs() < 1e-4);
        assert!((p.right().0 - 26.0).abs() < 1e-4);
        // 225 mm / 22 = 28.99 pt; Word rounds its linePitch to 579 twips (28.95 pt).
        assert!((p.line_pitch().0 - 28.99).abs() < 0.01);
        assert!((p.char_pitch().0 - 15.79).abs() < 0.01);
        assert_eq!(Mm(37.0).to_twips(), 2098);
        assert_eq!(size::SAN_HAO.to_half_points(), 32);
    }

    #[test]
    fn grid_lines_fill_the_body() {
        let p = GBT9704;
        assert!((p.line_top(22).to_mm().0 - 262.0).abs() < 1e-3);
        // 3号 text centred in a 28.99 pt line: baseline 20.57 pt below the line's top.
        assert!((centred_baseline(p.line_pitch(), size::SAN_HAO).0 - 20.57).abs() < 0.01);
        assert!((p.page_number_top().to_mm().0 - 269.0).abs() < 1e-3);
    }
}
