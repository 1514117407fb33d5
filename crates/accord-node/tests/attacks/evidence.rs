//! Evidence files, broken and forged: each one that does not parse names
//! its line, and `check()` refuses what the log's key did not sign.

use accord_log::Checkpoint;
use accord_node::follow::Look;
use accord_node::monitor::{AlarmKind, Evidence};

use crate::kit::{Log, ORIGIN, Primary, forger_key, log_key, node_at};

fn evidence(kind: AlarmKind, sections: Vec<(&str, String)>) -> Evidence {
    Evidence {
        kind,
        observed: "2026-12-07T10:00:00Z".into(),
        source: "http://primary.example/log/checkpoint".into(),
        log_key: log_key().verifier_key().to_string(),
        summary: "a case".into(),
        sections: sections
            .into_iter()
            .map(|(l, t)| (l.to_owned(), t))
            .collect(),
    }
}

/// A fork's evidence, as a file's text.
fn fork_text() -> String {
    let log = Log::new(20);
    evidence(
        AlarmKind::Fork,
        vec![
            ("accepted", log.note(20)),
            ("offered", Log::forked(20, 5).note(20)),
        ],
    )
    .to_text()
}

/// The line (1-based) at which `parse` fails.
fn failing_line(text: &str) -> usize {
    Evidence::parse(text).expect_err("does not parse").line
}

/// `text` with its `n`-th line (1-based) replaced.
fn with_line(text: &str, n: usize, line: &str) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    lines[n - 1] = line;
    lines.join("\n")
}

#[test]
fn an_empty_file_or_another_header_fails_on_line_1() {
    assert_eq!(failing_line(""), 1);
    assert_eq!(
        failing_line(&with_line(&fork_text(), 1, "accord-evidence/v2")),
        1
    );
    assert_eq!(failing_line("accord-evidence/v1"), 1, "no newline");
}

#[test]
fn an_unknown_kind_fails_on_line_2() {
    let error = Evidence::parse(&with_line(&fork_text(), 2, "kind spoon")).unwrap_err();
    assert_eq!(error.line, 2);
    assert_eq!(error.to_string(), "line 2: unknown kind \"spoon\"");
}

#[test]
fn each_missing_field_line_is_named() {
    let text = fork_text();
    for (n, field) in [(3, "observed"), (4, "source"), (5, "log"), (6, "summary")] {
        let error = Evidence::parse(&with_line(&text, n, "nothing here")).unwrap_err();
        assert_eq!(error.line, n, "{field}");
        assert!(error.reason.contains(&format!("expected `{field} …`")));
    }
}

#[test]
fn a_file_that_ends_before_its_summary_fails_on_line_6() {
    let text = fork_text();
    let cut: String = text.split_inclusive('\n').take(5).collect();
    let error = Evidence::parse(&cut).unwrap_err();
    assert_eq!(
        (error.line, error.reason.as_str()),
        (6, "the file ends before the summary line")
    );
}

#[test]
fn a_bad_section_header_a_bad_length_and_a_short_section_fail_on_line_7() {
    let text = fork_text();
    let header = text.lines().nth(6).unwrap().to_owned();
    assert!(header.starts_with("-- accepted "), "{header}");
    assert_eq!(failing_line(&with_line(&text, 7, "accepted 120")), 7);
    assert_eq!(failing_line(&with_line(&text, 7, "-- accepted ten")), 7);
    assert_eq!(failing_line(&with_line(&text, 7, "-- accepted 99999")), 7);
    let cut = &text[..text.find(&header).unwrap() + header.len() + 10];
    let error = Evidence::parse(cut).unwrap_err();
    assert_eq!(
        (error.line, error.reason.as_str()),
        (7, "the section accepted is cut short")
    );
}

#[test]
fn a_bad_second_section_header_is_named_after_the_first_notes_lines() {
    let text = fork_text();
    // The accepted note: origin, size, root, blank line, one signature.
    let second = 7 + 5 + 1;
    assert!(
        text.lines()
            .nth(second - 1)
            .unwrap()
            .starts_with("-- offered ")
    );
    let error = Evidence::parse(&with_line(&text, second, "-- offered")).unwrap_err();
    assert_eq!(error.line, second);
}

