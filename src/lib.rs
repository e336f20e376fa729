//! nianbao (年报) turns a TOML description of a 政府信息公开工作年度报告 into a PDF and a DOCX laid out
//! as a 公文 (GB/T 9704-2012), with the fixed statistical tables of the national format.
//!
//! The stages, each a module:
//! - [`input`]: TOML → [`model::Report`]; the only code that knows the file format.
//! - [`model`]: the typed report; its guarantees are written at the top of the module.
//! - [`check`]: the consistency rules (table identities, cross-year rules), as [`diag::Diagnostic`]s;
//!   a pure function of the reports ([`load`] reads the files before it).
//! - [`tables`]: the three fixed tables described once, as data, for every renderer.
//! - [`docx`]: the report as an editable Word document, from the model and the table descriptions.
//! - [`html`]: the report as a web page (or a fragment for a site's editor), from the same sources.
//! - [`fonts`]: the [`fonts::FontBook`] (fonts loaded once, shared by a batch) and per report the
//!   faces of each role, with a coverage check before layout.
//! - [`layout`]: the report on the GB/T 9704 page — pages of positioned glyph runs and rules, plus
//!   the logical structure; no PDF types.
//! - [`pdf`]: a thin walk over the layout with krilla: subset fonts, ToUnicode, tags, PDF/A-2b.
//! - [`ofd`]: the same layout as an OFD package (GB/T 33190), for 信创 readers and archives.
//! - [`batch`], [`sum`]: many reports at once, and the area report that adds them up.

#![forbid(unsafe_code)]

pub mod batch;
pub mod check;
pub mod diag;
pub mod discover;
pub mod docx;
pub mod export_tables;
pub mod fonts;
pub mod generate;
pub mod html;
pub mod import;
pub mod input;
pub mod layout;
pub mod load;
pub mod model;
pub mod ofd;
pub mod output;
mod package;
pub mod pdf;
mod pdf_error;
pub mod realize;
pub mod render;
pub mod source;
pub mod style;
pub mod sum;
pub mod tables;
pub mod write;
