//! The record: its latest checkpoint verifies with its verifier key, and an
//! inclusion proof from the API verifies against the checkpoint's root;
//! proofs are withheld for entries about what the viewer may not see.

use accord_domain::ids::{PersonId, ProjectId};
use accord_domain::visibility::Viewer;
use accord_log::note::{self, VerifierKey};
use accord_log::{Checkpoint, Hash, verify_inclusion};

use crate::detail_world::world;
use crate::support::get;

fn hash(value: &serde_json::Value) -> Hash {
    Hash::parse(value.as_str().expect("a string")).expect("a base64 hash")
}

#[tokio::test]
async fn an_inclusion_proof_verifies_against_the_signed_checkpoint() {
    let instance = world();
    let router = instance.router();
    let answer = get(&router, "/api/v1/record/checkpoint").await;
    assert_eq!(answer.status, 200);
    let body = answer.json();
    let key = VerifierKey::parse(body["verifier_key"].as_str().unwrap()).unwrap();
    let verified = note::open(body["checkpoint"].as_str().unwrap(), &[key]).unwrap();
    let checkpoint = Checkpoint::parse_body(&verified.body).unwrap();
    assert_eq!(body["size"], checkpoint.size);
    assert_eq!(body["root"], checkpoint.root.to_base64());

    // The public project's first entry, from its history.
    let project = get(&router, "/api/v1/projects/tripp-power").await.json();
    let index = project["history"][0]["index"].as_u64().unwrap();
    assert_eq!(project["history"][0]["event_type"], "ProjectProposed");
    let proof = get(&router, &format!("/api/v1/record/proof/{index}")).await;
    assert_eq!(proof.status, 200, "{}", proof.body);
    let proof = proof.json();
    let mut keys: Vec<&str> = proof
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["index", "leaf_hash", "proof", "root", "size"]);
    assert_eq!(proof["index"], index);
    assert_eq!(proof["size"], checkpoint.size);
    assert_eq!(hash(&proof["root"]), checkpoint.root);
    let path: Vec<Hash> = proof["proof"]
        .as_array()
        .unwrap()
        .iter()
        .map(hash)
        .collect();
    verify_inclusion(
        index,
        checkpoint.size,
        &hash(&proof["leaf_hash"]),
        &path,
        &checkpoint.root,
    )
    .expect("the proof verifies against the checkpoint's root");
    // A proof for another index does not verify this leaf.
    assert!(
        verify_inclusion(
            index + 1,
            checkpoint.size,
            &hash(&proof["leaf_hash"]),
            &path,
            &checkpoint.root
        )
        .is_err()
    );

    // Every entry of a project's history can be proved to whoever sees it:
    // the adoption of a list that also names a restricted project is left
    // out for the public, and listed for the co-chair.
    let history = project["history"].as_array().unwrap();
    for entry in history {
        let path = entry["proof"].as_str().unwrap();
        assert_eq!(get(&router, path).await.status, 200, "{path}");
    }
    assert!(history.iter().all(|e| e["event_type"] != "ProposalAdopted"));
    let co_chair = crate::support::off_runtime(|| {
        instance.app.project_detail(
            &Viewer::Person(PersonId::new("az-energy")),
            &ProjectId::new("tripp-power"),
        )
    })
    .unwrap()
    .unwrap();
    assert!(
        co_chair
            .history
            .iter()
            .any(|e| e.event_type == "ProposalAdopted")
    );
    assert!(co_chair.history.len() > history.len());

    // The page shows the same proof and the command that checks it.
    let page = get(&router, &format!("/record?entry={index}&lang=en"))
        .await
        .body;
    assert!(page.contains(proof["leaf_hash"].as_str().unwrap()));
    assert!(page.contains("accord log check-proof inclusion"));
    assert!(page.contains("accord log verify --db COPY --key"));
    assert!(page.contains("accord log check-note"));
    // The checkpoint to check, byte for byte.
    let file = get(&router, "/record/checkpoint.txt").await;
    assert_eq!(file.status, 200);
    assert!(file.header("content-type").starts_with("text/plain"));
    assert_eq!(file.body, body["checkpoint"].as_str().unwrap());
}

