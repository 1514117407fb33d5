//! A recurring obligation: "at least once a year".
//!
//! The years are counted from a start date (for a charter, its signature):
//! window k runs from start + k·period (included) to start + (k+1)·period
//! (excluded), and each window needs at least one occurrence. The end of a
//! window is its due date.

use jiff::civil::Date;
use serde::Serialize;

use crate::calendar::{Period, PeriodError, days_between};

/// One window of a recurring obligation: `[start, end)`, due on `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub start: Date,
    pub end: Date,
}

/// Where a recurring obligation stands on the as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecurringStatus {
    /// `met` (the current window has an occurrence), `pending` (not yet, and
    /// the previous window was kept) or `overdue` (the previous window passed
    /// with none, and none has been held since).
    pub state: &'static str,
    /// Occurrences on or before the as-of date.
    pub held: usize,
    /// The date by which the next occurrence is due; when `overdue`, the
    /// date it was due by and still is.
    pub next_due: Date,
    /// Days from the as-of date until `next_due` (0 when overdue).
    pub days_left: u32,
    /// Days since `next_due` passed (0 unless overdue).
    pub days_overdue: u32,
    /// Complete windows that passed with no occurrence, oldest first.
    pub missed: Vec<Window>,
}

/// The status on `as_of` of an obligation recurring every `every` from
/// `start`, given the dates it was kept on (in any order; those after
/// `as_of` are not yet seen).
pub fn recurring_status(
    start: Date,
    every: Period,
    occurrences: &[Date],
    as_of: Date,
) -> Result<RecurringStatus, PeriodError> {
    let mut seen: Vec<Date> = occurrences
        .iter()
        .copied()
        .filter(|d| *d <= as_of)
        .collect();
    seen.sort_unstable();
    let held = seen.len();
    let window = |k: u16| -> Result<Window, PeriodError> {
        let from = match every.times(k) {
            Some(p) => p.after(start)?,
            None => {
                return Err(PeriodError::OutOfRange {
                    period: every,
                    date: start,
                });
            }
        };
        let to = match every.times(k.saturating_add(1)) {
            Some(p) => p.after(start)?,
            None => {
                return Err(PeriodError::OutOfRange {
                    period: every,
                    date: start,
                });
            }
        };
        Ok(Window {
            start: from,
            end: to,
        })
    };
    let kept = |w: &Window| seen.iter().any(|d| *d >= w.start && *d < w.end);

    let mut missed = Vec::new();
    let mut k: u16 = 0;
    let mut current = window(0)?;
    while current.end <= as_of {
        if !kept(&current) {
            missed.push(current);
        }
        k = k.checked_add(1).ok_or(PeriodError::OutOfRange {
            period: every,
            date: start,
        })?;
        current = window(k)?;
    }
    // Before the start date, the first window is the current one.
    let previous_missed = k > 0 && missed.last().is_some_and(|w| w.end == current.start);
    let (state, next_due) = if as_of >= current.start && kept(&current) {
        ("met", window(k.saturating_add(1))?.end)
    } else if previous_missed {
        ("overdue", current.start)
    } else {
        ("pending", current.end)
    };
    Ok(RecurringStatus {
        state,
        held,
        next_due,
        days_left: u32::try_from(days_between(as_of, next_due)).unwrap_or(0),
        days_overdue: u32::try_from(days_between(next_due, as_of)).unwrap_or(0),
        missed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const SIGNED: Date = date(2026, 2, 10);
    const YEAR: Period = Period::years(1);

    fn status(held: &[Date], as_of: Date) -> RecurringStatus {
        recurring_status(SIGNED, YEAR, held, as_of).unwrap()
    }

    #[test]
    fn first_meeting_is_due_a_year_after_signature() {
        let s = status(&[], date(2026, 11, 27));
        assert_eq!(
            (s.state, s.next_due, s.held),
            ("pending", date(2027, 2, 10), 0)
        );
        assert_eq!(s.days_left, 75);
        assert!(s.missed.is_empty());
    }

    #[test]
    fn a_meeting_in_the_year_moves_the_due_date_to_the_next_anniversary() {
        let s = status(&[date(2026, 9, 1)], date(2026, 11, 27));
        assert_eq!((s.state, s.next_due), ("met", date(2028, 2, 10)));
    }

    #[test]
    fn a_year_without_a_meeting_is_missed_and_overdue() {
        let s = status(&[], date(2027, 3, 1));
        assert_eq!(s.state, "overdue");
        assert_eq!(
            s.missed,
            vec![Window {
                start: SIGNED,
                end: date(2027, 2, 10)
            }]
        );
        assert_eq!(
            (s.next_due, s.days_overdue, s.days_left),
            (date(2027, 2, 10), 19, 0)
        );
    }

    #[test]
    fn catching_up_keeps_the_missed_year_on_record() {
        let s = status(&[date(2027, 3, 5)], date(2027, 4, 1));
        assert_eq!(s.state, "met");
        assert_eq!(s.missed.len(), 1);
    }

    #[test]
    fn meetings_after_the_as_of_date_are_not_seen() {
        let s = status(&[date(2026, 12, 1)], date(2026, 11, 27));
        assert_eq!((s.state, s.held), ("pending", 0));
    }

    #[test]
    fn leap_day_signatures_count_calendar_years() {
        let s = recurring_status(date(2024, 2, 29), YEAR, &[], date(2024, 6, 1)).unwrap();
        assert_eq!(s.next_due, date(2025, 2, 28));
    }
}
