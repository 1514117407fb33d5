//! Consistent copies of an instance's store in one SQLite file, and back.
//!
//! [`back_up`] reads the log's tables (and, unless told otherwise, the
//! accounts') as of one moment while the instance keeps serving, and writes
//! them into a new SQLite file that is itself a store: `accord log verify
//! --db FILE` reads it like any other. From PostgreSQL the tables are read
//! in one `REPEATABLE READ` transaction, so the copy is one snapshot of the
//! database; from SQLite, in one read transaction over the log's file with
//! the accounts' file attached (WAL readers see a snapshot and never block
//! the writer).
//!
//! [`restore`] does the reverse into an instance's store, replacing the
//! log's tables (and the accounts', when the copy holds them) in one
//! transaction per database. Deciding whether a copy may be restored (it
//! verifies; it is not older than what the instance has signed) is the
//! caller's: this module only moves rows.
//!
//! Documents' bytes are not copied: they are kept by their SHA-256 and only
//! ever added, so the operator copies the data folder's `documents/` (or the
//! PostgreSQL `documents` table) with any tool, at any time.

mod rows;

use std::path::Path;

use postgres::{IsolationLevel, NoTls};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::accounts::{ACCOUNTS_SCHEMA_VERSION, AccountError, Accounts};
use crate::error::StoreError;
use crate::migrate::SCHEMA_VERSION;
use crate::sqlite::SqliteStore;
use rows::Value;

/// The log's tables, in the order they are copied.
const LOG_TABLES: [&str; 3] = ["log_meta", "log_entries", "log_checkpoints"];

/// How many rows a PostgreSQL read fetches at a time.
const FETCH: i32 = 1_000;

/// Where an instance keeps its tables.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    /// The data folder's SQLite files: the log's, and the accounts' when it
    /// exists (or is to be written).
    Sqlite {
        log: &'a Path,
        accounts: Option<&'a Path>,
    },
    /// A PostgreSQL database holding both.
    Postgres { url: &'a str },
}

/// The rows copied, table by table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Copied {
    pub tables: Vec<(String, u64)>,
    /// Whether the accounts' tables were copied (perhaps empty: an instance
    /// with no login yet).
    pub accounts: bool,
}

impl Copied {
    /// The rows copied of `table` (0 when it was not copied).
    pub fn rows(&self, table: &str) -> u64 {
        self.tables
            .iter()
            .find(|(name, _)| name == table)
            .map_or(0, |(_, n)| *n)
    }
}

/// Why a copy could not be made or restored.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Accounts(#[from] AccountError),
    #[error(
        "{what} is at schema version {found}, this accord's is {known}: open it with this accord first, then copy it"
    )]
    SchemaMismatch {
        what: String,
        found: i64,
        known: i64,
    },
    #[error("{0}")]
    NotABackup(String),
    #[error("table {table}: column {column} of type {kind} cannot be copied")]
    UnknownColumn {
        table: String,
        column: String,
        kind: String,
    },
}

fn is_account_table(name: &str) -> bool {
    name.starts_with("account_") && name != "account_migrations"
}

/// Writes a consistent copy of the instance at `source` into `out`, a new
/// SQLite file (absent, or empty as just created with the caller's
/// permissions): the log's tables, and the accounts' too when
/// `with_accounts`. The file is complete when this returns; the caller
/// verifies it.
pub fn back_up(source: Place<'_>, out: &Path, with_accounts: bool) -> Result<Copied, BackupError> {
    let dst = new_backup_file(out, with_accounts)?;
    let tx = rusqlite::Transaction::new_unchecked(&dst, TransactionBehavior::Immediate)?;
    let mut copied = match source {
        Place::Sqlite { log, accounts } => {
            from_sqlite(log, accounts.filter(|_| with_accounts), &tx)?
        }
        Place::Postgres { url } => from_postgres(url, with_accounts, &tx)?,
    };
    tx.commit()?;
    copied.accounts = with_accounts;
    Ok(copied)
}

