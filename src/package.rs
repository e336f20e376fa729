//! The ZIP container of the DOCX and OFD packages: parts in the given order, every entry dated
//! 1980-01-01 00:00 (the ZIP epoch) with Unix attributes, so the same input gives the same bytes
//! on every system.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Zips `parts` (name, bytes): deflated at `level`, except parts shorter than `store_under`
/// bytes, which are stored (setting up a compressor zeroes about 300 KB, more work than a part of
/// a few hundred bytes saves).
pub(crate) fn zip<N: AsRef<str>, B: AsRef<[u8]>>(
    parts: &[(N, B)],
    level: i64,
    store_under: usize,
) -> Vec<u8> {
    const MEMORY: &str = "writing a ZIP into memory cannot fail";
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(level))
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644)
        // Unix entry attributes on every system, so a Windows build writes the same bytes.
        .system(zip::System::Unix);
    let stored = deflated
        .compression_method(CompressionMethod::Stored)
        .compression_level(None);
    let size = parts.iter().map(|(_, b)| b.as_ref().len()).sum::<usize>() / 2;
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size)));
    for (name, body) in parts {
        let body = body.as_ref();
        let options = if body.len() < store_under {
            stored
        } else {
            deflated
        };
        zip.start_file(name.as_ref(), options).expect(MEMORY);
        zip.write_all(body).expect(MEMORY);
    }
    zip.finish().expect(MEMORY).into_inner()
}
