//! `decide`: every rule of the record, in one place. Given the current state
//! and a command, it refuses with a reason or returns the events the command
//! causes. It reads nothing but its arguments.

use std::collections::{BTreeMap, BTreeSet};

use crate::agreement::{self, AgreementError, Authority, Scope, Signatory};
use crate::command::{Actor, Command, Context};
use crate::event::{DecisionKind, Event, ProposalContent, content_hash};
use crate::ids::{GroupId, MilestoneId, PartyCode, PersonId, ProposalId};
use crate::model::{MeetingKind, MilestoneSpec, ProjectSpec, ProjectStatus, Role};
use crate::permissions;
use crate::state::State;

/// Why a command is refused. Each variant has a stable code (`code()`) for
/// API bodies and error pages, and a message that says what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("the instance is not initialised yet")]
    NotInitialised,
    #[error("the instance is already initialised")]
    AlreadyInitialised,
    #[error("{what} {id:?} does not exist")]
    NotFound { what: &'static str, id: String },
    #[error("{what} {id:?} already exists")]
    AlreadyExists { what: &'static str, id: String },
    #[error("{0} may not do this")]
    Forbidden(String),
    #[error("a project must cite at least one provision of the charter")]
    NoProvision,
    #[error("provision {0:?} is not in the charter")]
    UnknownProvision(String),
    #[error("party {0:?} is not a party to the charter")]
    UnknownParty(String),
    #[error("{field}: {reason}")]
    Invalid { field: &'static str, reason: String },
    #[error(
        "{person} already co-chairs {group} for {party}; each party has one co-chair per group"
    )]
    CoChairTaken {
        group: String,
        party: String,
        person: String,
    },
    #[error("a project's status cannot go from {from:?} to {to:?}")]
    BadTransition {
        from: ProjectStatus,
        to: ProjectStatus,
    },
    #[error("the roadmap's dependencies form a cycle through milestone {0:?}")]
    DependencyCycle(String),
    #[error(transparent)]
    Agreement(#[from] AgreementError),
}

impl DomainError {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::NotInitialised => "not_initialised",
            DomainError::AlreadyInitialised => "already_initialised",
            DomainError::NotFound { .. } => "not_found",
            DomainError::AlreadyExists { .. } => "already_exists",
            DomainError::Forbidden(_) => "forbidden",
            DomainError::NoProvision => "no_provision",
            DomainError::UnknownProvision(_) => "unknown_provision",
            DomainError::UnknownParty(_) => "unknown_party",
            DomainError::Invalid { .. } => "invalid",
            DomainError::CoChairTaken { .. } => "co_chair_taken",
            DomainError::BadTransition { .. } => "bad_transition",
            DomainError::DependencyCycle(_) => "dependency_cycle",
            DomainError::Agreement(e) => match e {
                AgreementError::StaleContent { .. } => "stale_content",
                AgreementError::NotAuthorised { .. } | AgreementError::UnknownParty { .. } => {
                    "not_signatory"
                }
                _ => "agreement",
            },
        }
    }
}

fn not_found(what: &'static str, id: impl ToString) -> DomainError {
    DomainError::NotFound {
        what,
        id: id.to_string(),
    }
}

fn exists(what: &'static str, id: impl ToString) -> DomainError {
    DomainError::AlreadyExists {
        what,
        id: id.to_string(),
    }
}

