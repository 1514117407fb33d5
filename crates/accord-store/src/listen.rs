//! Word of other processes' appends, through PostgreSQL's `LISTEN/NOTIFY`.
//!
//! Every append to a PostgreSQL store notifies the channel [`CHANNEL`]
//! with the store's schema, in the append's own transaction (so the word
//! goes out only once the entries are committed). An [`AppendListener`]
//! holds a connection of its own listening there, on a thread of its own,
//! and calls its callback for each word about its schema; a server wakes
//! its follower with it, so that an act through one process is seen
//! through the others at once rather than at the next periodic check,
//! which stays as the fallback. The listener reconnects by itself when the
//! database restarts.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator as _;

use crate::pg_client;

/// The channel appends are announced on; the payload is the schema.
pub const CHANNEL: &str = "accord_appended";

/// How often the listening thread looks whether it should stop.
const POLL: Duration = Duration::from_millis(250);
/// How long it waits before connecting again after a failure.
const RETRY: Duration = Duration::from_secs(1);

/// A thread listening for appends to one store; stops when dropped.
#[derive(Debug)]
pub struct AppendListener {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl AppendListener {
    /// Listens at `url` (with its `search_path`) and calls `on_append`
    /// after each append another connection commits to that schema.
    pub fn spawn(url: &str, on_append: impl Fn() + Send + 'static) -> AppendListener {
        let stop = Arc::new(AtomicBool::new(false));
        let url = url.to_owned();
        let stopping = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("accord-listen".into())
            .spawn(move || {
                while !stopping.load(Ordering::Relaxed) {
                    // A failed connection (the database restarting) is
                    // tried again; the periodic check covers the gap.
                    if listen(&url, &stopping, &on_append).is_err() {
                        std::thread::sleep(RETRY);
                    }
                }
            })
            .ok();
        AppendListener { stop, thread }
    }
}

fn listen(url: &str, stop: &AtomicBool, on_append: &dyn Fn()) -> Result<(), postgres::Error> {
    let mut client = pg_client::connect(url)?;
    client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
    let schema: String = client
        .query_one("SELECT current_schema()::text", &[])?
        .try_get(0)?;
    // Appends made while no one listened were missed: the caller catches
    // up once now.
    on_append();
    while !stop.load(Ordering::Relaxed) {
        let mut heard = false;
        {
            let mut notifications = client.notifications();
            let mut words = notifications.timeout_iter(POLL);
            while let Some(word) = words.next()? {
                heard |= word.payload() == schema;
            }
        }
        if heard {
            on_append();
        }
        if client.is_closed() {
            return Ok(());
        }
    }
    Ok(())
}

impl Drop for AppendListener {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
