//! The things a charter's record is about, as values. Events carry them and
//! the state holds them; neither judges them here.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::calendar::Period;
use crate::ids::{
    GroupId, IndicatorId, MeetingId, MilestoneId, OrganisationId, PartyCode, PersonId, ProjectId,
    ProvisionId,
};

/// Text in several languages, keyed by ISO 639-1 code (`fr`, `en`, `az`).
pub type Texts = BTreeMap<String, String>;

/// The charter as the instance holds it: read from its text (and metadata)
/// once, at initialisation, and recorded in the log so that a verifier sees
/// exactly which charter the record carries out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharterRecord {
    pub title: Texts,
    /// The language versions, the reference version first.
    pub languages: Vec<String>,
    pub signed_on: Date,
    pub parties: Vec<Party>,
    pub provisions: Vec<Provision>,
    pub obligations: Vec<Obligation>,
    pub working_groups: Vec<WorkingGroupSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub code: PartyCode,
    pub names: Texts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionKind {
    /// A recital of the preamble (`P.1`).
    Recital,
    /// A numbered item of a section (`II.4`).
    Item,
    /// An unnumbered paragraph of a section (`I.p2`).
    Paragraph,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provision {
    pub id: ProvisionId,
    pub kind: ProvisionKind,
    /// The section's Roman numeral, none for recitals.
    pub section: Option<String>,
    pub texts: Texts,
    /// A commitment the parties mean to carry out (Sections I–III of the
    /// bundled charter): coverage counts these.
    pub commitment: bool,
}

/// What a deadline asks to be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deliverable {
    /// Each working group's list of projects, agreed by both parties.
    ProjectList,
    /// Each working group's roadmap, agreed by both parties.
    Roadmap,
}

/// The event a deadline's period runs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    Signature,
    EntryIntoForce,
}

/// An obligation read from the charter's text, citing its provision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Obligation {
    Deadline {
        provision: ProvisionId,
        from: Trigger,
        within: Period,
        deliverables: Vec<Deliverable>,
        quote: String,
    },
    Recurring {
        provision: ProvisionId,
        every: Period,
        quote: String,
    },
    MutualAgreement {
        provision: ProvisionId,
        quote: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingGroupSpec {
    pub id: GroupId,
    pub names: Texts,
    /// Provisions suggested as the group's scope.
    pub scope: Vec<ProvisionId>,
    /// What a dialogue platform is for, per language (none for the
    /// charter's own working groups).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub purpose: Texts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    Government,
    PrivateCompany,
    International,
    CivilSociety,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrganisationKind,
    /// The party it belongs to, if any (a ministry belongs to its government).
    pub party: Option<PartyCode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub organisation: OrganisationId,
}

/// What a person may do. Who holds which role is part of the record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Role {
    /// Signs for a party on anything.
    Coordinator { party: PartyCode },
    /// Co-chairs a working group for a party (one per party per group).
    CoChair { group: GroupId, party: PartyCode },
    /// Works in a working group.
    Member { group: GroupId },
    /// A private-sector or other partner: sees the projects it takes part in.
    Partner,
    /// Reads everything and verifies the record.
    Auditor,
    /// Manages organisations, people and roles.
    Administrator,
}

/// Who may see a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    /// Anyone, including the public portal.
    Public,
    /// The people of both governments (and the project's partners).
    Partnership,
    /// The working group and the coordinators (and the project's partners).
    Restricted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    Proposed,
    Agreed,
    InProgress,
    Completed,
    Suspended,
    Cancelled,
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 6] = [
        ProjectStatus::Proposed,
        ProjectStatus::Agreed,
        ProjectStatus::InProgress,
        ProjectStatus::Completed,
        ProjectStatus::Suspended,
        ProjectStatus::Cancelled,
    ];
}

/// Money, in minor units (cents) to stay exact in the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Investment {
    pub amount_minor: i64,
    /// ISO 4217 (`USD`, `AZN`).
    pub currency: String,
    /// Public share in per cent; the private share is the rest.
    pub public_share_percent: Option<u8>,
}

/// A project's description: what a proposal of it contains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectSpec {
    pub group: GroupId,
    /// The title per language (older entries hold one plain string, read
    /// as `und`).
    #[serde(deserialize_with = "crate::texts::one_or_many")]
    pub title: Texts,
    /// What the project does, per language (none in older entries).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub description: Texts,
    pub provisions: Vec<ProvisionId>,
    pub lead_party: PartyCode,
    pub lead_organisations: Vec<OrganisationId>,
    pub partners: Vec<OrganisationId>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub investment: Option<Investment>,
    pub classification: Classification,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneSpec {
    pub id: MilestoneId,
    /// The title per language (older entries hold one plain string, read
    /// as `und`).
    #[serde(deserialize_with = "crate::texts::one_or_many")]
    pub title: Texts,
    pub project: Option<ProjectId>,
    pub due: Date,
    pub depends_on: Vec<MilestoneId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// A meeting of the parties under the charter (the yearly one).
    Charter,
    WorkingGroup,
    DialoguePlatform,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSpec {
    pub id: MeetingId,
    pub kind: MeetingKind,
    pub group: Option<GroupId>,
    pub date: Date,
    /// A place, or an online address.
    pub place: String,
    pub participants: Vec<PersonId>,
    pub agenda: Vec<AgendaItem>,
    /// The meeting's title per language (none in older entries).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub title: Texts,
}

/// One item of a meeting's agenda, linked to what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    #[serde(deserialize_with = "crate::texts::one_or_many")]
    pub title: Texts,
    pub projects: Vec<ProjectId>,
    pub milestones: Vec<MilestoneId>,
    pub provisions: Vec<ProvisionId>,
}

/// A file attached to a meeting (signed minutes, a presentation): the
/// record keeps its hash and size, the bytes are kept beside the store and
/// checked against the hash whenever they are served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    /// SHA-256 of the bytes, lowercase hexadecimal.
    pub sha256: String,
    pub size: u64,
    /// The file's name as given, without any folder.
    pub name: String,
    /// Its media type (`application/pdf`).
    pub media_type: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// A value measured on a date. Values are decimal strings, so the record
/// holds exactly what was entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedValue {
    pub value: String,
    pub date: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorSpec {
    pub id: IndicatorId,
    pub project: ProjectId,
    /// The name per language (older entries hold one plain string, read
    /// as `und`).
    #[serde(deserialize_with = "crate::texts::one_or_many")]
    pub name: Texts,
    pub unit: String,
    pub direction: Direction,
    pub baseline: DatedValue,
    pub target: DatedValue,
}
