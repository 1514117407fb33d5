//! Finished answers of the dashboard, the status report and the API's lists,
//! kept per log size.
//!
//! On a large instance the dashboard and the lists cost far more to build
//! (templates, translations, charts, a walk over the projects, JSON) than
//! to send. Their answer depends only on the state, who asks, the language,
//! the address (path and query) and today's date (the default as-of date),
//! and the state changes only when the log grows. So a successful answer
//! is kept, headers and bytes, under (viewer, language, today, address),
//! for the log size it was built at: any recorded command grows the log and
//! empties the cache.
//!
//! The cache sits inside the layers that find the language and the viewer,
//! and wraps the handlers of [`CACHED_ROUTES`] without touching them: a
//! miss runs the handler and keeps what it answered; a hit sends the same
//! bytes again. Only `GET` answers with status 200 are kept; errors, other
//! methods and other routes pass through. Entries are never shared between
//! viewers: the key holds the viewer itself, not a guess at what it sees.
//!
//! [`Store`] is the bookkeeping (sizes, bounds, eviction) and does no I/O;
//! [`cache_answers`] is the middleware around it.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use accord_domain::ids::PersonId;
use accord_domain::visibility::Viewer;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;

use crate::lang::Lang;
use crate::{AppState, CurrentViewer};

/// The routes whose answers are kept: the dashboard, the status report
/// and the API's lists that anyone may ask for. `/api/v1/groups/{id}` (a
/// group and its projects) is matched separately. The status report is
/// also kept by `status_cache`, which the dashboard shares; here its
/// finished answer is. `/api/v1/approvals` is left out because its handler
/// checks the credential itself, which a hit would skip.
pub const CACHED_ROUTES: [&str; 6] = [
    "/",
    "/api/v1/status",
    "/api/v1/projects",
    "/api/v1/groups",
    "/api/v1/meetings",
    "/api/v1/charter",
];

/// At most this many answers are kept.
const MAX_ENTRIES: usize = 256;
/// At most this many bytes of bodies are kept in all.
const MAX_BYTES: usize = 64 << 20;
/// A body larger than this is sent but not kept.
const MAX_BODY: usize = 8 << 20;

/// Whether answers to `path` are kept.
pub fn is_cached_route(path: &str) -> bool {
    CACHED_ROUTES.contains(&path)
        || path
            .strip_prefix("/api/v1/groups/")
            .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

/// Who asks, as the cache tells viewers apart: exactly, never by class.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ViewerKey {
    Public,
    Operator,
    Person(PersonId),
}

impl From<&Viewer> for ViewerKey {
    fn from(viewer: &Viewer) -> ViewerKey {
        match viewer {
            Viewer::Public => ViewerKey::Public,
            Viewer::Operator => ViewerKey::Operator,
            Viewer::Person(person) => ViewerKey::Person(person.clone()),
        }
    }
}

/// Everything besides the state that an answer depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    viewer: ViewerKey,
    lang: Lang,
    today: Date,
    /// The path and query, exactly as asked.
    target: String,
}

impl Key {
    pub fn new(viewer: &Viewer, lang: Lang, today: Date, target: &str) -> Key {
        Key {
            viewer: viewer.into(),
            lang,
            today,
            target: target.to_owned(),
        }
    }
}

/// A kept answer: its headers and body, as the handler gave them.
#[derive(Debug)]
pub struct Answer {
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Answer {
    fn weight(&self) -> usize {
        self.body.len()
    }

    fn to_response(&self) -> Response {
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.headers_mut() = self.headers.clone();
        response
    }
}

#[derive(Debug)]
struct Slot {
    answer: Arc<Answer>,
    /// When it was last used (a counter, not a clock), for eviction.
    used: AtomicU64,
}

/// The kept answers, all of one log size, bounded in number and bytes.
#[derive(Debug)]
pub struct Store {
    size: u64,
    slots: HashMap<Key, Slot>,
    bytes: usize,
    max_entries: usize,
    max_bytes: usize,
    ticks: AtomicU64,
}

impl Store {
    pub fn new(max_entries: usize, max_bytes: usize) -> Store {
        Store {
            size: 0,
            slots: HashMap::new(),
            bytes: 0,
            max_entries,
            max_bytes,
            ticks: AtomicU64::new(0),
        }
    }

    /// The answer kept for `key` at log size `size`.
    pub fn get(&self, size: u64, key: &Key) -> Option<Arc<Answer>> {
        if size != self.size {
            return None;
        }
        let slot = self.slots.get(key)?;
        slot.used.store(
            self.ticks.fetch_add(1, Ordering::Relaxed),
            Ordering::Relaxed,
        );
        Some(Arc::clone(&slot.answer))
    }

