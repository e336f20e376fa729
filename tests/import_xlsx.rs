//! Spreadsheets: export-tables → import gives every number back (examples and generated reports);
//! sheets built here in other producers' layouts (a statistician's merges, labels, numbers typed
//! as text, blank cells, three sheets; columns in another order, an extra column, a 2019 table)
//! give every number of the model they were drawn from; `--into` changes only numbers; bad files
//! are refused in Chinese and nothing is written.

use crate::common;
use crate::import_support;

use std::path::Path;

use common::nianbao_in;
use import_support::{example, parse};
use nianbao::model::{Format, Report};
use nianbao::tables::{Content, Table, TableId, ValueRef, Values};
use rust_xlsxwriter::{Workbook, Worksheet};

const EXAMPLES: [&str; 4] = [
    "xingan-2024.toml",
    "linjiang-2023.toml",
    "linjiang-2024.toml",
    "qinghe-2020.toml",
];

const IDS: [TableId; 3] = [TableId::Part2, TableId::Part3, TableId::Part4];

/// Every number of `want`'s tables, compared as numbers ("8.3620" is "8.362").
fn assert_numbers(got: &Report, want: &Report, what: &str) {
    assert_eq!(got.format(), want.format(), "{what}: format");
    let mut n = 0;
    for id in IDS {
        for c in &Table::new(id, want.format()).cells {
            if let Content::Value(v) = c.content {
                let (a, b) = (got.value_text(v), want.value_text(v));
                let num = |t: &str| {
                    t.parse::<f64>()
                        .unwrap_or_else(|_| panic!("{what}: {v:?} {t:?}"))
                };
                assert!((num(&a) - num(&b)).abs() < 1e-9, "{what}: {v:?}: {a} ≠ {b}");
                n += 1;
            }
        }
    }
    assert!(n > 100, "{what}: only {n} numbers compared");
}

/// Imports only the tables of a spreadsheet and reads the TOML back.
fn import_tables(bytes: &[u8], what: &str) -> (Report, Vec<String>) {
    let imported = tables_of(bytes, what);
    (parse(what, &imported.to_toml()), imported.unplaced)
}

/// The tables of a spreadsheet, under a year and agency of their own (tables do not name them).
fn tables_of(bytes: &[u8], what: &str) -> nianbao::import::Imported {
    let mut imported =
        nianbao::import::import_tables(bytes).unwrap_or_else(|e| panic!("{what}: {e:?}"));
    imported.draft.year = 2024;
    imported.draft.agency = "某某局".into();
    imported
}

#[test]
fn export_tables_then_import_gives_the_same_numbers() {
    let mut reports: Vec<(String, Report)> = EXAMPLES
        .iter()
        .map(|n| (n.to_string(), example(n)))
        .collect();
    for seed in 0..8 {
        let text = nianbao::generate::report(seed, 3).to_toml();
        reports.push((format!("seed {seed}"), parse("gen.toml", &text)));
    }
    for (what, want) in &reports {
        let bytes = nianbao::export_tables::render(want).unwrap();
        let (got, unplaced) = import_tables(&bytes, what);
        assert_numbers(&got, want, what);
        assert!(unplaced.is_empty(), "{what}: {unplaced:?}");
        // The whole import also reads year and agency from the title row.
        let (full, imported) = import_support::import(&bytes);
        assert_numbers(&full, want, what);
        assert_eq!(full.year(), want.year(), "{what}");
        if what.starts_with("seed") {
            // A default title names the agency (a custom one may shorten it).
            assert_eq!(full.agency().text, want.agency().text, "{what}");
        }
        assert_eq!(
            imported.unplaced.len(),
            1,
            "{what}: {:?}",
            imported.unplaced
        );
    }
}

