//! `accord log …`: the auditor's tools over the tamper-evident log.
//!
//! `offline` holds the checks that need no database (a proof, a signed note);
//! `instance` holds those that read a store (verify, checkpoint, prove).

mod instance;
mod offline;

use std::process::ExitCode;

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Verify a proof with no database: a C2SP tlog-proof under a trust policy, or bare hashes.
    CheckProof(offline::CheckProofArgs),
    /// Verify a signed note (a checkpoint) against a verifier key, or a trust policy's quorum.
    CheckNote(offline::CheckNoteArgs),
    /// The full check of a store: recompute the tree and check it against the latest signed checkpoint.
    Verify(instance::VerifyArgs),
    /// Print the latest signed checkpoint.
    Checkpoint(instance::CheckpointArgs),
    /// Print the instance's verifier key.
    VerifierKey(instance::VerifierKeyArgs),
    /// Produce an inclusion or consistency proof from a store.
    #[command(subcommand)]
    Prove(instance::ProveCommand),
    /// Low-level: create a data folder with a new checkpoint key and an empty log.
    Init(instance::InitArgs),
    /// Low-level: append raw entries to an instance's log (for tests and demos).
    Append(instance::AppendArgs),
}

pub fn run(command: LogCommand) -> anyhow::Result<ExitCode> {
    match command {
        LogCommand::CheckProof(args) => offline::check_proof(args),
        LogCommand::CheckNote(args) => offline::check_note(args),
        LogCommand::Verify(args) => instance::verify(args),
        LogCommand::Checkpoint(args) => instance::checkpoint(args),
        LogCommand::VerifierKey(args) => instance::verifier_key(args),
        LogCommand::Prove(command) => instance::prove(command),
        LogCommand::Init(args) => instance::init(args),
        LogCommand::Append(args) => instance::append(args),
    }
}
