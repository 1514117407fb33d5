//! A malicious (or broken) primary, against the follower: every case
//! asserts the look's outcome, the alarm written (or that none is), and
//! that a refused look leaves the replica as it was.

use accord_log::cosignature;
use accord_log::note::SigningKey;
use accord_log::tiles;
use accord_log::{Checkpoint, hash_leaf};
use accord_node::follow::{FollowError, Look};
use accord_node::monitor::AlarmKind;

use crate::kit::{CREDENTIAL, Log, Node, ORIGIN, Primary, log_key, node_at};

/// Asserts the node still holds exactly `head` and raised no alarm.
fn unchanged_without_alarm(node: &Node, head: &(u64, Option<String>)) {
    assert_eq!(&node.head(), head, "the replica did not move");
    assert_eq!(node.alarm_kinds(), vec![], "no alarm");
}

fn invalid(outcome: Result<Look, FollowError>, url_ends: &str, reason: &str) {
    match outcome {
        Err(FollowError::Invalid { url, reason: said }) => {
            assert!(url.ends_with(url_ends), "{url} ends with {url_ends}");
            assert!(said.contains(reason), "{said:?} contains {reason:?}");
        }
        other => panic!("expected Invalid at {url_ends}, got {other:?}"),
    }
}

#[test]
fn an_honest_primary_is_followed_across_tiles_with_the_credential_on_bundles_only() {
    let primary = Primary::start();
    let log = Log::new(520);
    let node = node_at(&primary, &log, 300);
    primary.serve(&log, 520);
    assert_eq!(node.follower.look().unwrap(), Look::Grew(220));
    assert_eq!(node.follower.look().unwrap(), Look::UpToDate);
    assert_eq!(node.head(), (520, Some(log.note(520))));
    assert_eq!(node.replica.root_at(520), Some(log.root(520)));
    for request in primary.seen() {
        let bearer = request.path.starts_with("/log/tile/entries/");
        assert_eq!(
            request.authorization,
            bearer.then(|| format!("Bearer {CREDENTIAL}")),
            "{}",
            request.path
        );
    }
    // The second look fetched only the tiles it lacked: tile 1 (partial at
    // 300, then 264 wide at 520) and tile 2.
    let paths: Vec<String> = primary.seen().into_iter().map(|r| r.path).collect();
    assert!(paths.contains(&"/log/tile/0/001".to_owned()));
    assert!(paths.contains(&"/log/tile/0/002.p/8".to_owned()));
    let status = node.status_json();
    assert_eq!(status["primary_reachable"], true);
    assert_eq!(status["primary_size"], 520);
    assert_eq!(status["error"], serde_json::Value::Null);
}

#[test]
fn a_rollback_to_a_valid_older_checkpoint_raises_a_rollback_alarm() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 300);
    let head = node.head();
    primary.serve(&log, 200);
    assert_eq!(
        node.follower.look().unwrap(),
        Look::Alarm(AlarmKind::Rollback)
    );
    assert_eq!(node.head(), head);
    assert_eq!(node.alarm_kinds(), vec![AlarmKind::Rollback]);
    let alarm = &node.alarms()[0];
    assert_eq!(alarm.size, Some(200));
    assert_eq!(alarm.root, Some(log.root(200).to_base64()));
    let evidence = node.only_evidence();
    assert_eq!(evidence.section("accepted"), Some(log.note(300).as_str()));
    assert_eq!(evidence.section("offered"), Some(log.note(200).as_str()));
    assert!(evidence.source.ends_with("/log/checkpoint"));
    assert!(
        evidence.check().unwrap().starts_with("rollback shown"),
        "{:?}",
        evidence.check()
    );
}

#[test]
fn a_replayed_checkpoint_the_node_once_accepted_is_a_rollback() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 100);
    primary.serve(&log, 300);
    assert_eq!(node.follower.look().unwrap(), Look::Grew(200));
    let head = node.head();
    // The very note the node accepted first, served again as the latest.
    primary.answer("/log/checkpoint", 200, log.note(100));
    assert_eq!(
        node.follower.look().unwrap(),
        Look::Alarm(AlarmKind::Rollback)
    );
    assert_eq!(node.head(), head);
    assert_eq!(node.alarm_kinds(), vec![AlarmKind::Rollback]);
}

