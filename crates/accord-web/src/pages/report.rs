//! `/reports/annual/{year}`: the annual report the parties bring to their
//! yearly meeting, as the viewer may see it (the public gets the public
//! version), laid out for A4 print; and the same document, standalone, for
//! the command line to write as HTML or print to PDF.
//!
//! The figures are `accord_export::annual`'s, read together with the
//! signed checkpoint they come from, which the report names.

use accord_app::App;
use accord_app::record::RecordSummary;
use accord_domain::model::{Deliverable, ProjectStatus, Texts};
use accord_domain::visibility::Viewer;
use accord_export::ExportError;
use accord_export::annual::{self, ActKind, AgreedAct, AnnualReport, MilestoneState};
use accord_store::EventStore;
use askama::Template;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::Uri;
use axum::response::Html;
use jiff::civil::Date;

use crate::api::AsOfQuery;
use crate::charts::progress::{Part, ProgressChart, Row, STATUS_COLOURS, progress_of_something};
use crate::lang::{Lang, Tr};
use crate::pages::meetings::{decision_code, kind_code};
use crate::pages::record::verify_commands;
use crate::view::{
    DeadlineView, Layout, Section, as_of, classification_label, localised, meeting_text,
    status_code, status_label, status_parts,
};
use crate::{AppState, CurrentViewer, WebError};

/// The report's print stylesheet: linked on the site, inlined in the
/// standalone document.
pub const REPORT_STYLE: &str = include_str!("../../static/report.css");

/// How the document is meant to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A page of the site: its stylesheets linked, its navigation shown.
    Site,
    /// One file that needs nothing else: the print stylesheet inside it.
    Standalone,
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A year out of range, or no charter yet: the message says which.
    #[error(transparent)]
    Figures(#[from] ExportError),
    #[error("the report's template failed: {0}")]
    Template(#[from] askama::Error),
}

#[derive(Debug, Template)]
#[template(path = "annual_report.html")]
pub struct AnnualReportPage {
    pub page: Layout,
    pub standalone: bool,
    pub style: &'static str,
    pub year: i16,
    pub charter_title: String,
    pub parties: String,
    pub period: String,
    pub signed_on: String,
    pub other_years: Vec<i16>,
    pub figures: Vec<(String, String)>,
    pub milestones_chart: Option<String>,
    pub projects_chart: Option<String>,
    pub obligations: Vec<ObligationRow>,
    pub meeting_obligation: Option<DeadlineView>,
    /// Said when a year's window for the charter meeting closed this year
    /// with no meeting.
    pub meeting_missed: Option<String>,
    pub groups: Vec<GroupSection>,
    pub charter_acts: Vec<ActRow>,
    pub coverage: String,
    pub uncovered: Vec<(String, String)>,
    pub meetings: Vec<MeetingRow>,
    pub record: Option<RecordView>,
}

#[derive(Debug)]
pub struct ObligationRow {
    pub group: String,
    pub deliverable: String,
    pub deadline: DeadlineView,
}

#[derive(Debug)]
pub struct GroupSection {
    pub id: String,
    pub name: String,
    pub acts: Vec<ActRow>,
    pub projects: Vec<ProjectLineRow>,
    pub counts: String,
    pub milestones: Vec<MilestoneRow>,
    pub milestone_summary: String,
    pub indicators: Vec<IndicatorRow>,
}

#[derive(Debug)]
pub struct ActRow {
    pub id: String,
    pub kind: String,
    pub adopted_on: String,
    pub items: usize,
    pub signatures: Vec<String>,
}

#[derive(Debug)]
pub struct ProjectLineRow {
    pub id: String,
    pub title: String,
    pub status: &'static str,
    pub status_label: String,
    pub classification_label: String,
    pub lead_party: String,
}

#[derive(Debug)]
pub struct MilestoneRow {
    pub id: String,
    pub title: String,
    pub project: String,
    pub due: String,
    pub baseline_due: String,
    pub completed_on: String,
    pub state: &'static str,
    pub state_label: String,
}

#[derive(Debug)]
pub struct IndicatorRow {
    pub name: String,
    pub project: String,
    pub unit: String,
    pub baseline: String,
    pub target: String,
    pub latest: String,
    pub progress: String,
}

#[derive(Debug)]
pub struct MeetingRow {
    pub date: String,
    pub kind_label: String,
    pub group: String,
    pub place: String,
    pub in_full: bool,
    pub minutes: String,
    pub decisions: Vec<DecisionRow>,
}

#[derive(Debug)]
pub struct DecisionRow {
    pub kind_label: String,
    pub text: String,
    pub owner: String,
    pub due: String,
}

#[derive(Debug)]
pub struct RecordView {
    pub origin: String,
    pub size: i64,
    pub root_hex: String,
    pub root_base64: String,
    pub checkpoint: String,
    pub commands: Vec<String>,
}

/// The page: the report of `year` for the current viewer.
pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    CurrentViewer(viewer): CurrentViewer,
    OriginalUri(uri): OriginalUri,
    Path(year): Path<String>,
    Query(query): Query<AsOfQuery>,
) -> Result<Html<String>, WebError> {
    let as_of = as_of(query.as_of.as_deref(), state.today())?;
    let not_found = || WebError::NotFound {
        what: "annual report",
        id: year.clone(),
    };
    let year_number: i16 = year.trim().parse().map_err(|_| not_found())?;
    // On the blocking pool: the figures are read at the signed checkpoint,
    // which waits for the writer.
    let report = state
        .blocking(move |app| {
            annual_report(app, &viewer, year_number, lang, as_of, &uri, Mode::Site)
        })
        .await?;
    match report {
        Ok(html) => Ok(Html(html)),
        Err(ReportError::Figures(ExportError::Invalid(message))) => {
            Err(WebError::bad_request("no_report_for_year", message))
        }
        Err(ReportError::Figures(ExportError::NoCharter)) => Err(WebError::App(
            accord_app::AppError::Status(accord_domain::rules::StatusError::NotInitialised),
        )),
        Err(other) => Err(WebError::Internal(other.to_string())),
    }
}

