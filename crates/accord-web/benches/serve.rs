//! The web application under load on a large instance, against a minimal
//! axum handler served by the same process.
//!
//! `cargo bench -p accord-web --bench serve` (needs `wrk` on the `PATH`).
//! `ACCORD_BENCH_EVENTS` sets the instance's size (default 1,000,000
//! events, built from the synthetic generator over the bundled charter into
//! a SQLite file in a temporary folder); `ACCORD_BENCH_SECONDS` the length
//! of each load run (default 10); `ACCORD_BENCH_ROUNDS` how many times the
//! whole set is measured (default 1).
//!
//! Two servers run in one tokio runtime: `accord_web::router` over the
//! instance, and a minimal axum router (`/ok`: the text `ok`; `/json`: a
//! fixed JSON body of about 2.5 KB). Every contender is measured with
//! `wrk -t2 -c32 -d10s --latency`, each right after a run of both minimal
//! handlers, so that each ratio compares runs made close together on a
//! machine whose load moves. Printed: requests per second, the ratio to the
//! minimal handlers, and the 99th percentile latency, against the goal
//! (≥ 0.3 × the minimal handler, p99 ≤ 20 ms). Before the load runs, the
//! median time of one answer of each contender with the cache disabled:
//! what the first request for an address costs after a recorded command.

mod support;

use support::{build_synthetic, env_number};

use std::net::SocketAddr;
use std::process::Command as Process;
use std::sync::Arc;
use std::time::Instant;

use accord_app::App;
use accord_domain::synthetic::Size;
use accord_log::note::SigningKey;
use accord_store::{EventStore, Ledger, SqliteStore};
use accord_web::AppState;
use accord_web::render_cache::RenderCache;
use axum::Router;
use axum::body::Body;
use axum::http::Request;
use axum::http::header::CONTENT_TYPE;
use axum::routing::get;
use tower::ServiceExt as _;

/// A fixed JSON body of about 2.5 KB: what a small API answer weighs.
fn minimal_json() -> String {
    let items: Vec<serde_json::Value> = (0..24)
        .map(|i| {
            serde_json::json!({
                "id": format!("item-{i:04}"),
                "title": "A minimal handler's fixed answer",
                "n": i,
            })
        })
        .collect();
    serde_json::to_string(&serde_json::json!({ "items": items })).expect("json")
}

fn minimal_router() -> Router {
    let json: &'static str = Box::leak(minimal_json().into_boxed_str());
    Router::new().route("/ok", get(|| async { "ok" })).route(
        "/json",
        get(move || async move { ([(CONTENT_TYPE, "application/json")], json) }),
    )
}

/// One `wrk` run's figures.
struct Run {
    rps: f64,
    p99_ms: f64,
    errors: bool,
}

fn seconds(text: &str) -> Option<f64> {
    let text = text.trim();
    let (number, factor) = if let Some(n) = text.strip_suffix("us") {
        (n, 1e-3)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix("m") {
        (n, 60_000.0)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1_000.0)
    } else {
        return None;
    };
    number.parse::<f64>().ok().map(|n| n * factor)
}

fn wrk(url: &str, duration: usize) -> Run {
    let output = Process::new("wrk")
        .args(["-t2", "-c32", &format!("-d{duration}s"), "--latency", url])
        .output()
        .expect("wrk (install it: apt-get install wrk)");
    let text = String::from_utf8_lossy(&output.stdout);
    let rps = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
        .and_then(|n| n.trim().parse::<f64>().ok())
        .unwrap_or_else(|| panic!("no Requests/sec in wrk's output:\n{text}"));
    let p99_ms = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))
        .and_then(seconds)
        .unwrap_or_else(|| panic!("no 99% latency in wrk's output:\n{text}"));
    let errors = text.contains("Non-2xx") || text.contains("Socket errors");
    if errors {
        eprintln!("{url}: wrk reported errors:\n{text}");
    }
    Run {
        rps,
        p99_ms,
        errors,
    }
}

/// How many answers are timed, one after the other, for a median.
const MISS_SAMPLES: usize = 21;

