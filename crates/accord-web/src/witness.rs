//! Sending each new checkpoint to witnesses (C2SP `tlog-witness`), and
//! keeping the cosignatures they give for `GET /log/checkpoint`.
//!
//! A witness cosigns a checkpoint once it has checked that the log grew
//! from the tree it saw last: so every new signed checkpoint (an act
//! recorded here, or another process's append caught up with) is posted to
//! `<URL>/add-checkpoint` with `old <size>`, the consistency proof from
//! that size and the note. The size starts at 0 and is learnt from the
//! witness's 409 (`text/x.tlog.size`), after which the request is sent once
//! more with a proof from there.
//!
//! This runs on a thread of its own, never on a request's path: a witness
//! that is down, slow or refusing costs an act nothing. It is retried with
//! the next checkpoint, or after a back-off that doubles up to five
//! minutes, and logged once each time it changes between answering and
//! not (never with a secret: the body of an answer is not logged).
//!
//! A witness's answer is kept when its lines verify with the witness's key
//! (from `--policy`), or, without a key, when they are well-formed
//! cosignature lines. The checkpoint with every cosignature it got is kept
//! beside the log (`accord_app::log_tiles`), so it outlives a restart.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use accord_app::log_tiles::SignedCheckpoint;
use accord_log::cosignature::{CosignerKey, cosignature_timestamp, verify_cosignature};
use accord_log::policy::Policy;
use accord_log::witness::{AddCheckpoint, CONFLICT_CONTENT_TYPE, parse_conflict_size};

use crate::SharedApp;
use crate::log_api::{note_body, with_cosignatures};

/// How often the thread looks for a new signed checkpoint.
const POLL_EVERY: Duration = Duration::from_millis(200);
/// How long a request to a witness may take in all.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How long connecting to a witness may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// The first wait before a failing witness is tried again at the same size.
const FIRST_BACKOFF: Duration = Duration::from_secs(2);
/// The longest such wait.
const MAX_BACKOFF: Duration = Duration::from_secs(300);
/// The most of a witness's answer that is read.
const MAX_ANSWER_BYTES: u64 = 64 * 1024;

/// A witness the server sends its checkpoints to.
#[derive(Debug, Clone)]
pub struct Witness {
    /// Its name (the policy's, or `--witness NAME=URL`'s).
    pub name: String,
    /// Its submission prefix: requests go to `<url>/add-checkpoint`.
    pub url: String,
    /// Its cosigning key, when a policy gives one: only cosignatures that
    /// verify with it are kept.
    pub key: Option<CosignerKey>,
}

/// Why the witnesses given on the command line cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum WitnessConfigError {
    #[error("--witness {0:?}: expected NAME=URL, with an http:// or https:// URL")]
    BadFlag(String),
}

impl Witness {
    /// A witness from `NAME=URL`.
    pub fn parse_flag(text: &str) -> Result<Witness, WitnessConfigError> {
        let bad = || WitnessConfigError::BadFlag(text.to_owned());
        let (name, url) = text.split_once('=').ok_or_else(bad)?;
        let (name, url) = (name.trim(), url.trim().trim_end_matches('/'));
        let scheme_ok = url.starts_with("http://") || url.starts_with("https://");
        if name.is_empty() || !scheme_ok || url.contains(char::is_whitespace) {
            return Err(bad());
        }
        Ok(Witness {
            name: name.to_owned(),
            url: url.to_owned(),
            key: None,
        })
    }
}

/// The witnesses to send to: those named on the command line (with their
/// policy key when the policy has a witness of the same name), and the
/// policy's witnesses that have a URL.
pub fn witnesses(flags: Vec<Witness>, policy: Option<&Policy>) -> Vec<Witness> {
    let mut all = flags;
    if let Some(policy) = policy {
        for pw in policy.witnesses() {
            if let Some(named) = all.iter_mut().find(|w| w.name == pw.name) {
                named.key = Some(pw.key.clone());
            } else if let Some(url) = &pw.url {
                all.push(Witness {
                    name: pw.name.clone(),
                    url: url.trim_end_matches('/').to_owned(),
                    key: Some(pw.key.clone()),
                });
            }
        }
    }
    all
}

