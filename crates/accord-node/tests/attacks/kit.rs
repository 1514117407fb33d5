//! The test kit: a log of real accord events, a fake primary that serves
//! whatever a case scripts, and a node (replica, folder, follower) that
//! follows it.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use accord_app::App;
use accord_domain::Period;
use accord_domain::ids::ProvisionId;
use accord_domain::model::{
    CharterRecord, Deliverable, Obligation, Party, Provision, ProvisionKind, Texts, Trigger,
};
use accord_domain::synthetic::{Size, entries};
use accord_log::note::SigningKey;
use accord_log::tiles::{self, TILE_WIDTH, TileKind, TilePath};
use accord_log::witness::AddCheckpoint;
use accord_log::{Checkpoint, Hash, Tree};
use accord_node::folder::{Alarm, NodeFolder, REPLICA_FILE};
use accord_node::follow::{Follower, Replica};
use accord_node::monitor::{AlarmKind, Evidence};
use accord_store::{EventStore, Ledger, SqliteStore};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

/// The primary's log origin (the name of its key).
pub const ORIGIN: &str = "primary.example/accord";
/// The credential the node presents.
pub const CREDENTIAL: &str = "node-credential-az";

/// The primary's log key.
pub fn log_key() -> SigningKey {
    SigningKey::from_seed(ORIGIN, [7; 32]).expect("a key")
}

/// Another key with the same name: what a forger would use.
pub fn forger_key() -> SigningKey {
    SigningKey::from_seed(ORIGIN, [66; 32]).expect("a key")
}

fn charter() -> CharterRecord {
    let texts = |t: &str| -> Texts { [("fr".to_owned(), t.to_owned())].into_iter().collect() };
    CharterRecord {
        title: texts("Charte"),
        languages: vec!["fr".into()],
        signed_on: jiff::civil::date(2026, 2, 10),
        parties: ["AZ", "US"]
            .into_iter()
            .map(|code| Party {
                code: code.into(),
                names: texts(code),
            })
            .collect(),
        provisions: (1..=4)
            .map(|n| Provision {
                id: ProvisionId(format!("I.{n}")),
                kind: ProvisionKind::Item,
                section: Some("I".into()),
                texts: texts("…"),
                commitment: true,
            })
            .collect(),
        obligations: vec![Obligation::Deadline {
            provision: "I.1".into(),
            from: Trigger::Signature,
            within: Period::months(3),
            deliverables: vec![Deliverable::ProjectList, Deliverable::Roadmap],
            quote: "trois mois".into(),
        }],
        working_groups: Vec::new(),
    }
}

/// The most entries a case's log holds.
pub const MAX_ENTRIES: usize = 600;

/// Real accord entries (encoded events of a small instance), the same for
/// every case.
pub fn real_entries() -> &'static [Vec<u8>] {
    static ENTRIES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let charter = charter();
        let size = Size {
            groups: 2,
            projects: 100,
            milestones_per_project: 3,
            updates_per_milestone: 2,
        };
        let all: Vec<Vec<u8>> = entries(&charter, size)
            .take(MAX_ENTRIES)
            .map(|e| accord_domain::event::encode(&e))
            .collect();
        assert_eq!(
            all.len(),
            MAX_ENTRIES,
            "the synthetic instance is large enough"
        );
        all
    })
}

/// A log as the primary keeps it: its entries, its tree, its key.
pub struct Log {
    pub key: SigningKey,
    pub entries: Vec<Vec<u8>>,
    pub tree: Tree,
}

impl Log {
    /// The first `n` real entries, signed with the primary's key.
    pub fn new(n: usize) -> Log {
        Log::from_entries(log_key(), real_entries()[..n].to_vec())
    }

    /// A log of `entries` signed with `key`.
    pub fn from_entries(key: SigningKey, entries: Vec<Vec<u8>>) -> Log {
        let mut tree = Tree::new();
        for e in &entries {
            tree.push_entry(e);
        }
        Log { key, entries, tree }
    }

    /// The same first `common` entries, then the real entries from
    /// `common + 1` on: another history that agrees up to `common`.
    pub fn forked(n: usize, common: usize) -> Log {
        let mut entries = real_entries()[..common].to_vec();
        entries.extend(real_entries()[common + 1..=n].iter().cloned());
        Log::from_entries(log_key(), entries)
    }

    pub fn root(&self, size: u64) -> Hash {
        self.tree.root_at(size).expect("a size the log held")
    }

    /// The signed checkpoint note of `size`.
    pub fn note(&self, size: u64) -> String {
        self.key
            .sign(&Checkpoint::new(ORIGIN, size, self.root(size)).to_body())
            .expect("signs")
    }

    /// The level-0 hash tiles and entry bundles a primary of `size` serves.
    pub fn tiles(&self, size: u64) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        if size == 0 {
            return out;
        }
        for index in 0..=(size - 1) / TILE_WIDTH {
            let width = tiles::tile_width_at(size, 0, index).expect("a tile");
            let hash = TilePath {
                kind: TileKind::Hash { level: 0 },
                index,
                width,
            };
            let bundle = TilePath {
                kind: TileKind::Entries,
                index,
                width,
            };
            let first = (index * TILE_WIDTH) as usize;
            let entries = &self.entries[first..first + usize::from(width)];
            out.push((
                format!("/log/{hash}"),
                tiles::hash_tile(&self.tree, 0, index, width).expect("a tile"),
            ));
            out.push((
                format!("/log/{bundle}"),
                tiles::encode_bundle(entries).expect("a bundle"),
            ));
        }
        out
    }

    /// An `add-checkpoint` body from `old` to `size`.
    pub fn add_checkpoint(&self, old: u64, size: u64) -> String {
        AddCheckpoint {
            old_size: old,
            proof: if old == 0 {
                Vec::new()
            } else {
                self.tree.consistency_proof(old, size).expect("a proof")
            },
            checkpoint: self.note(size),
        }
        .to_body()
    }
}

