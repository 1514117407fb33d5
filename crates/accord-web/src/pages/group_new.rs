//! `/groups/new`: a coordinator proposes a new dialogue platform ("d'autres
//! plateformes de dialogue … d'un commun accord") or a new working group,
//! its name (and a platform's purpose) in each party's language side by
//! side, and a working group's scope from the charter's commitments. Both
//! parties then agree to it on their approvals pages; once agreed it has
//! its own page. `/groups/{id}/scope`: a group's co-chairs (or the
//! coordinators) propose the provisions in its scope.

use accord_domain::ids::{GroupId, ProvisionId};
use askama::Template;
use axum::Form;
use axum::extract::{OriginalUri, Path, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};

use crate::auth::forms::{Refusal, refusal, see_other};
use crate::auth::{CsrfToken, Identity, SignedIn};
use crate::lang::Lang;
use crate::pages::form_fields::{Choice, TextsField, Typed};
use crate::pages::render;
use crate::view::{Layout, Section, group_name, localised};
use crate::{AppState, WebError};

#[derive(Debug, Template)]
#[template(path = "group_new.html")]
pub struct NewGroupPage {
    pub page: Layout,
    pub csrf: String,
    /// Whether the person signs charter-wide acts (a coordinator).
    pub may_propose: bool,
    pub platform: bool,
    pub id: String,
    pub name: TextsField,
    pub purpose: TextsField,
    pub provisions: Vec<Choice>,
    pub refusal: Option<Refusal>,
}

#[derive(Debug, Template)]
#[template(path = "group_scope.html")]
pub struct ScopePage {
    pub page: Layout,
    pub csrf: String,
    pub group: String,
    pub name: String,
    pub provisions: Vec<Choice>,
    pub refusal: Option<Refusal>,
}

/// The charter's commitments as choices, those in `chosen` ticked.
fn commitments(state: &AppState, lang: Lang, chosen: &[String]) -> Vec<Choice> {
    state
        .app
        .recorded_charter()
        .map(|charter| {
            charter
                .provisions
                .iter()
                .filter(|p| p.commitment)
                .map(|p| Choice {
                    chosen: chosen.iter().any(|c| c == p.id.as_str()),
                    value: p.id.to_string(),
                    label: format!("{} — {}", p.id, localised(&p.texts, lang, "")),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn new_group_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    csrf: String,
    identity: &Identity,
    typed: &Typed,
    refusal: Option<Refusal>,
) -> Result<Response, WebError> {
    let tr = lang.tr();
    Ok(render(&NewGroupPage {
        page: Layout::new(lang, uri, tr.t("group-new-title"), Section::Groups),
        csrf,
        may_propose: state.app.schedulable(&identity.person).0,
        platform: typed.value("kind") != "working_group",
        id: typed.value("id").to_owned(),
        name: TextsField::new("name", typed),
        purpose: TextsField::new("purpose", typed),
        provisions: commitments(state, lang, &typed.values("provision")),
        refusal,
    })?
    .into_response())
}

/// `GET /groups/new`.
pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
) -> Result<Response, WebError> {
    new_group_page(&state, lang, &uri, csrf, &identity, &Typed::default(), None)
}

/// `POST /groups/new`: the proposal, then the approvals page.
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
    let id = GroupId::new(typed.value("id").trim());
    let name = typed.texts("name");
    let outcome = if typed.value("kind") == "working_group" {
        let scope: Vec<ProvisionId> = typed
            .values("provision")
            .iter()
            .map(|p| ProvisionId::new(p.as_str()))
            .collect();
        state
            .blocking(move |app| app.propose_working_group(&actor, id, name, scope, now))
            .await?
    } else {
        let purpose = typed.texts("purpose");
        state
            .blocking(move |app| app.propose_dialogue_platform(&actor, id, name, purpose, now))
            .await?
    };
    match outcome {
        Ok(_) => Ok(see_other("/approvals?done=proposed", Vec::new())),
        Err(error) => {
            let shown = refusal(WebError::App(error))?;
            new_group_page(&state, lang, &uri, csrf, &identity, &typed, Some(shown))
        }
    }
}

fn scope_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    csrf: String,
    group: &str,
    chosen: Option<Vec<String>>,
    refusal: Option<Refusal>,
) -> Result<Response, WebError> {
    let tr = lang.tr();
    let found = state
        .app
        .groups()
        .into_iter()
        .find(|g| g.spec.id.as_str() == group)
        .ok_or_else(|| WebError::NotFound {
            what: "working group",
            id: group.to_owned(),
        })?;
    let chosen =
        chosen.unwrap_or_else(|| found.spec.scope.iter().map(ToString::to_string).collect());
    let name = group_name(&found, lang);
    Ok(render(&ScopePage {
        page: Layout::new(
            lang,
            uri,
            format!("{}: {name}", tr.t("group-scope-title")),
            Section::Groups,
        ),
        csrf,
        group: group.to_owned(),
        name,
        provisions: commitments(state, lang, &chosen),
        refusal,
    })?
    .into_response())
}

/// `GET /groups/{id}/scope`.
pub async fn scope(
    State(state): State<AppState>,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(_): SignedIn,
    Path(group): Path<String>,
) -> Result<Response, WebError> {
    scope_page(&state, lang, &uri, csrf, &group, None, None)
}

/// `POST /groups/{id}/scope`: the proposal, then the approvals page.
pub async fn submit_scope(
    State(state): State<AppState>,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Path(group): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let typed = Typed(fields);
    let chosen = typed.values("provision");
    let provisions: Vec<ProvisionId> = chosen
        .iter()
        .map(|p| ProvisionId::new(p.as_str()))
        .collect();
    let (now, actor, id) = ((state.clock)(), identity.actor(), GroupId::new(&group));
    let outcome = state
        .blocking(move |app| app.propose_group_scope(&actor, id, provisions, now))
        .await?;
    match outcome {
        Ok(_) => Ok(see_other("/approvals?done=proposed", Vec::new())),
        Err(error) => {
            let shown = refusal(WebError::App(error))?;
            scope_page(&state, lang, &uri, csrf, &group, Some(chosen), Some(shown))
        }
    }
}
