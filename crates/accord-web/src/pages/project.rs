//! `/projects/{id}`: one project in full as the viewer may see it: its
//! details, the provisions it carries out, its milestones, its indicators
//! (each with a chart of measurements against baseline and target), the
//! change waiting for both parties beside the agreed version, and its
//! history in the log (`project_history`), each entry linked to its
//! inclusion proof. A project the viewer may not see is a 404, exactly as
//! one that does not exist.
//!
//! Beside each part, the form of each act its person may perform now, as
//! the application says (`App::project_acts`): change it, set its status,
//! complete or move a milestone, define an indicator, record a
//! measurement. The forms post to `project_acts`, which shows this page
//! again with the refusal when the rules refuse.

use accord_app::project_acts::HistoryEntry;
use accord_app::project_forms::{PendingChange, ProjectActs};
use accord_app::queries_detail::ProjectDetail;
use accord_domain::ids::ProjectId;
use accord_domain::model::{Direction, Investment, ProjectSpec};
use accord_domain::visibility::Viewer;
use askama::Template;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use serde::Deserialize;

use crate::auth::CsrfToken;
use crate::auth::forms::Refusal;
use crate::charts::indicator::{self, IndicatorChart};
use crate::lang::{Lang, Tr};
use crate::pages::form_fields::{Choice, TextsField, Typed};
use crate::pages::project_fields::{ProjectFields, project_fields, typed_from};
use crate::pages::project_history::{HistoryRow, history_rows};
use crate::pages::render;
use crate::pages::roadmap::{drift_days, drift_words, milestone_state, state_label};
use crate::view::{
    Layout, Section, as_of, classification_label, group_name, provision_anchor, status_code,
    status_label,
};
use crate::{AppState, CurrentViewer, WebError};

#[derive(Debug, Template)]
#[template(path = "project.html")]
pub struct ProjectPage {
    pub page: Layout,
    pub id: String,
    pub title: String,
    pub group_id: String,
    pub group_name: String,
    pub status: &'static str,
    pub status_label: String,
    pub classification_label: String,
    pub lead_party: String,
    pub lead_organisations: Vec<String>,
    pub partners: Vec<String>,
    pub start: String,
    pub end: String,
    pub investment: Option<InvestmentView>,
    pub provisions: Vec<ProvisionRow>,
    pub milestones: Vec<MilestoneRow>,
    pub indicators: Vec<IndicatorView>,
    /// The files attached to the project.
    pub documents: Vec<crate::pages::meeting::DocumentRow>,
    pub history: Vec<HistoryRow>,
    pub description: String,
    pub csrf: String,
    pub today: String,
    /// The forms of the acts the viewer may perform.
    pub forms: ActForms,
    /// The change waiting for both parties, beside the agreed version.
    pub pending: Option<PendingView>,
    /// What a refused form held, to fill it again.
    pub typed: Typed,
    /// The form a refusal is about (`amend`, `status`, `milestone-{id}`,
    /// `indicator`, `measure-{id}`), which the refusal links to.
    pub refused: String,
    pub refusal: Option<Refusal>,
    /// What was just done, in words.
    pub done: String,
}

/// The forms shown on the page, each only to who may act.
#[derive(Debug, Default)]
pub struct ActForms {
    /// The whole project to edit; none when the viewer may not change it.
    pub amend: Option<ProjectFields>,
    /// Whether the change is proposed to both parties (an agreed project).
    pub amend_proposes: bool,
    pub statuses: Vec<Choice>,
    /// The indicator form's name field; none when the viewer may not
    /// define one.
    pub indicator_name: Option<TextsField>,
    pub directions: Vec<Choice>,
    /// Whether the viewer may record measurements.
    pub measure: bool,
}

/// One field that the pending change alters: the agreed and the proposed
/// value.
#[derive(Debug)]
pub struct ChangedField {
    pub label: String,
    pub agreed: String,
    pub proposed: String,
}

#[derive(Debug)]
pub struct PendingView {
    pub proposal: String,
    pub fields: Vec<ChangedField>,
}

#[derive(Debug)]
pub struct InvestmentView {
    pub amount: String,
    pub public_share: Option<String>,
    pub private_share: Option<String>,
}

#[derive(Debug)]
pub struct ProvisionRow {
    pub id: String,
    pub anchor: String,
    pub lang: String,
    pub text: String,
}

#[derive(Debug)]
pub struct MilestoneRow {
    pub id: String,
    pub title: String,
    pub due: String,
    pub baseline_due: String,
    pub drift: String,
    pub state: &'static str,
    pub state_label: String,
    pub completed_on: String,
    /// Whether the viewer may complete or move it.
    pub may_act: bool,
}

