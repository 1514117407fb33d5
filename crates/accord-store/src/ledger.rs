//! The ledger: a store, the in-memory Merkle tree over it, and the key that
//! signs its checkpoints. The one way to write to the log.
//!
//! # Writes: commit, then sign
//!
//! [`Ledger::append`] commits the entries durably, then pushes their leaf
//! hashes into the tree, signs a checkpoint of the new root and files it. A
//! checkpoint is never signed for entries that are not yet on disk: a signed
//! root whose entries a crash then lost would look exactly like tampering.
//! The price is a window in which committed entries have no checkpoint yet; a
//! crash in it leaves an unsigned tail that the next [`Ledger::open`] signs,
//! after checking the tail's seals (see [`crate::seal`]).
//!
//! # Opening: verify, or refuse writes
//!
//! [`Ledger::open`] recomputes the tree from every stored entry and checks it
//! against the latest signed checkpoint (see [`crate::verify`]). When the log
//! fails the check, the ledger still opens, so that the problem can be shown
//! and proofs of the intact prefix given, but every append fails with
//! [`LedgerError::Refused`] naming the problem and the first bad index.
//!
//! # The checkpoint kept beside the key
//!
//! Opened with a [`CheckpointKeeper`] ([`Ledger::open_keeping`]), the ledger
//! also keeps every checkpoint it signs outside the store (after filing it),
//! and refuses to open a store whose entries are behind that checkpoint or
//! give another root at its size ([`LedgerError::RolledBack`]): a store cut
//! short, or an older copy put back, together with its own checkpoints,
//! verifies on its own, and signing on from it would sign two different
//! checkpoints of one size. Nothing is kept yet (an instance from before
//! this, or a data folder copied without it): it is made from the store, and
//! [`Ledger::kept_was_missing`] says so. Before each signature the tree is
//! checked against the kept checkpoint too, as against the filed one below.
//!
//! Nothing clears that state but a store that verifies: the operator runs
//! `accord log verify` to read the report, then restores the database from
//! its last good backup (any copy whose log verifies and that holds the
//! checkpoints already handed out; `accord log verify --db COPY` checks a
//! copy before it is put back), keeping the data folder's `checkpoint.key`
//! and `checkpoint.latest`.
//! Entries written after that backup are re-entered from their sources. The
//! store offers no command that "accepts" a bad log: signing over an altered
//! entry would launder it.

mod replica;

pub use replica::{Extension, ReplicaError, open_primary_checkpoint};

use accord_log::note::{NoteError, SigningKey, VerifierKey};
use accord_log::{Checkpoint, Hash, ProofError, Tree, hash_leaf};

use crate::error::{LedgerError, StoreError};
use crate::kept::{CheckpointKeeper, Rollback, Standing, judge, read_kept};
use crate::seal::SealKey;
use crate::store::{EventStore, NewEntry, StoredCheckpoint, StoredEntry, meta};
use crate::verify::{
    DEFAULT_BATCH, Problem, Progress, SignedCheckpoint, Verification, VerifyOptions, verify,
};

/// What an append did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    /// The index of the first entry appended.
    pub first_index: u64,
    /// The log's size after the append.
    pub size: u64,
    /// The tree's root at that size.
    pub root: Hash,
    /// The signed checkpoint of that size and root, as filed.
    pub checkpoint: String,
}

/// Who writes this log: the instance that signs its checkpoints, or a
/// party's replica that copies entries another instance signed.
// One ledger per process: the keys' size does not matter, and boxing them
// would only add an indirection to every append.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
enum Role {
    /// Signs checkpoints, and seals each entry it appends.
    Primary { signer: SigningKey, seal: SealKey },
    /// Appends only entries that a checkpoint of the primary covers (see
    /// `crate::replica`); signs nothing.
    Replica,
}

/// A verified log open for writing (see the module documentation).
#[derive(Debug)]
pub struct Ledger<S: EventStore> {
    store: S,
    tree: Tree,
    role: Role,
    origin: String,
    verifier: VerifierKey,
    latest: Option<SignedCheckpoint>,
    problem: Option<Problem>,
    recovered: u64,
    keeper: Option<Box<dyn CheckpointKeeper>>,
    /// The checkpoint the keeper holds, once read or written.
    kept: Option<Checkpoint>,
    kept_was_missing: bool,
    /// Whether the keeper has a note not yet settled (made durable).
    unsettled: bool,
}

