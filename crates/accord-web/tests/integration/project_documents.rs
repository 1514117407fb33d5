//! Documents attached to projects: uploaded through the API or the
//! project's page by those who may report on the project, listed in its
//! detail, downloaded byte for byte by whoever sees it, and never by
//! anyone who may not.

use accord_store::accounts::Scope;
use axum::http::StatusCode;

use crate::accounts::{WithAccounts, csrf_of};
use crate::api_agreement::{code, token};
use crate::api_projects::world;
use crate::support::Answer;

const BOUNDARY: &str = "accord-project-documents";
const STUDY: &str = "%PDF-1.4 feasibility study of the TRIPP power line";

fn form(csrf: Option<&str>, name: &str, bytes: &str) -> String {
    let mut body = String::new();
    if let Some(csrf) = csrf {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/pdf\r\n\r\n{bytes}\r\n--{BOUNDARY}--\r\n"
    ));
    body
}

async fn upload(world: &WithAccounts, who: &str, project: &str, name: &str) -> Answer {
    let bearer = token(world, who, Scope::Write);
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    world
        .client()
        .send(
            "POST",
            &format!("/api/v1/projects/{project}/documents"),
            &[("authorization", &bearer), ("content-type", &content_type)],
            &form(None, name, STUDY),
        )
        .await
}

async fn get_as(world: &WithAccounts, who: Option<&str>, uri: &str) -> Answer {
    let bearer = who.map(|w| token(world, w, Scope::Read));
    let headers: Vec<(&str, &str)> = bearer
        .as_deref()
        .map(|b| ("authorization", b))
        .into_iter()
        .collect();
    world.client().send("GET", uri, &headers, "").await
}

#[tokio::test]
async fn a_co_chair_attaches_a_study_that_everyone_who_sees_the_project_downloads() {
    let world = world();
    let answer = upload(&world, "az-energy", "tripp-power", "feasibility study.pdf").await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let attached = answer.json();
    assert_eq!(attached["size"], STUDY.len());
    assert_eq!(attached["name"], "feasibility study.pdf");
    let sha256 = attached["sha256"].as_str().unwrap().to_owned();

    let detail = get_as(&world, None, "/api/v1/projects/tripp-power")
        .await
        .json();
    let listed = &detail["documents"][0];
    assert_eq!(listed["sha256"], sha256.as_str());
    let href = listed["href"].as_str().unwrap().to_owned();
    assert_eq!(
        href,
        format!("/api/v1/projects/tripp-power/documents/{sha256}")
    );
    let history = detail["history"].as_array().unwrap();
    assert_eq!(
        history.last().unwrap()["event_type"],
        "ProjectDocumentAttached"
    );

    let downloaded = get_as(&world, None, &href).await;
    assert_eq!(downloaded.status, StatusCode::OK);
    assert_eq!(downloaded.body, STUDY);
    assert_eq!(downloaded.header("content-type"), "application/pdf");
    assert!(
        downloaded
            .header("content-disposition")
            .starts_with("attachment")
    );

    let again = upload(&world, "az-energy", "tripp-power", "copy.pdf").await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(code(&again), "already_exists");
}

#[tokio::test]
async fn only_those_who_report_on_the_project_attach_and_a_hidden_one_is_not_found() {
    let world = world();
    let outsider = upload(&world, "us-trade", "tripp-power", "study.pdf").await;
    assert_eq!(outsider.status, StatusCode::FORBIDDEN, "{}", outsider.body);
    assert_eq!(code(&outsider), "forbidden");
    let hidden = upload(&world, "us-trade", "grid-secret", "study.pdf").await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{}", hidden.body);

    // The restricted project's document: its group downloads it, nobody else.
    let inside = upload(&world, "az-energy", "grid-secret", "protection plan.pdf").await;
    assert_eq!(inside.status, StatusCode::CREATED, "{}", inside.body);
    let sha256 = inside.json()["sha256"].as_str().unwrap().to_owned();
    let href = format!("/api/v1/projects/grid-secret/documents/{sha256}");
    assert_eq!(
        get_as(&world, Some("az-energy"), &href).await.status,
        StatusCode::OK
    );
    for who in [None, Some("us-trade")] {
        let answer = get_as(&world, who, &href).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{who:?}");
        assert!(!answer.body.contains("protection plan"), "{who:?}");
    }
    let unknown = get_as(
        &world,
        None,
        &format!("/api/v1/projects/tripp-power/documents/{sha256}"),
    )
    .await;
    assert_eq!(
        unknown.status,
        StatusCode::NOT_FOUND,
        "another project's hash"
    );
}

#[tokio::test]
async fn the_project_page_attaches_a_file_with_its_csrf_token() {
    let world = world();
    let mut az = world.logged_in("az-energy").await;
    let csrf = csrf_of(&az.get("/approvals").await.body);
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let answer = az
        .send(
            "POST",
            "/projects/tripp-power/documents",
            &[("content-type", &content_type)],
            &form(Some(&csrf), "site-report.pdf", STUDY),
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        answer.header("location"),
        "/projects/tripp-power?done=document#documents"
    );
    let forged = az
        .send(
            "POST",
            "/projects/tripp-power/documents",
            &[("content-type", &content_type)],
            &form(Some("forged"), "other.pdf", "%PDF another"),
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.body);
    let detail = get_as(&world, None, "/api/v1/projects/tripp-power")
        .await
        .json();
    assert_eq!(detail["documents"].as_array().unwrap().len(), 1);
    let page = az.get("/projects/tripp-power?done=document").await;
    assert!(
        page.body.contains(">site-report.pdf</a>"),
        "listed on the page"
    );
    assert!(page.body.contains("id=\"document-form\""));
    let public = world.client().get("/projects/tripp-power").await;
    assert!(public.body.contains(">site-report.pdf</a>"));
    assert!(
        !public.body.contains("id=\"document-form\""),
        "no form for the public"
    );
}
