//! Percentages and changes: “占33.9%” recomputed from the figures it refers to, and “同比增长x%”,
//! “较上年增加N件” against last year's report. Accepted within the printed precision's rounding.

use crate::diag::{Code, Diagnostic};
use crate::model::Report;

use super::quantity::{Meaning, Quantity, resolve, shown};
use super::vocab::{CHANGE_WORDS, Rows, SHARE_WORDS, Sense, YEAR_ON_YEAR};
use super::{Read, read};

/// The meaning of the last figure read before `r` in the same sentence.
fn previous_figure(earlier: &[Read], r: &Read) -> Option<Meaning> {
    earlier
        .iter()
        .rev()
        .take_while(|e| e.figure.sentence == r.figure.sentence)
        .find_map(|e| e.meaning)
}

/// What a clause's own words (before 占 / 同比) name, else the figure just before.
fn subject(words: &str, earlier: &[Read], r: &Read) -> Option<Meaning> {
    let before = previous_figure(earlier, r);
    if words.trim().is_empty() {
        return before;
    }
    read::read(words, before).map(|x| x.meaning)
}

/// A short name of a quantity: its label, or its labels added up.
fn name(q: &Quantity) -> String {
    match q.terms.as_slice() {
        [one] => one.label.clone(),
        terms => {
            let labels: Vec<&str> = terms.iter().map(|t| t.label.as_str()).collect();
            format!("{} 之和", labels.join(" 与 "))
        }
    }
}

fn percent_text(p: f64, decimals: u32) -> String {
    format!("{p:.*}%", (decimals as usize).max(1))
}

fn tolerance(decimals: u32) -> f64 {
    0.5 * 10f64.powi(-(decimals as i32)) + 1e-9
}

/// The denominators a share of `m` may be of, when the sentence does not say.
fn default_denominators(m: &Meaning) -> Vec<Meaning> {
    let with = |head, columns| Meaning {
        head,
        columns,
        outcome: None,
        doc_column: None,
    };
    match m.head {
        Sense::Rows(rows) if m.columns.is_some() => vec![with(Sense::Rows(rows), None)],
        Sense::Rows(Rows::New | Rows::Received | Rows::CarriedOver | Rows::CarriedForward) => {
            Vec::new()
        }
        Sense::Rows(_) => vec![
            with(Sense::Rows(Rows::Done), None),
            with(Sense::Rows(Rows::Received), None),
        ],
        Sense::Groups(_) if m.outcome.is_some() => vec![with(m.head, None)],
        _ => Vec::new(),
    }
}

/// Words between 占 and the number that name no particular denominator.
const ANY_DENOMINATOR: &[&str] = &[
    "",
    "申请总数",
    "总数",
    "申请",
    "全部申请",
    "所有申请",
    "申请总量",
    "总量",
    "全部",
    "比例",
    "比重",
];

pub fn share_finding(report: &Report, earlier: &[Read], r: &Read) -> Option<Diagnostic> {
    if r.figure.unit != "%" || r.figure.approximate {
        return None;
    }
    let text = &r.para.text.text;
    let words = &text[r.figure.clause_start..r.figure.number.start];
    let (at, share) = SHARE_WORDS
        .iter()
        .filter_map(|w| words.rfind(w).map(|i| (i, *w)))
        .max()?;
    if super::search::has_any(words, YEAR_ON_YEAR) {
        return None;
    }
    let numerator = subject(&words[..at], earlier, r)?;
    let right = words[at + share.len()..].trim_end_matches("的");
    let denominators = if ANY_DENOMINATOR.contains(&right) {
        default_denominators(&numerator)
    } else {
        vec![read::read(right, None)?.meaning]
    };
    let num = resolve(report, &numerator)?;
    let printed = r.figure.scaled as f64 / 1e4;
    let mut first = None;
    for den in &denominators {
        let Some(dq) = resolve(report, den) else {
            continue;
        };
        let totals = std::iter::once(dq.scaled())
            .chain(dq.also.iter().map(|t| t.iter().map(|t| t.scaled).sum()));
        for total in totals {
            if total == 0 {
                return None;
            }
            let p = num.scaled() as f64 * 100.0 / total as f64;
            if (p - printed).abs() <= tolerance(r.figure.decimals) {
                return None;
            }
            first.get_or_insert((dq.clone(), p));
        }
    }
    let (dq, p) = first?;
    Some(
        Diagnostic::warning(
            Code::ProseShare,
            format!(
                "正文“{share}{}”与表格不符：按表格计算，{} {} ÷ {} {} = {}",
                &text[r.figure.clause_start + at + share.len()..r.figure.whole.end],
                name(&num),
                shown(num.scaled()),
                name(&dq),
                shown(dq.scaled()),
                percent_text(p, r.figure.decimals)
            ),
        )
        .hint("按表格重新计算百分比（保留的小数位数与正文一致），或核对表格"),
    )
}

pub fn change_finding(
    report: &Report,
    prev: &Report,
    earlier: &[Read],
    r: &Read,
) -> Option<Diagnostic> {
    if r.figure.approximate {
        return None;
    }
    let text = &r.para.text.text;
    let words = &text[r.figure.clause_start..r.figure.number.start];
    let (at, yoy) = YEAR_ON_YEAR
        .iter()
        .filter_map(|w| words.find(w).map(|i| (i, *w)))
        .min_by_key(|(i, w)| (*i, usize::MAX - w.len()))?;
    let rest = &words[at + yoy.len()..];
    let (_, sign) = CHANGE_WORDS
        .iter()
        .filter(|(w, _)| rest.contains(w))
        .max_by_key(|(w, _)| w.len())?;
    let m = subject(&words[..at], earlier, r)?;
    if r.figure.unit != "%" && !super::vocab::unit_fits(m.head, r.figure.unit) {
        return None;
    }
    let this = resolve(report, &m)?;
    let last = resolve(prev, &m)?;
    let (now, before) = (this.scaled() as f64 / 1e4, last.scaled() as f64 / 1e4);
    let printed = r.figure.scaled as f64 / 1e4 * f64::from(*sign);
    let (expected, shown_expected) = if r.figure.unit == "%" {
        if before == 0.0 {
            return None;
        }
        let p = (now - before) * 100.0 / before;
        (
            p,
            format!("{:+.*}%", (r.figure.decimals as usize).max(1), p),
        )
    } else {
        (now - before, format!("{:+}", now - before))
    };
    if (expected - printed).abs() <= tolerance(r.figure.decimals) {
        return None;
    }
    Some(
        Diagnostic::warning(
            Code::ProseChange,
            format!(
                "正文“{}”与表格不符：{} 本年为 {}，上年报告为 {}，变化为 {shown_expected}",
                &text[r.figure.clause_start + at..r.figure.whole.end],
                name(&this),
                shown(this.scaled()),
                shown(last.scaled()),
            ),
        )
        .hint(format!(
            "按本年和上年报告（{}）的表格重新计算，或核对 previous 指向的文件",
            prev.source().path().display()
        )),
    )
}
