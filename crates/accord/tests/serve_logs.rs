//! `accord serve --log-format json`: one JSON object per line, each line a
//! request causes carrying its request id, the id the error page shows and
//! `x-request-id` sends back; no token of any kind in any line.

mod support;

use std::process::{Command, Stdio};

use support::{ACCORD, Running, accord, free_port, request};

const PASSWORD: &str = "correct horse battery staple\n";

#[test]
fn json_logs_carry_the_request_id_the_error_page_shows_and_no_token() {
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("data");
    let data = data.to_str().expect("a UTF-8 path");
    accord(&["init", "--data", data], "");
    accord(
        &[
            "account",
            "add",
            "--data",
            data,
            "--person",
            "ann",
            "--name",
            "Ann Operator",
            "--organisation",
            "ops",
            "--organisation-name",
            "Operations",
            "--email",
            "ann@ops.example",
            "--role",
            "administrator",
            "--password-stdin",
        ],
        PASSWORD,
    );
    let token = accord(
        &[
            "account",
            "api-token",
            "--data",
            data,
            "--person",
            "ann",
            "--name",
            "t",
            "--scope",
            "read",
        ],
        "",
    );
    let token = token.lines().last().expect("a token").trim().to_owned();
    let port = free_port();
    let log_path = dir.path().join("serve.log");
    let log = std::fs::File::create(&log_path).expect("a log file");
    let server = Running(
        Command::new(ACCORD)
            .args([
                "serve",
                "--data",
                data,
                "--port",
                &port.to_string(),
                "--log-format",
                "json",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("accord serve starts"),
    );
    let started = std::time::Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed().as_secs() < 60,
            "accord serve did not listen"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    let (status, head, page) = request(port, "GET", "/projects/no-such-project", &[], "");
    assert_eq!(status, 404);
    let id = head
        .lines()
        .find_map(|l| l.strip_prefix("x-request-id: "))
        .expect("an x-request-id header")
        .trim()
        .to_owned();
    assert!(
        page.contains(&format!("(request {id})")),
        "the page shows the id: {page}"
    );
    let bearer = format!("Bearer {token}");
    assert_eq!(
        request(
            port,
            "GET",
            "/api/v1/approvals",
            &[("Authorization", &bearer)],
            ""
        )
        .0,
        200
    );
    let secret_path = "/calendar/feed-token-that-must-not-be-logged.ics";
    assert_eq!(request(port, "GET", secret_path, &[], "").0, 404);
    drop(server);

    let text = std::fs::read_to_string(&log_path).expect("the log");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let of_request: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["request_id"] == id.as_str())
        .collect();
    assert_eq!(of_request.len(), 1, "{text}");
    assert_eq!(of_request[0]["status"], 404);
    assert_eq!(of_request[0]["level"], "info");
    assert!(of_request[0]["time"].is_string());
    assert!(!text.contains(&token), "the API token is in the log");
    assert!(
        !text.contains("feed-token-that-must-not-be-logged"),
        "an address is in the log"
    );
}
