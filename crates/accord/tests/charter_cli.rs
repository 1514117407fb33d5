//! `accord charter parse` and `accord charter align`, end to end: exit codes,
//! where output goes, and what a person or a script sees.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn accord(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run accord")
}

fn data(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../accord-charter/tests/data");
    dir.join(name).display().to_string()
}

fn seed() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../charters/az-us-2026.fr.txt")
        .display()
        .to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `accord` and expects exit code `code`.
fn run(args: &[&str], code: i32) -> Output {
    let tmp = tempfile::tempdir().unwrap();
    let out = accord(args, tmp.path());
    assert_eq!(
        out.status.code(),
        Some(code),
        "accord {args:?}\nstdout: {}\nstderr: {}",
        stdout(&out),
        stderr(&out)
    );
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    out
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&run(args, 0).stdout).expect("JSON on stdout")
}

#[test]
fn the_bundled_charter_parses_from_any_folder() {
    let out = run(&["charter", "parse"], 0);
    let text = stdout(&out);
    for want in [
        "Section IV — Cadre institutionnel et mise en œuvre",
        "IV.p2",
        "deadline: within P3M of signature, due 2026-05-10",
        "economy-trade",
    ] {
        assert!(text.contains(want), "{want:?} not in\n{text}");
    }
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn json_output_of_the_seed() {
    let c = json(&["charter", "parse", &seed(), "--format", "json"]);
    assert_eq!(c["language"], "fr");
    assert_eq!(c["parties"].as_array().unwrap().len(), 2);
    assert_eq!(c["preamble"].as_array().unwrap().len(), 5);
    let numbers: Vec<&str> = c["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["I", "II", "III", "IV"]);
    // The file's bytes are the bundled text's: the bundled metadata applies.
    let ids: Vec<&str> = c["working_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "economy-trade",
            "energy",
            "connectivity",
            "ai-digital",
            "security-defense"
        ]
    );
    assert_eq!(c["metadata"]["signature_date"], "2026-02-10");
    let deadline = c["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "deadline")
        .unwrap();
    assert_eq!(
        (deadline["within"].as_str(), deadline["from"].as_str()),
        (Some("P3M"), Some("signature"))
    );
    assert_eq!(json(&["charter", "parse", "--format", "json"]), c);
}

#[test]
fn another_text_gets_slug_ids_and_the_signature_date_can_be_overridden() {
    let c = json(&[
        "charter",
        "parse",
        &data("az-us-2026.en.txt"),
        "--format",
        "json",
    ]);
    assert_eq!(c["language"], "en");
    assert_eq!(c["working_groups"][3]["id"], "ai-digital-development");
    assert!(c.get("metadata").is_none());
    let toml = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../charters/az-us-2026.toml")
        .display()
        .to_string();
    let c = json(&[
        "charter",
        "parse",
        &data("az-us-2026.en.txt"),
        "--format",
        "json",
        "--metadata",
        &toml,
        "--signature-date",
        "2026-03-01",
    ]);
    assert_eq!(c["working_groups"][3]["id"], "ai-digital");
    let deadline = c["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "deadline")
        .unwrap();
    assert_eq!(deadline["due"], "2026-06-01");
}

#[test]
fn bad_input_is_a_clear_error_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = tmp.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    };
    let cases = [
        (
            tmp.path().join("missing.txt").display().to_string(),
            "reading",
        ),
        (write("empty.txt", b""), "the text is empty"),
        (
            write("binary.bin", b"\x7fELF\x02\x01\x01\0\0\0\x02\0>\0"),
            "not a text file",
        ),
        (
            write("prose.txt", b"Hello\nthis is not a charter at all\n"),
            "no charter structure found in lines 1\u{2013}2",
        ),
        (
            data("eu-azerbaijan-pca-1996.nl.txt"),
            "language nl (Dutch) is not supported yet",
        ),
    ];
    for (path, want) in cases {
        let out = run(&["charter", "parse", &path, "--format", "json"], 1);
        let err = stderr(&out);
        assert!(
            err.starts_with("accord: ") && err.contains(&path) && err.contains(want),
            "{path}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn windows_1252_is_decoded_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("cp1252.txt");
    std::fs::write(
        &p,
        b"Section I : Connectivit\xe9 r\xe9gionale\n\n  1. La R\xe9publique entend coop\xe9rer.\n",
    )
    .unwrap();
    let out = run(
        &[
            "charter",
            "parse",
            &p.display().to_string(),
            "--format",
            "json",
        ],
        0,
    );
    assert!(stdout(&out).contains("Connectivité"));
    assert!(
        stderr(&out).contains("warning") && stderr(&out).contains("Windows-1252"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn align_reports_what_does_not_correspond() {
    let out = run(
        &["charter", "align", &seed(), &data("az-us-2026.en.txt")],
        0,
    );
    assert!(
        stdout(&out).contains("the two versions correspond: 28 provisions aligned"),
        "{}",
        stdout(&out)
    );
    let out = run(
        &[
            "charter",
            "align",
            &seed(),
            &data("az-us-2026.fr.without-II.4.txt"),
        ],
        1,
    );
    let text = stdout(&out);
    assert!(
        text.contains("II: 7 numbered items in A, 6 in B") && text.contains("II.4: in A"),
        "{text}"
    );
    let out = run(
        &[
            "charter",
            "align",
            &seed(),
            &data("az-us-2026.fr.without-II.4.txt"),
            "--format",
            "json",
        ],
        1,
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["corresponds"], false);
    run(
        &["charter", "align", &seed(), "/nonexistent/charter.txt"],
        1,
    );
}

#[test]
fn malformed_arguments_exit_2() {
    run(&["charter", "parse", "--format", "xml"], 2);
    run(
        &[
            "charter",
            "parse",
            &data("az-us-2026.en.txt"),
            "--signature-date",
            "2026-03-01",
        ],
        2,
    );
    run(&["charter", "parse", "--signature-date", "tomorrow"], 2);
}

#[test]
fn a_bad_metadata_file_names_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("bad.toml");
    let toml = "id = \"x\"\nsignature_date = \"2026-02-30\"\n[[parties]]\ncode = \"AZ\"\nname.en = \"A\"\n[[parties]]\ncode = \"US\"\nname.en = \"B\"\n";
    std::fs::write(&p, toml).unwrap();
    let out = run(
        &["charter", "parse", "--metadata", &p.display().to_string()],
        1,
    );
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));
}