#[derive(Debug)]
pub struct IndicatorView {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub baseline: String,
    pub target: String,
    pub chart: String,
    pub measurements: Vec<MeasurementRow>,
}

#[derive(Debug)]
pub struct MeasurementRow {
    pub date: String,
    pub value: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
pub struct ProjectQuery {
    pub as_of: Option<String>,
    pub done: Option<String>,
}

/// What the page shows besides the project: a refusal, or what was done.
#[derive(Debug, Default)]
pub struct Shown {
    pub typed: Typed,
    pub refused: String,
    pub refusal: Option<Refusal>,
    pub done: String,
}

/// What was done, as `?done=` names it, in words.
const DONE: [&str; 10] = [
    "proposed",
    "amended",
    "change-proposed",
    "status",
    "milestone-completed",
    "milestone-rescheduled",
    "indicator",
    "measurement",
    "measurements-imported",
    "document",
];

/// An amount in minor units as a decimal with two places (`1234.50 USD`).
pub fn money(investment: &Investment) -> String {
    let minor = investment.amount_minor;
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!(
        "{sign}{}.{:02} {}",
        abs / 100,
        abs % 100,
        investment.currency
    )
}

/// The project `id` as `viewer` may see it, or `not_found` (on the blocking
/// pool: its history is read from the log).
pub async fn find(
    state: &AppState,
    viewer: &accord_domain::visibility::Viewer,
    id: &str,
) -> Result<ProjectDetail, WebError> {
    let (viewer, project) = (viewer.clone(), ProjectId::new(id));
    state
        .blocking(move |app| app.project_detail(&viewer, &project))
        .await??
        .ok_or_else(|| WebError::NotFound {
            what: "project",
            id: id.to_owned(),
        })
}

/// Everything the page rests on, read on the blocking pool: the project,
/// its history (the log read once), the acts open to the viewer and the
/// pending change.
struct Found {
    detail: ProjectDetail,
    history: Vec<HistoryEntry>,
    acts: ProjectActs,
    pending: Option<PendingChange>,
}

async fn found(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
    today: Date,
) -> Result<Found, WebError> {
    let (viewer, project) = (viewer.clone(), ProjectId::new(id));
    let found = state
        .blocking(move |app| {
            let Some(detail) = app.project_detail_without_history(&viewer, &project) else {
                return Ok(None);
            };
            let history = app.project_history(&viewer, &project)?.unwrap_or_default();
            let acts = app.project_acts(&viewer, &project, today);
            let pending = app.pending_change(&viewer, &project);
            Ok::<_, accord_app::AppError>(Some(Found {
                detail,
                history,
                acts,
                pending,
            }))
        })
        .await??;
    found.ok_or_else(|| WebError::NotFound {
        what: "project",
        id: id.to_owned(),
    })
}

/// `GET /projects/{id}`.
pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    CurrentViewer(viewer): CurrentViewer,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Query(query): Query<ProjectQuery>,
) -> Result<Response, WebError> {
    let as_of = as_of(query.as_of.as_deref(), state.today())?;
    let done = query
        .done
        .filter(|d| DONE.contains(&d.as_str()))
        .map(|d| lang.tr().t(&format!("project-done-{d}")))
        .unwrap_or_default();
    let shown = Shown {
        done,
        ..Shown::default()
    };
    show(&state, lang, &uri, csrf, &viewer, &id, as_of, shown).await
}

/// The page, with what `shown` holds.
#[allow(clippy::too_many_arguments)]
pub async fn show(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    csrf: String,
    viewer: &Viewer,
    id: &str,
    as_of: Date,
    shown: Shown,
) -> Result<Response, WebError> {
    let found = found(state, viewer, id, state.today()).await?;
    let page = project_page(&found.detail, &found.history, lang, uri, as_of);
    let page = with_forms(page, state, &found, viewer, lang, csrf, shown);
    Ok(render(&page)?.into_response())
}

/// The form to change the project: the refused one as typed, else the
/// project as the pending change would leave it, else as it stands.
fn amend_fields(
    state: &AppState,
    found: &Found,
    viewer: &Viewer,
    lang: Lang,
    shown: &Shown,
) -> Option<ProjectFields> {
    if !found.acts.amend {
        return None;
    }
    let typed = if shown.refused == "amend" {
        shown.typed.clone()
    } else {
        let spec = found
            .pending
            .as_ref()
            .map_or(&found.detail.project.spec, |p| &p.spec);
        typed_from(spec)
    };
    Some(project_fields(state, viewer, lang, &typed))
}

