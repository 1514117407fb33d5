//! `/groups/{id}`: a working group's scope (the provisions it carries out),
//! its deadlines on the as-of date, and the projects the viewer may see,
//! `PAGE_SIZE` at a time (`?page=N`; with htmx the pager swaps the list
//! alone).

use askama::Template;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::response::Html;

use serde::Deserialize;

use crate::lang::Lang;
use crate::pages::render;
use crate::view::{DeadlineView, Layout, ProjectRow, Section, as_of, group_name, provision_anchor};
use crate::{AppState, CurrentViewer, WebError};

/// How many projects one page of a group's list shows.
pub const PAGE_SIZE: usize = 50;
/// The milestones of a roadmap shown on one page of the group's.
pub const MILESTONES_PER_PAGE: usize = 200;

/// `?as_of=` and `?page=` (from 1).
#[derive(Debug, Deserialize)]
pub struct GroupQuery {
    pub as_of: Option<String>,
    /// The page of the group's projects.
    pub page: Option<usize>,
    /// The page of its roadmap's milestones.
    pub milestones: Option<usize>,
}

/// Where a page of the list stands, and the links to its neighbours.
#[derive(Debug)]
pub struct Pager {
    pub total: usize,
    /// "Projects 51 to 100 of 2000."
    pub text: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

#[derive(Debug, Template)]
#[template(path = "group.html")]
pub struct GroupPage {
    pub page: Layout,
    pub id: String,
    pub name: String,
    pub dialogue_platform: bool,
    pub as_of: String,
    pub scope: Vec<ScopeRow>,
    pub project_list: Option<DeadlineView>,
    pub roadmap: Option<DeadlineView>,
    /// The log indices of the agreed project list's and roadmap's adoption,
    /// when the viewer may see them: the proofs' links.
    pub adoptions: accord_app::signing::GroupAdoptions,
    pub projects: Vec<ProjectRow>,
    pub pager: Pager,
    pub roadmap_detail: crate::pages::roadmap::RoadmapFragment,
    /// The pages of the roadmap's milestones.
    pub milestone_pager: Pager,
    /// Whether the viewer may propose a project in this group (a link to
    /// the form is shown).
    pub may_propose_project: bool,
}

#[derive(Debug)]
pub struct ScopeRow {
    pub id: String,
    pub anchor: String,
    pub lang: String,
    pub text: String,
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    CurrentViewer(viewer): CurrentViewer,
    OriginalUri(uri): OriginalUri,
    Path(id): Path<String>,
    Query(query): Query<GroupQuery>,
) -> Result<Html<String>, WebError> {
    let tr = lang.tr();
    let as_of = as_of(query.as_of.as_deref(), state.today())?;
    let group_id = id.as_str().into();
    let group = state
        .app
        .groups_map(|g| (g.spec.id == group_id).then(|| g.clone()))
        .into_iter()
        .flatten()
        .next()
        .ok_or_else(|| WebError::NotFound {
            what: "working group",
            id: id.clone(),
        })?;
    let page = query.page.unwrap_or(1).max(1);
    let offset = (page - 1).saturating_mul(PAGE_SIZE);
    let (projects, total) = state
        .app
        .projects_page(&viewer, Some(&group_id), offset, PAGE_SIZE);
    let adoptions = state.app.group_adoptions(&viewer, &group_id);
    let report = state.app.status(&viewer, as_of)?;
    let status = report.working_groups.iter().find(|g| g.id == id.as_str());
    // The charter's texts only: not the projects that cite each provision.
    let charter = state.app.recorded_charter();
    let scope = group
        .spec
        .scope
        .iter()
        .map(|p| {
            let (text_lang, text) = charter
                .as_ref()
                .and_then(|c| c.provisions.iter().find(|q| q.id == *p))
                .and_then(|q| {
                    q.texts
                        .get_key_value(lang.code())
                        .or_else(|| q.texts.iter().next())
                })
                .map(|(l, t)| (l.clone(), t.clone()))
                .unwrap_or_default();
            ScopeRow {
                id: p.to_string(),
                anchor: provision_anchor(p.as_str()),
                lang: text_lang,
                text,
            }
        })
        .collect();
    let name = group_name(&group, lang);
    let as_of_param = query
        .as_of
        .as_deref()
        .map(|d| format!("&as_of={d}"))
        .unwrap_or_default();
    let milestones_page = query.milestones.unwrap_or(1).max(1);
    // The roadmap's page stays as it is when the projects' page moves.
    let milestones_param = if milestones_page > 1 {
        format!("&milestones={milestones_page}")
    } else {
        String::new()
    };
    let link = |page: usize| format!("/groups/{id}?page={page}{milestones_param}{as_of_param}");
    let milestones_offset = (milestones_page - 1).saturating_mul(MILESTONES_PER_PAGE);
    let roadmap_detail = crate::pages::roadmap::for_group(
        &state,
        &viewer,
        lang,
        &id,
        as_of,
        milestones_offset..milestones_offset.saturating_add(MILESTONES_PER_PAGE),
    );
    let milestone_pager = {
        let total = roadmap_detail.milestones_total;
        let shown = roadmap_detail.milestones.len();
        let first = roadmap_detail.milestones_offset;
        let link =
            |m: usize| format!("/groups/{id}?page={page}&milestones={m}{as_of_param}#roadmap");
        Pager {
            text: tr.with(
                "roadmap-pager-range",
                vec![
                    ("first", (if shown == 0 { 0 } else { first + 1 }).into()),
                    ("last", (first + shown).into()),
                    ("total", total.into()),
                ],
            ),
            total,
            previous: (milestones_page > 1).then(|| {
                link((milestones_page - 1).min(total.div_ceil(MILESTONES_PER_PAGE).max(1)))
            }),
            next: (first + shown < total).then(|| link(milestones_page + 1)),
        }
    };
    let first = if projects.is_empty() { 0 } else { offset + 1 };
    let pager = Pager {
        text: tr.with(
            "pager-range",
            vec![
                ("first", first.into()),
                ("last", (offset + projects.len()).into()),
                ("total", total.into()),
            ],
        ),
        total,
        // Past the end, "previous" leads back to the last page.
        previous: (page > 1).then(|| link((page - 1).min(total.div_ceil(PAGE_SIZE).max(1)))),
        next: (offset + projects.len() < total).then(|| link(page + 1)),
    };
    let projects = projects
        .iter()
        .map(|p| ProjectRow::new(p, name.clone(), tr))
        .collect();
    let may_propose_project = match &viewer {
        accord_domain::visibility::Viewer::Person(person) => state
            .app
            .proposable_groups(person)
            .iter()
            .any(|g| g.as_str() == id),
        _ => false,
    };
    render(&GroupPage {
        may_propose_project,
        page: Layout::new(lang, &uri, name.clone(), Section::Groups),
        roadmap_detail,
        milestone_pager,
        id,
        name,
        dialogue_platform: group.dialogue_platform,
        as_of: as_of.to_string(),
        scope,
        project_list: status
            .and_then(|g| g.project_list.as_ref())
            .map(|d| DeadlineView::new(d, tr)),
        roadmap: status
            .and_then(|g| g.roadmap.as_ref())
            .map(|d| DeadlineView::new(d, tr)),
        adoptions,
        projects,
        pager,
    })
}
