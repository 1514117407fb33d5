//! An instance's data folder, and opening its store for writing or auditing.
//!
//! An instance lives in a data folder (`--data DIR`, default `./accord-data`):
//!
//! - `accord.sqlite3`: the SQLite store (unless `--database-url` names a
//!   PostgreSQL database instead);
//! - `checkpoint.key`: the checkpoint signing key, `PRIVATE+KEY+name+id+key`
//!   on one line, mode 0600. It never goes into the database: whoever can
//!   write the database must not be able to sign for it.
//! - `checkpoint.latest`: the latest checkpoint this instance signed (the
//!   signed note as filed, mode 0600), kept with the key and outside the
//!   database, so that a database cut short or put back from an older copy
//!   is refused at opening instead of being signed on (see
//!   `accord_store::kept`). It is not part of a backup. With PostgreSQL,
//!   each process keeps its own in its data folder.
//!
//! An auditor needs neither: `--db FILE` names a bare copy of a SQLite store,
//! and the verifier key comes from `--key`, or else from the one the store
//! records (which proves the copy consistent with itself only, and says so).
//! A copy of a live instance's file should be taken by SQLite itself
//! (`sqlite3 accord.sqlite3 ".backup copy.sqlite3"`, or `VACUUM INTO`), which
//! includes what is still in the write-ahead log; a plain copy of the file
//! is safe only while no accord has it open.

use std::fs;
use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};

use accord_log::note::{SigningKey, VerifierKey};
use accord_log::policy::Policy;
use accord_store::kept::KeptFile;
use accord_store::{
    DEFAULT_BATCH, EventStore, Ledger, PgStore, Phase, Progress, SealKey, SqliteStore,
    Verification, VerifyOptions, meta,
};
use anyhow::{Context as _, bail};
use clap::Args;

use crate::commands::UsageError;

/// The data folder used when `--data` is not given.
pub const DEFAULT_DATA: &str = "accord-data";
/// The SQLite file in a data folder.
pub const DATABASE_FILE: &str = "accord.sqlite3";
/// The checkpoint signing key in a data folder.
pub const KEY_FILE: &str = "checkpoint.key";
/// The latest signed checkpoint, kept beside the key (outside the store).
pub const KEPT_FILE: &str = "checkpoint.latest";
/// Logs with at least this many entries get a progress bar (on a terminal).
const PROGRESS_FROM: u64 = 200_000;

/// Where an instance keeps its record: its data folder, and optionally a
/// PostgreSQL database in place of the folder's SQLite file.
#[derive(Debug, Clone, Args)]
pub struct InstanceArgs {
    /// The instance's data folder: its SQLite store and its checkpoint key.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
    /// Keep the log in this PostgreSQL database (postgres://USER@HOST:PORT/DB,
    /// no TLS) instead of the data folder's SQLite file. The key stays in the
    /// data folder. With `serve`, several processes may share the database
    /// behind a reverse proxy (each on its own port, with a copy of the key;
    /// the proxy checks GET /readyz).
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
}

/// Which store an audit reads, and which key it checks signatures with.
#[derive(Debug, Clone, Args)]
pub struct AuditArgs {
    /// The instance's data folder (its SQLite store, and its key when present).
    #[arg(long, value_name = "DIR", conflicts_with = "db")]
    pub data: Option<PathBuf>,
    /// Read the log from this PostgreSQL database instead of the data folder's
    /// SQLite file.
    #[arg(long, value_name = "URL", conflicts_with = "db")]
    pub database_url: Option<String>,
    /// Read a bare copy of a SQLite store, as an auditor receives it.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// The verifier key to check checkpoints with (`name+keyid+base64`).
    /// Default: the data folder's key, or else the key the store records.
    #[arg(long, value_name = "VKEY")]
    pub key: Option<String>,
}

impl InstanceArgs {
    fn key_path(&self) -> PathBuf {
        self.data.join(KEY_FILE)
    }

    /// The file that keeps the latest signed checkpoint beside the key.
    pub fn kept_file(&self) -> KeptFile {
        KeptFile::new(self.data.join(KEPT_FILE))
    }

