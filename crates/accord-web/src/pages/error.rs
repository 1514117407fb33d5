//! The error page: what went wrong in words, its stable code, and a way
//! back. Drawn by `error::render_errors` for any error response to a page
//! request; never a stack trace.

use askama::Template;
use axum::http::Uri;

use crate::error::Shown;
use crate::lang::Lang;
use crate::view::{Layout, Section};

#[derive(Debug, Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub page: Layout,
    pub heading: String,
    pub explanation: String,
    pub status: u16,
    pub code: &'static str,
    pub message: String,
}

/// The error page for `shown`, in `lang`.
pub fn error_page(lang: Lang, uri: &Uri, shown: &Shown) -> String {
    let tr = lang.tr();
    let (heading, explanation) = if shown.status == axum::http::StatusCode::NOT_FOUND {
        (tr.t("not-found-title"), tr.t("not-found-text"))
    } else if shown.status.is_server_error() {
        (tr.t("server-error-title"), tr.t("server-error-text"))
    } else {
        (tr.t("request-error-title"), tr.t("request-error-text"))
    };
    let page = ErrorPage {
        page: Layout::new(lang, uri, heading.clone(), Section::None),
        heading,
        explanation,
        status: shown.status.as_u16(),
        code: shown.code,
        message: shown.message.clone(),
    };
    page.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "the error page failed to render");
        format!(
            "<!doctype html><html lang=\"{}\"><title>{}</title><h1>{}</h1><p>{}</p></html>",
            lang.code(),
            shown.status.as_u16(),
            shown.status.as_u16(),
            shown.code
        )
    })
}
