//! A PostgreSQL connection that may be dropped anywhere, that comes back
//! by itself after the database restarts, and that never waits unbounded.
//!
//! The synchronous `postgres::Client` closes its connection by blocking on
//! a runtime of its own, which panics when the drop happens on a tokio
//! worker (the last handle to a store released inside a request, or at the
//! end of an async test). `PgClient` hands the client to a thread of its
//! own to be closed there.
//!
//! A client made by [`connect`] keeps its configuration: once the server
//! has closed the connection (a restart, a failover), the next call
//! ([`PgClient::reconnect_if_closed`]) opens a new one, or fails at once
//! with an error [`is_unavailable`] recognises while the server is still
//! away. Every wait is bounded: connecting ([`CONNECT_TIMEOUT`]), a
//! statement on the server ([`STATEMENT_TIMEOUT`]), and data the network
//! stopped acknowledging ([`NETWORK_TIMEOUT`]).

use std::ops::{Deref, DerefMut};
use std::time::Duration;

use postgres::error::SqlState;
use postgres::{Client, Config, NoTls};

/// How long opening a connection may take before it is given up.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long the server may work on one statement (a lock wait included).
pub const STATEMENT_TIMEOUT: Duration = Duration::from_secs(15);
/// How long sent data may stay unacknowledged before the connection is
/// given up (a server gone without closing its sockets).
pub const NETWORK_TIMEOUT: Duration = Duration::from_secs(15);

/// A `postgres::Client` whose drop never runs on the caller's thread.
pub struct PgClient {
    client: Option<Client>,
    /// How to connect again; `None` for a client handed in ready-made.
    config: Option<Config>,
    /// Whether a transaction begun by a plain `BEGIN` is open: a new
    /// connection under it would run the rest outside it, so the caller
    /// gets an error instead.
    pub transaction_open: bool,
}

/// Opens a connection to `url` with bounded waits and the session settings
/// every accord connection uses (commits wait for the disk).
pub fn connect(url: &str) -> Result<PgClient, postgres::Error> {
    let mut config: Config = url.parse()?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    config
        .keepalives(true)
        .keepalives_idle(Duration::from_secs(10))
        .tcp_user_timeout(NETWORK_TIMEOUT);
    let client = open(&config)?;
    Ok(PgClient {
        client: Some(client),
        config: Some(config),
        transaction_open: false,
    })
}

fn open(config: &Config) -> Result<Client, postgres::Error> {
    let mut client = config.connect(NoTls)?;
    client.batch_execute(&format!(
        "SET synchronous_commit TO on; SET statement_timeout TO {}",
        STATEMENT_TIMEOUT.as_millis()
    ))?;
    Ok(client)
}

/// Whether `e` says the database cannot be reached now (down, restarting,
/// too slow), rather than that a statement was wrong: the request may be
/// tried again later, and a server answers it with 503.
pub fn is_unavailable(e: &postgres::Error) -> bool {
    const AWAY: [SqlState; 8] = [
        SqlState::ADMIN_SHUTDOWN,
        SqlState::CRASH_SHUTDOWN,
        SqlState::CANNOT_CONNECT_NOW,
        SqlState::QUERY_CANCELED,
        SqlState::CONNECTION_EXCEPTION,
        SqlState::CONNECTION_FAILURE,
        SqlState::SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
        SqlState::TOO_MANY_CONNECTIONS,
    ];
    if e.is_closed() {
        return true;
    }
    match e.code() {
        Some(code) => AWAY.contains(code),
        // No SQLSTATE: the socket failed, or a connection was refused or
        // timed out; each of these carries the I/O error as its source.
        None => std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>()),
    }
}

impl PgClient {
    /// A ready-made client, which cannot reconnect by itself.
    pub fn new(client: Client) -> PgClient {
        PgClient {
            client: Some(client),
            config: None,
            transaction_open: false,
        }
    }

    /// Opens a new connection when the server closed this one; answers
    /// whether it did (statements prepared on the old one are gone).
    pub fn reconnect_if_closed(&mut self) -> Result<bool, postgres::Error> {
        let closed = self.client.as_ref().is_none_or(Client::is_closed);
        match &self.config {
            Some(config) if closed => {
                let fresh = open(config)?;
                if let Some(old) = self.client.replace(fresh) {
                    close_elsewhere(old);
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }
}

impl Deref for PgClient {
    type Target = Client;

    fn deref(&self) -> &Client {
        self.client
            .as_ref()
            .expect("a PgClient holds its client until dropped")
    }
}

impl DerefMut for PgClient {
    fn deref_mut(&mut self) -> &mut Client {
        self.client
            .as_mut()
            .expect("a PgClient holds its client until dropped")
    }
}

/// Drops a client on a thread of its own, and waits for it.
fn close_elsewhere(client: Client) {
    // Joined, so that the connection is closed when the drop returns.
    let closed = std::thread::spawn(move || drop(client)).join();
    debug_assert!(closed.is_ok());
}

impl Drop for PgClient {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            close_elsewhere(client);
        }
    }
}
