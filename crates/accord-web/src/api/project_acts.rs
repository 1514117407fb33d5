//! The life of a project for scripts: propose it, amend it, set its
//! status, complete or move its milestones, define its indicators and
//! record their measurements, and read its history from the log. Each
//! handler reads its JSON, makes one call to the matching use case of
//! `accord_app::project_acts` for the signed-in person, and answers what
//! was recorded: `{"id", "log_index"}` for a direct act; an amendment of
//! an agreed project answers the proposal both parties approve as well. A
//! refusal is the rules' code with its 4xx status, naming the field; a
//! project the caller may not see is `not_found`, as one that does not
//! exist.

use accord_app::project_acts::{
    Amended, HistoryEntry, NewIndicator, NewProject, ProjectChanges, amount_minor,
};
use accord_domain::ids::{GroupId, IndicatorId, MilestoneId, ProjectId};
use accord_domain::model::{Classification, DatedValue, Direction, Investment, ProjectStatus};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use crate::api::acts::{RecordedBody, TextsBody};
use crate::api::agreement::{ProposalBody, signed_view};
use crate::api::date_field;
use crate::auth::SignedIn;
use crate::error::ErrorBody;
use crate::{AppState, CurrentViewer, WebError};

/// Money as a person writes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvestmentRequest {
    /// A decimal amount in major units, at most two decimals.
    #[schema(example = "1250000.00")]
    pub amount: String,
    /// An ISO 4217 code.
    #[schema(example = "USD")]
    pub currency: String,
    /// The public share in per cent (0 to 100); the private share is the rest.
    #[serde(default)]
    #[schema(nullable, example = 40)]
    pub public_share_percent: Option<u32>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClassificationRequest {
    Public,
    Partnership,
    Restricted,
}

/// A project to propose.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposeProjectRequest {
    /// The working group it belongs to.
    #[schema(example = "energy")]
    pub group: String,
    /// Its title per language (`az`, `en`, `fr`), at least one.
    #[schema(example = json!({"az": "Günəş elektrik stansiyası", "en": "Solar power plant"}))]
    pub title: TextsBody,
    /// What it does, per language (optional).
    #[serde(default)]
    pub description: TextsBody,
    /// The provisions of the charter it carries out, at least one.
    #[schema(example = json!(["I.1", "II.4"]))]
    pub provisions: Vec<String>,
    /// The party that leads it.
    #[schema(example = "AZ")]
    pub lead_party: String,
    /// The registered organisations that lead it.
    #[serde(default)]
    pub lead_organisations: Vec<String>,
    /// The registered organisations taking part (private companies among them).
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    #[schema(format = Date, nullable, example = "2026-06-01")]
    pub start: Option<String>,
    #[serde(default)]
    #[schema(format = Date, nullable, example = "2028-12-31")]
    pub end: Option<String>,
    #[serde(default)]
    #[schema(nullable)]
    pub investment: Option<InvestmentRequest>,
    pub classification: ClassificationRequest,
}

/// `Some(value)` for a field that is present (`null` included), so that an
/// amendment tells "leave it" (absent) from "clear it" (`null`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// The fields of a project that change; those left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AmendProjectRequest {
    #[serde(default)]
    #[schema(nullable = false)]
    pub title: Option<TextsBody>,
    #[serde(default)]
    #[schema(nullable = false)]
    pub description: Option<TextsBody>,
    #[serde(default)]
    #[schema(nullable = false)]
    pub provisions: Option<Vec<String>>,
    #[serde(default)]
    #[schema(nullable = false)]
    pub lead_party: Option<String>,
    #[serde(default)]
    #[schema(nullable = false)]
    pub lead_organisations: Option<Vec<String>>,
    #[serde(default)]
    #[schema(nullable = false)]
    pub partners: Option<Vec<String>>,
    /// A new start date; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = Date, nullable, example = "2026-07-01")]
    pub start: Option<Option<String>>,
    /// A new end date; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = Date, nullable, example = "2029-06-30")]
    pub end: Option<Option<String>>,
    /// A new investment; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<InvestmentRequest>, nullable)]
    pub investment: Option<Option<InvestmentRequest>>,
    #[serde(default)]
    #[schema(nullable = false)]
    pub classification: Option<ClassificationRequest>,
    /// For an agreed project, also approve the change for my party in the
    /// same act (default `true`: the proposer's party agrees to what it
    /// proposes; `false` leaves it waiting for both).
    #[serde(default = "yes")]
    pub approve: bool,
}

fn yes() -> bool {
    true
}

