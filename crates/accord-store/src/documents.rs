//! The bytes of the documents attached to meetings, kept beside the log
//! and addressed by their SHA-256: the log records a document's hash, this
//! store keeps what the hash names.
//!
//! Two backends: a folder (an instance on SQLite keeps `documents/<sha256>`
//! in its data folder; a file is written under a temporary name, synced,
//! then renamed, so that a crash never leaves part of a file under its
//! final name) and a PostgreSQL table `documents` in the connection's
//! `search_path` schema. Storing is idempotent. Reading recomputes the hash
//! and refuses bytes that do not match it: a damaged or altered document
//! is reported, never served.

use std::fs::{self, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use sha2::{Digest as _, Sha256};

use crate::pg_client::PgClient;

/// The table, created when missing.
const TABLE: &str = "CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT  PRIMARY KEY,
    bytes  BYTEA NOT NULL
)";

/// The advisory lock key that serialises the table's creation in
/// PostgreSQL ("document" in ASCII).
const CREATE_LOCK: i64 = 0x646f_6375_6d65_6e74;

/// Where the bytes of a file are written before they take their name.
const PARTIAL_PREFIX: &str = ".partial-";

/// What storing or reading a document's bytes can fail with.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The name asked for is not a SHA-256 in lowercase hexadecimal.
    #[error("{0:?} is not a SHA-256 of 64 lowercase hexadecimal digits")]
    BadHash(String),
    /// The stored bytes do not hash to their name: damaged or altered.
    #[error("the stored bytes of document {sha256} do not match its hash")]
    Corrupt { sha256: String },
    /// The record names a document whose bytes are not in the store.
    #[error("the bytes of document {sha256} are missing from the store")]
    Missing { sha256: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
}

impl DocumentError {
    /// Whether the database cannot be reached now (PostgreSQL down or
    /// restarting): the request may succeed later.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, DocumentError::Postgres(e) if crate::pg_client::is_unavailable(e))
    }
}

/// The documents' bytes of one instance.
#[derive(Debug)]
pub struct DocumentStore {
    backend: Backend,
}

enum Backend {
    Folder(PathBuf),
    Postgres(Box<Mutex<PgClient>>),
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Backend::Folder(path) => f.debug_tuple("Folder").field(path).finish(),
            Backend::Postgres(_) => f.write_str("Postgres"),
        }
    }
}

/// The SHA-256 of `bytes`, in lowercase hexadecimal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether `text` is a SHA-256 as the store names documents: 64 lowercase
/// hexadecimal digits, nothing else (so never a path).
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn checked(sha256: &str) -> Result<(), DocumentError> {
    if is_sha256(sha256) {
        Ok(())
    } else {
        Err(DocumentError::BadHash(sha256.to_owned()))
    }
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> DocumentError + '_ {
    move |source| DocumentError::Io {
        path: path.to_owned(),
        source,
    }
}

impl DocumentStore {
    /// The documents in the folder `path`, created if missing.
    pub fn open_folder(path: &Path) -> Result<DocumentStore, DocumentError> {
        fs::create_dir_all(path).map_err(io_error(path))?;
        Ok(DocumentStore {
            backend: Backend::Folder(path.to_owned()),
        })
    }

    /// The documents in the PostgreSQL database at `url` (no TLS).
    /// The connection comes back by itself after the server restarts.
    pub fn connect_postgres(url: &str) -> Result<DocumentStore, DocumentError> {
        Self::from_pg_client(crate::pg_client::connect(url)?)
    }

    /// The documents over an open PostgreSQL connection, in the first
    /// schema of its `search_path`; creates the table when missing.
    pub fn from_postgres(client: postgres::Client) -> Result<DocumentStore, DocumentError> {
        Self::from_pg_client(PgClient::new(client))
    }

