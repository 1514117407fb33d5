//! Fresh databases for the conformance suite: a SQLite file in a temporary
//! folder, or a PostgreSQL schema of its own in the server named by
//! `ACCORD_TEST_DATABASE_URL`, so that tests run in parallel. Also the raw
//! row edits that the tamper tests make behind the store's back.

use std::sync::atomic::{AtomicU32, Ordering};

use accord_store::{EventStore, PgStore, SqliteStore};

/// The variable that names the PostgreSQL server the suite uses.
pub const DATABASE_URL_VAR: &str = "ACCORD_TEST_DATABASE_URL";

/// One stored row of `log_entries`, as the tamper tests read and write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    pub entry: Vec<u8>,
    pub leaf_hash: Vec<u8>,
    pub seal: Vec<u8>,
}

/// A fresh, empty database for one test; removed when dropped.
pub enum TestDb {
    Sqlite {
        _dir: tempfile::TempDir,
        path: std::path::PathBuf,
    },
    Postgres {
        url: String,
        schema: String,
        admin: Box<postgres::Client>,
    },
}

impl std::fmt::Debug for TestDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sqlite { path, .. } => write!(f, "TestDb::Sqlite({})", path.display()),
            Self::Postgres { schema, .. } => write!(f, "TestDb::Postgres({schema})"),
        }
    }
}

/// The PostgreSQL server's URL, or a failure that says how to get one: the
/// PostgreSQL half of the suite never skips silently.
pub fn database_url() -> String {
    match std::env::var(DATABASE_URL_VAR) {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "{DATABASE_URL_VAR} is not set: the PostgreSQL conformance tests need a server. \
             Run scripts/test, which starts a private PostgreSQL cluster and sets it \
             (or set it to postgres://USER@HOST:PORT/DB yourself)."
        ),
    }
}

/// `url` with a `search_path` option that selects `schema`.
pub fn url_with_schema(url: &str, schema: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-csearch_path%3D{schema}")
}

/// A name no other test (in this or another process) uses.
fn unique_schema() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("accord_test_{}_{n}_{nanos}", std::process::id())
}

impl TestDb {
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("accord.sqlite3");
        Self::Sqlite { _dir: dir, path }
    }

    pub fn postgres() -> Self {
        let base = database_url();
        let mut admin = postgres::Client::connect(&base, postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to {DATABASE_URL_VAR} ({base}): {e}"));
        let schema = unique_schema();
        admin
            .batch_execute(&format!(
                "CREATE SCHEMA {schema}; SET search_path TO {schema}"
            ))
            .expect("a fresh schema");
        let url = url_with_schema(&base, &schema);
        Self::Postgres {
            url,
            schema,
            admin: Box::new(admin),
        }
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Self::Sqlite { .. } => "SQLite",
            Self::Postgres { .. } => "PostgreSQL",
        }
    }

    /// Opens (creating and migrating) the store; each call is a new
    /// connection, as another process would make.
    pub fn open(&self) -> Box<dyn EventStore> {
        match self {
            Self::Sqlite { path, .. } => Box::new(SqliteStore::open(path).expect("SQLite store")),
            Self::Postgres { url, .. } => {
                Box::new(PgStore::connect(url).expect("PostgreSQL store"))
            }
        }
    }

    /// Opens the store as an auditor does: no creation, no migration.
    pub fn open_existing(&self) -> Result<Box<dyn EventStore>, accord_store::StoreError> {
        Ok(match self {
            Self::Sqlite { path, .. } => Box::new(SqliteStore::open_existing(path)?),
            Self::Postgres { url, .. } => Box::new(PgStore::connect_existing(url)?),
        })
    }

    /// Runs SQL that both backends understand, behind the store's back.
    pub fn execute(&mut self, sql: &str) {
        match self {
            Self::Sqlite { path, .. } => {
                let conn = rusqlite::Connection::open(path).expect("raw SQLite connection");
                conn.execute_batch(sql).expect("raw SQL");
            }
            Self::Postgres { admin, .. } => admin.batch_execute(sql).expect("raw SQL"),
        }
    }

    /// Reads a row of `log_entries` directly.
    pub fn row(&mut self, index: u64) -> RawRow {
        let index = i64::try_from(index).expect("small index");
        match self {
            Self::Sqlite { path, .. } => {
                let conn = rusqlite::Connection::open(path).expect("raw SQLite connection");
                conn.query_row(
                    "SELECT entry, leaf_hash, seal FROM log_entries WHERE idx = ?1",
                    [index],
                    |r| {
                        Ok(RawRow {
                            entry: r.get(0)?,
                            leaf_hash: r.get(1)?,
                            seal: r.get(2)?,
                        })
                    },
                )
                .expect("the row exists")
            }
            Self::Postgres { admin, .. } => {
                let r = admin
                    .query_one(
                        "SELECT entry, leaf_hash, seal FROM log_entries WHERE idx = $1",
                        &[&index],
                    )
                    .expect("the row exists");
                RawRow {
                    entry: r.get(0),
                    leaf_hash: r.get(1),
                    seal: r.get(2),
                }
            }
        }
    }

    /// Overwrites a row of `log_entries` directly (inserting it if absent).
    pub fn put_row(&mut self, index: u64, row: &RawRow) {
        let index = i64::try_from(index).expect("small index");
        match self {
            Self::Sqlite { path, .. } => {
                let conn = rusqlite::Connection::open(path).expect("raw SQLite connection");
                conn.execute(
                    "INSERT INTO log_entries (idx, entry, leaf_hash, seal) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT (idx) DO UPDATE SET entry = excluded.entry, \
                     leaf_hash = excluded.leaf_hash, seal = excluded.seal",
                    rusqlite::params![index, row.entry, row.leaf_hash, row.seal],
                )
                .expect("raw update");
            }
            Self::Postgres { admin, .. } => {
                admin
                    .execute(
                        "INSERT INTO log_entries (idx, entry, leaf_hash, seal) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (idx) DO UPDATE SET entry = excluded.entry, \
                         leaf_hash = excluded.leaf_hash, seal = excluded.seal",
                        &[&index, &row.entry, &row.leaf_hash, &row.seal],
                    )
                    .expect("raw update");
            }
        }
    }
}

impl TestDb {
    /// Overwrites the note filed under `size` directly.
    pub fn put_checkpoint(&mut self, size: u64, note: &str) {
        let size = i64::try_from(size).expect("small size");
        match self {
            Self::Sqlite { path, .. } => {
                let conn = rusqlite::Connection::open(path).expect("raw SQLite connection");
                conn.execute(
                    "UPDATE log_checkpoints SET note = ?2 WHERE size = ?1",
                    rusqlite::params![size, note],
                )
                .expect("raw update");
            }
            Self::Postgres { admin, .. } => {
                admin
                    .execute(
                        "UPDATE log_checkpoints SET note = $2 WHERE size = $1",
                        &[&size, &note],
                    )
                    .expect("raw update");
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Self::Postgres { admin, schema, .. } = self {
            // Best effort: a failed test must still show its own failure.
            let _ = admin.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}

/// Runs each named case, a `fn(&mut TestDb)`, once against a fresh SQLite
/// file and once against a fresh PostgreSQL schema.
#[macro_export]
macro_rules! each_backend {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $case() {
                    super::$case(&mut $crate::harness::TestDb::sqlite());
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $case() {
                    super::$case(&mut $crate::harness::TestDb::postgres());
                }
            )*
        }
    };
}
