//! The charter as an Akoma Ntoso 3.0 document: one `doc` named `charter`
//! per file, the expression of one language version (the reference
//! version unless another is asked for), with its FRBR identification, the
//! parties as `TLCOrganization`s, the recitals in the preamble and the
//! sections' items and paragraphs in the main body.
//!
//! Akoma Ntoso identifies exactly one expression per document, and the
//! eIds of a collection must be unique across all its documents, so the
//! versions of a charter are separate files rather than one collection.
//! Every provision's eId comes from `eid` (one to one with accord's ids);
//! `docs/akoma-ntoso.md` documents the whole mapping.

pub mod eid;

use std::io::Write;

use accord_domain::calendar::utc_date;
use accord_domain::model::{CharterRecord, Provision, ProvisionKind};
use jiff::civil::Date;

use crate::xml::XmlWriter;
use crate::{ExportError, ExportScope};

/// The Akoma Ntoso 3.0 namespace.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// Writes the charter's `lang` version (default: its reference version) as
/// an Akoma Ntoso document. Nothing is written when the instance holds no
/// charter or the charter has no such version.
pub fn write(
    scope: &ExportScope<'_>,
    lang: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let charter = scope.state.charter.as_ref().ok_or(ExportError::NoCharter)?;
    let lang = version(charter, lang)?;
    let sections = sections(charter, lang)?;
    let uris = Uris::of(charter, lang);
    let generated_on = utc_date(scope.generated_at);

    let mut xml = XmlWriter::start(out)?;
    xml.open("akomaNtoso", &[("xmlns", NAMESPACE)])?;
    xml.open("doc", &[("name", "charter")])?;
    write_meta(&mut xml, charter, lang, &uris, generated_on)?;
    write_preface(&mut xml, charter, lang)?;
    write_preamble(&mut xml, charter, lang)?;
    write_body(&mut xml, lang, &sections)?;
    xml.close("doc")?;
    xml.close("akomaNtoso")?;
    xml.finish()?;
    Ok(())
}

/// The language version to write: `asked`, which the charter must have, or
/// its reference version.
pub fn version<'c>(
    charter: &'c CharterRecord,
    asked: Option<&str>,
) -> Result<&'c str, ExportError> {
    let available = || charter.languages.join(", ");
    match asked {
        Some(asked) => charter
            .languages
            .iter()
            .find(|l| l.as_str() == asked)
            .map(String::as_str)
            .ok_or_else(|| ExportError::UnknownLanguage(asked.to_owned(), available())),
        None => charter
            .languages
            .first()
            .map(String::as_str)
            .ok_or_else(|| ExportError::Invalid("the charter records no language version".into())),
    }
}

/// A section of the main body: its id and eId, and its provisions with
/// their eIds, in document order.
struct Section<'c> {
    id: &'c str,
    eid: String,
    provisions: Vec<(&'c Provision, String)>,
}

/// The sections of the `lang` version, checked before anything is written:
/// every provision and section must have an eId.
fn sections<'c>(charter: &'c CharterRecord, lang: &str) -> Result<Vec<Section<'c>>, ExportError> {
    let mut sections: Vec<Section<'c>> = Vec::new();
    for provision in charter
        .provisions
        .iter()
        .filter(|p| p.texts.contains_key(lang))
    {
        let eid = provision_eid(provision)?;
        if provision.kind == ProvisionKind::Recital {
            continue;
        }
        let id = provision.section.as_deref().unwrap_or_default();
        match sections.last_mut() {
            Some(section) if section.id == id => section.provisions.push((provision, eid)),
            _ => sections.push(Section {
                id,
                eid: eid::section_eid(id).ok_or_else(|| {
                    ExportError::Invalid(format!("section {id:?} has no Akoma Ntoso eId"))
                })?,
                provisions: vec![(provision, eid)],
            }),
        }
    }
    Ok(sections)
}

fn provision_eid(provision: &Provision) -> Result<String, ExportError> {
    eid::eid_of(&provision.id).ok_or_else(|| {
        ExportError::Invalid(format!("provision {} has no Akoma Ntoso eId", provision.id))
    })
}

/// The FRBR IRIs of the charter's work, its `lang` expression and that
/// expression's XML manifestation, after the Akoma Ntoso naming convention:
/// `/akn/{country}/doc/charter/{signature date}/{parties}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uris {
    pub country: String,
    pub work: String,
    pub expression: String,
    pub manifestation: String,
    /// ISO 639-2 (three letters), as Akoma Ntoso names languages.
    pub language: String,
}

