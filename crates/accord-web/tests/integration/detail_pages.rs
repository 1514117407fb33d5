//! The detail pages: a project, a working group's roadmap as a Gantt chart,
//! the meetings, and the record, in three languages and as JSON, each
//! filtered by the viewer.

use accord_app::queries_detail::GroupRoadmap;
use accord_domain::ids::{GroupId, PersonId, ProjectId};
use accord_domain::visibility::Viewer;
use accord_web::lang::Lang;
use accord_web::pages::project::project_page;
use accord_web::pages::roadmap::fragment;
use askama::Template as _;
use jiff::civil::date;

use crate::detail_world::*;
use crate::support::{PUBLIC_TITLE, RESTRICTED_TITLE, get};

const LANGS: [&str; 3] = ["fr", "en", "az"];

fn as_person(id: &str) -> Viewer {
    Viewer::Person(PersonId::new(id))
}

/// Every `<svg>…</svg>` of a page.
fn svgs(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let Some(len) = rest[start..].find("</svg>") else {
            break;
        };
        let end = start + len + "</svg>".len();
        found.push(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

/// Fails unless `svg` is well-formed XML.
fn assert_well_formed(svg: &str) {
    let mut reader = quick_xml::Reader::from_str(svg);
    reader.config_mut().check_end_names = true;
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML ({e}): {svg}"),
        }
    }
    assert_eq!(depth, 0, "unclosed elements: {svg}");
}

