//! Signed notes (C2SP `signed-note`) with Ed25519 keys, as used for
//! checkpoints and for a witness's cosignature.
//!
//! ```text
//! This is an example message.
//!
//! — example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=
//! ```
//!
//! A note is its text (ending in a newline), a blank line, and one or more
//! signature lines: an em dash (U+2014), a space, the key's name, a space, and
//! base64 of the 4-byte big-endian key id followed by the signature of the
//! text. The key id is the first four bytes of
//! `SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)`, so a signature names the key
//! that made it without carrying the key.
//!
//! Keys are written as in Go's `golang.org/x/mod/sumdb/note`, which the spec
//! grew out of: a verifier key is `name+hex(key id)+base64(0x01 ‖ public key)`,
//! a private key is `PRIVATE+KEY+name+hex(key id)+base64(0x01 ‖ seed)`.
//!
//! Opening a note follows the spec's rules: signatures from keys the caller
//! does not know are ignored (a witness's cosignature, a rotated key), a
//! signature from a known key must verify or the whole note is refused, and a
//! note with no verified signature is refused.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::Signer as _;
use sha2::{Digest, Sha256};

/// The signature type byte of Ed25519 in C2SP `signed-note`.
pub const ALG_ED25519: u8 = 0x01;
/// The start of every signature line: an em dash (U+2014) and a space.
pub const SIGNATURE_PREFIX: &str = "\u{2014} ";
/// The most signatures a note may carry before it is refused as malformed
/// (the spec asks verifiers to accept at least 16; Go's reader stops at 100).
pub const MAX_SIGNATURES: usize = 100;
/// The prefix of a private key's text form.
const PRIVATE_KEY_PREFIX: &str = "PRIVATE+KEY+";

/// Why a key, a note or a text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    /// A key name that is empty or holds a space, a `+` or a control character.
    #[error(
        "invalid key name {0:?}: it must be non-empty, with no spaces, '+' or control characters"
    )]
    BadName(String),
    /// A verifier key that does not parse.
    #[error("malformed verifier key: {0}")]
    BadVerifierKey(&'static str),
    /// A private key that does not parse.
    #[error("malformed private key: {0}")]
    BadSigningKey(&'static str),
    /// A key of a signature type other than Ed25519.
    #[error("unsupported signature type 0x{0:02x} (only Ed25519, 0x01)")]
    UnknownAlgorithm(u8),
    /// The key id written in a key is not the one its name and key give.
    #[error("the key id {written:08x} does not match the key (expected {expected:08x})")]
    KeyIdMismatch {
        /// The key id in the text.
        written: u32,
        /// The key id computed from the name and the key.
        expected: u32,
    },
    /// A text that cannot be signed (it must be non-empty, end in a newline,
    /// and hold no control characters but newlines).
    #[error("the text cannot be signed: {0}")]
    BadText(&'static str),
    /// A note that breaks the signed-note format.
    #[error("malformed note: {0}")]
    Malformed(&'static str),
    /// A signature from a known key that does not verify.
    #[error("the signature of {name} does not verify")]
    BadSignature {
        /// The signing key's name.
        name: String,
    },
    /// No signature from the given keys.
    #[error("no signature from a known key (unverified signatures from: {})", .unverified.join(", "))]
    NoVerifiedSignature {
        /// The names on the signatures that were present but not known.
        unverified: Vec<String>,
    },
}

/// A signature on a note from a key the caller did not give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnverifiedSignature {
    /// The name on the signature line.
    pub name: String,
    /// The key id at the start of the signature.
    pub key_id: u32,
}

/// A note whose text is signed by at least one of the keys given to [`open`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedNote {
    /// The note's text, final newline included (for a checkpoint, its body).
    pub body: String,
    /// The names of the given keys whose signatures verified, in note order.
    pub verified_by: Vec<String>,
    /// Signatures from keys that were not given, ignored as the spec asks.
    pub unverified: Vec<UnverifiedSignature>,
}

/// The key id of an Ed25519 key: the first four bytes, big-endian, of
/// `SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)` (C2SP `signed-note`, "Ed25519 signatures").
pub fn key_id(name: &str, public_key: &[u8; 32]) -> u32 {
    let mut hasher = Sha256::new();
    hasher.update(name.as_bytes());
    hasher.update([b'\n', ALG_ED25519]);
    hasher.update(public_key);
    let digest = hasher.finalize();
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// Whether `name` may name a key: non-empty, no Unicode spaces, no `+`, and
/// (since notes may not hold them) no control characters.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_whitespace() || c == '+' || c.is_control())
}

fn check_name(name: &str) -> Result<(), NoteError> {
    if is_valid_name(name) {
        Ok(())
    } else {
        Err(NoteError::BadName(name.to_owned()))
    }
}

/// The text without one final `\n` or `\r\n`.
pub(crate) fn strip_final_newline(text: &str) -> &str {
    text.strip_suffix('\n')
        .map(|t| t.strip_suffix('\r').unwrap_or(t))
        .unwrap_or(text)
}

/// Exactly eight hex digits.
pub(crate) fn parse_key_id(text: &str) -> Option<u32> {
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        u32::from_str_radix(text, 16).ok()
    } else {
        None
    }
}

