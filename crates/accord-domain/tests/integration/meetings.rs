//! The charter's working year: a meeting scheduled, moved, held, its
//! minutes adopted by both parties, its actions done; and what is refused
//! on the way (dates, order, owners, markup, who acts).

use accord_domain::command::Command;
use accord_domain::decide::DomainError;
use accord_domain::event::{Decision, DecisionKind, ProposalContent, content_hash};
use accord_domain::ids::{ActionId, MeetingId, ProvisionId};
use accord_domain::model::*;
use accord_domain::texts;
use jiff::civil::{Date, date};

use crate::fixture::World;

fn meeting(id: &str, on: Date) -> MeetingSpec {
    MeetingSpec {
        id: id.into(),
        kind: MeetingKind::Charter,
        group: None,
        date: on,
        place: "Baku".into(),
        participants: vec!["az-coord".into(), "us-coord".into()],
        agenda: vec![AgendaItem {
            title: [("az", "İlin icmalı"), ("en", "Review of the year")]
                .into_iter()
                .map(|(l, t)| (l.to_owned(), t.to_owned()))
                .collect(),
            projects: Vec::new(),
            milestones: Vec::new(),
            provisions: vec![ProvisionId::new("I.1")],
        }],
        title: texts::single("en", "Charter meeting 2026"),
    }
}

fn field(result: Result<impl std::fmt::Debug, DomainError>) -> &'static str {
    match result {
        Err(DomainError::Invalid { field, .. }) => field,
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}

fn action(owner: Option<&str>, due: Option<Date>) -> Decision {
    Decision {
        kind: DecisionKind::Action,
        text: texts::single("en", "Draft the energy roadmap"),
        owner: owner.map(Into::into),
        due,
        provisions: vec![ProvisionId::new("I.1")],
        projects: Vec::new(),
    }
}

fn minutes(decisions: Vec<Decision>) -> ProposalContent {
    ProposalContent::Minutes {
        meeting: "baku".into(),
        text: [("az", "Tərəflər görüşdü."), ("en", "The parties met.")]
            .into_iter()
            .map(|(l, t)| (l.to_owned(), t.to_owned()))
            .collect(),
        decisions,
    }
}

/// A world on 2026-10-02 with the charter meeting of 2026-10-01 held.
fn held() -> World {
    let mut world = World::new();
    world.today = date(2026, 10, 2);
    world
        .by(
            "us-coord",
            Command::ScheduleMeeting {
                meeting: meeting("baku", date(2026, 10, 1)),
            },
        )
        .unwrap();
    world
        .by(
            "us-coord",
            Command::RecordMeetingHeld {
                meeting: "baku".into(),
                on: date(2026, 10, 1),
                attendees: vec!["az-coord".into(), "us-coord".into()],
            },
        )
        .unwrap();
    world
}

fn adopt(world: &mut World, content: ProposalContent) {
    world
        .by(
            "az-coord",
            Command::Propose {
                proposal: "baku-minutes".into(),
                content: content.clone(),
            },
        )
        .unwrap();
    for who in ["az-coord", "us-coord"] {
        world
            .by(
                who,
                Command::Approve {
                    proposal: "baku-minutes".into(),
                    content_hash: content_hash(&content),
                },
            )
            .unwrap();
    }
}

#[test]
fn minutes_adopted_by_both_parties_open_their_actions_until_the_owner_is_done() {
    let mut world = held();
    adopt(
        &mut world,
        minutes(vec![action(Some("us-energy"), Some(date(2026, 11, 1)))]),
    );
    let id = ActionId::new("baku-minutes-action-1");
    let open = &world.state.actions[&id];
    assert_eq!(open.done, None);
    assert_eq!(open.meeting, MeetingId::new("baku"));
    // Someone else, not running the meeting, may not mark it done.
    assert!(matches!(
        world.by(
            "us-member",
            Command::CompleteAction {
                action: id.clone(),
                note: "done".into()
            }
        ),
        Err(DomainError::Forbidden(_))
    ));
    // Its owner may, though the owner does not coordinate.
    world
        .by(
            "us-energy",
            Command::CompleteAction {
                action: id.clone(),
                note: "Drafted.".into(),
            },
        )
        .unwrap();
    let done = world.state.actions[&id].done.clone().unwrap();
    assert_eq!(done.0, date(2026, 10, 2));
    assert_eq!(done.2, "Drafted.");
    // Done once.
    assert_eq!(
        field(world.by(
            "us-energy",
            Command::CompleteAction {
                action: id,
                note: String::new()
            }
        )),
        "action"
    );
}

#[test]
fn minutes_come_after_the_meeting_and_an_action_needs_an_owner_and_a_date() {
    let mut world = World::new();
    world.today = date(2026, 10, 2);
    world
        .by(
            "us-coord",
            Command::ScheduleMeeting {
                meeting: meeting("baku", date(2026, 10, 1)),
            },
        )
        .unwrap();
    let propose = |content| Command::Propose {
        proposal: "m".into(),
        content,
    };
    assert_eq!(
        field(world.by("az-coord", propose(minutes(Vec::new())))),
        "meeting"
    );
    let mut world = held();
    assert_eq!(
        field(world.by(
            "az-coord",
            propose(minutes(vec![action(None, Some(date(2026, 11, 1)))]))
        )),
        "decisions.owner"
    );
    assert_eq!(
        field(world.by(
            "az-coord",
            propose(minutes(vec![action(Some("us-energy"), None)]))
        )),
        "decisions.due"
    );
    assert_eq!(
        field(world.by(
            "az-coord",
            propose(minutes(vec![action(
                Some("us-energy"),
                Some(date(2026, 9, 1))
            )]))
        )),
        "decisions.due"
    );
}

