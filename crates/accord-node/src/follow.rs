//! The follower: looks at the primary's signed checkpoint, and brings the
//! replica up to it from the primary's C2SP tiles, verifying before it
//! writes.
//!
//! One look ([`Follower::look`]):
//! 1. `GET <primary>/log/checkpoint`, opened with the pinned log key (a
//!    signature that fails is an alarm);
//! 2. compared with the checkpoint the replica accepted
//!    (`monitor::compare`): the same, newer, or a rollback or a fork
//!    (an alarm with its evidence, and the node stops accepting);
//! 3. for a newer one: the level-0 hash tiles of the entries the replica
//!    lacks (public), checked against the signed root with the replica's
//!    tree (`Ledger::check_extension`); then the entry bundles (with the
//!    node's credential; the wide form when an entry exceeds 64 KiB), each
//!    entry checked against its leaf before it is written and folded into
//!    the state the node's pages show.
//!
//! Nothing the primary sends is written before it is verified, and what
//! was verified is never given up. A look that fails leaves the accepted
//! checkpoint as it was; a failure in its first bundle leaves the replica
//! as it was, while one in a later bundle leaves the earlier bundles'
//! entries written (each checked against the signed root's leaves, as the
//! replica allows), which the next look completes, or, should the primary
//! then show a checkpoint those entries do not lead to, raises a fork.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use accord_app::App;
use accord_log::note::{self, NoteError, VerifierKey};
use accord_log::tiles::{self, TILE_WIDTH, TileKind, TilePath};
use accord_log::{Checkpoint, Hash, hash_leaf};
use accord_store::{EventStore, ReplicaError, open_primary_checkpoint};

use crate::folder::NodeFolder;
use crate::monitor::{AlarmKind, Evidence, Sighting, compare};
use crate::status::{FollowState, halts};

/// The record a node serves.
pub type Replica = App<Box<dyn EventStore>>;

/// How many tiles or bundles the follower fetches ahead of the one it checks.
const PREFETCH: usize = 16;
/// How many entries the replica writes in one transaction while it catches up.
const WRITE_BATCH: usize = 4096;

/// The largest response the follower reads: an entry bundle of 256 large
/// entries.
const MAX_RESPONSE_BYTES: u64 = 256 << 20;

/// Why one look at the primary failed. None of these changes the replica.
#[derive(Debug, thiserror::Error)]
pub enum FollowError {
    /// The primary could not be reached, or answered with an error.
    #[error("{url}: {reason}")]
    Unreachable {
        /// What was fetched.
        url: String,
        /// Why it failed.
        reason: String,
    },
    /// The primary refused the node's credential.
    #[error(
        "{url}: the primary refused this node's credential ({status}): ask its administrator for a new one (`accord node credential create`)"
    )]
    CredentialRefused {
        /// What was fetched.
        url: String,
        /// The status it answered.
        status: u16,
    },
    /// What the primary sent does not parse or does not verify.
    #[error("{url}: {reason}")]
    Invalid {
        /// What was fetched.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// The node raised an alarm and accepts nothing more from the primary.
    #[error(
        "halted after an alarm ({0}): the node serves what it verified and accepts nothing more from the primary"
    )]
    Halted(String),
    /// The replica refused to write (a store error, an entry this program
    /// cannot read).
    #[error("the replica: {0}")]
    Replica(#[from] accord_app::AppError),
}

/// What one look did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// The replica already held the primary's latest checkpoint.
    UpToDate,
    /// The replica grew by this many entries.
    Grew(u64),
    /// An alarm was raised.
    Alarm(AlarmKind),
}

/// Follows one primary for one replica.
#[derive(Debug)]
pub struct Follower {
    primary: String,
    credential: String,
    log_key: VerifierKey,
    replica: Arc<Replica>,
    folder: NodeFolder,
    agent: ureq::Agent,
    state: Mutex<FollowState>,
    clock: fn() -> jiff::Timestamp,
    witnessing: Option<Witnessing>,
    write_batch: usize,
}

