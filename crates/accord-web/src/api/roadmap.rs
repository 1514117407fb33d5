//! `/api/v1/groups/{id}/roadmap`: a working group's roadmap as the Gantt
//! chart of its page draws it (each visible milestone with its due date,
//! its agreed baseline and the drift between them, and its dependencies on
//! other visible milestones), its co-chairs and members when the viewer may
//! see people, and its pending proposals the viewer may see.

use accord_app::queries_detail::GroupRoadmap;
use accord_domain::calendar::days_between;
use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::meetings::{AgendaProposalBody, PersonRefBody};
use crate::api::projects_detail::MilestoneBody;
use crate::error::ErrorBody;
use crate::{AppState, CurrentViewer, WebError};

#[derive(Debug, Serialize, ToSchema)]
pub struct CoChairBody {
    #[schema(example = "AZ")]
    pub party: String,
    pub person: PersonRefBody,
}

/// A working group's roadmap, people and pending proposals.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoadmapBody {
    pub group: String,
    /// When both parties agreed the roadmap now in force (its baseline).
    #[schema(format = Date, nullable)]
    pub baseline_agreed_on: Option<String>,
    /// The visible milestones, in the baseline's order, then by due date.
    pub milestones: Vec<MilestoneBody>,
    /// Whether people are shown to this viewer; when not, both lists are empty.
    pub people_shown: bool,
    pub co_chairs: Vec<CoChairBody>,
    pub members: Vec<PersonRefBody>,
    pub pending_proposals: Vec<AgendaProposalBody>,
}

impl From<&GroupRoadmap> for RoadmapBody {
    fn from(r: &GroupRoadmap) -> RoadmapBody {
        let person = |p: &accord_domain::model::Person| PersonRefBody {
            id: p.id.to_string(),
            name: p.name.clone(),
        };
        RoadmapBody {
            group: r.group.spec.id.to_string(),
            baseline_agreed_on: r.group.roadmap_agreed_on.map(|d| d.to_string()),
            milestones: r
                .milestones
                .iter()
                .map(|m| {
                    let baseline = r.baseline_due.get(&m.spec.id).copied();
                    MilestoneBody {
                        id: m.spec.id.to_string(),
                        title: m.spec.title.clone(),
                        due: m.spec.due.to_string(),
                        baseline_due: baseline.map(|b| b.to_string()),
                        days_slipped: baseline.map(|b| days_between(b, m.spec.due)).unwrap_or(0),
                        completed_on: m.completed_on.map(|c| c.to_string()),
                        depends_on: m.spec.depends_on.iter().map(ToString::to_string).collect(),
                    }
                })
                .collect(),
            people_shown: r.people_shown,
            co_chairs: r
                .co_chairs
                .iter()
                .map(|(party, p)| CoChairBody {
                    party: party.to_string(),
                    person: person(p),
                })
                .collect(),
            members: r.members.iter().map(person).collect(),
            pending_proposals: r.pending.iter().map(AgendaProposalBody::from).collect(),
        }
    }
}

/// A working group's roadmap: milestones with baseline and drift, people,
/// pending proposals, as the viewer may see them.
#[utoipa::path(
    get,
    path = "/api/v1/groups/{id}/roadmap",
    tag = "groups",
    operation_id = "group_roadmap",
    params(("id" = String, Path, description = "The working group's id", example = "energy")),
    responses(
        (status = 200, description = "The roadmap", body = RoadmapBody),
        (status = 404, description = "No such working group (`not_found`)", body = ErrorBody),
    )
)]
pub async fn roadmap(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Json<RoadmapBody>, WebError> {
    let roadmap = state
        .app
        .group_roadmap(&viewer, &id.as_str().into())
        .ok_or(WebError::NotFound {
            what: "working group",
            id,
        })?;
    Ok(Json(RoadmapBody::from(&roadmap)))
}
