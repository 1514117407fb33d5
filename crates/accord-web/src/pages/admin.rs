//! `/admin`: organisations, people, their roles and their logins, for
//! administrators only. Registering, granting and revoking go into the
//! record as the administrator's commands (the rules check the
//! permission again); an invitation creates a login without a password
//! and shows, once, the link where the person sets it.

use accord_domain::command::Command;
use accord_domain::ids::{GroupId, OrganisationId, PartyCode, PersonId};
use accord_domain::model::{Organisation, OrganisationKind, Person, Role};
use accord_store::accounts::{Link, Purpose};
use askama::Template;
use axum::Form;
use axum::extract::{OriginalUri, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::forms::{Refusal, refusal, see_other};
use crate::auth::{Auth, AuthError, CsrfToken, Identity, OverTls, SignedIn};
use crate::lang::Lang;
use crate::pages::exports::{self, DownloadLink, Format};
use crate::pages::{render, site_origin};
use crate::view::{Layout, Section};
use crate::{AppState, WebError};

#[derive(Debug, Template)]
#[template(path = "admin.html")]
pub struct AdminPage {
    pub page: Layout,
    pub csrf: String,
    pub organisations: Vec<OrganisationRow>,
    pub people: Vec<PersonRow>,
    pub parties: Vec<String>,
    pub groups: Vec<String>,
    pub done: Option<String>,
    pub invitation_link: Option<String>,
    pub refusal: Option<Refusal>,
    pub downloads: Vec<DownloadLink>,
}

#[derive(Debug, Clone)]
pub struct OrganisationRow {
    pub id: String,
    pub name: String,
    pub party: String,
}

#[derive(Debug, Clone)]
pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub login: String,
    pub roles: Vec<RoleRow>,
}

/// A role, in words and as the fields that name it in a form.
#[derive(Debug, Clone)]
pub struct RoleRow {
    pub text: String,
    pub role: &'static str,
    pub party: String,
    pub group: String,
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    pub done: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct OrganisationForm {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub party: String,
}

#[derive(Debug, Deserialize)]
pub struct PersonForm {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub organisation: String,
}

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub party: String,
    #[serde(default)]
    pub group: String,
}

#[derive(Debug, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub email: String,
}

/// A role from its form fields (`coordinator` with a party, `co_chair`
/// with a party and a group, `member` with a group, or a plain role).
pub fn parse_role(role: &str, party: &str, group: &str) -> Result<Role, WebError> {
    let party = party.trim();
    let group = group.trim();
    let need = |what: &str, value: &str| {
        if value.is_empty() {
            Err(WebError::bad_request(
                "invalid",
                format!("the role {role} needs a {what}"),
            ))
        } else {
            Ok(())
        }
    };
    Ok(match role.trim() {
        "coordinator" => {
            need("party", party)?;
            Role::Coordinator {
                party: PartyCode::new(party),
            }
        }
        "co_chair" => {
            need("party", party)?;
            need("working group", group)?;
            Role::CoChair {
                group: GroupId::new(group),
                party: PartyCode::new(party),
            }
        }
        "member" => {
            need("working group", group)?;
            Role::Member {
                group: GroupId::new(group),
            }
        }
        "partner" => Role::Partner,
        "auditor" => Role::Auditor,
        "administrator" => Role::Administrator,
        other => {
            return Err(WebError::bad_request(
                "invalid",
                format!(
                    "{other:?} is not a role: coordinator, co_chair, member, partner, auditor or administrator"
                ),
            ));
        }
    })
}

