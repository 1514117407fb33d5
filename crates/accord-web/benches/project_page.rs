//! One project's page with a long history, on a large instance, without
//! the answer cache: the goal is ≤ 5 ms for a page with 100 history
//! entries.
//!
//! `cargo bench -p accord-web --bench project_page`. `ACCORD_BENCH_EVENTS`
//! sets the instance's size (default 1,000,000 events from the synthetic
//! generator over the bundled charter, in a SQLite file in a temporary
//! folder). One public project then gets an indicator and measurements
//! until its history holds 100 entries, each measurement followed by one of
//! another project, so that its entries are scattered through the log as
//! in life (each read on its own). Printed: the median time of one answer
//! of `/projects/{id}` (of 21), and of its history's API.

mod support;

use support::{build_synthetic, env_number};

use std::sync::Arc;
use std::time::Instant;

use accord_app::App;
use accord_app::project_acts::NewIndicator;
use accord_domain::command::Actor;
use accord_domain::ids::{IndicatorId, ProjectId};
use accord_domain::model::{DatedValue, Direction};
use accord_domain::synthetic::Size;
use accord_domain::visibility::Viewer;
use accord_log::note::SigningKey;
use accord_store::{EventStore, Ledger, SqliteStore};
use accord_web::AppState;
use accord_web::render_cache::RenderCache;
use axum::Router;
use axum::body::Body;
use axum::http::Request;
use tower::ServiceExt as _;

const SAMPLES: usize = 21;
const HISTORY: usize = 100;
const GOAL_MS: f64 = 5.0;

/// Defines an indicator of `project` as the operator.
fn indicator<S: EventStore>(app: &App<S>, project: &ProjectId, id: &str) -> IndicatorId {
    let today = accord_app::utc_date(jiff::Timestamp::now());
    let indicator = NewIndicator {
        id: IndicatorId::new(id),
        name: accord_domain::texts::single("en", "Installed capacity"),
        unit: "MW".into(),
        direction: Direction::HigherIsBetter,
        baseline: DatedValue {
            value: "0".into(),
            date: today,
        },
        target: DatedValue {
            value: "1000".into(),
            date: today.checked_add(jiff::Span::new().years(2)).expect("date"),
        },
    };
    app.define_indicator(
        &Actor::System,
        project.clone(),
        indicator,
        jiff::Timestamp::now(),
    )
    .expect("indicator");
    IndicatorId::new(id)
}

fn measure<S: EventStore>(app: &App<S>, indicator: &IndicatorId, n: usize) {
    let today = accord_app::utc_date(jiff::Timestamp::now());
    app.record_measurement(
        &Actor::System,
        indicator.clone(),
        DatedValue {
            value: n.to_string(),
            date: today,
        },
        format!("Report {n}"),
        None,
        jiff::Timestamp::now(),
    )
    .expect("measurement");
}

/// The median time of one answer of `router` to `GET path`, and its size.
async fn median_answer_time(router: &Router, path: &str) -> (f64, usize) {
    let mut times = Vec::with_capacity(SAMPLES);
    let mut bytes = 0;
    for _ in 0..SAMPLES {
        let request = Request::get(path).body(Body::empty()).expect("request");
        let t = Instant::now();
        let response = router.clone().oneshot(request).await.expect("answer");
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await;
        times.push(t.elapsed().as_secs_f64());
        assert!(status.is_success(), "{path}: {status}");
        bytes = body.expect("body").len();
    }
    times.sort_by(f64::total_cmp);
    (times[SAMPLES / 2], bytes)
}

fn main() {
    let target = env_number("ACCORD_BENCH_EVENTS", 1_000_000);
    let dir = tempfile::tempdir().expect("temporary folder");
    let db = dir.path().join("accord.sqlite3");
    let key = SigningKey::from_seed("bench/az-us", [9; 32]).expect("key");
    let (events, _) = build_synthetic(&db, &key, Size::about(target));
    let store: Box<dyn EventStore> = Box::new(SqliteStore::open(&db).expect("store"));
    let ledger = Ledger::open(store, key, &mut |_| {}).expect("ledger");
    let app = App::open(ledger, &mut |_, _| {}).expect("app");

    let (public, _) = app.projects_page(&Viewer::Public, None, 0, 2);
    let (ours, other) = (public[0].id.clone(), public[1].id.clone());
    let measured = indicator(&app, &ours, "bench-capacity");
    let elsewhere = indicator(&app, &other, "bench-other");
    let mut n = 0;
    loop {
        let length = app
            .project_history(&Viewer::Public, &ours)
            .expect("history")
            .expect("a visible project")
            .len();
        if length >= HISTORY {
            break;
        }
        measure(&app, &measured, n);
        measure(&app, &elsewhere, n);
        n += 1;
    }
    println!("instance: {events} events; project {ours}: {HISTORY} history entries");

    let state = AppState::new(Arc::new(app));
    let uncached = accord_web::router_with_cache(
        state,
        accord_web::auth::Auth::without_accounts(),
        Arc::new(RenderCache::disabled()),
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    println!("| what | one answer without the cache (median of {SAMPLES}) | body | goal |");
    println!("| --- | --- | --- | --- |");
    for path in [
        format!("/projects/{ours}?lang=en"),
        format!("/api/v1/projects/{ours}/history"),
    ] {
        let (median, bytes) = runtime.block_on(median_answer_time(&uncached, &path));
        let ms = median * 1e3;
        let verdict = if ms <= GOAL_MS { "met" } else { "missed" };
        println!("| `{path}` | {ms:.2} ms | {bytes} B | ≤ {GOAL_MS} ms: {verdict} |");
    }
}
