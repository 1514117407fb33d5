//! A node's witness (C2SP `tlog-witness`): it cosigns a checkpoint of the
//! primary only when it is consistent with the last one it cosigned, with a
//! key of its own, and stores the new size before it answers.
//!
//! The protocol's rules are `accord_log::witness::judge`; this module is the
//! edge: the stored checkpoint (`witness.json`, rewritten atomically), the
//! clock of the cosignature, and the HTTP handler. Checking the stored size
//! and storing the new one happen under one lock, so that two concurrent
//! requests cannot roll the witness back (the race the spec describes).
//! A checkpoint validly signed by the log with another root for the size
//! the witness cosigned is also evidence against the log: the witness
//! raises a fork alarm. An older signed checkpoint, or a consistency proof
//! that fails, proves nothing (a retry or a replay sends the first; anyone
//! can pair a genuine checkpoint with a broken proof), and an alarm would
//! halt the node on a stranger's request: those are only answered.

use std::sync::{Arc, Mutex, PoisonError};

use accord_log::cosignature;
use accord_log::note::{SigningKey, VerifierKey};
use accord_log::witness::{AddCheckpoint, Verdict, Witnessed, conflict_body, judge};
use accord_log::{Checkpoint, Hash};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::folder::NodeFolder;
use crate::monitor::{AlarmKind, Evidence};

/// The largest request body the witness reads: 63 proof lines and a note
/// with a few dozen signatures fit in far less.
pub const MAX_REQUEST_BYTES: usize = 64 << 10;

/// What the witness stores (`witness.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stored {
    origin: String,
    size: u64,
    root: String,
    /// The note it cosigned, kept as evidence should the log later show
    /// something inconsistent with it.
    note: String,
}

/// The witness of one node: its key, the log it witnesses, its store.
#[derive(Debug)]
pub struct Witness {
    key: SigningKey,
    log_key: VerifierKey,
    folder: NodeFolder,
    stored: Mutex<Option<Stored>>,
    clock: fn() -> jiff::Timestamp,
    /// Called after each cosignature (the follower looks at the primary at
    /// once rather than at its next tick).
    on_cosign: Arc<crate::Wake>,
}

/// An answer: status, content type, body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The body's media type.
    pub content_type: &'static str,
    /// The body.
    pub body: String,
}

impl Witness {
    /// The witness of `log_key`'s log, signing with `key`, storing in `folder`.
    pub fn open(
        key: SigningKey,
        log_key: VerifierKey,
        folder: NodeFolder,
        on_cosign: Arc<crate::Wake>,
    ) -> std::io::Result<Witness> {
        let stored: Option<Stored> = folder.read("witness.json")?;
        Ok(Witness {
            key,
            log_key,
            folder,
            stored: Mutex::new(stored),
            clock: jiff::Timestamp::now,
            on_cosign,
        })
    }

    /// The witness's verifier key for cosignatures (type 0x04).
    pub fn cosigner_vkey(&self) -> String {
        cosignature::CosignerKey::from_verifier_key(&self.key.verifier_key()).to_vkey()
    }

