//! The charter's acts for scripts: schedule, move, cancel and hold a
//! meeting, propose its minutes, follow up actions, propose a new working
//! group, dialogue platform or group scope. Each handler reads its JSON,
//! makes one call to the matching use case of `accord_app::acts` for the
//! signed-in person, and answers what was recorded: `{"id", "log_index"}`
//! for a direct act, the proposal as `GET /api/v1/approvals` shows it for
//! an act both parties must agree to. A refusal is the rules' code with
//! its 4xx status.

use std::collections::BTreeMap;

use accord_app::acts::{MeetingActs, NewMeeting};
use accord_app::meeting_queries::{ActionView, Reason, Suggestion};
use accord_domain::event::{Decision, DecisionKind};
use accord_domain::ids::{ActionId, GroupId, MeetingId, PersonId, ProvisionId};
use accord_domain::model::{AgendaItem, MeetingKind, Texts};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::agreement::{ProposalBody, signed_view};
use crate::api::meetings::MeetingBody;
use crate::api::{AsOfQuery, date_field};
use crate::auth::SignedIn;
use crate::error::ErrorBody;
use crate::{AppState, CurrentViewer, WebError};

/// Text per language: `{"az": "…", "en": "…", "fr": "…"}`, at least one.
pub type TextsBody = BTreeMap<String, String>;

/// What a direct act recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordedBody {
    /// The id of what the act made or changed.
    #[schema(example = "charter-2026-10-01")]
    pub id: String,
    /// The log index of the act's first entry (its inclusion proof is at
    /// `/api/v1/record/proof/{log_index}` once signed).
    pub log_index: u64,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKindBody {
    Charter,
    WorkingGroup,
    DialoguePlatform,
}

/// One agenda item as a person writes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItemRequest {
    #[schema(example = json!({"en": "Review of the year", "az": "İlin icmalı"}))]
    pub title: TextsBody,
    #[serde(default)]
    pub provisions: Vec<String>,
    #[serde(default)]
    pub projects: Vec<String>,
    #[serde(default)]
    pub milestones: Vec<String>,
}

/// A meeting to schedule.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleMeetingRequest {
    pub kind: MeetingKindBody,
    /// The working group or dialogue platform; null for a charter meeting.
    #[serde(default)]
    #[schema(nullable)]
    pub group: Option<String>,
    #[schema(format = Date, example = "2026-10-01")]
    pub date: String,
    /// A place, or an online address.
    #[schema(example = "Baku")]
    pub place: String,
    /// The meeting's title per language (optional).
    #[serde(default)]
    pub title: TextsBody,
    /// People of both parties and partners, by id.
    #[serde(default)]
    pub participants: Vec<String>,
    #[serde(default)]
    pub agenda: Vec<AgendaItemRequest>,
}

/// A meeting recorded as held.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HeldRequest {
    #[schema(format = Date, example = "2026-10-01")]
    pub on: String,
    #[serde(default)]
    pub attendees: Vec<String>,
}

/// A meeting moved to another date.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RescheduleRequest {
    #[schema(format = Date, example = "2026-10-15")]
    pub date: String,
    #[schema(pattern = "\\S")]
    pub reason: String,
}

/// A meeting cancelled.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    #[schema(pattern = "\\S")]
    pub reason: String,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKindBody {
    Information,
    Decision,
    Action,
}

/// One decision of proposed minutes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    pub kind: DecisionKindBody,
    pub text: TextsBody,
    /// An action's owner (required for an action).
    #[serde(default)]
    #[schema(nullable)]
    pub owner: Option<String>,
    /// An action's due date (required for an action).
    #[serde(default)]
    #[schema(format = Date, nullable)]
    pub due: Option<String>,
    #[serde(default)]
    pub provisions: Vec<String>,
    #[serde(default)]
    pub projects: Vec<String>,
}

/// Minutes to propose for a meeting held.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MinutesRequest {
    #[schema(example = json!({"az": "Tərəflər görüşdü.", "en": "The parties met."}))]
    pub text: TextsBody,
    #[serde(default)]
    pub decisions: Vec<DecisionRequest>,
}

