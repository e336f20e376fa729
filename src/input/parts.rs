//! Reading the three statistical parts ([part2], [part3], [part4]) into the model's tables.

use super::read_body;
use super::reader::{Ctx, Tbl, Value};
use crate::diag::Code;
use crate::model::part3::{COLUMNS, TOTAL_COLUMN};
use crate::model::{
    Amount, Body, Count, Format, Items2019, Outcomes, Part2, Part2v2019, Part2v2021, Part3, Part4,
    Row, RowId, Signed,
};
use crate::tables::labels as l;

/// The keys of part 三's sub-tables, in table order.
pub const DENIED_KEYS: [&str; 8] = [
    "state_secret",
    "prohibited_by_law",
    "security_stability",
    "third_party",
    "internal_affairs",
    "process_info",
    "enforcement_files",
    "inquiry",
];
pub const UNABLE_KEYS: [&str; 3] = ["not_held", "needs_creation", "unclear"];
pub const NOT_PROCESSED_KEYS: [&str; 5] = [
    "complaint",
    "duplicate",
    "publications",
    "excessive",
    "confirmation",
];
pub const OTHER_KEYS: [&str; 3] = ["overdue_correction", "unpaid_fees", "other"];
/// The keys of part 四's three groups.
pub const PART4_KEYS: [&str; 3] = ["review", "direct_suit", "suit_after_review"];

/// Opens a required part table, reporting it when absent.
fn part<'t, 'i>(
    cx: &mut Ctx,
    top: &mut Tbl<'t, 'i>,
    key: &'static str,
    index: usize,
) -> Option<Tbl<'t, 'i>> {
    if top.table.get(key).is_none() {
        top.get(key);
        let heading = l::PART_HEADINGS[index];
        let span = 0..0;
        cx.error(
            Code::MissingTable,
            span,
            format!("缺少 [{key}] 表（{heading}）"),
            "运行 nianbao init 生成完整的模板，把这一部分复制过来",
        );
        return None;
    }
    cx.table(top, key)
}

fn values<const N: usize>(
    cx: &mut Ctx,
    t: &mut Tbl,
    key: &'static str,
    columns: [&str; N],
) -> Option<[Count; N]> {
    let what = columns.join("、");
    let Some((items, _)) = cx.array(t, key, &columns, false) else {
        if t.table.get(key).is_none() {
            cx.missing(t, key, &what, &format!("[{}]", vec!["0"; N].join(", ")));
        }
        return None;
    };
    let name = t.key_name(key);
    let counts: Vec<Option<Count>> = items
        .iter()
        .zip(columns)
        .map(|(v, col)| cx.count(v, &format!("{name} 的 {col}")))
        .collect();
    let counts: Option<Vec<Count>> = counts.into_iter().collect();
    counts.and_then(|c| c.try_into().ok())
}

fn single(cx: &mut Ctx, t: &mut Tbl, key: &'static str, what: &str) -> Option<Count> {
    let Some(v) = t.get(key) else {
        cx.missing(t, key, what, "0");
        return None;
    };
    let name = t.key_name(key);
    cx.count(v, &name)
}

fn amount(
    cx: &mut Ctx,
    v: Option<&Value>,
    t: &Tbl,
    key: &'static str,
    what: &str,
) -> Option<Amount> {
    let Some(v) = v else {
        cx.missing(t, key, what, "0");
        return None;
    };
    cx.amount(v, &t.key_name(key))
}

