//! A working group's roadmap as a Gantt chart: one bar per milestone,
//! ending on its due date; the agreed baseline's due date as a diamond on
//! the same row, joined to the bar's end when they differ, with the drift
//! (days slipped) written beside it; dependencies as lines from the end of
//! one bar to the start of the next; the as-of date as a dashed line.
//!
//! The page computes the words (each bar's title, each drift's label) in
//! the user's language; this module only places them.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::{TimeAxis, escape, shorten};

const WIDTH: i32 = 760;
const LABEL_WIDTH: i32 = 200;
const LABEL_CHARS: usize = 28;
/// Room on the right for a drift label after the last date.
const RIGHT_MARGIN: i32 = 96;
const TOP: i32 = 34;
const ROW: i32 = 30;
const BAR: i32 = 14;
const LEGEND: i32 = 30;

/// Where a milestone stands on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarState {
    Done,
    Open,
    Overdue,
}

impl BarState {
    fn colour(self) -> &'static str {
        match self {
            BarState::Done => "#1b6e3a",
            BarState::Open => "#0b4f8a",
            BarState::Overdue => "#b0231b",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            BarState::Done => "done",
            BarState::Open => "open",
            BarState::Overdue => "overdue",
        }
    }
}

/// One milestone's bar.
#[derive(Debug, Clone)]
pub struct Bar {
    pub id: String,
    pub label: String,
    /// The whole sentence a screen reader or a tooltip gives.
    pub title: String,
    pub start: Date,
    pub due: Date,
    pub baseline_due: Option<Date>,
    pub state: BarState,
    /// Days slipped from the baseline (negative: ahead) and its words;
    /// none when on the baseline or without one.
    pub drift: Option<(i32, String)>,
    /// The rows (indices into the bars) this one depends on.
    pub depends_on: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Gantt {
    pub as_of: Date,
    pub bars: Vec<Bar>,
}

/// The chart's words, in the user's language.
#[derive(Debug, Clone)]
pub struct Words {
    pub title: String,
    pub description: String,
    pub as_of: String,
    pub baseline: String,
    pub legend: String,
}

/// The chart as an `<svg>` element; none when there is no milestone.
pub fn gantt(chart: &Gantt, words: &Words) -> Option<String> {
    let dates = chart
        .bars
        .iter()
        .flat_map(|b| [Some(b.start), Some(b.due), b.baseline_due])
        .flatten()
        .chain([chart.as_of]);
    if chart.bars.is_empty() {
        return None;
    }
    let axis = TimeAxis::over(dates, 14, LABEL_WIDTH, WIDTH - RIGHT_MARGIN)?;
    let rows = chart.bars.len() as i32;
    let bottom = TOP + rows * ROW;
    let height = bottom + LEGEND;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="gantt" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="gantt-title gantt-desc"><title id="gantt-title">{}</title><desc id="gantt-desc">{}</desc>"#,
        escape(&words.title),
        escape(&words.description)
    );
    axis.month_grid(&mut s, TOP - 8, bottom);
    let mid = |row: usize| TOP + row as i32 * ROW + ROW / 2;
    let clamp = |d: Date| d.clamp(axis.first, axis.last);

    // Dependencies first, under the bars.
    for (row, bar) in chart.bars.iter().enumerate() {
        for &dep in &bar.depends_on {
            let Some(before) = chart.bars.get(dep) else {
                continue;
            };
            let (x0, y0) = (axis.x(clamp(before.due)), mid(dep));
            let (x1, y1) = (axis.x(clamp(bar.start)), mid(row));
            let elbow = x0 + 6;
            let _ = write!(
                s,
                r##"<path class="gantt-dep" data-from="{}" data-to="{}" d="M{x0} {y0} H{elbow} V{y1} H{x1}" fill="none" stroke="#4a4a4a" stroke-width="1.5"><title>{} → {}</title></path>"##,
                escape(&before.id),
                escape(&bar.id),
                escape(&before.label),
                escape(&bar.label),
            );
        }
    }

