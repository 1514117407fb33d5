//! `accord backup` and `accord restore`: a consistent copy of an instance
//! taken while it serves, and putting one back.
//!
//! A backup is one SQLite file holding the log's tables and the accounts'
//! (unless `--log-only`), read as of one moment (see
//! `accord_store::backup`). It is written under a temporary name, verified
//! with the instance's key exactly as `accord log verify --db FILE` would,
//! and only then given its name: a file that bears the name is a copy that
//! verified. It holds password hashes and hashed tokens, so it is created
//! readable by its owner only.
//!
//! A restore refuses a copy that does not verify with the instance's key.
//! A copy older than what the instance has signed (or one that does not
//! extend it) rolls the record back: whoever saw the later checkpoint would
//! see the log fork. That is done only with `--accept-rollback`, said on
//! standard error in capitals, and recorded in the log's named values
//! (`rollbacks`), which `accord serve` repeats at every start. What the
//! instance has signed is read from its store and from the checkpoint kept
//! beside its key (`checkpoint.latest`, see `crate::instance`), whichever
//! the copy fails to extend; a rollback accepted sets that file to the
//! copy's latest checkpoint, so that the instance opens the restored log.
//! That file is never part of a backup: it stays with the key.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use accord_log::note;
use accord_log::{Checkpoint, Hash};
use accord_store::backup::{self, Copied, Place};
use accord_store::kept::{CheckpointKeeper as _, KeptFile, read_kept};
use accord_store::{EventStore, PgStore, SqliteStore, Verification, meta};
use anyhow::{Context as _, bail};
use clap::Args;

use crate::commands::account::ACCOUNTS_FILE;
use crate::instance::{AuditArgs, DATABASE_FILE, InstanceArgs, KEPT_FILE};
use crate::output::outln;

#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The new file to write the copy to (refused if it exists).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Copy the log only, without the accounts (a copy to hand an auditor:
    /// no password hash, session or token).
    #[arg(long)]
    pub log_only: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file to restore (written by `accord backup`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Restore even a copy older than what the instance has signed. The
    /// record is rolled back; the act is recorded and repeated at each start.
    #[arg(long)]
    pub accept_rollback: bool,
}

/// The instance's tables, as the store module names them.
fn place<'a>(instance: &'a InstanceArgs, log: &'a Path, accounts: &'a Path) -> Place<'a> {
    match &instance.database_url {
        Some(url) => Place::Postgres { url },
        None => Place::Sqlite {
            log,
            accounts: Some(accounts),
        },
    }
}

pub fn back_up(args: BackupArgs) -> anyhow::Result<ExitCode> {
    let log = args.instance.data.join(DATABASE_FILE);
    let accounts = args.instance.data.join(ACCOUNTS_FILE);
    if args.instance.database_url.is_none() && !log.is_file() {
        bail!(
            "no accord instance in {} (no {DATABASE_FILE})",
            args.instance.data.display()
        );
    }
    if args.out.exists() {
        bail!("{} already exists: name a new file", args.out.display());
    }
    let partial = partial_name(&args.out);
    // A leftover of an interrupted backup is ours to replace.
    let _ = fs::remove_file(&partial);
    create_private_file(&partial)?;
    let written = backup::back_up(
        place(&args.instance, &log, &accounts),
        &partial,
        !args.log_only,
    )
    .context("cannot copy the instance");
    let outcome = written.and_then(|copied| {
        let verification = verify_copy(&args.instance.data, &partial)?;
        Ok((copied, verification))
    });
    let (copied, verification) = match outcome {
        Ok(done) => done,
        Err(error) => {
            let _ = fs::remove_file(&partial);
            return Err(error);
        }
    };
    fs::File::open(&partial)?.sync_all()?;
    fs::rename(&partial, &args.out)
        .with_context(|| format!("cannot name the copy {}", args.out.display()))?;
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = fs::File::open(dir).and_then(|d| d.sync_all());
    }
    let bytes = fs::metadata(&args.out)?.len();
    outln!(
        "{}: {bytes} bytes, {} entries, root {}, latest checkpoint size {}",
        args.out.display(),
        verification.tree.size(),
        verification.tree.root(),
        verification.signed_size()
    );
    outln!(
        "verified: every entry's leaf hash{}, {} checkpoint signatures and roots",
        if verification.seals_checked {
            " and seal"
        } else {
            ""
        },
        verification.checkpoints_checked
    );
    outln!("{}", accounts_line(&copied));
    outln!(
        "not in the copy: the documents' bytes (copy the data folder's documents/, or the PostgreSQL documents table)"
    );
    Ok(ExitCode::SUCCESS)
}

