//! Sentences inside a provision's text, for quoting an obligation in full.
//!
//! A sentence ends at `.`, `;`, `!` or `?` followed by a space, except after
//! an abbreviation ("U.S.", "D.C.", "Mr.", "R." in a name). Sentences are
//! looked for at most [`MAX_REACH`] bytes either side, so quoting stays linear
//! in the text's length however long a paragraph runs on.

/// How far from a match a sentence boundary is looked for.
const MAX_REACH: usize = 1200;

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "No", "Nos", "Art", "Arts", "Sec", "Jr", "Sr", "Co", "Inc",
    "Ltd", "vs", "M", "Mme", "Mmes", "MM", "cf", "p", "pp", "art", "al", "Gen", "Lt", "Col", "Gov",
    "Sen", "Rep", "Corp", "Dept",
];

fn is_boundary(t: &str, i: usize) -> bool {
    let b = t.as_bytes();
    if !matches!(b[i], b'.' | b';' | b'!' | b'?') {
        return false;
    }
    if i + 1 < b.len() && b[i + 1] != b' ' {
        return false;
    }
    if b[i] == b'.' {
        // The word before the full stop (at most 64 bytes back, so that a
        // text without spaces stays linear).
        let lo = crate::structure::floor_boundary(t, i.saturating_sub(64));
        let token_start = t[lo..i].rfind(' ').map_or(lo, |p| lo + p + 1);
        let token = t[token_start..i].trim_start_matches(['(', '[', '«', '“', '"']);
        if token.contains('.')
            || (token.chars().count() == 1 && token.chars().all(char::is_uppercase))
            || ABBREVIATIONS.contains(&token)
        {
            return false;
        }
    }
    true
}

/// The sentence of `t` that holds the range `a..b`, without its leading
/// space and with its final punctuation.
pub(crate) fn sentence_around(t: &str, a: usize, b: usize) -> (usize, usize) {
    let len = t.len();
    let lo = a.saturating_sub(MAX_REACH);
    let mut start = None;
    let mut i = a;
    while i > lo {
        i -= 1;
        if is_boundary(t, i) && i + 1 < a {
            start = Some(i + 1);
            break;
        }
    }
    let mut start = start.unwrap_or_else(|| if lo == 0 { 0 } else { next_space(t, lo).min(a) });
    while start < a && t.as_bytes()[start] == b' ' {
        start += 1;
    }
    let hi = (b + MAX_REACH).min(len);
    let mut end = None;
    let mut j = b.max(1) - 1;
    while j < hi {
        if j >= b.saturating_sub(1) && is_boundary(t, j) && j + 1 >= b {
            end = Some(j + 1);
            break;
        }
        j += 1;
    }
    let end = end.unwrap_or_else(|| {
        if hi == len {
            len
        } else {
            prev_space(t, hi).max(b)
        }
    });
    (start, end)
}

fn next_space(t: &str, from: usize) -> usize {
    t[crate::structure::floor_boundary(t, from)..]
        .find(' ')
        .map_or(t.len(), |p| from + p + 1)
}

fn prev_space(t: &str, to: usize) -> usize {
    t[..crate::structure::floor_boundary(t, to)]
        .rfind(' ')
        .unwrap_or(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(t: &str, needle: &str, want: &str) {
        let a = t.find(needle).unwrap();
        let (s, e) = sentence_around(t, a, a + needle.len());
        assert_eq!(&t[s..e], want);
    }

    #[test]
    fn sentences_skip_abbreviations() {
        check(
            "They met. The Leaders intend to hold an annual dialogue with the U.S. Secretary of State. Then more.",
            "annual",
            "The Leaders intend to hold an annual dialogue with the U.S. Secretary of State.",
        );
        check("A; B annually; C.", "annually", "B annually;");
        check(
            "signé à Washington (D.C.) ; puis",
            "signé",
            "signé à Washington (D.C.) ;",
        );
        check("no end here", "end", "no end here");
    }
}
