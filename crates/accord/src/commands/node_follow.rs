//! `accord node follow | status | evidence`: a party's own node, run by
//! that party.
//!
//! `follow` keeps a verified replica of the primary's record in its own
//! data folder (see the `accord-node` crate), serves it read-only to the
//! party's people with the same pages and read API, with its own accounts,
//! and, given a key, cosigns the primary's checkpoints as a C2SP witness
//! at `POST /witness/add-checkpoint`. It keeps serving what it verified
//! when the primary is down. The primary's verifier key is pinned on the
//! first follow: given with `--log-key`, or trusted on first use and said
//! so.
//!
//! `status` reads a node's folder, running or not. `evidence` checks an
//! evidence file with nothing but what it holds.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use accord_app::App;
use accord_log::Checkpoint;
use accord_log::note::{SigningKey, VerifierKey};
use accord_log::policy::Policy;
use accord_node::banner::Notice;
use accord_node::folder::{ACCOUNTS_FILE, NodeConfig, NodeFolder, REPLICA_FILE};
use accord_node::follow::{Follower, fetch_log_key};
use accord_node::monitor::Evidence;
use accord_node::status::NodeStatus;
use accord_node::witness::{self, Witness};
use accord_node::{Wake, spawn_follower};
use accord_store::accounts::Accounts;
use accord_store::{EventStore, Ledger, PgStore, SqliteStore};
use accord_web::AppState;
use accord_web::auth::Auth;
use anyhow::Context as _;
use clap::{Args, ValueEnum};

use crate::commands::UsageError;
use crate::logging::LogFormat;
use crate::output::outln;

