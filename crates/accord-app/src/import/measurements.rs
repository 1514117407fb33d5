//! `accord import measurements FILE.csv`, and the upload on a project's
//! page: an indicator's measurements as people keep them in a spreadsheet.
//!
//! The header names its columns in any order: `indicator`, `date`, `value`
//! and `source` are required; `unit`, `project` and `indicator_name` may be
//! there too (the export's measurements file has them all, so it imports as
//! it is). A `unit`, when given, must be the indicator's; a `project`, the
//! indicator's project; `indicator_name` is for the reader and not checked.
//! Dates are ISO 8601, values plain decimals (`12.5`, `-3`). A cell that
//! would run as a formula in a spreadsheet is refused.
//!
//! Every bad row is reported with its line and column and nothing is
//! recorded when any row is bad. Rows are decided against the state as it
//! is: a measurement's acceptance does not depend on the ones recorded
//! before it, so the rows need no scratch copy of the state.

use accord_domain::calendar::utc_date;
use accord_domain::command::{Actor, Command, Context};
use accord_domain::decide::{DomainError, decide};
use accord_domain::ids::{IndicatorId, ProjectId};
use accord_domain::model::DatedValue;
use accord_domain::state::State;
use accord_domain::visibility::{Viewer, can_see_project_id};
use accord_store::EventStore;
use jiff::Timestamp;
use jiff::civil::Date;

use super::{ImportErrors, RowError};
use crate::{App, AppError};

/// What an import recorded: how many measurements, from which log index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportedMeasurements {
    pub count: usize,
    pub first_index: u64,
}

impl<S: EventStore> App<S> {
    /// Records every measurement of `csv_text` for `actor` in one append,
    /// or none with every bad row named by its line and column; with
    /// `only_project`, every row must be about that project's indicators.
    /// The rows are checked against the state under the writer's lock, so
    /// no other write can change what they were checked against.
    pub fn import_measurements(
        &self,
        actor: &Actor,
        csv_text: &str,
        only_project: Option<&ProjectId>,
        now: Timestamp,
    ) -> Result<ImportedMeasurements, AppError> {
        let today = utc_date(now);
        let (receipt, count) = self.execute_with(actor, now, |state| {
            if let Some(project) = only_project
                && !visible_to(state, actor, project)
            {
                return Err(AppError::Refused(DomainError::NotFound {
                    what: "project",
                    id: project.to_string(),
                }));
            }
            let commands = plan(csv_text, state, actor, only_project, today)?;
            let count = commands.len();
            Ok((commands, count))
        })?;
        Ok(ImportedMeasurements {
            count,
            first_index: receipt.first_index,
        })
    }
}

/// The columns every file has, in any order.
pub const REQUIRED: [&str; 4] = ["indicator", "date", "value", "source"];

/// The columns a file may have beside them (the export writes them).
pub const OPTIONAL: [&str; 3] = ["unit", "project", "indicator_name"];

/// Where each known column is in the file.
struct Columns {
    at: [Option<usize>; REQUIRED.len() + OPTIONAL.len()],
}

impl Columns {
    fn of(header: &csv::StringRecord) -> Result<Columns, String> {
        let names: Vec<&str> = REQUIRED.iter().chain(OPTIONAL.iter()).copied().collect();
        let mut at = [None; REQUIRED.len() + OPTIONAL.len()];
        let mut unknown = Vec::new();
        for (position, found) in header.iter().enumerate() {
            match names.iter().position(|n| *n == found) {
                Some(k) if at[k].is_some() => return Err(format!("{found:?} appears twice")),
                Some(k) => at[k] = Some(position),
                None => unknown.push(found.to_owned()),
            }
        }
        let missing: Vec<&str> = REQUIRED
            .iter()
            .enumerate()
            .filter(|(k, _)| at[*k].is_none())
            .map(|(_, n)| *n)
            .collect();
        if !missing.is_empty() || !unknown.is_empty() {
            return Err(format!(
                "the header needs the columns {} (and may have {}); missing {:?}, unknown {:?}",
                REQUIRED.join(", "),
                OPTIONAL.join(", "),
                missing,
                unknown
            ));
        }
        Ok(Columns { at })
    }

    /// The cell of `column` in `record` ("" when the file has no such column).
    fn get<'r>(&self, record: &'r csv::StringRecord, column: &str) -> &'r str {
        REQUIRED
            .iter()
            .chain(OPTIONAL.iter())
            .position(|n| *n == column)
            .and_then(|k| self.at[k])
            .and_then(|i| record.get(i))
            .unwrap_or("")
    }

    /// The name of the column at `position` in the file.
    fn name_at(&self, position: usize) -> Option<&'static str> {
        let k = self.at.iter().position(|p| *p == Some(position))?;
        REQUIRED.iter().chain(OPTIONAL.iter()).nth(k).copied()
    }
}

