//! Reading the three statistical parts into the model's tables by walking the one description of
//! their numbers ([`crate::tables::schema::numbers`]): each key is read as its numbers say.

use std::fmt::Display;

use super::read_body;
use super::reader::{Ctx, Tbl, Value};
use crate::diag::Code;
use crate::model::{Body, Count, Format, MAX_COUNT, Part2, Part3, Part4, ValueMut, values};
use crate::tables::labels as l;
use crate::tables::schema::{Kind, Number, RowId, numbers};

/// Re-exported from the description, where they now live.
pub use crate::tables::schema::{
    DENIED_KEYS, NOT_PROCESSED_KEYS, OTHER_KEYS, PART4_KEYS, UNABLE_KEYS,
};

/// The three tables being filled.
struct Tables {
    part2: Part2,
    part3: Part3,
    part4: Part4,
}

/// The parts 二, 三, 四 of a report: their tables and their prose.
pub struct Parts {
    pub part2: (Part2, Body),
    pub part3: (Part3, Body),
    pub part4: (Part4, Body),
}

/// Reads [part2], [part3] and [part4].
pub fn read(cx: &mut Ctx, top: &mut Tbl, format: Format) -> Parts {
    let mut tables = Tables {
        part2: Part2::new(format),
        part3: Part3::new(format),
        part4: Part4::default(),
    };
    let all = numbers(format);
    let other = numbers(format.other());
    let bodies = [1, 2, 3].map(|index| {
        let key = ["part2", "part3", "part4"][index - 1];
        let Some(mut t) = part(cx, top, key, index) else {
            return Body::default();
        };
        let skip = if key == "part3" {
            other_shape(cx, &mut t, format)
        } else {
            None
        };
        read_numbers(cx, &mut t, &all, skip, &mut tables);
        let body = read_body(cx, &mut t);
        // Only a message about a key not read needs the other format's keys.
        let foreign = if t.has_unread_keys() {
            foreign_keys(key, &all, &other)
        } else {
            Vec::new()
        };
        cx.finish_with_foreign(t, &foreign, format.other().as_str());
        body
    });
    fill_totals(cx, &mut tables);
    let [b2, b3, b4] = bodies;
    Parts {
        part2: (tables.part2, b2),
        part3: (tables.part3, b3),
        part4: (tables.part4, b4),
    }
}

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
        cx.error(
            Code::MissingTable,
            0..0,
            format!("缺少 [{key}] 表（{heading}）"),
            "运行 nianbao init 生成完整的模板，把这一部分复制过来",
        );
        return None;
    }
    cx.table(top, key)
}

/// Keys of `table` that only the other format has (so a precise message names the format): `own`
/// is the report's format's [`numbers`], `other` the other format's.
fn foreign_keys(table: &str, own: &[Number], other: &[Number]) -> Vec<&'static str> {
    let keys = |numbers: &[Number]| -> Vec<&'static str> {
        numbers
            .iter()
            .filter_map(|n| direct_key(table, n))
            .collect()
    };
    let own = keys(own);
    let mut foreign = keys(other);
    foreign.retain(|k| !own.contains(k));
    foreign.dedup();
    foreign
}

/// The key of `table` under which a number is written: its own key, or the sub-table holding it.
fn direct_key(table: &str, n: &Number) -> Option<&'static str> {
    if n.key.table == table {
        return Some(n.key.key);
    }
    let sub = n.key.table.strip_prefix(table)?.strip_prefix('.')?;
    let full = n.key.table;
    Some(&full[full.len() - sub.len()..])
}

