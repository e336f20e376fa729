//! `init --from`: next year's report started from last year's — 上年结转 from last year's
//! 结转下年度, every other number 0, the prose of parts 一, 五 and 六 carried over as a draft.

use super::edits::{self, Edit};
use crate::model::{Body, Format, Report, RowId};
use crate::write::{Draft, DraftBody};

const REWRITE: &str =
    "以下正文沿用上年报告，只是草稿：请按本年情况改写（check 会提示与上年重复的段落）";

fn draft_body(b: &Body) -> DraftBody {
    DraftBody {
        paragraphs: b.paragraphs.iter().map(|p| p.text.clone()).collect(),
        sections: b
            .sections
            .iter()
            .map(|s| {
                (
                    s.title.text.clone(),
                    s.paragraphs.iter().map(|p| p.text.clone()).collect(),
                )
            })
            .collect(),
    }
}

/// Next year's report as TOML; `previous` is how the new file names last year's.
pub fn next_year(last: &Report, year: u16, previous: &str) -> String {
    let format = if year >= 2021 {
        Format::V2021
    } else {
        last.format()
    };
    let mut d = Draft::zero(year, &last.agency().text, format);
    d.header = vec![
        format!("{}{year}年政府信息公开工作年度报告", last.agency().text),
        format!(
            "由 nianbao init --from 从 {} 年的报告生成：上年结转 已按上年的 结转下年度 填好，其他数字为 0。",
            last.year()
        ),
        "正文沿用上年，只是草稿，请逐段改写。填好后运行：nianbao check 本文件".into(),
    ];
    d.signature = last.signature().map(|s| s.text.clone());
    if let Some(row) = last.part3().row(RowId::CarriedForward) {
        d.part3.carried_over = row.as_computed();
    }
    d.part1 = draft_body(last.part1());
    d.part5 = draft_body(last.part5());
    d.part6 = draft_body(last.part6());
    let mut changes = vec![Edit::After {
        table: String::new(),
        nth: 0,
        key: "agency".into(),
        line: format!(
            "previous = \"{}\"    # 上年报告文件（用于跨年核对）",
            previous.replace('\\', "\\\\").replace('"', "\\\"")
        ),
    }];
    for (key, body) in [
        ("part1", last.part1()),
        ("part5", last.part5()),
        ("part6", last.part6()),
    ] {
        if !body.paragraphs.is_empty() {
            changes.push(Edit::Comment {
                table: key.into(),
                key: "text".into(),
                text: REWRITE.into(),
            });
        }
        for (i, s) in body.sections.iter().enumerate() {
            changes.push(Edit::Comment {
                table: format!("{key}.sections"),
                key: "title".into(),
                text: REWRITE.into(),
            });
            if s.standalone {
                changes.push(Edit::After {
                    table: format!("{key}.sections"),
                    nth: i,
                    key: "title".into(),
                    line: "standalone = true".into(),
                });
            }
        }
    }
    edits::apply(&d.to_toml(), &changes)
}