/// Creates `out` with the log's (and the accounts') tables, as a file that
/// needs no write-ahead log beside it.
fn new_backup_file(out: &Path, with_accounts: bool) -> Result<Connection, BackupError> {
    drop(SqliteStore::open(out)?);
    if with_accounts {
        drop(Accounts::open_sqlite(out)?);
    }
    let conn = Connection::open(out)?;
    let _mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(conn)
}

fn from_sqlite(
    log: &Path,
    accounts: Option<&Path>,
    dst: &Connection,
) -> Result<Copied, BackupError> {
    let src = open_read_only(log)?;
    let accounts = accounts.filter(|path| path.is_file());
    if let Some(path) = accounts {
        src.execute(
            "ATTACH DATABASE ?1 AS accounts",
            [path.to_string_lossy().as_ref()],
        )?;
    }
    // One read transaction: each file is read as of one moment.
    let tx = src.unchecked_transaction()?;
    check_sqlite_versions(&tx, "main", log)?;
    let mut copied = Copied::default();
    for table in LOG_TABLES {
        let n = sqlite_to_sqlite(&tx, &format!("main.{table}"), dst, table)?;
        copied.tables.push((table.to_owned(), n));
    }
    if let Some(path) = accounts {
        check_sqlite_accounts_version(&tx, "accounts", path)?;
        for table in sqlite_account_tables(&tx, "accounts")? {
            let n = sqlite_to_sqlite(&tx, &format!("accounts.{table}"), dst, &table)?;
            copied.tables.push((table, n));
        }
    }
    tx.finish()?;
    Ok(copied)
}

fn from_postgres(url: &str, with_accounts: bool, dst: &Connection) -> Result<Copied, BackupError> {
    let mut client = postgres::Client::connect(url, NoTls)?;
    let mut tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    let log_version = pg_version(&mut tx, "store_migrations")?;
    check_version("the PostgreSQL log", log_version, SCHEMA_VERSION.into())?;
    let mut tables: Vec<String> = LOG_TABLES.iter().map(|t| (*t).to_owned()).collect();
    if with_accounts && pg_version(&mut tx, "account_migrations")? > 0 {
        check_version(
            "the PostgreSQL accounts",
            pg_version(&mut tx, "account_migrations")?,
            ACCOUNTS_SCHEMA_VERSION,
        )?;
        let rows = tx.query(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name LIKE 'account\\_%' \
             ORDER BY table_name",
            &[],
        )?;
        for row in rows {
            let name: String = row.try_get(0)?;
            if is_account_table(&name) {
                tables.push(name);
            }
        }
    }
    let mut copied = Copied::default();
    for table in tables {
        let statement = tx.prepare(&format!("SELECT * FROM {table} ORDER BY 1"))?;
        let columns: Vec<String> = statement
            .columns()
            .iter()
            .map(|c| c.name().to_owned())
            .collect();
        let mut insert = dst.prepare(&rows::insert_sql(&table, &columns, '?'))?;
        let portal = tx.bind(&statement, &[])?;
        let mut n = 0;
        loop {
            let batch = tx.query_portal(&portal, FETCH)?;
            if batch.is_empty() {
                break;
            }
            for row in &batch {
                let values = rows::pg_row(row, &table)?;
                insert.execute(rusqlite::params_from_iter(rows::sqlite_params(&values)))?;
                n += 1;
            }
        }
        copied.tables.push((table, n));
    }
    tx.commit()?;
    Ok(copied)
}