/// A vkey's parts, `name+hex(key id)+base64(type ‖ key)`, read but not yet
/// judged: each kind of key checks its own type and key id.
#[derive(Debug)]
pub(crate) struct RawVkey<'a> {
    pub(crate) name: &'a str,
    pub(crate) written_id: u32,
    pub(crate) alg: u8,
    pub(crate) public: Vec<u8>,
}

impl<'a> RawVkey<'a> {
    /// Splits and decodes a vkey. One final newline is allowed, so that a
    /// key can be read straight from a file.
    pub(crate) fn parse(text: &'a str) -> Result<Self, NoteError> {
        let text = strip_final_newline(text);
        // Split at most twice: base64 itself may contain '+'.
        let mut parts = text.splitn(3, '+');
        let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(NoteError::BadVerifierKey("expected name+keyid+key"));
        };
        check_name(name)?;
        let written_id =
            parse_key_id(id).ok_or(NoteError::BadVerifierKey("the key id is not 8 hex digits"))?;
        let bytes = STANDARD
            .decode(key)
            .map_err(|_| NoteError::BadVerifierKey("the key is not base64"))?;
        let (&alg, public) = bytes
            .split_first()
            .ok_or(NoteError::BadVerifierKey("the key is empty"))?;
        Ok(Self {
            name,
            written_id,
            alg,
            public: public.to_vec(),
        })
    }

    /// The key material as an Ed25519 public key's 32 bytes.
    pub(crate) fn ed25519_public(&self) -> Result<[u8; 32], NoteError> {
        self.public
            .as_slice()
            .try_into()
            .map_err(|_| NoteError::BadVerifierKey("an Ed25519 public key is 32 bytes"))
    }
}

/// A key that verifies signatures on notes: a name and an Ed25519 public key.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifierKey {
    name: String,
    key_id: u32,
    key: ed25519_dalek::VerifyingKey,
}

impl VerifierKey {
    /// Parses `name+hex(key id)+base64(0x01 ‖ public key)`. The key id must
    /// be the one the name and key give. One final newline is allowed, so
    /// that a key can be read straight from a file.
    pub fn parse(text: &str) -> Result<Self, NoteError> {
        let raw = RawVkey::parse(text)?;
        if raw.alg != ALG_ED25519 {
            return Err(NoteError::UnknownAlgorithm(raw.alg));
        }
        let public = raw.ed25519_public()?;
        let expected = key_id(raw.name, &public);
        if raw.written_id != expected {
            return Err(NoteError::KeyIdMismatch {
                written: raw.written_id,
                expected,
            });
        }
        Self::from_public_key(raw.name, public)
    }

    /// A verifier key from a name and a raw Ed25519 public key.
    pub fn from_public_key(name: &str, public: [u8; 32]) -> Result<Self, NoteError> {
        check_name(name)?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(&public)
            .map_err(|_| NoteError::BadVerifierKey("not an Ed25519 public key"))?;
        Ok(Self {
            name: name.to_owned(),
            key_id: key_id(name, &public),
            key,
        })
    }

