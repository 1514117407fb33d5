//! Documents attached to meetings and projects, for scripts: upload one
//! (`multipart/form-data`, the field `file`) and download it back, byte
//! for byte.
//!
//! Attaching to a meeting is for the people who may record it held; to a
//! project, for those who may report on it (its group, its partners); the
//! operator's policy bounds the size and the media types. The file is read
//! as it streams, up to the policy's limit, then stored and its
//! attachment recorded on the blocking pool (`AppState::blocking`), as is
//! every read of the bytes. A download is for whoever sees the meeting in
//! full, or the project; anyone else, and a hash it does not have, get the same
//! `404 not_found`. Bytes that no longer match their recorded hash are
//! never served: the answer is `500 documents`.

use std::sync::Arc;

use accord_app::documents::{AttachedTo, guess_media_type, media_type};
use accord_domain::decide::{DomainError, MAX_DOCUMENT_BYTES};
use accord_domain::ids::{MeetingId, ProjectId};
use accord_store::documents::DocumentStore;
use axum::Json;
use axum::body::Body;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE,
    X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::{UtoipaMethodRouter, UtoipaMethodRouterExt as _};
use utoipa_axum::routes;

use crate::auth::SignedIn;
use crate::error::{ErrorBody, ErrorDetail, Shown};
use crate::{AppState, CurrentViewer, WebError};

/// The form field that carries the document.
pub const FILE_FIELD: &str = "file";
/// At most this many bytes of fields other than the file are read.
const OTHER_FIELDS_BYTES: u64 = 64 << 10;
/// The upload route's body limit: the record's largest document and room
/// for the form around it. The operator's (smaller) limit is enforced
/// while the file is read.
pub(crate) const BODY_LIMIT: u64 = MAX_DOCUMENT_BYTES + (1 << 20);
/// The type of a file whose sender named none and whose name suggests none.
const UNKNOWN_TYPE: &str = "application/octet-stream";

/// The upload route to meetings, with its body limit.
pub fn upload_route() -> UtoipaMethodRouter<AppState> {
    routes!(upload).layer(DefaultBodyLimit::max(BODY_LIMIT as usize))
}

/// The upload route to projects, with its body limit.
pub fn project_upload_route() -> UtoipaMethodRouter<AppState> {
    routes!(upload_to_project).layer(DefaultBodyLimit::max(BODY_LIMIT as usize))
}

/// The form `POST /api/v1/meetings/{id}/documents` reads.
#[derive(Debug, ToSchema)]
pub struct DocumentForm {
    /// The document: its bytes, its file name (any folder part is
    /// dropped) and its media type (else guessed from the name's
    /// extension).
    #[schema(value_type = String, content_media_type = "application/octet-stream")]
    pub file: Vec<u8>,
}

/// A document's bytes, exactly as attached.
#[derive(Debug, ToSchema)]
#[schema(value_type = String, content_media_type = "application/octet-stream")]
pub struct DocumentBytes(pub Vec<u8>);

/// A document attached to a meeting or a project.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentBody {
    /// SHA-256 of the bytes, lowercase hexadecimal: the document's address.
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// The log index of the entry that records the attachment.
    pub log_index: u64,
    /// The file name as recorded.
    #[schema(example = "minutes-2026.pdf")]
    pub name: String,
    /// The media type as recorded.
    #[schema(example = "application/pdf")]
    pub media_type: String,
}

/// A file read from the form.
struct Upload {
    name: String,
    media_type: String,
    bytes: Vec<u8>,
}

