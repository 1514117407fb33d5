//! Verifying a stored log: recompute the tree from every entry's bytes and
//! check it against the signed checkpoints.
//!
//! The stored leaf hashes and seals are never trusted: each leaf hash is
//! recomputed from the entry's bytes, and the stored copies serve only to name
//! the first bad index when an entry was changed. The checks, in order:
//!
//! 1. **Entries**, streamed in index order in batches: indices run
//!    `0, 1, 2, …` with no gap (else entry *i* is *missing*); each entry's
//!    recomputed leaf hash equals the one recorded at append time (else it was
//!    *altered*); with the seal key, each seal matches its index and leaf hash
//!    (else the entry was *not written by this instance*: edited together with
//!    its leaf hash, moved, or appended behind its back).
//! 2. **The latest checkpoint**: its signature verifies under the verifier
//!    key, its origin is the log's, it was filed under the size it states, and
//!    the recomputed tree's root at that size equals its root.
//! 3. When a signed root disagrees (someone rewrote an entry *and* its
//!    recorded leaf hash, and no seal key was at hand), a **bisection** over
//!    the stored checkpoints finds the first one that disagrees: the first bad
//!    entry lies between the previous checkpoint's size and that one's (exactly
//!    named when the two sizes are one apart). A full check instead walks
//!    every stored checkpoint and checks its signature and root.
//!
//! Entries after the latest checkpoint (an append interrupted between its
//! commit and its checkpoint) are reported as unsigned; with the seal key they
//! are known to be the instance's own, and opening a [`Ledger`](crate::Ledger)
//! signs them.

use std::fmt;

use accord_log::note::{self, VerifierKey};
use accord_log::{Checkpoint, Tree, hash_leaf};

use crate::error::StoreError;
use crate::seal::SealKey;
use crate::store::{EventStore, StoredCheckpoint};

/// How many entries (or checkpoints) one read fetches.
pub const DEFAULT_BATCH: usize = 10_000;

/// Something found wrong with a stored log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No entry is stored at `index`, though later ones are.
    Missing {
        /// The first missing index.
        index: u64,
    },
    /// The latest signed checkpoint covers more entries than the store holds.
    Truncated {
        /// The number of entries the store holds (the first missing index).
        stored: u64,
        /// The size of the latest signed checkpoint.
        signed: u64,
    },
    /// The entry's bytes no longer hash to the leaf hash recorded when it was
    /// appended.
    Altered {
        /// The entry's index.
        index: u64,
    },
    /// The entry's seal does not match its index and leaf hash: this
    /// instance did not write it there.
    Unsealed {
        /// The entry's index.
        index: u64,
    },
    /// The entries no longer produce the root of a signed checkpoint. The
    /// first bad entry lies in `from..before`.
    RootMismatch {
        /// The size of the last checkpoint that still agrees (0 if none).
        from: u64,
        /// The size of the first checkpoint that disagrees.
        before: u64,
    },
    /// The tree about to be signed does not hold the checkpoint kept
    /// outside the store (see [`crate::kept`]): signing would sign two
    /// inconsistent checkpoints.
    KeptDisagrees {
        /// The kept checkpoint's size.
        size: u64,
        /// The kept checkpoint's root.
        root: accord_log::Hash,
        /// How the tree disagrees.
        reason: String,
    },
    /// A stored checkpoint is not a valid checkpoint of this log.
    BadCheckpoint {
        /// The size the checkpoint is filed under.
        size: u64,
        /// What is wrong with it.
        reason: String,
    },
}

