//! `batch` over a folder mixing valid, invalid and duplicate-name reports; `sum` over many reports.

use crate::common;
use common::nianbao;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use nianbao::model::{Amount, Report};
use nianbao::source::Source;
use nianbao::tables::{CellKind, Table, TableId};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A folder with two valid reports (one in a sub-folder), one with a table error, and two files
/// of the same agency and year (their output names would clash).
fn mixed_folder(dir: &Path) {
    let xingan = std::fs::read_to_string("examples/xingan-2024.toml").unwrap();
    write(dir, "in/xingan.toml", &xingan);
    write(
        dir,
        "in/sub/gen.toml",
        &nianbao::generate::report(7, 4).to_toml(),
    );
    let broken = std::fs::read_to_string("tests/broken/balance.toml").unwrap();
    write(dir, "in/broken.toml", &broken);
    let clash = nianbao::generate::report(3, 3).to_toml();
    write(dir, "in/clash-a.toml", &clash);
    write(dir, "in/sub/clash-b.toml", &clash);
}

#[test]
fn batch_renders_the_valid_and_reports_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    mixed_folder(tmp.path());
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    let json = tmp.path().join("results.json");
    let (code, stdout, stderr) = nianbao(&[
        "batch",
        input.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--jobs",
        "2",
        "--report",
        json.to_str().unwrap(),
        "--no-system-fonts",
    ]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let agency = nianbao::generate::report(7, 4).agency;
    let mut expected = vec![
        format!("{agency}2024年政府信息公开工作年度报告.docx"),
        format!("{agency}2024年政府信息公开工作年度报告.html"),
        format!("{agency}2024年政府信息公开工作年度报告.ofd"),
        format!("{agency}2024年政府信息公开工作年度报告.pdf"),
        "兴安区人民政府2024年政府信息公开工作年度报告.docx".to_string(),
        "兴安区人民政府2024年政府信息公开工作年度报告.html".to_string(),
        "兴安区人民政府2024年政府信息公开工作年度报告.ofd".to_string(),
        "兴安区人民政府2024年政府信息公开工作年度报告.pdf".to_string(),
    ];
    expected.sort();
    assert_eq!(files_in(&out), expected);
    for f in files_in(&out) {
        let bytes = std::fs::read(out.join(&f)).unwrap();
        if f.ends_with(".pdf") {
            assert!(bytes.starts_with(b"%PDF-"), "{f}");
        } else if f.ends_with(".html") {
            assert!(bytes.starts_with(b"<!DOCTYPE html>"), "{f}");
        } else {
            assert!(bytes.starts_with(b"PK"), "{f}");
        }
    }
    // Plain one-line-per-report progress (stderr is not a terminal here), then the summary.
    assert!(stderr.contains("[5/5]"), "{stderr}");
    assert!(
        stdout.contains("共 5 份：生成 2 份，检查通过 2 份，失败 3 份"),
        "{stdout}"
    );
    assert!(stdout.contains("broken.toml"), "{stdout}");
    assert!(
        stdout.contains("balance") || stdout.contains("不平衡"),
        "{stdout}"
    );
    assert!(stdout.contains("重复"), "{stdout}");
    // The clash points at the agency line of each file.
    assert!(stdout.contains("clash-a.toml:5:10"), "{stdout}");

    let results: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(results["files"], 5);
    assert_eq!(results["failed"], 3);
    let broken = results["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with("broken.toml"))
        .unwrap();
    assert_eq!(broken["status"], "failed");
    let first = &broken["diagnostics"][0];
    assert_eq!(first["code"], "balance");
    assert_eq!(first["line"], 54);
    assert_eq!(first["column"], 20);
}

#[test]
fn check_only_writes_nothing_but_the_json() {
    let tmp = tempfile::tempdir().unwrap();
    mixed_folder(tmp.path());
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    let json = tmp.path().join("r.json");
    let (code, stdout, _) = nianbao(&[
        "batch",
        input.to_str().unwrap(),
        "--check-only",
        "--out-dir",
        out.to_str().unwrap(),
        "--report",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(!out.exists());
    assert!(stdout.contains("检查通过 2 份，失败 3 份"), "{stdout}");
    let results: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let statuses: Vec<&str> = results["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == "passed").count(), 2);

    // --name-from-file resolves the clash.
    let (code, stdout, _) = nianbao(&[
        "batch",
        input.to_str().unwrap(),
        "--check-only",
        "--name-from-file",
    ]);
    assert_eq!(code, 1, "broken.toml still fails");
    assert!(stdout.contains("检查通过 4 份，失败 1 份"), "{stdout}");
}

fn parse(path: &Path) -> Report {
    nianbao::input::load(path).unwrap_or_else(|d| panic!("{}", nianbao::diag::render_all(&d)))
}

/// Every value cell of the three tables, as ten-thousandths (so amounts add exactly).
fn cells(report: &Report) -> Vec<i128> {
    [TableId::Part2, TableId::Part3, TableId::Part4]
        .into_iter()
        .flat_map(|id| {
            let t = Table::new(id, report.format());
            t.cells
                .iter()
                .filter(|c| c.kind == CellKind::Value)
                .map(|c| {
                    let text = t.cell_text(report, c);
                    match text.strip_prefix('-') {
                        Some(neg) => -(Amount::parse(neg).unwrap().0 as i128),
                        None => Amount::parse(&text).unwrap().0 as i128,
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn sum_adds_every_cell_and_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let mut inputs = Vec::new();
    for seed in 0..6 {
        inputs.push(write(
            tmp.path(),
            &format!("in/r{seed}.toml"),
            &nianbao::generate::report(seed, 3).to_toml(),
        ));
    }
    let area = tmp.path().join("area.toml");
    let (code, stdout, stderr) = nianbao(&[
        "sum",
        tmp.path().join("in").to_str().unwrap(),
        "-o",
        area.to_str().unwrap(),
        "--agency",
        "临江市人民政府",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let summed = parse(&area);
    assert_eq!(summed.agency().text, "临江市人民政府");
    let checked = nianbao::check::check_file(&area);
    assert!(
        !checked.has_errors(),
        "{}",
        nianbao::diag::render_all(&checked.diagnostics)
    );

    let per_input: Vec<Vec<i128>> = inputs.iter().map(|p| cells(&parse(p))).collect();
    let expected: Vec<i128> = (0..per_input[0].len())
        .map(|i| per_input.iter().map(|c| c[i]).sum())
        .collect();
    assert_eq!(cells(&summed), expected);

    // The output is not overwritten without --force (the user may have written prose in it).
    let (code, _, stderr) = nianbao(&[
        "sum",
        tmp.path().join("in").to_str().unwrap(),
        "-o",
        area.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn sum_refuses_mixed_years_and_names_the_odd_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = nianbao(&[
        "sum",
        "examples",
        "-o",
        tmp.path().join("a.toml").to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("qinghe-2020.toml 是 2020 年度、2019 格式的报告"),
        "{stderr}"
    );
    assert!(!tmp.path().join("a.toml").exists());
}

/// A generated report written as TOML reads back to the same report: every number of the tables
/// (by the description of the format), the identification, and every paragraph and section.
#[test]
fn generated_text_round_trips() {
    let draft = nianbao::generate::report(11, 8);
    let r = nianbao::input::parse(Arc::new(Source::new("g.toml", draft.to_toml())))
        .unwrap_or_else(|d| panic!("{}", nianbao::diag::render_all(&d)));
    assert_eq!((r.year(), r.format()), (draft.year, draft.format));
    assert_eq!(r.agency().text, draft.agency);
    assert_eq!(r.date(), draft.date);
    assert_eq!(r.signature().map(|s| &s.text), draft.signature.as_ref());
    let texts = |ps: &[nianbao::model::Text]| ps.iter().map(|p| p.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(r.preamble()), draft.preamble);
    for (body, expected) in [
        (&r.part1(), &draft.part1),
        (&r.part5(), &draft.part5),
        (&r.part6(), &draft.part6),
    ] {
        assert_eq!(texts(&body.paragraphs), expected.paragraphs);
        let sections: Vec<(String, Vec<String>)> = body
            .sections
            .iter()
            .map(|s| (s.title.text.clone(), texts(&s.paragraphs)))
            .collect();
        assert_eq!(&sections, &expected.sections);
    }
    assert!(
        draft.part1.sections.len() >= 3,
        "the generator wrote sections"
    );
    let numbers = nianbao::tables::schema::numbers(r.format());
    let mut nonzero = 0;
    for n in &numbers {
        let written = draft.get(n.cell).unwrap().text();
        assert_eq!(r.get(n.cell).unwrap().text(), written, "{}", n.label());
        nonzero += usize::from(written != "0");
    }
    assert!(
        nonzero > numbers.len() / 4,
        "the generator varies the numbers"
    );
}

#[test]
fn sum_warns_on_a_report_given_twice_and_refuses_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("examples/linjiang-2024.toml")
        .unwrap()
        .replace("previous = ", "# previous = ");
    write(dir.path(), "a.toml", &text);
    write(dir.path(), "b.toml", &text);
    let d = dir.path().to_str().unwrap();
    let out = dir.path().join("out").join("area.toml");
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let (code, _, err) = nianbao(&["sum", d, "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("警告：临江市自然资源和规划局 2024 年度的报告给出了两次")
            && err.contains("b.toml:6:10"),
        "{err}"
    );
    let out2 = dir.path().join("out").join("area2.toml");
    let (code, _, err) = nianbao(&["sum", "--strict", d, "-o", out2.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("错误：临江市自然资源和规划局 2024 年度的报告给出了两次"),
        "{err}"
    );
    assert!(!out2.exists());
}
