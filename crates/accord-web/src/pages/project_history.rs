//! A project's history on its page: each entry of the log about it with
//! its index (linked to its inclusion proof), its date, who acted (by
//! name, for those who may see people), what happened in the reader's
//! language, and, where the description changed or a change of it was
//! proposed, the word difference from the version before.

use accord_app::project_acts::{EntryKind, HistoryEntry, ProposalKind};
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

/// The message key naming what an entry did.
fn label_key(entry: &HistoryEntry) -> &'static str {
    let change = entry.proposal_kind == Some(ProposalKind::ProjectAmendment);
    match (entry.kind, change) {
        (EntryKind::ProjectProposed, _) => "history-project-proposed",
        (EntryKind::ProjectAmended, _) => "history-project-amended",
        (EntryKind::StatusChanged, _) => "history-status-changed",
        (EntryKind::ProposalMade, _) => "history-change-proposed",
        (EntryKind::ProposalAmended, _) => "history-change-amended",
        (EntryKind::ApprovalGiven, true) => "history-change-approved",
        (EntryKind::ApprovalGiven, false) => "history-list-approved",
        (EntryKind::ApprovalWithdrawn, _) => "history-approval-withdrawn",
        (EntryKind::ApprovalsVoided, _) => "history-approvals-voided",
        (EntryKind::ProposalRejected, true) => "history-change-rejected",
        (EntryKind::ProposalRejected, false) => "history-list-rejected",
        (EntryKind::ProposalAdopted, true) => "history-change-adopted",
        (EntryKind::ProposalAdopted, false) => "history-list-adopted",
        (EntryKind::ProposalWithdrawn, _) => "history-change-withdrawn",
        (EntryKind::MilestoneCompleted, _) => "history-milestone-completed",
        (EntryKind::MilestoneRescheduled, _) => "history-milestone-rescheduled",
        (EntryKind::IndicatorDefined, _) => "history-indicator-defined",
        (EntryKind::MeasurementRecorded, _) => "history-measurement-recorded",
        (EntryKind::Other, _) => "history-other",
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
            if entry.kind == EntryKind::ProposalAdopted
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn entry(index: u64, kind: EntryKind, change: bool, description: Option<&str>) -> HistoryEntry {
        HistoryEntry {
            index,
            recorded_at: jiff::Timestamp::UNIX_EPOCH,
            date: jiff::civil::date(2026, 11, 27),
            actor: None,
            actor_name: Some("Leyla Aliyeva".into()),
            event_type: String::new(),
            kind,
            proposal_kind: change.then_some(ProposalKind::ProjectAmendment),
            description: description.map(|d| accord_domain::texts::single("en", d)),
            status: None,
            note: String::new(),
        }
    }

    fn diff_of(row: &HistoryRow) -> String {
        row.diff
            .iter()
            .map(|p| format!("{}:{}", p.change.code(), p.text))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn each_description_is_compared_with_the_one_that_stood_before_it() {
        let rows = history_rows(
            &[
                entry(1, EntryKind::ProjectProposed, false, Some("A 240 MW plant")),
                entry(2, EntryKind::ProposalMade, true, Some("A 300 MW plant")),
                entry(3, EntryKind::ProposalAdopted, true, None),
                entry(
                    4,
                    EntryKind::ProposalMade,
                    true,
                    Some("A 300 MW plant, with storage"),
                ),
            ],
            Lang::En.tr(),
        );
        assert!(rows[0].diff.is_empty(), "nothing stood before");
        assert_eq!(
            diff_of(&rows[1]),
            "kept:A removed:240 added:300 kept:MW plant"
        );
        // Once adopted, the proposed description stands.
        assert_eq!(
            diff_of(&rows[3]),
            "kept:A 300 MW removed:plant added:plant, with storage"
        );
        assert_eq!(rows[1].label, "Change proposed to both parties");
        assert_eq!(rows[2].label, "Change adopted by both parties");
        assert_eq!(rows[0].who, "Leyla Aliyeva");
    }
}
