//! The realized document: every decision that more than one output needs, made once per report.
//!
//! The PDF layout, the DOCX writer (and the HTML and OFD exporters) read a [`Realized`] instead of
//! deciding these things each for itself, so that they cannot drift apart:
//!
//! - the title's lines ([`Realized::title_lines`], broken between words, see [`title`]);
//! - the document metadata: title, author (the agency) and the creation date, with one
//!   precedence ([`created`]);
//! - every table's metrics (text size, the one header size, cell padding, rules) and which of its
//!   rows go together ([`TableSpec`]);
//! - the signature block: 署名, 成文日期 and their right insets ([`Signature`]);
//! - the blocks in reading order, with the realized title ([`Realized::blocks`]).
//!
//! Everything here is a pure function of the report and the caller's `SOURCE_DATE_EPOCH`: no
//! fonts, no clock.

pub mod table;
pub mod title;

use unicode_width::UnicodeWidthStr;

use crate::model::Report;
use crate::model::flow::Block;
use crate::style::SIGNATURE_RIGHT_CHARS;
use crate::tables::TableId;

pub use table::{TableMetrics, TableSpec, prefix_break};

/// The decisions every output shares. Build it with [`realize`].
#[derive(Debug, Clone)]
pub struct Realized {
    /// The document in reading order; its [`Block::Title`] holds [`Realized::title_lines`].
    pub blocks: Vec<Block>,
    /// The title as printed, one entry per line (never empty).
    pub title_lines: Vec<String>,
    pub metadata: Metadata,
    /// The tables in reading order.
    pub tables: Vec<TableSpec>,
    /// 署名 and 成文日期, when the report has a 署名.
    pub signature: Option<Signature>,
}

/// What the documents say about themselves (PDF info/XMP, DOCX core properties).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// The title on one line (the user's lines joined, without breaks).
    pub title: String,
    /// The issuing agency.
    pub author: String,
    /// "zh-CN".
    pub language: &'static str,
    /// The creation date in seconds since 1970-01-01 UTC, see [`created`]; `None`: no date.
    pub created: Option<i64>,
    /// A stable identifier of the report: "agency/year/title".
    pub id: String,
}

/// The metadata alone (what an exporter of an already laid-out report needs).
pub fn metadata(report: &Report, source_date_epoch: Option<i64>) -> Metadata {
    let title = report.title_lines().concat();
    Metadata {
        id: format!("{}/{}/{title}", report.agency().text, report.year()),
        title,
        author: report.agency().text.clone(),
        language: "zh-CN",
        created: created(report, source_date_epoch),
    }
}

/// The 署名 and 成文日期 block (GB/T 9704 7.3.5.2), insets counted in half characters of the body
/// text (a digit is half a character), measured from the right edge of the 版心.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub agency: String,
    /// "2025年1月20日".
    pub date: Option<String>,
    /// Half characters between the 署名's end and the 版心's right edge.
    pub agency_right: u32,
    /// Half characters between the date's end and the 版心's right edge.
    pub date_right: Option<u32>,
}

/// Realizes a report. `source_date_epoch` is the caller's `SOURCE_DATE_EPOCH` (read from the
/// environment by the CLI, see [`crate::render::source_date_epoch`]); it only counts when the
/// report has no 成文日期.
pub fn realize(report: &Report, source_date_epoch: Option<i64>) -> Realized {
    let title_lines = title::break_title(&report.title_lines(), report.year());
    let blocks: Vec<Block> = report
        .flow()
        .into_iter()
        .map(|b| match b {
            Block::Title(_) => Block::Title(title_lines.clone()),
            other => other,
        })
        .collect();
    let tables = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(id) => Some(TableSpec::new(*id, report.format())),
            _ => None,
        })
        .collect();
    let signature = blocks.iter().find_map(|b| match b {
        Block::Signature { agency, date } => Some(Signature::new(agency, date.as_deref())),
        _ => None,
    });
    Realized {
        metadata: metadata(report, source_date_epoch),
        blocks,
        title_lines,
        tables,
        signature,
    }
}

impl Realized {
    /// The spec of a table of the report.
    pub fn table(&self, id: TableId) -> Option<&TableSpec> {
        self.tables.iter().find(|t| t.id == id)
    }
}

/// The creation date, one precedence for every output: the report's 成文日期 (at 00:00 UTC) when
/// it has one, else `SOURCE_DATE_EPOCH`, else none. Never the clock, so the same input gives the
/// same bytes.
pub fn created(report: &Report, source_date_epoch: Option<i64>) -> Option<i64> {
    report
        .date()
        .map(|d| d.unix_seconds())
        .or(source_date_epoch)
}

impl Signature {
    /// "在正文下空一行右空二字编排发文机关署名，在署名下一行编排成文日期，首字比署名首字右移二字；
    /// 成文日期长于署名时成文日期右空二字并相应增加署名右空字数" (7.3.5.2).
    pub fn new(agency: &str, date: Option<&str>) -> Signature {
        let min = SIGNATURE_RIGHT_CHARS * 2;
        let (agency_right, date_right) = match date {
            None => (min, None),
            Some(date) => {
                let (s, d) = (agency.width() as u32, date.width() as u32);
                if s >= d + min {
                    // The date starts two characters right of the 署名's start.
                    (min, Some(s - d))
                } else {
                    // The date is too long: it keeps 右空二字 and the 署名 moves left.
                    (min + min + d - s, Some(min))
                }
            }
        };
        Signature {
            agency: agency.to_string(),
            date: date.map(str::to_string),
            agency_right,
            date_right,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_rule() {
        // 署名 7 characters, date 6.5: the date would end past 右空二字, so it keeps 右空二字 and
        // the 署名 moves left to stay two characters ahead of it.
        let s = Signature::new("兴安区人民政府", Some("2025年1月20日"));
        assert_eq!((s.agency_right, s.date_right), (7, Some(4)));
        // A long 署名: 右空二字, and the date starts two characters right of its start.
        let s = Signature::new("某某市某某区人民政府办公室", Some("2025年1月8日"));
        assert_eq!((s.agency_right, s.date_right), (4, Some(26 - 12)));
        let s = Signature::new("某某", None);
        assert_eq!((s.agency_right, s.date_right), (4, None));
    }
}
