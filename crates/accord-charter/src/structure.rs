//! Blocks → the charter's skeleton: title, parties, preamble, sections,
//! closing formula; and each provision's id.
//!
//! The shapes this follows are those of the charter family, not of one text:
//! a header (title, a newspaper's rubric and dateline, a publisher's lead-in)
//! before the first structural block; a party clause ("The United States of
//! America and Georgia:", "…, hereafter referred to as Partners,"); recitals,
//! numbered or not; sections introduced by "Section I : Titre", "SECTION II:
//! TITLE", "I. Title", a Markdown or bold heading, or by an operative formula
//! ("WE HEREBY DECLARE TO:"); a closing formula ("Done at…") and signatures.
//! Joint statements without any of these read as one section of paragraphs.
//!
//! Ids come from structure only: recitals `P.<n>` (or `P.<k>` by position
//! when unnumbered), items `<section>.<n>`, unnumbered paragraphs
//! `<section>.p<k>`, so two language versions of one charter agree on them.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::blocks::{Block, BlockKind, Heading, Line, to_roman};
use crate::model::Warning;
use crate::text::{Mapped, clean_line};

/// A provision before it is turned into the output model.
#[derive(Debug, Clone)]
pub(crate) struct RawProvision {
    pub id: String,
    pub number: Option<u32>,
    pub text: Mapped,
}

#[derive(Debug, Clone)]
pub(crate) struct RawSection {
    pub id: String,
    pub number: String,
    pub title: Option<Mapped>,
    pub line: u32,
    pub provisions: Vec<RawProvision>,
}

/// The charter's structure, before obligations and the rest are read.
#[derive(Debug, Default)]
pub(crate) struct Skeleton {
    pub title: Option<String>,
    pub parties: Vec<String>,
    pub preamble: Vec<RawProvision>,
    pub sections: Vec<RawSection>,
    pub closing: Option<Mapped>,
    pub warnings: Vec<Warning>,
    /// Whether anything in the text shows a charter's or statement's shape.
    pub is_charter: bool,
}

macro_rules! regex {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($re).expect("valid regex"));
    };
}

