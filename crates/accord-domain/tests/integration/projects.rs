//! A project's life: proposed with its texts per language, amended at once
//! while only proposed and by a proposal both parties adopt once agreed,
//! its status set by the lead party's co-chair with a reason, its
//! milestones completed and moved, its indicators defined and measured;
//! and what is refused on the way, naming the field (provisions, dates,
//! money, organisations, texts, values, units, who acts).

use accord_domain::command::Command;
use accord_domain::decide::{DomainError, MAX_AMOUNT_MINOR, is_currency};
use accord_domain::event::{Entry, Event, ProposalContent, content_hash, decode};
use accord_domain::ids::{IndicatorId, ProvisionId};
use accord_domain::model::*;
use accord_domain::texts;
use accord_domain::visibility::{Viewer, can_see_proposal};
use jiff::civil::{Date, date};

use crate::fixture::{World, project};

fn field(result: Result<impl std::fmt::Debug, DomainError>) -> &'static str {
    match result {
        Err(DomainError::Invalid { field, .. }) => field,
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}

fn both(az: &str, en: &str) -> Texts {
    [("az", az), ("en", en)]
        .into_iter()
        .map(|(l, t)| (l.to_owned(), t.to_owned()))
        .collect()
}

fn propose(
    world: &mut World,
    who: &str,
    id: &str,
    spec: ProjectSpec,
) -> Result<Vec<Event>, DomainError> {
    world.by(
        who,
        Command::ProposeProject {
            project: id.into(),
            spec,
        },
    )
}

fn plant() -> ProjectSpec {
    let mut spec = project(
        "energy",
        "Solar plant",
        &["I.1", "II.4"],
        Classification::Public,
    );
    spec.title = both("Günəş stansiyası", "Solar plant");
    spec.description = both("230 MVt", "230 MW near Bilasuvar");
    spec
}

/// A world on 2026-05-01 where both parties agreed the energy group's list
/// with the plant, and its roadmap with two of its milestones.
fn agreed() -> World {
    let mut world = World::new();
    propose(&mut world, "az-energy", "plant", plant()).unwrap();
    world.today = date(2026, 5, 1);
    agree(
        &mut world,
        "energy-list",
        ProposalContent::ProjectList {
            group: "energy".into(),
            projects: vec!["plant".into()],
        },
    );
    let milestone = |id: &str, due: Date| MilestoneSpec {
        id: id.into(),
        title: accord_domain::texts::single("en", format!("Milestone {id}")),
        project: Some("plant".into()),
        due,
        depends_on: Vec::new(),
    };
    agree(
        &mut world,
        "energy-roadmap",
        ProposalContent::Roadmap {
            group: "energy".into(),
            milestones: vec![
                milestone("design", date(2026, 9, 1)),
                milestone("build", date(2027, 6, 1)),
            ],
        },
    );
    world
}

fn agree(world: &mut World, id: &str, content: ProposalContent) {
    let hash = content_hash(&content);
    world
        .by(
            "az-coord",
            Command::Propose {
                proposal: id.into(),
                content,
            },
        )
        .unwrap();
    for who in ["az-coord", "us-coord"] {
        world
            .by(
                who,
                Command::Approve {
                    proposal: id.into(),
                    content_hash: hash.clone(),
                },
            )
            .unwrap();
    }
}

#[test]
fn a_project_holds_its_title_and_description_in_each_language() {
    let mut world = World::new();
    propose(&mut world, "az-energy", "plant", plant()).unwrap();
    let spec = &world.state.projects["plant"].spec;
    assert_eq!(spec.title["az"], "Günəş stansiyası");
    assert_eq!(spec.description["en"], "230 MW near Bilasuvar");
}

