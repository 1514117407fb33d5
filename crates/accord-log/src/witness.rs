//! The C2SP `tlog-witness` protocol, without the network: the
//! `add-checkpoint` request body, and the witness's judgement of it.
//!
//! A log sends a witness its new checkpoint with a consistency proof from
//! the last size the witness cosigned; the witness checks the log's
//! signature and the proof and answers with its cosignature. [`judge`]
//! applies every rule of the spec, in the spec's order, to a request and
//! what the witness has stored; the caller (the I/O edge) then compares and
//! stores atomically, signs with its clock ([`crate::cosignature::cosign`])
//! and answers with [`Verdict::status`].

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::checkpoint::{Checkpoint, parse_decimal};
use crate::hash::Hash;
use crate::note::{self, NoteError, VerifierKey, split_note};
use crate::proof::verify_consistency;

/// The most consistency proof lines a request may carry.
pub const MAX_PROOF_LINES: usize = 63;
/// The `Content-Type` of a 409 answer's body.
pub const CONFLICT_CONTENT_TYPE: &str = "text/x.tlog.size";

/// Why an `add-checkpoint` body does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WitnessError {
    /// The body is not UTF-8.
    #[error("the request body is not UTF-8")]
    NotUtf8,
    /// The first line is not `old <size>` with a decimal size without
    /// leading zeros.
    #[error("the first line must be \"old <size>\", the size in decimal without leading zeros")]
    BadOldLine,
    /// A proof line that is not a base64 hash.
    #[error("proof line {line} is not a base64 SHA-256 hash")]
    BadProofLine {
        /// The line number in the body (1-based; the old line is 1).
        line: usize,
    },
    /// More than 63 proof lines.
    #[error("more than 63 consistency proof lines")]
    TooManyProofLines,
    /// No empty line between the proof and the checkpoint.
    #[error("no empty line before the checkpoint")]
    MissingBlankLine,
    /// Nothing after the empty line.
    #[error("no checkpoint after the empty line")]
    MissingCheckpoint,
}

/// An `add-checkpoint` request: the size the client believes the witness
/// last cosigned, a consistency proof from it, and the signed checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddCheckpoint {
    /// The tree size of the previous checkpoint (0 if none).
    pub old_size: u64,
    /// The consistency proof from `old_size` to the checkpoint's size.
    pub proof: Vec<Hash>,
    /// The signed checkpoint note, as sent.
    pub checkpoint: String,
}

impl AddCheckpoint {
    /// Parses a request body strictly: `old N\n` (no leading zeros), at most
    /// 63 base64 hash lines, an empty line, then the note. The body's size
    /// limit is the caller's to enforce before reading it.
    pub fn parse(body: &[u8]) -> Result<Self, WitnessError> {
        let body = std::str::from_utf8(body).map_err(|_| WitnessError::NotUtf8)?;
        let (old, mut rest) = body.split_once('\n').ok_or(WitnessError::BadOldLine)?;
        let old_size = old
            .strip_prefix("old ")
            .and_then(parse_decimal)
            .ok_or(WitnessError::BadOldLine)?;
        let mut proof = Vec::new();
        let mut line_number = 1;
        loop {
            let (line, after) = rest
                .split_once('\n')
                .ok_or(WitnessError::MissingBlankLine)?;
            line_number += 1;
            rest = after;
            if line.is_empty() {
                break;
            }
            if proof.len() == MAX_PROOF_LINES {
                return Err(WitnessError::TooManyProofLines);
            }
            let bytes = STANDARD
                .decode(line)
                .map_err(|_| WitnessError::BadProofLine { line: line_number })?;
            let hash = Hash::from_slice(&bytes)
                .map_err(|_| WitnessError::BadProofLine { line: line_number })?;
            proof.push(hash);
        }
        if rest.is_empty() {
            return Err(WitnessError::MissingCheckpoint);
        }
        Ok(Self {
            old_size,
            proof,
            checkpoint: rest.to_owned(),
        })
    }

    /// The request body: the inverse of [`AddCheckpoint::parse`].
    pub fn to_body(&self) -> String {
        let mut out = format!("old {}\n", self.old_size);
        for hash in &self.proof {
            out.push_str(&hash.to_base64());
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&self.checkpoint);
        out
    }
}

/// What a witness keeps per log origin: the latest size and root it cosigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Witnessed {
    /// The tree size of the latest cosigned checkpoint.
    pub size: u64,
    /// Its root hash.
    pub root: Hash,
}

