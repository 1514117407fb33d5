//! How fast a node's witness answers `add-checkpoint` for a large log.
//!
//! Builds the Merkle tree of a log of `ACCORD_BENCH_WITNESS_SIZE` entries
//! (default 10 million), has the witness cosign its checkpoint, then sends
//! it one new checkpoint at a time (each a few entries larger, with its
//! consistency proof from the last one), as the primary does after each
//! act, and reports the latency of each answer: verifying the log's
//! signature and the proof, storing the new size durably (a file written
//! and synced, then renamed), and cosigning. The floor it is compared
//! with is the same durable write alone, measured in the same run: the
//! disk's limit for a witness that persists before it answers.
//!
//! Run: `cargo bench -p accord-node --bench witness`

use std::sync::Arc;
use std::time::{Duration, Instant};

use accord_log::note::SigningKey;
use accord_log::witness::AddCheckpoint;
use accord_log::{Checkpoint, Tree, hash_leaf};
use accord_node::Wake;
use accord_node::folder::{NodeFolder, write_atomic};
use accord_node::witness::Witness;

fn main() {
    let size: u64 = std::env::var("ACCORD_BENCH_WITNESS_SIZE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000_000);
    let requests: u64 = 2_000;
    let step = 3;
    let started = Instant::now();
    let mut tree = Tree::new();
    tree.extend_leaves((0..size + requests * step).map(|i| hash_leaf(&i.to_be_bytes())));
    println!(
        "tree of {} leaves built in {:.1} s",
        tree.size(),
        started.elapsed().as_secs_f64()
    );

    let log = SigningKey::from_seed("bench.example/log", [1; 32]).unwrap();
    let witness_key = SigningKey::from_seed("bench.example/witness", [2; 32]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let folder = NodeFolder::create(dir.path()).unwrap();
    let witness = Witness::open(
        witness_key,
        log.verifier_key(),
        folder.clone(),
        Arc::new(Wake::default()),
    )
    .unwrap();
    let note = |n: u64| {
        log.sign(&Checkpoint::new("bench.example/log", n, tree.root_at(n).unwrap()).to_body())
            .unwrap()
    };
    let first = AddCheckpoint {
        old_size: 0,
        proof: Vec::new(),
        checkpoint: note(size),
    };
    assert_eq!(
        witness.add_checkpoint(first.to_body().as_bytes()).status,
        200
    );

    // The requests, prepared before the clock starts.
    let bodies: Vec<String> = (1..=requests)
        .map(|i| {
            let (old, new) = (size + (i - 1) * step, size + i * step);
            AddCheckpoint {
                old_size: old,
                proof: tree.consistency_proof(old, new).unwrap(),
                checkpoint: note(new),
            }
            .to_body()
        })
        .collect();
    let mut latencies = Vec::with_capacity(bodies.len());
    for body in &bodies {
        let t = Instant::now();
        let answer = witness.add_checkpoint(body.as_bytes());
        latencies.push(t.elapsed());
        assert_eq!(answer.status, 200, "{}", answer.body);
    }

    // The floor: the same durable write, alone.
    let probe = dir.path().join("probe.json");
    let mut floor = Vec::with_capacity(bodies.len());
    for i in 0..requests {
        let t = Instant::now();
        write_atomic(&probe, format!("{{\"size\": {i}}}").as_bytes()).unwrap();
        floor.push(t.elapsed());
    }

    let (p50, p99) = percentiles(&mut latencies);
    let (f50, f99) = percentiles(&mut floor);
    println!(
        "witness add-checkpoint, log of {size} entries, {requests} requests: p50 {:.2} ms, p99 {:.2} ms (goal p99 <= 5 ms)",
        ms(p50),
        ms(p99)
    );
    println!(
        "durable write alone (the disk's floor): p50 {:.2} ms, p99 {:.2} ms; witness / floor at p99: {:.2}",
        ms(f50),
        ms(f99),
        ms(p99) / ms(f99)
    );
}

fn percentiles(samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.99))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
