//! TOML → [`Report`]: the only module that knows the file format.
//!
//! Every problem in the file is collected (not just the first) and returned as diagnostics with
//! spans; a report is returned only when there were no errors.

pub mod parts;
pub mod reader;
mod syntax;

use std::path::Path;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use crate::diag::{Code, Diagnostic};
use crate::model::{
    Body, Broken, Date, FontChoices, Format, KeySpans, Period, Report, ReportParts, Section, Text,
    YEARS,
};
use crate::source::{MAX_TEXT_FILE, ReadError, Source, read_limited};
use crate::tables::labels as l;
use reader::{Ctx, Tbl};

/// Reads and parses a report file. I/O and encoding problems are diagnostics too.
pub fn load(path: &Path) -> Result<Report, Vec<Diagnostic>> {
    let source = read_source(path).map_err(|d| vec![d])?;
    parse(Arc::new(source))
}

/// Reads and parses a report named inside another one (`previous`). Such a path can name any file
/// on the machine: unless it ends in `.toml`, a file that is not a report is refused without
/// quoting a line of it.
pub fn load_linked(path: &Path) -> Result<Report, Vec<Diagnostic>> {
    let echo = is_toml_name(path);
    let source = read_source_as(path, echo).map_err(|d| vec![d])?;
    parse(Arc::new(source)).map_err(|d| if echo { d } else { vec![not_toml(path)] })
}

fn is_toml_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// A linked file that is not a `.toml` file and does not parse: said without quoting it.
fn not_toml(path: &Path) -> Diagnostic {
    Diagnostic::error(
        Code::NotToml,
        format!(
            "{} 不是可用的 TOML 文件（文件名不以 .toml 结尾，内容不予显示）",
            path.display()
        ),
    )
    .file(path)
    .hint("检查路径是否指向正确的文件；报告和样式文件都是 .toml 文件")
}

/// Reads a file as UTF-8 text (a leading byte-order mark, as Notepad writes, is dropped). Only
/// regular files of at most [`MAX_TEXT_FILE`] bytes are read.
pub fn read_source(path: &Path) -> Result<Source, Diagnostic> {
    read_source_as(path, true)
}

fn read_source_as(path: &Path, echo: bool) -> Result<Source, Diagnostic> {
    let bytes = read_limited(path, MAX_TEXT_FILE).map_err(|e| unreadable(path, &e))?;
    let source = decode(path, bytes).map_err(|(text, at)| {
        let mut source = Source::new(path, text);
        if !echo {
            source = source.without_echo();
        }
        // The byte offset is the same in the text with U+FFFD in place of the bad bytes.
        Diagnostic::error(
            Code::Encoding,
            format!(
                "文件 {} 不是 UTF-8 编码（从标出的位置起无法解码）",
                path.display()
            ),
        )
        .at(&Arc::new(source), at..at + '\u{FFFD}'.len_utf8())
        .hint("用记事本或 WPS 打开后“另存为”，编码选择 UTF-8")
    })?;
    Ok(if echo { source } else { source.without_echo() })
}

/// The file as text, or (the text with U+FFFD for undecodable bytes, the first bad byte's offset).
fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<Source, (String, usize)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(path, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err((String::from_utf8_lossy(e.as_bytes()).into_owned(), at))
        }
    }
}

/// The diagnostic for a file that could not be read.
pub fn unreadable(path: &Path, e: &ReadError) -> Diagnostic {
    let hint = match e {
        ReadError::NotRegular(_) => "给出文件本身的路径；不能从管道、设备或文件夹读取",
        ReadError::TooLarge { .. } => "检查是否选错了文件：报告和样式文件通常只有几十 KB",
        ReadError::Io(_) => "检查文件路径是否正确、文件是否存在且可读",
    };
    Diagnostic::error(
        Code::Io,
        format!("无法读取文件 {}：{}", path.display(), e.reason()),
    )
    .file(path)
    .hint(hint)
}

pub use crate::source::io_reason;

