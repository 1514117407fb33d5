//! What a person typed in a form, kept to fill the form again after a
//! refusal, and read into the values the use cases take: content per
//! language (`{field}-az`, `{field}-en`, `{field}-fr` side by side), dates,
//! lists of ids; and the pieces forms share (a text in each language,
//! a choice in a list).

use accord_domain::model::Texts;
use jiff::civil::Date;

use crate::WebError;

/// The languages a form offers side by side, in the order shown.
pub const LANGUAGES: [&str; 3] = ["az", "en", "fr"];

/// A form's fields, in the order they came.
#[derive(Debug, Clone, Default)]
pub struct Typed(pub Vec<(String, String)>);

impl Typed {
    /// The last value of `name`, or empty.
    pub fn value(&self, name: &str) -> &str {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name` (ticked boxes, multiple choices).
    pub fn values(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Whether `name` holds `value` (a box ticked, a choice selected).
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && v == value)
    }

    /// The texts of `field` in each language typed (blank ones left out).
    pub fn texts(&self, field: &str) -> Texts {
        LANGUAGES
            .iter()
            .map(|l| (l.to_string(), self.value(&format!("{field}-{l}")).trim()))
            .filter(|(_, t)| !t.is_empty())
            .map(|(l, t)| (l, t.to_owned()))
            .collect()
    }

    /// The date in `name`, or a refusal naming it.
    pub fn date(&self, name: &str) -> Result<Date, WebError> {
        let value = self.value(name).trim();
        value.parse().map_err(|_| {
            WebError::bad_request(
                "invalid",
                format!("{name}: {value:?} is not a date such as 2026-10-01"),
            )
        })
    }

    /// The ids in `name`, separated by commas or spaces.
    pub fn ids<T: for<'a> From<&'a str>>(&self, name: &str) -> Vec<T> {
        self.value(name)
            .split([',', ' ', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(T::from)
            .collect()
    }
}

/// One text field in each language, side by side.
#[derive(Debug, Clone)]
pub struct TextsField {
    /// The field's name; each language's input is `{name}-{language}`.
    pub name: String,
    pub values: Vec<(&'static str, String)>,
}

impl TextsField {
    /// The field `name` as `typed` holds it.
    pub fn new(name: impl Into<String>, typed: &Typed) -> TextsField {
        let name = name.into();
        let values = LANGUAGES
            .iter()
            .map(|l| (*l, typed.value(&format!("{name}-{l}")).to_owned()))
            .collect();
        TextsField { name, values }
    }
}

/// A choice in a list (a group, a person, a kind).
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub chosen: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_texts_dates_and_ids_from_a_form() {
        let typed = Typed(
            [
                ("title-az", "İcmal"),
                ("title-en", " Review "),
                ("title-fr", ""),
                ("date", "2026-10-01"),
                ("provisions", "I.1, II.4 III.2"),
                ("who", "a"),
                ("who", "b"),
            ]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        );
        let texts = typed.texts("title");
        assert_eq!(texts.len(), 2);
        assert_eq!(texts["en"], "Review");
        assert_eq!(typed.date("date").unwrap(), jiff::civil::date(2026, 10, 1));
        assert!(typed.date("nothing").is_err());
        let ids: Vec<accord_domain::ids::ProvisionId> = typed.ids("provisions");
        assert_eq!(ids.len(), 3);
        assert_eq!(typed.values("who"), ["a", "b"]);
        assert!(typed.has("who", "b"));
    }
}