fn accounts_line(copied: &Copied) -> String {
    if copied.accounts {
        format!(
            "accounts: {} logins, {} sessions, {} API tokens (keep this file as secret as the database)",
            copied.rows("account_logins"),
            copied.rows("account_sessions"),
            copied.rows("account_api_tokens")
        )
    } else {
        "accounts: not copied".to_owned()
    }
}

pub fn restore(args: RestoreArgs) -> anyhow::Result<ExitCode> {
    // The key is needed to check the copy (signatures and seals) and to
    // sign again once restored.
    let key = args.instance.load_key()?;
    let copy = verify_copy(&args.instance.data, &args.file)
        .with_context(|| format!("refused to restore {}", args.file.display()))?;
    let current = current_signed(&args.instance, &key.verifier_key())?;
    let mut kept_file = args.instance.kept_file();
    let kept = kept_checkpoint(&kept_file, &key)?;
    let extends = |signed: &Checkpoint| {
        copy.tree.size() >= signed.size && copy.tree.root_at(signed.size).ok() == Some(signed.root)
    };
    // The checkpoint kept beside the key first: a store already rolled
    // back behind the instance's back may agree with an older copy.
    let not_extended = kept
        .iter()
        .chain(current.checkpoint.iter())
        .find(|signed| !extends(signed));
    let mut meta_values = Vec::new();
    let mut rolled_back = false;
    if let Some(signed) = not_extended {
        let what = format!(
            "the copy (size {}, root {}) is older than what the instance has signed (size {}, root {}), or does not extend it",
            copy.tree.size(),
            copy.tree.root(),
            signed.size,
            signed.root
        );
        if !args.accept_rollback {
            bail!(
                "refused: {what}. Restoring it rolls the record back: whoever saw the later checkpoint will see the log fork. \
                     To restore it anyway, pass --accept-rollback (the rollback is recorded in the log and announced at every start)"
            );
        }
        let line = format!(
            "{} rolled back from size {} root {} to size {} root {} (restored {})",
            jiff::Timestamp::now(),
            signed.size,
            signed.root,
            copy.tree.size(),
            copy.tree.root(),
            args.file.display()
        );
        eprintln!("WARNING: ROLLBACK: {what}");
        eprintln!(
            "WARNING: ROLLBACK: checkpoints up to size {} that others may hold are no longer in the record; this is recorded",
            signed.size
        );
        let earlier = current.rollbacks.unwrap_or_default();
        let all = if earlier.is_empty() {
            line
        } else {
            format!("{earlier}\n{line}")
        };
        meta_values.push((meta::ROLLBACKS, all));
        rolled_back = true;
    }
    let log = args.instance.data.join(DATABASE_FILE);
    let accounts = args.instance.data.join(ACCOUNTS_FILE);
    let meta_refs: Vec<(&str, &str)> = meta_values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let copied = backup::restore(
        &args.file,
        place(&args.instance, &log, &accounts),
        &meta_refs,
    )
    .context("cannot restore the copy")?;
    if rolled_back {
        // The rollback is accepted: the instance signs on from the copy.
        match &copy.latest {
            Some(latest) => kept_file
                .keep(&latest.note)
                .and_then(|()| kept_file.settle())
                .with_context(|| {
                format!(
                    "restored, but cannot record the copy's checkpoint in {}: run the restore again",
                    kept_file.path().display()
                )
            })?,
            None => match fs::remove_file(kept_file.path()) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!("restored, but cannot remove {}", kept_file.path().display())
                    });
                }
            },
        }
        if args.instance.database_url.is_some() {
            outln!(
                "the other processes that serve this database keep their own {KEPT_FILE}: copy {} into each one's data folder before starting it, or it refuses the restored log",
                kept_file.path().display()
            );
        }
    }
    outln!(
        "restored {}: {} entries, root {}, latest checkpoint size {}",
        args.file.display(),
        copy.tree.size(),
        copy.tree.root(),
        copy.signed_size()
    );
    outln!(
        "{}",
        if copied.accounts {
            accounts_line(&copied)
        } else {
            "accounts: kept as they were (the copy holds none)".to_owned()
        }
    );
    outln!(
        "start the instance's `accord serve` processes again: each verifies the restored log as it opens"
    );
    Ok(ExitCode::SUCCESS)
}

