//! Obligations read out of provisions, in English and French:
//!
//! - deadlines: "within three months of (the) signing", "within six months of
//!   entry into force", "dans un délai de trois mois à compter de la signature";
//! - recurring acts: "at least once a year", "au moins une fois par an",
//!   "annually", "an annual dialogue", "chaque année";
//! - acts by mutual agreement: "by mutual agreement", "mutually agreed",
//!   "d'un commun accord", "mutuellement déterminées".
//!
//! A recurring phrase counts only when the sentence looks forward (the
//! parties *intend*, *will*, *entendent*…) and does not describe the past
//! ("annual summits (since 2013)"): a text that sets no obligation yields none.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Obligation, ObligationKind};
use crate::sentence::sentence_around;
use crate::text::Mapped;

macro_rules! regex {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new(&$re).expect("valid regex"));
    };
}

const EN_NUMBER: &str = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty-four|twenty|thirty|forty-five|sixty|ninety|a|an|\d{1,3}";
const FR_NUMBER: &str = r"une?|deux|trois|quatre-vingt-dix|quatre|cinq|six|sept|huit|neuf|dix-huit|dix|onze|douze|quinze|vingt|trente|quarante-cinq|soixante|\d{1,3}";

regex!(
    DEADLINE_EN,
    format!(
        r"(?i)(?-u:\b)(?:within|no later than|not later than)\s+(?:a\s+period\s+of\s+)?(?:the\s+first\s+)?(?P<n>{EN_NUMBER})(?:\s*\(\d{{1,3}}\))?\s+(?:calendar\s+|working\s+|business\s+)?(?P<u>days?|weeks?|months?|years?)\s+(?:of|from|after|following)\s+(?P<ev>(?:the\s+)?(?:date\s+of\s+(?:the\s+)?)?(?:signing|signature|entry\s+into\s+force|[\p{{L}}’'-]+)(?:\s+(?:of|into)\s+(?:this|the|these|that)\s+[\p{{L}}’'-]+)?)"
    )
);
regex!(
    DEADLINE_FR,
    format!(
        r"(?i)(?-u:\b)(?:dans\s+un\s+d[ée]lai(?:\s+(?:maximum|maximal))?\s+de|dans\s+les|au\s+plus\s+tard|d[’']ici|sous)\s+(?P<n>{FR_NUMBER})(?:\s*\(\d{{1,3}}\))?\s+(?P<u>jours?|semaines?|mois|ans|ann[ée]es?)\s+(?:à\s+compter\s+de|à\s+partir\s+de|suivant|qui\s+suivent|après)\s+(?P<ev>(?:la\s+|l[’']|le\s+)?(?:date\s+de\s+(?:la\s+|l[’'])?)?(?:signature|entr[ée]e\s+en\s+vigueur|[\p{{L}}’'-]+)(?:\s+(?:de|du)\s+(?:la\s+présente|le\s+présent|cette|ce|la|le)\s+[\p{{L}}’'-]+)?)"
    )
);
regex!(
    RECURRING_EN,
    r"(?i)(?-u:\b)(?:(?:at\s+least\s+)?(?P<k>once|twice|three\s+times|four\s+times)\s+(?:a|per|each|every)\s+(?P<ku>year|month|quarter)|(?:every|each)\s+(?:(?P<en>two|three|four|five|\d)\s+)?(?P<eu>years?|months?)|(?P<adv>annually|yearly|biennially|semi-annually|biannually|quarterly|monthly)|(?P<adj>annual|yearly|biennial|semi-annual|quarterly|monthly)\s+(?:[^\s;,]+\s+){0,6}?(?:meetings?|summits?|dialogues?|consultations?|sessions?|conferences?|forums?|fora|talks|reviews?|reports?|exchanges?|gatherings?|ministerials?|councils?|commissions?))(?-u:\b)"
);
regex!(
    RECURRING_FR,
    r"(?i)(?-u:\b)(?:(?:au\s+moins\s+)?(?P<k>une|deux|trois|quatre)\s+fois\s+par\s+(?P<ku>année|an|mois|trimestre|semestre)|(?:chaque|tous\s+les)\s+(?:(?P<en>deux|trois|quatre|cinq|\d)\s+)?(?P<eu>années?|ans|mois)|(?P<adv>annuellement|semestriellement|trimestriellement|mensuellement)|(?:réunions?|sommets?|dialogues?|consultations?|sessions?|conférences?|forums?|rapports?|rencontres?|examens?)\s+(?:[^\s.;]+\s+){0,3}?(?P<adj>annuel(?:le)?s?|semestriel(?:le)?s?|biennal(?:e|es)?|biennaux|trimestriel(?:le)?s?|mensuel(?:le)?s?))"
);
regex!(
    MUTUAL,
    r"(?i)(?-u:\b)(?:(?:by|through|upon|on|with)\s+mutual\s+(?:agreement|consent|accord)|mutually\s+(?:agreed|determined|decided)|(?:as|when)\s+(?:jointly|mutually)\s+(?:agreed|decided|determined)|jointly\s+(?:agreed|decided|determined)|by\s+common\s+(?:accord|agreement)|d[’']un\s+commun\s+accord|de\s+commun\s+accord|par\s+consentement\s+mutuel|mutuellement\s+(?:convenu|déterminé|décidé|agréé)e?s?|d[’']accord\s+entre\s+les\s+parties|conjointement\s+(?:convenu|décidé)e?s?)"
);
regex!(
    INTENT,
    r"(?i)\b(?:will|shall|intends?|intended|plans?\s+to|planning\s+to|commit(?:s|ted)?\s+to|commits|agreed?\s+to|agrees\s+to|decided?\s+to|decides\s+to|resolved?\s+to|pledged?|pledges|undertakes?\s+to|aims?\s+to|seeks?\s+to|should|must|are\s+to|is\s+to|look\s+forward\s+to|entend\w*|s[’']engag\w*|convien\w*|décid\w*|doiv\w*|devr\w*|réuni\w*ont|tiendr\w*|organiser\w*|prévoi\w*|vont|souhait\w*)\b"
);
regex!(PAST, r"(?i)^\s*\(?\s*(?:held\s+)?(?:since|depuis)\b");

