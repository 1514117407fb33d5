//! The accounts' behaviour, the same over SQLite (a file in a temporary
//! folder) and PostgreSQL (a fresh schema in the server named by
//! `ACCORD_TEST_DATABASE_URL`, which `scripts/test` sets: without it the
//! PostgreSQL cases fail and say so, they never skip).

use std::sync::atomic::{AtomicU32, Ordering};

use super::*;

const DATABASE_URL_VAR: &str = "ACCORD_TEST_DATABASE_URL";
const PASSWORD: &str = "correct horse battery";
const NOW: i64 = 1_790_000_000;

/// A fresh accounts store on one backend, with what keeps it alive.
struct Fresh {
    accounts: Accounts,
    _dir: Option<tempfile::TempDir>,
    reopen: Box<dyn Fn() -> Accounts>,
    /// The PostgreSQL schema and a connection to drop it with.
    schema: Option<(postgres::Client, String)>,
}

impl Drop for Fresh {
    fn drop(&mut self) {
        if let Some((admin, schema)) = &mut self.schema {
            let _ = admin.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}

fn sqlite() -> Fresh {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("accord.sqlite3");
    let accounts = Accounts::open_sqlite(&path).expect("SQLite accounts");
    Fresh {
        accounts,
        _dir: Some(dir),
        reopen: Box::new(move || Accounts::open_sqlite(&path).expect("reopened")),
        schema: None,
    }
}

fn postgres() -> Fresh {
    let base = match std::env::var(DATABASE_URL_VAR) {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "{DATABASE_URL_VAR} is not set: the PostgreSQL accounts tests need a server. \
             Run scripts/test, which starts a private PostgreSQL cluster and sets it."
        ),
    };
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let schema = format!(
        "accord_accounts_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let mut admin = postgres::Client::connect(&base, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to {DATABASE_URL_VAR} ({base}): {e}"));
    admin
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .expect("a fresh schema");
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-csearch_path%3D{schema}");
    let accounts = Accounts::connect_postgres(&url).expect("PostgreSQL accounts");
    Fresh {
        accounts,
        _dir: None,
        reopen: Box::new(move || Accounts::connect_postgres(&url).expect("reconnected")),
        schema: Some((admin, schema)),
    }
}

