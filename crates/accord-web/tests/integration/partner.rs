//! A partner that takes part in the restricted project (SOCAR's person in
//! the matrix's world) sees that project and what belongs to it, in every
//! list and by name, and nothing else the public may not see; the partner
//! of the partnership project (ACWA's) sees the reverse. Neither signs.

use crate::matrix_world::{
    PARTNERSHIP, PARTNERSHIP_TITLE, RESTRICTED, client_for, energy_list_2_hash, restricted_entry,
    world,
};
use crate::support::{PUBLIC_TITLE, RESTRICTED_TITLE};

#[tokio::test]
async fn each_partner_sees_the_projects_it_takes_part_in_and_the_public_ones() {
    let world = world();
    let entry = restricted_entry(&world);
    for (who, mine, not_mine) in [
        ("socar-partner", RESTRICTED, PARTNERSHIP),
        ("acwa-partner", PARTNERSHIP, RESTRICTED),
    ] {
        let mut client = client_for(&world, who).await;
        let listed = client.get("/api/v1/projects").await.json();
        let ids: Vec<&str> = listed
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        assert!(ids.contains(&mine), "{who}: {ids:?}");
        assert!(ids.contains(&"tripp-power"), "{who}: {ids:?}");
        assert!(!ids.contains(&not_mine), "{who}: {ids:?}");
        for base in ["/projects/", "/api/v1/projects/"] {
            assert_eq!(client.get(&format!("{base}{mine}")).await.status, 200);
            assert_eq!(client.get(&format!("{base}{not_mine}")).await.status, 404);
        }
        let group = client.get("/groups/energy?lang=en").await.body;
        assert!(group.contains(PUBLIC_TITLE), "{who}");
        let (shown, hidden) = if mine == RESTRICTED {
            (RESTRICTED_TITLE, PARTNERSHIP_TITLE)
        } else {
            (PARTNERSHIP_TITLE, RESTRICTED_TITLE)
        };
        assert!(group.contains(shown), "{who}: {group}");
        assert!(!group.contains(hidden), "{who}");
        // The record's entry that proposes the restricted project, with
        // its proof: for its partner, not for the other.
        let proof = client.get(&format!("/api/v1/record/proof/{entry}")).await;
        assert_eq!(proof.status == 200, mine == RESTRICTED, "{who}");
        // Counts agree with the list.
        let status = client.get("/api/v1/status").await.json();
        let energy = status["working_groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == "energy")
            .unwrap()
            .clone();
        let counted: u64 = energy["projects"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        let in_energy = client.get("/api/v1/projects?group=energy").await.json();
        assert_eq!(
            counted as usize,
            in_energy.as_array().unwrap().len(),
            "{who}"
        );
    }
}

#[tokio::test]
async fn a_partner_signs_nothing() {
    let world = world();
    let mut client = client_for(&world, "socar-partner").await;
    let size = world.instance.app.size();
    let answer = client
        .post_form(
            "/approvals",
            "/approvals/energy-list-2/approve",
            &format!("content_hash={}", energy_list_2_hash()),
        )
        .await;
    assert_eq!(answer.status, 200, "the form again, with the refusal");
    assert!(
        answer.body.contains(r#"data-code="not_signatory""#),
        "{}",
        answer.body
    );
    assert_eq!(world.instance.app.size(), size, "nothing recorded");
}
