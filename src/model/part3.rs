//! Part 三 (收到和处理政府信息公开申请情况): the applications matrix, rows × 7 applicant columns.

use super::numbers::Count;
use crate::model::Format;
use crate::tables::labels as l;

/// Number of value columns: 自然人, 5 kinds of 法人或其他组织, 总计.
pub const COLUMNS: usize = 7;
/// Index of the 总计 column.
pub const TOTAL_COLUMN: usize = 6;

/// One row of part 三: six applicant columns and their 总计.
#[derive(Debug, Clone, Default)]
pub struct Row(pub [Count; COLUMNS]);

impl Row {
    pub fn total(&self) -> u64 {
        self.0[TOTAL_COLUMN].value
    }
}

/// The whole matrix. `other` has three rows in the 2021 format and one in 2019.
#[derive(Debug, Clone, Default)]
pub struct Part3 {
    pub new: Row,
    pub carried_over: Row,
    pub granted: Row,
    pub partly_granted: Row,
    pub denied: [Row; 8],
    pub unable: [Row; 3],
    pub not_processed: [Row; 5],
    pub other: Vec<Row>,
    pub total: Row,
    pub carried_forward: Row,
}

/// Names a row of part 三, for table bindings and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowId {
    New,
    CarriedOver,
    Granted,
    PartlyGranted,
    Denied(usize),
    Unable(usize),
    NotProcessed(usize),
    Other(usize),
    Total,
    CarriedForward,
}

impl RowId {
    /// Every row in table order for a format.
    pub fn all(format: Format) -> Vec<RowId> {
        let mut rows = vec![
            RowId::New,
            RowId::CarriedOver,
            RowId::Granted,
            RowId::PartlyGranted,
        ];
        rows.extend((0..8).map(RowId::Denied));
        rows.extend((0..3).map(RowId::Unable));
        rows.extend((0..5).map(RowId::NotProcessed));
        rows.extend((0..format.other_rows()).map(RowId::Other));
        rows.extend([RowId::Total, RowId::CarriedForward]);
        rows
    }

    /// The rows whose sum is （七）总计: （一）…（六） with their sub-items.
    pub fn results(format: Format) -> Vec<RowId> {
        RowId::all(format)
            .into_iter()
            .filter(|r| {
                !matches!(
                    r,
                    RowId::New | RowId::CarriedOver | RowId::Total | RowId::CarriedForward
                )
            })
            .collect()
    }

    /// The official label, with the category for sub-items ("（三）不予公开 1.属于国家秘密").
    pub fn label(self, format: Format) -> String {
        match self {
            RowId::New => l::P3_NEW.into(),
            RowId::CarriedOver => l::P3_CARRIED_OVER.into(),
            RowId::Granted => l::P3_GRANTED.into(),
            RowId::PartlyGranted => "（二）部分公开".into(),
            RowId::Denied(i) => format!("{} {}", l::P3_DENIED, l::P3_DENIED_ITEMS[i]),
            RowId::Unable(i) => format!("{} {}", l::P3_UNABLE, l::P3_UNABLE_ITEMS[i]),
            RowId::NotProcessed(i) => {
                format!("{} {}", l::P3_NOT_PROCESSED, l::P3_NOT_PROCESSED_ITEMS[i])
            }
            RowId::Other(i) if format == Format::V2021 => {
                format!("{} {}", l::P3_OTHER, l::P3_OTHER_ITEMS_2021[i])
            }
            RowId::Other(_) => l::P3_OTHER.into(),
            RowId::Total => l::P3_TOTAL.into(),
            RowId::CarriedForward => l::P3_CARRIED_FORWARD.into(),
        }
    }
}

impl Part3 {
    pub fn row(&self, id: RowId) -> &Row {
        match id {
            RowId::New => &self.new,
            RowId::CarriedOver => &self.carried_over,
            RowId::Granted => &self.granted,
            RowId::PartlyGranted => &self.partly_granted,
            RowId::Denied(i) => &self.denied[i],
            RowId::Unable(i) => &self.unable[i],
            RowId::NotProcessed(i) => &self.not_processed[i],
            RowId::Other(i) => &self.other[i],
            RowId::Total => &self.total,
            RowId::CarriedForward => &self.carried_forward,
        }
    }

    pub fn row_mut(&mut self, id: RowId) -> &mut Row {
        match id {
            RowId::New => &mut self.new,
            RowId::CarriedOver => &mut self.carried_over,
            RowId::Granted => &mut self.granted,
            RowId::PartlyGranted => &mut self.partly_granted,
            RowId::Denied(i) => &mut self.denied[i],
            RowId::Unable(i) => &mut self.unable[i],
            RowId::NotProcessed(i) => &mut self.not_processed[i],
            RowId::Other(i) => &mut self.other[i],
            RowId::Total => &mut self.total,
            RowId::CarriedForward => &mut self.carried_forward,
        }
    }
}