#[test]
fn the_same_size_with_another_root_is_a_proven_fork() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 300);
    let head = node.head();
    let other = Log::forked(300, 120);
    primary.serve(&other, 300);
    assert_eq!(node.follower.look().unwrap(), Look::Alarm(AlarmKind::Fork));
    assert_eq!(node.head(), head);
    assert_eq!(node.alarm_kinds(), vec![AlarmKind::Fork]);
    let verdict = node.only_evidence().check().unwrap();
    assert!(verdict.starts_with("fork proven"), "{verdict}");
    assert!(verdict.contains(&log.root(300).to_string()));
    assert!(verdict.contains(&other.root(300).to_string()));
}

#[test]
fn a_smaller_checkpoint_with_a_root_the_node_never_had_is_a_fork() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 300);
    let head = node.head();
    primary.serve(&Log::forked(200, 50), 200);
    assert_eq!(node.follower.look().unwrap(), Look::Alarm(AlarmKind::Fork));
    assert_eq!(node.head(), head);
    assert_eq!(node.alarm_kinds(), vec![AlarmKind::Fork]);
    let verdict = node.only_evidence().check().unwrap();
    assert!(verdict.starts_with("both notes verify"), "{verdict}");
}

#[test]
fn tiles_that_do_not_lead_to_the_signed_root_raise_a_fork_and_write_nothing() {
    let primary = Primary::start();
    let log = Log::new(400);
    let node = node_at(&primary, &log, 100);
    let head = node.head();
    // A history that agrees with the node's 100 entries only up to 60,
    // signed at 400, with its own (self-consistent) tiles.
    let other = Log::forked(400, 60);
    primary.serve(&other, 400);
    assert_eq!(node.follower.look().unwrap(), Look::Alarm(AlarmKind::Fork));
    assert_eq!(node.head(), head);
    assert_eq!(node.alarm_kinds(), vec![AlarmKind::Fork]);
    let evidence = node.only_evidence();
    assert!(
        evidence
            .summary
            .contains("not an extension of the 100 entries")
    );
    assert_eq!(evidence.section("offered"), Some(other.note(400).as_str()));
    // No bundle was asked for: nothing unverified was even fetched.
    assert!(
        primary
            .seen()
            .iter()
            .filter(|r| r.path.starts_with("/log/tile/entries/"))
            .all(|r| r.path == "/log/tile/entries/000.p/100")
    );
}

#[test]
fn a_tile_for_the_signed_checkpoint_but_the_wrong_leaves_is_a_fork() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = Node::following(&primary.url);
    primary.serve(&log, 300);
    // The tile of another history, under the honest checkpoint.
    let other = Log::forked(300, 10);
    primary.answer(
        "/log/tile/0/001.p/44",
        200,
        tiles::hash_tile(&other.tree, 0, 1, 44).unwrap(),
    );
    assert_eq!(node.follower.look().unwrap(), Look::Alarm(AlarmKind::Fork));
    assert_eq!(node.head(), (0, None));
    // A first look has no accepted checkpoint: the evidence holds the
    // offered note only, which check() cannot prove anything with.
    let evidence = node.only_evidence();
    assert_eq!(evidence.section("accepted"), None);
    assert_eq!(evidence.check().unwrap_err(), "no `accepted` section");
}

#[test]
fn bundle_entries_that_do_not_hash_to_the_tiles_are_bad_entries_and_nothing_is_written() {
    let primary = Primary::start();
    let log = Log::new(200);
    let node = Node::following(&primary.url);
    primary.serve(&log, 200);
    let mut entries = log.entries.clone();
    entries.swap(17, 18);
    primary.answer(
        "/log/tile/entries/000.p/200",
        200,
        tiles::encode_bundle(&entries).unwrap(),
    );
    assert_eq!(
        node.follower.look().unwrap(),
        Look::Alarm(AlarmKind::BadEntries)
    );
    assert_eq!(node.head(), (0, None));
    assert_eq!(node.alarm_kinds(), vec![AlarmKind::BadEntries]);
    let alarm = &node.alarms()[0];
    assert!(alarm.summary.contains("entry 17 of the primary's bundle"));
    assert_eq!(alarm.size, Some(200));
    let evidence = node.only_evidence();
    assert!(evidence.source.ends_with("/log/tile/entries/000.p/200"));
}

