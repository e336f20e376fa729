//! `nianbao check`: prints every diagnostic of every file, then a verdict per file.

use std::path::PathBuf;

use nianbao::check::check_file;
use nianbao::diag::{exit_code, render_all};

use super::{EXIT_OK, EXIT_USAGE};

pub fn run(files: &[PathBuf]) -> u8 {
    let mut code = EXIT_OK;
    for path in files {
        let checked = check_file(path);
        err!("{}", render_all(&checked.diagnostics));
        let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = checked.diagnostics.len() - errors;
        let verdict = exit_code(&checked.diagnostics);
        code = code.max(verdict);
        if verdict == EXIT_USAGE {
            // Unreadable: the message above says so; there is no verdict on the contents.
        } else if errors > 0 {
            outln!(
                "{}：未通过（{errors} 个错误，{warnings} 个警告）",
                path.display()
            );
        } else {
            outln!("{}：通过（{warnings} 个警告）", path.display());
        }
    }
    code
}
