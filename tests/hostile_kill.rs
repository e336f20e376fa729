//! kill -9 while writing (issue 10): `render` and `batch` killed at twenty-odd seeded moments
//! leave no temp file and no partial output — every output present is the complete new file or
//! the previous version — through O_TMPFILE and through the named temp file other systems use;
//! the temp files that path can leave are swept by the next run once an hour old.

#![cfg(target_os = "linux")]

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/xingan-2024.toml");
const OUTPUTS: [&str; 4] = ["pdf", "docx", "html", "ofd"];

/// A report of about a hundred pages (part 一's first paragraph 400 times), so that its four
/// outputs (about 1.3 MB) take a while to write and flush.
fn big_report() -> String {
    let src = std::fs::read_to_string(EXAMPLE).unwrap();
    let start = src.find("text = \"\"\"\n").unwrap() + "text = \"\"\"\n".len();
    let end = start + src[start..].find('\n').unwrap();
    let paragraph = &src[start..end];
    let body = vec![paragraph; 400].join("\n");
    format!("{}{body}{}", &src[..start], &src[end..])
}

/// A small LCG (Knuth's MMIX constants): the same kill moments on every run.
struct Seeded(u64);

impl Seeded {
    /// A fraction in [0, 1).
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn command(dir: &Path, args: &[&str], no_tmpfile: bool) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    c.args(args)
        .current_dir(dir)
        .env_remove("NIANBAO_FONT_DIR")
        .env("SOURCE_DATE_EPOCH", "1735689600")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if no_tmpfile {
        c.env("NIANBAO_NO_TMPFILE", "1");
    } else {
        c.env_remove("NIANBAO_NO_TMPFILE");
    }
    c
}

/// Runs to the end; returns how long it took.
fn run(dir: &Path, args: &[&str], no_tmpfile: bool) -> Duration {
    let started = Instant::now();
    let status = command(dir, args, no_tmpfile).status().unwrap();
    assert!(status.success(), "nianbao {args:?} failed");
    started.elapsed()
}

/// Names, sizes and inodes of a folder's entries: cheap enough to poll every fraction of a
/// millisecond, and changed by every file created, renamed or replaced.
fn stat(dir: &Path) -> Vec<(std::ffi::OsString, u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let e = e.ok()?;
            let m = e.metadata().ok()?;
            Some((e.file_name(), m.len(), m.ino()))
        })
        .collect();
    v.sort();
    v
}

/// When to kill.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// This long after the start.
    After(Duration),
    /// This long after the folder first changes (an output or a temp file appears): aimed at
    /// the writing, whose moment varies from run to run more than its length.
    AfterChange(Duration),
}

