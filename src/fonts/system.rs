//! The system fonts' names, indexed once and kept in the user's cache folder: a later run lists
//! the font folders and compares every font file's size and modification time with the index,
//! and opens only the files that are new or changed. A missing, unreadable, corrupt or outdated
//! index is rebuilt, never trusted; one that cannot be written is simply not kept.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::names::{self, Named};
use crate::source::{MAX_FONT_FILE, not_regular};

/// Bumped whenever the index's layout or the way names are read changes.
const VERSION: u32 = 1;

/// The index file's name in the cache folder.
const FILE: &str = "system-fonts.json";

/// An index file larger than this is not read (it would be corrupt: a thousand fonts take ~1 MB).
const MAX_INDEX: u64 = 64 << 20;

/// A file's size and modification time: a file whose stamp is unchanged is not read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stamp {
    len: u64,
    secs: u64,
    nanos: u32,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .unwrap_or_default();
        Stamp {
            len: meta.len(),
            secs: modified.as_secs(),
            nanos: modified.subsec_nanos(),
        }
    }

    /// The stamp of the file at `path` (following links), `None` if there is none.
    // Only fontconfig's files (Linux and other non-Apple Unix) are stamped by path.
    #[cfg_attr(not(all(unix, not(target_os = "macos"))), allow(dead_code))]
    pub(super) fn at(path: &Path) -> Option<Stamp> {
        std::fs::metadata(path).ok().map(|m| Stamp::of(&m))
    }
}

/// One font file of the index and its faces (none: not a usable font, not read again until it
/// changes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Indexed {
    path: PathBuf,
    stamp: Stamp,
    faces: Vec<Named>,
}

/// What is kept in the cache folder.
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Index {
    version: u32,
    /// The folders listed, in order.
    dirs: Vec<PathBuf>,
    /// What the folders were derived from (fontconfig's configuration files on Linux).
    config: super::sysdirs::Config,
    files: Vec<Indexed>,
}

/// The index file: `$NIANBAO_CACHE_DIR`, else the user's cache folder (XDG_CACHE_HOME or
/// ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows), then `nianbao/`.
pub(super) fn cache_file() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let dir = if let Some(dir) = var("NIANBAO_CACHE_DIR") {
        PathBuf::from(dir)
    } else if cfg!(windows) {
        PathBuf::from(var("LOCALAPPDATA")?).join("nianbao")
    } else if cfg!(target_os = "macos") {
        PathBuf::from(var("HOME")?).join("Library/Caches/nianbao")
    } else {
        var("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".cache")))?
            .join("nianbao")
    };
    Some(dir.join(FILE))
}

/// The faces of the system's font folders, from the index at `cache` where it is up to date
/// (`None`: no index is kept).
pub(super) fn faces(cache: Option<&Path>) -> Vec<Named> {
    let old = cache.and_then(read).unwrap_or_default();
    let (dirs, config) = super::sysdirs::font_dirs(&old.config);
    let new = index(
        dirs,
        config,
        old.files.iter().map(|f| (&f.path, f)).collect(),
    );
    if let Some(cache) = cache
        && new != old
    {
        write(cache, &new);
    }
    new.files.into_iter().flat_map(|f| f.faces).collect()
}

/// Indexes the font files of `dirs`, taking a file's faces from `known` when its stamp is
/// unchanged.
fn index(
    dirs: Vec<PathBuf>,
    config: super::sysdirs::Config,
    known: std::collections::HashMap<&PathBuf, &Indexed>,
) -> Index {
    let mut files = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for dir in &dirs {
        let mut paths = Vec::new();
        super::folder::collect(dir, 0, &mut paths);
        for path in paths {
            // A folder listed twice (or a file reached twice) is indexed once.
            if !seen.insert(path.clone()) {
                continue;
            }
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            let stamp = Stamp::of(&meta);
            let faces = match known.get(&path) {
                Some(k) if k.stamp == stamp => k.faces.clone(),
                _ => read_faces(&path, &meta),
            };
            files.push(Indexed { path, stamp, faces });
        }
    }
    Index {
        version: VERSION,
        dirs,
        config,
        files,
    }
}

/// The faces of one font file; none if it is not a regular file, too large, a collection whose
/// header is corrupt, or no usable font.
fn read_faces(path: &Path, meta: &std::fs::Metadata) -> Vec<Named> {
    if not_regular(meta).is_some()
        || meta.len() > MAX_FONT_FILE
        || super::folder::check_header(path, meta.len()).is_err()
    {
        return Vec::new();
    }
    let mut db = fontdb::Database::new();
    if db.load_font_file(path).is_err() {
        return Vec::new();
    }
    names::from_db(&db, path)
}

