//! Store benchmarks, each a ratio against a peer measured in the same run on
//! the same disk (figures vary between machines and runs; ratios less so):
//!
//! 1. durable single-entry commits per second (SQLite, WAL, `synchronous=FULL`)
//!    against a raw `write` + `fdatasync` loop on a file in the same folder;
//! 2. appends in batches of 100 entries through the ledger (commit, sign,
//!    file the checkpoint): entries per second;
//! 3. single-entry appends through the ledger that keeps each checkpoint in
//!    a file beside the key (`accord_store::kept::KeptFile`: temporary file
//!    and rename after filing, the file and its folder synced alongside the
//!    next commit), against the same ledger keeping nothing, keeping with no
//!    sync at all, and keeping with the syncs in line after each filing;
//! 4. opening a store of 1,000,000 entries (recompute every leaf hash from the
//!    bytes, check seals and the signed root): entries per second, against a
//!    bare scan of the same rows and against hashing the same bytes.
//!
//! Run with `cargo bench -p accord-store --bench store`. The temporary files
//! go to `ACCORD_BENCH_DIR` (default: the system's temporary folder, which
//! must be on a real disk for the fsync figures to mean anything);
//! `ACCORD_BENCH_ENTRIES` changes the size of the opened store.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use accord_log::note::SigningKey;
use accord_store::kept::{CheckpointKeeper, KeptError, KeptFile};
use accord_store::{EventStore, Ledger, NewEntry, SqliteStore};

/// A realistic entry: canonical JSON of a domain event, about 230 bytes.
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

/// Contenders measured in turns: each runs for a short slice, then the next,
/// for `rounds` rounds, so that all of them see the same disk conditions
/// (on a shared or virtual machine the disk's sync rate drifts by a factor
/// of several within seconds). Returns each contender's items per second.
fn interleaved(
    rounds: u32,
    slice: Duration,
    contenders: &mut [&mut dyn FnMut(u64) -> u64],
) -> Vec<f64> {
    let mut items = vec![0u64; contenders.len()];
    let mut spent = vec![Duration::ZERO; contenders.len()];
    let mut steps = vec![0u64; contenders.len()];
    for _ in 0..rounds {
        for (k, step) in contenders.iter_mut().enumerate() {
            let start = Instant::now();
            while start.elapsed() < slice {
                items[k] += step(steps[k]);
                steps[k] += 1;
            }
            spent[k] += start.elapsed();
        }
    }
    items
        .iter()
        .zip(&spent)
        .map(|(&n, d)| n as f64 / d.as_secs_f64())
        .collect()
}

fn per_sec(n: u64, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}

/// A file that takes `batch` entries' bytes per step, synced each time.
fn raw_appender(dir: &Path, batch: u64) -> impl FnMut(u64) -> u64 {
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(format!("raw{batch}.bin")))
        .expect("a file");
    move |i| {
        let bytes: Vec<u8> = (i * batch..(i + 1) * batch).flat_map(entry).collect();
        file.write_all(&bytes).expect("write");
        file.sync_data().expect("fdatasync");
        batch
    }
}

/// A bare store that commits one entry per step.
fn store_appender(dir: &Path) -> impl FnMut(u64) -> u64 {
    let mut store = SqliteStore::open(&dir.join("single.sqlite3")).expect("a store");
    move |i| {
        let bytes = entry(i);
        let new = [NewEntry {
            entry: &bytes,
            leaf_hash: [0; 32],
            seal: [0; 32],
        }];
        store.append(i, &new).expect("append");
        1
    }
}

/// A ledger that appends `batch` entries per step (commit, sign, file).
fn ledger_appender(dir: &Path, batch: u64) -> impl FnMut(u64) -> u64 {
    let store = SqliteStore::open(&dir.join(format!("ledger{batch}.sqlite3"))).expect("a store");
    let mut ledger = Ledger::open(store, key(), &mut |_| {}).expect("a ledger");
    move |i| {
        let entries: Vec<Vec<u8>> = (i * batch..(i + 1) * batch).map(entry).collect();
        ledger.append(&entries).expect("append");
        batch
    }
}

