//! Charts drawn on the server as SVG, by hand: no chart library, no script.
//!
//! The timeline shows, for each working group, the period from signature to
//! each deadline and where the deadline stands on the as-of date. State is
//! told by shape as well as by colour (a circle when met, a hollow diamond
//! when pending, a cross when overdue), each mark has a `<title>` in words,
//! and the chart as a whole is an image with a title and a description: the
//! table beside it carries the same facts for screen readers.
//!
//! Colours come from the stylesheet (classes `tl-…`): the
//! Content-Security-Policy allows no inline style.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use accord_domain::calendar::days_between;
use accord_domain::rules::DeadlineStatus;
use jiff::ToSpan as _;
use jiff::civil::Date;

const WIDTH: i32 = 760;
const LABEL_WIDTH: i32 = 210;
/// Longer labels are cut (the full name is in the mark's title and the table).
const LABEL_CHARS: usize = 26;
const RIGHT_MARGIN: i32 = 24;
const TOP: i32 = 46;
const ROW: i32 = 34;
const LEGEND: i32 = 36;

/// One row: a working group and its deadlines (project list, roadmap).
#[derive(Debug, Clone)]
pub struct TimelineRow {
    pub label: String,
    pub deadlines: Vec<DeadlineStatus>,
}

#[derive(Debug, Clone)]
pub struct Timeline {
    pub signed_on: Date,
    pub as_of: Date,
    pub rows: Vec<TimelineRow>,
    /// The date by which the next charter meeting is due.
    pub meeting: Option<Date>,
}

/// The chart's words, in the user's language.
#[derive(Debug, Clone)]
pub struct Words {
    pub title: String,
    pub description: String,
    pub signature: String,
    pub as_of: String,
    pub meeting: String,
    pub project_list: String,
    pub roadmap: String,
    /// `met`, `pending`, `overdue` → words.
    pub states: BTreeMap<&'static str, String>,
}

/// The timeline as an `<svg>` element, ready to place in a page.
pub fn timeline(t: &Timeline, words: &Words) -> String {
    let mut last = t.as_of.max(t.signed_on);
    for row in &t.rows {
        for d in &row.deadlines {
            last = last.max(d.due());
            if let DeadlineStatus::Met { on, .. } = d {
                last = last.max(*on);
            }
        }
    }
    if let Some(m) = t.meeting {
        last = last.max(m);
    }
    let first = t.signed_on.checked_sub(14.days()).unwrap_or(t.signed_on);
    let last = last.checked_add(21.days()).unwrap_or(last);
    let span = days_between(first, last).max(1);
    let plot = WIDTH - LABEL_WIDTH - RIGHT_MARGIN;
    let x = |d: Date| LABEL_WIDTH + days_between(first, d) * plot / span;

    let rows = t.rows.len() as i32 + i32::from(t.meeting.is_some());
    let height = TOP + rows * ROW + LEGEND;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="tl-title tl-desc"><title id="tl-title">{}</title><desc id="tl-desc">{}</desc>"#,
        escape(&words.title),
        escape(&words.description)
    );

    // A grid line each month; a label as often as there is room for one
    // (a label is about 50 pixels wide).
    let month_width = (plot * 30 / span).max(1);
    let label_every = (56 + month_width - 1) / month_width;
    let mut tick = first.first_of_month();
    let mut index = 0;
    while tick <= last {
        if tick >= first {
            let tx = x(tick);
            let _ = write!(
                s,
                r#"<line class="tl-grid" x1="{tx}" y1="{}" x2="{tx}" y2="{}"/>"#,
                TOP - 8,
                TOP + rows * ROW,
            );
            if index % label_every == 0 {
                let _ = write!(
                    s,
                    r#"<text class="tl-tick" x="{tx}" y="{}">{}</text>"#,
                    TOP - 12,
                    tick.strftime("%Y-%m")
                );
            }
            index += 1;
        }
        tick = match tick.checked_add(1.month()) {
            Ok(next) => next,
            Err(_) => break,
        };
    }

    for (i, row) in t.rows.iter().enumerate() {
        let y = TOP + i as i32 * ROW;
        let _ = write!(
            s,
            r#"<text class="tl-label" x="{}" y="{}"><title>{}</title>{}</text>"#,
            LABEL_WIDTH - 8,
            y + ROW / 2 + 4,
            escape(&row.label),
            escape(&shorten(&row.label))
        );
        for (j, d) in row.deadlines.iter().enumerate() {
            let what = if j == 0 {
                &words.project_list
            } else {
                &words.roadmap
            };
            let by = y + 9 + j as i32 * 12;
            let (x0, x1) = (x(t.signed_on), x(d.due()));
            let _ = write!(
                s,
                r#"<rect class="tl-track" x="{x0}" y="{}" width="{}" height="6" rx="3"/>"#,
                by - 3,
                (x1 - x0).max(1)
            );
            let state = words.states.get(d.state()).cloned().unwrap_or_default();
            let label = escape(&format!("{} – {what}: {state} ({})", row.label, d.due()));
            s.push_str(&mark(d, x1, by, &label, x));
        }
    }
    if let Some(next) = t.meeting {
        let y = TOP + t.rows.len() as i32 * ROW;
        let mx = x(next);
        let _ = write!(
            s,
            r#"<text class="tl-label" x="{}" y="{}">{}</text><g class="tl-meeting"><title>{} ({next})</title><rect x="{}" y="{}" width="10" height="10"/></g>"#,
            LABEL_WIDTH - 8,
            y + ROW / 2 + 4,
            escape(&words.meeting),
            escape(&words.meeting),
            mx - 5,
            y + ROW / 2 - 5,
        );
    }

    // Signature and as-of lines over the rows.
    for (date, class, label) in [
        (t.signed_on, "tl-signature", &words.signature),
        (t.as_of, "tl-asof", &words.as_of),
    ] {
        let lx = x(date);
        let _ = write!(
            s,
            r#"<line class="{class}" x1="{lx}" y1="{}" x2="{lx}" y2="{}"><title>{} {date}</title></line>"#,
            TOP - 6,
            TOP + rows * ROW,
            escape(label)
        );
    }
    let ly = TOP + rows * ROW + 22;
    let _ = write!(
        s,
        r#"<g class="tl-legend"><text class="tl-legend-text" x="{LABEL_WIDTH}" y="{ly}">{}: {} · {} · {}</text></g>"#,
        escape(&words.as_of),
        t.as_of,
        escape(&format!(
            "● {}",
            words.states.get("met").cloned().unwrap_or_default()
        )),
        escape(&format!(
            "◇ {} ✕ {}",
            words.states.get("pending").cloned().unwrap_or_default(),
            words.states.get("overdue").cloned().unwrap_or_default()
        )),
    );
    s.push_str("</svg>");
    s
}