fn number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    Some(match w.as_str() {
        "a" | "an" | "one" | "un" | "une" => 1,
        "two" | "deux" => 2,
        "three" | "trois" => 3,
        "four" | "quatre" => 4,
        "five" | "cinq" => 5,
        "six" => 6,
        "seven" | "sept" => 7,
        "eight" | "huit" => 8,
        "nine" | "neuf" => 9,
        "ten" | "dix" => 10,
        "eleven" | "onze" => 11,
        "twelve" | "douze" => 12,
        "fifteen" | "quinze" => 15,
        "eighteen" | "dix-huit" => 18,
        "twenty" | "vingt" => 20,
        "twenty-four" => 24,
        "thirty" | "trente" => 30,
        "forty-five" | "quarante-cinq" => 45,
        "sixty" | "soixante" => 60,
        "ninety" | "quatre-vingt-dix" => 90,
        _ => return w.parse().ok(),
    })
}

/// `P3M` from "three" and "months".
fn duration(n: u32, unit: &str) -> Option<String> {
    let u = unit.to_lowercase();
    let letter = if u.starts_with("day") || u.starts_with("jour") {
        'D'
    } else if u.starts_with("week") || u.starts_with("semaine") {
        'W'
    } else if u.starts_with("month") || u == "mois" {
        'M'
    } else if u.starts_with("year") || u.starts_with("an") {
        'Y'
    } else {
        return None;
    };
    Some(format!("P{n}{letter}"))
}

/// The event a period runs from.
fn event(text: &str) -> &'static str {
    let t = text.to_lowercase();
    if t.contains("sign") {
        "signature"
    } else if t.contains("entry into force") || t.contains("vigueur") || t.contains("effective") {
        "entry_into_force"
    } else if t.contains("adopt") {
        "adoption"
    } else if t.contains("ratif") {
        "ratification"
    } else if t.contains("establish") || t.contains("création") || t.contains("creation") {
        "establishment"
    } else {
        "other"
    }
}