/// The report of `year` for `viewer`, judged on the year's end or `as_of`
/// if earlier, as an HTML document in `lang`. `uri` is the address the
/// language links keep (on the site, the page's own).
pub fn annual_report<S: EventStore>(
    app: &App<S>,
    viewer: &Viewer,
    year: i16,
    lang: Lang,
    as_of: Date,
    uri: &Uri,
    mode: Mode,
) -> Result<String, ReportError> {
    let (figures, record) = app.read_at_checkpoint(|state| -> Result<_, ExportError> {
        let report = annual::report(state, viewer, year, as_of)?;
        let years = annual::valid_years(state, as_of)?;
        Ok((report, years))
    });
    let (report, (first, last)) = figures?;
    let page = view(&report, record.as_ref(), lang, uri, mode, first..=last);
    Ok(page.render()?)
}

/// The view model of `report` in `lang`.
fn view(
    report: &AnnualReport,
    record: Option<&RecordSummary>,
    lang: Lang,
    uri: &Uri,
    mode: Mode,
    years: std::ops::RangeInclusive<i16>,
) -> AnnualReportPage {
    let tr = lang.tr();
    let text = |texts: &Texts, fallback: &str| localised(texts, lang, fallback);
    let group_names: Vec<(String, String)> = report
        .groups
        .iter()
        .map(|g| (g.id.to_string(), text(&g.names, g.id.as_str())))
        .collect();
    let group_name = |id: &str| {
        group_names
            .iter()
            .find(|(g, _)| g == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| id.to_owned())
    };
    let totals = report.milestone_totals();
    let acts: usize =
        report.groups.iter().map(|g| g.agreed.len()).sum::<usize>() + report.charter_acts.len();
    let figures = vec![
        (
            tr.t("report-figure-groups"),
            report.groups.len().to_string(),
        ),
        (
            tr.t("report-figure-projects"),
            report.project_total().to_string(),
        ),
        (tr.t("report-figure-acts"), acts.to_string()),
        (
            tr.t("report-figure-milestones"),
            format!("{} / {}", totals.completed, totals.due),
        ),
        (tr.t("report-figure-overdue"), totals.overdue.to_string()),
        (
            tr.t("report-figure-meetings"),
            report.meetings.len().to_string(),
        ),
        (
            tr.t("report-figure-coverage"),
            format!("{} / {}", report.covered, report.commitments),
        ),
    ];

    let row = |g: &annual::GroupYear, counts: Vec<usize>| Row {
        label: group_name(g.id.as_str()),
        href: None,
        note: counts.iter().sum::<usize>().to_string(),
        counts,
    };
    let milestones_chart = progress_of_something(&ProgressChart {
        key: "chart-milestones".into(),
        title: tr.t1("report-chart-milestones", "year", report.year.to_string()),
        description: tr.t("report-chart-milestones-description"),
        parts: [
            (MilestoneState::Completed, "#1b6e3a"),
            (MilestoneState::Overdue, "#a3361f"),
            (MilestoneState::Open, "#1a4f8b"),
        ]
        .into_iter()
        .map(|(state, colour)| Part {
            name: milestone_label(state, tr),
            colour,
        })
        .collect(),
        rows: report
            .groups
            .iter()
            .map(|g| {
                let m = &g.milestone_counts;
                row(g, vec![m.completed, m.overdue, m.open])
            })
            .collect(),
    });
    let projects_chart = progress_of_something(&ProgressChart {
        key: "chart-projects".into(),
        title: tr.t("report-chart-projects"),
        description: tr.t("report-chart-projects-description"),
        parts: status_parts(tr),
        rows: report
            .groups
            .iter()
            .map(|g| {
                let counts = STATUS_COLOURS
                    .iter()
                    .map(|(s, _)| g.project_counts.get(s).copied().unwrap_or(0))
                    .collect();
                row(g, counts)
            })
            .collect(),
    });

    let obligations = report
        .groups
        .iter()
        .flat_map(|g| {
            g.deadlines
                .iter()
                .map(|(deliverable, status)| ObligationRow {
                    group: group_name(g.id.as_str()),
                    deliverable: deliverable_label(*deliverable, tr),
                    deadline: DeadlineView::new(status, tr),
                })
        })
        .collect();
    let meeting_obligation = report.charter_meetings.as_ref().map(|m| DeadlineView {
        state: m.state,
        due: m.next_due.to_string(),
        text: meeting_text(m, tr),
    });

    let groups = report
        .groups
        .iter()
        .map(|g| {
            let counts = ProjectStatus::ALL
                .iter()
                .filter_map(|s| {
                    let n = g.project_counts.get(s).copied().unwrap_or(0);
                    (n > 0).then(|| format!("{} {n}", status_label(*s, tr)))
                })
                .collect::<Vec<_>>()
                .join(" · ");
            let c = g.milestone_counts;
            GroupSection {
                id: g.id.to_string(),
                name: group_name(g.id.as_str()),
                acts: g.agreed.iter().map(|a| act_row(a, tr)).collect(),
                projects: g
                    .projects
                    .iter()
                    .map(|p| ProjectLineRow {
                        id: p.id.to_string(),
                        title: crate::view::content(&p.title, tr),
                        status: status_code(p.status),
                        status_label: status_label(p.status, tr),
                        classification_label: classification_label(p.classification, tr),
                        lead_party: p.lead_party.to_string(),
                    })
                    .collect(),
                counts: if counts.is_empty() {
                    tr.t("report-no-projects")
                } else {
                    counts
                },
                milestones: g
                    .milestones
                    .iter()
                    .map(|m| MilestoneRow {
                        id: m.id.to_string(),
                        title: crate::view::content(&m.title, tr),
                        project: m
                            .project
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                        due: m.due.to_string(),
                        baseline_due: m.baseline_due.to_string(),
                        completed_on: m.completed_on.map(|d| d.to_string()).unwrap_or_default(),
                        state: milestone_code(m.state),
                        state_label: milestone_label(m.state, tr),
                    })
                    .collect(),
                milestone_summary: tr.with(
                    "report-milestone-summary",
                    vec![
                        ("due", c.due.into()),
                        ("completed", c.completed.into()),
                        ("overdue", c.overdue.into()),
                        ("open", c.open.into()),
                    ],
                ),
                indicators: g
                    .indicators
                    .iter()
                    .map(|i| IndicatorRow {
                        name: crate::view::content(&i.name, tr),
                        project: i.project.to_string(),
                        unit: i.unit.clone(),
                        baseline: i.baseline.clone(),
                        target: i.target.clone(),
                        latest: i
                            .latest
                            .as_ref()
                            .map(|(v, d)| format!("{v} ({d})"))
                            .unwrap_or_else(|| tr.t("report-no-measurement")),
                        progress: i
                            .progress_percent
                            .map(|p| format!("{p} %"))
                            .unwrap_or_default(),
                    })
                    .collect(),
            }
        })
        .collect();

    let meetings = report
        .meetings
        .iter()
        .map(|m| MeetingRow {
            date: m.held_on.to_string(),
            kind_label: tr.t(&format!(
                "meeting-kind-{}",
                kind_code(m.kind).replace('_', "-")
            )),
            group: m
                .group
                .as_ref()
                .map(|g| group_name(g.as_str()))
                .unwrap_or_default(),
            place: m.place.clone(),
            in_full: m.in_full,
            minutes: match m.minutes_adopted_on {
                Some(on) => tr.t1("report-minutes-adopted", "date", on.to_string()),
                None => tr.t("meeting-no-minutes"),
            },
            decisions: m
                .decisions
                .iter()
                .map(|d| DecisionRow {
                    kind_label: tr.t(&format!("decision-kind-{}", decision_code(d.kind))),
                    text: crate::view::content(&d.text, tr),
                    owner: d.owner.clone().unwrap_or_default(),
                    due: d.due.map(|d| d.to_string()).unwrap_or_default(),
                })
                .collect(),
        })
        .collect();

    let record = record.map(|r| RecordView {
        origin: r.origin.clone(),
        size: i64::try_from(r.size).unwrap_or(i64::MAX),
        root_hex: r.root.to_hex(),
        root_base64: r.root.to_base64(),
        checkpoint: r.checkpoint.clone(),
        commands: verify_commands(r)
            .into_iter()
            .chain([format!(
                "accord log prove inclusion INDEX --size {} --db COPY",
                r.size
            )])
            .collect(),
    });

    let title = tr.t1("report-title", "year", report.year.to_string());
    AnnualReportPage {
        page: Layout::new(lang, uri, title, Section::Dashboard),
        standalone: mode == Mode::Standalone,
        style: REPORT_STYLE,
        year: report.year,
        charter_title: text(&report.title, ""),
        parties: report
            .parties
            .iter()
            .map(|(code, names)| text(names, code.as_str()))
            .collect::<Vec<_>>()
            .join(" – "),
        period: format!("{} – {}", report.from, report.as_of),
        signed_on: report.signed_on.to_string(),
        other_years: years.filter(|y| *y != report.year).collect(),
        figures,
        milestones_chart,
        projects_chart,
        obligations,
        meeting_obligation,
        meeting_missed: (report.charter_meetings_missed_this_year > 0).then(|| {
            tr.t1(
                "report-meeting-missed",
                "count",
                report.charter_meetings_missed_this_year,
            )
        }),
        groups,
        charter_acts: report.charter_acts.iter().map(|a| act_row(a, tr)).collect(),
        coverage: tr.t2(
            "coverage-summary",
            "covered",
            report.covered,
            "commitments",
            report.commitments,
        ),
        uncovered: report
            .uncovered
            .iter()
            .map(|(id, texts)| (id.clone(), text(texts, "")))
            .collect(),
        meetings,
        record,
    }
}

