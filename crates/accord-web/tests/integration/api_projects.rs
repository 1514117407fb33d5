//! A project's life through the JSON API, as a working group's people
//! carry it out: proposed in Azerbaijani and English citing two
//! provisions, amended at once while only proposed, agreed by both
//! parties, its end date changed by a proposal of the U.S. co-chair that
//! the Azerbaijani co-chair approves, started, a milestone completed and
//! another moved, an indicator defined and measured (by a partner
//! company too), completed; its history read from the log with each
//! step's log index. Bad input is refused naming the field, nothing
//! recorded; a restricted project is not found by those who may not see
//! it, whatever they ask of it.

use accord_domain::command::{Actor, Command};
use accord_domain::event::{ProposalContent, content_hash};
use accord_domain::ids::PersonId;
use accord_domain::model::{DatedValue, Direction, IndicatorSpec, MilestoneSpec, Person, Role};
use accord_store::accounts::Scope;
use axum::http::StatusCode;
use jiff::civil::date;
use serde_json::{Value, json};

use crate::accounts::WithAccounts;
use crate::api_agreement::{call, code, token};
use crate::support::Answer;

/// The energy group's U.S. co-chair, a member of the trade group, and
/// SOCAR's partner, on top of the support world.
pub(crate) fn world() -> WithAccounts {
    let world = WithAccounts::new();
    let at: jiff::Timestamp = "2026-03-01T10:00:00Z".parse().unwrap();
    let mut commands = Vec::new();
    for (id, organisation, role) in [
        (
            "us-energy",
            "us-dos",
            Role::CoChair {
                group: "energy".into(),
                party: "US".into(),
            },
        ),
        (
            "us-trade",
            "us-dos",
            Role::Member {
                group: "economy-trade".into(),
            },
        ),
        ("socar-partner", "socar", Role::Partner),
    ] {
        commands.push(Command::RegisterPerson {
            person: Person {
                id: id.into(),
                name: id.into(),
                organisation: organisation.into(),
            },
        });
        commands.push(Command::GrantRole {
            person: id.into(),
            role,
        });
    }
    crate::support::off_runtime(|| world.instance.app.execute_all(&Actor::System, commands, at))
        .unwrap();
    // The energy group's roadmap: a step of each of its projects.
    let roadmap = ProposalContent::Roadmap {
        group: "energy".into(),
        milestones: vec![
            milestone("tripp-build", "tripp-power", date(2027, 3, 1)),
            milestone("grid-audit", "grid-secret", date(2027, 1, 15)),
        ],
    };
    let hash = content_hash(&roadmap);
    let at: jiff::Timestamp = "2026-04-20T10:00:00Z".parse().unwrap();
    for (who, commands) in [
        (
            "az-coord",
            vec![
                Command::Propose {
                    proposal: "energy-roadmap".into(),
                    content: roadmap,
                },
                Command::Approve {
                    proposal: "energy-roadmap".into(),
                    content_hash: hash.clone(),
                },
            ],
        ),
        (
            "us-coord",
            vec![Command::Approve {
                proposal: "energy-roadmap".into(),
                content_hash: hash.clone(),
            }],
        ),
    ] {
        let actor = Actor::Person(PersonId::new(who));
        crate::support::off_runtime(|| world.instance.app.execute_all(&actor, commands, at))
            .unwrap();
    }
    // An indicator of the public project.
    let indicator = Command::DefineIndicator {
        indicator: IndicatorSpec {
            id: "tripp-capacity".into(),
            project: "tripp-power".into(),
            name: accord_domain::texts::single("en", "Transmission capacity"),
            unit: "MW".into(),
            direction: Direction::HigherIsBetter,
            baseline: DatedValue {
                value: "0".into(),
                date: date(2026, 4, 1),
            },
            target: DatedValue {
                value: "500".into(),
                date: date(2028, 12, 31),
            },
        },
    };
    let actor = Actor::Person(PersonId::new("az-energy"));
    crate::support::off_runtime(|| world.instance.app.execute(&actor, indicator, at)).unwrap();
    world
}

fn milestone(id: &str, project: &str, due: jiff::civil::Date) -> MilestoneSpec {
    MilestoneSpec {
        id: id.into(),
        title: accord_domain::texts::single("en", format!("Milestone {id}")),
        project: Some(project.into()),
        due,
        depends_on: Vec::new(),
    }
}