macro_rules! each_backend {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite { $( #[test] fn $name() { super::$name(super::sqlite()); } )* }
        mod on_postgres { $( #[test] fn $name() { super::$name(super::postgres()); } )* }
    };
}

each_backend!(
    logins_check_passwords_and_refuse_duplicates,
    set_password_replaces_it_and_ends_sessions,
    sessions_expire_and_go_idle,
    links_work_once_and_expire,
    a_new_setup_link_replaces_the_unused_one,
    api_tokens_work_until_revoked,
    a_calendar_token_opens_one_feed_until_replaced_or_revoked,
    node_credentials_work_until_revoked_and_are_kept_hashed,
    a_store_at_version_4_gains_node_credentials,
    reopening_keeps_everything_and_migrates_once,
    failed_logins_are_counted_per_key_and_forgotten,
    failed_logins_are_kept_hashed_and_swept,
    two_connections_share_the_failed_logins,
    an_attempt_is_counted_unless_it_must_wait,
    attempts_at_once_through_several_connections_are_counted_one_by_one,
);

fn logins_check_passwords_and_refuse_duplicates(db: Fresh) {
    let a = &db.accounts;
    assert_eq!(a.login_count().unwrap(), 0);
    let email = a
        .create_login(" Aysel@MFA.gov.az ", "az-coord", Some(PASSWORD), NOW)
        .unwrap();
    assert_eq!(email, "aysel@mfa.gov.az");
    assert_eq!(a.login_count().unwrap(), 1);
    assert_eq!(
        a.check_password("AYSEL@mfa.gov.az", PASSWORD)
            .unwrap()
            .as_deref(),
        Some("az-coord")
    );
    assert_eq!(
        a.check_password("aysel@mfa.gov.az", "wrong password!")
            .unwrap(),
        None
    );
    assert_eq!(
        a.check_password("nobody@example.org", PASSWORD).unwrap(),
        None
    );
    assert!(matches!(
        a.create_login("aysel@mfa.gov.az", "someone-else", None, NOW),
        Err(AccountError::EmailTaken(_))
    ));
    assert!(matches!(
        a.create_login("other@mfa.gov.az", "az-coord", None, NOW),
        Err(AccountError::PersonHasLogin(_))
    ));
    assert!(matches!(
        a.create_login("not an address", "x", None, NOW),
        Err(AccountError::BadEmail(_))
    ));
    assert!(matches!(
        a.create_login("short@example.org", "y", Some("short"), NOW),
        Err(AccountError::WeakPassword(_))
    ));
    // A login without a password yet cannot log in.
    a.create_login("invited@state.gov", "us-coord", None, NOW)
        .unwrap();
    assert_eq!(a.check_password("invited@state.gov", "").unwrap(), None);
    assert_eq!(
        a.email_of("us-coord").unwrap().as_deref(),
        Some("invited@state.gov")
    );
    let logins = a.logins().unwrap();
    assert_eq!(logins.len(), 2);
    assert!(!logins[1].has_password && logins[0].has_password);
}

fn set_password_replaces_it_and_ends_sessions(db: Fresh) {
    let a = &db.accounts;
    a.create_login("a@example.org", "p1", Some(PASSWORD), NOW)
        .unwrap();
    let session = a.open_session("a@example.org", NOW).unwrap();
    assert!(a.session(&session.token, NOW).unwrap().is_some());
    a.set_password("a@example.org", "another long password")
        .unwrap();
    assert_eq!(a.check_password("a@example.org", PASSWORD).unwrap(), None);
    assert!(
        a.check_password("a@example.org", "another long password")
            .unwrap()
            .is_some()
    );
    assert_eq!(a.session(&session.token, NOW).unwrap(), None);
    assert!(matches!(
        a.set_password("b@example.org", PASSWORD),
        Err(AccountError::NoSuchLogin(_))
    ));
}

fn sessions_expire_and_go_idle(db: Fresh) {
    let a = &db.accounts;
    a.create_login("a@example.org", "p1", Some(PASSWORD), NOW)
        .unwrap();
    let s = a.open_session("a@example.org", NOW).unwrap();
    assert_ne!(s.token, s.csrf);
    let live = a.session(&s.token, NOW + 10).unwrap().unwrap();
    assert_eq!(
        (live.person.as_str(), live.email.as_str()),
        ("p1", "a@example.org")
    );
    assert_eq!(live.csrf, s.csrf);
    assert_eq!(a.session("not-a-token", NOW).unwrap(), None);
    // Used every 50 minutes, it lives until its absolute expiry.
    let mut t = NOW;
    while t + 3000 < NOW + SESSION_LIFETIME {
        t += 3000;
        assert!(a.session(&s.token, t).unwrap().is_some(), "at +{}", t - NOW);
    }
    assert_eq!(a.session(&s.token, NOW + SESSION_LIFETIME).unwrap(), None);
    // Idle for an hour, it ends.
    let idle = a.open_session("a@example.org", NOW).unwrap();
    assert_eq!(a.session(&idle.token, NOW + SESSION_IDLE).unwrap(), None);
    // Closed, it ends.
    let closed = a.open_session("a@example.org", NOW).unwrap();
    a.close_session(&closed.token).unwrap();
    assert_eq!(a.session(&closed.token, NOW).unwrap(), None);
    assert!(matches!(
        a.open_session("nobody@example.org", NOW),
        Err(AccountError::NoSuchLogin(_))
    ));
}

fn links_work_once_and_expire(db: Fresh) {
    let a = &db.accounts;
    let invitation = Link {
        purpose: Purpose::Invitation,
        person: Some("us-coord".into()),
        email: Some("Jo@State.gov".into()),
    };
    let token = a.issue_link(&invitation, NOW).unwrap();
    let peeked = a
        .peek_link(Purpose::Invitation, &token, NOW)
        .unwrap()
        .unwrap();
    assert_eq!(peeked.email.as_deref(), Some("jo@state.gov"));
    assert_eq!(
        a.peek_link(Purpose::Setup, &token, NOW).unwrap(),
        None,
        "wrong purpose"
    );
    let used = a.use_link(Purpose::Invitation, &token, NOW + 1).unwrap();
    assert_eq!(used.person.as_deref(), Some("us-coord"));
    assert!(matches!(
        a.use_link(Purpose::Invitation, &token, NOW + 2),
        Err(AccountError::BadLink)
    ));
    let late = a.issue_link(&invitation, NOW).unwrap();
    assert!(matches!(
        a.use_link(Purpose::Invitation, &late, NOW + LINK_LIFETIME),
        Err(AccountError::BadLink)
    ));
}

fn a_new_setup_link_replaces_the_unused_one(db: Fresh) {
    let a = &db.accounts;
    let setup = Link {
        purpose: Purpose::Setup,
        person: None,
        email: None,
    };
    let first = a.issue_link(&setup, NOW).unwrap();
    let second = a.issue_link(&setup, NOW + 5).unwrap();
    assert_eq!(a.peek_link(Purpose::Setup, &first, NOW + 6).unwrap(), None);
    assert!(a.use_link(Purpose::Setup, &second, NOW + 6).is_ok());
}

fn api_tokens_work_until_revoked(db: Fresh) {
    let a = &db.accounts;
    let token = a
        .issue_api_token("auditor-1", "nightly check", Scope::Read, NOW)
        .unwrap();
    let writer = a
        .issue_api_token("az-coord", "sync", Scope::Write, NOW)
        .unwrap();
    assert_eq!(
        a.api_token(&token).unwrap(),
        Some(ApiToken {
            person: "auditor-1".into(),
            scope: Scope::Read
        })
    );
    assert_eq!(a.api_token(&writer).unwrap().unwrap().scope, Scope::Write);
    assert_eq!(a.api_token("forged").unwrap(), None);
    assert!(a.revoke_api_token(&token, NOW + 1).unwrap());
    assert!(!a.revoke_api_token(&token, NOW + 2).unwrap());
    assert_eq!(a.api_token(&token).unwrap(), None);
}

fn a_calendar_token_opens_one_feed_until_replaced_or_revoked(db: Fresh) {
    let a = &db.accounts;
    assert_eq!(a.calendar_token_issued("az-coord").unwrap(), None);
    let first = a.issue_calendar_token("az-coord", NOW).unwrap();
    let other = a.issue_calendar_token("us-coord", NOW).unwrap();
    assert_ne!(first, other);
    assert_eq!(
        a.calendar_token(&first).unwrap().as_deref(),
        Some("az-coord")
    );
    assert_eq!(a.calendar_token_issued("az-coord").unwrap(), Some(NOW));
    // A new token replaces the old one.
    let second = a.issue_calendar_token("az-coord", NOW + 5).unwrap();
    assert_eq!(a.calendar_token(&first).unwrap(), None);
    assert_eq!(
        a.calendar_token(&second).unwrap().as_deref(),
        Some("az-coord")
    );
    assert_eq!(a.calendar_token_issued("az-coord").unwrap(), Some(NOW + 5));
    // Only its hash is kept.
    let stored = a
        .db()
        .query(
            "SELECT token_hash FROM account_calendar_tokens",
            &[],
            &[Kind::Text],
        )
        .unwrap();
    assert!(stored.iter().all(|r| r[0].text() != Some(second.clone())));
    // Revoked, it opens nothing; the other person's still works.
    assert!(a.revoke_calendar_token("az-coord", NOW + 6).unwrap());
    assert!(!a.revoke_calendar_token("az-coord", NOW + 7).unwrap());
    assert_eq!(a.calendar_token(&second).unwrap(), None);
    assert_eq!(a.calendar_token_issued("az-coord").unwrap(), None);
    assert_eq!(
        a.calendar_token(&other).unwrap().as_deref(),
        Some("us-coord")
    );
    // An API token is not a calendar token, nor the other way round.
    assert_eq!(a.api_token(&other).unwrap(), None);
    assert_eq!(a.calendar_token("forged").unwrap(), None);
}

fn node_credentials_work_until_revoked_and_are_kept_hashed(db: Fresh) {
    let a = &db.accounts;
    assert_eq!(a.node_credentials().unwrap(), vec![]);
    let az = a.issue_node_credential("AZ", "Baku node", NOW).unwrap();
    let us = a.issue_node_credential("US", "", NOW + 1).unwrap();
    assert_ne!(az.id, us.id);
    assert_ne!(az.token, us.token);
    assert!(az.id.starts_with("node-") && az.id.len() == 21, "{}", az.id);
    assert_eq!(
        a.node_access(&az.token).unwrap(),
        NodeAccess::Live {
            id: az.id.clone(),
            party: "AZ".into()
        }
    );
    assert_eq!(a.node_access("forged").unwrap(), NodeAccess::Unknown);
    // Only its hash is kept.
    let stored = a
        .db()
        .query(
            "SELECT token_hash FROM account_node_credentials",
            &[],
            &[Kind::Text],
        )
        .unwrap();
    assert_eq!(stored.len(), 2);
    assert!(
        stored
            .iter()
            .all(|r| r[0].text() != Some(az.token.clone()) && r[0].text() != Some(us.token.clone()))
    );
    // Neither is an API token or a calendar token, nor the other way round.
    assert_eq!(a.api_token(&az.token).unwrap(), None);
    assert_eq!(a.calendar_token(&az.token).unwrap(), None);
    let api = a
        .issue_api_token("auditor-1", "nightly", Scope::Read, NOW)
        .unwrap();
    assert_eq!(a.node_access(&api).unwrap(), NodeAccess::Unknown);
    // Revoked by its id, once; the other still works.
    assert!(a.revoke_node_credential(&az.id, NOW + 5).unwrap());
    assert!(!a.revoke_node_credential(&az.id, NOW + 6).unwrap());
    assert!(!a.revoke_node_credential("node-unknown", NOW + 6).unwrap());
    assert_eq!(a.node_access(&az.token).unwrap(), NodeAccess::Revoked);
    assert!(matches!(
        a.node_access(&us.token).unwrap(),
        NodeAccess::Live { .. }
    ));
    assert_eq!(
        a.node_credentials().unwrap(),
        vec![
            NodeCredential {
                id: az.id.clone(),
                party: "AZ".into(),
                name: "Baku node".into(),
                created_at: NOW,
                revoked_at: Some(NOW + 5),
            },
            NodeCredential {
                id: us.id.clone(),
                party: "US".into(),
                name: String::new(),
                created_at: NOW + 1,
                revoked_at: None,
            },
        ]
    );
    // They outlive the connection.
    let again = (db.reopen)();
    assert_eq!(again.node_access(&az.token).unwrap(), NodeAccess::Revoked);
    assert_eq!(again.node_credentials().unwrap().len(), 2);
}

fn a_store_at_version_4_gains_node_credentials(db: Fresh) {
    // Back to version 4, as an instance made before node credentials.
    let api = db
        .accounts
        .issue_api_token("auditor-1", "nightly", Scope::Read, NOW)
        .unwrap();
    {
        let mut d = db.accounts.db();
        d.batch("DROP TABLE account_node_credentials").unwrap();
        d.execute(
            "DELETE FROM account_migrations WHERE version >= $1",
            &[P::Int(5)],
        )
        .unwrap();
    }
    let again = (db.reopen)();
    let versions: Vec<i64> = again
        .db()
        .query(
            "SELECT version FROM account_migrations ORDER BY version",
            &[],
            &[Kind::Int],
        )
        .unwrap()
        .iter()
        .filter_map(|r| r[0].int())
        .collect();
    assert_eq!(versions, (1..=ACCOUNTS_SCHEMA_VERSION).collect::<Vec<_>>());
    assert_eq!(ACCOUNTS_SCHEMA_VERSION, 5);
    assert!(again.api_token(&api).unwrap().is_some());
    let node = again.issue_node_credential("US", "DC node", NOW).unwrap();
    assert!(matches!(
        again.node_access(&node.token).unwrap(),
        NodeAccess::Live { .. }
    ));
}

fn reopening_keeps_everything_and_migrates_once(db: Fresh) {
    db.accounts
        .create_login("a@example.org", "p1", Some(PASSWORD), NOW)
        .unwrap();
    let s = db.accounts.open_session("a@example.org", NOW).unwrap();
    let again = (db.reopen)();
    assert!(again.session(&s.token, NOW).unwrap().is_some());
    assert_eq!(again.login_count().unwrap(), 1);
    let versions = again
        .db()
        .query("SELECT version FROM account_migrations", &[], &[Kind::Int])
        .unwrap();
    let versions: Vec<i64> = versions.iter().filter_map(|r| r[0].int()).collect();
    assert_eq!(versions, (1..=ACCOUNTS_SCHEMA_VERSION).collect::<Vec<_>>());
}

/// A sweep that forgets nothing.
const KEEP_ALL: Sweep = Sweep {
    quiet_before: i64::MIN,
    crowded_quiet_before: i64::MIN,
};

fn keys(list: &[&str]) -> Vec<String> {
    list.iter().map(|k| (*k).to_owned()).collect()
}

fn failed_logins_are_counted_per_key_and_forgotten(db: Fresh) {
    let a = &db.accounts;
    let both = keys(&["account:a@example.org", "address:192.0.2.1"]);
    assert_eq!(a.login_failures(&both).unwrap(), vec![]);
    a.count_login_failure(&both, NOW, KEEP_ALL).unwrap();
    a.count_login_failure(&both[1..], NOW + 7, KEEP_ALL)
        .unwrap();
    assert_eq!(
        a.login_failures(&both).unwrap(),
        vec![
            LoginFailures {
                failures: 1,
                last_at: NOW
            },
            LoginFailures {
                failures: 2,
                last_at: NOW + 7
            },
        ]
    );
    a.forget_login_failures(&both[..1]).unwrap();
    assert_eq!(a.login_failures(&both[..1]).unwrap(), vec![]);
    assert_eq!(a.login_failures(&both[1..]).unwrap().len(), 1);
}

fn failed_logins_are_kept_hashed_and_swept(db: Fresh) {
    let a = &db.accounts;
    let old = keys(&["account:old@example.org"]);
    let new = keys(&["account:new@example.org", "address:2001:db8::1"]);
    a.count_login_failure(&old, NOW, KEEP_ALL).unwrap();
    // Nothing anyone typed is kept: only the keys' hashes.
    let stored = a
        .db()
        .query(
            "SELECT key_hash FROM account_login_failures",
            &[],
            &[Kind::Text],
        )
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0][0].text(), Some(secret::token_hash(&old[0])));
    // A day later a new failure sweeps the quiet count away.
    let sweep = Sweep {
        quiet_before: NOW + 1,
        crowded_quiet_before: NOW + 1,
    };
    a.count_login_failure(&new, NOW + 86_400, sweep).unwrap();
    assert_eq!(a.login_failures(&old).unwrap(), vec![]);
    assert_eq!(a.login_failures(&new).unwrap().len(), 2);
}

fn two_connections_share_the_failed_logins(db: Fresh) {
    let other = (db.reopen)();
    let key = keys(&["address:198.51.100.7"]);
    for n in 0..3 {
        let through = if n % 2 == 0 { &db.accounts } else { &other };
        through
            .count_login_failure(&key, NOW + n, KEEP_ALL)
            .unwrap();
    }
    let seen = db.accounts.login_failures(&key).unwrap();
    assert_eq!(seen, other.login_failures(&key).unwrap());
    assert_eq!(seen[0].failures, 3);
    other.forget_login_failures(&key).unwrap();
    assert_eq!(db.accounts.login_failures(&key).unwrap(), vec![]);
}

/// Waits once a key has three failures (a small policy, for the tests).
fn three_free(found: &[LoginFailures]) -> Option<u32> {
    found.iter().map(|f| f.failures).find(|n| *n >= 3)
}

fn an_attempt_is_counted_unless_it_must_wait(db: Fresh) {
    let a = &db.accounts;
    let key = keys(&["account:a@example.org"]);
    for _ in 0..3 {
        assert_eq!(
            a.begin_login_attempt(&key, NOW, KEEP_ALL, three_free)
                .unwrap(),
            None
        );
    }
    assert_eq!(
        a.begin_login_attempt(&key, NOW + 1, KEEP_ALL, three_free)
            .unwrap(),
        Some(3)
    );
    // The refused attempt was not counted.
    assert_eq!(
        a.login_failures(&key).unwrap(),
        vec![LoginFailures {
            failures: 3,
            last_at: NOW
        }]
    );
}

fn attempts_at_once_through_several_connections_are_counted_one_by_one(db: Fresh) {
    let key = keys(&["address:192.0.2.44"]);
    let connections: Vec<Accounts> = (0..4).map(|_| (db.reopen)()).collect();
    let passed: usize = std::thread::scope(|scope| {
        let tries: Vec<_> = connections
            .iter()
            .flat_map(|a| [a, a])
            .map(|a| {
                let key = &key;
                scope.spawn(move || {
                    a.begin_login_attempt(key, NOW, KEEP_ALL, three_free)
                        .unwrap()
                        .is_none()
                })
            })
            .collect();
        tries
            .into_iter()
            .map(|t| usize::from(t.join().unwrap()))
            .sum()
    });
    assert_eq!(
        passed, 3,
        "only the free attempts pass, however many at once"
    );
    assert_eq!(db.accounts.login_failures(&key).unwrap()[0].failures, 3);
}
