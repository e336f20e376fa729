//! Part 四 (行政复议、行政诉讼情况): three groups of five counts.

pub use super::tally::Outcomes;

/// Index of the 总计 column within a group.
pub const TOTAL_COLUMN: usize = crate::tables::schema::P4_TOTAL;

/// 行政复议, 未经复议直接起诉, 复议后起诉 — in table order.
#[derive(Debug, Clone, Default)]
pub struct Part4 {
    pub groups: [Outcomes; 3],
}
