//! The JSON API under `/api/v1`: what the pages show, for scripts.
//!
//! Each handler is registered with `utoipa_axum::routes!`, which puts it in
//! the router and in the OpenAPI 3.1 document at the same time, so the
//! document cannot forget a route. Errors are `{"error": {"code",
//! "message"}}` with the status the code calls for (`error` module).

pub mod acts;
pub mod agreement;
mod body;
pub mod docs;
pub mod documents;
pub mod measurements_import;
pub mod meetings;
pub mod project_acts;
pub mod projects_detail;
pub mod record;
pub mod roadmap;
pub mod search;

use std::sync::LazyLock;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;
use serde::Deserialize;
use utoipa::{IntoParams, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use body::*;

use agreement::SecurityAddon;

use crate::error::ErrorBody;
use crate::{AppState, CurrentViewer, WebError};

/// Where the OpenAPI document is served.
pub const DOCUMENT_PATH: &str = "/api/openapi.json";
/// Where the API's documentation page is served.
pub const DOCS_PATH: &str = "/api/docs";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "accord",
        description = "The record of carrying out a strategic-partnership charter: its rules on any date, its provisions, working groups and projects. Every answer is filtered by who asks; without an account, the public's view.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    components(schemas(ErrorBody)),
    modifiers(&SecurityAddon),
    tags(
        (name = "status", description = "The charter's rules on an as-of date"),
        (name = "charter", description = "The charter's provisions and who cites them"),
        (name = "groups", description = "Working groups and dialogue platforms"),
        (name = "projects", description = "Projects, as the viewer may see them"),
        (name = "meetings", description = "Meetings, their minutes and decisions, and the agenda the state calls for"),
        (name = "approvals", description = "Proposals and their approval by both parties (a person's API token or session)"),
        (name = "record", description = "The signed log: its latest checkpoint and inclusion proofs"),
        (name = "search", description = "Search over what the viewer may see"),
    )
)]
struct ApiDoc;

/// The API's routes, with their OpenAPI description.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(status))
        .routes(routes!(charter))
        .routes(routes!(groups))
        .routes(routes!(group))
        .routes(routes!(projects, project_acts::propose))
        .routes(routes!(projects_detail::project))
        .routes(routes!(project_acts::amend))
        .routes(routes!(project_acts::status))
        .routes(routes!(project_acts::history))
        .routes(routes!(project_acts::complete_milestone))
        .routes(routes!(project_acts::reschedule_milestone))
        .routes(routes!(project_acts::define_indicator))
        .routes(routes!(project_acts::record_measurement))
        .routes(measurements_import::import_route())
        .routes(routes!(roadmap::roadmap))
        .routes(routes!(meetings::meetings, acts::schedule))
        .routes(routes!(acts::meeting))
        .routes(routes!(acts::proposed_agenda))
        .routes(routes!(acts::held))
        .routes(routes!(acts::reschedule))
        .routes(routes!(acts::cancel))
        .routes(routes!(acts::minutes))
        .routes(routes!(acts::actions))
        .routes(routes!(acts::action_done))
        .routes(routes!(acts::propose_platform))
        .routes(routes!(acts::propose_working_group))
        .routes(routes!(acts::propose_scope))
        .routes(documents::upload_route())
        .routes(routes!(documents::download))
        .routes(documents::project_upload_route())
        .routes(routes!(documents::download_from_project))
        .routes(routes!(record::checkpoint))
        .routes(routes!(record::proof))
        .routes(routes!(record::tlog_proof))
        .routes(routes!(search::search))
        .routes(routes!(agreement::propose))
        .routes(routes!(agreement::approvals))
        .routes(routes!(agreement::approve))
        .routes(routes!(agreement::reject))
        .routes(routes!(agreement::withdraw_approval))
        .routes(routes!(agreement::withdraw_proposal))
}

