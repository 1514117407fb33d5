//! `/`: the charter's rules at a glance on an as-of date (`?as_of=`,
//! default today): each working group's deadlines, the next charter
//! meeting, the coverage of the commitments, overdue milestones, and
//! charts drawn on the server: progress by section of the charter and by
//! working group, and a timeline of the deadlines; a link to the year's
//! annual report.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{OriginalUri, Query, State};
use axum::response::Html;

use accord_domain::model::ProjectStatus;
use accord_domain::rules::StatusReport;

use crate::api::AsOfQuery;
use crate::charts::progress::{Part, ProgressChart, Row, STATUS_COLOURS, progress};
use crate::lang::{Lang, Tr};
use crate::pages::charter::section_anchor;
use crate::pages::exports::{self, DownloadLink, Format};
use crate::pages::render;
use crate::svg::{self, TimelineRow};
use crate::view::{
    DeadlineView, Layout, Section, as_of, group_name, meeting_text, provision_anchor, status_parts,
};
use crate::{AppState, CurrentViewer, WebError};

#[derive(Debug, Template)]
#[template(path = "dashboard.html")]
pub struct DashboardPage {
    pub page: Layout,
    pub as_of: String,
    pub signed_on: String,
    pub groups: Vec<GroupRow>,
    pub meeting: Option<MeetingView>,
    /// Open actions of adopted minutes the viewer may see, late ones first.
    pub actions: Vec<ActionLine>,
    /// How many open actions are late.
    pub actions_overdue: usize,
    pub coverage: CoverageView,
    pub overdue: Vec<OverdueRow>,
    pub timeline: String,
    pub sections_chart: String,
    pub groups_chart: String,
    /// The year whose annual report the dashboard links to (the as-of
    /// date's), none before the charter's signature year.
    pub report_year: Option<i16>,
    pub downloads: Vec<DownloadLink>,
}

/// An open action, as the dashboard lists it.
#[derive(Debug)]
pub struct ActionLine {
    pub text: String,
    pub owner: String,
    pub due: String,
    pub meeting: String,
    /// How late, when it is.
    pub overdue: Option<String>,
}

/// The most open actions the dashboard lists.
const ACTIONS_SHOWN: usize = 10;

#[derive(Debug)]
pub struct GroupRow {
    pub id: String,
    pub name: String,
    pub project_list: Option<DeadlineView>,
    pub roadmap: Option<DeadlineView>,
    pub agreed: usize,
    pub proposed: usize,
}

#[derive(Debug)]
pub struct MeetingView {
    pub state: &'static str,
    pub text: String,
    pub held: String,
}

#[derive(Debug)]
pub struct CoverageView {
    pub covered: usize,
    pub commitments: usize,
    pub text: String,
    pub uncovered: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct OverdueRow {
    pub id: String,
    pub group: String,
    pub due: String,
    pub days: String,
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    CurrentViewer(viewer): CurrentViewer,
    OriginalUri(uri): OriginalUri,
    Query(query): Query<AsOfQuery>,
) -> Result<Html<String>, WebError> {
    let as_of = as_of(query.as_of.as_deref(), state.today())?;
    let report = crate::status_cache::report(&state, &viewer, as_of).await?;
    let names: BTreeMap<String, String> = state
        .app
        .groups_map(|g| (g.spec.id.to_string(), group_name(g, lang)))
        .into_iter()
        .collect();
    let tr = lang.tr();
    let name_of = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_owned());

