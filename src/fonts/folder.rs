//! `--font-dir` folders, read defensively: a missing folder is an error, and every font file is
//! checked before fontdb sees it (regular file, size, a collection's face count against its
//! size); a file that is no usable font is a warning naming it, never a silent gap or a hang.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic};
use crate::source::{MAX_FONT_FILE, not_regular};

/// How deep sub-folders are searched, and how many files at most: a folder of fonts is small;
/// this bounds the work for a folder given by mistake (e.g. `/`).
const MAX_DEPTH: usize = 8;
const MAX_FILES: usize = 20_000;

/// Indexes the font files of `dirs` into `db`; the problems found, errors for the folders
/// themselves, warnings for files.
pub(super) fn load_dirs(db: &mut fontdb::Database, dirs: &[PathBuf]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for dir in dirs {
        match std::fs::metadata(dir) {
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                collect(dir, 0, &mut files);
                for file in files {
                    if let Some(w) = load_file(db, &file) {
                        problems.push(w);
                    }
                }
            }
            Ok(m) => problems.push(
                Diagnostic::error(
                    Code::FontDir,
                    format!(
                        "--font-dir {} 不是文件夹（{}）",
                        dir.display(),
                        not_regular(&m).unwrap_or("一个文件")
                    ),
                )
                .file(dir)
                .hint("给出存放字体文件的文件夹；单个字体文件请写在报告的 [fonts] 中"),
            ),
            Err(e) => problems.push(
                Diagnostic::error(
                    Code::FontDir,
                    if e.kind() == std::io::ErrorKind::NotFound {
                        format!("字体文件夹 {} 不存在", dir.display())
                    } else {
                        format!(
                            "无法读取字体文件夹 {}：{}",
                            dir.display(),
                            crate::source::io_reason(&e)
                        )
                    },
                )
                .file(dir)
                .hint("检查 --font-dir 的路径"),
            ),
        }
    }
    problems
}

fn is_font_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["ttf", "otf", "ttc", "otc"].contains(&e.to_ascii_lowercase().as_str()))
}

/// Font files under `dir` (sorted, hidden entries skipped), depth- and count-bounded.
pub(super) fn collect(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if out.len() >= MAX_FILES {
            return;
        }
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        // Symlinked sub-folders are not followed (a link loop must not recurse forever).
        let Ok(link) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if link.is_dir() {
            if depth < MAX_DEPTH {
                collect(&path, depth + 1, out);
            }
        } else if is_font_name(&path) {
            out.push(path);
        }
    }
}

/// Checks one font file and indexes it; a warning when it is not a usable font.
fn load_file(db: &mut fontdb::Database, path: &Path) -> Option<Diagnostic> {
    let skip = |reason: String| {
        Some(
            Diagnostic::warning(
                Code::FontUnreadable,
                format!("已跳过字体文件 {}：{reason}", path.display()),
            )
            .file(path)
            .hint("删除或替换这个文件；其他字体照常使用"),
        )
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return skip(crate::source::io_reason(&e)),
    };
    if let Some(kind) = not_regular(&meta) {
        return skip(format!("这是{kind}，不是普通文件"));
    }
    if meta.len() > MAX_FONT_FILE {
        return skip(format!("文件超过 {} MB", MAX_FONT_FILE >> 20));
    }
    if let Err(reason) = check_header(path, meta.len()) {
        return skip(reason);
    }
    let before = db.len();
    if let Err(e) = db.load_font_file(path) {
        return skip(crate::source::io_reason(&e));
    }
    if db.len() == before {
        return skip("不是可用的 OpenType/TrueType 字体".into());
    }
    None
}

/// A font collection (`ttcf`) must have room for the offsets of the faces its header claims: a
/// 112-byte file claiming 2³²−1 faces would otherwise keep fontdb busy for minutes.
pub(super) fn check_header(path: &Path, len: u64) -> Result<(), String> {
    let mut head = [0u8; 12];
    let mut file =
        crate::source::open_nonblocking(path).map_err(|e| crate::source::io_reason(&e))?;
    if file.read_exact(&mut head).is_err() {
        return Err("文件太短，不是字体".into());
    }
    if &head[..4] == b"ttcf" {
        let faces = u64::from(u32::from_be_bytes([head[8], head[9], head[10], head[11]]));
        // Each face needs a 4-byte offset and at least a 12-byte table directory.
        if faces == 0 || 12 + faces * 16 > len {
            return Err(format!(
                "字体集合的文件头声称有 {faces} 个字体，与文件大小不符（文件已损坏）"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collection_claiming_more_faces_than_fit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.ttc");
        let mut bytes = b"ttcf\x00\x01\x00\x00\xff\xff\xff\xff".to_vec();
        bytes.resize(112, 0);
        std::fs::write(&path, &bytes).unwrap();
        let mut db = fontdb::Database::new();
        let problems = load_dirs(&mut db, &[dir.path().to_path_buf()]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(!problems[0].is_error());
        assert!(
            problems[0].message.contains("bad.ttc"),
            "{}",
            problems[0].message
        );
        assert!(problems[0].message.contains("4294967295"));
    }

    #[test]
    fn a_missing_folder_or_a_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ttf");
        std::fs::write(&file, b"not a font").unwrap();
        let mut db = fontdb::Database::new();
        let problems = load_dirs(&mut db, &[dir.path().join("missing"), file]);
        assert_eq!(problems.len(), 2);
        assert!(
            problems
                .iter()
                .all(|d| d.is_error() && d.code == Code::FontDir)
        );
    }

    #[test]
    fn a_corrupt_font_is_a_warning_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("broken.otf"), vec![7u8; 500]).unwrap();
        let mut db = fontdb::Database::new();
        let problems = load_dirs(&mut db, &[dir.path().to_path_buf()]);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("broken.otf"));
        assert!(!problems[0].is_error());
    }
}
