//! Normalised text that remembers where each of its bytes came from.
//!
//! A provision's text is not a slice of the source: wrapped lines are joined
//! with single spaces, runs of whitespace collapse, and Markdown or HTML
//! leftovers (`**`, `<sup>`, `<!-- -->`, `\#`) are dropped. Obligations must
//! still quote the *exact* bytes of the source, so every piece of normalised
//! text carries the source range it stands for. [`Mapped::source_range`] turns
//! a range of normalised text back into a range of the source.

/// One run of normalised text and the source bytes it stands for.
///
/// When `same` is true the run is a verbatim copy (`len` bytes both sides),
/// so any offset inside it maps one to one; otherwise the whole run stands for
/// the whole source range (a collapsed space, a decoded entity).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    norm: usize,
    orig: usize,
    nlen: usize,
    olen: usize,
    same: bool,
}

/// Normalised text with its map back to the source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mapped {
    pub text: String,
    spans: Vec<Span>,
}

impl Mapped {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends `s`, a verbatim copy of the source at `orig`.
    pub fn push_same(&mut self, s: &str, orig: usize) {
        if s.is_empty() {
            return;
        }
        let norm = self.text.len();
        self.text.push_str(s);
        if let Some(last) = self.spans.last_mut()
            && last.same
            && last.norm + last.nlen == norm
            && last.orig + last.olen == orig
        {
            last.nlen += s.len();
            last.olen += s.len();
            return;
        }
        self.spans.push(Span {
            norm,
            orig,
            nlen: s.len(),
            olen: s.len(),
            same: true,
        });
    }

    /// Appends `s`, standing for the source range `orig..orig + olen`.
    pub fn push_replaced(&mut self, s: &str, orig: usize, olen: usize) {
        if s.is_empty() {
            return;
        }
        let norm = self.text.len();
        self.text.push_str(s);
        self.spans.push(Span {
            norm,
            orig,
            nlen: s.len(),
            olen,
            same: false,
        });
    }

    /// Appends one space for the source range (whitespace, a line break),
    /// unless the text is empty or already ends with a space.
    pub fn push_space(&mut self, orig: usize, olen: usize) {
        if self.text.is_empty() || self.text.ends_with(' ') {
            return;
        }
        self.push_replaced(" ", orig, olen);
    }

    /// Appends another mapped text.
    pub fn append(&mut self, other: &Mapped) {
        let shift = self.text.len();
        self.text.push_str(&other.text);
        self.spans.extend(other.spans.iter().map(|s| Span {
            norm: s.norm + shift,
            ..*s
        }));
    }

    /// Removes a trailing space.
    pub fn trim_end(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
            let len = self.text.len();
            while let Some(last) = self.spans.last_mut() {
                if last.norm >= len {
                    self.spans.pop();
                } else {
                    if last.norm + last.nlen > len {
                        last.nlen = len - last.norm;
                        if last.same {
                            last.olen = last.nlen;
                        }
                    }
                    break;
                }
            }
        }
    }

    /// The part of the text in `a..b` (byte offsets on char boundaries),
    /// trimmed of spaces at both ends.
    pub fn slice(&self, a: usize, b: usize) -> Mapped {
        let b = b.min(self.text.len());
        let a = a.min(b);
        let trimmed = &self.text[a..b];
        let a = a + (trimmed.len() - trimmed.trim_start_matches(' ').len());
        let b = a + self.text[a..b].trim_end_matches(' ').len();
        let mut out = Mapped::new();
        if a >= b {
            return out;
        }
        out.text.push_str(&self.text[a..b]);
        let first = self.span_index(a);
        for s in &self.spans[first..] {
            if s.norm >= b {
                break;
            }
            let lo = s.norm.max(a);
            let hi = (s.norm + s.nlen).min(b);
            if lo >= hi {
                continue;
            }
            let span = if s.same {
                Span {
                    norm: lo - a,
                    orig: s.orig + (lo - s.norm),
                    nlen: hi - lo,
                    olen: hi - lo,
                    same: true,
                }
            } else {
                Span {
                    norm: lo - a,
                    orig: s.orig,
                    nlen: hi - lo,
                    olen: s.olen,
                    same: false,
                }
            };
            out.spans.push(span);
        }
        out
    }

    fn span_index(&self, at: usize) -> usize {
        // The last span starting at or before `at`.
        self.spans
            .partition_point(|s| s.norm <= at)
            .saturating_sub(1)
    }

    /// The source byte range that the normalised range `a..b` stands for.
    /// Both ends snap outwards to whole replaced runs.
    pub fn source_range(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        if a >= b || b > self.text.len() || self.spans.is_empty() {
            return None;
        }
        let s = self.spans[self.span_index(a)];
        let start = if s.same {
            s.orig + (a - s.norm)
        } else {
            s.orig
        };
        let e = self.spans[self.span_index(b - 1)];
        let end = if e.same {
            e.orig + (b - e.norm)
        } else {
            e.orig + e.olen
        };
        (start < end).then_some((start, end))
    }

    /// The source offset of the first byte of text.
    pub fn source_start(&self) -> Option<usize> {
        self.spans.first().map(|s| s.orig)
    }
}

