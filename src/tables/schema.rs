//! Every number of every format described once, as data: its TOML key, its table cell, its labels,
//! its kind. The reader, the writers, `sum`, the checks and the importers all walk [`numbers`].
//!
//! A leaf module: it knows the labels and nothing of the model, so that the model and the table
//! descriptions can both import it.

use super::labels as l;

/// Which national format the tables follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Format {
    /// 国办公开办函〔2021〕30号, for the reports on 2021 and later.
    #[default]
    V2021,
    /// 国办公开办函〔2019〕60号 (试行), for the reports on 2019 and 2020.
    V2019,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::V2021, Format::V2019];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::V2021 => "2021",
            Format::V2019 => "2019",
        }
    }

    /// The other format version (for messages about keys of the wrong one).
    pub fn other(self) -> Format {
        match self {
            Format::V2021 => Format::V2019,
            Format::V2019 => Format::V2021,
        }
    }

    /// Rows under （六）其他处理.
    pub fn other_rows(self) -> usize {
        match self {
            Format::V2021 => l::P3_OTHER_ITEMS_2021.len(),
            Format::V2019 => 1,
        }
    }
}

/// The keys of part 三's sub-tables, in table order.
pub const DENIED_KEYS: [&str; 8] = [
    "state_secret",
    "prohibited_by_law",
    "security_stability",
    "third_party",
    "internal_affairs",
    "process_info",
    "enforcement_files",
    "inquiry",
];
pub const UNABLE_KEYS: [&str; 3] = ["not_held", "needs_creation", "unclear"];
pub const NOT_PROCESSED_KEYS: [&str; 5] = [
    "complaint",
    "duplicate",
    "publications",
    "excessive",
    "confirmation",
];
pub const OTHER_KEYS: [&str; 3] = ["overdue_correction", "unpaid_fees", "other"];
/// The keys of part 四's three groups.
pub const PART4_KEYS: [&str; 3] = ["review", "direct_suit", "suit_after_review"];

/// Value columns of part 三: 自然人, 5 kinds of 法人或其他组织, 总计.
pub const P3_COLUMNS: usize = l::P3_COLUMNS.len();
/// Index of part 三's 总计 column.
pub const P3_TOTAL: usize = P3_COLUMNS - 1;
/// Columns of a part 四 group: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
pub const P4_COLUMNS: usize = l::P4_COLUMNS.len();
/// Index of a part 四 group's 总计 column.
pub const P4_TOTAL: usize = P4_COLUMNS - 1;

/// Names a row of part 三, for table bindings and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
        rows.extend((0..DENIED_KEYS.len()).map(RowId::Denied));
        rows.extend((0..UNABLE_KEYS.len()).map(RowId::Unable));
        rows.extend((0..NOT_PROCESSED_KEYS.len()).map(RowId::NotProcessed));
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

    /// Whether the row exists in a format (an index within its group's items).
    pub fn exists(self, format: Format) -> bool {
        let (len, i) = match self {
            RowId::Denied(i) => (DENIED_KEYS.len(), i),
            RowId::Unable(i) => (UNABLE_KEYS.len(), i),
            RowId::NotProcessed(i) => (NOT_PROCESSED_KEYS.len(), i),
            RowId::Other(i) => (format.other_rows(), i),
            _ => return true,
        };
        i < len
    }

    /// The category a sub-item belongs to ("（三）不予公开"), and the row's own label (the item, or
    /// the whole label of a row without items). `None` for a row that does not exist.
    pub fn labels(self, format: Format) -> Option<(Option<&'static str>, &'static str)> {
        let item = |items: &[&'static str], i: usize| items.get(i).copied();
        Some(match self {
            RowId::New => (None, l::P3_NEW),
            RowId::CarriedOver => (None, l::P3_CARRIED_OVER),
            RowId::Granted => (None, l::P3_GRANTED),
            RowId::PartlyGranted => (None, l::P3_PARTLY_SHORT),
            RowId::Denied(i) => (Some(l::P3_DENIED), item(&l::P3_DENIED_ITEMS, i)?),
            RowId::Unable(i) => (Some(l::P3_UNABLE), item(&l::P3_UNABLE_ITEMS, i)?),
            RowId::NotProcessed(i) => (
                Some(l::P3_NOT_PROCESSED),
                item(&l::P3_NOT_PROCESSED_ITEMS, i)?,
            ),
            RowId::Other(i) if format == Format::V2021 => {
                (Some(l::P3_OTHER), item(&l::P3_OTHER_ITEMS_2021, i)?)
            }
            RowId::Other(0) => (None, l::P3_OTHER),
            RowId::Other(_) => return None,
            RowId::Total => (None, l::P3_TOTAL),
            RowId::CarriedForward => (None, l::P3_CARRIED_FORWARD),
        })
    }

    /// The official label, with the category for sub-items ("（三）不予公开 1.属于国家秘密").
    pub fn label(self, format: Format) -> String {
        match self.labels(format) {
            Some((Some(group), item)) => format!("{group} {item}"),
            Some((None, label)) => label.to_string(),
            None => format!("{self:?}"),
        }
    }

    /// Where the row is written in the TOML: the table and the key. `None` for a row that does not
    /// exist in the format.
    pub fn key(self, format: Format) -> Option<(&'static str, &'static str)> {
        let sub = |table, keys: &[&'static str], i: usize| keys.get(i).map(|k| (table, *k));
        match self {
            RowId::New => Some(("part3", "new")),
            RowId::CarriedOver => Some(("part3", "carried_over")),
            RowId::Granted => Some(("part3", "granted")),
            RowId::PartlyGranted => Some(("part3", "partly_granted")),
            RowId::Denied(i) => sub("part3.denied", &DENIED_KEYS, i),
            RowId::Unable(i) => sub("part3.unable", &UNABLE_KEYS, i),
            RowId::NotProcessed(i) => sub("part3.not_processed", &NOT_PROCESSED_KEYS, i),
            RowId::Other(i) if format == Format::V2021 => sub("part3.other", &OTHER_KEYS, i),
            RowId::Other(0) => Some(("part3", "other")),
            RowId::Other(_) => None,
            RowId::Total => Some(("part3", "total")),
            RowId::CarriedForward => Some(("part3", "carried_forward")),
        }
    }
}

/// A matter of 条例 第二十条 (五)(六) with a decision count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Matter {
    Licensing,
    OtherServices,
    Punishment,
    Coercion,
}

