//! Offline proofs of logging (C2SP `tlog-proof`): an entry's index, its
//! inclusion proof and the cosigned checkpoint it leads to, in one text that
//! anyone holding a [`Policy`] can check without asking the log.
//!
//! ```text
//! c2sp.org/tlog-proof@v1
//! extra <base64 of the entry>
//! index 73894
//! <inclusion proof, one base64 hash per line>
//!
//! <the checkpoint note, verbatim, with its cosignatures>
//! ```
//!
//! accord puts the entry's own bytes in `extra`, so that a proof stands
//! alone: its leaf is `hash_leaf(extra)`. The spec warns that `extra` is not
//! authenticated; it is trusted here only because its hash must be the leaf
//! the inclusion proof verifies.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::checkpoint::{Checkpoint, parse_decimal};
use crate::hash::{Hash, hash_leaf};
use crate::policy::{Policy, PolicyError};
use crate::proof::{ProofError, verify_inclusion};

/// The first line of a proof.
pub const HEADER: &str = "c2sp.org/tlog-proof@v1";
/// The most inclusion proof lines (a tree of fewer than `2^64` entries is at
/// most 64 levels high).
pub const MAX_PROOF_LINES: usize = 64;

/// Why a proof does not parse or does not verify. Parse errors name their
/// line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofFileError {
    /// A line that is not what the format has at that place.
    #[error("line {line}: {reason}")]
    Syntax {
        /// The line.
        line: usize,
        /// What was expected.
        reason: &'static str,
    },
    /// No empty line before the checkpoint.
    #[error("no empty line between the inclusion proof and the checkpoint")]
    MissingBlankLine,
    /// Nothing after the empty line.
    #[error("no checkpoint after the empty line")]
    MissingCheckpoint,
    /// No leaf given and no `extra` to hash.
    #[error("no leaf to check: the proof has no extra data and no leaf hash was given")]
    NoLeaf,
    /// The checkpoint does not pass the policy.
    #[error("the checkpoint does not pass the policy: {0}")]
    Policy(#[from] PolicyError),
    /// The inclusion proof does not lead to the checkpoint's root.
    #[error("the entry is not at index {index} of the checkpoint's tree: {error}")]
    Inclusion {
        /// The index in the proof.
        index: u64,
        /// Why the proof failed.
        error: ProofError,
    },
}

/// A `tlog-proof`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlogProof {
    /// Opaque extra data; for accord, the entry's bytes.
    pub extra: Option<Vec<u8>>,
    /// The entry's index in the log.
    pub index: u64,
    /// The inclusion proof, from the leaf's sibling up.
    pub proof: Vec<Hash>,
    /// The checkpoint note, verbatim, with its signatures.
    pub checkpoint: String,
}

/// A proof that verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofCheck {
    /// The entry's index.
    pub index: u64,
    /// The checkpoint it is included in.
    pub checkpoint: Checkpoint,
    /// The policy's witnesses that cosigned the checkpoint, with their
    /// timestamps.
    pub cosigned_by: Vec<(String, u64)>,
}

impl TlogProof {
    /// Parses a proof. Strict: the header, an optional `extra` line in
    /// standard base64, `index N` without leading zeros, at most 64 hash
    /// lines, an empty line, and a non-empty checkpoint (checked by
    /// [`TlogProof::verify`], not here).
    pub fn parse(text: &str) -> Result<Self, ProofFileError> {
        let syntax = |line, reason| ProofFileError::Syntax { line, reason };
        let mut lines = Lines {
            rest: text,
            number: 0,
        };
        let (n, header) = lines
            .next_line()
            .ok_or(syntax(1, "expected c2sp.org/tlog-proof@v1"))?;
        if header != HEADER {
            return Err(syntax(n, "expected c2sp.org/tlog-proof@v1"));
        }
        let (mut n, mut line) = lines
            .next_line()
            .ok_or(syntax(2, "expected extra or index"))?;
        let mut extra = None;
        if let Some(encoded) = line.strip_prefix("extra ") {
            extra = Some(
                STANDARD
                    .decode(encoded)
                    .map_err(|_| syntax(n, "the extra data is not standard base64"))?,
            );
            (n, line) = lines.next_line().ok_or(syntax(n + 1, "expected index N"))?;
        }
        let index = line
            .strip_prefix("index ")
            .and_then(parse_decimal)
            .ok_or(syntax(
                n,
                "expected index N, in decimal without leading zeros",
            ))?;
        let mut proof = Vec::new();
        loop {
            let (n, line) = lines.next_line().ok_or(ProofFileError::MissingBlankLine)?;
            if line.is_empty() {
                break;
            }
            if proof.len() == MAX_PROOF_LINES {
                return Err(syntax(n, "more than 64 inclusion proof lines"));
            }
            let bytes = STANDARD
                .decode(line)
                .map_err(|_| syntax(n, "a proof line is not a base64 hash"))?;
            proof.push(
                Hash::from_slice(&bytes).map_err(|_| syntax(n, "a proof line is not 32 bytes"))?,
            );
        }
        if lines.rest.is_empty() {
            return Err(ProofFileError::MissingCheckpoint);
        }
        Ok(Self {
            extra,
            index,
            proof,
            checkpoint: lines.rest.to_owned(),
        })
    }

    /// The proof's text: the inverse of [`TlogProof::parse`].
    pub fn to_text(&self) -> String {
        let mut out = format!("{HEADER}\n");
        if let Some(extra) = &self.extra {
            out.push_str("extra ");
            out.push_str(&STANDARD.encode(extra));
            out.push('\n');
        }
        out.push_str(&format!("index {}\n", self.index));
        for hash in &self.proof {
            out.push_str(&hash.to_base64());
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&self.checkpoint);
        out
    }

    /// Verifies the proof offline: the checkpoint passes `policy` (signed by
    /// one of its logs, cosigned to its quorum), and the inclusion proof
    /// (RFC 9162 §2.1.3.2) puts `leaf` at `index` under the checkpoint's
    /// root. When `leaf` is `None`, the leaf is `hash_leaf(extra)`.
    pub fn verify(
        &self,
        policy: &Policy,
        leaf: Option<Hash>,
    ) -> Result<ProofCheck, ProofFileError> {
        let leaf = match (leaf, &self.extra) {
            (Some(leaf), _) => leaf,
            (None, Some(extra)) => hash_leaf(extra),
            (None, None) => return Err(ProofFileError::NoLeaf),
        };
        let checked = policy.check(&self.checkpoint)?;
        let checkpoint = checked.checkpoint;
        verify_inclusion(
            self.index,
            checkpoint.size,
            &leaf,
            &self.proof,
            &checkpoint.root,
        )
        .map_err(|error| ProofFileError::Inclusion {
            index: self.index,
            error,
        })?;
        Ok(ProofCheck {
            index: self.index,
            checkpoint,
            cosigned_by: checked.cosigned_by,
        })
    }
}

/// The lines of a text one at a time, numbered from 1, with what follows.
struct Lines<'a> {
    rest: &'a str,
    number: usize,
}

impl<'a> Lines<'a> {
    /// The next newline-terminated line and its number, or `None` when no
    /// newline is left.
    fn next_line(&mut self) -> Option<(usize, &'a str)> {
        let (line, after) = self.rest.split_once('\n')?;
        self.rest = after;
        self.number += 1;
        Some((self.number, line))
    }
}
