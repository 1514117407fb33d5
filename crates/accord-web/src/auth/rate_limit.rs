//! Login rate limiting: after a few failures, each further attempt waits
//! twice as long as the last, per account and per client address, so that
//! guessing passwords is slow however the guesses are spread.
//!
//! This module holds the policy; the counts live in the accounts store
//! (`Accounts::login_failures`), so every `accord serve` process on one
//! database, and the console beside a SQLite server, sees the same ones:
//! spreading guesses across processes gains an attacker nothing, and a
//! restart forgets nothing. A key quiet for a day is forgotten, so the
//! counts stay bounded. Times are Unix seconds, from the caller's clock.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use accord_store::accounts::{AccountError, Accounts, LoginFailures, Sweep};

/// Failures allowed before the back-off starts.
pub const FREE_FAILURES: u32 = 5;
/// The first wait after the free failures; each further failure doubles it.
pub const FIRST_WAIT: Duration = Duration::from_secs(30);
/// The longest wait.
pub const LONGEST_WAIT: Duration = Duration::from_secs(60 * 60);
/// How long the failures of a key that fails no more are remembered.
pub const FORGET_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Until when (Unix seconds) a key with these failures must wait, if it must.
fn blocked_until(failures: &LoginFailures) -> Option<i64> {
    let over = failures.failures.checked_sub(FREE_FAILURES)?;
    let wait = FIRST_WAIT
        .checked_mul(1u32.checked_shl(over).unwrap_or(u32::MAX))
        .unwrap_or(LONGEST_WAIT)
        .min(LONGEST_WAIT);
    Some(failures.last_at.saturating_add(seconds(wait)))
}

fn seconds(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}

/// How long the longest-blocked of `failures` still has to wait at `now`.
pub fn wait_for(failures: &[LoginFailures], now: i64) -> Option<Duration> {
    failures
        .iter()
        .filter_map(blocked_until)
        .filter(|until| *until > now)
        .map(|until| Duration::from_secs(until.abs_diff(now)))
        .max()
}

/// Failed logins by key (`account:EMAIL`, `address:IP`), counted in the
/// accounts store; this process keeps only its own total, for the metrics.
#[derive(Debug, Default)]
pub struct RateLimiter {
    /// Every failed attempt through this process since it started.
    failed_total: AtomicU64,
}

impl RateLimiter {
    /// How long the first of `keys` that must wait still has to, if any.
    pub fn wait(
        &self,
        accounts: &Accounts,
        keys: &[String],
        now: i64,
    ) -> Result<Option<Duration>, AccountError> {
        Ok(wait_for(&accounts.login_failures(keys)?, now))
    }

    /// Starts a login attempt on `keys`: the wait when one of them must
    /// wait (nothing is counted then), else none, and the attempt counts
    /// as a failure against every key until `succeeded` clears them. The
    /// check and the count are one step, taken one at a time by every
    /// process on the store, so guesses sent at once cannot all slip in.
    pub fn attempt(
        &self,
        accounts: &Accounts,
        keys: &[String],
        now: i64,
    ) -> Result<Option<Duration>, AccountError> {
        let sweep = Sweep {
            quiet_before: now.saturating_sub(seconds(FORGET_AFTER)),
            crowded_quiet_before: now.saturating_sub(seconds(LONGEST_WAIT)),
        };
        accounts.begin_login_attempt(keys, now, sweep, |found| wait_for(found, now))
    }

    /// Notes, for the metrics, that an attempt failed (the store counted
    /// it when it began).
    pub fn failed(&self) {
        self.failed_total.fetch_add(1, Ordering::Relaxed);
    }

    /// How many attempts failed through this process since it started.
    pub fn failures_total(&self) -> u64 {
        self.failed_total.load(Ordering::Relaxed)
    }

