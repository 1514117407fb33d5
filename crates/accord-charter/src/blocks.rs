//! Source lines → logical blocks: headings, numbered items, bullets and
//! paragraphs, each with its text on one line and its map to the source.
//!
//! Published charters come in many layouts: one paragraph per line, or lines
//! hard-wrapped at 70–80 columns; paragraphs separated by blank lines, or
//! marked only by a first-line indent; items numbered `1.`, `1)`, `(1)` or
//! `**1 WE,**`; Markdown bullets with hanging indents. This module decides
//! where each logical paragraph starts from those cues alone; what the blocks
//! *mean* (preamble, section, party clause) is `structure`'s business.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::{CleanState, Mapped, clean_into};

/// A line of the source.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub no: u32,
    /// Source offset of the line's first byte.
    pub start: usize,
    /// The line without its line break.
    pub raw: &'a str,
}

impl Line<'_> {
    fn indent(&self) -> usize {
        self.raw
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum()
    }

    /// Width in characters, leading indentation included, trailing space not.
    fn width(&self) -> usize {
        self.raw.trim_end().chars().count()
    }
}

/// Splits text into lines, remembering offsets (`\n` and `\r\n` endings).
pub(crate) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut no = 1u32;
    for piece in text.split('\n') {
        let raw = piece.strip_suffix('\r').unwrap_or(piece);
        out.push(Line { no, start, raw });
        start += piece.len() + 1;
        no = no.saturating_add(1);
    }
    if text.ends_with('\n') {
        out.pop();
    }
    out
}

/// A heading found on a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    /// Roman numeral, when the heading is numbered.
    pub number: Option<String>,
    pub title: Option<Mapped>,
    /// "Section I", "Part II", "Chapitre 3": a keyword the text uses for sections.
    pub strong: bool,
    /// "Preamble", "Préambule".
    pub preamble: bool,
}

/// What kind of block it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Para,
    /// A numbered item, with its number.
    Item(u32),
    /// A lettered sub-item: `(a)`, `b)`, `iii.`.
    Sub,
    Bullet,
    Heading(Heading),
}

/// A logical paragraph.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub kind: BlockKind,
    pub text: Mapped,
    pub first_line: u32,
    pub last_line: u32,
    /// The whole block was bold in Markdown (`**…**`): it opened with `**`
    /// and its last line closed with `**`.
    pub bold: bool,
    /// A Markdown heading (`### …`).
    pub md_heading: bool,
}

static SECTION_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:section|part|partie|chapter|chapitre|titre|title)\s+(?P<num>[IVXLCivxlc]{1,7}|\d{1,2})(?:\s*$|\s*[:.–—-]\s*(?P<title>.*)$)",
    )
    .expect("valid regex")
});
static PREAMBLE_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:preamble|pr[ée]ambule)\s*[:.]?$").expect("valid regex"));
static ROMAN_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<num>[IVXL]{1,6})\s*[.):–—-]\s+(?P<title>\S.{0,200})$").expect("valid regex")
});
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<a>\d{1,3})\s*[.)](?:\s+|$)|\((?P<b>\d{1,3})\)(?:\s+|$)|(?P<c>\d{1,3})\s+(?:[A-ZÀ-Ý]{2,}\b))")
        .expect("valid regex")
});
static LETTERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\((?:[a-z]|[ivx]{1,4})\)|(?:[a-z]|[ivx]{1,4})\)|[a-z]\.)\s+\S")
        .expect("valid regex")
});

/// How a line was read before its context is known.
#[derive(Debug, Clone)]
enum Cand {
    Blank,
    End,
    Begin,
    Heading(Heading),
    /// `### Title`: a heading without number.
    MdHeading,
    /// A numbered line: the number, whether it is the `12 WORD` form, and
    /// where the content starts in the cleaned line.
    Number(u32, bool, usize),
    Letter,
    Bullet,
    Text,
}

struct Classified {
    cand: Cand,
    /// The cleaned line (after a bullet or `#` marker).
    clean: Mapped,
    bold_start: bool,
    bold_end: bool,
}

