//! accord-log benchmarks, plain `std` timing (no criterion), run with
//! `cargo bench -p accord-log`. Every figure that BENCHMARKS.md records is a
//! ratio or a bound measured in the same run, because absolute numbers vary
//! between machines and between runs:
//!
//! (a) verify throughput: recomputing the root over N entries of 300 bytes,
//!     against this machine's single-core raw SHA-256 rate over the same bytes;
//! (b) inclusion and consistency proof generation and verification at 1M and
//!     10M leaves (goal: under 100 µs each);
//! (c) heap memory held per leaf by `Tree` (goal: at most 64 bytes).
//!
//! Set `ACCORD_BENCH_QUICK=1` for a short smoke run (smaller trees).

use std::hint::black_box;
use std::time::{Duration, Instant};

use accord_log::tiles::{hash_tile, tile_width_at};
use accord_log::{Hash, Tree, hash_leaf, verify_consistency, verify_inclusion};
use sha2::{Digest, Sha256};

const ENTRY_SIZE: usize = 300;
/// Distinct entries cycled through (1.2 MB: the same for both sides of (a)).
const POOL: usize = 4096;

/// A small deterministic generator (xorshift64*): no OS randomness needed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn entries() -> Vec<Vec<u8>> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..POOL)
        .map(|_| (0..ENTRY_SIZE).map(|_| rng.next() as u8).collect())
        .collect()
}

/// The best of `rounds` timings of `f` (the least disturbed by other work).
fn best_of<T>(rounds: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap()
}

fn throughput(n: usize) {
    let pool = entries();
    let bytes = (n * ENTRY_SIZE) as f64;
    // Raw SHA-256 over the same bytes, streamed through one hasher, and the
    // verifier's work: every leaf hash, every node, the root. The two are
    // timed alternately and the best of each kept, so that a burst of other
    // work on the machine does not tilt the ratio.
    let mut raw = Duration::MAX;
    let mut tree_time = Duration::MAX;
    for _ in 0..5 {
        raw = raw.min(best_of(1, || {
            let mut hasher = Sha256::new();
            for i in 0..n {
                hasher.update(&pool[i % POOL]);
            }
            hasher.finalize()
        }));
        tree_time = tree_time.min(best_of(1, || {
            let mut tree = Tree::new();
            for i in 0..n {
                tree.push_entry(&pool[i % POOL]);
            }
            tree.root()
        }));
    }
    // Its parts: the leaf hashes alone, and as many node hashes alone.
    let leaves_only = best_of(3, || {
        let mut acc = Hash::from_bytes([0; 32]);
        for i in 0..n {
            acc = hash_leaf(&pool[i % POOL]);
        }
        acc
    });
    let nodes_only = best_of(3, || {
        let mut acc = Hash::from_bytes([0; 32]);
        for _ in 0..n {
            acc = accord_log::hash_children(&acc, &acc);
        }
        acc
    });
    let mb = |d: Duration| bytes / d.as_secs_f64() / 1e6;
    println!("## (a) verify throughput: root over {n} entries of {ENTRY_SIZE} bytes");
    println!(
        "raw SHA-256 (one stream)          {:>8.1} MB/s  ({:.3} s)",
        mb(raw),
        raw.as_secs_f64()
    );
    println!(
        "Tree::push_entry + root           {:>8.1} MB/s  ({:.3} s)",
        mb(tree_time),
        tree_time.as_secs_f64()
    );
    println!(
        "  of which leaf hashes alone      {:>8.1} ns/entry",
        leaves_only.as_secs_f64() * 1e9 / n as f64
    );
    println!(
        "  and {n} node hashes alone   {:>8.1} ns/node",
        nodes_only.as_secs_f64() * 1e9 / n as f64
    );
    println!(
        "  tree in all                     {:>8.1} ns/entry",
        tree_time.as_secs_f64() * 1e9 / n as f64
    );
    println!(
        "ratio tree / raw SHA-256          {:>8.2}   (goal >= 0.5)",
        raw.as_secs_f64() / tree_time.as_secs_f64()
    );
    println!();
}

/// Leaf hashes made without hashing: the benchmark is about the tree.
fn synthetic_leaf(i: u64) -> Hash {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&i.to_le_bytes());
    bytes[8..16].copy_from_slice(&i.wrapping_mul(0x9E37_79B9_7F4A_7C15).to_le_bytes());
    Hash::from_bytes(bytes)
}

fn per_op(samples: usize, total: Duration) -> f64 {
    total.as_secs_f64() * 1e6 / samples as f64
}

