//! Documents attached to meetings through the API: a coordinator uploads
//! one and a participant downloads it back byte for byte; nobody signed in
//! (401), a person who may not see the meeting in full (404, the answer
//! for an unknown hash too), a session without its CSRF header, a file too
//! large or of a refused type, and a hostile file name are refused, and a
//! refusal records nothing; bytes altered in the store are never served.

use std::sync::Arc;

use accord_app::documents::DocumentPolicy;
use accord_domain::command::{Actor, Command};
use accord_domain::ids::{MeetingId, ProvisionId};
use accord_domain::model::*;
use accord_domain::texts;
use accord_store::accounts::Scope;
use accord_store::documents::sha256_hex;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use jiff::civil::date;
use serde_json::Value;
use tower::ServiceExt as _;

use crate::accounts::{PASSWORD, WithAccounts, csrf_of};
use crate::support::{TestDb, off_runtime};

const MEETING: &str = "charter-2026";
const UPLOAD: &str = "/api/v1/meetings/charter-2026/documents";
const BOUNDARY: &str = "accord-test-boundary-7f3a9c";

/// Signed minutes: a PDF's header, then bytes that are not UTF-8.
fn minutes() -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    bytes.extend((0..=255u8).cycle().take(40_000));
    bytes
}

/// The world of `support` with logins, a charter meeting on 2026-06-15
/// (the coordinators take part) and a partner company's employee, with a
/// login, who sees the meeting's date and place but not the meeting in
/// full.
fn world() -> WithAccounts {
    let world = WithAccounts::new();
    world.instance.by(
        "az-coord",
        "2026-05-01",
        Command::ScheduleMeeting {
            meeting: MeetingSpec {
                id: MEETING.into(),
                kind: MeetingKind::Charter,
                group: None,
                date: date(2026, 6, 15),
                place: "Baku".into(),
                participants: vec!["az-coord".into(), "us-coord".into()],
                agenda: vec![AgendaItem {
                    title: texts::single("en", "Review of the year"),
                    projects: Vec::new(),
                    milestones: Vec::new(),
                    provisions: vec![ProvisionId::new("I.1")],
                }],
                title: texts::single("en", "Charter meeting 2026"),
            },
        },
    );
    off_runtime(|| {
        world
            .instance
            .app
            .execute(
                &Actor::System,
                Command::RegisterPerson {
                    person: Person {
                        id: "socar-rep".into(),
                        name: "socar-rep".into(),
                        organisation: "socar".into(),
                    },
                },
                "2026-05-02T10:00:00Z".parse().unwrap(),
            )
            .unwrap();
        world
            .accounts
            .create_login("socar-rep@example.org", "socar-rep", Some(PASSWORD), 0)
            .unwrap();
    });
    world
}

fn token(world: &WithAccounts, person: &str) -> String {
    let token = off_runtime(|| {
        world
            .accounts
            .issue_api_token(person, "script", Scope::Write, 0)
    })
    .unwrap();
    format!("Bearer {token}")
}

/// One part of a `multipart/form-data` body.
struct Part<'a> {
    field: &'a str,
    file_name: Option<&'a str>,
    content_type: Option<&'a str>,
    bytes: &'a [u8],
}

fn file<'a>(file_name: &'a str, content_type: &'a str, bytes: &'a [u8]) -> Part<'a> {
    Part {
        field: "file",
        file_name: Some(file_name),
        content_type: (!content_type.is_empty()).then_some(content_type),
        bytes,
    }
}

fn multipart(parts: &[Part<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        body.extend(format!("--{BOUNDARY}\r\n").bytes());
        let mut disposition = format!("Content-Disposition: form-data; name=\"{}\"", part.field);
        if let Some(name) = part.file_name {
            disposition.push_str(&format!("; filename=\"{name}\""));
        }
        body.extend(disposition.bytes());
        body.extend(b"\r\n");
        if let Some(content_type) = part.content_type {
            body.extend(format!("Content-Type: {content_type}\r\n").bytes());
        }
        body.extend(b"\r\n");
        body.extend(part.bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").bytes());
    body
}

/// An answer whose body is kept as bytes.
struct Raw {
    status: StatusCode,
    headers: HeaderMap,
    bytes: Vec<u8>,
}

impl Raw {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.bytes)))
    }

    fn code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

async fn call(
    router: &Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<Vec<u8>>,
) -> Raw {
    let mut request = Request::builder().method(method).uri(uri);
    if body.is_some() {
        request = request.header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        );
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body = body.map_or_else(Body::empty, Body::from);
    let response = router
        .clone()
        .oneshot(request.body(body).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 64 << 20)
        .await
        .unwrap()
        .to_vec();
    Raw {
        status,
        headers,
        bytes,
    }
}

