//! The annual report's figures: what the parties bring to their yearly
//! meeting, for one calendar year, as one viewer may see them.
//!
//! For each working group: what both parties agreed that year (project
//! lists, roadmaps) and who signed for each party, on what date; its projects
//! and their status; its milestones due or completed that year; its
//! indicators against baseline and target; its deadlines, met or missed.
//! For the charter as a whole: the other acts adopted that year, the yearly
//! charter meeting, the commitments no visible project covers yet, and the
//! meetings held that year with their adopted minutes' decisions.
//!
//! Everything is judged on the report's date: the year's last day, or the
//! as-of date when that comes first (a report of the current year). The
//! date is a parameter: this module reads no clock. Visibility is the
//! domain's: a viewer's report holds exactly what that viewer may see, and
//! people are named only to participants.

use std::collections::{BTreeMap, HashSet};

use accord_domain::agreement::{Authority, Scope};
use accord_domain::event::{DecisionKind, ProposalContent};
use accord_domain::ids::{GroupId, MeetingId, MilestoneId, PartyCode, ProjectId, ProposalId};
use accord_domain::model::{
    Classification, Deliverable, Direction, MeetingKind, ProjectStatus, Texts,
};
use accord_domain::rules::{DeadlineStatus, RecurringStatus, StatusError, status};
use accord_domain::state::{Milestone, ProposalRecord, State};
use accord_domain::visibility::{
    Viewer, can_see_decision, can_see_meeting, can_see_meeting_in_full, can_see_milestone,
    can_see_proposal, is_participant, visible_projects,
};
use jiff::civil::Date;
use serde::Serialize;

use crate::ExportError;

/// The figures of one year, as one viewer may see them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualReport {
    pub year: i16,
    /// The first day of the year.
    pub from: Date,
    /// The date everything is judged on: the year's last day, or the as-of
    /// date when that comes first.
    pub as_of: Date,
    pub signed_on: Date,
    pub title: Texts,
    /// The parties' codes and names, in the charter's order.
    pub parties: Vec<(PartyCode, Texts)>,
    /// The working groups, in the charter's order.
    pub groups: Vec<GroupYear>,
    /// Acts of the charter as a whole adopted that year (new groups,
    /// platforms, charter meetings' minutes).
    pub charter_acts: Vec<AgreedAct>,
    /// The yearly charter meeting's obligation; none when the charter sets none.
    pub charter_meetings: Option<RecurringStatus>,
    /// Windows of the charter meeting that ended that year with no meeting.
    pub charter_meetings_missed_this_year: usize,
    pub commitments: usize,
    pub covered: usize,
    /// The commitments no visible agreed project cites, with their texts.
    pub uncovered: Vec<(String, Texts)>,
    /// Meetings held that year, by date.
    pub meetings: Vec<MeetingYear>,
}

/// One working group's year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupYear {
    pub id: GroupId,
    pub names: Texts,
    /// Project lists and roadmaps both parties agreed that year.
    pub agreed: Vec<AgreedAct>,
    /// The visible projects, as the record holds them at the checkpoint.
    pub projects: Vec<ProjectLine>,
    /// How many visible projects are in each status (every status listed).
    pub project_counts: BTreeMap<ProjectStatus, usize>,
    /// Visible milestones due that year or completed that year, by due date.
    pub milestones: Vec<MilestoneLine>,
    pub milestone_counts: MilestoneCounts,
    pub indicators: Vec<IndicatorLine>,
    /// The charter's deadlines for the group that fell due that year, or
    /// earlier and still not met when the year began.
    pub deadlines: Vec<(Deliverable, DeadlineStatus)>,
}

/// An act both parties agreed, and who signed it for each.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreedAct {
    pub proposal: ProposalId,
    pub kind: ActKind,
    pub adopted_on: Date,
    /// How many projects (a list) or milestones (a roadmap) it holds.
    pub items: usize,
    pub approvals: Vec<Signature>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActKind {
    ProjectList,
    Roadmap,
    Minutes,
    WorkingGroup,
    DialoguePlatform,
    GroupScope,
    /// A change to an agreed project.
    ProjectAmendment,
}

