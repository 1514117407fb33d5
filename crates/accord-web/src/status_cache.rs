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
//! Entries hold a `Weak` to their application, so an entry is never taken
//! for another application's (the allocation stays while the `Weak` does),
//! and entries of dropped applications or of an earlier log size are
//! removed when a new one is stored.

use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};

use accord_app::AppError;
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
    report: Arc<StatusReport>,
    json: Arc<OnceLock<Bytes>>,
}

static CACHE: Mutex<Vec<Entry>> = Mutex::new(Vec::new());

fn lookup(
    app: &SharedApp,
    viewer: &Viewer,
    as_of: Date,
) -> Result<(Arc<StatusReport>, Arc<OnceLock<Bytes>>), AppError> {
    // Read the size before the report: a report is never kept under a size
    // later than the state it was computed from.
    let size = app.size();
    let weak = Arc::downgrade(app);
    {
        let cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(entry) = cache.iter().find(|e| {
            e.size == size && e.as_of == as_of && e.viewer == *viewer && Weak::ptr_eq(&e.app, &weak)
        }) {
            return Ok((Arc::clone(&entry.report), Arc::clone(&entry.json)));
        }
    }
    let report = Arc::new(app.status(viewer, as_of)?);
    let json = Arc::new(OnceLock::new());
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    cache.retain(|e| e.app.strong_count() > 0 && !(Weak::ptr_eq(&e.app, &weak) && e.size != size));
    if cache.len() >= CAPACITY {
        cache.remove(0);
    }
    cache.push(Entry {
        app: weak,
        viewer: viewer.clone(),
        as_of,
        size,
        report: Arc::clone(&report),
        json: Arc::clone(&json),
    });
    Ok((report, json))
}

/// The status report for `viewer` on `as_of`, from the cache when the log
/// has not grown since it was computed.
pub(crate) fn report(
    state: &AppState,
    viewer: &Viewer,
    as_of: Date,
) -> Result<Arc<StatusReport>, AppError> {
    lookup(&state.app, viewer, as_of).map(|(report, _)| report)
}

/// The same report as the API's JSON body, serialised once per report.
pub(crate) fn json(state: &AppState, viewer: &Viewer, as_of: Date) -> Result<Bytes, AppError> {
    let (report, json) = lookup(&state.app, viewer, as_of)?;
    Ok(json
        .get_or_init(|| {
            let value = accord_app::status_view::status_json(&report);
            Bytes::from(serde_json::to_vec(&value).unwrap_or_default())
        })
        .clone())
}
