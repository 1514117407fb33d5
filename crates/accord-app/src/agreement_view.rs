//! Who signs for a party on a proposal: the one answer the pages, the API
//! and the use cases share, so that no layer above restates the rule.

use accord_domain::agreement::Scope;
use accord_domain::ids::{PartyCode, PersonId};
use accord_domain::model::Role;
use accord_domain::state::State;

/// The party `person` signs for on a proposal of `scope`: a coordinator's
/// party for anything, a co-chair's party within their group; none for
/// anyone else.
pub fn signing_party(state: &State, person: &PersonId, scope: &Scope) -> Option<PartyCode> {
    let mut co_chair = None;
    for role in state.roles_of(person) {
        match role {
            Role::Coordinator { party } => return Some(party.clone()),
            Role::CoChair { group, party } if *scope == Scope::WorkingGroup(group.clone()) => {
                co_chair = Some(party.clone());
            }
            _ => {}
        }
    }
    co_chair
}
