//! C2SP signed notes: the spec's example, Go's test keys, malformed notes,
//! and accord's own checkpoints with a witness's cosignature.

use accord_log::checkpoint::Checkpoint;
use accord_log::note::{self, NoteError, SigningKey, VerifierKey};
use accord_log::{Tree, hash_leaf};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use crate::common::read_json;

fn vectors() -> Value {
    read_json("signed-note-vectors.json")
}

fn vkey(text: &Value) -> VerifierKey {
    VerifierKey::parse(text.as_str().unwrap()).unwrap()
}

#[test]
fn valid_notes_verify() {
    let v = vectors();
    for case in v["valid"].as_array().unwrap() {
        let key = vkey(&case["vkey"]);
        let opened = note::open(case["note"].as_str().unwrap(), std::slice::from_ref(&key))
            .unwrap_or_else(|e| panic!("{}: {e}", case["desc"]));
        assert_eq!(opened.body, case["text"].as_str().unwrap());
        assert_eq!(opened.verified_by, [key.name()]);
        let unverified = case
            .get("want_unverified")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        assert_eq!(
            opened.unverified.len() as u64,
            unverified,
            "{}",
            case["desc"]
        );
        // Keys print back exactly as they were written.
        assert_eq!(key.to_string(), case["vkey"].as_str().unwrap());
    }
}

#[test]
fn a_cosignature_verifies_when_its_key_is_given() {
    let v = vectors();
    let case = &v["valid"][2];
    let (peter, enoch) = (vkey(&case["vkey"]), vkey(&case["other_vkey"]));
    let text = case["note"].as_str().unwrap();
    let both = note::open(text, &[peter.clone(), enoch.clone()]).unwrap();
    assert_eq!(both.verified_by, ["PeterNeumann", "EnochRoot"]);
    assert!(both.unverified.is_empty());
    let only_enoch = note::open(text, std::slice::from_ref(&enoch)).unwrap();
    assert_eq!(only_enoch.verified_by, ["EnochRoot"]);
    assert_eq!(only_enoch.unverified[0].name, "PeterNeumann");
    assert_eq!(only_enoch.unverified[0].key_id, peter.key_id());
}

#[test]
fn signing_with_go_test_key_reproduces_the_note() {
    let v = vectors();
    let case = &v["valid"][1];
    let skey = SigningKey::parse(case["skey"].as_str().unwrap()).unwrap();
    assert_eq!(skey.name(), "PeterNeumann");
    assert_eq!(skey.key_id(), 0xc74f20a3);
    assert_eq!(skey.verifier_key(), vkey(&case["vkey"]));
    assert_eq!(
        skey.verifier_key().to_string(),
        case["vkey"].as_str().unwrap()
    );
    assert_eq!(skey.to_private_string(), case["skey"].as_str().unwrap());
    assert_eq!(
        skey.sign(case["text"].as_str().unwrap()).unwrap(),
        case["note"].as_str().unwrap()
    );
}

#[test]
fn malformed_notes_are_rejected() {
    let v = vectors();
    let key = vkey(&v["malformed"]["vkey"]);
    for text in v["malformed"]["notes"].as_array().unwrap() {
        let text = text.as_str().unwrap();
        assert!(
            note::open(text, std::slice::from_ref(&key)).is_err(),
            "{text:?}"
        );
    }
    let invalid_utf8 = hex::decode(v["malformed"]["invalid_utf8_hex"].as_str().unwrap()).unwrap();
    assert_eq!(
        note::open_bytes(&invalid_utf8, std::slice::from_ref(&key)),
        Err(NoteError::Malformed("not valid UTF-8"))
    );
}