impl Problem {
    /// The first bad entry's index, when the problem is in the entries (for a
    /// root mismatch, the first index that may be bad).
    pub fn first_bad_index(&self) -> Option<u64> {
        match *self {
            Self::Missing { index } | Self::Altered { index } | Self::Unsealed { index } => {
                Some(index)
            }
            Self::Truncated { stored, .. } => Some(stored),
            Self::RootMismatch { from, .. } => Some(from),
            Self::BadCheckpoint { .. } | Self::KeptDisagrees { .. } => None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { index } => write!(
                f,
                "entry {index} is missing: the store holds no entry at that index, but holds later ones"
            ),
            Self::Truncated { stored, signed } => write!(
                f,
                "entry {stored} is missing: the latest signed checkpoint covers {signed} entries, the store holds {stored}"
            ),
            Self::Altered { index } => write!(
                f,
                "entry {index} was altered: its bytes no longer hash to the leaf hash recorded when it was appended"
            ),
            Self::Unsealed { index } => write!(
                f,
                "entry {index} was not written there by this instance: its seal does not match \
                 (edited together with its leaf hash, moved, or added behind the instance's back)"
            ),
            Self::RootMismatch { from, before } if before - from == 1 => write!(
                f,
                "entry {from} was altered: the entries no longer produce the root signed at size {before}, \
                 and the root signed at size {from} still holds"
            ),
            Self::RootMismatch { from, before } => write!(
                f,
                "an entry from {from} to {} was altered (the first bad index is in that range): \
                 the entries no longer produce the root signed at size {before}, and the root signed at size {from} still holds",
                before - 1
            ),
            Self::KeptDisagrees { size, root, reason } => write!(
                f,
                "the checkpoint this instance last signed (size {size}, root {root}, kept beside its key) \
                 is not in the tree about to be signed: {reason}; not signing a checkpoint inconsistent with it"
            ),
            Self::BadCheckpoint { size, reason } => {
                write!(
                    f,
                    "the checkpoint filed at size {size} is not valid: {reason}"
                )
            }
        }
    }
}

/// A checkpoint whose signature verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCheckpoint {
    /// The checkpoint's content.
    pub checkpoint: Checkpoint,
    /// The signed note, exactly as stored.
    pub note: String,
}

/// What to check a log against.
#[derive(Debug, Clone, Copy)]
pub struct VerifyOptions<'a> {
    /// The key whose signatures count.
    pub verifier: &'a VerifierKey,
    /// The log's origin: every checkpoint must name it.
    pub origin: &'a str,
    /// The seal key, when the signing key is at hand (see [`crate::seal`]).
    pub seal_key: Option<&'a SealKey>,
    /// Check every stored checkpoint (signature and root), not only the
    /// latest: the full check of `accord log verify`. Opening a ledger checks
    /// the latest and bisects only on a disagreement.
    pub every_checkpoint: bool,
    /// How many rows one read fetches.
    pub batch: usize,
}

/// Which part of the check is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading and hashing entries.
    Entries,
    /// Checking stored checkpoints.
    Checkpoints,
}

/// How far a check has gone, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The part of the check.
    pub phase: Phase,
    /// Items done in this phase.
    pub done: u64,
    /// Items this phase expects (an estimate, read at its start).
    pub total: u64,
}

/// The outcome of checking a log.
#[derive(Debug, Clone)]
pub struct Verification {
    /// The tree recomputed over the entries that passed the per-entry checks:
    /// every stored entry when the log is intact.
    pub tree: Tree,
    /// The latest stored checkpoint, if it verified.
    pub latest: Option<SignedCheckpoint>,
    /// How many stored checkpoints were checked (signature and root).
    pub checkpoints_checked: u64,
    /// Whether seals were checked (the signing key was at hand).
    pub seals_checked: bool,
    /// The first problem found, if any.
    pub problem: Option<Problem>,
}

impl Verification {
    /// Whether the log passed every check.
    pub fn is_intact(&self) -> bool {
        self.problem.is_none()
    }

    /// The size covered by the latest valid checkpoint (0 without one).
    pub fn signed_size(&self) -> u64 {
        self.latest.as_ref().map_or(0, |c| c.checkpoint.size)
    }

    /// How many entries after the latest checkpoint no checkpoint covers yet.
    pub fn unsigned(&self) -> u64 {
        self.tree.size().saturating_sub(self.signed_size())
    }
}

