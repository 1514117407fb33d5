//! Content held per language: a meeting's title, its agenda, minutes and
//! decisions, a dialogue platform's name and purpose. Each party writes in
//! its own language (`az`, `en`, `fr`); mutual agreement covers every
//! language version of the content, since all of them are in its hash.
//!
//! Entries written before content was held per language carry a plain
//! string; it is read as the text of an undetermined language (`und`, as
//! BCP 47 spells it), never rewritten.

use serde::{Deserialize, Deserializer};

use crate::model::Texts;

/// The language code of a text whose language is not known (BCP 47).
pub const UNDETERMINED: &str = "und";

/// Reads texts recorded either as one plain string (older entries) or as
/// an object keyed by language.
pub fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Texts, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Texts),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(text) => single(UNDETERMINED, text),
        OneOrMany::Many(texts) => texts,
    })
}

/// Texts holding one text in `language`.
pub fn single(language: &str, text: impl Into<String>) -> Texts {
    [(language.to_owned(), text.into())].into_iter().collect()
}

/// The text to show a reader of `language`: theirs when it exists, else
/// the first other one, with the language it is in.
pub fn in_language<'a>(texts: &'a Texts, language: &str) -> Option<(&'a str, &'a str)> {
    texts
        .get_key_value(language)
        .or_else(|| texts.iter().next())
        .map(|(l, t)| (l.as_str(), t.as_str()))
}

/// The text in `language`, else any other; empty when there is none.
pub fn text_in<'a>(texts: &'a Texts, language: &str) -> &'a str {
    in_language(texts, language).map_or("", |(_, t)| t)
}

/// Whether `code` may key a text: two or three lowercase ASCII letters
/// (ISO 639), or `und`.
pub fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// Whether `text` holds what a browser would read as markup: an HTML tag,
/// comment or declaration (`<b>`, `</p>`, `<!--`, `<?xml`).
pub fn has_markup(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_string_from_an_older_entry_reads_as_undetermined() {
        #[derive(Deserialize)]
        struct Holder {
            #[serde(deserialize_with = "one_or_many")]
            text: Texts,
        }
        let old: Holder = serde_json::from_str(r#"{"text": "The parties met."}"#).unwrap();
        assert_eq!(old.text, single("und", "The parties met."));
        let new: Holder =
            serde_json::from_str(r#"{"text": {"az": "Tərəflər görüşdü.", "en": "Met."}}"#).unwrap();
        assert_eq!(new.text.len(), 2);
    }

    #[test]
    fn a_reader_gets_their_language_else_another() {
        let texts: Texts = [("az", "Salam"), ("en", "Hello")]
            .into_iter()
            .map(|(l, t)| (l.to_owned(), t.to_owned()))
            .collect();
        assert_eq!(in_language(&texts, "en"), Some(("en", "Hello")));
        assert_eq!(in_language(&texts, "fr"), Some(("az", "Salam")));
        assert_eq!(in_language(&Texts::new(), "fr"), None);
    }

    #[test]
    fn markup_is_told_from_comparisons() {
        assert!(has_markup("<script>alert(1)</script>"));
        assert!(has_markup("a </p> b"));
        assert!(has_markup("<!-- x -->"));
        assert!(!has_markup("growth < 5 % and > 2 %"));
        assert!(!has_markup("x<5"));
    }

    #[test]
    fn language_codes() {
        assert!(is_language_code("az"));
        assert!(is_language_code("und"));
        assert!(!is_language_code("EN"));
        assert!(!is_language_code("english"));
        assert!(!is_language_code(""));
    }
}
