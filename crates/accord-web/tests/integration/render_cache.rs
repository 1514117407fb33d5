//! The cache of finished answers: an answer from the cache is the handler's
//! answer byte for byte, any recorded command changes it, and two viewers
//! never share one.

use std::sync::Arc;

use accord_web::auth::Auth;
use accord_web::render_cache::RenderCache;
use axum::Router;
use axum::http::HeaderMap;
use axum::http::header::SET_COOKIE;

use crate::matrix_world::{RESTRICTED, client_for, world};
use crate::support::{Answer, Instance, RESTRICTED_TITLE, get};

/// The addresses of the cached routes, with queries that change answers.
const ADDRESSES: [&str; 14] = [
    "/",
    "/?lang=en",
    "/?as_of=2026-05-10",
    "/?lang=az&as_of=2026-04-09",
    "/api/v1/status",
    "/api/v1/status?as_of=2026-05-10",
    "/api/v1/projects",
    "/api/v1/projects?limit=1&offset=1",
    "/api/v1/projects?group=energy",
    "/api/v1/groups",
    "/api/v1/groups/energy",
    "/api/v1/meetings",
    "/api/v1/meetings?as_of=2026-05-10",
    "/api/v1/charter",
];

fn router(instance: &Instance, cache: &Arc<RenderCache>) -> Router {
    accord_web::router_with_cache(
        instance.state(),
        Auth::without_accounts(),
        Arc::clone(cache),
    )
}

/// The headers the handler and the cache answer for, without the cookies
/// the outer layers set on every answer.
fn own_headers(answer: &Answer) -> HeaderMap {
    let mut headers = answer.headers.clone();
    headers.remove(SET_COOKIE);
    headers.remove(accord_web::request_id::HEADER);
    headers
}

#[tokio::test]
async fn an_answer_from_the_cache_is_the_handlers_answer_byte_for_byte() {
    let instance = Instance::new();
    let uncached = router(&instance, &Arc::new(RenderCache::disabled()));
    let cache = Arc::new(RenderCache::default());
    let cached = router(&instance, &cache);
    for address in ADDRESSES {
        let expected = get(&uncached, address).await;
        assert_eq!(expected.status, 200, "{address}: {}", expected.body);
        let first = get(&cached, address).await;
        let hits = cache.hits();
        let second = get(&cached, address).await;
        assert_eq!(cache.hits(), hits + 1, "{address} came from the cache");
        for answer in [&first, &second] {
            assert_eq!(answer.status, expected.status, "{address}");
            assert_eq!(answer.body, expected.body, "{address}");
            assert_eq!(own_headers(answer), own_headers(&expected), "{address}");
        }
    }
    assert_eq!(cache.misses(), ADDRESSES.len() as u64);
}

#[tokio::test]
async fn errors_and_other_routes_are_not_kept() {
    let instance = Instance::new();
    let cache = Arc::new(RenderCache::default());
    let router = router(&instance, &cache);
    for _ in 0..2 {
        assert_eq!(get(&router, "/?as_of=tomorrow").await.status, 400);
        assert_eq!(get(&router, "/api/v1/projects?limit=0").await.status, 400);
        assert_eq!(get(&router, "/api/v1/groups/fishing").await.status, 404);
        assert_eq!(get(&router, "/charter").await.status, 200);
    }
    assert_eq!(cache.hits(), 0);
}

#[tokio::test]
async fn a_recorded_command_changes_the_cached_answer() {
    let instance = Instance::new();
    let cache = Arc::new(RenderCache::default());
    let router = router(&instance, &cache);
    let before = get(&router, "/api/v1/groups").await;
    assert_eq!(get(&router, "/api/v1/groups").await.body, before.body);
    assert!(!before.body.contains("\"III.4\""), "{}", before.body);
    instance
        .agree_group_scope("connectivity", vec!["I.p1".into(), "III.4".into()])
        .await
        .unwrap();
    let hits = cache.hits();
    let after = get(&router, "/api/v1/groups").await;
    assert_eq!(cache.hits(), hits, "the append emptied the cache");
    assert!(after.body.contains("\"III.4\""), "{}", after.body);
    let uncached = accord_web::router_with_cache(
        instance.state(),
        Auth::without_accounts(),
        Arc::new(RenderCache::disabled()),
    );
    assert_eq!(after.body, get(&uncached, "/api/v1/groups").await.body);
}

#[tokio::test]
async fn a_restricted_project_never_reaches_the_public_through_the_cache() {
    let world = world();
    let mut member = client_for(&world, "energy-member").await;
    let mut public = client_for(&world, "anonymous").await;
    let mut trade = client_for(&world, "us-trade").await;
    for address in [
        "/api/v1/projects?group=energy",
        "/api/v1/groups/energy",
        "/api/v1/charter",
        "/api/v1/projects",
    ] {
        // The member asks first, so that the answer naming the restricted
        // project is in the cache when the others ask the same address.
        let seen = member.get(address).await;
        assert_eq!(seen.status, 200, "{address}");
        assert!(seen.body.contains(RESTRICTED), "{address}: {}", seen.body);
        for _ in 0..2 {
            for other in [&mut public, &mut trade] {
                let answer = other.get(address).await;
                assert_eq!(answer.status, 200, "{address}");
                assert!(
                    !answer.body.contains(RESTRICTED),
                    "{address}: {}",
                    answer.body
                );
                assert!(!answer.body.contains(RESTRICTED_TITLE), "{address}");
            }
        }
        // And the member still sees it, from the cache.
        assert!(member.get(address).await.body.contains(RESTRICTED));
    }
}
