//! The application's errors: a refusal by the rules, a log that failed its
//! check, or a store (of the log, or of documents' bytes) that could not
//! be read or written.

use accord_domain::decide::DomainError;
use accord_domain::event::DecodeError;
use accord_domain::rules::StatusError;
use accord_store::documents::DocumentError;
use accord_store::verify::Problem;
use accord_store::{LedgerError, ReplicaError, StoreError};

use crate::import::ImportErrors;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The rules refuse the command; nothing was recorded.
    #[error(transparent)]
    Refused(#[from] DomainError),
    /// The log failed verification at start-up: the instance does not open.
    #[error("the record failed its check at entry {first_bad_index:?}: {problem}")]
    Tampered {
        problem: Box<Problem>,
        first_bad_index: Option<u64>,
    },
    /// An entry of a verified log is not an event this program can read.
    #[error("entry {index} cannot be read: {error}")]
    BadEntry { index: u64, error: DecodeError },
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// A party's replica refused what the primary sent (see
    /// `accord_store::ReplicaError`); nothing of it was kept.
    #[error(transparent)]
    Replica(#[from] ReplicaError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Import(#[from] ImportErrors),
    #[error(transparent)]
    Status(#[from] StatusError),
    /// The bytes of a document could not be stored or read, or no longer
    /// match their recorded hash.
    #[error(transparent)]
    Documents(#[from] DocumentError),
}

impl AppError {
    /// Whether the database cannot be reached now (PostgreSQL down or
    /// restarting): nothing was acknowledged, and the same request may
    /// succeed in a moment.
    pub fn is_unavailable(&self) -> bool {
        match self {
            AppError::Ledger(e) => e.is_unavailable(),
            AppError::Store(e) => e.is_unavailable(),
            AppError::Documents(e) => e.is_unavailable(),
            _ => false,
        }
    }

    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        if self.is_unavailable() {
            return "store_unavailable";
        }
        match self {
            AppError::Refused(e) => e.code(),
            AppError::Tampered { .. } => "record_tampered",
            AppError::BadEntry { .. } => "bad_entry",
            AppError::Ledger(LedgerError::Refused(_)) => "record_refuses_writes",
            AppError::Ledger(LedgerError::ReadOnly { .. }) => "read_only_replica",
            AppError::Replica(_) => "replica_refused",
            AppError::Ledger(e) if e.conflict().is_some() => "conflict",
            AppError::Ledger(_) | AppError::Store(_) => "store",
            AppError::Import(_) => "bad_import",
            AppError::Status(_) => "status",
            AppError::Documents(_) => "documents",
        }
    }
}
