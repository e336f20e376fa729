//! `nianbao sum`: adds up the statistical tables of many reports into one area report (汇总).

use crate::diag::{Code, Diagnostic};
use crate::model::{Amount, Count, Format, Items2019, MAX_COUNT, Part2, Report, RowId, Signed};
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
    let mut acc = Acc::default();
    let mut draft = Draft::zero(first.year, agency, first.format);
    for r in reports {
        add_part2(&mut acc, &mut draft.part2, &r.part2);
        for id in RowId::all(first.format) {
            let target = &mut draft.part3.row_mut(id).0;
            for (t, s) in target.iter_mut().zip(&r.part3.row(id).0) {
                acc.count(t, s);
            }
        }
        for (tg, sg) in draft.part4.groups.iter_mut().zip(&r.part4.groups) {
            for (t, s) in tg.0.iter_mut().zip(&sg.0) {
                acc.count(t, s);
            }
        }
    }
    if acc.overflow {
        return Err(vec![
            Diagnostic::error(
                Code::SumOverflow,
                format!("汇总后的数字超过上限 {MAX_COUNT}"),
            )
            .hint("检查是否有报告的数字录入有误（例如多打了几位）"),
        ]);
    }
    draft.header = vec![
        format!("{agency}{}年政府信息公开工作年度报告（汇总）", first.year),
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
        let k = (r.year, r.format);
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
        .filter(|r| (r.year, r.format) != (year, format))
        .map(|r| {
            Diagnostic::error(
                Code::SumMixed,
                format!(
                    "{} 是 {} 年度、{} 格式的报告，其他报告是 {year} 年度、{} 格式，不能汇总在一起",
                    r.source.path().display(),
                    r.year,
                    r.format.as_str(),
                    format.as_str()
                ),
            )
            .hint("只汇总同一年度、同一格式的报告：把这个文件移出要汇总的文件夹")
        })
        .collect();
    Err(odd)
}

#[derive(Default)]
struct Acc {
    overflow: bool,
}

impl Acc {
    fn count(&mut self, total: &mut Count, add: &Count) {
        match total
            .value
            .checked_add(add.value)
            .filter(|v| *v <= MAX_COUNT)
        {
            Some(v) => total.value = v,
            None => self.overflow = true,
        }
    }

    fn counts(&mut self, total: &mut [Count], add: &[Count]) {
        for (t, a) in total.iter_mut().zip(add) {
            self.count(t, a);
        }
    }

    fn signed(&mut self, total: &mut Signed, add: &Signed) {
        match total.value.checked_add(add.value) {
            Some(v) if v.unsigned_abs() <= MAX_COUNT => total.value = v,
            _ => self.overflow = true,
        }
    }

    fn amount(&mut self, total: &mut Amount, add: &Amount) {
        match total.ten_thousandths.checked_add(add.ten_thousandths) {
            Some(v) if v / 10_000 <= MAX_COUNT => {
                total.ten_thousandths = v;
                total.decimals = total.decimals.max(add.decimals);
            }
            _ => self.overflow = true,
        }
    }

    fn items(&mut self, total: &mut Items2019, add: &Items2019) {
        self.count(&mut total.previous, &add.previous);
        self.signed(&mut total.change, &add.change);
        self.count(&mut total.decisions, &add.decisions);
    }
}

fn add_part2(acc: &mut Acc, total: &mut Part2, add: &Part2) {
    match (total, add) {
        (Part2::V2021(t), Part2::V2021(a)) => {
            acc.counts(&mut t.regulations, &a.regulations);
            acc.counts(&mut t.normative_documents, &a.normative_documents);
            acc.count(&mut t.licensing, &a.licensing);
            acc.count(&mut t.punishment, &a.punishment);
            acc.count(&mut t.coercion, &a.coercion);
            acc.amount(&mut t.fees, &a.fees);
        }
        (Part2::V2019(t), Part2::V2019(a)) => {
            acc.counts(&mut t.regulations, &a.regulations);
            acc.counts(&mut t.normative_documents, &a.normative_documents);
            acc.items(&mut t.licensing, &a.licensing);
            acc.items(&mut t.other_services, &a.other_services);
            acc.items(&mut t.punishment, &a.punishment);
            acc.items(&mut t.coercion, &a.coercion);
            acc.count(&mut t.fees.0, &a.fees.0);
            acc.signed(&mut t.fees.1, &a.fees.1);
            acc.count(&mut t.procurement.0, &a.procurement.0);
            acc.amount(&mut t.procurement.1, &a.procurement.1);
        }
        // check_same_kind has ruled out mixed formats.
        _ => {}
    }
}
