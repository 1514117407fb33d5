//! The same charter laid out differently (hard-wrapped, indented, Markdown)
//! reads to the same provisions.

use crate::{check_invariants, parse, read};

/// `variant` has the same ids and texts as `source`.
fn check(source: &str, variant: &str) {
    let (a, b) = (parse(source), parse(variant));
    check_invariants(&read(variant), &b);
    let pa: Vec<(&str, &str)> = a
        .provisions()
        .map(|p| (p.id.as_str(), p.text.as_str()))
        .collect();
    let pb: Vec<(&str, &str)> = b
        .provisions()
        .map(|p| (p.id.as_str(), p.text.as_str()))
        .collect();
    assert_eq!(pa.len(), pb.len(), "{variant}: provision count");
    for (x, y) in pa.iter().zip(&pb) {
        assert_eq!(x, y, "{variant}");
    }
    assert_eq!(a.parties, b.parties, "{variant}: parties");
    let titles = |c: &accord_charter::Charter| {
        c.sections
            .iter()
            .map(|s| s.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&a), titles(&b), "{variant}: section titles");
    assert_eq!(
        a.obligations.len(),
        b.obligations.len(),
        "{variant}: obligations"
    );
    assert_eq!(
        a.working_groups, b.working_groups,
        "{variant}: working groups"
    );
    assert_eq!(a.instruments, b.instruments, "{variant}: instruments");
}

#[test]
fn hard_wrapped_with_paragraphs_marked_by_indentation() {
    check("seed", "az-us-2026.fr.wrapped.txt");
}

#[test]
fn markdown_with_lead_in_and_begin_end_markers() {
    check("az-us-2026.en.txt", "az-us-2026.en.md");
    assert_eq!(
        parse("az-us-2026.en.md").title,
        parse("az-us-2026.en.txt").title
    );
}

#[test]
fn quotes_keep_the_source_line_breaks() {
    let text = read("az-us-2026.fr.wrapped.txt");
    let c = parse("az-us-2026.fr.wrapped.txt");
    let deadline = &c
        .obligations
        .iter()
        .find(|o| o.provision == "IV.p2")
        .unwrap()
        .quote;
    assert!(deadline.contains('\n') && text.contains(deadline.as_str()));
}

#[test]
fn carriage_returns_and_no_break_spaces() {
    let seed = read("seed");
    let crlf = seed.replace('\n', "\r\n").replace(" :", "\u{a0}:");
    let (a, b) = (parse("seed"), accord_charter::parse(&crlf).unwrap());
    check_invariants(&crlf, &b);
    assert_eq!(a.provisions().count(), b.provisions().count());
    assert_eq!(
        a.sections[0].title,
        b.sections[0]
            .title
            .clone()
            .map(|t| t.replace('\u{a0}', " "))
    );
}
