//! A walker over TOML's spanned tables that reads typed values and reports, in Chinese with the
//! exact span, every wrong type, missing key and unknown key (with "did you mean").
//!
//! We walk `toml::de::DeTable` ourselves instead of deriving serde structs because serde's errors are
//! English sentences we could only translate by matching their text.

use std::fmt;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Code, Diagnostic};
use crate::model::report::{forbidden_char, is_noncharacter};
use crate::model::{Amount, Count, Date, MAX_COUNT, Signed, Text};
use crate::source::{Source, Span};

pub type Value<'i> = Spanned<DeValue<'i>>;

/// Collects the diagnostics of one file while its tables are read.
pub struct Ctx {
    pub source: Arc<Source>,
    pub diags: Vec<Diagnostic>,
    /// A required key is absent (reported as a misspelling of it): the tables are not complete.
    pub incomplete: bool,
}

/// One TOML table being read: remembers which keys were asked for, to report the rest as unknown.
pub struct Tbl<'t, 'i> {
    /// Dotted path for messages, e.g. `part3.denied`; empty for the root.
    pub path: String,
    pub table: &'t DeTable<'i>,
    /// The table's header (or whole file, for the root), where "missing key" errors point.
    pub span: Span,
    known: Vec<&'static str>,
}

impl<'t, 'i> Tbl<'t, 'i> {
    pub fn new(path: impl Into<String>, table: &'t DeTable<'i>, span: Span) -> Self {
        Tbl {
            path: path.into(),
            table,
            span,
            known: Vec::new(),
        }
    }

    /// The value at `key`, marking the key as known.
    pub fn get(&mut self, key: &'static str) -> Option<&'t Value<'i>> {
        self.known.push(key);
        self.table.get(key)
    }

    /// The key's full dotted name, as the user would search for it in the file.
    pub fn key_name(&self, key: &str) -> String {
        self.dotted(key).to_string()
    }

    /// [`key_name`](Self::key_name) as something to format into a message: written out only when a
    /// message is (most values are read without one).
    pub fn dotted<'a>(&'a self, key: &'a str) -> Dotted<'a> {
        Dotted {
            path: &self.path,
            key,
        }
    }

    /// Whether the table has a key not asked for (yet): one [`Ctx::finish`] reports.
    pub fn has_unread_keys(&self) -> bool {
        self.table
            .keys()
            .any(|k| !self.known.contains(&k.get_ref().as_ref()))
    }

    fn header(&self) -> String {
        if self.path.is_empty() {
            "文件顶层".to_string()
        } else {
            format!("[{}]", self.path)
        }
    }
}

/// A key's dotted name (see [`Tbl::dotted`]).
pub struct Dotted<'a> {
    path: &'a str,
    key: &'a str,
}

impl fmt::Display for Dotted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(self.key)
        } else {
            write!(f, "{}.{}", self.path, self.key)
        }
    }
}

impl Ctx {
    pub fn new(source: Arc<Source>) -> Self {
        Ctx {
            source,
            diags: Vec::new(),
            incomplete: false,
        }
    }

    pub fn error(&mut self, code: Code, span: Span, message: String, hint: impl Into<String>) {
        let d = Diagnostic::error(code, message)
            .at(&self.source, span)
            .hint(hint);
        self.diags.push(d);
    }

    /// Reports a required key that is absent, pointing at the table that should hold it.
    pub fn missing(&mut self, tbl: &Tbl, key: &str, what: &str, example: &str) {
        // A misspelt key is reported once, as unknown with "did you mean", not also as missing.
        if tbl.table.keys().any(|k| near_miss(key, k.get_ref())) {
            self.incomplete = true;
            return;
        }
        let span = if tbl.path.is_empty() {
            0..0
        } else {
            tbl.span.clone()
        };
        self.error(
            Code::MissingKey,
            span,
            format!("{} 缺少 `{key}`（{what}）", tbl.header()),
            format!("在 {} 下添加一行：{key} = {example}", tbl.header()),
        );
    }

    /// Reports every key of `tbl` that was not asked for.
    pub fn finish(&mut self, tbl: Tbl) {
        self.finish_with_foreign(tbl, &[], "");
    }

