//! A one-off deadline: "within three months of signature".

use jiff::civil::Date;
use serde::Serialize;

use crate::calendar::days_between;

/// Where a deadline stands on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// Done on `on`; `days_late` is zero when it was done by the due date.
    Met { due: Date, on: Date, days_late: u32 },
    /// Not done yet, and the due date has not passed (`days_left` may be 0: due today).
    Pending { due: Date, days_left: u32 },
    /// Not done, and the due date has passed.
    Overdue { due: Date, days_overdue: u32 },
}

impl DeadlineStatus {
    pub fn due(&self) -> Date {
        match *self {
            DeadlineStatus::Met { due, .. }
            | DeadlineStatus::Pending { due, .. }
            | DeadlineStatus::Overdue { due, .. } => due,
        }
    }

    /// The short state name used in reports and JSON: `met`, `pending` or `overdue`.
    pub fn state(&self) -> &'static str {
        match self {
            DeadlineStatus::Met { .. } => "met",
            DeadlineStatus::Pending { .. } => "pending",
            DeadlineStatus::Overdue { .. } => "overdue",
        }
    }
}

/// The status of a deadline due on `due`, done on `met_on` (if ever), seen on
/// `as_of`. Something done after the as-of date is not yet done on it.
pub fn deadline_status(due: Date, met_on: Option<Date>, as_of: Date) -> DeadlineStatus {
    match met_on.filter(|on| *on <= as_of) {
        Some(on) => DeadlineStatus::Met {
            due,
            on,
            days_late: non_negative(days_between(due, on)),
        },
        None if as_of <= due => DeadlineStatus::Pending {
            due,
            days_left: non_negative(days_between(as_of, due)),
        },
        None => DeadlineStatus::Overdue {
            due,
            days_overdue: non_negative(days_between(due, as_of)),
        },
    }
}

fn non_negative(days: i32) -> u32 {
    u32::try_from(days).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const DUE: Date = date(2026, 5, 10);

    #[test]
    fn pending_counts_the_days_left() {
        assert_eq!(
            deadline_status(DUE, None, date(2026, 4, 30)),
            DeadlineStatus::Pending {
                due: DUE,
                days_left: 10
            }
        );
        assert_eq!(
            deadline_status(DUE, None, DUE),
            DeadlineStatus::Pending {
                due: DUE,
                days_left: 0
            }
        );
    }

    #[test]
    fn overdue_counts_the_days_past() {
        assert_eq!(
            deadline_status(DUE, None, date(2026, 5, 11)),
            DeadlineStatus::Overdue {
                due: DUE,
                days_overdue: 1
            }
        );
    }

    #[test]
    fn met_on_time_or_late() {
        assert_eq!(
            deadline_status(DUE, Some(date(2026, 4, 1)), date(2026, 11, 27)),
            DeadlineStatus::Met {
                due: DUE,
                on: date(2026, 4, 1),
                days_late: 0
            }
        );
        assert_eq!(
            deadline_status(DUE, Some(date(2026, 5, 20)), date(2026, 11, 27)),
            DeadlineStatus::Met {
                due: DUE,
                on: date(2026, 5, 20),
                days_late: 10
            }
        );
    }

    #[test]
    fn what_happens_later_is_not_seen_earlier() {
        assert_eq!(
            deadline_status(DUE, Some(date(2026, 5, 20)), date(2026, 5, 15)).state(),
            "overdue"
        );
    }
}