/// How a test draws a table the way another producer would.
#[derive(Clone, Copy)]
struct Layout {
    /// New position of each grid column (a permutation), when the columns are reordered.
    perm: Option<&'static [usize]>,
    /// Horizontal merges drawn as a cell and empty cells beside it (vertical ones stay merged).
    plain_rows: bool,
    /// A 备注 column after the last one: text in data rows, and a number in one of them.
    remark: bool,
    /// Labels as a statistician types them: 1、 for 1., notes in parentheses.
    retype_labels: bool,
    /// Numbers as text: thousands separators, 元 for the fee, zeros left blank, blank 总计.
    as_text: bool,
}

const OFFICIAL: Layout = Layout {
    perm: None,
    plain_rows: false,
    remark: false,
    retype_labels: false,
    as_text: false,
};

fn retype(label: &str) -> String {
    let mut s = label.replacen("1.", "1、", 1).replace("2.", "2、");
    for (plain, noted) in [
        ("上一年项目数量", "上一年项目数量（指上年事项数）"),
        ("本年制发件数", "本年制发件数（件）"),
        ("自然人", "自然 人"),
        ("行政许可", "行政许可（件）"),
    ] {
        if s == plain {
            s = noted.to_string();
        }
    }
    s
}

/// Writes one description table of `report` at (row0, col0) of a sheet; returns rows used.
fn draw(sheet: &mut Worksheet, report: &Report, id: TableId, at: (u32, u16), l: Layout) -> u32 {
    let t = Table::new(id, report.format());
    let ncols = t.columns.len();
    let pos = |k: usize| l.perm.map_or(k, |p| p[k]) as u16;
    let (r0, c0) = at;
    for c in &t.cells {
        let cols: Vec<u16> = (c.col..c.col + c.colspan).map(pos).collect();
        let (lo, hi) = (*cols.iter().min().unwrap(), *cols.iter().max().unwrap());
        assert_eq!(
            usize::from(hi - lo) + 1,
            c.colspan,
            "a merge stays contiguous"
        );
        let text = match c.content {
            Content::Label(s) if l.retype_labels => retype(s),
            Content::Label(s) => s.to_string(),
            Content::Value(v) => {
                let t = report.value_text(v);
                let total = matches!(
                    v,
                    ValueRef::Part3 { col: 6, .. } | ValueRef::Part4 { col: 4, .. }
                );
                match v {
                    _ if !l.as_text => t,
                    ValueRef::Fees => {
                        format!("{}元", (t.parse::<f64>().unwrap() * 10_000.0).round())
                    }
                    _ if t == "0" => String::new(),
                    // The carried-over row's 总计 left blank (computed on import).
                    ValueRef::Part3 {
                        row: nianbao::tables::RowId::CarriedOver,
                        ..
                    } if total => String::new(),
                    _ => with_separators(&t),
                }
            }
        };
        let (r, r2) = (r0 + c.row as u32, r0 + (c.row + c.rowspan) as u32 - 1);
        let (k, k2) = (c0 + lo, c0 + hi);
        let merged = (r, k) != (r2, k2);
        let number = match c.content {
            Content::Value(_) if !l.as_text => text.parse::<f64>().ok(),
            _ => None,
        };
        if merged && !(l.plain_rows && r == r2) {
            sheet
                .merge_range(r, k, r2, k2, &text, &Default::default())
                .unwrap();
            if let Some(n) = number {
                sheet.write_number(r, k, n).unwrap();
            }
        } else {
            match number {
                Some(n) => _ = sheet.write_number(r, k, n).unwrap(),
                None if text.is_empty() => {}
                None => _ = sheet.write_string(r, k, &text).unwrap(),
            }
        }
    }
    if l.remark {
        let k = c0 + ncols as u16;
        sheet.write_string(r0, k, "备注").unwrap();
        for row in 0..t.rows {
            let data = t
                .row_cells(row)
                .any(|(_, c)| matches!(c.content, Content::Value(_)));
            if data && row + 1 < t.rows {
                sheet.write_string(r0 + row as u32, k, "见说明").unwrap();
            }
        }
        // The last data row's remark is a number: it must not land anywhere.
        sheet.write_number(r0 + t.rows as u32 - 1, k, 99.0).unwrap();
    }
    t.rows as u32
}

