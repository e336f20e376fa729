//! Just enough of the OpenType container to add tables to a subset: a `cmap` (the subsetter
//! leaves it out, as a PDF brings its own; an OFD reader maps TextCode characters with it) and the
//! original `OS/2`.

/// A `cmap` with a format 4 subtable (Windows, BMP) and a format 12 subtable (Windows, full
/// Unicode) mapping each character to its glyph in the subset. `map` is sorted by character.
pub fn cmap(map: &[(char, u16)]) -> Vec<u8> {
    let bmp: Vec<(u16, u16)> = map
        .iter()
        .filter_map(|&(c, g)| Some((u16::try_from(u32::from(c)).ok()?, g)))
        .filter(|&(c, _)| c != 0xFFFF)
        .collect();
    let f4 = format4(&bmp);
    let f12 = format12(map);
    let mut out = Vec::with_capacity(4 + 16 + f4.len() + f12.len());
    put16(&mut out, 0); // version
    put16(&mut out, 2); // encoding records
    put16(&mut out, 3); // Windows
    put16(&mut out, 1); // Unicode BMP
    put32(&mut out, 20);
    put16(&mut out, 3); // Windows
    put16(&mut out, 10); // Unicode full repertoire
    put32(&mut out, 20 + f4.len() as u32);
    out.extend(f4);
    out.extend(f12);
    out
}

/// Segments of consecutive characters with consecutive glyphs (one idDelta each), plus the final
/// 0xFFFF segment the format requires.
fn format4(map: &[(u16, u16)]) -> Vec<u8> {
    let mut segments: Vec<(u16, u16, u16)> = Vec::new(); // start, end, idDelta
    for &(c, g) in map {
        let delta = g.wrapping_sub(c);
        match segments.last_mut() {
            Some((_, end, d)) if c == end.wrapping_add(1) && *d == delta => *end = c,
            _ => segments.push((c, c, delta)),
        }
    }
    segments.push((0xFFFF, 0xFFFF, 1));
    let n = segments.len() as u16;
    let log2 = 15 - n.leading_zeros() as u16;
    let search = 2 * (1u16 << log2);
    let mut out = Vec::with_capacity(16 + 8 * usize::from(n));
    put16(&mut out, 4);
    put16(&mut out, 16 + 8 * n); // length
    put16(&mut out, 0); // language
    put16(&mut out, 2 * n);
    put16(&mut out, search);
    put16(&mut out, log2);
    put16(&mut out, 2 * n - search);
    for s in &segments {
        put16(&mut out, s.1);
    }
    put16(&mut out, 0); // reservedPad
    for s in &segments {
        put16(&mut out, s.0);
    }
    for s in &segments {
        put16(&mut out, s.2);
    }
    for _ in &segments {
        put16(&mut out, 0); // idRangeOffset: glyphs by idDelta only
    }
    out
}

/// One group per run of consecutive characters with consecutive glyphs.
fn format12(map: &[(char, u16)]) -> Vec<u8> {
    let mut groups: Vec<(u32, u32, u32)> = Vec::new(); // start char, end char, start glyph
    for &(c, g) in map {
        let (c, g) = (u32::from(c), u32::from(g));
        match groups.last_mut() {
            Some((start, end, first)) if c == *end + 1 && g == *first + (c - *start) => *end = c,
            _ => groups.push((c, c, g)),
        }
    }
    let mut out = Vec::with_capacity(16 + 12 * groups.len());
    put16(&mut out, 12);
    put16(&mut out, 0); // reserved
    put32(&mut out, 16 + 12 * groups.len() as u32);
    put32(&mut out, 0); // language
    put32(&mut out, groups.len() as u32);
    for (start, end, glyph) in groups {
        put32(&mut out, start);
        put32(&mut out, end);
        put32(&mut out, glyph);
    }
    out
}

/// The font `sfnt` with `extra` tables added (replacing tables of the same tag): tables sorted by
/// tag, 4-byte aligned, checksums and head.checkSumAdjustment recomputed. `None` if `sfnt` is not
/// a single OpenType font.
pub fn with_tables(sfnt: &[u8], extra: Vec<([u8; 4], Vec<u8>)>) -> Option<Vec<u8>> {
    let version = sfnt.get(0..4)?;
    let count = usize::from(u16::from_be_bytes(sfnt.get(4..6)?.try_into().ok()?));
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(count + extra.len());
    for i in 0..count {
        let rec = sfnt.get(12 + 16 * i..28 + 16 * i)?;
        let tag: [u8; 4] = rec[0..4].try_into().ok()?;
        let offset = u32::from_be_bytes(rec[8..12].try_into().ok()?) as usize;
        let len = u32::from_be_bytes(rec[12..16].try_into().ok()?) as usize;
        tables.push((tag, sfnt.get(offset..offset.checked_add(len)?)?.to_vec()));
    }
    tables.retain(|(tag, _)| !extra.iter().any(|(t, _)| t == tag));
    tables.extend(extra);
    tables.sort_by_key(|t| t.0);
    if let Some((_, head)) = tables.iter_mut().find(|(t, _)| t == b"head") {
        head.get_mut(8..12)?.fill(0);
    }

    let n = tables.len() as u16;
    let log2 = 15 - n.leading_zeros() as u16;
    let search = 16 * (1u16 << log2);
    let mut out = Vec::with_capacity(sfnt.len() + 4096);
    out.extend_from_slice(version);
    put16(&mut out, n);
    put16(&mut out, search);
    put16(&mut out, log2);
    put16(&mut out, 16 * n - search);
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        put32(&mut out, checksum(data));
        put32(&mut out, offset as u32);
        put32(&mut out, data.len() as u32);
        offset += data.len().next_multiple_of(4);
    }
    let mut head_at = None;
    for (tag, data) in &tables {
        if tag == b"head" {
            head_at = Some(out.len());
        }
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out.get_mut(at + 8..at + 12)?
            .copy_from_slice(&adjust.to_be_bytes());
    }
    Some(out)
}

/// The OpenType table checksum: the sum of big-endian u32 words, zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_be_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_maps_every_character() {
        let map = [
            ('0', 1),
            ('1', 2),
            ('2', 3),
            ('年', 4),
            ('报', 7),
            ('𠀀', 8),
        ];
        let table = cmap(&map);
        use skrifa::raw::FontRead as _;
        let font = skrifa::raw::tables::cmap::Cmap::read(table.as_slice().into()).unwrap();
        for (c, g) in map {
            let got = font.map_codepoint(c).map(|g| g.to_u32());
            assert_eq!(got, Some(u32::from(g)), "{c}");
        }
        assert_eq!(font.map_codepoint('3').map(|g| g.to_u32()), None);
    }
}
