//! Part 三 (收到和处理政府信息公开申请情况): the applications matrix, rows × 7 applicant columns.

use std::ops::{Deref, DerefMut};

pub use super::tally::Row;
use crate::tables::schema::{Format, RowId};

/// Number of value columns: 自然人, 5 kinds of 法人或其他组织, 总计.
pub const COLUMNS: usize = crate::tables::schema::P3_COLUMNS;
/// Index of the 总计 column.
pub const TOTAL_COLUMN: usize = crate::tables::schema::P3_TOTAL;

/// The rows of （六）其他处理, typed by format: three sub-items in 2021, one row in 2019. Reads as
/// a slice of rows.
#[derive(Debug, Clone)]
// One per report: the size difference between the variants does not matter.
#[allow(clippy::large_enum_variant)]
pub enum OtherRows {
    V2021([Row; 3]),
    V2019(Row),
}

impl OtherRows {
    /// Zero rows of a format.
    pub fn new(format: Format) -> OtherRows {
        match format {
            Format::V2021 => OtherRows::V2021(Default::default()),
            Format::V2019 => OtherRows::V2019(Row::default()),
        }
    }

    pub fn format(&self) -> Format {
        match self {
            OtherRows::V2021(_) => Format::V2021,
            OtherRows::V2019(_) => Format::V2019,
        }
    }
}

impl Default for OtherRows {
    fn default() -> Self {
        OtherRows::new(Format::default())
    }
}

impl Deref for OtherRows {
    type Target = [Row];

    fn deref(&self) -> &[Row] {
        match self {
            OtherRows::V2021(rows) => rows,
            OtherRows::V2019(row) => std::slice::from_ref(row),
        }
    }
}

impl DerefMut for OtherRows {
    fn deref_mut(&mut self) -> &mut [Row] {
        match self {
            OtherRows::V2021(rows) => rows,
            OtherRows::V2019(row) => std::slice::from_mut(row),
        }
    }
}

/// The whole matrix. `other` has three rows in the 2021 format and one in 2019; its type says which.
#[derive(Debug, Clone, Default)]
pub struct Part3 {
    pub new: Row,
    pub carried_over: Row,
    pub granted: Row,
    pub partly_granted: Row,
    pub denied: [Row; 8],
    pub unable: [Row; 3],
    pub not_processed: [Row; 5],
    pub other: OtherRows,
    pub total: Row,
    pub carried_forward: Row,
}

impl Part3 {
    /// A matrix of zeros in a format.
    pub fn new(format: Format) -> Part3 {
        Part3 {
            other: OtherRows::new(format),
            ..Part3::default()
        }
    }

    /// The format the matrix's shape follows (its （六） rows).
    pub fn format(&self) -> Format {
        self.other.format()
    }

    /// Every row in table order, with its name.
    pub fn rows(&self) -> impl Iterator<Item = (RowId, &Row)> {
        RowId::all(self.format())
            .into_iter()
            .filter_map(|id| Some((id, self.row(id)?)))
    }

    /// A row by name; `None` for a row of the other format (or an index beyond the items).
    pub fn row(&self, id: RowId) -> Option<&Row> {
        match id {
            RowId::New => Some(&self.new),
            RowId::CarriedOver => Some(&self.carried_over),
            RowId::Granted => Some(&self.granted),
            RowId::PartlyGranted => Some(&self.partly_granted),
            RowId::Denied(i) => self.denied.get(i),
            RowId::Unable(i) => self.unable.get(i),
            RowId::NotProcessed(i) => self.not_processed.get(i),
            RowId::Other(i) => self.other.get(i),
            RowId::Total => Some(&self.total),
            RowId::CarriedForward => Some(&self.carried_forward),
        }
    }

    pub fn row_mut(&mut self, id: RowId) -> Option<&mut Row> {
        match id {
            RowId::New => Some(&mut self.new),
            RowId::CarriedOver => Some(&mut self.carried_over),
            RowId::Granted => Some(&mut self.granted),
            RowId::PartlyGranted => Some(&mut self.partly_granted),
            RowId::Denied(i) => self.denied.get_mut(i),
            RowId::Unable(i) => self.unable.get_mut(i),
            RowId::NotProcessed(i) => self.not_processed.get_mut(i),
            RowId::Other(i) => self.other.get_mut(i),
            RowId::Total => Some(&mut self.total),
            RowId::CarriedForward => Some(&mut self.carried_forward),
        }
    }

    /// （七）总计 per column, as the sum of （一）…（六）; `None` when a sum passes `MAX_COUNT`.
    pub fn computed_total(&self) -> Option<Row> {
        let results = RowId::results(self.format());
        Row::computed(std::array::from_fn(|col| {
            results
                .iter()
                .filter_map(|&r| self.row(r)?.get(col))
                .fold(0u64, |s, c| s.saturating_add(c.value()))
        }))
    }
}
