//! Acts through the API while the dashboard is read, on a large instance,
//! against a minimal axum handler served by the same process.
//!
//! `cargo bench -p accord-web --bench acts` (needs `wrk` on the `PATH`).
//!
//! The goal (the meetings issue): with 32 connections reading the
//! dashboard, an act through the API (adopting minutes) answers with
//! p99 ≤ 50 ms, and the dashboard keeps ≥ 0.2 × the minimal handler's
//! requests per second while one act per second is recorded.
//!
//! The instance is built as `serve.rs` builds it: the synthetic generator
//! over the bundled charter, into a SQLite file in a temporary folder
//! (`ACCORD_BENCH_EVENTS`, default 1,000,000 asked). Its two coordinators
//! (`coordinator-AZ`, `coordinator-US`) get logins and API tokens in an
//! accounts file beside it, and it is served as `accord serve` serves it
//! (`accord_web::serve`: accounts, the answer cache, the system clock),
//! beside a minimal axum router (`/ok`: the text `ok`), in one tokio
//! runtime.
//!
//! Before the load runs, one at a time and in process: the status report
//! for the coordinator and for the public (what the first dashboard after
//! an act recomputes) and one API token looked up in the accounts (what
//! every request with a token pays); then the acts below, 25 of them five
//! a second, with nobody reading: what an act costs by itself.
//!
//! Then, each round (`ACCORD_BENCH_ROUNDS`, default 1), with
//! `wrk -t2 -c32 --latency`, each dashboard run right after a run of the
//! minimal handler so that each ratio compares runs made close together:
//!
//! 1. the dashboard (`/`) as the public and as the U.S. coordinator (a
//!    bearer token), no writes (`ACCORD_BENCH_SECONDS` each, default 10);
//! 2. to tell causes apart, the minimal handler, the public's dashboard,
//!    then the public's `/api/v1/groups` (kept by the same cache, rebuilt
//!    without a status report), each loaded while the writer records one
//!    act per second (half of `ACCORD_BENCH_WRITE_SECONDS` each);
//! 3. the goal's run: the coordinator's dashboard while the writer records
//!    one act per second (`ACCORD_BENCH_WRITE_SECONDS`, default 120).
//!
//! The writer carries out charter meetings through the JSON API, one act
//! a second: a meeting scheduled by the U.S. coordinator, recorded as held,
//! its minutes proposed by the Azerbaijani coordinator and approved by
//! them, then approved by the U.S. coordinator, which adopts them, and a
//! project proposed to a working group by the Azerbaijani coordinator; and
//! again. It is a plain HTTP/1.1 client on a thread of its own (one
//! connection per request, as a script would make it); each request is
//! timed from the connection to the last byte of the answer. An act slower
//! than a second delays the next one; none is made up.
//!
//! Meeting dates lie between the day after the charter's signature and
//! yesterday, in turn (the web's clock is the real one; a meeting is held
//! on its date, which may not be in the future).

mod support;

use support::{build_synthetic, env_number};

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::process::Command as Process;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use accord_app::App;
use accord_domain::calendar::{days_between, utc_date};
use accord_domain::ids::PersonId;
use accord_domain::synthetic::Size;
use accord_domain::visibility::Viewer;
use accord_log::note::SigningKey;
use accord_store::accounts::{Accounts, Scope};
use accord_store::{EventStore, Ledger, SqliteStore};
use accord_web::AppState;
use accord_web::auth::Auth;
use axum::Router;
use axum::routing::get;
use jiff::Span;
use jiff::civil::Date;
use serde_json::{Value, json};

/// The synthetic instance's coordinators.
const AZ: &str = "coordinator-AZ";
const US: &str = "coordinator-US";

/// The goals.
const GOAL_ACT_P99_MS: f64 = 50.0;
const GOAL_RATIO: f64 = 0.2;

fn minimal_router() -> Router {
    Router::new().route("/ok", get(|| async { "ok" }))
}

/// One `wrk` run's figures.
struct Run {
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    errors: bool,
}

