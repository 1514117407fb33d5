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

/// A working group's page lists its projects `PAGE_SIZE` at a time, with
/// links to the neighbouring pages that htmx can follow in place.
#[tokio::test]
async fn a_working_groups_page_lists_its_projects_a_page_at_a_time() {
    use accord_domain::command::Command;
    use accord_domain::ids::ProvisionId;
    use accord_domain::model::{Classification, ProjectSpec};
    use accord_web::pages::group::PAGE_SIZE;

    let world = crate::accounts::WithAccounts::new();
    let extra = PAGE_SIZE + 10;
    for n in 0..extra {
        world.instance.by(
            "az-energy",
            "2026-03-21",
            Command::ProposeProject {
                project: format!("bulk-{n:03}").as_str().into(),
                spec: ProjectSpec {
                    group: "energy".into(),
                    title: accord_domain::texts::single("en", format!("Bulk project {n:03}")),
                    description: Default::default(),
                    provisions: vec![ProvisionId::new("I.1")],
                    lead_party: "AZ".into(),
                    lead_organisations: vec!["az-mfa".into()],
                    partners: vec![],
                    start: None,
                    end: None,
                    investment: None,
                    classification: Classification::Partnership,
                },
            },
        );
    }
    let mut coordinator = world.logged_in("az-coord").await;
    let total = world
        .instance
        .app
        .projects(&Viewer::Person("az-coord".into()), Some(&"energy".into()))
        .len();
    assert!(total > PAGE_SIZE);
    let rows = |body: &str| body.matches(r#"<tr id="project-"#).count();

    let first = coordinator.get("/groups/energy?lang=en").await;
    assert_eq!(first.status, 200);
    assert_eq!(rows(&first.body), PAGE_SIZE);
    assert!(
        first
            .body
            .contains(&format!("Projects 1 to {PAGE_SIZE} of {total}.")),
        "{}",
        first.body
    );
    assert!(
        first
            .body
            .contains(r#"href="/groups/energy?page=2" rel="next""#)
    );
    assert!(first.body.contains(r##"hx-target="#group-projects""##));
    assert!(!first.body.contains(r#"rel="prev""#));

    let second = coordinator.get("/groups/energy?page=2&lang=en").await;
    assert_eq!(rows(&second.body), total - PAGE_SIZE);
    assert!(
        second
            .body
            .contains(r#"href="/groups/energy?page=1" rel="prev""#)
    );
    assert!(!second.body.contains(r#"rel="next""#));

    // Past the end: an empty list, and the way back.
    let past = coordinator.get("/groups/energy?page=9&lang=en").await;
    assert_eq!(past.status, 200);
    assert_eq!(rows(&past.body), 0);
    assert!(
        past.body
            .contains(r#"href="/groups/energy?page=2" rel="prev""#)
    );
    // The public sees none of these proposed projects, and no pager.
    let public = world.client().get("/groups/energy?lang=en").await;
    assert!(!public.body.contains("Bulk project"));
    assert!(!public.body.contains(r#"class="pager""#));
}
