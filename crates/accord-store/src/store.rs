//! The `EventStore` trait: what a backend must do, and nothing more.
//!
//! A backend keeps three things: the entries in order (with the leaf hash and
//! seal computed when each was appended), every signed checkpoint, and a few
//! named values that identify the log. It knows nothing of Merkle trees or
//! signatures: the [`Ledger`](crate::Ledger) above it does the maths and
//! decides what to write.
//!
//! # Synchronous on purpose
//!
//! Every method blocks until the database answers, and an `append` returns
//! only once its transaction is durably committed (SQLite: `synchronous=FULL`
//! in WAL mode; PostgreSQL: a committed transaction with the server's default
//! `synchronous_commit=on`). There is one writer at a time: the web layer calls
//! the store from a dedicated blocking writer thread (or `spawn_blocking`),
//! never from an async task directly. Readers that need the log while the
//! writer works open their own store.

use crate::error::{LedgerError, StoreError};

/// The largest index or size the backends can hold (`i64::MAX`).
pub const MAX_INDEX: u64 = i64::MAX as u64;

/// One entry to append, with the values computed for it by the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewEntry<'a> {
    /// The entry's bytes, opaque to the store.
    pub entry: &'a [u8],
    /// `SHA-256(0x00 ‖ entry)`: the entry's leaf hash (RFC 9162 §2.1.1).
    pub leaf_hash: [u8; 32],
    /// The entry's seal (see [`crate::seal`]).
    pub seal: [u8; 32],
}

/// One stored entry, as read back.
///
/// The byte fields are whatever the database holds: verification recomputes
/// the leaf hash from `entry` and trusts neither stored value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    /// The entry's index in the log (0-based).
    pub index: u64,
    /// The entry's bytes.
    pub entry: Vec<u8>,
    /// The leaf hash recorded when the entry was appended.
    pub leaf_hash: Vec<u8>,
    /// The seal recorded when the entry was appended.
    pub seal: Vec<u8>,
}

/// One stored checkpoint: the signed note, by the tree size it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCheckpoint {
    /// The tree size the store filed the note under.
    pub size: u64,
    /// The C2SP signed note (checkpoint body, blank line, signature lines).
    pub note: String,
}

/// Signs a checkpoint while the store's signing lock is held: given the
/// filed checkpoint of the largest size not above the one being signed (if
/// any), it answers the note to file, or why it must not be signed.
pub type Signer<'a> = dyn FnMut(Option<&StoredCheckpoint>) -> Result<String, LedgerError> + 'a;

/// A named value that identifies the log (see [`EventStore::meta`]).
pub mod meta {
    /// The log's origin (the first line of its checkpoints).
    pub const ORIGIN: &str = "origin";
    /// The verifier key of the log's checkpoints (`name+keyid+base64`).
    pub const VERIFIER_KEY: &str = "verifier_key";
    /// Every restoration of a copy older than what the instance had signed,
    /// one line each (when, from which size and root, to which).
    pub const ROLLBACKS: &str = "rollbacks";
    /// The latest checkpoint that witnesses cosigned: the signed note with
    /// the witnesses' cosignature lines after the log's own.
    pub const COSIGNED_CHECKPOINT: &str = "cosigned_checkpoint";
}

/// A durable, append-only store of log entries and signed checkpoints.
///
/// Implementations must behave identically (the conformance suite in
/// `tests/integration` runs the same cases against each). All methods are
/// synchronous and blocking: see the module documentation.
pub trait EventStore: Send + std::fmt::Debug {
    /// A short description of where the store lives, for messages
    /// (`SQLite file ./accord-data/accord.sqlite3`).
    fn describe(&self) -> String;

    /// The index the next appended entry will get: one past the highest
    /// stored index, or 0 when the log is empty.
    fn next_index(&mut self) -> Result<u64, StoreError>;