/// What an amendment did: applied at once (`{"id": project, "log_index",
/// "proposal": null}`), or proposed to both parties (the proposal, with its
/// `id` and `content_hash`, adopted through
/// `POST /api/v1/proposals/{id}/approve`).
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum AmendmentAnswer {
    Applied(AmendedBody),
    Proposed(ProposalBody),
}

/// An amendment applied at once.
#[derive(Debug, Serialize, ToSchema)]
pub struct AmendedBody {
    /// The project's id.
    #[schema(example = "solar-power-plant")]
    pub id: String,
    /// The log index of the act's first entry.
    pub log_index: u64,
    /// Null when the change applied at once (the project was not agreed
    /// yet); else the proposal both parties approve, adopted through
    /// `POST /api/v1/proposals/{id}/approve`.
    #[schema(nullable)]
    pub proposal: Option<ProposalBody>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusRequestValue {
    InProgress,
    Completed,
    Suspended,
    Cancelled,
}

/// A project's new status, and why.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    pub status: StatusRequestValue,
    #[schema(pattern = "\\S", example = "Construction started")]
    pub reason: String,
}

/// A milestone completed.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteRequest {
    #[schema(format = Date, example = "2026-11-20")]
    pub on: String,
    /// What was done (optional).
    #[serde(default)]
    #[schema(example = "Survey report delivered to both co-chairs")]
    pub note: String,
}

/// A milestone moved to another date.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneRescheduleRequest {
    #[schema(format = Date, example = "2027-02-01")]
    pub due: String,
    #[schema(pattern = "\\S", example = "Equipment delivered late")]
    pub reason: String,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DirectionRequest {
    HigherIsBetter,
    LowerIsBetter,
}

/// A value on a date.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DatedValueRequest {
    /// A decimal number, as text.
    #[schema(example = "120.5")]
    pub value: String,
    #[schema(format = Date, example = "2026-06-01")]
    pub date: String,
}

/// An indicator to define.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorRequest {
    /// Lowercase letters, digits and dashes.
    #[schema(example = "jobs-created")]
    pub id: String,
    #[schema(example = json!({"az": "Yaradılmış iş yerləri", "en": "Jobs created"}))]
    pub name: TextsBody,
    #[schema(example = "jobs")]
    pub unit: String,
    pub direction: DirectionRequest,
    pub baseline: DatedValueRequest,
    pub target: DatedValueRequest,
}

/// A measurement to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasurementRequest {
    /// A decimal number, as text.
    #[schema(example = "120")]
    pub value: String,
    #[schema(format = Date, example = "2026-11-01")]
    pub date: String,
    /// Where the value comes from.
    #[schema(pattern = "\\S", example = "Ministry of Energy quarterly report")]
    pub source: String,
    /// The unit it is measured in, when the caller states it: refused
    /// unless it is the indicator's.
    #[serde(default)]
    #[schema(nullable, example = "jobs")]
    pub unit: Option<String>,
}

/// One entry of a project's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectHistoryEntryBody {
    /// The entry's index in the log.
    pub log_index: u64,
    /// The day it was recorded (UTC).
    #[schema(format = Date, example = "2026-11-20")]
    pub date: String,
    /// When it was recorded (RFC 3339, UTC).
    #[schema(example = "2026-11-20T10:00:00Z")]
    pub recorded_at: String,
    /// The person who acted; null for the operator, or for a caller who
    /// may not see people.
    #[schema(nullable, example = "az-energy")]
    pub actor: Option<String>,
    /// The event's type.
    #[schema(example = "ProjectStatusChanged")]
    pub event: String,
    /// Where its inclusion proof is.
    #[schema(example = "/api/v1/record/proof/12")]
    pub proof: String,
}

impl From<HistoryEntry> for ProjectHistoryEntryBody {
    fn from(e: HistoryEntry) -> Self {
        ProjectHistoryEntryBody {
            log_index: e.index,
            date: e.date.to_string(),
            recorded_at: e.recorded_at.to_string(),
            actor: e.actor.map(|p| p.to_string()),
            event: e.event_type,
            proof: format!("/api/v1/record/proof/{}", e.index),
        }
    }
}

fn ids<T: for<'a> From<&'a str>>(items: Vec<String>) -> Vec<T> {
    items.iter().map(|id| T::from(id.trim())).collect()
}

fn texts(body: TextsBody) -> accord_domain::model::Texts {
    body.into_iter()
        .map(|(language, text)| (language.trim().to_lowercase(), text.trim().to_owned()))
        .collect()
}

fn optional_date(field: &str, value: Option<String>) -> Result<Option<Date>, WebError> {
    value
        .filter(|v| !v.trim().is_empty())
        .map(|v| date_field(field, &v))
        .transpose()
}

