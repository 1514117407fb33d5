//! What a party's node concludes from a checkpoint it is shown, and the
//! evidence it keeps when the log misbehaved. Pure: no I/O, no clock.
//!
//! A node holds the latest checkpoint it accepted (and the tree under it).
//! Any other checkpoint of the same log, from the primary, from a witness
//! request or from a file, is either the same, newer (to be checked by
//! extending the replica), or a sign of misbehaviour:
//!
//! - **rollback**: a smaller checkpoint whose root is the replica's root at
//!   that size, served as the latest: the primary went back to an older
//!   state of the same history (a restored copy, a cut tail);
//! - **fork**: a checkpoint that no extension of the accepted one can give
//!   (the same size with another root, a smaller one with another root, or
//!   a larger one whose leaves do not lead to its root).
//!
//! The [`Evidence`] of either holds both signed notes in full, so that
//! anyone with the log's verifier key can check it without the server that
//! misbehaved: two notes signed by one key whose roots no single
//! append-only history can give prove a fork on their own.

use accord_log::note::{self, VerifierKey};
use accord_log::{Checkpoint, Hash};
use serde::{Deserialize, Serialize};

/// What kind of misbehaviour (or trouble) an alarm reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlarmKind {
    /// The primary showed an older state of its history as the latest.
    Rollback,
    /// The primary signed two checkpoints no single history can give.
    Fork,
    /// A checkpoint whose log signature does not verify.
    BadSignature,
    /// Entries or hash tiles that do not match the checkpoint they belong to.
    BadEntries,
    /// A checkpoint left without a cosignature the policy asks for, longer
    /// than it allows.
    Unwitnessed,
}

impl AlarmKind {
    /// The kind's name, as in the JSON status and the evidence file.
    pub fn as_str(self) -> &'static str {
        match self {
            AlarmKind::Rollback => "rollback",
            AlarmKind::Fork => "fork",
            AlarmKind::BadSignature => "bad_signature",
            AlarmKind::BadEntries => "bad_entries",
            AlarmKind::Unwitnessed => "unwitnessed",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "rollback" => AlarmKind::Rollback,
            "fork" => AlarmKind::Fork,
            "bad_signature" => AlarmKind::BadSignature,
            "bad_entries" => AlarmKind::BadEntries,
            "unwitnessed" => AlarmKind::Unwitnessed,
            _ => return None,
        })
    }
}

/// How a checkpoint shown to the node relates to the one it accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sighting {
    /// The same size and root.
    Same,
    /// Larger: to be checked by extending the replica.
    Newer,
    /// Smaller, with the replica's root at that size: an older state
    /// served as the latest.
    Rollback,
    /// No extension of the accepted checkpoint gives it.
    Fork,
}

/// Compares `offered` with the `accepted` checkpoint; `root_at` gives the
/// replica's root at a size it holds.
pub fn compare(
    accepted: &Checkpoint,
    offered: &Checkpoint,
    root_at: impl Fn(u64) -> Option<Hash>,
) -> Sighting {
    use std::cmp::Ordering;
    match offered.size.cmp(&accepted.size) {
        Ordering::Greater => Sighting::Newer,
        Ordering::Equal if offered.root == accepted.root => Sighting::Same,
        Ordering::Equal => Sighting::Fork,
        Ordering::Less if root_at(offered.size) == Some(offered.root) => Sighting::Rollback,
        Ordering::Less => Sighting::Fork,
    }
}

/// The first line of an evidence file.
pub const EVIDENCE_HEADER: &str = "accord-evidence/v1";

/// One misbehaviour, with what proves it. The file form (see
/// [`Evidence::to_text`]) is line-based: a header, `key value` lines, then
/// each signed note or other document as a section `-- <label> <length>`
/// followed by exactly that many bytes, so that a note's own blank line
/// and signature lines need no escaping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// What was seen.
    pub kind: AlarmKind,
    /// When the node saw it (RFC 3339, UTC).
    pub observed: String,
    /// Where the offending checkpoint came from (a URL, `witness request`).
    pub source: String,
    /// The verifier key of the log's checkpoints.
    pub log_key: String,
    /// One sentence a person can read.
    pub summary: String,
    /// The documents: `accepted` and `offered` signed notes, and anything
    /// else that shows it (a witness request's body, a consistency proof).
    pub sections: Vec<(String, String)>,
}

/// An evidence file that does not parse: what is wrong, and on which line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct EvidenceError {
    /// The 1-based line.
    pub line: usize,
    /// What is wrong there.
    pub reason: String,
}

