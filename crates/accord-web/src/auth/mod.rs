//! Who is making a request, and whether they may change anything.
//!
//! The `authenticate` middleware runs before every handler:
//!
//! 1. It finds the identity: an API token (`Authorization: Bearer …`), or
//!    the session cookie, looked up (hashed) in the accounts store. None
//!    means the public. `CurrentViewer` turns it into the viewer every
//!    query filters by.
//! 2. It finds the request's CSRF token: the session's, or for a visitor
//!    without a session a random value kept in a cookie of its own (set on
//!    the first page), which the login and setup forms repeat.
//! 3. A state-changing request (POST, PUT, PATCH, DELETE) must carry that
//!    token, in the form field `csrf` or the `X-CSRF-Token` header, or it
//!    is refused (403, `csrf_missing` or `csrf_mismatch`): on any route
//!    when it comes with a session cookie (what a forged cross-site request
//!    would ride on), and always on the forms of accounts and signing
//!    (`require_csrf`, so that nobody is logged in by another site). A
//!    request with an API token is exempt: a browser never adds one. A
//!    token of the `read` scope changes nothing (403, `token_read_only`).
//!
//! Session cookies are `HttpOnly`, `SameSite=Strict`, path `/`, and
//! `Secure` when the request came over TLS (or through a proxy that says
//! `X-Forwarded-Proto: https`). Failed logins are limited per account and
//! per client address (`rate_limit`), counted in the accounts store so
//! that every process on one database sees the same counts.

pub mod cookie;
pub mod error;
pub mod forms;
mod multipart_csrf;
pub mod rate_limit;
pub mod routes;

use std::net::SocketAddr;
use std::sync::Arc;

use accord_domain::command::Actor;
use accord_domain::ids::PersonId;
use accord_domain::visibility::Viewer;
use accord_store::accounts::{AccountError, Accounts, NewSession, Scope, normalise_email, secret};
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;

pub use error::AuthError;
use rate_limit::RateLimiter;

use crate::WebError;

/// The largest form body searched for a CSRF token.
const MAX_FORM_BYTES: usize = 1 << 20;
/// The name of the form field and of the header that carry the CSRF token.
pub const CSRF_FIELD: &str = "csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The accounts side of the application, shared by every request.
#[derive(Clone)]
pub struct Auth {
    accounts: Option<Arc<Accounts>>,
    limiter: Arc<RateLimiter>,
    clock: fn() -> Timestamp,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("accounts", &self.accounts.is_some())
            .finish_non_exhaustive()
    }
}

impl Auth {
    /// Accounts kept in `accounts`.
    pub fn new(accounts: Arc<Accounts>) -> Auth {
        Auth {
            accounts: Some(accounts),
            limiter: Arc::default(),
            clock: Timestamp::now,
        }
    }

    /// No accounts: everyone is the public, and logging in is unavailable.
    pub fn without_accounts() -> Auth {
        Auth {
            accounts: None,
            limiter: Arc::default(),
            clock: Timestamp::now,
        }
    }

    /// The same accounts, read with `clock` (the application's).
    pub fn with_clock(mut self, clock: fn() -> Timestamp) -> Auth {
        self.clock = clock;
        self
    }

    /// The current time in Unix seconds, as the accounts store takes it.
    pub fn now(&self) -> i64 {
        (self.clock)().as_second()
    }

    /// The failed-login limiter.
    pub fn limiter(&self) -> &RateLimiter {
        &self.limiter
    }

    /// Runs `call` on the accounts store, on a blocking thread (the store
    /// is synchronous and may wait for the disk or the network).
    pub async fn call<R: Send + 'static>(
        &self,
        call: impl FnOnce(&Accounts, i64) -> Result<R, AccountError> + Send + 'static,
    ) -> Result<R, WebError> {
        let accounts = self.accounts.clone().ok_or_else(|| {
            WebError::bad_request("accounts_unavailable", AuthError::Unavailable.to_string())
        })?;
        let now = self.now();
        tokio::task::spawn_blocking(move || call(&accounts, now))
            .await
            .map_err(|e| WebError::Internal(format!("the accounts task failed: {e}")))?
            .map_err(account_error)
    }
}

/// An accounts error as the web shows it: the user's mistakes explained,
/// the store's faults logged.
pub fn account_error(e: AccountError) -> WebError {
    if e.is_users() {
        WebError::bad_request(e.code(), e.to_string())
    } else if e.is_unavailable() {
        tracing::warn!(code = e.code(), "the accounts cannot be reached: {e}");
        WebError::Unavailable
    } else {
        WebError::Internal(e.to_string())
    }
}

/// How a request proved who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Session,
    ApiToken,
}

/// The person a request acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub person: PersonId,
    pub email: Option<String>,
    pub via: Via,
}

impl Identity {
    pub fn actor(&self) -> Actor {
        Actor::Person(self.person.clone())
    }
}

/// The CSRF token forms of this request must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrfToken(pub String);

/// Whether the request came over TLS (for the `Secure` cookie attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverTls(pub bool);

