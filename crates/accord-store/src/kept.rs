//! The latest signed checkpoint, kept outside the store beside the signing
//! key, and the decision that compares a store with it.
//!
//! Whoever can write the database but not the key can cut the log's tail
//! together with its checkpoints, or put back an older copy that verifies:
//! the store alone cannot tell, and the instance would go on and sign a
//! second checkpoint of a size it already signed, with another root. The
//! ledger therefore keeps the latest checkpoint it signed in a place that
//! goes with the key (a [`CheckpointKeeper`]; [`KeptFile`] is the data
//! folder's file), and refuses to open a store that is behind it or
//! diverges from it ([`judge`], a pure decision over the recomputed tree).
//!
//! # Why the kept checkpoint may lag by one, never lead the entries
//!
//! The ledger writes it after the checkpoint is filed in the store, which is
//! after the entries it covers were committed durably, so the file can never
//! name entries the store has not durably committed. It is written without
//! waiting for the disk ([`CheckpointKeeper::keep`]), and made durable
//! ([`CheckpointKeeper::settle`]) while the next append's entries are
//! committed, on a thread of its own, and in any case before the next
//! checkpoint is signed: a sync of its own on every act would cost three
//! quarters of the single-entry appends (BENCHMARKS.md). A crash of the
//! machine can therefore lose only the very latest kept checkpoint (the file
//! then holds the one before, which the store's tree still agrees with); a
//! crash of the process alone loses nothing. What that one lost checkpoint
//! leaves open is a rollback of exactly one signature, by someone who holds
//! the database at the moment the machine crashed. It can be newer than the
//! store's own latest *checkpoint* (which is filed without a sync of its own,
//! see [`crate::EventStore::save_checkpoint`]), which is why [`judge`]
//! compares it with the tree over the entries, not with the filed checkpoints:
//! the opening ledger signs that unsigned tail again, byte for byte the note
//! the file holds.

use std::fmt;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use accord_log::note::{self, VerifierKey};
use accord_log::{Checkpoint, Hash, Tree};

/// Where a ledger keeps its latest signed checkpoint, outside the store.
pub trait CheckpointKeeper: Send + fmt::Debug {
    /// Where it is kept, for messages (`file ./accord-data/checkpoint.latest`).
    fn describe(&self) -> String;

    /// The kept signed note, or `None` when none is kept yet.
    fn load(&mut self) -> Result<Option<String>, KeptError>;

    /// Replaces the kept note with `note`, without waiting for the disk: a
    /// reader sees it at once, a crash of the machine may bring back the
    /// note before it until [`CheckpointKeeper::settle`] returns.
    fn keep(&mut self, note: &str) -> Result<(), KeptError>;

    /// Makes the note last kept durable. The ledger calls it before it signs
    /// the next checkpoint, alongside the commit of that checkpoint's
    /// entries, so that the kept note lags the latest signed by one at most.
    fn settle(&mut self) -> Result<(), KeptError>;
}