    /// The size and root last cosigned.
    pub fn witnessed(&self) -> Option<(u64, String)> {
        self.lock().as_ref().map(|s| (s.size, s.root.clone()))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Stored>> {
        self.stored.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Answers one `add-checkpoint` request body.
    pub fn add_checkpoint(&self, body: &[u8]) -> Answer {
        let plain = |status: u16, body: String| Answer {
            status,
            content_type: "text/plain; charset=utf-8",
            body,
        };
        let request = match AddCheckpoint::parse(body) {
            Ok(request) => request,
            Err(e) => return plain(400, format!("{e}\n")),
        };
        // The check and the store happen under one lock.
        let mut stored = self.lock();
        let witnessed = stored.as_ref().and_then(|s| {
            Some(Witnessed {
                size: s.size,
                root: Hash::parse(&s.root).ok()?,
            })
        });
        let verdict = judge(
            &request,
            std::slice::from_ref(&self.log_key),
            witnessed.as_ref(),
        );
        if let (Some(previous), Some(offered)) =
            (stored.as_ref(), signed_checkpoint(&request, &self.log_key))
        {
            self.watch(previous, &offered, &request);
        }
        match verdict {
            Verdict::Cosign { checkpoint, body } => {
                let now = (self.clock)().as_second().max(0) as u64;
                let line = match cosignature::cosign(&self.key, &body, now) {
                    Ok(line) => line,
                    Err(e) => return plain(500, format!("cannot cosign: {e}\n")),
                };
                let next = Stored {
                    origin: checkpoint.origin.clone(),
                    size: checkpoint.size,
                    root: checkpoint.root.to_base64(),
                    note: request.checkpoint.clone(),
                };
                // Persisted before the answer: a cosignature is never given
                // for a state the witness could forget.
                if let Err(e) = self.folder.write("witness.json", &next) {
                    tracing::error!("the witness cannot store its checkpoint: {e}");
                    return plain(503, "the witness cannot store its state\n".to_owned());
                }
                *stored = Some(next);
                drop(stored);
                self.on_cosign.notify();
                plain(200, line)
            }
            Verdict::Conflict { size } => Answer {
                status: 409,
                content_type: "text/x.tlog.size",
                body: conflict_body(size),
            },
            Verdict::BadRequest(reason) => plain(400, format!("{reason}\n")),
            other => plain(other.status(), format!("{}\n", refusal(&other))),
        }
    }

    /// Raises a fork alarm when the log signed another root for the size
    /// the witness cosigned.
    fn watch(&self, previous: &Stored, offered: &Checkpoint, request: &AddCheckpoint) {
        let Ok(previous_root) = Hash::parse(&previous.root) else {
            return;
        };
        // Only two signed roots for one size prove anything. An older
        // checkpoint does not (the log once served it as its latest, and a
        // retry of its own request or anyone replaying it sends it again),
        // nor does a failed consistency proof (unsigned: anyone can pair a
        // genuine checkpoint with a broken one). Either is answered as the
        // spec says, and the follower watches what the primary serves.
        if offered.size != previous.size || offered.root == previous_root {
            return;
        }
        let kind = AlarmKind::Fork;
        let already = self
            .folder
            .alarms()
            .unwrap_or_default()
            .into_iter()
            .any(|a| {
                a.kind == kind
                    && a.size == Some(offered.size)
                    && a.root.as_deref() == Some(&offered.root.to_base64())
            });
        if already {
            return;
        }
        let evidence = Evidence {
            kind,
            observed: (self.clock)().to_string(),
            source: "a tlog-witness add-checkpoint request".to_owned(),
            log_key: self.log_key.to_string(),
            summary: format!(
                "the witness cosigned size {} of {}, then was asked to cosign size {} with root {}",
                previous.size, previous.origin, offered.size, offered.root
            ),
            sections: vec![
                ("accepted".to_owned(), previous.note.clone()),
                ("offered".to_owned(), request.checkpoint.clone()),
                ("request".to_owned(), request.to_body()),
            ],
        };
        match self.folder.raise(
            &evidence,
            Some(offered.size),
            Some(offered.root.to_base64()),
        ) {
            Ok(alarm) => tracing::error!(
                kind = kind.as_str(),
                evidence = %alarm.evidence.display(),
                "ALARM: {}",
                evidence.summary
            ),
            Err(e) => tracing::error!("cannot write the evidence of a {}: {e}", kind.as_str()),
        }
    }
}

/// The request's checkpoint, when the log's key signs it.
fn signed_checkpoint(request: &AddCheckpoint, log_key: &VerifierKey) -> Option<Checkpoint> {
    accord_store::open_primary_checkpoint(&request.checkpoint, log_key)
        .ok()
        .map(|signed| signed.checkpoint)
}

fn refusal(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::UnknownOrigin => "this witness does not witness that log",
        Verdict::NotSigned => "no signature by the log's key verifies",
        Verdict::ProofFailed => "the consistency proof does not verify",
        _ => "refused",
    }
}

/// `POST /witness/add-checkpoint`.
pub async fn add_checkpoint(State(witness): State<Arc<Witness>>, body: Bytes) -> Response {
    if body.len() > MAX_REQUEST_BYTES {
        return (StatusCode::PAYLOAD_TOO_LARGE, "the request is too large\n").into_response();
    }
    let answer = tokio::task::spawn_blocking(move || witness.add_checkpoint(&body))
        .await
        .unwrap_or_else(|e| Answer {
            status: 500,
            content_type: "text/plain; charset=utf-8",
            body: format!("the witness failed: {e}\n"),
        });
    (
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        [(header::CONTENT_TYPE, answer.content_type)],
        answer.body,
    )
        .into_response()
}

/// The witness's routes: `POST /witness/add-checkpoint`.
pub fn routes(witness: Arc<Witness>) -> axum::Router {
    axum::Router::new()
        .route(
            "/witness/add-checkpoint",
            axum::routing::post(add_checkpoint),
        )
        .layer(axum::extract::DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .with_state(witness)
}
