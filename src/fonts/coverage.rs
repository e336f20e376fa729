//! Coverage: every character of a report has a glyph in some candidate of its role (or in the
//! fallback) — checked before layout — and the summary `nianbao fonts` prints.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::{FontBook, FontSet, Origin};
use crate::diag::{Code, Diagnostic};
use crate::model::Report;
use crate::model::flow::Block;
use crate::source::Span;
use crate::style::{FontRole, LATIN_WORD_NAME, PAGE_NUMBER_DASH};
use crate::tables::{Content, Table};

/// Calls `f` with every text the report prints, its role, and where the user wrote it (if they
/// did): what the layout will set. The texts are borrowed where the report holds them (a cold
/// `check` spent a tenth of its time copying them).
fn each_piece(report: &Report, mut f: impl FnMut(FontRole, &str, Option<&Span>)) {
    for block in report.flow() {
        match &block {
            Block::Title(lines) => {
                // A title left out is built from `agency`: the agency line is where it was written.
                let span = (report.title().span.as_ref()).or(report.agency().span.as_ref());
                for l in lines {
                    f(FontRole::Title, l, span);
                }
            }
            Block::Heading1(t) => f(FontRole::Heading1, t, None),
            Block::Heading2 { text, span } => f(FontRole::Heading2, text, span.as_ref()),
            Block::Paragraph {
                lead,
                lead_span,
                text,
                span,
            } => {
                if let Some(lead) = lead {
                    f(FontRole::Heading2, lead, lead_span.as_ref());
                }
                f(FontRole::Body, text, span.as_ref());
            }
            Block::Table(id) => {
                let table = Table::new(*id, report.format());
                for cell in &table.cells {
                    match cell.content {
                        Content::Label(label) => f(FontRole::Table, label, None),
                        Content::Value(_) => {
                            f(FontRole::Table, &table.cell_text(report, cell), None);
                        }
                    }
                }
            }
            Block::Signature { agency, date } => {
                let span = report.signature().and_then(|s| s.span.as_ref());
                f(FontRole::Body, agency, span);
                if let Some(date) = date {
                    f(FontRole::Body, date, report.spans().date.as_ref());
                }
            }
        }
    }
    let digits = format!("{PAGE_NUMBER_DASH} 0123456789 {PAGE_NUMBER_DASH}");
    f(FontRole::PageNumber, &digits, None);
}

/// A (role, character) of the report and the span of a TOML value it occurs in ([`char_span`]
/// narrows it to the character, only for the few that are reported).
type Occurrence = ((FontRole, char), Option<Span>);

/// The (role, character) pairs of the report in reading order, each at least once, the first time
/// with the span of the first value it occurs in. [`in_order`] makes it a list of pairs.
fn occurrences(report: &Report) -> Vec<Occurrence> {
    let mut pairs = Vec::new();
    // Most characters repeat: a small direct-mapped table of (role, character) pairs already
    // listed skips them. A pair not in the table (never seen, or pushed out) is listed again.
    let mut seen = [0u32; 2048];
    each_piece(report, |role, text, span| {
        for ch in text.chars() {
            // Characters are below 2^21; 0 stays “empty” because the role is stored plus one.
            let key = ((role as u32 + 1) << 21) | u32::from(ch);
            let slot = (key.wrapping_mul(0x9E37_79B1) >> 21) as usize;
            if seen[slot] == key {
                continue;
            }
            seen[slot] = key;
            pairs.push(((role, ch), span.cloned()));
        }
    });
    pairs
}

/// Occurrences sorted by (role, character), each pair once with its first span. Sorting is left
/// to the few pairs that are reported: for all of them it was a tenth of a cold `check`.
fn in_order(mut pairs: Vec<Occurrence>) -> Vec<Occurrence> {
    // Stable: of equal pairs the first occurrence stays.
    pairs.sort_by_key(|(pair, _)| *pair);
    pairs.dedup_by_key(|(pair, _)| *pair);
    pairs
}

/// Narrows a value's span to the first occurrence of `ch` in it.
fn char_span(report: &Report, span: &Option<Span>, ch: char) -> Option<Span> {
    let span = span.clone()?;
    let text = report.source().text().get(span.clone())?;
    match text.find(ch) {
        Some(at) => Some(span.start + at..span.start + at + ch.len_utf8()),
        None => Some(span),
    }
}

