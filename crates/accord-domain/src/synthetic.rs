//! A synthetic instance of any size, for benchmarks: working groups full of
//! projects, roadmaps of milestones and their updates, indicators and
//! measurements. Deterministic: the same sizes give the same entries.
//!
//! The entries are what the record would hold had people done the work:
//! every project cites real provisions of the charter given, every proposal
//! is approved by both parties' coordinators.

use jiff::civil::{Date, date};
use jiff::{Span, Timestamp};

use crate::agreement::{Authority, Scope, Signatory};
use crate::event::{CURRENT_VERSION, Entry, Event, ProposalContent, content_hash};
use crate::ids::{GroupId, MilestoneId, PersonId, ProjectId, ProposalId};
use crate::model::{
    CharterRecord, Classification, DatedValue, Direction, IndicatorSpec, Investment, MilestoneSpec,
    Organisation, OrganisationKind, Person, ProjectSpec, ProjectStatus, Role, WorkingGroupSpec,
};

/// How large an instance to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub groups: usize,
    pub projects: usize,
    /// Milestones per project.
    pub milestones_per_project: usize,
    /// Updates (reschedulings, completions) per milestone.
    pub updates_per_milestone: usize,
}

impl Size {
    /// The large instance: 50 groups, 100,000 projects, 1,000,000
    /// milestones and their updates (about 10 million events).
    pub const LARGE: Size = Size {
        groups: 50,
        projects: 100_000,
        milestones_per_project: 10,
        updates_per_milestone: 8,
    };

    /// About `events` events with the large instance's proportions.
    pub fn about(events: usize) -> Size {
        let projects = (events / 100).max(1);
        Size {
            groups: 50.min(projects),
            projects,
            milestones_per_project: 10,
            updates_per_milestone: 8,
        }
    }
}

