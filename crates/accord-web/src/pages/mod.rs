//! The HTML pages: one module per page, each with its template struct (a
//! view model) and its handler. Templates live in `templates/`, all extend
//! `base.html`, and never see a domain value: handlers translate the
//! application's answers into view models first.

pub mod admin;
pub mod approvals;
pub mod calendar;
pub mod charter;
pub mod dashboard;
pub mod error;
pub mod exports;
pub mod form_fields;
pub mod group;
pub mod group_new;
pub mod login;
pub mod meeting;
pub mod meetings;
pub mod milestone_title;
pub mod project;
pub mod project_acts;
pub mod project_documents;
pub mod project_fields;
pub mod project_history;
pub mod project_new;
pub mod proposals;
pub mod public;
pub mod record;
pub mod report;
pub mod roadmap;
pub mod search;
pub mod setup;

use askama::Template;
use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{Html, IntoResponse};
use axum::routing::get;

use crate::{AppState, WebError};

/// The stylesheet, embedded in the binary.
const STYLE: &str = include_str!("../../static/style.css");
/// htmx 2 (Zero-Clause BSD, `static/htmx.LICENSE`), embedded: a few forms
/// and links swap part of the page instead of loading a new one. Every one
/// of them works without it, as a plain form or link.
const HTMX: &str = include_str!("../../static/htmx.min.js");

/// The pages' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::page))
        .route("/charter", get(charter::page))
        .route("/groups/{id}", get(group::page))
        .route("/public", get(public::page))
        .route("/projects/{id}", get(project::page))
        .route("/meetings", get(meetings::page))
        .route("/meetings/{id}", get(meeting::page))
        .route("/record", get(record::page))
        .route("/search", get(search::page))
        .route("/record/checkpoint.txt", get(record::checkpoint_file))
        .route("/record/proof/{file}", get(record::tlog_proof_file))
        .route("/reports/annual/{year}", get(report::page))
        .route("/exports/{format}", get(exports::download))
        .route("/public/exports/{format}", get(exports::public_download))
        .route("/calendar/{file}", get(exports::feed))
        .route("/static/style.css", get(style))
        .route("/static/htmx.min.js", get(htmx))
        .route("/static/report.css", get(report_style))
}

/// This site's origin as the browser reached it (`https://host:port`), for
/// links shown to be copied elsewhere (invitations, calendar feeds); none
/// when the request names no host, or one with characters a host cannot
/// have.
pub(crate) fn site_origin(
    headers: &axum::http::HeaderMap,
    tls: crate::auth::OverTls,
) -> Option<String> {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })?;
    Some(format!("{}://{host}", if tls.0 { "https" } else { "http" }))
}

/// Renders a page's template.
pub fn render(template: &impl Template) -> Result<Html<String>, WebError> {
    template
        .render()
        .map(Html)
        .map_err(|e| WebError::Internal(format!("a template failed: {e}")))
}

async fn htmx() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=86400"),
        ],
        HTMX,
    )
}

async fn style() -> impl IntoResponse {
    stylesheet(STYLE)
}

async fn report_style() -> impl IntoResponse {
    stylesheet(report::REPORT_STYLE)
}

fn stylesheet(css: &'static str) -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        css,
    )
}