    /// Appends `entries` at indices `expected_next, expected_next + 1, …` in
    /// one transaction, and returns the new next index once the transaction
    /// is durably committed.
    ///
    /// Fails with [`StoreError::Conflict`] and writes nothing when
    /// `expected_next` is not the log's next index. An empty batch writes
    /// nothing but is checked the same way.
    fn append(&mut self, expected_next: u64, entries: &[NewEntry<'_>]) -> Result<u64, StoreError>;

    /// The stored entries whose index is at least `from`, in index order, at
    /// most `limit` of them. In an intact log they are `from, from + 1, …`; a
    /// missing index shows as a gap, which is for the caller to notice.
    fn read(&mut self, from: u64, limit: usize) -> Result<Vec<StoredEntry>, StoreError>;

    /// Files a signed checkpoint under the tree size it covers. Filing a
    /// second note under a size that already has one leaves the first.
    ///
    /// Unlike `append`, this need not wait for the disk: it must become
    /// durable no later than the next `append`'s commit (both backends write
    /// one sequential log, which that commit syncs). A crash can then lose
    /// only the very latest checkpoint, whose entries were durable before it
    /// was signed; the next opening finds them unsigned and signs the same
    /// size and root again, which gives the same note byte for byte (Ed25519
    /// signatures are deterministic). So the disk is synced once per append.
    fn save_checkpoint(&mut self, size: u64, note: &str) -> Result<(), StoreError>;

    /// Signs and files a checkpoint of `size` under the store's signing
    /// lock, which one writer holds at a time (SQLite: the write lock;
    /// PostgreSQL: an advisory lock inside the filing transaction), and
    /// answers the note filed. `sign` runs while the lock is held, with the
    /// filed checkpoint it must agree with; an error from it files nothing.
    /// If the lock is lost before the commit (the connection dropped),
    /// nothing is filed: the note was never published.
    ///
    /// Durable no later than the next `append`, as [`Self::save_checkpoint`].
    fn file_checkpoint(&mut self, size: u64, sign: &mut Signer<'_>) -> Result<String, LedgerError>;

    /// The checkpoint filed under the largest size, if any.
    fn latest_checkpoint(&mut self) -> Result<Option<StoredCheckpoint>, StoreError>;

    /// The checkpoint filed under `size`, if any.
    fn checkpoint(&mut self, size: u64) -> Result<Option<StoredCheckpoint>, StoreError>;

    /// The sizes of every filed checkpoint, in increasing order.
    fn checkpoint_sizes(&mut self) -> Result<Vec<u64>, StoreError>;

    /// The filed checkpoints whose size is at least `from`, in size order, at
    /// most `limit` of them.
    fn read_checkpoints(
        &mut self,
        from: u64,
        limit: usize,
    ) -> Result<Vec<StoredCheckpoint>, StoreError>;

    /// A named value of the log's identity (see [`meta`]).
    fn meta(&mut self, key: &str) -> Result<Option<String>, StoreError>;

    /// Sets a named value of the log's identity.
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
}

impl<S: EventStore + ?Sized> EventStore for Box<S> {
    fn describe(&self) -> String {
        (**self).describe()
    }
    fn next_index(&mut self) -> Result<u64, StoreError> {
        (**self).next_index()
    }
    fn append(&mut self, expected_next: u64, entries: &[NewEntry<'_>]) -> Result<u64, StoreError> {
        (**self).append(expected_next, entries)
    }
    fn read(&mut self, from: u64, limit: usize) -> Result<Vec<StoredEntry>, StoreError> {
        (**self).read(from, limit)
    }
    fn save_checkpoint(&mut self, size: u64, note: &str) -> Result<(), StoreError> {
        (**self).save_checkpoint(size, note)
    }
    fn file_checkpoint(&mut self, size: u64, sign: &mut Signer<'_>) -> Result<String, LedgerError> {
        (**self).file_checkpoint(size, sign)
    }
    fn latest_checkpoint(&mut self) -> Result<Option<StoredCheckpoint>, StoreError> {
        (**self).latest_checkpoint()
    }
    fn checkpoint(&mut self, size: u64) -> Result<Option<StoredCheckpoint>, StoreError> {
        (**self).checkpoint(size)
    }
    fn checkpoint_sizes(&mut self) -> Result<Vec<u64>, StoreError> {
        (**self).checkpoint_sizes()
    }
    fn read_checkpoints(
        &mut self,
        from: u64,
        limit: usize,
    ) -> Result<Vec<StoredCheckpoint>, StoreError> {
        (**self).read_checkpoints(from, limit)
    }
    fn meta(&mut self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).meta(key)
    }
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set_meta(key, value)
    }
}

/// Converts an index or size to the backends' signed 64-bit integer.
pub(crate) fn to_db(value: u64) -> Result<i64, StoreError> {
    i64::try_from(value).map_err(|_| StoreError::IndexTooLarge(value))
}

/// Converts a stored signed 64-bit index or size back, refusing negatives.
pub(crate) fn from_db(value: i64, what: &str) -> Result<u64, StoreError> {
    u64::try_from(value).map_err(|_| StoreError::Malformed(format!("negative {what} {value}")))
}
