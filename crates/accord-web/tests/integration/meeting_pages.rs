//! The meetings' acts in the browser's forms, signed in: scheduling a
//! charter meeting with the agenda the record proposes, recording it held,
//! proposing its minutes in two languages with an action, adopting them on
//! the approvals page, marking the action done; a refused act shows the
//! form again with the reason and what was typed; a co-chair is offered no
//! charter meeting.

use crate::accounts::{WithAccounts, encode};

fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn urlencode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char);
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[tokio::test]
async fn a_coordinator_carries_a_charter_meeting_from_scheduling_to_its_action_done() {
    let world = WithAccounts::new();
    let mut us = world.logged_in("us-coord").await;
    let page = us.get("/meetings/new?lang=en").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("value=\"charter\""), "{}", page.body);

    // The agenda the record proposes for a charter meeting on that date.
    let proposed = us
        .post_form(
            "/meetings/new?lang=en",
            "/meetings/new?lang=en",
            &form(&[
                ("kind", "charter"),
                ("date", "2026-11-20"),
                ("step", "agenda"),
            ]),
        )
        .await;
    assert_eq!(proposed.status, 200, "{}", proposed.body);
    assert!(
        proposed.body.contains("Commitment no project covers"),
        "{}",
        proposed.body
    );

    let scheduled = us
        .post_form(
            "/meetings/new?lang=en",
            "/meetings/new",
            &form(&[
                ("kind", "charter"),
                ("date", "2026-11-20"),
                ("place", "Baku"),
                ("participant", "az-coord"),
                ("participant", "us-coord"),
                ("agenda-0-keep", "yes"),
                ("agenda-0-title-az", "İlin icmalı"),
                ("agenda-0-title-en", "Review of the year"),
                ("agenda-0-provisions", "I.1"),
                ("step", "schedule"),
            ]),
        )
        .await;
    assert_eq!(scheduled.status, 303, "{}", scheduled.body);
    assert_eq!(
        scheduled.header("location"),
        "/meetings/charter-2026-11-20?done=scheduled"
    );

    let page = us.get("/meetings/charter-2026-11-20?lang=en").await;
    assert!(page.body.contains("Review of the year"), "{}", page.body);
    assert!(page.body.contains("id=\"held-submit\""), "{}", page.body);
    // A refused act: held in the future. The form comes back with the reason.
    let refused = us
        .post_form(
            "/meetings/charter-2026-11-20?lang=en",
            "/meetings/charter-2026-11-20/held?lang=en",
            &form(&[("on", "2026-12-30"), ("attendee", "az-coord")]),
        )
        .await;
    assert_eq!(refused.status, 200, "{}", refused.body);
    assert!(
        refused.body.contains("data-code=\"invalid\""),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"2026-12-30\""),
        "{}",
        refused.body
    );
    let held = us
        .post_form(
            "/meetings/charter-2026-11-20?lang=en",
            "/meetings/charter-2026-11-20/held",
            &form(&[
                ("on", "2026-11-20"),
                ("attendee", "az-coord"),
                ("attendee", "us-coord"),
            ]),
        )
        .await;
    assert_eq!(held.status, 303, "{}", held.body);

    // The Azerbaijani coordinator proposes the minutes in two languages.
    let mut az = world.logged_in("az-coord").await;
    let page = az.get("/meetings/charter-2026-11-20?lang=az").await;
    assert!(page.body.contains("id=\"minutes-form\""), "{}", page.body);
    let proposed = az
        .post_form(
            "/meetings/charter-2026-11-20?lang=az",
            "/meetings/charter-2026-11-20/minutes",
            &form(&[
                ("text-az", "Tərəflər görüşdü."),
                ("text-en", "The parties met."),
                ("decision-0-kind", "action"),
                ("decision-0-text-en", "Draft the energy roadmap"),
                ("decision-0-owner", "az-energy"),
                ("decision-0-due", "2026-12-20"),
                ("decision-0-provisions", "I.1"),
            ]),
        )
        .await;
    assert_eq!(proposed.status, 303, "{}", proposed.body);
    assert_eq!(proposed.header("location"), "/approvals?done=proposed");
    // Both coordinators approve it on their approvals page: every language
    // version is shown to them.
    for client in [&mut az, &mut us] {
        let approvals = client.get("/approvals?lang=en").await;
        assert!(
            approvals.body.contains("[az] Tərəflər görüşdü."),
            "{}",
            approvals.body
        );
        let id = "charter-2026-11-20-minutes";
        let hash = approvals
            .body
            .split(&format!("action=\"/approvals/{id}/approve\""))
            .nth(1)
            .and_then(|rest| rest.split("name=\"content_hash\" value=\"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("no approve form: {}", approvals.body))
            .to_owned();
        let approved = client
            .post_form(
                "/approvals?lang=en",
                &format!("/approvals/{id}/approve"),
                &format!("content_hash={}", encode(&hash)),
            )
            .await;
        assert_eq!(approved.status, 303, "{}", approved.body);
    }
    let page = az.get("/meetings/charter-2026-11-20?lang=az").await;
    assert!(page.body.contains("Tərəflər görüşdü."), "{}", page.body);
    // The action's owner marks it done on the meeting's page.
    let mut owner = world.logged_in("az-energy").await;
    let page = owner.get("/meetings/charter-2026-11-20?lang=en").await;
    let action = "charter-2026-11-20-minutes-action-1";
    assert!(
        page.body.contains(&format!("id=\"done-{action}\"")),
        "{}",
        page.body
    );
    let done = owner
        .post_form(
            "/meetings/charter-2026-11-20?lang=en",
            &format!("/actions/{action}/done"),
            "note=Drafted",
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let page = owner.get("/meetings/charter-2026-11-20?lang=en").await;
    assert!(page.body.contains("Drafted"), "{}", page.body);
    assert!(!page.body.contains(&format!("id=\"done-{action}\"")));
}

#[tokio::test]
async fn a_co_chair_is_offered_no_charter_meeting_and_the_public_no_form() {
    let world = WithAccounts::new();
    let mut co_chair = world.logged_in("az-energy").await;
    let page = co_chair.get("/meetings/new?lang=en").await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("value=\"charter\""), "{}", page.body);
    assert!(
        page.body.contains("value=\"working_group:energy\""),
        "{}",
        page.body
    );
    let public = world.client().get("/meetings/new").await;
    assert_eq!(public.status, 303, "the public is sent to log in");
}

#[tokio::test]
async fn a_dialogue_platform_proposed_in_the_browser_exists_once_both_parties_approve() {
    let world = WithAccounts::new();
    let mut az = world.logged_in("az-coord").await;
    let page = az.get("/groups/new?lang=az").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(!page.body.contains("id=\"may-not-propose\""));
    // A hostile id is refused and the names typed are kept.
    let refused = az
        .post_form(
            "/groups/new?lang=en",
            "/groups/new?lang=en",
            &form(&[
                ("kind", "dialogue_platform"),
                ("id", "../Caspian"),
                ("name-az", "Xəzər enerji dialoqu"),
            ]),
        )
        .await;
    assert!(
        refused.body.contains("data-code=\"invalid\""),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("Xəzər enerji dialoqu"),
        "{}",
        refused.body
    );
    let proposed = az
        .post_form(
            "/groups/new?lang=en",
            "/groups/new",
            &form(&[
                ("kind", "dialogue_platform"),
                ("id", "caspian-energy-dialogue"),
                ("name-az", "Xəzər enerji dialoqu"),
                ("name-en", "Caspian energy dialogue"),
                ("purpose-en", "Energy security"),
            ]),
        )
        .await;
    assert_eq!(proposed.status, 303, "{}", proposed.body);
    let mut us = world.logged_in("us-coord").await;
    for client in [&mut az, &mut us] {
        let approvals = client.get("/approvals?lang=en").await;
        let id = "platform-caspian-energy-dialogue";
        let hash = approvals
            .body
            .split(&format!("action=\"/approvals/{id}/approve\""))
            .nth(1)
            .and_then(|rest| rest.split("name=\"content_hash\" value=\"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("no approve form: {}", approvals.body))
            .to_owned();
        let approved = client
            .post_form(
                "/approvals?lang=en",
                &format!("/approvals/{id}/approve"),
                &format!("content_hash={}", encode(&hash)),
            )
            .await;
        assert_eq!(approved.status, 303, "{}", approved.body);
    }
    let page = us.get("/groups/caspian-energy-dialogue?lang=az").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Xəzər enerji dialoqu"), "{}", page.body);
}

#[tokio::test]
async fn a_document_is_attached_from_the_meetings_page_with_the_forms_csrf_token() {
    let world = WithAccounts::new();
    let mut us = world.logged_in("us-coord").await;
    let scheduled = us
        .post_form(
            "/meetings/new?lang=en",
            "/meetings/new",
            &form(&[
                ("kind", "charter"),
                ("date", "2026-11-20"),
                ("place", "Baku"),
                ("step", "schedule"),
            ]),
        )
        .await;
    assert_eq!(scheduled.status, 303, "{}", scheduled.body);
    let page = us.get("/meetings/charter-2026-11-20?lang=en").await;
    assert!(page.body.contains("id=\"document-form\""), "{}", page.body);
    let csrf = crate::accounts::csrf_of(&page.body);
    let multipart = |token: &str, first: bool| {
        let csrf_part = format!(
            "--B0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
        );
        let file_part = "--B0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"minutes.txt\"\r\nContent-Type: text/plain\r\n\r\nSigned minutes\r\n";
        if first {
            format!("{csrf_part}{file_part}--B0undary--\r\n")
        } else {
            format!("{file_part}{csrf_part}--B0undary--\r\n")
        }
    };
    let headers = [("content-type", "multipart/form-data; boundary=B0undary")];
    // Without the token first, or with a wrong one: refused, nothing recorded.
    let size = world.instance.app.size();
    for body in [multipart(&csrf, false), multipart("wrong", true)] {
        let refused = us
            .send(
                "POST",
                "/meetings/charter-2026-11-20/documents",
                &headers,
                &body,
            )
            .await;
        assert_eq!(refused.status, 403, "{}", refused.body);
    }
    assert_eq!(world.instance.app.size(), size);
    let attached = us
        .send(
            "POST",
            "/meetings/charter-2026-11-20/documents",
            &headers,
            &multipart(&csrf, true),
        )
        .await;
    assert_eq!(attached.status, 303, "{}", attached.body);
    let page = us.get("/meetings/charter-2026-11-20?lang=en").await;
    assert!(page.body.contains("minutes.txt"), "{}", page.body);
}
