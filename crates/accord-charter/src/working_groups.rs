//! Working groups the text sets up: "establish working groups in the areas
//! of cooperation, including economy and trade, energy, …", "établir des
//! groupes de travail …, notamment l’économie et le commerce, …", or one
//! "Working Group on Energy Security".
//!
//! A group counts only where the sentence sets groups up (establish, create,
//! set up, établir, créer…): a "Working Group to draft a Charter" mentioned in
//! passing, or "the relevant working groups intend…", is not a new group.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::sentence::sentence_around;
use crate::text::Mapped;

macro_rules! regex {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($re).expect("valid regex"));
    };
}

regex!(
    GROUPS,
    r"(?i)\b(?:working\s+groups|groupes\s+de\s+travail)\b"
);
regex!(
    ONE_GROUP,
    r"(?i)\b(?:working\s+group|groupe\s+de\s+travail)\s+(?:on|for|sur|pour)\s+(?P<x>[^,;.()]{2,80}?)(?:\s+(?:to|that|which|chargé|qui|afin)\b|[,;.()]|$)"
);
regex!(
    LIST_START,
    r"(?i)\b(?:notamment|including|such\s+as|in\s+particular|namely|notably|en\s+particulier|à\s+savoir|tels?\s+que|telles\s+que)\b\s*|:\s*"
);
regex!(
    SET_UP,
    r"(?i)\b(?:establish\w*|creat\w*|set\s+up|setting\s+up|form|forming|launch\w*|convene|établi\w*|créer|créent|crée|création|mettre\s+en\s+place|mettent\s+en\s+place|constitu\w*|institu\w*)\b"
);
regex!(
    LIST_END,
    r"(?i),\s+(?:which|that|who|qui|lesquels|lesquelles|afin|in\s+order|to\s+)|\s+in\s+order\s+to\b"
);

/// A working group as found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub label: String,
}

/// Reads the working groups one provision sets up (`lower`: its text in
/// ASCII lowercase).
pub(crate) fn read(text: &Mapped, lower: &str) -> Vec<Found> {
    let t = text.text.as_str();
    let mut out = Vec::new();
    if !(lower.contains("working group")
        || lower.contains("groupe de travail")
        || lower.contains("groupes de travail"))
    {
        return out;
    }
    for m in GROUPS.find_iter(t) {
        let (s, e) = sentence_around(t, m.start(), m.end());
        if !SET_UP.is_match(&t[s..m.start()]) {
            continue;
        }
        let rest = &t[m.end()..e];
        // "working groups on trade, investment and energy", or a list after
        // "including", "notamment", a colon.
        let list_start = match rest
            .strip_prefix(" on ")
            .or_else(|| rest.strip_prefix(" sur "))
        {
            Some(after) => rest.len() - after.len(),
            None => match LIST_START.find(rest) {
                Some(start) => start.end(),
                None => continue,
            },
        };
        let mut list = &rest[list_start..];
        if let Some(end) = LIST_END.find(list) {
            list = &list[..end.start()];
        }
        let list = list.trim_end_matches(['.', ';', ' ', ':']);
        let mut items: Vec<&str> = list
            .split([',', ';'])
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .collect();
        // "trade, investment and energy security": without a comma before
        // the last "and", the last item holds two areas, unless the items
        // themselves are joined with "and" ("economy and trade, energy").
        if let Some((last, others)) = items.split_last()
            && !others.is_empty()
            && !["and ", "et ", "as well as ", "ainsi que ", "or ", "ou "]
                .iter()
                .any(|c| last.starts_with(c))
            && others
                .iter()
                .all(|o| !o.contains(" and ") && !o.contains(" et "))
            && let Some(cut) = last.rfind(" and ").or_else(|| last.rfind(" et "))
        {
            let (a, b) = (&last[..cut], &last[cut..]);
            items.pop();
            items.push(a);
            items.push(b.trim());
        }
        for item in items {
            let label = strip_leading(item);
            if !label.is_empty() && label.split_whitespace().count() <= 10 {
                out.push(Found {
                    label: label.to_owned(),
                });
            }
        }
    }
    for c in ONE_GROUP.captures_iter(t) {
        let (Some(m), Some(x)) = (c.get(0), c.name("x")) else {
            continue;
        };
        let (s, _) = sentence_around(t, m.start(), m.end());
        if SET_UP.is_match(&t[s..m.start()]) {
            let label = strip_leading(x.as_str().trim());
            if !label.is_empty() {
                out.push(Found {
                    label: label.to_owned(),
                });
            }
        }
    }
    out
}