/// Binds a value cell to a number of the model: the one name of every number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueRef {
    /// 第二十条第（一）项: row 0 规章, row 1 (行政)规范性文件; one of three columns.
    Documents { row: usize, col: usize },
    /// 2021: 本年处理决定数量 of a matter.
    Decisions(Matter),
    /// 2021: 本年收费金额（万元）.
    Fees,
    /// 2019: 上一年项目数量 / 本年增/减 / 处理决定数量 of a matter.
    Items2019 { matter: Matter, col: usize },
    /// 2019 行政事业性收费: 上一年项目数量 / 本年增/减.
    Fees2019(usize),
    /// 2019 政府集中采购: 采购项目数量 / 采购总金额.
    Procurement(usize),
    /// Part 三: a row and one of the seven columns.
    Part3 { row: RowId, col: usize },
    /// Part 四: group (复议, 直接起诉, 复议后起诉) and one of five columns.
    Part4 { group: usize, col: usize },
}

/// What kind of number a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A whole number of items (件), `0..=MAX_COUNT`.
    Count,
    /// A whole number that may be negative (2019's 本年增/减).
    Signed,
    /// An amount in 万元 with up to four decimal places.
    Amount,
}

/// Where a number is written in the report file: `[table] key = value` or `key = [.., value, ..]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The TOML table, dotted: "part2", "part3.denied".
    pub table: &'static str,
    pub key: &'static str,
    /// The position in the key's array; `None` for a key holding one number.
    pub index: Option<usize>,
}

/// One number of a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// The cell that shows it, also the model's name for it ([`crate::model::Report::get`]).
    pub cell: ValueRef,
    pub key: Key,
    /// The section or category above the row: "第二十条第（五）项", "（三）不予公开", "行政诉讼".
    pub group: Option<&'static str>,
    /// The row's label: "规章", "1.属于国家秘密", "行政复议".
    pub row: &'static str,
    /// The column's label: "本年制发件数", "自然人", "总计".
    pub column: &'static str,
    pub kind: Kind,
    /// A total the user may leave out: the reader computes it.
    pub computed: bool,
}

impl Number {
    /// "{group} {row} 的 {column}"-style name for messages, e.g. "规章 的 本年制发件数".
    pub fn label(&self) -> String {
        let row = match self.group {
            Some(g) => format!("{g} {}", self.row),
            None => self.row.to_string(),
        };
        format!("{row} 的 {}", self.column)
    }
}

/// Every number of a format, in the order the file and the tables give them.
pub fn numbers(format: Format) -> Vec<Number> {
    let mut out = Vec::new();
    part2(format, &mut out);
    for row in RowId::all(format) {
        let Some(((table, key), (group, label))) = row.key(format).zip(row.labels(format)) else {
            continue;
        };
        for (col, column) in l::P3_COLUMNS.into_iter().enumerate() {
            out.push(Number {
                cell: ValueRef::Part3 { row, col },
                key: Key {
                    table,
                    key,
                    index: Some(col),
                },
                group,
                row: label,
                column,
                kind: Kind::Count,
                computed: col == P3_TOTAL || row == RowId::Total,
            });
        }
    }
    for (group, key) in PART4_KEYS.into_iter().enumerate() {
        for (col, column) in l::P4_COLUMNS.into_iter().enumerate() {
            out.push(Number {
                cell: ValueRef::Part4 { group, col },
                key: Key {
                    table: "part4",
                    key,
                    index: Some(col),
                },
                group: (group > 0).then_some(l::LITIGATION),
                row: l::P4_GROUPS[group],
                column,
                kind: Kind::Count,
                computed: col == P4_TOTAL,
            });
        }
    }
    out
}