#[test]
fn a_bad_project_is_refused_naming_the_field() {
    let mut world = World::new();
    let with = |change: &dyn Fn(&mut ProjectSpec)| {
        let mut spec = plant();
        change(&mut spec);
        spec
    };
    let mut refused = |spec: ProjectSpec| propose(&mut world, "az-energy", "bad", spec);
    assert_eq!(
        refused(with(&|s| s.provisions.clear())),
        Err(DomainError::NoProvision)
    );
    assert_eq!(
        refused(with(&|s| s.provisions.push(ProvisionId::new("IX.9")))),
        Err(DomainError::UnknownProvision("IX.9".into()))
    );
    fn investment(
        amount_minor: i64,
        currency: &'static str,
        share: Option<u8>,
    ) -> impl Fn(&mut ProjectSpec) {
        move |s: &mut ProjectSpec| {
            s.investment = Some(Investment {
                amount_minor,
                currency: currency.into(),
                public_share_percent: share,
            })
        }
    }
    let cases: Vec<(ProjectSpec, &str)> = vec![
        (
            with(&|s| s.provisions.push(ProvisionId::new("I.1"))),
            "provisions",
        ),
        (with(&|s| s.end = Some(date(2026, 5, 31))), "end"),
        (with(&|s| s.start = Some(date(2025, 12, 31))), "start"),
        (with(&|s| s.end = Some(date(2040, 1, 1))), "end"),
        (with(&investment(-1, "USD", None)), "amount"),
        (
            with(&investment(MAX_AMOUNT_MINOR + 1, "USD", None)),
            "amount",
        ),
        (with(&investment(100, "XYZ", None)), "currency"),
        (with(&investment(100, "usd", None)), "currency"),
        (
            with(&investment(100, "USD", Some(101))),
            "public_share_percent",
        ),
        (with(&|s| s.partners.push("nobody".into())), "partners"),
        (
            with(&|s| s.lead_organisations = vec!["nobody".into()]),
            "lead_organisations",
        ),
        (with(&|s| s.title.clear()), "title"),
        (
            with(&|s| s.title = texts::single("English", "Plant")),
            "title",
        ),
        (with(&|s| s.title = texts::single("en", " ")), "title"),
        (
            with(&|s| s.description = texts::single("en", "<script>x</script>")),
            "description",
        ),
    ];
    for (spec, expected) in cases {
        assert_eq!(field(refused(spec.clone())), expected, "{spec:?}");
    }
    // An amount at the bound, a share of 100, a currency of the table.
    let fine = with(&investment(MAX_AMOUNT_MINOR, "AZN", Some(100)));
    propose(&mut world, "az-energy", "fine", fine).unwrap();
    assert!(is_currency("EUR") && is_currency("AZN") && !is_currency("ABC"));
    assert!(world.state.projects.len() == 1, "only the good one");
}

#[test]
fn a_co_chair_or_member_of_the_group_proposes_nobody_else() {
    let mut world = World::new();
    for who in ["us-member", "socar-rep", "auditor"] {
        assert!(
            matches!(
                propose(&mut world, who, "plant", plant()),
                Err(DomainError::Forbidden(_))
            ),
            "{who}"
        );
    }
    // The connectivity member proposes in connectivity.
    let mut spec = plant();
    spec.group = "connectivity".into();
    propose(&mut world, "us-member", "corridor", spec).unwrap();
    propose(&mut world, "us-energy", "plant", plant()).unwrap();
    // A group that does not exist is not found, whoever asks.
    let mut spec = plant();
    spec.group = "space".into();
    assert!(matches!(
        propose(&mut world, "us-member", "rocket", spec),
        Err(DomainError::NotFound { .. })
    ));
}

