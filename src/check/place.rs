//! Where a finding points: the number the user wrote, or — for a total the tool computed — the row
//! that holds it, so that every finding about the file has a line:column.

use crate::diag::Diagnostic;
use crate::model::{Body, Count, Report};
use crate::source::Span;

/// Points `d` at `span` in the report, when there is one.
pub fn at(report: &Report, d: Diagnostic, span: Option<&Span>) -> Diagnostic {
    match span {
        Some(span) => d.at(report.source(), span.clone()),
        None => d,
    }
}

/// Points `d` at `cell`; for a computed cell, at the numbers of its row that the user wrote; for
/// a row left out (computed), at its part's table (`part`).
pub fn at_cell(
    report: &Report,
    d: Diagnostic,
    cell: &Count,
    row: &[Count],
    part: &Body,
) -> Diagnostic {
    at(report, d, cell_span(cell, row, part).as_ref())
}

/// Where [`at_cell`] points.
pub fn cell_span(cell: &Count, row: &[Count], part: &Body) -> Option<Span> {
    cell.span()
        .cloned()
        .or_else(|| row_span(row))
        .or_else(|| part.span.clone())
}

/// From the first number of a row the user wrote to the last; `None` for a row left out.
pub fn row_span(row: &[Count]) -> Option<Span> {
    let mut given = row.iter().filter_map(|c| c.span());
    let first = given.next()?;
    let last = given.next_back().unwrap_or(first);
    Some(first.start..last.end.max(first.start))
}
