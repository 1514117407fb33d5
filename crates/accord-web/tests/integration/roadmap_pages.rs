//! A working group's roadmap of many milestones on its page (in French,
//! the default language): one page of milestones at a time, in the
//! roadmap's order, with links to the others.

use accord_domain::command::{Actor, Command};
use accord_domain::event::{ProposalContent, content_hash};
use accord_domain::ids::PersonId;
use accord_domain::model::MilestoneSpec;
use axum::http::StatusCode;
use jiff::civil::date;

use crate::accounts::WithAccounts;

/// The energy group's agreed roadmap: `count` milestones of its public
/// project, each after the one before.
fn world_with_roadmap(count: usize) -> WithAccounts {
    let world = WithAccounts::new();
    let milestones: Vec<MilestoneSpec> = (0..count)
        .map(|k| MilestoneSpec {
            id: format!("step-{k:04}").as_str().into(),
            title: accord_domain::texts::single("en", format!("Step {k}")),
            project: Some("tripp-power".into()),
            due: date(2027, 1, 1) + jiff::Span::new().days(k as i64),
            depends_on: if k == 0 {
                Vec::new()
            } else {
                vec![format!("step-{:04}", k - 1).as_str().into()]
            },
        })
        .collect();
    let roadmap = ProposalContent::Roadmap {
        group: "energy".into(),
        milestones,
    };
    let hash = content_hash(&roadmap);
    let at: jiff::Timestamp = "2026-04-20T10:00:00Z".parse().unwrap();
    for (who, commands) in [
        (
            "az-coord",
            vec![
                Command::Propose {
                    proposal: "energy-roadmap".into(),
                    content: roadmap,
                },
                Command::Approve {
                    proposal: "energy-roadmap".into(),
                    content_hash: hash.clone(),
                },
            ],
        ),
        (
            "us-coord",
            vec![Command::Approve {
                proposal: "energy-roadmap".into(),
                content_hash: hash.clone(),
            }],
        ),
    ] {
        let actor = Actor::Person(PersonId::new(who));
        crate::support::off_runtime(|| world.instance.app.execute_all(&actor, commands, at))
            .unwrap();
    }
    world
}

#[tokio::test]
async fn a_long_roadmap_shows_a_page_of_milestones_with_links_to_the_others() {
    let world = world_with_roadmap(450);
    let mut client = world.client();
    let first = client.get("/groups/energy").await;
    assert_eq!(first.status, StatusCode::OK);
    let rows = |body: &str| body.matches("<tr id=\"milestone-step-").count();
    assert_eq!(rows(&first.body), 200, "one page of milestones");
    assert!(first.body.contains("id=\"milestone-step-0000\""));
    assert!(!first.body.contains("id=\"milestone-step-0200\""));
    assert!(
        first.body.contains("Jalons 1 à 200 sur 450."),
        "the pager says where it stands: {}",
        &first.body[first.body.find("roadmap-heading").unwrap()..][..300]
    );
    let next = first.body.find("id=\"roadmap-next\"").expect("a next link");
    assert!(
        first.body[..next]
            .ends_with("href=\"/groups/energy?page=1&#38;milestones=2#roadmap\" rel=\"next\" "),
        "{}",
        &first.body[next - 120..next + 20]
    );

    let last = client.get("/groups/energy?milestones=3").await;
    assert_eq!(rows(&last.body), 50);
    assert!(last.body.contains("id=\"milestone-step-0449\""));
    assert!(last.body.contains("Jalons 401 à 450 sur 450."));
    assert!(!last.body.contains("id=\"roadmap-next\""));

    // Past the end, "previous" leads back to the last page.
    let past = client.get("/groups/energy?milestones=9").await;
    assert_eq!(past.status, StatusCode::OK);
    assert_eq!(rows(&past.body), 0);
    assert!(past.body.contains("milestones=3#roadmap"));

    // The API answers the whole roadmap.
    let api = client.get("/api/v1/groups/energy/roadmap").await.json();
    assert_eq!(api["milestones"].as_array().unwrap().len(), 450);
}
