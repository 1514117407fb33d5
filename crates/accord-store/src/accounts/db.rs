//! The accounts' tables in SQLite or PostgreSQL, behind a handful of
//! calls: run a statement, read rows. The SQL is written once, with
//! PostgreSQL's `$1` placeholders (SQLite reads them as `?1`), over types
//! both backends share (`TEXT`, `BIGINT`).
//!
//! The accounts have their own schema versions, recorded in
//! `account_migrations`, apart from the log's: either can move on alone.

use std::path::Path;
use std::time::Duration;

use postgres::types::ToSql;

use super::AccountError;

/// One schema version of the accounts' tables.
struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

/// Every version, oldest first. Append; never edit a released one.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "accounts",
        sql: "
CREATE TABLE account_logins (
    email         TEXT   PRIMARY KEY,
    person        TEXT   NOT NULL UNIQUE,
    password_hash TEXT,
    created_at    BIGINT NOT NULL
);
CREATE TABLE account_sessions (
    token_hash   TEXT   PRIMARY KEY,
    email        TEXT   NOT NULL REFERENCES account_logins (email) ON DELETE CASCADE,
    person       TEXT   NOT NULL,
    csrf_token   TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE TABLE account_tokens (
    token_hash TEXT   PRIMARY KEY,
    purpose    TEXT   NOT NULL,
    person     TEXT,
    email      TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE TABLE account_api_tokens (
    token_hash TEXT   PRIMARY KEY,
    person     TEXT   NOT NULL,
    name       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
",
    },
    Migration {
        version: 2,
        name: "api token scopes",
        sql: "ALTER TABLE account_api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'read';",
    },
    Migration {
        version: 3,
        name: "calendar feed tokens",
        sql: "
CREATE TABLE account_calendar_tokens (
    token_hash TEXT   PRIMARY KEY,
    person     TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX account_calendar_tokens_person ON account_calendar_tokens (person);
",
    },
    Migration {
        version: 4,
        name: "failed logins shared by every process",
        sql: "
CREATE TABLE account_login_failures (
    key_hash TEXT   PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_at  BIGINT NOT NULL
);
CREATE INDEX account_login_failures_last_at ON account_login_failures (last_at);
",
    },
    Migration {
        version: 5,
        name: "node credentials",
        sql: "
CREATE TABLE account_node_credentials (
    id         TEXT   PRIMARY KEY,
    token_hash TEXT   NOT NULL UNIQUE,
    party      TEXT   NOT NULL,
    name       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
",
    },
];

/// The accounts' schema version this build writes.
pub const ACCOUNTS_SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].version;

const MIGRATIONS_TABLE: &str = "CREATE TABLE IF NOT EXISTS account_migrations (
    version BIGINT PRIMARY KEY,
    name    TEXT   NOT NULL
)";

/// The advisory lock key that serialises the accounts' migrations in
/// PostgreSQL ("accounts" in ASCII, truncated).
const MIGRATION_LOCK: i64 = 0x6163_636f_756e_7473;

/// How long a SQLite connection waits for another one's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A statement's parameter.
#[derive(Debug, Clone, Copy)]
pub enum P<'a> {
    Text(&'a str),
    Int(i64),
    NullText,
}

/// What a column holds, to read it with the right type.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Text,
    Int,
}

/// One value read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(Option<String>),
    Int(Option<i64>),
}

impl Cell {
    pub fn text(&self) -> Option<String> {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Int(_) => None,
        }
    }

    pub fn int(&self) -> Option<i64> {
        match self {
            Cell::Int(i) => *i,
            Cell::Text(_) => None,
        }
    }
}

/// A connection to either backend.
pub enum Db {
    Sqlite(rusqlite::Connection),
    Postgres(Box<crate::pg_client::PgClient>),
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Db::Sqlite(_) => "Db::Sqlite",
            Db::Postgres(_) => "Db::Postgres",
        })
    }
}

static NO_TEXT: Option<String> = None;

