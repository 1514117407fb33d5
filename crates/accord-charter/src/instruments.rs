//! Instruments the charter relies on: a memorandum, a declaration, an
//! agreement, with the date (ISO 8601) and place it was signed or adopted.
//!
//! An instrument is a titled document ("the Memorandum of Understanding …",
//! "la Déclaration du Sommet de la paix de Washington") tied to a full date by
//! a link ("signed on", "signé le", "of", "du", "adopted … on"). A date tied
//! to anything else (a meeting, a request) is not an instrument.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Instrument;
use crate::sentence::sentence_around;
use crate::structure::floor_boundary;
use crate::text::Mapped;

macro_rules! regex {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($re).expect("valid regex"));
    };
}

regex!(
    DATE,
    r"(?i)(?-u:\b)(?:(?P<fd>1er|\d{1,2})\s+(?P<fm>janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)\s+(?P<fy>\d{4})|(?P<em>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?P<ed>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<ey>\d{4})|(?P<dd>\d{1,2})(?:st|nd|rd|th)?\s+(?:day\s+of\s+(?:the\s+)?)?(?P<dm>January|February|March|April|May|June|July|August|September|October|November|December),?\s+(?P<dy>\d{4})|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))(?-u:\b)"
);
regex!(
    LINK_OF,
    r"(?i)(?:\s+of|\s+du|\s+dated|\s+en\s+date\s+du)\s*$"
);
regex!(
    LINK_SIGNED,
    r"(?i),?\s+(?:which\s+was\s+|qui\s+a\s+été\s+)?(?:signed|sign[ée]e?s?|adopted|adopt[ée]e?s?|done|fait|concluded|conclue?s?|issued|approved|approuv[ée]e?s?)(?P<mid>[^;\d]{0,160}?)\s+(?:on|le|of|du)\s*$"
);
regex!(
    KEYWORD,
    r"\b(?:Memorandum|Mémorandum|MOU|MoU|Declaration|Déclaration|Agreement|Accord|Treaty|Traité|Charter|Charte|Protocol|Protocole|Convention|Statement|Communiqué|Communique|Arrangement|Executive Order|Proclamation|Resolution|Résolution|Framework|Joint Vision)\b"
);
regex!(
    PLACE_AFTER,
    r"^\s*,?\s*(?:in|at|à)\s+(?P<p>[A-Z][\p{L}’'.-]*(?:(?:\s+|,\s*|-)(?:[A-Z][\p{L}’'.-]*|\([^)]{1,20}\)|of|de|du))*)"
);
regex!(
    PLACE_IN,
    r"\b(?:in|at|à)\s+(?P<p>[A-Z][\p{L}’'.-]*(?:(?:\s+|,\s*|-)(?:[A-Z][\p{L}’'.-]*|\([^)]{1,20}\)|of|de|du))*)"
);

/// Month number from its English or French name.
fn month(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let m = match n.as_str() {
        "january" | "janvier" => 1,
        "february" | "février" | "fevrier" => 2,
        "march" | "mars" => 3,
        "april" | "avril" => 4,
        "may" | "mai" => 5,
        "june" | "juin" => 6,
        "july" | "juillet" => 7,
        "august" | "août" | "aout" => 8,
        "september" | "septembre" => 9,
        "october" | "octobre" => 10,
        "november" | "novembre" => 11,
        "december" | "décembre" | "decembre" => 12,
        _ => return None,
    };
    Some(m)
}

