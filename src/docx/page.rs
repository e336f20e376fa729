//! Page setup in Word's units (twips), derived from the GB/T 9704 numbers in [`crate::style`].

use crate::style::{GBT9704, Mm, Page, size};

/// Everything `w:pgSz`, `w:pgMar` and `w:docGrid` need, in twips.
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
    /// Character spacing of body text (`w:spacing` in `w:rPr`), in twips: negative, so that 28
    /// characters of 3号 fit a line of the 版心; see [`setup`].
    pub tracking: i32,
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
    let mut setup = PageSetup {
        width,
        height,
        top,
        bottom,
        left,
        right,
        header: Mm(15.0).to_twips(),
        footer: footer(page).to_twips(),
        line_pitch,
        tracking: 0,
    };
    // 28 characters of 3号 (16 pt) need 448 pt; the 版心 is 442.25 pt as Word measures it (8845
    // twips). Word's own answer is a character grid (docGrid linesAndChars, charSpace −842, pitch
    // 15.79 pt), but LibreOffice 7.4 cannot set a character narrower than its size on such a grid
    // (measured: it gives each character two cells, 14 characters a line, 8 pages instead of 5).
    // Condensing the body text works the same in every application: −5 twips (−0.25 pt) is the
    // least condensing in whole twips that fits 28 (28 × 15.75 pt = 441 pt), and justification
    // spreads the remaining 1.25 pt.
    // Integer division rounds the pitch down, so 28 characters never overflow the line.
    let pitch = setup.text_width() / page.chars_per_line as i32;
    setup.tracking = pitch - size::SAN_HAO.to_twips();
    setup
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
        assert_eq!(p.tracking, -5);
        // 28 characters at the condensed pitch fit the text width; 29 do not, nor do 28 at the
        // next smaller condensing.
        let pitch = 320 + p.tracking;
        assert!(28 * pitch <= p.text_width() && 29 * pitch > p.text_width());
        assert!(28 * (pitch + 1) > p.text_width());
        assert!(22 * p.line_pitch <= p.height - p.top - p.bottom);
    }
}
