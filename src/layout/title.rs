//! Setting the realized title lines ([`crate::realize::title`] decides the breaks): each line
//! shaped in the title font; a line still wider than the measure with the real glyph widths (a
//! user's own long line) is broken into balanced lines, never leaving a single character alone.

use super::lines::{Measure, break_lines};
use super::text::{Ch, Shaper, Style, compress_pairs};
use crate::style::FontRole;

/// The title's lines as characters; each line is at most `limit` wide where a break is possible.
pub(super) fn title_lines(shaper: &mut Shaper, lines: &[String], limit: f32) -> Vec<Vec<Ch>> {
    let style = Style {
        role: FontRole::Title,
        size: FontRole::Title.size(),
        pitch: None,
    };
    let mut out = Vec::new();
    for line in lines {
        let mut chars = Vec::new();
        shaper.shape(line, style, &mut chars);
        compress_pairs(&mut chars);
        if width(&chars) <= limit {
            out.push(chars);
        } else {
            out.extend(balanced(&chars, limit));
        }
    }
    out
}

fn width(chars: &[Ch]) -> f32 {
    chars.iter().map(|c| c.width).sum()
}

/// Breaks into as few lines as fit `limit`, then evens them out: the narrowest measure that still
/// gives that many lines (found by bisection), so no line is left with one character.
fn balanced(chars: &[Ch], limit: f32) -> Vec<Vec<Ch>> {
    let lines_at = |w: f32| {
        break_lines(
            chars,
            Measure {
                width: w,
                first_indent: 0.0,
                justify: false,
                max_squeeze: 0.0,
            },
        )
    };
    let target = lines_at(limit).len();
    let (mut lo, mut hi) = (width(chars) / target as f32, limit);
    for _ in 0..24 {
        let mid = (lo + hi) / 2.0;
        if lines_at(mid).len() <= target {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    lines_at(hi).into_iter().map(|l| l.chars).collect()
}
