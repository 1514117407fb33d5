//! Trust policies (C2SP `tlog-policy`): which logs and witnesses a verifier
//! trusts, and which witnesses must have cosigned a checkpoint before it is
//! believed.
//!
//! ```text
//! log accord.example/log+1c2d3e4f+AQ…
//!
//! witness X1 witness.example/x1+…+BA…
//! witness X2 witness.example/x2+…+BA…
//! witness Y1 witness.example/y1+…+AQ…
//! group X 2 X1 X2
//! group X-and-Y all X Y1
//! quorum X-and-Y
//! ```
//!
//! A checkpoint passes when one of the logs signed it (the log key's name is
//! the checkpoint's origin) and the witnesses whose cosignatures verify
//! satisfy the quorum. Names are the policy's own (a witness's vkey carries
//! its own key name). Witness keys may be `cosignature/v1` keys (type `0x04`)
//! or note keys (type `0x01`), see [`CosignerKey`].

use std::fmt;

use crate::checkpoint::{Checkpoint, CheckpointError, parse_decimal};
use crate::cosignature::{CosignatureError, CosignerKey, check_cosignatures};
use crate::note::{self, NoteError, VerifierKey, split_note};

/// The predefined name of the empty quorum.
pub const NONE: &str = "none";

/// Why a policy does not parse, or a checkpoint does not pass it. A parse
/// error names its line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// A character the format does not allow (a control character other
    /// than tab, or DEL).
    #[error("line {line}: a control character (only tab and newline are allowed)")]
    BadCharacter {
        /// The line.
        line: usize,
    },
    /// A line that starts with none of `log`, `witness`, `group`, `quorum`.
    #[error("line {line}: unknown keyword {keyword:?} (expected log, witness, group or quorum)")]
    UnknownKeyword {
        /// The line.
        line: usize,
        /// The first word of the line.
        keyword: String,
    },
    /// A line with too few or too many items.
    #[error("line {line}: {reason}")]
    BadLine {
        /// The line.
        line: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// A vkey that does not parse, or of the wrong type.
    #[error("line {line}: bad vkey: {error}")]
    BadVkey {
        /// The line.
        line: usize,
        /// Why the key was refused.
        error: NoteError,
    },
    /// The same public key as an earlier log or witness.
    #[error("line {line}: the same public key as line {first_line}")]
    DuplicateKey {
        /// The line.
        line: usize,
        /// The line that defined the key first.
        first_line: usize,
    },
    /// A witness or group name defined twice, or `none` defined.
    #[error("line {line}: the name {name:?} is already defined")]
    DuplicateName {
        /// The line.
        line: usize,
        /// The name.
        name: String,
    },
    /// A name used before (or without) its definition.
    #[error("line {line}: {name:?} is not defined on an earlier line")]
    UndefinedName {
        /// The line.
        line: usize,
        /// The name.
        name: String,
    },
    /// `none` as a member of a group.
    #[error("line {line}: \"none\" cannot be a group member")]
    NoneAsMember {
        /// The line.
        line: usize,
    },
    /// A member listed twice in one group.
    #[error("line {line}: {name:?} is listed twice in the group")]
    DuplicateMember {
        /// The line.
        line: usize,
        /// The name.
        name: String,
    },
    /// A threshold that is not `all`, `any` or a decimal from 1 to the number
    /// of members.
    #[error("line {line}: threshold {threshold:?} is not all, any or a number from 1 to {members}")]
    BadThreshold {
        /// The line.
        line: usize,
        /// The threshold as written.
        threshold: String,
        /// The number of members.
        members: usize,
    },
    /// No `quorum` line.
    #[error("the policy has no quorum line")]
    NoQuorum,
    /// A second `quorum` line.
    #[error("line {line}: a second quorum line (the first is line {first_line})")]
    TwoQuorums {
        /// The line.
        line: usize,
        /// The first quorum line.
        first_line: usize,
    },
    /// The checkpoint's origin is none of the policy's logs.
    #[error("the checkpoint's origin {origin:?} is not a log of the policy")]
    UnknownLog {
        /// The origin.
        origin: String,
    },
    /// The note is malformed, or not signed by the log.
    #[error("the checkpoint is not signed by its log: {0}")]
    Note(NoteError),
    /// The note's text is not a checkpoint.
    #[error("not a checkpoint: {0}")]
    Checkpoint(#[from] CheckpointError),
    /// A cosignature line of a policy witness that does not verify.
    #[error("witness {witness}: {error}")]
    Cosignature {
        /// The witness's name in the policy.
        witness: String,
        /// Why its cosignature was refused.
        error: CosignatureError,
    },
    /// The valid cosignatures do not satisfy the quorum.
    #[error("the quorum is not met: cosigned by {}; the quorum needs {needed}", if .cosigned.is_empty() { "no witness of the policy".to_owned() } else { .cosigned.join(", ") })]
    QuorumNotMet {
        /// The policy names of the witnesses whose cosignatures verified.
        cosigned: Vec<String>,
        /// What the quorum needs, spelled out.
        needed: String,
    },
}

/// A witness of a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyWitness {
    /// The witness's name in the policy.
    pub name: String,
    /// Its cosigning key.
    pub key: CosignerKey,
    /// Its URL, if the policy gives one.
    pub url: Option<String>,
}

