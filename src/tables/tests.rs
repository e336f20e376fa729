//! Shape tests: the grids match the spec's drawings (rows, columns, spans).

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
        (0, 0, 3, 3),  // note
        (0, 3, 1, 7),  // 申请人情况
        (1, 3, 2, 1),  // 自然人
        (1, 4, 1, 5),  // 法人或其他组织
        (1, 9, 2, 1),  // 总计
        (5, 0, 22, 1), // 三、本年度办理结果
        (7, 1, 8, 1),  // （三）不予公开
        (15, 1, 3, 1), // （四）无法提供
        (18, 1, 5, 1), // （五）不予处理
        (23, 1, 3, 1), // （六）其他处理
        (26, 1, 1, 2), // （七）总计
        (27, 0, 1, 3), // 四、结转下年度继续办理
    ] {
        assert!(s.contains(&expected), "missing span {expected:?}");
    }
    assert_eq!(label_at(&t, 25, 2), "3.其他");
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
    assert_eq!(label_at(&t, 23, 1), "（六）其他处理");
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
    assert_eq!(label_at(&t, 2, 14), "总计");
    assert_eq!(t.row_cells(3).count(), 15);
}

#[test]
fn part2_shapes() {
    let t = Table::new(TableId::Part2, Format::V2021);
    assert_eq!((t.rows, t.columns.len()), (14, 4));
    assert_eq!(label_at(&t, 0, 0), "第二十条第（一）项");
    assert_eq!(label_at(&t, 3, 0), "行政规范性文件");
    assert_eq!(label_at(&t, 12, 1), "本年收费金额（单位：万元）");
    assert!(spans(&t).contains(&(13, 1, 1, 3)));
    let t = Table::new(TableId::Part2, Format::V2019);
    assert_eq!(t.rows, 18);
    assert_eq!(label_at(&t, 7, 0), "其他对外管理服务事项");
    assert_eq!(label_at(&t, 16, 2), "采购总金额");
}
