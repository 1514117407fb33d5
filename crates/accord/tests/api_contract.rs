//! The JSON API against its own OpenAPI document, by schemathesis: a real
//! `accord serve` over a fresh instance (seeded by the `accord` binary:
//! `init`, a coordinator's account, projects, a `write` API token), then
//! schemathesis generates requests from `/api/openapi.json` for every
//! operation, once as the public and once with the token, and checks that
//! no answer is a server error and that every answer conforms to the
//! document (its status, content type, headers and schema).
//!
//! schemathesis lives in a virtualenv that `scripts/test` creates; it
//! exports `ACCORD_SCHEMATHESIS`, the path of its `st` program. Without it
//! the test fails and says to run `scripts/test`.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use support::{Running, accord, free_port};

const PROJECTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/projects.csv");
const PASSWORD: &str = "correct horse battery staple";
/// The checks every answer must pass: all of schemathesis's.
const CHECKS: &str = "all";
/// With a token that may write, the one check left out: that a request
/// the schema allows is accepted. The rules refuse such requests for
/// reasons no schema can state (a content hash that is not the current
/// one, an approval to withdraw that was never given), with a 4xx and its
/// code, which the other checks hold to the document.
const NOT_WITH_A_TOKEN: &str = "positive_data_acceptance";
/// Examples per operation: enough to find a fault, few enough for two
/// minutes on a shared machine.
const MAX_EXAMPLES: &str = "100";

/// The `st` program of the virtualenv `scripts/test` made.
fn schemathesis() -> PathBuf {
    let hint = "run scripts/test, which creates a virtualenv with schemathesis and exports ACCORD_SCHEMATHESIS";
    let Some(st) = std::env::var_os("ACCORD_SCHEMATHESIS") else {
        panic!("ACCORD_SCHEMATHESIS is not set: {hint}");
    };
    let st = PathBuf::from(st);
    assert!(st.is_file(), "{} does not exist: {hint}", st.display());
    st
}

/// A fresh instance with the Azerbaijani coordinator's account and the
/// Energy group's projects; the coordinator's `write` API token.
fn seed(data: &Path) -> String {
    let data = data.to_str().expect("a UTF-8 path");
    accord(&["init", "--data", data], "");
    accord(
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
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    let imported = accord(&["import", "projects", "--data", data, PROJECTS], "");
    assert!(imported.contains("imported 2 project(s)"), "{imported}");
    let token = accord(
        &[
            "account",
            "api-token",
            "--data",
            data,
            "--person",
            "az-coord",
            "--name",
            "contract-test",
            "--scope",
            "write",
        ],
        "",
    );
    let token = token.trim().to_owned();
    assert_eq!(token.len(), 64, "{token}");
    token
}

/// Starts `accord serve` and waits until it says it serves.
fn serve(data: &Path, port: u16) -> Running {
    let data = data.to_str().expect("a UTF-8 path");
    support::serve(&["--data", data, "--port", &port.to_string()])
}

/// Runs schemathesis against the document at `base`, with `headers`;
/// fails the test with its report unless every check passed.
fn run_schemathesis(
    st: &Path,
    work: &Path,
    base: &str,
    headers: &[String],
    excluded: &str,
    what: &str,
) {
    let mut command = Command::new(st);
    // schemathesis keeps its examples database in its working folder.
    command
        .current_dir(work)
        .arg("run")
        .arg(format!("{base}/api/openapi.json"))
        .args(["--checks", CHECKS])
        .args(["--max-examples", MAX_EXAMPLES])
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(["--seed", "1"])
        .args(["--request-timeout", "20"])
        .arg("--no-color");
    if !excluded.is_empty() {
        command.args(["--exclude-checks", excluded]);
    }
    for header in headers {
        command.args(["--header", header]);
    }
    let out = command
        .env("SCHEMATHESIS_HOOKS", "")
        .stdin(Stdio::null())
        .output()
        .expect("schemathesis runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "schemathesis ({what}) found failures:\n{report}"
    );
    // With a token, the token must have worked: schemathesis warns when
    // operations answered only 401 or 403.
    assert!(
        headers.is_empty() || !report.contains("Authentication failed"),
        "schemathesis ({what}) was not let in:\n{report}"
    );
    let count = |label: &str| {
        report
            .lines()
            .find_map(|l| l.trim().strip_prefix(label))
            .map(|rest| rest.trim().split('/').next().unwrap_or_default().to_owned())
            .unwrap_or_default()
    };
    let (selected, tested) = (count("Selected:"), count("Tested:"));
    assert!(
        !tested.is_empty() && tested == selected,
        "schemathesis ({what}) tested {tested:?} of {selected:?} operations:\n{report}"
    );
}

#[test]
fn the_api_keeps_its_openapi_contract_for_the_public_and_a_token() {
    let st = schemathesis();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    let token = seed(&data);
    let port = free_port();
    let _server = serve(&data, port);
    let base = format!("http://127.0.0.1:{port}");
    run_schemathesis(&st, dir.path(), &base, &[], "", "anonymous");
    run_schemathesis(
        &st,
        dir.path(),
        &base,
        &[format!("Authorization: Bearer {token}")],
        NOT_WITH_A_TOKEN,
        "with a write token",
    );
}