#[test]
fn bad_entries_do_not_halt_and_the_good_bundle_is_then_followed() {
    let primary = Primary::start();
    let log = Log::new(200);
    let node = Node::following(&primary.url);
    primary.serve(&log, 200);
    let mut entries = log.entries.clone();
    entries[199] = entries[198].clone();
    let path = "/log/tile/entries/000.p/200";
    primary.answer(path, 200, tiles::encode_bundle(&entries).unwrap());
    assert_eq!(
        node.follower.look().unwrap(),
        Look::Alarm(AlarmKind::BadEntries)
    );
    assert_eq!(node.head(), (0, None));
    primary.answer(path, 200, tiles::encode_bundle(&log.entries).unwrap());
    assert_eq!(node.follower.look().unwrap(), Look::Grew(200));
    assert_eq!(node.head(), (200, Some(log.note(200))));
    assert_eq!(node.alarm_kinds(), vec![AlarmKind::BadEntries]);
}

#[test]
fn a_bundle_entry_that_is_garbage_and_not_its_leaf_is_bad_entries_not_an_unreadable_entry() {
    let primary = Primary::start();
    let log = Log::new(30);
    let node = Node::following(&primary.url);
    primary.serve(&log, 30);
    let mut entries = log.entries.clone();
    entries[7] = b"{}".to_vec();
    primary.answer(
        "/log/tile/entries/000.p/30",
        200,
        tiles::encode_bundle(&entries).unwrap(),
    );
    assert_eq!(
        node.follower.look().unwrap(),
        Look::Alarm(AlarmKind::BadEntries)
    );
    assert!(node.alarms()[0].summary.contains("entry 7 of"));
    assert_eq!(node.head(), (0, None));
}

#[test]
fn a_bad_entry_in_the_second_bundle_keeps_the_accepted_checkpoint_and_only_verified_entries() {
    let primary = Primary::start();
    let log = Log::new(300);
    let mut node = node_at(&primary, &log, 10);
    // Each bundle written as it comes, so that the first is kept when the second fails.
    node.follower = node.follower.writing_in_batches_of(1);
    primary.serve(&log, 300);
    let mut second = log.entries[256..300].to_vec();
    second.swap(0, 1);
    let path = "/log/tile/entries/001.p/44";
    primary.answer(path, 200, tiles::encode_bundle(&second).unwrap());
    assert_eq!(
        node.follower.look().unwrap(),
        Look::Alarm(AlarmKind::BadEntries)
    );
    assert!(node.alarms()[0].summary.contains("entry 256 of"));
    // The first bundle, verified against the signed root, is kept; the
    // accepted checkpoint is not moved.
    assert_eq!(node.head(), (256, Some(log.note(10))));
    assert_eq!(node.replica.root_at(256), Some(log.root(256)));
    // The folder reopens as a replica that verifies.
    assert_eq!(crate::kit::open_replica(&node.folder).size(), 256);
    primary.answer(
        path,
        200,
        tiles::encode_bundle(&log.entries[256..]).unwrap(),
    );
    assert_eq!(node.follower.look().unwrap(), Look::Grew(44));
    assert_eq!(node.head(), (300, Some(log.note(300))));
}

#[test]
fn after_a_half_finished_extension_a_smaller_forked_checkpoint_is_still_a_fork() {
    let primary = Primary::start();
    let log = Log::new(300);
    let mut node = node_at(&primary, &log, 10);
    // Each bundle written as it comes, so that the first is kept when the second fails.
    node.follower = node.follower.writing_in_batches_of(1);
    primary.serve(&log, 300);
    primary.answer("/log/tile/entries/001.p/44", 403, "");
    assert!(matches!(
        node.follower.look(),
        Err(FollowError::CredentialRefused { status: 403, .. })
    ));
    assert_eq!(node.head(), (256, Some(log.note(10))));
    // Another history past 150, signed at 200: below what the node holds
    // but above what it accepted.
    primary.serve(&Log::forked(200, 150), 200);
    assert_eq!(node.follower.look().unwrap(), Look::Alarm(AlarmKind::Fork));
    assert_eq!(node.alarm_kinds(), vec![AlarmKind::Fork]);
    assert_eq!(node.head(), (256, Some(log.note(10))));
}

#[test]
fn signed_entries_this_program_cannot_read_are_refused_with_nothing_written() {
    let primary = Primary::start();
    // A log whose tiles, bundle and checkpoint all agree, but whose
    // entries are not accord events.
    let mut entries = crate::kit::real_entries()[..20].to_vec();
    entries[12] = b"not an event".to_vec();
    let log = Log::from_entries(log_key(), entries);
    let node = Node::following(&primary.url);
    primary.serve(&log, 20);
    match node.follower.look() {
        Err(FollowError::Replica(e)) => assert!(e.to_string().contains("12"), "{e}"),
        other => panic!("expected a replica error, got {other:?}"),
    }
    unchanged_without_alarm(&node, &(0, None));
}