/// A duration as `wrk` prints it (`812.00us`, `2.31ms`, `1.02s`), in ms.
fn millis(text: &str) -> Option<f64> {
    let text = text.trim();
    let (number, factor) = if let Some(n) = text.strip_suffix("us") {
        (n, 1e-3)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix('m') {
        (n, 60_000.0)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1_000.0)
    } else {
        return None;
    };
    number.parse::<f64>().ok().map(|n| n * factor)
}

fn wrk(url: &str, duration: usize, bearer: Option<&str>) -> Run {
    let mut command = Process::new("wrk");
    command.args(["-t2", "-c32", &format!("-d{duration}s"), "--latency"]);
    if let Some(token) = bearer {
        command.args(["-H", &format!("Authorization: Bearer {token}")]);
    }
    let output = command
        .arg(url)
        .output()
        .expect("wrk (install it: apt-get install wrk)");
    let text = String::from_utf8_lossy(&output.stdout);
    let rps = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
        .and_then(|n| n.trim().parse::<f64>().ok())
        .unwrap_or_else(|| panic!("no Requests/sec in wrk's output:\n{text}"));
    let percentile = |name: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .and_then(millis)
            .unwrap_or_else(|| panic!("no {name} latency in wrk's output:\n{text}"))
    };
    // `    Latency   1.23ms    2.34ms  45.67ms   89.00%`: the third is the maximum.
    let max_ms = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Latency "))
        .and_then(|l| l.split_whitespace().nth(2))
        .and_then(millis)
        .unwrap_or(f64::NAN);
    let errors = text.contains("Non-2xx") || text.contains("Socket errors");
    if errors {
        eprintln!("{url}: wrk reported errors:\n{text}");
    }
    Run {
        rps,
        p50_ms: percentile("50%"),
        p99_ms: percentile("99%"),
        max_ms,
        errors,
    }
}

/// An answer of the plain client.
struct Answer {
    status: u16,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// A chunked body, decoded.
fn unchunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&body[..end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&body[start..(start + size).min(body.len())]);
        body = body.get(start + size + 2..).unwrap_or_default();
    }
    out
}

/// One HTTP/1.1 request on a connection of its own (`Connection: close`),
/// read to the end; with a bearer token if `token`, a JSON body if `body`.
fn http(
    address: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> Answer {
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    if let Some(token) = token {
        request.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    match body {
        Some(body) => {
            let body = body.to_string();
            request.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            ));
        }
        None => request.push_str("\r\n"),
    }
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.set_nodelay(true).expect("nodelay");
    stream.write_all(request.as_bytes()).expect("send");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("answer");
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer");
    let head = String::from_utf8_lossy(&bytes[..split]).to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let raw = &bytes[split + 4..];
    let body = if head.contains("transfer-encoding: chunked") {
        unchunk(raw)
    } else {
        raw.to_vec()
    };
    Answer {
        status,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// The acts of one meeting, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    Schedule,
    Held,
    ProposeMinutes,
    Approve,
    /// The second party's approval, which adopts the minutes.
    Adopt,
    /// A project proposed to a working group (the project-life issue's
    /// goal: p99 ≤ 50 ms while the dashboard is read).
    ProposeProject,
}

const ACTS: [Act; 6] = [
    Act::Schedule,
    Act::Held,
    Act::ProposeMinutes,
    Act::Approve,
    Act::Adopt,
    Act::ProposeProject,
];

impl Act {
    fn name(self) -> &'static str {
        match self {
            Act::Schedule => "schedule a meeting (`POST /api/v1/meetings`)",
            Act::Held => "record it held (`POST …/{id}/held`)",
            Act::ProposeMinutes => "propose its minutes (`POST …/{id}/minutes`)",
            Act::Approve => "approve them, first party (`POST /api/v1/proposals/{id}/approve`)",
            Act::Adopt => "**adopting minutes** (the second approval)",
            Act::ProposeProject => "**proposing a project** (`POST /api/v1/projects`)",
        }
    }
}

