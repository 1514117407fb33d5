//! `/log/…`: the checkpoint, hash tiles equal to the tree's hashes, partial
//! tiles' widths, entry bundles for node credentials only (none, revoked,
//! unknown, a person's API token), wide bundles for long entries, and
//! malformed paths answered 400 in plain text.

use std::sync::Arc;

use accord_domain::command::{Actor, Command};
use accord_domain::model::{Organisation, OrganisationKind};
use accord_log::tiles::{decode_bundle, decode_wide_bundle};
use accord_log::{Hash, Tree, hash_leaf};
use accord_store::accounts::Scope;
use accord_web::auth::Auth;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use tower::ServiceExt as _;

use crate::support::{Instance, off_runtime};

/// An answer with its body as bytes.
struct Raw {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn fetch(router: &Router, uri: &str, token: Option<&str>) -> Raw {
    let mut request = Request::builder().uri(uri);
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), 64 << 20)
        .await
        .unwrap()
        .to_vec();
    Raw {
        status,
        headers,
        body,
    }
}

struct World {
    instance: Instance,
    router: Router,
    node: String,
    revoked: String,
    api_token: String,
}

fn world() -> World {
    let instance = Instance::new();
    let accounts = instance.db.accounts();
    let (node, revoked, api_token) = off_runtime(|| {
        let node = accounts.issue_node_credential("AZ", "Baku", 0).unwrap();
        let revoked = accounts.issue_node_credential("US", "old", 0).unwrap();
        assert!(accounts.revoke_node_credential(&revoked.id, 1).unwrap());
        let api = accounts
            .issue_api_token("az-coord", "script", Scope::Write, 0)
            .unwrap();
        (node.token, revoked.token, api)
    });
    let router = accord_web::router_with(instance.state(), Auth::new(Arc::new(accounts)));
    World {
        instance,
        router,
        node,
        revoked,
        api_token,
    }
}

/// The log's size at its latest checkpoint.
fn size(instance: &Instance) -> u64 {
    off_runtime(|| instance.app.signed_checkpoint().unwrap().size)
}

/// Organisations registered in one append, to grow the log past a tile.
fn grow(instance: &Instance, count: usize, name_len: usize) {
    let commands = (0..count)
        .map(|i| Command::RegisterOrganisation {
            organisation: Organisation {
                id: format!("grown-{name_len}-{i}").as_str().into(),
                name: "n".repeat(name_len.max(1)),
                kind: OrganisationKind::CivilSociety,
                party: None,
            },
        })
        .collect();
    off_runtime(|| {
        instance.app.execute_all(
            &Actor::System,
            commands,
            "2026-03-02T10:00:00Z".parse().unwrap(),
        )
    })
    .unwrap();
}

fn hashes(tile: &[u8]) -> Vec<Hash> {
    assert_eq!(tile.len() % 32, 0);
    tile.chunks(32)
        .map(|c| Hash::from_bytes(c.try_into().unwrap()))
        .collect()
}

#[tokio::test]
async fn the_checkpoint_is_the_latest_signed_note_in_plain_text() {
    let w = world();
    let answer = fetch(&w.router, "/log/checkpoint", None).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), "text/plain; charset=utf-8");
    assert_eq!(answer.header("cache-control"), "no-cache");
    let note = off_runtime(|| w.instance.app.checkpoint().unwrap());
    assert_eq!(answer.text(), note);
    // Inside the security headers.
    assert!(!answer.header("content-security-policy").is_empty());
}

