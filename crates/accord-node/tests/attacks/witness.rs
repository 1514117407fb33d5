//! Requests to the node's `tlog-witness` endpoint, honest and not: every
//! status of the spec with its exact body, the race the spec warns of,
//! and the alarms a validly signed but inconsistent checkpoint raises.

use std::sync::{Arc, Barrier};

use accord_log::cosignature::{CosignerKey, verify_cosignature};
use accord_log::note::SigningKey;
use accord_log::witness::AddCheckpoint;
use accord_log::{Checkpoint, Hash};
use accord_node::Wake;
use accord_node::folder::NodeFolder;
use accord_node::monitor::AlarmKind;
use accord_node::witness::{Answer, Witness};

use crate::kit::{Log, ORIGIN, evidence_at, forger_key, log_key};

const PLAIN: &str = "text/plain; charset=utf-8";

fn witness_key() -> SigningKey {
    SigningKey::from_seed("witness.example/az", [5; 32]).unwrap()
}

struct Case {
    _dir: tempfile::TempDir,
    folder: NodeFolder,
    witness: Witness,
}

impl Case {
    fn new() -> Case {
        let dir = tempfile::tempdir().unwrap();
        let folder = NodeFolder::create(dir.path()).unwrap();
        let witness = open(&folder);
        Case {
            _dir: dir,
            folder,
            witness,
        }
    }

    /// A witness that cosigned `log` at `size`.
    fn at(log: &Log, size: u64) -> Case {
        let case = Case::new();
        assert_eq!(case.ask(log.add_checkpoint(0, size)).status, 200);
        case
    }

    fn ask(&self, body: impl AsRef<[u8]>) -> Answer {
        self.witness.add_checkpoint(body.as_ref())
    }

    fn alarm_kinds(&self) -> Vec<AlarmKind> {
        self.folder
            .alarms()
            .unwrap()
            .iter()
            .map(|a| a.kind)
            .collect()
    }

    /// The size and root stored in `witness.json`.
    fn stored(&self) -> (u64, String) {
        let text = std::fs::read_to_string(self.folder.file("witness.json")).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        (
            json["size"].as_u64().unwrap(),
            json["root"].as_str().unwrap().to_owned(),
        )
    }
}

fn open(folder: &NodeFolder) -> Witness {
    Witness::open(
        witness_key(),
        log_key().verifier_key(),
        folder.clone(),
        Arc::new(Wake::default()),
    )
    .unwrap()
}

fn check(answer: &Answer, status: u16, content_type: &str, body: &str) {
    assert_eq!(
        (answer.status, answer.content_type, answer.body.as_str()),
        (status, content_type, body)
    );
}

