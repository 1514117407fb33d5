//! The status report, computed once per (viewer, as-of date, log size).
//!
//! On a large instance a status report costs a walk over every project and
//! milestone (about a tenth of a second at a million events), and the
//! dashboard and `/api/v1/status` ask for it on every request. The report
//! depends only on the state, the viewer and the date, and the state
//! changes only when the log grows, so a report is kept with the log size it
//! was computed at and is used again only while the log has that size: any
//! recorded command invalidates it. The API's serialised body is kept with
//! it.
//!
//! A report is computed once however many requests ask for it at the same
//! time (the first computes, the others wait for its answer), and on the
//! blocking pool: after a write empties the caches, the dashboard's readers
//! do not each recompute it on the async workers, where the answers of
//! acts and of every other page wait for a worker.
//!
//! Entries hold a `Weak` to their application, so an entry is never taken
//! for another application's (the allocation stays while the `Weak` does),
//! and entries of dropped applications or of an earlier log size are
//! removed when a new one is stored.

use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};

use accord_domain::rules::StatusReport;
use accord_domain::visibility::Viewer;
use axum::body::Bytes;
use jiff::civil::Date;

use crate::{AppState, SharedApp};

/// At most this many reports are kept (viewers × dates).
const CAPACITY: usize = 64;

type Target = accord_app::App<Box<dyn accord_store::EventStore>>;

struct Entry {
    app: Weak<Target>,
    viewer: Viewer,
    as_of: Date,
    size: u64,
    /// Filled once by the first request to compute it (none when the
    /// report could not be made: each caller then asks again for the error).
    report: Arc<OnceLock<Option<Arc<StatusReport>>>>,
    json: Arc<OnceLock<Bytes>>,
}

type Slot = (
    Arc<OnceLock<Option<Arc<StatusReport>>>>,
    Arc<OnceLock<Bytes>>,
);

static CACHE: Mutex<Vec<Entry>> = Mutex::new(Vec::new());

/// The slot of the report for (`viewer`, `as_of`) at the log's size now,
/// made empty when there is none yet.
fn slot(app: &SharedApp, viewer: &Viewer, as_of: Date) -> (Slot, u64) {
    // Read the size before the report: a report is never kept under a size
    // later than the state it was computed from.
    let size = app.size();
    let weak = Arc::downgrade(app);
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(entry) = cache.iter().find(|e| {
        e.size == size && e.as_of == as_of && e.viewer == *viewer && Weak::ptr_eq(&e.app, &weak)
    }) {
        return ((Arc::clone(&entry.report), Arc::clone(&entry.json)), size);
    }
    cache.retain(|e| e.app.strong_count() > 0 && !(Weak::ptr_eq(&e.app, &weak) && e.size != size));
    if cache.len() >= CAPACITY {
        cache.remove(0);
    }
    let (report, json) = (Arc::new(OnceLock::new()), Arc::new(OnceLock::new()));
    cache.push(Entry {
        app: weak,
        viewer: viewer.clone(),
        as_of,
        size,
        report: Arc::clone(&report),
        json: Arc::clone(&json),
    });
    ((report, json), size)
}

/// The report and its JSON slot, computed once, on the blocking pool.
async fn lookup(
    state: &AppState,
    viewer: &Viewer,
    as_of: Date,
) -> Result<(Arc<StatusReport>, Arc<OnceLock<Bytes>>), crate::WebError> {
    let ((report, json), _) = slot(&state.app, viewer, as_of);
    if let Some(Some(done)) = report.get() {
        return Ok((Arc::clone(done), json));
    }
    let viewer = viewer.clone();
    let computed = state
        .blocking(move |app| {
            let made = report.get_or_init(|| app.status(&viewer, as_of).ok().map(Arc::new));
            match made {
                Some(done) => Ok(Arc::clone(done)),
                // The report cannot be made: say why.
                None => app.status(&viewer, as_of).map(Arc::new),
            }
        })
        .await?;
    Ok((computed.map_err(crate::WebError::App)?, json))
}

/// The status report for `viewer` on `as_of`, from the cache when the log
/// has not grown since it was computed.
pub(crate) async fn report(
    state: &AppState,
    viewer: &Viewer,
    as_of: Date,
) -> Result<Arc<StatusReport>, crate::WebError> {
    lookup(state, viewer, as_of).await.map(|(report, _)| report)
}

/// The same report as the API's JSON body, serialised once per report.
pub(crate) async fn json(
    state: &AppState,
    viewer: &Viewer,
    as_of: Date,
) -> Result<Bytes, crate::WebError> {
    let (report, json) = lookup(state, viewer, as_of).await?;
    Ok(json
        .get_or_init(|| {
            let value = accord_app::status_view::status_json(&report);
            Bytes::from(serde_json::to_vec(&value).unwrap_or_default())
        })
        .clone())
}
