//! From a parsed charter (one or more aligned language versions) and its
//! metadata to the charter the record holds: provisions with their texts in
//! every language, the obligations read from the text, the working groups.
//!
//! Nothing here is specific to one charter: the deadlines, recurring
//! meetings and working groups all come from the text.

use std::collections::BTreeMap;

use accord_charter::{Charter, CharterMetadata, ObligationKind};
use accord_domain::Period;
use accord_domain::ids::{GroupId, PartyCode, ProvisionId};
use accord_domain::model::{
    CharterRecord, Deliverable, Obligation, Party, Provision, ProvisionKind, Texts, Trigger,
    WorkingGroupSpec,
};
use jiff::civil::Date;

/// Why a charter cannot become an instance's charter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CharterRecordError {
    #[error("no charter text given")]
    NoVersion,
    #[error("the signature date {0:?} is not a date such as 2026-02-10")]
    BadDate(String),
    #[error("the metadata names {found} parties, the text {expected}")]
    PartyCount { expected: usize, found: usize },
    #[error("obligation in {provision}: {reason}")]
    BadObligation { provision: String, reason: String },
    #[error("two versions are both in {0}; give one text per language")]
    DuplicateLanguage(String),
}

/// The charter the record holds, from `versions` (the reference version
/// first; the others aligned with it, as `accord charter align` checks) and
/// their `metadata`, signed on `signed_on` when given (else the metadata's
/// date).
pub fn charter_record(
    versions: &[Charter],
    metadata: &CharterMetadata,
    signed_on: Option<Date>,
) -> Result<CharterRecord, CharterRecordError> {
    let reference = versions.first().ok_or(CharterRecordError::NoVersion)?;
    let mut languages: Vec<String> = Vec::new();
    for v in versions {
        if languages.contains(&v.language) {
            return Err(CharterRecordError::DuplicateLanguage(v.language.clone()));
        }
        languages.push(v.language.clone());
    }
    let signed_on = match signed_on {
        Some(date) => date,
        None => metadata
            .signature_date
            .parse()
            .map_err(|_| CharterRecordError::BadDate(metadata.signature_date.clone()))?,
    };
    if !reference.parties.is_empty() && reference.parties.len() != metadata.parties.len() {
        return Err(CharterRecordError::PartyCount {
            expected: reference.parties.len(),
            found: metadata.parties.len(),
        });
    }

    let texts_of = |id: &str| -> Texts {
        versions
            .iter()
            .filter_map(|v| {
                v.provision(id)
                    .map(|p| (v.language.clone(), p.text.clone()))
            })
            .collect()
    };
    // The section that sets up the working groups is the charter's
    // institutional framework; the other sections hold its commitments.
    let institutional: Option<&str> = reference
        .working_groups
        .first()
        .and_then(|g| {
            reference
                .sections
                .iter()
                .find(|s| s.paragraphs.iter().any(|p| p.id == g.provision))
        })
        .map(|s| s.id.as_str());
    let mut provisions: Vec<Provision> = reference
        .preamble
        .iter()
        .map(|p| Provision {
            id: ProvisionId(p.id.clone()),
            kind: ProvisionKind::Recital,
            section: None,
            texts: texts_of(&p.id),
            commitment: false,
        })
        .collect();
    for section in &reference.sections {
        for p in &section.paragraphs {
            provisions.push(Provision {
                id: ProvisionId(p.id.clone()),
                kind: if p.number.is_some() {
                    ProvisionKind::Item
                } else {
                    ProvisionKind::Paragraph
                },
                section: Some(section.id.clone()),
                texts: texts_of(&p.id),
                commitment: Some(section.id.as_str()) != institutional,
            });
        }
    }

    let obligations = reference
        .obligations
        .iter()
        .filter_map(|o| obligation(o).transpose())
        .collect::<Result<Vec<_>, _>>()?;

    let working_groups = reference
        .working_groups
        .iter()
        .map(|g| {
            let mut names: Texts = g.names.clone();
            names
                .entry(reference.language.clone())
                .or_insert_with(|| g.label.clone());
            if let Some(meta) = metadata.working_groups.iter().find(|m| m.id == g.id) {
                for (lang, name) in &meta.names {
                    names.insert(lang.clone(), name.clone());
                }
            }
            WorkingGroupSpec {
                id: GroupId(g.id.clone()),
                names,
                scope: suggested_scope(&g.label, &provisions, &reference.language),
                purpose: Default::default(),
            }
        })
        .collect();

    // The metadata's titles, where it gives them, over the heading the
    // published text starts with (often a publisher's, in capitals).
    let mut title: Texts = versions
        .iter()
        .filter_map(|v| v.title.clone().map(|t| (v.language.clone(), t)))
        .collect();
    title.extend(metadata.titles.clone());
    Ok(CharterRecord {
        title,
        languages,
        signed_on,
        parties: metadata
            .parties
            .iter()
            .map(|p| Party {
                code: PartyCode(p.code.clone()),
                names: p.names.clone(),
            })
            .collect(),
        provisions,
        obligations,
        working_groups,
    })
}

