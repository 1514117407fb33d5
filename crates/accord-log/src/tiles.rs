//! The C2SP `tlog-tiles` layout: tile paths, the hash tiles a [`Tree`]
//! serves, and the entry bundles that carry a log's entries.
//!
//! A tiled log serves its Merkle tree as static files. A tile at level `L`
//! holds up to 256 consecutive hashes, each the root of a complete subtree of
//! `256^L` leaves; level 0 holds the leaf hashes. The rightmost tiles of a
//! level are *partial* (1 to 255 hashes) until the tree grows past them. An
//! entry bundle holds the entries under one level-0 tile, each behind a
//! big-endian `u16` length.
//!
//! accord's entries can be longer than 65,535 bytes, which the spec's bundle
//! cannot carry; the spec lets a log serve other encodings at other URLs, so
//! accord also has *wide* bundles with a `u32` length. What a URL serves, and
//! from where, is for the I/O edge: this module only computes bytes.

use std::fmt;

use crate::checkpoint::parse_decimal;
use crate::hash::{HASH_LEN, Hash, hash_leaf};
use crate::tree::Tree;

/// The number of hashes in a full tile, and of entries in a full bundle
/// (tiles of height 8).
pub const TILE_WIDTH: u64 = 256;
/// The height of a tile: a level-`L` hash covers `2^(8·L)` leaves.
pub const TILE_HEIGHT: u32 = 8;
/// The highest level a tile path may name.
pub const MAX_LEVEL: u8 = 63;

/// What a tile holds: hashes at a level, or the entries under a level-0 tile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TileKind {
    /// Merkle tree hashes at `level` (0 = leaf hashes), `tile/<L>/<N>`.
    Hash {
        /// The tile's level, 0 to 63.
        level: u8,
    },
    /// An entry bundle, `tile/entries/<N>`.
    Entries,
}

/// A tile or bundle's place: its kind, its index along its level, and its
/// width (256 for a full tile, 1 to 255 for a partial one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TilePath {
    /// Hashes at a level, or entries.
    pub kind: TileKind,
    /// The tile's index `N` along its level.
    pub index: u64,
    /// 256 for a full tile, 1 to 255 for a partial one.
    pub width: u16,
}

/// Why a tile path, a tile or a bundle was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TileError {
    /// A path that breaks the spec's syntax.
    #[error("bad tile path {path:?}: {reason}")]
    BadPath {
        /// The path as given (after `tile/`).
        path: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A level above 63.
    #[error("tile level {0} is above 63")]
    BadLevel(u8),
    /// A width of 0 or above 256.
    #[error("tile width {0} is not between 1 and 256")]
    BadWidth(u16),
    /// The tree does not (yet) have this tile at this width.
    #[error(
        "tile {index} at level {level} of width {width} does not exist in a tree of size {size}"
    )]
    NoSuchTile {
        /// The tile's level.
        level: u8,
        /// The tile's index.
        index: u64,
        /// The width asked for.
        width: u16,
        /// The tree's size.
        size: u64,
    },
    /// An entry too long for the bundle's length prefix.
    #[error("entry {position} of the bundle is {len} bytes, more than its length prefix can say")]
    EntryTooLarge {
        /// The entry's position in the bundle (0-based).
        position: usize,
        /// Its length in bytes.
        len: usize,
    },
    /// More than 256 entries for one bundle.
    #[error("a bundle holds at most 256 entries; another starts at byte {offset}")]
    TooManyEntries {
        /// The byte offset (or, when encoding, the position) of the first entry too many.
        offset: usize,
    },
    /// A bundle that ends inside a length prefix or an entry.
    #[error(
        "the bundle is truncated: the entry at byte {offset} needs {needed} bytes, {available} remain"
    )]
    Truncated {
        /// The byte offset of the length prefix of the entry that does not fit.
        offset: usize,
        /// The bytes that entry (or its prefix) needs.
        needed: usize,
        /// The bytes that remain from `offset`.
        available: usize,
    },
    /// A level-0 tile whose length is not a whole number of hashes.
    #[error("a tile of {0} bytes is not a whole number of 32-byte hashes")]
    TileLength(usize),
    /// A bundle and a tile of different widths.
    #[error("the bundle holds {entries} entries but the tile {hashes} hashes")]
    CountMismatch {
        /// Entries in the bundle.
        entries: usize,
        /// Hashes in the tile.
        hashes: usize,
    },
    /// An entry that does not hash to its leaf hash in the tile.
    #[error("entry {position} of the bundle does not hash to the tile's leaf hash")]
    LeafMismatch {
        /// The entry's position in the bundle (0-based).
        position: usize,
    },
}

