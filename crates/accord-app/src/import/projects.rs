//! `accord import projects FILE.csv`: a working group's project list as
//! coordinators keep it in a spreadsheet.
//!
//! The header is exactly
//! `working_group,title,provisions,lead_party,lead_organisation,partners,start,end,amount,currency,classification`,
//! optionally followed by the title in each language (`title_az`,
//! `title_en`, `title_fr`, as the export writes them: any `title_` and a
//! language code). A row's title is its per-language cells; `title` alone
//! (the only title of files written before titles were held per language)
//! is a title in an undetermined language (`und`), kept beside the others
//! when it differs from each. Several values in one cell are separated by `;`; dates are ISO 8601;
//! parties are given by code. Organisations are named by id or by name; one
//! the record does not know yet is registered with the import (a lead
//! organisation as its lead party's government body, a partner as a private
//! company). Every project comes in as proposed: agreeing the list is a
//! separate act of both parties.
//!
//! Every bad row is reported with its line and column, and nothing is
//! imported when any row is bad: the rows are decided in order against a
//! scratch copy of the state, exactly as they would be recorded.

use std::collections::{BTreeSet, HashMap};

use accord_domain::command::{Actor, Command, Context};
use accord_domain::decide::{DomainError, decide};
use accord_domain::event::{CURRENT_VERSION, Entry};
use accord_domain::ids::{OrganisationId, ProjectId, ProvisionId};
use accord_domain::model::{
    Classification, Investment, Organisation, OrganisationKind, ProjectSpec, Texts,
};
use accord_domain::state::State;
use jiff::civil::Date;

pub use super::{ImportErrors, RowError};

/// The columns every file has, in order: the format `accord export csv`
/// writes (which adds the per-language titles), defined once, with the
/// export.
pub const HEADER: [&str; 11] = accord_export::table::PROJECTS_COLUMNS;

/// The languages of the `title_…` columns that follow `HEADER`, in order;
/// none when the header is not `HEADER` and such columns.
fn title_languages(found: &[&str]) -> Option<Vec<String>> {
    let rest = found.strip_prefix(&HEADER[..])?;
    let mut languages: Vec<String> = Vec::new();
    for column in rest {
        let language = column.strip_prefix("title_")?;
        if !accord_domain::texts::is_language_code(language)
            || languages.iter().any(|l| l == language)
        {
            return None;
        }
        languages.push(language.to_owned());
    }
    Some(languages)
}

/// The name of the title column in `language`, for a message.
fn title_column(language: &str) -> &'static str {
    match language {
        "az" => "title_az",
        "en" => "title_en",
        "fr" => "title_fr",
        _ => "title",
    }
}

