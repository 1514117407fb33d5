//! Two language versions of one charter, compared provision by provision.
//!
//! Provision ids come from structure only, so the versions correspond when
//! they have the same parties, recitals, sections and, in each section, the
//! same numbered items and unnumbered paragraphs. What does not correspond is
//! a [`Difference`]; figures that differ inside corresponding provisions (a
//! date, an amount) are only notes, since translations may write them apart.

use std::collections::BTreeSet;
use std::fmt;

use crate::model::{Charter, ObligationKind, Provision};

/// Something that does not correspond between version A and version B.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The provision or section it concerns, when there is one.
    pub at: Option<String>,
    pub message: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{at}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The result of comparing two versions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Alignment {
    pub differences: Vec<Difference>,
    /// Provisions whose figures differ: worth a reader's look, not a mismatch.
    pub notes: Vec<Difference>,
    /// Provisions present in both versions.
    pub matched: usize,
}

impl Alignment {
    /// Whether the two versions correspond.
    pub fn corresponds(&self) -> bool {
        self.differences.is_empty()
    }
}

fn diff(out: &mut Vec<Difference>, at: Option<&str>, message: String) {
    out.push(Difference {
        at: at.map(str::to_owned),
        message,
    });
}

fn count_line(what: &str, a: usize, b: usize) -> String {
    format!("{a} {what} in A, {b} in B")
}

fn where_(p: &Provision) -> String {
    let mut excerpt: String = p.text.chars().take(60).collect();
    if p.text.chars().count() > 60 {
        excerpt.push('…');
    }
    format!("line {}: \"{excerpt}\"", p.line)
}

/// Compares version `a` with version `b`.
pub fn align(a: &Charter, b: &Charter) -> Alignment {
    let mut out = Alignment::default();
    let d = &mut out.differences;
    if a.parties.len() != b.parties.len() {
        diff(
            d,
            None,
            count_line("parties", a.parties.len(), b.parties.len()),
        );
    }
    if a.preamble.len() != b.preamble.len() {
        diff(
            d,
            Some("preamble"),
            count_line("recitals", a.preamble.len(), b.preamble.len()),
        );
    }
    if a.sections.len() != b.sections.len() {
        diff(
            d,
            None,
            count_line("sections", a.sections.len(), b.sections.len()),
        );
    }
    for sa in &a.sections {
        let Some(sb) = b.sections.iter().find(|s| s.id == sa.id) else {
            diff(
                d,
                Some(&sa.id),
                format!("section in A (line {}) but not in B", sa.line),
            );
            continue;
        };
        let numbered =
            |s: &crate::model::Section| s.paragraphs.iter().filter(|p| p.number.is_some()).count();
        let (na, nb) = (numbered(sa), numbered(sb));
        if na != nb {
            diff(d, Some(&sa.id), count_line("numbered items", na, nb));
        }
        let (ua, ub) = (sa.paragraphs.len() - na, sb.paragraphs.len() - nb);
        if ua != ub {
            diff(d, Some(&sa.id), count_line("unnumbered paragraphs", ua, ub));
        }
    }
    for sb in &b.sections {
        if !a.sections.iter().any(|s| s.id == sb.id) {
            diff(
                d,
                Some(&sb.id),
                format!("section in B (line {}) but not in A", sb.line),
            );
        }
    }
    let ids_a: BTreeSet<&str> = a.provisions().map(|p| p.id.as_str()).collect();
    for p in a.provisions() {
        match b.provision(&p.id) {
            None => diff(d, Some(&p.id), format!("in A ({}) but not in B", where_(p))),
            Some(q) => {
                out.matched += 1;
                let (fa, fb) = (figures(&p.text), figures(&q.text));
                if fa != fb {
                    out.notes.push(Difference {
                        at: Some(p.id.clone()),
                        message: format!("figures differ: A has {fa:?}, B has {fb:?}"),
                    });
                }
            }
        }
    }
    for p in b.provisions() {
        if !ids_a.contains(p.id.as_str()) {
            diff(d, Some(&p.id), format!("in B ({}) but not in A", where_(p)));
        }
    }
    if a.working_groups.len() != b.working_groups.len() {
        diff(
            d,
            None,
            count_line(
                "working groups",
                a.working_groups.len(),
                b.working_groups.len(),
            ),
        );
    }
    let (oa, ob) = (obligation_keys(a), obligation_keys(b));
    for k in oa.difference(&ob) {
        diff(
            d,
            Some(&k.0),
            format!("obligation {} in A but not in B", k.1),
        );
    }
    for k in ob.difference(&oa) {
        diff(
            d,
            Some(&k.0),
            format!("obligation {} in B but not in A", k.1),
        );
    }
    out
}

/// The numbers written in digits in a text, sorted.
fn figures(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_start_matches('0').to_owned())
        .collect();
    v.sort();
    v
}

/// (provision, "deadline P3M from signature") for every obligation.
fn obligation_keys(c: &Charter) -> BTreeSet<(String, String)> {
    c.obligations
        .iter()
        .map(|o| {
            let what = match &o.kind {
                ObligationKind::Deadline { within, from, .. } => {
                    format!("deadline {within} from {from}")
                }
                ObligationKind::Recurring { every } => format!("recurring every {every}"),
                ObligationKind::MutualAgreement => "by mutual agreement".to_owned(),
            };
            (o.provision.clone(), what)
        })
        .collect()
}
