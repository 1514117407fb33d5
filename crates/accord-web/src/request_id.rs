//! A request id for every request, so that a person's report ("the page
//! said request 5f3a…-2c") leads the operator to the log lines it caused.
//!
//! The outermost layer gives each request an id (a random prefix per
//! process, then a counter), runs the request inside a `request` span
//! carrying it (every log line the request causes names it), sends it
//! back as `x-request-id`, and leaves it in the request's extensions,
//! where the error pages find it and show it. An answered request is
//! logged with its route pattern (never its address, which may hold a
//! token, as a calendar feed's or an invitation's does), status and time.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument as _;

/// The response header that carries the id.
pub const HEADER: &str = "x-request-id";

/// The id of the request being answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

fn next_id() -> String {
    static PREFIX: OnceLock<String> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let prefix = PREFIX.get_or_init(|| {
        accord_store::accounts::secret::new_token()
            .map(|t| {
                t.chars()
                    .filter(char::is_ascii_alphanumeric)
                    .take(8)
                    .collect()
            })
            .unwrap_or_else(|_| format!("{:x}", std::process::id()))
    });
    format!("{prefix}-{:x}", COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// Middleware: see the module documentation.
pub async fn assign(mut request: Request, next: Next) -> Response {
    let id = next_id();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_owned();
    let method = request.method().clone();
    request.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!("request", request_id = %id);
    let started = Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    let status = response.status().as_u16();
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| {
        if status >= 500 {
            tracing::warn!(%method, %route, status, millis, "answered");
        } else if status >= 400 {
            tracing::info!(%method, %route, status, millis, "answered");
        } else {
            tracing::debug!(%method, %route, status, millis, "answered");
        }
    });
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(HEADER, value);
    }
    response
}
