//! Witnesses: a stand-in witness on 127.0.0.1 answers `add-checkpoint`
//! with 409 (its size) first, then 200 with a cosignature; the server
//! sends the proof from that size, and `/log/checkpoint` and `/record`
//! then carry the cosignature. A witness that is down costs an act nothing.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use accord_domain::command::{Actor, Command};
use accord_domain::model::{Organisation, OrganisationKind};
use accord_log::cosignature::{CosignerKey, cosign, cosignatures_in};
use accord_log::note::SigningKey;
use accord_log::witness::{AddCheckpoint, CONFLICT_CONTENT_TYPE};
use accord_web::witness::{Witness, spawn};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use crate::support::{Instance, get, off_runtime};

const COSIGNED_AT: u64 = 1_790_000_000;

/// What the stand-in witness saw and what it answers.
#[derive(Default)]
struct StandIn {
    /// Each request: (old size, proof length, note).
    seen: Vec<(u64, usize, String)>,
    /// The size it says it has cosigned, until it is sent a proof from it.
    claims: Option<u64>,
}

#[derive(Clone)]
struct WitnessState {
    key: Arc<SigningKey>,
    stand_in: Arc<Mutex<StandIn>>,
}

async fn add_checkpoint(State(w): State<WitnessState>, body: String) -> Response {
    let Ok(request) = AddCheckpoint::parse(body.as_bytes()) else {
        return (StatusCode::BAD_REQUEST, "bad body").into_response();
    };
    let mut stand_in = w.stand_in.lock().unwrap();
    stand_in.seen.push((
        request.old_size,
        request.proof.len(),
        request.checkpoint.clone(),
    ));
    if let Some(size) = stand_in.claims
        && size != request.old_size
    {
        return (
            StatusCode::CONFLICT,
            [("content-type", CONFLICT_CONTENT_TYPE)],
            format!("{size}\n"),
        )
            .into_response();
    }
    let body = &request.checkpoint[..=request.checkpoint.find("\n\n").unwrap()];
    let line = cosign(&w.key, body, COSIGNED_AT).unwrap();
    stand_in.claims = Some(body.lines().nth(1).unwrap().parse().unwrap());
    line.into_response()
}

async fn stand_in_witness(key: SigningKey, claims: Option<u64>) -> (String, Arc<Mutex<StandIn>>) {
    let stand_in = Arc::new(Mutex::new(StandIn {
        seen: Vec::new(),
        claims,
    }));
    let app = Router::new()
        .route("/witness/add-checkpoint", post(add_checkpoint))
        .with_state(WitnessState {
            key: Arc::new(key),
            stand_in: Arc::clone(&stand_in),
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{address}/witness"), stand_in)
}

fn record_an_act(instance: &Instance, id: &str) {
    off_runtime(|| {
        instance.app.execute(
            &Actor::System,
            Command::RegisterOrganisation {
                organisation: Organisation {
                    id: id.into(),
                    name: id.to_owned(),
                    kind: OrganisationKind::CivilSociety,
                    party: None,
                },
            },
            "2026-03-02T10:00:00Z".parse().unwrap(),
        )
    })
    .unwrap();
}

/// `/log/checkpoint` once it carries a cosignature over a note of `size`.
async fn cosigned_checkpoint(router: &Router, size: u64) -> String {
    for _ in 0..100 {
        let answer = get(router, "/log/checkpoint").await;
        let text = answer.body;
        if text.lines().nth(1) == Some(size.to_string().as_str())
            && text.matches("\n— ").count() >= 2
        {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no cosignature for the checkpoint of size {size} within 10 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checkpoint_carries_the_cosignature_of_a_witness_that_first_answered_409() {
    let instance = Instance::new();
    let size = off_runtime(|| instance.app.signed_checkpoint().unwrap().size);
    let key = SigningKey::from_seed("witness.test/w1", [7; 32]).unwrap();
    let cosigner = CosignerKey::from_verifier_key(&key.verifier_key());
    // The witness says it has already cosigned an earlier tree.
    let (url, stand_in) = stand_in_witness(key, Some(size - 2)).await;
    let _task = spawn(
        Arc::clone(&instance.app),
        vec![Witness {
            name: "w1".into(),
            url,
            key: Some(cosigner.clone()),
        }],
    )
    .unwrap();
    let router = instance.router();
    let served = cosigned_checkpoint(&router, size).await;
    let note = off_runtime(|| instance.app.checkpoint().unwrap());
    assert!(served.starts_with(&note), "{served}");
    assert_eq!(
        cosignatures_in(&served, std::slice::from_ref(&cosigner)),
        vec![("witness.test/w1".to_owned(), COSIGNED_AT)]
    );
    {
        let seen = &stand_in.lock().unwrap().seen;
        assert_eq!(seen.len(), 2, "one 409, then the retry");
        assert_eq!((seen[0].0, seen[0].1), (0, 0));
        assert_eq!(seen[1].0, size - 2);
        assert!(seen[1].1 > 0, "a consistency proof from the witness's size");
        assert_eq!(seen[1].2, note);
    }
    // The record page says who cosigned, and when.
    let page = get(&router, "/record?lang=en").await;
    assert!(
        page.body.contains("witness.test/w1, on 2026-09-21"),
        "{}",
        page.element("ul", "cosignatures")
    );

    // The next act: its checkpoint is sent with a proof from the size the
    // witness cosigned, and cosigned in turn.
    record_an_act(&instance, "after-witness");
    let served = cosigned_checkpoint(&router, size + 1).await;
    assert_eq!(cosignatures_in(&served, &[cosigner]).len(), 1);
    {
        let seen = &stand_in.lock().unwrap().seen;
        assert_eq!(seen.len(), 3);
        assert_eq!(seen[2].0, size);
    }
    // Kept beside the log: a server without the witnesses' thread (as after
    // a restart) still serves it.
    let again = instance.router();
    assert_eq!(get(&again, "/log/checkpoint").await.body, served);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_witness_that_is_down_costs_an_act_nothing() {
    let instance = Instance::new();
    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/witness", closed.local_addr().unwrap());
    drop(closed);
    let _task = spawn(
        Arc::clone(&instance.app),
        vec![Witness::parse_flag(&format!("down={url}")).unwrap()],
    )
    .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = std::time::Instant::now();
    record_an_act(&instance, "while-down");
    assert!(started.elapsed() < Duration::from_secs(2));
    let router = instance.router();
    let note = off_runtime(|| instance.app.checkpoint().unwrap());
    assert_eq!(get(&router, "/log/checkpoint").await.body, note);
}
