//! Claims without a figure, checked against the outcomes: “均获维持” (no case corrected, other or
//! pending), “均予以公开” (every answered application granted), “未发生行政复议” (none in the table).

use std::ops::Range;

use crate::diag::{Code, Diagnostic};
use crate::model::{Report, RowId};
use crate::tables::ValueRef;
use crate::tables::labels as l;

use super::Paragraph;
use super::figures::ends_sentence;
use super::search::{contains, find, has_any};
use super::vocab::{ALL_GRANTED, ALL_UPHELD, NONE_WORDS};

fn count(report: &Report, v: ValueRef) -> u64 {
    (super::quantity::value(report, v) / 10_000) as u64
}

/// Part 四 groups a sentence speaks of.
fn groups(sentence: &str) -> Vec<usize> {
    let mut g = Vec::new();
    if contains(sentence, l::REVIEW) {
        g.push(0);
    }
    if contains(sentence, l::LITIGATION) || contains(sentence, "起诉") {
        g.extend([1, 2]);
    }
    g
}

fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if ends_sentence(c) {
            out.push(start..i);
            start = i + c.len_utf8();
        }
    }
    out.push(start..text.len());
    out
}

pub fn findings(report: &Report, para: &Paragraph) -> Vec<(Range<usize>, Diagnostic)> {
    let text = &para.text.text;
    let about_cases = para.about_cases();
    let mut out = Vec::new();
    for range in sentences(text) {
        let s = &text[range.clone()];
        let at = |i: usize, w: &str| range.start + i..range.start + i + w.len();
        // “均获维持”: every case of the groups named ended 结果维持.
        if let Some((i, w)) = find_any(s, ALL_UPHELD)
            && about_cases
        {
            let mut problems = Vec::new();
            for g in groups(s) {
                for col in 1..4 {
                    let n = count(report, ValueRef::Part4 { group: g, col });
                    if n > 0 {
                        problems.push(format!(
                            "{} 的 {} 为 {n}",
                            l::P4_GROUPS[g],
                            l::P4_COLUMNS[col]
                        ));
                    }
                }
            }
            if !problems.is_empty() {
                out.push((
                    at(i, w),
                    Diagnostic::warning(
                        Code::ProseClaim,
                        format!("正文称“{w}”，但表格中 {}", problems.join("、")),
                    )
                    .hint("按表格如实写明各结果的件数（如“其中结果维持2件、尚未审结1件”），或核对表格"),
                ));
            }
        }
        // “均予以公开”: every answered application granted.
        if let Some((i, w)) = find_any(s, ALL_GRANTED)
            && contains(s, "申请")
            && !has_any(s, &["建议", "提案", "结果"])
        {
            let total = count(
                report,
                ValueRef::Part3 {
                    row: RowId::Total,
                    col: 6,
                },
            );
            let granted = count(
                report,
                ValueRef::Part3 {
                    row: RowId::Granted,
                    col: 6,
                },
            );
            if total != granted {
                out.push((
                    at(i, w),
                    Diagnostic::warning(
                        Code::ProseClaim,
                        format!(
                            "正文称申请“{w}”，但表格中 {}{} 为 {total}，其中 {} 为 {granted}",
                            l::P3_RESULTS,
                            l::P3_TOTAL,
                            l::P3_GRANTED
                        ),
                    )
                    .hint("按表格写明各办理结果的件数，或核对表格"),
                ));
            }
        }
        // “未发生……行政复议、行政诉讼”, “未收到政府信息公开申请”.
        if s.contains('除') {
            continue;
        }
        for w in NONE_WORDS {
            let Some(i) = find(s, w) else { continue };
            let after = &s[i + w.len()..];
            let after = &after[..after.find(['，', ',']).unwrap_or(after.len())];
            if after.contains(|c: char| c.is_ascii_digit())
                || (*w == "无"
                    && ![l::REVIEW, l::LITIGATION, "因", "涉及", "政府信息公开"]
                        .iter()
                        .any(|x| after.starts_with(x)))
            {
                continue;
            }
            let mut problems = Vec::new();
            if about_cases {
                for g in groups(after) {
                    let n = count(report, ValueRef::Part4 { group: g, col: 4 });
                    if n > 0 {
                        problems.push(format!(
                            "{} 的 {} 为 {n}",
                            l::P4_GROUPS[g],
                            l::P4_COLUMNS[4]
                        ));
                    }
                }
            }
            if contains(after, "公开申请") && !contains(after, l::REVIEW) {
                let n = count(
                    report,
                    ValueRef::Part3 {
                        row: RowId::New,
                        col: 6,
                    },
                );
                if n > 0 {
                    problems.push(format!("{} 的 总计 为 {n}", l::P3_NEW));
                }
            }
            if !problems.is_empty() {
                out.push((
                    at(i, w),
                    Diagnostic::warning(
                        Code::ProseClaim,
                        format!(
                            "正文称“{}”，但表格中 {}",
                            &s[i..i + w.len() + after.len()],
                            problems.join("、")
                        ),
                    )
                    .hint("正文与表格应一致：按表格写明件数，或核对表格"),
                ));
            }
            break;
        }
    }
    out
}

fn find_any<'w>(s: &str, words: &[&'w str]) -> Option<(usize, &'w str)> {
    words
        .iter()
        .filter_map(|w| find(s, w).map(|i| (i, *w)))
        .min_by_key(|(i, w)| (*i, usize::MAX - w.len()))
}