/// A reference to a witness or a group, or the empty quorum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    None,
    Witness(usize),
    Group(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Group {
    name: String,
    threshold: usize,
    members: Vec<Node>,
}

/// A parsed trust policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    log_keys: Vec<VerifierKey>,
    log_urls: Vec<Option<String>>,
    witnesses: Vec<PolicyWitness>,
    groups: Vec<Group>,
    quorum: Node,
}

/// A checkpoint that passed a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyCheck {
    /// The checkpoint.
    pub checkpoint: Checkpoint,
    /// The name of the log key that signed it (its origin).
    pub log: String,
    /// The policy's witnesses whose cosignatures verified, with their
    /// timestamps, in policy order.
    pub cosigned_by: Vec<(String, u64)>,
}

impl Policy {
    /// Parses a policy file. Every error names its line and what is wrong.
    pub fn parse(text: &str) -> Result<Self, PolicyError> {
        let mut policy = Policy {
            log_keys: Vec::new(),
            log_urls: Vec::new(),
            witnesses: Vec::new(),
            groups: Vec::new(),
            quorum: Node::None,
        };
        let mut log_lines: Vec<usize> = Vec::new();
        let mut witness_lines: Vec<usize> = Vec::new();
        let mut quorum_line: Option<usize> = None;
        for (i, raw) in text.split('\n').enumerate() {
            let line = i + 1;
            if raw.chars().any(|c| (c < ' ' && c != '\t') || c == '\x7f') {
                return Err(PolicyError::BadCharacter { line });
            }
            let items: Vec<&str> = raw
                .split([' ', '\t'])
                .filter(|item| !item.is_empty())
                .collect();
            let Some((&keyword, args)) = items.split_first() else {
                continue;
            };
            if keyword.starts_with('#') {
                continue;
            }
            match keyword {
                "log" => {
                    let (vkey, url) = match args {
                        [vkey] => (vkey, None),
                        [vkey, url] => (vkey, Some((*url).to_owned())),
                        _ => {
                            return Err(PolicyError::BadLine {
                                line,
                                reason: "expected: log <vkey> [<url>]",
                            });
                        }
                    };
                    let key = VerifierKey::parse(vkey)
                        .map_err(|error| PolicyError::BadVkey { line, error })?;
                    if let Some(first) = policy
                        .log_keys
                        .iter()
                        .position(|k| k.public_key() == key.public_key())
                    {
                        return Err(PolicyError::DuplicateKey {
                            line,
                            first_line: log_lines[first],
                        });
                    }
                    policy.log_keys.push(key);
                    policy.log_urls.push(url);
                    log_lines.push(line);
                }
                "witness" => {
                    let (name, vkey, url) = match args {
                        [name, vkey] => (name, vkey, None),
                        [name, vkey, url] => (name, vkey, Some((*url).to_owned())),
                        _ => {
                            return Err(PolicyError::BadLine {
                                line,
                                reason: "expected: witness <name> <vkey> [<url>]",
                            });
                        }
                    };
                    policy.check_new_name(line, name)?;
                    let key = CosignerKey::parse(vkey)
                        .map_err(|error| PolicyError::BadVkey { line, error })?;
                    if let Some(first) = policy
                        .witnesses
                        .iter()
                        .position(|w| w.key.public_key() == key.public_key())
                    {
                        return Err(PolicyError::DuplicateKey {
                            line,
                            first_line: witness_lines[first],
                        });
                    }
                    policy.witnesses.push(PolicyWitness {
                        name: (*name).to_owned(),
                        key,
                        url,
                    });
                    witness_lines.push(line);
                }
                "group" => {
                    let [name, threshold, members @ ..] = args else {
                        return Err(PolicyError::BadLine {
                            line,
                            reason: "expected: group <name> all|any|<k> <name>...",
                        });
                    };
                    if members.is_empty() {
                        return Err(PolicyError::BadLine {
                            line,
                            reason: "a group has at least one member",
                        });
                    }
                    policy.check_new_name(line, name)?;
                    let mut nodes = Vec::with_capacity(members.len());
                    for member in members {
                        let node = policy.resolve(line, member)?;
                        if node == Node::None {
                            return Err(PolicyError::NoneAsMember { line });
                        }
                        if nodes.contains(&node) {
                            return Err(PolicyError::DuplicateMember {
                                line,
                                name: (*member).to_owned(),
                            });
                        }
                        nodes.push(node);
                    }
                    let n = nodes.len();
                    let threshold = match *threshold {
                        "all" => n,
                        "any" => 1,
                        k => match parse_decimal(k) {
                            Some(k) if (1..=n as u64).contains(&k) => k as usize,
                            _ => {
                                return Err(PolicyError::BadThreshold {
                                    line,
                                    threshold: k.to_owned(),
                                    members: n,
                                });
                            }
                        },
                    };
                    policy.groups.push(Group {
                        name: (*name).to_owned(),
                        threshold,
                        members: nodes,
                    });
                }
                "quorum" => {
                    let [name] = args else {
                        return Err(PolicyError::BadLine {
                            line,
                            reason: "expected: quorum <name>",
                        });
                    };
                    if let Some(first_line) = quorum_line {
                        return Err(PolicyError::TwoQuorums { line, first_line });
                    }
                    policy.quorum = policy.resolve(line, name)?;
                    quorum_line = Some(line);
                }
                other => {
                    return Err(PolicyError::UnknownKeyword {
                        line,
                        keyword: other.to_owned(),
                    });
                }
            }
        }
        if quorum_line.is_none() {
            return Err(PolicyError::NoQuorum);
        }
        Ok(policy)
    }

