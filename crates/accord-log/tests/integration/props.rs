//! Property tests: random trees larger than the exhaustive range, random
//! index and size pairs, random corruption.

use accord_log::{Hash, Tree, verify_consistency, verify_inclusion};
use proptest::prelude::*;

use crate::common::flip;
use crate::reference::{Reference, entries};

fn tree_of(n: usize) -> Tree {
    Tree::from_leaf_hashes((0..n as u64).map(|i| accord_log::hash_leaf(&i.to_le_bytes())))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn proofs_in_large_trees_verify(n in 1usize..5000, a in any::<u64>(), b in any::<u64>()) {
        let tree = tree_of(n);
        let size = 1 + a % n as u64;
        let index = b % size;
        let root = tree.root_at(size).unwrap();
        let proof = tree.inclusion_proof(index, size).unwrap();
        prop_assert!(verify_inclusion(index, size, &tree.leaf(index).unwrap(), &proof, &root).is_ok());
        let old = 1 + b % size;
        let proof = tree.consistency_proof(old, size).unwrap();
        prop_assert!(verify_consistency(old, size, &tree.root_at(old).unwrap(), &root, &proof).is_ok());
    }

    #[test]
    fn any_corrupted_hash_is_rejected(n in 2usize..600, a in any::<u64>(), b in any::<u64>(), bit in 0usize..256, which in any::<usize>()) {
        let tree = tree_of(n);
        let size = 2 + a % (n as u64 - 1);
        let index = b % size;
        let root = tree.root_at(size).unwrap();
        let leaf = tree.leaf(index).unwrap();
        let mut proof = tree.inclusion_proof(index, size).unwrap();
        let i = which % proof.len();
        proof[i] = flip(&proof[i], bit);
        prop_assert!(verify_inclusion(index, size, &leaf, &proof, &root).is_err());

        let old = 1 + b % (size - 1);
        let mut proof = tree.consistency_proof(old, size).unwrap();
        let i = which % proof.len();
        proof[i] = flip(&proof[i], bit);
        prop_assert!(verify_consistency(old, size, &tree.root_at(old).unwrap(), &root, &proof).is_err());
    }

    #[test]
    fn growing_never_changes_an_earlier_root(n in 1usize..400, extra in 1usize..400) {
        let reference = Reference::new(entries(n + extra));
        let mut tree = Tree::new();
        for e in entries(n) { tree.push_entry(&e); }
        let before = tree.root();
        for e in &entries(n + extra)[n..] { tree.push_entry(e); }
        prop_assert_eq!(tree.root_at(n as u64).unwrap(), before);
        prop_assert_eq!(tree.root(), reference.mth(0, n + extra));
    }

    #[test]
    fn hash_parse_accepts_only_32_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
        let parsed = Hash::parse(&b64);
        prop_assert_eq!(parsed.is_ok(), bytes.len() == 32);
        prop_assert_eq!(Hash::parse(&hex::encode(&bytes)).is_ok(), bytes.len() == 32);
    }
}
