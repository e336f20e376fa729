//! A small XML writer with escaping: the parts are written element by element, in schema order.
//!
//! No XML library: the parts are fixed shapes, so a writer that only opens, closes and escapes is
//! enough, and the schema order is kept by the code that calls it (see the other modules).

/// An attribute: name and value (escaped when written).
pub type Attr<'a> = (&'a str, &'a dyn Value);

/// An attribute value, written straight into the part: text escaped, numbers as decimals. (Through
/// `Display` and `write!` the attributes were a quarter of a DOCX export's instructions.)
pub trait Value {
    fn write_to(&self, buf: &mut String);
}

impl Value for str {
    fn write_to(&self, buf: &mut String) {
        escape_into(buf, self, true);
    }
}

impl Value for String {
    fn write_to(&self, buf: &mut String) {
        escape_into(buf, self, true);
    }
}

impl<T: Value + ?Sized> Value for &T {
    fn write_to(&self, buf: &mut String) {
        (**self).write_to(buf);
    }
}

macro_rules! integer_values {
    ($($t:ty)*) => {$(
        impl Value for $t {
            fn write_to(&self, buf: &mut String) {
                buf.push_str(itoa::Buffer::new().format(*self));
            }
        }
    )*};
}
integer_values!(u8 u16 u32 u64 usize i8 i16 i32 i64);

/// An XML part being written into a string.
pub struct Xml {
    buf: String,
}

impl Xml {
    /// A new part, starting with the XML declaration Word writes (UTF-8, standalone).
    pub fn new() -> Xml {
        let mut buf = String::with_capacity(4096);
        buf.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        Xml { buf }
    }

    /// `<name attrs>`.
    pub fn open(&mut self, name: &str, attrs: &[Attr]) {
        self.start(name, attrs);
        self.buf.push('>');
    }

    /// `<name attrs/>`.
    pub fn empty(&mut self, name: &str, attrs: &[Attr]) {
        self.start(name, attrs);
        self.buf.push_str("/>");
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) {
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
    }

    /// Escaped character data.
    pub fn text(&mut self, text: &str) {
        escape_into(&mut self.buf, text, false);
    }

    /// `<name attrs>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[Attr], text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close(name);
    }

    /// `<name w:val="value"/>`, the most common WordprocessingML element shape.
    pub fn val(&mut self, name: &str, value: &dyn Value) {
        self.empty(name, &[("w:val", value)]);
    }

    pub fn finish(self) -> String {
        self.buf
    }

    fn start(&mut self, name: &str, attrs: &[Attr]) {
        self.buf.push('<');
        self.buf.push_str(name);
        for (key, value) in attrs {
            self.buf.push(' ');
            self.buf.push_str(key);
            self.buf.push_str("=\"");
            value.write_to(&mut self.buf);
            self.buf.push('"');
        }
    }
}

/// Appends `text` escaped. Characters XML 1.0 cannot carry at all (C0 controls other than tab,
/// newline and carriage return; U+FFFE, U+FFFF) are dropped: the model excludes them, and a part
/// that is not well-formed would make Word refuse the whole file.
fn escape_into(buf: &mut String, text: &str, attribute: bool) {
    // Runs of characters that need nothing are copied whole (character by character this was a
    // tenth of a DOCX export). Only ASCII and U+FFFE/U+FFFF (EF BF BE/BF) need care, and each of
    // their first bytes starts a character.
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (len, with): (usize, &str) = match b {
            b'&' => (1, "&amp;"),
            b'<' => (1, "&lt;"),
            b'>' => (1, "&gt;"),
            b'"' if attribute => (1, "&quot;"),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..0x20 => (1, ""),
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => (3, ""),
            _ => {
                i += 1;
                continue;
            }
        };
        buf.push_str(&text[run..i]);
        buf.push_str(with);
        i += len;
        run = i;
    }
    buf.push_str(&text[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        let mut x = Xml::new();
        x.leaf("a", &[("k", &"\"<&>\"")], "x<y & \"z\"\u{1}");
        let s = x.finish();
        assert!(s.ends_with("<a k=\"&quot;&lt;&amp;&gt;&quot;\">x&lt;y &amp; \"z\"</a>"));
        // Controls other than tab, newline and return, U+FFFE and U+FFFF are dropped; other
        // characters (U+FFFD, U+EFBF, Chinese) are kept as they are.
        let mut x = Xml::new();
        x.text("年\t报\u{0}\u{1f}\n\u{FFFE}a\u{FFFF}\r\u{FFFD}\u{EFBF}&");
        assert!(x.finish().ends_with("年\t报\na\r\u{FFFD}\u{EFBF}&amp;"));
    }

    #[test]
    fn numbers_as_attributes() {
        let mut x = Xml::new();
        x.val("w:sz", &32);
        assert!(x.finish().ends_with("<w:sz w:val=\"32\"/>"));
    }
}
