//! A party's replica of another instance's log: the same store and tree,
//! but every entry comes from the primary, and none is written before a
//! checkpoint the primary signed covers it.
//!
//! Following is two steps. [`Ledger::check_extension`] takes the primary's
//! signed checkpoint and the leaf hashes of the entries this replica lacks
//! (from the primary's hash tiles), and checks that the signature verifies
//! under the pinned key and that this replica's tree, extended by those
//! leaves, has exactly the signed root: the answer, an [`Extension`], is
//! the only thing [`Ledger::replicate`] accepts. Then the entries come
//! (from the primary's entry bundles, in as many batches as wanted); each
//! must hash to its verified leaf, and once the last one is durable the
//! primary's checkpoint is filed. A replica therefore never holds an entry
//! that a checkpoint it verified does not cover (but for a crash between
//! the last batch and the filing, which the next checkpoint re-checks).

use accord_log::note::{self, VerifierKey};
use accord_log::{Checkpoint, Hash, hash_leaf};

use super::{Ledger, Role, claim_identity};
use crate::error::{LedgerError, StoreError};
use crate::store::{EventStore, NewEntry};
use crate::verify::{
    DEFAULT_BATCH, Progress, SignedCheckpoint, Verification, VerifyOptions, verify,
};

/// Why a replica refused what the primary sent. Each names what was
/// expected and what came.
#[derive(Debug, thiserror::Error)]
pub enum ReplicaError {
    /// The checkpoint's signature does not verify under the pinned key.
    #[error("the checkpoint is not signed by {key}: {reason}")]
    BadSignature {
        /// The pinned verifier key.
        key: String,
        /// What the verifier said.
        reason: String,
    },
    /// The note is signed but is not a checkpoint of this log.
    #[error("the signed note is not a checkpoint of {origin}: {reason}")]
    NotACheckpoint {
        /// The replicated log's origin.
        origin: String,
        /// What was wrong.
        reason: String,
    },
    /// The checkpoint's size is not this replica's size plus the leaves given.
    #[error(
        "the checkpoint covers {signed} entries, but this replica holds {held} and was given {given} more leaves"
    )]
    WrongSize {
        /// The checkpoint's size.
        signed: u64,
        /// This replica's size.
        held: u64,
        /// The number of leaf hashes given.
        given: u64,
    },
    /// The replica's tree extended by the given leaves does not have the
    /// signed root: the primary's history is not an extension of this
    /// replica's, or its tiles do not match its checkpoint.
    #[error(
        "the checkpoint of size {size} signs the root {signed}, but this replica's {held} entries followed by the primary's leaves give {computed}"
    )]
    RootMismatch {
        /// The checkpoint's size.
        size: u64,
        /// The root it signs.
        signed: Hash,
        /// This replica's size before the extension.
        held: u64,
        /// The root computed.
        computed: Hash,
    },
    /// An entry does not hash to the leaf the checkpoint covers.
    #[error("entry {index} does not hash to the leaf the checkpoint covers")]
    EntryMismatch {
        /// The entry's index.
        index: u64,
    },
    /// More entries than the extension covers, or an extension of another
    /// starting point.
    #[error(
        "the entries do not continue this replica at index {held} within the checked extension ending at {end}"
    )]
    OutOfExtension {
        /// This replica's size.
        held: u64,
        /// The extension's size.
        end: u64,
    },
    /// The ledger refused (a failed verification, a store error).
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

impl From<StoreError> for ReplicaError {
    fn from(e: StoreError) -> Self {
        Self::Ledger(LedgerError::Store(e))
    }
}

/// A checkpoint of the primary whose root this replica's tree, extended by
/// `leaves`, was found to have: the entries it covers may be written.
#[derive(Debug, Clone)]
pub struct Extension {
    signed: SignedCheckpoint,
    /// The replica's size when it was checked (the first new index).
    from: u64,
    leaves: Vec<Hash>,
}

impl Extension {
    /// The checkpoint, parsed.
    pub fn checkpoint(&self) -> &Checkpoint {
        &self.signed.checkpoint
    }

    /// The signed note as the primary served it (its cosignatures too).
    pub fn note(&self) -> &str {
        &self.signed.note
    }

    /// The first index the extension adds.
    pub fn from(&self) -> u64 {
        self.from
    }
}

/// Opens `note` as a checkpoint of `origin` signed by `verifier`.
pub fn open_primary_checkpoint(
    note: &str,
    verifier: &VerifierKey,
) -> Result<SignedCheckpoint, ReplicaError> {
    let opened = note::open(note, std::slice::from_ref(verifier)).map_err(|e| {
        ReplicaError::BadSignature {
            key: verifier.to_string(),
            reason: e.to_string(),
        }
    })?;
    let checkpoint =
        Checkpoint::parse_body(&opened.body).map_err(|e| ReplicaError::NotACheckpoint {
            origin: verifier.name().to_owned(),
            reason: e.to_string(),
        })?;
    if checkpoint.origin != verifier.name() {
        return Err(ReplicaError::NotACheckpoint {
            origin: verifier.name().to_owned(),
            reason: format!("its origin is {}", checkpoint.origin),
        });
    }
    Ok(SignedCheckpoint {
        checkpoint,
        note: note.to_owned(),
    })
}

