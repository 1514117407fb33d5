//! A naive reference implementation, written straight from the recursive
//! definitions of RFC 9162 §2.1.1 (MTH), §2.1.3.1 (PATH) and §2.1.4.1
//! (PROOF/SUBPROOF), over a slice of entries. It shares no code with the
//! crate except the two hash functions, whose known answers are tested
//! separately. Subtree hashes are memoised by range so that exhaustive tests
//! stay fast; the recursion is otherwise the RFC's, line by line.

use std::cell::RefCell;
use std::collections::HashMap;

use accord_log::{Hash, hash_children, hash_leaf};

/// How a proof hash is combined by a verifier. Two (index, size) or (old,
/// new) pairs whose proofs have the same shape are verified by the very same
/// computation, so a verifier cannot tell them apart; pairs with different
/// shapes lead to different roots unless SHA-256 collides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Inclusion: the proof hash is the left sibling.
    SiblingLeft,
    /// Inclusion: the proof hash is the right sibling.
    SiblingRight,
    /// Consistency: the old root itself starts the computation (not in the proof).
    ImplicitSeed,
    /// Consistency: the proof hash is a subtree root of both trees.
    Seed,
    /// Consistency: a left sibling in both the old and the new tree.
    LeftOfBoth,
    /// Consistency: a right sibling, in the new tree only.
    RightOfNew,
}

pub struct Reference {
    entries: Vec<Vec<u8>>,
    memo: RefCell<HashMap<(usize, usize), Hash>>,
}

/// The largest power of two smaller than n (n > 1).
fn k_of(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

impl Reference {
    pub fn new(entries: Vec<Vec<u8>>) -> Self {
        Self {
            entries,
            memo: RefCell::default(),
        }
    }

    /// MTH(D[a:b]).
    pub fn mth(&self, a: usize, b: usize) -> Hash {
        if let Some(h) = self.memo.borrow().get(&(a, b)) {
            return *h;
        }
        let n = b - a;
        let h = match n {
            0 => Hash::empty_tree(),
            1 => hash_leaf(&self.entries[a]),
            _ => {
                let k = k_of(n);
                hash_children(&self.mth(a, a + k), &self.mth(a + k, b))
            }
        };
        self.memo.borrow_mut().insert((a, b), h);
        h
    }

    /// PATH(m, D[0:n]) and its shape.
    pub fn path(&self, m: usize, n: usize) -> (Vec<Hash>, Vec<Step>) {
        let mut proof = Vec::new();
        let mut shape = Vec::new();
        self.path_in(m, 0, n, &mut proof, &mut shape);
        (proof, shape)
    }

    fn path_in(&self, m: usize, a: usize, n: usize, proof: &mut Vec<Hash>, shape: &mut Vec<Step>) {
        if n == 1 {
            return;
        }
        let k = k_of(n);
        if m < k {
            self.path_in(m, a, k, proof, shape);
            proof.push(self.mth(a + k, a + n));
            shape.push(Step::SiblingRight);
        } else {
            self.path_in(m - k, a + k, n - k, proof, shape);
            proof.push(self.mth(a, a + k));
            shape.push(Step::SiblingLeft);
        }
    }

    /// PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true), and its shape.
    pub fn consistency(&self, m: usize, n: usize) -> (Vec<Hash>, Vec<Step>) {
        let mut proof = Vec::new();
        let mut shape = Vec::new();
        self.subproof(m, 0, n, true, &mut proof, &mut shape);
        (proof, shape)
    }

    fn subproof(
        &self,
        m: usize,
        a: usize,
        n: usize,
        b: bool,
        proof: &mut Vec<Hash>,
        shape: &mut Vec<Step>,
    ) {
        if m == n {
            if b {
                shape.push(Step::ImplicitSeed);
            } else {
                proof.push(self.mth(a, a + n));
                shape.push(Step::Seed);
            }
            return;
        }
        let k = k_of(n);
        if m <= k {
            self.subproof(m, a, k, b, proof, shape);
            proof.push(self.mth(a + k, a + n));
            shape.push(Step::RightOfNew);
        } else {
            self.subproof(m - k, a + k, n - k, false, proof, shape);
            proof.push(self.mth(a, a + k));
            shape.push(Step::LeftOfBoth);
        }
    }
}

/// Entries 0..n as distinct byte strings of varying length.
pub fn entries(n: usize) -> Vec<Vec<u8>> {
    (0..n)
        .map(|i| format!("entry {i}").repeat(1 + i % 3).into_bytes())
        .collect()
}

/// The shape of PATH(m, D[n]) alone (no hashing): the same recursion.
pub fn path_shape(m: usize, n: usize) -> Vec<Step> {
    fn walk(m: usize, n: usize, out: &mut Vec<Step>) {
        if n == 1 {
            return;
        }
        let k = k_of(n);
        if m < k {
            walk(m, k, out);
            out.push(Step::SiblingRight);
        } else {
            walk(m - k, n - k, out);
            out.push(Step::SiblingLeft);
        }
    }
    let mut out = Vec::new();
    walk(m, n, &mut out);
    out
}

/// The shape of PROOF(m, D[n]) alone (no hashing): the same recursion.
pub fn consistency_shape(m: usize, n: usize) -> Vec<Step> {
    fn walk(m: usize, n: usize, b: bool, out: &mut Vec<Step>) {
        if m == n {
            out.push(if b { Step::ImplicitSeed } else { Step::Seed });
            return;
        }
        let k = k_of(n);
        if m <= k {
            walk(m, k, b, out);
            out.push(Step::RightOfNew);
        } else {
            walk(m - k, n - k, false, out);
            out.push(Step::LeftOfBoth);
        }
    }
    let mut out = Vec::new();
    walk(m, n, true, &mut out);
    out
}