/// [part2] — 主动公开政府信息情况.
pub fn part2(cx: &mut Ctx, top: &mut Tbl, format: Format, other: &str) -> (Part2, Body) {
    let empty = match format {
        Format::V2021 => Part2::V2021(Part2v2021::default()),
        Format::V2019 => Part2::V2019(Part2v2019::default()),
    };
    let Some(mut t) = part(cx, top, "part2", 1) else {
        return (empty, Body::default());
    };
    let p = match format {
        Format::V2021 => {
            let regulations = values(cx, &mut t, "regulations", l::DOCS_COLUMNS_2021);
            let normative = values(cx, &mut t, "normative_documents", l::DOCS_COLUMNS_2021);
            let licensing = single(cx, &mut t, "licensing", "行政许可 本年处理决定数量");
            let punishment = single(cx, &mut t, "punishment", "行政处罚 本年处理决定数量");
            let coercion = single(cx, &mut t, "coercion", "行政强制 本年处理决定数量");
            let fees_value = t.get("fees");
            let fees = amount(
                cx,
                fees_value,
                &t,
                "fees",
                "行政事业性收费 本年收费金额（万元）",
            );
            Part2::V2021(Part2v2021 {
                regulations: regulations.unwrap_or_default(),
                normative_documents: normative.unwrap_or_default(),
                licensing: licensing.unwrap_or_default(),
                punishment: punishment.unwrap_or_default(),
                coercion: coercion.unwrap_or_default(),
                fees: fees.unwrap_or_default(),
            })
        }
        Format::V2019 => {
            let regulations = values(cx, &mut t, "regulations", l::DOCS_COLUMNS_2019);
            let normative = values(cx, &mut t, "normative_documents", l::DOCS_COLUMNS_2019);
            let mut items = |key| items2019(cx, &mut t, key).unwrap_or_default();
            let licensing = items("licensing");
            let other_services = items("other_services");
            let punishment = items("punishment");
            let coercion = items("coercion");
            let fees = pair_2019(cx, &mut t, "fees", l::FEES_COLUMNS_2019, |cx, v, n| {
                cx.signed(v, n).map(PairValue::Signed)
            });
            let procurement = pair_2019(
                cx,
                &mut t,
                "procurement",
                l::PROCUREMENT_COLUMNS_2019,
                |cx, v, n| cx.amount(v, n).map(PairValue::Amount),
            );
            Part2::V2019(Part2v2019 {
                regulations: regulations.unwrap_or_default(),
                normative_documents: normative.unwrap_or_default(),
                licensing,
                other_services,
                punishment,
                coercion,
                fees: match fees {
                    Some((a, PairValue::Signed(b))) => (a, b),
                    _ => (Count::default(), Signed::default()),
                },
                procurement: match procurement {
                    Some((a, PairValue::Amount(b))) => (a, b),
                    _ => (Count::default(), Amount::default()),
                },
            })
        }
    };
    let body = read_body(cx, &mut t);
    let foreign: &[&str] = match format {
        Format::V2021 => &["other_services", "procurement"],
        Format::V2019 => &[],
    };
    cx.finish_with_foreign(t, foreign, other);
    (p, body)
}

enum PairValue {
    Signed(Signed),
    Amount(Amount),
}

/// 2019's two-value rows: a count, then a signed change (fees) or an amount (procurement).
fn pair_2019(
    cx: &mut Ctx,
    t: &mut Tbl,
    key: &'static str,
    columns: [&str; 2],
    second: impl Fn(&mut Ctx, &Value, &str) -> Option<PairValue>,
) -> Option<(Count, PairValue)> {
    let Some((items, _)) = cx.array(t, key, &columns, false) else {
        if t.table.get(key).is_none() {
            cx.missing(t, key, &columns.join("、"), "[0, 0]");
        }
        return None;
    };
    let name = t.key_name(key);
    let first = cx.count(&items[0], &format!("{name} 的 {}", columns[0]));
    let second = second(cx, &items[1], &format!("{name} 的 {}", columns[1]));
    Some((first?, second?))
}

fn items2019(cx: &mut Ctx, t: &mut Tbl, key: &'static str) -> Option<Items2019> {
    let columns = l::ITEMS_COLUMNS_2019;
    let Some((items, _)) = cx.array(t, key, &columns, false) else {
        if t.table.get(key).is_none() {
            cx.missing(t, key, &columns.join("、"), "[0, 0, 0]");
        }
        return None;
    };
    let name = t.key_name(key);
    let previous = cx.count(&items[0], &format!("{name} 的 {}", columns[0]));
    let change = cx.signed(&items[1], &format!("{name} 的 {}", columns[1]));
    let decisions = cx.count(&items[2], &format!("{name} 的 {}", columns[2]));
    Some(Items2019 {
        previous: previous?,
        change: change?,
        decisions: decisions?,
    })
}

/// One part 三 row: six applicant columns, and the 总计 column unless left out (then computed).
fn row(cx: &mut Ctx, t: &mut Tbl, key: &'static str, required: bool) -> Option<Row> {
    if t.table.get(key).is_none() {
        t.get(key);
        if required {
            cx.missing(t, key, "7 列申请人数据", "[0, 0, 0, 0, 0, 0, 0]");
        }
        return None;
    }
    let (items, _) = cx.array(t, key, &l::P3_COLUMNS, true)?;
    let name = t.key_name(key);
    let mut cells: [Count; COLUMNS] = Default::default();
    let mut ok = true;
    for (i, v) in items.iter().enumerate() {
        match cx.count(v, &format!("{name} 的 {}", l::P3_COLUMNS[i])) {
            Some(c) => cells[i] = c,
            None => ok = false,
        }
    }
    if items.len() < COLUMNS {
        cells[TOTAL_COLUMN] = Count::computed(cells[..TOTAL_COLUMN].iter().map(|c| c.value).sum());
    }
    ok.then_some(Row(cells))
}