/// The file's TOML tree with spans, or every syntax error in it.
fn toml_tree(source: &Arc<Source>) -> Result<toml::Spanned<DeTable<'_>>, Vec<Diagnostic>> {
    let (root, errors) = DeTable::parse_recoverable(source.text());
    if errors.is_empty() {
        Ok(root)
    } else {
        let mut diags: Vec<Diagnostic> = errors
            .iter()
            .map(|e| syntax::diagnostic(source, e))
            .collect();
        // One line typed with full-width digits gives the parser several errors: say it once.
        diags.dedup_by(|a, b| {
            a.message == b.message
                && a.location
                    .as_ref()
                    .map(|l| l.source.line_col(l.span.start).0)
                    == b.location
                        .as_ref()
                        .map(|l| l.source.line_col(l.span.start).0)
        });
        Err(diags)
    }
}

/// Parses report text into the model.
pub fn parse(source: Arc<Source>) -> Result<Report, Vec<Diagnostic>> {
    let root = toml_tree(&source)?;
    let mut cx = Ctx::new(Arc::clone(&source));
    let report = build(&mut cx, root.get_ref(), &source);
    match report {
        Some(r) if !cx.diags.iter().any(Diagnostic::is_error) => Ok(r),
        _ => Err(cx.diags),
    }
}

/// Reads a report for `check`: like [`load`], but a report whose only errors are unknown keys is
/// returned with them, so that the table rules are reported in the same run (an unknown key
/// changes no number). A misspelt required key leaves a table incomplete: no report then.
pub fn load_all(path: &Path) -> (Option<Report>, Vec<Diagnostic>) {
    let source = match read_source(path) {
        Ok(s) => Arc::new(s),
        Err(d) => return (None, vec![d]),
    };
    let root = match toml_tree(&source) {
        Ok(r) => r,
        Err(d) => return (None, d),
    };
    let mut cx = Ctx::new(Arc::clone(&source));
    let report = build(&mut cx, root.get_ref(), &source);
    let only_unknown = !cx.incomplete
        && cx
            .diags
            .iter()
            .all(|d| !d.is_error() || d.code == Code::UnknownKey);
    (report.filter(|_| only_unknown), cx.diags)
}

fn build(cx: &mut Ctx, root: &DeTable, source: &Arc<Source>) -> Option<Report> {
    let mut top = Tbl::new("", root, 0..source.text().len());
    let format = read_format(cx, &mut top);
    let year = read_year(cx, &mut top);
    let agency = required_text(cx, &mut top, "agency", "发布机关", "\"某某区人民政府\"");
    let title = cx.text(&mut top, "title");
    let date = cx.date(&mut top, "date");
    let signature = nonempty(cx, &mut top, "signature");
    let previous = cx.text(&mut top, "previous").map(|t| {
        let base = source.path().parent().unwrap_or(Path::new("."));
        (base.join(&t.text), t.span.unwrap_or_default())
    });
    let preamble = cx
        .text(&mut top, "preamble")
        .map(|t| paragraphs(&t))
        .unwrap_or_default();
    let period = read_period(cx, &mut top, year);
    let fonts = read_fonts(cx, &mut top);
    let check_ignore = read_check(cx, &mut top);

    let part1 = read_text_part(cx, &mut top, "part1", 0);
    let parts::Parts {
        part2: (part2, part2_text),
        part3: (part3, part3_text),
        part4: (part4, part4_text),
    } = parts::read(cx, &mut top, format);
    let part5 = read_text_part(cx, &mut top, "part5", 4);
    let part6 = read_text_part(cx, &mut top, "part6", 5);
    cx.finish(top);

    let agency = agency?;
    let year = year?;
    let title = match title {
        Some(t) if t.text.trim().is_empty() => {
            cx.error(
                Code::EmptyTitle,
                t.span.clone().unwrap_or_default(),
                "标题是空的".into(),
                format!(
                    "填写标题，或删除 title 这一行，使用默认标题“{}”",
                    l::default_title(&agency.text, year)
                ),
            );
            return None;
        }
        Some(t) => t,
        None => Text::new(l::default_title(&agency.text, year), None),
    };
    let parts = ReportParts {
        source: Arc::clone(source),
        format,
        year,
        agency,
        title,
        period: period?,
        signature,
        date,
        previous,
        preamble,
        part1: part1?,
        part2,
        part2_text,
        part3,
        part3_text,
        part4,
        part4_text,
        part5: part5?,
        part6: part6?,
        fonts,
        check_ignore,
        spans: key_spans(root),
    };
    match parts.build() {
        Ok(report) => Some(report),
        // Every promise is checked above with its own message; one that was not (a bug in the
        // reader) still stops the report, with the promise it broke.
        Err(broken) => {
            if !cx.diags.iter().any(Diagnostic::is_error) {
                let code = match broken {
                    Broken::Shape(_) => Code::WrongFormatKey,
                    Broken::Year(_) => Code::BadYear,
                    Broken::Period(_) => Code::BadPeriod,
                    Broken::Character(_) => Code::ControlCharacter,
                    Broken::Blank(_) | Broken::Paragraph(_) | Broken::Span(_) => Code::EmptyText,
                };
                let hint = "这是 nianbao 读取文件时的疏漏，请把这个文件发给开发者";
                cx.error(code, 0..0, broken.to_string(), hint);
            }
            None
        }
    }
}

