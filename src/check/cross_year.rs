//! Rules that compare this year's report with last year's (`previous = "…"`).

use super::place;
use crate::diag::{Code, Diagnostic, Location};
use crate::model::{Body, Count, Part2, Report, RowId, Value};
use crate::tables::labels::{
    DOCS_COLUMNS_2021, NORMATIVE_2021, P3_CARRIED_FORWARD, P3_COLUMNS, P4_GROUPS, PART_HEADINGS,
    REGULATIONS,
};
use crate::tables::schema::{ValueRef, numbers};

fn at(report: &Report, d: Diagnostic, cell: &Count) -> Diagnostic {
    place::at(report, d, cell.span())
}

/// "（prev.toml:40:12）": where a number of last year's report is, for the message (as
/// [`place::cell_span`] finds it).
fn in_previous(prev: &Report, cell: &Count, row: &[Count], part: &Body) -> String {
    let at = match place::cell_span(cell, row, part) {
        Some(span) => Location::new(prev.source(), span).display(),
        None => prev.source().path().display().to_string(),
    };
    format!("（{at}）")
}

/// The prose of part `n` (2, 3 or 4), whose table holds its numbers.
fn part(r: &Report, n: usize) -> &Body {
    match n {
        2 => r.part2_text(),
        3 => r.part3_text(),
        _ => r.part4_text(),
    }
}

fn previous_span(report: &Report, d: Diagnostic) -> Diagnostic {
    match report.previous() {
        Some((_, span)) => d.at(report.source(), span.clone()),
        None => d,
    }
}

/// The previous report is the year before this one.
pub fn previous_is_last_year(report: &Report, prev: &Report, out: &mut Vec<Diagnostic>) {
    if prev.year().checked_add(1) != Some(report.year()) {
        let d = Diagnostic::warning(
            Code::PreviousYear,
            format!(
                "previous 指向的是 {} 年度的报告，本报告为 {} 年度",
                prev.year(),
                report.year()
            ),
        )
        .hint(format!(
            "跨年核对应使用 {} 年度的报告",
            report.year().saturating_sub(1)
        ));
        out.push(previous_span(report, d));
    }
}

/// 本年 二、上年结转[c] = 上年 四、结转下年度继续办理[c], every column.
pub fn carry_over_matches_previous(report: &Report, prev: &Report, out: &mut Vec<Diagnostic>) {
    for (col, column) in P3_COLUMNS.iter().enumerate() {
        let row = report.part3().carried_over.cells();
        let this = &row[col];
        let last_row = prev.part3().carried_forward.cells();
        let last = last_row[col].value();
        if this.value() != last {
            let d = Diagnostic::error(
                Code::CarryOver,
                format!(
                    "二、上年结转 的 {} 列为 {}，但上年报告的 {P3_CARRIED_FORWARD} 为 {last}{}",
                    column,
                    this.value(),
                    in_previous(prev, &last_row[col], last_row, prev.part3_text())
                ),
            )
            .hint(format!(
                "改为 {last}，或核对上年报告 {}",
                prev.source().path().display()
            ));
            out.push(place::at_cell(report, d, this, row, report.part3_text()));
        }
    }
}

/// 本年 现行有效件数 = 上年 现行有效件数 + 本年制发件数 − 本年废止件数 (规章 and 行政规范性文件).
pub fn documents_in_force(report: &Report, prev: &Report, out: &mut Vec<Diagnostic>) {
    let (Part2::V2021(this), Part2::V2021(last)) = (report.part2(), prev.part2()) else {
        return;
    };
    let rows = [
        (REGULATIONS, &this.regulations, &last.regulations),
        (
            NORMATIVE_2021,
            &this.normative_documents,
            &last.normative_documents,
        ),
    ];
    for (label, [issued, repealed, in_force], last) in rows {
        let expected =
            (last[2].value().saturating_add(issued.value())).checked_sub(repealed.value());
        if expected != Some(in_force.value()) {
            let shown = expected.map_or_else(|| "负数".to_string(), |e| e.to_string());
            let d = Diagnostic::error(
                Code::InForce,
                format!(
                    "{label} 的 {} 为 {}，但 上年 {} + {} − {} = {} + {} − {} = {shown}",
                    DOCS_COLUMNS_2021[2],
                    in_force.value(),
                    DOCS_COLUMNS_2021[2],
                    DOCS_COLUMNS_2021[0],
                    DOCS_COLUMNS_2021[1],
                    last[2].value(),
                    issued.value(),
                    repealed.value()
                ),
            )
            .hint(format!(
                "核对本年制发、废止件数与上年报告的{}",
                DOCS_COLUMNS_2021[2]
            ));
            out.push(at(report, d, in_force));
        }
    }
}

