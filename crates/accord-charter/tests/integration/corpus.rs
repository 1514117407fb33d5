//! The seed and real charters and statements, as a careful reader finds them.

use accord_charter::ObligationKind;

use crate::{check_invariants, outline, parse, read};

/// Parses `name` and compares its outline with `want`.
fn check(name: &str, want: &str) {
    let c = parse(name);
    check_invariants(&read(name), &c);
    assert_eq!(outline(&c), want, "{name}");
}

const SEED: &str = "\
language fr · parties 2
preamble P.1 P.2 P.3 P.4 P.5
I items 5 paragraphs 3
II items 7 paragraphs 0
III items 4 paragraphs 1
IV items 0 paragraphs 3
groups economie-commerce energie connectivite ia-developpement-numerique securite-defense
II.7 mutual agreement
IV.p2 deadline P3M from signature
IV.p3 recurring P1Y
IV.p3 mutual agreement
instrument 2025-08-08 Washington (D.C.) @P.2
instrument 2025-08-08 - @I.p2
";

#[test]
fn the_seed_reads_exactly() {
    check("seed", SEED);
    let c = parse("seed");
    assert_eq!(
        c.title.as_deref(),
        Some("TEXTE DE LA CHARTE DE PARTENARIAT STRATEGIQUE ENTRE L'AZERBAIDJAN ET LES ETATS-UNIS")
    );
    assert_eq!(
        c.parties,
        [
            "Le Gouvernement de la République d’Azerbaïdjan",
            "le Gouvernement des États-Unis d’Amérique"
        ]
    );
    assert!(
        c.preamble[0]
            .text
            .starts_with("Réaffirment leur soutien mutuel")
    );
    let titles: Vec<&str> = c
        .sections
        .iter()
        .filter_map(|s| s.title.as_deref())
        .collect();
    assert_eq!(
        titles,
        [
            "Connectivité régionale, y compris l’énergie, le commerce et le transit",
            "Investissement économique, y compris l’intelligence artificielle (IA) et les infrastructures numériques",
            "Coopération en matière de sécurité",
            "Cadre institutionnel et mise en œuvre",
        ]
    );
    let labels: Vec<&str> = c.working_groups.iter().map(|w| w.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "économie et le commerce",
            "énergie",
            "connectivité",
            "IA et le développement numérique",
            "sécurité et la défense"
        ]
    );
    // The news header is in no provision.
    for p in c.provisions() {
        assert!(
            !p.text.contains("Actualités") && !p.text.contains("22:30") && p.text != "35",
            "{}",
            p.id
        );
    }
    let deadline = c
        .obligations
        .iter()
        .find(|o| matches!(o.kind, ObligationKind::Deadline { .. }))
        .unwrap();
    assert!(
        deadline
            .quote
            .starts_with("Dans un délai de trois mois à compter de la signature")
    );
    assert!(deadline.quote.contains("feuilles de route"));
    assert_eq!(deadline.line, 70);
    let mou = &c.instruments[0];
    assert!(
        mou.title
            .starts_with("Mémorandum d’entente entre le Gouvernement"),
        "{}",
        mou.title
    );
    assert_eq!(
        c.instruments[1].title,
        "Déclaration du Sommet de la paix de Washington"
    );
}

#[test]
fn the_english_version_reads_like_the_french() {
    check(
        "az-us-2026.en.txt",
        &SEED.replace("language fr", "language en").replace(
            "economie-commerce energie connectivite ia-developpement-numerique securite-defense",
            "economy-trade energy connectivity ai-digital-development security-defense",
        ),
    );
}

#[test]
fn joint_statement_with_bold_headings() {
    let c = parse("us-vietnam-csp-2023.en.txt");
    check_invariants(&read("us-vietnam-csp-2023.en.txt"), &c);
    assert_eq!(c.preamble.len(), 2);
    assert_eq!(c.sections.len(), 10);
    assert_eq!(
        c.sections[0].title.as_deref(),
        Some("POLITICAL AND DIPLOMATIC RELATIONS")
    );
    let recurring: Vec<&str> = c
        .obligations
        .iter()
        .filter(|o| matches!(o.kind, ObligationKind::Recurring { .. }))
        .map(|o| o.quote.as_str())
        .collect();
    assert!(
        recurring
            .iter()
            .any(|q| q.contains("annual dialogue between")),
        "{recurring:?}"
    );
}

#[test]
fn a_past_event_is_not_an_obligation() {
    let c = parse("asean-us-csp-2022.en.txt");
    check_invariants(&read("asean-us-csp-2022.en.txt"), &c);
    assert!(
        c.obligations
            .iter()
            .all(|o| !matches!(o.kind, ObligationKind::Recurring { .. })),
        "{:?}",
        c.obligations
    );
    // Nine numbered recitals ("**1 WE,**"), then nine declarations after "WE HEREBY DECLARE TO:".
    assert_eq!(
        c.preamble.iter().map(|p| p.number).collect::<Vec<_>>(),
        (1..=9).map(Some).collect::<Vec<_>>()
    );
    assert_eq!(c.sections.len(), 1);
    assert_eq!(c.sections[0].paragraphs.len(), 9);
    let closing = c.closing.unwrap();
    assert!(closing.text.starts_with("ADOPTED in Phnom Penh"));
    assert_eq!(
        closing.place.as_deref(),
        Some("Phnom Penh, Kingdom of Cambodia")
    );
}

