//! The approval flow for scripts: propose a working group's project list or
//! roadmap, see what waits for my party's signature (with its exact content
//! and content hash), approve it, reject it with a reason, or withdraw my
//! party's approval.
//!
//! What `/approvals` and `/groups/{id}/proposals/new` do by forms, these
//! routes do with JSON, through the same commands (`AppState::execute` for
//! the signed-in person): the rules decide, and a refusal comes back as
//! `{"error": {"code", "message"}}` with its 4xx status. Every route needs a
//! person: an API token (of the `write` scope to change anything), or a
//! session with its `X-CSRF-Token` header.

use accord_app::signing::SignedProposal;
use accord_domain::agreement::Scope;
use accord_domain::command::Command;
use accord_domain::event::ProposalContent;
use accord_domain::ids::{GroupId, MilestoneId, PersonId, ProjectId, ProposalId};
use accord_domain::model::{MilestoneSpec, Texts};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, ToSchema};

use crate::auth::{Identity, SignedIn};
use crate::error::ErrorBody;
use crate::{AppState, WebError};

/// The name of the bearer security scheme in the OpenAPI document.
pub const BEARER: &str = "bearer";

/// Adds the bearer scheme (an API token from `accord account api-token`)
/// to the document's components.
#[derive(Debug)]
pub struct SecurityAddon;

impl Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.description = Some(
            "An API token (`accord account api-token`); the `write` scope to change anything"
                .to_owned(),
        );
        components.add_security_scheme(BEARER, SecurityScheme::Http(scheme));
    }
}

/// A milestone of a proposed roadmap.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneRequest {
    #[schema(pattern = "\\S", example = "pilot-ready")]
    pub id: String,
    pub title: MilestoneTitleRequest,
    /// The due date (ISO 8601).
    #[schema(format = Date, example = "2027-03-01")]
    pub due: String,
    /// The project it belongs to, if any.
    #[serde(default)]
    #[schema(nullable)]
    pub project: Option<String>,
    /// The ids of the milestones it depends on.
    #[serde(default)]
    pub depends_on: Vec<String>,
}

/// A milestone's title: text per language (`az`, `en`, `fr`), at least
/// one; or, as requests were written before titles were held per language,
/// one plain string, recorded as of an undetermined language (`und`).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(untagged)]
pub enum MilestoneTitleRequest {
    #[schema(example = json!({"az": "Pilot hazırdır", "en": "Pilot ready"}))]
    PerLanguage(std::collections::BTreeMap<String, String>),
    #[schema(example = "Pilot ready")]
    Plain(String),
}

impl From<MilestoneTitleRequest> for Texts {
    fn from(title: MilestoneTitleRequest) -> Texts {
        match title {
            MilestoneTitleRequest::PerLanguage(texts) => texts
                .into_iter()
                .map(|(language, text)| (language.trim().to_lowercase(), text.trim().to_owned()))
                .collect(),
            MilestoneTitleRequest::Plain(text) => {
                accord_domain::texts::single(accord_domain::texts::UNDETERMINED, text.trim())
            }
        }
    }
}

/// What `POST /api/v1/groups/{id}/proposals` reads: `projects` or
/// `milestones`, exactly one (the document says so with `ProposeRequest`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposeFields {
    #[serde(default)]
    pub projects: Option<Vec<String>>,
    #[serde(default)]
    pub milestones: Option<Vec<MilestoneRequest>>,
    #[serde(default)]
    pub approve: bool,
    #[serde(default)]
    pub took_effect_on: Option<String>,
    #[serde(default)]
    pub evidence: Option<EvidenceRequest>,
}

/// The document that shows an act took effect before it was recorded: one
/// attached to a meeting (`POST /api/v1/meetings/{id}/documents`).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRequest {
    #[schema(example = "energy-2026-05-12")]
    pub meeting: String,
    /// The document's SHA-256, lowercase hexadecimal.
    pub sha256: String,
}