/// The cosignatures a node expects on the primary's checkpoints: a C2SP
/// policy's quorum, within an allowance after the node first sees a
/// checkpoint.
#[derive(Debug)]
struct Witnessing {
    policy: accord_log::policy::Policy,
    allowance: std::time::Duration,
    /// The checkpoint (size, root) first seen without its quorum, and when.
    pending: Mutex<Option<(u64, Hash, jiff::Timestamp)>>,
}

impl Follower {
    /// The same, raising an `unwitnessed` alarm when the primary's latest
    /// checkpoint still lacks `policy`'s quorum of cosignatures `allowance`
    /// after the node first saw it (the alarm does not stop the follow).
    pub fn expecting_witnesses(
        mut self,
        policy: accord_log::policy::Policy,
        allowance: std::time::Duration,
    ) -> Follower {
        self.witnessing = Some(Witnessing {
            policy,
            allowance,
            pending: Mutex::new(None),
        });
        self
    }

    /// A follower of `primary` (its base URL) with `credential`, checking
    /// checkpoints with `log_key`, writing into `replica`.
    pub fn new(
        primary: &str,
        credential: &str,
        log_key: VerifierKey,
        replica: Arc<Replica>,
        folder: NodeFolder,
    ) -> Follower {
        let primary = primary.trim_end_matches('/').to_owned();
        let state = FollowState {
            primary: primary.clone(),
            ..folder
                .read("status.json")
                .ok()
                .flatten()
                .unwrap_or_default()
        };
        Follower {
            primary,
            credential: credential.to_owned(),
            log_key,
            replica,
            folder,
            agent: agent(),
            state: Mutex::new(state),
            clock: jiff::Timestamp::now,
            witnessing: None,
            write_batch: WRITE_BATCH,
        }
    }

    /// The same, writing at least `entries` entries per transaction while
    /// it catches up (each batch is written whole or not at all).
    pub fn writing_in_batches_of(mut self, entries: usize) -> Follower {
        self.write_batch = entries.max(1);
        self
    }