/// What the cleaner carries from one line to the next.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CleanState {
    /// Inside an HTML comment that started on an earlier line.
    pub in_comment: bool,
}

/// Appends the visible text of one source line to `out`: Markdown emphasis,
/// HTML tags and comments, backslash escapes and link targets are dropped,
/// entities decoded, and whitespace runs collapse to one space.
/// `line` starts at source offset `base`.
pub(crate) fn clean_into(out: &mut Mapped, line: &str, base: usize, state: &mut CleanState) {
    let bytes = line.as_bytes();
    let mut i = 0;
    // `]` of a Markdown link being read, and where its `(target)` ends.
    let mut link: Option<(usize, usize)> = None;
    while i < bytes.len() {
        if state.in_comment {
            match line[i..].find("-->") {
                Some(k) => {
                    state.in_comment = false;
                    out.push_space(base + i, k + 3);
                    i += k + 3;
                }
                None => return,
            }
            continue;
        }
        if let Some((close, end)) = link
            && i == close
        {
            link = None;
            i = end;
            continue;
        }
        let c = bytes[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\x0c' | b'\x0b' => {
                let start = i;
                i = space_run_end(line, i);
                out.push_space(base + start, i - start);
            }
            0xC2 | 0xE2 if nbsp_len(&line[i..]) > 0 => {
                // A lone no-break space (French "Section I : …") is kept; one
                // next to other spaces collapses with them.
                let start = i;
                let end = space_run_end(line, i);
                if end - start == nbsp_len(&line[i..]) {
                    out.push_same(&line[start..end], base + start);
                } else {
                    out.push_space(base + start, end - start);
                }
                i = end;
            }
            b'*' => i += 1,
            b'<' => {
                if line[i..].starts_with("<!--") {
                    state.in_comment = true;
                    i += 4;
                } else if let Some(len) = html_tag_len(&line[i..]) {
                    let tag = &line[i..i + len];
                    if tag.len() >= 3 && tag[1..].to_ascii_lowercase().starts_with("br") {
                        out.push_space(base + i, len);
                    }
                    i += len;
                } else {
                    out.push_same("<", base + i);
                    i += 1;
                }
            }
            b'\\' if i + 1 < bytes.len() && bytes[i + 1].is_ascii_punctuation() => {
                out.push_same(&line[i + 1..i + 2], base + i + 1);
                i += 2;
            }
            b'!' if i + 1 < bytes.len()
                && bytes[i + 1] == b'['
                && markdown_link(&line[i + 1..]).is_some() =>
            {
                i += 1;
            }
            b'[' if link.is_none() => {
                if let Some((close, end)) = markdown_link(&line[i..]) {
                    link = Some((i + close, i + end));
                    i += 1;
                } else {
                    out.push_same("[", base + i);
                    i += 1;
                }
            }
            b'&' => {
                if let Some((ch, len)) = html_entity(&line[i..]) {
                    if ch == ' ' || ch == '\u{a0}' {
                        out.push_space(base + i, len);
                    } else {
                        let mut buf = [0u8; 4];
                        out.push_replaced(ch.encode_utf8(&mut buf), base + i, len);
                    }
                    i += len;
                } else {
                    out.push_same("&", base + i);
                    i += 1;
                }
            }
            _ => {
                // Copy a run of ordinary bytes at once.
                let start = i;
                i += 1;
                while i < bytes.len()
                    && !matches!(
                        bytes[i],
                        b' ' | b'\t'
                            | b'\r'
                            | b'\x0c'
                            | b'\x0b'
                            | b'*'
                            | b'<'
                            | b'\\'
                            | b'!'
                            | b'['
                            | b'&'
                            | 0xC2
                            | 0xE2
                    )
                    && link.is_none_or(|(close, _)| i != close)
                {
                    i += 1;
                }
                // `i` stops only on ASCII bytes, so it is a char boundary.
                out.push_same(&line[start..i], base + start);
            }
        }
    }
}

/// The length of a no-break space (U+00A0, U+202F) at the start of `s`, or 0.
fn nbsp_len(s: &str) -> usize {
    if s.starts_with('\u{a0}') {
        2
    } else if s.starts_with('\u{202f}') {
        3
    } else {
        0
    }
}

