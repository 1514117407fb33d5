//! Projects, milestones and indicator measurements as CSV, for spreadsheets.
//!
//! The projects' file is exactly what `accord import projects` reads
//! (`PROJECTS_HEADER`, the import's own header: there is one definition,
//! here, and the import uses it), so a list exported from one instance
//! imports into another as the same projects. Several values in a cell are
//! joined with `;`; dates are ISO 8601; amounts are written in major units
//! from the record's minor units, exactly (`1500000.05`); the
//! classification is lowercase. Organisations are named by name, or by id
//! when the name would not find them again (it holds a `;`, or another
//! organisation has the same name). The format has one lead organisation:
//! a project with several is written with its first. What the format does
//! not carry (status, public share of an investment, history) is not
//! written: a project always comes in as proposed.
//!
//! A cell a spreadsheet would run as a formula (one that starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return and is not a plain number) is
//! written with a leading `'`, which spreadsheets show as text; the import
//! refuses such a cell and reads a `'`-marked one back as its text, so a
//! file goes out and comes back in unchanged and can never run a formula.
//!
//! The milestones' and measurements' files have headers of their own. Every
//! file holds only what the viewer may see: projects, their milestones
//! (dependencies on hidden milestones left out), their indicators.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;

use accord_domain::ids::OrganisationId;
use accord_domain::model::Classification;
use accord_domain::state::State;
use accord_domain::visibility::{can_see_milestone, sees_everything, visible_projects};

use crate::seen::{languages, text_in};
use crate::{ExportError, ExportScope};

/// The projects' columns every file has, in order: the import reads a file
/// with these alone (as they were written before titles were held per
/// language). `title` is the title in the first of the charter's languages
/// it has, the reference first.
pub const PROJECTS_COLUMNS: [&str; 11] = [
    "working_group",
    "title",
    "provisions",
    "lead_party",
    "lead_organisation",
    "partners",
    "start",
    "end",
    "amount",
    "currency",
    "classification",
];

/// The languages of the per-language title columns the export writes
/// (`title_az`, `title_en`, `title_fr`), in order.
pub const TITLE_LANGUAGES: [&str; 3] = ["az", "en", "fr"];

/// The projects' columns, in order: the import's format, `PROJECTS_COLUMNS`
/// then the title in each party's language.
pub const PROJECTS_HEADER: [&str; 14] = {
    let mut header = [""; 14];
    let mut i = 0;
    while i < PROJECTS_COLUMNS.len() {
        header[i] = PROJECTS_COLUMNS[i];
        i += 1;
    }
    header[11] = "title_az";
    header[12] = "title_en";
    header[13] = "title_fr";
    header
};

/// The milestones' columns, in order: `title` is the title in the first
/// of the charter's languages it has, the reference first, and the last
/// three the title in each party's language (`TITLE_LANGUAGES`), as in the
/// projects' file.
pub const MILESTONES_HEADER: [&str; 12] = [
    "id",
    "project",
    "working_group",
    "title",
    "due",
    "baseline_due",
    "completed_on",
    "depends_on",
    "slipped_days",
    "title_az",
    "title_en",
    "title_fr",
];

/// The measurements' columns, in order.
pub const MEASUREMENTS_HEADER: [&str; 7] = [
    "indicator",
    "indicator_name",
    "unit",
    "project",
    "date",
    "value",
    "source",
];

/// Writes the projects `scope.viewer` may see, in the import's format.
pub fn write_projects(scope: &ExportScope<'_>, out: &mut dyn Write) -> Result<(), ExportError> {
    let state = scope.state;
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(PROJECTS_HEADER)?;
    let names = OrganisationNames::new(state);
    for project in visible_projects(state, scope.viewer) {
        let spec = &project.spec;
        let (amount, currency) = match &spec.investment {
            Some(i) => (major_units(i.amount_minor), i.currency.clone()),
            None => (String::new(), String::new()),
        };
        let provisions: Vec<&str> = spec.provisions.iter().map(|p| p.as_str()).collect();
        let partners: Vec<&str> = spec.partners.iter().map(|o| names.label(o)).collect();
        let title_in = |language: &str| spec.title.get(language).map_or("", String::as_str);
        write_row(
            &mut csv,
            &[
                spec.group.as_str(),
                text_in(&spec.title, languages(state), ""),
                &provisions.join(";"),
                spec.lead_party.as_str(),
                spec.lead_organisations
                    .first()
                    .map_or("", |o| names.label(o)),
                &partners.join(";"),
                &spec.start.map(|d| d.to_string()).unwrap_or_default(),
                &spec.end.map(|d| d.to_string()).unwrap_or_default(),
                &amount,
                &currency,
                classification_name(spec.classification),
                title_in(TITLE_LANGUAGES[0]),
                title_in(TITLE_LANGUAGES[1]),
                title_in(TITLE_LANGUAGES[2]),
            ],
        )?;
    }
    csv.flush()?;
    Ok(())
}

