//! Known answers: RFC 6962's reference tree and transparency-dev/merkle's probes.

use accord_log::{Hash, Tree, hash_children, hash_leaf, verify_consistency, verify_inclusion};
use serde_json::Value;

use crate::common::{hex_hash, json_files, read_json};

fn bytes_of(case: &Value, field: &str) -> Option<Vec<u8>> {
    if let Some(h) = case.get(format!("{field}_hex")).and_then(Value::as_str) {
        return Some(hex::decode(h).unwrap());
    }
    case.get(format!("{field}_ascii"))
        .and_then(Value::as_str)
        .map(|s| s.as_bytes().to_vec())
}

#[test]
fn rfc6962_hasher_answers() {
    let kat = read_json("rfc6962-kat.json");
    for case in kat["hasher_vectors"].as_array().unwrap() {
        let want = case["want"].as_str().unwrap();
        let got = match case["op"].as_str().unwrap() {
            "empty_root" => Tree::new().root().to_hex(),
            "leaf" => hash_leaf(&bytes_of(case, "input").unwrap()).to_hex(),
            "node" => {
                // The children here are short ASCII strings, not hashes: the
                // node rule is SHA-256(0x01 ‖ left ‖ right) over raw bytes.
                use sha2::Digest as _;
                let mut input = vec![accord_log::NODE_PREFIX];
                input.extend(bytes_of(case, "left").unwrap());
                input.extend(bytes_of(case, "right").unwrap());
                hex::encode(sha2::Sha256::digest(&input))
            }
            op => panic!("unknown op {op}"),
        };
        assert_eq!(got, want, "{}", case["desc"]);
    }
}

fn reference_tree() -> (Tree, Value) {
    let kat = read_json("rfc6962-kat.json");
    let mut tree = Tree::new();
    for leaf in kat["leaves_hex"].as_array().unwrap() {
        tree.push_entry(&hex::decode(leaf.as_str().unwrap()).unwrap());
    }
    (tree, kat)
}

#[test]
fn rfc6962_reference_tree() {
    let (tree, kat) = reference_tree();
    // Every complete subtree, level by level.
    for (level, nodes) in kat["node_hashes_by_level"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        for (i, want) in nodes.as_array().unwrap().iter().enumerate() {
            let got = if level == 0 {
                tree.leaf(i as u64).unwrap()
            } else {
                // A complete node at this level is the root of the 2^level
                // leaves under it; build it from the level below.
                let below = &kat["node_hashes_by_level"][level - 1];
                hash_children(
                    &hex_hash(below[2 * i].as_str().unwrap()),
                    &hex_hash(below[2 * i + 1].as_str().unwrap()),
                )
            };
            assert_eq!(
                got,
                hex_hash(want.as_str().unwrap()),
                "level {level} node {i}"
            );
        }
    }
    // The roots of sizes 0..=8.
    for (size, want) in kat["roots_by_size"].as_object().unwrap() {
        let size: u64 = size.parse().unwrap();
        assert_eq!(
            tree.root_at(size).unwrap(),
            hex_hash(want.as_str().unwrap()),
            "size {size}"
        );
    }
    assert_eq!(tree.root(), tree.root_at(8).unwrap());
}

#[test]
fn rfc6962_inclusion_proofs() {
    let (tree, kat) = reference_tree();
    for case in kat["inclusion_proofs"].as_array().unwrap() {
        let index = case["leaf_index"].as_u64().unwrap();
        let size = case["tree_size"].as_u64().unwrap();
        let want: Vec<Hash> = case["proof"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| hex_hash(h.as_str().unwrap()))
            .collect();
        assert_eq!(
            tree.inclusion_proof(index, size).unwrap(),
            want,
            "{index} in {size}"
        );
        verify_inclusion(
            index,
            size,
            &tree.leaf(index).unwrap(),
            &want,
            &tree.root_at(size).unwrap(),
        )
        .unwrap();
    }
}

