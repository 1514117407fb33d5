//! Search finds what the viewer may see, ignoring case and accents, and
//! nothing else: not by title, not in the counts.

use accord_app::App;
use accord_app::search::{HitKind, MAX_QUERY_CHARS, SearchResults};
use accord_domain::command::{Actor, Command};
use accord_domain::ids::PersonId;
use accord_domain::model::*;
use accord_domain::visibility::Viewer;
use accord_store::SqliteStore;

use crate::support::{Instance, now};

const RESTRICTED_TITLE: &str = "Grid protection plan";

fn person(id: &str) -> Viewer {
    Viewer::Person(PersonId::new(id))
}

/// Two governments, a company with an accented name, people in roles, a
/// restricted energy project (with SOCAR) and public ones.
fn world() -> (Instance, App<SqliteStore>) {
    let instance = Instance::new();
    let app = instance.open().unwrap();
    let system = |command| app.execute(&Actor::System, command, now()).unwrap();
    for (id, name, kind, party) in [
        (
            "az-mfa",
            "Ministry of Foreign Affairs",
            OrganisationKind::Government,
            Some("AZ"),
        ),
        (
            "us-dos",
            "Department of State",
            OrganisationKind::Government,
            Some("US"),
        ),
        ("socar", "SOCAR", OrganisationKind::PrivateCompany, None),
        (
            "sg",
            "Société Générale",
            OrganisationKind::PrivateCompany,
            None,
        ),
    ] {
        system(Command::RegisterOrganisation {
            organisation: Organisation {
                id: id.into(),
                name: name.into(),
                kind,
                party: party.map(Into::into),
            },
        });
    }
    for (id, name, organisation, role) in [
        (
            "az-coord",
            "Leyla Əliyeva",
            "az-mfa",
            Some(Role::Coordinator { party: "AZ".into() }),
        ),
        (
            "energy-member",
            "Energy Member",
            "us-dos",
            Some(Role::Member {
                group: "energy".into(),
            }),
        ),
        (
            "other-member",
            "Other Member",
            "sg",
            Some(Role::Member {
                group: "connectivity".into(),
            }),
        ),
        ("sg-partner", "Partner of SG", "sg", Some(Role::Partner)),
    ] {
        system(Command::RegisterPerson {
            person: Person {
                id: id.into(),
                name: name.into(),
                organisation: organisation.into(),
            },
        });
        if let Some(role) = role {
            system(Command::GrantRole {
                person: id.into(),
                role,
            });
        }
    }
    let mut projects = vec![(
        "grid-secret".to_owned(),
        RESTRICTED_TITLE.to_owned(),
        Classification::Restricted,
        vec!["socar".into()],
    )];
    for n in 0..7 {
        projects.push((
            format!("solar-{n}"),
            format!("Solar plant {n}"),
            Classification::Public,
            vec!["sg".into()],
        ));
    }
    for (id, title, classification, partners) in projects {
        app.execute(
            &Actor::Person(PersonId::new("az-coord")),
            Command::ProposeProject {
                project: id.as_str().into(),
                spec: ProjectSpec {
                    group: "energy".into(),
                    title: accord_domain::texts::single("en", title),
                    description: Default::default(),
                    provisions: vec!["I.1".into()],
                    lead_party: "AZ".into(),
                    lead_organisations: vec!["az-mfa".into()],
                    partners,
                    start: None,
                    end: None,
                    investment: None,
                    classification,
                },
            },
            now(),
        )
        .unwrap();
    }
    (instance, app)
}