#[test]
fn a_truncated_hash_tile_is_invalid_and_writes_nothing() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 100);
    let head = node.head();
    primary.serve(&log, 300);
    let tile = tiles::hash_tile(&log.tree, 0, 0, 256).unwrap();
    primary.answer("/log/tile/0/000", 200, tile[..tile.len() - 5].to_vec());
    invalid(
        node.follower.look(),
        "/log/tile/0/000",
        "not a tile of 256 hashes (8187 bytes)",
    );
    unchanged_without_alarm(&node, &head);
}

#[test]
fn a_hash_tile_one_hash_short_is_invalid() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 100);
    let head = node.head();
    primary.serve(&log, 300);
    let tile = tiles::hash_tile(&log.tree, 0, 1, 43).unwrap();
    primary.answer("/log/tile/0/001.p/44", 200, tile);
    invalid(
        node.follower.look(),
        "/log/tile/0/001.p/44",
        "not a tile of 44 hashes (1376 bytes)",
    );
    unchanged_without_alarm(&node, &head);
}

#[test]
fn an_oversized_hash_tile_is_invalid() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 100);
    let head = node.head();
    primary.serve(&log, 300);
    let mut tile = tiles::hash_tile(&log.tree, 0, 1, 44).unwrap();
    tile.extend_from_slice(hash_leaf(b"one more").as_bytes());
    primary.answer("/log/tile/0/001.p/44", 200, tile);
    invalid(
        node.follower.look(),
        "/log/tile/0/001.p/44",
        "not a tile of 44 hashes (1440 bytes)",
    );
    unchanged_without_alarm(&node, &head);
}

#[test]
fn a_bundle_ending_inside_a_length_prefix_is_invalid() {
    let primary = Primary::start();
    let log = Log::new(50);
    let node = Node::following(&primary.url);
    primary.serve(&log, 50);
    let mut bundle = tiles::encode_bundle(&log.entries).unwrap();
    bundle.push(0x01);
    primary.answer("/log/tile/entries/000.p/50", 200, bundle);
    invalid(node.follower.look(), "/log/tile/entries/000.p/50", "");
    unchanged_without_alarm(&node, &(0, None));
}

#[test]
fn a_bundle_cut_inside_an_entry_is_invalid() {
    let primary = Primary::start();
    let log = Log::new(50);
    let node = Node::following(&primary.url);
    primary.serve(&log, 50);
    let bundle = tiles::encode_bundle(&log.entries).unwrap();
    primary.answer(
        "/log/tile/entries/000.p/50",
        200,
        bundle[..bundle.len() - 3].to_vec(),
    );
    invalid(node.follower.look(), "/log/tile/entries/000.p/50", "");
    unchanged_without_alarm(&node, &(0, None));
}

#[test]
fn a_bundle_with_one_entry_too_many_is_invalid() {
    let primary = Primary::start();
    let log = Log::new(51);
    let node = Node::following(&primary.url);
    primary.serve(&log, 50);
    primary.answer(
        "/log/tile/entries/000.p/50",
        200,
        tiles::encode_bundle(&log.entries[..51]).unwrap(),
    );
    invalid(
        node.follower.look(),
        "/log/tile/entries/000.p/50",
        "51 entries where the bundle holds 50",
    );
    unchanged_without_alarm(&node, &(0, None));
}

#[test]
fn a_bundle_with_one_entry_too_few_is_invalid() {
    let primary = Primary::start();
    let log = Log::new(50);
    let node = Node::following(&primary.url);
    primary.serve(&log, 50);
    primary.answer(
        "/log/tile/entries/000.p/50",
        200,
        tiles::encode_bundle(&log.entries[..49]).unwrap(),
    );
    invalid(
        node.follower.look(),
        "/log/tile/entries/000.p/50",
        "49 entries where the bundle holds 50",
    );
    unchanged_without_alarm(&node, &(0, None));
}