/// Replaces the log's tables at `target` (and the accounts', when the copy
/// holds them) with the rows of the backup file `backup`, then sets the
/// log's named values `meta` (recorded in the same transaction).
pub fn restore(
    backup: &Path,
    target: Place<'_>,
    meta: &[(&str, &str)],
) -> Result<Copied, BackupError> {
    if !backup.is_file() {
        return Err(BackupError::NotABackup(format!(
            "{} does not exist or is not a file",
            backup.display()
        )));
    }
    let src = open_read_only(backup)?;
    let tx = src.unchecked_transaction()?;
    check_sqlite_versions(&tx, "main", backup)?;
    let account_tables = if has_sqlite_table(&tx, "main", "account_migrations")? {
        check_sqlite_accounts_version(&tx, "main", backup)?;
        sqlite_account_tables(&tx, "main")?
    } else {
        Vec::new()
    };
    let accounts_copied = !account_tables.is_empty();
    let mut copied = match target {
        Place::Sqlite { log, accounts } => {
            let mut copied = restore_sqlite(&tx, log, &LOG_TABLES.map(String::from), meta)?;
            if let Some(path) = accounts.filter(|_| !account_tables.is_empty()) {
                drop(Accounts::open_sqlite(path)?);
                copied
                    .tables
                    .extend(restore_sqlite(&tx, path, &account_tables, &[])?.tables);
            }
            copied
        }
        Place::Postgres { url } => {
            let mut tables: Vec<String> = LOG_TABLES.map(String::from).to_vec();
            tables.extend(account_tables);
            restore_postgres(&tx, url, &tables, meta)?
        }
    };
    tx.finish()?;
    copied.accounts = accounts_copied;
    Ok(copied)
}

fn restore_sqlite(
    src: &Connection,
    path: &Path,
    tables: &[String],
    meta: &[(&str, &str)],
) -> Result<Copied, BackupError> {
    // Creates the file and its log tables when the instance is new.
    drop(SqliteStore::open(path)?);
    let dst = Connection::open(path)?;
    dst.busy_timeout(std::time::Duration::from_secs(10))?;
    let tx = rusqlite::Transaction::new_unchecked(&dst, TransactionBehavior::Immediate)?;
    for table in tables.iter().rev() {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    let mut copied = Copied::default();
    for table in tables {
        let n = sqlite_to_sqlite(src, &format!("main.{table}"), &tx, table)?;
        copied.tables.push((table.clone(), n));
    }
    for (key, value) in meta {
        tx.execute(
            "INSERT INTO log_meta (key, value) VALUES (?1, ?2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
    }
    tx.commit()?;
    Ok(copied)
}

fn restore_postgres(
    src: &Connection,
    url: &str,
    tables: &[String],
    meta: &[(&str, &str)],
) -> Result<Copied, BackupError> {
    // Creates and migrates the tables when the database is new.
    drop(crate::PgStore::connect(url)?);
    if tables.iter().any(|t| is_account_table(t)) {
        drop(Accounts::connect_postgres(url)?);
    }
    let mut client = postgres::Client::connect(url, NoTls)?;
    let mut tx = client.transaction()?;
    tx.batch_execute("LOCK TABLE log_entries IN EXCLUSIVE MODE")?;
    for table in tables.iter().rev() {
        tx.batch_execute(&format!("DELETE FROM {table}"))?;
    }
    let mut copied = Copied::default();
    for table in tables {
        let mut select = src.prepare(&format!("SELECT * FROM main.{table} ORDER BY 1"))?;
        let columns: Vec<String> = select.column_names().map(str::to_owned).collect();
        let insert = tx.prepare(&rows::insert_sql(table, &columns, '$'))?;
        let types = insert.params().to_vec();
        let mut found = select.query([])?;
        let mut n = 0;
        while let Some(row) = found.next()? {
            let values = rows::sqlite_row(row, columns.len())?;
            let params = rows::pg_params(&values, &types, table)?;
            let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                params.iter().map(|p| p.as_ref()).collect();
            tx.execute(&insert, &refs)?;
            n += 1;
        }
        copied.tables.push((table.clone(), n));
    }
    for (key, value) in meta {
        tx.execute(
            "INSERT INTO log_meta (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[key, value],
        )?;
    }
    tx.commit()?;
    Ok(copied)
}

/// Copies every row of `from` (a qualified table of `src`) into `table` of
/// `dst`; answers how many.
fn sqlite_to_sqlite(
    src: &Connection,
    from: &str,
    dst: &Connection,
    table: &str,
) -> Result<u64, BackupError> {
    let mut select = src.prepare(&format!("SELECT * FROM {from} ORDER BY 1"))?;
    let columns: Vec<String> = select.column_names().map(str::to_owned).collect();
    let mut insert = dst.prepare(&rows::insert_sql(table, &columns, '?'))?;
    let mut found = select.query([])?;
    let mut n = 0;
    while let Some(row) = found.next()? {
        let values: Vec<Value> = rows::sqlite_row(row, columns.len())?;
        insert.execute(rusqlite::params_from_iter(rows::sqlite_params(&values)))?;
        n += 1;
    }
    Ok(n)
}

fn open_read_only(path: &Path) -> Result<Connection, BackupError> {
    if !path.is_file() {
        return Err(BackupError::NotABackup(format!(
            "{} does not exist or is not a file",
            path.display()
        )));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    Ok(conn)
}

fn has_sqlite_table(conn: &Connection, schema: &str, table: &str) -> Result<bool, BackupError> {
    let found: i64 = conn
        .query_row(
            &format!(
                "SELECT COUNT(*) FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?1"
            ),
            [table],
            |r| r.get(0),
        )
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
                BackupError::NotABackup(format!("the {schema} file is not a SQLite database"))
            }
            e => BackupError::Sqlite(e),
        })?;
    Ok(found > 0)
}

