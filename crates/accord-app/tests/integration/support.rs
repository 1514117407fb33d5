//! An instance in a temporary folder, initialised with a small charter.

use std::path::{Path, PathBuf};

use accord_app::App;
use accord_domain::Period;
use accord_domain::command::{Actor, Command};
use accord_domain::ids::ProvisionId;
use accord_domain::model::*;
use accord_log::note::SigningKey;
use accord_store::{Ledger, SqliteStore};
use jiff::Timestamp;
use jiff::civil::date;

pub struct Instance {
    pub dir: tempfile::TempDir,
    pub key: String,
}

pub fn now() -> Timestamp {
    "2026-03-01T09:00:00Z".parse().unwrap()
}

impl Instance {
    pub fn new() -> Instance {
        let dir = tempfile::tempdir().unwrap();
        let key = SigningKey::from_seed("accord.test/az-us", [7; 32])
            .unwrap()
            .to_private_string();
        let instance = Instance { dir, key };
        let app = instance.open().unwrap();
        app.execute(
            &Actor::System,
            Command::Initialise {
                origin: "accord.test/az-us".into(),
                charter: charter(),
            },
            now(),
        )
        .unwrap();
        instance
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("accord.sqlite3")
    }

    pub fn open(&self) -> Result<App<SqliteStore>, accord_app::AppError> {
        open_at(&self.db(), &self.key)
    }
}

pub fn open_at(db: &Path, key: &str) -> Result<App<SqliteStore>, accord_app::AppError> {
    let store = SqliteStore::open(db)?;
    let ledger = Ledger::open(store, SigningKey::parse(key).unwrap(), &mut |_| {})?;
    App::open(ledger, &mut |_, _| {})
}

fn texts(fr: &str) -> Texts {
    [("fr".to_owned(), fr.to_owned())].into_iter().collect()
}

pub fn charter() -> CharterRecord {
    let provision = |id: &str, kind, section: Option<&str>, commitment| Provision {
        id: ProvisionId::new(id),
        kind,
        section: section.map(str::to_owned),
        texts: texts(id),
        commitment,
    };
    CharterRecord {
        title: texts("Charte"),
        languages: vec!["fr".into()],
        signed_on: date(2026, 2, 10),
        parties: vec![
            Party {
                code: "AZ".into(),
                names: texts("Azerbaïdjan"),
            },
            Party {
                code: "US".into(),
                names: texts("États-Unis"),
            },
        ],
        provisions: vec![
            provision("I.1", ProvisionKind::Item, Some("I"), true),
            provision("I.3", ProvisionKind::Item, Some("I"), true),
            provision("IV.p2", ProvisionKind::Paragraph, Some("IV"), false),
        ],
        obligations: vec![Obligation::Deadline {
            provision: "IV.p2".into(),
            from: Trigger::Signature,
            within: Period::months(3),
            deliverables: vec![Deliverable::ProjectList, Deliverable::Roadmap],
            quote: "trois mois".into(),
        }],
        working_groups: ["energy", "connectivity"]
            .into_iter()
            .map(|id| WorkingGroupSpec {
                id: id.into(),
                names: texts(id),
                scope: Vec::new(),
                purpose: Default::default(),
            })
            .collect(),
    }
}