/// The client's address, for rate limiting ("unknown" in process).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddress(pub String);

/// The viewer of a request: its person, or the public.
pub fn viewer(parts: &Parts) -> Viewer {
    parts
        .extensions
        .get::<Identity>()
        .map_or(Viewer::Public, |identity| {
            Viewer::Person(identity.person.clone())
        })
}

/// The session's or the visitor's CSRF token, for a page's forms.
impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(CsrfToken(
            parts
                .extensions
                .get::<CsrfSlot>()
                .map(CsrfSlot::token)
                .unwrap_or_default(),
        ))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Auth {
    type Rejection = AuthError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Auth>()
            .cloned()
            .ok_or(AuthError::Unavailable)
    }
}

/// A logged-in person. Handlers that take it send the public to the login
/// page (and back here afterwards); an API request gets `401` instead.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Identity);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        if let Some(identity) = parts.extensions.get::<Identity>() {
            return Ok(SignedIn(identity.clone()));
        }
        let path = parts.uri.path();
        if crate::error::is_api(path) || parts.method != Method::GET {
            return Err(AuthError::LoginRequired.into_response());
        }
        let next = parts
            .uri
            .path_and_query()
            .map_or(path, |p| p.as_str())
            .replace('%', "%25")
            .replace('&', "%26")
            .replace('#', "%23")
            .replace('+', "%2B");
        Err(forms::see_other(&format!("/login?next={next}"), Vec::new()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for OverTls {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<OverTls>()
            .copied()
            .unwrap_or(OverTls(false)))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<ClientAddress>()
            .cloned()
            .unwrap_or_else(|| ClientAddress("unknown".to_owned())))
    }
}

