//! Every tree size from 1 to 256, every leaf index and every old size,
//! against the naive reference of RFC 9162 §2.1; and broken proofs, by name,
//! that must be rejected.

use accord_log::{Hash, ProofError, Tree, hash_leaf, verify_consistency, verify_inclusion};

use crate::common::flip;
use crate::reference::{Reference, consistency_shape, entries, path_shape};

const MAX: usize = 256;

/// The sizes on which broken proofs are tried: every size up to 64, then
/// the sizes around the next powers of two (trying all 256 sizes takes
/// minutes in a debug build for no new shapes).
fn broken_sizes() -> impl Iterator<Item = usize> {
    (1..=64).chain([95, 96, 97, 127, 128, 129, 200, 255, 256])
}

fn setup() -> (Tree, Reference) {
    let entries = entries(MAX);
    let mut tree = Tree::new();
    for e in &entries {
        tree.push_entry(e);
    }
    (tree, Reference::new(entries))
}

/// ⌈log₂ n⌉.
fn ceil_log2(n: usize) -> usize {
    n.next_power_of_two().trailing_zeros() as usize
}

#[test]
fn roots_match_the_reference_at_every_size() {
    let (tree, reference) = setup();
    assert_eq!(tree.root_at(0).unwrap(), Hash::empty_tree());
    for n in 1..=MAX {
        assert_eq!(
            tree.root_at(n as u64).unwrap(),
            reference.mth(0, n),
            "size {n}"
        );
        // A tree grown to exactly n agrees with the big tree's view of n.
        let mut small = Tree::new();
        for i in 0..n {
            small.push_leaf(tree.leaf(i as u64).unwrap());
        }
        assert_eq!(small.root(), reference.mth(0, n), "size {n}");
    }
    assert!(matches!(
        tree.root_at(MAX as u64 + 1),
        Err(ProofError::SizeOutOfRange { .. })
    ));
}

#[test]
fn every_inclusion_proof_matches_and_verifies() {
    let (tree, reference) = setup();
    for n in 1..=MAX {
        let root = reference.mth(0, n);
        for m in 0..n {
            let (want, _) = reference.path(m, n);
            let proof = tree.inclusion_proof(m as u64, n as u64).unwrap();
            assert_eq!(proof, want, "{m} in {n}");
            assert!(
                proof.len() <= ceil_log2(n),
                "{m} in {n}: {} hashes",
                proof.len()
            );
            let leaf = reference.mth(m, m + 1);
            verify_inclusion(m as u64, n as u64, &leaf, &proof, &root)
                .unwrap_or_else(|e| panic!("{m} in {n}: {e}"));
        }
        assert!(matches!(
            tree.inclusion_proof(n as u64, n as u64),
            Err(ProofError::IndexOutOfRange { .. })
        ));
    }
}

#[test]
fn every_consistency_proof_matches_and_verifies() {
    let (tree, reference) = setup();
    for n in 1..=MAX {
        let new_root = reference.mth(0, n);
        for m in 1..=n {
            let (want, _) = reference.consistency(m, n);
            let proof = tree.consistency_proof(m as u64, n as u64).unwrap();
            assert_eq!(proof, want, "{m} to {n}");
            assert!(
                proof.len() <= ceil_log2(n) + 1,
                "{m} to {n}: {} hashes",
                proof.len()
            );
            verify_consistency(m as u64, n as u64, &reference.mth(0, m), &new_root, &proof)
                .unwrap_or_else(|e| panic!("{m} to {n}: {e}"));
        }
        assert_eq!(
            tree.consistency_proof(0, n as u64),
            Err(ProofError::OldSizeZero)
        );
        assert!(matches!(
            tree.consistency_proof(n as u64 + 1, n as u64),
            Err(ProofError::OldSizeLarger { .. })
        ));
    }
}

