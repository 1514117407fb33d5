//! Which language a text is in: by script first (Cyrillic, Georgian,
//! Armenian, Arabic… are told apart by their letters), then for Latin script
//! by counting each language's most common short words. Good enough to read
//! English and French and to refuse the rest with the right name.

/// A language the detector knows: its ISO 639-1 code and English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    pub code: &'static str,
    pub name: &'static str,
}

/// The languages accord can read charters in.
pub const SUPPORTED: &[&str] = &["en", "fr"];

/// Words that are frequent in one language and rarer in the others.
const STOPWORDS: &[(&str, &str, &[&str])] = &[
    (
        "en",
        "English",
        &[
            "the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "as", "by", "this",
            "are", "be", "will", "their", "its", "which", "from", "have", "has", "our", "we", "it",
            "at", "an", "both", "other",
        ],
    ),
    (
        "fr",
        "French",
        &[
            "le",
            "la",
            "les",
            "des",
            "du",
            "et",
            "un",
            "une",
            "est",
            "dans",
            "pour",
            "par",
            "sur",
            "au",
            "aux",
            "que",
            "qui",
            "leur",
            "leurs",
            "ainsi",
            "avec",
            "sont",
            "cette",
            "ces",
            "entre",
            "ils",
            "il",
            "d",
            "l",
            "qu",
            "également",
            "présente",
        ],
    ),
    (
        "nl",
        "Dutch",
        &[
            "het",
            "een",
            "van",
            "en",
            "dat",
            "op",
            "te",
            "voor",
            "met",
            "zijn",
            "door",
            "aan",
            "bij",
            "worden",
            "wordt",
            "deze",
            "niet",
            "ook",
            "tussen",
            "partijen",
            "overeenkomst",
            "hun",
            "naar",
            "zij",
        ],
    ),
    (
        "de",
        "German",
        &[
            "der", "die", "das", "und", "zu", "den", "von", "mit", "sich", "des", "auf", "für",
            "ist", "im", "dem", "nicht", "ein", "eine", "werden", "auch", "zwischen", "wird",
            "sie",
        ],
    ),
    (
        "es",
        "Spanish",
        &[
            "el", "los", "las", "y", "del", "por", "con", "para", "una", "su", "sus", "al", "como",
            "se", "entre", "lo", "más", "estados", "gobierno",
        ],
    ),
    (
        "it",
        "Italian",
        &[
            "il", "di", "che", "per", "della", "dei", "delle", "con", "sono", "alla", "tra", "gli",
            "nel", "nella", "è", "degli", "governo",
        ],
    ),
    (
        "pt",
        "Portuguese",
        &[
            "o", "os", "do", "da", "dos", "das", "em", "para", "com", "um", "uma", "por", "no",
            "na", "não", "ao", "entre", "governo", "são",
        ],
    ),
    (
        "az",
        "Azerbaijani",
        &[
            "və",
            "bu",
            "ilə",
            "üçün",
            "olan",
            "də",
            "bir",
            "ki",
            "həm",
            "kimi",
            "tərəfindən",
            "arasında",
            "respublikası",
            "hökuməti",
            "sahəsində",
            "əməkdaşlıq",
        ],
    ),
    (
        "tr",
        "Turkish",
        &[
            "ve",
            "bir",
            "bu",
            "ile",
            "için",
            "olarak",
            "olan",
            "gibi",
            "daha",
            "arasında",
            "işbirliği",
            "hükümeti",
        ],
    ),
    (
        "pl",
        "Polish",
        &[
            "i",
            "w",
            "na",
            "z",
            "do",
            "się",
            "że",
            "nie",
            "jest",
            "oraz",
            "przez",
            "dla",
            "od",
            "rzeczypospolitej",
        ],
    ),
    (
        "id",
        "Indonesian",
        &[
            "dan", "yang", "di", "untuk", "dengan", "dari", "ini", "itu", "dalam", "akan", "pada",
            "kedua", "kerja",
        ],
    ),
];

/// Non-Latin scripts, told apart by their Unicode blocks.
const SCRIPTS: &[(u32, u32, &str, &str)] = &[
    (0x0370, 0x03FF, "el", "Greek"),
    (0x0400, 0x04FF, "ru", "Russian"),
    (0x0530, 0x058F, "hy", "Armenian"),
    (0x0590, 0x05FF, "he", "Hebrew"),
    (0x0600, 0x06FF, "ar", "Arabic"),
    (0x0900, 0x097F, "hi", "Hindi"),
    (0x0E00, 0x0E7F, "th", "Thai"),
    (0x10A0, 0x10FF, "ka", "Georgian"),
    (0x3040, 0x30FF, "ja", "Japanese"),
    (0x4E00, 0x9FFF, "zh", "Chinese"),
    (0xAC00, 0xD7AF, "ko", "Korean"),
];