#[tokio::test]
async fn proofs_are_withheld_for_entries_the_viewer_may_not_see() {
    let instance = world();
    let router = instance.router();
    // The charter itself is everyone's.
    assert_eq!(get(&router, "/api/v1/record/proof/0").await.status, 200);
    // The restricted project's entries are the operator's to prove, not the public's.
    let hidden = crate::support::off_runtime(|| {
        instance
            .app
            .project_detail(&Viewer::Operator, &ProjectId::new("grid-secret"))
    })
    .unwrap()
    .unwrap()
    .history[0]
        .index;
    let answer = get(&router, &format!("/api/v1/record/proof/{hidden}")).await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.json()["error"]["code"], "not_found");
    let page = get(&router, &format!("/record?entry={hidden}&lang=en")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("No entry"), "{}", page.body);
    // Organisations, people and roles are not the public's either.
    let registration = (0..20)
        .find(|i| {
            crate::support::off_runtime(|| instance.app.entry_proof(&Viewer::Operator, *i))
                .unwrap()
                .is_some_and(|p| p.entry.event_type == "OrganisationRegistered")
        })
        .expect("an organisation's registration");
    let answer = get(&router, &format!("/api/v1/record/proof/{registration}")).await;
    assert_eq!(answer.status, 404);
    let co_chair_proof = crate::support::off_runtime(|| {
        instance
            .app
            .entry_proof(&Viewer::Person(PersonId::new("az-energy")), registration)
    })
    .unwrap();
    assert!(co_chair_proof.is_some(), "participants see who is who");
    // Nor is an index beyond the checkpoint.
    let size = crate::support::off_runtime(|| instance.app.record_summary())
        .unwrap()
        .size;
    assert_eq!(
        get(&router, &format!("/api/v1/record/proof/{size}"))
            .await
            .status,
        404
    );
    let co_chair = Viewer::Person(PersonId::new("az-energy"));
    assert!(
        crate::support::off_runtime(|| instance.app.entry_proof(&co_chair, hidden))
            .unwrap()
            .is_some()
    );
    assert!(
        crate::support::off_runtime(|| instance
            .app
            .entry_proof(&Viewer::Person(PersonId::new("us-trade")), hidden))
        .unwrap()
        .is_none()
    );
    // A malformed index is a bad request.
    assert_eq!(get(&router, "/api/v1/record/proof/x").await.status, 400);
    assert_eq!(get(&router, "/record?entry=x").await.status, 400);
}

