//! The PostgreSQL backend, over the synchronous `postgres` client (no TLS).
//!
//! Appends lock the entries table against other writers (`LOCK TABLE … IN
//! EXCLUSIVE MODE`, which readers do not wait for), read the next index,
//! insert the batch with one `UNNEST` statement and commit. The connection
//! sets `synchronous_commit = on`, so a commit returns only once it is on
//! disk whatever the server's default.
//!
//! The connection comes back by itself after the server restarts (see
//! [`crate::pg_client`]): each call first reconnects if the server closed
//! it, and an error while the server is away is one that
//! [`StoreError::is_unavailable`] recognises.
//!
//! The store uses whatever schema the connection's `search_path` names first:
//! several logs can share a database, one schema each (the URL's
//! `options=-csearch_path%3Dname` selects one).

use postgres::{Client, Row, SimpleQueryMessage, Statement};

use crate::error::{LedgerError, StoreError};
use crate::migrate::{self, MIGRATIONS, SCHEMA_VERSION};
use crate::pg_client::{self, PgClient};
use crate::store::{
    EventStore, MAX_INDEX, NewEntry, Signer, StoredCheckpoint, StoredEntry, from_db, to_db,
};

/// The advisory lock key that serialises migrations ("accord" in ASCII).
const MIGRATION_LOCK: i64 = 0x6163_636f_7264;
/// The advisory lock key held while a checkpoint is signed and filed
/// ("signing" in ASCII), so that one process signs at a time.
const SIGNING_LOCK: i64 = 0x0073_6967_6e69_6e67;

/// An [`EventStore`] in a PostgreSQL database.
pub struct PgStore {
    client: PgClient,
    description: String,
    statements: Statements,
}

