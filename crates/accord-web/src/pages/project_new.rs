//! `/projects/new`: a co-chair or member of a working group proposes a
//! project in it: its title and description in each party's language side
//! by side (the form says which are still missing), the provisions it
//! carries out chosen from the charter with their text, its lead party and
//! organisations, its partners among the registered organisations, its
//! dates, investment and classification. Only the groups the person may
//! propose in are offered; the use case `propose_project` decides. A
//! refusal shows the form again with what was typed and the field named;
//! someone who may not propose gets the 403 error page.

use accord_app::AppError;
use accord_domain::visibility::Viewer;
use askama::Template;
use axum::Form;
use axum::extract::{OriginalUri, Query, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::forms::{Refusal, refusal, see_other};
use crate::auth::{CsrfToken, Identity, SignedIn};
use crate::lang::Lang;
use crate::pages::form_fields::{Choice, Typed};
use crate::pages::project_fields::{ProjectFields, new_project, project_fields};
use crate::pages::render;
use crate::view::{Layout, Section, group_name};
use crate::{AppState, WebError};

#[derive(Debug, Template)]
#[template(path = "project_new.html")]
pub struct NewProjectPage {
    pub page: Layout,
    pub csrf: String,
    /// The working groups the person may propose a project in.
    pub groups: Vec<Choice>,
    pub fields: ProjectFields,
    pub refusal: Option<Refusal>,
}

#[derive(Debug, Deserialize)]
pub struct NewProjectQuery {
    /// The working group to propose in, chosen beforehand (from its page).
    pub group: Option<String>,
}

/// The refusal to show on the form again, or, for an act that is not the
/// person's to perform (`forbidden`, `not_signatory`), the error itself:
/// the 403 error page, since the form is not theirs to fill again.
pub fn form_refusal(error: WebError) -> Result<Refusal, WebError> {
    if let WebError::App(AppError::Refused(refused)) = &error
        && matches!(refused.code(), "forbidden" | "not_signatory")
    {
        return Err(error);
    }
    refusal(error)
}

fn new_project_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    csrf: String,
    identity: &Identity,
    typed: &Typed,
    refusal: Option<Refusal>,
) -> Result<Response, WebError> {
    let tr = lang.tr();
    let viewer = Viewer::Person(identity.person.clone());
    let proposable = state.app.proposable_groups(&identity.person);
    let chosen = typed.value("group");
    let groups = state
        .app
        .groups()
        .into_iter()
        .filter(|g| proposable.contains(&g.spec.id))
        .map(|g| Choice {
            chosen: chosen == g.spec.id.as_str(),
            value: g.spec.id.to_string(),
            label: group_name(&g, lang),
        })
        .collect();
    Ok(render(&NewProjectPage {
        page: Layout::new(lang, uri, tr.t("project-new-title"), Section::Groups),
        csrf,
        groups,
        fields: project_fields(state, &viewer, lang, typed),
        refusal,
    })?
    .into_response())
}

/// `GET /projects/new`, with `?group=` to choose the working group.
pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Query(query): Query<NewProjectQuery>,
) -> Result<Response, WebError> {
    let typed = Typed(
        [
            ("group", query.group.unwrap_or_default()),
            ("classification", "public".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect(),
    );
    new_project_page(&state, lang, &uri, csrf, &identity, &typed, None)
}

/// `POST /projects/new`: the project proposed, then its page; or the form
/// again with the refusal.
pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let typed = Typed(fields);
    let (now, actor) = ((state.clock)(), identity.actor());
    let outcome = match new_project(&typed) {
        Ok(project) => state
            .blocking(move |app| app.propose_project(&actor, project, now))
            .await?
            .map_err(WebError::App),
        Err(e) => Err(e),
    };
    match outcome {
        Ok(done) => Ok(see_other(
            &format!("/projects/{}?done=proposed", done.id),
            Vec::new(),
        )),
        Err(error) => {
            let shown = form_refusal(error)?;
            new_project_page(&state, lang, &uri, csrf, &identity, &typed, Some(shown))
        }
    }
}
