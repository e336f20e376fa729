//! One loaded font face: its bytes (shared, never copied per report) and the look-ups layout needs.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::FileRef;
use skrifa::{FontRef, GlyphId, MetadataProvider, string::StringId};

/// Font bytes: a file read into memory, or a font compiled into the executable (a `&'static [u8]`,
/// used in place). The same type the PDF writer and fontdb take, so neither copies them.
pub type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A font face, read from a file or bundled. The PDF writer embeds (subsets) from the same memory
/// the layout measured with.
pub struct Face {
    /// The file, or for a font compiled into the executable its file name in `fonts/`.
    path: PathBuf,
    index: u32,
    family: String,
    data: FontData,
    /// The face as the PDF writer's font, made on first use and then shared by every document:
    /// krilla keeps per-font work (desubroutinized glyph programs, glyph bounding boxes) in it,
    /// so a batch subsets each glyph of a face once.
    pdf_font: OnceLock<Option<krilla::text::Font>>,
    /// The OFD writer's desubroutinized CFF glyph programs, kept across documents like krilla's.
    ofd_glyphs: subsetter::GlyphCache,
}

impl Face {
    /// Reads and validates a face. The error is a short Chinese reason.
    pub fn load(path: &Path, index: u32) -> Result<Face, String> {
        let data = crate::source::read_limited(path, crate::source::MAX_FONT_FILE)
            .map_err(|e| e.reason())?;
        Face::from_data(path.to_path_buf(), index, Arc::new(data))
    }

    /// Validates font bytes already in memory. Reads only the table directory, `cmap` and `name`.
    pub fn from_data(path: PathBuf, index: u32, data: FontData) -> Result<Face, String> {
        let font = font_ref((*data).as_ref(), index)
            .ok_or_else(|| "不是可用的 OpenType/TrueType 字体".to_string())?;
        if !Charmap::new(&font).has_map() {
            return Err("字体没有 Unicode 字符映射表（cmap）".into());
        }
        let family = font
            .localized_strings(StringId::FAMILY_NAME)
            .english_or_first()
            .map(|s| s.chars().collect::<String>())
            .unwrap_or_default();
        Ok(Face {
            path,
            index,
            family,
            data,
            pdf_font: OnceLock::new(),
            ofd_glyphs: subsetter::GlyphCache::new(),
        })
    }

    /// The file the face was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The face's index in a font collection (0 for a plain font file).
    pub fn index(&self) -> u32 {
        self.index
    }

    /// The family name from the font's name table (English if it has one), e.g. "FandolFang R".
    pub fn family(&self) -> &str {
        &self.family
    }

    /// The font file's bytes.
    pub fn data(&self) -> &FontData {
        &self.data
    }

    /// The face for the PDF writer (`None` if krilla cannot read it). Always the same object, so
    /// that what krilla learns about the font in one document serves the next.
    pub fn pdf_font(&self) -> Option<&krilla::text::Font> {
        self.pdf_font
            .get_or_init(|| krilla::text::Font::new(self.data.clone().into(), self.index))
            .as_ref()
    }

    /// The face's tables (`None` if the bytes no longer parse, which `load` has ruled out).
    pub fn font_ref(&self) -> Option<FontRef<'_>> {
        font_ref((*self.data).as_ref(), self.index)
    }

    /// Glyph programs the OFD writer's subsetter has already prepared for this face.
    pub fn ofd_glyphs(&self) -> &subsetter::GlyphCache {
        &self.ofd_glyphs
    }

    /// The look-ups layout needs: character → glyph, glyph → advance.
    pub fn metrics(&self) -> Option<FaceMetrics<'_>> {
        let font = font_ref((*self.data).as_ref(), self.index)?;
        let upem = font
            .head()
            .map(|h| h.units_per_em())
            .ok()
            .filter(|&u| u > 0)
            .unwrap_or(1000);
        Some(FaceMetrics {
            charmap: Charmap::new(&font),
            glyphs: GlyphMetrics::new(&font, Size::unscaled(), LocationRef::default()),
            upem: f32::from(upem),
        })
    }
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("path", &self.path)
            .field("index", &self.index)
            .field("family", &self.family)
            .finish_non_exhaustive()
    }
}

/// Opens face `index` of a font file or collection.
fn font_ref(data: &[u8], index: u32) -> Option<FontRef<'_>> {
    match FileRef::new(data).ok()? {
        FileRef::Font(f) if index == 0 => Some(f),
        FileRef::Font(_) => None,
        FileRef::Collection(c) => c.get(index).ok(),
    }
}

use skrifa::raw::TableProvider as _;

/// Borrowed look-up tables of one face.
pub struct FaceMetrics<'a> {
    charmap: Charmap<'a>,
    glyphs: GlyphMetrics<'a>,
    upem: f32,
}

impl FaceMetrics<'_> {
    /// The glyph for a character and its advance in em, if the face has one (a mapping to glyph 0,
    /// `.notdef`, is no glyph: it would print a tofu box).
    pub fn glyph(&self, ch: char) -> Option<(GlyphId, f32)> {
        let gid = self.charmap.map(ch).filter(|g| g.to_u32() != 0)?;
        let advance = self.glyphs.advance_width(gid).unwrap_or(self.upem) / self.upem;
        Some((gid, advance))
    }
}
