//! Accounts: who may log in as which person of the record, and the
//! secrets that prove it. Secrets are not events: password hashes,
//! sessions, one-time links and API tokens live here, in tables of their
//! own (`account_*`) beside the log, never in it. Who holds which role is
//! part of the record, and stays there.
//!
//! - A **login** links an email address to a person of the record, with an
//!   Argon2id password hash (none until the person sets one).
//! - A **session** is a random token kept hashed, with its CSRF token, an
//!   absolute expiry and an idle timeout.
//! - A **one-time token** (the first administrator's setup link, an
//!   invitation to set a password) is kept hashed and works once.
//! - An **API token** lets a script act as a person until it is revoked:
//!   reading only, or recording commands too (its scope).
//! - A **calendar token** lets a calendar program read one person's
//!   calendar feed, and nothing else (it travels in a URL, so it is worth
//!   less than an API token); a person has at most one live, and a new one
//!   revokes the old.
//! - A **node credential** lets a party's own node (a copy of the log kept
//!   by that party) read the log's entries from this instance, and nothing
//!   else: one per node, named by a public id, revocable by that id.
//! - **Failed logins** are counted per key (an account, a client address),
//!   kept hashed, so that every process sees the same counts (`attempts`).
//!
//! The same calls work over SQLite (a connection of its own to the
//! instance's file) and PostgreSQL (a client of its own), as the tests of
//! both show. Times are Unix seconds, given by the caller.

mod attempts;
mod db;
pub mod secret;
#[cfg(test)]
mod tests;

use std::path::Path;
use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};

pub use attempts::{LoginFailures, MAX_FAILURE_ROWS, Sweep};
pub use db::ACCOUNTS_SCHEMA_VERSION;
use db::{Db, Kind, P};

/// How long a session lasts at most, in seconds: twelve hours.
pub const SESSION_LIFETIME: i64 = 12 * 60 * 60;
/// How long a session survives without a request, in seconds: one hour.
pub const SESSION_IDLE: i64 = 60 * 60;
/// A session's last use is written at most this often, in seconds.
const TOUCH_EVERY: i64 = 60;
/// How long a setup or invitation link works, in seconds: seven days.
pub const LINK_LIFETIME: i64 = 7 * 24 * 60 * 60;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("the connection to the accounts' PostgreSQL database was lost in a transaction")]
    ConnectionLost,
    #[error("the accounts' SQLite database failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the accounts' PostgreSQL database failed: {0}")]
    Postgres(#[from] postgres::Error),
    #[error("the accounts' tables are at schema version {found}, newer than this accord's {known}")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("{0:?} is not an email address")]
    BadEmail(String),
    #[error("{0}")]
    WeakPassword(String),
    #[error("{0} already has a login")]
    EmailTaken(String),
    #[error("person {0} already has a login")]
    PersonHasLogin(String),
    #[error("there is no login for {0}")]
    NoSuchLogin(String),
    #[error("this link is unknown, used or expired")]
    BadLink,
    #[error("password hashing failed: {0}")]
    Hashing(String),
    #[error("no randomness available: {0}")]
    Randomness(String),
}

impl AccountError {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        if self.is_unavailable() {
            return "store_unavailable";
        }
        match self {
            AccountError::Sqlite(_) | AccountError::Postgres(_) => "accounts_store",
            AccountError::ConnectionLost => "store_unavailable",
            AccountError::SchemaTooNew { .. } => "accounts_schema_too_new",
            AccountError::BadEmail(_) => "bad_email",
            AccountError::WeakPassword(_) => "weak_password",
            AccountError::EmailTaken(_) | AccountError::PersonHasLogin(_) => "login_exists",
            AccountError::NoSuchLogin(_) => "no_login",
            AccountError::BadLink => "bad_link",
            AccountError::Hashing(_) | AccountError::Randomness(_) => "accounts_internal",
        }
    }

    /// Whether the database cannot be reached now (PostgreSQL down or
    /// restarting): the request may succeed later.
    pub fn is_unavailable(&self) -> bool {
        match self {
            AccountError::ConnectionLost => true,
            AccountError::Postgres(e) => crate::pg_client::is_unavailable(e),
            AccountError::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ),
            _ => false,
        }
    }

    /// Whether the user can fix it (rather than a fault of the server).
    pub fn is_users(&self) -> bool {
        matches!(
            self,
            AccountError::BadEmail(_)
                | AccountError::WeakPassword(_)
                | AccountError::EmailTaken(_)
                | AccountError::PersonHasLogin(_)
                | AccountError::NoSuchLogin(_)
                | AccountError::BadLink
        )
    }
}

