//! accord's provision ids and Akoma Ntoso's element ids (`eId`), one to one.
//!
//! - a recital `P.1` is `preamble__recital_1` (`P.p2` is
//!   `preamble__recital_p2`);
//! - an item `II.4` of a section is `sec_II__para_4`, an unnumbered
//!   paragraph `I.p2` is `sec_I__para_p2`, and a repeated number keeps its
//!   suffix (`II.4-2` is `sec_II__para_4-2`);
//! - the section `II` itself is `sec_II`.
//!
//! `_` separates the parts of an eId, so an id holding `_` or white space has
//! no eId (accord's ids never hold either); `docs/akoma-ntoso.md` documents
//! the mapping.

use accord_domain::ids::ProvisionId;

const RECITAL: &str = "preamble__recital_";
const SECTION: &str = "sec_";
const PARAGRAPH: &str = "__para_";
/// The section part of accord's recital ids.
const PREAMBLE: &str = "P";

/// The eId of a provision, or None for an id outside accord's scheme.
pub fn eid_of(provision: &ProvisionId) -> Option<String> {
    let (container, item) = provision.as_str().rsplit_once('.')?;
    if !is_part(container) || !is_part(item) {
        return None;
    }
    Some(if container == PREAMBLE {
        format!("{RECITAL}{item}")
    } else {
        format!("{SECTION}{container}{PARAGRAPH}{item}")
    })
}

/// The provision an eId marks up, or None for any other eId.
pub fn provision_of(eid: &str) -> Option<ProvisionId> {
    if let Some(item) = eid.strip_prefix(RECITAL) {
        return (is_part(item) && !item.contains('.'))
            .then(|| ProvisionId(format!("{PREAMBLE}.{item}")));
    }
    let (container, item) = eid.strip_prefix(SECTION)?.split_once(PARAGRAPH)?;
    (is_part(container) && container != PREAMBLE && is_part(item) && !item.contains('.'))
        .then(|| ProvisionId(format!("{container}.{item}")))
}

/// The eId of a section (`sec_II`), or None when the section's id has none.
pub fn section_eid(section: &str) -> Option<String> {
    (is_part(section) && section != PREAMBLE).then(|| format!("{SECTION}{section}"))
}

fn is_part(text: &str) -> bool {
    !text.is_empty() && !text.contains('_') && !text.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eid(id: &str) -> Option<String> {
        eid_of(&ProvisionId::new(id))
    }

    #[test]
    fn recitals_items_and_paragraphs_have_their_eids() {
        assert_eq!(eid("P.1").as_deref(), Some("preamble__recital_1"));
        assert_eq!(eid("P.p2").as_deref(), Some("preamble__recital_p2"));
        assert_eq!(eid("I.3").as_deref(), Some("sec_I__para_3"));
        assert_eq!(eid("IV.p2").as_deref(), Some("sec_IV__para_p2"));
        assert_eq!(eid("II.4-2").as_deref(), Some("sec_II__para_4-2"));
        assert_eq!(section_eid("II").as_deref(), Some("sec_II"));
    }

    #[test]
    fn eids_lead_back_to_their_provisions() {
        assert_eq!(provision_of("preamble__recital_1"), Some("P.1".into()));
        assert_eq!(provision_of("sec_I__para_3"), Some("I.3".into()));
        assert_eq!(provision_of("sec_IV__para_p2"), Some("IV.p2".into()));
        assert_eq!(provision_of("sec_II__para_4-2"), Some("II.4-2".into()));
    }

    #[test]
    fn other_eids_and_ids_map_to_nothing() {
        for other in [
            "sec_I",
            "preamble",
            "preamble__recital_",
            "sec___para_1",
            "sec_P__para_1",
            "sec_I__para_1__list_1",
            "sec_I__para_1.2",
            "az",
        ] {
            assert_eq!(provision_of(other), None, "{other}");
        }
        for other in ["I", "I.", ".3", "I.3_a", "I.3 a", "sec_I.1"] {
            assert_eq!(eid(other), None, "{other}");
        }
    }

    #[test]
    fn the_mapping_is_one_to_one_over_the_bundled_charter() {
        let text = include_str!("../../../../charters/az-us-2026.fr.txt");
        let charter = accord_charter::parse(text).expect("the bundled charter parses");
        let mut eids = std::collections::BTreeSet::new();
        for provision in charter.provisions() {
            let id = ProvisionId::new(provision.id.clone());
            let eid = eid_of(&id).unwrap_or_else(|| panic!("{id} has an eId"));
            assert_eq!(provision_of(&eid), Some(id.clone()), "{eid}");
            assert!(eids.insert(eid), "{id}'s eId is taken");
        }
        assert!(eids.len() > 20, "{eids:?}");
        assert!(eids.contains("sec_I__para_p1"), "{eids:?}");
    }
}