#[tokio::test]
async fn each_detail_page_renders_in_each_language() {
    let instance = world();
    let router = instance.router();
    for path in [
        "/projects/tripp-power",
        "/meetings",
        "/record",
        "/record?entry=0",
        "/groups/energy",
    ] {
        for lang in LANGS {
            let sep = if path.contains('?') { '&' } else { '?' };
            let answer = get(&router, &format!("{path}{sep}lang={lang}")).await;
            assert_eq!(answer.status, 200, "{path} in {lang}: {}", answer.body);
            assert_eq!(answer.html_lang(), lang, "{path}");
            for svg in svgs(&answer.body) {
                assert_well_formed(svg);
            }
        }
    }
    let fr = get(&router, "/projects/tripp-power?lang=fr").await.body;
    let en = get(&router, "/projects/tripp-power?lang=en").await.body;
    assert!(fr.contains("Indicateurs") && en.contains("Indicators"));
    assert!(en.contains(PUBLIC_TITLE));
    assert!(
        en.contains(r#"href="/charter#prov-I.1""#),
        "cited provision linked"
    );
    assert!(en.contains("Transmission capacity"));
    assert_eq!(svgs(&en).len(), 1, "one chart for its one indicator");
    assert_eq!(
        svgs(&en)[0]
            .matches(r#"class="indicator-measurement""#)
            .count(),
        2
    );
    assert!(
        en.contains(r#"href="/record?entry="#),
        "history links to proofs"
    );
    assert!(en.contains("ProjectProposed"));
}

#[tokio::test]
async fn a_restricted_project_is_not_found_for_whoever_may_not_see_it() {
    let instance = world();
    let router = instance.router();
    // The public: the page and the API answer as for a project that does not exist.
    let hidden = get(&router, "/api/v1/projects/grid-secret").await;
    let missing = get(&router, "/api/v1/projects/no-such-project").await;
    assert_eq!(hidden.status, 404);
    assert_eq!(hidden.json()["error"]["code"], "not_found");
    assert_eq!(missing.json()["error"]["code"], "not_found");
    let page = get(&router, "/projects/grid-secret?lang=en").await;
    assert_eq!(page.status, 404);
    assert!(!page.body.contains(RESTRICTED_TITLE));
    assert_eq!(
        get(&router, "/api/v1/projects/tripp-power").await.status,
        200
    );

    let id = ProjectId::new("grid-secret");
    // A member of another working group may not see it either.
    let other =
        crate::support::off_runtime(|| instance.app.project_detail(&as_person(OTHER_MEMBER), &id))
            .unwrap();
    assert!(other.is_none());
    // The group's co-chair sees it, and its page renders.
    let detail =
        crate::support::off_runtime(|| instance.app.project_detail(&as_person(CO_CHAIR), &id))
            .unwrap()
            .expect("the co-chair sees the restricted project");
    assert_eq!(detail.project.spec.title["en"], RESTRICTED_TITLE);
    let uri = "/projects/grid-secret".parse().unwrap();
    let html = project_page(&detail, &[], Lang::En, &uri, date(2026, 11, 27))
        .render()
        .unwrap();
    assert!(html.contains(RESTRICTED_TITLE));
    assert!(html.contains("grid-audit"), "its milestone is listed");
}

/// The roadmap fragment `viewer` gets, rendered alone.
fn roadmap_for(instance: &crate::support::Instance, viewer: &Viewer) -> GroupRoadmap {
    instance
        .app
        .group_roadmap(viewer, &GroupId::new("energy"))
        .unwrap()
}

#[tokio::test]
async fn the_gantt_chart_has_a_bar_per_visible_milestone_and_shows_the_drift() {
    let instance = world();
    let router = instance.router();
    let public = get(&router, "/groups/energy?lang=en").await.body;
    let charts: Vec<&str> = svgs(&public)
        .into_iter()
        .filter(|s| s.contains(r#"class="gantt""#))
        .collect();
    assert_eq!(charts.len(), 1, "one Gantt chart");
    let chart = charts[0];
    assert_well_formed(chart);
    // The public sees the public project's two milestones, not the
    // restricted project's nor the group's own.
    assert_eq!(chart.matches(r#"class="gantt-bar""#).count(), 2);
    assert!(!chart.contains("grid-audit") && !chart.contains("energy-review"));
    assert!(chart.contains(&format!(
        r#"data-milestone="{SLIPPED}" data-days="{SLIP_DAYS}""#
    )));
    assert!(chart.contains("slipped by 20 days"), "{chart}");
    assert!(chart.contains(r#"data-from="tripp-survey" data-to="tripp-build""#));
    assert_eq!(chart.matches(r#"class="gantt-baseline""#).count(), 2);
    assert!(
        public.contains("slipped by 20 days"),
        "the table says it too"
    );
    assert!(
        !public.contains("Trade member"),
        "the public sees no people"
    );
    // The same roadmap as JSON.
    let json = get(&router, "/api/v1/groups/energy/roadmap").await.json();
    let milestones = json["milestones"].as_array().unwrap();
    assert_eq!(milestones.len(), 2);
    assert_eq!(milestones[1]["id"], SLIPPED);
    assert_eq!(milestones[1]["days_slipped"], SLIP_DAYS);
    assert_eq!(milestones[1]["baseline_due"], "2026-12-15");
    assert_eq!(
        milestones[1]["title"],
        serde_json::json!({"en": format!("Milestone {SLIPPED}")})
    );
    // Read in Azerbaijani, a title only in English says so.
    let az = get(&router, "/groups/energy?lang=az").await.body;
    assert!(
        az.contains(&format!("Milestone {SLIPPED} (yalnız en dilində)")),
        "{az}"
    );
    assert!(
        public.contains(&format!("Milestone {SLIPPED}</")),
        "{public}"
    );
    assert_eq!(json["people_shown"], false);
    assert!(json["co_chairs"].as_array().unwrap().is_empty());
    assert!(json["pending_proposals"].as_array().unwrap().is_empty());
    assert_eq!(
        get(&router, "/api/v1/groups/nowhere/roadmap").await.status,
        404
    );

    // The co-chair sees all four, the dependency on a restricted milestone
    // included, and the group's people and pending project list.
    let roadmap = roadmap_for(&instance, &as_person(CO_CHAIR));
    assert_eq!(roadmap.milestones.len(), 4);
    assert!(roadmap.people_shown);
    assert_eq!(roadmap.co_chairs.len(), 1);
    assert_eq!(roadmap.pending.len(), 1, "the pending project list");
    let view = fragment(&roadmap, Lang::En, date(2026, 11, 27), 0..usize::MAX);
    let svg = view.chart.expect("a chart");
    assert_well_formed(&svg);
    assert_eq!(svg.matches(r#"class="gantt-bar""#).count(), 4);
    assert!(svg.contains(r#"data-from="grid-audit" data-to="energy-review""#));
    assert_eq!(svg.matches(r#"data-state="overdue""#).count(), 2);
    assert_eq!(svg.matches(r#"data-state="done""#).count(), 1);

    // A member of another group, of a government: the group-level milestone
    // but not the restricted one, and no dependency on what is hidden.
    let other = roadmap_for(&instance, &as_person(OTHER_MEMBER));
    let ids: Vec<&str> = other
        .milestones
        .iter()
        .map(|m| m.spec.id.as_str())
        .collect();
    assert_eq!(ids, ["tripp-survey", SLIPPED, "energy-review"]);
    assert!(other.milestones[2].spec.depends_on.is_empty());
    // A public project proposed is seen by the people of either government,
    // not by the public.
    assert_eq!(other.pending.len(), 1);
    assert!(roadmap_for(&instance, &Viewer::Public).pending.is_empty());
}

#[tokio::test]
async fn meetings_show_what_each_viewer_may_see() {
    let instance = world();
    let router = instance.router();
    let body = get(&router, "/api/v1/meetings").await.json();
    let meetings = body["meetings"].as_array().unwrap();
    assert_eq!(
        meetings.len(),
        1,
        "the public sees the charter meeting only"
    );
    assert_eq!(meetings[0]["place"], PLACE);
    assert_eq!(meetings[0]["held_on"], "2026-10-15");
    assert_eq!(meetings[0]["in_full"], false);
    assert!(meetings[0]["minutes"].is_null());
    assert!(
        body["agenda"]["overdue_milestones"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(
        body["agenda"]["pending_proposals"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let page = get(&router, "/meetings?lang=en").await.body;
    assert!(page.contains(PLACE) && page.contains("October 2026"));
    assert!(!page.contains(PUBLIC_DECISION) && !page.contains(RESTRICTED_AGENDA));

    // A coordinator sees both meetings, the minutes and both decisions.
    let coordinator = instance.app.meetings(&as_person("us-coord"));
    assert_eq!(coordinator.len(), 2);
    let minutes = coordinator[0].minutes.as_ref().expect("adopted minutes");
    assert_eq!(minutes.decisions.len(), 2);
    assert_eq!(coordinator[0].meeting.spec.agenda.len(), 2);
    // A member of another group sees the minutes without what names the
    // restricted project.
    let other = instance.app.meetings(&as_person(OTHER_MEMBER));
    let minutes = other[0].minutes.as_ref().expect("adopted minutes");
    let texts: Vec<&str> = minutes
        .decisions
        .iter()
        .map(|d| d.text["en"].as_str())
        .collect();
    assert_eq!(texts, [PUBLIC_DECISION]);
    assert_eq!(other[0].meeting.spec.agenda.len(), 1);
    assert_eq!(
        other[0].owners.get("us-coord").map(String::as_str),
        Some("us-coord")
    );

    // The agenda on 2026-11-27 for the co-chair: the two overdue milestones,
    // the pending project list, the slipped milestone due within 60 days.
    let agenda = instance
        .app
        .agenda(&as_person(CO_CHAIR), date(2026, 11, 27))
        .unwrap();
    let mut overdue: Vec<&str> = agenda
        .overdue_milestones
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    overdue.sort_unstable();
    assert_eq!(overdue, ["energy-review", "grid-audit"]);
    assert_eq!(agenda.pending_proposals.len(), 1);
    assert!(agenda.due_soon.iter().any(|d| d.days_left == 38));
}

#[tokio::test]
async fn the_public_never_sees_the_restricted_project_on_the_detail_pages() {
    let instance = world();
    let router = instance.router();
    for path in [
        "/projects/tripp-power",
        "/groups/energy",
        "/meetings",
        "/record",
        "/api/v1/projects/tripp-power",
        "/api/v1/meetings",
        "/api/v1/record/checkpoint",
    ] {
        for lang in LANGS {
            let answer = get(&router, &format!("{path}?lang={lang}")).await;
            assert_eq!(answer.status, 200, "{path}");
            for hidden in [
                RESTRICTED_TITLE,
                "grid-secret",
                "grid-audit",
                RESTRICTED_DECISION,
                RESTRICTED_AGENDA,
                "solar-farm",
            ] {
                assert!(!answer.body.contains(hidden), "{path} shows {hidden}");
            }
        }
    }
    // The navigation leads to the new pages, and lists link to projects.
    let group = get(&router, "/groups/energy?lang=en").await.body;
    assert!(group.contains(r#"href="/meetings""#) && group.contains(r#"href="/record""#));
    assert!(group.contains(r#"href="/projects/tripp-power""#));
    let charter = get(&router, "/charter?lang=en").await.body;
    assert!(charter.contains(r#"href="/projects/tripp-power""#));
}

#[tokio::test]
async fn signed_in_the_co_chair_sees_the_restricted_project_and_another_member_does_not() {
    use crate::accounts::{PASSWORD, WithAccounts};
    let with = WithAccounts::new();
    crate::detail_world::seed(&with.instance);
    crate::support::off_runtime(|| {
        with.accounts
            .create_login("us-trade@example.org", OTHER_MEMBER, Some(PASSWORD), 0)
    })
    .unwrap();
    let hidden = crate::support::off_runtime(|| {
        with.instance
            .app
            .project_detail(&Viewer::Operator, &ProjectId::new("grid-secret"))
    })
    .unwrap()
    .unwrap()
    .history[0]
        .index;

    let mut co_chair = with.logged_in(CO_CHAIR).await;
    let page = co_chair.get("/projects/grid-secret?lang=az").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(RESTRICTED_TITLE));
    assert_eq!(
        co_chair.get("/api/v1/projects/grid-secret").await.status,
        200
    );
    let proof = co_chair
        .get(&format!("/api/v1/record/proof/{hidden}"))
        .await;
    assert_eq!(proof.status, 200);
    let group = co_chair.get("/groups/energy?lang=fr").await.body;
    let gantt = svgs(&group)
        .into_iter()
        .find(|s| s.contains(r#"class="gantt""#))
        .expect("a Gantt chart");
    assert_eq!(gantt.matches(r#"class="gantt-bar""#).count(), 4);
    assert!(gantt.contains("glissé de 20 jours"));
    assert!(group.contains(CO_CHAIR), "the co-chair is listed");
    let meetings = co_chair.get("/api/v1/meetings").await.json();
    assert_eq!(meetings["meetings"].as_array().unwrap().len(), 2);

    let mut other = with.logged_in(OTHER_MEMBER).await;
    assert_eq!(other.get("/projects/grid-secret").await.status, 404);
    assert_eq!(other.get("/api/v1/projects/grid-secret").await.status, 404);
    assert_eq!(
        other
            .get(&format!("/api/v1/record/proof/{hidden}"))
            .await
            .status,
        404
    );
    assert_eq!(other.get("/projects/tripp-power").await.status, 200);
}
