//! `/search?q=`: what the viewer may see that matches the words of `q`,
//! grouped by kind with each kind's count, every hit linked to its page.

use accord_app::search::{HitKind, SearchResults};
use askama::Template;
use axum::extract::{OriginalUri, Query, State};
use axum::response::Html;
use serde::Deserialize;

use crate::api::search::{DEFAULT_LIMIT, run};
use crate::lang::{Lang, Tr};
use crate::pages::render;
use crate::view::{Layout, Section, group_name, search_link};
use crate::{AppState, CurrentViewer, WebError};

#[derive(Debug, Template)]
#[template(path = "search.html")]
pub struct SearchPage {
    pub page: Layout,
    pub query: String,
    pub summary: String,
    pub groups: Vec<KindView>,
}

#[derive(Debug)]
pub struct KindView {
    /// The kind's stable code (`project`), for anchors.
    pub kind: &'static str,
    /// The kind's name and count.
    pub heading: String,
    /// Whether there are more hits than shown.
    pub more: bool,
    pub shown: String,
    pub hits: Vec<HitView>,
}

#[derive(Debug)]
pub struct HitView {
    pub id: String,
    pub title: String,
    pub snippet: String,
    pub link: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct SearchForm {
    pub q: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    Query(form): Query<SearchForm>,
) -> Result<Html<String>, WebError> {
    let tr = lang.tr();
    let query = form.q.unwrap_or_default();
    let results = run(&state, &viewer, &query, DEFAULT_LIMIT)?;
    let group_names: Vec<(String, String)> = state
        .app
        .groups_map(|g| (g.spec.id.to_string(), group_name(g, lang)));
    let summary = if query.trim().is_empty() {
        tr.t("search-empty")
    } else {
        tr.t1("search-summary", "count", results.total())
    };
    let mut page = Layout::new(lang, &uri, tr.t("search-title"), Section::Search);
    page.search_query = query.clone();
    render(&SearchPage {
        page,
        query,
        summary,
        groups: kind_views(&results, &group_names, tr),
    })
}

/// The results as the page shows them; a working group under its name in
/// the page's language.
fn kind_views(results: &SearchResults, group_names: &[(String, String)], tr: Tr) -> Vec<KindView> {
    results
        .groups
        .iter()
        .map(|g| KindView {
            kind: g.kind.code(),
            heading: format!("{} ({})", tr.t(kind_key(g.kind)), g.total),
            more: g.total > g.hits.len(),
            shown: tr.t2("search-shown", "count", g.hits.len(), "total", g.total),
            hits: g
                .hits
                .iter()
                .map(|h| {
                    let title = match h.kind {
                        HitKind::WorkingGroup => group_names
                            .iter()
                            .find(|(id, _)| *id == h.id)
                            .map_or_else(|| h.title.clone(), |(_, name)| name.clone()),
                        _ => h.title.clone(),
                    };
                    HitView {
                        id: h.id.clone(),
                        title,
                        snippet: h.snippet.clone(),
                        link: search_link(h),
                    }
                })
                .collect(),
        })
        .collect()
}

/// The message naming a kind of hit.
fn kind_key(kind: HitKind) -> &'static str {
    match kind {
        HitKind::Provision => "search-kind-provision",
        HitKind::WorkingGroup => "search-kind-working-group",
        HitKind::Project => "search-kind-project",
        HitKind::Milestone => "search-kind-milestone",
        HitKind::Meeting => "search-kind-meeting",
        HitKind::Organisation => "search-kind-organisation",
        HitKind::Person => "search-kind-person",
    }
}
