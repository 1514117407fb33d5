//! `accord`: the command-line entry point.
//!
//! This binary is the outer edge of the system. It parses arguments with
//! `clap`, reads files, the clock and the environment, and calls into the
//! pure library crates (`accord-charter`, `accord-log`) and the store
//! (`accord-store`). It is the only crate that uses `anyhow`: the libraries
//! return typed errors, and here they are given context ("while reading
//! FILE") and printed once, on one line, to standard error.
//!
//! Exit codes are part of the interface, because auditors script these
//! commands:
//! - `0`: the command did what it was asked, or the check holds;
//! - `1`: the check fails, or the input is bad (the message says what and where);
//! - `2`: the arguments themselves are malformed (clap's own usage errors too).

mod bundled;
mod commands;
mod instance;
mod logging;
mod output;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// accord: the system of record for carrying out a strategic-partnership charter.
#[derive(Debug, Parser)]
#[command(name = "accord", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read a charter's published text: provisions, obligations, working groups.
    #[command(subcommand)]
    Charter(commands::charter::CharterCommand),
    /// Create an instance from a charter: its working groups and obligations.
    Init(commands::init::InitArgs),
    /// Import records kept elsewhere (project lists from spreadsheets).
    #[command(subcommand)]
    Import(commands::import::ImportCommand),
    /// The charter's rules at a glance: deadlines, meetings, coverage.
    Status(commands::status::StatusArgs),
    /// The tamper-evident log: verify a store, print checkpoints, make and check proofs.
    #[command(subcommand)]
    Log(commands::log::LogCommand),
    /// Signing keys for checkpoints.
    #[command(subcommand)]
    Key(commands::key::KeyCommand),
    /// Serve the web application: pages, the JSON API and its OpenAPI document.
    Serve(commands::serve::ServeArgs),
    /// The record in a standard format: Akoma Ntoso, IATI, iCalendar, CSV, Popolo, JSON.
    #[command(subcommand)]
    Export(commands::export::ExportCommand),
    /// Reports for the parties: the annual report, as HTML or an A4 PDF.
    #[command(subcommand)]
    Report(commands::report::ReportCommand),
    /// Logins for the people of the record: add, invite, set a password.
    #[command(subcommand)]
    Account(commands::account::AccountCommand),
    /// Each party's own node: the credentials nodes read the log with.
    #[command(subcommand)]
    Node(commands::node::NodeCommand),
    /// A consistent copy of the instance, taken while it serves, verified as it is written.
    Backup(commands::backup::BackupArgs),
    /// Put a backup back: refused unless it verifies; a rollback only when asked.
    Restore(commands::backup::RestoreArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Charter(command) => commands::charter::run(command),
        Command::Init(args) => commands::init::run(args),
        Command::Import(command) => commands::import::run(command),
        Command::Status(args) => commands::status::run(args),
        Command::Log(command) => commands::log::run(command),
        Command::Key(command) => commands::key::run(command),
        Command::Serve(args) => commands::serve::run(args),
        Command::Account(command) => commands::account::run(command),
        Command::Node(command) => commands::node::run(command),
        Command::Export(command) => commands::export::run(command),
        Command::Report(command) => commands::report::run(command),
        Command::Backup(args) => commands::backup::back_up(args),
        Command::Restore(args) => commands::backup::restore(args),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("accord: {error:#}");
            if error.downcast_ref::<commands::UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