/// The commands that import `csv_text` into an instance in `state`, decided
/// in order on a scratch copy, so they will be accepted as they are.
pub fn plan(csv_text: &str, state: &State, today: Date) -> Result<Vec<Command>, ImportErrors> {
    let csv_text = without_byte_order_mark(csv_text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .from_reader(csv_text.as_bytes());
    let header_error = |message: String| {
        ImportErrors(vec![RowError {
            line: 1,
            column: None,
            message,
        }])
    };
    let header = reader
        .headers()
        .map_err(|e| header_error(format!("unreadable header: {e}")))?
        .clone();
    let found: Vec<&str> = header.iter().collect();
    let Some(languages) = title_languages(&found) else {
        return Err(header_error(format!(
            "the header must be exactly {:?}, optionally followed by title_az, title_en, title_fr (a title per language), found {:?}",
            HEADER.join(","),
            found.join(",")
        )));
    };

    let mut scratch = state.clone();
    let context = Context {
        actor: Actor::System,
        today,
    };
    let mut commands = Vec::new();
    let mut errors = Vec::new();
    let mut taken: BTreeSet<ProjectId> = scratch.projects.keys().cloned().collect();
    let mut known = KnownOrganisations::of(&scratch);
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(RowError {
                    line,
                    column: None,
                    message: format!("unreadable row: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let row = match Row::read(&record, line, &languages) {
            Ok(row) => row,
            Err(mut row_errors) => {
                errors.append(&mut row_errors);
                continue;
            }
        };
        let mut row_commands = Vec::new();
        let mut lead_organisations = Vec::new();
        if let Some(name) = &row.lead_organisation {
            let (id, register) = known.find_or_register(name, Some(&row.spec.lead_party));
            lead_organisations.push(id);
            row_commands.extend(register);
        }
        let mut partners = Vec::new();
        for name in &row.partners {
            let (id, register) = known.find_or_register(name, None);
            partners.push(id);
            row_commands.extend(register);
        }
        let mut spec = row.spec;
        spec.lead_organisations = lead_organisations;
        spec.partners = partners;
        let project = unique_id(accord_domain::texts::text_in(&spec.title, "en"), &mut taken);
        row_commands.push(Command::ProposeProject { project, spec });

        // Decide the row's commands against the scratch state, as they would
        // be recorded. A row refused half-way leaves what it decided before
        // in the scratch state (an organisation it registers): nothing is
        // imported when any row is refused, so that only lets later rows be
        // judged as if it had been fixed, and spares a copy of the whole
        // state per row (which made the import quadratic in its rows).
        for command in &row_commands {
            match decide(&scratch, command.clone(), &context) {
                Ok(events) => {
                    for event in events {
                        scratch.evolve(&scratch_entry(event));
                    }
                }
                Err(error) => {
                    errors.push(RowError {
                        line,
                        column: column_of(&error),
                        message: error.to_string(),
                    });
                    break;
                }
            }
        }
        if errors.is_empty() {
            commands.extend(row_commands);
        }
    }
    if errors.is_empty() {
        Ok(commands)
    } else {
        Err(ImportErrors(errors))
    }
}

/// A row's cells, read and checked on their own.
struct Row {
    spec: ProjectSpec,
    lead_organisation: Option<String>,
    partners: Vec<String>,
}

impl Row {
    fn read(
        record: &csv::StringRecord,
        line: u64,
        languages: &[String],
    ) -> Result<Row, Vec<RowError>> {
        let mut errors = Vec::new();
        let columns = HEADER.len() + languages.len();
        if record.len() != columns {
            errors.push(RowError {
                line,
                column: Some("working_group"),
                message: format!("the row has {} cells, the header {columns}", record.len()),
            });
            return Err(errors);
        }
        let mut cells = Vec::with_capacity(columns);
        for (i, raw) in record.iter().enumerate() {
            match accord_export::table::read_cell(raw) {
                Ok(text) => cells.push(text),
                Err(formula) => {
                    let column = match HEADER.get(i) {
                        Some(name) => name,
                        None => title_column(&languages[i - HEADER.len()]),
                    };
                    errors.push(RowError {
                        line,
                        column: Some(column),
                        message: formula.to_string(),
                    });
                    cells.push("");
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        let mut fail = |column: &'static str, message: String| {
            errors.push(RowError {
                line,
                column: Some(column),
                message,
            })
        };
        let date = |column: &'static str,
                    text: &str,
                    fail: &mut dyn FnMut(&'static str, String)|
         -> Option<Date> {
            if text.is_empty() {
                return None;
            }
            text.parse::<Date>()
                .map_err(|_| fail(column, format!("{text:?} is not a date such as 2026-05-10")))
                .ok()
        };
        let start = date("start", cell(6), &mut fail);
        let end = date("end", cell(7), &mut fail);
        let classification = match cell(10).to_ascii_lowercase().as_str() {
            "public" => Some(Classification::Public),
            "partnership" | "" => Some(Classification::Partnership),
            "restricted" => Some(Classification::Restricted),
            other => {
                fail(
                    "classification",
                    format!("{other:?} is not public, partnership or restricted"),
                );
                None
            }
        };
        let investment = match (cell(8), cell(9)) {
            ("", "") => None,
            (amount, currency) => match minor_units(amount) {
                Some(amount_minor) => Some(Investment {
                    amount_minor,
                    currency: currency.to_ascii_uppercase(),
                    public_share_percent: None,
                }),
                None => {
                    fail(
                        "amount",
                        format!("{amount:?} is not an amount such as 1500000 or 1500000.50"),
                    );
                    None
                }
            },
        };
        let list = |text: &str| -> Vec<String> {
            text.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut title: Texts = languages
            .iter()
            .enumerate()
            .map(|(i, language)| (language.clone(), cell(HEADER.len() + i).to_owned()))
            .filter(|(_, text)| !text.is_empty())
            .collect();
        let plain = cell(1);
        if !plain.is_empty() && !title.values().any(|t| t == plain) {
            title.insert(
                accord_domain::texts::UNDETERMINED.to_owned(),
                plain.to_owned(),
            );
        }
        Ok(Row {
            spec: ProjectSpec {
                group: cell(0).into(),
                title,
                description: Texts::new(),
                provisions: list(cell(2)).into_iter().map(ProvisionId).collect(),
                lead_party: cell(3).to_ascii_uppercase().as_str().into(),
                lead_organisations: Vec::new(),
                partners: Vec::new(),
                start,
                end,
                investment,
                classification: classification.unwrap_or(Classification::Partnership),
            },
            lead_organisation: Some(cell(4).to_owned()).filter(|s| !s.is_empty()),
            partners: list(cell(5)),
        })
    }
}

/// An amount with at most two decimals (`1500000` or `1500000.50`; spaces,
/// underscores and commas between digits ignored), in minor units; none
/// when it is not one, or too large for the record.
pub fn minor_units(text: &str) -> Option<i64> {
    let text = text.replace([' ', '_', ','], "");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || fraction.len() > 2
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let cents: i64 = format!("{fraction:0<2}").parse().ok()?;
    whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)
}

/// The organisations the file may name, by id and by name: those of the
/// record and those the rows before registered, looked up without a scan.
struct KnownOrganisations {
    by_key: HashMap<String, OrganisationId>,
}

impl KnownOrganisations {
    fn of(state: &State) -> KnownOrganisations {
        let mut by_key = HashMap::new();
        for o in state.organisations.values() {
            // An id wins over another organisation's name, as it always has.
            by_key.entry(o.name.clone()).or_insert_with(|| o.id.clone());
        }
        for o in state.organisations.values() {
            by_key.insert(o.id.as_str().to_owned(), o.id.clone());
        }
        KnownOrganisations { by_key }
    }

    /// The organisation named `name` (by id or name), registering it when
    /// new: a lead organisation (with its `party`) as that party's
    /// government body, a partner as a private company.
    fn find_or_register(
        &mut self,
        name: &str,
        party: Option<&accord_domain::ids::PartyCode>,
    ) -> (OrganisationId, Option<Command>) {
        if let Some(id) = self.by_key.get(name) {
            return (id.clone(), None);
        }
        let id = OrganisationId(slug(name));
        if let Some(id) = self.by_key.get(id.as_str()) {
            return (id.clone(), None);
        }
        let kind = if party.is_some() {
            OrganisationKind::Government
        } else {
            OrganisationKind::PrivateCompany
        };
        self.by_key.insert(name.to_owned(), id.clone());
        self.by_key.insert(id.as_str().to_owned(), id.clone());
        let register = Command::RegisterOrganisation {
            organisation: Organisation {
                id: id.clone(),
                name: name.to_owned(),
                kind,
                party: party.cloned(),
            },
        };
        (id, Some(register))
    }
}

/// A project id from its title, unique among `taken`.
fn unique_id(title: &str, taken: &mut BTreeSet<ProjectId>) -> ProjectId {
    let base = slug(title);
    let base = if base.is_empty() {
        "project".to_owned()
    } else {
        base
    };
    let mut candidate = ProjectId(base.clone());
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = ProjectId(format!("{base}-{n}"));
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// Lower-case ASCII letters and digits joined by single hyphens.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ə' => 'e',
            'î' | 'ï' | 'ı' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ş' => 's',
            'ğ' => 'g',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    trimmed
        .chars()
        .take(60)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

/// Which column a refusal points at.
fn column_of(error: &DomainError) -> Option<&'static str> {
    match error {
        DomainError::NoProvision | DomainError::UnknownProvision(_) => Some("provisions"),
        DomainError::UnknownParty(_) => Some("lead_party"),
        DomainError::NotFound {
            what: "working group",
            ..
        } => Some("working_group"),
        DomainError::NotFound {
            what: "organisation",
            ..
        } => Some("lead_organisation"),
        DomainError::Invalid { field, .. } => Some(match *field {
            "title" => "title",
            "start" => "start",
            "end" => "end",
            "amount" => "amount",
            "currency" => "currency",
            "provisions" => "provisions",
            "partners" => "partners",
            "name" | "lead_organisations" => "lead_organisation",
            _ => "working_group",
        }),
        _ => None,
    }
}

/// An entry for the scratch state only: its time is never recorded.
fn scratch_entry(event: accord_domain::event::Event) -> Entry {
    Entry {
        v: CURRENT_VERSION,
        recorded_at: jiff::Timestamp::UNIX_EPOCH,
        by: None,
        event,
    }
}

/// `text` without the byte-order mark a spreadsheet saving "CSV UTF-8" may
/// put first.
pub fn without_byte_order_mark(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}
