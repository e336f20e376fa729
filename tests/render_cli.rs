//! `nianbao render` as a user runs it: outputs beside the report, -o by extension, refusal on
//! errors, --allow-errors, atomic replacement, reproducible bytes.

use crate::common;
use common::nianbao_in;

use std::path::Path;

fn copy_example(dir: &Path, name: &str) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::copy(src, dir.join(name)).unwrap();
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn render_writes_pdf_and_docx_beside_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    copy_example(tmp.path(), "xingan-2024.toml");
    let (code, out, err) = nianbao_in(
        tmp.path(),
        &["render", "xingan-2024.toml", "--no-system-fonts"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        names(tmp.path()),
        [
            "xingan-2024.docx",
            "xingan-2024.html",
            "xingan-2024.ofd",
            "xingan-2024.pdf",
            "xingan-2024.toml"
        ]
    );
    let pdf = std::fs::read(tmp.path().join("xingan-2024.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    // Same input, same bytes: the dates come from the report, never the clock.
    let (code, ..) = nianbao_in(
        tmp.path(),
        &[
            "render",
            "xingan-2024.toml",
            "--no-system-fonts",
            "--format",
            "pdf",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read(tmp.path().join("xingan-2024.pdf")).unwrap(),
        pdf
    );
    // Replaced atomically: no temp file is left beside it.
    assert_eq!(names(tmp.path()).len(), 5);
}

#[test]
fn output_path_picks_the_format() {
    let tmp = tempfile::tempdir().unwrap();
    copy_example(tmp.path(), "xingan-2024.toml");
    let (code, ..) = nianbao_in(
        tmp.path(),
        &["render", "xingan-2024.toml", "-o", "年报.docx"],
    );
    assert_eq!(code, 0);
    assert!(
        std::fs::read(tmp.path().join("年报.docx"))
            .unwrap()
            .starts_with(b"PK")
    );
    assert!(!tmp.path().join("年报.pdf").exists());

    let (code, _, err) = nianbao_in(
        tmp.path(),
        &["render", "xingan-2024.toml", "-o", "年报.txt"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("扩展名应为 .pdf、.docx、.html 或 .ofd"),
        "{err}"
    );
    let (code, _, err) = nianbao_in(
        tmp.path(),
        &[
            "render",
            "xingan-2024.toml",
            "-o",
            "a.pdf",
            "--format",
            "docx",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("不一致"), "{err}");
}

#[test]
fn a_report_with_errors_is_not_rendered_unless_allowed() {
    let tmp = tempfile::tempdir().unwrap();
    let broken = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/balance.toml"),
    )
    .unwrap();
    std::fs::write(tmp.path().join("b.toml"), broken).unwrap();
    // An older output stays untouched when the new run refuses.
    std::fs::write(tmp.path().join("b.pdf"), b"old").unwrap();
    let (code, _, err) = nianbao_in(tmp.path(), &["render", "b.toml", "--no-system-fonts"]);
    assert_eq!(code, 1);
    assert!(err.contains("错误：自然人 列不平衡"), "{err}");
    assert!(err.contains("--allow-errors"), "{err}");
    assert_eq!(std::fs::read(tmp.path().join("b.pdf")).unwrap(), b"old");
    assert!(!tmp.path().join("b.docx").exists());

    let (code, _, err) = nianbao_in(
        tmp.path(),
        &["render", "b.toml", "--no-system-fonts", "--allow-errors"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("警告：自然人 列不平衡"), "{err}");
    assert!(
        std::fs::read(tmp.path().join("b.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );

    let (code, _, err) = nianbao_in(tmp.path(), &["render", "missing.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("文件不存在"), "{err}");
}

#[test]
fn fonts_lists_every_role() {
    let tmp = tempfile::tempdir().unwrap();
    copy_example(tmp.path(), "xingan-2024.toml");
    let (code, out, err) = nianbao_in(
        tmp.path(),
        &["fonts", "xingan-2024.toml", "--no-system-fonts"],
    );
    assert_eq!(code, 0, "{err}");
    for line in [
        "标题（方正小标宋简体）：",
        "正文（仿宋_GB2312）：FandolFang",
        "一级标题（黑体）：FandolHei",
        "页码（宋体）：FandolSong",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
}

#[test]
fn a_style_file_gives_the_fonts() {
    let tmp = tempfile::tempdir().unwrap();
    copy_example(tmp.path(), "xingan-2024.toml");
    let style = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/bundled.toml");
    let (code, out, err) = nianbao_in(
        tmp.path(),
        &[
            "fonts",
            "xingan-2024.toml",
            "--no-system-fonts",
            "--style",
            style,
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("正文（仿宋_GB2312）：FandolFang R [用户指定]"),
        "{out}"
    );
    let (code, _, err) = nianbao_in(
        tmp.path(),
        &[
            "render",
            "xingan-2024.toml",
            "--no-system-fonts",
            "--style",
            style,
        ],
    );
    assert_eq!(code, 0, "{err}");

    std::fs::write(tmp.path().join("bad.toml"), "[fonts]\nbodyy = \"仿宋\"\n").unwrap();
    let (code, _, err) = nianbao_in(
        tmp.path(),
        &["render", "xingan-2024.toml", "--style", "bad.toml"],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("bad.toml:2:1") && err.contains("是否想写 `fonts.body`"),
        "{err}"
    );
}
