//! The ledger over each backend: commit then sign, verified reopening,
//! recovery of an interrupted append, refusal of a foreign key or entry.

use accord_log::note::{self, SigningKey};
use accord_log::{Checkpoint, Tree, verify_consistency, verify_inclusion};
use accord_store::kept::{CheckpointKeeper, KeptError, Standing};
use accord_store::{Ledger, LedgerError, NewEntry, Phase, Problem, SealKey};

use crate::each_backend;
use crate::harness::TestDb;

pub const ORIGIN: &str = "accord.test/log";

pub fn key() -> SigningKey {
    SigningKey::from_seed(ORIGIN, [7; 32]).unwrap()
}

pub fn open(db: &TestDb) -> Ledger<Box<dyn accord_store::EventStore>> {
    Ledger::open(db.open(), key(), &mut |_| {}).expect("the ledger opens")
}

/// A ledger holding `n` entries `entry 0`, `entry 1`, …, appended one by one
/// (so that a checkpoint is filed at every size).
pub fn ledger_with(db: &TestDb, n: u64) -> Ledger<Box<dyn accord_store::EventStore>> {
    let mut ledger = open(db);
    for i in 0..n {
        ledger.append(&[format!("entry {i}")]).unwrap();
    }
    ledger
}

fn tree_of(n: u64) -> Tree {
    let mut tree = Tree::new();
    for i in 0..n {
        tree.push_entry(format!("entry {i}").as_bytes());
    }
    tree
}

fn an_append_returns_and_files_a_signed_checkpoint_of_the_new_root(db: &mut TestDb) {
    let mut ledger = open(db);
    let appended = ledger.append(&["a", "b", "c"]).unwrap();
    let mut tree = Tree::new();
    for e in ["a", "b", "c"] {
        tree.push_entry(e.as_bytes());
    }
    assert_eq!((appended.first_index, appended.size), (0, 3));
    assert_eq!(appended.root, tree.root());
    let opened = note::open(&appended.checkpoint, &[key().verifier_key()]).unwrap();
    assert_eq!(
        Checkpoint::parse_body(&opened.body).unwrap(),
        Checkpoint::new(ORIGIN, 3, tree.root())
    );
    let mut store = ledger.into_store();
    assert_eq!(
        store.latest_checkpoint().unwrap().unwrap().note,
        appended.checkpoint
    );
    let next = Ledger::open(store, key(), &mut |_| {}).unwrap();
    assert_eq!(next.latest_checkpoint().unwrap().note, appended.checkpoint);
}

fn reopening_recomputes_the_same_tree_and_carries_on(db: &mut TestDb) {
    let first_checkpoint = {
        let mut ledger = ledger_with(db, 5);
        ledger.append(&["batch 1", "batch 2"]).unwrap();
        ledger.latest_checkpoint().unwrap().checkpoint.clone()
    };
    let mut ledger = open(db);
    assert_eq!(ledger.problem(), None);
    assert_eq!(ledger.recovered(), 0);
    assert_eq!(ledger.size(), 7);
    assert_eq!(ledger.root(), first_checkpoint.root);
    let appended = ledger.append(&["later"]).unwrap();
    assert_eq!(appended.first_index, 7);
    // The old checkpoint is a prefix of the new tree, and every entry is in it.
    let proof = ledger.consistency_proof(7, 8).unwrap();
    verify_consistency(7, 8, &first_checkpoint.root, &appended.root, &proof).unwrap();
    let leaf = accord_log::hash_leaf(b"entry 3");
    let proof = ledger.inclusion_proof(3, 8).unwrap();
    verify_inclusion(3, 8, &leaf, &proof, &appended.root).unwrap();
}

fn opening_reports_progress_in_batches(db: &mut TestDb) {
    {
        let mut ledger = open(db);
        let batch: Vec<String> = (0..25_000).map(|i| format!("e{i}")).collect();
        ledger.append(&batch).unwrap();
    }
    let mut seen = Vec::new();
    let ledger = Ledger::open(db.open(), key(), &mut |p| seen.push(p)).unwrap();
    assert_eq!(ledger.size(), 25_000);
    assert!(seen.len() >= 3, "{seen:?}");
    assert!(
        seen.iter()
            .all(|p| p.phase == Phase::Entries && p.total == 25_000)
    );
    assert!(seen.windows(2).all(|w| w[0].done < w[1].done));
    assert_eq!(seen.last().unwrap().done, 25_000);
}

/// Entries committed by an append that died before its checkpoint was filed.
fn commit_without_checkpoint(db: &TestDb, from: u64, bytes: &[&[u8]]) {
    let seal = SealKey::derive(&key());
    let mut store = db.open();
    let new: Vec<NewEntry<'_>> = bytes
        .iter()
        .zip(from..)
        .map(|(b, index)| {
            let leaf = accord_log::hash_leaf(b);
            NewEntry {
                entry: b,
                leaf_hash: *leaf.as_bytes(),
                seal: seal.seal(index, &leaf),
            }
        })
        .collect();
    store.append(from, &new).unwrap();
}