    /// Like [`Ctx::finish`]; `foreign` lists keys that exist only in the other format version
    /// (named `other_format`), for a precise message.
    pub fn finish_with_foreign(&mut self, tbl: Tbl, foreign: &[&str], other_format: &str) {
        for (key, value) in tbl.table.iter() {
            let name = key.get_ref().as_ref();
            if tbl.known.contains(&name) {
                continue;
            }
            let full = tbl.key_name(name);
            if foreign.contains(&name) {
                self.error(
                    Code::WrongFormatKey,
                    key.span(),
                    format!("`{full}` 是 {other_format} 格式才有的栏目，本报告不是该格式"),
                    format!("删除这一行，或把文件开头的 format 改为 \"{other_format}\""),
                );
                continue;
            }
            let _ = value;
            let best = tbl
                .known
                .iter()
                .filter(|k| near_miss(k, name))
                .min_by_key(|k| strsim::damerau_levenshtein(k, name));
            let hint = match best {
                Some(k) => format!("是否想写 `{}`？", tbl.key_name(k)),
                None => format!(
                    "{} 下可用的键：{}",
                    tbl.header(),
                    tbl.known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            };
            self.error(
                Code::UnknownKey,
                key.span(),
                format!("未知的键 `{full}`"),
                hint,
            );
        }
    }

    /// A sub-table; reports a wrong type. `None` when absent or wrong.
    pub fn table<'t, 'i>(
        &mut self,
        tbl: &mut Tbl<'t, 'i>,
        key: &'static str,
    ) -> Option<Tbl<'t, 'i>> {
        let v = tbl.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some(Tbl::new(tbl.key_name(key), t, v.span())),
            other => {
                self.type_error(
                    v.span(),
                    &tbl.key_name(key),
                    "表（[...] 或 { ... }）",
                    other,
                );
                None
            }
        }
    }

    pub fn type_error(&mut self, span: Span, name: &str, expected: &str, found: &DeValue) {
        self.error(
            Code::WrongType,
            span,
            format!("`{name}` 应为{expected}，这里是{}", type_name(found)),
            format!("改为{expected}"),
        );
    }

    /// A string; checks for control characters.
    pub fn text(&mut self, tbl: &mut Tbl, key: &'static str) -> Option<Text> {
        let v = tbl.get(key)?;
        let DeValue::String(s) = v.get_ref() else {
            self.type_error(
                v.span(),
                &tbl.key_name(key),
                "文字（用引号括起）",
                v.get_ref(),
            );
            return None;
        };
        // One pass says whether anything is wrong (nearly never); then which message.
        if !s.chars().any(forbidden_char) {
            return Some(Text::new(s.as_ref(), Some(v.span())));
        }
        if let Some(c) = s
            .chars()
            .find(|c| c.is_control() && *c != '\n' && *c != '\r')
        {
            self.error(
                Code::ControlCharacter,
                v.span(),
                format!("`{}` 含有控制字符 U+{:04X}", tbl.key_name(key), c as u32),
                "删除这个不可见字符（常见于从其他文档复制的文字）；换行请直接回车",
            );
            return None;
        }
        // Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0…): no font has them and XML cannot carry
        // them, so neither the PDF nor the DOCX could show them.
        if let Some(c) = s.chars().find(|&c| is_noncharacter(c)) {
            self.error(
                Code::Noncharacter,
                v.span(),
                format!(
                    "`{}` 含有不可用的字符 U+{:04X}（不是文字，任何文档都无法显示）",
                    tbl.key_name(key),
                    c as u32
                ),
                "删除这个不可见字符（常见于从其他文档复制的文字或损坏的文件）",
            );
            return None;
        }
        Some(Text::new(s.as_ref(), Some(v.span())))
    }

    /// A non-negative whole number (件).
    pub fn count(&mut self, v: &Value, name: impl fmt::Display) -> Option<Count> {
        // `integer` refuses a number beyond the limit with its own message.
        let n = self.integer(v, name, true)?;
        Count::given(n as u64, v.span())
    }

    /// A whole number that may be negative (2019's 本年增/减).
    pub fn signed(&mut self, v: &Value, name: impl fmt::Display) -> Option<Signed> {
        let n = self.integer(v, name, false)?;
        Signed::new(n, Some(v.span()))
    }

    fn integer(&mut self, v: &Value, name: impl fmt::Display, non_negative: bool) -> Option<i64> {
        let what = if non_negative {
            "不小于 0 的整数"
        } else {
            "整数"
        };
        let span = v.span();
        match v.get_ref() {
            DeValue::Integer(i) => {
                let parsed = i64::from_str_radix(i.as_str(), i.radix()).ok();
                match parsed {
                    Some(n) if non_negative && n < 0 => {
                        self.error(
                            Code::Negative,
                            span,
                            format!("`{name}` 为 {n}，件数不能为负数"),
                            "填写实际件数；没有的填 0",
                        );
                        None
                    }
                    Some(n) if n.unsigned_abs() > MAX_COUNT => {
                        self.error(
                            Code::TooLarge,
                            span,
                            format!("`{name}` 为 {n}，数值过大（上限 {MAX_COUNT}）"),
                            "核对是否多打了数字",
                        );
                        None
                    }
                    Some(n) => Some(n),
                    None => {
                        self.error(
                            Code::TooLarge,
                            span,
                            format!("`{name}` 数值过大（上限 {MAX_COUNT}）"),
                            "核对是否多打了数字",
                        );
                        None
                    }
                }
            }
            DeValue::Float(f) => {
                self.error(
                    Code::NotInteger,
                    span,
                    format!("`{name}` 为 {}，件数必须是整数", f.as_str()),
                    format!("改为{what}"),
                );
                None
            }
            DeValue::String(s) if s.trim().is_empty() => {
                self.error(
                    Code::BlankNumber,
                    span,
                    format!("`{name}` 是空白"),
                    "没有的请填 0（空白是常见的填报缺陷）",
                );
                None
            }
            DeValue::String(s) if s.trim().parse::<i64>().is_ok() => {
                self.error(
                    Code::WrongType,
                    span,
                    format!("`{name}` 写成了文字 \"{s}\"，应为数字"),
                    format!("去掉引号：{}", s.trim()),
                );
                None
            }
            other => {
                self.type_error(span, &name.to_string(), what, other);
                None
            }
        }
    }

