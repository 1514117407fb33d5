//! Calendar dates as ISO 8601 text, and adding an ISO 8601 period to one.
//! Months are calendar months (31 January + P1M = 28 or 29 February), as
//! the charter's own deadlines count them.

/// Days in a month of the proleptic Gregorian calendar.
pub(crate) fn days_in_month(year: i32, month: u32) -> Option<u32> {
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    })
}

/// Parses `YYYY-MM-DD`, checking that the day exists.
pub(crate) fn parse(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s[..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..].parse().ok()?;
    (d >= 1 && d <= days_in_month(y, m)?).then_some((y, m, d))
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        i32::try_from(y).unwrap_or(i32::MAX),
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

/// `date` + `period` (`P3M`, `P1Y`, `P30D`, `P2W`), as `YYYY-MM-DD`.
pub(crate) fn add(date: &str, period: &str) -> Option<String> {
    let (y, m, d) = parse(date)?;
    let body = period.strip_prefix('P')?;
    let unit = body.chars().last()?;
    let n: i64 = body[..body.len() - 1].parse().ok()?;
    let (y, m, d) = match unit {
        'D' | 'W' => {
            civil_from_days(days_from_civil(y, m, d) + if unit == 'W' { 7 * n } else { n })
        }
        'M' | 'Y' => {
            let months = if unit == 'Y' { 12 * n } else { n };
            let total = i64::from(y) * 12 + i64::from(m) - 1 + months;
            let ny = i32::try_from(total.div_euclid(12)).ok()?;
            let nm = u32::try_from(total.rem_euclid(12)).ok()? + 1;
            (ny, nm, d.min(days_in_month(ny, nm)?))
        }
        _ => return None,
    };
    (0..=9999)
        .contains(&y)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_added_in_calendar_months() {
        assert_eq!(add("2026-02-10", "P3M").as_deref(), Some("2026-05-10"));
        assert_eq!(add("2024-01-31", "P1M").as_deref(), Some("2024-02-29"));
        assert_eq!(add("2026-02-10", "P1Y").as_deref(), Some("2027-02-10"));
        assert_eq!(add("2026-12-25", "P10D").as_deref(), Some("2027-01-04"));
        assert_eq!(add("2026-02-30", "P1M"), None);
    }
}
