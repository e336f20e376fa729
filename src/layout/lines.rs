//! Breaking a paragraph into lines: greedy filling with 禁则, line-end punctuation squeezing, and
//! justification that fills the measure exactly (except a paragraph's last line).

use super::text::{Break, Ch, Class, break_opportunities};
use super::{Glyph, GlyphRun, Point, Tag};
use crate::style::Pt;

const EPS: Pt = Pt(0.01);

/// How to break: the measure, the first line's indent, whether lines are justified.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Measure {
    pub width: Pt,
    pub first_indent: Pt,
    pub justify: bool,
    /// The most a line's last punctuation mark may be squeezed to end the line at the measure
    /// (half a cell for body text; 0 where lines need not fill the measure).
    pub max_squeeze: Pt,
}

/// One line: a range of characters and each one's final advance and glyph shift.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub chars: Vec<Ch>,
    /// Final advance of each character (natural width, squeezed or widened).
    pub advances: Vec<Pt>,
    pub indent: Pt,
}

impl Line {
    pub fn width(&self) -> Pt {
        self.advances.iter().sum()
    }
}

/// The widest space justification puts between two characters, in ems of the text: a line whose
/// characters would be spread further apart is adjusted otherwise ([`line_end`]).
const MAX_SPREAD: f32 = 0.25;

/// Breaks `chars` into lines.
pub(crate) fn break_lines(chars: &[Ch], m: Measure) -> Vec<Line> {
    let breaks = break_opportunities(chars);
    let n = chars.len();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < n {
        let indent = if lines.is_empty() {
            m.first_indent
        } else {
            Pt(0.0)
        };
        let avail = m.width - indent;
        let end = line_end(chars, &breaks, start, avail, m);
        let last = end == n;
        let slice = &chars[start..end];
        let mut advances: Vec<Pt> = slice.iter().map(|c| c.width).collect();
        let natural: Pt = advances.iter().sum();
        if natural > avail + EPS {
            squeeze(slice, &mut advances, natural - avail);
        } else if m.justify && !last {
            widen(slice, &mut advances, avail - natural);
        }
        lines.push(Line {
            chars: slice.to_vec(),
            advances,
            indent,
        });
        start = end;
    }
    lines
}

/// Where the line starting at `start` ends. The last break that fits, squeezing the line's last
/// punctuation mark if that pulls in more, keeps every full-width character in its grid column.
/// When justifying that line would spread its characters more than [`MAX_SPREAD`] apart (a long
/// number or Latin run pushed to the next line: "电话：" + "0710-3456789"), clreq's line
/// adjustment applies in its order: push in (挤进) the next unit by taking blank from every
/// punctuation mark of the line (标点挤压), else break where a break is only avoided ("2024|年");
/// else the line is pushed out (推出) and spread, as [`widen`] does.
fn line_end(chars: &[Ch], breaks: &[Break], start: usize, avail: Pt, m: Measure) -> usize {
    let n = chars.len();
    let end = fill(chars, breaks, start, avail, m.max_squeeze, Break::Yes);
    if !m.justify || end == n || !too_wide(&chars[start..end], avail) {
        return end;
    }
    let next = (end + 1..n).find(|&i| breaks[i] == Break::Yes).unwrap_or(n);
    let pulled = &chars[start..next];
    let width: Pt = pulled.iter().map(|c| c.width).sum();
    let squeezable: Pt = pulled.iter().map(|c| c.squeeze).sum();
    if width - squeezable <= avail + EPS {
        return next;
    }
    fill(chars, breaks, start, avail, m.max_squeeze, Break::Avoid)
}

/// The last break at least as strong as `weakest` that fits from `start`, squeezing the line's
/// last mark (up to `max_squeeze`) if that pulls in more; a unit wider than the whole line is cut
/// where it overflows.
fn fill(
    chars: &[Ch],
    breaks: &[Break],
    start: usize,
    avail: Pt,
    max_squeeze: Pt,
    weakest: Break,
) -> usize {
    let n = chars.len();
    let (mut width, mut squeezable) = (Pt(0.0), Pt(0.0));
    let mut best = None;
    for (i, c) in chars.iter().enumerate().skip(start) {
        width += c.width;
        squeezable += c.squeeze;
        let end = i + 1;
        if width - squeezable > avail + EPS {
            break;
        }
        let allowed = end == n
            || breaks[end] == Break::Yes
            || (weakest == Break::Avoid && breaks[end] == Break::Avoid);
        if allowed {
            // Only the line's last mark gives up its blank (行末标点挤压): squeezing marks inside
            // the line would pull every following character off the grid.
            let fits = width <= avail + EPS;
            let squeezes = width - avail <= c.squeeze.min(max_squeeze) + EPS;
            if fits || squeezes {
                best = Some(end);
            }
        }
    }
    best.unwrap_or_else(|| {
        // Nothing fits: cut the unit where it overflows (at least one character).
        let mut width = Pt(0.0);
        let mut end = start;
        while end < n && (end == start || width + chars[end].width <= avail + EPS) {
            width += chars[end].width;
            end += 1;
        }
        end
    })
}