async fn upload(router: &Router, auth: &str, parts: &[Part<'_>]) -> Raw {
    call(
        router,
        "POST",
        UPLOAD,
        &[("authorization", auth)],
        Some(multipart(parts)),
    )
    .await
}

async fn download(router: &Router, auth: Option<&str>, sha256: &str) -> Raw {
    let headers: Vec<(&str, &str)> = auth.map(|a| ("authorization", a)).into_iter().collect();
    call(router, "GET", &format!("{UPLOAD}/{sha256}"), &headers, None).await
}

/// The meeting's documents as recorded.
fn recorded(world: &WithAccounts) -> Vec<DocumentRef> {
    world
        .instance
        .app
        .read(|s| s.meetings[&MeetingId::new(MEETING)].documents.clone())
}

/// Asserts that `answer` to `method path` is what the OpenAPI document
/// says for its status.
async fn conforms(router: &Router, method: &str, path: &str, answer: &Raw) {
    let doc = call(router, "GET", "/api/openapi.json", &[], None)
        .await
        .json();
    let status = answer.status.as_u16().to_string();
    let mut schema =
        doc["paths"][path][method]["responses"][status.as_str()]["content"]["application/json"]["schema"]
            .clone();
    assert!(
        !schema.is_null(),
        "no schema for {method} {path} → {status}"
    );
    schema["components"] = doc["components"].clone();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let body = answer.json();
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{method} {path}: {errors:#?}\n{body:#}");
}

#[tokio::test]
async fn a_coordinator_attaches_minutes_and_a_participant_downloads_them_byte_for_byte() {
    let world = world();
    let az = token(&world, "az-coord");
    let us = token(&world, "us-coord");
    let bytes = minutes();
    let size_before = world.instance.app.size();

    let answer = upload(
        &world.router,
        &az,
        &[file("minutes-2026.pdf", "application/pdf", &bytes)],
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json());
    conforms(
        &world.router,
        "post",
        "/api/v1/meetings/{id}/documents",
        &answer,
    )
    .await;
    let body = answer.json();
    let sha256 = sha256_hex(&bytes);
    assert_eq!(body["sha256"], sha256.as_str());
    assert_eq!(body["size"], bytes.len());
    assert_eq!(body["log_index"], size_before);
    assert_eq!(body["name"], "minutes-2026.pdf");
    assert_eq!(body["media_type"], "application/pdf");
    assert_eq!(world.instance.app.size(), size_before + 1);
    assert_eq!(
        recorded(&world),
        [DocumentRef {
            sha256: sha256.clone(),
            size: bytes.len() as u64,
            name: "minutes-2026.pdf".into(),
            media_type: "application/pdf".into(),
        }]
    );

    for reader in [&us, &az] {
        let got = download(&world.router, Some(reader), &sha256).await;
        assert_eq!(got.status, StatusCode::OK);
        assert!(got.bytes == bytes, "the bytes differ");
        assert_eq!(got.header("content-type"), "application/pdf");
        assert_eq!(
            got.header("content-disposition"),
            "attachment; filename=\"minutes-2026.pdf\"; filename*=UTF-8''minutes-2026.pdf"
        );
        assert_eq!(got.header("x-content-type-options"), "nosniff");
        assert_eq!(got.header("content-length"), bytes.len().to_string());
    }

    // The same document again: the meeting has it already.
    let again = upload(
        &world.router,
        &az,
        &[file("copy.pdf", "application/pdf", &bytes)],
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.code(), "already_exists");
    assert_eq!(recorded(&world).len(), 1);
}

#[tokio::test]
async fn a_document_larger_than_a_form_is_taken_within_the_policy() {
    let world = world();
    let az = token(&world, "az-coord");
    // 3 MiB: more than the 2 MiB axum takes by default for a body.
    let bytes: Vec<u8> = (0..3 << 20).map(|i: u32| (i % 251) as u8).collect();
    let answer = upload(
        &world.router,
        &az,
        &[file("annex.pdf", "application/pdf", &bytes)],
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json());
    assert_eq!(answer.json()["size"], 3 << 20);
    let got = download(&world.router, Some(&az), &sha256_hex(&bytes)).await;
    assert!(got.bytes == bytes);
}

#[tokio::test]
async fn nobody_signed_in_and_outsiders_are_refused_alike() {
    let world = world();
    let az = token(&world, "az-coord");
    let outsider = token(&world, "socar-rep");
    let bytes = minutes();
    let part = [file("minutes.pdf", "application/pdf", &bytes)];
    let sha256 = sha256_hex(&bytes);

    // Nobody signed in may attach.
    let anonymous = call(&world.router, "POST", UPLOAD, &[], Some(multipart(&part))).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.code(), "login_required");
    // Nor a person who may not record the meeting.
    let forbidden = upload(&world.router, &outsider, &part).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert_eq!(forbidden.code(), "forbidden");
    assert!(recorded(&world).is_empty());
    // A refusal stored nothing either.
    let stored = off_runtime(|| world.instance.documents.get(&sha256)).unwrap();
    assert_eq!(stored, None);

    let done = upload(&world.router, &az, &part).await;
    assert_eq!(done.status, StatusCode::CREATED);

    // Whoever does not see the meeting in full gets what an unknown hash
    // gets: 404, with the same body.
    let unknown = sha256_hex(b"never attached");
    let not_attached = download(&world.router, Some(&az), &unknown).await;
    assert_eq!(not_attached.status, StatusCode::NOT_FOUND);
    assert_eq!(not_attached.code(), "not_found");
    for (who, answer) in [
        (
            "socar-rep",
            download(&world.router, Some(&outsider), &sha256).await,
        ),
        ("the public", download(&world.router, None, &sha256).await),
    ] {
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{who}");
        assert_eq!(answer.code(), "not_found", "{who}");
        assert_eq!(
            answer.json()["error"]["message"]
                .as_str()
                .unwrap()
                .replace(&sha256, &unknown),
            not_attached.json()["error"]["message"],
            "{who}"
        );
        assert!(!answer.bytes.starts_with(b"%PDF"), "{who}");
    }
    // An unknown meeting, and a hash that is not one (a path), alike.
    let elsewhere = call(
        &world.router,
        "GET",
        &format!("/api/v1/meetings/no-such-meeting/documents/{sha256}"),
        &[("authorization", &az)],
        None,
    )
    .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    for hostile in ["..%2F..%2Faccord.sqlite3", "..", &sha256.to_uppercase()] {
        let answer = download(&world.router, Some(&az), hostile).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{hostile}");
        assert_eq!(answer.code(), "not_found", "{hostile}");
    }
}

#[tokio::test]
async fn a_session_attaches_with_its_csrf_header_only() {
    let world = world();
    let mut us = world.logged_in("us-coord").await;
    let csrf = csrf_of(&us.get("/approvals").await.body);
    let cookie = us
        .cookies
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let body = multipart(&[file(
        "notes.txt",
        "text/plain",
        b"Agreed: the pilot starts in June.",
    )]);

    let without = call(
        &world.router,
        "POST",
        UPLOAD,
        &[("cookie", &cookie)],
        Some(body.clone()),
    )
    .await;
    assert_eq!(without.status, StatusCode::FORBIDDEN);
    assert_eq!(without.code(), "csrf_missing");
    assert!(recorded(&world).is_empty());

    let with = call(
        &world.router,
        "POST",
        UPLOAD,
        &[("cookie", &cookie), ("x-csrf-token", &csrf)],
        Some(body),
    )
    .await;
    assert_eq!(with.status, StatusCode::CREATED, "{}", with.json());
    assert_eq!(with.json()["media_type"], "text/plain");
}

#[tokio::test]
async fn files_too_large_or_of_a_refused_type_are_refused_and_record_nothing() {
    let world = world();
    let az = token(&world, "az-coord");
    // An operator who takes 1 KiB of PDF or CSV only.
    let policy = DocumentPolicy {
        max_bytes: 1024,
        allowed_types: vec!["application/pdf".into(), "text/csv".into()],
    };
    let state = world
        .instance
        .state()
        .with_documents(Arc::clone(&world.instance.documents), policy);
    let router = accord_web::router_with(
        state,
        accord_web::auth::Auth::new(Arc::clone(&world.accounts)),
    );
    let size = world.instance.app.size();

    let large = vec![b'x'; 1025];
    let answer = upload(&router, &az, &[file("big.pdf", "application/pdf", &large)]).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.code(), "too_large");
    assert!(
        answer.json()["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("file:")
    );

    for (name, content_type) in [
        ("page.html", "text/html"),
        ("tool.exe", "application/octet-stream"),
        ("tool.exe", ""),
        ("photo.png", "image/png"),
    ] {
        let answer = upload(&router, &az, &[file(name, content_type, b"<p>hello</p>")]).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name} {content_type}"
        );
        assert_eq!(answer.code(), "invalid");
        let message = answer.json()["error"]["message"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(message.starts_with("file:"), "{message}");
    }

    // An empty file, no field `file`, and a body that is not a form.
    let empty = upload(&router, &az, &[file("empty.pdf", "application/pdf", b"")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let missing = upload(
        &router,
        &az,
        &[Part {
            field: "document",
            file_name: Some("minutes.pdf"),
            content_type: Some("application/pdf"),
            bytes: b"%PDF-1.7",
        }],
    )
    .await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(missing.code(), "invalid");
    assert!(
        missing.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("`file`")
    );
    let json = call(
        &router,
        "POST",
        UPLOAD,
        &[("authorization", &az), ("content-type", "application/json")],
        None,
    )
    .await;
    assert_eq!(json.status, StatusCode::BAD_REQUEST);
    assert_eq!(world.instance.app.size(), size, "a refusal records nothing");

    // Within the limit, and the type guessed from the name when the
    // sender names none.
    let table = b"project,status\ntripp-power,active\n";
    let answer = upload(&router, &az, &[file("figures.csv", "", table)]).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json());
    assert_eq!(answer.json()["media_type"], "text/csv");
    let exact = vec![b'%'; 1024];
    let answer = upload(&router, &az, &[file("full.pdf", "application/pdf", &exact)]).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json());
}

