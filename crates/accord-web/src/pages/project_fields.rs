//! The fields of a project's form, shared by proposing a project
//! (`/projects/new`) and changing one (`/projects/{id}/amend`): read from
//! what a person typed into the values the use cases take, and filled
//! again from a project as it stands (or as a pending change would leave
//! it), with the choices the form offers (working groups, provisions with
//! their text, parties, registered organisations, classifications).

use accord_app::project_acts::{NewProject, ProjectChanges, amount_minor};
use accord_domain::ids::{GroupId, OrganisationId, ProvisionId};
use accord_domain::model::{Classification, Investment, ProjectSpec};
use accord_domain::visibility::Viewer;
use jiff::civil::Date;

use crate::lang::Lang;
use crate::pages::form_fields::{Choice, LANGUAGES, TextsField, Typed};
use crate::view::{classification_code, classification_label, localised};
use crate::{AppState, WebError};

/// A provision a project may cite, with its text in the reader's language.
#[derive(Debug, Clone)]
pub struct ProvisionChoice {
    pub id: String,
    pub lang: String,
    pub text: String,
    pub chosen: bool,
}

/// Everything a project's form shows: what was typed, and the choices.
#[derive(Debug, Clone)]
pub struct ProjectFields {
    pub title: TextsField,
    pub description: TextsField,
    /// The languages the title has no text in yet (`fr`, …), joined.
    pub title_missing: String,
    pub description_missing: String,
    pub provisions: Vec<ProvisionChoice>,
    pub lead_parties: Vec<Choice>,
    pub lead_organisations: Vec<Choice>,
    pub partners: Vec<Choice>,
    pub start: String,
    pub end: String,
    pub amount: String,
    pub currency: String,
    pub public_share: String,
    pub classifications: Vec<Choice>,
}

/// The languages `field` has no text in, joined by commas.
fn missing(field: &TextsField) -> String {
    field
        .values
        .iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(l, _)| *l)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The form's fields as `typed` holds them, with the choices `viewer` is
