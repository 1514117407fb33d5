//! Everything the viewer may see, in one JSON document, written member by
//! member (projects, milestones and the rest one element at a time). Its
//! JSON Schema is `docs/export.schema.json`; the members, in order:
//!
//! `format` ("accord-export"), `format_version`, `generated_at`, `viewer`,
//! `log` (origin and size), `charter`, `groups`, `organisations`,
//! `people`, `roles`, `projects`, `milestones`, `indicators` (with their
//! measurements), `meetings`, `proposals`.
//!
//! Visibility is `accord_domain::visibility`'s, applied item by item:
//! projects and what belongs to them (milestones, indicators, a group's
//! agreed baseline, dependencies); meetings in full or only their date and
//! place; agenda items and decisions naming something hidden left out;
//! proposals as the viewer may see them. People (their list, roles,
//! signatories of proposals, owners of decisions) only for participants.

use std::collections::HashSet;
use std::io::Write;

use accord_domain::agreement::Scope;
use accord_domain::event::ProposalContent;
use accord_domain::ids::{GroupId, MilestoneId, PartyCode, ProposalId, ProvisionId};
use accord_domain::model::{MilestoneSpec, Role, Texts};
use accord_domain::state::{Milestone, ProposalRecord, State};
use accord_domain::visibility::{
    Viewer, can_see_milestone, can_see_milestone_spec, can_see_project_id, can_see_proposal,
    is_participant, sees_everything, visible_projects,
};
use jiff::civil::Date;
use serde::Serialize;

use crate::seen::{meeting_as_seen, visible_organisations};
use crate::stream::JsonObject;
use crate::{ExportError, ExportScope};

/// The version of this document's format (`format_version`).
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
struct ViewerView<'a> {
    /// `public`, `operator` or `person`.
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct LogView<'a> {
    origin: &'a str,
    size: u64,
}

#[derive(Debug, Serialize)]
struct GroupView<'a> {
    id: &'a GroupId,
    names: &'a Texts,
    dialogue_platform: bool,
    scope: &'a [ProvisionId],
    project_list_agreed_on: Option<Date>,
    roadmap_agreed_on: Option<Date>,
    /// The agreed roadmap's milestones the viewer may see.
    baseline: Vec<MilestoneSpec>,
}

#[derive(Debug, Serialize)]
struct RoleView<'a> {
    person: &'a str,
    #[serde(flatten)]
    role: &'a Role,
}

#[derive(Debug, Serialize)]
struct SignatureView<'a> {
    party: &'a PartyCode,
    on: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct ProposalView<'a> {
    id: &'a ProposalId,
    scope: &'a Scope,
    made_on: Date,
    revision: u32,
    content_hash: &'a str,
    content: ProposalContent,
    approvals: Vec<SignatureView<'a>>,
    rejections: Vec<SignatureView<'a>>,
    adopted_on: Option<Date>,
    withdrawn_on: Option<Date>,
}

