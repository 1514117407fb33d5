//! The state of an instance: every event folded, in order. `evolve` applies
//! one entry and judges nothing (`decide` already did); replaying the log
//! from the start rebuilds exactly the state the live instance holds.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::Serialize;

use crate::agreement::{self, Proposal};
use crate::calendar::utc_date;
use crate::event::{Decision, DecisionKind, Entry, Event, ProposalContent};
use crate::ids::{
    ActionId, GroupId, IndicatorId, MeetingId, MilestoneId, OrganisationId, PersonId, ProjectId,
    ProposalId,
};
use crate::model::{
    CharterRecord, DatedValue, DocumentRef, IndicatorSpec, MeetingSpec, MilestoneSpec,
    Organisation, Person, ProjectSpec, ProjectStatus, Role, WorkingGroupSpec,
};
use crate::project_index::{Place, ProjectIndex};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct State {
    /// The log's origin line (the instance's name in its checkpoints).
    pub origin: String,
    pub charter: Option<CharterRecord>,
    pub groups: BTreeMap<GroupId, WorkingGroup>,
    pub organisations: BTreeMap<OrganisationId, Organisation>,
    pub persons: BTreeMap<PersonId, Person>,
    pub roles: BTreeMap<PersonId, BTreeSet<Role>>,
    pub projects: BTreeMap<ProjectId, Project>,
    pub proposals: BTreeMap<ProposalId, ProposalRecord>,
    pub milestones: BTreeMap<MilestoneId, Milestone>,
    pub meetings: BTreeMap<MeetingId, Meeting>,
    /// The actions of adopted minutes, open or done.
    pub actions: BTreeMap<ActionId, Action>,
    pub indicators: BTreeMap<IndicatorId, Indicator>,
    /// How many entries have been folded.
    pub entries: u64,
    /// The projects' ids by group and by who sees them, derived from
    /// `projects` (never recorded, never serialised).
    #[serde(skip)]
    pub project_index: ProjectIndex,
    /// The ids of each project's milestones and indicators, derived from
    /// `milestones` and `indicators` (never recorded, never serialised): a
    /// project's page finds its own without a walk over every milestone of
    /// the instance.
    #[serde(skip)]
    pub project_parts: BTreeMap<ProjectId, ProjectParts>,
}

