//! Writing output files atomically: a temp file beside the target, then a rename, so a failed or
//! interrupted run never leaves a truncated file.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path`, replacing any existing file only once the new one is complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    complete_temp(path, bytes)?
        .persist(path)
        .map_err(|e| e.error)?;
    Ok(())
}

/// Like [`write_atomic`], but fails if `path` already exists (no overwrite).
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    complete_temp(path, bytes)?
        .persist_noclobber(path)
        .map_err(|e| e.error)?;
    Ok(())
}

/// A temp file beside `path` holding all of `bytes`, flushed to disk.
fn complete_temp(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nianbao-").suffix(".tmp");
    // Temp files are private (0600) on Unix; a published report is an ordinary readable file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}