fn with_separators(t: &str) -> String {
    let Ok(n) = t.parse::<i64>() else {
        return t.to_string();
    };
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The three tables on three sheets (each under a title row of its own) or on one.
fn workbook(report: &Report, layouts: [Layout; 3], three_sheets: bool) -> Vec<u8> {
    let mut book = Workbook::new();
    let mut row = 0;
    for (n, (id, l)) in IDS.into_iter().zip(layouts).enumerate() {
        if three_sheets || n == 0 {
            book.add_worksheet();
            row = 0;
        }
        let sheet = book.worksheets_mut().last_mut().unwrap();
        // Starts at column B under a heading, as a statistician's sheet does.
        let heading = nianbao::tables::labels::PART_HEADINGS[n + 1];
        sheet.write_string(row, 1, heading).unwrap();
        row += draw(sheet, report, id, (row + 1, 1), l) + 3;
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_statisticians_three_sheets_give_every_number() {
    let layout = Layout {
        plain_rows: true,
        retype_labels: true,
        as_text: true,
        ..OFFICIAL
    };
    for name in EXAMPLES {
        let want = example(name);
        let bytes = workbook(&want, [layout; 3], true);
        let (got, unplaced) = import_tables(&bytes, name);
        assert_numbers(&got, &want, name);
        // The fee typed in 元 comes back to the 元: four places (83620元 is 8.3620, not 8.362).
        if want.format() == Format::V2021 {
            let fee: f64 = want.value_text(ValueRef::Fees).parse().unwrap();
            assert_eq!(
                got.value_text(ValueRef::Fees),
                format!("{fee:.4}"),
                "{name}"
            );
        }
        assert!(unplaced.is_empty(), "{name}: {unplaced:?}");
    }
    // What the import says about the cells it read in an unusual way.
    let want = example("linjiang-2024.toml");
    let imported = nianbao::import::import_tables(&workbook(&want, [layout; 3], true)).unwrap();
    let toml = imported.to_toml();
    assert!(toml.contains("83620元"), "the fee's unit is noted:\n{toml}");
    assert!(
        toml.contains("原表空白，按 0 填入（工作表“Sheet2” "),
        "{toml}"
    );
    assert!(toml.contains("总计 空白，已省略"), "{toml}");
}

#[test]
fn columns_are_matched_by_their_labels() {
    // Part 二: value columns reversed; part 三: 总计 first, the five kinds of 法人 reversed, 自然人
    // last; part 四: the two 诉讼 groups swapped and every group's columns reversed.
    const P2: &[usize] = &[0, 3, 2, 1];
    const P3_FIXED: &[usize] = &[0, 1, 2, 9, 8, 7, 6, 5, 4, 3];
    let p4: Vec<usize> = (0..15)
        .map(|k| {
            let (group, col) = (k / 5, k % 5);
            let group = [0, 2, 1][group];
            group * 5 + (4 - col)
        })
        .collect();
    let p4: &'static [usize] = Box::leak(p4.into_boxed_slice());
    for name in EXAMPLES {
        let want = example(name);
        let reordered = [
            Layout {
                perm: Some(P2),
                ..OFFICIAL
            },
            Layout {
                perm: Some(P3_FIXED),
                ..OFFICIAL
            },
            Layout {
                perm: Some(p4),
                ..OFFICIAL
            },
        ];
        let (got, unplaced) = import_tables(&workbook(&want, reordered, false), name);
        assert_numbers(&got, &want, &format!("{name} reordered"));
        assert!(unplaced.is_empty(), "{name}: {unplaced:?}");

        // An extra column: its cells are reported with their place, none is taken as a number.
        let remark = Layout {
            remark: true,
            ..OFFICIAL
        };
        let (got, unplaced) = import_tables(&workbook(&want, [remark; 3], true), name);
        assert_numbers(&got, &want, &format!("{name} remark"));
        for sheet in ["Sheet1", "Sheet2", "Sheet3"] {
            assert!(
                unplaced
                    .iter()
                    .any(|u| u.contains(&format!("工作表“{sheet}”"))
                        && u.contains("“备注”不是统一格式的栏目")),
                "{name} {sheet}: {unplaced:?}"
            );
            assert!(
                unplaced
                    .iter()
                    .any(|u| u.contains(&format!("工作表“{sheet}”")) && u.contains("“99”")),
                "{name} {sheet}: the number under 备注 is reported: {unplaced:?}"
            );
        }
    }
    // The 2019 example is among them; its tables are recognised as 2019.
    let q = example("qinghe-2020.toml");
    assert_eq!(q.format(), Format::V2019);
}

#[test]
fn a_column_no_label_matches_is_reported_not_guessed() {
    // Part 二's column heads renamed to something else: its numbers are not placed by position.
    let want = example("qinghe-2020.toml");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    draw(sheet, &want, TableId::Part2, (0, 0), OFFICIAL);
    // Overwrite one column head (本年新公开数量, column C of the first section).
    sheet.write_string(1, 2, "本年新增数量").unwrap();
    let s3 = book.add_worksheet();
    draw(s3, &want, TableId::Part3, (0, 0), OFFICIAL);
    let s4 = book.add_worksheet();
    draw(s4, &want, TableId::Part4, (0, 0), OFFICIAL);
    let imported = tables_of(&book.save_to_buffer().unwrap(), "renamed");
    let got = parse("renamed", &imported.to_toml());
    // 规章 and 规范性文件's second numbers are reported where they stand, and imported as 0.
    for (row, cell) in [(0, "C3"), (1, "C4")] {
        let v = ValueRef::Documents { row, col: 1 };
        assert_eq!(got.value_text(v), "0", "{v:?}");
        assert!(
            imported.unplaced.iter().any(
                |u| u.contains(&format!("工作表“Sheet1” {cell}")) && u.contains("本年新增数量")
            ),
            "{:?}",
            imported.unplaced
        );
    }
    assert_eq!(
        got.value_text(ValueRef::Documents { row: 1, col: 2 }),
        want.value_text(ValueRef::Documents { row: 1, col: 2 })
    );
}

/// Lines that differ between two texts, as (before, after).
fn changed_lines<'a>(a: &'a str, b: &'a str) -> Vec<(&'a str, &'a str)> {
    assert_eq!(
        a.lines().count(),
        b.lines().count(),
        "no line added or removed"
    );
    a.lines().zip(b.lines()).filter(|(x, y)| x != y).collect()
}

#[test]
fn into_replaces_only_the_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let original = std::fs::read_to_string(examples.join("xingan-2024.toml")).unwrap();
    std::fs::write(dir.path().join("report.toml"), &original).unwrap();
    // Another report's numbers (same format), in a statistician's layout.
    let text = nianbao::generate::report(3, 3).to_toml();
    let numbers = parse("gen.toml", &text);
    let layout = Layout {
        plain_rows: true,
        retype_labels: true,
        ..OFFICIAL
    };
    std::fs::write(
        dir.path().join("t.xlsx"),
        workbook(&numbers, [layout; 3], true),
    )
    .unwrap();
    let (code, out, err) = nianbao_in(dir.path(), &["import", "t.xlsx", "--into", "report.toml"]);
    assert_eq!(code, 0, "{out}{err}");
    let written = std::fs::read_to_string(dir.path().join("report.toml")).unwrap();
    let got = parse("report.toml", &written);
    assert_numbers(&got, &numbers, "--into");
    // Prose and comments byte for byte: a changed line differs only inside its value.
    let changed = changed_lines(&original, &written);
    assert!(changed.len() > 10, "{changed:?}");
    for (before, after) in changed {
        let split = |l: &'_ str| -> (String, String) {
            let (k, rest) = l.split_once('=').unwrap();
            (
                k.to_string(),
                rest.split_once('#')
                    .map_or(String::new(), |(_, c)| c.to_string()),
            )
        };
        assert_eq!(split(before), split(after), "{before} → {after}");
        let key = before.split('=').next().unwrap().trim();
        assert!(!key.is_empty() && !key.starts_with('#'), "{before}");
    }
    let want = parse("x.toml", &original);
    assert_eq!(got.part1().sections.len(), want.part1().sections.len());
    assert_eq!(got.title().text, want.title().text);
    assert!(out.contains("正文未改动"), "{out}");

    // Importing the report's own tables changes nothing at all.
    std::fs::write(dir.path().join("report.toml"), &original).unwrap();
    let own = nianbao::export_tables::render(&example("xingan-2024.toml")).unwrap();
    std::fs::write(dir.path().join("own.xlsx"), own).unwrap();
    let (code, _, err) = nianbao_in(dir.path(), &["import", "own.xlsx", "--into", "report.toml"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.toml")).unwrap(),
        original
    );
}

#[test]
fn export_tables_writes_through_the_output_rules() {
    let dir = tempfile::tempdir().unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    std::fs::copy(examples.join("qinghe-2020.toml"), dir.path().join("q.toml")).unwrap();
    let (code, out, err) = nianbao_in(dir.path(), &["export-tables", "q.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("q.xlsx"), "{out}");
    let bytes = std::fs::read(dir.path().join("q.xlsx")).unwrap();
    let (got, _) = import_tables(&bytes, "q.xlsx");
    assert_numbers(&got, &example("qinghe-2020.toml"), "cli");
    // Never over its input.
    let (code, _, err) = nianbao_in(dir.path(), &["export-tables", "q.toml", "-o", "q.toml"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("输入文件"), "{err}");
    let kept = std::fs::read_to_string(dir.path().join("q.toml")).unwrap();
    assert!(kept.contains("[part3]"));
}

#[test]
fn bad_spreadsheets_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let good = nianbao::export_tables::render(&example("linjiang-2024.toml")).unwrap();
    let no_tables = {
        let mut book = Workbook::new();
        let s = book.add_worksheet();
        s.write_string(0, 0, "科室").unwrap();
        s.write_string(0, 1, "人数").unwrap();
        s.write_string(1, 0, "办公室").unwrap();
        s.write_number(1, 1, 5).unwrap();
        book.save_to_buffer().unwrap()
    };
    let not_a_spreadsheet = {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("xl/styles.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, b"<a/>").unwrap();
        z.finish().unwrap();
        buf.into_inner()
    };
    let cases: [(&str, Vec<u8>, i32, &str); 4] = [
        (
            "archive.xlsx",
            not_a_spreadsheet,
            2,
            "不是 Word 文档（DOCX）或电子表格",
        ),
        ("people.xlsx", no_tables, 1, "统计表"),
        ("truncated.xlsx", good[..good.len() / 2].to_vec(), 2, "损坏"),
        ("empty.xlsx", Vec::new(), 2, ""),
    ];
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/linjiang-2024.toml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("r.toml"), &original).unwrap();
    for (name, bytes, code, message) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let (got, _, err) = nianbao_in(dir.path(), &["import", name, "-o", "out.toml"]);
        assert!(got == 1 || got == 2, "{name}: {got} {err}");
        if !message.is_empty() {
            assert_eq!(got, code, "{name}: {err}");
            assert!(
                err.contains("错误") && err.contains(message),
                "{name}: {err}"
            );
        }
        // Every failure names the file.
        assert!(err.contains(&format!("--> {name}")), "{name}: {err}");
        assert!(!dir.path().join("out.toml").exists(), "{name} wrote a file");
        let (got, _, err) = nianbao_in(dir.path(), &["import", name, "--into", "r.toml"]);
        assert!(got == 1 || got == 2, "{name} --into: {got} {err}");
        assert!(err.contains("错误"), "{name}: {err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("r.toml")).unwrap(),
            original
        );
    }
}

#[test]
fn every_exported_sheet_carries_the_title() {
    use calamine::{Reader, Xlsx};
    for name in EXAMPLES {
        let want = example(name);
        let bytes = nianbao::export_tables::render(&want).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
        let title: String = want.title_lines().concat();
        let sheets = book.sheet_names();
        assert_eq!(sheets.len(), 3, "{name}");
        for (n, sheet) in sheets.iter().enumerate() {
            let range = book.worksheet_range(sheet).unwrap();
            let cell = |r: u32| range.get_value((r, 0)).map(|d| d.to_string());
            assert_eq!(cell(0).as_deref(), Some(title.as_str()), "{name} {sheet}");
            let heading = nianbao::tables::labels::PART_HEADINGS[n + 1];
            assert_eq!(cell(2).as_deref(), Some(heading), "{name} {sheet}");
        }
        // The repeated titles are no prose of parts 二 and 三.
        let (got, imported) = import_support::import(&bytes);
        assert_eq!(got.title_lines().concat(), title, "{name}");
        assert!(got.part2_text().paragraphs.is_empty(), "{name}");
        assert!(got.part3_text().paragraphs.is_empty(), "{name}");
        assert_eq!(
            imported.unplaced.len(),
            1,
            "{name}: {:?}",
            imported.unplaced
        );
    }
}

/// The text with every number as "N" and runs "N, N, …" as one "N": what must not change.
fn shape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            while chars
                .peek()
                .is_some_and(|d| d.is_ascii_digit() || *d == '.')
            {
                chars.next();
            }
            out.push('N');
        } else {
            out.push(c);
        }
    }
    while out.contains("N, N") {
        out = out.replace("N, N", "N");
    }
    out
}

