//! The roadmap fragment of `/groups/{id}`: the group's milestones as a
//! Gantt chart drawn on the server (bars ending on due dates, the agreed
//! baseline as diamonds, the drift labelled, dependencies as lines), the
//! same facts as a table, the co-chairs and members, and the pending
//! proposals, all as the viewer may see them.

use std::collections::{BTreeMap, HashMap};

use accord_app::queries_detail::GroupRoadmap;
use accord_domain::agreement::Scope;
use accord_domain::calendar::days_between;
use accord_domain::event::ProposalContent;
use accord_domain::ids::MilestoneId;
use accord_domain::state::{Milestone, ProposalRecord, WorkingGroup};
use jiff::civil::Date;

use crate::AppState;
use crate::charts::gantt::{self, Bar, BarState, Gantt};
use crate::lang::{Lang, Tr};

/// The fragment's view model.
#[derive(Debug, Clone)]
pub struct RoadmapFragment {
    pub chart: Option<String>,
    /// The milestones of the page shown, in the roadmap's order.
    pub milestones: Vec<MilestoneRow>,
    /// How many milestones the viewer sees in all, and the position of the
    /// first shown (0-based).
    pub milestones_total: usize,
    pub milestones_offset: usize,
    pub people_shown: bool,
    pub co_chairs: Vec<PersonRow>,
    pub members: Vec<PersonRow>,
    pub pending: Vec<ProposalRow>,
    pub baseline_agreed: Option<String>,
}