/// Writes the milestones `scope.viewer` may see, by id.
pub fn write_milestones(scope: &ExportScope<'_>, out: &mut dyn Write) -> Result<(), ExportError> {
    let state = scope.state;
    let everything = sees_everything(state, scope.viewer);
    let visible = |m: &accord_domain::state::Milestone| {
        everything || can_see_milestone(state, scope.viewer, m)
    };
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(MILESTONES_HEADER)?;
    for milestone in state.milestones.values().filter(|m| visible(m)) {
        let spec = &milestone.spec;
        let depends_on: Vec<&str> = spec
            .depends_on
            .iter()
            .filter(|d| state.milestones.get(*d).is_some_and(visible))
            .map(|d| d.as_str())
            .collect();
        let slipped = accord_domain::calendar::days_between(milestone.baseline_due, spec.due);
        let title_in = |language: &str| spec.title.get(language).map_or("", String::as_str);
        write_row(
            &mut csv,
            &[
                spec.id.as_str(),
                spec.project.as_ref().map_or("", |p| p.as_str()),
                milestone.group.as_str(),
                text_in(&spec.title, languages(state), ""),
                &spec.due.to_string(),
                &milestone.baseline_due.to_string(),
                &milestone
                    .completed_on
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                &depends_on.join(";"),
                &slipped.to_string(),
                title_in(TITLE_LANGUAGES[0]),
                title_in(TITLE_LANGUAGES[1]),
                title_in(TITLE_LANGUAGES[2]),
            ],
        )?;
    }
    csv.flush()?;
    Ok(())
}

/// Writes the measurements of the indicators of the projects
/// `scope.viewer` may see, by indicator, in the order they were recorded.
pub fn write_measurements(scope: &ExportScope<'_>, out: &mut dyn Write) -> Result<(), ExportError> {
    let state = scope.state;
    let everything = sees_everything(state, scope.viewer);
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(MEASUREMENTS_HEADER)?;
    for indicator in state.indicators.values() {
        let spec = &indicator.spec;
        let seen = everything
            || accord_domain::visibility::can_see_project_id(state, scope.viewer, &spec.project);
        if !seen {
            continue;
        }
        for (measurement, source) in &indicator.measurements {
            write_row(
                &mut csv,
                &[
                    spec.id.as_str(),
                    text_in(&spec.name, languages(state), ""),
                    &spec.unit,
                    spec.project.as_str(),
                    &measurement.date.to_string(),
                    &measurement.value,
                    source,
                ],
            )?;
        }
    }
    csv.flush()?;
    Ok(())
}

/// One row, each cell neutralised.
fn write_row<W: Write>(csv: &mut csv::Writer<W>, cells: &[&str]) -> Result<(), csv::Error> {
    for cell in cells {
        csv.write_field(neutralised(cell).as_bytes())?;
    }
    csv.write_record(std::iter::empty::<&[u8]>())
}

impl From<csv::Error> for ExportError {
    fn from(error: csv::Error) -> Self {
        match error.into_kind() {
            csv::ErrorKind::Io(io) => ExportError::Io(io),
            other => ExportError::Invalid(format!("writing CSV: {other:?}")),
        }
    }
}

/// An amount in minor units (cents) as major units, exactly: `150000005`
/// is `1500000.05`.
pub fn major_units(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let minor = minor.unsigned_abs();
    format!("{sign}{}.{:02}", minor / 100, minor % 100)
}

/// The classification's name in the import's format.
pub fn classification_name(classification: Classification) -> &'static str {
    match classification {
        Classification::Public => "public",
        Classification::Partnership => "partnership",
        Classification::Restricted => "restricted",
    }
}

