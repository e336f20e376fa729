//! The rules that need only this year's report. Each function checks one identity.

use super::place;
use crate::diag::{Code, Diagnostic};
use crate::model::part3::TOTAL_COLUMN;
use crate::model::{Count, Format, Report, RowId};
use crate::tables::labels::{P3_COLUMNS, P3_TOTAL, P4_COLUMNS, P4_GROUPS};
use crate::tables::schema::P4_TOTAL;

fn at(report: &Report, d: Diagnostic, cell: &Count) -> Diagnostic {
    place::at(report, d, cell.span())
}

/// 横向合计 — part 三, every row: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他.
pub fn part3_row_sums(report: &Report, out: &mut Vec<Diagnostic>) {
    for (id, row) in report.part3().rows() {
        let total = row.total();
        if !total.is_given() {
            continue;
        }
        let sum = row.parts_sum();
        if sum != total.value() {
            let label = id.label(report.format());
            let d = Diagnostic::error(
                Code::RowSum,
                format!(
                    "“{label}”的 总计 为 {}，但前 6 列之和为 {sum}",
                    total.value()
                ),
            )
            .hint(format!("把 总计 改为 {sum}，或删去最后一个数，由工具计算"));
            out.push(at(report, d, total));
        }
    }
}

/// 纵向合计 — part 三, every column: （七）总计 = （一） + （二） + Σ（三） + Σ（四） + Σ（五） + Σ（六）.
pub fn part3_column_sums(report: &Report, out: &mut Vec<Diagnostic>) {
    let results = RowId::results(report.format());
    for (col, column) in P3_COLUMNS.iter().enumerate() {
        let total = &report.part3().total.cells()[col];
        if !total.is_given() {
            continue;
        }
        // The 总计 column adds the rows' own sums, so that a wrong row total is reported once, by
        // the row rule, and not again here.
        let cell = |r: RowId| match report.part3().row(r) {
            Some(row) if col == TOTAL_COLUMN => row.parts_sum(),
            Some(row) => row.cells()[col].value(),
            None => 0,
        };
        let sum = results.iter().fold(0u64, |s, &r| s.saturating_add(cell(r)));
        if sum != total.value() {
            let d = Diagnostic::error(
                Code::ColumnSum,
                format!(
                    "{} 的 {column} 列为 {}，但（一）至（六）各项之和为 {sum}",
                    P3_TOTAL,
                    total.value()
                ),
            )
            .hint(format!(
                "核对（一）至（六）各项的 {column} 列；若各项无误，把{P3_TOTAL} 的这一列改为 {sum}"
            ));
            out.push(at(report, d, total));
        }
    }
}

/// 借贷平衡 — part 三, every column: 一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理
/// (the note printed in the table's corner cell).
pub fn part3_balance(report: &Report, out: &mut Vec<Diagnostic>) {
    let p = report.part3();
    for (col, column) in P3_COLUMNS.iter().enumerate() {
        let (new, over) = (
            p.new.cells()[col].value(),
            p.carried_over.cells()[col].value(),
        );
        let (done, forward) = (
            p.total.cells()[col].value(),
            p.carried_forward.cells()[col].value(),
        );
        // Saturating: counts a hand-built model holds beyond MAX_COUNT must not panic.
        let (received, settled) = (new.saturating_add(over), done.saturating_add(forward));
        if received == settled {
            continue;
        }
        let hint = match received.checked_sub(done) {
            Some(expected) => format!(
                "按“第一项加第二项之和，等于第三项加第四项之和”，{} 列的 结转下年度继续办理 应为 {expected}，或核对其他三项",
                column
            ),
            None => format!(
                "办理结果（{done}）多于收到的申请（{}），核对 {} 列的 本年新收 和 上年结转",
                received, column
            ),
        };
        let d = Diagnostic::error(
            Code::Balance,
            format!(
                "{} 列不平衡：本年新收 {new} + 上年结转 {over} = {}，但 办理结果总计 {done} + 结转下年度 {forward} = {}",
                column,
                received,
                settled
            ),
        )
        .hint(hint);
        // A 总计 the user left out was computed: the row they wrote is the place.
        let forward = p.carried_forward.cells();
        out.push(place::at_cell(
            report,
            d,
            &forward[col],
            forward,
            report.part3_text(),
        ));
    }
}