#[test]
fn before_agreement_an_amendment_applies_at_once_and_voids_a_pending_lists_approvals() {
    let mut world = World::new();
    propose(&mut world, "az-energy", "plant", plant()).unwrap();
    let list = ProposalContent::ProjectList {
        group: "energy".into(),
        projects: vec!["plant".into()],
    };
    world
        .by(
            "az-coord",
            Command::Propose {
                proposal: "energy-list".into(),
                content: list.clone(),
            },
        )
        .unwrap();
    world
        .by(
            "az-coord",
            Command::Approve {
                proposal: "energy-list".into(),
                content_hash: content_hash(&list),
            },
        )
        .unwrap();
    let mut spec = plant();
    spec.end = Some(date(2029, 6, 30));
    let events = world
        .by(
            "us-energy",
            Command::AmendProject {
                project: "plant".into(),
                spec: spec.clone(),
            },
        )
        .unwrap();
    assert!(matches!(events[0], Event::ProjectAmended { .. }));
    assert!(
        matches!(&events[1], Event::ApprovalsVoided { parties, .. }
            if parties.len() == 1 && parties[0].as_str() == "AZ"),
        "{events:?}"
    );
    assert_eq!(world.state.projects["plant"].spec, spec);
    assert!(
        world.state.proposals["energy-list"]
            .agreement
            .approvals
            .is_empty()
    );
    // The same again changes nothing: refused.
    assert_eq!(
        field(world.by(
            "us-energy",
            Command::AmendProject {
                project: "plant".into(),
                spec,
            },
        )),
        "spec"
    );
}

#[test]
fn after_agreement_a_change_is_a_proposal_both_parties_adopt() {
    let mut world = agreed();
    let mut spec = world.state.projects["plant"].spec.clone();
    spec.end = Some(date(2029, 6, 30));
    // Not at once any more.
    assert_eq!(
        field(world.by(
            "az-energy",
            Command::AmendProject {
                project: "plant".into(),
                spec: spec.clone(),
            },
        )),
        "project"
    );
    let change = ProposalContent::ProjectAmendment {
        project: "plant".into(),
        spec: spec.clone(),
    };
    let propose_change = |world: &mut World, id: &str| {
        world.by(
            "us-energy",
            Command::Propose {
                proposal: id.into(),
                content: change.clone(),
            },
        )
    };
    propose_change(&mut world, "plant-change").unwrap();
    // One pending change at a time.
    assert_eq!(
        field(propose_change(&mut world, "plant-change-2")),
        "project"
    );
    let hash = content_hash(&change);
    world
        .by(
            "us-energy",
            Command::Approve {
                proposal: "plant-change".into(),
                content_hash: hash.clone(),
            },
        )
        .unwrap();
    assert_eq!(
        world.state.projects["plant"].spec.end,
        Some(date(2028, 12, 31)),
        "the agreed version stands"
    );
    world
        .by(
            "az-energy",
            Command::Approve {
                proposal: "plant-change".into(),
                content_hash: hash,
            },
        )
        .unwrap();
    let project = &world.state.projects["plant"];
    assert_eq!(project.spec, spec);
    assert_eq!(project.status, ProjectStatus::Agreed);
    // Its history holds the proposal's entries.
    let kinds: Vec<&str> = project
        .history
        .iter()
        .map(|i| event_kind(&world.entries[*i as usize]))
        .collect();
    assert_eq!(
        kinds,
        [
            "ProjectProposed",
            "ProposalAdopted",
            "ProposalMade",
            "ApprovalGiven",
            "ApprovalGiven",
            "ProposalAdopted"
        ]
    );
    // A change of nothing, and a change of a project not yet agreed, are
    // refused; so is a move to another group.
    propose(&mut world, "az-energy", "other", plant()).unwrap();
    let content = |project: &str, spec: ProjectSpec| ProposalContent::ProjectAmendment {
        project: project.into(),
        spec,
    };
    let current = world.state.projects["plant"].spec.clone();
    let mut moved = current.clone();
    moved.group = "connectivity".into();
    for (content, expected) in [
        (content("plant", current), "spec"),
        (content("other", plant()), "project"),
        (content("plant", moved), "working_group"),
    ] {
        let result = world.by(
            "az-coord",
            Command::Propose {
                proposal: "refused".into(),
                content,
            },
        );
        assert_eq!(field(result), expected);
    }
}

