//! The folders the system keeps fonts in — the ones fontdb scans: Windows' Fonts folders, macOS'
//! Library/Fonts, and on Linux the `<dir>`s of fontconfig's configuration (read again only when a
//! configuration file changed, else taken from the index with the stamps of the files they came from).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

#[cfg(all(unix, not(target_os = "macos")))]
use super::system::Stamp;

/// What the font folders were derived from: on Linux, every fontconfig file read (and the
/// folders holding them, whose listing changes when a file is added to a `conf.d`) with its
/// stamp, and the folders found. Empty elsewhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Config {
    #[cfg(all(unix, not(target_os = "macos")))]
    files: Vec<(PathBuf, Option<Stamp>)>,
    #[cfg(all(unix, not(target_os = "macos")))]
    dirs: Vec<PathBuf>,
}

/// The system's font folders, and what they were derived from; `old` is what the index says
/// they were derived from last time.
#[cfg(windows)]
pub(super) fn font_dirs(_old: &Config) -> (Vec<PathBuf>, Config) {
    let mut dirs = vec![
        std::env::var_os("SYSTEMROOT")
            .map_or_else(|| PathBuf::from(r"C:\Windows"), PathBuf::from)
            .join("Fonts"),
    ];
    if let Some(home) = std::env::var_os("USERPROFILE") {
        let home = PathBuf::from(home);
        dirs.push(home.join(r"AppData\Local\Microsoft\Windows\Fonts"));
        dirs.push(home.join(r"AppData\Roaming\Microsoft\Windows\Fonts"));
    }
    (dirs, Config::default())
}

#[cfg(target_os = "macos")]
pub(super) fn font_dirs(_old: &Config) -> (Vec<PathBuf>, Config) {
    let mut dirs: Vec<PathBuf> = ["/Library/Fonts", "/System/Library/Fonts"]
        .iter()
        .map(PathBuf::from)
        .collect();
    if let Ok(entries) = std::fs::read_dir("/System/Library/AssetsV2") {
        let mut assets: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("com_apple_MobileAsset_Font")
            })
            .map(|e| e.path())
            .collect();
        assets.sort();
        dirs.extend(assets);
    }
    dirs.push(PathBuf::from("/Network/Library/Fonts"));
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join("Library/Fonts"));
    }
    (dirs, Config::default())
}

#[cfg(all(unix, not(target_os = "macos")))]
pub(super) fn font_dirs(old: &Config) -> (Vec<PathBuf>, Config) {
    let roots = config_roots();
    // Unchanged when every file read last time (and every root, read or not) has its stamp.
    let unchanged = !old.files.is_empty()
        && roots.iter().all(|r| old.files.iter().any(|(p, _)| p == r))
        && old.files.iter().all(|(p, s)| Stamp::at(p) == *s);
    let config = if unchanged {
        old.clone()
    } else {
        read_config(&roots)
    };
    let dirs = if config.dirs.is_empty() {
        // No fontconfig: the usual folders, as fontdb does.
        let mut dirs = vec![
            PathBuf::from("/usr/share/fonts/"),
            PathBuf::from("/usr/local/share/fonts/"),
        ];
        if let Some(home) = std::env::var_os("HOME") {
            dirs.push(PathBuf::from(&home).join(".fonts"));
            dirs.push(PathBuf::from(&home).join(".local/share/fonts"));
        }
        dirs
    } else {
        config.dirs.clone()
    };
    (dirs, config)
}

/// The configuration files fontconfig starts from (fontdb's choice): `$FONTCONFIG_FILE`, else the
/// user's fonts.conf (without which /etc/fonts/local.conf is read) and /etc/fonts/fonts.conf.
#[cfg(all(unix, not(target_os = "macos")))]
fn config_roots() -> Vec<PathBuf> {
    if let Some(file) = std::env::var_os("FONTCONFIG_FILE") {
        return vec![PathBuf::from(file)];
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let config_home = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    let mut roots: Vec<PathBuf> = config_home
        .map(|c| c.join("fontconfig/fonts.conf"))
        .into_iter()
        .collect();
    roots.push(PathBuf::from("/etc/fonts/local.conf"));
    roots.push(PathBuf::from("/etc/fonts/fonts.conf"));
    roots
}

/// Reads fontconfig's configuration as fontdb does; records every file read, the folders holding
/// them and the roots, with their stamps.
#[cfg(all(unix, not(target_os = "macos")))]
fn read_config(roots: &[PathBuf]) -> Config {
    let mut fc = fontconfig_parser::FontConfig::default();
    let (user, rest) = match roots {
        [only] => (None, std::slice::from_ref(only)),
        [user, rest @ ..] => (Some(user), rest),
        [] => (None, roots),
    };
    // The user's file, when it reads, replaces /etc/fonts/local.conf.
    let skip_local = user.is_some_and(|u| fc.merge_config(u).is_ok());
    for root in rest {
        if skip_local && root.ends_with("local.conf") {
            continue;
        }
        let _ = fc.merge_config(root);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let dirs = fc
        .dirs
        .iter()
        .filter_map(|d| match d.path.strip_prefix("~") {
            Ok(rest) => home.as_ref().map(|h| h.join(rest)),
            Err(_) => Some(d.path.clone()),
        })
        .collect();
    let mut paths: Vec<PathBuf> = roots.to_vec();
    for file in &fc.config_files {
        paths.push(file.clone());
        paths.extend(file.parent().map(|p| p.to_path_buf()));
    }
    paths.sort();
    paths.dedup();
    Config {
        files: paths
            .into_iter()
            .map(|p| {
                let stamp = Stamp::at(&p);
                (p, stamp)
            })
            .collect(),
        dirs,
    }
}