regex!(
    TITLE_WORDS,
    r"(?i)\b(?:charter|charte|statement|d[ée]claration|partnership|partenariat|agreement|accord|m[ée]morandum|communiqu[ée]|treaty|trait[ée]|joint|conjointe?|vision)\b"
);
regex!(
    PUBLISHER_HEADER,
    r"(?i)^(?:the white house|office of the (?:press secretary|spokesperson)|for immediate release|media note|press release|fact sheet|communiqué de presse|actualités|actualité|news|statements? (?:and|&) releases|briefing room|u\.s\. department of state|imprimer|print|share|partager)\.?$"
);
regex!(
    LEAD_IN,
    r"(?i)^(?:the following is|following is|below is|here is|voici|ci-dessous|begin text)\b|(?:the following|ce qui suit|suivante?s?)\b[^.]{0,200}:$"
);
regex!(
    LEAD_IN_TITLE,
    r"(?i:the following|la|le)\s+(?:(?i:is the text of)\s+(?:the\s+)?)?(?P<t>[A-Z][^:]{3,200}?)\s*:$"
);
regex!(
    FORMULA,
    r"(?i)^(?:we,?\s+)?(?:the parties,?\s+)?(?:hereby\s+(?:declare|agree|decide|affirm|resolve)|have agreed|agree as follows|declare as follows|sont convenus|conviennent de ce qui suit|déclarent ce qui suit|déclarent|décident)\b[^.]{0,150}:$"
);
regex!(
    CLOSING,
    r"^(?i:done|signed|adopted|fait|sign[ée]e?s?|adopt[ée]e?s?|in witness whereof|en foi de quoi)\b[^;]{0,400}\b(?i:at|in|on|à|le|en|this)\b"
);
regex!(
    CLOSING_DETAIL,
    r"(?i)\b(?:1[0-9]{3}|20[0-9]{2}|duplicate|copies|copy|original|languages?|authentic|whereof|exemplaires?|langues?|foi)\b"
);
regex!(
    HEREAFTER,
    r"(?i)\b(?:hereafter|hereinafter|ci-après)\s+(?:referred\s+to\s+as|called|dénommée?s?|désignée?s?|appelée?s?)\s+(?:the\s+|les\s+|« ?|“)?[\p{L}’' -]{1,40}?(?: ?»|”)?\s*(?:[,.:;]|$)"
);
regex!(
    PARTNERSHIP_WORDS,
    r"(?i)\b(?:partners?|partnership|parties|cooperat\w*|leaders|governments?|bilateral|both (?:sides|countries)|two countries|partenariat|coopér\w*|gouvernements?)\b"
);
regex!(
    DATE_ONLY,
    r"(?i)^(?:\d{1,2}(?:er)?\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)(?:\s+\d{1,2},?)?\s+\d{4}(?:\s+\d{1,2}:\d{2})?$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$"
);
regex!(
    OFFICE_WORDS,
    r"\b(?:President|Prime Minister|Minister|Secretary|Ambassador|Chancellor|King|Président|Ministre|Secrétaire|Ambassadeur)\b"
);
regex!(
    PARTIES_IN_PROSE,
    r"(?:^|[.;]\s+)(?:WE,\s+|Today,\s+)?(?:(?:the\s+)?(?:[Ll]eaders|President|Presidents|Governments?|Prime Minister)\s+of\s+)?(?P<a>(?:[Tt]he\s+)?[A-Z][\p{L}’'.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\p{L}’'.-]*)*)(?:\s*\([^)]{1,40}\))?\s+and\s+(?:(?:the\s+)?(?:President|Prime Minister|Chancellor|King|Leaders?)\s+of\s+)?(?P<b>(?:the\s+)?[A-Z][\p{L}’'.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\p{L}’'.-]*)*)(?:\s*\([^)]{1,40}\))?\s*,?\s*(?:are|have|reaffirm|affirm|intend|will|agree|share|hereby|jointly|commit|declare|gathered|met|held|today)\b"
);
regex!(
    BETWEEN_PARTIES,
    r"\bbetween\s+(?P<a>(?:the\s+)?[A-Z][\p{L}’'.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\p{L}’'.-]*)*)\s+and\s+(?P<b>(?:the\s+)?[A-Z][\p{L}’'.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\p{L}’'.-]*)*)"
);

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Mostly capital letters ("SECURITY COOPERATION").
fn is_caps(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let upper = text.chars().filter(|c| c.is_uppercase()).count();
    letters >= 3 && upper * 100 >= letters * 85
}

fn last_char(text: &str) -> char {
    text.trim_end_matches(['"', '”', '’', ')', '»', ' '])
        .chars()
        .last()
        .unwrap_or(' ')
}

/// A short bold, capitalised or `###` line standing alone: a heading.
fn heading_like(b: &Block) -> bool {
    let t = b.text.text.as_str();
    b.kind == BlockKind::Para
        && !t.is_empty()
        && t.chars().count() <= 200
        && words(t) <= 24
        && !matches!(last_char(t), '.' | ';' | ',' | ':')
        && (b.bold || b.md_heading || is_caps(t))
        && t.chars().any(char::is_alphabetic)
}

/// A paragraph of prose (as opposed to a header line).
fn is_prose(t: &str) -> bool {
    let w = words(t);
    w >= 25 || (w >= 8 && (matches!(last_char(t), '.' | ';' | ':' | '!' | '?') || t.contains(". ")))
}