/// A ledger that appends one entry per step and keeps each checkpoint with
/// `keeper`.
fn keeping_appender(
    dir: &Path,
    name: &str,
    keeper: Box<dyn CheckpointKeeper>,
) -> impl FnMut(u64) -> u64 {
    let store = SqliteStore::open(&dir.join(format!("{name}.sqlite3"))).expect("a store");
    let mut ledger = Ledger::open_keeping(store, key(), keeper, &mut |_| {}).expect("a ledger");
    move |i| {
        ledger.append(&[entry(i)]).expect("append");
        1
    }
}

/// The kept file written to a temporary name and renamed, with the file
/// and its folder synced at once (`sync_in_keep`) or never: the
/// alternatives to `KeptFile`'s settling alongside the next commit.
#[derive(Debug)]
struct OtherFile {
    path: std::path::PathBuf,
    sync_in_keep: bool,
}

impl CheckpointKeeper for OtherFile {
    fn describe(&self) -> String {
        self.path.display().to_string()
    }
    fn load(&mut self) -> Result<Option<String>, KeptError> {
        Ok(std::fs::read_to_string(&self.path).ok())
    }
    fn keep(&mut self, note: &str) -> Result<(), KeptError> {
        let temporary = self.path.with_extension("partial");
        let mut file = std::fs::File::create(&temporary).expect("create");
        file.write_all(note.as_bytes()).expect("write");
        if self.sync_in_keep {
            file.sync_all().expect("sync");
        }
        std::fs::rename(&temporary, &self.path).expect("rename");
        if self.sync_in_keep {
            let folder = self.path.parent().expect("a folder");
            std::fs::File::open(folder)
                .and_then(|d| d.sync_all())
                .expect("sync");
        }
        Ok(())
    }
    fn settle(&mut self) -> Result<(), KeptError> {
        Ok(())
    }
}

