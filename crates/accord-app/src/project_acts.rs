//! The life of a project as use cases: propose it, amend it (at once before
//! both parties agreed it, by a proposal both approve after), set its
//! status, complete or move its milestones, define its indicators and
//! record their measurements; and its history as a viewer may see it.
//!
//! The pages, the JSON API and the console call these, and only these:
//! each takes who acts and what they typed, chooses the ids of what it
//! creates under the writer's lock (`App::execute_with`), and answers what
//! was recorded or the rules' refusal with its stable code.
//!
//! A person who may not see a project (a restricted one, for someone
//! outside its group) is answered as if it did not exist, whatever they
//! ask of it, its milestones or its indicators: the refusal of an act
//! never tells a hidden project apart from one that does not exist.

use accord_domain::calendar::utc_date;
use accord_domain::command::{Actor, Command};
use accord_domain::decide::{DomainError, pending_amendment};
use accord_domain::event::{ProposalContent, content_hash};
use accord_domain::ids::{
    GroupId, IndicatorId, MilestoneId, OrganisationId, PartyCode, PersonId, ProjectId, ProposalId,
    ProvisionId,
};
use accord_domain::model::{
    Classification, DatedValue, Direction, IndicatorSpec, Investment, ProjectSpec, ProjectStatus,
    Texts,
};
use accord_domain::state::State;
use accord_domain::visibility::{Viewer, can_see_project, is_participant};
use accord_store::EventStore;
use jiff::Timestamp;
use jiff::civil::Date;

use crate::acts::{Recorded, free_id, proposal_id};
use crate::import::projects::slug;
use crate::{App, AppError};

/// A project to propose, as a person fills it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProject {
    pub group: GroupId,
    pub title: Texts,
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

/// What an amendment changes: each field given replaces the project's
/// (`Some(None)` clears a date or the investment); the others stay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectChanges {
    pub title: Option<Texts>,
    pub description: Option<Texts>,
    pub provisions: Option<Vec<ProvisionId>>,
    pub lead_party: Option<PartyCode>,
    pub lead_organisations: Option<Vec<OrganisationId>>,
    pub partners: Option<Vec<OrganisationId>>,
    pub start: Option<Option<Date>>,
    pub end: Option<Option<Date>>,
    pub investment: Option<Option<Investment>>,
    pub classification: Option<Classification>,
}

impl ProjectChanges {
    /// `spec` with these changes.
    pub fn apply(self, mut spec: ProjectSpec) -> ProjectSpec {
        let ProjectChanges {
            title,
            description,
            provisions,
            lead_party,
            lead_organisations,
            partners,
            start,
            end,
            investment,
            classification,
        } = self;
        spec.title = title.unwrap_or(spec.title);
        spec.description = description.unwrap_or(spec.description);
        spec.provisions = provisions.unwrap_or(spec.provisions);
        spec.lead_party = lead_party.unwrap_or(spec.lead_party);
        spec.lead_organisations = lead_organisations.unwrap_or(spec.lead_organisations);
        spec.partners = partners.unwrap_or(spec.partners);
        spec.start = start.unwrap_or(spec.start);
        spec.end = end.unwrap_or(spec.end);
        spec.investment = investment.unwrap_or(spec.investment);
        spec.classification = classification.unwrap_or(spec.classification);
        spec
    }
}

/// What an amendment did: applied at once (a project not yet agreed), or
/// proposed to both parties (an agreed one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amended {
    /// The project's id, and the log index of the act's first entry.
    pub recorded: Recorded,
    /// The proposal that carries the change, when both parties must agree
    /// to it: a new one, or the pending one, amended.
    pub proposal: Option<ProposalId>,
}

/// An indicator to define on a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIndicator {
    pub id: IndicatorId,
    pub name: Texts,
    pub unit: String,
    pub direction: Direction,
    pub baseline: DatedValue,
    pub target: DatedValue,
}