/// Checks a stored log (see the module documentation). Errors are the
/// backend's; everything found wrong with the log is in
/// [`Verification::problem`].
pub fn verify(
    store: &mut dyn EventStore,
    options: &VerifyOptions<'_>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Verification, StoreError> {
    let mut tree = Tree::new();
    let entry_problem = extend_tree(store, &mut tree, options.seal_key, options.batch, progress)?;
    let checked = tree.size();

    let latest = match store.latest_checkpoint()? {
        None => None,
        Some(stored) => match open_checkpoint(&stored, options) {
            Ok(signed) => Some(signed),
            Err(reason) => {
                let problem = entry_problem.unwrap_or(Problem::BadCheckpoint {
                    size: stored.size,
                    reason,
                });
                return Ok(Verification {
                    tree,
                    latest: None,
                    checkpoints_checked: 1,
                    seals_checked: options.seal_key.is_some(),
                    problem: Some(problem),
                });
            }
        },
    };

    let (checkpoints_checked, checkpoint_problem) = if options.every_checkpoint {
        check_every_checkpoint(store, &tree, options, progress)?
    } else {
        bisect_checkpoints(store, &tree, latest.as_ref(), options)?
    };

    // A disagreeing signed root lies before any entry the stream flagged
    // (only checkpoints within the checked entries are compared), so it comes
    // first; then a bad entry; then a checkpoint that does not verify.
    let problem = match (checkpoint_problem, entry_problem) {
        (Some(mismatch @ Problem::RootMismatch { .. }), _) => Some(mismatch),
        (_, Some(entry)) => Some(entry),
        (Some(checkpoint), None) => Some(checkpoint),
        (None, None) => {
            let signed = latest.as_ref().map_or(0, |c| c.checkpoint.size);
            (signed > checked).then_some(Problem::Truncated {
                stored: checked,
                signed,
            })
        }
    };
    Ok(Verification {
        tree,
        latest,
        checkpoints_checked,
        seals_checked: options.seal_key.is_some(),
        problem,
    })
}

/// Reads the entries from `tree.size()` on, checks each (index, leaf hash,
/// seal) and pushes its recomputed leaf hash; stops at the first bad one.
pub(crate) fn extend_tree(
    store: &mut dyn EventStore,
    tree: &mut Tree,
    seal_key: Option<&SealKey>,
    batch: usize,
    progress: &mut dyn FnMut(Progress),
) -> Result<Option<Problem>, StoreError> {
    let total = store.next_index()?;
    let batch = batch.max(1);
    loop {
        let rows = store.read(tree.size(), batch)?;
        if rows.is_empty() {
            return Ok(None);
        }
        for row in rows {
            let index = tree.size();
            if row.index != index {
                return Ok(Some(Problem::Missing { index }));
            }
            let leaf = hash_leaf(&row.entry);
            if row.leaf_hash != leaf.as_bytes() {
                return Ok(Some(Problem::Altered { index }));
            }
            if let Some(key) = seal_key
                && !key.check(index, &leaf, &row.seal)
            {
                return Ok(Some(Problem::Unsealed { index }));
            }
            tree.push_leaf(leaf);
        }
        progress(Progress {
            phase: Phase::Entries,
            done: tree.size(),
            total: total.max(tree.size()),
        });
    }
}

/// Opens a stored checkpoint: signature, origin, and the size it is filed
/// under.
pub fn open_checkpoint(
    stored: &StoredCheckpoint,
    options: &VerifyOptions<'_>,
) -> Result<SignedCheckpoint, String> {
    let verified =
        note::open(&stored.note, std::slice::from_ref(options.verifier)).map_err(|e| {
            format!(
                "{e} (checked against the verifier key {})",
                options.verifier
            )
        })?;
    let checkpoint = Checkpoint::parse_body(&verified.body).map_err(|e| e.to_string())?;
    if checkpoint.origin != options.origin {
        return Err(format!(
            "it is a checkpoint of {:?}, not of this log ({:?})",
            checkpoint.origin, options.origin
        ));
    }
    if checkpoint.size != stored.size {
        return Err(format!("it covers {} entries", checkpoint.size));
    }
    Ok(SignedCheckpoint {
        checkpoint,
        note: stored.note.clone(),
    })
}

/// Whether the recomputed tree reproduces a checkpoint's root. Only sizes the
/// tree reaches can be compared.
fn agrees(tree: &Tree, checkpoint: &Checkpoint) -> bool {
    tree.root_at(checkpoint.size).ok() == Some(checkpoint.root)
}