/// The `Set-Cookie` headers that start a session.
pub fn session_cookies(session: &NewSession, tls: OverTls) -> Vec<axum::http::HeaderValue> {
    let age = accord_store::accounts::SESSION_LIFETIME;
    [
        cookie::set(cookie::SESSION, &session.token, Some(age), tls.0),
        // The pre-session token is spent: a new one comes after logout.
        cookie::set(cookie::PRE_SESSION_CSRF, "", Some(0), tls.0),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The `Set-Cookie` header that ends a session.
pub fn end_session_cookie(tls: OverTls) -> Option<axum::http::HeaderValue> {
    cookie::set(cookie::SESSION, "", Some(0), tls.0)
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

fn changes_state(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Compares two tokens in time that does not depend on where they differ.
pub(crate) fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The value of the form field `name` in an urlencoded body (tokens here
/// are hex, so no decoding is needed to compare them).
fn form_field<'a>(body: &'a [u8], name: &str) -> Option<&'a str> {
    std::str::from_utf8(body)
        .ok()?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The CSRF token a request's forms carry, decided on the way in: the
/// session's, the visitor's cookie, or (made only if a page asks for it)
/// a fresh one that the way out sets as the visitor's cookie.
#[derive(Debug, Clone, Default)]
struct CsrfSlot {
    expected: Option<String>,
    fresh: Arc<std::sync::Mutex<Option<String>>>,
    api_token: bool,
}

impl CsrfSlot {
    fn token(&self) -> String {
        if let Some(expected) = &self.expected {
            return expected.clone();
        }
        let mut fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        if fresh.is_none() {
            *fresh = secret::new_token().ok();
        }
        fresh.clone().unwrap_or_default()
    }
}

/// Middleware: who is asking (an API token or a session), and the CSRF
/// token of their forms (see the module's comment).
pub async fn authenticate(State(auth): State<Auth>, mut request: Request, next: Next) -> Response {
    let tls = OverTls(cookie::over_tls(
        request.headers(),
        request.uri().scheme_str(),
    ));
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string());
    request.extensions_mut().insert(tls);
    request.extensions_mut().insert(ClientAddress(address));
    request.extensions_mut().insert(auth.clone());

    let mut identity = None;
    let mut session_csrf = None;
    if let Some(token) = bearer(request.headers()) {
        match auth.call(move |a, _| a.api_token(&token)).await {
            Ok(Some(found)) => {
                if found.scope == Scope::Read && changes_state(request.method()) {
                    return AuthError::ReadOnlyToken.into_response();
                }
                identity = Some(Identity {
                    person: PersonId::new(found.person),
                    email: None,
                    via: Via::ApiToken,
                });
            }
            Ok(None) => return AuthError::BadToken.into_response(),
            Err(e) => return e.into_response(),
        }
    } else if let Some(token) = cookie::read(request.headers(), cookie::SESSION)
        && auth.accounts.is_some()
    {
        match auth.call(move |a, now| a.session(&token, now)).await {
            Ok(Some(session)) => {
                session_csrf = Some(session.csrf.clone());
                identity = Some(Identity {
                    person: PersonId::new(session.person),
                    email: Some(session.email),
                    via: Via::Session,
                });
            }
            Ok(None) => {}
            Err(e) => return e.into_response(),
        }
    }
    let slot = CsrfSlot {
        expected: session_csrf
            .or_else(|| cookie::read(request.headers(), cookie::PRE_SESSION_CSRF)),
        fresh: Arc::default(),
        api_token: identity.as_ref().is_some_and(|i| i.via == Via::ApiToken),
    };
    request.extensions_mut().insert(slot.clone());
    let by_session = identity.as_ref().is_some_and(|i| i.via == Via::Session);
    if let Some(identity) = identity {
        request.extensions_mut().insert(identity);
    }
    // A session cookie is what a forged cross-site request would ride on:
    // with one, every state-changing request must carry the token.
    if by_session {
        request = match checked(request).await {
            Ok(request) => request,
            Err(refusal) => return refusal,
        };
    }

    let mut response = next.run(request).await;
    let fresh = slot.fresh.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(token) = fresh
        && let Some(value) = cookie::set(cookie::PRE_SESSION_CSRF, &token, None, tls.0)
    {
        response.headers_mut().append(SET_COOKIE, value);
    }
    response
}

/// Route middleware for the forms of accounts and signing: a
/// state-changing request must carry its CSRF token even without a session
/// (the login and setup forms repeat the visitor's cookie), unless it comes
/// with an API token.
pub async fn require_csrf(request: Request, next: Next) -> Response {
    match checked(request).await {
        Ok(request) => next.run(request).await,
        Err(refusal) => refusal,
    }
}

/// The request back when it may go on: a safe method, an API token, or
/// the right CSRF token in the `csrf` form field (the first field of a
/// multipart form) or the `X-CSRF-Token` header; else the refusal.
async fn checked(request: Request) -> Result<Request, Response> {
    let slot = request
        .extensions()
        .get::<CsrfSlot>()
        .cloned()
        .unwrap_or_default();
    if !changes_state(request.method()) || slot.api_token {
        return Ok(request);
    }
    let (parts, body) = request.into_parts();
    let header = parts
        .headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    let multipart = multipart_csrf::boundary(content_type).map(str::to_owned);
    let (submitted, body) = match header {
        Some(token) => (Some(token), body),
        None if multipart.is_some() => {
            let boundary = multipart.unwrap_or_default();
            multipart_csrf::csrf_field(body, &boundary).await
        }
        None if is_form => {
            let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BYTES).await else {
                return Err(AuthError::TooLarge.into_response());
            };
            let field = form_field(&bytes, CSRF_FIELD).map(str::to_owned);
            (field, Body::from(bytes))
        }
        None => (None, body),
    };
    match (submitted.filter(|s| !s.is_empty()), &slot.expected) {
        (None, _) => Err(AuthError::CsrfMissing.into_response()),
        (Some(s), Some(e)) if same_token(&s, e) => Ok(Request::from_parts(parts, body)),
        (Some(_), _) => Err(AuthError::CsrfMismatch.into_response()),
    }
}

/// The keys a login attempt counts against: its client address, and its
/// account when what was typed is an email address (anything else names
/// no account, and might be a password typed in the wrong field).
pub fn attempt_keys(email: &str, address: &ClientAddress) -> Vec<String> {
    let account = normalise_email(email).ok().map(|e| format!("account:{e}"));
    account
        .into_iter()
        .chain([format!("address:{}", address.0)])
        .collect()
}

impl Auth {
    /// Starts a login attempt: its refusal while its account or address
    /// must wait; else none, and the attempt counts as a failure, for
    /// every process, until `attempt_succeeded`.
    pub async fn begin_attempt(&self, keys: &[String]) -> Result<Option<AuthError>, WebError> {
        let (limiter, keys) = (Arc::clone(&self.limiter), keys.to_vec());
        let wait = self
            .call(move |accounts, now| limiter.attempt(accounts, &keys, now))
            .await?;
        Ok(wait.map(|wait| AuthError::TooManyAttempts {
            seconds: wait.as_secs().max(1),
        }))
    }

    /// Notes that a login attempt failed (for the metrics: the store
    /// counted it when it began).
    pub fn attempt_failed(&self) {
        self.limiter.failed();
    }

    /// Forgets the failures of a login attempt's keys once it succeeded.
    pub async fn attempt_succeeded(&self, keys: &[String]) -> Result<(), WebError> {
        let (limiter, keys) = (Arc::clone(&self.limiter), keys.to_vec());
        self.call(move |accounts, _| limiter.succeeded(accounts, &keys))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_csrf_field_of_a_form() {
        assert_eq!(form_field(b"a=1&csrf=abc&b=2", "csrf"), Some("abc"));
        assert_eq!(form_field(b"a=1", "csrf"), None);
    }

    #[test]
    fn only_an_email_address_is_an_account_key() {
        let address = ClientAddress("192.0.2.1".to_owned());
        assert_eq!(
            attempt_keys(" Jo@State.gov ", &address),
            ["account:jo@state.gov", "address:192.0.2.1"]
        );
        // A password typed into the email field is never a key.
        assert_eq!(
            attempt_keys("correct horse battery", &address),
            ["address:192.0.2.1"]
        );
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("abc", "ab"));
    }
}
