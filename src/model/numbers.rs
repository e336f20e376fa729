//! The kinds of number a report's tables hold: counts, signed changes and amounts in 万元.

use crate::source::Span;

/// Largest count accepted in one cell. Far above any real report, and small enough that no sum over
/// one report (or a million of them) can overflow `u64`.
pub const MAX_COUNT: u64 = 999_999_999_999;

/// A count (件) as a table shows it.
///
/// Promises: `0 <= value <= MAX_COUNT`; a count the user wrote carries the span where it was
/// written, one the tool computed carries none. Built only by [`Count::given`] and
/// [`Count::computed`], which refuse a value beyond the limit; read through [`Count::value`] and
/// [`Count::span`].
///
/// ```compile_fail,E0616
/// let mut c = nianbao::model::Count::computed(3).unwrap();
/// c.value = u64::MAX; // private: a count beyond the limit cannot be made
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Count {
    pub(super) value: u64,
    pub(super) span: Option<Span>,
}

impl Count {
    /// A count the user wrote at `span`; `None` beyond [`MAX_COUNT`].
    pub fn given(value: u64, span: Span) -> Option<Self> {
        (value <= MAX_COUNT).then_some(Count {
            value,
            span: Some(span),
        })
    }

    /// A count the tool computed (a total, a sum, a generated number); `None` beyond [`MAX_COUNT`].
    pub fn computed(value: u64) -> Option<Self> {
        (value <= MAX_COUNT).then_some(Count { value, span: None })
    }

    /// The number, within [`MAX_COUNT`].
    pub fn value(&self) -> u64 {
        self.value
    }

    /// Where the user wrote it; `None` when the tool computed it.
    pub fn span(&self) -> Option<&Span> {
        self.span.as_ref()
    }

    pub fn is_given(&self) -> bool {
        self.span.is_some()
    }

    /// `self + other`, computed; `None` beyond [`MAX_COUNT`].
    pub fn checked_add(&self, other: &Count) -> Option<Count> {
        Count::computed(self.value.checked_add(other.value)?)
    }
}

/// The sum of counts. Each is within [`MAX_COUNT`], so no sum over a report (or a million of
/// them) overflows; saturating keeps even that a non-issue.
pub fn saturating_sum(counts: &[Count]) -> u64 {
    counts.iter().fold(0, |s, c| s.saturating_add(c.value))
}

/// A signed whole number, used by the 2019 format's "本年增/减" columns.
///
/// Promises: `|value| <= MAX_COUNT`; the span is where the user wrote it (`None`: computed).
/// Built only by [`Signed::new`].
///
/// ```compile_fail,E0451
/// let s = nianbao::model::Signed { value: i64::MIN, span: None };
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signed {
    value: i64,
    span: Option<Span>,
}

impl Signed {
    /// A change of `value`; `None` when its size passes [`MAX_COUNT`].
    pub fn new(value: i64, span: Option<Span>) -> Option<Self> {
        (value.unsigned_abs() <= MAX_COUNT).then_some(Signed { value, span })
    }

    pub fn value(&self) -> i64 {
        self.value
    }

    /// `self + other`, computed; `None` when its size passes [`MAX_COUNT`].
    pub fn checked_add(&self, other: &Signed) -> Option<Signed> {
        Signed::new(self.value.checked_add(other.value)?, None)
    }

    /// Where the user wrote it; `None` when the tool computed it.
    pub fn span(&self) -> Option<&Span> {
        self.span.as_ref()
    }
}

/// An amount of money in 万元 with up to four decimal places, held exactly as ten-thousandths.
/// Built only by [`Amount::new`], which keeps both promises: at most [`MAX_COUNT`] 万元, at most
/// four places.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Amount {
    /// The amount × 10 000.
    ten_thousandths: u64,
    /// How many decimal places to print (as the user wrote them, at most 4).
    decimals: u8,
    span: Option<Span>,
}

impl Amount {
    /// Most decimal places an amount holds.
    pub const MAX_DECIMALS: u8 = 4;

    /// An amount of `ten_thousandths` / 10 000 万元 printed with at least `decimals` places; `None`
    /// beyond [`MAX_COUNT`] 万元 or [`Amount::MAX_DECIMALS`] places.
    pub fn new(ten_thousandths: u64, decimals: u8, span: Option<Span>) -> Option<Amount> {
        (ten_thousandths / 10_000 <= MAX_COUNT && decimals <= Self::MAX_DECIMALS).then_some(
            Amount {
                ten_thousandths,
                decimals,
                span,
            },
        )
    }