impl Uris {
    pub fn of(charter: &CharterRecord, lang: &str) -> Uris {
        let codes: Vec<String> = charter
            .parties
            .iter()
            .map(|p| p.code.as_str().to_ascii_lowercase())
            .collect();
        // A charter between parties belongs to no one country: the first
        // party's code stands for the jurisdiction, all the parties' codes
        // name the work.
        let country = codes.first().cloned().unwrap_or_else(|| "int".into());
        let number = if codes.is_empty() {
            "nn".to_owned()
        } else {
            codes.join("-")
        };
        let work = format!("/akn/{country}/doc/charter/{}/{number}", charter.signed_on);
        let language = iso_639_2(lang).to_owned();
        let expression = format!("{work}/{language}@{}", charter.signed_on);
        let manifestation = format!("{expression}.akn");
        Uris {
            country,
            work,
            expression,
            manifestation,
            language,
        }
    }
}

/// The ISO 639-2 code of an ISO 639-1 code (`fr` → `fra`); a code this
/// table does not know is kept as it is.
pub fn iso_639_2(code: &str) -> &str {
    match code {
        "ar" => "ara",
        "az" => "aze",
        "de" => "deu",
        "el" => "ell",
        "en" => "eng",
        "es" => "spa",
        "fa" => "fas",
        "fr" => "fra",
        "he" => "heb",
        "hi" => "hin",
        "hy" => "hye",
        "id" => "ind",
        "it" => "ita",
        "ja" => "jpn",
        "ka" => "kat",
        "kk" => "kaz",
        "ko" => "kor",
        "nl" => "nld",
        "pl" => "pol",
        "pt" => "por",
        "ro" => "ron",
        "ru" => "rus",
        "tr" => "tur",
        "uk" => "ukr",
        "uz" => "uzb",
        "vi" => "vie",
        "zh" => "zho",
        other => other,
    }
}

/// The eId of a party's `TLCOrganization` (`#az`).
fn party_eid(code: &str) -> String {
    code.to_ascii_lowercase()
}

fn write_meta(
    xml: &mut XmlWriter<'_>,
    charter: &CharterRecord,
    lang: &str,
    uris: &Uris,
    generated_on: Date,
) -> Result<(), ExportError> {
    let signed = charter.signed_on.to_string();
    let generated = generated_on.to_string();
    xml.open("meta", &[])?;
    xml.open("identification", &[("source", "#accord")])?;

    xml.open("FRBRWork", &[])?;
    xml.empty("FRBRthis", &[("value", &format!("{}/!main", uris.work))])?;
    xml.empty("FRBRuri", &[("value", &uris.work)])?;
    xml.empty("FRBRdate", &[("date", &signed), ("name", "signature")])?;
    write_authors(xml, charter)?;
    xml.empty("FRBRcountry", &[("value", &uris.country)])?;
    xml.empty("FRBRsubtype", &[("value", "charter")])?;
    // The work is the same whatever the version: named in the reference's
    // language.
    if let Some(title) = charter.languages.first().and_then(|r| charter.title.get(r)) {
        xml.empty("FRBRname", &[("value", title)])?;
    }
    xml.close("FRBRWork")?;

    xml.open("FRBRExpression", &[])?;
    xml.empty(
        "FRBRthis",
        &[("value", &format!("{}/!main", uris.expression))],
    )?;
    xml.empty("FRBRuri", &[("value", &uris.expression)])?;
    xml.empty("FRBRdate", &[("date", &signed), ("name", "signature")])?;
    write_authors(xml, charter)?;
    if let Some(reference) = charter.languages.first().filter(|r| r.as_str() != lang) {
        let master = Uris::of(charter, reference);
        xml.empty(
            "FRBRmasterExpression",
            &[("href", &master.expression), ("showAs", reference)],
        )?;
    }
    xml.empty("FRBRlanguage", &[("language", &uris.language)])?;
    xml.close("FRBRExpression")?;

    xml.open("FRBRManifestation", &[])?;
    xml.empty(
        "FRBRthis",
        &[("value", &format!("{}/!main.xml", uris.expression))],
    )?;
    xml.empty("FRBRuri", &[("value", &uris.manifestation)])?;
    xml.empty("FRBRdate", &[("date", &generated), ("name", "generation")])?;
    xml.empty("FRBRauthor", &[("href", "#accord")])?;
    xml.empty("FRBRformat", &[("value", "application/akn+xml")])?;
    xml.close("FRBRManifestation")?;
    xml.close("identification")?;

    xml.open("references", &[("source", "#accord")])?;
    for party in &charter.parties {
        let eid = party_eid(party.code.as_str());
        let name = party
            .names
            .get(lang)
            .map(String::as_str)
            .unwrap_or(party.code.as_str());
        xml.empty(
            "TLCOrganization",
            &[
                ("eId", &eid),
                ("href", &format!("/akn/ontology/organization/{eid}")),
                ("showAs", name),
            ],
        )?;
    }
    xml.empty(
        "TLCOrganization",
        &[
            ("eId", "accord"),
            ("href", "/akn/ontology/organization/accord"),
            ("showAs", "accord"),
        ],
    )?;
    xml.close("references")?;
    xml.close("meta")?;
    Ok(())
}

