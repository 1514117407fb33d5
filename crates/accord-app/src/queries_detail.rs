//! Detail queries that take the viewer: one project in full, a working
//! group's roadmap and people, the meetings and the agenda the state calls
//! for. Like `queries`, each returns owned values already filtered, so that
//! a page cannot show what its viewer may not see.
//!
//! Everything follows `accord_domain::visibility`, which sets the rules for
//! meetings, proposals and people too:
//!
//! - A **participant** is a person with a role, or of a government
//!   organisation. Only participants (and the operator) see people: names of
//!   co-chairs and members, meeting participants, decision owners.
//! - A meeting is seen **in full** (agenda, participants, minutes) by the
//!   operator, auditors, coordinators, people of a government, the meeting's
//!   group (co-chairs and members) and its participants. Anyone else, the
//!   public included, sees a charter meeting's date, place and whether it was
//!   held, and no other meeting.
//! - Inside a meeting seen in full, an agenda item or a decision that names a
//!   project or milestone the viewer may not see is left out altogether (not
//!   counted either).
//! - A proposal is seen when everything it names is: each project of a
//!   project list, each milestone of a roadmap, the meeting of minutes (in
//!   full). A proposal of a new group or platform is seen by participants,
//!   and by everyone once adopted.

use std::collections::{BTreeMap, HashMap, HashSet};

use accord_domain::calendar::days_between;
use accord_domain::event::{Decision, ProposalContent};
use accord_domain::ids::{GroupId, MilestoneId, OrganisationId, PartyCode, ProjectId};
use accord_domain::model::{Deliverable, Organisation, Person, Provision, Role, Texts};
use accord_domain::rules::DeadlineStatus;
use accord_domain::rules::status::MilestoneLate;
use accord_domain::state::{
    Indicator, Meeting, Milestone, Project, ProposalRecord, State, WorkingGroup,
};
use accord_domain::visibility::{Viewer, can_see_milestone, can_see_project};
use accord_store::EventStore;
use jiff::civil::Date;

use crate::record::EntrySummary;
use crate::{App, AppError};

/// A deadline or a milestone is "due soon" within this many days.
pub const DUE_SOON_DAYS: u32 = 60;

/// One project and everything about it the viewer may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectDetail {
    pub project: Project,
    pub group: WorkingGroup,
    /// The provisions it cites, in its own order (ids unknown to the
    /// charter are left out).
    pub provisions: Vec<Provision>,
    /// Its lead organisations and partners, by id.
    pub organisations: BTreeMap<OrganisationId, Organisation>,
    /// Its milestones, by due date.
    pub milestones: Vec<Milestone>,
    /// The agreed baseline's due date of each milestone that has one.
    pub baseline_due: BTreeMap<MilestoneId, Date>,
    pub indicators: Vec<Indicator>,
    /// The log entries that changed it and that the viewer may have
    /// proved (`record::may_see_entry`), oldest first.
    pub history: Vec<EntrySummary>,
}

/// A working group's roadmap, people and pending proposals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRoadmap {
    pub group: WorkingGroup,
    /// Whether the viewer may see people (see the module documentation);
    /// when not, `co_chairs` and `members` are empty.
    pub people_shown: bool,
    /// Each party's co-chair, by party.
    pub co_chairs: Vec<(PartyCode, Person)>,
    pub members: Vec<Person>,
    /// The visible milestones, in the baseline's order, then by due date;
    /// each one's dependencies name visible milestones only.
    pub milestones: Vec<Milestone>,
    /// The agreed baseline's due date of each visible milestone that has one.
    pub baseline_due: BTreeMap<MilestoneId, Date>,
    /// Open proposals of this group the viewer may see, oldest first.
    pub pending: Vec<ProposalRecord>,
}

/// A meeting as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingView {
    /// With the agenda filtered, and emptied (with the participants) when
    /// not seen in full.
    pub meeting: Meeting,
    pub in_full: bool,
    /// The participants as people (empty when not seen in full).
    pub participants: Vec<Person>,
    /// The adopted minutes, when seen in full.
    pub minutes: Option<Minutes>,
    /// The names of the people the decisions name, and of the attendees,
    /// by id.
    pub owners: BTreeMap<String, String>,
}

