//! C2SP tlog-witness: every status of `add-checkpoint`, by name, and the
//! request body's syntax.

use accord_log::note::{SigningKey, VerifierKey};
use accord_log::witness::{
    AddCheckpoint, Verdict, WitnessError, Witnessed, conflict_body, judge, parse_conflict_size,
};
use accord_log::{Checkpoint, Hash, Tree, hash_leaf};

const ORIGIN: &str = "accord.example/log";

struct World {
    tree: Tree,
    log: SigningKey,
}

fn world() -> World {
    let mut tree = Tree::new();
    for i in 0u32..100 {
        tree.push_entry(&i.to_be_bytes());
    }
    World {
        tree,
        log: SigningKey::from_seed(ORIGIN, [5; 32]).unwrap(),
    }
}

impl World {
    fn keys(&self) -> Vec<VerifierKey> {
        vec![self.log.verifier_key()]
    }
    fn checkpoint(&self, size: u64) -> Checkpoint {
        Checkpoint::new(ORIGIN, size, self.tree.root_at(size).unwrap())
    }
    fn note(&self, size: u64) -> String {
        self.log.sign(&self.checkpoint(size).to_body()).unwrap()
    }
    fn stored(&self, size: u64) -> Witnessed {
        Witnessed {
            size,
            root: self.tree.root_at(size).unwrap(),
        }
    }
    /// A well-formed request from `old` to `new`.
    fn request(&self, old: u64, new: u64) -> AddCheckpoint {
        AddCheckpoint {
            old_size: old,
            proof: if old == 0 {
                vec![]
            } else {
                self.tree.consistency_proof(old, new).unwrap()
            },
            checkpoint: self.note(new),
        }
    }
    fn judge(&self, request: &AddCheckpoint, stored: Option<u64>) -> Verdict {
        let stored = stored.map(|s| self.stored(s));
        judge(request, &self.keys(), stored.as_ref())
    }
}

#[test]
fn happy_path() {
    let w = world();
    let verdict = w.judge(&w.request(40, 100), Some(40));
    assert_eq!(verdict.status(), 200);
    let Verdict::Cosign { checkpoint, body } = &verdict else {
        panic!("{verdict:?}")
    };
    assert_eq!(*checkpoint, w.checkpoint(100));
    assert_eq!(*body, w.checkpoint(100).to_body());
    assert_eq!(verdict.witnessed(), Some(w.stored(100)));
}

#[test]
fn happy_path_from_0() {
    let w = world();
    let verdict = w.judge(&w.request(0, 100), None);
    assert_eq!(verdict.status(), 200, "{verdict:?}");
}

#[test]
fn same_size_same_root() {
    let w = world();
    let verdict = w.judge(&w.request(100, 100), Some(100));
    assert_eq!(verdict.status(), 200, "{verdict:?}");
}

#[test]
fn unknown_origin() {
    let w = world();
    let other = SigningKey::from_seed("other.example/log", [6; 32]).unwrap();
    let verdict = judge(&w.request(0, 10), &[other.verifier_key()], None);
    assert_eq!(verdict, Verdict::UnknownOrigin);
    assert_eq!(verdict.status(), 404);
}

#[test]
fn no_trusted_signature() {
    let w = world();
    // Signed by a key with the origin's name that the witness does not trust.
    let impostor = SigningKey::from_seed(ORIGIN, [7; 32]).unwrap();
    let mut request = w.request(0, 10);
    request.checkpoint = impostor.sign(&w.checkpoint(10).to_body()).unwrap();
    let verdict = w.judge(&request, None);
    assert_eq!(verdict, Verdict::NotSigned);
    assert_eq!(verdict.status(), 403);
    // A forged signature under the trusted key's name and id.
    let good = w.note(10);
    let forged = {
        let (text, sig) = good.split_at(good.rfind(' ').unwrap() + 1);
        let mut sig: Vec<char> = sig.chars().collect();
        sig[10] = if sig[10] == 'A' { 'B' } else { 'A' };
        format!("{text}{}", sig.into_iter().collect::<String>())
    };
    request.checkpoint = forged;
    assert_eq!(w.judge(&request, None).status(), 403);
}

