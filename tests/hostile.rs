//! Hostile and accidental input (issue 10): no hang, no abort, no disclosure, no lost file, and
//! every message in Chinese with its place. Each test here failed on the code before the fix.
//!
//! Bounds are the child's own limits (`ulimit -v` address space, `ulimit -t` CPU seconds), not
//! wall-clock sleeps; the only clock is a generous timeout that turns a hang into a failure.

#![cfg(unix)]

use crate::common;
use common::nianbao_in;

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/xingan-2024.toml");

/// Runs `nianbao` in `dir` under `ulimit -v 100 MB -t 2 s`; a run still going after 60 s is a hang.
fn bounded(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 102400 && ulimit -t 2 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .env(
            "NIANBAO_FONT_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/fonts"),
        )
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read both pipes on threads so that a chatty child never blocks on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut s).unwrap();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut s).unwrap();
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("nianbao {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = String::from_utf8_lossy(&out.join().unwrap()).into_owned();
    let err = String::from_utf8_lossy(&err.join().unwrap()).into_owned();
    assert!(
        status.code().is_some(),
        "nianbao {args:?} was killed ({status:?}: over 100 MB or 2 s of CPU?)\n{err}"
    );
    (status.code().unwrap(), out, err)
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo");
}

/// A report of one line with 16,000 unknown keys (181 KB), as the reliability campaign made.
fn many_keys(dir: &Path) -> PathBuf {
    let example = std::fs::read_to_string(EXAMPLE).unwrap();
    // The line goes among the top-level keys, [part6] is left out.
    let first_table = example.find("\n[").unwrap() + 1;
    let part6 = example.find("[part6]").unwrap();
    let mut line = "part6 = { text = \"无。\"".to_string();
    for i in 0..16_000 {
        line.push_str(&format!(", k{i} = 1"));
    }
    line.push_str(" }\n");
    let text = format!(
        "{}{line}{}",
        &example[..first_table],
        &example[first_table..part6]
    );
    let path = dir.join("many.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn fifo_device_huge_file_and_many_keys_get_a_clear_message_within_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.toml");
    mkfifo(&fifo);
    let big = dir.path().join("big.toml");
    // Sparse: 200 MB that take no disk space.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    let many = many_keys(dir.path());
    let cases: [(&Path, &str); 4] = [
        (&fifo, "命名管道"),
        (Path::new("/dev/zero"), "设备文件"),
        (&big, "超过 16 MB"),
        (&many, "还有 15"),
    ];
    for (path, says) in cases {
        for cmd in ["check", "render"] {
            let (code, _, err) = bounded(dir.path(), &[cmd, path.to_str().unwrap()]);
            assert!(
                code == 1 || code == 2,
                "{cmd} {}: exit {code}",
                path.display()
            );
            assert!(err.contains(says), "{cmd} {}: {err}", path.display());
            assert!(
                err.len() < 100_000,
                "{cmd} {}: {} bytes of messages",
                path.display(),
                err.len()
            );
        }
    }
}

