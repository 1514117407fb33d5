//! The 32-byte SHA-256 hash and the two RFC 9162 hashing rules (leaf and node).
//!
//! RFC 9162 §2.1.1 separates the hash of a leaf from the hash of an interior
//! node with a one-byte prefix, so that no leaf can be passed off as a node
//! (the second-preimage attack on plain Merkle trees). The prefixes are named
//! constants here and used nowhere else.

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

/// The prefix of a leaf's input to SHA-256 (RFC 9162 §2.1.1: `0x00`).
pub const LEAF_PREFIX: u8 = 0x00;
/// The prefix of an interior node's input to SHA-256 (RFC 9162 §2.1.1: `0x01`).
pub const NODE_PREFIX: u8 = 0x01;
/// The length of a hash in bytes (SHA-256).
pub const HASH_LEN: usize = 32;

/// A SHA-256 hash: a leaf hash, a node hash or a tree root.
///
/// It prints as standard base64 (the form used by checkpoints and proofs on the
/// wire); `Debug` shows hex, which is easier to compare by eye.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hash([u8; HASH_LEN]);

/// A text that is not a 32-byte hash in standard base64 or in 64 hex digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HashParseError {
    /// The text is empty.
    #[error("empty hash")]
    Empty,
    /// The text is neither 64 hex digits nor canonical standard base64.
    #[error("not a hash in base64 or 64 hex digits: {0:?}")]
    Encoding(String),
    /// The text decodes, but not to 32 bytes.
    #[error("a hash is 32 bytes, this decodes to {0} bytes")]
    Length(usize),
}

impl Hash {
    /// The hash with the given bytes.
    pub const fn from_bytes(bytes: [u8; HASH_LEN]) -> Self {
        Self(bytes)
    }

    /// The hash with the given bytes, if there are exactly 32 of them.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, HashParseError> {
        <[u8; HASH_LEN]>::try_from(bytes)
            .map(Self)
            .map_err(|_| HashParseError::Length(bytes.len()))
    }

    /// The hash's 32 bytes.
    pub const fn as_bytes(&self) -> &[u8; HASH_LEN] {
        &self.0
    }

    /// Standard base64 with padding (RFC 4648 §4), as in C2SP checkpoints.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0)
    }

    /// Lowercase hex, 64 digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Parses standard base64 (RFC 4648 §4, padded, canonical) or 64 hex
    /// digits. Anything that does not decode to exactly 32 bytes is an error,
    /// the empty string included.
    pub fn parse(text: &str) -> Result<Self, HashParseError> {
        if text.is_empty() {
            return Err(HashParseError::Empty);
        }
        // 64 hex digits cannot be a base64 form of 32 bytes (that has 44
        // characters), so the two encodings never compete for one text.
        if text.len() == 2 * HASH_LEN && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            let mut bytes = [0u8; HASH_LEN];
            hex::decode_to_slice(text, &mut bytes)
                .map_err(|_| HashParseError::Encoding(text.to_owned()))?;
            return Ok(Self(bytes));
        }
        let bytes = STANDARD
            .decode(text)
            .map_err(|_| HashParseError::Encoding(text.to_owned()))?;
        Self::from_slice(&bytes)
    }

    /// The hash of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1).
    pub fn empty_tree() -> Self {
        Self(Sha256::digest([]).into())
    }
}

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({})", self.to_hex())
    }
}

impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_base64())
    }
}

impl FromStr for Hash {
    type Err = HashParseError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl From<[u8; HASH_LEN]> for Hash {
    fn from(bytes: [u8; HASH_LEN]) -> Self {
        Self(bytes)
    }
}

impl AsRef<[u8]> for Hash {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// The hash of one log entry: `SHA-256(0x00 ‖ entry)` (RFC 9162 §2.1.1,
/// `MTH({d(0)}) = HASH(0x00 || d(0))`).
pub fn hash_leaf(entry: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([LEAF_PREFIX]);
    hasher.update(entry);
    Hash(hasher.finalize().into())
}

/// The hash of an interior node: `SHA-256(0x01 ‖ left ‖ right)` (RFC 9162
/// §2.1.1, `MTH(D_n) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n]))`).
pub fn hash_children(left: &Hash, right: &Hash) -> Hash {
    let mut input = [0u8; 1 + 2 * HASH_LEN];
    input[0] = NODE_PREFIX;
    input[1..1 + HASH_LEN].copy_from_slice(&left.0);
    input[1 + HASH_LEN..].copy_from_slice(&right.0);
    Hash(Sha256::digest(input).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_encodings_and_rejects_other_lengths() {
        let h = hash_leaf(b"");
        assert_eq!(Hash::parse(&h.to_base64()), Ok(h));
        assert_eq!(Hash::parse(&h.to_hex()), Ok(h));
        assert_eq!(Hash::parse(&h.to_hex().to_uppercase()), Ok(h));
        assert_eq!(Hash::parse(""), Err(HashParseError::Empty));
        assert_eq!(Hash::parse("YmFuYW5hcw=="), Err(HashParseError::Length(7)));
        assert!(Hash::parse("not base64!").is_err());
        // Unpadded base64 is not the standard form.
        assert!(Hash::parse(h.to_base64().trim_end_matches('=')).is_err());
        // 63 or 65 hex digits are not a hash.
        assert!(Hash::parse(&h.to_hex()[1..]).is_err());
    }

    #[test]
    fn empty_tree_is_sha256_of_nothing() {
        assert_eq!(
            Hash::empty_tree().to_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
