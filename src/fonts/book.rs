//! The [`FontBook`]: font files loaded once (then shared by every report of a batch) and the
//! system-font index, passed in by the caller — never a global.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, RwLock};

use super::bundled::{self, BUNDLED};
use super::face::{FaceError, FontData};
use super::names::{self, Named};
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
type Loaded = Result<Arc<Face>, Arc<FaceError>>;

struct Inner {
    options: FontOptions,
    /// The faces of the `--font-dir` folders, indexed when the book is made.
    dirs: Vec<Named>,
    /// The system fonts, looked up on first use (a report set in the bundled fonts only never
    /// looks) from the index kept in the user's cache folder ([`super::system`]).
    system: OnceLock<Vec<Named>>,
    /// The bundled fonts' names (family, PostScript name, weight), each under its file name, for
    /// `[fonts]` choices naming them; indexed on first use.
    bundled_names: OnceLock<Vec<Named>>,
    /// The compiled-in faces (one per [`BUNDLED`] entry), parsed on first use.
    bundled: Vec<OnceLock<Loaded>>,
    /// Faces read from files by (file, index), loaded on first use; a failed load is remembered too.
    loaded: RwLock<HashMap<(PathBuf, u32), Loaded>>,
}

impl std::fmt::Debug for FontBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontBook")
            .field("bundled_dir", &self.inner.options.bundled_dir)
            .field("font_dir_faces", &self.inner.dirs.len())
            .field("system_faces", &self.inner.system.get().map(Vec::len))
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
    /// when a report first looks for a family by name that `--font-dir` does not have (never for
    /// one set in the bundled fonts only); font files when a report first needs them. Each only
    /// once.
    pub fn load(mut options: FontOptions) -> (FontBook, Vec<Diagnostic>) {
        options.bundled_dir = options.bundled_dir.or_else(env_bundled_dir);
        let mut db = fontdb::Database::new();
        let problems = super::folder::load_dirs(&mut db, &options.font_dirs);
        let book = FontBook {
            inner: Arc::new(Inner {
                options,
                dirs: names::from_db(&db, Path::new("")),
                system: OnceLock::new(),
                bundled_names: OnceLock::new(),
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
                .map_err(|e| bundled_error(&path, &e.to_string()));
        }
        let at = bundled::position(file)
            .ok_or_else(|| bundled_error(Path::new(file), "程序中没有这个字体"))?;
        self.inner.bundled[at]
            .get_or_init(|| {
                let data: FontData = Arc::new(BUNDLED[at].1);
                Face::from_data(PathBuf::from(file), 0, data)
                    .map(Arc::new)
                    .map_err(Arc::new)
            })
            .clone()
            .map_err(|e| bundled_error(Path::new(file), &e.to_string()))
    }

    /// The system fonts (unless switched off), indexed once per run from the index in the user's
    /// cache folder.
    fn system(&self) -> &[Named] {
        self.inner.system.get_or_init(|| {
            if self.inner.options.system_fonts {
                super::system::faces(super::system::cache_file().as_deref())
            } else {
                Vec::new()
            }
        })
    }

    /// A bundled face by family or PostScript name; the bundled faces' names are indexed once
    /// (from the same bytes the faces use).
    fn find_bundled(&self, name: &str) -> Option<Arc<Face>> {
        let faces = self.inner.bundled_names.get_or_init(|| {
            let mut faces = Vec::new();
            for (file, _) in BUNDLED {
                if let Ok(face) = self.bundled(file) {
                    let mut db = fontdb::Database::new();
                    db.load_font_source(fontdb::Source::Binary(face.data().clone()));
                    faces.extend(names::from_db(&db, Path::new(file)));
                }
            }
            faces
        });
        let best = names::best_match(faces, name)?;
        self.bundled(best.path.to_str()?).ok()
    }

    /// A face by file and index, from the cache or read now.
    pub fn face(&self, path: &Path, index: u32) -> Result<Arc<Face>, Arc<FaceError>> {
        let key = (path.to_path_buf(), index);
        {
            let loaded = self.inner.loaded.read().unwrap_or_else(|e| e.into_inner());
            if let Some(r) = loaded.get(&key) {
                return r.clone();
            }
        }
        let result = Face::load(path, index).map(Arc::new).map_err(Arc::new);
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
            .system_enabled()
            .then(|| self.find_system(LATIN_WORD_NAME))
            .flatten()
            .map(|face| (face, Origin::System))
            .or_else(|| Some((self.bundled(LATIN_FILE).ok()?, Origin::Bundled)));
        set.latin = latin.map(|(face, origin)| Candidate {
            face: intern(&mut set, face),
            origin,
        });
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
            return self.face(&path, 0).map_err(|e| {
                let (code, hint) = if e.is_unusable_font() {
                    (Code::FontUnreadable, e.hint().to_string())
                } else {
                    let where_ = "相对路径从报告文件所在的文件夹算起";
                    (Code::FontFile, format!("{}；{where_}", e.hint()))
                };
                locate(
                    Diagnostic::error(code, format!("无法使用字体文件 {}：{e}", path.display()))
                        .hint(hint),
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
        if !self.system_enabled() {
            return None;
        }
        std::iter::once(role.word_name())
            .chain(system_aliases(role).iter().copied())
            .find_map(|name| self.find_system(name))
    }

    /// Whether faces are looked for beyond the bundled ones (system fonts or `--font-dir`).
    fn system_enabled(&self) -> bool {
        self.inner.options.system_fonts || !self.inner.options.font_dirs.is_empty()
    }

    /// The regular face of a family, matched on any of its (localized) family names or its
    /// PostScript name, ignoring ASCII case: a bundled font if it is one (then the system fonts
    /// are not scanned), else a system or `--font-dir` font.
    fn find_family(&self, name: &str) -> Option<Arc<Face>> {
        self.find_bundled(name).or_else(|| self.find_system(name))
    }

    /// A `--font-dir` face by family or PostScript name, else a system one (then the system
    /// fonts are looked up). A face that no longer reads is none.
    fn find_system(&self, name: &str) -> Option<Arc<Face>> {
        let best = names::best_match(&self.inner.dirs, name)
            .or_else(|| names::best_match(self.system(), name))?;
        self.face(&best.path, best.index).ok()
    }
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
        assert!(
            book.inner.system.get().is_none(),
            "system fonts were scanned"
        );
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

    fn report_with_fonts(dir: &Path, fonts: &str) -> Report {
        let example = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan-2024.toml"),
        )
        .unwrap();
        let path = dir.join("r.toml");
        let text = format!("{example}\n[fonts]\n{fonts}\n");
        crate::input::parse(Arc::new(crate::source::Source::new(
            path.to_str().unwrap(),
            text.as_str(),
        )))
        .unwrap()
    }

    #[test]
    fn a_font_file_that_cannot_be_used_gets_its_code_reason_and_hint() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("坏.ttf"), b"definitely not a font").unwrap();
        let book = FontBook::new(FontOptions::bundled_only());
        let cases = [
            (
                "body = \"缺.ttf\"",
                Code::FontFile,
                "检查字体文件的路径和文件名",
            ),
            (
                "body = \"坏.ttf\"",
                Code::FontUnreadable,
                "换用 .ttf、.otf 或 .ttc 格式的字体文件",
            ),
        ];
        for (line, code, hint) in cases {
            let report = report_with_fonts(dir.path(), line);
            let errors = book.font_set(&report).unwrap_err();
            assert_eq!(errors.len(), 1, "{errors:?}");
            let e = &errors[0];
            assert_eq!(e.code, code, "{line}: {e:?}");
            assert!(e.message.starts_with("无法使用字体文件"), "{}", e.message);
            assert!(e.hint.as_deref().unwrap_or("").starts_with(hint), "{e:?}");
            assert!(e.location.is_some(), "no line:column for {line}");
        }
    }

    #[test]
    fn the_font_report_lists_the_latin_face_with_its_roles() {
        let book = FontBook::new(FontOptions::bundled_only());
        let summary = book.report(None);
        let (path, family, origin) = summary.latin.clone().expect("a Latin face");
        assert_eq!(path, Path::new(LATIN_FILE));
        assert_eq!(family, "Liberation Serif");
        assert_eq!(origin, Origin::Bundled);
        assert!(
            summary.render().contains(
                "西文字母和数字（正文、表格；Times New Roman）：Liberation Serif [内置字体] LiberationSerif-Regular.ttf\n"
            ),
            "{}",
            summary.render()
        );
        // Digits set in it are not listed as falling back; those of a role without it are none.
        let dir = tempfile::tempdir().unwrap();
        let summary = book.report(Some(&report_with_fonts(dir.path(), "")));
        assert!(summary.problems.is_empty(), "{:?}", summary.problems);
        assert!(
            summary.chars.iter().all(|c| !c.ch.is_ascii_digit()),
            "{}",
            summary.render()
        );
    }
}
