//! Every page, in every language; the dashboard on chosen dates.

use crate::support::{Instance, PUBLIC_TITLE, get, send};

const PAGES: [&str; 6] = [
    "/",
    "/charter",
    "/groups/energy",
    "/public",
    "/api/docs",
    "/no-such-page",
];

/// A word of the navigation in each language, to tell the pages apart.
fn dashboard_word(lang: &str) -> &'static str {
    match lang {
        "fr" => "Tableau de bord",
        "en" => "Dashboard",
        "az" => "İdarə paneli",
        _ => unreachable!(),
    }
}

#[tokio::test]
async fn every_page_renders_in_each_language_with_its_html_lang() {
    let instance = Instance::new();
    let router = instance.router();
    for path in PAGES {
        for lang in ["fr", "en", "az"] {
            let answer = get(&router, &format!("{path}?lang={lang}")).await;
            let expected = if path == "/no-such-page" { 404 } else { 200 };
            assert_eq!(answer.status, expected, "{path} in {lang}: {}", answer.body);
            assert_eq!(answer.html_lang(), lang, "{path}");
            assert_eq!(answer.header("content-language"), lang);
            assert!(
                answer.header("content-type").starts_with("text/html"),
                "{path}"
            );
            assert!(
                answer.body.contains(dashboard_word(lang)),
                "{path} in {lang} lacks its navigation"
            );
            // Landmarks and a skip link on every page.
            for landmark in [
                "<header",
                "<nav",
                "<main id=\"main\"",
                "<footer",
                "href=\"#main\"",
                "<h1",
            ] {
                assert!(answer.body.contains(landmark), "{path}: no {landmark}");
            }
        }
    }
}