/// The description of one number, `None` when the cell is not one of the format's.
pub fn number(format: Format, cell: ValueRef) -> Option<Number> {
    numbers(format).into_iter().find(|n| n.cell == cell)
}

/// A two-value row of 2019 (行政事业性收费, 政府集中采购): cells, key, section, row, columns, kinds.
type Pair2019 = (
    fn(usize) -> ValueRef,
    &'static str,
    &'static str,
    &'static str,
    [&'static str; 2],
    [Kind; 2],
);

/// Part 二's numbers.
fn part2(format: Format, out: &mut Vec<Number>) {
    let mut push = |cell, (key, index), group, row, column, kind| {
        out.push(Number {
            cell,
            key: Key {
                table: "part2",
                key,
                index,
            },
            group: Some(group),
            row,
            column,
            kind,
            computed: false,
        });
    };
    let (docs_columns, normative) = match format {
        Format::V2021 => (l::DOCS_COLUMNS_2021, l::NORMATIVE_2021),
        Format::V2019 => (l::DOCS_COLUMNS_2019, l::NORMATIVE_2019),
    };
    let documents = [
        ("regulations", l::REGULATIONS),
        ("normative_documents", normative),
    ];
    for (row, (key, label)) in documents.into_iter().enumerate() {
        for (col, column) in docs_columns.into_iter().enumerate() {
            let cell = ValueRef::Documents { row, col };
            push(
                cell,
                (key, Some(col)),
                l::ITEM_1,
                label,
                column,
                Kind::Count,
            );
        }
    }
    match format {
        Format::V2021 => {
            let decisions = [
                (Matter::Licensing, "licensing", l::ITEM_5, l::LICENSING),
                (Matter::Punishment, "punishment", l::ITEM_6, l::PUNISHMENT),
                (Matter::Coercion, "coercion", l::ITEM_6, l::COERCION),
            ];
            for (matter, key, item, label) in decisions {
                let cell = ValueRef::Decisions(matter);
                push(
                    cell,
                    (key, None),
                    item,
                    label,
                    l::DECISIONS_2021,
                    Kind::Count,
                );
            }
            let (item, label, column) = (l::ITEM_8, l::FEES, l::FEE_AMOUNT_2021);
            push(
                ValueRef::Fees,
                ("fees", None),
                item,
                label,
                column,
                Kind::Amount,
            );
        }
        Format::V2019 => {
            let matters = [
                (Matter::Licensing, "licensing", l::ITEM_5, l::LICENSING),
                (
                    Matter::OtherServices,
                    "other_services",
                    l::ITEM_5,
                    l::OTHER_SERVICES,
                ),
                (Matter::Punishment, "punishment", l::ITEM_6, l::PUNISHMENT),
                (Matter::Coercion, "coercion", l::ITEM_6, l::COERCION),
            ];
            let kinds = [Kind::Count, Kind::Signed, Kind::Count];
            for (matter, key, item, label) in matters {
                for (col, column) in l::ITEMS_COLUMNS_2019.into_iter().enumerate() {
                    let cell = ValueRef::Items2019 { matter, col };
                    push(cell, (key, Some(col)), item, label, column, kinds[col]);
                }
            }
            let pairs: [Pair2019; 2] = [
                (
                    ValueRef::Fees2019,
                    "fees",
                    l::ITEM_8,
                    l::FEES,
                    l::FEES_COLUMNS_2019,
                    [Kind::Count, Kind::Signed],
                ),
                (
                    ValueRef::Procurement,
                    "procurement",
                    l::ITEM_9,
                    l::PROCUREMENT,
                    l::PROCUREMENT_COLUMNS_2019,
                    [Kind::Count, Kind::Amount],
                ),
            ];
            for (cell, key, item, label, columns, kinds) in pairs {
                for (col, column) in columns.into_iter().enumerate() {
                    push(cell(col), (key, Some(col)), item, label, column, kinds[col]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_has_one_cell_and_one_key() {
        for format in Format::ALL {
            let all = numbers(format);
            for (i, n) in all.iter().enumerate() {
                for m in &all[i + 1..] {
                    assert_ne!(n.cell, m.cell, "{format:?}: cell described twice");
                    assert_ne!(n.key, m.key, "{format:?}: key described twice");
                }
            }
        }
        // 2021: 6 + 3 + 1 in part 二; 27 rows × 7 in part 三 (note and heads excluded); 15 in part 四.
        assert_eq!(numbers(Format::V2021).len(), 10 + 25 * 7 + 15);
        // 2019: 6 + 4×3 + 2 + 2; one （六） row instead of three.
        assert_eq!(numbers(Format::V2019).len(), 22 + 23 * 7 + 15);
    }
}
