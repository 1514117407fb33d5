//! What the exports' unit tests share: a small record folded from events
//! (below), the bundled charter as the record holds it (its French text and
//! the English translation of the charter crate's tests), and states
//! replayed from synthetic entries.
//!
//! The small record:
//! Two parties (AZ, US), the energy working group, a public agreed project
//! with an investment (`tripp-power`), a restricted one (`grid-secret`,
//! with SOCAR as partner), an agreed roadmap with a milestone of each (the
//! public one completed, and depending on the restricted one), a charter meeting and an energy meeting whose
//! agenda names the restricted project, an indicator with a measurement.
//! People: both coordinators, the energy member `en-member`, and `outsider`
//! of a government but of no group.

use accord_domain::agreement::{Authority, Scope, Signatory};
use accord_domain::calendar::Period;
use accord_domain::event::{CURRENT_VERSION, Entry, Event, ProposalContent};
use accord_domain::ids::{PersonId, ProvisionId};
use accord_domain::model::*;
use accord_domain::state::State;
use accord_domain::synthetic::{self, Size};
use accord_domain::visibility::Viewer;
use jiff::Timestamp;
use jiff::civil::date;

use crate::ExportScope;

const FRENCH: &str = include_str!("../../../charters/az-us-2026.fr.txt");
const ENGLISH: &str = include_str!("../../accord-charter/tests/data/az-us-2026.en.txt");

pub const RESTRICTED: &str = "grid-secret";
pub const RESTRICTED_TITLE: &str = "Grid protection; plan";
pub const RESTRICTED_AGENDA: &str = "Grid briefing";

pub fn at() -> Timestamp {
    "2026-11-27T09:30:00Z".parse().unwrap()
}

fn texts(pairs: &[(&str, &str)]) -> Texts {
    pairs
        .iter()
        .map(|(l, t)| ((*l).to_owned(), (*t).to_owned()))
        .collect()
}

fn spec(title: &str, classification: Classification, partners: &[&str]) -> ProjectSpec {
    ProjectSpec {
        group: "energy".into(),
        title: accord_domain::texts::single("en", title),
        description: Default::default(),
        provisions: vec![ProvisionId::new("I.1"), ProvisionId::new("II.4")],
        lead_party: "AZ".into(),
        lead_organisations: vec!["az-mfa".into()],
        partners: partners.iter().map(|p| (*p).into()).collect(),
        start: Some(date(2026, 6, 1)),
        end: Some(date(2028, 12, 31)),
        investment: Some(Investment {
            amount_minor: 150_000_005,
            currency: "USD".into(),
            public_share_percent: None,
        }),
        classification,
    }
}