/// A working group's project list to propose.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectListRequest {
    /// The ids of the group's projects on the list.
    #[schema(example = json!(["tripp-power-line"]))]
    pub projects: Vec<String>,
    /// Also approve it for my party, in the same act (default `false`).
    #[serde(default)]
    pub approve: bool,
    /// For an act agreed before it is recorded (on paper at a meeting):
    /// the date it took effect, by which the charter's rules judge it; with
    /// `evidence`.
    #[serde(default)]
    #[schema(format = Date, nullable)]
    pub took_effect_on: Option<String>,
    /// The signed document that shows it, attached to a meeting.
    #[serde(default)]
    #[schema(nullable)]
    pub evidence: Option<EvidenceRequest>,
}

/// A working group's roadmap to propose.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoadmapRequest {
    pub milestones: Vec<MilestoneRequest>,
    /// Also approve it for my party, in the same act (default `false`).
    #[serde(default)]
    pub approve: bool,
    /// For an act agreed before it is recorded (on paper at a meeting):
    /// the date it took effect, by which the charter's rules judge it; with
    /// `evidence`.
    #[serde(default)]
    #[schema(format = Date, nullable)]
    pub took_effect_on: Option<String>,
    /// The signed document that shows it, attached to a meeting.
    #[serde(default)]
    #[schema(nullable)]
    pub evidence: Option<EvidenceRequest>,
}

/// A proposal for a working group: its project list or its roadmap.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum ProposeRequest {
    ProjectList(ProjectListRequest),
    Roadmap(RoadmapRequest),
}

/// An approval: the content hash the signatory saw.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ApproveRequest {
    /// The proposal's current content hash (from `GET /api/v1/approvals`).
    pub content_hash: String,
}

/// A rejection and its reason.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RejectRequest {
    /// Why my party rejects it (not blank).
    #[schema(pattern = "\\S")]
    pub reason: String,
}

/// Where a party stands on a proposal.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PositionState {
    Approved,
    Rejected,
    Waiting,
}

/// One party's position on a proposal.
#[derive(Debug, Serialize, ToSchema)]
pub struct PositionBody {
    #[schema(example = "AZ")]
    pub party: String,
    pub state: PositionState,
    /// When it approved or rejected; null while waiting.
    #[schema(format = Date, nullable)]
    pub on: Option<String>,
    /// The person who signed for it; null while waiting.
    #[schema(nullable)]
    pub by: Option<String>,
    /// A rejection's reason; null otherwise.
    #[schema(nullable)]
    pub reason: Option<String>,
}

/// A proposal as a signatory sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalBody {
    #[schema(example = "energy-project-list-1")]
    pub id: String,
    /// `project_list`, `roadmap`, `minutes`, `working_group` or
    /// `dialogue_platform`.
    #[schema(example = "project_list")]
    pub kind: String,
    /// The working group it is for; null for a charter-wide proposal.
    #[schema(nullable)]
    pub group: Option<String>,
    /// The party the caller signs for on it; null if the caller signs none.
    #[schema(nullable)]
    pub my_party: Option<String>,
    /// 1 for the first content, +1 for each amendment.
    pub revision: u32,
    /// The hash an approval must repeat.
    pub content_hash: String,
    #[schema(format = Date)]
    pub made_on: String,
    /// The exact content, as recorded (`kind` and its fields).
    #[schema(value_type = Object)]
    pub content: Value,
    pub parties: Vec<PositionBody>,
    #[schema(format = Date, nullable)]
    pub adopted_on: Option<String>,
    #[schema(format = Date, nullable)]
    pub withdrawn_on: Option<String>,
}

/// What waits for the caller's party, and what it approved that waits for
/// the other.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApprovalsBody {
    /// The person the token or session acts for.
    pub person: String,
    /// Open proposals my party has not approved.
    pub waiting: Vec<ProposalBody>,
    /// Open proposals my party approved, not yet adopted.
    pub approved: Vec<ProposalBody>,
}