/// The first characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The mark that keeps a cell as text in a spreadsheet.
const TEXT_MARK: char = '\'';

/// Whether a spreadsheet would run `cell` as a formula: it starts with one
/// of `=`, `+`, `-`, `@`, a tab or a carriage return, and is not a plain
/// number such as `-3.5` or `+2`.
pub fn is_formula(cell: &str) -> bool {
    cell.starts_with(FORMULA_STARTS) && !is_plain_number(cell)
}

fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// `cell` as written to a file: a cell a spreadsheet would run as a
/// formula, or one that starts with the text mark itself, gets the mark in
/// front; `read_cell` takes it off again.
pub fn neutralised(cell: &str) -> Cow<'_, str> {
    if is_formula(cell) || cell.starts_with(TEXT_MARK) {
        Cow::Owned(format!("{TEXT_MARK}{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell of a file that would run as a formula in a spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} would run as a formula in a spreadsheet: start it with ' to keep it as text (as accord's own export does)"
)]
pub struct FormulaCell(pub String);

/// A cell as the file means it: a formula is refused; a cell marked as
/// text by `neutralised` is its text without the mark; any other is itself.
pub fn read_cell(cell: &str) -> Result<&str, FormulaCell> {
    if is_formula(cell) {
        return Err(FormulaCell(cell.to_owned()));
    }
    match cell.strip_prefix(TEXT_MARK) {
        Some(text) if is_formula(text) || text.starts_with(TEXT_MARK) => Ok(text),
        _ => Ok(cell),
    }
}

/// How organisations are named in a cell: by name when the import would
/// find the same organisation by it, else by id.
struct OrganisationNames<'a> {
    state: &'a State,
    name_count: HashMap<&'a str, usize>,
}

impl<'a> OrganisationNames<'a> {
    fn new(state: &'a State) -> Self {
        let mut name_count: HashMap<&str, usize> = HashMap::new();
        for o in state.organisations.values() {
            *name_count.entry(o.name.as_str()).or_default() += 1;
            // An id equal to another's name would be found first by it.
            *name_count.entry(o.id.as_str()).or_default() += usize::from(o.id.as_str() != o.name);
        }
        OrganisationNames { state, name_count }
    }

