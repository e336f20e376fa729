//! A small HTML writer with escaping: elements are opened, closed and filled with escaped text.
//!
//! No templating crate: the page is a fixed shape walked from the model, and a writer that only
//! opens, closes and escapes keeps every byte of the output under the caller's control (equal
//! input, equal bytes).

/// An attribute: name and value (escaped when written).
pub type Attr<'a> = (&'a str, &'a str);

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
        self.start(name);
        for (key, value) in attrs {
            self.attr(key, value);
        }
        self.end();
    }

    /// `<name`: a start tag whose attributes follow ([`Html::attr`], [`Html::attr_with`]).
    pub fn start(&mut self, name: &str) {
        self.buf.push('<');
        self.buf.push_str(name);
    }

    /// ` key="value"`, the value escaped.
    pub fn attr(&mut self, key: &str, value: &str) {
        self.attr_with(key, |buf| escape_into(buf, value));
    }

    /// ` key="…"` with the value written by `value`, for numbers and ids this module builds from
    /// ASCII (no escaping needed, no intermediate string).
    pub fn attr_with(&mut self, key: &str, value: impl FnOnce(&mut String)) {
        self.buf.push(' ');
        self.buf.push_str(key);
        self.buf.push_str("=\"");
        value(&mut self.buf);
        self.buf.push('"');
    }

    /// `>`: ends a start tag begun with [`Html::start`].
    pub fn end(&mut self) {
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

/// Appends a number in decimal.
pub fn push_number(buf: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for d in &digits[i..] {
        buf.push(char::from(*d));
    }
}

/// Appends `text` escaped for both text and double-quoted attributes. Control characters other
/// than tab and newline are dropped: the model excludes them, and HTML forbids them. Runs of
/// ordinary characters are copied whole.
fn escape_into(buf: &mut String, text: &str) {
    let mut from = 0;
    for (at, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\t' | '\n' => continue,
            c if c.is_control() => "",
            _ => continue,
        };
        buf.push_str(&text[from..at]);
        buf.push_str(replacement);
        from = at + c.len_utf8();
    }
    buf.push_str(&text[from..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let mut s = String::new();
        for n in [0, 7, 10, 22, 1234567] {
            push_number(&mut s, n);
            s.push(' ');
        }
        assert_eq!(s, "0 7 10 22 1234567 ");
    }

    #[test]
    fn escapes_text_and_attributes() {
        let mut h = Html::new();
        h.leaf("p", &[("title", "\"<&>\"")], "x<y & \"z\"\u{1}</p>");
        assert_eq!(
            h.finish(),
            "<p title=\"&quot;&lt;&amp;&gt;&quot;\">x&lt;y &amp; &quot;z&quot;&lt;/p&gt;</p>"
        );
    }
}