/// The end of a run of spaces (no-break spaces included) starting at `i`.
fn space_run_end(line: &str, mut i: usize) -> usize {
    let bytes = line.as_bytes();
    while i < bytes.len() {
        if matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\x0c' | b'\x0b') {
            i += 1;
        } else {
            let n = nbsp_len(&line[i..]);
            if n == 0 {
                break;
            }
            i += n;
        }
    }
    i
}

/// The length of an HTML tag at the start of `s` (`<u>`, `</sup>`, `<br/>`,
/// `<meta …>`), or None when `<` starts no tag.
fn html_tag_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let first = *b.get(1)?;
    if !(first.is_ascii_alphabetic() || first == b'/' || first == b'!') {
        return None;
    }
    // Tags are short: looking no further keeps a line of `<<<<` linear.
    let window = &s.as_bytes()[1..s.len().min(300)];
    let end = window.iter().position(|&c| c == b'>' || c == b'<')? + 1;
    if b[end] != b'>' {
        return None;
    }
    // The tag name is letters and digits only.
    let name = s[1..end].trim_start_matches(['/', '!']);
    let name_len = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if name_len == 0 {
        return None;
    }
    let after = name.as_bytes().get(name_len).copied();
    if !matches!(after, None | Some(b' ' | b'/' | b'>' | b'\t')) {
        return None;
    }
    Some(end + 1)
}

/// A Markdown link `[text](target)` at the start of `s`: the offsets of `]`
/// and of the byte after `)`.
fn markdown_link(s: &str) -> Option<(usize, usize)> {
    // Links are short: looking no further keeps a line of `[[[[` linear.
    let close = s.as_bytes()[..s.len().min(500)]
        .iter()
        .position(|&c| c == b']')?;
    if s[1..close].contains('[') {
        return None;
    }
    let rest = &s[close + 1..];
    if !rest.starts_with('(') {
        return None;
    }
    let end = rest.as_bytes()[..rest.len().min(1000)]
        .iter()
        .position(|&c| c == b')')?;
    if rest[1..end].contains(' ') && !rest[1..end].contains('"') {
        return None;
    }
    Some((close, close + 1 + end + 1))
}

/// An HTML entity at the start of `s`: the character and the entity's length.
fn html_entity(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let name = s.get(1..end)?;
    let ch = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "rsquo" => '’',
        "lsquo" => '‘',
        "ldquo" => '“',
        "rdquo" => '”',
        "ndash" => '–',
        "mdash" => '—',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|c| !c.is_control())?
        }
    };
    Some((ch, end + 1))
}

/// Cleans a whole line on its own (no comment carried in or out).
pub(crate) fn clean_line(line: &str, base: usize) -> Mapped {
    let mut out = Mapped::new();
    let mut state = CleanState::default();
    clean_into(&mut out, line, base, &mut state);
    out.trim_end();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, want: &str) {
        let m = clean_line(line, 0);
        assert_eq!(m.text, want, "cleaning {line:?}");
    }

    #[test]
    fn cleaning_drops_markup_and_collapses_space() {
        check("  Hello   world  ", "Hello world");
        check("**<u>POLITICAL RELATIONS</u>**  ", "POLITICAL RELATIONS");
        check("the 21<sup>st</sup> century", "the 21st century");
        check("**1 WE,** the Member", "1 WE, the Member");
        check("<!-- --> text", "text");
        check("\\### end", "### end");
        check(
            "see [the Treaty](../x/README.md) here",
            "see the Treaty here",
        );
        check("A &amp; B&nbsp;C", "A & B C");
        check("autocracy.\u{a0} As we", "autocracy. As we");
        check("Section I\u{a0}: Titre", "Section I\u{a0}: Titre");
        check("x < y and a<b", "x < y and a<b");
        check("<meta http-equiv='Content-Type' content='text/html' />", "");
    }

    #[test]
    fn source_ranges_are_exact() {
        let src = "**First**,  we   resolve";
        let m = clean_line(src, 0);
        assert_eq!(m.text, "First, we resolve");
        let a = m.text.find("we").unwrap();
        let (s, e) = m.source_range(a, m.text.len()).unwrap();
        assert_eq!(&src[s..e], "we   resolve");
        let (s, e) = m.source_range(0, 6).unwrap();
        assert_eq!(&src[s..e], "First**,");
        let sub = m.slice(7, m.text.len());
        let (s, e) = sub.source_range(0, sub.text.len()).unwrap();
        assert_eq!(&src[s..e], "we   resolve");
    }
}
