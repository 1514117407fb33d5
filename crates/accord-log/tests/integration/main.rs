//! accord-log's integration tests: one binary, one module per concern.
//!
//! - `vectors`: the public known answers (RFC 6962's reference tree and the
//!   196 transparency-dev/merkle probes), copied with their sources and
//!   licences into `tests/data/`.
//! - `exhaustive`: every tree size up to 256 against a naive recursive
//!   reference written from RFC 9162 §2.1's definitions, with named broken
//!   proofs that must be rejected.
//! - `notes`: C2SP signed-note vectors (spec example, Go's test keys,
//!   malformed notes), keys, cosignatures.
//! - `checkpoints`: C2SP tlog-checkpoint bodies.
//! - `cosignatures`: C2SP tlog-cosignature, Ed25519 `cosignature/v1`.
//! - `policy`: C2SP tlog-policy, parse errors by line, quorums.
//! - `proof_files`: C2SP tlog-proof, offline verification and tampering.
//! - `props`: property tests on larger, random trees.
//! - `tiles`: C2SP tlog-tiles paths, hash tiles and entry bundles.
//! - `witness`: C2SP tlog-witness, every `add-checkpoint` status by name.

mod checkpoints;
mod common;
mod cosignatures;
mod exhaustive;
mod notes;
mod policy;
mod proof_files;
mod props;
mod reference;
mod tiles;
mod vectors;
mod witness;