    /// What the follower last saw.
    pub fn state(&self) -> FollowState {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Looks at the primary once (see the module documentation), and keeps
    /// what it saw in `status.json`.
    pub fn look(&self) -> Result<Look, FollowError> {
        let outcome = self.look_inner();
        let now = (self.clock)().to_string();
        {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            match &outcome {
                Err(FollowError::Unreachable { .. }) => {
                    state.primary_reachable = false;
                    state.error = outcome.as_ref().err().map(ToString::to_string);
                }
                Err(e) => {
                    state.primary_reachable = true;
                    state.last_contact = Some(now);
                    state.error = Some(e.to_string());
                }
                Ok(_) => {
                    state.primary_reachable = true;
                    state.last_contact = Some(now);
                    state.error = None;
                }
            }
            if let Err(e) = self.folder.write("status.json", &*state) {
                tracing::warn!("cannot write the node's status: {e}");
            }
        }
        outcome
    }

    fn look_inner(&self) -> Result<Look, FollowError> {
        let url = format!("{}/log/checkpoint", self.primary);
        let note = String::from_utf8(self.get(&url, false)?).map_err(|_| FollowError::Invalid {
            url: url.clone(),
            reason: "the checkpoint is not UTF-8".into(),
        })?;
        // Text that is not a signed note at all (a proxy's error page) is
        // a broken answer, not a signature by another key: no alarm, and
        // the next look tries again.
        if let Err(NoteError::Malformed(why)) =
            note::open(&note, std::slice::from_ref(&self.log_key))
        {
            return Err(FollowError::Invalid {
                url,
                reason: format!("not a signed note: {why}"),
            });
        }
        let alarms = self.folder.alarms().unwrap_or_default();
        let offered = match open_primary_checkpoint(&note, &self.log_key) {
            Ok(signed) => signed.checkpoint,
            Err(e) => {
                let summary =
                    format!("the primary's checkpoint does not verify under the pinned key: {e}");
                return self.alarm(
                    AlarmKind::BadSignature,
                    &url,
                    summary,
                    None,
                    &note,
                    None,
                    &alarms,
                );
            }
        };
        self.note_primary_size(offered.size);
        self.watch_witnesses(&url, &note, &offered, &alarms);
        if halts(&alarms) {
            let last = alarms.iter().rev().find(|a| halts(std::slice::from_ref(a)));
            return Err(FollowError::Halted(
                last.map(|a| a.kind.as_str().to_owned()).unwrap_or_default(),
            ));
        }
        let accepted = self.replica.latest_signed();
        let sighting = match &accepted {
            None => Sighting::Newer,
            Some(accepted) => compare(&accepted.checkpoint, &offered, |size| {
                self.replica.root_at(size)
            }),
        };
        match sighting {
            Sighting::Same => Ok(Look::UpToDate),
            Sighting::Rollback | Sighting::Fork => {
                let accepted =
                    accepted.expect("a sighting other than newer has an accepted checkpoint");
                let kind = if sighting == Sighting::Rollback {
                    AlarmKind::Rollback
                } else {
                    AlarmKind::Fork
                };
                let summary = format!(
                    "the node accepted size {} (root {}); the primary now serves size {} (root {}) as its latest",
                    accepted.checkpoint.size, accepted.checkpoint.root, offered.size, offered.root
                );
                self.alarm(
                    kind,
                    &url,
                    summary,
                    Some(&accepted.note),
                    &note,
                    Some(&offered),
                    &alarms,
                )
            }
            Sighting::Newer => self.extend(&note, &offered, accepted.map(|a| a.note), &alarms),
        }
    }

    /// Brings the replica from its size up to `offered`.
    fn extend(
        &self,
        note: &str,
        offered: &Checkpoint,
        accepted_note: Option<String>,
        alarms: &[crate::folder::Alarm],
    ) -> Result<Look, FollowError> {
        let held = self.replica.size();
        let size = offered.size;
        if size <= held {
            // Entries of an earlier extension, verified but not yet under
            // a filed checkpoint (its last bundle failed): the offered
            // checkpoint must have the replica's root at its size.
            if self.replica.root_at(size) == Some(offered.root) {
                return Ok(Look::UpToDate);
            }
            let summary = format!(
                "the primary's checkpoint of size {size} (root {}) is not the root of the {size} entries this node verified",
                offered.root
            );
            let url = format!("{}/log/checkpoint", self.primary);
            return self.alarm(
                AlarmKind::Fork,
                &url,
                summary,
                accepted_note.as_deref(),
                note,
                Some(offered),
                alarms,
            );
        }
        let first_tile = held / TILE_WIDTH;
        let last_tile = (size - 1) / TILE_WIDTH;
        // 1. The leaves, from the public hash tiles.
        // Grown tile by tile: a signed size is the primary's word, and a
        // capacity taken from it could exceed what can be allocated.
        let mut leaves: Vec<Hash> = Vec::with_capacity((size - held).min(TILE_WIDTH) as usize);
        self.prefetched(
            first_tile..=last_tile,
            |index| {
                let width = tiles::tile_width_at(size, 0, index).unwrap_or(TILE_WIDTH as u16);
                let path = TilePath {
                    kind: TileKind::Hash { level: 0 },
                    index,
                    width,
                };
                let url = format!("{}/log/{path}", self.primary);
                let bytes = self.get(&url, false)?;
                tiles::tile_hashes(&bytes)
                    .ok()
                    .filter(|h| h.len() == usize::from(width))
                    .ok_or_else(|| FollowError::Invalid {
                        url: url.clone(),
                        reason: format!("not a tile of {width} hashes ({} bytes)", bytes.len()),
                    })
            },
            |index, hashes| {
                let skip = held.saturating_sub(index * TILE_WIDTH) as usize;
                leaves.extend(hashes.into_iter().skip(skip));
                Ok(None)
            },
        )?;
        let extension = match self.replica.check_extension(note, leaves.clone()) {
            Ok(extension) => extension,
            Err(accord_app::AppError::Replica(
                ReplicaError::RootMismatch { .. } | ReplicaError::WrongSize { .. },
            )) => {
                let summary = format!(
                    "the primary's checkpoint of size {size} (root {}) is not an extension of the {held} entries this node accepted, by the primary's own hash tiles",
                    offered.root
                );
                let url = format!("{}/log/checkpoint", self.primary);
                return self.alarm(
                    AlarmKind::Fork,
                    &url,
                    summary,
                    accepted_note.as_deref(),
                    note,
                    Some(offered),
                    alarms,
                );
            }
            Err(e) => return Err(e.into()),
        };
        // 2. The entries, bundle by bundle (fetched ahead on a thread of
        // their own), each checked against its verified leaf before the
        // replica decodes it, and written some bundles at a time.
        let mut pending: Vec<Vec<u8>> = Vec::new();
        let last_index = last_tile;
        let stopped = self.prefetched(
            first_tile..=last_tile,
            |index| {
                let width = tiles::tile_width_at(size, 0, index).unwrap_or(TILE_WIDTH as u16);
                let path = TilePath {
                    kind: TileKind::Entries,
                    index,
                    width,
                };
                let entries = self.entries(&path)?;
                if entries.len() != usize::from(width) {
                    return Err(FollowError::Invalid {
                        url: format!("{}/log/{path}", self.primary),
                        reason: format!("{} entries where the bundle holds {width}", entries.len()),
                    });
                }
                // Each entry against its verified leaf (on this thread,
                // while the other writes): an entry that does not hash to
                // its leaf is the primary's misbehaviour, whatever its bytes.
                let bad = entries
                    .iter()
                    .zip(index * TILE_WIDTH..)
                    .filter(|(_, i)| *i >= held)
                    .find(|(entry, i)| hash_leaf(entry) != leaves[(i - held) as usize])
                    .map(|(_, i)| i);
                Ok((entries, bad))
            },
            |index, (entries, bad)| {
                if let Some(bad) = bad {
                    return Ok(Some(self.bad_entries(
                        bad,
                        size,
                        &accepted_note,
                        note,
                        offered,
                        alarms,
                    )));
                }
                let from = self.replica.size() + pending.len() as u64;
                let skip = from.saturating_sub(index * TILE_WIDTH) as usize;
                pending.extend(entries.into_iter().skip(skip));
                if pending.len() < self.write_batch && index != last_index {
                    return Ok(None);
                }
                let batch = std::mem::take(&mut pending);
                Ok(self
                    .write(&extension, &batch)?
                    .map(|bad| self.bad_entries(bad, size, &accepted_note, note, offered, alarms)))
            },
        )?;
        if let Some(look) = stopped {
            return Ok(look);
        }
        Ok(Look::Grew(size - held))
    }

    /// Writes `batch` (the entries after the replica's size, each already
    /// checked against its leaf) within the checked `extension`, which
    /// checks them again: answers the index of an entry that does not hash
    /// to its leaf, if any (nothing of the batch is then written).
    fn write(
        &self,
        extension: &accord_store::Extension,
        batch: &[Vec<u8>],
    ) -> Result<Option<u64>, FollowError> {
        match self.replica.replicate(extension, batch) {
            Ok(_) => Ok(None),
            Err(accord_app::AppError::Replica(ReplicaError::EntryMismatch { index })) => {
                Ok(Some(index))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The `bad_entries` alarm for entry `bad` of the checkpoint of `size`.
    fn bad_entries(
        &self,
        bad: u64,
        size: u64,
        accepted_note: &Option<String>,
        note: &str,
        offered: &Checkpoint,
        alarms: &[crate::folder::Alarm],
    ) -> Look {
        let index = bad / TILE_WIDTH;
        let path = TilePath {
            kind: TileKind::Entries,
            index,
            width: tiles::tile_width_at(size, 0, index).unwrap_or(TILE_WIDTH as u16),
        };
        let summary = format!(
            "entry {bad} of the primary's bundle {path} does not hash to the leaf of its own hash tile, which its checkpoint of size {size} signs"
        );
        let url = format!("{}/log/{path}", self.primary);
        self.alarm(
            AlarmKind::BadEntries,
            &url,
            summary,
            accepted_note.as_deref(),
            note,
            Some(offered),
            alarms,
        )
        .unwrap_or(Look::Alarm(AlarmKind::BadEntries))
    }

    /// Fetches `fetch(i)` for each tile index on a thread of its own, a few
    /// ahead, while `consume` takes them in order on this one; stops at the
    /// first error or at the first look `consume` answers.
    fn prefetched<T: Send>(
        &self,
        indices: std::ops::RangeInclusive<u64>,
        fetch: impl Fn(u64) -> Result<T, FollowError> + Sync,
        mut consume: impl FnMut(u64, T) -> Result<Option<Look>, FollowError>,
    ) -> Result<Option<Look>, FollowError> {
        std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel(PREFETCH);
            let fetch = &fetch;
            scope.spawn(move || {
                for index in indices {
                    let fetched = fetch(index);
                    let failed = fetched.is_err();
                    if sender.send((index, fetched)).is_err() || failed {
                        break;
                    }
                }
            });
            for (index, fetched) in receiver {
                if let Some(look) = consume(index, fetched?)? {
                    return Ok(Some(look));
                }
            }
            Ok(None)
        })
    }

    /// The entries of one bundle: the standard form, or the wide one when
    /// the primary says an entry does not fit it.
    fn entries(&self, path: &TilePath) -> Result<Vec<Vec<u8>>, FollowError> {
        let url = format!("{}/log/{path}", self.primary);
        match self.fetch(&url, true)? {
            (200, bytes) => tiles::decode_bundle(&bytes).map_err(|e| FollowError::Invalid {
                url,
                reason: e.to_string(),
            }),
            (413, _) => {
                let wide = format!(
                    "{}/log/wide/{}",
                    self.primary,
                    path.to_string().trim_start_matches("tile/")
                );
                let bytes = self.get(&wide, true)?;
                tiles::decode_wide_bundle(&bytes).map_err(|e| FollowError::Invalid {
                    url: wide,
                    reason: e.to_string(),
                })
            }
            (status, body) => Err(self.refused(&url, status, &body)),
        }
    }

    /// Raises an alarm with its evidence, once per offending checkpoint.
    #[allow(clippy::too_many_arguments)]
    fn alarm(
        &self,
        kind: AlarmKind,
        source: &str,
        summary: String,
        accepted_note: Option<&str>,
        offered_note: &str,
        offered: Option<&Checkpoint>,
        alarms: &[crate::folder::Alarm],
    ) -> Result<Look, FollowError> {
        let size = offered.map(|c| c.size);
        let root = offered.map(|c| c.root.to_base64());
        if alarms
            .iter()
            .any(|a| a.kind == kind && a.size == size && a.root == root)
        {
            return Ok(Look::Alarm(kind));
        }
        let mut sections = Vec::new();
        if let Some(accepted) = accepted_note {
            sections.push(("accepted".to_owned(), accepted.to_owned()));
        }
        sections.push(("offered".to_owned(), offered_note.to_owned()));
        let evidence = Evidence {
            kind,
            observed: (self.clock)().to_string(),
            source: source.to_owned(),
            log_key: self.log_key.to_string(),
            summary,
            sections,
        };
        match self.folder.raise(&evidence, size, root) {
            Ok(alarm) => tracing::error!(
                kind = kind.as_str(),
                evidence = %alarm.evidence.display(),
                "ALARM: {}",
                evidence.summary
            ),
            Err(e) => tracing::error!("cannot write the evidence of a {}: {e}", kind.as_str()),
        }
        Ok(Look::Alarm(kind))
    }

    /// Raises `unwitnessed` once for a checkpoint left without the
    /// policy's quorum longer than the allowance.
    fn watch_witnesses(
        &self,
        url: &str,
        note: &str,
        offered: &Checkpoint,
        alarms: &[crate::folder::Alarm],
    ) {
        let Some(witnessing) = &self.witnessing else {
            return;
        };
        let now = (self.clock)();
        let missing = match witnessing.policy.check(note) {
            Ok(_) => None,
            Err(e) => Some(e.to_string()),
        };
        let mut pending = witnessing
            .pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let Some(why) = missing else {
            *pending = None;
            return;
        };
        let since = match *pending {
            Some((size, root, since)) if size == offered.size && root == offered.root => since,
            _ => {
                *pending = Some((offered.size, offered.root, now));
                now
            }
        };
        let waited = now.duration_since(since).unsigned_abs();
        if waited < witnessing.allowance {
            return;
        }
        drop(pending);
        let summary = format!(
            "the primary's checkpoint of size {} has lacked its policy's quorum for {} s (allowed: {} s): {why}",
            offered.size,
            waited.as_secs(),
            witnessing.allowance.as_secs()
        );
        let _ = self.alarm(
            AlarmKind::Unwitnessed,
            url,
            summary,
            None,
            note,
            Some(offered),
            alarms,
        );
    }

    fn note_primary_size(&self, size: u64) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .primary_size = Some(size);
    }

    /// GETs `url`; anything but 200 is an error.
    fn get(&self, url: &str, credential: bool) -> Result<Vec<u8>, FollowError> {
        match self.fetch(url, credential)? {
            (200, bytes) => Ok(bytes),
            (status, body) => Err(self.refused(url, status, &body)),
        }
    }

    fn refused(&self, url: &str, status: u16, body: &[u8]) -> FollowError {
        if status == 401 || status == 403 {
            return FollowError::CredentialRefused {
                url: url.to_owned(),
                status,
            };
        }
        let said = String::from_utf8_lossy(&body[..body.len().min(200)])
            .trim()
            .to_owned();
        FollowError::Unreachable {
            url: url.to_owned(),
            reason: format!("answered {status}: {said}"),
        }
    }

    fn fetch(&self, url: &str, credential: bool) -> Result<(u16, Vec<u8>), FollowError> {
        let mut request = self.agent.get(url);
        if credential {
            request = request.header("Authorization", &format!("Bearer {}", self.credential));
        }
        let mut response = request.call().map_err(|e| FollowError::Unreachable {
            url: url.to_owned(),
            reason: e.to_string(),
        })?;
        let status = response.status().as_u16();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE_BYTES)
            .read_to_vec()
            .map_err(|e| FollowError::Unreachable {
                url: url.to_owned(),
                reason: e.to_string(),
            })?;
        Ok((status, bytes))
    }
}

