//! Prose against tables: every figure of the preamble and of every part (not the signature) is
//! read with the words before it, matched to table cells through the vocabulary ([`vocab`]), and
//! compared; so are shares (“占33.9%”), changes from last year and claims (“均获维持”).
//! Findings are warnings (prose may quote another scope on purpose), one per figure, at the figure.

mod claims;
mod figures;
mod quantity;
mod read;
mod search;
mod shares;
pub mod vocab;

use crate::diag::{Code, Diagnostic};
use crate::model::{Body, Report, Text};
use crate::source::Span;

use figures::Figure;
use quantity::{Meaning, Quantity};
use search::has_any;

/// One paragraph of prose and what surrounds it.
pub(crate) struct Paragraph<'r> {
    pub text: &'r Text,
    /// The section title and the paragraph: the words a figure's subject may be named in.
    pub context: String,
    /// Whether this is part 四's own text (where every 复议/诉讼 figure is about disclosure).
    pub part4: bool,
}

impl Paragraph<'_> {
    /// Whether 行政复议 / 行政诉讼 here are the agency's own disclosure cases: part 四's text, a
    /// paragraph about disclosure, or one naming both (as part 四 does).
    pub fn about_cases(&self) -> bool {
        self.part4
            || has_any(&self.context, vocab::CASE_WORDS)
            || (search::contains(&self.context, "行政复议")
                && search::contains(&self.context, "行政诉讼"))
    }
}

/// Every prose paragraph of a report: the preamble, then parts 一 to 六; not the signature.
pub(crate) fn paragraphs(report: &Report) -> Vec<Paragraph<'_>> {
    let mut out = Vec::new();
    fn push<'r>(out: &mut Vec<Paragraph<'r>>, text: &'r Text, title: &str, part4: bool) {
        out.push(Paragraph {
            text,
            context: [title, text.text.as_str()].concat(),
            part4,
        })
    }
    let bodies: [(&Body, bool); 6] = [
        (report.part1(), false),
        (report.part2_text(), false),
        (report.part3_text(), false),
        (report.part4_text(), true),
        (report.part5(), false),
        (report.part6(), false),
    ];
    for p in report.preamble() {
        push(&mut out, p, "", false);
    }
    for (body, part4) in bodies {
        for p in &body.paragraphs {
            push(&mut out, p, "", part4);
        }
        for s in &body.sections {
            for p in &s.paragraphs {
                push(&mut out, p, &s.title.text, part4);
            }
        }
    }
    out
}

/// Where a byte range of a paragraph was written in the file: the paragraph is found verbatim
/// inside its string's span (it always is, unless the user wrote escapes); else the string's start.
pub(crate) fn locate(report: &Report, text: &Text, range: std::ops::Range<usize>) -> Option<Span> {
    let span = text.span.clone()?;
    let raw = report.source().text().get(span.clone())?;
    Some(match raw.find(&text.text) {
        Some(at) => span.start + at + range.start..span.start + at + range.end,
        None => span.start..span.start,
    })
}

/// Compares a figure with a quantity within the printed precision (“33.9” stands for 33.85–33.95).
pub(crate) fn agrees(figure: &Figure, q: &Quantity) -> bool {
    let close = |scaled: u128| {
        // Prose in 元 of a table in 万元: 1元 is one ten-thousandth of the table's unit.
        let (prose, tolerance) = if q.money && figure.unit == "元" {
            (
                figure.scaled as f64 / 1e8,
                0.5 * 10f64.powi(-(figure.decimals as i32)) / 1e4,
            )
        } else {
            (
                figure.scaled as f64 / 1e4,
                0.5 * 10f64.powi(-(figure.decimals as i32)),
            )
        };
        (prose - scaled as f64 / 1e4).abs() <= tolerance + 1e-9
    };
    close(q.scaled())
        || q.also
            .as_ref()
            .is_some_and(|t| close(t.iter().map(|t| t.scaled).sum()))
}

/// A figure read in its paragraph.
pub(crate) struct Read<'p> {
    pub figure: Figure,
    pub meaning: Option<Meaning>,
    /// Where the words naming it start in the paragraph.
    pub start: usize,
    pub para: &'p Paragraph<'p>,
}

