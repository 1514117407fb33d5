//! `/groups/{id}/proposals/new`: a co-chair or a coordinator proposes the
//! working group's project list by ticking its projects, and may sign it
//! for their party at once. Both acts go into the record together, or
//! neither does.
//!
//! `/groups/{id}/roadmap/new` does the same for the group's roadmap: its
//! milestones, one a line (`id | title | due | project | depends on`),
//! so that the form needs no script.

use accord_domain::agreement::Scope;
use accord_domain::command::Command;
use accord_domain::event::{ProposalContent, content_hash};
use accord_domain::ids::{GroupId, MilestoneId, ProjectId, ProposalId};
use accord_domain::model::MilestoneSpec;
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

/// A proposal id not yet taken: `{group}-{kind}-{n}`.
fn next_id(state: &AppState, group: &str, kind: &str) -> ProposalId {
    let prefix = format!("{group}-{kind}-");
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
    let proposal = next_id(&state, &group, "project-list");
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
    match state.execute_all(identity.actor(), commands).await {
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

#[derive(Debug, Template)]
#[template(path = "roadmap_new.html")]
pub struct NewRoadmapPage {
    pub page: Layout,
    pub csrf: String,
    pub group: String,
    pub name: String,
    pub my_party: Option<String>,
    pub lines: String,
    pub refusal: Option<Refusal>,
}

/// One milestone as a line of the form.
fn milestone_line(m: &MilestoneSpec) -> String {
    let depends: Vec<&str> = m.depends_on.iter().map(MilestoneId::as_str).collect();
    format!(
        "{} | {} | {} | {} | {}",
        m.id,
        m.title,
        m.due,
        m.project
            .as_ref()
            .map(ProjectId::as_str)
            .unwrap_or_default(),
        depends.join(" ")
    )
}

/// The milestones of the form's lines, or what is wrong with which line.
pub fn parse_milestones(text: &str) -> Result<Vec<MilestoneSpec>, WebError> {
    let mut milestones = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let bad =
            |what: String| WebError::bad_request("invalid", format!("line {}: {what}", number + 1));
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 3 || cells.len() > 5 {
            return Err(bad(
                "expected `id | title | due | project | depends on`".to_owned()
            ));
        }
        let due = cells[2]
            .parse()
            .map_err(|_| bad(format!("{:?} is not a date such as 2026-08-10", cells[2])))?;
        if cells[0].is_empty() {
            return Err(bad("a milestone needs an id".to_owned()));
        }
        milestones.push(MilestoneSpec {
            id: MilestoneId::new(cells[0]),
            title: cells[1].to_owned(),
            due,
            project: cells
                .get(3)
                .filter(|p| !p.is_empty())
                .map(|p| ProjectId::new(*p)),
            depends_on: cells
                .get(4)
                .map(|d| d.split_whitespace().map(MilestoneId::new).collect())
                .unwrap_or_default(),
        });
    }
    Ok(milestones)
}

#[allow(clippy::too_many_arguments)]
fn roadmap_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    csrf: String,
    identity: &crate::auth::Identity,
    group: &str,
    lines: Option<String>,
    refusal: Option<Refusal>,
) -> Result<Response, WebError> {
    let tr = lang.tr();
    let id = GroupId::new(group);
    // The roadmap as this person may see it: a milestone of a project they
    // may not see, or a dependency on one, is not theirs to copy.
    let viewer = Viewer::Person(identity.person.clone());
    let mut current: Vec<MilestoneSpec> = state
        .app
        .group_roadmap(&viewer, &id)
        .map(|r| r.milestones.into_iter().map(|m| m.spec).collect())
        .unwrap_or_default();
    current.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    let text = current
        .iter()
        .map(milestone_line)
        .collect::<Vec<_>>()
        .join("\n");
    let found = state.app.read(|s| {
        let g = s.groups.get(&id)?;
        let my_party = signing_party(s, &identity.person, &Scope::WorkingGroup(id.clone()));
        Some((group_name(g, lang), my_party, text))
    });
    let (name, my_party, current) = found.ok_or_else(|| WebError::NotFound {
        what: "working group",
        id: group.to_owned(),
    })?;
    Ok(render(&NewRoadmapPage {
        page: Layout::new(
            lang,
            uri,
            format!("{}: {name}", tr.t("propose-roadmap-title")),
            Section::Groups,
        ),
        csrf,
        group: group.to_owned(),
        name,
        my_party: my_party.map(|p| p.to_string()),
        lines: lines.unwrap_or(current),
        refusal,
    })?
    .into_response())
}

pub async fn roadmap(
    State(state): State<AppState>,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Path(group): Path<String>,
) -> Result<Response, WebError> {
    roadmap_page(&state, lang, &uri, csrf, &identity, &group, None, None)
}

#[derive(Debug, serde::Deserialize)]
pub struct RoadmapForm {
    #[serde(default)]
    pub milestones: String,
    pub approve: Option<String>,
}

pub async fn submit_roadmap(
    State(state): State<AppState>,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Path(group): Path<String>,
    Form(form): Form<RoadmapForm>,
) -> Result<Response, WebError> {
    let proposed = parse_milestones(&form.milestones).map(|milestones| {
        let content = ProposalContent::Roadmap {
            group: GroupId::new(group.clone()),
            milestones,
        };
        let proposal = next_id(&state, &group, "roadmap");
        let mut commands = vec![Command::Propose {
            proposal: proposal.clone(),
            content: content.clone(),
        }];
        if form.approve.as_deref() == Some("yes") {
            commands.push(Command::Approve {
                proposal,
                content_hash: content_hash(&content),
            });
        }
        commands
    });
    let recorded = match proposed {
        Ok(commands) => state.execute_all(identity.actor(), commands).await,
        Err(e) => Err(e),
    };
    match recorded {
        Ok(()) => Ok(see_other("/approvals?done=proposed", Vec::new())),
        Err(error) => {
            let shown = refusal(error)?;
            roadmap_page(
                &state,
                lang,
                &uri,
                csrf,
                &identity,
                &group,
                Some(form.milestones),
                Some(shown),
            )
        }
    }
}
