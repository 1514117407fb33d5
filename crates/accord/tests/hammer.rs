//! `scripts/hammer` at a small size: three `accord serve` processes on a
//! private PostgreSQL cluster, writers and readers through all of them,
//! one process killed and restarted, PostgreSQL restarted; every
//! acknowledged act present once, one root, a log that verifies, no 5xx
//! but the documented 503 and no panic. The full size runs as the script.

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/hammer");

#[test]
fn the_hammer_holds_at_a_small_size() {
    let out = std::process::Command::new(SCRIPT)
        .args(["--seconds", "15", "--bin", env!("CARGO_BIN_EXE_accord")])
        .output()
        .expect("scripts/hammer runs (it needs python3 and PostgreSQL's server binaries)");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("hammer: every check holds"), "{report}");
    assert!(report.contains("present exactly once: yes"), "{report}");
}
