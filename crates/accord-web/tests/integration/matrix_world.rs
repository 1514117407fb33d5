//! The world of the route × role matrix: `detail_world`'s instance with
//! accounts, one person logged in per role, and a partnership project.
//!
//! The energy working group has a public project (`tripp-power`), a
//! partnership project (`power-exchange`, with the partner company ACWA)
//! and a restricted one (`grid-secret`, with SOCAR). The people:
//!
//! | who             | organisation | role                        |
//! |-----------------|--------------|-----------------------------|
//! | `acwa-partner`  | ACWA         | partner                     |
//! | `socar-partner` | SOCAR        | partner (not a column: see `partner`) |
//! | `energy-member` | us-dos       | member of the energy group  |
//! | `us-trade`      | us-dos       | member of the trade group   |
//! | `az-energy`     | az-mfa       | AZ co-chair of energy       |
//! | `az-coord`      | az-mfa       | AZ coordinator              |
//! | `us-coord`      | us-dos       | US coordinator              |
//! | `auditor`       | us-dos       | auditor                     |
//! | `admin`         | us-dos       | administrator               |
//!
//! Open proposals to sign: `energy-list-2` (energy's list, proposed by the
//! AZ coordinator, signed by nobody), `energy-list-3` (a list that names
//! the restricted project, signed by nobody), `reject-me` and
//! `reject-me-too` (other groups' lists, signed by nobody), and
//! `withdraw-me` and `withdraw-me-too` (other groups' lists, signed by the
//! AZ coordinator only).

use accord_domain::command::{Actor, Command};
use accord_domain::event::{ProposalContent, content_hash};
use accord_domain::ids::{PersonId, ProvisionId};
use accord_domain::model::*;
use accord_domain::visibility::Viewer;

use crate::accounts::{Client, PASSWORD, WithAccounts};

/// The roles of the matrix, in the order of its tables' columns.
pub const ROLES: [&str; 9] = [
    "anonymous",
    "acwa-partner",
    "energy-member",
    "us-trade",
    "az-energy",
    "az-coord",
    "us-coord",
    "auditor",
    "admin",
];

pub const PARTNERSHIP: &str = "power-exchange";
pub const PARTNERSHIP_TITLE: &str = "Power exchange study";
pub const RESTRICTED: &str = "grid-secret";
/// Everything that names the restricted project or what belongs to it.
pub const RESTRICTED_MARKS: [&str; 5] = [
    RESTRICTED,
    crate::support::RESTRICTED_TITLE,
    crate::detail_world::RESTRICTED_DECISION,
    crate::detail_world::RESTRICTED_AGENDA,
    "grid-audit",
];

fn at() -> jiff::Timestamp {
    "2026-11-27T09:00:00Z".parse().unwrap()
}

fn run(world: &WithAccounts, actor: Actor, commands: Vec<Command>) {
    crate::support::off_runtime(|| world.instance.app.execute_all(&actor, commands, at())).unwrap();
}

fn list(group: &str) -> ProposalContent {
    ProposalContent::ProjectList {
        group: group.into(),
        projects: vec![],
    }
}

/// The matrix's world.
pub fn world() -> WithAccounts {
    let world = WithAccounts::new();
    crate::detail_world::seed(&world.instance);
    run(
        &world,
        Actor::System,
        vec![Command::RegisterOrganisation {
            organisation: Organisation {
                id: "acwa".into(),
                name: "ACWA".into(),
                kind: OrganisationKind::PrivateCompany,
                party: None,
            },
        }],
    );
    for (id, organisation, role) in [
        ("acwa-partner", "acwa", Some(Role::Partner)),
        ("socar-partner", "socar", Some(Role::Partner)),
        (
            "energy-member",
            "us-dos",
            Some(Role::Member {
                group: "energy".into(),
            }),
        ),
        ("us-trade", "us-dos", None),
        ("auditor", "us-dos", Some(Role::Auditor)),
        ("admin", "us-dos", Some(Role::Administrator)),
    ] {
        let mut commands = Vec::new();
        if let Some(role) = role {
            commands.push(Command::RegisterPerson {
                person: Person {
                    id: id.into(),
                    name: id.into(),
                    organisation: organisation.into(),
                },
            });
            commands.push(Command::GrantRole {
                person: id.into(),
                role,
            });
            run(&world, Actor::System, commands);
        }
        crate::support::off_runtime(|| {
            world
                .accounts
                .create_login(&format!("{id}@example.org"), id, Some(PASSWORD), 0)
        })
        .unwrap();
    }
    run(
        &world,
        Actor::Person(PersonId::new("az-energy")),
        vec![Command::ProposeProject {
            project: PARTNERSHIP.into(),
            spec: ProjectSpec {
                group: "energy".into(),
                title: accord_domain::texts::single("en", PARTNERSHIP_TITLE),
                description: Default::default(),
                provisions: vec![ProvisionId::new("I.1")],
                lead_party: "AZ".into(),
                lead_organisations: vec!["az-mfa".into()],
                partners: vec!["acwa".into()],
                start: None,
                end: None,
                investment: None,
                classification: Classification::Partnership,
            },
        }],
    );
    let az = Actor::Person(PersonId::new("az-coord"));
    run(
        &world,
        az.clone(),
        vec![Command::Propose {
            proposal: "energy-list-3".into(),
            content: ProposalContent::ProjectList {
                group: "energy".into(),
                projects: vec!["tripp-power".into(), RESTRICTED.into()],
            },
        }],
    );
    for (proposal, group, approved) in [
        ("reject-me", "connectivity", false),
        ("reject-me-too", "security-defense", false),
        ("withdraw-me", "ai-digital", true),
        ("withdraw-me-too", "economy-trade", true),
    ] {
        let mut commands = vec![Command::Propose {
            proposal: proposal.into(),
            content: list(group),
        }];
        if approved {
            commands.push(Command::Approve {
                proposal: proposal.into(),
                content_hash: content_hash(&list(group)),
            });
        }
        run(&world, az.clone(), commands);
    }
    world
}

/// The content hash of `energy-list-2`, which the approve form carries.
pub fn energy_list_2_hash() -> String {
    content_hash(&ProposalContent::ProjectList {
        group: "energy".into(),
        projects: vec!["solar-farm".into()],
    })
    .to_string()
}

/// The content hash of `energy-list-3`, which names the restricted project.
pub fn energy_list_3_hash() -> String {
    content_hash(&ProposalContent::ProjectList {
        group: "energy".into(),
        projects: vec!["tripp-power".into(), RESTRICTED.into()],
    })
    .to_string()
}

/// The index of the record's entry that proposes the restricted project:
/// `support`'s world proposes the public project, then the restricted one.
pub fn restricted_entry(world: &WithAccounts) -> u64 {
    let app = &world.instance.app;
    let kind = |viewer: &Viewer, index| {
        crate::support::off_runtime(|| app.entry_proof(viewer, index))
            .unwrap()
            .map(|p| p.entry.event_type)
    };
    let proposed: Vec<u64> = (0..app.size())
        .filter(|i| kind(&Viewer::Operator, *i).as_deref() == Some("ProjectProposed"))
        .take(2)
        .collect();
    let [public, restricted] = proposed[..] else {
        panic!("two projects proposed first: {proposed:?}")
    };
    assert!(kind(&Viewer::Public, public).is_some());
    assert_eq!(kind(&Viewer::Public, restricted), None);
    restricted
}

/// A client for `who`: the public, or logged in.
pub async fn client_for(world: &WithAccounts, who: &str) -> Client {
    if who == "anonymous" {
        world.client()
    } else {
        world.logged_in(who).await
    }
}
