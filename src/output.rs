//! Writing output files: never over an input, never through a symlink or over a read-only file
//! unless asked, and atomically — the bytes go to an anonymous temporary file (O_TMPFILE, Linux)
//! or a `.nianbao-*.tmp` file beside the target, which is renamed into place only when complete.
//! A run killed mid-write leaves no partial output; the named temp files a killed run can leave
//! (where O_TMPFILE is not available) are removed by the next run once they are an hour old.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::diag::{Code, Diagnostic};
use crate::source::io_reason;

/// What an output may replace.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    /// Files read for this output (the report, `previous`, a style file): never replaced.
    pub inputs: Vec<PathBuf>,
    /// Replace an existing read-only file or a symlink (the link itself, not what it points to).
    pub force: bool,
}

/// Why an output was not written.
#[derive(Debug)]
pub enum OutputError {
    /// The output is this input file.
    IsInput(PathBuf),
    /// An existing output is read-only.
    ReadOnly,
    /// An existing output is a symbolic link.
    Symlink,
    /// The operating system's error.
    Io(std::io::Error),
}

impl From<std::io::Error> for OutputError {
    fn from(e: std::io::Error) -> Self {
        OutputError::Io(e)
    }
}

impl OutputError {
    /// The error as a diagnostic naming the real destination (never a temp file).
    pub fn diagnostic(&self, target: &Path) -> Diagnostic {
        let t = target.display();
        let d = match self {
            OutputError::IsInput(input) => Diagnostic::error(
                Code::SameFile,
                format!("输出文件 {t} 就是输入文件 {}，未写入（否则会覆盖它）", input.display()),
            )
            .hint("用 -o 指定另一个输出文件名，例如 -o 年报.pdf"),
            OutputError::ReadOnly => Diagnostic::error(
                Code::Output,
                format!("{t} 已存在且是只读文件，未覆盖"),
            )
            .hint("换一个输出文件名，或加 --force 覆盖"),
            OutputError::Symlink => Diagnostic::error(
                Code::Output,
                format!("{t} 是一个符号链接，未覆盖"),
            )
            .hint("换一个输出文件名，或加 --force 用新文件替换这个链接（链接指向的文件不变）"),
            OutputError::Io(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Diagnostic::error(Code::Output, format!("{t} 已存在，未做改动"))
                    .hint("换一个文件名，或加 --force 覆盖")
            }
            OutputError::Io(e) => Diagnostic::error(
                Code::Output,
                format!("无法写入 {t}：{}", io_reason(e)),
            )
            .hint("检查文件夹是否存在、是否有写入权限、磁盘是否已满；文件在 Word/WPS 中打开时请先关闭"),
        };
        d.file(target)
    }
}

/// Writes `bytes` to `path` under `guard`'s rules, replacing an existing file only once the new
/// one is complete.
pub fn write_output(path: &Path, bytes: &[u8], guard: &Guard) -> Result<(), OutputError> {
    check_target(path, guard)?;
    write_file(path, bytes, true)?;
    Ok(())
}

/// Writes `bytes` to `path`, replacing any existing file only once the new one is complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_file(path, bytes, true)
}

/// Like [`write_atomic`], but fails with `AlreadyExists` if `path` exists (no overwrite).
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_file(path, bytes, false)
}

/// Refuses an output that is an input, and (without `force`) an existing read-only file or
/// symlink.
pub fn check_target(path: &Path, guard: &Guard) -> Result<(), OutputError> {
    let link = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if let Some(input) = guard.inputs.iter().find(|i| same_file(path, i)) {
        return Err(OutputError::IsInput(input.clone()));
    }
    if guard.force {
        return Ok(());
    }
    if link.file_type().is_symlink() {
        return Err(OutputError::Symlink);
    }
    if link.permissions().readonly() {
        return Err(OutputError::ReadOnly);
    }
    Ok(())
}

/// Whether two paths name the same existing file (device and inode on Unix, canonical paths
/// elsewhere); links are followed.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn write_file(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    let dir = folder_of(path);
    sweep_stale(dir);
    #[cfg(target_os = "linux")]
    if std::env::var_os(NO_TMPFILE).is_none_or(|v| v.is_empty())
        && let Some(done) = anonymous::write(dir, path, bytes, replace)
    {
        return done;
    }
    let tmp = complete_temp(dir, bytes)?;
    if replace {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    Ok(())
}

/// Set (to anything but empty), outputs are written through a named temp file even where
/// O_TMPFILE works: the path other systems and file systems take, for its tests.
pub const NO_TMPFILE: &str = "NIANBAO_NO_TMPFILE";