/// The thread that sends checkpoints to witnesses; stopped when dropped.
#[derive(Debug)]
pub struct WitnessTask {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for WitnessTask {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts sending `app`'s new signed checkpoints to `witnesses`, on a
/// thread of its own.
pub fn spawn(app: SharedApp, witnesses: Vec<Witness>) -> std::io::Result<WitnessTask> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let thread = std::thread::Builder::new()
        .name("witnesses".to_owned())
        .spawn(move || Sender::new(app, witnesses).run(&flag))?;
    Ok(WitnessTask {
        stop,
        thread: Some(thread),
    })
}

/// What is known of one witness.
#[derive(Debug)]
struct Known {
    witness: Witness,
    /// The size the witness is believed to have cosigned last.
    old: u64,
    /// The size of the checkpoint it last cosigned here, and its lines.
    cosigned: Option<(u64, Vec<String>)>,
    /// The size last tried, and when it may be tried again.
    tried: Option<(u64, Instant)>,
    backoff: Duration,
    failing: bool,
}

/// What a witness answered.
enum Outcome {
    Cosigned(Vec<String>),
    Conflict(u64),
    Failed(String),
}

struct Sender {
    app: SharedApp,
    agent: ureq::Agent,
    known: Vec<Known>,
    /// Cosignature lines kept from before a restart, by signer name, and
    /// the checkpoint size they are for.
    carried: Option<(u64, BTreeMap<String, String>)>,
}

impl Sender {
    fn new(app: SharedApp, witnesses: Vec<Witness>) -> Sender {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(REQUEST_TIMEOUT))
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .http_status_as_error(false)
            .build();
        Sender {
            app,
            agent: ureq::Agent::new_with_config(config),
            known: witnesses
                .into_iter()
                .map(|witness| Known {
                    witness,
                    old: 0,
                    cosigned: None,
                    tried: None,
                    backoff: FIRST_BACKOFF,
                    failing: false,
                })
                .collect(),
            carried: None,
        }
    }

    fn run(mut self, stop: &AtomicBool) {
        self.restore();
        while !stop.load(Ordering::Relaxed) {
            if let Some(latest) = self.app.signed_checkpoint() {
                self.round(&latest);
            }
            std::thread::sleep(POLL_EVERY);
        }
    }

    /// Takes up the cosignatures kept before a restart, for the checkpoint
    /// they are for.
    fn restore(&mut self) {
        let (Some(latest), Ok(Some(kept))) =
            (self.app.signed_checkpoint(), self.app.cosigned_checkpoint())
        else {
            return;
        };
        if note_body(&kept) != note_body(&latest.note) {
            return;
        }
        let lines = cosignature_lines(&kept);
        for known in &mut self.known {
            let own: Vec<String> = lines
                .iter()
                .filter(|(name, _)| signer_name(known) == name)
                .map(|(_, line)| line.clone())
                .collect();
            if !own.is_empty() {
                known.old = latest.size;
                known.cosigned = Some((latest.size, own));
            }
        }
        self.carried = Some((latest.size, lines.into_iter().collect()));
    }

    /// Sends `latest` to every witness that has not cosigned it and is due.
    fn round(&mut self, latest: &SignedCheckpoint) {
        let now = Instant::now();
        let mut changed = false;
        for i in 0..self.known.len() {
            let known = &self.known[i];
            if known
                .cosigned
                .as_ref()
                .is_some_and(|(s, _)| *s == latest.size)
            {
                continue;
            }
            if known
                .tried
                .is_some_and(|(size, again)| size == latest.size && now < again)
            {
                continue;
            }
            let outcome = self.submit(i, latest);
            let known = &mut self.known[i];
            match outcome {
                Ok(lines) => {
                    if known.failing {
                        tracing::info!(witness = %known.witness.name, size = latest.size, "the witness cosigns again");
                    }
                    known.failing = false;
                    known.backoff = FIRST_BACKOFF;
                    known.old = latest.size;
                    known.tried = None;
                    known.cosigned = Some((latest.size, lines));
                    changed = true;
                }
                Err(reason) => {
                    if !known.failing {
                        tracing::warn!(
                            witness = %known.witness.name,
                            size = latest.size,
                            "the witness did not cosign: {reason}; trying again with the next checkpoint or after a back-off"
                        );
                    }
                    known.failing = true;
                    known.tried = Some((latest.size, now + known.backoff));
                    known.backoff = (known.backoff * 2).min(MAX_BACKOFF);
                }
            }
        }
        if changed {
            self.keep(latest);
        }
    }