impl Evidence {
    /// The section labelled `label`, if any.
    pub fn section(&self, label: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, text)| text.as_str())
    }

    /// The file form.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{EVIDENCE_HEADER}\nkind {}\nobserved {}\nsource {}\nlog {}\nsummary {}\n",
            self.kind.as_str(),
            one_line(&self.observed),
            one_line(&self.source),
            one_line(&self.log_key),
            one_line(&self.summary),
        );
        for (label, text) in &self.sections {
            out.push_str(&format!("-- {} {}\n", one_line(label), text.len()));
            out.push_str(text);
            if !text.ends_with('\n') {
                out.push('\n');
            }
        }
        out
    }

    /// Reads the file form back.
    pub fn parse(text: &str) -> Result<Evidence, EvidenceError> {
        let fail = |line: usize, reason: String| EvidenceError { line, reason };
        let mut rest = text;
        let mut line_no = 0usize;
        let next_line = |rest: &mut &str| -> Option<String> {
            let (line, after) = rest.split_once('\n')?;
            *rest = after;
            Some(line.to_owned())
        };
        line_no += 1;
        match next_line(&mut rest) {
            Some(h) if h == EVIDENCE_HEADER => {}
            _ => {
                return Err(fail(
                    1,
                    format!("not an evidence file: the first line is not {EVIDENCE_HEADER}"),
                ));
            }
        }
        let mut fields: Vec<(String, String)> = Vec::new();
        for key in ["kind", "observed", "source", "log", "summary"] {
            line_no += 1;
            let line = next_line(&mut rest)
                .ok_or_else(|| fail(line_no, format!("the file ends before the {key} line")))?;
            let value = line
                .strip_prefix(key)
                .and_then(|v| v.strip_prefix(' '))
                .ok_or_else(|| fail(line_no, format!("expected `{key} …`, found {line:?}")))?;
            fields.push((key.to_owned(), value.to_owned()));
        }
        let kind = AlarmKind::parse(&fields[0].1)
            .ok_or_else(|| fail(2, format!("unknown kind {:?}", fields[0].1)))?;
        let mut sections = Vec::new();
        while !rest.is_empty() {
            line_no += 1;
            let line = next_line(&mut rest)
                .ok_or_else(|| fail(line_no, "a section header without a newline".to_owned()))?;
            let (label, len) = line
                .strip_prefix("-- ")
                .and_then(|l| l.rsplit_once(' '))
                .ok_or_else(|| {
                    fail(
                        line_no,
                        format!("expected `-- <label> <length>`, found {line:?}"),
                    )
                })?;
            let len: usize = len
                .parse()
                .map_err(|_| fail(line_no, format!("{len:?} is not a length")))?;
            let body = rest
                .get(..len)
                .ok_or_else(|| fail(line_no, format!("the section {label} is cut short")))?;
            line_no += body.matches('\n').count();
            rest = &rest[len..];
            if !body.ends_with('\n')
                && let Some(after) = rest.strip_prefix('\n')
            {
                // The newline `to_text` added ends the body's last line.
                rest = after;
                line_no += 1;
            }
            sections.push((label.to_owned(), body.to_owned()));
        }
        let value = |i: usize| fields[i].1.clone();
        Ok(Evidence {
            kind,
            observed: value(1),
            source: value(2),
            log_key: value(3),
            summary: value(4),
            sections,
        })
    }

    /// Checks what the evidence can prove with nothing but the log's key
    /// the file names (the verdict names that key in full, for the reader
    /// to compare with the one pinned: a file forged whole under a key of
    /// its own is consistent with itself):
    /// both notes verify under `log_key`, and, for a fork, no single
    /// append-only history gives both (the same size with two roots). A
    /// rollback's two notes show that the log signed the larger one before
    /// it showed the smaller as its latest (which the file's other
    /// sections and the witnesses' records support).
    pub fn check(&self) -> Result<String, String> {
        let key = VerifierKey::parse(&self.log_key)
            .map_err(|e| format!("the log key does not parse: {e}"))?;
        let open = |label: &str| -> Result<Checkpoint, String> {
            let note_text = self
                .section(label)
                .ok_or_else(|| format!("no `{label}` section"))?;
            let opened = note::open(note_text, std::slice::from_ref(&key))
                .map_err(|e| format!("the {label} note does not verify under {key}: {e}"))?;
            Checkpoint::parse_body(&opened.body)
                .map_err(|e| format!("the {label} note is not a checkpoint: {e}"))
        };
        let accepted = open("accepted")?;
        let offered = open("offered")?;
        match (self.kind, offered.size.cmp(&accepted.size)) {
            (AlarmKind::Fork, std::cmp::Ordering::Equal) if offered.root != accepted.root => {
                Ok(format!(
                    "fork proven: {} signed two roots for size {}: {} and {}",
                    key, accepted.size, accepted.root, offered.root
                ))
            }
            (AlarmKind::Rollback, std::cmp::Ordering::Less) => Ok(format!(
                "rollback shown: {} signed size {} and later served size {} as its latest ({})",
                key, accepted.size, offered.size, self.observed
            )),
            (kind, _) => Ok(format!(
                "both notes verify under {}: sizes {} and {}; kind {}: {}",
                key,
                accepted.size,
                offered.size,
                kind.as_str(),
                self.summary
            )),
        }
    }
}