#[test]
fn rfc6962_consistency_proofs() {
    let (tree, kat) = reference_tree();
    for case in kat["consistency_proofs"].as_array().unwrap() {
        let old = case["size1"].as_u64().unwrap();
        let new = case["size2"].as_u64().unwrap();
        let want: Vec<Hash> = case["proof"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| hex_hash(h.as_str().unwrap()))
            .collect();
        assert_eq!(
            tree.consistency_proof(old, new).unwrap(),
            want,
            "{old} to {new}"
        );
        verify_consistency(
            old,
            new,
            &tree.root_at(old).unwrap(),
            &tree.root_at(new).unwrap(),
            &want,
        )
        .unwrap();
    }
}

/// A probe's hash field: `None` when it is absent, empty or not 32 bytes
/// (such a value cannot be a hash, so the probe must be rejected).
fn probe_hash(case: &Value, field: &str) -> Option<Hash> {
    case.get(field)
        .and_then(Value::as_str)
        .and_then(|s| Hash::parse(s).ok())
}

fn probe_proof(case: &Value) -> Option<Vec<Hash>> {
    match &case["proof"] {
        Value::Null => Some(Vec::new()),
        Value::Array(items) => items
            .iter()
            .map(|h| h.as_str().and_then(|s| Hash::parse(s).ok()))
            .collect(),
        other => panic!("proof is {other}"),
    }
}

/// The probes where accord deliberately differs from the reference verifier:
/// it "accepts" equal sizes with roots that are not hashes at all ("don't
/// care 2", 12 bytes), because with equal sizes it only compares the roots.
/// accord refuses anything that is not a 32-byte hash before comparing.
const DIVERGENT: &[&str] = &["consistency/additional/sizes-are-equal-one-and-proof-is-empty.json"];

fn run_probes(kind: &str, check: impl Fn(&Value) -> bool) -> usize {
    let files = json_files(&format!("transparency-dev/{kind}"));
    for file in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let accepted = check(&case);
        let want_err = case["wantErr"].as_bool().unwrap();
        let name = file.to_string_lossy();
        if DIVERGENT.iter().any(|d| name.ends_with(d)) {
            assert!(
                !want_err && !accepted,
                "{name}: the documented divergence changed"
            );
            continue;
        }
        assert_eq!(accepted, !want_err, "{name}: {}", case["desc"]);
    }
    files.len()
}

#[test]
fn transparency_dev_inclusion_probes() {
    let count = run_probes("inclusion", |case| {
        let (Some(leaf), Some(root), Some(proof)) = (
            probe_hash(case, "leafHash"),
            probe_hash(case, "root"),
            probe_proof(case),
        ) else {
            return false;
        };
        verify_inclusion(
            case["leafIdx"].as_u64().unwrap(),
            case["treeSize"].as_u64().unwrap(),
            &leaf,
            &proof,
            &root,
        )
        .is_ok()
    });
    assert_eq!(count, 98);
}

#[test]
fn transparency_dev_consistency_probes() {
    let count = run_probes("consistency", |case| {
        let (Some(root1), Some(root2), Some(proof)) = (
            probe_hash(case, "root1"),
            probe_hash(case, "root2"),
            probe_proof(case),
        ) else {
            return false;
        };
        verify_consistency(
            case["size1"].as_u64().unwrap(),
            case["size2"].as_u64().unwrap(),
            &root1,
            &root2,
            &proof,
        )
        .is_ok()
    });
    assert_eq!(count, 98);
}

/// The happy-path probes are proofs over the same 8-leaf reference tree:
/// accord's generator must produce them byte for byte.
#[test]
fn transparency_dev_happy_paths_are_what_tree_generates() {
    let (tree, _) = reference_tree();
    for file in json_files("transparency-dev") {
        if !file.ends_with("happy-path.json") {
            continue;
        }
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let proof = probe_proof(&case).unwrap();
        if let Some(index) = case.get("leafIdx").and_then(Value::as_u64) {
            let size = case["treeSize"].as_u64().unwrap();
            assert_eq!(
                tree.inclusion_proof(index, size).unwrap(),
                proof,
                "{}",
                file.display()
            );
            assert_eq!(
                tree.root_at(size).unwrap(),
                probe_hash(&case, "root").unwrap()
            );
        } else {
            let (old, new) = (
                case["size1"].as_u64().unwrap(),
                case["size2"].as_u64().unwrap(),
            );
            if old == 0 {
                continue;
            }
            assert_eq!(
                tree.consistency_proof(old, new).unwrap(),
                proof,
                "{}",
                file.display()
            );
        }
    }
}