#[test]
fn into_keeps_arrays_over_several_lines_and_their_comments() {
    let dir = tempfile::tempdir().unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let original = std::fs::read_to_string(examples.join("xingan-2024.toml")).unwrap();
    // Arrays as people format them: over several lines, comments inside, a trailing comma, the
    // 总计 left out (the new numbers' 总计 must be added where the array's numbers end).
    let original = original
        .replace(
            "new             = [0, 0, 0, 0, 0, 0, 0]   # 一、本年新收政府信息公开申请数量",
            "new             = [   # 一、本年新收政府信息公开申请数量\n    0,     # 自然人\n    0, 0, 0, 0,   # 法人或其他组织\n    0,     # 其他\n]",
        )
        .replace(
            "review            = [0, 0, 0, 0, 0]   # 行政复议",
            "review            = [\n  0, 0, 0,  # 维持 纠正 其他\n  0,\n  0\n]   # 行政复议",
        )
        .replace(
            "normative_documents = [0, 0, 2]   # 行政规范性文件",
            "normative_documents = [\n  0,\n  0,\n  2,\n]   # 行政规范性文件",
        );
    assert!(original.contains("0,     # 自然人"));
    std::fs::write(dir.path().join("report.toml"), &original).unwrap();
    let numbers = parse("gen.toml", &nianbao::generate::report(3, 3).to_toml());
    std::fs::write(
        dir.path().join("t.xlsx"),
        workbook(&numbers, [OFFICIAL; 3], true),
    )
    .unwrap();
    let (code, out, err) = nianbao_in(dir.path(), &["import", "t.xlsx", "--into", "report.toml"]);
    assert_eq!(code, 0, "{out}{err}");
    let written = std::fs::read_to_string(dir.path().join("report.toml")).unwrap();
    assert_numbers(
        &parse("report.toml", &written),
        &numbers,
        "multi-line --into",
    );
    assert_ne!(written, original);
    // Every byte but the numbers kept: comments inside arrays, line breaks, the trailing comma.
    assert_eq!(shape(&written), shape(&original));
    // The numbers add up to the 总计 the report leaves out: it stays left out (one number on the
    // line of 其他, none appended).
    let other = written.lines().find(|l| l.ends_with("# 其他")).unwrap();
    let numbers = other.split('#').next().unwrap().split(',');
    assert_eq!(
        numbers.filter(|n| !n.trim().is_empty()).count(),
        1,
        "{other}"
    );
    for kept in [
        "     # 自然人\n",
        "   # 法人或其他组织\n",
        "  # 维持 纠正 其他\n",
        "]   # 行政复议",
    ] {
        assert!(written.contains(kept), "{kept}\n{written}");
    }
}

