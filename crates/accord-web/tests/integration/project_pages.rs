//! A project's life in the browser's forms, signed in, over the matrix's
//! world: proposing a project (`/projects/new`) and the refusals that name
//! their field with what was typed kept; on the project's page, the forms
//! each person is offered and no others, a change applied at once before
//! the list is agreed and proposed beside the agreed version after, the
//! status, milestones, indicators and measurements; and the history, each
//! entry labelled in the reader's language with who acted, its log index,
//! its proof and the description's word diff.

use crate::accounts::{Client, encode};
use crate::matrix_world::{client_for, world};

/// A form body from its fields, encoded.
fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A valid proposal of a project in the energy group, with `more` fields.
fn proposal(more: &[(&str, &str)]) -> String {
    let mut fields = vec![
        ("group", "energy"),
        ("title-az", "Külək stansiyası"),
        ("title-en", "Wind park"),
        ("description-en", "A wind park of 50 turbines"),
        ("provision", "I.1"),
        ("lead_party", "AZ"),
        ("lead_organisation", "az-mfa"),
        ("partner", "acwa"),
        ("start", "2026-12-01"),
        ("end", "2028-12-31"),
        ("amount", "1250000.00"),
        ("currency", "USD"),
        ("public_share_percent", "40"),
        ("classification", "public"),
    ];
    fields.extend_from_slice(more);
    // A later value of a field wins over the earlier one.
    form(&fields)
}

/// Posts `body` to `action` as `client`, with the CSRF token of its
/// calendar page (a form every signed-in person has).
async fn post(client: &mut Client, action: &str, body: &str) -> crate::support::Answer {
    client.post_form("/account/calendar", action, body).await
}

/// The refusal's code shown on a form page.
fn refusal_code(body: &str) -> &str {
    let (_, rest) = body
        .split_once("data-code=\"")
        .unwrap_or_else(|| panic!("no refusal in {body}"));
    &rest[..rest.find('"').unwrap()]
}