#[test]
fn an_amendment_is_seen_by_whoever_sees_the_project_before_and_after_it() {
    let mut world = agreed();
    let mut spec = world.state.projects["plant"].spec.clone();
    spec.classification = Classification::Restricted;
    world
        .by(
            "us-energy",
            Command::Propose {
                proposal: "hide-it".into(),
                content: ProposalContent::ProjectAmendment {
                    project: "plant".into(),
                    spec,
                },
            },
        )
        .unwrap();
    let record = &world.state.proposals["hide-it"];
    assert!(can_see_proposal(
        &world.state,
        &Viewer::Person("az-energy".into()),
        record
    ));
    assert!(!can_see_proposal(&world.state, &Viewer::Public, record));
    assert!(!can_see_proposal(
        &world.state,
        &Viewer::Person("us-member".into()),
        record
    ));
}

#[test]
fn the_lead_partys_co_chair_or_a_coordinator_sets_the_status_with_a_reason() {
    let mut world = agreed();
    let status = |status, reason: &str| Command::ChangeProjectStatus {
        project: "plant".into(),
        status,
        reason: reason.into(),
    };
    for who in ["us-energy", "us-member", "socar-rep", "auditor"] {
        assert!(
            matches!(
                world.by(who, status(ProjectStatus::InProgress, "Started")),
                Err(DomainError::Forbidden(_))
            ),
            "{who}"
        );
    }
    assert_eq!(
        field(world.by("az-energy", status(ProjectStatus::InProgress, " "))),
        "reason"
    );
    assert!(matches!(
        world.by("az-energy", status(ProjectStatus::Completed, "Done")),
        Err(DomainError::BadTransition { .. })
    ));
    let events = world
        .by(
            "az-energy",
            status(ProjectStatus::InProgress, "Ground broken"),
        )
        .unwrap();
    assert!(
        matches!(&events[0], Event::ProjectStatusChanged { reason, .. } if reason == "Ground broken")
    );
    world
        .by(
            "us-coord",
            status(ProjectStatus::Suspended, "Funding review"),
        )
        .unwrap();
    assert_eq!(
        world.state.projects["plant"].status,
        ProjectStatus::Suspended
    );
}

#[test]
fn milestones_are_completed_with_a_note_and_moved_with_a_reason_by_the_group() {
    let mut world = agreed();
    world.today = date(2026, 9, 2);
    let complete = |on: Date, note: &str| Command::CompleteMilestone {
        milestone: "design".into(),
        on,
        note: note.into(),
    };
    let reschedule = |milestone: &str, due: Date, reason: &str| Command::RescheduleMilestone {
        milestone: milestone.into(),
        due,
        reason: reason.into(),
    };
    assert!(matches!(
        world.by("us-member", complete(date(2026, 9, 1), "")),
        Err(DomainError::Forbidden(_))
    ));
    assert_eq!(
        field(world.by("az-energy", complete(date(2026, 9, 3), ""))),
        "on"
    );
    assert_eq!(
        field(world.by("az-energy", complete(date(2026, 1, 3), ""))),
        "on"
    );
    assert_eq!(
        field(world.by("az-energy", complete(date(2026, 9, 1), "<b>done</b>"))),
        "note"
    );
    let events = world
        .by("us-energy", complete(date(2026, 9, 1), "Design signed off"))
        .unwrap();
    assert!(
        matches!(&events[0], Event::MilestoneCompleted { note, .. } if note == "Design signed off")
    );
    assert_eq!(
        field(world.by("az-energy", complete(date(2026, 9, 1), ""))),
        "milestone"
    );
    assert_eq!(
        field(world.by("az-energy", reschedule("design", date(2026, 12, 1), "Late"))),
        "milestone",
        "a completed milestone is not moved"
    );
    assert_eq!(
        field(world.by("az-energy", reschedule("build", date(2027, 6, 1), "Same"))),
        "due"
    );
    assert_eq!(
        field(world.by("az-energy", reschedule("build", date(2027, 9, 1), ""))),
        "reason"
    );
    assert_eq!(
        field(world.by("az-energy", reschedule("build", date(2040, 9, 1), "Far"))),
        "due"
    );
    world
        .by(
            "az-energy",
            reschedule("build", date(2027, 9, 1), "Panels late"),
        )
        .unwrap();
    let build = &world.state.milestones["build"];
    assert_eq!(
        (build.baseline_due, build.spec.due),
        (date(2027, 6, 1), date(2027, 9, 1))
    );
    // Both are in the project's history.
    let kinds: Vec<&str> = world.state.projects["plant"]
        .history
        .iter()
        .map(|i| event_kind(&world.entries[*i as usize]))
        .collect();
    assert!(
        kinds.ends_with(&["MilestoneCompleted", "MilestoneRescheduled"]),
        "{kinds:?}"
    );
}

