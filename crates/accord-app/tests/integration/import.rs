//! `import projects`: all rows or none, every bad row named by line and column.

use accord_app::import::projects::{HEADER, RowError, plan};
use accord_domain::command::{Actor, Command};
use accord_domain::model::ProjectStatus;
use jiff::civil::date;

use crate::support::{Instance, now};

fn csv(rows: &[&str]) -> String {
    let mut text = HEADER.join(",");
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.push('\n');
    text
}

#[test]
fn a_good_file_proposes_every_project_and_registers_new_organisations() {
    let instance = Instance::new();
    let app = instance.open().unwrap();
    let text = csv(&[
        "energy,TRIPP power line,I.3,AZ,Ministry of Energy,SOCAR;Bechtel,2026-06-01,2028-12-31,150000000,USD,public",
        "energy,Grid protection,I.1;I.3,US,Department of Energy,,2026-07-01,,,,restricted",
        r#"connectivity,"Port of Alat, phase 2",I.1,AZ,Ministry of Energy,SOCAR,,,2500000.50,usd,partnership"#,
    ]);
    let commands = app.read(|s| plan(&text, s, date(2026, 3, 1))).unwrap();
    let projects = commands
        .iter()
        .filter(|c| matches!(c, Command::ProposeProject { .. }))
        .count();
    assert_eq!(projects, 3);
    app.execute_all(&Actor::System, commands, now()).unwrap();
    app.read(|s| {
        assert_eq!(s.projects.len(), 3);
        assert!(
            s.projects
                .values()
                .all(|p| p.status == ProjectStatus::Proposed)
        );
        let port = &s.projects["port-of-alat-phase-2"];
        assert_eq!(
            port.spec.investment.as_ref().unwrap().amount_minor,
            250_000_050
        );
        assert_eq!(port.spec.investment.as_ref().unwrap().currency, "USD");
        assert_eq!(
            port.spec.partners,
            vec![accord_domain::ids::OrganisationId::new("socar")]
        );
        assert_eq!(
            s.organisations.len(),
            4,
            "Ministry of Energy, SOCAR, Bechtel, Department of Energy"
        );
    });
}

#[test]
fn bad_rows_are_all_reported_and_nothing_is_imported() {
    let instance = Instance::new();
    let app = instance.open().unwrap();
    let text = csv(&[
        "energy,Good one,I.3,AZ,Ministry,,2026-06-01,,,,public",
        "energy,No provision,,AZ,Ministry,,,,,,public",
        "energy,Bad date,I.3,AZ,Ministry,,2026-13-01,,,,public",
        "space,Unknown group,I.3,AZ,Ministry,,,,,,public",
        "energy,Unknown provision,IX.1,AZ,Ministry,,,,,,public",
        "energy,Bad party,I.3,FR,Ministry,,,,,,public",
        "energy,Bad class,I.3,AZ,Ministry,,,,,,secret",
    ]);
    let errors = app
        .read(|s| plan(&text, s, date(2026, 3, 1)))
        .unwrap_err()
        .0;
    let at = |e: &RowError| (e.line, e.column);
    assert_eq!(
        errors.iter().map(at).collect::<Vec<_>>(),
        vec![
            (3, Some("provisions")),
            (4, Some("start")),
            (5, Some("working_group")),
            (6, Some("provisions")),
            (7, Some("lead_party")),
            (8, Some("classification")),
        ]
    );
    assert!(errors[3].message.contains("IX.1"), "{}", errors[3].message);
    assert_eq!(app.read(|s| s.projects.len()), 0);
}

#[test]
fn a_wrong_header_is_refused_at_line_one() {
    let instance = Instance::new();
    let app = instance.open().unwrap();
    let errors = app
        .read(|s| plan("title,working_group\nx,energy\n", s, date(2026, 3, 1)))
        .unwrap_err()
        .0;
    assert_eq!(errors[0].line, 1);
    assert!(errors[0].message.contains("working_group,title,provisions"));
}

#[test]
fn two_projects_with_one_title_get_distinct_ids() {
    let instance = Instance::new();
    let app = instance.open().unwrap();
    let text = csv(&[
        "energy,Solar,I.3,AZ,M,,,,,,public",
        "energy,Solar,I.3,AZ,M,,,,,,public",
    ]);
    let commands = app.read(|s| plan(&text, s, date(2026, 3, 1))).unwrap();
    app.execute_all(&Actor::System, commands, now()).unwrap();
    app.read(|s| assert!(s.projects.contains_key("solar") && s.projects.contains_key("solar-2")));
}

