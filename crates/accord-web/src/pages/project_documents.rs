//! `POST /projects/{id}/documents`: a file attached from a project's page
//! (a multipart form whose first field is its CSRF token), through the
//! same use case as the API's upload; then the project again, or the
//! refusal's page.

use accord_app::documents::AttachedTo;
use accord_domain::ids::ProjectId;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;

use crate::auth::SignedIn;
use crate::auth::forms::see_other;
use crate::{AppState, WebError};

pub async fn attach(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    headers: axum::http::HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let to = AttachedTo::Project(ProjectId::new(id.clone()));
    match crate::api::documents::attach(&state, &identity, to, &headers, multipart).await? {
        // Attached: the project exists, and its id is one of the record's slugs.
        Ok(_) => Ok(see_other(
            &format!("/projects/{id}?done=document#documents"),
            Vec::new(),
        )),
        Err(refusal) => Ok(refusal),
    }
}
