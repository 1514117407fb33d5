//! Mutual agreement as a signatory meets it: what waits for the party a
//! person signs for, what that party approved, what was adopted; a working
//! group's project list and roadmap proposed (and signed at once if asked).
//!
//! Who signs for which party on which proposal is
//! `agreement_view::signing_party`, the one rule; the pages and the API ask
//! these queries and never the state.

use std::collections::BTreeMap;

use accord_domain::agreement::Scope;
use accord_domain::command::Actor;
use accord_domain::event::ProposalContent;
use accord_domain::ids::{GroupId, PartyCode, PersonId, ProjectId, ProposalId};
use accord_domain::model::{MilestoneSpec, ProjectStatus, Role};
use accord_domain::state::{ProposalRecord, State, WorkingGroup};
use accord_domain::visibility::{Viewer, can_see_project, visible_projects};
use accord_store::EventStore;
use jiff::Timestamp;

use crate::admin_view::charter_parties;
use crate::agreement_view::signing_party;
use crate::{App, AppError};

/// A proposal as a person who may sign it sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedProposal {
    pub record: ProposalRecord,
    /// The party the person signs for on it; none when they sign for no
    /// party on it (never in a `SigningDesk`).
    pub my_party: Option<PartyCode>,
    /// The charter's parties, in its order.
    pub parties: Vec<PartyCode>,
    /// For a project list, the titles (per language) of its projects the
    /// person may see.
    pub project_titles: BTreeMap<ProjectId, accord_domain::model::Texts>,
    /// Once adopted, the log index of the entry that adopted it (its
    /// `ProposalAdopted`, the last of its history): the act whose proof a
    /// page offers.
    pub adopted_entry: Option<u64>,
}

/// The proposals a person signs for a party, sorted out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SigningDesk {
    /// The person's coordinator and co-chair roles: those they sign by.
    pub roles: Vec<Role>,
    /// Open proposals their party has not approved, by id.
    pub waiting: Vec<SignedProposal>,
    /// Open proposals their party approved, by id.
    pub approved: Vec<SignedProposal>,
    /// Adopted proposals, the latest adopted first (as many as asked).
    pub adopted: Vec<SignedProposal>,
    /// The working groups whose proposals the person signs, by id.
    pub groups: Vec<WorkingGroup>,
}

/// A project that may go on a working group's project list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListableProject {
    pub id: ProjectId,
    /// Its title per language.
    pub title: accord_domain::model::Texts,
    pub status: ProjectStatus,
}

/// What the form that proposes a group's project list offers a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectListForm {
    pub group: WorkingGroup,
    /// The party the person would sign for; none if they sign for none.
    pub my_party: Option<PartyCode>,
    /// The group's projects the person may see and that are not
    /// cancelled, by id.
    pub projects: Vec<ListableProject>,
}

/// Whether a role signs for a party (on some proposals).
fn signs_by(role: &Role) -> bool {
    matches!(role, Role::Coordinator { .. } | Role::CoChair { .. })
}

/// `record` as `person` sees it, signing for `mine`.
fn signed(
    state: &State,
    person: &PersonId,
    record: &ProposalRecord,
    mine: Option<PartyCode>,
) -> SignedProposal {
    let viewer = Viewer::Person(person.clone());
    let project_titles = match record.content.act() {
        ProposalContent::ProjectList { projects, .. } => projects
            .iter()
            .filter_map(|id| state.projects.get(id))
            .filter(|p| can_see_project(state, &viewer, p))
            .map(|p| (p.id.clone(), p.spec.title.clone()))
            .collect(),
        _ => BTreeMap::new(),
    };
    SignedProposal {
        record: record.clone(),
        my_party: mine,
        parties: charter_parties(state),
        project_titles,
        adopted_entry: adopted_entry(record),
    }
}

/// The id of a group's next proposal of `kind`: `{group}-{kind}-{n}`,
/// counting from one more than the ids already made that way, to the first
/// that is free.
fn numbered_id<V>(proposals: &BTreeMap<ProposalId, V>, group: &GroupId, kind: &str) -> ProposalId {
    let prefix = format!("{group}-{kind}-");
    let made = proposals
        .keys()
        .filter(|id| id.as_str().starts_with(&prefix))
        .count();
    (made + 1..)
        .map(|n| ProposalId::new(format!("{prefix}{n}")))
        .find(|id| !proposals.contains_key(id))
        .unwrap_or_else(|| ProposalId::new(format!("{prefix}{}", made + 1)))
}