/// Part 四, each of 行政复议 / 未经复议直接起诉 / 复议后起诉: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
pub fn part4_totals(report: &Report, out: &mut Vec<Diagnostic>) {
    for (g, group) in report.part4().groups.iter().enumerate() {
        let total = group.total();
        if !total.is_given() {
            continue;
        }
        let sum = group.parts_sum();
        if sum != total.value() {
            let d = Diagnostic::error(
                Code::Part4Total,
                format!(
                    "{} 的 总计 为 {}，但 {} 之和为 {sum}",
                    P4_GROUPS[g],
                    total.value(),
                    P4_COLUMNS[..P4_TOTAL].join("、")
                ),
            )
            .hint(format!("把 总计 改为 {sum}，或删去最后一个数，由工具计算"));
            out.push(at(report, d, total));
        }
    }
}

/// The 2019 format is for the reports on 2019 and 2020; the 2021 format for 2021 on.
pub fn format_matches_year(report: &Report, out: &mut Vec<Diagnostic>) {
    let expected = if report.year() >= 2021 {
        Format::V2021
    } else {
        Format::V2019
    };
    if report.format() != expected && report.year() >= 2019 {
        let d = Diagnostic::warning(
            Code::FormatYear,
            format!(
                "{} 年度的报告通常使用 {} 格式，本报告使用 {} 格式",
                report.year(),
                expected.as_str(),
                report.format().as_str()
            ),
        )
        .hint(format!(
            "确认后在文件开头写 format = \"{}\"",
            expected.as_str()
        ));
        // The format the user wrote, else the year that calls for the other one.
        let spans = report.spans();
        out.push(place::at(
            report,
            d,
            spans.format.as_ref().or(spans.year.as_ref()),
        ));
    }
}

/// The statistics period lies within the report's year.
pub fn period_within_year(report: &Report, out: &mut Vec<Diagnostic>) {
    let p = report.period();
    if p.start.year != report.year() || p.end.year != report.year() {
        let d = Diagnostic::warning(
            Code::PeriodYear,
            format!(
                "统计期限 {} 至 {} 不在报告年度 {} 年内",
                p.start.chinese(),
                p.end.chinese(),
                report.year()
            ),
        )
        .hint("统计期限一般为报告年度的1月1日至12月31日");
        // The date outside the year; the year itself for a period left out (then computed).
        let spans = report.spans();
        let span = if p.start.year != report.year() {
            spans.period_start.as_ref()
        } else {
            spans.period_end.as_ref()
        };
        out.push(place::at(report, d, span.or(spans.year.as_ref())));
    }
}

/// 成文日期 comes after the statistics period ends.
pub fn date_after_period(report: &Report, out: &mut Vec<Diagnostic>) {
    if let Some(date) = report.date()
        && date <= report.period().end
    {
        let d = Diagnostic::warning(
            Code::DateInPeriod,
            format!(
                "成文日期 {} 不晚于统计期限的结束日 {}",
                date.chinese(),
                report.period().end.chinese()
            ),
        )
        .hint("年度报告应在统计年度结束后成文，检查 date 的年份");
        out.push(place::at(report, d, report.spans().date.as_ref()));
    }
}

/// Parts 一, 五 and 六 have text (assessors mark a part left empty as 内容不全面).
pub fn parts_have_text(report: &Report, out: &mut Vec<Diagnostic>) {
    use crate::tables::labels::PART_HEADINGS;
    for (i, body) in [
        (0, report.part1()),
        (4, report.part5()),
        (5, report.part6()),
    ] {
        if body.is_empty() {
            let mut d = Diagnostic::warning(Code::EmptyPart, format!("{} 没有内容", PART_HEADINGS[i]))
                .hint(format!(
                    "在 [part{}] 下用 text = \"\"\"……\"\"\" 写正文；确实没有需要报告的，写 text = \"无。\"",
                    i + 1
                ));
            if let Some(span) = &body.span {
                d = d.at(report.source(), span.clone());
            }
            out.push(d);
        }
    }
}