    /// Opens the store for writing (creating and migrating it as needed).
    fn open_store(&self) -> anyhow::Result<Box<dyn EventStore>> {
        Ok(match &self.database_url {
            Some(url) => {
                Box::new(PgStore::connect(url).context("cannot open the PostgreSQL store")?)
            }
            None => {
                let path = self.data.join(DATABASE_FILE);
                Box::new(
                    SqliteStore::open(&path)
                        .with_context(|| format!("cannot open {}", path.display()))?,
                )
            }
        })
    }

    /// Reads the instance's checkpoint signing key.
    pub fn load_key(&self) -> anyhow::Result<SigningKey> {
        let path = self.key_path();
        let text = fs::read_to_string(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                anyhow::anyhow!(
                    "no accord instance in {} (no {KEY_FILE}): create one with `accord init --data {}` (a charter's record) or `accord log init --data {} --origin NAME` (a bare log)",
                    self.data.display(),
                    self.data.display(),
                    self.data.display()
                )
            } else {
                anyhow::Error::new(e).context(format!("cannot read {}", path.display()))
            }
        })?;
        warn_if_readable_by_others(&path);
        SigningKey::parse(text.trim())
            .with_context(|| format!("{} is not a signing key", path.display()))
    }

    /// Creates the data folder, a new signing key named `origin` and the
    /// store, and records the log's identity in it. Refuses a folder that
    /// already holds a key.
    pub fn init(&self, origin: &str) -> anyhow::Result<Ledger<Box<dyn EventStore>>> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no randomness for a key: {e}"))?;
        let key = SigningKey::from_seed(origin, seed)
            .map_err(|e| UsageError(format!("--origin {origin:?}: {e}")))?;
        create_private_dir(&self.data)?;
        let path = self.key_path();
        if path.exists() {
            bail!(
                "{} already holds a checkpoint key: the instance exists (its verifier key: `accord log verifier-key --data {}`)",
                self.data.display(),
                self.data.display()
            );
        }
        let store = self.open_store()?;
        // Write the key only once the store accepted this identity, so that a
        // refused store (another log's database) leaves no stray key behind.
        let ledger =
            Ledger::open_keeping(store, key.clone(), Box::new(self.kept_file()), &mut |_| {})?;
        write_private_file(&path, &format!("{}\n", key.to_private_string()))?;
        Ok(ledger)
    }

    /// Opens the instance's ledger for writing: reads the key, opens the
    /// store, recomputes and checks the tree (with a progress bar on a
    /// terminal for a large log), and refuses a store behind or diverging
    /// from the checkpoint kept beside the key (a rollback or a fork). A
    /// data folder without that file gets one made from the store, with a
    /// warning.
    pub fn open_ledger(&self) -> anyhow::Result<Ledger<Box<dyn EventStore>>> {
        if let Some(log_key) = self.node_log_key()? {
            // A party's node: its replica, read-only, under the pinned key.
            let store = self.open_store()?;
            return Ok(Ledger::open_replica(store, log_key, &mut |_| {})?);
        }
        let key = self.load_key()?;
        let store = self.open_store()?;
        let mut progress = ProgressReporter::new();
        let kept = self.kept_file();
        let ledger = Ledger::open_keeping(store, key, Box::new(kept.clone()), &mut |p| {
            progress.report(p)
        });
        progress.finish();
        let ledger = ledger?;
        if ledger.kept_was_missing()
            && let Some(latest) = ledger.latest_checkpoint()
        {
            eprintln!(
                "warning: {} was missing (an instance from before it, or a data folder copied without it): \
                 made it from the store's latest checkpoint, size {} root {}. A rollback of the store before \
                 this start cannot be told; one after it is refused",
                kept.path().display(),
                latest.checkpoint.size,
                latest.checkpoint.root
            );
        }
        Ok(ledger)
    }
}

