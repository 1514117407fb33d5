//! A malicious primary, a malicious witness client and forged evidence,
//! against a party's node: each case names an attack and asserts exactly
//! what the node does (the look's outcome, the witness's status and body,
//! the alarm written, the evidence kept, and that the replica did not
//! move).
//!
//! The primary is a real HTTP server on 127.0.0.1 whose every answer the
//! case scripts (see `kit`), serving a real log of real accord events, so
//! that the node's replica verifies and folds them as it would in service.

mod evidence;
mod follower;
mod kit;
mod unwitnessed;
mod witness;