/// Two coordinators carrying out charter meetings through the API.
struct Writer {
    address: SocketAddr,
    az: String,
    us: String,
    /// The first date a meeting may have, and how many days follow it.
    first: Date,
    days: i64,
    meetings: i64,
    next: usize,
    meeting: String,
    date: String,
    proposal: (String, String),
    /// A provision in the scope of `group-0`, which the projects carry out.
    project_provision: String,
}

impl Writer {
    fn post(&self, token: &str, path: &str, body: Value, expect: u16) -> (Value, Duration) {
        let t = Instant::now();
        let answer = http(self.address, "POST", path, Some(token), Some(&body));
        let took = t.elapsed();
        assert_eq!(answer.status, expect, "POST {path}: {}", answer.body);
        (answer.json(), took)
    }

    /// Carries out the next act; what it was and how long its request took.
    fn act(&mut self) -> (Act, Duration) {
        let act = ACTS[self.next % ACTS.len()];
        self.next += 1;
        let took = match act {
            Act::Schedule => {
                let date = self
                    .first
                    .checked_add(Span::new().days(self.meetings % self.days))
                    .expect("a date");
                self.meetings += 1;
                self.date = date.to_string();
                let (body, took) = self.post(
                    &self.us,
                    "/api/v1/meetings",
                    json!({"kind": "charter", "group": null, "date": self.date, "place": "Baku",
                           "participants": [AZ, US],
                           "agenda": [{"title": {"en": "Review of the year", "az": "İlin icmalı"},
                                       "provisions": ["I.1"]}]}),
                    201,
                );
                self.meeting = body["id"].as_str().expect("an id").to_owned();
                took
            }
            Act::Held => {
                self.post(
                    &self.us,
                    &format!("/api/v1/meetings/{}/held", self.meeting),
                    json!({"on": self.date, "attendees": [AZ, US]}),
                    201,
                )
                .1
            }
            Act::ProposeMinutes => {
                let (body, took) = self.post(
                    &self.az,
                    &format!("/api/v1/meetings/{}/minutes", self.meeting),
                    json!({"text": {"az": "Tərəflər görüşdü.", "en": "The parties met."},
                           "decisions": [{"kind": "decision",
                                          "text": {"en": "The energy roadmap is reviewed."},
                                          "provisions": ["I.1"]}]}),
                    201,
                );
                self.proposal = (
                    body["id"].as_str().expect("an id").to_owned(),
                    body["content_hash"]
                        .as_str()
                        .expect("a content hash")
                        .to_owned(),
                );
                took
            }
            Act::Approve | Act::Adopt => {
                let token = if act == Act::Approve {
                    &self.az
                } else {
                    &self.us
                };
                let (body, took) = self.post(
                    token,
                    &format!("/api/v1/proposals/{}/approve", self.proposal.0),
                    json!({"content_hash": self.proposal.1}),
                    200,
                );
                assert_eq!(body["adopted_on"].is_string(), act == Act::Adopt, "{body}");
                took
            }
            Act::ProposeProject => {
                let n = self.next;
                self.post(
                    &self.az,
                    "/api/v1/projects",
                    json!({"group": "group-0",
                           "title": {"az": format!("Layihə {n}"), "en": format!("Bench project {n}")},
                           "description": {"en": "A project proposed while the dashboard is read."},
                           "provisions": [self.project_provision], "lead_party": "AZ", "lead_organisations": [],
                           "partners": [], "start": null, "end": null, "investment": null,
                           "classification": "public"}),
                    201,
                )
                .1
            }
        };
        (act, took)
    }

    /// Acts every `interval` until `stop` is set; each act's kind and time.
    fn run(mut self, interval: Duration, stop: &AtomicBool) -> (Writer, Vec<(Act, Duration)>) {
        let mut times = Vec::new();
        let mut due = Instant::now();
        while !stop.load(Ordering::Relaxed) {
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
                continue;
            }
            times.push(self.act());
            due += interval;
            // An act slower than the interval delays the next; none is made up.
            due = due.max(Instant::now());
        }
        (self, times)
    }

    /// Exactly `count` acts, every `interval`.
    fn acts(mut self, count: usize, interval: Duration) -> (Writer, Vec<(Act, Duration)>) {
        let mut times = Vec::new();
        for _ in 0..count {
            let t = Instant::now();
            times.push(self.act());
            if let Some(rest) = interval.checked_sub(t.elapsed()) {
                std::thread::sleep(rest);
            }
        }
        (self, times)
    }
}

