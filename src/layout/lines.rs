//! Breaking a paragraph into lines: greedy filling with 禁则, line-end punctuation squeezing, and
//! justification that fills the measure exactly (except a paragraph's last line).

use super::text::{Ch, Class, break_opportunities};
use super::{Glyph, GlyphRun, Point, Tag};
use crate::style::Pt;

const EPS: f32 = 0.01;

/// How to break: the measure, the first line's indent, whether lines are justified.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Measure {
    pub width: f32,
    pub first_indent: f32,
    pub justify: bool,
    /// The most a line's last punctuation mark may be squeezed to end the line at the measure
    /// (half a cell for body text; 0 where lines need not fill the measure).
    pub max_squeeze: f32,
}

/// One line: a range of characters and each one's final advance and glyph shift.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub chars: Vec<Ch>,
    /// Final advance of each character (natural width, squeezed or widened).
    pub advances: Vec<f32>,
    pub indent: f32,
}

impl Line {
    pub fn width(&self) -> f32 {
        self.advances.iter().sum()
    }
}

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
            0.0
        };
        let avail = m.width - indent;
        let end = line_end(chars, &breaks, start, avail, m.max_squeeze);
        let last = end == n;
        let slice = &chars[start..end];
        let mut advances: Vec<f32> = slice.iter().map(|c| c.width).collect();
        let natural: f32 = advances.iter().sum();
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

/// Where the line starting at `start` ends: the last break opportunity that fits, squeezing
/// punctuation if that pulls in more; a unit wider than the whole line is cut where it overflows.
fn line_end(chars: &[Ch], breaks: &[bool], start: usize, avail: f32, max_squeeze: f32) -> usize {
    let n = chars.len();
    let (mut width, mut squeezable) = (0.0, 0.0);
    let mut best = None;
    for (i, c) in chars.iter().enumerate().skip(start) {
        width += c.width;
        squeezable += c.squeeze;
        let end = i + 1;
        if width - squeezable > avail + EPS {
            break;
        }
        if end == n || breaks[end] {
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
        let mut width = 0.0;
        let mut end = start;
        while end < n && (end == start || width + chars[end].width <= avail + EPS) {
            width += chars[end].width;
            end += 1;
        }
        end
    })
}

/// Takes `excess` out of the blank half of the line's last mark (the only one ever squeezed).
fn squeeze(chars: &[Ch], advances: &mut [f32], excess: f32) {
    if let (Some(c), Some(a)) = (chars.last(), advances.last_mut()) {
        *a -= c.squeeze.min(excess);
    }
}

/// Spreads `slack` over the gaps where a Chinese character meets another character (never inside
/// a run of digits or Latin letters, never after an opening or before a closing mark).
fn widen(chars: &[Ch], advances: &mut [f32], slack: f32) {
    if chars.len() < 2 || slack <= EPS {
        return;
    }
    let gap = |i: usize| {
        let (a, b) = (&chars[i], &chars[i + 1]);
        (a.is_full() || b.is_full()) && a.class != Class::Open && b.class != Class::Close
    };
    let mut gaps: Vec<usize> = (0..chars.len() - 1).filter(|&i| gap(i)).collect();
    if gaps.is_empty() {
        gaps = (0..chars.len() - 1).collect();
    }
    let each = slack / gaps.len() as f32;
    for i in gaps {
        advances[i] += each;
    }
}

/// Splits positioned characters into runs of one face and size.
pub(crate) fn runs(chars: &[Ch], advances: &[f32], x: f32, baseline: f32) -> Vec<GlyphRun> {
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
                origin: Point::new(pen, baseline),
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
                advance: Pt(advance),
                shift: Pt(c.shift),
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
                let width = if full { 10.0 } else { 5.0 };
                Ch {
                    ch: c,
                    face: 0,
                    glyph: 1,
                    size: Pt(10.0),
                    width,
                    squeeze: if matches!(class, Class::Open | Class::Close) {
                        5.0
                    } else {
                        0.0
                    },
                    class,
                    shift: 0.0,
                }
            })
            .collect()
    }

    fn text(l: &Line) -> String {
        l.chars.iter().map(|c| c.ch).collect()
    }

    const M: Measure = Measure {
        width: 50.0,
        first_indent: 0.0,
        justify: true,
        max_squeeze: 10.0,
    };

    #[test]
    fn a_closing_mark_is_squeezed_in_rather_than_starting_a_line() {
        let m = Measure { width: 55.0, ..M };
        let lines = break_lines(&chars("一二三四五，六七"), m);
        assert_eq!(text(&lines[0]), "一二三四五，");
        assert!((lines[0].width() - 55.0).abs() < 0.01);
        assert!(
            (lines[0].advances[5] - 5.0).abs() < 0.01,
            "the comma is squeezed"
        );
        assert_eq!(text(&lines[1]), "六七");
        assert!(
            (lines[1].width() - 20.0).abs() < 0.01,
            "last line not widened"
        );
        // A mark inside the line is never squeezed to pull in more: "四，" moves to the next line.
        let lines = break_lines(&chars("一二、三四，五六"), M);
        assert_eq!(text(&lines[0]), "一二、三");
        assert!(
            (lines[0].width() - 50.0).abs() < 0.01,
            "widened to the measure"
        );
    }

    #[test]
    fn justified_lines_fill_the_measure() {
        let m = Measure { width: 47.0, ..M };
        let lines = break_lines(&chars("一12三四五六"), m);
        assert_eq!(text(&lines[0]), "一12三四");
        assert!((lines[0].width() - 47.0).abs() < 0.01);
        // Digits keep their natural spacing; the number stays with its measure word.
        assert!((lines[0].advances[1] - 5.0).abs() < 0.01);
        assert_eq!(text(&lines[1]), "五六");
    }
}