/// An action marked done.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DoneRequest {
    #[serde(default)]
    #[schema(example = "Drafted and sent to both co-chairs.")]
    pub note: String,
}

/// A new dialogue platform to propose.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlatformRequest {
    #[schema(example = "caspian-energy-dialogue")]
    pub id: String,
    pub name: TextsBody,
    #[serde(default)]
    pub purpose: TextsBody,
}

/// A new working group to propose.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkingGroupRequest {
    #[schema(example = "health")]
    pub id: String,
    pub name: TextsBody,
    #[serde(default)]
    pub scope: Vec<String>,
}

/// A working group's scope to propose.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeRequest {
    #[schema(example = json!(["I.1", "II.4"]))]
    pub provisions: Vec<String>,
}

/// What the caller may do with a meeting now.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingActsBody {
    pub hold: bool,
    pub reschedule: bool,
    pub cancel: bool,
    pub propose_minutes: bool,
    pub attach: bool,
}

impl From<MeetingActs> for MeetingActsBody {
    fn from(a: MeetingActs) -> Self {
        MeetingActsBody {
            hold: a.hold,
            reschedule: a.reschedule,
            cancel: a.reschedule,
            propose_minutes: a.propose_minutes,
            attach: a.attach,
        }
    }
}

/// One meeting, with what the caller may do with it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingDetailBody {
    pub meeting: MeetingBody,
    pub acts: MeetingActsBody,
}

/// One item the state proposes for a meeting's agenda.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionBody {
    /// `overdue_milestone`, `pending_proposal`, `open_action`, `deadline`
    /// or `uncovered_commitment`.
    #[schema(example = "overdue_milestone")]
    pub reason: String,
    /// What it is about (an id, or a deadline's group and deliverable).
    pub subject: String,
    #[schema(format = Date, nullable)]
    pub due: Option<String>,
    pub provisions: Vec<String>,
    pub projects: Vec<String>,
    pub milestones: Vec<String>,
}

/// The agenda the state proposes for a meeting.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposedAgendaBody {
    pub meeting: String,
    pub items: Vec<SuggestionBody>,
}

/// An action of adopted minutes.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionBody {
    #[schema(example = "charter-2026-10-01-minutes-action-1")]
    pub id: String,
    pub meeting: String,
    #[schema(nullable)]
    pub group: Option<String>,
    pub text: TextsBody,
    #[schema(nullable)]
    pub owner: Option<String>,
    #[schema(nullable)]
    pub owner_name: Option<String>,
    #[schema(format = Date, nullable)]
    pub due: Option<String>,
    /// `open` or `done`.
    #[schema(example = "open")]
    pub state: String,
    #[schema(format = Date, nullable)]
    pub done_on: Option<String>,
    #[schema(nullable)]
    pub note: Option<String>,
    /// Days past due, for an open action that is late.
    #[schema(nullable)]
    pub days_overdue: Option<u32>,
    pub provisions: Vec<String>,
    pub projects: Vec<String>,
}

/// The actions the caller may see.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionsBody {
    #[schema(format = Date)]
    pub as_of: String,
    pub actions: Vec<ActionBody>,
}

impl From<&ActionView> for ActionBody {
    fn from(v: &ActionView) -> Self {
        let d = &v.action.decision;
        ActionBody {
            id: v.action.id.to_string(),
            meeting: v.action.meeting.to_string(),
            group: v.group.as_ref().map(ToString::to_string),
            text: d.text.clone(),
            owner: d.owner.as_ref().map(ToString::to_string),
            owner_name: v.owner_name.clone(),
            due: d.due.map(|d| d.to_string()),
            state: if v.action.done.is_some() {
                "done"
            } else {
                "open"
            }
            .to_owned(),
            done_on: v.action.done.as_ref().map(|(on, ..)| on.to_string()),
            note: v.action.done.as_ref().map(|(_, _, note)| note.clone()),
            days_overdue: v.days_overdue,
            provisions: ids(&d.provisions),
            projects: ids(&d.projects),
        }
    }
}