fn an_interrupted_append_is_signed_at_the_next_opening(db: &mut TestDb) {
    drop(ledger_with(db, 3));
    commit_without_checkpoint(db, 3, &[b"entry 3", b"entry 4"]);
    let ledger = open(db);
    assert_eq!(ledger.problem(), None);
    assert_eq!(ledger.recovered(), 2);
    let latest = &ledger.latest_checkpoint().unwrap().checkpoint;
    assert_eq!((latest.size, latest.root), (5, tree_of(5).root()));
    drop(ledger);
    assert_eq!(open(db).recovered(), 0);
}

fn an_interrupted_first_append_is_signed_too(db: &mut TestDb) {
    drop(open(db));
    commit_without_checkpoint(db, 0, &[b"entry 0"]);
    let ledger = open(db);
    assert_eq!((ledger.problem(), ledger.recovered()), (None, 1));
    assert_eq!(ledger.latest_checkpoint().unwrap().checkpoint.size, 1);
}

fn an_entry_added_behind_the_instances_back_is_refused(db: &mut TestDb) {
    drop(ledger_with(db, 3));
    // Someone with database access but not the key appends an entry with a
    // correct leaf hash: without the seal key they cannot seal it.
    let mut store = db.open();
    let leaf = accord_log::hash_leaf(b"forged");
    store
        .append(
            3,
            &[NewEntry {
                entry: b"forged",
                leaf_hash: *leaf.as_bytes(),
                seal: [0; 32],
            }],
        )
        .unwrap();
    let mut ledger = open(db);
    assert_eq!(ledger.problem(), Some(&Problem::Unsealed { index: 3 }));
    assert_eq!(ledger.recovered(), 0);
    match ledger.append(&["more"]) {
        Err(LedgerError::Refused(problem)) => {
            assert_eq!(problem.first_bad_index(), Some(3));
        }
        other => panic!("expected Refused, got {other:?}"),
    }
}

fn another_key_is_refused(db: &mut TestDb) {
    drop(ledger_with(db, 1));
    let other = SigningKey::from_seed(ORIGIN, [8; 32]).unwrap();
    match Ledger::open(db.open(), other, &mut |_| {}) {
        Err(LedgerError::Identity(message)) => {
            assert!(message.contains("wrong key file"), "{message}")
        }
        other => panic!("expected Identity, got {other:?}"),
    }
    let renamed = SigningKey::from_seed("other.test/log", [7; 32]).unwrap();
    assert!(matches!(
        Ledger::open(db.open(), renamed, &mut |_| {}),
        Err(LedgerError::Identity(_))
    ));
}

fn a_second_writer_conflicts_then_catches_up(db: &mut TestDb) {
    let mut first = ledger_with(db, 2);
    let mut second = open(db);
    first.append(&["from the first"]).unwrap();
    let err = second.append(&["from the second"]).unwrap_err();
    assert_eq!(err.conflict(), Some((2, 3)));
    assert_eq!(second.refresh().unwrap(), 1);
    assert_eq!(second.root(), first.root());
    let appended = second.append(&["from the second"]).unwrap();
    assert_eq!(appended.first_index, 3);
    drop((first, second));
    let ledger = open(db);
    assert_eq!((ledger.problem(), ledger.size()), (None, 4));
}

fn an_empty_append_changes_nothing(db: &mut TestDb) {
    let mut ledger = ledger_with(db, 2);
    let before = ledger.latest_checkpoint().unwrap().note.clone();
    let appended = ledger.append::<&str>(&[]).unwrap();
    assert_eq!((appended.first_index, appended.size), (2, 2));
    assert_eq!(appended.checkpoint, before);
}

/// A checkpoint filed by another writer that disagrees with this ledger's
/// verified tree (here: correctly signed, over a root no entry gives) is
/// never signed over: the ledger refuses writes instead, and the store
/// holds no second checkpoint at that size.
fn a_tree_that_disagrees_with_a_filed_checkpoint_is_never_signed(db: &mut TestDb) {
    let mut ledger = ledger_with(db, 2);
    let forged = key()
        .sign(&Checkpoint::new(ORIGIN, 3, accord_log::Hash::from_bytes([9; 32])).to_body())
        .unwrap();
    db.open().save_checkpoint(3, &forged).unwrap();

    let err = ledger.append(&["entry 2"]).unwrap_err();
    assert!(
        matches!(&err, LedgerError::Refused(p) if matches!(**p, Problem::BadCheckpoint { size: 3, .. })),
        "{err}"
    );
    assert!(ledger.problem().is_some(), "the ledger refuses writes");
    assert!(matches!(
        ledger.append(&["entry 3"]),
        Err(LedgerError::Refused(_))
    ));
    let mut store = db.open();
    assert_eq!(store.checkpoint(3).unwrap().unwrap().note, forged);
}

