//! A large instance on disk: cold start (verify + replay) and `status`.
//!
//! `cargo bench -p accord-app --bench instance` (ACCORD_BENCH_EVENTS sets the
//! size, default 1,000,000 events, built from the synthetic generator over
//! the bundled charter into a SQLite file in a temporary folder).
//!
//! Figures, all from this one run:
//! - the floor: reading every entry's bytes back from SQLite (no hashing, no decoding);
//! - opening the ledger (recompute the tree, check the signed checkpoint);
//! - the cold start: ledger plus replay into memory, against the 3 s goal;
//! - the state's memory per event (resident set growth);
//! - `status` on the large instance (median of 20), against the 200 ms goal.

use std::time::Instant;

use accord_app::App;
use accord_app::charter_record::charter_record;
use accord_charter::CharterMetadata;
use accord_domain::event::encode;
use accord_domain::synthetic::{Size, entries};
use accord_domain::visibility::Viewer;
use accord_log::note::SigningKey;
use accord_store::{Ledger, SqliteStore};
use jiff::civil::date;

const TEXT: &str = include_str!("../../../charters/az-us-2026.fr.txt");
const METADATA: &str = include_str!("../../../charters/az-us-2026.toml");

fn rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmRSS:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or(0, |kib| kib * 1024)
}

fn main() {
    let target: usize = std::env::var("ACCORD_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let metadata = CharterMetadata::from_toml(METADATA).expect("bundled metadata");
    let charter = accord_charter::parse_with(TEXT, Some(&metadata)).expect("bundled charter");
    let record = charter_record(&[charter], &metadata, None).expect("charter record");
    let dir = tempfile::tempdir().expect("temporary folder");
    let db = dir.path().join("accord.sqlite3");
    let key = SigningKey::from_seed("bench/az-us", [9; 32]).expect("key");

    let t = Instant::now();
    let mut events = 0u64;
    {
        let store = SqliteStore::open(&db).expect("store");
        let mut ledger = Ledger::open(store, key.clone(), &mut |_| {}).expect("ledger");
        let mut batch: Vec<Vec<u8>> = Vec::with_capacity(10_000);
        for entry in entries(&record, Size::about(target)) {
            batch.push(encode(&entry));
            if batch.len() == 10_000 {
                ledger.append(&batch).expect("append");
                events += batch.len() as u64;
                batch.clear();
            }
        }
        if !batch.is_empty() {
            events += batch.len() as u64;
            ledger.append(&batch).expect("append");
        }
    }
    let bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "instance: {events} events, SQLite file {:.0} MB, written in {:.1} s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    // The floor: every entry's bytes read back, nothing else.
    let t = Instant::now();
    let connection = rusqlite::Connection::open(&db).expect("open");
    let mut statement = connection
        .prepare("SELECT entry FROM log_entries ORDER BY idx")
        .expect("select");
    let mut rows = statement.query([]).expect("query");
    let mut read = 0usize;
    while let Some(row) = rows.next().expect("row") {
        read += row
            .get_ref(0)
            .expect("entry")
            .as_bytes()
            .expect("blob")
            .len();
    }
    let floor = t.elapsed().as_secs_f64();
    drop(rows);
    drop(statement);
    drop(connection);
    println!(
        "floor, reading {:.0} MB of entries back: {floor:.2} s",
        read as f64 / 1e6
    );

    let before = rss_bytes();
    let t = Instant::now();
    let ledger =
        Ledger::open(SqliteStore::open(&db).expect("store"), key, &mut |_| {}).expect("ledger");
    let verified = t.elapsed().as_secs_f64();
    let app = App::open(ledger, &mut |_, _| {}).expect("app");
    let cold = t.elapsed().as_secs_f64();
    let held = rss_bytes().saturating_sub(before);
    println!("open the ledger (recompute the tree, check the checkpoint): {verified:.2} s");
    println!(
        "cold start (ledger + replay): {cold:.2} s = {:.1} × the floor; {:.0} events/s; goal ≤ 3 s for 1M events",
        cold / floor,
        events as f64 / cold
    );
    println!(
        "memory held after start-up: {:.0} MB, {:.0} bytes per event (goal ≤ 1024)",
        held as f64 / 1e6,
        held as f64 / events as f64
    );

    let mut times = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let report = app
            .status(&Viewer::Operator, date(2026, 11, 27))
            .expect("status");
        std::hint::black_box(&report);
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!(
        "status on the large instance: median {:.1} ms, worst {:.1} ms (goal ≤ 200 ms)",
        times[10] * 1e3,
        times[19] * 1e3
    );
}
