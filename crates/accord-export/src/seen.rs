//! What a viewer sees, in the shapes several exports share: names in the
//! charter's reference language, the organisations a viewer may know of,
//! meetings cut down to what the viewer may see of them.
//!
//! The rules themselves are `accord_domain::visibility`'s; this module only
//! applies them the same way for every export.

use std::collections::BTreeSet;

use accord_domain::ids::{GroupId, OrganisationId, PartyCode};
use accord_domain::model::Texts;
use accord_domain::state::{Meeting, State};
use accord_domain::visibility::{
    Viewer, can_see_agenda_item, can_see_meeting, can_see_meeting_in_full, sees_everything,
    visible_projects,
};

/// The text of `texts` in the first of `languages` it has, else in any
/// language, else `fallback`.
pub fn text_in<'a>(texts: &'a Texts, languages: &[String], fallback: &'a str) -> &'a str {
    languages
        .iter()
        .find_map(|l| texts.get(l))
        .or_else(|| texts.values().next())
        .map_or(fallback, String::as_str)
}

/// The charter's languages, the reference version first (none before
/// initialisation).
pub fn languages(state: &State) -> &[String] {
    state.charter.as_ref().map_or(&[], |c| &c.languages)
}

/// A working group's name in the reference language, else its id.
pub fn group_name<'a>(state: &'a State, group: &'a GroupId) -> &'a str {
    state.groups.get(group).map_or(group.as_str(), |g| {
        text_in(&g.spec.names, languages(state), group.as_str())
    })
}

/// A party's name in the reference language, else its code.
pub fn party_name<'a>(state: &'a State, party: &'a PartyCode) -> &'a str {
    state
        .charter
        .as_ref()
        .and_then(|c| c.parties.iter().find(|p| p.code == *party))
        .map_or(party.as_str(), |p| {
            text_in(&p.names, languages(state), party.as_str())
        })
}

/// The organisations `viewer` may know of: every one for those who see
/// everything; otherwise the governments' bodies, those taking part in a
/// project the viewer sees, and the viewer's own.
pub fn visible_organisations(state: &State, viewer: &Viewer) -> BTreeSet<OrganisationId> {
    if sees_everything(state, viewer) {
        return state.organisations.keys().cloned().collect();
    }
    let mut seen: BTreeSet<OrganisationId> = state
        .organisations
        .values()
        .filter(|o| o.party.is_some())
        .map(|o| o.id.clone())
        .collect();
    for project in visible_projects(state, viewer) {
        seen.extend(project.spec.lead_organisations.iter().cloned());
        seen.extend(project.spec.partners.iter().cloned());
    }
    if let Viewer::Person(person) = viewer
        && let Some(p) = state.persons.get(person)
    {
        seen.insert(p.organisation.clone());
    }
    seen.retain(|id| state.organisations.contains_key(id));
    seen
}

/// A meeting as `viewer` may see it (none when not at all): seen in full,
/// with the agenda items the viewer may see; otherwise its date, place and
/// whether it was held, without agenda, participants or minutes.
pub fn meeting_as_seen(state: &State, viewer: &Viewer, meeting: &Meeting) -> Option<Meeting> {
    if !can_see_meeting(state, viewer, meeting) {
        return None;
    }
    let mut shown = meeting.clone();
    if can_see_meeting_in_full(state, viewer, meeting) {
        shown
            .spec
            .agenda
            .retain(|item| can_see_agenda_item(state, viewer, item));
    } else {
        shown.spec.agenda.clear();
        shown.spec.participants.clear();
        shown.minutes = None;
    }
    Some(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_prefers_the_given_languages_in_order() {
        let texts: Texts = [("en", "Energy"), ("fr", "Énergie")]
            .into_iter()
            .map(|(l, t)| (l.to_owned(), t.to_owned()))
            .collect();
        assert_eq!(text_in(&texts, &["fr".into(), "en".into()], "x"), "Énergie");
        assert_eq!(text_in(&texts, &["az".into()], "x"), "Energy");
        assert_eq!(text_in(&Texts::new(), &["fr".into()], "x"), "x");
    }
}
