//! The [`FontBook`]: font files loaded once (then shared by every report of a batch) and the
//! system-font index, passed in by the caller — never a global.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, RwLock};

use super::bundled::{self, BUNDLED};
use super::face::FontData;
use super::{Candidate, Face, FontSet, Origin, coverage};
use crate::diag::{Code, Diagnostic};
use crate::model::{FontChoices, Report, Text};
use crate::style::{FALLBACK_FILE, FontRole, LATIN_FILE, LATIN_WORD_NAME};

/// How to find fonts.
#[derive(Debug, Clone)]
pub struct FontOptions {
    /// Extra folders searched by family name (`--font-dir`), also when system fonts are ignored.
    pub font_dirs: Vec<PathBuf>,
    /// A folder to read the bundled font files from instead of the copies compiled into the
    /// executable; `None` means `$NIANBAO_FONT_DIR` if set, else the compiled-in fonts.
    pub bundled_dir: Option<PathBuf>,
    /// Whether to search the system's fonts. Tests switch this off so that their results do not
    /// depend on the machine.
    pub system_fonts: bool,
}

impl Default for FontOptions {
    fn default() -> Self {
        FontOptions {
            font_dirs: Vec::new(),
            bundled_dir: None,
            system_fonts: true,
        }
    }
}

impl FontOptions {
    /// Only the bundled fonts: the same output on every machine.
    pub fn bundled_only() -> Self {
        FontOptions {
            system_fonts: false,
            ..FontOptions::default()
        }
    }
}

/// `$NIANBAO_FONT_DIR`: a folder that replaces the compiled-in fonts (same file names).
fn env_bundled_dir() -> Option<PathBuf> {
    std::env::var_os("NIANBAO_FONT_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
}

/// Family names tried among system fonts for a role, after its Word name: the names the same
/// typefaces carry on Windows and in WPS (localized and English).
fn system_aliases(role: FontRole) -> &'static [&'static str] {
    match role {
        FontRole::Title => &[
            "方正小标宋_GBK",
            "FZXiaoBiaoSong-B05S",
            "FZXiaoBiaoSong-B05",
        ],
        FontRole::Body => &["仿宋", "FangSong", "FangSong_GB2312"],
        FontRole::Heading1 => &["SimHei"],
        FontRole::Heading2 => &["楷体", "KaiTi", "KaiTi_GB2312"],
        FontRole::PageNumber | FontRole::Table => &["SimSun"],
    }
}

/// Loaded font files, shared: `FontBook` is `Send + Sync` and cheap to clone (an `Arc`).
#[derive(Clone)]
pub struct FontBook {
    inner: Arc<Inner>,
}

/// A face, or why it could not be read.
type Loaded = Result<Arc<Face>, String>;

struct Inner {
    options: FontOptions,
    /// The system fonts and `--font-dir` folders, indexed on first use: a report set in the
    /// bundled fonts only never scans them.
    db: OnceLock<fontdb::Database>,
    /// The bundled fonts' names (family, PostScript name, weight) and file names, for `[fonts]`
    /// choices naming them; indexed on first use.
    bundled_db: OnceLock<(fontdb::Database, Vec<(fontdb::ID, &'static str)>)>,
    /// The compiled-in faces (one per [`BUNDLED`] entry), parsed on first use.
    bundled: Vec<OnceLock<Loaded>>,
    /// Faces read from files by (file, index), loaded on first use; a failed load is remembered too.
    loaded: RwLock<HashMap<(PathBuf, u32), Loaded>>,
}

impl std::fmt::Debug for FontBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontBook")
            .field("bundled_dir", &self.inner.options.bundled_dir)
            .field("indexed_faces", &self.inner.db.get().map(|db| db.len()))
            .finish()
    }
}

impl FontBook {
    /// A font book; no font file is read yet (see [`FontBook::load`]).
    pub fn new(options: FontOptions) -> FontBook {
        FontBook::load(options).0
    }

    /// Like [`FontBook::new`], with the problems of the `--font-dir` folders: a folder that is
    /// missing or not a folder (errors), files in them that are no usable font (warnings). The
    /// folders are indexed now, to report their problems with the run's others; the system fonts
    /// when a report first looks for a family by name (never for one set in the bundled fonts
    /// only); font files when a report first needs them. Each only once.
    pub fn load(mut options: FontOptions) -> (FontBook, Vec<Diagnostic>) {
        options.bundled_dir = options.bundled_dir.or_else(env_bundled_dir);
        let db = OnceLock::new();
        let mut problems = Vec::new();
        if !options.font_dirs.is_empty() {
            let mut fonts = fontdb::Database::new();
            if options.system_fonts {
                fonts.load_system_fonts();
            }
            problems = super::folder::load_dirs(&mut fonts, &options.font_dirs);
            let _ = db.set(fonts);
        }
        let book = FontBook {
            inner: Arc::new(Inner {
                options,
                db,
                bundled_db: OnceLock::new(),
                bundled: BUNDLED.iter().map(|_| OnceLock::new()).collect(),
                loaded: RwLock::new(HashMap::new()),
            }),
        };
        (book, problems)
    }

