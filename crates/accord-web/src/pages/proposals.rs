//! `/groups/{id}/proposals/new`: a co-chair or a coordinator proposes the
//! working group's project list by ticking its projects, and may sign it
//! for their party at once. Both acts go into the record together, or
//! neither does.
//!
//! `/groups/{id}/roadmap/new` does the same for the group's roadmap: its
//! milestones, one a line (`id | title | due | project | depends on`),
//! so that the form needs no script.

use accord_domain::agreement::Scope;
use accord_domain::ids::{GroupId, MilestoneId, ProjectId};
use accord_domain::model::MilestoneSpec;
use accord_domain::visibility::Viewer;
use askama::Template;
use axum::Form;
use axum::extract::{OriginalUri, Path, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};

use crate::auth::forms::{Refusal, refusal, see_other};
use crate::auth::{CsrfToken, SignedIn};
use crate::lang::Lang;
use crate::pages::{milestone_title, render};
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
    let form = state
        .app
        .project_list_form(&identity.person, &GroupId::new(group))
        .ok_or_else(|| WebError::NotFound {
            what: "working group",
            id: group.to_owned(),
        })?;
    let name = group_name(&form.group, lang);
    let my_party = form.my_party;
    let projects = form
        .projects
        .into_iter()
        .map(|p| Choice {
            ticked: match ticked {
                Some(list) => list.iter().any(|t| t == p.id.as_str()),
                None => true,
            },
            id: p.id.to_string(),
            title: crate::view::content(&p.title, tr),
            status: status_label(p.status, tr),
        })
        .collect();
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
    let projects: Vec<ProjectId> = ticked.iter().map(|p| ProjectId::new(p.clone())).collect();
    let (now, actor, id) = ((state.clock)(), identity.actor(), GroupId::new(&group));
    let recorded = state
        .blocking(move |app| app.propose_project_list(&actor, id, projects, approve, None, now))
        .await
        .and_then(|done| done.map_err(WebError::App));
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

/// One milestone as a line of the form, its title as a co-chair writing
/// in `language` reads it.
fn milestone_line(m: &MilestoneSpec, language: &str) -> String {
    let depends: Vec<&str> = m.depends_on.iter().map(MilestoneId::as_str).collect();
    format!(
        "{} | {} | {} | {} | {}",
        m.id,
        milestone_title::write(&m.title, language),
        m.due,
        m.project
            .as_ref()
            .map(ProjectId::as_str)
            .unwrap_or_default(),
        depends.join(" ")
    )
}

/// The milestones of the form's lines, a title of plain text in
/// `language`, or what is wrong with which line.
pub fn parse_milestones(text: &str, language: &str) -> Result<Vec<MilestoneSpec>, WebError> {
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
            title: milestone_title::parse(cells[1], language).map_err(bad)?,
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
    let roadmap = state.app.group_roadmap(&viewer, &id);
    let mut current: Vec<&MilestoneSpec> = roadmap
        .iter()
        .flat_map(|r| r.milestones.iter().map(|m| &m.spec))
        .collect();
    current.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    let current = current
        .into_iter()
        .map(|m| milestone_line(m, lang.code()))
        .collect::<Vec<_>>()
        .join("\n");
    let roadmap = roadmap.ok_or_else(|| WebError::NotFound {
        what: "working group",
        id: group.to_owned(),
    })?;
    let name = group_name(&roadmap.group, lang);
    let my_party = state
        .app
        .my_party_in(&identity.person, &Scope::WorkingGroup(id));
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
    let approve = form.approve.as_deref() == Some("yes");
    let recorded = match parse_milestones(&form.milestones, lang.code()) {
        Ok(milestones) => {
            let (now, actor, id) = ((state.clock)(), identity.actor(), GroupId::new(&group));
            state
                .blocking(move |app| {
                    app.propose_roadmap(&actor, id, milestones, approve, None, now)
                })
                .await
                .and_then(|done| done.map_err(WebError::App))
        }
        Err(e) => Err(e),
    };
    match recorded {
        Ok(_) => Ok(see_other("/approvals?done=proposed", Vec::new())),
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
