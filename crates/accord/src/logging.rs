//! `accord serve`'s log lines on standard error: readable text on a
//! terminal, or one JSON object per line (`--log-format json`) for a log
//! collector, each with its time, level, message, fields and the request
//! id of the request that caused it.
//!
//! What is logged is chosen where it is logged: request lines carry the
//! route's pattern (never an address, which may hold a token), errors
//! their stable code and an internal message that names no password,
//! token or record content. This module only shapes the lines.

use std::fmt;

use clap::ValueEnum;
use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields, FormattedFields};
use tracing_subscriber::registry::LookupSpan;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One readable line per event (colours on a terminal).
    Text,
    /// One JSON object per line.
    Json,
}

/// Installs the process's log subscriber.
pub fn init(format: LogFormat) {
    use std::io::IsTerminal as _;
    let builder = tracing_subscriber::fmt()
        .with_target(false)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).init(),
        LogFormat::Json => builder.with_ansi(false).event_format(JsonLines).init(),
    }
}

/// Formats each event as one JSON object.
struct JsonLines;

impl<S, N> FormatEvent<S, N> for JsonLines
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let mut line = serde_json::Map::new();
        line.insert("time".into(), jiff::Timestamp::now().to_string().into());
        line.insert(
            "level".into(),
            event.metadata().level().as_str().to_lowercase().into(),
        );
        // The fields of the spans around the event (the request's id),
        // as their formatter wrote them: `name=value` pairs.
        if let Some(scope) = ctx.event_scope() {
            for span in scope.from_root() {
                if let Some(fields) = span.extensions().get::<FormattedFields<N>>() {
                    for pair in fields.fields.split_whitespace() {
                        if let Some((name, value)) = pair.split_once('=') {
                            line.insert(name.to_owned(), value.trim_matches('"').into());
                        }
                    }
                }
            }
        }
        event.record(&mut Fields(&mut line));
        writeln!(writer, "{}", serde_json::Value::Object(line))
    }
}

/// Collects an event's fields into the line.
struct Fields<'a>(&'a mut serde_json::Map<String, serde_json::Value>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.into());
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.insert(field.name().to_owned(), value.into());
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().to_owned(), value.into());
    }
    fn record_f64(&mut self, field: &Field, value: f64) {
        self.0.insert(field.name().to_owned(), value.into());
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.insert(field.name().to_owned(), value.into());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0
            .insert(field.name().to_owned(), format!("{value:?}").into());
    }
}