#[test]
fn dates_markup_and_order_are_checked_and_name_their_field() {
    let mut world = World::new();
    world.today = date(2026, 10, 2);
    let schedule = |spec| Command::ScheduleMeeting { meeting: spec };
    assert_eq!(
        field(world.by("us-coord", schedule(meeting("old", date(1999, 1, 1))))),
        "date"
    );
    assert_eq!(
        field(world.by("us-coord", schedule(meeting("far", date(2099, 1, 1))))),
        "date"
    );
    let mut hostile = meeting("x", date(2026, 11, 1));
    hostile.agenda[0].title = texts::single("en", "<script>alert(1)</script>");
    assert_eq!(field(world.by("us-coord", schedule(hostile))), "agenda");
    let mut unknown = meeting("x", date(2026, 11, 1));
    unknown.agenda[0].title = texts::single("English", "Review");
    assert_eq!(field(world.by("us-coord", schedule(unknown))), "agenda");
    // A partner schedules no charter meeting.
    assert!(matches!(
        world.by("socar-rep", schedule(meeting("p", date(2026, 11, 1)))),
        Err(DomainError::Forbidden(_))
    ));

    world
        .by("us-coord", schedule(meeting("nov", date(2026, 11, 1))))
        .unwrap();
    // Not held before the date it is scheduled for.
    assert_eq!(
        field(world.by(
            "us-coord",
            Command::RecordMeetingHeld {
                meeting: "nov".into(),
                on: date(2026, 10, 1),
                attendees: Vec::new()
            }
        )),
        "on"
    );
    // Moved earlier with a reason, it can be held.
    world
        .by(
            "az-coord",
            Command::RescheduleMeeting {
                meeting: "nov".into(),
                date: date(2026, 10, 1),
                reason: "Both delegations in Baku earlier".into(),
            },
        )
        .unwrap();
    assert_eq!(
        world.state.meetings[&MeetingId::new("nov")].rescheduled,
        vec![(
            date(2026, 11, 1),
            "Both delegations in Baku earlier".to_owned()
        )]
    );
    world
        .by(
            "us-coord",
            Command::ScheduleMeeting {
                meeting: meeting("dec", date(2026, 12, 1)),
            },
        )
        .unwrap();
    world
        .by(
            "us-coord",
            Command::CancelMeeting {
                meeting: "dec".into(),
                reason: "Merged with the November meeting".into(),
            },
        )
        .unwrap();
    world.today = date(2026, 12, 2);
    assert_eq!(
        field(world.by(
            "us-coord",
            Command::RecordMeetingHeld {
                meeting: "dec".into(),
                on: date(2026, 12, 1),
                attendees: Vec::new()
            }
        )),
        "meeting"
    );
}

#[test]
fn a_document_is_recorded_by_hash_and_a_hostile_name_is_refused() {
    let mut world = held();
    let document = |name: &str, sha: &str| Command::AttachDocument {
        meeting: "baku".into(),
        document: DocumentRef {
            sha256: sha.to_owned(),
            size: 1234,
            name: name.to_owned(),
            media_type: "application/pdf".into(),
        },
    };
    let sha = "ab".repeat(32);
    assert_eq!(
        field(world.by("us-coord", document("../../etc/passwd", &sha))),
        "name"
    );
    assert_eq!(
        field(world.by("us-coord", document("minutes.pdf", "XYZ"))),
        "sha256"
    );
    world.by("us-coord", document("minutes.pdf", &sha)).unwrap();
    assert!(matches!(
        world.by("us-coord", document("again.pdf", &sha)),
        Err(DomainError::AlreadyExists { .. })
    ));
    assert_eq!(
        world.state.meetings[&MeetingId::new("baku")].documents[0].name,
        "minutes.pdf"
    );
}

#[test]
fn a_dialogue_platform_and_a_groups_scope_take_effect_once_both_agree() {
    let mut world = World::new();
    let platform = ProposalContent::DialoguePlatform {
        id: "caspian-energy-dialogue".into(),
        name: [
            ("az", "Xəzər enerji dialoqu"),
            ("en", "Caspian energy dialogue"),
        ]
        .into_iter()
        .map(|(l, t)| (l.to_owned(), t.to_owned()))
        .collect(),
        purpose: texts::single("en", "Energy security"),
    };
    let scope = ProposalContent::GroupScope {
        group: "energy".into(),
        provisions: vec![ProvisionId::new("I.3")],
    };
    for (id, content, signatories) in [
        ("dp", platform, ["az-coord", "us-coord"]),
        ("scope", scope, ["az-energy", "us-energy"]),
    ] {
        world
            .by(
                signatories[0],
                Command::Propose {
                    proposal: id.into(),
                    content: content.clone(),
                },
            )
            .unwrap();
        for who in signatories {
            world
                .by(
                    who,
                    Command::Approve {
                        proposal: id.into(),
                        content_hash: content_hash(&content),
                    },
                )
                .unwrap();
        }
    }
    let platform = &world.state.groups["caspian-energy-dialogue"];
    assert!(platform.dialogue_platform);
    assert_eq!(platform.spec.names["az"], "Xəzər enerji dialoqu");
    assert_eq!(platform.spec.purpose["en"], "Energy security");
    assert_eq!(
        world.state.groups["energy"].spec.scope,
        vec![ProvisionId::new("I.3")]
    );
}