/// Two writers on one store sign the same size alike: the second finds
/// the first's checkpoint, agrees with it, and files nothing new.
fn two_writers_sign_the_same_checkpoint(db: &mut TestDb) {
    let mut first = ledger_with(db, 2);
    let mut second = open(db);
    let appended = first.append(&["entry 2"]).unwrap();
    second.refresh().unwrap();
    assert_eq!(
        second.latest_checkpoint().unwrap().note,
        appended.checkpoint
    );
    assert_eq!(db.open().checkpoint_sizes().unwrap(), vec![1, 2, 3]);
}

/// A keeper in memory, shared with the test that looks into it.
#[derive(Debug, Clone, Default)]
struct Kept(std::sync::Arc<std::sync::Mutex<Option<String>>>);

impl CheckpointKeeper for Kept {
    fn describe(&self) -> String {
        "the test's keeper".to_owned()
    }
    fn load(&mut self) -> Result<Option<String>, KeptError> {
        Ok(self.0.lock().unwrap().clone())
    }
    fn keep(&mut self, note: &str) -> Result<(), KeptError> {
        *self.0.lock().unwrap() = Some(note.to_owned());
        Ok(())
    }
    fn settle(&mut self) -> Result<(), KeptError> {
        Ok(())
    }
}

fn open_keeping(
    db: &TestDb,
    kept: &Kept,
) -> Result<Ledger<Box<dyn accord_store::EventStore>>, LedgerError> {
    Ledger::open_keeping(db.open(), key(), Box::new(kept.clone()), &mut |_| {})
}

/// Every signed checkpoint is kept; a store cut short together with its
/// checkpoints, which verifies on its own, is refused at opening.
fn a_store_behind_the_kept_checkpoint_does_not_open(db: &mut TestDb) {
    let kept = Kept::default();
    let mut ledger = open_keeping(db, &kept).unwrap();
    assert!(
        !ledger.kept_was_missing(),
        "an empty log has nothing to keep"
    );
    for i in 0..4 {
        ledger.append(&[format!("entry {i}")]).unwrap();
    }
    let latest = ledger.latest_checkpoint().unwrap().note.clone();
    assert_eq!(kept.0.lock().unwrap().as_deref(), Some(latest.as_str()));
    drop(ledger);
    db.execute("DELETE FROM log_entries WHERE idx >= 2");
    db.execute("DELETE FROM log_checkpoints WHERE size > 2");
    assert_eq!(open(db).problem(), None, "the cut store verifies alone");

    let err = open_keeping(db, &kept).unwrap_err();
    let LedgerError::RolledBack(rollback) = &err else {
        panic!("not refused as a rollback: {err}");
    };
    assert_eq!(rollback.kept.size, 4);
    assert_eq!(
        rollback.standing,
        Standing::Behind {
            size: 2,
            root: tree_of(2).root()
        }
    );
    assert_eq!(
        db.open().checkpoint_sizes().unwrap(),
        vec![1, 2],
        "unsigned"
    );
}

/// A keeper that holds nothing yet is given the store's latest checkpoint.
fn a_missing_kept_checkpoint_is_made_from_the_store(db: &mut TestDb) {
    let latest = ledger_with(db, 3).latest_checkpoint().unwrap().note.clone();
    let kept = Kept::default();
    let ledger = open_keeping(db, &kept).unwrap();
    assert!(ledger.kept_was_missing());
    assert_eq!(kept.0.lock().unwrap().as_deref(), Some(latest.as_str()));
}

/// A store cut short under an open ledger (an outside tool) is never
/// signed on: the next append finds fewer entries than it verified and
/// refuses writes.
fn a_store_cut_short_under_an_open_ledger_is_refused(db: &mut TestDb) {
    let mut ledger = ledger_with(db, 4);
    db.execute("DELETE FROM log_entries WHERE idx >= 2");
    db.execute("DELETE FROM log_checkpoints WHERE size > 2");
    let err = ledger.append(&["other 2"]).unwrap_err();
    assert!(
        matches!(&err, LedgerError::Refused(p) if **p == Problem::Truncated { stored: 2, signed: 4 }),
        "{err}"
    );
    assert!(matches!(
        ledger.append(&["other 2"]),
        Err(LedgerError::Refused(_))
    ));
    assert_eq!(db.open().checkpoint_sizes().unwrap(), vec![1, 2]);
}

each_backend!(
    a_store_behind_the_kept_checkpoint_does_not_open,
    a_missing_kept_checkpoint_is_made_from_the_store,
    a_store_cut_short_under_an_open_ledger_is_refused,
    a_tree_that_disagrees_with_a_filed_checkpoint_is_never_signed,
    two_writers_sign_the_same_checkpoint,
    an_append_returns_and_files_a_signed_checkpoint_of_the_new_root,
    reopening_recomputes_the_same_tree_and_carries_on,
    opening_reports_progress_in_batches,
    an_interrupted_append_is_signed_at_the_next_opening,
    an_interrupted_first_append_is_signed_too,
    an_entry_added_behind_the_instances_back_is_refused,
    another_key_is_refused,
    a_second_writer_conflicts_then_catches_up,
    an_empty_append_changes_nothing,
);
