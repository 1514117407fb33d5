//! Events: what happened, in the past tense. Each is one entry of the
//! tamper-evident log, encoded as canonical JSON (RFC 8785) so that a
//! verifier in any language can recompute every leaf from the same bytes.
//!
//! Every entry carries a schema version `v`. An entry written under an older
//! version is upcast when read, never rewritten: the log is append-only.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::agreement::{ContentHash, Scope, Signatory};
use crate::ids::{
    ActionId, GroupId, IndicatorId, MeetingId, MilestoneId, PersonId, ProjectId, ProposalId,
};
use crate::model::{
    CharterRecord, DatedValue, DocumentRef, IndicatorSpec, MeetingSpec, MilestoneSpec,
    Organisation, Person, ProjectSpec, ProjectStatus, Role, Texts, WorkingGroupSpec,
};

/// The schema version written today.
pub const CURRENT_VERSION: u32 = 1;

/// One entry of the record: an event, when it was recorded, and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub v: u32,
    /// When the system recorded it (read from the clock at the edge).
    pub recorded_at: Timestamp,
    /// The person who caused it; none for the system itself.
    pub by: Option<PersonId>,
    pub event: Event,
}

/// What a proposal asks both parties to agree to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProposalContent {
    /// A working group's list of projects.
    ProjectList {
        group: GroupId,
        projects: Vec<ProjectId>,
    },
    /// A working group's roadmap: its milestones.
    Roadmap {
        group: GroupId,
        milestones: Vec<MilestoneSpec>,
    },
    /// The minutes of a meeting, in each language they are written in.
    Minutes {
        meeting: MeetingId,
        #[serde(deserialize_with = "crate::texts::one_or_many")]
        text: Texts,
        decisions: Vec<Decision>,
    },
    /// A new working group.
    WorkingGroup { spec: WorkingGroupSpec },
    /// A new dialogue platform.
    DialoguePlatform {
        id: GroupId,
        #[serde(deserialize_with = "crate::texts::one_or_many")]
        name: Texts,
        #[serde(deserialize_with = "crate::texts::one_or_many")]
        purpose: Texts,
    },
    /// The provisions in a working group's scope, as its co-chairs propose.
    GroupScope {
        group: GroupId,
        provisions: Vec<crate::ids::ProvisionId>,
    },
    /// A change of substance to a project both parties already agreed: the
    /// project as it will stand, taking effect once adopted.
    ProjectAmendment {
        project: ProjectId,
        spec: ProjectSpec,
    },
    /// An act that took effect before it was recorded (a list agreed on
    /// paper at a meeting in May, recorded in December): the act, the date
    /// it took effect, and the document that shows it. Both parties agree
    /// to all three; the charter's rules judge the act by that date.
    Recorded {
        act: Box<ProposalContent>,
        took_effect_on: Date,
        evidence: Evidence,
    },
}

/// The document that shows an act took effect: one attached to a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub meeting: MeetingId,
    /// The document's SHA-256, as the meeting's documents record it.
    pub sha256: String,
}

impl ProposalContent {
    /// The act itself, under the record of when it took effect.
    pub fn act(&self) -> &ProposalContent {
        match self {
            ProposalContent::Recorded { act, .. } => act.act(),
            other => other,
        }
    }

    /// The act itself, to change a copy of it (a view filtered for a reader).
    pub fn act_mut(&mut self) -> &mut ProposalContent {
        match self {
            ProposalContent::Recorded { act, .. } => act.act_mut(),
            other => other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Information,
    Decision,
    Action,
}

/// A decision of a meeting, linked to what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub kind: DecisionKind,
    #[serde(deserialize_with = "crate::texts::one_or_many")]
    pub text: Texts,
    pub owner: Option<PersonId>,
    pub due: Option<Date>,
    pub provisions: Vec<crate::ids::ProvisionId>,
    pub projects: Vec<ProjectId>,
}

/// Everything that can happen to the record.
///
/// Encoded as `{"type": "ProjectProposed", "value": {...}}`: canonical JSON
/// sorts keys, so the tag comes before the fields and a reader can decode
/// the fields as it meets them, without buffering the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value")]
pub enum Event {
    InstanceInitialised {
        origin: String,
        charter: CharterRecord,
    },
    WorkingGroupCreated {
        spec: WorkingGroupSpec,
    },
    GroupScopeChanged {
        group: GroupId,
        provisions: Vec<crate::ids::ProvisionId>,
    },
    OrganisationRegistered {
        organisation: Organisation,
    },
    PersonRegistered {
        person: Person,
    },
    RoleGranted {
        person: PersonId,
        role: Role,
    },
    RoleRevoked {
        person: PersonId,
        role: Role,
    },

