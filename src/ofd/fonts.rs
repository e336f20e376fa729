//! The fonts of the package: a subset of every face the layout used, with a `cmap` added so that
//! an OFD reader maps each TextCode character to the very glyph the layout placed. Where the
//! layout drew another glyph for a character than the face's cmap gives (a vertical presentation
//! form, e.g. ︑ for 、 in a one-character-a-line label), the page says so with a CGTransform.

use std::collections::{BTreeSet, HashMap};

use skrifa::raw::TableProvider as _;
use skrifa::{FontRef, MetadataProvider, string::StringId};
use subsetter::GlyphRemapper;

use super::sfnt;
use crate::layout::{Item, Layout};
use crate::style::FontRole;

/// One face as PublicRes lists it.
pub struct Embedded {
    /// FontName and FamilyName: the Word name (仿宋_GB2312 …) when the face is an official font,
    /// else the face's own family name.
    pub name: String,
    pub file: FontFile,
    /// Original glyph id → glyph id in the subset.
    pub glyphs: HashMap<u16, u16>,
    /// Character → the original glyph the subset's cmap gives for it.
    pub cmap: HashMap<char, u16>,
}

impl Embedded {
    /// The subset's glyph id for the layout's glyph `gid`, when the cmap would not give it for
    /// `ch` (the page then needs a CGTransform).
    pub fn transform(&self, ch: char, gid: u16) -> Option<u16> {
        if self.cmap.get(&ch) == Some(&gid) {
            None
        } else {
            self.glyphs.get(&gid).copied()
        }
    }
}

/// A font subset stored in the package.
pub struct FontFile {
    /// The file name in `Doc_0/Res/`.
    pub name: String,
    pub data: Vec<u8>,
}

/// Subsets every face some glyph run uses; `None` for faces no run uses (not embedded).
pub fn embed(layout: &Layout) -> Result<Vec<Option<Embedded>>, String> {
    // Per face: every (character, original glyph) pair the runs draw.
    let mut used: Vec<Option<BTreeSet<(char, u16)>>> = vec![None; layout.faces.len()];
    for page in &layout.pages {
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            let Some(pairs) = used.get_mut(run.face) else {
                continue;
            };
            let pairs = pairs.get_or_insert_with(BTreeSet::new);
            for g in &run.glyphs {
                if let Some(ch) = run.text.get(g.text.clone()).and_then(|s| s.chars().next()) {
                    pairs.insert((ch, g.id));
                }
            }
        }
    }
    let mut out = Vec::with_capacity(used.len());
    let mut n = 0;
    for (face, pairs) in layout.faces.iter().zip(used) {
        let Some(pairs) = pairs else {
            out.push(None);
            continue;
        };
        let data = face.data();
        let original = face.font_ref();
        // The cmap keeps a character's own glyph (the face's cmap); another glyph drawn for it
        // is reached by CGTransform.
        let face_cmap = original.as_ref().map(|f| f.charmap());
        let mut cmap: HashMap<char, u16> = HashMap::new();
        for &(ch, gid) in &pairs {
            let own = face_cmap
                .as_ref()
                .and_then(|m| m.map(ch))
                .is_some_and(|g| g.to_u32() == u32::from(gid));
            if own || !cmap.contains_key(&ch) {
                cmap.insert(ch, gid);
            }
        }
        let gids: Vec<u16> = pairs.iter().map(|&(_, g)| g).collect();
        let remapper = GlyphRemapper::new_from_glyphs_sorted(&gids);
        let subset = subsetter::subset_with_cache(
            (**data).as_ref(),
            face.index(),
            &[],
            &remapper,
            face.ofd_glyphs(),
        )
        .map_err(|e| format!("字体 {} 无法嵌入（{e:?}）", face.path().display()))?;
        let glyphs: HashMap<u16, u16> = gids
            .iter()
            .filter_map(|&g| Some((g, remapper.get(g)?)))
            .collect();
        let mut sub_cmap: Vec<(char, u16)> = cmap
            .iter()
            .filter_map(|(c, g)| Some((*c, *glyphs.get(g)?)))
            .collect();
        sub_cmap.sort();
        let os2 = original
            .as_ref()
            .and_then(|f| f.table_data(skrifa::Tag::new(b"OS/2")))
            .map(|t| t.as_bytes().to_vec());
        let mut extra = vec![(*b"cmap", sfnt::cmap(&sub_cmap))];
        if let Some(os2) = os2 {
            extra.push((*b"OS/2", os2));
        }
        let data = sfnt::with_tables(&subset, extra)
            .ok_or_else(|| format!("字体 {} 的子集无法读取", face.path().display()))?;
        let ext = if original.as_ref().is_some_and(|f| f.cff().is_ok()) {
            "otf"
        } else {
            "ttf"
        };
        n += 1;
        out.push(Some(Embedded {
            name: original
                .map(|f| font_name(&f))
                .unwrap_or_else(|| face.family().to_string()),
            file: FontFile {
                name: format!("font_{n}.{ext}"),
                data,
            },
            glyphs,
            cmap,
        }));
    }
    Ok(out)
}

