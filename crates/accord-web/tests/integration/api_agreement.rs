//! The approval flow through the JSON API: proposing a working group's
//! project list, what waits for a party, approving until adopted,
//! rejecting, withdrawing; a read-only token, no person at all, a stale
//! content hash and a session without its CSRF header refused with their
//! codes, and nothing recorded by a refusal.

use accord_store::accounts::Scope;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};
use tower::ServiceExt as _;

use crate::accounts::{WithAccounts, csrf_of};
use crate::support::Answer;

/// Sends a JSON request (an empty `body` sends none) with `headers`.
pub(crate) async fn call(
    world: &WithAccounts,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body = match body {
        Some(value) => {
            request = request.header("content-type", "application/json");
            Body::from(value.to_string())
        }
        None => Body::empty(),
    };
    let response = world
        .router
        .clone()
        .oneshot(request.body(body).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .unwrap();
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

pub(crate) fn token(world: &WithAccounts, person: &str, scope: Scope) -> String {
    let token =
        crate::support::off_runtime(|| world.accounts.issue_api_token(person, "script", scope, 0))
            .unwrap();
    format!("Bearer {token}")
}

pub(crate) fn code(answer: &Answer) -> String {
    answer.json()["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The Azerbaijani coordinator proposes the economy group's (empty)
/// project list through the API; its id and content hash.
async fn propose_economy_list(world: &WithAccounts, az: &str) -> (String, String) {
    let answer = call(
        world,
        "POST",
        "/api/v1/groups/economy-trade/proposals",
        &[("authorization", az)],
        Some(json!({"projects": []})),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let body = answer.json();
    assert_eq!(body["kind"], "project_list");
    assert_eq!(body["group"], "economy-trade");
    assert_eq!(body["my_party"], "AZ");
    assert_eq!(body["content"]["kind"], "project_list");
    (
        body["id"].as_str().unwrap().to_owned(),
        body["content_hash"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn both_parties_approve_and_the_list_is_adopted() {
    let world = WithAccounts::new();
    let az = token(&world, "az-coord", Scope::Write);
    let us = token(&world, "us-coord", Scope::Write);
    let (id, hash) = propose_economy_list(&world, &az).await;

    // It waits for the United States, with its exact content and hash.
    let waiting = call(
        &world,
        "GET",
        "/api/v1/approvals",
        &[("authorization", &us)],
        None,
    )
    .await;
    assert_eq!(waiting.status, 200, "{}", waiting.body);
    let waiting = waiting.json();
    assert_eq!(waiting["person"], "us-coord");
    let found = waiting["waiting"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id.as_str())
        .expect("the new list waits for the US");
    assert_eq!(found["content_hash"], hash.as_str());
    assert_eq!(found["content"]["group"], "economy-trade");

    let first = call(
        &world,
        "POST",
        &format!("/api/v1/proposals/{id}/approve"),
        &[("authorization", &az)],
        Some(json!({"content_hash": hash})),
    )
    .await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(first.json()["adopted_on"].is_null());
    let approved = call(
        &world,
        "GET",
        "/api/v1/approvals",
        &[("authorization", &az)],
        None,
    )
    .await;
    assert!(
        approved.json()["approved"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == id.as_str())
    );

    let second = call(
        &world,
        "POST",
        &format!("/api/v1/proposals/{id}/approve"),
        &[("authorization", &us)],
        Some(json!({"content_hash": hash})),
    )
    .await;
    assert_eq!(second.status, 200, "{}", second.body);
    let adopted = second.json();
    assert!(adopted["adopted_on"].is_string(), "{adopted}");
    assert!(
        adopted["parties"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["state"] == "approved")
    );
    // Adopted, it no longer waits for anyone.
    let after = call(
        &world,
        "GET",
        "/api/v1/approvals",
        &[("authorization", &us)],
        None,
    )
    .await;
    assert!(!after.body.contains(&format!("\"{id}\"")), "{}", after.body);
}

#[tokio::test]
async fn a_stale_content_hash_is_refused_and_nothing_recorded() {
    let world = WithAccounts::new();
    let az = token(&world, "az-coord", Scope::Write);
    let us = token(&world, "us-coord", Scope::Write);
    let (id, _) = propose_economy_list(&world, &az).await;
    let size = world.instance.app.size();
    let answer = call(
        &world,
        "POST",
        &format!("/api/v1/proposals/{id}/approve"),
        &[("authorization", &us)],
        Some(json!({"content_hash": "0".repeat(64)})),
    )
    .await;
    assert!(
        answer.status == StatusCode::CONFLICT || answer.status == StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.status
    );
    assert_eq!(code(&answer), "stale_content");
    assert_eq!(world.instance.app.size(), size);
}

#[tokio::test]
async fn a_read_only_token_changes_nothing() {
    let world = WithAccounts::new();
    let az = token(&world, "az-coord", Scope::Write);
    let reader = token(&world, "us-coord", Scope::Read);
    let (id, hash) = propose_economy_list(&world, &az).await;
    // It reads…
    let read = call(
        &world,
        "GET",
        "/api/v1/approvals",
        &[("authorization", &reader)],
        None,
    )
    .await;
    assert_eq!(read.status, 200, "{}", read.body);
    assert!(read.body.contains(&hash));
    // …and is refused every change.
    let size = world.instance.app.size();
    for (path, body) in [
        ("approve", Some(json!({"content_hash": hash}))),
        ("reject", Some(json!({"reason": "no"}))),
        ("withdraw-approval", None),
    ] {
        let answer = call(
            &world,
            "POST",
            &format!("/api/v1/proposals/{id}/{path}"),
            &[("authorization", &reader)],
            body,
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::FORBIDDEN,
            "{path}: {}",
            answer.body
        );
        assert_eq!(code(&answer), "token_read_only");
    }
    let proposed = call(
        &world,
        "POST",
        "/api/v1/groups/energy/proposals",
        &[("authorization", &reader)],
        Some(json!({"projects": []})),
    )
    .await;
    assert_eq!(proposed.status, StatusCode::FORBIDDEN);
    assert_eq!(world.instance.app.size(), size);
}

#[tokio::test]
async fn without_a_person_every_route_answers_401() {
    let world = WithAccounts::new();
    let size = world.instance.app.size();
    let routes = [
        ("GET", "/api/v1/approvals", None),
        (
            "POST",
            "/api/v1/groups/energy/proposals",
            Some(json!({"projects": []})),
        ),
        (
            "POST",
            "/api/v1/proposals/energy-list/approve",
            Some(json!({"content_hash": "x"})),
        ),
        (
            "POST",
            "/api/v1/proposals/energy-list/reject",
            Some(json!({"reason": "no"})),
        ),
        (
            "POST",
            "/api/v1/proposals/energy-list/withdraw-approval",
            None,
        ),
    ];
    for (method, uri, body) in routes {
        let answer = call(&world, method, uri, &[], body).await;
        assert_eq!(
            answer.status,
            StatusCode::UNAUTHORIZED,
            "{uri}: {}",
            answer.body
        );
        assert_eq!(code(&answer), "login_required", "{uri}");
    }
    let bad = call(
        &world,
        "GET",
        "/api/v1/approvals",
        &[("authorization", "Bearer not-a-token")],
        None,
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&bad), "bad_token");
    assert_eq!(world.instance.app.size(), size);
}

#[tokio::test]
async fn reject_with_a_reason_then_withdraw_an_approval() {
    let world = WithAccounts::new();
    let az = token(&world, "az-coord", Scope::Write);
    let us = token(&world, "us-coord", Scope::Write);
    let (id, hash) = propose_economy_list(&world, &az).await;
    let empty = call(
        &world,
        "POST",
        &format!("/api/v1/proposals/{id}/reject"),
        &[("authorization", &us)],
        Some(json!({"reason": ""})),
    )
    .await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.body
    );
    let rejected = call(
        &world,
        "POST",
        &format!("/api/v1/proposals/{id}/reject"),
        &[("authorization", &us)],
        Some(json!({"reason": "the list is empty"})),
    )
    .await;
    assert_eq!(rejected.status, 200, "{}", rejected.body);
    let us_position = rejected.json()["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["party"] == "US")
        .cloned()
        .unwrap();
    assert_eq!(us_position["state"], "rejected");
    assert_eq!(us_position["reason"], "the list is empty");

    let approved = call(
        &world,
        "POST",
        &format!("/api/v1/proposals/{id}/approve"),
        &[("authorization", &az)],
        Some(json!({"content_hash": hash})),
    )
    .await;
    assert_eq!(approved.status, 200, "{}", approved.body);
    let withdrawn = call(
        &world,
        "POST",
        &format!("/api/v1/proposals/{id}/withdraw-approval"),
        &[("authorization", &az)],
        None,
    )
    .await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.body);
    let az_position = withdrawn.json()["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["party"] == "AZ")
        .cloned()
        .unwrap();
    assert_eq!(az_position["state"], "waiting");
}

#[tokio::test]
async fn a_proposal_needs_a_list_or_a_roadmap_and_a_known_proposal() {
    let world = WithAccounts::new();
    let az = token(&world, "az-coord", Scope::Write);
    let size = world.instance.app.size();
    let neither = call(
        &world,
        "POST",
        "/api/v1/groups/energy/proposals",
        &[("authorization", &az)],
        Some(json!({})),
    )
    .await;
    assert_eq!(neither.status, StatusCode::BAD_REQUEST, "{}", neither.body);
    assert_eq!(code(&neither), "invalid");
    let bad_date = call(
        &world,
        "POST",
        "/api/v1/groups/energy/proposals",
        &[("authorization", &az)],
        Some(json!({"milestones": [{"id": "m", "title": "M", "due": "soon"}]})),
    )
    .await;
    assert_eq!(
        bad_date.status,
        StatusCode::BAD_REQUEST,
        "{}",
        bad_date.body
    );
    let unknown = call(
        &world,
        "POST",
        "/api/v1/proposals/no-such-thing/approve",
        &[("authorization", &az)],
        Some(json!({"content_hash": "x"})),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{}", unknown.body);
    assert_eq!(code(&unknown), "not_found");
    assert_eq!(world.instance.app.size(), size);
}

#[tokio::test]
async fn a_roadmap_is_proposed_with_its_milestones() {
    let world = WithAccounts::new();
    let az = token(&world, "az-coord", Scope::Write);
    let answer = call(
        &world,
        "POST",
        "/api/v1/groups/energy/proposals",
        &[("authorization", &az)],
        Some(json!({
            "milestones": [{"id": "grid-study", "title": "Grid study", "due": "2027-03-01"}],
            "approve": true
        })),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let body = answer.json();
    assert_eq!(body["kind"], "roadmap");
    assert_eq!(body["content"]["milestones"][0]["id"], "grid-study");
    assert!(
        body["parties"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["party"] == "AZ" && p["state"] == "approved")
    );
}

#[tokio::test]
async fn a_milestone_without_a_title_in_any_language_is_refused_and_nothing_recorded() {
    let world = WithAccounts::new();
    let az = token(&world, "az-coord", Scope::Write);
    let size = world.instance.app.size();
    for title in [
        json!({}),
        json!({"az": "  "}),
        json!(""),
        json!({"en": "<b>M</b>"}),
    ] {
        let answer = call(
            &world,
            "POST",
            "/api/v1/groups/energy/proposals",
            &[("authorization", &az)],
            Some(json!({"milestones": [{"id": "m", "title": title, "due": "2027-03-01"}]})),
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{title}: {}",
            answer.body
        );
        assert_eq!(code(&answer), "invalid", "{title}");
    }
    assert_eq!(world.instance.app.size(), size);
}

#[tokio::test]
async fn a_session_needs_its_csrf_header() {
    let world = WithAccounts::new();
    let mut us = world.logged_in("us-coord").await;
    let csrf = csrf_of(&us.get("/approvals").await.body);
    let cookie = us
        .cookies
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let size = world.instance.app.size();
    let without = call(
        &world,
        "POST",
        "/api/v1/groups/economy-trade/proposals",
        &[("cookie", &cookie)],
        Some(json!({"projects": []})),
    )
    .await;
    assert_eq!(without.status, StatusCode::FORBIDDEN);
    assert_eq!(code(&without), "csrf_missing");
    assert_eq!(world.instance.app.size(), size);
    let with = call(
        &world,
        "POST",
        "/api/v1/groups/economy-trade/proposals",
        &[("cookie", &cookie), ("x-csrf-token", &csrf)],
        Some(json!({"projects": []})),
    )
    .await;
    assert_eq!(with.status, StatusCode::CREATED, "{}", with.body);
    assert_eq!(with.json()["my_party"], "US");
}

#[tokio::test]
async fn the_document_describes_the_flow_and_its_bearer_scheme() {
    let world = WithAccounts::new();
    let doc = call(&world, "GET", "/api/openapi.json", &[], None)
        .await
        .json();
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    for (path, method, body) in [
        (
            "/api/v1/groups/{id}/proposals",
            "post",
            Some("ProposeRequest"),
        ),
        ("/api/v1/approvals", "get", None),
        (
            "/api/v1/proposals/{id}/approve",
            "post",
            Some("ApproveRequest"),
        ),
        (
            "/api/v1/proposals/{id}/reject",
            "post",
            Some("RejectRequest"),
        ),
        ("/api/v1/proposals/{id}/withdraw-approval", "post", None),
    ] {
        let op = &doc["paths"][path][method];
        assert!(op["security"][0]["bearer"].is_array(), "{path}");
        assert!(op["responses"]["401"].is_object(), "{path}");
        if let Some(schema) = body {
            assert_eq!(
                op["requestBody"]["content"]["application/json"]["schema"]["$ref"],
                format!("#/components/schemas/{schema}"),
                "{path}"
            );
        }
    }
}

#[tokio::test]
async fn an_as_of_that_is_not_exactly_a_date_is_refused_as_the_document_says() {
    let world = WithAccounts::new();
    for uri in [
        "/api/v1/status?as_of=",
        "/api/v1/meetings?as_of=",
        "/api/v1/status?as_of=%202026-05-10",
    ] {
        let answer = call(&world, "GET", uri, &[], None).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{uri}: {}",
            answer.body
        );
        assert_eq!(code(&answer), "bad_as_of", "{uri}");
    }
    let dated = call(&world, "GET", "/api/v1/status?as_of=2026-05-10", &[], None).await;
    assert_eq!(dated.status, 200, "{}", dated.body);
}
