//! An instance over a real SQLite file in a temporary folder (or, when
//! `ACCORD_TEST_WEB_STORE=postgres`, a schema of its own in the PostgreSQL
//! server `ACCORD_TEST_DATABASE_URL` names), initialised with the bundled
//! charter, and a world to act in: both governments'
//! coordinators, the energy working group's co-chairs, a partner company.
//!
//! The energy working group has a public project (`tripp-power`) and a
//! restricted one (`grid-secret`); the Azerbaijani coordinator proposes its
//! project list on 2026-04-02 and approves it, and the U.S. coordinator
//! approves it on 2026-04-09: the group's project-list deadline (2026-05-10)
//! is met on that day. The clock of the web application reads 2026-11-27.
//! Documents' bytes are kept in the instance's folder (`documents/`), or
//! beside the log in PostgreSQL.

use std::sync::Arc;

use accord_app::App;
use accord_app::charter_record::charter_record;
use accord_charter::CharterMetadata;
use accord_domain::command::{Actor, Command};
use accord_domain::event::{ProposalContent, content_hash};
use accord_domain::ids::{PersonId, ProvisionId};
use accord_domain::model::*;
use accord_log::note::SigningKey;
use accord_store::accounts::Accounts;
use accord_store::documents::DocumentStore;
use accord_store::{EventStore, Ledger, PgStore, SqliteStore};
use accord_web::{AppState, SharedApp};
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use jiff::Timestamp;
use jiff::civil::date;
use tower::ServiceExt as _;

const TEXT: &str = include_str!("../../../../charters/az-us-2026.fr.txt");
const METADATA: &str = include_str!("../../../../charters/az-us-2026.toml");

/// The public project's title, and the restricted one's.
pub const PUBLIC_TITLE: &str = "TRIPP power line";
pub const RESTRICTED_TITLE: &str = "Grid protection plan";

pub struct Instance {
    /// Kept so that the folder lives as long as the instance.
    pub _dir: tempfile::TempDir,
    pub app: SharedApp,
    /// Where the log is kept; the accounts go beside it.
    pub db: TestDb,
    /// Where the documents' bytes are kept.
    pub documents: Arc<DocumentStore>,
}

/// The database a test instance keeps its log and accounts in.
#[derive(Debug, Clone)]
pub enum TestDb {
    /// The SQLite file at this path.
    Sqlite(std::path::PathBuf),
    /// A PostgreSQL URL whose `search_path` selects the instance's own schema.
    Postgres(String),
}

impl TestDb {
    /// A fresh database in `dir`, or in PostgreSQL when the web suite runs
    /// against it (`ACCORD_TEST_WEB_STORE=postgres`).
    fn fresh(dir: &std::path::Path) -> TestDb {
        if std::env::var("ACCORD_TEST_WEB_STORE").as_deref() != Ok("postgres") {
            return TestDb::Sqlite(dir.join("accord.sqlite3"));
        }
        let base = std::env::var("ACCORD_TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .expect("ACCORD_TEST_WEB_STORE=postgres needs ACCORD_TEST_DATABASE_URL");
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let schema = format!("accord_web_{}_{n}_{nanos}", std::process::id());
        off_runtime(|| {
            let mut admin = postgres::Client::connect(&base, postgres::NoTls).unwrap();
            admin
                .batch_execute(&format!("CREATE SCHEMA {schema}"))
                .unwrap();
        });
        let sep = if base.contains('?') { '&' } else { '?' };
        TestDb::Postgres(format!("{base}{sep}options=-csearch_path%3D{schema}"))
    }

    fn store(&self) -> Box<dyn EventStore> {
        match self {
            TestDb::Sqlite(path) => Box::new(SqliteStore::open(path).unwrap()),
            TestDb::Postgres(url) => Box::new(PgStore::connect(url).unwrap()),
        }
    }

    /// The instance's store of documents: `documents/` beside the SQLite
    /// file, or a table beside the log in PostgreSQL.
    fn documents(&self) -> DocumentStore {
        match self {
            TestDb::Sqlite(path) => {
                DocumentStore::open_folder(&path.with_file_name("documents")).unwrap()
            }
            TestDb::Postgres(url) => DocumentStore::connect_postgres(url).unwrap(),
        }
    }

    /// The instance's accounts, beside its log.
    pub fn accounts(&self) -> Accounts {
        off_runtime(|| match self {
            TestDb::Sqlite(path) => Accounts::open_sqlite(path).unwrap(),
            TestDb::Postgres(url) => Accounts::connect_postgres(url).unwrap(),
        })
    }
}

/// Runs `call` on a thread of its own: the stores' synchronous clients
/// (PostgreSQL's starts a runtime of its own) must not run on a test's
/// async runtime, as the web itself never runs them on its workers.
pub fn off_runtime<R: Send>(call: impl FnOnce() -> R + Send) -> R {
    std::thread::scope(|scope| scope.spawn(call).join().unwrap())
}

fn at(day: &str) -> Timestamp {
    format!("{day}T10:00:00Z").parse().unwrap()
}

fn today() -> Timestamp {
    at("2026-11-27")
}

impl Instance {
    /// The bundled charter and the energy working group's agreed list.
    pub fn new() -> Instance {
        let dir = tempfile::tempdir().unwrap();
        let db = TestDb::fresh(dir.path());
        off_runtime(|| Instance::initialised(dir, db))
    }

