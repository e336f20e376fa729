//! Placing a table's numbers by their labels. The expected rows come from the one table
//! description ([`crate::tables::Table`]): each row's innermost label and the value cells bound to
//! it. A source table's cells are read in order; a cell whose label is a row's label takes the
//! cells after it as that row's values. This tolerates merged cells written any way, header rows
//! broken across lines and padding cells, since only labels and their order decide.

use super::Grid;
use super::columns;
use super::edits::Edit;
use super::normalize::{Cell, Unit, cell_number, label_key};
use crate::model::values::ValueMut;
use crate::model::{Amount, Count, Format, Signed};
use crate::tables::labels as l;
use crate::tables::schema::{self, Kind};
use crate::tables::{CellKind, Content, Slot, Table, TableId, ValueRef};
use crate::write::Draft;

/// A row of a table description that holds numbers.
pub struct Expected {
    /// The comparable key of its innermost label ("" for part 四's row of numbers).
    pub key: String,
    pub label: String,
    pub values: Vec<ValueRef>,
    /// Each value's column labels as keys, innermost first ([`columns::description_heads`]).
    pub heads: Vec<Vec<String>>,
    /// Each value's innermost column label as printed, for messages.
    pub head_labels: Vec<&'static str>,
}

impl Expected {
    /// The row's label for messages ("数字行" for part 四's row without one).
    pub fn label_or_numbers(&self) -> &str {
        if self.label.is_empty() {
            "数字行"
        } else {
            &self.label
        }
    }
}

pub fn expected_rows(t: &Table) -> Vec<Expected> {
    (0..t.rows)
        .filter_map(|row| {
            let mut cells: Vec<_> = t.row_cells(row).map(|(_, c)| c).collect();
            cells.sort_by_key(|c| c.col);
            let value_cells: Vec<_> = cells
                .iter()
                .filter_map(|c| match c.content {
                    Content::Value(v) => Some((v, c)),
                    Content::Label(_) => None,
                })
                .collect();
            let values: Vec<ValueRef> = value_cells.iter().map(|(v, _)| *v).collect();
            let heads: Vec<Vec<String>> = value_cells
                .iter()
                .map(|(_, c)| columns::description_heads(t, c.row, c.col, c.colspan))
                .collect();
            let head_labels = value_cells
                .iter()
                .map(|(_, c)| innermost_head(t, c.row, c.col))
                .collect();
            if values.is_empty() {
                return None;
            }
            let label = cells
                .iter()
                .rev()
                .find_map(|c| match c.content {
                    Content::Label(s) if c.kind == CellKind::Label => Some(s),
                    _ => None,
                })
                .unwrap_or("");
            Some(Expected {
                key: label_key(label),
                label: label.to_string(),
                values,
                heads,
                head_labels,
            })
        })
        .collect()
}

/// The printed header nearest above a value cell.
fn innermost_head(t: &Table, row: usize, col: usize) -> &'static str {
    (0..row)
        .rev()
        .find_map(|r| {
            let i = match t.slot(r, col) {
                Slot::Cell(i) | Slot::Merged { parent: i } => i,
            };
            match t.cells[i].content {
                Content::Label(s) if t.cells[i].kind == CellKind::Header => Some(s),
                _ => None,
            }
        })
        .unwrap_or("")
}

/// Every label key of a description (row heads, column heads, section heads).
fn known_keys(t: &Table) -> Vec<String> {
    t.cells
        .iter()
        .filter_map(|c| match c.content {
            Content::Label(s) => Some(label_key(s)),
            Content::Value(_) => None,
        })
        .collect()
}

/// Which table a source grid is, from its labels.
pub fn classify(grid: &Grid) -> Option<TableId> {
    let keys: Vec<String> = grid.texts().map(label_key).collect();
    let has = |k: &str| keys.iter().any(|x| x.contains(k));
    if has("第二十条") || has(&label_key(l::REGULATIONS)) && has(&label_key(l::LICENSING)) {
        Some(TableId::Part2)
    } else if has(&label_key(l::APPLICANTS)) || has(&label_key(l::P3_NEW)) {
        Some(TableId::Part3)
    } else if has(l::REVIEW) && (has(l::LITIGATION) || has(l::SUIT_AFTER_REVIEW)) {
        Some(TableId::Part4)
    } else {
        None
    }
}

