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
//! closes.

use std::io::IsTerminal as _;
use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;

use accord_app::App;
use accord_store::accounts::{Link, Purpose};
use accord_web::AppState;
use accord_web::auth::Auth;
use anyhow::Context as _;
use clap::Args;

use crate::commands::account::open_accounts;
use crate::commands::init::{InitArgs, initialise};
use crate::instance::{InstanceArgs, KEY_FILE};
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
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    // Faults of the server are logged to standard error; colours only on a
    // terminal.
    tracing_subscriber::fmt()
        .with_target(false)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
    if !args.instance.data.join(KEY_FILE).exists() {
        let done = initialise(&InitArgs::bundled(args.instance.clone()))?;
        outln!(
            "accord: initialised {} with the bundled charter: {}; log: {} entries, checkpoint signed",
            args.instance.data.display(),
            done.summary,
            done.size
        );
    }
    let ledger = args.instance.open_ledger()?;
    let app = App::open(ledger, &mut |_, _| {}).context("cannot open the record")?;
    let state = AppState::new(Arc::new(app));
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
async fn shutdown_signal() {
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
