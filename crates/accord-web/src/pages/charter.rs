//! `/charter`: every provision with its id, section by section, its
//! language versions side by side, the projects the viewer may see that cite
//! it, and the commitments no agreed project carries out yet.

use std::collections::BTreeSet;

use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::response::Html;

use crate::lang::Lang;
use crate::pages::exports::{self, DownloadLink, Format};
use crate::pages::render;
use crate::view::{Layout, ProjectRow, Section, group_name, provision_anchor};
use crate::{AppState, CurrentViewer, WebError};

#[derive(Debug, Template)]
#[template(path = "charter.html")]
pub struct CharterPage {
    pub page: Layout,
    pub title: String,
    pub signed_on: String,
    /// The language the title is in.
    pub reference_lang: String,
    pub sections: Vec<SectionView>,
    pub uncovered: usize,
    pub downloads: Vec<DownloadLink>,
}

#[derive(Debug)]
pub struct SectionView {
    pub anchor: String,
    pub heading: String,
    pub provisions: Vec<ProvisionRow>,
}

#[derive(Debug)]
pub struct ProvisionRow {
    pub id: String,
    pub anchor: String,
    /// `(language, text)` for each language version.
    pub texts: Vec<(String, String)>,
    pub commitment: bool,
    pub uncovered: bool,
    pub projects: Vec<ProjectRow>,
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    CurrentViewer(viewer): CurrentViewer,
    OriginalUri(uri): OriginalUri,
) -> Result<Html<String>, WebError> {
    let tr = lang.tr();
    let view =
        state
            .app
            .charter_view(&viewer)
            .ok_or(WebError::App(accord_app::AppError::Status(
                accord_domain::rules::StatusError::NotInitialised,
            )))?;
    let report = state.app.status(&viewer, state.today())?;
    let uncovered: BTreeSet<&str> = report
        .coverage
        .uncovered
        .iter()
        .map(|p| p.as_str())
        .collect();
    let groups = state.app.groups();
    let name_of = |id: &str| {
        groups
            .iter()
            .find(|g| g.spec.id == id)
            .map(|g| group_name(g, lang))
            .unwrap_or_else(|| id.to_owned())
    };
    let charter = &view.charter;

    let mut sections: Vec<SectionView> = Vec::new();
    for provision in &charter.provisions {
        let key = provision.section.clone();
        let starts_section = sections
            .last()
            .is_none_or(|s| s.anchor != section_anchor(key.as_deref()));
        if starts_section {
            sections.push(SectionView {
                anchor: section_anchor(key.as_deref()),
                heading: match &key {
                    None => tr.t("charter-preamble"),
                    Some(numeral) => tr.t1("charter-section", "numeral", numeral),
                },
                provisions: Vec::new(),
            });
        }
        let projects = view
            .cited_by
            .get(&provision.id)
            .map(|ps| {
                ps.iter()
                    .map(|p| ProjectRow::new(p, name_of(p.spec.group.as_str()), tr))
                    .collect()
            })
            .unwrap_or_default();
        let texts = charter
            .languages
            .iter()
            .filter_map(|l| provision.texts.get(l).map(|t| (l.clone(), t.clone())))
            .collect();
        if let Some(section) = sections.last_mut() {
            section.provisions.push(ProvisionRow {
                id: provision.id.to_string(),
                anchor: provision_anchor(provision.id.as_str()),
                texts,
                commitment: provision.commitment,
                uncovered: provision.commitment && uncovered.contains(provision.id.as_str()),
                projects,
            });
        }
    }
    // The title as the charter gives it, in the language it gives it in.
    let (reference_lang, title) = charter
        .title
        .get_key_value(lang.code())
        .or_else(|| charter.title.iter().next())
        .map(|(l, t)| (l.clone(), t.clone()))
        .unwrap_or_else(|| ("fr".to_owned(), String::new()));
    render(&CharterPage {
        page: Layout::new(lang, &uri, tr.t("charter-title"), Section::Charter),
        title,
        signed_on: charter.signed_on.to_string(),
        reference_lang,
        sections,
        uncovered: uncovered.len(),
        downloads: exports::links(
            matches!(viewer, accord_domain::visibility::Viewer::Person(_)),
            &[Format::Akn],
            tr,
        ),
    })
}

/// The charter page's anchor of a section (none: the preamble).
pub(crate) fn section_anchor(section: Option<&str>) -> String {
    match section {
        None => "preamble".to_owned(),
        Some(numeral) => format!("section-{numeral}"),
    }
}