    /// Keeps `answer`, built from the state at log size `size` or later.
    /// A larger size than the kept answers' drops them all; an answer of
    /// a smaller size (a request that started before an append and ended
    /// after) is not kept. The least recently used answers make room.
    pub fn put(&mut self, size: u64, key: Key, answer: Arc<Answer>) {
        if size < self.size || self.max_entries == 0 || answer.weight() > self.max_bytes {
            return;
        }
        if size > self.size {
            self.slots.clear();
            self.bytes = 0;
            self.size = size;
        }
        if let Some(old) = self.slots.remove(&key) {
            self.bytes -= old.answer.weight();
        }
        while !self.slots.is_empty()
            && (self.slots.len() >= self.max_entries
                || self.bytes + answer.weight() > self.max_bytes)
        {
            self.evict_one();
        }
        self.bytes += answer.weight();
        let used = AtomicU64::new(self.ticks.fetch_add(1, Ordering::Relaxed));
        self.slots.insert(key, Slot { answer, used });
    }

    fn evict_one(&mut self) {
        let oldest = self
            .slots
            .iter()
            .min_by_key(|(_, slot)| slot.used.load(Ordering::Relaxed))
            .map(|(key, _)| key.clone());
        if let Some(slot) = oldest.and_then(|key| self.slots.remove(&key)) {
            self.bytes -= slot.answer.weight();
        }
    }

