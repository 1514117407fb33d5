//! `/approvals`: what waits for my party's signature, with the exact
//! content shown and its hash; approve it, reject it with a reason, or
//! withdraw my party's approval; and what the other party has done.
//!
//! Each action is a plain form (POST, then a redirect back), so the page
//! works without JavaScript. The rules decide: a refusal (stale content,
//! a signature that is not mine to give) comes back on the page with its
//! message and code.

use std::collections::BTreeMap;

use accord_app::signing::SignedProposal;
use accord_domain::command::Command;
use accord_domain::event::ProposalContent;
use accord_domain::ids::{PersonId, ProjectId, ProposalId};
use accord_domain::model::Role;
use askama::Template;
use axum::Form;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::forms::{Refusal, refusal, see_other};
use crate::auth::{CsrfToken, SignedIn};
use crate::lang::{Lang, Tr};
use crate::pages::render;
use crate::view::{Layout, Section, every_version};
use crate::{AppState, WebError};

#[derive(Debug, Template)]
#[template(path = "approvals.html")]
pub struct ApprovalsPage {
    pub page: Layout,
    pub csrf: String,
    pub person: String,
    pub parties: Vec<String>,
    pub waiting: Vec<ProposalView>,
    pub approved: Vec<ProposalView>,
    pub adopted: Vec<ProposalView>,
    /// The working groups whose proposals I may make and sign.
    pub groups: Vec<GroupLink>,
    pub done: Option<String>,
    pub refusal: Option<Refusal>,
}

/// One proposal as a signatory sees it.
#[derive(Debug, Clone)]
pub struct ProposalView {
    pub id: String,
    pub kind: String,
    pub group: String,
    pub revision: u32,
    pub hash: String,
    pub made_on: String,
    pub items: Vec<String>,
    /// The party I sign for on this proposal.
    pub my_party: String,
    pub parties: Vec<PartyView>,
    pub adopted_on: Option<String>,
    /// Once adopted, the log index of its adoption, for the proof's download.
    pub adopted_entry: Option<u64>,
}

/// A working group I sign for, with the forms that propose its lists.
#[derive(Debug, Clone)]
pub struct GroupLink {
    pub id: String,
    pub name: String,
}