/// `text` on one line (a newline would break the file's form).
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_log::note::SigningKey;

    fn checkpoint(size: u64, byte: u8) -> Checkpoint {
        Checkpoint::new("log.example/a", size, Hash::from_bytes([byte; 32]))
    }

    #[test]
    fn compare_names_each_case() {
        let accepted = checkpoint(10, 1);
        let root_at = |size: u64| (size == 5).then(|| Hash::from_bytes([5; 32]));
        assert_eq!(
            compare(&accepted, &checkpoint(10, 1), root_at),
            Sighting::Same
        );
        assert_eq!(
            compare(&accepted, &checkpoint(11, 9), root_at),
            Sighting::Newer
        );
        assert_eq!(
            compare(&accepted, &checkpoint(10, 2), root_at),
            Sighting::Fork
        );
        assert_eq!(
            compare(&accepted, &checkpoint(5, 5), root_at),
            Sighting::Rollback
        );
        assert_eq!(
            compare(&accepted, &checkpoint(5, 6), root_at),
            Sighting::Fork
        );
    }

    fn signed(key: &SigningKey, size: u64, byte: u8) -> String {
        key.sign(&checkpoint(size, byte).to_body()).unwrap()
    }

    fn evidence(kind: AlarmKind, accepted: String, offered: String, key: &SigningKey) -> Evidence {
        Evidence {
            kind,
            observed: "2026-12-07T10:00:00Z".into(),
            source: "http://primary.example/log/checkpoint".into(),
            log_key: key.verifier_key().to_string(),
            summary: "test".into(),
            sections: vec![("accepted".into(), accepted), ("offered".into(), offered)],
        }
    }

    #[test]
    fn evidence_round_trips_and_proves_a_fork() {
        let key = SigningKey::from_seed("log.example/a", [7; 32]).unwrap();
        let fork = evidence(
            AlarmKind::Fork,
            signed(&key, 10, 1),
            signed(&key, 10, 2),
            &key,
        );
        let text = fork.to_text();
        let back = Evidence::parse(&text).unwrap();
        assert_eq!(back, fork);
        assert!(back.check().unwrap().starts_with("fork proven"));
    }

    #[test]
    fn a_forged_note_does_not_check() {
        let key = SigningKey::from_seed("log.example/a", [7; 32]).unwrap();
        let other = SigningKey::from_seed("log.example/a", [8; 32]).unwrap();
        let forged = evidence(
            AlarmKind::Fork,
            signed(&key, 10, 1),
            signed(&other, 10, 2),
            &key,
        );
        assert!(
            forged
                .check()
                .unwrap_err()
                .contains("offered note does not verify")
        );
    }

    #[test]
    fn a_rollback_is_shown() {
        let key = SigningKey::from_seed("log.example/a", [7; 32]).unwrap();
        let rollback = evidence(
            AlarmKind::Rollback,
            signed(&key, 10, 1),
            signed(&key, 5, 5),
            &key,
        );
        assert!(rollback.check().unwrap().starts_with("rollback shown"));
    }

    #[test]
    fn a_bad_file_names_its_line() {
        assert_eq!(Evidence::parse("hello\n").unwrap_err().line, 1);
        let key = SigningKey::from_seed("log.example/a", [7; 32]).unwrap();
        let text = evidence(
            AlarmKind::Fork,
            signed(&key, 1, 1),
            signed(&key, 1, 2),
            &key,
        )
        .to_text()
        .replace("kind fork", "kind spoon");
        assert_eq!(Evidence::parse(&text).unwrap_err().line, 2);
        let cut = &evidence(
            AlarmKind::Fork,
            signed(&key, 1, 1),
            signed(&key, 1, 2),
            &key,
        )
        .to_text()[..150];
        assert!(Evidence::parse(cut).is_err());
    }
}