/// The entries of a synthetic instance of `size` carrying out `charter`.
pub fn entries(charter: &CharterRecord, size: Size) -> impl Iterator<Item = Entry> + '_ {
    let parties: Vec<_> = charter.parties.iter().map(|p| p.code.clone()).collect();
    let commitments: Vec<_> = charter
        .provisions
        .iter()
        .filter(|p| p.commitment)
        .map(|p| p.id.clone())
        .collect();
    let start = charter.signed_on;
    let mut clock = Clock {
        day: start,
        seconds: 0,
    };

    let mut setup = vec![Event::InstanceInitialised {
        origin: "synthetic".into(),
        charter: charter.clone(),
    }];
    let groups: Vec<GroupId> = (0..size.groups)
        .map(|g| GroupId(format!("group-{g}")))
        .collect();
    for id in &groups {
        setup.push(Event::WorkingGroupCreated {
            spec: WorkingGroupSpec {
                id: id.clone(),
                names: Default::default(),
                scope: commitments.clone(),
                purpose: Default::default(),
            },
        });
    }
    for party in &parties {
        setup.push(Event::OrganisationRegistered {
            organisation: Organisation {
                id: format!("gov-{party}").as_str().into(),
                name: format!("Government {party}"),
                kind: OrganisationKind::Government,
                party: Some(party.clone()),
            },
        });
        let person = PersonId(format!("coordinator-{party}"));
        setup.push(Event::PersonRegistered {
            person: Person {
                id: person.clone(),
                name: person.to_string(),
                organisation: format!("gov-{party}").as_str().into(),
            },
        });
        setup.push(Event::RoleGranted {
            person,
            role: Role::Coordinator {
                party: party.clone(),
            },
        });
    }
    setup.push(Event::OrganisationRegistered {
        organisation: Organisation {
            id: "partner".into(),
            name: "Partner Ltd".into(),
            kind: OrganisationKind::PrivateCompany,
            party: None,
        },
    });
    let signers: Vec<Signatory> = parties
        .iter()
        .map(|p| Signatory {
            person: format!("coordinator-{p}"),
            party: p.clone(),
            authority: Authority::Coordinator,
        })
        .collect();

    let per_group = size.projects.div_ceil(size.groups.max(1));
    let group_events = groups.into_iter().enumerate().flat_map(move |(g, group)| {
        let first = g * per_group;
        let last = ((g + 1) * per_group).min(size.projects);
        let mut events = Vec::new();
        let mut project_ids = Vec::new();
        let mut milestones = Vec::new();
        for n in first..last {
            let project = ProjectId(format!("project-{n}"));
            events.push(Event::ProjectProposed {
                project: project.clone(),
                spec: ProjectSpec {
                    group: group.clone(),
                    title: crate::texts::single("en", format!("Project {n} of {group}")),
                    description: Default::default(),
                    provisions: vec![commitments[n % commitments.len().max(1)].clone()],
                    lead_party: parties[n % parties.len()].clone(),
                    lead_organisations: vec![
                        format!("gov-{}", parties[n % parties.len()])
                            .as_str()
                            .into(),
                    ],
                    partners: vec!["partner".into()],
                    start: Some(start),
                    end: Some(date(2030, 12, 31)),
                    investment: Some(Investment {
                        amount_minor: (n as i64 + 1) * 1_000_000,
                        currency: "USD".into(),
                        public_share_percent: Some(50),
                    }),
                    classification: [
                        Classification::Public,
                        Classification::Partnership,
                        Classification::Restricted,
                    ][n % 3],
                },
            });
            for m in 0..size.milestones_per_project {
                milestones.push(MilestoneSpec {
                    id: MilestoneId(format!("milestone-{n}-{m}")),
                    title: crate::texts::single("en", format!("Milestone {m} of project {n}")),
                    project: Some(project.clone()),
                    due: start + Span::new().days(30 * (m as i64 + 1)),
                    depends_on: if m == 0 {
                        Vec::new()
                    } else {
                        vec![MilestoneId(format!("milestone-{n}-{}", m - 1))]
                    },
                });
            }
            project_ids.push(project);
        }
        let agreed_on = start + Span::new().days(60);
        for (content, id) in [
            (
                ProposalContent::ProjectList {
                    group: group.clone(),
                    projects: project_ids.clone(),
                },
                format!("{group}-projects"),
            ),
            (
                ProposalContent::Roadmap {
                    group: group.clone(),
                    milestones: milestones.clone(),
                },
                format!("{group}-roadmap"),
            ),
        ] {
            let hash = content_hash(&content);
            let proposal = ProposalId(id);
            events.push(Event::ProposalMade {
                proposal: proposal.clone(),
                scope: Scope::WorkingGroup(group.clone()),
                content,
                content_hash: hash.clone(),
                by: signers[0].clone(),
                on: agreed_on,
            });
            for by in &signers {
                events.push(Event::ApprovalGiven {
                    proposal: proposal.clone(),
                    content_hash: hash.clone(),
                    by: by.clone(),
                    on: agreed_on,
                });
            }
            events.push(Event::ProposalAdopted {
                proposal,
                content_hash: hash,
                on: agreed_on,
            });
        }
        for (i, project) in project_ids.iter().enumerate() {
            events.push(Event::ProjectStatusChanged {
                project: project.clone(),
                status: ProjectStatus::InProgress,
                on: agreed_on,
                reason: "Work started".into(),
            });
            if i % 10 == 0 {
                let indicator = format!("indicator-{project}");
                events.push(Event::IndicatorDefined {
                    indicator: IndicatorSpec {
                        id: indicator.as_str().into(),
                        project: project.clone(),
                        name: crate::texts::single("en", "Investment mobilised"),
                        unit: "USD".into(),
                        direction: Direction::HigherIsBetter,
                        baseline: DatedValue {
                            value: "0".into(),
                            date: start,
                        },
                        target: DatedValue {
                            value: "1000000".into(),
                            date: date(2030, 12, 31),
                        },
                    },
                });
                events.push(Event::MeasurementRecorded {
                    indicator: indicator.as_str().into(),
                    measurement: DatedValue {
                        value: "250000".into(),
                        date: agreed_on,
                    },
                    source: "annual report".into(),
                });
            }
        }
        for milestone in &milestones {
            for u in 0..size.updates_per_milestone {
                events.push(if u + 1 == size.updates_per_milestone && u % 2 == 1 {
                    Event::MilestoneCompleted {
                        milestone: milestone.id.clone(),
                        on: milestone.due,
                        note: String::new(),
                    }
                } else {
                    Event::MilestoneRescheduled {
                        milestone: milestone.id.clone(),
                        due: milestone.due + Span::new().days(u as i64 + 1),
                        reason: "Moved by the working group".into(),
                    }
                });
            }
        }
        events
    });
    setup
        .into_iter()
        .chain(group_events)
        .map(move |event| clock.entry(event))
}

/// Recording times: one second apart, starting on the signature date.
struct Clock {
    day: Date,
    seconds: i64,
}

impl Clock {
    fn entry(&mut self, event: Event) -> Entry {
        self.seconds += 1;
        let base = jiff::tz::Offset::UTC
            .to_timestamp(self.day.to_datetime(jiff::civil::Time::midnight()))
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let recorded_at = base
            .checked_add(Span::new().seconds(self.seconds))
            .unwrap_or(base);
        Entry {
            v: CURRENT_VERSION,
            recorded_at,
            by: None,
            event,
        }
    }
}
