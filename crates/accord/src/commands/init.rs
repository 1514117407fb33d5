//! `accord init`: create an instance from a charter, with its working groups
//! and obligations read from the text.

use crate::output::outln;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use accord_app::App;
use accord_app::charter_record::charter_record;
use accord_charter::CharterMetadata;
use accord_domain::command::{Actor, Command};
use accord_domain::model::Obligation;
use anyhow::{Context as _, bail};
use clap::Args;

use crate::bundled;
use crate::commands::UsageError;
use crate::instance::InstanceArgs;

#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// A charter text: the reference version first, then its other language
    /// versions (repeat the option). Default: the bundled charter.
    #[arg(long = "charter", value_name = "FILE")]
    pub charters: Vec<PathBuf>,
    /// The charter's metadata (signature date, party codes, working-group
    /// ids). Default: the TOML file beside the first text, named without its
    /// language suffix (`az-us-2026.fr.txt` → `az-us-2026.toml`).
    #[arg(long, value_name = "FILE")]
    pub metadata: Option<PathBuf>,
    /// The signature date (ISO 8601), overriding the metadata's.
    #[arg(long, value_name = "DATE")]
    pub signed_on: Option<String>,
    /// The log's origin, the name its checkpoints carry. Default:
    /// `accord/` followed by the charter's id.
    #[arg(long, value_name = "NAME")]
    pub origin: Option<String>,
}

impl InitArgs {
    /// `accord init` with no options: the bundled charter, in `instance`.
    pub fn bundled(instance: InstanceArgs) -> Self {
        InitArgs {
            instance,
            charters: Vec::new(),
            metadata: None,
            signed_on: None,
            origin: None,
        }
    }
}

/// What `initialise` made.
#[derive(Debug)]
pub struct Initialised {
    /// One line on the charter: date, languages, parties, groups, obligations.
    pub summary: String,
    /// The log's size after initialisation.
    pub size: u64,
}

pub fn run(args: InitArgs) -> anyhow::Result<ExitCode> {
    let done = initialise(&args)?;
    outln!("initialised {}", args.instance.data.display());
    outln!("{}", done.summary);
    outln!("log: {} entries, checkpoint signed", done.size);
    Ok(ExitCode::SUCCESS)
}

/// Creates the instance `args` describe: reads and aligns the charter's
/// versions, makes the data folder, its key and store, and records the
/// charter with its working groups.
pub fn initialise(args: &InitArgs) -> anyhow::Result<Initialised> {
    let signed_on = match &args.signed_on {
        Some(text) => Some(text.parse::<jiff::civil::Date>().map_err(|_| {
            UsageError(format!(
                "--signed-on {text:?} is not a date such as 2026-02-10"
            ))
        })?),
        None => None,
    };
    let (metadata_name, metadata_text) = match (&args.metadata, args.charters.first()) {
        (Some(path), _) => (path.display().to_string(), read(path)?),
        (None, Some(first)) => {
            let path = metadata_beside(first);
            (
                path.display().to_string(),
                read(&path).with_context(|| format!("{} needs its metadata", first.display()))?,
            )
        }
        (None, None) => (
            bundled::METADATA_NAME.to_owned(),
            bundled::METADATA.to_owned(),
        ),
    };
    let metadata = CharterMetadata::from_toml(&metadata_text)
        .with_context(|| format!("in {metadata_name}"))?;

    let mut versions = Vec::new();
    if args.charters.is_empty() {
        versions.push(
            accord_charter::parse_with(bundled::TEXT, Some(&metadata))
                .context("the bundled charter")?,
        );
    }
    for path in &args.charters {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let charter = accord_charter::parse_bytes(&bytes, Some(&metadata))
            .with_context(|| format!("{}", path.display()))?;
        for w in &charter.warnings {
            eprintln!("{}: warning: {}", path.display(), w.message);
        }
        versions.push(charter);
    }
    if let Some((reference, others)) = versions.split_first() {
        for (other, path) in others.iter().zip(args.charters.iter().skip(1)) {
            let alignment = accord_charter::align(reference, other);
            if !alignment.differences.is_empty() {
                bail!(
                    "{} does not correspond to the reference version provision by provision ({} difference(s)); see `accord charter align`",
                    path.display(),
                    alignment.differences.len()
                );
            }
        }
    }
    let record = charter_record(&versions, &metadata, signed_on)
        .context("the charter cannot start an instance")?;

    let origin = args
        .origin
        .clone()
        .unwrap_or_else(|| format!("accord/{}", metadata.id));
    let ledger = args.instance.init(&origin)?;
    let app = App::open(ledger, &mut |_, _| {})?;
    let summary = summary(&record);
    let receipt = app.execute(
        &Actor::System,
        Command::Initialise {
            origin,
            charter: record,
        },
        jiff::Timestamp::now(),
    )?;
    Ok(Initialised {
        summary,
        size: receipt.size,
    })
}

fn summary(record: &accord_domain::model::CharterRecord) -> String {
    let count = |f: fn(&Obligation) -> bool| record.obligations.iter().filter(|o| f(o)).count();
    format!(
        "charter signed on {} in {}; {} parties; {} provisions ({} commitments); {} working groups; obligations: {} deadline(s), {} recurring, {} by mutual agreement",
        record.signed_on,
        record.languages.join(", "),
        record.parties.len(),
        record.provisions.len(),
        record.provisions.iter().filter(|p| p.commitment).count(),
        record.working_groups.len(),
        count(|o| matches!(o, Obligation::Deadline { .. })),
        count(|o| matches!(o, Obligation::Recurring { .. })),
        count(|o| matches!(o, Obligation::MutualAgreement { .. })),
    )
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// `dir/az-us-2026.fr.txt` → `dir/az-us-2026.toml`.
fn metadata_beside(text: &Path) -> PathBuf {
    let name = text
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let stem = name.split('.').next().unwrap_or(name);
    text.with_file_name(format!("{stem}.toml"))
}
