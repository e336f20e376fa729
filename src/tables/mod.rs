//! The three fixed tables described once, as data: cells with spans, official labels, value bindings.
//!
//! A [`Table`] is built per format and resolved into a grid where every slot either holds a cell or
//! points at the cell that covers it. The PDF layout and the DOCX writer both read this description,
//! so a label or a merge cannot differ between the outputs.

pub mod labels;
pub mod schema;
mod shapes;

pub use schema::{Format, Matter, RowId, ValueRef};

/// Which of the three tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableId {
    /// 二、主动公开政府信息情况.
    Part2,
    /// 三、收到和处理政府信息公开申请情况.
    Part3,
    /// 四、政府信息公开行政复议、行政诉讼情况.
    Part4,
}

/// What a cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Fixed official text.
    Label(&'static str),
    /// A number of the report.
    Value(ValueRef),
}

/// The role of a cell, for styling: header cells are column/section heads, labels are row heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Header,
    Label,
    Value,
}

/// One cell of a table description, anchored at its top-left grid slot.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub kind: CellKind,
    pub content: Content,
    /// Set one character per line (the 三、本年度办理结果 column).
    pub vertical: bool,
}

/// A grid slot: the cell anchored here, or covered by the cell at `parent` (an index into `cells`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Cell(usize),
    Merged { parent: usize },
}

/// A resolved table: column widths, cells and the grid of slots.
#[derive(Debug, Clone)]
pub struct Table {
    pub id: TableId,
    /// Column widths in millimetres; they add up to the 156 mm 版心.
    pub columns: Vec<f32>,
    pub rows: usize,
    /// Rows at the top repeated when the table continues on a new page.
    pub header_rows: usize,
    /// Rows that must stay on the same page as the row below them (section heads in part 二).
    pub keep_with_next: Vec<bool>,
    pub cells: Vec<Cell>,
    /// `rows × columns` slots, row-major.
    pub grid: Vec<Slot>,
}

impl Table {
    /// The fixed description of a table in a format.
    pub fn new(id: TableId, format: Format) -> Table {
        match id {
            TableId::Part2 => shapes::part2(format),
            TableId::Part3 => shapes::part3(format),
            TableId::Part4 => shapes::part4(),
        }
    }

    pub fn slot(&self, row: usize, col: usize) -> Slot {
        self.grid[row * self.columns.len() + col]
    }

    /// Cells anchored in a row, left to right.
    pub fn row_cells(&self, row: usize) -> impl Iterator<Item = (usize, &Cell)> {
        self.cells
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.row == row)
    }

    /// The text of a cell for a report: the label, or the number formatted as printed.
    pub fn cell_text(&self, report: &impl Values, cell: &Cell) -> String {
        match cell.content {
            Content::Label(text) => text.to_string(),
            Content::Value(v) => report.value_text(v),
        }
    }
}

/// The numbers a table shows, by their names; the model's report implements it (so that the table
/// descriptions need not know the model).
pub trait Values {
    /// A number as the tables print it; empty for a cell the report does not have.
    fn value_text(&self, v: ValueRef) -> String;
}

/// Collects cells and resolves them into a [`Table`].
struct Builder {
    id: TableId,
    columns: Vec<f32>,
    header_rows: usize,
    cells: Vec<Cell>,
    keep: Vec<usize>,
}

impl Builder {
    fn new(id: TableId, columns: Vec<f32>, header_rows: usize) -> Self {
        Builder {
            id,
            columns,
            header_rows,
            cells: Vec::new(),
            keep: Vec::new(),
        }
    }

    fn cell(
        &mut self,
        row: usize,
        col: usize,
        span: (usize, usize),
        kind: CellKind,
        content: Content,
    ) {
        self.cells.push(Cell {
            row,
            col,
            rowspan: span.0,
            colspan: span.1,
            kind,
            content,
            vertical: false,
        });
    }

    fn header(&mut self, row: usize, col: usize, span: (usize, usize), text: &'static str) {
        self.cell(row, col, span, CellKind::Header, Content::Label(text));
    }

    fn label(&mut self, row: usize, col: usize, span: (usize, usize), text: &'static str) {
        self.cell(row, col, span, CellKind::Label, Content::Label(text));
    }

    fn value(&mut self, row: usize, col: usize, span: (usize, usize), v: ValueRef) {
        self.cell(row, col, span, CellKind::Value, Content::Value(v));
    }

    fn keep_with_next(&mut self, row: usize) {
        self.keep.push(row);
    }

    /// Lays the cells on the grid. Panics on a malformed description (overlap or hole): the shapes
    /// are fixed data, and the unit tests resolve every one of them.
    fn finish(self) -> Table {
        let cols = self.columns.len();
        let rows = self
            .cells
            .iter()
            .map(|c| c.row + c.rowspan)
            .max()
            .unwrap_or(0);
        let mut grid: Vec<Option<Slot>> = vec![None; rows * cols];
        for (i, c) in self.cells.iter().enumerate() {
            for r in c.row..c.row + c.rowspan {
                for k in c.col..c.col + c.colspan {
                    let slot = &mut grid[r * cols + k];
                    assert!(
                        slot.is_none(),
                        "{:?}: cells overlap at row {r} col {k}",
                        self.id
                    );
                    *slot = Some(if (r, k) == (c.row, c.col) {
                        Slot::Cell(i)
                    } else {
                        Slot::Merged { parent: i }
                    });
                }
            }
        }
        let grid = grid
            .into_iter()
            .enumerate()
            .map(|(i, s)| s.unwrap_or_else(|| panic!("{:?}: hole at slot {i}", self.id)))
            .collect();
        let mut keep_with_next = vec![false; rows];
        for r in self.keep {
            keep_with_next[r] = true;
        }
        Table {
            id: self.id,
            columns: self.columns,
            rows,
            header_rows: self.header_rows,
            keep_with_next,
            cells: self.cells,
            grid,
        }
    }
}

#[cfg(test)]
mod tests;