/// Startup mode: compares the latest checkpoint the tree reaches, and
/// bisects the stored checkpoints when it disagrees.
fn bisect_checkpoints(
    store: &mut dyn EventStore,
    tree: &Tree,
    latest: Option<&SignedCheckpoint>,
    options: &VerifyOptions<'_>,
) -> Result<(u64, Option<Problem>), StoreError> {
    let Some(latest) = latest else {
        return Ok((0, None));
    };
    if latest.checkpoint.size <= tree.size() && agrees(tree, &latest.checkpoint) {
        // A matching signed root at size n fixes every leaf below n, so every
        // earlier genuine checkpoint agrees too.
        return Ok((1, None));
    }
    // The candidates: checkpoints the tree reaches, in increasing size.
    let sizes: Vec<u64> = store
        .checkpoint_sizes()?
        .into_iter()
        .filter(|&s| s <= tree.size())
        .collect();
    let mut checked = 1;
    let mut probe = |index: usize| -> Result<Result<bool, Problem>, StoreError> {
        let size = sizes[index];
        checked += 1;
        let Some(stored) = store.checkpoint(size)? else {
            return Ok(Err(Problem::BadCheckpoint {
                size,
                reason: "it vanished while the log was being checked".to_owned(),
            }));
        };
        Ok(match open_checkpoint(&stored, options) {
            Ok(signed) => Ok(agrees(tree, &signed.checkpoint)),
            Err(reason) => Err(Problem::BadCheckpoint { size, reason }),
        })
    };
    // Agreement is monotone: checkpoints up to the first bad entry agree,
    // every later one disagrees. Find the first that disagrees.
    let (mut lo, mut hi) = (0usize, sizes.len());
    if let Some(last) = sizes.len().checked_sub(1) {
        match probe(last)? {
            Err(problem) => return Ok((checked, Some(problem))),
            Ok(true) => lo = sizes.len(),
            Ok(false) => hi = last,
        }
    }
    // Invariant: sizes[..lo] agree, sizes[hi..] disagree (hi = len when none
    // is known to).
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match probe(mid)? {
            Err(problem) => return Ok((checked, Some(problem))),
            Ok(true) => lo = mid + 1,
            Ok(false) => hi = mid,
        }
    }
    let problem = (hi < sizes.len()).then(|| Problem::RootMismatch {
        from: hi.checked_sub(1).map_or(0, |i| sizes[i]),
        before: sizes[hi],
    });
    Ok((checked, problem))
}

/// Full mode: every stored checkpoint must verify, and those the tree
/// reaches must agree with it.
fn check_every_checkpoint(
    store: &mut dyn EventStore,
    tree: &Tree,
    options: &VerifyOptions<'_>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(u64, Option<Problem>), StoreError> {
    let total = store.checkpoint_sizes()?.len() as u64;
    let mut done = 0u64;
    let mut last_agreeing = 0u64;
    let mut from = 0u64;
    loop {
        let batch = store.read_checkpoints(from, options.batch.max(1))?;
        let Some(last) = batch.last() else {
            return Ok((done, None));
        };
        from = last.size + 1;
        for (stored, opened) in batch.iter().zip(open_all(&batch, options)) {
            done += 1;
            let signed = match opened {
                Ok(signed) => signed,
                Err(reason) => {
                    return Ok((
                        done,
                        Some(Problem::BadCheckpoint {
                            size: stored.size,
                            reason,
                        }),
                    ));
                }
            };
            if signed.checkpoint.size <= tree.size() {
                if !agrees(tree, &signed.checkpoint) {
                    return Ok((
                        done,
                        Some(Problem::RootMismatch {
                            from: last_agreeing,
                            before: signed.checkpoint.size,
                        }),
                    ));
                }
                last_agreeing = signed.checkpoint.size;
            }
        }
        progress(Progress {
            phase: Phase::Checkpoints,
            done,
            total: total.max(done),
        });
    }
}

/// Opens many checkpoints, on every core: the signatures dominate a full
/// check when a checkpoint was filed for every append.
fn open_all(
    batch: &[StoredCheckpoint],
    options: &VerifyOptions<'_>,
) -> Vec<Result<SignedCheckpoint, String>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || batch.len() < 64 {
        return batch.iter().map(|c| open_checkpoint(c, options)).collect();
    }
    let chunk = batch.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = batch
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|c| open_checkpoint(c, options))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("checking a signature does not panic"))
            .collect()
    })
}
