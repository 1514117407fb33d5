//! Whom a command's output is for: the operator at the console (the whole
//! record), the public (`--public`), or one person (`--as PERSON`). Exports
//! and reports take the same choice, so what they hold can be checked
//! before it is handed over.

use accord_app::App;
use accord_domain::ids::PersonId;
use accord_domain::visibility::Viewer;
use accord_store::EventStore;
use clap::Args;

use crate::commands::UsageError;

#[derive(Debug, Clone, Args)]
pub struct ViewerArgs {
    /// Only what the public portal shows.
    #[arg(long, conflicts_with = "as_person")]
    pub public: bool,
    /// Only what this person (by id) may see.
    #[arg(long = "as", value_name = "PERSON")]
    pub as_person: Option<String>,
}

impl ViewerArgs {
    /// The viewer these arguments name; a person the record does not know
    /// is a usage error.
    pub fn resolve<S: EventStore>(&self, app: &App<S>) -> Result<Viewer, UsageError> {
        match (self.public, &self.as_person) {
            (true, _) => Ok(Viewer::Public),
            (false, Some(id)) => {
                let person = PersonId::new(id.clone());
                if app.read(|state| state.persons.contains_key(&person)) {
                    Ok(Viewer::Person(person))
                } else {
                    Err(UsageError(format!(
                        "--as {id:?}: no such person in the record"
                    )))
                }
            }
            (false, None) => Ok(Viewer::Operator),
        }
    }
}
