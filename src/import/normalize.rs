//! Text clean-up shared by every source: labels reduced to a comparable key, prose punctuation
//! made full-width, and table cells read as numbers the way real reports type them.

/// Full-width ASCII forms (！…～) and the ideographic space as their ASCII counterparts.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

/// Whether a character is a CJK ideograph or CJK punctuation (decides half/full-width commas).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}'
        | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}')
}

/// A label reduced to what identifies it: no enumerator (一、 （一） 1. 1、 (1)), no filling
/// notes in parentheses, no spaces, quotes or trailing colons, full-width forms as ASCII.
pub fn label_key(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’'))
        .collect();
    let rest = strip_enumerator(&flat);
    // Filling notes: every parenthesised part after the start ("部分公开（区分处理的……）"), but not
    // a numeral in parentheses ("第二十条第（一）项").
    let mut out = String::new();
    let mut rest = rest;
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find(')').unwrap_or(after.len());
        let inner = &after[..close];
        if !inner.is_empty() && chinese_value(inner).is_some() {
            out.push('(');
            out.push_str(inner);
            out.push(')');
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out.trim_end_matches([':', '.', ',', '。', '、'])
        .to_string()
}

/// The text after a leading enumerator: "一、" "(一)" "1." "1、" "(1)" "第一，" (on half-width text).
fn strip_enumerator(s: &str) -> &str {
    const NUMERALS: &str = "一二三四五六七八九十";
    let numeral = |c: char| NUMERALS.contains(c) || c.is_ascii_digit();
    if let Some(rest) = s.strip_prefix('(') {
        if let Some(end) = rest.find(')')
            && end > 0
            && rest[..end].chars().all(numeral)
        {
            return &rest[end + 1..];
        }
        return s;
    }
    let digits = s.chars().take_while(|c| numeral(*c)).count();
    if digits > 0 {
        let after: String = s.chars().skip(digits).take(1).collect();
        if matches!(after.as_str(), "、" | "." | "," | "．") {
            let bytes: usize = s.chars().take(digits + 1).map(char::len_utf8).sum();
            return &s[bytes..];
        }
    }
    s
}

/// The enumerator of a section paragraph "（一）…" / "(一)…": its number and the rest.
pub fn section_number(text: &str) -> Option<(usize, &str)> {
    let rest = text.strip_prefix('（').or_else(|| text.strip_prefix('('))?;
    let end = rest.find(['）', ')'])?;
    let n = chinese_value(&rest[..end])?;
    let close = rest[end..].chars().next()?.len_utf8();
    Some((n, rest[end + close..].trim_start()))
}

/// "一" … "九十九" as a number.
pub fn chinese_value(s: &str) -> Option<usize> {
    const DIGITS: &str = "一二三四五六七八九";
    let digit = |c: char| DIGITS.chars().position(|d| d == c).map(|i| i + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] if *d == '十' => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// Prose as the model keeps it: trimmed, spaces between Chinese characters dropped, and ASCII
/// punctuation typed in Chinese text made full-width (",", ";", ":", "?", "!", "( )").
pub fn prose(text: &str) -> String {
    let chars: Vec<char> = text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let mut out = String::with_capacity(text.len());
    let cjk_near = |i: usize| {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        before.is_some_and(is_cjk) || after.is_some_and(is_cjk)
    };
    let mut open_parens = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let full = match c {
            ',' if cjk_near(i) => '，',
            ';' if cjk_near(i) => '；',
            ':' if cjk_near(i) && !chars.get(i + 1).is_some_and(char::is_ascii_digit) => '：',
            '?' if cjk_near(i) => '？',
            '!' if cjk_near(i) => '！',
            '(' => {
                open_parens.push(out.len());
                '('
            }
            ')' => {
                // A pair around Chinese text becomes （ ）.
                if let Some(at) = open_parens.pop()
                    && out[at..].chars().any(is_cjk)
                {
                    out.replace_range(at..at + 1, "（");
                    out.push('）');
                    continue;
                }
                ')'
            }
            ' ' | '\u{3000}' | '\u{00A0}' | '\t' => {
                let before = out.chars().last();
                let after = chars.get(i + 1).copied();
                if before.is_some_and(is_cjk) || after.is_some_and(is_cjk) || before == Some(' ') {
                    continue;
                }
                ' '
            }
            c => c,
        };
        out.push(full);
    }
    out
}

/// What a table cell holds once read as a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell (or only a dash, which reports use for "none").
    Blank { dash: bool },
    /// A number exactly as written, and the unit typed after it.
    Number { value: Decimal, unit: Unit },
    /// Anything else.
    Text,
}

