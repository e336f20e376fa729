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
    /// Reads and validates a face.
    pub fn load(path: &Path, index: u32) -> Result<Face, FaceError> {
        let data = crate::source::read_limited(path, crate::source::MAX_FONT_FILE)
            .map_err(FaceError::Read)?;
        Face::from_data(path.to_path_buf(), index, Arc::new(data))
    }

    /// Validates font bytes already in memory. Reads only the table directory, `cmap` and `name`.
    pub fn from_data(path: PathBuf, index: u32, data: FontData) -> Result<Face, FaceError> {
        let font = match FileRef::new((*data).as_ref()) {
            Err(_) => return Err(FaceError::NotAFont),
            Ok(FileRef::Collection(c)) if index >= c.len() => {
                return Err(FaceError::NoSuchFace {
                    index,
                    count: c.len(),
                });
            }
            Ok(FileRef::Font(_)) if index > 0 => {
                return Err(FaceError::NoSuchFace { index, count: 1 });
            }
            Ok(_) => font_ref((*data).as_ref(), index).ok_or(FaceError::NotAFont)?,
        };
        if !Charmap::new(&font).has_map() {
            return Err(FaceError::NoUnicodeMap);
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

/// Why a font file cannot be used.
#[derive(Debug)]
pub enum FaceError {
    /// The file could not be read: missing, not a regular file, too large, refused by the system.
    Read(crate::source::ReadError),
    /// Not an OpenType/TrueType font (or collection).
    NotAFont,
    /// A collection without the face asked for.
    NoSuchFace { index: u32, count: u32 },
    /// No Unicode character map: its glyphs cannot be found by character.
    NoUnicodeMap,
}

impl FaceError {
    /// How to fix it, in Chinese.
    pub fn hint(&self) -> &'static str {
        match self {
            FaceError::Read(crate::source::ReadError::Io(e))
                if e.kind() == std::io::ErrorKind::NotFound =>
            {
                "检查字体文件的路径和文件名"
            }
            FaceError::Read(crate::source::ReadError::NotRegular(_)) => {
                "给出字体文件（.ttf、.otf、.ttc）本身的路径"
            }
            FaceError::Read(crate::source::ReadError::TooLarge { .. }) => {
                "这不像是字体文件；请换用正常大小的字体文件"
            }
            FaceError::Read(_) => "检查文件是否存在、能否打开（权限、是否被其他程序占用）",
            FaceError::NotAFont => "换用 .ttf、.otf 或 .ttc 格式的字体文件；文件可能已损坏",
            FaceError::NoSuchFace { .. } => "字体集合中没有这个字体；请换用其他字体文件",
            FaceError::NoUnicodeMap => {
                "这个字体不能按汉字查找字形（可能是符号字体），请换用其他字体"
            }
        }
    }

    /// Whether the file was read but is no usable font (rather than unreadable).
    pub fn is_unusable_font(&self) -> bool {
        !matches!(self, FaceError::Read(_))
    }
}

impl std::fmt::Display for FaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FaceError::Read(e) => f.write_str(&e.reason()),
            FaceError::NotAFont => f.write_str("不是可用的 OpenType/TrueType 字体"),
            FaceError::NoSuchFace { index, count } => write!(
                f,
                "字体集合只有 {count} 个字体，没有第 {} 个",
                u64::from(*index) + 1
            ),
            FaceError::NoUnicodeMap => f.write_str("字体没有 Unicode 字符映射表（cmap）"),
        }
    }
}

impl std::error::Error for FaceError {}

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
        let gid = self.gid(ch)?;
        let advance = self.glyphs.advance_width(gid).unwrap_or(self.upem) / self.upem;
        Some((gid, advance))
    }

    /// Whether the face has a glyph for the character ([`glyph`](Self::glyph) is `Some`).
    pub fn has(&self, ch: char) -> bool {
        self.gid(ch).is_some()
    }

    fn gid(&self, ch: char) -> Option<GlyphId> {
        self.charmap.map(ch).filter(|g| g.to_u32() != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::ReadError;

    fn liberation() -> Vec<u8> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/LiberationSerif-Regular.ttf");
        std::fs::read(path).unwrap()
    }

    fn load(bytes: Vec<u8>, index: u32) -> Result<Face, FaceError> {
        Face::from_data(PathBuf::from("t.ttf"), index, Arc::new(bytes))
    }

    #[test]
    fn each_reason_a_font_file_is_refused_has_its_own_error_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let missing = Face::load(&dir.path().join("无.ttf"), 0).unwrap_err();
        assert!(matches!(&missing, FaceError::Read(ReadError::Io(_))));
        assert_eq!(missing.hint(), "检查字体文件的路径和文件名");
        let folder = Face::load(dir.path(), 0).unwrap_err();
        assert!(matches!(folder, FaceError::Read(ReadError::NotRegular(_))));
        assert!(!folder.is_unusable_font());

        let garbage = load(b"not a font, only text".to_vec(), 0).unwrap_err();
        assert!(matches!(garbage, FaceError::NotAFont));
        assert_eq!(garbage.to_string(), "不是可用的 OpenType/TrueType 字体");
        assert!(garbage.is_unusable_font());

        let second = load(liberation(), 1).unwrap_err();
        assert!(matches!(
            second,
            FaceError::NoSuchFace { index: 1, count: 1 }
        ));
        assert_eq!(second.to_string(), "字体集合只有 1 个字体，没有第 2 个");

        // The same font with its cmap table renamed: readable, but no character maps to a glyph.
        let mut bytes = liberation();
        let tables = usize::from(u16::from_be_bytes([bytes[4], bytes[5]]));
        let at = (0..tables)
            .map(|i| 12 + 16 * i)
            .find(|&at| &bytes[at..at + 4] == b"cmap")
            .unwrap();
        bytes[at..at + 4].copy_from_slice(b"cmaq");
        let no_map = load(bytes, 0).unwrap_err();
        assert!(matches!(no_map, FaceError::NoUnicodeMap), "{no_map:?}");
        assert!(no_map.to_string().contains("cmap"));

        assert_eq!(load(liberation(), 0).unwrap().family(), "Liberation Serif");
    }
}
