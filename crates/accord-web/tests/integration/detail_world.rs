//! A richer world for the detail pages, on top of `support::Instance`: the
//! energy working group's roadmap (agreed, then one milestone slipped and
//! one completed), an indicator of the public project with measurements, a
//! charter meeting held with adopted minutes, a working-group meeting to
//! come, a pending project list, and a member of another working group.
//!
//! Milestones: `tripp-survey` (public project, completed), `tripp-build`
//! (public project, depends on the survey, slipped 20 days),
//! `grid-audit` (restricted project, overdue), `energy-review` (the group
//! as a whole, overdue).

use accord_domain::command::{Actor, Command};
use accord_domain::event::{Decision, DecisionKind, ProposalContent, content_hash};
use accord_domain::ids::{PersonId, ProvisionId};
use accord_domain::model::*;
use jiff::Timestamp;
use jiff::civil::date;

use crate::support::Instance;

/// What the world names.
pub const SLIPPED: &str = "tripp-build";
pub const SLIP_DAYS: i32 = 20;
pub const PUBLIC_DECISION: &str = "Publish the survey of the power line";
pub const RESTRICTED_DECISION: &str = "Review the grid protection plan";
pub const RESTRICTED_AGENDA: &str = "Grid protection briefing";
pub const PLACE: &str = "Baku";
/// A member of the trade working group, of a government.
pub const OTHER_MEMBER: &str = "us-trade";
pub const CO_CHAIR: &str = "az-energy";

fn at(day: &str) -> Timestamp {
    format!("{day}T11:00:00Z").parse().unwrap()
}

fn run(instance: &Instance, actor: Actor, day: &str, command: Command) {
    crate::support::off_runtime(|| instance.app.execute(&actor, command, at(day)))
        .unwrap_or_else(|e| panic!("{day}: {e}"));
}

fn person(id: &str) -> Actor {
    Actor::Person(PersonId::new(id))
}

fn milestone(
    id: &str,
    project: Option<&str>,
    due: jiff::civil::Date,
    after: &[&str],
) -> MilestoneSpec {
    MilestoneSpec {
        id: id.into(),
        title: accord_domain::texts::single("en", format!("Milestone {id}")),
        project: project.map(Into::into),
        due,
        depends_on: after.iter().map(|a| (*a).into()).collect(),
    }
}

/// Agrees a proposal: proposed and approved by both coordinators.
fn agree(instance: &Instance, id: &str, content: ProposalContent, day: &str) {
    let hash = content_hash(&content);
    run(
        instance,
        person("az-coord"),
        day,
        Command::Propose {
            proposal: id.into(),
            content,
        },
    );
    for who in ["az-coord", "us-coord"] {
        run(
            instance,
            person(who),
            day,
            Command::Approve {
                proposal: id.into(),
                content_hash: hash.clone(),
            },
        );
    }
}

/// The support instance, and everything above.
pub fn world() -> Instance {
    let instance = Instance::new();
    seed(&instance);
    instance
}

