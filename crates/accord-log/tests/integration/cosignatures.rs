//! C2SP tlog-cosignature (Ed25519 `cosignature/v1`): keys of type 0x01 and
//! 0x04, round trips, the public timestamp vectors, and forged or misplaced
//! cosignatures.

use accord_log::Checkpoint;
use accord_log::cosignature::{
    self, CosignatureError, CosignerKey, cosign, cosignature_timestamp, cosignatures_in,
    cosigner_key_id, verify_cosignature,
};
use accord_log::hash_leaf;
use accord_log::note::{self, SigningKey, VerifierKey};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::common::read_json;

fn body() -> String {
    Checkpoint::new("example.com/log", 42, hash_leaf(b"x")).to_body()
}

fn witness(name: &str, seed: u8) -> (SigningKey, CosignerKey) {
    let key = SigningKey::from_seed(name, [seed; 32]).unwrap();
    let cosigner = CosignerKey::from_verifier_key(&key.verifier_key());
    (key, cosigner)
}

#[test]
fn a_cosignature_round_trips() {
    let (key, cosigner) = witness("witness.example/w1", 9);
    let line = cosign(&key, &body(), 1_700_000_000).unwrap();
    assert!(line.starts_with("\u{2014} witness.example/w1 "));
    assert!(line.ends_with('\n'));
    assert_eq!(
        verify_cosignature(&cosigner, &body(), &line),
        Ok(1_700_000_000)
    );
    let b64 = line.trim_end().rsplit(' ').next().unwrap();
    assert_eq!(
        verify_cosignature(&cosigner, &body(), b64),
        Ok(1_700_000_000)
    );
    assert_eq!(cosignature_timestamp(b64), Ok(1_700_000_000));
    // Deterministic: the same key, body and time give the same line.
    assert_eq!(cosign(&key, &body(), 1_700_000_000).unwrap(), line);
    // The key id inside is the cosignature key id.
    let bytes = STANDARD.decode(b64).unwrap();
    assert_eq!(
        u32::from_be_bytes(bytes[..4].try_into().unwrap()),
        cosigner_key_id("witness.example/w1", &key.verifier_key().public_key())
    );
    assert_eq!(
        cosigner.key_id(),
        cosigner_key_id(cosigner.name(), &cosigner.public_key())
    );
}

#[test]
fn a_cosignature_is_over_the_time_and_the_body() {
    let (key, cosigner) = witness("w", 9);
    let line = cosign(&key, &body(), 1000).unwrap();
    let other = Checkpoint::new("example.com/log", 43, hash_leaf(b"x")).to_body();
    assert!(matches!(
        verify_cosignature(&cosigner, &other, &line),
        Err(CosignatureError::BadSignature { .. })
    ));
    // Another timestamp in the same bytes.
    let mut bytes = STANDARD
        .decode(line.trim_end().rsplit(' ').next().unwrap())
        .unwrap();
    bytes[11] ^= 1;
    assert!(matches!(
        verify_cosignature(&cosigner, &body(), &STANDARD.encode(&bytes)),
        Err(CosignatureError::BadSignature { .. })
    ));
    // The signed message is the spec's.
    assert_eq!(
        cosignature::signed_message(&body(), 1000),
        format!("cosignature/v1\ntime 1000\n{}", body())
    );
}

#[test]
fn a_plain_note_signature_is_not_a_cosignature() {
    let (key, cosigner) = witness("w", 9);
    let signed = key.sign(&body()).unwrap();
    assert!(cosignatures_in(&signed, std::slice::from_ref(&cosigner)).is_empty());
    // Nor does a cosignature pass as the key's note signature.
    let log = SigningKey::from_seed("log", [1; 32]).unwrap();
    let cosigned = log.sign(&body()).unwrap() + &cosign(&key, &body(), 5).unwrap();
    assert!(cosignatures_in(&cosigned, std::slice::from_ref(&cosigner)).len() == 1);
    assert!(note::open(&cosigned, &[key.verifier_key()]).is_err());
}

#[test]
fn wrong_names_key_ids_and_sizes_are_refused() {
    let (key, cosigner) = witness("w", 9);
    let (_, stranger) = witness("w", 10);
    let line = cosign(&key, &body(), 7).unwrap();
    assert!(matches!(
        verify_cosignature(&stranger, &body(), &line),
        Err(CosignatureError::WrongKeyId { .. })
    ));
    let renamed = line.replacen("\u{2014} w ", "\u{2014} v ", 1);
    assert!(matches!(
        verify_cosignature(&cosigner, &body(), &renamed),
        Err(CosignatureError::WrongName { .. })
    ));
    assert!(matches!(
        verify_cosignature(&cosigner, &body(), "AAAA"),
        Err(CosignatureError::Malformed(_))
    ));
    assert!(cosign(&key, "not a checkpoint\n", 1).is_err());
    assert!(cosign(&key, &body(), u64::MAX).is_err());
}

