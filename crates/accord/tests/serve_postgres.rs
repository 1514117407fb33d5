//! `accord serve` on PostgreSQL, as an operator runs it: `init` and `serve`
//! with `--database-url` on a schema of its own in the server that
//! `ACCORD_TEST_DATABASE_URL` names (`scripts/test` starts one), then the
//! routes that read the log itself (inclusion proofs, a project's history),
//! which once ran the synchronous PostgreSQL client on an async worker and
//! dropped the connection; and two processes on one database, each
//! following what the other (and the console) records, and sharing the
//! counts of failed logins.

mod support;

use std::time::Duration;

use support::{Running, Schema, accord, free_port, http};

const JOHNS_PASSWORD: &str = "correct horse battery staple";
const PROJECTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/projects.csv");

fn serve(data: &str, url: &str, port: u16) -> Running {
    support::serve(&[
        "--data",
        data,
        "--database-url",
        url,
        "--port",
        &port.to_string(),
    ])
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

/// A JSON request with a bearer token: status and body.
fn json(port: u16, method: &str, path: &str, token: &str, body: &str) -> (u16, String) {
    let bearer = format!("Bearer {token}");
    let (status, _, body) = support::request(
        port,
        method,
        path,
        &[
            ("Authorization", &bearer),
            ("Content-Type", "application/json"),
        ],
        body,
    );
    (status, body)
}

/// The size the checkpoint at `port` covers.
fn checkpoint_size(port: u16) -> u64 {
    let (status, _, body) = http(port, "GET", "/api/v1/record/checkpoint", "", "");
    assert_eq!(status, 200, "{body}");
    let at = body.find("\"size\":").expect("a size") + 7;
    body[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("a number")
}

/// Waits up to 2 s until both servers answer the same checkpoint size,
/// beyond `beyond`.
fn same_size_soon(first: u16, second: u16, beyond: u64) -> (u64, u64) {
    let deadline = std::time::Instant::now() + Duration::from_secs(2);
    loop {
        let sizes = (checkpoint_size(first), checkpoint_size(second));
        if (sizes.0 == sizes.1 && sizes.0 > beyond) || std::time::Instant::now() > deadline {
            return sizes;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Gives John Smith (`us-coord`, the U.S. coordinator) a login with
/// `JOHNS_PASSWORD`.
fn add_john(data: &str, url: &str) {
    accord(
        &[
            "account",
            "add",
            "--data",
            data,
            "--database-url",
            url,
            "--person",
            "us-coord",
            "--name",
            "John Smith",
            "--organisation",
            "us-dos",
            "--organisation-name",
            "Department of State",
            "--party",
            "US",
            "--role",
            "coordinator:US",
            "--email",
            "john@state.gov",
            "--password-stdin",
        ],
        &format!("{JOHNS_PASSWORD}\n"),
    );
}

#[test]
fn two_processes_on_one_database_follow_each_other_and_the_console() {
    let schema = Schema::fresh();
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("data");
    let data = data.to_str().expect("a UTF-8 path");
    let url = schema.url.as_str();
    accord(&["init", "--data", data, "--database-url", url], "");
    add_john(data, url);
    let token = accord(
        &[
            "account",
            "api-token",
            "--data",
            data,
            "--database-url",
            url,
            "--person",
            "us-coord",
            "--name",
            "test",
            "--scope",
            "write",
        ],
        "",
    );
    let token = token.lines().last().expect("a token").trim().to_owned();
    let (first, second) = (free_port(), free_port());
    let _one = serve(data, url, first);
    let _two = serve(data, url, second);

    // An act through the first process; then one through the second, which
    // has not written yet: it catches up and records after it.
    let meeting = |date: &str| {
        format!(r#"{{"kind": "charter", "date": "{date}", "place": "Baku", "agenda": []}}"#)
    };
    let (status, body) = json(
        first,
        "POST",
        "/api/v1/meetings",
        &token,
        &meeting("2026-03-01"),
    );
    assert_eq!(status, 201, "{body}");
    let (status, body) = json(
        second,
        "POST",
        "/api/v1/meetings",
        &token,
        &meeting("2026-03-02"),
    );
    assert_eq!(status, 201, "{body}");
    let (a, b) = same_size_soon(first, second, 0);
    assert_eq!(a, b, "both processes at the same size once idle");

    // The console records while both serve: both follow it.
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
    let (a2, b2) = same_size_soon(first, second, a);
    assert!(a2 > a, "the console's entries were followed: {a} then {a2}");
    assert_eq!(a2, b2);
    // And the first process still writes after the console's append.
    let (status, body) = json(
        first,
        "POST",
        "/api/v1/meetings",
        &token,
        &meeting("2026-03-03"),
    );
    assert_eq!(status, 201, "{body}");
}

/// A login through the form at `port` (fetching it first, for its CSRF
/// token and cookie): the answer's status.
fn login(port: u16, email: &str, password: &str) -> u16 {
    let (status, head, body) = http(port, "GET", "/login", "", "");
    assert_eq!(status, 200, "{body}");
    let cookie = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
        .filter_map(|(_, value)| value.trim().split(';').next())
        .find(|pair| pair.starts_with("accord_csrf="))
        .expect("a CSRF cookie")
        .to_owned();
    let marker = "name=\"csrf\" value=\"";
    let at = body.find(marker).expect("a CSRF field") + marker.len();
    let csrf = &body[at..at + body[at..].find('"').expect("a closing quote")];
    let form = format!(
        "csrf={csrf}&email={}&password={}",
        email.replace('@', "%40"),
        password.replace(' ', "+")
    );
    http(port, "POST", "/login", &cookie, &form).0
}

#[test]
fn guesses_spread_over_two_processes_wait_as_if_they_went_to_one() {
    let schema = Schema::fresh();
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("data");
    let data = data.to_str().expect("a UTF-8 path");
    let url = schema.url.as_str();
    accord(&["init", "--data", data, "--database-url", url], "");
    add_john(data, url);
    let (first, second) = (free_port(), free_port());
    let _one = serve(data, url, first);
    let _two = serve(data, url, second);

    // Five wrong guesses, alternating between the processes: all free.
    for n in 0..5 {
        let port = if n % 2 == 0 { first } else { second };
        assert_eq!(login(port, "john@state.gov", "guess guess guess"), 200);
    }
    // Now both make even the right password wait.
    for port in [first, second] {
        assert_eq!(login(port, "john@state.gov", JOHNS_PASSWORD), 429);
    }
}
