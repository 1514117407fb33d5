//! `GET /metrics`: the operator's figures in the Prometheus text format.
//!
//! Served only to a request bearing the operator's metrics token (the
//! environment's `ACCORD_METRICS_TOKEN` when `accord serve` starts); with
//! no token configured the route does not exist (404). The route sits
//! outside the session and API-token layers: the metrics token is not a
//! person's, and a scrape neither opens a session nor counts as a request.
//!
//! What is counted: requests by route (the router's pattern, never the
//! address with its ids) and status, with a latency histogram per route;
//! the log's size; events recorded and acts refused by this process, by
//! kind and by code (`accord_app::tally`); the answer cache's hits and
//! misses; the follower's lag behind the other writers; failed logins.
//! No label ever holds a person, a token or a record's content.

mod text;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;
use crate::auth::Auth;
use crate::render_cache::RenderCache;
use text::Exposition;

/// The upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The label of a request no route matched.
const UNMATCHED: &str = "unmatched";

/// One route's latency histogram.
#[derive(Debug, Default, Clone)]
struct Histogram {
    /// Observations at or below each bucket's bound (not cumulative here).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        if let Some(i) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            self.buckets[i] += 1;
        }
        self.count += 1;
        self.sum += seconds;
    }
}

/// The request counters and the follower's progress of one process.
#[derive(Debug, Default)]
pub struct Metrics {
    token: Option<String>,
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    /// When the follower last caught up with the store (Unix milliseconds,
    /// 0 before the first time).
    followed_at: AtomicI64,
    followed_entries: AtomicU64,
    follow_failures: AtomicU64,
}

impl Metrics {
    /// Metrics served to requests bearing `token` (none: not served).
    pub fn with_token(token: Option<String>) -> Metrics {
        Metrics {
            token: token.filter(|t| !t.is_empty()),
            ..Metrics::default()
        }
    }

    fn request(&self, route: String, method: String, status: u16, seconds: f64) {
        {
            let mut latency = self.latency.lock().unwrap_or_else(PoisonError::into_inner);
            latency.entry(route.clone()).or_default().observe(seconds);
        }
        let mut requests = self.requests.lock().unwrap_or_else(PoisonError::into_inner);
        *requests.entry((route, method, status)).or_default() += 1;
    }

    /// The follower caught up, adding `entries`, at `now_ms`.
    pub fn followed(&self, entries: u64, now_ms: i64) {
        self.followed_entries.fetch_add(entries, Ordering::Relaxed);
        self.followed_at.store(now_ms, Ordering::Relaxed);
    }

    /// The follower could not reach the store.
    pub fn follow_failed(&self) {
        self.follow_failures.fetch_add(1, Ordering::Relaxed);
    }
}

/// Middleware: counts each request under its route's pattern and status,
/// and observes how long it took.
pub async fn track(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| UNMATCHED.to_owned(), |p| p.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    metrics.request(
        route,
        method,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// What `/metrics` reads besides the counters.
#[derive(Clone)]
struct Sources {
    state: AppState,
    cache: Arc<RenderCache>,
    auth: Auth,
}

/// The `/metrics` route, outside every other layer.
pub fn routes(state: AppState, cache: Arc<RenderCache>, auth: Auth) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .with_state(Sources { state, cache, auth })
}

async fn metrics(State(sources): State<Sources>, request: Request) -> Response {
    let metrics = &sources.state.metrics;
    let Some(expected) = metrics.token.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !crate::auth::same_token(given, expected) {
        return (
            StatusCode::UNAUTHORIZED,
            [("www-authenticate", "Bearer")],
            "the metrics need the operator's token\n",
        )
            .into_response();
    }
    let now_ms = (sources.state.clock)().as_millisecond();
    let page = render(&sources, now_ms);
    let mut response = page.into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}

fn render(sources: &Sources, now_ms: i64) -> String {
    let metrics = &sources.state.metrics;
    let app = &sources.state.app;
    let mut page = Exposition::default();

    page.family(
        "accord_http_requests_total",
        "counter",
        "Requests answered, by route pattern, method and status.",
    );
    let requests = metrics
        .requests
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    for ((route, method, status), n) in &requests {
        let status = status.to_string();
        page.sample(
            "accord_http_requests_total",
            &[("route", route), ("method", method), ("status", &status)],
            *n as f64,
        );
    }

    page.family(
        "accord_http_request_duration_seconds",
        "histogram",
        "How long requests took to answer, by route pattern.",
    );
    let latency = metrics
        .latency
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    for (route, histogram) in &latency {
        let mut cumulative = 0;
        for (bound, n) in BUCKETS.iter().zip(histogram.buckets) {
            cumulative += n;
            let le = bound.to_string();
            page.sample(
                "accord_http_request_duration_seconds_bucket",
                &[("route", route), ("le", &le)],
                cumulative as f64,
            );
        }
        page.sample(
            "accord_http_request_duration_seconds_bucket",
            &[("route", route), ("le", "+Inf")],
            histogram.count as f64,
        );
        page.sample(
            "accord_http_request_duration_seconds_sum",
            &[("route", route)],
            histogram.sum,
        );
        page.sample(
            "accord_http_request_duration_seconds_count",
            &[("route", route)],
            histogram.count as f64,
        );
    }

    page.family(
        "accord_log_entries",
        "gauge",
        "Entries in the log this process holds.",
    );
    page.sample("accord_log_entries", &[], app.size() as f64);

    page.family(
        "accord_events_recorded_total",
        "counter",
        "Events this process recorded, by kind.",
    );
    for (kind, n) in app.tally().recorded_by_kind() {
        page.sample("accord_events_recorded_total", &[("kind", &kind)], n as f64);
    }
    page.family(
        "accord_acts_refused_total",
        "counter",
        "Acts the rules refused in this process, by code.",
    );
    for (code, n) in app.tally().refused_by_code() {
        page.sample("accord_acts_refused_total", &[("code", code)], n as f64);
    }

    page.family(
        "accord_answer_cache_hits_total",
        "counter",
        "Answers served from the cache.",
    );
    page.sample(
        "accord_answer_cache_hits_total",
        &[],
        sources.cache.hits() as f64,
    );
    page.family(
        "accord_answer_cache_misses_total",
        "counter",
        "Answers of cached routes built by their handler.",
    );
    page.sample(
        "accord_answer_cache_misses_total",
        &[],
        sources.cache.misses() as f64,
    );

    let followed_at = metrics.followed_at.load(Ordering::Relaxed);
    page.family(
        "accord_follower_lag_seconds",
        "gauge",
        "Seconds since this process last caught up with the other writers (-1: not yet).",
    );
    let lag = if followed_at == 0 {
        -1.0
    } else {
        (now_ms - followed_at).max(0) as f64 / 1000.0
    };
    page.sample("accord_follower_lag_seconds", &[], lag);
    page.family(
        "accord_follower_entries_total",
        "counter",
        "Entries other writers appended that this process caught up with.",
    );
    page.sample(
        "accord_follower_entries_total",
        &[],
        metrics.followed_entries.load(Ordering::Relaxed) as f64,
    );
    page.family(
        "accord_follower_failures_total",
        "counter",
        "Catch-ups that could not reach the store.",
    );
    page.sample(
        "accord_follower_failures_total",
        &[],
        metrics.follow_failures.load(Ordering::Relaxed) as f64,
    );

    page.family(
        "accord_logins_failed_total",
        "counter",
        "Login attempts refused.",
    );
    page.sample(
        "accord_logins_failed_total",
        &[],
        sources.auth.limiter().failures_total() as f64,
    );
    page.finish()
}