/// The record described above.
pub fn state() -> State {
    let charter = CharterRecord {
        title: texts(&[
            ("fr", "Charte de partenariat"),
            ("en", "Partnership Charter"),
        ]),
        languages: vec!["fr".into(), "en".into()],
        signed_on: date(2026, 2, 10),
        parties: vec![
            Party {
                code: "AZ".into(),
                names: texts(&[("fr", "Azerbaïdjan"), ("en", "Azerbaijan")]),
            },
            Party {
                code: "US".into(),
                names: texts(&[("fr", "États-Unis"), ("en", "United States")]),
            },
        ],
        provisions: Vec::new(),
        obligations: vec![
            Obligation::Deadline {
                provision: "II.1".into(),
                from: Trigger::Signature,
                within: Period::months(3),
                deliverables: vec![Deliverable::ProjectList, Deliverable::Roadmap],
                quote: "within three months".into(),
            },
            Obligation::Recurring {
                provision: "IV.1".into(),
                every: Period::years(1),
                quote: "at least once a year".into(),
            },
        ],
        working_groups: Vec::new(),
    };
    let energy = WorkingGroupSpec {
        id: "energy".into(),
        names: texts(&[("fr", "Énergie"), ("en", "Energy")]),
        scope: Vec::new(),
        purpose: Default::default(),
    };
    let coordinator = |person: &str, party: &str| Signatory {
        person: person.into(),
        party: party.into(),
        authority: Authority::Coordinator,
    };
    let roadmap = ProposalContent::Roadmap {
        group: "energy".into(),
        milestones: vec![
            MilestoneSpec {
                id: "tripp-survey".into(),
                title: [
                    ("az", "Tədqiqat, marşrut və xərclər"),
                    ("en", "Survey, route and costs"),
                ]
                .into_iter()
                .map(|(l, t)| (l.to_owned(), t.to_owned()))
                .collect(),
                project: Some("tripp-power".into()),
                due: date(2026, 9, 1),
                depends_on: vec!["grid-audit".into()],
            },
            MilestoneSpec {
                id: "grid-audit".into(),
                title: accord_domain::texts::single("en", "Audit the grid"),
                project: Some(RESTRICTED.into()),
                due: date(2026, 10, 1),
                depends_on: Vec::new(),
            },
        ],
    };
    let mut events = vec![
        Event::InstanceInitialised {
            origin: "accord.test/az-us".into(),
            charter,
        },
        Event::WorkingGroupCreated { spec: energy },
    ];
    for (id, name, kind, party) in [
        (
            "az-mfa",
            "Ministry of Foreign Affairs",
            OrganisationKind::Government,
            Some("AZ"),
        ),
        (
            "us-dos",
            "Department of State",
            OrganisationKind::Government,
            Some("US"),
        ),
        ("socar", "SOCAR", OrganisationKind::PrivateCompany, None),
    ] {
        events.push(Event::OrganisationRegistered {
            organisation: Organisation {
                id: id.into(),
                name: name.into(),
                kind,
                party: party.map(Into::into),
            },
        });
    }
    for (id, name, organisation, role) in [
        (
            "az-coord",
            "Aysel Mammadova",
            "az-mfa",
            Some(Role::Coordinator { party: "AZ".into() }),
        ),
        (
            "us-coord",
            "John Smith",
            "us-dos",
            Some(Role::Coordinator { party: "US".into() }),
        ),
        (
            "en-member",
            "Energy Member",
            "us-dos",
            Some(Role::Member {
                group: "energy".into(),
            }),
        ),
        ("outsider", "Someone Else", "us-dos", None),
    ] {
        events.push(Event::PersonRegistered {
            person: Person {
                id: id.into(),
                name: name.into(),
                organisation: organisation.into(),
            },
        });
        if let Some(role) = role {
            events.push(Event::RoleGranted {
                person: id.into(),
                role,
            });
        }
    }
    events.extend([
        Event::ProjectProposed {
            project: "tripp-power".into(),
            spec: spec("TRIPP power line", Classification::Public, &[]),
        },
        Event::ProjectProposed {
            project: RESTRICTED.into(),
            spec: spec(RESTRICTED_TITLE, Classification::Restricted, &["socar"]),
        },
        Event::ProjectStatusChanged {
            project: "tripp-power".into(),
            status: ProjectStatus::Agreed,
            on: date(2026, 4, 9),
            reason: String::new(),
        },
        Event::ProposalMade {
            proposal: "energy-roadmap".into(),
            scope: Scope::WorkingGroup("energy".into()),
            content: roadmap,
            content_hash: "h".into(),
            by: coordinator("az-coord", "AZ"),
            on: date(2026, 5, 20),
        },
        Event::ProposalAdopted {
            proposal: "energy-roadmap".into(),
            content_hash: "h".into(),
            on: date(2026, 5, 20),
        },
        Event::MilestoneCompleted {
            milestone: "tripp-survey".into(),
            on: date(2026, 8, 30),
            note: String::new(),
        },
        Event::MeetingScheduled {
            meeting: MeetingSpec {
                id: "charter-2026".into(),
                kind: MeetingKind::Charter,
                group: None,
                date: date(2026, 10, 15),
                place: "Baku, Azerbaijan".into(),
                participants: vec![PersonId::new("az-coord")],
                agenda: vec![AgendaItem {
                    title: accord_domain::texts::single("en", "Review of the year"),
                    projects: Vec::new(),
                    milestones: Vec::new(),
                    provisions: Vec::new(),
                }],
                title: Default::default(),
            },
        },
        Event::MeetingHeld {
            meeting: "charter-2026".into(),
            on: date(2026, 10, 15),
            attendees: Vec::new(),
        },
        Event::MeetingScheduled {
            meeting: MeetingSpec {
                id: "energy-dec".into(),
                kind: MeetingKind::WorkingGroup,
                group: Some("energy".into()),
                date: date(2026, 12, 3),
                place: "Washington".into(),
                participants: Vec::new(),
                agenda: vec![AgendaItem {
                    title: accord_domain::texts::single("en", RESTRICTED_AGENDA),
                    projects: vec![RESTRICTED.into()],
                    milestones: Vec::new(),
                    provisions: Vec::new(),
                }],
                title: Default::default(),
            },
        },
        Event::IndicatorDefined {
            indicator: IndicatorSpec {
                id: "km-built".into(),
                project: "tripp-power".into(),
                name: accord_domain::texts::single("en", "Line built"),
                unit: "km".into(),
                direction: Direction::HigherIsBetter,
                baseline: DatedValue {
                    value: "0".into(),
                    date: date(2026, 6, 1),
                },
                target: DatedValue {
                    value: "120".into(),
                    date: date(2028, 12, 31),
                },
            },
        },
        Event::MeasurementRecorded {
            indicator: "km-built".into(),
            measurement: DatedValue {
                value: "12.5".into(),
                date: date(2026, 11, 1),
            },
            source: "site report".into(),
        },
        Event::IndicatorDefined {
            indicator: IndicatorSpec {
                id: "grid-checks".into(),
                project: RESTRICTED.into(),
                name: accord_domain::texts::single("en", "Grid checks"),
                unit: "checks".into(),
                direction: Direction::HigherIsBetter,
                baseline: DatedValue {
                    value: "0".into(),
                    date: date(2026, 6, 1),
                },
                target: DatedValue {
                    value: "10".into(),
                    date: date(2027, 6, 1),
                },
            },
        },
    ]);
    let entries: Vec<Entry> = events
        .into_iter()
        .map(|event| Entry {
            v: CURRENT_VERSION,
            recorded_at: at(),
            by: None,
            event,
        })
        .collect();
    State::replay(&entries)
}

