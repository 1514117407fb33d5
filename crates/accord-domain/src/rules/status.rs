//! The charter's rules at a glance, for one as-of date and one viewer: each
//! working group's deadlines, the charter meetings, the coverage of the
//! commitments, overdue and slipped milestones, stale projects.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use serde::Serialize;

use crate::calendar::{PeriodError, days_between};
use crate::ids::{GroupId, MilestoneId, ProjectId, ProvisionId};
use crate::model::{Deliverable, MeetingKind, Obligation, ProjectStatus, Trigger};
use crate::rules::{DeadlineStatus, RecurringStatus, deadline_status, recurring_status};
use crate::state::{Milestone, State};
use crate::visibility::{Viewer, can_see_milestone, sees_everything, visible_projects};

/// The report lists at most this many overdue or slipped milestones and
/// stale projects, the worst first; its totals count them all.
pub const LISTED: usize = 100;

/// A project with no change for this many days is stale.
pub const STALE_AFTER_DAYS: i32 = 90;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusReport {
    pub as_of: Date,
    pub signed_on: Date,
    pub working_groups: Vec<GroupStatus>,
    /// None when the charter sets no recurring meeting.
    pub charter_meetings: Option<RecurringStatus>,
    pub coverage: Coverage,
    /// The most overdue milestones (at most `LISTED`), the oldest due first.
    pub overdue_milestones: Vec<MilestoneLate>,
    /// How many milestones are overdue in all.
    pub overdue_milestones_total: usize,
    /// The milestones furthest from their agreed baseline (at most `LISTED`).
    pub slipped_milestones: Vec<MilestoneSlip>,
    pub slipped_milestones_total: usize,
    /// The projects longest without an update (at most `LISTED`).
    pub stale_projects: Vec<ProjectId>,
    pub stale_projects_total: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupStatus {
    pub id: GroupId,
    /// None when the charter sets no deadline for it.
    pub project_list: Option<DeadlineStatus>,
    pub roadmap: Option<DeadlineStatus>,
    pub projects: BTreeMap<ProjectStatus, usize>,
    /// The group's milestones the viewer may see, by where they stand.
    pub milestones: MilestoneProgress,
}

/// How a set of milestones stands on the as-of date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MilestoneProgress {
    pub total: usize,
    /// Completed on or before the as-of date.
    pub completed: usize,
    /// Due before the as-of date and not completed by then.
    pub overdue: usize,
}

/// The agreed projects that cite a commitment: how many, and the first
/// `LISTED` of them in id order (a commitment of a large instance can be
/// cited by thousands; the charter's page lists them all).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CitedBy {
    pub total: usize,
    pub projects: Vec<ProjectId>,
}

