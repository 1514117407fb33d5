//! `/meetings`: the meetings the viewer may see as a calendar by month
//! (charter meetings, working-group meetings, dialogue platforms), the
//! agenda the state calls for on the as-of date (overdue milestones,
//! pending proposals, deadlines falling due), and the minutes and decisions
//! of the meetings held.

use std::collections::BTreeMap;

use accord_app::queries_detail::{Agenda, DueItem, MeetingView};
use accord_domain::event::DecisionKind;
use accord_domain::model::{Deliverable, MeetingKind};
use askama::Template;
use axum::extract::{OriginalUri, Query, State};
use axum::response::Html;

use crate::api::AsOfQuery;
use crate::lang::{Lang, Tr};
use crate::pages::exports::{self, DownloadLink, Format};
use crate::pages::render;
use crate::pages::roadmap::{ProposalRow, proposal_row};
use crate::view::{Layout, Section, as_of, content, group_name};
use crate::{AppState, CurrentViewer, WebError};

#[derive(Debug, Template)]
#[template(path = "meetings.html")]
pub struct MeetingsPage {
    pub page: Layout,
    pub as_of: String,
    /// Whether a person is signed in (offered to schedule a meeting).
    pub signed_in: bool,
    pub months: Vec<MonthView>,
    pub overdue: Vec<OverdueRow>,
    pub pending: Vec<ProposalRow>,
    pub due_soon: Vec<DueRow>,
    pub downloads: Vec<DownloadLink>,
}

#[derive(Debug)]
pub struct MonthView {
    pub anchor: String,
    pub label: String,
    pub meetings: Vec<MeetingRow>,
}

#[derive(Debug)]
pub struct MeetingRow {
    pub id: String,
    pub kind: &'static str,
    pub kind_label: String,
    pub group: Option<(String, String)>,
    pub date: String,
    pub place: String,
    pub held: bool,
    pub state_label: String,
    pub in_full: bool,
    pub participants: Vec<String>,
    pub agenda: Vec<AgendaRow>,
    pub minutes: Option<MinutesView>,
}

#[derive(Debug)]
pub struct AgendaRow {
    pub title: String,
    /// `(href, label)` of each project, milestone and provision it names.
    pub links: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct MinutesView {
    pub text: String,
    pub decisions: Vec<DecisionRow>,
    /// The log index of their adoption, for the proof's download.
    pub adopted_entry: Option<u64>,
}

#[derive(Debug)]
pub struct DecisionRow {
    pub kind: &'static str,
    pub kind_label: String,
    pub text: String,
    pub owner: String,
    pub due: String,
    pub links: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct OverdueRow {
    pub id: String,
    pub group: String,
    pub due: String,
    pub days: String,
}

#[derive(Debug)]
pub struct DueRow {
    pub what: String,
    pub due: String,
    pub days: String,
}

/// The short name of a meeting kind, as the API spells it.
pub fn kind_code(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Charter => "charter",
        MeetingKind::WorkingGroup => "working_group",
        MeetingKind::DialoguePlatform => "dialogue_platform",
    }
}

/// The short name of a decision kind, as the API spells it.
pub fn decision_code(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Information => "information",
        DecisionKind::Decision => "decision",
        DecisionKind::Action => "action",
    }
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    CurrentViewer(viewer): CurrentViewer,
    OriginalUri(uri): OriginalUri,
    Query(query): Query<AsOfQuery>,
) -> Result<Html<String>, WebError> {
    let tr = lang.tr();
    let as_of = as_of(query.as_of.as_deref(), state.today())?;
    let meetings = state.app.meetings(&viewer);
    let agenda = state.app.agenda(&viewer, as_of)?;
    let names: BTreeMap<String, String> = state
        .app
        .groups()
        .iter()
        .map(|g| (g.spec.id.to_string(), group_name(g, lang)))
        .collect();
    let name_of = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_owned());
    render(&MeetingsPage {
        page: Layout::new(lang, &uri, tr.t("meetings-title"), Section::Meetings),
        as_of: as_of.to_string(),
        signed_in: matches!(viewer, accord_domain::visibility::Viewer::Person(_)),
        months: months(&meetings, tr, &name_of),
        overdue: agenda
            .overdue_milestones
            .iter()
            .map(|m| OverdueRow {
                id: m.id.to_string(),
                group: name_of(m.group.as_str()),
                due: m.due.to_string(),
                days: tr.t1("days", "count", m.days_overdue),
            })
            .collect(),
        pending: agenda
            .pending_proposals
            .iter()
            .map(|p| proposal_row(p, tr))
            .collect(),
        due_soon: due_rows(&agenda, tr, &name_of),
        downloads: exports::links(
            matches!(viewer, accord_domain::visibility::Viewer::Person(_)),
            &[Format::Ics],
            tr,
        ),
    })
}

