//! Mutual agreement: an act that binds the parties takes effect only when an
//! authorised signatory of **each** party has approved the same content.
//!
//! A proposal carries the hash of its exact content. An approval names that
//! hash, so it cannot be moved to other content: amending the content gives a
//! new hash and voids every approval already given. Approvals can be
//! withdrawn before adoption; a party can reject with a reason (the proposal
//! stays open, so it can be amended and approved later); nobody signs for a
//! party that is not theirs, and a working group's co-chair signs only for
//! that group. Every step is an event, so the history of a proposal is kept.
//!
//! `decide` holds every rule and returns the events a command causes;
//! `evolve` applies an event and judges nothing.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::ids::{GroupId, PartyCode};

/// The hash of a proposal's exact content (SHA-256 of its canonical form), hex.
pub type ContentHash = String;

/// Where a proposal belongs, which decides who may sign it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scope", content = "group", rename_all = "snake_case")]
pub enum Scope {
    /// The charter as a whole: only the parties' coordinators sign.
    Charter,
    /// One working group: its co-chairs or the coordinators sign.
    WorkingGroup(GroupId),
}

/// The authority under which a person signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "as", content = "group", rename_all = "snake_case")]
pub enum Authority {
    /// A party's coordinator: signs for that party on anything.
    Coordinator,
    /// A working group's co-chair: signs for their party, in their group only.
    CoChair(GroupId),
}

/// A person acting for a party, under an authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatory {
    pub person: String,
    pub party: PartyCode,
    pub authority: Authority,
}

impl Signatory {
    fn may_sign(&self, scope: &Scope) -> bool {
        match (&self.authority, scope) {
            (Authority::Coordinator, _) => true,
            (Authority::CoChair(mine), Scope::WorkingGroup(group)) => mine == group,
            (Authority::CoChair(_), Scope::Charter) => false,
        }
    }
}

/// An approval given for one party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub by: Signatory,
    pub on: Date,
}

/// A rejection by one party, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub by: Signatory,
    pub on: Date,
    pub reason: String,
}

/// The state of one proposal, folded from its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub scope: Scope,
    pub content_hash: ContentHash,
    /// 1 for the first content, +1 for each amendment.
    pub revision: u32,
    pub approvals: BTreeMap<PartyCode, Approval>,
    pub rejections: BTreeMap<PartyCode, Rejection>,
    pub adopted_on: Option<Date>,
    pub withdrawn_on: Option<Date>,
}

impl Proposal {
    pub fn is_open(&self) -> bool {
        self.adopted_on.is_none() && self.withdrawn_on.is_none()
    }

    /// The parties whose approval is still missing.
    pub fn waiting_for<'a>(&self, parties: &'a [PartyCode]) -> Vec<&'a PartyCode> {
        parties
            .iter()
            .filter(|p| !self.approvals.contains_key(*p))
            .collect()
    }
}

/// What someone asks to do with a proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Propose {
        scope: Scope,
        content_hash: ContentHash,
        by: Signatory,
        on: Date,
    },
    Amend {
        content_hash: ContentHash,
        by: Signatory,
        on: Date,
    },
    /// `content_hash` is the content the signatory saw and approves.
    Approve {
        content_hash: ContentHash,
        by: Signatory,
        on: Date,
    },
    WithdrawApproval {
        by: Signatory,
        on: Date,
    },
    Reject {
        reason: String,
        by: Signatory,
        on: Date,
    },
    Withdraw {
        by: Signatory,
        on: Date,
    },
}

/// What happened to a proposal. Past tense; each is one entry of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Event {
    ProposalMade {
        scope: Scope,
        content_hash: ContentHash,
        by: Signatory,
        on: Date,
    },
    ProposalAmended {
        content_hash: ContentHash,
        by: Signatory,
        on: Date,
    },
    ApprovalsVoided {
        parties: Vec<PartyCode>,
    },
    ApprovalGiven {
        content_hash: ContentHash,
        by: Signatory,
        on: Date,
    },
    ApprovalWithdrawn {
        party: PartyCode,
        by: Signatory,
        on: Date,
    },
    ProposalRejected {
        reason: String,
        by: Signatory,
        on: Date,
    },
    ProposalAdopted {
        content_hash: ContentHash,
        on: Date,
    },
    ProposalWithdrawn {
        by: Signatory,
        on: Date,
    },
}

