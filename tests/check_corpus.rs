//! `check` on the examples (all pass) and on the corpus of broken inputs in tests/broken/, whose
//! full rendered messages are compared with the `.expected` snapshots beside them.
//! Re-bless after a deliberate wording change with
//! `NIANBAO_BLESS=1 cargo test --release --test suite check_corpus::` (that run fails on purpose;
//! review `git diff` and rerun without it).

use crate::common;
use common::nianbao;
use common::snapshot::Snapshots;

use std::path::{Path, PathBuf};

use nianbao::check::check_file;
use nianbao::diag::render_all;

fn files(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_example_passes_check_without_warnings() {
    let examples = files("examples");
    assert!(
        examples.len() >= 4,
        "examples/ should hold at least four reports"
    );
    for path in examples {
        let checked = check_file(&path);
        assert!(
            checked.diagnostics.is_empty(),
            "{}:\n{}",
            path.display(),
            render_all(&checked.diagnostics)
        );
    }
}

#[test]
fn broken_inputs_match_their_snapshots() {
    let mut snapshots = Snapshots::from_env();
    let corpus = files("tests/broken");
    assert!(corpus.len() >= 25);
    for path in corpus {
        let checked = check_file(&path);
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        // warn-* files hold only warnings; every other file must fail the check.
        if name.starts_with("warn-") {
            assert!(!checked.has_errors(), "{name} should have warnings only");
            assert!(!checked.diagnostics.is_empty(), "{name} should warn");
        } else {
            assert!(checked.has_errors(), "{name} should fail the check");
        }
        let rendered = render_all(&checked.diagnostics);
        snapshots.check(&path.with_extension("expected"), &rendered);
    }
    snapshots.finish();
}

/// Blessing rewrites a differing snapshot and fails the run; comparing leaves it alone and fails.
#[test]
fn blessing_rewrites_and_fails_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("a.expected");
    std::fs::write(&path, "old").unwrap();
    let run = |bless: bool| {
        let path = path.clone();
        std::panic::catch_unwind(move || {
            let mut s = Snapshots::new(bless);
            s.check(&path, "new");
            s.finish();
        })
    };
    assert!(run(false).is_err(), "a difference fails");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    assert!(run(true).is_err(), "blessing fails the run");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    assert!(run(false).is_ok(), "the blessed snapshot then matches");
    assert!(
        run(true).is_err(),
        "blessing fails even with nothing to rewrite"
    );
}

