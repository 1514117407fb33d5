//! Who may see what. Every query of the record takes a viewer and goes
//! through these functions, so lists, counts, search, exports and feeds
//! all hide the same things.
//!
//! - The public sees public projects once both parties have agreed them.
//! - People of either government see public and partnership projects.
//! - A restricted project is seen by its working group (co-chairs and
//!   members) and by the coordinators.
//! - A partner organisation's people see the projects it takes part in.
//! - Auditors, and the operator at the console, see everything.

use crate::ids::PersonId;
use crate::model::{Classification, ProjectStatus, Role};
use crate::state::{Milestone, Project, State};

/// Who is looking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Viewer {
    /// Anyone, without an account.
    Public,
    /// The operator at the instance's own console.
    Operator,
    /// A person of the record.
    Person(PersonId),
}

/// Whether `viewer` sees the whole record (the operator, auditors and
/// coordinators): queries over many items skip the per-item checks then.
pub fn sees_everything(state: &State, viewer: &Viewer) -> bool {
    match viewer {
        Viewer::Operator => true,
        Viewer::Public => false,
        Viewer::Person(person) => state
            .roles_of(person)
            .any(|r| matches!(r, Role::Auditor | Role::Coordinator { .. })),
    }
}

/// Whether `viewer` may see `project`.
pub fn can_see_project(state: &State, viewer: &Viewer, project: &Project) -> bool {
    let person = match viewer {
        Viewer::Operator => return true,
        Viewer::Public => return seen_by_the_public(project),
        Viewer::Person(person) => person,
    };
    let roles: Vec<&Role> = state.roles_of(person).collect();
    if roles
        .iter()
        .any(|r| matches!(r, Role::Auditor | Role::Coordinator { .. }))
    {
        return true;
    }
    let organisation = state
        .persons
        .get(person)
        .and_then(|p| state.organisations.get(&p.organisation));
    let takes_part = organisation.is_some_and(|o| {
        project.spec.partners.contains(&o.id) || project.spec.lead_organisations.contains(&o.id)
    });
    if takes_part {
        return true;
    }
    let in_group = roles.iter().any(|r| {
        matches!(r, Role::CoChair { group, .. } | Role::Member { group } if *group == project.spec.group)
    });
    let of_a_government = organisation.is_some_and(|o| o.party.is_some());
    match project.spec.classification {
        Classification::Public => true,
        Classification::Partnership => of_a_government || in_group,
        Classification::Restricted => in_group,
    }
}

/// Whether the public sees `project`: a public project, once both parties
/// have agreed it. It depends on the project alone (the state's project
/// index relies on that).
pub fn seen_by_the_public(project: &Project) -> bool {
    project.spec.classification == Classification::Public
        && project.status != ProjectStatus::Proposed
}

/// Whether `viewer` may see `milestone`: as its project, or, for a milestone
/// of the group as a whole, as a partnership item.
pub fn can_see_milestone(state: &State, viewer: &Viewer, milestone: &Milestone) -> bool {
    match milestone
        .spec
        .project
        .as_ref()
        .and_then(|id| state.projects.get(id))
    {
        Some(project) => can_see_project(state, viewer, project),
        None => match viewer {
            Viewer::Public => false,
            Viewer::Operator => true,
            Viewer::Person(person) => {
                state.roles_of(person).next().is_some()
                    || state
                        .persons
                        .get(person)
                        .and_then(|p| state.organisations.get(&p.organisation))
                        .is_some_and(|o| o.party.is_some())
            }
        },
    }
}

/// The projects `viewer` may see, in id order.
pub fn visible_projects<'a>(
    state: &'a State,
    viewer: &'a Viewer,
) -> impl Iterator<Item = &'a Project> + 'a {
    let everything = sees_everything(state, viewer);
    state
        .projects
        .values()
        .filter(move |p| everything || can_see_project(state, viewer, p))
}