impl InstanceArgs {
    /// The primary's pinned key when the data folder is a party's node's
    /// (it has the node's `node.json` and no checkpoint key of its own).
    fn node_log_key(&self) -> anyhow::Result<Option<VerifierKey>> {
        if self.data.join(KEY_FILE).exists() {
            return Ok(None);
        }
        let Ok(folder) = accord_node::folder::NodeFolder::open(&self.data) else {
            return Ok(None);
        };
        let Some(config) = folder.config()? else {
            return Ok(None);
        };
        let key = VerifierKey::parse(&config.log_key).map_err(|e| {
            anyhow::anyhow!(
                "{}: the pinned log key does not parse: {e}",
                folder.file("node.json").display()
            )
        })?;
        Ok(Some(key))
    }
}

/// Where the verifier key of an audit came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// `--key`.
    Argument,
    /// The data folder's signing key (seals are checked too).
    KeyFile,
    /// The key the store itself records.
    Store,
}

/// A store opened read-only for an audit, with the keys to check it by.
#[derive(Debug)]
pub struct Audit {
    pub store: Box<dyn EventStore>,
    pub verifier: VerifierKey,
    pub origin: String,
    pub seal: Option<SealKey>,
    pub key_source: KeySource,
}

impl AuditArgs {
    /// The data folder: `--data`, or the default unless `--db` is given.
    fn data(&self) -> Option<PathBuf> {
        match (&self.data, &self.db) {
            (Some(d), _) => Some(d.clone()),
            (None, Some(_)) => None,
            (None, None) => Some(PathBuf::from(DEFAULT_DATA)),
        }
    }

    /// The data folder's signing key, when there is one (never with --db).
    pub fn key_file(&self) -> anyhow::Result<Option<SigningKey>> {
        match self.data() {
            Some(dir) if dir.join(KEY_FILE).exists() => Ok(Some(
                InstanceArgs {
                    data: dir,
                    database_url: None,
                }
                .load_key()?,
            )),
            _ => Ok(None),
        }
    }

    /// Opens the store read-only (never creating or migrating it) and picks
    /// the verifier key.
    pub fn open(&self) -> anyhow::Result<Audit> {
        self.open_with(None)
    }

    /// As [`AuditArgs::open`], but with the verifier key taken from a trust
    /// policy: the policy's log whose name is the store's origin.
    pub fn open_under_policy(&self, policy: &Policy) -> anyhow::Result<Audit> {
        self.open_with(Some(policy))
    }

