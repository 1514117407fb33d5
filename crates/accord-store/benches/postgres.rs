//! PostgreSQL benchmarks, each against a peer measured in the same run on
//! the same cluster:
//!
//! 1. durable single acts: one entry appended through the ledger (commit
//!    with `synchronous_commit = on`, then sign and file the checkpoint
//!    under the signing lock), against a bare `INSERT` of the same bytes
//!    committed alone with `synchronous_commit = on`; measured in turns
//!    (interleaved slices) so that both see the same disk;
//! 2. a follower's catch-up: a second ledger on the same database, opened
//!    before another appends 100,000 entries (in batches of 1,000), then
//!    catching up with all of them (reading them back, checking each
//!    entry's leaf hash and seal, extending its tree, checking the signed
//!    root).
//!
//! Run with `ACCORD_TEST_DATABASE_URL=postgres://… cargo bench -p
//! accord-store --bench postgres` (`scripts/test` shows how to start a
//! private cluster); each run works in a schema of its own, dropped at the
//! end. `ACCORD_BENCH_ENTRIES` changes the catch-up's size.

use std::time::{Duration, Instant};

use accord_log::note::SigningKey;
use accord_store::{EventStore, Ledger, PgStore};

fn entry(i: u64) -> Vec<u8> {
    format!(
        r#"{{"at":"2026-03-01T09:00:00Z","by":"person-{}","event":"ProjectProposed","project":{{"id":"p-{i:08}","provisions":["II.4","III.2"],"title":"Project number {i} of the energy working group"}},"v":1,"working_group":"energy"}}"#,
        i % 97
    )
    .into_bytes()
}

fn key() -> SigningKey {
    SigningKey::from_seed("bench.example/log", [9; 32]).expect("a key")
}

/// A schema of its own on the benchmark's server, dropped at the end.
struct Schema {
    url: String,
    name: String,
    admin: postgres::Client,
}

impl Schema {
    fn fresh(base: &str) -> Schema {
        let mut admin = postgres::Client::connect(base, postgres::NoTls).expect("the server");
        let name = format!("accord_bench_{}", std::process::id());
        admin
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
            ))
            .expect("a schema");
        let sep = if base.contains('?') { '&' } else { '?' };
        Schema {
            url: format!("{base}{sep}options=-csearch_path%3D{name}"),
            name,
            admin,
        }
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let _ = self
            .admin
            .batch_execute(&format!("DROP SCHEMA {} CASCADE", self.name));
    }
}

/// Runs the contenders in turns of `slice` for `rounds` rounds; answers
/// each one's steps per second.
fn interleaved(rounds: u32, slice: Duration, contenders: &mut [&mut dyn FnMut(u64)]) -> Vec<f64> {
    let mut steps = vec![0u64; contenders.len()];
    let mut spent = vec![Duration::ZERO; contenders.len()];
    for _ in 0..rounds {
        for (k, step) in contenders.iter_mut().enumerate() {
            let start = Instant::now();
            while start.elapsed() < slice {
                step(steps[k]);
                steps[k] += 1;
            }
            spent[k] += start.elapsed();
        }
    }
    steps
        .iter()
        .zip(&spent)
        .map(|(&n, d)| n as f64 / d.as_secs_f64())
        .collect()
}

fn main() {
    let Ok(base) = std::env::var("ACCORD_TEST_DATABASE_URL") else {
        eprintln!("ACCORD_TEST_DATABASE_URL is not set: these benchmarks need a PostgreSQL server");
        std::process::exit(2);
    };
    let schema = Schema::fresh(&base);

    // 1. Durable single acts against a bare INSERT; COMMIT.
    let mut ledger = Ledger::open(
        Box::new(PgStore::connect(&schema.url).expect("a store")) as Box<dyn EventStore>,
        key(),
        &mut |_| {},
    )
    .expect("a ledger");
    let mut bare = postgres::Client::connect(&schema.url, postgres::NoTls).expect("a connection");
    bare.batch_execute(
        "SET synchronous_commit TO on; CREATE TABLE bare (idx BIGINT PRIMARY KEY, entry BYTEA NOT NULL)",
    )
    .expect("the bare table");
    let insert = bare
        .prepare("INSERT INTO bare (idx, entry) VALUES ($1, $2)")
        .expect("a statement");
    let mut act = |i: u64| {
        ledger.append(&[entry(i)]).expect("an act");
    };
    let mut plain = |i: u64| {
        let idx = i64::try_from(i).expect("a small index");
        bare.execute(&insert, &[&idx, &entry(i)])
            .expect("an insert");
    };
    let rates = interleaved(6, Duration::from_millis(500), &mut [&mut act, &mut plain]);
    println!(
        "durable single acts: {:.0}/s through the ledger, {:.0}/s bare INSERT+COMMIT: ratio {:.2}",
        rates[0],
        rates[1],
        rates[0] / rates[1]
    );

    // 2. A follower's catch-up after many appends elsewhere.
    let n: u64 = std::env::var("ACCORD_BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let mut follower = Ledger::open(
        Box::new(PgStore::connect(&schema.url).expect("a store")) as Box<dyn EventStore>,
        key(),
        &mut |_| {},
    )
    .expect("a follower");
    let from = ledger.size();
    let batch = 1_000;
    let mut i = from;
    let appending = Instant::now();
    while i < from + n {
        let entries: Vec<Vec<u8>> = (i..(i + batch).min(from + n)).map(entry).collect();
        ledger.append(&entries).expect("a batch");
        i += entries.len() as u64;
    }
    let appended = appending.elapsed();
    let started = Instant::now();
    let added = follower.refresh().expect("the catch-up");
    let took = started.elapsed();
    assert_eq!(follower.root(), ledger.root(), "the follower agrees");
    println!(
        "follower catch-up: {added} entries in {:.3} s ({:.0} entries/s; appending them took {:.2} s)",
        took.as_secs_f64(),
        added as f64 / took.as_secs_f64(),
        appended.as_secs_f64()
    );
}