    fn label(&self, id: &'a OrganisationId) -> &'a str {
        match self.state.organisations.get(id) {
            Some(o)
                if !o.name.contains(';')
                    && o.name.trim() == o.name
                    && !o.name.is_empty()
                    && self.name_count.get(o.name.as_str()) == Some(&1) =>
            {
                o.name.as_str()
            }
            _ => id.as_str(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{self, RESTRICTED, RESTRICTED_TITLE};
    use accord_domain::visibility::Viewer;

    #[test]
    fn amounts_are_exact_in_major_units() {
        assert_eq!(major_units(150_000_005), "1500000.05");
        assert_eq!(major_units(100), "1.00");
        assert_eq!(major_units(7), "0.07");
        assert_eq!(major_units(0), "0.00");
        assert_eq!(major_units(-1_050), "-10.50");
        assert_eq!(major_units(i64::MAX), "92233720368547758.07");
        assert_eq!(major_units(i64::MIN), "-92233720368547758.08");
    }

    #[test]
    fn a_cell_that_would_run_as_a_formula_is_marked_as_text_and_read_back_unchanged() {
        for formula in [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "=1",
        ] {
            assert!(is_formula(formula), "{formula:?}");
            let written = neutralised(formula);
            assert!(written.starts_with('\''), "{written}");
            assert!(!is_formula(&written));
            assert_eq!(read_cell(&written), Ok(formula));
            assert_eq!(read_cell(formula), Err(FormulaCell(formula.to_owned())));
        }
        for plain in [
            "-3.5",
            "+2",
            "12",
            "Solar - phase 2",
            "2026-05-10",
            "",
            "'quoted",
        ] {
            assert!(!is_formula(plain), "{plain:?}");
            assert_eq!(read_cell(&neutralised(plain)), Ok(plain), "{plain:?}");
        }
        assert_eq!(neutralised("-3.5"), "-3.5");
        assert_eq!(neutralised("'quoted"), "''quoted");
        assert_eq!(read_cell("'quoted"), Ok("'quoted"));
    }

    fn rows(text: &str) -> Vec<Vec<String>> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn projects_are_written_in_the_import_format() {
        let state = fixture::state();
        let text = fixture::export(&state, &Viewer::Operator, write_projects);
        assert!(text.starts_with(&PROJECTS_HEADER.join(",")));
        let rows = rows(&text);
        assert_eq!(rows.len(), 2);
        let restricted = rows.iter().find(|r| r[1] == RESTRICTED_TITLE).unwrap();
        assert_eq!(
            restricted,
            &[
                "energy",
                RESTRICTED_TITLE,
                "I.1;II.4",
                "AZ",
                "Ministry of Foreign Affairs",
                "SOCAR",
                "2026-06-01",
                "2028-12-31",
                "1500000.05",
                "USD",
                "restricted",
                "",
                RESTRICTED_TITLE,
                ""
            ]
        );
    }

    #[test]
    fn a_title_in_several_languages_has_a_column_for_each_and_the_reference_first() {
        let mut state = fixture::state();
        let project = state.projects.get_mut("tripp-power").unwrap();
        project.spec.title = [("az", "TRIPP elektrik xətti"), ("en", "TRIPP power line")]
            .into_iter()
            .map(|(l, t)| (l.to_owned(), t.to_owned()))
            .collect();
        let languages = state.charter.as_ref().unwrap().languages.clone();
        let text = fixture::export(&state, &Viewer::Operator, write_projects);
        let row = rows(&text)
            .into_iter()
            .find(|r| r[11] == "TRIPP elektrik xətti")
            .unwrap();
        assert_eq!(row[12], "TRIPP power line");
        assert_eq!(row[13], "");
        // `title`: the first of the charter's languages the title has.
        let first = languages.iter().find(|l| *l == "az" || *l == "en").unwrap();
        let expected = if first == "az" {
            "TRIPP elektrik xətti"
        } else {
            "TRIPP power line"
        };
        assert_eq!(row[1], expected, "{languages:?}");
    }

    #[test]
    fn each_table_holds_only_what_the_viewer_sees() {
        let state = fixture::state();
        for (viewer, sees) in fixture::viewers() {
            let projects = fixture::export(&state, &viewer, write_projects);
            assert_eq!(projects.contains(RESTRICTED_TITLE), sees, "{viewer:?}");
            let milestones = fixture::export(&state, &viewer, write_milestones);
            assert_eq!(milestones.contains("grid-audit"), sees, "{viewer:?}");
            assert!(milestones.contains("tripp-survey"), "{viewer:?}");
            let measurements = fixture::export(&state, &viewer, write_measurements);
            assert!(!measurements.contains(RESTRICTED), "{viewer:?}");
            assert_eq!(rows(&measurements).len(), 1, "{viewer:?}");
        }
    }

    #[test]
    fn milestones_and_measurements_have_their_columns() {
        let state = fixture::state();
        let milestones = fixture::export(&state, &Viewer::Operator, write_milestones);
        assert!(milestones.starts_with(&MILESTONES_HEADER.join(",")));
        let survey = rows(&milestones)
            .into_iter()
            .find(|r| r[0] == "tripp-survey")
            .unwrap();
        assert_eq!(
            survey,
            [
                "tripp-survey",
                "tripp-power",
                "energy",
                "Survey, route and costs",
                "2026-09-01",
                "2026-09-01",
                "2026-08-30",
                "grid-audit",
                "0",
                "Tədqiqat, marşrut və xərclər",
                "Survey, route and costs",
                ""
            ]
        );
        let measurements = fixture::export(&state, &Viewer::Operator, write_measurements);
        assert_eq!(
            rows(&measurements),
            [[
                "km-built",
                "Line built",
                "km",
                "tripp-power",
                "2026-11-01",
                "12.5",
                "site report"
            ]]
        );
    }

    #[test]
    fn an_organisation_whose_name_would_mislead_is_named_by_id() {
        let mut state = fixture::state();
        let socar = state.organisations.get_mut("socar").unwrap();
        socar.name = "SOCAR; Upstream".into();
        let text = fixture::export(&state, &Viewer::Operator, write_projects);
        assert!(text.contains(",socar,"), "{text}");
    }
}
