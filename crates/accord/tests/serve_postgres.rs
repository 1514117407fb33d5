//! `accord serve` on PostgreSQL, as an operator runs it: `init` and `serve`
//! with `--database-url` on a schema of its own in the server that
//! `ACCORD_TEST_DATABASE_URL` names (`scripts/test` starts one), then the
//! routes that read the log itself (inclusion proofs, a project's history),
//! which once ran the synchronous PostgreSQL client on an async worker and
//! dropped the connection.

mod support;

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use support::{ACCORD, Running, accord, free_port, http};

const PROJECTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/projects.csv");

/// A URL selecting a fresh schema of the test server, and the admin
/// connection that drops it at the end.
struct Schema {
    url: String,
    name: String,
    admin: postgres::Client,
}

impl Schema {
    fn fresh() -> Schema {
        let base = std::env::var("ACCORD_TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| {
                panic!(
                    "ACCORD_TEST_DATABASE_URL is not set: this test needs a PostgreSQL server. \
                     Run scripts/test, which starts a private cluster and sets it."
                )
            });
        let mut admin = postgres::Client::connect(&base, postgres::NoTls).expect("the server");
        let name = format!(
            "accord_serve_{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        );
        admin
            .batch_execute(&format!("CREATE SCHEMA {name}"))
            .expect("a schema");
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-csearch_path%3D{name}");
        Schema { url, name, admin }
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let _ = self
            .admin
            .batch_execute(&format!("DROP SCHEMA {} CASCADE", self.name));
    }
}

fn serve(data: &str, url: &str, port: u16) -> Running {
    let mut child = Command::new(ACCORD)
        .args(["serve", "--data", data, "--database-url", url])
        .args(["--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("accord serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let running = Running(child);
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    loop {
        let line = receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("accord serve prints that it listens");
        if line.contains("serving") {
            return running;
        }
    }
}

#[test]
fn proofs_and_histories_are_served_from_postgresql() {
    let schema = Schema::fresh();
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("data");
    let data = data.to_str().expect("a UTF-8 path");
    let url = schema.url.as_str();
    accord(&["init", "--data", data, "--database-url", url], "");
    let imported = accord(
        &[
            "import",
            "projects",
            "--data",
            data,
            "--database-url",
            url,
            PROJECTS,
        ],
        "",
    );
    assert!(imported.contains("imported"), "{imported}");
    let port = free_port();
    let _server = serve(data, url, port);

    let (status, _, body) = http(port, "GET", "/api/v1/record/checkpoint", "", "");
    assert_eq!(status, 200, "{body}");
    let (status, _, body) = http(port, "GET", "/api/v1/record/proof/0", "", "");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"leaf_hash\""), "{body}");
    // The record page proves an entry from the log too.
    let (status, _, body) = http(port, "GET", "/record?entry=0", "", "");
    assert_eq!(status, 200, "{body}");
    // A second request on the same server still answers: nothing panicked.
    let (status, _, body) = http(port, "GET", "/api/v1/record/proof/1", "", "");
    assert!(status == 200 || status == 404, "{status}: {body}");
}