/// The adopted minutes of a meeting, decisions filtered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minutes {
    pub text: accord_domain::model::Texts,
    pub decisions: Vec<Decision>,
    /// The log index of the entry that adopted them (see
    /// `signing::adopted_entry`), whose proof a page offers.
    pub adopted_entry: Option<u64>,
}

/// What the state puts on the agenda on an as-of date.
#[derive(Debug, Clone, PartialEq)]
pub struct Agenda {
    pub as_of: Date,
    pub overdue_milestones: Vec<MilestoneLate>,
    pub pending_proposals: Vec<ProposalRecord>,
    /// Deadlines, the next charter meeting and milestones falling due within
    /// `DUE_SOON_DAYS`, soonest first.
    pub due_soon: Vec<DueSoon>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueSoon {
    pub item: DueItem,
    pub due: Date,
    pub days_left: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueItem {
    Deliverable {
        group: GroupId,
        deliverable: Deliverable,
    },
    CharterMeeting,
    Milestone {
        id: MilestoneId,
        group: GroupId,
        /// Its title per language.
        title: Texts,
    },
}

impl<S: EventStore> App<S> {
    /// One project in full, with its history read from the log; none when
    /// there is no such project or `viewer` may not see it (the two are
    /// told apart by nobody: a hidden project's existence is not revealed).
    pub fn project_detail(
        &self,
        viewer: &Viewer,
        id: &ProjectId,
    ) -> Result<Option<ProjectDetail>, AppError> {
        let Some(mut detail) = self.project_detail_without_history(viewer, id) else {
            return Ok(None);
        };
        // The state's lock is released before the log is read: the writer
        // takes the log first and the state second.
        detail.history = self.visible_entries(viewer, &detail.project.history)?;
        Ok(Some(detail))
    }

    /// One project in full as `project_detail` gives it, but with an empty
    /// history: for a page that reads the history itself
    /// (`project_history`), so that the log is read once.
    pub fn project_detail_without_history(
        &self,
        viewer: &Viewer,
        id: &ProjectId,
    ) -> Option<ProjectDetail> {
        self.read(|state| {
            let project = state.projects.get(id)?;
            if !can_see_project(state, viewer, project) {
                return None;
            }
            let group = state.groups.get(&project.spec.group)?.clone();
            let provisions = state
                .charter
                .as_ref()
                .map(|c| {
                    project
                        .spec
                        .provisions
                        .iter()
                        .filter_map(|p| c.provisions.iter().find(|q| q.id == *p).cloned())
                        .collect()
                })
                .unwrap_or_default();
            let organisations = project
                .spec
                .lead_organisations
                .iter()
                .chain(&project.spec.partners)
                .filter_map(|o| state.organisations.get(o))
                .map(|o| (o.id.clone(), o.clone()))
                .collect();
            let mut milestones: Vec<Milestone> = state.milestones_of(id).cloned().collect();
            milestones.sort_by(|a, b| (a.spec.due, &a.spec.id).cmp(&(b.spec.due, &b.spec.id)));
            let baseline_due = baseline_dues(&group, &milestones);
            let indicators = state.indicators_of(id).cloned().collect();
            Some(ProjectDetail {
                project: project.clone(),
                group,
                provisions,
                organisations,
                milestones,
                baseline_due,
                indicators,
                history: Vec::new(),
            })
        })
    }

    /// A working group's roadmap, people and pending proposals as `viewer`
    /// may see them; none when there is no such group.
    pub fn group_roadmap(&self, viewer: &Viewer, id: &GroupId) -> Option<GroupRoadmap> {
        self.read(|state| {
            let group = state.groups.get(id)?.clone();
            let people_shown = is_participant(state, viewer);
            let mut co_chairs = Vec::new();
            let mut members = Vec::new();
            if people_shown {
                for (person, roles) in &state.roles {
                    let Some(someone) = state.persons.get(person) else {
                        continue;
                    };
                    for role in roles {
                        match role {
                            Role::CoChair { group: g, party } if g == id => {
                                co_chairs.push((party.clone(), someone.clone()));
                            }
                            Role::Member { group: g } if g == id => members.push(someone.clone()),
                            _ => {}
                        }
                    }
                }
                co_chairs.sort_by(|a, b| a.0.cmp(&b.0));
            }
            let mut milestones: Vec<Milestone> = state
                .milestones
                .values()
                .filter(|m| m.group == *id && can_see_milestone(state, viewer, m))
                .cloned()
                .collect();
            // Each lookup is a map's: a roadmap of thousands of milestones
            // costs its own size, not its square.
            let in_baseline: HashMap<&MilestoneId, usize> = group
                .baseline
                .iter()
                .enumerate()
                .map(|(k, b)| (&b.id, k))
                .collect();
            let position =
                |m: &Milestone| in_baseline.get(&m.spec.id).copied().unwrap_or(usize::MAX);
            milestones.sort_by_cached_key(|m| (position(m), m.spec.due, m.spec.id.clone()));
            let visible: HashSet<MilestoneId> =
                milestones.iter().map(|m| m.spec.id.clone()).collect();
            for m in &mut milestones {
                m.spec.depends_on.retain(|d| visible.contains(d));
            }
            let baseline_due = baseline_dues(&group, &milestones);
            let pending = visible_pending(state, viewer)
                .filter(|p| {
                    p.agreement.scope == accord_domain::agreement::Scope::WorkingGroup(id.clone())
                })
                .cloned()
                .collect();
            Some(GroupRoadmap {
                group,
                people_shown,
                co_chairs,
                members,
                milestones,
                baseline_due,
                pending,
            })
        })
    }

    /// The meetings `viewer` may see, by date (then id).
    pub fn meetings(&self, viewer: &Viewer) -> Vec<MeetingView> {
        self.read(|state| {
            let mut meetings: Vec<MeetingView> = state
                .meetings
                .values()
                .filter_map(|m| meeting_view(state, viewer, m))
                .collect();
            meetings.sort_by(|a, b| {
                (a.meeting.spec.date, &a.meeting.spec.id)
                    .cmp(&(b.meeting.spec.date, &b.meeting.spec.id))
            });
            meetings
        })
    }

    /// What the state puts on the agenda on `as_of`, as `viewer` may see it.
    pub fn agenda(&self, viewer: &Viewer, as_of: Date) -> Result<Agenda, AppError> {
        let report = self.status(viewer, as_of)?;
        let (pending_proposals, milestones_due) = self.read(|state| {
            let pending: Vec<ProposalRecord> = visible_pending(state, viewer).cloned().collect();
            let milestones: Vec<DueSoon> = state
                .milestones
                .values()
                .filter(|m| m.completed_on.is_none() && can_see_milestone(state, viewer, m))
                .filter_map(|m| {
                    due_soon(as_of, m.spec.due).map(|days_left| DueSoon {
                        item: DueItem::Milestone {
                            id: m.spec.id.clone(),
                            group: m.group.clone(),
                            title: m.spec.title.clone(),
                        },
                        due: m.spec.due,
                        days_left,
                    })
                })
                .collect();
            (pending, milestones)
        });
        let mut due = milestones_due;
        for group in &report.working_groups {
            for (deliverable, status) in [
                (Deliverable::ProjectList, group.project_list),
                (Deliverable::Roadmap, group.roadmap),
            ] {
                if let Some(DeadlineStatus::Pending { due: date, .. }) = status
                    && let Some(days_left) = due_soon(as_of, date)
                {
                    due.push(DueSoon {
                        item: DueItem::Deliverable {
                            group: group.id.clone(),
                            deliverable,
                        },
                        due: date,
                        days_left,
                    });
                }
            }
        }
        if let Some(meeting) = &report.charter_meetings
            && meeting.state != "overdue"
            && let Some(days_left) = due_soon(as_of, meeting.next_due)
        {
            due.push(DueSoon {
                item: DueItem::CharterMeeting,
                due: meeting.next_due,
                days_left,
            });
        }
        due.sort_by_key(|d| d.due);
        Ok(Agenda {
            as_of,
            overdue_milestones: report.overdue_milestones,
            pending_proposals,
            due_soon: due,
        })
    }
}

/// Days left when `due` falls within `DUE_SOON_DAYS` of `as_of` (today included).
fn due_soon(as_of: Date, due: Date) -> Option<u32> {
    let days = days_between(as_of, due);
    u32::try_from(days).ok().filter(|d| *d <= DUE_SOON_DAYS)
}

/// The baseline's due date of each of `milestones` that the baseline holds.
fn baseline_dues(group: &WorkingGroup, milestones: &[Milestone]) -> BTreeMap<MilestoneId, Date> {
    let due: HashMap<&MilestoneId, Date> = group.baseline.iter().map(|b| (&b.id, b.due)).collect();
    milestones
        .iter()
        .filter_map(|m| due.get(&m.spec.id).map(|d| (m.spec.id.clone(), *d)))
        .collect()
}

use accord_domain::visibility::{can_see_agenda_item, can_see_decision, can_see_meeting};
pub(crate) use accord_domain::visibility::{
    can_see_meeting_in_full, can_see_proposal, is_participant, sees_everything,
};

/// The open proposals `viewer` may see, oldest first.
fn visible_pending<'a>(
    state: &'a State,
    viewer: &'a Viewer,
) -> impl Iterator<Item = &'a ProposalRecord> + 'a {
    let mut open: Vec<&ProposalRecord> = state
        .proposals
        .values()
        .filter(move |p| p.agreement.is_open() && can_see_proposal(state, viewer, p))
        .collect();
    open.sort_by(|a, b| (a.made_on, &a.id).cmp(&(b.made_on, &b.id)));
    open.into_iter()
}

pub(crate) fn meeting_view(
    state: &State,
    viewer: &Viewer,
    meeting: &Meeting,
) -> Option<MeetingView> {
    if !can_see_meeting(state, viewer, meeting) {
        return None;
    }
    let in_full = can_see_meeting_in_full(state, viewer, meeting);
    let mut shown = meeting.clone();
    if !in_full {
        shown.spec.agenda.clear();
        shown.spec.participants.clear();
        shown.spec.title.clear();
        shown.minutes = None;
        shown.attendees.clear();
        shown.documents.clear();
        shown.history.clear();
        shown.cancelled = shown.cancelled.map(|(on, _)| (on, String::new()));
        shown.rescheduled.clear();
        return Some(MeetingView {
            meeting: shown,
            in_full,
            participants: Vec::new(),
            minutes: None,
            owners: BTreeMap::new(),
        });
    }
    shown
        .spec
        .agenda
        .retain(|item| can_see_agenda_item(state, viewer, item));
    let participants = meeting
        .spec
        .participants
        .iter()
        .filter_map(|p| state.persons.get(p).cloned())
        .collect();
    let minutes = meeting
        .minutes
        .as_ref()
        .and_then(|id| state.proposals.get(id))
        .and_then(|record| match record.content.act() {
            ProposalContent::Minutes {
                text, decisions, ..
            } => Some(Minutes {
                text: text.clone(),
                decisions: decisions
                    .iter()
                    .filter(|d| can_see_decision(state, viewer, d))
                    .cloned()
                    .collect(),
                adopted_entry: crate::signing::adopted_entry(record),
            }),
            _ => None,
        });
    let owners = minutes
        .iter()
        .flat_map(|m| &m.decisions)
        .filter_map(|d| d.owner.as_ref())
        .chain(&shown.attendees)
        .filter_map(|p| state.persons.get(p))
        .map(|p| (p.id.to_string(), p.name.clone()))
        .collect();
    Some(MeetingView {
        meeting: shown,
        in_full,
        participants,
        minutes,
        owners,
    })
}