/// The OpenAPI document, built once.
pub fn openapi() -> &'static utoipa::openapi::OpenApi {
    static DOCUMENT: LazyLock<utoipa::openapi::OpenApi> =
        LazyLock::new(|| routes().split_for_parts().1);
    &DOCUMENT
}

/// The document and its documentation page.
pub fn document_routes() -> Router<AppState> {
    Router::new()
        .route(DOCUMENT_PATH, get(document))
        .route(DOCS_PATH, get(docs::page))
}

async fn document() -> impl IntoResponse {
    static JSON: LazyLock<String> = LazyLock::new(|| {
        serde_json::to_string_pretty(openapi()).unwrap_or_else(|_| "{}".to_owned())
    });
    ([(CONTENT_TYPE, "application/json")], JSON.as_str())
}

/// `value` as a date, or a 400 naming `field`.
pub fn date_field(field: &str, value: &str) -> Result<jiff::civil::Date, WebError> {
    value.trim().parse().map_err(|_| {
        WebError::bad_request(
            "invalid",
            format!("{field}: {value:?} is not a date such as 2026-10-01"),
        )
    })
}

/// `?as_of=`: the date the rules are judged on.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsOfQuery {
    /// The as-of date (ISO 8601, `2026-05-10`); default today (UTC).
    #[param(format = Date, example = "2026-05-10")]
    pub as_of: Option<String>,
}

/// The as-of date of `?as_of=`: today when absent, else exactly an ISO 8601
/// date, as the document says (an empty or padded value is refused with
/// `bad_as_of`, where the pages' forms take an empty field as today).
pub fn as_of(given: Option<&str>, today: jiff::civil::Date) -> Result<jiff::civil::Date, WebError> {
    match given {
        None => Ok(today),
        Some(text) if text.is_empty() || text.trim() != text => Err(WebError::bad_request(
            "bad_as_of",
            format!("as_of {text:?} is not a date such as 2026-05-10"),
        )),
        Some(text) => crate::view::as_of(Some(text), today),
    }
}

/// How many projects a page holds when `?limit=` is not given.
pub const DEFAULT_LIMIT: usize = 100;
/// The most projects one page may hold.
pub const MAX_LIMIT: usize = 1000;

/// `?group=`: only the projects of one working group; `?limit=&offset=`:
/// one page of them.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProjectsQuery {
    /// A working group's id (`energy`).
    #[param(example = "energy")]
    pub group: Option<String>,
    /// How many projects to return (1 to 1000, default 100).
    #[param(minimum = 1, maximum = 1000, example = 100)]
    pub limit: Option<usize>,
    /// How many projects to skip, in id order (default 0).
    #[param(minimum = 0, example = 0)]
    pub offset: Option<usize>,
}

/// The charter's rules on an as-of date: each working group's deadlines,
/// the charter meetings, the coverage of the commitments, overdue and
/// slipped milestones, stale projects.
#[utoipa::path(
    get,
    path = "/api/v1/status",
    tag = "status",
    operation_id = "status",
    params(AsOfQuery),
    responses(
        (status = 200, description = "The status report", body = StatusBody),
        (status = 400, description = "`as_of` is not a date (`bad_as_of`)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised (`status`)", body = ErrorBody),
    )
)]
async fn status(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Query(query): Query<AsOfQuery>,
) -> Result<impl IntoResponse, WebError> {
    let as_of = as_of(query.as_of.as_deref(), state.today())?;
    let body = crate::status_cache::json(&state, &viewer, as_of).await?;
    Ok(([(CONTENT_TYPE, "application/json")], body))
}