fn main() {
    let base = std::env::var_os("ACCORD_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let dir = tempfile::tempdir_in(&base).expect("a temporary folder");
    let dir = dir.path();
    let entries: u64 = std::env::var("ACCORD_BENCH_ENTRIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    println!("accord-store benchmarks in {}", dir.display());

    // 1. Durable single-entry commits against the disk's own sync rate, and
    // 2. batches of 100 against the same bytes written and synced raw.
    let rates = interleaved(
        12,
        Duration::from_millis(250),
        &mut [
            &mut raw_appender(dir, 1),
            &mut store_appender(dir),
            &mut ledger_appender(dir, 1),
            &mut raw_appender(dir, 100),
            &mut ledger_appender(dir, 100),
        ],
    );
    let [raw, single, ledger1, raw100, batched] = rates[..] else {
        unreachable!("five contenders")
    };
    println!("raw write+fdatasync, 1 entry:       {raw:>10.0} /s");
    println!(
        "store: single-entry commits:        {single:>10.0} /s   ratio to raw {:.2} (goal >= 0.5)",
        single / raw
    );
    println!(
        "ledger: single-entry appends:       {ledger1:>10.0} /s   ratio to raw {:.2} (commit, sign, file the checkpoint)",
        ledger1 / raw
    );
    println!("raw write+fdatasync, 100 entries:   {raw100:>10.0} entries/s");
    println!(
        "ledger: appends in batches of 100:  {batched:>10.0} entries/s   ratio to raw {:.2}; goal >= 50,000: {:.2}x",
        batched / raw100,
        batched / 50_000.0
    );

    // 3. Keeping each checkpoint beside the key.
    let rates = interleaved(
        12,
        Duration::from_millis(250),
        &mut [
            &mut ledger_appender(dir, 1),
            &mut keeping_appender(
                dir,
                "kept-none",
                Box::new(OtherFile {
                    path: dir.join("kept-none.latest"),
                    sync_in_keep: false,
                }),
            ),
            &mut keeping_appender(
                dir,
                "kept-in-line",
                Box::new(OtherFile {
                    path: dir.join("kept-in-line.latest"),
                    sync_in_keep: true,
                }),
            ),
            &mut keeping_appender(
                dir,
                "kept",
                Box::new(KeptFile::new(dir.join("kept.latest"))),
            ),
        ],
    );
    let [bare, unsynced, in_line, kept] = rates[..] else {
        unreachable!("four contenders")
    };
    println!("ledger: single-entry appends, nothing kept:        {bare:>8.0} /s");
    println!(
        "  kept, never synced:                               {unsynced:>8.0} /s   ratio {:.2}",
        unsynced / bare
    );
    println!(
        "  kept, file and folder synced in line:             {in_line:>8.0} /s   ratio {:.2}",
        in_line / bare
    );
    println!(
        "  kept, KeptFile (synced alongside the next commit): {kept:>7.0} /s   ratio {:.2}",
        kept / bare
    );

    // 4. Opening a large store.
    let path = dir.join("large.sqlite3");
    {
        let store = SqliteStore::open(&path).expect("a store");
        let mut ledger = Ledger::open(store, key(), &mut |_| {}).expect("a ledger");
        let start = Instant::now();
        let mut next = 0;
        while next < entries {
            let end = (next + 10_000).min(entries);
            let batch: Vec<Vec<u8>> = (next..end).map(entry).collect();
            ledger.append(&batch).expect("append");
            next = end;
        }
        println!(
            "built a store of {entries} entries in {:.1} s",
            start.elapsed().as_secs_f64()
        );
    }
    let bytes: u64 = (0..entries).map(|i| entry(i).len() as u64).sum();

    let start = Instant::now();
    let mut store = SqliteStore::open_existing(&path).expect("the store");
    let mut scanned = 0u64;
    let mut from = 0;
    loop {
        let rows = store.read(from, 10_000).expect("read");
        let Some(last) = rows.last() else { break };
        from = last.index + 1;
        scanned += rows.iter().map(|r| r.entry.len() as u64).sum::<u64>();
    }
    let scan = start.elapsed();
    assert_eq!(scanned, bytes);

    let all: Vec<Vec<u8>> = (0..entries).map(entry).collect();
    let start = Instant::now();
    let mut tree = accord_log::Tree::new();
    for e in &all {
        tree.push_entry(e);
    }
    let hashing = start.elapsed();
    drop(all);

    let start = Instant::now();
    let store = SqliteStore::open(&path).expect("the store");
    let ledger = Ledger::open(store, key(), &mut |_| {}).expect("a ledger");
    let open = start.elapsed();
    assert!(ledger.problem().is_none());
    assert_eq!(ledger.root(), tree.root());

    let start = Instant::now();
    let mut store = SqliteStore::open_existing(&path).expect("the store");
    let verifier = key().verifier_key();
    let audit = accord_store::verify(
        &mut store,
        &accord_store::VerifyOptions {
            verifier: &verifier,
            origin: "bench.example/log",
            seal_key: None,
            every_checkpoint: true,
            batch: accord_store::DEFAULT_BATCH,
        },
        &mut |_| {},
    )
    .expect("the check runs");
    let full = start.elapsed();
    assert!(audit.is_intact());

    let mb = bytes as f64 / 1e6;
    println!(
        "open + verify {entries} entries ({mb:.0} MB): {:.2} s = {:.0} entries/s, {:.0} MB/s",
        open.as_secs_f64(),
        per_sec(entries, open),
        mb / open.as_secs_f64()
    );
    println!(
        "auditor's full check (no seals, every checkpoint): {:.2} s = {:.0} entries/s",
        full.as_secs_f64(),
        per_sec(entries, full)
    );
    println!(
        "  bare scan of the same rows:  {:.2} s   (open / scan = {:.2})",
        scan.as_secs_f64(),
        open.as_secs_f64() / scan.as_secs_f64()
    );
    println!(
        "  tree over the same bytes, in memory: {:.2} s   (open / hashing = {:.2})",
        hashing.as_secs_f64(),
        open.as_secs_f64() / hashing.as_secs_f64()
    );
    println!(
        "  tree memory: {:.1} MB",
        ledger.tree().heap_bytes() as f64 / 1e6
    );
}
