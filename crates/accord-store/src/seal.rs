//! Seals: a keyed hash of each entry's index and leaf hash, written with it.
//!
//! A checkpoint is signed only once the entries it covers are committed, so a
//! crash between the two leaves committed entries that no checkpoint covers
//! yet. Such a tail is legitimate (it was never acknowledged, and the next
//! opening signs it), but so would look an entry that someone appended to the
//! database behind the instance's back. The seal tells them apart: it is
//! `HMAC-SHA256(k, "accord-store seal v1" ‖ index ‖ leaf hash)` (RFC 2104),
//! where `k` is derived from the checkpoint signing key, so only a holder of
//! that key can write a valid one. It also binds each entry to its index, so
//! a moved entry names itself.
//!
//! Seals are not signatures and never leave the database; an auditor without
//! the signing key cannot check them and relies on checkpoints alone.

use accord_log::Hash;
use accord_log::note::SigningKey;
use sha2::{Digest, Sha256};

/// The label that separates seal inputs from any other use of the key.
const DOMAIN: &[u8] = b"accord-store seal v1";
/// SHA-256's block size, which HMAC pads the key to.
const BLOCK: usize = 64;

/// The key that makes and checks seals. Its `Debug` shows nothing secret.
#[derive(Clone)]
pub struct SealKey {
    /// SHA-256 primed with `k ⊕ ipad`.
    inner: Sha256,
    /// SHA-256 primed with `k ⊕ opad`.
    outer: Sha256,
}

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(..)")
    }
}

impl SealKey {
    /// The seal key of a checkpoint signing key: SHA-256 of a fixed label and
    /// the signing key's private text form.
    pub fn derive(signer: &SigningKey) -> Self {
        let mut h = Sha256::new();
        h.update(b"accord-store seal key v1\n");
        h.update(signer.to_private_string().as_bytes());
        Self::from_key(&h.finalize())
    }

    /// An HMAC-SHA256 key of at most 64 bytes.
    fn from_key(key: &[u8]) -> Self {
        assert!(
            key.len() <= BLOCK,
            "HMAC keys longer than a block are hashed first"
        );
        let mut ipad = [0x36u8; BLOCK];
        let mut opad = [0x5cu8; BLOCK];
        for (i, b) in key.iter().enumerate() {
            ipad[i] ^= b;
            opad[i] ^= b;
        }
        let mut inner = Sha256::new();
        inner.update(ipad);
        let mut outer = Sha256::new();
        outer.update(opad);
        Self { inner, outer }
    }

    fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut inner = self.inner.clone();
        for part in parts {
            inner.update(part);
        }
        let mut outer = self.outer.clone();
        outer.update(inner.finalize());
        outer.finalize().into()
    }

    /// The seal of the entry at `index` with leaf hash `leaf`.
    pub fn seal(&self, index: u64, leaf: &Hash) -> [u8; 32] {
        self.mac(&[DOMAIN, &index.to_be_bytes(), leaf.as_bytes()])
    }

    /// Whether `seal` is the seal of the entry at `index` with leaf hash `leaf`.
    pub fn check(&self, index: u64, leaf: &Hash, seal: &[u8]) -> bool {
        // Constant time is not needed: seals are not secrets, and a caller
        // who could time this comparison could read the database anyway.
        self.seal(index, leaf)[..] == *seal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 test case 2 ("what do ya want for nothing?" under "Jefe").
    #[test]
    fn hmac_matches_rfc_4231() {
        let key = SealKey::from_key(b"Jefe");
        let mac = key.mac(&[b"what do ya want ", b"for nothing?"]);
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn seals_bind_the_index_the_leaf_and_the_key() {
        let a = SealKey::derive(&SigningKey::from_seed("a.example/log", [1; 32]).unwrap());
        let b = SealKey::derive(&SigningKey::from_seed("a.example/log", [2; 32]).unwrap());
        let leaf = accord_log::hash_leaf(b"entry");
        let other = accord_log::hash_leaf(b"other");
        let seal = a.seal(3, &leaf);
        assert!(a.check(3, &leaf, &seal));
        assert!(!a.check(4, &leaf, &seal));
        assert!(!a.check(3, &other, &seal));
        assert!(!b.check(3, &leaf, &seal));
        assert!(!a.check(3, &leaf, &seal[..31]));
    }
}