/// One entry of a project's history, as its viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub index: u64,
    pub recorded_at: Timestamp,
    /// The day it was recorded (UTC).
    pub date: Date,
    /// Who acted: shown to participants only; none for the operator.
    pub actor: Option<PersonId>,
    /// Who acted, by name: shown to participants only.
    pub actor_name: Option<String>,
    /// The event's type as the entry spells it (`ProjectProposed`).
    pub event_type: String,
    /// What the proposal an agreement's entry is about proposes (a
    /// project list, a change to this project); none for other entries.
    pub proposal_kind: Option<ProposalKind>,
    /// The description this entry gives the project, or proposes for it
    /// (a proposal, an amendment); none when it does not touch it.
    pub description: Option<Texts>,
    /// What the entry did, for a reader's label.
    pub kind: EntryKind,
    /// The status a status change set.
    pub status: Option<ProjectStatus>,
    /// What the entry says in words: a status change's or a move's
    /// reason, a milestone's note, a measurement's value and source.
    pub note: String,
}

/// What an entry of a project's history did, for a page to name it in its
/// reader's language (with `HistoryEntry::proposal_kind` for the acts of
/// an agreement).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    ProjectProposed,
    ProjectAmended,
    StatusChanged,
    ProposalMade,
    ProposalAmended,
    ApprovalGiven,
    ApprovalWithdrawn,
    ApprovalsVoided,
    ProposalRejected,
    ProposalAdopted,
    ProposalWithdrawn,
    MilestoneCompleted,
    MilestoneRescheduled,
    IndicatorDefined,
    MeasurementRecorded,
    /// Any other event about the project.
    Other,
}

impl EntryKind {
    fn of(event: &accord_domain::event::Event) -> EntryKind {
        use accord_domain::event::Event;
        match event {
            Event::ProjectProposed { .. } => EntryKind::ProjectProposed,
            Event::ProjectAmended { .. } => EntryKind::ProjectAmended,
            Event::ProjectStatusChanged { .. } => EntryKind::StatusChanged,
            Event::ProposalMade { .. } => EntryKind::ProposalMade,
            Event::ProposalAmended { .. } => EntryKind::ProposalAmended,
            Event::ApprovalGiven { .. } => EntryKind::ApprovalGiven,
            Event::ApprovalWithdrawn { .. } => EntryKind::ApprovalWithdrawn,
            Event::ApprovalsVoided { .. } => EntryKind::ApprovalsVoided,
            Event::ProposalRejected { .. } => EntryKind::ProposalRejected,
            Event::ProposalAdopted { .. } => EntryKind::ProposalAdopted,
            Event::ProposalWithdrawn { .. } => EntryKind::ProposalWithdrawn,
            Event::MilestoneCompleted { .. } => EntryKind::MilestoneCompleted,
            Event::MilestoneRescheduled { .. } => EntryKind::MilestoneRescheduled,
            Event::IndicatorDefined { .. } => EntryKind::IndicatorDefined,
            Event::MeasurementRecorded { .. } => EntryKind::MeasurementRecorded,
            _ => EntryKind::Other,
        }
    }
}

/// The kind of proposal a history entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalKind {
    /// The working group's project list, which holds this project.
    ProjectList,
    /// A change to this project, once both parties agreed it.
    ProjectAmendment,
}

