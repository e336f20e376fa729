//! Substring search for the prose checks: short Chinese texts against short vocabulary words.
//!
//! `str::contains` / `str::find` per word were a third of a cold `check` (callgrind): on a text
//! under ~40 bytes `contains` calls `memcmp` at every offset, and `find` builds a Two-Way searcher
//! per call. Here memchr finds the candidates and only they are compared. The results are those
//! of `str::find`: a valid UTF-8 word can only match at a character boundary.

/// The byte offset of the first occurrence of `word` in `text` (as `str::find`).
pub fn find(text: &str, word: &str) -> Option<usize> {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    if w.len() < 2 {
        return text.find(word);
    }
    // Candidates are found by the word's second byte: for Chinese a continuation byte, which
    // few positions hold (a first byte, E4–E9, is a third of all bytes), and memchr scans for it
    // a vector at a time.
    let mut from = 1;
    while let Some(k) = memchr::memchr(w[1], t.get(from..)?) {
        let start = from + k - 1;
        if t.get(start..start + w.len()) == Some(w) {
            return Some(start);
        }
        from += k + 1;
    }
    None
}

/// Whether `text` ends with `word` (as `str::ends_with`), comparing the last bytes first: the
/// reader tries every vocabulary word at the end of a clause, and most differ in the last byte.
pub fn ends_with(text: &str, word: &str) -> bool {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    match (t.last(), w.last()) {
        (_, None) => true,
        (Some(a), Some(b)) => a == b && t.ends_with(w),
        (None, Some(_)) => false,
    }
}

/// Whether `text` contains `word` (as `str::contains`).
pub fn contains(text: &str, word: &str) -> bool {
    find(text, word).is_some()
}

/// Whether `text` contains one of `words`.
pub fn has_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| contains(text, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_answers_as_str_find() {
        let texts = [
            "",
            "申",
            "全年新收政府信息公开申请78件，上年结转4件；申请",
            "被申请行政复议2件，被提起行政诉讼1件（含上年结转）",
            "abc申请ab",
        ];
        let words = [
            "",
            "申请",
            "上年",
            "行政诉讼",
            "）",
            "b",
            "ab",
            "请a",
            "结转4件；申请x",
        ];
        for t in texts {
            for w in words {
                assert_eq!(find(t, w), t.find(w), "{t:?} {w:?}");
                assert_eq!(contains(t, w), t.contains(w));
                assert_eq!(ends_with(t, w), t.ends_with(w));
            }
            assert_eq!(
                has_any(t, &words[1..]),
                words[1..].iter().any(|w| t.contains(w))
            );
        }
    }
}
