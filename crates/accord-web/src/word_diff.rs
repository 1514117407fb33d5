//! The difference between two versions of a text, word by word, for a
//! reader: the words kept, those taken out and those put in, in order.
//! Whitespace separates words and is not itself compared, so a reflowed
//! paragraph shows no change.

use similar::{Algorithm, DiffTag, capture_diff_slices};

/// What became of a run of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Kept,
    Removed,
    Added,
}

impl Change {
    /// Its name for a page's markup (`kept`, `removed`, `added`).
    pub fn code(self) -> &'static str {
        match self {
            Change::Kept => "kept",
            Change::Removed => "removed",
            Change::Added => "added",
        }
    }
}

/// A run of words that changed in the same way, joined by single spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub change: Change,
    pub text: String,
}

/// The word diff from `old` to `new`: empty when the words are the same.
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let old: Vec<&str> = old.split_whitespace().collect();
    let new: Vec<&str> = new.split_whitespace().collect();
    if old == new {
        return Vec::new();
    }
    let mut pieces = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
        let (tag, before, after) = op.as_tag_tuple();
        let mut push = |change, words: &[&str]| {
            if !words.is_empty() {
                pieces.push(Piece {
                    change,
                    text: words.join(" "),
                });
            }
        };
        match tag {
            DiffTag::Equal => push(Change::Kept, &old[before]),
            DiffTag::Delete => push(Change::Removed, &old[before]),
            DiffTag::Insert => push(Change::Added, &new[after]),
            DiffTag::Replace => {
                push(Change::Removed, &old[before]);
                push(Change::Added, &new[after]);
            }
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p.change {
                Change::Kept => p.text.clone(),
                Change::Removed => format!("[-{}-]", p.text),
                Change::Added => format!("{{+{}+}}", p.text),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn words_taken_out_and_put_in_are_marked_in_order() {
        let diff = word_diff(
            "A 240 MW solar plant near Baku",
            "A 300 MW solar plant near  Baku, with storage",
        );
        assert_eq!(
            shown(&diff),
            "A [-240-] {+300+} MW solar plant near [-Baku-] {+Baku, with storage+}"
        );
    }

    #[test]
    fn the_same_words_differently_spaced_are_no_change() {
        assert!(word_diff("one  two\nthree", "one two three").is_empty());
        assert_eq!(shown(&word_diff("", "Günəş")), "{+Günəş+}");
    }
}