async fn post(world: &WithAccounts, who: &str, uri: &str, body: Value) -> Answer {
    let bearer = token(world, who, Scope::Write);
    call(
        world,
        "POST",
        uri,
        &[("authorization", &bearer)],
        Some(body),
    )
    .await
}

async fn get(world: &WithAccounts, who: Option<&str>, uri: &str) -> Answer {
    match who {
        Some(who) => {
            let bearer = token(world, who, Scope::Read);
            call(world, "GET", uri, &[("authorization", &bearer)], None).await
        }
        None => call(world, "GET", uri, &[], None).await,
    }
}

fn created(answer: &Answer) -> Value {
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    answer.json()
}

async fn approve(world: &WithAccounts, who: &str, proposal: &Value) -> Answer {
    let id = proposal["id"].as_str().unwrap();
    post(
        world,
        who,
        &format!("/api/v1/proposals/{id}/approve"),
        json!({"content_hash": proposal["content_hash"]}),
    )
    .await
}

fn plant() -> Value {
    json!({
        "group": "energy",
        "title": {"az": "Günəş elektrik stansiyası", "en": "Solar power plant"},
        "description": {"en": "A 230 MW plant near Bilasuvar"},
        "provisions": ["I.1", "II.4"],
        "lead_party": "AZ",
        "lead_organisations": ["az-mfa"],
        "partners": ["socar"],
        "start": "2026-12-01",
        "end": "2028-12-31",
        "investment": {"amount": "1250000.00", "currency": "USD", "public_share_percent": 40},
        "classification": "public"
    })
}