#[derive(Debug, Args)]
pub struct FollowArgs {
    /// The primary's base URL, e.g. `https://accord.example`.
    #[arg(value_name = "URL")]
    pub primary: String,
    /// The node's credential, as `accord node credential create` printed it
    /// on the primary (or set ACCORD_NODE_CREDENTIAL).
    #[arg(long, env = "ACCORD_NODE_CREDENTIAL", hide_env_values = true)]
    pub credential: String,
    /// The node's data folder (created on the first follow): its pinned
    /// key, its witness's state, its alarms and evidence, and, without
    /// `--database-url`, its replica and accounts.
    #[arg(long, value_name = "DIR")]
    pub data: PathBuf,
    /// Keep the replica and the node's accounts in this PostgreSQL database
    /// (postgres://USER@HOST:PORT/DB) instead of the data folder.
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
    /// The TCP port the node serves its pages, read API and witness on.
    #[arg(long, value_name = "N", default_value_t = 8081)]
    pub port: u16,
    /// The address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// The witness's private key (`accord key generate`), distinct from any
    /// other key: with it the node cosigns the primary's checkpoints.
    #[arg(long, value_name = "FILE")]
    pub witness_key: Option<PathBuf>,
    /// The primary's verifier key, as its operator gives it (`accord log
    /// verifier-key`). Without it, the first follow trusts the key the
    /// primary states, and says so.
    #[arg(long, value_name = "VKEY")]
    pub log_key: Option<String>,
    /// A C2SP trust policy (`tlog-policy`) whose quorum of witnesses the
    /// primary's checkpoints must carry: a checkpoint still without it
    /// after `--unwitnessed-after` raises an `unwitnessed` alarm.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// How long a checkpoint may lack the policy's quorum, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 600)]
    pub unwitnessed_after: u64,
    /// How often the node looks at the primary, in milliseconds (it also
    /// looks at once when its witness cosigns a new checkpoint).
    #[arg(long, value_name = "MS", default_value_t = 1000)]
    pub every_ms: u64,
    /// How log lines on standard error are written.
    #[arg(long, value_enum, default_value = "text")]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The node's data folder.
    #[arg(long, value_name = "DIR")]
    pub data: PathBuf,
    /// The node's PostgreSQL database, when its replica is kept there.
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
    /// Text for a person, or JSON.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct EvidenceArgs {
    /// An evidence file a node wrote.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// `accord node follow`.
pub fn follow(args: FollowArgs) -> anyhow::Result<ExitCode> {
    crate::logging::init(args.log_format);
    let primary = primary_url(&args.primary)?;
    let folder = NodeFolder::create(&args.data)
        .with_context(|| format!("cannot create the node's folder {}", args.data.display()))?;
    let config = pin(&folder, &primary, args.log_key.as_deref())?;
    let log_key = VerifierKey::parse(&config.log_key).map_err(|e| {
        anyhow::anyhow!(
            "{}: the pinned log key does not parse: {e}",
            folder.file("node.json").display()
        )
    })?;
    let witness_key = args
        .witness_key
        .as_deref()
        .map(read_witness_key)
        .transpose()?;
    if let Some(key) = &witness_key
        && key.verifier_key().public_key() == log_key.public_key()
    {
        return Err(UsageError(
            "--witness-key: this is the log's own key; a witness needs a key of its own (`accord key generate`)".into(),
        )
        .into());
    }

    let store = replica_store(&folder, args.database_url.as_deref())?;
    let ledger = Ledger::open_replica(store, log_key.clone(), &mut |_| {})
        .context("cannot open the replica")?;
    let app = Arc::new(App::open(ledger, &mut |_, _| {}).context("the replica does not verify")?);
    let accounts = match &args.database_url {
        Some(url) => Accounts::connect_postgres(url)
            .context("cannot open the node's accounts in PostgreSQL")?,
        None => Accounts::open_sqlite(&folder.file(ACCOUNTS_FILE)).with_context(|| {
            format!(
                "cannot open the node's accounts in {}",
                folder.path().display()
            )
        })?,
    };

    let wake = Arc::new(Wake::default());
    let mut follower = Follower::new(
        &primary,
        &args.credential,
        log_key.clone(),
        Arc::clone(&app),
        folder.clone(),
    );
    if let Some(path) = &args.policy {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the policy {}", path.display()))?;
        let policy = Policy::parse(&text)
            .map_err(|e| UsageError(format!("--policy {}: {e}", path.display())))?;
        if !policy.log_keys().iter().any(|k| k == &log_key) {
            return Err(UsageError(format!(
                "--policy {}: it does not name the primary's key {log_key} as a log",
                path.display()
            ))
            .into());
        }
        follower =
            follower.expecting_witnesses(policy, Duration::from_secs(args.unwitnessed_after));
    }
    let follower = Arc::new(follower);
    let witness = witness_key
        .map(|key| Witness::open(key, log_key.clone(), folder.clone(), Arc::clone(&wake)))
        .transpose()
        .context("cannot open the witness's state")?
        .map(Arc::new);
    // The first look before serving, so that a node that can reach its
    // primary serves a current copy from its first page.
    if let Err(e) = follower.look() {
        tracing::warn!("{e}");
    }
    spawn_follower(
        Arc::clone(&follower),
        Duration::from_millis(args.every_ms.max(50)),
        wake,
    );

    let state = AppState::new(app);
    let auth = Auth::new(Arc::new(accounts));
    let address = SocketAddr::new(args.bind, args.port);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the node's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| format!("cannot listen on {address}"))?;
        let bound = listener.local_addr().unwrap_or(address);
        outln!(
            "accord: node of {primary} serving {} on http://{bound}/",
            folder.path().display()
        );
        let notice = Notice {
            follower: Arc::clone(&follower),
            folder: folder.clone(),
        };
        let mut router = accord_web::router_with(state, auth).layer(
            axum::middleware::from_fn_with_state(notice, accord_node::banner::add_notice),
        );
        if let Some(witness) = witness {
            outln!(
                "accord: witness {} at http://{bound}/witness/add-checkpoint",
                witness.cosigner_vkey()
            );
            router = router.merge(witness::routes(witness));
        }
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(crate::commands::serve::shutdown_signal())
        .await
        .context("the node stopped")
    })?;
    outln!("accord: node stopped");
    Ok(ExitCode::SUCCESS)
}

/// The primary's base URL, checked.
fn primary_url(given: &str) -> Result<String, UsageError> {
    let trimmed = given.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("http://")
        .or_else(|| trimmed.strip_prefix("https://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => {
            Ok(trimmed.to_owned())
        }
        _ => Err(UsageError(format!(
            "{given:?} is not the primary's URL: give its base address, such as https://accord.example"
        ))),
    }
}

