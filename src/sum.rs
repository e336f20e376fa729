//! `nianbao sum`: adds up the statistical tables of many reports into one area report (汇总).

use crate::diag::{Code, Diagnostic};
use crate::model::{Format, MAX_COUNT, Report, Value, ValueMut};
use crate::tables::labels::default_title;
use crate::tables::schema::numbers;
use crate::write::Draft;

/// Adds every number of the three tables. Totals are sums of totals, so a sum of valid reports
/// keeps every identity. Refuses reports of different years or formats, naming the odd files.
pub fn sum(reports: &[Report], agency: &str) -> Result<Draft, Vec<Diagnostic>> {
    let Some(first) = reports.first() else {
        return Err(vec![
            Diagnostic::error(Code::SumEmpty, "没有找到要汇总的报告")
                .hint("给出报告文件或包含报告的文件夹"),
        ]);
    };
    check_same_kind(reports)?;
    let mut overflow = false;
    let mut draft = Draft::zero(first.year(), agency, first.format());
    let all = numbers(first.format());
    for r in reports {
        for n in &all {
            if let (Some(total), Some(add)) = (draft.get_mut(n.cell), r.get(n.cell)) {
                overflow |= !add_to(total, add);
            }
        }
    }
    if overflow {
        return Err(vec![
            Diagnostic::error(
                Code::SumOverflow,
                format!("汇总后的数字超过上限 {MAX_COUNT}"),
            )
            .hint("检查是否有报告的数字录入有误（例如多打了几位）"),
        ]);
    }
    draft.header = vec![
        format!("{}（汇总）", default_title(agency, first.year())),
        format!(
            "由 nianbao sum 汇总 {} 份报告的统计表生成；正文各部分请填写。",
            reports.len()
        ),
    ];
    draft.examples = true;
    Ok(draft)
}

/// All reports must share the year and the format; the most common pair is taken as intended.
fn check_same_kind(reports: &[Report]) -> Result<(), Vec<Diagnostic>> {
    let mut kinds: Vec<((u16, Format), usize)> = Vec::new();
    for r in reports {
        let k = (r.year(), r.format());
        match kinds.iter_mut().find(|(kk, _)| *kk == k) {
            Some((_, n)) => *n += 1,
            None => kinds.push((k, 1)),
        }
    }
    if kinds.len() == 1 {
        return Ok(());
    }
    let ((year, format), _) = *kinds.iter().max_by_key(|(_, n)| *n).expect("non-empty");
    let odd: Vec<Diagnostic> = reports
        .iter()
        .filter(|r| (r.year(), r.format()) != (year, format))
        .map(|r| {
            let d = Diagnostic::error(
                Code::SumMixed,
                format!(
                    "{} 是 {} 年度、{} 格式的报告，其他报告是 {year} 年度、{} 格式，不能汇总在一起",
                    r.source().path().display(),
                    r.year(),
                    r.format().as_str(),
                    format.as_str()
                ),
            )
            .hint("只汇总同一年度、同一格式的报告：把这个文件移出要汇总的文件夹");
            // The year that differs, else the format (written, or taken from the year).
            let spans = r.spans();
            let span = if r.year() != year {
                spans.year.as_ref()
            } else {
                spans.format.as_ref().or(spans.year.as_ref())
            };
            match span {
                Some(span) => d.at(r.source(), span.clone()),
                None => d,
            }
        })
        .collect();
    Err(odd)
}

/// Adds `add` to `total`; `false` (and `total` unchanged) when the sum would pass the limit.
fn add_to(total: ValueMut, add: Value) -> bool {
    match (total, add) {
        (ValueMut::Count(t), Value::Count(a)) => match t.checked_add(a) {
            Some(v) => *t = v,
            None => return false,
        },
        (ValueMut::Signed(t), Value::Signed(a)) => match t.checked_add(a) {
            Some(v) => *t = v,
            None => return false,
        },
        (ValueMut::Amount(t), Value::Amount(a)) => match t.checked_add(a) {
            Some(v) => *t = v,
            None => return false,
        },
        // Both come from the same description of one format (check_same_kind).
        _ => {}
    }
    true
}
