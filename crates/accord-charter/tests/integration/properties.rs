//! The parser never panics, whatever it is given, and what it returns keeps
//! its invariants.

use proptest::prelude::*;

use crate::{check_invariants, read};

const REAL: &[&str] = &[
    "seed",
    "az-us-2026.en.txt",
    "az-us-2026.en.md",
    "az-us-2026.fr.wrapped.txt",
    "us-vietnam-csp-2023.en.txt",
    "asean-us-csp-2022.en.txt",
    "us-ukraine-joint-statement-2021.en.txt",
    "sample-georgia-style.en.txt",
];

fn parses_or_errs(text: &str) {
    if let Ok(c) = accord_charter::parse(text) {
        check_invariants(text, &c);
    }
}

/// Lines a charter is made of, for building charter-like inputs.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Section I : Titre".to_owned()),
        Just("SECTION II:  TITLE".to_owned()),
        Just("PREAMBLE".to_owned()),
        Just("The United States of America and Georgia:".to_owned()),
        Just("  1. Réaffirment leur soutien ;".to_owned()),
        Just("2. Intend to meet at least once a year;".to_owned()),
        Just("-   **ESTABLISH** a partnership".to_owned()),
        Just("**<u>HEADING</u>**".to_owned()),
        Just("<!-- -->".to_owned()),
        Just("\\###".to_owned()),
        Just("(a) within three months of signature".to_owned()),
        Just("d’un commun accord, signé le 8 août 2025 à Washington (D.C.)".to_owned()),
        Just(String::new()),
        "[ -~àéèô’«»\u{a0}]{0,80}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_string(s in "\\PC{0,400}") {
        parses_or_errs(&s);
    }

    #[test]
    fn any_bytes(b in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = accord_charter::parse_bytes(&b, None);
    }

    #[test]
    fn charter_like_lines(lines in proptest::collection::vec(fragment(), 0..40)) {
        parses_or_errs(&lines.join("\n"));
    }

    #[test]
    fn mutations_of_real_charters(
        which in 0..REAL.len(),
        cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), "[\\n #*1.:;(a-zé\u{a0}]{0,6}"), 1..8),
    ) {
        let mut text = read(REAL[which]);
        for (at, len, insert) in cuts {
            let start = at.index(text.len() + 1);
            let end = (start + len.index(40)).min(text.len());
            let (start, end) = (floor(&text, start), floor(&text, end));
            text.replace_range(start..end.max(start), &insert);
        }
        parses_or_errs(&text);
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
