//! What a working group's roadmap and a project's page cost their handler
//! on a large group, without the answer cache.
//!
//! `cargo bench -p accord-web --bench project_pages`. The instance is built
//! from the synthetic generator over the bundled charter into a SQLite file
//! in a temporary folder: 5 working groups of 1,500 projects each, 10
//! milestones per project (a roadmap of **15,000 milestones** per group)
//! and 8 updates per milestone (so a project's history holds about 100
//! entries). `ACCORD_BENCH_PROJECTS` changes the number of projects
//! (default 7,500).
//!
//! Each address is asked 21 times of the whole application (its layers
//! included) with the answer cache disabled, by the Azerbaijani
//! coordinator (an API token: a viewer who sees every project, so every
//! milestone), then by the public; printed: the median and the slowest
//! time, and the answer's size, against the issue's goals (a group page
//! and its roadmap API ≤ 50 ms; a project page with 100 history entries
//! ≤ 5 ms).

mod support;

use support::build_synthetic;

use std::sync::Arc;
use std::time::{Duration, Instant};

use accord_app::App;
use accord_domain::ids::ProjectId;
use accord_domain::model::Classification;
use accord_domain::synthetic::Size;
use accord_log::note::SigningKey;
use accord_store::accounts::{Accounts, Scope};
use accord_store::{EventStore, Ledger, SqliteStore};
use accord_web::AppState;
use accord_web::auth::Auth;
use accord_web::render_cache::RenderCache;
use axum::Router;
use axum::body::Body;
use axum::http::Request;
use tower::ServiceExt as _;

const SAMPLES: usize = 21;
const COORDINATOR: &str = "coordinator-AZ";

/// The median and slowest time of one answer to `GET path` (with `token`
/// as its bearer, if any), and the answer's size.
async fn answer_times(
    router: &Router,
    path: &str,
    token: Option<&str>,
) -> (Duration, Duration, usize) {
    let mut times = Vec::with_capacity(SAMPLES);
    let mut bytes = 0;
    for _ in 0..SAMPLES {
        let mut request = Request::get(path);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let request = request.body(Body::empty()).expect("request");
        let t = Instant::now();
        let response = router.clone().oneshot(request).await.expect("answer");
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await;
        times.push(t.elapsed());
        assert!(status.is_success(), "{path}: {status}");
        bytes = body.expect("body").len();
    }
    times.sort();
    (times[SAMPLES / 2], times[SAMPLES - 1], bytes)
}

fn main() {
    let projects = std::env::var("ACCORD_BENCH_PROJECTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7_500);
    let size = Size {
        groups: 5,
        projects,
        milestones_per_project: 10,
        updates_per_milestone: 8,
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    let db = dir.path().join("accord.sqlite3");
    let key = SigningKey::from_seed("bench/az-us", [9; 32]).expect("key");
    let t = Instant::now();
    let (events, _) = build_synthetic(&db, &key, size);
    println!(
        "instance: {events} events, built in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let store: Box<dyn EventStore> = Box::new(SqliteStore::open(&db).expect("store"));
    let ledger = Ledger::open(store, key, &mut |_| {}).expect("ledger");
    let app = App::open(ledger, &mut |_, _| {}).expect("app");
    let state = AppState::new(Arc::new(app));

    let (group, milestones) = state.app.read(|s| {
        let mut counts = std::collections::BTreeMap::new();
        for m in s.milestones.values() {
            *counts.entry(m.group.clone()).or_insert(0usize) += 1;
        }
        counts
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .expect("a group with milestones")
    });
    let (project, history): (ProjectId, usize) = state.app.read(|s| {
        // A public project, so that the public's page is measured too.
        s.projects
            .values()
            .filter(|p| p.spec.classification == Classification::Public)
            .map(|p| (p.id.clone(), p.history.len()))
            .max_by_key(|(_, n)| *n)
            .expect("a public project")
    });
    println!("{group}: {milestones} milestones; {project}: {history} history entries");

    let accounts =
        Arc::new(Accounts::open_sqlite(&dir.path().join("accounts.sqlite3")).expect("accounts"));
    let now = jiff::Timestamp::now().as_second();
    accounts
        .create_login("coordinator@example.org", COORDINATOR, None, now)
        .expect("login");
    let token = accounts
        .issue_api_token(COORDINATOR, "bench", Scope::Read, now)
        .expect("token");
    let router = accord_web::router_with_cache(
        state.clone(),
        Auth::new(accounts),
        Arc::new(RenderCache::disabled()),
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");

    let group_page = format!("/groups/{group}");
    let roadmap = format!("/api/v1/groups/{group}/roadmap");
    let project_page = format!("/projects/{project}");
    let contenders = [
        (group_page.as_str(), 50.0),
        (roadmap.as_str(), 50.0),
        (project_page.as_str(), 5.0),
    ];
    println!("| what | viewer | median of {SAMPLES} | slowest | body | goal |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for (path, goal_ms) in contenders {
        for (viewer, bearer) in [(COORDINATOR, Some(token.as_str())), ("public", None)] {
            let (median, slowest, bytes) = runtime.block_on(answer_times(&router, path, bearer));
            let median_ms = median.as_secs_f64() * 1e3;
            println!(
                "| `{path}` | {viewer} | {median_ms:.2} ms | {:.2} ms | {} KB | ≤ {goal_ms} ms: {} |",
                slowest.as_secs_f64() * 1e3,
                bytes / 1024,
                if median_ms <= goal_ms {
                    "met"
                } else {
                    "not met"
                }
            );
        }
    }
}