/// Everyone the tests look as, with whether they may see the restricted project.
pub fn viewers() -> Vec<(Viewer, bool)> {
    vec![
        (Viewer::Public, false),
        (Viewer::Person("outsider".into()), false),
        (Viewer::Person("en-member".into()), true),
        (Viewer::Person("az-coord".into()), true),
        (Viewer::Operator, true),
    ]
}

/// The bundled charter in French (the reference) and English.
pub fn bundled_charter() -> CharterRecord {
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
pub fn synthetic_state(projects: usize) -> State {
    let charter = bundled_charter();
    let size = Size {
        groups: 3,
        projects,
        milestones_per_project: 1,
        updates_per_milestone: 1,
    };
    State::replay(&synthetic::entries(&charter, size).collect::<Vec<_>>())
}

/// What `write` gives for `viewer`, as text, or its error.
pub fn try_export(
    state: &State,
    viewer: &Viewer,
    write: impl FnOnce(&ExportScope<'_>, &mut dyn std::io::Write) -> Result<(), crate::ExportError>,
) -> Result<String, crate::ExportError> {
    let scope = ExportScope {
        state,
        viewer,
        generated_at: at(),
    };
    let mut out = Vec::new();
    write(&scope, &mut out)?;
    Ok(String::from_utf8(out).expect("exports are UTF-8"))
}

/// What `write` gives for `viewer`, as text.
pub fn export(
    state: &State,
    viewer: &Viewer,
    write: impl Fn(&ExportScope<'_>, &mut dyn std::io::Write) -> Result<(), crate::ExportError>,
) -> String {
    let scope = ExportScope {
        state,
        viewer,
        generated_at: at(),
    };
    let mut out = Vec::new();
    write(&scope, &mut out).expect("the export is written");
    String::from_utf8(out).expect("UTF-8")
}
