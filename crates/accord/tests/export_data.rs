//! `accord export` end to end: a project list exported as CSV imports
//! into a fresh instance as the same projects; the calendar reads in the
//! PyPI `icalendar` package with a UID and a DTSTAMP on every item, the
//! same UIDs each time; the JSON document follows `docs/export.schema.json`;
//! a viewer that does not exist is a usage error.
//!
//! The Python with `icalendar` is the one `scripts/test` prepares and
//! names in `ACCORD_VALIDATORS`; without it the test fails and says so.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{ACCORD, accord, accord_outcome};

/// Two projects of the energy group: several provisions, a partner, an
/// investment with cents, both classifications the public may or may not see.
const PROJECTS: &str = "\
working_group,title,provisions,lead_party,lead_organisation,partners,start,end,amount,currency,classification
energy,TRIPP power line,I.1;II.4,AZ,az-mfa,SOCAR;ACWA Power,2026-06-01,2028-12-31,1500000.05,usd,public
energy,\"Grid protection, phase 1\",II.4,US,us-dos,,2026-07-15,,250000,USD,restricted
";

/// A fresh instance in `dir`, with the two projects imported.
fn instance(dir: &Path, name: &str, csv: &str) -> String {
    let data = dir.join(name);
    let data = data.to_str().expect("a UTF-8 path").to_owned();
    accord(&["init", "--data", &data], "");
    let file = dir.join(format!("{name}.csv"));
    std::fs::write(&file, csv).unwrap();
    accord(
        &[
            "import",
            "projects",
            file.to_str().unwrap(),
            "--data",
            &data,
        ],
        "",
    );
    data
}

/// The rows of a CSV text, header first.
fn rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn a_project_list_round_trips_through_csv() {
    let dir = tempfile::tempdir().unwrap();
    let first = instance(dir.path(), "first", PROJECTS);
    let exported = accord(&["export", "csv", "--data", &first], "");
    let table = rows(&exported);
    assert_eq!(table[0], accord_export::table::PROJECTS_HEADER);
    assert_eq!(table.len(), 3, "{exported}");
    let tripp = table.iter().find(|r| r[1] == "TRIPP power line").unwrap();
    assert_eq!(
        tripp,
        &[
            "energy",
            "TRIPP power line",
            "I.1;II.4",
            "AZ",
            "az-mfa",
            "SOCAR;ACWA Power",
            "2026-06-01",
            "2028-12-31",
            "1500000.05",
            "USD",
            "public",
            // A title imported without a language has none of its own.
            "",
            "",
            ""
        ]
    );
    let grid = table
        .iter()
        .find(|r| r[1] == "Grid protection, phase 1")
        .unwrap();
    assert_eq!(grid[7], "", "no end date");
    assert_eq!(grid[8], "250000.00");
    assert_eq!(grid[10], "restricted");

    // Into a fresh instance: the same projects, exported the same way.
    let second = instance(dir.path(), "second", &exported);
    let again = accord(&["export", "csv", "--data", &second], "");
    assert_eq!(rows(&again), table);

    // The public's file holds the public project only.
    let public = accord(&["export", "csv", "--public", "--data", &first], "");
    assert!(!public.contains("Grid protection"), "{public}");
    // The other tables have their headers, even with nothing in them.
    let milestones = accord(
        &["export", "csv", "--table", "milestones", "--data", &first],
        "",
    );
    assert_eq!(rows(&milestones), [accord_export::table::MILESTONES_HEADER]);
    let measurements = accord(
        &["export", "csv", "--table", "measurements", "--data", &first],
        "",
    );
    assert_eq!(
        rows(&measurements),
        [accord_export::table::MEASUREMENTS_HEADER]
    );
}