/// Decides `command` against `state`.
pub fn decide(
    state: &State,
    command: Command,
    context: &Context,
) -> Result<Vec<Event>, DomainError> {
    if let Command::Initialise { origin, charter } = command {
        if state.charter.is_some() {
            return Err(DomainError::AlreadyInitialised);
        }
        if context.actor != Actor::System {
            return Err(DomainError::Forbidden("only the operator".into()));
        }
        let groups = charter
            .working_groups
            .iter()
            .map(|spec| Event::WorkingGroupCreated { spec: spec.clone() });
        let mut events = vec![Event::InstanceInitialised {
            origin,
            charter: charter.clone(),
        }];
        events.extend(groups);
        return Ok(events);
    }
    let charter = state.charter.as_ref().ok_or(DomainError::NotInitialised)?;
    let parties: Vec<PartyCode> = charter.parties.iter().map(|p| p.code.clone()).collect();
    let today = context.today;

    if let Some(permission) = permissions::required(state, &command) {
        permissions::check(state, &context.actor, &permission).map_err(DomainError::Forbidden)?;
    }

    match command {
        Command::Initialise { .. } => Err(DomainError::AlreadyInitialised),
        Command::RegisterOrganisation { organisation } => {
            if state.organisations.contains_key(&organisation.id) {
                return Err(exists("organisation", &organisation.id));
            }
            if let Some(party) = &organisation.party {
                known_party(&parties, party)?;
            }
            non_empty("name", &organisation.name)?;
            Ok(vec![Event::OrganisationRegistered { organisation }])
        }
        Command::RegisterPerson { person } => {
            if state.persons.contains_key(&person.id) {
                return Err(exists("person", &person.id));
            }
            if !state.organisations.contains_key(&person.organisation) {
                return Err(not_found("organisation", &person.organisation));
            }
            non_empty("name", &person.name)?;
            Ok(vec![Event::PersonRegistered { person }])
        }
        Command::GrantRole { person, role } => {
            if !state.persons.contains_key(&person) {
                return Err(not_found("person", &person));
            }
            check_role(state, &parties, &person, &role)?;
            if state.roles_of(&person).any(|r| *r == role) {
                return Ok(Vec::new());
            }
            Ok(vec![Event::RoleGranted { person, role }])
        }
        Command::RevokeRole { person, role } => {
            if !state.roles_of(&person).any(|r| *r == role) {
                return Err(not_found("role of this person", format!("{role:?}")));
            }
            Ok(vec![Event::RoleRevoked { person, role }])
        }
        Command::ProposeProject { project, spec } => {
            if state.projects.contains_key(&project) {
                return Err(exists("project", &project));
            }
            check_project(state, &parties, &spec, today)?;
            Ok(vec![Event::ProjectProposed { project, spec }])
        }
        Command::AmendProject { project, spec } => {
            let current = state
                .projects
                .get(&project)
                .ok_or_else(|| not_found("project", &project))?;
            if current.spec.group != spec.group {
                return Err(DomainError::Invalid {
                    field: "working_group",
                    reason: "a project cannot move to another working group".into(),
                });
            }
            if current.status != ProjectStatus::Proposed {
                return Err(DomainError::Invalid {
                    field: "project",
                    reason: format!(
                        "{project} is {:?}: both parties agreed it, so a change is proposed to them (a project amendment)",
                        current.status
                    ),
                });
            }
            if current.spec == spec {
                return Err(DomainError::Invalid {
                    field: "spec",
                    reason: "the amendment changes nothing".into(),
                });
            }
            check_project(state, &parties, &spec, today)?;
            let mut events = vec![Event::ProjectAmended {
                project: project.clone(),
                spec,
            }];
            // A pending list that holds it was approved as the project stood.
            for record in state.proposals.values() {
                let holds_it = matches!(record.content.act(),
                    ProposalContent::ProjectList { projects, .. } if projects.contains(&project));
                if holds_it && record.agreement.is_open() && !record.agreement.approvals.is_empty()
                {
                    events.push(Event::ApprovalsVoided {
                        proposal: record.id.clone(),
                        parties: record.agreement.approvals.keys().cloned().collect(),
                    });
                }
            }
            Ok(events)
        }
        Command::ChangeProjectStatus {
            project,
            status,
            reason,
        } => {
            let current = state
                .projects
                .get(&project)
                .ok_or_else(|| not_found("project", &project))?;
            if !status_may_change(current.status, status) {
                return Err(DomainError::BadTransition {
                    from: current.status,
                    to: status,
                });
            }
            non_empty("reason", &reason)?;
            plain("reason", &reason)?;
            Ok(vec![Event::ProjectStatusChanged {
                project,
                status,
                on: today,
                reason,
            }])
        }
        Command::Propose { proposal, content } => {
            if state.proposals.contains_key(&proposal) {
                return Err(exists("proposal", &proposal));
            }
            let scope = check_content(state, &content, today)?;
            if let ProposalContent::ProjectAmendment { project, .. } = content.act()
                && let Some(open) = pending_amendment(state, project)
            {
                return Err(DomainError::Invalid {
                    field: "project",
                    reason: format!(
                        "an amendment of {project} already waits for approval ({open}): amend that proposal"
                    ),
                });
            }
            let by = signatory(state, &context.actor, &scope)?;
            let hash = content_hash(&content);
            let decided = agreement::decide(
                None,
                agreement::Command::Propose {
                    scope,
                    content_hash: hash,
                    by,
                    on: today,
                },
                &parties,
            )?;
            Ok(lift(&proposal, &content, decided))
        }
        Command::AmendProposal { proposal, content } => {
            let record = state
                .proposals
                .get(&proposal)
                .ok_or_else(|| not_found("proposal", &proposal))?;
            let scope = check_content(state, &content, today)?;
            if scope != record.agreement.scope {
                return Err(DomainError::Invalid {
                    field: "content",
                    reason: "an amendment keeps the proposal's kind and working group".into(),
                });
            }
            let by = signatory(state, &context.actor, &scope)?;
            let command = agreement::Command::Amend {
                content_hash: content_hash(&content),
                by,
                on: today,
            };
            let decided = agreement::decide(Some(&record.agreement), command, &parties)?;
            Ok(lift(&proposal, &content, decided))
        }
        Command::Approve {
            proposal,
            content_hash,
        } => sign(state, context, &parties, &proposal, |by, on| {
            agreement::Command::Approve {
                content_hash,
                by,
                on,
            }
        }),
        Command::WithdrawApproval { proposal } => {
            sign(state, context, &parties, &proposal, |by, on| {
                agreement::Command::WithdrawApproval { by, on }
            })
        }
        Command::Reject { proposal, reason } => {
            sign(state, context, &parties, &proposal, |by, on| {
                agreement::Command::Reject { reason, by, on }
            })
        }
        Command::WithdrawProposal { proposal } => {
            sign(state, context, &parties, &proposal, |by, on| {
                agreement::Command::Withdraw { by, on }
            })
        }
        Command::CompleteMilestone {
            milestone,
            on,
            note,
        } => {
            let m = state
                .milestones
                .get(&milestone)
                .ok_or_else(|| not_found("milestone", &milestone))?;
            if let Some(done) = m.completed_on {
                return Err(DomainError::Invalid {
                    field: "milestone",
                    reason: format!("{milestone} was already completed on {done}"),
                });
            }
            if on > today {
                return Err(DomainError::Invalid {
                    field: "on",
                    reason: "a milestone cannot be completed in the future".into(),
                });
            }
            within_charter("on", on, charter.signed_on, today)?;
            plain("note", &note)?;
            Ok(vec![Event::MilestoneCompleted {
                milestone,
                on,
                note,
            }])
        }
        Command::RescheduleMilestone {
            milestone,
            due,
            reason,
        } => {
            let m = state
                .milestones
                .get(&milestone)
                .ok_or_else(|| not_found("milestone", &milestone))?;
            if let Some(done) = m.completed_on {
                return Err(DomainError::Invalid {
                    field: "milestone",
                    reason: format!("{milestone} was completed on {done}: it is not moved"),
                });
            }
            if due == m.spec.due {
                return Err(DomainError::Invalid {
                    field: "due",
                    reason: format!("{milestone} is already due on {due}"),
                });
            }
            within_charter("due", due, charter.signed_on, today)?;
            non_empty("reason", &reason)?;
            plain("reason", &reason)?;
            Ok(vec![Event::MilestoneRescheduled {
                milestone,
                due,
                reason,
            }])
        }
        Command::ScheduleMeeting { meeting } => {
            if state.meetings.contains_key(&meeting.id) {
                return Err(exists("meeting", &meeting.id));
            }
            non_empty("id", meeting.id.as_str())?;
            match (&meeting.kind, &meeting.group) {
                (MeetingKind::Charter, None) => {}
                (MeetingKind::Charter, Some(_)) => {
                    return Err(DomainError::Invalid {
                        field: "group",
                        reason: "a charter meeting belongs to no working group".into(),
                    });
                }
                (_, Some(group)) => {
                    let g = state
                        .groups
                        .get(group)
                        .ok_or_else(|| not_found("working group", group))?;
                    if (meeting.kind == MeetingKind::DialoguePlatform) != g.dialogue_platform {
                        return Err(DomainError::Invalid {
                            field: "kind",
                            reason: format!("{group} is not a {:?}", meeting.kind),
                        });
                    }
                }
                (_, None) => {
                    return Err(DomainError::Invalid {
                        field: "group",
                        reason: "this kind of meeting needs its working group or platform".into(),
                    });
                }
            }
            within_charter("date", meeting.date, charter.signed_on, today)?;
            non_empty("place", &meeting.place)?;
            plain("place", &meeting.place)?;
            if !meeting.title.is_empty() {
                texts("title", &meeting.title)?;
            }
            for person in &meeting.participants {
                if !state.persons.contains_key(person) {
                    return Err(not_found("person", person));
                }
            }
            for item in &meeting.agenda {
                texts("agenda", &item.title)?;
                for p in &item.provisions {
                    if !charter.provisions.iter().any(|x| x.id == *p) {
                        return Err(DomainError::UnknownProvision(p.to_string()));
                    }
                }
                for p in &item.projects {
                    if !state.projects.contains_key(p) {
                        return Err(not_found("project", p));
                    }
                }
                for m in &item.milestones {
                    if !state.milestones.contains_key(m) {
                        return Err(not_found("milestone", m));
                    }
                }
            }
            Ok(vec![Event::MeetingScheduled { meeting }])
        }
        Command::RecordMeetingHeld {
            meeting,
            on,
            attendees,
        } => {
            let m = open_meeting(state, &meeting)?;
            if let Some(held) = m.held_on {
                return Err(DomainError::Invalid {
                    field: "on",
                    reason: format!("the meeting is already recorded as held on {held}"),
                });
            }
            if on > today {
                return Err(DomainError::Invalid {
                    field: "on",
                    reason: "a meeting cannot be held in the future".into(),
                });
            }
            if on < m.spec.date {
                return Err(DomainError::Invalid {
                    field: "on",
                    reason: format!(
                        "the meeting is scheduled for {}; it cannot be held before (reschedule it first)",
                        m.spec.date
                    ),
                });
            }
            for person in &attendees {
                if !state.persons.contains_key(person) {
                    return Err(not_found("person", person));
                }
            }
            Ok(vec![Event::MeetingHeld {
                meeting,
                on,
                attendees,
            }])
        }
        Command::RescheduleMeeting {
            meeting,
            date,
            reason,
        } => {
            let m = open_meeting(state, &meeting)?;
            if m.held_on.is_some() {
                return Err(DomainError::Invalid {
                    field: "meeting",
                    reason: "a meeting already held cannot be moved".into(),
                });
            }
            within_charter("date", date, charter.signed_on, today)?;
            non_empty("reason", &reason)?;
            plain("reason", &reason)?;
            Ok(vec![Event::MeetingRescheduled {
                meeting,
                date,
                reason,
            }])
        }
        Command::CancelMeeting { meeting, reason } => {
            let m = open_meeting(state, &meeting)?;
            if m.held_on.is_some() {
                return Err(DomainError::Invalid {
                    field: "meeting",
                    reason: "a meeting already held cannot be cancelled".into(),
                });
            }
            non_empty("reason", &reason)?;
            plain("reason", &reason)?;
            Ok(vec![Event::MeetingCancelled {
                meeting,
                reason,
                on: today,
            }])
        }
        Command::AttachDocument { meeting, document } => {
            let m = state
                .meetings
                .get(&meeting)
                .ok_or_else(|| not_found("meeting", &meeting))?;
            check_document(&document)?;
            if m.documents.iter().any(|d| d.sha256 == document.sha256) {
                return Err(exists("document", &document.sha256));
            }
            Ok(vec![Event::DocumentAttached { meeting, document }])
        }
        Command::AttachProjectDocument { project, document } => {
            let p = state
                .projects
                .get(&project)
                .ok_or_else(|| not_found("project", &project))?;
            check_document(&document)?;
            if p.documents.iter().any(|d| d.sha256 == document.sha256) {
                return Err(exists("document", &document.sha256));
            }
            Ok(vec![Event::ProjectDocumentAttached { project, document }])
        }
        Command::CompleteAction { action, note } => {
            let a = state
                .actions
                .get(&action)
                .ok_or_else(|| not_found("action", &action))?;
            if let Some((on, ..)) = &a.done {
                return Err(DomainError::Invalid {
                    field: "action",
                    reason: format!("the action was already done on {on}"),
                });
            }
            plain("note", &note)?;
            Ok(vec![Event::ActionCompleted {
                action,
                note,
                on: today,
            }])
        }
        Command::DefineIndicator { indicator } => {
            if state.indicators.contains_key(&indicator.id) {
                return Err(exists("indicator", &indicator.id));
            }
            if !state.projects.contains_key(&indicator.project) {
                return Err(not_found("project", &indicator.project));
            }
            slug_id("id", indicator.id.as_str())?;
            texts("name", &indicator.name)?;
            non_empty("unit", &indicator.unit)?;
            plain("unit", &indicator.unit)?;
            decimal("baseline", &indicator.baseline.value)?;
            decimal("target", &indicator.target.value)?;
            // A baseline may have been measured before the charter; a
            // target is one of carrying it out.
            within_charter(
                "target.date",
                indicator.target.date,
                charter.signed_on,
                today,
            )?;
            if indicator.target.date < indicator.baseline.date {
                return Err(DomainError::Invalid {
                    field: "target.date",
                    reason: format!(
                        "{} is before the baseline's date {}",
                        indicator.target.date, indicator.baseline.date
                    ),
                });
            }
            if indicator.baseline.date > today {
                return Err(DomainError::Invalid {
                    field: "baseline.date",
                    reason: "a baseline is measured, not foreseen: it cannot be in the future"
                        .into(),
                });
            }
            Ok(vec![Event::IndicatorDefined { indicator }])
        }
        Command::RecordMeasurement {
            indicator,
            measurement,
            source,
            unit,
        } => {
            let i = state
                .indicators
                .get(&indicator)
                .ok_or_else(|| not_found("indicator", &indicator))?;
            if let Some(unit) = unit
                && unit.trim() != i.spec.unit
            {
                return Err(DomainError::Invalid {
                    field: "unit",
                    reason: format!(
                        "{indicator} is measured in {:?}, not {:?}",
                        i.spec.unit,
                        unit.trim()
                    ),
                });
            }
            decimal("value", &measurement.value)?;
            if measurement.date > today {
                return Err(DomainError::Invalid {
                    field: "date",
                    reason: "a measurement cannot be dated in the future".into(),
                });
            }
            within_charter("date", measurement.date, charter.signed_on, today)?;
            non_empty("source", &source)?;
            plain("source", &source)?;
            Ok(vec![Event::MeasurementRecorded {
                indicator,
                measurement,
                source,
            }])
        }
    }
}