/// How many words the detector reads at most: the start of a text is enough.
const SAMPLE_WORDS: usize = 20_000;

/// The language of `text`, or None when too few words are known to tell.
pub fn detect(text: &str) -> Option<Language> {
    // Count letters by script.
    let mut latin = 0usize;
    let mut script_counts = [0usize; SCRIPTS.len()];
    let mut ukrainian = 0usize;
    for c in text.chars().take(SAMPLE_WORDS * 6) {
        if c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) {
            latin += 1;
        } else if let Some(i) = SCRIPTS
            .iter()
            .position(|&(lo, hi, ..)| (lo..=hi).contains(&(c as u32)))
        {
            script_counts[i] += 1;
            if matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ') {
                ukrainian += 1;
            }
        }
    }
    let (best_script, &best_count) = script_counts.iter().enumerate().max_by_key(|&(_, n)| *n)?;
    if best_count > latin {
        let (_, _, code, name) = SCRIPTS[best_script];
        if code == "ru" && ukrainian * 50 > best_count {
            return Some(Language {
                code: "uk",
                name: "Ukrainian",
            });
        }
        return Some(Language { code, name });
    }

    let mut scores = [0usize; STOPWORDS.len()];
    let mut words = 0usize;
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(SAMPLE_WORDS)
    {
        words += 1;
        let lower = word.to_lowercase();
        for (i, (_, _, list)) in STOPWORDS.iter().enumerate() {
            if list.contains(&lower.as_str()) {
                scores[i] += 1;
            }
        }
    }
    // Letters only one language uses settle short texts.
    for c in text.chars().take(SAMPLE_WORDS * 6) {
        let bonus = match c {
            'é' | 'è' | 'ê' | 'à' | 'ç' | 'ù' | 'œ' | 'î' | 'ô' | 'â' => Some("fr"),
            'ə' | 'Ə' => Some("az"),
            'ı' | 'ğ' | 'ş' => Some("tr"),
            'ß' => Some("de"),
            'ñ' => Some("es"),
            'ã' | 'õ' => Some("pt"),
            'ł' | 'ż' | 'ś' | 'ą' | 'ę' => Some("pl"),
            _ => None,
        };
        if let Some(code) = bonus
            && let Some(i) = STOPWORDS.iter().position(|(c, ..)| *c == code)
        {
            scores[i] += 1;
        }
    }
    // Azerbaijani shares ı, ğ, ş with Turkish; ə settles it.
    let az = STOPWORDS.iter().position(|(c, ..)| *c == "az")?;
    let tr = STOPWORDS.iter().position(|(c, ..)| *c == "tr")?;
    if scores[az] > 0 && scores[tr] > 0 {
        scores[az] += scores[tr];
    }
    let (best, &score) = scores.iter().enumerate().max_by_key(|&(_, s)| *s)?;
    let second = scores
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != best)
        .map(|(_, s)| *s)
        .max()
        .unwrap_or(0);
    if score == 0 || score == second || (words >= 40 && score * 20 < words) {
        return None;
    }
    let (code, name, _) = STOPWORDS[best];
    Some(Language { code, name })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, want: Option<&str>) {
        assert_eq!(detect(text).map(|l| l.code), want, "{text}");
    }

    #[test]
    fn languages_are_told_apart() {
        check(
            "The United States of America and Georgia affirm the importance of their partnership.",
            Some("en"),
        );
        check(
            "Le Gouvernement de la République d’Azerbaïdjan et le Gouvernement des États-Unis :",
            Some("fr"),
        );
        check(
            "Section I : Connectivité régionale\n1. La République entend coopérer.",
            Some("fr"),
        );
        check(
            "Er wordt een partnerschap tot stand gebracht tussen de Gemeenschap en de Republiek.",
            Some("nl"),
        );
        check(
            "Azərbaycan Respublikası və Amerika Birləşmiş Ştatları arasında strateji tərəfdaşlıq",
            Some("az"),
        );
        check(
            "Die Regierung der Bundesrepublik und die Regierung der Vereinigten Staaten",
            Some("de"),
        );
        check(
            "Хартия о стратегическом партнерстве между Соединенными Штатами",
            Some("ru"),
        );
        check(
            "აშშ-საქართველოს სტრატეგიული პარტნიორობის ქარტია",
            Some("ka"),
        );
        check("12345 67890", None);
    }
}