/// Adds everything above to the support instance.
pub fn seed(instance: &Instance) {
    run(
        instance,
        Actor::System,
        "2026-04-10",
        Command::RegisterPerson {
            person: Person {
                id: OTHER_MEMBER.into(),
                name: "Trade member".into(),
                organisation: "us-dos".into(),
            },
        },
    );
    run(
        instance,
        Actor::System,
        "2026-04-10",
        Command::GrantRole {
            person: OTHER_MEMBER.into(),
            role: Role::Member {
                group: "economy-trade".into(),
            },
        },
    );
    agree(
        instance,
        "energy-roadmap",
        ProposalContent::Roadmap {
            group: "energy".into(),
            milestones: vec![
                milestone("tripp-survey", Some("tripp-power"), date(2026, 9, 1), &[]),
                milestone(
                    SLIPPED,
                    Some("tripp-power"),
                    date(2026, 12, 15),
                    &["tripp-survey"],
                ),
                milestone("grid-audit", Some("grid-secret"), date(2026, 10, 1), &[]),
                milestone("energy-review", None, date(2026, 11, 1), &["grid-audit"]),
            ],
        },
        "2026-05-20",
    );
    run(
        instance,
        person(CO_CHAIR),
        "2026-09-02",
        Command::CompleteMilestone {
            milestone: "tripp-survey".into(),
            on: date(2026, 8, 30),
            note: "Survey report delivered".into(),
        },
    );
    run(
        instance,
        person(CO_CHAIR),
        "2026-10-20",
        Command::RescheduleMilestone {
            milestone: SLIPPED.into(),
            due: date(2027, 1, 4),
            reason: "Equipment delivered late".into(),
        },
    );
    run(
        instance,
        person(CO_CHAIR),
        "2026-06-01",
        Command::DefineIndicator {
            indicator: IndicatorSpec {
                id: "tripp-capacity".into(),
                project: "tripp-power".into(),
                name: accord_domain::texts::single("en", "Transmission capacity"),
                unit: "MW".into(),
                direction: Direction::HigherIsBetter,
                baseline: DatedValue {
                    value: "0".into(),
                    date: date(2026, 6, 1),
                },
                target: DatedValue {
                    value: "500".into(),
                    date: date(2028, 12, 31),
                },
            },
        },
    );
    for (day, value) in [("2026-09-30", "120"), ("2026-11-01", "180.5")] {
        run(
            instance,
            person(CO_CHAIR),
            day,
            Command::RecordMeasurement {
                indicator: "tripp-capacity".into(),
                measurement: DatedValue {
                    value: value.into(),
                    date: day.parse().unwrap(),
                },
                source: "Grid operator report".into(),
                unit: None,
            },
        );
    }
    run(
        instance,
        person("az-coord"),
        "2026-09-15",
        Command::ScheduleMeeting {
            meeting: MeetingSpec {
                id: "charter-2026".into(),
                kind: MeetingKind::Charter,
                group: None,
                date: date(2026, 10, 15),
                place: PLACE.into(),
                participants: vec!["az-coord".into(), "us-coord".into()],
                agenda: vec![
                    AgendaItem {
                        title: accord_domain::texts::single("en", "Power line progress"),
                        projects: vec!["tripp-power".into()],
                        milestones: vec![],
                        provisions: vec![ProvisionId::new("I.1")],
                    },
                    AgendaItem {
                        title: accord_domain::texts::single("en", RESTRICTED_AGENDA),
                        projects: vec!["grid-secret".into()],
                        milestones: vec![],
                        provisions: vec![],
                    },
                ],
                title: Default::default(),
            },
        },
    );
    run(
        instance,
        person("az-coord"),
        "2026-10-15",
        Command::RecordMeetingHeld {
            meeting: "charter-2026".into(),
            on: date(2026, 10, 15),
            attendees: Vec::new(),
        },
    );
    agree(
        instance,
        "charter-2026-minutes",
        ProposalContent::Minutes {
            meeting: "charter-2026".into(),
            text: accord_domain::texts::single("en", "The parties reviewed the energy projects."),
            decisions: vec![
                Decision {
                    kind: DecisionKind::Action,
                    text: accord_domain::texts::single("en", PUBLIC_DECISION),
                    owner: Some("us-coord".into()),
                    due: Some(date(2026, 12, 1)),
                    provisions: vec![ProvisionId::new("I.1")],
                    projects: vec!["tripp-power".into()],
                },
                Decision {
                    kind: DecisionKind::Decision,
                    text: accord_domain::texts::single("en", RESTRICTED_DECISION),
                    owner: None,
                    due: None,
                    provisions: vec![],
                    projects: vec!["grid-secret".into()],
                },
            ],
        },
        "2026-10-20",
    );
    run(
        instance,
        person(CO_CHAIR),
        "2026-11-02",
        Command::ScheduleMeeting {
            meeting: MeetingSpec {
                id: "energy-december".into(),
                kind: MeetingKind::WorkingGroup,
                group: Some("energy".into()),
                date: date(2026, 12, 10),
                place: "Washington".into(),
                participants: vec![CO_CHAIR.into()],
                agenda: vec![],
                title: Default::default(),
            },
        },
    );
    // A new project, and a project list with it that waits for approval.
    run(
        instance,
        person(CO_CHAIR),
        "2026-11-03",
        Command::ProposeProject {
            project: "solar-farm".into(),
            spec: ProjectSpec {
                group: "energy".into(),
                title: accord_domain::texts::single("en", "Solar farm"),
                description: Default::default(),
                provisions: vec![ProvisionId::new("I.1")],
                lead_party: "AZ".into(),
                lead_organisations: vec!["az-mfa".into()],
                partners: vec![],
                start: None,
                end: None,
                investment: Some(Investment {
                    amount_minor: 1_250_000_000,
                    currency: "USD".into(),
                    public_share_percent: Some(40),
                }),
                classification: Classification::Public,
            },
        },
    );
    run(
        instance,
        person("az-coord"),
        "2026-11-04",
        Command::Propose {
            proposal: "energy-list-2".into(),
            content: ProposalContent::ProjectList {
                group: "energy".into(),
                projects: vec!["solar-farm".into()],
            },
        },
    );
}
