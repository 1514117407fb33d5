//! The record as an auditor checks it from outside: the latest signed
//! checkpoint, the key that verifies it, and inclusion proofs of single
//! entries against that checkpoint.
//!
//! A proof shows only hashes, but asking for one names an entry, and its
//! answer says what kind of event the entry holds and when it was recorded.
//! So proofs are given only for entries whose event concerns things the
//! viewer may see (`may_see_entry`):
//!
//! - the operator, auditors and coordinators: every entry;
//! - the charter itself (initialisation, working groups, their scope):
//!   everyone, the public included;
//! - a project's, milestone's or indicator's events: whoever may see that
//!   project or milestone now (for the public: a public project both parties
//!   agreed);
//! - a proposal's events: whoever may see the proposal (`queries_detail`);
//! - a meeting's events: whoever sees the meeting in full (never the
//!   public, since a scheduling entry lists participants and agenda);
//! - organisations, people and roles: participants only, never the public.
//!
//! An entry the viewer may not see and an entry that does not exist get the
//! same answer: none.

use accord_domain::event::{Entry, Event, decode};
use accord_domain::state::State;
use accord_domain::visibility::{Viewer, can_see_milestone, can_see_project};
use accord_log::Hash;
use accord_store::{EventStore, Ledger};
use jiff::Timestamp;

use crate::queries_detail::{
    can_see_meeting_in_full, can_see_proposal, is_participant, sees_everything,
};
use crate::{App, AppError};

/// The latest signed checkpoint and what verifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSummary {
    /// The log's origin: the name in its checkpoints.
    pub origin: String,
    /// The tree size the checkpoint covers.
    pub size: u64,
    pub root: Hash,
    /// The signed note, verbatim.
    pub checkpoint: String,
    /// The verifier key (`name+keyid+base64`).
    pub verifier_key: String,
}

/// One log entry, as a history lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrySummary {
    pub index: u64,
    pub recorded_at: Timestamp,
    /// The event's type as the entry spells it (`ProjectProposed`).
    pub event_type: String,
    /// Who caused it (none for the operator); a query shows it only to
    /// those who may see people.
    pub by: Option<accord_domain::ids::PersonId>,
}

/// An inclusion proof of one entry in the tree of the latest checkpoint
/// (RFC 9162 §2.1.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryProof {
    pub entry: EntrySummary,
    pub size: u64,
    /// `SHA-256(0x00 ‖ entry)`.
    pub leaf_hash: Hash,
    pub root: Hash,
    /// From the leaf up.
    pub proof: Vec<Hash>,
    /// The checkpoint the root is signed in, verbatim.
    pub checkpoint: String,
}

impl<S: EventStore> App<S> {
    /// The latest signed checkpoint and its verifier key; none before the
    /// first entry is signed. The same for every viewer: it reveals only the
    /// log's size and root.
    pub fn record_summary(&self) -> Option<RecordSummary> {
        self.read_at_checkpoint(|_| ()).1
    }

    /// Reads the state together with the latest signed checkpoint, no write
    /// coming in between: a report made from `query`'s answer can name the
    /// checkpoint its figures were read at. Callers must filter what they
    /// show by the viewer, as with `read`.
    ///
    /// A write appends, signs, then applies its events, all under the
    /// writer's lock; so a state that holds exactly as many entries as the
    /// checkpoint covers is the state at that checkpoint. That is tried a
    /// few times without holding writers up for the length of `query`;
    /// under a stream of writes, the writer's lock is then held throughout.
    pub fn read_at_checkpoint<R>(
        &self,
        mut query: impl FnMut(&State) -> R,
    ) -> (R, Option<RecordSummary>) {
        const OPTIMISTIC_TRIES: usize = 3;
        for _ in 0..OPTIMISTIC_TRIES {
            let summary = self.latest_summary(&self.writer());
            let (answer, entries) = self.read(|state| (query(state), state.entries));
            if summary.as_ref().is_none_or(|s| s.size == entries) {
                return (answer, summary);
            }
        }
        // The writer's lock first, then the state's: the order a write takes.
        let ledger = self.writer();
        let summary = self.latest_summary(&ledger);
        let answer = self.read(query);
        drop(ledger);
        (answer, summary)
    }

    fn latest_summary(&self, ledger: &Ledger<S>) -> Option<RecordSummary> {
        ledger.latest_checkpoint().map(|latest| RecordSummary {
            origin: latest.checkpoint.origin.clone(),
            size: latest.checkpoint.size,
            root: latest.checkpoint.root,
            checkpoint: latest.note.clone(),
            verifier_key: ledger.verifier_key().to_string(),
        })
    }