/// A request body with `old` and `proof` lines written as given.
fn raw(old_line: &str, proof: &[String], note: &str) -> String {
    let mut out = format!("{old_line}\n");
    for line in proof {
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(note);
    out
}

#[test]
fn a_checkpoint_of_an_unknown_origin_is_404() {
    let case = Case::new();
    let other = SigningKey::from_seed("elsewhere.example/log", [9; 32]).unwrap();
    let note = other
        .sign(&Checkpoint::new("elsewhere.example/log", 3, Hash::from_bytes([1; 32])).to_body())
        .unwrap();
    check(
        &case.ask(raw("old 0", &[], &note)),
        404,
        PLAIN,
        "this witness does not witness that log\n",
    );
    assert!(case.witness.witnessed().is_none());
}

#[test]
fn a_checkpoint_signed_by_another_key_of_the_same_name_is_403() {
    let case = Case::new();
    let forged = Log::from_entries(forger_key(), Log::new(10).entries);
    check(
        &case.ask(forged.add_checkpoint(0, 10)),
        403,
        PLAIN,
        "no signature by the log's key verifies\n",
    );
    assert!(case.witness.witnessed().is_none());
}

#[test]
fn a_checkpoint_signed_only_by_an_unknown_key_is_403() {
    let case = Case::new();
    let log = Log::new(10);
    let stranger = SigningKey::from_seed("stranger.example/k", [11; 32]).unwrap();
    let note = stranger
        .sign(&Checkpoint::new(ORIGIN, 10, log.root(10)).to_body())
        .unwrap();
    check(
        &case.ask(raw("old 0", &[], &note)),
        403,
        PLAIN,
        "no signature by the log's key verifies\n",
    );
}

#[test]
fn an_old_size_above_the_checkpoints_is_400() {
    let case = Case::new();
    let log = Log::new(300);
    check(
        &case.ask(raw("old 300", &[], &log.note(200))),
        400,
        PLAIN,
        "old size 300 is larger than the checkpoint's size 200\n",
    );
}

const BAD_OLD: &str =
    "the first line must be \"old <size>\", the size in decimal without leading zeros\n";

#[test]
fn a_malformed_old_line_is_400() {
    let case = Case::new();
    let note = Log::new(10).note(10);
    for line in [
        "older 0",
        "old",
        "old -1",
        "old 1e3",
        "OLD 0",
        "old  0",
        "old 0 ",
        "old 18446744073709551616",
    ] {
        check(&case.ask(raw(line, &[], &note)), 400, PLAIN, BAD_OLD);
    }
}

#[test]
fn an_old_size_with_a_leading_zero_is_400() {
    let case = Case::at(&Log::new(10), 10);
    let log = Log::new(20);
    let proof: Vec<String> = log
        .tree
        .consistency_proof(10, 20)
        .unwrap()
        .iter()
        .map(Hash::to_base64)
        .collect();
    check(
        &case.ask(raw("old 010", &proof, &log.note(20))),
        400,
        PLAIN,
        BAD_OLD,
    );
    assert_eq!(case.stored().0, 10);
}

#[test]
fn sixty_four_proof_lines_are_400_and_sixty_three_are_judged() {
    let case = Case::at(&Log::new(100), 100);
    let note = Log::new(300).note(300);
    let line = Hash::from_bytes([3; 32]).to_base64();
    check(
        &case.ask(raw("old 100", &vec![line.clone(); 64], &note)),
        400,
        PLAIN,
        "more than 63 consistency proof lines\n",
    );
    check(
        &case.ask(raw("old 100", &vec![line; 63], &note)),
        422,
        PLAIN,
        "the consistency proof does not verify\n",
    );
}

#[test]
fn a_request_without_the_blank_line_is_400() {
    let case = Case::new();
    let note = Log::new(10).note(10);
    let hash = Hash::from_bytes([1; 32]).to_base64();
    check(
        &case.ask(format!("old 10\n{hash}\n{hash}")),
        400,
        PLAIN,
        "no empty line before the checkpoint\n",
    );
    // Without it, the note's first line is read as a proof line.
    check(
        &case.ask(format!("old 0\n{note}")),
        400,
        PLAIN,
        "proof line 2 is not a base64 SHA-256 hash\n",
    );
}

#[test]
fn a_proof_line_that_is_not_a_hash_is_400_naming_its_line() {
    let case = Case::at(&Log::new(10), 10);
    let note = Log::new(20).note(20);
    let good = Hash::from_bytes([1; 32]).to_base64();
    check(
        &case.ask(raw("old 10", &[good, "AAAA".into()], &note)),
        400,
        PLAIN,
        "proof line 3 is not a base64 SHA-256 hash\n",
    );
}

#[test]
fn a_body_that_is_not_utf8_or_has_no_checkpoint_is_400() {
    let case = Case::new();
    check(
        &case.ask(b"old 0\n\n\xff\xfe\n"),
        400,
        PLAIN,
        "the request body is not UTF-8\n",
    );
    check(
        &case.ask("old 0\n\n"),
        400,
        PLAIN,
        "no checkpoint after the empty line\n",
    );
}

#[test]
fn a_proof_from_size_zero_is_400() {
    let case = Case::new();
    let note = Log::new(10).note(10);
    check(
        &case.ask(raw(
            "old 0",
            &[Hash::from_bytes([1; 32]).to_base64()],
            &note,
        )),
        400,
        PLAIN,
        "the proof must be empty when the old size is 0\n",
    );
}

#[test]
fn an_old_size_other_than_the_stored_one_is_409_with_the_stored_size() {
    let log = Log::new(300);
    let case = Case::at(&log, 100);
    let before = case.stored();
    check(
        &case.ask(log.add_checkpoint(50, 300)),
        409,
        "text/x.tlog.size",
        "100\n",
    );
    assert_eq!(case.stored(), before);
    // A witness that never cosigned answers 0.
    check(
        &Case::new().ask(log.add_checkpoint(100, 300)),
        409,
        "text/x.tlog.size",
        "0\n",
    );
    assert_eq!(case.alarm_kinds(), vec![]);
}

#[test]
fn the_same_size_with_another_root_is_409_and_a_proven_fork() {
    let log = Log::new(100);
    let case = Case::at(&log, 100);
    let split = Log::forked(100, 40);
    let body = split.add_checkpoint(100, 100);
    for _ in 0..2 {
        check(&case.ask(&body), 409, "text/x.tlog.size", "100\n");
    }
    assert_eq!(case.stored(), (100, log.root(100).to_base64()));
    assert_eq!(case.alarm_kinds(), vec![AlarmKind::Fork], "raised once");
    let alarm = &case.folder.alarms().unwrap()[0];
    let evidence = evidence_at(alarm);
    assert_eq!(evidence.section("request"), Some(body.as_str()));
    assert_eq!(evidence.source, "a tlog-witness add-checkpoint request");
    assert!(evidence.check().unwrap().starts_with("fork proven"));
}

#[test]
fn a_consistency_proof_that_fails_is_422_and_no_alarm() {
    let log = Log::new(300);
    let case = Case::at(&log, 100);
    let mut request = AddCheckpoint::parse(log.add_checkpoint(100, 300).as_bytes()).unwrap();
    let mut bytes = *request.proof[0].as_bytes();
    bytes[0] ^= 1;
    request.proof[0] = Hash::from_bytes(bytes);
    check(
        &case.ask(request.to_body()),
        422,
        PLAIN,
        "the consistency proof does not verify\n",
    );
    assert_eq!(case.stored().0, 100);
    // The proof is not signed: anyone can send a genuine checkpoint with a
    // broken proof, so it proves nothing against the log.
    assert_eq!(case.alarm_kinds(), vec![]);
    assert_eq!(case.ask(log.add_checkpoint(100, 300)).status, 200);
}

#[test]
fn a_first_checkpoint_is_cosigned_from_size_zero() {
    let case = Case::new();
    let log = Log::new(100);
    let answer = case.ask(log.add_checkpoint(0, 100));
    assert_eq!((answer.status, answer.content_type), (200, PLAIN));
    let cosigner = CosignerKey::from_verifier_key(&witness_key().verifier_key());
    let body = Checkpoint::new(ORIGIN, 100, log.root(100)).to_body();
    let timestamp = verify_cosignature(&cosigner, &body, &answer.body).unwrap();
    assert!(timestamp > 1_700_000_000);
    assert_eq!(case.stored(), (100, log.root(100).to_base64()));
    assert_eq!(
        case.witness.witnessed(),
        Some((100, log.root(100).to_base64()))
    );
}

#[test]
fn a_consistent_step_is_cosigned_and_stored_before_the_answer() {
    let log = Log::new(600);
    let case = Case::at(&log, 100);
    for (old, new) in [(100, 300), (300, 301), (301, 600)] {
        let answer = case.ask(log.add_checkpoint(old, new));
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert_eq!(case.stored(), (new, log.root(new).to_base64()));
    }
    // A witness reopened on the folder remembers where it stands.
    let reopened = open(&case.folder);
    check(
        &reopened.add_checkpoint(log.add_checkpoint(0, 600).as_bytes()),
        409,
        "text/x.tlog.size",
        "600\n",
    );
}

#[test]
fn the_same_checkpoint_again_is_cosigned_again() {
    let log = Log::new(100);
    let case = Case::at(&log, 100);
    let answer = case.ask(log.add_checkpoint(100, 100));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(case.stored(), (100, log.root(100).to_base64()));
    assert_eq!(case.alarm_kinds(), vec![]);
}

#[test]
fn two_concurrent_requests_cannot_roll_the_witness_back() {
    let log = Log::new(600);
    for round in 0..10 {
        let case = Arc::new(Case::at(&log, 100));
        let barrier = Arc::new(Barrier::new(2));
        let sizes = [300, 500];
        let threads: Vec<_> = sizes
            .into_iter()
            .map(|size| {
                let (case, barrier) = (Arc::clone(&case), Arc::clone(&barrier));
                let body = log.add_checkpoint(100, size);
                std::thread::spawn(move || {
                    barrier.wait();
                    case.ask(body)
                })
            })
            .collect();
        let answers: Vec<Answer> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        let won: Vec<u64> = sizes
            .iter()
            .zip(&answers)
            .filter(|(_, a)| a.status == 200)
            .map(|(s, _)| *s)
            .collect();
        assert_eq!(won.len(), 1, "round {round}: exactly one is cosigned");
        let lost = answers.iter().find(|a| a.status != 200).unwrap();
        check(lost, 409, "text/x.tlog.size", &format!("{}\n", won[0]));
        assert_eq!(case.stored(), (won[0], log.root(won[0]).to_base64()));
        // Whichever won, the other, resent from the stored size, moves the
        // witness only forward.
        let next = case.ask(log.add_checkpoint(won[0], 500));
        assert_eq!(next.status, 200, "{}", next.body);
        assert_eq!(case.stored().0, 500);
        let back = case.ask(raw("old 500", &[], &log.note(300)));
        assert_eq!(back.status, 400);
        assert_eq!(case.stored().0, 500, "never rolled back");
    }
}

#[test]
fn an_older_checkpoint_the_log_signed_is_refused_without_an_alarm_that_would_halt_the_node() {
    let log = Log::new(300);
    let case = Case::at(&log, 300);
    // The primary's own retry of an earlier request, or anyone replaying
    // an old checkpoint: refused as the spec says.
    check(
        &case.ask(log.add_checkpoint(100, 200)),
        409,
        "text/x.tlog.size",
        "300\n",
    );
    check(
        &case.ask(raw("old 300", &[], &log.note(200))),
        400,
        PLAIN,
        "old size 300 is larger than the checkpoint's size 200\n",
    );
    assert_eq!(case.stored().0, 300);
    assert_eq!(case.alarm_kinds(), vec![]);
    assert!(!accord_node::status::halts(&case.folder.alarms().unwrap()));
}

#[test]
fn a_fork_from_a_signed_request_halts_the_nodes_follower() {
    let log = Log::new(300);
    let primary = crate::kit::Primary::start();
    let node = crate::kit::node_at(&primary, &log, 100);
    let witness = open(&node.folder);
    assert_eq!(
        witness
            .add_checkpoint(log.add_checkpoint(0, 100).as_bytes())
            .status,
        200
    );
    let split = Log::forked(100, 99);
    let answer = witness.add_checkpoint(split.add_checkpoint(100, 100).as_bytes());
    check(&answer, 409, "text/x.tlog.size", "100\n");
    assert_eq!(node.alarm_kinds(), vec![AlarmKind::Fork]);
    primary.serve(&log, 300);
    match node.follower.look() {
        Err(accord_node::follow::FollowError::Halted(kind)) => assert_eq!(kind, "fork"),
        other => panic!("expected Halted, got {other:?}"),
    }
    assert_eq!(node.head(), (100, Some(log.note(100))));
}

#[test]
fn an_older_checkpoint_signed_by_a_forger_is_403_and_no_alarm() {
    let log = Log::new(300);
    let case = Case::at(&log, 300);
    let forged = Log::from_entries(forger_key(), log.entries.clone());
    check(
        &case.ask(raw("old 300", &[], &forged.note(200))),
        403,
        PLAIN,
        "no signature by the log's key verifies\n",
    );
    assert_eq!(case.alarm_kinds(), vec![]);
}

#[test]
fn over_http_a_409_carries_its_media_type_and_an_oversized_request_is_413() {
    let case = Arc::new(Case::at(&Log::new(100), 100));
    let witness = Arc::new(open(&case.folder));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!(
        "http://{}/witness/add-checkpoint",
        listener.local_addr().unwrap()
    );
    runtime.spawn(async move {
        let listener = tokio::net::TcpListener::from_std(listener).unwrap();
        axum::serve(listener, accord_node::witness::routes(witness))
            .await
            .unwrap();
    });
    let agent = accord_node::follow::agent();
    let mut response = agent
        .post(&url)
        .send(Log::new(300).add_checkpoint(0, 300))
        .unwrap();
    assert_eq!(response.status().as_u16(), 409);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "text/x.tlog.size"
    );
    assert_eq!(response.body_mut().read_to_string().unwrap(), "100\n");
    let large = format!(
        "old 0\n\n{}",
        "x".repeat(accord_node::witness::MAX_REQUEST_BYTES + 1)
    );
    let response = agent.post(&url).send(large).unwrap();
    assert_eq!(response.status().as_u16(), 413);
    assert_eq!(case.stored().0, 100);
}

#[test]
fn signatures_by_other_keys_beside_the_logs_are_ignored() {
    let case = Case::new();
    let log = Log::new(10);
    let stranger = SigningKey::from_seed("stranger.example/k", [11; 32]).unwrap();
    let note = stranger.cosign(&log.note(10)).unwrap();
    let answer = case.ask(raw("old 0", &[], &note));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(case.stored(), (10, log.root(10).to_base64()));
}

#[test]
fn a_checkpoint_that_is_no_signed_note_is_400() {
    let case = Case::new();
    check(
        &case.ask("old 0\n\nhello\n"),
        400,
        PLAIN,
        "malformed note: no blank line before the signatures\n",
    );
}

#[test]
fn a_signed_empty_checkpoint_with_a_root_other_than_the_empty_trees_is_409_zero() {
    let case = Case::new();
    let note = log_key()
        .sign(&Checkpoint::new(ORIGIN, 0, Hash::from_bytes([1; 32])).to_body())
        .unwrap();
    check(
        &case.ask(raw("old 0", &[], &note)),
        409,
        "text/x.tlog.size",
        "0\n",
    );
    assert!(case.witness.witnessed().is_none());
}
