//! The charter's acts through the JSON API, as its people carry them out:
//! the yearly charter meeting scheduled, held, its minutes (in Azerbaijani
//! and English, with an action) adopted by both parties, the obligation
//! met, the action done by its owner; a dialogue platform and a group's
//! scope agreed; and bad input refused with the field it names, nothing
//! recorded.

use accord_store::accounts::Scope;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::accounts::WithAccounts;
use crate::api_agreement::{call, code, token};

async fn post(world: &WithAccounts, who: &str, uri: &str, body: Value) -> crate::support::Answer {
    let bearer = token(world, who, Scope::Write);
    call(
        world,
        "POST",
        uri,
        &[("authorization", &bearer)],
        Some(body),
    )
    .await
}

async fn get(world: &WithAccounts, who: &str, uri: &str) -> crate::support::Answer {
    let bearer = token(world, who, Scope::Read);
    call(world, "GET", uri, &[("authorization", &bearer)], None).await
}

/// Both coordinators approve proposal `id` at its content hash.
async fn adopt(world: &WithAccounts, proposal: &Value) {
    let id = proposal["id"].as_str().unwrap();
    let hash = proposal["content_hash"].as_str().unwrap();
    for who in ["az-coord", "us-coord"] {
        let answer = post(
            world,
            who,
            &format!("/api/v1/proposals/{id}/approve"),
            json!({"content_hash": hash}),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    }
}

#[tokio::test]
async fn a_charter_meeting_is_scheduled_held_minuted_and_its_action_done() {
    let world = WithAccounts::new();
    let scheduled = post(
        &world,
        "us-coord",
        "/api/v1/meetings",
        json!({"kind": "charter", "group": null, "date": "2026-11-20", "place": "Baku",
               "participants": ["az-coord", "us-coord"],
               "agenda": [{"title": {"en": "Review of the year", "az": "İlin icmalı"},
                           "provisions": ["I.1"], "projects": [], "milestones": []}]}),
    )
    .await;
    assert_eq!(scheduled.status, StatusCode::CREATED, "{}", scheduled.body);
    let id = scheduled.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(id, "charter-2026-11-20");
    assert!(scheduled.json()["log_index"].as_u64().is_some());

    let detail = get(&world, "us-coord", &format!("/api/v1/meetings/{id}")).await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.body);
    let detail = detail.json();
    assert_eq!(detail["meeting"]["agenda"][0]["title"]["az"], "İlin icmalı");
    assert_eq!(detail["acts"]["hold"], true);
    assert_eq!(detail["acts"]["propose_minutes"], false, "not held yet");
    let agenda = get(
        &world,
        "us-coord",
        &format!("/api/v1/meetings/{id}/proposed-agenda"),
    )
    .await;
    assert_eq!(agenda.status, StatusCode::OK, "{}", agenda.body);
    // The bundled charter's commitments are not all covered: they are proposed.
    assert!(
        agenda.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["reason"] == "uncovered_commitment"),
        "{}",
        agenda.body
    );

    let held = post(
        &world,
        "us-coord",
        &format!("/api/v1/meetings/{id}/held"),
        json!({"on": "2026-11-20", "attendees": ["az-coord", "us-coord"]}),
    )
    .await;
    assert_eq!(held.status, StatusCode::CREATED, "{}", held.body);

    let proposed = post(
        &world,
        "az-coord",
        &format!("/api/v1/meetings/{id}/minutes"),
        json!({"text": {"az": "Tərəflər görüşdü.", "en": "The parties met."},
               "decisions": [{"kind": "action", "text": {"en": "Draft the energy roadmap"},
                              "owner": "az-energy", "due": "2026-12-20",
                              "provisions": ["I.1"], "projects": []}]}),
    )
    .await;
    assert_eq!(proposed.status, StatusCode::CREATED, "{}", proposed.body);
    let proposal = proposed.json();
    assert_eq!(proposal["kind"], "minutes");
    assert_eq!(proposal["content"]["text"]["az"], "Tərəflər görüşdü.");
    adopt(&world, &proposal).await;

    let status = get(&world, "us-coord", "/api/v1/status").await.json();
    assert_eq!(status["charter_meetings"]["held"], 1, "{status}");
    assert_eq!(status["charter_meetings"]["state"], "met", "{status}");

    let actions = get(&world, "az-energy", "/api/v1/actions").await;
    assert_eq!(actions.status, StatusCode::OK, "{}", actions.body);
    let action = actions.json()["actions"][0].clone();
    assert_eq!(action["state"], "open");
    assert_eq!(action["owner"], "az-energy");
    let action_id = action["id"].as_str().unwrap().to_owned();
    // Its owner marks it done, once.
    let owner = post(
        &world,
        "az-energy",
        &format!("/api/v1/actions/{action_id}/done"),
        json!({"note": "Drafted."}),
    )
    .await;
    assert_eq!(owner.status, StatusCode::CREATED, "{}", owner.body);
    let again = post(
        &world,
        "az-energy",
        &format!("/api/v1/actions/{action_id}/done"),
        json!({"note": "Again."}),
    )
    .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.body
    );
    let done = get(&world, "us-coord", "/api/v1/actions").await.json();
    assert_eq!(done["actions"][0]["state"], "done");
    assert_eq!(done["actions"][0]["note"], "Drafted.");
    // The public sees the charter meeting's date, not its minutes or actions.
    let public = call(&world, "GET", "/api/v1/actions", &[], None)
        .await
        .json();
    assert_eq!(public["actions"], json!([]));
}