/// A project's milestones and indicators, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectParts {
    pub milestones: BTreeSet<MilestoneId>,
    pub indicators: BTreeSet<IndicatorId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkingGroup {
    pub spec: WorkingGroupSpec,
    /// A dialogue platform rather than a working group.
    pub dialogue_platform: bool,
    /// When both parties agreed its project list (the latest adoption).
    pub project_list_agreed_on: Option<Date>,
    /// When both parties agreed its roadmap (the latest adoption).
    pub roadmap_agreed_on: Option<Date>,
    /// The agreed roadmap, frozen: later changes show as drift from it.
    pub baseline: Vec<MilestoneSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Project {
    pub id: ProjectId,
    pub spec: ProjectSpec,
    pub status: ProjectStatus,
    /// The entry index of each event about this project: its history.
    pub history: Vec<u64>,
    /// The date of its latest change, for spotting stale projects.
    pub updated_on: Option<Date>,
    /// The files attached to it, in the order they were.
    pub documents: Vec<DocumentRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProposalRecord {
    pub id: ProposalId,
    pub content: ProposalContent,
    pub agreement: Proposal,
    pub made_on: Date,
    /// The entry index of each event about this proposal: its history.
    pub history: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Milestone {
    pub group: GroupId,
    /// The milestone as it stands (its due date moves when rescheduled).
    pub spec: MilestoneSpec,
    pub completed_on: Option<Date>,
    /// Its due date in the agreed roadmap: the baseline drift is measured from.
    pub baseline_due: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    pub spec: MeetingSpec,
    pub held_on: Option<Date>,
    /// Who attended, as recorded with the meeting held.
    pub attendees: Vec<PersonId>,
    /// The adopted minutes' proposal, if any (the latest adopted).
    pub minutes: Option<ProposalId>,
    /// When and why it was cancelled.
    pub cancelled: Option<(Date, String)>,
    /// Each earlier date it was moved from, with the reason.
    pub rescheduled: Vec<(Date, String)>,
    pub documents: Vec<DocumentRef>,
    /// The entry index of each event about this meeting.
    pub history: Vec<u64>,
}

/// An action of adopted minutes: who owns it, by when, and when it was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    pub id: ActionId,
    pub meeting: MeetingId,
    /// The minutes it comes from.
    pub minutes: ProposalId,
    pub decision: Decision,
    /// When the minutes were adopted.
    pub adopted_on: Date,
    /// When it was done, by whom, and the note they left.
    pub done: Option<(Date, Option<PersonId>, String)>,
}

impl Action {
    /// The id of the `n`th decision (from 1) of the minutes `proposal`.
    pub fn id_of(proposal: &ProposalId, n: usize) -> ActionId {
        ActionId::new(format!("{proposal}-action-{n}"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Indicator {
    pub spec: IndicatorSpec,
    pub measurements: Vec<(DatedValue, String)>,
}

impl State {
    /// The state after folding `entries` from the start.
    pub fn replay<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> State {
        let mut state = State::default();
        for entry in entries {
            state.evolve(entry);
        }
        state
    }

    pub fn roles_of(&self, person: &PersonId) -> impl Iterator<Item = &Role> {
        self.roles.get(person).into_iter().flatten()
    }

    /// Applies one entry (the next one of the log).
    pub fn evolve(&mut self, entry: &Entry) {
        let index = self.entries;
        self.entries += 1;
        match &entry.event {
            Event::InstanceInitialised { origin, charter } => {
                self.origin = origin.clone();
                self.charter = Some(charter.clone());
            }
            Event::WorkingGroupCreated { spec } => {
                self.groups
                    .insert(spec.id.clone(), WorkingGroup::new(spec.clone(), false));
            }
            Event::GroupScopeChanged { group, provisions } => {
                if let Some(g) = self.groups.get_mut(group) {
                    g.spec.scope = provisions.clone();
                }
            }
            Event::OrganisationRegistered { organisation } => {
                self.organisations
                    .insert(organisation.id.clone(), organisation.clone());
            }
            Event::PersonRegistered { person } => {
                self.persons.insert(person.id.clone(), person.clone());
            }
            Event::RoleGranted { person, role } => {
                self.roles
                    .entry(person.clone())
                    .or_default()
                    .insert(role.clone());
            }
            Event::RoleRevoked { person, role } => {
                if let Some(roles) = self.roles.get_mut(person) {
                    roles.remove(role);
                }
            }
            Event::ProjectProposed { project, spec } => {
                let before = self.place_of(project);
                self.projects.insert(
                    project.clone(),
                    Project {
                        id: project.clone(),
                        spec: spec.clone(),
                        status: ProjectStatus::Proposed,
                        history: vec![index],
                        updated_on: Some(utc_date(entry.recorded_at)),
                        documents: Vec::new(),
                    },
                );
                self.reindex(project, before);
            }
            Event::ProjectAmended { project, spec } => {
                let before = self.place_of(project);
                if let Some(p) = self.projects.get_mut(project) {
                    p.spec = spec.clone();
                    p.history.push(index);
                    p.updated_on = Some(utc_date(entry.recorded_at));
                }
                self.reindex(project, before);
            }
            Event::ProjectStatusChanged {
                project,
                status,
                on,
                ..
            } => {
                let before = self.place_of(project);
                if let Some(p) = self.projects.get_mut(project) {
                    p.status = *status;
                    p.history.push(index);
                    p.updated_on = Some(*on);
                }
                self.reindex(project, before);
            }
            Event::ProposalMade {
                proposal,
                scope,
                content,
                content_hash,
                by,
                on,
            } => {
                let agreement = agreement::evolve(
                    None,
                    &agreement::Event::ProposalMade {
                        scope: scope.clone(),
                        content_hash: content_hash.clone(),
                        by: by.clone(),
                        on: *on,
                    },
                );
                if let Some(agreement) = agreement {
                    self.proposals.insert(
                        proposal.clone(),
                        ProposalRecord {
                            id: proposal.clone(),
                            content: content.clone(),
                            agreement,
                            made_on: *on,
                            history: vec![index],
                        },
                    );
                    if let ProposalContent::ProjectAmendment { project, .. } = content.act() {
                        self.project_history(project, index);
                    }
                }
            }
            Event::ProposalAmended {
                proposal,
                content,
                content_hash,
                by,
                on,
            } => {
                self.fold_agreement(
                    proposal,
                    index,
                    agreement::Event::ProposalAmended {
                        content_hash: content_hash.clone(),
                        by: by.clone(),
                        on: *on,
                    },
                );
                if let Some(record) = self.proposals.get_mut(proposal) {
                    record.content = content.clone();
                }
            }
            Event::ApprovalsVoided { proposal, parties } => self.fold_agreement(
                proposal,
                index,
                agreement::Event::ApprovalsVoided {
                    parties: parties.clone(),
                },
            ),
            Event::ApprovalGiven {
                proposal,
                content_hash,
                by,
                on,
            } => self.fold_agreement(
                proposal,
                index,
                agreement::Event::ApprovalGiven {
                    content_hash: content_hash.clone(),
                    by: by.clone(),
                    on: *on,
                },
            ),
            Event::ApprovalWithdrawn { proposal, by, on } => self.fold_agreement(
                proposal,
                index,
                agreement::Event::ApprovalWithdrawn {
                    party: by.party.clone(),
                    by: by.clone(),
                    on: *on,
                },
            ),
            Event::ProposalRejected {
                proposal,
                reason,
                by,
                on,
            } => self.fold_agreement(
                proposal,
                index,
                agreement::Event::ProposalRejected {
                    reason: reason.clone(),
                    by: by.clone(),
                    on: *on,
                },
            ),
            Event::ProposalWithdrawn { proposal, by, on } => self.fold_agreement(
                proposal,
                index,
                agreement::Event::ProposalWithdrawn {
                    by: by.clone(),
                    on: *on,
                },
            ),
            Event::ProposalAdopted {
                proposal,
                content_hash,
                on,
            } => {
                self.fold_agreement(
                    proposal,
                    index,
                    agreement::Event::ProposalAdopted {
                        content_hash: content_hash.clone(),
                        on: *on,
                    },
                );
                if let Some(record) = self.proposals.get(proposal) {
                    let content = record.content.clone();
                    self.take_effect(proposal, &content, *on, index);
                }
            }
            Event::MilestoneCompleted { milestone, on, .. } => {
                if let Some(m) = self.milestones.get_mut(milestone) {
                    m.completed_on = Some(*on);
                    if let Some(project) = m.spec.project.clone() {
                        self.project_history(&project, index);
                    }
                }
            }
            Event::MilestoneRescheduled { milestone, due, .. } => {
                if let Some(m) = self.milestones.get_mut(milestone) {
                    m.spec.due = *due;
                    if let Some(project) = m.spec.project.clone() {
                        self.project_history(&project, index);
                    }
                }
            }
            Event::MeetingScheduled { meeting } => {
                self.meetings.insert(
                    meeting.id.clone(),
                    Meeting {
                        spec: meeting.clone(),
                        held_on: None,
                        attendees: Vec::new(),
                        minutes: None,
                        cancelled: None,
                        rescheduled: Vec::new(),
                        documents: Vec::new(),
                        history: vec![index],
                    },
                );
            }
            Event::MeetingHeld {
                meeting,
                on,
                attendees,
            } => {
                if let Some(m) = self.meetings.get_mut(meeting) {
                    m.held_on = Some(*on);
                    m.attendees = attendees.clone();
                    m.history.push(index);
                }
            }
            Event::MeetingRescheduled {
                meeting,
                date,
                reason,
            } => {
                if let Some(m) = self.meetings.get_mut(meeting) {
                    m.rescheduled.push((m.spec.date, reason.clone()));
                    m.spec.date = *date;
                    m.history.push(index);
                }
            }
            Event::MeetingCancelled {
                meeting,
                reason,
                on,
            } => {
                if let Some(m) = self.meetings.get_mut(meeting) {
                    m.cancelled = Some((*on, reason.clone()));
                    m.history.push(index);
                }
            }
            Event::DocumentAttached { meeting, document } => {
                if let Some(m) = self.meetings.get_mut(meeting) {
                    m.documents.push(document.clone());
                    m.history.push(index);
                }
            }
            Event::ProjectDocumentAttached { project, document } => {
                if let Some(p) = self.projects.get_mut(project) {
                    p.documents.push(document.clone());
                    p.history.push(index);
                    p.updated_on = Some(utc_date(entry.recorded_at));
                }
            }
            Event::ActionCompleted { action, note, on } => {
                if let Some(a) = self.actions.get_mut(action) {
                    a.done = Some((*on, entry.by.clone(), note.clone()));
                }
            }
            Event::IndicatorDefined { indicator } => {
                if let Some(before) = self.indicators.get(&indicator.id) {
                    let project = before.spec.project.clone();
                    if let Some(parts) = self.project_parts.get_mut(&project) {
                        parts.indicators.remove(&indicator.id);
                    }
                }
                self.project_parts
                    .entry(indicator.project.clone())
                    .or_default()
                    .indicators
                    .insert(indicator.id.clone());
                self.indicators.insert(
                    indicator.id.clone(),
                    Indicator {
                        spec: indicator.clone(),
                        measurements: Vec::new(),
                    },
                );
                self.project_history(&indicator.project, index);
            }
            Event::MeasurementRecorded {
                indicator,
                measurement,
                source,
            } => {
                if let Some(i) = self.indicators.get_mut(indicator) {
                    i.measurements.push((measurement.clone(), source.clone()));
                    let project = i.spec.project.clone();
                    self.project_history(&project, index);
                }
            }
        }
    }

    /// The milestones of project `id`, in id order.
    pub fn milestones_of(&self, id: &ProjectId) -> impl Iterator<Item = &Milestone> {
        self.project_parts
            .get(id)
            .into_iter()
            .flat_map(|parts| &parts.milestones)
            .filter_map(|m| self.milestones.get(m))
    }

    /// The indicators of project `id`, in id order.
    pub fn indicators_of(&self, id: &ProjectId) -> impl Iterator<Item = &Indicator> {
        self.project_parts
            .get(id)
            .into_iter()
            .flat_map(|parts| &parts.indicators)
            .filter_map(|i| self.indicators.get(i))
    }

    /// Where project `id` stands in the project index now.
    fn place_of(&self, id: &ProjectId) -> Option<Place> {
        self.projects.get(id).map(Place::of)
    }

    /// Moves project `id` in the project index from `before` to where it
    /// stands now.
    fn reindex(&mut self, id: &ProjectId, before: Option<Place>) {
        let after = self.place_of(id);
        self.project_index
            .moved(id, before.as_ref(), after.as_ref());
    }

    fn fold_agreement(&mut self, proposal: &ProposalId, index: u64, event: agreement::Event) {
        if let Some(record) = self.proposals.get_mut(proposal) {
            if let Some(next) = agreement::evolve(Some(record.agreement.clone()), &event) {
                record.agreement = next;
            }
            record.history.push(index);
            if let ProposalContent::ProjectAmendment { project, .. } = record.content.act() {
                let project = project.clone();
                self.project_history(&project, index);
            }
        }
    }

    /// Adds entry `index` to the history of `project` (an event about it,
    /// its milestones, indicators or a proposed amendment of it).
    fn project_history(&mut self, project: &ProjectId, index: u64) {
        if let Some(p) = self.projects.get_mut(project)
            && p.history.last() != Some(&index)
        {
            p.history.push(index);
        }
    }

    /// What an adopted proposal changes.
    fn take_effect(
        &mut self,
        proposal: &ProposalId,
        content: &ProposalContent,
        on: Date,
        index: u64,
    ) {
        match content {
            // The act takes effect on the date both parties recorded.
            ProposalContent::Recorded {
                act,
                took_effect_on,
                ..
            } => self.take_effect(proposal, act, *took_effect_on, index),
            ProposalContent::ProjectList { group, projects } => {
                if let Some(g) = self.groups.get_mut(group) {
                    g.project_list_agreed_on = Some(on);
                }
                for id in projects {
                    let before = self.place_of(id);
                    if let Some(p) = self.projects.get_mut(id)
                        && p.status == ProjectStatus::Proposed
                    {
                        p.status = ProjectStatus::Agreed;
                        p.history.push(index);
                        p.updated_on = Some(on);
                    }
                    self.reindex(id, before);
                }
            }
            ProposalContent::Roadmap { group, milestones } => {
                if let Some(g) = self.groups.get_mut(group) {
                    g.roadmap_agreed_on = Some(on);
                    g.baseline = milestones.clone();
                }
                for spec in milestones {
                    let completed_on = self.milestones.get(&spec.id).and_then(|m| m.completed_on);
                    let moved_from = self
                        .milestones
                        .get(&spec.id)
                        .and_then(|m| m.spec.project.clone());
                    if let Some(parts) = moved_from.and_then(|p| self.project_parts.get_mut(&p)) {
                        parts.milestones.remove(&spec.id);
                    }
                    if let Some(project) = &spec.project {
                        self.project_parts
                            .entry(project.clone())
                            .or_default()
                            .milestones
                            .insert(spec.id.clone());
                    }
                    self.milestones.insert(
                        spec.id.clone(),
                        Milestone {
                            group: group.clone(),
                            spec: spec.clone(),
                            completed_on,
                            baseline_due: spec.due,
                        },
                    );
                }
            }
            ProposalContent::Minutes {
                meeting, decisions, ..
            } => {
                if let Some(m) = self.meetings.get_mut(meeting) {
                    m.minutes = Some(proposal.clone());
                    m.history.push(index);
                }
                for (n, decision) in decisions.iter().enumerate() {
                    if decision.kind != DecisionKind::Action {
                        continue;
                    }
                    let id = Action::id_of(proposal, n + 1);
                    self.actions.insert(
                        id.clone(),
                        Action {
                            id,
                            meeting: meeting.clone(),
                            minutes: proposal.clone(),
                            decision: decision.clone(),
                            adopted_on: on,
                            done: None,
                        },
                    );
                }
            }
            ProposalContent::GroupScope { group, provisions } => {
                if let Some(g) = self.groups.get_mut(group) {
                    g.spec.scope = provisions.clone();
                }
            }
            ProposalContent::ProjectAmendment { project, spec } => {
                // Its history already holds the adoption (`fold_agreement`).
                let before = self.place_of(project);
                if let Some(p) = self.projects.get_mut(project) {
                    p.spec = spec.clone();
                    p.updated_on = Some(on);
                }
                self.reindex(project, before);
            }
            ProposalContent::WorkingGroup { spec } => {
                self.groups
                    .insert(spec.id.clone(), WorkingGroup::new(spec.clone(), false));
            }
            ProposalContent::DialoguePlatform { id, name, purpose } => {
                let spec = WorkingGroupSpec {
                    id: id.clone(),
                    names: name.clone(),
                    scope: Vec::new(),
                    purpose: purpose.clone(),
                };
                self.groups
                    .insert(id.clone(), WorkingGroup::new(spec, true));
            }
        }
    }
}

impl WorkingGroup {
    fn new(spec: WorkingGroupSpec, dialogue_platform: bool) -> Self {
        WorkingGroup {
            spec,
            dialogue_platform,
            project_list_agreed_on: None,
            roadmap_agreed_on: None,
            baseline: Vec::new(),
        }
    }
}