/// The open proposal that amends `project`, if any: there is at most one.
pub fn pending_amendment<'a>(
    state: &'a State,
    project: &crate::ids::ProjectId,
) -> Option<&'a ProposalId> {
    state
        .proposals
        .values()
        .find_map(|record| match record.content.act() {
            ProposalContent::ProjectAmendment { project: p, .. }
                if p == project && record.agreement.is_open() =>
            {
                Some(&record.id)
            }
            _ => None,
        })
}

/// A signatory's act on an existing proposal (approve, withdraw an approval,
/// reject, withdraw the proposal): the actor signs for the party their role
/// gives them in the proposal's scope, and the agreement's rules decide.
fn sign(
    state: &State,
    context: &Context,
    parties: &[PartyCode],
    proposal: &ProposalId,
    act: impl FnOnce(Signatory, jiff::civil::Date) -> agreement::Command,
) -> Result<Vec<Event>, DomainError> {
    let record = state
        .proposals
        .get(proposal)
        .ok_or_else(|| not_found("proposal", proposal))?;
    let by = signatory(state, &context.actor, &record.agreement.scope)?;
    let decided = agreement::decide(Some(&record.agreement), act(by, context.today), parties)?;
    Ok(lift(proposal, &record.content, decided))
}

/// Turns the agreement's events into the record's, naming the proposal.
fn lift(
    proposal: &ProposalId,
    content: &ProposalContent,
    events: Vec<agreement::Event>,
) -> Vec<Event> {
    let id = || proposal.clone();
    events
        .into_iter()
        .map(|event| match event {
            agreement::Event::ProposalMade {
                scope,
                content_hash,
                by,
                on,
            } => Event::ProposalMade {
                proposal: id(),
                scope,
                content: content.clone(),
                content_hash,
                by,
                on,
            },
            agreement::Event::ProposalAmended {
                content_hash,
                by,
                on,
            } => Event::ProposalAmended {
                proposal: id(),
                content: content.clone(),
                content_hash,
                by,
                on,
            },
            agreement::Event::ApprovalsVoided { parties } => Event::ApprovalsVoided {
                proposal: id(),
                parties,
            },
            agreement::Event::ApprovalGiven {
                content_hash,
                by,
                on,
            } => Event::ApprovalGiven {
                proposal: id(),
                content_hash,
                by,
                on,
            },
            agreement::Event::ApprovalWithdrawn { by, on, .. } => Event::ApprovalWithdrawn {
                proposal: id(),
                by,
                on,
            },
            agreement::Event::ProposalRejected { reason, by, on } => Event::ProposalRejected {
                proposal: id(),
                reason,
                by,
                on,
            },
            agreement::Event::ProposalAdopted { content_hash, on } => Event::ProposalAdopted {
                proposal: id(),
                content_hash,
                on,
            },
            agreement::Event::ProposalWithdrawn { by, on } => Event::ProposalWithdrawn {
                proposal: id(),
                by,
                on,
            },
        })
        .collect()
}