#[tokio::test]
async fn a_project_goes_from_its_proposal_to_its_results_and_its_history_shows_each_step() {
    let world = world();
    let proposed = created(&post(&world, "az-energy", "/api/v1/projects", plant()).await);
    assert_eq!(proposed["id"], "solar-power-plant");
    let first_index = proposed["log_index"].as_u64().unwrap();
    let project = "/api/v1/projects/solar-power-plant";

    // Only proposed: an amendment applies at once.
    let amended = created(
        &post(
            &world,
            "az-energy",
            &format!("{project}/amendments"),
            json!({"description": {"en": "A 230 MW plant near Bilasuvar", "az": "Biləsuvar yaxınlığında 230 MVt-lıq stansiya"}}),
        )
        .await,
    );
    assert_eq!(amended["id"], "solar-power-plant");
    assert_eq!(amended["proposal"], Value::Null);
    let detail = get(&world, Some("us-coord"), project).await.json();
    assert_eq!(
        detail["project"]["title"]["az"],
        "Günəş elektrik stansiyası"
    );
    assert_eq!(
        detail["project"]["description"]["az"],
        "Biləsuvar yaxınlığında 230 MVt-lıq stansiya"
    );
    assert_eq!(detail["project"]["investment"]["amount_minor"], 125_000_000);
    assert_eq!(detail["project"]["status"], "proposed");

    // Both parties agree the group's list with it, and its roadmap.
    let list = created(
        &post(
            &world,
            "az-coord",
            "/api/v1/groups/energy/proposals",
            json!({"projects": ["solar-power-plant"], "approve": true}),
        )
        .await,
    );
    assert_eq!(
        approve(&world, "us-coord", &list).await.status,
        StatusCode::OK
    );
    let roadmap = created(
        &post(
            &world,
            "az-coord",
            "/api/v1/groups/energy/proposals",
            json!({"milestones": [
                {"id": "plant-design", "title": {"az": "Layihə təsdiqləndi", "en": "Design approved"}, "due": "2027-03-01", "project": "solar-power-plant"},
                {"id": "plant-build", "title": "Plant built", "due": "2028-06-01", "project": "solar-power-plant", "depends_on": ["plant-design"]}
            ], "approve": true}),
        )
        .await,
    );
    assert_eq!(
        approve(&world, "us-coord", &roadmap).await.status,
        StatusCode::OK
    );
    let detail = get(&world, Some("us-coord"), project).await.json();
    assert_eq!(detail["project"]["status"], "agreed");
    // A milestone's title comes back in each language it was given in, one
    // given as a plain string as of an undetermined language.
    let titles: Vec<&serde_json::Value> = detail["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["title"])
        .collect();
    assert_eq!(
        titles,
        [
            &json!({"az": "Layihə təsdiqləndi", "en": "Design approved"}),
            &json!({"und": "Plant built"})
        ]
    );
    let roadmap_answer = get(&world, Some("us-coord"), "/api/v1/groups/energy/roadmap")
        .await
        .json();
    assert_eq!(
        roadmap_answer["milestones"][0]["title"]["az"],
        "Layihə təsdiqləndi"
    );

    // Agreed: the U.S. co-chair proposes a new end date; the agreed one stands.
    let change = created(
        &post(
            &world,
            "us-energy",
            &format!("{project}/amendments"),
            json!({"end": "2029-06-30"}),
        )
        .await,
    );
    // The answer is the proposal, as the approvals list shows it.
    let proposal = change.clone();
    assert!(proposal["content_hash"].is_string(), "{change}");
    assert_eq!(proposal["kind"], "project_amendment", "{change}");
    assert_eq!(proposal["my_party"], "US");
    assert_eq!(proposal["content"]["spec"]["end"], "2029-06-30");
    assert_eq!(proposal["parties"][1]["state"], "approved", "{proposal}");
    assert_eq!(proposal["parties"][0]["state"], "waiting", "{proposal}");
    let detail = get(&world, Some("us-coord"), project).await.json();
    assert_eq!(
        detail["project"]["end"], "2028-12-31",
        "the agreed version stands"
    );
    // Someone who signs for no party in the group may not propose a change.
    let member = post(
        &world,
        "us-trade",
        &format!("{project}/amendments"),
        json!({"end": "2030-01-01"}),
    )
    .await;
    assert_eq!(member.status, StatusCode::FORBIDDEN, "{}", member.body);
    assert_eq!(code(&member), "not_signatory");
    // A co-chair's second change amends the pending one.
    let second = post(
        &world,
        "us-energy",
        &format!("{project}/amendments"),
        json!({"title": {"en": "Solar plant"}, "approve": false}),
    )
    .await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.body);
    let pending = second.json();
    assert_eq!(pending["id"], proposal["id"], "the same proposal, amended");
    assert_eq!(pending["revision"], 2);
    assert_eq!(pending["content"]["spec"]["end"], "2029-06-30");
    assert_eq!(
        pending["parties"][1]["state"], "waiting",
        "approvals voided"
    );
    // Both approve; the change takes effect.
    assert_eq!(
        approve(&world, "us-energy", &pending).await.status,
        StatusCode::OK
    );
    let adopted = approve(&world, "az-energy", &pending).await;
    assert_eq!(adopted.status, StatusCode::OK, "{}", adopted.body);
    let detail = get(&world, Some("us-coord"), project).await.json();
    assert_eq!(detail["project"]["end"], "2029-06-30");
    assert_eq!(detail["project"]["title"], json!({"en": "Solar plant"}));

    // The lead party's co-chair starts it; the other party's may not.
    let other = post(
        &world,
        "us-energy",
        &format!("{project}/status"),
        json!({"status": "in_progress", "reason": "Started"}),
    )
    .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN, "{}", other.body);
    assert_eq!(code(&other), "forbidden");
    created(
        &post(
            &world,
            "az-energy",
            &format!("{project}/status"),
            json!({"status": "in_progress", "reason": "Ground broken on 20 November"}),
        )
        .await,
    );

    // Milestones: one completed with a note, one moved with a reason.
    created(
        &post(
            &world,
            "us-energy",
            "/api/v1/milestones/plant-design/complete",
            json!({"on": "2026-11-25", "note": "Design signed off by both ministries"}),
        )
        .await,
    );
    created(
        &post(
            &world,
            "az-energy",
            "/api/v1/milestones/plant-build/reschedule",
            json!({"due": "2028-09-01", "reason": "Panels delivered late"}),
        )
        .await,
    );
    let detail = get(&world, Some("us-coord"), project).await.json();
    let build = detail["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "plant-build")
        .unwrap();
    assert_eq!(build["days_slipped"], 92, "{build}");

    // An indicator, measured by the group and by the partner company.
    let indicator = created(
        &post(
            &world,
            "az-energy",
            &format!("{project}/indicators"),
            json!({"id": "plant-capacity", "name": {"az": "Quraşdırılmış güc", "en": "Installed capacity"},
                   "unit": "MW", "direction": "higher_is_better",
                   "baseline": {"value": "0", "date": "2026-11-01"},
                   "target": {"value": "230", "date": "2028-12-31"}}),
        )
        .await,
    );
    assert_eq!(indicator["id"], "plant-capacity");
    for (who, value, date) in [
        ("az-energy", "40", "2026-11-20"),
        ("socar-partner", "57.5", "2026-11-26"),
    ] {
        created(
            &post(
                &world,
                who,
                "/api/v1/indicators/plant-capacity/measurements",
                json!({"value": value, "date": date, "source": "Site report", "unit": "MW"}),
            )
            .await,
        );
    }
    let detail = get(&world, Some("us-coord"), project).await.json();
    let measured = &detail["indicators"][0];
    assert_eq!(measured["name"]["az"], "Quraşdırılmış güc");
    assert_eq!(measured["measurements"][1]["value"], "57.5");
    created(
        &post(
            &world,
            "az-coord",
            &format!("{project}/status"),
            json!({"status": "completed", "reason": "Plant commissioned"}),
        )
        .await,
    );

    // The history: every step, in order, each with its index and proof.
    let history = get(&world, Some("us-coord"), &format!("{project}/history")).await;
    assert_eq!(history.status, StatusCode::OK, "{}", history.body);
    let entries = history.json();
    let entries = entries.as_array().unwrap();
    let events: Vec<&str> = entries
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        [
            "ProjectProposed",
            "ProjectAmended",
            "ProposalAdopted",
            "ProposalMade",
            "ApprovalGiven",
            "ProposalAmended",
            "ApprovalsVoided",
            "ApprovalGiven",
            "ApprovalGiven",
            "ProposalAdopted",
            "ProjectStatusChanged",
            "MilestoneCompleted",
            "MilestoneRescheduled",
            "IndicatorDefined",
            "MeasurementRecorded",
            "MeasurementRecorded",
            "ProjectStatusChanged",
        ]
    );
    assert_eq!(entries[0]["log_index"].as_u64(), Some(first_index));
    assert!(
        entries
            .windows(2)
            .all(|w| w[0]["log_index"].as_u64() < w[1]["log_index"].as_u64())
    );
    assert_eq!(entries[0]["actor"], "az-energy");
    assert_eq!(entries[0]["date"], "2026-11-27");
    assert_eq!(entries[11]["actor"], "us-energy");
    assert_eq!(entries[15]["actor"], "socar-partner");
    let last = entries.last().unwrap();
    let proof = last["proof"].as_str().unwrap();
    assert_eq!(proof, format!("/api/v1/record/proof/{}", last["log_index"]));
    assert_eq!(
        get(&world, Some("us-coord"), proof).await.status,
        StatusCode::OK
    );
    // The public sees the public project's history, not who acted.
    let public = get(&world, None, &format!("{project}/history"))
        .await
        .json();
    assert_eq!(public.as_array().unwrap().len(), entries.len());
    assert!(
        public
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["actor"].is_null())
    );
}

