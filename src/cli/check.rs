//! `nianbao check`: prints every diagnostic of every file, then a verdict per file.

use std::path::PathBuf;

use nianbao::check::check_file;
use nianbao::diag::{Diagnostic, Severity, render_all};

use nianbao::model::Report;

use super::render::FontArgs;
use super::{EXIT_ERRORS, EXIT_OK, EXIT_USAGE};

pub fn run(files: &[PathBuf], strict: bool, fonts: &FontArgs) -> u8 {
    let mut code = EXIT_OK;
    // The same font coverage as `render`: a character no font has is found now, not at render.
    let (book, style) = match fonts.setup() {
        Ok(f) => f,
        Err(code) => return code,
    };
    for path in files {
        if path.is_dir() {
            let d = Diagnostic::error(
                "io",
                format!("{} 是一个文件夹，check 只检查报告文件", path.display()),
            )
            .hint(format!(
                "检查文件夹中的所有报告请用：nianbao batch --check-only {}",
                path.display()
            ));
            eprint!("{}", render_all(&[d]));
            code = code.max(EXIT_USAGE);
            continue;
        }
        let mut checked = check_file(path);
        if let Some(report) = &checked.report {
            let styled = Report {
                fonts: report.fonts.or(&style),
                ..report.clone()
            };
            checked
                .diagnostics
                .extend(book.report(Some(&styled)).problems);
        }
        if strict {
            for d in &mut checked.diagnostics {
                d.severity = Severity::Error;
            }
        }
        eprint!("{}", render_all(&checked.diagnostics));
        let unreadable = checked.report.is_none()
            && checked
                .diagnostics
                .iter()
                .any(|d| matches!(d.code, "io" | "encoding"));
        let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = checked.diagnostics.len() - errors;
        if unreadable {
            code = code.max(EXIT_USAGE);
        } else if errors > 0 {
            code = code.max(EXIT_ERRORS);
            println!(
                "{}：未通过（{errors} 个错误，{warnings} 个警告）",
                path.display()
            );
        } else {
            println!("{}：通过（{warnings} 个警告）", path.display());
        }
    }
    code
}
