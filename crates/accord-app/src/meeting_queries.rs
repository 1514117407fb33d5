//! What a person needs to prepare and follow up a meeting, filtered by the
//! viewer: one meeting, the agenda the state proposes for it, and the
//! actions of adopted minutes (open and done).

use accord_domain::calendar::days_between;
use accord_domain::event::ProposalContent;
use accord_domain::ids::{GroupId, MeetingId, MilestoneId, ProjectId, ProvisionId};
use accord_domain::model::{Deliverable, MeetingKind};
use accord_domain::state::{Action, State};
use accord_domain::visibility::{
    Viewer, can_see_decision, can_see_meeting_in_full, sees_everything,
};
use accord_store::EventStore;
use jiff::civil::Date;

use crate::queries_detail::{DueItem, MeetingView, meeting_view};
use crate::{App, AppError};

/// An action of adopted minutes, as its viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionView {
    pub action: Action,
    /// The group of the meeting it comes from; none for a charter meeting.
    pub group: Option<GroupId>,
    pub meeting_date: Date,
    /// Its owner's name (shown to those who see the meeting in full).
    pub owner_name: Option<String>,
    /// Days past its due date on the as-of date, when open and late.
    pub days_overdue: Option<u32>,
}

/// Why the state puts an item on a meeting's proposed agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A milestone late on the meeting's date.
    OverdueMilestone,
    /// A proposal still waiting for a party's approval.
    PendingProposal,
    /// An action of earlier minutes, not yet done.
    OpenAction,
    /// A deadline of the charter falling due before the meeting.
    Deadline,
    /// A commitment of the charter no project carries out yet.
    UncoveredCommitment,
}

/// One item the state proposes; the person edits the agenda from these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub reason: Reason,
    /// What it is about: a milestone's or action's title, a proposal's or
    /// deliverable's id, a provision's id.
    pub subject: String,
    pub due: Option<Date>,
    pub provisions: Vec<ProvisionId>,
    pub projects: Vec<ProjectId>,
    pub milestones: Vec<MilestoneId>,
}

impl Suggestion {
    fn about(reason: Reason, subject: impl Into<String>) -> Suggestion {
        Suggestion {
            reason,
            subject: subject.into(),
            due: None,
            provisions: Vec::new(),
            projects: Vec::new(),
            milestones: Vec::new(),
        }
    }
}

/// Whether `viewer` may see `action`: its meeting in full and what its
/// decision names, or it is theirs.
fn can_see_action(state: &State, viewer: &Viewer, action: &Action) -> bool {
    if sees_everything(state, viewer) {
        return true;
    }
    if let (Viewer::Person(person), Some(owner)) = (viewer, &action.decision.owner)
        && person == owner
    {
        return true;
    }
    state.meetings.get(&action.meeting).is_some_and(|m| {
        can_see_meeting_in_full(state, viewer, m)
            && can_see_decision(state, viewer, &action.decision)
    })
}

fn action_view(state: &State, action: &Action, as_of: Date) -> ActionView {
    let meeting = state.meetings.get(&action.meeting);
    let late = |due: Date| {
        u32::try_from(days_between(due, as_of))
            .ok()
            .filter(|d| *d > 0)
    };
    ActionView {
        action: action.clone(),
        group: meeting.and_then(|m| m.spec.group.clone()),
        meeting_date: meeting.map_or(action.adopted_on, |m| m.held_on.unwrap_or(m.spec.date)),
        owner_name: action
            .decision
            .owner
            .as_ref()
            .and_then(|o| state.persons.get(o))
            .map(|p| p.name.clone()),
        days_overdue: match (&action.done, action.decision.due) {
            (None, Some(due)) => late(due),
            _ => None,
        },
    }
}

impl<S: EventStore> App<S> {
    /// The meeting `id` as `viewer` may see it.
    pub fn meeting(&self, viewer: &Viewer, id: &MeetingId) -> Option<MeetingView> {
        self.read(|state| {
            state
                .meetings
                .get(id)
                .and_then(|m| meeting_view(state, viewer, m))
        })
    }

    /// The actions of adopted minutes `viewer` may see, open ones first
    /// (soonest due first), then done ones; lateness judged on `as_of`.
    pub fn actions(&self, viewer: &Viewer, as_of: Date) -> Vec<ActionView> {
        self.read(|state| {
            let mut actions: Vec<ActionView> = state
                .actions
                .values()
                .filter(|a| can_see_action(state, viewer, a))
                .map(|a| action_view(state, a, as_of))
                .collect();
            actions.sort_by(|a, b| {
                let key = |v: &ActionView| {
                    (
                        v.action.done.is_some(),
                        v.action.decision.due,
                        v.action.id.clone(),
                    )
                };
                key(a).cmp(&key(b))
            });
            actions
        })
    }

