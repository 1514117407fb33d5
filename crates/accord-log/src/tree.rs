//! An in-memory Merkle tree over leaf hashes, with roots of every earlier size
//! and inclusion and consistency proofs (RFC 9162 §2.1).
//!
//! # Layout
//!
//! The tree keeps every leaf hash (level 0), because `leaf(index)` must answer
//! and because they are the log's content. Of the interior nodes it keeps only
//! the *complete* ones from level [`STORED_FROM_LEVEL`] up (a node at level
//! `j` covers `2^j` leaves). A node below that level is recomputed from its
//! leaves when a proof needs it: at most `2^j - 1` hashes, and a proof needs at
//! most one node per level, so at most 11 extra hashes per proof with the
//! threshold at 4. In exchange the interior levels cost about
//! `32 / 2^(4-1) = 4` bytes per leaf instead of 32.
//!
//! Each level is stored in chunks of [`CHUNK`] hashes so that growing a level
//! never doubles a multi-gigabyte buffer, and the unused capacity is at most
//! one chunk per level.
//!
//! Incomplete nodes on the right edge of a tree (RFC 9162's `D[k:n]` when
//! `n - k` is not a power of two) are never stored: they change with every
//! append. They are folded from the complete subtrees that make them up.

use crate::hash::{HASH_LEN, Hash, hash_children, hash_leaf};
use crate::proof::ProofError;

/// The lowest interior level that is stored. Levels 1 to 3 are recomputed.
pub const STORED_FROM_LEVEL: u32 = 4;
/// The number of hashes in one storage chunk (128 KiB).
pub const CHUNK: usize = 1 << 12;

/// A growable array of hashes stored in fixed-size chunks.
#[derive(Debug, Default, Clone)]
struct Level {
    chunks: Vec<Vec<Hash>>,
    len: u64,
}