/// The ISO 8601 date of a `DATE` match, if it is a real calendar date.
fn iso(c: &regex::Captures<'_>) -> Option<String> {
    let get = |n: &str| c.name(n).map(|m| m.as_str());
    let (y, m, d) = if let Some(y) = get("fy") {
        (y, month(get("fm")?)?, get("fd")?.trim_end_matches("er"))
    } else if let Some(y) = get("ey") {
        (y, month(get("em")?)?, get("ed")?)
    } else if let Some(y) = get("dy") {
        (y, month(get("dm")?)?, get("dd")?)
    } else {
        (get("iy")?, get("im")?.parse().ok()?, get("id")?)
    };
    let (y, d): (i32, u32) = (y.parse().ok()?, d.parse().ok()?);
    (d >= 1 && d <= crate::date::days_in_month(y, m)?).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The first full date in `t` and where it is.
pub(crate) fn first_date(t: &str) -> Option<(usize, usize, String)> {
    DATE.captures_iter(t).find_map(|c| {
        let m = c.get(0)?;
        iso(&c).map(|d| (m.start(), m.end(), d))
    })
}

/// A place after "in", "at" or "à", without a sentence's final full stop.
fn place(p: &str) -> String {
    let mut p = p.trim().trim_end_matches([',', ' ']);
    for tail in [" of", " de", " du"] {
        p = p.strip_suffix(tail).unwrap_or(p);
    }
    let last = p.rsplit(' ').next().unwrap_or("");
    if p.ends_with('.') && last.matches('.').count() == 1 {
        p = &p[..p.len() - 1];
    }
    p.trim_end_matches([',', ' ']).to_owned()
}

/// The place named in `t` after "in", "at" or "à" (the last one).
pub(crate) fn place_in(t: &str) -> Option<String> {
    PLACE_IN
        .captures_iter(t)
        .last()
        .and_then(|c| c.name("p"))
        .map(|m| place(m.as_str()))
}

/// Instruments already read, by title and date: each is listed once.
pub(crate) type Seen = std::collections::HashSet<(String, String)>;

/// Reads the instruments one provision names.
pub(crate) fn read(provision: &str, text: &Mapped, out: &mut Vec<Instrument>, seen: &mut Seen) {
    let t = text.text.as_str();
    // A date has digits: most provisions have none.
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    for c in DATE.captures_iter(t) {
        let (Some(m), Some(date)) = (c.get(0), iso(&c)) else {
            continue;
        };
        // The sentence the date belongs to, at most 600 bytes of it.
        let (sentence_start, _) = sentence_around(t, m.start(), m.end());
        let lo = floor_boundary(t, m.start().saturating_sub(600)).max(sentence_start);
        let window = &t[lo..m.start()];
        // "… of 8 August", "… du 8 août" first: the shortest link wins.
        let (link_start, mid) = if let Some(l) = LINK_OF.find(window) {
            (l.start(), None)
        } else if let Some(l) = LINK_SIGNED.captures(window) {
            let Some(all) = l.get(0) else { continue };
            (all.start(), l.name("mid").map(|m| m.as_str()))
        } else {
            continue;
        };
        let region = &window[..link_start];
        // The last titled document in the region that is named definitely
        // ("the Memorandum", not "a Strategic Partnership Charter").
        let Some(start) = KEYWORD
            .find_iter(region)
            .map(|k| walk_back(region, k.start()))
            .filter(|&start| definite(&region[..start]))
            .last()
        else {
            continue;
        };
        let title = region[start..].trim().trim_end_matches([',', ' ']);
        if title.is_empty() || title.chars().count() > 400 {
            continue;
        }
        let mut where_ = mid.and_then(place_in);
        if where_.is_none()
            && let Some(p) = PLACE_AFTER
                .captures(&t[m.end()..])
                .and_then(|c| c.name("p"))
        {
            where_ = Some(place(p.as_str()));
        }
        if !seen.insert((title.to_owned(), date.clone())) {
            continue;
        }
        out.push(Instrument {
            title: title.to_owned(),
            date: Some(date),
            place: where_,
            provision: provision.to_owned(),
        });
    }
}

/// Whether the words before a keyword name it definitely (not "a", "une").
fn definite(before: &str) -> bool {
    let prev = before
        .trim_end()
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .to_lowercase();
    !matches!(
        prev.as_str(),
        "a" | "an" | "un" | "une" | "any" | "another" | "new" | "nouvelle" | "nouveau"
    )
}

/// Includes capitalised words before the keyword ("Washington Peace Summit
/// Declaration", "Trade and Investment Framework Agreement").
fn walk_back(region: &str, mut start: usize) -> usize {
    loop {
        let before = region[..start].trim_end();
        if before.is_empty() {
            return start;
        }
        let word_start = before.rfind(' ').map_or(0, |p| p + 1);
        let word = &before[word_start..];
        let capital = word.starts_with(|c: char| c.is_uppercase() || c.is_numeric());
        let connector = matches!(word, "and" | "et")
            && before[..word_start]
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.starts_with(char::is_uppercase));
        if !(capital || connector) {
            return start;
        }
        start = word_start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::clean_line;

    fn check(text: &str, want: &[(&str, &str, Option<&str>)]) {
        let mut out = Vec::new();
        read("X", &clean_line(text, 0), &mut out, &mut Seen::new());
        let got: Vec<(String, String, Option<String>)> = out
            .into_iter()
            .map(|i| (i.title, i.date.unwrap_or_default(), i.place))
            .collect();
        let want: Vec<(String, String, Option<String>)> = want
            .iter()
            .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), c.map(str::to_owned)))
            .collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn instruments_with_dates_and_places() {
        check(
            "Se fondent sur le Mémorandum d’entente entre le Gouvernement de la République d’Azerbaïdjan et le Gouvernement des États-Unis d’Amérique relatif à la création d’un Groupe de travail chargé d’élaborer une Charte de partenariat stratégique, signé le 8 août 2025 à Washington (D.C.) ;",
            &[(
                "Mémorandum d’entente entre le Gouvernement de la République d’Azerbaïdjan et le Gouvernement des États-Unis d’Amérique relatif à la création d’un Groupe de travail chargé d’élaborer une Charte de partenariat stratégique",
                "2025-08-08",
                Some("Washington (D.C.)"),
            )],
        );
        check(
            "conformément à la Déclaration du Sommet de la paix de Washington du 8 août 2025.",
            &[(
                "Déclaration du Sommet de la paix de Washington",
                "2025-08-08",
                None,
            )],
        );
        check(
            "REAFFIRMING the goals enumerated in the Joint Vision Statement of the ASEAN-U.S. Special Summit, adopted by the Leaders of ASEAN and the United States in Washington, D.C. on May 12, 2022;",
            &[(
                "Joint Vision Statement of the ASEAN-U.S. Special Summit",
                "2022-05-12",
                Some("Washington, D.C."),
            )],
        );
        check(
            "officially requested the review of its status on September 8, 2023.",
            &[],
        );
        check(
            "negotiations, launched by President Donald J. Trump and Prime Minister Narendra Modi on February 13, 2025, which",
            &[],
        );
        check(
            "based on the Memorandum of Understanding signed on 8 August 2025 in Washington, D.C.;",
            &[(
                "Memorandum of Understanding",
                "2025-08-08",
                Some("Washington, D.C."),
            )],
        );
    }
}
