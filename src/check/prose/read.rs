//! Reads the words before a figure into a [`Meaning`], using the vocabulary: from the figure
//! backwards, every word must be a phrase or a filler; the first other word ends the chain.

use super::quantity::Meaning;
use super::search::ends_with;
use super::vocab::{FILLERS, NEED_APPLICATION, Sense, WORDS, With};

/// A figure's meaning and what the reading relied on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub meaning: Meaning,
    /// Byte offset (in the words read) of the first phrase of the chain (fillers before it, such
    /// as “全年共”, are not quoted).
    pub start: usize,
    /// A phrase that also names other things was used: “申请” must be in the sentence.
    pub needs_application: bool,
    /// Byte range (in the words read) of the head phrase, if the clause has its own.
    pub head: Option<std::ops::Range<usize>>,
}

enum Piece {
    Word(&'static str, Sense),
    Filler(With),
}

/// The longest phrase, filler or year (“2025年”) that `s` ends with, and its length in bytes.
fn last_piece(s: &str) -> Option<(usize, Piece)> {
    let word = WORDS
        .iter()
        .filter(|(w, _)| ends_with(s, w))
        .max_by_key(|(w, _)| w.len())
        .map(|(w, sense)| (w.len(), Piece::Word(w, *sense)));
    let filler = FILLERS
        .iter()
        .filter(|(w, _)| ends_with(s, w))
        .max_by_key(|(w, _)| w.len())
        .map(|(w, with)| (w.len(), Piece::Filler(*with)));
    let year = ["年度", "年"].iter().find_map(|suffix| {
        let rest = s.strip_suffix(suffix)?;
        let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        (digits == 4).then_some((digits + suffix.len(), Piece::Filler(With::Any)))
    });
    match (word, filler) {
        (Some(w), Some(f)) if f.0 > w.0 => Some(f),
        (Some(w), _) => Some(w),
        (None, Some(f)) => year.filter(|y| y.0 > f.0).or(Some(f)),
        (None, None) => year,
    }
}

fn is_head(s: Sense) -> bool {
    matches!(
        s,
        Sense::Rows(_) | Sense::Groups(_) | Sense::DocRow(_) | Sense::Decisions(_) | Sense::Fees
    )
}

fn filler_fits(with: With, head: Sense) -> bool {
    match with {
        With::Any => true,
        With::Applications => matches!(head, Sense::Rows(_)),
        With::Cases => matches!(head, Sense::Groups(_)),
        With::Decisions => matches!(head, Sense::Decisions(_)),
        With::Fees => matches!(head, Sense::Fees),
    }
}

/// Reads `words` (the clause before a figure). `inherited` is the meaning of the figure before in
/// the same sentence, lent to a clause that only refines it (“其中结果维持2件”).
pub fn read(words: &str, inherited: Option<Meaning>) -> Option<Reading> {
    let mut end = words.len();
    let mut senses = Vec::new();
    let mut fillers = Vec::new();
    let mut needs_application = false;
    let mut head = None;
    let mut first_word = end;
    while let Some((len, piece)) = last_piece(&words[..end]) {
        end -= len;
        match piece {
            Piece::Word(w, sense) => {
                if is_head(sense) && NEED_APPLICATION.iter().any(|n| w.contains(n)) {
                    needs_application = true;
                }
                if is_head(sense) {
                    head = Some(end..end + len);
                }
                first_word = end;
                senses.push(sense);
            }
            Piece::Filler(with) => fillers.push(with),
        }
    }
    let whole = end == 0;
    let mut heads = senses.iter().copied().filter(|s| is_head(*s));
    let own_head = heads.next();
    if heads.any(|h| Some(h) != own_head) {
        return None;
    }
    let mut meaning = match own_head {
        Some(head) => Meaning {
            head,
            columns: None,
            outcome: None,
            doc_column: None,
        },
        // Only refinements: they refine the figure before, when nothing else is in the clause.
        None if whole && !senses.is_empty() => {
            let m = inherited?;
            Meaning {
                head: m.head,
                columns: None,
                outcome: None,
                doc_column: None,
            }
        }
        None => return None,
    };
    for s in &senses {
        match (*s, meaning.head) {
            (Sense::Columns(c), Sense::Rows(_)) => meaning.columns = Some(c),
            (Sense::Outcome(o), Sense::Groups(_)) => meaning.outcome = Some(o),
            (Sense::DocColumn(c), Sense::DocRow(_)) => meaning.doc_column = Some(c),
            (s, _) if is_head(s) => {}
            _ => return None,
        }
    }
    if let Sense::DocRow(_) = meaning.head
        && meaning.doc_column.is_none()
    {
        // “制发规章2件、行政规范性文件5件”: the second borrows 制发.
        meaning.doc_column = inherited
            .filter(|m| whole && matches!(m.head, Sense::DocRow(_)))
            .and_then(|m| m.doc_column);
        meaning.doc_column?;
    }
    if !fillers.iter().all(|f| filler_fits(*f, meaning.head)) {
        return None;
    }
    Some(Reading {
        meaning,
        start: first_word,
        needs_application,
        head,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::prose::vocab::Rows;

    fn head(words: &str) -> Option<Sense> {
        read(words, None).map(|r| r.meaning.head)
    }

    #[test]
    fn chains_of_phrases_and_fillers() {
        assert_eq!(
            head("全年新收政府信息公开申请"),
            Some(Sense::Rows(Rows::New))
        );
        assert_eq!(head("上年度结转"), Some(Sense::Rows(Rows::CarriedOver)));
        assert_eq!(
            head("其中予以公开及部分公开"),
            Some(Sense::Rows(Rows::GrantedAndPartly))
        );
        assert_eq!(
            head("顺延至2025年办理"),
            Some(Sense::Rows(Rows::CarriedForward))
        );
        // Another word in between: another scope.
        assert_eq!(head("行政复议备案"), None);
        assert_eq!(head("受理行政许可申请"), None);
        assert_eq!(head("主动公开政府信息"), None);
        // Refinements borrow the figure before.
        let before = read("被申请行政复议", None).unwrap().meaning;
        let r = read("其中结果维持", Some(before)).unwrap();
        assert_eq!((r.meaning.head, r.meaning.outcome), (before.head, Some(0)));
        assert!(read("审核结果维持", Some(before)).is_none());
        let docs = read("制发规章", None).unwrap().meaning;
        assert_eq!(docs.doc_column, Some(0));
        let r = read("行政规范性文件", Some(docs)).unwrap().meaning;
        assert_eq!((r.head, r.doc_column), (Sense::DocRow(1), Some(0)));
        assert!(read("规章", None).is_none());
    }
}
