//! Failed logins, counted in the accounts' tables so that every process
//! on one database (and the console beside a SQLite server) sees the same
//! counts: guesses spread across processes add up as if they went to one.
//!
//! The store only counts; how long a key must wait is the web's policy.
//! A key (`account:EMAIL`, `address:IP`) is kept as its SHA-256, like a
//! token, so the table holds no text anyone typed: no address, no email,
//! and never a password or a token. Old counts are swept away as new
//! failures come, so the table stays bounded.

use super::db::{Db, Kind, P};
use super::{AccountError, Accounts, secret};

/// The advisory lock key that makes PostgreSQL check and count one login
/// attempt at a time ("logins" in ASCII).
const ATTEMPT_LOCK: i64 = 0x6c6f_6769_6e73;

/// The rows kept before the sweep also drops the merely quiet ones.
pub const MAX_FAILURE_ROWS: i64 = 100_000;

/// The failed logins counted against one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginFailures {
    /// Failures since the key's last success (or since it was forgotten).
    pub failures: u32,
    /// When the last one happened, in Unix seconds.
    pub last_at: i64,
}

/// Which counts a new failure sweeps away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sweep {
    /// Counts whose last failure is older than this are always forgotten.
    pub quiet_before: i64,
    /// With more than `MAX_FAILURE_ROWS` rows, counts whose last failure
    /// is older than this are forgotten too.
    pub crowded_quiet_before: i64,
}

impl Accounts {
    /// The failures counted against each of `keys` that has any.
    pub fn login_failures(&self, keys: &[String]) -> Result<Vec<LoginFailures>, AccountError> {
        failures_of(&mut self.db(), keys)
    }

    /// Counts one failed login at `now` against every one of `keys`, in
    /// one transaction, after sweeping away old counts (`sweep`).
    pub fn count_login_failure(
        &self,
        keys: &[String],
        now: i64,
        sweep: Sweep,
    ) -> Result<(), AccountError> {
        self.db().transaction(|db| {
            swept(db, sweep)?;
            counted(db, keys, now)
        })
    }

    /// Starts a login attempt: unless `must_wait` finds in the failures
    /// of `keys` a reason to wait (answered, and nothing counted), counts
    /// the attempt as a failure at `now` until it succeeds
    /// (`forget_login_failures`). Attempts are checked and counted one at
    /// a time across every process, so a burst of guesses sent at once
    /// cannot all pass the check before any of them is counted.
    pub fn begin_login_attempt<W>(
        &self,
        keys: &[String],
        now: i64,
        sweep: Sweep,
        must_wait: impl FnOnce(&[LoginFailures]) -> Option<W>,
    ) -> Result<Option<W>, AccountError> {
        self.db().serialised_transaction(ATTEMPT_LOCK, |db| {
            if let Some(wait) = must_wait(&failures_of(db, keys)?) {
                return Ok(Some(wait));
            }
            swept(db, sweep)?;
            counted(db, keys, now)?;
            Ok(None)
        })
    }

    /// Forgets the failures of `keys` (after a successful login).
    pub fn forget_login_failures(&self, keys: &[String]) -> Result<(), AccountError> {
        self.db().transaction(|db| {
            for key in keys {
                db.execute(
                    "DELETE FROM account_login_failures WHERE key_hash = $1",
                    &[P::Text(&secret::token_hash(key))],
                )?;
            }
            Ok(())
        })
    }
}

/// The failures counted against each of `keys` that has any.
fn failures_of(db: &mut Db, keys: &[String]) -> Result<Vec<LoginFailures>, AccountError> {
    let mut found = Vec::new();
    for key in keys {
        let rows = db.query(
            "SELECT failures, last_at FROM account_login_failures WHERE key_hash = $1",
            &[P::Text(&secret::token_hash(key))],
            &[Kind::Int, Kind::Int],
        )?;
        found.extend(rows.iter().map(|r| LoginFailures {
            failures: u32::try_from(r[0].int().unwrap_or(0)).unwrap_or(u32::MAX),
            last_at: r[1].int().unwrap_or(0),
        }));
    }
    Ok(found)
}

/// Adds one failure at `now` to each of `keys`.
fn counted(db: &mut Db, keys: &[String], now: i64) -> Result<(), AccountError> {
    for key in keys {
        db.execute(
            "INSERT INTO account_login_failures (key_hash, failures, last_at) \
             VALUES ($1, 1, $2) \
             ON CONFLICT (key_hash) DO UPDATE \
             SET failures = account_login_failures.failures + 1, last_at = excluded.last_at",
            &[P::Text(&secret::token_hash(key)), P::Int(now)],
        )?;
    }
    Ok(())
}

/// Deletes the counts `sweep` lets go.
fn swept(db: &mut Db, sweep: Sweep) -> Result<(), AccountError> {
    db.execute(
        "DELETE FROM account_login_failures WHERE last_at < $1",
        &[P::Int(sweep.quiet_before)],
    )?;
    // Counting stops one row past the bound, so the check stays cheap.
    let rows = db
        .query(
            "SELECT COUNT(*) FROM \
             (SELECT 1 FROM account_login_failures LIMIT $1) AS kept",
            &[P::Int(MAX_FAILURE_ROWS + 1)],
            &[Kind::Int],
        )?
        .first()
        .and_then(|r| r[0].int())
        .unwrap_or(0);
    if rows > MAX_FAILURE_ROWS {
        db.execute(
            "DELETE FROM account_login_failures WHERE last_at < $1",
            &[P::Int(sweep.crowded_quiet_before)],
        )?;
    }
    Ok(())
}