/// The authority under which the actor signs in `scope`: a coordinator
/// signs for their party anywhere; a co-chair for their party in their group.
fn signatory(state: &State, actor: &Actor, scope: &Scope) -> Result<Signatory, DomainError> {
    let Actor::Person(person) = actor else {
        return Err(DomainError::Forbidden(
            "the operator is no party's signatory".into(),
        ));
    };
    let mut co_chair = None;
    for role in state.roles_of(person) {
        match role {
            Role::Coordinator { party } => {
                return Ok(Signatory {
                    person: person.to_string(),
                    party: party.clone(),
                    authority: Authority::Coordinator,
                });
            }
            Role::CoChair { group, party } if *scope == Scope::WorkingGroup(group.clone()) => {
                co_chair = Some(Signatory {
                    person: person.to_string(),
                    party: party.clone(),
                    authority: Authority::CoChair(group.clone()),
                });
            }
            _ => {}
        }
    }
    co_chair.ok_or_else(|| {
        DomainError::Agreement(AgreementError::NotAuthorised {
            person: person.to_string(),
            scope: scope.clone(),
        })
    })
}

fn known_party(parties: &[PartyCode], party: &PartyCode) -> Result<(), DomainError> {
    if parties.contains(party) {
        Ok(())
    } else {
        Err(DomainError::UnknownParty(party.to_string()))
    }
}

