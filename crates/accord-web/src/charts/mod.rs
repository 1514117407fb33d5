//! Charts drawn on the server as SVG, by hand, for the detail pages: a
//! working group's roadmap as a Gantt chart (`gantt`), an indicator's
//! measurements against its baseline and target (`indicator`), and progress
//! as stacked bars (`progress`: the dashboard's sections and working groups,
//! the annual report's milestones and projects per working group).
//!
//! Like the dashboard's timeline, each chart is an image with a title and a
//! description, each mark carries a `<title>` in words, and state is told by
//! shape and text as well as by colour. Colours are presentation attributes
//! (the Content-Security-Policy forbids inline `style`, not these), chosen
//! for WCAG AA contrast on white. The pages show the same facts in tables.

pub mod gantt;
pub mod indicator;
pub mod progress;

use std::fmt::Write as _;

use accord_domain::calendar::days_between;
use jiff::ToSpan as _;
use jiff::civil::Date;

/// The most month lines a chart draws; longer spans draw every few months.
const MAX_GRID_LINES: i32 = 48;

/// Text made safe for SVG (XML) content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// A time axis: dates from `first` to `last` onto pixels `left..right`.
#[derive(Debug, Clone, Copy)]
pub struct TimeAxis {
    pub first: Date,
    pub last: Date,
    pub left: i32,
    pub right: i32,
}

impl TimeAxis {
    /// An axis over `dates`, with a margin of `pad_days` each side; a
    /// single day (or none) still gets a month's width.
    pub fn over(
        dates: impl IntoIterator<Item = Date>,
        pad_days: i64,
        left: i32,
        right: i32,
    ) -> Option<TimeAxis> {
        let mut dates = dates.into_iter();
        let first_date = dates.next()?;
        let (mut first, mut last) = (first_date, first_date);
        for d in dates {
            first = first.min(d);
            last = last.max(d);
        }
        let first = first.checked_sub(pad_days.days()).unwrap_or(first);
        let mut last = last.checked_add(pad_days.days()).unwrap_or(last);
        if days_between(first, last) < 30 {
            last = first.checked_add(30.days()).unwrap_or(last);
        }
        Some(TimeAxis {
            first,
            last,
            left,
            right,
        })
    }

    /// The x of a date.
    pub fn x(&self, date: Date) -> i32 {
        let span = i64::from(days_between(self.first, self.last).max(1));
        let offset = i64::from(days_between(self.first, date));
        let width = i64::from(self.right - self.left);
        self.left + i32::try_from(offset * width / span).unwrap_or(0)
    }

    /// Month grid lines from `top` to `bottom`, labelled above `top` as
    /// often as there is room.
    pub fn month_grid(&self, s: &mut String, top: i32, bottom: i32) {
        let span = days_between(self.first, self.last).max(1);
        // Over long spans a line every few months, so that a far date
        // cannot make the chart huge: at most about `MAX_GRID_LINES` lines.
        let months = span / 30 + 1;
        let step = (months / MAX_GRID_LINES + 1).clamp(1, i32::from(i16::MAX));
        let month_width = ((self.right - self.left) * 30 * step / span).max(1);
        let label_every = (56 + month_width - 1) / month_width;
        let mut tick = self.first.first_of_month();
        let mut index = 0;
        while tick <= self.last {
            if tick >= self.first {
                let tx = self.x(tick);
                let _ = write!(
                    s,
                    r##"<line x1="{tx}" y1="{top}" x2="{tx}" y2="{bottom}" stroke="#c8ccd2" stroke-width="1"/>"##
                );
                if index % label_every == 0 {
                    let _ = write!(
                        s,
                        r##"<text x="{tx}" y="{}" text-anchor="middle" font-size="10" fill="#4a4a4a">{}</text>"##,
                        top - 4,
                        tick.strftime("%Y-%m")
                    );
                }
                index += 1;
            }
            tick = match tick.checked_add(step.months()) {
                Ok(next) => next,
                Err(_) => break,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn escape_leaves_no_markup() {
        assert_eq!(
            escape("a<b & \"c\"'\u{1}"),
            "a&lt;b &amp; &quot;c&quot;&#39;"
        );
    }

    #[test]
    fn the_axis_maps_its_ends_to_its_edges() {
        let axis = TimeAxis::over([date(2026, 1, 1), date(2026, 12, 31)], 0, 100, 500).unwrap();
        assert_eq!(axis.x(date(2026, 1, 1)), 100);
        assert_eq!(axis.x(date(2026, 12, 31)), 500);
        assert!(TimeAxis::over([], 0, 0, 1).is_none());
        let single = TimeAxis::over([date(2026, 1, 1)], 0, 0, 300).unwrap();
        assert!(single.last > single.first);
    }

    #[test]
    fn a_span_of_centuries_draws_a_bounded_grid() {
        let axis = TimeAxis::over([date(2026, 1, 1), date(2526, 1, 1)], 0, 0, 600).unwrap();
        let mut s = String::new();
        axis.month_grid(&mut s, 10, 100);
        let lines = s.matches("<line").count();
        assert!(
            (1..=MAX_GRID_LINES as usize + 1).contains(&lines),
            "{lines}"
        );
    }

    #[test]
    fn shorten_cuts_long_labels() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}
