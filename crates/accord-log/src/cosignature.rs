//! Witness cosignatures (C2SP `tlog-cosignature`), Ed25519 `cosignature/v1`
//! only.
//!
//! A cosignature is a note signature by a witness, in which the witness says
//! "as of this time, this is the largest tree I have seen of this log, and it
//! is consistent with every earlier one". Unlike a plain note signature it
//! signs a timestamp with the checkpoint:
//!
//! ```text
//! cosignature/v1
//! time 1679315147
//! example.com/behind-the-sofa
//! 20852163
//! CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
//! ```
//!
//! and its signature line carries `base64(key id ‖ u64 timestamp ‖ signature)`.
//! The key id uses the type byte `0x04`, so a cosignature can never be taken
//! for the same key's plain signature, nor the other way round. The time is
//! always a parameter: this crate has no clock.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::Signer as _;
use sha2::{Digest, Sha256};

use crate::checkpoint::Checkpoint;
use crate::note::{
    ALG_ED25519, NoteError, RawVkey, SIGNATURE_PREFIX, SigningKey, VerifierKey, check_text,
    split_note, strip_final_newline,
};

/// The signature type byte of an Ed25519 `cosignature/v1` key.
pub const ALG_COSIGNATURE_V1: u8 = 0x04;
/// The first line of the signed message, for domain separation.
pub const COSIGNATURE_V1_HEADER: &str = "cosignature/v1";
/// The largest timestamp a cosignature may carry (`2^63 - 1`).
pub const MAX_TIMESTAMP: u64 = i64::MAX as u64;
/// The bytes of an Ed25519 cosignature: key id, timestamp, signature.
const COSIGNATURE_LEN: usize = 4 + 8 + 64;