    /// The inclusion proof of entry `index` against the latest checkpoint;
    /// none when the checkpoint does not cover it or `viewer` may not see
    /// what it is about.
    pub fn entry_proof(&self, viewer: &Viewer, index: u64) -> Result<Option<EntryProof>, AppError> {
        let (entry, proof) = {
            let mut ledger = self.writer();
            let Some(latest) = ledger.latest_checkpoint() else {
                return Ok(None);
            };
            let (size, root, checkpoint) = (
                latest.checkpoint.size,
                latest.checkpoint.root,
                latest.note.clone(),
            );
            if index >= size {
                return Ok(None);
            }
            let (Some(leaf_hash), Ok(hashes)) = (
                ledger.tree().leaf(index),
                ledger.inclusion_proof(index, size),
            ) else {
                return Ok(None);
            };
            let Some(entry) = read_entry(&mut ledger, index)? else {
                return Ok(None);
            };
            let proof = EntryProof {
                entry: summary(index, &entry),
                size,
                leaf_hash,
                root,
                proof: hashes,
                checkpoint,
            };
            (entry, proof)
        };
        // The log's lock is released before the state's is taken.
        let visible = self.read(|state| may_see_entry(state, viewer, &entry.event));
        Ok(visible.then_some(proof))
    }

    /// A C2SP `tlog-proof` of one entry, to be checked offline with a trust
    /// policy (`accord log check-proof FILE --policy FILE`): the entry's own
    /// bytes as `extra`, its inclusion proof, and the checkpoint it leads
    /// to. That checkpoint is the latest one witnesses cosigned (kept
    /// beside the log) when it covers the entry and agrees with the tree,
    /// else the latest signed one, which carries the log's signature only.
    /// Only for entries `viewer` may see (`may_see_entry`); none otherwise,
    /// exactly as for an entry that does not exist.
    pub fn entry_tlog_proof(
        &self,
        viewer: &Viewer,
        index: u64,
    ) -> Result<Option<accord_log::proof_file::TlogProof>, AppError> {
        let (event, proof) = {
            let mut ledger = self.writer();
            let cosigned = ledger.meta(accord_store::meta::COSIGNED_CHECKPOINT)?;
            let Some(latest) = ledger.latest_checkpoint() else {
                return Ok(None);
            };
            let latest = (latest.checkpoint.size, latest.note.clone());
            let covering = cosigned
                .and_then(|note| {
                    // A note's text ends at its first empty line; the
                    // signatures follow.
                    let (text, _) = note.split_once("\n\n")?;
                    let body = accord_log::checkpoint::Checkpoint::parse_body(&format!("{text}\n"))
                        .ok()?;
                    let agrees = ledger.tree().root_at(body.size).ok() == Some(body.root);
                    (agrees && index < body.size).then_some((body.size, note))
                })
                .or_else(|| (index < latest.0).then_some(latest));
            let Some((size, checkpoint)) = covering else {
                return Ok(None);
            };
            let Ok(hashes) = ledger.inclusion_proof(index, size) else {
                return Ok(None);
            };
            let Some(stored) = ledger.read(index, 1)?.into_iter().next() else {
                return Ok(None);
            };
            if stored.index != index {
                return Ok(None);
            }
            let entry =
                decode(&stored.entry).map_err(|error| AppError::BadEntry { index, error })?;
            let proof = accord_log::proof_file::TlogProof {
                extra: Some(stored.entry),
                index,
                proof: hashes,
                checkpoint,
            };
            (entry.event, proof)
        };
        // The log's lock is released before the state's is taken.
        let visible = self.read(|state| may_see_entry(state, viewer, &event));
        Ok(visible.then_some(proof))
    }

    /// The entries at `indices` that `viewer` may see (`may_see_entry`),
    /// summarised: a history lists only what its viewer can have proved.
    pub(crate) fn visible_entries(
        &self,
        viewer: &Viewer,
        indices: &[u64],
    ) -> Result<Vec<EntrySummary>, AppError> {
        Ok(self
            .visible_decoded(viewer, indices)?
            .iter()
            .map(|(index, entry)| summary(*index, entry))
            .collect())
    }

    /// The entries at `indices` (oldest first) that `viewer` may see,
    /// decoded. Consecutive indices are read in one go, so a history costs
    /// its own entries and no more, however long the log.
    pub(crate) fn visible_decoded(
        &self,
        viewer: &Viewer,
        indices: &[u64],
    ) -> Result<Vec<(u64, Entry)>, AppError> {
        let mut entries = Vec::with_capacity(indices.len());
        {
            let mut ledger = self.writer();
            for (first, count) in runs(indices) {
                for stored in ledger.read(first, count)? {
                    if stored.index < first || stored.index >= first + count as u64 {
                        continue;
                    }
                    let entry = decode(&stored.entry).map_err(|error| AppError::BadEntry {
                        index: stored.index,
                        error,
                    })?;
                    entries.push((stored.index, entry));
                }
            }
        }
        // The log's lock is released before the state's is taken.
        Ok(self.read(|state| {
            entries
                .into_iter()
                .filter(|(_, entry)| may_see_entry(state, viewer, &entry.event))
                .collect()
        }))
    }
}