    for (row, bar) in chart.bars.iter().enumerate() {
        let y = mid(row);
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#1a1a1a"><title>{}</title>{}</text>"##,
            LABEL_WIDTH - 8,
            y + 4,
            escape(&bar.label),
            escape(&shorten(&bar.label, LABEL_CHARS))
        );
        let (x0, x1) = (axis.x(clamp(bar.start)), axis.x(clamp(bar.due)));
        let (x0, width) = if x1 - x0 < 3 {
            (x1 - 3, 3)
        } else {
            (x0, x1 - x0)
        };
        let _ = write!(
            s,
            r#"<g class="gantt-bar" data-milestone="{}" data-state="{}"><title>{}</title><rect x="{x0}" y="{}" width="{width}" height="{BAR}" rx="2" fill="{}"/>"#,
            escape(&bar.id),
            bar.state.code(),
            escape(&bar.title),
            y - BAR / 2,
            bar.state.colour(),
        );
        if bar.state == BarState::Done {
            // A tick at the start of finished bars (the baseline's diamond
            // may cover the end), so that state is not told by colour alone.
            let _ = write!(
                s,
                r##"<path d="M{} {y} l3 3 l6 -6" fill="none" stroke="#ffffff" stroke-width="2"/>"##,
                x0 + 3
            );
        }
        s.push_str("</g>");
        let mut right = x1;
        if let Some(baseline) = bar.baseline_due {
            let bx = axis.x(clamp(baseline));
            if bx != x1 {
                let _ = write!(
                    s,
                    r##"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#1a1a1a" stroke-width="1" stroke-dasharray="3 2"/>"##,
                    bx.min(x1),
                    bx.max(x1)
                );
            }
            let _ = write!(
                s,
                r##"<path class="gantt-baseline" data-milestone="{}" d="M{bx} {} l6 6 l-6 6 l-6 -6 z" fill="#ffffff" stroke="#1a1a1a" stroke-width="1.5"><title>{} {baseline}</title></path>"##,
                escape(&bar.id),
                y - 6,
                escape(&words.baseline),
            );
            right = right.max(bx + 6);
        }
        if let Some((days, label)) = &bar.drift {
            let colour = if *days > 0 { "#b0231b" } else { "#1b6e3a" };
            let _ = write!(
                s,
                r#"<text class="gantt-drift" data-milestone="{}" data-days="{days}" x="{}" y="{}" font-size="11" fill="{colour}">{}</text>"#,
                escape(&bar.id),
                right + 5,
                y + 4,
                escape(label)
            );
        }
    }

    let ax = axis.x(clamp(chart.as_of));
    let _ = write!(
        s,
        r##"<line class="gantt-asof" x1="{ax}" y1="{}" x2="{ax}" y2="{bottom}" stroke="#1a1a1a" stroke-width="2" stroke-dasharray="6 3"><title>{} {}</title></line>"##,
        TOP - 6,
        escape(&words.as_of),
        chart.as_of
    );
    let _ = write!(
        s,
        r##"<text x="{LABEL_WIDTH}" y="{}" font-size="11" fill="#4a4a4a">{}</text></svg>"##,
        bottom + 20,
        escape(&words.legend)
    );
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn words() -> Words {
        Words {
            title: "Roadmap".into(),
            description: "Bars".into(),
            as_of: "As of".into(),
            baseline: "Baseline".into(),
            legend: "◆ baseline".into(),
        }
    }

    fn bar(id: &str, due: Date, baseline: Option<Date>, depends_on: Vec<usize>) -> Bar {
        Bar {
            id: id.into(),
            label: format!("<{id}>"),
            title: id.into(),
            start: date(2026, 6, 1),
            due,
            baseline_due: baseline,
            state: BarState::Open,
            drift: baseline
                .filter(|b| *b != due)
                .map(|b| (b.until(due).unwrap().get_days(), "slipped".into())),
            depends_on,
        }
    }

    #[test]
    fn one_bar_per_milestone_with_drift_and_dependencies() {
        let chart = Gantt {
            as_of: date(2026, 9, 1),
            bars: vec![
                bar("a", date(2026, 8, 1), Some(date(2026, 8, 1)), vec![]),
                bar("b", date(2026, 10, 11), Some(date(2026, 10, 1)), vec![0]),
            ],
        };
        let svg = gantt(&chart, &words()).unwrap();
        assert_eq!(svg.matches(r#"class="gantt-bar""#).count(), 2);
        assert_eq!(svg.matches(r#"class="gantt-baseline""#).count(), 2);
        assert_eq!(svg.matches(r#"class="gantt-drift""#).count(), 1);
        assert!(svg.contains(r#"data-days="10""#), "{svg}");
        assert!(svg.contains(r#"data-from="a" data-to="b""#));
        assert!(svg.contains("&lt;a&gt;"), "labels are escaped");
        assert!(!svg.contains("<a>"));
    }

    #[test]
    fn no_milestone_no_chart() {
        let chart = Gantt {
            as_of: date(2026, 9, 1),
            bars: Vec::new(),
        };
        assert!(gantt(&chart, &words()).is_none());
    }
}