/// What a one-time token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Creating the first administrator of a new instance.
    Setup,
    /// Setting the password of an invited person.
    Invitation,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Setup => "setup",
            Purpose::Invitation => "invitation",
        }
    }
}

/// A one-time token's details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub purpose: Purpose,
    /// The invited person (none for setup).
    pub person: Option<String>,
    /// The invited address (none for setup).
    pub email: Option<String>,
}

/// A new session: the cookie's token and the session's CSRF token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token: String,
    pub csrf: String,
}

/// A live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub person: String,
    pub email: String,
    pub csrf: String,
    pub expires_at: i64,
}

/// What an API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Read what its person may see.
    Read,
    /// Also record commands as its person.
    Write,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }

    /// A scope from its name (`read`, `write`).
    pub fn parse(name: &str) -> Option<Scope> {
        match name.trim() {
            "read" => Some(Scope::Read),
            "write" => Some(Scope::Write),
            _ => None,
        }
    }
}

/// The person an API token acts as, and what it may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub person: String,
    pub scope: Scope,
}

/// A party's node credential, as an administrator lists it (never the
/// token, which only its hash stands for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeCredential {
    /// The public id that names it (`node-` and 16 hex digits).
    pub id: String,
    /// The party whose node it is (`AZ`).
    pub party: String,
    /// What the administrator called it.
    pub name: String,
    pub created_at: i64,
    /// When it was revoked; none while it works.
    pub revoked_at: Option<i64>,
}

/// A node credential just issued: its id and the token, shown only now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNodeCredential {
    pub id: String,
    pub token: String,
}

/// What a node credential presented to the server is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeAccess {
    /// A live credential of this party's node.
    Live { id: String, party: String },
    /// A credential that was revoked.
    Revoked,
    /// No credential has this token.
    Unknown,
}

/// A login as an administrator lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login {
    pub email: String,
    pub person: String,
    pub has_password: bool,
}

/// A hash of a random password nobody knows: checking a password against
/// it when a login is missing costs what a real check costs.
static DECOY: LazyLock<Option<String>> = LazyLock::new(|| {
    secret::new_token()
        .and_then(|password| secret::hash_password(&password))
        .ok()
});

/// The accounts of one instance.
#[derive(Debug)]
pub struct Accounts {
    db: Mutex<Db>,
}

/// An email address, trimmed and lowercased, or why it is not one.
pub fn normalise_email(email: &str) -> Result<String, AccountError> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.contains('@')
        });
    if valid {
        Ok(email)
    } else {
        Err(AccountError::BadEmail(email))
    }
}

impl Accounts {
    /// The accounts in the SQLite file at `path` (the instance's own file).
    pub fn open_sqlite(path: &Path) -> Result<Accounts, AccountError> {
        Ok(Accounts {
            db: Mutex::new(Db::open_sqlite(path)?),
        })
    }

    /// The accounts in the PostgreSQL database at `url` (no TLS).
    /// The connection comes back by itself after the server restarts.
    pub fn connect_postgres(url: &str) -> Result<Accounts, AccountError> {
        Ok(Accounts {
            db: Mutex::new(Db::from_pg_client(crate::pg_client::connect(url)?)?),
        })
    }

    /// The accounts over an open PostgreSQL connection (with its `search_path`).
    pub fn from_postgres(client: postgres::Client) -> Result<Accounts, AccountError> {
        Ok(Accounts {
            db: Mutex::new(Db::from_postgres(client)?),
        })
    }

