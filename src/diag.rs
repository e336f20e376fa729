//! Diagnostics: one type for errors and warnings, and a width-aware renderer in Chinese.
//!
//! The renderer is our own (about sixty lines) rather than codespan-reporting or ariadne because both
//! print English severity words ("error", "warning"); our users read Chinese.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use unicode_width::UnicodeWidthChar;

use crate::source::{Source, Span};

/// What kind of problem a diagnostic is: one name per rule or error class, shown to machines (the
/// batch JSON's `code`) and tests as its kebab-case name ([`Code::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    Args,
    BadAmount,
    BadDate,
    BadFormat,
    BadPeriod,
    BadYear,
    Balance,
    BlankNumber,
    BundledFont,
    CarryOver,
    CarryWithoutNew,
    ColumnSum,
    ControlCharacter,
    DateInPeriod,
    EmptyPart,
    EmptyText,
    EmptyTitle,
    Encoding,
    Epoch,
    FontDir,
    FontFile,
    FontNotFound,
    FontUnreadable,
    FormatMissing,
    FormatYear,
    InForce,
    Io,
    Jump,
    MissingGlyph,
    MissingKey,
    MissingTable,
    NameClash,
    Negative,
    NoReport,
    NotInteger,
    Noncharacter,
    NotToml,
    Ofd,
    Output,
    Part4Total,
    Pdf,
    PdfaDate,
    PeriodYear,
    PreviousUnreadable,
    PreviousYear,
    IgnoreUnused,
    ProseChange,
    ProseClaim,
    ProseFigure,
    ProseShare,
    TomlInText,
    RepeatedText,
    RowSum,
    SameFile,
    SumDuplicate,
    SumEmpty,
    SumErrors,
    SumMixed,
    SumOverflow,
    Syntax,
    TooLarge,
    Unimportable,
    UnknownKey,
    WrongFormatKey,
    WrongLength,
    WrongType,
}

impl Code {
    /// The stable kebab-case name, e.g. `row-sum`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Args => "args",
            Code::BadAmount => "bad-amount",
            Code::BadDate => "bad-date",
            Code::BadFormat => "bad-format",
            Code::BadPeriod => "bad-period",
            Code::BadYear => "bad-year",
            Code::Balance => "balance",
            Code::BlankNumber => "blank-number",
            Code::BundledFont => "bundled-font",
            Code::CarryOver => "carry-over",
            Code::CarryWithoutNew => "carry-without-new",
            Code::ColumnSum => "column-sum",
            Code::ControlCharacter => "control-character",
            Code::DateInPeriod => "date-in-period",
            Code::EmptyPart => "empty-part",
            Code::EmptyText => "empty-text",
            Code::EmptyTitle => "empty-title",
            Code::Encoding => "encoding",
            Code::Epoch => "epoch",
            Code::FontDir => "font-dir",
            Code::FontFile => "font-file",
            Code::FontNotFound => "font-not-found",
            Code::FontUnreadable => "font-unreadable",
            Code::FormatMissing => "format-missing",
            Code::FormatYear => "format-year",
            Code::InForce => "in-force",
            Code::Io => "io",
            Code::Jump => "jump",
            Code::MissingGlyph => "missing-glyph",
            Code::MissingKey => "missing-key",
            Code::MissingTable => "missing-table",
            Code::NameClash => "name-clash",
            Code::Negative => "negative",
            Code::NoReport => "no-report",
            Code::NotInteger => "not-integer",
            Code::Noncharacter => "noncharacter",
            Code::NotToml => "not-toml",
            Code::Ofd => "ofd",
            Code::Output => "output",
            Code::Part4Total => "part4-total",
            Code::Pdf => "pdf",
            Code::PdfaDate => "pdfa-date",
            Code::PeriodYear => "period-year",
            Code::PreviousUnreadable => "previous-unreadable",
            Code::PreviousYear => "previous-year",
            Code::IgnoreUnused => "ignore-unused",
            Code::ProseChange => "prose-change",
            Code::ProseClaim => "prose-claim",
            Code::ProseFigure => "prose-figure",
            Code::ProseShare => "prose-share",
            Code::TomlInText => "toml-in-text",
            Code::RepeatedText => "repeated-text",
            Code::RowSum => "row-sum",
            Code::SameFile => "same-file",
            Code::SumDuplicate => "sum-duplicate",
            Code::SumEmpty => "sum-empty",
            Code::SumErrors => "sum-errors",
            Code::SumMixed => "sum-mixed",
            Code::SumOverflow => "sum-overflow",
            Code::Syntax => "syntax",
            Code::TooLarge => "too-large",
            Code::Unimportable => "unimportable",
            Code::UnknownKey => "unknown-key",
            Code::WrongFormatKey => "wrong-format-key",
            Code::WrongLength => "wrong-length",
            Code::WrongType => "wrong-type",
        }
    }

    /// A file that could not be read at all (missing, unreadable, not a regular file, too large,
    /// not UTF-8, a document or spreadsheet damaged past reading).
    pub fn is_unreadable(self) -> bool {
        matches!(self, Code::Io | Code::Encoding | Code::Unimportable)
    }

    /// A problem outside the reports' contents (exit code 2): a file that could not be read or
    /// written, a bad argument or font folder.
    pub fn is_usage(self) -> bool {
        self.is_unreadable()
            || matches!(
                self,
                Code::Args | Code::Output | Code::SameFile | Code::FontDir | Code::Epoch
            )
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Exit codes of the command line.
pub mod exit {
    /// Success (warnings allowed).
    pub const OK: u8 = 0;
    /// Errors in a report.
    pub const ERRORS: u8 = 1;
    /// A file that could not be read or written, or bad arguments.
    pub const USAGE: u8 = 2;
}

/// The exit code a list of diagnostics calls for: 2 when a file could not be read or written or an
/// argument is wrong ([`Code::is_usage`]), 1 for any other error, 0 for warnings only.
pub fn exit_code(diags: &[Diagnostic]) -> u8 {
    if diags.iter().any(|d| d.is_error() && d.code.is_usage()) {
        exit::USAGE
    } else if diags.iter().any(Diagnostic::is_error) {
        exit::ERRORS
    } else {
        exit::OK
    }
}

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
    /// The rule or error class, e.g. [`Code::RowSum`], for machines and tests.
    pub code: Code,
    pub message: String,
    pub location: Option<Location>,
    /// The file a problem concerns as a whole, when it has no place inside one: a file that could
    /// not be read, an output that was not written.
    pub file: Option<PathBuf>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: None,
            file: None,
            hint: None,
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, source: &Arc<Source>, span: Span) -> Self {
        self.location = Some(Location::new(source, span));
        self
    }

    /// Names the file the problem concerns as a whole ([`Diagnostic::file`]).
    pub fn file(mut self, path: &Path) -> Self {
        self.file = Some(path.to_path_buf());
        self
    }

    /// The file the diagnostic is about: its location's, else the whole file's.
    pub fn path(&self) -> Option<&Path> {
        match &self.location {
            Some(loc) => Some(loc.source.path()),
            None => self.file.as_deref(),
        }
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
            let (line, col) = src.line_col(loc.span.start);
            let gutter = line.to_string().len();
            let pad = " ".repeat(gutter);
            let _ = writeln!(out, "{pad}--> {}", loc.display());
            if src.echo() {
                let text = src.line_text(line);
                // The part of the span on this line, in characters from the column.
                let line_end = src.line_start(line) + text.len();
                // (A span may start on the line's ending, e.g. a lone carriage return.)
                let span_start = loc.span.start.min(line_end);
                let span_end = loc.span.end.max(span_start).min(line_end);
                let span_chars = src
                    .text()
                    .get(span_start..span_end)
                    .map_or(0, |t| t.chars().count());
                let (shown, before, under) = window(text, col - 1, span_chars);
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{line} | {shown}");
                let _ = writeln!(out, "{pad} | {}{}", " ".repeat(before), "^".repeat(under));
            }
            if let Some(hint) = &self.hint {
                let _ = writeln!(out, "{pad} = 提示：{hint}");
            }
        } else {
            if let Some(file) = &self.file {
                let _ = writeln!(out, "  --> {}", file.display());
            }
            if let Some(hint) = &self.hint {
                let _ = writeln!(out, "  = 提示：{hint}");
            }
        }
        out
    }
}

