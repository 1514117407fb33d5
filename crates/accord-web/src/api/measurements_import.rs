//! Measurements imported in bulk from a spreadsheet's CSV, for one project:
//! `POST /api/v1/projects/{id}/measurements/import` for scripts (the body
//! is the file, `text/csv`), and the upload on the project's page
//! (`POST /projects/{id}/measurements/import`, a multipart form whose field
//! `file` is the file).
//!
//! Both call the one use case, `App::import_measurements`, with the page's
//! project as the only one its rows may name: every row is recorded in one
//! append, or none, and the refusal names each bad row's line and column.

use accord_app::import::measurements::ImportedMeasurements;
use accord_domain::ids::ProjectId;
use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::{UtoipaMethodRouter, UtoipaMethodRouterExt as _};
use utoipa_axum::routes;

use crate::auth::forms::see_other;
use crate::auth::{Identity, SignedIn};
use crate::error::ErrorBody;
use crate::{AppState, WebError};

/// The largest file taken: a year of monthly measurements for thousands of
/// indicators is a few hundred kilobytes.
pub const MAX_CSV_BYTES: usize = 16 << 20;
/// The form field that carries the file on the project's page.
pub const FILE_FIELD: &str = "file";

/// The API route, with its body limit.
pub fn import_route() -> UtoipaMethodRouter<AppState> {
    routes!(import).layer(DefaultBodyLimit::max(MAX_CSV_BYTES))
}

/// What an import recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportedBody {
    /// How many measurements were recorded.
    #[schema(example = 12)]
    pub count: usize,
    /// The log index of the first of their entries (they are consecutive).
    pub log_index: u64,
}

impl From<ImportedMeasurements> for ImportedBody {
    fn from(i: ImportedMeasurements) -> Self {
        ImportedBody {
            count: i.count,
            log_index: i.first_index,
        }
    }
}

/// Records the measurements of a CSV file for the indicators of one
/// project, all or none. The header names its columns in any order:
/// `indicator`, `date`, `value`, `source`, and optionally `unit`,
/// `project`, `indicator_name` (the measurements file of the CSV export
/// imports as it is). A cell that a spreadsheet would run as a formula is
/// refused.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/measurements/import",
    tag = "projects",
    operation_id = "import_measurements",
    params(("id" = String, Path, description = "The project's id", example = "tripp-power")),
    request_body(
        content = String,
        content_type = "text/csv",
        description = "The CSV file, UTF-8",
        example = "indicator,date,value,source\ntripp-capacity,2026-05-10,120,site report\n",
    ),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Every row recorded", body = ImportedBody),
        (status = 400, description = "A body that is not UTF-8 text (`invalid`)", body = ErrorBody),
        (status = 401, description = "No person (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "A read-only token (`token_read_only`), a missing CSRF token (`csrf_missing`, `csrf_mismatch`)", body = ErrorBody),
        (status = 404, description = "No such project the caller may see (`not_found`)", body = ErrorBody),
        (status = 409, description = "The record changed under the request (`conflict`)", body = ErrorBody),
        (status = 413, description = "The file is too large", body = ErrorBody),
        (status = 422, description = "Nothing recorded: every bad row named by its line and column (`bad_import`: an unknown indicator or another project's, a value that is not a decimal, another unit, a date in the future, a formula cell, a header without its columns), or a row the rules refuse (`forbidden`)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn import(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<ImportedBody>), WebError> {
    let text = csv_text(&body)?;
    let imported = import_for(&state, &identity, id, text).await?;
    Ok((StatusCode::CREATED, Json(imported.into())))
}

/// `POST /projects/{id}/measurements/import`: the file uploaded from the
/// project's page; then the page again, or the refusal's page with every
/// bad row.
pub async fn upload(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let bytes = read_file(multipart).await?;
    let text = csv_text(&bytes)?;
    import_for(&state, &identity, id.clone(), text).await?;
    // Only a project that exists has indicators that import: its id is
    // one of the record's slugs.
    let target = format!(
        "/projects/{}?done=measurements-imported#indicators",
        id.trim()
    );
    Ok(see_other(&target, Vec::new()))
}

/// The page route, with its body limit (the file and the form around it).
pub fn upload_route() -> axum::routing::MethodRouter<AppState> {
    axum::routing::post(upload).layer(DefaultBodyLimit::max(MAX_CSV_BYTES + (64 << 10)))
}

async fn import_for(
    state: &AppState,
    identity: &Identity,
    id: String,
    text: String,
) -> Result<ImportedMeasurements, WebError> {
    let (now, actor) = ((state.clock)(), identity.actor());
    let project = ProjectId::new(id.trim());
    Ok(state
        .blocking(move |app| app.import_measurements(&actor, &text, Some(&project), now))
        .await??)
}

/// The file's text, which must be UTF-8.
fn csv_text(bytes: &[u8]) -> Result<String, WebError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        WebError::bad_request(
            "invalid",
            format!(
                "the file is not UTF-8 text (byte {}): save the spreadsheet as CSV UTF-8",
                e.valid_up_to()
            ),
        )
    })?;
    Ok(text.to_owned())
}

/// The bytes of the form's `file` field.
async fn read_file(multipart: Result<Multipart, MultipartRejection>) -> Result<Vec<u8>, WebError> {
    let unreadable = |e: String| {
        WebError::bad_request(
            "invalid",
            format!("send the CSV file as multipart/form-data in the field `{FILE_FIELD}`: {e}"),
        )
    };
    let mut multipart = multipart.map_err(|e| unreadable(e.body_text()))?;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| unreadable(e.body_text()))?
    {
        if field.name() == Some(FILE_FIELD) {
            let bytes = field.bytes().await.map_err(|e| unreadable(e.body_text()))?;
            return Ok(bytes.to_vec());
        }
    }
    Err(unreadable("no such field".into()))
}