impl TilePath {
    /// Parses what follows `tile/` in a URL: `<L>/<N>[.p/<W>]` or
    /// `entries/<N>[.p/<W>]`. Strict: `L` is 0 to 63 and `W` 1 to 255, both
    /// without leading zeros; `N` is in 3-digit groups, each but the last
    /// prefixed with `x`, with no needless leading group (every index has
    /// exactly one path).
    pub fn parse(rest: &str) -> Result<Self, TileError> {
        let bad = |reason| TileError::BadPath {
            path: rest.to_owned(),
            reason,
        };
        let (first, tail) = rest
            .split_once('/')
            .ok_or(bad("expected <L>/<N> or entries/<N>"))?;
        let kind = if first == "entries" {
            TileKind::Entries
        } else {
            let level = parse_decimal(first).ok_or(bad("the level is not a decimal number"))?;
            if level > u64::from(MAX_LEVEL) {
                return Err(bad("the level is above 63"));
            }
            TileKind::Hash { level: level as u8 }
        };
        let (groups, width) = match tail.split_once(".p/") {
            Some((groups, w)) => {
                let w = parse_decimal(w).ok_or(bad("the width is not a decimal number"))?;
                if !(1..TILE_WIDTH).contains(&w) {
                    return Err(bad("a partial width is between 1 and 255"));
                }
                (groups, w as u16)
            }
            None => (tail, TILE_WIDTH as u16),
        };
        let parts: Vec<&str> = groups.split('/').collect();
        let mut index: u64 = 0;
        for (i, part) in parts.iter().enumerate() {
            let last = i + 1 == parts.len();
            let digits = if last {
                *part
            } else {
                part.strip_prefix('x')
                    .ok_or(bad("every group of the index but the last starts with x"))?
            };
            if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("the index is written in groups of 3 digits"));
            }
            let group: u64 = digits.parse().expect("three ASCII digits");
            index = index
                .checked_mul(1000)
                .and_then(|n| n.checked_add(group))
                .ok_or(bad("the index does not fit in 64 bits"))?;
        }
        let path = Self { kind, index, width };
        // One index, one path: `x000/001` is not how 1 is written.
        if path.index_path() != groups {
            return Err(bad("the index has a needless leading group"));
        }
        Ok(path)
    }

    /// The index `N` as the spec writes it: `x001/x234/067` for 1234067.
    pub fn index_path(&self) -> String {
        let mut groups = Vec::new();
        let mut n = self.index;
        loop {
            groups.push(n % 1000);
            n /= 1000;
            if n == 0 {
                break;
            }
        }
        let mut out = String::with_capacity(groups.len() * 5);
        for (i, group) in groups.iter().rev().enumerate() {
            if i + 1 < groups.len() {
                out.push_str(&format!("x{group:03}/"));
            } else {
                out.push_str(&format!("{group:03}"));
            }
        }
        out
    }
}

impl fmt::Display for TilePath {
    /// `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            TileKind::Hash { level } => write!(f, "tile/{level}/")?,
            TileKind::Entries => f.write_str("tile/entries/")?,
        }
        f.write_str(&self.index_path())?;
        if u64::from(self.width) != TILE_WIDTH {
            write!(f, ".p/{}", self.width)?;
        }
        Ok(())
    }
}