/// The parties named in a party clause, or None when it is not one.
fn split_parties(clause: &str) -> Option<Vec<String>> {
    let mut s = clause.trim();
    let hereafter = HEREAFTER.find(s).map(|m| m.start());
    if !(s.ends_with(':') || s.ends_with(',') || hereafter.is_some()) || words(s) > 90 {
        return None;
    }
    if let Some(h) = hereafter {
        s = &s[..h];
    }
    s = s
        .trim()
        .trim_end_matches([':', ',', '.', ';', ' ', '\u{a0}'])
        .trim();
    for prefix in ["We, ", "WE, ", "Nous, ", "NOUS, "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
        }
    }
    if s.contains(". ") {
        return None;
    }
    let pieces = split_list(s);
    (pieces.len() >= 2 && pieces.iter().all(|p| name_like(p)))
        .then(|| pieces.into_iter().map(str::to_owned).collect())
}

/// Splits "A, B, and C" / "A et B" into names, keeping compound names whole.
fn split_list(s: &str) -> Vec<&str> {
    const KEEP_AFTER: &[&str] = &[
        "Northern Ireland",
        "Tobago",
        "Herzegovina",
        "Herzégovine",
        "Barbuda",
        "Nevis",
        "the Grenadines",
        "les Grenadines",
        "Principe",
        "Príncipe",
        "d’Irlande du Nord",
        "d'Irlande du Nord",
        "McDonald",
    ];
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let sep = [", and ", ", et ", " and ", " et ", ", "]
            .into_iter()
            .find(|sep| rest.starts_with(sep));
        if let Some(sep) = sep {
            let after = &s[i + sep.len()..];
            if !KEEP_AFTER.iter().any(|k| after.starts_with(k)) {
                out.push(s[start..i].trim());
                start = i + sep.len();
                i = start;
                continue;
            }
        }
        i += 1;
        while i < s.len() && !s.is_char_boundary(i) {
            i += 1;
        }
    }
    out.push(s[start..].trim());
    out.retain(|p| !p.is_empty());
    out
}

/// Words that may stand lowercase inside a state's or a government's name.
const NAME_CONNECTORS: &[&str] = &[
    "of", "the", "and", "for", "de", "la", "le", "les", "des", "du", "et", "on", "upon", "in", "y",
    "del",
];

fn name_like(piece: &str) -> bool {
    let mut n = 0;
    for token in piece.split_whitespace() {
        n += 1;
        let t = token.trim_matches([',', ';']);
        let ok = t.starts_with('(')
            || t.chars().next().is_some_and(char::is_uppercase)
            || NAME_CONNECTORS.contains(&t)
            || ["d’", "d'", "l’", "l'"].iter().any(|p| {
                t.strip_prefix(p)
                    .is_some_and(|r| r.starts_with(char::is_uppercase))
            });
        if !ok {
            return false;
        }
    }
    (1..=20).contains(&n)
        && piece
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_lowercase())
}

/// Parties named in the opening prose of a joint statement.
fn parties_in_prose(provisions: &[&RawProvision]) -> Vec<String> {
    for p in provisions.iter().take(3) {
        let t = p.text.text.as_str();
        let window = &t[..floor_boundary(t, 2000)];
        if let Some(c) = PARTIES_IN_PROSE
            .captures(window)
            .or_else(|| BETWEEN_PARTIES.captures(window))
        {
            let a = c.name("a").map_or("", |m| m.as_str()).trim();
            let b = c.name("b").map_or("", |m| m.as_str()).trim();
            if !a.is_empty() && !b.is_empty() && a != b {
                return vec![a.to_owned(), b.to_owned()];
            }
        }
    }
    Vec::new()
}

pub(crate) fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether one source line looks like part of a signature block.
fn signature_line(t: &str) -> bool {
    let w = words(t);
    if t.is_empty() {
        return true;
    }
    if t.chars().count() > 90 || t.ends_with(';') {
        return false;
    }
    DATE_ONLY.is_match(t)
        || [
            "For the ",
            "For ",
            "Pour le ",
            "Pour la ",
            "Pour l’",
            "Pour l'",
            "On behalf of",
            "Au nom ",
        ]
        .iter()
        .any(|p| t.starts_with(p))
        || (OFFICE_WORDS.is_match(t) && w <= 14)
        || (w <= 6
            && t.split_whitespace().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c == '(')
                    || NAME_CONNECTORS.contains(&w)
            }))
}

