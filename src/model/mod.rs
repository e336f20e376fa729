//! The report model: the typed, resolved report that every renderer reads.
//!
//! Every type keeps its own promises, written in its doc comment and checked by its constructor;
//! the fields are private, so a model built by hand keeps them too:
//! - [`Count`] and [`Signed`]: within `MAX_COUNT`; a span only where the user wrote the number;
//! - [`Amount`]: at most four places and at most `MAX_COUNT` 万元 ([`Amount::new`]);
//! - [`Row`] and [`Outcomes`] ([`Tally`]): their cells with 总计 last;
//! - [`OtherRows`]: （六）其他处理 has the rows of its format;
//! - [`Report`]: built only by [`ReportParts::build`], which checks the shape against the format,
//!   the year and period, blank titles, paragraphs, characters and spans.
//!
//! The reader ([`crate::input`]) also fills every total the user left out with the computed sum
//! (its span `None`) and keeps a total the user gave, so [`crate::check`] can compare it with the
//! sum. A number is named by its cell ([`Report::get`]); a name of the other format finds nothing,
//! never panics. Every number of a format is described once in
//! [`crate::tables::schema::numbers`].
//!
//! A model may still break the table identities: finding that is `check`'s job, not the model's.

pub mod flow;
pub mod numbers;
pub mod part2;
pub mod part3;
pub mod part4;
pub mod report;
pub mod tally;
pub mod values;

use crate::source::Span;
use crate::style::FontRole;

/// Re-exported from the leaf [`crate::tables::schema`], which the table descriptions share.
pub use crate::tables::schema::{Format, RowId};
pub use numbers::{Amount, Count, MAX_COUNT, Signed};
pub use part2::{Items2019, Part2, Part2v2019, Part2v2021};
pub use part3::{OtherRows, Part3, Row};
pub use part4::{Outcomes, Part4};
pub use report::{Broken, KeySpans, Report, ReportParts, YEARS};
pub use tally::Tally;
pub use values::{Value, ValueMut};

/// A piece of user text and where it was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub span: Option<Span>,
}

impl Text {
    pub fn new(text: impl Into<String>, span: Option<Span>) -> Self {
        Text {
            text: text.into(),
            span,
        }
    }
}

/// A calendar date, printed the official way: 2025年1月8日 (no leading zeros).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    /// Seconds since 1970-01-01T00:00:00Z at midnight UTC of this date (for reproducible timestamps).
    pub fn unix_seconds(self) -> i64 {
        // Days from civil, after Howard Hinnant's algorithm.
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400
    }
}

/// A moment in UTC, broken into calendar fields (for the documents' creation dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcTime {
    pub year: i64,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl UtcTime {
    /// From seconds since 1970-01-01T00:00:00Z (civil-from-days, after Howard Hinnant; the inverse
    /// of [`Date::unix_seconds`]).
    pub fn from_unix(seconds: i64) -> UtcTime {
        let days = seconds.div_euclid(86_400);
        let rest = seconds.rem_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        UtcTime {
            year: yoe + era * 400 + i64::from(month <= 2),
            month: month as u8,
            day: day as u8,
            hour: (rest / 3600) as u8,
            minute: (rest / 60 % 60) as u8,
            second: (rest % 60) as u8,
        }
    }
}

/// The statistics period, normally the calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

/// A numbered sub-section: "（一）title" as a run-in head or a heading line, then paragraphs.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub title: Text,
    pub paragraphs: Vec<Text>,
    /// The title on a line of its own (楷体) instead of run in at the start of the first paragraph.
    pub standalone: bool,
}

/// The prose of a part: paragraphs, then numbered sections.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub paragraphs: Vec<Text>,
    pub sections: Vec<Section>,
    /// The part's table header in the file, where a warning about the part points.
    pub span: Option<Span>,
}

impl Body {
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty() && self.sections.is_empty()
    }
}

/// The user's font choice for each role: a family name (found among system fonts) or a file path.
#[derive(Debug, Clone, Default)]
pub struct FontChoices {
    /// 标题 (default 方正小标宋简体).
    pub title: Option<Text>,
    /// 正文 and level-3/4 headings (default 仿宋_GB2312).
    pub body: Option<Text>,
    /// 一级标题 (default 黑体).
    pub heading1: Option<Text>,
    /// 二级标题 (default 楷体_GB2312).
    pub heading2: Option<Text>,
    /// 页码 (default 宋体).
    pub page_number: Option<Text>,
    /// 表格 (default 宋体).
    pub table: Option<Text>,
}

impl FontChoices {
    /// The user's choice for a role, if any.
    pub fn get(&self, role: FontRole) -> Option<&Text> {
        match role {
            FontRole::Title => self.title.as_ref(),
            FontRole::Body => self.body.as_ref(),
            FontRole::Heading1 => self.heading1.as_ref(),
            FontRole::Heading2 => self.heading2.as_ref(),
            FontRole::PageNumber => self.page_number.as_ref(),
            FontRole::Table => self.table.as_ref(),
        }
    }

    pub fn get_mut(&mut self, role: FontRole) -> Option<&mut Text> {
        match role {
            FontRole::Title => self.title.as_mut(),
            FontRole::Body => self.body.as_mut(),
            FontRole::Heading1 => self.heading1.as_mut(),
            FontRole::Heading2 => self.heading2.as_mut(),
            FontRole::PageNumber => self.page_number.as_mut(),
            FontRole::Table => self.table.as_mut(),
        }
    }

    /// These choices, with `fallback`'s for the roles these leave open.
    pub fn or(&self, fallback: &FontChoices) -> FontChoices {
        let pick = |a: &Option<Text>, b: &Option<Text>| a.clone().or_else(|| b.clone());
        FontChoices {
            title: pick(&self.title, &fallback.title),
            body: pick(&self.body, &fallback.body),
            heading1: pick(&self.heading1, &fallback.heading1),
            heading2: pick(&self.heading2, &fallback.heading2),
            page_number: pick(&self.page_number, &fallback.page_number),
            table: pick(&self.table, &fallback.table),
        }
    }

    pub fn is_empty(&self) -> bool {
        FontRole::ALL.iter().all(|r| self.get(*r).is_none())
    }

    /// Whether a choice names a font file (a path, or a name ending in a font extension) rather
    /// than a family: files serve the PDF only, a DOCX can only name families.
    pub fn is_file(choice: &str) -> bool {
        let lower = choice.trim().to_ascii_lowercase();
        choice.contains(['/', '\\'])
            || [".otf", ".ttf", ".ttc", ".otc"]
                .iter()
                .any(|e| lower.ends_with(e))
    }
}
