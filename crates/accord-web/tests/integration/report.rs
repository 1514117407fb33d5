//! The annual report's page: in French and English, every working group,
//! the checkpoint it comes from, and nothing of the restricted project for
//! the public or for a partner who may not see it.

use crate::matrix_world::{RESTRICTED, RESTRICTED_MARKS, client_for, world};
use crate::support::{PUBLIC_TITLE, RESTRICTED_TITLE};

/// The working groups' names in `lang`, as the page escapes them.
fn group_names(world: &crate::accounts::WithAccounts, lang: &str) -> Vec<String> {
    world
        .instance
        .app
        .groups()
        .iter()
        .filter(|g| !g.dialogue_platform)
        .map(|g| {
            g.spec.names[lang]
                .replace('&', "&amp;")
                .replace('\'', "&#39;")
        })
        .collect()
}

#[tokio::test]
async fn the_report_shows_every_working_group_in_french_and_english() {
    let world = world();
    let mut client = client_for(&world, "az-coord").await;
    for (lang, title) in [("fr", "Rapport annuel 2026"), ("en", "Annual report 2026")] {
        let answer = client
            .get(&format!("/reports/annual/2026?lang={lang}"))
            .await;
        assert_eq!(answer.status, 200, "{lang}: {}", answer.body);
        assert_eq!(answer.html_lang(), lang);
        assert!(answer.body.contains(title), "{lang}");
        let names = group_names(&world, lang);
        assert!(names.len() >= 5, "{names:?}");
        for name in names {
            assert!(answer.body.contains(&name), "{lang}: {name} missing");
        }
        // A coordinator sees the restricted project, and who signed.
        assert!(answer.body.contains(RESTRICTED_TITLE), "{lang}");
        assert!(answer.body.contains(PUBLIC_TITLE), "{lang}");
        // The signed checkpoint it was read at, and how to verify.
        let checkpoint = world.instance.app.checkpoint().unwrap();
        let root_line = checkpoint.lines().nth(2).unwrap();
        assert!(answer.body.contains(root_line), "{lang}: no root hash");
        assert!(answer.body.contains("accord log prove inclusion"), "{lang}");
        // The charts are SVG drawn on the server, and the print layout is linked.
        assert!(answer.body.contains("<svg"), "{lang}");
        assert!(answer.body.contains(r#"href="/static/report.css""#));
        assert!(
            !answer.body.contains("<style"),
            "the CSP forbids inline style"
        );
    }
}

#[tokio::test]
async fn the_public_and_an_outside_partner_get_no_restricted_item() {
    let world = world();
    for who in ["anonymous", "acwa-partner", "us-trade"] {
        let mut client = client_for(&world, who).await;
        for lang in ["fr", "en", "az"] {
            let answer = client
                .get(&format!("/reports/annual/2026?lang={lang}"))
                .await;
            assert_eq!(answer.status, 200, "{who} {lang}");
            for mark in RESTRICTED_MARKS {
                assert!(!answer.body.contains(mark), "{who} {lang}: {mark}");
            }
            assert!(answer.body.contains(PUBLIC_TITLE), "{who} {lang}");
        }
    }
    // Those who may see it do.
    let mut member = client_for(&world, "energy-member").await;
    let answer = member.get("/reports/annual/2026?lang=en").await;
    assert!(answer.body.contains(RESTRICTED), "energy member");
}

#[tokio::test]
async fn a_year_outside_the_charter_is_a_clear_error_not_a_fault() {
    let world = world();
    let mut client = world.client();
    for (path, status) in [
        ("/reports/annual/1990?lang=en", 400),
        ("/reports/annual/2027?lang=en", 400),
        ("/reports/annual/twenty?lang=en", 404),
        ("/reports/annual/99999999?lang=en", 404),
        ("/reports/annual/2026?as_of=nope&lang=en", 400),
    ] {
        let answer = client.get(path).await;
        assert_eq!(answer.status, status, "{path}: {}", answer.body);
    }
    let answer = client.get("/reports/annual/1990?lang=en").await;
    assert!(answer.body.contains("2026 to 2026"), "{}", answer.body);
}

#[tokio::test]
async fn the_dashboard_links_to_the_years_report_and_the_stylesheet_is_served() {
    let world = world();
    let mut client = world.client();
    let dashboard = client.get("/?lang=en").await;
    assert!(
        dashboard.body.contains(r#"href="/reports/annual/2026""#),
        "{}",
        dashboard.body
    );
    let css = client.get("/static/report.css").await;
    assert_eq!(css.status, 200);
    assert!(css.body.contains("size: A4"));
    assert!(css.body.contains("counter(pages)"));
}

#[tokio::test]
async fn a_year_whose_charter_meeting_was_missed_says_so() {
    let instance = crate::support::Instance::new();
    let router = instance.router();
    // No charter meeting was held in the first year (to 2027-02-10).
    let answer =
        crate::support::get(&router, "/reports/annual/2027?as_of=2027-03-01&lang=en").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(
        answer
            .body
            .contains("A year closed this year without its charter meeting."),
        "{}",
        answer.body
    );
    // In 2026 that year had not closed yet.
    let answer = crate::support::get(&router, "/reports/annual/2026?lang=en").await;
    assert!(!answer.body.contains("without its charter meeting"));
}
