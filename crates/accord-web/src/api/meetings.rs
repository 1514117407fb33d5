//! `/api/v1/meetings`: the meetings the viewer may see, by date, with their
//! agenda, minutes and decisions when seen in full, and the agenda the
//! state calls for on the as-of date.

use std::collections::BTreeMap;

use accord_app::queries_detail::{Agenda, DueItem, MeetingView};
use accord_domain::agreement::Scope;
use accord_domain::event::ProposalContent;
use accord_domain::model::Deliverable;
use accord_domain::state::ProposalRecord;
use axum::Json;
use axum::extract::{Query, State};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::AsOfQuery;
use crate::api::as_of;
use crate::error::ErrorBody;
use crate::pages::meetings::{decision_code, kind_code};
use crate::{AppState, CurrentViewer, WebError};

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonRefBody {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgendaItemBody {
    /// Per language (`{"az": "…", "en": "…"}`).
    #[schema(example = json!({"en": "Review of the year", "az": "İlin icmalı"}))]
    pub title: BTreeMap<String, String>,
    pub projects: Vec<String>,
    pub milestones: Vec<String>,
    pub provisions: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionBody {
    /// `information`, `decision` or `action`.
    #[schema(example = "action")]
    pub kind: String,
    /// Per language.
    pub text: BTreeMap<String, String>,
    /// The person who owns an action.
    #[schema(nullable)]
    pub owner: Option<PersonRefBody>,
    #[schema(format = Date, nullable)]
    pub due: Option<String>,
    pub provisions: Vec<String>,
    pub projects: Vec<String>,
}

/// A date a meeting was moved from, and why.
#[derive(Debug, Serialize, ToSchema)]
pub struct RescheduledBody {
    #[schema(format = Date)]
    pub from: String,
    pub reason: String,
}

/// A document attached to a meeting; its bytes are at
/// `/api/v1/meetings/{id}/documents/{sha256}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentBody {
    pub sha256: String,
    pub size: u64,
    pub name: String,
    pub media_type: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MinutesBody {
    /// Per language.
    pub text: BTreeMap<String, String>,
    pub decisions: Vec<DecisionBody>,
}

/// A meeting. When `in_full` is false (a charter meeting seen by the
/// public), only its date, place and whether it was held are given.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingBody {
    pub id: String,
    /// `charter`, `working_group` or `dialogue_platform`.
    #[schema(example = "charter")]
    pub kind: String,
    #[schema(nullable)]
    pub group: Option<String>,
    #[schema(format = Date)]
    pub date: String,
    pub place: String,
    #[schema(format = Date, nullable)]
    pub held_on: Option<String>,
    pub in_full: bool,
    /// The meeting's title per language (empty when none was given).
    pub title: BTreeMap<String, String>,
    pub participants: Vec<PersonRefBody>,
    /// Who attended, as recorded with the meeting held.
    pub attendees: Vec<PersonRefBody>,
    pub agenda: Vec<AgendaItemBody>,
    /// When it was cancelled; null while it stands.
    #[schema(format = Date, nullable)]
    pub cancelled_on: Option<String>,
    /// Why it was cancelled.
    #[schema(nullable)]
    pub cancel_reason: Option<String>,
    /// The dates it was moved from, oldest first, with the reasons.
    pub rescheduled: Vec<RescheduledBody>,
    /// The documents attached to it (signed minutes, presentations).
    pub documents: Vec<DocumentBody>,
    /// The minutes both parties adopted.
    #[schema(nullable)]
    pub minutes: Option<MinutesBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgendaOverdueBody {
    pub id: String,
    pub group: String,
    #[schema(format = Date)]
    pub due: String,
    pub days_overdue: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgendaProposalBody {
    pub id: String,
    /// `project_list`, `roadmap`, `minutes`, `working_group`, `dialogue_platform`.
    pub kind: String,
    /// The working group it belongs to; null for the charter as a whole.
    #[schema(nullable)]
    pub group: Option<String>,
    #[schema(format = Date)]
    pub made_on: String,
    pub revision: u32,
    /// The parties that approved the current content.
    pub approved_by: Vec<String>,
}

impl From<&ProposalRecord> for AgendaProposalBody {
    fn from(p: &ProposalRecord) -> AgendaProposalBody {
        AgendaProposalBody {
            id: p.id.to_string(),
            kind: proposal_kind_code(&p.content).to_owned(),
            group: match &p.agreement.scope {
                Scope::Charter => None,
                Scope::WorkingGroup(g) => Some(g.to_string()),
            },
            made_on: p.made_on.to_string(),
            revision: p.agreement.revision,
            approved_by: p
                .agreement
                .approvals
                .keys()
                .map(ToString::to_string)
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DueSoonBody {
    /// `project_list`, `roadmap`, `charter_meeting` or `milestone`.
    pub kind: String,
    #[schema(nullable)]
    pub group: Option<String>,
    /// The milestone's id, for a milestone.
    #[schema(nullable)]
    pub milestone: Option<String>,
    #[schema(format = Date)]
    pub due: String,
    pub days_left: u32,
}

/// What the state puts on the agenda on the as-of date.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgendaBody {
    pub overdue_milestones: Vec<AgendaOverdueBody>,
    pub pending_proposals: Vec<AgendaProposalBody>,
    /// Deadlines, the next charter meeting and milestones due within 60 days.
    pub due_soon: Vec<DueSoonBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingCalendarBody {
    #[schema(format = Date)]
    pub as_of: String,
    pub meetings: Vec<MeetingBody>,
    pub agenda: AgendaBody,
}

/// The short name of a proposal's kind, as the API spells it.
pub fn proposal_kind_code(content: &ProposalContent) -> &'static str {
    match content {
        ProposalContent::Recorded { act, .. } => proposal_kind_code(act),
        ProposalContent::ProjectList { .. } => "project_list",
        ProposalContent::Roadmap { .. } => "roadmap",
        ProposalContent::Minutes { .. } => "minutes",
        ProposalContent::WorkingGroup { .. } => "working_group",
        ProposalContent::DialoguePlatform { .. } => "dialogue_platform",
        ProposalContent::GroupScope { .. } => "group_scope",
        ProposalContent::ProjectAmendment { .. } => "project_amendment",
    }
}

fn ids<T: ToString>(items: &[T]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

impl From<&MeetingView> for MeetingBody {
    fn from(view: &MeetingView) -> MeetingBody {
        let spec = &view.meeting.spec;
        MeetingBody {
            id: spec.id.to_string(),
            kind: kind_code(spec.kind).to_owned(),
            group: spec.group.as_ref().map(ToString::to_string),
            date: spec.date.to_string(),
            place: spec.place.clone(),
            held_on: view.meeting.held_on.map(|d| d.to_string()),
            in_full: view.in_full,
            title: spec.title.clone(),
            attendees: view
                .meeting
                .attendees
                .iter()
                .map(|p| PersonRefBody {
                    id: p.to_string(),
                    name: view.owners.get(p.as_str()).cloned().unwrap_or_default(),
                })
                .collect(),
            cancelled_on: view
                .meeting
                .cancelled
                .as_ref()
                .map(|(on, _)| on.to_string()),
            cancel_reason: view
                .meeting
                .cancelled
                .as_ref()
                .map(|(_, reason)| reason.clone())
                .filter(|r| !r.is_empty()),
            rescheduled: view
                .meeting
                .rescheduled
                .iter()
                .map(|(from, reason)| RescheduledBody {
                    from: from.to_string(),
                    reason: reason.clone(),
                })
                .collect(),
            documents: view
                .meeting
                .documents
                .iter()
                .map(|d| DocumentBody {
                    sha256: d.sha256.clone(),
                    size: d.size,
                    name: d.name.clone(),
                    media_type: d.media_type.clone(),
                })
                .collect(),
            participants: view
                .participants
                .iter()
                .map(|p| PersonRefBody {
                    id: p.id.to_string(),
                    name: p.name.clone(),
                })
                .collect(),
            agenda: spec
                .agenda
                .iter()
                .map(|item| AgendaItemBody {
                    title: item.title.clone(),
                    projects: ids(&item.projects),
                    milestones: ids(&item.milestones),
                    provisions: ids(&item.provisions),
                })
                .collect(),
            minutes: view.minutes.as_ref().map(|m| MinutesBody {
                text: m.text.clone(),
                decisions: m
                    .decisions
                    .iter()
                    .map(|d| DecisionBody {
                        kind: decision_code(d.kind).to_owned(),
                        text: d.text.clone(),
                        owner: d.owner.as_ref().map(|o| PersonRefBody {
                            id: o.to_string(),
                            name: view.owners.get(o.as_str()).cloned().unwrap_or_default(),
                        }),
                        due: d.due.map(|d| d.to_string()),
                        provisions: ids(&d.provisions),
                        projects: ids(&d.projects),
                    })
                    .collect(),
            }),
        }
    }
}

impl From<&Agenda> for AgendaBody {
    fn from(a: &Agenda) -> AgendaBody {
        AgendaBody {
            overdue_milestones: a
                .overdue_milestones
                .iter()
                .map(|m| AgendaOverdueBody {
                    id: m.id.to_string(),
                    group: m.group.to_string(),
                    due: m.due.to_string(),
                    days_overdue: m.days_overdue,
                })
                .collect(),
            pending_proposals: a
                .pending_proposals
                .iter()
                .map(AgendaProposalBody::from)
                .collect(),
            due_soon: a
                .due_soon
                .iter()
                .map(|d| {
                    let (kind, group, milestone) = match &d.item {
                        DueItem::Deliverable { group, deliverable } => (
                            match deliverable {
                                Deliverable::ProjectList => "project_list",
                                Deliverable::Roadmap => "roadmap",
                            },
                            Some(group.to_string()),
                            None,
                        ),
                        DueItem::CharterMeeting => ("charter_meeting", None, None),
                        DueItem::Milestone { id, group, .. } => {
                            ("milestone", Some(group.to_string()), Some(id.to_string()))
                        }
                    };
                    DueSoonBody {
                        kind: kind.to_owned(),
                        group,
                        milestone,
                        due: d.due.to_string(),
                        days_left: d.days_left,
                    }
                })
                .collect(),
        }
    }
}

/// The meetings the viewer may see, and the agenda on the as-of date.
#[utoipa::path(
    get,
    path = "/api/v1/meetings",
    tag = "meetings",
    operation_id = "meetings",
    params(AsOfQuery),
    responses(
        (status = 200, description = "The meetings and the agenda", body = MeetingCalendarBody),
        (status = 400, description = "`as_of` is not a date (`bad_as_of`)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised (`status`)", body = ErrorBody),
    )
)]
pub async fn meetings(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Query(query): Query<AsOfQuery>,
) -> Result<Json<MeetingCalendarBody>, WebError> {
    let as_of = as_of(query.as_of.as_deref(), state.today())?;
    let agenda = state.app.agenda(&viewer, as_of)?;
    Ok(Json(MeetingCalendarBody {
        as_of: as_of.to_string(),
        meetings: state
            .app
            .meetings(&viewer)
            .iter()
            .map(MeetingBody::from)
            .collect(),
        agenda: AgendaBody::from(&agenda),
    }))
}