/// An error reading or writing the kept checkpoint.
#[derive(Debug, thiserror::Error)]
pub enum KeptError {
    /// The file could not be read or written.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// What was being done (`read`, `write`).
        action: &'static str,
        /// The file.
        path: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// What is kept is not a checkpoint this instance's key signed.
    #[error(
        "{place} does not hold a checkpoint of this log signed by this instance's key ({reason}): \
         if it was damaged, move it aside and start again (it is made again from the store, with a warning)"
    )]
    Unreadable {
        /// Where it is kept.
        place: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// The data folder's file that keeps the latest signed checkpoint: the signed
/// note, exactly as filed in the store, readable by its owner only. Written
/// to a temporary file beside it, then renamed over it, so that a reader
/// never sees half a note; settled by syncing the file and its folder. (A
/// machine's crash between the rename and the settling may, on some file
/// systems, leave the file empty: it then fails to read, and opening is
/// refused until an operator moves it aside, never accepted silently.)
#[derive(Debug, Clone)]
pub struct KeptFile {
    path: PathBuf,
}

impl KeptFile {
    /// The file at `path` (it need not exist yet).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The temporary name, one per process: processes that share a data
    /// folder (PostgreSQL) must not rename each other's half-written file.
    fn temporary(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(format!(".{}.partial", std::process::id()));
        PathBuf::from(name)
    }

    fn io(&self, action: &'static str) -> impl FnOnce(std::io::Error) -> KeptError + '_ {
        move |source| KeptError::Io {
            action,
            path: self.path.display().to_string(),
            source,
        }
    }
}

impl CheckpointKeeper for KeptFile {
    fn describe(&self) -> String {
        format!("file {}", self.path.display())
    }

    fn load(&mut self) -> Result<Option<String>, KeptError> {
        match fs::read_to_string(&self.path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(self.io("read")(e)),
        }
    }

    fn keep(&mut self, note: &str) -> Result<(), KeptError> {
        let temporary = self.temporary();
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        let mut file = options.open(&temporary).map_err(self.io("write"))?;
        file.write_all(note.as_bytes()).map_err(self.io("write"))?;
        drop(file);
        fs::rename(&temporary, &self.path).map_err(self.io("write"))
    }

    fn settle(&mut self) -> Result<(), KeptError> {
        fs::File::open(&self.path)
            .and_then(|f| f.sync_all())
            .map_err(self.io("sync"))?;
        // The rename is durable once the folder is.
        if let Some(folder) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::File::open(folder)
                .and_then(|d| d.sync_all())
                .map_err(self.io("sync"))?;
        }
        Ok(())
    }
}

/// Opens a kept note with the log's verifier key and reads its checkpoint,
/// which must name the log's origin.
pub fn read_kept(
    note_text: &str,
    verifier: &VerifierKey,
    origin: &str,
    place: &str,
) -> Result<Checkpoint, KeptError> {
    let unreadable = |reason: String| KeptError::Unreadable {
        place: place.to_owned(),
        reason,
    };
    let opened = note::open(note_text, std::slice::from_ref(verifier))
        .map_err(|e| unreadable(format!("its signature does not verify: {e}")))?;
    let checkpoint = Checkpoint::parse_body(&opened.body)
        .map_err(|e| unreadable(format!("it is not a checkpoint: {e}")))?;
    if checkpoint.origin != origin {
        return Err(unreadable(format!(
            "it is a checkpoint of {}, not of {origin}",
            checkpoint.origin
        )));
    }
    Ok(checkpoint)
}

/// How a store's entries stand against the kept checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// The tree holds the kept checkpoint's size with its root (and maybe
    /// more entries after it).
    Agrees,
    /// The store holds fewer entries than the kept checkpoint covers.
    Behind {
        /// The entries the store holds.
        size: u64,
        /// Their root.
        root: Hash,
    },
    /// At the kept checkpoint's size the entries give another root.
    Forked {
        /// The root the store's entries give at the kept size.
        root: Hash,
    },
}

/// Compares the tree recomputed from a store's entries with the checkpoint
/// kept beside the key. Pure: no file, no store.
pub fn judge(tree: &Tree, kept: &Checkpoint) -> Standing {
    if tree.size() < kept.size {
        return Standing::Behind {
            size: tree.size(),
            root: tree.root(),
        };
    }
    match tree.root_at(kept.size) {
        Ok(root) if root == kept.root => Standing::Agrees,
        Ok(root) => Standing::Forked { root },
        // Unreachable for a size within the tree; count it as behind.
        Err(_) => Standing::Behind {
            size: tree.size(),
            root: tree.root(),
        },
    }
}

/// A store refused because it is behind, or diverges from, the checkpoint
/// kept beside the key: the record was rolled back or forked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollback {
    /// The store, as it describes itself.
    pub store: String,
    /// Where the checkpoint is kept.
    pub place: String,
    /// The kept checkpoint.
    pub kept: Checkpoint,
    /// How the store stands against it (never [`Standing::Agrees`]).
    pub standing: Standing,
}