#[test]
fn into_writes_a_left_out_total_only_when_the_new_numbers_do_not_add_up_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let example_text = |name: &str| {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples")
                .join(name),
        )
        .unwrap()
    };
    let original = example_text("xingan-2024.toml").replace(
        "new             = [0, 0, 0, 0, 0, 0, 0]   # 一、本年新收政府信息公开申请数量",
        "new             = [0, 0, 0, 0, 0, 0]   # 总计 left out",
    );
    std::fs::write(dir.path().join("report.toml"), &original).unwrap();
    // The spreadsheet's 本年新收 as published: 总计 80 where its six columns add up to 78.
    let published = example_text("linjiang-2024.toml").replace(
        "new             = [64, 8, 1, 1, 4, 0, 78]",
        "new             = [64, 8, 1, 1, 4, 0, 80]",
    );
    let numbers = parse("published.toml", &published);
    std::fs::write(
        dir.path().join("t.xlsx"),
        workbook(&numbers, [OFFICIAL; 3], true),
    )
    .unwrap();
    let (_, out, err) = nianbao_in(dir.path(), &["import", "t.xlsx", "--into", "report.toml"]);
    let written = std::fs::read_to_string(dir.path().join("report.toml")).unwrap();
    assert!(
        written.contains("new             = [64, 8, 1, 1, 4, 0, 80]   # 总计 left out"),
        "{out}{err}{written}"
    );
    assert_numbers(
        &parse("report.toml", &written),
        &numbers,
        "total kept as published",
    );
}

