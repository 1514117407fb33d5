//! `accord log init | append | verify | checkpoint | verifier-key | prove`,
//! end to end through the binary: exit codes, proofs an independent verifier
//! accepts, tampering named by index in SQLite and PostgreSQL, and crash
//! safety under SIGKILL.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use accord_log::note::{self, VerifierKey};
use accord_log::{Checkpoint, Hash, verify_consistency, verify_inclusion};

const ORIGIN: &str = "accord.test/cli";

fn accord(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .output()
        .expect("the accord binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts the exit code and returns stdout.
#[track_caller]
fn expect(args: &[&str], code: i32) -> String {
    let out = accord(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "accord {}\nstdout: {}\nstderr: {}",
        args.join(" "),
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Asserts that the command fails with exit code 1 and a one-line reason
/// that contains `needle`.
#[track_caller]
fn expect_failure(args: &[&str], needle: &str) {
    let out = accord(args);
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "accord {}: {stderr}",
        args.join(" ")
    );
    let last = stderr.lines().last().unwrap_or("");
    assert!(
        last.starts_with("accord: ") && last.contains(needle),
        "accord {}: expected a reason containing {needle:?}, got {stderr:?}",
        args.join(" ")
    );
}

/// An instance in a temporary folder: `data` for SQLite, or a PostgreSQL
/// schema of its own (`url`) with the key in `data`.
struct Instance {
    _dir: tempfile::TempDir,
    data: PathBuf,
    pg: Option<(String, String, postgres::Client)>,
}

impl Instance {
    fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let instance = Self {
            _dir: dir,
            data,
            pg: None,
        };
        expect(&instance.args(&["log", "init", "--origin", ORIGIN]), 0);
        instance
    }

    fn postgres() -> Self {
        let base = std::env::var("ACCORD_TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| {
                panic!(
                    "ACCORD_TEST_DATABASE_URL is not set: the PostgreSQL tests need a server. \
                     Run scripts/test, which starts a private PostgreSQL cluster and sets it."
                )
            });
        let mut admin = postgres::Client::connect(&base, postgres::NoTls).unwrap();
        let schema = format!(
            "accord_cli_{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        );
        admin
            .batch_execute(&format!(
                "CREATE SCHEMA {schema}; SET search_path TO {schema}"
            ))
            .unwrap();
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-csearch_path%3D{schema}");
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let instance = Self {
            _dir: dir,
            data,
            pg: Some((url, schema, admin)),
        };
        expect(&instance.args(&["log", "init", "--origin", ORIGIN]), 0);
        instance
    }

    /// `args` followed by the options that name this instance.
    fn args<'a>(&'a self, args: &[&'a str]) -> Vec<&'a str> {
        let mut all = args.to_vec();
        all.extend(["--data", self.data.to_str().unwrap()]);
        if let Some((url, ..)) = &self.pg {
            all.extend(["--database-url", url.as_str()]);
        }
        all
    }

    fn db_file(&self) -> PathBuf {
        self.data.join("accord.sqlite3")
    }

    /// Appends `n` entries one by one: a checkpoint at every size.
    fn append_lines(&self, lines: &[&str]) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
            .args(self.args(&["log", "append", "--lines"]))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        for line in lines {
            writeln!(stdin, "{line}").unwrap();
        }
        drop(stdin);
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        assert_eq!(text(&out.stdout).lines().count(), lines.len());
    }

    fn verifier_key(&self) -> String {
        expect(&self.args(&["log", "verifier-key"]), 0)
            .trim()
            .to_owned()
    }

    /// Runs SQL on the instance's database behind its back.
    fn sql(&mut self, sql: &str) {
        match &mut self.pg {
            Some((_, _, admin)) => admin.batch_execute(sql).unwrap(),
            None => rusqlite::Connection::open(self.db_file())
                .unwrap()
                .execute_batch(sql)
                .unwrap(),
        }
    }

    fn row(&mut self, index: i64) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let query = "SELECT entry, leaf_hash, seal FROM log_entries WHERE idx = ";
        match &mut self.pg {
            Some((_, _, admin)) => {
                let r = admin.query_one(&format!("{query}$1"), &[&index]).unwrap();
                (r.get(0), r.get(1), r.get(2))
            }
            None => rusqlite::Connection::open(self.db_file())
                .unwrap()
                .query_row(&format!("{query}?1"), [index], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .unwrap(),
        }
    }

    fn put_row(&mut self, index: i64, row: &(Vec<u8>, Vec<u8>, Vec<u8>)) {
        let update = "UPDATE log_entries SET entry = $2, leaf_hash = $3, seal = $4 WHERE idx = $1";
        match &mut self.pg {
            Some((_, _, admin)) => {
                admin
                    .execute(update, &[&index, &row.0, &row.1, &row.2])
                    .unwrap();
            }
            None => {
                rusqlite::Connection::open(self.db_file())
                    .unwrap()
                    .execute(
                        &update.replace('$', "?"),
                        rusqlite::params![index, row.0, row.1, row.2],
                    )
                    .unwrap();
            }
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Some((_, schema, admin)) = &mut self.pg {
            let _ = admin.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}

fn parse_json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

fn hash(value: &serde_json::Value) -> Hash {
    Hash::parse(value.as_str().expect("a string")).expect("a base64 hash")
}

fn proof(value: &serde_json::Value) -> Vec<Hash> {
    value.as_array().expect("a list").iter().map(hash).collect()
}

/// Opens the checkpoint that `accord log checkpoint` prints, with the key
/// that `accord log verifier-key` prints.
fn latest_checkpoint(instance: &Instance) -> Checkpoint {
    let note = expect(&instance.args(&["log", "checkpoint"]), 0);
    let key = VerifierKey::parse(&instance.verifier_key()).unwrap();
    let opened = note::open(&note, &[key]).expect("the checkpoint's signature verifies");
    Checkpoint::parse_body(&opened.body).unwrap()
}

#[test]
fn an_instance_appends_verifies_and_proves() {
    let instance = Instance::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = (0..3)
        .map(|i| {
            let path = dir.path().join(format!("e{i}.json"));
            std::fs::write(&path, format!("{{\"event\":{i}}}")).unwrap();
            path
        })
        .collect();
    let mut args = vec!["log", "append"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    assert_eq!(expect(&instance.args(&args), 0), "0\n1\n2\n");
    instance.append_lines(&["three", "four"]);

    // Without --key or --policy: consistent with its own checkpoints only,
    // and said so.
    let out = expect(&instance.args(&["log", "verify"]), 0);
    assert!(out.contains("5 entries"), "{out}");
    assert!(out.contains("every seal"), "{out}");
    assert!(out.contains("verifies against itself only"), "{out}");
    let key = instance.verifier_key();
    let out = expect(&instance.args(&["log", "verify", "--key", &key]), 0);
    assert!(
        out.contains("5 entries") && out.contains("every seal"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("the log verifies"), "{out}");

    let checkpoint = latest_checkpoint(&instance);
    assert_eq!((checkpoint.origin.as_str(), checkpoint.size), (ORIGIN, 5));

    // Inclusion: by default in the latest checkpoint's tree.
    let p = parse_json(&expect(
        &instance.args(&["log", "prove", "inclusion", "1", "--format", "json"]),
        0,
    ));
    assert_eq!(
        (p["index"].as_u64(), p["size"].as_u64()),
        (Some(1), Some(5))
    );
    assert_eq!(hash(&p["root"]), checkpoint.root);
    assert_eq!(
        hash(&p["leaf_hash"]),
        accord_log::hash_leaf(b"{\"event\":1}")
    );
    verify_inclusion(
        1,
        5,
        &hash(&p["leaf_hash"]),
        &proof(&p["proof"]),
        &checkpoint.root,
    )
    .expect("the inclusion proof verifies");
    let p = parse_json(&expect(
        &instance.args(&[
            "log",
            "prove",
            "inclusion",
            "3",
            "--size",
            "4",
            "--format",
            "json",
        ]),
        0,
    ));
    assert_eq!(hash(&p["leaf_hash"]), accord_log::hash_leaf(b"three"));
    verify_inclusion(
        3,
        4,
        &hash(&p["leaf_hash"]),
        &proof(&p["proof"]),
        &hash(&p["root"]),
    )
    .unwrap();

    // Consistency from an earlier tree to the checkpoint's.
    let c = parse_json(&expect(
        &instance.args(&["log", "prove", "consistency", "2", "5", "--format", "json"]),
        0,
    ));
    assert_eq!(
        (c["old_size"].as_u64(), c["new_size"].as_u64()),
        (Some(2), Some(5))
    );
    assert_eq!(hash(&c["new_root"]), checkpoint.root);
    verify_consistency(
        2,
        5,
        &hash(&c["old_root"]),
        &checkpoint.root,
        &proof(&c["proof"]),
    )
    .expect("the consistency proof verifies");

    // The text forms carry the same values.
    let t = expect(
        &instance.args(&["log", "prove", "consistency", "2", "5"]),
        0,
    );
    assert!(t.contains(&format!("new_root {}", checkpoint.root)), "{t}");
    let t = expect(&instance.args(&["log", "prove", "inclusion", "0"]), 0);
    assert!(t.contains("leaf_hash ") && t.contains("proof "), "{t}");
}

#[test]
fn the_key_stays_in_a_private_file_and_init_runs_once() {
    let instance = Instance::sqlite();
    let key = instance.data.join("checkpoint.key");
    let text = std::fs::read_to_string(&key).unwrap();
    assert!(
        text.starts_with(&format!("PRIVATE+KEY+{ORIGIN}+")),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(
            std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // The database holds the verifier key, never the private one.
    let db = std::fs::read(instance.db_file()).unwrap();
    // PRIVATE+KEY+<origin>+<key id>+<base64>: the base64 may itself hold '+'.
    let secret = text
        .trim()
        .strip_prefix(&format!("PRIVATE+KEY+{ORIGIN}+"))
        .and_then(|rest| rest.split_once('+'))
        .map(|(_, secret)| secret)
        .unwrap();
    assert!(!secret.is_empty());
    assert!(!db.windows(secret.len()).any(|w| w == secret.as_bytes()));
    expect_failure(
        &instance.args(&["log", "init", "--origin", ORIGIN]),
        "already holds a checkpoint key",
    );
}

#[test]
fn malformed_arguments_exit_2() {
    let instance = Instance::sqlite();
    instance.append_lines(&["a", "b"]);
    let data = instance.data.to_str().unwrap();
    for args in [
        vec!["log", "verify", "--data", data, "--key", "not-a-key"],
        vec!["log", "prove", "consistency", "0", "2", "--data", data],
        vec!["log", "prove", "consistency", "2", "1", "--data", data],
        vec!["log", "prove", "inclusion", "x", "--data", data],
        vec![
            "log",
            "prove",
            "inclusion",
            "0",
            "--format",
            "xml",
            "--data",
            data,
        ],
        vec!["log", "verify", "--data", data, "--db", "copy.sqlite3"],
        vec!["log", "verifier-key", "--data", data, "--key", "k"],
        vec!["log", "init", "--data", data, "--origin", "has space"],
        vec!["log", "append", "--data", data],
    ] {
        expect(&args, 2);
    }
}

#[test]
fn failed_checks_exit_1_with_a_reason() {
    let instance = Instance::sqlite();
    instance.append_lines(&["a", "b"]);
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("nowhere");
    expect_failure(
        &["log", "verify", "--data", nowhere.to_str().unwrap()],
        "no accord instance",
    );
    expect_failure(
        &instance.args(&["log", "prove", "inclusion", "2"]),
        "not in the tree of size 2",
    );
    expect_failure(
        &instance.args(&["log", "prove", "consistency", "1", "3"]),
        "fewer than the tree size 3",
    );
    // Another instance's key does not vouch for this log.
    let other = Instance::sqlite();
    let mut args = instance.args(&["log", "verify"]);
    let key = other.verifier_key();
    args.extend(["--key", &key]);
    expect_failure(&args, "the checkpoint filed at size 2 is not valid");
}

#[test]
fn an_auditor_verifies_a_bare_copy() {
    let instance = Instance::sqlite();
    instance.append_lines(&["a", "b", "c"]);
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.sqlite3");
    std::fs::copy(instance.db_file(), &copy).unwrap();
    let copy = copy.to_str().unwrap();
    let key = instance.verifier_key();
    let out = expect(&["log", "verify", "--db", copy, "--key", &key], 0);
    assert!(out.contains("3 entries") && !out.contains("seal"), "{out}");
    // Without --key: the key the store records, with a note that says so.
    let out = accord(&["log", "verify", "--db", copy]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("the store itself records"));
    assert_eq!(
        expect(&["log", "verifier-key", "--db", copy], 0).trim(),
        key
    );
    let p = parse_json(&expect(
        &[
            "log",
            "prove",
            "inclusion",
            "2",
            "--db",
            copy,
            "--format",
            "json",
        ],
        0,
    ));
    assert_eq!(hash(&p["leaf_hash"]), accord_log::hash_leaf(b"c"));
    // Editing the copy is caught by the auditor too.
    rusqlite::Connection::open(copy)
        .unwrap()
        .execute_batch("UPDATE log_entries SET entry = CAST('x' AS BLOB) WHERE idx = 1")
        .unwrap();
    expect_failure(
        &["log", "verify", "--db", copy, "--key", &key],
        "entry 1 was altered",
    );
}

/// Each tampering of a six-entry log: `accord log verify` exits 1 naming
/// the first bad index, and so does the auditor's check of a copy (SQLite)
/// or of the database (PostgreSQL) without the signing key.
/// A tampering: what it does, how, and what the one-line reason must say.
type Tampering = (&'static str, fn(&mut Instance), &'static str);

fn tampering_is_named(make: fn() -> Instance) {
    let cases: [Tampering; 4] = [
        (
            "one edited byte",
            |i| {
                let mut row = i.row(3);
                row.0[0] ^= 0x20;
                i.put_row(3, &row);
            },
            "entry 3 was altered",
        ),
        (
            "a deleted entry",
            |i| i.sql("DELETE FROM log_entries WHERE idx = 3"),
            "entry 3 is missing",
        ),
        (
            "two swapped entries",
            |i| {
                let (three, five) = (i.row(3), i.row(5));
                i.put_row(3, &five);
                i.put_row(5, &three);
            },
            "entry 3 ",
        ),
        (
            "a deleted last entry",
            |i| i.sql("DELETE FROM log_entries WHERE idx = 5"),
            "entry 5 is missing",
        ),
    ];
    for (what, tamper, reason) in cases {
        let mut instance = make();
        instance.append_lines(&["zero", "one", "two", "three", "four", "five"]);
        let key = instance.verifier_key();
        tamper(&mut instance);
        let out = accord(&instance.args(&["log", "verify"]));
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
        assert!(
            stderr.trim_end().lines().last().unwrap().contains(reason),
            "{what}: {stderr}"
        );
        // The instance refuses to write, and proofs are refused.
        let out = accord(&instance.args(&["log", "append", "--lines"]));
        assert_eq!(out.status.code(), Some(1), "{what}: append after tampering");
        assert!(text(&out.stderr).contains("refuses writes"), "{what}");
        expect_failure(
            &instance.args(&["log", "prove", "inclusion", "0"]),
            "proves nothing",
        );
        // The auditor, with the verifier key only.
        let audit: Vec<String> = match &instance.pg {
            Some((url, ..)) => vec!["--database-url".into(), url.clone()],
            None => vec![
                "--db".into(),
                instance.db_file().to_str().unwrap().to_owned(),
            ],
        };
        let mut args = vec!["log", "verify", "--key", &key];
        args.extend(audit.iter().map(String::as_str));
        expect_failure(&args, reason);
    }
}

#[test]
fn tampering_in_sqlite_is_named_by_verify() {
    tampering_is_named(Instance::sqlite);
}

#[test]
fn tampering_in_postgres_is_named_by_verify() {
    tampering_is_named(Instance::postgres);
}

#[test]
fn a_postgres_instance_verifies_and_proves() {
    let instance = Instance::postgres();
    instance.append_lines(&["a", "b", "c"]);
    let out = expect(&instance.args(&["log", "verify"]), 0);
    assert!(
        out.contains("PostgreSQL") && out.contains("3 entries"),
        "{out}"
    );
    let checkpoint = latest_checkpoint(&instance);
    let p = parse_json(&expect(
        &instance.args(&["log", "prove", "inclusion", "0", "--format", "json"]),
        0,
    ));
    verify_inclusion(
        0,
        3,
        &accord_log::hash_leaf(b"a"),
        &proof(&p["proof"]),
        &checkpoint.root,
    )
    .unwrap();
    assert!(
        !instance.db_file().exists(),
        "the PostgreSQL instance made a SQLite file"
    );
    // The data folder holds the key alone: its verifier key needs no database.
    let data = instance.data.to_str().unwrap();
    assert_eq!(
        expect(&["log", "verifier-key", "--data", data], 0).trim(),
        instance.verifier_key()
    );
}

// ---------------------------------------------------------------------------
// Crash safety

/// A small deterministic generator for kill delays (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// What a crash run saw.
#[derive(Debug)]
struct CrashStats {
    kills: usize,
    acknowledged: usize,
    stored: u64,
}

/// Starts `accord log append --lines` on `data`, feeds it unique lines, kills
/// it with SIGKILL after `delay`, and returns the lines it acknowledged with
/// the index it gave each.
fn append_until_killed(
    data: &Path,
    round: usize,
    delay: Duration,
    ack_first: bool,
) -> Vec<(u64, String)> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_accord"));
    command
        .args(["log", "append", "--lines", "--data", data.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if ack_first {
        command.env("ACCORD_TEST_ACK_BEFORE_COMMIT", "1");
    }
    let mut child = command.spawn().expect("accord starts");
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        // Until the pipe breaks: the child died.
        for j in 0.. {
            if writeln!(stdin, "round {round} line {j}").is_err() {
                break;
            }
        }
    });
    let stdout = child.stdout.take().unwrap();
    let acks: Arc<Mutex<Vec<u64>>> = Arc::default();
    let reader = {
        let acks = Arc::clone(&acks);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                acks.lock()
                    .unwrap()
                    .push(line.trim().parse().expect("an index"));
            }
        })
    };
    std::thread::sleep(delay);
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    reader.join().unwrap();
    feeder.join().unwrap();
    let acks = acks.lock().unwrap().clone();
    acks.into_iter()
        .enumerate()
        .map(|(j, index)| (index, format!("round {round} line {j}")))
        .collect()
}

/// Kills an appending `accord` `kills` times at random moments; after each
/// kill checks that every acknowledged append is present, nothing is
/// duplicated, `accord log verify` passes, and every checkpoint seen before
/// is consistent with the current tree. Returns the first violation.
fn crash_run(kills: usize, ack_first: bool, seed: u64) -> Result<CrashStats, String> {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    expect(
        &[
            "log",
            "init",
            "--data",
            data.to_str().unwrap(),
            "--origin",
            ORIGIN,
        ],
        0,
    );
    let vkey = VerifierKey::parse(
        expect(
            &["log", "verifier-key", "--data", data.to_str().unwrap()],
            0,
        )
        .trim(),
    )
    .unwrap();
    let mut rng = Rng(seed | 1);
    let mut acknowledged: BTreeMap<u64, String> = BTreeMap::new();
    let mut checkpoints: Vec<Checkpoint> = Vec::new();
    let mut stored = 0;
    for round in 0..kills {
        let delay = Duration::from_millis(5 + rng.next() % 120);
        for (index, line) in append_until_killed(&data, round, delay, ack_first) {
            if let Some(earlier) = acknowledged.insert(index, line) {
                return Err(format!(
                    "after kill {round}: index {index} acknowledged twice (first for {earlier:?})"
                ));
            }
        }
        // The log verifies.
        // No --key: the data folder's own key; it verifies, and says what
        // it checked.
        let out = accord(&["log", "verify", "--data", data.to_str().unwrap()]);
        if out.status.code() != Some(0) {
            return Err(format!(
                "after kill {round}: accord log verify failed: {}",
                text(&out.stderr)
            ));
        }
        // Every acknowledged entry is there, at its index; nothing twice.
        let mut store = accord_store::SqliteStore::open_existing(&data.join("accord.sqlite3"))
            .map_err(|e| e.to_string())?;
        let rows =
            accord_store::EventStore::read(&mut store, 0, usize::MAX).map_err(|e| e.to_string())?;
        stored = rows.len() as u64;
        for (index, line) in &acknowledged {
            match rows.get(*index as usize) {
                Some(row) if row.entry == line.as_bytes() => {}
                Some(row) => {
                    return Err(format!(
                        "after kill {round}: acknowledged entry {index} ({line:?}) holds {:?}",
                        text(&row.entry)
                    ));
                }
                None => {
                    return Err(format!(
                        "after kill {round}: acknowledged entry {index} ({line:?}) is missing ({stored} stored)"
                    ));
                }
            }
        }
        let mut contents: Vec<&[u8]> = rows.iter().map(|r| r.entry.as_slice()).collect();
        contents.sort();
        if contents.windows(2).any(|w| w[0] == w[1]) {
            return Err(format!("after kill {round}: an entry is stored twice"));
        }
        // Every checkpoint seen so far is a prefix of the current tree.
        let mut tree = accord_log::Tree::new();
        for row in &rows {
            tree.push_entry(&row.entry);
        }
        for old in &checkpoints {
            if old.size == 0 {
                continue;
            }
            let proof = tree
                .consistency_proof(old.size, tree.size())
                .map_err(|e| format!("after kill {round}: {e}"))?;
            verify_consistency(old.size, tree.size(), &old.root, &tree.root(), &proof).map_err(
                |e| {
                    format!(
                        "after kill {round}: the checkpoint of size {} is not consistent: {e}",
                        old.size
                    )
                },
            )?;
        }
        if let Some(latest) =
            accord_store::EventStore::latest_checkpoint(&mut store).map_err(|e| e.to_string())?
        {
            let opened =
                note::open(&latest.note, std::slice::from_ref(&vkey)).map_err(|e| e.to_string())?;
            checkpoints.push(Checkpoint::parse_body(&opened.body).map_err(|e| e.to_string())?);
        }
    }
    // One last check through the CLI: the first checkpoint to the last.
    if let (Some(first), Some(last)) = (checkpoints.first(), checkpoints.last())
        && first.size > 0
        && first.size < last.size
    {
        let (old, new) = (first.size.to_string(), last.size.to_string());
        let c = parse_json(&expect(
            &[
                "log",
                "prove",
                "consistency",
                &old,
                &new,
                "--data",
                data.to_str().unwrap(),
                "--format",
                "json",
            ],
            0,
        ));
        verify_consistency(
            first.size,
            last.size,
            &first.root,
            &last.root,
            &proof(&c["proof"]),
        )
        .map_err(|e| format!("the CLI's consistency proof does not verify: {e}"))?;
    }
    Ok(CrashStats {
        kills,
        acknowledged: acknowledged.len(),
        stored,
    })
}

fn seed() -> u64 {
    std::env::var("ACCORD_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        })
}

#[test]
fn crash_safety_acknowledged_appends_survive_sigkill() {
    // scripts/crash-test sets ACCORD_CRASH_KILLS=1000 for the record.
    let kills = std::env::var("ACCORD_CRASH_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(25);
    let seed = seed();
    match crash_run(kills, false, seed) {
        Ok(stats) => {
            eprintln!(
                "crash test: {} kills, {} acknowledged appends, {} entries stored, log verified after every kill (seed {seed})",
                stats.kills, stats.acknowledged, stats.stored
            );
            assert!(
                stats.acknowledged > 0,
                "no append was acknowledged: the kills came too early"
            );
        }
        Err(violation) => panic!("{violation} (seed {seed}; rerun with ACCORD_CRASH_SEED={seed})"),
    }
}

#[test]
fn crash_safety_the_harness_catches_an_ack_before_commit() {
    // The control: acknowledging before committing must lose an
    // acknowledged entry to some kill, and the harness must see it.
    let seed = seed();
    match crash_run(12, true, seed) {
        Err(violation) => {
            assert!(
                violation.contains("acknowledged entry"),
                "the harness failed, but not on a lost acknowledged entry: {violation}"
            );
        }
        Ok(stats) => {
            panic!("the harness missed every lost acknowledgement: {stats:?} (seed {seed})")
        }
    }
}
