//! Shape tests: the grids have the spec's rows, columns and spans. The labels are checked against
//! the spec typed in independently, on the DOCX output (tests/docx.rs).

use super::*;

fn spans(t: &Table) -> Vec<(usize, usize, usize, usize)> {
    t.cells
        .iter()
        .filter(|c| c.rowspan > 1 || c.colspan > 1)
        .map(|c| (c.row, c.col, c.rowspan, c.colspan))
        .collect()
}

fn label_at(t: &Table, row: usize, col: usize) -> &'static str {
    match t.slot(row, col) {
        Slot::Cell(i) => match t.cells[i].content {
            Content::Label(s) => s,
            Content::Value(_) => "<value>",
        },
        Slot::Merged { .. } => "<merged>",
    }
}

#[test]
fn part3_2021_is_10_by_28_with_official_merges() {
    let t = Table::new(TableId::Part3, Format::V2021);
    assert_eq!((t.rows, t.columns.len()), (28, 10));
    let s = spans(&t);
    for expected in [
        (0, 0, 3, 3),  // the note
        (0, 3, 1, 7),  // applicants
        (1, 3, 2, 1),  // natural persons
        (1, 4, 1, 5),  // legal persons
        (1, 9, 2, 1),  // total
        (5, 0, 22, 1), // results (vertical)
        (7, 1, 8, 1),  // denied
        (15, 1, 3, 1), // unable
        (18, 1, 5, 1), // not processed
        (23, 1, 3, 1), // other
        (26, 1, 1, 2), // total row
        (27, 0, 1, 3), // carried forward
    ] {
        assert!(s.contains(&expected), "missing span {expected:?}");
    }
    assert_eq!(label_at(&t, 25, 2), labels::P3_OTHER_ITEMS_2021[2]);
    assert_eq!(label_at(&t, 6, 1), labels::P3_PARTLY);
    let total: f32 = t.columns.iter().sum();
    assert!((total - 156.0).abs() < 0.01);
}

#[test]
fn part3_2019_has_single_other_row() {
    let t = Table::new(TableId::Part3, Format::V2019);
    assert_eq!(t.rows, 26);
    let s = spans(&t);
    assert!(s.contains(&(5, 0, 20, 1)));
    assert!(s.contains(&(23, 1, 1, 2)));
    assert_eq!(label_at(&t, 23, 1), labels::P3_OTHER);
}

#[test]
fn part4_is_15_by_4() {
    let t = Table::new(TableId::Part4, Format::V2021);
    assert_eq!((t.rows, t.columns.len()), (4, 15));
    let s = spans(&t);
    for expected in [
        (0, 0, 1, 5),
        (0, 5, 1, 10),
        (1, 0, 2, 1),
        (1, 4, 2, 1),
        (1, 5, 1, 5),
        (1, 10, 1, 5),
    ] {
        assert!(s.contains(&expected), "missing span {expected:?}");
    }
    assert_eq!(label_at(&t, 2, 14), labels::P4_COLUMNS[4]);
    assert_eq!(t.row_cells(3).count(), 15);
}

#[test]
fn part2_shapes() {
    let t = Table::new(TableId::Part2, Format::V2021);
    assert_eq!((t.rows, t.columns.len()), (14, 4));
    assert_eq!(label_at(&t, 0, 0), labels::ITEM_1);
    assert_eq!(label_at(&t, 3, 0), labels::NORMATIVE_2021);
    assert_eq!(label_at(&t, 12, 1), labels::FEE_AMOUNT_2021);
    assert!(spans(&t).contains(&(13, 1, 1, 3)));
    let t = Table::new(TableId::Part2, Format::V2019);
    assert_eq!(t.rows, 18);
    assert_eq!(label_at(&t, 7, 0), labels::OTHER_SERVICES);
    assert_eq!(label_at(&t, 16, 2), labels::PROCUREMENT_COLUMNS_2019[1]);
}