/// The parties are the authors of the charter.
fn write_authors(xml: &mut XmlWriter<'_>, charter: &CharterRecord) -> Result<(), ExportError> {
    if charter.parties.is_empty() {
        xml.empty("FRBRauthor", &[("href", "#accord")])?;
    }
    for party in &charter.parties {
        let href = format!("#{}", party_eid(party.code.as_str()));
        xml.empty("FRBRauthor", &[("href", &href)])?;
    }
    Ok(())
}

/// The title and the parties, when the version has them.
fn write_preface(
    xml: &mut XmlWriter<'_>,
    charter: &CharterRecord,
    lang: &str,
) -> Result<(), ExportError> {
    let title = charter.title.get(lang);
    let parties: Vec<(String, &str)> = charter
        .parties
        .iter()
        .filter_map(|p| {
            let name = p.names.get(lang)?;
            Some((format!("#{}", party_eid(p.code.as_str())), name.as_str()))
        })
        .collect();
    if title.is_none() && parties.is_empty() {
        return Ok(());
    }
    xml.open("preface", &[("xml:lang", lang)])?;
    if let Some(title) = title {
        xml.inline("p", "docTitle", &[], title)?;
    }
    for (refers_to, name) in parties {
        xml.inline("p", "organization", &[("refersTo", &refers_to)], name)?;
    }
    xml.close("preface")?;
    Ok(())
}

fn write_preamble(
    xml: &mut XmlWriter<'_>,
    charter: &CharterRecord,
    lang: &str,
) -> Result<(), ExportError> {
    let mut recitals = charter
        .provisions
        .iter()
        .filter(|p| p.kind == ProvisionKind::Recital)
        .filter_map(|p| Some((p, p.texts.get(lang)?)))
        .peekable();
    if recitals.peek().is_none() {
        return Ok(());
    }
    xml.open("preamble", &[("eId", "preamble"), ("xml:lang", lang)])?;
    xml.open("recitals", &[])?;
    for (recital, text) in recitals {
        let eid = provision_eid(recital)?;
        xml.open("recital", &[("eId", &eid)])?;
        if let Some(number) = printed_number(recital) {
            xml.leaf("num", &[], &number)?;
        }
        xml.leaf("p", &[], text)?;
        xml.close("recital")?;
    }
    xml.close("recitals")?;
    xml.close("preamble")?;
    Ok(())
}

