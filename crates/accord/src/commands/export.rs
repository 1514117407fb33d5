//! `accord export FORMAT`: the record in a standard format, on standard
//! output or into a file.
//!
//! At the console the operator sees the whole record; `--public` writes only
//! what the public portal shows, and `--as PERSON` what that person may see,
//! so an export can be checked before it is handed over.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use accord_app::App;
use accord_export::{ExportError, ExportScope};
use clap::{Args, Subcommand};

use crate::commands::viewer::ViewerArgs;
use crate::instance::InstanceArgs;
use crate::output::Sink;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The charter as an Akoma Ntoso 3.0 document.
    Akn(AknArgs),
    /// Working groups and projects as IATI 2.03 activities.
    Iati(CommonArgs),
    /// Meetings, deadlines and milestones as iCalendar (RFC 5545).
    Ics(CommonArgs),
    /// Projects as CSV in the format `accord import projects` reads (or
    /// milestones, or indicator measurements).
    Csv(CsvArgs),
    /// Organisations, people, posts and memberships as Popolo JSON.
    Popolo(CommonArgs),
    /// Everything the viewer may see, in one JSON document.
    Json(CommonArgs),
}

/// What every export takes: the instance, whom it is for, where it goes.
#[derive(Debug, Args)]
pub struct CommonArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    #[command(flatten)]
    pub viewer: ViewerArgs,
    /// Write here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AknArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// The language version to mark up (fr, en, …). Default: the
    /// charter's reference version (Akoma Ntoso holds one expression per
    /// document: export each version to its own file).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CsvTable {
    Projects,
    Milestones,
    Measurements,
}

#[derive(Debug, Args)]
pub struct CsvArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Which table.
    #[arg(long, value_enum, default_value_t = CsvTable::Projects)]
    pub table: CsvTable,
}

pub fn run(command: ExportCommand) -> anyhow::Result<ExitCode> {
    match command {
        ExportCommand::Akn(args) => {
            let lang = args.lang.clone();
            export(&args.common, |scope, out| {
                accord_export::akn::write(scope, lang.as_deref(), out)
            })
        }
        ExportCommand::Iati(args) => export(&args, accord_export::iati::write),
        ExportCommand::Ics(args) => export(&args, accord_export::ics::write),
        ExportCommand::Csv(args) => export(&args.common, |scope, out| match args.table {
            CsvTable::Projects => accord_export::table::write_projects(scope, out),
            CsvTable::Milestones => accord_export::table::write_milestones(scope, out),
            CsvTable::Measurements => accord_export::table::write_measurements(scope, out),
        }),
        ExportCommand::Popolo(args) => export(&args, accord_export::popolo::write),
        ExportCommand::Json(args) => export(&args, accord_export::json::write),
    }
}

/// Opens the instance, picks the viewer, and streams `write`'s output to
/// the file or standard output (see `Sink`).
fn export(
    args: &CommonArgs,
    write: impl FnOnce(&ExportScope<'_>, &mut dyn Write) -> Result<(), ExportError>,
) -> anyhow::Result<ExitCode> {
    let app = App::open(args.instance.open_ledger()?, &mut |_, _| {})?;
    let viewer = args.viewer.resolve(&app)?;
    let generated_at = jiff::Timestamp::now();
    let mut sink = Sink::open(args.output.as_deref())?;
    let written = app.read(|state| {
        let scope = ExportScope {
            state,
            viewer: &viewer,
            generated_at,
        };
        write(&scope, sink.writer())
    });
    sink.finish(written)?;
    Ok(ExitCode::SUCCESS)
}
