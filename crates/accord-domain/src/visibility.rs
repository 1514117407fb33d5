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
//!
//! Meetings, proposals and people (as the application's detail queries and
//! the exports show them):
//!
//! - A **participant** is a person with a role, or of a government
//!   organisation. Only participants (and the operator) see people: names of
//!   co-chairs and members, signatories, meeting participants, decision owners.
//! - A meeting is seen **in full** (agenda, participants, minutes) by the
//!   operator, auditors, coordinators, people of a government, the meeting's
//!   group (co-chairs and members) and its participants. Anyone else, the
//!   public included, sees a charter meeting's date, place and whether it was
//!   held, and no other meeting.
//! - Inside a meeting seen in full, an agenda item or a decision that names a
//!   project or milestone the viewer may not see is left out altogether.
//! - A proposal is seen when everything it names is: each project of a
//!   project list, each milestone of a roadmap, the meeting of minutes (in
//!   full), the project of an amendment (as it stands and as amended). A
//!   proposal of a new group or platform is seen by participants, and by
//!   everyone once adopted.

use crate::event::{Decision, ProposalContent};
use crate::ids::{GroupId, MilestoneId, PersonId, ProjectId};
use crate::model::{AgendaItem, Classification, MeetingKind, MilestoneSpec, ProjectStatus, Role};
use crate::state::{Meeting, Milestone, Project, ProposalRecord, State};

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
/// of the group as a whole (a step of the governments' roadmap), as a
/// partnership project of that group: the people of both governments, the
/// group's co-chairs and members, coordinators and auditors; not the public,
/// and not a partner company's people, who see only their projects.
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
                state.roles_of(person).any(|r| match r {
                    Role::Auditor | Role::Coordinator { .. } => true,
                    Role::CoChair { group, .. } | Role::Member { group } => {
                        *group == milestone.group
                    }
                    Role::Partner | Role::Administrator => false,
                }) || state
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

/// Whether `viewer` belongs to a government (its organisation has a party).
pub fn of_a_government(state: &State, viewer: &Viewer) -> bool {
    let Viewer::Person(person) = viewer else {
        return false;
    };
    state
        .persons
        .get(person)
        .and_then(|p| state.organisations.get(&p.organisation))
        .is_some_and(|o| o.party.is_some())
}

/// Whether `viewer` takes part in carrying out the charter: the operator, a
/// person with a role, or a person of a government. Only they see people.
pub fn is_participant(state: &State, viewer: &Viewer) -> bool {
    match viewer {
        Viewer::Operator => true,
        Viewer::Public => false,
        Viewer::Person(person) => {
            state.roles_of(person).next().is_some() || of_a_government(state, viewer)
        }
    }
}

/// Whether `viewer` sees `meeting` in full: agenda, participants, minutes.
pub fn can_see_meeting_in_full(state: &State, viewer: &Viewer, meeting: &Meeting) -> bool {
    if sees_everything(state, viewer) || of_a_government(state, viewer) {
        return true;
    }
    let Viewer::Person(person) = viewer else {
        return false;
    };
    let in_group = meeting.spec.group.as_ref().is_some_and(|group| {
        state.roles_of(person).any(|r| {
            matches!(r, Role::CoChair { group: g, .. } | Role::Member { group: g } if g == group)
        })
    });
    in_group || meeting.spec.participants.contains(person)
}

/// Whether `viewer` may see `meeting` at all: in full, or a charter
/// meeting's date and place.
pub fn can_see_meeting(state: &State, viewer: &Viewer, meeting: &Meeting) -> bool {
    meeting.spec.kind == MeetingKind::Charter || can_see_meeting_in_full(state, viewer, meeting)
}

/// Whether `viewer` may see the project `id` (an unknown one: no).
pub fn can_see_project_id(state: &State, viewer: &Viewer, id: &ProjectId) -> bool {
    state
        .projects
        .get(id)
        .is_some_and(|p| can_see_project(state, viewer, p))
}

/// Whether `viewer` may see the milestone `id` (an unknown one: no).
pub fn can_see_milestone_id(state: &State, viewer: &Viewer, id: &MilestoneId) -> bool {
    state
        .milestones
        .get(id)
        .is_some_and(|m| can_see_milestone(state, viewer, m))
}

/// Whether `viewer` may see a milestone of `group` described by `spec`
/// (one proposed in a roadmap, perhaps not yet in the state).
pub fn can_see_milestone_spec(
    state: &State,
    viewer: &Viewer,
    group: &GroupId,
    spec: &MilestoneSpec,
) -> bool {
    can_see_milestone(
        state,
        viewer,
        &Milestone {
            group: group.clone(),
            baseline_due: spec.due,
            spec: spec.clone(),
            completed_on: None,
        },
    )
}

/// Whether `viewer` may see an agenda item: everything it names.
pub fn can_see_agenda_item(state: &State, viewer: &Viewer, item: &AgendaItem) -> bool {
    item.projects
        .iter()
        .all(|p| can_see_project_id(state, viewer, p))
        && item
            .milestones
            .iter()
            .all(|m| can_see_milestone_id(state, viewer, m))
}

/// Whether `viewer` may see a decision: every project it names.
pub fn can_see_decision(state: &State, viewer: &Viewer, decision: &Decision) -> bool {
    decision
        .projects
        .iter()
        .all(|p| can_see_project_id(state, viewer, p))
}

/// Whether `viewer` may see a proposal (see the module documentation).
pub fn can_see_proposal(state: &State, viewer: &Viewer, proposal: &ProposalRecord) -> bool {
    if sees_everything(state, viewer) {
        return true;
    }
    // An act recorded after it took effect names its evidence's meeting.
    if let ProposalContent::Recorded { evidence, .. } = &proposal.content
        && !state
            .meetings
            .get(&evidence.meeting)
            .is_some_and(|m| can_see_meeting_in_full(state, viewer, m))
    {
        return false;
    }
    match proposal.content.act() {
        ProposalContent::Recorded { .. } => false,
        ProposalContent::ProjectList { projects, .. } => projects
            .iter()
            .all(|p| can_see_project_id(state, viewer, p)),
        ProposalContent::Roadmap { group, milestones } => milestones
            .iter()
            .all(|m| can_see_milestone_spec(state, viewer, group, m)),
        ProposalContent::Minutes { meeting, .. } => state
            .meetings
            .get(meeting)
            .is_some_and(|m| can_see_meeting_in_full(state, viewer, m)),
        ProposalContent::ProjectAmendment { project, spec } => {
            // Seen by whoever sees the project both as it stands and as
            // the amendment would make it.
            state.projects.get(project).is_some_and(|current| {
                let mut amended = current.clone();
                amended.spec = spec.clone();
                can_see_project(state, viewer, current) && can_see_project(state, viewer, &amended)
            })
        }
        ProposalContent::WorkingGroup { .. }
        | ProposalContent::DialoguePlatform { .. }
        | ProposalContent::GroupScope { .. } => {
            proposal.agreement.adopted_on.is_some() || is_participant(state, viewer)
        }
    }
}
