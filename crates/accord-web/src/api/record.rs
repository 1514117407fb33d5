//! `/api/v1/record/…`: the latest signed checkpoint with its verifier key,
//! and inclusion proofs of single entries against it, in the JSON form of
//! `accord log prove inclusion --format json` (hashes in standard base64),
//! or as a portable C2SP `tlog-proof` that `accord log check-proof FILE
//! --policy FILE` checks offline.

use accord_app::record::EntryProof;
use accord_log::proof_file::TlogProof;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ErrorBody;
use crate::{AppState, CurrentViewer, WebError};

/// The latest signed checkpoint and what verifies it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckpointBody {
    /// The log's origin, the first line of the checkpoint.
    #[schema(example = "accord.example/az-us-2026")]
    pub origin: String,
    /// The number of entries the checkpoint covers.
    pub size: u64,
    /// The tree's root hash at that size, standard base64.
    pub root: String,
    /// The C2SP signed note, verbatim.
    pub checkpoint: String,
    /// The verifier key, `name+keyid+base64`.
    pub verifier_key: String,
}

/// An inclusion proof (RFC 9162 §2.1.3), as `accord log prove inclusion
/// --format json` prints it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProofBody {
    pub index: u64,
    pub size: u64,
    /// `SHA-256(0x00 ‖ entry)`, standard base64.
    pub leaf_hash: String,
    /// The root at `size`, as the latest checkpoint signs it.
    pub root: String,
    /// The audit path from the leaf up, standard base64.
    pub proof: Vec<String>,
}

impl From<&EntryProof> for ProofBody {
    fn from(p: &EntryProof) -> ProofBody {
        ProofBody {
            index: p.entry.index,
            size: p.size,
            leaf_hash: p.leaf_hash.to_base64(),
            root: p.root.to_base64(),
            proof: p.proof.iter().map(|h| h.to_base64()).collect(),
        }
    }
}

/// The latest signed checkpoint, verbatim, with its verifier key.
#[utoipa::path(
    get,
    path = "/api/v1/record/checkpoint",
    tag = "record",
    operation_id = "record_checkpoint",
    responses(
        (status = 200, description = "The latest signed checkpoint", body = CheckpointBody),
        (status = 404, description = "Nothing is signed yet (`not_found`)", body = ErrorBody),
    )
)]
pub async fn checkpoint(State(state): State<AppState>) -> Result<Json<CheckpointBody>, WebError> {
    let summary = state
        .blocking(|app| app.record_summary())
        .await?
        .ok_or(WebError::NotFound {
            what: "checkpoint",
            id: "latest".to_owned(),
        })?;
    Ok(Json(CheckpointBody {
        origin: summary.origin,
        size: summary.size,
        root: summary.root.to_base64(),
        checkpoint: summary.checkpoint,
        verifier_key: summary.verifier_key,
    }))
}

/// The inclusion proof of one entry against the latest checkpoint. Only
/// for entries about what the viewer may see; any other index (hidden, or
/// beyond the checkpoint) is `not_found`.
#[utoipa::path(
    get,
    path = "/api/v1/record/proof/{index}",
    tag = "record",
    operation_id = "record_proof",
    params(("index" = u64, Path, description = "The entry's index (0-based)", example = 0)),
    responses(
        (status = 200, description = "The inclusion proof", body = ProofBody),
        (status = 400, description = "The index is not a number (`bad_request`)", body = ErrorBody),
        (status = 404, description = "No such entry the viewer may see (`not_found`)", body = ErrorBody),
    )
)]
pub async fn proof(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(index): Path<u64>,
) -> Result<Json<ProofBody>, WebError> {
    let proof = state
        .blocking(move |app| app.entry_proof(&viewer, index))
        .await??
        .ok_or(WebError::NotFound {
            what: "entry",
            id: index.to_string(),
        })?;
    Ok(Json(ProofBody::from(&proof)))
}

/// A C2SP `tlog-proof` of one entry, as a download named after it.
pub(crate) fn tlog_proof_download(proof: &TlogProof) -> impl IntoResponse + use<> {
    (
        [
            (CONTENT_TYPE, "text/plain; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"accord-entry-{}.tlog-proof\"",
                    proof.index
                ),
            ),
            (CACHE_CONTROL, "no-cache".to_owned()),
        ],
        proof.to_text(),
    )
}

/// The proof of one act as a C2SP `tlog-proof` (`c2sp.org/tlog-proof@v1`):
/// the entry's bytes as `extra`, its inclusion proof, and the latest
/// checkpoint witnesses cosigned that covers it (else the latest signed
/// one). `accord log check-proof FILE --policy FILE` checks it offline.
/// Only for entries about what the viewer may see; any other index is
/// `not_found`.
#[utoipa::path(
    get,
    path = "/api/v1/record/tlog-proof/{index}",
    tag = "record",
    operation_id = "record_tlog_proof",
    params(("index" = u64, Path, description = "The entry's index (0-based)", example = 0)),
    responses(
        (status = 200, description = "The tlog-proof, as a download `accord-entry-<index>.tlog-proof`", body = String, content_type = "text/plain"),
        (status = 400, description = "The index is not a number (`bad_request`)", body = ErrorBody),
        (status = 404, description = "No such entry the viewer may see (`not_found`)", body = ErrorBody),
    )
)]
pub async fn tlog_proof(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(index): Path<u64>,
) -> Result<impl IntoResponse, WebError> {
    let proof = state
        .blocking(move |app| app.entry_tlog_proof(&viewer, index))
        .await??
        .ok_or(WebError::NotFound {
            what: "entry",
            id: index.to_string(),
        })?;
    Ok(tlog_proof_download(&proof))
}