    /// The amount × 10 000.
    pub fn ten_thousandths(&self) -> u64 {
        self.ten_thousandths
    }

    /// Decimal places printed at least (as the user wrote them).
    pub fn decimals(&self) -> u8 {
        self.decimals
    }

    /// Where the user wrote it; `None` when the tool computed it.
    pub fn span(&self) -> Option<&Span> {
        self.span.as_ref()
    }

    /// `self + other`, printed with the more places of the two; `None` beyond the limit.
    pub fn checked_add(&self, other: &Amount) -> Option<Amount> {
        let sum = self.ten_thousandths.checked_add(other.ten_thousandths)?;
        Amount::new(sum, self.decimals.max(other.decimals), None)
    }

    /// Parses "12", "12.5", "0.0310"; `None` for anything else (sign, exponent, > 4 places).
    pub fn parse(text: &str) -> Option<(u64, u8)> {
        let (int, frac) = match text.split_once('.') {
            Some((i, f)) => (i, f),
            None => (text, ""),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'_');
        if !digits(int) || (!frac.is_empty() && !digits(frac)) || text.ends_with('.') {
            return None;
        }
        let int: String = int.chars().filter(|c| *c != '_').collect();
        let frac: String = frac.chars().filter(|c| *c != '_').collect();
        if frac.len() > 4 {
            return None;
        }
        let whole: u64 = int.parse().ok()?;
        let mut scaled = whole.checked_mul(10_000)?;
        let mut frac_value: u64 = 0;
        for (i, c) in frac.chars().enumerate() {
            frac_value += u64::from(c.to_digit(10)?) * 10u64.pow(3 - i as u32);
        }
        scaled = scaled.checked_add(frac_value)?;
        Some((scaled, frac.len() as u8))
    }

    /// The amount as printed in the table, e.g. "0", "12.5", "0.0310".
    pub fn display(&self) -> String {
        let whole = self.ten_thousandths / 10_000;
        let frac = self.ten_thousandths % 10_000;
        if self.decimals == 0 && frac == 0 {
            return whole.to_string();
        }
        let places = usize::from(
            self.decimals
                .max(significant_places(frac))
                .min(Self::MAX_DECIMALS),
        );
        let frac_text = format!("{frac:04}");
        format!("{whole}.{}", &frac_text[..places])
    }
}

fn significant_places(frac: u64) -> u8 {
    match frac {
        0 => 0,
        f if f % 1000 == 0 => 1,
        f if f % 100 == 0 => 2,
        f if f % 10 == 0 => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_and_print_as_written() {
        for text in ["0", "12", "12.5", "0.0310", "1_000.25"] {
            let (v, d) = Amount::parse(text).unwrap();
            let a = Amount::new(v, d, None).unwrap();
            assert_eq!(a.display(), text.replace('_', ""));
        }
        // Hand-built amounts keep the promises: no more than four places, no more than the limit.
        assert_eq!(Amount::new(1, 5, None), None);
        assert_eq!(Amount::new((MAX_COUNT + 1) * 10_000, 0, None), None);
        assert_eq!(Amount::new(12_345, 4, None).unwrap().display(), "1.2345");
        assert_eq!(Amount::parse("0.12345"), None);
        assert_eq!(Amount::parse("-1"), None);
        assert_eq!(Amount::parse("1e3"), None);
        assert_eq!(Amount::parse("1."), None);
    }

    #[test]
    fn counts_and_changes_refuse_values_beyond_the_limit() {
        assert_eq!(
            Count::computed(MAX_COUNT).map(|c| c.value()),
            Some(MAX_COUNT)
        );
        assert_eq!(Count::computed(MAX_COUNT + 1), None);
        assert_eq!(Count::given(u64::MAX, 3..5), None);
        let c = Count::given(7, 3..5).unwrap();
        assert_eq!(
            (c.value(), c.span(), c.is_given()),
            (7, Some(&(3..5)), true)
        );
        assert!(!Count::computed(7).unwrap().is_given());
        assert_eq!(
            Signed::new(-(MAX_COUNT as i64), None).map(|s| s.value()),
            Some(-(MAX_COUNT as i64))
        );
        assert_eq!(Signed::new(-(MAX_COUNT as i64) - 1, None), None);
        assert_eq!(Signed::new(i64::MIN, None), None);
        assert_eq!(Signed::new(i64::MAX, Some(0..1)), None);
    }
}
