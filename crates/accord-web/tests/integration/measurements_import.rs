//! Measurements imported from a spreadsheet's CSV: through the API (the
//! body is the file) and the upload on the project's page; all rows or
//! none, each bad row named by its line and column; only the project's own
//! indicators, and only by those who may record them.

use accord_store::accounts::Scope;
use axum::http::StatusCode;

use crate::accounts::{WithAccounts, csrf_of};
use crate::api_agreement::{code, token};
use crate::api_projects::world;
use crate::support::Answer;

const IMPORT: &str = "/api/v1/projects/tripp-power/measurements/import";

async fn import(world: &WithAccounts, who: &str, uri: &str, csv: &str) -> Answer {
    let bearer = token(world, who, Scope::Write);
    world
        .client()
        .send(
            "POST",
            uri,
            &[("authorization", &bearer), ("content-type", "text/csv")],
            csv,
        )
        .await
}

/// The capacity measurements of the public project, as the API shows them.
async fn measured(world: &WithAccounts) -> Vec<String> {
    let answer = world.client().get("/api/v1/projects/tripp-power").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()["indicators"][0]["measurements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{} {}",
                m["date"].as_str().unwrap(),
                m["value"].as_str().unwrap()
            )
        })
        .collect()
}

#[tokio::test]
async fn a_co_chair_imports_a_file_and_every_row_is_recorded() {
    let world = world();
    let csv = "indicator,date,value,source,unit\n\
               tripp-capacity,2026-04-10,40,site report,MW\n\
               tripp-capacity,2026-04-20,57.5,site report,\n";
    let answer = import(&world, "az-energy", IMPORT, csv).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let body = answer.json();
    assert_eq!(body["count"], 2);
    assert!(body["log_index"].as_u64().unwrap() > 0);
    assert_eq!(measured(&world).await, ["2026-04-10 40", "2026-04-20 57.5"]);
}

#[tokio::test]
async fn a_bad_file_is_refused_naming_each_row_and_records_nothing() {
    let world = world();
    let csv = "indicator,date,value,source,unit\n\
               tripp-capacity,2026-04-10,40,site report,MW\n\
               tripp-capacity,2026-04-11,40,site report,kW\n\
               tripp-capacity,2026-04-12,=HYPERLINK(\"x\"),site report,\n\
               grid-checks,2026-04-12,1,site report,\n";
    let answer = import(&world, "az-energy", IMPORT, csv).await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    assert_eq!(code(&answer), "bad_import");
    let message = answer.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    for expected in [
        "line 3, column unit",
        "line 4, column value",
        "line 5, column indicator",
    ] {
        assert!(message.contains(expected), "{expected}: {message}");
    }
    assert!(measured(&world).await.is_empty(), "nothing recorded");

    let empty = world
        .client()
        .send(
            "POST",
            IMPORT,
            &[
                ("authorization", &token(&world, "az-energy", Scope::Write)),
                ("content-type", "text/csv"),
            ],
            "",
        )
        .await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.body
    );
}

#[tokio::test]
async fn only_those_who_may_record_import_and_a_hidden_project_is_not_found() {
    let world = world();
    let csv = "indicator,date,value,source\ntripp-capacity,2026-04-10,40,site report\n";
    let outsider = import(&world, "us-trade", IMPORT, csv).await;
    assert_eq!(outsider.status, StatusCode::FORBIDDEN, "{}", outsider.body);
    assert_eq!(code(&outsider), "forbidden");
    let hidden = import(
        &world,
        "us-trade",
        "/api/v1/projects/grid-secret/measurements/import",
        "indicator,date,value,source\ngrid-checks,2026-04-10,1,x\n",
    )
    .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{}", hidden.body);
    let anonymous = world
        .client()
        .send("POST", IMPORT, &[("content-type", "text/csv")], csv)
        .await;
    assert_eq!(
        anonymous.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        anonymous.body
    );
    assert!(measured(&world).await.is_empty());
}

#[tokio::test]
async fn the_project_page_uploads_a_file_with_its_csrf_token() {
    let world = world();
    let mut az = world.logged_in("az-energy").await;
    let csrf = csrf_of(&az.get("/approvals").await.body);
    let boundary = "accord-measurements-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"capacity.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n\u{feff}indicator,date,value,source\r\n\
         tripp-capacity,2026-04-10,40,site report\r\n\r\n--{boundary}--\r\n"
    );
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let answer = az
        .send(
            "POST",
            "/projects/tripp-power/measurements/import",
            &[("content-type", &content_type)],
            &body,
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        answer.header("location"),
        "/projects/tripp-power?done=measurements-imported#indicators"
    );
    assert_eq!(measured(&world).await, ["2026-04-10 40"]);
    let page = az
        .get("/projects/tripp-power?done=measurements-imported")
        .await;
    assert!(
        page.body
            .contains("Toutes les mesures du fichier sont enregistrées.")
    );
    assert!(page.body.contains("id=\"measurements-import\""), "the form");
    let public = world.client().get("/projects/tripp-power").await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(
        !public.body.contains("id=\"measurements-import\""),
        "no form for whoever may not record"
    );

    let without_token = body.replace(&csrf, "forged");
    let refused = az
        .send(
            "POST",
            "/projects/tripp-power/measurements/import",
            &[("content-type", &content_type)],
            &without_token,
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert_eq!(measured(&world).await.len(), 1, "nothing more recorded");
}