/// The configuration pinned in the folder, or pinned now.
fn pin(folder: &NodeFolder, primary: &str, given_key: Option<&str>) -> anyhow::Result<NodeConfig> {
    if let Some(config) = folder.config()? {
        if config.primary != primary {
            anyhow::bail!(
                "{} follows {}, not {primary}: a node follows one primary (use another --data folder)",
                folder.path().display(),
                config.primary
            );
        }
        if let Some(given) = given_key
            && given.trim() != config.log_key
        {
            anyhow::bail!(
                "--log-key {given} is not the key this node pinned ({}): the primary's key does not change",
                config.log_key
            );
        }
        return Ok(config);
    }
    let (key, trust) = match given_key {
        Some(given) => (
            VerifierKey::parse(given.trim()).map_err(|e| UsageError(format!("--log-key: {e}")))?,
            "given",
        ),
        None => {
            let key = fetch_log_key(primary).context("cannot read the primary's verifier key")?;
            tracing::warn!(
                "trusting the primary's key {key} on first use: compare it with the one its operator gives (`accord log verifier-key`)"
            );
            (key, "first_use")
        }
    };
    let config = NodeConfig {
        primary: primary.to_owned(),
        log_key: key.to_string(),
        key_trust: trust.to_owned(),
    };
    folder.save_config(&config)?;
    Ok(config)
}

fn read_witness_key(path: &Path) -> anyhow::Result<SigningKey> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the witness key {}", path.display()))?;
    SigningKey::parse(text.trim())
        .map_err(|e| UsageError(format!("--witness-key {}: {e}", path.display())).into())
}

/// `accord node status`: exits 0, or 1 when the node raised an alarm.
pub fn status(args: StatusArgs) -> anyhow::Result<ExitCode> {
    let folder = NodeFolder::open(&args.data)?;
    let (size, root) = replica_head(replica_store(&folder, args.database_url.as_deref())?)?;
    let status = NodeStatus::read(&folder, size, root)?;
    match args.format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&status)?),
        Format::Text => print!("{}", status.to_text()),
    }
    Ok(if status.alarms.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The replica's store: the folder's SQLite file, or the PostgreSQL
/// database named.
fn replica_store(
    folder: &NodeFolder,
    database_url: Option<&str>,
) -> anyhow::Result<Box<dyn EventStore>> {
    Ok(match database_url {
        Some(url) => {
            Box::new(PgStore::connect(url).context("cannot open the replica in PostgreSQL")?)
        }
        None => {
            let path = folder.file(REPLICA_FILE);
            Box::new(
                SqliteStore::open(&path)
                    .with_context(|| format!("cannot open the replica {}", path.display()))?,
            )
        }
    })
}

/// The size and root of the replica's latest accepted checkpoint.
fn replica_head(mut store: Box<dyn EventStore>) -> anyhow::Result<(u64, String)> {
    let described = store.describe();
    let Some(latest) = store.latest_checkpoint()? else {
        return Ok((0, accord_log::Hash::empty_tree().to_base64()));
    };
    let body = latest.note.split("\n\n").next().unwrap_or_default();
    let checkpoint = Checkpoint::parse_body(&format!("{body}\n"))
        .with_context(|| format!("{described}: the latest checkpoint does not parse"))?;
    Ok((checkpoint.size, checkpoint.root.to_base64()))
}

/// `accord node evidence FILE`: 0 when it holds, 1 when it does not, 2
/// when the file does not parse.
pub fn evidence(args: EvidenceArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let evidence =
        Evidence::parse(&text).map_err(|e| UsageError(format!("{}: {e}", args.file.display())))?;
    match evidence.check() {
        Ok(verdict) => {
            outln!("{verdict}");
            Ok(ExitCode::SUCCESS)
        }
        Err(reason) => {
            eprintln!("accord: the evidence does not hold: {reason}");
            Ok(ExitCode::FAILURE)
        }
    }
}