    fn from_pg_client(mut client: PgClient) -> Result<DocumentStore, DocumentError> {
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&CREATE_LOCK])?;
        tx.batch_execute(TABLE)?;
        tx.commit()?;
        Ok(DocumentStore {
            backend: Backend::Postgres(Box::new(Mutex::new(client))),
        })
    }

    /// Keeps `bytes` (once, however often they are given) and answers
    /// their SHA-256, the name to read them back by.
    pub fn put(&self, bytes: &[u8]) -> Result<String, DocumentError> {
        let sha256 = sha256_hex(bytes);
        match &self.backend {
            Backend::Folder(dir) => put_file(dir, &sha256, bytes)?,
            Backend::Postgres(client) => {
                lock(client)?.execute(
                    "INSERT INTO documents (sha256, bytes) VALUES ($1, $2) \
                     ON CONFLICT (sha256) DO NOTHING",
                    &[&sha256, &bytes],
                )?;
            }
        }
        Ok(sha256)
    }

    /// The bytes named `sha256`, `None` when the store has none, and
    /// `DocumentError::Corrupt` when the stored bytes do not hash to their
    /// name.
    pub fn get(&self, sha256: &str) -> Result<Option<Vec<u8>>, DocumentError> {
        checked(sha256)?;
        let bytes = match &self.backend {
            Backend::Folder(dir) => {
                let path = dir.join(sha256);
                match fs::read(&path) {
                    Ok(bytes) => Some(bytes),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                    Err(e) => return Err(io_error(&path)(e)),
                }
            }
            Backend::Postgres(client) => lock(client)?
                .query_opt("SELECT bytes FROM documents WHERE sha256 = $1", &[&sha256])?
                .map(|row| row.try_get::<_, Vec<u8>>(0))
                .transpose()?,
        };
        match bytes {
            Some(bytes) if sha256_hex(&bytes) != sha256 => Err(DocumentError::Corrupt {
                sha256: sha256.to_owned(),
            }),
            found => Ok(found),
        }
    }
}

/// The connection, reconnected first if the server closed it.
fn lock(client: &Mutex<PgClient>) -> Result<MutexGuard<'_, PgClient>, DocumentError> {
    let mut guard = client.lock().unwrap_or_else(PoisonError::into_inner);
    guard.reconnect_if_closed()?;
    Ok(guard)
}

/// Writes `bytes` to `dir/sha256` unless a sound copy is there already:
/// to a temporary file in the same folder, synced, then renamed over the
/// final name (which also replaces a damaged copy), then the folder synced.
fn put_file(dir: &Path, sha256: &str, bytes: &[u8]) -> Result<(), DocumentError> {
    let path = dir.join(sha256);
    match fs::read(&path) {
        Ok(existing) if sha256_hex(&existing) == sha256 => return Ok(()),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error(&path)(e)),
    }
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let partial = dir.join(format!(
        "{PARTIAL_PREFIX}{sha256}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(e) = written.and_then(|()| fs::rename(&partial, &path)) {
        let _ = fs::remove_file(&partial);
        return Err(io_error(&path)(e));
    }
    sync_folder(dir)
}