impl Level {
    fn push(&mut self, hash: Hash) {
        match self.chunks.last_mut() {
            Some(chunk) if chunk.len() < CHUNK => chunk.push(hash),
            _ => {
                // The first chunk grows as an ordinary vector (small trees stay
                // small); every later chunk is allocated at its full size once.
                let mut chunk = if self.chunks.is_empty() {
                    Vec::new()
                } else {
                    Vec::with_capacity(CHUNK)
                };
                chunk.push(hash);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
    }

    fn get(&self, index: u64) -> Option<Hash> {
        if index >= self.len {
            return None;
        }
        let index = usize::try_from(index).ok()?;
        Some(self.chunks[index / CHUNK][index % CHUNK])
    }

    fn heap_bytes(&self) -> usize {
        self.chunks.capacity() * std::mem::size_of::<Vec<Hash>>()
            + self
                .chunks
                .iter()
                .map(|c| c.capacity() * HASH_LEN)
                .sum::<usize>()
    }
}

/// An append-only Merkle tree over leaf hashes (RFC 9162 §2.1.1).
///
/// Appending costs one leaf hash plus, amortised, about one node hash. Roots
/// of every size up to the current one, and proofs between any of them, are
/// computed on demand in `O(log n)` hashes.
#[derive(Debug, Clone)]
pub struct Tree {
    /// Level 0: every leaf hash.
    leaves: Level,
    /// `upper[i]` holds the complete nodes of level `STORED_FROM_LEVEL + i`.
    upper: Vec<Level>,
    /// For each level below `STORED_FROM_LEVEL`, the latest complete node
    /// that is a left child: the sibling the next append pairs with, so that
    /// appending never reads leaves back.
    pending: [Hash; STORED_FROM_LEVEL as usize],
}

impl Default for Tree {
    fn default() -> Self {
        Self {
            leaves: Level::default(),
            upper: Vec::new(),
            pending: [Hash::from_bytes([0; 32]); STORED_FROM_LEVEL as usize],
        }
    }
}

impl Tree {
    /// The empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// A tree over the given leaf hashes, in order.
    pub fn from_leaf_hashes(leaves: impl IntoIterator<Item = Hash>) -> Self {
        let mut tree = Self::new();
        tree.extend_leaves(leaves);
        tree
    }

    /// Appends the given leaf hashes, in order.
    pub fn extend_leaves(&mut self, leaves: impl IntoIterator<Item = Hash>) {
        for leaf in leaves {
            self.push_leaf(leaf);
        }
    }

    /// Appends an entry's leaf hash (`SHA-256(0x00 ‖ entry)`, RFC 9162 §2.1.1)
    /// and returns that hash.
    pub fn push_entry(&mut self, entry: &[u8]) -> Hash {
        let leaf = hash_leaf(entry);
        self.push_leaf(leaf);
        leaf
    }

    /// Appends a leaf hash (already `SHA-256(0x00 ‖ entry)`), returning the new
    /// leaf's index.
    pub fn push_leaf(&mut self, leaf: Hash) -> u64 {
        let index = self.leaves.len;
        self.leaves.push(leaf);
        // Walk up while the new node is a right child: each step completes
        // its parent. A left child stays pending until its sibling arrives.
        let mut node = leaf;
        let mut level = 0u32;
        let mut i = index;
        loop {
            let stored = level >= STORED_FROM_LEVEL;
            let slot = level.saturating_sub(STORED_FROM_LEVEL) as usize;
            if stored && self.upper.len() == slot {
                self.upper.push(Level::default());
            }
            if i & 1 == 0 {
                if stored {
                    self.upper[slot].push(node);
                } else {
                    self.pending[level as usize] = node;
                }
                break;
            }
            let left = if stored {
                let left = self.upper[slot]
                    .get(i - 1)
                    .expect("the left sibling was stored before");
                self.upper[slot].push(node);
                left
            } else {
                self.pending[level as usize]
            };
            node = hash_children(&left, &node);
            i >>= 1;
            level += 1;
        }
        index
    }

    /// The number of leaves.
    pub fn size(&self) -> u64 {
        self.leaves.len
    }

    /// The leaf hash at `index`, if the tree has that many leaves.
    pub fn leaf(&self, index: u64) -> Option<Hash> {
        self.leaves.get(index)
    }

    /// The root of the current tree: the Merkle Tree Hash `MTH(D[n])` of RFC
    /// 9162 §2.1.1 (SHA-256 of the empty string for the empty tree).
    pub fn root(&self) -> Hash {
        self.range_hash(0, self.size())
    }

    /// The root the tree had when it held `size` leaves: `MTH(D[0:size])`,
    /// RFC 9162 §2.1.1.
    pub fn root_at(&self, size: u64) -> Result<Hash, ProofError> {
        self.check_size(size)?;
        Ok(self.range_hash(0, size))
    }

    /// The inclusion proof (audit path) of the leaf at `index` in the tree of
    /// `size` leaves: `PATH(index, D[0:size])`, RFC 9162 §2.1.3.1. The hashes
    /// are ordered from the leaf's sibling up to the root's child.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, ProofError> {
        self.check_size(size)?;
        if index >= size {
            return Err(ProofError::IndexOutOfRange { index, size });
        }
        let mut proof = Vec::with_capacity(64 - size.leading_zeros() as usize);
        self.path(index, 0, size, &mut proof);
        Ok(proof)
    }

    /// The consistency proof between the trees of `old_size` and `new_size`
    /// leaves: `PROOF(old_size, D[0:new_size])`, RFC 9162 §2.1.4.1. Equal
    /// sizes give an empty proof; an old size of 0 is refused, as in the
    /// verifier.
    pub fn consistency_proof(&self, old_size: u64, new_size: u64) -> Result<Vec<Hash>, ProofError> {
        self.check_size(new_size)?;
        if old_size > new_size {
            return Err(ProofError::OldSizeLarger { old_size, new_size });
        }
        if old_size == 0 {
            return Err(ProofError::OldSizeZero);
        }
        let mut proof = Vec::with_capacity(65 - new_size.leading_zeros() as usize);
        self.subproof(old_size, 0, new_size, true, &mut proof);
        Ok(proof)
    }

    /// The root of the complete subtree of height `height` (covering `2^height`
    /// leaves) at position `index` along its level: `MTH(D[index·2^height :
    /// (index+1)·2^height])` of RFC 9162 §2.1.1, or `None` when the tree does
    /// not yet hold all of its leaves. Leaves and nodes from level 4 up are
    /// stored, so this costs at most 7 node hashes (levels 1 to 3 are
    /// recomputed from their leaves).
    pub fn subtree_root(&self, height: u32, index: u64) -> Option<Hash> {
        if height >= 64 {
            return None;
        }
        let end = index.checked_add(1)?.checked_mul(1u64 << height)?;
        if end > self.size() {
            return None;
        }
        Some(self.complete_node(height, index))
    }

    /// The bytes of heap memory the tree holds (allocated capacity, not just
    /// the part in use).
    pub fn heap_bytes(&self) -> usize {
        self.leaves.heap_bytes()
            + self.upper.capacity() * std::mem::size_of::<Level>()
            + self.upper.iter().map(Level::heap_bytes).sum::<usize>()
    }

    fn check_size(&self, size: u64) -> Result<(), ProofError> {
        if size > self.size() {
            Err(ProofError::SizeOutOfRange {
                size,
                available: self.size(),
            })
        } else {
            Ok(())
        }
    }

    /// `PATH(m, D[start:start+n])` of RFC 9162 §2.1.3.1, appending to `out`
    /// from the bottom up. `m` is relative to `start`.
    fn path(&self, m: u64, start: u64, n: u64, out: &mut Vec<Hash>) {
        if n <= 1 {
            return;
        }
        let k = split_point(n);
        if m < k {
            self.path(m, start, k, out);
            out.push(self.range_hash(start + k, start + n));
        } else {
            self.path(m - k, start + k, n - k, out);
            out.push(self.range_hash(start, start + k));
        }
    }

    /// `SUBPROOF(m, D[start:start+n], b)` of RFC 9162 §2.1.4.1.
    fn subproof(&self, m: u64, start: u64, n: u64, complete: bool, out: &mut Vec<Hash>) {
        if m == n {
            if !complete {
                out.push(self.range_hash(start, start + n));
            }
            return;
        }
        let k = split_point(n);
        if m <= k {
            self.subproof(m, start, k, complete, out);
            out.push(self.range_hash(start + k, start + n));
        } else {
            self.subproof(m - k, start + k, n - k, false, out);
            out.push(self.range_hash(start, start + k));
        }
    }

    /// `MTH(D[start:end])` for a range that RFC 9162's recursion can produce:
    /// `start` is a multiple of the largest power of two not above
    /// `end - start`. Such a range is a run of complete subtrees of
    /// decreasing size (one per set bit of its length), folded from the right.
    fn range_hash(&self, start: u64, end: u64) -> Hash {
        debug_assert!(start <= end && end <= self.size());
        let len = end - start;
        if len == 0 {
            return Hash::empty_tree();
        }
        let mut acc: Option<Hash> = None;
        // Walk the set bits from the lowest (the rightmost, smallest subtree).
        let mut remaining = len;
        let mut right_end = end;
        while remaining != 0 {
            let level = remaining.trailing_zeros();
            let width = 1u64 << level;
            let node_start = right_end - width;
            let node = self.complete_node(level, node_start >> level);
            acc = Some(match acc {
                None => node,
                Some(right) => hash_children(&node, &right),
            });
            right_end = node_start;
            remaining &= remaining - 1;
        }
        debug_assert_eq!(right_end, start);
        acc.expect("the range is not empty")
    }

    /// The root the tree would have with `more` leaves appended, without
    /// appending them: what a replica checks a log's signed root against
    /// before it accepts a single entry. Costs `O(log n)` hashes for the
    /// tree's right edge plus about one hash per new leaf.
    pub fn root_with(&self, more: &[Hash]) -> Hash {
        // The right edge: one complete subtree per set bit of the size, the
        // largest first, each with its level.
        let size = self.size();
        let mut peaks: Vec<(u32, Hash)> = Vec::with_capacity(64);
        let mut start = 0u64;
        for level in (0..64u32).rev() {
            if size & (1u64 << level) != 0 {
                peaks.push((level, self.complete_node(level, start >> level)));
                start += 1u64 << level;
            }
        }
        for leaf in more {
            peaks.push((0, *leaf));
            while peaks.len() >= 2 && peaks[peaks.len() - 1].0 == peaks[peaks.len() - 2].0 {
                let (level, right) = peaks.pop().expect("two peaks");
                let (_, left) = peaks.pop().expect("two peaks");
                peaks.push((level + 1, hash_children(&left, &right)));
            }
        }
        peaks
            .into_iter()
            .rev()
            .map(|(_, hash)| hash)
            .reduce(|right, left| hash_children(&left, &right))
            .unwrap_or_else(Hash::empty_tree)
    }

    /// The complete node at `level` whose leaves are
    /// `[index·2^level, (index+1)·2^level)`.
    fn complete_node(&self, level: u32, index: u64) -> Hash {
        if level >= STORED_FROM_LEVEL {
            self.upper[(level - STORED_FROM_LEVEL) as usize]
                .get(index)
                .expect("complete nodes from the stored levels are stored")
        } else {
            self.compute_low_node(level, index)
        }
    }

    /// Recomputes a complete node of a level below `STORED_FROM_LEVEL` from
    /// its leaves.
    fn compute_low_node(&self, level: u32, index: u64) -> Hash {
        if level == 0 {
            return self.leaves.get(index).expect("the leaf exists");
        }
        let left = self.compute_low_node(level - 1, 2 * index);
        let right = self.compute_low_node(level - 1, 2 * index + 1);
        hash_children(&left, &right)
    }
}

/// The largest power of two smaller than `n` (RFC 9162 §2.1.1's `k`), for `n > 1`.
fn split_point(n: u64) -> u64 {
    debug_assert!(n > 1);
    1u64 << (63 - (n - 1).leading_zeros())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_point_is_the_largest_smaller_power_of_two() {
        assert_eq!(split_point(2), 1);
        assert_eq!(split_point(3), 2);
        assert_eq!(split_point(4), 2);
        assert_eq!(split_point(5), 4);
        assert_eq!(split_point(8), 4);
        assert_eq!(split_point(9), 8);
    }

    #[test]
    fn empty_tree_root() {
        let tree = Tree::new();
        assert_eq!(tree.root(), Hash::empty_tree());
        assert_eq!(tree.root_at(0), Ok(Hash::empty_tree()));
        assert!(tree.root_at(1).is_err());
    }

    #[test]
    fn root_with_equals_the_root_after_appending() {
        for before in [0u32, 1, 2, 3, 5, 16, 17, 255, 256, 300] {
            let mut tree = Tree::new();
            for i in 0..before {
                tree.push_entry(&i.to_be_bytes());
            }
            for added in [0u32, 1, 2, 7, 31, 256] {
                let more: Vec<Hash> = (0..added)
                    .map(|i| hash_leaf(&(1000 + i).to_be_bytes()))
                    .collect();
                let mut grown = tree.clone();
                grown.extend_leaves(more.iter().copied());
                assert_eq!(tree.root_with(&more), grown.root(), "{before} + {added}");
            }
        }
    }

    #[test]
    fn stored_levels_match_recomputation() {
        let mut tree = Tree::new();
        for i in 0u32..300 {
            tree.push_entry(&i.to_be_bytes());
        }
        for level in STORED_FROM_LEVEL..8 {
            for index in 0..(300 >> level) {
                assert_eq!(
                    tree.complete_node(level, index),
                    tree.compute_low_node(level, index)
                );
            }
        }
    }
}