impl<S: EventStore> Ledger<S> {
    /// Opens a party's replica of the log whose checkpoints `verifier`
    /// checks (the primary's verifier key, pinned when the replica was
    /// made): recomputes the tree over every entry held and checks it
    /// against the latest checkpoint filed. A new, empty store is given
    /// the log's identity. The replica records no act: [`Ledger::append`]
    /// answers [`LedgerError::ReadOnly`].
    pub fn open_replica(
        mut store: S,
        verifier: VerifierKey,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Self, LedgerError> {
        let origin = verifier.name().to_owned();
        claim_identity(&mut store, &origin, &verifier)?;
        let Verification {
            tree,
            latest,
            problem,
            ..
        } = verify(
            &mut store,
            &VerifyOptions {
                verifier: &verifier,
                origin: &origin,
                seal_key: None,
                every_checkpoint: false,
                batch: DEFAULT_BATCH,
            },
            progress,
        )?;
        Ok(Self {
            store,
            tree,
            role: Role::Replica,
            origin,
            verifier,
            latest,
            problem,
            recovered: 0,
            // The primary keeps its checkpoint beside its key; a replica's
            // guard against the primary's rollback is the monitor's.
            keeper: None,
            kept: None,
            kept_was_missing: false,
            unsettled: false,
        })
    }

    /// Checks the primary's checkpoint `note` against this replica extended
    /// by `leaves` (the leaf hashes of the entries from this replica's size
    /// on): see the module documentation.
    pub fn check_extension(
        &self,
        note: &str,
        leaves: Vec<Hash>,
    ) -> Result<Extension, ReplicaError> {
        if let Some(problem) = &self.problem {
            return Err(LedgerError::Refused(Box::new(problem.clone())).into());
        }
        let signed = open_primary_checkpoint(note, &self.verifier)?;
        let held = self.tree.size();
        let given = leaves.len() as u64;
        let size = signed.checkpoint.size;
        if held.checked_add(given) != Some(size) {
            return Err(ReplicaError::WrongSize {
                signed: size,
                held,
                given,
            });
        }
        let computed = self.tree.root_with(&leaves);
        if computed != signed.checkpoint.root {
            return Err(ReplicaError::RootMismatch {
                size,
                signed: signed.checkpoint.root,
                held,
                computed,
            });
        }
        Ok(Extension {
            signed,
            from: held,
            leaves,
        })
    }

    /// Writes `entries`, the next ones after this replica's size, within a
    /// checked `extension`; each must hash to the leaf the extension
    /// verified. Once the extension's last entry is durable, its checkpoint
    /// is filed. Returns the replica's new size.
    pub fn replicate<E: AsRef<[u8]>>(
        &mut self,
        extension: &Extension,
        entries: &[E],
    ) -> Result<u64, ReplicaError> {
        if !matches!(self.role, Role::Replica) {
            return Err(LedgerError::Identity(
                "the instance that signs this log cannot replicate another's".to_owned(),
            )
            .into());
        }
        let held = self.tree.size();
        let end = extension.signed.checkpoint.size;
        let offset = held
            .checked_sub(extension.from)
            .filter(|o| o + entries.len() as u64 <= end - extension.from)
            .ok_or(ReplicaError::OutOfExtension { held, end })?;
        let mut leaves = Vec::with_capacity(entries.len());
        for (i, entry) in entries.iter().enumerate() {
            let leaf = hash_leaf(entry.as_ref());
            let index = held + i as u64;
            let expected = extension.leaves[(offset as usize) + i];
            if leaf != expected {
                return Err(ReplicaError::EntryMismatch { index });
            }
            leaves.push(leaf);
        }
        let new: Vec<NewEntry<'_>> = entries
            .iter()
            .zip(&leaves)
            .map(|(entry, leaf)| NewEntry {
                entry: entry.as_ref(),
                leaf_hash: *leaf.as_bytes(),
                // A replica holds no seal key: the primary's signed
                // checkpoint, not a seal, vouches for each entry.
                seal: [0; 32],
            })
            .collect();
        if !new.is_empty() {
            self.store.append(held, &new)?;
            self.tree.extend_leaves(leaves);
        }
        if self.tree.size() == end && self.latest.as_ref().map(|l| l.checkpoint.size) != Some(end) {
            self.store.save_checkpoint(end, &extension.signed.note)?;
            self.latest = Some(extension.signed.clone());
        }
        Ok(self.tree.size())
    }
}
