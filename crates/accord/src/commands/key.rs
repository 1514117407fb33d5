//! `accord key …`: checkpoint signing keys.
//!
//! A key is an Ed25519 key with a name, written in the form of Go's
//! `golang.org/x/mod/sumdb/note` (`PRIVATE+KEY+name+keyid+base64`). Its
//! randomness comes from the operating system here, at the edge: accord-log
//! itself never draws any.

use crate::output::outln;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use accord_log::note::SigningKey;
use anyhow::Context as _;
use clap::Subcommand;

use crate::commands::UsageError;

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Generate an Ed25519 signing key, write it to a new file (mode 0600) and print its verifier key.
    Generate {
        /// The key's name (the signer's identity in signed notes), e.g. `accord.example/az`.
        #[arg(long)]
        name: String,
        /// The file to write the private key to; it must not exist. Default: `NAME.key` in the
        /// current directory, with any `/` in the name written as `_`.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn run(command: KeyCommand) -> anyhow::Result<ExitCode> {
    match command {
        KeyCommand::Generate { name, out } => generate(&name, out),
    }
}

fn generate(name: &str, out: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    if !accord_log::note::is_valid_name(name) {
        return Err(UsageError(format!(
            "--name {name:?}: a key name must be non-empty, with no spaces, '+' or control characters"
        ))
        .into());
    }
    let path = match out {
        Some(path) => path,
        // A name such as `example.com/log` has a slash: keep the default file
        // in the current directory.
        None => PathBuf::from(format!("{}.key", name.replace('/', "_"))),
    };
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no randomness from the OS: {e}"))?;
    let key = SigningKey::from_seed(name, seed)?;
    seed = [0u8; 32];
    std::hint::black_box(&seed);

    let mut file = create_private(&path).with_context(|| {
        format!(
            "creating {} (an existing key file is never overwritten)",
            path.display()
        )
    })?;
    file.write_all(format!("{}\n", key.to_private_string()).as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", path.display()))?;
    eprintln!("accord: private key written to {}", path.display());
    outln!("{}", key.verifier_key());
    Ok(ExitCode::SUCCESS)
}

/// Creates a new file readable and writable by its owner only; fails if it exists.
fn create_private(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options.open(path)
}
