//! `/groups/{id}`: a working group's scope (the provisions it carries out),
//! its deadlines on the as-of date, and the projects the viewer may see.

use askama::Template;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::response::Html;

use crate::api::AsOfQuery;
use crate::lang::Lang;
use crate::pages::render;
use crate::view::{DeadlineView, Layout, ProjectRow, Section, as_of, group_name, provision_anchor};
use crate::{AppState, CurrentViewer, WebError};

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
    pub projects: Vec<ProjectRow>,
    pub roadmap_detail: crate::pages::roadmap::RoadmapFragment,
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
    Query(query): Query<AsOfQuery>,
) -> Result<Html<String>, WebError> {
    let tr = lang.tr();
    let as_of = as_of(query.as_of.as_deref(), state.today())?;
    let view = state
        .app
        .group_view(&viewer, &id.as_str().into())
        .ok_or_else(|| WebError::NotFound {
            what: "working group",
            id: id.clone(),
        })?;
    let report = state.app.status(&viewer, as_of)?;
    let status = report.working_groups.iter().find(|g| g.id == id.as_str());
    let charter = state.app.charter_view(&viewer);
    let scope = view
        .group
        .spec
        .scope
        .iter()
        .map(|p| {
            let (text_lang, text) = charter
                .as_ref()
                .and_then(|c| c.charter.provisions.iter().find(|q| q.id == *p))
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
    let name = group_name(&view.group, lang);
    let projects = view
        .projects
        .iter()
        .map(|p| ProjectRow::new(p, name.clone(), tr))
        .collect();
    render(&GroupPage {
        page: Layout::new(lang, &uri, name.clone(), Section::Groups),
        roadmap_detail: crate::pages::roadmap::for_group(&state, &viewer, lang, &id, as_of),
        id,
        name,
        dialogue_platform: view.group.dialogue_platform,
        as_of: as_of.to_string(),
        scope,
        project_list: status
            .and_then(|g| g.project_list.as_ref())
            .map(|d| DeadlineView::new(d, tr)),
        roadmap: status
            .and_then(|g| g.roadmap.as_ref())
            .map(|d| DeadlineView::new(d, tr)),
        projects,
    })
}
