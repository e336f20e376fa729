//! Characters as layout sees them: glyph, width, punctuation class — and where a line may break
//! (UAX #14 from unicode-linebreak, overridden by the Chinese 禁则 and by number runs).

use std::collections::HashMap;

use crate::fonts::Lookup;
use crate::style::{FontRole, Pt};

/// How a character behaves at line ends and next to other punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Full-width opening punctuation: glyph in the right half, blank left half (（《“ …).
    Open,
    /// Full-width closing punctuation: glyph in the left half, blank right half (，。、）》” …).
    Close,
    /// Any other full-width character: 汉字, ！？, —, ….
    Full,
    /// Half-width: digits, Latin letters, ASCII punctuation, spaces.
    Narrow,
}

/// Full-width closing punctuation whose right half is blank, so it may be set half-width.
const CLOSE: &str = "，。、；：）》」』〕】］｝〉”’";
/// Full-width opening punctuation whose left half is blank.
const OPEN: &str = "（《「『〔【［｛〈“‘";
/// No line starts with these (行首禁则): closing punctuation, pauses, ellipsis, percent, middle dot.
const NO_START: &str = "，。、；：？！）》」』〕】］｝〉”’…·%‰℃,.;:?!)]}";
/// No line ends with these (行尾禁则): opening punctuation.
const NO_END: &str = "（《「『〔【［｛〈“‘([{";

/// One character, shaped: its glyph in some face, and its natural width in points.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ch {
    pub ch: char,
    pub face: usize,
    pub glyph: u16,
    pub size: Pt,
    /// Natural advance: one grid cell for full-width characters on the character grid, else the
    /// font's advance (digits, Latin and '%' keep their real widths).
    pub width: Pt,
    /// Blank the character may give up at a line end or beside other punctuation (half a cell for
    /// full-width opening/closing punctuation, 0 otherwise).
    pub squeeze: Pt,
    pub class: Class,
    /// Glyph shift to the left, for opening punctuation set half-width (its blank is on the left).
    pub shift: Pt,
}

impl Ch {
    pub fn is_full(&self) -> bool {
        self.class != Class::Narrow
    }
}

/// How a piece of text is set: its font role, size and (for body text) the character grid pitch.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub role: FontRole,
    pub size: Pt,
    /// Width of one full-width character when text is set on the 28-character grid.
    pub pitch: Option<Pt>,
}

/// A character's face, glyph id and advance in em.
type Glyphed = (usize, u16, f32);

/// Shapes text into [`Ch`]s, memoising the font look-up of each (role, character).
pub(crate) struct Shaper<'a> {
    lookup: Lookup<'a>,
    cache: HashMap<(FontRole, char), Option<Glyphed>>,
}

impl<'a> Shaper<'a> {
    pub fn new(lookup: Lookup<'a>) -> Self {
        Shaper {
            lookup,
            cache: HashMap::new(),
        }
    }

    /// Shapes `text` in `style`. Characters without a glyph are left out; the coverage check
    /// before layout has already made that an error, so it does not happen in a rendered report.
    pub fn shape(&mut self, text: &str, style: Style, out: &mut Vec<Ch>) {
        out.extend(text.chars().filter_map(|ch| self.shape_char(ch, style)));
    }

    /// One character, if some face of the role has it.
    pub fn shape_char(&mut self, ch: char, style: Style) -> Option<Ch> {
        let lookup = &self.lookup;
        let (face, glyph, advance) = *self
            .cache
            .entry((style.role, ch))
            .or_insert_with(|| {
                lookup
                    .find(style.role, ch)
                    .map(|f| (f.face, f.glyph.to_u32() as u16, f.advance))
            })
            .as_ref()?;
        // A glyph of (nearly) one em is full-width: it takes a grid cell; anything narrower keeps
        // its real advance.
        let full = advance >= 0.9;
        let class = if !full {
            Class::Narrow
        } else if CLOSE.contains(ch) {
            Class::Close
        } else if OPEN.contains(ch) {
            Class::Open
        } else {
            Class::Full
        };
        let width = match (full, style.pitch) {
            (true, Some(pitch)) => pitch,
            _ => style.size * advance,
        };
        let squeeze = match class {
            Class::Open | Class::Close => width / 2.0,
            _ => Pt(0.0),
        };
        Some(Ch {
            ch,
            face,
            glyph,
            size: style.size,
            width,
            squeeze,
            class,
            shift: Pt(0.0),
        })
    }
}

