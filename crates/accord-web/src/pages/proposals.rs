//! `/groups/{id}/proposals/new`: a co-chair or a coordinator proposes the
//! working group's project list by ticking its projects, and may sign it
//! for their party at once. Both acts go into the record together, or
//! neither does.

use accord_domain::agreement::Scope;
use accord_domain::command::Command;
use accord_domain::event::{ProposalContent, content_hash};
use accord_domain::ids::{GroupId, ProjectId, ProposalId};
use accord_domain::model::ProjectStatus;
use accord_domain::visibility::{Viewer, visible_projects};
use askama::Template;
use axum::Form;
use axum::extract::{OriginalUri, Path, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};

use crate::auth::forms::{Refusal, refusal, see_other};
use crate::auth::{CsrfToken, SignedIn};
use crate::lang::Lang;
use crate::pages::approvals::signing_party;
use crate::pages::render;
use crate::view::{Layout, Section, group_name, status_label};
use crate::{AppState, WebError};

#[derive(Debug, Template)]
#[template(path = "proposal_new.html")]
pub struct NewProposalPage {
    pub page: Layout,
    pub csrf: String,
    pub group: String,
    pub name: String,
    pub my_party: Option<String>,
    pub projects: Vec<Choice>,
    pub refusal: Option<Refusal>,
}

/// A project that can go on the list.
#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub title: String,
    pub status: String,
    pub ticked: bool,
}

#[allow(clippy::too_many_arguments)]
fn new_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    csrf: String,
    identity: &crate::auth::Identity,
    group: &str,
    ticked: Option<&[String]>,
    refusal: Option<Refusal>,
) -> Result<Response, WebError> {
    let tr = lang.tr();
    let viewer = Viewer::Person(identity.person.clone());
    let id = GroupId::new(group);
    let found = state.app.read(|s| {
        let g = s.groups.get(&id)?;
        let my_party = signing_party(s, &identity.person, &Scope::WorkingGroup(id.clone()));
        let projects = visible_projects(s, &viewer)
            .filter(|p| p.spec.group == id)
            .filter(|p| !matches!(p.status, ProjectStatus::Cancelled))
            .map(|p| Choice {
                id: p.id.to_string(),
                title: p.spec.title.clone(),
                status: status_label(p.status, tr),
                ticked: match ticked {
                    Some(list) => list.iter().any(|t| t == p.id.as_str()),
                    None => true,
                },
            })
            .collect::<Vec<_>>();
        Some((group_name(g, lang), my_party, projects))
    });
    let (name, my_party, projects) = found.ok_or_else(|| WebError::NotFound {
        what: "working group",
        id: group.to_owned(),
    })?;
    Ok(render(&NewProposalPage {
        page: Layout::new(
            lang,
            uri,
            format!("{}: {name}", tr.t("propose-title")),
            Section::Groups,
        ),
        csrf,
        group: group.to_owned(),
        name,
        my_party: my_party.map(|p| p.to_string()),
        projects,
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
    Path(group): Path<String>,
) -> Result<Response, WebError> {
    new_page(&state, lang, &uri, csrf, &identity, &group, None, None)
}

/// A proposal id not yet taken: `{group}-project-list-{n}`.
fn next_id(state: &AppState, group: &str) -> ProposalId {
    let prefix = format!("{group}-project-list-");
    let taken = state.app.read(|s| {
        s.proposals
            .keys()
            .filter(|id| id.as_str().starts_with(&prefix))
            .count()
    });
    let mut n = taken + 1;
    loop {
        let id = ProposalId::new(format!("{prefix}{n}"));
        if !state.app.read(|s| s.proposals.contains_key(&id)) {
            return id;
        }
        n += 1;
    }
}

pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Path(group): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let ticked: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k == "project")
        .map(|(_, v)| v.clone())
        .collect();
    let approve = fields.iter().any(|(k, v)| k == "approve" && v == "yes");
    let content = ProposalContent::ProjectList {
        group: GroupId::new(group.clone()),
        projects: ticked.iter().map(|p| ProjectId::new(p.clone())).collect(),
    };
    let proposal = next_id(&state, &group);
    let mut commands = vec![Command::Propose {
        proposal: proposal.clone(),
        content: content.clone(),
    }];
    if approve {
        commands.push(Command::Approve {
            proposal,
            content_hash: content_hash(&content),
        });
    }
    let app = std::sync::Arc::clone(&state.app);
    let now = (state.clock)();
    let actor = identity.actor();
    let recorded = tokio::task::spawn_blocking(move || app.execute_all(&actor, commands, now))
        .await
        .map_err(|e| WebError::Internal(format!("the writer task failed: {e}")))?
        .map_err(WebError::App);
    match recorded {
        Ok(_) => Ok(see_other("/approvals?done=proposed", Vec::new())),
        Err(error) => {
            let shown = refusal(error)?;
            new_page(
                &state,
                lang,
                &uri,
                csrf,
                &identity,
                &group,
                Some(&ticked),
                Some(shown),
            )
        }
    }
}
