//! A small HTML writer with escaping: elements are opened, closed and filled with escaped text.
//!
//! No templating crate: the page is a fixed shape walked from the model, and a writer that only
//! opens, closes and escapes keeps every byte of the output under the caller's control (equal
//! input, equal bytes).

use std::fmt::{self, Display, Write as _};

/// An attribute: name and any displayable value (escaped when written).
pub type Attr<'a> = (&'a str, &'a dyn Display);

/// An HTML document or fragment being written into a string.
pub struct Html {
    buf: String,
}

impl Html {
    pub fn new() -> Html {
        Html {
            buf: String::with_capacity(64 * 1024),
        }
    }

    /// Markup written as is (the doctype, the style sheet): only for text this crate owns.
    pub fn raw(&mut self, markup: &str) {
        self.buf.push_str(markup);
    }

    /// `<name attrs>`; also how void elements (`br`, `meta`, `col`) are written.
    pub fn open(&mut self, name: &str, attrs: &[Attr]) {
        self.buf.push('<');
        self.buf.push_str(name);
        for (key, value) in attrs {
            self.buf.push(' ');
            self.buf.push_str(key);
            self.buf.push_str("=\"");
            // Writing into a String cannot fail.
            let _ = write!(Escaper(&mut self.buf), "{value}");
            self.buf.push('"');
        }
        self.buf.push('>');
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) {
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
    }

    /// A line break in the source, between block elements, so the file reads well in an editor.
    pub fn newline(&mut self) {
        self.buf.push('\n');
    }

    /// Escaped text.
    pub fn text(&mut self, text: &str) {
        escape_into(&mut self.buf, text);
    }

    /// `<name attrs>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[Attr], text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close(name);
    }

    pub fn finish(self) -> String {
        self.buf
    }
}

/// Escapes everything written through it (attribute values).
struct Escaper<'a>(&'a mut String);

impl fmt::Write for Escaper<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escape_into(self.0, s);
        Ok(())
    }
}

/// Appends `text` escaped for both text and double-quoted attributes. Control characters other
/// than tab and newline are dropped: the model excludes them, and HTML forbids them.
fn escape_into(buf: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => buf.push_str("&amp;"),
            '<' => buf.push_str("&lt;"),
            '>' => buf.push_str("&gt;"),
            '"' => buf.push_str("&quot;"),
            '\t' | '\n' => buf.push(c),
            c if c.is_control() => {}
            c => buf.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        let mut h = Html::new();
        h.leaf("p", &[("title", &"\"<&>\"")], "x<y & \"z\"\u{1}</p>");
        assert_eq!(
            h.finish(),
            "<p title=\"&quot;&lt;&amp;&gt;&quot;\">x&lt;y &amp; &quot;z&quot;&lt;/p&gt;</p>"
        );
    }
}
