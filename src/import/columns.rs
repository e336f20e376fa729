//! Placing the numbers of a table that has rows (Word, web page, spreadsheet) by BOTH its labels:
//! a row is found by its row label, and each of its cells goes to the number whose column labels
//! (the header cells above it in the description) are the header cells above it in the source,
//! however they are merged or split. Columns in another order, an extra column and a 2019 table
//! land in the right cells; a cell under a column no label matches is reported, never guessed.

use super::Grid;
use super::normalize::{Cell, cell_number, label_key};
use super::place::{Expected, Placed, set_cell};
use crate::tables::{Content, Slot, Table};
use crate::write::Draft;

/// The column labels of a value cell of the description, innermost first: the header cells over
/// its columns in the run of header rows nearest above its row.
pub fn description_heads(t: &Table, row: usize, col: usize, colspan: usize) -> Vec<String> {
    let has_values = |r: usize| {
        t.cells
            .iter()
            .any(|c| c.row == r && matches!(c.content, Content::Value(_)))
    };
    let mut heads: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    let mut in_block = false;
    for r in (0..row).rev() {
        if has_values(r) {
            if in_block {
                break;
            }
            continue;
        }
        in_block = true;
        for k in col..col + colspan {
            let i = match t.slot(r, k) {
                Slot::Cell(i) | Slot::Merged { parent: i } => i,
            };
            if let Content::Label(s) = t.cells[i].content
                && !seen.contains(&i)
            {
                seen.push(i);
                heads.push(label_key(s));
            }
        }
    }
    heads
}

/// Whether a source label is a description's label: equal keys, or one the other's beginning when
/// both are long enough not to be a common word ("本年收费金额万元" for "本年收费金额").
fn same(a: &str, b: &str) -> bool {
    a == b
        || (a.chars().count().min(b.chars().count()) >= 4 && (a.starts_with(b) || b.starts_with(a)))
}

/// A source cell, the value it matched (and whether by its own heads), its innermost head.
type Match = (usize, Option<(usize, bool)>, Option<String>);

#[derive(Clone, Copy, PartialEq)]
enum RowKind {
    /// A row of the description, found by its label (index into the expected rows, label cell).
    Data(usize, usize),
    /// Numbers (and blanks) only: part 四's row of numbers.
    Numbers,
    /// Numbers after a label that is no row of the description.
    Unknown,
    /// Text only: column heads, section heads.
    Header,
    Blank,
}