/// Why a cosignature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CosignatureError {
    /// Not a signature line, or not base64 of 76 bytes.
    #[error("malformed cosignature: {0}")]
    Malformed(&'static str),
    /// The line names another key.
    #[error("the cosignature is by {found:?}, not {expected:?}")]
    WrongName {
        /// The key's name.
        expected: String,
        /// The name on the line.
        found: String,
    },
    /// The key id is not this key's cosignature key id.
    #[error("the cosignature's key id {found:08x} is not {expected:08x}")]
    WrongKeyId {
        /// The key's cosignature key id.
        expected: u32,
        /// The key id in the signature.
        found: u32,
    },
    /// A timestamp above `2^63 - 1`.
    #[error("the cosignature's timestamp {0} exceeds 2^63 - 1")]
    TimestampTooLarge(u64),
    /// The signature does not verify.
    #[error("the cosignature of {name} does not verify")]
    BadSignature {
        /// The cosigner's name.
        name: String,
    },
    /// The note that carries the cosignatures is malformed.
    #[error(transparent)]
    Note(#[from] NoteError),
}

/// The key id of an Ed25519 cosigner: the first four bytes, big-endian, of
/// `SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)` (C2SP `tlog-cosignature`, "Format").
pub fn cosigner_key_id(name: &str, public: &[u8; 32]) -> u32 {
    let mut hasher = Sha256::new();
    hasher.update(name.as_bytes());
    hasher.update([b'\n', ALG_COSIGNATURE_V1]);
    hasher.update(public);
    let digest = hasher.finalize();
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// The message an Ed25519 cosignature signs: `cosignature/v1\ntime <t>\n`
/// followed by the checkpoint's note text.
pub fn signed_message(body: &str, timestamp: u64) -> String {
    format!("{COSIGNATURE_V1_HEADER}\ntime {timestamp}\n{body}")
}

/// A witness's key as a verifier of its cosignatures: a name and an Ed25519
/// public key, identified by its `0x04` key id.
#[derive(Clone, PartialEq, Eq)]
pub struct CosignerKey {
    name: String,
    key_id: u32,
    key: ed25519_dalek::VerifyingKey,
}

impl CosignerKey {
    /// The cosigner with the same name and public key as a note verifier key
    /// (type `0x01`, as `accord key generate` writes): the same key,
    /// re-identified with the cosignature key id.
    pub fn from_verifier_key(key: &VerifierKey) -> Self {
        let public = key.public_key();
        Self {
            name: key.name().to_owned(),
            key_id: cosigner_key_id(key.name(), &public),
            key: ed25519_dalek::VerifyingKey::from_bytes(&public)
                .expect("a verifier key holds a valid Ed25519 key"),
        }
    }

    /// Parses a vkey `name+hex(key id)+base64(type ‖ public key)` of type
    /// `0x04` (a cosigner key) or `0x01` (a note key, re-identified). The key
    /// id must be the one its type gives. One final newline is allowed.
    pub fn parse(vkey: &str) -> Result<Self, NoteError> {
        let raw = RawVkey::parse(vkey)?;
        if raw.alg == ALG_ED25519 {
            return VerifierKey::parse(vkey).map(|k| Self::from_verifier_key(&k));
        }
        if raw.alg != ALG_COSIGNATURE_V1 {
            return Err(NoteError::UnknownAlgorithm(raw.alg));
        }
        let public = raw.ed25519_public()?;
        let expected = cosigner_key_id(raw.name, &public);
        if raw.written_id != expected {
            return Err(NoteError::KeyIdMismatch {
                written: raw.written_id,
                expected,
            });
        }
        let key = ed25519_dalek::VerifyingKey::from_bytes(&public)
            .map_err(|_| NoteError::BadVerifierKey("not an Ed25519 public key"))?;
        Ok(Self {
            name: raw.name.to_owned(),
            key_id: expected,
            key,
        })
    }

    /// The cosigner's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The cosignature key id (see [`cosigner_key_id`]).
    pub fn key_id(&self) -> u32 {
        self.key_id
    }

    /// The raw 32-byte Ed25519 public key.
    pub fn public_key(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// The key as a type `0x04` vkey: `name+hex(key id)+base64(0x04 ‖ key)`.
    pub fn to_vkey(&self) -> String {
        let mut bytes = [0u8; 33];
        bytes[0] = ALG_COSIGNATURE_V1;
        bytes[1..].copy_from_slice(self.key.as_bytes());
        format!(
            "{}+{:08x}+{}",
            self.name,
            self.key_id,
            STANDARD.encode(bytes)
        )
    }

    /// Verifies the 76 bytes of a cosignature over `body`, returning its
    /// timestamp.
    fn verify_bytes(&self, body: &str, bytes: &[u8]) -> Result<u64, CosignatureError> {
        let (key_id, timestamp, signature) = split_cosignature(bytes)?;
        if key_id != self.key_id {
            return Err(CosignatureError::WrongKeyId {
                expected: self.key_id,
                found: key_id,
            });
        }
        let signature = ed25519_dalek::Signature::from_bytes(&signature);
        self.key
            .verify_strict(signed_message(body, timestamp).as_bytes(), &signature)
            .map_err(|_| CosignatureError::BadSignature {
                name: self.name.clone(),
            })?;
        Ok(timestamp)
    }
}

impl fmt::Debug for CosignerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CosignerKey({})", self.to_vkey())
    }
}

/// Key id, timestamp and signature of a cosignature's bytes.
fn split_cosignature(bytes: &[u8]) -> Result<(u32, u64, [u8; 64]), CosignatureError> {
    if bytes.len() != COSIGNATURE_LEN {
        return Err(CosignatureError::Malformed(
            "an Ed25519 cosignature is 76 bytes (key id, timestamp, signature)",
        ));
    }
    let key_id = u32::from_be_bytes(bytes[..4].try_into().expect("4 bytes"));
    let timestamp = u64::from_be_bytes(bytes[4..12].try_into().expect("8 bytes"));
    if timestamp > MAX_TIMESTAMP {
        return Err(CosignatureError::TimestampTooLarge(timestamp));
    }
    let signature = bytes[12..].try_into().expect("64 bytes");
    Ok((key_id, timestamp, signature))
}

/// The timestamp of a cosignature given as the base64 of its signature line,
/// without verifying it (to show when a witness says it signed).
pub fn cosignature_timestamp(signature_base64: &str) -> Result<u64, CosignatureError> {
    let bytes = STANDARD
        .decode(signature_base64)
        .map_err(|_| CosignatureError::Malformed("not base64"))?;
    split_cosignature(&bytes).map(|(_, timestamp, _)| timestamp)
}

/// Cosigns a checkpoint: one signature line
/// `— <name> base64(key id ‖ u64 timestamp ‖ signature)\n` over
/// `cosignature/v1\ntime <timestamp>\n<body>`. `body` is the checkpoint's
/// note text (ending in a newline, without signature lines); `timestamp` is
/// the caller's clock in POSIX seconds. Ed25519 is deterministic, so the same
/// key, body and time give the same line.
pub fn cosign(signer: &SigningKey, body: &str, timestamp: u64) -> Result<String, NoteError> {
    check_text(body)?;
    if Checkpoint::parse_body(body).is_err() {
        return Err(NoteError::BadText("a cosignature is over a checkpoint"));
    }
    if timestamp > MAX_TIMESTAMP {
        return Err(NoteError::BadText("the timestamp exceeds 2^63 - 1"));
    }
    let key = signer.ed25519();
    let key_id = cosigner_key_id(signer.name(), key.verifying_key().as_bytes());
    let signature = key.sign(signed_message(body, timestamp).as_bytes());
    let mut bytes = Vec::with_capacity(COSIGNATURE_LEN);
    bytes.extend_from_slice(&key_id.to_be_bytes());
    bytes.extend_from_slice(&timestamp.to_be_bytes());
    bytes.extend_from_slice(&signature.to_bytes());
    Ok(format!(
        "{SIGNATURE_PREFIX}{} {}\n",
        signer.name(),
        STANDARD.encode(bytes)
    ))
}

/// Verifies one cosignature by `key` over the checkpoint `body`, given either
/// as a whole signature line (`— name base64`, final newline optional; the
/// name must be the key's) or as its base64 alone. Returns the timestamp.
pub fn verify_cosignature(
    key: &CosignerKey,
    body: &str,
    signature: &str,
) -> Result<u64, CosignatureError> {
    let signature = strip_final_newline(signature);
    let encoded = match signature.strip_prefix(SIGNATURE_PREFIX) {
        Some(rest) => {
            let (name, encoded) = rest.split_once(' ').ok_or(CosignatureError::Malformed(
                "a signature line has no signature",
            ))?;
            if name != key.name {
                return Err(CosignatureError::WrongName {
                    expected: key.name.clone(),
                    found: name.to_owned(),
                });
            }
            encoded
        }
        None => signature,
    };
    let bytes = STANDARD
        .decode(encoded)
        .map_err(|_| CosignatureError::Malformed("not base64"))?;
    key.verify_bytes(body, &bytes)
}

/// Every valid cosignature in a full signed note by one of `keys`, as
/// (cosigner name, timestamp), in key order, each key once. Lines of other
/// keys are ignored, and so are lines that fail to verify: use
/// [`check_cosignatures`] to refuse a note in which a known key's
/// cosignature fails. A malformed note has none.
pub fn cosignatures_in(note: &str, keys: &[CosignerKey]) -> Vec<(String, u64)> {
    collect(note, keys, false).unwrap_or_default()
}

/// As [`cosignatures_in`], but a cosignature line that names one of `keys`
/// (name and key id) and does not verify is an error, as the signed-note
/// rules ask of a known key; so is a malformed note.
pub fn check_cosignatures(
    note: &str,
    keys: &[CosignerKey],
) -> Result<Vec<(String, u64)>, CosignatureError> {
    collect(note, keys, true)
}

fn collect(
    note: &str,
    keys: &[CosignerKey],
    strict: bool,
) -> Result<Vec<(String, u64)>, CosignatureError> {
    let split = split_note(note.as_bytes())?;
    let mut found: Vec<(String, u64)> = Vec::new();
    for key in keys {
        for line in &split.signatures {
            if line.name != key.name || line.key_id != key.key_id {
                continue;
            }
            let mut bytes = Vec::with_capacity(COSIGNATURE_LEN);
            bytes.extend_from_slice(&line.key_id.to_be_bytes());
            bytes.extend_from_slice(&line.signature);
            match key.verify_bytes(split.text, &bytes) {
                Ok(timestamp) => {
                    if !found.iter().any(|(name, _)| name == &key.name) {
                        found.push((key.name.clone(), timestamp));
                    }
                }
                Err(e) if strict => return Err(e),
                Err(_) => {}
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_example_timestamp() {
        // From the example in C2SP tlog-cosignature: the line's timestamp is
        // the `time` line of the spec's signed message.
        let line = "jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==";
        assert_eq!(cosignature_timestamp(line), Ok(1_679_315_147));
    }

    #[test]
    fn cosignature_and_note_key_ids_differ() {
        let key = SigningKey::from_seed("w", [3; 32]).unwrap();
        let public = key.verifier_key().public_key();
        assert_ne!(
            cosigner_key_id("w", &public),
            crate::note::key_id("w", &public)
        );
    }
}