/// A portable proof of one act: a C2SP `tlog-proof` that a policy checks
/// offline, under the latest checkpoint a witness cosigned once one is
/// kept, and withheld (404) exactly as the JSON proof is.
#[tokio::test]
async fn a_tlog_proof_of_one_act_verifies_under_a_policy_offline() {
    use accord_log::cosignature::{CosignerKey, cosign};
    use accord_log::policy::Policy;
    use accord_log::proof_file::TlogProof;

    let instance = world();
    let router = instance.router();
    let summary = get(&router, "/api/v1/record/checkpoint").await.json();
    let log_vkey = summary["verifier_key"].as_str().unwrap();
    let note_text = summary["checkpoint"].as_str().unwrap();
    let project = get(&router, "/api/v1/projects/tripp-power").await.json();
    let index = project["history"][0]["index"].as_u64().unwrap();

    // Before any witness cosigned: the log's signature alone.
    let answer = get(&router, &format!("/api/v1/record/tlog-proof/{index}")).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        answer.headers["content-disposition"],
        format!("attachment; filename=\"accord-entry-{index}.tlog-proof\"")
    );
    assert!(
        answer.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let proof = TlogProof::parse(&answer.body).unwrap();
    let alone = Policy::parse(&format!("log {log_vkey}\nquorum none\n")).unwrap();
    assert_eq!(proof.verify(&alone, None).unwrap().index, index);
    let page = get(&router, &format!("/record/proof/{index}.tlog-proof")).await;
    assert_eq!((page.status.as_u16(), &page.body), (200, &answer.body));
    let record = get(&router, &format!("/record?entry={index}&lang=en")).await;
    assert!(
        record.body.contains(&format!(
            "href=\"/record/proof/{index}.tlog-proof\" download"
        )),
        "{}",
        record.body
    );

    // A witness cosigns the checkpoint; the proof now carries its cosignature.
    let witness = accord_log::note::SigningKey::from_seed("witness.example/w1", [7; 32]).unwrap();
    let body = format!("{}\n", note_text.split_once("\n\n").unwrap().0);
    let cosigned = format!(
        "{note_text}{}",
        cosign(&witness, &body, 1_790_000_000).unwrap()
    );
    crate::support::off_runtime(|| instance.app.keep_cosigned_checkpoint(&cosigned)).unwrap();
    let wkey = CosignerKey::from_verifier_key(&witness.verifier_key()).to_vkey();
    let quorum = Policy::parse(&format!("log {log_vkey}\nwitness W1 {wkey}\nquorum W1\n")).unwrap();
    let answer = get(&router, &format!("/record/proof/{index}.tlog-proof")).await;
    let proof = TlogProof::parse(&answer.body).unwrap();
    let checked = proof.verify(&quorum, None).unwrap();
    assert_eq!(checked.cosigned_by, [("W1".to_owned(), 1_790_000_000)]);
    // One byte of the entry changed: its leaf is not in the tree.
    let mut forged = proof.clone();
    forged.extra.as_mut().unwrap()[0] ^= 1;
    assert!(forged.verify(&quorum, None).is_err());

    // Withheld as the JSON proof is, and a name that is not a proof's is a 404.
    let hidden = crate::support::off_runtime(|| {
        instance
            .app
            .project_detail(&Viewer::Operator, &ProjectId::new("grid-secret"))
    })
    .unwrap()
    .unwrap()
    .history[0]
        .index;
    for path in [
        format!("/api/v1/record/tlog-proof/{hidden}"),
        format!("/record/proof/{hidden}.tlog-proof"),
        "/record/proof/999999.tlog-proof".to_owned(),
        format!("/record/proof/{index}.txt"),
    ] {
        assert_eq!(get(&router, &path).await.status, 404, "{path}");
    }
}

/// Where a page knows an adoption's log index (an adopted proposal on the
/// approvals page, adopted minutes, a group's agreed project list and
/// roadmap), it links to the act's proof and its `.tlog-proof` download.
#[tokio::test]
async fn adopted_acts_link_to_their_proofs() {
    use accord_log::policy::Policy;
    use accord_log::proof_file::TlogProof;

    let with = crate::accounts::WithAccounts::new();
    crate::detail_world::seed(&with.instance);
    let adoptions = with.instance.app.group_adoptions(
        &Viewer::Operator,
        &accord_domain::ids::GroupId::new("energy"),
    );
    let roadmap = adoptions.roadmap.expect("the energy roadmap is adopted");
    let link = |index: u64| format!("href=\"/record/proof/{index}.tlog-proof\" download");
    let mut us = with.logged_in("us-coord").await;

    let group = us.get("/groups/energy?lang=en").await.body;
    assert!(group.contains(&link(roadmap)), "{group}");
    assert!(group.contains(&format!("href=\"/record?entry={roadmap}#proof\"")));
    if let Some(list) = adoptions.project_list {
        assert!(group.contains(&link(list)), "{group}");
    }
    let approvals = us.get("/approvals?lang=en").await.body;
    assert!(approvals.contains(&link(roadmap)), "{approvals}");
    let meeting = us.get("/meetings/charter-2026?lang=fr").await.body;
    let minutes = meeting
        .split_once("id=\"minutes\"")
        .and_then(|(_, rest)| rest.split_once("</section>"))
        .map(|(section, _)| section)
        .expect("the minutes' section");
    assert!(
        minutes.contains(".tlog-proof\" download>preuve de cet acte (.tlog-proof)</a>"),
        "{minutes}"
    );

    // The link gives a proof that checks offline.
    let answer = us.get(&format!("/record/proof/{roadmap}.tlog-proof")).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let key = get(&with.router, "/api/v1/record/checkpoint").await.json()["verifier_key"]
        .as_str()
        .unwrap()
        .to_owned();
    let policy = Policy::parse(&format!("log {key}\nquorum none\n")).unwrap();
    let proof = TlogProof::parse(&answer.body).unwrap();
    assert_eq!(proof.verify(&policy, None).unwrap().index, roadmap);
}
