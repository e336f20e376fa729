//! Finding report files: the given files, and every `*.toml` under the given folders.

use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic};
use crate::input::io_reason;

/// Every report file named or found (recursively, sorted, hidden folders and `target/` skipped).
pub fn find_reports(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            if let Err(e) = walk(p, &mut found) {
                errors.push(
                    Diagnostic::error(
                        Code::Io,
                        format!("无法读取文件夹 {}：{}", p.display(), io_reason(&e)),
                    )
                    .file(p)
                    .hint("检查文件夹是否存在且可读"),
                );
            }
        } else if std::fs::metadata(p).is_ok() {
            // A file, or a pipe or device that reading refuses with its own message.
            found.push(p.clone());
        } else {
            errors.push(
                Diagnostic::error(Code::Io, format!("找不到 {}", p.display()))
                    .file(p)
                    .hint("检查文件或文件夹的路径"),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    found.sort();
    found.dedup();
    Ok(found)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let kind = e.file_type()?;
        if kind.is_dir() {
            if name != "target" {
                walk(&path, out)?;
            }
        } else if path.extension().is_some_and(|x| x == "toml") && name != "Cargo.toml" {
            out.push(path);
        }
    }
    Ok(())
}

/// A file name from free text: characters that Windows or Unix forbid are dropped, length capped.
pub fn sanitize_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !c.is_control() && !r#"/\:*?"<>|"#.contains(*c))
        .collect();
    let trimmed = cleaned.trim().trim_matches('.');
    // 180 bytes leaves room for the extension and stays under every file system's 255.
    let mut out = String::new();
    for c in trimmed.chars() {
        if out.len() + c.len_utf8() > 180 {
            break;
        }
        out.push(c);
    }
    if out.is_empty() {
        "报告".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes() {
        assert_eq!(sanitize_file_name("a/b:c*?\"<>|"), "abc");
        assert_eq!(sanitize_file_name(" ..某某区.. "), "某某区");
        assert_eq!(sanitize_file_name("///"), "报告");
        assert!(sanitize_file_name(&"年".repeat(200)).len() <= 180);
    }
}