    /// The folder the bundled fonts are read from, `None` when they are the compiled-in copies.
    pub fn bundled_dir(&self) -> Option<&Path> {
        self.inner.options.bundled_dir.as_deref()
    }

    /// Parses every bundled face now (for benchmarks that time the rendering alone).
    pub fn preload_bundled(&self) -> Result<(), Diagnostic> {
        for (file, _) in BUNDLED {
            self.bundled(file)?;
        }
        Ok(())
    }

    /// A bundled face by its file name in `fonts/`: the compiled-in copy, or the file in the
    /// folder that replaces them (`NIANBAO_FONT_DIR`).
    fn bundled(&self, file: &str) -> Result<Arc<Face>, Diagnostic> {
        if let Some(dir) = &self.inner.options.bundled_dir {
            let path = dir.join(file);
            return self
                .face(&path, 0)
                .map_err(|reason| bundled_error(&path, &reason));
        }
        let at = bundled::position(file)
            .ok_or_else(|| bundled_error(Path::new(file), "程序中没有这个字体"))?;
        self.inner.bundled[at]
            .get_or_init(|| {
                let data: FontData = Arc::new(BUNDLED[at].1);
                Face::from_data(PathBuf::from(file), 0, data).map(Arc::new)
            })
            .clone()
            .map_err(|reason| bundled_error(Path::new(file), &reason))
    }

    /// The system fonts (unless switched off) and the `--font-dir` folders, indexed once (the
    /// folders already by [`FontBook::load`]).
    fn system_db(&self) -> &fontdb::Database {
        self.inner.db.get_or_init(|| {
            let mut db = fontdb::Database::new();
            if self.inner.options.system_fonts {
                db.load_system_fonts();
            }
            db
        })
    }

    /// A bundled face by family or PostScript name; the bundled faces' names are indexed once
    /// (from the same bytes the faces use).
    fn find_bundled(&self, name: &str) -> Option<Arc<Face>> {
        let (db, files) = self.inner.bundled_db.get_or_init(|| {
            let mut db = fontdb::Database::new();
            let mut files = Vec::new();
            for (file, _) in BUNDLED {
                if let Ok(face) = self.bundled(file) {
                    let source = fontdb::Source::Binary(face.data().clone());
                    files.extend(
                        db.load_font_source(source)
                            .into_iter()
                            .map(|id| (id, *file)),
                    );
                }
            }
            (db, files)
        });
        let best = best_match(db, name)?;
        let (_, file) = files.iter().find(|(id, _)| *id == best.id)?;
        self.bundled(file).ok()
    }

    /// A face by file and index, from the cache or read now.
    pub fn face(&self, path: &Path, index: u32) -> Result<Arc<Face>, String> {
        let key = (path.to_path_buf(), index);
        {
            let loaded = self.inner.loaded.read().unwrap_or_else(|e| e.into_inner());
            if let Some(r) = loaded.get(&key) {
                return r.clone();
            }
        }
        let result = Face::load(path, index).map(Arc::new);
        let mut loaded = self.inner.loaded.write().unwrap_or_else(|e| e.into_inner());
        loaded.entry(key).or_insert(result).clone()
    }

