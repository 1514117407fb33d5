//! The OpenAPI document: it parses, is 3.1, lists exactly the API's routes,
//! and every route it lists answers; the documentation page shows them all.

use std::collections::BTreeSet;

use crate::support::{Instance, get};

/// Every route of the JSON API the router serves.
const API_ROUTES: [&str; 11] = [
    "/api/v1/charter",
    "/api/v1/groups",
    "/api/v1/groups/{id}",
    "/api/v1/groups/{id}/roadmap",
    "/api/v1/meetings",
    "/api/v1/projects",
    "/api/v1/projects/{id}",
    "/api/v1/record/checkpoint",
    "/api/v1/record/proof/{index}",
    "/api/v1/search",
    "/api/v1/status",
];

#[tokio::test]
async fn the_document_lists_every_route_and_each_answers() {
    let router = Instance::new().router();
    let answer = get(&router, "/api/openapi.json").await;
    assert_eq!(answer.status, 200);
    let doc = answer.json();
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    assert_eq!(doc["info"]["title"], "accord");
    // The public routes; those that need a person (with a security
    // requirement) are the approval flow's, tested in `api_agreement`.
    let paths: BTreeSet<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, ops)| {
            !ops.as_object()
                .unwrap()
                .values()
                .any(|op| op.get("security").is_some())
        })
        .map(|(path, _)| path.as_str())
        .collect();
    assert_eq!(paths, API_ROUTES.into_iter().collect());
    for path in paths {
        let ops = doc["paths"][path].as_object().unwrap();
        assert_eq!(ops.keys().collect::<Vec<_>>(), ["get"], "{path}");
        let op = &ops["get"];
        assert!(
            op["operationId"].is_string() && op["responses"]["200"].is_object(),
            "{path}"
        );
        let concrete = path
            .replace("/projects/{id}", "/projects/tripp-power")
            .replace("{id}", "energy")
            .replace("{index}", "0");
        let answer = get(&router, &concrete).await;
        assert_eq!(answer.status, 200, "{concrete}");
        crate::api::conforms(&doc, path, &answer);
    }
    // The error body is a named component.
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
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