#[test]
fn bad_verifier_keys_are_rejected() {
    let v = vectors();
    for case in v["bad_vkeys"].as_array().unwrap() {
        assert!(
            VerifierKey::parse(case["vkey"].as_str().unwrap()).is_err(),
            "{}",
            case["desc"]
        );
    }
    let good = v["valid"][1]["vkey"].as_str().unwrap();
    // A key id that does not belong to this name and key.
    let wrong_id = good.replace("c74f20a3", "c74f20a4");
    assert!(matches!(
        VerifierKey::parse(&wrong_id),
        Err(NoteError::KeyIdMismatch { .. })
    ));
    // Another name with the same key gets another key id.
    let renamed = good.replace("PeterNeumann", "PeterNeumanm");
    assert!(matches!(
        VerifierKey::parse(&renamed),
        Err(NoteError::KeyIdMismatch { .. })
    ));
    for bad in [
        "",
        "a",
        "a+b",
        "+c74f20a3+AAAA",
        "a b+c74f20a3+AAAA",
        "a+c74f20+AAAA",
        "a+zzzzzzzz+AAAA",
    ] {
        assert!(VerifierKey::parse(bad).is_err(), "{bad:?}");
    }
    // A private key is not a verifier key, and the reverse.
    let skey = v["valid"][1]["skey"].as_str().unwrap();
    assert!(VerifierKey::parse(skey).is_err());
    assert!(SigningKey::parse(good).is_err());
    let wrong_skey_id = skey.replace("c74f20a3", "00000000");
    assert!(matches!(
        SigningKey::parse(&wrong_skey_id),
        Err(NoteError::KeyIdMismatch { .. })
    ));
}

/// A log key and a witness key, and a note signed by the log.
fn log_and_witness() -> (SigningKey, SigningKey, String) {
    let log = SigningKey::from_seed("accord.example/az-us", [1; 32]).unwrap();
    let witness = SigningKey::from_seed("witness.example/az", [2; 32]).unwrap();
    let mut tree = Tree::new();
    for i in 0..10u8 {
        tree.push_entry(&[i; 300]);
    }
    let checkpoint = Checkpoint::new(log.name(), tree.size(), tree.root());
    let signed = log.sign(&checkpoint.to_body()).unwrap();
    (log, witness, signed)
}

#[test]
fn checkpoint_signed_then_cosigned() {
    let (log, witness, signed) = log_and_witness();
    let (lk, wk) = (log.verifier_key(), witness.verifier_key());
    let opened = note::open(&signed, std::slice::from_ref(&lk)).unwrap();
    let checkpoint = Checkpoint::parse_body(&opened.body).unwrap();
    assert_eq!(checkpoint.size, 10);

    let cosigned = witness.cosign(&signed).unwrap();
    assert!(cosigned.starts_with(&signed));
    let both = note::open(&cosigned, &[lk.clone(), wk.clone()]).unwrap();
    assert_eq!(both.verified_by, [log.name(), witness.name()]);
    // The witness's signature alone is enough for someone who trusts only it,
    // and an unknown signature is ignored, not an error.
    let by_witness = note::open(&cosigned, std::slice::from_ref(&wk)).unwrap();
    assert_eq!(by_witness.verified_by, [witness.name()]);
    assert_eq!(by_witness.unverified.len(), 1);
    // Nobody known: refused.
    let stranger = SigningKey::from_seed("stranger", [3; 32])
        .unwrap()
        .verifier_key();
    assert!(matches!(
        note::open(&cosigned, &[stranger]),
        Err(NoteError::NoVerifiedSignature { .. })
    ));
    assert!(matches!(
        note::open(&cosigned, &[]),
        Err(NoteError::NoVerifiedSignature { .. })
    ));
}

