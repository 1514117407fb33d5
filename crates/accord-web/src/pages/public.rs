//! `/public`: the public portal. Whoever is logged in, it shows what the
//! public may see and nothing more: the projects both parties agreed and
//! classified public, and the charter's deadlines as the public sees them.

use accord_domain::visibility::Viewer;
use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::response::Html;

use crate::lang::Lang;
use crate::pages::render;
use crate::view::{DeadlineView, Layout, ProjectRow, Section, group_name};
use crate::{AppState, WebError};

#[derive(Debug, Template)]
#[template(path = "public.html")]
pub struct PublicPage {
    pub page: Layout,
    pub as_of: String,
    pub coverage: String,
    pub groups: Vec<PublicGroup>,
}

#[derive(Debug)]
pub struct PublicGroup {
    pub id: String,
    pub name: String,
    pub project_list: Option<DeadlineView>,
    pub projects: Vec<ProjectRow>,
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
) -> Result<Html<String>, WebError> {
    let viewer = Viewer::Public;
    let tr = lang.tr();
    let as_of = state.today();
    let report = state.app.status(&viewer, as_of)?;
    let projects = state.app.projects(&viewer, None);
    let groups = state
        .app
        .groups()
        .into_iter()
        .filter(|g| !g.dialogue_platform)
        .map(|g| {
            let name = group_name(&g, lang);
            let status = report.working_groups.iter().find(|s| s.id == g.spec.id);
            PublicGroup {
                id: g.spec.id.to_string(),
                project_list: status
                    .and_then(|s| s.project_list.as_ref())
                    .map(|d| DeadlineView::new(d, tr)),
                projects: projects
                    .iter()
                    .filter(|p| p.spec.group == g.spec.id)
                    .map(|p| ProjectRow::new(p, name.clone(), tr))
                    .collect(),
                name,
            }
        })
        .collect();
    render(&PublicPage {
        page: Layout::new(lang, &uri, tr.t("public-title"), Section::Public),
        as_of: as_of.to_string(),
        coverage: tr.t2(
            "coverage-summary",
            "covered",
            report.coverage.covered,
            "commitments",
            report.coverage.commitments,
        ),
        groups,
    })
}
