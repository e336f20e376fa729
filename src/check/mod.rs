//! Consistency checks: every table identity of the national format, the cross-year rules, and
//! warnings for suspicious numbers. All problems are collected, none stops the others.

mod cross_year;
mod hygiene;
mod place;
mod prose;
mod rules;

use crate::diag::Diagnostic;
use crate::model::Report;

/// The driver that reads the files, kept at its old path; `check` itself reads none.
pub use crate::load::{Checked, check_file, load_previous};

/// Runs every rule on a report (and on last year's, when given). Pure: it reads no file (see
/// [`crate::load`]).
pub fn check(report: &Report, previous: Option<&Report>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    hygiene::toml_in_text(report, &mut out);
    rules::part3_row_sums(report, &mut out);
    rules::part3_column_sums(report, &mut out);
    rules::part3_balance(report, &mut out);
    rules::part4_totals(report, &mut out);
    rules::parts_have_text(report, &mut out);
    prose::check(report, previous, &mut out);
    rules::format_matches_year(report, &mut out);
    rules::period_within_year(report, &mut out);
    rules::date_after_period(report, &mut out);
    if let Some(prev) = previous {
        cross_year::previous_is_last_year(report, prev, &mut out);
        cross_year::carry_over_matches_previous(report, prev, &mut out);
        cross_year::documents_in_force(report, prev, &mut out);
        cross_year::year_on_year_jumps(report, prev, &mut out);
        cross_year::carry_over_without_new(report, prev, &mut out);
        cross_year::repeated_text(report, prev, &mut out);
    }
    out
}