#[tokio::test]
async fn a_co_chair_proposes_a_project_in_two_languages_citing_the_charter() {
    let world = world();
    let mut az = client_for(&world, "az-energy").await;
    let page = az.get("/projects/new?group=energy&lang=en").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(r#"<option value="energy" selected>"#));
    // Each language side by side; the provisions with their text.
    for language in ["az", "en", "fr"] {
        assert!(page.body.contains(&format!(r#"id="title-{language}""#)));
    }
    assert!(page.body.contains(r#"id="provision-I.1""#));
    assert!(page.body.contains("<q lang="), "provisions' text shown");
    assert!(
        page.body.contains(r#"id="partner-acwa""#),
        "registered partners"
    );

    let done = post(&mut az, "/projects/new", &proposal(&[])).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.header("location"), "/projects/wind-park?done=proposed");
    let project = az.get("/projects/wind-park?lang=en&done=proposed").await;
    assert!(project.body.contains("Wind park"));
    assert!(project.body.contains("The project is proposed."));
    assert!(project.body.contains("ACWA"), "its partner");
    assert!(project.body.contains("1250000.00 USD"));
    // Only French is missing from the title: the form says so.
    let again = post(
        &mut az,
        "/projects/new?lang=en",
        &proposal(&[("end", "2026-01-01")]),
    )
    .await;
    assert!(
        again.body.contains("Still missing in: fr"),
        "{}",
        again.body
    );
}

#[tokio::test]
async fn bad_input_comes_back_with_what_was_typed_and_the_field_named() {
    let world = world();
    let mut az = client_for(&world, "az-energy").await;
    for (fields, code, field) in [
        (vec![("end", "2026-01-01")], "invalid", "end"),
        (vec![("amount", "-5")], "invalid", "amount"),
        (vec![("amount", "lots")], "invalid", "amount"),
        (vec![("currency", "XYZ")], "invalid", "currency"),
        (
            vec![("public_share_percent", "140")],
            "invalid",
            "public_share_percent",
        ),
        (vec![("partner", "nobody")], "invalid", "partners"),
        (vec![("provision", "IX.99")], "unknown_provision", "IX.99"),
    ] {
        let refused = post(&mut az, "/projects/new?lang=en", &proposal(&fields)).await;
        assert_eq!(refused.status, 200, "{fields:?}: {}", refused.body);
        assert_eq!(refusal_code(&refused.body), code, "{fields:?}");
        let alert = &refused.body[refused.body.find("id=\"form-error\"").unwrap()..];
        assert!(
            alert[..alert.find("</p>").unwrap()].contains(field),
            "{fields:?} names {field}: {alert}"
        );
        // What was typed stays.
        assert!(refused.body.contains("Külək stansiyası"), "{fields:?}");
        assert!(refused.body.contains("A wind park of 50 turbines"));
    }
    // No provision at all.
    let body = proposal(&[]).replace("provision=I.1&", "");
    let refused = post(&mut az, "/projects/new?lang=en", &body).await;
    assert_eq!(refusal_code(&refused.body), "no_provision");
    // Nothing was recorded.
    let none = az.get("/projects/wind-park").await;
    assert_eq!(none.status, 404);
}

#[tokio::test]
async fn who_may_not_propose_sees_no_form_and_is_refused_with_403() {
    let world = world();
    // An auditor works in no group: no form at all.
    let mut auditor = client_for(&world, "auditor").await;
    let page = auditor.get("/projects/new?lang=en").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(r#"id="may-not-propose""#));
    assert!(!page.body.contains(r#"id="project-form""#));
    let refused = post(&mut auditor, "/projects/new?lang=en", &proposal(&[])).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(
        refused
            .body
            .contains(r#"<code class="error-code">forbidden</code>"#)
    );
    // A member of the trade group is offered that group, not energy, and
    // is refused in energy.
    let mut trade = client_for(&world, "us-trade").await;
    let page = trade.get("/projects/new?lang=en").await;
    assert!(
        page.body.contains(r#"<option value="economy-trade""#),
        "{}",
        page.body
    );
    assert!(!page.body.contains(r#"<option value="energy""#));
    let refused = post(&mut trade, "/projects/new?lang=en", &proposal(&[])).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    // The group's page links to the form for its co-chair only.
    let mut az = client_for(&world, "az-energy").await;
    assert!(
        az.get("/groups/energy")
            .await
            .body
            .contains(r#"id="propose-project""#)
    );
    assert!(
        !trade
            .get("/groups/energy")
            .await
            .body
            .contains(r#"id="propose-project""#)
    );
}

/// The forms a page offers, by their ids.
fn forms_on(body: &str) -> Vec<&'static str> {
    [
        "amend-form",
        "status-form",
        "complete-tripp-build",
        "reschedule-tripp-build",
        "indicator-form",
        "measure-tripp-capacity",
    ]
    .into_iter()
    .filter(|id| body.contains(&format!("id=\"{id}\"")))
    .collect()
}

#[tokio::test]
async fn each_person_is_offered_the_forms_of_the_acts_they_may_perform() {
    let world = world();
    for (who, expected) in [
        (
            "az-energy",
            &[
                "amend-form",
                "status-form",
                "complete-tripp-build",
                "reschedule-tripp-build",
                "indicator-form",
                "measure-tripp-capacity",
            ][..],
        ),
        // A member works in the group but signs for no party, and does
        // not lead the project.
        (
            "energy-member",
            &[
                "complete-tripp-build",
                "reschedule-tripp-build",
                "indicator-form",
                "measure-tripp-capacity",
            ][..],
        ),
        ("us-trade", &[][..]),
        ("acwa-partner", &[][..]),
        ("auditor", &[][..]),
        ("anonymous", &[][..]),
    ] {
        let mut client = client_for(&world, who).await;
        let page = client.get("/projects/tripp-power?lang=en").await;
        assert_eq!(page.status, 200, "{who}");
        assert_eq!(forms_on(&page.body), expected, "{who}");
    }
    // Someone outside the group is refused with 403, and nothing changes.
    let mut trade = client_for(&world, "us-trade").await;
    for (action, body) in [
        ("/projects/tripp-power/status", "status=suspended&reason=No"),
        (
            "/projects/tripp-power/milestones/tripp-build/complete",
            "on=2026-11-26&note=x",
        ),
        (
            "/projects/tripp-power/indicators/tripp-capacity/measurements",
            "value=1&date=2026-11-26&source=x",
        ),
    ] {
        let refused = post(&mut trade, action, body).await;
        assert_eq!(refused.status, 403, "{action}: {}", refused.body);
    }
    let page = trade.get("/projects/tripp-power?lang=en").await;
    assert!(page.body.contains(r#"id="project-status">agreed"#));
}

#[tokio::test]
async fn a_change_applies_at_once_before_the_list_is_agreed_and_is_proposed_after() {
    let world = world();
    let mut az = client_for(&world, "az-energy").await;
    // solar-farm is not agreed yet: the change applies at once, and its
    // description's words show what changed.
    let before = az.get("/projects/solar-farm?lang=en").await;
    assert!(before.body.contains("a change applies at once"));
    let first = post(
        &mut az,
        "/projects/solar-farm/amend",
        &form(&[
            ("group", "energy"),
            ("title-en", "Solar farm"),
            ("description-en", "A farm of 100 MW"),
            ("provision", "I.1"),
            ("lead_party", "AZ"),
            ("classification", "public"),
        ]),
    )
    .await;
    assert_eq!(first.status, 303, "{}", first.body);
    assert_eq!(
        first.header("location"),
        "/projects/solar-farm?done=amended"
    );
    let second = post(
        &mut az,
        "/projects/solar-farm/amend",
        &form(&[
            ("group", "energy"),
            ("title-en", "Solar farm"),
            ("description-en", "A farm of 150 MW"),
            ("provision", "I.1"),
            ("lead_party", "AZ"),
            ("classification", "public"),
        ]),
    )
    .await;
    assert_eq!(second.status, 303, "{}", second.body);
    let page = az.get("/projects/solar-farm?lang=en").await;
    assert!(page.body.contains("<del>100</del>"), "{}", page.body);
    assert!(page.body.contains("<ins>150</ins>"));
    assert!(page.body.contains("Project changed"));

    // tripp-power is agreed: the change is proposed, the agreed version
    // stands and the pending change shows beside it.
    let proposed = post(
        &mut az,
        "/projects/tripp-power/amend",
        &form(&[
            ("group", "energy"),
            ("title-en", "TRIPP power line, phase 2"),
            ("provision", "I.1"),
            ("lead_party", "AZ"),
            ("classification", "public"),
            ("end", "2029-06-30"),
        ]),
    )
    .await;
    assert_eq!(proposed.status, 303, "{}", proposed.body);
    assert_eq!(
        proposed.header("location"),
        "/projects/tripp-power?done=change-proposed#pending"
    );
    let page = az.get("/projects/tripp-power?lang=en").await;
    let pending = &page.body[page.body.find(r#"id="pending""#).expect("pending")..];
    let pending = &pending[..pending.find("</section>").unwrap()];
    assert!(pending.contains("TRIPP power line, phase 2"), "{pending}");
    assert!(pending.contains("2029-06-30"), "{pending}");
    assert!(pending.contains("tripp-power-amendment"));
    let h1 = &page.body[page.body.find("<h1>").unwrap()..];
    assert!(
        !h1[..h1.find("</h1>").unwrap()].contains("phase 2"),
        "the agreed version stands"
    );
    assert!(page.body.contains("Change proposed to both parties"));
    // A member, who signs for no party, is refused with 403.
    let mut member = client_for(&world, "energy-member").await;
    let refused = post(
        &mut member,
        "/projects/tripp-power/amend",
        &form(&[
            ("group", "energy"),
            ("title-en", "Mine"),
            ("provision", "I.1"),
            ("lead_party", "AZ"),
            ("classification", "public"),
        ]),
    )
    .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
}

#[tokio::test]
async fn status_milestones_indicators_and_measurements_are_recorded_or_refused_by_field() {
    let world = world();
    let mut az = client_for(&world, "az-energy").await;
    let at = |path: &str| format!("/projects/tripp-power{path}?lang=en");

    // No reason: the form again, naming the field.
    let refused = post(&mut az, &at("/status"), "status=in_progress&reason=").await;
    assert_eq!(refusal_code(&refused.body), "invalid");
    assert!(refused.body.contains("reason"));
    let done = post(
        &mut az,
        &at("/status"),
        "status=in_progress&reason=Works+started",
    )
    .await;
    assert_eq!(done.header("location"), "/projects/tripp-power?done=status");

    let moved = post(
        &mut az,
        &at("/milestones/tripp-build/reschedule"),
        "due=2027-02-01&reason=Late+cables",
    )
    .await;
    assert_eq!(moved.status, 303, "{}", moved.body);
    let refused = post(
        &mut az,
        &at("/milestones/tripp-build/complete"),
        "on=2099-01-01&note=",
    )
    .await;
    assert_eq!(refusal_code(&refused.body), "invalid");
    assert!(refused.body.contains("on:"), "{}", refused.body);
    let completed = post(
        &mut az,
        &at("/milestones/tripp-build/complete"),
        "on=2026-11-26&note=Line+energised",
    )
    .await;
    assert_eq!(completed.status, 303, "{}", completed.body);
    // A milestone of another project is not this project's.
    let elsewhere = post(
        &mut az,
        "/projects/tripp-power/milestones/grid-audit/complete",
        "on=2026-11-26",
    )
    .await;
    assert_eq!(elsewhere.status, 404);

    let indicator = "id=jobs&name-en=Jobs&name-az=%C4%B0%C5%9F+yerl%C9%99ri&unit=jobs&direction=higher_is_better&baseline_value=0&baseline_date=2026-06-01&target_value=500&target_date=2028-12-31";
    let defined = post(&mut az, &at("/indicators"), indicator).await;
    assert_eq!(defined.status, 303, "{}", defined.body);
    let refused = post(
        &mut az,
        &at("/indicators/jobs/measurements"),
        "value=many&date=2026-11-26&source=Census",
    )
    .await;
    assert_eq!(refusal_code(&refused.body), "invalid");
    assert!(refused.body.contains("value"), "{}", refused.body);
    let measured = post(
        &mut az,
        &at("/indicators/jobs/measurements"),
        "value=120&date=2026-11-26&source=Census",
    )
    .await;
    assert_eq!(measured.status, 303, "{}", measured.body);

    // The history, in English and in Azerbaijani: labelled, with who and
    // the proof of each entry.
    let page = az.get("/projects/tripp-power?lang=en").await;
    let history = &page.body[page.body.find(r#"id="history""#).unwrap()..];
    for label in [
        "Project proposed",
        "Project list agreed by both parties",
        "Status set: in progress",
        "(Works started)",
        "Milestone moved",
        "Milestone completed",
        "Indicator defined",
        "Measurement recorded",
    ] {
        assert!(history.contains(label), "{label}: {history}");
    }
    assert!(!history.contains(">ProjectProposed<"), "no raw event name");
    assert!(history.contains("href=\"/record?entry="), "proof links");
    assert!(
        history.contains(".tlog-proof\" download>proof of this act (.tlog-proof)</a>"),
        "a download of each act's tlog-proof: {history}"
    );
    let az_page = az.get("/projects/tripp-power?lang=az").await;
    assert!(az_page.body.contains("Layihə təklif olundu"));
    assert!(az_page.body.contains("bu qeydin sübutu (.tlog-proof)"));
    assert!(az_page.body.contains("Ölçmə qeydə alındı"));
}