/// Reads every figure of a paragraph: its meaning when the words match the vocabulary and the
/// paragraph is about what the phrase counts.
pub(crate) fn read_paragraph<'p>(para: &'p Paragraph<'p>, year: u16) -> Vec<Read<'p>> {
    let text = &para.text.text;
    let mut out: Vec<Read> = Vec::new();
    let mut inherited: Option<(usize, Meaning)> = None;
    for figure in figures::find(text) {
        let sentence = figure.sentence;
        let lend = inherited.filter(|(s, _)| *s == sentence).map(|(_, m)| m);
        let words = &text[figure.clause_start..figure.number.start];
        let reading = if figure.approximate || figure.unit == "%" {
            None
        } else {
            read::read(words, lend)
        };
        let sentence_range = figures::sentence_around(text, figure.number.start);
        let sentence_text = &text[sentence_range.clone()];
        let fits = |r: &read::Reading| {
            let m = r.meaning;
            // The sentence up to the figure, without the phrase itself (“上年结转” names a cell;
            // “上年度共收到” is last year's figure).
            let head = r
                .head
                .clone()
                .map(|h| figure.clause_start + h.start..figure.clause_start + h.end);
            let scope = match &head {
                Some(h) => format!(
                    "{}{}",
                    &text[sentence_range.start..h.start],
                    &text[h.end..figure.number.start]
                ),
                None => text[sentence_range.start..figure.number.start].to_string(),
            };
            let after = &text[figure.whole.end..];
            vocab::unit_fits(m.head, figure.unit)
                && !vocab::SCOPE_AFTER.iter().any(|w| after.starts_with(w))
                && !has_any(&scope, vocab::SCOPE_WORDS)
                && other_years(&scope, year, m.head).is_none()
                && (!r.needs_application
                    || (search::contains(sentence_text, "申请")
                        && has_any(&para.context, vocab::DISCLOSURE_WORDS)
                        && !has_any(sentence_text, vocab::OTHER_SUBJECTS)))
                && (!matches!(m.head, vocab::Sense::Groups(_)) || para.about_cases())
                && !has_any(
                    &text[figure.clause_start..figure.number.start],
                    vocab::YEAR_ON_YEAR,
                )
        };
        let reading = reading.filter(fits);
        let start = figure.clause_start + reading.as_ref().map_or(words.len(), |r| r.start);
        if let Some(r) = &reading {
            inherited = Some((sentence, r.meaning));
        }
        out.push(Read {
            meaning: reading.map(|r| r.meaning),
            start,
            figure,
            para,
        });
    }
    out
}

/// A year written before a figure that is not the report's (“2023年共收到申请61件”); the next
/// year only for what is carried over into it.
fn other_years(words: &str, year: u16, head: vocab::Sense) -> Option<u16> {
    let bytes = words.as_bytes();
    words.match_indices('年').find_map(|(i, _)| {
        let digits = bytes[..i]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let y: u16 = words[i - digits..i].parse().ok().filter(|_| digits == 4)?;
        let next = head == vocab::Sense::Rows(vocab::Rows::CarriedForward) && y == year + 1;
        (y != year && !next).then_some(y)
    })
}

/// Rule 8 and 9 of the spec, and the claims: every finding about the prose, one per figure.
pub fn check(report: &Report, previous: Option<&Report>, out: &mut Vec<Diagnostic>) {
    let mut found: Vec<(Option<Span>, Diagnostic)> = Vec::new();
    for para in &paragraphs(report) {
        let reads = read_paragraph(para, report.year());
        for (i, r) in reads.iter().enumerate() {
            let d = figure_finding(report, r)
                .or_else(|| shares::share_finding(report, &reads[..i], r))
                .or_else(|| {
                    previous.and_then(|p| shares::change_finding(report, p, &reads[..i], r))
                });
            if let Some(d) = d {
                let span = locate(report, para.text, r.figure.whole.clone());
                found.push((span, d));
            }
        }
        for (range, d) in claims::findings(report, para) {
            found.push((locate(report, para.text, range), d));
        }
    }
    // One finding per place, even when a string holds the same paragraph twice; none that the
    // user marked intentional (`[check] ignore`, matched on the quoted prose).
    let mut seen = std::collections::HashSet::new();
    let mut used = vec![false; report.check_ignore().len()];
    for (span, mut d) in found {
        let quoted = d.message.split(['“', '”']).nth(1).unwrap_or("").to_string();
        if let Some(i) = report
            .check_ignore()
            .iter()
            .position(|t| quoted.contains(&t.text))
        {
            used[i] = true;
            continue;
        }
        if let Some(s) = &span {
            if !seen.insert((s.start, d.code)) {
                continue;
            }
            d = d.at(report.source(), s.clone());
        }
        out.push(d);
    }
    for (t, used) in report.check_ignore().iter().zip(used) {
        if !used {
            let mut d = Diagnostic::warning(
                Code::IgnoreUnused,
                format!("check.ignore 中的“{}”没有对应的正文提示", t.text),
            )
            .hint("正文已改正时删去这一项；否则照提示信息中引号内的文字填写");
            if let Some(span) = &t.span {
                d = d.at(report.source(), span.clone());
            }
            out.push(d);
        }
    }
}

/// The quote shown in a message: the words naming the figure and the figure.
pub(crate) fn quote(r: &Read) -> String {
    r.para.text.text[r.start..r.figure.whole.end].to_string()
}

pub(crate) const HINT: &str = "核对正文和表格，改正有误的一方；若正文有意写另一口径，把口径写进句子（如“其中自然人申请…件”“含上年结转”），或把引号内的文字加入 [check] ignore = [\"…\"]";

fn figure_finding(report: &Report, r: &Read) -> Option<Diagnostic> {
    let m = r.meaning?;
    let q = quantity::resolve(report, &m)?;
    if agrees(&r.figure, &q) {
        return None;
    }
    Some(
        Diagnostic::warning(
            Code::ProseFigure,
            format!("正文“{}”与表格不符：表格中 {}", quote(r), q.describe()),
        )
        .hint(HINT),
    )
}
