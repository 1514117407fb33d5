//! `/account/calendar`: a person's calendar feed. The page says whether a
//! feed exists (and since when), makes a new one (its address is shown
//! once, then only its hash is kept; a new one ends the old), and revokes
//! it. The feed itself is `pages::exports::feed`: what the person may see,
//! as iCalendar, for a calendar program to subscribe to.

use askama::Template;
use axum::extract::OriginalUri;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use crate::WebError;
use crate::auth::{Auth, CsrfToken, OverTls, SignedIn};
use crate::lang::Lang;
use crate::pages::{render, site_origin};
use crate::view::{Layout, Section};

#[derive(Debug, Template)]
#[template(path = "calendar.html")]
pub struct CalendarPage {
    pub page: Layout,
    pub csrf: String,
    /// When the live feed was made (UTC), if there is one.
    pub since: Option<String>,
    /// The new feed's address, shown only right after it is made.
    pub new_url: Option<String>,
    pub revoked: bool,
}

/// The feed's address for `token`, absolute when the request named its host.
fn feed_url(headers: &HeaderMap, tls: OverTls, token: &str) -> String {
    let origin = site_origin(headers, tls).unwrap_or_default();
    format!("{origin}/calendar/{token}.ics")
}

async fn calendar_page(
    auth: &Auth,
    lang: Lang,
    uri: &axum::http::Uri,
    csrf: String,
    person: String,
    new_url: Option<String>,
    revoked: bool,
) -> Result<Response, WebError> {
    let since = auth
        .call(move |a, _| a.calendar_token_issued(&person))
        .await?
        .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
        .map(|at| at.strftime("%Y-%m-%d %H:%M UTC").to_string());
    let tr = lang.tr();
    Ok(render(&CalendarPage {
        page: Layout::new(lang, uri, tr.t("calendar-title"), Section::Meetings),
        csrf,
        since,
        new_url,
        revoked,
    })?
    .into_response())
}

/// `GET /account/calendar`.
pub async fn page(
    auth: Auth,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
) -> Result<Response, WebError> {
    let person = identity.person.to_string();
    calendar_page(&auth, lang, &uri, csrf, person, None, false).await
}

/// `POST /account/calendar`: a new feed (ending the old one), its address
/// shown once.
pub async fn create(
    auth: Auth,
    lang: Lang,
    tls: OverTls,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
) -> Result<Response, WebError> {
    let person = identity.person.to_string();
    let owner = person.clone();
    let token = auth
        .call(move |a, now| a.issue_calendar_token(&owner, now))
        .await?;
    let url = feed_url(&headers, tls, &token);
    calendar_page(&auth, lang, &uri, csrf, person, Some(url), false).await
}

/// `POST /account/calendar/revoke`: the feed stops answering.
pub async fn revoke(
    auth: Auth,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
) -> Result<Response, WebError> {
    let person = identity.person.to_string();
    let owner = person.clone();
    let revoked = auth
        .call(move |a, now| a.revoke_calendar_token(&owner, now))
        .await?;
    calendar_page(&auth, lang, &uri, csrf, person, None, revoked).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use axum::http::header::HOST;

    #[test]
    fn the_feed_address_is_absolute_when_the_host_is_known() {
        let mut headers = HeaderMap::new();
        assert_eq!(feed_url(&headers, OverTls(false), "t"), "/calendar/t.ics");
        headers.insert(HOST, HeaderValue::from_static("accord.example:8080"));
        assert_eq!(
            feed_url(&headers, OverTls(true), "t"),
            "https://accord.example:8080/calendar/t.ics"
        );
        headers.insert(HOST, HeaderValue::from_static("evil.example/x"));
        assert_eq!(feed_url(&headers, OverTls(false), "t"), "/calendar/t.ics");
    }
}
