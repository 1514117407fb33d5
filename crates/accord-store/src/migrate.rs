//! Versioned schema migrations, one SQL file per version and backend.
//!
//! Both backends hold the same tables and columns (only the type names
//! differ: `BLOB`/`BYTEA`, `INTEGER`/`BIGINT`). The table `store_migrations`
//! records each version applied; opening a store applies the missing ones in
//! order, each in its own transaction with its record, and refuses a database
//! whose version is newer than this build knows.

/// One schema version.
#[derive(Debug)]
pub(crate) struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

/// Every schema version, oldest first. Append; never edit a released one.
pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "log",
    sqlite: include_str!("../migrations/sqlite/0001_log.sql"),
    postgres: include_str!("../migrations/postgres/0001_log.sql"),
}];

/// The schema version this build writes: the last migration's.
pub const SCHEMA_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// The table that records the applied versions (SQLite).
pub(crate) const SQLITE_TABLE: &str = "CREATE TABLE IF NOT EXISTS store_migrations (
    version INTEGER PRIMARY KEY,
    name    TEXT    NOT NULL
) STRICT";

/// The table that records the applied versions (PostgreSQL).
pub(crate) const POSTGRES_TABLE: &str = "CREATE TABLE IF NOT EXISTS store_migrations (
    version INTEGER PRIMARY KEY,
    name    TEXT    NOT NULL
)";

/// Checks the version found in a database opened without migrating.
pub(crate) fn check_current(found: Option<u32>, what: &str) -> Result<(), crate::StoreError> {
    match found {
        None => Err(crate::StoreError::NotAStore(format!(
            "{what} is not an accord store (it has no store_migrations table)"
        ))),
        Some(v) if v > SCHEMA_VERSION => Err(crate::StoreError::SchemaTooNew {
            found: v,
            known: SCHEMA_VERSION,
        }),
        Some(v) if v < SCHEMA_VERSION => Err(crate::StoreError::NotAStore(format!(
            "{what} is at schema version {v}, older than this accord's {SCHEMA_VERSION}: open it with the instance (writable) to migrate it"
        ))),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_increase_by_one_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "{}", m.name);
        }
    }

    #[test]
    fn both_backends_create_the_same_tables() {
        fn tables(sql: &str) -> Vec<&str> {
            sql.split("CREATE TABLE ")
                .skip(1)
                .map(|rest| rest.split_whitespace().next().unwrap_or(""))
                .collect()
        }
        for m in MIGRATIONS {
            assert_eq!(tables(m.sqlite), tables(m.postgres), "{}", m.name);
        }
    }
}