    fn check_new_name(&self, line: usize, name: &str) -> Result<(), PolicyError> {
        if name == NONE || self.find(name).is_some() {
            return Err(PolicyError::DuplicateName {
                line,
                name: name.to_owned(),
            });
        }
        Ok(())
    }

    fn find(&self, name: &str) -> Option<Node> {
        if let Some(i) = self.witnesses.iter().position(|w| w.name == name) {
            return Some(Node::Witness(i));
        }
        self.groups
            .iter()
            .position(|g| g.name == name)
            .map(Node::Group)
    }

    fn resolve(&self, line: usize, name: &str) -> Result<Node, PolicyError> {
        if name == NONE {
            return Ok(Node::None);
        }
        self.find(name).ok_or_else(|| PolicyError::UndefinedName {
            line,
            name: name.to_owned(),
        })
    }

    /// The logs' keys; each key's name is its log's origin.
    pub fn log_keys(&self) -> &[VerifierKey] {
        &self.log_keys
    }

    /// The logs with their URLs, if given.
    pub fn logs(&self) -> impl Iterator<Item = (&VerifierKey, Option<&str>)> {
        self.log_keys
            .iter()
            .zip(self.log_urls.iter().map(Option::as_deref))
    }

    /// The witnesses, in policy order.
    pub fn witnesses(&self) -> &[PolicyWitness] {
        &self.witnesses
    }