#[test]
fn a_table_missing_a_row_is_refused_with_its_file_and_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let want = example("linjiang-2024.toml");
    let mut book = Workbook::new();
    for id in IDS {
        let sheet = book.add_worksheet();
        draw(sheet, &want, id, (2, 1), OFFICIAL);
    }
    // The row 行政强制 of part 二 relabelled: that row is missing.
    let t = Table::new(TableId::Part2, want.format());
    let c = t
        .cells
        .iter()
        .find(|c| c.content == Content::Label(nianbao::tables::labels::COERCION))
        .unwrap();
    book.worksheets_mut()[0]
        .write_string(2 + c.row as u32, 1 + c.col as u16, "其他事项")
        .unwrap();
    std::fs::write(dir.path().join("t.xlsx"), book.save_to_buffer().unwrap()).unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    std::fs::copy(
        examples.join("linjiang-2024.toml"),
        dir.path().join("r.toml"),
    )
    .unwrap();
    let (code, _, err) = nianbao_in(dir.path(), &["import", "t.xlsx", "--into", "r.toml"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--> t.xlsx"), "{err}");
    assert!(
        err.contains("缺少“行政强制”一行（工作表“Sheet1” B3起的表格）"),
        "{err}"
    );
    let kept = std::fs::read_to_string(dir.path().join("r.toml")).unwrap();
    assert_eq!(
        kept,
        std::fs::read_to_string(examples.join("linjiang-2024.toml")).unwrap()
    );
}

#[test]
fn tables_without_a_title_take_year_and_agency_from_options_or_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let want = example("linjiang-2024.toml");
    // Part headings and tables only: no title row names the year or the agency.
    let bytes = workbook(&want, [OFFICIAL; 3], true);
    let run = |name: &str, extra: &[&str]| {
        std::fs::write(dir.path().join(name), &bytes).unwrap();
        let _ = std::fs::remove_file(dir.path().join("out.toml"));
        let mut args = vec!["import", name, "-o", "out.toml"];
        args.extend_from_slice(extra);
        let (code, out, err) = nianbao_in(dir.path(), &args);
        let written = std::fs::read_to_string(dir.path().join("out.toml")).ok();
        (code, format!("{out}{err}"), written)
    };
    // Nothing says the year: refused, and the message says how to give it.
    let (code, said, written) = run("tables.xlsx", &[]);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("--> tables.xlsx") && said.contains("--year"),
        "{said}"
    );
    assert!(written.is_none());
    // --year and --agency.
    let (code, said, written) = run("tables.xlsx", &["--year", "2024", "--agency", "临江市某局"]);
    assert_eq!(code, 0, "{said}");
    let got = parse("out.toml", &written.unwrap());
    assert_eq!(
        (got.year(), got.agency().text.as_str()),
        (2024, "临江市某局")
    );
    assert_numbers(&got, &want, "--year");
    // The file's name says both; what was assumed is said.
    let (code, said, written) = run("临江市自然资源和规划局2024年统计表.xlsx", &[]);
    assert_eq!(code, 0, "{said}");
    let got = parse("out.toml", &written.unwrap());
    assert_eq!(got.year(), 2024);
    assert_eq!(got.agency().text, "临江市自然资源和规划局");
    assert_numbers(&got, &want, "file name");
    assert!(
        said.contains("按文件名“临江市自然资源和规划局2024年统计表.xlsx”取 2024 年"),
        "{said}"
    );
    assert!(
        said.contains("按文件名取“临江市自然资源和规划局”"),
        "{said}"
    );
    // Options are refused with --into (the report there has its own year).
    let (code, said, _) = run("tables.xlsx", &["--year", "2024", "--into", "r.toml"]);
    assert_eq!(code, 2, "{said}");
}

