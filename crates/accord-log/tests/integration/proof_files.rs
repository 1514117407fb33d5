//! C2SP tlog-proof: round trips, an offline verification against a policy
//! with a tree built here, and tampered extra data, proofs, indices and
//! checkpoints caught.

use accord_log::cosignature::{CosignerKey, cosign};
use accord_log::note::SigningKey;
use accord_log::policy::{Policy, PolicyError};
use accord_log::proof_file::{ProofFileError, TlogProof};
use accord_log::{Checkpoint, Tree, hash_leaf};

const ORIGIN: &str = "accord.example/log";

struct Fixture {
    tree: Tree,
    entries: Vec<Vec<u8>>,
    note: String,
    policy: Policy,
}

fn fixture() -> Fixture {
    let entries: Vec<Vec<u8>> = (0..300u32)
        .map(|i| format!("{{\"event\":{i}}}").into_bytes())
        .collect();
    let mut tree = Tree::new();
    for e in &entries {
        tree.push_entry(e);
    }
    let log = SigningKey::from_seed(ORIGIN, [1; 32]).unwrap();
    let witness = SigningKey::from_seed("witness.example/w", [2; 32]).unwrap();
    let body = Checkpoint::new(ORIGIN, tree.size(), tree.root()).to_body();
    let note = log.sign(&body).unwrap() + &cosign(&witness, &body, 1_750_000_000).unwrap();
    let policy = Policy::parse(&format!(
        "log {}\nwitness W {}\nquorum W\n",
        log.verifier_key(),
        CosignerKey::from_verifier_key(&witness.verifier_key()).to_vkey()
    ))
    .unwrap();
    Fixture {
        tree,
        entries,
        note,
        policy,
    }
}

impl Fixture {
    fn proof(&self, index: u64) -> TlogProof {
        TlogProof {
            extra: Some(self.entries[index as usize].clone()),
            index,
            proof: self.tree.inclusion_proof(index, self.tree.size()).unwrap(),
            checkpoint: self.note.clone(),
        }
    }
}

#[test]
fn proofs_round_trip() {
    let f = fixture();
    for index in [0, 1, 255, 299] {
        let proof = f.proof(index);
        let text = proof.to_text();
        assert!(text.starts_with("c2sp.org/tlog-proof@v1\nextra "));
        assert_eq!(TlogProof::parse(&text), Ok(proof));
    }
    let mut bare = f.proof(7);
    bare.extra = None;
    assert!(
        bare.to_text()
            .starts_with("c2sp.org/tlog-proof@v1\nindex 7\n")
    );
    assert_eq!(TlogProof::parse(&bare.to_text()), Ok(bare));
}

#[test]
fn a_proof_verifies_offline() {
    let f = fixture();
    for index in [0, 128, 299] {
        let checked = f.proof(index).verify(&f.policy, None).unwrap();
        assert_eq!(checked.index, index);
        assert_eq!(checked.checkpoint.size, 300);
        assert_eq!(checked.cosigned_by, [("W".to_owned(), 1_750_000_000)]);
    }
    // With the leaf given instead of the extra data.
    let mut bare = f.proof(5);
    bare.extra = None;
    assert!(
        bare.verify(&f.policy, Some(hash_leaf(&f.entries[5])))
            .is_ok()
    );
    assert_eq!(bare.verify(&f.policy, None), Err(ProofFileError::NoLeaf));
}

