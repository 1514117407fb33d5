//! The Prometheus text exposition format (version 0.0.4), written by hand:
//! a `# HELP` and `# TYPE` line per family, then one line per sample, with
//! label values escaped as the format asks (backslash, quote, newline).

use std::fmt::Write as _;

/// A page of metric families being written.
#[derive(Debug, Default)]
pub struct Exposition {
    text: String,
}

impl Exposition {
    /// Starts a family: its name, kind (`counter`, `gauge`, `histogram`)
    /// and what it measures.
    pub fn family(&mut self, name: &str, kind: &str, help: &str) {
        let _ = writeln!(self.text, "# HELP {name} {help}");
        let _ = writeln!(self.text, "# TYPE {name} {kind}");
    }

    /// One sample of the family: `name{label="value",…} value`.
    pub fn sample(&mut self, name: &str, labels: &[(&str, &str)], value: f64) {
        self.text.push_str(name);
        if !labels.is_empty() {
            self.text.push('{');
            for (i, (label, text)) in labels.iter().enumerate() {
                if i > 0 {
                    self.text.push(',');
                }
                let _ = write!(self.text, "{label}=\"{}\"", escape(text));
            }
            self.text.push('}');
        }
        let _ = writeln!(self.text, " {}", number(value));
    }

    pub fn finish(self) -> String {
        self.text
    }
}

fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// A sample value: integers without a fraction, `+Inf` for infinity.
fn number(value: f64) -> String {
    if value.is_infinite() {
        if value > 0.0 { "+Inf" } else { "-Inf" }.to_owned()
    } else if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_families_samples_and_escaped_labels() {
        let mut page = Exposition::default();
        page.family("x_total", "counter", "Things.");
        page.sample(
            "x_total",
            &[("route", "/a\"b\\c\nd"), ("status", "200")],
            3.0,
        );
        page.sample("x_seconds", &[], 0.25);
        page.sample("x_bucket", &[("le", "+Inf")], f64::INFINITY);
        assert_eq!(
            page.finish(),
            "# HELP x_total Things.\n# TYPE x_total counter\n\
             x_total{route=\"/a\\\"b\\\\c\\nd\",status=\"200\"} 3\n\
             x_seconds 0.25\nx_bucket{le=\"+Inf\"} +Inf\n"
        );
    }
}