/// The coverage of one section's commitments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionCoverage {
    /// The section's Roman numeral.
    pub section: String,
    pub commitments: usize,
    pub covered: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// How many commitments the charter makes.
    pub commitments: usize,
    /// Each commitment and the agreed projects (agreed, in progress or
    /// completed) that cite it.
    pub by_commitment: BTreeMap<ProvisionId, CitedBy>,
    pub covered: usize,
    pub uncovered: Vec<ProvisionId>,
    /// The same, section by section, in the charter's order.
    pub by_section: Vec<SectionCoverage>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneLate {
    pub id: MilestoneId,
    pub group: GroupId,
    pub due: Date,
    pub days_overdue: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneSlip {
    pub id: MilestoneId,
    pub group: GroupId,
    pub baseline_due: Date,
    pub due: Date,
    pub days_slipped: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusError {
    #[error("the instance is not initialised yet")]
    NotInitialised,
    #[error(transparent)]
    Period(#[from] PeriodError),
}

/// The status of the charter's rules on `as_of`, as `viewer` may see it.
pub fn status(state: &State, as_of: Date, viewer: &Viewer) -> Result<StatusReport, StatusError> {
    let charter = state.charter.as_ref().ok_or(StatusError::NotInitialised)?;
    let signed_on = charter.signed_on;

    // Deadlines: the charter's periods, for each deliverable.
    let mut due: BTreeMap<Deliverable, Date> = BTreeMap::new();
    for obligation in &charter.obligations {
        if let Obligation::Deadline {
            from: Trigger::Signature,
            within,
            deliverables,
            ..
        } = obligation
        {
            let date = within.after(signed_on)?;
            for d in deliverables {
                due.entry(*d)
                    .and_modify(|x| *x = (*x).min(date))
                    .or_insert(date);
            }
        }
    }
    let projects: Vec<_> = visible_projects(state, viewer).collect();
    // The charter's own order first, then groups created later, by id.
    let position = |id: &GroupId| {
        charter
            .working_groups
            .iter()
            .position(|g| g.id == *id)
            .unwrap_or(usize::MAX)
    };
    let mut groups: Vec<_> = state
        .groups
        .values()
        .filter(|g| !g.dialogue_platform)
        .collect();
    groups.sort_by(|a, b| {
        (position(&a.spec.id), &a.spec.id).cmp(&(position(&b.spec.id), &b.spec.id))
    });
    // One pass over the projects counts every group's.
    let mut per_group: HashMap<&GroupId, BTreeMap<ProjectStatus, usize>> = HashMap::new();
    for p in &projects {
        *per_group
            .entry(&p.spec.group)
            .or_default()
            .entry(p.status)
            .or_default() += 1;
    }
    let working_groups = groups
        .into_iter()
        .map(|g| {
            let mut counts: BTreeMap<ProjectStatus, usize> =
                ProjectStatus::ALL.iter().map(|s| (*s, 0)).collect();
            if let Some(found) = per_group.get(&g.spec.id) {
                counts.extend(found.iter().map(|(s, n)| (*s, *n)));
            }
            GroupStatus {
                id: g.spec.id.clone(),
                project_list: due
                    .get(&Deliverable::ProjectList)
                    .map(|d| deadline_status(*d, g.project_list_agreed_on, as_of)),
                roadmap: due
                    .get(&Deliverable::Roadmap)
                    .map(|d| deadline_status(*d, g.roadmap_agreed_on, as_of)),
                projects: counts,
                milestones: MilestoneProgress::default(),
            }
        })
        .collect::<Vec<GroupStatus>>();

    let held: Vec<Date> = state
        .meetings
        .values()
        .filter(|m| m.spec.kind == MeetingKind::Charter)
        .filter_map(|m| m.held_on)
        .collect();
    let charter_meetings = charter
        .obligations
        .iter()
        .find_map(|o| match o {
            Obligation::Recurring { every, .. } => Some(*every),
            _ => None,
        })
        .map(|every| recurring_status(signed_on, every, &held, as_of))
        .transpose()?;

    let agreed = |s: ProjectStatus| {
        matches!(
            s,
            ProjectStatus::Agreed | ProjectStatus::InProgress | ProjectStatus::Completed
        )
    };
    let mut by_commitment: BTreeMap<ProvisionId, CitedBy> = charter
        .provisions
        .iter()
        .filter(|p| p.commitment)
        .map(|p| (p.id.clone(), CitedBy::default()))
        .collect();
    for p in projects.iter().filter(|p| agreed(p.status)) {
        for cited in &p.spec.provisions {
            if let Some(list) = by_commitment.get_mut(cited) {
                list.total += 1;
                if list.projects.len() < LISTED {
                    list.projects.push(p.id.clone());
                }
            }
        }
    }
    let uncovered: Vec<ProvisionId> = by_commitment
        .iter()
        .filter(|(_, cited)| cited.total == 0)
        .map(|(id, _)| id.clone())
        .collect();
    let mut by_section: Vec<SectionCoverage> = Vec::new();
    for provision in charter.provisions.iter().filter(|p| p.commitment) {
        let section = provision.section.clone().unwrap_or_default();
        let covered = by_commitment
            .get(&provision.id)
            .is_some_and(|cited| cited.total > 0);
        match by_section.iter_mut().find(|s| s.section == section) {
            Some(entry) => {
                entry.commitments += 1;
                entry.covered += usize::from(covered);
            }
            None => by_section.push(SectionCoverage {
                section,
                commitments: 1,
                covered: usize::from(covered),
            }),
        }
    }
    let coverage = Coverage {
        by_section,
        commitments: by_commitment.len(),
        covered: by_commitment.len() - uncovered.len(),
        by_commitment,
        uncovered,
    };

    // One pass over the milestones. Each is keyed by its position in id
    // order (the map's order), so ranking needs no string comparison.
    let everything = sees_everything(state, viewer);
    let mut overdue: Vec<(Date, usize, &Milestone)> = Vec::new();
    let mut slipped: Vec<(i32, usize, &Milestone)> = Vec::new();
    let mut progress: HashMap<&GroupId, MilestoneProgress> = HashMap::new();
    for (position, m) in state.milestones.values().enumerate() {
        if !(everything || can_see_milestone(state, viewer, m)) {
            continue;
        }
        let counts = progress.entry(&m.group).or_default();
        counts.total += 1;
        if m.completed_on.is_some_and(|on| on <= as_of) {
            counts.completed += 1;
        }
        if m.spec.due < as_of && m.completed_on.is_none_or(|on| on > as_of) {
            counts.overdue += 1;
            overdue.push((m.spec.due, position, m));
        }
        if m.baseline_due != m.spec.due {
            slipped.push((days_between(m.baseline_due, m.spec.due), position, m));
        }
    }
    let mut working_groups = working_groups;
    for group in &mut working_groups {
        group.milestones = progress.get(&group.id).copied().unwrap_or_default();
    }
    let overdue_milestones_total = overdue.len();
    let overdue_milestones = worst(&mut overdue, |(due, position, _)| (*due, *position))
        .iter()
        .map(|(due, _, m)| MilestoneLate {
            id: m.spec.id.clone(),
            group: m.group.clone(),
            due: *due,
            days_overdue: u32::try_from(days_between(*due, as_of)).unwrap_or(0),
        })
        .collect();
    let slipped_milestones_total = slipped.len();
    let slipped_milestones = worst(&mut slipped, |(days, position, _)| (-days.abs(), *position))
        .iter()
        .map(|(days, _, m)| MilestoneSlip {
            id: m.spec.id.clone(),
            group: m.group.clone(),
            baseline_due: m.baseline_due,
            due: m.spec.due,
            days_slipped: *days,
        })
        .collect();
    let mut stale: Vec<(Date, &ProjectId)> = projects
        .iter()
        .filter(|p| matches!(p.status, ProjectStatus::Agreed | ProjectStatus::InProgress))
        .filter_map(|p| p.updated_on.map(|on| (on, &p.id)))
        .filter(|(on, _)| days_between(*on, as_of) > STALE_AFTER_DAYS)
        .collect();
    let stale_projects_total = stale.len();
    let stale_projects = worst(&mut stale, |(on, id)| (*on, *id))
        .iter()
        .map(|(_, id)| (*id).clone())
        .collect();

    Ok(StatusReport {
        as_of,
        signed_on,
        working_groups,
        charter_meetings,
        coverage,
        overdue_milestones,
        overdue_milestones_total,
        slipped_milestones,
        slipped_milestones_total,
        stale_projects,
        stale_projects_total,
    })
}

/// The first `LISTED` items of `items` by `key`, in order, without sorting
/// the rest: a large instance's report names the worst cases and counts all.
fn worst<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) -> &[T] {
    let n = items.len().min(LISTED);
    if n > 0 && n < items.len() {
        items.select_nth_unstable_by(n - 1, |a, b| key(a).cmp(&key(b)));
    }
    let head = &mut items[..n];
    head.sort_by_key(&key);
    head
}
