//! accord-charter's integration tests: one binary, one module per feature.
//! Each case is a line or two: a file and what a careful reader finds in it.

mod align;
mod bad_input;
mod corpus;
mod layouts;
mod metadata;
mod properties;
mod schema;

use std::fmt::Write as _;

use accord_charter::{Charter, ObligationKind};

/// A test text from `tests/data/`, or the bundled seed.
pub fn read(name: &str) -> String {
    let path = if name == "seed" {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../charters/az-us-2026.fr.txt"
        )
        .to_owned()
    } else {
        format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
    };
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The seed's metadata.
pub fn seed_metadata() -> accord_charter::CharterMetadata {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../charters/az-us-2026.toml"
    );
    accord_charter::CharterMetadata::from_toml(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Parses a test text, panicking with the error.
pub fn parse(name: &str) -> Charter {
    accord_charter::parse(&read(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A charter's shape on a few lines, for comparing with what a reader finds.
pub fn outline(c: &Charter) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "language {} · parties {}", c.language, c.parties.len());
    let ids: Vec<&str> = c.preamble.iter().map(|p| p.id.as_str()).collect();
    let _ = writeln!(o, "preamble {}", ids.join(" "));
    for s in &c.sections {
        let items = s.paragraphs.iter().filter(|p| p.number.is_some()).count();
        let _ = writeln!(
            o,
            "{} items {items} paragraphs {}",
            s.id,
            s.paragraphs.len() - items
        );
    }
    let groups: Vec<&str> = c.working_groups.iter().map(|w| w.id.as_str()).collect();
    let _ = writeln!(o, "groups {}", groups.join(" "));
    for ob in &c.obligations {
        let what = match &ob.kind {
            ObligationKind::Deadline { within, from, .. } => {
                format!("deadline {within} from {from}")
            }
            ObligationKind::Recurring { every } => format!("recurring {every}"),
            ObligationKind::MutualAgreement => "mutual agreement".to_owned(),
        };
        let _ = writeln!(o, "{} {what}", ob.provision);
    }
    for i in &c.instruments {
        let _ = writeln!(
            o,
            "instrument {} {} @{}",
            i.date.as_deref().unwrap_or("-"),
            i.place.as_deref().unwrap_or("-"),
            i.provision
        );
    }
    o
}

/// Checks the invariants every parse must keep: unique ids, one-line texts,
/// quotes that are exact substrings of the source, citing real provisions.
pub fn check_invariants(source: &str, c: &Charter) {
    let mut ids: Vec<&str> = c.provisions().map(|p| p.id.as_str()).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "provision ids are not unique");
    for p in c.provisions() {
        assert!(
            !p.text.is_empty() && !p.text.contains(['\n', '\r']),
            "{}: {:?}",
            p.id,
            p.text
        );
        assert!(
            p.line >= 1 && p.end_line >= p.line,
            "{}: lines {}–{}",
            p.id,
            p.line,
            p.end_line
        );
    }
    for o in &c.obligations {
        assert!(
            source.contains(&o.quote),
            "quote is not in the source: {:?}",
            o.quote
        );
        assert!(
            o.quote.contains(&o.trigger),
            "trigger {:?} not in quote {:?}",
            o.trigger,
            o.quote
        );
        assert!(
            c.provision(&o.provision).is_some(),
            "obligation cites unknown {}",
            o.provision
        );
    }
    for w in &c.working_groups {
        assert!(c.provision(&w.provision).is_some());
    }
}
