//! The fonts of the package: a subset of every face the layout used, with a `cmap` added so that
//! an OFD reader maps each TextCode character to the very glyph the layout placed.

use std::collections::BTreeMap;

use skrifa::raw::{FileRef, TableProvider as _};
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
}

/// A font subset stored in the package.
pub struct FontFile {
    /// The file name in `Doc_0/Res/`.
    pub name: String,
    pub data: Vec<u8>,
}

/// Subsets every face some glyph run uses; `None` for faces no run uses (not embedded).
pub fn embed(layout: &Layout) -> Result<Vec<Option<Embedded>>, String> {
    // Per face: character → original glyph, from the runs' clusters (one character each).
    let mut used: Vec<Option<BTreeMap<char, u16>>> = vec![None; layout.faces.len()];
    for page in &layout.pages {
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            let Some(map) = used.get_mut(run.face) else {
                continue;
            };
            let map = map.get_or_insert_with(BTreeMap::new);
            for g in &run.glyphs {
                if let Some(ch) = run.text.get(g.text.clone()).and_then(|s| s.chars().next()) {
                    map.insert(ch, g.id);
                }
            }
        }
    }
    let mut out = Vec::with_capacity(used.len());
    let mut n = 0;
    for (face, chars) in layout.faces.iter().zip(used) {
        let Some(chars) = chars else {
            out.push(None);
            continue;
        };
        let data = face.data();
        let gids: Vec<u16> = chars.values().copied().collect();
        let remapper = GlyphRemapper::new_from_glyphs_sorted(&gids);
        let subset = subsetter::subset(data, face.index(), &remapper).map_err(|e| {
            format!("字体 {} 无法嵌入（{e:?}）", face.path().display())
        })?;
        let cmap: Vec<(char, u16)> = chars
            .iter()
            .filter_map(|(c, g)| Some((*c, remapper.get(*g)?)))
            .collect();
        let original = font_ref(data, face.index());
        let os2 = original
            .as_ref()
            .and_then(|f| f.table_data(skrifa::Tag::new(b"OS/2")))
            .map(|t| t.as_bytes().to_vec());
        let mut extra = vec![(*b"cmap", sfnt::cmap(&cmap))];
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
        }));
    }
    Ok(out)
}

fn font_ref(data: &[u8], index: u32) -> Option<FontRef<'_>> {
    match FileRef::new(data).ok()? {
        FileRef::Font(f) if index == 0 => Some(f),
        FileRef::Font(_) => None,
        FileRef::Collection(c) => c.get(index).ok(),
    }
}

/// The Word name of a role when one of the face's family names (in any language) is one — the
/// official fonts carry their Chinese name beside the English one — else the family name the
/// font book knows the face by (English if it has one).
fn font_name(font: &FontRef) -> String {
    let names: Vec<String> = font
        .localized_strings(StringId::FAMILY_NAME)
        .map(|s| s.chars().collect())
        .collect();
    FontRole::ALL
        .iter()
        .map(|r| r.word_name())
        .find(|w| names.iter().any(|n| n == w))
        .map(str::to_string)
        .or_else(|| {
            font.localized_strings(StringId::FAMILY_NAME)
                .english_or_first()
                .map(|s| s.chars().collect())
        })
        .unwrap_or_default()
}
