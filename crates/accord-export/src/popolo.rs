//! Organisations, people, posts and memberships as Popolo JSON
//! (`{"organizations": […], "persons": […], "posts": […], "memberships": […]}`).
//!
//! - **Organizations**: the parties (`classification` "party"), the working
//!   groups ("working group", or "dialogue platform"), and the registered
//!   organisations: a government body ("government", its `parent_id` the
//!   party it belongs to), a company ("company"), an international
//!   organisation ("international organization"), a civil-society body
//!   ("civil society").
//! - **Posts**: each party's coordinator (of the party), and each working
//!   group's co-chair for each party (of the group). Posts exist whether or
//!   not someone holds them.
//! - **Memberships**: who holds a post (`post_id`, `role`, and
//!   `on_behalf_of_id` the party), who is a member of a working group
//!   (`on_behalf_of_id` the party of their organisation, if any), and
//!   whom each person works for.
//!
//! Ids are prefixed by kind (`party:AZ`, `group:energy`,
//! `organization:az-mfa`, `person:…`, `post:coordinator:AZ`,
//! `post:co-chair:energy:AZ`), so that no two kinds collide.
//!
//! Visibility: organisations as the viewer may know of them (every one for
//! those who see everything; otherwise the governments' bodies and the
//! organisations of the projects the viewer sees). People's names follow
//! the rule the rest of the application keeps: only participants (people
//! with a role or of a government, and the operator) see people, so the
//! public's file has organisations and posts but no persons and no
//! memberships. Coordinators and co-chairs are public figures, but their
//! names are the parties' to publish, not this record's: the public portal
//! does not show them either, and an export must not show more than it.

use std::collections::BTreeSet;
use std::io::Write;

use accord_domain::ids::{GroupId, OrganisationId, PartyCode, PersonId};
use accord_domain::model::{OrganisationKind, Role};
use accord_domain::visibility::is_participant;
use serde::Serialize;

use crate::seen::{group_name, party_name, visible_organisations};
use crate::stream::JsonObject;
use crate::{ExportError, ExportScope};

#[derive(Debug, Serialize)]
struct Organization<'a> {
    id: String,
    name: &'a str,
    classification: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_id: Option<String>,
}

#[derive(Debug, Serialize)]
struct PopoloPerson<'a> {
    id: String,
    name: &'a str,
}

#[derive(Debug, Serialize)]
struct Post {
    id: String,
    label: String,
    role: &'static str,
    organization_id: String,
}

#[derive(Debug, Serialize)]
struct Membership {
    id: String,
    person_id: String,
    organization_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    post_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    on_behalf_of_id: Option<String>,
}

fn party_id(code: &PartyCode) -> String {
    format!("party:{code}")
}

fn group_id(group: &GroupId) -> String {
    format!("group:{group}")
}

fn organization_id(id: &OrganisationId) -> String {
    format!("organization:{id}")
}

fn person_id(id: &PersonId) -> String {
    format!("person:{id}")
}

fn coordinator_post(party: &PartyCode) -> String {
    format!("post:coordinator:{party}")
}

fn co_chair_post(group: &GroupId, party: &PartyCode) -> String {
    format!("post:co-chair:{group}:{party}")
}

