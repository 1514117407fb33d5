//! The log as a tiled log serves it (C2SP `tlog-tiles`), and what witnesses
//! cosigned of it (C2SP `tlog-witness`).
//!
//! Tiles and bundles are cut at the latest *signed* checkpoint, never at
//! the tree's size: an entry appended and not yet signed is not served, so
//! every tile a reader gets can be checked against a checkpoint it can
//! fetch. A full tile never changes; a partial one grows with the log.
//!
//! Bundles carry the entries' bytes whole, whatever they are about: they
//! are for the parties' own nodes, which the web admits by credential
//! before it asks here. The hash tiles reveal only hashes.
//!
//! The latest checkpoint with its witnesses' cosignatures is kept beside
//! the log (`accord_store::meta::COSIGNED_CHECKPOINT`), so that it outlives
//! a restart.

use accord_log::cosignature::cosignature_timestamp;
use accord_log::tiles::{TILE_WIDTH, hash_tile, tile_width_at};
use accord_log::{Checkpoint, Hash};
use accord_store::{EventStore, meta};

use crate::{App, AppError};

/// The latest signed checkpoint: its size and the note verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCheckpoint {
    pub size: u64,
    pub note: String,
}

/// Who cosigned the latest checkpoint witnesses cosigned, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cosigned {
    /// The size of the checkpoint they cosigned.
    pub size: u64,
    /// Whether it is the latest signed checkpoint.
    pub latest: bool,
    /// Each witness's key name and the time it cosigned (Unix seconds),
    /// as its cosignature says.
    pub by: Vec<(String, u64)>,
}

impl<S: EventStore> App<S> {
    /// The size and note of the latest signed checkpoint; none before the
    /// first entry is signed.
    pub fn signed_checkpoint(&self) -> Option<SignedCheckpoint> {
        self.writer()
            .latest_checkpoint()
            .map(|latest| SignedCheckpoint {
                size: latest.checkpoint.size,
                note: latest.note.clone(),
            })
    }

    /// The hash tile (`level`, `index`) of `width` hashes in the tree of the
    /// latest signed checkpoint; none when that tree has no such tile (a
    /// tile beyond it, or wider than it is there).
    pub fn hash_tile(&self, level: u8, index: u64, width: u16) -> Option<Vec<u8>> {
        let ledger = self.writer();
        let size = ledger.latest_checkpoint()?.checkpoint.size;
        let available = tile_width_at(size, level, index)?;
        if width == 0 || width > available {
            return None;
        }
        hash_tile(ledger.tree(), level, index, width).ok()
    }

    /// The entries under level-0 tile `index` of `width` entries, in the
    /// tree of the latest signed checkpoint, as stored; none when that tree
    /// has no such tile.
    pub fn entry_bundle(&self, index: u64, width: u16) -> Result<Option<Vec<Vec<u8>>>, AppError> {
        let mut ledger = self.writer();
        let Some(size) = ledger.latest_checkpoint().map(|c| c.checkpoint.size) else {
            return Ok(None);
        };
        match tile_width_at(size, 0, index) {
            Some(available) if width != 0 && width <= available => {}
            _ => return Ok(None),
        }
        let first = index * TILE_WIDTH;
        let stored = ledger.read(first, usize::from(width))?;
        let entries: Vec<Vec<u8>> = stored
            .into_iter()
            .filter(|e| e.index >= first && e.index < first + u64::from(width))
            .map(|e| e.entry)
            .collect();
        if entries.len() != usize::from(width) {
            return Ok(None);
        }
        Ok(Some(entries))
    }

    /// The consistency proof from the tree of `old_size` entries to that of
    /// `new_size` (RFC 9162 §2.1.4); none when either is beyond the tree or
    /// `old_size` is above `new_size`.
    pub fn consistency_proof(&self, old_size: u64, new_size: u64) -> Option<Vec<Hash>> {
        self.writer().consistency_proof(old_size, new_size).ok()
    }

    /// The latest checkpoint witnesses cosigned, with their cosignature
    /// lines after the log's signature; none before any did.
    pub fn cosigned_checkpoint(&self) -> Result<Option<String>, AppError> {
        Ok(self.writer().meta(meta::COSIGNED_CHECKPOINT)?)
    }

    /// Keeps `note` (a signed checkpoint with its witnesses' cosignatures)
    /// as the latest cosigned one.
    pub fn keep_cosigned_checkpoint(&self, note: &str) -> Result<(), AppError> {
        Ok(self.writer().set_meta(meta::COSIGNED_CHECKPOINT, note)?)
    }

    /// Which witnesses cosigned the latest checkpoint that any did, and
    /// when; none before any did.
    pub fn cosigned(&self) -> Result<Option<Cosigned>, AppError> {
        let Some(kept) = self.cosigned_checkpoint()? else {
            return Ok(None);
        };
        let Some(at) = kept.find("\n\n") else {
            return Ok(None);
        };
        let Ok(checkpoint) = Checkpoint::parse_body(&kept[..=at]) else {
            return Ok(None);
        };
        let by: Vec<(String, u64)> = kept[at + 2..]
            .lines()
            .filter_map(|line| {
                let (name, encoded) = line.strip_prefix("— ")?.split_once(' ')?;
                let time = cosignature_timestamp(encoded).ok()?;
                Some((name.to_owned(), time))
            })
            .collect();
        if by.is_empty() {
            return Ok(None);
        }
        let latest = self
            .signed_checkpoint()
            .is_some_and(|l| l.note.starts_with(&kept[..=at]));
        Ok(Some(Cosigned {
            size: checkpoint.size,
            latest,
            by,
        }))
    }
}