/// Where the body ends: a closing formula, or trailing signature blocks.
fn trim_end(blocks: &mut Vec<Block>, lines: &[Line<'_>], from: usize) -> Option<Mapped> {
    let mut closing = None;
    if let Some(i) = (from + 1..blocks.len()).find(|&i| {
        let b = &blocks[i];
        // "Done at Washington, this ninth day of January, 2009, in the
        // English and Georgian languages": a formula with a year or the
        // words of a signing, not any sentence that starts with "Signed".
        matches!(b.kind, BlockKind::Para)
            && b.text.text.len() <= 500
            && CLOSING.is_match(&b.text.text)
            && CLOSING_DETAIL.is_match(&b.text.text)
    }) {
        closing = Some(blocks[i].text.clone());
        blocks.truncate(i);
    }
    while blocks.len() > from + 1 {
        let Some(b) = blocks.last() else { break };
        if !matches!(b.kind, BlockKind::Para) {
            break;
        }
        let all_signature = (b.first_line..=b.last_line).all(|no| {
            let Some(line) = lines.get(no as usize - 1) else {
                return true;
            };
            signature_line(&clean_line(line.raw, line.start).text)
        });
        if !all_signature {
            break;
        }
        blocks.pop();
    }
    closing
}

/// Where provisions go while the body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Preamble,
    Section,
    AfterFormula,
}

/// A provision being read: its number, if any, and its text.
type Item = (Option<u32>, Mapped);

/// A section being read.
struct WalkSection {
    number: Option<String>,
    title: Option<Mapped>,
    line: u32,
    items: Vec<Item>,
}

impl WalkSection {
    fn new(number: Option<String>, title: Option<Mapped>, line: u32) -> Self {
        WalkSection {
            number,
            title,
            line,
            items: Vec::new(),
        }
    }
}

#[derive(Default)]
struct Walk {
    preamble: Vec<Item>,
    sections: Vec<WalkSection>,
    warnings: Vec<Warning>,
    /// Numbers found alone on their line, with that line: each waits for the
    /// paragraph after it.
    lone_numbers: Vec<(u32, u32)>,
}