fn ids(results: &SearchResults, kind: HitKind) -> Vec<String> {
    results
        .of(kind)
        .map(|k| k.hits.iter().map(|h| h.id.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn case_and_accents_are_ignored() {
    let (_instance, app) = world();
    let found = app.search(&Viewer::Operator, "societe", 50).unwrap();
    assert_eq!(ids(&found, HitKind::Organisation), ["sg"]);
    let found = app.search(&Viewer::Operator, "SOCIÉTÉ gén", 50).unwrap();
    assert_eq!(ids(&found, HitKind::Organisation), ["sg"]);
    // Əliyeva is written Aliyeva in Latin transliteration.
    let found = app.search(&Viewer::Operator, "aliyeva", 50).unwrap();
    assert_eq!(ids(&found, HitKind::Person), ["az-coord"]);
    let found = app.search(&Viewer::Operator, "ƏLİYEVA", 50).unwrap();
    assert_eq!(ids(&found, HitKind::Person), ["az-coord"]);
    let hit = &found.of(HitKind::Person).unwrap().hits[0];
    assert_eq!(hit.snippet, "Leyla Əliyeva");
}

#[test]
fn every_term_must_match() {
    let (_instance, app) = world();
    let found = app.search(&Viewer::Operator, "solar 3", 50).unwrap();
    assert_eq!(ids(&found, HitKind::Project), ["solar-3"]);
    let found = app.search(&Viewer::Operator, "solar moon", 50).unwrap();
    assert_eq!(found.total(), 0);
}

#[test]
fn lists_are_capped_and_totals_are_whole() {
    let (_instance, app) = world();
    let found = app.search(&Viewer::Public, "solar", 50).unwrap();
    // Proposed public projects are not the public's yet.
    assert_eq!(found.of(HitKind::Project), None);
    let found = app.search(&person("energy-member"), "solar", 3).unwrap();
    let projects = found.of(HitKind::Project).unwrap();
    assert_eq!(projects.total, 7);
    assert_eq!(projects.hits.len(), 3);
    assert_eq!(
        ids(&found, HitKind::Project),
        ["solar-0", "solar-1", "solar-2"]
    );
}

#[test]
fn an_empty_query_finds_nothing_and_a_long_one_is_refused() {
    let (_instance, app) = world();
    assert_eq!(
        app.search(&Viewer::Operator, " \t ", 50).unwrap().total(),
        0
    );
    let long = "a".repeat(MAX_QUERY_CHARS + 1);
    let error = app.search(&Viewer::Operator, &long, 50).unwrap_err();
    assert_eq!(error.code(), "query_too_long");
}

#[test]
fn the_restricted_project_is_found_only_by_those_who_may_see_it() {
    let (_instance, app) = world();
    for (viewer, sees) in [
        (Viewer::Public, false),
        (person("sg-partner"), false),
        (person("other-member"), false),
        (person("energy-member"), true),
        (person("az-coord"), true),
        (Viewer::Operator, true),
    ] {
        let found = app.search(&viewer, "protection PLAN", 50).unwrap();
        let projects = ids(&found, HitKind::Project);
        if sees {
            assert_eq!(projects, ["grid-secret"], "{viewer:?}");
        } else {
            assert_eq!(found.total(), 0, "{viewer:?}: {found:?}");
        }
    }
}

#[test]
fn people_and_organisations_are_for_participants() {
    let (_instance, app) = world();
    let public = app.search(&Viewer::Public, "member", 50).unwrap();
    assert!(public.of(HitKind::Person).is_none());
    let public = app.search(&Viewer::Public, "socar", 50).unwrap();
    assert!(public.of(HitKind::Organisation).is_none());
    let member = app.search(&person("energy-member"), "member", 50).unwrap();
    assert_eq!(
        ids(&member, HitKind::Person),
        ["energy-member", "other-member"]
    );
}

#[test]
fn provisions_and_groups_are_found_by_id_and_text() {
    let (_instance, app) = world();
    let found = app.search(&Viewer::Public, "i.3", 50).unwrap();
    assert_eq!(ids(&found, HitKind::Provision), ["I.3"]);
    let found = app.search(&Viewer::Public, "CONNECT", 50).unwrap();
    assert_eq!(ids(&found, HitKind::WorkingGroup), ["connectivity"]);
}
