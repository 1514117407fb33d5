//! C2SP tlog-policy: the spec's example with real keys, each parse error by
//! name and line, and quorums met and not met.

use accord_log::cosignature::{CosignerKey, cosign};
use accord_log::note::SigningKey;
use accord_log::policy::{Policy, PolicyError};
use accord_log::{Checkpoint, hash_leaf};

const ORIGIN: &str = "accord.example/log";

fn log() -> SigningKey {
    SigningKey::from_seed(ORIGIN, [1; 32]).unwrap()
}

/// Witness `name`'s key, seeded by its name so that each is distinct.
fn witness(name: &str) -> SigningKey {
    let mut seed = [0u8; 32];
    seed[..name.len()].copy_from_slice(name.as_bytes());
    SigningKey::from_seed(&format!("witness.example/{name}"), seed).unwrap()
}

/// The vkey of a witness as a cosigner (type 0x04) or a note key (0x01).
fn wvkey(name: &str, type4: bool) -> String {
    let key = witness(name).verifier_key();
    if type4 {
        CosignerKey::from_verifier_key(&key).to_vkey()
    } else {
        key.to_string()
    }
}

/// The spec's example, with keys; Y-witnesses given as type 0x01 vkeys.
fn spec_example() -> String {
    format!(
        "log {log}\n\
         \n\
         witness X1 {x1}\n\
         witness X2 {x2}\n\
         witness X3 {x3}\n\
         group X-witnesses 2 X1 X2 X3\n\
         \n\
         witness Y1 {y1}\n\
         witness Y2 {y2}\n\
         witness Y3 {y3} https://y3.example/\n\
         group Y-witnesses any Y1 Y2 Y3\n\
         \n\
         group X-and-Y all X-witnesses Y-witnesses\n\
         quorum X-and-Y\n",
        log = log().verifier_key(),
        x1 = wvkey("X1", true),
        x2 = wvkey("X2", true),
        x3 = wvkey("X3", true),
        y1 = wvkey("Y1", false),
        y2 = wvkey("Y2", false),
        y3 = wvkey("Y3", false),
    )
}

fn body() -> String {
    Checkpoint::new(ORIGIN, 10, hash_leaf(b"r")).to_body()
}

/// The checkpoint signed by the log and cosigned by `witnesses` at time 1000+i.
fn note_cosigned_by(witnesses: &[&str]) -> String {
    let mut note = log().sign(&body()).unwrap();
    for (i, w) in witnesses.iter().enumerate() {
        note.push_str(&cosign(&witness(w), &body(), 1000 + i as u64).unwrap());
    }
    note
}

#[test]
fn the_spec_example_parses() {
    let policy = Policy::parse(&spec_example()).unwrap();
    assert_eq!(policy.log_keys(), [log().verifier_key()]);
    let names: Vec<&str> = policy.witnesses().iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, ["X1", "X2", "X3", "Y1", "Y2", "Y3"]);
    assert_eq!(
        policy.witnesses()[5].url.as_deref(),
        Some("https://y3.example/")
    );
    assert_eq!(
        policy.witnesses()[3].key,
        CosignerKey::from_verifier_key(&witness("Y1").verifier_key())
    );
    assert_eq!(policy.logs().next().unwrap().1, None);
}

#[test]
fn quorum_met() {
    let policy = Policy::parse(&spec_example()).unwrap();
    let checked = policy
        .check(&note_cosigned_by(&["X1", "X3", "Y2"]))
        .unwrap();
    assert_eq!(checked.log, ORIGIN);
    assert_eq!(checked.checkpoint, Checkpoint::parse_body(&body()).unwrap());
    assert_eq!(
        checked.cosigned_by,
        [
            ("X1".to_owned(), 1000),
            ("X3".to_owned(), 1001),
            ("Y2".to_owned(), 1002)
        ]
    );
    // A stranger's cosignature changes nothing.
    let mut note = note_cosigned_by(&["X2", "X3", "Y3"]);
    note.push_str(&cosign(&witness("Z9"), &body(), 5).unwrap());
    assert_eq!(policy.check(&note).unwrap().cosigned_by.len(), 3);
}

#[test]
fn quorum_not_met() {
    let policy = Policy::parse(&spec_example()).unwrap();
    let err = policy
        .check(&note_cosigned_by(&["X1", "Y1", "Y2"]))
        .unwrap_err();
    let PolicyError::QuorumNotMet { cosigned, needed } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(cosigned, &["X1", "Y1", "Y2"]);
    assert_eq!(
        needed,
        "X-and-Y = all of (X-witnesses = 2 of (X1, X2, X3), Y-witnesses = any of (Y1, Y2, Y3))"
    );
    let message = err.to_string();
    assert!(message.contains("cosigned by X1, Y1, Y2"), "{message}");
    assert!(message.contains("needs X-and-Y"), "{message}");
    let none = policy.check(&note_cosigned_by(&[])).unwrap_err();
    assert!(
        none.to_string().contains("cosigned by no witness"),
        "{none}"
    );
}

#[test]
fn checks_refuse_other_logs_and_forgeries() {
    let policy = Policy::parse(&spec_example()).unwrap();
    // Another log's checkpoint.
    let other = SigningKey::from_seed("other.example/log", [2; 32]).unwrap();
    let body = Checkpoint::new("other.example/log", 1, hash_leaf(b"")).to_body();
    assert!(matches!(
        policy.check(&other.sign(&body).unwrap()),
        Err(PolicyError::UnknownLog { .. })
    ));
    // The right origin, the wrong key.
    let impostor = SigningKey::from_seed(ORIGIN, [3; 32]).unwrap();
    assert!(matches!(
        policy.check(&impostor.sign(&self::body()).unwrap()),
        Err(PolicyError::Note(_))
    ));
    // A policy witness's line that does not verify (made for another body).
    let mut note = note_cosigned_by(&["X1", "X2", "Y1"]);
    let other_body = Checkpoint::new(ORIGIN, 11, hash_leaf(b"r")).to_body();
    note.push_str(&cosign(&witness("Y2"), &other_body, 1).unwrap());
    assert!(matches!(
        policy.check(&note),
        Err(PolicyError::Cosignature { witness, .. }) if witness == "Y2"
    ));
}

