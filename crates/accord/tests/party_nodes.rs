//! Each party's own node, as separate processes over real HTTP on
//! 127.0.0.1: a primary and two nodes (AZ and US), each node following the
//! primary and cosigning its checkpoints as a witness. The follow, the
//! cosigning under a policy whose quorum is both parties, a restart of
//! each process, the primary down while a node serves, and a rollback of
//! the primary caught with evidence.

mod support;

use std::io::BufRead as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{ACCORD, Running, accord, free_port, request};

/// Starts `accord ARGS` (a long-running command) and waits until it says
/// it serves.
fn start(args: &[&str]) -> Running {
    let mut child = Command::new(ACCORD)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("accord starts");
    let stdout = child.stdout.take().expect("stdout");
    let running = Running(child);
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    loop {
        let line = receiver
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("accord {args:?} prints that it serves"));
        if line.contains("serving") {
            return running;
        }
    }
}

/// `accord node status --format json` of a node's folder.
fn status(dir: &Path) -> serde_json::Value {
    let out = Command::new(ACCORD)
        .args(["node", "status", "--format", "json", "--data"])
        .arg(dir)
        .output()
        .expect("accord node status runs");
    serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
}

/// Waits until `check` holds, or fails naming `what` and what `seen` says.
fn wait_for(what: &str, mut check: impl FnMut() -> bool, seen: impl Fn() -> String) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}; {}", seen());
}

/// The primary's latest checkpoint as served at `/log/checkpoint`.
fn checkpoint(port: u16) -> String {
    let (status, _, body) = request(port, "GET", "/log/checkpoint", &[], "");
    assert_eq!(status, 200, "{body}");
    body
}

fn size_of(note: &str) -> u64 {
    note.lines()
        .nth(1)
        .and_then(|l| l.parse().ok())
        .expect("a size line")
}

/// Records one act at the console (a person registered), so that the log grows.
fn record_act(data: &str, person: &str) {
    accord(
        &[
            "account",
            "add",
            "--data",
            data,
            "--person",
            person,
            "--name",
            person,
            "--organisation",
            "ops",
            "--organisation-name",
            "Operations",
            "--email",
            &format!("{person}@example.org"),
            "--password-stdin",
        ],
        "a long enough password for tests\n",
    );
}

/// Records one act at the console while the primary serves, and answers
/// the size of the primary's checkpoint once it covers the act.
fn record_served(data: &str, person: &str, port: u16) -> u64 {
    let before = size_of(&checkpoint(port));
    record_act(data, person);
    wait_for(
        "the primary to sign the act",
        || size_of(&checkpoint(port)) > before,
        || checkpoint(port),
    );
    size_of(&checkpoint(port))
}

struct Node {
    dir: String,
    port: u16,
    witness_vkey: String,
    args: Vec<String>,
}

impl Node {
    fn start(&self) -> Running {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        start(&args)
    }
}

fn node(tmp: &Path, primary_port: u16, primary_data: &str, party: &str) -> Node {
    let credential = accord(
        &[
            "node",
            "credential",
            "create",
            "--party",
            party,
            "--data",
            primary_data,
        ],
        "",
    );
    let credential = credential
        .lines()
        .last()
        .expect("a token")
        .trim()
        .to_owned();
    let key_file = tmp.join(format!("{party}-witness.key"));
    let key_out = accord(
        &[
            "key",
            "generate",
            "--name",
            &format!("witness.{}.example", party.to_lowercase()),
            "--out",
            key_file.to_str().unwrap(),
        ],
        "",
    );
    let witness_vkey = key_out
        .lines()
        .find(|l| l.contains('+'))
        .expect("a verifier key")
        .trim()
        .to_owned();
    let dir = tmp
        .join(format!("node-{party}"))
        .to_str()
        .unwrap()
        .to_owned();
    let port = free_port();
    let args = vec![
        "node".to_owned(),
        "follow".to_owned(),
        format!("http://127.0.0.1:{primary_port}"),
        "--credential".to_owned(),
        credential,
        "--data".to_owned(),
        dir.clone(),
        "--port".to_owned(),
        port.to_string(),
        "--witness-key".to_owned(),
        key_file.to_str().unwrap().to_owned(),
        "--every-ms".to_owned(),
        "200".to_owned(),
    ];
    Node {
        dir,
        port,
        witness_vkey,
        args,
    }
}