/// Mutations that keep the index and size: always rejected.
fn broken_inclusion_proofs(proof: &[Hash], root: &Hash, leaf: &Hash) -> Vec<(String, Vec<Hash>)> {
    let mut broken = Vec::new();
    for (i, _) in proof.iter().enumerate() {
        for bit in [0, 8 * i + 5, 255] {
            let mut p = proof.to_vec();
            p[i] = flip(&p[i], bit);
            broken.push((format!("bit {bit} of hash {i} flipped"), p));
        }
    }
    if !proof.is_empty() {
        broken.push(("truncated".into(), proof[..proof.len() - 1].to_vec()));
        broken.push(("first hash removed".into(), proof[1..].to_vec()));
        let mut swapped = proof.to_vec();
        if swapped.len() > 1 && swapped[0] != swapped[1] {
            swapped.swap(0, 1);
            broken.push(("two hashes swapped".into(), swapped));
        }
    }
    for (what, extra) in [
        ("root", *root),
        ("leaf", *leaf),
        ("zero hash", Hash::from_bytes([0; 32])),
    ] {
        let mut p = proof.to_vec();
        p.push(extra);
        broken.push((format!("trailing {what}"), p));
        let mut p = vec![extra];
        p.extend_from_slice(proof);
        broken.push((format!("preceding {what}"), p));
    }
    broken
}

#[test]
fn broken_inclusion_proofs_are_rejected() {
    let (_, reference) = setup();
    for n in broken_sizes() {
        let root = reference.mth(0, n);
        for m in 0..n {
            let (proof, shape) = reference.path(m, n);
            let leaf = reference.mth(m, m + 1);
            let (index, size) = (m as u64, n as u64);
            let reject = |what: &str, r: Result<(), ProofError>| {
                assert!(r.is_err(), "{m} in {n}: {what} was accepted");
            };
            for (what, p) in broken_inclusion_proofs(&proof, &root, &leaf) {
                reject(&what, verify_inclusion(index, size, &leaf, &p, &root));
            }
            reject(
                "wrong leaf",
                verify_inclusion(index, size, &hash_leaf(b"other"), &proof, &root),
            );
            reject(
                "leaf bit flipped",
                verify_inclusion(index, size, &flip(&leaf, 3), &proof, &root),
            );
            reject(
                "root bit flipped",
                verify_inclusion(index, size, &leaf, &proof, &flip(&root, 200)),
            );
            reject(
                "empty-tree root",
                verify_inclusion(index, size, &leaf, &proof, &Hash::empty_tree()),
            );
            if n > 1 {
                reject(
                    "leaf and root swapped",
                    verify_inclusion(index, size, &root, &proof, &leaf),
                );
            }
            // Another index or size is rejected unless its audit path has the
            // very same shape, in which case no verifier can tell (see
            // reference::Step): a signed checkpoint pins the size.
            let wrong: [(&str, usize, usize); 7] = [
                ("index + 1", m + 1, n),
                ("index - 1", m.wrapping_sub(1), n),
                ("index XOR 2", m ^ 2, n),
                ("size + 1", m, n + 1),
                ("size - 1", m, n - 1),
                ("size × 2", m, n * 2),
                ("size ÷ 2", m, n / 2),
            ];
            for (what, m2, n2) in wrong {
                let result = verify_inclusion(m2 as u64, n2 as u64, &leaf, &proof, &root);
                let same_shape = m2 < n2 && path_shape(m2, n2) == shape;
                assert_eq!(
                    result.is_ok(),
                    same_shape,
                    "{m} in {n}: {what} ({m2} in {n2}) gave {result:?}"
                );
            }
        }
    }
}

