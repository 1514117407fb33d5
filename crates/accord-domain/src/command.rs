//! Commands: what someone asks the record to do. A command is decided
//! against the current state (`decide`), which either refuses it with a
//! reason or answers with the events it causes.

use jiff::civil::Date;

use crate::agreement::ContentHash;
use crate::event::ProposalContent;
use crate::ids::{ActionId, IndicatorId, MeetingId, MilestoneId, PersonId, ProjectId, ProposalId};
use crate::model::{
    CharterRecord, DatedValue, DocumentRef, IndicatorSpec, MeetingSpec, Organisation, Person,
    ProjectSpec, ProjectStatus, Role,
};

/// Who asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The operator at the instance's own console (initialisation, imports).
    System,
    /// A person of the record, with the roles the record gives them.
    Person(PersonId),
}

/// The facts a decision needs from outside the record: who asks, and the
/// date it is (read from the clock at the edge, never here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub actor: Actor,
    pub today: Date,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Initialise {
        origin: String,
        charter: CharterRecord,
    },
    RegisterOrganisation {
        organisation: Organisation,
    },
    RegisterPerson {
        person: Person,
    },
    GrantRole {
        person: PersonId,
        role: Role,
    },
    RevokeRole {
        person: PersonId,
        role: Role,
    },

    ProposeProject {
        project: ProjectId,
        spec: ProjectSpec,
    },
    AmendProject {
        project: ProjectId,
        spec: ProjectSpec,
    },
    /// Sets a project's status, saying why.
    ChangeProjectStatus {
        project: ProjectId,
        status: ProjectStatus,
        reason: String,
    },

    Propose {
        proposal: ProposalId,
        content: ProposalContent,
    },
    AmendProposal {
        proposal: ProposalId,
        content: ProposalContent,
    },
    /// `content_hash` is the content the signatory saw.
    Approve {
        proposal: ProposalId,
        content_hash: ContentHash,
    },
    WithdrawApproval {
        proposal: ProposalId,
    },
    Reject {
        proposal: ProposalId,
        reason: String,
    },
    WithdrawProposal {
        proposal: ProposalId,
    },

    /// Marks a milestone completed on a date, with a note of what was done.
    CompleteMilestone {
        milestone: MilestoneId,
        on: Date,
        note: String,
    },
    /// Moves a milestone's due date, saying why (the drift from the agreed
    /// baseline shows it).
    RescheduleMilestone {
        milestone: MilestoneId,
        due: Date,
        reason: String,
    },

    ScheduleMeeting {
        meeting: MeetingSpec,
    },
    RecordMeetingHeld {
        meeting: MeetingId,
        on: Date,
        attendees: Vec<PersonId>,
    },
    /// Moves a meeting not yet held to another date.
    RescheduleMeeting {
        meeting: MeetingId,
        date: Date,
        reason: String,
    },
    /// Cancels a meeting not yet held.
    CancelMeeting {
        meeting: MeetingId,
        reason: String,
    },
    /// Records a file attached to a meeting (its bytes are kept outside
    /// the log).
    AttachDocument {
        meeting: MeetingId,
        document: DocumentRef,
    },
    /// Records a file attached to a project (a feasibility study, a site
    /// report; its bytes are kept outside the log).
    AttachProjectDocument {
        project: ProjectId,
        document: DocumentRef,
    },
    /// Marks an action of adopted minutes done.
    CompleteAction {
        action: ActionId,
        note: String,
    },

    DefineIndicator {
        indicator: IndicatorSpec,
    },
    RecordMeasurement {
        indicator: IndicatorId,
        measurement: DatedValue,
        source: String,
        /// The unit the value was measured in, when the person says it:
        /// refused unless it is the indicator's.
        unit: Option<String>,
    },
}