    /// Checks a signed checkpoint note against the policy: one of the logs
    /// signed it (origin = the log key's name), every cosignature line of a
    /// policy witness verifies, and the witnesses that cosigned satisfy the
    /// quorum.
    pub fn check(&self, note: &str) -> Result<PolicyCheck, PolicyError> {
        let split = split_note(note.as_bytes()).map_err(PolicyError::Note)?;
        let checkpoint = Checkpoint::parse_body(split.text)?;
        let keys: Vec<VerifierKey> = self
            .log_keys
            .iter()
            .filter(|k| k.name() == checkpoint.origin)
            .cloned()
            .collect();
        if keys.is_empty() {
            return Err(PolicyError::UnknownLog {
                origin: checkpoint.origin,
            });
        }
        note::open(note, &keys).map_err(PolicyError::Note)?;
        let mut cosigned_by = Vec::new();
        let mut cosigned = vec![false; self.witnesses.len()];
        for (i, witness) in self.witnesses.iter().enumerate() {
            let found =
                check_cosignatures(note, std::slice::from_ref(&witness.key)).map_err(|error| {
                    PolicyError::Cosignature {
                        witness: witness.name.clone(),
                        error,
                    }
                })?;
            if let Some((_, timestamp)) = found.first() {
                cosigned[i] = true;
                cosigned_by.push((witness.name.clone(), *timestamp));
            }
        }
        if !self.satisfied(&cosigned) {
            return Err(PolicyError::QuorumNotMet {
                cosigned: cosigned_by.into_iter().map(|(name, _)| name).collect(),
                needed: self.describe(self.quorum),
            });
        }
        Ok(PolicyCheck {
            checkpoint,
            log: checkpoint_log(&keys),
            cosigned_by,
        })
    }

    /// Whether the witnesses marked in `cosigned` satisfy the quorum. Groups
    /// only name earlier groups, so one pass in order settles each once.
    fn satisfied(&self, cosigned: &[bool]) -> bool {
        let mut groups: Vec<bool> = Vec::with_capacity(self.groups.len());
        let holds = |node: Node, groups: &[bool]| match node {
            Node::None => true,
            Node::Witness(i) => cosigned[i],
            Node::Group(i) => groups[i],
        };
        for group in &self.groups {
            let count = group.members.iter().filter(|m| holds(**m, &groups)).count();
            groups.push(count >= group.threshold);
        }
        holds(self.quorum, &groups)
    }

    /// The quorum spelled out: `X-and-Y = all of (X = 2 of (X1, X2), Y1)`.
    fn describe(&self, node: Node) -> String {
        match node {
            Node::None => "no cosignature".to_owned(),
            Node::Witness(i) => self.witnesses[i].name.clone(),
            Node::Group(i) => {
                let group = &self.groups[i];
                let members: Vec<String> =
                    group.members.iter().map(|m| self.describe(*m)).collect();
                let k = if group.threshold == group.members.len() && group.threshold > 1 {
                    "all".to_owned()
                } else if group.threshold == 1 && group.members.len() > 1 {
                    "any".to_owned()
                } else {
                    group.threshold.to_string()
                };
                format!("{} = {k} of ({})", group.name, members.join(", "))
            }
        }
    }
}

/// The log's name: every key given has the checkpoint's origin as its name.
fn checkpoint_log(keys: &[VerifierKey]) -> String {
    keys[0].name().to_owned()
}

impl fmt::Display for PolicyWitness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "witness {} {}", self.name, self.key.to_vkey())?;
        if let Some(url) = &self.url {
            write!(f, " {url}")?;
        }
        Ok(())
    }
}