/// Runs to the end; returns how long after the start the folder first changed and the run ended.
fn writing_phase(dir: &Path, args: &[&str], no_tmpfile: bool) -> (Duration, Duration) {
    let before = stat(dir);
    let started = Instant::now();
    let mut child = command(dir, args, no_tmpfile).spawn().unwrap();
    let mut first = None;
    loop {
        let done = child.try_wait().unwrap().is_some();
        if first.is_none() && stat(dir) != before {
            first = Some(started.elapsed());
        }
        if done {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let end = started.elapsed();
    (first.unwrap_or(end).min(end), end)
}

/// Starts the command and sends SIGKILL at `when` (if it is still running then); whether it was.
fn run_killed(dir: &Path, args: &[&str], no_tmpfile: bool, when: Kill) -> bool {
    let before = stat(dir);
    let mut child = command(dir, args, no_tmpfile).spawn().unwrap();
    match when {
        Kill::After(after) => std::thread::sleep(after),
        Kill::AfterChange(after) => {
            while child.try_wait().unwrap().is_none() && stat(dir) == before {
                std::thread::sleep(Duration::from_micros(200));
            }
            std::thread::sleep(after);
        }
    }
    let killed = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    killed
}

/// Every file of a folder by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Checks an output on its own terms: a PDF that parses and ends with %%EOF, a ZIP (DOCX, OFD)
/// whose every entry decompresses, an HTML document that is closed.
fn assert_complete(name: &str, bytes: &[u8]) {
    match name.rsplit('.').next().unwrap() {
        "pdf" => {
            assert!(
                bytes.trim_ascii_end().ends_with(b"%%EOF"),
                "{name}: no %%EOF"
            );
            lopdf::Document::load_mem(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        "docx" | "ofd" => {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            for i in 0..zip.len() {
                let mut entry = zip.by_index(i).unwrap();
                let mut sink = Vec::new();
                entry
                    .read_to_end(&mut sink)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
            }
        }
        "html" => assert!(
            bytes.trim_ascii_end().ends_with(b"</html>"),
            "{name}: not closed"
        ),
        other => panic!("unexpected output {other}"),
    }
}

/// The outputs of `report` (saved as big.toml) rendered to the end in a folder of their own.
fn reference(report: &str) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.toml"), report).unwrap();
    run(dir.path(), &["render", "big.toml"], false);
    let mut out = files(dir.path());
    out.remove("big.toml");
    assert_eq!(out.len(), OUTPUTS.len());
    for (name, bytes) in &out {
        assert_complete(name, bytes);
    }
    out
}

/// Kills `render` at 20 (or more, see below) seeded moments over its run, each time over the previous version of
/// its outputs; returns the folder and the temp files left in it.
fn render_killed(no_tmpfile: bool, seed: u64) -> (tempfile::TempDir, BTreeSet<String>) {
    let report = big_report();
    let new = reference(&report);
    // The previous version: last year's outputs under this year's names.
    let old = reference(&std::fs::read_to_string(EXAMPLE).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("big.toml"), &report).unwrap();
    for (name, bytes) in &old {
        std::fs::write(d.join(name), bytes).unwrap();
    }
    let (writing, full) = writing_phase(d, &["render", "big.toml"], no_tmpfile);
    let mut rng = Seeded(seed);
    let (mut killed, mut mixed, mut temps) = (0, 0, BTreeSet::new());
    // 20 kills; then, when fewer than 10 caught the run still going (an idle machine finishes
    // early), or none landed between two outputs (or, without O_TMPFILE, during a temp file's
    // life: a loaded machine), more aimed ones (up to 80 in all) until they do, so that the
    // test's result does not depend on timing luck.
    let mut i = 0;
    let unlucky = |killed: usize, mixed: usize, temps: &BTreeSet<String>| {
        killed < 10 || mixed == 0 || (no_tmpfile && temps.is_empty())
    };
    while i < 20 || (unlucky(killed, mixed, &temps) && i < 80) {
        i += 1;
        for (name, bytes) in &old {
            std::fs::write(d.join(name), bytes).unwrap();
        }
        // Every other kill anywhere in the run, the rest while the outputs are written.
        let when = if i % 2 == 1 && i <= 20 {
            Kill::After(full.mul_f64(1.1 * rng.next()))
        } else {
            Kill::AfterChange((full - writing).mul_f64(rng.next()))
        };
        killed += usize::from(run_killed(d, &["render", "big.toml"], no_tmpfile, when));
        let now = files(d);
        let mut fresh = 0;
        for (name, bytes) in &now {
            if name == "big.toml" {
                continue;
            }
            if name.starts_with(".nianbao-") && name.ends_with(".tmp") {
                // With O_TMPFILE a name exists only for the instant an existing output is
                // replaced (linkat cannot replace): a kill then leaves the complete new file
                // under it, which a later run sweeps. Never a partial one.
                assert!(
                    no_tmpfile || new.values().any(|b| b == bytes),
                    "{name}: a partial temp file"
                );
                temps.insert(name.clone());
                continue;
            }
            let was = old.get(name).unwrap_or_else(|| panic!("stray file {name}"));
            if bytes == was {
                continue;
            }
            assert!(
                new.get(name) == Some(bytes),
                "{name} is neither the previous nor the new version ({} bytes)",
                bytes.len()
            );
            fresh += 1;
        }
        assert_eq!(
            now.len() - temps_in(&now),
            1 + OUTPUTS.len(),
            "{:?}",
            now.keys()
        );
        if fresh > 0 && fresh < OUTPUTS.len() {
            mixed += 1;
        }
    }
    // Most kills land mid-run (the rest after the end): the test kills, not waits; and some
    // between two outputs, with some files new and some old.
    eprintln!(
        "{killed} of {i} killed, {mixed} between two outputs, writing from {writing:?} to {full:?}, temp files left: {temps:?}"
    );
    assert!(killed >= 10, "only {killed} of {i} runs were still going");
    assert!(mixed >= 1, "no kill landed while the outputs were written");
    (dir, temps)
}

fn temps_in(files: &BTreeMap<String, Vec<u8>>) -> usize {
    files.keys().filter(|n| n.starts_with(".nianbao-")).count()
}

#[test]
fn render_killed_anywhere_leaves_no_temp_file_and_no_partial_output() {
    // Temp names left (rarely: a kill in the instant of a replacement) hold complete outputs,
    // checked in render_killed.
    let (_dir, _left) = render_killed(false, 10);
}

#[test]
fn without_o_tmpfile_a_killed_render_leaves_only_temp_files_the_next_run_sweeps() {
    let (dir, mut left) = render_killed(true, 20);
    // The kills aimed at the writing caught temp files: this path names them.
    assert!(
        !left.is_empty(),
        "no temp file: was O_TMPFILE used after all?"
    );
    let d = dir.path();
    // One more for certain, as a kill between a temp file's creation and its rename leaves; all
    // of them an hour old (the sweep leaves younger ones: they may be another run's).
    std::fs::write(d.join(".nianbao-killed.tmp"), b"partial").unwrap();
    left.insert(".nianbao-killed.tmp".to_string());
    let hour_ago = SystemTime::now() - Duration::from_secs(3700);
    for name in &left {
        std::fs::File::options()
            .write(true)
            .open(d.join(name))
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }
    run(d, &["render", "big.toml"], true);
    let now = files(d);
    assert_eq!(now.len(), 1 + OUTPUTS.len(), "{:?}", now.keys());
    for (name, bytes) in &now {
        if name != "big.toml" {
            assert_complete(name, bytes);
        }
    }
}

#[test]
fn batch_killed_anywhere_leaves_only_complete_outputs() {
    let report = big_report();
    let input = tempfile::tempdir().unwrap();
    for i in 0..6 {
        std::fs::write(input.path().join(format!("r{i}.toml")), &report).unwrap();
    }
    let args = [
        "batch",
        input.path().to_str().unwrap(),
        "--out-dir",
        "out",
        "--name-from-file",
        "-j",
        "2",
    ];
    let reference = tempfile::tempdir().unwrap();
    let full = run(reference.path(), &args, false);
    let new = files(&reference.path().join("out"));
    assert_eq!(new.len(), 6 * OUTPUTS.len());
    for (name, bytes) in &new {
        assert_complete(name, bytes);
    }
    let mut rng = Seeded(30);
    let mut partial = 0;
    for no_tmpfile in [false, true] {
        for _ in 0..10 {
            let dir = tempfile::tempdir().unwrap();
            let when = Kill::After(full.mul_f64(rng.next()));
            run_killed(dir.path(), &args, no_tmpfile, when);
            let out = dir.path().join("out");
            if !out.exists() {
                continue;
            }
            let now = files(&out);
            for (name, bytes) in &now {
                if no_tmpfile && name.starts_with(".nianbao-") && name.ends_with(".tmp") {
                    continue;
                }
                assert!(new.get(name) == Some(bytes), "{name} is not complete");
            }
            if !now.is_empty() && now.len() < new.len() {
                partial += 1;
            }
            // Nothing but outputs and (without O_TMPFILE) temp files, ever.
            if !no_tmpfile {
                assert_eq!(temps_in(&now), 0, "{:?}", now.keys());
            }
        }
    }
    eprintln!("{partial} of 20 batches killed between outputs");
}