/// The witness's answer to an `add-checkpoint` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every check passed: store `checkpoint` (compare-and-swap against what
    /// was judged) and cosign `body`. 200.
    Cosign {
        /// The checkpoint to store.
        checkpoint: Checkpoint,
        /// The note text to cosign.
        body: String,
    },
    /// No trusted key for the checkpoint's origin. 404.
    UnknownOrigin,
    /// No signature verifies against a trusted key of the origin. 403.
    NotSigned,
    /// A malformed request, or an old size above the checkpoint's. 400.
    BadRequest(String),
    /// The old size is not the stored size, or the same size comes with
    /// another root. The body of the answer is `size` ([`conflict_body`]). 409.
    Conflict {
        /// The size of the latest checkpoint the witness cosigned (0 if none).
        size: u64,
    },
    /// The consistency proof does not verify. 422.
    ProofFailed,
}

impl Verdict {
    /// The HTTP status the spec gives this verdict.
    pub fn status(&self) -> u16 {
        match self {
            Verdict::Cosign { .. } => 200,
            Verdict::UnknownOrigin => 404,
            Verdict::NotSigned => 403,
            Verdict::BadRequest(_) => 400,
            Verdict::Conflict { .. } => 409,
            Verdict::ProofFailed => 422,
        }
    }

    /// What the witness stores after cosigning, for a [`Verdict::Cosign`].
    pub fn witnessed(&self) -> Option<Witnessed> {
        match self {
            Verdict::Cosign { checkpoint, .. } => Some(Witnessed {
                size: checkpoint.size,
                root: checkpoint.root,
            }),
            _ => None,
        }
    }
}

/// Judges an `add-checkpoint` request as C2SP `tlog-witness` says, in its
/// order: an unknown origin is 404; no signature by a trusted key of the
/// origin is 403 (other signatures are ignored); an old size above the
/// checkpoint's is 400; an old size other than the stored one (0 if none)
/// is 409 with the stored size; the same size with another root is 409; a
/// proof with an old size of 0 must be empty (400); a consistency proof that
/// fails is 422; otherwise the checkpoint is to be cosigned.
///
/// `log_keys` are every log key the witness trusts; those named as the
/// checkpoint's origin are the origin's keys. `stored` is what the witness
/// holds for that origin.
pub fn judge(
    request: &AddCheckpoint,
    log_keys: &[VerifierKey],
    stored: Option<&Witnessed>,
) -> Verdict {
    let text = match split_note(request.checkpoint.as_bytes()) {
        Ok(split) => split.text,
        Err(e) => return Verdict::BadRequest(e.to_string()),
    };
    let checkpoint = match Checkpoint::parse_body(text) {
        Ok(checkpoint) => checkpoint,
        Err(e) => return Verdict::BadRequest(e.to_string()),
    };
    let origin_keys: Vec<VerifierKey> = log_keys
        .iter()
        .filter(|k| k.name() == checkpoint.origin)
        .cloned()
        .collect();
    if origin_keys.is_empty() {
        return Verdict::UnknownOrigin;
    }
    match note::open(&request.checkpoint, &origin_keys) {
        Ok(_) => {}
        Err(NoteError::NoVerifiedSignature { .. } | NoteError::BadSignature { .. }) => {
            return Verdict::NotSigned;
        }
        Err(e) => return Verdict::BadRequest(e.to_string()),
    }
    let old = request.old_size;
    if old > checkpoint.size {
        return Verdict::BadRequest(format!(
            "old size {old} is larger than the checkpoint's size {}",
            checkpoint.size
        ));
    }
    let stored_size = stored.map_or(0, |s| s.size);
    if old != stored_size {
        return Verdict::Conflict { size: stored_size };
    }
    if old == checkpoint.size {
        let stored_root = stored.map_or_else(Hash::empty_tree, |s| s.root);
        if checkpoint.root != stored_root {
            return Verdict::Conflict { size: stored_size };
        }
    }
    if old == 0 {
        if !request.proof.is_empty() {
            return Verdict::BadRequest("the proof must be empty when the old size is 0".into());
        }
    } else {
        let stored_root = stored.map_or_else(Hash::empty_tree, |s| s.root);
        if verify_consistency(
            old,
            checkpoint.size,
            &stored_root,
            &checkpoint.root,
            &request.proof,
        )
        .is_err()
        {
            return Verdict::ProofFailed;
        }
    }
    Verdict::Cosign {
        checkpoint,
        body: text.to_owned(),
    }
}

/// The body of a 409 answer: the stored size in decimal and a newline.
pub fn conflict_body(size: u64) -> String {
    format!("{size}\n")
}

/// The size in a 409 answer's body (`text/x.tlog.size`): a decimal without
/// leading zeros and a final newline (which may be missing).
pub fn parse_conflict_size(body: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(body).ok()?;
    parse_decimal(text.strip_suffix('\n').unwrap_or(text))
}
