//! `/projects/{id}`: one project in full as the viewer may see it: its
//! details, the provisions it carries out, its milestones, its indicators
//! (each with a chart of measurements against baseline and target) and its
//! history in the log, each entry linked to its inclusion proof. A project
//! the viewer may not see is a 404, exactly as one that does not exist.

use accord_app::queries_detail::ProjectDetail;
use accord_domain::ids::ProjectId;
use accord_domain::model::{Direction, Investment};
use askama::Template;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::response::Html;
use jiff::civil::Date;

use crate::api::AsOfQuery;
use crate::charts::indicator::{self, IndicatorChart};
use crate::lang::{Lang, Tr};
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
    pub history: Vec<HistoryRow>,
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

#[derive(Debug)]
pub struct HistoryRow {
    pub index: u64,
    pub date: String,
    pub event_type: String,
}

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

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    CurrentViewer(viewer): CurrentViewer,
    OriginalUri(uri): OriginalUri,
    Path(id): Path<String>,
    Query(query): Query<AsOfQuery>,
) -> Result<Html<String>, WebError> {
    let as_of = as_of(query.as_of.as_deref(), state.today())?;
    let detail = find(&state, &viewer, &id).await?;
    render(&project_page(&detail, lang, &uri, as_of))
}

/// The page's view model.
pub fn project_page(
    detail: &ProjectDetail,
    lang: Lang,
    uri: &axum::http::Uri,
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
                    title: m.spec.title.clone(),
                    due: m.spec.due.to_string(),
                    baseline_due: date(detail.baseline_due.get(&m.spec.id).copied()),
                    drift: drift_days(m, &detail.baseline_due)
                        .map(|d| drift_words(d, tr))
                        .unwrap_or_default(),
                    state: state.code(),
                    state_label: state_label(state, tr),
                    completed_on: date(m.completed_on),
                }
            })
            .collect(),
        indicators: detail
            .indicators
            .iter()
            .enumerate()
            .map(|(n, i)| indicator_view(i, n, tr))
            .collect(),
        history: detail
            .history
            .iter()
            .map(|e| HistoryRow {
                index: e.index,
                date: accord_app::utc_date(e.recorded_at).to_string(),
                event_type: e.event_type.clone(),
            })
            .collect(),
    }
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
