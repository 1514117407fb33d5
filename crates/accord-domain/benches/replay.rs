//! Replay: how fast the state is rebuilt from the log's entries, excluding
//! I/O, and how much memory the state holds per event.
//!
//! `cargo bench -p accord-domain --bench replay` (set ACCORD_BENCH_EVENTS to
//! change the size; default 1,000,000 events; the large instance is
//! 10,000,000).
//!
//! It reports, in one run: decode + evolve (the start-up path without the
//! store), evolve alone, and a baseline of parsing the same bytes as untyped
//! JSON (`serde_json::Value`), the cheapest honest way to read them.

use std::hint::black_box;
use std::time::Instant;

use accord_domain::Period;
use accord_domain::event::{decode, encode};
use accord_domain::ids::ProvisionId;
use accord_domain::model::*;
use accord_domain::rules::status;
use accord_domain::state::State;
use accord_domain::synthetic::{Size, entries};
use accord_domain::visibility::Viewer;
use jiff::civil::date;

fn charter() -> CharterRecord {
    let texts = |t: &str| -> Texts { [("fr".to_owned(), t.to_owned())].into_iter().collect() };
    CharterRecord {
        title: texts("Charte"),
        languages: vec!["fr".into()],
        signed_on: date(2026, 2, 10),
        parties: vec![
            Party {
                code: "AZ".into(),
                names: texts("AZ"),
            },
            Party {
                code: "US".into(),
                names: texts("US"),
            },
        ],
        provisions: (1..=16)
            .map(|n| Provision {
                id: ProvisionId(format!("I.{n}")),
                kind: ProvisionKind::Item,
                section: Some("I".into()),
                texts: texts("…"),
                commitment: true,
            })
            .collect(),
        obligations: vec![Obligation::Deadline {
            provision: "I.1".into(),
            from: Trigger::Signature,
            within: Period::months(3),
            deliverables: vec![Deliverable::ProjectList, Deliverable::Roadmap],
            quote: "trois mois".into(),
        }],
        working_groups: Vec::new(),
    }
}

fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Decodes batches on two threads and applies them in order on this one.
fn replay_on_two_threads(encoded: &[Vec<u8>]) -> State {
    use std::sync::mpsc::sync_channel;
    const BATCH: usize = 4096;
    let batches: Vec<&[Vec<u8>]> = encoded.chunks(BATCH).collect();
    let mut state = State::default();
    std::thread::scope(|scope| {
        let receivers: Vec<_> = (0..2)
            .map(|worker| {
                let (tx, rx) = sync_channel(2);
                let mine: Vec<&[Vec<u8>]> =
                    batches.iter().skip(worker).step_by(2).copied().collect();
                scope.spawn(move || {
                    for batch in mine {
                        let decoded: Vec<_> =
                            batch.iter().map(|e| decode(e).expect("decodes")).collect();
                        if tx.send(decoded).is_err() {
                            break;
                        }
                    }
                });
                rx
            })
            .collect();
        for n in 0..batches.len() {
            for entry in receivers[n % 2].recv().expect("a decoded batch") {
                state.evolve(&entry);
            }
        }
    });
    state
}

fn main() {
    let target: usize = std::env::var("ACCORD_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let charter = charter();
    let encoded: Vec<Vec<u8>> = entries(&charter, Size::about(target))
        .map(|e| encode(&e))
        .collect();
    let events = encoded.len();
    let bytes: usize = encoded.iter().map(Vec::len).sum();
    println!(
        "synthetic instance: {events} events, {:.1} MB of canonical JSON",
        bytes as f64 / 1e6
    );

    // Replay first, while nothing has been freed yet, so that the resident
    // set's growth is the state's own footprint (plus the allocator's slack).
    let before = rss_bytes();
    let t = Instant::now();
    let mut state = State::default();
    for e in &encoded {
        state.evolve(&decode(e).expect("decodes"));
    }
    let replay = t.elapsed().as_secs_f64();
    let after = rss_bytes();
    black_box(&state);

    // The charter's rules over the whole instance, as the operator sees it.
    let mut times = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        black_box(status(&state, date(2026, 11, 27), &Viewer::Operator).expect("status"));
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let status_median = times[5];
    drop(state);

    let t = Instant::now();
    let mut values = 0usize;
    for e in &encoded {
        let v: serde_json::Value = serde_json::from_slice(e).expect("valid JSON");
        values += usize::from(v.is_object());
    }
    black_box(values);
    let baseline = t.elapsed().as_secs_f64();

    let decoded: Vec<_> = encoded
        .iter()
        .map(|e| decode(e).expect("decodes"))
        .collect();
    let t = Instant::now();
    let state = State::replay(&decoded);
    let evolve = t.elapsed().as_secs_f64();
    black_box(&state);

    drop(state);
    // As `accord` starts: two threads decode alternate batches while this
    // one applies them in order.
    let t = Instant::now();
    let state = replay_on_two_threads(&encoded);
    let pipelined = t.elapsed().as_secs_f64();
    black_box(&state);

    let rate = |secs: f64| events as f64 / secs;
    println!(
        "decode on 2 threads + evolve:  {:>12.0} events/s  ({:.2} × baseline)",
        rate(pipelined),
        baseline / pipelined
    );
    println!(
        "untyped JSON parse (baseline): {:>12.0} events/s",
        rate(baseline)
    );
    println!(
        "decode + evolve (replay):      {:>12.0} events/s  ({:.2} × baseline)",
        rate(replay),
        baseline / replay
    );
    println!(
        "evolve alone:                  {:>12.0} events/s",
        rate(evolve)
    );
    println!(
        "status on this instance:       {:>12.1} ms (median of 10)",
        status_median * 1e3
    );
    if let (Some(before), Some(after)) = (before, after) {
        println!(
            "state held: {:.1} MB, {:.0} bytes per event (resident set growth)",
            after.saturating_sub(before) as f64 / 1e6,
            after.saturating_sub(before) as f64 / events as f64
        );
    }
}