/// The format the part 二 labels belong to, when they tell.
pub fn format_of(part2: &[&Grid]) -> Option<Format> {
    let keys: Vec<String> = part2
        .iter()
        .flat_map(|g| g.texts())
        .map(label_key)
        .collect();
    let count = |labels: &[&str]| {
        labels
            .iter()
            .filter(|s| keys.contains(&label_key(s)))
            .count()
    };
    let mut v2019: Vec<&str> = l::DOCS_COLUMNS_2019.to_vec();
    v2019.extend([l::OTHER_SERVICES, l::PROCUREMENT]);
    v2019.extend(l::ITEMS_COLUMNS_2019);
    let mut v2021: Vec<&str> = l::DOCS_COLUMNS_2021.to_vec();
    v2021.extend([l::DECISIONS_2021, l::NORMATIVE_2021, l::FEE_AMOUNT_2021]);
    match (count(&v2021), count(&v2019)) {
        (0, 0) => None,
        (a, b) if a >= b => Some(Format::V2021),
        _ => Some(Format::V2019),
    }
}

/// A source table cell with its place, for messages.
struct Src<'a> {
    text: &'a str,
    place: String,
    /// The source row, when the source has rows (copied text has none).
    row: Option<usize>,
}

fn cells<'a>(table_no: usize, grid: &'a Grid) -> Vec<Src<'a>> {
    let flat = grid.rows.len() == 1;
    let mut out = Vec::new();
    for (r, row) in grid.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let text = &cell.text;
            let place = if flat {
                format!("表格 {table_no} 第 {} 格", c + 1)
            } else {
                format!("表格 {table_no} 第 {} 行第 {} 列", r + 1, c + 1)
            };
            out.push(Src {
                text: text.as_str(),
                place,
                row: (!flat).then_some(r),
            });
        }
    }
    out
}

/// What placing found: messages for stderr and comments for the TOML.
#[derive(Default)]
pub struct Placed {
    pub unplaced: Vec<String>,
    pub edits: Vec<Edit>,
    /// Rows of the description no source row matched.
    pub missing: Vec<String>,
}

