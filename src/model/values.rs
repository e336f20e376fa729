//! A number of the report by its one name, [`ValueRef`]: [`Report::get`] and [`Report::get_mut`].
//! Walk [`crate::tables::schema::numbers`] to visit every number of a format.

use super::numbers::{Amount, Count, Signed};
use super::part2::{Items2019, Part2, Part2v2019};
use super::{Part3, Part4, Report};
use crate::source::Span;
use crate::tables::schema::{Matter, ValueRef};

/// One number of a report, of its [`crate::tables::schema::Kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    Count(&'a Count),
    Signed(&'a Signed),
    Amount(&'a Amount),
}

/// One number of a report, to be changed.
#[derive(Debug, PartialEq, Eq)]
pub enum ValueMut<'a> {
    Count(&'a mut Count),
    Signed(&'a mut Signed),
    Amount(&'a mut Amount),
}

impl Value<'_> {
    /// The number as the tables print it: "12", "-3", "0.0310".
    pub fn text(&self) -> String {
        match self {
            Value::Count(c) => c.value().to_string(),
            Value::Signed(s) => s.value().to_string(),
            Value::Amount(a) => a.display(),
        }
    }

    /// Where the user wrote it; `None` when the tool computed it.
    pub fn span(&self) -> Option<&Span> {
        match self {
            Value::Count(c) => c.span(),
            Value::Signed(s) => s.span(),
            Value::Amount(a) => a.span(),
        }
    }

    /// The number when it is a count.
    pub fn count(&self) -> Option<&Count> {
        match self {
            Value::Count(c) => Some(c),
            _ => None,
        }
    }
}

impl Report {
    /// The number a cell shows; `None` for a cell of the other format.
    pub fn get(&self, v: ValueRef) -> Option<Value<'_>> {
        get(self.part2(), self.part3(), self.part4(), v)
    }

    /// The number a cell shows, to be changed; `None` for a cell of the other format.
    pub fn get_mut(&mut self, v: ValueRef) -> Option<ValueMut<'_>> {
        let (p2, p3, p4) = self.tables_mut();
        get_mut(p2, p3, p4, v)
    }
}

impl crate::tables::Values for Report {
    fn value_text(&self, v: ValueRef) -> String {
        self.get(v).map(|v| v.text()).unwrap_or_default()
    }
}

/// [`Report::get`] over the three tables (also used by [`crate::write::Draft`]).
pub fn get<'a>(p2: &'a Part2, p3: &'a Part3, p4: &'a Part4, v: ValueRef) -> Option<Value<'a>> {
    Some(match (v, p2) {
        (ValueRef::Part3 { row, col }, _) => Value::Count(p3.row(row)?.get(col)?),
        (ValueRef::Part4 { group, col }, _) => Value::Count(p4.groups.get(group)?.get(col)?),
        (ValueRef::Documents { row, col }, p) => Value::Count(p.documents().get(row)?.get(col)?),
        (ValueRef::Decisions(m), Part2::V2021(p)) => Value::Count(match m {
            Matter::Licensing => &p.licensing,
            Matter::Punishment => &p.punishment,
            Matter::Coercion => &p.coercion,
            Matter::OtherServices => return None,
        }),
        (ValueRef::Fees, Part2::V2021(p)) => Value::Amount(&p.fees),
        (ValueRef::Items2019 { matter, col }, Part2::V2019(p)) => {
            let items = matter_2019(p, matter);
            match col {
                0 => Value::Count(&items.previous),
                1 => Value::Signed(&items.change),
                2 => Value::Count(&items.decisions),
                _ => return None,
            }
        }
        (ValueRef::Fees2019(col), Part2::V2019(p)) => match col {
            0 => Value::Count(&p.fees.0),
            1 => Value::Signed(&p.fees.1),
            _ => return None,
        },
        (ValueRef::Procurement(col), Part2::V2019(p)) => match col {
            0 => Value::Count(&p.procurement.0),
            1 => Value::Amount(&p.procurement.1),
            _ => return None,
        },
        _ => return None,
    })
}