#[test]
fn a_413_then_a_wide_bundle_is_followed() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 100);
    primary.serve(&log, 300);
    primary.answer("/log/tile/entries/001.p/44", 413, "too wide\n");
    primary.answer(
        "/log/wide/entries/001.p/44",
        200,
        tiles::encode_wide_bundle(&log.entries[256..300]).unwrap(),
    );
    assert_eq!(node.follower.look().unwrap(), Look::Grew(200));
    assert_eq!(node.head(), (300, Some(log.note(300))));
    let wide = primary
        .seen()
        .into_iter()
        .find(|r| r.path == "/log/wide/entries/001.p/44")
        .expect("the wide bundle was fetched");
    assert_eq!(wide.authorization, Some(format!("Bearer {CREDENTIAL}")));
}

#[test]
fn a_413_then_a_wide_bundle_that_lies_is_bad_entries() {
    let primary = Primary::start();
    let log = Log::new(40);
    let node = Node::following(&primary.url);
    primary.serve(&log, 40);
    primary.answer("/log/tile/entries/000.p/40", 413, "");
    let mut entries = log.entries.clone();
    entries.reverse();
    primary.answer(
        "/log/wide/entries/000.p/40",
        200,
        tiles::encode_wide_bundle(&entries).unwrap(),
    );
    assert_eq!(
        node.follower.look().unwrap(),
        Look::Alarm(AlarmKind::BadEntries)
    );
    assert_eq!(node.head(), (0, None));
}

#[test]
fn a_413_without_a_wide_bundle_is_unreachable_and_writes_nothing() {
    let primary = Primary::start();
    let log = Log::new(40);
    let node = Node::following(&primary.url);
    primary.serve(&log, 40);
    primary.answer("/log/tile/entries/000.p/40", 413, "");
    match node.follower.look() {
        Err(FollowError::Unreachable { url, reason }) => {
            assert!(url.ends_with("/log/wide/entries/000.p/40"), "{url}");
            assert_eq!(reason, "answered 404: no such path");
        }
        other => panic!("expected Unreachable, got {other:?}"),
    }
    unchanged_without_alarm(&node, &(0, None));
}

#[test]
fn a_checkpoint_signed_by_an_unknown_key_is_a_bad_signature_alarm_that_halts() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 100);
    let head = node.head();
    let forged = Log::from_entries(crate::kit::forger_key(), log.entries.clone());
    primary.serve(&forged, 300);
    assert_eq!(
        node.follower.look().unwrap(),
        Look::Alarm(AlarmKind::BadSignature)
    );
    assert_eq!(node.head(), head);
    assert_eq!(node.alarm_kinds(), vec![AlarmKind::BadSignature]);
    let evidence = node.only_evidence();
    assert_eq!(evidence.section("offered"), Some(forged.note(300).as_str()));
    // A bad signature's evidence holds the offered note only: nothing
    // the log's key signed, so check() proves nothing with it.
    assert_eq!(evidence.section("accepted"), None);
    assert_eq!(evidence.check().unwrap_err(), "no `accepted` section");
    // Then the honest checkpoint: the node stays halted.
    primary.serve(&log, 300);
    match node.follower.look() {
        Err(FollowError::Halted(kind)) => assert_eq!(kind, "bad_signature"),
        other => panic!("expected Halted, got {other:?}"),
    }
    assert_eq!(node.head(), head);
}

#[test]
fn a_checkpoint_of_another_origin_signed_by_its_own_key_is_a_bad_signature() {
    let primary = Primary::start();
    let node = Node::following(&primary.url);
    let other = SigningKey::from_seed("elsewhere.example/log", [9; 32]).unwrap();
    let log = Log::new(20);
    let note = other
        .sign(&Checkpoint::new("elsewhere.example/log", 20, log.root(20)).to_body())
        .unwrap();
    primary.answer("/log/checkpoint", 200, note);
    assert_eq!(
        node.follower.look().unwrap(),
        Look::Alarm(AlarmKind::BadSignature)
    );
    assert_eq!(node.head(), (0, None));
}

#[test]
fn a_note_the_log_key_signs_for_another_origin_is_refused_as_not_a_checkpoint() {
    let primary = Primary::start();
    let node = Node::following(&primary.url);
    let log = Log::new(20);
    let note = log_key()
        .sign(&Checkpoint::new("elsewhere.example/log", 20, log.root(20)).to_body())
        .unwrap();
    primary.answer("/log/checkpoint", 200, note);
    assert_eq!(
        node.follower.look().unwrap(),
        Look::Alarm(AlarmKind::BadSignature)
    );
    assert!(
        node.alarms()[0]
            .summary
            .contains("its origin is elsewhere.example/log")
    );
    assert_eq!(node.head(), (0, None));
}

