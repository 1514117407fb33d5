//! A node's data folder: its replica of the record, its own accounts, what
//! it pinned when it first followed the primary, what its witness cosigned,
//! and its alarms with their evidence. Every file that is rewritten is
//! written whole to a temporary file, synced, then renamed over the old.
//!
//! ```text
//! DIR/accord.sqlite3    the replica (entries and the primary's checkpoints)
//! DIR/accounts.sqlite3  the node's own logins
//! DIR/node.json         the primary's address and its pinned verifier key
//! DIR/status.json       the follower's latest view (see `status`)
//! DIR/witness.json      the latest checkpoint the witness cosigned
//! DIR/alarms.jsonl      every alarm, one JSON object a line, append-only
//! DIR/evidence/         one file per alarm, standing on its own
//! ```

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::monitor::{AlarmKind, Evidence};

/// The replica's SQLite file in a node's folder.
pub const REPLICA_FILE: &str = "accord.sqlite3";
/// The node's own accounts.
pub const ACCOUNTS_FILE: &str = "accounts.sqlite3";

/// What a node pinned when it first followed its primary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeConfig {
    /// The primary's base URL.
    pub primary: String,
    /// The verifier key of the primary's checkpoints (`name+keyid+base64`).
    pub log_key: String,
    /// How the key came to be trusted: `given` (on the command line) or
    /// `first_use` (read from the primary on the first follow).
    pub key_trust: String,
}

/// One alarm, as kept in `alarms.jsonl` and shown by `accord node status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alarm {
    /// What was seen.
    pub kind: AlarmKind,
    /// When (RFC 3339, UTC).
    pub observed: String,
    /// One sentence a person can read.
    pub summary: String,
    /// The evidence file (absolute path), which stands on its own.
    pub evidence: PathBuf,
    /// The size of the offending checkpoint, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Its root (base64), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<String>,
}

/// A node's data folder.
#[derive(Debug, Clone)]
pub struct NodeFolder {
    dir: PathBuf,
}

impl NodeFolder {
    /// The folder at `dir`, created if it does not exist.
    pub fn create(dir: &Path) -> io::Result<NodeFolder> {
        fs::create_dir_all(dir.join("evidence"))?;
        let dir = fs::canonicalize(dir)?;
        Ok(NodeFolder { dir })
    }

    /// The folder at `dir`, which must exist.
    pub fn open(dir: &Path) -> io::Result<NodeFolder> {
        if !dir.join("node.json").is_file() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!(
                    "{} is not a node's data folder (no node.json): start one with `accord node follow URL --data {}`",
                    dir.display(),
                    dir.display()
                ),
            ));
        }
        Ok(NodeFolder {
            dir: fs::canonicalize(dir)?,
        })
    }

    /// The folder's path.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// A file of the folder.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The pinned configuration, if the node has followed before.
    pub fn config(&self) -> io::Result<Option<NodeConfig>> {
        read_json(&self.file("node.json"))
    }

    /// Pins the configuration.
    pub fn save_config(&self, config: &NodeConfig) -> io::Result<()> {
        write_json(&self.file("node.json"), config)
    }

    /// Reads a JSON file of the folder, if it exists.
    pub fn read<T: for<'de> Deserialize<'de>>(&self, name: &str) -> io::Result<Option<T>> {
        read_json(&self.file(name))
    }

    /// Writes a JSON file of the folder atomically.
    pub fn write<T: Serialize>(&self, name: &str, value: &T) -> io::Result<()> {
        write_json(&self.file(name), value)
    }

    /// Every alarm raised so far, oldest first. A line that does not parse
    /// (a torn write) is skipped.
    pub fn alarms(&self) -> io::Result<Vec<Alarm>> {
        match fs::read_to_string(self.file("alarms.jsonl")) {
            Ok(text) => Ok(text
                .lines()
                .filter_map(|line| serde_json::from_str(line).ok())
                .collect()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// Writes `evidence` to a new file of `evidence/` and records the alarm.
    pub fn raise(
        &self,
        evidence: &Evidence,
        size: Option<u64>,
        root: Option<String>,
    ) -> io::Result<Alarm> {
        let stamp: String = evidence
            .observed
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let mut path = self
            .dir
            .join("evidence")
            .join(format!("{stamp}-{}.evidence", evidence.kind.as_str()));
        let mut n = 1;
        while path.exists() {
            n += 1;
            path = self
                .dir
                .join("evidence")
                .join(format!("{stamp}-{}-{n}.evidence", evidence.kind.as_str()));
        }
        write_atomic(&path, evidence.to_text().as_bytes())?;
        let alarm = Alarm {
            kind: evidence.kind,
            observed: evidence.observed.clone(),
            summary: evidence.summary.clone(),
            evidence: path,
            size,
            root,
        };
        let mut line = serde_json::to_string(&alarm).map_err(io::Error::other)?;
        line.push('\n');
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.file("alarms.jsonl"))?;
        file.write_all(line.as_bytes())?;
        file.sync_all()?;
        Ok(alarm)
    }
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> io::Result<Option<T>> {
    match fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: {e}", path.display()),
            )
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn write_json<T: Serialize>(path: &Path, value: &T) -> io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(io::Error::other)?;
    bytes.push(b'\n');
    write_atomic(path, &bytes)
}

/// Writes `bytes` to `path` whole: a temporary file beside it, synced, then
/// renamed over it, so that a reader (or a crash) sees the old or the new.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file")
    ));
    {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