fn investment(request: InvestmentRequest) -> Result<Investment, WebError> {
    let amount_minor = amount_minor(&request.amount).ok_or_else(|| {
        WebError::bad_request(
            "invalid",
            format!(
                "investment.amount: {:?} is not an amount such as 1250000.00",
                request.amount
            ),
        )
    })?;
    Ok(Investment {
        amount_minor,
        currency: request.currency.trim().to_ascii_uppercase(),
        // A share beyond a byte is beyond 100: the rules refuse it.
        public_share_percent: request
            .public_share_percent
            .map(|p| u8::try_from(p).unwrap_or(u8::MAX)),
    })
}

impl From<ClassificationRequest> for Classification {
    fn from(c: ClassificationRequest) -> Self {
        match c {
            ClassificationRequest::Public => Classification::Public,
            ClassificationRequest::Partnership => Classification::Partnership,
            ClassificationRequest::Restricted => Classification::Restricted,
        }
    }
}

fn dated(field: &str, v: DatedValueRequest) -> Result<DatedValue, WebError> {
    Ok(DatedValue {
        value: v.value.trim().to_owned(),
        date: date_field(field, &v.date)?,
    })
}

/// The project a request describes.
pub fn new_project(request: ProposeProjectRequest) -> Result<NewProject, WebError> {
    Ok(NewProject {
        group: GroupId::new(request.group.trim()),
        title: texts(request.title),
        description: texts(request.description),
        provisions: ids(request.provisions),
        lead_party: request
            .lead_party
            .trim()
            .to_ascii_uppercase()
            .as_str()
            .into(),
        lead_organisations: ids(request.lead_organisations),
        partners: ids(request.partners),
        start: optional_date("start", request.start)?,
        end: optional_date("end", request.end)?,
        investment: request.investment.map(investment).transpose()?,
        classification: request.classification.into(),
    })
}