impl<S: EventStore> Ledger<S> {
    /// Opens the log in `store`, whose checkpoints `signer` signs and whose
    /// origin is the signer's name. A new, empty store is given that identity;
    /// a store that already has another is refused.
    ///
    /// Recomputes the tree over every entry (reporting to `progress` after
    /// each batch) and checks it against the latest signed checkpoint. An
    /// intact log with an unsigned tail (an append interrupted between its
    /// commit and its checkpoint) gets its checkpoint now. A log that fails
    /// the check opens in the refusing state: see [`Ledger::problem`].
    pub fn open(
        store: S,
        signer: SigningKey,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Self, LedgerError> {
        Self::open_with(store, signer, None, progress)
    }

    /// Opens the log as [`Ledger::open`] does, and checks the store against
    /// the checkpoint `keeper` holds (see the module documentation): a store
    /// behind it or diverging from it is refused with
    /// [`LedgerError::RolledBack`]. Every checkpoint signed from then on is
    /// kept there once filed; a keeper that holds nothing yet is given the
    /// store's latest.
    pub fn open_keeping(
        store: S,
        signer: SigningKey,
        keeper: Box<dyn CheckpointKeeper>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Self, LedgerError> {
        Self::open_with(store, signer, Some(keeper), progress)
    }

    fn open_with(
        mut store: S,
        signer: SigningKey,
        mut keeper: Option<Box<dyn CheckpointKeeper>>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Self, LedgerError> {
        let verifier = signer.verifier_key();
        claim_identity(&mut store, signer.name(), &verifier)?;
        let seal = SealKey::derive(&signer);
        let Verification {
            tree,
            latest,
            problem,
            ..
        } = verify(
            &mut store,
            &VerifyOptions {
                verifier: &verifier,
                origin: signer.name(),
                seal_key: Some(&seal),
                every_checkpoint: false,
                batch: DEFAULT_BATCH,
            },
            progress,
        )?;
        // A log that failed its own check refuses writes already, with the
        // first bad entry named; the kept checkpoint adds nothing to that.
        let mut kept = None;
        let mut kept_was_missing = false;
        if let (Some(keeper), None) = (keeper.as_mut(), &problem) {
            match keeper.load()? {
                None => kept_was_missing = true,
                Some(note) => {
                    let checkpoint =
                        read_kept(&note, &verifier, signer.name(), &keeper.describe())?;
                    let standing = judge(&tree, &checkpoint);
                    if standing != Standing::Agrees {
                        return Err(LedgerError::RolledBack(Box::new(Rollback {
                            store: store.describe(),
                            place: keeper.describe(),
                            kept: checkpoint,
                            standing,
                        })));
                    }
                    kept = Some(checkpoint);
                }
            }
        }
        let mut ledger = Self {
            store,
            tree,
            origin: signer.name().to_owned(),
            role: Role::Primary { signer, seal },
            verifier,
            latest,
            problem,
            recovered: 0,
            keeper,
            kept,
            kept_was_missing,
            unsettled: false,
        };
        if ledger.problem.is_none() && ledger.unsigned() > 0 {
            ledger.recovered = ledger.unsigned();
            ledger.sign()?;
        } else if ledger.problem.is_none() {
            // The keeper lags by one after a crash, or holds nothing yet.
            ledger.keep_latest()?;
        }
        ledger.settle()?;
        Ok(ledger)
    }

    /// Appends `entries` as one batch and returns the new size, root and
    /// checkpoint once the entries are durable and the checkpoint filed.
    ///
    /// Fails with [`LedgerError::Refused`] when the log failed verification,
    /// and with a [`StoreError::Conflict`] (see [`LedgerError::conflict`])
    /// when another writer appended since this ledger last looked: call
    /// [`Ledger::refresh`] and decide again. If filing the checkpoint fails
    /// after the commit, the entries stay (unacknowledged) and the next append
    /// or opening signs them.
    pub fn append<E: AsRef<[u8]>>(&mut self, entries: &[E]) -> Result<Appended, LedgerError> {
        if let Some(problem) = &self.problem {
            return Err(LedgerError::Refused(Box::new(problem.clone())));
        }
        let Role::Primary { seal, .. } = &self.role else {
            return Err(LedgerError::ReadOnly {
                origin: self.origin.clone(),
            });
        };
        let first_index = self.tree.size();
        if entries.is_empty() && self.unsigned() == 0 {
            // Nothing to write; still check that the caller's view is current.
            self.store.append(first_index, &[])?;
            return Ok(Appended {
                first_index,
                size: first_index,
                root: self.tree.root(),
                checkpoint: self
                    .latest
                    .as_ref()
                    .map(|c| c.note.clone())
                    .unwrap_or_default(),
            });
        }
        let leaves: Vec<Hash> = entries.iter().map(|e| hash_leaf(e.as_ref())).collect();
        let new: Vec<NewEntry<'_>> = entries
            .iter()
            .zip(&leaves)
            .zip(first_index..)
            .map(|((entry, leaf), index)| NewEntry {
                entry: entry.as_ref(),
                leaf_hash: *leaf.as_bytes(),
                seal: seal.seal(index, leaf),
            })
            .collect();
        // 1. Durable commit, while the checkpoint kept last is made durable
        // too (see `crate::kept`). Nothing below runs unless both succeeded.
        let committed = if self.unsettled
            && let Some(keeper) = self.keeper.as_mut()
        {
            let store = &mut self.store;
            let (committed, settled) = std::thread::scope(|scope| {
                let settling = scope.spawn(|| keeper.settle());
                let committed = store.append(first_index, &new);
                (committed, settling.join())
            });
            match settled {
                Ok(Ok(())) => self.unsettled = false,
                Ok(Err(e)) => return Err(e.into()),
                Err(_) => {
                    return Err(LedgerError::Kept(crate::kept::KeptError::Io {
                        action: "sync",
                        path: keeper.describe(),
                        source: std::io::Error::other("the syncing thread panicked"),
                    }));
                }
            }
            committed
        } else {
            self.store.append(first_index, &new)
        };
        match committed {
            Ok(_) => {}
            Err(StoreError::Conflict { expected, actual }) if actual < expected => {
                // The store lost entries this ledger verified (and signed):
                // something rewrote it behind the instance's back. Signing on
                // from it would sign another history under the same indices.
                let problem = Problem::Truncated {
                    stored: actual,
                    signed: expected,
                };
                self.problem = Some(problem.clone());
                return Err(LedgerError::Refused(Box::new(problem)));
            }
            Err(e) => return Err(e.into()),
        }
        // 2. The leaves join the tree; 3. sign; 4. file the checkpoint.
        self.tree.extend_leaves(leaves);
        let checkpoint = self.sign()?;
        Ok(Appended {
            first_index,
            size: self.tree.size(),
            root: self.tree.root(),
            checkpoint,
        })
    }

    /// Catches up with entries another writer appended to the same store
    /// (after a conflict): checks them as opening does (leaf hash and seal)
    /// and pushes them into the tree. Returns how many were added. A bad
    /// entry puts the ledger in the refusing state.
    pub fn refresh(&mut self) -> Result<u64, LedgerError> {
        if let Some(problem) = &self.problem {
            return Err(LedgerError::Refused(Box::new(problem.clone())));
        }
        let before = self.tree.size();
        let seal = match &self.role {
            Role::Primary { seal, .. } => Some(seal),
            Role::Replica => None,
        };
        if let Some(problem) = crate::verify::extend_tree(
            &mut self.store,
            &mut self.tree,
            seal,
            DEFAULT_BATCH,
            &mut |_| {},
        )? {
            self.problem = Some(problem.clone());
            return Err(LedgerError::Refused(Box::new(problem)));
        }
        if self.unsigned() > 0 && matches!(self.role, Role::Primary { .. }) {
            self.sign()?;
        }
        Ok(self.tree.size() - before)
    }

    /// Signs a checkpoint of the whole tree and files it, under the store's
    /// signing lock and only if the tree agrees with the checkpoint already
    /// filed below or at its size (another process's, on a shared
    /// database). A tree that disagrees is never signed: the ledger moves to
    /// the refusing state instead, so two inconsistent checkpoints cannot
    /// both be filed.
    fn sign(&mut self) -> Result<String, LedgerError> {
        // The kept checkpoint lags the signed ones by one at most.
        self.settle()?;
        let Role::Primary { signer, .. } = &self.role else {
            return Err(LedgerError::ReadOnly {
                origin: self.origin.clone(),
            });
        };
        let checkpoint = Checkpoint::new(signer.name(), self.tree.size(), self.tree.root());
        let body = checkpoint.to_body();
        let (tree, verifier) = (&self.tree, &self.verifier);
        let kept = self.kept.as_ref();
        let filed = self.store.file_checkpoint(checkpoint.size, &mut |earlier| {
            if let Some(earlier) = earlier {
                agrees(tree, verifier, earlier)?;
            }
            if let Some(kept) = kept {
                agrees_with_kept(tree, kept)?;
            }
            Ok(signer.sign(&body)?)
        });
        let note = match filed {
            Ok(note) => note,
            Err(LedgerError::Refused(problem)) => {
                self.problem = Some((*problem).clone());
                return Err(LedgerError::Refused(problem));
            }
            Err(e) => return Err(e),
        };
        self.latest = Some(SignedCheckpoint {
            checkpoint,
            note: note.clone(),
        });
        self.keep_latest()?;
        Ok(note)
    }

    /// Gives the keeper the latest signed checkpoint, unless it holds it.
    /// Runs after the checkpoint is filed, so what is kept never covers
    /// entries the store has not committed.
    fn keep_latest(&mut self) -> Result<(), LedgerError> {
        let (Some(keeper), Some(latest)) = (self.keeper.as_mut(), &self.latest) else {
            return Ok(());
        };
        if self.kept.as_ref() == Some(&latest.checkpoint) {
            return Ok(());
        }
        keeper.keep(&latest.note)?;
        self.kept = Some(latest.checkpoint.clone());
        self.unsettled = true;
        Ok(())
    }

    /// Makes the checkpoint kept last durable, if it is not yet.
    fn settle(&mut self) -> Result<(), LedgerError> {
        if let (true, Some(keeper)) = (self.unsettled, self.keeper.as_mut()) {
            keeper.settle()?;
            self.unsettled = false;
        }
        Ok(())
    }

    /// Whether the keeper held no checkpoint when the ledger opened a log
    /// that has one (it has been given the store's latest since): an
    /// instance from before the keeper, or a data folder copied without it.
    pub fn kept_was_missing(&self) -> bool {
        self.kept_was_missing && self.latest.is_some()
    }

    /// The problem found when the log was opened (or refreshed), if any:
    /// while there is one, appends are refused.
    pub fn problem(&self) -> Option<&Problem> {
        self.problem.as_ref()
    }

    /// How many entries of an interrupted append opening found unsigned and
    /// signed.
    pub fn recovered(&self) -> u64 {
        self.recovered
    }

    /// The number of entries in the tree (all of them, in an intact log).
    pub fn size(&self) -> u64 {
        self.tree.size()
    }

    /// The tree's current root.
    pub fn root(&self) -> Hash {
        self.tree.root()
    }

    /// The recomputed tree.
    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// The log's origin (the signing key's name).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Whether this ledger is a party's replica of another instance's log
    /// (see [`Ledger::open_replica`]): it signs nothing and records no act.
    pub fn is_replica(&self) -> bool {
        matches!(self.role, Role::Replica)
    }

    /// The verifier key of the log's checkpoints.
    pub fn verifier_key(&self) -> &VerifierKey {
        &self.verifier
    }

    /// The latest signed checkpoint, if any.
    pub fn latest_checkpoint(&self) -> Option<&SignedCheckpoint> {
        self.latest.as_ref()
    }

    /// Entries with index at least `from`, at most `limit` of them, as
    /// stored (see [`EventStore::read`]).
    pub fn read(&mut self, from: u64, limit: usize) -> Result<Vec<StoredEntry>, StoreError> {
        self.store.read(from, limit)
    }

    /// The inclusion proof of entry `index` in the tree of `size` entries.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, ProofError> {
        self.tree.inclusion_proof(index, size)
    }

    /// The consistency proof between the trees of `old_size` and `new_size`.
    pub fn consistency_proof(&self, old_size: u64, new_size: u64) -> Result<Vec<Hash>, ProofError> {
        self.tree.consistency_proof(old_size, new_size)
    }

    /// A named value kept beside the log (see [`crate::meta`]).
    pub fn meta(&mut self, key: &str) -> Result<Option<String>, StoreError> {
        self.store.meta(key)
    }

    /// Sets a named value kept beside the log. Never one the log's check
    /// reads (its origin, its key): those are set when the log is created.
    pub fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.store.set_meta(key, value)
    }

    /// The store underneath.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Gives the store back.
    pub fn into_store(self) -> S {
        self.store
    }

    /// How many entries after the latest checkpoint no checkpoint covers.
    fn unsigned(&self) -> u64 {
        let signed = self.latest.as_ref().map_or(0, |c| c.checkpoint.size);
        self.tree.size().saturating_sub(signed)
    }
}

/// Records the log's origin and verifier key in a new store, or checks them
/// against those an existing store recorded.
fn claim_identity(
    store: &mut dyn EventStore,
    origin: &str,
    verifier: &VerifierKey,
) -> Result<(), LedgerError> {
    let key = verifier.to_string();
    let recorded_origin = store.meta(meta::ORIGIN)?;
    let recorded_key = store.meta(meta::VERIFIER_KEY)?;
    match (recorded_origin, recorded_key) {
        (None, None) => {
            if store.next_index()? > 0 || store.latest_checkpoint()?.is_some() {
                return Err(LedgerError::Identity(format!(
                    "{} holds a log but records no origin or verifier key: it was not made by accord, or was emptied by hand",
                    store.describe()
                )));
            }
            store.set_meta(meta::ORIGIN, origin)?;
            store.set_meta(meta::VERIFIER_KEY, &key)?;
            Ok(())
        }
        (Some(o), Some(k)) if o == origin && k == key => Ok(()),
        (o, k) => Err(LedgerError::Identity(format!(
            "{} holds the log {} signed by {}, not the log {origin} signed by {key}: wrong key file or wrong database",
            store.describe(),
            o.as_deref().unwrap_or("(no origin)"),
            k.as_deref().unwrap_or("(no key)"),
        ))),
    }
}

/// Checks that `tree` has, at the size of the filed checkpoint `earlier`,
/// the root that checkpoint signs.
fn agrees(
    tree: &Tree,
    verifier: &VerifierKey,
    earlier: &StoredCheckpoint,
) -> Result<(), LedgerError> {
    let refuse = |reason: &str| {
        LedgerError::Refused(Box::new(Problem::BadCheckpoint {
            size: earlier.size,
            reason: reason.to_owned(),
        }))
    };
    let opened = accord_log::note::open(&earlier.note, std::slice::from_ref(verifier))
        .map_err(|_| refuse("its signature does not verify with this instance's key"))?;
    let filed =
        Checkpoint::parse_body(&opened.body).map_err(|_| refuse("it is not a checkpoint"))?;
    let ours = tree
        .root_at(filed.size)
        .map_err(|_| refuse("it covers more entries than this process verified"))?;
    if filed.size != earlier.size || filed.root != ours {
        return Err(refuse(
            "it signs a root other than the tree this process verified: not signing",
        ));
    }
    Ok(())
}

/// Checks that `tree` holds the checkpoint kept outside the store, so that
/// nothing inconsistent with it is ever signed.
fn agrees_with_kept(tree: &Tree, kept: &Checkpoint) -> Result<(), LedgerError> {
    let reason = match judge(tree, kept) {
        Standing::Agrees => return Ok(()),
        Standing::Behind { size, .. } => {
            format!("this process's tree holds {size} entries, fewer than it covers")
        }
        Standing::Forked { root } => format!("this process's tree gives root {root} at that size"),
    };
    Err(LedgerError::Refused(Box::new(Problem::KeptDisagrees {
        size: kept.size,
        root: kept.root,
        reason,
    })))
}

impl From<NoteError> for LedgerError {
    fn from(e: NoteError) -> Self {
        Self::Identity(format!("cannot sign a checkpoint: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(entries: &[&str]) -> Tree {
        let mut tree = Tree::new();
        for e in entries {
            tree.push_entry(e.as_bytes());
        }
        tree
    }

    #[test]
    fn a_tree_that_holds_the_kept_checkpoint_may_be_signed() {
        let kept = Checkpoint::new("o", 2, tree(&["a", "b"]).root());
        assert!(agrees_with_kept(&tree(&["a", "b", "c"]), &kept).is_ok());
    }

    #[test]
    fn a_tree_short_of_or_forked_from_the_kept_checkpoint_is_never_signed() {
        let kept = Checkpoint::new("o", 3, tree(&["a", "b", "c"]).root());
        for (other, found) in [
            (tree(&["a", "b"]), "holds 2 entries"),
            (tree(&["a", "b", "x", "d"]), "gives root"),
        ] {
            let err = agrees_with_kept(&other, &kept).unwrap_err();
            let LedgerError::Refused(problem) = &err else {
                panic!("not refused: {err}");
            };
            assert!(
                matches!(&**problem, Problem::KeptDisagrees { size: 3, reason, .. } if reason.contains(found)),
                "{problem}"
            );
        }
    }
}