/// Why a command is refused. Each says what the user can do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgreementError {
    #[error("there is already a proposal here")]
    AlreadyProposed,
    #[error("there is no such proposal")]
    NoProposal,
    #[error("the proposal is closed (adopted or withdrawn)")]
    Closed,
    #[error("{party} is not a party to this charter")]
    UnknownParty { party: PartyCode },
    #[error("{person} may not sign for this proposal's scope ({scope:?})")]
    NotAuthorised { person: String, scope: Scope },
    #[error(
        "the content changed since it was shown: approve revision {current} (content {current_hash})"
    )]
    StaleContent {
        current: u32,
        current_hash: ContentHash,
    },
    #[error("the amendment has the same content as the proposal")]
    Unchanged,
    #[error("{party} has already approved this content")]
    AlreadyApproved { party: PartyCode },
    #[error("{party} has no approval to withdraw")]
    NothingToWithdraw { party: PartyCode },
    #[error("a rejection needs a reason")]
    ReasonRequired,
}

/// Decides a command against the current state of one proposal (`None`
/// before it is made), for a charter between `parties`.
pub fn decide(
    state: Option<&Proposal>,
    command: Command,
    parties: &[PartyCode],
) -> Result<Vec<Event>, AgreementError> {
    let signer_of = |by: &Signatory, scope: &Scope| -> Result<(), AgreementError> {
        if !parties.contains(&by.party) {
            return Err(AgreementError::UnknownParty {
                party: by.party.clone(),
            });
        }
        if !by.may_sign(scope) {
            return Err(AgreementError::NotAuthorised {
                person: by.person.clone(),
                scope: scope.clone(),
            });
        }
        Ok(())
    };
    if let Command::Propose {
        scope,
        content_hash,
        by,
        on,
    } = command
    {
        if state.is_some() {
            return Err(AgreementError::AlreadyProposed);
        }
        signer_of(&by, &scope)?;
        return Ok(vec![Event::ProposalMade {
            scope,
            content_hash,
            by,
            on,
        }]);
    }
    let proposal = state.ok_or(AgreementError::NoProposal)?;
    if !proposal.is_open() {
        return Err(AgreementError::Closed);
    }
    let scope = &proposal.scope;
    match command {
        Command::Propose { .. } => Err(AgreementError::AlreadyProposed),
        Command::Amend {
            content_hash,
            by,
            on,
        } => {
            signer_of(&by, scope)?;
            if content_hash == proposal.content_hash {
                return Err(AgreementError::Unchanged);
            }
            let mut events = vec![Event::ProposalAmended {
                content_hash,
                by,
                on,
            }];
            if !proposal.approvals.is_empty() {
                events.push(Event::ApprovalsVoided {
                    parties: proposal.approvals.keys().cloned().collect(),
                });
            }
            Ok(events)
        }
        Command::Approve {
            content_hash,
            by,
            on,
        } => {
            signer_of(&by, scope)?;
            if content_hash != proposal.content_hash {
                return Err(AgreementError::StaleContent {
                    current: proposal.revision,
                    current_hash: proposal.content_hash.clone(),
                });
            }
            if proposal.approvals.contains_key(&by.party) {
                return Err(AgreementError::AlreadyApproved { party: by.party });
            }
            let everyone_else_approved = parties
                .iter()
                .filter(|p| **p != by.party)
                .all(|p| proposal.approvals.contains_key(p));
            let mut events = vec![Event::ApprovalGiven {
                content_hash: content_hash.clone(),
                by,
                on,
            }];
            if everyone_else_approved {
                events.push(Event::ProposalAdopted { content_hash, on });
            }
            Ok(events)
        }
        Command::WithdrawApproval { by, on } => {
            signer_of(&by, scope)?;
            if !proposal.approvals.contains_key(&by.party) {
                return Err(AgreementError::NothingToWithdraw { party: by.party });
            }
            Ok(vec![Event::ApprovalWithdrawn {
                party: by.party.clone(),
                by,
                on,
            }])
        }
        Command::Reject { reason, by, on } => {
            signer_of(&by, scope)?;
            if reason.trim().is_empty() {
                return Err(AgreementError::ReasonRequired);
            }
            let mut events = Vec::new();
            if proposal.approvals.contains_key(&by.party) {
                events.push(Event::ApprovalWithdrawn {
                    party: by.party.clone(),
                    by: by.clone(),
                    on,
                });
            }
            events.push(Event::ProposalRejected { reason, by, on });
            Ok(events)
        }
        Command::Withdraw { by, on } => {
            signer_of(&by, scope)?;
            Ok(vec![Event::ProposalWithdrawn { by, on }])
        }
    }
}

