//! The [`FontBook`]: font files loaded once (then shared by every report of a batch) and the
//! system-font index, passed in by the caller — never a global.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use super::{Candidate, Face, FontSet, Origin, coverage};
use crate::diag::{Code, Diagnostic};
use crate::model::{FontChoices, Report, Text};
use crate::style::{BUNDLED_FILES, FALLBACK_FILE, FontRole, LATIN_FILE, LATIN_WORD_NAME};

/// How to find fonts.
#[derive(Debug, Clone)]
pub struct FontOptions {
    /// Extra folders searched by family name (`--font-dir`), also when system fonts are ignored.
    pub font_dirs: Vec<PathBuf>,
    /// The folder of the bundled fonts; `None` means [`default_bundled_dir`].
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

/// Where the bundled fonts are: `$NIANBAO_FONT_DIR`, else a `fonts/` folder beside the executable or
/// two levels up (the repository when run from `target/release`), else the source tree's `fonts/`.
pub fn default_bundled_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("NIANBAO_FONT_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let probe = |dir: &Path| dir.join(FontRole::Body.bundled_file()).is_file();
    if let Some(exe_dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        for dir in [exe_dir.join("fonts"), exe_dir.join("../../fonts")] {
            if probe(&dir) {
                // Canonical, so that `nianbao fonts` shows a plain path.
                return dir.canonicalize().unwrap_or(dir);
            }
        }
    }
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts"))
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
    db: fontdb::Database,
    bundled_dir: PathBuf,
    /// Faces by (file, index), loaded on first use; a failed load is remembered too.
    loaded: RwLock<HashMap<(PathBuf, u32), Loaded>>,
}

impl std::fmt::Debug for FontBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontBook")
            .field("bundled_dir", &self.inner.bundled_dir)
            .field("indexed_faces", &self.inner.db.len())
            .finish()
    }
}

impl FontBook {
    /// Indexes the system fonts (unless switched off) and the extra folders. Font files are read
    /// when a report first needs them, and only once.
    pub fn new(options: FontOptions) -> FontBook {
        FontBook::load(options).0
    }

    /// Like [`FontBook::new`], with the problems of the `--font-dir` folders: a folder that is
    /// missing or not a folder (errors), files in them that are no usable font (warnings).
    pub fn load(options: FontOptions) -> (FontBook, Vec<Diagnostic>) {
        let mut db = fontdb::Database::new();
        if options.system_fonts {
            db.load_system_fonts();
        }
        let problems = super::folder::load_dirs(&mut db, &options.font_dirs);
        let book = FontBook {
            inner: Arc::new(Inner {
                db,
                bundled_dir: options.bundled_dir.unwrap_or_else(default_bundled_dir),
                loaded: RwLock::new(HashMap::new()),
            }),
        };
        (book, problems)
    }

    /// The folder the bundled fonts are read from.
    pub fn bundled_dir(&self) -> &Path {
        &self.inner.bundled_dir
    }

    /// Loads every bundled font now (for a batch that wants its I/O up front, and for benchmarks).
    pub fn preload_bundled(&self) -> Result<(), Diagnostic> {
        for file in BUNDLED_FILES {
            let path = self.inner.bundled_dir.join(file);
            self.face(&path, 0)
                .map_err(|reason| bundled_error(&path, &reason))?;
        }
        Ok(())
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
        let choices = report.map_or(&defaults, |r| &r.fonts);
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
            let path = self.inner.bundled_dir.join(role.bundled_file());
            match self.face(&path, 0) {
                Ok(face) => push(&mut set, role, face, Origin::Bundled),
                Err(reason) if set.roles[role as usize].is_empty() => {
                    errors.push(bundled_error(&path, &reason));
                }
                Err(_) => {}
            }
        }
        // The Times-metric serif; without it (no bundled file either) the roles' faces set ASCII.
        let latin = self
            .find_family(LATIN_WORD_NAME)
            .or_else(|| self.face(&self.inner.bundled_dir.join(LATIN_FILE), 0).ok());
        set.latin = latin.map(|face| intern(&mut set, face));
        (set, errors)
    }

    /// Loads the fallback face into a set (when a character of the report needs it).
    pub(super) fn add_fallback(&self, set: &mut FontSet) -> Result<(), Diagnostic> {
        let path = self.inner.bundled_dir.join(FALLBACK_FILE);
        let face = self
            .face(&path, 0)
            .map_err(|reason| bundled_error(&path, &reason))?;
        set.fallback = Some(intern(set, face));
        Ok(())
    }

    /// The face a `[fonts]` entry names: a file path, or a family name.
    fn user_choice(&self, report: &Report, choice: &Text) -> Result<Arc<Face>, Diagnostic> {
        let name = choice.text.trim();
        let locate = |d: Diagnostic| match &choice.span {
            Some(span) => d.at(&report.source, span.clone()),
            None => d,
        };
        if FontChoices::is_file(name) {
            let base = report.source.path().parent().unwrap_or(Path::new("."));
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
        std::iter::once(role.word_name())
            .chain(system_aliases(role).iter().copied())
            .find_map(|name| self.find_family(name))
    }

    /// The regular face of a family, matched on any of its (localized) family names or its
    /// PostScript name, ignoring ASCII case.
    fn find_family(&self, name: &str) -> Option<Arc<Face>> {
        let matches = |n: &str| n.eq_ignore_ascii_case(name);
        let best = self
            .inner
            .db
            .faces()
            .filter(|f| f.families.iter().any(|(n, _)| matches(n)) || matches(&f.post_script_name))
            .min_by_key(|f| {
                let italic = f.style != fontdb::Style::Normal;
                (italic, f.weight.0.abs_diff(400))
            })?;
        let path = match &best.source {
            fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
            fontdb::Source::Binary(_) => return None,
        };
        self.face(&path, best.index).ok()
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
    .hint("内置字体在程序旁的 fonts 文件夹中；可以设置环境变量 NIANBAO_FONT_DIR 指向该文件夹")
}