#[tokio::test]
async fn bad_input_is_refused_naming_the_field_and_records_nothing() {
    let world = world();
    let size = world.instance.app.size();
    let with = |field: &str, value: Value| {
        let mut body = plant();
        body[field] = value;
        body
    };
    let investment = |amount: &str, currency: &str, share: u32| json!({"amount": amount, "currency": currency, "public_share_percent": share});
    let cases = [
        (
            with("provisions", json!(["XX.9"])),
            422,
            "unknown_provision",
            "XX.9",
        ),
        (
            with("provisions", json!([])),
            422,
            "no_provision",
            "provision",
        ),
        (with("end", json!("2026-11-30")), 422, "invalid", "end"),
        (with("start", json!("2020-01-01")), 422, "invalid", "start"),
        (with("start", json!("2026-02-30")), 400, "invalid", "start"),
        (
            with("investment", investment("-5.00", "USD", 40)),
            422,
            "invalid",
            "amount",
        ),
        (
            with("investment", investment("5000000000000000.00", "USD", 40)),
            422,
            "invalid",
            "amount",
        ),
        (
            with("investment", investment("a lot", "USD", 40)),
            400,
            "invalid",
            "investment.amount",
        ),
        (
            with("investment", investment("100", "XYZ", 40)),
            422,
            "invalid",
            "currency",
        ),
        (
            with("investment", investment("100", "USD", 150)),
            422,
            "invalid",
            "public_share_percent",
        ),
        (
            with("partners", json!(["nobody-inc"])),
            422,
            "invalid",
            "partners",
        ),
        (
            with("lead_organisations", json!(["nobody-inc"])),
            422,
            "invalid",
            "lead_organisations",
        ),
        (with("lead_party", json!("FR")), 422, "unknown_party", "FR"),
        (with("title", json!({})), 422, "invalid", "title"),
        (
            with("title", json!({"en": "<b>Solar</b>"})),
            422,
            "invalid",
            "title",
        ),
        (with("group", json!("space")), 404, "not_found", "space"),
    ];
    for (body, status, expected, names) in cases {
        let answer = post(&world, "az-energy", "/api/v1/projects", body.clone()).await;
        assert_eq!(answer.status.as_u16(), status, "{body}: {}", answer.body);
        assert_eq!(code(&answer), expected, "{body}: {}", answer.body);
        assert!(answer.body.contains(names), "{body}: {}", answer.body);
    }
    let unknown = post(
        &world,
        "az-energy",
        "/api/v1/projects",
        with("budget", json!(5)),
    )
    .await;
    assert!(unknown.status.is_client_error(), "{}", unknown.body);

    // Measurements and indicators of the agreed public project.
    let measurements = "/api/v1/indicators/tripp-capacity/measurements";
    for (body, names) in [
        (
            json!({"value": "lots", "date": "2026-11-20", "source": "x"}),
            "value",
        ),
        (
            json!({"value": "12", "date": "2026-11-20", "source": "x", "unit": "km"}),
            "unit",
        ),
        (
            json!({"value": "12", "date": "2026-12-20", "source": "x"}),
            "date",
        ),
        (
            json!({"value": "12", "date": "2026-11-20", "source": " "}),
            "source",
        ),
    ] {
        let answer = post(&world, "az-energy", measurements, body.clone()).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            answer.body
        );
        assert!(answer.body.contains(names), "{body}: {}", answer.body);
    }
    let indicator = json!({"id": "Jobs Created", "name": {"en": "Jobs"}, "unit": "jobs",
        "direction": "higher_is_better", "baseline": {"value": "0", "date": "2026-06-01"},
        "target": {"value": "500", "date": "2028-12-31"}});
    let answer = post(
        &world,
        "az-energy",
        "/api/v1/projects/tripp-power/indicators",
        indicator,
    )
    .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    assert!(answer.body.contains("id"), "{}", answer.body);
    // A status with no reason, a change of nothing, a milestone in the future.
    let status = post(
        &world,
        "az-energy",
        "/api/v1/projects/tripp-power/status",
        json!({"status": "in_progress", "reason": ""}),
    )
    .await;
    assert!(status.body.contains("reason"), "{}", status.body);
    let nothing = post(
        &world,
        "az-energy",
        "/api/v1/projects/tripp-power/amendments",
        json!({}),
    )
    .await;
    assert_eq!(
        nothing.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        nothing.body
    );
    let future = post(
        &world,
        "az-energy",
        "/api/v1/milestones/tripp-build/complete",
        json!({"on": "2026-12-25"}),
    )
    .await;
    assert!(future.body.contains("\"on"), "{}", future.body);
    let moved = post(
        &world,
        "az-energy",
        "/api/v1/milestones/tripp-build/reschedule",
        json!({"due": "2027-04-01", "reason": ""}),
    )
    .await;
    assert!(moved.body.contains("reason"), "{}", moved.body);
    let bad_status = post(
        &world,
        "az-energy",
        "/api/v1/projects/tripp-power/status",
        json!({"status": "completed", "reason": "Too early"}),
    )
    .await;
    assert_eq!(code(&bad_status), "bad_transition", "{}", bad_status.body);
    assert_eq!(
        world.instance.app.size(),
        size,
        "no refusal recorded anything"
    );
}