impl fmt::Display for Rollback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            store,
            place,
            kept,
            standing,
        } = self;
        match standing {
            Standing::Behind { size, root } => write!(
                f,
                "refused: {store} is behind the checkpoint this instance last signed: {place} holds size {} root {}, \
                 the store holds {size} entries (root {root}). The record was rolled back (its tail cut, or an older copy put back); \
                 opening it would sign a second, different checkpoint of a size already signed.",
                kept.size, kept.root
            )?,
            Standing::Forked { root } => write!(
                f,
                "refused: {store} forks from the checkpoint this instance last signed: {place} holds size {} root {}, \
                 the store's entries give root {root} at that size. The record was forked (another history under indices already signed); \
                 opening it would sign a checkpoint inconsistent with one already signed.",
                kept.size, kept.root
            )?,
            Standing::Agrees => write!(
                f,
                "{store} agrees with the checkpoint of size {} in {place}",
                kept.size
            )?,
        }
        if *standing != Standing::Agrees {
            write!(
                f,
                " To go on: put back a copy of the database that holds the checkpoint of size {} (`accord log verify --db COPY` shows its size and root), \
                 or restore a copy with `accord restore FILE --accept-rollback`, which records the rollback and announces it at every start.",
                kept.size
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_log::hash_leaf;

    fn tree(entries: &[&str]) -> Tree {
        let mut tree = Tree::new();
        tree.extend_leaves(entries.iter().map(|e| hash_leaf(e.as_bytes())));
        tree
    }

    fn kept_of(tree: &Tree) -> Checkpoint {
        Checkpoint::new("example.org/log", tree.size(), tree.root())
    }

    #[test]
    fn a_store_equal_to_the_kept_checkpoint_agrees() {
        let t = tree(&["a", "b", "c"]);
        assert_eq!(judge(&t, &kept_of(&t)), Standing::Agrees);
    }

    #[test]
    fn a_store_that_extends_the_kept_checkpoint_agrees() {
        // The file lags by one after a crash between filing and keeping.
        let kept = kept_of(&tree(&["a", "b", "c"]));
        assert_eq!(judge(&tree(&["a", "b", "c", "d"]), &kept), Standing::Agrees);
    }

    #[test]
    fn a_store_cut_short_is_behind() {
        let kept = kept_of(&tree(&["a", "b", "c", "d"]));
        let cut = tree(&["a", "b"]);
        assert_eq!(
            judge(&cut, &kept),
            Standing::Behind {
                size: 2,
                root: cut.root()
            }
        );
    }

    #[test]
    fn an_empty_store_is_behind_any_kept_checkpoint() {
        let kept = kept_of(&tree(&["a"]));
        let empty = Tree::new();
        assert_eq!(
            judge(&empty, &kept),
            Standing::Behind {
                size: 0,
                root: empty.root()
            }
        );
    }

    #[test]
    fn another_history_of_the_same_size_is_a_fork() {
        let kept = kept_of(&tree(&["a", "b", "c"]));
        let other = tree(&["a", "b", "x"]);
        assert_eq!(
            judge(&other, &kept),
            Standing::Forked { root: other.root() }
        );
    }

    #[test]
    fn another_history_that_grew_past_the_kept_size_is_a_fork() {
        let kept = kept_of(&tree(&["a", "b", "c"]));
        let other = tree(&["a", "x", "c", "d", "e"]);
        let at_three = other.root_at(3).expect("a root");
        assert_eq!(judge(&other, &kept), Standing::Forked { root: at_three });
    }

    #[test]
    fn the_refusal_names_both_sizes_and_roots_and_what_to_do() {
        let full = tree(&["a", "b", "c", "d"]);
        let cut = tree(&["a", "b"]);
        let refusal = Rollback {
            store: "SQLite file db".to_owned(),
            place: "file checkpoint.latest".to_owned(),
            kept: kept_of(&full),
            standing: judge(&cut, &kept_of(&full)),
        };
        let text = refusal.to_string();
        for part in [
            "is behind",
            "holds size 4 root",
            &full.root().to_string(),
            "the store holds 2 entries",
            &cut.root().to_string(),
            "rolled back",
            "--accept-rollback",
        ] {
            assert!(text.contains(part), "{part:?} missing from: {text}");
        }
    }
}
