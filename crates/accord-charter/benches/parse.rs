//! Charter parsing throughput, against a raw pass over the same bytes.
//!
//! Builds a corpus by concatenating the test charters (end-of-text markers,
//! closing formulas and Dutch texts left out, so the parser reads all of it)
//! up to 1 MB and 10 MB, then times `accord_charter::parse` and two
//! baselines over the same text: counting lines with `str::lines()` and
//! counting bytes of one value in a plain loop. Parsing must stay linear: the
//! 10 MB run should take about ten times the 1 MB run.
//!
//!     cargo bench -p accord-charter --bench parse
//!
//! Plain `std::time` timing, best of a few runs, no benchmark framework.

use std::hint::black_box;
use std::time::{Duration, Instant};

const SOURCES: &[&str] = &[
    include_str!("../../../charters/az-us-2026.fr.txt"),
    include_str!("../tests/data/az-us-2026.en.txt"),
    include_str!("../tests/data/az-us-2026.fr.wrapped.txt"),
    include_str!("../tests/data/az-us-2026.en.md"),
    include_str!("../tests/data/us-vietnam-csp-2023.en.txt"),
    include_str!("../tests/data/us-ukraine-joint-statement-2021.en.txt"),
    include_str!("../tests/data/us-indonesia-csp-2023.en.txt"),
    include_str!("../tests/data/us-india-trade-framework-2026.en.txt"),
    include_str!("../tests/data/asean-us-csp-2022.en.txt"),
];

/// Lines that end a text or restart it: kept out so the whole corpus is read.
fn keeps(line: &str) -> bool {
    let t = line.trim();
    !(t == "\\###"
        || t == "###"
        || t.eq_ignore_ascii_case("end text")
        || t.to_lowercase().starts_with("begin text")
        || t.starts_with("ADOPTED")
        || t.starts_with("**ADOPTED"))
}

fn corpus(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 64 * 1024);
    'fill: loop {
        for s in SOURCES {
            for line in s.lines().filter(|l| keeps(l)) {
                out.push_str(line);
                out.push('\n');
            }
            out.push('\n');
            if out.len() >= bytes {
                break 'fill;
            }
        }
    }
    out
}

/// Best of `runs` timings of `f`.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / 1e6;
    mb / d.as_secs_f64()
}

fn main() {
    let small = corpus(1_000_000);
    let large = corpus(10_000_000);
    let parsed = accord_charter::parse(&large).expect("the corpus parses");
    println!(
        "corpus: {:.1} MB, {} lines, {} provisions, {} obligations",
        large.len() as f64 / 1e6,
        large.lines().count(),
        parsed.provisions().count(),
        parsed.obligations.len()
    );

    let parse_small = time(5, || {
        accord_charter::parse(black_box(&small)).map(|c| c.sections.len())
    });
    let parse_large = time(3, || {
        accord_charter::parse(black_box(&large)).map(|c| c.sections.len())
    });
    let lines_large = time(5, || black_box(&large).lines().count());
    let bytes_large = time(5, || {
        black_box(&large).bytes().filter(|&b| b == b'\n').count()
    });

    println!(
        "parse 1 MB:    {:>9.1?}  {:>7.1} MB/s",
        parse_small,
        mb_per_s(small.len(), parse_small)
    );
    println!(
        "parse 10 MB:   {:>9.1?}  {:>7.1} MB/s",
        parse_large,
        mb_per_s(large.len(), parse_large)
    );
    println!(
        "lines() 10 MB: {:>9.1?}  {:>7.1} MB/s",
        lines_large,
        mb_per_s(large.len(), lines_large)
    );
    println!(
        "byte scan 10 MB: {:>7.1?}  {:>7.1} MB/s",
        bytes_large,
        mb_per_s(large.len(), bytes_large)
    );
    #[allow(clippy::cast_precision_loss)]
    let per_byte = |d: Duration, n: usize| d.as_secs_f64() / n as f64;
    println!(
        "10 MB / 1 MB time per byte: {:.2} (1.00 = linear)",
        per_byte(parse_large, large.len()) / per_byte(parse_small, small.len())
    );
    println!(
        "parse / lines() time: {:.0}x",
        parse_large.as_secs_f64() / lines_large.as_secs_f64()
    );
}