/// What `event` gives a project's history beyond its type: the kind of
/// proposal it concerns, the description it sets or proposes, its words.
fn entry_details(
    state: &State,
    event: &accord_domain::event::Event,
) -> (Option<ProposalKind>, Option<Texts>, String) {
    use accord_domain::event::Event;
    let kind_of = |content: &ProposalContent| match content.act() {
        ProposalContent::ProjectList { .. } => Some(ProposalKind::ProjectList),
        ProposalContent::ProjectAmendment { .. } => Some(ProposalKind::ProjectAmendment),
        _ => None,
    };
    let proposed = |content: &ProposalContent| match content.act() {
        ProposalContent::ProjectAmendment { spec, .. } => Some(spec.description.clone()),
        _ => None,
    };
    match event {
        Event::ProjectProposed { spec, .. } | Event::ProjectAmended { spec, .. } => {
            (None, Some(spec.description.clone()), String::new())
        }
        Event::ProjectStatusChanged { reason, .. } => (None, None, reason.clone()),
        Event::ProposalMade { content, .. } | Event::ProposalAmended { content, .. } => {
            (kind_of(content), proposed(content), String::new())
        }
        Event::ApprovalsVoided { proposal, .. }
        | Event::ApprovalGiven { proposal, .. }
        | Event::ApprovalWithdrawn { proposal, .. }
        | Event::ProposalAdopted { proposal, .. }
        | Event::ProposalWithdrawn { proposal, .. } => (
            state
                .proposals
                .get(proposal)
                .and_then(|p| kind_of(&p.content)),
            None,
            String::new(),
        ),
        Event::ProposalRejected {
            proposal, reason, ..
        } => (
            state
                .proposals
                .get(proposal)
                .and_then(|p| kind_of(&p.content)),
            None,
            reason.clone(),
        ),
        Event::MilestoneCompleted {
            milestone, note, ..
        } => (None, None, join_words(milestone.as_str(), note)),
        Event::MilestoneRescheduled {
            milestone,
            due,
            reason,
        } => (
            None,
            None,
            join_words(&format!("{milestone} → {due}"), reason),
        ),
        Event::IndicatorDefined { indicator } => (None, None, indicator.id.to_string()),
        Event::MeasurementRecorded {
            indicator,
            measurement,
            source,
        } => (
            None,
            None,
            join_words(
                &format!("{indicator}: {} ({})", measurement.value, measurement.date),
                source,
            ),
        ),
        _ => (None, None, String::new()),
    }
}

fn join_words(first: &str, second: &str) -> String {
    if second.is_empty() {
        first.to_owned()
    } else {
        format!("{first} — {second}")
    }
}

/// An amount as a person types it (`1250000.00`; a sign is kept, for the
/// rules to refuse), in minor units; none when it is not an amount.
pub fn amount_minor(text: &str) -> Option<i64> {
    let text = text.trim();
    match text.strip_prefix('-') {
        Some(rest) => crate::import::projects::minor_units(rest).map(|v| -v),
        None => crate::import::projects::minor_units(text),
    }
}

/// Refuses, as not found, what `actor` may not see: a person sees a
/// project as `visibility` says; the operator sees everything.
fn visible_project<'a>(
    state: &'a State,
    actor: &Actor,
    project: &ProjectId,
) -> Result<&'a accord_domain::state::Project, AppError> {
    let found = state.projects.get(project).filter(|p| match actor {
        Actor::System => true,
        Actor::Person(person) => can_see_project(state, &Viewer::Person(person.clone()), p),
    });
    found.ok_or_else(|| {
        AppError::Refused(DomainError::NotFound {
            what: "project",
            id: project.to_string(),
        })
    })
}

/// The project of `milestone`, refused as not found when `actor` may not
/// see it (a milestone of the group as a whole is left to the rules).
fn visible_milestone(
    state: &State,
    actor: &Actor,
    milestone: &MilestoneId,
) -> Result<(), AppError> {
    let hidden = || {
        AppError::Refused(DomainError::NotFound {
            what: "milestone",
            id: milestone.to_string(),
        })
    };
    let m = state.milestones.get(milestone).ok_or_else(hidden)?;
    let seen = match actor {
        Actor::System => true,
        Actor::Person(person) => {
            accord_domain::visibility::can_see_milestone(state, &Viewer::Person(person.clone()), m)
        }
    };
    if seen { Ok(()) } else { Err(hidden()) }
}

