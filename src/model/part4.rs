//! Part 四 (行政复议、行政诉讼情况): three groups of five counts.

use super::numbers::Count;

/// Index of the 总计 column within a group.
pub const TOTAL_COLUMN: usize = crate::tables::schema::P4_TOTAL;

/// 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
#[derive(Debug, Clone, Default)]
pub struct Outcomes(pub [Count; crate::tables::schema::P4_COLUMNS]);

impl Outcomes {
    /// The 总计 column's cell.
    pub fn total(&self) -> &Count {
        &self.0[TOTAL_COLUMN]
    }

    /// 结果维持, 结果纠正, 其他结果, 尚未审结: the outcomes without 总计.
    pub fn outcomes(&self) -> &[Count] {
        &self.0[..TOTAL_COLUMN]
    }

    /// The sum of the outcomes (what 总计 should be).
    pub fn outcomes_sum(&self) -> u64 {
        super::numbers::saturating_sum(self.outcomes())
    }
}

/// 行政复议, 未经复议直接起诉, 复议后起诉 — in table order.
#[derive(Debug, Clone, Default)]
pub struct Part4 {
    pub groups: [Outcomes; 3],
}