/// Makes a rename in `dir` durable (where the platform can).
fn sync_folder(dir: &Path) -> Result<(), DocumentError> {
    #[cfg(unix)]
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_error(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    //! The same behaviour over a folder and over PostgreSQL (a fresh schema
    //! in the server named by `ACCORD_TEST_DATABASE_URL`: without it the
    //! PostgreSQL cases fail and say so, they never skip).

    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    const DATABASE_URL_VAR: &str = "ACCORD_TEST_DATABASE_URL";

    /// A fresh store, what keeps it alive, and a way to damage its bytes.
    struct Fresh {
        store: DocumentStore,
        dir: Option<tempfile::TempDir>,
        /// The PostgreSQL schema and a connection to it.
        schema: Option<(postgres::Client, String)>,
    }

    impl Fresh {
        /// Replaces the stored bytes of `sha256` behind the store's back.
        fn damage(&mut self, sha256: &str, bytes: &[u8]) {
            if let Some(dir) = &self.dir {
                fs::write(dir.path().join("documents").join(sha256), bytes).unwrap();
            }
            if let Some((admin, schema)) = &mut self.schema {
                let changed = admin
                    .execute(
                        &format!("UPDATE {schema}.documents SET bytes = $2 WHERE sha256 = $1"),
                        &[&sha256, &bytes],
                    )
                    .unwrap();
                assert_eq!(changed, 1);
            }
        }
    }

    impl Drop for Fresh {
        fn drop(&mut self) {
            if let Some((admin, schema)) = &mut self.schema {
                let _ = admin.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            }
        }
    }

    fn folder() -> Fresh {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = DocumentStore::open_folder(&dir.path().join("documents")).unwrap();
        Fresh {
            store,
            dir: Some(dir),
            schema: None,
        }
    }

    fn postgres() -> Fresh {
        let base = match std::env::var(DATABASE_URL_VAR) {
            Ok(url) if !url.is_empty() => url,
            _ => panic!(
                "{DATABASE_URL_VAR} is not set: the PostgreSQL document tests need a server. \
                 Run scripts/test, which starts a private PostgreSQL cluster and sets it."
            ),
        };
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let schema = format!(
            "accord_documents_test_{}_{}",
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
        let store = DocumentStore::connect_postgres(&url).expect("PostgreSQL documents");
        // A second connection finds the table there and leaves it be.
        DocumentStore::connect_postgres(&url).expect("reconnected");
        Fresh {
            store,
            dir: None,
            schema: Some((admin, schema)),
        }
    }

    macro_rules! each_backend {
        ($($name:ident),* $(,)?) => {
            mod on_folder { $( #[test] fn $name() { super::$name(super::folder()); } )* }
            mod on_postgres { $( #[test] fn $name() { super::$name(super::postgres()); } )* }
        };
    }

    each_backend!(
        bytes_come_back_under_their_hash,
        storing_twice_keeps_one_copy,
        damaged_bytes_are_refused,
        a_name_that_is_not_a_hash_is_refused,
    );

    const MINUTES: &[u8] = b"%PDF-1.7 signed minutes of the charter meeting";

    fn bytes_come_back_under_their_hash(db: Fresh) {
        let sha256 = db.store.put(MINUTES).unwrap();
        assert_eq!(sha256, hex::encode(Sha256::digest(MINUTES)));
        assert!(is_sha256(&sha256));
        assert_eq!(db.store.get(&sha256).unwrap().as_deref(), Some(MINUTES));
        let unknown = sha256_hex(b"never stored");
        assert_eq!(db.store.get(&unknown).unwrap(), None);
        // Any bytes, a NUL and invalid UTF-8 included.
        let binary: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let sha = db.store.put(&binary).unwrap();
        assert_eq!(db.store.get(&sha).unwrap(), Some(binary));
    }

    fn storing_twice_keeps_one_copy(db: Fresh) {
        let first = db.store.put(MINUTES).unwrap();
        let second = db.store.put(MINUTES).unwrap();
        assert_eq!(first, second);
        assert_eq!(db.store.get(&first).unwrap().as_deref(), Some(MINUTES));
        if let Some(dir) = &db.dir {
            let names: Vec<String> = fs::read_dir(dir.path().join("documents"))
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            assert_eq!(names, vec![first.clone()], "no partial file is left behind");
        }
    }

    fn damaged_bytes_are_refused(mut db: Fresh) {
        let sha256 = db.store.put(MINUTES).unwrap();
        db.damage(&sha256, b"%PDF-1.7 forged minutes of the charter meeting");
        match db.store.get(&sha256) {
            Err(DocumentError::Corrupt { sha256: named }) => assert_eq!(named, sha256),
            other => panic!("damaged bytes were not refused: {other:?}"),
        }
        // Storing the true bytes again repairs a folder's copy; PostgreSQL
        // keeps the row it has (the operator restores it from a backup).
        db.store.put(MINUTES).unwrap();
        if db.dir.is_some() {
            assert_eq!(db.store.get(&sha256).unwrap().as_deref(), Some(MINUTES));
        }
    }

    fn a_name_that_is_not_a_hash_is_refused(db: Fresh) {
        let sha256 = db.store.put(MINUTES).unwrap();
        for bad in [
            "",
            "../../etc/passwd",
            "..",
            &sha256.to_uppercase(),
            &sha256[..63],
            &format!("{sha256}0"),
            &format!("../{}", &sha256[3..]),
            &format!("{}/x", &sha256[..62]),
        ] {
            assert!(
                matches!(db.store.get(bad), Err(DocumentError::BadHash(_))),
                "{bad:?} was not refused"
            );
        }
    }

    #[test]
    fn a_partial_file_never_takes_a_documents_name() {
        let db = folder();
        let dir = db.dir.as_ref().unwrap().path().join("documents");
        // A crash mid-write leaves a partial file, which no hash names.
        fs::write(dir.join(format!("{PARTIAL_PREFIX}x")), b"%PDF-1.7 sig").unwrap();
        assert!(!is_sha256(&format!("{PARTIAL_PREFIX}x")));
        let sha256 = db.store.put(MINUTES).unwrap();
        assert_eq!(db.store.get(&sha256).unwrap().as_deref(), Some(MINUTES));
    }
}