/// The mark of one deadline at its due date (and, when met, where it was met).
fn mark(d: &DeadlineStatus, due_x: i32, y: i32, label: &str, x: impl Fn(Date) -> i32) -> String {
    match *d {
        DeadlineStatus::Met { on, .. } => format!(
            r#"<g class="tl-met"><title>{label}</title><circle cx="{}" cy="{y}" r="5"/></g>"#,
            x(on)
        ),
        DeadlineStatus::Pending { .. } => format!(
            r#"<g class="tl-pending"><title>{label}</title><path d="M{} {y} l5 -5 l5 5 l-5 5 z"/></g>"#,
            due_x - 5
        ),
        DeadlineStatus::Overdue { .. } => format!(
            r#"<g class="tl-overdue"><title>{label}</title><path d="M{} {} l9 9 m0 -9 l-9 9"/></g>"#,
            due_x - 4,
            y - 4
        ),
    }
}

/// A label cut to fit the label column.
fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Escapes text for SVG content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn words() -> Words {
        Words {
            title: "Deadlines".into(),
            description: "desc".into(),
            signature: "Signature".into(),
            as_of: "As of".into(),
            meeting: "Meeting".into(),
            project_list: "Project list".into(),
            roadmap: "Roadmap".into(),
            states: [
                ("met", "met".into()),
                ("pending", "due".into()),
                ("overdue", "late".into()),
            ]
            .into_iter()
            .collect(),
        }
    }

    #[test]
    fn each_state_has_its_own_shape_and_text_is_escaped() {
        let due = date(2026, 5, 10);
        let svg = timeline(
            &Timeline {
                signed_on: date(2026, 2, 10),
                as_of: date(2026, 6, 1),
                rows: vec![
                    TimelineRow {
                        label: "Energy & <power>".into(),
                        deadlines: vec![
                            DeadlineStatus::Met {
                                due,
                                on: date(2026, 4, 9),
                                days_late: 0,
                            },
                            DeadlineStatus::Overdue {
                                due,
                                days_overdue: 22,
                            },
                        ],
                    },
                    TimelineRow {
                        label: "Trade".into(),
                        deadlines: vec![DeadlineStatus::Pending { due, days_left: 3 }],
                    },
                ],
                meeting: Some(date(2027, 2, 10)),
            },
            &words(),
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("Energy &amp; &lt;power&gt;"));
        assert!(!svg.contains("<power>"));
        for class in [
            "tl-met",
            "tl-pending",
            "tl-overdue",
            "tl-meeting",
            "tl-asof",
        ] {
            assert!(svg.contains(class), "{class} missing");
        }
        assert!(!svg.contains("style="), "the CSP allows no inline style");
        assert_eq!(
            shorten("Süni intellekt və rəqəmsal inkişaf"),
            "Süni intellekt və rəqəmsa…"
        );
        assert_eq!(shorten("Energy"), "Energy");
    }
}
