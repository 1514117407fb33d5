//! PostgreSQL restarted while `accord serve` serves, on a private cluster
//! of the test's own: requests during the outage get a quick 503 with the
//! stable code `store_unavailable` (no panic, no hang), the liveness check
//! still answers, and once the database is back the same process serves
//! and records again by itself, with every act it acknowledged before.

mod support;

use std::time::{Duration, Instant};

use support::{Cluster, accord, free_port, request};

const PASSWORD: &str = "correct horse battery staple\n";

/// The longest an answer may take while the database is away.
const BOUNDED: Duration = Duration::from_secs(10);

fn propose(port: u16, token: &str, milestone: &str) -> (u16, String) {
    let body = format!(
        r#"{{"milestones": [{{"id": "{milestone}", "title": "Study", "due": "2027-06-01", "project": null, "depends_on": []}}]}}"#
    );
    let bearer = format!("Bearer {token}");
    let (status, _, body) = request(
        port,
        "POST",
        "/api/v1/groups/energy/proposals",
        &[
            ("Authorization", &bearer),
            ("Content-Type", "application/json"),
        ],
        &body,
    );
    (status, body)
}

fn get(port: u16, path: &str, token: &str) -> (u16, String) {
    let bearer = format!("Bearer {token}");
    let (status, _, body) = request(port, "GET", path, &[("Authorization", &bearer)], "");
    (status, body)
}

#[test]
fn a_postgresql_restart_answers_503_then_recovers_with_nothing_lost() {
    let cluster = Cluster::start();
    let url = cluster.url();
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("data");
    let data = data.to_str().expect("a UTF-8 path");
    let instance = ["--data", data, "--database-url", &url];
    accord(&[&["init"][..], &instance].concat(), "");
    accord(
        &[
            &["account", "add"][..],
            &instance,
            &[
                "--person",
                "az-energy",
                "--name",
                "Elvin Quliyev",
                "--organisation",
                "az-minenergy",
                "--organisation-name",
                "Ministry of Energy",
                "--party",
                "AZ",
                "--email",
                "elvin@minenergy.gov.az",
                "--role",
                "co_chair:energy:AZ",
                "--password-stdin",
            ],
        ]
        .concat(),
        PASSWORD,
    );
    let token = accord(
        &[
            &["account", "api-token"][..],
            &instance,
            &[
                "--person",
                "az-energy",
                "--name",
                "test",
                "--scope",
                "write",
            ],
        ]
        .concat(),
        "",
    );
    let token = token.lines().last().expect("a token").trim().to_owned();
    let port = free_port();
    let _server = support::serve(&[&instance[..], &["--port", &port.to_string()]].concat());

    let (status, body) = propose(port, &token, "m1");
    assert_eq!(status, 201, "{body}");

    cluster.stop();
    for attempt in ["m2", "m2"] {
        let started = Instant::now();
        let (status, body) = propose(port, &token, attempt);
        assert_eq!(status, 503, "{body}");
        assert!(body.contains("\"store_unavailable\""), "{body}");
        assert!(
            started.elapsed() < BOUNDED,
            "answered in {:?}",
            started.elapsed()
        );
    }
    let (status, body) = get(port, "/api/v1/approvals", &token);
    assert_eq!(
        (status, body.contains("store_unavailable")),
        (503, true),
        "{body}"
    );
    assert_eq!(request(port, "GET", "/healthz", &[], "").0, 200);
    assert_eq!(request(port, "GET", "/readyz", &[], "").0, 503);

    cluster.start_again();
    let back = Instant::now();
    let recorded = loop {
        let (status, body) = propose(port, &token, "m2");
        if status == 201 {
            break body;
        }
        assert_eq!(status, 503, "{body}");
        assert!(
            back.elapsed() < BOUNDED,
            "not back after {:?}",
            back.elapsed()
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(recorded.contains("energy-roadmap-2"), "{recorded}");
    assert_eq!(request(port, "GET", "/readyz", &[], "").0, 200);
    let (status, body) = get(port, "/api/v1/approvals", &token);
    assert_eq!(status, 200, "{body}");
    for id in ["energy-roadmap-1", "energy-roadmap-2"] {
        assert!(body.contains(id), "{id} is missing: {body}");
    }
    let key = accord(&[&["log", "verifier-key"][..], &instance].concat(), "");
    let verified = accord(
        &[&["log", "verify", "--key", key.trim()][..], &instance].concat(),
        "",
    );
    assert!(verified.contains("the log verifies"), "{verified}");
}
