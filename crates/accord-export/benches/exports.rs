//! The exports over a synthetic instance: how long each takes and how much
//! it writes, as the operator (everything) and as the public.
//!
//! `cargo bench -p accord-export --bench exports` (set ACCORD_BENCH_EVENTS
//! to change the size; default 1,000,000 events, about 10,000 projects and
//! 100,000 milestones; the large instance is 10,000,000).
//!
//! Each export writes into a sink that only counts bytes, so the figure is
//! the export's own cost (no disk); the median of five runs is reported.

use std::hint::black_box;
use std::io::{self, Write};
use std::time::Instant;

use accord_domain::Period;
use accord_domain::ids::ProvisionId;
use accord_domain::model::*;
use accord_domain::state::State;
use accord_domain::synthetic::{Size, entries};
use accord_domain::visibility::Viewer;
use accord_export::{ExportError, ExportScope};
use jiff::civil::date;

type Export = fn(&ExportScope<'_>, &mut dyn Write) -> Result<(), ExportError>;

/// A writer that keeps nothing and counts what it is given.
#[derive(Debug, Default)]
struct Counter(u64);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn charter() -> CharterRecord {
    let texts = |t: &str| -> Texts { [("fr".to_owned(), t.to_owned())].into_iter().collect() };
    CharterRecord {
        title: texts("Charte"),
        languages: vec!["fr".into()],
        signed_on: date(2026, 2, 10),
        parties: ["AZ", "US"]
            .map(|code| Party {
                code: code.into(),
                names: texts(code),
            })
            .into(),
        provisions: (1..=16)
            .map(|n| Provision {
                id: ProvisionId(format!("I.{n}")),
                kind: ProvisionKind::Item,
                section: Some("I".into()),
                texts: texts("…"),
                commitment: true,
            })
            .collect(),
        obligations: vec![
            Obligation::Deadline {
                provision: "I.1".into(),
                from: Trigger::Signature,
                within: Period::months(3),
                deliverables: vec![Deliverable::ProjectList, Deliverable::Roadmap],
                quote: "trois mois".into(),
            },
            Obligation::Recurring {
                provision: "I.2".into(),
                every: Period::years(1),
                quote: "une fois par an".into(),
            },
        ],
        working_groups: Vec::new(),
    }
}

fn main() {
    let target: usize = std::env::var("ACCORD_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let charter = charter();
    let all: Vec<_> = entries(&charter, Size::about(target)).collect();
    let state = State::replay(&all);
    drop(all);
    println!(
        "synthetic instance: {} events, {} projects, {} milestones, {} indicators",
        state.entries,
        state.projects.len(),
        state.milestones.len(),
        state.indicators.len()
    );
    let exports: [(&str, Export); 6] = [
        ("ics", accord_export::ics::write),
        ("csv projects", accord_export::table::write_projects),
        ("csv milestones", accord_export::table::write_milestones),
        ("csv measurements", accord_export::table::write_measurements),
        ("popolo", accord_export::popolo::write),
        ("json", accord_export::json::write),
    ];
    let generated_at = "2026-11-27T09:00:00Z".parse().expect("a timestamp");
    for (viewer_name, viewer) in [("operator", Viewer::Operator), ("public", Viewer::Public)] {
        for (name, write) in exports {
            let scope = ExportScope {
                state: &state,
                viewer: &viewer,
                generated_at,
            };
            let mut times = Vec::new();
            let mut bytes = 0;
            for _ in 0..5 {
                let mut sink = Counter::default();
                let t = Instant::now();
                write(&scope, &mut sink).expect("the export is written");
                times.push(t.elapsed().as_secs_f64());
                bytes = black_box(sink.0);
            }
            times.sort_by(f64::total_cmp);
            let median = times[2];
            println!(
                "{viewer_name:>8} {name:<17} {:>9.1} ms  {:>8.1} MB  {:>6.0} MB/s",
                median * 1e3,
                bytes as f64 / 1e6,
                bytes as f64 / 1e6 / median
            );
        }
    }
}