fn due_rows(agenda: &Agenda, tr: Tr, name_of: &dyn Fn(&str) -> String) -> Vec<DueRow> {
    agenda
        .due_soon
        .iter()
        .map(|d| DueRow {
            what: match &d.item {
                DueItem::Deliverable { group, deliverable } => format!(
                    "{} — {}",
                    name_of(group.as_str()),
                    tr.t(match deliverable {
                        Deliverable::ProjectList => "deliverable-project-list",
                        Deliverable::Roadmap => "deliverable-roadmap",
                    })
                ),
                DueItem::CharterMeeting => tr.t("timeline-meeting"),
                DueItem::Milestone { id, group, title } => {
                    format!("{} ({id}, {})", content(title, tr), name_of(group.as_str()))
                }
            },
            due: d.due.to_string(),
            days: tr.t1("days", "count", d.days_left),
        })
        .collect()
}

/// The meetings grouped by month, in date order.
fn months(meetings: &[MeetingView], tr: Tr, name_of: &dyn Fn(&str) -> String) -> Vec<MonthView> {
    let mut months: Vec<MonthView> = Vec::new();
    for view in meetings {
        let date = view.meeting.spec.date;
        let anchor = format!("month-{}", date.strftime("%Y-%m"));
        let row = meeting_row(view, tr, name_of);
        match months.last_mut() {
            Some(month) if month.anchor == anchor => month.meetings.push(row),
            _ => months.push(MonthView {
                anchor,
                label: format!(
                    "{} {}",
                    tr.t(&format!("month-{}", date.month())),
                    date.year()
                ),
                meetings: vec![row],
            }),
        }
    }
    months
}

fn link_projects(
    projects: &[accord_domain::ids::ProjectId],
) -> impl Iterator<Item = (String, String)> + '_ {
    projects
        .iter()
        .map(|p| (format!("/projects/{p}"), p.to_string()))
}

fn link_provisions(
    provisions: &[accord_domain::ids::ProvisionId],
) -> impl Iterator<Item = (String, String)> + '_ {
    provisions
        .iter()
        .map(|p| (format!("/charter#prov-{p}"), p.to_string()))
}

pub(crate) fn meeting_row(
    view: &MeetingView,
    tr: Tr,
    name_of: &dyn Fn(&str) -> String,
) -> MeetingRow {
    let spec = &view.meeting.spec;
    let held = view.meeting.held_on.is_some();
    MeetingRow {
        id: spec.id.to_string(),
        kind: kind_code(spec.kind),
        kind_label: tr.t(&format!(
            "meeting-kind-{}",
            kind_code(spec.kind).replace('_', "-")
        )),
        group: spec
            .group
            .as_ref()
            .map(|g| (g.to_string(), name_of(g.as_str()))),
        date: spec.date.to_string(),
        place: spec.place.clone(),
        held,
        state_label: match (view.meeting.held_on, &view.meeting.cancelled) {
            (Some(on), _) => tr.t1("meeting-held-on", "date", on.to_string()),
            (None, Some((on, _))) => tr.t1("meeting-cancelled", "date", on.to_string()),
            (None, None) => tr.t("meeting-scheduled"),
        },
        in_full: view.in_full,
        participants: view.participants.iter().map(|p| p.name.clone()).collect(),
        agenda: spec
            .agenda
            .iter()
            .map(|item| AgendaRow {
                title: content(&item.title, tr),
                links: link_projects(&item.projects)
                    .chain(item.milestones.iter().map(|m| {
                        // A milestone is shown on its group's page; a charter
                        // meeting names no group, so its milestones are plain.
                        let href = spec
                            .group
                            .as_ref()
                            .map(|g| format!("/groups/{g}#milestone-{m}"))
                            .unwrap_or_default();
                        (href, m.to_string())
                    }))
                    .chain(link_provisions(&item.provisions))
                    .collect(),
            })
            .collect(),
        minutes: view.minutes.as_ref().map(|m| MinutesView {
            adopted_entry: m.adopted_entry,
            text: content(&m.text, tr),
            decisions: m
                .decisions
                .iter()
                .map(|d| DecisionRow {
                    kind: decision_code(d.kind),
                    kind_label: tr.t(&format!("decision-kind-{}", decision_code(d.kind))),
                    text: content(&d.text, tr),
                    owner: d
                        .owner
                        .as_ref()
                        .map(|o| {
                            view.owners
                                .get(o.as_str())
                                .cloned()
                                .unwrap_or_else(|| o.to_string())
                        })
                        .unwrap_or_default(),
                    due: d.due.map(|d| d.to_string()).unwrap_or_default(),
                    links: link_projects(&d.projects)
                        .chain(link_provisions(&d.provisions))
                        .collect(),
                })
                .collect(),
        }),
    }
}