#[test]
fn two_nodes_follow_cosign_survive_restarts_and_catch_a_rollback() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("primary").to_str().unwrap().to_owned();
    accord(&["init", "--data", &data], "");
    let primary_port = free_port();
    let az = node(tmp.path(), primary_port, &data, "AZ");
    let us = node(tmp.path(), primary_port, &data, "US");
    let serve_args = [
        "serve".to_owned(),
        "--data".to_owned(),
        data.clone(),
        "--port".to_owned(),
        primary_port.to_string(),
        "--witness".to_owned(),
        format!("az=http://127.0.0.1:{}/witness", az.port),
        "--witness".to_owned(),
        format!("us=http://127.0.0.1:{}/witness", us.port),
    ];
    let serve_args: Vec<&str> = serve_args.iter().map(String::as_str).collect();
    let mut primary = start(&serve_args);
    let az_running = az.start();
    let mut us_running = us.start();

    // The follow: both nodes reach the primary's size.
    let size = record_served(&data, "first", primary_port);
    for n in [&az, &us] {
        wait_for(
            "a node to catch up",
            || {
                let s = status(Path::new(&n.dir));
                s["size"] == size && s["behind"] == 0
            },
            || status(Path::new(&n.dir)).to_string(),
        );
        let (code, _, body) = request(n.port, "GET", "/api/v1/status", &[], "");
        assert_eq!(code, 200, "a node serves the read API: {body}");
        let (code, _, page) = request(n.port, "GET", "/?lang=en", &[], "");
        assert_eq!(code, 200);
        assert!(
            page.contains("own copy of the record"),
            "a node's page says what it is"
        );
    }

    // The cosigning: the primary publishes both cosignatures, and a policy
    // whose quorum is both parties accepts the checkpoint.
    record_served(&data, "second", primary_port);
    wait_for(
        "both cosignatures on /log/checkpoint",
        || checkpoint(primary_port).matches("\n\u{2014} ").count() >= 3,
        || checkpoint(primary_port),
    );
    let log_key = accord(&["log", "verifier-key", "--data", &data], "");
    let log_key = log_key.lines().last().unwrap().trim();
    let policy = tmp.path().join("policy.txt");
    std::fs::write(
        &policy,
        format!(
            "log {log_key}\nwitness az {}\nwitness us {}\ngroup both all az us\nquorum both\n",
            az.witness_vkey, us.witness_vkey
        ),
    )
    .unwrap();
    let policy_text = std::fs::read_to_string(&policy).unwrap();
    let policy_checked = accord_log::policy::Policy::parse(&policy_text)
        .unwrap()
        .check(&checkpoint(primary_port))
        .expect("the quorum of both parties holds");
    let mut cosigners: Vec<&str> = policy_checked
        .cosigned_by
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    cosigners.sort();
    assert_eq!(cosigners, ["az", "us"]);
    let note_file = tmp.path().join("checkpoint.txt");
    std::fs::write(&note_file, checkpoint(primary_port)).unwrap();
    let said = accord(
        &[
            "log",
            "check-note",
            "--policy",
            policy.to_str().unwrap(),
            note_file.to_str().unwrap(),
        ],
        "",
    );
    assert!(said.contains("az") && said.contains("us"), "{said}");

    // A restart of a node: it keeps its replica and catches up.
    drop(us_running);
    let size = record_served(&data, "third", primary_port);
    us_running = us.start();
    wait_for(
        "the restarted node to catch up",
        || status(Path::new(&us.dir))["size"] == size,
        || status(Path::new(&us.dir)).to_string(),
    );

    // The primary down: the nodes keep serving their copy, and say so.
    drop(primary);
    wait_for(
        "a node to notice the primary is down",
        || status(Path::new(&az.dir))["primary_reachable"] == false,
        || status(Path::new(&az.dir)).to_string(),
    );
    let (code, _, page) = request(az.port, "GET", "/?lang=en", &[], "");
    assert_eq!(code, 200, "a node serves while the primary is down");
    assert!(page.contains("The primary does not answer"), "{page}");

    // A restart of the primary, then a rollback to an older copy of its
    // data folder: both nodes raise an alarm with evidence.
    let before = tmp.path().join("primary-copy");
    copy_dir(Path::new(&data), &before);
    primary = start(&serve_args);
    let size = record_served(&data, "fourth", primary_port);
    for n in [&az, &us] {
        wait_for(
            "the nodes to follow the restarted primary",
            || status(Path::new(&n.dir))["size"] == size,
            || status(Path::new(&n.dir)).to_string(),
        );
    }
    drop(primary);
    std::fs::remove_dir_all(&data).unwrap();
    copy_dir(&before, Path::new(&data));
    let _primary = start(&serve_args);
    for n in [&az, &us] {
        wait_for(
            "an alarm with evidence",
            || {
                let s = status(Path::new(&n.dir));
                s["alarms"].as_array().is_some_and(|alarms| {
                    alarms.iter().any(|a| {
                        a["kind"] == "rollback"
                            && a["evidence"]
                                .as_str()
                                .is_some_and(|p| Path::new(p).is_file())
                    })
                })
            },
            || {
                format!(
                    "{} / primary {}",
                    status(Path::new(&n.dir)),
                    checkpoint(primary_port)
                )
            },
        );
        let s = status(Path::new(&n.dir));
        assert_eq!(s["halted"], true);
        assert_eq!(s["size"], size, "the node keeps what it verified");
        let evidence = s["alarms"][0]["evidence"].as_str().unwrap().to_owned();
        let out = accord(&["node", "evidence", &evidence], "");
        assert!(out.contains("rollback shown"), "{out}");
        // `accord log verify` on the node's folder: its replica verifies,
        // and the alarm is the answer.
        let (ok, _, err) = support::accord_outcome(&["log", "verify", "--data", &n.dir], "");
        assert!(!ok, "log verify must fail on a node with an alarm");
        assert!(err.contains("ALARM rollback"), "{err}");
    }
    drop(az_running);
    drop(us_running);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn a_node_keeps_its_replica_and_accounts_in_postgresql() {
    let schema = support::Schema::fresh();
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("primary").to_str().unwrap().to_owned();
    accord(&["init", "--data", &data], "");
    let primary_port = free_port();
    let mut node = node(tmp.path(), primary_port, &data, "US");
    node.args.push("--database-url".to_owned());
    node.args.push(schema.url.clone());
    let serve_args = [
        "serve".to_owned(),
        "--data".to_owned(),
        data.clone(),
        "--port".to_owned(),
        primary_port.to_string(),
    ];
    let serve_args: Vec<&str> = serve_args.iter().map(String::as_str).collect();
    let _primary = start(&serve_args);
    let _node = node.start();
    let size = record_served(&data, "first", primary_port);
    let status_in_postgres = || {
        let out = Command::new(ACCORD)
            .args(["node", "status", "--format", "json", "--data", &node.dir])
            .args(["--database-url", &schema.url])
            .output()
            .expect("accord node status runs");
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap_or_default()
    };
    wait_for(
        "the node in PostgreSQL to catch up",
        || status_in_postgres()["size"] == size,
        || status_in_postgres().to_string(),
    );
    // The replica is in the database, not in the folder.
    assert!(!Path::new(&node.dir).join("accord.sqlite3").exists());
    let (code, _, body) = request(node.port, "GET", "/api/v1/status", &[], "");
    assert_eq!(code, 200, "{body}");
    // The node's own login, in its database: an invitation on the node.
    let link = accord(
        &[
            "account",
            "invite",
            "--data",
            &node.dir,
            "--database-url",
            &schema.url,
            "--person",
            "first",
            "--email",
            "first@us.example",
            "--base-url",
            &format!("http://127.0.0.1:{}", node.port),
        ],
        "",
    );
    assert!(link.contains("/invitation/"), "{link}");
}