/// Takes `excess` out of the blank halves of the line's punctuation: the last mark's first (行末
/// 标点挤压, the only one squeezed on an ordinary line), then every other mark's alike (a line that
/// pushed in its next unit).
fn squeeze(chars: &[Ch], advances: &mut [Pt], excess: Pt) {
    let (Some(c), Some(a)) = (chars.last(), advances.last_mut()) else {
        return;
    };
    let last = c.squeeze.min(excess);
    *a -= last;
    let rest = excess - last;
    let others: Pt = chars[..chars.len() - 1].iter().map(|c| c.squeeze).sum();
    if rest <= EPS || others <= EPS {
        return;
    }
    let share = (rest.0 / others.0).min(1.0);
    for (c, a) in chars.iter().zip(advances.iter_mut()).take(chars.len() - 1) {
        *a -= c.squeeze * share;
    }
}

/// The gaps justification widens: where a Chinese character meets another character (never
/// inside a run of digits or Latin letters, never after an opening or before a closing mark).
fn han_gaps(chars: &[Ch]) -> Vec<usize> {
    (0..chars.len().saturating_sub(1))
        .filter(|&i| {
            let (a, b) = (&chars[i], &chars[i + 1]);
            (a.is_full() || b.is_full()) && a.class != Class::Open && b.class != Class::Close
        })
        .collect()
}

/// Would justifying these characters to `avail` spread them more than [`MAX_SPREAD`] apart?
fn too_wide(chars: &[Ch], avail: Pt) -> bool {
    let natural: Pt = chars.iter().map(|c| c.width).sum();
    let gaps = han_gaps(chars).len().max(1);
    let size = chars.first().map_or(Pt(0.0), |c| c.size);
    (avail - natural) / gaps as f32 > size * MAX_SPREAD + EPS
}

/// Spreads `slack` over the [`han_gaps`]; where that would set them more than [`MAX_SPREAD`]
/// apart, over every gap of the line alike, inside Latin and digit runs too (the last resort of
/// JIS X 4051's expansion order).
fn widen(chars: &[Ch], advances: &mut [Pt], slack: Pt) {
    if chars.len() < 2 || slack <= EPS {
        return;
    }
    let mut gaps = han_gaps(chars);
    if gaps.is_empty() || too_wide(chars, chars.iter().map(|c| c.width).sum::<Pt>() + slack) {
        gaps = (0..chars.len() - 1).collect();
    }
    let each = slack / gaps.len() as f32;
    for i in gaps {
        advances[i] += each;
    }
}