#[tokio::test]
async fn hostile_file_names_lose_their_folders_or_are_refused() {
    let world = world();
    let az = token(&world, "az-coord");

    for (given, kept) in [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\az\\minutes.pdf", "minutes.pdf"),
        ("İclas protokolu 100%.pdf", "İclas protokolu 100%.pdf"),
    ] {
        let bytes = format!("%PDF-1.7 {given}");
        let answer = upload(
            &world.router,
            &az,
            &[file(given, "application/pdf", bytes.as_bytes())],
        )
        .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{given}");
        assert_eq!(answer.json()["name"], kept, "{given}");
        let sha256 = answer.json()["sha256"].as_str().unwrap().to_owned();
        let got = download(&world.router, Some(&az), &sha256).await;
        assert!(got.bytes == bytes.as_bytes());
        let disposition = got.header("content-disposition");
        assert!(disposition.is_ascii(), "{disposition}");
        assert!(!disposition.contains('/') && !disposition.contains('\\'));
    }
    let got = download(
        &world.router,
        Some(&az),
        &sha256_hex("%PDF-1.7 İclas protokolu 100%.pdf".as_bytes()),
    )
    .await;
    assert_eq!(
        got.header("content-disposition"),
        "attachment; filename=\"_clas protokolu 100_.pdf\"; \
         filename*=UTF-8''%C4%B0clas%20protokolu%20100%25.pdf"
    );

    let size = world.instance.app.size();
    for hostile in [
        "../",
        ".htaccess.pdf",
        "a|b.pdf",
        "minutes:2026.pdf",
        "..",
        "",
    ] {
        let bytes = format!("%PDF-1.7 {hostile}");
        let answer = upload(
            &world.router,
            &az,
            &[file(hostile, "application/pdf", bytes.as_bytes())],
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{hostile:?}"
        );
        assert_eq!(answer.code(), "invalid", "{hostile:?}");
    }
    assert_eq!(world.instance.app.size(), size);
}