#[test]
fn cosignatures_in_a_note_known_unknown_and_forged() {
    let log = SigningKey::from_seed("example.com/log", [1; 32]).unwrap();
    let (w1, k1) = witness("w1", 2);
    let (w2, k2) = witness("w2", 3);
    let (w3, _) = witness("w3", 4);
    let mut note = log.sign(&body()).unwrap();
    note.push_str(&cosign(&w1, &body(), 100).unwrap());
    note.push_str(&cosign(&w3, &body(), 300).unwrap());
    note.push_str(&cosign(&w2, &body(), 200).unwrap());
    let keys = [k1.clone(), k2.clone()];
    assert_eq!(
        cosignatures_in(&note, &keys),
        [("w1".to_owned(), 100), ("w2".to_owned(), 200)]
    );
    assert_eq!(
        cosignature::check_cosignatures(&note, &keys).unwrap().len(),
        2
    );
    // The log's own signature still opens with the log key alone.
    assert!(note::open(&note, &[log.verifier_key()]).is_ok());
    // A forged line under w2's name and key id: ignored by the lenient
    // reader, an error for the strict one.
    let forged_line = cosign(&w2, &body(), 201).unwrap();
    let mut bytes = STANDARD
        .decode(forged_line.trim_end().rsplit(' ').next().unwrap())
        .unwrap();
    bytes[40] ^= 0xff;
    let forged = format!(
        "{}\u{2014} w2 {}\n",
        log.sign(&body()).unwrap(),
        STANDARD.encode(&bytes)
    );
    assert!(cosignatures_in(&forged, &keys).is_empty());
    assert_eq!(
        cosignature::check_cosignatures(&forged, &keys),
        Err(CosignatureError::BadSignature { name: "w2".into() })
    );
    assert!(cosignatures_in("not a note", &keys).is_empty());
}

#[test]
fn vkeys_of_type_1_and_4() {
    let v = read_json("cosignature-vectors.json");
    let vkeys = v["vkeys"].as_array().unwrap();
    assert_eq!(vkeys.len(), 2);
    // Type 0x01: the same key, re-identified.
    let t1 = vkeys[0]["vkey"].as_str().unwrap();
    let from_t1 = CosignerKey::parse(t1).unwrap();
    let note_key = VerifierKey::parse(t1).unwrap();
    assert_eq!(from_t1, CosignerKey::from_verifier_key(&note_key));
    assert_eq!(from_t1.name(), "TEST");
    assert_ne!(from_t1.key_id(), note_key.key_id());
    assert!(
        from_t1
            .to_vkey()
            .starts_with(&format!("TEST+{:08x}+BA", from_t1.key_id()))
    );
    assert_eq!(CosignerKey::parse(&from_t1.to_vkey()), Ok(from_t1.clone()));
    // Type 0x04 prints back as written.
    let t4 = vkeys[1]["vkey"].as_str().unwrap();
    let native = CosignerKey::parse(t4).unwrap();
    assert_eq!(native.to_vkey(), t4);
    assert_eq!(native.key_id(), 0xda77ade7);
    // A 0x04 key is no note verifier key.
    assert!(VerifierKey::parse(t4).is_err());
    let bad = v["bad_vkeys"].as_array().unwrap();
    assert_eq!(bad.len(), 3);
    for case in bad {
        assert!(
            CosignerKey::parse(case["vkey"].as_str().unwrap()).is_err(),
            "{}",
            case["desc"]
        );
    }
    // A key id that does not match its type is refused.
    let wrong_id = t4.replacen("da77ade7", "00000000", 1);
    assert!(CosignerKey::parse(&wrong_id).is_err());
}

#[test]
fn timestamp_vectors() {
    let v = read_json("signed-note-vectors.json");
    let case = &v["cosignature_timestamp"];
    assert_eq!(
        cosignature_timestamp(case["sig_base64"].as_str().unwrap()),
        Ok(case["want_timestamp"].as_u64().unwrap())
    );
    assert!(cosignature_timestamp(case["not_a_cosignature_base64"].as_str().unwrap()).is_err());
    assert!(cosignature_timestamp("5%/$!\n 2").is_err());
    let c = read_json("cosignature-vectors.json");
    let stamps = c["timestamps"].as_array().unwrap();
    assert_eq!(stamps.len(), 1);
    for s in stamps {
        assert_eq!(
            cosignature_timestamp(s["sig_base64"].as_str().unwrap()),
            Ok(s["want_timestamp"].as_u64().unwrap())
        );
    }
}
