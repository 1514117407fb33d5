//! The SQLite backend: one file, WAL journal, `synchronous=FULL`.
//!
//! In WAL mode with `synchronous=FULL`, SQLite syncs the write-ahead log at
//! every commit, so a transaction that has committed survives a crash or a
//! power cut. Appends take the write lock at once (`BEGIN IMMEDIATE`), so two
//! writers never both read the same next index.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, TransactionBehavior, params};

use crate::error::{LedgerError, StoreError};
use crate::migrate::{self, MIGRATIONS, SCHEMA_VERSION};
use crate::store::{
    EventStore, MAX_INDEX, NewEntry, Signer, StoredCheckpoint, StoredEntry, from_db, to_db,
};

/// How long a connection waits for another one's write lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An [`EventStore`] in one SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
}

impl SqliteStore {
    /// Opens the store in the file at `path`, creating the file if it does not
    /// exist, and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // `journal_mode` answers with the mode in force: check that WAL took.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NotAStore(format!(
                "{} cannot use the WAL journal (journal_mode is {mode})",
                path.display()
            )));
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        migrate_sqlite(&mut conn)?;
        Ok(Self {
            conn,
            path: path.to_owned(),
        })
    }

    /// Opens an existing store read-only, as an auditor does with a copy of
    /// an instance's database: the file must exist and be at this build's
    /// schema version; nothing is created or migrated.
    pub fn open_existing(path: &Path) -> Result<Self, StoreError> {
        if !path.is_file() {
            return Err(StoreError::NotAStore(format!(
                "{} does not exist or is not a file",
                path.display()
            )));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let has_table: bool = conn
            .query_row(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_migrations'",
                [],
                |_| Ok(true),
            )
            .optional()
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::NotADatabase =>
                {
                    StoreError::NotAStore(format!("{} is not a SQLite database", path.display()))
                }
                e => StoreError::Sqlite(e),
            })?
            .unwrap_or(false);
        let version = if has_table {
            Some(conn.query_row(
                "SELECT COALESCE(MAX(version), 0) FROM store_migrations",
                [],
                |r| r.get::<_, u32>(0),
            )?)
        } else {
            None
        };
        migrate::check_current(version, &path.display().to_string())?;
        Ok(Self {
            conn,
            path: path.to_owned(),
        })
    }

    /// The file the store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn migrate_sqlite(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(migrate::SQLITE_TABLE, [])?;
    let current: u32 = tx.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM store_migrations",
        [],
        |r| r.get(0),
    )?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            found: current,
            known: SCHEMA_VERSION,
        });
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > current) {
        tx.execute_batch(m.sqlite)?;
        tx.execute(
            "INSERT INTO store_migrations (version, name) VALUES (?1, ?2)",
            params![m.version, m.name],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// The bytes of a BLOB (or, in a hand-edited database, TEXT) column.
fn bytes(row: &Row<'_>, column: usize) -> rusqlite::Result<Vec<u8>> {
    match row.get_ref(column)? {
        ValueRef::Blob(b) | ValueRef::Text(b) => Ok(b.to_vec()),
        ValueRef::Null => Ok(Vec::new()),
        other => Err(rusqlite::Error::InvalidColumnType(
            column,
            format!("column {column}"),
            other.data_type(),
        )),
    }
}

fn next_index(conn: &Connection) -> Result<u64, StoreError> {
    let next: i64 = conn.query_row(
        "SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entries",
        [],
        |r| r.get(0),
    )?;
    from_db(next, "index")
}

fn checkpoint_row(row: &Row<'_>) -> rusqlite::Result<(i64, String)> {
    Ok((row.get(0)?, row.get(1)?))
}

fn to_checkpoint((size, note): (i64, String)) -> Result<StoredCheckpoint, StoreError> {
    Ok(StoredCheckpoint {
        size: from_db(size, "checkpoint size")?,
        note,
    })
}

fn file_locked(
    conn: &mut Connection,
    size: u64,
    sign: &mut Signer<'_>,
) -> Result<String, LedgerError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(StoreError::from)?;
    let earlier = tx
        .query_row(
            "SELECT size, note FROM log_checkpoints WHERE size <= ?1 ORDER BY size DESC LIMIT 1",
            [to_db(size)?],
            checkpoint_row,
        )
        .optional()
        .map_err(StoreError::from)?
        .map(to_checkpoint)
        .transpose()?;
    let note = sign(earlier.as_ref())?;
    tx.execute(
        "INSERT INTO log_checkpoints (size, note) VALUES (?1, ?2) ON CONFLICT (size) DO NOTHING",
        params![to_db(size)?, note],
    )
    .map_err(StoreError::from)?;
    tx.commit().map_err(StoreError::from)?;
    Ok(note)
}

impl EventStore for SqliteStore {
    fn describe(&self) -> String {
        format!("SQLite file {}", self.path.display())
    }

    fn next_index(&mut self) -> Result<u64, StoreError> {
        next_index(&self.conn)
    }

    fn append(&mut self, expected_next: u64, entries: &[NewEntry<'_>]) -> Result<u64, StoreError> {
        let end = expected_next
            .checked_add(entries.len() as u64)
            .filter(|&end| end <= MAX_INDEX)
            .ok_or(StoreError::IndexTooLarge(expected_next))?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let actual = next_index(&tx)?;
        if actual != expected_next {
            return Err(StoreError::Conflict {
                expected: expected_next,
                actual,
            });
        }
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO log_entries (idx, entry, leaf_hash, seal) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (index, e) in (expected_next..).zip(entries) {
                insert.execute(params![
                    to_db(index)?,
                    e.entry,
                    &e.leaf_hash[..],
                    &e.seal[..]
                ])?;
            }
        }
        tx.commit()?;
        Ok(end)
    }

    fn read(&mut self, from: u64, limit: usize) -> Result<Vec<StoredEntry>, StoreError> {
        let Ok(from) = i64::try_from(from) else {
            return Ok(Vec::new());
        };
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(
            "SELECT idx, entry, leaf_hash, seal FROM log_entries WHERE idx >= ?1 ORDER BY idx LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![from, limit], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                bytes(row, 1)?,
                bytes(row, 2)?,
                bytes(row, 3)?,
            ))
        })?;
        rows.map(|row| {
            let (index, entry, leaf_hash, seal) = row?;
            Ok(StoredEntry {
                index: from_db(index, "index")?,
                entry,
                leaf_hash,
                seal,
            })
        })
        .collect()
    }

    fn save_checkpoint(&mut self, size: u64, note: &str) -> Result<(), StoreError> {
        // No sync of its own (see the trait): in WAL mode the next FULL
        // commit syncs the log file, this insert's frames included.
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let inserted = self.conn.execute(
            "INSERT INTO log_checkpoints (size, note) VALUES (?1, ?2) ON CONFLICT (size) DO NOTHING",
            params![to_db(size)?, note],
        );
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        inserted?;
        Ok(())
    }

    fn file_checkpoint(&mut self, size: u64, sign: &mut Signer<'_>) -> Result<String, LedgerError> {
        // The write lock (BEGIN IMMEDIATE) is the signing lock; no sync of
        // its own, as for `save_checkpoint`.
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(StoreError::from)?;
        let filed = file_locked(&mut self.conn, size, sign);
        self.conn
            .pragma_update(None, "synchronous", "FULL")
            .map_err(StoreError::from)?;
        filed
    }

    fn latest_checkpoint(&mut self) -> Result<Option<StoredCheckpoint>, StoreError> {
        self.conn
            .query_row(
                "SELECT size, note FROM log_checkpoints ORDER BY size DESC LIMIT 1",
                [],
                checkpoint_row,
            )
            .optional()?
            .map(to_checkpoint)
            .transpose()
    }

    fn checkpoint(&mut self, size: u64) -> Result<Option<StoredCheckpoint>, StoreError> {
        let Ok(size) = i64::try_from(size) else {
            return Ok(None);
        };
        self.conn
            .query_row(
                "SELECT size, note FROM log_checkpoints WHERE size = ?1",
                [size],
                checkpoint_row,
            )
            .optional()?
            .map(to_checkpoint)
            .transpose()
    }

    fn checkpoint_sizes(&mut self) -> Result<Vec<u64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT size FROM log_checkpoints ORDER BY size")?;
        let sizes = stmt.query_map([], |r| r.get::<_, i64>(0))?;
        sizes.map(|s| from_db(s?, "checkpoint size")).collect()
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
        let mut stmt = self.conn.prepare_cached(
            "SELECT size, note FROM log_checkpoints WHERE size >= ?1 ORDER BY size LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![from, limit], checkpoint_row)?;
        rows.map(|r| to_checkpoint(r?)).collect()
    }

    fn meta(&mut self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM log_meta WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO log_meta (key, value) VALUES (?1, ?2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}