fn act_row(act: &AgreedAct, tr: Tr) -> ActRow {
    let kind = match act.kind {
        ActKind::ProjectList => "report-act-project-list",
        ActKind::Roadmap => "report-act-roadmap",
        ActKind::Minutes => "report-act-minutes",
        ActKind::WorkingGroup => "report-act-working-group",
        ActKind::DialoguePlatform => "report-act-dialogue-platform",
        ActKind::GroupScope => "report-act-group-scope",
        ActKind::ProjectAmendment => "report-act-project-amendment",
    };
    ActRow {
        id: act.proposal.to_string(),
        kind: tr.t(kind),
        adopted_on: act.adopted_on.to_string(),
        items: act.items,
        signatures: act
            .approvals
            .iter()
            .map(|s| {
                let authority = tr.t(if s.as_coordinator {
                    "report-as-coordinator"
                } else {
                    "report-as-co-chair"
                });
                let who = match &s.person {
                    Some(name) => format!("{name}, {authority}"),
                    None => authority,
                };
                format!("{} — {who} — {}", s.party, s.on)
            })
            .collect(),
    }
}

fn deliverable_label(deliverable: Deliverable, tr: Tr) -> String {
    tr.t(match deliverable {
        Deliverable::ProjectList => "deliverable-project-list",
        Deliverable::Roadmap => "deliverable-roadmap",
    })
}

fn milestone_code(state: MilestoneState) -> &'static str {
    match state {
        MilestoneState::Completed => "completed",
        MilestoneState::Open => "open",
        MilestoneState::Overdue => "overdue",
    }
}

fn milestone_label(state: MilestoneState, tr: Tr) -> String {
    tr.t(&format!("report-milestone-{}", milestone_code(state)))
}
