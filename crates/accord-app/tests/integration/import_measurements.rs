//! `import measurements`: an indicator's measurements from a spreadsheet,
//! all rows or none, every bad row named by its line and column.

use accord_app::AppError;
use accord_app::import::projects::{HEADER, plan as plan_projects};
use accord_domain::command::{Actor, Command};
use accord_domain::ids::{IndicatorId, ProjectId};
use accord_domain::model::{DatedValue, Direction, IndicatorSpec, Texts};
use accord_store::SqliteStore;
use jiff::civil::date;

use crate::support::{Instance, now};

/// An instance with two projects, each with one indicator: `power-mw`
/// (megawatts) on the power line, `berths` (count) on the port.
fn instance_with_indicators() -> (Instance, accord_app::App<SqliteStore>) {
    let instance = Instance::new();
    let app = instance.open().unwrap();
    let projects = format!(
        "{}\n{}\n{}\n",
        HEADER.join(","),
        "energy,TRIPP power line,I.3,AZ,Ministry of Energy,,2026-02-15,2028-12-31,,,public",
        "connectivity,Port of Alat,I.1,AZ,Ministry of Energy,,2026-02-15,,,,public",
    );
    let commands = app
        .read(|s| plan_projects(&projects, s, date(2026, 3, 1)))
        .unwrap();
    app.execute_all(&Actor::System, commands, now()).unwrap();
    let indicator = |id: &str, project: &str, unit: &str| Command::DefineIndicator {
        indicator: IndicatorSpec {
            id: IndicatorId::new(id),
            project: ProjectId::new(project),
            name: Texts::from([("en".to_owned(), id.to_owned())]),
            unit: unit.into(),
            direction: Direction::HigherIsBetter,
            baseline: DatedValue {
                value: "0".into(),
                date: date(2026, 2, 20),
            },
            target: DatedValue {
                value: "100".into(),
                date: date(2027, 12, 31),
            },
        },
    };
    app.execute_all(
        &Actor::System,
        vec![
            indicator("power-mw", "tripp-power-line", "MW"),
            indicator("berths", "port-of-alat", "count"),
        ],
        now(),
    )
    .unwrap();
    (instance, app)
}

fn measurements(app: &accord_app::App<SqliteStore>, indicator: &str) -> Vec<(String, String)> {
    app.read(|s| {
        s.indicators[&IndicatorId::new(indicator)]
            .measurements
            .iter()
            .map(|(m, source)| (format!("{} {}", m.date, m.value), source.clone()))
            .collect()
    })
}

#[test]
fn every_row_is_recorded_in_one_append_whatever_the_columns_order() {
    let (_instance, app) = instance_with_indicators();
    let before = app.read(|s| s.indicators.len());
    // A spreadsheet saving "CSV UTF-8" starts with a byte-order mark.
    let text = "\u{feff}source,value,date,indicator,unit\n\
                site report,12.5,2026-02-25,power-mw,MW\n\
                \"port authority, monthly\",3,2026-02-28,berths,\n\
                site report,14,2026-02-28,power-mw,\n";
    let imported = app
        .import_measurements(&Actor::System, text, None, now())
        .unwrap();
    assert_eq!(imported.count, 3);
    assert_eq!(app.read(|s| s.indicators.len()), before);
    assert_eq!(
        measurements(&app, "power-mw"),
        [
            ("2026-02-25 12.5".to_owned(), "site report".to_owned()),
            ("2026-02-28 14".to_owned(), "site report".to_owned())
        ]
    );
    assert_eq!(
        measurements(&app, "berths"),
        [(
            "2026-02-28 3".to_owned(),
            "port authority, monthly".to_owned()
        )]
    );
}

#[test]
fn the_exported_measurements_file_imports_as_it_is() {
    let (_instance, app) = instance_with_indicators();
    app.import_measurements(
        &Actor::System,
        "indicator,date,value,source\npower-mw,2026-02-25,12.5,site report\n",
        None,
        now(),
    )
    .unwrap();
    let mut exported = Vec::new();
    app.read(|s| {
        let viewer = accord_domain::visibility::Viewer::Operator;
        let scope = accord_export::ExportScope {
            state: s,
            viewer: &viewer,
            generated_at: now(),
        };
        accord_export::table::write_measurements(&scope, &mut exported).unwrap();
    });
    let exported = String::from_utf8(exported).unwrap();
    let imported = app
        .import_measurements(&Actor::System, &exported, None, now())
        .unwrap();
    assert_eq!(imported.count, 1, "{exported}");
    assert_eq!(measurements(&app, "power-mw").len(), 2);
}

#[test]
fn bad_rows_are_all_named_and_nothing_is_recorded() {
    let (_instance, app) = instance_with_indicators();
    let text = "indicator,date,value,source,unit\n\
                power-mw,2026-02-25,12.5,site report,MW\n\
                power-mw,2026-02-26,12.5,site report,kW\n\
                power-mw,2026-02-26,twelve,site report,\n\
                nowhere,2026-02-26,1,site report,\n\
                berths,26/02/2026,1,site report,\n\
                berths,2026-02-26,=1+2,site report,\n\
                berths,2027-02-26,4,site report,\n";
    let err = app
        .import_measurements(&Actor::System, text, None, now())
        .unwrap_err();
    let AppError::Import(errors) = err else {
        panic!("{err:?}")
    };
    let found: Vec<(u64, Option<&str>)> = errors.0.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(
        found,
        [
            (3, Some("unit")),
            (4, Some("value")),
            (5, Some("indicator")),
            (6, Some("date")),
            (7, Some("value")),
            (8, Some("date")),
        ],
        "{errors}"
    );
    assert!(
        measurements(&app, "power-mw").is_empty(),
        "nothing recorded"
    );
    assert!(measurements(&app, "berths").is_empty(), "nothing recorded");
}

#[test]
fn a_header_without_its_columns_is_refused_at_line_one() {
    let (_instance, app) = instance_with_indicators();
    for text in [
        "indicator,date,value\npower-mw,2026-02-25,1\n",
        "indicator,date,value,source,colour\npower-mw,2026-02-25,1,x,red\n",
        "indicator,date,value,source\n",
    ] {
        let err = app
            .import_measurements(&Actor::System, text, None, now())
            .unwrap_err();
        let AppError::Import(errors) = err else {
            panic!("{err:?}")
        };
        assert_eq!(errors.0[0].line, 1, "{text}: {errors}");
    }
}

#[test]
fn an_upload_on_a_project_page_takes_only_that_projects_indicators() {
    let (_instance, app) = instance_with_indicators();
    let text = "indicator,date,value,source\n\
                power-mw,2026-02-25,12.5,site report\n\
                berths,2026-02-25,2,site report\n";
    let only = ProjectId::new("tripp-power-line");
    let err = app
        .import_measurements(&Actor::System, text, Some(&only), now())
        .unwrap_err();
    let AppError::Import(errors) = err else {
        panic!("{err:?}")
    };
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_eq!(
        (errors.0[0].line, errors.0[0].column),
        (3, Some("indicator"))
    );
    assert!(errors.0[0].message.contains("port-of-alat"), "{errors}");
    assert!(measurements(&app, "power-mw").is_empty());
}
