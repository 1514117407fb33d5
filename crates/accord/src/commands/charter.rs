//! `accord charter …`: parse a published charter text and compare language versions.

use std::process::ExitCode;

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum CharterCommand {
    /// Parse a charter text (default: the bundled Azerbaijan–United States charter).
    Parse {
        /// The charter's text file.
        file: Option<std::path::PathBuf>,
    },
}

pub fn run(command: CharterCommand) -> anyhow::Result<ExitCode> {
    match command {
        CharterCommand::Parse { file } => {
            anyhow::bail!("charter parsing is not built yet ({file:?})")
        }
    }
}
