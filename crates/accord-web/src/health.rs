//! The operator's probes, without a session: `/healthz` (the process
//! answers) and `/readyz` (the store answers: the process caught up with it
//! just now, on the blocking pool, and its log was verified when it opened).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::AppState;

/// `GET /healthz`: the process answers.
pub async fn healthz() -> Response {
    (StatusCode::OK, Json(json!({"status": "ok"}))).into_response()
}

/// `GET /readyz`: 200 when the store answers (the process then holds every
/// entry it has), else 503 with the reason's code.
pub async fn readyz(State(state): State<AppState>) -> Response {
    match state
        .blocking(|app| app.catch_up().map(|_| app.size()))
        .await
    {
        Ok(Ok(size)) => (
            StatusCode::OK,
            Json(json!({"status": "ready", "size": size})),
        )
            .into_response(),
        Ok(Err(e)) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "unavailable", "code": e.code()})),
        )
            .into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "unavailable", "code": "internal"})),
        )
            .into_response(),
    }
}