/// The index in the cache, if it is readable and of this version.
fn read(path: &Path) -> Option<Index> {
    let bytes = crate::source::read_limited(path, MAX_INDEX).ok()?;
    serde_json::from_slice::<Index>(&bytes)
        .ok()
        .filter(|i| i.version == VERSION)
}

/// Writes the index whole (a temporary file renamed over the old one), or not at all.
fn write(path: &Path, index: &Index) {
    let Some(dir) = path.parent() else { return };
    let Ok(json) = serde_json::to_vec(index) else {
        return; // a path that is not Unicode: not kept
    };
    let _ = std::fs::create_dir_all(dir);
    let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir) else {
        return;
    };
    if std::io::Write::write_all(&mut tmp, &json).is_ok() {
        let _ = tmp.persist(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")
    }

    fn no_config() -> super::super::sysdirs::Config {
        Default::default()
    }

    /// Indexes `dir` as the system fonts, with `cache` as the index file.
    fn run(dir: &Path, cache: &Path) -> Index {
        let old = read(cache).unwrap_or_default();
        let new = index(
            vec![dir.to_path_buf()],
            no_config(),
            old.files.iter().map(|f| (&f.path, f)).collect(),
        );
        if new != old {
            write(cache, &new);
        }
        new
    }

    fn copy_font(from: &str, to: &Path) {
        std::fs::copy(fonts_dir().join(from), to).unwrap();
    }

    #[test]
    fn a_second_run_reads_the_index_and_sees_every_change() {
        let fonts = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let cache = cache.path().join("nianbao").join(FILE);
        copy_font("LiberationSerif-Regular.ttf", &fonts.path().join("a.ttf"));
        std::fs::write(fonts.path().join("b.otf"), b"not a font at all").unwrap();

        let first = run(fonts.path(), &cache);
        assert_eq!(first.files.len(), 2);
        assert_eq!(first.files[0].faces[0].families, ["Liberation Serif"]);
        assert!(first.files[1].faces.is_empty());
        assert_eq!(
            read(&cache).as_ref(),
            Some(&first),
            "the index was not kept"
        );

        // Unchanged files are taken from the index, not read: a face name planted in the index
        // comes back as it is.
        let mut planted = read(&cache).unwrap();
        planted.files[0].faces[0].families = vec!["Planted".into()];
        write(&cache, &planted);
        let second = run(fonts.path(), &cache);
        assert_eq!(second.files[0].faces[0].families, ["Planted"]);

        // A file replaced (other size) is read again; a new file is added, a removed one dropped.
        copy_font("FandolHei-Regular.otf", &fonts.path().join("a.ttf"));
        copy_font("LiberationSerif-Regular.ttf", &fonts.path().join("c.ttf"));
        std::fs::remove_file(fonts.path().join("b.otf")).unwrap();
        let third = run(fonts.path(), &cache);
        let families: Vec<&str> = third
            .files
            .iter()
            .map(|f| f.faces[0].families[0].as_str())
            .collect();
        assert_eq!(families, ["FandolHei", "Liberation Serif"]);
        assert_eq!(read(&cache).as_ref(), Some(&third));
    }

    #[test]
    fn a_corrupt_or_foreign_index_is_rebuilt() {
        let fonts = tempfile::tempdir().unwrap();
        copy_font("LiberationSerif-Regular.ttf", &fonts.path().join("a.ttf"));
        let cache = tempfile::tempdir().unwrap();
        let file = cache.path().join(FILE);
        let wrong_version = serde_json::to_vec(&Index {
            version: VERSION + 1,
            files: vec![Indexed {
                path: fonts.path().join("a.ttf"),
                stamp: Stamp::at(&fonts.path().join("a.ttf")).unwrap(),
                faces: Vec::new(),
            }],
            ..Index::default()
        })
        .unwrap();
        let bad: [&[u8]; 5] = [
            b"",
            b"{\"version\": 1, \"files\": [",
            &[0xff, 0xfe, 0x00, 0x7b],
            b"{\"version\": 1, \"dirs\": 5}",
            &wrong_version,
        ];
        for bytes in bad {
            std::fs::write(&file, bytes).unwrap();
            let index = run(fonts.path(), &file);
            assert_eq!(index.files[0].faces[0].families, ["Liberation Serif"]);
            assert_eq!(read(&file).as_ref(), Some(&index), "not rewritten");
        }
        // A folder where the index should be: nothing is kept, the answer is still right.
        std::fs::remove_file(&file).unwrap();
        std::fs::create_dir(&file).unwrap();
        let index = run(fonts.path(), &file);
        assert_eq!(index.files[0].faces[0].families, ["Liberation Serif"]);
    }
}
