//! A project's history on its page: each entry of the log about it with
//! its index (linked to its inclusion proof), its date, who acted (by
//! name, for those who may see people), what happened in the reader's
//! language, and, where the description changed or a change of it was
//! proposed, the word difference from the version before.

use accord_app::project_acts::{HistoryEntry, ProposalKind};
use accord_domain::model::Texts;

use crate::lang::Tr;
use crate::view::status_label;
use crate::word_diff::{Piece, word_diff};

/// One row of the history table.
#[derive(Debug, Clone)]
pub struct HistoryRow {
    pub index: u64,
    pub date: String,
    /// Who acted, by name; empty for the operator or when not shown.
    pub who: String,
    /// What happened, in words.
    pub label: String,
    /// The event's type as the log spells it, for a machine reader.
    pub event_type: String,
    pub note: String,
    /// The description's word difference from the version before (empty
    /// when this entry leaves the description as it was).
    pub diff: Vec<Piece>,
    /// The language the difference is shown in.
    pub diff_lang: String,
}

/// The message key naming what an entry did; the event's type in words.
fn label_key(entry: &HistoryEntry) -> &'static str {
    let change = entry.proposal_kind == Some(ProposalKind::ProjectAmendment);
    match (entry.event_type.as_str(), change) {
        ("ProjectProposed", _) => "history-project-proposed",
        ("ProjectAmended", _) => "history-project-amended",
        ("ProjectStatusChanged", _) => "history-status-changed",
        ("ProposalMade", true) => "history-change-proposed",
        ("ProposalAmended", true) => "history-change-amended",
        ("ApprovalGiven", true) => "history-change-approved",
        ("ApprovalGiven", false) => "history-list-approved",
        ("ApprovalWithdrawn", _) => "history-approval-withdrawn",
        ("ApprovalsVoided", _) => "history-approvals-voided",
        ("ProposalRejected", true) => "history-change-rejected",
        ("ProposalRejected", false) => "history-list-rejected",
        ("ProposalAdopted", true) => "history-change-adopted",
        ("ProposalAdopted", false) => "history-list-adopted",
        ("ProposalWithdrawn", _) => "history-change-withdrawn",
        ("MilestoneCompleted", _) => "history-milestone-completed",
        ("MilestoneRescheduled", _) => "history-milestone-rescheduled",
        ("IndicatorDefined", _) => "history-indicator-defined",
        ("MeasurementRecorded", _) => "history-measurement-recorded",
        _ => "history-other",
    }
}

/// The text of `texts` to compare for a reader of `lang`: theirs, else
/// the first there is, with its language.
fn comparable<'a>(texts: &'a Texts, lang: &str) -> (&'a str, &'a str) {
    texts
        .get_key_value(lang)
        .or_else(|| texts.iter().next())
        .map_or(("", ""), |(l, t)| (l.as_str(), t.as_str()))
}

/// The history's rows, oldest first. Each description is compared with the
/// one before it (a proposed change with the version that stands), in one
/// pass over the entries.
pub fn history_rows(entries: &[HistoryEntry], tr: Tr) -> Vec<HistoryRow> {
    let lang = tr.lang.code();
    let mut standing: Option<&Texts> = None;
    // The description a pending change proposes, which stands once adopted.
    let mut proposed: Option<&Texts> = None;
    entries
        .iter()
        .map(|entry| {
            let (mut diff, mut diff_lang) = (Vec::new(), String::new());
            if let Some(description) = &entry.description {
                let (language, new) = comparable(description, lang);
                let old = standing.map_or("", |t| comparable(t, language).1);
                if standing.is_some() {
                    diff = word_diff(old, new);
                    diff_lang = language.to_owned();
                }
                // A proposal does not change what stands; a direct act does.
                if entry.proposal_kind.is_none() {
                    standing = Some(description);
                } else {
                    proposed = Some(description);
                }
            }
            if entry.event_type == "ProposalAdopted"
                && entry.proposal_kind == Some(ProposalKind::ProjectAmendment)
                && proposed.is_some()
            {
                standing = proposed.take();
            }
            let mut label = tr.t(label_key(entry));
            if let Some(status) = entry.status {
                label = format!("{label}: {}", status_label(status, tr));
            }
            HistoryRow {
                index: entry.index,
                date: entry.date.to_string(),
                who: entry.actor_name.clone().unwrap_or_default(),
                label,
                event_type: entry.event_type.clone(),
                note: entry.note.clone(),
                diff,
                diff_lang,
            }
        })
        .collect()
}