    /// The key's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key id (see [`key_id`]).
    pub fn key_id(&self) -> u32 {
        self.key_id
    }

    /// The raw 32-byte Ed25519 public key.
    pub fn public_key(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// Verifies an Ed25519 signature over `text` with RFC 8032's strict rules
    /// (no small-order keys or malleable signatures).
    pub(crate) fn verify(&self, text: &[u8], signature: &[u8]) -> bool {
        let Ok(signature) = ed25519_dalek::Signature::from_slice(signature) else {
            return false;
        };
        self.key.verify_strict(text, &signature).is_ok()
    }
}

impl fmt::Display for VerifierKey {
    /// `name+hex(key id)+base64(0x01 ‖ public key)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut bytes = [0u8; 33];
        bytes[0] = ALG_ED25519;
        bytes[1..].copy_from_slice(self.key.as_bytes());
        write!(
            f,
            "{}+{:08x}+{}",
            self.name,
            self.key_id,
            STANDARD.encode(bytes)
        )
    }
}

impl fmt::Debug for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VerifierKey({self})")
    }
}

impl std::str::FromStr for VerifierKey {
    type Err = NoteError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

/// A key that signs notes: a name and an Ed25519 private key. Its `Debug`
/// shows the name and key id only, never the secret.
#[derive(Clone)]
pub struct SigningKey {
    name: String,
    key_id: u32,
    key: ed25519_dalek::SigningKey,
}

impl SigningKey {
    /// The signing key with the given name and 32-byte Ed25519 seed (RFC 8032
    /// private key). The caller supplies the randomness: this crate has none.
    pub fn from_seed(name: &str, seed: [u8; 32]) -> Result<Self, NoteError> {
        check_name(name)?;
        let key = ed25519_dalek::SigningKey::from_bytes(&seed);
        Ok(Self {
            name: name.to_owned(),
            key_id: key_id(name, key.verifying_key().as_bytes()),
            key,
        })
    }

    /// Parses `PRIVATE+KEY+name+hex(key id)+base64(0x01 ‖ seed)`. The key id
    /// must be the one the name and public key give. One final newline is
    /// allowed, so that a key can be read straight from its file.
    pub fn parse(text: &str) -> Result<Self, NoteError> {
        let rest = strip_final_newline(text)
            .strip_prefix(PRIVATE_KEY_PREFIX)
            .ok_or(NoteError::BadSigningKey(
                "expected PRIVATE+KEY+name+keyid+key",
            ))?;
        let mut parts = rest.splitn(3, '+');
        let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(NoteError::BadSigningKey(
                "expected PRIVATE+KEY+name+keyid+key",
            ));
        };
        check_name(name)?;
        let written =
            parse_key_id(id).ok_or(NoteError::BadSigningKey("the key id is not 8 hex digits"))?;
        let bytes = STANDARD
            .decode(key)
            .map_err(|_| NoteError::BadSigningKey("the key is not base64"))?;
        let (&alg, seed) = bytes
            .split_first()
            .ok_or(NoteError::BadSigningKey("the key is empty"))?;
        if alg != ALG_ED25519 {
            return Err(NoteError::UnknownAlgorithm(alg));
        }
        let seed: [u8; 32] = seed
            .try_into()
            .map_err(|_| NoteError::BadSigningKey("an Ed25519 seed is 32 bytes"))?;
        let signing = Self::from_seed(name, seed)?;
        if written != signing.key_id {
            return Err(NoteError::KeyIdMismatch {
                written,
                expected: signing.key_id,
            });
        }
        Ok(signing)
    }

    /// The private key's text form, `PRIVATE+KEY+name+hex(key id)+base64(0x01 ‖ seed)`.
    /// Whoever holds it can sign as this key: store it with care.
    pub fn to_private_string(&self) -> String {
        let mut bytes = [0u8; 33];
        bytes[0] = ALG_ED25519;
        bytes[1..].copy_from_slice(self.key.as_bytes());
        format!(
            "{PRIVATE_KEY_PREFIX}{}+{:08x}+{}",
            self.name,
            self.key_id,
            STANDARD.encode(bytes)
        )
    }

