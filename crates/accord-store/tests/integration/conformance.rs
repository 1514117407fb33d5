//! The `EventStore` contract, run against each backend.

use accord_store::{EventStore, NewEntry, StoreError, StoredCheckpoint, meta};

use crate::each_backend;
use crate::harness::TestDb;

/// Entries with made-up hashes: the store treats all three fields as opaque.
fn entries(bytes: &[&'static [u8]]) -> Vec<NewEntry<'static>> {
    bytes
        .iter()
        .enumerate()
        .map(|(i, b)| NewEntry {
            entry: b,
            leaf_hash: [i as u8; 32],
            seal: [0xa0 + i as u8; 32],
        })
        .collect()
}

fn assert_conflict(result: Result<u64, StoreError>, expected: u64, actual: u64) {
    match result {
        Err(StoreError::Conflict {
            expected: e,
            actual: a,
        }) => assert_eq!((e, a), (expected, actual)),
        other => panic!("expected Conflict {{ {expected}, {actual} }}, got {other:?}"),
    }
}

fn a_fresh_store_is_empty(db: &mut TestDb) {
    let mut store = db.open();
    assert_eq!(store.next_index().unwrap(), 0);
    assert!(store.read(0, 10).unwrap().is_empty());
    assert_eq!(store.latest_checkpoint().unwrap(), None);
    assert!(store.checkpoint_sizes().unwrap().is_empty());
    assert_eq!(store.meta(meta::ORIGIN).unwrap(), None);
    assert!(
        store.describe().contains(db.backend()),
        "{}",
        store.describe()
    );
}

fn appended_entries_read_back_byte_for_byte(db: &mut TestDb) {
    let mut store = db.open();
    let batch = entries(&[
        b"",
        b"\x00\xff binary \x00",
        "caf\u{e9} \u{2014}".as_bytes(),
    ]);
    assert_eq!(store.append(0, &batch).unwrap(), 3);
    let rows = store.read(0, 10).unwrap();
    assert_eq!(rows.len(), 3);
    for (i, (row, new)) in rows.iter().zip(&batch).enumerate() {
        assert_eq!(row.index, i as u64);
        assert_eq!(row.entry, new.entry);
        assert_eq!(row.leaf_hash, new.leaf_hash);
        assert_eq!(row.seal, new.seal);
    }
    let one = store.read(1, 1).unwrap();
    assert_eq!((one.len(), one[0].index), (1, 1));
    assert!(store.read(3, 10).unwrap().is_empty());
    assert!(store.read(u64::MAX, 10).unwrap().is_empty());
    assert_eq!(store.next_index().unwrap(), 3);
}

fn a_stale_expected_index_conflicts_and_writes_nothing(db: &mut TestDb) {
    let mut store = db.open();
    assert_eq!(store.append(0, &entries(&[b"a", b"b"])).unwrap(), 2);
    assert_conflict(store.append(0, &entries(&[b"c"])), 0, 2);
    assert_conflict(store.append(1, &entries(&[b"c"])), 1, 2);
    assert_conflict(store.append(5, &entries(&[b"c"])), 5, 2);
    assert_eq!(store.next_index().unwrap(), 2);
    assert_eq!(store.read(0, 10).unwrap().len(), 2);
    assert_eq!(store.append(2, &entries(&[b"c"])).unwrap(), 3);
}

fn an_empty_batch_is_checked_but_writes_nothing(db: &mut TestDb) {
    let mut store = db.open();
    assert_eq!(store.append(0, &[]).unwrap(), 0);
    assert_conflict(store.append(1, &[]), 1, 0);
    store.append(0, &entries(&[b"a"])).unwrap();
    assert_eq!(store.append(1, &[]).unwrap(), 1);
    assert_eq!(store.next_index().unwrap(), 1);
}

fn two_connections_cannot_both_append_at_one_index(db: &mut TestDb) {
    let mut first = db.open();
    let mut second = db.open();
    assert_eq!(second.next_index().unwrap(), 0);
    first.append(0, &entries(&[b"first"])).unwrap();
    assert_conflict(second.append(0, &entries(&[b"second"])), 0, 1);
    assert_eq!(second.read(0, 10).unwrap()[0].entry, b"first");
}

fn concurrent_writers_that_retry_on_conflict_lose_nothing(db: &mut TestDb) {
    const WRITERS: usize = 4;
    const EACH: usize = 15;
    let stores: Vec<Box<dyn EventStore>> = (0..WRITERS).map(|_| db.open()).collect();
    let handles: Vec<_> = stores
        .into_iter()
        .enumerate()
        .map(|(w, mut store)| {
            std::thread::spawn(move || {
                for k in 0..EACH {
                    let bytes = format!("writer {w} entry {k}").into_bytes();
                    loop {
                        let next = store.next_index().unwrap();
                        let new = [NewEntry {
                            entry: &bytes,
                            leaf_hash: [0; 32],
                            seal: [0; 32],
                        }];
                        match store.append(next, &new) {
                            Ok(_) => break,
                            Err(StoreError::Conflict { .. }) => continue,
                            Err(e) => panic!("{e}"),
                        }
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("writer thread");
    }
    let mut store = db.open();
    let rows = store.read(0, 1000).unwrap();
    assert_eq!(rows.len(), WRITERS * EACH);
    let mut seen: Vec<Vec<u8>> = rows.iter().map(|r| r.entry.clone()).collect();
    assert!(rows.iter().enumerate().all(|(i, r)| r.index == i as u64));
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), WRITERS * EACH, "an entry was written twice");
}

fn large_batches_read_back_in_pages(db: &mut TestDb) {
    let mut store = db.open();
    let bytes: Vec<Vec<u8>> = (0..2500u32).map(|i| i.to_be_bytes().to_vec()).collect();
    let batch: Vec<NewEntry<'_>> = bytes
        .iter()
        .map(|b| NewEntry {
            entry: b,
            leaf_hash: [1; 32],
            seal: [2; 32],
        })
        .collect();
    assert_eq!(store.append(0, &batch).unwrap(), 2500);
    let mut next = 0u64;
    loop {
        let page = store.read(next, 700).unwrap();
        if page.is_empty() {
            break;
        }
        for row in &page {
            assert_eq!(row.index, next);
            assert_eq!(row.entry, (next as u32).to_be_bytes());
            next += 1;
        }
    }
    assert_eq!(next, 2500);
}

fn checkpoints_are_filed_by_size(db: &mut TestDb) {
    let mut store = db.open();
    store.save_checkpoint(3, "three").unwrap();
    store.save_checkpoint(1, "one").unwrap();
    store.save_checkpoint(7, "seven").unwrap();
    let cp = |size: u64, note: &str| StoredCheckpoint {
        size,
        note: note.to_owned(),
    };
    assert_eq!(store.latest_checkpoint().unwrap(), Some(cp(7, "seven")));
    assert_eq!(store.checkpoint(1).unwrap(), Some(cp(1, "one")));
    assert_eq!(store.checkpoint(2).unwrap(), None);
    assert_eq!(store.checkpoint_sizes().unwrap(), vec![1, 3, 7]);
    assert_eq!(store.read_checkpoints(2, 1).unwrap(), vec![cp(3, "three")]);
    assert_eq!(store.read_checkpoints(8, 10).unwrap(), vec![]);
    // A second note under a filed size leaves the first.
    store.save_checkpoint(3, "another").unwrap();
    assert_eq!(store.checkpoint(3).unwrap(), Some(cp(3, "three")));
}

fn identity_values_are_set_and_replaced(db: &mut TestDb) {
    let mut store = db.open();
    store.set_meta(meta::ORIGIN, "a.example/log").unwrap();
    store.set_meta(meta::ORIGIN, "b.example/log").unwrap();
    store.set_meta(meta::VERIFIER_KEY, "key").unwrap();
    assert_eq!(
        store.meta(meta::ORIGIN).unwrap().as_deref(),
        Some("b.example/log")
    );
    assert_eq!(
        store.meta(meta::VERIFIER_KEY).unwrap().as_deref(),
        Some("key")
    );
}

fn what_is_committed_survives_reopening(db: &mut TestDb) {
    {
        let mut store = db.open();
        store.append(0, &entries(&[b"a", b"b"])).unwrap();
        store.save_checkpoint(2, "note").unwrap();
        store.set_meta(meta::ORIGIN, "o").unwrap();
    }
    let mut store = db.open();
    assert_eq!(store.next_index().unwrap(), 2);
    assert_eq!(store.latest_checkpoint().unwrap().unwrap().note, "note");
    assert_eq!(store.meta(meta::ORIGIN).unwrap().as_deref(), Some("o"));
    let mut audit = db
        .open_existing()
        .expect("an existing store opens read-only");
    assert_eq!(audit.read(0, 10).unwrap().len(), 2);
}

fn an_auditor_does_not_create_or_migrate_a_store(db: &mut TestDb) {
    match db.open_existing() {
        Err(StoreError::NotAStore(message)) => assert!(
            message.contains("not an accord store") || message.contains("does not exist"),
            "{message}"
        ),
        other => panic!("expected NotAStore, got {other:?}"),
    }
}

fn a_newer_schema_is_refused(db: &mut TestDb) {
    drop(db.open());
    db.execute("INSERT INTO store_migrations (version, name) VALUES (999, 'from the future')");
    let open = match db {
        TestDb::Sqlite { path, .. } => accord_store::SqliteStore::open(path).map(|_| ()),
        TestDb::Postgres { url, .. } => accord_store::PgStore::connect(url).map(|_| ()),
    };
    match open {
        Err(StoreError::SchemaTooNew { found: 999, .. }) => {}
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
    assert!(matches!(
        db.open_existing(),
        Err(StoreError::SchemaTooNew { found: 999, .. })
    ));
}

fn reopening_does_not_migrate_twice(db: &mut TestDb) {
    drop(db.open());
    drop(db.open());
    let mut store = db.open();
    store.append(0, &entries(&[b"a"])).unwrap();
}

each_backend!(
    a_fresh_store_is_empty,
    appended_entries_read_back_byte_for_byte,
    a_stale_expected_index_conflicts_and_writes_nothing,
    an_empty_batch_is_checked_but_writes_nothing,
    two_connections_cannot_both_append_at_one_index,
    concurrent_writers_that_retry_on_conflict_lose_nothing,
    large_batches_read_back_in_pages,
    checkpoints_are_filed_by_size,
    identity_values_are_set_and_replaced,
    what_is_committed_survives_reopening,
    an_auditor_does_not_create_or_migrate_a_store,
    a_newer_schema_is_refused,
    reopening_does_not_migrate_twice,
);