fn reason_code(reason: Reason) -> &'static str {
    match reason {
        Reason::OverdueMilestone => "overdue_milestone",
        Reason::PendingProposal => "pending_proposal",
        Reason::OpenAction => "open_action",
        Reason::Deadline => "deadline",
        Reason::UncoveredCommitment => "uncovered_commitment",
    }
}

impl From<&Suggestion> for SuggestionBody {
    fn from(s: &Suggestion) -> Self {
        SuggestionBody {
            reason: reason_code(s.reason).to_owned(),
            subject: s.subject.clone(),
            due: s.due.map(|d| d.to_string()),
            provisions: ids(&s.provisions),
            projects: ids(&s.projects),
            milestones: ids(&s.milestones),
        }
    }
}

fn ids<T: ToString>(items: &[T]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

fn into_ids<T: for<'a> From<&'a str>>(items: Vec<String>) -> Vec<T> {
    items.iter().map(|id| T::from(id.trim())).collect()
}

fn texts(body: TextsBody) -> Texts {
    body.into_iter()
        .map(|(language, text)| (language.trim().to_lowercase(), text))
        .collect()
}

impl From<MeetingKindBody> for MeetingKind {
    fn from(k: MeetingKindBody) -> Self {
        match k {
            MeetingKindBody::Charter => MeetingKind::Charter,
            MeetingKindBody::WorkingGroup => MeetingKind::WorkingGroup,
            MeetingKindBody::DialoguePlatform => MeetingKind::DialoguePlatform,
        }
    }
}

/// The meeting a request describes.
pub fn new_meeting(request: ScheduleMeetingRequest) -> Result<NewMeeting, WebError> {
    Ok(NewMeeting {
        kind: request.kind.into(),
        group: request
            .group
            .filter(|g| !g.trim().is_empty())
            .map(GroupId::new),
        date: date_field("date", &request.date)?,
        place: request.place.trim().to_owned(),
        title: texts(request.title),
        participants: into_ids(request.participants),
        agenda: request
            .agenda
            .into_iter()
            .map(|item| AgendaItem {
                title: texts(item.title),
                projects: into_ids(item.projects),
                milestones: into_ids(item.milestones),
                provisions: into_ids(item.provisions),
            })
            .collect(),
    })
}

/// The decisions a request describes.
pub fn decisions(requests: Vec<DecisionRequest>) -> Result<Vec<Decision>, WebError> {
    requests
        .into_iter()
        .map(|d| {
            Ok(Decision {
                kind: match d.kind {
                    DecisionKindBody::Information => DecisionKind::Information,
                    DecisionKindBody::Decision => DecisionKind::Decision,
                    DecisionKindBody::Action => DecisionKind::Action,
                },
                text: texts(d.text),
                owner: d.owner.filter(|o| !o.trim().is_empty()).map(PersonId::new),
                due: d
                    .due
                    .filter(|d| !d.trim().is_empty())
                    .map(|due| date_field("decisions.due", &due))
                    .transpose()?,
                provisions: into_ids(d.provisions),
                projects: into_ids(d.projects),
            })
        })
        .collect()
}

fn recorded(r: accord_app::acts::Recorded) -> (StatusCode, Json<RecordedBody>) {
    (
        StatusCode::CREATED,
        Json(RecordedBody {
            id: r.id,
            log_index: r.log_index,
        }),
    )
}

/// Schedules a meeting: the charter meeting (a coordinator), a working
/// group's or a dialogue platform's (its co-chairs and members).
#[utoipa::path(
    post,
    path = "/api/v1/meetings",
    tag = "meetings",
    operation_id = "schedule_meeting",
    request_body = ScheduleMeetingRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The meeting, scheduled", body = RecordedBody),
        (status = 400, description = "A malformed body or date (`invalid`, `bad_request`)", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "Not the caller's to schedule (`forbidden`), a read-only token, or no CSRF token", body = ErrorBody),
        (status = 404, description = "No such group, person, project or milestone (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request (`conflict`)", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`invalid`: a date before the signature or too far ahead, markup, …; `unknown_provision`)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn schedule(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Json(request): Json<ScheduleMeetingRequest>,
) -> Result<(StatusCode, Json<RecordedBody>), WebError> {
    let meeting = new_meeting(request)?;
    let now = (state.clock)();
    let actor = identity.actor();
    let done = state
        .blocking(move |app| app.schedule_meeting(&actor, meeting, now))
        .await??;
    Ok(recorded(done))
}

/// One meeting as the caller may see it, with what the caller may do.
#[utoipa::path(
    get,
    path = "/api/v1/meetings/{id}",
    tag = "meetings",
    operation_id = "meeting",
    params(("id" = String, Path, description = "The meeting's id", example = "charter-2026-10-01")),
    responses(
        (status = 200, description = "The meeting", body = MeetingDetailBody),
        (status = 404, description = "No such meeting the caller may see (`not_found`)", body = ErrorBody),
    )
)]
pub async fn meeting(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Json<MeetingDetailBody>, WebError> {
    let meeting = MeetingId::new(&id);
    let view = state
        .app
        .meeting(&viewer, &meeting)
        .ok_or_else(|| WebError::NotFound {
            what: "meeting",
            id: id.clone(),
        })?;
    let acts = state.app.meeting_acts(&viewer, &meeting, state.today());
    Ok(Json(MeetingDetailBody {
        meeting: MeetingBody::from(&view),
        acts: acts.into(),
    }))
}

/// The agenda the state proposes for a meeting: overdue milestones,
/// pending proposals, open actions, deadlines before the meeting and
/// commitments no project covers (for a group's meeting, the group's).
#[utoipa::path(
    get,
    path = "/api/v1/meetings/{id}/proposed-agenda",
    tag = "meetings",
    operation_id = "proposed_agenda",
    params(("id" = String, Path, description = "The meeting's id", example = "charter-2026-10-01")),
    responses(
        (status = 200, description = "The proposed items", body = ProposedAgendaBody),
        (status = 404, description = "No such meeting the caller sees in full (`not_found`)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn proposed_agenda(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Json<ProposedAgendaBody>, WebError> {
    let items = state
        .app
        .proposed_agenda(&viewer, &MeetingId::new(&id), state.today())?
        .ok_or_else(|| WebError::NotFound {
            what: "meeting",
            id: id.clone(),
        })?;
    Ok(Json(ProposedAgendaBody {
        meeting: id,
        items: items.iter().map(SuggestionBody::from).collect(),
    }))
}

/// Records that a meeting was held, on a date, with who attended.
#[utoipa::path(
    post,
    path = "/api/v1/meetings/{id}/held",
    tag = "meetings",
    operation_id = "meeting_held",
    params(("id" = String, Path, description = "The meeting's id", example = "charter-2026-10-01")),
    request_body = HeldRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = RecordedBody),
        (status = 400, description = "A malformed body or date", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "Not the caller's meeting to record (`forbidden`)", body = ErrorBody),
        (status = 404, description = "No such meeting or person (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request (`conflict`)", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`invalid`: already held, cancelled, in the future or before its date)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn held(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Json(request): Json<HeldRequest>,
) -> Result<(StatusCode, Json<RecordedBody>), WebError> {
    let on = date_field("on", &request.on)?;
    let attendees = into_ids(request.attendees);
    let (now, actor) = ((state.clock)(), identity.actor());
    let done = state
        .blocking(move |app| {
            app.record_meeting_held(&actor, MeetingId::new(id), on, attendees, now)
        })
        .await??;
    Ok(recorded(done))
}

/// Moves a meeting not yet held to another date, with the reason.
#[utoipa::path(
    post,
    path = "/api/v1/meetings/{id}/reschedule",
    tag = "meetings",
    operation_id = "reschedule_meeting",
    params(("id" = String, Path, description = "The meeting's id", example = "charter-2026-10-01")),
    request_body = RescheduleRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = RecordedBody),
        (status = 400, description = "A malformed body or date", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "Not the caller's meeting (`forbidden`)", body = ErrorBody),
        (status = 404, description = "No such meeting (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request (`conflict`)", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`invalid`: held, cancelled, a bad date, no reason)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn reschedule(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Json(request): Json<RescheduleRequest>,
) -> Result<(StatusCode, Json<RecordedBody>), WebError> {
    let date = date_field("date", &request.date)?;
    let (now, actor) = ((state.clock)(), identity.actor());
    let done = state
        .blocking(move |app| {
            app.reschedule_meeting(&actor, MeetingId::new(id), date, request.reason, now)
        })
        .await??;
    Ok(recorded(done))
}