/// Attaches a document to a meeting: its bytes are stored under their
/// SHA-256 and the attachment is recorded in the log. For those who may
/// record the meeting held (its working group's members, or the
/// coordinators for a charter meeting).
#[utoipa::path(
    post,
    path = "/api/v1/meetings/{id}/documents",
    tag = "meetings",
    operation_id = "attach_document",
    params(("id" = String, Path, description = "The meeting's id", example = "charter-2026")),
    request_body(
        content = DocumentForm,
        content_type = "multipart/form-data",
        description = "The document in the field `file`",
    ),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The document, stored and its attachment recorded", body = DocumentBody),
        (status = 400, description = "Not a multipart/form-data body, or no field `file` (`invalid`); no document store on this server (`documents_unavailable`)", body = ErrorBody),
        (status = 401, description = "No person: a token or a session is needed (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "A read-only token (`token_read_only`), a missing CSRF token (`csrf_missing`, `csrf_mismatch`), or not the caller's to attach (`forbidden`)", body = ErrorBody),
        (status = 404, description = "No such meeting (`not_found`)", body = ErrorBody),
        (status = 409, description = "The meeting has this document already (`already_exists`)", body = ErrorBody),
        (status = 413, description = "The file is larger than this instance takes (`too_large`)", body = ErrorBody),
        (status = 422, description = "An empty file, a media type this instance does not take, or a file name that is not a plain name (`invalid`)", body = ErrorBody),
        (status = 500, description = "The document could not be stored (`documents`)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn upload(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let to = AttachedTo::Meeting(MeetingId::new(id));
    Ok(created(
        attach(&state, &identity, to, &headers, multipart).await?,
    ))
}

/// Attaches a document to a project (a feasibility study, a site report):
/// its bytes are stored under their SHA-256 and the attachment is recorded
/// in the log. For those who may report on the project: its working
/// group's co-chairs and members, a coordinator, or a partner of the
/// project.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/documents",
    tag = "projects",
    operation_id = "attach_project_document",
    params(("id" = String, Path, description = "The project's id", example = "tripp-power")),
    request_body(
        content = DocumentForm,
        content_type = "multipart/form-data",
        description = "The document in the field `file`",
    ),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The document, stored and its attachment recorded", body = DocumentBody),
        (status = 400, description = "Not a multipart/form-data body, or no field `file` (`invalid`); no document store on this server (`documents_unavailable`)", body = ErrorBody),
        (status = 401, description = "No person: a token or a session is needed (`login_required`, `bad_token`)", body = ErrorBody),
        (status = 403, description = "A read-only token (`token_read_only`), a missing CSRF token (`csrf_missing`, `csrf_mismatch`), or not the caller's to attach (`forbidden`)", body = ErrorBody),
        (status = 404, description = "No such project the caller may see (`not_found`)", body = ErrorBody),
        (status = 409, description = "The project has this document already (`already_exists`)", body = ErrorBody),
        (status = 413, description = "The file is larger than this instance takes (`too_large`)", body = ErrorBody),
        (status = 422, description = "An empty file, a media type this instance does not take, or a file name that is not a plain name (`invalid`)", body = ErrorBody),
        (status = 500, description = "The document could not be stored (`documents`)", body = ErrorBody),
        (status = 503, description = "The instance is not initialised", body = ErrorBody),
    )
)]
pub async fn upload_to_project(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let to = AttachedTo::Project(ProjectId::new(id));
    Ok(created(
        attach(&state, &identity, to, &headers, multipart).await?,
    ))
}

/// `201` with what was attached, or the refusal.
fn created(outcome: Result<accord_app::documents::Attached, Response>) -> Response {
    match outcome {
        Ok(attached) => {
            let body = DocumentBody {
                sha256: attached.sha256,
                size: attached.size,
                log_index: attached.log_index,
                name: attached.name,
                media_type: attached.media_type,
            };
            (StatusCode::CREATED, Json(body)).into_response()
        }
        Err(refusal) => refusal,
    }
}