    /// Posts `latest` to witness `i`, learning its size from a 409 once.
    fn submit(&mut self, i: usize, latest: &SignedCheckpoint) -> Result<Vec<String>, String> {
        let mut old = self.known[i].old;
        for attempt in 0..2 {
            match self.post(&self.known[i].witness, old, latest) {
                Outcome::Cosigned(lines) => return Ok(lines),
                Outcome::Conflict(size) if attempt == 0 && size != old => {
                    self.known[i].old = size;
                    old = size;
                }
                Outcome::Conflict(size) => {
                    return Err(format!("it answered 409 with its size {size} again"));
                }
                Outcome::Failed(reason) => return Err(reason),
            }
        }
        Err("it answered 409 twice".to_owned())
    }

    fn post(&self, witness: &Witness, old: u64, latest: &SignedCheckpoint) -> Outcome {
        if old > latest.size {
            return Outcome::Failed(format!(
                "it has cosigned a tree of {old} entries, larger than this log's {}",
                latest.size
            ));
        }
        let proof = if old == 0 {
            Vec::new()
        } else {
            match self.app.consistency_proof(old, latest.size) {
                Some(proof) => proof,
                None => return Outcome::Failed(format!("no consistency proof from {old}")),
            }
        };
        let body = AddCheckpoint {
            old_size: old,
            proof,
            checkpoint: latest.note.clone(),
        }
        .to_body();
        let url = format!("{}/add-checkpoint", witness.url);
        let answer = self
            .agent
            .post(&url)
            .header("content-type", "text/plain; charset=utf-8")
            .send(body.as_bytes());
        let mut response = match answer {
            Ok(response) => response,
            Err(e) => return Outcome::Failed(format!("cannot reach it: {e}")),
        };
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let mut bytes = Vec::new();
        let read = response
            .body_mut()
            .as_reader()
            .take(MAX_ANSWER_BYTES)
            .read_to_end(&mut bytes);
        if let Err(e) = read {
            return Outcome::Failed(format!("its answer could not be read: {e}"));
        }
        match status {
            200 => {
                let lines = accepted_lines(witness, note_body(&latest.note), &bytes);
                if lines.is_empty() {
                    Outcome::Failed("it answered 200 without a cosignature that verifies".into())
                } else {
                    Outcome::Cosigned(lines)
                }
            }
            409 if content_type.starts_with(CONFLICT_CONTENT_TYPE) => {
                match parse_conflict_size(&bytes) {
                    Some(size) => Outcome::Conflict(size),
                    None => Outcome::Failed("it answered 409 without a size".into()),
                }
            }
            other => Outcome::Failed(format!("it answered {other}")),
        }
    }

    /// Keeps `latest` with every cosignature it got.
    fn keep(&mut self, latest: &SignedCheckpoint) {
        let mut lines: BTreeMap<String, String> = match &self.carried {
            Some((size, carried)) if *size == latest.size => carried.clone(),
            _ => BTreeMap::new(),
        };
        for known in &self.known {
            if let Some((size, own)) = &known.cosigned
                && *size == latest.size
            {
                for line in own {
                    if let Some(name) = line_name(line) {
                        lines.insert(name.to_owned(), line.clone());
                    }
                }
            }
        }
        let mut note = latest.note.clone();
        for line in lines.values() {
            note.push_str(line);
        }
        let note = with_cosignatures(latest, Some(&note));
        if let Err(e) = self.app.keep_cosigned_checkpoint(&note) {
            tracing::warn!(code = e.code(), "cannot keep the cosigned checkpoint: {e}");
        }
    }
}

/// The name on the signature lines of `known`'s witness: its key's name
/// when a policy gives it, else the name it was given.
fn signer_name(known: &Known) -> &str {
    known
        .witness
        .key
        .as_ref()
        .map_or(known.witness.name.as_str(), |k| k.name())
}

/// The name on a signature line `— name base64`.
fn line_name(line: &str) -> Option<&str> {
    line.strip_prefix("— ")?
        .split_once(' ')
        .map(|(name, _)| name)
}

