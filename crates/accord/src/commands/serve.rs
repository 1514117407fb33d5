//! `accord serve`: the web application over an instance.
//!
//! With no arguments it serves `./accord-data` on 127.0.0.1:8080, and on the
//! first run (no instance in the data folder) it first creates the instance
//! from the bundled charter, as `accord init` with no arguments does. It
//! opens the record the way every command does (verifying the whole log
//! against its latest signed checkpoint), prints the address (and, while
//! the instance has no login, a one-time link for its first
//! administrator), and stops
//! cleanly on Ctrl-C or SIGTERM: requests in flight finish, then the store
//! closes. Documents attached to meetings are kept in the data folder's
//! `documents/`, or beside the log in PostgreSQL, within the size and media
//! types `--max-document-mb` and `--document-types` allow. `GET /metrics`
//! answers only requests bearing the token in `ACCORD_METRICS_TOKEN`.
//!
//! With `--database-url`, any number of processes may serve one database
//! behind a reverse proxy (each with a copy of the data folder's
//! `checkpoint.key`, on a port of its own; the proxy checks `GET /readyz`
//! and needs no session affinity): each follows the others' appends as
//! they are notified, decides an act again when another's append came
//! first, and signs under a lock in the database.
//!
//! With `--witness NAME=URL` (and the witnesses with a URL in `--policy
//! FILE`), each new signed checkpoint is sent to those witnesses (C2SP
//! `tlog-witness`) from a thread of its own, and `GET /log/checkpoint`
//! serves it with their cosignatures.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use accord_app::App;
use accord_app::documents::{DEFAULT_TYPES, DocumentPolicy, media_type};
use accord_log::policy::Policy;
use accord_store::accounts::{Link, Purpose};
use accord_store::documents::DocumentStore;
use accord_store::listen::AppendListener;
use accord_web::AppState;
use accord_web::auth::Auth;
use accord_web::witness::{self, Witness};
use anyhow::Context as _;
use clap::Args;

use crate::commands::UsageError;
use crate::commands::account::open_accounts;
use crate::commands::init::{InitArgs, initialise};
use crate::instance::{InstanceArgs, KEY_FILE};
use crate::logging::LogFormat;
use crate::output::outln;

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The TCP port to listen on.
    #[arg(long, value_name = "N", default_value_t = 8080)]
    pub port: u16,
    /// The address to listen on. The default serves this machine only;
    /// put a TLS-terminating proxy in front before serving others.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// The largest document that may be attached to a meeting, in MiB
    /// (1 to 1024).
    #[arg(long, value_name = "N", default_value_t = 25,
          value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub max_document_mb: u64,
    /// The media types of documents that may be attached, comma-separated
    /// (default: PDF, PNG, JPEG, plain text, CSV, and the OOXML and
    /// OpenDocument formats for documents, spreadsheets and presentations).
    #[arg(long, value_name = "TYPE,TYPE", value_delimiter = ',',
          default_values = DEFAULT_TYPES, hide_default_value = true)]
    pub document_types: Vec<String>,
    /// A witness to send each new signed checkpoint to, as NAME=URL, where
    /// URL is its submission prefix (`<URL>/add-checkpoint`; repeat the
    /// option for several). Its cosignatures are served with the
    /// checkpoint at `GET /log/checkpoint`.
    #[arg(long = "witness", value_name = "NAME=URL")]
    pub witnesses: Vec<String>,
    /// A C2SP tlog-policy file: its witnesses' keys verify the
    /// cosignatures (of a `--witness` of the same name too), and those
    /// with a URL are sent each checkpoint as well.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// How log lines on standard error are written: readable text, or one
    /// JSON object per line (with the request id of each request's lines).
    #[arg(long, value_enum, default_value = "text")]
    pub log_format: LogFormat,
}