#[test]
fn hidden_rows_and_columns_are_not_read_and_said() {
    let want = example("linjiang-2024.toml");
    let mut book = Workbook::new();
    for (n, id) in IDS.into_iter().enumerate() {
        let sheet = book.add_worksheet();
        let heading = nianbao::tables::labels::PART_HEADINGS[n + 1];
        sheet.write_string(0, 1, heading).unwrap();
        let rows = draw(sheet, &want, id, (1, 1), OFFICIAL);
        if n == 0 {
            // Under the table a hidden row repeating a row with other numbers; right of it a
            // hidden column of remarks and numbers.
            let ncols = Table::new(id, want.format()).columns.len() as u16;
            let r = 1 + rows;
            sheet
                .write_string(r, 1, nianbao::tables::labels::LICENSING)
                .unwrap();
            for k in 2..=ncols {
                sheet.write_number(r, k, 999.0).unwrap();
            }
            sheet.set_row_hidden(r).unwrap();
            sheet.write_string(1, 1 + ncols, "备注").unwrap();
            sheet.write_number(4, 1 + ncols, 777.0).unwrap();
            sheet.set_column_hidden(1 + ncols).unwrap();
        }
    }
    let (got, unplaced) = import_tables(&book.save_to_buffer().unwrap(), "hidden");
    assert_numbers(&got, &want, "hidden");
    let t = Table::new(TableId::Part2, want.format());
    let (row, col) = (
        format!("工作表“Sheet1”第 {} 行是隐藏行", 2 + t.rows),
        format!(
            "工作表“Sheet1”第 {} 列是隐藏列",
            nianbao::import::column_name(1 + t.columns.len())
        ),
    );
    assert!(
        unplaced.iter().any(|u| u.starts_with(&row)),
        "{row}: {unplaced:?}"
    );
    assert!(
        unplaced.iter().any(|u| u.starts_with(&col)),
        "{col}: {unplaced:?}"
    );
    // Nothing else is said: the hidden cells were not read.
    assert_eq!(unplaced.len(), 2, "{unplaced:?}");
}
