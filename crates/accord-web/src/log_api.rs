//! `/log/…`: the log's read API in the C2SP `tlog-tiles` layout, for the
//! parties' own nodes, witnesses and anyone who checks the log.
//!
//! - `GET /log/checkpoint`: the latest signed checkpoint, followed by the
//!   cosignature lines witnesses gave for it (`witness`).
//! - `GET /log/tile/<L>/<N>[.p/<W>]`: hash tiles, public: they reveal only
//!   hashes. A full tile never changes and is cached for a year.
//! - `GET /log/tile/entries/<N>[.p/<W>]`: entry bundles (big-endian `u16`
//!   lengths), only to a party's node bearing its credential
//!   (`accord node credential create`); never to a person's session or API
//!   token. A bundle with an entry over 65,535 bytes cannot be written so:
//!   413, naming `GET /log/wide/entries/<N>[.p/<W>]`, which serves the same
//!   entries behind `u32` lengths to the same credentials.
//!
//! The routes sit outside the session, CSRF, language and error-page
//! layers (a node has no session; its errors are one plain line), inside
//! the security headers. Tiles are cut at the latest signed checkpoint
//! (`accord_app::log_tiles`).

use accord_app::log_tiles::SignedCheckpoint;
use accord_log::tiles::{
    TILE_WIDTH, TileError, TileKind, TilePath, encode_bundle, encode_wide_bundle,
};
use accord_store::accounts::NodeAccess;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;
use crate::auth::Auth;

/// How long a partial tile, or the checkpoint, may be kept by a cache.
const SHORT_LIVED: &str = "public, max-age=5";
/// A full tile never changes.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// A full bundle never changes either, but is for its node only.
const IMMUTABLE_PRIVATE: &str = "private, max-age=31536000, immutable";
const SHORT_LIVED_PRIVATE: &str = "private, max-age=5";

/// What the log's routes reach: the application, and the accounts that
/// hold the nodes' credentials.
#[derive(Clone, Debug)]
struct Sources {
    state: AppState,
    auth: Auth,
}

/// The routes under `/log/`.
pub fn routes(state: AppState, auth: Auth) -> Router {
    Router::new()
        .route("/log/checkpoint", get(checkpoint))
        .route("/log/tile/{*rest}", get(tile))
        .route("/log/wide/{*rest}", get(wide))
        .with_state(Sources { state, auth })
}

/// A plain one-line answer.
fn plain(status: StatusCode, message: impl Into<String>) -> Response {
    let mut text = message.into();
    text.push('\n');
    (
        status,
        [
            (CONTENT_TYPE, "text/plain; charset=utf-8"),
            (CACHE_CONTROL, "no-store"),
        ],
        text,
    )
        .into_response()
}

fn unavailable() -> Response {
    plain(
        StatusCode::SERVICE_UNAVAILABLE,
        "the log cannot be read just now: try again in a moment",
    )
}

/// The signed note with the cosignature lines kept for it appended, or the
/// note alone when what was kept is for another checkpoint.
pub fn with_cosignatures(latest: &SignedCheckpoint, cosigned: Option<&str>) -> String {
    let body = note_body(&latest.note);
    match cosigned {
        Some(kept) if note_body(kept) == body && kept.starts_with(latest.note.as_str()) => {
            kept.to_owned()
        }
        _ => latest.note.clone(),
    }
}

/// The text a note's signatures cover: up to and including the newline
/// before the blank line.
pub fn note_body(note: &str) -> &str {
    note.find("\n\n").map_or(note, |at| &note[..=at])
}

async fn checkpoint(State(sources): State<Sources>) -> Response {
    let answer = sources
        .state
        .blocking(|app| {
            let latest = app.signed_checkpoint()?;
            let cosigned = app.cosigned_checkpoint().ok().flatten();
            Some(with_cosignatures(&latest, cosigned.as_deref()))
        })
        .await;
    match answer {
        Ok(Some(note)) => (
            [
                (CONTENT_TYPE, "text/plain; charset=utf-8"),
                (CACHE_CONTROL, "no-cache"),
            ],
            note,
        )
            .into_response(),
        Ok(None) => plain(StatusCode::NOT_FOUND, "nothing is signed yet"),
        Err(_) => unavailable(),
    }
}

/// A tile path refused, as a plain 400.
fn bad_path(e: &TileError) -> Response {
    plain(StatusCode::BAD_REQUEST, e.to_string())
}

