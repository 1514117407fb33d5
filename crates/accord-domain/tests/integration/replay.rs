//! Replay determinism: the state rebuilt from the encoded log equals the
//! live state, for random sequences of commands (accepted or refused).

use accord_domain::command::{Actor, Command};
use accord_domain::event::{ProposalContent, content_hash, decode, encode};
use accord_domain::ids::PersonId;
use accord_domain::model::Classification;
use accord_domain::project_index::ProjectIndex;
use accord_domain::state::State;
use jiff::civil::date;
use proptest::prelude::*;

use crate::fixture::{World, project};

const PEOPLE: [&str; 7] = [
    "az-coord",
    "us-coord",
    "az-energy",
    "us-energy",
    "us-member",
    "socar-rep",
    "auditor",
];
const GROUPS: [&str; 3] = ["energy", "connectivity", "ai-digital"];

fn command(kind: u8, a: usize, b: usize) -> Command {
    let project_id = format!("p{}", a % 6);
    let proposal = format!("list-{}", GROUPS[b % GROUPS.len()]);
    match kind % 5 {
        0 => Command::ProposeProject {
            project: project_id.as_str().into(),
            spec: project(
                GROUPS[b % GROUPS.len()],
                "t",
                &["I.1"],
                if a.is_multiple_of(2) {
                    Classification::Public
                } else {
                    Classification::Restricted
                },
            ),
        },
        1 => Command::Propose {
            proposal: proposal.as_str().into(),
            content: ProposalContent::ProjectList {
                group: GROUPS[b % GROUPS.len()].into(),
                projects: (0..(a % 3))
                    .map(|i| format!("p{i}").as_str().into())
                    .collect(),
            },
        },
        2 | 3 => Command::Approve {
            proposal: proposal.as_str().into(),
            content_hash: content_hash(&ProposalContent::ProjectList {
                group: GROUPS[b % GROUPS.len()].into(),
                projects: (0..(a % 3))
                    .map(|i| format!("p{i}").as_str().into())
                    .collect(),
            }),
        },
        _ => Command::Reject {
            proposal: proposal.as_str().into(),
            reason: "not yet".into(),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn the_state_rebuilt_from_the_log_equals_the_live_state(
        steps in prop::collection::vec((0u8..5, 0usize..7, 0usize..12, 0usize..7), 0..60)
    ) {
        let mut world = World::new();
        for (i, (kind, a, b, who)) in steps.into_iter().enumerate() {
            world.today = date(2026, 3, 1) + jiff::Span::new().days(i as i64);
            let _ = world.run(Actor::Person(PersonId::new(PEOPLE[who])), command(kind, a, b));
        }
        let decoded: Vec<_> = world.entries.iter().map(|e| decode(&encode(e)).unwrap()).collect();
        prop_assert_eq!(&decoded, &world.entries);
        prop_assert_eq!(
            &world.state.project_index,
            &ProjectIndex::of(world.state.projects.values()),
            "the live index is the index of the projects"
        );
        prop_assert_eq!(State::replay(&decoded), world.state);
    }
}

#[test]
fn the_project_index_after_a_synthetic_replay_is_the_index_of_its_projects() {
    use accord_domain::synthetic::{Size, entries};
    use accord_domain::visibility::{Viewer, can_see_project};
    let size = Size {
        groups: 3,
        projects: 120,
        milestones_per_project: 1,
        updates_per_milestone: 1,
    };
    let log: Vec<_> = entries(&crate::fixture::charter(), size).collect();
    let state = State::replay(&log);
    let index = &state.project_index;
    assert_eq!(index, &ProjectIndex::of(state.projects.values()));
    let public: Vec<_> = state
        .projects
        .values()
        .filter(|p| can_see_project(&state, &Viewer::Public, p))
        .map(|p| p.id.clone())
        .collect();
    assert!(!public.is_empty() && public.len() < state.projects.len());
    assert_eq!(
        index.public(None).iter().cloned().collect::<Vec<_>>(),
        public
    );
    let grouped: usize = state.groups.keys().map(|g| index.of_group(g).len()).sum();
    assert_eq!(grouped, state.projects.len());
}

#[test]
fn a_commitment_cited_by_many_projects_lists_the_first_hundred_and_counts_all() {
    use accord_domain::model::ProjectStatus;
    use accord_domain::rules::status::LISTED;
    use accord_domain::synthetic::{Size, entries};
    use accord_domain::visibility::Viewer;
    let size = Size {
        groups: 3,
        projects: 900,
        milestones_per_project: 0,
        updates_per_milestone: 0,
    };
    let log: Vec<_> = entries(&crate::fixture::charter(), size).collect();
    let state = State::replay(&log);
    let report = accord_domain::rules::status(&state, date(2027, 6, 1), &Viewer::Operator).unwrap();
    let mut checked = 0;
    for (commitment, cited) in &report.coverage.by_commitment {
        let citing: Vec<_> = state
            .projects
            .values()
            .filter(|p| {
                matches!(
                    p.status,
                    ProjectStatus::Agreed | ProjectStatus::InProgress | ProjectStatus::Completed
                ) && p.spec.provisions.contains(commitment)
            })
            .map(|p| p.id.clone())
            .collect();
        assert_eq!(cited.total, citing.len(), "{commitment}");
        assert_eq!(
            cited.projects,
            citing[..citing.len().min(LISTED)],
            "{commitment}"
        );
        checked += usize::from(citing.len() > LISTED);
    }
    assert!(
        checked > 0,
        "no commitment is cited by more than {LISTED} projects"
    );
}