impl ServeArgs {
    /// The witnesses from `--witness` and `--policy`.
    fn witnesses(&self) -> anyhow::Result<Vec<Witness>> {
        let flags = self
            .witnesses
            .iter()
            .map(|w| Witness::parse_flag(w).map_err(|e| UsageError(e.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        let policy = match &self.policy {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read the policy {}", path.display()))?;
                Some(
                    Policy::parse(&text)
                        .with_context(|| format!("the policy {} is malformed", path.display()))?,
                )
            }
            None => None,
        };
        Ok(witness::witnesses(flags, policy.as_ref()))
    }

    /// What may be attached, from `--max-document-mb` and `--document-types`.
    fn document_policy(&self) -> Result<DocumentPolicy, UsageError> {
        let mut allowed_types = Vec::new();
        for given in &self.document_types {
            let normalised = media_type(given);
            let well_formed = normalised.split_once('/').is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && normalised
                        .bytes()
                        .all(|c| c.is_ascii_alphanumeric() || b"/.+-".contains(&c))
            });
            if !well_formed || normalised != given.trim().to_ascii_lowercase() {
                return Err(UsageError(format!(
                    "--document-types: {given:?} is not a media type such as application/pdf"
                )));
            }
            if !allowed_types.contains(&normalised) {
                allowed_types.push(normalised);
            }
        }
        Ok(DocumentPolicy {
            max_bytes: self.max_document_mb << 20,
            allowed_types,
        })
    }

    /// The store of documents' bytes: the data folder's `documents/`, or
    /// the PostgreSQL database that keeps the log.
    fn document_store(&self) -> anyhow::Result<DocumentStore> {
        match &self.instance.database_url {
            Some(url) => DocumentStore::connect_postgres(url)
                .context("cannot open the documents in PostgreSQL"),
            None => {
                let folder = self.instance.data.join(DOCUMENTS_FOLDER);
                DocumentStore::open_folder(&folder)
                    .with_context(|| format!("cannot open {}", folder.display()))
            }
        }
    }
}

/// The environment variable holding the token `GET /metrics` asks for.
pub const METRICS_TOKEN_VARIABLE: &str = "ACCORD_METRICS_TOKEN";

/// The folder of documents' bytes in a data folder.
pub const DOCUMENTS_FOLDER: &str = "documents";

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    // Faults of the server are logged to standard error.
    crate::logging::init(args.log_format);
    let policy = args.document_policy()?;
    let witnesses = args.witnesses()?;
    if !args.instance.data.join(KEY_FILE).exists() {
        let done = initialise(&InitArgs::bundled(args.instance.clone()))?;
        outln!(
            "accord: initialised {} with the bundled charter: {}; log: {} entries, checkpoint signed",
            args.instance.data.display(),
            done.summary,
            done.size
        );
    }
    crate::commands::backup::announce_rollbacks(&args.instance);
    let ledger = args.instance.open_ledger()?;
    let app = App::open(ledger, &mut |_, _| {}).context("cannot open the record")?;
    let documents = Arc::new(args.document_store()?);
    // The operator's metrics token comes from the environment, never from
    // the command line, where any user of the machine could read it.
    let metrics_token = std::env::var(METRICS_TOKEN_VARIABLE).ok();
    let state = AppState::new(Arc::new(app))
        .with_documents(documents, policy)
        .with_metrics_token(metrics_token);
    // On PostgreSQL, other processes' appends wake the follower at once.
    let _listener = args.instance.database_url.as_deref().map(|url| {
        let wake = Arc::clone(&state.follower_wake);
        AppendListener::spawn(url, move || wake.notify_one())
    });
    let accounts = Arc::new(open_accounts(&args.instance)?);
    // A new instance has no login yet: its first administrator comes in
    // through a one-time link, printed once the address is known.
    let setup_token = if accounts.login_count()? == 0 {
        Some(accounts.issue_link(
            &Link {
                purpose: Purpose::Setup,
                person: None,
                email: None,
            },
            jiff::Timestamp::now().as_second(),
        )?)
    } else {
        None
    };
    let auth = Auth::new(accounts);
    // Each new signed checkpoint goes to the witnesses from a thread of its
    // own, never on an act's path; stopped when the server stops.
    let _witnessing = if witnesses.is_empty() {
        None
    } else {
        Some(
            witness::spawn(Arc::clone(&state.app), witnesses)
                .context("cannot start the witnesses' thread")?,
        )
    };
    let address = SocketAddr::new(args.bind, args.port);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| format!("cannot listen on {address}"))?;
        let bound = listener.local_addr().unwrap_or(address);
        outln!(
            "accord: serving {} on http://{bound}/",
            args.instance.data.display()
        );
        if let Some(token) = setup_token {
            outln!(
                "accord: no administrator yet: create the first one at http://{bound}/setup/{token} (this link works once)"
            );
        }
        accord_web::serve(listener, state, auth, shutdown_signal())
            .await
            .context("the server stopped")
    })?;
    outln!("accord: stopped");
    Ok(ExitCode::SUCCESS)
}

/// Resolves on Ctrl-C, or on SIGTERM where there is one.
pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