    fn initialised(dir: tempfile::TempDir, db: TestDb) -> Instance {
        let key = SigningKey::from_seed("accord.test/az-us-2026", [9; 32]).unwrap();
        let ledger = Ledger::open(db.store(), key, &mut |_| {}).unwrap();
        let app = App::open(ledger, &mut |_, _| {}).unwrap();
        let metadata = CharterMetadata::from_toml(METADATA).unwrap();
        let charter = accord_charter::parse_with(TEXT, Some(&metadata)).unwrap();
        let record = charter_record(&[charter], &metadata, None).unwrap();
        app.execute(
            &Actor::System,
            Command::Initialise {
                origin: "accord.test/az-us-2026".into(),
                charter: record,
            },
            at("2026-02-11"),
        )
        .unwrap();
        let instance = Instance {
            _dir: dir,
            app: Arc::new(app),
            documents: Arc::new(db.documents()),
            db,
        };
        instance.populate();
        instance
    }

    fn system(&self, command: Command) {
        off_runtime(|| self.app.execute(&Actor::System, command, at("2026-03-01"))).unwrap();
    }

    pub fn by(&self, person: &str, day: &str, command: Command) {
        off_runtime(|| {
            self.app
                .execute(&Actor::Person(PersonId::new(person)), command, at(day))
        })
        .unwrap();
    }

    fn populate(&self) {
        for (id, name, kind, party) in [
            (
                "az-mfa",
                "Ministry of Foreign Affairs",
                OrganisationKind::Government,
                Some("AZ"),
            ),
            (
                "us-dos",
                "Department of State",
                OrganisationKind::Government,
                Some("US"),
            ),
            ("socar", "SOCAR", OrganisationKind::PrivateCompany, None),
        ] {
            self.system(Command::RegisterOrganisation {
                organisation: Organisation {
                    id: id.into(),
                    name: name.into(),
                    kind,
                    party: party.map(Into::into),
                },
            });
        }
        for (id, org, role) in [
            (
                "az-coord",
                "az-mfa",
                Role::Coordinator { party: "AZ".into() },
            ),
            (
                "us-coord",
                "us-dos",
                Role::Coordinator { party: "US".into() },
            ),
            (
                "az-energy",
                "az-mfa",
                Role::CoChair {
                    group: "energy".into(),
                    party: "AZ".into(),
                },
            ),
        ] {
            self.system(Command::RegisterPerson {
                person: Person {
                    id: id.into(),
                    name: id.into(),
                    organisation: org.into(),
                },
            });
            self.system(Command::GrantRole {
                person: id.into(),
                role,
            });
        }
        for (id, title, provisions, classification) in [
            (
                "tripp-power",
                PUBLIC_TITLE,
                &["I.1"][..],
                Classification::Public,
            ),
            (
                "grid-secret",
                RESTRICTED_TITLE,
                &["II.4"][..],
                Classification::Restricted,
            ),
        ] {
            self.by(
                "az-energy",
                "2026-03-20",
                Command::ProposeProject {
                    project: id.into(),
                    spec: ProjectSpec {
                        group: "energy".into(),
                        title: accord_domain::texts::single("en", title),
                        description: Default::default(),
                        provisions: provisions.iter().map(|p| ProvisionId::new(*p)).collect(),
                        lead_party: "AZ".into(),
                        lead_organisations: vec!["az-mfa".into()],
                        partners: vec!["socar".into()],
                        start: Some(date(2026, 6, 1)),
                        end: Some(date(2028, 12, 31)),
                        investment: None,
                        classification,
                    },
                },
            );
        }
        let content = ProposalContent::ProjectList {
            group: "energy".into(),
            projects: vec!["tripp-power".into(), "grid-secret".into()],
        };
        let hash = content_hash(&content);
        self.by(
            "az-coord",
            "2026-04-02",
            Command::Propose {
                proposal: "energy-list".into(),
                content,
            },
        );
        for (person, day) in [("az-coord", "2026-04-02"), ("us-coord", "2026-04-09")] {
            self.by(
                person,
                day,
                Command::Approve {
                    proposal: "energy-list".into(),
                    content_hash: hash.clone(),
                },
            );
        }
    }