fn indicator(id: &str) -> IndicatorSpec {
    IndicatorSpec {
        id: id.into(),
        project: "plant".into(),
        name: both("Güc", "Capacity"),
        unit: "MW".into(),
        direction: Direction::HigherIsBetter,
        baseline: DatedValue {
            value: "0".into(),
            date: date(2026, 4, 1),
        },
        target: DatedValue {
            value: "230".into(),
            date: date(2028, 12, 31),
        },
    }
}

#[test]
fn indicators_are_defined_by_the_group_and_measured_by_it_and_the_projects_partners() {
    let mut world = agreed();
    let define = |spec: IndicatorSpec| Command::DefineIndicator { indicator: spec };
    let with = |change: &dyn Fn(&mut IndicatorSpec)| {
        let mut spec = indicator("capacity");
        change(&mut spec);
        define(spec)
    };
    for (command, expected) in [
        (with(&|i| i.id = IndicatorId::new("Capacity MW")), "id"),
        (with(&|i| i.name.clear()), "name"),
        (with(&|i| i.unit = " ".into()), "unit"),
        (with(&|i| i.baseline.value = "none".into()), "baseline"),
        (with(&|i| i.target.value = "1e9".into()), "target"),
        (with(&|i| i.target.date = date(2026, 3, 1)), "target.date"),
        (
            with(&|i| i.baseline.date = date(2026, 6, 1)),
            "baseline.date",
        ),
    ] {
        assert_eq!(field(world.by("az-energy", command)), expected);
    }
    assert!(matches!(
        world.by("socar-rep", define(indicator("capacity"))),
        Err(DomainError::Forbidden(_))
    ));
    world
        .by("us-energy", define(indicator("capacity")))
        .unwrap();
    assert_eq!(world.state.indicators["capacity"].spec.name["az"], "Güc");

    let measure = |value: &str, on: Date, unit: Option<&str>| Command::RecordMeasurement {
        indicator: "capacity".into(),
        measurement: DatedValue {
            value: value.into(),
            date: on,
        },
        source: "Site report".into(),
        unit: unit.map(Into::into),
    };
    let today = world.today;
    for (command, expected) in [
        (measure("forty", today, None), "value"),
        (measure("40", today, Some("km")), "unit"),
        (measure("40", date(2026, 5, 2), None), "date"),
        (measure("40", date(2026, 1, 2), None), "date"),
    ] {
        assert_eq!(field(world.by("az-energy", command)), expected);
    }
    // SOCAR takes part in the plant: its people report on it.
    world
        .by("socar-rep", measure("40.5", today, Some("MW")))
        .unwrap();
    world.by("az-energy", measure("-2", today, None)).unwrap();
    assert_eq!(world.state.indicators["capacity"].measurements.len(), 2);
    assert!(matches!(
        world.by("us-member", measure("41", today, None)),
        Err(DomainError::Forbidden(_))
    ));
    let kinds: Vec<&str> = world.state.projects["plant"]
        .history
        .iter()
        .map(|i| event_kind(&world.entries[*i as usize]))
        .collect();
    assert!(
        kinds.ends_with(&[
            "IndicatorDefined",
            "MeasurementRecorded",
            "MeasurementRecorded"
        ]),
        "{kinds:?}"
    );
}