/// Writes the document of what `scope.viewer` may see.
pub fn write(scope: &ExportScope<'_>, out: &mut dyn Write) -> Result<(), ExportError> {
    let state = scope.state;
    let viewer = scope.viewer;
    let everything = sees_everything(state, viewer);
    let participant = is_participant(state, viewer);
    let mut json = JsonObject::begin(out)?;
    json.member("format", &"accord-export")?;
    json.member("format_version", &FORMAT_VERSION)?;
    json.member("generated_at", &scope.generated_at)?;
    json.member(
        "viewer",
        &match viewer {
            Viewer::Public => ViewerView {
                kind: "public",
                person: None,
            },
            Viewer::Operator => ViewerView {
                kind: "operator",
                person: None,
            },
            Viewer::Person(p) => ViewerView {
                kind: "person",
                person: Some(p.as_str()),
            },
        },
    )?;
    json.member(
        "log",
        &LogView {
            origin: &state.origin,
            size: state.entries,
        },
    )?;
    json.member("charter", &state.charter)?;
    json.array(
        "groups",
        state.groups.values().map(|g| GroupView {
            id: &g.spec.id,
            names: &g.spec.names,
            dialogue_platform: g.dialogue_platform,
            scope: &g.spec.scope,
            project_list_agreed_on: g.project_list_agreed_on,
            roadmap_agreed_on: g.roadmap_agreed_on,
            baseline: visible_baseline(state, viewer, everything, &g.spec.id, &g.baseline),
        }),
    )?;
    let organisations = visible_organisations(state, viewer);
    json.array(
        "organisations",
        organisations
            .iter()
            .filter_map(|id| state.organisations.get(id)),
    )?;
    json.array("people", state.persons.values().filter(|_| participant))?;
    json.array(
        "roles",
        state
            .roles
            .iter()
            .filter(|_| participant)
            .flat_map(|(person, roles)| {
                roles.iter().map(move |role| RoleView {
                    person: person.as_str(),
                    role,
                })
            }),
    )?;
    json.array("projects", visible_projects(state, viewer))?;
    let visible_milestone = |m: &Milestone| everything || can_see_milestone(state, viewer, m);
    json.array(
        "milestones",
        state
            .milestones
            .values()
            .filter(|m| visible_milestone(m))
            .map(|m| {
                let mut shown = m.clone();
                shown
                    .spec
                    .depends_on
                    .retain(|d| state.milestones.get(d).is_some_and(visible_milestone));
                shown
            }),
    )?;
    json.array(
        "indicators",
        state
            .indicators
            .values()
            .filter(|i| everything || can_see_project_id(state, viewer, &i.spec.project)),
    )?;
    let mut meetings: Vec<_> = state
        .meetings
        .values()
        .filter_map(|m| meeting_as_seen(state, viewer, m))
        .collect();
    meetings.sort_by(|a, b| (a.spec.date, &a.spec.id).cmp(&(b.spec.date, &b.spec.id)));
    json.array("meetings", meetings)?;
    json.array(
        "proposals",
        state
            .proposals
            .values()
            .filter(|p| can_see_proposal(state, viewer, p))
            .map(|p| proposal_view(state, viewer, participant, p)),
    )?;
    json.end()
}

/// The milestones of an agreed roadmap `viewer` may see, their
/// dependencies on the others left out.
fn visible_baseline(
    state: &State,
    viewer: &Viewer,
    everything: bool,
    group: &GroupId,
    baseline: &[MilestoneSpec],
) -> Vec<MilestoneSpec> {
    if everything {
        return baseline.to_vec();
    }
    let (shown, hidden): (Vec<&MilestoneSpec>, Vec<&MilestoneSpec>) = baseline
        .iter()
        .partition(|m| can_see_milestone_spec(state, viewer, group, m));
    let hidden: HashSet<&MilestoneId> = hidden.into_iter().map(|m| &m.id).collect();
    shown
        .into_iter()
        .map(|m| {
            let mut shown = m.clone();
            shown.depends_on.retain(|d| {
                !hidden.contains(d)
                    && state
                        .milestones
                        .get(d)
                        .is_none_or(|x| can_see_milestone(state, viewer, x))
            });
            shown
        })
        .collect()
}