/// Writes the Popolo document of what `scope.viewer` may see.
pub fn write(scope: &ExportScope<'_>, out: &mut dyn Write) -> Result<(), ExportError> {
    let state = scope.state;
    let charter = state.charter.as_ref().ok_or(ExportError::NoCharter)?;
    let parties: Vec<&PartyCode> = charter.parties.iter().map(|p| &p.code).collect();
    let organisations = visible_organisations(state, scope.viewer);
    let people = is_participant(state, scope.viewer);

    let mut json = JsonObject::begin(out)?;

    json.array(
        "organizations",
        parties
            .iter()
            .map(|p| Organization {
                id: party_id(p),
                name: party_name(state, p),
                classification: "party",
                parent_id: None,
            })
            .chain(state.groups.values().map(|g| Organization {
                id: group_id(&g.spec.id),
                name: group_name(state, &g.spec.id),
                classification: if g.dialogue_platform {
                    "dialogue platform"
                } else {
                    "working group"
                },
                parent_id: None,
            }))
            .chain(
                organisations
                    .iter()
                    .filter_map(|id| state.organisations.get(id))
                    .map(|o| Organization {
                        id: organization_id(&o.id),
                        name: &o.name,
                        classification: match o.kind {
                            OrganisationKind::Government => "government",
                            OrganisationKind::PrivateCompany => "company",
                            OrganisationKind::International => "international organization",
                            OrganisationKind::CivilSociety => "civil society",
                        },
                        parent_id: o.party.as_ref().map(party_id),
                    }),
            ),
    )?;

    let persons = state.persons.values().filter(|_| people);
    json.array(
        "persons",
        persons.map(|p| PopoloPerson {
            id: person_id(&p.id),
            name: &p.name,
        }),
    )?;

    let groups: Vec<_> = state
        .groups
        .values()
        .filter(|g| !g.dialogue_platform)
        .collect();
    json.array(
        "posts",
        parties
            .iter()
            .map(|p| Post {
                id: coordinator_post(p),
                label: format!("Coordinator for {}", party_name(state, p)),
                role: "coordinator",
                organization_id: party_id(p),
            })
            .chain(groups.iter().flat_map(|g| {
                parties.iter().map(move |p| Post {
                    id: co_chair_post(&g.spec.id, p),
                    label: format!(
                        "Co-chair of {} for {}",
                        group_name(state, &g.spec.id),
                        party_name(state, p)
                    ),
                    role: "co-chair",
                    organization_id: group_id(&g.spec.id),
                })
            })),
    )?;

    let known_parties: BTreeSet<&PartyCode> = parties.iter().copied().collect();
    let known_parties = &known_parties;
    let memberships = state
        .persons
        .values()
        .filter(|_| people)
        .flat_map(|person| {
            let own_party = state
                .organisations
                .get(&person.organisation)
                .and_then(|o| o.party.clone())
                .filter(|p| known_parties.contains(p));
            let works_for = organisations
                .contains(&person.organisation)
                .then(|| Membership {
                    id: format!("membership:{}:organization", person.id),
                    person_id: person_id(&person.id),
                    organization_id: organization_id(&person.organisation),
                    post_id: None,
                    role: None,
                    on_behalf_of_id: None,
                });
            let roles = state
                .roles_of(&person.id)
                .filter_map(move |role| match role {
                    Role::Coordinator { party } if known_parties.contains(party) => {
                        Some(Membership {
                            id: format!("membership:{}:coordinator:{party}", person.id),
                            person_id: person_id(&person.id),
                            organization_id: party_id(party),
                            post_id: Some(coordinator_post(party)),
                            role: Some("coordinator"),
                            on_behalf_of_id: Some(party_id(party)),
                        })
                    }
                    Role::CoChair { group, party }
                        if state.groups.contains_key(group) && known_parties.contains(party) =>
                    {
                        Some(Membership {
                            id: format!("membership:{}:co-chair:{group}:{party}", person.id),
                            person_id: person_id(&person.id),
                            organization_id: group_id(group),
                            post_id: Some(co_chair_post(group, party)),
                            role: Some("co-chair"),
                            on_behalf_of_id: Some(party_id(party)),
                        })
                    }
                    Role::Member { group } if state.groups.contains_key(group) => {
                        Some(Membership {
                            id: format!("membership:{}:member:{group}", person.id),
                            person_id: person_id(&person.id),
                            organization_id: group_id(group),
                            post_id: None,
                            role: Some("member"),
                            on_behalf_of_id: own_party.as_ref().map(party_id),
                        })
                    }
                    _ => None,
                });
            works_for.into_iter().chain(roles)
        });
    json.array("memberships", memberships)?;
    json.end()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;
    use accord_domain::visibility::Viewer;
    use serde_json::Value;

    fn document(viewer: &Viewer) -> Value {
        let state = fixture::state();
        serde_json::from_str(&fixture::export(&state, viewer, write)).unwrap()
    }

    fn ids(document: &Value, key: &str) -> Vec<String> {
        document[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn parties_groups_and_bodies_are_organizations() {
        let doc = document(&Viewer::Operator);
        let organizations = doc["organizations"].as_array().unwrap();
        let find = |id: &str| organizations.iter().find(|o| o["id"] == id).unwrap();
        assert_eq!(find("party:AZ")["classification"], "party");
        assert_eq!(find("party:AZ")["name"], "Azerbaïdjan");
        assert_eq!(find("group:energy")["classification"], "working group");
        assert_eq!(find("organization:az-mfa")["parent_id"], "party:AZ");
        assert_eq!(find("organization:socar")["classification"], "company");
        assert!(find("organization:socar").get("parent_id").is_none());
        assert_eq!(
            ids(&doc, "posts"),
            [
                "post:coordinator:AZ",
                "post:coordinator:US",
                "post:co-chair:energy:AZ",
                "post:co-chair:energy:US"
            ]
        );
    }

    #[test]
    fn memberships_hold_posts_on_behalf_of_a_party() {
        let doc = document(&Viewer::Operator);
        let memberships = doc["memberships"].as_array().unwrap();
        let coordinator = memberships
            .iter()
            .find(|m| m["post_id"] == "post:coordinator:AZ")
            .unwrap();
        assert_eq!(coordinator["person_id"], "person:az-coord");
        assert_eq!(coordinator["on_behalf_of_id"], "party:AZ");
        assert_eq!(coordinator["role"], "coordinator");
        let member = memberships.iter().find(|m| m["role"] == "member").unwrap();
        assert_eq!(member["organization_id"], "group:energy");
        assert_eq!(member["on_behalf_of_id"], "party:US");
        // Every reference points at something in the document.
        let mut known = ids(&doc, "organizations");
        known.extend(ids(&doc, "persons"));
        known.extend(ids(&doc, "posts"));
        for m in memberships {
            for key in ["person_id", "organization_id", "post_id", "on_behalf_of_id"] {
                if let Some(id) = m[key].as_str() {
                    assert!(known.iter().any(|k| k == id), "{key} {id}");
                }
            }
        }
    }

    #[test]
    fn the_public_sees_no_names_and_no_hidden_partner() {
        let doc = document(&Viewer::Public);
        assert!(doc["persons"].as_array().unwrap().is_empty());
        assert!(doc["memberships"].as_array().unwrap().is_empty());
        assert_eq!(doc["posts"].as_array().unwrap().len(), 4);
        let organizations = ids(&doc, "organizations");
        assert!(organizations.contains(&"organization:az-mfa".to_owned()));
        // SOCAR takes part in the restricted project only.
        assert!(!organizations.contains(&"organization:socar".to_owned()));
        let outsider = document(&Viewer::Person("outsider".into()));
        assert_eq!(outsider["persons"].as_array().unwrap().len(), 4);
        assert!(!ids(&outsider, "organizations").contains(&"organization:socar".to_owned()));
        let member = document(&Viewer::Person("en-member".into()));
        assert!(ids(&member, "organizations").contains(&"organization:socar".to_owned()));
    }
}
