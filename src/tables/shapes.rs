//! The cell layouts of the three tables, transcribed from the national formats (see
//! ../shared/spec/report-format.md §2.3–2.5 and §3).

// The sections are written as arrays of tuples so that each reads like a row of the printed table.
#![allow(clippy::type_complexity)]

use super::labels as l;
use super::schema::{Format, Matter, RowId, ValueRef};
use super::{Builder, Table, TableId};

const FULL: usize = 4;

/// 二、主动公开政府信息情况: one table of four sections (five in 2019), 4 grid columns.
pub fn part2(format: Format) -> Table {
    let mut b = Builder::new(TableId::Part2, vec![48.0, 36.0, 36.0, 36.0], 0);
    let mut row = 0;
    let section = |b: &mut Builder, row: &mut usize, item: &'static str| {
        b.header(*row, 0, (1, FULL), item);
        b.keep_with_next(*row);
        b.keep_with_next(*row + 1);
        *row += 1;
    };
    let docs_columns = match format {
        Format::V2021 => l::DOCS_COLUMNS_2021,
        Format::V2019 => l::DOCS_COLUMNS_2019,
    };
    let normative = match format {
        Format::V2021 => l::NORMATIVE_2021,
        Format::V2019 => l::NORMATIVE_2019,
    };
    section(&mut b, &mut row, l::ITEM_1);
    b.header(row, 0, (1, 1), l::CONTENT);
    for (k, head) in docs_columns.into_iter().enumerate() {
        b.header(row, k + 1, (1, 1), head);
    }
    row += 1;
    for (i, label) in [l::REGULATIONS, normative].into_iter().enumerate() {
        b.label(row, 0, (1, 1), label);
        for col in 0..3 {
            b.value(row, col + 1, (1, 1), ValueRef::Documents { row: i, col });
        }
        row += 1;
    }
    match format {
        Format::V2021 => {
            let sections: [(&str, &str, &[(&str, ValueRef)]); 3] = [
                (
                    l::ITEM_5,
                    l::DECISIONS_2021,
                    &[(l::LICENSING, ValueRef::Decisions(Matter::Licensing))],
                ),
                (
                    l::ITEM_6,
                    l::DECISIONS_2021,
                    &[
                        (l::PUNISHMENT, ValueRef::Decisions(Matter::Punishment)),
                        (l::COERCION, ValueRef::Decisions(Matter::Coercion)),
                    ],
                ),
                (l::ITEM_8, l::FEE_AMOUNT_2021, &[(l::FEES, ValueRef::Fees)]),
            ];
            for (item, head, rows) in sections {
                section(&mut b, &mut row, item);
                b.header(row, 0, (1, 1), l::CONTENT);
                b.header(row, 1, (1, 3), head);
                row += 1;
                for &(label, v) in rows {
                    b.label(row, 0, (1, 1), label);
                    b.value(row, 1, (1, 3), v);
                    row += 1;
                }
            }
        }
        Format::V2019 => {
            let sections: [(&str, &[(&str, Matter)]); 2] = [
                (
                    l::ITEM_5,
                    &[
                        (l::LICENSING, Matter::Licensing),
                        (l::OTHER_SERVICES, Matter::OtherServices),
                    ],
                ),
                (
                    l::ITEM_6,
                    &[
                        (l::PUNISHMENT, Matter::Punishment),
                        (l::COERCION, Matter::Coercion),
                    ],
                ),
            ];
            for (item, rows) in sections {
                section(&mut b, &mut row, item);
                b.header(row, 0, (1, 1), l::CONTENT);
                for (k, head) in l::ITEMS_COLUMNS_2019.into_iter().enumerate() {
                    b.header(row, k + 1, (1, 1), head);
                }
                row += 1;
                for &(label, matter) in rows {
                    b.label(row, 0, (1, 1), label);
                    for col in 0..3 {
                        b.value(row, col + 1, (1, 1), ValueRef::Items2019 { matter, col });
                    }
                    row += 1;
                }
            }
            let pairs: [(&str, [&'static str; 2], &str, fn(usize) -> ValueRef); 2] = [
                (l::ITEM_8, l::FEES_COLUMNS_2019, l::FEES, ValueRef::Fees2019),
                (
                    l::ITEM_9,
                    l::PROCUREMENT_COLUMNS_2019,
                    l::PROCUREMENT,
                    ValueRef::Procurement,
                ),
            ];
            for (item, heads, label, bind) in pairs {
                section(&mut b, &mut row, item);
                b.header(row, 0, (1, 1), l::CONTENT);
                b.header(row, 1, (1, 1), heads[0]);
                b.header(row, 2, (1, 2), heads[1]);
                row += 1;
                b.label(row, 0, (1, 1), label);
                b.value(row, 1, (1, 1), bind(0));
                b.value(row, 2, (1, 2), bind(1));
                row += 1;
            }
        }
    }
    b.finish()
}

/// 三、收到和处理政府信息公开申请情况: 10 grid columns (A vertical, B category, C sub-item, 7 values).
pub fn part3(format: Format) -> Table {
    // 自然人 (column D) holds its three characters on one 五号 line inside 1 mm padding (13.2 mm),
    // the width taken from the category column, whose "不予公开" still fits a line.
    let mut columns = vec![8.0, 17.8, 51.0, 13.2];
    columns.extend([11.0; 6]);
    let mut b = Builder::new(TableId::Part3, columns, 3);
    b.header(0, 0, (3, 3), l::P3_NOTE);
    b.header(0, 3, (1, 7), l::APPLICANTS);
    b.header(1, 3, (2, 1), l::P3_COLUMNS[0]);
    b.header(1, 4, (1, 5), l::LEGAL_PERSONS);
    b.header(1, 9, (2, 1), l::P3_COLUMNS[6]);
    for k in 1..6 {
        b.header(2, k + 3, (1, 1), l::P3_COLUMNS[k]);
    }
    let values = |b: &mut Builder, row: usize, id: RowId| {
        for col in 0..7 {
            b.value(row, col + 3, (1, 1), ValueRef::Part3 { row: id, col });
        }
    };
    let mut row = 3;
    for (id, label) in [
        (RowId::New, l::P3_NEW),
        (RowId::CarriedOver, l::P3_CARRIED_OVER),
    ] {
        b.label(row, 0, (1, 3), label);
        values(&mut b, row, id);
        row += 1;
    }
    let results = RowId::results(format).len() + 1;
    b.label(row, 0, (results, 1), l::P3_RESULTS);
    b.cells.last_mut().expect("just pushed").vertical = true;
    for (id, label) in [
        (RowId::Granted, l::P3_GRANTED),
        (RowId::PartlyGranted, l::P3_PARTLY),
    ] {
        b.label(row, 1, (1, 2), label);
        values(&mut b, row, id);
        row += 1;
    }
    let other_items: &[&'static str] = match format {
        Format::V2021 => &l::P3_OTHER_ITEMS_2021,
        Format::V2019 => &[],
    };
    let groups: [(&'static str, &[&'static str], fn(usize) -> RowId); 4] = [
        (l::P3_DENIED, &l::P3_DENIED_ITEMS, RowId::Denied),
        (l::P3_UNABLE, &l::P3_UNABLE_ITEMS, RowId::Unable),
        (
            l::P3_NOT_PROCESSED,
            &l::P3_NOT_PROCESSED_ITEMS,
            RowId::NotProcessed,
        ),
        (l::P3_OTHER, other_items, RowId::Other),
    ];
    for (category, items, id) in groups {
        if items.is_empty() {
            b.label(row, 1, (1, 2), category);
            values(&mut b, row, id(0));
            row += 1;
            continue;
        }
        b.label(row, 1, (items.len(), 1), category);
        for (i, item) in items.iter().enumerate() {
            b.label(row, 2, (1, 1), item);
            values(&mut b, row, id(i));
            row += 1;
        }
    }
    b.label(row, 1, (1, 2), l::P3_TOTAL);
    values(&mut b, row, RowId::Total);
    row += 1;
    b.label(row, 0, (1, 3), l::P3_CARRIED_FORWARD);
    values(&mut b, row, RowId::CarriedForward);
    b.finish()
}

/// 四、政府信息公开行政复议、行政诉讼情况: 15 columns, 3 header rows, one row of values.
pub fn part4() -> Table {
    let mut b = Builder::new(TableId::Part4, vec![10.4; 15], 3);
    b.header(0, 0, (1, 5), l::REVIEW);
    b.header(0, 5, (1, 10), l::LITIGATION);
    for (k, head) in l::P4_COLUMNS.into_iter().enumerate() {
        b.header(1, k, (2, 1), head);
    }
    b.header(1, 5, (1, 5), l::DIRECT_SUIT);
    b.header(1, 10, (1, 5), l::SUIT_AFTER_REVIEW);
    for group in 1..3 {
        for (k, head) in l::P4_COLUMNS.into_iter().enumerate() {
            b.header(2, group * 5 + k, (1, 1), head);
        }
    }
    for group in 0..3 {
        for col in 0..5 {
            b.value(3, group * 5 + col, (1, 1), ValueRef::Part4 { group, col });
        }
    }
    b.finish()
}
