//! What the instance's own pages ask of the record: the administration
//! (who administers; organisations, people and their roles), the setup
//! link (the charter's parties, whether an organisation exists), and a
//! download (the record as a viewer may export it).
//!
//! Who administers is `permissions`' rule (`Permission::Administer`); the
//! web asks these queries and never the state.

use accord_domain::command::Actor;
use accord_domain::ids::{GroupId, OrganisationId, PartyCode, PersonId};
use accord_domain::model::{Organisation, Person, Role};
use accord_domain::permissions::{self, Permission};
use accord_domain::state::State;
use accord_domain::visibility::Viewer;
use accord_export::ExportScope;
use accord_store::EventStore;
use jiff::Timestamp;

use crate::App;

/// A person of the record with the roles they hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRoles {
    /// The person, naming their organisation.
    pub person: Person,
    pub roles: Vec<Role>,
}

/// What an administrator administers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Administration {
    /// The organisations, by id.
    pub organisations: Vec<Organisation>,
    /// The people, by id, each with their roles.
    pub people: Vec<PersonRoles>,
    /// The charter's parties, in its order (what a role or an
    /// organisation may name).
    pub parties: Vec<PartyCode>,
    /// The working groups and dialogue platforms, by id.
    pub groups: Vec<GroupId>,
}

/// The charter's parties in its order; none before the instance is
/// initialised.
pub(crate) fn charter_parties(state: &State) -> Vec<PartyCode> {
    state
        .charter
        .as_ref()
        .map(|c| c.parties.iter().map(|p| p.code.clone()).collect())
        .unwrap_or_default()
}

fn administers(state: &State, person: &PersonId) -> bool {
    permissions::check(
        state,
        &Actor::Person(person.clone()),
        &Permission::Administer,
    )
    .is_ok()
}

impl<S: EventStore> App<S> {
    /// Whether `person` administers the instance.
    pub fn is_administrator(&self, person: &PersonId) -> bool {
        self.read(|state| administers(state, person))
    }

    /// The organisations, people and roles `person` administers; none
    /// unless they are an administrator.
    pub fn administration(&self, person: &PersonId) -> Option<Administration> {
        self.read(|state| {
            if !administers(state, person) {
                return None;
            }
            Some(Administration {
                organisations: state.organisations.values().cloned().collect(),
                people: state
                    .persons
                    .values()
                    .map(|p| PersonRoles {
                        person: p.clone(),
                        roles: state.roles_of(&p.id).cloned().collect(),
                    })
                    .collect(),
                parties: charter_parties(state),
                groups: state.groups.keys().cloned().collect(),
            })
        })
    }

    /// Whether `person` is registered in the record.
    pub fn is_registered(&self, person: &PersonId) -> bool {
        self.read(|state| state.persons.contains_key(person))
    }

    /// Whether `organisation` is registered in the record.
    pub fn organisation_exists(&self, organisation: &OrganisationId) -> bool {
        self.read(|state| state.organisations.contains_key(organisation))
    }

    /// The charter's parties, in its order; none before the instance is
    /// initialised.
    pub fn parties(&self) -> Vec<PartyCode> {
        self.read(charter_parties)
    }

    /// Runs `write` over the record as `viewer` may export it, made at
    /// `generated_at`, under the read lock (which it holds until `write`
    /// returns: give it somewhere fast to write, not a slow client).
    pub fn export<R>(
        &self,
        viewer: &Viewer,
        generated_at: Timestamp,
        write: impl FnOnce(&ExportScope<'_>) -> R,
    ) -> R {
        self.read(|state| {
            write(&ExportScope {
                state,
                viewer,
                generated_at,
            })
        })
    }
}
