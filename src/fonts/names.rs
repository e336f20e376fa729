//! Font faces by name — what a `[fonts]` entry or a role's Word name is matched against — as
//! fontdb reads them from the name tables (every localized family name, the PostScript name).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One face's names and style, and where it is: a file (and its index in a collection), or for a
/// bundled face its file name in `fonts/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Named {
    pub path: PathBuf,
    pub index: u32,
    pub families: Vec<String>,
    pub post_script_name: String,
    pub italic: bool,
    pub weight: u16,
}

/// The faces fontdb found, each recorded under `path` (fontdb keeps the path of a file it read;
/// faces from memory get `path`).
pub(super) fn from_db(db: &fontdb::Database, path: &Path) -> Vec<Named> {
    db.faces()
        .map(|f| Named {
            path: match &f.source {
                fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
                fontdb::Source::Binary(_) => path.to_path_buf(),
            },
            index: f.index,
            families: f.families.iter().map(|(n, _)| n.clone()).collect(),
            post_script_name: f.post_script_name.clone(),
            italic: f.style != fontdb::Style::Normal,
            weight: f.weight.0,
        })
        .collect()
}

/// The face of a family closest to regular (upright, weight 400), matched on any of its family
/// names or its PostScript name, ignoring ASCII case; the first of equals.
pub(super) fn best_match<'a>(faces: &'a [Named], name: &str) -> Option<&'a Named> {
    let matches = |n: &str| n.eq_ignore_ascii_case(name);
    faces
        .iter()
        .filter(|f| f.families.iter().any(|n| matches(n)) || matches(&f.post_script_name))
        .min_by_key(|f| (f.italic, f.weight.abs_diff(400)))
}
