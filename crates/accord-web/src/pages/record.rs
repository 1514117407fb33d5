//! `/record`: the record as an auditor checks it. The latest signed
//! checkpoint verbatim, the verifier key, the commands that verify them, and
//! for `?entry=N` the entry's inclusion proof against that checkpoint, in
//! the JSON form of `accord log prove inclusion --format json`. Proofs are
//! given only for entries about what the viewer may see (see
//! `accord_app::record`); any other index gets the same "no such entry".
//! When witnesses cosigned a checkpoint, the page says which and when.

use accord_app::record::{EntryProof, RecordSummary};
use askama::Template;
use axum::extract::{OriginalUri, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{Html, IntoResponse};
use serde::Deserialize;

use crate::api::record::ProofBody;
use crate::lang::Lang;
use crate::pages::render;
use crate::view::{Layout, Section};
use crate::{AppState, CurrentViewer, WebError};

#[derive(Debug, Template)]
#[template(path = "record.html")]
pub struct RecordPage {
    pub page: Layout,
    pub summary: Option<SummaryView>,
    pub verify_commands: Vec<String>,
    /// The index asked for, as typed.
    pub entry: String,
    pub proof: Option<ProofView>,
    /// An index was asked for and no proof can be shown.
    pub no_entry: bool,
    /// Which witnesses cosigned the latest checkpoint they cosigned.
    pub cosigned: Option<CosignedView>,
}

/// The witnesses' cosignatures, in the reader's language.
#[derive(Debug)]
pub struct CosignedView {
    pub heading: String,
    /// One line per witness: its name and when it cosigned.
    pub lines: Vec<String>,
}

#[derive(Debug)]
pub struct SummaryView {
    pub origin: String,
    pub size: i64,
    pub root: String,
    pub checkpoint: String,
    pub verifier_key: String,
}

#[derive(Debug)]
pub struct ProofView {
    pub index: i64,
    pub size: i64,
    pub date: String,
    pub event_type: String,
    pub json: String,
    pub check_command: String,
}

/// `?entry=N`.
#[derive(Debug, Deserialize)]
pub struct EntryQuery {
    pub entry: Option<String>,
}

/// Single quotes for a shell: keys and base64 hashes hold no quote, but a
/// stray one must not end the argument.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The commands that verify a copy of the log and the checkpoint.
pub fn verify_commands(summary: &RecordSummary) -> Vec<String> {
    let key = quoted(&summary.verifier_key);
    vec![
        format!("accord log verify --db COPY --key {key}"),
        format!("accord log check-note --key {key} checkpoint.txt"),
    ]
}

/// The offline check of one inclusion proof.
pub fn check_command(proof: &EntryProof) -> String {
    let mut command = format!(
        "accord log check-proof inclusion --index {} --size {} --leaf-hash {} --root {}",
        proof.entry.index,
        proof.size,
        quoted(&proof.leaf_hash.to_base64()),
        quoted(&proof.root.to_base64()),
    );
    for hash in &proof.proof {
        command.push_str(" --proof ");
        command.push_str(&quoted(&hash.to_base64()));
    }
    command
}

/// A count for a message (plural forms take signed numbers).
fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A cosignature's time (Unix seconds) as `2026-11-27 10:00:00 UTC`.
fn utc_time(seconds: u64) -> String {
    i64::try_from(seconds)
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map_or_else(
            || seconds.to_string(),
            |t| t.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
        )
}

/// An `?entry=` value: none when absent or empty.
pub fn entry_index(given: Option<&str>) -> Result<Option<u64>, WebError> {
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(text) => text.parse::<u64>().map(Some).map_err(|_| {
            WebError::bad_request(
                "bad_entry",
                format!("entry {text:?} is not an entry index such as 12"),
            )
        }),
    }
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    CurrentViewer(viewer): CurrentViewer,
    OriginalUri(uri): OriginalUri,
    Query(query): Query<EntryQuery>,
) -> Result<Html<String>, WebError> {
    let tr = lang.tr();
    let index = entry_index(query.entry.as_deref())?;
    let (summary, proof, cosigned) = state
        .blocking(move |app| {
            let proof = match index {
                Some(index) => app.entry_proof(&viewer, index)?,
                None => None,
            };
            // The cosignatures only add to the page: one that cannot be
            // read leaves them out.
            let cosigned = app.cosigned().ok().flatten();
            Ok::<_, accord_app::AppError>((app.record_summary(), proof, cosigned))
        })
        .await??;
    let cosigned = cosigned.map(|c| CosignedView {
        heading: if c.latest {
            tr.t("record-cosigned-latest")
        } else {
            tr.t1("record-cosigned-earlier", "count", count(c.size))
        },
        lines: c
            .by
            .iter()
            .map(|(witness, time)| {
                tr.t2(
                    "record-cosigned-by",
                    "witness",
                    witness.as_str(),
                    "time",
                    utc_time(*time),
                )
            })
            .collect(),
    });
    let proof_view = proof.as_ref().map(|p| ProofView {
        index: count(p.entry.index),
        size: count(p.size),
        date: accord_app::utc_date(p.entry.recorded_at).to_string(),
        event_type: p.entry.event_type.clone(),
        json: serde_json::to_string_pretty(&ProofBody::from(p)).unwrap_or_default(),
        check_command: check_command(p),
    });
    render(&RecordPage {
        page: Layout::new(lang, &uri, tr.t("record-title"), Section::Record),
        verify_commands: summary.as_ref().map(verify_commands).unwrap_or_default(),
        summary: summary.map(|s| SummaryView {
            origin: s.origin,
            size: count(s.size),
            root: s.root.to_base64(),
            checkpoint: s.checkpoint,
            verifier_key: s.verifier_key,
        }),
        entry: index.map(|i| i.to_string()).unwrap_or_default(),
        no_entry: index.is_some() && proof_view.is_none(),
        proof: proof_view,
        cosigned,
    })
}

/// `/record/checkpoint.txt`: the latest signed checkpoint byte for byte,
/// for `accord log check-note` (a copy from the page may lose its final
/// newline, which the signature covers).
pub async fn checkpoint_file(State(state): State<AppState>) -> Result<impl IntoResponse, WebError> {
    let summary = state
        .blocking(|app| app.record_summary())
        .await?
        .ok_or(WebError::NotFound {
            what: "checkpoint",
            id: "latest".to_owned(),
        })?;
    Ok((
        [
            (CONTENT_TYPE, "text/plain; charset=utf-8"),
            (CACHE_CONTROL, "no-cache"),
        ],
        summary.checkpoint,
    ))
}

/// `/record/proof/<index>.tlog-proof`: the proof of one act as a C2SP
/// `tlog-proof` download, for the pages' links (the API's
/// `/api/v1/record/tlog-proof/{index}` gives the same file). Any other name,
/// an entry the viewer may not see and one that does not exist are the
/// same 404.
pub async fn tlog_proof_file(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let not_found = || WebError::NotFound {
        what: "entry",
        id: file.clone(),
    };
    let index = file
        .strip_suffix(".tlog-proof")
        .filter(|n| !n.starts_with('+'))
        .and_then(|n| n.parse::<u64>().ok())
        .ok_or_else(not_found)?;
    let proof = state
        .blocking(move |app| app.entry_tlog_proof(&viewer, index))
        .await??
        .ok_or_else(not_found)?;
    Ok(crate::api::record::tlog_proof_download(&proof))
}
