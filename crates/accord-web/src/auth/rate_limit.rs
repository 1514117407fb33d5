//! Login rate limiting: after a few failures, each further attempt waits
//! twice as long as the last, per account and per client address, so that
//! guessing passwords is slow however the guesses are spread.
//!
//! Kept in memory: a restart forgets the counts, which costs an attacker
//! a restart of the server, not something they control.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed before the back-off starts.
pub const FREE_FAILURES: u32 = 5;
/// The first wait after the free failures; each further failure doubles it.
pub const FIRST_WAIT: Duration = Duration::from_secs(30);
/// The longest wait.
pub const LONGEST_WAIT: Duration = Duration::from_secs(60 * 60);
/// Entries kept before the oldest quiet ones are forgotten.
const MAX_ENTRIES: usize = 100_000;

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

impl Failures {
    /// Until when this key must wait, if it must.
    fn blocked_until(&self) -> Option<Instant> {
        let over = self.count.checked_sub(FREE_FAILURES)?;
        let wait = FIRST_WAIT
            .checked_mul(1u32.checked_shl(over).unwrap_or(u32::MAX))
            .unwrap_or(LONGEST_WAIT)
            .min(LONGEST_WAIT);
        Some(self.last + wait)
    }
}

/// Failed logins by key (`account:EMAIL`, `address:IP`).
#[derive(Debug, Default)]
pub struct RateLimiter {
    failures: Mutex<HashMap<String, Failures>>,
    /// Every failed attempt since the process started, for the metrics.
    failed_total: std::sync::atomic::AtomicU64,
}

impl RateLimiter {
    /// How long the first of `keys` that must wait still has to, if any.
    pub fn wait(&self, keys: &[String], now: Instant) -> Option<Duration> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        keys.iter()
            .filter_map(|k| failures.get(k))
            .filter_map(Failures::blocked_until)
            .filter(|until| *until > now)
            .map(|until| until - now)
            .max()
    }

    /// Counts a failed attempt against every key.
    pub fn failed(&self, keys: &[String], now: Instant) {
        self.failed_total
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() >= MAX_ENTRIES {
            failures.retain(|_, f| now.saturating_duration_since(f.last) < LONGEST_WAIT);
        }
        for key in keys {
            let entry = failures.entry(key.clone()).or_insert(Failures {
                count: 0,
                last: now,
            });
            entry.count = entry.count.saturating_add(1);
            entry.last = now;
        }
    }

    /// How many attempts failed since the process started.
    pub fn failures_total(&self) -> u64 {
        self.failed_total.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Forgets the failures of `keys` after a successful login.
    pub fn succeeded(&self, keys: &[String]) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in keys {
            failures.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_are_free_then_the_wait_doubles() {
        let limiter = RateLimiter::default();
        let keys = vec!["account:a@example.org".to_owned()];
        let t0 = Instant::now();
        for _ in 0..FREE_FAILURES {
            assert_eq!(limiter.wait(&keys, t0), None);
            limiter.failed(&keys, t0);
        }
        assert_eq!(limiter.wait(&keys, t0), Some(FIRST_WAIT));
        assert_eq!(limiter.wait(&keys, t0 + FIRST_WAIT), None);
        limiter.failed(&keys, t0 + FIRST_WAIT);
        assert_eq!(limiter.wait(&keys, t0 + FIRST_WAIT), Some(FIRST_WAIT * 2));
        for _ in 0..40 {
            limiter.failed(&keys, t0);
        }
        assert_eq!(limiter.wait(&keys, t0), Some(LONGEST_WAIT));
        limiter.succeeded(&keys);
        assert_eq!(limiter.wait(&keys, t0), None);
    }

    #[test]
    fn any_blocked_key_blocks() {
        let limiter = RateLimiter::default();
        let address = "address:192.0.2.1".to_owned();
        let t0 = Instant::now();
        for n in 0..FREE_FAILURES {
            limiter.failed(
                &[format!("account:user{n}@example.org"), address.clone()],
                t0,
            );
        }
        let fresh_account = "account:new@example.org".to_owned();
        assert!(
            limiter
                .wait(std::slice::from_ref(&fresh_account), t0)
                .is_none()
        );
        assert!(limiter.wait(&[fresh_account, address], t0).is_some());
    }
}
