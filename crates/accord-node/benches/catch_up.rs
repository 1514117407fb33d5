//! How fast a party's node catches up with its primary, against how fast
//! the primary verifies its own store when it starts: both recompute the
//! Merkle tree over every entry, but the node also fetches every hash tile
//! and entry bundle over HTTP, checks each entry against its leaf, writes
//! it to its own store and folds it into the state its pages show.
//!
//! Builds a synthetic instance of `ACCORD_BENCH_NODE_ENTRIES` events
//! (default about 1 million) in a SQLite file, times the primary's opening
//! (`Ledger::open`: the whole log read and its tree recomputed and checked
//! against the latest checkpoint), serves it on 127.0.0.1 with the web
//! application, and times a new node's follow from nothing to the
//! primary's checkpoint, on the same machine.
//!
//! Run: `cargo bench -p accord-node --bench catch_up` (goal: the node's
//! rate at least 0.3 of the primary's verification rate).

#[path = "../../accord-web/benches/support/mod.rs"]
mod support;

use std::sync::Arc;
use std::time::Instant;

use accord_app::App;
use accord_domain::synthetic::Size;
use accord_log::note::SigningKey;
use accord_node::folder::{NodeFolder, REPLICA_FILE};
use accord_node::follow::{Follower, Look};
use accord_store::accounts::Accounts;
use accord_store::{EventStore, Ledger, SqliteStore};
use accord_web::AppState;
use accord_web::auth::Auth;

fn main() {
    let target = support::env_number("ACCORD_BENCH_NODE_ENTRIES", 1_000_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let key = SigningKey::from_seed("bench.example/accord", [3; 32]).expect("a key");
    let db = dir.path().join("primary.sqlite3");
    let started = Instant::now();
    let (events, _) = support::build_synthetic(&db, &key, Size::about(target));
    println!(
        "primary: {events} entries written in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // The primary's verification on start-up.
    let started = Instant::now();
    let store: Box<dyn EventStore> = Box::new(SqliteStore::open(&db).expect("store"));
    let ledger = Ledger::open(store, key.clone(), &mut |_| {}).expect("the primary opens");
    let verify = started.elapsed().as_secs_f64();
    assert!(ledger.problem().is_none());
    let size = ledger.size();
    let started = Instant::now();
    let app = App::open(ledger, &mut |_, _| {}).expect("the record");
    let replay = started.elapsed().as_secs_f64();
    println!(
        "primary start-up: verified {size} entries in {verify:.2} s ({:.0} entries/s), then replayed them in {replay:.2} s",
        size as f64 / verify
    );

    // The primary serves its log (and a node credential) on 127.0.0.1.
    let accounts = Accounts::open_sqlite(&dir.path().join("accounts.sqlite3")).expect("accounts");
    let credential = accounts
        .issue_node_credential("US", "bench", 0)
        .expect("a node credential")
        .token;
    let state = AppState::new(Arc::new(app));
    let router = accord_web::router_with(state, Auth::new(Arc::new(accounts)));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("a port");
    let address = listener.local_addr().expect("an address");
    runtime.spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });

    // A new node follows from nothing.
    let node_dir = dir.path().join("node");
    let folder = NodeFolder::create(&node_dir).expect("the node's folder");
    let store: Box<dyn EventStore> =
        Box::new(SqliteStore::open(&folder.file(REPLICA_FILE)).expect("the replica's store"));
    let replica = Ledger::open_replica(store, key.verifier_key(), &mut |_| {}).expect("replica");
    let replica = Arc::new(App::open(replica, &mut |_, _| {}).expect("the replica's record"));
    let follower = Follower::new(
        &format!("http://{address}"),
        &credential,
        key.verifier_key(),
        Arc::clone(&replica),
        folder,
    );
    let started = Instant::now();
    loop {
        match follower.look().expect("the node follows") {
            Look::UpToDate => break,
            Look::Grew(_) => {}
            Look::Alarm(kind) => panic!("an alarm: {}", kind.as_str()),
        }
    }
    let follow = started.elapsed().as_secs_f64();
    assert_eq!(replica.size(), size);
    let node_rate = size as f64 / follow;
    let verify_rate = size as f64 / verify;
    println!(
        "node catch-up: {size} entries in {follow:.2} s ({node_rate:.0} entries/s): {:.2} of the primary's verification rate (goal >= 0.3)",
        node_rate / verify_rate
    );
    println!(
        "node catch-up against the primary's whole start-up (verify and replay): {:.2}",
        node_rate / (size as f64 / (verify + replay))
    );
}