pub(crate) fn assemble(mut blocks: Vec<Block>, lines: &[Line<'_>]) -> Skeleton {
    let mut sk = Skeleton::default();

    // The header: everything before the first structural block.
    let front = blocks.iter().position(structural).unwrap_or(blocks.len());
    let mut title = blocks[..front]
        .iter()
        .map(|b| b.text.text.as_str())
        .find(|t| TITLE_WORDS.is_match(t) && t.chars().count() <= 300 && !LEAD_IN.is_match(t))
        .map(str::to_owned);
    if title.is_none() {
        title = blocks[..front].iter().find_map(|b| {
            LEAD_IN_TITLE
                .captures(&b.text.text)
                .and_then(|c| c.name("t"))
                .map(|m| m.as_str().to_owned())
        });
    }
    sk.title = title;
    if front > 0 {
        let (first, last) = (blocks[0].first_line, blocks[front - 1].last_line);
        let lines = if first == last {
            format!("line {first}")
        } else {
            format!("lines {first}–{last}")
        };
        sk.warnings.push(Warning {
            line: Some(first),
            message: format!(
                "{lines} read as a header (title, rubric, dateline, lead-in) and left out"
            ),
        });
    }
    let mut body: Vec<Block> = blocks.split_off(front);
    if let Some(closing) = trim_end(&mut body, lines, 0) {
        sk.closing = Some(closing);
    }

    let explicit_sections = body
        .iter()
        .any(|b| matches!(&b.kind, BlockKind::Heading(h) if h.number.is_some()));
    let mut w = Walk::default();
    let mut place = Place::Preamble;
    let mut parties: Option<Vec<String>> = None;
    let mut preamble_heading = false;
    let mut formula = false;
    let mut numbered = 0usize;
    let mut headings = 0usize;

    for b in body {
        let line = b.first_line;
        match &b.kind {
            BlockKind::Heading(Heading { preamble: true, .. }) => {
                preamble_heading = true;
                if w.sections.is_empty() {
                    place = Place::Preamble;
                }
            }
            BlockKind::Heading(h) => {
                headings += 1;
                w.sections
                    .push(WalkSection::new(h.number.clone(), h.title.clone(), line));
                place = Place::Section;
            }
            BlockKind::Para if heading_like(&b) && !FORMULA.is_match(&b.text.text) => {
                let t = b.text.text.trim_end_matches(':');
                if t.eq_ignore_ascii_case("preamble") || t.eq_ignore_ascii_case("préambule") {
                    preamble_heading = true;
                } else if explicit_sections {
                    w.add(place, None, b.text, line);
                } else {
                    headings += 1;
                    w.sections.push(WalkSection::new(None, Some(b.text), line));
                    place = Place::Section;
                }
            }
            BlockKind::Para
                if parties.is_none()
                    && w.sections.is_empty()
                    && w.preamble.is_empty()
                    && split_parties(&b.text.text).is_some() =>
            {
                let t = &b.text.text;
                // "…, hereafter referred to as Partners, Sharing …": the first
                // recital may follow in the same paragraph.
                let cut = HEREAFTER.find(t).map_or(t.len(), |m| m.end());
                parties = split_parties(&t[..cut]);
                let rest = b.text.slice(cut, t.len());
                if !rest.is_empty() {
                    w.add(Place::Preamble, None, rest, line);
                }
            }
            BlockKind::Para if w.sections.is_empty() && FORMULA.is_match(&b.text.text) => {
                formula = true;
                place = Place::AfterFormula;
            }
            BlockKind::Item(n) => {
                numbered += 1;
                w.add(place, Some(*n), b.text, line);
            }
            BlockKind::Sub => w.add_sub(place, b.text, line),
            BlockKind::Bullet => w.add_bullet(place, b.text, line),
            BlockKind::Para => w.add(place, None, b.text, line),
        }
    }

    w.drop_lone_numbers();

    // A statement with no heading, party clause or formula: its paragraphs
    // are the body, not a preamble.
    if w.sections.is_empty()
        && !formula
        && parties.is_none()
        && !preamble_heading
        && !w.preamble.is_empty()
    {
        let first = lines_of(&w.preamble[0].1, lines);
        let mut section = WalkSection::new(None, None, first);
        section.items = std::mem::take(&mut w.preamble);
        w.sections.push(section);
    }

    let provision_count =
        w.preamble.len() + w.sections.iter().map(|s| s.items.len()).sum::<usize>();
    let prose_text = w
        .preamble
        .iter()
        .chain(w.sections.iter().flat_map(|s| s.items.iter()))
        .any(|(_, t)| PARTNERSHIP_WORDS.is_match(&t.text));
    sk.is_charter = explicit_sections
        || parties.is_some()
        || preamble_heading
        || (numbered >= 2 && provision_count >= 2)
        || (headings >= 1 && provision_count >= 2)
        || (provision_count >= 3 && prose_text);

    sk.warnings.append(&mut w.warnings);
    sk.preamble = ids_for_preamble(w.preamble);
    sk.sections = ids_for_sections(w.sections, &mut sk.warnings);
    sk.parties = match parties {
        Some(p) => p,
        None => {
            let first: Vec<&RawProvision> = sk
                .preamble
                .iter()
                .chain(sk.sections.iter().flat_map(|s| s.provisions.iter()))
                .take(3)
                .collect();
            let found = parties_in_prose(&first);
            if sk.is_charter {
                sk.warnings.push(Warning {
                    line: None,
                    message: if found.is_empty() {
                        "no party clause: the parties are not listed".to_owned()
                    } else {
                        "no party clause: parties read from the opening sentence".to_owned()
                    },
                });
            }
            found
        }
    };
    sk
}

/// A block that starts the body (ends the header).
fn structural(b: &Block) -> bool {
    let t = b.text.text.as_str();
    match b.kind {
        BlockKind::Heading(_) | BlockKind::Item(_) | BlockKind::Bullet | BlockKind::Sub => true,
        BlockKind::Para => {
            if PUBLISHER_HEADER.is_match(t) || LEAD_IN.is_match(t) {
                return false;
            }
            if split_parties(t).is_some() {
                return true;
            }
            if heading_like(b) {
                return !TITLE_WORDS.is_match(t);
            }
            is_prose(t)
        }
    }
}

fn lines_of(text: &Mapped, lines: &[Line<'_>]) -> u32 {
    text.source_start().map_or(1, |off| line_at(lines, off))
}

/// The 1-based line holding source offset `off`.
pub(crate) fn line_at(lines: &[Line<'_>], off: usize) -> u32 {
    let i = lines.partition_point(|l| l.start <= off).saturating_sub(1);
    lines.get(i).map_or(1, |l| l.no)
}

impl Walk {
    fn container(&mut self, place: Place, line: u32) -> &mut Vec<Item> {
        match place {
            Place::Preamble => &mut self.preamble,
            Place::Section | Place::AfterFormula => {
                if self.sections.is_empty() {
                    self.sections.push(WalkSection::new(None, None, line));
                }
                let last = self.sections.len() - 1;
                &mut self.sections[last].items
            }
        }
    }

    fn add(&mut self, place: Place, number: Option<u32>, text: Mapped, line: u32) {
        let text_is_empty = text.is_empty();
        let c = self.container(place, line);
        // A number alone on its line takes the paragraph after it.
        if number.is_none()
            && let Some((Some(_), last)) = c.last_mut()
            && last.is_empty()
        {
            *last = text;
            return;
        }
        c.push((number, text));
        if let Some(n) = number
            && text_is_empty
        {
            self.lone_numbers.push((n, line));
        }
    }

    /// A number that no paragraph followed says nothing: it is left out of
    /// the provisions, with a warning that says where it stands.
    fn drop_lone_numbers(&mut self) {
        let mut dropped = Vec::new();
        let lists = std::iter::once(&mut self.preamble)
            .chain(self.sections.iter_mut().map(|s| &mut s.items));
        for items in lists {
            items.retain(|(n, text)| {
                let keep = !text.is_empty();
                if !keep {
                    dropped.push(*n);
                }
                keep
            });
        }
        for n in dropped.into_iter().flatten() {
            let line = self
                .lone_numbers
                .iter()
                .position(|(m, _)| *m == n)
                .map(|i| self.lone_numbers.remove(i).1);
            self.warnings.push(Warning {
                line,
                message: format!("item {n} has no text after its number: it is left out"),
            });
        }
    }

    /// "(a) …" after "1. … :" belongs to item 1.
    fn add_sub(&mut self, place: Place, text: Mapped, line: u32) {
        let c = self.container(place, line);
        match c.last_mut() {
            Some((Some(_), last)) => join(last, &text),
            Some((None, last)) if last.text.ends_with(':') => join(last, &text),
            _ => c.push((None, text)),
        }
    }

    /// A bullet after a numbered item that ends with a colon belongs to it.
    fn add_bullet(&mut self, place: Place, text: Mapped, line: u32) {
        let c = self.container(place, line);
        match c.last_mut() {
            Some((Some(_), last)) if last.text.ends_with(':') => join(last, &text),
            _ => c.push((None, text)),
        }
    }
}

fn join(into: &mut Mapped, more: &Mapped) {
    if let Some(start) = more.source_start() {
        into.push_space(start, 0);
    }
    into.append(more);
}

fn ids_for_preamble(items: Vec<Item>) -> Vec<RawProvision> {
    let any_numbered = items.iter().any(|(n, _)| n.is_some());
    let mut seen = HashMap::new();
    let mut k = 0;
    items
        .into_iter()
        .map(|(number, text)| {
            let base = match number {
                Some(n) => format!("P.{n}"),
                None => {
                    k += 1;
                    if any_numbered {
                        format!("P.p{k}")
                    } else {
                        format!("P.{k}")
                    }
                }
            };
            RawProvision {
                id: unique(&mut seen, base),
                number,
                text,
            }
        })
        .collect()
}

fn ids_for_sections(sections: Vec<WalkSection>, warnings: &mut Vec<Warning>) -> Vec<RawSection> {
    let mut seen = HashMap::new();
    let mut n = 0u32;
    let mut out = Vec::with_capacity(sections.len());
    for WalkSection {
        number,
        title,
        line,
        items,
    } in sections
    {
        n += 1;
        let number = number.unwrap_or_else(|| to_roman(n));
        if let Some(v) = crate::blocks::from_roman(&number) {
            n = v;
        }
        let id = unique(&mut seen, number.clone());
        if id != number {
            warnings.push(Warning {
                line: Some(line),
                message: format!("section {number} appears again: its id is {id}"),
            });
        }
        let mut own = HashMap::new();
        let mut k = 0;
        let provisions = items
            .into_iter()
            .map(|(num, text)| {
                let base = match num {
                    Some(x) => format!("{id}.{x}"),
                    None => {
                        k += 1;
                        format!("{id}.p{k}")
                    }
                };
                let pid = unique(&mut own, base.clone());
                if pid != base {
                    warnings.push(Warning {
                        line: None,
                        message: format!("item {base} appears twice: the second is {pid}"),
                    });
                }
                RawProvision {
                    id: pid,
                    number: num,
                    text,
                }
            })
            .collect();
        out.push(RawSection {
            id,
            number,
            title,
            line,
            provisions,
        });
    }
    out
}

/// `base`, or `base-2`, `base-3`… when it was already used.
fn unique(seen: &mut HashMap<String, u32>, base: String) -> String {
    let count = seen.entry(base.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        base
    } else {
        format!("{base}-{count}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_clauses() {
        let check = |s: &str, want: &[&str]| {
            assert_eq!(split_parties(s).unwrap_or_default(), want, "{s}");
        };
        check(
            "Le Gouvernement de la République d’Azerbaïdjan et le Gouvernement des États-Unis d’Amérique :",
            &[
                "Le Gouvernement de la République d’Azerbaïdjan",
                "le Gouvernement des États-Unis d’Amérique",
            ],
        );
        check(
            "The United States of America and Georgia:",
            &["The United States of America", "Georgia"],
        );
        check(
            "The United States of America, the Republic of Estonia, the Republic of Latvia, and the Republic of Lithuania, hereafter referred to as Partners,",
            &[
                "The United States of America",
                "the Republic of Estonia",
                "the Republic of Latvia",
                "the Republic of Lithuania",
            ],
        );
        check(
            "The Government of the United Kingdom of Great Britain and Northern Ireland and the Government of Georgia:",
            &[
                "The Government of the United Kingdom of Great Britain and Northern Ireland",
                "the Government of Georgia",
            ],
        );
        check(
            "Key terms of the Interim Agreement between the United States and India will include:",
            &[],
        );
        check("This Charter is based on principles. These include:", &[]);
        check("À cette fin :", &[]);
        check(
            "The Government of the French Republic and the Government of the Republic of Examplia,",
            &[
                "The Government of the French Republic",
                "the Government of the Republic of Examplia",
            ],
        );
        check("In the areas of Trade and Energy,", &[]);
    }

    #[test]
    fn parties_from_prose() {
        let check = |s: &str, want: &[&str]| {
            let p = RawProvision {
                id: String::new(),
                number: None,
                text: clean_line(s, 0),
            };
            assert_eq!(parties_in_prose(&[&p]), want, "{s}");
        };
        check(
            "The United States of America (United States) and India are pleased to announce",
            &["The United States of America", "India"],
        );
        check(
            "Today, the President of the United States and Prime Minister of the United Kingdom reaffirm their",
            &["the United States", "the United Kingdom"],
        );
        check(
            "The United States and Israel reaffirm the unbreakable bonds",
            &["The United States", "Israel"],
        );
    }
}
