//! Offline checks: an inclusion or consistency proof, a signed note. No
//! database: an auditor runs these with nothing but what they were handed
//! (hashes from a proof endpoint, a checkpoint file, the other party's
//! verifier key).
//!
//! Exit codes: 0 when the check holds, 1 when it fails, 2 when an argument is
//! malformed (a hash that is not 32 bytes, a verifier key that does not
//! parse). Each outcome prints one line.

use crate::output::outln;
use std::path::PathBuf;
use std::process::ExitCode;

use accord_log::checkpoint::Checkpoint;
use accord_log::note::{self, VerifierKey};
use accord_log::{Hash, verify_consistency, verify_inclusion};
use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::commands::UsageError;

#[derive(Debug, Subcommand)]
pub enum CheckProofCommand {
    /// Check an inclusion proof: that a leaf hash is at an index of a tree with a given root.
    Inclusion(InclusionArgs),
    /// Check a consistency proof: that the tree with the old root is a prefix of the tree with the new root.
    Consistency(ConsistencyArgs),
}

/// Hashes are given in standard base64 or as 64 hex digits.
#[derive(Debug, Args)]
pub struct InclusionArgs {
    /// The leaf's 0-based index.
    #[arg(long)]
    pub index: u64,
    /// The tree size the root is for.
    #[arg(long)]
    pub size: u64,
    /// The leaf hash, SHA-256(0x00 ‖ entry).
    #[arg(long = "leaf-hash", allow_hyphen_values = true)]
    pub leaf_hash: String,
    /// The tree's root hash at that size.
    #[arg(long, allow_hyphen_values = true)]
    pub root: String,
    /// One proof hash; repeat in order, from the leaf up (none: an empty proof).
    #[arg(long = "proof", allow_hyphen_values = true)]
    pub proof: Vec<String>,
}

/// Hashes are given in standard base64 or as 64 hex digits.
#[derive(Debug, Args)]
pub struct ConsistencyArgs {
    /// The older tree's size.
    #[arg(long = "old-size")]
    pub old_size: u64,
    /// The newer tree's size.
    #[arg(long = "new-size")]
    pub new_size: u64,
    /// The older tree's root hash.
    #[arg(long = "old-root", allow_hyphen_values = true)]
    pub old_root: String,
    /// The newer tree's root hash.
    #[arg(long = "new-root", allow_hyphen_values = true)]
    pub new_root: String,
    /// One proof hash; repeat in order (none: an empty proof).
    #[arg(long = "proof", allow_hyphen_values = true)]
    pub proof: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CheckNoteArgs {
    /// A verifier key (`name+keyid+base64`); repeat to accept several signers.
    #[arg(long, required = true)]
    pub key: Vec<String>,
    /// The signed note's file.
    pub file: PathBuf,
}

/// A hash argument, or a usage error naming the flag.
fn hash_arg(flag: &str, text: &str) -> Result<Hash, UsageError> {
    Hash::parse(text).map_err(|e| UsageError(format!("--{flag}: {e}")))
}

fn proof_arg(texts: &[String]) -> Result<Vec<Hash>, UsageError> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            Hash::parse(text).map_err(|e| UsageError(format!("--proof #{}: {e}", i + 1)))
        })
        .collect()
}

/// Prints why a check failed and returns exit code 1.
fn failed(reason: impl std::fmt::Display) -> ExitCode {
    eprintln!("accord: check failed: {reason}");
    ExitCode::FAILURE
}

pub fn check_proof(command: CheckProofCommand) -> anyhow::Result<ExitCode> {
    match command {
        CheckProofCommand::Inclusion(args) => {
            let leaf = hash_arg("leaf-hash", &args.leaf_hash)?;
            let root = hash_arg("root", &args.root)?;
            let proof = proof_arg(&args.proof)?;
            match verify_inclusion(args.index, args.size, &leaf, &proof, &root) {
                Ok(()) => {
                    outln!(
                        "inclusion proof verified: index {} in tree of size {}",
                        args.index,
                        args.size
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => Ok(failed(format_args!("inclusion proof: {e}"))),
            }
        }
        CheckProofCommand::Consistency(args) => {
            let old_root = hash_arg("old-root", &args.old_root)?;
            let new_root = hash_arg("new-root", &args.new_root)?;
            let proof = proof_arg(&args.proof)?;
            match verify_consistency(args.old_size, args.new_size, &old_root, &new_root, &proof) {
                Ok(()) => {
                    outln!(
                        "consistency proof verified: tree of size {} is a prefix of tree of size {}",
                        args.old_size,
                        args.new_size
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => Ok(failed(format_args!("consistency proof: {e}"))),
            }
        }
    }
}

pub fn check_note(args: CheckNoteArgs) -> anyhow::Result<ExitCode> {
    let keys = args
        .key
        .iter()
        .map(|k| VerifierKey::parse(k).map_err(|e| UsageError(format!("--key {k:?}: {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let opened = match note::open_bytes(&bytes, &keys) {
        Ok(opened) => opened,
        Err(e) => return Ok(failed(format_args!("{}: {e}", args.file.display()))),
    };
    let signers = opened.verified_by.join(", ");
    match Checkpoint::parse_body(&opened.body) {
        Ok(checkpoint) => outln!(
            "checkpoint verified by {signers}: origin {}, size {}, root {}",
            checkpoint.origin,
            checkpoint.size,
            checkpoint.root
        ),
        Err(_) => outln!("note verified by {signers}"),
    }
    Ok(ExitCode::SUCCESS)
}
