//! accord-store: where the log's entries and checkpoints live, and the
//! verified opening that lets either party trust them.
//!
//! - [`EventStore`]: the backend trait, synchronous and blocking by design
//!   (the web layer calls it from one writer thread); [`SqliteStore`] (the
//!   default: one file, WAL, `synchronous=FULL`) and [`PgStore`] behave the
//!   same, as one conformance suite checks, over the same versioned schema.
//! - [`Ledger`]: the store plus the in-memory Merkle tree and the checkpoint
//!   signing key. It appends (commit first, then sign the checkpoint), and
//!   opens by recomputing the tree from every entry's bytes; a log that fails
//!   that check refuses writes until an operator restores it.
//! - [`verify()`]: the check itself, for auditors who hold only the verifier
//!   key and a copy of the database.
//! - [`documents`]: the bytes of documents attached to meetings, kept
//!   beside the log under their SHA-256 (a folder, or a PostgreSQL table)
//!   and checked against it whenever they are read.
//! - [`backup`]: consistent copies of a store in one SQLite file, taken
//!   while the instance serves, and their restoration.
//! - [`listen`]: word of other processes' appends to a PostgreSQL store
//!   (`LISTEN/NOTIFY`), so that a server follows them at once.
//! - [`kept`]: the latest signed checkpoint kept outside the store, beside
//!   the key, and the decision that refuses a store rolled back or forked.
//! - [`seal`]: the keyed hash written beside each entry, which tells an
//!   interrupted append from an entry added behind the instance's back.

pub mod accounts;
pub mod backup;
pub mod documents;
mod error;
pub mod kept;
mod ledger;
pub mod listen;
mod migrate;
mod pg_client;
mod postgres;
pub mod seal;
mod sqlite;
mod store;
pub mod verify;

pub use error::{LedgerError, StoreError};
pub use ledger::{Appended, Extension, Ledger, ReplicaError, open_primary_checkpoint};
pub use migrate::SCHEMA_VERSION;
pub use postgres::PgStore;
pub use seal::SealKey;
pub use sqlite::SqliteStore;
pub use store::{EventStore, MAX_INDEX, NewEntry, StoredCheckpoint, StoredEntry, meta};
pub use verify::{
    DEFAULT_BATCH, Phase, Problem, Progress, SignedCheckpoint, Verification, VerifyOptions, verify,
};
