//! `accord import projects` at growing sizes: is it linear in its rows, and
//! how far is it from the cost of only reading the file?
//!
//! `cargo bench -p accord-app --bench import` (ACCORD_BENCH_ROWS sets the
//! sizes, default `2000,8000,32000,100000`). Each size is imported into a
//! fresh SQLite instance of the bundled charter, as the command does: the
//! plan (every row read, checked and decided against a scratch state), then
//! the append (decided again, encoded, hashed into the tree, written in one
//! transaction, checkpoint signed). Figures, all from this one run:
//! - seconds per size, and the time per row of each size against the
//!   smallest (1.0 is linear);
//! - the floor: the same file only parsed as CSV records;
//! - the goal: 100,000 rows in ≤ 10 s.

use std::time::Instant;

use accord_app::App;
use accord_app::charter_record::charter_record;
use accord_app::import::projects::plan;
use accord_charter::CharterMetadata;
use accord_domain::command::{Actor, Command};
use accord_log::note::SigningKey;
use accord_store::{Ledger, SqliteStore};

const TEXT: &str = include_str!("../../../charters/az-us-2026.fr.txt");
const METADATA: &str = include_str!("../../../charters/az-us-2026.toml");

/// `rows` projects in the import's format, spread over the groups, with a
/// partner out of 500 (registered by the first row that names it).
fn csv(rows: usize) -> String {
    let groups = [
        "economy-trade",
        "energy",
        "connectivity",
        "ai-digital",
        "security-defense",
    ];
    let mut text = accord_export::table::PROJECTS_COLUMNS.join(",");
    text.push_str(",title_az,title_en\n");
    for i in 0..rows {
        let group = groups[i % groups.len()];
        text.push_str(&format!(
            "{group},Project {i},I.1,AZ,az-minenergy,Partner {},2026-06-01,2028-12-31,1000.50,USD,public,Layihə {i},Project {i}\n",
            i % 500
        ));
    }
    text
}

fn main() {
    let sizes: Vec<usize> = std::env::var("ACCORD_BENCH_ROWS")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![2_000, 8_000, 32_000, 100_000]);
    let metadata = CharterMetadata::from_toml(METADATA).expect("bundled metadata");
    let charter = accord_charter::parse_with(TEXT, Some(&metadata)).expect("bundled charter");
    let record = charter_record(&[charter], &metadata, None).expect("charter record");
    let now = jiff::Timestamp::now();

    let mut first_per_row = None;
    for rows in sizes {
        let text = csv(rows);
        let t = Instant::now();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let parsed = reader.records().filter(|r| r.is_ok()).count();
        let floor = t.elapsed().as_secs_f64();
        assert_eq!(parsed, rows);

        let dir = tempfile::tempdir().expect("temporary folder");
        let store = SqliteStore::open(&dir.path().join("accord.sqlite3")).expect("store");
        let key = SigningKey::from_seed("bench/az-us", [9; 32]).expect("key");
        let ledger = Ledger::open(store, key, &mut |_| {}).expect("ledger");
        let app = App::open(ledger, &mut |_, _| {}).expect("app");
        app.execute(
            &Actor::System,
            Command::Initialise {
                origin: "bench/az-us".into(),
                charter: record.clone(),
            },
            now,
        )
        .expect("initialise");

        let t = Instant::now();
        let commands = app
            .read(|state| plan(&text, state, accord_app::utc_date(now)))
            .expect("a valid file");
        let planned = t.elapsed().as_secs_f64();
        app.execute_all(&Actor::System, commands, now)
            .expect("import");
        let total = t.elapsed().as_secs_f64();

        let per_row = total / rows as f64;
        let linearity = per_row / *first_per_row.get_or_insert(per_row);
        println!(
            "{rows:>7} rows: {total:6.2} s (plan {planned:.2} s, append {:.2} s), {:.1} µs/row = {linearity:.2} × the smallest size's per row; {:.0} × the floor (CSV parse {:.3} s)",
            total - planned,
            per_row * 1e6,
            total / floor.max(1e-9),
            floor
        );
        if rows == 100_000 {
            println!(
                "goal: 100,000 rows in ≤ 10 s: {}",
                if total <= 10.0 { "met" } else { "NOT met" }
            );
        }
    }
}