/// The width of tile `index` at `level` in a tree of `size` leaves: 256 for
/// a full tile, 1 to 255 for the partial tile at the right edge, `None` when
/// the tree has no such tile (the spec's partial width is
/// `floor(size / 256^level) mod 256`; empty tiles do not exist).
pub fn tile_width_at(size: u64, level: u8, index: u64) -> Option<u16> {
    if level > MAX_LEVEL {
        return None;
    }
    let shift = TILE_HEIGHT * u32::from(level);
    let hashes = if shift >= 64 { 0 } else { size >> shift };
    let start = index.checked_mul(TILE_WIDTH)?;
    if hashes <= start {
        return None;
    }
    Some((hashes - start).min(TILE_WIDTH) as u16)
}

/// The hash tile (`level`, `index`) of width `width` for the tree at its
/// current size: `width` concatenated hashes, the `i`-th being
/// `MTH(D[(index·256 + i)·256^level : (index·256 + i + 1)·256^level])`
/// (C2SP `tlog-tiles`, "Merkle Tree"). A width below the tile's current one
/// gives the partial tile of an earlier size, as a log serves it.
///
/// Level 0 copies stored leaf hashes and higher levels read stored nodes:
/// nothing is recomputed but a few nodes below level 4.
pub fn hash_tile(tree: &Tree, level: u8, index: u64, width: u16) -> Result<Vec<u8>, TileError> {
    if level > MAX_LEVEL {
        return Err(TileError::BadLevel(level));
    }
    if width == 0 || u64::from(width) > TILE_WIDTH {
        return Err(TileError::BadWidth(width));
    }
    let absent = || TileError::NoSuchTile {
        level,
        index,
        width,
        size: tree.size(),
    };
    let available = tile_width_at(tree.size(), level, index).ok_or_else(absent)?;
    if width > available {
        return Err(absent());
    }
    let height = TILE_HEIGHT * u32::from(level);
    let first = index * TILE_WIDTH;
    let mut out = Vec::with_capacity(usize::from(width) * HASH_LEN);
    for i in 0..u64::from(width) {
        let hash = if level == 0 {
            tree.leaf(first + i)
        } else {
            tree.subtree_root(height, first + i)
        }
        .ok_or_else(absent)?;
        out.extend_from_slice(hash.as_bytes());
    }
    Ok(out)
}

/// Encodes entries as a C2SP entry bundle: each behind its length as a
/// big-endian `u16`. An entry over 65,535 bytes cannot be carried (use
/// [`encode_wide_bundle`]); nor can more than 256 entries.
pub fn encode_bundle<E: AsRef<[u8]>>(entries: &[E]) -> Result<Vec<u8>, TileError> {
    encode_with(entries, 2, u64::from(u16::MAX))
}

/// Decodes a C2SP entry bundle (big-endian `u16` lengths). A bundle that ends
/// inside a length or an entry, or holds more than 256 entries, is refused
/// with the byte offset where it goes wrong.
pub fn decode_bundle(bytes: &[u8]) -> Result<Vec<Vec<u8>>, TileError> {
    decode_with(bytes, 2)
}

/// Encodes entries as accord's wide bundle: as [`encode_bundle`], but each
/// length a big-endian `u32`, for entries over 64 KiB. It must be served at
/// another URL than the spec's bundle.
pub fn encode_wide_bundle<E: AsRef<[u8]>>(entries: &[E]) -> Result<Vec<u8>, TileError> {
    encode_with(entries, 4, u64::from(u32::MAX))
}

/// Decodes accord's wide bundle (big-endian `u32` lengths).
pub fn decode_wide_bundle(bytes: &[u8]) -> Result<Vec<Vec<u8>>, TileError> {
    decode_with(bytes, 4)
}

