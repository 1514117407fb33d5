//! One module per command group. Each exposes a clap `Subcommand` enum and a
//! `run` function returning the process exit code.

pub mod account;
pub mod backup;
pub mod charter;
pub mod export;
pub mod import;
pub mod init;
pub mod key;
pub mod log;
pub mod node;
pub mod node_follow;
pub mod report;
pub mod serve;
pub mod status;
pub mod viewer;

/// An argument that clap accepted but that is malformed for the command
/// (for example a hash that is not 32 bytes). `main` maps it to exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);