/// Each named way to break a note, applied to a good one.
#[test]
fn named_malformations_are_rejected() {
    let (log, _, signed) = log_and_witness();
    let key = log.verifier_key();
    let keys = std::slice::from_ref(&key);
    let (text, sig_line) = signed.rsplit_once("\n\n").unwrap();
    let text = format!("{text}\n");
    let sig_b64 = sig_line.rsplit_once(' ').unwrap().1.trim_end();
    let sig_bytes = STANDARD.decode(sig_b64).unwrap();
    let line = |name: &str, bytes: &[u8]| format!("\u{2014} {name} {}\n", STANDARD.encode(bytes));
    let good_line = line(log.name(), &sig_bytes);
    assert_eq!(format!("{text}\n{good_line}"), signed);

    let mut wrong_id = sig_bytes.clone();
    wrong_id[0] ^= 1;
    let mut bad_sig = sig_bytes.clone();
    bad_sig[40] ^= 1;
    let cases: Vec<(&str, String)> = vec![
        (
            "no blank line before the signatures",
            format!("{text}{good_line}"),
        ),
        ("no signatures", format!("{text}\n")),
        (
            "missing final newline",
            format!("{text}\n{}", good_line.trim_end()),
        ),
        (
            "a stray line among the signatures",
            format!("{text}\n{good_line}stray\n"),
        ),
        (
            "a stray line before the signature",
            format!("{text}\nstray\n{good_line}"),
        ),
        (
            "a hyphen instead of the em dash",
            format!("{text}\n{}", good_line.replacen('\u{2014}', "-", 1)),
        ),
        (
            "no space after the em dash",
            format!("{text}\n{}", good_line.replacen("\u{2014} ", "\u{2014}", 1)),
        ),
        (
            "bad base64",
            format!("{text}\n\u{2014} {} {}!\n", log.name(), &sig_b64[1..]),
        ),
        (
            "no signature after the name",
            format!("{text}\n\u{2014} {}\n", log.name()),
        ),
        (
            "an empty signature",
            format!("{text}\n\u{2014} {} \n", log.name()),
        ),
        (
            "a signature too short",
            format!("{text}\n{}", line(log.name(), &sig_bytes[..4])),
        ),
        (
            "a truncated signature",
            format!("{text}\n{}", line(log.name(), &sig_bytes[..67])),
        ),
        (
            "an extended signature",
            format!(
                "{text}\n{}",
                line(log.name(), &[&sig_bytes[..], &[0]].concat())
            ),
        ),
        (
            "a wrong key id for that name",
            format!("{text}\n{}", line(log.name(), &wrong_id)),
        ),
        (
            "a signature that does not verify",
            format!("{text}\n{}", line(log.name(), &bad_sig)),
        ),
        (
            "the text changed",
            format!("{}\n{good_line}", text.replacen("10", "11", 1)),
        ),
        (
            "a control character in the text",
            format!("\u{1}{text}\n{good_line}"),
        ),
        (
            "a carriage return in the text",
            format!("{}\r\n\n{good_line}", text.trim_end()),
        ),
        ("a tab in the text", format!("\t{text}\n{good_line}")),
        (
            "a space in the key name",
            format!("{text}\n{}", line("a b", &sig_bytes)),
        ),
        (
            "a plus in the key name",
            format!("{text}\n{}", line("a+b", &sig_bytes)),
        ),
        (
            "an empty key name",
            format!("{text}\n{}", line("", &sig_bytes)),
        ),
        ("empty", String::new()),
    ];
    for (what, bad) in cases {
        assert!(
            note::open(&bad, keys).is_err(),
            "{what} was accepted: {bad:?}"
        );
    }
}

#[test]
fn at_most_a_hundred_signatures() {
    let (log, _, signed) = log_and_witness();
    let keys = [log.verifier_key()];
    let mut note = signed.clone();
    for i in 0..99 {
        note = SigningKey::from_seed(&format!("w{i}"), [i as u8; 32])
            .unwrap()
            .cosign(&note)
            .unwrap();
    }
    let opened = note::open(&note, &keys).unwrap();
    assert_eq!(opened.unverified.len(), 99);
    let extra = SigningKey::from_seed("one-too-many", [200; 32]).unwrap();
    assert!(extra.cosign(&note).is_err());
    let mut too_many = note.clone();
    too_many.push_str(&note.lines().last().unwrap().replace("w98", "w99"));
    too_many.push('\n');
    assert_eq!(
        note::open(&too_many, &keys),
        Err(NoteError::Malformed("too many signatures"))
    );
}

#[test]
fn texts_with_blank_lines_split_at_the_last_one() {
    let key = SigningKey::from_seed("k", [9; 32]).unwrap();
    let text = "first\n\nsecond\n\n";
    let signed = key.sign(text).unwrap();
    assert_eq!(
        note::open(&signed, &[key.verifier_key()]).unwrap().body,
        text
    );
}

#[test]
fn keys_round_trip_and_key_ids_follow_the_spec() {
    let key = SigningKey::from_seed("example.com/log", [42; 32]).unwrap();
    let public = key.verifier_key().public_key();
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest([b"example.com/log\n\x01".as_slice(), &public].concat());
    assert_eq!(
        key.key_id(),
        u32::from_be_bytes(digest[..4].try_into().unwrap())
    );
    assert_eq!(note::key_id("example.com/log", &public), key.key_id());
    let parsed = SigningKey::parse(&key.to_private_string()).unwrap();
    assert_eq!(parsed.to_private_string(), key.to_private_string());
    assert_eq!(parsed.sign("x\n").unwrap(), key.sign("x\n").unwrap());
    let _ = hash_leaf(b"");
}
