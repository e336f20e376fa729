//! Snapshot files (expected outputs kept in the repository) compared with what the code makes now.
//! Blessing — writing the new output over the old — happens only when asked (`NIANBAO_BLESS=1`),
//! and that run fails on purpose, so that no run that blesses (CI's included) can pass: rerun
//! without it and review `git diff`.

use std::path::{Path, PathBuf};

/// The snapshots of one test: each compared, or blessed when asked; [`Snapshots::finish`] fails
/// the test on any difference, and always after blessing.
pub struct Snapshots {
    bless: bool,
    differ: Vec<String>,
    blessed: Vec<PathBuf>,
}

impl Snapshots {
    /// Blessing when the environment asks for it with `NIANBAO_BLESS=1`.
    pub fn from_env() -> Snapshots {
        Snapshots::new(std::env::var("NIANBAO_BLESS").is_ok_and(|v| v == "1"))
    }

    pub fn new(bless: bool) -> Snapshots {
        Snapshots {
            bless,
            differ: Vec::new(),
            blessed: Vec::new(),
        }
    }

    /// Compares `actual` with the file at `path`; when blessing, writes it there if it differs.
    pub fn check(&mut self, path: &Path, actual: &str) {
        let old = std::fs::read_to_string(path).unwrap_or_default();
        if old == actual {
            return;
        }
        if self.bless {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).unwrap();
            }
            std::fs::write(path, actual).unwrap();
            self.blessed.push(path.to_path_buf());
            return;
        }
        let line = old
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(old.lines().count().min(actual.lines().count()));
        self.differ.push(format!(
            "{}: first difference at line {}\n  old: {}\n  new: {}",
            path.display(),
            line + 1,
            old.lines().nth(line).unwrap_or(""),
            actual.lines().nth(line).unwrap_or("")
        ));
    }

    /// Fails on any difference; fails after blessing too, listing what was written.
    pub fn finish(self) {
        assert!(
            !self.bless,
            "NIANBAO_BLESS=1: {} snapshot(s) rewritten ({}); this run fails on purpose — review \
             `git diff`, then rerun without NIANBAO_BLESS",
            self.blessed.len(),
            self.blessed
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        assert!(
            self.differ.is_empty(),
            "snapshots differ (rerun with NIANBAO_BLESS=1 to rewrite them if the change is \
             intended, then review `git diff`):\n{}",
            self.differ.join("\n")
        );
    }
}
