//! The IATI and CSV exports of a large instance: how fast, and how much
//! memory each export itself holds while it streams.
//!
//! `cargo bench -p accord-export --bench streaming` (set ACCORD_BENCH_PROJECTS to
//! change the size; default 100,000 projects in 50 groups, the synthetic
//! large instance's, without its milestones, which the IATI export does not
//! read).
//!
//! It reports, in one run, for the operator's export (every project):
//! `iati::write` into a counting sink written to directly, and into a 64 KiB
//! `BufWriter` over it; against a peer, `serde_json::to_writer` of the same
//! visible projects into the same buffered sink; and the CSV of the projects
//! (`table::write_projects`, the import's format) the same way. Peak memory is the
//! process's `VmHWM` (from `/proc/self/status`), reset to the current
//! resident size before each export (`/proc/self/clear_refs`), so its
//! increase is what the export holds at its peak.

use std::hint::black_box;
use std::io::{self, BufWriter, Write};
use std::time::Instant;

use accord_domain::ids::ProvisionId;
use accord_domain::model::{CharterRecord, Party, Provision, ProvisionKind, Texts};
use accord_domain::state::{Project, State};
use accord_domain::synthetic::{Size, entries};
use accord_domain::visibility::{Viewer, visible_projects};
use accord_export::{ExportScope, iati, table};
use jiff::civil::date;

const FRENCH: &str = include_str!("../../../charters/az-us-2026.fr.txt");
const ENGLISH: &str = include_str!("../../accord-charter/tests/data/az-us-2026.en.txt");

/// Counts the bytes written to it, and keeps nothing.
#[derive(Debug, Default)]
struct Counting(u64);

