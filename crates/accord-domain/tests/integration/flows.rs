//! The charter's machinery, flow by flow.

use accord_domain::agreement::AgreementError;
use accord_domain::command::Command;
use accord_domain::decide::DomainError;
use accord_domain::event::{Event, ProposalContent, content_hash};
use accord_domain::ids::{MilestoneId, PartyCode, PersonId, ProjectId, ProvisionId};
use accord_domain::model::*;
use accord_domain::rules::status::MilestoneProgress;
use accord_domain::rules::{DeadlineStatus, status};
use accord_domain::texts;
use accord_domain::visibility::{Viewer, can_see_milestone, can_see_project};
use jiff::civil::date;

use crate::fixture::{World, project};

fn propose_energy_list(world: &mut World) -> String {
    world
        .by(
            "az-energy",
            Command::ProposeProject {
                project: "tripp-power".into(),
                spec: project(
                    "energy",
                    "TRIPP power line",
                    &["I.3"],
                    Classification::Public,
                ),
            },
        )
        .unwrap();
    world
        .by(
            "az-energy",
            Command::ProposeProject {
                project: "grid-secret".into(),
                spec: project(
                    "energy",
                    "Grid protection",
                    &["I.3", "II.4"],
                    Classification::Restricted,
                ),
            },
        )
        .unwrap();
    let content = ProposalContent::ProjectList {
        group: "energy".into(),
        projects: vec!["tripp-power".into(), "grid-secret".into()],
    };
    world
        .by(
            "az-coord",
            Command::Propose {
                proposal: "energy-list".into(),
                content: content.clone(),
            },
        )
        .unwrap();
    content_hash(&content)
}

#[test]
fn both_coordinators_agree_the_project_list_and_the_deadline_is_met_on_that_day() {
    let mut world = World::new();
    let hash = propose_energy_list(&mut world);
    world.today = date(2026, 4, 2);
    let first = world
        .by(
            "az-coord",
            Command::Approve {
                proposal: "energy-list".into(),
                content_hash: hash.clone(),
            },
        )
        .unwrap();
    assert_eq!(first.len(), 1, "one party's approval adopts nothing");
    world.today = date(2026, 4, 9);
    let second = world
        .by(
            "us-coord",
            Command::Approve {
                proposal: "energy-list".into(),
                content_hash: hash,
            },
        )
        .unwrap();
    assert!(matches!(second.last(), Some(Event::ProposalAdopted { .. })));

    let report = status(&world.state, date(2026, 11, 27), &Viewer::Operator).unwrap();
    let energy = report
        .working_groups
        .iter()
        .find(|g| g.id == "energy")
        .unwrap();
    assert_eq!(
        energy.project_list,
        Some(DeadlineStatus::Met {
            due: date(2026, 5, 10),
            on: date(2026, 4, 9),
            days_late: 0
        })
    );
    assert_eq!(energy.projects[&ProjectStatus::Agreed], 2);
    let economy = report
        .working_groups
        .iter()
        .find(|g| g.id == "economy-trade")
        .unwrap();
    assert_eq!(
        economy.project_list,
        Some(DeadlineStatus::Overdue {
            due: date(2026, 5, 10),
            days_overdue: 201
        })
    );
    assert_eq!(report.coverage.commitments, 3);
    assert_eq!(report.coverage.covered, 2);
    assert_eq!(report.coverage.uncovered, vec![ProvisionId::new("I.1")]);
    let sections: Vec<(&str, usize, usize)> = report
        .coverage
        .by_section
        .iter()
        .map(|s| (s.section.as_str(), s.commitments, s.covered))
        .collect();
    assert_eq!(
        sections.iter().map(|s| s.1).sum::<usize>(),
        report.coverage.commitments
    );
    assert_eq!(
        sections.iter().map(|s| s.2).sum::<usize>(),
        report.coverage.covered
    );
    assert_eq!(sections, vec![("I", 2, 1), ("II", 1, 1)]);
    let meetings = report.charter_meetings.unwrap();
    assert_eq!(
        (meetings.state, meetings.next_due),
        ("pending", date(2027, 2, 10))
    );
}