/// Verifies a copy with the data folder's key (seals included) when there
/// is one, as `accord log verify --data DIR --db FILE` does.
fn verify_copy(data: &Path, file: &Path) -> anyhow::Result<Verification> {
    let audit_args = AuditArgs {
        data: Some(data.to_path_buf()),
        database_url: None,
        db: Some(file.to_path_buf()),
        key: None,
    };
    let mut audit = audit_args.open()?;
    let verification = audit.verify(true)?;
    if let Some(problem) = &verification.problem {
        bail!("the copy does not verify: {problem}");
    }
    Ok(verification)
}

/// The checkpoint kept beside the key, if there is one.
fn kept_checkpoint(file: &KeptFile, key: &note::SigningKey) -> anyhow::Result<Option<Checkpoint>> {
    let mut file = file.clone();
    let Some(text) = file.load()? else {
        return Ok(None);
    };
    Ok(Some(read_kept(
        &text,
        &key.verifier_key(),
        key.name(),
        &file.describe(),
    )?))
}

/// What the instance's store has signed, read before it is replaced.
struct Current {
    checkpoint: Option<Checkpoint>,
    rollbacks: Option<String>,
}

/// The latest checkpoint the instance's store holds, if any. A note whose
/// signature does not check still counts: a damaged instance is the usual
/// reason to restore, and whatever it claims to have signed may have been
/// seen by others.
fn current_signed(
    instance: &InstanceArgs,
    verifier: &note::VerifierKey,
) -> anyhow::Result<Current> {
    let Some(mut store) = open_current(instance)? else {
        return Ok(Current {
            checkpoint: None,
            rollbacks: None,
        });
    };
    let rollbacks = store.meta(meta::ROLLBACKS)?;
    let checkpoint = match store.latest_checkpoint()? {
        None => None,
        Some(stored) => {
            let body = match note::open(&stored.note, std::slice::from_ref(verifier)) {
                Ok(opened) => opened.body,
                Err(_) => stored
                    .note
                    .split_once("\n\n")
                    .map(|(body, _)| format!("{body}\n"))
                    .unwrap_or_default(),
            };
            Some(Checkpoint::parse_body(&body).unwrap_or_else(|_| {
                // Unreadable: count its size, with a root no copy matches.
                Checkpoint::new(String::new(), stored.size, Hash::from_bytes([0; 32]))
            }))
        }
    };
    Ok(Current {
        checkpoint,
        rollbacks,
    })
}

/// The instance's store opened read-only, or `None` when it has none yet.
fn open_current(instance: &InstanceArgs) -> anyhow::Result<Option<Box<dyn EventStore>>> {
    Ok(Some(match &instance.database_url {
        Some(url) => match PgStore::connect_existing(url) {
            Ok(store) => Box::new(store),
            Err(accord_store::StoreError::NotAStore(_)) => return Ok(None),
            Err(e) => return Err(e).context("cannot read the PostgreSQL store"),
        },
        None => {
            let path = instance.data.join(DATABASE_FILE);
            if !path.exists() {
                return Ok(None);
            }
            Box::new(
                SqliteStore::open_existing(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?,
            )
        }
    }))
}

/// `FILE.partial`, beside `FILE`.
fn partial_name(out: &Path) -> PathBuf {
    let mut name = out.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// Creates an empty file readable by its owner only.
fn create_private_file(path: &Path) -> anyhow::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options
        .open(path)
        .map(drop)
        .with_context(|| format!("cannot create {}", path.display()))
}

/// Repeats, on standard error, every rollback the record has been through
/// (`accord serve` calls it at each start, so that it is never forgotten).
pub fn announce_rollbacks(instance: &InstanceArgs) {
    let Ok(Some(mut store)) = open_current(instance) else {
        return;
    };
    let Ok(Some(all)) = store.meta(meta::ROLLBACKS) else {
        return;
    };
    for line in all.lines() {
        eprintln!("WARNING: ROLLBACK: this record was rolled back by a restore: {line}");
    }
}