    /// An amount in 万元: an integer or a decimal with at most four places.
    pub fn amount(&mut self, v: &Value, name: impl fmt::Display) -> Option<Amount> {
        let span = v.span();
        let text = match v.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => i.as_str().to_string(),
            DeValue::Float(f) => f.as_str().to_string(),
            other => {
                self.type_error(span, &name.to_string(), "金额（万元，如 12.5）", other);
                return None;
            }
        };
        if text.starts_with('-') {
            self.error(
                Code::Negative,
                span,
                format!("`{name}` 为 {text}，金额不能为负数"),
                "填写实际金额；没有的填 0",
            );
            return None;
        }
        match Amount::parse(text.trim_start_matches('+')) {
            Some((v, decimals)) if v / 10_000 <= MAX_COUNT => Amount::new(v, decimals, Some(span)),
            Some(_) => {
                self.error(
                    Code::TooLarge,
                    span,
                    format!("`{name}` 数值过大"),
                    "核对单位：这里以万元计",
                );
                None
            }
            None => {
                self.error(
                    Code::BadAmount,
                    span,
                    format!("`{name}` 为 {text}，金额最多保留 4 位小数，且不用科学计数法"),
                    "例如写 12.3456（万元）",
                );
                None
            }
        }
    }

    /// An array of exactly `n` values, or `n - 1` when the last (a total) may be left out.
    pub fn array<'t, 'i>(
        &mut self,
        tbl: &mut Tbl<'t, 'i>,
        key: &'static str,
        columns: &[&str],
        total_optional: bool,
    ) -> Option<(&'t [Value<'i>], Span)> {
        let v = tbl.get(key)?;
        let name = tbl.dotted(key);
        let DeValue::Array(items) = v.get_ref() else {
            let expected = format!(
                "由 {} 个数组成的数组 [{}]",
                columns.len(),
                columns.join(", ")
            );
            self.type_error(v.span(), &name.to_string(), &expected, v.get_ref());
            return None;
        };
        let n = columns.len();
        let ok = items.len() == n || (total_optional && items.len() == n - 1);
        if !ok {
            let expected = if total_optional {
                format!("{n} 个数（或省略最后的{}，由工具计算）", columns[n - 1])
            } else {
                format!("{n} 个数")
            };
            self.error(
                Code::WrongLength,
                v.span(),
                format!("`{name}` 有 {} 个数，应为 {expected}", items.len()),
                format!("按顺序填写：{}", columns.join("、")),
            );
            return None;
        }
        Some((items, v.span()))
    }

    /// A date: a TOML date (2025-01-20) or the same as a string.
    pub fn date(&mut self, tbl: &mut Tbl, key: &'static str) -> Option<Date> {
        let v = tbl.get(key)?;
        let name = tbl.key_name(key);
        let parsed = match v.get_ref() {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                dt.date.and_then(|d| Date::new(d.year, d.month, d.day))
            }
            DeValue::String(s) => parse_date(s),
            _ => None,
        };
        if parsed.is_none() {
            self.error(
                Code::BadDate,
                v.span(),
                format!("`{name}` 不是有效日期"),
                format!("按 年-月-日 填写，例如 {key} = 2025-01-20"),
            );
        }
        parsed
    }
}

/// Whether `typed` is probably a misspelling of `key` (and not the key itself).
fn near_miss(key: &str, typed: &str) -> bool {
    key != typed && strsim::damerau_levenshtein(key, typed) <= 2.max(key.len() / 4)
}

fn parse_date(s: &str) -> Option<Date> {
    let mut it = s.trim().split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    if it.next().is_some() {
        return None;
    }
    Date::new(y, m, d)
}

fn type_name(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "文字",
        DeValue::Integer(_) => "整数",
        DeValue::Float(_) => "小数",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "日期",
        DeValue::Array(_) => "数组",
        DeValue::Table(_) => "表",
    }
}