/// Cancels a meeting not yet held, with the reason.
#[utoipa::path(
    post,
    path = "/api/v1/meetings/{id}/cancel",
    tag = "meetings",
    operation_id = "cancel_meeting",
    params(("id" = String, Path, description = "The meeting's id", example = "charter-2026-10-01")),
    request_body = CancelRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = RecordedBody),
        (status = 400, description = "A malformed body", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "Not the caller's meeting (`forbidden`)", body = ErrorBody),
        (status = 404, description = "No such meeting (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request (`conflict`)", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`invalid`: held, already cancelled, no reason)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Json(request): Json<CancelRequest>,
) -> Result<(StatusCode, Json<RecordedBody>), WebError> {
    let (now, actor) = ((state.clock)(), identity.actor());
    let done = state
        .blocking(move |app| app.cancel_meeting(&actor, MeetingId::new(id), request.reason, now))
        .await??;
    Ok(recorded(done))
}

/// Proposes the minutes of a meeting held: text and decisions per language.
/// Both parties adopt them through `POST /api/v1/proposals/{id}/approve`.
#[utoipa::path(
    post,
    path = "/api/v1/meetings/{id}/minutes",
    tag = "meetings",
    operation_id = "propose_minutes",
    params(("id" = String, Path, description = "The meeting's id", example = "charter-2026-10-01")),
    request_body = MinutesRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The proposal, recorded", body = ProposalBody),
        (status = 400, description = "A malformed body or date", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "The caller signs for no party on it (`not_signatory`)", body = ErrorBody),
        (status = 404, description = "No such meeting, person, project (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request (`conflict`)", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`invalid`: not held, an action without owner or due date, markup; `unknown_provision`)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn minutes(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Json(request): Json<MinutesRequest>,
) -> Result<(StatusCode, Json<ProposalBody>), WebError> {
    let decisions = decisions(request.decisions)?;
    let text = texts(request.text);
    let (now, actor) = ((state.clock)(), identity.actor());
    let proposal = state
        .blocking(move |app| app.propose_minutes(&actor, MeetingId::new(id), text, decisions, now))
        .await??;
    Ok((
        StatusCode::CREATED,
        Json(signed_view(&state, &identity.person, &proposal)?),
    ))
}