fn non_empty(field: &'static str, value: &str) -> Result<(), DomainError> {
    if value.trim().is_empty() {
        return Err(DomainError::Invalid {
            field,
            reason: "must not be empty".into(),
        });
    }
    Ok(())
}

/// How far ahead a date may be set: beyond, it is a typing mistake.
const YEARS_AHEAD: i16 = 10;

/// A date of an act: not before the charter's signature, nor more than
/// `YEARS_AHEAD` years after `today`.
fn within_charter(
    field: &'static str,
    date: jiff::civil::Date,
    signed_on: jiff::civil::Date,
    today: jiff::civil::Date,
) -> Result<(), DomainError> {
    if date < signed_on {
        return Err(DomainError::Invalid {
            field,
            reason: format!("{date} is before the charter was signed ({signed_on})"),
        });
    }
    let limit = today
        .checked_add(jiff::Span::new().years(YEARS_AHEAD))
        .unwrap_or(jiff::civil::Date::MAX);
    if date > limit {
        return Err(DomainError::Invalid {
            field,
            reason: format!("{date} is more than {YEARS_AHEAD} years ahead"),
        });
    }
    Ok(())
}

/// The longest text a field holds.
const MAX_TEXT: usize = 20_000;

/// Text shown as it is typed: no markup, not too long.
fn plain(field: &'static str, value: &str) -> Result<(), DomainError> {
    if crate::texts::has_markup(value) {
        return Err(DomainError::Invalid {
            field,
            reason: "must be plain text, without markup such as <b> or <script>".into(),
        });
    }
    if value.len() > MAX_TEXT {
        return Err(DomainError::Invalid {
            field,
            reason: format!("is longer than {MAX_TEXT} bytes"),
        });
    }
    Ok(())
}

/// Content per language: at least one text, each keyed by a language code,
/// none blank, all plain.
fn texts(field: &'static str, texts: &crate::model::Texts) -> Result<(), DomainError> {
    if texts.is_empty() {
        return Err(DomainError::Invalid {
            field,
            reason: "needs a text in at least one language".into(),
        });
    }
    for (language, text) in texts {
        if !crate::texts::is_language_code(language) {
            return Err(DomainError::Invalid {
                field,
                reason: format!("{language:?} is not a language code such as az, en or fr"),
            });
        }
        non_empty(field, text)?;
        plain(field, text)?;
    }
    Ok(())
}

/// An id for a new group or platform: lowercase letters, digits and dashes.
fn group_id(id: &GroupId) -> Result<(), DomainError> {
    let s = id.as_str();
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(DomainError::Invalid {
            field: "id",
            reason: format!(
                "{s:?} must be lowercase letters, digits and dashes (caspian-energy-dialogue)"
            ),
        })
    }
}

fn known_provisions(
    state: &State,
    provisions: &[crate::ids::ProvisionId],
) -> Result<(), DomainError> {
    let charter = state.charter.as_ref().ok_or(DomainError::NotInitialised)?;
    for p in provisions {
        if !charter.provisions.iter().any(|x| x.id == *p) {
            return Err(DomainError::UnknownProvision(p.to_string()));
        }
    }
    Ok(())
}