#[test]
fn a_project_must_cite_known_provisions() {
    let mut world = World::new();
    let none = project("energy", "Nothing cited", &[], Classification::Public);
    assert_eq!(
        world.by(
            "az-energy",
            Command::ProposeProject {
                project: "x".into(),
                spec: none
            }
        ),
        Err(DomainError::NoProvision)
    );
    let unknown = project("energy", "Unknown", &["IX.9"], Classification::Public);
    assert_eq!(
        world.by(
            "az-energy",
            Command::ProposeProject {
                project: "x".into(),
                spec: unknown
            }
        ),
        Err(DomainError::UnknownProvision("IX.9".into()))
    );
}

#[test]
fn an_edited_proposal_voids_the_approvals_already_given() {
    let mut world = World::new();
    let hash = propose_energy_list(&mut world);
    world
        .by(
            "az-coord",
            Command::Approve {
                proposal: "energy-list".into(),
                content_hash: hash.clone(),
            },
        )
        .unwrap();
    let shorter = ProposalContent::ProjectList {
        group: "energy".into(),
        projects: vec!["tripp-power".into()],
    };
    let events = world
        .by(
            "us-energy",
            Command::AmendProposal {
                proposal: "energy-list".into(),
                content: shorter.clone(),
            },
        )
        .unwrap();
    assert!(
        matches!(&events[1], Event::ApprovalsVoided { parties, .. } if parties == &vec![PartyCode::new("AZ")])
    );
    // The old content can no longer be approved; the new one needs both parties again.
    assert!(matches!(
        world.by(
            "us-coord",
            Command::Approve {
                proposal: "energy-list".into(),
                content_hash: hash
            }
        ),
        Err(DomainError::Agreement(AgreementError::StaleContent {
            current: 2,
            ..
        }))
    ));
    let after = world
        .by(
            "us-coord",
            Command::Approve {
                proposal: "energy-list".into(),
                content_hash: content_hash(&shorter),
            },
        )
        .unwrap();
    assert_eq!(after.len(), 1);
    assert!(world.state.proposals["energy-list"].agreement.is_open());
}

#[test]
fn one_party_cannot_sign_for_another_and_partners_cannot_sign() {
    let mut world = World::new();
    let hash = propose_energy_list(&mut world);
    world
        .by(
            "az-coord",
            Command::Approve {
                proposal: "energy-list".into(),
                content_hash: hash.clone(),
            },
        )
        .unwrap();
    assert_eq!(
        world.by(
            "az-energy",
            Command::Approve {
                proposal: "energy-list".into(),
                content_hash: hash.clone()
            }
        ),
        Err(DomainError::Agreement(AgreementError::AlreadyApproved {
            party: "AZ".into()
        }))
    );
    assert!(matches!(
        world.by(
            "socar-rep",
            Command::Approve {
                proposal: "energy-list".into(),
                content_hash: hash
            }
        ),
        Err(DomainError::Agreement(AgreementError::NotAuthorised { .. }))
    ));
}

#[test]
fn a_co_chair_cannot_approve_for_another_group() {
    let mut world = World::new();
    world
        .by(
            "us-coord",
            Command::ProposeProject {
                project: "corridor".into(),
                spec: project(
                    "connectivity",
                    "Middle Corridor port",
                    &["I.1"],
                    Classification::Partnership,
                ),
            },
        )
        .unwrap();
    let content = ProposalContent::ProjectList {
        group: "connectivity".into(),
        projects: vec!["corridor".into()],
    };
    world
        .by(
            "us-coord",
            Command::Propose {
                proposal: "conn-list".into(),
                content: content.clone(),
            },
        )
        .unwrap();
    let result = world.by(
        "az-energy",
        Command::Approve {
            proposal: "conn-list".into(),
            content_hash: content_hash(&content),
        },
    );
    assert!(matches!(
        result,
        Err(DomainError::Agreement(AgreementError::NotAuthorised { .. }))
    ));
}

#[test]
fn restricted_projects_are_invisible_outside_their_group() {
    let mut world = World::new();
    propose_energy_list(&mut world);
    let secret = &world.state.projects[&ProjectId::new("grid-secret")];
    let sees = |viewer: Viewer| can_see_project(&world.state, &viewer, secret);
    let person = |id: &str| Viewer::Person(PersonId::new(id));
    assert!(!sees(Viewer::Public));
    assert!(!sees(person("us-member")), "a member of another group");
    assert!(sees(person("az-energy")));
    assert!(sees(person("us-coord")));
    assert!(sees(person("auditor")));
    assert!(
        sees(person("socar-rep")),
        "a partner sees the projects it takes part in"
    );
    // Counts hide it too.
    let report = status(&world.state, date(2026, 3, 1), &person("us-member")).unwrap();
    let energy = report
        .working_groups
        .iter()
        .find(|g| g.id == "energy")
        .unwrap();
    assert_eq!(energy.projects[&ProjectStatus::Proposed], 1);
}

