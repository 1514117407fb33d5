//! Offline checks: an inclusion or consistency proof, a signed note. No database.

use std::process::ExitCode;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum CheckProofCommand {
    /// Check an inclusion proof.
    Inclusion,
    /// Check a consistency proof.
    Consistency,
}

#[derive(Debug, Args)]
pub struct CheckNoteArgs {
    /// The verifier key (`name+keyid+base64`).
    #[arg(long)]
    pub key: String,
    /// The signed note's file.
    pub file: std::path::PathBuf,
}

pub fn check_proof(_command: CheckProofCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("proof checking is not built yet")
}

pub fn check_note(_args: CheckNoteArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("note checking is not built yet")
}