#[test]
fn broken_consistency_proofs_are_rejected() {
    let (_, reference) = setup();
    for n in broken_sizes().skip(1) {
        let new_root = reference.mth(0, n);
        for m in 1..n {
            let old_root = reference.mth(0, m);
            let (proof, shape) = reference.consistency(m, n);
            let (old, new) = (m as u64, n as u64);
            let reject = |what: &str, r: Result<(), ProofError>| {
                assert!(r.is_err(), "{m} to {n}: {what} was accepted");
            };
            for (what, p) in broken_inclusion_proofs(&proof, &new_root, &old_root) {
                reject(
                    &what,
                    verify_consistency(old, new, &old_root, &new_root, &p),
                );
            }
            reject(
                "empty proof",
                verify_consistency(old, new, &old_root, &new_root, &[]),
            );
            reject(
                "roots swapped",
                verify_consistency(old, new, &new_root, &old_root, &proof),
            );
            reject(
                "old root bit flipped",
                verify_consistency(old, new, &flip(&old_root, 9), &new_root, &proof),
            );
            reject(
                "new root bit flipped",
                verify_consistency(old, new, &old_root, &flip(&new_root, 9), &proof),
            );
            reject(
                "old root of another size",
                verify_consistency(old, new, &reference.mth(0, m + 1), &new_root, &proof),
            );
            reject(
                "sizes swapped",
                verify_consistency(new, old, &old_root, &new_root, &proof),
            );
            reject(
                "old size 0",
                verify_consistency(0, new, &old_root, &new_root, &proof),
            );
            reject(
                "old size 0, empty proof",
                verify_consistency(0, new, &Hash::empty_tree(), &new_root, &[]),
            );
            reject(
                "equal sizes, proof not empty",
                verify_consistency(new, new, &new_root, &new_root, &proof),
            );
            let wrong: [(&str, usize, usize); 7] = [
                ("old size + 1", m + 1, n),
                ("old size - 1", m - 1, n),
                ("old size XOR 2", m ^ 2, n),
                ("new size + 1", m, n + 1),
                ("new size - 1", m, n - 1),
                ("new size × 2", m, n * 2),
                ("new size ÷ 2", m, n / 2),
            ];
            for (what, m2, n2) in wrong {
                let result = verify_consistency(m2 as u64, n2 as u64, &old_root, &new_root, &proof);
                let same_shape = 0 < m2 && m2 < n2 && consistency_shape(m2, n2) == shape;
                assert_eq!(
                    result.is_ok(),
                    same_shape,
                    "{m} to {n}: {what} ({m2} to {n2}) gave {result:?}"
                );
            }
        }
    }
    // Equal sizes: an empty proof and equal roots, nothing else.
    let root = reference.mth(0, 5);
    assert_eq!(verify_consistency(5, 5, &root, &root, &[]), Ok(()));
    assert!(verify_consistency(5, 5, &root, &flip(&root, 1), &[]).is_err());
}

#[test]
fn shapes_agree_with_the_reference_recursion() {
    let (_, reference) = setup();
    for n in 1..=64 {
        for m in 0..n {
            assert_eq!(path_shape(m, n), reference.path(m, n).1);
        }
        for m in 1..n {
            assert_eq!(consistency_shape(m, n), reference.consistency(m, n).1);
        }
    }
}

/// Storage is chunked (4096 hashes a chunk) and interior levels from 4 up are
/// stored: sizes around those boundaries, against the reference.
#[test]
fn large_trees_cross_storage_boundaries() {
    let n = 70_000;
    let reference = Reference::new(entries(n));
    let mut tree = Tree::new();
    for i in 0..n {
        tree.push_leaf(reference.mth(i, i + 1));
    }
    for size in [4095, 4096, 4097, 65_535, 65_536, 65_537, 69_999, 70_000] {
        assert_eq!(
            tree.root_at(size as u64).unwrap(),
            reference.mth(0, size),
            "size {size}"
        );
        for index in [0, 4095, 4096, size / 2, size - 1]
            .into_iter()
            .filter(|&i| i < size)
        {
            let (want, _) = reference.path(index, size);
            assert_eq!(
                tree.inclusion_proof(index as u64, size as u64).unwrap(),
                want
            );
        }
        for old in [1, 4096, 65_536, size - 1]
            .into_iter()
            .filter(|&m| m <= size)
        {
            let (want, _) = reference.consistency(old, size);
            assert_eq!(
                tree.consistency_proof(old as u64, size as u64).unwrap(),
                want
            );
        }
    }
    assert_eq!(tree.root(), reference.mth(0, n));
}
