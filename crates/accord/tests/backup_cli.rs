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
    // log against itself only.
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

/// The checkpoint kept beside the key: its size and the whole note.
fn kept(data: &str) -> (u64, String) {
    let note = std::fs::read_to_string(std::path::Path::new(data).join("checkpoint.latest"))
        .expect("the kept checkpoint");
    let size = note
        .lines()
        .nth(1)
        .and_then(|l| l.parse().ok())
        .expect("a checkpoint's size line");
    (size, note)
}

fn put_kept(data: &str, note: &str) {
    std::fs::write(std::path::Path::new(data).join("checkpoint.latest"), note)
        .expect("the kept checkpoint is written");
}

/// The entries and the latest filed checkpoint's size of a data folder's
/// SQLite store, read with SQL.
fn stored(data: &str) -> (i64, i64) {
    let conn = rusqlite::Connection::open(std::path::Path::new(data).join("accord.sqlite3"))
        .expect("the store opens");
    conn.query_row(
        "SELECT (SELECT COUNT(*) FROM log_entries), (SELECT MAX(size) FROM log_checkpoints)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .expect("sizes")
}

/// A new instance in `DIR/data` with one login, and its folder's name.
fn instance_with_a_login(dir: &tempfile::TempDir) -> String {
    let data = dir.path().join("data");
    let data = data.to_str().expect("a UTF-8 path").to_owned();
    accord(&["init", "--data", &data], "");
    add_login(&["--data", &data], "ann", "ann@ops.example");
    data
}

/// Copies the store's file (no accord has it open), or puts a copy back.
fn copy_store(from: &std::path::Path, to: &std::path::Path) {
    for suffix in ["-wal", "-shm"] {
        let mut name = to.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
    std::fs::copy(from, to).expect("the store's file is copied");
}

#[test]
fn a_store_whose_tail_was_cut_with_its_checkpoints_is_refused() {
    let dir = tempfile::tempdir().expect("a folder");
    let data = instance_with_a_login(&dir);
    let (before, _) = stored(&data);
    add_login(&["--data", &data], "bob", "bob@ops.example");
    let (size, checkpoint) = stored(&data);
    assert!(
        size > before && checkpoint == size,
        "{before} {size} {checkpoint}"
    );
    assert_eq!(kept(&data).0, size as u64, "the file holds the latest");
    rusqlite::Connection::open(std::path::Path::new(&data).join("accord.sqlite3"))
        .and_then(|c| {
            c.execute("DELETE FROM log_entries WHERE idx >= ?1", [before])?;
            c.execute("DELETE FROM log_checkpoints WHERE size > ?1", [before])
        })
        .expect("the tail is cut");
    // The cut store verifies on its own: only the kept checkpoint tells.
    assert!(verified_head(&["--data", &data]).contains(&format!("{before} entries")));

    for command in [&["status"][..], &["serve", "--port", "0"][..]] {
        let (ok, out, err) = run(command, &["--data", &data], &[]);
        assert!(!ok, "{command:?} opened a store cut short: {out}{err}");
        assert!(
            err.contains("is behind the checkpoint this instance last signed"),
            "{err}"
        );
        assert!(err.contains(&format!("holds size {size} root ")), "{err}");
        assert!(
            err.contains(&format!("the store holds {before} entries")),
            "{err}"
        );
        assert!(
            err.contains("rolled back") && err.contains("--accept-rollback"),
            "{err}"
        );
    }
    assert_eq!(stored(&data), (before, before), "nothing was signed");
}

#[test]
fn an_older_copy_of_the_database_file_put_back_is_refused() {
    let dir = tempfile::tempdir().expect("a folder");
    let data = instance_with_a_login(&dir);
    let file = std::path::Path::new(&data).join("accord.sqlite3");
    let old = dir.path().join("old.sqlite3");
    copy_store(&file, &old);
    let (before, _) = stored(&data);
    add_login(&["--data", &data], "bob", "bob@ops.example");
    let (size, _) = stored(&data);

    copy_store(&old, &file);
    let (ok, _, err) = run(&["status"], &["--data", &data], &[]);
    assert!(!ok, "an older copy opened");
    assert!(err.contains(&format!("holds size {size} root ")), "{err}");
    assert!(
        err.contains(&format!("the store holds {before} entries")),
        "{err}"
    );
    assert_eq!(kept(&data).0, size as u64, "the file is left as it was");
}

#[test]
fn another_history_of_the_same_size_is_refused_as_a_fork() {
    let dir = tempfile::tempdir().expect("a folder");
    let data = instance_with_a_login(&dir);
    let file = std::path::Path::new(&data).join("accord.sqlite3");
    let old = dir.path().join("old.sqlite3");
    copy_store(&file, &old);
    add_login(&["--data", &data], "bob", "bob@ops.example");
    let (size, signed) = kept(&data);

    // Another history from the same start: the old copy, a file made
    // anew from it, and another act of as many events.
    copy_store(&old, &file);
    std::fs::remove_file(std::path::Path::new(&data).join("checkpoint.latest"))
        .expect("the file is removed");
    add_login(&["--data", &data], "eve", "eve@ops.example");
    assert_eq!(stored(&data).0, size as i64, "the same size");
    assert_ne!(kept(&data).1, signed, "another root");

    put_kept(&data, &signed);
    let (ok, _, err) = run(&["status"], &["--data", &data], &[]);
    assert!(!ok, "a fork opened");
    assert!(
        err.contains("forks from the checkpoint this instance last signed"),
        "{err}"
    );
    assert!(err.contains(&format!("holds size {size} root ")), "{err}");
    assert!(
        err.contains("give root ") && err.contains("forked"),
        "{err}"
    );
}

#[test]
fn a_missing_kept_checkpoint_is_made_from_the_store_with_a_warning() {
    let dir = tempfile::tempdir().expect("a folder");
    let data = instance_with_a_login(&dir);
    let (size, note) = kept(&data);
    std::fs::remove_file(std::path::Path::new(&data).join("checkpoint.latest"))
        .expect("the file is removed");

    let (ok, out, err) = run(&["status"], &["--data", &data], &[]);
    assert!(ok, "{out}{err}");
    assert!(
        err.contains("checkpoint.latest was missing")
            && err.contains(&format!("size {size} root ")),
        "{err}"
    );
    assert_eq!(kept(&data), (size, note), "made again, the same note");
    let (ok, _, err) = run(&["status"], &["--data", &data], &[]);
    assert!(ok && !err.contains("missing"), "warned once: {err}");
}

#[test]
fn a_crash_before_the_file_is_written_leaves_it_one_behind_and_opens() {
    let dir = tempfile::tempdir().expect("a folder");
    let data = instance_with_a_login(&dir);
    let (_, earlier) = kept(&data);
    add_login(&["--data", &data], "bob", "bob@ops.example");
    let (size, latest) = kept(&data);
    // The store was written, the file was not.
    put_kept(&data, &earlier);
    let (ok, out, err) = run(&["status"], &["--data", &data], &[]);
    assert!(ok, "a file one behind refused: {out}{err}");
    assert_eq!(kept(&data), (size, latest.clone()), "caught up");

    // The file written, the store's own checkpoint lost (it is filed
    // without a sync of its own): the same note is signed again.
    rusqlite::Connection::open(std::path::Path::new(&data).join("accord.sqlite3"))
        .and_then(|c| c.execute("DELETE FROM log_checkpoints WHERE size = ?1", [size as i64]))
        .expect("the latest checkpoint is dropped");
    let (ok, out, err) = run(&["status"], &["--data", &data], &[]);
    assert!(ok, "a lost checkpoint refused: {out}{err}");
    assert_eq!(stored(&data), (size as i64, size as i64), "signed again");
    assert_eq!(kept(&data), (size, latest));
}

#[test]
fn a_rollback_accepted_by_restore_opens_afterwards() {
    let dir = tempfile::tempdir().expect("a folder");
    let data = instance_with_a_login(&dir);
    let copy = dir.path().join("copy.sqlite3");
    let copy = copy.to_str().expect("a UTF-8 path");
    accord(&["backup", "--data", &data, "--out", copy], "");
    let (before, _) = kept(&data);
    add_login(&["--data", &data], "bob", "bob@ops.example");
    assert!(kept(&data).0 > before);

    let (ok, out, err) = run(
        &["restore", copy],
        &["--data", &data],
        &["--accept-rollback"],
    );
    assert!(ok, "{out}{err}");
    assert!(err.contains("WARNING: ROLLBACK"), "{err}");
    assert_eq!(kept(&data).0, before, "the file follows the copy");
    let (ok, out, err) = run(&["status"], &["--data", &data], &[]);
    assert!(ok, "the restored instance refused: {out}{err}");
    add_login(&["--data", &data], "carol", "carol@ops.example");
    assert!(kept(&data).0 > before, "and signs on");
}

#[test]
fn restore_refuses_a_copy_behind_the_kept_checkpoint_even_when_the_store_was_cut_to_it() {
    let dir = tempfile::tempdir().expect("a folder");
    let data = instance_with_a_login(&dir);
    let file = std::path::Path::new(&data).join("accord.sqlite3");
    let copy = dir.path().join("copy.sqlite3");
    let copy = copy.to_str().expect("a UTF-8 path");
    accord(&["backup", "--data", &data, "--out", copy], "");
    let old = dir.path().join("old.sqlite3");
    copy_store(&file, &old);
    add_login(&["--data", &data], "bob", "bob@ops.example");
    let (size, _) = kept(&data);
    copy_store(&old, &file);

    let (ok, _, err) = run(&["restore", copy], &["--data", &data], &[]);
    assert!(!ok, "a copy behind the kept checkpoint restored");
    assert!(
        err.contains(&format!("what the instance has signed (size {size},")),
        "{err}"
    );
}
