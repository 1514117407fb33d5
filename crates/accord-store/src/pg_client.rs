//! A PostgreSQL connection that may be dropped anywhere.
//!
//! The synchronous `postgres::Client` closes its connection by blocking on
//! a runtime of its own, which panics when the drop happens on a tokio
//! worker (the last handle to a store released inside a request, or at the
//! end of an async test). `PgClient` hands the client to a thread of its
//! own to be closed there.

use std::ops::{Deref, DerefMut};

/// A `postgres::Client` whose drop never runs on the caller's thread.
pub struct PgClient(Option<postgres::Client>);

impl PgClient {
    pub fn new(client: postgres::Client) -> PgClient {
        PgClient(Some(client))
    }
}

impl Deref for PgClient {
    type Target = postgres::Client;

    fn deref(&self) -> &postgres::Client {
        self.0
            .as_ref()
            .expect("a PgClient holds its client until dropped")
    }
}

impl DerefMut for PgClient {
    fn deref_mut(&mut self) -> &mut postgres::Client {
        self.0
            .as_mut()
            .expect("a PgClient holds its client until dropped")
    }
}

impl Drop for PgClient {
    fn drop(&mut self) {
        if let Some(client) = self.0.take() {
            // Joined, so that the connection is closed when the drop returns.
            let closed = std::thread::spawn(move || drop(client)).join();
            debug_assert!(closed.is_ok());
        }
    }
}
