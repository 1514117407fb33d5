//! The interface's language: French, English or Azerbaijani.
//!
//! The user's choice wins (`?lang=xx` on any page, which the switcher's links
//! carry and which is remembered in a `lang` cookie), then the browser's
//! `Accept-Language`, then French, the charter's reference language. The
//! `negotiate` middleware decides once per request and leaves the answer in
//! the request's extensions, where handlers and the error pages find it.

use std::borrow::Cow;
use std::collections::HashMap;

use axum::extract::{FromRequestParts, Request};
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, COOKIE, SET_COOKIE, VARY};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader as _, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Bidi isolation marks around placeables would end up inside ids
        // and dates; every placeable here is left-to-right anyway.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The name of the cookie that remembers the user's choice.
pub const COOKIE_NAME: &str = "lang";
/// How long the choice is remembered: a year.
const COOKIE_MAX_AGE: u32 = 365 * 24 * 60 * 60;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
    Az,
}

impl Lang {
    /// Every language, in the order the switcher shows them.
    pub const ALL: [Lang; 3] = [Lang::Fr, Lang::En, Lang::Az];

    /// The BCP 47 tag, as `<html lang>` and the cookie carry it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
            Lang::Az => "az",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::En => "English",
            Lang::Az => "Azərbaycanca",
        }
    }

    /// A supported language from a tag such as `en`, `en-GB` or `AZ-Latn-AZ`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            "az" => Some(Lang::Az),
            _ => None,
        }
    }

    fn identifier(self) -> LanguageIdentifier {
        match self {
            Lang::Fr => langid!("fr"),
            Lang::En => langid!("en"),
            Lang::Az => langid!("az"),
        }
    }

    /// The translator for this language.
    pub fn tr(self) -> Tr {
        Tr { lang: self }
    }
}

/// Looks up the interface's messages in one language. Templates call it as
/// `tr.t("key")`, `tr.t1("key", "name", value)`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(&self.lang.identifier(), key)
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl Into<Arg>) -> String {
        self.with(key, vec![(name, value.into())])
    }

    /// The message `key` with two arguments.
    pub fn t2(
        &self,
        key: &str,
        first: &str,
        first_value: impl Into<Arg>,
        second: &str,
        second_value: impl Into<Arg>,
    ) -> String {
        self.with(
            key,
            vec![(first, first_value.into()), (second, second_value.into())],
        )
    }

    /// A refusal explained in the reader's language (the rules' code
    /// `code`), followed by its detail as the rules gave it, which names
    /// the field and the value.
    pub fn refusal(&self, code: &str, detail: &str) -> String {
        let key = format!("refusal-{}", code.replace('_', "-"));
        match LOCALES.try_lookup(&self.lang.identifier(), &key) {
            Some(explained) if !detail.is_empty() => format!("{explained} ({detail})"),
            Some(explained) => explained,
            None => detail.to_owned(),
        }
    }

    /// The message `key` with any number of arguments.
    pub fn with(&self, key: &str, args: Vec<(&str, Arg)>) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .into_iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Number(n) => FluentValue::from(n),
                    Arg::Text(s) => FluentValue::from(s),
                };
                (Cow::Owned(name.to_owned()), value)
            })
            .collect();
        LOCALES.lookup_with_args(&self.lang.identifier(), key, &args)
    }
}

/// A message argument: a number (which selects plural forms) or a text.
#[derive(Debug, Clone)]
pub enum Arg {
    Number(i64),
    Text(String),
}

impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Number(i64::from(n))
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}

/// Templates pass their values by reference.
macro_rules! by_reference {
    ($($t:ty),*) => {$(
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Arg {
                (*n).into()
            }
        }
    )*};
}
by_reference!(u32, usize, i64);

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

/// The language asked for in a query string (`lang=xx`), if supported.
fn from_query(query: Option<&str>) -> Option<Lang> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == "lang")
        .and_then(|(_, value)| Lang::from_tag(value))
}

/// The language a `lang` cookie remembers, if supported.
fn from_cookie(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .and_then(|(_, value)| Lang::from_tag(value))
}

/// The supported language the browser prefers most (RFC 9110 §12.5.4):
/// the highest `q` wins, ties go to the earlier entry, `q=0` means "not".
pub fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(u16, Lang)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let Some(lang) = parts.next().and_then(Lang::from_tag) else {
            continue;
        };
        let quality = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(parse_quality)
            .unwrap_or(1000);
        if quality > 0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