    /// The faces for one report: candidates per role, the fallback if a character needs it, and a
    /// check that every character of the report has a glyph. Errors: a `[fonts]` choice that cannot
    /// be found, a role without any font, characters without a glyph.
    pub fn font_set(&self, report: &Report) -> Result<FontSet, Vec<Diagnostic>> {
        let (set, mut errors) = self.resolve(Some(report));
        let (set, missing) = coverage::complete(self, set, report);
        errors.extend(missing);
        // Two roles share a bundled file (页码 and 表格): say once that it is missing.
        let mut seen = std::collections::HashSet::new();
        errors.retain(|d| seen.insert(d.message.clone()));
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    /// What `nianbao fonts` prints: the faces of each role, the characters that fall back, and
    /// the problems. `report` = `None` shows the defaults.
    pub fn report(&self, report: Option<&Report>) -> super::FontReport {
        coverage::report(self, report)
    }

    /// The candidate faces per role, without the fallback; plus errors for choices not found.
    pub(super) fn resolve(&self, report: Option<&Report>) -> (FontSet, Vec<Diagnostic>) {
        let mut set = FontSet {
            faces: Vec::new(),
            roles: Default::default(),
            fallback: None,
            latin: None,
        };
        let mut errors = Vec::new();
        let defaults = crate::model::FontChoices::default();
        let choices = report.map_or(&defaults, |r| r.fonts());
        for role in FontRole::ALL {
            let choice = choices.get(role);
            if let (Some(choice), Some(report)) = (choice, report) {
                match self.user_choice(report, choice) {
                    Ok(face) => push(&mut set, role, face, Origin::User),
                    Err(d) => errors.push(d),
                }
            }
            if let Some(face) = self.system_face(role) {
                push(&mut set, role, face, Origin::System);
            }
            match self.bundled(role.bundled_file()) {
                Ok(face) => push(&mut set, role, face, Origin::Bundled),
                Err(d) if set.roles[role as usize].is_empty() => errors.push(d),
                Err(_) => {}
            }
        }
        // The Times-metric serif; without it (no bundled file either) the roles' faces set ASCII.
        let latin = self
            .find_system(LATIN_WORD_NAME)
            .or_else(|| self.bundled(LATIN_FILE).ok());
        set.latin = latin.map(|face| intern(&mut set, face));
        (set, errors)
    }

    /// Loads the fallback face into a set (when a character of the report needs it).
    pub(super) fn add_fallback(&self, set: &mut FontSet) -> Result<(), Diagnostic> {
        let face = self.bundled(FALLBACK_FILE)?;
        set.fallback = Some(intern(set, face));
        Ok(())
    }

    /// The face a `[fonts]` entry names: a file path, or a family name.
    fn user_choice(&self, report: &Report, choice: &Text) -> Result<Arc<Face>, Diagnostic> {
        let name = choice.text.trim();
        let locate = |d: Diagnostic| match &choice.span {
            Some(span) => d.at(report.source(), span.clone()),
            None => d,
        };
        if FontChoices::is_file(name) {
            let base = report.source().path().parent().unwrap_or(Path::new("."));
            let path = base.join(name);
            return self.face(&path, 0).map_err(|reason| {
                locate(
                    Diagnostic::error(
                        Code::FontFile,
                        format!("无法使用字体文件 {}：{reason}", path.display()),
                    )
                    .hint("检查路径；相对路径从报告文件所在的文件夹算起"),
                )
            });
        }
        self.find_family(name)
            .ok_or_else(|| {
                locate(
                    Diagnostic::error(Code::FontNotFound, format!("找不到名为“{name}”的字体"))
                        .hint("安装该字体，或用 --font-dir 指定字体所在的文件夹，或填写字体文件的路径；删除这一行则使用默认字体"),
                )
            })
    }

    /// A system (or `--font-dir`) face by the role's Word name or an alias.
    fn system_face(&self, role: FontRole) -> Option<Arc<Face>> {
        if !self.inner.options.system_fonts && self.inner.options.font_dirs.is_empty() {
            return None;
        }
        std::iter::once(role.word_name())
            .chain(system_aliases(role).iter().copied())
            .find_map(|name| self.find_system(name))
    }

    /// The regular face of a family, matched on any of its (localized) family names or its
    /// PostScript name, ignoring ASCII case: a bundled font if it is one (then the system fonts
    /// are not scanned), else a system or `--font-dir` font.
    fn find_family(&self, name: &str) -> Option<Arc<Face>> {
        self.find_bundled(name).or_else(|| self.find_system(name))
    }

    /// A system or `--font-dir` face by family or PostScript name.
    fn find_system(&self, name: &str) -> Option<Arc<Face>> {
        let best = best_match(self.system_db(), name)?;
        let path = match &best.source {
            fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
            fontdb::Source::Binary(_) => return None,
        };
        self.face(&path, best.index).ok()
    }
}

/// The face of a family closest to regular (upright, weight 400).
fn best_match<'a>(db: &'a fontdb::Database, name: &str) -> Option<&'a fontdb::FaceInfo> {
    let matches = |n: &str| n.eq_ignore_ascii_case(name);
    db.faces()
        .filter(|f| f.families.iter().any(|(n, _)| matches(n)) || matches(&f.post_script_name))
        .min_by_key(|f| {
            let italic = f.style != fontdb::Style::Normal;
            (italic, f.weight.0.abs_diff(400))
        })
}

