//! The driver before `check`: reads a report and the file it names (last year's report), so that
//! [`crate::check::check`] stays a pure function of the reports.

use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::input;
use crate::model::Report;

/// Reads the report named by `previous`, if any. Its own errors are reported too.
pub fn load_previous(report: &Report) -> Result<Option<Report>, Vec<Diagnostic>> {
    let Some((path, span)) = &report.previous() else {
        return Ok(None);
    };
    match input::load_linked(path) {
        Ok(prev) => Ok(Some(prev)),
        Err(mut diags) => {
            let reason = diags.first().map(|d| d.message.clone()).unwrap_or_default();
            let head = Diagnostic::error(
                Code::PreviousUnreadable,
                format!("无法使用上年报告 {}：{reason}", path.display()),
            )
            .at(report.source(), span.clone())
            .hint("检查 previous 的路径（相对于本文件所在文件夹），或先修正上年报告中的错误");
            // An unreadable file needs no second message; errors inside it are shown at their place.
            diags.retain(|d| !d.code.is_unreadable());
            diags.insert(0, head);
            Err(diags)
        }
    }
}

/// The outcome of checking one file: the report when it could be read, and every diagnostic.
pub struct Checked {
    pub report: Option<Report>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Reads a report, reads last year's when it names one, and runs every rule. Unknown keys do not
/// hide the rules: their errors come first, then the rules' findings ([`input::load_all`]).
pub fn check_file(path: &Path) -> Checked {
    match input::load_all(path) {
        (None, diagnostics) => Checked {
            report: None,
            diagnostics,
        },
        (Some(report), mut diagnostics) => {
            let previous = match load_previous(&report) {
                Ok(p) => p,
                Err(mut d) => {
                    diagnostics.append(&mut d);
                    None
                }
            };
            diagnostics.extend(crate::check::check(&report, previous.as_ref()));
            Checked {
                report: Some(report),
                diagnostics,
            }
        }
    }
}
