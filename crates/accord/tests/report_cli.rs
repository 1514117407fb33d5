//! `accord report annual`: an instance with two imported projects, its
//! annual report printed to PDF by headless Chromium and read back with
//! poppler's `pdftotext` and `pdfinfo`, the HTML naming its checkpoint, and
//! the refusals (a year out of range, an unknown language or format, no
//! Chromium) that leave no file behind.
//!
//! Chromium and poppler-utils are required: the test suite's script
//! installs them (Debian's `chromium` and `poppler-utils`).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::{ACCORD, accord};

const PROJECTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/projects.csv");
const AS_OF: &str = "2026-11-27";

/// The working groups of the bundled charter, in English.
const GROUPS_EN: [&str; 5] = [
    "Economy and trade",
    "Energy",
    "Connectivity",
    "AI and digital development",
    "Security and defense",
];

/// A program this test needs, or a panic that says how to install it.
fn required(program: &str, package: &str) -> PathBuf {
    std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "{program} is not installed: install the Debian package {package} \
                 (the test script installs it)"
            )
        })
}

/// A fresh instance with the Energy group's two projects imported.
fn instance(dir: &Path) -> String {
    let data = dir.join("data");
    let data = data.to_str().expect("a UTF-8 path").to_owned();
    accord(&["init", "--data", &data], "");
    let imported = accord(&["import", "projects", "--data", &data, PROJECTS], "");
    assert!(imported.contains("imported 2 project(s)"), "{imported}");
    data
}

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(ACCORD)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("accord runs")
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_annual_report_prints_to_an_a4_pdf_with_every_group_and_its_figures() {
    required("chromium", "chromium");
    let pdftotext = required("pdftotext", "poppler-utils");
    let pdfinfo = required("pdfinfo", "poppler-utils");
    let dir = tempfile::tempdir().unwrap();
    let data = instance(dir.path());
    let pdf = dir.path().join("report.pdf");
    let made = run(
        &[
            "report",
            "annual",
            "--data",
            &data,
            "--year",
            "2026",
            "--lang",
            "en",
            "--format",
            "pdf",
            "--as-of",
            AS_OF,
            "--output",
            pdf.to_str().unwrap(),
        ],
        &[],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert!(!dir.path().join("report.pdf.partial").exists());

    let text = Command::new(&pdftotext)
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(text.status.success());
    let text = words(&String::from_utf8_lossy(&text.stdout));
    assert!(text.contains("Annual report 2026"), "{text}");
    for group in GROUPS_EN {
        assert!(text.contains(group), "{group} missing: {text}");
    }
    // The figures: two projects, both proposed, in the Energy group.
    assert!(text.contains("2 projects"), "{text}");
    assert!(text.contains("TRIPP power line"), "{text}");
    assert!(text.contains("proposed 2"), "{text}");
    // The page numbers of the A4 layout, and the checkpoint.
    assert!(text.contains("1 / "), "no page number: {text}");
    assert!(text.contains("accord log prove inclusion"), "{text}");

    let info = Command::new(&pdfinfo).arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count: {info}"));
    assert!(pages >= 1, "{info}");
    assert!(info.contains("(A4)"), "not A4: {info}");
}

#[test]
fn the_html_report_names_the_checkpoint_it_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    let data = instance(dir.path());
    let html = dir.path().join("report.html");
    let made = run(
        &[
            "report",
            "annual",
            "--data",
            &data,
            "--year",
            "2026",
            "--lang",
            "fr",
            "--as-of",
            AS_OF,
            "--output",
            html.to_str().unwrap(),
        ],
        &[],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    let checkpoint = accord(&["log", "checkpoint", "--data", &data], "");
    let root = checkpoint.lines().nth(2).expect("a root line");
    assert!(page.contains(root), "no root hash {root}");
    let size = checkpoint.lines().nth(1).expect("a size line");
    assert!(
        page.contains(&format!("--size {size}")),
        "no tree size {size}"
    );
    assert!(page.contains("Rapport annuel 2026"));
    assert!(page.contains("<html lang=\"fr\">"));
    // Standalone: the print stylesheet is inside, with the A4 page.
    assert!(page.contains("<style>") && page.contains("size: A4"));
    assert!(!page.contains("/static/report.css"));
    // The public's version leaves the restricted project out.
    let public = dir.path().join("public.html");
    let made = run(
        &[
            "report",
            "annual",
            "--data",
            &data,
            "--year",
            "2026",
            "--public",
            "--as-of",
            AS_OF,
            "--output",
            public.to_str().unwrap(),
        ],
        &[],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let page = std::fs::read_to_string(&public).unwrap();
    assert!(!page.contains("Grid protection plan"));
    // Without --output, and not to a terminal: the same document on
    // standard output, and no file made.
    let piped = Command::new(ACCORD)
        .args([
            "report", "annual", "--data", &data, "--year", "2026", "--public", "--as-of", AS_OF,
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(piped.status.success());
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), page);
    let made: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with("annual-report"))
        .collect();
    assert!(made.is_empty(), "{made:?}");
}

#[test]
fn bad_requests_fail_clearly_and_leave_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = instance(dir.path());
    let out = dir.path().join("out.pdf");
    let out_arg = out.to_str().unwrap();
    for (args, code, message) in [
        (
            vec!["--year", "1990", "--format", "html"],
            1,
            "no annual report for 1990: the years 2026 to 2026 can be reported",
        ),
        (
            vec!["--year", "2026", "--lang", "xx"],
            2,
            "invalid value 'xx' for '--lang",
        ),
        (
            vec!["--year", "2026", "--format", "doc"],
            2,
            "invalid value 'doc' for '--format",
        ),
        (vec!["--year", "2026", "--as-of", "soon"], 2, "not a date"),
    ] {
        let mut all = vec!["report", "annual", "--data", &data, "--output", out_arg];
        all.extend(&args);
        let refused = run(&all, &[]);
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert_eq!(refused.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!out.exists(), "{args:?} left a file");
        assert!(!dir.path().join("out.pdf.partial").exists(), "{args:?}");
    }
    // Without Chromium: how to install it, and no file.
    let refused = run(
        &[
            "report", "annual", "--data", &data, "--year", "2026", "--format", "pdf", "--output",
            out_arg,
        ],
        &[("ACCORD_CHROMIUM", "/nonexistent/chromium")],
    );
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Debian package `chromium`"), "{stderr}");
    assert!(!out.exists());
}