/// Places the numbers of one source table with rows; marks the rows of the description it found.
#[allow(clippy::too_many_arguments)]
pub fn place_grid(
    draft: &mut Draft,
    table_no: usize,
    grid: &Grid,
    rows: &[Expected],
    known: &[String],
    headers: &[String],
    found: &mut [bool],
    out: &mut Placed,
) {
    let slotted = grid.slotted();
    let cells: &[super::Slotted] = &slotted;
    let nrows = grid.rows.len();
    let ncols = cells
        .iter()
        .map(|s| s.col + s.cell.colspan)
        .max()
        .unwrap_or(0);
    // cover[r * ncols + c]: the cell covering the slot.
    let mut cover: Vec<Option<usize>> = vec![None; nrows * ncols];
    for (i, s) in cells.iter().enumerate() {
        for r in s.row..(s.row + s.cell.rowspan).min(nrows) {
            for c in s.col..s.col + s.cell.colspan {
                cover[r * ncols + c].get_or_insert(i);
            }
        }
    }
    let kind: Vec<Cell> = cells.iter().map(|s| cell_number(&s.cell.text)).collect();
    let blank = |i: usize| cells[i].cell.text.trim().is_empty();
    let numeric = |i: usize| matches!(kind[i], Cell::Number { .. });
    let text = |i: usize| matches!(kind[i], Cell::Text);
    let place = |i: usize| grid.place(table_no, cells[i].row, cells[i].col);
    let mut by_row: Vec<Vec<usize>> = vec![Vec::new(); nrows];
    for (i, s) in cells.iter().enumerate() {
        by_row[s.row].push(i);
    }
    let anchored = |r: usize| by_row[r].iter().copied();

    let mut row_kind = Vec::with_capacity(nrows);
    let mut claimed = vec![false; rows.len()];
    let mut used = vec![false; cells.len()];
    for r in 0..nrows {
        let any_number = anchored(r).any(numeric);
        let first_text = anchored(r).find(|&i| !blank(i));
        let label = anchored(r).rev().find_map(|i| {
            let key = label_key(&cells[i].cell.text);
            let e = rows.iter().position(|e| !key.is_empty() && e.key == key)?;
            // "总计" and "其他" head columns as well as rows: a row label only before numbers,
            // or first in its row before nothing but blanks (a row left empty).
            let only_blanks_after = anchored(r)
                .filter(|&j| cells[j].col > cells[i].col)
                .all(|j| !text(j));
            (!headers.contains(&key) || any_number || first_text == Some(i) && only_blanks_after)
                .then_some((e, i))
        });
        row_kind.push(match label {
            Some((e, i)) if !claimed[e] => {
                claimed[e] = true;
                RowKind::Data(e, i)
            }
            Some((_, i)) => {
                out.unplaced.push(format!(
                    "{}：“{}”一行重复出现，未导入",
                    place(i),
                    cells[i].cell.text
                ));
                used[i] = true;
                RowKind::Unknown
            }
            None if anchored(r).all(|i| !text(i)) && any_number => RowKind::Numbers,
            None if any_number => RowKind::Unknown,
            None if first_text.is_some() => RowKind::Header,
            None => RowKind::Blank,
        });
    }
    // Part 四's row of numbers: the first row of numbers only, under column heads.
    let unlabeled = rows.iter().position(|e| e.key.is_empty());
    let under_heads = |r: usize, kind: RowKind| {
        row_kind[r] == kind && (0..r).any(|h| row_kind[h] == RowKind::Header)
    };
    let numbers_row = (0..nrows)
        .find(|&r| under_heads(r, RowKind::Numbers))
        .or_else(|| (0..nrows).find(|&r| under_heads(r, RowKind::Blank)));
    // Heads with no row of numbers under them (a spreadsheet keeps no empty row): every number
    // of the row was left blank.
    if let Some(e) = unlabeled
        && numbers_row.is_none()
        && !found[e]
        && row_kind.contains(&RowKind::Header)
    {
        found[e] = true;
        let at = grid.place(table_no, nrows, 0);
        for &v in &rows[e].values {
            set_cell(draft, v, "", &format!("{at} 所在的数字行"), out);
        }
    }

    // The header rows nearest above a row (nearest first), blank rows inside them skipped.
    let header_rows = |r: usize| {
        let mut block = Vec::new();
        for h in (0..r).rev() {
            match row_kind[h] {
                RowKind::Header => block.push(h),
                RowKind::Blank => {}
                _ if block.is_empty() => {}
                _ => break,
            }
        }
        block
    };
    // A source cell's column labels: header cells over its columns, and each head joined with
    // the one below it (a head broken over two rows). Inferred: where a header slot over it is
    // blank, the nearest head to its left in that row (a merge drawn as empty cells), which
    // only decides between values that its own heads match equally.
    let heads_of = |i: usize, block: &[usize], shift: isize| {
        let at = |c: usize| (c as isize + shift).clamp(0, ncols as isize - 1) as usize;
        let (c0, c1) = (
            at(cells[i].col),
            at(cells[i].col + cells[i].cell.colspan - 1) + 1,
        );
        let filled = |h: usize, c: usize| cover[h * ncols + c].filter(|&j| !blank(j));
        let mut seen = Vec::new();
        let mut keys = Vec::new();
        let mut inferred = Vec::new();
        for &h in block {
            for c in c0..c1 {
                let (j, list) = match filled(h, c) {
                    Some(j) => (j, &mut keys),
                    None => match (0..c).rev().find_map(|k| filled(h, k)) {
                        Some(j) => (j, &mut inferred),
                        None => continue,
                    },
                };
                if !seen.contains(&j) {
                    seen.push(j);
                    list.push(label_key(&cells[j].cell.text));
                }
            }
        }
        let column: Vec<usize> = block.iter().rev().filter_map(|&h| filled(h, c0)).collect();
        for pair in column.windows(2) {
            if pair[0] != pair[1] {
                let joined = format!("{}{}", cells[pair[0]].cell.text, cells[pair[1]].cell.text);
                keys.push(label_key(&joined));
            }
        }
        (keys, inferred)
    };

    for (r, &kind_of_row) in row_kind.iter().enumerate() {
        let (e, candidates): (usize, Vec<usize>) = match kind_of_row {
            RowKind::Data(e, label) => {
                used[label] = true;
                let end = cells[label].col + cells[label].cell.colspan;
                for i in anchored(r).filter(|&i| cells[i].col < end && text(i)) {
                    used[i] = true;
                }
                (e, anchored(r).filter(|&i| cells[i].col >= end).collect())
            }
            RowKind::Numbers if Some(r) == numbers_row => match unlabeled {
                Some(e) => (e, anchored(r).collect()),
                None => continue,
            },
            _ => continue,
        };
        found[e] = true;
        let expected = &rows[e];
        let block = header_rows(r);
        // Each candidate's value: the one whose labels it has most of (its innermost one at
        // least), when that one is unique; (own heads matched, inferred heads matched).
        let match_with = |shift: isize| {
            let mut found = Vec::new();
            for &i in &candidates {
                let (s, inferred) = heads_of(i, &block, shift);
                let score = |k: usize| {
                    let want = &expected.heads[k];
                    let has = |w: &String| s.iter().any(|x| same(x, w));
                    let infers = |w: &String| !has(w) && inferred.iter().any(|x| same(x, w));
                    match want.first() {
                        Some(inner) if has(inner) || infers(inner) => (
                            want.iter().filter(|w| has(w)).count(),
                            want.iter().filter(|w| infers(w)).count(),
                        ),
                        _ => (0, 0),
                    }
                };
                let scores: Vec<(usize, usize)> = (0..expected.values.len()).map(score).collect();
                let best = scores.iter().copied().max().unwrap_or((0, 0));
                let winners: Vec<usize> =
                    (0..scores.len()).filter(|&k| scores[k] == best).collect();
                let hit = match winners.as_slice() {
                    [k] if best != (0, 0) => Some((*k, best.0 > 0)),
                    _ => None,
                };
                found.push((i, hit, s.first().or(inferred.first()).cloned()));
            }
            found
        };
        // Heads drawn a column off the data (a colspan put on the wrong cell): the shift under
        // which more values find a cell and fewer cells stay unmatched, if one does better.
        let quality = |m: &[Match]| {
            let mut values: Vec<usize> = m.iter().filter_map(|(_, h, _)| h.map(|h| h.0)).collect();
            values.sort_unstable();
            values.dedup();
            let misses = m
                .iter()
                .filter(|(i, h, _)| h.is_none() && !blank(*i))
                .count();
            (values.len() as isize, -(misses as isize))
        };
        let mut matched = match_with(0);
        let positional = candidates
            .iter()
            .all(|&i| heads_of(i, &block, 0) == (Vec::new(), Vec::new()));
        if !positional && quality(&matched) < (expected.values.len() as isize, 0) {
            for shift in [-1, 1] {
                let other = match_with(shift);
                if quality(&other) > quality(&matched) {
                    matched = other;
                }
            }
        }
        // Per value: the cells that went to it, and whether their own heads matched.
        let mut chosen: Vec<Vec<(usize, bool)>> = vec![Vec::new(); expected.values.len()];
        if positional {
            // No column heads at all above the row: the official order, when the count says so.
            let filled: Vec<usize> = candidates.iter().copied().filter(|&i| !blank(i)).collect();
            let list = if candidates.len() == expected.values.len() {
                candidates.clone()
            } else {
                filled
            };
            if list.len() == expected.values.len() {
                for (k, &i) in list.iter().enumerate() {
                    chosen[k].push((i, true));
                }
            }
        } else {
            for (i, hit, column) in matched {
                match hit {
                    Some((k, explicit)) => chosen[k].push((i, explicit)),
                    None if blank(i) => used[i] = true,
                    None => {
                        used[i] = true;
                        let column =
                            column.map_or("（无栏目名）".to_string(), |h| format!("“{h}”"));
                        out.unplaced.push(format!(
                            "{}：“{}”所在的列{column}不是“{}”一行的统一格式栏目，未导入",
                            place(i),
                            cells[i].cell.text,
                            expected.label_or_numbers()
                        ));
                    }
                }
            }
        }
        for (k, list) in chosen.iter().enumerate() {
            for &(i, _) in list {
                used[i] = true;
            }
            // A cell whose column has a head of its own wins over one under a blank head.
            let explicit = list.iter().any(|&(_, e)| e);
            let primary: Vec<usize> = list
                .iter()
                .filter(|&&(_, e)| e || !explicit)
                .map(|&(i, _)| i)
                .collect();
            let first = primary
                .iter()
                .copied()
                .find(|&i| !blank(i))
                .or(primary.first().copied());
            let Some(first) = first else {
                out.unplaced.push(format!(
                    "表格 {table_no}：“{}”一行没有“{}”一栏，按 0 导入",
                    expected.label_or_numbers(),
                    expected.head_labels[k]
                ));
                continue;
            };
            for &(other, _) in list {
                if other == first || blank(other) {
                    continue;
                }
                out.unplaced.push(format!(
                    "{}：“{}”与 {} 同在“{}”一栏，只导入了前者的“{}”",
                    place(other),
                    cells[other].cell.text,
                    place(first),
                    expected.head_labels[k],
                    cells[first].cell.text
                ));
            }
            set_cell(
                draft,
                expected.values[k],
                &cells[first].cell.text,
                &place(first),
                out,
            );
        }
    }

    for (i, c) in cells.iter().enumerate() {
        if used[i] || blank(i) {
            continue;
        }
        let key = label_key(&c.cell.text);
        if numeric(i) {
            out.unplaced.push(format!(
                "{}：数字“{}”找不到所属的行，未导入",
                place(i),
                c.cell.text
            ));
        } else if !known
            .iter()
            .any(|k| *k == key || same(k, &key) && key.len() >= 6)
        {
            out.unplaced.push(format!(
                "{}：表格中的“{}”不是统一格式的栏目，未导入",
                place(i),
                c.cell.text
            ));
        }
    }
}
