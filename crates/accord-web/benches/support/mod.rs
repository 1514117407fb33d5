//! What the web benches share: a number from the environment, and a
//! synthetic instance over the bundled charter written into a SQLite file.

// Each bench compiles this module and uses part of it.
#![allow(dead_code)]

use accord_app::charter_record::charter_record;
use accord_charter::CharterMetadata;
use accord_domain::event::encode;
use accord_domain::synthetic::{Size, entries};
use accord_log::note::SigningKey;
use accord_store::{Ledger, SqliteStore};
use jiff::civil::Date;

const TEXT: &str = include_str!("../../../../charters/az-us-2026.fr.txt");
const METADATA: &str = include_str!("../../../../charters/az-us-2026.toml");
/// Entries appended per transaction while the instance is built.
const BATCH: usize = 10_000;

/// The number in the environment variable `name`, else `default`.
pub fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Builds a synthetic instance of `size` carrying out the bundled charter
/// in the SQLite file `db`, signed with `key`; answers the number of
/// events and the charter's signature date.
pub fn build_synthetic(db: &std::path::Path, key: &SigningKey, size: Size) -> (u64, Date) {
    let metadata = CharterMetadata::from_toml(METADATA).expect("bundled metadata");
    let charter = accord_charter::parse_with(TEXT, Some(&metadata)).expect("bundled charter");
    let record = charter_record(&[charter], &metadata, None).expect("charter record");
    let store = SqliteStore::open(db).expect("store");
    let mut ledger = Ledger::open(store, key.clone(), &mut |_| {}).expect("ledger");
    let mut events = 0u64;
    let mut batch: Vec<Vec<u8>> = Vec::with_capacity(BATCH);
    for entry in entries(&record, size) {
        batch.push(encode(&entry));
        if batch.len() == BATCH {
            ledger.append(&batch).expect("append");
            events += batch.len() as u64;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        events += batch.len() as u64;
        ledger.append(&batch).expect("append");
    }
    (events, record.signed_on)
}
