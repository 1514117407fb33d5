//! The structured charter: what `accord charter parse --format json` prints.
//!
//! `docs/charter-json.md` documents every field and `docs/charter.schema.json`
//! is its JSON Schema; a test checks real outputs against the schema.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A parsed charter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Charter {
    /// The title as printed in the header, when there is one.
    pub title: Option<String>,
    /// ISO 639-1 code of the text's language (`fr`, `en`).
    pub language: String,
    /// The parties, as written in the party clause.
    pub parties: Vec<String>,
    /// The recitals of the preamble (ids `P.1`…).
    pub preamble: Vec<Provision>,
    /// The sections, in order (ids `I`, `II`…).
    pub sections: Vec<Section>,
    /// Working groups the text sets up.
    pub working_groups: Vec<WorkingGroup>,
    /// Deadlines, recurring acts and acts by mutual agreement.
    pub obligations: Vec<Obligation>,
    /// Other documents the text relies on, with date and place.
    pub instruments: Vec<Instrument>,
    /// The closing formula ("Done at…", "Signed at…"), when there is one.
    pub closing: Option<Closing>,
    /// What the charter's metadata file adds (signature date, party codes).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub metadata: Option<AppliedMetadata>,
    /// Things the parser noticed but could not settle.
    pub warnings: Vec<Warning>,
}

impl Charter {
    /// Every provision, preamble first, in document order.
    pub fn provisions(&self) -> impl Iterator<Item = &Provision> {
        self.preamble
            .iter()
            .chain(self.sections.iter().flat_map(|s| s.paragraphs.iter()))
    }

    /// The provision with this id.
    pub fn provision(&self, id: &str) -> Option<&Provision> {
        self.provisions().find(|p| p.id == id)
    }
}

/// A citable unit: a recital, a numbered item or an unnumbered paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provision {
    /// `P.1`, `II.4`, `IV.p2`: from structure only, the same in every language version.
    pub id: String,
    /// The number as printed, or None for an unnumbered paragraph.
    pub number: Option<u32>,
    /// The text on one line: wrapped lines joined with single spaces, markup dropped.
    pub text: String,
    /// First source line (1-based).
    pub line: u32,
    /// Last source line.
    pub end_line: u32,
}

/// A section of the charter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// `I`, `II`…
    pub id: String,
    /// Its Roman numeral, as a string.
    pub number: String,
    /// Its title, or None when the text gives the section no heading.
    pub title: Option<String>,
    /// The heading's source line (or the first paragraph's, without heading).
    pub line: u32,
    /// Its numbered items and unnumbered paragraphs, in order.
    pub paragraphs: Vec<Provision>,
}

/// A working group the charter sets up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingGroup {
    /// From the metadata file when it names this group, else a slug of the label.
    pub id: String,
    /// The area as written in the text ("l’économie et le commerce").
    pub label: String,
    /// The provision that sets it up.
    pub provision: String,
    /// Its names in other languages, from the metadata file.
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub names: BTreeMap<String, String>,
}

/// What an obligation asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ObligationKind {
    /// Something to do within a period of an event.
    Deadline {
        /// ISO 8601 duration (`P3M`).
        within: String,
        /// The event the period runs from: `signature`, `entry_into_force`,
        /// `adoption`, `ratification`, `establishment`, or `other`.
        from: String,
        /// The event as written, on one line ("la signature de la présente Charte").
        from_text: String,
        /// `from` + `within`, when the metadata gives the signature date.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        due: Option<String>,
    },
    /// Something to do again and again.
    Recurring {
        /// ISO 8601 duration between two occurrences at most (`P1Y`).
        every: String,
    },
    /// An act that takes effect only when every party agrees.
    MutualAgreement,
}

/// An obligation read out of a provision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Obligation {
    #[serde(flatten)]
    pub kind: ObligationKind,
    /// The provision it comes from.
    pub provision: String,
    /// The sentence it comes from: the exact bytes of the source text.
    pub quote: String,
    /// The words that make it an obligation: also exact bytes of the source.
    pub trigger: String,
    /// The source line where the quote starts.
    pub line: u32,
}

/// Another document the charter relies on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instrument {
    /// Its title as written.
    pub title: String,
    /// ISO 8601 date.
    pub date: Option<String>,
    /// Where it was signed or adopted.
    pub place: Option<String>,
    /// The provision that mentions it.
    pub provision: String,
}

/// The closing formula.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closing {
    pub text: String,
    pub date: Option<String>,
    pub place: Option<String>,
    pub line: u32,
}

/// A note about the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// The source line it is about, when there is one.
    pub line: Option<u32>,
    pub message: String,
}

/// Metadata applied to this charter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedMetadata {
    /// The charter's id (`az-us-2026`).
    pub id: String,
    /// ISO 8601 date of signature.
    pub signature_date: String,
    /// The parties' codes and names, in the order of the metadata file.
    pub parties: Vec<AppliedParty>,
}

/// A party as the metadata names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedParty {
    pub code: String,
    pub names: BTreeMap<String, String>,
}