fn write_body(
    xml: &mut XmlWriter<'_>,
    lang: &str,
    sections: &[Section<'_>],
) -> Result<(), ExportError> {
    xml.open("mainBody", &[("xml:lang", lang)])?;
    if sections.is_empty() {
        // The main body may not be empty; the charter has only a preamble.
        xml.empty("p", &[])?;
    }
    for section in sections {
        xml.open("section", &[("eId", &section.eid)])?;
        xml.leaf("num", &[], section.id)?;
        for (provision, eid) in &section.provisions {
            let text = provision.texts.get(lang).map(String::as_str).unwrap_or("");
            xml.open("paragraph", &[("eId", eid)])?;
            if let Some(number) = printed_number(provision) {
                xml.leaf("num", &[], &number)?;
            }
            xml.open("content", &[])?;
            xml.leaf("p", &[], text)?;
            xml.close("content")?;
            xml.close("paragraph")?;
        }
        xml.close("section")?;
    }
    xml.close("mainBody")?;
    Ok(())
}

/// The number printed before a recital or an item (`3.`), read from its
/// id; unnumbered paragraphs have none.
fn printed_number(provision: &Provision) -> Option<String> {
    if provision.kind == ProvisionKind::Paragraph {
        return None;
    }
    let (_, item) = provision.id.as_str().rsplit_once('.')?;
    let number = item.split('-').next().unwrap_or(item);
    (!number.is_empty() && number.chars().all(|c| c.is_ascii_digit())).then(|| format!("{number}."))
}

#[cfg(test)]
mod tests {
    use accord_domain::ids::ProvisionId;
    use accord_domain::state::State;
    use accord_domain::visibility::Viewer;

    use super::*;
    use crate::fixture::{bundled_charter as charter, try_export as export};

    fn state() -> State {
        State {
            charter: Some(charter()),
            ..State::default()
        }
    }

    fn eids(xml: &str) -> Vec<&str> {
        xml.split("eId=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect()
    }

    #[test]
    fn the_reference_version_is_the_default_and_every_provision_has_its_eid() {
        let state = state();
        let xml = export(&state, &Viewer::Public, |s, o| write(s, None, o)).unwrap();
        assert!(xml.contains("<FRBRlanguage language=\"fra\"/>"), "{xml}");
        assert!(xml.contains("/akn/az/doc/charter/2026-02-10/az-us/fra@2026-02-10"));
        assert!(xml.contains("<FRBRdate date=\"2026-11-27\" name=\"generation\"/>"));
        assert!(!xml.contains("FRBRmasterExpression"));
        let provisions = &state.charter.as_ref().unwrap().provisions;
        let found = eids(&xml);
        for provision in provisions {
            let eid = eid::eid_of(&provision.id).unwrap();
            assert_eq!(found.iter().filter(|e| **e == eid).count(), 1, "{eid}");
        }
        let marked: Vec<ProvisionId> = found.iter().filter_map(|e| eid::provision_of(e)).collect();
        assert_eq!(
            marked,
            provisions.iter().map(|p| p.id.clone()).collect::<Vec<_>>()
        );
        let i3 = provisions.iter().find(|p| p.id == "I.3").unwrap();
        assert!(xml.contains(i3.texts["fr"].as_str()));
        assert!(!xml.contains(i3.texts["en"].as_str()));
    }

    #[test]
    fn another_version_names_the_reference_as_its_master() {
        let state = state();
        let xml = export(&state, &Viewer::Public, |s, o| write(s, Some("en"), o)).unwrap();
        assert!(xml.contains("<FRBRlanguage language=\"eng\"/>"));
        assert!(xml.contains(
            "<FRBRmasterExpression href=\"/akn/az/doc/charter/2026-02-10/az-us/fra@2026-02-10\" showAs=\"fr\"/>"
        ));
        assert!(
            xml.contains("<organization refersTo=\"#us\">United States of America</organization>")
        );
        assert!(xml.contains("<mainBody xml:lang=\"en\">"));
        let work = |xml: &str| {
            xml[xml.find("<FRBRWork>").unwrap()..xml.find("</FRBRWork>").unwrap()].to_owned()
        };
        let french = export(&state, &Viewer::Public, |s, o| write(s, None, o)).unwrap();
        assert_eq!(work(&xml), work(&french));
        assert!(work(&xml).contains("Charte de partenariat stratégique"));
    }

    #[test]
    fn an_unknown_language_names_the_versions_and_writes_nothing() {
        let state = state();
        let scope = ExportScope {
            state: &state,
            viewer: &Viewer::Public,
            generated_at: crate::fixture::at(),
        };
        let mut out = Vec::new();
        let error = write(&scope, Some("xx"), &mut out).unwrap_err();
        assert!(matches!(&error, ExportError::UnknownLanguage(l, a) if l == "xx" && a == "fr, en"));
        assert_eq!(
            error.to_string(),
            "the charter has no \"xx\" version (it has: fr, en)"
        );
        assert!(out.is_empty());
    }

    #[test]
    fn an_instance_without_a_charter_writes_nothing() {
        let state = State::default();
        let scope = ExportScope {
            state: &state,
            viewer: &Viewer::Operator,
            generated_at: crate::fixture::at(),
        };
        let mut out = Vec::new();
        assert!(matches!(
            write(&scope, None, &mut out),
            Err(ExportError::NoCharter)
        ));
        assert!(out.is_empty());
    }

    #[test]
    fn a_provision_outside_the_id_scheme_is_refused_before_writing() {
        let mut state = state();
        let charter = state.charter.as_mut().unwrap();
        charter.provisions[7].id = ProvisionId::new("I.odd id");
        let scope = ExportScope {
            state: &state,
            viewer: &Viewer::Operator,
            generated_at: crate::fixture::at(),
        };
        let mut out = Vec::new();
        let error = write(&scope, None, &mut out).unwrap_err();
        assert!(error.to_string().contains("I.odd id"), "{error}");
        assert!(out.is_empty());
    }

    #[test]
    fn languages_have_their_iso_639_2_codes() {
        assert_eq!(iso_639_2("fr"), "fra");
        assert_eq!(iso_639_2("az"), "aze");
        assert_eq!(iso_639_2("en"), "eng");
        assert_eq!(iso_639_2("xyz"), "xyz");
    }
}