#[tokio::test]
async fn bad_input_is_refused_naming_the_field_and_records_nothing() {
    let world = WithAccounts::new();
    let size = world.instance.app.size();
    let cases = [
        (
            "az-coord",
            "/api/v1/meetings",
            json!({"kind": "charter", "group": null, "date": "1999-01-01", "place": "x",
                   "participants": [], "agenda": []}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "date",
        ),
        (
            "az-coord",
            "/api/v1/meetings",
            json!({"kind": "charter", "date": "2026-12-01", "place": "x",
                   "agenda": [{"title": {"en": "<script>alert(1)</script>"}}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "agenda",
        ),
        (
            "az-coord",
            "/api/v1/meetings",
            json!({"kind": "charter", "date": "next week", "place": "x"}),
            StatusCode::BAD_REQUEST,
            "date",
        ),
        (
            "az-coord",
            "/api/v1/meetings/no-such-meeting/held",
            json!({"on": "2026-11-20", "attendees": []}),
            StatusCode::NOT_FOUND,
            "no-such-meeting",
        ),
        (
            // A co-chair does not schedule the charter meeting.
            "az-energy",
            "/api/v1/meetings",
            json!({"kind": "charter", "date": "2026-12-01", "place": "Baku"}),
            StatusCode::FORBIDDEN,
            "az-energy",
        ),
    ];
    for (who, uri, body, status, names) in cases {
        let answer = post(&world, who, uri, body).await;
        assert_eq!(answer.status, status, "{uri}: {}", answer.body);
        assert!(answer.body.contains(names), "{uri}: {}", answer.body);
    }
    let nonsense = post(
        &world,
        "az-coord",
        "/api/v1/meetings",
        json!({"kind": "nonsense", "date": "2026-12-01"}),
    )
    .await;
    assert!(
        nonsense.status == StatusCode::UNPROCESSABLE_ENTITY
            || nonsense.status == StatusCode::BAD_REQUEST,
        "{}",
        nonsense.body
    );
    // Minutes for a meeting not held.
    let scheduled = post(
        &world,
        "az-coord",
        "/api/v1/meetings",
        json!({"kind": "charter", "date": "2026-12-01", "place": "Washington"}),
    )
    .await;
    assert_eq!(scheduled.status, StatusCode::CREATED, "{}", scheduled.body);
    let size = size + 1;
    let minutes = post(
        &world,
        "az-coord",
        "/api/v1/meetings/charter-2026-12-01/minutes",
        json!({"text": {"en": "Too early."}}),
    )
    .await;
    assert_eq!(
        minutes.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        minutes.body
    );
    assert_eq!(code(&minutes), "invalid");
    assert_eq!(
        world.instance.app.size(),
        size,
        "no refusal recorded anything"
    );
}

#[tokio::test]
async fn a_dialogue_platform_and_a_groups_scope_are_agreed_by_both_parties() {
    let world = WithAccounts::new();
    let proposed = post(
        &world,
        "az-coord",
        "/api/v1/dialogue-platforms",
        json!({"id": "caspian-energy-dialogue",
               "name": {"en": "Caspian energy dialogue", "az": "Xəzər enerji dialoqu"},
               "purpose": {"en": "Energy security"}}),
    )
    .await;
    assert_eq!(proposed.status, StatusCode::CREATED, "{}", proposed.body);
    let groups = call(&world, "GET", "/api/v1/groups", &[], None)
        .await
        .json();
    assert!(!groups.to_string().contains("caspian-energy-dialogue"));
    adopt(&world, &proposed.json()).await;
    let groups = call(&world, "GET", "/api/v1/groups", &[], None)
        .await
        .json();
    assert!(
        groups
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["id"] == "caspian-energy-dialogue"),
        "{groups}"
    );

    let scope = post(
        &world,
        "az-energy",
        "/api/v1/groups/energy/scope",
        json!({"provisions": ["I.1", "II.4"]}),
    )
    .await;
    assert_eq!(scope.status, StatusCode::CREATED, "{}", scope.body);
    assert_eq!(scope.json()["kind"], "group_scope");
    let unknown = post(
        &world,
        "az-energy",
        "/api/v1/groups/energy/scope",
        json!({"provisions": ["XX.9"]}),
    )
    .await;
    assert_eq!(code(&unknown), "unknown_provision", "{}", unknown.body);
}

/// A multipart body with one file.
fn upload(name: &str, bytes: &str) -> (String, String) {
    let body = format!(
        "--XbX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/plain\r\n\r\n{bytes}\r\n--XbX--\r\n"
    );
    (body, "multipart/form-data; boundary=XbX".to_owned())
}

#[tokio::test]
async fn a_list_agreed_on_paper_in_may_and_recorded_in_november_meets_its_deadline_in_may() {
    let world = WithAccounts::new();
    // The meeting where it was agreed, held in May, with the signed minutes.
    let scheduled = post(
        &world,
        "az-coord",
        "/api/v1/meetings",
        json!({"kind": "charter", "date": "2026-05-05", "place": "Baku"}),
    )
    .await;
    assert_eq!(scheduled.status, StatusCode::CREATED, "{}", scheduled.body);
    let held = post(
        &world,
        "az-coord",
        "/api/v1/meetings/charter-2026-05-05/held",
        json!({"on": "2026-05-05"}),
    )
    .await;
    assert_eq!(held.status, StatusCode::CREATED, "{}", held.body);
    let (body, content_type) = upload("signed-list.txt", "Connectivity: the list, signed");
    let bearer = token(&world, "az-coord", Scope::Write);
    let mut request = axum::http::Request::builder()
        .method("POST")
        .uri("/api/v1/meetings/charter-2026-05-05/documents")
        .header("authorization", &bearer)
        .header("content-type", &content_type);
    request = request.header("content-length", body.len());
    let answer = {
        use tower::ServiceExt as _;
        world
            .router
            .clone()
            .oneshot(request.body(axum::body::Body::from(body)).unwrap())
            .await
            .unwrap()
    };
    assert_eq!(answer.status(), StatusCode::CREATED);
    let bytes = axum::body::to_bytes(answer.into_body(), 1 << 20)
        .await
        .unwrap();
    let sha = serde_json::from_slice::<Value>(&bytes).unwrap()["sha256"]
        .as_str()
        .unwrap()
        .to_owned();

    // A date in the future, or no evidence, is refused.
    let future = post(
        &world,
        "az-coord",
        "/api/v1/groups/connectivity/proposals",
        json!({"projects": [], "took_effect_on": "2026-12-30",
               "evidence": {"meeting": "charter-2026-05-05", "sha256": sha}}),
    )
    .await;
    assert_eq!(
        future.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        future.body
    );
    assert!(future.body.contains("took_effect_on"), "{}", future.body);
    let alone = post(
        &world,
        "az-coord",
        "/api/v1/groups/connectivity/proposals",
        json!({"projects": [], "took_effect_on": "2026-05-05"}),
    )
    .await;
    assert_eq!(alone.status, StatusCode::BAD_REQUEST, "{}", alone.body);

    let proposed = post(
        &world,
        "az-coord",
        "/api/v1/groups/connectivity/proposals",
        json!({"projects": [], "took_effect_on": "2026-05-05",
               "evidence": {"meeting": "charter-2026-05-05", "sha256": sha}}),
    )
    .await;
    assert_eq!(proposed.status, StatusCode::CREATED, "{}", proposed.body);
    let proposal = proposed.json();
    assert_eq!(proposal["kind"], "project_list");
    assert_eq!(proposal["content"]["took_effect_on"], "2026-05-05");
    adopt(&world, &proposal).await;

    // Judged by the date it took effect (the deadline was 2026-05-10), not
    // by the day it was recorded.
    let status = get(&world, "us-coord", "/api/v1/status").await.json();
    let group = status["working_groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "connectivity")
        .unwrap()
        .clone();
    assert_eq!(group["project_list"]["state"], "met", "{group}");
    assert_eq!(group["project_list"]["met_on"], "2026-05-05", "{group}");
    // The record shows both dates: adopted today, effective in May.
    assert!(proposal["made_on"].as_str().unwrap() >= "2026-11-01");
}