fn act_forms(
    state: &AppState,
    found: &Found,
    viewer: &Viewer,
    lang: Lang,
    shown: &Shown,
) -> ActForms {
    let tr = lang.tr();
    let acts = &found.acts;
    let chosen_status = shown.typed.value("status");
    let direction = shown.typed.value("direction");
    ActForms {
        amend: amend_fields(state, found, viewer, lang, shown),
        amend_proposes: acts.amend_proposes,
        statuses: acts
            .statuses
            .iter()
            .map(|s| Choice {
                value: status_code(*s).to_owned(),
                label: status_label(*s, tr),
                chosen: chosen_status == status_code(*s),
            })
            .collect(),
        indicator_name: acts
            .define_indicator
            .then(|| TextsField::new("name", &shown.typed)),
        directions: [
            ("higher_is_better", "indicator-higher-is-better"),
            ("lower_is_better", "indicator-lower-is-better"),
        ]
        .into_iter()
        .map(|(value, key)| Choice {
            value: value.to_owned(),
            label: tr.t(key),
            chosen: direction == value,
        })
        .collect(),
        measure: acts.measure,
    }
}

/// The fields the pending change alters, agreed and proposed side by side.
fn pending_view(detail: &ProjectDetail, pending: &PendingChange, tr: Tr) -> PendingView {
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".to_owned());
    let texts = |t: &accord_domain::model::Texts| {
        t.iter()
            .map(|(l, v)| format!("[{l}] {v}"))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let list = |items: Vec<String>| items.join(", ");
    let investment = |spec: &ProjectSpec| {
        spec.investment.as_ref().map_or_else(
            || "—".to_owned(),
            |i| match i.public_share_percent {
                Some(p) => format!("{} ({p} %)", money(i)),
                None => money(i),
            },
        )
    };
    let describe = |spec: &ProjectSpec| {
        [
            ("project-title", texts(&spec.title)),
            ("project-description", texts(&spec.description)),
            (
                "project-provisions",
                list(spec.provisions.iter().map(ToString::to_string).collect()),
            ),
            ("col-lead-party", spec.lead_party.to_string()),
            (
                "project-lead-organisations",
                list(
                    spec.lead_organisations
                        .iter()
                        .map(ToString::to_string)
                        .collect(),
                ),
            ),
            (
                "project-partners",
                list(spec.partners.iter().map(ToString::to_string).collect()),
            ),
            ("project-start", date(spec.start)),
            ("project-end", date(spec.end)),
            ("project-investment", investment(spec)),
            (
                "col-classification",
                classification_label(spec.classification, tr),
            ),
        ]
    };
    let agreed = describe(&detail.project.spec);
    let proposed = describe(&pending.spec);
    PendingView {
        proposal: pending.proposal.to_string(),
        fields: agreed
            .into_iter()
            .zip(proposed)
            .filter(|((_, a), (_, p))| a != p)
            .map(|((key, agreed), (_, proposed))| ChangedField {
                label: tr.t(key),
                agreed,
                proposed,
            })
            .collect(),
    }
}

/// The page's view model for a reader who may act on nothing: the
/// project, its `history`, and no form (`with_forms` adds them).
pub fn project_page(
    detail: &ProjectDetail,
    history: &[HistoryEntry],
    lang: Lang,
    uri: &Uri,
    as_of: Date,
) -> ProjectPage {
    let tr = lang.tr();
    let project = &detail.project;
    let spec = &project.spec;
    let organisation = |id: &accord_domain::ids::OrganisationId| {
        detail
            .organisations
            .get(id)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    ProjectPage {
        page: Layout::new(
            lang,
            uri,
            accord_domain::texts::text_in(&spec.title, lang.code()).to_owned(),
            Section::Groups,
        ),
        id: project.id.to_string(),
        title: crate::view::content(&spec.title, tr),
        description: crate::view::content(&spec.description, tr),
        group_id: spec.group.to_string(),
        group_name: group_name(&detail.group, lang),
        status: status_code(project.status),
        status_label: status_label(project.status, tr),
        classification_label: classification_label(spec.classification, tr),
        lead_party: spec.lead_party.to_string(),
        lead_organisations: spec.lead_organisations.iter().map(organisation).collect(),
        partners: spec.partners.iter().map(organisation).collect(),
        start: date(spec.start),
        end: date(spec.end),
        investment: spec.investment.as_ref().map(|i| InvestmentView {
            amount: money(i),
            public_share: i.public_share_percent.map(|p| format!("{p} %")),
            private_share: i
                .public_share_percent
                .map(|p| format!("{} %", 100u8.saturating_sub(p))),
        }),
        provisions: detail
            .provisions
            .iter()
            .map(|p| {
                let (text_lang, text) = p
                    .texts
                    .get_key_value(lang.code())
                    .or_else(|| p.texts.iter().next())
                    .map(|(l, t)| (l.clone(), t.clone()))
                    .unwrap_or_default();
                ProvisionRow {
                    id: p.id.to_string(),
                    anchor: provision_anchor(p.id.as_str()),
                    lang: text_lang,
                    text,
                }
            })
            .collect(),
        milestones: detail
            .milestones
            .iter()
            .map(|m| {
                let state = milestone_state(m, as_of);
                MilestoneRow {
                    id: m.spec.id.to_string(),
                    title: crate::view::content(&m.spec.title, tr),
                    due: m.spec.due.to_string(),
                    baseline_due: date(detail.baseline_due.get(&m.spec.id).copied()),
                    drift: drift_days(m, &detail.baseline_due)
                        .map(|d| drift_words(d, tr))
                        .unwrap_or_default(),
                    state: state.code(),
                    state_label: state_label(state, tr),
                    completed_on: date(m.completed_on),
                    may_act: false,
                }
            })
            .collect(),
        indicators: detail
            .indicators
            .iter()
            .enumerate()
            .map(|(n, i)| indicator_view(i, n, tr))
            .collect(),
        documents: project
            .documents
            .iter()
            .map(|d| crate::pages::meeting::DocumentRow {
                name: d.name.clone(),
                href: format!("/api/v1/projects/{}/documents/{}", project.id, d.sha256),
                size: d.size,
            })
            .collect(),
        history: history_rows(history, tr),
        csrf: String::new(),
        today: String::new(),
        forms: ActForms::default(),
        pending: None,
        typed: Typed::default(),
        refused: String::new(),
        refusal: None,
        done: String::new(),
    }
}

/// `page` with the forms of the acts the viewer may perform, the pending
/// change, and what `shown` holds.
#[allow(clippy::too_many_arguments)]
fn with_forms(
    mut page: ProjectPage,
    state: &AppState,
    found: &Found,
    viewer: &Viewer,
    lang: Lang,
    csrf: String,
    shown: Shown,
) -> ProjectPage {
    let tr = lang.tr();
    for m in &mut page.milestones {
        m.may_act = found.acts.milestones.iter().any(|id| id.as_str() == m.id);
    }
    page.forms = act_forms(state, found, viewer, lang, &shown);
    page.pending = found
        .pending
        .as_ref()
        .map(|p| pending_view(&found.detail, p, tr));
    page.csrf = csrf;
    page.today = state.today().to_string();
    page.typed = shown.typed;
    page.refused = shown.refused;
    page.refusal = shown.refusal;
    page.done = shown.done;
    page
}

fn indicator_view(i: &accord_domain::state::Indicator, n: usize, tr: Tr) -> IndicatorView {
    let spec = &i.spec;
    let point = |v: &accord_domain::model::DatedValue| {
        v.value
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .map(|x| (v.date, x))
    };
    let chart = match (point(&spec.baseline), point(&spec.target)) {
        (Some(baseline), Some(target)) => indicator::indicator(
            &IndicatorChart {
                key: format!("indicator-{n}"),
                baseline,
                target,
                measurements: i
                    .measurements
                    .iter()
                    .filter_map(|(m, _)| point(m))
                    .collect(),
            },
            &indicator::Words {
                title: crate::view::content(&spec.name, tr),
                description: tr.t("indicator-chart-description"),
                baseline: tr.t("indicator-baseline"),
                target: tr.t("indicator-target"),
                measured: tr.t("indicator-measured"),
            },
        ),
        _ => String::new(),
    };
    let dated =
        |v: &accord_domain::model::DatedValue| format!("{} {} ({})", v.value, spec.unit, v.date);
    IndicatorView {
        id: spec.id.to_string(),
        name: crate::view::content(&spec.name, tr),
        unit: spec.unit.clone(),
        direction: tr.t(match spec.direction {
            Direction::HigherIsBetter => "indicator-higher-is-better",
            Direction::LowerIsBetter => "indicator-lower-is-better",
        }),
        baseline: dated(&spec.baseline),
        target: dated(&spec.target),
        chart,
        measurements: i
            .measurements
            .iter()
            .map(|(m, source)| MeasurementRow {
                date: m.date.to_string(),
                value: m.value.clone(),
                source: source.clone(),
            })
            .collect(),
    }
}