fn classify(line: &Line<'_>, state: &mut CleanState) -> Classified {
    let mut clean = Mapped::new();
    let trimmed = line.raw.trim();
    let lead = line.raw.len() - line.raw.trim_start().len();
    let blank = |clean| Classified {
        cand: Cand::Blank,
        clean,
        bold_start: false,
        bold_end: false,
    };
    if trimmed.is_empty() {
        return blank(clean);
    }
    if !state.in_comment {
        let lower = trimmed.to_lowercase();
        if matches!(trimmed, "###" | "\\###" | "# # #" | "-30-" | "- 30 -")
            || matches!(
                lower.trim_end_matches(['.', ']']).trim_start_matches('['),
                "end text" | "fin du texte"
            )
        {
            return Classified {
                cand: Cand::End,
                clean,
                bold_start: false,
                bold_end: false,
            };
        }
        if lower.starts_with("begin text")
            || lower.starts_with("début du texte")
            || lower.starts_with("[begin text")
        {
            return Classified {
                cand: Cand::Begin,
                clean,
                bold_start: false,
                bold_end: false,
            };
        }
    }
    let bold_start = trimmed.starts_with("**") || trimmed.starts_with("__");
    let bold_end = trimmed.ends_with("**") || trimmed.ends_with("__");
    // A bullet or a Markdown heading marker comes off before cleaning (the
    // cleaner drops `*`).
    let mut cand = None;
    let mut body = lead;
    if !state.in_comment {
        let mut chars = trimmed.chars();
        if let (Some(c), Some(next)) = (chars.next(), chars.next())
            && matches!(c, '-' | '*' | '•' | '–' | '—' | '·' | '▪' | '◦' | '+' | '‣')
            && (next == ' ' || next == '\t')
        {
            cand = Some(Cand::Bullet);
            body = lead + c.len_utf8();
        } else if trimmed.starts_with('#') {
            let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
            if hashes <= 6 && trimmed[hashes..].starts_with([' ', '\t']) {
                cand = Some(Cand::MdHeading);
                body = lead + hashes;
            }
        }
    }
    clean_into(&mut clean, &line.raw[body..], line.start + body, state);
    clean.trim_end();
    if clean.is_empty() {
        return blank(clean);
    }
    let cand = match cand {
        Some(Cand::Bullet) => Cand::Bullet,
        other => {
            let t = clean.text.as_str();
            if let Some(h) = heading_in(&clean) {
                Cand::Heading(h)
            } else if other.is_some() {
                Cand::MdHeading
            } else if let Some(c) = NUMBERED.captures(t) {
                let (n, caps) = match (c.name("a"), c.name("b"), c.name("c")) {
                    (Some(n), ..) | (_, Some(n), _) => (n.as_str(), false),
                    (_, _, Some(n)) => (n.as_str(), true),
                    _ => ("", false),
                };
                let content = if caps {
                    c.name("c").map_or(0, |m| m.end())
                } else {
                    c.get(0).map_or(0, |m| m.end())
                };
                match n.parse() {
                    Ok(n) => Cand::Number(n, caps, content),
                    Err(_) => Cand::Text,
                }
            } else if LETTERED.is_match(t) {
                Cand::Letter
            } else {
                Cand::Text
            }
        }
    };
    Classified {
        cand,
        clean,
        bold_start,
        bold_end,
    }
}

/// A section or preamble heading written with a keyword ("Section I : …").
fn heading_in(clean: &Mapped) -> Option<Heading> {
    let t = clean.text.as_str();
    if PREAMBLE_HEADING.is_match(t) {
        return Some(Heading {
            number: None,
            title: None,
            strong: true,
            preamble: true,
        });
    }
    let c = SECTION_HEADING.captures(t)?;
    let num = c.name("num")?.as_str();
    let value = match num.parse::<u32>() {
        Ok(n) if (1..=50).contains(&n) => n,
        Ok(_) => return None,
        Err(_) => {
            // Roman numerals in one case only ("II", "ii"), never "Ii".
            if num != num.to_uppercase() && num != num.to_lowercase() {
                return None;
            }
            from_roman(&num.to_uppercase())?
        }
    };
    let title = c
        .name("title")
        .map(|m| clean.slice(m.start(), m.end()))
        .filter(|m| !m.is_empty());
    Some(Heading {
        number: Some(to_roman(value)),
        title,
        strong: true,
        preamble: false,
    })
}