#[test]
fn only_administrators_and_the_operator_manage_people() {
    let mut world = World::new();
    let result = world.by(
        "us-coord",
        Command::GrantRole {
            person: "us-member".into(),
            role: Role::Auditor,
        },
    );
    assert_eq!(result, Err(DomainError::Forbidden("us-coord".into())));
}

#[test]
fn one_co_chair_per_party_per_group() {
    let mut world = World::new();
    let result = world.run(
        accord_domain::command::Actor::System,
        Command::GrantRole {
            person: "us-member".into(),
            role: Role::CoChair {
                group: "energy".into(),
                party: "US".into(),
            },
        },
    );
    assert!(matches!(result, Err(DomainError::CoChairTaken { .. })));
}

fn milestone(id: &str, due: jiff::civil::Date, depends_on: &[&str]) -> MilestoneSpec {
    MilestoneSpec {
        id: id.into(),
        title: accord_domain::texts::single("en", format!("milestone {id}")),
        project: None,
        due,
        depends_on: depends_on.iter().map(|d| (*d).into()).collect(),
    }
}

#[test]
fn a_milestone_needs_a_title_in_some_language() {
    let mut world = World::new();
    for title in [
        Texts::new(),
        texts::single("az", " "),
        texts::single("EN", "Survey"),
    ] {
        let mut survey = milestone("survey", date(2026, 6, 1), &[]);
        survey.title = title.clone();
        let refused = world.by(
            "az-coord",
            Command::Propose {
                proposal: "road".into(),
                content: ProposalContent::Roadmap {
                    group: "energy".into(),
                    milestones: vec![survey],
                },
            },
        );
        assert!(
            matches!(refused, Err(DomainError::Invalid { field: "title", .. })),
            "{title:?}: {refused:?}"
        );
    }
}

