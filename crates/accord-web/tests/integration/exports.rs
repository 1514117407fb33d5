//! Downloads and the calendar feed: each export answers with its type and
//! as an attachment, holds what its viewer may see (the public's nothing
//! restricted), and the JSON one follows its schema; a person's calendar
//! feed works for its token until it is replaced or revoked, and then
//! answers exactly as a token nobody issued.

use accord_store::accounts::Scope;

use crate::accounts::Client;
use crate::matrix_world::{RESTRICTED, RESTRICTED_MARKS, world};
use crate::support::{Answer, Instance, PUBLIC_TITLE, RESTRICTED_TITLE, get, without_request_ids};

/// Every download: its address's name, its type, its file name.
const DOWNLOADS: [(&str, &str, &str); 6] = [
    ("ics", "text/calendar; charset=utf-8", "calendar.ics"),
    ("csv-projects", "text/csv; charset=utf-8", "projects.csv"),
    (
        "csv-milestones",
        "text/csv; charset=utf-8",
        "milestones.csv",
    ),
    (
        "csv-measurements",
        "text/csv; charset=utf-8",
        "measurements.csv",
    ),
    ("popolo", "application/json", "popolo.json"),
    ("json", "application/json", "record.json"),
];

fn assert_download(answer: &Answer, content_type: &str, file: &str, what: &str) {
    assert_eq!(answer.status, 200, "{what}: {}", answer.body);
    assert_eq!(answer.header("content-type"), content_type, "{what}");
    assert_eq!(
        answer.header("content-disposition"),
        format!("attachment; filename=\"{file}\""),
        "{what}"
    );
    // Streamed from the written export, with its exact length.
    assert!(!answer.body.is_empty(), "{what}");
    assert_eq!(
        answer.header("content-length"),
        answer.body.len().to_string(),
        "{what}"
    );
}

#[tokio::test]
async fn every_download_answers_with_its_type_as_an_attachment() {
    let world = world();
    let mut coordinator = world.logged_in("az-coord").await;
    let mut public = world.client();
    for (name, content_type, file) in DOWNLOADS {
        let own = coordinator.get(&format!("/exports/{name}")).await;
        assert_download(&own, content_type, file, name);
        assert_eq!(own.header("cache-control"), "private, no-store", "{name}");
        let open = public.get(&format!("/public/exports/{name}")).await;
        assert_download(&open, content_type, file, name);
        for mark in RESTRICTED_MARKS {
            assert!(!open.body.contains(mark), "public {name} shows {mark:?}");
        }
    }
    // The coordinator's own files hold the restricted project; the
    // public's hold the public one.
    let projects = coordinator.get("/exports/csv-projects").await.body;
    assert!(projects.contains(RESTRICTED_TITLE), "{projects}");
    let open = public.get("/public/exports/csv-projects").await.body;
    assert!(open.contains(PUBLIC_TITLE), "{open}");
    assert!(
        coordinator
            .get("/exports/ics")
            .await
            .body
            .starts_with("BEGIN:VCALENDAR\r\n")
    );
    // An API token downloads what its person sees.
    let token = crate::support::off_runtime(|| {
        world
            .accounts
            .issue_api_token("az-energy", "exports", Scope::Read, 0)
    })
    .unwrap();
    let by_token = crate::support::send(
        &world.router,
        "GET",
        "/exports/csv-milestones",
        &[("authorization", &format!("Bearer {token}"))],
    )
    .await;
    assert_eq!(by_token.status, 200);
    assert!(by_token.body.contains("grid-audit"), "{}", by_token.body);
}