/// Adds a face to the set (once) and returns its index.
fn intern(set: &mut FontSet, face: Arc<Face>) -> usize {
    match set.faces.iter().position(|f| Arc::ptr_eq(f, &face)) {
        Some(i) => i,
        None => {
            set.faces.push(face);
            set.faces.len() - 1
        }
    }
}

fn push(set: &mut FontSet, role: FontRole, face: Arc<Face>, origin: Origin) {
    let face = intern(set, face);
    let list = &mut set.roles[role as usize];
    if !list.iter().any(|c| c.face == face) {
        list.push(Candidate { face, origin });
    }
}

fn bundled_error(path: &Path, reason: &str) -> Diagnostic {
    Diagnostic::error(
        Code::BundledFont,
        format!("无法读取内置字体 {}：{reason}", path.display()),
    )
    .hint(
        "环境变量 NIANBAO_FONT_DIR 指向的文件夹应含有这个文件；删除该环境变量则使用程序内置的字体",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")
    }

    #[test]
    fn every_font_file_in_fonts_is_compiled_in_and_every_bundled_name_exists() {
        let mut on_disk: Vec<String> = std::fs::read_dir(fonts_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".otf") || n.ends_with(".ttf") || n.ends_with(".ttc"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = BUNDLED.iter().map(|(n, _)| n.to_string()).collect();
        listed.sort();
        assert_eq!(
            listed, on_disk,
            "fonts/ and BUNDLED (src/fonts/bundled.rs) differ"
        );
        for file in FontRole::ALL
            .iter()
            .map(|r| r.bundled_file())
            .chain([FALLBACK_FILE])
        {
            assert!(bundled::position(file).is_some(), "{file} is not bundled");
        }
    }

    #[test]
    fn bundled_faces_are_the_compiled_in_bytes_used_in_place() {
        let book = FontBook::new(FontOptions {
            bundled_dir: None,
            ..FontOptions::bundled_only()
        });
        if book.bundled_dir().is_some() {
            return; // NIANBAO_FONT_DIR is set in this environment
        }
        let face = book.bundled("FandolFang-Regular.otf").unwrap();
        let at = bundled::position("FandolFang-Regular.otf").unwrap();
        let bytes: &[u8] = (**face.data()).as_ref();
        assert!(
            std::ptr::eq(bytes, BUNDLED[at].1),
            "the font bytes were copied"
        );
        assert_eq!(
            bytes,
            std::fs::read(fonts_dir().join("FandolFang-Regular.otf")).unwrap()
        );
        assert_eq!(face.path(), Path::new("FandolFang-Regular.otf"));
        assert_eq!(face.family(), "FandolFang R");
        // Only the face asked for was parsed.
        let parsed = book
            .inner
            .bundled
            .iter()
            .filter(|b| b.get().is_some())
            .count();
        assert_eq!(parsed, 1);
    }

    #[test]
    fn a_bundled_family_is_found_by_name_without_scanning_system_fonts() {
        let book = FontBook::new(FontOptions {
            system_fonts: true,
            ..FontOptions::default()
        });
        let bold = book.find_family("NotoSerifCJKsc-Bold").expect("found");
        assert!(bold.path().ends_with("NotoSerifSC-Bold-subset.otf"));
        // A family with two weights gives the regular one.
        let regular = book.find_family("noto serif cjk sc").expect("found");
        assert!(regular.path().ends_with(FALLBACK_FILE));
        assert!(book.find_family("FandolKai").is_some());
        assert!(book.inner.db.get().is_none(), "system fonts were scanned");
    }

    #[test]
    fn a_bundled_dir_replaces_the_compiled_in_fonts() {
        let book = FontBook::new(FontOptions {
            bundled_dir: Some(fonts_dir()),
            ..FontOptions::bundled_only()
        });
        let face = book.bundled("FandolHei-Regular.otf").unwrap();
        assert_eq!(face.path(), fonts_dir().join("FandolHei-Regular.otf"));

        let empty = tempfile::tempdir().unwrap();
        let book = FontBook::new(FontOptions {
            bundled_dir: Some(empty.path().to_path_buf()),
            ..FontOptions::bundled_only()
        });
        let (_, errors) = book.resolve(None);
        assert!(!errors.is_empty());
        assert!(
            errors[0].message.contains("无法读取内置字体"),
            "{:?}",
            errors[0]
        );
        assert!(errors[0].message.contains("FandolFang-Regular.otf") || errors.len() > 1);
    }
}
