//! `accord charter …`: parse a published charter text and compare language versions.
//!
//! The bundled charter (the Azerbaijan–United States Strategic Partnership
//! Charter, French text) and its metadata are compiled into the binary, so
//! `accord charter parse` works from any directory. Files are read here, and
//! only here: `accord-charter` is given bytes and returns values.

use crate::output::{out, outln};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use accord_charter::{Charter, CharterMetadata, ObligationKind};
use anyhow::Context as _;
use clap::{Subcommand, ValueEnum};

use super::UsageError;

use crate::bundled::{METADATA as BUNDLED_METADATA, TEXT as BUNDLED_TEXT};

const BUNDLED_NAME: &str = "charters/az-us-2026.fr.txt (bundled)";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable outline with provision ids.
    Text,
    /// The structured charter (see docs/charter-json.md).
    Json,
}

#[derive(Debug, Subcommand)]
pub enum CharterCommand {
    /// Parse a charter text (default: the bundled Azerbaijan–United States charter).
    Parse {
        /// The charter's text file (UTF-8; Windows-1252 is read with a warning).
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Metadata to apply (TOML: signature date, party codes, working-group
        /// ids). Default: the bundled metadata, for the bundled text only.
        #[arg(long, value_name = "TOML")]
        metadata: Option<PathBuf>,
        /// Signature date to use instead of the metadata's (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        signature_date: Option<String>,
    },
    /// Compare two language versions of one charter provision by provision;
    /// exit 1 when they do not correspond.
    Align {
        /// One language version.
        file_a: PathBuf,
        /// Another language version of the same charter.
        file_b: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

pub fn run(command: CharterCommand) -> anyhow::Result<ExitCode> {
    match command {
        CharterCommand::Parse {
            file,
            format,
            metadata,
            signature_date,
        } => {
            let (charter, _) = load(
                file.as_deref(),
                metadata.as_deref(),
                signature_date.as_deref(),
            )?;
            let out = match format {
                Format::Json => serde_json::to_string_pretty(&charter)? + "\n",
                Format::Text => render(&charter),
            };
            out!("{out}");
            Ok(ExitCode::SUCCESS)
        }
        CharterCommand::Align {
            file_a,
            file_b,
            format,
        } => {
            let (a, name_a) = load(Some(&file_a), None, None)?;
            let (b, name_b) = load(Some(&file_b), None, None)?;
            let alignment = accord_charter::align(&a, &b);
            match format {
                Format::Json => {
                    let json = serde_json::json!({
                        "a": { "file": name_a, "language": a.language },
                        "b": { "file": name_b, "language": b.language },
                        "corresponds": alignment.corresponds(),
                        "matched": alignment.matched,
                        "differences": alignment.differences.iter().map(|d| serde_json::json!({"at": d.at, "message": d.message})).collect::<Vec<_>>(),
                        "notes": alignment.notes.iter().map(|d| serde_json::json!({"at": d.at, "message": d.message})).collect::<Vec<_>>(),
                    });
                    outln!("{}", serde_json::to_string_pretty(&json)?);
                }
                Format::Text => {
                    outln!("A: {name_a} ({}): {}", a.language, summary(&a));
                    outln!("B: {name_b} ({}): {}", b.language, summary(&b));
                    for d in &alignment.differences {
                        outln!("differs  {d}");
                    }
                    for n in &alignment.notes {
                        outln!("note     {n}");
                    }
                    if alignment.corresponds() {
                        outln!(
                            "the two versions correspond: {} provisions aligned",
                            alignment.matched
                        );
                    } else {
                        outln!(
                            "the two versions do not correspond: {} difference(s), {} provisions aligned",
                            alignment.differences.len(),
                            alignment.matched
                        );
                    }
                }
            }
            Ok(if alignment.corresponds() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}

/// Reads, decodes and parses a charter file (or the bundled one), printing
/// decoding warnings on stderr. Returns the charter and the name to show.
fn load(
    file: Option<&Path>,
    metadata: Option<&Path>,
    signature_date: Option<&str>,
) -> anyhow::Result<(Charter, String)> {
    let (bytes, name) = match file {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            (bytes, path.display().to_string())
        }
        None => (BUNDLED_TEXT.as_bytes().to_vec(), BUNDLED_NAME.to_owned()),
    };
    let meta = match metadata {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Some(
                CharterMetadata::from_toml(&text)
                    .with_context(|| format!("reading metadata {}", path.display()))?,
            )
        }
        None if bytes == BUNDLED_TEXT.as_bytes() => Some(
            CharterMetadata::from_toml(BUNDLED_METADATA)
                .context("reading the bundled metadata charters/az-us-2026.toml")?,
        ),
        None => None,
    };
    let meta = match (meta, signature_date) {
        (Some(m), Some(date)) => Some(
            m.with_signature_date(date)
                .map_err(|e| UsageError(e.message))?,
        ),
        (None, Some(_)) => {
            return Err(UsageError(
                "--signature-date needs metadata: give --metadata FILE".to_owned(),
            )
            .into());
        }
        (m, None) => m,
    };
    let decoded = accord_charter::decode(&bytes).with_context(|| format!("parsing {name}"))?;
    for w in &decoded.warnings {
        eprintln!("accord: warning: {name}: {w}");
    }
    let mut charter = accord_charter::parse_with(&decoded.text, meta.as_ref())
        .with_context(|| format!("parsing {name}"))?;
    let mut warnings: Vec<accord_charter::Warning> = decoded
        .warnings
        .into_iter()
        .map(|message| accord_charter::Warning {
            line: None,
            message,
        })
        .collect();
    warnings.append(&mut charter.warnings);
    charter.warnings = warnings;
    Ok((charter, name))
}

fn summary(c: &Charter) -> String {
    let provisions = c.sections.iter().map(|s| s.paragraphs.len()).sum::<usize>();
    format!(
        "{} parties, {} recitals, {} sections, {} provisions in sections",
        c.parties.len(),
        c.preamble.len(),
        c.sections.len(),
        provisions
    )
}

/// Width of the outline, in characters.
const WIDTH: usize = 100;

fn excerpt(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
    if let Some(space) = s.rfind(' ')
        && space > width / 2
    {
        s.truncate(space);
    }
    s.push('…');
    s
}

/// The readable outline.
fn render(c: &Charter) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", c.title.as_deref().unwrap_or("(untitled)"));
    let _ = writeln!(
        o,
        "language {} · {} · {} working groups · {} obligations · {} instruments",
        c.language,
        summary(c),
        c.working_groups.len(),
        c.obligations.len(),
        c.instruments.len()
    );
    if let Some(m) = &c.metadata {
        let codes: Vec<&str> = m.parties.iter().map(|p| p.code.as_str()).collect();
        let _ = writeln!(
            o,
            "charter {} · signed {} · parties {}",
            m.id,
            m.signature_date,
            codes.join(", ")
        );
    }
    let _ = writeln!(o, "\nParties");
    for p in &c.parties {
        let _ = writeln!(o, "  - {p}");
    }
    let line = |o: &mut String, id: &str, text: &str| {
        let _ = writeln!(o, "  {id:<8}{}", excerpt(text, WIDTH - 10));
    };
    if !c.preamble.is_empty() {
        let _ = writeln!(o, "\nPreamble");
        for p in &c.preamble {
            line(&mut o, &p.id, &p.text);
        }
    }
    for s in &c.sections {
        let _ = writeln!(
            o,
            "\nSection {}{}",
            s.number,
            s.title
                .as_deref()
                .map(|t| format!(" — {t}"))
                .unwrap_or_default()
        );
        for p in &s.paragraphs {
            line(&mut o, &p.id, &p.text);
        }
    }
    if !c.working_groups.is_empty() {
        let _ = writeln!(o, "\nWorking groups");
        for w in &c.working_groups {
            let _ = writeln!(o, "  {:<22} {} ({})", w.id, w.label, w.provision);
        }
    }
    if !c.obligations.is_empty() {
        let _ = writeln!(o, "\nObligations");
        for ob in &c.obligations {
            let what = match &ob.kind {
                ObligationKind::Deadline {
                    within, from, due, ..
                } => format!(
                    "deadline: within {within} of {from}{}",
                    due.as_deref()
                        .map(|d| format!(", due {d}"))
                        .unwrap_or_default()
                ),
                ObligationKind::Recurring { every } => format!("recurring: every {every} at least"),
                ObligationKind::MutualAgreement => "by mutual agreement".to_owned(),
            };
            let _ = writeln!(o, "  {:<8}{what}", ob.provision);
            let trigger = ob.trigger.split_whitespace().collect::<Vec<_>>().join(" ");
            let _ = writeln!(
                o,
                "          “{}” (line {})",
                excerpt(&trigger, WIDTH - 24),
                ob.line
            );
        }
    }
    if !c.instruments.is_empty() {
        let _ = writeln!(o, "\nInstruments");
        for i in &c.instruments {
            let when = i.date.as_deref().unwrap_or("undated");
            let place = i
                .place
                .as_deref()
                .map(|p| format!(", {p}"))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "  {when}{place} ({}): {}",
                i.provision,
                excerpt(&i.title, WIDTH - 30)
            );
        }
    }
    if let Some(cl) = &c.closing {
        let _ = writeln!(
            o,
            "\nClosing (line {})\n  {}",
            cl.line,
            excerpt(&cl.text, WIDTH - 2)
        );
    }
    if !c.warnings.is_empty() {
        let _ = writeln!(o, "\nWarnings");
        for w in &c.warnings {
            match w.line {
                Some(l) => {
                    let _ = writeln!(o, "  line {l}: {}", w.message);
                }
                None => {
                    let _ = writeln!(o, "  {}", w.message);
                }
            }
        }
    }
    o
}
