//! Part 四 (行政复议、行政诉讼情况): three groups of five counts.

use super::numbers::Count;

/// Index of the 总计 column within a group.
pub const TOTAL_COLUMN: usize = 4;

/// 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
#[derive(Debug, Clone, Default)]
pub struct Outcomes(pub [Count; 5]);

/// 行政复议, 未经复议直接起诉, 复议后起诉 — in table order.
#[derive(Debug, Clone, Default)]
pub struct Part4 {
    pub groups: [Outcomes; 3],
}