/// Whether `actor` may see `project` (one that does not exist is not seen).
fn visible_to(state: &State, actor: &Actor, project: &ProjectId) -> bool {
    match actor {
        Actor::System => state.projects.contains_key(project),
        Actor::Person(person) => {
            can_see_project_id(state, &Viewer::Person(person.clone()), project)
        }
    }
}

/// The commands that record the measurements of `csv_text` for `actor`;
/// with `only_project`, a row about another project's indicator is refused
/// (an upload on a project's page is about that project). A row the actor
/// may not record stops the import with that refusal (`forbidden`): it is
/// about who acts, not about the file.
pub fn plan(
    csv_text: &str,
    state: &State,
    actor: &Actor,
    only_project: Option<&ProjectId>,
    today: Date,
) -> Result<Vec<Command>, AppError> {
    let csv_text = super::projects::without_byte_order_mark(csv_text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .from_reader(csv_text.as_bytes());
    let at_line_one = |message: String| {
        AppError::Import(ImportErrors(vec![RowError {
            line: 1,
            column: None,
            message,
        }]))
    };
    let header = reader
        .headers()
        .map_err(|e| at_line_one(format!("unreadable header: {e}")))?
        .clone();
    let columns = Columns::of(&header).map_err(at_line_one)?;
    let context = Context {
        actor: actor.clone(),
        today,
    };
    let mut commands = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(RowError {
                    line: e.position().map_or(0, |p| p.line()),
                    column: None,
                    message: format!("unreadable row: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        match row(&record, &columns, state, actor, only_project) {
            Ok(command) => match decide(state, command.clone(), &context) {
                Ok(_) => commands.push(command),
                Err(error @ DomainError::Forbidden(_)) => return Err(AppError::Refused(error)),
                Err(error) => errors.push(RowError {
                    line,
                    column: column_of(&error),
                    message: error.to_string(),
                }),
            },
            Err(mut row_errors) => {
                for e in &mut row_errors {
                    e.line = line;
                }
                errors.append(&mut row_errors);
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Import(ImportErrors(errors)));
    }
    if commands.is_empty() {
        return Err(at_line_one("the file has no measurements".into()));
    }
    Ok(commands)
}

/// One row's command, or what is wrong with its cells (line left at 0).
fn row(
    record: &csv::StringRecord,
    columns: &Columns,
    state: &State,
    actor: &Actor,
    only_project: Option<&ProjectId>,
) -> Result<Command, Vec<RowError>> {
    let mut errors = Vec::new();
    for (position, cell) in record.iter().enumerate() {
        if let Err(formula) = accord_export::table::read_cell(cell) {
            errors.push(in_cell(
                columns.name_at(position).unwrap_or("indicator"),
                formula.to_string(),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let cell = |column: &str| {
        let raw = columns.get(record, column);
        accord_export::table::read_cell(raw).unwrap_or(raw)
    };

    let indicator = IndicatorId::new(cell("indicator"));
    // An indicator the actor may not see is one that does not exist.
    let project = state
        .indicators
        .get(&indicator)
        .map(|i| &i.spec.project)
        .filter(|p| visible_to(state, actor, p));
    match project {
        None => errors.push(in_cell(
            "indicator",
            format!("indicator {:?} does not exist", indicator.as_str()),
        )),
        Some(project) => {
            let named = cell("project");
            if !named.is_empty() && named != project.as_str() {
                errors.push(in_cell(
                    "project",
                    format!("{indicator} is an indicator of {project}, not of {named:?}"),
                ));
            }
            if let Some(only) = only_project
                && only != project
            {
                errors.push(in_cell(
                    "indicator",
                    format!("{indicator} is an indicator of {project}, not of {only}"),
                ));
            }
        }
    }
    let date = match cell("date").parse::<Date>() {
        Ok(date) => Some(date),
        Err(_) => {
            errors.push(in_cell(
                "date",
                format!("{:?} is not a date such as 2026-05-10", cell("date")),
            ));
            None
        }
    };
    let unit = Some(cell("unit").to_owned()).filter(|u| !u.is_empty());
    match date {
        Some(date) if errors.is_empty() => Ok(Command::RecordMeasurement {
            indicator,
            measurement: DatedValue {
                value: cell("value").to_owned(),
                date,
            },
            source: cell("source").to_owned(),
            unit,
        }),
        _ => Err(errors),
    }
}

/// A problem in one cell of a row (its line is set by the caller).
fn in_cell(column: &'static str, message: String) -> RowError {
    RowError {
        line: 0,
        column: Some(column),
        message,
    }
}

/// Which column a refusal points at.
fn column_of(error: &DomainError) -> Option<&'static str> {
    match error {
        DomainError::NotFound { .. } => Some("indicator"),
        DomainError::Invalid { field, .. } => match *field {
            "value" => Some("value"),
            "date" => Some("date"),
            "source" => Some("source"),
            "unit" => Some("unit"),
            _ => None,
        },
        _ => None,
    }
}