/// Applies one event. Judges nothing: `decide` already did.
pub fn evolve(state: Option<Proposal>, event: &Event) -> Option<Proposal> {
    if let Event::ProposalMade {
        scope,
        content_hash,
        ..
    } = event
    {
        return Some(Proposal {
            scope: scope.clone(),
            content_hash: content_hash.clone(),
            revision: 1,
            approvals: BTreeMap::new(),
            rejections: BTreeMap::new(),
            adopted_on: None,
            withdrawn_on: None,
        });
    }
    let mut proposal = state?;
    match event {
        Event::ProposalMade { .. } => {}
        Event::ProposalAmended { content_hash, .. } => {
            proposal.content_hash = content_hash.clone();
            proposal.revision += 1;
            proposal.rejections.clear();
        }
        Event::ApprovalsVoided { parties } => {
            for party in parties {
                proposal.approvals.remove(party);
            }
        }
        Event::ApprovalGiven { by, on, .. } => {
            proposal.rejections.remove(&by.party);
            proposal.approvals.insert(
                by.party.clone(),
                Approval {
                    by: by.clone(),
                    on: *on,
                },
            );
        }
        Event::ApprovalWithdrawn { party, .. } => {
            proposal.approvals.remove(party);
        }
        Event::ProposalRejected { reason, by, on } => {
            proposal.rejections.insert(
                by.party.clone(),
                Rejection {
                    by: by.clone(),
                    on: *on,
                    reason: reason.clone(),
                },
            );
        }
        Event::ProposalAdopted { on, .. } => proposal.adopted_on = Some(*on),
        Event::ProposalWithdrawn { on, .. } => proposal.withdrawn_on = Some(*on),
    }
    Some(proposal)
}

#[cfg(test)]
mod tests {
    //! given(events).when(command).then(events | error)
    use super::*;
    use jiff::civil::date;

    const ON: Date = date(2026, 4, 2);

    fn parties() -> Vec<PartyCode> {
        vec!["AZ".into(), "US".into()]
    }

    fn coordinator(party: &str) -> Signatory {
        Signatory {
            person: format!("coordinator-{party}"),
            party: party.into(),
            authority: Authority::Coordinator,
        }
    }

    fn co_chair(party: &str, group: &str) -> Signatory {
        Signatory {
            person: format!("co-chair-{party}-{group}"),
            party: party.into(),
            authority: Authority::CoChair(group.into()),
        }
    }

    fn energy() -> Scope {
        Scope::WorkingGroup("energy".into())
    }

    fn proposed(hash: &str) -> Event {
        Event::ProposalMade {
            scope: energy(),
            content_hash: hash.into(),
            by: coordinator("AZ"),
            on: ON,
        }
    }

    fn approved(hash: &str, by: Signatory) -> Event {
        Event::ApprovalGiven {
            content_hash: hash.into(),
            by,
            on: ON,
        }
    }

    struct Given(Option<Proposal>);

    fn given(events: &[Event]) -> Given {
        Given(events.iter().fold(None, evolve))
    }

    impl Given {
        fn when(&self, command: Command) -> Result<Vec<Event>, AgreementError> {
            decide(self.0.as_ref(), command, &parties())
        }
    }

    fn approve(hash: &str, by: Signatory) -> Command {
        Command::Approve {
            content_hash: hash.into(),
            by,
            on: ON,
        }
    }

    #[test]
    fn one_approval_is_not_enough() {
        assert_eq!(
            given(&[proposed("h1")]).when(approve("h1", coordinator("AZ"))),
            Ok(vec![approved("h1", coordinator("AZ"))])
        );
    }

    #[test]
    fn both_parties_approving_the_same_content_adopts_it() {
        assert_eq!(
            given(&[proposed("h1"), approved("h1", coordinator("AZ"))])
                .when(approve("h1", coordinator("US"))),
            Ok(vec![
                approved("h1", coordinator("US")),
                Event::ProposalAdopted {
                    content_hash: "h1".into(),
                    on: ON
                },
            ])
        );
    }