/// A meeting that exists and was not cancelled.
fn open_meeting<'a>(
    state: &'a State,
    meeting: &crate::ids::MeetingId,
) -> Result<&'a crate::state::Meeting, DomainError> {
    let m = state
        .meetings
        .get(meeting)
        .ok_or_else(|| not_found("meeting", meeting))?;
    if let Some((on, _)) = &m.cancelled {
        return Err(DomainError::Invalid {
            field: "meeting",
            reason: format!("{meeting} was cancelled on {on}"),
        });
    }
    Ok(m)
}

/// The largest document the record accepts, whatever the operator allows.
pub const MAX_DOCUMENT_BYTES: u64 = 1 << 30;

/// A document's hash, size, name and type, as the record keeps them.
fn check_document(document: &crate::model::DocumentRef) -> Result<(), DomainError> {
    let hex = &document.sha256;
    if hex.len() != 64
        || !hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(DomainError::Invalid {
            field: "sha256",
            reason: "must be 64 lowercase hexadecimal digits".into(),
        });
    }
    if document.size == 0 || document.size > MAX_DOCUMENT_BYTES {
        return Err(DomainError::Invalid {
            field: "size",
            reason: format!("must be between 1 and {MAX_DOCUMENT_BYTES} bytes"),
        });
    }
    let name = &document.name;
    let hostile = name.is_empty()
        || name.len() > 255
        || name == "."
        || name == ".."
        || name.starts_with('.')
        || name.chars().any(|c| {
            c.is_control() || matches!(c, '/' | '\\' | ':' | '<' | '>' | '"' | '|' | '?' | '*')
        });
    if hostile {
        return Err(DomainError::Invalid {
            field: "name",
            reason: format!("{name:?} is not a plain file name"),
        });
    }
    let media = &document.media_type;
    let well_formed = media.split_once('/').is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && media
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || b"/.+-".contains(&c))
    });
    if !well_formed {
        return Err(DomainError::Invalid {
            field: "media_type",
            reason: format!("{media:?} is not a media type such as application/pdf"),
        });
    }
    Ok(())
}

/// A decimal number as text: an optional sign, digits, an optional fraction.
fn decimal(field: &'static str, value: &str) -> Result<(), DomainError> {
    if value.len() > 40 {
        return Err(DomainError::Invalid {
            field,
            reason: "a number of more than 40 characters is a typing mistake".into(),
        });
    }
    let digits = value.strip_prefix('-').unwrap_or(value);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if all_digits(whole) && all_digits(fraction) {
        Ok(())
    } else {
        Err(DomainError::Invalid {
            field,
            reason: format!("{value:?} is not a decimal number such as 12.5"),
        })
    }
}

fn check_role(
    state: &State,
    parties: &[PartyCode],
    person: &PersonId,
    role: &Role,
) -> Result<(), DomainError> {
    match role {
        Role::Coordinator { party } => known_party(parties, party),
        Role::CoChair { group, party } => {
            known_party(parties, party)?;
            if !state.groups.contains_key(group) {
                return Err(not_found("working group", group));
            }
            let holder = state.roles.iter().find(|(holder, roles)| {
                *holder != person && roles.iter().any(|r| matches!(r, Role::CoChair { group: g, party: p } if g == group && p == party))
            });
            match holder {
                Some((holder, _)) => Err(DomainError::CoChairTaken {
                    group: group.to_string(),
                    party: party.to_string(),
                    person: holder.to_string(),
                }),
                None => Ok(()),
            }
        }
        Role::Member { group } => {
            if state.groups.contains_key(group) {
                Ok(())
            } else {
                Err(not_found("working group", group))
            }
        }
        Role::Partner | Role::Auditor | Role::Administrator => Ok(()),
    }
}

fn check_project(
    state: &State,
    parties: &[PartyCode],
    spec: &ProjectSpec,
    today: jiff::civil::Date,
) -> Result<(), DomainError> {
    texts("title", &spec.title)?;
    if !spec.description.is_empty() {
        texts("description", &spec.description)?;
    }
    if !state.groups.contains_key(&spec.group) {
        return Err(not_found("working group", &spec.group));
    }
    if spec.provisions.is_empty() {
        return Err(DomainError::NoProvision);
    }
    let charter = state.charter.as_ref().ok_or(DomainError::NotInitialised)?;
    let mut seen = BTreeSet::new();
    for id in &spec.provisions {
        if !charter.provisions.iter().any(|p| p.id == *id) {
            return Err(DomainError::UnknownProvision(id.to_string()));
        }
        if !seen.insert(id) {
            return Err(DomainError::Invalid {
                field: "provisions",
                reason: format!("{id} is cited twice"),
            });
        }
    }
    known_party(parties, &spec.lead_party)?;
    for (field, organisations) in [
        ("lead_organisations", &spec.lead_organisations),
        ("partners", &spec.partners),
    ] {
        for org in organisations {
            if !state.organisations.contains_key(org) {
                return Err(DomainError::Invalid {
                    field,
                    reason: format!("{org:?} is not a registered organisation"),
                });
            }
        }
    }
    for (field, date) in [("start", spec.start), ("end", spec.end)] {
        if let Some(date) = date {
            within_charter(field, date, charter.signed_on, today)?;
        }
    }
    if let (Some(start), Some(end)) = (spec.start, spec.end)
        && end < start
    {
        return Err(DomainError::Invalid {
            field: "end",
            reason: format!("{end} is before the start {start}"),
        });
    }
    if let Some(investment) = &spec.investment {
        if investment.amount_minor < 0 {
            return Err(DomainError::Invalid {
                field: "amount",
                reason: "an investment is not negative".into(),
            });
        }
        if investment.amount_minor > MAX_AMOUNT_MINOR {
            return Err(DomainError::Invalid {
                field: "amount",
                reason: format!(
                    "more than {} units of any currency is taken for a typing mistake",
                    MAX_AMOUNT_MINOR / 100
                ),
            });
        }
        if !is_currency(&investment.currency) {
            return Err(DomainError::Invalid {
                field: "currency",
                reason: format!(
                    "{:?} is not an ISO 4217 currency code such as USD, EUR or AZN",
                    investment.currency
                ),
            });
        }
        if investment.public_share_percent.is_some_and(|p| p > 100) {
            return Err(DomainError::Invalid {
                field: "public_share_percent",
                reason: "a share is at most 100 %".into(),
            });
        }
    }
    Ok(())
}

