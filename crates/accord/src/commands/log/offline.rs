//! Offline checks: an inclusion or consistency proof, a signed note, a
//! C2SP `tlog-proof`. No database: an auditor runs these with nothing but
//! what they were handed (hashes from a proof endpoint, a checkpoint file, a
//! `.tlog-proof` downloaded from an act's page, the other party's verifier
//! key or a trust policy naming the log and its witnesses).
//!
//! Exit codes: 0 when the check holds, 1 when it fails, 2 when an argument is
//! malformed (a hash that is not 32 bytes, a verifier key that does not
//! parse, a policy with a bad line, named in the message). Each outcome
//! prints one line.

use crate::output::outln;
use std::path::PathBuf;
use std::process::ExitCode;

use accord_log::checkpoint::Checkpoint;
use accord_log::note::{self, VerifierKey};
use accord_log::policy::Policy;
use accord_log::proof_file::TlogProof;
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

/// `accord log check-proof FILE.tlog-proof --policy FILE`, or one of the
/// older subcommands over bare hashes.
#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = "Exit status: 0 when the proof holds, 1 when it does not (the line says why), \
2 when an argument is malformed (a policy line that does not parse is named)."
)]
pub struct CheckProofArgs {
    #[command(subcommand)]
    pub command: Option<CheckProofCommand>,
    /// A C2SP tlog-proof (`c2sp.org/tlog-proof@v1`) whose `extra` holds the entry's bytes,
    /// as an act's page offers it for download.
    #[arg(value_name = "FILE.tlog-proof", required = true)]
    pub file: Option<PathBuf>,
    /// The trust policy (C2SP tlog-policy): the log's key, its witnesses and the quorum
    /// that must have cosigned the proof's checkpoint.
    #[arg(long, value_name = "FILE", required = true)]
    pub policy: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(
    group(clap::ArgGroup::new("trust").required(true).args(["key", "policy"])),
    after_help = "Exit status: 0 when the note is signed (and, with --policy, cosigned to the \
quorum), 1 when it is not (the line says why), 2 when an argument is malformed (a policy line \
that does not parse is named)."
)]
pub struct CheckNoteArgs {
    /// A verifier key (`name+keyid+base64`); repeat to accept several signers.
    #[arg(long, conflicts_with = "policy")]
    pub key: Vec<String>,
    /// A trust policy (C2SP tlog-policy): the checkpoint must be signed by one of its logs
    /// and cosigned by its witnesses to the quorum.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// The signed note's file.
    pub file: PathBuf,
}

/// Reads and parses a trust policy; any problem is a malformed argument
/// (exit 2) naming the file and, for a bad line, the line.
pub(super) fn read_policy(path: &std::path::Path) -> Result<Policy, UsageError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| UsageError(format!("--policy {}: {e}", path.display())))?;
    Policy::parse(&text).map_err(|e| UsageError(format!("--policy {}: {e}", path.display())))
}

/// The witnesses that cosigned, each with the time it gave, in UTC:
/// `X1 at 2026-12-07T10:00:00Z, X2 at …`; or that none did.
pub(super) fn cosigners(cosigned_by: &[(String, u64)]) -> String {
    if cosigned_by.is_empty() {
        return "no witness (the policy's quorum asks for none)".to_owned();
    }
    cosigned_by
        .iter()
        .map(|(name, time)| {
            let when = i64::try_from(*time)
                .ok()
                .and_then(|t| jiff::Timestamp::from_second(t).ok())
                .map_or_else(|| format!("time {time}"), |t| t.to_string());
            format!("{name} at {when}")
        })
        .collect::<Vec<_>>()
        .join(", ")
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

pub fn check_proof(args: CheckProofArgs) -> anyhow::Result<ExitCode> {
    let command = match (args.command, args.file, args.policy) {
        (Some(command), _, _) => command,
        (None, Some(file), Some(policy)) => return check_tlog_proof(&file, &policy),
        // clap requires FILE and --policy without a subcommand.
        (None, _, _) => {
            return Err(UsageError(
                "give a FILE.tlog-proof and --policy FILE, or a subcommand (inclusion, consistency)"
                    .to_owned(),
            )
            .into());
        }
    };
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

/// `accord log check-proof FILE.tlog-proof --policy FILE`: the proof's
/// checkpoint passes the policy, and its inclusion proof puts the leaf of
/// `extra` (the entry's bytes) at its index under that checkpoint's root.
fn check_tlog_proof(file: &std::path::Path, policy: &std::path::Path) -> anyhow::Result<ExitCode> {
    let policy = read_policy(policy)?;
    let text = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let Ok(text) = String::from_utf8(text) else {
        return Ok(failed(format_args!(
            "{}: not a tlog-proof (not UTF-8 text)",
            file.display()
        )));
    };
    let proof = match TlogProof::parse(&text) {
        Ok(proof) => proof,
        Err(e) => {
            return Ok(failed(format_args!(
                "{}: not a tlog-proof: {e}",
                file.display()
            )));
        }
    };
    let checked = match proof.verify(&policy, None) {
        Ok(checked) => checked,
        Err(e) => return Ok(failed(format_args!("{}: {e}", file.display()))),
    };
    // The entry's bytes are trusted now: their leaf is in the checked tree.
    let what = match proof.extra.as_deref().map(accord_domain::event::decode) {
        Some(Ok(entry)) => format!(
            "{} recorded at {}",
            accord_app::record::event_type(&entry.event),
            entry.recorded_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        ),
        _ => "an entry that is not an accord event".to_owned(),
    };
    outln!(
        "proof verified: entry {} ({what}) is in {}'s tree of size {}, cosigned by {}",
        checked.index,
        checked.checkpoint.origin,
        checked.checkpoint.size,
        cosigners(&checked.cosigned_by)
    );
    Ok(ExitCode::SUCCESS)
}

pub fn check_note(args: CheckNoteArgs) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.policy {
        return check_note_under_policy(&args.file, path);
    }
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

/// `accord log check-note --policy FILE NOTE`: the checkpoint is signed by
/// one of the policy's logs and cosigned by its witnesses to the quorum.
fn check_note_under_policy(
    file: &std::path::Path,
    policy: &std::path::Path,
) -> anyhow::Result<ExitCode> {
    let policy = read_policy(policy)?;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let Ok(note) = String::from_utf8(bytes) else {
        return Ok(failed(format_args!(
            "{}: not a signed note (not UTF-8 text)",
            file.display()
        )));
    };
    match policy.check(&note) {
        Ok(checked) => {
            outln!(
                "checkpoint accepted under the policy: {} size {}, signed by its log, cosigned by {}",
                checked.checkpoint.origin,
                checked.checkpoint.size,
                cosigners(&checked.cosigned_by)
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(failed(format_args!("{}: {e}", file.display()))),
    }
}
