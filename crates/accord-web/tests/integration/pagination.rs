//! `/api/v1/projects` a page at a time, and the status report served from
//! its cache.

use accord_domain::visibility::Viewer;
use serde_json::Value;

use crate::support::{Instance, get};

fn ids(body: &Value) -> Vec<String> {
    body.as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_projects_come_a_page_at_a_time_with_a_next_link() {
    let instance = Instance::new();
    let router = instance.router();
    let all: Vec<String> = instance
        .app
        .projects(&Viewer::Public, None)
        .iter()
        .map(|p| p.id.to_string())
        .collect();
    assert!(!all.is_empty());

    let whole = get(&router, "/api/v1/projects").await;
    assert_eq!(whole.status, 200);
    assert_eq!(ids(&whole.json()), all);
    assert_eq!(whole.header("x-total-count"), all.len().to_string());
    assert_eq!(
        whole.header("link"),
        "",
        "everything fits in the default page"
    );

    let mut seen = Vec::new();
    let mut next = "/api/v1/projects?limit=1".to_owned();
    loop {
        let page = get(&router, &next).await;
        assert_eq!(page.status, 200, "{next}");
        assert_eq!(page.header("x-total-count"), all.len().to_string());
        let got = ids(&page.json());
        assert_eq!(got.len(), 1, "{next}");
        seen.extend(got);
        let link = page.header("link");
        if link.is_empty() {
            break;
        }
        next = link
            .strip_prefix('<')
            .and_then(|l| l.strip_suffix(">; rel=\"next\""))
            .unwrap_or_else(|| panic!("not a next link: {link}"))
            .to_owned();
    }
    assert_eq!(seen, all);

    let past = get(&router, &format!("/api/v1/projects?offset={}", all.len())).await;
    assert_eq!(past.status, 200);
    assert!(ids(&past.json()).is_empty());
}

#[tokio::test]
async fn a_limit_out_of_range_is_refused() {
    let instance = Instance::new();
    let router = instance.router();
    for limit in ["0", "1001"] {
        let answer = get(&router, &format!("/api/v1/projects?limit={limit}")).await;
        assert_eq!(answer.status, 400, "limit={limit}");
        assert_eq!(answer.json()["error"]["code"], "bad_limit");
    }
}

#[tokio::test]
async fn the_status_report_is_the_one_computed_for_the_current_log() {
    let instance = Instance::new();
    let router = instance.router();
    let as_of = jiff::civil::date(2026, 11, 27);
    let expected =
        accord_app::status_view::status_json(&instance.app.status(&Viewer::Public, as_of).unwrap());
    for _ in 0..2 {
        let answer = get(&router, "/api/v1/status?as_of=2026-11-27").await;
        assert_eq!(answer.status, 200);
        assert_eq!(answer.json(), expected);
    }
    // Another instance, with its own log, is never answered from this one's
    // cache.
    let other = Instance::new();
    let answer = get(&other.router(), "/api/v1/status?as_of=2026-11-27").await;
    assert_eq!(
        answer.json(),
        accord_app::status_view::status_json(&other.app.status(&Viewer::Public, as_of).unwrap())
    );
}