impl<S: EventStore> App<S> {
    /// Proposes a project; its id is made from its title (in English when
    /// it has one, else its first language), kept unique.
    pub fn propose_project(
        &self,
        actor: &Actor,
        project: NewProject,
        now: Timestamp,
    ) -> Result<Recorded, AppError> {
        self.act(actor, now, |state| {
            let base = slug(accord_domain::texts::text_in(&project.title, "en"));
            let base = if base.is_empty() {
                "project".to_owned()
            } else {
                base
            };
            let id = free_id(&base, |id| state.projects.contains_key(&ProjectId::new(id)));
            let spec = ProjectSpec {
                group: project.group,
                title: project.title,
                description: project.description,
                provisions: project.provisions,
                lead_party: project.lead_party,
                lead_organisations: project.lead_organisations,
                partners: project.partners,
                start: project.start,
                end: project.end,
                investment: project.investment,
                classification: project.classification,
            };
            Ok((
                Command::ProposeProject {
                    project: ProjectId::new(&id),
                    spec,
                },
                id,
            ))
        })
    }

    /// Amends a project. Before both parties agreed it, the change applies
    /// at once. After, it is proposed to both parties (amending the change
    /// already pending, if there is one), and takes effect once both
    /// approve; `approve` also approves it for the proposer's party in the
    /// same act.
    pub fn amend_project(
        &self,
        actor: &Actor,
        project: ProjectId,
        changes: ProjectChanges,
        approve: bool,
        now: Timestamp,
    ) -> Result<Amended, AppError> {
        let (receipt, proposal) = self.execute_with(actor, now, |state| {
            let current = visible_project(state, actor, &project)?;
            if current.status == ProjectStatus::Proposed {
                let spec = changes.apply(current.spec.clone());
                let command = Command::AmendProject {
                    project: project.clone(),
                    spec,
                };
                return Ok((vec![command], None));
            }
            let pending = pending_amendment(state, &project).cloned();
            let base = match pending.as_ref().and_then(|id| state.proposals.get(id)) {
                Some(record) => match record.content.act() {
                    ProposalContent::ProjectAmendment { spec, .. } => spec.clone(),
                    _ => current.spec.clone(),
                },
                None => current.spec.clone(),
            };
            let content = ProposalContent::ProjectAmendment {
                project: project.clone(),
                spec: changes.apply(base),
            };
            let hash = content_hash(&content);
            let (proposal, mut commands) = match pending {
                Some(proposal) => (
                    proposal.clone(),
                    vec![Command::AmendProposal { proposal, content }],
                ),
                None => {
                    let proposal = proposal_id(state, &format!("{project}-amendment"));
                    (
                        proposal.clone(),
                        vec![Command::Propose { proposal, content }],
                    )
                }
            };
            if approve {
                commands.push(Command::Approve {
                    proposal: proposal.clone(),
                    content_hash: hash,
                });
            }
            Ok((commands, Some(proposal)))
        })?;
        Ok(Amended {
            recorded: Recorded {
                id: project.to_string(),
                log_index: receipt.first_index,
            },
            proposal,
        })
    }

    /// Sets a project's status (in progress, completed, suspended,
    /// cancelled), saying why.
    pub fn change_project_status(
        &self,
        actor: &Actor,
        project: ProjectId,
        status: ProjectStatus,
        reason: String,
        now: Timestamp,
    ) -> Result<Recorded, AppError> {
        self.act(actor, now, |state| {
            visible_project(state, actor, &project)?;
            let id = project.to_string();
            Ok((
                Command::ChangeProjectStatus {
                    project,
                    status,
                    reason: reason.trim().to_owned(),
                },
                id,
            ))
        })
    }

    /// Marks a milestone completed on `on`, with a note of what was done.
    pub fn complete_milestone(
        &self,
        actor: &Actor,
        milestone: MilestoneId,
        on: Date,
        note: String,
        now: Timestamp,
    ) -> Result<Recorded, AppError> {
        self.act(actor, now, |state| {
            visible_milestone(state, actor, &milestone)?;
            let id = milestone.to_string();
            Ok((
                Command::CompleteMilestone {
                    milestone,
                    on,
                    note: note.trim().to_owned(),
                },
                id,
            ))
        })
    }