/// The Python with `icalendar` that `scripts/test` prepared.
fn validators_python() -> PathBuf {
    let hint = "run scripts/test, which sets ACCORD_VALIDATORS";
    let Some(python) = std::env::var_os("ACCORD_VALIDATORS") else {
        panic!("ACCORD_VALIDATORS is not set: {hint}");
    };
    let python = PathBuf::from(python);
    assert!(
        python.is_file(),
        "{} does not exist: {hint}",
        python.display()
    );
    python
}

/// Reads the calendar at `path` with `icalendar`; answers each VEVENT's
/// and VTODO's UID, and fails when one has no UID or no DTSTAMP.
fn calendar_uids(path: &Path) -> Vec<String> {
    const SCRIPT: &str = r#"
import json, sys
import icalendar
with open(sys.argv[1], "rb") as f:
    calendar = icalendar.Calendar.from_ical(f.read())
assert calendar.name == "VCALENDAR", calendar.name
assert str(calendar.get("VERSION")) == "2.0"
uids = []
for component in calendar.walk():
    if component.name in ("VEVENT", "VTODO"):
        for needed in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert component.get(needed) is not None, (needed, dict(component))
        if component.name == "VEVENT":
            start = component.decoded("DTSTART")
            end = component.decoded("DTEND")
            assert (end - start).days == 1, (start, end)
        uids.append(str(component.get("UID")))
print(json.dumps(uids))
"#;
    let out = Command::new(validators_python())
        .args(["-c", SCRIPT, path.to_str().unwrap()])
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "icalendar refused {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON list of UIDs")
}

#[test]
fn the_calendar_reads_in_icalendar_with_stable_uids() {
    let dir = tempfile::tempdir().unwrap();
    let data = instance(dir.path(), "data", PROJECTS);
    let first = dir.path().join("first.ics");
    let second = dir.path().join("second.ics");
    for file in [&first, &second] {
        accord(
            &[
                "export",
                "ics",
                "--data",
                &data,
                "--output",
                file.to_str().unwrap(),
            ],
            "",
        );
    }
    let uids = calendar_uids(&first);
    // Each of the nine groups' project list and roadmap, and the next
    // charter meeting.
    assert!(uids.len() >= 3, "{uids:?}");
    assert!(
        uids.iter()
            .any(|u| u.starts_with("deadline-energy-project-list@")),
        "{uids:?}"
    );
    assert!(uids.iter().any(|u| u.starts_with("charter-meeting-due-")));
    assert_eq!(calendar_uids(&second), uids, "the same UIDs each time");
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        text.lines().all(|l| l.len() <= 76),
        "lines fold at 75 octets"
    );
}

#[test]
fn the_json_document_follows_its_schema() {
    let dir = tempfile::tempdir().unwrap();
    let data = instance(dir.path(), "data", PROJECTS);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/export.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    for viewer in [&[][..], &["--public"][..], &["--as", "az-coord"][..]] {
        let mut args = vec!["export", "json", "--data", &data];
        args.extend_from_slice(viewer);
        let (ok, stdout, stderr) = accord_outcome(&args, "");
        if viewer.contains(&"az-coord") {
            // A fresh instance has no people: the viewer is refused.
            assert!(!ok, "{stdout}");
            assert!(stderr.contains("az-coord"), "{stderr}");
            continue;
        }
        assert!(ok, "{stderr}");
        let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&document)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{viewer:?}: {errors:#?}");
        let projects = document["projects"].as_array().unwrap().len();
        assert_eq!(
            projects,
            if viewer.is_empty() { 2 } else { 0 },
            "{viewer:?}"
        );
        assert_eq!(
            document["log"]["origin"].as_str().map(str::is_empty),
            Some(false)
        );
    }
}

#[test]
fn an_unknown_viewer_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    accord(&["init", "--data", data], "");
    for format in ["ics", "csv", "popolo", "json"] {
        let out = Command::new(ACCORD)
            .args(["export", format, "--data", data, "--as", "nobody"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("nobody"), "{format}: {stderr}");
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(out.stdout.is_empty(), "{format}: nothing written");
    }
}
