//! accord-web: the web application over an `accord_app::App`.
//!
//! Server-rendered HTML pages for people, and a JSON API under `/api/v1`
//! for scripts, described by an OpenAPI 3.1 document at `/api/openapi.json`.
//! Handlers are thin: each extracts its inputs (the language, the viewer,
//! the path and query), makes one call into `accord-app`, and turns the
//! answer into a view model for a template, or into JSON. No business rule
//! and no query of the state lives here; `accord-app` filters everything by
//! the viewer.
//!
//! # How a request flows
//!
//! ```text
//! request ─▶ security headers ─▶ language ─▶ error pages ─▶ route ─▶ handler
//!                                                                      │
//! response ◀── CSP, nosniff… ◀── Content-Language ◀── code + page ◀────┘
//! ```
//!
//! - `security` sets the headers every response carries (a strict
//!   Content-Security-Policy: this application runs no script inline).
//! - `lang::negotiate` decides the language once (the user's choice, else the
//!   browser's, else French) and remembers a choice in a cookie.
//! - `error::render_errors` gives every error response a stable code, as a
//!   JSON body under `/api` and as an HTML page elsewhere.
//! - `log_api` serves the log under `/log/` in the C2SP `tlog-tiles`
//!   layout, outside the session and error-page layers, inside the
//!   security headers.
//! - `render_cache` keeps the finished answers of the dashboard, the status
//!   report and the API's lists per (viewer, language, today, address)
//!   until the log grows.
//!
//! Reads of the state take the application's read lock for microseconds and
//! run on the async workers. Whatever touches the store or waits for the
//! writer (`AppState::execute`, proofs, histories, the checkpoint) goes
//! through `AppState::blocking`, onto the blocking pool: the stores are
//! synchronous, an append waits for the disk, and PostgreSQL's client must
//! never run on an async worker.

pub mod api;
pub mod auth;
mod charts;
pub mod error;
mod health;
pub mod lang;
pub mod log_api;
pub mod metrics;
pub mod pages;
pub mod render_cache;
pub mod request_id;
mod security;
mod status_cache;
mod svg;
mod view;
pub mod witness;
mod word_diff;

use std::sync::Arc;

use accord_app::documents::DocumentPolicy;
use accord_app::{App, AppError, Receipt};
use accord_domain::command::{Actor, Command};
use accord_domain::visibility::Viewer;
use accord_store::EventStore;
use accord_store::documents::DocumentStore;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::middleware;
use jiff::Timestamp;
use jiff::civil::Date;

pub use error::WebError;

/// The application as the web shares it between requests.
pub type SharedApp = Arc<App<Box<dyn EventStore>>>;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub app: SharedApp,
    /// The clock, read at the edge only (a parameter so that tests can fix it).
    pub clock: fn() -> Timestamp,
    /// Where the bytes of documents attached to meetings are kept; none:
    /// documents can be neither attached nor downloaded.
    pub documents: Option<Arc<DocumentStore>>,
    /// What may be attached (size, media types).
    pub document_policy: Arc<DocumentPolicy>,
    /// The operator's figures (`GET /metrics`).
    pub metrics: Arc<metrics::Metrics>,
    /// Wakes the follower before its next periodic check: another process
    /// appended (PostgreSQL's `LISTEN/NOTIFY`, `accord_store::listen`).
    pub follower_wake: Arc<tokio::sync::Notify>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

impl AppState {
    /// The application, with the system clock.
    pub fn new(app: SharedApp) -> AppState {
        AppState {
            app,
            clock: Timestamp::now,
            documents: None,
            document_policy: Arc::default(),
            metrics: Arc::default(),
            follower_wake: Arc::default(),
        }
    }

    /// The same, serving `GET /metrics` to requests bearing `token`.
    pub fn with_metrics_token(mut self, token: Option<String>) -> AppState {
        self.metrics = Arc::new(metrics::Metrics::with_token(token));
        self
    }

    /// The same, keeping documents' bytes in `store` under `policy`.
    pub fn with_documents(mut self, store: Arc<DocumentStore>, policy: DocumentPolicy) -> AppState {
        self.documents = Some(store);
        self.document_policy = Arc::new(policy);
        self
    }

    /// Today's date (UTC), the default as-of date.
    pub fn today(&self) -> Date {
        accord_app::utc_date((self.clock)())
    }

