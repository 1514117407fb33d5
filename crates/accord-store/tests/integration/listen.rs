//! `LISTEN/NOTIFY`: an append to a PostgreSQL store wakes a listener of its
//! schema once committed, and no listener of another. (How soon is a
//! matter for the benchmarks: on a loaded machine the wake may take more
//! than the second it takes on a quiet one, so the bound here is generous.)

use std::sync::mpsc;
use std::time::Duration;

use accord_store::listen::AppendListener;

use crate::harness::TestDb;
use crate::ledger;

fn listener(db: &TestDb) -> (AppendListener, mpsc::Receiver<()>) {
    let TestDb::Postgres { url, .. } = db else {
        panic!("a PostgreSQL test database")
    };
    let (sender, woken) = mpsc::channel();
    let listener = AppendListener::spawn(url, move || {
        let _ = sender.send(());
    });
    // The first wake comes once it listens (appends before were missed).
    woken
        .recv_timeout(Duration::from_secs(10))
        .expect("the listener connects");
    (listener, woken)
}

#[test]
fn an_append_wakes_the_listeners_of_its_schema_only() {
    let db = TestDb::postgres();
    let elsewhere = TestDb::postgres();
    let (_listener, woken) = listener(&db);
    let mut other = ledger::open(&elsewhere);
    other.append(&["elsewhere"]).expect("an append elsewhere");
    assert!(
        woken.recv_timeout(Duration::from_millis(700)).is_err(),
        "woken by another schema's append"
    );
    let mut ledger = ledger::open(&db);
    ledger.append(&["here"]).expect("an append");
    woken
        .recv_timeout(Duration::from_secs(10))
        .expect("woken by the append");
}
