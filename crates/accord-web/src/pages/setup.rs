//! One-time links: `/setup/{token}`, where the first administrator of a
//! new instance names themself, their organisation and their login; and
//! `/invitation/{token}`, where an invited person sets their password.
//!
//! Setup records, as the operator (`Actor::System`), the organisation,
//! the person and the administrator role: who holds a role is part of the
//! record. The password only goes to the accounts store. Each link works
//! once.

use accord_domain::command::{Actor, Command};
use accord_domain::ids::{OrganisationId, PartyCode, PersonId};
use accord_domain::model::{Organisation, OrganisationKind, Person, Role};
use accord_store::accounts::{Purpose, normalise_email, secret};
use askama::Template;
use axum::Form;
use axum::extract::{OriginalUri, Path, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::forms::{Refusal, refusal, see_other, slug};
use crate::auth::{Auth, CsrfToken, OverTls, account_error, session_cookies};
use crate::lang::Lang;
use crate::pages::render;
use crate::view::{Layout, Section};
use crate::{AppState, WebError};

#[derive(Debug, Template)]
#[template(path = "setup.html")]
pub struct SetupPage {
    pub page: Layout,
    pub csrf: String,
    pub token: String,
    pub parties: Vec<String>,
    pub form: SetupForm,
    pub refusal: Option<Refusal>,
}

#[derive(Debug, Default, Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub party: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
}

#[derive(Debug, Template)]
#[template(path = "invitation.html")]
pub struct InvitationPage {
    pub page: Layout,
    pub csrf: String,
    pub token: String,
    pub email: String,
    pub refusal: Option<Refusal>,
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub confirm: String,
}

fn bad_link() -> WebError {
    WebError::NotFound {
        what: "one-time link",
        id: "(unknown, used or expired)".to_owned(),
    }
}

fn setup_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    csrf: String,
    token: String,
    form: SetupForm,
    refusal: Option<Refusal>,
) -> Result<Response, WebError> {
    let parties = state
        .app
        .parties()
        .iter()
        .map(ToString::to_string)
        .collect();
    Ok(render(&SetupPage {
        page: Layout::new(lang, uri, lang.tr().t("setup-title"), Section::None),
        csrf,
        token,
        parties,
        form: SetupForm {
            password: String::new(),
            ..form
        },
        refusal,
    })?
    .into_response())
}

pub async fn page(
    State(state): State<AppState>,
    auth: Auth,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let probe = token.clone();
    auth.call(move |a, now| a.peek_link(Purpose::Setup, &probe, now))
        .await?
        .ok_or_else(bad_link)?;
    setup_page(&state, lang, &uri, csrf, token, SetupForm::default(), None)
}

#[allow(clippy::too_many_arguments)]
pub async fn submit(
    State(state): State<AppState>,
    auth: Auth,
    lang: Lang,
    tls: OverTls,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    Path(token): Path<String>,
    Form(form): Form<SetupForm>,
) -> Result<Response, WebError> {
    let probe = token.clone();
    auth.call(move |a, now| a.peek_link(Purpose::Setup, &probe, now))
        .await?
        .ok_or_else(bad_link)?;
    match set_up(&state, &auth, &form, &token).await {
        Ok(session) => Ok(see_other("/admin", session_cookies(&session, tls))),
        Err(error) => {
            let shown = refusal(error)?;
            setup_page(&state, lang, &uri, csrf, token, form, Some(shown))
        }
    }
}

/// Checks the form, records the administrator, spends the link, creates
/// the login and opens its session.
async fn set_up(
    state: &AppState,
    auth: &Auth,
    form: &SetupForm,
    token: &str,
) -> Result<accord_store::accounts::NewSession, WebError> {
    let email = normalise_email(&form.email).map_err(account_error)?;
    secret::check_password(&form.password).map_err(account_error)?;
    let person_id = PersonId::new(slug(&form.name));
    let organisation_id = OrganisationId::new(slug(&form.organisation));
    if person_id.as_str().is_empty() || organisation_id.as_str().is_empty() {
        return Err(WebError::bad_request(
            "invalid",
            "a name and an organisation are needed, with at least one letter or digit",
        ));
    }
    let party = Some(form.party.trim())
        .filter(|p| !p.is_empty())
        .map(PartyCode::new);
    let organisation_exists = state.app.organisation_exists(&organisation_id);
    let mut commands = Vec::new();
    if !organisation_exists {
        commands.push(Command::RegisterOrganisation {
            organisation: Organisation {
                id: organisation_id.clone(),
                name: form.organisation.trim().to_owned(),
                kind: if party.is_some() {
                    OrganisationKind::Government
                } else {
                    OrganisationKind::CivilSociety
                },
                party,
            },
        });
    }
    commands.push(Command::RegisterPerson {
        person: Person {
            id: person_id.clone(),
            name: form.name.trim().to_owned(),
            organisation: organisation_id,
        },
    });
    commands.push(Command::GrantRole {
        person: person_id.clone(),
        role: Role::Administrator,
    });
    let app = std::sync::Arc::clone(&state.app);
    let now = (state.clock)();
    tokio::task::spawn_blocking(move || app.execute_all(&Actor::System, commands, now))
        .await
        .map_err(|e| WebError::Internal(format!("the writer task failed: {e}")))??;
    let token = token.to_owned();
    let person = person_id.to_string();
    let password = form.password.clone();
    auth.call(move |a, now| {
        a.use_link(Purpose::Setup, &token, now)?;
        a.create_login(&email, &person, Some(&password), now)?;
        a.open_session(&email, now)
    })
    .await
}

pub async fn invitation(
    auth: Auth,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let probe = token.clone();
    let link = auth
        .call(move |a, now| a.peek_link(Purpose::Invitation, &probe, now))
        .await?
        .ok_or_else(bad_link)?;
    invitation_page(
        lang,
        &uri,
        csrf,
        token,
        link.email.unwrap_or_default(),
        None,
    )
}

fn invitation_page(
    lang: Lang,
    uri: &Uri,
    csrf: String,
    token: String,
    email: String,
    refusal: Option<Refusal>,
) -> Result<Response, WebError> {
    Ok(render(&InvitationPage {
        page: Layout::new(lang, uri, lang.tr().t("invitation-title"), Section::None),
        csrf,
        token,
        email,
        refusal,
    })?
    .into_response())
}

#[allow(clippy::too_many_arguments)]
pub async fn accept_invitation(
    auth: Auth,
    lang: Lang,
    tls: OverTls,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    Path(token): Path<String>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let probe = token.clone();
    let link = auth
        .call(move |a, now| a.peek_link(Purpose::Invitation, &probe, now))
        .await?
        .ok_or_else(bad_link)?;
    let email = link.email.unwrap_or_default();
    let checked = if form.password != form.confirm {
        Err(WebError::bad_request(
            "passwords_differ",
            "the two passwords differ",
        ))
    } else {
        secret::check_password(&form.password).map_err(account_error)
    };
    if let Err(error) = checked {
        let shown = refusal(error)?;
        return invitation_page(lang, &uri, csrf, token, email, Some(shown));
    }
    let password = form.password;
    let session = auth
        .call(move |a, now| {
            let link = a.use_link(Purpose::Invitation, &token, now)?;
            let email = link.email.unwrap_or_default();
            a.set_password(&email, &password)?;
            a.open_session(&email, now)
        })
        .await?;
    Ok(see_other("/approvals", session_cookies(&session, tls)))
}
