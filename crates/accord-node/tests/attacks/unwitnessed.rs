//! A node that expects a policy's quorum of cosignatures on the primary's
//! checkpoints: a checkpoint left without it beyond the allowance raises
//! `unwitnessed`, once, without stopping the follow.

use std::time::Duration;

use accord_log::cosignature;
use accord_log::note::SigningKey;
use accord_log::policy::Policy;
use accord_node::follow::Look;
use accord_node::monitor::AlarmKind;

use crate::kit::{Log, Node, Primary, log_key};

fn witness() -> SigningKey {
    SigningKey::from_seed("witness.us.example", [9; 32]).expect("a key")
}

fn policy() -> Policy {
    Policy::parse(&format!(
        "log {}\nwitness us {}\nquorum us\n",
        log_key().verifier_key(),
        cosignature::CosignerKey::from_verifier_key(&witness().verifier_key()).to_vkey()
    ))
    .expect("a policy")
}

fn node(primary: &Primary, allowance: Duration) -> Node {
    let mut node = Node::following(&primary.url);
    node.follower = node.follower.expecting_witnesses(policy(), allowance);
    node
}

#[test]
fn a_checkpoint_without_its_quorum_past_the_allowance_is_unwitnessed_once_and_followed() {
    let primary = Primary::start();
    let log = Log::new(300);
    primary.serve(&log, 300);
    let node = node(&primary, Duration::ZERO);
    assert_eq!(node.follower.look().unwrap(), Look::Grew(300));
    assert_eq!(node.alarm_kinds(), [AlarmKind::Unwitnessed]);
    // Once per checkpoint, and the follow goes on.
    primary.serve(&log, 300);
    assert_eq!(node.follower.look().unwrap(), Look::UpToDate);
    assert_eq!(node.alarm_kinds(), [AlarmKind::Unwitnessed]);
    assert!(
        !accord_node::status::halts(&node.alarms()),
        "unwitnessed does not stop the follow"
    );
}

#[test]
fn a_checkpoint_within_the_allowance_raises_nothing() {
    let primary = Primary::start();
    let log = Log::new(300);
    primary.serve(&log, 300);
    let node = node(&primary, Duration::from_secs(3600));
    assert_eq!(node.follower.look().unwrap(), Look::Grew(300));
    assert!(node.alarm_kinds().is_empty());
}

#[test]
fn a_checkpoint_carrying_its_quorum_raises_nothing() {
    let primary = Primary::start();
    let log = Log::new(300);
    let note = log.note(300);
    let body = note.split_once("\n\n").expect("a note").0.to_owned() + "\n";
    let cosigned = format!(
        "{note}{}",
        cosignature::cosign(&witness(), &body, 1_700_000_000).expect("a cosignature")
    );
    primary.serve(&log, 300);
    primary.answer("/log/checkpoint", 200, cosigned);
    let node = node(&primary, Duration::ZERO);
    assert_eq!(node.follower.look().unwrap(), Look::Grew(300));
    assert!(node.alarm_kinds().is_empty(), "{:?}", node.alarms());
}