#[tokio::test]
async fn bytes_altered_in_the_store_are_never_served() {
    let world = world();
    let az = token(&world, "az-coord");
    let bytes = minutes();
    let answer = upload(
        &world.router,
        &az,
        &[file("minutes.pdf", "application/pdf", &bytes)],
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED);
    let sha256 = sha256_hex(&bytes);
    let forged = b"%PDF-1.7 forged minutes".to_vec();
    match &world.instance.db {
        TestDb::Sqlite(path) => {
            std::fs::write(path.with_file_name("documents").join(&sha256), &forged).unwrap();
        }
        TestDb::Postgres(url) => off_runtime(|| {
            let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
            let changed = client
                .execute(
                    "UPDATE documents SET bytes = $2 WHERE sha256 = $1",
                    &[&sha256, &forged],
                )
                .unwrap();
            assert_eq!(changed, 1);
        }),
    }
    let got = download(&world.router, Some(&az), &sha256).await;
    assert_eq!(got.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(got.code(), "documents");
    assert_eq!(got.header("content-type"), "application/json");
    assert!(
        !got.bytes
            .windows(forged.len())
            .any(|w| w == forged.as_slice())
    );
}

#[tokio::test]
async fn the_openapi_document_describes_both_routes() {
    let world = world();
    let doc = call(&world.router, "GET", "/api/openapi.json", &[], None)
        .await
        .json();
    let post = &doc["paths"]["/api/v1/meetings/{id}/documents"]["post"];
    assert!(post["requestBody"]["content"]["multipart/form-data"].is_object());
    for status in [
        "201", "400", "401", "403", "404", "409", "413", "422", "500",
    ] {
        assert!(post["responses"][status].is_object(), "POST {status}");
    }
    let get = &doc["paths"]["/api/v1/meetings/{id}/documents/{sha256}"]["get"];
    assert!(get["responses"]["200"]["content"]["application/octet-stream"].is_object());
    for status in ["404", "500"] {
        assert!(get["responses"][status].is_object(), "GET {status}");
    }
    assert!(get["security"].is_array() && post["security"].is_array());
}
