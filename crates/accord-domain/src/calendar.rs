//! Calendar periods: the "three months" and "once a year" of a charter.
//!
//! A charter counts in calendar units, so a period is kept as years, months
//! and days (an ISO 8601 duration such as `P3M`) and added to a date the way a
//! calendar does: the month changes and the day is clamped to the month's
//! length (31 January + 1 month = 28 or 29 February). Periods are never
//! converted to a number of days, which would drift.

use std::fmt;
use std::str::FromStr;

use jiff::Span;
use jiff::civil::Date;

/// A calendar period: whole years, months and days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Period {
    pub years: u16,
    pub months: u16,
    pub days: u16,
}

/// Why a text is not a calendar period.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("{text:?} is not an ISO 8601 calendar period such as P3M or P1Y: {reason}")]
    Malformed { text: String, reason: &'static str },
    #[error("adding {period} to {date} leaves the supported calendar")]
    OutOfRange { period: Period, date: Date },
}

impl Period {
    pub const fn years(years: u16) -> Self {
        Period {
            years,
            months: 0,
            days: 0,
        }
    }

    pub const fn months(months: u16) -> Self {
        Period {
            years: 0,
            months,
            days: 0,
        }
    }

    pub const fn days(days: u16) -> Self {
        Period {
            years: 0,
            months: 0,
            days,
        }
    }

    /// This period taken `times` times (the `times`-th anniversary of a date).
    pub fn times(self, times: u16) -> Option<Self> {
        Some(Period {
            years: self.years.checked_mul(times)?,
            months: self.months.checked_mul(times)?,
            days: self.days.checked_mul(times)?,
        })
    }

    /// The date this period after `date`, calendar-correct: years and months
    /// move the calendar and clamp the day to the month's length, then days
    /// are added.
    pub fn after(self, date: Date) -> Result<Date, PeriodError> {
        let span = Span::new()
            .years(i64::from(self.years))
            .months(i64::from(self.months))
            .days(i64::from(self.days));
        date.checked_add(span)
            .map_err(|_| PeriodError::OutOfRange { period: self, date })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Period::default() {
            return f.write_str("P0D");
        }
        f.write_str("P")?;
        for (value, unit) in [(self.years, 'Y'), (self.months, 'M'), (self.days, 'D')] {
            if value != 0 {
                write!(f, "{value}{unit}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    /// Reads the date part of an ISO 8601 duration: `PnYnMnWnD` (weeks count
    /// as seven days). Time parts (`T…`) are refused: a charter's periods are
    /// calendar periods.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let malformed = |reason| PeriodError::Malformed {
            text: text.to_owned(),
            reason,
        };
        let rest = text
            .strip_prefix('P')
            .ok_or_else(|| malformed("it must start with P"))?;
        if rest.is_empty() {
            return Err(malformed("it names no unit"));
        }
        let mut period = Period::default();
        let mut digits = String::new();
        let mut last_rank = 0;
        for c in rest.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
                continue;
            }
            let (rank, slot_days_factor) = match c {
                'Y' => (1, 0),
                'M' => (2, 0),
                'W' => (3, 7),
                'D' => (4, 1),
                'T' => return Err(malformed("time parts are not calendar periods")),
                _ => return Err(malformed("unknown unit")),
            };
            if rank <= last_rank {
                return Err(malformed("units must appear once, in the order Y, M, W, D"));
            }
            last_rank = rank;
            let value: u16 = digits
                .parse()
                .map_err(|_| malformed("a unit needs a number"))?;
            digits.clear();
            match c {
                'Y' => period.years = value,
                'M' => period.months = value,
                _ => {
                    let days = value
                        .checked_mul(slot_days_factor)
                        .and_then(|d| d.checked_add(period.days))
                        .ok_or_else(|| malformed("too many days"))?;
                    period.days = days;
                }
            }
        }
        if !digits.is_empty() {
            return Err(malformed("a number has no unit"));
        }
        Ok(period)
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The UTC calendar date of a moment: the day an event was recorded on.
pub fn utc_date(at: jiff::Timestamp) -> Date {
    jiff::tz::Offset::UTC.to_datetime(at).date()
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i32 {
    // Day numbers of dates jiff supports differ by far less than i32::MAX.
    i32::try_from(day_number(to) - day_number(from)).unwrap_or(0)
}

/// The number of days from 1970-01-01 to `date` in the proleptic Gregorian
/// calendar: plain arithmetic (the "days from civil" algorithm), cheap
/// enough to run over every milestone of a large instance.
pub fn day_number(date: Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    // Count years from March, so that the leap day ends the year.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (m + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn after(period: &str, from: Date) -> Date {
        period.parse::<Period>().unwrap().after(from).unwrap()
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        assert_eq!(after("P1M", date(2024, 1, 31)), date(2024, 2, 29));
        assert_eq!(after("P1M", date(2025, 1, 31)), date(2025, 2, 28));
        assert_eq!(after("P3M", date(2025, 11, 30)), date(2026, 2, 28));
        assert_eq!(after("P3M", date(2027, 11, 30)), date(2028, 2, 29));
        assert_eq!(after("P3M", date(2026, 2, 10)), date(2026, 5, 10));
    }

    #[test]
    fn years_keep_leap_days_honest() {
        assert_eq!(after("P1Y", date(2024, 2, 29)), date(2025, 2, 28));
        assert_eq!(after("P4Y", date(2024, 2, 29)), date(2028, 2, 29));
        assert_eq!(after("P1Y", date(2026, 2, 10)), date(2027, 2, 10));
    }

    #[test]
    fn periods_round_trip_through_text() {
        for text in ["P3M", "P1Y", "P6M", "P1Y2M3D", "P10D", "P0D"] {
            assert_eq!(text.parse::<Period>().unwrap().to_string(), text);
        }
        assert_eq!("P2W".parse::<Period>().unwrap(), Period::days(14));
    }

    #[test]
    fn malformed_periods_are_refused() {
        for text in ["", "P", "3M", "PT1H", "P1M1Y", "P1", "PM", "P1X", "P99999D"] {
            assert!(text.parse::<Period>().is_err(), "{text:?} was accepted");
        }
    }

    #[test]
    fn day_numbers_agree_with_the_calendar() {
        assert_eq!(day_number(date(1970, 1, 1)), 0);
        assert_eq!(day_number(date(2000, 3, 1)), 11_017);
        let mut day = date(1899, 12, 25);
        let mut expected = day_number(day);
        // Every day across leap years, century years and 2000.
        while day < date(2101, 3, 5) {
            let next = day.tomorrow().unwrap();
            expected += 1;
            assert_eq!(day_number(next), expected, "{next}");
            assert_eq!(days_between(day, next), 1);
            day = next;
        }
        assert_eq!(days_between(date(2024, 1, 1), date(2025, 1, 1)), 366);
        assert_eq!(days_between(date(2025, 1, 1), date(2026, 1, 1)), 365);
    }

    #[test]
    fn days_between_counts_signed_whole_days() {
        assert_eq!(days_between(date(2026, 2, 10), date(2026, 5, 10)), 89);
        assert_eq!(days_between(date(2026, 5, 10), date(2026, 5, 1)), -9);
    }
}
