//! `accord import projects FILE.csv`: a project list from a spreadsheet.

use crate::output::outln;
use std::path::PathBuf;
use std::process::ExitCode;

use accord_app::App;
use accord_app::import::projects::plan;
use accord_domain::command::{Actor, Command};
use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::instance::InstanceArgs;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Projects from a CSV file (header: working_group,title,provisions,lead_party,
    /// lead_organisation,partners,start,end,amount,currency,classification).
    /// They come in as proposed; agreeing the list is a separate act of both parties.
    Projects(ProjectsArgs),
}

#[derive(Debug, Args)]
pub struct ProjectsArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The CSV file.
    pub file: PathBuf,
}

pub fn run(command: ImportCommand) -> anyhow::Result<ExitCode> {
    let ImportCommand::Projects(args) = command;
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: not UTF-8 text (byte {}): save the spreadsheet as CSV UTF-8",
            args.file.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
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