/// Places the numbers of the source tables of one part into the draft.
pub fn place(draft: &mut Draft, id: TableId, sources: &[(usize, &Grid)], out: &mut Placed) {
    let table = Table::new(id, draft.format);
    let rows = expected_rows(&table);
    let known = known_keys(&table);
    let headers: Vec<String> = table
        .cells
        .iter()
        .filter_map(|c| match c.content {
            Content::Label(s) if c.kind == CellKind::Header => Some(label_key(s)),
            _ => None,
        })
        .collect();
    let mut found = vec![false; rows.len()];
    for (table_no, grid) in sources {
        if grid.rows.len() > 1 {
            columns::place_grid(
                draft, *table_no, grid, &rows, &known, &headers, &mut found, out,
            );
            continue;
        }
        let cells = cells(*table_no, grid);
        let is_value = |s: &Src| !matches!(cell_number(s.text), Cell::Text);
        let mut used = vec![false; cells.len()];
        let mut i = 0;
        while i < cells.len() {
            let key = label_key(cells[i].text);
            // Cells after the label in its row; empty ones right after it are the label's own
            // merged slots when the row has more cells than values (a merge drawn as cells).
            let skip_for = |n: usize| match cells[i].row {
                Some(row) => {
                    let rest = cells[i + 1..].iter().take_while(|c| c.row == Some(row));
                    let m = rest.clone().count();
                    let blanks = rest.take_while(|c| c.text.trim().is_empty()).count();
                    blanks.min(m.saturating_sub(n))
                }
                None => 0,
            };
            let hit = (!key.is_empty())
                .then(|| rows.iter().position(|r| r.key == key))
                .flatten()
                .filter(|&r| {
                    let n = rows[r].values.len();
                    let from = i + 1 + skip_for(n);
                    // Values follow the label; a label among them means this was a header cell.
                    // (A cell that is neither, such as "1,23", is a value that is reported.)
                    let after = || cells[from.min(cells.len())..].iter().take(n);
                    after().all(|s| is_value(s) || !known.contains(&label_key(s.text)))
                        && (after().any(|s| !s.text.trim().is_empty()) || !headers.contains(&key))
                });
            let Some(r) = hit else {
                i += 1;
                continue;
            };
            used[i] = true;
            let n = rows[r].values.len();
            let from = i + 1 + skip_for(n);
            for (k, v) in rows[r].values.iter().enumerate() {
                match cells.get(from + k) {
                    Some(c) => {
                        used[from + k] = true;
                        set_cell(draft, *v, c.text, &c.place, out);
                    }
                    None => out.unplaced.push(format!(
                        "表格 {table_no}：“{}”一行缺少第 {} 个数字，按 0 导入",
                        rows[r].label,
                        k + 1
                    )),
                }
            }
            found[r] = true;
            i = from + n;
        }
        // Part 四's row of numbers has no label: the numbers after the last label.
        if let Some(r) = rows.iter().position(|r| r.key.is_empty()) {
            let n = rows[r].values.len();
            let last_label = cells.iter().rposition(|c| !is_value(c));
            let start = last_label.map_or(0, |p| p + 1);
            let tail: Vec<usize> = (start..cells.len())
                .filter(|&k| !cells[k].text.trim().is_empty() || grid.rows.len() > 1)
                .collect();
            let tail: Vec<usize> = if tail.len() > n {
                tail[tail.len() - n..].to_vec()
            } else {
                tail
            };
            if tail.len() == n {
                for (v, &k) in rows[r].values.iter().zip(&tail) {
                    used[k] = true;
                    set_cell(draft, *v, cells[k].text, &cells[k].place, out);
                }
                found[r] = true;
            }
        }
        for (k, c) in cells.iter().enumerate() {
            if used[k] || c.text.trim().is_empty() {
                continue;
            }
            let key = label_key(c.text);
            if is_value(c) {
                out.unplaced.push(format!(
                    "{}：数字“{}”找不到所属的行，未导入",
                    c.place, c.text
                ));
            } else if !known.iter().any(|k| {
                *k == key
                    || (k.len() >= 6
                        && key.len() >= 6
                        && (k.starts_with(&key) || key.starts_with(k.as_str())))
            }) {
                out.unplaced.push(format!(
                    "{}：表格中的“{}”不是统一格式的栏目，未导入",
                    c.place, c.text
                ));
            }
        }
    }
    for (r, row) in rows.iter().enumerate() {
        if !found[r] {
            let label = if row.label.is_empty() {
                "数字行".to_string()
            } else {
                row.label.clone()
            };
            let at: Vec<String> = sources.iter().map(|(n, g)| g.whole_place(*n)).collect();
            out.missing.push(format!(
                "{}：缺少“{label}”一行（{}）",
                heading(id),
                at.join("、")
            ));
        }
    }
}

fn heading(id: TableId) -> &'static str {
    match id {
        TableId::Part2 => l::PART_HEADINGS[1],
        TableId::Part3 => l::PART_HEADINGS[2],
        TableId::Part4 => l::PART_HEADINGS[3],
    }
}