/// Where the top-level values the checks warn about were written.
fn key_spans(root: &DeTable) -> KeySpans {
    let at = |t: &DeTable, key: &str| t.get(key).map(|v| v.span());
    let period = match root.get("period").map(|v| v.get_ref()) {
        Some(DeValue::Table(t)) => Some(t),
        _ => None,
    };
    KeySpans {
        format: at(root, "format"),
        year: at(root, "year"),
        date: at(root, "date"),
        period_start: period.and_then(|t| at(t, "start")),
        period_end: period.and_then(|t| at(t, "end")),
    }
}

/// `[check]`: `ignore = ["…"]`, the quoted prose of findings that are intentional.
fn read_check(cx: &mut Ctx, top: &mut Tbl) -> Vec<Text> {
    let Some(mut t) = cx.table(top, "check") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(v) = t.get("ignore") {
        match v.get_ref() {
            DeValue::Array(items) => {
                for item in items {
                    match item.get_ref() {
                        DeValue::String(s) if !s.trim().is_empty() => {
                            out.push(Text::new(s.trim(), Some(item.span())))
                        }
                        other => cx.type_error(
                            item.span(),
                            "check.ignore 的一项",
                            "正文中的一段文字（如 \"予以公开及部分公开258件\"）",
                            other,
                        ),
                    }
                }
            }
            other => cx.type_error(v.span(), "check.ignore", "文字的数组 [\"…\"]", other),
        }
    }
    cx.finish(t);
    out
}

/// Where a file without `format` has data of the 2019 format's shape (2019 has 上一年项目数量 /
/// 本年增/减 columns, 其他对外管理服务事项, 政府集中采购, and no sub-items under （六）): the span of
/// the first such key and what it shows.
fn shape_2019(top: &Tbl) -> Option<(crate::source::Span, &'static str)> {
    let table = |key: &str| match top.table.get(key).map(|v| v.get_ref()) {
        Some(DeValue::Table(t)) => Some(t),
        _ => None,
    };
    let mut found = Vec::new();
    if let Some(p2) = table("part2") {
        for (k, v) in p2.iter() {
            let key = k.get_ref().as_ref();
            if ["other_services", "procurement"].contains(&key) {
                found.push((k.span(), "第二十条有 2019 格式才有的栏目"));
            } else if ["licensing", "punishment", "coercion", "fees"].contains(&key)
                && v.get_ref().is_array()
            {
                found.push((k.span(), "第二十条的行写成了 2019 格式的多列数组"));
            }
        }
    }
    if let Some((k, v)) = table("part3").and_then(|p3| p3.get_key_value("other"))
        && v.get_ref().is_array()
    {
        found.push((k.span(), "（六）其他处理写成了 2019 格式的一行"));
    }
    found.into_iter().min_by_key(|(span, _)| span.start)
}