fn kind_of(content: &ProposalContent) -> &'static str {
    match content {
        ProposalContent::Recorded { act, .. } => kind_of(act),
        ProposalContent::ProjectList { .. } => "project_list",
        ProposalContent::Roadmap { .. } => "roadmap",
        ProposalContent::Minutes { .. } => "minutes",
        ProposalContent::WorkingGroup { .. } => "working_group",
        ProposalContent::DialoguePlatform { .. } => "dialogue_platform",
        ProposalContent::GroupScope { .. } => "group_scope",
        ProposalContent::ProjectAmendment { .. } => "project_amendment",
    }
}

fn proposal_body(signed: SignedProposal) -> ProposalBody {
    let SignedProposal {
        record,
        my_party,
        parties,
        ..
    } = signed;
    let agreement = &record.agreement;
    let parties = parties
        .into_iter()
        .map(|party| {
            if let Some(a) = agreement.approvals.get(&party) {
                PositionBody {
                    party: party.to_string(),
                    state: PositionState::Approved,
                    on: Some(a.on.to_string()),
                    by: Some(a.by.person.to_string()),
                    reason: None,
                }
            } else if let Some(r) = agreement.rejections.get(&party) {
                PositionBody {
                    party: party.to_string(),
                    state: PositionState::Rejected,
                    on: Some(r.on.to_string()),
                    by: Some(r.by.person.to_string()),
                    reason: Some(r.reason.clone()),
                }
            } else {
                PositionBody {
                    party: party.to_string(),
                    state: PositionState::Waiting,
                    on: None,
                    by: None,
                    reason: None,
                }
            }
        })
        .collect();
    ProposalBody {
        id: record.id.to_string(),
        kind: kind_of(&record.content).to_owned(),
        group: match &agreement.scope {
            Scope::Charter => None,
            Scope::WorkingGroup(g) => Some(g.to_string()),
        },
        my_party: my_party.map(|p| p.to_string()),
        revision: agreement.revision,
        content_hash: agreement.content_hash.clone(),
        made_on: record.made_on.to_string(),
        content: serde_json::to_value(&record.content).unwrap_or(Value::Null),
        parties,
        adopted_on: agreement.adopted_on.map(|d| d.to_string()),
        withdrawn_on: agreement.withdrawn_on.map(|d| d.to_string()),
    }
}

/// The proposal `id` as `person` signs it, after an act on it.
pub(crate) fn signed_view(
    state: &AppState,
    person: &PersonId,
    id: &ProposalId,
) -> Result<ProposalBody, WebError> {
    state
        .app
        .proposal_as_signed_by(person, id)
        .map(proposal_body)
        .ok_or_else(|| WebError::NotFound {
            what: "proposal",
            id: id.to_string(),
        })
}

fn milestone_spec(m: MilestoneRequest) -> Result<MilestoneSpec, WebError> {
    if m.id.trim().is_empty() {
        return Err(WebError::bad_request("invalid", "a milestone needs an id"));
    }
    let due = m.due.parse().map_err(|_| {
        WebError::bad_request(
            "invalid",
            format!(
                "milestone {:?}: {:?} is not a date such as 2027-03-01",
                m.id, m.due
            ),
        )
    })?;
    Ok(MilestoneSpec {
        id: MilestoneId::new(m.id),
        title: m.title.into(),
        project: m.project.filter(|p| !p.is_empty()).map(ProjectId::new),
        due,
        depends_on: m.depends_on.into_iter().map(MilestoneId::new).collect(),
    })
}

/// What a request proposes: a project list or a roadmap.
enum Proposed {
    ProjectList(Vec<ProjectId>),
    Roadmap(Vec<MilestoneSpec>),
}