/// Adds the fallback when some character needs it; returns the set and one error per character
/// that still has no glyph.
pub(super) fn complete(
    book: &FontBook,
    mut set: FontSet,
    report: &Report,
) -> (FontSet, Vec<Diagnostic>) {
    let missing = |set: &FontSet, mut pairs: Vec<Occurrence>| {
        let lookup = set.lookup();
        pairs.retain(|((role, ch), _)| !lookup.covers(*role, *ch));
        pairs
    };
    let mut still = missing(&set, occurrences(report));
    let mut errors = Vec::new();
    if !still.is_empty() {
        // The fallback only adds faces: what was covered stays covered.
        match book.add_fallback(&mut set) {
            Ok(()) => still = missing(&set, still),
            Err(d) => errors.push(d),
        }
    }
    let mut still = in_order(still);
    // A role without any face was reported once already; its characters are not listed again.
    still.retain(|((role, _), _)| !set.candidates(*role).is_empty() || set.fallback.is_some());
    let total = still.len();
    for ((role, ch), span) in still.into_iter().take(MAX_LISTED) {
        let mut d = Diagnostic::error(
            Code::MissingGlyph,
            format!(
                "“{ch}”（U+{:04X}）在{}字体和备用字体中都没有字形",
                u32::from(ch),
                role.chinese()
            ),
        )
        .hint(format!(
            "改用常见的写法，或在 [fonts] 中为{}指定含有这个字的字体（字体名称或字体文件路径）",
            role.chinese()
        ));
        // A character the user wrote, else (a label, a page number) the font they chose for it.
        let span = char_span(report, &span, ch)
            .or_else(|| report.fonts().get(role).and_then(|t| t.span.clone()));
        if let Some(span) = span {
            d = d.at(report.source(), span);
        }
        errors.push(d);
    }
    if total > MAX_LISTED {
        errors.push(
            Diagnostic::error(
                Code::MissingGlyph,
                format!("另有 {} 个字符没有字形，未逐一列出", total - MAX_LISTED),
            )
            .hint("运行 nianbao fonts 报告.toml 查看每个字符使用的字体"),
        );
    }
    errors.dedup_by(|a, b| a.message == b.message);
    (set, errors)
}

/// At most this many characters without a glyph are reported one by one.
const MAX_LISTED: usize = 20;

/// The faces of one role, in order of preference.
#[derive(Debug, Clone)]
pub struct RoleFonts {
    pub role: FontRole,
    /// File, family name and origin of each candidate; the first serves the role.
    pub faces: Vec<(PathBuf, String, Origin)>,
}

/// A character not set in its role's first face.
#[derive(Debug, Clone)]
pub struct CharSource {
    pub ch: char,
    pub role: FontRole,
    /// The file and family that has it, `None` when no face has it.
    pub face: Option<(PathBuf, String)>,
}

/// What `nianbao fonts [report.toml]` prints.
#[derive(Debug, Clone)]
pub struct FontReport {
    pub roles: Vec<RoleFonts>,
    /// The face of ASCII digits and letters in the roles that use one ([`FontRole::latin`]): file,
    /// family name and origin.
    pub latin: Option<(PathBuf, String, Origin)>,
    /// Characters served by a later candidate or the fallback, or by none.
    pub chars: Vec<CharSource>,
    /// Choices not found, unreadable bundled fonts, characters without a glyph.
    pub problems: Vec<Diagnostic>,
}

impl FontReport {
    /// Plain text in Chinese, one line per role and per falling-back character.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for r in &self.roles {
            let _ = write!(out, "{}（{}）：", r.role.chinese(), r.role.word_name());
            match r.faces.first() {
                Some((path, family, origin)) => {
                    let _ = writeln!(out, "{family} [{}] {}", origin.chinese(), path.display());
                }
                None => out.push_str("无可用字体\n"),
            }
        }
        if let Some((path, family, origin)) = &self.latin {
            let roles: Vec<&str> = FontRole::ALL
                .iter()
                .filter(|r| r.latin())
                .map(|r| r.chinese())
                .collect();
            let _ = writeln!(
                out,
                "西文字母和数字（{}；{LATIN_WORD_NAME}）：{family} [{}] {}",
                roles.join("、"),
                origin.chinese(),
                path.display()
            );
        }
        for c in &self.chars {
            let _ = write!(
                out,
                "“{}”（U+{:04X}，{}）",
                c.ch,
                u32::from(c.ch),
                c.role.chinese()
            );
            match &c.face {
                Some((path, family)) => {
                    let _ = writeln!(out, " 改用 {family} {}", path.display());
                }
                None => out.push_str(" 没有任何字体有这个字\n"),
            }
        }
        out
    }
}

pub(super) fn report(book: &FontBook, report: Option<&Report>) -> FontReport {
    let (set, mut problems) = book.resolve(report);
    let (set, chars) = match report {
        Some(r) => {
            let (set, missing) = complete(book, set, r);
            problems.extend(missing);
            let lookup = set.lookup();
            let chars = in_order(occurrences(r))
                .into_iter()
                .filter_map(|((role, ch), _)| {
                    let first = set.candidates(role).first().map(|c| c.face);
                    let latin = set.latin().map(|c| c.face);
                    let found = lookup.find(role, ch);
                    match found {
                        Some(f) if Some(f.face) == first => None,
                        // Set in the Latin face, as the role's ASCII is meant to be.
                        Some(f) if Some(f.face) == latin && role.latin() => None,
                        Some(f) => {
                            let face = &set.faces()[f.face];
                            Some(CharSource {
                                ch,
                                role,
                                face: Some((face.path().to_path_buf(), face.family().to_string())),
                            })
                        }
                        None => Some(CharSource {
                            ch,
                            role,
                            face: None,
                        }),
                    }
                })
                .collect();
            (set, chars)
        }
        None => (set, Vec::new()),
    };
    let roles = FontRole::ALL
        .iter()
        .map(|&role| RoleFonts {
            role,
            faces: set
                .candidates(role)
                .iter()
                .map(|c| {
                    let f = &set.faces()[c.face];
                    (f.path().to_path_buf(), f.family().to_string(), c.origin)
                })
                .collect(),
        })
        .collect();
    let latin = set.latin().map(|c| {
        let f = &set.faces()[c.face];
        (f.path().to_path_buf(), f.family().to_string(), c.origin)
    });
    FontReport {
        roles,
        latin,
        chars,
        problems,
    }
}