impl Db {
    /// Opens the SQLite file at `path` (WAL, so that the log's own
    /// connection and this one share it) and migrates the accounts' tables.
    pub fn open_sqlite(path: &Path) -> Result<Db, AccountError> {
        let conn = rusqlite::Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut db = Db::Sqlite(conn);
        db.migrate()?;
        Ok(db)
    }

    /// Uses a PostgreSQL connection (with its `search_path`) and migrates
    /// the accounts' tables.
    pub fn from_postgres(mut client: postgres::Client) -> Result<Db, AccountError> {
        client.batch_execute("SET synchronous_commit TO on")?;
        Db::from_pg_client(crate::pg_client::PgClient::new(client))
    }

    /// Uses a connection that may reconnect by itself, and migrates.
    pub fn from_pg_client(client: crate::pg_client::PgClient) -> Result<Db, AccountError> {
        let mut db = Db::Postgres(Box::new(client));
        db.migrate()?;
        Ok(db)
    }

    /// Reconnects to PostgreSQL when the server closed the connection.
    /// Under an open transaction it does not: the statements already sent
    /// were lost with the connection, and the rest (its `COMMIT` included)
    /// must not run alone; the caller gets `ConnectionLost` once.
    fn live(&mut self) -> Result<(), AccountError> {
        if let Db::Postgres(client) = self {
            if client.transaction_open && client.is_closed() {
                client.transaction_open = false;
                return Err(AccountError::ConnectionLost);
            }
            client.reconnect_if_closed()?;
        }
        Ok(())
    }

    /// Applies the missing schema versions, all in one transaction.
    fn migrate(&mut self) -> Result<(), AccountError> {
        self.batch("BEGIN")?;
        let done = self.migrate_in_transaction();
        match done {
            Ok(()) => self.batch("COMMIT"),
            Err(e) => {
                let _ = self.batch("ROLLBACK");
                Err(e)
            }
        }
    }

    fn migrate_in_transaction(&mut self) -> Result<(), AccountError> {
        if let Db::Postgres(_) = self {
            self.execute(
                "SELECT pg_advisory_xact_lock($1)",
                &[P::Int(MIGRATION_LOCK)],
            )?;
        }
        self.batch(MIGRATIONS_TABLE)?;
        let current = self
            .query(
                "SELECT COALESCE(MAX(version), 0) FROM account_migrations",
                &[],
                &[Kind::Int],
            )?
            .first()
            .and_then(|row| row[0].int())
            .unwrap_or(0);
        if current > ACCOUNTS_SCHEMA_VERSION {
            return Err(AccountError::SchemaTooNew {
                found: current,
                known: ACCOUNTS_SCHEMA_VERSION,
            });
        }
        for m in MIGRATIONS.iter().filter(|m| m.version > current) {
            self.batch(m.sql)?;
            self.execute(
                "INSERT INTO account_migrations (version, name) VALUES ($1, $2)",
                &[P::Int(m.version), P::Text(m.name)],
            )?;
        }
        Ok(())
    }

    /// Runs `work` in one transaction: committed when it succeeds, rolled
    /// back when it fails.
    pub fn transaction<R>(
        &mut self,
        work: impl FnOnce(&mut Db) -> Result<R, AccountError>,
    ) -> Result<R, AccountError> {
        self.batch("BEGIN")?;
        self.finish(work)
    }

    /// Runs `work` in one transaction that no other under the same `lock`
    /// overlaps, in any process: PostgreSQL's advisory transaction lock
    /// `lock`, or SQLite's write lock taken at the start (`BEGIN
    /// IMMEDIATE`), so that what `work` reads stays true until it commits.
    pub fn serialised_transaction<R>(
        &mut self,
        lock: i64,
        work: impl FnOnce(&mut Db) -> Result<R, AccountError>,
    ) -> Result<R, AccountError> {
        match self {
            Db::Sqlite(_) => self.batch("BEGIN IMMEDIATE")?,
            Db::Postgres(_) => {
                self.batch("BEGIN")?;
                if let Err(e) = self.execute("SELECT pg_advisory_xact_lock($1)", &[P::Int(lock)]) {
                    let _ = self.batch("ROLLBACK");
                    return Err(e);
                }
            }
        }
        self.finish(work)
    }