#[tokio::test]
async fn a_partial_tile_holds_the_trees_leaf_hashes_and_bundles_need_a_node_credential() {
    let w = world();
    let n = size(&w.instance);
    assert!(n > 3 && n < 256, "{n}");
    let path = format!("/log/tile/0/000.p/{n}");
    let tile = fetch(&w.router, &path, None).await;
    assert_eq!(tile.status, 200, "{}", tile.text());
    assert_eq!(tile.header("content-type"), "application/octet-stream");
    assert_eq!(tile.header("cache-control"), "public, max-age=5");
    assert_eq!(tile.body.len(), 32 * n as usize);

    // A narrower partial tile is the same hashes' prefix; wider, or full,
    // does not exist yet.
    let narrow = fetch(&w.router, "/log/tile/0/000.p/2", None).await;
    assert_eq!(narrow.body, tile.body[..64]);
    for absent in [
        format!("/log/tile/0/000.p/{}", n + 1),
        "/log/tile/0/000".to_owned(),
        "/log/tile/0/001.p/1".to_owned(),
        "/log/tile/1/000.p/1".to_owned(),
    ] {
        assert_eq!(
            fetch(&w.router, &absent, None).await.status,
            404,
            "{absent}"
        );
    }

    // Entries: none without a credential, nor with a revoked or unknown
    // one, nor with a person's API token.
    let bundle_path = format!("/log/tile/entries/000.p/{n}");
    let none = fetch(&w.router, &bundle_path, None).await;
    assert_eq!(none.status, 401);
    assert_eq!(none.header("www-authenticate"), "Bearer");
    for refused in [&w.revoked, &w.api_token, &"forged".to_owned()] {
        let answer = fetch(&w.router, &bundle_path, Some(refused)).await;
        assert_eq!(answer.status, 403, "{}", answer.text());
        assert!(answer.body.is_empty() || answer.text().is_ascii());
    }
    let bundle = fetch(&w.router, &bundle_path, Some(&w.node)).await;
    assert_eq!(bundle.status, 200, "{}", bundle.text());
    assert_eq!(bundle.header("content-type"), "application/octet-stream");
    let entries = decode_bundle(&bundle.body).unwrap();
    assert_eq!(entries.len() as u64, n);
    // The tile's hashes are the entries' leaf hashes, and the tree of
    // them has the checkpoint's root.
    let leaves: Vec<Hash> = entries.iter().map(|e| hash_leaf(e)).collect();
    assert_eq!(hashes(&tile.body), leaves);
    let summary = off_runtime(|| w.instance.app.record_summary().unwrap());
    assert_eq!(Tree::from_leaf_hashes(leaves).root(), summary.root);
    // The same entries wide.
    let wide = fetch(
        &w.router,
        &format!("/log/wide/entries/000.p/{n}"),
        Some(&w.node),
    )
    .await;
    assert_eq!(wide.status, 200);
    assert_eq!(decode_wide_bundle(&wide.body).unwrap(), entries);
    assert_eq!(
        fetch(&w.router, &format!("/log/wide/entries/000.p/{n}"), None)
            .await
            .status,
        401
    );
}

#[tokio::test]
async fn full_tiles_are_immutable_and_level_one_holds_subtree_roots() {
    let w = world();
    grow(&w.instance, 300, 1);
    let n = size(&w.instance);
    assert!(n > 256 && n < 512, "{n}");
    let full = fetch(&w.router, "/log/tile/0/000", None).await;
    assert_eq!(full.status, 200);
    assert_eq!(full.body.len(), 256 * 32);
    assert_eq!(
        full.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    let rest = fetch(&w.router, &format!("/log/tile/0/001.p/{}", n - 256), None).await;
    assert_eq!(rest.status, 200);
    let level1 = fetch(&w.router, "/log/tile/1/000.p/1", None).await;
    assert_eq!(level1.status, 200);
    let mut leaves = hashes(&full.body);
    leaves.extend(hashes(&rest.body));
    let tree = Tree::from_leaf_hashes(leaves);
    assert_eq!(hashes(&level1.body), vec![tree.root_at(256).unwrap()]);
    let summary = off_runtime(|| w.instance.app.record_summary().unwrap());
    assert_eq!(tree.root(), summary.root);
    let bundle = fetch(&w.router, "/log/tile/entries/000", Some(&w.node)).await;
    assert_eq!(bundle.status, 200);
    assert_eq!(decode_bundle(&bundle.body).unwrap().len(), 256);
    assert!(bundle.header("cache-control").contains("immutable"));
}

#[tokio::test]
async fn a_bundle_with_an_entry_over_64_kib_is_served_wide_only() {
    let w = world();
    let before = size(&w.instance);
    grow(&w.instance, 1, 70_000);
    let n = size(&w.instance);
    assert_eq!(n, before + 1);
    let path = format!("entries/000.p/{n}");
    let narrow = fetch(&w.router, &format!("/log/tile/{path}"), Some(&w.node)).await;
    assert_eq!(narrow.status, 413);
    assert!(
        narrow.text().contains(&format!("/log/wide/{path}")),
        "{}",
        narrow.text()
    );
    let wide = fetch(&w.router, &format!("/log/wide/{path}"), Some(&w.node)).await;
    assert_eq!(wide.status, 200);
    let entries = decode_wide_bundle(&wide.body).unwrap();
    assert!(entries.last().unwrap().len() > 70_000);
}

#[tokio::test]
async fn malformed_paths_are_400_in_plain_text() {
    let w = world();
    for bad in [
        "/log/tile/0/1",
        "/log/tile/0/000.p/0",
        "/log/tile/0/000.p/256",
        "/log/tile/64/000",
        "/log/tile/x/000",
        "/log/tile/0/x000/001",
        "/log/tile/entries/000.p/",
        "/log/tile/0/000/",
        "/log/wide/0/000",
        "/log/wide/entries/01",
    ] {
        let answer = fetch(&w.router, bad, Some(&w.node)).await;
        assert_eq!(answer.status, 400, "{bad}: {}", answer.text());
        assert!(
            answer.header("content-type").starts_with("text/plain"),
            "{bad}"
        );
        assert!(!answer.text().is_empty());
    }
}