/// The changes a request describes.
pub fn project_changes(request: AmendProjectRequest) -> Result<ProjectChanges, WebError> {
    Ok(ProjectChanges {
        title: request.title.map(texts),
        description: request.description.map(texts),
        provisions: request.provisions.map(ids),
        lead_party: request
            .lead_party
            .map(|p| p.trim().to_ascii_uppercase().as_str().into()),
        lead_organisations: request.lead_organisations.map(ids),
        partners: request.partners.map(ids),
        start: request
            .start
            .map(|d| optional_date("start", d))
            .transpose()?,
        end: request.end.map(|d| optional_date("end", d)).transpose()?,
        investment: request
            .investment
            .map(|i| i.map(investment).transpose())
            .transpose()?,
        classification: request.classification.map(Into::into),
    })
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

/// Proposes a project in a working group: a co-chair or member of the
/// group (or a coordinator). Its id is made from its title. It comes in as
/// proposed; both parties agree to it with the group's project list.
#[utoipa::path(
    post,
    path = "/api/v1/projects",
    tag = "projects",
    operation_id = "propose_project",
    request_body = ProposeProjectRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The project, proposed", body = RecordedBody),
        (status = 400, description = "A malformed body, date or amount (`invalid`, `bad_request`)", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "Not a co-chair or member of the group (`forbidden`), a read-only token, or no CSRF token", body = ErrorBody),
        (status = 404, description = "No such working group (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request (`conflict`)", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it, naming the field (`invalid`: no title, markup, an end before the start, a date outside the charter's years, a negative or absurd amount, an unknown currency, a share over 100, an organisation not registered; `no_provision`, `unknown_provision`, `unknown_party`)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn propose(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Json(request): Json<ProposeProjectRequest>,
) -> Result<(StatusCode, Json<RecordedBody>), WebError> {
    let project = new_project(request)?;
    let (now, actor) = ((state.clock)(), identity.actor());
    let done = state
        .blocking(move |app| app.propose_project(&actor, project, now))
        .await??;
    Ok(recorded(done))
}

/// Amends a project with the fields given. Before both parties agreed it,
/// the change applies at once (the group's co-chairs and members; it voids
/// the approvals of a pending list that holds it). After, a change is a
/// proposal both parties approve (a signatory of the group proposes it; a
/// second change amends the pending one); the agreed version stands until
/// it is adopted.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/amendments",
    tag = "projects",
    operation_id = "amend_project",
    params(("id" = String, Path, description = "The project's id", example = "solar-farm")),
    request_body = AmendProjectRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Applied (`proposal` null), or the proposal both parties approve", body = AmendmentAnswer),
        (status = 400, description = "A malformed body, date or amount (`invalid`, `bad_request`)", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "Not the caller's to change (`forbidden`), or the caller signs for no party in the group (`not_signatory`)", body = ErrorBody),
        (status = 404, description = "No such project the caller may see (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request (`conflict`)", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it, naming the field (`invalid`: nothing changes, and as for a proposal; `no_provision`, `unknown_provision`, `unknown_party`; `agreement`)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn amend(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Json(request): Json<AmendProjectRequest>,
) -> Result<(StatusCode, Json<AmendmentAnswer>), WebError> {
    let approve = request.approve;
    let changes = project_changes(request)?;
    let (now, actor) = ((state.clock)(), identity.actor());
    let Amended { recorded, proposal } = state
        .blocking(move |app| {
            app.amend_project(&actor, ProjectId::new(id.trim()), changes, approve, now)
        })
        .await??;
    let answer = match proposal {
        // Agreed already: the proposal both parties approve, as
        // `GET /api/v1/approvals` shows it.
        Some(p) => AmendmentAnswer::Proposed(signed_view(&state, &identity.person, &p)?),
        None => AmendmentAnswer::Applied(AmendedBody {
            id: recorded.id,
            log_index: recorded.log_index,
            proposal: None,
        }),
    };
    Ok((StatusCode::CREATED, Json(answer)))
}

/// Sets a project's status, with the reason: the co-chair of its group for
/// its lead party, or a coordinator. Agreed projects go in progress,
/// suspended or cancelled; running ones completed, suspended or cancelled;
/// suspended ones in progress again or cancelled; proposed ones cancelled.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/status",
    tag = "projects",
    operation_id = "change_project_status",
    params(("id" = String, Path, description = "The project's id", example = "tripp-power")),
    request_body = StatusRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = RecordedBody),
        (status = 400, description = "A malformed body", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "Neither the lead party's co-chair nor a coordinator (`forbidden`)", body = ErrorBody),
        (status = 404, description = "No such project the caller may see (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request (`conflict`)", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`bad_transition`; `invalid`: no reason, markup)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn status(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Json(request): Json<StatusRequest>,
) -> Result<(StatusCode, Json<RecordedBody>), WebError> {
    let status = match request.status {
        StatusRequestValue::InProgress => ProjectStatus::InProgress,
        StatusRequestValue::Completed => ProjectStatus::Completed,
        StatusRequestValue::Suspended => ProjectStatus::Suspended,
        StatusRequestValue::Cancelled => ProjectStatus::Cancelled,
    };
    let (now, actor) = ((state.clock)(), identity.actor());
    let done = state
        .blocking(move |app| {
            app.change_project_status(
                &actor,
                ProjectId::new(id.trim()),
                status,
                request.reason,
                now,
            )
        })
        .await??;
    Ok(recorded(done))
}

/// Marks a milestone completed on a date, with a note: the co-chairs and
/// members of its group (or a coordinator).
#[utoipa::path(
    post,
    path = "/api/v1/milestones/{id}/complete",
    tag = "projects",
    operation_id = "complete_milestone",
    params(("id" = String, Path, description = "The milestone's id", example = "tripp-build")),
    request_body = CompleteRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = RecordedBody),
        (status = 400, description = "A malformed body or date (`invalid`)", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "Not in the milestone's group (`forbidden`)", body = ErrorBody),
        (status = 404, description = "No such milestone the caller may see (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request (`conflict`)", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`invalid`: already completed, a date in the future or before the charter, markup in the note)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn complete_milestone(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Json(request): Json<CompleteRequest>,
) -> Result<(StatusCode, Json<RecordedBody>), WebError> {
    let on = date_field("on", &request.on)?;
    let (now, actor) = ((state.clock)(), identity.actor());
    let done = state
        .blocking(move |app| {
            app.complete_milestone(&actor, MilestoneId::new(id.trim()), on, request.note, now)
        })
        .await??;
    Ok(recorded(done))
}

/// Moves a milestone's due date, with the reason: the co-chairs and
/// members of its group (or a coordinator). Its drift from the agreed
/// roadmap shows it.
#[utoipa::path(
    post,
    path = "/api/v1/milestones/{id}/reschedule",
    tag = "projects",
    operation_id = "reschedule_milestone",
    params(("id" = String, Path, description = "The milestone's id", example = "tripp-build")),
    request_body = MilestoneRescheduleRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = RecordedBody),
        (status = 400, description = "A malformed body or date (`invalid`)", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "Not in the milestone's group (`forbidden`)", body = ErrorBody),
        (status = 404, description = "No such milestone the caller may see (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request (`conflict`)", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`invalid`: completed, the same date, a date outside the charter's years, no reason, markup)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn reschedule_milestone(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Json(request): Json<MilestoneRescheduleRequest>,
) -> Result<(StatusCode, Json<RecordedBody>), WebError> {
    let due = date_field("due", &request.due)?;
    let (now, actor) = ((state.clock)(), identity.actor());
    let done = state
        .blocking(move |app| {
            app.reschedule_milestone(
                &actor,
                MilestoneId::new(id.trim()),
                due,
                request.reason,
                now,
            )
        })
        .await??;
    Ok(recorded(done))
}

