//! The bundled charter, as the record holds it.

use accord_app::charter_record::charter_record;
use accord_charter::CharterMetadata;
use accord_domain::Period;
use accord_domain::model::{Deliverable, Obligation, ProvisionKind, Trigger};
use jiff::civil::date;

const TEXT: &str = include_str!("../../../../charters/az-us-2026.fr.txt");
const METADATA: &str = include_str!("../../../../charters/az-us-2026.toml");

fn bundled() -> accord_domain::model::CharterRecord {
    let metadata = CharterMetadata::from_toml(METADATA).unwrap();
    let charter = accord_charter::parse_with(TEXT, Some(&metadata)).unwrap();
    charter_record(&[charter], &metadata, None).unwrap()
}

#[test]
fn the_bundled_charter_gives_its_groups_deadlines_and_commitments() {
    let record = bundled();
    assert_eq!(record.signed_on, date(2026, 2, 10));
    // The metadata's titles, not the publisher's heading in capitals.
    assert_eq!(
        record.title.get("en").map(String::as_str),
        Some(
            "Strategic Partnership Charter between the Republic of Azerbaijan and the United States of America"
        )
    );
    assert!(record.title["fr"].starts_with("Charte de partenariat stratégique"));
    assert!(record.title.contains_key("az"));
    assert_eq!(record.languages, vec!["fr".to_owned()]);
    let codes: Vec<_> = record.parties.iter().map(|p| p.code.to_string()).collect();
    assert_eq!(codes, ["AZ", "US"]);
    let groups: Vec<_> = record
        .working_groups
        .iter()
        .map(|g| g.id.to_string())
        .collect();
    assert_eq!(
        groups,
        [
            "economy-trade",
            "energy",
            "connectivity",
            "ai-digital",
            "security-defense"
        ]
    );
    let deadlines: Vec<_> = record
        .obligations
        .iter()
        .filter_map(|o| match o {
            Obligation::Deadline {
                from,
                within,
                deliverables,
                ..
            } => Some((*from, *within, deliverables.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        deadlines,
        vec![(
            Trigger::Signature,
            Period::months(3),
            vec![Deliverable::ProjectList, Deliverable::Roadmap]
        )]
    );
    assert!(
        record.obligations.iter().any(
            |o| matches!(o, Obligation::Recurring { every, .. } if *every == Period::years(1))
        )
    );
    // Sections I–III are the commitments: 5 + 3 unnumbered, 7, 4 + 1.
    let commitments = record.provisions.iter().filter(|p| p.commitment).count();
    assert_eq!(commitments, 20);
    assert_eq!(
        record
            .provisions
            .iter()
            .filter(|p| p.kind == ProvisionKind::Recital)
            .count(),
        5
    );
    assert!(
        record
            .provisions
            .iter()
            .filter(|p| p.section.as_deref() == Some("IV"))
            .all(|p| !p.commitment)
    );
    let energy = record
        .working_groups
        .iter()
        .find(|g| g.id == "energy")
        .unwrap();
    assert!(
        energy.scope.iter().any(|p| p.as_str() == "I.3"),
        "energy's suggested scope: {:?}",
        energy.scope
    );
    assert!(energy.names.contains_key("en") && energy.names.contains_key("az"));
}

#[test]
fn the_signature_date_can_be_overridden() {
    let metadata = CharterMetadata::from_toml(METADATA).unwrap();
    let charter = accord_charter::parse(TEXT).unwrap();
    let record = charter_record(&[charter], &metadata, Some(date(2026, 2, 12))).unwrap();
    assert_eq!(record.signed_on, date(2026, 2, 12));
}