    /// A working group's scope, agreed by both coordinators through the web
    /// application's state (as the scope's form or API would record it):
    /// the receipt of the approval that adopts it, or the refusal.
    pub async fn agree_group_scope(
        &self,
        group: &str,
        provisions: Vec<ProvisionId>,
    ) -> Result<accord_app::Receipt, accord_web::WebError> {
        let content = ProposalContent::GroupScope {
            group: group.into(),
            provisions,
        };
        let proposal = accord_domain::ids::ProposalId::new(format!("{group}-scope-test"));
        let approve = Command::Approve {
            proposal: proposal.clone(),
            content_hash: content_hash(&content),
        };
        self.state()
            .execute_all(
                Actor::Person(PersonId::new("az-coord")),
                vec![Command::Propose { proposal, content }, approve.clone()],
            )
            .await?;
        self.state()
            .execute(Actor::Person(PersonId::new("us-coord")), approve)
            .await
    }

    /// The web application's state over this instance, its clock on 2026-11-27.
    pub fn state(&self) -> AppState {
        AppState {
            app: Arc::clone(&self.app),
            clock: today,
            documents: Some(Arc::clone(&self.documents)),
            document_policy: Arc::default(),
            metrics: Arc::default(),
            follower_wake: Arc::default(),
        }
    }

    /// The web application over this instance.
    pub fn router(&self) -> Router {
        accord_web::router(self.state())
    }
}

/// An answer, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// The `<html lang>` of a page.
    pub fn html_lang(&self) -> &str {
        let start = self.body.find("<html lang=\"").expect("an <html lang>") + 12;
        let end = start + self.body[start..].find('"').unwrap();
        &self.body[start..end]
    }

    /// The element whose `id` is `id`, up to the end of its `</tag>`.
    pub fn element(&self, tag: &str, id: &str) -> &str {
        let attribute = format!(" id=\"{id}\"");
        let start = self
            .body
            .find(&attribute)
            .and_then(|at| self.body[..at].rfind(&format!("<{tag}")))
            .unwrap_or_else(|| panic!("no <{tag} id={id:?}>"));
        let close = format!("</{tag}>");
        let end = start + self.body[start..].find(&close).unwrap() + close.len();
        &self.body[start..end]
    }
}

/// Sends one request through the router, in process.
pub async fn send(router: &Router, method: &str, uri: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .unwrap();
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

pub async fn get(router: &Router, uri: &str) -> Answer {
    send(router, "GET", uri, &[]).await
}

/// `body` with the request ids an error page shows (`(request ID)`) made
/// alike, to compare two answers that differ only by their request.
pub fn without_request_ids(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("(request ") {
        out.push_str(&rest[..at]);
        out.push_str("(request …)");
        rest = &rest[at..];
        rest = rest.find(')').map_or("", |end| &rest[end + 1..]);
    }
    out.push_str(rest);
    out
}
