//! Progress as horizontal stacked bars: one row per item (a section of the
//! charter, a working group), each bar split into parts (covered and
//! uncovered commitments; projects by status), with the counts written in
//! the bar and a legend below. Every bar is as long as the longest row's
//! total, so rows compare at a glance.

use std::fmt::Write as _;

use accord_domain::model::ProjectStatus;

use super::{escape, shorten};

/// Each project status's colour, in the order the charts stack them (done
/// first): the dashboard and the annual report draw statuses alike.
pub const STATUS_COLOURS: [(ProjectStatus, &str); 6] = [
    (ProjectStatus::Completed, "#1b6e3a"),
    (ProjectStatus::InProgress, "#1a4f8b"),
    (ProjectStatus::Agreed, "#5a3d8a"),
    (ProjectStatus::Proposed, "#6b6b6b"),
    (ProjectStatus::Suspended, "#8a4b00"),
    (ProjectStatus::Cancelled, "#a3361f"),
];

const WIDTH: i32 = 640;
const LABEL: i32 = 170;
const RIGHT: i32 = 96;
const ROW: i32 = 26;
const BAR: i32 = 18;
const TOP: i32 = 8;
const LEGEND_LINE: i32 = 18;

/// One kind of part: its name in words and its colour (each chosen for
/// WCAG AA contrast against white text and a white page).
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub colour: &'static str,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub label: String,
    /// Where the label links to, if anywhere.
    pub href: Option<String>,
    /// One count per part, in the order of `ProgressChart::parts`.
    pub counts: Vec<usize>,
    /// Words after the bar (for example "3/5 milestones").
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct ProgressChart {
    /// Makes the chart's element ids unique on its page.
    pub key: String,
    pub title: String,
    pub description: String,
    pub parts: Vec<Part>,
    pub rows: Vec<Row>,
}

/// The chart as an `<svg>` element; empty when there is no row.
pub fn progress(chart: &ProgressChart) -> String {
    if chart.rows.is_empty() {
        return String::new();
    }
    let longest = chart
        .rows
        .iter()
        .map(|r| r.counts.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let rows = i32::try_from(chart.rows.len()).unwrap_or(i32::MAX / ROW - 4);
    let legend = legend_layout(&chart.parts);
    let legend_lines = legend.last().map_or(1, |(_, line)| line + 1);
    let height = TOP + rows * ROW + 12 + legend_lines * LEGEND_LINE;
    let key = escape(&chart.key);
    let span = WIDTH - LABEL - RIGHT;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="progress-chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{key}-title {key}-desc"><title id="{key}-title">{}</title><desc id="{key}-desc">{}</desc>"#,
        escape(&chart.title),
        escape(&chart.description),
    );
    for (index, row) in chart.rows.iter().enumerate() {
        let y = TOP + i32::try_from(index).unwrap_or(0) * ROW;
        let label = escape(&shorten(&row.label, 26));
        let text_y = y + BAR - 5;
        match &row.href {
            Some(href) => {
                let _ = write!(
                    s,
                    r##"<a href="{}"><text x="{}" y="{text_y}" text-anchor="end" font-size="12" fill="#1a4f8b">{label}</text></a>"##,
                    escape(href),
                    LABEL - 8,
                );
            }
            None => {
                let _ = write!(
                    s,
                    r##"<text x="{}" y="{text_y}" text-anchor="end" font-size="12" fill="#1f1f1f">{label}</text>"##,
                    LABEL - 8,
                );
            }
        }
        let _ = write!(
            s,
            r##"<rect x="{LABEL}" y="{y}" width="{span}" height="{BAR}" fill="#f1f2f4" stroke="#c8ccd2" stroke-width="1"/>"##
        );
        let mut x = LABEL;
        let mut done = 0usize;
        for (part, count) in chart.parts.iter().zip(&row.counts) {
            if *count == 0 {
                continue;
            }
            done += count;
            // Ends computed from the running sum, so rounding never makes
            // a bar longer than its total.
            let end = LABEL + scale(done, longest, span);
            let width = (end - x).max(1);
            let _ = write!(
                s,
                r#"<rect x="{x}" y="{y}" width="{width}" height="{BAR}" fill="{}"><title>{}: {} {count}</title></rect>"#,
                part.colour,
                escape(&row.label),
                escape(&part.name),
            );
            if width >= 18 {
                let _ = write!(
                    s,
                    r##"<text x="{}" y="{text_y}" text-anchor="middle" font-size="11" fill="#ffffff">{count}</text>"##,
                    x + width / 2,
                );
            }
            x = end;
        }
        let _ = write!(
            s,
            r##"<text x="{}" y="{text_y}" font-size="11" fill="#4a4a4a">{}</text>"##,
            WIDTH - RIGHT + 6,
            escape(&shorten(&row.note, 16)),
        );
    }
    for (part, (x, line)) in chart.parts.iter().zip(&legend) {
        let y = TOP + rows * ROW + 8 + line * LEGEND_LINE;
        let _ = write!(
            s,
            r##"<rect x="{x}" y="{y}" width="12" height="12" fill="{}"/><text x="{}" y="{}" font-size="11" fill="#1f1f1f">{}</text>"##,
            part.colour,
            x + 16,
            y + 10,
            escape(&part.name),
        );
    }
    s.push_str("</svg>");
    s
}