/// Latency figures of some acts, in ms: p50, p99, max, count.
struct Figures {
    p50: f64,
    p99: f64,
    max: f64,
    count: usize,
}

/// Nearest-rank percentiles.
fn figures(times: impl Iterator<Item = Duration>) -> Figures {
    let mut ms: Vec<f64> = times.map(|d| d.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let rank = |q: f64| {
        let i = ((q * ms.len() as f64).ceil() as usize).clamp(1, ms.len().max(1)) - 1;
        ms.get(i).copied().unwrap_or(f64::NAN)
    };
    Figures {
        p50: rank(0.5),
        p99: rank(0.99),
        max: ms.last().copied().unwrap_or(f64::NAN),
        count: ms.len(),
    }
}

/// The acts' latencies, one column per phase (`p50 / p99 / max (count)`),
/// judged against the goal in the last.
fn print_acts(phases: &[(&str, &[(Act, Duration)])]) {
    let header: Vec<&str> = phases.iter().map(|(name, _)| *name).collect();
    println!(
        "| act, timed by the client: p50 / p99 / max (count) | {} | goal (p99 ≤ {GOAL_ACT_P99_MS} ms) in the last |",
        header.join(" | ")
    );
    println!("|{}", " --- |".repeat(phases.len() + 2));
    let kinds: Vec<(&str, Option<Act>)> = ACTS
        .iter()
        .map(|&a| (a.name(), Some(a)))
        .chain([("every act", None)])
        .collect();
    for (name, kind) in kinds {
        let mut cells = Vec::new();
        let mut last = None;
        for (_, times) in phases {
            let f = figures(
                times
                    .iter()
                    .filter(|(a, _)| kind.is_none_or(|k| k == *a))
                    .map(|(_, d)| *d),
            );
            cells.push(if f.count == 0 {
                "–".to_owned()
            } else {
                format!(
                    "{:.1} / {:.1} / {:.1} ms ({})",
                    f.p50, f.p99, f.max, f.count
                )
            });
            last = Some(f);
        }
        let verdict = match (kind, last) {
            (Some(Act::Adopt | Act::ProposeProject) | None, Some(f))
                if f.p99 <= GOAL_ACT_P99_MS =>
            {
                "met".to_owned()
            }
            (Some(Act::Adopt | Act::ProposeProject) | None, Some(f)) => {
                format!("not met ({:.1} × the bound)", f.p99 / GOAL_ACT_P99_MS)
            }
            _ => String::new(),
        };
        println!("| {name} | {} | {verdict} |", cells.join(" | "));
    }
}

/// The median of `samples` timings of `call`, in ms.
fn median_ms(samples: usize, mut call: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..samples)
        .map(|_| {
            let t = Instant::now();
            call();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[samples / 2]
}

/// `wrk` on `url` for `seconds` while `writer` acts once a second; the
/// run, the acts' times, and the writer back.
fn while_acting(
    url: &str,
    seconds: usize,
    bearer: Option<&str>,
    writer: Writer,
) -> (Run, Vec<(Act, Duration)>, Writer) {
    let stop = Arc::new(AtomicBool::new(false));
    let acting = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || writer.run(Duration::from_secs(1), &stop))
    };
    let run = wrk(url, seconds, bearer);
    stop.store(true, Ordering::Relaxed);
    let (writer, acts) = acting.join().expect("the writer");
    (run, acts, writer)
}