/// ISO 8601 period of a recurring phrase.
fn period(c: &regex::Captures<'_>) -> Option<String> {
    if let Some(k) = c.name("k") {
        let times = match k.as_str().to_lowercase().as_str() {
            "once" | "une" => 1,
            "twice" | "deux" => 2,
            s if s.starts_with("three") || s == "trois" => 3,
            _ => 4,
        };
        let months = match c.name("ku")?.as_str().to_lowercase().as_str() {
            "year" | "an" | "année" => 12,
            "month" | "mois" => 1,
            "quarter" | "trimestre" => 3,
            "semestre" => 6,
            _ => return None,
        };
        let every = months / times;
        return Some(if every % 12 == 0 {
            format!("P{}Y", every / 12)
        } else {
            format!("P{every}M")
        });
    }
    if let Some(u) = c.name("eu") {
        let n = c.name("en").and_then(|m| number(m.as_str())).unwrap_or(1);
        return duration(n, u.as_str());
    }
    let word = c
        .name("adv")
        .or_else(|| c.name("adj"))?
        .as_str()
        .to_lowercase();
    Some(
        if word.starts_with("semi")
            || word.starts_with("biannual")
            || word.starts_with("semestriel")
        {
            "P6M"
        } else if word.starts_with("bienn") {
            "P2Y"
        } else if word.starts_with("quarter") || word.starts_with("trimestriel") {
            "P3M"
        } else if word.starts_with("month") || word.starts_with("mensuel") {
            "P1M"
        } else {
            "P1Y"
        }
        .to_owned(),
    )
}

/// Reads the obligations of one provision. `lower` is its text in ASCII
/// lowercase, `source` the whole source text; `line_of` gives the line of a
/// source offset.
pub(crate) fn read(
    provision: &str,
    text: &Mapped,
    lower: &str,
    source: &str,
    line_of: &dyn Fn(usize) -> u32,
    out: &mut Vec<Obligation>,
) {
    let t = text.text.as_str();
    // Most provisions set no obligation: a look for the key words first
    // spares them the regular expressions.
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    let mut found: Vec<(usize, usize, ObligationKind)> = Vec::new();
    let deadline = has(&[
        "within",
        "later than",
        "délai",
        "delai",
        "dans les",
        "plus tard",
        "d’ici",
        "d'ici",
        "sous ",
    ]);
    let recurring = has(&[
        "once", "twice", "times", "every", "each", "annual", "yearly", "bienn", "quarter",
        "monthly", "fois", "chaque", "tous les", "annuel", "semestr", "trimestr", "mensuel",
    ]);
    let mutual = has(&[
        "mutual",
        "mutuel",
        "jointly",
        "common",
        "commun",
        "consentement",
        "accord entre",
        "conjointement",
    ]);
    for re in [&*DEADLINE_EN, &*DEADLINE_FR]
        .into_iter()
        .filter(|_| deadline)
    {
        for c in re.captures_iter(t) {
            let (Some(m), Some(n), Some(u), Some(ev)) =
                (c.get(0), c.name("n"), c.name("u"), c.name("ev"))
            else {
                continue;
            };
            let Some(within) = number(n.as_str()).and_then(|n| duration(n, u.as_str())) else {
                continue;
            };
            let from_text = ev.as_str().to_owned();
            let kind = ObligationKind::Deadline {
                within,
                from: event(ev.as_str()).to_owned(),
                from_text,
                due: None,
            };
            found.push((m.start(), m.end(), kind));
        }
    }
    for re in [&*RECURRING_EN, &*RECURRING_FR]
        .into_iter()
        .filter(|_| recurring)
    {
        for c in re.captures_iter(t) {
            let Some(m) = c.get(0) else { continue };
            let Some(every) = period(&c) else { continue };
            let (s, e) = sentence_around(t, m.start(), m.end());
            let sentence = &t[s..e];
            if PAST.is_match(&t[m.end()..crate::structure::floor_boundary(t, m.end() + 40)]) {
                continue;
            }
            if !INTENT.is_match(sentence) {
                continue;
            }
            let opened = t[s..m.start()].matches('(').count();
            let closed = t[s..m.start()].matches(')').count();
            if c.name("adj").is_some() && opened > closed {
                continue;
            }
            found.push((m.start(), m.end(), ObligationKind::Recurring { every }));
        }
    }
    for m in MUTUAL.find_iter(if mutual { t } else { "" }) {
        found.push((m.start(), m.end(), ObligationKind::MutualAgreement));
    }
    found.sort_by_key(|f| f.0);
    let mut last_end: Vec<(std::mem::Discriminant<ObligationKind>, usize)> = Vec::new();
    for (a, b, kind) in found {
        let d = std::mem::discriminant(&kind);
        if last_end.iter().any(|&(k, end)| k == d && a < end) {
            continue;
        }
        last_end.retain(|&(k, _)| k != d);
        last_end.push((d, b));
        let (s, e) = sentence_around(t, a, b);
        let (Some(quote), Some(trigger)) = (
            source_slice(text, source, s, e),
            source_slice(text, source, a, b),
        ) else {
            continue;
        };
        let line = text
            .source_range(s, e)
            .map_or(0, |(start, _)| line_of(start));
        out.push(Obligation {
            kind,
            provision: provision.to_owned(),
            quote: quote.to_owned(),
            trigger: trigger.to_owned(),
            line,
        });
    }
}

