//! Issue 15: the executable is the whole tool. Copied alone into an empty folder (no fonts/ beside
//! it, no source tree to fall back on) it renders the example with the bundled fonts, to the same
//! bytes as in place; a report given as the only argument is rendered beside itself;
//! `NIANBAO_FONT_DIR` replaces the compiled-in fonts.

use std::path::Path;
use std::process::Command;

fn example() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan-2024.toml")
}

fn run(exe: &Path, dir: &Path, args: &[&str], font_dir: Option<&Path>) -> (i32, String) {
    let mut cmd = Command::new(exe);
    cmd.args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("NIANBAO_FONT_DIR");
    if let Some(f) = font_dir {
        cmd.env("NIANBAO_FONT_DIR", f);
    }
    let out = cmd.output().expect("nianbao runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn the_executable_alone_in_an_empty_folder_renders_with_its_own_fonts() {
    let tmp = tempfile::tempdir().unwrap();
    let alone = tmp.path().join("年报 工具");
    std::fs::create_dir(&alone).unwrap();
    let exe = alone.join(if cfg!(windows) {
        "nianbao.exe"
    } else {
        "nianbao"
    });
    std::fs::copy(env!("CARGO_BIN_EXE_nianbao"), &exe).unwrap();
    std::fs::copy(example(), alone.join("报告 2024.toml")).unwrap();
    let (code, out) = run(
        &exe,
        &alone,
        &["render", "报告 2024.toml", "--no-system-fonts"],
        None,
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("已生成"), "{out}");

    // The same bytes as the fonts read from the repository's files.
    let reference = tmp.path().join("reference");
    std::fs::create_dir(&reference).unwrap();
    std::fs::copy(example(), reference.join("报告 2024.toml")).unwrap();
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let (code, out) = run(
        Path::new(env!("CARGO_BIN_EXE_nianbao")),
        &reference,
        &["render", "报告 2024.toml", "--no-system-fonts"],
        Some(&fonts),
    );
    assert_eq!(code, 0, "{out}");
    for ext in ["pdf", "docx"] {
        let name = format!("报告 2024.{ext}");
        let a = std::fs::read(alone.join(&name)).unwrap();
        let b = std::fs::read(reference.join(&name)).unwrap();
        assert!(
            a == b,
            "{name}: compiled-in fonts and font files give different bytes"
        );
    }
}

#[test]
fn a_report_as_the_only_argument_is_rendered_beside_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("拖放 测试");
    std::fs::create_dir(&dir).unwrap();
    let report = dir.join("xingan-2024.toml");
    std::fs::copy(example(), &report).unwrap();
    let exe = Path::new(env!("CARGO_BIN_EXE_nianbao"));
    let (code, out) = run(exe, tmp.path(), &[report.to_str().unwrap()], None);
    assert_eq!(code, 0, "{out}");
    assert!(dir.join("xingan-2024.pdf").is_file() && dir.join("xingan-2024.docx").is_file());

    // Not a report: left to the argument parser, which says so in Chinese.
    let (code, out) = run(exe, tmp.path(), &["nothing.toml"], None);
    assert_eq!(code, 2, "{out}");
}

#[test]
fn nianbao_font_dir_replaces_the_compiled_in_fonts() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(example(), tmp.path().join("r.toml")).unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let exe = Path::new(env!("CARGO_BIN_EXE_nianbao"));
    let (code, out) = run(
        exe,
        tmp.path(),
        &["render", "r.toml", "--no-system-fonts"],
        Some(&empty),
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("无法读取内置字体") && out.contains("NIANBAO_FONT_DIR"),
        "{out}"
    );
    assert!(!tmp.path().join("r.pdf").exists());
}
