//! accord-charter: a charter's published text in, a structured [`Charter`] out.
//!
//! The pipeline, one module per step:
//!
//! 1. [`decode`]: bytes → text (UTF-8, UTF-16 with BOM, or Windows-1252 with
//!    a warning); binary data is refused.
//! 2. [`language`]: which language the text is in; English and French are
//!    read, others refused by name.
//! 3. `blocks`: source lines → logical paragraphs (headings, numbered items,
//!    bullets), each cleaned of Markdown and HTML leftovers and joined onto one
//!    line, with a map back to the exact source bytes (`text`).
//! 4. `structure`: blocks → title, parties, preamble, sections, closing, and
//!    each provision's id.
//! 5. `obligations`, `working_groups`, `instruments`: what the provisions ask
//!    and name; obligations quote the exact source bytes.
//! 6. [`metadata`]: what the text does not say (signature date, party codes,
//!    working-group ids), from a TOML file beside the text.
//!
//! [`align()`] compares two language versions of one charter provision by
//! provision.
//!
//! **Architecture invariant:** this crate does no I/O and never reads the
//! clock: text (or bytes) in, values out.

pub mod align;
mod blocks;
mod date;
pub mod decode;
pub mod error;
mod instruments;
pub mod language;
pub mod metadata;
pub mod model;
mod obligations;
mod sentence;
mod structure;
mod text;
mod working_groups;

pub use align::{Alignment, Difference, align};
pub use decode::{Decoded, Encoding, decode};
pub use error::{MetadataError, ParseError};
pub use metadata::CharterMetadata;
pub use model::{
    AppliedMetadata, AppliedParty, Charter, Closing, Instrument, Obligation, ObligationKind,
    Provision, Section, Warning, WorkingGroup,
};

use crate::structure::line_at;
use crate::text::Mapped;

/// Parses a charter's text.
pub fn parse(text: &str) -> Result<Charter, ParseError> {
    parse_with(text, None)
}

/// Decodes bytes and parses them; the decoder's warnings come first in the
/// charter's `warnings`.
pub fn parse_bytes(
    bytes: &[u8],
    metadata: Option<&CharterMetadata>,
) -> Result<Charter, ParseError> {
    let decoded = decode(bytes)?;
    let mut charter = parse_with(&decoded.text, metadata)?;
    let mut warnings: Vec<Warning> = decoded
        .warnings
        .into_iter()
        .map(|message| Warning {
            line: None,
            message,
        })
        .collect();
    warnings.append(&mut charter.warnings);
    charter.warnings = warnings;
    Ok(charter)
}

