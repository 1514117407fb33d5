//! `accord report annual --year YYYY`: the annual report the parties bring
//! to their yearly meeting, as one standalone HTML file or as an A4 PDF.
//!
//! The HTML is the web page's own document (`accord_web::pages::report`),
//! with its print stylesheet inside. The PDF is that file printed by
//! headless Chromium (`chromium` on the PATH, or `ACCORD_CHROMIUM`). The
//! output is written beside its final name and renamed when complete, so a
//! refused or failed report never leaves a file, empty or half written.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use accord_app::App;
use accord_web::lang::Lang;
use accord_web::pages::report::{Mode, annual_report};
use anyhow::{Context as _, bail};
use clap::{Args, Subcommand, ValueEnum};

use crate::commands::UsageError;
use crate::commands::viewer::ViewerArgs;
use crate::instance::InstanceArgs;
use crate::output::Sink;

/// The variable that names the Chromium program to print with.
pub const CHROMIUM_VARIABLE: &str = "ACCORD_CHROMIUM";
/// How long Chromium may take to print a report.
const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The annual report of one year: what was agreed and by whom, progress,
    /// indicators, obligations met or missed, meetings and their decisions.
    Annual(AnnualArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportLang {
    Fr,
    En,
    Az,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    Pdf,
}

#[derive(Debug, Args)]
pub struct AnnualArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The calendar year to report on (from the charter's signature year).
    #[arg(long, value_name = "YYYY")]
    pub year: i16,
    #[arg(long, value_enum, default_value_t = ReportLang::Fr)]
    pub lang: ReportLang,
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Judge the year on this date when it comes before the year's end
    /// (ISO 8601). Default: today (UTC).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub viewer: ViewerArgs,
    /// The file to write. Default: standard output, or, on a terminal,
    /// `annual-report-YYYY-LANG.html` (or `.pdf`).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(command: ReportCommand) -> anyhow::Result<ExitCode> {
    match command {
        ReportCommand::Annual(args) => annual(&args),
    }
}

fn annual(args: &AnnualArgs) -> anyhow::Result<ExitCode> {
    let as_of = match &args.as_of {
        Some(text) => text.parse::<jiff::civil::Date>().map_err(|_| {
            UsageError(format!("--as-of {text:?} is not a date such as 2026-05-10"))
        })?,
        None => accord_app::utc_date(jiff::Timestamp::now()),
    };
    let lang = match args.lang {
        ReportLang::Fr => Lang::Fr,
        ReportLang::En => Lang::En,
        ReportLang::Az => Lang::Az,
    };
    let extension = match args.format {
        ReportFormat::Html => "html",
        ReportFormat::Pdf => "pdf",
    };
    // Standard output unless a file is named, or standard output is a
    // terminal (a PDF is no text to show there).
    let output = args.output.clone().or_else(|| {
        std::io::stdout().is_terminal().then(|| {
            PathBuf::from(format!(
                "annual-report-{}-{}.{extension}",
                args.year,
                lang.code()
            ))
        })
    });
    // Found before anything is read: a missing printer is said at once.
    let chromium = match args.format {
        ReportFormat::Pdf => Some(find_chromium()?),
        ReportFormat::Html => None,
    };

    let app = App::open(args.instance.open_ledger()?, &mut |_, _| {})?;
    let viewer = args.viewer.resolve(&app)?;
    let uri = format!("/reports/annual/{}", args.year)
        .parse()
        .context("the report's address")?;
    let html = annual_report(
        &app,
        &viewer,
        args.year,
        lang,
        as_of,
        &uri,
        Mode::Standalone,
    )
    .with_context(|| format!("cannot make the annual report of {}", args.year))?;

    let bytes = match &chromium {
        None => html.into_bytes(),
        Some(program) => print_to_pdf(program, &html)?,
    };
    let mut sink = Sink::open(output.as_deref())?;
    let written = sink.writer().write_all(&bytes);
    sink.finish(written)?;
    if let Some(output) = output {
        eprintln!("wrote {}", output.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Chromium: `ACCORD_CHROMIUM`, else `chromium` (or `chromium-browser`) on the PATH.
fn find_chromium() -> anyhow::Result<PathBuf> {
    if let Some(named) = std::env::var_os(CHROMIUM_VARIABLE).filter(|v| !v.is_empty()) {
        let program = PathBuf::from(named);
        if program.is_file() {
            return Ok(program);
        }
        bail!(
            "{CHROMIUM_VARIABLE} names {}, which is not a file: set it to Chromium's program, \
             or install the Debian package `chromium` (apt-get install chromium)",
            program.display()
        );
    }
    let on_path = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default();
    ["chromium", "chromium-browser"]
        .iter()
        .flat_map(|name| on_path.iter().map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .with_context(|| {
            format!(
                "a PDF is printed by headless Chromium, which is not installed: install the \
                 Debian package `chromium` (apt-get install chromium), or set \
                 {CHROMIUM_VARIABLE} to its program; `--format html` needs no Chromium"
            )
        })
}

/// Prints `html` to an A4 PDF with headless Chromium, in a fresh profile,
/// with no network of its own; answers the PDF's bytes.
fn print_to_pdf(chromium: &Path, html: &str) -> anyhow::Result<Vec<u8>> {
    let scratch = tempfile::Builder::new()
        .prefix("accord-report-")
        .tempdir()
        .context("cannot create a temporary folder")?;
    let page = scratch.path().join("annual-report.html");
    std::fs::write(&page, html).with_context(|| format!("cannot write {}", page.display()))?;
    let profile = scratch.path().join("profile");
    let target = scratch.path().join("annual-report.pdf");
    let page_url = format!("file://{}", std::path::absolute(&page)?.display());
    // Chromium's messages go to a file: a pipe nobody reads could fill and stall it.
    let log_path = scratch.path().join("chromium.log");
    let log = std::fs::File::create(&log_path)
        .with_context(|| format!("cannot create {}", log_path.display()))?;
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", target.display()))
        .arg(&page_url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .with_context(|| format!("cannot run {}", chromium.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > PRINT_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "{} did not print the report within {} s",
                chromium.display(),
                PRINT_TIMEOUT.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let errors = std::fs::read_to_string(&log_path).unwrap_or_default();
    let printed = std::fs::read(&target).unwrap_or_default();
    if !status.success() || !printed.starts_with(b"%PDF") {
        let last_line = errors.lines().rev().find(|l| !l.trim().is_empty());
        bail!(
            "{} could not print the report ({status}){}",
            chromium.display(),
            last_line.map(|l| format!(": {l}")).unwrap_or_default()
        );
    }
    Ok(printed)
}
