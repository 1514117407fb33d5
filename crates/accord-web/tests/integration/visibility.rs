//! What the public sees: never a restricted project, in any page or answer,
//! although the same project is there for an operator-level query.

use accord_domain::ids::GroupId;
use accord_domain::visibility::Viewer;

use crate::support::{Instance, PUBLIC_TITLE, RESTRICTED_TITLE, get};

#[tokio::test]
async fn the_public_never_sees_the_restricted_project() {
    let instance = Instance::new();
    // The record holds it, and the operator sees it.
    let operator = instance
        .app
        .projects(&Viewer::Operator, Some(&GroupId::new("energy")));
    let titles: Vec<&str> = operator
        .iter()
        .map(|p| p.spec.title["en"].as_str())
        .collect();
    assert_eq!(titles, [RESTRICTED_TITLE, PUBLIC_TITLE]);
    let report = instance
        .app
        .status(&Viewer::Operator, jiff::civil::date(2026, 11, 27))
        .unwrap();
    assert_eq!(
        report.coverage.covered, 2,
        "the operator counts both projects"
    );

    let router = instance.router();
    for path in [
        "/",
        "/public",
        "/charter",
        "/groups/energy",
        "/api/v1/projects",
        "/api/v1/projects?group=energy",
        "/api/v1/groups/energy",
        "/api/v1/charter",
        "/api/v1/status",
    ] {
        for lang in ["fr", "en", "az"] {
            let answer = get(
                &router,
                &format!(
                    "{path}{}lang={lang}",
                    if path.contains('?') { '&' } else { '?' }
                ),
            )
            .await;
            assert_eq!(answer.status, 200, "{path}");
            assert!(
                !answer.body.contains(RESTRICTED_TITLE),
                "{path} shows the restricted project"
            );
            assert!(
                !answer.body.contains("grid-secret"),
                "{path} names the restricted project"
            );
        }
    }
    // The public project is there, on the portal and in the API.
    assert!(get(&router, "/public").await.body.contains(PUBLIC_TITLE));
    let projects = get(&router, "/api/v1/projects").await.json();
    assert_eq!(projects.as_array().unwrap().len(), 1);
    // Counts agree with lists: the public counts one agreed energy project.
    let status = get(&router, "/api/v1/status").await.json();
    let energy = status["working_groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "energy")
        .unwrap();
    assert_eq!(energy["projects"]["agreed"], 1);
    assert_eq!(status["coverage"]["covered"], 1);
}