#[test]
fn many_errors_are_capped_and_long_lines_windowed() {
    let dir = tempfile::tempdir().unwrap();
    let many = many_keys(dir.path());
    let (code, _, err) = bounded(dir.path(), &["check", many.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(err.matches("错误：").count(), 100, "{err}");
    assert!(err.contains("还有 15900 个错误未列出"), "{err}");
    // Every echoed line is a window, not the 181 KB line.
    assert!(
        err.lines().all(|l| l.chars().count() < 200),
        "a line too long"
    );

    // CR-only line endings: the whole file is one line of errors.
    let cr = dir.path().join("cr.toml");
    let text = std::fs::read_to_string(EXAMPLE)
        .unwrap()
        .replace('\n', "\r");
    std::fs::write(&cr, text.repeat(60)).unwrap();
    let (code, _, err) = bounded(dir.path(), &["check", cr.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("回车符后面缺少换行符"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(err.len() < 100_000);
}

#[test]
fn every_file_read_refuses_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    mkfifo(&d.join("fifo"));
    let example = std::fs::read_to_string(EXAMPLE).unwrap();
    // `previous` naming a FIFO.
    std::fs::write(
        d.join("prev.toml"),
        example.replacen("year", "previous = \"fifo\"\nyear", 1),
    )
    .unwrap();
    let (code, _, err) = bounded(d, &["check", "prev.toml"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("命名管道") && err.contains("prev.toml:"),
        "{err}"
    );
    // A style file that is a FIFO.
    std::fs::write(d.join("a.toml"), &example).unwrap();
    let (code, _, err) = bounded(d, &["render", "a.toml", "--style", "fifo"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("命名管道"), "{err}");
    // A font path in [fonts] that is a FIFO.
    std::fs::write(
        d.join("font.toml"),
        example.replacen("[part1]", "[fonts]\nbody = \"fifo.ttf\"\n\n[part1]", 1),
    )
    .unwrap();
    mkfifo(&d.join("fifo.ttf"));
    let (code, _, err) = bounded(d, &["render", "font.toml", "-o", "font.pdf"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("命名管道") && err.contains("font.toml:"),
        "{err}"
    );
    // A FIFO named like a report inside a batch folder fails alone; the others are rendered.
    let batch = d.join("in");
    std::fs::create_dir(&batch).unwrap();
    std::fs::write(batch.join("a.toml"), &example).unwrap();
    mkfifo(&batch.join("b.toml"));
    let (code, out, err) = bounded(d, &["batch", "in", "--check-only"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("检查通过 1 份") && out.contains("失败 1 份"),
        "{out}"
    );
}

#[test]
fn a_collection_claiming_four_billion_faces_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    let mut ttc = b"ttcf\x00\x01\x00\x00\xff\xff\xff\xff".to_vec();
    ttc.resize(112, 0);
    std::fs::write(fonts.join("bad.ttc"), ttc).unwrap();
    std::fs::write(fonts.join("junk.otf"), vec![0x55; 4000]).unwrap();
    let (code, _, err) = bounded(
        dir.path(),
        &["fonts", "--no-system-fonts", "--font-dir", "fonts"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("警告：已跳过字体文件 fonts/bad.ttc"), "{err}");
    assert!(err.contains("4294967295"), "{err}");
    assert!(err.contains("警告：已跳过字体文件 fonts/junk.otf"), "{err}");
}

#[test]
fn a_missing_font_folder_or_a_file_as_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.ttf"), b"x").unwrap();
    for (arg, says) in [("nope", "字体文件夹 nope 不存在"), ("a.ttf", "不是文件夹")] {
        let (code, _, err) = nianbao_in(dir.path(), &["fonts", "--font-dir", arg]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(says), "{err}");
    }
}

#[test]
fn a_previous_that_is_not_a_report_is_never_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("shadow"),
        "root:$6$secretsalt$hash:19000:0:99999:7:::\n",
    )
    .unwrap();
    let example = std::fs::read_to_string(EXAMPLE).unwrap();
    std::fs::write(
        d.join("a.toml"),
        example.replacen("year", "previous = \"shadow\"\nyear", 1),
    )
    .unwrap();
    let (code, _, err) = nianbao_in(d, &["check", "a.toml"]);
    assert_eq!(code, 1);
    assert!(
        !err.contains("secretsalt") && !err.contains("root"),
        "{err}"
    );
    assert!(err.contains("内容不予显示"), "{err}");
    // The same for a style file.
    let (code, _, err) = nianbao_in(d, &["render", "a.toml", "--style", "shadow"]);
    assert_eq!(code, 1);
    assert!(!err.contains("secretsalt"), "{err}");
}

#[test]
fn an_input_is_never_overwritten_and_protected_outputs_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let example = std::fs::read_to_string(EXAMPLE).unwrap();
    // A TOML named report.pdf rendered without -o would become its own output.
    std::fs::write(d.join("report.pdf"), &example).unwrap();
    let (code, _, err) = nianbao_in(d, &["render", "report.pdf", "--format", "pdf"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("就是输入文件"), "{err}");
    assert_eq!(
        std::fs::read_to_string(d.join("report.pdf")).unwrap(),
        example
    );
    // -o naming the report through a symlink: the same file.
    std::fs::write(d.join("a.toml"), &example).unwrap();
    std::os::unix::fs::symlink("a.toml", d.join("link.pdf")).unwrap();
    let (code, _, err) = nianbao_in(d, &["render", "a.toml", "-o", "link.pdf", "--force"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(std::fs::read_to_string(d.join("a.toml")).unwrap(), example);

    // A read-only output and a symlinked one are kept without --force…
    std::fs::write(d.join("ro.pdf"), b"old").unwrap();
    let mut perms = std::fs::metadata(d.join("ro.pdf")).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(d.join("ro.pdf"), perms).unwrap();
    let (code, _, err) = nianbao_in(d, &["render", "a.toml", "-o", "ro.pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("只读") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(d.join("ro.pdf")).unwrap(), b"old");
    std::fs::write(d.join("target.txt"), b"kept").unwrap();
    std::os::unix::fs::symlink("target.txt", d.join("sym.pdf")).unwrap();
    let (code, _, err) = nianbao_in(d, &["render", "a.toml", "-o", "sym.pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("符号链接"), "{err}");
    // …and replaced with it (the link itself; what it pointed to is untouched).
    let (code, _, err) = nianbao_in(d, &["render", "a.toml", "-o", "sym.pdf", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read(d.join("sym.pdf"))
            .unwrap()
            .starts_with(b"%PDF")
    );
    assert_eq!(std::fs::read(d.join("target.txt")).unwrap(), b"kept");
    let (code, _, _) = nianbao_in(d, &["render", "a.toml", "-o", "ro.pdf", "--force"]);
    assert_eq!(code, 0);
}

#[test]
fn no_temp_file_is_left_and_stale_ones_are_swept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.toml"), std::fs::read(EXAMPLE).unwrap()).unwrap();
    // What a run killed mid-write (without O_TMPFILE) leaves: an hour old, and a fresh one.
    let stale = d.join(".nianbao-killed.tmp");
    std::fs::write(&stale, b"partial").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    let fresh = d.join(".nianbao-running.tmp");
    std::fs::write(&fresh, b"another run").unwrap();
    let (code, _, err) = nianbao_in(d, &["render", "a.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(!stale.exists(), "a stale temp file was left");
    assert!(fresh.exists(), "another run's temp file was removed");
    let left: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".nianbao-") && n != ".nianbao-running.tmp")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn os_errors_name_the_real_destination_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.toml"), std::fs::read(EXAMPLE).unwrap()).unwrap();
    let long = format!("{}.pdf", "长".repeat(100));
    let (code, _, err) = nianbao_in(d, &["render", "a.toml", "-o", &long]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("文件名太长"), "{err}");
    assert!(err.contains(&long) && !err.contains(".tmp"), "{err}");
    let (code, _, err) = nianbao_in(d, &["render", "a.toml", "-o", "no/such/dir/a.pdf"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("无法写入 no/such/dir/a.pdf：文件不存在"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn a_broken_pipe_ends_quietly_with_exit_0() {
    // Enough output to fill the pipe, so that the writes after `head -1` closed it fail.
    let files: Vec<&str> = std::iter::repeat_n(EXAMPLE, 2000).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("check")
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("通过"), "{first}");
    // The reader is gone (dropped above), as `head -1` exits.
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn noncharacters_are_refused_for_docx_as_for_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let example = std::fs::read_to_string(EXAMPLE).unwrap();
    let bad = example.replacen("title = \"", "title = \"\u{FFFE}", 1);
    std::fs::write(d.join("a.toml"), bad).unwrap();
    let (code, _, err) = nianbao_in(d, &["render", "a.toml", "--format", "docx"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("U+FFFE") && err.contains("a.toml:"), "{err}");
    assert!(!d.join("a.docx").exists());
}

#[test]
fn source_date_epoch_outside_1980_to_9999_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.toml"), std::fs::read(EXAMPLE).unwrap()).unwrap();
    for bad in ["253402300800", "-5", "soon"] {
        let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(["render", "a.toml"])
            .current_dir(d)
            .env("SOURCE_DATE_EPOCH", bad)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {err}");
        assert!(err.contains("SOURCE_DATE_EPOCH"), "{err}");
        assert!(!d.join("a.docx").exists());
    }
}

#[test]
fn an_encoding_error_has_a_line_and_column_also_in_the_batch_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("in")).unwrap();
    std::fs::write(
        d.join("in/gbk.toml"),
        b"year = 2024\ntitle = \"\xc4\xea\xb1\xa8\"\n",
    )
    .unwrap();
    let (code, _, err) = nianbao_in(d, &["check", "in/gbk.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("in/gbk.toml:2:10"), "{err}");
    let (_, _, _) = nianbao_in(d, &["batch", "in", "--check-only", "--report", "r.json"]);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("r.json")).unwrap()).unwrap();
    let diag = &json["results"][0]["diagnostics"][0];
    assert_eq!(diag["code"], "encoding");
    assert_eq!(diag["line"], 2);
    assert_eq!(diag["column"], 10);
}

#[test]
fn a_name_clash_has_the_agency_line_and_column_in_the_batch_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("in")).unwrap();
    let example = std::fs::read(EXAMPLE).unwrap();
    std::fs::write(d.join("in/a.toml"), &example).unwrap();
    std::fs::write(d.join("in/b.toml"), &example).unwrap();
    let (code, _, _) = nianbao_in(
        d,
        &["batch", "in", "--out-dir", "out", "--report", "r.json"],
    );
    assert_eq!(code, 1);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("r.json")).unwrap()).unwrap();
    let text = String::from_utf8(example).unwrap();
    let agency_line = text.lines().position(|l| l.starts_with("agency")).unwrap() + 1;
    for r in json["results"].as_array().unwrap() {
        let clash = r["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "name-clash")
            .expect("a name-clash diagnostic");
        assert_eq!(clash["line"], agency_line, "{clash}");
        assert!(clash["column"].as_u64().unwrap() > 1, "{clash}");
    }
}

#[test]
fn a_font_the_pdf_cannot_embed_is_an_error_not_missing_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The body font without its `head` table (the tag renamed): layout can read its characters,
    // krilla cannot embed it. Before, its text silently vanished from the PDF.
    let mut font = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fonts/FandolFang-Regular.otf"
    ))
    .unwrap();
    let tables = u16::from_be_bytes([font[4], font[5]]) as usize;
    let head = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&at| &font[at..at + 4] == b"head")
        .unwrap();
    font[head..head + 4].copy_from_slice(b"hea_");
    std::fs::write(d.join("nohead.otf"), font).unwrap();
    let example = std::fs::read_to_string(EXAMPLE).unwrap();
    std::fs::write(
        d.join("a.toml"),
        example.replacen("[part1]", "[fonts]\nbody = \"nohead.otf\"\n\n[part1]", 1),
    )
    .unwrap();
    let (code, _, err) = nianbao_in(d, &["render", "a.toml", "-o", "a.pdf", "--no-system-fonts"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("nohead.otf") && err.contains("无法嵌入 PDF"),
        "{err}"
    );
    // At the [fonts] line that chose the file.
    let text = std::fs::read_to_string(d.join("a.toml")).unwrap();
    let line = text.lines().position(|l| l.starts_with("body = ")).unwrap() + 1;
    assert!(err.contains(&format!("--> a.toml:{line}:8")), "{err}");
    assert!(!d.join("a.pdf").exists());
}