#[tokio::test]
async fn a_restricted_project_is_not_found_by_those_who_may_not_see_it_whatever_they_ask() {
    let world = world();
    let size = world.instance.app.size();
    // The restricted project gets an indicator, for its acts to be tried.
    created(
        &post(
            &world,
            "az-energy",
            "/api/v1/projects/grid-secret/indicators",
            json!({"id": "grid-checks", "name": {"en": "Grid checks"}, "unit": "checks",
                   "direction": "higher_is_better",
                   "baseline": {"value": "0", "date": "2026-06-01"},
                   "target": {"value": "12", "date": "2027-06-01"}}),
        )
        .await,
    );
    let size = size + 1;
    let acts = [
        (
            "/api/v1/projects/{}/status",
            json!({"status": "suspended", "reason": "Why not"}),
        ),
        (
            "/api/v1/projects/{}/amendments",
            json!({"end": "2029-01-01"}),
        ),
        (
            "/api/v1/projects/{}/indicators",
            json!({"id": "probe", "name": {"en": "Probe"}, "unit": "x",
                   "direction": "higher_is_better",
                   "baseline": {"value": "0", "date": "2026-06-01"},
                   "target": {"value": "1", "date": "2027-06-01"}}),
        ),
    ];
    for who in ["us-trade", "socar-partner"] {
        let may_see = who == "socar-partner";
        for (path, body) in &acts {
            let hidden = post(
                &world,
                who,
                &path.replace("{}", "grid-secret"),
                body.clone(),
            )
            .await;
            let absent = post(
                &world,
                who,
                &path.replace("{}", "no-such-project"),
                body.clone(),
            )
            .await;
            if may_see {
                // SOCAR takes part in it: it sees it, but the acts are the group's.
                assert_eq!(
                    hidden.status,
                    StatusCode::FORBIDDEN,
                    "{who} {path}: {}",
                    hidden.body
                );
                continue;
            }
            assert_eq!(
                hidden.status,
                StatusCode::NOT_FOUND,
                "{who} {path}: {}",
                hidden.body
            );
            assert_eq!(
                hidden.body.replace("grid-secret", "no-such-project"),
                absent.body,
                "{who} {path}"
            );
        }
        let history = get(&world, Some(who), "/api/v1/projects/grid-secret/history").await;
        let absent = get(
            &world,
            Some(who),
            "/api/v1/projects/no-such-project/history",
        )
        .await;
        if may_see {
            assert_eq!(history.status, StatusCode::OK, "{}", history.body);
        } else {
            assert_eq!(history.status, StatusCode::NOT_FOUND);
            assert_eq!(
                history.body.replace("grid-secret", "no-such-project"),
                absent.body
            );
        }
    }
    // Its milestone and indicator, likewise.
    for (path, body, absent_path) in [
        (
            "/api/v1/milestones/grid-audit/complete",
            json!({"on": "2026-11-20"}),
            "/api/v1/milestones/no-such-milestone/complete",
        ),
        (
            "/api/v1/indicators/grid-checks/measurements",
            json!({"value": "3", "date": "2026-11-20", "source": "Audit"}),
            "/api/v1/indicators/no-such-indicator/measurements",
        ),
    ] {
        let hidden = post(&world, "us-trade", path, body.clone()).await;
        let absent = post(&world, "us-trade", absent_path, body).await;
        assert_eq!(
            hidden.status,
            StatusCode::NOT_FOUND,
            "{path}: {}",
            hidden.body
        );
        assert_eq!(code(&hidden), code(&absent));
    }
    let public = get(&world, None, "/api/v1/projects/grid-secret/history").await;
    assert_eq!(public.status, StatusCode::NOT_FOUND);
    // SOCAR, a partner of the restricted project, measures its indicator.
    created(
        &post(
            &world,
            "socar-partner",
            "/api/v1/indicators/grid-checks/measurements",
            json!({"value": "3", "date": "2026-11-20", "source": "Audit"}),
        )
        .await,
    );
    assert_eq!(
        world.instance.app.size(),
        size + 1,
        "only the acts allowed recorded"
    );
}
