//! A row of counts whose last cell is their 总计: a part 三 row ([`Row`]) or a part 四 group
//! ([`Outcomes`]).

use super::numbers::{Count, saturating_sum};

/// `N` counts, the last the 总计 of the others.
///
/// Promises: exactly `N` cells, each a valid [`Count`] (so within `MAX_COUNT`), 总计 last. It does
/// not promise that 总计 equals the sum: a total the user gave is kept as given so that `check`
/// can compare it with the sum ([`Tally::parts_sum`]); [`Tally::fill_total`] puts the sum in a
/// total the user left out. Cells are changed one at a time through [`Tally::cell_mut`], whose
/// `&mut Count` only takes a valid count.
///
/// ```compile_fail,E0616
/// let row = nianbao::model::Row::default();
/// let cells = row.0; // private: read through `cells`, `total`, `applicants`
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally<const N: usize>([Count; N]);

/// One row of part 三: 自然人, five kinds of 法人或其他组织, 总计.
pub type Row = Tally<{ crate::tables::schema::P3_COLUMNS }>;

/// One group of part 四: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
pub type Outcomes = Tally<{ crate::tables::schema::P4_COLUMNS }>;

impl<const N: usize> Default for Tally<N> {
    fn default() -> Self {
        Tally(std::array::from_fn(|_| Count::default()))
    }
}

impl<const N: usize> Tally<N> {
    /// The cells in table order, 总计 last.
    pub fn new(cells: [Count; N]) -> Self {
        Tally(cells)
    }

    /// Counts computed by the tool from `values`, in table order; `None` when one passes
    /// `MAX_COUNT`.
    pub fn computed(values: [u64; N]) -> Option<Self> {
        let cells: Option<Vec<Count>> = values.into_iter().map(Count::computed).collect();
        cells?.try_into().ok().map(Tally)
    }

    /// The same numbers as computed by the tool (no spans), e.g. carried into next year's draft.
    pub fn as_computed(&self) -> Self {
        Tally(self.0.clone().map(|c| Count { span: None, ..c }))
    }

    /// Every cell in table order, 总计 last.
    pub fn cells(&self) -> &[Count; N] {
        &self.0
    }

    /// A cell by column; `None` beyond the row.
    pub fn get(&self, col: usize) -> Option<&Count> {
        self.0.get(col)
    }

    /// A cell by column, to be replaced by another valid count; `None` beyond the row.
    pub fn cell_mut(&mut self, col: usize) -> Option<&mut Count> {
        self.0.get_mut(col)
    }

    /// The 总计 cell.
    pub fn total(&self) -> &Count {
        &self.0[N - 1]
    }

    /// The cells without 总计.
    pub fn parts(&self) -> &[Count] {
        &self.0[..N - 1]
    }

    /// The sum of the cells without 总计 (what 总计 should be).
    pub fn parts_sum(&self) -> u64 {
        saturating_sum(self.parts())
    }

    /// Puts the sum of the other cells in a 总计 the user left out (a given one is kept); `false`,
    /// and the row unchanged, when the sum passes `MAX_COUNT`.
    pub fn fill_total(&mut self) -> bool {
        if self.total().is_given() {
            return true;
        }
        match Count::computed(self.parts_sum()) {
            Some(total) => {
                self.0[N - 1] = total;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MAX_COUNT;

    #[test]
    fn a_left_out_total_is_filled_within_the_limit_and_a_given_one_kept() {
        let mut row = Row::computed([1, 2, 3, 0, 0, 0, 0]).unwrap();
        assert!(row.fill_total());
        assert_eq!(row.total().value(), 6);
        assert_eq!(row.parts_sum(), 6);

        let mut given = Outcomes::new([
            Count::given(1, 0..1).unwrap(),
            Count::given(1, 2..3).unwrap(),
            Count::default(),
            Count::default(),
            Count::given(5, 4..5).unwrap(),
        ]);
        assert!(given.fill_total());
        assert_eq!(
            given.total().value(),
            5,
            "a given total is check's to compare"
        );

        let mut big = Outcomes::computed([MAX_COUNT, MAX_COUNT, 0, 0, 0]).unwrap();
        assert!(!big.fill_total());
        assert_eq!(big.total().value(), 0);
        assert!(Row::computed([MAX_COUNT + 1, 0, 0, 0, 0, 0, 0]).is_none());
        assert!(row.get(7).is_none() && row.cell_mut(7).is_none());
    }
}
