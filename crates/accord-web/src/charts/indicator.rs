//! An indicator's measurements against its baseline and target: the
//! baseline and target values as horizontal reference lines, the planned
//! path from the baseline to the target as a dashed line, and the
//! measurements as a line with a dot at each, over time.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::{TimeAxis, escape};

const WIDTH: i32 = 640;
const HEIGHT: i32 = 220;
const LEFT: i32 = 70;
const RIGHT: i32 = 24;
const TOP: i32 = 26;
const BOTTOM: i32 = 40;

/// A value on a date, as a number.
pub type Point = (Date, f64);

#[derive(Debug, Clone)]
pub struct IndicatorChart {
    /// Makes the chart's element ids unique on its page.
    pub key: String,
    pub baseline: Point,
    pub target: Point,
    pub measurements: Vec<Point>,
}

/// The chart's words, in the user's language.
#[derive(Debug, Clone)]
pub struct Words {
    pub title: String,
    pub description: String,
    pub baseline: String,
    pub target: String,
    pub measured: String,
}

/// A number as a label: no needless decimals.
fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The chart as an `<svg>` element.
pub fn indicator(chart: &IndicatorChart, words: &Words) -> String {
    let values = || {
        [chart.baseline.1, chart.target.1]
            .into_iter()
            .chain(chart.measurements.iter().map(|m| m.1))
    };
    let low = values().fold(f64::INFINITY, f64::min);
    let high = values().fold(f64::NEG_INFINITY, f64::max);
    let pad = if high > low { (high - low) * 0.1 } else { 1.0 };
    let (low, high) = (low - pad, high + pad);
    let bottom = HEIGHT - BOTTOM;
    let y = |v: f64| {
        let ratio = (v - low) / (high - low);
        bottom - (ratio * f64::from(bottom - TOP)).round() as i32
    };
    let dates = [chart.baseline.0, chart.target.0]
        .into_iter()
        .chain(chart.measurements.iter().map(|m| m.0));
    let Some(axis) = TimeAxis::over(dates, 10, LEFT, WIDTH - RIGHT) else {
        return String::new();
    };
    let key = escape(&chart.key);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="indicator-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-labelledby="{key}-title {key}-desc"><title id="{key}-title">{}</title><desc id="{key}-desc">{}</desc>"#,
        escape(&words.title),
        escape(&words.description),
    );
    axis.month_grid(&mut s, TOP, bottom);
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" y1="{bottom}" x2="{}" y2="{bottom}" stroke="#4a4a4a" stroke-width="1"/>"##,
        WIDTH - RIGHT
    );
    for (value, colour, label, class) in [
        (
            chart.baseline.1,
            "#4a4a4a",
            &words.baseline,
            "indicator-baseline",
        ),
        (chart.target.1, "#1b6e3a", &words.target, "indicator-target"),
    ] {
        let ly = y(value);
        let _ = write!(
            s,
            r##"<g class="{class}"><title>{}: {}</title><line x1="{LEFT}" y1="{ly}" x2="{}" y2="{ly}" stroke="{colour}" stroke-width="1" stroke-dasharray="4 3"/><text x="{}" y="{}" text-anchor="end" font-size="10" fill="{colour}">{}</text></g>"##,
            escape(label),
            number(value),
            WIDTH - RIGHT,
            LEFT - 4,
            ly + 3,
            number(value),
        );
    }
    // The planned path, from the baseline to the target.
    let _ = write!(
        s,
        r##"<line class="indicator-plan" x1="{}" y1="{}" x2="{}" y2="{}" stroke="#7a4d00" stroke-width="1.5" stroke-dasharray="6 4"/>"##,
        axis.x(chart.baseline.0),
        y(chart.baseline.1),
        axis.x(chart.target.0),
        y(chart.target.1),
    );
    let mut measured: Vec<Point> = chart.measurements.clone();
    measured.sort_by_key(|m| m.0);
    if measured.len() > 1 {
        let points: Vec<String> = measured
            .iter()
            .map(|(d, v)| format!("{},{}", axis.x(*d), y(*v)))
            .collect();
        let _ = write!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#0b4f8a" stroke-width="2"/>"##,
            points.join(" ")
        );
    }
    for (d, v) in &measured {
        let _ = write!(
            s,
            r##"<circle class="indicator-measurement" cx="{}" cy="{}" r="4" fill="#0b4f8a"><title>{} {d}: {}</title></circle>"##,
            axis.x(*d),
            y(*v),
            escape(&words.measured),
            number(*v),
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn words() -> Words {
        Words {
            title: "Capacity".into(),
            description: "MW".into(),
            baseline: "Baseline".into(),
            target: "Target".into(),
            measured: "Measured".into(),
        }
    }

    #[test]
    fn every_measurement_is_a_dot_between_the_reference_lines() {
        let chart = IndicatorChart {
            key: "i1".into(),
            baseline: (date(2026, 1, 1), 10.0),
            target: (date(2028, 1, 1), 110.0),
            measurements: vec![(date(2026, 9, 1), 30.0), (date(2026, 6, 1), 20.5)],
        };
        let svg = indicator(&chart, &words());
        assert_eq!(svg.matches(r#"class="indicator-measurement""#).count(), 2);
        assert!(svg.contains("Measured 2026-06-01: 20.5"), "{svg}");
        assert!(svg.contains(r#"aria-labelledby="i1-title i1-desc""#));
        assert!(svg.contains("<polyline"));
    }

    #[test]
    fn a_flat_indicator_still_draws() {
        let chart = IndicatorChart {
            key: "i2".into(),
            baseline: (date(2026, 1, 1), 5.0),
            target: (date(2026, 1, 1), 5.0),
            measurements: Vec::new(),
        };
        let svg = indicator(&chart, &words());
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn numbers_lose_needless_decimals() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(12.5), "12.5");
    }
}