impl<S: EventStore> App<S> {
    /// The open proposals `person` signs for a party (waiting for it, and
    /// approved by it), the latest `adopted` of those adopted, the roles
    /// they sign by and the groups whose proposals they sign.
    pub fn signing_desk(&self, person: &PersonId, adopted: usize) -> SigningDesk {
        self.read(|state| {
            let mut desk = SigningDesk {
                roles: state
                    .roles_of(person)
                    .filter(|r| signs_by(r))
                    .cloned()
                    .collect(),
                ..SigningDesk::default()
            };
            let mut all_adopted = Vec::new();
            for record in state.proposals.values() {
                let Some(mine) = signing_party(state, person, &record.agreement.scope) else {
                    continue;
                };
                let agreement = &record.agreement;
                if agreement.adopted_on.is_some() {
                    all_adopted.push((record, mine));
                } else if agreement.is_open() {
                    let approved = agreement.approvals.contains_key(&mine);
                    let view = signed(state, person, record, Some(mine));
                    if approved {
                        desk.approved.push(view);
                    } else {
                        desk.waiting.push(view);
                    }
                }
            }
            all_adopted.sort_by_key(|(record, _)| std::cmp::Reverse(record.agreement.adopted_on));
            desk.adopted = all_adopted
                .into_iter()
                .take(adopted)
                .map(|(record, mine)| signed(state, person, record, Some(mine)))
                .collect();
            desk.groups = state
                .groups
                .values()
                .filter(|g| {
                    signing_party(state, person, &Scope::WorkingGroup(g.spec.id.clone())).is_some()
                })
                .cloned()
                .collect();
            desk
        })
    }

    /// Proposal `id` as `person` sees it after acting on it, with the party
    /// they sign for on it (if any); none when there is no such proposal.
    pub fn proposal_as_signed_by(
        &self,
        person: &PersonId,
        id: &ProposalId,
    ) -> Option<SignedProposal> {
        self.read(|state| {
            let record = state.proposals.get(id)?;
            let mine = signing_party(state, person, &record.agreement.scope);
            Some(signed(state, person, record, mine))
        })
    }

    /// The party `person` signs for on a proposal of `scope`, if any.
    pub fn my_party_in(&self, person: &PersonId, scope: &Scope) -> Option<PartyCode> {
        self.read(|state| signing_party(state, person, scope))
    }

    /// What the form proposing `group`'s project list offers `person`;
    /// none when there is no such group.
    pub fn project_list_form(&self, person: &PersonId, group: &GroupId) -> Option<ProjectListForm> {
        self.read(|state| {
            let found = state.groups.get(group)?.clone();
            let viewer = Viewer::Person(person.clone());
            let projects = visible_projects(state, &viewer)
                .filter(|p| p.spec.group == *group)
                .filter(|p| !matches!(p.status, ProjectStatus::Cancelled))
                .map(|p| ListableProject {
                    id: p.id.clone(),
                    title: p.spec.title.clone(),
                    status: p.status,
                })
                .collect();
            Some(ProjectListForm {
                group: found,
                my_party: signing_party(state, person, &Scope::WorkingGroup(group.clone())),
                projects,
            })
        })
    }

    /// Proposes `group`'s project list, and approves it for the proposer's
    /// party in the same act when `approve` (both or neither are recorded);
    /// answers its id, `{group}-project-list-{n}`.
    pub fn propose_project_list(
        &self,
        actor: &Actor,
        group: GroupId,
        projects: Vec<ProjectId>,
        approve: bool,
        past: Option<PastAct>,
        now: Timestamp,
    ) -> Result<ProposalId, AppError> {
        let content = ProposalContent::ProjectList {
            group: group.clone(),
            projects,
        };
        let content = PastAct::record(past, content);
        self.propose_numbered(actor, &group, "project-list", content, approve, now)
    }