/// Defines an indicator of a project: the co-chairs and members of its
/// group (or a coordinator).
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/indicators",
    tag = "projects",
    operation_id = "define_indicator",
    params(("id" = String, Path, description = "The project's id", example = "tripp-power")),
    request_body = IndicatorRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The indicator, defined", body = RecordedBody),
        (status = 400, description = "A malformed body or date (`invalid`)", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "Not in the project's group (`forbidden`)", body = ErrorBody),
        (status = 404, description = "No such project the caller may see (`not_found`)", body = ErrorBody),
        (status = 409, description = "The id is taken (`already_exists`), or the record changed", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it, naming the field (`invalid`: the id's form, no name or unit, a value that is not a decimal, a target before the baseline or outside the charter's years)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn define_indicator(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Json(request): Json<IndicatorRequest>,
) -> Result<(StatusCode, Json<RecordedBody>), WebError> {
    let indicator = NewIndicator {
        id: IndicatorId::new(request.id.trim()),
        name: texts(request.name),
        unit: request.unit,
        direction: match request.direction {
            DirectionRequest::HigherIsBetter => Direction::HigherIsBetter,
            DirectionRequest::LowerIsBetter => Direction::LowerIsBetter,
        },
        baseline: dated("baseline.date", request.baseline)?,
        target: dated("target.date", request.target)?,
    };
    let (now, actor) = ((state.clock)(), identity.actor());
    let done = state
        .blocking(move |app| {
            app.define_indicator(&actor, ProjectId::new(id.trim()), indicator, now)
        })
        .await??;
    Ok(recorded(done))
}

/// Records a measurement of an indicator, with its date and source: the
/// co-chairs and members of the project's group, a coordinator, or a
/// partner of the project.
#[utoipa::path(
    post,
    path = "/api/v1/indicators/{id}/measurements",
    tag = "projects",
    operation_id = "record_measurement",
    params(("id" = String, Path, description = "The indicator's id", example = "tripp-capacity")),
    request_body = MeasurementRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = RecordedBody),
        (status = 400, description = "A malformed body or date (`invalid`)", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "Neither in the project's group nor its partner (`forbidden`)", body = ErrorBody),
        (status = 404, description = "No such indicator the caller may see (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request (`conflict`)", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it, naming the field (`invalid`: a value that is not a decimal, another unit, a date in the future or before the charter, no source)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn record_measurement(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Json(request): Json<MeasurementRequest>,
) -> Result<(StatusCode, Json<RecordedBody>), WebError> {
    let measurement = DatedValue {
        value: request.value,
        date: date_field("date", &request.date)?,
    };
    let unit = request.unit.filter(|u| !u.trim().is_empty());
    let (now, actor) = ((state.clock)(), identity.actor());
    let done = state
        .blocking(move |app| {
            app.record_measurement(
                &actor,
                IndicatorId::new(id.trim()),
                measurement,
                request.source,
                unit,
                now,
            )
        })
        .await??;
    Ok(recorded(done))
}

/// Every entry of the log about a project that the caller may see, oldest
/// first: its proposal, amendments, status changes and agreement, its
/// milestones', indicators' and measurements' entries, and a proposed
/// change's. Each with its log index, the day it was recorded, who acted
/// (for those who may see people) and where its inclusion proof is.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}/history",
    tag = "projects",
    operation_id = "project_history",
    params(("id" = String, Path, description = "The project's id", example = "tripp-power")),
    responses(
        (status = 200, description = "The project's history", body = Vec<ProjectHistoryEntryBody>),
        (status = 404, description = "No such project the caller may see (`not_found`)", body = ErrorBody),
    )
)]
pub async fn history(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Json<Vec<ProjectHistoryEntryBody>>, WebError> {
    let project = ProjectId::new(&id);
    let found = state
        .blocking(move |app| app.project_history(&viewer, &project))
        .await??;
    let entries = found.ok_or(WebError::NotFound {
        what: "project",
        id,
    })?;
    Ok(Json(entries.into_iter().map(Into::into).collect()))
}