/// Whether a complete temp file is flushed to disk (fsync) before it gets the output's name.
///
/// Not on Linux: ext4 (the file system of Debian, 统信 UOS and 麒麟 by default; `auto_da_alloc`)
/// and btrfs write a file's data before a rename that replaces another file is committed, so a
/// power cut leaves the old report or the new one, never an empty file in place of the old. A
/// new name could be left empty by a power cut in the seconds after a run, as any program's
/// output could; rendering again restores it. The flush is what a cold DOCX render waited for
/// most (0.5–1.5 ms of its 3 ms here), and a batch waited once per file. NTFS gives no such
/// order, so elsewhere the file is flushed first. Either way a run killed mid-write leaves no
/// partial output: the name only ever points at complete bytes.
const FLUSH_BEFORE_RENAME: bool = !cfg!(target_os = "linux");

/// Temp files of a killed run older than this are removed.
const STALE_AFTER: Duration = Duration::from_secs(3600);

/// Removes `.nianbao-*.tmp` files older than an hour from `dir` (once per folder per run): what a
/// run killed while writing left behind.
fn sweep_stale(dir: &Path) {
    use std::sync::Mutex;
    static SWEPT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    {
        let mut swept = SWEPT.lock().unwrap_or_else(|e| e.into_inner());
        if swept.iter().any(|d| d == dir) {
            return;
        }
        swept.push(dir.to_path_buf());
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".nianbao-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = e
            .metadata()
            .ok()
            .filter(|m| m.file_type().is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A temp file in `dir` holding all of `bytes` (flushed to disk where `FLUSH_BEFORE_RENAME`).
fn complete_temp(dir: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nianbao-").suffix(".tmp");
    // Temp files are private (0600) on Unix; a published report is an ordinary readable file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if FLUSH_BEFORE_RENAME {
        tmp.as_file().sync_all()?;
    }
    Ok(tmp)
}

/// O_TMPFILE: the file has no name until it is complete, so a kill leaves nothing behind.
#[cfg(target_os = "linux")]
mod anonymous {
    use std::io::Write as _;
    use std::os::fd::AsRawFd as _;
    use std::path::Path;
    use std::sync::atomic::{AtomicU32, Ordering};

    use rustix::fs::{AtFlags, CWD, Mode, OFlags};

    /// Writes through an anonymous file; `None` when the file system cannot make one (then the
    /// caller uses a named temp file).
    pub fn write(
        dir: &Path,
        path: &Path,
        bytes: &[u8],
        replace: bool,
    ) -> Option<std::io::Result<()>> {
        let flags = OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(CWD, dir, flags, Mode::from_raw_mode(0o644)).ok()?;
        let mut file = std::fs::File::from(fd);
        // Linux only, so not flushed (see `FLUSH_BEFORE_RENAME`).
        if let Err(e) = file.write_all(bytes) {
            return Some(Err(e));
        }
        // linkat(AT_EMPTY_PATH) needs a privilege; the /proc link does not.
        let me = format!("/proc/self/fd/{}", file.as_raw_fd());
        let link = |to: &Path| rustix::fs::linkat(CWD, &me, CWD, to, AtFlags::SYMLINK_FOLLOW);
        // A new file is linked at its name directly: no moment with a temp name at all.
        match link(path) {
            Ok(()) => return Some(Ok(())),
            Err(rustix::io::Errno::EXIST) if replace => {}
            Err(rustix::io::Errno::EXIST) => {
                return Some(Err(std::io::ErrorKind::AlreadyExists.into()));
            }
            Err(rustix::io::Errno::NOENT) if !Path::new("/proc/self/fd").exists() => return None,
            Err(e) => return Some(Err(e.into())),
        }
        // Replacing a file: a temp name for a moment only, then renamed over the target (rename
        // replaces atomically). A kill in that moment leaves the complete file under the temp
        // name, which a later run sweeps.
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        for _ in 0..16 {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let tmp = dir.join(format!(".nianbao-{}-{n}.tmp", std::process::id()));
            match link(&tmp) {
                Ok(()) => {
                    let renamed = std::fs::rename(&tmp, path);
                    if renamed.is_err() {
                        let _ = std::fs::remove_file(&tmp);
                    }
                    return Some(renamed);
                }
                Err(rustix::io::Errno::EXIST) => continue,
                Err(rustix::io::Errno::NOENT) if !Path::new("/proc/self/fd").exists() => {
                    return None;
                }
                Err(e) => return Some(Err(e.into())),
            }
        }
        None
    }
}
