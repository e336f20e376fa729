//! Rendering one report to the requested files (PDF, DOCX and/or OFD), as `render` and `batch` do.

use crate::batch::Outputs;
use crate::diag::Diagnostic;
use crate::docx::{self, DocxOptions};
use crate::fonts::FontBook;
use crate::model::{FontChoices, Report};
use crate::ofd::{self, OfdOptions};
use crate::pdf::{self, PdfOptions};

/// Which files to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub pdf: bool,
    pub docx: bool,
    pub ofd: bool,
}

impl Formats {
    pub const ALL: Formats = Formats {
        pdf: true,
        docx: true,
        ofd: true,
    };
}

/// Everything needed to render reports; build it once and reuse it for a whole batch, so the
/// fonts are read and parsed once.
pub struct Renderer {
    pub fonts: FontBook,
    pub formats: Formats,
    pub pdf: PdfOptions,
    pub docx: DocxOptions,
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
            styled = Report {
                fonts: report.fonts.or(&self.style),
                ..report.clone()
            };
            &styled
        };
        let mut out = Vec::new();
        if self.formats.pdf {
            out.push(("pdf", pdf::render(report, &self.fonts, &self.pdf)?));
        }
        if self.formats.docx {
            out.push(("docx", docx::render_with(report, &self.docx)));
        }
        if self.formats.ofd {
            out.push(("ofd", ofd::render(report, &self.fonts, &self.ofd)?));
        }
        Ok(out)
    }
}

/// The creation timestamp from `SOURCE_DATE_EPOCH`, the reproducible-builds convention.
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}
