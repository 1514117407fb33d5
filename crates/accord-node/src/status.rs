//! A node's view of itself and of its primary: what `accord node status`
//! prints, what the pages say, and what the follower keeps in
//! `status.json` after each look at the primary.

use serde::{Deserialize, Serialize};

use crate::folder::{Alarm, NodeFolder};

/// What the follower last saw.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowState {
    /// The primary's base URL.
    pub primary: String,
    /// The size of the primary's latest checkpoint, as last seen.
    pub primary_size: Option<u64>,
    /// Whether the last look at the primary succeeded.
    pub primary_reachable: bool,
    /// When the primary last answered (RFC 3339, UTC).
    pub last_contact: Option<String>,
    /// Why the last look failed, if it did.
    pub error: Option<String>,
}

/// The whole status of a node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeStatus {
    /// The size of the replica's latest accepted checkpoint.
    pub size: u64,
    /// Its root (base64).
    pub root: String,
    /// The primary's base URL.
    pub primary: String,
    /// The size of the primary's latest checkpoint, as last seen (the
    /// replica's own size when the primary was never reached).
    pub primary_size: u64,
    /// How many entries the replica lacks.
    pub behind: u64,
    /// Whether the last look at the primary succeeded.
    pub primary_reachable: bool,
    /// When the primary last answered.
    pub last_contact: Option<String>,
    /// Why the last look failed, if it did.
    pub error: Option<String>,
    /// Whether the node stopped accepting the primary's checkpoints after
    /// an alarm (it keeps serving what it verified).
    pub halted: bool,
    /// Every alarm, oldest first.
    pub alarms: Vec<Alarm>,
}

impl NodeStatus {
    /// Joins the replica's size and root, the follower's view and the alarms.
    pub fn assemble(size: u64, root: String, follow: FollowState, alarms: Vec<Alarm>) -> Self {
        let primary_size = follow.primary_size.unwrap_or(size);
        NodeStatus {
            size,
            root,
            primary: follow.primary,
            primary_size,
            behind: primary_size.saturating_sub(size),
            primary_reachable: follow.primary_reachable,
            last_contact: follow.last_contact,
            error: follow.error,
            halted: halts(&alarms),
            alarms,
        }
    }

    /// Reads a node's status from its folder while it runs or not: the
    /// follower's `status.json` and the alarms; `size` and `root` are the
    /// replica's (read from its store by the caller).
    pub fn read(folder: &NodeFolder, size: u64, root: String) -> std::io::Result<Self> {
        let follow: FollowState = folder.read("status.json")?.unwrap_or_default();
        Ok(Self::assemble(size, root, follow, folder.alarms()?))
    }

    /// The status as lines a person reads.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "replica of {}: {} entries (root {}), primary at {}, {} behind\n",
            self.primary, self.size, self.root, self.primary_size, self.behind
        );
        match (&self.primary_reachable, &self.error) {
            (true, _) => out.push_str(&format!(
                "primary reachable; last answer {}\n",
                self.last_contact.as_deref().unwrap_or("-")
            )),
            (false, Some(e)) => out.push_str(&format!(
                "primary NOT reachable ({e}); last answer {}; serving the copy held\n",
                self.last_contact.as_deref().unwrap_or("never")
            )),
            (false, None) => out.push_str("primary not reached yet\n"),
        }
        if self.halted {
            out.push_str("HALTED: the node accepts no further checkpoint from the primary until an operator looks at the alarms\n");
        }
        for alarm in &self.alarms {
            out.push_str(&format!(
                "ALARM {} at {}: {} (evidence: {})\n",
                alarm.kind.as_str(),
                alarm.observed,
                alarm.summary,
                alarm.evidence.display()
            ));
        }
        out
    }
}

/// Whether `alarms` stop the follow: a fork, a rollback or a bad signature
/// means the primary cannot be trusted past the point it was seen.
pub fn halts(alarms: &[Alarm]) -> bool {
    use crate::monitor::AlarmKind::{BadSignature, Fork, Rollback};
    alarms
        .iter()
        .any(|a| matches!(a.kind, Fork | Rollback | BadSignature))
}