    fn db(&self) -> MutexGuard<'_, Db> {
        self.db.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many logins exist (none on a new instance).
    pub fn login_count(&self) -> Result<i64, AccountError> {
        Ok(self
            .db()
            .query("SELECT COUNT(*) FROM account_logins", &[], &[Kind::Int])?
            .first()
            .and_then(|r| r[0].int())
            .unwrap_or(0))
    }

    /// Every login, by email.
    pub fn logins(&self) -> Result<Vec<Login>, AccountError> {
        let rows = self.db().query(
            "SELECT email, person, password_hash FROM account_logins ORDER BY email",
            &[],
            &[Kind::Text, Kind::Text, Kind::Text],
        )?;
        Ok(rows
            .into_iter()
            .map(|r| Login {
                email: r[0].text().unwrap_or_default(),
                person: r[1].text().unwrap_or_default(),
                has_password: r[2].text().is_some(),
            })
            .collect())
    }

    /// Links `email` to `person`, with a password or none yet.
    pub fn create_login(
        &self,
        email: &str,
        person: &str,
        password: Option<&str>,
        now: i64,
    ) -> Result<String, AccountError> {
        let email = normalise_email(email)?;
        let hash = password.map(secret::hash_password).transpose()?;
        let mut db = self.db();
        let taken = db.query(
            "SELECT email, person FROM account_logins WHERE email = $1 OR person = $2",
            &[P::Text(&email), P::Text(person)],
            &[Kind::Text, Kind::Text],
        )?;
        if let Some(row) = taken.first() {
            return Err(if row[0].text().as_deref() == Some(email.as_str()) {
                AccountError::EmailTaken(email)
            } else {
                AccountError::PersonHasLogin(person.to_owned())
            });
        }
        db.execute(
            "INSERT INTO account_logins (email, person, password_hash, created_at) VALUES ($1, $2, $3, $4)",
            &[
                P::Text(&email),
                P::Text(person),
                hash.as_deref().map_or(P::NullText, P::Text),
                P::Int(now),
            ],
        )?;
        Ok(email)
    }

    /// Sets the password of the login `email`, and ends its sessions.
    pub fn set_password(&self, email: &str, password: &str) -> Result<(), AccountError> {
        let email = normalise_email(email)?;
        let hash = secret::hash_password(password)?;
        let mut db = self.db();
        let changed = db.execute(
            "UPDATE account_logins SET password_hash = $1 WHERE email = $2",
            &[P::Text(&hash), P::Text(&email)],
        )?;
        if changed == 0 {
            return Err(AccountError::NoSuchLogin(email));
        }
        db.execute(
            "DELETE FROM account_sessions WHERE email = $1",
            &[P::Text(&email)],
        )?;
        Ok(())
    }

    /// The person whose login `email` has `password`; none when either is
    /// wrong (a missing login costs a hash too, so timing tells nothing).
    pub fn check_password(
        &self,
        email: &str,
        password: &str,
    ) -> Result<Option<String>, AccountError> {
        let Ok(email) = normalise_email(email) else {
            return Ok(None);
        };
        let row = self
            .db()
            .query(
                "SELECT person, password_hash FROM account_logins WHERE email = $1",
                &[P::Text(&email)],
                &[Kind::Text, Kind::Text],
            )?
            .into_iter()
            .next();
        match row.map(|r| (r[0].text(), r[1].text())) {
            Some((Some(person), Some(hash))) => {
                Ok(secret::verify_password(password, &hash).then_some(person))
            }
            _ => {
                if let Some(decoy) = DECOY.as_deref() {
                    let _ = secret::verify_password(password, decoy);
                }
                Ok(None)
            }
        }
    }

    /// The login of `person`, if any.
    pub fn email_of(&self, person: &str) -> Result<Option<String>, AccountError> {
        Ok(self
            .db()
            .query(
                "SELECT email FROM account_logins WHERE person = $1",
                &[P::Text(person)],
                &[Kind::Text],
            )?
            .first()
            .and_then(|r| r[0].text()))
    }