/// `indices` as runs of consecutive indices: (first, how many).
fn runs(indices: &[u64]) -> Vec<(u64, usize)> {
    let mut runs: Vec<(u64, usize)> = Vec::new();
    for &index in indices {
        match runs.last_mut() {
            Some((first, count)) if *first + *count as u64 == index => *count += 1,
            Some((first, count)) if index >= *first && index < *first + *count as u64 => {}
            _ => runs.push((index, 1)),
        }
    }
    runs
}

/// Reads and decodes one entry; none when the log has no such entry.
fn read_entry<S: EventStore>(
    ledger: &mut accord_store::Ledger<S>,
    index: u64,
) -> Result<Option<Entry>, AppError> {
    let Some(stored) = ledger.read(index, 1)?.into_iter().next() else {
        return Ok(None);
    };
    if stored.index != index {
        return Ok(None);
    }
    decode(&stored.entry)
        .map(Some)
        .map_err(|error| AppError::BadEntry { index, error })
}

fn summary(index: u64, entry: &Entry) -> EntrySummary {
    EntrySummary {
        index,
        recorded_at: entry.recorded_at,
        event_type: event_type(&entry.event),
        by: entry.by.clone(),
    }
}

/// The event's type, as its canonical encoding names it (`"type"`).
pub fn event_type(event: &Event) -> String {
    serde_json::to_value(event)
        .ok()
        .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

/// Whether `viewer` may see what `event` is about (module documentation).
pub fn may_see_entry(state: &State, viewer: &Viewer, event: &Event) -> bool {
    if sees_everything(state, viewer) {
        return true;
    }
    let project = |id| {
        state
            .projects
            .get(id)
            .is_some_and(|p| can_see_project(state, viewer, p))
    };
    let proposal = |id| {
        state
            .proposals
            .get(id)
            .is_some_and(|p| can_see_proposal(state, viewer, p))
    };
    match event {
        Event::InstanceInitialised { .. }
        | Event::WorkingGroupCreated { .. }
        | Event::GroupScopeChanged { .. } => true,
        Event::OrganisationRegistered { .. }
        | Event::PersonRegistered { .. }
        | Event::RoleGranted { .. }
        | Event::RoleRevoked { .. } => is_participant(state, viewer),
        Event::ProjectProposed { project: id, .. }
        | Event::ProjectAmended { project: id, .. }
        | Event::ProjectStatusChanged { project: id, .. } => project(id),
        Event::ProposalMade { proposal: id, .. }
        | Event::ProposalAmended { proposal: id, .. }
        | Event::ApprovalsVoided { proposal: id, .. }
        | Event::ApprovalGiven { proposal: id, .. }
        | Event::ApprovalWithdrawn { proposal: id, .. }
        | Event::ProposalRejected { proposal: id, .. }
        | Event::ProposalAdopted { proposal: id, .. }
        | Event::ProposalWithdrawn { proposal: id, .. } => proposal(id),
        Event::MilestoneCompleted { milestone, .. }
        | Event::MilestoneRescheduled { milestone, .. } => state
            .milestones
            .get(milestone)
            .is_some_and(|m| can_see_milestone(state, viewer, m)),
        Event::MeetingScheduled { meeting } => state
            .meetings
            .get(&meeting.id)
            .is_some_and(|m| can_see_meeting_in_full(state, viewer, m)),
        Event::MeetingHeld { meeting, .. }
        | Event::MeetingRescheduled { meeting, .. }
        | Event::MeetingCancelled { meeting, .. }
        | Event::DocumentAttached { meeting, .. } => state
            .meetings
            .get(meeting)
            .is_some_and(|m| can_see_meeting_in_full(state, viewer, m)),
        Event::ActionCompleted { action, .. } => state
            .actions
            .get(action)
            .and_then(|a| state.meetings.get(&a.meeting))
            .is_some_and(|m| can_see_meeting_in_full(state, viewer, m)),
        Event::IndicatorDefined { indicator } => project(&indicator.project),
        Event::ProjectDocumentAttached { project: id, .. } => project(id),
        Event::MeasurementRecorded { indicator, .. } => state
            .indicators
            .get(indicator)
            .is_some_and(|i| project(&i.spec.project)),
    }
}

#[cfg(test)]
mod tests {
    use super::runs;

    #[test]
    fn consecutive_indices_are_read_in_one_run() {
        assert_eq!(runs(&[]), []);
        assert_eq!(runs(&[4, 5, 6, 9, 12, 13]), [(4, 3), (9, 1), (12, 2)]);
        // An index repeated stays in its run.
        assert_eq!(runs(&[1, 2, 2, 3]), [(1, 3)]);
    }
}
