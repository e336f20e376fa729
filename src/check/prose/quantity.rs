//! What a figure means in table terms: the cells it stands for, their official labels (from
//! `tables::labels`) and their values (read through `tables::value_text`).

use crate::model::{Format, Report, RowId, Value};
use crate::tables::ValueRef;
use crate::tables::labels as l;
use crate::tables::schema::number;

use super::vocab::{Category, Rows, Sense};

/// A figure's meaning: a head and its refinements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meaning {
    pub head: Sense,
    pub columns: Option<&'static [usize]>,
    pub outcome: Option<usize>,
    pub doc_column: Option<usize>,
}

/// One addend of a quantity: a cell (or a category's cells) with its label and value.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub label: String,
    /// Value × 10 000 in the table's unit (件, or 万元 for the fees).
    pub scaled: u128,
}

/// The table side of a figure: the terms it adds up, and another reading a clerk may mean.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub terms: Vec<Term>,
    /// Accepted too (收到 may include 上年结转); never reported.
    pub also: Option<Vec<Term>>,
    /// Whether the table holds 万元 (the fees) rather than a count.
    pub money: bool,
}

impl Quantity {
    pub fn scaled(&self) -> u128 {
        self.terms.iter().map(|t| t.scaled).sum()
    }

    /// How the value was formed, for a message: “A（200）+ B（58）= 258”, or “A 为 258”.
    pub fn describe(&self) -> String {
        let total = shown(self.scaled());
        match self.terms.as_slice() {
            [one] => format!("{} 为 {total}", one.label),
            terms => {
                let parts: Vec<String> = terms
                    .iter()
                    .map(|t| format!("{}（{}）", t.label, shown(t.scaled)))
                    .collect();
                format!("{} = {total}", parts.join(" + "))
            }
        }
    }
}

/// A scaled value as printed: “258”, “8.362”.
pub fn shown(scaled: u128) -> String {
    let whole = scaled / 10_000;
    let frac = scaled % 10_000;
    if frac == 0 {
        return whole.to_string();
    }
    let f = format!("{frac:04}");
    format!("{whole}.{}", f.trim_end_matches('0'))
}

/// A cell's value × 10 000 (counts and 万元 amounts alike), read through [`Report::get`].
pub fn value(report: &Report, v: ValueRef) -> u128 {
    match report.get(v) {
        Some(Value::Count(c)) => u128::from(c.value()) * 10_000,
        Some(Value::Amount(a)) => u128::from(a.ten_thousandths()),
        _ => 0,
    }
}

/// A cell's name in messages, from the description of every number (`tables::schema`).
fn cell_label(report: &Report, v: ValueRef) -> String {
    number(report.format(), v)
        .map(|n| n.label())
        .unwrap_or_default()
}

fn category_rows(format: Format, c: Category) -> (Vec<RowId>, &'static str) {
    match c {
        Category::Denied => ((0..8).map(RowId::Denied).collect(), l::P3_DENIED),
        Category::Unable => ((0..3).map(RowId::Unable).collect(), l::P3_UNABLE),
        Category::NotProcessed => (
            (0..5).map(RowId::NotProcessed).collect(),
            l::P3_NOT_PROCESSED,
        ),
        Category::Other => (
            (0..format.other_rows()).map(RowId::Other).collect(),
            l::P3_OTHER,
        ),
    }
}

/// The groups of rows a part 三 phrase adds up: (label, rows) per addend.
fn row_groups(format: Format, rows: Rows) -> Vec<(String, Vec<RowId>)> {
    let one = |r: RowId| (r.label(format), vec![r]);
    let category = |c: Category| {
        let (rows, label) = category_rows(format, c);
        if rows.len() == 1 {
            (label.to_string(), rows)
        } else {
            (format!("{label}（{}项之和）", rows.len()), rows)
        }
    };
    match rows {
        Rows::New | Rows::Received => vec![one(RowId::New)],
        Rows::CarriedOver => vec![one(RowId::CarriedOver)],
        Rows::Done => vec![(
            format!("{}{}", l::P3_RESULTS, l::P3_TOTAL),
            vec![RowId::Total],
        )],
        Rows::CarriedForward => vec![one(RowId::CarriedForward)],
        Rows::Granted => vec![one(RowId::Granted)],
        Rows::Partly => vec![one(RowId::PartlyGranted)],
        Rows::GrantedAndPartly => vec![one(RowId::Granted), one(RowId::PartlyGranted)],
        Rows::Denied => vec![category(Category::Denied)],
        Rows::Unable => vec![category(Category::Unable)],
        Rows::NotProcessed => vec![category(Category::NotProcessed)],
        Rows::Other => vec![category(Category::Other)],
        Rows::Item(c, i) => {
            let (rows, _) = category_rows(format, c);
            match rows.get(i) {
                Some(&r) => vec![one(r)],
                None => Vec::new(),
            }
        }
    }
}

fn column_label(columns: &[usize]) -> &'static str {
    match columns {
        [c] => l::P3_COLUMNS[*c],
        _ => l::LEGAL_PERSONS,
    }
}

fn part3_terms(report: &Report, rows: Rows, columns: &[usize]) -> Vec<Term> {
    row_groups(report.format(), rows)
        .into_iter()
        .map(|(label, ids)| {
            let label = match (ids.as_slice(), columns) {
                ([row], [col]) => cell_label(
                    report,
                    ValueRef::Part3 {
                        row: *row,
                        col: *col,
                    },
                ),
                _ => format!("{label} 的 {}", column_label(columns)),
            };
            Term {
                label,
                scaled: ids
                    .iter()
                    .flat_map(|&row| columns.iter().map(move |&col| ValueRef::Part3 { row, col }))
                    .map(|v| value(report, v))
                    .sum(),
            }
        })
        .collect()
}

/// The table side of a meaning, or `None` when this report's format has no such cell.
pub fn resolve(report: &Report, m: &Meaning) -> Option<Quantity> {
    const TOTAL: &[usize] = &[crate::model::part3::TOTAL_COLUMN];
    let v2021 = report.format() == Format::V2021;
    let term = |cell| Term {
        label: cell_label(report, cell),
        scaled: value(report, cell),
    };
    let count = |terms| {
        Some(Quantity {
            terms,
            also: None,
            money: false,
        })
    };
    match m.head {
        Sense::Rows(rows) => {
            let columns = m.columns.unwrap_or(TOTAL);
            let terms = part3_terms(report, rows, columns);
            if terms.is_empty() {
                return None;
            }
            let also = (rows == Rows::Received).then(|| {
                let mut t = terms.clone();
                t.extend(part3_terms(report, Rows::CarriedOver, columns));
                t
            });
            Some(Quantity {
                terms,
                also,
                money: false,
            })
        }
        Sense::Groups(groups) => {
            let col = m.outcome.unwrap_or(crate::model::part4::TOTAL_COLUMN);
            count(
                groups
                    .iter()
                    .map(|&group| {
                        let cell = ValueRef::Part4 { group, col };
                        Term {
                            label: cell_label(report, cell),
                            scaled: value(report, cell),
                        }
                    })
                    .collect(),
            )
        }
        Sense::DocRow(row) if v2021 => {
            let cell = ValueRef::Documents {
                row,
                col: m.doc_column?,
            };
            count(vec![term(cell)])
        }
        Sense::Decisions(matter) if v2021 && matter != crate::tables::Matter::OtherServices => {
            count(vec![term(ValueRef::Decisions(matter))])
        }
        Sense::Fees if v2021 => Some(Quantity {
            terms: vec![term(ValueRef::Fees)],
            also: None,
            money: true,
        }),
        _ => None,
    }
}
