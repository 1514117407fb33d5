//! Checks and proofs that read an instance's store (SQLite or PostgreSQL).

use std::process::ExitCode;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct VerifyArgs {}

#[derive(Debug, Args)]
pub struct CheckpointArgs {}

#[derive(Debug, Args)]
pub struct VerifierKeyArgs {}

#[derive(Debug, Subcommand)]
pub enum ProveCommand {
    /// An inclusion proof for one entry.
    Inclusion,
    /// A consistency proof between two tree sizes.
    Consistency,
}

pub fn verify(_args: VerifyArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("store verification is not built yet")
}

pub fn checkpoint(_args: CheckpointArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("checkpoints are not built yet")
}

pub fn verifier_key(_args: VerifierKeyArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("verifier keys are not built yet")
}

pub fn prove(_command: ProveCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("proofs are not built yet")
}