/// Reads one source cell as the number bound to `v` and stores it, noting anything unusual.
pub fn set_cell(draft: &mut Draft, v: ValueRef, text: &str, place: &str, out: &mut Placed) {
    // The binding's key, column and kind: from the one description of every number.
    let Some(number) = schema::number(draft.format, v) else {
        return;
    };
    let (table, key, index) = (number.key.table, number.key.key, number.key.index);
    let column = number.column;
    let note = |out: &mut Placed, text: String| {
        out.edits.push(Edit::Comment {
            table: table.to_string(),
            key: key.to_string(),
            text,
        })
    };
    let at = index.map_or(String::new(), |i| format!("第 {} 个数（{column}）", i + 1));
    let is_total = matches!(
        v,
        ValueRef::Part3 { col: 6, .. } | ValueRef::Part4 { col: 4, .. }
    );
    match cell_number(text) {
        Cell::Blank { .. } if is_total => {
            // A blank 总计 is left out of the file so that the tool computes it.
            out.edits.push(Edit::DropTotal {
                table: table.to_string(),
                key: key.to_string(),
            });
            note(
                out,
                format!("导入：原表的 总计 空白，已省略，由工具计算（{place}）"),
            );
        }
        Cell::Blank { dash } => {
            let what = if dash {
                format!("为“{}”", text.trim())
            } else {
                "空白".to_string()
            };
            note(out, format!("导入：{at}原表{what}，按 0 填入（{place}）"));
            store(draft, v, Num::Int(0));
        }
        Cell::Text => {
            out.unplaced
                .push(format!("{place}：“{text}”不是数字，按 0 导入，请核对"));
            note(
                out,
                format!("导入：{at}原表为“{text}”，不是数字，按 0 填入，请核对（{place}）"),
            );
            store(draft, v, Num::Int(0));
        }
        Cell::Number { value, unit } => {
            let shown = text.trim();
            // What the cell reads as, and a note when a unit was converted.
            let (read, converted): (Result<Num, &str>, bool) = if number.kind == Kind::Amount {
                // The table's unit is 万元: 元 is converted exactly, to the 元 (83620元 → 8.3620).
                let wan = if unit == Unit::Yuan {
                    value.scaled(-4)
                } else {
                    value
                };
                let read = match wan.ten_thousandths() {
                    Some((tt, decimals)) => Ok(Num::Amount(tt, decimals)),
                    None if value.negative => Err("是负数"),
                    None => Err("不能精确到万元的四位小数（即 1 元）"),
                };
                (read, unit == Unit::Yuan)
            } else {
                let count = match unit {
                    Unit::Yuan | Unit::WanYuan => Err("是金额，不是件数"),
                    Unit::Wan => value.scaled(4).whole().ok_or("不是件数（整数）"),
                    Unit::Plain => value.whole().ok_or("不是件数（整数）"),
                };
                let read = match count {
                    Ok(n) if n < 0 && number.kind != Kind::Signed => Err("是负数，不是件数"),
                    Ok(n) => Ok(Num::Int(n)),
                    Err(why) => Err(why),
                };
                (read, unit == Unit::Wan)
            };
            match read {
                Ok(n) => {
                    if converted {
                        let as_read = match n {
                            Num::Int(i) => i.to_string(),
                            Num::Amount(tt, d) => Amount::new(tt, d, None)
                                .map_or_else(String::new, |a| a.display() + "万元"),
                        };
                        note(
                            out,
                            format!("导入：{at}原表为“{shown}”，换算为 {as_read}（{place}）"),
                        );
                    }
                    store(draft, v, n);
                }
                Err(why) => {
                    out.unplaced
                        .push(format!("{place}：“{shown}”{why}，按 0 导入，请核对"));
                    note(
                        out,
                        format!("导入：{at}原表为“{shown}”，{why}，按 0 填入，请核对（{place}）"),
                    );
                    store(draft, v, Num::Int(0));
                }
            }
        }
    }
}

enum Num {
    Int(i64),
    Amount(u64, u8),
}

/// Stores a number at a binding of the draft, as the binding's kind.
fn store(draft: &mut Draft, v: ValueRef, n: Num) {
    let (int, tt, decimals) = match n {
        Num::Int(i) => (i, (i.max(0) as u64).saturating_mul(10_000), 0),
        Num::Amount(tt, d) => ((tt / 10_000) as i64, tt, d),
    };
    // A number beyond what the model holds is left out (0), as the recogniser's other misses are.
    match draft.get_mut(v) {
        Some(ValueMut::Count(c)) => {
            if let Some(new) = Count::computed(int.max(0) as u64) {
                *c = new;
            }
        }
        Some(ValueMut::Signed(s)) => {
            if let Some(new) = Signed::new(int, None) {
                *s = new;
            }
        }
        Some(ValueMut::Amount(a)) => {
            if let Some(new) = Amount::new(tt, decimals, None) {
                *a = new;
            }
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_row_has_a_distinct_label() {
        for format in [Format::V2021, Format::V2019] {
            for id in [TableId::Part2, TableId::Part3, TableId::Part4] {
                let rows = expected_rows(&Table::new(id, format));
                for (i, a) in rows.iter().enumerate() {
                    for b in &rows[i + 1..] {
                        assert_ne!(a.key, b.key, "{id:?} {format:?}");
                    }
                }
            }
        }
    }
}
