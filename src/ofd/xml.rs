//! The XML writer every part is written with (quick-xml), and the OFD namespace.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, Event};

/// The OFD namespace of GB/T 33190-2016, bound to the `ofd:` prefix in every part.
pub const NS: &str = "http://www.ofdspec.org/2016";

pub type Xml = Writer<Vec<u8>>;

const MEMORY: &str = "writing XML into memory cannot fail";

/// A part: the XML declaration, then whatever `body` writes.
pub fn part(body: impl FnOnce(&mut Xml) -> std::io::Result<()>) -> Vec<u8> {
    let mut w = Writer::new(Vec::with_capacity(4096));
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .expect(MEMORY);
    body(&mut w).expect(MEMORY);
    w.into_inner()
}