/// A proposal as `viewer` sees it: minutes' decisions naming a hidden
/// project left out, people shown to participants only.
fn proposal_view<'a>(
    state: &State,
    viewer: &Viewer,
    participant: bool,
    proposal: &'a ProposalRecord,
) -> ProposalView<'a> {
    let mut content = proposal.content.clone();
    if let ProposalContent::Minutes { decisions, .. } = content.act_mut() {
        decisions.retain(|d| {
            d.projects
                .iter()
                .all(|p| can_see_project_id(state, viewer, p))
        });
        if !participant {
            for decision in decisions.iter_mut() {
                decision.owner = None;
            }
        }
    }
    let agreement = &proposal.agreement;
    ProposalView {
        id: &proposal.id,
        scope: &agreement.scope,
        made_on: proposal.made_on,
        revision: agreement.revision,
        content_hash: &agreement.content_hash,
        content,
        approvals: agreement
            .approvals
            .iter()
            .map(|(party, a)| SignatureView {
                party,
                on: a.on,
                person: participant.then_some(a.by.person.as_str()),
                reason: None,
            })
            .collect(),
        rejections: agreement
            .rejections
            .iter()
            .map(|(party, r)| SignatureView {
                party,
                on: r.on,
                person: participant.then_some(r.by.person.as_str()),
                reason: Some(r.reason.as_str()),
            })
            .collect(),
        adopted_on: agreement.adopted_on,
        withdrawn_on: agreement.withdrawn_on,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{self, RESTRICTED, RESTRICTED_AGENDA, RESTRICTED_TITLE};
    use serde_json::Value;

    fn validator() -> jsonschema::Validator {
        let schema: Value =
            serde_json::from_str(include_str!("../../../docs/export.schema.json")).unwrap();
        jsonschema::validator_for(&schema).expect("a valid JSON Schema")
    }

    fn document(viewer: &Viewer) -> (String, Value) {
        let state = fixture::state();
        let text = fixture::export(&state, viewer, write);
        let value = serde_json::from_str(&text).unwrap();
        (text, value)
    }

    #[test]
    fn every_viewers_document_follows_the_schema() {
        let validator = validator();
        for (viewer, _) in fixture::viewers() {
            let (_, value) = document(&viewer);
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{viewer:?}: {errors:#?}");
        }
    }

    #[test]
    fn the_schema_rejects_what_it_should() {
        let validator = validator();
        let (_, mut value) = document(&Viewer::Operator);
        value["projects"][0]["spec"]["classification"] = "secret".into();
        assert!(!validator.is_valid(&value));
        let (_, mut value) = document(&Viewer::Operator);
        value["format"] = "something else".into();
        assert!(!validator.is_valid(&value));
    }

    #[test]
    fn holds_the_whole_record_for_the_operator() {
        let (_, doc) = document(&Viewer::Operator);
        assert_eq!(doc["log"]["origin"], "accord.test/az-us");
        assert_eq!(doc["log"]["size"], fixture::state().entries);
        assert_eq!(doc["generated_at"], "2026-11-27T09:30:00Z");
        assert_eq!(doc["projects"].as_array().unwrap().len(), 2);
        assert_eq!(doc["milestones"].as_array().unwrap().len(), 2);
        let built = doc["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["spec"]["id"] == "km-built")
            .unwrap();
        assert_eq!(built["measurements"][0][0]["value"], "12.5");
        assert_eq!(built["measurements"][0][1], "site report");
        assert_eq!(doc["people"].as_array().unwrap().len(), 4);
        assert_eq!(doc["roles"][0]["role"], "coordinator");
        assert_eq!(doc["proposals"][0]["approvals"], Value::Array(vec![]));
    }

    #[test]
    fn holds_nothing_the_viewer_may_not_see() {
        for (viewer, sees) in fixture::viewers() {
            let (text, doc) = document(&viewer);
            for mark in [
                RESTRICTED,
                RESTRICTED_TITLE,
                RESTRICTED_AGENDA,
                "grid-audit",
            ] {
                assert_eq!(text.contains(mark), sees, "{viewer:?}: {mark}");
            }
            let public = viewer == Viewer::Public;
            assert_eq!(doc["people"].as_array().unwrap().is_empty(), public);
            assert_eq!(doc["roles"].as_array().unwrap().is_empty(), public);
        }
        let (_, public) = document(&Viewer::Public);
        let meetings = public["meetings"].as_array().unwrap();
        assert_eq!(meetings.len(), 1, "the charter meeting only");
        assert_eq!(meetings[0]["spec"]["agenda"], Value::Array(vec![]));
        // The public sees the agreed public project only.
        assert_eq!(public["projects"].as_array().unwrap().len(), 1);
    }
}
