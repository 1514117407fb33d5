//! The charter's acts as use cases (its Section IV): schedule a meeting,
//! move or cancel it, record it held, propose its minutes, mark an action
//! done, propose a new working group or dialogue platform, propose a
//! group's scope. The pages, the JSON API and the console call these, and
//! only these: each takes who acts and what they typed, chooses the ids of
//! what it creates under the writer's lock, and answers what was recorded
//! or the rules' refusal with its stable code. What a person may do is
//! asked of `may`, so that a form offers only the acts its person may
//! perform.

use accord_domain::command::{Actor, Command, Context};
use accord_domain::decide::decide;
use accord_domain::event::{Decision, ProposalContent};
use accord_domain::ids::{ActionId, GroupId, MeetingId, PersonId, ProposalId, ProvisionId};
use accord_domain::model::{AgendaItem, MeetingKind, MeetingSpec, Texts, WorkingGroupSpec};
use accord_domain::permissions::{self, Permission};
use accord_domain::state::State;
use accord_domain::visibility::Viewer;
use accord_store::EventStore;
use jiff::Timestamp;
use jiff::civil::Date;

use crate::{App, AppError};

/// What a direct act recorded: the id of what it made or changed, and the
/// log index of its first entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub id: String,
    pub log_index: u64,
}

/// A meeting to schedule, as a person fills it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMeeting {
    pub kind: MeetingKind,
    pub group: Option<GroupId>,
    pub date: Date,
    pub place: String,
    pub title: Texts,
    pub participants: Vec<PersonId>,
    pub agenda: Vec<AgendaItem>,
}

/// The acts a person may perform on one meeting now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MeetingActs {
    /// Record it held (it is not yet, and not cancelled).
    pub hold: bool,
    /// Move it to another date, or cancel it (not yet held).
    pub reschedule: bool,
    /// Propose its minutes (held; the person signs for a party on it).
    pub propose_minutes: bool,
    /// Attach a document.
    pub attach: bool,
}

/// A new id from `base`: itself when free, else `base-2`, `base-3`, …
pub(crate) fn free_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_owned())
}

pub(crate) fn proposal_id(state: &State, base: &str) -> ProposalId {
    ProposalId::new(free_id(base, |id| {
        state.proposals.contains_key(&ProposalId::new(id))
    }))
}

impl<S: EventStore> App<S> {
    /// Records one command built from the state under the writer's lock,
    /// answering the id it names.
    pub(crate) fn act(
        &self,
        actor: &Actor,
        now: Timestamp,
        build: impl FnOnce(&State) -> Result<(Command, String), AppError>,
    ) -> Result<Recorded, AppError> {
        let (receipt, id) = self.execute_with(actor, now, |state| {
            let (command, id) = build(state)?;
            Ok((vec![command], id))
        })?;
        Ok(Recorded {
            id,
            log_index: receipt.first_index,
        })
    }

    /// Schedules a meeting; its id is made from its group (or `charter`)
    /// and date.
    pub fn schedule_meeting(
        &self,
        actor: &Actor,
        meeting: NewMeeting,
        now: Timestamp,
    ) -> Result<Recorded, AppError> {
        self.act(actor, now, |state| {
            let base = format!(
                "{}-{}",
                meeting.group.as_ref().map_or("charter", |g| g.as_str()),
                meeting.date
            );
            let id = free_id(&base, |id| state.meetings.contains_key(&MeetingId::new(id)));
            let spec = MeetingSpec {
                id: MeetingId::new(&id),
                kind: meeting.kind,
                group: meeting.group,
                date: meeting.date,
                place: meeting.place,
                participants: meeting.participants,
                agenda: meeting.agenda,
                title: meeting.title,
            };
            Ok((Command::ScheduleMeeting { meeting: spec }, id))
        })
    }

    /// Records that `meeting` was held on `on`, with who attended.
    pub fn record_meeting_held(
        &self,
        actor: &Actor,
        meeting: MeetingId,
        on: Date,
        attendees: Vec<PersonId>,
        now: Timestamp,
    ) -> Result<Recorded, AppError> {
        let id = meeting.to_string();
        self.act(actor, now, |_| {
            Ok((
                Command::RecordMeetingHeld {
                    meeting,
                    on,
                    attendees,
                },
                id,
            ))
        })
    }

    /// Moves a meeting not yet held to `date`, saying why.
    pub fn reschedule_meeting(
        &self,
        actor: &Actor,
        meeting: MeetingId,
        date: Date,
        reason: String,
        now: Timestamp,
    ) -> Result<Recorded, AppError> {
        let id = meeting.to_string();
        self.act(actor, now, |_| {
            Ok((
                Command::RescheduleMeeting {
                    meeting,
                    date,
                    reason,
                },
                id,
            ))
        })
    }

    /// Cancels a meeting not yet held, saying why.
    pub fn cancel_meeting(
        &self,
        actor: &Actor,
        meeting: MeetingId,
        reason: String,
        now: Timestamp,
    ) -> Result<Recorded, AppError> {
        let id = meeting.to_string();
        self.act(actor, now, |_| {
            Ok((Command::CancelMeeting { meeting, reason }, id))
        })
    }

    /// Marks an action of adopted minutes done, with a note.
    pub fn complete_action(
        &self,
        actor: &Actor,
        action: ActionId,
        note: String,
        now: Timestamp,
    ) -> Result<Recorded, AppError> {
        let id = action.to_string();
        self.act(actor, now, |_| {
            Ok((Command::CompleteAction { action, note }, id))
        })
    }

    /// Proposes `content` under an id made from `base`, and approves it for
    /// the proposer's party in the same act when `approve`; answers the
    /// proposal's id.
    fn propose(
        &self,
        actor: &Actor,
        base: &str,
        content: ProposalContent,
        approve: bool,
        now: Timestamp,
    ) -> Result<ProposalId, AppError> {
        self.propose_under(actor, content, approve, now, |state| {
            proposal_id(state, base)
        })
    }

