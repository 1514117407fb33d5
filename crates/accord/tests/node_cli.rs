//! `accord node credential`: issued for a party of the charter, printed
//! once on the last line, listed without the token, revoked by id.

use std::process::Command;

fn accord(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .output()
        .expect("accord runs")
}

fn stdout(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn a_node_credential_is_created_listed_and_revoked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    assert!(accord(&["init", "--data", data]).status.success());

    let created = stdout(&accord(&[
        "node",
        "credential",
        "create",
        "--party",
        "az",
        "--data",
        data,
        "--name",
        "Baku",
    ]));
    let lines: Vec<&str> = created.lines().collect();
    assert_eq!(lines.len(), 2, "{created}");
    let token = lines[1];
    assert_eq!(token.len(), 64);
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
    let id = lines[0]
        .split_whitespace()
        .find(|w| w.starts_with("node-"))
        .expect("the id is named");
    assert!(lines[0].contains("party AZ"), "{created}");

    let listed = stdout(&accord(&["node", "credential", "list", "--data", data]));
    assert!(listed.contains(id) && listed.contains("\tAZ\t") && listed.contains("live"));
    assert!(!listed.contains(token));

    let refused = accord(&[
        "node",
        "credential",
        "create",
        "--party",
        "FR",
        "--data",
        data,
    ]);
    assert_eq!(refused.status.code(), Some(2));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("AZ") && message.contains("US"),
        "{message}"
    );

    stdout(&accord(&[
        "node",
        "credential",
        "revoke",
        id,
        "--data",
        data,
    ]));
    let listed = stdout(&accord(&["node", "credential", "list", "--data", data]));
    assert!(listed.contains("revoked"), "{listed}");
    let again = accord(&["node", "credential", "revoke", id, "--data", data]);
    assert_eq!(again.status.code(), Some(1));
}