    /// Runs `call` on the blocking pool: the one way a handler reaches
    /// anything that waits for the store or the writer's lock (appends, the
    /// log's entries, proofs, the signed checkpoint). The stores' clients
    /// are synchronous, and PostgreSQL's would otherwise start a runtime
    /// inside a tokio worker (docs/adr/0001-blocking-boundary.md).
    pub async fn blocking<R: Send + 'static>(
        &self,
        call: impl FnOnce(&App<Box<dyn EventStore>>) -> R + Send + 'static,
    ) -> Result<R, WebError> {
        let app = Arc::clone(&self.app);
        tokio::task::spawn_blocking(move || call(&app))
            .await
            .map_err(|e| WebError::Internal(format!("a blocking task failed: {e}")))
    }

    /// Records a command (on the blocking pool).
    pub async fn execute(&self, actor: Actor, command: Command) -> Result<Receipt, WebError> {
        let now = (self.clock)();
        self.blocking(move |app| app.execute(&actor, command, now))
            .await?
            .map_err(|e: AppError| WebError::App(e))
    }

    /// Records `commands` together, all or none (on the blocking pool).
    pub async fn execute_all(&self, actor: Actor, commands: Vec<Command>) -> Result<(), WebError> {
        let now = (self.clock)();
        self.blocking(move |app| app.execute_all(&actor, commands, now))
            .await?
            .map(|_| ())
            .map_err(WebError::App)
    }
}

/// Who is looking: the person logged in (by session or API token, as
/// `auth::authenticate` found), else the public.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentViewer(pub Viewer);

impl<S: Send + Sync> FromRequestParts<S> for CurrentViewer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(CurrentViewer(auth::viewer(parts)))
    }
}

/// The whole application without accounts: everyone is the public.
pub fn router(state: AppState) -> Router {
    router_with(state, auth::Auth::without_accounts())
}

/// The whole application: pages, the API, the OpenAPI document, static
/// files, and the layers every response goes through.
pub fn router_with(state: AppState, auth: auth::Auth) -> Router {
    router_with_cache(state, auth, Arc::default())
}

/// The whole application, keeping the dashboard's and the lists' answers
/// in `cache` (`RenderCache::disabled()` keeps none).
pub fn router_with_cache(
    state: AppState,
    auth: auth::Auth,
    cache: Arc<render_cache::RenderCache>,
) -> Router {
    let auth = auth.with_clock(state.clock);
    let metrics_routes = metrics::routes(state.clone(), Arc::clone(&cache), auth.clone());
    let log_routes = log_api::routes(state.clone(), auth.clone());
    let counters = Arc::clone(&state.metrics);
    let cached = render_cache::Cached {
        state: state.clone(),
        cache,
    };
    let (api_routes, _) = api::routes().split_for_parts();
    let router = Router::new()
        .merge(pages::routes())
        .merge(auth::routes::routes())
        .merge(api_routes)
        .merge(api::document_routes())
        .route("/healthz", axum::routing::get(health::healthz))
        .route("/readyz", axum::routing::get(health::readyz))
        .fallback(no_route)
        .with_state(state)
        // A request passes the layers from the last added to the first:
        // the security headers, then the language, then the error pages
        // (which need the language), then who is asking (and the CSRF
        // token of a state-changing request), then the cache of answers
        // (which needs the language and the viewer).
        .layer(middleware::from_fn_with_state(
            cached,
            render_cache::cache_answers,
        ))
        .layer(middleware::from_fn_with_state(auth, auth::authenticate))
        .layer(middleware::from_fn(error::render_errors))
        .layer(middleware::from_fn(lang::negotiate))
        // Outermost, so that every answer counts, a refusal by a layer too,
        // and carries its request id.
        .layer(middleware::from_fn_with_state(counters, metrics::track))
        .layer(middleware::from_fn(request_id::assign))
        .merge(metrics_routes)
        // The log's read API: for nodes and witnesses, which have no
        // session, want no language and read plain errors.
        .merge(log_routes);
    security::headers(router)
}

/// How often a server looks for what other writers appended (the console,
/// another process on the same database): no page is older than this.
pub const FOLLOW_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// Follows the other writers of the store: every `every`, and whenever
/// `AppState::follower_wake` is notified, catches up with what they
/// appended (on the blocking pool). Runs until dropped.
pub async fn follow(state: AppState, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            () = state.follower_wake.notified() => {}
        }
        match state.blocking(|app| app.catch_up()).await {
            Ok(Ok(added)) => state
                .metrics
                .followed(added, (state.clock)().as_millisecond()),
            Ok(Err(e)) => {
                state.metrics.follow_failed();
                tracing::warn!(code = e.code(), "cannot follow the store: {e}");
            }
            Err(e) => {
                state.metrics.follow_failed();
                tracing::warn!("cannot follow the store: {e}");
            }
        }
    }
}

/// Serves the application on `listener` until `shutdown` resolves, then
/// lets the requests in flight finish. Meanwhile it follows the store's
/// other writers (`follow`).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    auth: auth::Auth,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let follower = tokio::spawn(follow(state.clone(), FOLLOW_EVERY));
    let app = router_with(state, auth);
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    follower.abort();
    served
}

async fn no_route() -> WebError {
    WebError::NoRoute
}
