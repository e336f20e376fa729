//! Rendering one report to the requested files (PDF, DOCX, HTML, OFD), as `render` and `batch` do.

use std::path::Path;

use crate::batch::Outputs;
use crate::diag::Diagnostic;
use crate::docx::{self, DocxOptions};
use crate::fonts::FontBook;
use crate::html::{self, HtmlOptions};
use crate::layout;
use crate::model::{FontChoices, Report};
use crate::ofd::{self, OfdOptions};
use crate::pdf::{self, PdfOptions};
use crate::realize;
use crate::style::FontRole;

/// Which files to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub pdf: bool,
    pub docx: bool,
    pub html: bool,
    pub ofd: bool,
}

impl Formats {
    pub const ALL: Formats = Formats {
        pdf: true,
        docx: true,
        html: true,
        ofd: true,
    };
}

/// Everything needed to render reports; build it once and reuse it for a whole batch, so the
/// fonts are read and parsed once.
pub struct Renderer {
    pub fonts: FontBook,
    pub formats: Formats,
    /// `SOURCE_DATE_EPOCH`: the creation date of a report without a 成文日期, the same for every
    /// format (the per-format options' timestamps serve their own `render` functions only).
    pub timestamp: Option<i64>,
    pub pdf: PdfOptions,
    pub docx: DocxOptions,
    pub html: HtmlOptions,
    pub ofd: OfdOptions,
    /// Fonts from a style file, for the roles a report's own `[fonts]` leaves open.
    pub style: FontChoices,
}

impl Renderer {
    /// The report's files as (extension, bytes), in memory: nothing is written here.
    pub fn outputs(&self, report: &Report) -> Result<Outputs, Vec<Diagnostic>> {
        let styled;
        let report = if self.style.is_empty() {
            report
        } else {
            styled = report.with_fonts(report.fonts().or(&self.style));
            &styled
        };
        // Realized once and laid out once, however many formats read them.
        let realized = realize::realize(report, self.timestamp);
        let laid_out = if self.formats.pdf || self.formats.ofd {
            let set = self.fonts.font_set(report)?;
            Some(layout::layout_realized(report, &realized, &set))
        } else {
            None
        };
        let mut out = Vec::new();
        if let Some(layout) = laid_out.as_ref().filter(|_| self.formats.pdf) {
            let pdf = pdf::export_with(layout, &realized.metadata, &self.pdf).map_err(|d| {
                d.into_iter()
                    .map(|d| at_font_choice(report, d))
                    .collect::<Vec<_>>()
            })?;
            out.push(("pdf", pdf));
        }
        if self.formats.docx {
            out.push(("docx", docx::render_realized(report, &realized)));
        }
        if self.formats.html {
            out.push(("html", html::render_realized(report, &realized, &self.html)));
        }
        if let Some(layout) = laid_out.as_ref().filter(|_| self.formats.ofd) {
            out.push(("ofd", ofd::export_with(layout, &realized.metadata)?));
        }
        Ok(out)
    }
}

/// A font file's error, pointed at the `[fonts]` line that chose the file, when one did.
fn at_font_choice(report: &Report, d: Diagnostic) -> Diagnostic {
    let (None, Some(file)) = (&d.location, &d.file) else {
        return d;
    };
    let base = report.source().path().parent().unwrap_or(Path::new("."));
    let chosen = FontRole::ALL.iter().find_map(|&role| {
        let choice = report.fonts().get(role)?;
        let named = FontChoices::is_file(&choice.text)
            && crate::output::same_file(&base.join(choice.text.trim()), file);
        named.then(|| choice.span.clone()).flatten()
    });
    match chosen {
        Some(span) => d.at(report.source(), span),
        None => d,
    }
}

/// The creation timestamp from `SOURCE_DATE_EPOCH`, the reproducible-builds convention: unset or
/// empty is `None`; a value that is not a whole number of seconds from 1980 to 9999 (the years a
/// PDF date and a DOCX date can hold) is an error, never a date of year 10000.
pub fn source_date_epoch() -> Result<Option<i64>, Diagnostic> {
    let Some(raw) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let raw = raw.to_string_lossy();
    if raw.trim().is_empty() {
        return Ok(None);
    }
    parse_epoch(raw.trim()).map(Some).ok_or_else(|| {
        Diagnostic::error(
            crate::diag::Code::Epoch,
            format!(
                "环境变量 SOURCE_DATE_EPOCH 的值“{}”无效：应为 1980 年至 9999 年之间的时间（自 1970-01-01 起的秒数）",
                raw.chars().take(40).collect::<String>()
            ),
        )
        .hint("例如 SOURCE_DATE_EPOCH=1735689600（2025-01-01）；不需要固定创建时间时删除这个环境变量")
    })
}

/// 1980-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z, in seconds since 1970.
const EPOCH_RANGE: std::ops::RangeInclusive<i64> = 315_532_800..=253_402_300_799;

fn parse_epoch(raw: &str) -> Option<i64> {
    raw.parse::<i64>().ok().filter(|t| EPOCH_RANGE.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_outside_1980_to_9999_is_refused() {
        assert_eq!(parse_epoch("315532800"), Some(315_532_800));
        assert_eq!(parse_epoch("253402300799"), Some(253_402_300_799));
        for bad in [
            "253402300800",
            "315532799",
            "-1",
            "1e9",
            "abc",
            "99999999999999999999",
        ] {
            assert_eq!(parse_epoch(bad), None, "{bad}");
        }
    }
}
