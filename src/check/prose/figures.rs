//! The figure finder: every number with a unit in a paragraph, the clause of words before it and
//! the sentence it belongs to.

use std::ops::Range;

use super::vocab::{APPROXIMATE_AFTER, APPROXIMATE_BEFORE, COUNT_UNITS};

/// A number with its unit, as written in a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Byte range of the digits in the paragraph.
    pub number: Range<usize>,
    /// Byte range of the digits and the unit.
    pub whole: Range<usize>,
    /// The value × 10 000 (so 万元 amounts with four decimals are exact).
    pub scaled: u128,
    /// Decimal places as written (the precision a rounded figure was printed with).
    pub decimals: u32,
    pub unit: &'static str,
    /// Written as an estimate (“80余件”, “近百件”): never compared.
    pub approximate: bool,
    /// Start of the words this figure's clause may use: after the last punctuation or figure.
    pub clause_start: usize,
    /// Index of the sentence (split at 。；！？) in the paragraph.
    pub sentence: usize,
}

/// Punctuation that ends a clause: the words before one cannot describe a figure after it.
/// (A `match`, not `str::contains(char)`: that searches a string for every Chinese character.)
pub fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '。'
            | '；'
            | ';'
            | '：'
            | ':'
            | '！'
            | '!'
            | '？'
            | '?'
            | '、'
            | '（'
            | '）'
            | '('
            | ')'
            | '【'
            | '】'
            | '['
            | ']'
            | '《'
            | '》'
            | '\n'
    )
}

/// Punctuation that ends a sentence: a figure cannot borrow the meaning of one before it.
pub fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n')
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

const UNITS: &[&str] = &["万元", "元", "%", "％"];

/// Every figure of a paragraph, in order.
pub fn find(text: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut clause_start = 0;
    let mut sentence = 0;
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        if ends_sentence(c) {
            sentence += 1;
        }
        if ends_clause(c) {
            clause_start = i + c.len_utf8();
            i += c.len_utf8();
            continue;
        }
        if digit(c).is_none() {
            i += c.len_utf8();
            continue;
        }
        // A number: digits, thousands separators between digits, one decimal point.
        let start = i;
        let mut value: u128 = 0;
        let mut decimals = 0u32;
        let mut in_fraction = false;
        let mut j = i;
        let mut overflow = false;
        while j < text.len() {
            let ch = text[j..].chars().next().unwrap_or(' ');
            if let Some(d) = digit(ch) {
                if in_fraction {
                    decimals += 1;
                }
                value = match value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(u128::from(d)))
                {
                    Some(v) => v,
                    None => {
                        overflow = true;
                        0
                    }
                };
                j += ch.len_utf8();
                continue;
            }
            let next_is_digit = text[j + ch.len_utf8()..]
                .chars()
                .next()
                .and_then(digit)
                .is_some();
            if (ch == '.' || ch == '．') && !in_fraction && next_is_digit {
                in_fraction = true;
                j += ch.len_utf8();
                continue;
            }
            if ch == ',' && !in_fraction && next_is_digit {
                j += 1;
                continue;
            }
            break;
        }
        let number = start..j;
        // The unit, after an estimate word or a space at most.
        let rest = &text[j..];
        let skip_space = rest.len() - rest.trim_start_matches([' ', '\u{3000}']).len();
        let rest = &rest[skip_space..];
        let (approx_after, rest, approx_len) =
            match APPROXIMATE_AFTER.iter().find(|w| rest.starts_with(**w)) {
                Some(w) => (true, &rest[w.len()..], w.len()),
                None => (false, rest, 0),
            };
        let unit = UNITS
            .iter()
            .chain(COUNT_UNITS)
            .find(|u| rest.starts_with(**u))
            .copied();
        i = j;
        let Some(unit) = unit else {
            // A number without a unit (a date, a phone number) ends the clause for the figures
            // after it; a year (“顺延至2025年办理”) is part of the words.
            if !rest.starts_with('年') || approx_after {
                clause_start = j;
            }
            continue;
        };
        let end = j + skip_space + approx_len + unit.len();
        let unit = if unit == "％" { "%" } else { unit };
        let after = &text[end.min(text.len())..];
        let approx_after = approx_after || APPROXIMATE_AFTER.iter().any(|w| after.starts_with(w));
        let before = &text[clause_start..start];
        let approximate = approx_after
            || overflow
            || APPROXIMATE_BEFORE.iter().any(|w| before.ends_with(w))
            || before.ends_with(['数', '几', '十', '百', '千', '万']);
        let scale = 10u128.pow(4u32.saturating_sub(decimals));
        let scaled = if decimals > 4 {
            value / 10u128.pow(decimals - 4)
        } else {
            value.saturating_mul(scale)
        };
        out.push(Figure {
            number,
            whole: start..end.min(text.len()),
            scaled,
            decimals,
            unit,
            approximate,
            clause_start,
            sentence,
        });
        i = end.min(text.len());
        clause_start = i;
    }
    out
}

/// The sentence around a byte offset: from after the previous sentence end to the next one.
pub fn sentence_around(text: &str, at: usize) -> Range<usize> {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| ends_sentence(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| ends_sentence(*c))
        .map_or(text.len(), |(i, _)| at + i);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_numbers_units_and_clauses() {
        let t =
            "全年新收政府信息公开申请78件，上年结转4件；收费8.3620万元，占33.9%，约80件，120余件。";
        let f = find(t);
        let got: Vec<(&str, u128, &str, bool)> = f
            .iter()
            .map(|f| (&t[f.number.clone()], f.scaled, f.unit, f.approximate))
            .collect();
        assert_eq!(
            got,
            [
                ("78", 780_000, "件", false),
                ("4", 40_000, "件", false),
                ("8.3620", 83_620, "万元", false),
                ("33.9", 339_000, "%", false),
                ("80", 800_000, "件", true),
                ("120", 1_200_000, "件", true),
            ]
        );
        assert_eq!(
            &t[f[0].clause_start..f[0].number.start],
            "全年新收政府信息公开申请"
        );
        assert_eq!(&t[f[1].clause_start..f[1].number.start], "上年结转");
        assert_eq!(f[1].sentence, 0);
        assert_eq!(f[2].sentence, 1);
        // Years and dates are not figures and end the clause.
        let t = "顺延至2025年办理104件";
        let f = find(t);
        assert_eq!(f.len(), 1);
        assert_eq!(&t[f[0].clause_start..f[0].number.start], "顺延至2025年办理");
        // Full-width digits and thousands separators.
        let f = find("受理３１１８件，答复3,051件");
        assert_eq!(f[0].scaled, 31_180_000);
        assert_eq!(f[1].scaled, 30_510_000);
    }
}