/// The actions of adopted minutes the caller may see, open ones first.
#[utoipa::path(
    get,
    path = "/api/v1/actions",
    tag = "meetings",
    operation_id = "actions",
    params(AsOfQuery),
    responses(
        (status = 200, description = "The actions", body = ActionsBody),
        (status = 400, description = "`as_of` is not a date (`bad_as_of`)", body = ErrorBody),
    )
)]
pub async fn actions(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Query(query): Query<AsOfQuery>,
) -> Result<Json<ActionsBody>, WebError> {
    let as_of = crate::api::as_of(query.as_of.as_deref(), state.today())?;
    Ok(Json(ActionsBody {
        as_of: as_of.to_string(),
        actions: state
            .app
            .actions(&viewer, as_of)
            .iter()
            .map(ActionBody::from)
            .collect(),
    }))
}

/// Marks an action done: its owner, or whoever runs its meeting.
#[utoipa::path(
    post,
    path = "/api/v1/actions/{id}/done",
    tag = "meetings",
    operation_id = "action_done",
    params(("id" = String, Path, description = "The action's id", example = "charter-2026-10-01-minutes-action-1")),
    request_body = DoneRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = RecordedBody),
        (status = 400, description = "A malformed body", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "Neither its owner nor running its meeting (`forbidden`)", body = ErrorBody),
        (status = 404, description = "No such action (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request (`conflict`)", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`invalid`: already done, markup in the note)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn action_done(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Json(request): Json<DoneRequest>,
) -> Result<(StatusCode, Json<RecordedBody>), WebError> {
    let (now, actor) = ((state.clock)(), identity.actor());
    let done = state
        .blocking(move |app| app.complete_action(&actor, ActionId::new(id), request.note, now))
        .await??;
    Ok(recorded(done))
}