#[test]
fn signature_by_an_unknown_key_ignored() {
    let w = world();
    let stranger = SigningKey::from_seed("stranger.example", [8; 32]).unwrap();
    let mut request = w.request(40, 100);
    request.checkpoint = stranger.cosign(&request.checkpoint).unwrap();
    assert_eq!(w.judge(&request, Some(40)).status(), 200);
}

#[test]
fn old_larger_than_size() {
    let w = world();
    let request = AddCheckpoint {
        old_size: 60,
        proof: vec![],
        checkpoint: w.note(50),
    };
    let verdict = w.judge(&request, Some(60));
    assert!(matches!(verdict, Verdict::BadRequest(_)), "{verdict:?}");
    assert_eq!(verdict.status(), 400);
}

#[test]
fn old_not_the_stored_size() {
    let w = world();
    let verdict = w.judge(&w.request(40, 100), Some(50));
    assert_eq!(verdict, Verdict::Conflict { size: 50 });
    assert_eq!(verdict.status(), 409);
    // Never cosigned: the stored size is 0.
    assert_eq!(
        w.judge(&w.request(40, 100), None),
        Verdict::Conflict { size: 0 }
    );
    // The client reads the size back from the body.
    assert_eq!(conflict_body(50), "50\n");
    assert_eq!(parse_conflict_size(conflict_body(50).as_bytes()), Some(50));
    assert_eq!(parse_conflict_size(b"0\n"), Some(0));
    assert_eq!(parse_conflict_size(b"050\n"), None);
    assert_eq!(parse_conflict_size(b"x\n"), None);
    assert_eq!(parse_conflict_size(b""), None);
}

#[test]
fn same_size_other_root() {
    let w = world();
    let stored = Witnessed {
        size: 100,
        root: hash_leaf(b"a fork"),
    };
    let verdict = judge(&w.request(100, 100), &w.keys(), Some(&stored));
    assert_eq!(verdict, Verdict::Conflict { size: 100 });
}

#[test]
fn non_empty_proof_with_old_0() {
    let w = world();
    let mut request = w.request(0, 100);
    request.proof = w.tree.consistency_proof(40, 100).unwrap();
    let verdict = w.judge(&request, None);
    assert!(matches!(verdict, Verdict::BadRequest(_)), "{verdict:?}");
}

#[test]
fn failing_proof() {
    let w = world();
    let mut request = w.request(40, 100);
    request.proof[0] = hash_leaf(b"not a node");
    let verdict = w.judge(&request, Some(40));
    assert_eq!(verdict, Verdict::ProofFailed);
    assert_eq!(verdict.status(), 422);
    // A proof that holds, but against a root the witness never saw.
    let forked = Witnessed {
        size: 40,
        root: hash_leaf(b"fork"),
    };
    assert_eq!(
        judge(&w.request(40, 100), &w.keys(), Some(&forked)),
        Verdict::ProofFailed
    );
    // Same size with a proof that should be empty.
    let mut same = w.request(100, 100);
    same.proof = vec![hash_leaf(b"x")];
    assert_eq!(w.judge(&same, Some(100)), Verdict::ProofFailed);
}

#[test]
fn bodies_round_trip() {
    let w = world();
    for request in [w.request(40, 100), w.request(0, 7), w.request(100, 100)] {
        let body = request.to_body();
        assert_eq!(AddCheckpoint::parse(body.as_bytes()), Ok(request));
    }
    let body = w.request(40, 100).to_body();
    assert!(body.starts_with("old 40\n"));
}

#[test]
fn proof_lines_over_63() {
    let w = world();
    let mut request = w.request(40, 100);
    request.proof = vec![Hash::empty_tree(); 63];
    assert!(AddCheckpoint::parse(request.to_body().as_bytes()).is_ok());
    request.proof.push(Hash::empty_tree());
    assert_eq!(
        AddCheckpoint::parse(request.to_body().as_bytes()),
        Err(WitnessError::TooManyProofLines)
    );
}