    /// The agenda the state proposes for meeting `id`, as `viewer` may see
    /// it; none when the viewer may not see the meeting in full.
    pub fn proposed_agenda(
        &self,
        viewer: &Viewer,
        id: &MeetingId,
        today: Date,
    ) -> Result<Option<Vec<Suggestion>>, AppError> {
        let Some((date, group, kind)) = self.read(|state| {
            state
                .meetings
                .get(id)
                .filter(|m| can_see_meeting_in_full(state, viewer, m))
                .map(|m| (m.spec.date, m.spec.group.clone(), m.spec.kind))
        }) else {
            return Ok(None);
        };
        self.suggest_agenda(viewer, kind, group, date, today)
            .map(Some)
    }

    /// The agenda the state proposes for a meeting of `kind` (of `group`)
    /// on `date`: overdue milestones, pending proposals, open actions,
    /// deadlines falling due before it, and commitments no project covers.
    /// For a group's meeting, only what concerns the group.
    pub fn suggest_agenda(
        &self,
        viewer: &Viewer,
        kind: MeetingKind,
        group: Option<GroupId>,
        date: Date,
        today: Date,
    ) -> Result<Vec<Suggestion>, AppError> {
        // What will be late, and what falls due, by the meeting's date (or
        // today, for a meeting recorded after it was held).
        let as_of = date.max(today);
        let agenda = self.agenda(viewer, as_of)?;
        let report = self.status(viewer, as_of)?;
        let concerns = |g: &GroupId| group.as_ref().is_none_or(|mine| mine == g);
        let mut items = Vec::new();
        for late in agenda
            .overdue_milestones
            .iter()
            .filter(|m| concerns(&m.group))
        {
            let mut item = Suggestion::about(Reason::OverdueMilestone, late.id.to_string());
            item.due = Some(late.due);
            item.milestones.push(late.id.clone());
            items.push(item);
        }
        self.read(|state| {
            for proposal in &agenda.pending_proposals {
                let of_group = match &proposal.agreement.scope {
                    accord_domain::agreement::Scope::WorkingGroup(g) => concerns(g),
                    accord_domain::agreement::Scope::Charter => group.is_none(),
                };
                if !of_group {
                    continue;
                }
                let mut item = Suggestion::about(Reason::PendingProposal, proposal.id.to_string());
                match proposal.content.act() {
                    ProposalContent::ProjectList { projects, .. } => {
                        item.projects.clone_from(projects);
                    }
                    ProposalContent::Roadmap { milestones, .. } => {
                        item.milestones = milestones.iter().map(|m| m.id.clone()).collect();
                    }
                    ProposalContent::GroupScope { provisions, .. } => {
                        item.provisions.clone_from(provisions);
                    }
                    _ => {}
                }
                items.push(item);
            }
            for action in state.actions.values() {
                if action.done.is_some() || !can_see_action(state, viewer, action) {
                    continue;
                }
                let action_group = state
                    .meetings
                    .get(&action.meeting)
                    .and_then(|m| m.spec.group.clone());
                if group.is_some() && action_group != group {
                    continue;
                }
                let mut item = Suggestion::about(Reason::OpenAction, action.id.to_string());
                item.due = action.decision.due;
                item.provisions.clone_from(&action.decision.provisions);
                item.projects.clone_from(&action.decision.projects);
                items.push(item);
            }
        });
        for due in &agenda.due_soon {
            if due.due > date {
                continue;
            }
            let subject = match &due.item {
                DueItem::Deliverable {
                    group: g,
                    deliverable,
                } if concerns(g) => format!(
                    "{g}: {}",
                    match deliverable {
                        Deliverable::ProjectList => "project list",
                        Deliverable::Roadmap => "roadmap",
                    }
                ),
                DueItem::CharterMeeting if kind == MeetingKind::Charter => {
                    "charter meeting".to_owned()
                }
                _ => continue,
            };
            let mut item = Suggestion::about(Reason::Deadline, subject);
            item.due = Some(due.due);
            items.push(item);
        }
        let scope: Option<Vec<ProvisionId>> = group
            .as_ref()
            .and_then(|g| self.read(|state| state.groups.get(g).map(|g| g.spec.scope.clone())));
        for provision in &report.coverage.uncovered {
            if scope.as_ref().is_some_and(|s| !s.contains(provision)) {
                continue;
            }
            let mut item = Suggestion::about(Reason::UncoveredCommitment, provision.to_string());
            item.provisions.push(provision.clone());
            items.push(item);
        }
        Ok(items)
    }

    /// The people `viewer` may see, by name: participants see everyone of
    /// the record, anyone else no one. For the forms that name people.
    pub fn people(&self, viewer: &Viewer) -> Vec<accord_domain::model::Person> {
        self.read(|state| {
            if !accord_domain::visibility::is_participant(state, viewer) {
                return Vec::new();
            }
            let mut people: Vec<_> = state.persons.values().cloned().collect();
            people.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
            people
        })
    }
}