#[test]
fn tampering_is_caught() {
    let f = fixture();
    // Extra data edited.
    let mut proof = f.proof(42);
    proof.extra.as_mut().unwrap()[3] ^= 1;
    assert!(matches!(
        proof.verify(&f.policy, None),
        Err(ProofFileError::Inclusion { index: 42, .. })
    ));
    // A proof hash edited, one dropped, one added.
    let mut proof = f.proof(42);
    proof.proof[2] = hash_leaf(b"x");
    assert!(matches!(
        proof.verify(&f.policy, None),
        Err(ProofFileError::Inclusion { .. })
    ));
    let mut proof = f.proof(42);
    proof.proof.pop();
    assert!(matches!(
        proof.verify(&f.policy, None),
        Err(ProofFileError::Inclusion { .. })
    ));
    let mut proof = f.proof(42);
    proof.proof.push(hash_leaf(b"x"));
    assert!(matches!(
        proof.verify(&f.policy, None),
        Err(ProofFileError::Inclusion { .. })
    ));
    // Another index for the same entry.
    let mut proof = f.proof(42);
    proof.index = 43;
    assert!(matches!(
        proof.verify(&f.policy, None),
        Err(ProofFileError::Inclusion { .. })
    ));
    // The checkpoint's size edited: the log's signature fails.
    let mut proof = f.proof(42);
    proof.checkpoint = proof.checkpoint.replacen("\n300\n", "\n301\n", 1);
    assert!(matches!(
        proof.verify(&f.policy, None),
        Err(ProofFileError::Policy(PolicyError::Note(_)))
    ));
    // The witness's cosignature removed: the quorum is not met.
    let mut proof = f.proof(42);
    let cut = proof
        .checkpoint
        .rfind("\u{2014} witness.example/w")
        .unwrap();
    proof.checkpoint.truncate(cut);
    assert!(matches!(
        proof.verify(&f.policy, None),
        Err(ProofFileError::Policy(PolicyError::QuorumNotMet { .. }))
    ));
    // A text edited on the way.
    let text = f.proof(42).to_text().replacen("index 42", "index 41", 1);
    assert!(
        TlogProof::parse(&text)
            .unwrap()
            .verify(&f.policy, None)
            .is_err()
    );
}

#[test]
fn the_spec_example_parses() {
    // The spec's example with its elided signatures: the proof part parses,
    // the checkpoint is kept verbatim.
    let text = "c2sp.org/tlog-proof@v1\n\
        extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ\n\
        index 73894\n\
        gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=\n\
        B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=\n\
        EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=\n\
        RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=\n\
        AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=\n\
        \n\
        example.com/fancylog\n\
        109482\n\
        sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n\
        \n\
        \u{2014} example.com/fancylog hI2DJw[...]1roloI=\n";
    let proof = TlogProof::parse(text).unwrap();
    assert_eq!(proof.index, 73894);
    assert_eq!(proof.proof.len(), 5);
    assert!(
        proof
            .extra
            .unwrap()
            .starts_with(b"age-v1.2.1-darwin-arm64.tar.gz")
    );
    assert!(
        proof
            .checkpoint
            .starts_with("example.com/fancylog\n109482\n")
    );
}

#[test]
fn parse_errors_name_the_line() {
    let f = fixture();
    let good = f.proof(3).to_text();
    let syntax_line = |text: &str| match TlogProof::parse(text) {
        Err(ProofFileError::Syntax { line, .. }) => line,
        other => panic!("{other:?}"),
    };
    assert_eq!(syntax_line(&good.replacen("@v1", "@v2", 1)), 1);
    assert_eq!(syntax_line(&good.replacen("extra ", "extra !", 1)), 2);
    assert_eq!(syntax_line(&good.replacen("index 3", "index 03", 1)), 3);
    assert_eq!(syntax_line(&good.replacen("index 3", "index", 1)), 3);
    assert_eq!(syntax_line(&good.replacen("index 3", "idx 3", 1)), 3);
    let bad_hash = good.replacen("index 3\n", "index 3\nAAAA\n", 1);
    assert_eq!(syntax_line(&bad_hash), 4);
    let mut long = f.proof(3);
    long.proof = vec![hash_leaf(b""); 65];
    assert_eq!(syntax_line(&long.to_text()), 68);
    assert_eq!(
        TlogProof::parse("c2sp.org/tlog-proof@v1\nindex 3\n"),
        Err(ProofFileError::MissingBlankLine)
    );
    assert_eq!(
        TlogProof::parse("c2sp.org/tlog-proof@v1\nindex 3\n\n"),
        Err(ProofFileError::MissingCheckpoint)
    );
    assert_eq!(syntax_line(""), 1);
}