/// The Word name of a role when one of the face's family names (in any language) is one — the
/// official fonts carry their Chinese name beside the English one — else its Chinese family name
/// (the name Chinese OFD readers substitute by), else the first English or other one.
fn font_name(font: &FontRef) -> String {
    let names: Vec<(String, bool)> = font
        .localized_strings(StringId::FAMILY_NAME)
        .map(|s| {
            let zh = s.language().is_some_and(|l| l.starts_with("zh"));
            (s.chars().collect(), zh)
        })
        .collect();
    let word = FontRole::ALL
        .iter()
        .map(|r| r.word_name())
        .find(|w| names.iter().any(|(n, _)| n == w));
    if let Some(w) = word {
        return w.to_string();
    }
    if let Some((n, _)) = names.iter().find(|(_, zh)| *zh) {
        return n.clone();
    }
    font.localized_strings(StringId::FAMILY_NAME)
        .english_or_first()
        .map(|s| s.chars().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bundled font with its name table replaced by family names (Windows, language id, name).
    fn named(families: &[(u16, &str)]) -> Vec<u8> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/FandolFang-Regular.otf");
        let data = std::fs::read(path).unwrap();
        let mut strings = Vec::new();
        let mut records = Vec::new();
        for &(lang, name) in families {
            let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_be_bytes).collect();
            for v in [3u16, 1, lang, 1, utf16.len() as u16, strings.len() as u16] {
                records.extend(v.to_be_bytes());
            }
            strings.extend(utf16);
        }
        let n = families.len() as u16;
        let mut table = Vec::new();
        for v in [0u16, n, 6 + 12 * n] {
            table.extend(v.to_be_bytes());
        }
        table.extend(records);
        table.extend(strings);
        sfnt::with_tables(&data, vec![(*b"name", table)]).unwrap()
    }

    fn name_of(families: &[(u16, &str)]) -> String {
        let data = named(families);
        font_name(&FontRef::new(&data).unwrap())
    }

    #[test]
    fn official_fonts_keep_their_word_names() {
        // 仿宋_GB2312 as Windows ships it: English and Chinese (0x0804) family names.
        assert_eq!(
            name_of(&[(0x0409, "FangSong_GB2312"), (0x0804, "仿宋_GB2312")]),
            "仿宋_GB2312"
        );
        assert_eq!(name_of(&[(0x0409, "SimHei"), (0x0804, "黑体")]), "黑体");
        // Another font: its Chinese name, else its English one.
        assert_eq!(
            name_of(&[(0x0409, "FZFangSong-Z02"), (0x0804, "方正仿宋_GBK")]),
            "方正仿宋_GBK"
        );
        assert_eq!(name_of(&[(0x0409, "FandolFang R")]), "FandolFang R");
    }
}