fn proposed(request: ProposeFields) -> Result<Proposed, WebError> {
    match (request.projects, request.milestones) {
        (Some(projects), None) => Ok(Proposed::ProjectList(
            projects.into_iter().map(ProjectId::new).collect(),
        )),
        (None, Some(milestones)) => Ok(Proposed::Roadmap(
            milestones
                .into_iter()
                .map(milestone_spec)
                .collect::<Result<_, _>>()?,
        )),
        _ => Err(WebError::bad_request(
            "invalid",
            "give either `projects` (a project list) or `milestones` (a roadmap)",
        )),
    }
}

/// Proposes a working group's project list or roadmap, and approves it for
/// the caller's party at once if asked (both acts or neither).
#[utoipa::path(
    post,
    path = "/api/v1/groups/{id}/proposals",
    tag = "approvals",
    operation_id = "propose",
    params(("id" = String, Path, description = "The working group's id", example = "energy")),
    request_body = ProposeRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The proposal, recorded", body = ProposalBody),
        (status = 400, description = "Neither or both of `projects` and `milestones`, a bad date, or a malformed body", body = ErrorBody),
        (status = 401, description = "No person: a token or a session is needed (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "A read-only token, a missing CSRF token, or not the caller's to propose", body = ErrorBody),
        (status = 404, description = "No such working group or project (`not_found`)", body = ErrorBody),
        (status = 409, description = "The proposal exists already", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`invalid`, `agreement`, …)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn propose(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(group): Path<String>,
    Json(request): Json<ProposeFields>,
) -> Result<(StatusCode, Json<ProposalBody>), WebError> {
    let approve = request.approve;
    let past = past_act(request.took_effect_on.as_deref(), request.evidence.clone())?;
    let proposed = proposed(request)?;
    let (now, actor, group) = ((state.clock)(), identity.actor(), GroupId::new(group));
    let proposal = state
        .blocking(move |app| match proposed {
            Proposed::ProjectList(projects) => {
                app.propose_project_list(&actor, group, projects, approve, past, now)
            }
            Proposed::Roadmap(milestones) => {
                app.propose_roadmap(&actor, group, milestones, approve, past, now)
            }
        })
        .await??;
    let body = signed_view(&state, &identity.person, &proposal)?;
    Ok((StatusCode::CREATED, Json(body)))
}

/// The date an act took effect and its evidence: both, or neither.
fn past_act(
    took_effect_on: Option<&str>,
    evidence: Option<EvidenceRequest>,
) -> Result<Option<accord_app::signing::PastAct>, WebError> {
    match (took_effect_on, evidence) {
        (None, None) => Ok(None),
        (Some(date), Some(evidence)) => Ok(Some(accord_app::signing::PastAct {
            took_effect_on: crate::api::date_field("took_effect_on", date)?,
            evidence: accord_domain::event::Evidence {
                meeting: evidence.meeting.trim().into(),
                sha256: evidence.sha256.trim().to_lowercase(),
            },
        })),
        _ => Err(WebError::bad_request(
            "invalid",
            "took_effect_on and evidence: an act recorded after it took effect needs both the date and the document that shows it",
        )),
    }
}

/// What waits for the caller's party to sign, with its exact content and
/// content hash, and what the caller's party approved that waits for the
/// other.
#[utoipa::path(
    get,
    path = "/api/v1/approvals",
    tag = "approvals",
    operation_id = "approvals",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The open proposals the caller signs", body = ApprovalsBody),
        (status = 401, description = "No person: a token or a session is needed (`login_required`, `bad_token`)", body = ErrorBody),
    )
)]
pub async fn approvals(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
) -> Json<ApprovalsBody> {
    let person = identity.person;
    let desk = state.app.signing_desk(&person, 0);
    Json(ApprovalsBody {
        person: person.to_string(),
        waiting: desk.waiting.into_iter().map(proposal_body).collect(),
        approved: desk.approved.into_iter().map(proposal_body).collect(),
    })
}