/// Reads the document of a multipart form and attaches it to a meeting or
/// a project for `identity`: what was attached, or the refusal to answer.
/// The API and the pages all upload through it.
pub(crate) async fn attach(
    state: &AppState,
    identity: &crate::auth::Identity,
    to: AttachedTo,
    headers: &HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Result<accord_app::documents::Attached, Response>, WebError> {
    let store = store(state)?;
    let policy = Arc::clone(&state.document_policy);
    let max = policy.max_bytes.min(MAX_DOCUMENT_BYTES);
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max.saturating_add(OTHER_FIELDS_BYTES)) {
        return Ok(Err(too_large(max)));
    }
    let mut multipart = multipart.map_err(|e| {
        WebError::bad_request(
            "invalid",
            format!("send the document as multipart/form-data in the field `{FILE_FIELD}`: {e}"),
        )
    })?;
    let upload = match read_file(&mut multipart, max, |t| policy.check_type(t)).await {
        Ok(upload) => upload,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let actor = identity.actor();
    let now = (state.clock)();
    let attached = state
        .blocking(move |app| {
            app.attach_document(
                &actor,
                &to,
                &upload.name,
                &upload.media_type,
                &upload.bytes,
                &store,
                &policy,
                now,
            )
        })
        .await??;
    Ok(Ok(attached))
}

/// Reads the form's `file` (refused as soon as `check_type` refuses its
/// type), skipping other fields; else the refusal to answer (`413
/// too_large` when the file, or the other fields, are larger than allowed).
async fn read_file(
    multipart: &mut Multipart,
    max: u64,
    check_type: impl Fn(&str) -> Result<(), DomainError>,
) -> Result<Upload, Response> {
    let unreadable = |e: MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large(max)
        } else {
            WebError::bad_request(
                "invalid",
                format!(
                    "the multipart/form-data body cannot be read: {}",
                    e.body_text()
                ),
            )
            .into_response()
        }
    };
    let mut upload: Option<Upload> = None;
    let mut other = 0u64;
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        if field.name() != Some(FILE_FIELD) {
            while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                other += chunk.len() as u64;
                if other > OTHER_FIELDS_BYTES {
                    return Err(too_large(max));
                }
            }
            continue;
        }
        if upload.is_some() {
            return Err(WebError::bad_request(
                "invalid",
                format!("send one document only, in the field `{FILE_FIELD}`"),
            )
            .into_response());
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        let media_type = field
            .content_type()
            .map(media_type)
            .filter(|t| !t.is_empty() && t != UNKNOWN_TYPE)
            .or_else(|| guess_media_type(&name).map(str::to_owned))
            .unwrap_or_else(|| UNKNOWN_TYPE.to_owned());
        check_type(&media_type).map_err(|e| WebError::App(e.into()).into_response())?;
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            if (bytes.len() + chunk.len()) as u64 > max {
                return Err(too_large(max));
            }
            bytes.extend_from_slice(&chunk);
        }
        upload = Some(Upload {
            name,
            media_type,
            bytes,
        });
    }
    upload.ok_or_else(|| {
        WebError::bad_request(
            "invalid",
            format!(
                "the field `{FILE_FIELD}` is missing: send the document as multipart/form-data in the field `{FILE_FIELD}`"
            ),
        )
        .into_response()
    })
}

/// `413 too_large`, naming the field and the limit.
fn too_large(max: u64) -> Response {
    let shown = Shown {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        code: "too_large",
        message: format!("{FILE_FIELD}: this instance takes documents of at most {max} bytes"),
    };
    let body = ErrorBody {
        error: ErrorDetail {
            code: shown.code.to_owned(),
            message: shown.message.clone(),
        },
    };
    let mut response = (shown.status, Json(body)).into_response();
    response.extensions_mut().insert(shown);
    response
}

/// The document store, or why there is none.
fn store(state: &AppState) -> Result<Arc<DocumentStore>, WebError> {
    state.documents.clone().ok_or_else(|| {
        WebError::bad_request(
            "documents_unavailable",
            "this server keeps no documents".to_owned(),
        )
    })
}