    /// Moves a milestone's due date, saying why.
    pub fn reschedule_milestone(
        &self,
        actor: &Actor,
        milestone: MilestoneId,
        due: Date,
        reason: String,
        now: Timestamp,
    ) -> Result<Recorded, AppError> {
        self.act(actor, now, |state| {
            visible_milestone(state, actor, &milestone)?;
            let id = milestone.to_string();
            Ok((
                Command::RescheduleMilestone {
                    milestone,
                    due,
                    reason: reason.trim().to_owned(),
                },
                id,
            ))
        })
    }

    /// Defines an indicator of `project`.
    pub fn define_indicator(
        &self,
        actor: &Actor,
        project: ProjectId,
        indicator: NewIndicator,
        now: Timestamp,
    ) -> Result<Recorded, AppError> {
        self.act(actor, now, |state| {
            visible_project(state, actor, &project)?;
            let id = indicator.id.to_string();
            let spec = IndicatorSpec {
                id: indicator.id,
                project,
                name: indicator.name,
                unit: indicator.unit.trim().to_owned(),
                direction: indicator.direction,
                baseline: indicator.baseline,
                target: indicator.target,
            };
            Ok((Command::DefineIndicator { indicator: spec }, id))
        })
    }

    /// Records a measurement of `indicator`, with its source; `unit`, when
    /// given, must be the indicator's.
    pub fn record_measurement(
        &self,
        actor: &Actor,
        indicator: IndicatorId,
        measurement: DatedValue,
        source: String,
        unit: Option<String>,
        now: Timestamp,
    ) -> Result<Recorded, AppError> {
        self.act(actor, now, |state| {
            let hidden = || {
                AppError::Refused(DomainError::NotFound {
                    what: "indicator",
                    id: indicator.to_string(),
                })
            };
            let project = state
                .indicators
                .get(&indicator)
                .map(|i| i.spec.project.clone())
                .ok_or_else(hidden)?;
            visible_project(state, actor, &project).map_err(|_| hidden())?;
            let id = indicator.to_string();
            Ok((
                Command::RecordMeasurement {
                    indicator,
                    measurement: DatedValue {
                        value: measurement.value.trim().to_owned(),
                        date: measurement.date,
                    },
                    source: source.trim().to_owned(),
                    unit,
                },
                id,
            ))
        })
    }

    /// Every entry of the log about `project` (its own events, its
    /// milestones', its indicators', a proposed amendment's) that `viewer`
    /// may see, oldest first; none when the viewer may not see the project
    /// (as when there is no such project). Who acted is shown to
    /// participants only.
    pub fn project_history(
        &self,
        viewer: &Viewer,
        project: &ProjectId,
    ) -> Result<Option<Vec<HistoryEntry>>, AppError> {
        let found = self.read(|state| {
            let p = state.projects.get(project)?;
            can_see_project(state, viewer, p)
                .then(|| (p.history.clone(), is_participant(state, viewer)))
        });
        let Some((indices, people_shown)) = found else {
            return Ok(None);
        };
        // The state's lock is released before the log is read.
        let entries = self.visible_decoded(viewer, &indices)?;
        Ok(Some(self.read(|state| {
            entries
                .into_iter()
                .map(|(index, e)| {
                    let actor = e.by.filter(|_| people_shown);
                    let (proposal_kind, description, note) = entry_details(state, &e.event);
                    let status = match &e.event {
                        accord_domain::event::Event::ProjectStatusChanged { status, .. } => {
                            Some(*status)
                        }
                        _ => None,
                    };
                    HistoryEntry {
                        index,
                        date: utc_date(e.recorded_at),
                        recorded_at: e.recorded_at,
                        actor_name: actor
                            .as_ref()
                            .and_then(|p| state.persons.get(p))
                            .map(|p| p.name.clone()),
                        actor,
                        event_type: crate::record::event_type(&e.event),
                        kind: EntryKind::of(&e.event),
                        proposal_kind,
                        description,
                        status,
                        note,
                    }
                })
                .collect()
        })))
    }
}