    /// Proposes `content` under the id `choose` picks from the state under
    /// the writer's lock, and approves it for the proposer's party in the
    /// same act when `approve` (both recorded, or neither).
    pub(crate) fn propose_under(
        &self,
        actor: &Actor,
        content: ProposalContent,
        approve: bool,
        now: Timestamp,
        choose: impl FnOnce(&State) -> ProposalId,
    ) -> Result<ProposalId, AppError> {
        let hash = accord_domain::event::content_hash(&content);
        let (_, id) = self.execute_with(actor, now, |state| {
            let proposal = choose(state);
            let mut commands = vec![Command::Propose {
                proposal: proposal.clone(),
                content,
            }];
            if approve {
                commands.push(Command::Approve {
                    proposal: proposal.clone(),
                    content_hash: hash,
                });
            }
            Ok((commands, proposal))
        })?;
        Ok(id)
    }

    /// Proposes the minutes of a meeting held: its text and decisions, in
    /// each language given. Both parties adopt them by agreeing to their
    /// content hash, which covers every language version.
    pub fn propose_minutes(
        &self,
        actor: &Actor,
        meeting: MeetingId,
        text: Texts,
        decisions: Vec<Decision>,
        now: Timestamp,
    ) -> Result<ProposalId, AppError> {
        let base = format!("{meeting}-minutes");
        let content = ProposalContent::Minutes {
            meeting,
            text,
            decisions,
        };
        self.propose(actor, &base, content, false, now)
    }

    /// Proposes a new dialogue platform ("d'autres plateformes de dialogue
    /// … d'un commun accord").
    pub fn propose_dialogue_platform(
        &self,
        actor: &Actor,
        id: GroupId,
        name: Texts,
        purpose: Texts,
        now: Timestamp,
    ) -> Result<ProposalId, AppError> {
        let base = format!("platform-{id}");
        let content = ProposalContent::DialoguePlatform { id, name, purpose };
        self.propose(actor, &base, content, false, now)
    }

    /// Proposes a new working group and the provisions in its scope.
    pub fn propose_working_group(
        &self,
        actor: &Actor,
        id: GroupId,
        names: Texts,
        scope: Vec<ProvisionId>,
        now: Timestamp,
    ) -> Result<ProposalId, AppError> {
        let base = format!("working-group-{id}");
        let content = ProposalContent::WorkingGroup {
            spec: WorkingGroupSpec {
                id,
                names,
                scope,
                purpose: Texts::new(),
            },
        };
        self.propose(actor, &base, content, false, now)
    }

    /// Proposes the provisions in a working group's scope (its co-chairs
    /// agree to it).
    pub fn propose_group_scope(
        &self,
        actor: &Actor,
        group: GroupId,
        provisions: Vec<ProvisionId>,
        now: Timestamp,
    ) -> Result<ProposalId, AppError> {
        let base = format!("{group}-scope");
        let content = ProposalContent::GroupScope { group, provisions };
        self.propose(actor, &base, content, false, now)
    }

    /// Whether `person` may schedule a meeting of `kind` for `group`.
    pub fn may_schedule(
        &self,
        person: &PersonId,
        kind: MeetingKind,
        group: Option<&GroupId>,
    ) -> bool {
        self.read(|state| {
            let permission = match kind {
                MeetingKind::Charter => Permission::Coordinate,
                _ => permissions::meeting_permission(group),
            };
            permissions::check(state, &Actor::Person(person.clone()), &permission).is_ok()
        })
    }

    /// The groups and platforms whose meetings `person` may schedule, and
    /// whether they may schedule the charter meeting.
    pub fn schedulable(&self, person: &PersonId) -> (bool, Vec<GroupId>) {
        self.read(|state| {
            let actor = Actor::Person(person.clone());
            let charter = permissions::check(state, &actor, &Permission::Coordinate).is_ok();
            let groups = state
                .groups
                .keys()
                .filter(|g| {
                    permissions::check(state, &actor, &Permission::WorkIn((*g).clone())).is_ok()
                })
                .cloned()
                .collect();
            (charter, groups)
        })
    }

    /// What `viewer` may do with `meeting` on `today`: each act is tried
    /// against the rules without recording anything.
    pub fn meeting_acts(&self, viewer: &Viewer, meeting: &MeetingId, today: Date) -> MeetingActs {
        let Viewer::Person(person) = viewer else {
            return MeetingActs::default();
        };
        self.read(|state| {
            let Some(m) = state.meetings.get(meeting) else {
                return MeetingActs::default();
            };
            let context = Context {
                actor: Actor::Person(person.clone()),
                today,
            };
            let allowed = |command: Command| decide(state, command, &context).is_ok();
            let runs = permissions::check(
                state,
                &context.actor,
                &permissions::meeting_permission(m.spec.group.as_ref()),
            )
            .is_ok();
            let open = m.held_on.is_none() && m.cancelled.is_none();
            let signs = m.held_on.is_some()
                && crate::agreement_view::signing_party(
                    state,
                    person,
                    &match &m.spec.group {
                        Some(g) => accord_domain::agreement::Scope::WorkingGroup(g.clone()),
                        None => accord_domain::agreement::Scope::Charter,
                    },
                )
                .is_some();
            MeetingActs {
                hold: open
                    && m.spec.date <= today
                    && allowed(Command::RecordMeetingHeld {
                        meeting: meeting.clone(),
                        on: today,
                        attendees: Vec::new(),
                    }),
                reschedule: open && runs,
                propose_minutes: signs,
                attach: runs,
            }
        })
    }
}
