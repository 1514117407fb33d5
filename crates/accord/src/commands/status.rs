//! `accord status`: the charter's rules at a glance, for any date.

use crate::output::{out, outln};
use std::process::ExitCode;

use accord_app::App;
use accord_app::status_view::{status_json, status_text};
use accord_domain::visibility::Viewer;
use clap::{Args, ValueEnum};

use crate::commands::UsageError;
use crate::instance::InstanceArgs;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The date to judge the rules on (ISO 8601). Default: today (UTC).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(args: StatusArgs) -> anyhow::Result<ExitCode> {
    let as_of = match &args.as_of {
        Some(text) => text.parse::<jiff::civil::Date>().map_err(|_| {
            UsageError(format!("--as-of {text:?} is not a date such as 2026-05-10"))
        })?,
        None => accord_app::utc_date(jiff::Timestamp::now()),
    };
    let app = App::open(args.instance.open_ledger()?, &mut |_, _| {})?;
    // The operator at the console sees the whole record.
    let report = app.status(&Viewer::Operator, as_of)?;
    match args.format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&status_json(&report))?),
        Format::Text => out!("{}", status_text(&report)),
    }
    Ok(ExitCode::SUCCESS)
}