#[derive(Debug, Clone)]
pub struct MilestoneRow {
    pub id: String,
    pub title: String,
    pub project: Option<String>,
    pub due: String,
    pub baseline_due: String,
    /// `done`, `open` or `overdue`.
    pub state: &'static str,
    pub state_label: String,
    pub drift: String,
    pub depends_on: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct PersonRow {
    pub name: String,
    pub party: String,
}

#[derive(Debug, Clone)]
pub struct ProposalRow {
    pub id: String,
    pub kind: String,
    pub made_on: String,
    pub revision: u32,
    pub approved_by: String,
    pub summary: String,
}

/// Where a milestone stands on `as_of`.
pub fn milestone_state(milestone: &Milestone, as_of: Date) -> BarState {
    if milestone.completed_on.is_some() {
        BarState::Done
    } else if milestone.spec.due < as_of {
        BarState::Overdue
    } else {
        BarState::Open
    }
}

/// A milestone state in words.
pub fn state_label(state: BarState, tr: Tr) -> String {
    tr.t(&format!("milestone-state-{}", state.code()))
}

/// The days a milestone slipped from its baseline (negative: ahead).
pub fn drift_days(milestone: &Milestone, baseline: &BTreeMap<MilestoneId, Date>) -> Option<i32> {
    baseline
        .get(&milestone.spec.id)
        .map(|b| days_between(*b, milestone.spec.due))
        .filter(|d| *d != 0)
}

/// A drift in words (`slipped by 10 days`).
pub fn drift_words(days: i32, tr: Tr) -> String {
    if days > 0 {
        tr.t1("drift-slipped", "days", i64::from(days))
    } else {
        tr.t1("drift-ahead", "days", i64::from(-days))
    }
}

/// A proposal's kind in words.
pub fn proposal_kind(content: &ProposalContent, tr: Tr) -> String {
    if let ProposalContent::Recorded { act, .. } = content {
        return proposal_kind(act, tr);
    }
    tr.t(match content {
        ProposalContent::Recorded { .. } => "proposal-kind-recorded",
        ProposalContent::ProjectList { .. } => "proposal-kind-project-list",
        ProposalContent::Roadmap { .. } => "proposal-kind-roadmap",
        ProposalContent::Minutes { .. } => "proposal-kind-minutes",
        ProposalContent::WorkingGroup { .. } => "proposal-kind-working-group",
        ProposalContent::DialoguePlatform { .. } => "proposal-kind-dialogue-platform",
        ProposalContent::GroupScope { .. } => "proposal-kind-group-scope",
        ProposalContent::ProjectAmendment { .. } => "proposal-kind-project-amendment",
    })
}

/// What a proposal puts forward, in a line (ids of what it names).
fn proposal_summary(content: &ProposalContent) -> String {
    match content {
        ProposalContent::Recorded { act, .. } => proposal_summary(act),
        ProposalContent::ProjectList { projects, .. } => join(projects),
        ProposalContent::Roadmap { milestones, .. } => {
            join(&milestones.iter().map(|m| &m.id).collect::<Vec<_>>())
        }
        ProposalContent::Minutes { meeting, .. } => meeting.to_string(),
        ProposalContent::WorkingGroup { spec } => spec.id.to_string(),
        ProposalContent::DialoguePlatform { id, name, .. } => {
            let names: Vec<&str> = name.values().map(String::as_str).collect();
            format!("{id} ({})", names.join(" / "))
        }
        ProposalContent::GroupScope { provisions, .. } => join(provisions),
        ProposalContent::ProjectAmendment { project, .. } => project.to_string(),
    }
}

fn join(items: &[impl ToString]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A pending proposal, for a list.
pub fn proposal_row(proposal: &ProposalRecord, tr: Tr) -> ProposalRow {
    ProposalRow {
        id: proposal.id.to_string(),
        kind: proposal_kind(&proposal.content, tr),
        made_on: proposal.made_on.to_string(),
        revision: proposal.agreement.revision,
        approved_by: join(&proposal.agreement.approvals.keys().collect::<Vec<_>>()),
        summary: match &proposal.agreement.scope {
            Scope::Charter => proposal_summary(&proposal.content),
            Scope::WorkingGroup(g) => format!("{g}: {}", proposal_summary(&proposal.content)),
        },
    }
}

/// Where a bar starts: when the last milestone it depends on is due, else
/// when the roadmap was agreed, else a month before it is due.
fn bar_start(
    milestone: &Milestone,
    all: &[Milestone],
    position: &HashMap<&MilestoneId, usize>,
    group: &WorkingGroup,
) -> Date {
    let due = milestone.spec.due;
    let after_dependencies = milestone
        .spec
        .depends_on
        .iter()
        .filter_map(|d| position.get(d).map(|k| &all[*k]))
        .map(|m| m.spec.due)
        .max();
    let start = after_dependencies
        .or(group.roadmap_agreed_on)
        .unwrap_or_else(|| due.checked_sub(jiff::ToSpan::days(30)).unwrap_or(due));
    start.min(due)
}

/// The fragment for `roadmap` on `as_of`, with the milestones of
/// `window` (positions in the roadmap's order, cut to its length): a
/// roadmap of thousands of milestones shows a page of them at a time.
pub fn fragment(
    roadmap: &GroupRoadmap,
    lang: Lang,
    as_of: Date,
    window: std::ops::Range<usize>,
) -> RoadmapFragment {
    let tr = lang.tr();
    let all = &roadmap.milestones;
    let window = window.start.min(all.len())..window.end.min(all.len());
    let shown = &all[window.clone()];
    // Where each milestone is in `all`: dependencies are found in a map,
    // so a roadmap of thousands costs its size, not its square.
    let position: HashMap<&MilestoneId, usize> = all
        .iter()
        .enumerate()
        .map(|(k, m)| (&m.spec.id, k))
        .collect();
    let bars: Vec<Bar> = shown
        .iter()
        .map(|m| {
            let state = milestone_state(m, as_of);
            let drift = drift_days(m, &roadmap.baseline_due).map(|d| (d, drift_words(d, tr)));
            let mut title = format!(
                "{} — {} {} · {}",
                crate::view::content(&m.spec.title, tr),
                tr.t("col-due"),
                m.spec.due,
                state_label(state, tr)
            );
            if let Some((_, words)) = &drift {
                title.push_str(" · ");
                title.push_str(words);
            }
            Bar {
                id: m.spec.id.to_string(),
                // Short: the bar's title and the table say which language it is in.
                label: accord_domain::texts::text_in(&m.spec.title, lang.code()).to_owned(),
                title,
                start: bar_start(m, all, &position, &roadmap.group),
                due: m.spec.due,
                baseline_due: roadmap.baseline_due.get(&m.spec.id).copied(),
                state,
                drift,
                depends_on: m
                    .spec
                    .depends_on
                    .iter()
                    .filter_map(|d| position.get(d).copied())
                    // Arrows join bars of the page shown.
                    .filter(|k| window.contains(k))
                    .map(|k| k - window.start)
                    .collect(),
            }
        })
        .collect();
    let chart = gantt::gantt(
        &Gantt { as_of, bars },
        &gantt::Words {
            title: tr.t("gantt-title"),
            description: tr.t("gantt-description"),
            as_of: tr.t("timeline-as-of"),
            baseline: tr.t("gantt-baseline"),
            legend: tr.t("gantt-legend"),
        },
    );
    let milestones = shown
        .iter()
        .map(|m| {
            let state = milestone_state(m, as_of);
            MilestoneRow {
                id: m.spec.id.to_string(),
                title: crate::view::content(&m.spec.title, tr),
                project: m.spec.project.as_ref().map(ToString::to_string),
                due: m.spec.due.to_string(),
                baseline_due: roadmap
                    .baseline_due
                    .get(&m.spec.id)
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                state: state.code(),
                state_label: state_label(state, tr),
                drift: drift_days(m, &roadmap.baseline_due)
                    .map(|d| drift_words(d, tr))
                    .unwrap_or_default(),
                depends_on: m.spec.depends_on.iter().map(ToString::to_string).collect(),
            }
        })
        .collect();
    let person = |(party, p): &(_, accord_domain::model::Person)| PersonRow {
        name: p.name.clone(),
        party: ToString::to_string(party),
    };
    RoadmapFragment {
        chart,
        milestones,
        milestones_total: all.len(),
        milestones_offset: window.start,
        people_shown: roadmap.people_shown,
        co_chairs: roadmap.co_chairs.iter().map(person).collect(),
        members: roadmap
            .members
            .iter()
            .map(|p| PersonRow {
                name: p.name.clone(),
                party: String::new(),
            })
            .collect(),
        pending: roadmap
            .pending
            .iter()
            .map(|p| proposal_row(p, tr))
            .collect(),
        baseline_agreed: roadmap.group.roadmap_agreed_on.map(|d| d.to_string()),
    }
}

/// The fragment of group `id` for `viewer` on `as_of`: empty when there
/// is no such group.
pub fn for_group(
    state: &AppState,
    viewer: &accord_domain::visibility::Viewer,
    lang: Lang,
    id: &str,
    as_of: Date,
    window: std::ops::Range<usize>,
) -> RoadmapFragment {
    match state.app.group_roadmap(viewer, &id.into()) {
        Some(roadmap) => fragment(&roadmap, lang, as_of, window),
        None => RoadmapFragment {
            chart: None,
            milestones: Vec::new(),
            milestones_total: 0,
            milestones_offset: 0,
            people_shown: false,
            co_chairs: Vec::new(),
            members: Vec::new(),
            pending: Vec::new(),
            baseline_agreed: None,
        },
    }
}