#[test]
fn a_garbage_checkpoint_is_invalid_and_does_not_halt() {
    let primary = Primary::start();
    let log = Log::new(100);
    let node = node_at(&primary, &log, 50);
    let head = node.head();
    primary.answer(
        "/log/checkpoint",
        200,
        "<html><body>Service temporarily unavailable</body></html>",
    );
    invalid(node.follower.look(), "/log/checkpoint", "not a signed note");
    unchanged_without_alarm(&node, &head);
    primary.serve(&log, 100);
    assert_eq!(node.follower.look().unwrap(), Look::Grew(50));
}

#[test]
fn a_checkpoint_that_is_not_utf8_is_invalid() {
    let primary = Primary::start();
    let node = Node::following(&primary.url);
    primary.answer("/log/checkpoint", 200, vec![0xff, 0xfe, b'\n']);
    invalid(node.follower.look(), "/log/checkpoint", "not UTF-8");
    unchanged_without_alarm(&node, &(0, None));
}

#[test]
fn a_cosignature_timestamped_far_in_the_future_does_not_stop_the_follow() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 100);
    primary.serve(&log, 300);
    let witness = SigningKey::from_seed("witness.example/w1", [3; 32]).unwrap();
    let body = Checkpoint::new(ORIGIN, 300, log.root(300)).to_body();
    let line = cosignature::cosign(&witness, &body, cosignature::MAX_TIMESTAMP).unwrap();
    let note = format!("{}{line}", log.note(300));
    primary.answer("/log/checkpoint", 200, note.clone());
    // The follower checks the log's signature, not the witnesses' clocks:
    // the checkpoint is followed and kept as served, cosignature and all.
    assert_eq!(node.follower.look().unwrap(), Look::Grew(200));
    assert_eq!(node.head(), (300, Some(note)));
    assert_eq!(node.alarm_kinds(), vec![]);
}

#[test]
fn a_401_on_entries_is_credential_refused_and_writes_nothing() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 100);
    let head = node.head();
    primary.serve(&log, 300);
    primary.answer("/log/tile/entries/000", 401, "who are you\n");
    match node.follower.look() {
        Err(FollowError::CredentialRefused { url, status }) => {
            assert_eq!(status, 401);
            assert!(url.ends_with("/log/tile/entries/000"));
        }
        other => panic!("expected CredentialRefused, got {other:?}"),
    }
    unchanged_without_alarm(&node, &head);
    assert!(
        node.status_json()["error"]
            .as_str()
            .unwrap()
            .contains("refused this node's credential (401)")
    );
}

#[test]
fn a_403_on_the_second_bundle_is_credential_refused_and_moves_no_checkpoint() {
    let primary = Primary::start();
    let log = Log::new(300);
    let mut node = node_at(&primary, &log, 100);
    // Each bundle written as it comes, so that the first is kept when the second fails.
    node.follower = node.follower.writing_in_batches_of(1);
    primary.serve(&log, 300);
    primary.answer("/log/tile/entries/001.p/44", 403, "revoked\n");
    match node.follower.look() {
        Err(FollowError::CredentialRefused { status, .. }) => assert_eq!(status, 403),
        other => panic!("expected CredentialRefused, got {other:?}"),
    }
    // The first bundle's verified entries stay; the accepted checkpoint
    // does not move, and no alarm is raised.
    assert_eq!(node.head(), (256, Some(log.note(100))));
    assert_eq!(node.alarm_kinds(), vec![]);
    // A checkpoint of the same history at a size the node holds is not
    // an alarm.
    primary.serve(&log, 200);
    assert_eq!(node.follower.look().unwrap(), Look::UpToDate);
    assert_eq!(node.alarm_kinds(), vec![]);
}

#[test]
fn a_missing_hash_tile_is_unreachable() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 100);
    let head = node.head();
    primary.serve(&log, 300);
    primary.answer("/log/tile/0/001.p/44", 404, "gone\n");
    match node.follower.look() {
        Err(FollowError::Unreachable { url, reason }) => {
            assert!(url.ends_with("/log/tile/0/001.p/44"));
            assert_eq!(reason, "answered 404: gone");
        }
        other => panic!("expected Unreachable, got {other:?}"),
    }
    unchanged_without_alarm(&node, &head);
}