/// One request the fake primary received.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub authorization: Option<String>,
}

#[derive(Default)]
struct Script {
    answers: HashMap<String, (u16, Vec<u8>)>,
    seen: Vec<Request>,
}

/// A fake primary: a real HTTP server on 127.0.0.1 that answers each path
/// as scripted, 404 otherwise, and records every request.
pub struct Primary {
    pub url: String,
    script: Arc<Mutex<Script>>,
    _runtime: tokio::runtime::Runtime,
}

async fn answer(
    State(script): State<Arc<Mutex<Script>>>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let mut script = script.lock().unwrap_or_else(PoisonError::into_inner);
    script.seen.push(Request {
        path: uri.path().to_owned(),
        authorization: headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    });
    match script.answers.get(uri.path()) {
        // A redirect's body is where it points.
        Some((status, body)) if (300..400).contains(status) => (
            StatusCode::from_u16(*status).expect("a status"),
            [(
                axum::http::header::LOCATION,
                String::from_utf8_lossy(body).into_owned(),
            )],
        )
            .into_response(),
        Some((status, body)) => (
            StatusCode::from_u16(*status).expect("a status"),
            body.clone(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such path\n").into_response(),
    }
}

impl Primary {
    /// A primary that answers nothing yet (404 everywhere).
    pub fn start() -> Primary {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime");
        let script = Arc::new(Mutex::new(Script::default()));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        listener.set_nonblocking(true).expect("non-blocking");
        let address: SocketAddr = listener.local_addr().expect("an address");
        let router = axum::Router::new()
            .fallback(answer)
            .with_state(Arc::clone(&script));
        runtime.spawn(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("a listener");
            axum::serve(listener, router).await.expect("serves");
        });
        Primary {
            url: format!("http://{address}"),
            script,
            _runtime: runtime,
        }
    }

    /// Answers `path` with `status` and `body` (for a 3xx, the body is the
    /// `Location`).
    pub fn answer(&self, path: &str, status: u16, body: impl Into<Vec<u8>>) {
        self.lock()
            .answers
            .insert(path.to_owned(), (status, body.into()));
    }

    /// Serves `log` at `size`: its signed checkpoint, tiles and bundles.
    pub fn serve(&self, log: &Log, size: u64) {
        self.answer("/log/checkpoint", 200, log.note(size));
        for (path, body) in log.tiles(size) {
            self.answer(&path, 200, body);
        }
    }

    /// Every request received so far.
    pub fn seen(&self) -> Vec<Request> {
        self.lock().seen.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Script> {
        self.script.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A party's node: its folder, replica and follower of one primary.
pub struct Node {
    pub _dir: tempfile::TempDir,
    pub folder: NodeFolder,
    pub replica: Arc<Replica>,
    pub follower: Follower,
}

impl Node {
    /// A new node following `primary_url` with the primary's key pinned.
    pub fn following(primary_url: &str) -> Node {
        let dir = tempfile::tempdir().expect("a folder");
        let folder = NodeFolder::create(dir.path()).expect("a node folder");
        let replica = open_replica(&folder);
        let follower = Follower::new(
            primary_url,
            CREDENTIAL,
            log_key().verifier_key(),
            Arc::clone(&replica),
            folder.clone(),
        );
        Node {
            _dir: dir,
            folder,
            replica,
            follower,
        }
    }

    /// The replica's size and latest accepted checkpoint note.
    pub fn head(&self) -> (u64, Option<String>) {
        (
            self.replica.size(),
            self.replica.latest_signed().map(|s| s.note),
        )
    }

    /// The kinds of the alarms in `alarms.jsonl`, oldest first.
    pub fn alarm_kinds(&self) -> Vec<AlarmKind> {
        self.alarms().iter().map(|a| a.kind).collect()
    }

    pub fn alarms(&self) -> Vec<Alarm> {
        self.folder.alarms().expect("alarms read")
    }

    /// The evidence of the only alarm, parsed.
    pub fn only_evidence(&self) -> Evidence {
        let alarms = self.alarms();
        assert_eq!(alarms.len(), 1, "one alarm: {alarms:?}");
        evidence_at(&alarms[0])
    }

    /// The follower's `status.json`, as JSON.
    pub fn status_json(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(self.folder.file("status.json")).expect("status.json");
        serde_json::from_str(&text).expect("JSON")
    }
}

/// The evidence file an alarm names, parsed.
pub fn evidence_at(alarm: &Alarm) -> Evidence {
    assert!(
        alarm.evidence.is_file(),
        "{} exists",
        alarm.evidence.display()
    );
    let text = std::fs::read_to_string(&alarm.evidence).expect("the evidence file");
    Evidence::parse(&text).expect("the evidence parses")
}

/// Opens the replica of a node's folder as `accord node follow` does.
pub fn open_replica(folder: &NodeFolder) -> Arc<Replica> {
    let store = SqliteStore::open(&folder.file(REPLICA_FILE)).expect("the replica's store");
    let store: Box<dyn EventStore> = Box::new(store);
    let ledger =
        Ledger::open_replica(store, log_key().verifier_key(), &mut |_| {}).expect("a replica");
    Arc::new(App::open(ledger, &mut |_, _| {}).expect("the replica verifies"))
}

/// A node that followed `log` at `size` from a primary serving it.
pub fn node_at(primary: &Primary, log: &Log, size: u64) -> Node {
    primary.serve(log, size);
    let node = Node::following(&primary.url);
    assert_eq!(
        node.follower.look().expect("the first look"),
        accord_node::follow::Look::Grew(size)
    );
    node
}