    ProjectProposed {
        project: ProjectId,
        spec: ProjectSpec,
    },
    ProjectAmended {
        project: ProjectId,
        spec: ProjectSpec,
    },
    ProjectStatusChanged {
        project: ProjectId,
        status: ProjectStatus,
        on: Date,
        /// Why (none in older entries).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },

    ProposalMade {
        proposal: ProposalId,
        scope: Scope,
        content: ProposalContent,
        content_hash: ContentHash,
        by: Signatory,
        on: Date,
    },
    ProposalAmended {
        proposal: ProposalId,
        content: ProposalContent,
        content_hash: ContentHash,
        by: Signatory,
        on: Date,
    },
    ApprovalsVoided {
        proposal: ProposalId,
        parties: Vec<crate::ids::PartyCode>,
    },
    ApprovalGiven {
        proposal: ProposalId,
        content_hash: ContentHash,
        by: Signatory,
        on: Date,
    },
    ApprovalWithdrawn {
        proposal: ProposalId,
        by: Signatory,
        on: Date,
    },
    ProposalRejected {
        proposal: ProposalId,
        reason: String,
        by: Signatory,
        on: Date,
    },
    ProposalAdopted {
        proposal: ProposalId,
        content_hash: ContentHash,
        on: Date,
    },
    ProposalWithdrawn {
        proposal: ProposalId,
        by: Signatory,
        on: Date,
    },

    MilestoneCompleted {
        milestone: MilestoneId,
        on: Date,
        /// What was done (none in older entries).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    MilestoneRescheduled {
        milestone: MilestoneId,
        due: Date,
        /// Why it moved (none in older entries).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },

    MeetingScheduled {
        meeting: MeetingSpec,
    },
    MeetingHeld {
        meeting: MeetingId,
        on: Date,
        /// Who attended (none in older entries).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        attendees: Vec<PersonId>,
    },
    MeetingRescheduled {
        meeting: MeetingId,
        date: Date,
        reason: String,
    },
    MeetingCancelled {
        meeting: MeetingId,
        reason: String,
        on: Date,
    },
    DocumentAttached {
        meeting: MeetingId,
        document: DocumentRef,
    },
    /// A file attached to a project.
    ProjectDocumentAttached {
        project: ProjectId,
        document: DocumentRef,
    },
    /// An action of adopted minutes, done.
    ActionCompleted {
        action: ActionId,
        note: String,
        on: Date,
    },

    IndicatorDefined {
        indicator: IndicatorSpec,
    },
    MeasurementRecorded {
        indicator: IndicatorId,
        measurement: DatedValue,
        source: String,
    },
}

/// Why an entry cannot be read back.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("entry is not valid JSON for an event: {0}")]
    Json(#[from] serde_json::Error),
    #[error("entry has schema version {found}, newer than this program's {CURRENT_VERSION}")]
    TooNew { found: u32 },
}

/// Encodes an entry as canonical JSON (RFC 8785): the exact bytes of its leaf.
pub fn encode(entry: &Entry) -> Vec<u8> {
    // Serialising these plain data types cannot fail: every map key is a string.
    serde_json_canonicalizer::to_vec(entry).unwrap_or_default()
}

/// Reads an entry back, upcasting older schema versions.
pub fn decode(bytes: &[u8]) -> Result<Entry, DecodeError> {
    #[derive(Deserialize)]
    struct Versioned {
        v: u32,
    }
    // One pass in the common case; the version is looked at on its own only
    // when the entry does not read as an event of this version.
    match serde_json::from_slice::<Entry>(bytes) {
        Ok(entry) if entry.v <= CURRENT_VERSION => Ok(entry),
        Ok(entry) => Err(DecodeError::TooNew { found: entry.v }),
        Err(error) => match serde_json::from_slice::<Versioned>(bytes) {
            Ok(Versioned { v }) if v > CURRENT_VERSION => Err(DecodeError::TooNew { found: v }),
            // Version 1 is the only one so far; later versions add their upcasts here.
            _ => Err(DecodeError::Json(error)),
        },
    }
}

/// The hash of a proposal's content: SHA-256 over its canonical JSON, in hex.
pub fn content_hash(content: &ProposalContent) -> ContentHash {
    use sha2::{Digest, Sha256};
    let bytes = serde_json_canonicalizer::to_vec(content).unwrap_or_default();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::ProjectId;

    #[test]
    fn an_entry_round_trips_through_its_canonical_bytes() {
        let entry = Entry {
            v: CURRENT_VERSION,
            recorded_at: "2026-04-02T10:00:00Z".parse().unwrap(),
            by: Some(PersonId::new("p1")),
            event: Event::MeetingHeld {
                meeting: MeetingId::new("m1"),
                on: jiff::civil::date(2026, 4, 2),
                attendees: Vec::new(),
            },
        };
        let bytes = encode(&entry);
        assert_eq!(decode(&bytes).unwrap(), entry);
        // Canonical: keys sorted, no spaces.
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.starts_with(
                r#"{"by":"p1","event":{"type":"MeetingHeld","value":{"meeting":"m1","on":"2026-04-02"}}"#
            ),
            "{text}"
        );
    }

    #[test]
    fn a_newer_schema_is_refused_not_misread() {
        let bytes =
            br#"{"v":99,"recorded_at":"2026-04-02T10:00:00Z","by":null,"event":{"type":"Future","value":{}}}"#;
        assert!(matches!(
            decode(bytes),
            Err(DecodeError::TooNew { found: 99 })
        ));
    }

    #[test]
    fn content_hash_depends_on_every_field() {
        let a = ProposalContent::ProjectList {
            group: "energy".into(),
            projects: vec![ProjectId::new("p1")],
        };
        let b = ProposalContent::ProjectList {
            group: "energy".into(),
            projects: vec![ProjectId::new("p2")],
        };
        assert_eq!(content_hash(&a).len(), 64);
        assert_ne!(content_hash(&a), content_hash(&b));
        assert_eq!(content_hash(&a), content_hash(&a.clone()));
    }
}