/// The lines of a witness's 200 answer worth keeping, each ending in a
/// newline: those that verify with its key, or without a key those that
/// are well-formed cosignature lines.
fn accepted_lines(witness: &Witness, body: &str, answer: &[u8]) -> Vec<String> {
    let Ok(text) = std::str::from_utf8(answer) else {
        return Vec::new();
    };
    text.lines()
        .filter(|line| !line.is_empty())
        .filter(|line| match &witness.key {
            Some(key) => verify_cosignature(key, body, line).is_ok(),
            None => well_formed(line),
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Whether `line` is `— name base64` of a cosignature (key id, time,
/// signature).
fn well_formed(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("— ") else {
        return false;
    };
    match rest.split_once(' ') {
        Some((name, encoded)) => {
            !name.is_empty()
                && !name.contains(char::is_whitespace)
                && !encoded.contains(' ')
                && cosignature_timestamp(encoded).is_ok()
        }
        None => false,
    }
}

/// The cosignature lines of a kept note, by the name they carry (the log's
/// own signature is not one: it carries no timestamp).
fn cosignature_lines(note: &str) -> Vec<(String, String)> {
    let Some(at) = note.find("\n\n") else {
        return Vec::new();
    };
    note[at + 2..]
        .lines()
        .filter(|line| well_formed(line))
        .filter_map(|line| line_name(line).map(|n| (n.to_owned(), format!("{line}\n"))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_witness_flag_is_name_equals_url() {
        let w = Witness::parse_flag("w1=http://127.0.0.1:9000/witness/").unwrap();
        assert_eq!(w.name, "w1");
        assert_eq!(w.url, "http://127.0.0.1:9000/witness");
        for bad in ["w1", "=http://x", "w1=ftp://x", "w1=127.0.0.1:9000"] {
            assert!(Witness::parse_flag(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_policy_gives_keys_to_named_witnesses_and_adds_those_with_a_url() {
        use accord_log::note::SigningKey;
        let log = SigningKey::from_seed("accord.test/log", [1; 32]).unwrap();
        let w1 = SigningKey::from_seed("witness.test/w1", [2; 32]).unwrap();
        let w2 = SigningKey::from_seed("witness.test/w2", [3; 32]).unwrap();
        let w3 = SigningKey::from_seed("witness.test/w3", [4; 32]).unwrap();
        let text = format!(
            "log {}\nwitness W1 {}\nwitness W2 {} http://127.0.0.1:9002/w2\nwitness W3 {}\nquorum W1\n",
            log.verifier_key(),
            w1.verifier_key(),
            w2.verifier_key(),
            w3.verifier_key(),
        );
        let policy = Policy::parse(&text).unwrap();
        let flags = vec![Witness::parse_flag("W1=http://127.0.0.1:9001/w1").unwrap()];
        let all = witnesses(flags, Some(&policy));
        let named: Vec<(&str, &str, Option<&str>)> = all
            .iter()
            .map(|w| {
                (
                    w.name.as_str(),
                    w.url.as_str(),
                    w.key.as_ref().map(|k| k.name()),
                )
            })
            .collect();
        assert_eq!(
            named,
            vec![
                ("W1", "http://127.0.0.1:9001/w1", Some("witness.test/w1")),
                ("W2", "http://127.0.0.1:9002/w2", Some("witness.test/w2")),
            ]
        );
    }

    #[test]
    fn an_answer_is_kept_when_it_verifies_with_the_witnesss_key() {
        use accord_log::cosignature::cosign;
        use accord_log::note::SigningKey;
        let log = SigningKey::from_seed("accord.test/log", [1; 32]).unwrap();
        let note = log
            .sign("accord.test/log\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")
            .unwrap();
        let body = note_body(&note);
        let w1 = SigningKey::from_seed("witness.test/w1", [2; 32]).unwrap();
        let other = SigningKey::from_seed("witness.test/w1", [5; 32]).unwrap();
        let good = cosign(&w1, body, 1_790_000_000).unwrap();
        let forged = cosign(&other, body, 1_790_000_000).unwrap();
        let keyed = Witness {
            name: "W1".into(),
            url: "http://127.0.0.1:9001".into(),
            key: Some(CosignerKey::from_verifier_key(&w1.verifier_key())),
        };
        assert_eq!(
            accepted_lines(&keyed, body, good.as_bytes()),
            vec![good.clone()]
        );
        assert!(accepted_lines(&keyed, body, forged.as_bytes()).is_empty());
        let unkeyed = Witness { key: None, ..keyed };
        assert_eq!(
            accepted_lines(&unkeyed, body, forged.as_bytes()),
            vec![forged]
        );
        assert!(accepted_lines(&unkeyed, body, b"not a signature\n").is_empty());
        // The log's own signature line is no cosignature.
        assert!(cosignature_lines(&note).is_empty());
        assert_eq!(cosignature_lines(&format!("{note}{good}")).len(), 1);
    }

    #[test]
    fn only_cosignature_lines_are_well_formed() {
        assert!(!well_formed("— log AAAA"));
        assert!(!well_formed("hello"));
        assert!(!well_formed("— "));
    }
}