fn proofs(n: u64) {
    let start = Instant::now();
    let mut tree = Tree::new();
    for i in 0..n {
        tree.push_leaf(synthetic_leaf(i));
    }
    let build = start.elapsed();
    let root = tree.root();
    let heap = tree.heap_bytes();

    const SAMPLES: usize = 2000;
    let mut rng = Rng(n ^ 0xD1B5_4A32_D192_ED03);
    // Random queries against the full tree and against random earlier sizes.
    let queries: Vec<(u64, u64)> = (0..SAMPLES)
        .map(|i| {
            let size = if i % 2 == 0 { n } else { 1 + rng.below(n) };
            (rng.below(size), size)
        })
        .collect();
    let roots: Vec<Hash> = queries
        .iter()
        .map(|&(_, s)| tree.root_at(s).unwrap())
        .collect();

    let start = Instant::now();
    let inclusion: Vec<Vec<Hash>> = queries
        .iter()
        .map(|&(i, s)| tree.inclusion_proof(i, s).unwrap())
        .collect();
    let gen_inclusion = start.elapsed();
    let start = Instant::now();
    for ((&(i, s), proof), r) in queries.iter().zip(&inclusion).zip(&roots) {
        verify_inclusion(i, s, &tree.leaf(i).unwrap(), proof, r).unwrap();
    }
    let verify_incl = start.elapsed();

    let pairs: Vec<(u64, u64)> = queries.iter().map(|&(i, s)| (i + 1, s)).collect();
    let old_roots: Vec<Hash> = pairs
        .iter()
        .map(|&(m, _)| tree.root_at(m).unwrap())
        .collect();
    let start = Instant::now();
    let consistency: Vec<Vec<Hash>> = pairs
        .iter()
        .map(|&(m, s)| tree.consistency_proof(m, s).unwrap())
        .collect();
    let gen_consistency = start.elapsed();
    let start = Instant::now();
    for (((&(m, s), proof), old), new) in pairs.iter().zip(&consistency).zip(&old_roots).zip(&roots)
    {
        verify_consistency(m, s, old, new, proof).unwrap();
    }
    let verify_cons = start.elapsed();
    let start = Instant::now();
    for &(_, s) in &queries {
        black_box(tree.root_at(s).unwrap());
    }
    let root_at = start.elapsed();
    black_box(root);
    // Hash tiles as a tiled log serves them: random full tiles of levels 0
    // and 1 (level 0 copies leaf hashes; level 1 reads stored nodes).
    let mut tile_times = [Duration::ZERO; 2];
    for (level, time) in tile_times.iter_mut().enumerate() {
        let level = level as u8;
        let tiles = (0..)
            .take_while(|&i| tile_width_at(n, level, i) == Some(256))
            .count() as u64;
        if tiles == 0 {
            continue;
        }
        let start = Instant::now();
        for _ in 0..SAMPLES {
            black_box(hash_tile(&tree, level, rng.below(tiles), 256).unwrap());
        }
        *time = start.elapsed();
    }

    println!(
        "## (b, c) tree of {n} leaves (built from leaf hashes in {:.2} s)",
        build.as_secs_f64()
    );
    println!(
        "inclusion proof generation        {:>8.2} µs  (goal < 100)",
        per_op(SAMPLES, gen_inclusion)
    );
    println!(
        "inclusion proof verification      {:>8.2} µs  (goal < 100)",
        per_op(SAMPLES, verify_incl)
    );
    println!(
        "consistency proof generation      {:>8.2} µs  (goal < 100)",
        per_op(SAMPLES, gen_consistency)
    );
    println!(
        "consistency proof verification    {:>8.2} µs  (goal < 100)",
        per_op(SAMPLES, verify_cons)
    );
    println!(
        "root at an earlier size           {:>8.2} µs",
        per_op(SAMPLES, root_at)
    );
    println!(
        "full hash tile, level 0           {:>8.2} µs",
        per_op(SAMPLES, tile_times[0])
    );
    println!(
        "full hash tile, level 1           {:>8.2} µs",
        per_op(SAMPLES, tile_times[1])
    );
    println!(
        "heap held per leaf                {:>8.2} B   (goal <= 64; {:.1} MiB in all)",
        heap as f64 / n as f64,
        heap as f64 / (1 << 20) as f64
    );
    println!();
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: keep
    // that run short so the test suite stays fast.
    let quick = std::env::var_os("ACCORD_BENCH_QUICK").is_some()
        || !std::env::args().any(|a| a == "--bench");
    if quick {
        throughput(10_000);
        proofs(100_000);
        return;
    }
    throughput(1_000_000);
    proofs(1_000_000);
    proofs(10_000_000);
}