impl Write for Counting {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0 += bytes.len() as u64;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The bundled charter in French and English, as the record holds it.
fn charter() -> CharterRecord {
    let texts = |pairs: &[(&str, &str)]| -> Texts {
        pairs
            .iter()
            .map(|(l, t)| ((*l).to_owned(), (*t).to_owned()))
            .collect()
    };
    let french = accord_charter::parse(FRENCH).expect("the French text parses");
    let english = accord_charter::parse(ENGLISH).expect("the English text parses");
    let mut provisions: Vec<Provision> = Vec::new();
    for p in &french.preamble {
        provisions.push(Provision {
            id: ProvisionId(p.id.clone()),
            kind: ProvisionKind::Recital,
            section: None,
            texts: texts(&[("fr", &p.text)]),
            commitment: false,
        });
    }
    for section in &french.sections {
        for p in &section.paragraphs {
            let mut texts = texts(&[("fr", &p.text)]);
            if let Some(en) = english.provision(&p.id) {
                texts.insert("en".into(), en.text.clone());
            }
            provisions.push(Provision {
                id: ProvisionId(p.id.clone()),
                kind: if p.number.is_some() {
                    ProvisionKind::Item
                } else {
                    ProvisionKind::Paragraph
                },
                section: Some(section.id.clone()),
                texts,
                commitment: section.id != "IV",
            });
        }
    }
    CharterRecord {
        title: texts(&[
            ("fr", "Charte de partenariat stratégique"),
            ("en", "Strategic Partnership Charter"),
        ]),
        languages: vec!["fr".into(), "en".into()],
        signed_on: date(2026, 2, 10),
        parties: vec![
            Party {
                code: "AZ".into(),
                names: texts(&[
                    ("fr", "République d’Azerbaïdjan"),
                    ("en", "Republic of Azerbaijan"),
                ]),
            },
            Party {
                code: "US".into(),
                names: texts(&[
                    ("fr", "États-Unis d’Amérique"),
                    ("en", "United States of America"),
                ]),
            },
        ],
        provisions,
        obligations: Vec::new(),
        working_groups: Vec::new(),
    }
}

/// A field of `/proc/self/status` in bytes (`VmHWM`, `VmRSS`).
fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Resets the peak resident size to the current one; false where the
/// kernel does not allow it (the increase is then over the earlier peak).
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

struct Run {
    seconds: f64,
    bytes: u64,
    peak_increase: Option<u64>,
}

/// Times `export` writing into a fresh counting sink, and measures the
/// peak resident memory it adds.
fn measure(mut export: impl FnMut(&mut Counting) -> io::Result<()>) -> Run {
    reset_peak();
    let before = status_bytes("VmHWM:");
    let mut sink = Counting::default();
    let started = Instant::now();
    export(&mut sink).expect("the export is written");
    let seconds = started.elapsed().as_secs_f64();
    let after = status_bytes("VmHWM:");
    Run {
        seconds,
        bytes: sink.0,
        peak_increase: before.zip(after).map(|(b, a)| a.saturating_sub(b)),
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn report(name: &str, run: &Run, projects: usize) {
    println!(
        "{name:<34} {:>7.2} s  {:>8.1} MB  {:>6.1} MB/s  {:>6.0} B/project  peak +{}",
        run.seconds,
        mb(run.bytes),
        mb(run.bytes) / run.seconds,
        run.bytes as f64 / projects as f64,
        run.peak_increase
            .map(|b| format!("{:.1} MB", mb(b)))
            .unwrap_or_else(|| "unknown".into()),
    );
}

fn main() {
    let projects: usize = std::env::var("ACCORD_BENCH_PROJECTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(Size::LARGE.projects);
    let size = Size {
        groups: Size::LARGE.groups.min(projects),
        projects,
        milestones_per_project: 0,
        updates_per_milestone: 0,
    };
    let charter = charter();
    let started = Instant::now();
    let mut state = State::default();
    for entry in entries(&charter, size) {
        state.evolve(&entry);
    }
    println!(
        "state: {} groups, {} projects, {} indicators, {} entries, built in {:.1} s; resident {:.0} MB",
        state.groups.len(),
        state.projects.len(),
        state.indicators.len(),
        state.entries,
        started.elapsed().as_secs_f64(),
        status_bytes("VmRSS:").map_or(0.0, mb),
    );
    if !reset_peak() {
        println!("(the peak cannot be reset here: increases are over the earlier peak)");
    }

    let viewer = Viewer::Operator;
    let scope = ExportScope {
        state: &state,
        viewer: &viewer,
        generated_at: "2026-11-27T10:00:00Z".parse().expect("a timestamp"),
    };
    let visible: Vec<&Project> = visible_projects(&state, &viewer).collect();
    let count = visible.len();

    let direct = measure(|sink| iati::write(&scope, sink).map_err(io::Error::other));
    let buffered = measure(|sink| {
        let mut out = BufWriter::with_capacity(1 << 16, sink);
        iati::write(&scope, &mut out).map_err(io::Error::other)?;
        out.flush()
    });
    let csv = measure(|sink| {
        let mut out = BufWriter::with_capacity(1 << 16, sink);
        table::write_projects(&scope, &mut out).map_err(io::Error::other)?;
        out.flush()
    });
    let peer = measure(|sink| {
        let mut out = BufWriter::with_capacity(1 << 16, sink);
        serde_json::to_writer(&mut out, black_box(&visible)).map_err(io::Error::other)?;
        out.flush()
    });

    println!("{count} visible projects (operator)");
    report("iati::write, counting sink", &direct, count);
    report("iati::write, BufWriter 64 KiB", &buffered, count);
    report("table::write_projects (CSV)", &csv, count);
    report("serde_json::to_writer (peer)", &peer, count);
    println!(
        "ratio iati ÷ serde_json (buffered): {:.2} in time, {:.2} in bytes",
        buffered.seconds / peer.seconds,
        buffered.bytes as f64 / peer.bytes as f64
    );
    println!(
        "ratio csv ÷ serde_json (buffered): {:.2} in time, {:.2} in bytes",
        csv.seconds / peer.seconds,
        csv.bytes as f64 / peer.bytes as f64
    );
    let limit = 10.0 * projects as f64 / 100_000.0;
    let goal_time = buffered.seconds <= limit && csv.seconds <= limit;
    let goal_memory = [&buffered, &csv]
        .iter()
        .all(|run| run.peak_increase.is_some_and(|b| b <= 200 * 1024 * 1024));
    println!(
        "goal ≤ 10 s per 100,000 projects: {}; ≤ 200 MB held: {}",
        if goal_time { "met" } else { "NOT met" },
        if goal_memory { "met" } else { "NOT met" },
    );
}