fn main() {
    let target = env_number("ACCORD_BENCH_EVENTS", 1_000_000);
    let duration = env_number("ACCORD_BENCH_SECONDS", 10);
    let write_seconds = env_number("ACCORD_BENCH_WRITE_SECONDS", 120);
    let rounds = env_number("ACCORD_BENCH_ROUNDS", 1).max(1);

    let dir = tempfile::tempdir().expect("temporary folder");
    let db = dir.path().join("accord.sqlite3");
    let key = SigningKey::from_seed("bench/az-us", [9; 32]).expect("key");
    let t = Instant::now();
    let (events, signed_on) = build_synthetic(&db, &key, Size::about(target));
    println!(
        "instance: {events} events, built in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let store: Box<dyn EventStore> = Box::new(SqliteStore::open(&db).expect("store"));
    let ledger = Ledger::open(store, key, &mut |_| {}).expect("ledger");
    let app = App::open(ledger, &mut |_, _| {}).expect("app");
    println!(
        "opened (verify + replay) in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let state = AppState::new(Arc::new(app));

    // The coordinators' logins and tokens, in an accounts file beside the log.
    let accounts =
        Arc::new(Accounts::open_sqlite(&dir.path().join("accounts.sqlite3")).expect("accounts"));
    let now = jiff::Timestamp::now().as_second();
    let mut tokens = Vec::new();
    for person in [AZ, US] {
        accounts
            .create_login(&format!("{person}@example.org"), person, None, now)
            .expect("login");
        tokens.push(
            accounts
                .issue_api_token(person, "bench", Scope::Write, now)
                .expect("token"),
        );
    }
    let reader = accounts
        .issue_api_token(US, "dashboard", Scope::Read, now)
        .expect("token");
    let auth = Auth::new(Arc::clone(&accounts));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (accord, minimal): (SocketAddr, SocketAddr) = runtime.block_on(async {
        let accord = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let minimal = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addresses = (
            accord.local_addr().expect("address"),
            minimal.local_addr().expect("address"),
        );
        let web = state.clone();
        tokio::spawn(async move {
            accord_web::serve(accord, web, auth, std::future::pending())
                .await
                .expect("serve");
        });
        tokio::spawn(async move { axum::serve(minimal, minimal_router()).await.expect("serve") });
        addresses
    });
    println!("accord on http://{accord}, the minimal handler on http://{minimal}");

    // Meetings between the day after the signature and yesterday.
    let today = utc_date(jiff::Timestamp::now());
    let first = signed_on.tomorrow().expect("a date");
    let days = i64::from(days_between(first, today)).max(1);
    let mut writer = Writer {
        address: accord,
        az: tokens[0].clone(),
        us: tokens[1].clone(),
        first,
        days,
        meetings: 0,
        next: 0,
        meeting: String::new(),
        date: String::new(),
        proposal: Default::default(),
        project_provision: state.app.read(|s| {
            s.groups
                .get(&accord_domain::ids::GroupId::new("group-0"))
                .and_then(|g| g.spec.scope.first())
                .map(ToString::to_string)
                .expect("group-0 has a scope")
        }),
    };
    println!(
        "meetings dated {first} to {} (signed on {signed_on}, today {today})",
        first
            .checked_add(Span::new().days(days - 1))
            .expect("a date")
    );

    // The dashboard as the coordinator sees it.
    let public = http(accord, "GET", "/", None, None);
    let signed_in = http(accord, "GET", "/", Some(&reader), None);
    assert_eq!(signed_in.status, 200, "{}", signed_in.body);
    // The coordinator sees every project, the public a third of them.
    assert_ne!(
        signed_in.body, public.body,
        "the dashboard is the public's for the coordinator"
    );
    println!(
        "dashboard: {} B for the coordinator, {} B for the public",
        signed_in.body.len(),
        public.body.len()
    );

    // What a recorded act makes the next readers pay, and what every
    // request with a token pays, one at a time, in process.
    let coordinator = Viewer::Person(PersonId::new(US));
    let status = median_ms(11, || {
        state.app.status(&coordinator, today).expect("status");
    });
    let public_status = median_ms(11, || {
        state.app.status(&Viewer::Public, today).expect("status");
    });
    let lookup = median_ms(11, || {
        for _ in 0..100 {
            accounts
                .api_token(&reader)
                .expect("lookup")
                .expect("a token");
        }
    }) / 100.0;
    println!(
        "one status report (what the first dashboard after an act recomputes), median of 11: \
         {status:.1} ms for the coordinator, {public_status:.1} ms for the public"
    );
    println!(
        "one API token looked up in the accounts (every request with a token): {:.1} µs (median of 11 × 100)",
        lookup * 1e3
    );

    // What an act costs with nobody reading.
    let (back, idle) = writer.acts(25, Duration::from_millis(200));
    writer = back;

    // A short warm-up (first answers build caches).
    let _ = wrk(&format!("http://{minimal}/ok"), 1, None);
    let _ = wrk(&format!("http://{accord}/"), 1, None);
    let _ = wrk(&format!("http://{accord}/"), 1, Some(&reader));
    let _ = wrk(&format!("http://{accord}/api/v1/groups"), 1, None);

    let side = (write_seconds / 2).max(1);
    for round in 1..=rounds {
        println!(
            "round {round} of {rounds}: wrk -t2 -c32 --latency, {duration} s without writes, \
             {side} s with one act a second ({write_seconds} s for the coordinator's dashboard); \
             each dashboard run right after the minimal handler's"
        );
        println!(
            "| what | req/s | minimal `ok` req/s just before | ratio to `ok` | p50 | p99 | max | goal (≥ {GOAL_RATIO} × `ok`) |"
        );
        println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
        let row = |name: &str, run: &Run, ok: &Run| {
            let ratio = run.rps / ok.rps;
            println!(
                "| {name} | {:.0} | {:.0} (p99 {:.2} ms) | **{ratio:.2}** | {:.2} ms | {:.2} ms | {:.1} ms | {} |",
                run.rps,
                ok.rps,
                ok.p99_ms,
                run.p50_ms,
                run.p99_ms,
                run.max_ms,
                if run.errors {
                    "errors"
                } else if ratio >= GOAL_RATIO {
                    "met"
                } else {
                    "not met"
                }
            );
        };
        let ok_url = format!("http://{minimal}/ok");
        let dashboard = format!("http://{accord}/");
        let groups = format!("http://{accord}/api/v1/groups");
        let ok = wrk(&ok_url, duration, None);
        let run = wrk(&dashboard, duration, None);
        row("`/` as the public, no writes", &run, &ok);
        let ok = wrk(&ok_url, duration, None);
        let run = wrk(&dashboard, duration, Some(&reader));
        row("`/` as the coordinator, no writes", &run, &ok);

        // The same writer while the minimal handler, then the public's
        // dashboard, are loaded: what the load alone, then the load with
        // an answer cache emptied by every act, add to an act.
        let (run, beside_ok, back) = while_acting(&ok_url, side, None, writer);
        writer = back;
        row("minimal `ok`, one act a second", &run, &ok);
        let ok = wrk(&ok_url, duration, None);
        let (run, beside_public, back) = while_acting(&dashboard, side, None, writer);
        writer = back;
        row("`/` as the public, one act a second", &run, &ok);
        // A cached list whose rebuilding needs no status report.
        let ok = wrk(&ok_url, duration, None);
        let (run, beside_groups, back) = while_acting(&groups, side, None, writer);
        writer = back;
        row(
            "`/api/v1/groups` as the public, one act a second",
            &run,
            &ok,
        );

        // The goal's run.
        let ok = wrk(&ok_url, duration, None);
        let size = state.app.size();
        let (run, acts, back) = while_acting(&dashboard, write_seconds, Some(&reader), writer);
        writer = back;
        row("**`/` as the coordinator, one act a second**", &run, &ok);
        println!(
            "{} acts recorded during the last run ({} entries); {} minutes adopted",
            acts.len(),
            state.app.size() - size,
            acts.iter().filter(|(a, _)| *a == Act::Adopt).count()
        );
        print_acts(&[
            ("nobody reading (five a second)", &idle),
            ("`/ok` loaded", &beside_ok),
            ("public `/api/v1/groups` loaded", &beside_groups),
            ("public `/` loaded", &beside_public),
            ("**coordinator's `/` loaded**", &acts),
        ]);
    }
}
