//! The store's errors: one enum for the backends, one for the ledger above them.
//!
//! A `Conflict` is the only error a caller is expected to handle in code (by
//! catching up and deciding again); the others say what went wrong in words an
//! operator can act on.

use crate::kept::{KeptError, Rollback};
use crate::verify::Problem;

/// An error from an [`EventStore`](crate::EventStore) backend.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The append's expected next index is stale: another writer appended
    /// first (or the caller's view of the log is out of date). Nothing was
    /// written.
    #[error(
        "append conflict: the append expected the log's next index to be {expected}, it is {actual}"
    )]
    Conflict {
        /// The next index the caller expected.
        expected: u64,
        /// The log's actual next index.
        actual: u64,
    },
    /// The database was written by a newer accord, with a schema this one does
    /// not know.
    #[error(
        "the database's schema is version {found}, newer than this accord knows ({known}): use a newer accord"
    )]
    SchemaTooNew {
        /// The version recorded in the database.
        found: u32,
        /// The newest version this build knows.
        known: u32,
    },
    /// The database is not (or not yet) an accord store, or is at an older
    /// schema version and was opened without migrating.
    #[error("{0}")]
    NotAStore(String),
    /// A stored value is out of range or of the wrong kind (for example a
    /// negative index): the database was edited by hand.
    #[error("a stored value is malformed: {0}")]
    Malformed(String),
    /// An index or size beyond what the backends can store (2^63 - 1).
    #[error("index {0} is too large for the store")]
    IndexTooLarge(u64),
    /// An error from SQLite.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// An error from PostgreSQL.
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
}

impl StoreError {
    /// Whether the database cannot be reached now (PostgreSQL down or
    /// restarting, a wait that timed out; SQLite busy past its timeout):
    /// the same request may succeed later, and nothing was acknowledged.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Self::Postgres(e) => crate::pg_client::is_unavailable(e),
            Self::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ),
            _ => false,
        }
    }
}

/// An error from the [`Ledger`](crate::Ledger).
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// The backend failed (a `Conflict` included).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The log failed verification when it was opened: it refuses writes until
    /// an operator acts (see [`Ledger`](crate::Ledger)).
    #[error("the log refuses writes: {0}")]
    Refused(Box<Problem>),
    /// The store belongs to another log or another key.
    #[error("{0}")]
    Identity(String),
    /// This is a party's replica of the log `origin`: acts are recorded on
    /// the primary, and the replica follows.
    #[error(
        "this is a replica of the log {origin}: acts are recorded on the primary instance, which this copy follows"
    )]
    ReadOnly {
        /// The replicated log's origin.
        origin: String,
    },
    /// The store is behind, or diverges from, the checkpoint kept beside the
    /// key: it was rolled back or forked, and does not open.
    #[error("{0}")]
    RolledBack(Box<Rollback>),
    /// The checkpoint kept beside the key cannot be read or written.
    #[error(transparent)]
    Kept(#[from] KeptError),
}

impl LedgerError {
    /// Whether the store cannot be reached now (see
    /// [`StoreError::is_unavailable`]).
    pub fn is_unavailable(&self) -> bool {
        matches!(self, Self::Store(e) if e.is_unavailable())
    }

    /// The conflict, when this error is one.
    pub fn conflict(&self) -> Option<(u64, u64)> {
        match self {
            Self::Store(StoreError::Conflict { expected, actual }) => Some((*expected, *actual)),
            _ => None,
        }
    }
}