/// The statements prepared on the connection, each then one round trip.
struct Statements {
    next_index: Statement,
    read: Statement,
    /// Inserts a batch and notifies the followers (`crate::listen`), in one
    /// statement: the word is delivered at the commit only.
    insert: Statement,
    file_checkpoint: Statement,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("description", &self.description)
            .finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user@host:port/db`, no
    /// TLS) and brings its schema up to date.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let client = pg_client::connect(url)?;
        Self::migrated(client, describe_url(url))
    }

    /// Connects to an existing store without creating or migrating anything,
    /// as an auditor does: the schema must be at this build's version.
    pub fn connect_existing(url: &str) -> Result<Self, StoreError> {
        let client = pg_client::connect(url)?;
        Self::existing(client, describe_url(url))
    }

    /// Uses an open connection (with its `search_path`) and brings the schema
    /// up to date. `description` names the database in messages.
    pub fn from_client(mut client: Client, description: String) -> Result<Self, StoreError> {
        client.batch_execute("SET synchronous_commit TO on")?;
        Self::migrated(PgClient::new(client), description)
    }

    fn migrated(mut client: PgClient, description: String) -> Result<Self, StoreError> {
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        tx.batch_execute(migrate::POSTGRES_TABLE)?;
        let current: i32 = tx
            .query_one(
                "SELECT COALESCE(MAX(version), 0) FROM store_migrations",
                &[],
            )?
            .get(0);
        let current = u32::try_from(current).unwrap_or(0);
        if current > SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew {
                found: current,
                known: SCHEMA_VERSION,
            });
        }
        for m in MIGRATIONS.iter().filter(|m| m.version > current) {
            tx.batch_execute(m.postgres)?;
            let version = i32::try_from(m.version).expect("a small version number");
            tx.execute(
                "INSERT INTO store_migrations (version, name) VALUES ($1, $2)",
                &[&version, &m.name],
            )?;
        }
        tx.commit()?;
        Self::prepared(client, description)
    }

    /// Uses an open connection without creating or migrating anything.
    pub fn from_client_existing(client: Client, description: String) -> Result<Self, StoreError> {
        Self::existing(PgClient::new(client), description)
    }

    fn existing(mut client: PgClient, description: String) -> Result<Self, StoreError> {
        let has_table: bool = client
            .query_one("SELECT to_regclass('store_migrations') IS NOT NULL", &[])?
            .get(0);
        let version = if has_table {
            let v: i32 = client
                .query_one(
                    "SELECT COALESCE(MAX(version), 0) FROM store_migrations",
                    &[],
                )?
                .get(0);
            Some(u32::try_from(v).unwrap_or(0))
        } else {
            None
        };
        migrate::check_current(version, &description)?;
        Self::prepared(client, description)
    }

    fn prepared(mut client: PgClient, description: String) -> Result<Self, StoreError> {
        let statements = prepare(&mut client)?;
        Ok(Self {
            client,
            description,
            statements,
        })
    }

    /// Reconnects when the server closed the connection (a restart), and
    /// prepares the statements again on the new one.
    fn live(&mut self) -> Result<&mut PgClient, StoreError> {
        if self.client.reconnect_if_closed()? {
            self.statements = prepare(&mut self.client)?;
        }
        Ok(&mut self.client)
    }

    /// Runs `body` in a transaction whose `BEGIN` travels with `first`
    /// (more statements, in one round trip, answering rows as text), then
    /// commits; rolls back if `body` fails. A write costs few round trips,
    /// which is what a durable act pays beside the disk's sync.
    fn in_transaction<T, E: From<StoreError>>(
        &mut self,
        first: &str,
        body: impl FnOnce(&mut Client, &Statements, Vec<SimpleQueryMessage>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.live()?;
        let answered = self
            .client
            .simple_query(&format!("BEGIN; {first}"))
            .map_err(StoreError::from);
        let done = match answered {
            Ok(rows) => body(&mut self.client, &self.statements, rows),
            Err(e) => Err(e.into()),
        };
        match done {
            Ok(value) => {
                self.client
                    .batch_execute("COMMIT")
                    .map_err(StoreError::from)?;
                Ok(value)
            }
            Err(e) => {
                // A connection the server closed rolled back by itself.
                let _ = self.client.batch_execute("ROLLBACK");
                Err(e)
            }
        }
    }
}

fn prepare(client: &mut Client) -> Result<Statements, StoreError> {
    Ok(Statements {
        next_index: client.prepare("SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entries")?,
        read: client.prepare(
            "SELECT idx, entry, leaf_hash, seal FROM log_entries WHERE idx >= $1 ORDER BY idx LIMIT $2",
        )?,
        insert: client.prepare(
            "WITH inserted AS (\
                 INSERT INTO log_entries (idx, entry, leaf_hash, seal) \
                 SELECT * FROM UNNEST($1::BIGINT[], $2::BYTEA[], $3::BYTEA[], $4::BYTEA[]) \
                 RETURNING 1) \
             SELECT pg_notify($5, current_schema()), (SELECT count(*) FROM inserted)",
        )?,
        file_checkpoint: client.prepare(
            "INSERT INTO log_checkpoints (size, note) VALUES ($1, $2) ON CONFLICT (size) DO NOTHING",
        )?,
    })
}

/// The rows a simple query answered, as text.
fn text_rows(messages: &[SimpleQueryMessage]) -> Vec<&postgres::SimpleQueryRow> {
    messages
        .iter()
        .filter_map(|m| match m {
            SimpleQueryMessage::Row(row) => Some(row),
            _ => None,
        })
        .collect()
}

fn text_int(value: Option<&str>, what: &str) -> Result<i64, StoreError> {
    value
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| StoreError::Malformed(format!("{what} is not an integer: {value:?}")))
}

/// "PostgreSQL database NAME on HOST:PORT", without the user or password.
fn describe_url(url: &str) -> String {
    let Ok(config) = url.parse::<postgres::Config>() else {
        return "PostgreSQL database".to_owned();
    };
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => "localhost".to_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config.get_dbname().unwrap_or("(default)");
    format!("PostgreSQL database {db} on {host}:{port}")
}

fn to_checkpoint(row: &Row) -> Result<StoredCheckpoint, StoreError> {
    Ok(StoredCheckpoint {
        size: from_db(row.try_get(0)?, "checkpoint size")?,
        note: row.try_get(1)?,
    })
}

impl EventStore for PgStore {
    fn describe(&self) -> String {
        self.description.clone()
    }

    fn next_index(&mut self) -> Result<u64, StoreError> {
        self.live()?;
        let next: i64 = self
            .client
            .query_one(&self.statements.next_index, &[])?
            .try_get(0)?;
        from_db(next, "index")
    }

    fn append(&mut self, expected_next: u64, entries: &[NewEntry<'_>]) -> Result<u64, StoreError> {
        let end = expected_next
            .checked_add(entries.len() as u64)
            .filter(|&end| end <= MAX_INDEX)
            .ok_or(StoreError::IndexTooLarge(expected_next))?;
        // One round trip takes the writers' lock and reads the next index;
        // one inserts and notifies; one commits.
        self.in_transaction(
            "LOCK TABLE log_entries IN EXCLUSIVE MODE; \
             SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entries",
            |client, statements, answered| {
                let rows = text_rows(&answered);
                let actual = text_int(rows.first().and_then(|r| r.get(0)), "the next index")?;
                let actual = from_db(actual, "index")?;
                if actual != expected_next {
                    return Err(StoreError::Conflict {
                        expected: expected_next,
                        actual,
                    });
                }
                if !entries.is_empty() {
                    let indices = (expected_next..end)
                        .map(to_db)
                        .collect::<Result<Vec<i64>, _>>()?;
                    let bytes: Vec<&[u8]> = entries.iter().map(|e| e.entry).collect();
                    let leaves: Vec<&[u8]> = entries.iter().map(|e| &e.leaf_hash[..]).collect();
                    let seals: Vec<&[u8]> = entries.iter().map(|e| &e.seal[..]).collect();
                    client.query_one(
                        &statements.insert,
                        &[&indices, &bytes, &leaves, &seals, &crate::listen::CHANNEL],
                    )?;
                }
                Ok(end)
            },
        )
    }

    fn read(&mut self, from: u64, limit: usize) -> Result<Vec<StoredEntry>, StoreError> {
        let Ok(from) = i64::try_from(from) else {
            return Ok(Vec::new());
        };
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.live()?;
        let rows = self.client.query(&self.statements.read, &[&from, &limit])?;
        rows.iter()
            .map(|row| {
                Ok(StoredEntry {
                    index: from_db(row.try_get(0)?, "index")?,
                    entry: row.try_get(1)?,
                    leaf_hash: row.try_get(2)?,
                    seal: row.try_get(3)?,
                })
            })
            .collect()
    }

    fn save_checkpoint(&mut self, size: u64, note: &str) -> Result<(), StoreError> {
        // No wait for the disk (see the trait): the next synchronous commit
        // flushes the server's write-ahead log, this insert included.
        let mut tx = self.live()?.transaction()?;
        tx.batch_execute("SET LOCAL synchronous_commit TO off")?;
        tx.execute(
            "INSERT INTO log_checkpoints (size, note) VALUES ($1, $2) ON CONFLICT (size) DO NOTHING",
            &[&to_db(size)?, &note],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn file_checkpoint(&mut self, size: u64, sign: &mut Signer<'_>) -> Result<String, LedgerError> {
        let size_db = to_db(size)?;
        // One round trip takes the signing lock (released with the
        // transaction, or by the server if the connection drops: then the
        // commit fails and nothing is filed) and reads, after it, the
        // checkpoint to agree with; one files the new one; one commits,
        // without waiting for the disk (see `save_checkpoint`).
        let first = format!(
            "SET LOCAL synchronous_commit TO off; \
             SELECT pg_advisory_xact_lock({SIGNING_LOCK}); \
             SELECT size, note FROM log_checkpoints WHERE size <= {size_db} ORDER BY size DESC LIMIT 1"
        );
        self.in_transaction(&first, |client, statements, answered| {
            let earlier = text_rows(&answered)
                .into_iter()
                .find(|row| row.columns().len() == 2)
                .map(|row| -> Result<StoredCheckpoint, StoreError> {
                    Ok(StoredCheckpoint {
                        size: from_db(
                            text_int(row.get(0), "a checkpoint size")?,
                            "checkpoint size",
                        )?,
                        note: row.get(1).unwrap_or_default().to_owned(),
                    })
                })
                .transpose()?;
            let note = sign(earlier.as_ref())?;
            client
                .execute(&statements.file_checkpoint, &[&size_db, &note])
                .map_err(StoreError::from)?;
            Ok(note)
        })
    }

    fn latest_checkpoint(&mut self) -> Result<Option<StoredCheckpoint>, StoreError> {
        self.live()?
            .query_opt(
                "SELECT size, note FROM log_checkpoints ORDER BY size DESC LIMIT 1",
                &[],
            )?
            .as_ref()
            .map(to_checkpoint)
            .transpose()
    }

    fn checkpoint(&mut self, size: u64) -> Result<Option<StoredCheckpoint>, StoreError> {
        let Ok(size) = i64::try_from(size) else {
            return Ok(None);
        };
        self.live()?
            .query_opt(
                "SELECT size, note FROM log_checkpoints WHERE size = $1",
                &[&size],
            )?
            .as_ref()
            .map(to_checkpoint)
            .transpose()
    }

    fn checkpoint_sizes(&mut self) -> Result<Vec<u64>, StoreError> {
        self.live()?
            .query("SELECT size FROM log_checkpoints ORDER BY size", &[])?
            .iter()
            .map(|row| from_db(row.try_get(0)?, "checkpoint size"))
            .collect()
    }

    fn read_checkpoints(
        &mut self,
        from: u64,
        limit: usize,
    ) -> Result<Vec<StoredCheckpoint>, StoreError> {
        let Ok(from) = i64::try_from(from) else {
            return Ok(Vec::new());
        };
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.live()?
            .query(
                "SELECT size, note FROM log_checkpoints WHERE size >= $1 ORDER BY size LIMIT $2",
                &[&from, &limit],
            )?
            .iter()
            .map(to_checkpoint)
            .collect()
    }

    fn meta(&mut self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .live()?
            .query_opt("SELECT value FROM log_meta WHERE key = $1", &[&key])?
            .map(|row| row.try_get(0))
            .transpose()?)
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.live()?.execute(
            "INSERT INTO log_meta (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&key, &value],
        )?;
        Ok(())
    }
}
