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
    Hash(sha256::prefixed(LEAF_PREFIX, entry))
}

/// The hash of an interior node: `SHA-256(0x01 ‖ left ‖ right)` (RFC 9162
/// §2.1.1, `MTH(D_n) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n]))`).
pub fn hash_children(left: &Hash, right: &Hash) -> Hash {
    Hash(sha256::node(&left.0, &right.0))
}

/// SHA-256 fed straight to the compression function.
///
/// Verifying a log is nothing but these two hashes, millions of times, and
/// the streaming `Sha256` type spends a third of a node hash managing its
/// buffer. A node's 65 bytes always make the same two blocks, and a leaf's
/// entry's blocks are compressed where they lie. The results are
/// tested against `sha2::Sha256` for every length up to 2200 bytes and a few beyond.
mod sha256 {
    use sha2::block_api::compress256;

    const IV: [u32; 8] = [
        0x6a09_e667,
        0xbb67_ae85,
        0x3c6e_f372,
        0xa54f_f53a,
        0x510e_527f,
        0x9b05_688c,
        0x1f83_d9ab,
        0x5be0_cd19,
    ];

    fn output(state: [u32; 8]) -> [u8; 32] {
        let mut out = [0u8; 32];
        for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        out
    }

    /// `SHA-256(0x01 ‖ left ‖ right)`: 65 bytes, so exactly two blocks.
    pub(super) fn node(left: &[u8; 32], right: &[u8; 32]) -> [u8; 32] {
        let mut blocks = [[0u8; 64]; 2];
        blocks[0][0] = super::NODE_PREFIX;
        blocks[0][1..33].copy_from_slice(left);
        blocks[0][33..].copy_from_slice(&right[..31]);
        blocks[1][0] = right[31];
        blocks[1][1] = 0x80;
        blocks[1][56..].copy_from_slice(&(65u64 * 8).to_be_bytes());
        let mut state = IV;
        compress256(&mut state, &blocks);
        output(state)
    }

    /// `SHA-256(prefix ‖ data)`. After the first block (the prefix and 63
    /// bytes), the data's blocks are contiguous in `data` and are compressed
    /// where they lie, without copying.
    pub(super) fn prefixed(prefix: u8, data: &[u8]) -> [u8; 32] {
        let mut state = IV;
        let mut tail = [[0u8; 64]; 2];
        let flat = tail.as_flattened_mut();
        let tail_len = if data.len() >= 63 {
            let mut first = [0u8; 64];
            first[0] = prefix;
            first[1..].copy_from_slice(&data[..63]);
            compress256(&mut state, &[first]);
            let (blocks, rest) = data[63..].as_chunks::<64>();
            compress256(&mut state, blocks);
            flat[..rest.len()].copy_from_slice(rest);
            rest.len()
        } else {
            flat[0] = prefix;
            flat[1..=data.len()].copy_from_slice(data);
            1 + data.len()
        };
        // Padding: 0x80, zeros, then the message length in bits, big-endian,
        // in the last 8 bytes of a block.
        flat[tail_len] = 0x80;
        let end = if tail_len + 9 <= 64 { 64 } else { 128 };
        let bit_len = (1 + data.len() as u64) * 8;
        flat[end - 8..end].copy_from_slice(&bit_len.to_be_bytes());
        compress256(&mut state, &tail[..end / 64]);
        output(state)
    }
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
    fn direct_compression_matches_sha2() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i * 7 + i / 251) as u8).collect();
        for len in (0..=2200).chain([4095, 4096, 4097, 5000]) {
            let mut hasher = Sha256::new();
            hasher.update([LEAF_PREFIX]);
            hasher.update(&data[..len]);
            let want: [u8; 32] = hasher.finalize().into();
            assert_eq!(hash_leaf(&data[..len]).0, want, "length {len}");
        }
        let (l, r) = (hash_leaf(b"l"), hash_leaf(b"r"));
        let mut input = vec![NODE_PREFIX];
        input.extend_from_slice(&l.0);
        input.extend_from_slice(&r.0);
        let want: [u8; 32] = Sha256::digest(&input).into();
        assert_eq!(hash_children(&l, &r).0, want);
    }

    #[test]
    fn empty_tree_is_sha256_of_nothing() {
        assert_eq!(
            Hash::empty_tree().to_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
