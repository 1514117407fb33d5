//! Verifying inclusion and consistency proofs (RFC 9162 §2.1.3.2 and §2.1.4.2).
//!
//! These functions need nothing but hashes: an auditor holding a signed root
//! can check a proof handed to them by anyone, the other party's server
//! included, without trusting it. They follow the RFC's algorithms step by
//! step; the step numbers in the comments are the RFC's.

use crate::hash::{Hash, hash_children};

/// Why a proof was refused, or could not be produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    /// The leaf index is not below the tree size.
    #[error("leaf index {index} is not in a tree of size {size}")]
    IndexOutOfRange {
        /// The index asked for.
        index: u64,
        /// The size of the tree it was asked in.
        size: u64,
    },
    /// A tree size beyond the entries the tree holds.
    #[error("tree size {size} is larger than the tree ({available} entries)")]
    SizeOutOfRange {
        /// The size asked for.
        size: u64,
        /// The number of entries held.
        available: u64,
    },
    /// A consistency proof from a larger tree to a smaller one.
    #[error("old size {old_size} is larger than new size {new_size}")]
    OldSizeLarger {
        /// The old (first) tree size.
        old_size: u64,
        /// The new (second) tree size.
        new_size: u64,
    },
    /// A consistency proof from the empty tree: it proves nothing, and RFC
    /// 9162 §2.1.4 defines none. (The empty tree is a prefix of every tree;
    /// a caller that wants that rule applies it itself.)
    #[error("a consistency proof from the empty tree is meaningless")]
    OldSizeZero,
    /// Equal sizes must come with an empty proof.
    #[error("the sizes are equal but the proof is not empty")]
    ProofNotEmpty,
    /// The proof has the wrong number of hashes for these sizes.
    #[error("the proof has the wrong number of hashes")]
    WrongProofLength,
    /// The root computed from the proof is not the root given.
    #[error("the proof does not lead to the given root")]
    RootMismatch,
    /// The old root computed from a consistency proof is not the old root given.
    #[error("the proof does not lead to the given old root")]
    OldRootMismatch,
}

/// Verifies that `leaf` is the leaf at `index` in the tree of `size` entries
/// whose root is `root`, given the inclusion proof (audit path) `proof`,
/// ordered from the leaf up.
///
/// This is the algorithm of RFC 9162 §2.1.3.2. A proof with hashes missing or
/// extra is refused, as is an index that is not below the size.
pub fn verify_inclusion(
    index: u64,
    size: u64,
    leaf: &Hash,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    let computed = root_from_inclusion_proof(index, size, leaf, proof)?;
    if computed == *root {
        Ok(())
    } else {
        Err(ProofError::RootMismatch)
    }
}

/// The root that an inclusion proof leads to (RFC 9162 §2.1.3.2, steps 1–5
/// without the final comparison of `r` with the root). Useful where the root
/// is not known beforehand, such as checking a proof against several roots.
pub fn root_from_inclusion_proof(
    index: u64,
    size: u64,
    leaf: &Hash,
    proof: &[Hash],
) -> Result<Hash, ProofError> {
    // Step 1.
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    // Step 2.
    let mut f_n = index;
    let mut s_n = size - 1;
    // Step 3.
    let mut r = *leaf;
    // Step 4.
    for p in proof {
        // 4a: the path is longer than the tree is high.
        if s_n == 0 {
            return Err(ProofError::WrongProofLength);
        }
        // 4b.
        if f_n & 1 == 1 || f_n == s_n {
            r = hash_children(p, &r);
            if f_n & 1 == 0 {
                // Skip the levels where this node is a right-edge node with
                // no sibling (the tree is not complete there).
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            r = hash_children(&r, p);
        }
        // 4c.
        f_n >>= 1;
        s_n >>= 1;
    }
    // Step 5: the path must reach the root exactly.
    if s_n != 0 {
        return Err(ProofError::WrongProofLength);
    }
    Ok(r)
}

/// Verifies that the tree of `old_size` entries with root `old_root` is a
/// prefix of the tree of `new_size` entries with root `new_root`, given the
/// consistency proof `proof`.
///
/// This is the algorithm of RFC 9162 §2.1.4.2 for `0 < old_size < new_size`.
/// The edge cases follow the reference verifier of transparency-dev/merkle:
/// `old_size > new_size` and `old_size == 0` are errors, and equal sizes need
/// an empty proof and equal roots.
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), ProofError> {
    if old_size > new_size {
        return Err(ProofError::OldSizeLarger { old_size, new_size });
    }
    if old_size == 0 {
        return Err(ProofError::OldSizeZero);
    }
    if old_size == new_size {
        if !proof.is_empty() {
            return Err(ProofError::ProofNotEmpty);
        }
        return if old_root == new_root {
            Ok(())
        } else {
            Err(ProofError::RootMismatch)
        };
    }
    // Step 1.
    if proof.is_empty() {
        return Err(ProofError::WrongProofLength);
    }
    // Step 2: when the old tree is complete, its root is the first node of
    // the path and the proof leaves it out.
    let mut path = proof.iter();
    let first = if old_size.is_power_of_two() {
        *old_root
    } else {
        *path.next().expect("the proof is not empty")
    };
    // Step 3.
    let mut f_n = old_size - 1;
    let mut s_n = new_size - 1;
    // Step 4.
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    // Step 5.
    let mut f_r = first;
    let mut s_r = first;
    // Step 6.
    for c in path {
        // 6a.
        if s_n == 0 {
            return Err(ProofError::WrongProofLength);
        }
        // 6b.
        if f_n & 1 == 1 || f_n == s_n {
            f_r = hash_children(c, &f_r);
            s_r = hash_children(c, &s_r);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            s_r = hash_children(&s_r, c);
        }
        // 6c.
        f_n >>= 1;
        s_n >>= 1;
    }
    // Step 7.
    if s_n != 0 {
        return Err(ProofError::WrongProofLength);
    }
    if f_r != *old_root {
        return Err(ProofError::OldRootMismatch);
    }
    if s_r != *new_root {
        return Err(ProofError::RootMismatch);
    }
    Ok(())
}
