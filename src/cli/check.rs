//! `nianbao check`: prints every diagnostic of every file, then a verdict per file.

use std::path::PathBuf;

use nianbao::check::check_file;
use nianbao::diag::{Code, Diagnostic, Severity, exit_code, render_all};

use super::render::FontArgs;
use super::{EXIT_OK, EXIT_USAGE};

pub fn run(files: &[PathBuf], strict: bool, fonts: &FontArgs) -> u8 {
    let mut code = EXIT_OK;
    // The same font coverage as `render`: a character no font has is found now, not at render.
    let (book, style) = match fonts.setup() {
        Ok(f) => f,
        Err(d) => return super::render::fail(&d),
    };
    for path in files {
        if path.is_dir() {
            let d = Diagnostic::error(
                Code::Io,
                format!("{} 是一个文件夹，check 只检查报告文件", path.display()),
            )
            .file(path)
            .hint(format!(
                "检查文件夹中的所有报告请用：nianbao batch --check-only {}",
                path.display()
            ));
            err!("{}", render_all(&[d]));
            code = code.max(EXIT_USAGE);
            continue;
        }
        let mut checked = check_file(path);
        if let Some(report) = &checked.report {
            let styled = report.with_fonts(report.fonts().or(&style));
            checked
                .diagnostics
                .extend(book.font_set(&styled).err().unwrap_or_default());
        }
        if strict {
            for d in &mut checked.diagnostics {
                d.severity = Severity::Error;
            }
        }
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
