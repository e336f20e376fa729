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

/// What a table cell holds once read as a number of its kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell (or only a dash, which reports use for "none").
    Blank { dash: bool },
    /// A number; `yuan` when the cell said 元 (the table wants 万元).
    Number {
        value: f64,
        text: String,
        yuan: bool,
    },
    /// Anything else.
    Text,
}

/// Reads a cell: full-width digits, thousands separators, a unit typed after the number (件,
/// 项, 个, 条, 次, 万元, 元), a sign.
pub fn cell_number(text: &str) -> Cell {
    let t: String = text
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return Cell::Blank { dash: false };
    }
    if matches!(
        t.as_str(),
        "-" | "—" | "——" | "－" | "/" | "无" | "－－" | "--"
    ) {
        return Cell::Blank { dash: true };
    }
    let mut body = t.as_str();
    let mut yuan = false;
    for unit in ["万元", "元", "件", "项", "个", "条", "次", "人次", "家"] {
        if let Some(b) = body.strip_suffix(unit) {
            yuan = unit == "元";
            body = b;
            break;
        }
    }
    let body = body.replace('−', "-");
    let digits: String = body
        .char_indices()
        .filter(|&(i, c)| {
            // A comma between digits groups thousands.
            !(c == ',' && i > 0 && body[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        })
        .map(|(_, c)| c)
        .collect();
    let plain = digits.strip_prefix('+').unwrap_or(&digits);
    let numeric = {
        let unsigned = plain.strip_prefix('-').unwrap_or(plain);
        !unsigned.is_empty()
            && unsigned.chars().all(|c| c.is_ascii_digit() || c == '.')
            && unsigned.starts_with(|c: char| c.is_ascii_digit())
            && unsigned.matches('.').count() <= 1
            && !unsigned.ends_with('.')
    };
    match plain.parse::<f64>() {
        Ok(value) if numeric => Cell::Number {
            value,
            text: plain.to_string(),
            yuan,
        },
        _ => Cell::Text,
    }
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
        let n = |t: &str| match cell_number(t) {
            Cell::Number { value, yuan, .. } => Some((value, yuan)),
            _ => None,
        };
        assert_eq!(n("282"), Some((282.0, false)));
        assert_eq!(n("１２"), Some((12.0, false)));
        assert_eq!(n("1,234"), Some((1234.0, false)));
        assert_eq!(n("251000元"), Some((251000.0, true)));
        assert_eq!(n("3.5万元"), Some((3.5, false)));
        assert_eq!(n(" 15 件"), Some((15.0, false)));
        assert_eq!(n("-2"), Some((-2.0, false)));
        assert_eq!(cell_number(""), Cell::Blank { dash: false });
        assert_eq!(cell_number("—"), Cell::Blank { dash: true });
        assert_eq!(cell_number("不详"), Cell::Text);
        assert_eq!(cell_number("1.2.3"), Cell::Text);
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
