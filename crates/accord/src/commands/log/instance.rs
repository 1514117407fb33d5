//! Checks and proofs that read an instance's store (SQLite or PostgreSQL),
//! and two low-level operator tools: `init` and `append`.
//!
//! The auditor's commands (`verify`, `checkpoint`, `verifier-key`, `prove`)
//! work offline and never write: they open the store read-only, recompute
//! what they need from the entries' bytes and check it against the signed
//! checkpoints. They exit 0 when the check holds, 1 when it fails (with a
//! one-line reason), 2 when the arguments are malformed.

use crate::output::{out, outln};
use std::io::{BufRead as _, Write as _};
use std::process::ExitCode;
use std::time::Duration;

use accord_log::Hash;
use anyhow::{Context as _, bail};
use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;

use crate::commands::UsageError;
use crate::instance::{Audit, AuditArgs, InstanceArgs, KeySource};

/// The variable that makes `accord log append --lines` acknowledge each
/// entry *before* committing it. Test-only: it exists so that the crash test
/// can show that its harness catches a lost acknowledged append.
pub const ACK_BEFORE_COMMIT_VAR: &str = "ACCORD_TEST_ACK_BEFORE_COMMIT";

#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The log's origin, which names its checkpoints and their key
    /// (e.g. `accord.example/az-us-2026`; no spaces or `+`).
    #[arg(long, value_name = "NAME")]
    pub origin: String,
}

#[derive(Debug, Args)]
pub struct AppendArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Read standard input and append each line (without its newline) as an
    /// entry of its own, as soon as it is read.
    #[arg(long, conflicts_with = "files")]
    pub lines: bool,
    /// Files whose contents to append, one entry each, as one batch.
    #[arg(value_name = "FILE", required_unless_present = "lines")]
    pub files: Vec<std::path::PathBuf>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 when the log verifies against --key or --policy, 1 when it does not \
(the last line names the first bad entry, or why the policy refuses the checkpoint), 2 on malformed \
arguments, 3 when the log is consistent with the checkpoints it holds but neither --key nor --policy \
said who should have signed them. An instance whose log does not verify refuses writes: \
restore its database from a backup whose log verifies (check the copy first with --db), keep the data \
folder's checkpoint.key, and enter again what was recorded after that backup."
)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub audit: AuditArgs,
    /// A trust policy (C2SP tlog-policy): the log's key is the policy's log of this origin, and
    /// the latest checkpoint witnesses cosigned must meet the policy's quorum.
    #[arg(long, value_name = "FILE", conflicts_with = "key")]
    pub policy: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckpointArgs {
    #[command(flatten)]
    pub audit: AuditArgs,
}

#[derive(Debug, Args)]
pub struct VerifierKeyArgs {
    #[command(flatten)]
    pub audit: AuditArgs,
}

/// How a proof is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `name value` lines, one per proof hash.
    Text,
    /// One JSON object; hashes in standard base64.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ProveCommand {
    /// An inclusion proof for one entry.
    Inclusion {
        /// The entry's index (0-based).
        index: u64,
        /// The tree size to prove it in (default: the latest signed checkpoint's).
        #[arg(long)]
        size: Option<u64>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        #[command(flatten)]
        audit: AuditArgs,
    },
    /// A consistency proof between two tree sizes.
    Consistency {
        /// The older tree size (at least 1).
        old: u64,
        /// The newer tree size.
        new: u64,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        #[command(flatten)]
        audit: AuditArgs,
    },
}

/// `accord log init`: a data folder with a new checkpoint key and store.
pub fn init(args: InitArgs) -> anyhow::Result<ExitCode> {
    let ledger = args.instance.init(&args.origin)?;
    eprintln!(
        "created the log {} in {}; its checkpoints are signed by this verifier key:",
        args.origin,
        args.instance.data.display()
    );
    outln!("{}", ledger.verifier_key());
    Ok(ExitCode::SUCCESS)
}