/// One obligation of the text as the record tracks it; `None` for a kind of
/// deadline the record cannot date yet (from an event it does not know).
fn obligation(o: &accord_charter::Obligation) -> Result<Option<Obligation>, CharterRecordError> {
    let provision = ProvisionId(o.provision.clone());
    let period = |text: &str| {
        text.parse::<Period>()
            .map_err(|e| CharterRecordError::BadObligation {
                provision: o.provision.clone(),
                reason: e.to_string(),
            })
    };
    Ok(Some(match &o.kind {
        ObligationKind::Deadline { within, from, .. } => {
            let from = match from.as_str() {
                "signature" => Trigger::Signature,
                "entry_into_force" => Trigger::EntryIntoForce,
                _ => return Ok(None),
            };
            Obligation::Deadline {
                provision,
                from,
                within: period(within)?,
                deliverables: deliverables(&o.quote),
                quote: o.quote.clone(),
            }
        }
        ObligationKind::Recurring { every } => Obligation::Recurring {
            provision,
            every: period(every)?,
            quote: o.quote.clone(),
        },
        ObligationKind::MutualAgreement => Obligation::MutualAgreement {
            provision,
            quote: o.quote.clone(),
        },
    }))
}

/// What a deadline's sentence asks for: project lists, roadmaps, or both.
fn deliverables(quote: &str) -> Vec<Deliverable> {
    let text = quote.to_lowercase();
    let mut found = Vec::new();
    if ["projet", "project", "layihə"]
        .iter()
        .any(|w| text.contains(w))
    {
        found.push(Deliverable::ProjectList);
    }
    if [
        "feuille",
        "feuilles de route",
        "roadmap",
        "road map",
        "yol xəritə",
    ]
    .iter()
    .any(|w| text.contains(w))
    {
        found.push(Deliverable::Roadmap);
    }
    found
}

/// The commitments whose text shares a significant word stem with the
/// group's label: a suggestion the co-chairs can edit.
fn suggested_scope(label: &str, provisions: &[Provision], language: &str) -> Vec<ProvisionId> {
    const STOP: [&str; 12] = [
        "ainsi",
        "autres",
        "dans",
        "matière",
        "domaine",
        "développement",
        "and",
        "other",
        "development",
        "the",
        "des",
        "les",
    ];
    let stems: Vec<String> = label
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !STOP.contains(&w.as_str()))
        // A stem: the word less its last two letters, at least five letters
        // ("énergie" → "énerg", matching "énergétique").
        .map(|w| {
            let n = w.chars().count();
            w.chars().take(n.saturating_sub(2).max(5)).collect()
        })
        .collect();
    if stems.is_empty() {
        return Vec::new();
    }
    let mut scope: BTreeMap<usize, ProvisionId> = BTreeMap::new();
    for (i, p) in provisions.iter().enumerate().filter(|(_, p)| p.commitment) {
        let Some(text) = p.texts.get(language) else {
            continue;
        };
        let text = text.to_lowercase();
        if stems.iter().any(|s| text.contains(s.as_str())) {
            scope.insert(i, p.id.clone());
        }
    }
    scope.into_values().collect()
}
