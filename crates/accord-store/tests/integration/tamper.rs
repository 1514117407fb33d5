//! Edits made directly in the database, behind the store's back: each is
//! found when the ledger opens (with the seal key) and by an auditor's check
//! (verifier key only), which name the first bad index.

use accord_log::hash_leaf;
use accord_store::{LedgerError, Problem, Verification, VerifyOptions, verify};

use crate::each_backend;
use crate::harness::TestDb;
use crate::ledger::{ORIGIN, key, ledger_with, open};

/// What the ledger finds when it opens; it must then refuse writes.
fn at_open(db: &TestDb) -> Option<Problem> {
    let mut ledger = open(db);
    let problem = ledger.problem().cloned();
    if let Some(p) = &problem {
        match ledger.append(&["after the tampering"]) {
            Err(LedgerError::Refused(refused)) => assert_eq!(&*refused, p),
            other => panic!("a tampered log accepted a write: {other:?}"),
        }
    }
    problem
}

/// What an auditor finds with the verifier key alone, in both modes (every
/// checkpoint, or the latest one and a bisection).
fn audit(db: &TestDb) -> Vec<Verification> {
    [true, false]
        .into_iter()
        .map(|every_checkpoint| {
            let mut store = db.open_existing().expect("the store opens");
            verify(
                &mut store,
                &VerifyOptions {
                    verifier: &key().verifier_key(),
                    origin: ORIGIN,
                    seal_key: None,
                    every_checkpoint,
                    batch: 3,
                },
                &mut |_| {},
            )
            .expect("the check runs")
        })
        .collect()
}

fn audit_finds(db: &TestDb, expected: &Problem) {
    for (mode, v) in ["every checkpoint", "latest and bisection"]
        .iter()
        .zip(audit(db))
    {
        assert_eq!(v.problem.as_ref(), Some(expected), "auditor, {mode}");
    }
}

fn an_untouched_log_passes_every_check(db: &mut TestDb) {
    drop(ledger_with(db, 10));
    assert_eq!(at_open(db), None);
    for v in audit(db) {
        assert!(v.is_intact(), "{:?}", v.problem);
        assert_eq!((v.tree.size(), v.unsigned()), (10, 0));
    }
}

fn one_edited_byte_is_named(db: &mut TestDb) {
    drop(ledger_with(db, 10));
    let mut row = db.row(4);
    row.entry[2] ^= 0x01;
    db.put_row(4, &row);
    let expected = Problem::Altered { index: 4 };
    assert_eq!(at_open(db), Some(expected.clone()));
    audit_finds(db, &expected);
    assert!(expected.to_string().contains("entry 4 was altered"));
}

fn an_edit_with_its_leaf_hash_rewritten_is_named(db: &mut TestDb) {
    drop(ledger_with(db, 10));
    let mut row = db.row(4);
    row.entry = b"entry 4, rewritten".to_vec();
    row.leaf_hash = hash_leaf(&row.entry).as_bytes().to_vec();
    db.put_row(4, &row);
    // The seal names it; an auditor without the seal key bisects the signed
    // roots, and with a checkpoint at every size the bisection is exact.
    assert_eq!(at_open(db), Some(Problem::Unsealed { index: 4 }));
    audit_finds(db, &Problem::RootMismatch { from: 4, before: 5 });
}

fn a_deleted_entry_is_named(db: &mut TestDb) {
    drop(ledger_with(db, 10));
    db.execute("DELETE FROM log_entries WHERE idx = 4");
    let expected = Problem::Missing { index: 4 };
    assert_eq!(at_open(db), Some(expected.clone()));
    audit_finds(db, &expected);
}

fn deleted_last_entries_are_named(db: &mut TestDb) {
    drop(ledger_with(db, 10));
    db.execute("DELETE FROM log_entries WHERE idx >= 8");
    let expected = Problem::Truncated {
        stored: 8,
        signed: 10,
    };
    assert_eq!(at_open(db), Some(expected.clone()));
    audit_finds(db, &expected);
}

fn two_swapped_entries_are_named(db: &mut TestDb) {
    drop(ledger_with(db, 10));
    let (three, seven) = (db.row(3), db.row(7));
    db.put_row(3, &seven);
    db.put_row(7, &three);
    // Whole rows moved: each leaf hash still matches its bytes.
    assert_eq!(at_open(db), Some(Problem::Unsealed { index: 3 }));
    audit_finds(db, &Problem::RootMismatch { from: 3, before: 4 });
}