#[tokio::test]
async fn the_json_download_follows_its_schema_for_everyone() {
    let world = world();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../../../docs/export.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut clients = vec![
        ("public", world.client(), "/public/exports/json"),
        ("trade", world.logged_in("us-trade").await, "/exports/json"),
        (
            "co-chair",
            world.logged_in("az-energy").await,
            "/exports/json",
        ),
    ];
    for (who, client, path) in &mut clients {
        let document = client.get(path).await.json();
        let errors: Vec<String> = validator
            .iter_errors(&document)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{who}: {errors:#?}");
        let projects: Vec<&str> = document["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        assert_eq!(projects.contains(&RESTRICTED), *who == "co-chair", "{who}");
    }
}

#[tokio::test]
async fn an_unknown_format_is_not_found() {
    let world = world();
    let mut coordinator = world.logged_in("az-coord").await;
    for path in ["/exports/pdf", "/exports/JSON", "/exports/json.exe"] {
        let answer = coordinator.get(path).await;
        assert_eq!(answer.status, 404, "{path}");
        assert!(answer.body.contains("not_found"), "{path}: {}", answer.body);
    }
    let answer = world.client().get("/public/exports/..%2Fjson").await;
    assert_eq!(answer.status, 404);
    // The public is sent to log in for a person's own downloads.
    let answer = world.client().get("/exports/json").await;
    assert_eq!(answer.status, 303);
    assert!(answer.header("location").starts_with("/login"));
}

/// Makes a new feed from the calendar page; answers its path.
async fn new_feed(client: &mut Client) -> String {
    let answer = client
        .post_form("/account/calendar", "/account/calendar", "")
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let marker = "id=\"calendar-url\">";
    let start = answer.body.find(marker).expect("the feed's address") + marker.len();
    let url = &answer.body[start..start + answer.body[start..].find('<').unwrap()];
    assert!(
        url.starts_with("/calendar/") && url.ends_with(".ics"),
        "{url}"
    );
    url.to_owned()
}

#[tokio::test]
async fn a_calendar_feed_works_until_replaced_or_revoked() {
    let world = world();
    let mut co_chair = world.logged_in("az-energy").await;
    let page = co_chair.get("/account/calendar").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"calendar-none\""), "{}", page.body);
    assert!(
        co_chair
            .get("/meetings")
            .await
            .body
            .contains("href=\"/account/calendar\"")
    );

    let first = new_feed(&mut co_chair).await;
    // Anyone with the address reads the co-chair's calendar, without a session.
    let feed = world.client().get(&first).await;
    assert_eq!(feed.status, 200, "{}", feed.body);
    assert_eq!(feed.header("content-type"), "text/calendar; charset=utf-8");
    assert!(feed.body.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        feed.body.contains("UID:milestone-grid-audit@"),
        "the co-chair sees it"
    );
    assert!(
        co_chair
            .get("/account/calendar")
            .await
            .body
            .contains("id=\"calendar-since\"")
    );

    // A new feed ends the old one.
    let second = new_feed(&mut co_chair).await;
    assert_ne!(first, second);
    let unknown = world.client().get("/calendar/not-a-token.ics").await;
    assert_eq!(unknown.status, 404);
    let old = world.client().get(&first).await;
    assert_eq!(old.status, 404);
    assert_eq!(
        without_request_ids(&old.body.replace(&first, "/calendar/not-a-token.ics")),
        without_request_ids(&unknown.body),
        "a replaced feed tells nothing"
    );
    assert_eq!(world.client().get(&second).await.status, 200);

    // Revoked, it answers as a token nobody issued.
    let page = co_chair
        .post_form("/account/calendar", "/account/calendar/revoke", "")
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"calendar-revoked\""));
    assert!(page.body.contains("id=\"calendar-none\""));
    let revoked = world.client().get(&second).await;
    assert_eq!(revoked.status, 404);
    assert_eq!(
        without_request_ids(&revoked.body.replace(&second, "/calendar/not-a-token.ics")),
        without_request_ids(&unknown.body)
    );
}

#[tokio::test]
async fn a_feed_shows_only_what_its_person_may_see() {
    let world = world();
    let mut trade = world.logged_in("us-trade").await;
    let feed = world.client().get(&new_feed(&mut trade).await).await;
    assert_eq!(feed.status, 200);
    for mark in RESTRICTED_MARKS {
        assert!(!feed.body.contains(mark), "the feed shows {mark:?}");
    }
    assert!(feed.body.contains("UID:milestone-tripp-survey@"));
}

#[tokio::test]
async fn without_accounts_no_feed_answers() {
    let instance = Instance::new();
    let router = instance.router();
    let answer = get(&router, "/calendar/anything.ics").await;
    assert_eq!(answer.status, 404);
    // The public's downloads need no account.
    let answer = get(&router, "/public/exports/json").await;
    assert_eq!(answer.status, 200);
}

#[tokio::test]
async fn the_pages_link_their_downloads() {
    let world = world();
    let mut public = world.client();
    let mut admin = world.logged_in("admin").await;
    for (path, href) in [
        ("/", "/public/exports/json"),
        ("/", "/public/exports/iati"),
        ("/", "/public/exports/csv-projects"),
        ("/charter", "/public/exports/akn"),
        ("/meetings", "/public/exports/ics"),
    ] {
        let page = public.get(path).await;
        assert!(
            page.body.contains(&format!("href=\"{href}\"")),
            "{path} links {href}"
        );
    }
    for (path, href) in [
        ("/", "/exports/json"),
        ("/", "/exports/csv-milestones"),
        ("/meetings", "/exports/ics"),
        ("/admin", "/exports/popolo"),
    ] {
        let page = admin.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(
            page.body.contains(&format!("href=\"{href}\"")),
            "{path} links {href}"
        );
    }
}