#[test]
fn titles_per_language_come_from_their_columns_and_a_plain_title_stays_valid() {
    let instance = Instance::new();
    let app = instance.open().unwrap();
    let mut text = HEADER.join(",");
    text.push_str(",title_az,title_en,title_fr\n");
    text.push_str("energy,Solar plant,I.3,AZ,M,,,,,,public,Günəş stansiyası,Solar plant,\n");
    text.push_str("energy,Wind farm,I.3,AZ,M,,,,,,public,,,\n");
    text.push_str("energy,Ferme éolienne,I.3,AZ,M,,,,,,public,,Offshore wind,\n");
    let commands = app.read(|s| plan(&text, s, date(2026, 3, 1))).unwrap();
    app.execute_all(&Actor::System, commands, now()).unwrap();
    app.read(|s| {
        let title = |id: &str| {
            s.projects[id]
                .spec
                .title
                .iter()
                .map(|(l, t)| format!("{l}:{t}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            title("solar-plant"),
            ["az:Günəş stansiyası", "en:Solar plant"]
        );
        assert_eq!(title("wind-farm"), ["und:Wind farm"]);
        // A plain title that is none of the languages' is kept beside them.
        assert_eq!(
            title("offshore-wind"),
            ["en:Offshore wind", "und:Ferme éolienne"]
        );
    });
    // A column that is not a title in a language is refused at line one.
    let errors = app
        .read(|s| {
            plan(
                &format!("{},title_english\n", HEADER.join(",")),
                s,
                date(2026, 3, 1),
            )
        })
        .unwrap_err()
        .0;
    assert_eq!(errors[0].line, 1);
}

#[test]
fn a_formula_cell_is_refused_with_its_column_and_a_marked_one_reads_as_text() {
    let instance = Instance::new();
    let app = instance.open().unwrap();
    let text = format!(
        "{},title_en\n{}\n{}\n",
        HEADER.join(","),
        r#"energy,Solar,I.1,AZ,"=HYPERLINK(""http://evil"")",,,,,,public,Solar"#,
        "energy,Wind,I.1,AZ,,@SUM(A1),,,,,public,+cmd",
    );
    let errors = app
        .read(|s| plan(&text, s, date(2026, 3, 1)))
        .unwrap_err()
        .0;
    let at: Vec<(u64, Option<&str>)> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(
        at,
        [
            (2, Some("lead_organisation")),
            (3, Some("partners")),
            (3, Some("title_en"))
        ]
    );
    assert!(
        errors[0].message.contains("formula"),
        "{}",
        errors[0].message
    );

    // A cell marked as text, as the export writes one, is its text.
    let text = csv(&["energy,'=Solar for all,I.1,AZ,,,,,,,public"]);
    let commands = app.read(|s| plan(&text, s, date(2026, 3, 1))).unwrap();
    app.execute_all(&Actor::System, commands, now()).unwrap();
    app.read(|s| {
        let titles: Vec<&String> = s
            .projects
            .values()
            .flat_map(|p| p.spec.title.values())
            .collect();
        assert_eq!(titles, ["=Solar for all"]);
    });
}

#[test]
fn a_row_refused_half_way_leaves_nothing_and_later_rows_are_still_judged() {
    let instance = Instance::new();
    let app = instance.open().unwrap();
    // Line 2 registers a new partner, then is refused for its provision;
    // line 3 names the same partner and is good; line 4 is bad too.
    let text = csv(&[
        "energy,Solar,Z.9,AZ,,New Partner,,,,,public",
        "energy,Wind,I.1,AZ,,New Partner,,,,,public",
        "energy,Hydro,I.1,AZ,,,2027-01-01,2026-01-01,,,public",
    ]);
    let errors = app
        .read(|s| plan(&text, s, date(2026, 3, 1)))
        .unwrap_err()
        .0;
    let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 4]);
    app.read(|s| {
        assert!(s.projects.is_empty());
        assert!(!s.organisations.keys().any(|o| o.as_str() == "new-partner"));
    });
}
