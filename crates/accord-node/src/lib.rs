//! accord-node: a party's own node.
//!
//! Each government keeps its own copy of the record, checked entry by entry
//! against the checkpoints the primary signs, and cosigns those checkpoints
//! as a C2SP witness, so that neither the other party nor the primary's
//! operator can rewrite or roll back what was agreed without it being
//! noticed, and proved.
//!
//! - [`follow`]: the follower, which brings the replica up to the primary's
//!   latest checkpoint from its `tlog-tiles`, verifying before writing;
//! - [`witness`]: the `tlog-witness` endpoint, with its atomic store;
//! - [`monitor`]: what a checkpoint shown to the node means (the same,
//!   newer, a rollback, a fork) and the evidence file of a misbehaviour
//!   (pure);
//! - [`folder`]: the node's data folder (replica, pinned key, alarms);
//! - [`status`]: the node's status, for `accord node status` and the pages;
//! - [`banner`]: the line every page of a node shows under its header.

pub mod banner;
pub mod folder;
pub mod follow;
pub mod monitor;
pub mod status;
pub mod witness;

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

/// Wakes the follower before its next tick (a witness request brought a
/// new checkpoint).
#[derive(Debug, Default)]
pub struct Wake {
    pending: Mutex<bool>,
    signal: Condvar,
}

impl Wake {
    /// Asks the follower to look now.
    pub fn notify(&self) {
        *self.pending.lock().unwrap_or_else(PoisonError::into_inner) = true;
        self.signal.notify_one();
    }

    /// Waits until notified or until `timeout` passes.
    fn wait(&self, timeout: Duration) {
        let guard = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        let (mut guard, _) = self
            .signal
            .wait_timeout_while(guard, timeout, |pending| !*pending)
            .unwrap_or_else(PoisonError::into_inner);
        *guard = false;
    }
}

/// Runs the follower on a thread of its own: a look every `every`, or at
/// once when woken. Failures are logged once per change of message.
pub fn spawn_follower(
    follower: Arc<follow::Follower>,
    every: Duration,
    wake: Arc<Wake>,
) -> std::thread::JoinHandle<()> {
    std::thread::Builder::new()
        .name("accord-node-follower".into())
        .spawn(move || {
            let mut last_error: Option<String> = None;
            loop {
                match follower.look() {
                    Ok(follow::Look::Grew(n)) => {
                        tracing::info!(entries = n, "followed the primary");
                        last_error = None;
                    }
                    Ok(_) => last_error = None,
                    Err(e) => {
                        let message = e.to_string();
                        if last_error.as_deref() != Some(message.as_str()) {
                            tracing::warn!("{message}");
                            last_error = Some(message);
                        }
                    }
                }
                wake.wait(every);
            }
        })
        .expect("the follower's thread starts")
}