    let groups: Vec<GroupRow> = report
        .working_groups
        .iter()
        .map(|g| {
            let count = |s| g.projects.get(&s).copied().unwrap_or(0);
            use ProjectStatus as P;
            GroupRow {
                id: g.id.to_string(),
                name: name_of(g.id.as_str()),
                project_list: g.project_list.as_ref().map(|d| DeadlineView::new(d, tr)),
                roadmap: g.roadmap.as_ref().map(|d| DeadlineView::new(d, tr)),
                agreed: count(P::Agreed) + count(P::InProgress) + count(P::Completed),
                proposed: count(P::Proposed),
            }
        })
        .collect();
    let meeting = report.charter_meetings.as_ref().map(|m| MeetingView {
        state: m.state,
        text: meeting_text(m, tr),
        held: tr.t1("meetings-held", "count", m.held),
    });
    let mut open: Vec<_> = state
        .app
        .actions(&viewer, as_of)
        .into_iter()
        .filter(|a| a.action.done.is_none())
        .collect();
    // Late ones first, the latest of them first; then by due date.
    open.sort_by_key(|a| (std::cmp::Reverse(a.days_overdue), a.action.decision.due));
    let actions_overdue = open.iter().filter(|a| a.days_overdue.is_some()).count();
    let actions = open
        .iter()
        .take(ACTIONS_SHOWN)
        .map(|a| ActionLine {
            text: crate::view::content(&a.action.decision.text, tr),
            owner: a.owner_name.clone().unwrap_or_default(),
            due: a
                .action
                .decision
                .due
                .map(|d| d.to_string())
                .unwrap_or_default(),
            meeting: a.action.meeting.to_string(),
            overdue: a.days_overdue.map(|d| tr.t1("days", "count", d)),
        })
        .collect();
    let c = &report.coverage;
    let coverage = CoverageView {
        covered: c.covered,
        commitments: c.commitments,
        text: tr.t2(
            "coverage-summary",
            "covered",
            c.covered,
            "commitments",
            c.commitments,
        ),
        uncovered: c
            .uncovered
            .iter()
            .map(|p| (p.to_string(), provision_anchor(p.as_str())))
            .collect(),
    };
    let overdue = report
        .overdue_milestones
        .iter()
        .map(|m| OverdueRow {
            id: m.id.to_string(),
            group: name_of(m.group.as_str()),
            due: m.due.to_string(),
            days: tr.t1("days", "count", m.days_overdue),
        })
        .collect();
    let timeline = svg::timeline(
        &svg::Timeline {
            signed_on: report.signed_on,
            as_of,
            rows: groups
                .iter()
                .zip(&report.working_groups)
                .map(|(row, g)| TimelineRow {
                    label: row.name.clone(),
                    deadlines: [g.project_list, g.roadmap].into_iter().flatten().collect(),
                })
                .collect(),
            meeting: report.charter_meetings.as_ref().map(|m| m.next_due),
        },
        &timeline_words(tr),
    );
    let sections_chart = sections_chart(&report, tr);
    let groups_chart = groups_chart(&report, &groups, tr);
    render(&DashboardPage {
        page: Layout::new(lang, &uri, tr.t("dashboard-title"), Section::Dashboard),
        as_of: as_of.to_string(),
        signed_on: report.signed_on.to_string(),
        groups,
        meeting,
        actions,
        actions_overdue,
        coverage,
        overdue,
        timeline,
        sections_chart,
        groups_chart,
        report_year: (as_of.year() >= report.signed_on.year()).then_some(as_of.year()),
        downloads: exports::links(
            matches!(viewer, accord_domain::visibility::Viewer::Person(_)),
            &[
                Format::Iati,
                Format::CsvProjects,
                Format::CsvMilestones,
                Format::CsvMeasurements,
                Format::Json,
            ],
            tr,
        ),
    })
}

/// Each section's commitments, covered or not.
fn sections_chart(report: &StatusReport, tr: Tr) -> String {
    progress(&ProgressChart {
        key: "progress-sections".into(),
        title: tr.t("progress-sections-title"),
        description: tr.t("progress-sections-description"),
        parts: vec![
            Part {
                name: tr.t("part-covered"),
                colour: "#1b6e3a",
            },
            Part {
                name: tr.t("part-uncovered"),
                colour: "#a3361f",
            },
        ],
        rows: report
            .coverage
            .by_section
            .iter()
            .map(|s| Row {
                label: tr.t1("charter-section", "numeral", s.section.clone()),
                href: Some(format!("/charter#{}", section_anchor(Some(&s.section)))),
                counts: vec![s.covered, s.commitments - s.covered],
                note: format!("{}/{}", s.covered, s.commitments),
            })
            .collect(),
    })
}

/// Each working group's projects by status, and its milestones.
fn groups_chart(report: &StatusReport, rows: &[GroupRow], tr: Tr) -> String {
    progress(&ProgressChart {
        key: "progress-groups".into(),
        title: tr.t("progress-groups-title"),
        description: tr.t("progress-groups-description"),
        parts: status_parts(tr),
        rows: report
            .working_groups
            .iter()
            .zip(rows)
            .map(|(g, row)| Row {
                label: row.name.clone(),
                href: Some(format!("/groups/{}", row.id)),
                counts: STATUS_COLOURS
                    .iter()
                    .map(|(status, _)| g.projects.get(status).copied().unwrap_or(0))
                    .collect(),
                note: tr.t2(
                    "progress-milestones",
                    "completed",
                    g.milestones.completed,
                    "total",
                    g.milestones.total,
                ),
            })
            .collect(),
    })
}

fn timeline_words(tr: Tr) -> svg::Words {
    svg::Words {
        title: tr.t("timeline-title"),
        description: tr.t("timeline-description"),
        signature: tr.t("timeline-signature"),
        as_of: tr.t("timeline-as-of"),
        meeting: tr.t("timeline-meeting"),
        project_list: tr.t("deliverable-project-list"),
        roadmap: tr.t("deliverable-roadmap"),
        states: [
            ("met", tr.t("state-met")),
            ("pending", tr.t("state-pending")),
            ("overdue", tr.t("state-overdue")),
        ]
        .into_iter()
        .collect(),
    }
}