#[tokio::test]
async fn the_language_comes_from_the_choice_then_the_browser_then_french() {
    let router = Instance::new().router();
    let check = |answer: crate::support::Answer, lang: &str| {
        assert_eq!(answer.html_lang(), lang);
    };
    check(get(&router, "/").await, "fr");
    check(
        send(
            &router,
            "GET",
            "/",
            &[("accept-language", "az-AZ,az;q=0.9,en;q=0.5")],
        )
        .await,
        "az",
    );
    check(
        send(
            &router,
            "GET",
            "/",
            &[("accept-language", "de-DE, en;q=0.7")],
        )
        .await,
        "en",
    );
    check(
        send(&router, "GET", "/", &[("accept-language", "de-DE")]).await,
        "fr",
    );
    // The cookie, as the switcher leaves it, wins over the browser.
    check(
        send(
            &router,
            "GET",
            "/charter",
            &[("cookie", "lang=en"), ("accept-language", "az")],
        )
        .await,
        "en",
    );
    // `?lang=` wins over both, and is remembered.
    let chosen = send(&router, "GET", "/public?lang=az", &[("cookie", "lang=en")]).await;
    assert_eq!(chosen.html_lang(), "az");
    let cookie = chosen.header("set-cookie");
    assert!(cookie.starts_with("lang=az;"), "{cookie}");
    assert!(
        cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
}

#[tokio::test]
async fn the_switcher_keeps_the_page_and_its_date() {
    let router = Instance::new().router();
    let page = get(&router, "/groups/energy?as_of=2026-04-09&lang=en").await;
    assert!(
        page.body
            .contains(r#"href="/groups/energy?as_of=2026-04-09&#38;lang=az" hreflang="az""#),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(r#"hreflang="en" lang="en" aria-current="true""#)
    );
}

/// The state of a working group's project-list deadline on the dashboard,
/// and its words.
fn project_list_state(page: &crate::support::Answer, group: &str) -> (String, String) {
    let row = page.element("tr", &format!("group-{group}"));
    let cell = row.split("<td>").nth(1).unwrap();
    let state = between(cell, "data-state=\"", "\"");
    let text = between(cell, &format!("data-state=\"{state}\">"), "</span>");
    (state.to_owned(), text.to_owned())
}

fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in {text}"))
        + from.len();
    let end = start + text[start..].find(to).unwrap();
    &text[start..end]
}

#[tokio::test]
async fn the_dashboard_shows_each_groups_deadline_on_the_as_of_date() {
    let router = Instance::new().router();
    // Before the U.S. approval: the energy list is still due.
    let before = get(&router, "/?as_of=2026-04-05&lang=en").await;
    assert_eq!(before.status, 200);
    assert_eq!(
        project_list_state(&before, "energy"),
        ("pending".into(), "due in 35 days (2026-05-10)".into())
    );
    // The day both parties have approved: met.
    let on = get(&router, "/?as_of=2026-04-09&lang=en").await;
    assert_eq!(
        project_list_state(&on, "energy"),
        ("met".into(), "met on 2026-04-09".into())
    );
    assert_eq!(project_list_state(&on, "economy-trade").0, "pending");
    // After the deadline: the other groups are overdue; energy stays met.
    let after = get(&router, "/?as_of=2026-06-01&lang=fr").await;
    assert_eq!(
        project_list_state(&after, "economy-trade"),
        (
            "overdue".into(),
            "en retard de 22 jours (échéance le 2026-05-10)".into()
        )
    );
    assert_eq!(
        project_list_state(&after, "energy"),
        ("met".into(), "respectée le 2026-04-09".into())
    );
    let az = get(&router, "/?as_of=2026-06-01&lang=az").await;
    assert_eq!(
        project_list_state(&az, "economy-trade"),
        (
            "overdue".into(),
            "22 gün gecikir (son müddət 2026-05-10)".into()
        )
    );
    // The as-of date is the form's value, and the default is today.
    assert!(after.body.contains(r#"value="2026-06-01""#));
    assert!(
        get(&router, "/")
            .await
            .body
            .contains(r#"value="2026-11-27""#)
    );
}

#[tokio::test]
async fn the_dashboard_draws_progress_by_section_and_by_working_group() {
    let router = Instance::new().router();
    let page = get(&router, "/?as_of=2026-06-01&lang=en").await;
    let chart = |key: &str| {
        let start = page.body.find(&format!(r#"id="{key}-title""#)).expect(key);
        let start = page.body[..start].rfind("<svg").unwrap();
        let end = start + page.body[start..].find("</svg>").unwrap();
        page.body[start..end].to_owned()
    };
    let sections = chart("progress-sections");
    // The bundled charter's commitments are in sections I to III; one is
    // covered in this instance (see the coverage test below).
    for numeral in ["I", "II", "III"] {
        assert!(
            sections.contains(&format!(r##"href="/charter#section-{numeral}""##)),
            "{sections}"
        );
    }
    assert_eq!(
        sections.matches(": covered 1</title>").count(),
        1,
        "{sections}"
    );
    let groups = chart("progress-groups");
    assert!(groups.contains(r#"href="/groups/energy""#), "{groups}");
    assert!(groups.contains("Energy: agreed"), "{groups}");
    assert!(groups.contains("milestones"), "{groups}");
    assert!(!groups.contains("style="));
}

#[tokio::test]
async fn the_dashboard_draws_the_timeline_and_the_other_rules() {
    let router = Instance::new().router();
    let page = get(&router, "/?as_of=2026-06-01&lang=en").await;
    let title = page.body.find("tl-title").expect("a timeline");
    let svg_start = page.body[..title].rfind("<svg").unwrap();
    let svg_end = svg_start + page.body[svg_start..].find("</svg>").unwrap();
    let svg = &page.body[svg_start..svg_end];
    assert!(
        svg.contains(r#"role="img""#)
            && svg.contains("<title id=\"tl-title\">Timeline of deadlines</title>")
    );
    assert!(svg.contains("tl-met") && svg.contains("tl-overdue"));
    assert!(svg.contains("Energy – Project list: met (2026-05-10)"));
    assert!(!svg.contains("style="));
    // The next charter meeting, the coverage, the overdue milestones.
    assert!(
        page.body.contains("Due by 2027-02-10 (in 254 days)."),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("1 of 20 commitments carried out by agreed projects.")
    );
    assert!(page.body.contains("No milestone is overdue."));
}

#[tokio::test]
async fn a_date_that_is_not_a_date_is_explained_on_the_page() {
    let router = Instance::new().router();
    let page = get(&router, "/?as_of=tomorrow&lang=en").await;
    assert_eq!(page.status, 400);
    assert_eq!(page.html_lang(), "en");
    assert!(
        page.body
            .contains("<code class=\"error-code\">bad_as_of</code>")
    );
    assert!(
        page.body.contains("as_of &#34;tomorrow&#34; is not a date")
            || page
                .body
                .contains("as_of &quot;tomorrow&quot; is not a date"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_charter_shows_every_provision_and_marks_the_uncovered_ones() {
    let instance = Instance::new();
    let router = instance.router();
    let page = get(&router, "/charter?lang=en").await;
    let ids = instance.app.read(|s| {
        s.charter
            .as_ref()
            .unwrap()
            .provisions
            .iter()
            .map(|p| p.id.to_string())
            .collect::<Vec<_>>()
    });
    assert!(ids.len() > 20);
    for id in &ids {
        assert!(
            page.body.contains(&format!("id=\"prov-{id}\"")),
            "{id} missing"
        );
    }
    assert!(
        page.body
            .contains("<h2 id=\"preamble-heading\">Preamble</h2>")
    );
    assert!(
        page.body
            .contains("<h2 id=\"section-II-heading\">Section II</h2>")
    );
    // I.1 is carried out by the public project: cited, and not uncovered.
    let i1 = page.element("article", "prov-I.1");
    assert!(i1.contains(PUBLIC_TITLE), "{i1}");
    assert!(!i1.contains("badge-uncovered"));
    let i2 = page.element("article", "prov-I.2");
    assert!(i2.contains("badge-uncovered"));
    // The French text is marked as French inside the English page.
    assert!(i1.contains("<blockquote lang=\"fr\">"));
    // The recitals are not commitments, so never uncovered.
    assert!(
        !page
            .element("article", "prov-P.1")
            .contains("badge-uncovered")
    );
}

#[tokio::test]
async fn a_working_group_shows_its_deadlines_and_projects() {
    let router = Instance::new().router();
    let page = get(&router, "/groups/energy?as_of=2026-04-09&lang=en").await;
    assert!(page.body.contains("<h1>Energy</h1>"));
    assert!(
        page.body
            .contains("data-state=\"met\">met on 2026-04-09</span>")
    );
    assert!(page.body.contains(PUBLIC_TITLE));
    let unknown = get(&router, "/groups/fishing?lang=en").await;
    assert_eq!(unknown.status, 404);
    assert!(
        unknown
            .body
            .contains("working group &#34;fishing&#34; does not exist")
            || unknown
                .body
                .contains("working group &quot;fishing&quot; does not exist"),
        "{}",
        unknown.body
    );
}

#[tokio::test]
async fn the_stylesheet_is_served() {
    let router = Instance::new().router();
    let css = get(&router, "/static/style.css").await;
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").starts_with("text/css"));
    assert!(css.body.contains(".state-overdue"));
}

#[tokio::test]
async fn a_change_recorded_through_the_web_state_shows_on_the_next_page() {
    let instance = Instance::new();
    let router = instance.router();
    let before = get(&router, "/groups/connectivity?lang=en").await;
    assert!(
        !before
            .body
            .contains(r#"<a href="/charter#prov-III.4">III.4</a>"#)
    );
    let receipt = instance
        .agree_group_scope("connectivity", vec!["I.p1".into(), "III.4".into()])
        .await
        .unwrap();
    assert!(
        receipt
            .checkpoint
            .contains(&format!("\n{}\n", receipt.size))
    );
    let after = get(&router, "/groups/connectivity?lang=en").await;
    assert!(
        after
            .body
            .contains(r#"<a href="/charter#prov-I.p1">I.p1</a>"#),
        "{}",
        after.body
    );
    assert!(
        after
            .body
            .contains(r#"<a href="/charter#prov-III.4">III.4</a>"#)
    );
    // A refusal comes back as the application's error, with its code.
    let refused = instance
        .agree_group_scope("fishing", vec![])
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "not_found");
    assert_eq!(refused.status(), 404);
}