/// A document of a meeting, byte for byte, as an attachment with its
/// recorded media type. For whoever sees the meeting in full.
#[utoipa::path(
    get,
    path = "/api/v1/meetings/{id}/documents/{sha256}",
    tag = "meetings",
    operation_id = "document",
    params(
        ("id" = String, Path, description = "The meeting's id", example = "charter-2026"),
        ("sha256" = String, Path, description = "The document's SHA-256, lowercase hexadecimal", pattern = "^[0-9a-f]{64}$"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The document's bytes, with its recorded media type as `Content-Type`", content_type = "application/octet-stream", body = DocumentBytes,
            headers(
                ("Content-Disposition" = String, description = "`attachment`, with the recorded file name (`filename` in ASCII, `filename*` in UTF-8)"),
            )),
        (status = 400, description = "No document store on this server (`documents_unavailable`)", body = ErrorBody),
        (status = 401, description = "A token nobody issued, or one revoked (`bad_token`)", body = ErrorBody),
        (status = 404, description = "No such document for the caller: an unknown meeting or hash, or a meeting the caller does not see in full (`not_found`)", body = ErrorBody),
        (status = 500, description = "The stored bytes are missing or do not match the recorded hash, and are not served (`documents`)", body = ErrorBody),
    )
)]
pub async fn download(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path((id, sha256)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let of = AttachedTo::Meeting(MeetingId::new(id));
    serve_document(&state, viewer, of, sha256).await
}

/// A document of a project, byte for byte, as an attachment with its
/// recorded media type. For whoever sees the project.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}/documents/{sha256}",
    tag = "projects",
    operation_id = "project_document",
    params(
        ("id" = String, Path, description = "The project's id", example = "tripp-power"),
        ("sha256" = String, Path, description = "The document's SHA-256, lowercase hexadecimal", pattern = "^[0-9a-f]{64}$"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The document's bytes, with its recorded media type as `Content-Type`", content_type = "application/octet-stream", body = DocumentBytes,
            headers(
                ("Content-Disposition" = String, description = "`attachment`, with the recorded file name (`filename` in ASCII, `filename*` in UTF-8)"),
            )),
        (status = 400, description = "No document store on this server (`documents_unavailable`)", body = ErrorBody),
        (status = 401, description = "A token nobody issued, or one revoked (`bad_token`)", body = ErrorBody),
        (status = 404, description = "No such document for the caller: an unknown project or hash, or a project the caller may not see (`not_found`)", body = ErrorBody),
        (status = 500, description = "The stored bytes are missing or do not match the recorded hash, and are not served (`documents`)", body = ErrorBody),
    )
)]
pub async fn download_from_project(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path((id, sha256)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let of = AttachedTo::Project(ProjectId::new(id));
    serve_document(&state, viewer, of, sha256).await
}

/// The document `sha256` of `of` for `viewer`, checked against its hash.
async fn serve_document(
    state: &AppState,
    viewer: accord_domain::visibility::Viewer,
    of: AttachedTo,
    sha256: String,
) -> Result<Response, WebError> {
    let store = store(state)?;
    let asked = sha256.clone();
    let found = state
        .blocking(move |app| app.document_bytes(&viewer, &of, &asked, &store))
        .await??;
    let Some((document, bytes)) = found else {
        return Err(WebError::NotFound {
            what: "document",
            id: sha256,
        });
    };
    let content_type = HeaderValue::from_str(&document.media_type)
        .unwrap_or_else(|_| HeaderValue::from_static(UNKNOWN_TYPE));
    let disposition = HeaderValue::from_str(&content_disposition(&document.name))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    let headers = [
        (CONTENT_TYPE, content_type),
        (CONTENT_DISPOSITION, disposition),
        (X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        (
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; sandbox"),
        ),
    ];
    Ok((headers, Body::from(bytes)).into_response())
}

/// `attachment; filename="…"; filename*=UTF-8''…`: an ASCII fallback (any
/// other character, a quote, a backslash or a percent sign as `_`) and the
/// exact name percent-encoded (RFC 6266, RFC 8187).
pub fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c == ' ' || (c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '%')) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn the_disposition_is_ascii_with_the_exact_name_encoded() {
        assert_eq!(
            content_disposition("minutes 2026.pdf"),
            "attachment; filename=\"minutes 2026.pdf\"; filename*=UTF-8''minutes%202026.pdf"
        );
        assert_eq!(
            content_disposition("İclas protokolu 100%.pdf"),
            "attachment; filename=\"_clas protokolu 100_.pdf\"; \
             filename*=UTF-8''%C4%B0clas%20protokolu%20100%25.pdf"
        );
    }
}
