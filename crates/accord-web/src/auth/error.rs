//! What accounts refuse, each with its status and stable code, answered
//! the way every error of this application is (a JSON body under `/api`,
//! the error page elsewhere, drawn by `error::render_errors`).

use axum::Json;
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::{ErrorBody, ErrorDetail, Shown};

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// A state-changing request without the CSRF token of its session.
    #[error("this form or request carries no CSRF token: reload the page and try again")]
    CsrfMissing,
    /// A CSRF token that is not the session's.
    #[error(
        "this form or request carries a CSRF token of another session: reload the page and try again"
    )]
    CsrfMismatch,
    /// Too many failed logins from this address or for this account.
    #[error("too many failed logins: try again in {seconds} seconds")]
    TooManyAttempts { seconds: u64 },
    /// A page for people who are logged in.
    #[error("log in to see this page")]
    LoginRequired,
    /// An API token that is unknown or revoked.
    #[error("the API token is unknown or revoked")]
    BadToken,
    /// An API token that may only read, on a state-changing request.
    #[error("this API token may only read: issue one with the write scope to record commands")]
    ReadOnlyToken,
    /// Logged in, but without the role the page needs.
    #[error("{0}")]
    Forbidden(String),
    /// The server runs without an accounts store.
    #[error("accounts are not available on this server")]
    Unavailable,
    /// A body too large to look for a CSRF token in.
    #[error("the request's body is too large")]
    TooLarge,
}

impl AuthError {
    pub fn code(&self) -> &'static str {
        match self {
            AuthError::CsrfMissing => "csrf_missing",
            AuthError::CsrfMismatch => "csrf_mismatch",
            AuthError::TooManyAttempts { .. } => "too_many_attempts",
            AuthError::LoginRequired => "login_required",
            AuthError::BadToken => "bad_token",
            AuthError::ReadOnlyToken => "token_read_only",
            AuthError::Forbidden(_) => "forbidden",
            AuthError::Unavailable => "accounts_unavailable",
            AuthError::TooLarge => "payload_too_large",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AuthError::CsrfMissing
            | AuthError::CsrfMismatch
            | AuthError::Forbidden(_)
            | AuthError::ReadOnlyToken => StatusCode::FORBIDDEN,
            AuthError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            AuthError::LoginRequired | AuthError::BadToken => StatusCode::UNAUTHORIZED,
            AuthError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AuthError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        }
    }
}

impl IntoResponse for AuthError {
    fn into_response(self) -> Response {
        let shown = Shown {
            status: self.status(),
            code: self.code(),
            message: self.to_string(),
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code: shown.code.to_owned(),
                message: shown.message.clone(),
            },
        };
        let mut response = (shown.status, Json(body)).into_response();
        if let AuthError::TooManyAttempts { seconds } = self
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(RETRY_AFTER, value);
        }
        response.extensions_mut().insert(shown);
        response
    }
}