/// Warns when a count grows or shrinks more than fivefold and the larger side is above 10.
pub fn year_on_year_jumps(report: &Report, prev: &Report, out: &mut Vec<Diagnostic>) {
    // (label, this year's cell and its row, last year's, the part whose table holds them)
    type Side<'a> = (&'a Count, &'a [Count]);
    let mut pairs: Vec<(String, Side, Side, usize)> = Vec::new();
    for id in [RowId::New, RowId::Granted, RowId::Total] {
        if id == RowId::Total || report.format() == prev.format() {
            let label = id.label(report.format());
            if let (Some(this), Some(last)) = (report.part3().row(id), prev.part3().row(id)) {
                pairs.push((
                    format!("{label} 的 总计"),
                    (this.total(), this.cells()),
                    (last.total(), last.cells()),
                    3,
                ));
            }
        }
    }
    for (g, group) in P4_GROUPS.iter().enumerate() {
        let (this, last) = (&report.part4().groups[g], &prev.part4().groups[g]);
        pairs.push((
            format!("{group} 的 总计"),
            (this.total(), this.cells()),
            (last.total(), last.cells()),
            4,
        ));
    }
    // 本年处理决定数量 of the matters both years' formats count.
    for n in numbers(report.format()) {
        if let ValueRef::Decisions(_) = n.cell
            && let (Some(Value::Count(this)), Some(Value::Count(last))) =
                (report.get(n.cell), prev.get(n.cell))
        {
            pairs.push((
                format!("{} {}", n.row, n.column),
                (this, std::slice::from_ref(this)),
                (last, std::slice::from_ref(last)),
                2,
            ));
        }
    }
    for (label, (this, this_row), (last, last_row), n) in pairs {
        let (hi, lo) = (
            this.value().max(last.value()),
            this.value().min(last.value()),
        );
        if hi > 10 && hi > lo.saturating_mul(5) {
            let d = Diagnostic::warning(
                Code::Jump,
                format!(
                    "{label} 从上年的 {}{}变为 {}，变化超过 5 倍",
                    last.value(),
                    in_previous(prev, last, last_row, part(prev, n)),
                    this.value()
                ),
            )
            .hint("请核对数字是否录入有误；确实如此的，可在正文中说明原因");
            out.push(place::at_cell(report, d, this, this_row, part(report, n)));
        }
    }
}

/// Warns when applications were carried over although neither year received any.
pub fn carry_over_without_new(report: &Report, prev: &Report, out: &mut Vec<Diagnostic>) {
    let p = report.part3();
    let total = |row: &crate::model::Row| row.total().value();
    if total(&p.carried_over) > 0 && total(&p.new) == 0 && total(&prev.part3().new) == 0 {
        let d = Diagnostic::warning(
            Code::CarryWithoutNew,
            format!(
                "本年有 {} 件上年结转的申请，但本年和上年都没有新收申请",
                total(&p.carried_over)
            ),
        )
        .hint("核对 二、上年结转 与两年的 一、本年新收");
        let row = &p.carried_over;
        out.push(place::at_cell(
            report,
            d,
            row.total(),
            row.cells(),
            report.part3_text(),
        ));
    }
}

fn body_text(body: &Body) -> String {
    let mut s: String = body.paragraphs.iter().map(|p| p.text.as_str()).collect();
    for section in &body.sections {
        s.push_str(&section.title.text);
        s.extend(section.paragraphs.iter().map(|p| p.text.as_str()));
    }
    s
}

/// Warns when part 五 or 六 repeats last year's text word for word (assessors mark 内容雷同).
pub fn repeated_text(report: &Report, prev: &Report, out: &mut Vec<Diagnostic>) {
    let parts = [
        (PART_HEADINGS[4], report.part5(), prev.part5()),
        (PART_HEADINGS[5], report.part6(), prev.part6()),
    ];
    for (heading, this, last) in parts {
        let text = body_text(this);
        if text.chars().count() > 10 && text == body_text(last) {
            let mut d = Diagnostic::warning(
                Code::RepeatedText,
                format!("{heading} 与上年报告的文字完全相同"),
            )
            .hint("考核中“内容雷同”会被扣分；请按本年实际情况改写");
            // The first paragraph, else the part's table (a part of sections only).
            if let Some(span) =
                (this.paragraphs.first().and_then(|p| p.span.clone())).or_else(|| this.span.clone())
            {
                d = d.at(report.source(), span);
            }
            out.push(d);
        }
    }
}
