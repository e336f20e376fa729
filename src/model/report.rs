//! The whole report: [`Report`], built only from checked [`ReportParts`].

use std::fmt;
use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::sync::Arc;

use super::{Body, Date, FontChoices, Format, Part2, Part3, Part4, Period, Text};
use crate::source::{Source, Span};
use crate::tables::schema::numbers;

/// The report years the tool accepts: from the first year of the 条例 (2008) to 2100.
pub const YEARS: RangeInclusive<u16> = 2008..=2100;

/// A whole annual report, as every checker and renderer reads it.
///
/// Promises (checked by [`ReportParts::build`], the only way to make one, and kept because the
/// fields are private: a report is read through its accessors, and only its numbers
/// ([`Report::get_mut`], each kind keeping its own promise) and its fonts can change):
/// - the tables have the shape of [`Report::format`]: part 二's variant and （六）其他处理's rows;
/// - [`Report::year`] is within [`YEARS`]; the period starts no later than it ends;
/// - the agency and the title are not blank, nor is any section title;
/// - every paragraph is one trimmed, non-empty line;
/// - no text that is printed or quoted (agency, title, signature, paragraphs, section titles,
///   `[check] ignore`) holds a control character other than a line break, nor a Unicode
///   noncharacter ([`forbidden_char`]);
/// - every span of those texts, of the parts and of a number points inside [`Report::source`]
///   (font choices may come from a style file, so theirs are not checked).
///
/// It does not promise that the tables add up, nor that the period lies in the year: those are
/// findings of [`crate::check`], which the user may be shown and may ignore.
///
/// ```compile_fail,E0615
/// fn retitle(r: &mut nianbao::model::Report) {
///     r.title = nianbao::model::Text::new("", None); // private: a blank title cannot be set
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Report(ReportParts);

/// The pieces of a report before they are checked: filled in by the reader ([`crate::input`]) or
/// a test, made into a [`Report`] by [`ReportParts::build`].
#[derive(Debug, Clone)]
pub struct ReportParts {
    /// The file the report was read from; spans in the model point into it.
    pub source: Arc<Source>,
    pub format: Format,
    pub year: u16,
    /// The issuing agency (发布机关), also the document's author.
    pub agency: Text,
    pub title: Text,
    pub period: Period,
    /// 署名, printed with the date at the end when given.
    pub signature: Option<Text>,
    /// 成文日期; also the documents' creation date.
    pub date: Option<Date>,
    /// Last year's report, for the cross-year checks.
    pub previous: Option<(PathBuf, Span)>,
    pub preamble: Vec<Text>,
    pub part1: Body,
    pub part2: Part2,
    pub part2_text: Body,
    pub part3: Part3,
    pub part3_text: Body,
    pub part4: Part4,
    pub part4_text: Body,
    pub part5: Body,
    pub part6: Body,
    pub fonts: FontChoices,
    /// `[check] ignore`: quotes of prose findings the user has judged intentional.
    pub check_ignore: Vec<Text>,
    /// Where `format`, `year`, `date` and `period` were written.
    pub spans: KeySpans,
}

/// Where the user wrote the report's values that are neither texts nor numbers, for the findings
/// about them; `None` for a value left out (a default).
#[derive(Debug, Clone, Default)]
pub struct KeySpans {
    pub format: Option<Span>,
    pub year: Option<Span>,
    pub date: Option<Span>,
    pub period_start: Option<Span>,
    pub period_end: Option<Span>,
}

/// The promise of [`Report`] that a [`ReportParts`] breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broken {
    /// Part 二 or （六） has the other format's shape.
    Shape(Format),
    Year(u16),
    /// The period ends before it starts.
    Period(Period),
    /// A text that must say something is blank: `agency`, `title` or a section's `title`.
    Blank(&'static str),
    /// A paragraph with surrounding spaces, a line break, or nothing.
    Paragraph(String),
    /// A control character or a noncharacter.
    Character(char),
    /// A span beyond the end of the source text.
    Span(Span),
}