/// The charter: its provisions in every language version, the projects the
/// viewer may see that cite each, and its obligations.
#[utoipa::path(
    get,
    path = "/api/v1/charter",
    tag = "charter",
    operation_id = "charter",
    responses(
        (status = 200, description = "The charter", body = CharterBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
async fn charter(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Json<CharterBody>, WebError> {
    let view = state
        .app
        .charter_view(&viewer)
        .ok_or_else(not_initialised)?;
    let report = state.app.status(&viewer, state.today())?;
    Ok(Json(CharterBody::new(&view, &report.coverage.uncovered)))
}

/// The working groups and dialogue platforms, in the charter's order.
#[utoipa::path(
    get,
    path = "/api/v1/groups",
    tag = "groups",
    operation_id = "groups",
    responses((status = 200, description = "The working groups", body = Vec<GroupBody>))
)]
async fn groups(State(state): State<AppState>) -> Json<Vec<GroupBody>> {
    Json(state.app.groups_map(|g| GroupBody::from(g)))
}

/// One working group and the projects of it the viewer may see.
#[utoipa::path(
    get,
    path = "/api/v1/groups/{id}",
    tag = "groups",
    operation_id = "group",
    params(("id" = String, Path, description = "The working group's id", example = "energy")),
    responses(
        (status = 200, description = "The working group", body = GroupDetailBody),
        (status = 404, description = "No such working group (`not_found`)", body = ErrorBody),
    )
)]
async fn group(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Json<GroupDetailBody>, WebError> {
    let view = state
        .app
        .group_view(&viewer, &id.as_str().into())
        .ok_or(WebError::NotFound {
            what: "working group",
            id,
        })?;
    Ok(Json(GroupDetailBody {
        group: GroupBody::from(&view.group),
        projects: view.projects.iter().map(ProjectBody::from).collect(),
    }))
}

/// The projects the viewer may see, in id order, a page at a time: at most
/// `limit` (default 100), from `offset`. `X-Total-Count` says how many there
/// are in all, and `Link: <…>; rel="next"` gives the next page's address
/// while there is one.
#[utoipa::path(
    get,
    path = "/api/v1/projects",
    tag = "projects",
    operation_id = "projects",
    params(ProjectsQuery),
    responses(
        (status = 200, description = "One page of the projects", body = Vec<ProjectBody>,
            headers(
                ("X-Total-Count" = u64, description = "How many projects match, on all pages"),
                ("Link" = String, description = "`<address>; rel=\"next\"`: the next page, when there is one"),
            )),
        (status = 400, description = "`limit` is out of range (`bad_limit`)", body = ErrorBody),
        (status = 404, description = "No such working group (`not_found`)", body = ErrorBody),
    )
)]
async fn projects(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Query(query): Query<ProjectsQuery>,
) -> Result<impl IntoResponse, WebError> {
    let group = query
        .group
        .filter(|g| !g.is_empty())
        .map(accord_domain::ids::GroupId::new);
    if let Some(g) = &group
        && !state.app.groups().iter().any(|known| known.spec.id == *g)
    {
        return Err(WebError::NotFound {
            what: "working group",
            id: g.to_string(),
        });
    }
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(WebError::BadRequest {
            code: "bad_limit",
            message: format!("limit must be between 1 and {MAX_LIMIT}"),
        });
    }
    let offset = query.offset.unwrap_or(0);
    let (body, total) = state
        .app
        .projects_page_map(&viewer, group.as_ref(), offset, limit, |p| {
            ProjectBody::from(p)
        });
    let mut headers = axum::http::HeaderMap::new();
    headers.insert("x-total-count", total.into());
    let end = offset.saturating_add(body.len());
    if end < total {
        let group = group.map(|g| format!("group={g}&")).unwrap_or_default();
        let next = format!("</api/v1/projects?{group}limit={limit}&offset={end}>; rel=\"next\"");
        if let Ok(value) = axum::http::HeaderValue::from_str(&next) {
            headers.insert(axum::http::header::LINK, value);
        }
    }
    Ok((headers, Json(body)))
}

fn not_initialised() -> WebError {
    WebError::App(accord_app::AppError::Status(
        accord_domain::rules::StatusError::NotInitialised,
    ))
}