/// One party's position on a proposal.
#[derive(Debug, Clone)]
pub struct PartyView {
    pub party: String,
    pub mine: bool,
    /// `approved`, `rejected` or `waiting`.
    pub state: &'static str,
    pub text: String,
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    pub done: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct ApproveForm {
    #[serde(default)]
    pub content_hash: String,
}

#[derive(Debug, Deserialize)]
pub struct RejectForm {
    #[serde(default)]
    pub reason: String,
}

/// What a proposal asks, in lines for the page; a project's title is
/// shown when the signatory may see the project (`titles`).
fn content_lines(
    content: &ProposalContent,
    titles: &BTreeMap<ProjectId, accord_domain::model::Texts>,
    tr: Tr,
) -> (String, String, Vec<String>) {
    match content {
        ProposalContent::Recorded {
            act,
            took_effect_on,
            evidence,
        } => {
            let (kind, subject, mut lines) = content_lines(act, titles, tr);
            lines.insert(
                0,
                tr.t2(
                    "signing-took-effect",
                    "date",
                    took_effect_on.to_string(),
                    "evidence",
                    format!("{} · {}", evidence.meeting, evidence.sha256),
                ),
            );
            (kind, subject, lines)
        }
        ProposalContent::ProjectList { group, projects } => (
            tr.t("signing-kind-project-list"),
            group.to_string(),
            projects
                .iter()
                .map(|id| match titles.get(id) {
                    Some(title) => format!("{id} — {}", crate::view::content(title, tr)),
                    None => id.to_string(),
                })
                .collect(),
        ),
        ProposalContent::Roadmap { group, milestones } => (
            tr.t("signing-kind-roadmap"),
            group.to_string(),
            milestones
                .iter()
                .map(|m| {
                    // Every language version: the signatory agrees to all of them.
                    let title = every_version(&m.title).join(" · ");
                    format!("{} — {title} ({})", m.id, m.due)
                })
                .collect(),
        ),
        ProposalContent::Minutes {
            meeting,
            text,
            decisions,
        } => (
            tr.t("signing-kind-minutes"),
            meeting.to_string(),
            every_version(text)
                .into_iter()
                .chain(decisions.iter().flat_map(|d| every_version(&d.text)))
                .collect(),
        ),
        ProposalContent::WorkingGroup { spec } => (
            tr.t("signing-kind-working-group"),
            spec.id.to_string(),
            every_version(&spec.names)
                .into_iter()
                .chain(spec.scope.iter().map(ToString::to_string))
                .collect(),
        ),
        ProposalContent::DialoguePlatform { id, name, purpose } => (
            tr.t("signing-kind-dialogue-platform"),
            id.to_string(),
            every_version(name)
                .into_iter()
                .chain(every_version(purpose))
                .collect(),
        ),
        ProposalContent::GroupScope { group, provisions } => (
            tr.t("signing-kind-group-scope"),
            group.to_string(),
            provisions.iter().map(ToString::to_string).collect(),
        ),
        ProposalContent::ProjectAmendment { project, spec } => (
            tr.t("signing-kind-project-amendment"),
            spec.group.to_string(),
            amended_project_lines(project, spec),
        ),
    }
}

/// An amended project as a signatory agrees to it: every language version
/// of its texts, and each of its fields.
fn amended_project_lines(
    project: &ProjectId,
    spec: &accord_domain::model::ProjectSpec,
) -> Vec<String> {
    let ids = |v: &[accord_domain::ids::OrganisationId]| {
        v.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let date = |d: Option<jiff::civil::Date>| d.map_or_else(|| "…".to_owned(), |d| d.to_string());
    let mut lines = vec![project.to_string()];
    lines.extend(every_version(&spec.title));
    lines.extend(every_version(&spec.description));
    lines.push(
        spec.provisions
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    );
    lines.push(format!("{} – {}", date(spec.start), date(spec.end)));
    lines.push(format!(
        "{}: {}; {}",
        spec.lead_party,
        ids(&spec.lead_organisations),
        ids(&spec.partners)
    ));
    if let Some(i) = &spec.investment {
        lines.push(format!(
            "{} {}{}",
            accord_export::table::major_units(i.amount_minor),
            i.currency,
            i.public_share_percent
                .map(|p| format!(" ({p} %)"))
                .unwrap_or_default()
        ));
    }
    lines.push(format!("{:?}", spec.classification).to_lowercase());
    lines
}

fn proposal_view(signed: SignedProposal, tr: Tr) -> ProposalView {
    let SignedProposal {
        record,
        my_party,
        parties,
        project_titles,
        adopted_entry,
    } = signed;
    let (kind, group, items) = content_lines(&record.content, &project_titles, tr);
    let parties = parties
        .into_iter()
        .map(|party| {
            let (state, text) = if let Some(a) = record.agreement.approvals.get(&party) {
                (
                    "approved",
                    format!(
                        "{} {}",
                        tr.t1("approval-approved", "date", a.on.to_string()),
                        a.by.person
                    ),
                )
            } else if let Some(r) = record.agreement.rejections.get(&party) {
                (
                    "rejected",
                    format!(
                        "{} {}",
                        tr.t1("approval-rejected", "date", r.on.to_string()),
                        r.reason
                    ),
                )
            } else {
                ("waiting", tr.t("approval-waiting"))
            };
            PartyView {
                mine: my_party.as_ref() == Some(&party),
                party: party.to_string(),
                state,
                text,
            }
        })
        .collect();
    ProposalView {
        id: record.id.to_string(),
        kind,
        group,
        revision: record.agreement.revision,
        hash: record.agreement.content_hash.clone(),
        made_on: record.made_on.to_string(),
        items,
        my_party: my_party.map(|p| p.to_string()).unwrap_or_default(),
        parties,
        adopted_on: record.agreement.adopted_on.map(|d| d.to_string()),
        adopted_entry,
    }
}

/// How many adopted proposals the page recalls.
const ADOPTED_SHOWN: usize = 20;

fn approvals_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    csrf: String,
    person: &PersonId,
    done: Option<String>,
    refusal: Option<Refusal>,
) -> Result<Response, WebError> {
    let tr = lang.tr();
    let desk = state.app.signing_desk(person, ADOPTED_SHOWN);
    let mut parties: Vec<String> = desk
        .roles
        .iter()
        .filter_map(|r| match r {
            Role::Coordinator { party } => {
                Some(format!("{} {party}", tr.t("signs-as-coordinator")))
            }
            Role::CoChair { group, party } => {
                Some(format!("{} {party} ({group})", tr.t("signs-as-co-chair")))
            }
            _ => None,
        })
        .collect();
    parties.dedup();
    let views = |list: Vec<SignedProposal>| -> Vec<ProposalView> {
        list.into_iter().map(|p| proposal_view(p, tr)).collect()
    };
    let (waiting, approved, adopted) = (
        views(desk.waiting),
        views(desk.approved),
        views(desk.adopted),
    );
    let mut groups: Vec<GroupLink> = desk
        .groups
        .iter()
        .map(|g| GroupLink {
            id: g.spec.id.to_string(),
            name: crate::view::group_name(g, lang),
        })
        .collect();
    groups.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(render(&ApprovalsPage {
        page: Layout::new(lang, uri, tr.t("approvals-title"), Section::Approvals),
        csrf,
        person: person.to_string(),
        parties,
        waiting,
        approved,
        adopted,
        groups,
        done: done.and_then(|d| match d.as_str() {
            "approved" | "rejected" | "withdrawn" | "proposed" | "proposal-withdrawn" => {
                Some(tr.t(&format!("approvals-done-{d}")))
            }
            _ => None,
        }),
        refusal,
    })?
    .into_response())
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Query(query): Query<DoneQuery>,
) -> Result<Response, WebError> {
    approvals_page(&state, lang, &uri, csrf, &identity.person, query.done, None)
}

/// Records `command` for the signed-in person, then goes back to the
/// page: with what was done, or with the rules' refusal.
async fn act(
    state: AppState,
    lang: Lang,
    csrf: String,
    identity: crate::auth::Identity,
    command: Command,
    done: &str,
) -> Result<Response, WebError> {
    match state.execute(identity.actor(), command).await {
        Ok(_) => Ok(see_other(&format!("/approvals?done={done}"), Vec::new())),
        Err(error) => {
            let shown = refusal(error)?;
            let uri = Uri::from_static("/approvals");
            approvals_page(
                &state,
                lang,
                &uri,
                csrf,
                &identity.person,
                None,
                Some(shown),
            )
        }
    }
}

pub async fn approve(
    State(state): State<AppState>,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Form(form): Form<ApproveForm>,
) -> Result<Response, WebError> {
    let command = Command::Approve {
        proposal: ProposalId::new(id),
        content_hash: form.content_hash,
    };
    act(state, lang, csrf, identity, command, "approved").await
}

pub async fn reject(
    State(state): State<AppState>,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Form(form): Form<RejectForm>,
) -> Result<Response, WebError> {
    let command = Command::Reject {
        proposal: ProposalId::new(id),
        reason: form.reason,
    };
    act(state, lang, csrf, identity, command, "rejected").await
}

pub async fn withdraw(
    State(state): State<AppState>,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let command = Command::WithdrawApproval {
        proposal: ProposalId::new(id),
    };
    act(state, lang, csrf, identity, command, "withdrawn").await
}

/// `POST /approvals/{id}/withdraw-proposal`: a signatory ends an open
/// proposal for both parties.
pub async fn withdraw_proposal(
    State(state): State<AppState>,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let command = Command::WithdrawProposal {
        proposal: ProposalId::new(id),
    };
    act(state, lang, csrf, identity, command, "proposal-withdrawn").await
}
