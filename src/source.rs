//! Source files and byte spans, turned into line:column for messages.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// A byte range into a [`Source`]'s text.
pub type Span = Range<usize>;

/// One input file as read, with a line index for turning byte offsets into line:column.
pub struct Source {
    path: PathBuf,
    text: String,
    line_starts: Vec<usize>,
}

impl std::fmt::Debug for Source {
    // The path only: a diagnostic's debug output should not repeat the whole file.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source {
            path: path.into(),
            text,
            line_starts,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// 1-based line and column (in characters, as editors count them) of a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = self.floor_char_boundary(byte.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= byte) - 1;
        let col = self.text[self.line_starts[line]..byte].chars().count() + 1;
        (line + 1, col)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line - 1]
    }

    fn floor_char_boundary(&self, mut byte: usize) -> usize {
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        byte
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let s = Source::new("a.toml", "x = 1\n标题 = \"年报\"\n");
        assert_eq!(s.line_col(0), (1, 1));
        let pos = s.text().find('=').unwrap();
        assert_eq!(s.line_col(pos), (1, 3));
        let pos = s.text().find('"').unwrap();
        assert_eq!(s.line_col(pos), (2, 6));
        assert_eq!(s.line_text(2), "标题 = \"年报\"");
    }
}
