//! What is recorded stays recorded, and an edited record does not open.

use accord_app::AppError;
use accord_domain::command::{Actor, Command};
use accord_domain::decide::DomainError;
use accord_domain::model::{Organisation, OrganisationKind};

use crate::support::{Instance, now};

fn register(id: &str) -> Command {
    Command::RegisterOrganisation {
        organisation: Organisation {
            id: id.into(),
            name: id.into(),
            kind: OrganisationKind::Government,
            party: Some("AZ".into()),
        },
    }
}

#[test]
fn the_state_after_reopening_equals_the_live_state() {
    let instance = Instance::new();
    let app = instance.open().unwrap();
    let receipt = app
        .execute(&Actor::System, register("az-mfa"), now())
        .unwrap();
    assert_eq!(
        receipt.first_index, 3,
        "init wrote the instance and its two working groups"
    );
    assert_eq!(receipt.size, 4);
    assert!(
        receipt.checkpoint.contains("\n4\n"),
        "the checkpoint covers the new entry: {}",
        receipt.checkpoint
    );
    let live = app.read(|s| s.clone());
    drop(app);
    let reopened = instance.open().unwrap();
    assert_eq!(reopened.read(|s| s.clone()), live);
}

#[test]
fn a_refused_command_records_nothing() {
    let instance = Instance::new();
    let app = instance.open().unwrap();
    app.execute(&Actor::System, register("az-mfa"), now())
        .unwrap();
    let before = app.size();
    let result = app.execute(&Actor::System, register("az-mfa"), now());
    assert!(matches!(
        result,
        Err(AppError::Refused(DomainError::AlreadyExists { .. }))
    ));
    // A batch with one bad command records none of them.
    let result = app.execute_all(
        &Actor::System,
        vec![register("new-one"), register("az-mfa")],
        now(),
    );
    assert!(result.is_err());
    assert_eq!(app.size(), before);
    drop(app);
    assert_eq!(instance.open().unwrap().size(), before);
}

#[test]
fn an_edited_event_stops_the_instance_from_opening_and_names_the_entry() {
    let instance = Instance::new();
    {
        let app = instance.open().unwrap();
        app.execute(&Actor::System, register("az-mfa"), now())
            .unwrap();
        app.execute(&Actor::System, register("az-eco"), now())
            .unwrap();
    }
    let db = rusqlite::Connection::open(instance.db()).unwrap();
    let entry: Vec<u8> = db
        .query_row("SELECT entry FROM log_entries WHERE idx = 3", [], |r| {
            r.get(0)
        })
        .unwrap();
    let edited = String::from_utf8(entry)
        .unwrap()
        .replace("az-mfa", "az-xyz");
    db.execute(
        "UPDATE log_entries SET entry = ?1 WHERE idx = 3",
        [edited.as_bytes()],
    )
    .unwrap();
    drop(db);
    match instance.open() {
        Err(AppError::Tampered {
            first_bad_index, ..
        }) => assert_eq!(first_bad_index, Some(3)),
        other => panic!("expected the record to be refused, got {other:?}"),
    }
}

#[test]
fn an_entry_that_is_not_an_event_is_named_at_start_up() {
    let instance = Instance::new();
    {
        let store = accord_store::SqliteStore::open(&instance.db()).unwrap();
        let key = accord_log::note::SigningKey::parse(&instance.key).unwrap();
        let mut ledger = accord_store::Ledger::open(store, key, &mut |_| {}).unwrap();
        ledger.append(&[b"not an event".to_vec()]).unwrap();
    }
    match instance.open() {
        Err(AppError::BadEntry { index, .. }) => assert_eq!(index, 3),
        other => panic!("expected the bad entry to be named, got {other:?}"),
    }
}

#[test]
fn a_read_at_the_checkpoint_sees_exactly_the_entries_it_covers_while_writes_go_on() {
    let instance = Instance::new();
    let app = std::sync::Arc::new(instance.open().unwrap());
    let writer = {
        let app = std::sync::Arc::clone(&app);
        std::thread::spawn(move || {
            for n in 0..60 {
                app.execute(&Actor::System, register(&format!("org-{n}")), now())
                    .unwrap();
            }
        })
    };
    let mut reads = 0;
    while !writer.is_finished() || reads == 0 {
        let (entries, summary) = app.read_at_checkpoint(|state| state.entries);
        let summary = summary.expect("a signed checkpoint");
        assert_eq!(entries, summary.size, "the state and its checkpoint");
        reads += 1;
    }
    writer.join().unwrap();
    let (entries, summary) = app.read_at_checkpoint(|state| state.entries);
    assert_eq!((entries, summary.unwrap().size), (63, 63));
}