fn sqlite_version(conn: &Connection, schema: &str, table: &str) -> Result<i64, BackupError> {
    if !has_sqlite_table(conn, schema, table)? {
        return Ok(0);
    }
    Ok(conn.query_row(
        &format!("SELECT COALESCE(MAX(version), 0) FROM {schema}.{table}"),
        [],
        |r| r.get(0),
    )?)
}

fn check_sqlite_versions(conn: &Connection, schema: &str, path: &Path) -> Result<(), BackupError> {
    let found = sqlite_version(conn, schema, "store_migrations")?;
    if found == 0 {
        return Err(BackupError::NotABackup(format!(
            "{} is not an accord store (it has no store_migrations table)",
            path.display()
        )));
    }
    check_version(&path.display().to_string(), found, SCHEMA_VERSION.into())
}

fn check_sqlite_accounts_version(
    conn: &Connection,
    schema: &str,
    path: &Path,
) -> Result<(), BackupError> {
    let found = sqlite_version(conn, schema, "account_migrations")?;
    check_version(
        &format!("the accounts in {}", path.display()),
        found,
        ACCOUNTS_SCHEMA_VERSION,
    )
}

fn sqlite_account_tables(conn: &Connection, schema: &str) -> Result<Vec<String>, BackupError> {
    let mut statement = conn.prepare(&format!(
        "SELECT name FROM {schema}.sqlite_master WHERE type = 'table' \
         AND name LIKE 'account\\_%' ESCAPE '\\' ORDER BY name"
    ))?;
    let names = statement.query_map([], |r| r.get::<_, String>(0))?;
    let mut tables = Vec::new();
    for name in names {
        let name = name?;
        if is_account_table(&name) {
            tables.push(name);
        }
    }
    Ok(tables)
}

fn pg_version(tx: &mut postgres::Transaction<'_>, table: &str) -> Result<i64, BackupError> {
    let exists: bool = tx
        .query_one("SELECT to_regclass($1) IS NOT NULL", &[&table])?
        .try_get(0)?;
    if !exists {
        return Ok(0);
    }
    let row = tx.query_one(
        &format!("SELECT COALESCE(MAX(version), 0)::BIGINT FROM {table}"),
        &[],
    )?;
    Ok(row.try_get(0)?)
}

fn check_version(what: &str, found: i64, known: i64) -> Result<(), BackupError> {
    if found == known {
        Ok(())
    } else {
        Err(BackupError::SchemaMismatch {
            what: what.to_owned(),
            found,
            known,
        })
    }
}