/// Sets adjacent punctuation tight (GB/T 15834 practice, clreq 3.1.6): a closing mark followed by
/// any opening or closing mark gives up its blank right half ("。”", "），"); of two opening marks the
/// second gives up its blank left half ("“《").
pub(crate) fn compress_pairs(chars: &mut [Ch]) {
    for i in 1..chars.len() {
        let (a, b) = (chars[i - 1].class, chars[i].class);
        match (a, b) {
            (Class::Close, Class::Close | Class::Open) if chars[i - 1].squeeze.0 > 0.0 => {
                let c = &mut chars[i - 1];
                c.width -= c.squeeze;
                c.squeeze = Pt(0.0);
            }
            (Class::Open, Class::Open) if chars[i].squeeze.0 > 0.0 => {
                let c = &mut chars[i];
                c.width -= c.squeeze;
                c.shift = c.squeeze;
                c.squeeze = Pt(0.0);
            }
            _ => {}
        }
    }
}

/// Whether a line may break before a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Break {
    No,
    /// Allowed, but taken only when keeping the two sides together would spread the line's
    /// characters too far apart: between a number and the ideograph after it ("2024|年").
    Avoid,
    Yes,
}

/// `result[i]` says whether a line may break before `chars[i]` (index 0 never).
pub(crate) fn break_opportunities(chars: &[Ch]) -> Vec<Break> {
    let text: String = chars.iter().map(|c| c.ch).collect();
    let mut allowed = vec![Break::No; chars.len() + 1];
    // UAX #14 gives break positions as byte offsets; map them to character indices.
    let mut byte_to_index = HashMap::with_capacity(chars.len());
    for (i, (b, _)) in text.char_indices().enumerate() {
        byte_to_index.insert(b, i);
    }
    for (byte, _) in unicode_linebreak::linebreaks(&text) {
        if let Some(&i) = byte_to_index.get(&byte) {
            allowed[i] = Break::Yes;
        }
    }
    allowed.truncate(chars.len());
    for i in 1..chars.len() {
        if let Some(rule) = override_rule(&chars[i - 1], &chars[i]) {
            allowed[i] = rule;
        }
    }
    if let Some(first) = allowed.first_mut() {
        *first = Break::No;
    }
    allowed
}

/// The Chinese rules UAX #14 lacks or gets wrong for Chinese text.
fn override_rule(a: &Ch, b: &Ch) -> Option<Break> {
    if NO_START.contains(b.ch) || NO_END.contains(a.ch) {
        return Some(Break::No);
    }
    // "——" and "……" are one mark each and never split.
    if a.ch == b.ch && matches!(a.ch, '—' | '…' | '─') {
        return Some(Break::No);
    }
    // A number stays with the measure word after it (2024年, 30号, 1286条) where that costs little;
    // CJK typesetting allows the break (clreq keeps only the digits themselves together).
    if a.ch.is_ascii_digit() && b.is_full() {
        return Some(Break::Avoid);
    }
    // A document number stays with its year (〔2021〕30号).
    if matches!(a.ch, '〕' | '］' | '】') && b.ch.is_ascii_digit() {
        return Some(Break::No);
    }
    // Between Chinese characters, or at a Chinese/Latin boundary, a break is fine; inside a run of
    // Latin letters and digits (8.2%, Wi-Fi, 0710-3456789) UAX #14 decides: digits, and a number
    // with its sign, decimal point or percent sign, never split (GB/T 15835).
    if a.is_full() || b.is_full() {
        return Some(Break::Yes);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(c: char) -> Ch {
        let full = !c.is_ascii();
        Ch {
            ch: c,
            face: 0,
            glyph: 1,
            size: Pt(16.0),
            width: Pt(if full { 16.0 } else { 8.0 }),
            squeeze: Pt(0.0),
            class: if !full {
                Class::Narrow
            } else if CLOSE.contains(c) {
                Class::Close
            } else if OPEN.contains(c) {
                Class::Open
            } else {
                Class::Full
            },
            shift: Pt(0.0),
        }
    }

    /// The text with "|" at every allowed break and "¦" where a break is avoided when it can be.
    fn marked(text: &str) -> String {
        let chars: Vec<Ch> = text.chars().map(ch).collect();
        let allowed = break_opportunities(&chars);
        let mut out = String::new();
        for (c, a) in chars.iter().zip(allowed) {
            match a {
                Break::Yes => out.push('|'),
                Break::Avoid => out.push('¦'),
                Break::No => {}
            }
            out.push(c.ch);
        }
        out
    }

    #[test]
    fn kinsoku() {
        assert_eq!(marked("公开，不公开。"), "公|开，|不|公|开。");
        assert_eq!(marked("以“公开”为"), "以|“公|开”|为");
        assert_eq!(marked("（一）主动"), "（一）|主|动");
        assert_eq!(marked("说——是"), "说|——|是");
        assert_eq!(marked("等……但"), "等……|但");
    }

    #[test]
    fn number_runs_stay_together_and_with_their_measure_word_where_it_costs_little() {
        assert_eq!(marked("全年2024年"), "全|年|2024¦年");
        assert_eq!(marked("达8.2%，"), "达|8.2%，");
        assert_eq!(marked("函〔2021〕30号"), "函|〔2021〕30¦号");
        assert_eq!(marked("电话：0710-3456789）"), "电|话：|0710-3456789）");
    }
}