fn two_swapped_entry_bytes_are_named(db: &mut TestDb) {
    drop(ledger_with(db, 10));
    let (mut three, mut seven) = (db.row(3), db.row(7));
    std::mem::swap(&mut three.entry, &mut seven.entry);
    db.put_row(3, &three);
    db.put_row(7, &seven);
    let expected = Problem::Altered { index: 3 };
    assert_eq!(at_open(db), Some(expected.clone()));
    audit_finds(db, &expected);
}

fn an_auditor_names_the_range_between_sparse_checkpoints(db: &mut TestDb) {
    {
        let mut ledger = open(db);
        for batch in 0..3 {
            let entries: Vec<String> = (0..4).map(|i| format!("entry {}", batch * 4 + i)).collect();
            ledger.append(&entries).unwrap();
        }
    }
    let mut row = db.row(5);
    row.entry = b"rewritten".to_vec();
    row.leaf_hash = hash_leaf(&row.entry).as_bytes().to_vec();
    db.put_row(5, &row);
    assert_eq!(at_open(db), Some(Problem::Unsealed { index: 5 }));
    let expected = Problem::RootMismatch { from: 4, before: 8 };
    audit_finds(db, &expected);
    assert_eq!(expected.first_bad_index(), Some(4));
    assert!(expected.to_string().contains("from 4 to 7"), "{expected}");
}

fn a_forged_latest_checkpoint_is_named(db: &mut TestDb) {
    drop(ledger_with(db, 10));
    // Replace the root line of the note: its signature no longer verifies.
    let note = db.open().checkpoint(10).unwrap().unwrap().note;
    let mut lines: Vec<&str> = note.split('\n').collect();
    let forged_root = hash_leaf(b"forged").to_base64();
    lines[2] = &forged_root;
    db.put_checkpoint(10, &lines.join("\n"));
    let problem = at_open(db).expect("a problem");
    assert!(
        matches!(&problem, Problem::BadCheckpoint { size: 10, reason } if reason.contains("does not verify")),
        "{problem:?}"
    );
    for v in audit(db) {
        assert!(matches!(
            v.problem,
            Some(Problem::BadCheckpoint { size: 10, .. })
        ));
    }
}

fn a_forged_older_checkpoint_fails_the_full_check(db: &mut TestDb) {
    drop(ledger_with(db, 10));
    db.put_checkpoint(5, "not a note");
    let audits = audit(db);
    assert!(matches!(
        audits[0].problem,
        Some(Problem::BadCheckpoint { size: 5, .. })
    ));
    // Opening checks the latest checkpoint only: its matching root already
    // vouches for every entry the forged one covers.
    assert!(audits[1].is_intact());
    assert_eq!(at_open(db), None);
}

fn an_entry_added_behind_the_back_is_unsigned_to_an_auditor(db: &mut TestDb) {
    drop(ledger_with(db, 3));
    let entry = b"forged".to_vec();
    let leaf_hash = hash_leaf(&entry).as_bytes().to_vec();
    db.put_row(
        3,
        &crate::harness::RawRow {
            entry,
            leaf_hash,
            seal: vec![0; 32],
        },
    );
    // No checkpoint covers it, and only the key holder can check seals.
    for v in audit(db) {
        assert!(v.is_intact());
        assert_eq!(v.unsigned(), 1);
    }
    assert_eq!(at_open(db), Some(Problem::Unsealed { index: 3 }));
}

fn the_refusal_lasts_across_openings(db: &mut TestDb) {
    drop(ledger_with(db, 4));
    db.execute("DELETE FROM log_entries WHERE idx = 1");
    for _ in 0..2 {
        assert_eq!(at_open(db), Some(Problem::Missing { index: 1 }));
    }
}

each_backend!(
    an_untouched_log_passes_every_check,
    one_edited_byte_is_named,
    an_edit_with_its_leaf_hash_rewritten_is_named,
    a_deleted_entry_is_named,
    deleted_last_entries_are_named,
    two_swapped_entries_are_named,
    two_swapped_entry_bytes_are_named,
    an_auditor_names_the_range_between_sparse_checkpoints,
    a_forged_latest_checkpoint_is_named,
    a_forged_older_checkpoint_fails_the_full_check,
    an_entry_added_behind_the_back_is_unsigned_to_an_auditor,
    the_refusal_lasts_across_openings,
);