/// The largest investment the record accepts, in minor units: a
/// quadrillion (10^15) units of a currency. Beyond, an amount is a typing
/// mistake even in the currencies whose units are worth least, and the
/// amounts of many projects still add up within 64 bits.
pub const MAX_AMOUNT_MINOR: i64 = 100_000_000_000_000_000;

/// The ISO 4217 codes of the currencies in use (the funds, precious metals
/// and testing codes left out: nobody invests in those).
const CURRENCIES: [&str; 156] = [
    "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN",
    "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF",
    "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP",
    "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD",
    "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY",
    "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD",
    "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK",
    "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK",
    "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG",
    "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS",
    "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES",
    "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XDR", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

/// Whether `code` is the ISO 4217 code of a currency in use.
pub fn is_currency(code: &str) -> bool {
    CURRENCIES.binary_search(&code).is_ok()
}

/// An id a person chooses (an indicator's): lowercase letters, digits and
/// dashes, as the addresses that name it.
fn slug_id(field: &'static str, id: &str) -> Result<(), DomainError> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(DomainError::Invalid {
            field,
            reason: format!("{id:?} must be lowercase letters, digits and dashes (jobs-created)"),
        })
    }
}

/// Checks a proposal's content and returns the scope it belongs to.
fn check_content(
    state: &State,
    content: &ProposalContent,
    today: jiff::civil::Date,
) -> Result<Scope, DomainError> {
    match content {
        ProposalContent::Recorded {
            act,
            took_effect_on,
            evidence,
        } => {
            if matches!(**act, ProposalContent::Recorded { .. }) {
                return Err(DomainError::Invalid {
                    field: "act",
                    reason: "an act is recorded once".into(),
                });
            }
            let charter = state.charter.as_ref().ok_or(DomainError::NotInitialised)?;
            if *took_effect_on > today {
                return Err(DomainError::Invalid {
                    field: "took_effect_on",
                    reason: format!("{took_effect_on} is in the future"),
                });
            }
            within_charter("took_effect_on", *took_effect_on, charter.signed_on, today)?;
            let meeting = state
                .meetings
                .get(&evidence.meeting)
                .ok_or_else(|| not_found("meeting", &evidence.meeting))?;
            if !meeting
                .documents
                .iter()
                .any(|d| d.sha256 == evidence.sha256)
            {
                return Err(DomainError::Invalid {
                    field: "evidence",
                    reason: format!(
                        "meeting {} has no document {}: attach the signed document first",
                        evidence.meeting, evidence.sha256
                    ),
                });
            }
            check_content(state, act, today)
        }
        ProposalContent::ProjectList { group, projects } => {
            if !state.groups.contains_key(group) {
                return Err(not_found("working group", group));
            }
            let mut seen = BTreeSet::new();
            for id in projects {
                let project = state
                    .projects
                    .get(id)
                    .ok_or_else(|| not_found("project", id))?;
                if project.spec.group != *group {
                    return Err(DomainError::Invalid {
                        field: "projects",
                        reason: format!("{id} belongs to {}", project.spec.group),
                    });
                }
                if !seen.insert(id) {
                    return Err(DomainError::Invalid {
                        field: "projects",
                        reason: format!("{id} is listed twice"),
                    });
                }
            }
            Ok(Scope::WorkingGroup(group.clone()))
        }
        ProposalContent::Roadmap { group, milestones } => {
            if !state.groups.contains_key(group) {
                return Err(not_found("working group", group));
            }
            check_roadmap(state, group, milestones)?;
            Ok(Scope::WorkingGroup(group.clone()))
        }
        ProposalContent::Minutes {
            meeting,
            text,
            decisions,
        } => {
            let m = state
                .meetings
                .get(meeting)
                .ok_or_else(|| not_found("meeting", meeting))?;
            let held_on = m.held_on.ok_or_else(|| DomainError::Invalid {
                field: "meeting",
                reason: format!(
                    "{meeting} is not recorded as held: minutes come after the meeting"
                ),
            })?;
            texts("text", text)?;
            let charter = state.charter.as_ref().ok_or(DomainError::NotInitialised)?;
            for decision in decisions {
                texts("decisions.text", &decision.text)?;
                if decision.kind == DecisionKind::Action {
                    let owner = decision.owner.as_ref().ok_or(DomainError::Invalid {
                        field: "decisions.owner",
                        reason: "an action needs an owner".into(),
                    })?;
                    if !state.persons.contains_key(owner) {
                        return Err(not_found("person", owner));
                    }
                    let due = decision.due.ok_or(DomainError::Invalid {
                        field: "decisions.due",
                        reason: "an action needs a due date".into(),
                    })?;
                    if due < held_on {
                        return Err(DomainError::Invalid {
                            field: "decisions.due",
                            reason: format!("{due} is before the meeting was held ({held_on})"),
                        });
                    }
                    within_charter("decisions.due", due, charter.signed_on, held_on)?;
                }
                for p in &decision.provisions {
                    if !charter.provisions.iter().any(|x| x.id == *p) {
                        return Err(DomainError::UnknownProvision(p.to_string()));
                    }
                }
                for p in &decision.projects {
                    if !state.projects.contains_key(p) {
                        return Err(not_found("project", p));
                    }
                }
            }
            Ok(match &m.spec.group {
                Some(group) => Scope::WorkingGroup(group.clone()),
                None => Scope::Charter,
            })
        }
        ProposalContent::WorkingGroup { spec } => {
            if state.groups.contains_key(&spec.id) {
                return Err(exists("working group", &spec.id));
            }
            group_id(&spec.id)?;
            texts("name", &spec.names)?;
            known_provisions(state, &spec.scope)?;
            Ok(Scope::Charter)
        }
        ProposalContent::DialoguePlatform { id, name, purpose } => {
            if state.groups.contains_key(id) {
                return Err(exists("working group or platform", id));
            }
            group_id(id)?;
            texts("name", name)?;
            if !purpose.is_empty() {
                texts("purpose", purpose)?;
            }
            Ok(Scope::Charter)
        }
        ProposalContent::GroupScope { group, provisions } => {
            if !state.groups.contains_key(group) {
                return Err(not_found("working group", group));
            }
            known_provisions(state, provisions)?;
            Ok(Scope::WorkingGroup(group.clone()))
        }
        ProposalContent::ProjectAmendment { project, spec } => {
            let current = state
                .projects
                .get(project)
                .ok_or_else(|| not_found("project", project))?;
            if current.status == ProjectStatus::Proposed {
                return Err(DomainError::Invalid {
                    field: "project",
                    reason: format!(
                        "{project} is not agreed yet: it is amended directly, without a proposal"
                    ),
                });
            }
            if current.spec.group != spec.group {
                return Err(DomainError::Invalid {
                    field: "working_group",
                    reason: "a project cannot move to another working group".into(),
                });
            }
            if current.spec == *spec {
                return Err(DomainError::Invalid {
                    field: "spec",
                    reason: "the amendment changes nothing".into(),
                });
            }
            let charter = state.charter.as_ref().ok_or(DomainError::NotInitialised)?;
            let parties: Vec<PartyCode> = charter.parties.iter().map(|p| p.code.clone()).collect();
            check_project(state, &parties, spec, today)?;
            Ok(Scope::WorkingGroup(spec.group.clone()))
        }
    }
}

