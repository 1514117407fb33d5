//! The approval flow through its forms: proposing a working group's
//! project list, approving, rejecting, withdrawing; and what the rules
//! refuse shown on the page (never a server error), with nothing recorded.

use accord_domain::command::{Actor, Command};
use accord_domain::event::{ProposalContent, content_hash};
use accord_domain::ids::PersonId;
use axum::http::StatusCode;

use crate::accounts::{WithAccounts, encode};

/// An open proposal: the economy group's (empty) project list, proposed
/// by the Azerbaijani coordinator without approving it.
fn open_economy_list(world: &WithAccounts) -> String {
    let content = ProposalContent::ProjectList {
        group: "economy-trade".into(),
        projects: vec![],
    };
    crate::support::off_runtime(|| {
        world.instance.app.execute(
            &Actor::Person(PersonId::new("az-coord")),
            Command::Propose {
                proposal: "economy-list".into(),
                content: content.clone(),
            },
            "2026-11-27T09:00:00Z".parse().unwrap(),
        )
    })
    .unwrap();
    content_hash(&content)
}

fn approvals_of(world: &WithAccounts, proposal: &str) -> Vec<String> {
    world.instance.app.read(|s| {
        s.proposals[&accord_domain::ids::ProposalId::new(proposal)]
            .agreement
            .approvals
            .keys()
            .map(ToString::to_string)
            .collect()
    })
}

#[tokio::test]
async fn the_waiting_proposal_shows_its_exact_content_and_hash() {
    let world = WithAccounts::new();
    let hash = open_economy_list(&world);
    let mut us = world.logged_in("us-coord").await;
    let page = us.get("/approvals?lang=en").await;
    assert_eq!(page.status, 200);
    let waiting = page.element("section", "waiting-heading");
    let _ = waiting;
    assert!(page.body.contains("id=\"proposal-economy-list\""));
    assert!(page.body.contains(&hash));
    assert!(page.body.contains("id=\"approve-economy-list\""));
    // The energy list, adopted by both, is recalled as adopted.
    assert!(page.body.contains("data-state=\"adopted\""));
    // A coordinator may propose for every working group.
    assert!(page.body.contains("href=\"/groups/energy/proposals/new\""));
    assert!(
        page.body
            .contains("href=\"/groups/security-defense/roadmap/new\"")
    );
}