fn read_format(cx: &mut Ctx, top: &mut Tbl) -> Format {
    let Some(v) = top.get("format") else {
        // Said once, first, instead of one wrong-type error per 2019-shaped row.
        if let Some((span, what)) = shape_2019(top) {
            cx.error(
                Code::FormatMissing,
                span,
                format!("文件没有写 format，默认按 2021 格式读取，但这里的数据是 2019 格式：{what}"),
                "2019、2020 年度的报告用 2019 格式：在文件开头加一行 format = \"2019\"；若要改用 2021 格式，对照 nianbao init 生成的模板改写这些行",
            );
            return Format::V2019;
        }
        return Format::V2021;
    };
    let parsed = match v.get_ref() {
        DeValue::String(s) => match s.trim() {
            "2021" => Some(Format::V2021),
            "2019" => Some(Format::V2019),
            _ => None,
        },
        DeValue::Integer(i) => match i.as_str() {
            "2021" => Some(Format::V2021),
            "2019" => Some(Format::V2019),
            _ => None,
        },
        _ => None,
    };
    parsed.unwrap_or_else(|| {
        cx.error(
            Code::BadFormat,
            v.span(),
            "`format` 只能是 \"2021\" 或 \"2019\"".into(),
            "2021 年及以后的年报用 \"2021\"（国办公开办函〔2021〕30号）；2019、2020 年的年报用 \"2019\"（国办公开办函〔2019〕60号）",
        );
        Format::V2021
    })
}

fn read_year(cx: &mut Ctx, top: &mut Tbl) -> Option<u16> {
    let Some(v) = top.get("year") else {
        cx.missing(top, "year", "报告年度", "2024");
        return None;
    };
    let n = cx.count(v, "year")?;
    if !u16::try_from(n.value()).is_ok_and(|y| YEARS.contains(&y)) {
        cx.error(
            Code::BadYear,
            v.span(),
            format!("`year` 为 {}，不是合理的报告年度", n.value()),
            "填写报告所统计的年份，例如 2024",
        );
        return None;
    }
    Some(n.value() as u16)
}

fn read_period(cx: &mut Ctx, top: &mut Tbl, year: Option<u16>) -> Option<Period> {
    let year = year.unwrap_or(2000);
    let default = Period {
        start: Date::new(year, 1, 1)?,
        end: Date::new(year, 12, 31)?,
    };
    let Some(mut t) = cx.table(top, "period") else {
        return Some(default);
    };
    let start = cx.date(&mut t, "start").unwrap_or(default.start);
    let end = cx.date(&mut t, "end").unwrap_or(default.end);
    let span = t.span.clone();
    cx.finish(t);
    if start > end {
        cx.error(
            Code::BadPeriod,
            span,
            "统计期限的开始日期晚于结束日期".into(),
            "检查 period 的 start 和 end",
        );
    }
    Some(Period { start, end })
}

/// Reads a style file: a TOML file with a `[fonts]` table like a report's, giving the fonts of an
/// office's PCs once for all its reports (see templates/). Font files are made relative to the
/// style file; a report's own `[fonts]` entries win over the style's (see [`FontChoices::or`]).
pub fn load_style(path: &Path) -> Result<FontChoices, Vec<Diagnostic>> {
    let echo = is_toml_name(path);
    let source = Arc::new(read_source_as(path, echo).map_err(|d| vec![d])?);
    let root = toml_tree(&source).map_err(|d| if echo { d } else { vec![not_toml(path)] })?;
    let mut cx = Ctx::new(Arc::clone(&source));
    let mut top = Tbl::new("", root.get_ref(), 0..source.text().len());
    let mut fonts = read_fonts(&mut cx, &mut top);
    cx.finish(top);
    if cx.diags.iter().any(Diagnostic::is_error) {
        return Err(if echo { cx.diags } else { vec![not_toml(path)] });
    }
    // Absolute, since a report resolves relative font paths from its own folder.
    let base = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let base = base.canonicalize().unwrap_or_else(|_| base.to_path_buf());
    for role in crate::style::FontRole::ALL {
        if let Some(t) = fonts.get_mut(role) {
            // The spans point into the style file, not the report: drop them; keep paths usable.
            t.span = None;
            if FontChoices::is_file(&t.text) {
                t.text = base.join(&t.text).display().to_string();
            }
        }
    }
    Ok(fonts)
}