/// offered.
pub fn project_fields(
    state: &AppState,
    viewer: &Viewer,
    lang: Lang,
    typed: &Typed,
) -> ProjectFields {
    let tr = lang.tr();
    let charter = state.app.recorded_charter();
    let chosen_provisions = typed.values("provision");
    let provisions = charter
        .as_ref()
        .map(|c| {
            c.provisions
                .iter()
                .filter(|p| p.commitment)
                .map(|p| {
                    let (text_lang, text) = p
                        .texts
                        .get_key_value(lang.code())
                        .or_else(|| p.texts.iter().next())
                        .map(|(l, t)| (l.clone(), t.clone()))
                        .unwrap_or_default();
                    ProvisionChoice {
                        chosen: chosen_provisions.iter().any(|c| c == p.id.as_str()),
                        id: p.id.to_string(),
                        lang: text_lang,
                        text,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let lead_party = typed.value("lead_party");
    let lead_parties = charter
        .as_ref()
        .map(|c| {
            c.parties
                .iter()
                .map(|p| Choice {
                    value: p.code.to_string(),
                    label: localised(&p.names, lang, p.code.as_str()),
                    chosen: lead_party == p.code.as_str(),
                })
                .collect()
        })
        .unwrap_or_default();
    let organisations = state.app.registered_organisations(viewer);
    let ticked = |name: &str| -> Vec<Choice> {
        organisations
            .iter()
            .map(|o| Choice {
                value: o.id.to_string(),
                label: o.name.clone(),
                chosen: typed.has(name, o.id.as_str()),
            })
            .collect()
    };
    let classification = typed.value("classification");
    let title = TextsField::new("title", typed);
    let description = TextsField::new("description", typed);
    ProjectFields {
        title_missing: missing(&title),
        description_missing: missing(&description),
        title,
        description,
        provisions,
        lead_parties,
        lead_organisations: ticked("lead_organisation"),
        partners: ticked("partner"),
        start: typed.value("start").to_owned(),
        end: typed.value("end").to_owned(),
        amount: typed.value("amount").to_owned(),
        currency: typed.value("currency").to_owned(),
        public_share: typed.value("public_share_percent").to_owned(),
        classifications: [
            Classification::Public,
            Classification::Partnership,
            Classification::Restricted,
        ]
        .into_iter()
        .map(|c| Choice {
            value: classification_code(c).to_owned(),
            label: classification_label(c, tr),
            chosen: classification == classification_code(c),
        })
        .collect(),
    }
}

/// What a person would have typed to describe `spec`: the amendment form
/// starts from the project as it stands.
pub fn typed_from(spec: &ProjectSpec) -> Typed {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut push = |k: &str, v: String| fields.push((k.to_owned(), v));
    push("group", spec.group.to_string());
    for language in LANGUAGES {
        if let Some(t) = spec.title.get(language) {
            push(&format!("title-{language}"), t.clone());
        }
        if let Some(t) = spec.description.get(language) {
            push(&format!("description-{language}"), t.clone());
        }
    }
    for p in &spec.provisions {
        push("provision", p.to_string());
    }
    push("lead_party", spec.lead_party.to_string());
    for o in &spec.lead_organisations {
        push("lead_organisation", o.to_string());
    }
    for o in &spec.partners {
        push("partner", o.to_string());
    }
    push(
        "start",
        spec.start.map(|d| d.to_string()).unwrap_or_default(),
    );
    push("end", spec.end.map(|d| d.to_string()).unwrap_or_default());
    if let Some(i) = &spec.investment {
        let abs = i.amount_minor.unsigned_abs();
        let sign = if i.amount_minor < 0 { "-" } else { "" };
        push("amount", format!("{sign}{}.{:02}", abs / 100, abs % 100));
        push("currency", i.currency.clone());
        push(
            "public_share_percent",
            i.public_share_percent
                .map(|p| p.to_string())
                .unwrap_or_default(),
        );
    }
    push(
        "classification",
        classification_code(spec.classification).to_owned(),
    );
    Typed(fields)
}

/// The date in `name`, none when left blank.
fn optional_date(typed: &Typed, name: &str) -> Result<Option<Date>, WebError> {
    if typed.value(name).trim().is_empty() {
        Ok(None)
    } else {
        typed.date(name).map(Some)
    }
}

/// The investment typed: none when no amount is given.
fn investment(typed: &Typed) -> Result<Option<Investment>, WebError> {
    let amount = typed.value("amount").trim();
    if amount.is_empty() {
        return Ok(None);
    }
    let amount_minor = amount_minor(amount).ok_or_else(|| {
        WebError::bad_request(
            "invalid",
            format!("amount: {amount:?} is not an amount such as 1250000.00"),
        )
    })?;
    let share = typed.value("public_share_percent").trim();
    let public_share_percent = if share.is_empty() {
        None
    } else {
        // A share beyond a byte is beyond 100: the rules refuse it.
        let percent: u32 = share.parse().map_err(|_| {
            WebError::bad_request(
                "invalid",
                format!("public_share_percent: {share:?} is not a whole percentage from 0 to 100"),
            )
        })?;
        Some(u8::try_from(percent).unwrap_or(u8::MAX))
    };
    Ok(Some(Investment {
        amount_minor,
        currency: typed.value("currency").trim().to_ascii_uppercase(),
        public_share_percent,
    }))
}

fn classification(typed: &Typed) -> Result<Classification, WebError> {
    match typed.value("classification") {
        "public" => Ok(Classification::Public),
        "partnership" => Ok(Classification::Partnership),
        "restricted" => Ok(Classification::Restricted),
        other => Err(WebError::bad_request(
            "invalid",
            format!("classification: {other:?} is not public, partnership or restricted"),
        )),
    }
}

fn ids<T: for<'a> From<&'a str>>(typed: &Typed, name: &str) -> Vec<T> {
    typed
        .values(name)
        .iter()
        .map(|v| T::from(v.trim()))
        .collect()
}

/// The project a proposal form describes.
pub fn new_project(typed: &Typed) -> Result<NewProject, WebError> {
    Ok(NewProject {
        group: GroupId::new(typed.value("group").trim()),
        title: typed.texts("title"),
        description: typed.texts("description"),
        provisions: ids::<ProvisionId>(typed, "provision"),
        lead_party: typed.value("lead_party").trim().into(),
        lead_organisations: ids::<OrganisationId>(typed, "lead_organisation"),
        partners: ids::<OrganisationId>(typed, "partner"),
        start: optional_date(typed, "start")?,
        end: optional_date(typed, "end")?,
        investment: investment(typed)?,
        classification: classification(typed)?,
    })
}

/// The changes an amendment form describes: every field, as typed (the
/// form starts from the project as it stands, so what was left alone is
/// given back unchanged).
pub fn project_changes(typed: &Typed) -> Result<ProjectChanges, WebError> {
    let project = new_project(typed)?;
    Ok(ProjectChanges {
        title: Some(project.title),
        description: Some(project.description),
        provisions: Some(project.provisions),
        lead_party: Some(project.lead_party),
        lead_organisations: Some(project.lead_organisations),
        partners: Some(project.partners),
        start: Some(project.start),
        end: Some(project.end),
        investment: Some(project.investment),
        classification: Some(project.classification),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(fields: &[(&str, &str)]) -> Typed {
        Typed(
            fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn a_form_reads_into_a_project_and_back() {
        let form = typed(&[
            ("group", "energy"),
            ("title-az", "Günəş stansiyası"),
            ("title-en", "Solar plant"),
            ("provision", "I.1"),
            ("provision", "II.4"),
            ("lead_party", "AZ"),
            ("partner", "acwa"),
            ("start", "2026-06-01"),
            ("end", ""),
            ("amount", "1250000.50"),
            ("currency", "usd"),
            ("public_share_percent", "40"),
            ("classification", "partnership"),
        ]);
        let project = new_project(&form).unwrap();
        assert_eq!(project.title.len(), 2);
        assert_eq!(project.provisions.len(), 2);
        assert_eq!(project.end, None);
        let investment = project.investment.clone().unwrap();
        assert_eq!(investment.amount_minor, 125_000_050);
        assert_eq!(investment.currency, "USD");
        assert_eq!(investment.public_share_percent, Some(40));
        let spec = ProjectSpec {
            group: project.group,
            title: project.title,
            description: project.description,
            provisions: project.provisions,
            lead_party: project.lead_party,
            lead_organisations: project.lead_organisations,
            partners: project.partners,
            start: project.start,
            end: project.end,
            investment: project.investment,
            classification: project.classification,
        };
        let again = new_project(&typed_from(&spec)).unwrap();
        assert_eq!(again.title, spec.title);
        assert_eq!(again.investment, spec.investment);
        assert_eq!(again.classification, Classification::Partnership);
    }

    #[test]
    fn a_bad_amount_share_or_date_names_its_field() {
        let refused = |fields: &[(&str, &str)]| {
            let mut all = vec![("classification", "public")];
            all.extend_from_slice(fields);
            format!("{:?}", new_project(&typed(&all)).unwrap_err())
        };
        assert!(refused(&[("amount", "lots")]).contains("amount"));
        assert!(
            refused(&[("amount", "10"), ("public_share_percent", "x")])
                .contains("public_share_percent")
        );
        assert!(refused(&[("end", "soon")]).contains("end"));
    }
}