/// `accord log append`: prints each entry's index once it is durable and a
/// checkpoint covers it.
pub fn append(args: AppendArgs) -> anyhow::Result<ExitCode> {
    let mut ledger = args.instance.open_ledger()?;
    if let Some(problem) = ledger.problem() {
        bail!("the log refuses writes: {problem}; see `accord log verify`");
    }
    // An instance made by `accord init` records accord's events: a raw entry
    // would leave it unable to start. Raw appends are for bare logs only.
    let first = ledger.read(0, 1)?;
    if first
        .first()
        .is_some_and(|e| accord_domain::event::decode(&e.entry).is_ok())
    {
        bail!(
            "{} records accord's events: raw entries would leave it unable to start; use `accord import` or the web application",
            args.instance.data.display()
        );
    }
    if ledger.recovered() > 0 {
        eprintln!(
            "signed {} entries of an interrupted append",
            ledger.recovered()
        );
    }
    let mut out = std::io::stdout().lock();
    if !args.lines {
        let entries = args
            .files
            .iter()
            .map(|f| std::fs::read(f).with_context(|| format!("cannot read {}", f.display())))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let appended = ledger.append(&entries)?;
        for index in appended.first_index..appended.size {
            writeln!(out, "{index}")?;
        }
        eprintln!("size {}, root {}", appended.size, appended.root);
        return Ok(ExitCode::SUCCESS);
    }
    let ack_first = std::env::var_os(ACK_BEFORE_COMMIT_VAR).is_some_and(|v| v == "1");
    if ack_first {
        eprintln!(
            "warning: {ACK_BEFORE_COMMIT_VAR}=1: acknowledging before committing (crash-test control only)"
        );
    }
    for line in std::io::stdin().lock().lines() {
        let line = line.context("cannot read standard input")?;
        if ack_first {
            // Deliberately wrong: tell the caller before the commit, and
            // linger, so that a kill in between loses an acknowledged entry.
            writeln!(out, "{}", ledger.size())?;
            out.flush()?;
            std::thread::sleep(Duration::from_millis(20));
        }
        let appended = ledger.append(&[line.as_bytes()])?;
        if !ack_first {
            writeln!(out, "{}", appended.first_index)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `accord log verify`: the full check.
pub fn verify(args: VerifyArgs) -> anyhow::Result<ExitCode> {
    let policy = args
        .policy
        .as_deref()
        .map(super::offline::read_policy)
        .transpose()?;
    let anchored = policy.is_some() || args.audit.key.is_some();
    let mut audit = match &policy {
        Some(policy) => args.audit.open_under_policy(policy)?,
        None => args.audit.open()?,
    };
    let v = audit.verify(true)?;
    audit.warn_about_key_source();
    if let Some(problem) = &v.problem {
        bail!("the log does not verify: {problem}");
    }
    // A party's node: the replica verifies, but the primary it follows
    // misbehaved; that is the answer.
    if let Some(alarms) = args
        .audit
        .data
        .as_deref()
        .and_then(|dir| accord_node::folder::NodeFolder::open(dir).ok())
        .and_then(|folder| folder.alarms().ok())
        .filter(|alarms| !alarms.is_empty())
    {
        for alarm in &alarms {
            eprintln!(
                "accord: ALARM {} at {}: {} (evidence: {})",
                alarm.kind.as_str(),
                alarm.observed,
                alarm.summary,
                alarm.evidence.display()
            );
        }
        bail!(
            "this node's replica verifies, but it raised {} alarm(s) against the primary it follows: read the evidence (`accord node evidence FILE`)",
            alarms.len()
        );
    }
    let size = v.tree.size();
    outln!(
        "{}: {size} entries, root {}",
        audit.store.describe(),
        v.tree.root()
    );
    match &v.latest {
        Some(latest) => outln!(
            "latest checkpoint: size {}, signed by {}",
            latest.checkpoint.size,
            audit.verifier
        ),
        None => outln!("no checkpoint yet"),
    }
    outln!(
        "checked: every entry's leaf hash recomputed from its bytes, {}{} checkpoint signatures and roots",
        if v.seals_checked { "every seal, " } else { "" },
        v.checkpoints_checked
    );
    if v.unsigned() > 0 {
        if v.seals_checked {
            outln!(
                "{} entries after the latest checkpoint are sealed by this instance but not yet signed \
                 (an interrupted append); the instance signs them when it next opens",
                v.unsigned()
            );
        } else {
            outln!(
                "warning: {} entries after the latest checkpoint are covered by no signature yet; \
                 without the instance's key they cannot be vouched for",
                v.unsigned()
            );
        }
    }
    if let Some(policy) = &policy {
        let cosigned = audit.store.meta(accord_store::meta::COSIGNED_CHECKPOINT)?;
        match check_under_policy(policy, cosigned.as_deref(), &v) {
            Ok(line) => outln!("{line}"),
            Err(reason) => bail!("the log's checkpoints do not pass the policy: {reason}"),
        }
    }
    if !anchored {
        outln!(
            "the log verifies against itself only: its entries match the checkpoints it holds, \
             checked with the key {} holds; nothing said who should have signed them \
             (pass --key VKEY or --policy FILE to check that)",
            match audit.key_source {
                KeySource::Store => "the store itself",
                _ => "its data folder",
            }
        );
        // Exit 0 all the same: operators' scripts and the earlier checks
        // of a backup or a crash rely on `verify --data` and `verify --db`
        // succeeding on a log that verifies; the statement above says what
        // was and was not checked.
        return Ok(ExitCode::SUCCESS);
    }
    outln!("the log verifies");
    Ok(ExitCode::SUCCESS)
}

/// The latest checkpoint the policy accepts: the one witnesses cosigned
/// (kept beside the log) when there is one, else the latest signed one (a
/// policy whose quorum is `none` needs no cosignature). Its root must be the
/// recomputed tree's at its size. Returns the line to print, or why not.
fn check_under_policy(
    policy: &accord_log::policy::Policy,
    cosigned: Option<&str>,
    v: &accord_store::Verification,
) -> Result<String, String> {
    let latest = v.latest.as_ref().map(|c| c.note.as_str());
    let mut refusal = None;
    for note in [cosigned, latest].into_iter().flatten() {
        let checked = match policy.check(note) {
            Ok(checked) => checked,
            Err(e) => {
                refusal.get_or_insert(e.to_string());
                continue;
            }
        };
        let size = checked.checkpoint.size;
        match v.tree.root_at(size) {
            Ok(root) if root == checked.checkpoint.root => {}
            _ => {
                return Err(format!(
                    "the cosigned checkpoint of size {size} does not match the log's tree of size {}",
                    v.tree.size()
                ));
            }
        }
        return Ok(format!(
            "checkpoint of size {size} (of {} signed) accepted under the policy: cosigned by {}",
            v.signed_size(),
            super::offline::cosigners(&checked.cosigned_by)
        ));
    }
    Err(refusal.unwrap_or_else(|| "no checkpoint yet".to_owned()))
}

/// `accord log checkpoint`: the latest signed checkpoint, exactly as filed,
/// once its signature checks out.
pub fn checkpoint(args: CheckpointArgs) -> anyhow::Result<ExitCode> {
    let mut audit = args.audit.open()?;
    let Some(stored) = audit.store.latest_checkpoint()? else {
        bail!("no checkpoint yet: the log is empty");
    };
    let options = options(&audit);
    accord_store::verify::open_checkpoint(&stored, &options)
        .map_err(|reason| anyhow::anyhow!("the latest checkpoint is not valid: {reason}"))?;
    audit.warn_about_key_source();
    out!("{}", stored.note);
    Ok(ExitCode::SUCCESS)
}

/// `accord log verifier-key`: the key that checks this instance's checkpoints.
pub fn verifier_key(args: VerifierKeyArgs) -> anyhow::Result<ExitCode> {
    if args.audit.key.is_some() {
        return Err(UsageError("verifier-key takes no --key".to_owned()).into());
    }
    // The data folder's key needs no database (a PostgreSQL instance's
    // folder holds the key alone).
    if let Some(signer) = args.audit.key_file()? {
        outln!("{}", signer.verifier_key());
        return Ok(ExitCode::SUCCESS);
    }
    let audit = args.audit.open()?;
    if audit.key_source == KeySource::Store {
        eprintln!("note: this is the key the store records, not one read from a data folder");
    }
    outln!("{}", audit.verifier);
    Ok(ExitCode::SUCCESS)
}

/// `accord log prove inclusion | consistency`.
pub fn prove(command: ProveCommand) -> anyhow::Result<ExitCode> {
    match command {
        ProveCommand::Inclusion {
            index,
            size,
            format,
            audit,
        } => {
            let (audit, v) = open_verified(&audit)?;
            let size = size.unwrap_or_else(|| default_size(&v));
            check_size(size, &v)?;
            if index >= size {
                bail!("entry {index} is not in the tree of size {size}");
            }
            let proof = v.tree.inclusion_proof(index, size)?;
            let leaf = v.tree.leaf(index).context("the leaf exists")?;
            let root = v.tree.root_at(size)?;
            audit.warn_about_key_source();
            match format {
                Format::Json => outln!(
                    "{}",
                    json!({
                        "index": index,
                        "size": size,
                        "leaf_hash": leaf.to_base64(),
                        "root": root.to_base64(),
                        "proof": base64_all(&proof),
                    })
                ),
                Format::Text => {
                    outln!("inclusion proof of entry {index} in the tree of size {size}");
                    outln!("index {index}\nsize {size}\nleaf_hash {leaf}\nroot {root}");
                    print_proof(&proof);
                }
            }
        }
        ProveCommand::Consistency {
            old,
            new,
            format,
            audit,
        } => {
            if old == 0 {
                return Err(UsageError(
                    "OLD must be at least 1: every tree extends the empty one, and RFC 9162 defines no proof of it".to_owned(),
                )
                .into());
            }
            if old > new {
                return Err(UsageError(format!("OLD ({old}) is larger than NEW ({new})")).into());
            }
            let (audit, v) = open_verified(&audit)?;
            check_size(new, &v)?;
            let proof = v.tree.consistency_proof(old, new)?;
            let (old_root, new_root) = (v.tree.root_at(old)?, v.tree.root_at(new)?);
            audit.warn_about_key_source();
            match format {
                Format::Json => outln!(
                    "{}",
                    json!({
                        "old_size": old,
                        "new_size": new,
                        "old_root": old_root.to_base64(),
                        "new_root": new_root.to_base64(),
                        "proof": base64_all(&proof),
                    })
                ),
                Format::Text => {
                    outln!(
                        "consistency proof from the tree of size {old} to the tree of size {new}"
                    );
                    outln!(
                        "old_size {old}\nnew_size {new}\nold_root {old_root}\nnew_root {new_root}"
                    );
                    print_proof(&proof);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn options(audit: &Audit) -> accord_store::VerifyOptions<'_> {
    accord_store::VerifyOptions {
        verifier: &audit.verifier,
        origin: &audit.origin,
        seal_key: audit.seal.as_ref(),
        every_checkpoint: false,
        batch: accord_store::DEFAULT_BATCH,
    }
}

/// Opens and checks the store (as an instance does when it starts): proofs
/// from a log that fails its check would prove nothing.
fn open_verified(args: &AuditArgs) -> anyhow::Result<(Audit, accord_store::Verification)> {
    let mut audit = args.open()?;
    let v = audit.verify(false)?;
    if let Some(problem) = &v.problem {
        bail!("the log does not verify, so it proves nothing: {problem}");
    }
    Ok((audit, v))
}

/// The latest signed checkpoint's size, or the whole tree without one.
fn default_size(v: &accord_store::Verification) -> u64 {
    v.latest
        .as_ref()
        .map_or(v.tree.size(), |c| c.checkpoint.size)
}

fn check_size(size: u64, v: &accord_store::Verification) -> anyhow::Result<()> {
    if size > v.tree.size() {
        bail!(
            "the log holds {} entries, fewer than the tree size {size}",
            v.tree.size()
        );
    }
    Ok(())
}

fn base64_all(hashes: &[Hash]) -> Vec<String> {
    hashes.iter().map(Hash::to_base64).collect()
}

fn print_proof(proof: &[Hash]) {
    for hash in proof {
        outln!("proof {hash}");
    }
}
