//! Who may ask for what. Signing for a party is the agreement's rule
//! (`agreement`); this module covers everything else: administering people,
//! working in a group, reporting on a project.
//!
//! The operator at the instance's own console (`Actor::System`) may do
//! everything but sign for a party.

use crate::command::{Actor, Command};
use crate::ids::{GroupId, PersonId, ProjectId};
use crate::model::{MeetingKind, Role};
use crate::state::State;

/// What a command needs beyond being decided valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Permission {
    /// Organisations, people and roles.
    Administer,
    /// The charter as a whole (charter meetings).
    Coordinate,
    /// Work of one working group (projects, milestones, meetings).
    WorkIn(GroupId),
    /// Measurements and documents of one project (its group, or its
    /// partners).
    ReportOn(ProjectId),
    /// A project's status: the co-chair of its group for its lead party,
    /// or a coordinator.
    Lead(ProjectId),
    /// An action of adopted minutes: its owner, or whoever runs the
    /// meeting it comes from (`meeting`).
    CompleteAction {
        owner: Option<PersonId>,
        meeting: Box<Permission>,
    },
}

/// Who runs a meeting of `group` (a working group or a dialogue platform:
/// its co-chairs and members), or of the charter as a whole (none: the
/// coordinators).
pub fn meeting_permission(group: Option<&GroupId>) -> Permission {
    match group {
        Some(group) => Permission::WorkIn(group.clone()),
        None => Permission::Coordinate,
    }
}

/// The permission `command` needs, or none when only the agreement's rules
/// apply (proposals and approvals) or the target does not exist (then
/// `decide` reports it as not found).
pub fn required(state: &State, command: &Command) -> Option<Permission> {
    let group_of_project = |id: &ProjectId| state.projects.get(id).map(|p| p.spec.group.clone());
    match command {
        Command::Initialise { .. } => None,
        Command::RegisterOrganisation { .. }
        | Command::RegisterPerson { .. }
        | Command::GrantRole { .. }
        | Command::RevokeRole { .. } => Some(Permission::Administer),
        Command::ProposeProject { spec, .. } => state
            .groups
            .contains_key(&spec.group)
            .then(|| Permission::WorkIn(spec.group.clone())),
        Command::AmendProject { project, .. } => group_of_project(project).map(Permission::WorkIn),
        Command::ChangeProjectStatus { project, .. } => state
            .projects
            .contains_key(project)
            .then(|| Permission::Lead(project.clone())),
        Command::Propose { .. }
        | Command::AmendProposal { .. }
        | Command::Approve { .. }
        | Command::WithdrawApproval { .. }
        | Command::Reject { .. }
        | Command::WithdrawProposal { .. } => None,
        Command::CompleteMilestone { milestone, .. }
        | Command::RescheduleMilestone { milestone, .. } => state
            .milestones
            .get(milestone)
            .map(|m| Permission::WorkIn(m.group.clone())),
        Command::ScheduleMeeting { meeting } => Some(match (&meeting.kind, &meeting.group) {
            (MeetingKind::Charter, _) | (_, None) => Permission::Coordinate,
            (_, Some(group)) => Permission::WorkIn(group.clone()),
        }),
        Command::RecordMeetingHeld { meeting, .. }
        | Command::RescheduleMeeting { meeting, .. }
        | Command::CancelMeeting { meeting, .. }
        | Command::AttachDocument { meeting, .. } => state
            .meetings
            .get(meeting)
            .map(|m| meeting_permission(m.spec.group.as_ref())),
        Command::CompleteAction { action, .. } => {
            state
                .actions
                .get(action)
                .map(|a| Permission::CompleteAction {
                    owner: a.decision.owner.clone(),
                    meeting: state
                        .meetings
                        .get(&a.meeting)
                        .map(|m| Box::new(meeting_permission(m.spec.group.as_ref())))
                        .unwrap_or_else(|| Box::new(Permission::Coordinate)),
                })
        }
        Command::DefineIndicator { indicator } => {
            group_of_project(&indicator.project).map(Permission::WorkIn)
        }
        Command::RecordMeasurement { indicator, .. } => state
            .indicators
            .get(indicator)
            .map(|i| Permission::ReportOn(i.spec.project.clone())),
        Command::AttachProjectDocument { project, .. } => {
            Some(Permission::ReportOn(project.clone()))
        }
    }
}

/// Whether `actor` holds `permission`; the error names who was refused.
pub fn check(state: &State, actor: &Actor, permission: &Permission) -> Result<(), String> {
    let Actor::Person(person) = actor else {
        return Ok(());
    };
    let roles: Vec<&Role> = state.roles_of(person).collect();
    let coordinator = roles.iter().any(|r| matches!(r, Role::Coordinator { .. }));
    let works_in = |group: &GroupId| {
        coordinator
            || roles.iter().any(|r| {
                matches!(r, Role::CoChair { group: g, .. } | Role::Member { group: g } if g == group)
            })
    };
    let allowed = match permission {
        Permission::CompleteAction { owner, meeting } => {
            return if owner.as_ref() == Some(person) {
                Ok(())
            } else {
                check(state, actor, meeting)
            };
        }
        Permission::Administer => roles.iter().any(|r| matches!(r, Role::Administrator)),
        Permission::Coordinate => coordinator,
        Permission::WorkIn(group) => works_in(group),
        Permission::Lead(project) => state.projects.get(project).is_some_and(|p| {
            coordinator
                || roles.iter().any(|r| {
                    matches!(r, Role::CoChair { group, party }
                        if *group == p.spec.group && *party == p.spec.lead_party)
                })
        }),
        Permission::ReportOn(project) => match state.projects.get(project) {
            Some(p) => {
                works_in(&p.spec.group)
                    || (roles.iter().any(|r| matches!(r, Role::Partner))
                        && state
                            .persons
                            .get(person)
                            .is_some_and(|someone| p.spec.partners.contains(&someone.organisation)))
            }
            None => false,
        },
    };
    if allowed {
        Ok(())
    } else {
        Err(person.to_string())
    }
}