fn check_roadmap(
    state: &State,
    group: &GroupId,
    milestones: &[MilestoneSpec],
) -> Result<(), DomainError> {
    let mut by_id: BTreeMap<&MilestoneId, &MilestoneSpec> = BTreeMap::new();
    for m in milestones {
        texts("title", &m.title)?;
        if by_id.insert(&m.id, m).is_some() {
            return Err(DomainError::Invalid {
                field: "milestones",
                reason: format!("{} is listed twice", m.id),
            });
        }
        if let Some(existing) = state.milestones.get(&m.id)
            && existing.group != *group
        {
            return Err(exists("milestone", &m.id));
        }
        if let Some(project) = &m.project {
            let p = state
                .projects
                .get(project)
                .ok_or_else(|| not_found("project", project))?;
            if p.spec.group != *group {
                return Err(DomainError::Invalid {
                    field: "project",
                    reason: format!("{project} belongs to {}", p.spec.group),
                });
            }
        }
    }
    for m in milestones {
        for dep in &m.depends_on {
            if !by_id.contains_key(dep) {
                return Err(not_found("milestone", dep));
            }
        }
    }
    // Depth-first search for a cycle: 1 = on the path, 2 = done.
    let mut mark: BTreeMap<&MilestoneId, u8> = BTreeMap::new();
    for start in by_id.keys().copied() {
        let mut stack: Vec<(&MilestoneId, usize)> = vec![(start, 0)];
        if mark.contains_key(start) {
            continue;
        }
        mark.insert(start, 1);
        while let Some((node, next)) = stack.pop() {
            let deps = &by_id[node].depends_on;
            if next < deps.len() {
                stack.push((node, next + 1));
                let dep = &deps[next];
                match mark.get(dep) {
                    Some(1) => return Err(DomainError::DependencyCycle(dep.to_string())),
                    Some(_) => {}
                    None => {
                        mark.insert(dep, 1);
                        stack.push((dep, 0));
                    }
                }
            } else {
                mark.insert(node, 2);
            }
        }
    }
    Ok(())
}

/// The project life cycle. `Agreed` is reached only by an adopted project
/// list, never by a status change.
fn status_may_change(from: ProjectStatus, to: ProjectStatus) -> bool {
    use ProjectStatus::*;
    matches!(
        (from, to),
        (Proposed, Cancelled)
            | (Agreed, InProgress | Suspended | Cancelled)
            | (InProgress, Completed | Suspended | Cancelled)
            | (Suspended, InProgress | Cancelled)
    )
}