    /// How many answers are kept.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

/// One router's cache of answers, with counts of hits and misses.
pub struct RenderCache {
    store: RwLock<Store>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl std::fmt::Debug for RenderCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderCache")
            .field("hits", &self.hits())
            .field("misses", &self.misses())
            .finish_non_exhaustive()
    }
}

impl Default for RenderCache {
    fn default() -> RenderCache {
        RenderCache::with_bounds(MAX_ENTRIES, MAX_BYTES)
    }
}

impl RenderCache {
    pub fn with_bounds(max_entries: usize, max_bytes: usize) -> RenderCache {
        RenderCache {
            store: RwLock::new(Store::new(max_entries, max_bytes)),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// A cache that keeps nothing: every answer comes from its handler.
    pub fn disabled() -> RenderCache {
        RenderCache::with_bounds(0, 0)
    }

    /// How many answers were sent from the cache.
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }

    /// How many answers of cached routes were built by their handler.
    pub fn misses(&self) -> u64 {
        self.misses.load(Ordering::Relaxed)
    }

    fn get(&self, size: u64, key: &Key) -> Option<Arc<Answer>> {
        let found = self
            .store
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(size, key);
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    fn put(&self, size: u64, key: Key, answer: Arc<Answer>) {
        self.store
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .put(size, key, answer);
    }
}

/// What the middleware needs: the application (its log size and clock)
/// and the cache.
#[derive(Debug, Clone)]
pub struct Cached {
    pub state: AppState,
    pub cache: Arc<RenderCache>,
}

/// The middleware: answers a `GET` of a cached route from the cache when
/// the log has not grown since, else runs the handler and keeps a
/// successful answer.
pub async fn cache_answers(
    State(cached): State<Cached>,
    lang: Lang,
    CurrentViewer(viewer): CurrentViewer,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET || !is_cached_route(request.uri().path()) {
        return next.run(request).await;
    }
    let target = request
        .uri()
        .path_and_query()
        .map_or_else(|| request.uri().path(), |pq| pq.as_str());
    let key = Key::new(&viewer, lang, cached.state.today(), target);
    // The size is read before the answer is built: an answer is never kept
    // under a size later than the state it was built from.
    let size = cached.state.app.size();
    if let Some(answer) = cached.cache.get(size, &key) {
        return answer.to_response();
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(e) => {
            tracing::error!("an answer's body could not be read: {e}");
            return crate::WebError::Internal(format!("an answer's body could not be read: {e}"))
                .into_response();
        }
    };
    if body.len() <= MAX_BODY {
        let answer = Answer {
            headers: parts.headers.clone(),
            body: body.clone(),
        };
        cached.cache.put(size, key, Arc::new(answer));
    }
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn key(viewer: &Viewer, target: &str) -> Key {
        Key::new(viewer, Lang::Fr, date(2026, 11, 27), target)
    }

    fn answer(text: &str) -> Arc<Answer> {
        Arc::new(Answer {
            headers: HeaderMap::new(),
            body: Bytes::from(text.to_owned()),
        })
    }

    fn body(found: Option<Arc<Answer>>) -> Option<String> {
        found.map(|a| String::from_utf8(a.body.to_vec()).unwrap())
    }

    #[test]
    fn an_answer_is_found_only_at_its_log_size() {
        let mut store = Store::new(8, 1 << 20);
        store.put(10, key(&Viewer::Public, "/"), answer("ten"));
        assert_eq!(
            body(store.get(10, &key(&Viewer::Public, "/"))).as_deref(),
            Some("ten")
        );
        assert_eq!(body(store.get(11, &key(&Viewer::Public, "/"))), None);
        store.put(11, key(&Viewer::Public, "/x"), answer("eleven"));
        assert_eq!(store.len(), 1, "a larger size drops the older answers");
        assert_eq!(body(store.get(10, &key(&Viewer::Public, "/"))), None);
    }

    #[test]
    fn an_answer_built_before_an_append_is_not_kept_after_it() {
        let mut store = Store::new(8, 1 << 20);
        store.put(11, key(&Viewer::Public, "/"), answer("new"));
        store.put(10, key(&Viewer::Public, "/"), answer("old"));
        assert_eq!(
            body(store.get(11, &key(&Viewer::Public, "/"))).as_deref(),
            Some("new")
        );
    }

    #[test]
    fn viewers_languages_dates_and_addresses_are_told_apart() {
        let mut store = Store::new(8, 1 << 20);
        let person = Viewer::Person("energy-member".into());
        store.put(5, key(&person, "/"), answer("member"));
        assert_eq!(body(store.get(5, &key(&Viewer::Public, "/"))), None);
        assert_eq!(body(store.get(5, &key(&Viewer::Operator, "/"))), None);
        let other = Viewer::Person("us-trade".into());
        assert_eq!(body(store.get(5, &key(&other, "/"))), None);
        assert_eq!(
            body(store.get(5, &key(&person, "/?as_of=2026-05-10"))),
            None
        );
        let english = Key::new(&person, Lang::En, date(2026, 11, 27), "/");
        assert_eq!(body(store.get(5, &english)), None);
        let tomorrow = Key::new(&person, Lang::Fr, date(2026, 11, 28), "/");
        assert_eq!(body(store.get(5, &tomorrow)), None);
        assert_eq!(
            body(store.get(5, &key(&person, "/"))).as_deref(),
            Some("member")
        );
    }

    #[test]
    fn the_least_recently_used_answer_makes_room() {
        let mut store = Store::new(2, 1 << 20);
        store.put(1, key(&Viewer::Public, "/a"), answer("a"));
        store.put(1, key(&Viewer::Public, "/b"), answer("b"));
        assert!(store.get(1, &key(&Viewer::Public, "/a")).is_some());
        store.put(1, key(&Viewer::Public, "/c"), answer("c"));
        assert_eq!(store.len(), 2);
        assert!(store.get(1, &key(&Viewer::Public, "/b")).is_none());
        assert!(store.get(1, &key(&Viewer::Public, "/a")).is_some());
        assert!(store.get(1, &key(&Viewer::Public, "/c")).is_some());
    }

    #[test]
    fn the_bytes_kept_stay_within_the_bound() {
        let mut store = Store::new(8, 10);
        store.put(1, key(&Viewer::Public, "/a"), answer("123456"));
        store.put(1, key(&Viewer::Public, "/b"), answer("123456"));
        assert_eq!(store.len(), 1);
        assert!(store.get(1, &key(&Viewer::Public, "/b")).is_some());
        store.put(1, key(&Viewer::Public, "/c"), answer("12345678901"));
        assert!(
            store.get(1, &key(&Viewer::Public, "/c")).is_none(),
            "too large to keep"
        );
        assert!(store.bytes <= 10);
    }

    #[test]
    fn a_disabled_cache_keeps_nothing() {
        let cache = RenderCache::disabled();
        cache.put(1, key(&Viewer::Public, "/"), answer("a"));
        assert!(cache.get(1, &key(&Viewer::Public, "/")).is_none());
        assert_eq!((cache.hits(), cache.misses()), (0, 1));
    }

    #[test]
    fn only_the_dashboard_and_the_lists_are_cached() {
        for path in CACHED_ROUTES {
            assert!(is_cached_route(path), "{path}");
        }
        assert!(is_cached_route("/api/v1/groups/energy"));
        assert!(!is_cached_route("/api/v1/groups/energy/roadmap"));
        assert!(!is_cached_route("/api/v1/groups/"));
        assert!(!is_cached_route("/api/v1/approvals"));
        assert!(!is_cached_route("/api/v1/status/"));
        assert!(!is_cached_route("/login"));
    }
}