/// Records `command` on proposal `id` for the caller, and answers with the
/// proposal as it now stands.
async fn act(
    state: &AppState,
    identity: Identity,
    id: ProposalId,
    command: Command,
) -> Result<Json<ProposalBody>, WebError> {
    state.execute(identity.actor(), command).await?;
    Ok(Json(signed_view(state, &identity.person, &id)?))
}

/// Approves a proposal for the caller's party: the content hash must be
/// the proposal's current one (else `stale_content`).
#[utoipa::path(
    post,
    path = "/api/v1/proposals/{id}/approve",
    tag = "approvals",
    operation_id = "approve",
    params(("id" = String, Path, description = "The proposal's id", example = "energy-project-list-1")),
    request_body = ApproveRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The proposal, approved (adopted once every party approved)", body = ProposalBody),
        (status = 400, description = "A malformed body", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "A read-only token, a missing CSRF token, or not the caller's to sign (`not_signatory`)", body = ErrorBody),
        (status = 404, description = "No such proposal (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`stale_content`, `agreement`)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn approve(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Json(request): Json<ApproveRequest>,
) -> Result<Json<ProposalBody>, WebError> {
    let proposal = ProposalId::new(id);
    let command = Command::Approve {
        proposal: proposal.clone(),
        content_hash: request.content_hash,
    };
    act(&state, identity, proposal, command).await
}

/// Rejects a proposal for the caller's party, with a reason.
#[utoipa::path(
    post,
    path = "/api/v1/proposals/{id}/reject",
    tag = "approvals",
    operation_id = "reject",
    params(("id" = String, Path, description = "The proposal's id", example = "energy-project-list-1")),
    request_body = RejectRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The proposal, rejected by the caller's party", body = ProposalBody),
        (status = 400, description = "A malformed body", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "A read-only token, a missing CSRF token, or not the caller's to sign (`not_signatory`)", body = ErrorBody),
        (status = 404, description = "No such proposal (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`invalid`, `agreement`)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn reject(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Json(request): Json<RejectRequest>,
) -> Result<Json<ProposalBody>, WebError> {
    let proposal = ProposalId::new(id);
    let command = Command::Reject {
        proposal: proposal.clone(),
        reason: request.reason,
    };
    act(&state, identity, proposal, command).await
}

/// Withdraws the caller's party's approval of an open proposal.
#[utoipa::path(
    post,
    path = "/api/v1/proposals/{id}/withdraw-approval",
    tag = "approvals",
    operation_id = "withdraw_approval",
    params(("id" = String, Path, description = "The proposal's id", example = "energy-project-list-1")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The proposal, without the caller's party's approval", body = ProposalBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "A read-only token, a missing CSRF token, or not the caller's to sign (`not_signatory`)", body = ErrorBody),
        (status = 404, description = "No such proposal (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`agreement`: closed, or nothing to withdraw)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn withdraw_approval(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
) -> Result<Json<ProposalBody>, WebError> {
    let proposal = ProposalId::new(id);
    let command = Command::WithdrawApproval {
        proposal: proposal.clone(),
    };
    act(&state, identity, proposal, command).await
}

/// Withdraws an open proposal for both parties: a signatory of either party
/// on it ends it (it is then neither adoptable nor open).
#[utoipa::path(
    post,
    path = "/api/v1/proposals/{id}/withdraw",
    tag = "approvals",
    operation_id = "withdraw_proposal",
    params(("id" = String, Path, description = "The proposal's id", example = "energy-project-list-1")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The proposal, withdrawn", body = ProposalBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "A read-only token, a missing CSRF token, or not the caller's to sign (`not_signatory`)", body = ErrorBody),
        (status = 404, description = "No such proposal (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request", body = ErrorBody),
        (status = 422, description = "The rules refuse it (`agreement`: already adopted or withdrawn)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn withdraw_proposal(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
) -> Result<Json<ProposalBody>, WebError> {
    let proposal = ProposalId::new(id);
    let command = Command::WithdrawProposal {
        proposal: proposal.clone(),
    };
    act(&state, identity, proposal, command).await
}
