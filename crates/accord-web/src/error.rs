//! The web application's one error type, and its one mapping to HTTP.
//!
//! A handler returns `Result<_, WebError>`. Turning a `WebError` into a
//! response gives it a status code and a stable code (the same codes as
//! `AppError::code()` and `DomainError::code()`, plus a few of the web's
//! own), and a JSON body `{"error": {"code": "...", "message": "..."}}`.
//! The `render_errors` middleware then shows the same error as an HTML page
//! to a page request, in the user's language; it also dresses axum's own
//! bare error responses (an unknown method, a malformed path) the same way,
//! so that no error leaves the server without a code.
//!
//! A user's mistake is explained and not logged as an error. A fault of the
//! server (a store that cannot be read, a template that fails) is logged in
//! full and shown only by its code: never a message from inside, never a
//! stack trace.

use accord_app::AppError;
use accord_domain::decide::DomainError;
use accord_domain::rules::StatusError;
use accord_store::LedgerError;
use axum::Json;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::lang::Lang;
use crate::pages::error::error_page;
use crate::request_id::RequestId;

/// The code of every answer given while the database cannot be reached.
pub const STORE_UNAVAILABLE: &str = "store_unavailable";

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// No route answers this path.
    #[error("there is no page at this address")]
    NoRoute,
    /// The route exists, the thing it names does not.
    #[error("{what} {id:?} does not exist")]
    NotFound { what: &'static str, id: String },
    /// The request itself is malformed (a date that is not a date).
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    /// What the application answered.
    #[error(transparent)]
    App(#[from] AppError),
    /// The database cannot be reached now (PostgreSQL down or restarting):
    /// 503 with the code `store_unavailable`, worth trying again shortly.
    #[error("the database cannot be reached just now: try again in a moment")]
    Unavailable,
    /// A fault of this server (a template that failed, a task that died).
    #[error("internal error: {0}")]
    Internal(String),
}

impl WebError {
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> WebError {
        WebError::BadRequest {
            code,
            message: message.into(),
        }
    }

    /// The stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            WebError::NoRoute | WebError::NotFound { .. } => "not_found",
            WebError::BadRequest { code, .. } => code,
            WebError::App(e) => e.code(),
            WebError::Unavailable => STORE_UNAVAILABLE,
            WebError::Internal(_) => "internal",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NoRoute | WebError::NotFound { .. } => StatusCode::NOT_FOUND,
            WebError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            WebError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            WebError::App(e) if e.is_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
            WebError::App(e) => match e {
                AppError::Refused(refusal) => match refusal {
                    DomainError::NotFound { .. } => StatusCode::NOT_FOUND,
                    DomainError::Forbidden(_) => StatusCode::FORBIDDEN,
                    DomainError::NotInitialised => StatusCode::SERVICE_UNAVAILABLE,
                    DomainError::AlreadyExists { .. }
                    | DomainError::AlreadyInitialised
                    | DomainError::CoChairTaken { .. } => StatusCode::CONFLICT,
                    other if other.code() == "not_signatory" => StatusCode::FORBIDDEN,
                    _ => StatusCode::UNPROCESSABLE_ENTITY,
                },
                AppError::Import(_) => StatusCode::UNPROCESSABLE_ENTITY,
                AppError::Status(StatusError::NotInitialised) => StatusCode::SERVICE_UNAVAILABLE,
                AppError::Ledger(LedgerError::Refused(_)) | AppError::Tampered { .. } => {
                    StatusCode::SERVICE_UNAVAILABLE
                }
                AppError::Ledger(l) if l.conflict().is_some() => StatusCode::CONFLICT,
                // A party's node: acts are recorded on the primary.
                AppError::Ledger(LedgerError::ReadOnly { .. }) => StatusCode::FORBIDDEN,
                AppError::Replica(_) => StatusCode::BAD_GATEWAY,
                AppError::Ledger(_)
                | AppError::Store(_)
                | AppError::BadEntry { .. }
                | AppError::Status(_) => StatusCode::INTERNAL_SERVER_ERROR,
                AppError::Documents(_) => StatusCode::INTERNAL_SERVER_ERROR,
            },
        }
    }

    /// What the user is told: the error itself when it is theirs to fix,
    /// only a generic sentence when it is the server's.
    fn public_message(&self, status: StatusCode) -> String {
        if self.code() == STORE_UNAVAILABLE {
            WebError::Unavailable.to_string()
        } else if status.is_server_error() && status != StatusCode::SERVICE_UNAVAILABLE {
            "the server could not answer; the fault is logged under this code".to_owned()
        } else {
            self.to_string()
        }
    }
}

/// The error as it is shown: kept in the response's extensions so that the
/// HTML error page can be drawn from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

/// The API's error body.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable, machine-readable code (`not_found`, `bad_as_of`, …).
    #[schema(example = "not_found")]
    pub code: String,
    /// What went wrong, for a person.
    pub message: String,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        if self.code() == STORE_UNAVAILABLE {
            tracing::warn!(code = self.code(), error = %self, "request failed");
        } else if status.is_server_error() {
            tracing::error!(code = self.code(), error = %self, "request failed");
        }
        let mut response = shown_response(Shown {
            status,
            code: self.code(),
            message: self.public_message(status),
        });
        if self.code() == STORE_UNAVAILABLE {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

fn shown_response(shown: Shown) -> Response {
    let body = ErrorBody {
        error: ErrorDetail {
            code: shown.code.to_owned(),
            message: shown.message.clone(),
        },
    };
    let mut response = (shown.status, Json(body)).into_response();
    response.extensions_mut().insert(shown);
    response
}

/// The code for an error response that axum made by itself.
fn code_for(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        s if s.is_server_error() => "internal",
        _ => "bad_request",
    }
}

/// Whether a path belongs to the JSON API (errors as JSON bodies).
pub fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Middleware: every error response carries a code, as JSON under `/api`
/// and as an HTML page in the user's language elsewhere.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let api = is_api(request.uri().path()) && request.uri().path() != crate::api::DOCS_PATH;
    let lang = request
        .extensions()
        .get::<Lang>()
        .copied()
        .unwrap_or_default();
    let uri = request.uri().clone();
    let request_id = request.extensions().get::<RequestId>().cloned();
    let response = next.run(request).await;
    let status = response.status();
    if !status.is_client_error() && !status.is_server_error() {
        return response;
    }
    let response = if response.extensions().get::<Shown>().is_some() {
        response
    } else {
        // axum's own rejection: keep its status and headers, give it a code.
        let (parts, _) = response.into_parts();
        let mut rebuilt = shown_response(Shown {
            status,
            code: code_for(status),
            message: status.canonical_reason().unwrap_or("error").to_lowercase(),
        });
        for (name, value) in &parts.headers {
            if name != CONTENT_TYPE && name != CONTENT_LENGTH {
                rebuilt.headers_mut().append(name, value.clone());
            }
        }
        rebuilt
    };
    if api {
        response
    } else {
        html(response, lang, &uri, request_id.as_ref())
    }
}

/// Replaces an error response's body with the HTML error page.
/// The page shows the request's id after the message, so that a person
/// can quote it and the operator find the request's log lines.
fn html(response: Response, lang: Lang, uri: &Uri, id: Option<&RequestId>) -> Response {
    let (mut parts, _) = response.into_parts();
    let Some(mut shown) = parts.extensions.get::<Shown>().cloned() else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Some(RequestId(id)) = id {
        shown.message = format!("{} (request {id})", shown.message);
    }
    let page = error_page(lang, uri, &shown);
    parts.headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(page))
}