    /// The key's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key id (see [`key_id`]).
    pub fn key_id(&self) -> u32 {
        self.key_id
    }

    /// The matching verifier key.
    pub fn verifier_key(&self) -> VerifierKey {
        VerifierKey {
            name: self.name.clone(),
            key_id: self.key_id,
            key: self.key.verifying_key(),
        }
    }

    /// Signs `body` and returns the whole signed note: the text, a blank line
    /// and this key's signature line. Ed25519 is deterministic, so the same
    /// key and text always give the same note.
    pub fn sign(&self, body: &str) -> Result<String, NoteError> {
        check_text(body)?;
        let mut note = String::with_capacity(body.len() + 128 + self.name.len());
        note.push_str(body);
        note.push('\n');
        note.push_str(&self.signature_line(body));
        Ok(note)
    }

    /// Adds this key's signature to an already signed note (a witness
    /// cosigning a checkpoint), after the signatures it has. The existing
    /// signatures are not checked here: open the note first.
    pub fn cosign(&self, note: &str) -> Result<String, NoteError> {
        let parsed = split_note(note.as_bytes())?;
        if parsed.signatures.len() >= MAX_SIGNATURES {
            return Err(NoteError::Malformed("too many signatures"));
        }
        let mut out = note.to_owned();
        out.push_str(&self.signature_line(parsed.text));
        Ok(out)
    }

    /// The underlying Ed25519 key, for the cosignature module.
    pub(crate) fn ed25519(&self) -> &ed25519_dalek::SigningKey {
        &self.key
    }

    fn signature_line(&self, text: &str) -> String {
        let signature = self.key.sign(text.as_bytes());
        let mut bytes = Vec::with_capacity(4 + 64);
        bytes.extend_from_slice(&self.key_id.to_be_bytes());
        bytes.extend_from_slice(&signature.to_bytes());
        format!(
            "{SIGNATURE_PREFIX}{} {}\n",
            self.name,
            STANDARD.encode(bytes)
        )
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("name", &self.name)
            .field("key_id", &format_args!("{:08x}", self.key_id))
            .finish_non_exhaustive()
    }
}

/// A note's text must be non-empty, end in a newline and hold no control
/// character other than the newline.
pub(crate) fn check_text(text: &str) -> Result<(), NoteError> {
    if !text.ends_with('\n') {
        return Err(NoteError::BadText("it must end with a newline"));
    }
    if text.chars().any(|c| c < ' ' && c != '\n') {
        return Err(NoteError::BadText("it holds a control character"));
    }
    Ok(())
}

/// One signature line, not yet checked.
pub(crate) struct SignatureLine<'a> {
    pub(crate) line: &'a str,
    pub(crate) name: &'a str,
    pub(crate) key_id: u32,
    pub(crate) signature: Vec<u8>,
}

/// A note split into text and signatures, every rule of the format checked
/// but no signature verified.
pub(crate) struct SplitNote<'a> {
    pub(crate) text: &'a str,
    pub(crate) signatures: Vec<SignatureLine<'a>>,
}

pub(crate) fn split_note(note: &[u8]) -> Result<SplitNote<'_>, NoteError> {
    let note = std::str::from_utf8(note).map_err(|_| NoteError::Malformed("not valid UTF-8"))?;
    if note.chars().any(|c| c < ' ' && c != '\n') {
        return Err(NoteError::Malformed(
            "a control character other than newline",
        ));
    }
    // The text ends at the last blank line; everything after is signatures.
    let split = note
        .rfind("\n\n")
        .ok_or(NoteError::Malformed("no blank line before the signatures"))?;
    let (text, signatures) = (&note[..=split], &note[split + 2..]);
    if signatures.is_empty() {
        return Err(NoteError::Malformed("no signatures"));
    }
    let Some(signatures) = signatures.strip_suffix('\n') else {
        return Err(NoteError::Malformed(
            "the last signature line has no newline",
        ));
    };
    let mut parsed = Vec::new();
    for line in signatures.split('\n') {
        if parsed.len() == MAX_SIGNATURES {
            return Err(NoteError::Malformed("too many signatures"));
        }
        let rest = line
            .strip_prefix(SIGNATURE_PREFIX)
            .ok_or(NoteError::Malformed(
                "a line among the signatures is not a signature",
            ))?;
        let (name, encoded) = rest
            .split_once(' ')
            .ok_or(NoteError::Malformed("a signature line has no signature"))?;
        if !is_valid_name(name) {
            return Err(NoteError::Malformed(
                "a signature line has an invalid key name",
            ));
        }
        let bytes = STANDARD
            .decode(encoded)
            .map_err(|_| NoteError::Malformed("a signature is not base64"))?;
        if bytes.len() < 5 {
            return Err(NoteError::Malformed("a signature is too short"));
        }
        parsed.push(SignatureLine {
            line,
            name,
            key_id: u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]),
            signature: bytes[4..].to_vec(),
        });
    }
    Ok(SplitNote {
        text,
        signatures: parsed,
    })
}

