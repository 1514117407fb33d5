//! `GET /api/v1/search`: what the viewer may see that matches a query.

use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::SearchBody;
use crate::error::ErrorBody;
use crate::{AppState, CurrentViewer, WebError};

/// How many hits of each kind an answer holds when `?limit=` is not given.
pub const DEFAULT_LIMIT: usize = 50;
/// The most hits of each kind one answer may hold.
pub const MAX_LIMIT: usize = 200;

/// `?q=&limit=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find, all of them, ignoring case and accents (at most 200
    /// characters); an empty query finds nothing.
    #[param(example = "power line")]
    pub q: Option<String>,
    /// How many hits of each kind to return (1 to 200, default 50).
    #[param(minimum = 1, maximum = 200, example = 50)]
    pub limit: Option<usize>,
}

/// The query's search, as the application answers it for `viewer`.
pub fn run(
    state: &AppState,
    viewer: &accord_domain::visibility::Viewer,
    query: &str,
    limit: usize,
) -> Result<accord_app::search::SearchResults, WebError> {
    state
        .app
        .search(viewer, query, limit)
        .map_err(|e| WebError::bad_request(e.code(), e.to_string()))
}

/// Provisions, working groups, projects, milestones and meetings the viewer
/// may see, and (for participants) organisations and people, that match
/// every word of `q`, grouped by kind with each kind's total.
#[utoipa::path(
    get,
    path = "/api/v1/search",
    tag = "search",
    operation_id = "search",
    params(SearchQuery),
    responses(
        (status = 200, description = "What matches, grouped by kind", body = SearchBody),
        (status = 400, description = "The query is over 200 characters (`query_too_long`) or `limit` is out of range (`bad_limit`)", body = ErrorBody),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Query(query): Query<SearchQuery>,
) -> Result<Json<SearchBody>, WebError> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(WebError::bad_request(
            "bad_limit",
            format!("limit must be between 1 and {MAX_LIMIT}"),
        ));
    }
    let text = query.q.unwrap_or_default();
    let results = run(&state, &viewer, &text, limit)?;
    Ok(Json(SearchBody::new(&text, &results)))
}