/// Splits positioned characters into runs of one face and size.
pub(crate) fn runs(chars: &[Ch], advances: &[Pt], x: Pt, baseline: Pt) -> Vec<GlyphRun> {
    let mut out: Vec<GlyphRun> = Vec::new();
    let mut pen = x;
    for (c, &advance) in chars.iter().zip(advances) {
        let same = out
            .last()
            .is_some_and(|r| r.face == c.face && r.size == c.size);
        if !same {
            out.push(GlyphRun {
                face: c.face,
                size: c.size,
                origin: Point {
                    x: pen,
                    y: baseline,
                },
                glyphs: Vec::new(),
                text: String::new(),
                tag: Tag::Artifact,
            });
        }
        if let Some(run) = out.last_mut() {
            let start = run.text.len();
            run.text.push(c.ch);
            run.glyphs.push(Glyph {
                id: c.glyph,
                advance,
                shift: c.shift,
                text: start..run.text.len(),
            });
        }
        pen += advance;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<Ch> {
        text.chars()
            .map(|c| {
                let full = !c.is_ascii();
                let class = if !full {
                    Class::Narrow
                } else if "，。、）”".contains(c) {
                    Class::Close
                } else if "（“".contains(c) {
                    Class::Open
                } else {
                    Class::Full
                };
                let width = Pt(if full { 10.0 } else { 5.0 });
                Ch {
                    ch: c,
                    face: 0,
                    glyph: 1,
                    size: Pt(10.0),
                    width,
                    squeeze: Pt(if matches!(class, Class::Open | Class::Close) {
                        5.0
                    } else {
                        0.0
                    }),
                    class,
                    shift: Pt(0.0),
                }
            })
            .collect()
    }

    fn text(l: &Line) -> String {
        l.chars.iter().map(|c| c.ch).collect()
    }

    const M: Measure = Measure {
        width: Pt(50.0),
        first_indent: Pt(0.0),
        justify: true,
        max_squeeze: Pt(10.0),
    };

    #[test]
    fn a_closing_mark_is_squeezed_in_rather_than_starting_a_line() {
        let m = Measure {
            width: Pt(55.0),
            ..M
        };
        let lines = break_lines(&chars("一二三四五，六七"), m);
        assert_eq!(text(&lines[0]), "一二三四五，");
        assert!((lines[0].width().0 - 55.0).abs() < 0.01);
        assert!(
            (lines[0].advances[5].0 - 5.0).abs() < 0.01,
            "the comma is squeezed"
        );
        assert_eq!(text(&lines[1]), "六七");
        assert!(
            (lines[1].width().0 - 20.0).abs() < 0.01,
            "last line not widened"
        );
        // A mark inside the line is not squeezed to pull in more while the line can be justified
        // within a quarter em: "六" moves to the next line, the grid kept.
        let m = Measure {
            width: Pt(65.0),
            ..M
        };
        let lines = break_lines(&chars("一二、三四五六七"), m);
        assert_eq!(text(&lines[0]), "一二、三四五");
        assert!(
            (lines[0].width().0 - 65.0).abs() < 0.01,
            "widened to the measure"
        );
        assert!(lines[0].advances[2].0 >= 10.0 - 0.01, "、 is not squeezed");
    }

    #[test]
    fn a_long_number_pushed_out_is_pulled_in_by_squeezing_the_lines_marks() {
        // Pushed out, "123456789012" (60) would leave the line "址，临江，邮编，" (80) spread 11 a
        // gap (45 over 4), more than a quarter em; squeezing its three commas by half pulls it in.
        let m = Measure {
            width: Pt(125.0),
            ..M
        };
        let lines = break_lines(&chars("址，临江，邮编，123456789012"), m);
        assert_eq!(lines.len(), 1);
        assert!((lines[0].width().0 - 125.0).abs() < 0.01);
        for i in [1, 4, 7] {
            assert!(
                (lines[0].advances[i].0 - 5.0).abs() < 0.01,
                "{:?}",
                lines[0].advances
            );
        }
    }

    #[test]
    fn a_number_leaves_its_measure_word_only_when_the_line_would_spread() {
        // "2024年" kept whole: the line before it is spread 1.25 a gap (5 over 4) — fine.
        let m = Measure {
            width: Pt(65.0),
            ..M
        };
        let lines = break_lines(&chars("一二三四五六2024年"), m);
        assert_eq!(text(&lines[0]), "一二三四五六");
        // Pushed out whole, "2024年" would leave 25 over 5 gaps: it breaks before 年 instead.
        let m = Measure {
            width: Pt(85.0),
            ..M
        };
        let lines = break_lines(&chars("一二三四五六2024年"), m);
        assert_eq!(text(&lines[0]), "一二三四五六2024");
    }

    #[test]
    fn an_unbreakable_run_with_nothing_to_squeeze_spreads_every_gap() {
        // No mark to squeeze, no break inside "123456789012": the line is spread over all its 7
        // gaps (between 5 and 6 too) rather than its 6 gaps next to Chinese characters.
        let m = Measure {
            width: Pt(90.0),
            ..M
        };
        let lines = break_lines(&chars("一二三四56六七123456789012"), m);
        assert_eq!(text(&lines[0]), "一二三四56六七");
        let widest = lines[0]
            .advances
            .iter()
            .zip(&lines[0].chars)
            .map(|(a, c)| a.0 - c.width.0)
            .fold(0.0, f32::max);
        assert!((widest - 20.0 / 7.0).abs() < 0.01, "{widest}");
    }

    #[test]
    fn justified_lines_fill_the_measure() {
        let m = Measure {
            width: Pt(47.0),
            ..M
        };
        let lines = break_lines(&chars("一12三四五六"), m);
        assert_eq!(text(&lines[0]), "一12三四");
        assert!((lines[0].width().0 - 47.0).abs() < 0.01);
        // Digits keep their natural spacing; the number stays with its measure word.
        assert!((lines[0].advances[1].0 - 5.0).abs() < 0.01);
        assert_eq!(text(&lines[1]), "五六");
    }
}