/// [`Report::get_mut`] over the three tables.
pub fn get_mut<'a>(
    p2: &'a mut Part2,
    p3: &'a mut Part3,
    p4: &'a mut Part4,
    v: ValueRef,
) -> Option<ValueMut<'a>> {
    Some(match (v, p2) {
        (ValueRef::Part3 { row, col }, _) => ValueMut::Count(p3.row_mut(row)?.cell_mut(col)?),
        (ValueRef::Part4 { group, col }, _) => {
            ValueMut::Count(p4.groups.get_mut(group)?.cell_mut(col)?)
        }
        (ValueRef::Documents { row, col }, p) => {
            let rows = match p {
                Part2::V2021(p) => [&mut p.regulations, &mut p.normative_documents],
                Part2::V2019(p) => [&mut p.regulations, &mut p.normative_documents],
            };
            ValueMut::Count(rows.into_iter().nth(row)?.get_mut(col)?)
        }
        (ValueRef::Decisions(m), Part2::V2021(p)) => ValueMut::Count(match m {
            Matter::Licensing => &mut p.licensing,
            Matter::Punishment => &mut p.punishment,
            Matter::Coercion => &mut p.coercion,
            Matter::OtherServices => return None,
        }),
        (ValueRef::Fees, Part2::V2021(p)) => ValueMut::Amount(&mut p.fees),
        (ValueRef::Items2019 { matter, col }, Part2::V2019(p)) => {
            let items = matter_2019_mut(p, matter);
            match col {
                0 => ValueMut::Count(&mut items.previous),
                1 => ValueMut::Signed(&mut items.change),
                2 => ValueMut::Count(&mut items.decisions),
                _ => return None,
            }
        }
        (ValueRef::Fees2019(col), Part2::V2019(p)) => match col {
            0 => ValueMut::Count(&mut p.fees.0),
            1 => ValueMut::Signed(&mut p.fees.1),
            _ => return None,
        },
        (ValueRef::Procurement(col), Part2::V2019(p)) => match col {
            0 => ValueMut::Count(&mut p.procurement.0),
            1 => ValueMut::Amount(&mut p.procurement.1),
            _ => return None,
        },
        _ => return None,
    })
}

fn matter_2019(p: &Part2v2019, m: Matter) -> &Items2019 {
    match m {
        Matter::Licensing => &p.licensing,
        Matter::OtherServices => &p.other_services,
        Matter::Punishment => &p.punishment,
        Matter::Coercion => &p.coercion,
    }
}

fn matter_2019_mut(p: &mut Part2v2019, m: Matter) -> &mut Items2019 {
    match m {
        Matter::Licensing => &mut p.licensing,
        Matter::OtherServices => &mut p.other_services,
        Matter::Punishment => &mut p.punishment,
        Matter::Coercion => &mut p.coercion,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::model::{Count, MAX_COUNT, Part3, RowId, ValueMut};
    use crate::source::Source;
    use crate::tables::schema::{Format, ValueRef, numbers};
    use crate::write::Draft;

    /// Values built by hand, not by the reader, never panic: out-of-range rows and cells are
    /// `None`, a year 0 draft writes, counts beyond the limit cannot be made and counts at the
    /// limit in every cell do not overflow the checks' sums.
    #[test]
    fn hand_built_values_do_not_panic() {
        let p3 = Part3::new(Format::V2019);
        assert!(p3.row(RowId::Other(1)).is_none());
        assert!(p3.row(RowId::Denied(8)).is_none());
        assert_eq!(p3.other.len(), 1);
        assert_eq!(Part3::new(Format::V2021).other.len(), 3);

        let mut draft = Draft::zero(0, "某某区人民政府", Format::V2019);
        draft.examples = true;
        assert!(draft.to_toml().contains("year = 0"));
        let bad = ValueRef::Part3 {
            row: RowId::Other(2),
            col: 9,
        };
        assert!(draft.get(bad).is_none());
        assert!(draft.get_mut(bad).is_none());

        let text = crate::write::skeleton(2024, "某某区人民政府", Format::V2021);
        let mut r = crate::input::parse(Arc::new(Source::new("t.toml", text))).unwrap();
        assert_eq!(Count::computed(u64::MAX), None);
        let max = Count::computed(MAX_COUNT).unwrap();
        for n in numbers(Format::V2021) {
            let is_group_0 = matches!(n.cell, ValueRef::Part4 { group: 0, col } if col < 2);
            if (matches!(
                n.cell,
                ValueRef::Part3 {
                    row: RowId::New,
                    ..
                }
            ) || is_group_0)
                && let Some(ValueMut::Count(c)) = r.get_mut(n.cell)
            {
                *c = max.clone();
            }
        }
        let diags = crate::check::check(&r, Some(&r.clone()));
        assert!(crate::diag::render_all(&diags).contains("列不平衡"));
    }

    #[test]
    fn every_described_number_is_in_the_model_and_no_other() {
        for format in Format::ALL {
            let draft = Draft::zero(2024, "某某区人民政府", format);
            for n in numbers(format) {
                let v = draft.get(n.cell).expect("described number in the model");
                assert_eq!(v.text(), "0");
            }
            let other = format.other();
            for n in numbers(other) {
                if !numbers(format).iter().any(|m| m.cell == n.cell) {
                    assert!(draft.get(n.cell).is_none(), "{:?} in {format:?}", n.cell);
                }
            }
        }
    }
}