/// The HTTP client of a node: bounded waits, statuses as values.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .timeout_connect(Some(Duration::from_secs(5)))
        .http_status_as_error(false)
        .build()
        .into()
}

/// Fetches the verifier key the primary says it signs with
/// (`GET /api/v1/record/checkpoint`), for a node that trusts it on first use.
pub fn fetch_log_key(primary: &str) -> Result<VerifierKey, FollowError> {
    let url = format!("{}/api/v1/record/checkpoint", primary.trim_end_matches('/'));
    let mut response = agent()
        .get(&url)
        .call()
        .map_err(|e| FollowError::Unreachable {
            url: url.clone(),
            reason: e.to_string(),
        })?;
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .read_to_string()
        .map_err(|e| FollowError::Unreachable {
            url: url.clone(),
            reason: e.to_string(),
        })?;
    if status != 200 {
        return Err(FollowError::Unreachable {
            url,
            reason: format!("answered {status}"),
        });
    }
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| FollowError::Invalid {
            url: url.clone(),
            reason: e.to_string(),
        })?;
    let key = value
        .get("verifier_key")
        .and_then(|k| k.as_str())
        .ok_or_else(|| FollowError::Invalid {
            url: url.clone(),
            reason: "no verifier_key in the answer".into(),
        })?;
    VerifierKey::parse(key).map_err(|e| FollowError::Invalid {
        url,
        reason: format!("the verifier key does not parse: {e}"),
    })
}
