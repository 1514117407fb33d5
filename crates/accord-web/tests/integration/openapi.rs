//! The OpenAPI document: it parses, is 3.1, lists exactly the API's routes,
//! and every route it lists answers; the documentation page shows them all.

use std::collections::BTreeSet;

use crate::support::{Instance, get};

/// Every route of the JSON API the router serves.
const API_ROUTES: [&str; 16] = [
    "/api/v1/actions",
    "/api/v1/charter",
    "/api/v1/groups",
    "/api/v1/groups/{id}",
    "/api/v1/groups/{id}/roadmap",
    "/api/v1/meetings",
    "/api/v1/meetings/{id}",
    "/api/v1/meetings/{id}/proposed-agenda",
    "/api/v1/projects",
    "/api/v1/projects/{id}",
    "/api/v1/projects/{id}/history",
    "/api/v1/record/checkpoint",
    "/api/v1/record/proof/{index}",
    "/api/v1/record/tlog-proof/{index}",
    "/api/v1/search",
    "/api/v1/status",
];

#[tokio::test]
async fn the_document_lists_every_route_and_each_answers() {
    let instance = Instance::new();
    // A meeting, for the routes of one meeting.
    instance.by(
        "az-coord",
        "2026-11-20",
        accord_domain::command::Command::ScheduleMeeting {
            meeting: accord_domain::model::MeetingSpec {
                id: "charter-2026".into(),
                kind: accord_domain::model::MeetingKind::Charter,
                group: None,
                date: jiff::civil::date(2026, 12, 1),
                place: "Baku".into(),
                participants: Vec::new(),
                agenda: Vec::new(),
                title: Default::default(),
            },
        },
    );
    let router = instance.router();
    let answer = get(&router, "/api/openapi.json").await;
    assert_eq!(answer.status, 200);
    let doc = answer.json();
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    assert_eq!(doc["info"]["title"], "accord");
    // The public reads; the operations that need a person (with a
    // security requirement) are tested in `api_agreement` and `api_acts`.
    let paths: BTreeSet<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, ops)| {
            ops.get("get")
                .is_some_and(|op| op.get("security").is_none())
        })
        .map(|(path, _)| path.as_str())
        .collect();
    assert_eq!(paths, API_ROUTES.into_iter().collect());
    for path in paths {
        let ops = doc["paths"][path].as_object().unwrap();
        let op = &ops["get"];
        assert!(
            op["operationId"].is_string() && op["responses"]["200"].is_object(),
            "{path}"
        );
        let concrete = path
            .replace("/projects/{id}", "/projects/tripp-power")
            .replace("/meetings/{id}", "/meetings/charter-2026")
            .replace("{id}", "energy")
            .replace("{index}", "0");
        let answer = get(&router, &concrete).await;
        // A meeting's proposed agenda is for those who see it in full: the
        // public gets the documented 404 (the matrix tests the others).
        let expected = if path.ends_with("/proposed-agenda") {
            404
        } else {
            200
        };
        assert_eq!(answer.status, expected, "{concrete}");
        if path.ends_with("/tlog-proof/{index}") {
            // A C2SP tlog-proof, documented as text/plain.
            let content = &op["responses"]["200"]["content"];
            assert!(content["text/plain"].is_object(), "{path}: {content}");
            assert!(answer.header("content-type").starts_with("text/plain"));
            assert!(answer.body.starts_with("c2sp.org/tlog-proof@v1\n"));
        } else if expected == 200 {
            crate::api::conforms(&doc, path, &answer);
        }
    }
    // The error body is a named component.
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
    // A milestone's title is answered per language, and read per language
    // or, as requests were written before, as one plain string.
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["MilestoneBody"]["properties"]["title"]["type"],
        "object"
    );
    let title = schemas["MilestoneTitleRequest"].to_string();
    assert!(
        title.contains(r#""type":"object""#) && title.contains(r#""type":"string""#),
        "{title}"
    );
}

#[tokio::test]
async fn the_documentation_page_works_offline_and_lists_every_operation() {
    let router = Instance::new().router();
    let page = get(&router, "/api/docs?lang=en").await;
    assert_eq!(page.status, 200);
    for path in API_ROUTES {
        assert!(
            page.body.contains(&format!("GET</span> {path}")),
            "{path} missing"
        );
    }
    // No script, and nothing loaded from another origin.
    assert!(!page.body.contains("<script"));
    assert!(!page.body.contains("src=\"http") && !page.body.contains("href=\"http"));
}