    #[test]
    fn approving_other_content_than_the_current_is_refused() {
        let result = given(&[proposed("h1")]).when(approve("h0", coordinator("US")));
        assert!(matches!(
            result,
            Err(AgreementError::StaleContent { current: 1, .. })
        ));
    }

    #[test]
    fn an_amendment_voids_the_approvals_already_given() {
        let state = given(&[proposed("h1"), approved("h1", coordinator("AZ"))]);
        let events = state
            .when(Command::Amend {
                content_hash: "h2".into(),
                by: coordinator("US"),
                on: ON,
            })
            .unwrap();
        assert_eq!(
            events[1],
            Event::ApprovalsVoided {
                parties: vec!["AZ".into()]
            }
        );
        let mut all = vec![proposed("h1"), approved("h1", coordinator("AZ"))];
        all.extend(events);
        // The US approval of the new content alone no longer adopts it.
        assert_eq!(
            given(&all).when(approve("h2", coordinator("US"))),
            Ok(vec![approved("h2", coordinator("US"))])
        );
    }

    #[test]
    fn nobody_signs_for_another_party() {
        let stranger = Signatory {
            person: "x".into(),
            party: "FR".into(),
            authority: Authority::Coordinator,
        };
        assert_eq!(
            given(&[proposed("h1")]).when(approve("h1", stranger)),
            Err(AgreementError::UnknownParty { party: "FR".into() })
        );
        // A party's approval counts for that party only, so approving twice for it adopts nothing.
        assert_eq!(
            given(&[proposed("h1"), approved("h1", coordinator("AZ"))])
                .when(approve("h1", co_chair("AZ", "energy"))),
            Err(AgreementError::AlreadyApproved { party: "AZ".into() })
        );
    }

    #[test]
    fn a_co_chair_signs_only_for_their_own_group() {
        assert!(matches!(
            given(&[proposed("h1")]).when(approve("h1", co_chair("US", "connectivity"))),
            Err(AgreementError::NotAuthorised { .. })
        ));
        assert!(
            given(&[proposed("h1")])
                .when(approve("h1", co_chair("US", "energy")))
                .is_ok()
        );
    }

    #[test]
    fn a_co_chair_cannot_sign_for_the_charter_as_a_whole() {
        let result = given(&[]).when(Command::Propose {
            scope: Scope::Charter,
            content_hash: "h".into(),
            by: co_chair("AZ", "energy"),
            on: ON,
        });
        assert!(matches!(result, Err(AgreementError::NotAuthorised { .. })));
    }

    #[test]
    fn an_approval_can_be_withdrawn_before_adoption_only() {
        let state = given(&[proposed("h1"), approved("h1", coordinator("AZ"))]);
        assert_eq!(
            state.when(Command::WithdrawApproval {
                by: coordinator("AZ"),
                on: ON
            }),
            Ok(vec![Event::ApprovalWithdrawn {
                party: "AZ".into(),
                by: coordinator("AZ"),
                on: ON
            }])
        );
        let adopted = given(&[
            proposed("h1"),
            approved("h1", coordinator("AZ")),
            approved("h1", coordinator("US")),
            Event::ProposalAdopted {
                content_hash: "h1".into(),
                on: ON,
            },
        ]);
        assert_eq!(
            adopted.when(Command::WithdrawApproval {
                by: coordinator("AZ"),
                on: ON
            }),
            Err(AgreementError::Closed)
        );
    }

    #[test]
    fn a_rejection_needs_a_reason_and_keeps_the_proposal_open() {
        let state = given(&[proposed("h1")]);
        assert_eq!(
            state.when(Command::Reject {
                reason: "  ".into(),
                by: coordinator("US"),
                on: ON
            }),
            Err(AgreementError::ReasonRequired)
        );
        let events = state
            .when(Command::Reject {
                reason: "budget".into(),
                by: coordinator("US"),
                on: ON,
            })
            .unwrap();
        let mut all = vec![proposed("h1")];
        all.extend(events);
        let after = given(&all);
        let proposal = after.0.as_ref().unwrap();
        assert!(proposal.is_open());
        assert_eq!(proposal.rejections["US"].reason, "budget");
        assert_eq!(
            proposal.waiting_for(&parties()),
            parties().iter().collect::<Vec<_>>()
        );
    }
}
