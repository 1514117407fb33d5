//! `accord key …`: checkpoint signing keys.

use std::process::ExitCode;

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Generate an Ed25519 signing key and print its verifier key.
    Generate {
        /// The key's name (the signer's identity in signed notes).
        #[arg(long)]
        name: String,
    },
}

pub fn run(command: KeyCommand) -> anyhow::Result<ExitCode> {
    match command {
        KeyCommand::Generate { name } => anyhow::bail!("key generation is not built yet ({name})"),
    }
}
