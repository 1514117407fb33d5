//! Counts as stacked horizontal bars, one row per label: the annual
//! report's milestones (completed, overdue, open) and projects (by status)
//! for each working group. Each segment carries a `<title>` in words and
//! its count written beside the bar, so nothing is told by colour alone.
//!
//! The page computes the words; this module only places them.

use std::fmt::Write as _;

use super::{escape, shorten};

const WIDTH: i32 = 680;
const LABEL_WIDTH: i32 = 190;
const LABEL_CHARS: usize = 26;
/// Room on the right for a row's total.
const RIGHT_MARGIN: i32 = 50;
const TOP: i32 = 10;
const ROW: i32 = 28;
const BAR: i32 = 16;
const LEGEND: i32 = 34;
const LEGEND_LINE: i32 = 18;

/// One kind of count (a segment's colour and name).
#[derive(Debug, Clone)]
pub struct Category {
    /// For `data-category` (`completed`).
    pub code: &'static str,
    pub label: String,
    /// A presentation attribute's colour, with AA contrast on white.
    pub colour: &'static str,
}

/// One bar: its label and a count per category, in the categories' order.
#[derive(Debug, Clone)]
pub struct Row {
    pub label: String,
    pub counts: Vec<usize>,
}

/// The chart's words.
#[derive(Debug, Clone)]
pub struct Words {
    /// Unique within the page: the `<title>`'s and `<desc>`'s ids derive from it.
    pub id: String,
    pub title: String,
    pub description: String,
}

/// The chart as an `<svg>` element; none when every count is zero.
pub fn stacked_bars(categories: &[Category], rows: &[Row], words: &Words) -> Option<String> {
    let total = |r: &Row| r.counts.iter().sum::<usize>();
    let most = rows.iter().map(total).max().unwrap_or(0);
    if most == 0 {
        return None;
    }
    let scale = |n: usize| {
        let width = i64::from(WIDTH - LABEL_WIDTH - RIGHT_MARGIN);
        i32::try_from(
            i64::try_from(n).unwrap_or(i64::MAX).saturating_mul(width)
                / i64::try_from(most).unwrap_or(1),
        )
        .unwrap_or(0)
    };
    let rows_height = i32::try_from(rows.len()).unwrap_or(0) * ROW;
    // The legend: a swatch and a name per category, wrapped onto as many
    // lines as the width needs.
    let mut legend = Vec::with_capacity(categories.len());
    let (mut x, mut line) = (LABEL_WIDTH, 0);
    for category in categories {
        let needed = 24 + 7 * i32::try_from(category.label.chars().count()).unwrap_or(10);
        if x + needed > WIDTH && x > LABEL_WIDTH {
            (x, line) = (LABEL_WIDTH, line + 1);
        }
        legend.push((x, line, category));
        x += needed;
    }
    let height = TOP + rows_height + LEGEND + line * LEGEND_LINE;
    let id = escape(&words.id);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="bars" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(&words.title),
        escape(&words.description)
    );
    for (index, row) in rows.iter().enumerate() {
        let y = TOP + i32::try_from(index).unwrap_or(0) * ROW;
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#1a1a1a">{}</text>"##,
            LABEL_WIDTH - 8,
            y + BAR - 3,
            escape(&shorten(&row.label, LABEL_CHARS))
        );
        let mut x = LABEL_WIDTH;
        for (category, &count) in categories.iter().zip(&row.counts) {
            if count == 0 {
                continue;
            }
            let width = scale(count).max(2);
            let _ = write!(
                s,
                r#"<rect x="{x}" y="{y}" width="{width}" height="{BAR}" fill="{}" data-category="{}"><title>{}: {} {count}</title></rect>"#,
                category.colour,
                category.code,
                escape(&row.label),
                escape(&category.label),
            );
            x += width;
        }
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" font-size="12" fill="#1a1a1a">{}</text>"##,
            x + 6,
            y + BAR - 3,
            total(row)
        );
    }
    for (x, line, category) in legend {
        let legend_y = TOP + rows_height + 14 + line * LEGEND_LINE;
        let _ = write!(
            s,
            r##"<rect x="{x}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}" font-size="12" fill="#1a1a1a">{}</text>"##,
            legend_y - 10,
            category.colour,
            x + 16,
            legend_y,
            escape(&category.label)
        );
    }
    s.push_str("</svg>");
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn categories() -> Vec<Category> {
        vec![
            Category {
                code: "completed",
                label: "completed".into(),
                colour: "#1b6e3a",
            },
            Category {
                code: "overdue",
                label: "overdue".into(),
                colour: "#b0231b",
            },
        ]
    }

    fn words() -> Words {
        Words {
            id: "milestones".into(),
            title: "Milestones".into(),
            description: "Per group".into(),
        }
    }

    #[test]
    fn each_non_zero_count_is_a_titled_segment_and_rows_carry_totals() {
        let rows = [
            Row {
                label: "Energy <&>".into(),
                counts: vec![2, 1],
            },
            Row {
                label: "Trade".into(),
                counts: vec![0, 0],
            },
        ];
        let svg = stacked_bars(&categories(), &rows, &words()).unwrap();
        assert_eq!(svg.matches("data-category=").count(), 2);
        assert!(svg.contains("<title>Energy &lt;&amp;&gt;: overdue 1</title>"));
        assert!(svg.contains(">3</text>"), "{svg}");
        assert!(svg.contains(">0</text>"), "{svg}");
        assert!(svg.contains(r#"aria-labelledby="milestones-title milestones-desc""#));
    }

    #[test]
    fn the_longest_bar_fills_the_width() {
        let rows = [Row {
            label: "A".into(),
            counts: vec![3, 1],
        }];
        let svg = stacked_bars(&categories(), &rows, &words()).unwrap();
        let full = WIDTH - LABEL_WIDTH - RIGHT_MARGIN;
        assert!(
            svg.contains(&format!(r#"width="{}""#, full * 3 / 4)),
            "{svg}"
        );
        assert!(svg.contains(&format!(r#"width="{}""#, full / 4)), "{svg}");
    }

    #[test]
    fn a_long_legend_wraps_within_the_width() {
        let many: Vec<Category> = (0..8)
            .map(|i| Category {
                code: "x",
                label: format!("a rather long name {i}"),
                colour: "#000000",
            })
            .collect();
        let rows = [Row {
            label: "A".into(),
            counts: vec![1; 8],
        }];
        let svg = stacked_bars(&many, &rows, &words()).unwrap();
        let legend_starts: Vec<i32> = svg
            .split(r#"<text x=""#)
            .skip(1)
            .filter(|rest| rest.contains(">a rather long name"))
            .filter_map(|rest| rest.split('"').next()?.parse::<i32>().ok())
            .collect();
        assert_eq!(legend_starts.len(), 8, "{svg}");
        for x in legend_starts {
            // 20 characters of about 7 pixels each.
            assert!(x + 7 * 20 <= WIDTH, "a label runs off at {x}: {svg}");
        }
        let height: i32 = svg.split(r#"viewBox="0 0 680 "#).nth(1).unwrap()[..3]
            .trim_end_matches('"')
            .parse()
            .unwrap();
        assert!(height > TOP + ROW + LEGEND, "{height}");
    }

    #[test]
    fn nothing_to_count_draws_nothing() {
        let rows = [Row {
            label: "A".into(),
            counts: vec![0, 0],
        }];
        assert!(stacked_bars(&categories(), &rows, &words()).is_none());
        assert!(stacked_bars(&categories(), &[], &words()).is_none());
    }
}
