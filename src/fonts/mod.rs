//! Fonts: a [`FontBook`] loaded once and shared by many reports, and per report a [`FontSet`] — for
//! each [`FontRole`] an ordered list of candidate faces plus a per-character fallback.
//!
//! Candidates of a role, first match wins per character:
//! 1. the user's choice in `[fonts]` (a family name found among system fonts and `--font-dir`
//!    folders, or a font file path relative to the report);
//! 2. a system font by the role's Word name ([`FontRole::word_name`], e.g. 仿宋_GB2312) or a common
//!    alias of it (FangSong, 仿宋 …);
//! 3. the bundled font ([`FontRole::bundled_file`]), compiled into the executable ([`BUNDLED`]) —
//!    or read from `$NIANBAO_FONT_DIR` when that is set;
//!
//! ASCII digits and letters of the body and the tables come first from the Times-metric serif
//! (Times New Roman, else the bundled [`crate::style::LATIN_FILE`]). And for every role, last, the
//! bundled fallback [`FALLBACK_FILE`] (loaded only when a character
//! of the report needs it). A character that no candidate has is an error naming the character, its
//! role and where it is in the TOML — never a blank or a tofu box.

mod book;
mod bundled;
mod coverage;
mod face;
mod folder;
mod names;
mod sysdirs;
mod system;

pub use book::{FontBook, FontOptions};
pub use bundled::BUNDLED;
pub use coverage::{CharSource, FontReport, RoleFonts};
pub use face::{Face, FaceError, FaceMetrics, FontData};

use std::sync::Arc;

use skrifa::GlyphId;

use crate::style::FontRole;

/// Where a candidate face came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Named in the report's `[fonts]`.
    User,
    /// Found among the system fonts (or a `--font-dir` folder) by the role's Word name.
    System,
    /// The font shipped with nianbao for the role.
    Bundled,
    /// The per-character fallback.
    Fallback,
}

impl Origin {
    pub fn chinese(self) -> &'static str {
        match self {
            Origin::User => "用户指定",
            Origin::System => "系统字体",
            Origin::Bundled => "内置字体",
            Origin::Fallback => "备用字体",
        }
    }
}

/// A candidate face of a role: an index into [`FontSet::faces`] and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub face: usize,
    pub origin: Origin,
}

/// The faces one report is set in. Built by [`FontBook::font_set`], which also checks that every
/// character of the report has a glyph.
#[derive(Debug, Clone)]
pub struct FontSet {
    faces: Vec<Arc<Face>>,
    roles: [Vec<Candidate>; 6],
    fallback: Option<usize>,
    /// The Times-metric serif for ASCII digits and letters of the roles that use one
    /// ([`FontRole::latin`]): Times New Roman when installed, else the bundled file.
    latin: Option<Candidate>,
}

/// A character's glyph: which face, which glyph, and its advance in em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found {
    pub face: usize,
    pub glyph: GlyphId,
    pub advance: f32,
}

impl FontSet {
    /// Every face of the set; glyph runs refer to faces by index into this list.
    pub fn faces(&self) -> &[Arc<Face>] {
        &self.faces
    }

    /// The candidates of a role in order of preference (the fallback not included).
    pub fn candidates(&self, role: FontRole) -> &[Candidate] {
        &self.roles[role as usize]
    }

    /// The fallback face, when the report needed it.
    pub fn fallback(&self) -> Option<usize> {
        self.fallback
    }

    /// The face of ASCII digits and letters in the roles that use one ([`FontRole::latin`]).
    pub fn latin(&self) -> Option<Candidate> {
        self.latin
    }

    /// Builds the look-up tables of every face (cheap: they borrow the font bytes).
    pub fn lookup(&self) -> Lookup<'_> {
        Lookup {
            set: self,
            metrics: self.faces.iter().map(|f| f.metrics()).collect(),
        }
    }
}

/// Character look-up over a [`FontSet`]: the first candidate of the role that has the character,
/// else the fallback.
pub struct Lookup<'a> {
    set: &'a FontSet,
    metrics: Vec<Option<FaceMetrics<'a>>>,
}

impl Lookup<'_> {
    /// The faces a character of a role is looked for in, in order.
    fn faces(&self, role: FontRole, ch: char) -> impl Iterator<Item = usize> + '_ {
        let latin = self
            .set
            .latin
            .map(|c| c.face)
            .filter(|_| role.latin() && ch.is_ascii_alphanumeric());
        latin
            .into_iter()
            .chain(self.set.candidates(role).iter().map(|c| c.face))
            .chain(self.set.fallback)
    }

    /// Whether [`find`](Self::find) finds the character: the coverage check, which needs no
    /// advance (reading the advances was a third of the check's font work).
    pub fn covers(&self, role: FontRole, ch: char) -> bool {
        self.faces(role, ch)
            .any(|face| self.metrics[face].as_ref().is_some_and(|m| m.has(ch)))
    }

    pub fn find(&self, role: FontRole, ch: char) -> Option<Found> {
        for face in self.faces(role, ch) {
            if let Some((glyph, advance)) = self.metrics[face].as_ref().and_then(|m| m.glyph(ch)) {
                return Some(Found {
                    face,
                    glyph,
                    advance,
                });
            }
        }
        None
    }
}
