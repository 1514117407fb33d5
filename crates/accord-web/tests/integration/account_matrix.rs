//! Who may reach the account and signing pages, role by role: anonymous,
//! partner, member, co-chair, each party's coordinator, auditor and
//! administrator, each asserting allowed or refused, and that a refused
//! signature records nothing.

use accord_domain::command::{Actor, Command};
use accord_domain::event::{ProposalContent, content_hash};
use accord_domain::ids::PersonId;
use accord_domain::model::{Person, Role};
use axum::http::StatusCode;

use crate::accounts::{Client, PASSWORD, WithAccounts};

/// The people of the matrix beyond `support`'s, with their roles.
fn more_people(world: &WithAccounts) {
    let at = "2026-11-27T09:00:00Z".parse().unwrap();
    for (id, organisation, role) in [
        (
            "energy-member",
            "az-mfa",
            Role::Member {
                group: "energy".into(),
            },
        ),
        ("socar-partner", "socar", Role::Partner),
        ("auditor", "us-dos", Role::Auditor),
        ("admin", "us-dos", Role::Administrator),
    ] {
        crate::support::off_runtime(|| {
            world.instance.app.execute_all(
                &Actor::System,
                vec![
                    Command::RegisterPerson {
                        person: Person {
                            id: id.into(),
                            name: id.into(),
                            organisation: organisation.into(),
                        },
                    },
                    Command::GrantRole {
                        person: id.into(),
                        role,
                    },
                ],
                at,
            )
        })
        .unwrap();
        crate::support::off_runtime(|| {
            world
                .accounts
                .create_login(&format!("{id}@example.org"), id, Some(PASSWORD), 0)
        })
        .unwrap();
    }
}

/// An open proposal nobody has signed yet.
fn open_proposal(world: &WithAccounts) -> String {
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

const ROLES: [&str; 8] = [
    "anonymous",
    "socar-partner",
    "energy-member",
    "az-energy",
    "az-coord",
    "us-coord",
    "auditor",
    "admin",
];

async fn client_for(world: &WithAccounts, who: &str) -> Client {
    if who == "anonymous" {
        world.client()
    } else {
        world.logged_in(who).await
    }
}

/// `allowed` when the page answers, `login` when the public is sent to
/// log in, `refused` when a logged-in person is refused.
fn outcome(status: StatusCode) -> &'static str {
    match status.as_u16() {
        200 => "allowed",
        303 => "login",
        403 => "refused",
        other => panic!("unexpected status {other}"),
    }
}

#[tokio::test]
async fn each_role_reaches_only_its_pages() {
    let world = WithAccounts::new();
    more_people(&world);
    let table = [
        // page, then the outcome for each of ROLES in order
        (
            "/approvals",
            [
                "login", "allowed", "allowed", "allowed", "allowed", "allowed", "allowed",
                "allowed",
            ],
        ),
        (
            "/admin",
            [
                "login", "refused", "refused", "refused", "refused", "refused", "refused",
                "allowed",
            ],
        ),
        (
            "/groups/energy/proposals/new",
            [
                "login", "allowed", "allowed", "allowed", "allowed", "allowed", "allowed",
                "allowed",
            ],
        ),
    ];
    for who in ROLES {
        let mut client = client_for(&world, who).await;
        for (page, expected) in &table {
            let index = ROLES.iter().position(|r| *r == who).unwrap();
            let got = outcome(client.get(page).await.status);
            assert_eq!(got, expected[index], "{who} on {page}");
        }
    }
}

#[tokio::test]
async fn only_the_coordinators_sign_a_list_of_a_group_nobody_else_chairs() {
    // Who may sign the economy group's list: each party's coordinator
    // (for their own party), nobody else here.
    for who in ROLES {
        let world = WithAccounts::new();
        more_people(&world);
        let hash = open_proposal(&world);
        let mut client = client_for(&world, who).await;
        let size = world.instance.app.size();
        let answer = client
            .post_form(
                "/login",
                "/approvals/economy-list/approve",
                &format!("content_hash={hash}"),
            )
            .await;
        let approvals: Vec<String> = world.instance.app.read(|s| {
            s.proposals["economy-list"]
                .agreement
                .approvals
                .keys()
                .map(ToString::to_string)
                .collect()
        });
        match who {
            "az-coord" | "us-coord" => {
                assert_eq!(
                    answer.status,
                    StatusCode::SEE_OTHER,
                    "{who}: {}",
                    answer.body
                );
                let party = if who == "az-coord" { "AZ" } else { "US" };
                assert_eq!(approvals, [party], "{who}");
            }
            "anonymous" => {
                assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{who}");
                assert_eq!(world.instance.app.size(), size);
            }
            _ => {
                assert_eq!(answer.status, 200, "{who}");
                assert!(
                    answer.body.contains("data-code=\"not_signatory\""),
                    "{who}: {}",
                    answer.body
                );
                assert!(approvals.is_empty(), "{who}");
                assert_eq!(world.instance.app.size(), size, "{who}");
            }
        }
    }
}