/// The exact source bytes behind `a..b` of the provision's text.
pub(crate) fn source_slice<'s>(
    text: &Mapped,
    source: &'s str,
    a: usize,
    b: usize,
) -> Option<&'s str> {
    let (s, e) = text.source_range(a, b)?;
    source.get(s..e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::clean_line;

    fn check(text: &str, want: &[&str]) {
        let m = clean_line(text, 0);
        let mut out = Vec::new();
        read(
            "X",
            &m,
            &m.text.to_ascii_lowercase(),
            text,
            &|_| 1,
            &mut out,
        );
        let got: Vec<String> = out
            .iter()
            .map(|o| match &o.kind {
                ObligationKind::Deadline { within, from, .. } => {
                    format!("deadline {within} {from}")
                }
                ObligationKind::Recurring { every } => format!("recurring {every}"),
                ObligationKind::MutualAgreement => "mutual".to_owned(),
            })
            .collect();
        assert_eq!(got, want, "{text}");
        for o in &out {
            assert!(text.contains(&o.quote) && o.quote.contains(&o.trigger));
        }
    }

    #[test]
    fn deadlines() {
        check(
            "Within three months of the signing of this Charter, the groups intend to agree.",
            &["deadline P3M signature"],
        );
        check(
            "and determine, within six months of entry into force of the Agreement whether",
            &["deadline P6M entry_into_force"],
        );
        check(
            "Dans un délai de trois mois à compter de la signature de la présente Charte, les groupes entendent arrêter.",
            &["deadline P3M signature"],
        );
        check(
            "no later than 30 days after adoption.",
            &["deadline P30D adoption"],
        );
    }

    #[test]
    fn recurring_acts_look_forward() {
        check(
            "The parties intend to meet regularly, at least once a year.",
            &["recurring P1Y"],
        );
        check(
            "Elles entendent se réunir au moins une fois par an.",
            &["recurring P1Y"],
        );
        check(
            "and intend to establish an annual dialogue between the Ministers.",
            &["recurring P1Y"],
        );
        check(
            "we have enhanced our dialogue through annual leaders’ meetings (since 2009); annual summits (since 2013);",
            &[],
        );
        check("The Commission will meet twice a year.", &["recurring P6M"]);
        check(
            "The Council shall meet annually and every two years at summit level.",
            &["recurring P1Y", "recurring P2Y"],
        );
        check(
            "Les parties entendent tenir chaque année une réunion.",
            &["recurring P1Y"],
        );
        check(
            "The United States intends to hold annual consultations.",
            &["recurring P1Y"],
        );
        check(
            "Large and Persistent Annual United States Goods Trade Deficits will grow.",
            &[],
        );
        check("The annual summit was held in Hanoi.", &[]);
    }

    #[test]
    fn mutual_agreement() {
        check(
            "et peuvent créer, selon les besoins et d’un commun accord, d’autres plateformes",
            &["mutual"],
        );
        check("through mutually agreed mechanisms", &["mutual"]);
        check(
            "Elles entendent se réunir au moins une fois par an, et peuvent créer d’un commun accord",
            &["recurring P1Y", "mutual"],
        );
    }
}