#[test]
fn a_text_that_sets_no_obligation_yields_none() {
    let c = parse("us-uk-new-atlantic-charter-2021.en.txt");
    check_invariants(&read("us-uk-new-atlantic-charter-2021.en.txt"), &c);
    assert!(c.obligations.is_empty(), "{:?}", c.obligations);
    assert_eq!(c.sections[0].paragraphs.len(), 10);
    // The signatures are no provision.
    assert!(c.provisions().all(|p| !p.text.contains("Boris Johnson")));
    assert_eq!(c.parties, ["the United States", "the United Kingdom"]);
}

#[test]
fn a_deadline_from_entry_into_force() {
    let c = parse("us-india-trade-framework-2026.en.txt");
    check_invariants(&read("us-india-trade-framework-2026.en.txt"), &c);
    let d: Vec<String> = c
        .obligations
        .iter()
        .filter_map(|o| match &o.kind {
            ObligationKind::Deadline { within, from, .. } => Some(format!("{within} {from}")),
            _ => None,
        })
        .collect();
    assert_eq!(d, ["P6M entry_into_force"]);
    // A bullet wrapped after "as amended;" stays one paragraph.
    assert!(
        c.provisions()
            .all(|p| !p.text.starts_with("Proclamation 9705"))
    );
}

#[test]
fn roman_headings_bullets_and_intro_paragraphs() {
    let c = parse("us-ukraine-joint-statement-2021.en.txt");
    check_invariants(&read("us-ukraine-joint-statement-2021.en.txt"), &c);
    assert_eq!(c.preamble.len(), 4);
    let sections: Vec<(&str, usize)> = c
        .sections
        .iter()
        .map(|s| (s.number.as_str(), s.paragraphs.len()))
        .collect();
    assert_eq!(
        sections,
        [("I", 10), ("II", 4), ("III", 5), ("IV", 5), ("V", 3)]
    );
    assert!(
        c.sections[0].paragraphs[1]
            .text
            .starts_with("Standing up to Russian Aggression:")
    );
}

#[test]
fn headings_wrapped_over_two_lines() {
    let c = parse("us-indonesia-csp-2023.en.txt");
    check_invariants(&read("us-indonesia-csp-2023.en.txt"), &c);
    let titles: Vec<&str> = c
        .sections
        .iter()
        .filter_map(|s| s.title.as_deref())
        .collect();
    assert_eq!(
        titles[0],
        "Promoting Inclusive Economic Growth through Innovation, Sustainable Development, Public Health, and Digital Transformation"
    );
    assert_eq!(c.sections.len(), 6, "{titles:?}");
    assert_eq!(c.preamble.len(), 2);
}

#[test]
fn a_declaration_with_a_lead_in_and_signatures() {
    let c = parse("us-israel-jerusalem-declaration-2022.en.txt");
    check_invariants(&read("us-israel-jerusalem-declaration-2022.en.txt"), &c);
    assert_eq!(
        c.title.as_deref(),
        Some("Joint Declaration on the US-Israel Strategic Partnership")
    );
    let closing = c.closing.as_ref().unwrap();
    assert_eq!(
        (closing.date.as_deref(), closing.place.as_deref()),
        (Some("2022-07-14"), Some("Jerusalem"))
    );
    assert!(c.provisions().all(|p| !p.text.contains("Yair Lapid")));
}

#[test]
fn a_charter_in_the_georgia_style() {
    check(
        "sample-georgia-style.en.txt",
        "\
language en · parties 2
preamble P.1 P.2 P.3 P.4
I items 3 paragraphs 1
II items 3 paragraphs 0
III items 3 paragraphs 0
IV items 3 paragraphs 0
groups trade investment energy-security
II.2 recurring P1Y
III.2 deadline P6M from entry_into_force
III.2 mutual agreement
IV.3 recurring P1Y
IV.3 mutual agreement
instrument 2008-07-06 Tbilisi @P.3
instrument 2007-03-12 - @P.3
",
    );
    let c = parse("sample-georgia-style.en.txt");
    assert_eq!(
        c.title.as_deref(),
        Some("UNITED STATES-EXAMPLIA CHARTER ON STRATEGIC PARTNERSHIP")
    );
    assert_eq!(
        c.instruments[1].title,
        "Memorandum of Understanding on Energy Cooperation"
    );
    assert_eq!(c.closing.unwrap().place.as_deref(), Some("Washington"));
}

#[test]
fn three_partners_and_participial_recitals() {
    check(
        "sample-three-partners.en.txt",
        "\
language en · parties 4
preamble P.1 P.2 P.3
I items 0 paragraphs 2
II items 0 paragraphs 1
III items 0 paragraphs 1
IV items 0 paragraphs 2
groups 
IV.p2 recurring P1Y
IV.p2 deadline P3M from signature
",
    );
    let c = parse("sample-three-partners.en.txt");
    assert_eq!(c.parties[3], "the Republic of Estaria");
    assert!(c.preamble[0].text.starts_with("Sharing a common vision"));
}

#[test]
fn only_a_real_closing_formula_ends_the_text() {
    let text = "Section I: Cooperation\n\n1. The parties intend to cooperate in every field.\n\nSigned agreements will be reviewed by the Commission.\n\nDone at Washington, in duplicate, this ninth day of January, 2009.\n\nFOR THE UNITED STATES OF AMERICA:\n";
    let c = accord_charter::parse(text).unwrap();
    assert_eq!(c.sections[0].paragraphs.len(), 2);
    let closing = c.closing.unwrap();
    assert!(closing.text.starts_with("Done at Washington"));
    assert_eq!(closing.place.as_deref(), Some("Washington"));
}
