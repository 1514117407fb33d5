//! `/search` and `/api/v1/search`: in two languages, against the OpenAPI
//! document, and the restricted project's title found exactly by those who
//! may see it.

use crate::matrix_world::{RESTRICTED, ROLES, client_for, world};
use crate::support::{Instance, PUBLIC_TITLE, RESTRICTED_TITLE, get};

/// Who may see the restricted project among `matrix_world::ROLES`.
const SEE_RESTRICTED: [&str; 5] = [
    "energy-member",
    "az-energy",
    "az-coord",
    "us-coord",
    "auditor",
];

#[tokio::test]
async fn the_page_finds_what_the_public_may_see_in_two_languages() {
    let router = Instance::new().router();
    let en = get(&router, "/search?q=tripp+POWER&lang=en").await;
    assert_eq!(en.status, 200);
    assert!(en.body.contains("<h1>Search</h1>"), "{}", en.body);
    assert!(en.body.contains("href=\"/projects/tripp-power\""));
    assert!(en.body.contains(PUBLIC_TITLE));
    assert!(en.body.contains("Projects (1)"));
    // The header's box holds the query.
    assert!(en.body.contains("value=\"tripp POWER\""));
    let fr = get(&router, "/search?q=tripp+power&lang=fr").await;
    assert_eq!(fr.status, 200);
    assert!(fr.body.contains("<h1>Recherche</h1>"));
    assert!(fr.body.contains("Projets (1)"));
    assert!(!fr.body.contains(RESTRICTED_TITLE));
    let empty = get(&router, "/search?lang=en").await;
    assert_eq!(empty.status, 200);
    assert!(empty.body.contains("Type one or more words"));
}

#[tokio::test]
async fn every_page_has_a_search_box() {
    let router = Instance::new().router();
    for path in ["/", "/charter", "/meetings?lang=az"] {
        let page = get(&router, path).await;
        assert!(
            page.body.contains(
                r#"<form class="site-search" role="search" method="get" action="/search">"#
            ) && page.body.contains(r#"<label for="site-search-q">"#),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_api_answers_as_its_document_says() {
    let router = Instance::new().router();
    let doc = get(&router, "/api/openapi.json").await.json();
    let answer = get(&router, "/api/v1/search?q=Trípp&limit=5").await;
    assert_eq!(answer.status, 200);
    crate::api::conforms(&doc, "/api/v1/search", &answer);
    let body = answer.json();
    let projects = body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["kind"] == "project")
        .unwrap();
    assert_eq!(projects["total"], 1);
    assert_eq!(projects["hits"][0]["link"], "/projects/tripp-power");
    let long = format!("/api/v1/search?q={}", "a".repeat(201));
    let refused = get(&router, &long).await;
    assert_eq!(refused.status, 400);
    assert_eq!(refused.json()["error"]["code"], "query_too_long");
    crate::api::conforms(&doc, "/api/v1/search", &refused);
    let page = get(&router, &format!("/search?q={}&lang=en", "a".repeat(201))).await;
    assert_eq!(page.status, 400);
    let bad_limit = get(&router, "/api/v1/search?q=grid&limit=0").await;
    assert_eq!(bad_limit.json()["error"]["code"], "bad_limit");
    let empty = get(&router, "/api/v1/search?q=++").await.json();
    assert_eq!(empty["total"], 0);
}

#[tokio::test]
async fn the_restricted_title_is_found_exactly_by_those_who_may_see_it() {
    let world = world();
    for who in ROLES {
        let may_see = SEE_RESTRICTED.contains(&who);
        let mut client = client_for(&world, who).await;
        let body = client
            .get("/api/v1/search?q=grid+PROTECTION+plan")
            .await
            .json();
        let projects: Vec<&str> = body["groups"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| g["kind"] == "project")
            .flat_map(|g| g["hits"].as_array().unwrap())
            .map(|h| h["id"].as_str().unwrap())
            .collect();
        let expected: &[&str] = if may_see { &[RESTRICTED] } else { &[] };
        assert_eq!(projects, expected, "{who}");
        let page = client.get("/search?q=grid+protection+plan&lang=en").await;
        assert_eq!(page.status, 200, "{who}");
        assert_eq!(page.body.contains(RESTRICTED_TITLE), may_see, "{who}");
    }
}

/// The ids of `kind`'s hits in a search answer.
fn hit_ids(body: &serde_json::Value, kind: &str) -> Vec<String> {
    body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["kind"] == kind)
        .flat_map(|g| g["hits"].as_array().unwrap())
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_restricted_milestone_and_agenda_item_are_found_only_by_those_who_may_see_them() {
    let world = world();
    for who in ROLES {
        let may_see = SEE_RESTRICTED.contains(&who);
        let mut client = client_for(&world, who).await;
        let audit = client.get("/api/v1/search?q=GRID-audit").await.json();
        assert_eq!(
            hit_ids(&audit, "milestone") == ["grid-audit"],
            may_see,
            "{who}: {audit}"
        );
        assert_eq!(audit["total"] != 0, may_see, "{who}: {audit}");
        let briefing = client
            .get("/api/v1/search?q=protection+briefing")
            .await
            .json();
        assert_eq!(
            hit_ids(&briefing, "meeting").len() == 1,
            may_see,
            "{who}: {briefing}"
        );
        assert_eq!(briefing["total"] != 0, may_see, "{who}: {briefing}");
    }
}

#[tokio::test]
async fn people_are_found_by_participants_only() {
    let world = world();
    let mut anonymous = client_for(&world, "anonymous").await;
    let public = anonymous.get("/api/v1/search?q=partner").await.json();
    assert!(hit_ids(&public, "person").is_empty(), "{public}");
    let mut coordinator = client_for(&world, "az-coord").await;
    let found = coordinator.get("/api/v1/search?q=partner").await.json();
    assert!(
        hit_ids(&found, "person").contains(&"acwa-partner".to_owned()),
        "{found}"
    );
}
