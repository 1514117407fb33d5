//! Bad input gets a clear error, never a panic.

use accord_charter::{ParseError, parse_bytes};

fn check(bytes: &[u8], want: &str) {
    let got = match parse_bytes(bytes, None) {
        Ok(c) => format!("ok {} {}", c.language, c.sections.len()),
        Err(e) => e.to_string(),
    };
    assert!(got.starts_with(want), "got {got:?}, want {want:?}");
}

#[test]
fn empty_binary_prose_and_other_languages() {
    check(b"", "the text is empty");
    check(b"  \n\n\t\n", "the text is empty");
    check(
        b"\x7fELF\x02\x01\x01\0\0\0",
        "this is not a text file: a NUL byte at byte 7 (line 1)",
    );
    check(
        b"Hello\nthis is not a charter at all\n",
        "no charter structure found in lines 1\u{2013}2",
    );
    check(
        crate::read("eu-georgia-aa-2014-title-viii.nl.txt").as_bytes(),
        "language nl (Dutch) is not supported yet",
    );
    check(
        crate::read("eu-azerbaijan-pca-1996.nl.txt").as_bytes(),
        "language nl (Dutch) is not supported yet",
    );
    check("Artikel 1\n\nDie Vertragsparteien und die Regierung der Bundesrepublik vereinbaren die folgenden Bestimmungen für die Zusammenarbeit zwischen den Staaten.".as_bytes(), "language de (German) is not supported yet");
}

#[test]
fn windows_1252_is_read() {
    let bytes =
        b"Section I : Connectivit\xe9 r\xe9gionale\n\n  1. La R\xe9publique entend coop\xe9rer.\n";
    let c = parse_bytes(bytes, None).unwrap();
    assert_eq!(
        c.sections[0].title.as_deref(),
        Some("Connectivité régionale")
    );
    assert_eq!(c.sections[0].paragraphs[0].id, "I.1");
    assert!(
        c.warnings[0].message.contains("decoded as Windows-1252"),
        "{:?}",
        c.warnings
    );
}

#[test]
fn errors_are_typed() {
    assert_eq!(parse_bytes(b"", None).unwrap_err(), ParseError::Empty);
    assert!(matches!(
        parse_bytes(&[0u8; 64], None),
        Err(ParseError::Binary { offset: 0, .. })
    ));
}

#[test]
fn a_number_with_no_text_after_it_is_left_out_with_a_warning() {
    let text = "Section I : Coopération\n\n1. Les Parties entendent coopérer dans le domaine de l’énergie.\n\n2. Les Parties entendent se réunir au moins une fois par an.\n\n1.\n\nSection II : Commerce\n\n1. Les Parties entendent développer le commerce et l’investissement.\n";
    let c = accord_charter::parse(text).unwrap();
    crate::check_invariants(text, &c);
    let ids: Vec<&str> = c.provisions().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["I.1", "I.2", "II.1"]);
    assert!(
        c.warnings
            .iter()
            .any(|w| w.line == Some(7) && w.message.contains("item 1 has no text")),
        "{:?}",
        c.warnings
    );
}