    fn open_with(&self, policy: Option<&Policy>) -> anyhow::Result<Audit> {
        let given = self
            .key
            .as_deref()
            .map(|k| {
                VerifierKey::parse(k.trim())
                    .map_err(|e| UsageError(format!("--key is not a verifier key: {e}")))
            })
            .transpose()?;
        let data = self.data();
        let mut store: Box<dyn EventStore> = if let Some(file) = &self.db {
            Box::new(
                SqliteStore::open_existing(file)
                    .with_context(|| format!("cannot read {}", file.display()))?,
            )
        } else if let Some(url) = &self.database_url {
            Box::new(PgStore::connect_existing(url).context("cannot read the PostgreSQL store")?)
        } else {
            let dir = data.clone().unwrap_or_default();
            let path = dir.join(DATABASE_FILE);
            if !path.exists() {
                bail!(
                    "no accord instance in {} (no {DATABASE_FILE}): name one with --data DIR, or a copy with --db FILE",
                    dir.display()
                );
            }
            Box::new(
                SqliteStore::open_existing(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?,
            )
        };
        let signer = self.key_file()?;
        let given = match policy {
            Some(policy) => Some(policy_log_key(&mut *store, signer.as_ref(), policy)?),
            None => given,
        };
        let (verifier, key_source) = match (given, &signer) {
            (Some(v), _) => (v, KeySource::Argument),
            (None, Some(s)) => (s.verifier_key(), KeySource::KeyFile),
            (None, None) => {
                let recorded = store.meta(meta::VERIFIER_KEY)?.with_context(|| {
                    format!("{} records no verifier key: pass --key", store.describe())
                })?;
                let key = VerifierKey::parse(&recorded).with_context(|| {
                    format!("{} records a malformed verifier key", store.describe())
                })?;
                (key, KeySource::Store)
            }
        };
        // Seals can be checked only with the signing key of this very verifier.
        let seal = signer
            .filter(|s| s.verifier_key() == verifier)
            .map(|s| SealKey::derive(&s));
        let origin = store
            .meta(meta::ORIGIN)?
            .unwrap_or_else(|| verifier.name().to_owned());
        Ok(Audit {
            store,
            verifier,
            origin,
            seal,
            key_source,
        })
    }
}

/// The policy's key for this store's log: the log whose name is the
/// store's origin (as the store records it, else as its own key names it).
fn policy_log_key(
    store: &mut dyn EventStore,
    signer: Option<&SigningKey>,
    policy: &Policy,
) -> anyhow::Result<VerifierKey> {
    let origin = match store.meta(meta::ORIGIN)? {
        Some(origin) => origin,
        None => match signer {
            Some(signer) => signer.verifier_key().name().to_owned(),
            None => store
                .meta(meta::VERIFIER_KEY)?
                .and_then(|k| VerifierKey::parse(&k).ok())
                .map(|k| k.name().to_owned())
                .with_context(|| format!("{} records no origin", store.describe()))?,
        },
    };
    policy
        .log_keys()
        .iter()
        .find(|k| k.name() == origin)
        .cloned()
        .with_context(|| {
            let names: Vec<&str> = policy.log_keys().iter().map(VerifierKey::name).collect();
            format!(
                "the log's origin {origin:?} is not a log of the policy (it names {})",
                names.join(", ")
            )
        })
}

impl Audit {
    /// Runs the check, with a progress bar on a terminal for a large log.
    pub fn verify(&mut self, every_checkpoint: bool) -> anyhow::Result<Verification> {
        let mut progress = ProgressReporter::new();
        let verification = accord_store::verify(
            &mut self.store,
            &VerifyOptions {
                verifier: &self.verifier,
                origin: &self.origin,
                seal_key: self.seal.as_ref(),
                every_checkpoint,
                batch: DEFAULT_BATCH,
            },
            &mut |p| progress.report(p),
        )?;
        progress.finish();
        Ok(verification)
    }

    /// A one-line note on stderr when the key came from the store itself.
    pub fn warn_about_key_source(&self) {
        if self.key_source == KeySource::Store {
            eprintln!(
                "note: checked against the verifier key the store itself records ({}); \
                 to rule out a replaced key, pass --key with the key the instance published",
                self.verifier
            );
        }
    }
}

/// A progress bar on stderr, shown only on a terminal and for a large log.
struct ProgressReporter {
    bar: Option<indicatif::ProgressBar>,
    phase: Option<Phase>,
}

impl ProgressReporter {
    fn new() -> Self {
        Self {
            bar: None,
            phase: None,
        }
    }

    fn report(&mut self, p: Progress) {
        if self.phase != Some(p.phase) {
            self.finish();
            self.phase = Some(p.phase);
            if p.total >= PROGRESS_FROM && std::io::stderr().is_terminal() {
                let bar = indicatif::ProgressBar::new(p.total);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{msg} [{bar:40}] {human_pos}/{human_len} ({per_sec}, {eta})",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                    .progress_chars("=> "),
                );
                bar.set_message(match p.phase {
                    Phase::Entries => "recomputing the tree",
                    Phase::Checkpoints => "checking checkpoints",
                });
                self.bar = Some(bar);
            }
        }
        if let Some(bar) = &self.bar {
            bar.set_length(p.total);
            bar.set_position(p.done);
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .with_context(|| format!("cannot create {}", dir.display()))
}

/// Writes a new file readable by its owner only, and syncs it.
fn write_private_file(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(())
}

fn warn_if_readable_by_others(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        if let Ok(m) = fs::metadata(path)
            && m.permissions().mode() & 0o077 != 0
        {
            eprintln!(
                "warning: {} is readable by others (mode {:o}): run chmod 600 on it",
                path.display(),
                m.permissions().mode() & 0o777
            );
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}
