//! The package entry `OFD.xml` (document information, GB/T 33190 7.4) and the ZIP container.

use quick_xml::events::BytesText;

use super::xml::{self, NS};
use crate::model::UtcTime;
use crate::realize::Metadata;

/// FNV-1a, 128 bits: a stable hash (unlike std's hasher, fixed by its definition).
fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    bytes
        .iter()
        .fold(OFFSET, |h, b| (h ^ u128::from(*b)).wrapping_mul(PRIME))
}

/// `OFD.xml`: DocBody with DocInfo (children in the schema's order: DocID, Title, Author,
/// CreationDate, Creator, CreatorVersion) and DocRoot. DocID is 32 hex digits derived from the
/// realized document's id (agency, year, title): the same report keeps its ID.
pub fn ofd_xml(meta: &Metadata) -> Vec<u8> {
    let id = format!("{:032x}", fnv1a_128(meta.id.as_bytes()));
    // xs:date, from the one creation-date precedence every output uses.
    let created = meta.created.map(|s| {
        let t = UtcTime::from_unix(s);
        format!("{:04}-{:02}-{:02}", t.year, t.month, t.day)
    });
    xml::part(|w| {
        w.create_element("ofd:OFD")
            .with_attributes([("xmlns:ofd", NS), ("Version", "1.0"), ("DocType", "OFD")])
            .write_inner_content(|w| {
                w.create_element("ofd:DocBody").write_inner_content(|w| {
                    w.create_element("ofd:DocInfo").write_inner_content(|w| {
                        let text = |w: &mut xml::Xml, name: &str, value: &str| {
                            w.create_element(name)
                                .write_text_content(BytesText::new(value))
                                .map(|_| ())
                        };
                        text(w, "ofd:DocID", &id)?;
                        text(w, "ofd:Title", &meta.title)?;
                        text(w, "ofd:Author", &meta.author)?;
                        if let Some(date) = &created {
                            text(w, "ofd:CreationDate", date)?;
                        }
                        text(w, "ofd:Creator", "nianbao")?;
                        text(w, "ofd:CreatorVersion", env!("CARGO_PKG_VERSION"))
                    })?;
                    w.create_element("ofd:DocRoot")
                        .write_text_content(BytesText::new("Doc_0/Document.xml"))?;
                    Ok(())
                })?;
                Ok(())
            })
            .map(|_| ())
    })
}

/// Zips the parts (see [`crate::package::zip`]). Deflate level 2, as the PDF's font streams: most
/// of the bytes are font programs, where higher levels cost time and save little.
pub fn zip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    crate::package::zip(parts, 2, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_reference_values() {
        // Published FNV-1a 128 test vectors: "" and "a".
        assert_eq!(fnv1a_128(b""), 0x6c62272e07bb014262b821756295c58d);
        assert_eq!(fnv1a_128(b"a"), 0xd228cb696f1a8caf78912b704e4a8964);
    }
}