/// Proposes a new dialogue platform, created once both parties agree.
#[utoipa::path(
    post,
    path = "/api/v1/dialogue-platforms",
    tag = "groups",
    operation_id = "propose_dialogue_platform",
    request_body = PlatformRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The proposal, recorded", body = ProposalBody),
        (status = 400, description = "A malformed body", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "The caller signs for no party (`not_signatory`)", body = ErrorBody),
        (status = 409, description = "The id is taken (`already_exists`), or the record changed", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`invalid`: the id's form, no name, markup)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn propose_platform(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Json(request): Json<PlatformRequest>,
) -> Result<(StatusCode, Json<ProposalBody>), WebError> {
    let (now, actor) = ((state.clock)(), identity.actor());
    let (id, name, purpose) = (
        GroupId::new(request.id.trim()),
        texts(request.name),
        texts(request.purpose),
    );
    let proposal = state
        .blocking(move |app| app.propose_dialogue_platform(&actor, id, name, purpose, now))
        .await??;
    Ok((
        StatusCode::CREATED,
        Json(signed_view(&state, &identity.person, &proposal)?),
    ))
}

/// Proposes a new working group and its scope, created once both parties
/// agree.
#[utoipa::path(
    post,
    path = "/api/v1/working-groups",
    tag = "groups",
    operation_id = "propose_working_group",
    request_body = WorkingGroupRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The proposal, recorded", body = ProposalBody),
        (status = 400, description = "A malformed body", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "The caller signs for no party (`not_signatory`)", body = ErrorBody),
        (status = 409, description = "The id is taken (`already_exists`), or the record changed", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`invalid`, `unknown_provision`)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn propose_working_group(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Json(request): Json<WorkingGroupRequest>,
) -> Result<(StatusCode, Json<ProposalBody>), WebError> {
    let (now, actor) = ((state.clock)(), identity.actor());
    let (id, names, scope) = (
        GroupId::new(request.id.trim()),
        texts(request.name),
        into_ids::<ProvisionId>(request.scope),
    );
    let proposal = state
        .blocking(move |app| app.propose_working_group(&actor, id, names, scope, now))
        .await??;
    Ok((
        StatusCode::CREATED,
        Json(signed_view(&state, &identity.person, &proposal)?),
    ))
}

/// Proposes the provisions in a working group's scope; its co-chairs (or
/// the coordinators) agree to it.
#[utoipa::path(
    post,
    path = "/api/v1/groups/{id}/scope",
    tag = "groups",
    operation_id = "propose_group_scope",
    params(("id" = String, Path, description = "The working group's id", example = "energy")),
    request_body = ScopeRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The proposal, recorded", body = ProposalBody),
        (status = 400, description = "A malformed body", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "The caller signs for no party in the group (`not_signatory`)", body = ErrorBody),
        (status = 404, description = "No such working group (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request (`conflict`)", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`unknown_provision`)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn propose_scope(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(group): Path<String>,
    Json(request): Json<ScopeRequest>,
) -> Result<(StatusCode, Json<ProposalBody>), WebError> {
    let (now, actor) = ((state.clock)(), identity.actor());
    let provisions = into_ids::<ProvisionId>(request.provisions);
    let proposal = state
        .blocking(move |app| app.propose_group_scope(&actor, GroupId::new(group), provisions, now))
        .await??;
    Ok((
        StatusCode::CREATED,
        Json(signed_view(&state, &identity.person, &proposal)?),
    ))
}
