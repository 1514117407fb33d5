//! `GET /metrics`: for the operator's token only, in the Prometheus text
//! format, counting requests by route pattern (never by address), events
//! recorded by kind and refused acts by code, and holding no person's id.

use std::sync::Arc;

use accord_web::AppState;
use accord_web::auth::Auth;
use accord_web::render_cache::RenderCache;

use crate::support::{Instance, get, send};

const TOKEN: &str = "operator-metrics-token";

fn state(instance: &Instance, token: Option<&str>) -> AppState {
    instance
        .state()
        .with_metrics_token(token.map(str::to_owned))
}

#[tokio::test]
async fn metrics_answer_the_operators_token_only() {
    let instance = Instance::new();
    let router = accord_web::router_with_cache(
        state(&instance, Some(TOKEN)),
        Auth::without_accounts(),
        Arc::new(RenderCache::default()),
    );
    assert_eq!(get(&router, "/metrics").await.status, 401);
    let wrong = send(
        &router,
        "GET",
        "/metrics",
        &[("Authorization", "Bearer nope")],
    )
    .await;
    assert_eq!(wrong.status, 401);

    let unconfigured = accord_web::router(state(&instance, None));
    let answer = send(
        &unconfigured,
        "GET",
        "/metrics",
        &[("Authorization", &format!("Bearer {TOKEN}"))],
    )
    .await;
    assert_eq!(answer.status, 404, "no token configured: no metrics");
}

#[tokio::test]
async fn metrics_count_requests_by_route_pattern_and_the_log() {
    let instance = Instance::new();
    let router = accord_web::router_with_cache(
        state(&instance, Some(TOKEN)),
        Auth::without_accounts(),
        Arc::new(RenderCache::default()),
    );
    for _ in 0..2 {
        assert_eq!(get(&router, "/api/v1/groups/energy").await.status, 200);
    }
    assert_eq!(get(&router, "/api/v1/groups/nowhere").await.status, 404);
    let page = send(
        &router,
        "GET",
        "/metrics",
        &[("Authorization", &format!("Bearer {TOKEN}"))],
    )
    .await;
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-type")
            .starts_with("text/plain; version=0.0.4")
    );
    let body = &page.body;
    for line in [
        r#"accord_http_requests_total{route="/api/v1/groups/{id}",method="GET",status="200"} 2"#,
        r#"accord_http_requests_total{route="/api/v1/groups/{id}",method="GET",status="404"} 1"#,
        r#"accord_http_request_duration_seconds_count{route="/api/v1/groups/{id}"} 3"#,
        "# TYPE accord_http_request_duration_seconds histogram",
        "accord_answer_cache_hits_total 1",
        "accord_logins_failed_total 0",
        r#"accord_events_recorded_total{kind="InstanceInitialised"} 1"#,
        "# TYPE accord_acts_refused_total counter",
        "# TYPE accord_follower_lag_seconds gauge",
    ] {
        assert!(
            body.lines().any(|l| l == line),
            "no line {line:?} in:\n{body}"
        );
    }
    let size = instance.state().app.size();
    assert!(
        body.contains(&format!("\naccord_log_entries {size}\n")),
        "{body}"
    );
    assert!(!body.contains("nowhere"), "an address leaked into a label");
}