/// Opens a signed note: checks its format, verifies every signature from one
/// of `verifiers` (matched by name and key id), ignores the others, and
/// returns the text if at least one signature verified.
pub fn open(note: &str, verifiers: &[VerifierKey]) -> Result<VerifiedNote, NoteError> {
    open_bytes(note.as_bytes(), verifiers)
}

/// [`open`] for raw bytes, such as a file's content: a note that is not valid
/// UTF-8 is malformed.
pub fn open_bytes(note: &[u8], verifiers: &[VerifierKey]) -> Result<VerifiedNote, NoteError> {
    let split = split_note(note)?;
    let mut verified_by: Vec<String> = Vec::new();
    let mut unverified: Vec<UnverifiedSignature> = Vec::new();
    let mut seen_unverified: Vec<&str> = Vec::new();
    for signature in &split.signatures {
        let known = verifiers
            .iter()
            .find(|v| v.name == signature.name && v.key_id == signature.key_id);
        match known {
            Some(verifier) => {
                if !verifier.verify(split.text.as_bytes(), &signature.signature) {
                    return Err(NoteError::BadSignature {
                        name: signature.name.to_owned(),
                    });
                }
                // A key that signed twice is counted once.
                if !verified_by.iter().any(|n| n == signature.name) {
                    verified_by.push(signature.name.to_owned());
                }
            }
            None => {
                if !seen_unverified.contains(&signature.line) {
                    seen_unverified.push(signature.line);
                    unverified.push(UnverifiedSignature {
                        name: signature.name.to_owned(),
                        key_id: signature.key_id,
                    });
                }
            }
        }
    }
    if verified_by.is_empty() {
        return Err(NoteError::NoVerifiedSignature {
            unverified: unverified.into_iter().map(|s| s.name).collect(),
        });
    }
    Ok(VerifiedNote {
        body: split.text.to_owned(),
        verified_by,
        unverified,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_then_open() {
        let key = SigningKey::from_seed("example.com/a", [7; 32]).unwrap();
        let note = key.sign("hello\n").unwrap();
        let opened = open(&note, &[key.verifier_key()]).unwrap();
        assert_eq!(opened.body, "hello\n");
        assert_eq!(opened.verified_by, ["example.com/a"]);
        let again = SigningKey::parse(&key.to_private_string()).unwrap();
        assert_eq!(again.verifier_key(), key.verifier_key());
        assert_eq!(
            VerifierKey::parse(&key.verifier_key().to_string()).unwrap(),
            key.verifier_key()
        );
        assert!(!format!("{key:?}").contains(&key.to_private_string()[20..]));
    }

    #[test]
    fn refuses_bad_text_and_names() {
        let key = SigningKey::from_seed("a", [1; 32]).unwrap();
        assert!(key.sign("no newline").is_err());
        assert!(key.sign("tab\there\n").is_err());
        assert!(key.sign("").is_err());
        assert!(SigningKey::from_seed("a b", [1; 32]).is_err());
        assert!(SigningKey::from_seed("a+b", [1; 32]).is_err());
        assert!(SigningKey::from_seed("", [1; 32]).is_err());
    }
}