/// The median time of one answer of `router` to `GET path`, in process,
/// and the answer's size in bytes.
async fn median_answer_time(router: &Router, path: &str) -> (f64, usize) {
    let mut times = Vec::with_capacity(MISS_SAMPLES);
    let mut bytes = 0;
    for _ in 0..MISS_SAMPLES {
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
    (times[MISS_SAMPLES / 2], bytes)
}

fn main() {
    let target = env_number("ACCORD_BENCH_EVENTS", 1_000_000);
    let duration = env_number("ACCORD_BENCH_SECONDS", 10);
    let rounds = env_number("ACCORD_BENCH_ROUNDS", 1).max(1);

    let dir = tempfile::tempdir().expect("temporary folder");
    let db = dir.path().join("accord.sqlite3");
    let key = SigningKey::from_seed("bench/az-us", [9; 32]).expect("key");
    let t = Instant::now();
    let (events, _) = build_synthetic(&db, &key, Size::about(target));
    println!(
        "instance: {events} events, built in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let store: Box<dyn EventStore> = Box::new(SqliteStore::open(&db).expect("store"));
    let ledger = Ledger::open(store, key, &mut |_| {}).expect("ledger");
    let app = App::open(ledger, &mut |_, _| {}).expect("app");
    println!(
        "opened (verify + replay) in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let state = AppState::new(Arc::new(app));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (accord, minimal): (SocketAddr, SocketAddr) = runtime.block_on(async {
        let accord = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let minimal = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addresses = (
            accord.local_addr().expect("address"),
            minimal.local_addr().expect("address"),
        );
        let web = accord_web::router(state.clone());
        tokio::spawn(async move { axum::serve(accord, web).await.expect("serve") });
        tokio::spawn(async move { axum::serve(minimal, minimal_router()).await.expect("serve") });
        addresses
    });
    println!("accord on http://{accord}, the minimal handler on http://{minimal}");

    // A page from the middle of the public's projects.
    let (_, public_projects) =
        state
            .app
            .projects_page(&accord_domain::visibility::Viewer::Public, None, 0, 1);
    let middle = public_projects / 200 * 100;
    let middle_page = format!("/api/v1/projects?limit=100&offset={middle}");
    let middle_name = format!(
        "/api/v1/projects (page {} of {})",
        middle / 100 + 1,
        public_projects.div_ceil(100)
    );
    println!("the public sees {public_projects} projects");
    let contenders = [
        ("/ (dashboard)", "/"),
        ("/api/v1/status", "/api/v1/status"),
        ("/api/v1/projects", "/api/v1/projects"),
        (middle_name.as_str(), middle_page.as_str()),
        ("/api/v1/groups", "/api/v1/groups"),
        ("/api/v1/meetings", "/api/v1/meetings"),
    ];
    // What an answer costs its handler, without the cache: what the first
    // request for an address pays after each recorded command.
    let uncached = accord_web::router_with_cache(
        state.clone(),
        accord_web::auth::Auth::without_accounts(),
        Arc::new(RenderCache::disabled()),
    );
    println!("| what | one answer without the cache (median of {MISS_SAMPLES}) | body |");
    println!("| --- | --- | --- |");
    for (name, path) in contenders {
        let (median, bytes) = runtime.block_on(median_answer_time(&uncached, path));
        println!("| {name} | {:.2} ms | {bytes} B |", median * 1e3);
    }
    // A short warm-up of every path (first answers build caches).
    for (_, path) in contenders {
        let _ = wrk(&format!("http://{accord}{path}"), 1);
    }
    println!(
        "wrk -t2 -c32 -d{duration}s --latency, {rounds} round(s); each contender right after both minimal handlers"
    );
    println!(
        "| what | req/s | minimal `ok` req/s | ratio to `ok` | minimal JSON req/s | ratio to JSON | p99 | goal (≥ 0.3 × `ok`, p99 ≤ 20 ms) |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for _ in 0..rounds {
        for (name, path) in contenders {
            let ok = wrk(&format!("http://{minimal}/ok"), duration);
            let json = wrk(&format!("http://{minimal}/json"), duration);
            let run = wrk(&format!("http://{accord}{path}"), duration);
            let ratio = run.rps / ok.rps;
            let met = ratio >= 0.3 && run.p99_ms <= 20.0 && !run.errors;
            println!(
                "| {name} | {:.0} | {:.0} (p99 {:.2} ms) | {ratio:.2} | {:.0} (p99 {:.2} ms) | {:.2} | {:.2} ms | {} |",
                run.rps,
                ok.rps,
                ok.p99_ms,
                json.rps,
                json.p99_ms,
                run.rps / json.rps,
                run.p99_ms,
                if met { "met" } else { "not met" }
            );
        }
    }
}
