//! What the account and approval forms share: the redirect after a
//! successful POST (so that reloading does not post again), the rules'
//! refusals shown on the page rather than as an error, and the local
//! addresses a form may send the user on to.

use accord_app::AppError;
use axum::http::StatusCode;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::response::{IntoResponse, Response};

use crate::WebError;

/// `303 See Other` to `path`, with cookies to set.
pub fn see_other(path: &str, cookies: Vec<axum::http::HeaderValue>) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = axum::http::HeaderValue::from_str(path) {
        response.headers_mut().insert(LOCATION, value);
    }
    for cookie in cookies {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    response
}

/// A refusal to show on the form's page: its stable code and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: String,
    pub message: String,
}

/// The refusal in `error` when it is the rules' (or the user's input's),
/// else the error itself, for the error page.
pub fn refusal(error: WebError) -> Result<Refusal, WebError> {
    match &error {
        WebError::App(AppError::Refused(e)) => Ok(Refusal {
            code: e.code().to_owned(),
            message: e.to_string(),
        }),
        WebError::BadRequest { code, message } => Ok(Refusal {
            code: (*code).to_owned(),
            message: message.clone(),
        }),
        _ => Err(error),
    }
}

/// `next` when it is a path of this site, else `fallback`: a login form
/// never sends anyone to another site.
pub fn local_path(next: Option<&str>, fallback: &str) -> String {
    match next.map(str::trim) {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path.to_owned()
        }
        _ => fallback.to_owned(),
    }
}

/// An id made from a name: lowercase ASCII letters and digits joined by
/// hyphens (`Ministry of Energy` → `ministry-of-energy`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/approvals"), "/"), "/approvals");
        assert_eq!(local_path(Some("//evil.example"), "/"), "/");
        assert_eq!(local_path(Some("https://evil.example"), "/"), "/");
        assert_eq!(local_path(None, "/x"), "/x");
    }

    #[test]
    fn slugs_keep_letters_and_digits() {
        assert_eq!(slug("Ministry of Energy"), "ministry-of-energy");
        assert_eq!(slug("  Aysel Məmmədova "), "aysel-m-mm-dova");
        assert_eq!(slug("U.S. Department of State"), "u-s-department-of-state");
    }
}