/// Roman numeral of 1..=3999.
pub(crate) fn to_roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for &(v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Value of a well-formed Roman numeral (uppercase), else None.
pub(crate) fn from_roman(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            'D' => 500,
            'M' => 1000,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0 && to_roman(total) == s).then_some(total)
}

/// Reads the lines as blocks.
pub(crate) fn build_blocks(lines: &[Line<'_>]) -> Vec<Block> {
    let layout = Layout::of(lines);
    let mut b = Builder {
        layout,
        ..Builder::default()
    };
    let mut state = CleanState::default();
    for line in lines {
        let cls = classify(line, &mut state);
        b.feed(line, cls);
    }
    b.close();
    b.blocks
}

/// How the text is laid out as a whole.
#[derive(Debug, Default, Clone, Copy)]
struct Layout {
    /// Lines are hard-wrapped at about `width` columns.
    wrapped: bool,
    width: usize,
}

impl Layout {
    fn of(lines: &[Line<'_>]) -> Layout {
        let mut widths: Vec<usize> = lines.iter().map(Line::width).filter(|&w| w > 0).collect();
        if widths.len() < 5 {
            return Layout::default();
        }
        widths.sort_unstable();
        let width = widths[widths.len() * 95 / 100];
        let long = widths.iter().filter(|&&w| w * 10 >= width * 7).count();
        let wrapped = width <= 120 && long * 10 >= widths.len() * 4;
        Layout { wrapped, width }
    }
}

/// The previous non-blank line of the block being built.
#[derive(Debug, Clone, Copy)]
struct Prev {
    indent: usize,
    width: usize,
    /// Source offset just after its last non-space byte.
    end: usize,
    /// It was the block's first line.
    first: bool,
    last_char: char,
    /// Its last word is "and", "et", "or", "ou".
    ends_with_conjunction: bool,
}

#[derive(Default)]
struct Builder {
    layout: Layout,
    blocks: Vec<Block>,
    current: Option<Block>,
    prev: Option<Prev>,
    prev_blank: bool,
    last_number: Option<u32>,
    last_roman: Option<u32>,
    /// The block's last line so far ended with `**`.
    last_bold_end: bool,
    ended: bool,
}

impl Builder {
    fn close(&mut self) {
        if let Some(mut block) = self.current.take() {
            block.text.trim_end();
            block.bold = block.bold && self.last_bold_end;
            self.blocks.push(block);
        }
        self.prev = None;
    }

    fn start(&mut self, kind: BlockKind, text: Mapped, line: &Line<'_>, cls: &Classified) {
        self.close();
        self.current = Some(Block {
            kind,
            text,
            first_line: line.no,
            last_line: line.no,
            bold: cls.bold_start,
            md_heading: false,
        });
        self.last_bold_end = cls.bold_end;
        self.set_prev(line, true);
    }

    fn set_prev(&mut self, line: &Line<'_>, first: bool) {
        let t = line.raw.trim_end();
        let words = t.rsplit(char::is_whitespace).next().unwrap_or("");
        self.prev = Some(Prev {
            indent: line.indent(),
            width: line.width(),
            end: line.start + t.len(),
            first,
            last_char: t
                .trim_end_matches(['*', '_', '"', '”', '’', ')', '»'])
                .chars()
                .last()
                .unwrap_or(' '),
            ends_with_conjunction: matches!(
                words.to_lowercase().as_str(),
                "and" | "et" | "or" | "ou"
            ),
        });
    }

    fn feed(&mut self, line: &Line<'_>, cls: Classified) {
        if self.ended {
            return;
        }
        let at_block_start = self.prev_blank
            || self.current.is_none()
            || matches!(
                self.current.as_ref().map(|b| &b.kind),
                Some(BlockKind::Heading(_))
            );
        let was_blank = std::mem::replace(&mut self.prev_blank, false);
        match cls.cand {
            Cand::Blank => {
                self.close();
                self.prev_blank = true;
            }
            Cand::End => {
                self.close();
                self.ended = true;
            }
            Cand::Begin => {
                self.close();
                self.blocks.clear();
                self.last_number = None;
                self.last_roman = None;
                self.prev_blank = true;
            }
            Cand::Heading(ref h) => {
                self.last_number = None;
                if let Some(n) = h.number.as_deref().and_then(from_roman) {
                    self.last_roman = Some(n);
                }
                let h = h.clone();
                let text = h.title.clone().unwrap_or_default();
                self.start(BlockKind::Heading(h), text, line, &cls);
                self.close();
            }
            Cand::MdHeading => {
                self.last_number = None;
                let text = cls.clean.clone();
                self.start(BlockKind::Para, text, line, &cls);
                if let Some(b) = self.current.as_mut() {
                    b.md_heading = true;
                }
                self.close();
            }
            Cand::Bullet => {
                let text = cls.clean.clone();
                self.start(BlockKind::Bullet, text, line, &cls);
            }
            Cand::Number(n, caps, content) if self.accepts_number(n, caps, at_block_start) => {
                self.last_number = Some(n);
                let text = cls.clean.slice(content, cls.clean.text.len());
                self.start(BlockKind::Item(n), text, line, &cls);
            }
            Cand::Letter
                if at_block_start
                    || self
                        .prev
                        .is_some_and(|p| matches!(p.last_char, ';' | ':' | '.')) =>
            {
                let text = cls.clean.clone();
                self.start(BlockKind::Sub, text, line, &cls);
            }
            _ => {
                if let Some((h, n)) = self.roman_heading(&cls, was_blank || self.current.is_none())
                {
                    self.last_number = None;
                    self.last_roman = Some(n);
                    self.start(BlockKind::Heading(h), Mapped::new(), line, &cls);
                    if let Some(Block {
                        kind: BlockKind::Heading(h),
                        text,
                        ..
                    }) = self.current.as_mut()
                    {
                        *text = h.title.clone().unwrap_or_default();
                    }
                    self.close();
                } else if !was_blank && self.continue_heading(line, &cls) {
                    // Done: the line was the rest of a wrapped heading.
                } else if self.title_for_heading(line, &cls) {
                    // Done: the line was the title of a "Section I" heading.
                } else if self.current.is_some() && self.continues(line, &cls) {
                    self.append(line, &cls);
                } else {
                    let text = cls.clean.clone();
                    self.start(BlockKind::Para, text, line, &cls);
                }
            }
        }
    }

    fn accepts_number(&self, n: u32, caps: bool, at_block_start: bool) -> bool {
        let next = self.last_number.map(|l| l + 1);
        let in_sequence = next == Some(n) || (self.last_number.is_none() && n == 1);
        if caps {
            return in_sequence || n == 1;
        }
        if at_block_start {
            return self.last_number.is_none_or(|l| n > l || n == 1) && n <= 500;
        }
        let after_break = self.prev.is_some_and(|p| {
            matches!(p.last_char, ';' | ':' | '.' | ',') || p.ends_with_conjunction
        });
        (in_sequence || (n == 1 && self.last_number.is_some())) && after_break
    }

    /// "I. Security and Defense": a Roman-numbered heading without keyword.
    fn roman_heading(&self, cls: &Classified, at_block_start: bool) -> Option<(Heading, u32)> {
        if !(at_block_start || cls.bold_start) {
            return None;
        }
        let c = ROMAN_HEADING.captures(&cls.clean.text)?;
        let n = from_roman(c.name("num")?.as_str())?;
        let title = c.name("title")?;
        let t = title.as_str();
        if t.ends_with(['.', ';', ',']) || t.split_whitespace().count() > 14 {
            return None;
        }
        if !t.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        if !(self.last_roman.map(|r| r + 1) == Some(n) || (self.last_roman.is_none() && n == 1)) {
            return None;
        }
        let title = cls.clean.slice(title.start(), title.end());
        Some((
            Heading {
                number: Some(to_roman(n)),
                title: Some(title),
                strong: false,
                preamble: false,
            },
            n,
        ))
    }

    /// Takes the line as the title of the heading just read, if that heading
    /// had none ("SECTION I" on one line, its title on the next).
    fn title_for_heading(&mut self, line: &Line<'_>, cls: &Classified) -> bool {
        if self.current.is_some() {
            return false;
        }
        let Some(Block {
            kind: BlockKind::Heading(h),
            text,
            last_line,
            ..
        }) = self.blocks.last_mut()
        else {
            return false;
        };
        if h.title.is_some() || h.preamble {
            return false;
        }
        let t = cls.clean.text.as_str();
        if t.ends_with(['.', ';', ',']) || t.split_whitespace().count() > 15 {
            return false;
        }
        if !t.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        h.title = Some(cls.clean.clone());
        *text = cls.clean.clone();
        *last_line = line.no;
        true
    }

    /// Takes the line as the rest of a heading's title wrapped onto the next
    /// line ("Section I : Connectivité …, le commerce et le" / "transit").
    fn continue_heading(&mut self, line: &Line<'_>, cls: &Classified) -> bool {
        if self.current.is_some() {
            return false;
        }
        let Some(Block {
            kind: BlockKind::Heading(h),
            text,
            last_line,
            ..
        }) = self.blocks.last_mut()
        else {
            return false;
        };
        let Some(title) = h.title.as_mut() else {
            return false;
        };
        if *last_line + 1 != line.no || line.indent() > 0 {
            return false;
        }
        let t = cls.clean.text.as_str();
        let last_word = title.text.rsplit(' ').next().unwrap_or("").to_lowercase();
        let open_end = title.text.ends_with([',', '-', '–'])
            || matches!(
                last_word.as_str(),
                "and"
                    | "of"
                    | "the"
                    | "et"
                    | "de"
                    | "des"
                    | "du"
                    | "la"
                    | "le"
                    | "les"
                    | "en"
                    | "in"
                    | "for"
            );
        let lower = t.chars().next().is_some_and(char::is_lowercase);
        if !(lower || open_end) || t.split_whitespace().count() > 12 || t.ends_with(['.', ';']) {
            return false;
        }
        if let Some(end) = title.source_range(0, title.text.len()).map(|(_, e)| e) {
            let next = cls.clean.source_start().unwrap_or(end);
            title.push_space(end, next.saturating_sub(end).max(1));
        }
        title.append(&cls.clean);
        *text = title.clone();
        *last_line = line.no;
        true
    }

    /// Whether a text line continues the current block.
    fn continues(&self, line: &Line<'_>, cls: &Classified) -> bool {
        let Some(prev) = self.prev else { return false };
        let first = cls.clean.text.chars().next().unwrap_or(' ');
        let starts_upper = first.is_uppercase()
            || first.is_ascii_digit()
            || matches!(first, '«' | '“' | '"' | '(');
        let terminal = matches!(prev.last_char, '.' | ';' | ':' | '!' | '?');
        if !self.layout.wrapped {
            // One paragraph per line: only a line that cannot start a
            // sentence continues the one before.
            return !starts_upper;
        }
        let in_list = matches!(
            self.current.as_ref().map(|b| &b.kind),
            Some(BlockKind::Item(_) | BlockKind::Bullet | BlockKind::Sub)
        );
        let indent = line.indent();
        if indent > prev.indent && !(prev.first && in_list) {
            // A first-line indent starts a paragraph.
            return false;
        }
        if prev.last_char == ';' && !in_list && recital_opening(&cls.clean.text) {
            // "…;" then "Recognizing …": participial recitals, one per line.
            return false;
        }
        if terminal && starts_upper {
            let first_word = line
                .raw
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            if prev.width + 1 + first_word + 2 <= self.layout.width {
                // The next word would have fitted: the break was meant.
                return false;
            }
        }
        true
    }

    fn append(&mut self, line: &Line<'_>, cls: &Classified) {
        let Some(prev) = self.prev else { return };
        let Some(block) = self.current.as_mut() else {
            return;
        };
        let lead = line.raw.len() - line.raw.trim_start().len();
        let next_start = line.start + lead;
        // "États-" / "Unis", "climate-" / "resilient": a word broken after
        // its hyphen is joined again.
        let hyphenated = block.text.text.ends_with('-')
            && block.text.text[..block.text.text.len() - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphabetic)
            && cls
                .clean
                .text
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
        if !hyphenated {
            block
                .text
                .push_space(prev.end, next_start.saturating_sub(prev.end).max(1));
        }
        block.text.append(&cls.clean);
        block.last_line = line.no;
        self.set_prev(line, false);
        self.last_bold_end = cls.bold_end;
    }
}

/// Whether a line opens a recital: "Recognizing", "Sharing", "Convinced",
/// "Considérant", "Rappelant", "Désireux"…
fn recital_opening(text: &str) -> bool {
    const OPENERS: &[&str] = &[
        "Determined",
        "Convinced",
        "Dedicated",
        "Mindful",
        "Aware",
        "Desirous",
        "Committed",
        "Guided",
        "Conscious",
        "Resolved",
        "Bearing",
        "Convaincus",
        "Convaincu",
        "Déterminés",
        "Désireux",
        "Conscients",
        "Résolus",
        "Soucieux",
        "Attachés",
        "Animés",
    ];
    let word: String = text.chars().take_while(|c| c.is_alphabetic()).collect();
    let mut chars = word.chars();
    if !chars.next().is_some_and(char::is_uppercase) || !chars.all(char::is_lowercase) {
        return false;
    }
    word.len() > 4
        && (word.ends_with("ing") || word.ends_with("ant") || OPENERS.contains(&word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        let lines = split_lines(text);
        build_blocks(&lines)
            .iter()
            .map(|b| match &b.kind {
                BlockKind::Para => format!("para {}", b.text.text),
                BlockKind::Item(n) => format!("{n}. {}", b.text.text),
                BlockKind::Sub => format!("sub {}", b.text.text),
                BlockKind::Bullet => format!("- {}", b.text.text),
                BlockKind::Heading(h) => format!(
                    "# {} {}",
                    h.number
                        .as_deref()
                        .unwrap_or(if h.preamble { "preamble" } else { "-" }),
                    b.text.text
                ),
            })
            .collect()
    }

    #[test]
    fn headings_items_and_paragraphs() {
        assert_eq!(
            kinds(
                "Section I : Connectivité\n\n  1. La République entend coopérer.\n\nSECTION II:  TITLE\nText here."
            ),
            [
                "# I Connectivité",
                "1. La République entend coopérer.",
                "# II TITLE",
                "para Text here."
            ]
        );
        assert_eq!(
            kinds("PREAMBLE\n\nSection 3\nTrade and Energy\n"),
            ["# preamble ", "# III Trade and Energy"]
        );
        assert_eq!(
            kinds("**I. Security and Defense**  \n*In the century*"),
            ["# I Security and Defense", "para In the century"]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_marked_by_indent() {
        let text = "     The parties affirm the importance of their long and fruitful relationship and\n\
                    their shared values, and intend to deepen it in every field of cooperation. Now\n\
                    they note the progress made in the past years in many of the areas named here.\n\
                    \x20    They intend to meet regularly, at least once a year, to review all the work\n\
                    of the partnership and to agree on the next steps to be taken in every area.\n\
                    1. Affirm their support for each other's sovereignty, independence and the\n\
                    inviolability of borders;\n\
                    2. Recognize the importance of the partnership in every field of cooperation.\n";
        let k = kinds(text);
        assert_eq!(k.len(), 4, "{k:#?}");
        assert!(k[0].starts_with("para The parties") && k[0].ends_with("named here."));
        assert!(k[2].starts_with("1. Affirm") && k[2].ends_with("of borders;"));
    }

    #[test]
    fn markdown_bullets_and_numbers() {
        let text = "**1 WE,** the Member States of ASEAN and the\nUnited States; ****\n\n**2** **APPRECIATING** the support;\n\n-   **ESTABLISH** the partnership to\n    reflect the outcomes.\n\n<!-- -->\n\n-   **REAFFIRM** support.\n";
        assert_eq!(
            kinds(text),
            [
                "1. WE, the Member States of ASEAN and the United States;",
                "2. APPRECIATING the support;",
                "- ESTABLISH the partnership to reflect the outcomes.",
                "- REAFFIRM support."
            ]
        );
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(from_roman("XIV"), Some(14));
        assert_eq!(from_roman("IIII"), None);
        assert_eq!(to_roman(4), "IV");
    }
}
