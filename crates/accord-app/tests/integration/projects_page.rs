//! A page of projects is the same slice of the whole list, whoever asks and
//! whichever group, with the same count.

use accord_app::App;
use accord_domain::event::encode;
use accord_domain::ids::{GroupId, PersonId};
use accord_domain::synthetic::{Size, entries};
use accord_domain::visibility::Viewer;
use accord_log::note::SigningKey;
use accord_store::{Ledger, SqliteStore};

use crate::support::charter;

fn synthetic_app(dir: &tempfile::TempDir) -> App<SqliteStore> {
    let store = SqliteStore::open(&dir.path().join("accord.sqlite3")).unwrap();
    let key = SigningKey::from_seed("accord.test/pages", [3; 32]).unwrap();
    let mut ledger = Ledger::open(store, key, &mut |_| {}).unwrap();
    let size = Size {
        groups: 3,
        projects: 240,
        milestones_per_project: 1,
        updates_per_milestone: 1,
    };
    let bytes: Vec<Vec<u8>> = entries(&charter(), size).map(|e| encode(&e)).collect();
    ledger.append(&bytes).unwrap();
    App::open(ledger, &mut |_, _| {}).unwrap()
}

#[test]
fn a_page_of_projects_is_a_slice_of_the_whole_list() {
    let dir = tempfile::tempdir().unwrap();
    let app = synthetic_app(&dir);
    let mut viewers = vec![
        Viewer::Public,
        Viewer::Operator,
        Viewer::Person(PersonId::new("nobody")),
    ];
    viewers.extend(
        app.read(|s| s.persons.keys().cloned().collect::<Vec<_>>())
            .into_iter()
            .map(Viewer::Person),
    );
    let mut groups: Vec<Option<GroupId>> = vec![None];
    groups.extend(app.groups().into_iter().map(|g| Some(g.spec.id)));
    let mut distinct_totals = std::collections::BTreeSet::new();
    for viewer in &viewers {
        for group in &groups {
            let all = app.projects(viewer, group.as_ref());
            distinct_totals.insert(all.len());
            for (offset, limit) in [(0, 1), (0, 100), (7, 13), (230, 100), (1000, 5)] {
                let (page, total) = app.projects_page(viewer, group.as_ref(), offset, limit);
                assert_eq!(total, all.len(), "{viewer:?} {group:?}");
                let expected: Vec<_> = all.iter().skip(offset).take(limit).cloned().collect();
                assert_eq!(page, expected, "{viewer:?} {group:?} {offset} {limit}");
                let (ids, _) =
                    app.projects_page_map(viewer, group.as_ref(), offset, limit, |p| p.id.clone());
                let expected_ids: Vec<_> = expected.iter().map(|p| p.id.clone()).collect();
                assert_eq!(ids, expected_ids);
            }
        }
    }
    assert_eq!(app.projects_page(&Viewer::Operator, None, 0, 1).1, 240);
    assert!(
        distinct_totals.len() > 2,
        "the viewers see different lists: {distinct_totals:?}"
    );
}