/// One party's approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    pub party: PartyCode,
    /// The signatory's name; none for a viewer who may not see people.
    pub person: Option<String>,
    /// Whether they signed as a coordinator (else as the group's co-chair).
    pub as_coordinator: bool,
    pub on: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectLine {
    pub id: ProjectId,
    /// Its title per language.
    pub title: Texts,
    pub status: ProjectStatus,
    pub classification: Classification,
    pub lead_party: PartyCode,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MilestoneLine {
    pub id: MilestoneId,
    /// Its title per language.
    pub title: Texts,
    pub project: Option<ProjectId>,
    pub due: Date,
    pub baseline_due: Date,
    pub completed_on: Option<Date>,
    pub state: MilestoneState,
}

/// Where a milestone stands on the report's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneState {
    Completed,
    Open,
    Overdue,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MilestoneCounts {
    /// Due within the year.
    pub due: usize,
    /// Completed within the year (by the report's date).
    pub completed: usize,
    /// Past their due date and not completed on the report's date.
    pub overdue: usize,
    /// Due later, not completed yet.
    pub open: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorLine {
    pub project: ProjectId,
    /// Its name per language.
    pub name: Texts,
    pub unit: String,
    pub direction: Direction,
    pub baseline: String,
    pub target: String,
    /// The latest measurement of the year (value and date), if any.
    pub latest: Option<(String, Date)>,
    /// How far the latest value has come from baseline to target, in per
    /// cent (may be below 0 or above 100); none without a measurement or
    /// when the values are not numbers.
    pub progress_percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingYear {
    pub id: MeetingId,
    pub kind: MeetingKind,
    pub group: Option<GroupId>,
    pub held_on: Date,
    pub place: String,
    /// Whether the viewer sees it in full (else only its date and place).
    pub in_full: bool,
    /// When its minutes were adopted, if they were by the report's date.
    pub minutes_adopted_on: Option<Date>,
    pub decisions: Vec<DecisionLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionLine {
    pub kind: DecisionKind,
    /// Per language; the report shows its reader's.
    pub text: accord_domain::model::Texts,
    /// The owner's name; none when there is none or the viewer may not see people.
    pub owner: Option<String>,
    pub due: Option<Date>,
}

/// The years a report can be made for: from the charter's signature to the
/// as-of date's year.
pub fn valid_years(state: &State, as_of: Date) -> Result<(i16, i16), ExportError> {
    let charter = state.charter.as_ref().ok_or(ExportError::NoCharter)?;
    Ok((charter.signed_on.year(), as_of.year()))
}

/// The report of `year` for `viewer`, judged on the year's last day or on
/// `as_of` if it comes first.
pub fn report(
    state: &State,
    viewer: &Viewer,
    year: i16,
    as_of: Date,
) -> Result<AnnualReport, ExportError> {
    let charter = state.charter.as_ref().ok_or(ExportError::NoCharter)?;
    let (first, last) = valid_years(state, as_of)?;
    if last < first {
        return Err(ExportError::Invalid(format!(
            "no annual report for {year}: the as-of date {as_of} comes before the charter's \
             signature ({})",
            charter.signed_on
        )));
    }
    if year < first || year > last {
        return Err(ExportError::Invalid(format!(
            "no annual report for {year}: the years {first} to {last} can be reported \
             (from the charter's signature to the as-of date)"
        )));
    }
    let from = Date::new(year, 1, 1).map_err(|e| ExportError::Invalid(e.to_string()))?;
    let year_end = Date::new(year, 12, 31).map_err(|e| ExportError::Invalid(e.to_string()))?;
    let report_date = year_end.min(as_of);
    let in_year = |d: Date| d >= from && d <= report_date;

    let rules = status(state, report_date, viewer).map_err(|e| match e {
        StatusError::NotInitialised => ExportError::NoCharter,
        StatusError::Period(p) => ExportError::Invalid(p.to_string()),
    })?;
    let people_shown = is_participant(state, viewer);

    // Adopted that year, and visible.
    let mut adopted: Vec<&ProposalRecord> = state
        .proposals
        .values()
        .filter(|p| p.agreement.adopted_on.is_some_and(in_year))
        .filter(|p| can_see_proposal(state, viewer, p))
        .collect();
    adopted.sort_by(|a, b| (a.agreement.adopted_on, &a.id).cmp(&(b.agreement.adopted_on, &b.id)));
    let act = |p: &ProposalRecord| agreed_act(state, p, people_shown);

    let projects: Vec<_> = visible_projects(state, viewer).collect();
    let visible: HashSet<&ProjectId> = projects.iter().map(|p| &p.id).collect();
    let mut groups = Vec::with_capacity(rules.working_groups.len());
    for group_status in &rules.working_groups {
        let Some(group) = state.groups.get(&group_status.id) else {
            continue;
        };
        let id = &group.spec.id;
        let in_this_group =
            |p: &&ProposalRecord| p.agreement.scope == Scope::WorkingGroup(id.clone());
        let agreed = adopted
            .iter()
            .copied()
            .filter(in_this_group)
            .map(act)
            .collect();
        let group_projects: Vec<ProjectLine> = projects
            .iter()
            .filter(|p| p.spec.group == *id)
            .map(|p| ProjectLine {
                id: p.id.clone(),
                title: p.spec.title.clone(),
                status: p.status,
                classification: p.spec.classification,
                lead_party: p.spec.lead_party.clone(),
            })
            .collect();
        let mut milestones: Vec<MilestoneLine> = state
            .milestones
            .values()
            .filter(|m| m.group == *id)
            .filter(|m| {
                (m.spec.due >= from && m.spec.due <= year_end)
                    || m.completed_on.is_some_and(in_year)
            })
            .filter(|m| can_see_milestone(state, viewer, m))
            .map(|m| milestone_line(m, report_date))
            .collect();
        milestones.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
        let milestone_counts = count_milestones(&milestones, from, year_end, report_date);
        let indicators = state
            .indicators
            .values()
            .filter(|i| visible.contains(&i.spec.project))
            .filter(|i| {
                state
                    .projects
                    .get(&i.spec.project)
                    .is_some_and(|p| p.spec.group == *id)
            })
            .map(|i| {
                let latest = i
                    .measurements
                    .iter()
                    .map(|(m, _)| m)
                    .filter(|m| in_year(m.date))
                    .max_by_key(|m| m.date)
                    .map(|m| (m.value.clone(), m.date));
                let progress_percent = latest.as_ref().and_then(|(value, _)| {
                    progress(&i.spec.baseline.value, &i.spec.target.value, value)
                });
                IndicatorLine {
                    project: i.spec.project.clone(),
                    name: i.spec.name.clone(),
                    unit: i.spec.unit.clone(),
                    direction: i.spec.direction,
                    baseline: i.spec.baseline.value.clone(),
                    target: i.spec.target.value.clone(),
                    latest,
                    progress_percent,
                }
            })
            .collect();
        let deadlines = [
            (Deliverable::ProjectList, group_status.project_list),
            (Deliverable::Roadmap, group_status.roadmap),
        ]
        .into_iter()
        .filter_map(|(d, s)| s.map(|s| (d, s)))
        .filter(|(_, s)| concerns_year(s, from))
        .collect();
        groups.push(GroupYear {
            id: id.clone(),
            names: group.spec.names.clone(),
            agreed,
            project_counts: group_status.projects.clone(),
            projects: group_projects,
            milestones,
            milestone_counts,
            indicators,
            deadlines,
        });
    }

    let charter_acts = adopted
        .iter()
        .copied()
        .filter(|p| p.agreement.scope == Scope::Charter)
        .map(act)
        .collect();
    let charter_meetings_missed_this_year = rules
        .charter_meetings
        .as_ref()
        .map(|m| m.missed.iter().filter(|w| in_year(w.end)).count())
        .unwrap_or(0);
    let uncovered = rules
        .coverage
        .uncovered
        .iter()
        .map(|id| {
            let texts = charter
                .provisions
                .iter()
                .find(|p| p.id == *id)
                .map(|p| p.texts.clone())
                .unwrap_or_default();
            (id.to_string(), texts)
        })
        .collect();

    let person_name = |id: &accord_domain::ids::PersonId| {
        people_shown
            .then(|| state.persons.get(id).map(|p| p.name.clone()))
            .flatten()
    };
    let mut meetings: Vec<MeetingYear> = state
        .meetings
        .values()
        .filter(|m| m.held_on.is_some_and(in_year))
        .filter(|m| can_see_meeting(state, viewer, m))
        .map(|m| {
            let in_full = can_see_meeting_in_full(state, viewer, m);
            let minutes = m
                .minutes
                .as_ref()
                .and_then(|id| state.proposals.get(id))
                .filter(|p| in_full && p.agreement.adopted_on.is_some_and(|d| d <= report_date));
            let decisions = match minutes.map(|p| p.content.act()) {
                Some(ProposalContent::Minutes { decisions, .. }) => decisions
                    .iter()
                    .filter(|d| can_see_decision(state, viewer, d))
                    .map(|d| DecisionLine {
                        kind: d.kind,
                        text: d.text.clone(),
                        owner: d.owner.as_ref().and_then(person_name),
                        due: d.due,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            MeetingYear {
                id: m.spec.id.clone(),
                kind: m.spec.kind,
                group: m.spec.group.clone(),
                held_on: m.held_on.unwrap_or(m.spec.date),
                place: m.spec.place.clone(),
                in_full,
                minutes_adopted_on: minutes.and_then(|p| p.agreement.adopted_on),
                decisions,
            }
        })
        .collect();
    meetings.sort_by(|a, b| (a.held_on, &a.id).cmp(&(b.held_on, &b.id)));

    Ok(AnnualReport {
        year,
        from,
        as_of: report_date,
        signed_on: charter.signed_on,
        title: charter.title.clone(),
        parties: charter
            .parties
            .iter()
            .map(|p| (p.code.clone(), p.names.clone()))
            .collect(),
        groups,
        charter_acts,
        charter_meetings: rules.charter_meetings,
        charter_meetings_missed_this_year,
        commitments: rules.coverage.commitments,
        covered: rules.coverage.covered,
        uncovered,
        meetings,
    })
}

impl AnnualReport {
    /// How many projects the report shows, across the groups.
    pub fn project_total(&self) -> usize {
        self.groups.iter().map(|g| g.projects.len()).sum()
    }

    /// The milestone counts of every group added up.
    pub fn milestone_totals(&self) -> MilestoneCounts {
        self.groups
            .iter()
            .fold(MilestoneCounts::default(), |sum, g| MilestoneCounts {
                due: sum.due + g.milestone_counts.due,
                completed: sum.completed + g.milestone_counts.completed,
                overdue: sum.overdue + g.milestone_counts.overdue,
                open: sum.open + g.milestone_counts.open,
            })
    }
}

/// A proposal's kind and how many items it agrees to.
fn kind_and_items(content: &ProposalContent) -> (ActKind, usize) {
    match content {
        ProposalContent::Recorded { act, .. } => kind_and_items(act),
        ProposalContent::ProjectList { projects, .. } => (ActKind::ProjectList, projects.len()),
        ProposalContent::Roadmap { milestones, .. } => (ActKind::Roadmap, milestones.len()),
        ProposalContent::Minutes { decisions, .. } => (ActKind::Minutes, decisions.len()),
        ProposalContent::WorkingGroup { .. } => (ActKind::WorkingGroup, 0),
        ProposalContent::DialoguePlatform { .. } => (ActKind::DialoguePlatform, 0),
        ProposalContent::GroupScope { provisions, .. } => (ActKind::GroupScope, provisions.len()),
        ProposalContent::ProjectAmendment { .. } => (ActKind::ProjectAmendment, 1),
    }
}

fn agreed_act(state: &State, proposal: &ProposalRecord, people_shown: bool) -> AgreedAct {
    let (kind, items) = kind_and_items(&proposal.content);
    let approvals = proposal
        .agreement
        .approvals
        .iter()
        .map(|(party, approval)| Signature {
            party: party.clone(),
            person: people_shown
                .then(|| {
                    state
                        .persons
                        .get(approval.by.person.as_str())
                        .map(|p| p.name.clone())
                })
                .flatten(),
            as_coordinator: approval.by.authority == Authority::Coordinator,
            on: approval.on,
        })
        .collect();
    AgreedAct {
        proposal: proposal.id.clone(),
        kind,
        adopted_on: proposal.agreement.adopted_on.unwrap_or(proposal.made_on),
        items,
        approvals,
    }
}

fn milestone_line(m: &Milestone, report_date: Date) -> MilestoneLine {
    let completed_on = m.completed_on.filter(|d| *d <= report_date);
    let state = match completed_on {
        Some(_) => MilestoneState::Completed,
        None if m.spec.due < report_date => MilestoneState::Overdue,
        None => MilestoneState::Open,
    };
    MilestoneLine {
        id: m.spec.id.clone(),
        title: m.spec.title.clone(),
        project: m.spec.project.clone(),
        due: m.spec.due,
        baseline_due: m.baseline_due,
        completed_on,
        state,
    }
}

fn count_milestones(
    lines: &[MilestoneLine],
    from: Date,
    year_end: Date,
    report_date: Date,
) -> MilestoneCounts {
    let mut counts = MilestoneCounts::default();
    for line in lines {
        if line.due >= from && line.due <= year_end {
            counts.due += 1;
        }
        if line
            .completed_on
            .is_some_and(|d| d >= from && d <= report_date)
        {
            counts.completed += 1;
        }
        match line.state {
            MilestoneState::Overdue => counts.overdue += 1,
            MilestoneState::Open => counts.open += 1,
            MilestoneState::Completed => {}
        }
    }
    counts
}

/// Whether a deadline belongs in the year's report: it fell due that year
/// (or later), or it was still not met when the year began.
fn concerns_year(status: &DeadlineStatus, from: Date) -> bool {
    match *status {
        DeadlineStatus::Met { due, on, .. } => due >= from || on >= from,
        DeadlineStatus::Pending { .. } | DeadlineStatus::Overdue { .. } => true,
    }
}

/// How far `value` has come from `baseline` towards `target`, in per cent.
fn progress(baseline: &str, target: &str, value: &str) -> Option<f64> {
    let number = |s: &str| s.trim().parse::<f64>().ok().filter(|n| n.is_finite());
    let (b, t, v) = (number(baseline)?, number(target)?, number(value)?);
    if t == b {
        return None;
    }
    Some(((v - b) / (t - b) * 1000.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_domain::agreement::Signatory;
    use accord_domain::calendar::Period;
    use accord_domain::event::{Decision, Entry, Event, content_hash};
    use accord_domain::ids::{PersonId, ProvisionId};
    use accord_domain::model::*;
    use jiff::civil::date;

    fn texts(text: &str) -> Texts {
        [("en".to_owned(), text.to_owned())].into_iter().collect()
    }

    fn charter() -> CharterRecord {
        let provision = |id: &str, commitment| Provision {
            id: ProvisionId::new(id),
            kind: ProvisionKind::Item,
            section: Some("II".into()),
            texts: texts(&format!("Commitment {id}")),
            commitment,
        };
        CharterRecord {
            title: texts("Charter"),
            languages: vec!["en".into()],
            signed_on: date(2026, 2, 10),
            parties: vec![
                Party {
                    code: "AZ".into(),
                    names: texts("Azerbaijan"),
                },
                Party {
                    code: "US".into(),
                    names: texts("United States"),
                },
            ],
            provisions: vec![provision("II.1", true), provision("II.2", true)],
            obligations: vec![
                Obligation::Deadline {
                    provision: "II.1".into(),
                    from: Trigger::Signature,
                    within: Period::months(3),
                    deliverables: vec![Deliverable::ProjectList, Deliverable::Roadmap],
                    quote: "within three months".into(),
                },
                Obligation::Recurring {
                    provision: "II.2".into(),
                    every: Period::years(1),
                    quote: "at least once a year".into(),
                },
            ],
            working_groups: vec![
                WorkingGroupSpec {
                    id: "energy".into(),
                    names: texts("Energy"),
                    scope: vec![],
                    purpose: Default::default(),
                },
                WorkingGroupSpec {
                    id: "trade".into(),
                    names: texts("Trade"),
                    scope: vec![],
                    purpose: Default::default(),
                },
            ],
        }
    }

    fn project(group: &str, title: &str, classification: Classification) -> ProjectSpec {
        ProjectSpec {
            group: group.into(),
            title: accord_domain::texts::single("en", title),
            description: Texts::new(),
            provisions: vec!["II.1".into()],
            lead_party: "AZ".into(),
            lead_organisations: vec![],
            partners: vec![],
            start: None,
            end: None,
            investment: None,
            classification,
        }
    }

    fn signatory(person: &str, party: &str) -> Signatory {
        Signatory {
            person: person.into(),
            party: party.into(),
            authority: Authority::Coordinator,
        }
    }

    /// The events of an adopted proposal, signed by both coordinators.
    fn adopted(id: &str, scope: Scope, content: ProposalContent, on: Date) -> Vec<Event> {
        let hash = content_hash(&content);
        vec![
            Event::ProposalMade {
                proposal: id.into(),
                scope,
                content,
                content_hash: hash.clone(),
                by: signatory("az-coord", "AZ"),
                on,
            },
            Event::ApprovalGiven {
                proposal: id.into(),
                content_hash: hash.clone(),
                by: signatory("az-coord", "AZ"),
                on,
            },
            Event::ApprovalGiven {
                proposal: id.into(),
                content_hash: hash.clone(),
                by: signatory("us-coord", "US"),
                on: on.tomorrow().unwrap(),
            },
            Event::ProposalAdopted {
                proposal: id.into(),
                content_hash: hash,
                on: on.tomorrow().unwrap(),
            },
        ]
    }

    fn milestone(id: &str, project: &str, due: Date) -> MilestoneSpec {
        MilestoneSpec {
            id: id.into(),
            title: accord_domain::texts::single("en", format!("Milestone {id}")),
            project: Some(project.into()),
            due,
            depends_on: vec![],
        }
    }

    /// Energy: a public project and a restricted one, a list agreed on
    /// 2026-04-03 (on time), a roadmap agreed on 2026-06-02 (late), three
    /// milestones (one completed, one overdue, one in 2027), an indicator;
    /// trade: nothing. A charter meeting held on 2026-10-01 with minutes
    /// whose second decision names the restricted project.
    fn state() -> State {
        let mut events = vec![
            Event::InstanceInitialised {
                origin: "test/annual".into(),
                charter: charter(),
            },
            Event::WorkingGroupCreated {
                spec: charter().working_groups[0].clone(),
            },
            Event::WorkingGroupCreated {
                spec: charter().working_groups[1].clone(),
            },
            Event::OrganisationRegistered {
                organisation: Organisation {
                    id: "az-mfa".into(),
                    name: "MFA".into(),
                    kind: OrganisationKind::Government,
                    party: Some("AZ".into()),
                },
            },
            Event::OrganisationRegistered {
                organisation: Organisation {
                    id: "acme".into(),
                    name: "Acme".into(),
                    kind: OrganisationKind::PrivateCompany,
                    party: None,
                },
            },
        ];
        for (person, organisation) in [
            ("az-coord", "az-mfa"),
            ("us-coord", "az-mfa"),
            ("outsider", "acme"),
        ] {
            events.push(Event::PersonRegistered {
                person: Person {
                    id: person.into(),
                    name: format!("Name of {person}"),
                    organisation: organisation.into(),
                },
            });
        }
        for (person, party) in [("az-coord", "AZ"), ("us-coord", "US")] {
            events.push(Event::RoleGranted {
                person: person.into(),
                role: Role::Coordinator {
                    party: party.into(),
                },
            });
        }
        events.push(Event::RoleGranted {
            person: "outsider".into(),
            role: Role::Partner,
        });
        events.push(Event::ProjectProposed {
            project: "power-line".into(),
            spec: project("energy", "Power line", Classification::Public),
        });
        events.push(Event::ProjectProposed {
            project: "grid-secret".into(),
            spec: project("energy", "Grid secret", Classification::Restricted),
        });
        events.extend(adopted(
            "energy-list",
            Scope::WorkingGroup("energy".into()),
            ProposalContent::ProjectList {
                group: "energy".into(),
                projects: vec!["power-line".into(), "grid-secret".into()],
            },
            date(2026, 4, 2),
        ));
        events.extend(adopted(
            "energy-roadmap",
            Scope::WorkingGroup("energy".into()),
            ProposalContent::Roadmap {
                group: "energy".into(),
                milestones: vec![
                    milestone("survey", "power-line", date(2026, 7, 1)),
                    milestone("tender", "power-line", date(2026, 9, 1)),
                    milestone("build", "power-line", date(2027, 6, 1)),
                    milestone("secret-step", "grid-secret", date(2026, 8, 1)),
                ],
            },
            date(2026, 6, 1),
        ));
        events.push(Event::MilestoneCompleted {
            milestone: "survey".into(),
            on: date(2026, 6, 20),
            note: String::new(),
        });
        events.push(Event::IndicatorDefined {
            indicator: IndicatorSpec {
                id: "capacity".into(),
                project: "power-line".into(),
                name: accord_domain::texts::single("en", "Capacity"),
                unit: "MW".into(),
                direction: Direction::HigherIsBetter,
                baseline: DatedValue {
                    value: "100".into(),
                    date: date(2026, 1, 1),
                },
                target: DatedValue {
                    value: "300".into(),
                    date: date(2028, 1, 1),
                },
            },
        });
        for (value, on) in [("150", date(2026, 5, 1)), ("200", date(2026, 10, 1))] {
            events.push(Event::MeasurementRecorded {
                indicator: "capacity".into(),
                measurement: DatedValue {
                    value: value.into(),
                    date: on,
                },
                source: "grid operator".into(),
            });
        }
        events.push(Event::MeetingScheduled {
            meeting: MeetingSpec {
                id: "charter-2026".into(),
                kind: MeetingKind::Charter,
                group: None,
                date: date(2026, 10, 1),
                place: "Baku".into(),
                participants: vec![PersonId::new("az-coord")],
                agenda: vec![],
                title: Default::default(),
            },
        });
        events.push(Event::MeetingHeld {
            meeting: "charter-2026".into(),
            on: date(2026, 10, 1),
            attendees: Vec::new(),
        });
        let decision = |text: &str, projects: Vec<ProjectId>| Decision {
            kind: DecisionKind::Decision,
            text: accord_domain::texts::single("en", text),
            owner: Some("az-coord".into()),
            due: None,
            provisions: vec![],
            projects,
        };
        events.extend(adopted(
            "charter-2026-minutes",
            Scope::Charter,
            ProposalContent::Minutes {
                meeting: "charter-2026".into(),
                text: accord_domain::texts::single("en", "Minutes"),
                decisions: vec![
                    decision("Build the power line", vec!["power-line".into()]),
                    decision("Fund the secret grid", vec!["grid-secret".into()]),
                ],
            },
            date(2026, 10, 5),
        ));
        let at: jiff::Timestamp = "2026-02-11T10:00:00Z".parse().unwrap();
        let entries: Vec<Entry> = events
            .into_iter()
            .map(|event| Entry {
                v: 1,
                recorded_at: at,
                by: None,
                event,
            })
            .collect();
        State::replay(&entries)
    }

    const TODAY: Date = date(2026, 11, 27);

    fn energy_of(report: &AnnualReport) -> &GroupYear {
        report.groups.iter().find(|g| g.id == "energy").unwrap()
    }

    #[test]
    fn the_operator_sees_every_group_and_what_was_agreed_and_signed() {
        let report = report(&state(), &Viewer::Operator, 2026, TODAY).unwrap();
        assert_eq!(report.as_of, TODAY);
        let ids: Vec<&str> = report.groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["energy", "trade"]);
        let energy = energy_of(&report);
        let kinds: Vec<ActKind> = energy.agreed.iter().map(|a| a.kind).collect();
        assert_eq!(kinds, [ActKind::ProjectList, ActKind::Roadmap]);
        let list = &energy.agreed[0];
        assert_eq!(list.adopted_on, date(2026, 4, 3));
        assert_eq!(list.items, 2);
        let signed: Vec<(&str, Option<&str>, Date)> = list
            .approvals
            .iter()
            .map(|s| (s.party.as_str(), s.person.as_deref(), s.on))
            .collect();
        assert_eq!(
            signed,
            [
                ("AZ", Some("Name of az-coord"), date(2026, 4, 2)),
                ("US", Some("Name of us-coord"), date(2026, 4, 3)),
            ]
        );
        assert_eq!(energy.projects.len(), 2);
        assert_eq!(energy.project_counts[&ProjectStatus::Agreed], 2);
        assert_eq!(report.project_total(), 2);
    }

    #[test]
    fn deadlines_are_met_on_time_or_late() {
        let report = report(&state(), &Viewer::Operator, 2026, TODAY).unwrap();
        let states: Vec<(Deliverable, &str, Date)> = energy_of(&report)
            .deadlines
            .iter()
            .map(|(d, s)| (*d, s.state(), s.due()))
            .collect();
        assert_eq!(
            states,
            [
                (Deliverable::ProjectList, "met", date(2026, 5, 10)),
                (Deliverable::Roadmap, "met", date(2026, 5, 10)),
            ]
        );
        assert!(matches!(
            energy_of(&report).deadlines[1].1,
            DeadlineStatus::Met { days_late: 23, .. }
        ));
        let trade = &report.groups[1];
        assert!(trade.deadlines.iter().all(|(_, s)| s.state() == "overdue"));
    }

    #[test]
    fn milestones_of_the_year_are_counted_on_the_report_date() {
        let report = report(&state(), &Viewer::Operator, 2026, TODAY).unwrap();
        let energy = energy_of(&report);
        let ids: Vec<&str> = energy.milestones.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["survey", "secret-step", "tender"]);
        assert_eq!(
            energy.milestone_counts,
            MilestoneCounts {
                due: 3,
                completed: 1,
                overdue: 2,
                open: 0
            }
        );
        // Judged earlier in the year, the tender is still to come.
        let summer = super::report(&state(), &Viewer::Operator, 2026, date(2026, 8, 15)).unwrap();
        let tender = energy_of(&summer)
            .milestones
            .iter()
            .find(|m| m.id == "tender")
            .unwrap();
        assert_eq!(tender.state, MilestoneState::Open);
    }

    #[test]
    fn indicators_show_the_latest_measurement_of_the_year() {
        let report = report(&state(), &Viewer::Operator, 2026, TODAY).unwrap();
        let line = &energy_of(&report).indicators[0];
        assert_eq!(line.latest, Some(("200".to_owned(), date(2026, 10, 1))));
        assert_eq!(line.progress_percent, Some(50.0));
        // Before the October measurement, the May one is the latest.
        let june = super::report(&state(), &Viewer::Operator, 2026, date(2026, 6, 30)).unwrap();
        assert_eq!(energy_of(&june).indicators[0].progress_percent, Some(25.0));
    }

    #[test]
    fn meetings_decisions_meeting_obligation_and_coverage() {
        let report = report(&state(), &Viewer::Operator, 2026, TODAY).unwrap();
        assert_eq!(report.meetings.len(), 1);
        let meeting = &report.meetings[0];
        assert_eq!(meeting.minutes_adopted_on, Some(date(2026, 10, 6)));
        assert_eq!(meeting.decisions.len(), 2);
        assert_eq!(
            meeting.decisions[0].owner.as_deref(),
            Some("Name of az-coord")
        );
        assert_eq!(report.charter_meetings.as_ref().unwrap().state, "met");
        assert_eq!(report.charter_acts.len(), 1);
        assert_eq!(report.charter_acts[0].kind, ActKind::Minutes);
        // II.1 is cited by both projects; II.2 by none.
        assert_eq!((report.commitments, report.covered), (2, 1));
        assert_eq!(report.uncovered[0].0, "II.2");
    }

    #[test]
    fn the_public_sees_no_restricted_item_and_no_names() {
        let report = report(&state(), &Viewer::Public, 2026, TODAY).unwrap();
        let text = serde_json::to_string(&report).unwrap();
        for hidden in [
            "grid-secret",
            "Grid secret",
            "secret-step",
            "Fund the secret",
            "Name of",
        ] {
            assert!(!text.contains(hidden), "{hidden} in {text}");
        }
        let energy = energy_of(&report);
        assert_eq!(energy.projects.len(), 1);
        assert_eq!(energy.project_counts[&ProjectStatus::Agreed], 1);
        // The list and the roadmap name the restricted project: not shown.
        assert!(energy.agreed.is_empty());
        // The charter meeting: its date and place only.
        assert!(!report.meetings[0].in_full);
        assert!(report.meetings[0].decisions.is_empty());
    }

    #[test]
    fn a_partner_sees_neither_the_restricted_project_nor_its_decision() {
        let outsider = Viewer::Person("outsider".into());
        let report = report(&state(), &outsider, 2026, TODAY).unwrap();
        let text = serde_json::to_string(&report).unwrap();
        assert!(!text.contains("grid-secret"), "{text}");
        assert!(!text.contains("Fund the secret"), "{text}");
        assert_eq!(energy_of(&report).projects.len(), 1);
    }

    #[test]
    fn years_outside_the_charter_or_after_the_as_of_date_are_refused() {
        for year in [2025, 2027, 1990] {
            let error = report(&state(), &Viewer::Operator, year, TODAY).unwrap_err();
            let message = error.to_string();
            assert!(message.contains("2026 to 2026"), "{message}");
            assert!(message.contains(&year.to_string()), "{message}");
        }
        let later = report(&state(), &Viewer::Operator, 2027, date(2027, 3, 1)).unwrap();
        assert_eq!(later.as_of, date(2027, 3, 1));
        // In 2027 the first year's meeting window closed with a meeting:
        // nothing missed; the build milestone falls due in 2027.
        assert_eq!(later.charter_meetings_missed_this_year, 0);
        assert_eq!(energy_of(&later).milestone_counts.due, 1);
        assert!(energy_of(&later).agreed.is_empty());
        // Energy's deadlines were met in 2026: not 2027's business. Trade's
        // are still missed, so they stay on the record.
        assert!(energy_of(&later).deadlines.is_empty());
        assert_eq!(later.groups[1].deadlines.len(), 2);
        let before = report(&state(), &Viewer::Operator, 2026, date(2025, 12, 1)).unwrap_err();
        assert!(
            before
                .to_string()
                .contains("before the charter's signature (2026-02-10)"),
            "{before}"
        );
    }

    #[test]
    fn an_instance_without_a_charter_has_no_report() {
        let error = report(&State::default(), &Viewer::Operator, 2026, TODAY).unwrap_err();
        assert!(matches!(error, ExportError::NoCharter));
    }

    #[test]
    fn a_synthetic_instance_counts_as_the_status_report_does() {
        let size = accord_domain::synthetic::Size {
            groups: 4,
            projects: 200,
            milestones_per_project: 3,
            updates_per_milestone: 2,
        };
        let charter = charter();
        let entries: Vec<Entry> = accord_domain::synthetic::entries(&charter, size).collect();
        let state = State::replay(&entries);
        let as_of = date(2026, 12, 31);
        let report = report(&state, &Viewer::Operator, 2026, as_of).unwrap();
        let rules = status(&state, as_of, &Viewer::Operator).unwrap();
        assert_eq!(report.project_total(), 200);
        for (group, counted) in report.groups.iter().zip(&rules.working_groups) {
            assert_eq!(group.id, counted.id);
            assert_eq!(group.project_counts, counted.projects);
            let c = group.milestone_counts;
            assert_eq!(
                c.completed + c.overdue + c.open,
                group.milestones.len()
                    - group
                        .milestones
                        .iter()
                        .filter(|m| {
                            m.state == MilestoneState::Completed
                                && m.completed_on.is_some_and(|d| d < report.from)
                        })
                        .count(),
                "{}",
                group.id
            );
            assert!(
                group
                    .milestones
                    .iter()
                    .all(|m| m.due.year() == 2026
                        || m.completed_on.is_some_and(|d| d.year() == 2026))
            );
        }
        let overdue: usize = report
            .groups
            .iter()
            .map(|g| g.milestone_counts.overdue)
            .sum();
        let due_in_2026 = state
            .milestones
            .values()
            .filter(|m| m.spec.due.year() == 2026 && m.spec.due < as_of)
            .filter(|m| m.completed_on.is_none_or(|d| d > as_of))
            .count();
        assert_eq!(overdue, due_in_2026);
        let totals = report.milestone_totals();
        assert!(totals.due > 0 && totals.completed > 0, "{totals:?}");
    }

    #[test]
    fn progress_runs_from_baseline_to_target_either_way() {
        assert_eq!(progress("100", "300", "200"), Some(50.0));
        assert_eq!(progress("10", "2", "4"), Some(75.0));
        assert_eq!(progress("1", "1", "1"), None);
        assert_eq!(progress("1", "x", "1"), None);
    }
}
