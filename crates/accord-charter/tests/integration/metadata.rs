//! The bundled metadata and what it adds to the seed.

use accord_charter::ObligationKind;

use crate::{read, seed_metadata};

#[test]
fn the_seed_takes_its_ids_and_dates_from_the_metadata() {
    let meta = seed_metadata();
    let c = accord_charter::parse_with(&read("seed"), Some(&meta)).unwrap();
    let ids: Vec<&str> = c.working_groups.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "economy-trade",
            "energy",
            "connectivity",
            "ai-digital",
            "security-defense"
        ]
    );
    assert_eq!(
        c.working_groups[3].names["az"],
        "Süni intellekt və rəqəmsal inkişaf"
    );
    let due: Vec<Option<&str>> = c
        .obligations
        .iter()
        .filter_map(|o| match &o.kind {
            ObligationKind::Deadline { due, .. } => Some(due.as_deref()),
            _ => None,
        })
        .collect();
    assert_eq!(due, [Some("2026-05-10")]);
    let applied = c.metadata.unwrap();
    assert_eq!(
        (applied.id.as_str(), applied.signature_date.as_str()),
        ("az-us-2026", "2026-02-10")
    );
    assert_eq!(
        applied
            .parties
            .iter()
            .map(|p| p.code.as_str())
            .collect::<Vec<_>>(),
        ["AZ", "US"]
    );
    assert!(
        c.warnings
            .iter()
            .all(|w| !w.message.contains("not in the metadata")),
        "{:?}",
        c.warnings
    );
}

#[test]
fn the_english_version_finds_the_same_ids() {
    let c = accord_charter::parse_with(&read("az-us-2026.en.txt"), Some(&seed_metadata())).unwrap();
    let ids: Vec<&str> = c.working_groups.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "economy-trade",
            "energy",
            "connectivity",
            "ai-digital",
            "security-defense"
        ]
    );
}

#[test]
fn another_signature_date_moves_the_deadline() {
    let meta = seed_metadata().with_signature_date("2026-11-30").unwrap();
    let c = accord_charter::parse_with(&read("seed"), Some(&meta)).unwrap();
    let due = c.obligations.iter().find_map(|o| match &o.kind {
        ObligationKind::Deadline { due, .. } => due.clone(),
        _ => None,
    });
    assert_eq!(due.as_deref(), Some("2027-02-28"));
    assert!(seed_metadata().with_signature_date("2026-13-01").is_err());
}
