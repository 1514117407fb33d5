//! What a charter's text does not say, from a TOML file kept beside it
//! (`charters/az-us-2026.toml`): the signature date, the parties' short codes
//! and names, the working groups' stable ids and names in each language.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use crate::error::MetadataError;

/// A charter's metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharterMetadata {
    /// The charter's id (`az-us-2026`).
    pub id: String,
    /// ISO 8601 date of signature (`2026-02-10`).
    pub signature_date: String,
    /// The charter's title by language, where the published text gives none
    /// or only a publisher's heading (ISO 639-1 keys).
    pub titles: BTreeMap<String, String>,
    pub parties: Vec<PartyMetadata>,
    pub working_groups: Vec<WorkingGroupMetadata>,
}

/// A party: its short code and its names by language (ISO 639-1 keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyMetadata {
    pub code: String,
    pub names: BTreeMap<String, String>,
}

/// A working group: its stable id and its names by language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingGroupMetadata {
    pub id: String,
    pub names: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    id: Spanned<String>,
    signature_date: Spanned<String>,
    #[serde(default)]
    title: BTreeMap<String, String>,
    parties: Vec<PartyFile>,
    #[serde(default)]
    working_groups: Vec<GroupFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartyFile {
    code: Spanned<String>,
    name: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFile {
    id: Spanned<String>,
    name: BTreeMap<String, String>,
}

fn line_of(text: &str, offset: usize) -> u32 {
    let n = text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    u32::try_from(n + 1).unwrap_or(u32::MAX)
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

impl CharterMetadata {
    /// Reads metadata from TOML text; errors give the line.
    pub fn from_toml(text: &str) -> Result<Self, MetadataError> {
        let file: File = toml::from_str(text).map_err(|e| MetadataError {
            line: e.span().map_or(1, |s| line_of(text, s.start)),
            message: e.message().trim().to_owned(),
        })?;
        let bad = |spanned_start: usize, message: String| MetadataError {
            line: line_of(text, spanned_start),
            message,
        };
        if !is_slug(file.id.get_ref()) {
            return Err(bad(
                file.id.span().start,
                format!(
                    "id {:?} must be lowercase letters, digits and '-'",
                    file.id.get_ref()
                ),
            ));
        }
        if crate::date::parse(file.signature_date.get_ref()).is_none() {
            return Err(bad(
                file.signature_date.span().start,
                format!(
                    "signature_date {:?} is not a date written YYYY-MM-DD",
                    file.signature_date.get_ref()
                ),
            ));
        }
        let mut codes = HashSet::new();
        for p in &file.parties {
            let code = p.code.get_ref();
            if !(2..=3).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(bad(
                    p.code.span().start,
                    format!("party code {code:?} must be 2 or 3 capital letters"),
                ));
            }
            if !codes.insert(code.clone()) {
                return Err(bad(
                    p.code.span().start,
                    format!("party code {code} appears twice"),
                ));
            }
        }
        if file.parties.len() < 2 {
            return Err(MetadataError {
                line: 1,
                message: "a charter needs at least two [[parties]]".to_owned(),
            });
        }
        let mut ids = HashSet::new();
        for g in &file.working_groups {
            let id = g.id.get_ref();
            if !is_slug(id) {
                return Err(bad(
                    g.id.span().start,
                    format!("working group id {id:?} must be lowercase letters, digits and '-'"),
                ));
            }
            if !ids.insert(id.clone()) {
                return Err(bad(
                    g.id.span().start,
                    format!("working group id {id} appears twice"),
                ));
            }
            if g.name.is_empty() {
                return Err(bad(
                    g.id.span().start,
                    format!("working group {id} has no name"),
                ));
            }
        }
        Ok(CharterMetadata {
            id: file.id.into_inner(),
            signature_date: file.signature_date.into_inner(),
            titles: file.title,
            parties: file
                .parties
                .into_iter()
                .map(|p| PartyMetadata {
                    code: p.code.into_inner(),
                    names: p.name,
                })
                .collect(),
            working_groups: file
                .working_groups
                .into_iter()
                .map(|g| WorkingGroupMetadata {
                    id: g.id.into_inner(),
                    names: g.name,
                })
                .collect(),
        })
    }

    /// The same metadata with another signature date (`YYYY-MM-DD`).
    pub fn with_signature_date(mut self, date: &str) -> Result<Self, MetadataError> {
        if crate::date::parse(date).is_none() {
            return Err(MetadataError {
                line: 0,
                message: format!("signature date {date:?} is not a date written YYYY-MM-DD"),
            });
        }
        date.clone_into(&mut self.signature_date);
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "id = \"x-1\"\nsignature_date = \"2026-02-10\"\n[[parties]]\ncode = \"AZ\"\nname.en = \"Azerbaijan\"\n[[parties]]\ncode = \"US\"\nname.en = \"United States\"\n[[working_groups]]\nid = \"energy\"\nname.en = \"Energy\"\n";

    #[test]
    fn good_metadata_reads() {
        let m = CharterMetadata::from_toml(GOOD).unwrap();
        assert_eq!(m.parties[1].code, "US");
        assert_eq!(m.working_groups[0].names["en"], "Energy");
    }

    #[test]
    fn errors_name_the_line() {
        let e = CharterMetadata::from_toml(&GOOD.replace("2026-02-10", "2026-02-30")).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e =
            CharterMetadata::from_toml(&GOOD.replace("code = \"US\"", "code = US")).unwrap_err();
        assert_eq!(e.line, 7, "{e}");
        let e = CharterMetadata::from_toml(&GOOD.replace("\"AZ\"", "\"az\"")).unwrap_err();
        assert_eq!(e.line, 4, "{e}");
    }
}