/// Drops list connectors and articles before a label: "ainsi que la sécurité"
/// → "sécurité et la défense" keeps its inner words.
fn strip_leading(mut s: &str) -> &str {
    loop {
        let before = s;
        for p in [
            "and ",
            "et ",
            "as well as ",
            "ainsi que ",
            "or ",
            "ou ",
            "the ",
            "l’",
            "l'",
            "le ",
            "la ",
            "les ",
            "des ",
            "du ",
        ] {
            if s.len() >= p.len()
                && s.is_char_boundary(p.len())
                && s[..p.len()].eq_ignore_ascii_case(p)
            {
                s = s[p.len()..].trim_start();
            }
        }
        if s == before {
            return s;
        }
    }
}

/// Words that say nothing about a group's area.
const SLUG_STOPWORDS: &[&str] = &[
    "l", "le", "la", "les", "the", "and", "et", "of", "de", "des", "du", "d", "a", "an", "on",
    "for", "sur", "en",
];

/// The content words of a label, lowercase and without accents.
pub(crate) fn key_words(label: &str) -> Vec<String> {
    let folded: String = label
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !SLUG_STOPWORDS.contains(w))
        .map(str::to_owned)
        .collect()
}

/// "l’économie et le commerce" → "economie-commerce".
pub(crate) fn slug(label: &str) -> String {
    let words = key_words(label);
    let s: String = words
        .join("-")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if s.is_empty() { "group".to_owned() } else { s }
}

/// How well two labels name the same area, 0.0–1.0 (shared content words).
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (key_words(a), key_words(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.contains(w)).count();
    #[allow(clippy::cast_precision_loss)]
    let score = (2 * shared) as f64 / (a.len() + b.len()) as f64;
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::clean_line;

    fn check(text: &str, want: &[&str]) {
        let m = clean_line(text, 0);
        let got: Vec<String> = read(&m, &m.text.to_ascii_lowercase())
            .into_iter()
            .map(|f| f.label)
            .collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn lists_of_groups() {
        check(
            "Reconnaissant leur volonté, les parties peuvent établir des groupes de travail dans les domaines de coopération, notamment l’économie et le commerce, l’énergie, la connectivité, l’IA et le développement numérique, ainsi que la sécurité et la défense.",
            &[
                "économie et le commerce",
                "énergie",
                "connectivité",
                "IA et le développement numérique",
                "sécurité et la défense",
            ],
        );
        check(
            "The parties may establish working groups in areas of cooperation, including economy and trade, energy, connectivity, AI and digital development, and security and defense.",
            &[
                "economy and trade",
                "energy",
                "connectivity",
                "AI and digital development",
                "security and defense",
            ],
        );
        check(
            "Dans un délai de trois mois, les groupes de travail concernés entendent arrêter la liste.",
            &[],
        );
        check(
            "relatif à la création d’un Groupe de travail chargé d’élaborer une Charte",
            &[],
        );
        check(
            "The parties will establish a Working Group on Energy Security to meet yearly.",
            &["Energy Security"],
        );
        check(
            "The parties intend to establish working groups on trade, investment and energy security, which will report to the Commission.",
            &["trade", "investment", "energy security"],
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("l’économie et le commerce"), "economie-commerce");
        assert_eq!(slug("economy and trade"), "economy-trade");
        assert!(
            similarity(
                "IA et le développement numérique",
                "IA et développement numérique"
            ) > 0.99
        );
    }
}
