//! Diagnostics: one type for errors and warnings, and a width-aware renderer in Chinese.
//!
//! The renderer is our own (about sixty lines) rather than codespan-reporting or ariadne because both
//! print English severity words ("error", "warning"); our users read Chinese.

use std::fmt::Write as _;
use std::sync::Arc;

use unicode_width::UnicodeWidthStr;

use crate::source::{Source, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// Where a diagnostic points: a span in one of the files that were read.
#[derive(Debug, Clone)]
pub struct Location {
    pub source: Arc<Source>,
    pub span: Span,
}

impl Location {
    pub fn new(source: &Arc<Source>, span: Span) -> Self {
        Location {
            source: Arc::clone(source),
            span,
        }
    }

    /// "path:line:column", 1-based.
    pub fn display(&self) -> String {
        let (line, col) = self.source.line_col(self.span.start);
        format!("{}:{line}:{col}", self.source.path().display())
    }
}

/// One problem found in the input: what is wrong, where, and how to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short stable name of the rule or error class, e.g. `row-sum`, for machines and tests.
    pub code: &'static str,
    pub message: String,
    pub location: Option<Location>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: None,
            hint: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, source: &Arc<Source>, span: Span) -> Self {
        self.location = Some(Location::new(source, span));
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic as the user sees it in a terminal:
    ///
    /// ```text
    /// 错误：（七）总计 的 自然人 列为 12，但各项之和为 11
    ///   --> report.toml:40:10
    ///    |
    /// 40 | total = [12, 0, 0, 0, 0, 0, 12]
    ///    |          ^^
    ///    = 提示：……
    /// ```
    pub fn render(&self) -> String {
        let mut out = String::new();
        let word = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        let _ = writeln!(out, "{word}：{}", self.message);
        if let Some(loc) = &self.location {
            let src = &loc.source;
            let (line, _) = src.line_col(loc.span.start);
            let text = src.line_text(line);
            let gutter = line.to_string().len();
            let pad = " ".repeat(gutter);
            let _ = writeln!(out, "{pad}--> {}", loc.display());
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{line} | {}", text.replace('\t', " "));
            // Caret under the span's part on this line; CJK characters are two columns wide.
            let line_start = src.line_start(line);
            let start = loc.span.start - line_start;
            let end = (loc.span.end.max(loc.span.start + 1) - line_start).min(text.len());
            let before = text.get(..start).unwrap_or("").width();
            let under = text.get(start..end.max(start)).unwrap_or("").width().max(1);
            let _ = writeln!(out, "{pad} | {}{}", " ".repeat(before), "^".repeat(under));
            if let Some(hint) = &self.hint {
                let _ = writeln!(out, "{pad} = 提示：{hint}");
            }
        } else if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = 提示：{hint}");
        }
        out
    }
}

/// Renders a list of diagnostics followed by a one-line count, as `check` prints them.
pub fn render_all(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.render());
        out.push('\n');
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    if errors > 0 || warnings > 0 {
        let _ = writeln!(out, "共 {errors} 个错误，{warnings} 个警告。");
    }
    out
}