/// A roadmap proposed before milestone titles were held per language: its
/// entry holds each title as a plain string, and its content hash is the
/// hash of that content.
#[test]
fn a_roadmap_recorded_with_plain_titles_replays_and_is_adopted_by_its_recorded_hash() {
    use accord_domain::event::{decode, encode};
    use accord_domain::state::State;
    use sha2::{Digest, Sha256};

    let mut world = World::new();
    let mut survey = milestone("survey", date(2026, 6, 1), &[]);
    survey.title = texts::single(texts::UNDETERMINED, "Survey the route");
    let content = ProposalContent::Roadmap {
        group: "energy".into(),
        milestones: vec![survey],
    };
    world
        .by(
            "az-coord",
            Command::Propose {
                proposal: "road".into(),
                content: content.clone(),
            },
        )
        .unwrap();
    // The same entry as the older program wrote it.
    let old_content = r#"{"group":"energy","kind":"roadmap","milestones":[{"depends_on":[],"due":"2026-06-01","id":"survey","project":null,"title":"Survey the route"}]}"#;
    let old_hash: String = Sha256::digest(old_content.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let new_bytes = String::from_utf8(encode(world.entries.last().unwrap())).unwrap();
    let old_bytes = new_bytes
        .replace(r#"{"und":"Survey the route"}"#, r#""Survey the route""#)
        .replace(&content_hash(&content), &old_hash);
    assert!(old_bytes.contains(old_content), "{old_bytes}");
    let old_entry = decode(old_bytes.as_bytes()).unwrap();
    let Event::ProposalMade {
        content: read,
        content_hash: recorded,
        ..
    } = &old_entry.event
    else {
        panic!("{old_entry:?}")
    };
    assert_eq!(read, &content, "a plain title reads as undetermined");
    assert_eq!(recorded, &old_hash, "the recorded hash is kept as it was");

    // Replayed from the older entries, both parties adopt it by the hash
    // they were shown, and its milestone keeps its title.
    world.entries.pop();
    world.entries.push(old_entry);
    world.state = State::replay(&world.entries);
    for who in ["az-energy", "us-energy"] {
        world
            .by(
                who,
                Command::Approve {
                    proposal: "road".into(),
                    content_hash: old_hash.clone(),
                },
            )
            .unwrap();
    }
    assert!(world.state.proposals["road"].agreement.adopted_on.is_some());
    assert_eq!(
        world.state.milestones[&MilestoneId::new("survey")]
            .spec
            .title,
        texts::single("und", "Survey the route")
    );
}

#[test]
fn a_roadmap_with_a_cycle_is_refused() {
    let mut world = World::new();
    let content = ProposalContent::Roadmap {
        group: "energy".into(),
        milestones: vec![
            milestone("a", date(2026, 6, 1), &["c"]),
            milestone("b", date(2026, 7, 1), &["a"]),
            milestone("c", date(2026, 8, 1), &["b"]),
        ],
    };
    assert!(matches!(
        world.by(
            "az-coord",
            Command::Propose {
                proposal: "road".into(),
                content
            }
        ),
        Err(DomainError::DependencyCycle(_))
    ));
}

#[test]
fn an_agreed_roadmap_is_the_baseline_and_later_changes_show_as_drift() {
    let mut world = World::new();
    let content = ProposalContent::Roadmap {
        group: "energy".into(),
        milestones: vec![
            milestone("survey", date(2026, 6, 1), &[]),
            milestone("build", date(2026, 9, 1), &["survey"]),
        ],
    };
    world
        .by(
            "az-coord",
            Command::Propose {
                proposal: "road".into(),
                content: content.clone(),
            },
        )
        .unwrap();
    for who in ["az-energy", "us-energy"] {
        world
            .by(
                who,
                Command::Approve {
                    proposal: "road".into(),
                    content_hash: content_hash(&content),
                },
            )
            .unwrap();
    }
    world
        .by(
            "az-energy",
            Command::RescheduleMilestone {
                milestone: "build".into(),
                due: date(2026, 10, 15),
                reason: "The survey needs another season".into(),
            },
        )
        .unwrap();
    let report = status(&world.state, date(2026, 7, 1), &Viewer::Operator).unwrap();
    assert_eq!(report.overdue_milestones.len(), 1);
    assert_eq!(report.overdue_milestones[0].id, MilestoneId::new("survey"));
    assert_eq!(report.slipped_milestones.len(), 1);
    assert_eq!(report.slipped_milestones[0].days_slipped, 44);
    let energy = report
        .working_groups
        .iter()
        .find(|g| g.id == "energy")
        .unwrap();
    assert_eq!(energy.roadmap.map(|r| r.state()), Some("met"));
    assert_eq!(
        energy.milestones,
        MilestoneProgress {
            total: 2,
            completed: 0,
            overdue: 1
        }
    );
    // A milestone of the group as a whole is a partnership item: the
    // governments' people see it, a partner company's people do not.
    let survey = &world.state.milestones[&MilestoneId::new("survey")];
    let sees = |id: Option<&str>| {
        let viewer = id.map_or(Viewer::Public, |id| Viewer::Person(PersonId::new(id)));
        can_see_milestone(&world.state, &viewer, survey)
    };
    assert!(!sees(None), "the public");
    assert!(!sees(Some("socar-rep")), "a partner company");
    for who in ["us-member", "az-energy", "us-coord", "auditor"] {
        assert!(sees(Some(who)), "{who}");
    }
}

#[test]
fn a_dialogue_platform_exists_only_once_both_parties_agree() {
    let mut world = World::new();
    let content = ProposalContent::DialoguePlatform {
        id: "trade-dialogue".into(),
        name: texts::single("en", "Economic dialogue"),
        purpose: texts::single("en", "Trade and investment"),
    };
    world
        .by(
            "us-coord",
            Command::Propose {
                proposal: "dp".into(),
                content: content.clone(),
            },
        )
        .unwrap();
    assert!(!world.state.groups.contains_key("trade-dialogue"));
    world
        .by(
            "us-coord",
            Command::Approve {
                proposal: "dp".into(),
                content_hash: content_hash(&content),
            },
        )
        .unwrap();
    assert!(!world.state.groups.contains_key("trade-dialogue"));
    world
        .by(
            "az-coord",
            Command::Approve {
                proposal: "dp".into(),
                content_hash: content_hash(&content),
            },
        )
        .unwrap();
    assert!(world.state.groups["trade-dialogue"].dialogue_platform);
}

#[test]
fn a_charter_meeting_held_keeps_the_year() {
    let mut world = World::new();
    world
        .by(
            "az-coord",
            Command::ScheduleMeeting {
                meeting: MeetingSpec {
                    id: "baku-2026".into(),
                    kind: MeetingKind::Charter,
                    group: None,
                    date: date(2026, 10, 1),
                    place: "Baku".into(),
                    participants: vec!["az-coord".into(), "us-coord".into()],
                    agenda: vec![AgendaItem {
                        title: texts::single("en", "Project lists of the working groups"),
                        projects: Vec::new(),
                        milestones: Vec::new(),
                        provisions: vec![ProvisionId::new("IV.p2")],
                    }],
                    title: Default::default(),
                },
            },
        )
        .unwrap();
    world.today = date(2026, 10, 2);
    world
        .by(
            "us-coord",
            Command::RecordMeetingHeld {
                meeting: "baku-2026".into(),
                on: date(2026, 10, 1),
                attendees: Vec::new(),
            },
        )
        .unwrap();
    let report = status(&world.state, date(2026, 11, 27), &Viewer::Public).unwrap();
    let meetings = report.charter_meetings.unwrap();
    assert_eq!(
        (meetings.state, meetings.held, meetings.next_due),
        ("met", 1, date(2028, 2, 10))
    );
}

#[test]
fn a_group_scope_is_agreed_by_its_co_chairs_and_cites_known_provisions() {
    let mut world = World::new();
    let scope = vec![ProvisionId::new("I.3"), ProvisionId::new("II.4")];
    let content = |provisions: Vec<ProvisionId>| ProposalContent::GroupScope {
        group: "energy".into(),
        provisions,
    };
    world
        .by(
            "us-energy",
            Command::Propose {
                proposal: "energy-scope".into(),
                content: content(scope.clone()),
            },
        )
        .unwrap();
    for who in ["us-energy", "az-energy"] {
        world
            .by(
                who,
                Command::Approve {
                    proposal: "energy-scope".into(),
                    content_hash: content_hash(&content(scope.clone())),
                },
            )
            .unwrap();
    }
    assert_eq!(world.state.groups["energy"].spec.scope, scope);
    assert_eq!(
        world.by(
            "us-energy",
            Command::Propose {
                proposal: "bad-scope".into(),
                content: content(vec![ProvisionId::new("X.1")]),
            }
        ),
        Err(DomainError::UnknownProvision("X.1".into()))
    );
    // A member of another group signs for no party on it.
    let refused = world
        .by(
            "us-member",
            Command::Propose {
                proposal: "member-scope".into(),
                content: content(Vec::new()),
            },
        )
        .unwrap_err();
    assert_eq!(refused.code(), "not_signatory");
}

#[test]
fn a_large_roadmap_lists_the_worst_overdue_milestones_and_counts_them_all() {
    let mut world = World::new();
    let milestones: Vec<_> = (0..150)
        .map(|n| {
            milestone(
                &format!("m{n:03}"),
                date(2026, 3, 2) + jiff::Span::new().days(n),
                &[],
            )
        })
        .collect();
    let content = ProposalContent::Roadmap {
        group: "energy".into(),
        milestones,
    };
    world
        .by(
            "az-coord",
            Command::Propose {
                proposal: "road".into(),
                content: content.clone(),
            },
        )
        .unwrap();
    for who in ["az-coord", "us-coord"] {
        world
            .by(
                who,
                Command::Approve {
                    proposal: "road".into(),
                    content_hash: content_hash(&content),
                },
            )
            .unwrap();
    }
    let report = status(&world.state, date(2027, 1, 1), &Viewer::Operator).unwrap();
    assert_eq!(report.overdue_milestones_total, 150);
    assert_eq!(
        report.overdue_milestones.len(),
        accord_domain::rules::status::LISTED
    );
    assert_eq!(
        report.overdue_milestones[0].id,
        MilestoneId::new("m000"),
        "the oldest first"
    );
    assert_eq!(report.overdue_milestones[99].id, MilestoneId::new("m099"));
}