#[test]
fn a_section_without_a_final_newline_does_not_shift_the_lines_after_it() {
    let log = Log::new(20);
    let text = evidence(
        AlarmKind::Fork,
        vec![
            ("comment", "no newline at its end".into()),
            ("accepted", log.note(20)),
        ],
    )
    .to_text();
    let back = Evidence::parse(&text).unwrap();
    assert_eq!(back.section("comment"), Some("no newline at its end"));
    // Lines 7 and 8 are the comment; the accepted header is line 9.
    assert!(text.lines().nth(8).unwrap().starts_with("-- accepted "));
    assert_eq!(failing_line(&with_line(&text, 9, "-- accepted x")), 9);
}

#[test]
fn a_forged_note_re_signed_by_another_key_is_refused() {
    // A real node's evidence of a real fork.
    let primary = Primary::start();
    let log = Log::new(300);
    let node = node_at(&primary, &log, 300);
    primary.serve(&Log::forked(300, 200), 300);
    assert_eq!(node.follower.look().unwrap(), Look::Alarm(AlarmKind::Fork));
    let mut evidence = node.only_evidence();
    assert!(evidence.check().unwrap().starts_with("fork proven"));
    // The offered note's body, re-signed by another key of the same name.
    let body = Checkpoint::new(ORIGIN, 300, Log::forked(300, 100).root(300)).to_body();
    let forged = forger_key().sign(&body).unwrap();
    evidence.sections[1].1 = forged;
    let reread = Evidence::parse(&evidence.to_text()).unwrap();
    let refusal = reread.check().unwrap_err();
    assert!(
        refusal.starts_with(&format!(
            "the offered note does not verify under {}",
            log_key().verifier_key()
        )),
        "{refusal}"
    );
}

#[test]
fn a_file_forged_whole_with_its_own_key_names_that_key_not_the_logs() {
    // Both notes signed by a forger, and the file's log key swapped for
    // the forger's: the file is consistent with itself, so check() can
    // only say under which key, which the reader compares with the pinned
    // one.
    let forged = |size, common| {
        Log::from_entries(forger_key(), Log::forked(size, common).entries).note(size as u64)
    };
    let mut file = evidence(
        AlarmKind::Fork,
        vec![("accepted", forged(20, 19)), ("offered", forged(20, 5))],
    );
    file.log_key = forger_key().verifier_key().to_string();
    let verdict = file.check().unwrap();
    assert!(
        verdict.contains(&forger_key().verifier_key().to_string()),
        "{verdict}"
    );
    assert!(
        !verdict.contains(&log_key().verifier_key().to_string()),
        "{verdict}"
    );
}

#[test]
fn a_log_key_that_does_not_parse_is_refused() {
    let mut file = Evidence::parse(&fork_text()).unwrap();
    file.log_key = "not a key".into();
    assert!(
        file.check()
            .unwrap_err()
            .starts_with("the log key does not parse")
    );
}

#[test]
fn a_signed_note_that_is_not_a_checkpoint_is_refused() {
    let log = Log::new(20);
    let file = evidence(
        AlarmKind::Fork,
        vec![
            ("accepted", log.note(20)),
            ("offered", log_key().sign("hello\n").unwrap()),
        ],
    );
    assert!(
        file.check()
            .unwrap_err()
            .starts_with("the offered note is not a checkpoint")
    );
}

#[test]
fn a_fork_with_the_same_root_twice_proves_nothing() {
    let log = Log::new(20);
    let file = evidence(
        AlarmKind::Fork,
        vec![("accepted", log.note(20)), ("offered", log.note(20))],
    );
    let verdict = file.check().unwrap();
    assert!(verdict.starts_with("both notes verify"), "{verdict}");
}

#[test]
fn a_rollback_the_wrong_way_round_is_not_shown() {
    let log = Log::new(20);
    let file = evidence(
        AlarmKind::Rollback,
        vec![("accepted", log.note(10)), ("offered", log.note(20))],
    );
    let verdict = file.check().unwrap();
    assert!(verdict.starts_with("both notes verify"), "{verdict}");
    assert!(verdict.contains("kind rollback"));
}
