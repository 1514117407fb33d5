//! Two writers on one store, as the console beside a running server (or two
//! server processes on one database): each catches up with what the other
//! appended, decides again against it, and both end at the same record.

use accord_domain::command::{Actor, Command};
use accord_domain::model::{Organisation, OrganisationKind};

use crate::support::{Instance, now};

fn organisation(id: &str) -> Command {
    Command::RegisterOrganisation {
        organisation: Organisation {
            id: id.into(),
            name: id.into(),
            kind: OrganisationKind::Government,
            party: None,
        },
    }
}

#[test]
fn a_write_after_anothers_append_catches_up_and_records() {
    let instance = Instance::new();
    let server = instance.open().unwrap();
    let console = instance.open().unwrap();
    console
        .execute(&Actor::System, organisation("from-console"), now())
        .unwrap();
    // The server's view is behind; its next write conflicts, catches up,
    // decides again and is recorded after the console's.
    let receipt = server
        .execute(&Actor::System, organisation("from-server"), now())
        .unwrap();
    assert_eq!(receipt.first_index, console.size());
    assert_eq!(server.size(), console.size() + 1);
    assert!(server.read(|s| s.organisations.contains_key("from-console")));
    // Decided again against what the other recorded: a duplicate is refused.
    console
        .execute(&Actor::System, organisation("both"), now())
        .unwrap();
    let refused = server
        .execute(&Actor::System, organisation("both"), now())
        .unwrap_err();
    assert_eq!(refused.code(), "already_exists");
    // Without writing, a follower catches up too.
    server
        .execute(&Actor::System, organisation("later"), now())
        .unwrap();
    assert_eq!(console.catch_up().unwrap(), 1);
    assert_eq!(console.size(), server.size());
    assert_eq!(console.catch_up().unwrap(), 0);
    assert_eq!(
        console.read(|s| s.organisations.len()),
        server.read(|s| s.organisations.len())
    );
}