/// A source line wider than this (in terminal columns) is echoed as a window around the column:
/// [`ECHO_BEFORE`] columns before it, [`ECHO_WIDTH`] in all.
const ECHO_MAX: usize = 120;
const ECHO_BEFORE: usize = 50;
const ECHO_WIDTH: usize = 110;

/// The echoed part of a line (all of it when it fits in [`ECHO_MAX`] columns, else a window
/// around character `col`, `…` where cut), control characters shown as spaces (a hostile file
/// must not drive the terminal); with the display width before the caret and the caret's width.
fn window(text: &str, col: usize, span_chars: usize) -> (String, usize, usize) {
    let width = |c: char| {
        if c.is_control() {
            1
        } else {
            c.width().unwrap_or(0)
        }
    };
    let mut total = 0;
    let fits = text.chars().all(|c| {
        total += width(c);
        total <= ECHO_MAX
    });
    // First shown character: as many as fit in ECHO_BEFORE columns before the column.
    let first = if fits {
        0
    } else {
        let mut cols = 0;
        let before: Vec<char> = text.chars().take(col).collect();
        let n = before
            .iter()
            .rev()
            .take_while(|&&c| {
                cols += width(c);
                cols <= ECHO_BEFORE
            })
            .count();
        col.saturating_sub(n)
    };
    let mut shown = String::new();
    let (mut before, mut under, mut used) = (0, 0, 0);
    if first > 0 {
        shown.push('…');
        before += 1;
    }
    let span_end = col + span_chars.max(1);
    for (i, c) in text.chars().enumerate().skip(first) {
        let w = width(c);
        if !fits && used + w > ECHO_WIDTH {
            shown.push('…');
            break;
        }
        used += w;
        if i < col {
            before += w;
        } else if i < span_end {
            under += w;
        }
        shown.push(if c.is_control() { ' ' } else { c });
    }
    (shown, before, under.max(1))
}

/// At most this many diagnostics are printed; the rest are counted.
pub const MAX_SHOWN: usize = 100;

/// Renders a list of diagnostics followed by a one-line count, as `check` prints them: the first
/// [`MAX_SHOWN`], then how many more there are.
pub fn render_all(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags.iter().take(MAX_SHOWN) {
        out.push_str(&d.render());
        out.push('\n');
    }
    if let Some(rest) = diags.get(MAX_SHOWN..).filter(|r| !r.is_empty()) {
        let errors = rest.iter().filter(|d| d.is_error()).count();
        let warnings = rest.len() - errors;
        let _ = match (errors, warnings) {
            (e, 0) => writeln!(out, "还有 {e} 个错误未列出。"),
            (0, w) => writeln!(out, "还有 {w} 个警告未列出。"),
            (e, w) => writeln!(out, "还有 {e} 个错误、{w} 个警告未列出。"),
        };
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    if errors > 0 || warnings > 0 {
        let _ = writeln!(out, "共 {errors} 个错误，{warnings} 个警告。");
    }
    out
}
