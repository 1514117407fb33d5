//! `accord backup` and `accord restore`, as an operator runs them: a copy
//! taken while the instance serves verifies on its own (`accord log verify
//! --db`); a copy that does not verify is refused; restoring a copy older
//! than what the instance has signed is refused unless asked for, and then
//! recorded. On SQLite, and on PostgreSQL (`ACCORD_TEST_DATABASE_URL`).

mod support;

use support::{Schema, accord, accord_outcome, free_port};

const PASSWORD: &str = "correct horse battery staple\n";

/// `--data DIR` and, on PostgreSQL, `--database-url URL`.
fn instance_args<'a>(data: &'a str, url: Option<&'a str>) -> Vec<&'a str> {
    let mut args = vec!["--data", data];
    if let Some(url) = url {
        args.extend(["--database-url", url]);
    }
    args
}

fn add_login(instance: &[&str], person: &str, email: &str) {
    let mut args = vec!["account", "add"];
    args.extend_from_slice(instance);
    args.extend([
        "--person",
        person,
        "--name",
        "Ann Operator",
        "--organisation",
        "ops",
        "--organisation-name",
        "Operations",
        "--email",
        email,
        "--role",
        "administrator",
        "--password-stdin",
    ]);
    accord(&args, PASSWORD);
}

/// Runs `accord VERB [FIRST] INSTANCE... REST...`.
fn run(verb: &[&str], instance: &[&str], rest: &[&str]) -> (bool, String, String) {
    let mut args = verb.to_vec();
    args.extend_from_slice(instance);
    args.extend_from_slice(rest);
    accord_outcome(&args, "")
}

/// The entry count and root `accord log verify` prints on its first line.
fn verified_head(args: &[&str]) -> String {
    // With the instance's own key: without one, verify says it checked the
    // log against itself only and exits 3.
    let mut key_args = vec!["log", "verifier-key"];
    key_args.extend_from_slice(args);
    let key = accord(&key_args, "");
    let mut all = vec!["log", "verify", "--key", key.trim()];
    all.extend_from_slice(args);
    let out = accord(&all, "");
    let first = out.lines().next().unwrap_or_default();
    first
        .split_once(": ")
        .map_or(first, |(_, rest)| rest)
        .to_owned()
}

/// The whole operator's round: back up, act, restore refused as a
/// rollback, restored with the flag and recorded.
fn round_trip(url: Option<&str>, serve_while_copying: bool) {
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("data");
    let data = data.to_str().expect("a UTF-8 path");
    let instance = instance_args(data, url);
    let mut init = vec!["init"];
    init.extend_from_slice(&instance);
    accord(&init, "");
    add_login(&instance, "ann", "ann@ops.example");
    let port = free_port().to_string();
    let mut serve_args = instance.clone();
    serve_args.extend(["--port", port.as_str()]);
    let server = serve_while_copying.then(|| support::serve(&serve_args));

    let copy = dir.path().join("copy.sqlite3");
    let copy = copy.to_str().expect("a UTF-8 path");
    let (ok, out, err) = run(&["backup"], &instance, &["--out", copy]);
    assert!(ok, "backup failed: {out}{err}");
    assert!(out.contains(" bytes, ") && out.contains("root "), "{out}");
    assert!(out.contains("accounts: 1 logins"), "{out}");
    let copied = verified_head(&["--db", copy]);
    assert_eq!(copied, verified_head(&instance), "the copy is the log");

    // A second backup to the same name is refused: the first stays.
    let (ok, _, err) = run(&["backup"], &instance, &["--out", copy]);
    assert!(!ok && err.contains("already exists"), "{err}");
    drop(server);

    // The instance moves on; the copy is now older than what it signed.
    add_login(&instance, "bob", "bob@ops.example");
    let (ok, _, err) = run(&["restore", copy], &instance, &[]);
    assert!(!ok, "a rollback restored without being asked for");
    assert!(
        err.contains("refused") && err.contains("--accept-rollback"),
        "{err}"
    );
    assert_ne!(
        verified_head(&instance),
        copied,
        "a refused restore changed nothing"
    );

    let (ok, out, err) = run(&["restore", copy], &instance, &["--accept-rollback"]);
    assert!(ok, "restore failed: {out}{err}");
    assert!(err.contains("WARNING: ROLLBACK"), "said loudly: {err}");
    assert_eq!(verified_head(&instance), copied);
    // Recorded: a second backup carries the rollback in the log's values.
    let again = dir.path().join("again.sqlite3");
    let again = again.to_str().expect("a UTF-8 path");
    accord(
        &[&["backup"][..], &instance, &["--out", again]].concat(),
        "",
    );
    let conn = rusqlite::Connection::open(again).expect("the copy opens");
    let recorded: String = conn
        .query_row(
            "SELECT value FROM log_meta WHERE key = 'rollbacks'",
            [],
            |r| r.get(0),
        )
        .expect("the rollback is recorded");
    assert!(recorded.contains("rolled back from size"), "{recorded}");
    // The person added after the copy was taken is gone with the rollback.
    let logins: i64 = conn
        .query_row("SELECT COUNT(*) FROM account_logins", [], |r| r.get(0))
        .expect("logins");
    assert_eq!(logins, 1);
}

#[test]
fn a_sqlite_backup_taken_while_serving_verifies_and_restores() {
    round_trip(None, true);
}

#[test]
fn a_postgresql_backup_is_one_sqlite_file_that_verifies_and_restores() {
    let schema = Schema::fresh();
    round_trip(Some(&schema.url), false);
}

#[test]
fn a_copy_that_does_not_verify_is_refused() {
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("data");
    let data = data.to_str().expect("a UTF-8 path");
    accord(&["init", "--data", data], "");
    let copy = dir.path().join("copy.sqlite3");
    let copy = copy.to_str().expect("a UTF-8 path");
    accord(&["backup", "--data", data, "--out", copy], "");
    let before = verified_head(&["--data", data]);
    rusqlite::Connection::open(copy)
        .and_then(|c| c.execute("UPDATE log_entries SET entry = x'7b7d' WHERE idx = 2", []))
        .expect("the copy is edited");

    let (ok, _, err) = accord_outcome(&["restore", copy, "--data", data], "");
    assert!(!ok, "a copy that does not verify was restored");
    assert!(
        err.contains("does not verify") && err.contains("entry 2"),
        "{err}"
    );
    assert_eq!(verified_head(&["--data", data]), before, "nothing changed");
}