/// A sub-table of rows such as [part3.denied].
fn rows<const N: usize>(
    cx: &mut Ctx,
    t: &mut Tbl,
    key: &'static str,
    keys: [&'static str; N],
    what: &str,
) -> [Row; N] {
    let mut out: [Row; N] = std::array::from_fn(|_| Row::default());
    if t.table.get(key).is_none() {
        t.get(key);
        cx.missing(
            t,
            key,
            what,
            &format!("{{ {} = [0, 0, 0, 0, 0, 0, 0], ... }}", keys[0]),
        );
        return out;
    }
    let Some(mut sub) = cx.table(t, key) else {
        return out;
    };
    for (slot, k) in out.iter_mut().zip(keys) {
        if let Some(r) = row(cx, &mut sub, k, true) {
            *slot = r;
        }
    }
    cx.finish(sub);
    out
}

/// [part3] — 收到和处理政府信息公开申请情况.
pub fn part3(cx: &mut Ctx, top: &mut Tbl, format: Format, other: &str) -> (Part3, Body) {
    let mut p = Part3 {
        other: vec![Row::default(); format.other_rows()],
        ..Part3::default()
    };
    let Some(mut t) = part(cx, top, "part3", 2) else {
        return (p, Body::default());
    };
    let req = |cx: &mut Ctx, t: &mut Tbl, key| row(cx, t, key, true).unwrap_or_default();
    p.new = req(cx, &mut t, "new");
    p.carried_over = req(cx, &mut t, "carried_over");
    p.granted = req(cx, &mut t, "granted");
    p.partly_granted = req(cx, &mut t, "partly_granted");
    p.denied = rows(cx, &mut t, "denied", DENIED_KEYS, l::P3_DENIED);
    p.unable = rows(cx, &mut t, "unable", UNABLE_KEYS, l::P3_UNABLE);
    p.not_processed = rows(
        cx,
        &mut t,
        "not_processed",
        NOT_PROCESSED_KEYS,
        l::P3_NOT_PROCESSED,
    );
    match format {
        Format::V2021 => {
            if let Some(v) = t.table.get("other").filter(|v| v.get_ref().is_array()) {
                t.get("other");
                cx.error(
                    Code::WrongFormatKey,
                    v.span(),
                    "2021 格式的（六）其他处理分 3 项，不能写成一行".into(),
                    format!(
                        "改为 [part3.other] 表，含 {}；或把 format 改为 \"2019\"",
                        OTHER_KEYS.join("、")
                    ),
                );
            } else {
                let r = rows(cx, &mut t, "other", OTHER_KEYS, l::P3_OTHER);
                p.other = r.to_vec();
            }
        }
        Format::V2019 => {
            if let Some(v) = t.table.get("other").filter(|v| v.get_ref().is_table()) {
                t.get("other");
                cx.error(
                    Code::WrongFormatKey,
                    v.span(),
                    "2019 格式的（六）其他处理没有分项".into(),
                    format!(
                        "改为一行：other = [0, 0, 0, 0, 0, 0, 0]；或把 format 改为 \"{other}\""
                    ),
                );
            } else if let Some(r) = row(cx, &mut t, "other", true) {
                p.other = vec![r];
            }
        }
    }
    let total = row(cx, &mut t, "total", false);
    p.carried_forward = req(cx, &mut t, "carried_forward");
    p.total = total.unwrap_or_else(|| computed_total(&p, format));
    let body = read_body(cx, &mut t);
    cx.finish(t);
    (p, body)
}

/// （七）总计 per column, as the sum of （一）…（六）.
pub fn computed_total(p: &Part3, format: Format) -> Row {
    let mut total: [Count; COLUMNS] = Default::default();
    for (col, cell) in total.iter_mut().enumerate() {
        let sum = RowId::results(format)
            .into_iter()
            .map(|r| p.row(r).0[col].value)
            .sum();
        *cell = Count::computed(sum);
    }
    Row(total)
}

/// [part4] — 行政复议、行政诉讼情况: three groups of 4 or 5 counts.
pub fn part4(cx: &mut Ctx, top: &mut Tbl) -> (Part4, Body) {
    let mut p = Part4::default();
    let Some(mut t) = part(cx, top, "part4", 3) else {
        return (p, Body::default());
    };
    for (g, key) in PART4_KEYS.into_iter().enumerate() {
        let what = format!("{}：{}", l::P4_GROUPS[g], l::P4_COLUMNS.join("、"));
        let Some((items, _)) = cx.array(&mut t, key, &l::P4_COLUMNS, true) else {
            if t.table.get(key).is_none() {
                cx.missing(&t, key, &what, "[0, 0, 0, 0, 0]");
            }
            continue;
        };
        let name = t.key_name(key);
        let mut cells: [Count; 5] = Default::default();
        for (i, v) in items.iter().enumerate() {
            if let Some(c) = cx.count(v, &format!("{name} 的 {}", l::P4_COLUMNS[i])) {
                cells[i] = c;
            }
        }
        if items.len() < 5 {
            cells[4] = Count::computed(cells[..4].iter().map(|c| c.value).sum());
        }
        p.groups[g] = Outcomes(cells);
    }
    let body = read_body(cx, &mut t);
    cx.finish(t);
    (p, body)
}
