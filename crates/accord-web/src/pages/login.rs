//! `/login` and `/logout`: a password form that opens a session, and a
//! button that ends it. Failed attempts are limited per account and per
//! client address, with counts every process shares; the answer never
//! says which of email or password was wrong.

use askama::Template;
use axum::Form;
use axum::extract::{OriginalUri, Query};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::WebError;
use crate::auth::forms::{local_path, see_other};
use crate::auth::{
    Auth, ClientAddress, CsrfToken, Identity, OverTls, attempt_keys, end_session_cookie,
    session_cookies,
};
use crate::lang::Lang;
use crate::pages::render;
use crate::view::{Layout, Section};

#[derive(Debug, Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub page: Layout,
    pub csrf: String,
    pub next: String,
    pub email: String,
    pub failed: bool,
    pub signed_in_as: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    pub next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    pub next: Option<String>,
}

fn login_page(
    lang: Lang,
    uri: &axum::http::Uri,
    csrf: String,
    next: String,
    email: String,
    failed: bool,
    signed_in_as: Option<String>,
) -> Result<Response, WebError> {
    let tr = lang.tr();
    Ok(render(&LoginPage {
        page: Layout::new(lang, uri, tr.t("login-title"), Section::Login),
        csrf,
        next,
        email,
        failed,
        signed_in_as,
    })?
    .into_response())
}

pub async fn page(
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    identity: Option<axum::Extension<Identity>>,
    Query(query): Query<NextQuery>,
) -> Result<Response, WebError> {
    let next = local_path(query.next.as_deref(), "/approvals");
    let signed_in_as = identity.map(|i| i.0.person.to_string());
    login_page(lang, &uri, csrf, next, String::new(), false, signed_in_as)
}

pub async fn submit(
    auth: Auth,
    lang: Lang,
    tls: OverTls,
    address: ClientAddress,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let next = local_path(form.next.as_deref(), "/approvals");
    let keys = attempt_keys(&form.email, &address);
    if let Some(refusal) = auth.begin_attempt(&keys).await? {
        return Ok(refusal.into_response());
    }
    let email = form.email.clone();
    let password = form.password;
    let person = auth
        .call(move |accounts, _| accounts.check_password(&email, &password))
        .await?;
    if person.is_none() {
        auth.attempt_failed();
        return login_page(lang, &uri, csrf, next, form.email, true, None);
    }
    auth.attempt_succeeded(&keys).await?;
    let email = form.email;
    let session = auth
        .call(move |accounts, now| accounts.open_session(&email, now))
        .await?;
    Ok(see_other(&next, session_cookies(&session, tls)))
}

pub async fn logout(
    auth: Auth,
    tls: OverTls,
    headers: axum::http::HeaderMap,
) -> Result<Response, WebError> {
    if let Some(token) = crate::auth::cookie::read(&headers, crate::auth::cookie::SESSION) {
        auth.call(move |accounts, _| accounts.close_session(&token))
            .await?;
    }
    Ok(see_other(
        "/",
        end_session_cookie(tls).into_iter().collect(),
    ))
}