/// Reads every key of the TOML table `t` that the description places in it (sub-tables included),
/// in the description's order. `skip` is a key already reported as of the wrong shape.
fn read_numbers(
    cx: &mut Ctx,
    t: &mut Tbl,
    all: &[Number],
    skip: Option<&str>,
    tables: &mut Tables,
) {
    // One pass over the description: each key with the numbers written directly under it (none
    // for a key naming a sub-table). A key's numbers follow each other, so the key is looked for
    // from the end.
    let mut keys: Vec<(&'static str, Vec<&Number>)> = Vec::new();
    for n in all {
        let Some(k) = direct_key(&t.path, n) else {
            continue;
        };
        let at = match keys.iter().rposition(|(key, _)| *key == k) {
            Some(at) => at,
            None => {
                keys.push((k, Vec::new()));
                keys.len() - 1
            }
        };
        if n.key.table == t.path {
            keys[at].1.push(n);
        }
    }
    for (key, mine) in keys {
        if skip == Some(key) {
            continue;
        }
        if mine.is_empty() {
            sub(cx, t, key, all, tables);
        } else {
            read_key(cx, t, key, &mine, tables);
        }
    }
}

/// A sub-table such as [part3.denied].
fn sub(cx: &mut Ctx, t: &mut Tbl, key: &'static str, all: &[Number], tables: &mut Tables) {
    if t.table.get(key).is_none() {
        t.get(key);
        let sub_table = t.key_name(key);
        if let Some(n) = all.iter().find(|n| n.key.table == sub_table) {
            let zeros = zeros(all.iter().filter(|m| m.key.key == n.key.key).count());
            let what = n.group.unwrap_or(n.row);
            cx.missing(t, key, what, &format!("{{ {} = {zeros}, ... }}", n.key.key));
        }
        return;
    }
    let Some(mut s) = cx.table(t, key) else {
        return;
    };
    read_numbers(cx, &mut s, all, None, tables);
    cx.finish(s);
}

fn zeros(n: usize) -> String {
    format!("[{}]", vec!["0"; n].join(", "))
}

/// One key: a single number, or an array of them (whose last, a total, may be left out).
fn read_key(cx: &mut Ctx, t: &mut Tbl, key: &'static str, mine: &[&Number], tables: &mut Tables) {
    let Some(last) = mine.last() else { return };
    if last.key.index.is_none() {
        let Some(v) = t.get(key) else {
            cx.missing(t, key, &format!("{} {}", last.row, last.column), "0");
            return;
        };
        store(cx, v, t.dotted(key), last, tables);
        return;
    }
    let columns: Vec<&str> = mine.iter().map(|n| n.column).collect();
    let total_optional = last.computed;
    let Some((items, _)) = cx.array(t, key, &columns, total_optional) else {
        let optional = mine.iter().all(|n| n.computed);
        if t.table.get(key).is_none() && !optional {
            let what = format!("{}：{}", last.row, columns.join("、"));
            cx.missing(t, key, &what, &zeros(mine.len()));
        }
        return;
    };
    let name = t.dotted(key);
    for (v, n) in items.iter().zip(mine) {
        store(cx, v, format_args!("{name} 的 {}", n.column), n, tables);
    }
}

/// Reads one value as its number's kind and puts it in its cell; `name` is formatted only into a
/// message.
fn store(cx: &mut Ctx, v: &Value, name: impl Display, n: &Number, tables: &mut Tables) {
    let cell = values::get_mut(
        &mut tables.part2,
        &mut tables.part3,
        &mut tables.part4,
        n.cell,
    );
    match (n.kind, cell) {
        (Kind::Count, Some(ValueMut::Count(c))) => {
            if let Some(x) = cx.count(v, name) {
                *c = x;
            }
        }
        (Kind::Signed, Some(ValueMut::Signed(s))) => {
            if let Some(x) = cx.signed(v, name) {
                *s = x;
            }
        }
        (Kind::Amount, Some(ValueMut::Amount(a))) => {
            if let Some(x) = cx.amount(v, name) {
                *a = x;
            }
        }
        // The description and the model agree on every cell (tested in model::values).
        _ => {}
    }
}

/// Totals the user left out: every part 三 row's 总计, the whole （七）总计 row, part 四's 总计. A
/// sum beyond the limit a count may hold is an error at the row's first number.
fn fill_totals(cx: &mut Ctx, tables: &mut Tables) {
    let p3 = &mut tables.part3;
    let format = p3.format();
    let total_given = p3.total.parts().iter().any(Count::is_given);
    let mut too_large = Vec::new();
    for id in RowId::all(format) {
        if let Some(row) = p3.row_mut(id)
            && !row.fill_total()
        {
            too_large.push((id.label(format), row.parts_sum(), first_span(row.cells())));
        }
    }
    if !total_given {
        match p3.computed_total() {
            Some(total) => p3.total = total,
            None => too_large.push((RowId::Total.label(format), 0, None)),
        }
    }
    for (g, group) in tables.part4.groups.iter_mut().enumerate() {
        if !group.fill_total() {
            let label = crate::tables::labels::P4_GROUPS[g].to_string();
            too_large.push((label, group.parts_sum(), first_span(group.cells())));
        }
    }
    for (label, sum, span) in too_large {
        let message = if sum > 0 {
            format!("“{label}”各数之和为 {sum}，超过上限 {MAX_COUNT}，无法计算总计")
        } else {
            format!("“{label}”的合计超过上限 {MAX_COUNT}，无法计算")
        };
        let hint = "检查这些数字是否录入有误（例如多打了几位）";
        cx.error(Code::TooLarge, span.unwrap_or(0..0), message, hint);
    }
}

fn first_span(cells: &[Count]) -> Option<crate::source::Span> {
    cells.iter().find_map(|c| c.span().cloned())
}

/// （六）其他处理 written in the other format's shape: three sub-items as one row (2021) or one row
/// as sub-items (2019). Reported here, and the key is skipped by the walk.
fn other_shape(cx: &mut Ctx, t: &mut Tbl, format: Format) -> Option<&'static str> {
    let v = t.table.get("other")?;
    let wrong = match format {
        Format::V2021 => v.get_ref().is_array(),
        Format::V2019 => v.get_ref().is_table(),
    };
    if !wrong {
        return None;
    }
    t.get("other");
    let (message, hint) = match format {
        Format::V2021 => (
            format!(
                "2021 格式的{}分 {} 项，不能写成一行",
                l::P3_OTHER,
                OTHER_KEYS.len()
            ),
            format!(
                "改为 [part3.other] 表，含 {}；或把 format 改为 \"2019\"",
                OTHER_KEYS.join("、")
            ),
        ),
        Format::V2019 => (
            format!("2019 格式的{}没有分项", l::P3_OTHER),
            "改为一行：other = [0, 0, 0, 0, 0, 0, 0]；或把 format 改为 \"2021\"".to_string(),
        ),
    };
    cx.error(Code::WrongFormatKey, v.span(), message, hint);
    Some("other")
}