/// Parses a charter's text, applying its metadata when given: working-group
/// ids and names, party codes, the signature date and the deadlines it sets.
pub fn parse_with(text: &str, metadata: Option<&CharterMetadata>) -> Result<Charter, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let lines = blocks::split_lines(text);
    let line_count = u32::try_from(lines.len()).unwrap_or(u32::MAX);
    let detected = language::detect(text);
    if let Some(lang) = detected
        && !language::SUPPORTED.contains(&lang.code)
    {
        return Err(ParseError::UnsupportedLanguage {
            code: lang.code,
            name: lang.name,
        });
    }
    let skeleton = structure::assemble(blocks::build_blocks(&lines), &lines);
    if !skeleton.is_charter {
        return Err(ParseError::NoStructure { lines: line_count });
    }
    let Some(lang) = detected else {
        return Err(ParseError::UnknownLanguage { lines: line_count });
    };
    let line_of = |off: usize| line_at(&lines, off);
    let provision = |id: &str, number: Option<u32>, t: &Mapped| {
        let (line, end_line) = t.source_range(0, t.text.len()).map_or((0, 0), |(s, e)| {
            (line_of(s), line_of(e.saturating_sub(1).max(s)))
        });
        Provision {
            id: id.to_owned(),
            number,
            text: t.text.clone(),
            line,
            end_line,
        }
    };

    let mut warnings = skeleton.warnings;
    let mut obligations = Vec::new();
    let mut found_groups = Vec::new();
    let mut instruments = Vec::new();
    let mut instruments_seen = instruments::Seen::new();
    let all = skeleton
        .preamble
        .iter()
        .chain(skeleton.sections.iter().flat_map(|s| s.provisions.iter()));
    for p in all {
        let lower = p.text.text.to_ascii_lowercase();
        obligations::read(&p.id, &p.text, &lower, text, &line_of, &mut obligations);
        for g in working_groups::read(&p.text, &lower) {
            found_groups.push((g, p.id.clone()));
        }
        instruments::read(&p.id, &p.text, &mut instruments, &mut instruments_seen);
    }

    let working_groups = name_groups(found_groups, metadata, lang.code, &mut warnings);
    let closing = skeleton.closing.as_ref().map(|c| {
        let date = instruments::first_date(&c.text).map(|(.., d)| d);
        Closing {
            text: c.text.clone(),
            date,
            place: instruments::place_in(&c.text[..c.text.find(" on ").unwrap_or(c.text.len())]),
            line: c.source_start().map_or(0, line_of),
        }
    });

    let applied = metadata.map(|m| {
        for o in &mut obligations {
            if let ObligationKind::Deadline {
                within, from, due, ..
            } = &mut o.kind
                && from == "signature"
            {
                *due = date::add(&m.signature_date, within);
            }
        }
        if m.parties.len() != skeleton.parties.len() && !skeleton.parties.is_empty() {
            warnings.push(Warning {
                line: None,
                message: format!(
                    "the metadata names {} parties, the text {}",
                    m.parties.len(),
                    skeleton.parties.len()
                ),
            });
        }
        AppliedMetadata {
            id: m.id.clone(),
            signature_date: m.signature_date.clone(),
            parties: m
                .parties
                .iter()
                .map(|p| AppliedParty {
                    code: p.code.clone(),
                    names: p.names.clone(),
                })
                .collect(),
        }
    });

    Ok(Charter {
        title: skeleton.title,
        language: lang.code.to_owned(),
        parties: skeleton.parties,
        preamble: skeleton
            .preamble
            .iter()
            .map(|p| provision(&p.id, p.number, &p.text))
            .collect(),
        sections: skeleton
            .sections
            .iter()
            .map(|s| Section {
                id: s.id.clone(),
                number: s.number.clone(),
                title: s.title.as_ref().map(|t| t.text.clone()),
                line: s.line,
                paragraphs: s
                    .provisions
                    .iter()
                    .map(|p| provision(&p.id, p.number, &p.text))
                    .collect(),
            })
            .collect(),
        working_groups,
        obligations,
        instruments,
        closing,
        metadata: applied,
        warnings,
    })
}

/// Gives each working group its id: the metadata's when a name matches the
/// label, else a slug of the label.
fn name_groups(
    found: Vec<(working_groups::Found, String)>,
    metadata: Option<&CharterMetadata>,
    language: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<WorkingGroup> {
    let mut out: Vec<WorkingGroup> = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for (g, provision) in found {
        let matched = metadata.and_then(|m| {
            m.working_groups
                .iter()
                .map(|w| {
                    let own = w
                        .names
                        .get(language)
                        .map_or(0.0, |n| working_groups::similarity(&g.label, n));
                    let any = w
                        .names
                        .values()
                        .map(|n| working_groups::similarity(&g.label, n))
                        .fold(0.0, f64::max);
                    (w, own.max(any))
                })
                .filter(|(_, score)| *score >= 0.5)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(w, _)| w)
        });
        let (id, names) = match matched {
            Some(w) => (w.id.clone(), w.names.clone()),
            None => {
                if metadata.is_some() {
                    warnings.push(Warning {
                        line: None,
                        message: format!(
                            "working group {:?} is not in the metadata: its id is a slug",
                            g.label
                        ),
                    });
                }
                (working_groups::slug(&g.label), Default::default())
            }
        };
        if !ids.insert(id.clone()) {
            continue;
        }
        out.push(WorkingGroup {
            id,
            label: g.label,
            provision,
            names,
        });
    }
    out
}
