//! What a project's forms may offer a person: which of the project's acts
//! they may perform now (asked of the rules, as `decide` would answer), the
//! working groups they may propose a project in, the charter and the
//! registered organisations a project may name, and the change to an
//! agreed project that waits for both parties.
//!
//! A page shows a form only when this module says its act is available;
//! the use cases of `project_acts` still decide each act when it comes.

use accord_domain::agreement::Scope;
use accord_domain::command::{Actor, Command, Context};
use accord_domain::decide::{decide, pending_amendment};
use accord_domain::event::ProposalContent;
use accord_domain::ids::{GroupId, IndicatorId, MilestoneId, PersonId, ProjectId, ProposalId};
use accord_domain::model::{CharterRecord, Organisation, ProjectSpec, ProjectStatus};
use accord_domain::permissions::{self, Permission};
use accord_domain::state::State;
use accord_domain::visibility::{Viewer, can_see_project, is_participant};
use accord_store::EventStore;
use jiff::civil::Date;

use crate::App;
use crate::agreement_view::signing_party;

/// The statuses a project may be set to by a person, in the order a form
/// offers them.
const SETTABLE: [ProjectStatus; 4] = [
    ProjectStatus::InProgress,
    ProjectStatus::Completed,
    ProjectStatus::Suspended,
    ProjectStatus::Cancelled,
];

/// The acts a person may perform on one project now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectActs {
    /// Change it: at once before both parties agreed it, by a proposal
    /// after (`amend_proposes`).
    pub amend: bool,
    /// Whether a change is proposed to both parties (the project is agreed).
    pub amend_proposes: bool,
    /// The statuses the person may set it to now.
    pub statuses: Vec<ProjectStatus>,
    /// Its milestones the person may mark completed or move.
    pub milestones: Vec<MilestoneId>,
    /// Define an indicator of it.
    pub define_indicator: bool,
    /// Record measurements of its indicators.
    pub measure: bool,
}

/// A change to an agreed project that waits for both parties' approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingChange {
    pub proposal: ProposalId,
    /// The project as it would stand once adopted.
    pub spec: ProjectSpec,
}

/// Whether `person` holds `permission`.
fn holds(state: &State, person: &PersonId, permission: &Permission) -> bool {
    permissions::check(state, &Actor::Person(person.clone()), permission).is_ok()
}

impl<S: EventStore> App<S> {
    /// The acts `viewer` may perform on `project` on `today`: none for
    /// the public, or for a project the viewer may not see.
    pub fn project_acts(&self, viewer: &Viewer, project: &ProjectId, today: Date) -> ProjectActs {
        let Viewer::Person(person) = viewer else {
            return ProjectActs::default();
        };
        self.read(|state| {
            let Some(p) = state
                .projects
                .get(project)
                .filter(|p| can_see_project(state, viewer, p))
            else {
                return ProjectActs::default();
            };
            let context = Context {
                actor: Actor::Person(person.clone()),
                today,
            };
            let group = &p.spec.group;
            let works_in = holds(state, person, &Permission::WorkIn(group.clone()));
            let amend_proposes = p.status != ProjectStatus::Proposed;
            let amend = if amend_proposes {
                signing_party(state, person, &Scope::WorkingGroup(group.clone())).is_some()
            } else {
                works_in
            };
            let statuses = SETTABLE
                .into_iter()
                .filter(|status| {
                    let command = Command::ChangeProjectStatus {
                        project: project.clone(),
                        status: *status,
                        reason: "-".to_owned(),
                    };
                    decide(state, command, &context).is_ok()
                })
                .collect();
            let milestones = state
                .milestones_of(project)
                .filter(|m| m.completed_on.is_none())
                .filter(|m| holds(state, person, &Permission::WorkIn(m.group.clone())))
                .map(|m| m.spec.id.clone())
                .collect();
            let has_indicators = state.indicators_of(project).next().is_some();
            ProjectActs {
                amend,
                amend_proposes,
                statuses,
                milestones,
                define_indicator: works_in,
                measure: has_indicators
                    && holds(state, person, &Permission::ReportOn(project.clone())),
            }
        })
    }

    /// The working groups (not dialogue platforms) `person` may propose a
    /// project in.
    pub fn proposable_groups(&self, person: &PersonId) -> Vec<GroupId> {
        self.read(|state| {
            state
                .groups
                .values()
                .filter(|g| !g.dialogue_platform)
                .filter(|g| holds(state, person, &Permission::WorkIn(g.spec.id.clone())))
                .map(|g| g.spec.id.clone())
                .collect()
        })
    }

    /// The charter as recorded (its parties and provisions), for a form
    /// that cites it: public, and read without the projects that cite it.
    pub fn recorded_charter(&self) -> Option<CharterRecord> {
        self.read(|state| state.charter.clone())
    }

    /// The registered organisations, by id, for a form that names lead
    /// organisations and partners: participants only.
    pub fn registered_organisations(&self, viewer: &Viewer) -> Vec<Organisation> {
        self.read(|state| {
            if !is_participant(state, viewer) {
                return Vec::new();
            }
            state.organisations.values().cloned().collect()
        })
    }

    /// The change to `project` that waits for both parties, as `viewer`
    /// may see it: participants who see the project only.
    pub fn pending_change(&self, viewer: &Viewer, project: &ProjectId) -> Option<PendingChange> {
        self.read(|state| {
            let p = state.projects.get(project)?;
            if !can_see_project(state, viewer, p) || !is_participant(state, viewer) {
                return None;
            }
            let id = pending_amendment(state, project)?;
            match state.proposals.get(id)?.content.act() {
                ProposalContent::ProjectAmendment { spec, .. } => Some(PendingChange {
                    proposal: id.clone(),
                    spec: spec.clone(),
                }),
                _ => None,
            }
        })
    }

    /// Whether `milestone` belongs to `project` (an address that names
    /// both is refused as not found when they do not go together).
    pub fn milestone_in_project(&self, milestone: &MilestoneId, project: &ProjectId) -> bool {
        self.read(|state| {
            state
                .milestones
                .get(milestone)
                .is_some_and(|m| m.spec.project.as_ref() == Some(project))
        })
    }

    /// Whether `indicator` belongs to `project`.
    pub fn indicator_in_project(&self, indicator: &IndicatorId, project: &ProjectId) -> bool {
        self.read(|state| {
            state
                .indicators
                .get(indicator)
                .is_some_and(|i| i.spec.project == *project)
        })
    }
}