async fn tile(
    State(sources): State<Sources>,
    Path(rest): Path<String>,
    headers: HeaderMap,
) -> Response {
    let path = match TilePath::parse(&rest) {
        Ok(path) => path,
        Err(e) => return bad_path(&e),
    };
    match path.kind {
        TileKind::Hash { level } => hash_tile(&sources.state, level, path).await,
        TileKind::Entries => entries(&sources, &headers, path, false).await,
    }
}

async fn wide(
    State(sources): State<Sources>,
    Path(rest): Path<String>,
    headers: HeaderMap,
) -> Response {
    let path = match rest
        .strip_prefix("entries/")
        .map(|_| TilePath::parse(&rest))
    {
        Some(Ok(path)) if path.kind == TileKind::Entries => path,
        Some(Err(e)) => return bad_path(&e),
        _ => {
            return plain(
                StatusCode::BAD_REQUEST,
                "only entry bundles are served wide: /log/wide/entries/<N>[.p/<W>]",
            );
        }
    };
    entries(&sources, &headers, path, true).await
}

fn full(path: TilePath) -> bool {
    u64::from(path.width) == TILE_WIDTH
}

async fn hash_tile(state: &AppState, level: u8, path: TilePath) -> Response {
    let (index, width) = (path.index, path.width);
    match state
        .blocking(move |app| app.hash_tile(level, index, width))
        .await
    {
        Ok(Some(bytes)) => (
            [
                (CONTENT_TYPE, "application/octet-stream"),
                (
                    CACHE_CONTROL,
                    if full(path) { IMMUTABLE } else { SHORT_LIVED },
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => plain(
            StatusCode::NOT_FOUND,
            format!("{path} is not in the log at its latest checkpoint"),
        ),
        Err(_) => unavailable(),
    }
}

/// The node credential in `Authorization: Bearer`, or the refusal.
async fn node(auth: &Auth, headers: &HeaderMap) -> Result<(), Response> {
    let token = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim().to_owned())
        .filter(|token| !token.is_empty());
    let Some(token) = token else {
        let mut refused = plain(
            StatusCode::UNAUTHORIZED,
            "entry bundles are for the parties' nodes: send a node credential as Authorization: Bearer",
        );
        refused
            .headers_mut()
            .insert(WWW_AUTHENTICATE, "Bearer".parse().expect("a header value"));
        return Err(refused);
    };
    match auth.call(move |a, _| a.node_access(&token)).await {
        Ok(NodeAccess::Live { .. }) => Ok(()),
        Ok(NodeAccess::Revoked) => Err(plain(
            StatusCode::FORBIDDEN,
            "this node credential is revoked",
        )),
        Ok(NodeAccess::Unknown) => Err(plain(
            StatusCode::FORBIDDEN,
            "this is not a node credential of this instance",
        )),
        Err(e) if e.status() == StatusCode::SERVICE_UNAVAILABLE => Err(unavailable()),
        Err(_) => Err(plain(
            StatusCode::FORBIDDEN,
            "this server checks no node credential",
        )),
    }
}

async fn entries(sources: &Sources, headers: &HeaderMap, path: TilePath, wide: bool) -> Response {
    if let Err(refused) = node(&sources.auth, headers).await {
        return refused;
    }
    let (index, width) = (path.index, path.width);
    let entries = match sources
        .state
        .blocking(move |app| app.entry_bundle(index, width))
        .await
    {
        Ok(Ok(Some(entries))) => entries,
        Ok(Ok(None)) => {
            return plain(
                StatusCode::NOT_FOUND,
                format!("{path} is not in the log at its latest checkpoint"),
            );
        }
        Ok(Err(e)) => {
            tracing::warn!(code = e.code(), "cannot read an entry bundle: {e}");
            return unavailable();
        }
        Err(_) => return unavailable(),
    };
    let encoded = if wide {
        encode_wide_bundle(&entries)
    } else {
        encode_bundle(&entries)
    };
    match encoded {
        Ok(bytes) => (
            [
                (CONTENT_TYPE, "application/octet-stream"),
                (
                    CACHE_CONTROL,
                    if full(path) {
                        IMMUTABLE_PRIVATE
                    } else {
                        SHORT_LIVED_PRIVATE
                    },
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(TileError::EntryTooLarge { position, len }) => {
            let wide_path = path.to_string();
            let wide_path = wide_path.strip_prefix("tile/").unwrap_or(&wide_path);
            plain(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "entry {} is {len} bytes, over the 65,535 a bundle's u16 length can say: \
                     GET /log/wide/{wide_path} serves this bundle with u32 lengths",
                    path.index * TILE_WIDTH + position as u64
                ),
            )
        }
        Err(e) => {
            tracing::warn!("cannot encode an entry bundle: {e}");
            plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "cannot encode this bundle",
            )
        }
    }
}