impl fmt::Display for Broken {
    /// In Chinese: the reader reports these with its own messages first, so this is seen only for a
    /// report built by hand.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Broken::Shape(format) => write!(f, "表格的结构不是 {} 格式的", format.as_str()),
            Broken::Year(y) => write!(
                f,
                "报告年度 {y} 不在 {}–{} 之间",
                YEARS.start(),
                YEARS.end()
            ),
            Broken::Period(p) => write!(
                f,
                "统计期限的开始日期 {} 晚于结束日期 {}",
                p.start.chinese(),
                p.end.chinese()
            ),
            Broken::Blank(key) => write!(f, "`{key}` 是空的"),
            Broken::Paragraph(p) => write!(f, "段落“{p}”不是去掉首尾空白的一行文字"),
            Broken::Character(c) => write!(f, "文字含有不能使用的字符 U+{:04X}", *c as u32),
            Broken::Span(s) => write!(f, "位置 {}..{} 超出了文件末尾", s.start, s.end),
        }
    }
}

/// Characters no text of a report may hold: control characters other than line breaks (they
/// print as nothing or break the XML of a DOCX) and [noncharacters](is_noncharacter).
pub fn forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\r') || is_noncharacter(c)
}

/// Unicode noncharacters, U+FDD0..=U+FDEF and the last two code points of every plane (U+FFFE,
/// U+FFFF, U+1FFFE …): no font has them and XML cannot carry them.
pub fn is_noncharacter(c: char) -> bool {
    let n = c as u32;
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

impl ReportParts {
    /// The report, when every promise of [`Report`] holds; else the first one broken.
    pub fn build(self) -> Result<Report, Broken> {
        let p = &self;
        let shape = match &p.part2 {
            Part2::V2021(_) => Format::V2021,
            Part2::V2019(_) => Format::V2019,
        };
        if shape != p.format || p.part3.format() != p.format {
            return Err(Broken::Shape(p.format));
        }
        if !YEARS.contains(&p.year) {
            return Err(Broken::Year(p.year));
        }
        if p.period.start > p.period.end {
            return Err(Broken::Period(p.period));
        }
        let sections = p.bodies().flat_map(|b| &b.sections);
        for (key, text) in [("agency", &p.agency), ("title", &p.title)]
            .into_iter()
            .chain(sections.clone().map(|s| ("sections.title", &s.title)))
        {
            if text.text.trim().is_empty() {
                return Err(Broken::Blank(key));
            }
        }
        let paragraphs = p
            .preamble
            .iter()
            .chain(p.bodies().flat_map(|b| &b.paragraphs))
            .chain(sections.flat_map(|s| &s.paragraphs));
        for para in paragraphs.clone() {
            let t = &para.text;
            if t.is_empty() || t.trim() != t || t.contains(['\n', '\r']) {
                return Err(Broken::Paragraph(t.clone()));
            }
        }
        let texts = [&p.agency, &p.title]
            .into_iter()
            .chain(&p.signature)
            .chain(&p.check_ignore)
            .chain(paragraphs)
            .chain(p.bodies().flat_map(|b| b.sections.iter().map(|s| &s.title)));
        let mut spans: Vec<Span> = Vec::new();
        for t in texts {
            if let Some(c) = t.text.chars().find(|&c| forbidden_char(c)) {
                return Err(Broken::Character(c));
            }
            spans.extend(t.span.clone());
        }
        spans.extend(p.bodies().filter_map(|b| b.span.clone()));
        spans.extend(p.previous.as_ref().map(|(_, s)| s.clone()));
        let k = &p.spans;
        spans.extend(
            [&k.format, &k.year, &k.date, &k.period_start, &k.period_end]
                .into_iter()
                .flatten()
                .cloned(),
        );
        let report = Report(self);
        let end = report.0.source.text().len();
        let number_spans = numbers(report.0.format)
            .into_iter()
            .filter_map(|n| report.get(n.cell)?.span().cloned());
        if let Some(bad) = spans
            .into_iter()
            .chain(number_spans)
            .find(|s| s.start > s.end || s.end > end)
        {
            return Err(Broken::Span(bad));
        }
        Ok(report)
    }

    /// The prose of the six parts, in order.
    fn bodies(&self) -> impl Iterator<Item = &Body> + Clone {
        [
            &self.part1,
            &self.part2_text,
            &self.part3_text,
            &self.part4_text,
            &self.part5,
            &self.part6,
        ]
        .into_iter()
    }
}

impl Report {
    /// The parts, to be changed and built again (which checks them again).
    pub fn into_parts(self) -> ReportParts {
        self.0
    }

    /// The same report with other font choices (a style file's, merged by the caller).
    pub fn with_fonts(&self, fonts: FontChoices) -> Report {
        let mut parts = self.0.clone();
        parts.fonts = fonts;
        Report(parts)
    }

    /// The file the report was read from; spans in the model point into it.
    pub fn source(&self) -> &Arc<Source> {
        &self.0.source
    }

    pub fn format(&self) -> Format {
        self.0.format
    }

    /// The report year, within [`YEARS`].
    pub fn year(&self) -> u16 {
        self.0.year
    }

    /// The issuing agency (发布机关), also the document's author; not blank.
    pub fn agency(&self) -> &Text {
        &self.0.agency
    }

    /// Not blank; lines broken by "\n" where the user broke them ([`Report::title_lines`]).
    pub fn title(&self) -> &Text {
        &self.0.title
    }

    /// The statistics period; it starts no later than it ends.
    pub fn period(&self) -> Period {
        self.0.period
    }

    /// 署名, printed with [`Report::date`] at the end when given.
    pub fn signature(&self) -> Option<&Text> {
        self.0.signature.as_ref()
    }

    /// 成文日期; also the documents' creation date.
    pub fn date(&self) -> Option<Date> {
        self.0.date
    }

    /// Last year's report file and where it is named, for the cross-year checks.
    pub fn previous(&self) -> Option<&(PathBuf, Span)> {
        self.0.previous.as_ref()
    }

    /// Paragraphs before part 一.
    pub fn preamble(&self) -> &[Text] {
        &self.0.preamble
    }

    pub fn part1(&self) -> &Body {
        &self.0.part1
    }

    pub fn part2(&self) -> &Part2 {
        &self.0.part2
    }

    pub fn part2_text(&self) -> &Body {
        &self.0.part2_text
    }

    pub fn part3(&self) -> &Part3 {
        &self.0.part3
    }

    pub fn part3_text(&self) -> &Body {
        &self.0.part3_text
    }

    pub fn part4(&self) -> &Part4 {
        &self.0.part4
    }

    pub fn part4_text(&self) -> &Body {
        &self.0.part4_text
    }

    pub fn part5(&self) -> &Body {
        &self.0.part5
    }

    pub fn part6(&self) -> &Body {
        &self.0.part6
    }

    /// The prose of the six parts in order: 一, the texts under the tables of 二, 三 and 四, 五, 六.
    pub fn bodies(&self) -> [&Body; 6] {
        let r = &self.0;
        [
            &r.part1,
            &r.part2_text,
            &r.part3_text,
            &r.part4_text,
            &r.part5,
            &r.part6,
        ]
    }

    /// The user's font choices per role.
    pub fn fonts(&self) -> &FontChoices {
        &self.0.fonts
    }

    /// `[check] ignore`: quotes of prose findings the user has judged intentional.
    pub fn check_ignore(&self) -> &[Text] {
        &self.0.check_ignore
    }

    /// Where `format`, `year`, `date` and `period` were written.
    pub fn spans(&self) -> &KeySpans {
        &self.0.spans
    }

    /// The three tables, to be changed by [`Report::get_mut`] (their shape cannot change).
    pub(super) fn tables_mut(&mut self) -> (&mut Part2, &mut Part3, &mut Part4) {
        (&mut self.0.part2, &mut self.0.part3, &mut self.0.part4)
    }

    /// The title's lines as the user broke them ("\n" in `title`), or one line.
    pub fn title_lines(&self) -> Vec<&str> {
        self.0
            .title
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OtherRows, Section};

    fn parts() -> ReportParts {
        let text = crate::write::skeleton(2024, "某某区人民政府", Format::V2021);
        let source = Arc::new(Source::new("t.toml", text));
        crate::input::parse(source).unwrap().into_parts()
    }

    #[test]
    fn the_readers_report_builds_again() {
        let r = parts().build().unwrap();
        assert_eq!((r.year(), r.format()), (2024, Format::V2021));
        assert_eq!(
            r.title().text,
            "某某区人民政府2024年政府信息公开工作年度报告"
        );
    }

    /// Each promise, broken once, is refused with its name.
    #[test]
    fn build_refuses_every_broken_promise() {
        let broken = |change: &dyn Fn(&mut ReportParts)| {
            let mut p = parts();
            change(&mut p);
            p.build().unwrap_err()
        };
        assert_eq!(
            broken(&|p| p.part2 = Part2::new(Format::V2019)),
            Broken::Shape(Format::V2021)
        );
        assert_eq!(
            broken(&|p| p.part3.other = OtherRows::new(Format::V2019)),
            Broken::Shape(Format::V2021)
        );
        assert_eq!(broken(&|p| p.year = 2007), Broken::Year(2007));
        assert_eq!(broken(&|p| p.year = 2101), Broken::Year(2101));
        assert!(matches!(
            broken(&|p| std::mem::swap(&mut p.period.start, &mut p.period.end)),
            Broken::Period(_)
        ));
        assert_eq!(
            broken(&|p| p.title.text = " \n ".into()),
            Broken::Blank("title")
        );
        assert_eq!(broken(&|p| p.agency.text.clear()), Broken::Blank("agency"));
        let section = |title: &str, para: &str| Section {
            title: Text::new(title, None),
            paragraphs: vec![Text::new(para, None)],
            standalone: false,
        };
        assert_eq!(
            broken(&|p| p.part5.sections.push(section("　", "正文。"))),
            Broken::Blank("sections.title")
        );
        for para in ["", " 前后有空格", "两\n行"] {
            assert_eq!(
                broken(&|p| p.part6.paragraphs.push(Text::new(para, None))),
                Broken::Paragraph(para.into())
            );
        }
        assert_eq!(
            broken(&|p| p.part1.sections.push(section("标题", "含\u{7}响铃"))),
            Broken::Character('\u{7}')
        );
        assert_eq!(
            broken(&|p| p.signature = Some(Text::new("机关\u{FFFE}", None))),
            Broken::Character('\u{FFFE}')
        );
        let end = parts().source.text().len();
        assert_eq!(
            broken(&|p| p.agency.span = Some(end..end + 1)),
            Broken::Span(end..end + 1)
        );
        assert_eq!(
            broken(&|p| {
                let cell = crate::model::Count::given(1, end + 5..end + 6).unwrap();
                *p.part3.new.cell_mut(0).unwrap() = cell;
            }),
            Broken::Span(end + 5..end + 6)
        );
        // A title may be broken into lines; a period outside the year is check's finding.
        let mut p = parts();
        p.title.text = "某某区人民政府\n2024年报告".into();
        p.period.end = crate::model::Date::new(2025, 3, 31).unwrap();
        assert!(p.build().is_ok());
        for b in [
            Broken::Year(1),
            Broken::Blank("title"),
            Broken::Character('\0'),
        ] {
            assert!(!b.to_string().is_ascii(), "{b:?} is said in Chinese");
        }
    }
}
