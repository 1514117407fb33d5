//! `accord import projects FILE.csv` and `accord import measurements
//! FILE.csv`: a project list, or indicators' measurements, from a
//! spreadsheet. All the rows are recorded or none, with every bad row named
//! by its line and column.

use crate::output::outln;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use accord_app::App;
use accord_app::import::projects::plan;
use accord_domain::command::{Actor, Command};
use accord_domain::ids::ProjectId;
use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::instance::InstanceArgs;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Projects from a CSV file (header: working_group,title,provisions,lead_party,
    /// lead_organisation,partners,start,end,amount,currency,classification).
    /// They come in as proposed; agreeing the list is a separate act of both parties.
    Projects(ProjectsArgs),
    /// Indicators' measurements from a CSV file (header, in any order:
    /// indicator,date,value,source and optionally unit,project,indicator_name;
    /// the measurements file of `accord export csv` imports as it is).
    Measurements(MeasurementsArgs),
}

#[derive(Debug, Args)]
pub struct MeasurementsArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The CSV file.
    pub file: PathBuf,
    /// Refuse any row about another project's indicators.
    #[arg(long, value_name = "PROJECT")]
    pub project: Option<String>,
}

#[derive(Debug, Args)]
pub struct ProjectsArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The CSV file.
    pub file: PathBuf,
}

pub fn run(command: ImportCommand) -> anyhow::Result<ExitCode> {
    match command {
        ImportCommand::Projects(args) => projects(args),
        ImportCommand::Measurements(args) => measurements(args),
    }
}

/// The file's text, which a spreadsheet must have saved as UTF-8.
fn read_text(file: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: not UTF-8 text (byte {}): save the spreadsheet as CSV UTF-8",
            file.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

fn measurements(args: MeasurementsArgs) -> anyhow::Result<ExitCode> {
    let text = read_text(&args.file)?;
    let app = App::open(args.instance.open_ledger()?, &mut |_, _| {})?;
    let only = args.project.map(ProjectId::new);
    let imported = app
        .import_measurements(&Actor::System, &text, only.as_ref(), jiff::Timestamp::now())
        .with_context(|| format!("{}", args.file.display()))?;
    outln!(
        "imported {} measurement(s); log entries from {}",
        imported.count,
        imported.first_index
    );
    Ok(ExitCode::SUCCESS)
}

fn projects(args: ProjectsArgs) -> anyhow::Result<ExitCode> {
    let text = read_text(&args.file)?;
    let app = App::open(args.instance.open_ledger()?, &mut |_, _| {})?;
    let now = jiff::Timestamp::now();
    let commands = app
        .read(|state| plan(&text, state, accord_app::utc_date(now)))
        .with_context(|| format!("{}", args.file.display()))?;
    let projects = commands
        .iter()
        .filter(|c| matches!(c, Command::ProposeProject { .. }))
        .count();
    let organisations = commands
        .iter()
        .filter(|c| matches!(c, Command::RegisterOrganisation { .. }))
        .count();
    if projects == 0 {
        outln!("{}: no projects to import", args.file.display());
        return Ok(ExitCode::SUCCESS);
    }
    let receipt = app.execute_all(&Actor::System, commands, now)?;
    outln!(
        "imported {projects} project(s) as proposed, registered {organisations} new organisation(s); log: {} entries",
        receipt.size
    );
    Ok(ExitCode::SUCCESS)
}