/// A unit typed after a number in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// None, or a counting word (件, 项, 个, 条, 次, 人次, 家).
    Plain,
    /// 万 (a count in ten-thousands, or 万元 in a money column).
    Wan,
    /// 万元, the tables' unit for money.
    WanYuan,
    /// 元 (the tables want 万元).
    Yuan,
}

/// A decimal number held exactly as written: `mantissa` × 10^-`places` ("8.3620" is 83620 and
/// 4 places), so that no unit conversion loses or invents a digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    pub negative: bool,
    pub mantissa: u64,
    /// Digits after the point; negative once scaled up (1.2 × 10^4 is 12 and -3 places).
    pub places: i32,
}

impl Decimal {
    /// "12", "-3", "8.3620" (ASCII digits, at most one point, 18 digits).
    fn parse(text: &str) -> Option<Decimal> {
        let (negative, body) = match text.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits(int) || !digits(frac) || body.ends_with('.') {
            return None;
        }
        if int.len() + frac.len() > 18 {
            return None;
        }
        Some(Decimal {
            negative,
            mantissa: format!("{int}{frac}").parse().ok()?,
            places: frac.len() as i32,
        })
    }

    /// The number × 10^`power`, still exact.
    pub fn scaled(self, power: i32) -> Decimal {
        Decimal {
            places: self.places - power,
            ..self
        }
    }

    /// The number as a whole number, when it is one ("12.0" is 12; "12.5" is not).
    pub fn whole(self) -> Option<i64> {
        let m = i64::try_from(self.mantissa).ok()?;
        let v = if self.places <= 0 {
            m.checked_mul(10i64.checked_pow(self.places.unsigned_abs())?)?
        } else {
            let d = 10i64.checked_pow(self.places as u32)?;
            (m % d == 0).then_some(m / d)?
        };
        Some(if self.negative { -v } else { v })
    }

    /// The number as ten-thousandths and the decimal places to print (as written, at most four;
    /// zeros beyond the fourth dropped), when it is not negative and fits four places exactly.
    pub fn ten_thousandths(self) -> Option<(u64, u8)> {
        if self.negative && self.mantissa != 0 {
            return None;
        }
        let shift = 4 - self.places;
        let tt = if shift >= 0 {
            self.mantissa
                .checked_mul(10u64.checked_pow(shift as u32)?)?
        } else {
            let d = 10u64.checked_pow(shift.unsigned_abs())?;
            self.mantissa
                .is_multiple_of(d)
                .then_some(self.mantissa / d)?
        };
        Some((tt, self.places.clamp(0, 4) as u8))
    }
}