#[test]
fn older_entries_read_with_a_title_of_no_language_and_no_reason() {
    let bytes = br#"{"by":"az-energy","event":{"type":"ProjectProposed","value":{"project":"p","spec":{"classification":"public","end":null,"group":"energy","investment":null,"lead_organisations":[],"lead_party":"AZ","partners":[],"provisions":["I.1"],"start":null,"title":"Old title"}}},"recorded_at":"2026-03-01T10:00:00Z","v":1}"#;
    let entry = decode(bytes).unwrap();
    let Event::ProjectProposed { spec, .. } = &entry.event else {
        panic!("{entry:?}")
    };
    assert_eq!(spec.title, texts::single("und", "Old title"));
    assert!(spec.description.is_empty());
    let bytes = br#"{"by":null,"event":{"type":"ProjectStatusChanged","value":{"on":"2026-05-01","project":"p","status":"in_progress"}},"recorded_at":"2026-05-01T10:00:00Z","v":1}"#;
    let entry = decode(bytes).unwrap();
    assert!(
        matches!(&entry.event, Event::ProjectStatusChanged { reason, .. } if reason.is_empty())
    );
    // Written again, an empty reason is left out: the old bytes are the new.
    assert_eq!(accord_domain::event::encode(&entry), bytes.to_vec());
    let bytes = br#"{"by":null,"event":{"type":"MilestoneRescheduled","value":{"due":"2027-01-01","milestone":"m"}},"recorded_at":"2026-05-01T10:00:00Z","v":1}"#;
    assert_eq!(
        accord_domain::event::encode(&decode(bytes).unwrap()),
        bytes.to_vec()
    );
}

fn event_kind(entry: &Entry) -> &'static str {
    match &entry.event {
        Event::ProjectProposed { .. } => "ProjectProposed",
        Event::ProjectAmended { .. } => "ProjectAmended",
        Event::ProjectStatusChanged { .. } => "ProjectStatusChanged",
        Event::ProposalMade { .. } => "ProposalMade",
        Event::ProposalAmended { .. } => "ProposalAmended",
        Event::ApprovalGiven { .. } => "ApprovalGiven",
        Event::ApprovalsVoided { .. } => "ApprovalsVoided",
        Event::ProposalAdopted { .. } => "ProposalAdopted",
        Event::MilestoneCompleted { .. } => "MilestoneCompleted",
        Event::MilestoneRescheduled { .. } => "MilestoneRescheduled",
        Event::IndicatorDefined { .. } => "IndicatorDefined",
        Event::MeasurementRecorded { .. } => "MeasurementRecorded",
        _ => "other",
    }
}

#[test]
fn each_project_knows_its_own_milestones_and_indicators_as_they_move() {
    let mut world = agreed();
    let ids = |world: &World, project: &str| -> Vec<String> {
        world
            .state
            .milestones_of(&project.into())
            .map(|m| m.spec.id.to_string())
            .collect()
    };
    assert_eq!(ids(&world, "plant"), ["build", "design"]);
    // A later roadmap gives `build` to the group as a whole.
    agree(
        &mut world,
        "energy-roadmap-2",
        ProposalContent::Roadmap {
            group: "energy".into(),
            milestones: vec![MilestoneSpec {
                id: "build".into(),
                title: accord_domain::texts::single("en", "Build"),
                project: None,
                due: date(2027, 6, 1),
                depends_on: Vec::new(),
            }],
        },
    );
    assert_eq!(ids(&world, "plant"), ["design"]);
    world
        .by(
            "az-energy",
            Command::DefineIndicator {
                indicator: IndicatorSpec {
                    id: "capacity".into(),
                    project: "plant".into(),
                    name: both("Güc", "Capacity"),
                    unit: "MW".into(),
                    direction: Direction::HigherIsBetter,
                    baseline: DatedValue {
                        value: "0".into(),
                        date: date(2026, 5, 1),
                    },
                    target: DatedValue {
                        value: "230".into(),
                        date: date(2027, 6, 1),
                    },
                },
            },
        )
        .unwrap();
    let indicators: Vec<_> = world
        .state
        .indicators_of(&"plant".into())
        .map(|i| i.spec.id.to_string())
        .collect();
    assert_eq!(indicators, ["capacity"]);
}
