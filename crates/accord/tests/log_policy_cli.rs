//! Trust policies end to end: `accord log check-note --policy`, `accord log
//! verify --policy` and `accord log check-proof FILE.tlog-proof --policy`,
//! with real witness cosignatures (`accord_log::cosignature::cosign`), and a
//! tlog-proof downloaded from a served instance. Exit codes: 0 holds, 1
//! fails, 2 malformed argument (a policy's bad line is named), and `verify`
//! without `--key` or `--policy` is 3.

mod support;

use std::path::Path;
use std::process::Command;

use accord_log::cosignature::{CosignerKey, cosign};
use accord_log::note::SigningKey;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// The time the witnesses cosign at, and how the commands print it.
const WHEN: u64 = 1_796_000_000;

/// Runs `accord ARGS`: exit code, stdout, stderr (no panic, ever).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(support::ACCORD)
        .args(args)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    (
        out.status.code().expect("exited"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

fn when() -> String {
    jiff::Timestamp::from_second(WHEN as i64)
        .unwrap()
        .to_string()
}

fn witness(name: &str, seed: u8) -> (SigningKey, String) {
    let key = SigningKey::from_seed(name, [seed; 32]).unwrap();
    let vkey = CosignerKey::from_verifier_key(&key.verifier_key()).to_vkey();
    (key, vkey)
}

/// The note's text: everything before its empty line, newline included.
fn body(note: &str) -> String {
    format!("{}\n", note.split_once("\n\n").expect("a signed note").0)
}

/// `note` with a cosignature line of each witness appended.
fn cosigned(note: &str, witnesses: &[&SigningKey]) -> String {
    let mut out = note.to_owned();
    for w in witnesses {
        out.push_str(&cosign(w, &body(note), WHEN).unwrap());
    }
    out
}

/// A bare log of three entries in `dir/data`: its verifier key and latest
/// checkpoint note.
fn bare_log(dir: &Path) -> (String, String) {
    let data = dir.join("data");
    let data = data.to_str().unwrap();
    let (code, vkey, err) = run(&[
        "log",
        "init",
        "--data",
        data,
        "--origin",
        "accord.example/p",
    ]);
    assert_eq!(code, 0, "{err}");
    for entry in ["a", "b", "c"] {
        let file = dir.join(entry);
        std::fs::write(&file, entry).unwrap();
        let (code, _, err) = run(&["log", "append", "--data", data, file.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
    }
    let (code, note, err) = run(&["log", "checkpoint", "--data", data]);
    assert_eq!(code, 0, "{err}");
    (vkey.trim().to_owned(), note)
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn check_note_accepts_a_checkpoint_only_under_the_quorum() {
    let dir = tempfile::tempdir().unwrap();
    let (log, note) = bare_log(dir.path());
    let (a, a_vkey) = witness("witness.example/a", 1);
    let (b, b_vkey) = witness("witness.example/b", 2);
    let (c, c_vkey) = witness("witness.example/c", 3);
    let policy = write(
        dir.path(),
        "policy",
        &format!(
            "# both parties' nodes\nlog {log}\nwitness A {a_vkey}\nwitness B {b_vkey}\ngroup both 2 A B\nquorum both\n"
        ),
    );
    let check = |name: &str, text: &str| {
        let file = write(dir.path(), name, text);
        run(&["log", "check-note", "--policy", &policy, &file])
    };

    // Quorum met: one line naming each witness and when it cosigned (UTC).
    let (code, out, err) = check("met", &cosigned(&note, &[&a, &b]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains("accepted under the policy")
            && out.contains(&format!("A at {}", when()))
            && out.contains(&format!("B at {}", when())),
        "{out}"
    );
    assert!(when().ends_with('Z'), "{}", when());

    // Quorum not met: one witness of two.
    let (code, _, err) = check("one", &cosigned(&note, &[&a]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the quorum is not met: cosigned by A;"),
        "{err}"
    );

    // A witness the policy does not name counts for nothing.
    let (code, _, err) = check("unknown", &cosigned(&note, &[&a, &c]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the quorum is not met: cosigned by A;"),
        "{err}"
    );
    let with_c = write(
        dir.path(),
        "with-c",
        &format!(
            "log {log}\nwitness A {a_vkey}\nwitness C {c_vkey}\ngroup both 2 A C\nquorum both\n"
        ),
    );
    let file = write(dir.path(), "ac", &cosigned(&note, &[&a, &c]));
    assert_eq!(run(&["log", "check-note", "--policy", &with_c, &file]).0, 0);

    // A forged log signature: the same origin, another key.
    let forger = SigningKey::from_seed("accord.example/p", [9; 32]).unwrap();
    let forged = forger.sign(&body(&note)).unwrap();
    let (code, _, err) = check("forged", &cosigned(&forged, &[&a, &b]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("not signed by its log"), "{err}");

    // A policy with a bad line, or a key of an unknown type: exit 2, the line named.
    let bad = write(
        dir.path(),
        "bad",
        &format!("log {log}\nwitness A {a_vkey}\nwitnesses B {b_vkey}\nquorum A\n"),
    );
    let file = write(dir.path(), "met2", &cosigned(&note, &[&a, &b]));
    let (code, _, err) = run(&["log", "check-note", "--policy", &bad, &file]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("line 3") && err.contains("witnesses"), "{err}");
    let (name, id, key) = {
        let mut parts = a_vkey.splitn(3, '+');
        (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        )
    };
    let mut raw = STANDARD.decode(key).unwrap();
    raw[0] = 0x7f;
    let odd = format!("{name}+{id}+{}", STANDARD.encode(raw));
    let unknown_type = write(
        dir.path(),
        "unknown-type",
        &format!("log {log}\n\nwitness A {odd}\nquorum A\n"),
    );
    let (code, _, err) = run(&["log", "check-note", "--policy", &unknown_type, &file]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("line 3") && err.contains("vkey"), "{err}");

    // --key still works, and exactly one of --key and --policy is needed.
    let (code, out, _) = run(&["log", "check-note", "--key", &log, &file]);
    assert_eq!(code, 0);
    assert!(
        out.contains("checkpoint verified by accord.example/p"),
        "{out}"
    );
    assert_eq!(run(&["log", "check-note", &file]).0, 2);
    assert_eq!(
        run(&[
            "log",
            "check-note",
            "--key",
            &log,
            "--policy",
            &policy,
            &file
        ])
        .0,
        2
    );
}

#[test]
fn verify_under_a_policy_checks_the_cosigned_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let (log, note) = bare_log(dir.path());
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let (a, a_vkey) = witness("witness.example/a", 1);
    let quorum = write(
        dir.path(),
        "quorum",
        &format!("log {log}\nwitness A {a_vkey}\nquorum A\n"),
    );
    let none = write(dir.path(), "none", &format!("log {log}\nquorum none\n"));

    // Neither --key nor --policy: consistent with itself only, said so.
    let (code, out, _) = run(&["log", "verify", "--data", data]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("verifies against itself only"), "{out}");
    // The log's key alone: 0.
    let (code, out, err) = run(&["log", "verify", "--data", data, "--policy", &none]);
    assert_eq!(code, 0, "{err}");
    assert!(out.trim_end().ends_with("the log verifies"), "{out}");
    // No witness cosigned yet: the quorum is not met.
    let (code, _, err) = run(&["log", "verify", "--data", data, "--policy", &quorum]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("the quorum is not met"), "{err}");
    // Once the witness's cosigned checkpoint is kept beside the log: 0.
    let db = dir.path().join("data/accord.sqlite3");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "INSERT INTO log_meta (key, value) VALUES ('cosigned_checkpoint', ?1)",
            [cosigned(&note, &[&a])],
        )
        .unwrap();
    let (code, out, err) = run(&["log", "verify", "--data", data, "--policy", &quorum]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("checkpoint of size 3 (of 3 signed) accepted under the policy")
            && out.contains(&format!("A at {}", when())),
        "{out}"
    );
    // A policy for another log, or that does not parse.
    let other = write(
        dir.path(),
        "other",
        &format!(
            "log {}\nquorum none\n",
            SigningKey::from_seed("other.example/log", [5; 32])
                .unwrap()
                .verifier_key()
        ),
    );
    let (code, _, err) = run(&["log", "verify", "--data", data, "--policy", &other]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("is not a log of the policy"), "{err}");
    let bad = write(dir.path(), "bad", "quorum none\nquorum none\n");
    let (code, _, err) = run(&["log", "verify", "--data", data, "--policy", &bad]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("line 2"), "{err}");
    assert_eq!(
        run(&[
            "log", "verify", "--data", data, "--key", &log, "--policy", &none
        ])
        .0,
        2
    );
}

/// One GET to a served instance: status, head, body.
fn get(port: u16, path: &str) -> (u16, String, String) {
    support::request(port, "GET", path, &[], "")
}

#[test]
fn a_tlog_proof_downloaded_from_a_served_instance_checks_offline() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    support::accord(&["init", "--data", data], "");
    let log = support::accord(&["log", "verifier-key", "--data", data], "");
    let log = log.trim();
    let note = support::accord(&["log", "checkpoint", "--data", data], "");
    let size: u64 = note.lines().nth(1).unwrap().parse().unwrap();
    // A person's registration: not the public's to see.
    support::accord(
        &[
            "account",
            "add",
            "--data",
            data,
            "--person",
            "az-coord",
            "--name",
            "Aysel Mammadova",
            "--organisation",
            "az-mfa",
            "--organisation-name",
            "Ministry of Foreign Affairs",
            "--party",
            "AZ",
            "--role",
            "coordinator:AZ",
            "--email",
            "aysel@mfa.gov.az",
        ],
        "",
    );
    let (a, a_vkey) = witness("witness.example/a", 1);
    // The witness's cosigned checkpoint, kept beside the log (SQLite).
    let on_sqlite = support::on_test_store(&["--data", data]).len() == 2;
    let policy = if on_sqlite {
        let latest = support::accord(&["log", "checkpoint", "--data", data], "");
        rusqlite::Connection::open(dir.path().join("data/accord.sqlite3"))
            .unwrap()
            .execute(
                "INSERT INTO log_meta (key, value) VALUES ('cosigned_checkpoint', ?1)",
                [cosigned(&latest, &[&a])],
            )
            .unwrap();
        format!("log {log}\nwitness A {a_vkey}\nquorum A\n")
    } else {
        format!("log {log}\nquorum none\n")
    };
    let policy = write(dir.path(), "policy", &policy);
    let port = support::free_port();
    let _server = support::serve(&["--data", data, "--port", &port.to_string()]);

    let (status, head, proof) = get(port, "/api/v1/record/tlog-proof/0");
    assert_eq!(status, 200, "{head}{proof}");
    let head = head.to_ascii_lowercase();
    assert!(head.contains("content-type: text/plain"), "{head}");
    assert!(
        head.contains("content-disposition: attachment; filename=\"accord-entry-0.tlog-proof\""),
        "{head}"
    );
    let (status, _, page) = get(port, "/record/proof/0.tlog-proof");
    assert_eq!((status, &page), (200, &proof));
    let file = write(dir.path(), "accord-entry-0.tlog-proof", &proof);
    let (code, out, err) = run(&["log", "check-proof", &file, "--policy", &policy]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains("proof verified: entry 0 (InstanceInitialised recorded at 20")
            && out.contains(" is in accord/")
            && out.contains("tree of size "),
        "{out}"
    );
    if on_sqlite {
        assert!(
            out.contains(&format!("cosigned by A at {}", when())),
            "{out}"
        );
    }

    // One byte of the entry changed: its leaf is in no checked tree.
    let parsed = accord_log::proof_file::TlogProof::parse(&proof).unwrap();
    let mut extra = parsed.extra.clone().unwrap();
    extra[10] ^= 0x20;
    let line = format!(
        "extra {}\n",
        STANDARD.encode(parsed.extra.as_ref().unwrap())
    );
    let altered = proof.replacen(&line, &format!("extra {}\n", STANDARD.encode(&extra)), 1);
    assert_ne!(altered, proof);
    let file = write(dir.path(), "altered.tlog-proof", &altered);
    let (code, _, err) = run(&["log", "check-proof", &file, "--policy", &policy]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("is not at index 0"), "{err}");

    // The person's registration is not the public's: 404, as for no entry.
    for path in [
        format!("/api/v1/record/tlog-proof/{size}"),
        format!("/record/proof/{size}.tlog-proof"),
        "/api/v1/record/tlog-proof/99999".to_owned(),
    ] {
        assert_eq!(get(port, &path).0, 404, "{path}");
    }
    // The older subcommands still work beside the file form.
    let (code, _, err) = run(&["log", "check-proof", "inclusion", "--help"]);
    assert_eq!(code, 0, "{err}");
}
