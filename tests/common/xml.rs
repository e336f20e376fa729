//! Reading XML parts back in tests: an element's attributes as (name, value) pairs.

use quick_xml::XmlVersion;
use quick_xml::events::BytesStart;

/// The attributes of an element, values unescaped and normalized, into any collection of pairs.
pub fn attributes<C: FromIterator<(String, String)>>(e: &BytesStart) -> C {
    e.attributes()
        .map(|a| {
            let a = a.unwrap();
            (
                a.key.as_ref().to_string(),
                a.normalized_value(XmlVersion::Explicit1_0)
                    .unwrap()
                    .into_owned(),
            )
        })
        .collect()
}