    /// Commits what `work` did in the open transaction, or rolls it back.
    fn finish<R>(
        &mut self,
        work: impl FnOnce(&mut Db) -> Result<R, AccountError>,
    ) -> Result<R, AccountError> {
        match work(self) {
            Ok(done) => {
                self.batch("COMMIT")?;
                Ok(done)
            }
            Err(e) => {
                let _ = self.batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Runs statements without parameters.
    pub fn batch(&mut self, sql: &str) -> Result<(), AccountError> {
        if sql == "ROLLBACK"
            && let Db::Postgres(client) = self
            && client.is_closed()
        {
            // The server rolled it back when the connection closed.
            client.transaction_open = false;
            return Ok(());
        }
        self.live()?;
        match self {
            Db::Sqlite(conn) => conn.execute_batch(sql)?,
            Db::Postgres(client) => {
                let done = client.batch_execute(sql);
                client.transaction_open = match sql {
                    "BEGIN" => done.is_ok(),
                    "COMMIT" | "ROLLBACK" => false,
                    _ => client.transaction_open,
                };
                done?;
            }
        }
        Ok(())
    }

    /// Runs one statement; answers the number of rows it changed.
    pub fn execute(&mut self, sql: &str, params: &[P<'_>]) -> Result<u64, AccountError> {
        self.live()?;
        match self {
            Db::Sqlite(conn) => {
                let changed = conn.execute(
                    &sql.replace('$', "?"),
                    rusqlite::params_from_iter(sqlite_values(params)),
                )?;
                Ok(changed as u64)
            }
            Db::Postgres(client) => Ok(client.execute(sql, &pg_values(params))?),
        }
    }

    /// Reads rows of the columns `kinds`.
    pub fn query(
        &mut self,
        sql: &str,
        params: &[P<'_>],
        kinds: &[Kind],
    ) -> Result<Vec<Vec<Cell>>, AccountError> {
        self.live()?;
        match self {
            Db::Sqlite(conn) => {
                let mut statement = conn.prepare(&sql.replace('$', "?"))?;
                let rows = statement.query_map(
                    rusqlite::params_from_iter(sqlite_values(params)),
                    |row| {
                        kinds
                            .iter()
                            .enumerate()
                            .map(|(i, kind)| {
                                Ok(match kind {
                                    Kind::Text => Cell::Text(row.get(i)?),
                                    Kind::Int => Cell::Int(row.get(i)?),
                                })
                            })
                            .collect::<Result<Vec<Cell>, rusqlite::Error>>()
                    },
                )?;
                Ok(rows.collect::<Result<_, _>>()?)
            }
            Db::Postgres(client) => {
                let rows = client.query(sql, &pg_values(params))?;
                rows.iter()
                    .map(|row| {
                        kinds
                            .iter()
                            .enumerate()
                            .map(|(i, kind)| {
                                Ok(match kind {
                                    Kind::Text => Cell::Text(row.try_get(i)?),
                                    Kind::Int => Cell::Int(row.try_get(i)?),
                                })
                            })
                            .collect::<Result<Vec<Cell>, AccountError>>()
                    })
                    .collect()
            }
        }
    }
}

fn sqlite_values(params: &[P<'_>]) -> Vec<rusqlite::types::Value> {
    use rusqlite::types::Value;
    params
        .iter()
        .map(|p| match p {
            P::Text(s) => Value::Text((*s).to_owned()),
            P::Int(i) => Value::Integer(*i),
            P::NullText => Value::Null,
        })
        .collect()
}

fn pg_values<'a>(params: &'a [P<'a>]) -> Vec<&'a (dyn ToSql + Sync)> {
    params
        .iter()
        .map(|p| -> &(dyn ToSql + Sync) {
            match p {
                P::Text(s) => s,
                P::Int(i) => i,
                P::NullText => &NO_TEXT,
            }
        })
        .collect()
}
