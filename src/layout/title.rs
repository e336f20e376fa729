//! Breaking the title into centred lines: the user's own breaks win; a long line is broken after
//! the agency name (agency / "20XX年政府信息公开工作年度报告"), else into balanced lines at word
//! boundaries, never leaving a single character on a line.

use super::lines::{Measure, break_lines};
use super::text::{Ch, Shaper, Style, compress_pairs};
use crate::model::Report;
use crate::style::FontRole;

/// The title's lines as characters; each line is at most `limit` wide where a break is possible.
pub(super) fn break_title(
    shaper: &mut Shaper,
    report: &Report,
    lines: &[String],
    limit: f32,
) -> Vec<Vec<Ch>> {
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
            continue;
        }
        let split = report
            .title_split(line)
            .map(|byte| line[..byte].chars().count())
            .filter(|&k| k >= 2 && k < chars.len());
        match split {
            Some(k) if width(&chars[k..]) <= limit => {
                out.extend(balanced(&chars[..k], limit));
                out.push(chars[k..].to_vec());
            }
            _ => out.extend(balanced(&chars, limit)),
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
