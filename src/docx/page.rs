//! Page setup in Word's units (twips), derived from the GB/T 9704 numbers in [`crate::style`].

use crate::style::{GBT9704, Mm, Page, size};

/// Everything `w:pgSz`, `w:pgMar` and `w:docGrid` need, in twips (and 1/4096 pt for `char_space`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSetup {
    pub width: i32,
    pub height: i32,
    pub top: i32,
    pub bottom: i32,
    pub left: i32,
    pub right: i32,
    /// Distance from the page's top edge to the header; no header is printed (Word's default).
    pub header: i32,
    /// Distance from the page's bottom edge to the bottom of the footer line; see [`footer`].
    pub footer: i32,
    /// `w:docGrid/@w:linePitch`: one grid line.
    pub line_pitch: i32,
    /// `w:docGrid/@w:charSpace`: extra pitch per character beyond the body size, in 1/4096 pt.
    pub char_space: i32,
}

impl PageSetup {
    /// Width of the 版心 as Word computes it from the rounded page and margins.
    pub fn text_width(&self) -> i32 {
        self.width - self.left - self.right
    }
}

/// The footer line holds the page number at 4号 with exact line spacing of one 4号 em.
pub const FOOTER_LINE: crate::style::Pt = size::SI_HAO;

/// The standard's page in twips.
pub fn gbt9704() -> PageSetup {
    setup(&GBT9704)
}

fn setup(page: &Page) -> PageSetup {
    let width = page.width.to_twips();
    let height = page.height.to_twips();
    let top = page.top.to_twips();
    let bottom = page.bottom().to_twips();
    let left = page.left.to_twips();
    let right = page.right().to_twips();
    // Rounded down, not to nearest: 12756 twips / 22 = 579.8, and a pitch of 580 would leave room
    // for only 21 lines in Word (22 × 580 > 12756). 579 twips = 28.95 pt.
    let line_pitch = (height - top - bottom) / page.lines_per_page as i32;
    // Word's character pitch is the body size plus charSpace/4096 pt. Rounded down so that 28
    // characters fit the 版心 as Word measures it (8845 twips): 16 pt − 842/4096 pt = 15.79 pt.
    let text_width_pt = (width - left - right) as f32 / 20.0;
    let pitch = text_width_pt / page.chars_per_line as f32;
    let char_space = ((pitch - size::SAN_HAO.0) * 4096.0).floor() as i32;
    PageSetup {
        width,
        height,
        top,
        bottom,
        left,
        right,
        header: Mm(15.0).to_twips(),
        footer: footer(page).to_twips(),
        line_pitch,
        char_space,
    }
}

/// "一字线上距版心下边缘7mm" (GB/T 9704 7.5): the dash of "— 1 —" is 7 mm below the 版心.
/// The footer line is one 4号 em high (exact spacing) and the dash U+2014 is drawn at the middle of
/// the ideographic em box, half a line below the line's top. Word's `w:footer` is the distance from
/// the page's bottom edge to the bottom of that line, so
/// footer = bottom margin − 7 mm − half a line = 35 − 7 − 2.47 ≈ 25.5 mm.
fn footer(page: &Page) -> Mm {
    page.bottom() - page.page_number_gap - (FOOTER_LINE / 2.0).to_mm()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_numbers() {
        let p = gbt9704();
        assert_eq!((p.width, p.height), (11906, 16838));
        assert_eq!((p.top, p.bottom, p.left, p.right), (2098, 1984, 1587, 1474));
        assert_eq!(p.line_pitch, 579);
        assert_eq!(p.char_space, -842);
        // 28 characters at the compressed pitch fit the text width; 29 do not.
        let pitch = 16.0 + p.char_space as f32 / 4096.0;
        let width = p.text_width() as f32 / 20.0;
        assert!(28.0 * pitch <= width && 29.0 * pitch > width);
        assert!(22 * p.line_pitch <= p.height - p.top - p.bottom);
    }
}