fn encode_with<E: AsRef<[u8]>>(
    entries: &[E],
    prefix: usize,
    max: u64,
) -> Result<Vec<u8>, TileError> {
    if entries.len() as u64 > TILE_WIDTH {
        return Err(TileError::TooManyEntries {
            offset: TILE_WIDTH as usize,
        });
    }
    let total: usize = entries.iter().map(|e| prefix + e.as_ref().len()).sum();
    let mut out = Vec::with_capacity(total);
    for (position, entry) in entries.iter().enumerate() {
        let entry = entry.as_ref();
        if entry.len() as u64 > max {
            return Err(TileError::EntryTooLarge {
                position,
                len: entry.len(),
            });
        }
        let len = (entry.len() as u64).to_be_bytes();
        out.extend_from_slice(&len[8 - prefix..]);
        out.extend_from_slice(entry);
    }
    Ok(out)
}

fn decode_with(bytes: &[u8], prefix: usize) -> Result<Vec<Vec<u8>>, TileError> {
    let mut entries = Vec::new();
    let mut offset = 0;
    while offset < bytes.len() {
        if entries.len() as u64 == TILE_WIDTH {
            return Err(TileError::TooManyEntries { offset });
        }
        let available = bytes.len() - offset;
        if available < prefix {
            return Err(TileError::Truncated {
                offset,
                needed: prefix,
                available,
            });
        }
        let mut len = [0u8; 8];
        len[8 - prefix..].copy_from_slice(&bytes[offset..offset + prefix]);
        let len = u64::from_be_bytes(len) as usize;
        if available - prefix < len {
            return Err(TileError::Truncated {
                offset,
                needed: prefix + len,
                available,
            });
        }
        let start = offset + prefix;
        entries.push(bytes[start..start + len].to_vec());
        offset = start + len;
    }
    Ok(entries)
}

/// Checks that a bundle's entries are the leaves of a level-0 tile: as many
/// entries as hashes, and entry `i` hashing (RFC 9162 §2.1.1) to hash `i`.
pub fn verify_bundle(entries: &[Vec<u8>], level0_tile: &[u8]) -> Result<(), TileError> {
    if !level0_tile.len().is_multiple_of(HASH_LEN) {
        return Err(TileError::TileLength(level0_tile.len()));
    }
    let hashes = level0_tile.len() / HASH_LEN;
    if entries.len() != hashes {
        return Err(TileError::CountMismatch {
            entries: entries.len(),
            hashes,
        });
    }
    for (position, (entry, want)) in entries
        .iter()
        .zip(level0_tile.chunks_exact(HASH_LEN))
        .enumerate()
    {
        if hash_leaf(entry).as_bytes() != want {
            return Err(TileError::LeafMismatch { position });
        }
    }
    Ok(())
}

/// The hashes of a tile's bytes, or an error if they are not a whole number
/// of hashes.
pub fn tile_hashes(tile: &[u8]) -> Result<Vec<Hash>, TileError> {
    if !tile.len().is_multiple_of(HASH_LEN) {
        return Err(TileError::TileLength(tile.len()));
    }
    Ok(tile
        .chunks_exact(HASH_LEN)
        .map(|c| Hash::from_slice(c).expect("32 bytes"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_example_of_a_tree_of_70000() {
        assert_eq!(tile_width_at(70_000, 0, 272), Some(256));
        assert_eq!(tile_width_at(70_000, 0, 273), Some(112));
        assert_eq!(tile_width_at(70_000, 0, 274), None);
        assert_eq!(tile_width_at(70_000, 1, 0), Some(256));
        assert_eq!(tile_width_at(70_000, 1, 1), Some(17));
        assert_eq!(tile_width_at(70_000, 2, 0), Some(1));
        assert_eq!(tile_width_at(70_000, 3, 0), None);
        assert_eq!(tile_width_at(256, 1, 0), Some(1));
        assert_eq!(tile_width_at(0, 0, 0), None);
        assert_eq!(tile_width_at(u64::MAX, 63, 0), None);
        assert_eq!(tile_width_at(u64::MAX, 7, 0), Some(255));
    }
}