    /// Proposes `group`'s roadmap, and approves it for the proposer's party
    /// in the same act when `approve`; answers its id,
    /// `{group}-roadmap-{n}`.
    pub fn propose_roadmap(
        &self,
        actor: &Actor,
        group: GroupId,
        milestones: Vec<MilestoneSpec>,
        approve: bool,
        past: Option<PastAct>,
        now: Timestamp,
    ) -> Result<ProposalId, AppError> {
        let content = ProposalContent::Roadmap {
            group: group.clone(),
            milestones,
        };
        let content = PastAct::record(past, content);
        self.propose_numbered(actor, &group, "roadmap", content, approve, now)
    }

    /// Proposes `content` under the next id of `group`'s proposals of
    /// `kind`, chosen under the writer's lock, and approves it at once
    /// when `approve`.
    fn propose_numbered(
        &self,
        actor: &Actor,
        group: &GroupId,
        kind: &str,
        content: ProposalContent,
        approve: bool,
        now: Timestamp,
    ) -> Result<ProposalId, AppError> {
        self.propose_under(actor, content, approve, now, |state| {
            numbered_id(&state.proposals, group, kind)
        })
    }
}

/// When an act took effect before it is recorded (agreed on paper at a
/// meeting, recorded later), and the document attached to that meeting
/// that shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastAct {
    pub took_effect_on: jiff::civil::Date,
    pub evidence: accord_domain::event::Evidence,
}

impl PastAct {
    /// `content` as proposed: itself, or recorded as having taken effect
    /// on `past`'s date (both parties agree to the date and the document).
    pub fn record(past: Option<PastAct>, content: ProposalContent) -> ProposalContent {
        match past {
            None => content,
            Some(past) => ProposalContent::Recorded {
                act: Box::new(content),
                took_effect_on: past.took_effect_on,
                evidence: past.evidence,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(ids: &[&str]) -> BTreeMap<ProposalId, ()> {
        ids.iter().map(|id| (ProposalId::new(*id), ())).collect()
    }

    #[test]
    fn a_group_s_first_proposal_of_a_kind_is_number_one() {
        let energy = GroupId::new("energy");
        let none = taken(&["energy-scope", "connectivity-project-list-1"]);
        assert_eq!(
            numbered_id(&none, &energy, "project-list").as_str(),
            "energy-project-list-1"
        );
        assert_eq!(
            numbered_id(&none, &energy, "roadmap").as_str(),
            "energy-roadmap-1"
        );
    }

    #[test]
    fn the_next_number_follows_those_made_and_skips_those_taken() {
        let energy = GroupId::new("energy");
        let two = taken(&["energy-roadmap-1", "energy-roadmap-2"]);
        assert_eq!(
            numbered_id(&two, &energy, "roadmap").as_str(),
            "energy-roadmap-3"
        );
        // One made under another number: the count says 2, which is taken.
        let gap = taken(&["energy-roadmap-2"]);
        assert_eq!(
            numbered_id(&gap, &energy, "roadmap").as_str(),
            "energy-roadmap-3"
        );
    }
}

/// The log index of the entry that adopted `record`, once adopted: its
/// `ProposalAdopted` is the last event about it (nothing is recorded about
/// a proposal after its adoption).
pub fn adopted_entry(record: &ProposalRecord) -> Option<u64> {
    record.agreement.adopted_on?;
    record.history.last().copied()
}

/// The log indices of the adoptions of a working group's current project
/// list and roadmap, each when its viewer may see the proposal (so that a
/// page links only to proofs its reader gets).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GroupAdoptions {
    pub project_list: Option<u64>,
    pub roadmap: Option<u64>,
}

impl<S: EventStore> App<S> {
    /// The adoptions of `group`'s latest agreed project list and roadmap
    /// that `viewer` may see: a walk of the proposals, which are few beside
    /// projects and milestones.
    pub fn group_adoptions(&self, viewer: &Viewer, group: &GroupId) -> GroupAdoptions {
        self.read(|state| {
            let mut found = GroupAdoptions::default();
            for record in state.proposals.values() {
                let Some(index) = adopted_entry(record) else {
                    continue;
                };
                let slot = match record.content.act() {
                    ProposalContent::ProjectList { group: g, .. } if g == group => {
                        &mut found.project_list
                    }
                    ProposalContent::Roadmap { group: g, .. } if g == group => &mut found.roadmap,
                    _ => continue,
                };
                if slot.is_none_or(|earlier| earlier < index)
                    && accord_domain::visibility::can_see_proposal(state, viewer, record)
                {
                    *slot = Some(index);
                }
            }
            found
        })
    }
}
