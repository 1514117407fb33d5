//! accord-log: the tamper-evident log under accord's record.
//!
//! Two governments keep one record, and each must be able to prove, trusting
//! neither the other nor the server, that nothing recorded was later changed,
//! removed or reordered. This crate holds the mathematics of that proof and
//! nothing else: it does no I/O, reads no clock and draws no randomness.
//! Entries are opaque bytes; what they mean is for the layers above.
//!
//! - [`hash`]: the RFC 9162 leaf and node hashes (`0x00`/`0x01` prefixes).
//! - [`Tree`]: an append-only Merkle tree giving the root at any earlier size
//!   and inclusion and consistency proofs (RFC 9162 §2.1).
//! - [`verify_inclusion`], [`verify_consistency`]: the verifiers an auditor
//!   runs with nothing but hashes (RFC 9162 §2.1.3.2, §2.1.4.2).
//! - [`checkpoint`]: a tree size and root in the C2SP `tlog-checkpoint` form.
//! - [`note`]: C2SP signed notes with Ed25519, which carry checkpoints and the
//!   other party's cosignatures.
//! - [`cosignature`]: a witness's timestamped Ed25519 `cosignature/v1`
//!   (C2SP `tlog-cosignature`) and the keys that verify it.
//! - [`policy`]: C2SP `tlog-policy` files: trusted logs and witnesses and
//!   the quorum of cosignatures a checkpoint needs.
//! - [`proof_file`]: C2SP `tlog-proof`, an entry's inclusion proof and its
//!   cosigned checkpoint in one text that stands alone, checked against a
//!   [`policy::Policy`].
//! - [`tiles`]: the C2SP `tlog-tiles` layout: tile paths, the hash tiles of a
//!   [`Tree`], entry bundles (and accord's wide bundles for long entries).
//! - [`witness`]: the C2SP `tlog-witness` `add-checkpoint` request and a
//!   witness's judgement of it, without the network or the clock.
//!
//! The flow: the store appends entries and pushes their leaf hashes into a
//! [`Tree`]; the log signs a [`checkpoint::Checkpoint`] of the new root as a
//! note; the other party (or anyone) keeps the checkpoint, and later asks for a
//! consistency proof from it to a newer checkpoint. If that proof verifies,
//! the older tree is a prefix of the newer one: nothing was rewritten.
//! Witnesses make that check for everyone: the log sends each new checkpoint
//! with a consistency proof ([`witness::AddCheckpoint`]), a witness judges it
//! ([`witness::judge`]) and cosigns ([`cosignature::cosign`]), and anyone
//! holding a [`policy::Policy`] can then check an entry's
//! [`proof_file::TlogProof`] offline, trusting the quorum of witnesses rather
//! than the server.

pub mod checkpoint;
pub mod cosignature;
pub mod hash;
pub mod note;
pub mod policy;
mod proof;
pub mod proof_file;
pub mod tiles;
mod tree;
pub mod witness;

pub use checkpoint::Checkpoint;
pub use hash::{
    HASH_LEN, Hash, HashParseError, LEAF_PREFIX, NODE_PREFIX, hash_children, hash_leaf,
};
pub use proof::{ProofError, root_from_inclusion_proof, verify_consistency, verify_inclusion};
pub use tree::Tree;