#[test]
fn the_primary_down_is_unreachable_and_the_copy_is_kept() {
    let primary = Primary::start();
    let log = Log::new(100);
    let node = node_at(&primary, &log, 100);
    let head = node.head();
    drop(primary);
    match node.follower.look() {
        Err(FollowError::Unreachable { url, .. }) => assert!(url.ends_with("/log/checkpoint")),
        other => panic!("expected Unreachable, got {other:?}"),
    }
    unchanged_without_alarm(&node, &head);
    let status = node.status_json();
    assert_eq!(status["primary_reachable"], false);
    assert_eq!(status["primary_size"], 100);
    assert!(
        status["last_contact"].is_string(),
        "the last answer is kept"
    );
    assert!(
        status["error"]
            .as_str()
            .unwrap()
            .contains("/log/checkpoint")
    );
}

#[test]
fn a_primary_answering_500_is_unreachable() {
    let primary = Primary::start();
    let node = Node::following(&primary.url);
    primary.answer("/log/checkpoint", 500, "database on fire\n");
    match node.follower.look() {
        Err(FollowError::Unreachable { reason, .. }) => {
            assert_eq!(reason, "answered 500: database on fire")
        }
        other => panic!("expected Unreachable, got {other:?}"),
    }
    assert_eq!(node.status_json()["primary_reachable"], false);
    unchanged_without_alarm(&node, &(0, None));
}

#[test]
fn a_halted_node_stays_halted_on_the_next_good_checkpoint() {
    let primary = Primary::start();
    let log = Log::new(500);
    let node = node_at(&primary, &log, 300);
    let head = node.head();
    primary.serve(&Log::forked(300, 299), 300);
    assert_eq!(node.follower.look().unwrap(), Look::Alarm(AlarmKind::Fork));
    primary.serve(&log, 500);
    for _ in 0..2 {
        match node.follower.look() {
            Err(FollowError::Halted(kind)) => assert_eq!(kind, "fork"),
            other => panic!("expected Halted, got {other:?}"),
        }
    }
    assert_eq!(node.head(), head);
    assert_eq!(node.alarm_kinds(), vec![AlarmKind::Fork], "one alarm, once");
    let status = node.status_json();
    assert_eq!(status["primary_size"], 500);
    assert!(status["error"].as_str().unwrap().starts_with("halted"));
    // What `accord node status` shows.
    let shown = accord_node::status::NodeStatus::read(&node.folder, 300, String::new()).unwrap();
    assert!(shown.halted);
    assert_eq!(shown.behind, 200);
    assert!(shown.to_text().contains("HALTED"));
    assert!(shown.to_text().contains("ALARM fork"));
    // A node restarted on the same folder is still halted.
    let again = accord_node::follow::Follower::new(
        &primary.url,
        CREDENTIAL,
        log_key().verifier_key(),
        crate::kit::open_replica(&node.folder),
        node.folder.clone(),
    );
    assert!(matches!(again.look(), Err(FollowError::Halted(_))));
}

#[test]
fn a_fork_shown_to_one_node_and_not_to_another_is_caught_by_the_witness() {
    use accord_node::Wake;
    use accord_node::witness::Witness;
    use std::sync::Arc;

    // Two primaries with the same key: each shows its own history past 150.
    let honest = Log::new(300);
    let split = Log::forked(300, 150);
    let (a, b) = (Primary::start(), Primary::start());
    let node_a = node_at(&a, &honest, 100);
    let node_b = node_at(&b, &honest, 100);
    a.serve(&honest, 300);
    b.serve(&split, 300);
    // Alone, each node sees a consistent log.
    assert_eq!(node_a.follower.look().unwrap(), Look::Grew(200));
    assert_eq!(node_b.follower.look().unwrap(), Look::Grew(200));
    assert_eq!(node_a.alarm_kinds(), vec![]);
    assert_eq!(node_b.alarm_kinds(), vec![]);
    assert_ne!(node_a.head(), node_b.head());
    // Node A's witness cosigned A's checkpoint; the split one then reaches it.
    let witness = Witness::open(
        SigningKey::from_seed("witness.example/a", [4; 32]).unwrap(),
        log_key().verifier_key(),
        node_a.folder.clone(),
        Arc::new(Wake::default()),
    )
    .unwrap();
    assert_eq!(
        witness
            .add_checkpoint(honest.add_checkpoint(0, 300).as_bytes())
            .status,
        200
    );
    let answer = witness.add_checkpoint(split.add_checkpoint(300, 300).as_bytes());
    assert_eq!((answer.status, answer.body.as_str()), (409, "300\n"));
    assert_eq!(node_a.alarm_kinds(), vec![AlarmKind::Fork]);
    assert!(
        node_a
            .only_evidence()
            .check()
            .unwrap()
            .starts_with("fork proven")
    );
    // And node A now accepts nothing more from its primary.
    assert!(matches!(
        node_a.follower.look(),
        Err(FollowError::Halted(_))
    ));
    assert_eq!(node_b.alarm_kinds(), vec![]);
}

