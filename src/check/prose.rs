//! Text against tables: counts quoted in the prose ("新收政府信息公开申请78件") must equal the tables
//! (assessors read both). Warnings, since prose can legitimately quote a different scope.

use crate::diag::{Code, Diagnostic};
use crate::model::{Body, Report, Row, Text};
use crate::tables::labels as l;

/// One quotable figure: the words that introduce it, the table's label for it and its number.
type Figure = (&'static str, String, u64);

fn figures(report: &Report) -> Vec<Figure> {
    let p = &report.part3;
    let sum = |rows: &[Row]| rows.iter().map(Row::total).sum::<u64>();
    let g = &report.part4.groups;
    let total = |label: &str| format!("{label} 的 总计");
    let items = |label: &str| format!("{label} 各项之和");
    vec![
        ("新收", total(l::P3_NEW), p.new.total()),
        (
            "上年结转",
            total(l::P3_CARRIED_OVER),
            p.carried_over.total(),
        ),
        ("办结", format!("三{}", l::P3_TOTAL), p.total.total()),
        ("予以公开", total(l::P3_GRANTED), p.granted.total()),
        (
            "部分公开",
            total("（二）部分公开"),
            p.partly_granted.total(),
        ),
        ("不予公开", items(l::P3_DENIED), sum(&p.denied)),
        ("无法提供", items(l::P3_UNABLE), sum(&p.unable)),
        (
            "不予处理",
            items(l::P3_NOT_PROCESSED),
            sum(&p.not_processed),
        ),
        ("其他处理", items(l::P3_OTHER), sum(&p.other)),
        (
            "结转下年度",
            total(l::P3_CARRIED_FORWARD),
            p.carried_forward.total(),
        ),
        ("行政复议", total(l::REVIEW), g[0].0[4].value),
        (
            "行政诉讼",
            format!("{} 两组的 总计之和", l::LITIGATION),
            g[1].0[4].value + g[2].0[4].value,
        ),
    ]
}

/// The number quoted right after `keyword` in `text` ("新收政府信息公开申请78件" → 78): at most ten
/// characters of words between, no punctuation, and the unit 件 after the digits.
fn quoted_numbers<'t>(text: &'t str, keyword: &str) -> Vec<(u64, &'t str)> {
    let mut out = Vec::new();
    for (start, _) in text.match_indices(keyword) {
        let rest = &text[start + keyword.len()..];
        let mut chars = rest.char_indices().peekable();
        let mut skipped = 0;
        while let Some(&(_, c)) = chars.peek() {
            if c.is_ascii_digit() || skipped > 10 || "，。；、：！？（）“”".contains(c)
            {
                break;
            }
            skipped += 1;
            chars.next();
        }
        let digits_start = match chars.peek() {
            Some(&(i, c)) if c.is_ascii_digit() => i,
            _ => continue,
        };
        let digits: String = rest[digits_start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let after = &rest[digits_start + digits.len()..];
        if let (true, Ok(n)) = (after.starts_with('件'), digits.parse()) {
            let end = start + keyword.len() + digits_start + digits.len() + '件'.len_utf8();
            out.push((n, &text[start..end]));
        }
    }
    out
}

fn paragraphs(body: &Body) -> impl Iterator<Item = &Text> {
    body.paragraphs
        .iter()
        .chain(body.sections.iter().flat_map(|s| s.paragraphs.iter()))
}

/// Rule 8 of the spec: figures quoted in the prose equal the tables.
pub fn quoted_figures_match_tables(report: &Report, out: &mut Vec<Diagnostic>) {
    let figures = figures(report);
    let bodies = [
        &report.part1,
        &report.part2_text,
        &report.part3_text,
        &report.part4_text,
    ];
    for text in bodies.into_iter().flat_map(paragraphs) {
        for (keyword, label, value) in &figures {
            for (n, quote) in quoted_numbers(&text.text, keyword) {
                if n == *value {
                    continue;
                }
                let mut d = Diagnostic::warning(
                    Code::ProseFigure,
                    format!("正文写“{quote}”，但表格中 {label} 为 {value}"),
                )
                .hint("正文引用的数字应与表格一致；若统计口径不同，请在正文中写明");
                if let Some(span) = &text.span {
                    // Point at the quote itself when the file has it verbatim inside the string.
                    let src = report.source.text();
                    let at = src
                        .get(span.clone())
                        .and_then(|s| s.find(quote))
                        .map(|i| span.start + i..span.start + i + quote.len())
                        .unwrap_or(span.clone());
                    d = d.at(&report.source, at);
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::quoted_numbers;

    #[test]
    fn finds_quoted_counts() {
        let t = "全年新收政府信息公开申请78件，上年结转4件；办结的申请中，予以公开33件。";
        assert_eq!(quoted_numbers(t, "新收")[0].0, 78);
        assert_eq!(quoted_numbers(t, "上年结转")[0].0, 4);
        assert!(quoted_numbers(t, "办结").is_empty());
        assert!(quoted_numbers("被申请行政复议、提起行政诉讼的情况", "行政复议").is_empty());
        assert!(quoted_numbers("新收申请78份", "新收").is_empty());
    }
}