#[test]
fn malformed_old_line() {
    let note = world().note(10);
    for bad in [
        "old\n",
        "old -1\n",
        "old 1 \n",
        "Old 1\n",
        "old  1\n",
        "new 1\n",
        "old 1\r\n",
    ] {
        let body = format!("{bad}\n{note}");
        assert_eq!(
            AddCheckpoint::parse(body.as_bytes()),
            Err(WitnessError::BadOldLine),
            "{bad:?}"
        );
    }
}

#[test]
fn leading_zero() {
    let note = world().note(10);
    for bad in ["old 00", "old 01"] {
        assert_eq!(
            AddCheckpoint::parse(format!("{bad}\n\n{note}").as_bytes()),
            Err(WitnessError::BadOldLine)
        );
    }
    assert!(AddCheckpoint::parse(format!("old 0\n\n{note}").as_bytes()).is_ok());
}

#[test]
fn missing_blank_line() {
    let w = world();
    let proof = w.tree.consistency_proof(40, 100).unwrap();
    let body = format!("old 40\n{}\n", proof[0]);
    assert_eq!(
        AddCheckpoint::parse(body.as_bytes()),
        Err(WitnessError::MissingBlankLine)
    );
    // The checkpoint straight after the proof: its origin is no hash.
    let body = format!("old 40\n{}\n{}", proof[0], w.note(100));
    assert_eq!(
        AddCheckpoint::parse(body.as_bytes()),
        Err(WitnessError::BadProofLine { line: 3 })
    );
    assert_eq!(
        AddCheckpoint::parse(b"old 40\n\n"),
        Err(WitnessError::MissingCheckpoint)
    );
    assert_eq!(
        AddCheckpoint::parse(b"old 40\n\xff\n\n"),
        Err(WitnessError::NotUtf8)
    );
}

#[test]
fn a_malformed_note_is_a_bad_request() {
    let w = world();
    let mut request = w.request(0, 10);
    request.checkpoint = "accord.example/log\n10\n".into();
    assert_eq!(w.judge(&request, None).status(), 400);
}

#[test]
fn a_witnessed_checkpoint_passes_a_policy() {
    use accord_log::cosignature::{CosignerKey, cosign};
    use accord_log::policy::Policy;
    // The log asks; the witness judges, stores and cosigns with its clock;
    // the log appends the answer to its checkpoint; a verifier checks it.
    let w = world();
    let witness = SigningKey::from_seed("witness.example/w", [9; 32]).unwrap();
    let request = AddCheckpoint::parse(w.request(40, 100).to_body().as_bytes()).unwrap();
    let verdict = w.judge(&request, Some(40));
    let Verdict::Cosign { body, .. } = &verdict else {
        panic!("{verdict:?}")
    };
    let answer = cosign(&witness, body, 1_767_000_000).unwrap();
    let cosigned = format!("{}{answer}", request.checkpoint);
    let policy = Policy::parse(&format!(
        "log {}\nwitness w {}\nquorum w\n",
        w.log.verifier_key(),
        CosignerKey::from_verifier_key(&witness.verifier_key()).to_vkey()
    ))
    .unwrap();
    let checked = policy.check(&cosigned).unwrap();
    assert_eq!(checked.cosigned_by, [("w".to_owned(), 1_767_000_000)]);
    assert_eq!(checked.checkpoint.size, 100);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any consistent step is cosigned, and any single flipped bit in its
    /// proof is refused (422), never cosigned.
    #[test]
    fn consistent_steps_pass_and_flipped_bits_fail(old in 1u64..=100, extra in 0u64..=100, bit in 0usize..256, which in proptest::prelude::any::<proptest::sample::Index>()) {
        let w = world();
        let new = (old + extra).min(100);
        let request = w.request(old, new);
        proptest::prop_assert_eq!(w.judge(&request, Some(old)).status(), 200);
        if !request.proof.is_empty() {
            let mut bad = request.clone();
            let i = which.index(bad.proof.len());
            bad.proof[i] = crate::common::flip(&bad.proof[i], bit);
            proptest::prop_assert_eq!(w.judge(&bad, Some(old)), Verdict::ProofFailed);
        }
    }
}
