//! C2SP tlog-checkpoint bodies: the vectors from Go's sumdb/tlog and
//! transparency-dev/formats.

use accord_log::checkpoint::{Checkpoint, CheckpointError};
use accord_log::hash_leaf;

use crate::common::read_json;

#[test]
fn valid_bodies_parse_when_their_root_is_a_hash() {
    let vectors = read_json("signed-note-vectors.json");
    for case in vectors["checkpoint_parse"]["valid"].as_array().unwrap() {
        let body = case["body"].as_str().unwrap();
        match Checkpoint::parse_body_with_extensions(body) {
            Ok((checkpoint, extensions)) => {
                assert_eq!(checkpoint.origin, case["origin"].as_str().unwrap());
                assert_eq!(checkpoint.size, case["size"].as_u64().unwrap());
                let leaf_of = case["hash_is_leaf_hash_of_ascii"].as_str().unwrap();
                assert_eq!(checkpoint.root, hash_leaf(leaf_of.as_bytes()));
                assert!(extensions.is_empty());
                assert_eq!(checkpoint.to_body(), body);
            }
            // These vectors use short strings ("bananas") as roots: valid
            // syntax, but accord holds a root to be a 32-byte hash.
            Err(CheckpointError::RootNotHash(len)) => {
                assert_eq!(len, case["hash_ascii"].as_str().unwrap().len(), "{body:?}");
            }
            Err(e) => panic!("{body:?}: {e}"),
        }
    }
}

#[test]
fn extension_lines_are_read() {
    let root = hash_leaf(b"x").to_base64();
    let body = format!("Log\n9944\n{root}\nHere's some associated data.\n");
    let (checkpoint, extensions) = Checkpoint::parse_body_with_extensions(&body).unwrap();
    assert_eq!(checkpoint.size, 9944);
    assert_eq!(extensions, ["Here's some associated data."]);
    assert_eq!(Checkpoint::parse_body(&body).unwrap(), checkpoint);
}

#[test]
fn invalid_bodies_are_rejected() {
    let vectors = read_json("signed-note-vectors.json");
    for case in vectors["checkpoint_parse"]["invalid"].as_array().unwrap() {
        let body = case["body"].as_str().unwrap();
        assert!(Checkpoint::parse_body(body).is_err(), "{}", case["desc"]);
    }
}