fn role_row(role: &Role) -> RoleRow {
    let (name, party, group) = match role {
        Role::Coordinator { party } => ("coordinator", party.to_string(), String::new()),
        Role::CoChair { group, party } => ("co_chair", party.to_string(), group.to_string()),
        Role::Member { group } => ("member", String::new(), group.to_string()),
        Role::Partner => ("partner", String::new(), String::new()),
        Role::Auditor => ("auditor", String::new(), String::new()),
        Role::Administrator => ("administrator", String::new(), String::new()),
    };
    let text = [name, party.as_str(), group.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    RoleRow {
        text,
        role: name,
        party,
        group,
    }
}

/// The refusal of anyone but an administrator.
fn not_administrator(person: &PersonId) -> AuthError {
    AuthError::Forbidden(format!("{person} is not an administrator of this instance"))
}

/// Refuses anyone but an administrator.
fn require_administrator(state: &AppState, identity: &Identity) -> Result<(), AuthError> {
    if state.app.is_administrator(&identity.person) {
        Ok(())
    } else {
        Err(not_administrator(&identity.person))
    }
}

#[allow(clippy::too_many_arguments)]
async fn admin_page(
    state: &AppState,
    auth: &Auth,
    identity: &Identity,
    lang: Lang,
    uri: &Uri,
    csrf: String,
    done: Option<String>,
    invitation_link: Option<String>,
    refusal: Option<Refusal>,
) -> Result<Response, WebError> {
    let Some(administration) = state.app.administration(&identity.person) else {
        return Ok(not_administrator(&identity.person).into_response());
    };
    let logins = auth.call(|a, _| a.logins()).await.unwrap_or_default();
    let organisations = administration
        .organisations
        .into_iter()
        .map(|o| OrganisationRow {
            id: o.id.to_string(),
            name: o.name,
            party: o
                .party
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        })
        .collect();
    let people = administration
        .people
        .into_iter()
        .map(|p| PersonRow {
            login: logins
                .iter()
                .find(|l| l.person == p.person.id.as_str())
                .map(|l| l.email.clone())
                .unwrap_or_default(),
            id: p.person.id.to_string(),
            name: p.person.name,
            organisation: p.person.organisation.to_string(),
            roles: p.roles.iter().map(role_row).collect(),
        })
        .collect();
    let parties = administration
        .parties
        .iter()
        .map(ToString::to_string)
        .collect();
    let groups = administration
        .groups
        .iter()
        .map(ToString::to_string)
        .collect();
    let tr = lang.tr();
    Ok(render(&AdminPage {
        page: Layout::new(lang, uri, tr.t("admin-title"), Section::Admin),
        csrf,
        organisations,
        people,
        parties,
        groups,
        done: done
            .filter(|d| ["organisation", "person", "granted", "revoked"].contains(&d.as_str()))
            .map(|d| tr.t(&format!("admin-done-{d}"))),
        invitation_link,
        refusal,
        downloads: exports::links(true, &[Format::Popolo], tr),
    })?
    .into_response())
}

pub async fn page(
    State(state): State<AppState>,
    auth: Auth,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Query(query): Query<DoneQuery>,
) -> Result<Response, WebError> {
    if let Err(refused) = require_administrator(&state, &identity) {
        return Ok(refused.into_response());
    }
    admin_page(
        &state, &auth, &identity, lang, &uri, csrf, query.done, None, None,
    )
    .await
}

/// Records an administrator's command, then goes back to the page.
async fn administer(
    state: AppState,
    auth: Auth,
    lang: Lang,
    csrf: String,
    identity: Identity,
    command: Result<Command, WebError>,
    done: &str,
) -> Result<Response, WebError> {
    if let Err(refused) = require_administrator(&state, &identity) {
        return Ok(refused.into_response());
    }
    let recorded = match command {
        Ok(command) => state.execute(identity.actor(), command).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match recorded {
        Ok(()) => Ok(see_other(&format!("/admin?done={done}"), Vec::new())),
        Err(error) => {
            let shown = refusal(error)?;
            let uri = Uri::from_static("/admin");
            admin_page(
                &state,
                &auth,
                &identity,
                lang,
                &uri,
                csrf,
                None,
                None,
                Some(shown),
            )
            .await
        }
    }
}

pub async fn register_organisation(
    State(state): State<AppState>,
    auth: Auth,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Form(form): Form<OrganisationForm>,
) -> Result<Response, WebError> {
    let kind = match form.kind.as_str() {
        "government" => Ok(OrganisationKind::Government),
        "private_company" => Ok(OrganisationKind::PrivateCompany),
        "international" => Ok(OrganisationKind::International),
        "civil_society" => Ok(OrganisationKind::CivilSociety),
        other => Err(WebError::bad_request(
            "invalid",
            format!("{other:?} is not a kind of organisation"),
        )),
    };
    let party = Some(form.party.trim())
        .filter(|p| !p.is_empty())
        .map(PartyCode::new);
    let command = kind.map(|kind| Command::RegisterOrganisation {
        organisation: Organisation {
            id: OrganisationId::new(form.id.trim()),
            name: form.name.trim().to_owned(),
            kind,
            party,
        },
    });
    administer(state, auth, lang, csrf, identity, command, "organisation").await
}

pub async fn register_person(
    State(state): State<AppState>,
    auth: Auth,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Form(form): Form<PersonForm>,
) -> Result<Response, WebError> {
    let command = Ok(Command::RegisterPerson {
        person: Person {
            id: PersonId::new(form.id.trim()),
            name: form.name.trim().to_owned(),
            organisation: OrganisationId::new(form.organisation.trim()),
        },
    });
    administer(state, auth, lang, csrf, identity, command, "person").await
}

pub async fn grant_role(
    State(state): State<AppState>,
    auth: Auth,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Form(form): Form<RoleForm>,
) -> Result<Response, WebError> {
    let command = parse_role(&form.role, &form.party, &form.group).map(|role| Command::GrantRole {
        person: PersonId::new(form.person.trim()),
        role,
    });
    administer(state, auth, lang, csrf, identity, command, "granted").await
}

pub async fn revoke_role(
    State(state): State<AppState>,
    auth: Auth,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Form(form): Form<RoleForm>,
) -> Result<Response, WebError> {
    let command =
        parse_role(&form.role, &form.party, &form.group).map(|role| Command::RevokeRole {
            person: PersonId::new(form.person.trim()),
            role,
        });
    administer(state, auth, lang, csrf, identity, command, "revoked").await
}

#[allow(clippy::too_many_arguments)]
pub async fn invite(
    State(state): State<AppState>,
    auth: Auth,
    lang: Lang,
    tls: OverTls,
    headers: HeaderMap,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Form(form): Form<InviteForm>,
) -> Result<Response, WebError> {
    if let Err(refused) = require_administrator(&state, &identity) {
        return Ok(refused.into_response());
    }
    let person = PersonId::new(form.person.trim());
    let uri = Uri::from_static("/admin");
    if !state.app.is_registered(&person) {
        let shown = Refusal {
            code: "not_found".to_owned(),
            message: format!("person {person} does not exist"),
        };
        return admin_page(
            &state,
            &auth,
            &identity,
            lang,
            &uri,
            csrf,
            None,
            None,
            Some(shown),
        )
        .await;
    }
    let email = form.email;
    let who = person.to_string();
    let issued = auth
        .call(move |a, now| {
            let email = match a.email_of(&who)? {
                Some(existing) => existing,
                None => a.create_login(&email, &who, None, now)?,
            };
            a.issue_link(
                &Link {
                    purpose: Purpose::Invitation,
                    person: Some(who),
                    email: Some(email),
                },
                now,
            )
        })
        .await;
    match issued {
        Ok(token) => {
            let origin = site_origin(&headers, tls)
                .unwrap_or_else(|| format!("{}://localhost", if tls.0 { "https" } else { "http" }));
            let link = format!("{origin}/invitation/{token}");
            admin_page(
                &state,
                &auth,
                &identity,
                lang,
                &uri,
                csrf,
                None,
                Some(link),
                None,
            )
            .await
        }
        Err(error) => {
            let shown = refusal(error)?;
            admin_page(
                &state,
                &auth,
                &identity,
                lang,
                &uri,
                csrf,
                None,
                None,
                Some(shown),
            )
            .await
        }
    }
}