#[tokio::test]
async fn a_coordinator_approves_only_for_their_own_party() {
    let world = WithAccounts::new();
    let hash = open_economy_list(&world);
    let mut az = world.logged_in("az-coord").await;
    // A party field is not the signatory's to choose: it is ignored.
    let answer = az
        .post_form(
            "/approvals",
            "/approvals/economy-list/approve",
            &format!("content_hash={hash}&party=US"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.header("location"), "/approvals?done=approved");
    assert_eq!(approvals_of(&world, "economy-list"), ["AZ"]);
    // A second approval from the same coordinator does not count for the U.S.
    let again = az
        .post_form(
            "/approvals",
            "/approvals/economy-list/approve",
            &format!("content_hash={hash}&party=US"),
        )
        .await;
    assert_eq!(again.status, 200, "the refusal is shown on the page");
    assert!(again.body.contains("id=\"form-error\""));
    assert!(
        again.body.contains("AZ has already approved"),
        "{}",
        again.body
    );
    assert_eq!(approvals_of(&world, "economy-list"), ["AZ"]);
    // The U.S. coordinator sees the Azerbaijani approval, and adopts it.
    let mut us = world.logged_in("us-coord").await;
    let page = us.get("/approvals").await;
    assert!(
        page.body
            .contains("data-party=\"AZ\" data-state=\"approved\"")
    );
    let adopt = us
        .post_form(
            "/approvals",
            "/approvals/economy-list/approve",
            &format!("content_hash={hash}"),
        )
        .await;
    assert_eq!(adopt.status, StatusCode::SEE_OTHER);
    let adopted = world.instance.app.read(|s| {
        s.proposals[&accord_domain::ids::ProposalId::new("economy-list")]
            .agreement
            .adopted_on
    });
    assert!(adopted.is_some());
}

#[tokio::test]
async fn a_co_chair_cannot_approve_another_groups_list() {
    let world = WithAccounts::new();
    let hash = open_economy_list(&world);
    let mut co_chair = world.logged_in("az-energy").await;
    let page = co_chair.get("/approvals").await;
    assert!(
        !page.body.contains("id=\"proposal-economy-list\""),
        "not theirs to sign"
    );
    let size = world.instance.app.size();
    let answer = co_chair
        .post_form(
            "/approvals",
            "/approvals/economy-list/approve",
            &format!("content_hash={hash}"),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(
        answer.body.contains("data-code=\"not_signatory\""),
        "{}",
        answer.body
    );
    assert_eq!(world.instance.app.size(), size);
    assert!(approvals_of(&world, "economy-list").is_empty());
}

#[tokio::test]
async fn stale_content_is_refused_with_its_message() {
    let world = WithAccounts::new();
    open_economy_list(&world);
    let mut us = world.logged_in("us-coord").await;
    let stale = "0".repeat(64);
    let answer = us
        .post_form(
            "/approvals",
            "/approvals/economy-list/approve",
            &format!("content_hash={stale}"),
        )
        .await;
    assert_eq!(answer.status, 200);
    assert!(
        answer.body.contains("data-code=\"stale_content\""),
        "{}",
        answer.body
    );
    assert!(
        answer
            .body
            .contains("the content changed since it was shown")
    );
}

#[tokio::test]
async fn reject_with_a_reason_and_withdraw_an_approval() {
    let world = WithAccounts::new();
    let hash = open_economy_list(&world);
    let mut us = world.logged_in("us-coord").await;
    let empty = us
        .post_form("/approvals", "/approvals/economy-list/reject", "reason=")
        .await;
    assert!(
        empty.body.contains("a rejection needs a reason"),
        "{}",
        empty.body
    );
    let rejected = us
        .post_form(
            "/approvals",
            "/approvals/economy-list/reject",
            &format!("reason={}", encode("the list is empty")),
        )
        .await;
    assert_eq!(rejected.status, StatusCode::SEE_OTHER);
    let mut az = world.logged_in("az-coord").await;
    let page = az.get("/approvals?lang=en").await;
    assert!(page.body.contains("the list is empty"));
    az.post_form(
        "/approvals",
        "/approvals/economy-list/approve",
        &format!("content_hash={hash}"),
    )
    .await;
    assert_eq!(approvals_of(&world, "economy-list"), ["AZ"]);
    let withdrawn = az
        .post_form("/approvals", "/approvals/economy-list/withdraw", "")
        .await;
    assert_eq!(withdrawn.header("location"), "/approvals?done=withdrawn");
    assert!(approvals_of(&world, "economy-list").is_empty());
}

#[tokio::test]
async fn a_co_chair_proposes_their_groups_list_and_signs_it_at_once() {
    let world = WithAccounts::new();
    let mut co_chair = world.logged_in("az-energy").await;
    let page = co_chair.get("/groups/energy/proposals/new?lang=en").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("value=\"tripp-power\""));
    let answer = co_chair
        .post_form(
            "/groups/energy/proposals/new",
            "/groups/energy/proposals/new",
            "project=tripp-power&approve=yes",
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(approvals_of(&world, "energy-project-list-1"), ["AZ"]);
    // Another group's list is refused on the form, with the rules' message.
    let refused = co_chair
        .post_form(
            "/groups/economy-trade/proposals/new",
            "/groups/economy-trade/proposals/new",
            "approve=yes",
        )
        .await;
    assert_eq!(refused.status, 200);
    assert!(
        refused.body.contains("data-code=\"not_signatory\""),
        "{}",
        refused.body
    );
    // The public is sent to log in first, and nothing it posts is recorded.
    let anonymous = world.client().get("/groups/energy/proposals/new").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    let mut stranger = world.client();
    let size = world.instance.app.size();
    let posted = stranger
        .post_form(
            "/login",
            "/groups/energy/proposals/new",
            "project=tripp-power",
        )
        .await;
    assert_eq!(posted.status, StatusCode::UNAUTHORIZED);
    assert!(posted.body.contains("login_required"));
    assert_eq!(world.instance.app.size(), size);
}

#[tokio::test]
async fn a_co_chair_proposes_their_groups_roadmap_line_by_line() {
    let world = WithAccounts::new();
    let mut co_chair = world.logged_in("az-energy").await;
    let page = co_chair.get("/groups/energy/roadmap/new?lang=en").await;
    assert_eq!(page.status, 200, "{}", page.body);
    // A line that is not a milestone is explained with its number.
    let bad = co_chair
        .post_form(
            "/groups/energy/roadmap/new",
            "/groups/energy/roadmap/new",
            "milestones=survey+%7C+Route+survey+%7C+2026-09-01%0Anot+a+milestone",
        )
        .await;
    assert_eq!(bad.status, 200);
    assert!(bad.body.contains("line 2:"), "{}", bad.body);
    // A dependency on a milestone that is not there is the rules' refusal.
    let unknown = co_chair
        .post_form(
            "/groups/energy/roadmap/new",
            "/groups/energy/roadmap/new",
            "milestones=build+%7C+Build+%7C+2027-06-01+%7C+tripp-power+%7C+survey",
        )
        .await;
    assert!(
        unknown.body.contains("data-code=\"not_found\""),
        "{}",
        unknown.body
    );
    let size = world.instance.app.size();
    // A title of plain text is in the page's language; one with language
    // codes in brackets holds a version per language.
    let answer = co_chair
        .post_form(
            "/groups/energy/roadmap/new",
            "/groups/energy/roadmap/new?lang=az",
            "milestones=survey+%7C+Mar%C5%9Frut+t%C9%99dqiqat%C4%B1+%7C+2026-09-01+%7C+tripp-power%0Abuild+%7C+%5Baz%5D+Tikinti+%5Ben%5D+Build+%7C+2027-06-01+%7C+tripp-power+%7C+survey&approve=yes",
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert!(world.instance.app.size() > size);
    assert_eq!(approvals_of(&world, "energy-roadmap-1"), ["AZ"]);
    let content = world
        .instance
        .app
        .read(|s| s.proposals["energy-roadmap-1"].content.clone());
    let ProposalContent::Roadmap { milestones, .. } = content else {
        panic!("a roadmap");
    };
    assert_eq!(milestones.len(), 2);
    assert_eq!(milestones[1].depends_on, ["survey"]);
    let titles: Vec<Vec<(&str, &str)>> = milestones
        .iter()
        .map(|m| {
            m.title
                .iter()
                .map(|(l, t)| (l.as_str(), t.as_str()))
                .collect()
        })
        .collect();
    assert_eq!(
        titles,
        [
            vec![("az", "Marşrut tədqiqatı")],
            vec![("az", "Tikinti"), ("en", "Build")]
        ]
    );
}