    /// Forgets the failures of `keys` after a successful login.
    pub fn succeeded(&self, accounts: &Accounts, keys: &[String]) -> Result<(), AccountError> {
        accounts.forget_login_failures(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_790_000_000;

    /// A limiter over a fresh accounts file, with what keeps the file.
    fn limiter() -> (RateLimiter, Accounts, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let accounts = Accounts::open_sqlite(&dir.path().join("accord.sqlite3")).unwrap();
        (RateLimiter::default(), accounts, dir)
    }

    /// One failed attempt on `keys` at `now`, which must not have to wait.
    fn fail(limiter: &RateLimiter, a: &Accounts, keys: &[String], now: i64) {
        assert_eq!(limiter.attempt(a, keys, now).unwrap(), None);
        limiter.failed();
    }

    #[test]
    fn five_failures_are_free_then_the_wait_doubles() {
        let (limiter, a, _dir) = limiter();
        let keys = vec!["account:a@example.org".to_owned()];
        let first = seconds(FIRST_WAIT);
        for _ in 0..FREE_FAILURES {
            assert_eq!(limiter.wait(&a, &keys, T0).unwrap(), None);
            fail(&limiter, &a, &keys, T0);
        }
        assert_eq!(limiter.wait(&a, &keys, T0).unwrap(), Some(FIRST_WAIT));
        // An attempt that must wait is refused, and not counted.
        assert_eq!(limiter.attempt(&a, &keys, T0).unwrap(), Some(FIRST_WAIT));
        assert_eq!(limiter.wait(&a, &keys, T0 + first).unwrap(), None);
        fail(&limiter, &a, &keys, T0 + first);
        assert_eq!(
            limiter.wait(&a, &keys, T0 + first).unwrap(),
            Some(FIRST_WAIT * 2)
        );
        // Failing each time the wait is over doubles it up to the longest.
        let mut now = T0 + first;
        for _ in 0..10 {
            now += limiter.wait(&a, &keys, now).unwrap().map_or(0, seconds);
            fail(&limiter, &a, &keys, now);
        }
        assert_eq!(limiter.wait(&a, &keys, now).unwrap(), Some(LONGEST_WAIT));
        limiter.succeeded(&a, &keys).unwrap();
        assert_eq!(limiter.wait(&a, &keys, now).unwrap(), None);
        assert_eq!(limiter.failures_total(), u64::from(FREE_FAILURES) + 11);
    }

    #[test]
    fn any_blocked_key_blocks() {
        let (limiter, a, _dir) = limiter();
        let address = "address:192.0.2.1".to_owned();
        for n in 0..FREE_FAILURES {
            fail(
                &limiter,
                &a,
                &[format!("account:user{n}@example.org"), address.clone()],
                T0,
            );
        }
        let fresh_account = "account:new@example.org".to_owned();
        assert!(
            limiter
                .wait(&a, std::slice::from_ref(&fresh_account), T0)
                .unwrap()
                .is_none()
        );
        assert!(
            limiter
                .attempt(&a, &[fresh_account, address], T0)
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn a_key_quiet_for_a_day_starts_afresh() {
        let (limiter, a, _dir) = limiter();
        let keys = vec!["address:203.0.113.9".to_owned()];
        for _ in 0..FREE_FAILURES {
            fail(&limiter, &a, &keys, T0);
        }
        // An hour later the wait is over, but the count still stands.
        let later = T0 + seconds(LONGEST_WAIT);
        assert_eq!(limiter.wait(&a, &keys, later).unwrap(), None);
        assert_eq!(a.login_failures(&keys).unwrap()[0].failures, FREE_FAILURES);
        // A day later another key's failure sweeps this one's count away.
        let next_day = T0 + seconds(FORGET_AFTER) + 1;
        fail(&limiter, &a, &["address:198.51.100.1".to_owned()], next_day);
        assert!(a.login_failures(&keys).unwrap().is_empty());
    }

    #[test]
    fn two_limiters_over_one_store_share_the_counts() {
        let (first, a, dir) = limiter();
        let other = Accounts::open_sqlite(&dir.path().join("accord.sqlite3")).unwrap();
        let second = RateLimiter::default();
        let keys = vec!["account:a@example.org".to_owned()];
        for n in 0..FREE_FAILURES {
            let (limiter, accounts) = if n % 2 == 0 {
                (&first, &a)
            } else {
                (&second, &other)
            };
            fail(limiter, accounts, &keys, T0);
        }
        assert_eq!(first.attempt(&a, &keys, T0).unwrap(), Some(FIRST_WAIT));
        assert_eq!(second.attempt(&other, &keys, T0).unwrap(), Some(FIRST_WAIT));
    }
}