#[test]
fn quorum_none_and_a_single_witness() {
    let log_line = format!("log {}\n", log().verifier_key());
    let policy = Policy::parse(&format!("# no witnesses\n{log_line}quorum none\n")).unwrap();
    assert!(policy.check(&note_cosigned_by(&[])).is_ok());
    let policy = Policy::parse(&format!(
        "{log_line}witness A {}\nquorum A",
        wvkey("A", true)
    ))
    .unwrap();
    assert!(policy.check(&note_cosigned_by(&["A"])).is_ok());
    assert!(matches!(
        policy.check(&note_cosigned_by(&[])),
        Err(PolicyError::QuorumNotMet { .. })
    ));
}

#[test]
fn whitespace_and_comments() {
    let text = format!(
        "  # a comment\n\t\nlog\t{}   \n  witness  A \t{}\n\tquorum A  \n",
        log().verifier_key(),
        wvkey("A", true)
    );
    assert!(Policy::parse(&text).is_ok());
}

/// Parses `text` after a log line and two witnesses A and B, and returns the
/// error (lines are numbered with those three first).
fn error_of(text: &str) -> PolicyError {
    let full = format!(
        "log {}\nwitness A {}\nwitness B {}\n{text}",
        log().verifier_key(),
        wvkey("A", true),
        wvkey("B", false)
    );
    Policy::parse(&full).unwrap_err()
}

#[test]
fn parse_errors_name_the_line() {
    assert_eq!(
        error_of("quorum C\n"),
        PolicyError::UndefinedName {
            line: 4,
            name: "C".into()
        }
    );
    assert_eq!(
        error_of("group G any A C\nquorum G\n"),
        PolicyError::UndefinedName {
            line: 4,
            name: "C".into()
        }
    );
    // Used before its definition.
    assert_eq!(
        error_of("group G any A H\ngroup H any B\nquorum G\n"),
        PolicyError::UndefinedName {
            line: 4,
            name: "H".into()
        }
    );
    assert_eq!(
        error_of("witness C {}\nquorum A\n"),
        PolicyError::BadVkey {
            line: 4,
            error: accord_log::note::NoteError::BadVerifierKey("expected name+keyid+key")
        }
    );
    assert_eq!(
        error_of(&format!("witness C {}\nquorum A\n", wvkey("A", false))),
        PolicyError::DuplicateKey {
            line: 4,
            first_line: 2
        }
    );
    assert_eq!(
        error_of(&format!("log {}\nquorum A\n", log().verifier_key())),
        PolicyError::DuplicateKey {
            line: 4,
            first_line: 1
        }
    );
    assert_eq!(
        error_of(&format!("witness A {}\nquorum A\n", wvkey("C", true))),
        PolicyError::DuplicateName {
            line: 4,
            name: "A".into()
        }
    );
    assert_eq!(
        error_of("group A any B\nquorum A\n"),
        PolicyError::DuplicateName {
            line: 4,
            name: "A".into()
        }
    );
    assert_eq!(
        error_of(&format!("witness none {}\nquorum A\n", wvkey("C", true))),
        PolicyError::DuplicateName {
            line: 4,
            name: "none".into()
        }
    );
    for bad in ["0", "3", "01", "-1", "some", ""] {
        let err = error_of(&format!("group G {bad} A B\nquorum G\n"));
        assert!(
            matches!(
                err,
                PolicyError::BadThreshold { line: 4, .. }
                    | PolicyError::UndefinedName { line: 4, .. }
            ),
            "{bad:?}: {err:?}"
        );
    }
    assert_eq!(
        error_of("group G 3 A B\nquorum G\n"),
        PolicyError::BadThreshold {
            line: 4,
            threshold: "3".into(),
            members: 2
        }
    );
    assert_eq!(
        error_of("group G all none A\n"),
        PolicyError::NoneAsMember { line: 4 }
    );
    assert_eq!(
        error_of("group G any A A\n"),
        PolicyError::DuplicateMember {
            line: 4,
            name: "A".into()
        }
    );
    assert!(matches!(
        error_of("group G any\n"),
        PolicyError::BadLine { line: 4, .. }
    ));
    assert!(matches!(
        error_of("quorum A B\n"),
        PolicyError::BadLine { line: 4, .. }
    ));
    assert!(matches!(
        error_of("quorum\n"),
        PolicyError::BadLine { line: 4, .. }
    ));
    assert_eq!(error_of("\n# just comments\n"), PolicyError::NoQuorum);
    assert_eq!(
        error_of("quorum A\n\nquorum B\n"),
        PolicyError::TwoQuorums {
            line: 6,
            first_line: 4
        }
    );
    assert_eq!(
        error_of("witnesses C x\n"),
        PolicyError::UnknownKeyword {
            line: 4,
            keyword: "witnesses".into()
        }
    );
    assert_eq!(
        error_of("quorum A\r\n"),
        PolicyError::BadCharacter { line: 4 }
    );
    // A log key must be a note key (type 0x01).
    assert!(matches!(
        error_of(&format!("log {}\nquorum A\n", wvkey("C", true))),
        PolicyError::BadVkey { line: 4, .. }
    ));
    // Messages say the line.
    assert!(error_of("quorum C\n").to_string().starts_with("line 4: "));
}