/// Where each part's legend goes: its x and its line, wrapping before the
/// chart's right edge.
fn legend_layout(parts: &[Part]) -> Vec<(i32, i32)> {
    let mut placed = Vec::with_capacity(parts.len());
    let (mut x, mut line) = (LABEL, 0);
    for part in parts {
        // About 6.5 pixels per character at font size 11, and the swatch.
        let width = 24 + 13 * i32::try_from(part.name.chars().count()).unwrap_or(40) / 2;
        if x > LABEL && x + width > WIDTH - 4 {
            x = LABEL;
            line += 1;
        }
        placed.push((x, line));
        x += width;
    }
    placed
}

/// The chart, unless every count is zero (a chart of nothing says less
/// than the sentence that replaces it).
pub fn progress_of_something(chart: &ProgressChart) -> Option<String> {
    chart
        .rows
        .iter()
        .any(|r| r.counts.iter().any(|n| *n > 0))
        .then(|| progress(chart))
}

/// `count` of `total` as pixels of `span`.
fn scale(count: usize, total: usize, span: i32) -> i32 {
    let pixels = count.saturating_mul(usize::try_from(span).unwrap_or(0)) / total.max(1);
    i32::try_from(pixels).unwrap_or(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(rows: Vec<Row>) -> ProgressChart {
        ProgressChart {
            key: "k".into(),
            title: "Progress".into(),
            description: "By group".into(),
            parts: vec![
                Part {
                    name: "done".into(),
                    colour: "#1b6e3a",
                },
                Part {
                    name: "open <left>".into(),
                    colour: "#8a4b00",
                },
            ],
            rows,
        }
    }

    fn row(label: &str, counts: Vec<usize>) -> Row {
        Row {
            label: label.into(),
            href: Some(format!("/groups/{label}")),
            counts,
            note: String::new(),
        }
    }

    #[test]
    fn the_longest_row_fills_the_span_and_others_are_proportional() {
        let svg = progress(&chart(vec![row("a", vec![3, 1]), row("b", vec![1, 1])]));
        let span = WIDTH - LABEL - RIGHT;
        // Row a: 3 of 4 then 1 of 4; row b: 1 of 4 then 1 of 4.
        assert!(
            svg.contains(&format!(r#"width="{}""#, span * 3 / 4)),
            "{svg}"
        );
        assert!(svg.contains(&format!(r#"width="{}""#, span / 4)), "{svg}");
        assert!(svg.contains("<title>a: done 3</title>"));
        assert!(svg.contains(r#"href="/groups/b""#));
        assert!(svg.contains("open &lt;left&gt;"), "the legend is escaped");
    }

    #[test]
    fn empty_parts_draw_nothing_and_no_rows_draw_no_chart() {
        let svg = progress(&chart(vec![row("a", vec![0, 2])]));
        assert!(!svg.contains("a: done"));
        assert!(svg.contains("<title>a: open &lt;left&gt; 2</title>"));
        assert_eq!(progress(&chart(Vec::new())), "");
    }

    #[test]
    fn a_long_legend_wraps_inside_the_chart() {
        let parts: Vec<Part> = (0..8)
            .map(|i| Part {
                name: format!("a rather long part name {i}"),
                colour: "#1b6e3a",
            })
            .collect();
        let placed = legend_layout(&parts);
        assert!(placed.last().unwrap().1 > 0, "{placed:?}");
        for (x, _) in &placed {
            assert!(*x + 24 < WIDTH, "{placed:?}");
        }
    }

    #[test]
    fn a_row_of_zeros_draws_only_its_frame() {
        let zeros = chart(vec![row("a", vec![0, 0])]);
        assert_eq!(progress_of_something(&zeros), None);
        let svg = progress(&zeros);
        assert_eq!(svg.matches("<rect").count(), 1 + 2, "frame and legend");
    }
}