/// Reads a cell: full-width digits and points, thousands separators (1,234 and 1，234, groups of
/// three), a unit typed after the number (件, 项, 个, 条, 次, 人次, 家, 万, 万元, 元), a sign.
/// Anything else is [`Cell::Text`], never a guess.
pub fn cell_number(text: &str) -> Cell {
    let t: String = text
        .chars()
        .map(half_width)
        .map(|c| if matches!(c, '−' | '－') { '-' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return Cell::Blank { dash: false };
    }
    if matches!(t.as_str(), "-" | "—" | "——" | "/" | "无" | "--") {
        return Cell::Blank { dash: true };
    }
    let mut body = t.as_str();
    let mut unit = Unit::Plain;
    // Longest first: 人次 before 次, 万元 before 元 and 万.
    for (word, u) in [
        ("万元", Unit::WanYuan),
        ("人次", Unit::Plain),
        ("元", Unit::Yuan),
        ("万", Unit::Wan),
        ("件", Unit::Plain),
        ("项", Unit::Plain),
        ("个", Unit::Plain),
        ("条", Unit::Plain),
        ("次", Unit::Plain),
        ("家", Unit::Plain),
    ] {
        if let Some(b) = body.strip_suffix(word) {
            unit = u;
            body = b;
            break;
        }
    }
    // "1.2万件": a counting word after 万.
    if unit == Unit::Plain
        && let Some(b) = body.strip_suffix('万')
    {
        unit = Unit::Wan;
        body = b;
    }
    match without_separators(body).as_deref().and_then(Decimal::parse) {
        Some(value) => Cell::Number { value, unit },
        None => Cell::Text,
    }
}

/// "1,234,567.5" → "1234567.5": commas only between groups of three digits before the point.
fn without_separators(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_string());
    }
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let unsigned = int.trim_start_matches(['-', '+']);
    let mut groups = unsigned.split(',');
    let first = groups.next()?;
    let ok = (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    if !ok || frac.is_some_and(|f| f.contains(',')) {
        return None;
    }
    let mut out = int.replace(',', "");
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_compare_without_numbering_notes_and_width() {
        assert_eq!(
            label_key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "部分公开"
        );
        assert_eq!(label_key("(二)部分公开"), "部分公开");
        assert_eq!(label_key("1、属于国家秘密"), "属于国家秘密");
        assert_eq!(label_key("1．属于 国家秘密"), "属于国家秘密");
        assert_eq!(label_key("第二十条 第（一）项"), "第二十条第(一)项");
        assert_eq!(label_key("第二十条第(一)项"), "第二十条第(一)项");
        assert_eq!(label_key("3.危及“三安全一稳定”"), "危及三安全一稳定");
        assert_eq!(label_key("本年收费金额（单位：万元）"), "本年收费金额");
        assert_eq!(label_key("商业 企业"), "商业企业");
        assert_eq!(
            label_key("一、本年新收政府信息公开申请数量"),
            "本年新收政府信息公开申请数量"
        );
    }

    #[test]
    fn cells_read_as_reports_type_them() {
        // (text, exact value as mantissa and places, unit)
        let n = |t: &str| match cell_number(t) {
            Cell::Number { value, unit } => {
                let sign = if value.negative { "-" } else { "" };
                Some((format!("{sign}{}e-{}", value.mantissa, value.places), unit))
            }
            _ => None,
        };
        let some = |v: &str, u| Some((v.to_string(), u));
        assert_eq!(n("282"), some("282e-0", Unit::Plain));
        assert_eq!(n("１２"), some("12e-0", Unit::Plain));
        assert_eq!(n("１２３．５"), some("1235e-1", Unit::Plain));
        assert_eq!(n("1,234"), some("1234e-0", Unit::Plain));
        assert_eq!(n("1，234，567"), some("1234567e-0", Unit::Plain));
        assert_eq!(n("83620元"), some("83620e-0", Unit::Yuan));
        assert_eq!(n("８３６２０元"), some("83620e-0", Unit::Yuan));
        assert_eq!(n("8.3620万元"), some("83620e-4", Unit::WanYuan));
        assert_eq!(n("3.5万元"), some("35e-1", Unit::WanYuan));
        assert_eq!(n("1.2万件"), some("12e-1", Unit::Wan));
        assert_eq!(n("1.2万"), some("12e-1", Unit::Wan));
        assert_eq!(n(" 15 件"), some("15e-0", Unit::Plain));
        assert_eq!(n("15人次"), some("15e-0", Unit::Plain));
        assert_eq!(n("-2"), some("-2e-0", Unit::Plain));
        assert_eq!(n("－2"), some("-2e-0", Unit::Plain));
        assert_eq!(cell_number(""), Cell::Blank { dash: false });
        assert_eq!(cell_number("—"), Cell::Blank { dash: true });
        for text in [
            "不详",
            "1.2.3",
            "1,23",
            "12,3456",
            "1,234.5,6",
            "12.",
            "约5",
            "5元整",
        ] {
            assert_eq!(cell_number(text), Cell::Text, "{text}");
        }
    }

    #[test]
    fn decimals_convert_exactly() {
        let d = |t: &str| Decimal::parse(t).unwrap();
        // 83620元 in 万元: 8.3620, four places (exact to the 元).
        assert_eq!(d("83620").scaled(-4).ten_thousandths(), Some((83620, 4)));
        assert_eq!(d("251000").scaled(-4).ten_thousandths(), Some((251_000, 4)));
        assert_eq!(d("83620.00").scaled(-4).ten_thousandths(), Some((83620, 4)));
        // 0.5元 is not a whole ten-thousandth of a 万元.
        assert_eq!(d("83620.5").scaled(-4).ten_thousandths(), None);
        assert_eq!(d("8.3620").ten_thousandths(), Some((83620, 4)));
        assert_eq!(d("8.362").ten_thousandths(), Some((83620, 3)));
        assert_eq!(d("12").ten_thousandths(), Some((120_000, 0)));
        assert_eq!(d("-1").ten_thousandths(), None);
        assert_eq!(d("1.2").scaled(4).whole(), Some(12000));
        assert_eq!(d("12.0").whole(), Some(12));
        assert_eq!(d("12.5").whole(), None);
        assert_eq!(d("-3").whole(), Some(-3));
    }

    #[test]
    fn prose_gets_full_width_punctuation() {
        assert_eq!(
            prose("2024年,兴安区(区政府)严格执行;确保:公开"),
            "2024年，兴安区（区政府）严格执行；确保：公开"
        );
        assert_eq!(prose("共 1,000 条 (PDF)"), "共1,000条(PDF)");
        assert_eq!(section_number("(一)依托标准化"), Some((1, "依托标准化")));
        assert_eq!(section_number("（十二）标题"), Some((12, "标题")));
        assert_eq!(section_number("（1）标题"), None);
    }
}