/// A quality value `0.8` in thousandths.
fn parse_quality(text: &str) -> Option<u16> {
    let value: f32 = text.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

/// The language of a request, and whether the user chose it in this request.
fn negotiate_parts(query: Option<&str>, headers: &HeaderMap) -> (Lang, bool) {
    if let Some(lang) = from_query(query) {
        return (lang, true);
    }
    let lang = from_cookie(headers)
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(from_accept_language)
        })
        .unwrap_or_default();
    (lang, false)
}

/// Middleware: decides the request's language, and remembers a choice made
/// with `?lang=` in a cookie.
pub async fn negotiate(mut request: Request, next: Next) -> Response {
    let (lang, chosen) = negotiate_parts(request.uri().query(), request.headers());
    request.extensions_mut().insert(lang);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    headers.append(VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    if chosen {
        let cookie = format!(
            "{COOKIE_NAME}={}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax; HttpOnly",
            lang.code()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(SET_COOKIE, value);
        }
    }
    response
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(match parts.extensions.get::<Lang>() {
            Some(lang) => *lang,
            None => negotiate_parts(parts.uri.query(), &parts.headers).0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_takes_the_best_supported_quality() {
        assert_eq!(from_accept_language("en-US,en;q=0.9"), Some(Lang::En));
        assert_eq!(
            from_accept_language("de-DE, az;q=0.8, en;q=0.5"),
            Some(Lang::Az)
        );
        assert_eq!(from_accept_language("en;q=0.2, fr;q=0.7"), Some(Lang::Fr));
        assert_eq!(from_accept_language("en;q=0, de"), None);
        assert_eq!(from_accept_language("*"), None);
    }

    #[test]
    fn the_query_wins_over_the_cookie_and_the_header() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("a=b; lang=az"));
        headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("en"));
        assert_eq!(negotiate_parts(None, &headers), (Lang::Az, false));
        assert_eq!(
            negotiate_parts(Some("x=1&lang=en"), &headers),
            (Lang::En, true)
        );
        headers.remove(COOKIE);
        assert_eq!(negotiate_parts(None, &headers), (Lang::En, false));
        assert_eq!(negotiate_parts(None, &HeaderMap::new()), (Lang::Fr, false));
    }

    /// The message ids of a Fluent file (terms and comments aside).
    fn ids(ftl: &str) -> std::collections::BTreeSet<&str> {
        ftl.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
            .collect()
    }

    #[test]
    fn every_language_has_every_message() {
        let fr = ids(include_str!("../locales/fr/main.ftl"));
        let en = ids(include_str!("../locales/en/main.ftl"));
        let az = ids(include_str!("../locales/az/main.ftl"));
        assert!(fr.len() > 100, "{}", fr.len());
        assert_eq!(en, fr, "English differs from French");
        assert_eq!(az, fr, "Azerbaijani differs from French");
    }

    #[test]
    fn every_message_resolves_in_every_language() {
        for lang in Lang::ALL {
            for id in ids(include_str!("../locales/fr/main.ftl")) {
                // Every variable the messages use, so that none is missing.
                let args: HashMap<Cow<'static, str>, FluentValue<'static>> = [
                    "date",
                    "signed",
                    "days",
                    "count",
                    "agreed",
                    "proposed",
                    "covered",
                    "commitments",
                    "numeral",
                    "version",
                    "completed",
                    "total",
                    "first",
                    "last",
                    "year",
                    "period",
                    "due",
                    "overdue",
                    "open",
                    "language",
                    "evidence",
                    "witness",
                    "time",
                ]
                .into_iter()
                .map(|name| (Cow::Borrowed(name), FluentValue::from(2)))
                .collect();
                let text = LOCALES.try_lookup_with_args(&lang.identifier(), id, &args);
                assert!(text.is_some_and(|t| !t.is_empty()), "{id} in {lang:?}");
            }
        }
    }

    #[test]
    fn a_refusal_is_explained_in_the_readers_language_with_its_detail() {
        let fr = Lang::Fr
            .tr()
            .refusal("invalid", "date: 1999-01-01 is before the charter");
        assert!(fr.starts_with("Le registre refuse"), "{fr}");
        assert!(
            fr.ends_with("(date: 1999-01-01 is before the charter)"),
            "{fr}"
        );
        assert_eq!(
            Lang::Az.tr().refusal("no_such_code", "as given"),
            "as given"
        );
    }

    #[test]
    fn messages_take_plural_forms() {
        assert_eq!(Lang::En.tr().t1("days", "count", 1u32), "1 day");
        assert_eq!(Lang::En.tr().t1("days", "count", 3u32), "3 days");
        assert_eq!(Lang::Fr.tr().t1("days", "count", 3u32), "3 jours");
    }
}
