//! The JSON API: shapes, errors, and every answer checked against the
//! OpenAPI document's own schema for it.

use serde_json::{Value, json};

use crate::support::{Answer, Instance, get};

/// The schema the document gives for `path`'s GET answer with `status`,
/// with the document's components beside it so that `$ref`s resolve.
fn response_schema(document: &Value, path: &str, status: u16) -> Value {
    let schema = &document["paths"][path]["get"]["responses"][status.to_string()]["content"]["application/json"]
        ["schema"];
    assert!(!schema.is_null(), "no schema for GET {path} → {status}");
    let mut schema = schema.clone();
    schema["components"] = document["components"].clone();
    schema
}

/// Asserts that `answer` (to GET `path`, the document's template) is what
/// the document says.
pub fn conforms(document: &Value, path: &str, answer: &Answer) {
    assert_eq!(answer.header("content-type"), "application/json", "{path}");
    let schema = response_schema(document, path, answer.status.as_u16());
    let validator = jsonschema::validator_for(&schema).unwrap();
    let body = answer.json();
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "GET {path} does not conform: {errors:#?}\n{body:#}"
    );
}

async fn document(router: &axum::Router) -> Value {
    get(router, "/api/openapi.json").await.json()
}

#[tokio::test]
async fn the_status_report_on_an_as_of_date() {
    let router = Instance::new().router();
    let doc = document(&router).await;
    let answer = get(&router, "/api/v1/status?as_of=2026-04-09").await;
    assert_eq!(answer.status, 200);
    conforms(&doc, "/api/v1/status", &answer);
    let body = answer.json();
    assert_eq!(body["as_of"], "2026-04-09");
    assert_eq!(body["signed_on"], "2026-02-10");
    let groups: Vec<&str> = body["working_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        groups,
        [
            "economy-trade",
            "energy",
            "connectivity",
            "ai-digital",
            "security-defense"
        ]
    );
    assert_eq!(
        body["working_groups"][1]["project_list"],
        json!({"due": "2026-05-10", "state": "met", "met_on": "2026-04-09", "days_left": 0, "days_overdue": 0, "days_late": 0})
    );
    assert_eq!(
        body["working_groups"][0]["project_list"]["state"],
        "pending"
    );
    assert_eq!(body["working_groups"][0]["project_list"]["days_left"], 31);
    // Without a date: today, by the server's clock.
    assert_eq!(
        get(&router, "/api/v1/status").await.json()["as_of"],
        "2026-11-27"
    );
}

#[tokio::test]
async fn a_bad_date_is_a_400_with_a_code() {
    let router = Instance::new().router();
    let answer = get(&router, "/api/v1/status?as_of=2026-13-01").await;
    assert_eq!(answer.status, 400);
    conforms(&document(&router).await, "/api/v1/status", &answer);
    assert_eq!(answer.json()["error"]["code"], "bad_as_of");
    assert!(
        answer.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("2026-13-01")
    );
}

#[tokio::test]
async fn the_charter_groups_and_projects() {
    let router = Instance::new().router();
    let doc = document(&router).await;

    let charter = get(&router, "/api/v1/charter").await;
    conforms(&doc, "/api/v1/charter", &charter);
    let charter = charter.json();
    assert_eq!(charter["languages"], json!(["fr"]));
    let i1 = charter["provisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "I.1")
        .unwrap();
    assert_eq!(i1["cited_by"], json!(["tripp-power"]));
    assert_eq!(i1["commitment"], true);
    assert_eq!(i1["uncovered"], false);
    let i2 = charter["provisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "I.2")
        .unwrap();
    assert_eq!(i2["uncovered"], true);
    assert!(
        charter["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["kind"] == "deadline" && o["within"] == "P3M")
    );

    let groups = get(&router, "/api/v1/groups").await;
    conforms(&doc, "/api/v1/groups", &groups);
    let groups = groups.json();
    assert_eq!(groups[1]["id"], "energy");
    assert_eq!(groups[1]["names"]["az"], "Enerji");
    assert_eq!(groups[1]["project_list_agreed_on"], "2026-04-09");
    assert_eq!(groups[0]["project_list_agreed_on"], Value::Null);

    let energy = get(&router, "/api/v1/groups/energy").await;
    conforms(&doc, "/api/v1/groups/{id}", &energy);
    assert_eq!(energy.json()["projects"][0]["id"], "tripp-power");

    let projects = get(&router, "/api/v1/projects?group=energy").await;
    conforms(&doc, "/api/v1/projects", &projects);
    assert_eq!(
        projects.json()[0],
        json!({
            "id": "tripp-power", "group": "energy", "title": {"en": "TRIPP power line"},
            "description": {},
            "status": "agreed", "classification": "public", "provisions": ["I.1"],
            "lead_party": "AZ", "lead_organisations": ["az-mfa"], "partners": ["socar"],
            "start": "2026-06-01", "end": "2028-12-31", "investment": null,
        })
    );
    assert_eq!(
        get(&router, "/api/v1/projects?group=connectivity")
            .await
            .json(),
        json!([])
    );
}

#[tokio::test]
async fn unknown_things_are_404s_with_a_code() {
    let router = Instance::new().router();
    let doc = document(&router).await;
    let group = get(&router, "/api/v1/groups/fishing").await;
    assert_eq!(group.status, 404);
    conforms(&doc, "/api/v1/groups/{id}", &group);
    assert_eq!(group.json()["error"]["code"], "not_found");
    let projects = get(&router, "/api/v1/projects?group=fishing").await;
    assert_eq!(projects.status, 404);
    conforms(&doc, "/api/v1/projects", &projects);
}