fn read_fonts(cx: &mut Ctx, top: &mut Tbl) -> FontChoices {
    let Some(mut t) = cx.table(top, "fonts") else {
        return FontChoices::default();
    };
    let fonts = FontChoices {
        title: nonempty(cx, &mut t, "title"),
        body: nonempty(cx, &mut t, "body"),
        heading1: nonempty(cx, &mut t, "heading1"),
        heading2: nonempty(cx, &mut t, "heading2"),
        page_number: nonempty(cx, &mut t, "page_number"),
        table: nonempty(cx, &mut t, "table"),
    };
    cx.finish(t);
    fonts
}

fn required_text(
    cx: &mut Ctx,
    tbl: &mut Tbl,
    key: &'static str,
    what: &str,
    example: &str,
) -> Option<Text> {
    if tbl.table.get(key).is_none() {
        tbl.get(key);
        cx.missing(tbl, key, what, example);
        return None;
    }
    let t = cx.text(tbl, key)?;
    if t.text.trim().is_empty() {
        cx.error(
            Code::EmptyText,
            t.span.clone().unwrap_or_default(),
            format!("`{}`（{what}）是空的", tbl.key_name(key)),
            format!("填写{what}，例如 {key} = {example}"),
        );
        return None;
    }
    Some(Text::new(t.text.trim(), t.span))
}

fn nonempty(cx: &mut Ctx, tbl: &mut Tbl, key: &'static str) -> Option<Text> {
    cx.text(tbl, key)
        .filter(|t| !t.text.trim().is_empty())
        .map(|t| Text::new(t.text.trim(), t.span))
}

/// Splits a text value into paragraphs: every line is one paragraph (as Enter makes one in Word);
/// blank lines and the indentation a user may type (spaces, 全角空格) are dropped.
pub fn paragraphs(t: &Text) -> Vec<Text> {
    t.text
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty())
        .map(|l| Text::new(l, t.span.clone()))
        .collect()
}

/// Reads `text` and `[[...sections]]` of a table into a body.
fn read_body(cx: &mut Ctx, tbl: &mut Tbl) -> Body {
    let paragraphs_ = cx
        .text(tbl, "text")
        .map(|t| paragraphs(&t))
        .unwrap_or_default();
    let mut sections = Vec::new();
    if let Some(v) = tbl.get("sections") {
        let name = tbl.key_name("sections");
        match v.get_ref() {
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let DeValue::Table(t) = item.get_ref() else {
                        cx.type_error(item.span(), &name, "[[...sections]] 表", item.get_ref());
                        continue;
                    };
                    let mut st = Tbl::new(format!("{name}[{}]", i + 1), t, item.span());
                    if let Some(s) = read_section(cx, &mut st) {
                        sections.push(s);
                    }
                    cx.finish(st);
                }
            }
            other => cx.type_error(v.span(), &name, "[[...sections]] 表的数组", other),
        }
    }
    Body {
        paragraphs: paragraphs_,
        sections,
        span: Some(tbl.span.clone()),
    }
}

fn read_section(cx: &mut Ctx, st: &mut Tbl) -> Option<Section> {
    let title = required_text(cx, st, "title", "小标题", "\"主动公开情况。\"");
    let text = cx
        .text(st, "text")
        .map(|t| paragraphs(&t))
        .unwrap_or_default();
    let standalone = match st.get("standalone") {
        Some(v) => match v.get_ref() {
            DeValue::Boolean(b) => *b,
            other => {
                cx.type_error(
                    v.span(),
                    &st.key_name("standalone"),
                    " true 或 false",
                    other,
                );
                false
            }
        },
        None => false,
    };
    Some(Section {
        title: title?,
        paragraphs: text,
        standalone,
    })
}

/// Parts 一, 五 and 六: prose only (an empty one is `check`'s warning, not an input error).
fn read_text_part(cx: &mut Ctx, top: &mut Tbl, key: &'static str, index: usize) -> Option<Body> {
    let heading = l::PART_HEADINGS[index];
    if top.table.get(key).is_none() {
        top.get(key);
        cx.missing(top, key, heading, "{ text = \"无。\" }");
        return None;
    }
    let mut t = cx.table(top, key)?;
    let body = read_body(cx, &mut t);
    cx.finish(t);
    Some(body)
}
