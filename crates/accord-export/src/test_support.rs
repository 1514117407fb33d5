//! What the unit tests share: the bundled charter (its French text and the
//! English translation of the charter crate's tests) as the record holds it,
//! and states replayed from synthetic entries.

use accord_domain::ids::ProvisionId;
use accord_domain::model::{CharterRecord, Party, Provision, ProvisionKind, Texts};
use accord_domain::state::State;
use accord_domain::synthetic::{self, Size};
use jiff::Timestamp;
use jiff::civil::date;

use crate::ExportScope;
use accord_domain::visibility::Viewer;

const FRENCH: &str = include_str!("../../../charters/az-us-2026.fr.txt");
const ENGLISH: &str = include_str!("../../accord-charter/tests/data/az-us-2026.en.txt");

fn texts(pairs: &[(&str, &str)]) -> Texts {
    pairs
        .iter()
        .map(|(l, t)| ((*l).to_owned(), (*t).to_owned()))
        .collect()
}

/// The bundled charter in French (the reference) and English.
pub(crate) fn charter() -> CharterRecord {
    let french = accord_charter::parse(FRENCH).expect("the French text parses");
    let english = accord_charter::parse(ENGLISH).expect("the English text parses");
    let provisions = french
        .preamble
        .iter()
        .map(|p| (p, None))
        .chain(
            french
                .sections
                .iter()
                .flat_map(|s| s.paragraphs.iter().map(move |p| (p, Some(s.id.clone())))),
        )
        .map(|(p, section)| {
            let mut texts = texts(&[("fr", &p.text)]);
            if let Some(en) = english.provision(&p.id) {
                texts.insert("en".into(), en.text.clone());
            }
            Provision {
                id: ProvisionId(p.id.clone()),
                kind: match (&section, p.number) {
                    (None, _) => ProvisionKind::Recital,
                    (Some(_), Some(_)) => ProvisionKind::Item,
                    (Some(_), None) => ProvisionKind::Paragraph,
                },
                commitment: matches!(section.as_deref(), Some("I" | "II" | "III")),
                section,
                texts,
            }
        })
        .collect();
    CharterRecord {
        title: texts(&[
            ("fr", "Charte de partenariat stratégique"),
            ("en", "Strategic Partnership Charter"),
        ]),
        languages: vec!["fr".into(), "en".into()],
        signed_on: date(2026, 2, 10),
        parties: vec![
            Party {
                code: "AZ".into(),
                names: texts(&[
                    ("fr", "République d’Azerbaïdjan"),
                    ("en", "Republic of Azerbaijan"),
                ]),
            },
            Party {
                code: "US".into(),
                names: texts(&[
                    ("fr", "États-Unis d’Amérique"),
                    ("en", "United States of America"),
                ]),
            },
        ],
        provisions,
        obligations: Vec::new(),
        working_groups: Vec::new(),
    }
}

/// The state of a synthetic instance of `projects` projects in 3 groups
/// carrying out the bundled charter.
pub(crate) fn synthetic_state(projects: usize) -> State {
    let charter = charter();
    let size = Size {
        groups: 3,
        projects,
        milestones_per_project: 1,
        updates_per_milestone: 1,
    };
    State::replay(&synthetic::entries(&charter, size).collect::<Vec<_>>())
}

/// A fixed moment for exports made in tests.
pub(crate) fn moment() -> Timestamp {
    "2026-11-27T10:00:00Z".parse().expect("a timestamp")
}

/// Runs `write` for `viewer` over `state` and answers the output as text.
pub(crate) fn export(
    state: &State,
    viewer: &Viewer,
    write: impl FnOnce(&ExportScope<'_>, &mut dyn std::io::Write) -> Result<(), crate::ExportError>,
) -> Result<String, crate::ExportError> {
    let scope = ExportScope {
        state,
        viewer,
        generated_at: moment(),
    };
    let mut out = Vec::new();
    write(&scope, &mut out)?;
    Ok(String::from_utf8(out).expect("exports are UTF-8"))
}