    /// Issues a one-time token; answers the token itself, shown only now.
    /// A new setup token replaces the unused ones.
    pub fn issue_link(&self, link: &Link, now: i64) -> Result<String, AccountError> {
        let token = secret::new_token()?;
        let email = link.email.as_deref().map(normalise_email).transpose()?;
        let mut db = self.db();
        if link.purpose == Purpose::Setup {
            db.execute(
                "DELETE FROM account_tokens WHERE purpose = $1 AND used_at IS NULL",
                &[P::Text(Purpose::Setup.as_str())],
            )?;
        }
        db.execute(
            "INSERT INTO account_tokens (token_hash, purpose, person, email, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                P::Text(&secret::token_hash(&token)),
                P::Text(link.purpose.as_str()),
                link.person.as_deref().map_or(P::NullText, P::Text),
                email.as_deref().map_or(P::NullText, P::Text),
                P::Int(now),
                P::Int(now + LINK_LIFETIME),
            ],
        )?;
        Ok(token)
    }

    /// The details of a usable one-time token, without using it.
    pub fn peek_link(
        &self,
        purpose: Purpose,
        token: &str,
        now: i64,
    ) -> Result<Option<Link>, AccountError> {
        let row = self
            .db()
            .query(
                "SELECT person, email FROM account_tokens \
                 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
                &[
                    P::Text(&secret::token_hash(token)),
                    P::Text(purpose.as_str()),
                    P::Int(now),
                ],
                &[Kind::Text, Kind::Text],
            )?
            .into_iter()
            .next();
        Ok(row.map(|r| Link {
            purpose,
            person: r[0].text(),
            email: r[1].text(),
        }))
    }

    /// Uses a one-time token: it works once, and only before it expires.
    pub fn use_link(&self, purpose: Purpose, token: &str, now: i64) -> Result<Link, AccountError> {
        let link = self
            .peek_link(purpose, token, now)?
            .ok_or(AccountError::BadLink)?;
        let changed = self.db().execute(
            "UPDATE account_tokens SET used_at = $1 \
             WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $4",
            &[
                P::Int(now),
                P::Text(&secret::token_hash(token)),
                P::Text(purpose.as_str()),
                P::Int(now),
            ],
        )?;
        if changed == 1 {
            Ok(link)
        } else {
            Err(AccountError::BadLink)
        }
    }

    /// Opens a session for the login `email`.
    pub fn open_session(&self, email: &str, now: i64) -> Result<NewSession, AccountError> {
        let email = normalise_email(email)?;
        let token = secret::new_token()?;
        let csrf = secret::new_token()?;
        let mut db = self.db();
        let person = db
            .query(
                "SELECT person FROM account_logins WHERE email = $1",
                &[P::Text(&email)],
                &[Kind::Text],
            )?
            .first()
            .and_then(|r| r[0].text())
            .ok_or_else(|| AccountError::NoSuchLogin(email.clone()))?;
        // Expired sessions go as new ones come.
        db.execute(
            "DELETE FROM account_sessions WHERE expires_at <= $1 OR last_seen_at <= $2",
            &[P::Int(now), P::Int(now - SESSION_IDLE)],
        )?;
        db.execute(
            "INSERT INTO account_sessions \
             (token_hash, email, person, csrf_token, created_at, last_seen_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                P::Text(&secret::token_hash(&token)),
                P::Text(&email),
                P::Text(&person),
                P::Text(&csrf),
                P::Int(now),
                P::Int(now),
                P::Int(now + SESSION_LIFETIME),
            ],
        )?;
        Ok(NewSession { token, csrf })
    }

    /// The live session of `token`, noting its use; none when it is
    /// unknown, expired or idle too long.
    pub fn session(&self, token: &str, now: i64) -> Result<Option<Session>, AccountError> {
        let hash = secret::token_hash(token);
        let mut db = self.db();
        let Some(row) = db
            .query(
                "SELECT person, email, csrf_token, last_seen_at, expires_at FROM account_sessions \
                 WHERE token_hash = $1",
                &[P::Text(&hash)],
                &[Kind::Text, Kind::Text, Kind::Text, Kind::Int, Kind::Int],
            )?
            .into_iter()
            .next()
        else {
            return Ok(None);
        };
        let last_seen = row[3].int().unwrap_or(0);
        let expires_at = row[4].int().unwrap_or(0);
        if expires_at <= now || last_seen + SESSION_IDLE <= now {
            db.execute(
                "DELETE FROM account_sessions WHERE token_hash = $1",
                &[P::Text(&hash)],
            )?;
            return Ok(None);
        }
        if now - last_seen >= TOUCH_EVERY {
            db.execute(
                "UPDATE account_sessions SET last_seen_at = $1 WHERE token_hash = $2",
                &[P::Int(now), P::Text(&hash)],
            )?;
        }
        Ok(Some(Session {
            person: row[0].text().unwrap_or_default(),
            email: row[1].text().unwrap_or_default(),
            csrf: row[2].text().unwrap_or_default(),
            expires_at,
        }))
    }

    /// Ends the session of `token` (logging out).
    pub fn close_session(&self, token: &str) -> Result<(), AccountError> {
        self.db().execute(
            "DELETE FROM account_sessions WHERE token_hash = $1",
            &[P::Text(&secret::token_hash(token))],
        )?;
        Ok(())
    }

    /// Issues an API token for `person` with `scope`; answers the token,
    /// shown only now.
    pub fn issue_api_token(
        &self,
        person: &str,
        name: &str,
        scope: Scope,
        now: i64,
    ) -> Result<String, AccountError> {
        let token = secret::new_token()?;
        self.db().execute(
            "INSERT INTO account_api_tokens (token_hash, person, name, created_at, scope) \
             VALUES ($1, $2, $3, $4, $5)",
            &[
                P::Text(&secret::token_hash(&token)),
                P::Text(person),
                P::Text(name),
                P::Int(now),
                P::Text(scope.as_str()),
            ],
        )?;
        Ok(token)
    }

    /// Whom an unrevoked API token acts as, and what it may do.
    pub fn api_token(&self, token: &str) -> Result<Option<ApiToken>, AccountError> {
        let row = self
            .db()
            .query(
                "SELECT person, scope FROM account_api_tokens \
                 WHERE token_hash = $1 AND revoked_at IS NULL",
                &[P::Text(&secret::token_hash(token))],
                &[Kind::Text, Kind::Text],
            )?
            .into_iter()
            .next();
        Ok(row.and_then(|r| {
            Some(ApiToken {
                person: r[0].text()?,
                // An unknown scope reads only.
                scope: r[1]
                    .text()
                    .and_then(|s| Scope::parse(&s))
                    .unwrap_or(Scope::Read),
            })
        }))
    }

    /// Revokes an API token; answers whether it was live.
    pub fn revoke_api_token(&self, token: &str, now: i64) -> Result<bool, AccountError> {
        Ok(self.db().execute(
            "UPDATE account_api_tokens SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL",
            &[P::Int(now), P::Text(&secret::token_hash(token))],
        )? == 1)
    }

    /// Issues `person`'s calendar token, revoking any earlier one; answers
    /// the token, shown only now.
    pub fn issue_calendar_token(&self, person: &str, now: i64) -> Result<String, AccountError> {
        let token = secret::new_token()?;
        let mut db = self.db();
        db.batch("BEGIN")?;
        let issued = db
            .execute(
                "UPDATE account_calendar_tokens SET revoked_at = $1 \
                 WHERE person = $2 AND revoked_at IS NULL",
                &[P::Int(now), P::Text(person)],
            )
            .and_then(|_| {
                db.execute(
                    "INSERT INTO account_calendar_tokens (token_hash, person, created_at) \
                     VALUES ($1, $2, $3)",
                    &[
                        P::Text(&secret::token_hash(&token)),
                        P::Text(person),
                        P::Int(now),
                    ],
                )
            });
        match issued {
            Ok(_) => {
                db.batch("COMMIT")?;
                Ok(token)
            }
            Err(e) => {
                let _ = db.batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Whose calendar an unrevoked calendar token opens.
    pub fn calendar_token(&self, token: &str) -> Result<Option<String>, AccountError> {
        Ok(self
            .db()
            .query(
                "SELECT person FROM account_calendar_tokens \
                 WHERE token_hash = $1 AND revoked_at IS NULL",
                &[P::Text(&secret::token_hash(token))],
                &[Kind::Text],
            )?
            .first()
            .and_then(|r| r[0].text()))
    }

    /// When `person`'s live calendar token was issued (Unix seconds), if
    /// they have one.
    pub fn calendar_token_issued(&self, person: &str) -> Result<Option<i64>, AccountError> {
        Ok(self
            .db()
            .query(
                "SELECT created_at FROM account_calendar_tokens \
                 WHERE person = $1 AND revoked_at IS NULL",
                &[P::Text(person)],
                &[Kind::Int],
            )?
            .first()
            .and_then(|r| r[0].int()))
    }

    /// Revokes `person`'s calendar token; answers whether one was live.
    pub fn revoke_calendar_token(&self, person: &str, now: i64) -> Result<bool, AccountError> {
        Ok(self.db().execute(
            "UPDATE account_calendar_tokens SET revoked_at = $1 \
             WHERE person = $2 AND revoked_at IS NULL",
            &[P::Int(now), P::Text(person)],
        )? > 0)
    }

    /// Issues a node credential for `party`'s node, called `name`; answers
    /// its id and the token, shown only now (the store keeps its hash).
    pub fn issue_node_credential(
        &self,
        party: &str,
        name: &str,
        now: i64,
    ) -> Result<NewNodeCredential, AccountError> {
        let token = secret::new_token()?;
        let id = format!("node-{}", &secret::new_token()?[..16]);
        self.db().execute(
            "INSERT INTO account_node_credentials (id, token_hash, party, name, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
            &[
                P::Text(&id),
                P::Text(&secret::token_hash(&token)),
                P::Text(party),
                P::Text(name),
                P::Int(now),
            ],
        )?;
        Ok(NewNodeCredential { id, token })
    }

    /// What the node credential `token` is: live (whose node), revoked, or
    /// unknown.
    pub fn node_access(&self, token: &str) -> Result<NodeAccess, AccountError> {
        let row = self
            .db()
            .query(
                "SELECT id, party, revoked_at FROM account_node_credentials WHERE token_hash = $1",
                &[P::Text(&secret::token_hash(token))],
                &[Kind::Text, Kind::Text, Kind::Int],
            )?
            .into_iter()
            .next();
        Ok(match row {
            None => NodeAccess::Unknown,
            Some(r) if r[2].int().is_some() => NodeAccess::Revoked,
            Some(r) => NodeAccess::Live {
                id: r[0].text().unwrap_or_default(),
                party: r[1].text().unwrap_or_default(),
            },
        })
    }

    /// Revokes the node credential `id`; answers whether it was live.
    pub fn revoke_node_credential(&self, id: &str, now: i64) -> Result<bool, AccountError> {
        Ok(self.db().execute(
            "UPDATE account_node_credentials SET revoked_at = $1 \
             WHERE id = $2 AND revoked_at IS NULL",
            &[P::Int(now), P::Text(id.trim())],
        )? == 1)
    }

    /// Every node credential, live and revoked, oldest first.
    pub fn node_credentials(&self) -> Result<Vec<NodeCredential>, AccountError> {
        let rows = self.db().query(
            "SELECT id, party, name, created_at, revoked_at FROM account_node_credentials \
             ORDER BY created_at, id",
            &[],
            &[Kind::Text, Kind::Text, Kind::Text, Kind::Int, Kind::Int],
        )?;
        Ok(rows
            .into_iter()
            .map(|r| NodeCredential {
                id: r[0].text().unwrap_or_default(),
                party: r[1].text().unwrap_or_default(),
                name: r[2].text().unwrap_or_default(),
                created_at: r[3].int().unwrap_or(0),
                revoked_at: r[4].int(),
            })
            .collect())
    }
}
