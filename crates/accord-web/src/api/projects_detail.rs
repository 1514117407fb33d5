//! `/api/v1/projects/{id}`: one project in full, as the viewer may see it.
//! A project the viewer may not see is `not_found`, like one that does not
//! exist.

use accord_app::queries_detail::ProjectDetail;
use accord_domain::model::{DatedValue, Direction};
use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::ProjectBody;
use crate::error::ErrorBody;
use crate::pages::project::find;
use crate::{AppState, CurrentViewer, WebError};

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationBody {
    pub id: String,
    pub name: String,
    /// The party it belongs to; null for a company or other body.
    #[schema(nullable)]
    pub party: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CitedProvisionBody {
    #[schema(example = "II.4")]
    pub id: String,
    /// The text by language code.
    pub texts: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MilestoneBody {
    pub id: String,
    /// The title by language code (`und` for one recorded before titles
    /// were held per language).
    #[schema(example = json!({"az": "Pilot hazırdır", "en": "Pilot ready"}))]
    pub title: std::collections::BTreeMap<String, String>,
    #[schema(format = Date)]
    pub due: String,
    /// The agreed baseline's due date; null before a roadmap with it is agreed.
    #[schema(format = Date, nullable)]
    pub baseline_due: Option<String>,
    /// Days from the baseline to the due date (negative: ahead).
    pub days_slipped: i32,
    #[schema(format = Date, nullable)]
    pub completed_on: Option<String>,
    pub depends_on: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DatedValueBody {
    /// A decimal, exactly as recorded.
    #[schema(example = "120.5")]
    pub value: String,
    #[schema(format = Date)]
    pub date: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeasurementBody {
    #[schema(example = "120.5")]
    pub value: String,
    #[schema(format = Date)]
    pub date: String,
    pub source: String,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DirectionBody {
    HigherIsBetter,
    LowerIsBetter,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorBody {
    pub id: String,
    /// The name by language code.
    pub name: std::collections::BTreeMap<String, String>,
    pub unit: String,
    pub direction: DirectionBody,
    pub baseline: DatedValueBody,
    pub target: DatedValueBody,
    pub measurements: Vec<MeasurementBody>,
}

/// One entry of the log that changed the project.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryEntryBody {
    pub index: u64,
    /// When it was recorded (RFC 3339, UTC).
    pub recorded_at: String,
    #[schema(example = "ProjectProposed")]
    pub event_type: String,
    /// Where its inclusion proof is.
    #[schema(example = "/api/v1/record/proof/12")]
    pub proof: String,
}

/// A project in full.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectDetailBody {
    pub project: ProjectBody,
    /// The cited provisions the charter holds, in the project's order.
    pub provisions: Vec<CitedProvisionBody>,
    /// The lead organisations and partners.
    pub organisations: Vec<OrganisationBody>,
    pub milestones: Vec<MilestoneBody>,
    pub indicators: Vec<IndicatorBody>,
    /// The files attached to it, in the order they were; each downloads
    /// from its `href`.
    pub documents: Vec<ProjectDocumentBody>,
    pub history: Vec<HistoryEntryBody>,
}

/// A file attached to a project.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectDocumentBody {
    /// SHA-256 of the bytes, lowercase hexadecimal: the document's address.
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub sha256: String,
    pub size: u64,
    #[schema(example = "feasibility-study.pdf")]
    pub name: String,
    #[schema(example = "application/pdf")]
    pub media_type: String,
    /// Where its bytes are.
    #[schema(
        example = "/api/v1/projects/tripp-power/documents/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    )]
    pub href: String,
}

fn dated(v: &DatedValue) -> DatedValueBody {
    DatedValueBody {
        value: v.value.clone(),
        date: v.date.to_string(),
    }
}

impl From<&ProjectDetail> for ProjectDetailBody {
    fn from(d: &ProjectDetail) -> ProjectDetailBody {
        ProjectDetailBody {
            project: ProjectBody::from(&d.project),
            provisions: d
                .provisions
                .iter()
                .map(|p| CitedProvisionBody {
                    id: p.id.to_string(),
                    texts: p.texts.clone(),
                })
                .collect(),
            organisations: d
                .organisations
                .values()
                .map(|o| OrganisationBody {
                    id: o.id.to_string(),
                    name: o.name.clone(),
                    party: o.party.as_ref().map(ToString::to_string),
                })
                .collect(),
            milestones: d
                .milestones
                .iter()
                .map(|m| {
                    let baseline = d.baseline_due.get(&m.spec.id).copied();
                    MilestoneBody {
                        id: m.spec.id.to_string(),
                        title: m.spec.title.clone(),
                        due: m.spec.due.to_string(),
                        baseline_due: baseline.map(|b| b.to_string()),
                        days_slipped: baseline
                            .map(|b| accord_domain::calendar::days_between(b, m.spec.due))
                            .unwrap_or(0),
                        completed_on: m.completed_on.map(|c| c.to_string()),
                        depends_on: m.spec.depends_on.iter().map(ToString::to_string).collect(),
                    }
                })
                .collect(),
            indicators: d
                .indicators
                .iter()
                .map(|i| IndicatorBody {
                    id: i.spec.id.to_string(),
                    name: i.spec.name.clone(),
                    unit: i.spec.unit.clone(),
                    direction: match i.spec.direction {
                        Direction::HigherIsBetter => DirectionBody::HigherIsBetter,
                        Direction::LowerIsBetter => DirectionBody::LowerIsBetter,
                    },
                    baseline: dated(&i.spec.baseline),
                    target: dated(&i.spec.target),
                    measurements: i
                        .measurements
                        .iter()
                        .map(|(m, source)| MeasurementBody {
                            value: m.value.clone(),
                            date: m.date.to_string(),
                            source: source.clone(),
                        })
                        .collect(),
                })
                .collect(),
            documents: d
                .project
                .documents
                .iter()
                .map(|doc| ProjectDocumentBody {
                    sha256: doc.sha256.clone(),
                    size: doc.size,
                    name: doc.name.clone(),
                    media_type: doc.media_type.clone(),
                    href: format!("/api/v1/projects/{}/documents/{}", d.project.id, doc.sha256),
                })
                .collect(),
            history: d
                .history
                .iter()
                .map(|e| HistoryEntryBody {
                    index: e.index,
                    recorded_at: e.recorded_at.to_string(),
                    event_type: e.event_type.clone(),
                    proof: format!("/api/v1/record/proof/{}", e.index),
                })
                .collect(),
        }
    }
}

/// One project in full: its provisions, organisations, milestones,
/// indicators and history.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}",
    tag = "projects",
    operation_id = "project",
    params(("id" = String, Path, description = "The project's id", example = "tripp-power")),
    responses(
        (status = 200, description = "The project", body = ProjectDetailBody),
        (status = 404, description = "No such project the viewer may see (`not_found`)", body = ErrorBody),
    )
)]
pub async fn project(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Json<ProjectDetailBody>, WebError> {
    let detail = find(&state, &viewer, &id).await?;
    Ok(Json(ProjectDetailBody::from(&detail)))
}