#[test]
fn exit_codes_follow_the_readme() {
    assert_eq!(nianbao(&["check", "examples/xingan-2024.toml"]).0, 0);
    assert_eq!(
        nianbao(&["check", "tests/broken/warn-cross-year.toml"]).0,
        0
    );
    let (code, _, err) = nianbao(&["check", "tests/broken/balance.toml"]);
    assert_eq!(code, 1);
    assert!(err.contains("tests/broken/balance.toml:54:20"), "{err}");
    let (code, _, err) = nianbao(&["check", "no/such/file.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("文件不存在"), "{err}");
    assert_eq!(nianbao(&["check"]).0, 2);
    assert_eq!(nianbao(&["frobnicate"]).0, 2);
}

#[test]
fn non_utf8_and_bom_files() {
    let dir = tempfile::tempdir().unwrap();
    let gbk = dir.path().join("gbk.toml");
    // "年报" in GBK.
    std::fs::write(&gbk, b"title = \"\xc4\xea\xb1\xa8\"\n").unwrap();
    let (code, _, err) = nianbao(&["check", gbk.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("不是 UTF-8 编码"), "{err}");

    let bom = dir.path().join("bom.toml");
    let mut text = b"\xEF\xBB\xBF".to_vec();
    text.extend(std::fs::read("examples/xingan-2024.toml").unwrap());
    std::fs::write(&bom, text).unwrap();
    assert_eq!(nianbao(&["check", bom.to_str().unwrap()]).0, 0);
}

#[test]
fn init_writes_valid_skeletons_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["2021", "2019"] {
        let out = dir.path().join(format!("{format}.toml"));
        let out_s = out.to_str().unwrap();
        let args = [
            "init",
            "--year",
            "2025",
            "--agency",
            "某某区人民政府",
            "--format",
            format,
            "-o",
            out_s,
        ];
        let (code, _, err) = nianbao(&args);
        assert_eq!(code, 0, "{err}");
        let checked = check_file(&out);
        assert!(
            !checked.has_errors(),
            "{}",
            render_all(&checked.diagnostics)
        );
        // The skeleton names every row with its official label.
        let text = std::fs::read_to_string(&out).unwrap();
        for label in [
            "5.要求行政机关确认或重新出具已获取信息",
            "结果维持",
            "第二十条第（八）项",
        ] {
            assert!(text.contains(label), "{format}: {label}");
        }
        assert_eq!(text.contains("其他对外管理服务事项"), format == "2019");

        let before = std::fs::read(&out).unwrap();
        let (code, _, err) = nianbao(&args);
        assert_eq!(code, 2);
        assert!(err.contains("已存在"), "{err}");
        assert_eq!(std::fs::read(&out).unwrap(), before);
        let mut forced = args.to_vec();
        forced.push("--force");
        assert_eq!(nianbao(&forced).0, 0);
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn xingan_example_reproduces_the_published_text() {
    // The reference is flattened web text with half-width punctuation; compare after folding
    // full-width ASCII forms, and compare every paragraph the model produces with the reference.
    let reference = std::fs::read_to_string(Path::new("../shared/reference/xingan-2024.txt"))
        .or_else(|_| std::fs::read_to_string("tests/fixtures/xingan-2024.txt"))
        .unwrap();
    let fold = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap(),
                c => c,
            })
            .collect()
    };
    let reference: Vec<String> = reference.lines().map(fold).collect();
    let report = nianbao::input::load(Path::new("examples/xingan-2024.toml")).unwrap();
    let mut produced = Vec::new();
    for block in report.flow() {
        use nianbao::model::flow::Block;
        match block {
            Block::Title(lines) => produced.push(lines.concat()),
            Block::Heading1(h) => produced.push(h),
            Block::Paragraph { lead, text, .. } => {
                produced.push(format!("{}{text}", lead.unwrap_or_default()))
            }
            _ => {}
        }
    }
    // Every line of the reference outside the tables (the flattened tables are the lines with '|').
    let prose: Vec<&String> = reference
        .iter()
        .filter(|l| !l.contains('|') && !l.is_empty())
        .collect();
    let produced: Vec<String> = produced.iter().map(|l| fold(l)).collect();
    assert_eq!(produced.iter().collect::<Vec<_>>(), prose);
    // Every number of the reference's tables, in order, equals the model's.
    let model_numbers: Vec<String> = [
        nianbao::tables::TableId::Part2,
        nianbao::tables::TableId::Part3,
        nianbao::tables::TableId::Part4,
    ]
    .into_iter()
    .flat_map(|id| {
        let t = nianbao::tables::Table::new(id, report.format());
        t.cells
            .iter()
            .filter(|c| c.kind == nianbao::tables::CellKind::Value)
            .map(|c| t.cell_text(&report, c))
            .collect::<Vec<_>>()
    })
    .collect();
    let ref_numbers: Vec<String> = reference
        .iter()
        .filter_map(|l| l.strip_suffix(" |"))
        .filter(|l| l.chars().all(|c| c.is_ascii_digit() || c == '.') && !l.is_empty())
        .map(String::from)
        .collect();
    assert_eq!(model_numbers, ref_numbers);
}

#[test]
fn check_runs_the_font_coverage_of_render_and_knows_strict_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("examples/xingan-2024.toml")
        .unwrap()
        .replacen("兴安区根据", "兴安区（𠮷䶮）根据", 1);
    let file = dir.path().join("glyph.toml");
    std::fs::write(&file, &text).unwrap();
    let (code, _, err) = nianbao(&["check", "--no-system-fonts", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    let line = text.lines().position(|l| l.contains("𠮷")).unwrap() + 1;
    for ch in ["𠮷", "䶮"] {
        assert!(err.contains(&format!("错误：“{ch}”")), "{err}");
    }
    assert!(err.contains(&format!("glyph.toml:{line}:5")), "{err}");
    // Warnings fail the check only with --strict.
    assert_eq!(
        nianbao(&["check", "tests/broken/warn-prose-claims.toml"]).0,
        0
    );
    let (code, _, err) = nianbao(&["check", "--strict", "tests/broken/warn-prose-claims.toml"]);
    assert_eq!(code, 1);
    assert!(err.contains("错误：正文称“均获维持”"), "{err}");
    // A folder: the hint names the command for folders.
    let (code, _, err) = nianbao(&["check", "examples"]);
    assert_eq!(code, 2);
    assert!(err.contains("nianbao batch --check-only examples"), "{err}");
}
