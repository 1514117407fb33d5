//! A small charter between AZ and US, and a world of people to act in it.

use accord_domain::command::{Actor, Command, Context};
use accord_domain::decide::{DomainError, decide};
use accord_domain::event::{CURRENT_VERSION, Entry, Event};
use accord_domain::ids::PersonId;
use accord_domain::model::*;
use accord_domain::state::State;
use accord_domain::{Period, ids::ProvisionId};
use jiff::civil::{Date, date};

pub const SIGNED: Date = date(2026, 2, 10);

fn texts(fr: &str) -> Texts {
    [("fr".to_owned(), fr.to_owned())].into_iter().collect()
}

fn provision(id: &str, kind: ProvisionKind, section: Option<&str>, commitment: bool) -> Provision {
    Provision {
        id: ProvisionId::new(id),
        kind,
        section: section.map(str::to_owned),
        texts: texts(&format!("texte de {id}")),
        commitment,
    }
}

pub fn charter() -> CharterRecord {
    CharterRecord {
        title: texts("Charte"),
        languages: vec!["fr".into()],
        signed_on: SIGNED,
        parties: vec![
            Party {
                code: "AZ".into(),
                names: texts("Azerbaïdjan"),
            },
            Party {
                code: "US".into(),
                names: texts("États-Unis"),
            },
        ],
        provisions: vec![
            provision("P.1", ProvisionKind::Recital, None, false),
            provision("I.1", ProvisionKind::Item, Some("I"), true),
            provision("I.3", ProvisionKind::Item, Some("I"), true),
            provision("II.4", ProvisionKind::Item, Some("II"), true),
            provision("IV.p2", ProvisionKind::Paragraph, Some("IV"), false),
            provision("IV.p3", ProvisionKind::Paragraph, Some("IV"), false),
        ],
        obligations: vec![
            Obligation::Deadline {
                provision: "IV.p2".into(),
                from: Trigger::Signature,
                within: Period::months(3),
                deliverables: vec![Deliverable::ProjectList, Deliverable::Roadmap],
                quote: "Dans un délai de trois mois".into(),
            },
            Obligation::Recurring {
                provision: "IV.p3".into(),
                every: Period::years(1),
                quote: "au moins une fois par an".into(),
            },
            Obligation::MutualAgreement {
                provision: "IV.p3".into(),
                quote: "d'un commun accord".into(),
            },
        ],
        working_groups: [
            "economy-trade",
            "energy",
            "connectivity",
            "ai-digital",
            "security-defense",
        ]
        .into_iter()
        .map(|id| WorkingGroupSpec {
            id: id.into(),
            names: texts(id),
            scope: Vec::new(),
            purpose: Default::default(),
        })
        .collect(),
    }
}

/// A record being written, one command at a time, keeping every entry.
pub struct World {
    pub state: State,
    pub entries: Vec<Entry>,
    pub today: Date,
}

impl World {
    /// An initialised instance with both governments, their coordinators,
    /// energy co-chairs, a member, a partner company, and an auditor.
    pub fn new() -> World {
        let mut world = World {
            state: State::default(),
            entries: Vec::new(),
            today: date(2026, 3, 1),
        };
        world.system(Command::Initialise {
            origin: "accord.test/az-us".into(),
            charter: charter(),
        });
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
            (
                "audit",
                "Audit office",
                OrganisationKind::CivilSociety,
                None,
            ),
        ] {
            world.system(Command::RegisterOrganisation {
                organisation: Organisation {
                    id: id.into(),
                    name: name.into(),
                    kind,
                    party: party.map(Into::into),
                },
            });
        }
        for (id, org) in [
            ("az-coord", "az-mfa"),
            ("us-coord", "us-dos"),
            ("az-energy", "az-mfa"),
            ("us-energy", "us-dos"),
            ("us-member", "us-dos"),
            ("socar-rep", "socar"),
            ("auditor", "audit"),
        ] {
            world.system(Command::RegisterPerson {
                person: Person {
                    id: id.into(),
                    name: id.into(),
                    organisation: org.into(),
                },
            });
        }
        for (person, role) in [
            ("az-coord", Role::Coordinator { party: "AZ".into() }),
            ("us-coord", Role::Coordinator { party: "US".into() }),
            (
                "az-energy",
                Role::CoChair {
                    group: "energy".into(),
                    party: "AZ".into(),
                },
            ),
            (
                "us-energy",
                Role::CoChair {
                    group: "energy".into(),
                    party: "US".into(),
                },
            ),
            (
                "us-member",
                Role::Member {
                    group: "connectivity".into(),
                },
            ),
            ("socar-rep", Role::Partner),
            ("auditor", Role::Auditor),
        ] {
            world.system(Command::GrantRole {
                person: person.into(),
                role,
            });
        }
        world
    }

    pub fn system(&mut self, command: Command) -> Vec<Event> {
        self.run(Actor::System, command)
            .unwrap_or_else(|e| panic!("fixture command refused: {e}"))
    }

    /// Decides and, when accepted, records the events.
    pub fn run(&mut self, actor: Actor, command: Command) -> Result<Vec<Event>, DomainError> {
        let context = Context {
            actor: actor.clone(),
            today: self.today,
        };
        let events = decide(&self.state, command, &context)?;
        for event in &events {
            let entry = Entry {
                v: CURRENT_VERSION,
                recorded_at: format!("{}T12:00:00Z", self.today)
                    .parse()
                    .expect("a valid timestamp"),
                by: match &actor {
                    Actor::Person(p) => Some(p.clone()),
                    Actor::System => None,
                },
                event: event.clone(),
            };
            self.state.evolve(&entry);
            self.entries.push(entry);
        }
        Ok(events)
    }

    pub fn by(&mut self, person: &str, command: Command) -> Result<Vec<Event>, DomainError> {
        self.run(Actor::Person(PersonId::new(person)), command)
    }
}

pub fn project(
    group: &str,
    title: &str,
    provisions: &[&str],
    classification: Classification,
) -> ProjectSpec {
    ProjectSpec {
        group: group.into(),
        title: accord_domain::texts::single("en", title),
        description: Default::default(),
        provisions: provisions.iter().map(|p| ProvisionId::new(*p)).collect(),
        lead_party: "AZ".into(),
        lead_organisations: vec!["az-mfa".into()],
        partners: vec!["socar".into()],
        start: Some(date(2026, 6, 1)),
        end: Some(date(2028, 12, 31)),
        investment: Some(Investment {
            amount_minor: 15_000_000_000,
            currency: "USD".into(),
            public_share_percent: Some(40),
        }),
        classification,
    }
}