#[test]
fn a_signed_checkpoint_of_an_absurd_size_does_not_crash_the_follower() {
    let primary = Primary::start();
    let log = Log::new(100);
    let node = node_at(&primary, &log, 100);
    let head = node.head();
    let size = 1u64 << 62;
    let note = log_key()
        .sign(&Checkpoint::new(ORIGIN, size, log.root(100)).to_body())
        .unwrap();
    primary.answer("/log/checkpoint", 200, note);
    // The full tile 0 is not served (only its partial form of 100): the
    // look fails there, with no allocation the size alone would ask for.
    match node.follower.look() {
        Err(FollowError::Unreachable { url, reason }) => {
            assert!(url.ends_with("/log/tile/0/000"), "{url}");
            assert_eq!(reason, "answered 404: no such path");
        }
        other => panic!("expected Unreachable, got {other:?}"),
    }
    unchanged_without_alarm(&node, &head);
    assert_eq!(node.status_json()["primary_size"], size);
}

#[test]
fn a_halted_node_shown_a_forged_checkpoint_records_it_and_stays_halted() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 200);
    let head = node.head();
    primary.serve(&log, 100);
    assert_eq!(
        node.follower.look().unwrap(),
        Look::Alarm(AlarmKind::Rollback)
    );
    let forged = Log::from_entries(crate::kit::forger_key(), log.entries.clone());
    primary.serve(&forged, 300);
    assert_eq!(
        node.follower.look().unwrap(),
        Look::Alarm(AlarmKind::BadSignature)
    );
    assert_eq!(
        node.alarm_kinds(),
        vec![AlarmKind::Rollback, AlarmKind::BadSignature]
    );
    primary.serve(&log, 300);
    match node.follower.look() {
        Err(FollowError::Halted(kind)) => assert_eq!(kind, "bad_signature"),
        other => panic!("expected Halted, got {other:?}"),
    }
    assert_eq!(node.head(), head);
}

#[test]
fn a_bundle_redirected_to_another_host_does_not_carry_the_credential_there() {
    let primary = Primary::start();
    let elsewhere = Primary::start();
    let log = Log::new(30);
    let node = Node::following(&primary.url);
    primary.serve(&log, 30);
    let path = "/log/tile/entries/000.p/30";
    primary.answer(path, 302, format!("{}/collect", elsewhere.url));
    elsewhere.answer("/collect", 200, tiles::encode_bundle(&log.entries).unwrap());
    // What comes from elsewhere is verified like anything else.
    assert_eq!(node.follower.look().unwrap(), Look::Grew(30));
    let there = elsewhere.seen();
    assert_eq!(there.len(), 1);
    assert_eq!(there[0].authorization, None, "the credential stays home");
}

#[test]
fn a_checkpoint_redirected_to_a_forgers_host_is_a_bad_signature() {
    let primary = Primary::start();
    let forger = Primary::start();
    let log = Log::new(30);
    let node = node_at(&primary, &log, 20);
    let forged = Log::from_entries(crate::kit::forger_key(), log.entries.clone());
    primary.answer(
        "/log/checkpoint",
        307,
        format!("{}/log/checkpoint", forger.url),
    );
    forger.serve(&forged, 30);
    assert_eq!(
        node.follower.look().unwrap(),
        Look::Alarm(AlarmKind::BadSignature)
    );
    assert_eq!(node.head(), (20, Some(log.note(20))));
}

#[test]
fn a_bad_entry_within_one_write_batch_leaves_the_replica_as_it_was() {
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 10);
    primary.serve(&log, 300);
    let mut second = log.entries[256..300].to_vec();
    second.swap(0, 1);
    primary.answer(
        "/log/tile/entries/001.p/44",
        200,
        tiles::encode_bundle(&second).unwrap(),
    );
    assert_eq!(
        node.follower.look().unwrap(),
        Look::Alarm(AlarmKind::BadEntries)
    );
    // Both bundles fall in one transaction: nothing of it is written.
    assert_eq!(node.head(), (10, Some(log.note(10))));
    assert_eq!(crate::kit::open_replica(&node.folder).size(), 10);
}
