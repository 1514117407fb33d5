//! Meetings, deadlines and milestones as an iCalendar (RFC 5545) calendar,
//! for calendar programs to import or subscribe to.
//!
//! Every item is an all-day `VEVENT` (`DTSTART;VALUE=DATE`, `DTEND` the next
//! day): charter and working-group meetings, each working group's project
//! list and roadmap deadline, the window end of the next charter meeting,
//! and each milestone the viewer may see. Deadlines and milestones are
//! events rather than `VTODO`s because the common calendar programs and
//! services show subscribed events but ignore to-dos (or file them in a
//! separate task list); they are `TRANSP:TRANSPARENT`, so they never mark
//! anyone busy. What is done shows it in its summary ("Done: …"), in its
//! description (the date), and as `X-ACCORD-COMPLETED` (RFC 5545 keeps
//! `COMPLETED` for to-dos).
//!
//! Each item's `UID` is derived from its id and the record's origin
//! (`meeting-<id>@<origin>`, `milestone-<id>@<origin>`,
//! `deadline-<group>-<deliverable>@<origin>`,
//! `charter-meeting-due-<date>@<origin>`), so a new export updates a
//! calendar rather than duplicating it; `SEQUENCE` counts the item's
//! changes that the record tells apart (a meeting held, its minutes
//! adopted; a milestone rescheduled, completed; a deadline met). `DTSTAMP`
//! is the moment of the export.
//!
//! Visibility: meetings as `accord_domain::visibility` lets the viewer see
//! them (an agenda only when seen in full, without the items naming what
//! the viewer may not see), milestones only when visible. Deadlines are the
//! charter's and every viewer sees them.

use std::io::Write;

use accord_domain::calendar::utc_date;
use accord_domain::ids::GroupId;
use accord_domain::model::{Deliverable, MeetingKind};
use accord_domain::rules::{self, DeadlineStatus};
use accord_domain::state::{Meeting, Milestone, State};
use accord_domain::visibility::{can_see_milestone, sees_everything};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::Offset;

use crate::seen::{group_name, languages, meeting_as_seen, text_in};
use crate::{ExportError, ExportScope};

/// The longest content line, in octets, before it is folded (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// Writes the calendar of what `scope.viewer` may see.
pub fn write(scope: &ExportScope<'_>, out: &mut dyn Write) -> Result<(), ExportError> {
    let state = scope.state;
    let charter = state.charter.as_ref().ok_or(ExportError::NoCharter)?;
    let origin = state.origin.as_str();
    let mut ics = Lines {
        out,
        stamp: ics_timestamp(scope.generated_at),
    };
    ics.line("BEGIN", "VCALENDAR")?;
    ics.line("VERSION", "2.0")?;
    ics.line("PRODID", "-//accord//charter record//EN")?;
    ics.line("CALSCALE", "GREGORIAN")?;
    ics.line("METHOD", "PUBLISH")?;
    ics.line(
        "X-WR-CALNAME",
        &escape_text(text_in(&charter.title, &charter.languages, origin)),
    )?;

    let mut meetings: Vec<Meeting> = state
        .meetings
        .values()
        .filter_map(|m| meeting_as_seen(state, scope.viewer, m))
        .collect();
    meetings.sort_by(|a, b| (a.spec.date, &a.spec.id).cmp(&(b.spec.date, &b.spec.id)));
    for meeting in &meetings {
        ics.event(&meeting_event(state, origin, meeting))?;
    }

    let as_of = utc_date(scope.generated_at);
    let report = rules::status(state, as_of, scope.viewer)
        .map_err(|e| ExportError::Invalid(format!("the charter's deadlines: {e}")))?;
    for group in &report.working_groups {
        for (deliverable, status) in [
            (Deliverable::ProjectList, group.project_list),
            (Deliverable::Roadmap, group.roadmap),
        ] {
            if let Some(status) = status {
                let name = group_name(state, &group.id);
                ics.event(&deadline_event(
                    origin,
                    &group.id,
                    name,
                    deliverable,
                    status,
                ))?;
            }
        }
    }
    if let Some(next) = &report.charter_meetings {
        ics.event(&DatedItem {
            uid: format!("charter-meeting-due-{}@{origin}", next.next_due),
            summary: "Charter meeting due (end of the yearly window)".to_owned(),
            date: next.next_due,
            location: None,
            description: vec![format!(
                "The parties meet under the charter at least once in each window; this one ends on {} ({}).",
                next.next_due, next.state
            )],
            categories: "DEADLINE",
            transparent: true,
            done_on: None,
            sequence: u32::try_from(next.held).unwrap_or(u32::MAX),
        })?;
    }

    let everything = sees_everything(state, scope.viewer);
    for milestone in state.milestones.values() {
        if everything || can_see_milestone(state, scope.viewer, milestone) {
            ics.event(&milestone_event(state, origin, milestone))?;
        }
    }
    ics.line("END", "VCALENDAR")
}

/// One all-day item, ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DatedItem {
    uid: String,
    summary: String,
    date: Date,
    location: Option<String>,
    /// Lines of the description.
    description: Vec<String>,
    categories: &'static str,
    /// Whether it marks no one busy (deadlines and milestones).
    transparent: bool,
    done_on: Option<Date>,
    sequence: u32,
}

fn meeting_event(state: &State, origin: &str, meeting: &Meeting) -> DatedItem {
    let spec = &meeting.spec;
    let summary = match (spec.kind, &spec.group) {
        (MeetingKind::Charter, _) => "Charter meeting".to_owned(),
        (MeetingKind::WorkingGroup, Some(group)) => {
            format!("Working group meeting: {}", group_name(state, group))
        }
        (MeetingKind::DialoguePlatform, Some(group)) => {
            format!("Dialogue platform meeting: {}", group_name(state, group))
        }
        (_, None) => "Meeting".to_owned(),
    };
    let mut description: Vec<String> = spec
        .agenda
        .iter()
        .enumerate()
        .map(|(i, item)| format!("{}. {}", i + 1, text_in(&item.title, languages(state), "")))
        .collect();
    if let Some(on) = meeting.held_on {
        description.push(format!("Held on {on}."));
    }
    DatedItem {
        uid: format!("meeting-{}@{origin}", spec.id),
        summary,
        date: meeting.held_on.unwrap_or(spec.date),
        location: Some(spec.place.clone()).filter(|p| !p.is_empty()),
        description,
        categories: "MEETING",
        transparent: false,
        done_on: None,
        sequence: u32::from(meeting.held_on.is_some()) + u32::from(meeting.minutes.is_some()),
    }
}

fn deadline_event(
    origin: &str,
    group: &GroupId,
    group_name: &str,
    deliverable: Deliverable,
    status: DeadlineStatus,
) -> DatedItem {
    let (slug, what) = match deliverable {
        Deliverable::ProjectList => ("project-list", "Project list"),
        Deliverable::Roadmap => ("roadmap", "Roadmap"),
    };
    let done_on = match status {
        DeadlineStatus::Met { on, .. } => Some(on),
        _ => None,
    };
    DatedItem {
        uid: format!("deadline-{group}-{slug}@{origin}"),
        summary: format!("{what} due: {group_name}"),
        date: status.due(),
        location: None,
        description: vec![format!(
            "{what} of the working group {group_name}, agreed by both parties: due on {} ({}).",
            status.due(),
            status.state()
        )],
        categories: "DEADLINE",
        transparent: true,
        done_on,
        sequence: u32::from(done_on.is_some()),
    }
}

fn milestone_event(state: &State, origin: &str, milestone: &Milestone) -> DatedItem {
    let spec = &milestone.spec;
    let mut description = vec![format!(
        "Working group: {}",
        group_name(state, &milestone.group)
    )];
    if let Some(project) = spec.project.as_ref().and_then(|p| state.projects.get(p)) {
        description.push(format!(
            "Project: {}",
            text_in(&project.spec.title, languages(state), project.id.as_str())
        ));
    }
    if milestone.baseline_due != spec.due {
        description.push(format!("Agreed due date: {}", milestone.baseline_due));
    }
    DatedItem {
        uid: format!("milestone-{}@{origin}", spec.id),
        summary: format!(
            "Milestone: {}",
            text_in(&spec.title, languages(state), spec.id.as_str())
        ),
        date: spec.due,
        location: None,
        description,
        categories: "MILESTONE",
        transparent: true,
        done_on: milestone.completed_on,
        sequence: u32::from(milestone.baseline_due != spec.due)
            + u32::from(milestone.completed_on.is_some()),
    }
}

/// Writes content lines, folded, with CRLF ends.
struct Lines<'w> {
    out: &'w mut dyn Write,
    /// Every component's `DTSTAMP`: the moment of the export.
    stamp: String,
}

impl Lines<'_> {
    /// Writes `NAME:value` (`name` may carry parameters: `DTSTART;VALUE=DATE`);
    /// `value` is already escaped where its type asks for it.
    fn line(&mut self, name: &str, value: &str) -> Result<(), ExportError> {
        let line = format!("{name}:{value}");
        self.out.write_all(fold(&line).as_bytes())?;
        Ok(())
    }

    fn event(&mut self, item: &DatedItem) -> Result<(), ExportError> {
        let end = item
            .date
            .tomorrow()
            .map_err(|_| ExportError::Invalid(format!("{} has no following day", item.date)))?;
        self.line("BEGIN", "VEVENT")?;
        self.line("UID", &escape_text(&item.uid))?;
        let stamp = self.stamp.clone();
        self.line("DTSTAMP", &stamp)?;
        self.line("DTSTART;VALUE=DATE", &ics_date(item.date))?;
        self.line("DTEND;VALUE=DATE", &ics_date(end))?;
        let summary = match item.done_on {
            Some(_) => format!("Done: {}", item.summary),
            None => item.summary.clone(),
        };
        self.line("SUMMARY", &escape_text(&summary))?;
        if let Some(location) = &item.location {
            self.line("LOCATION", &escape_text(location))?;
        }
        let mut description = item.description.clone();
        if let Some(on) = item.done_on {
            description.push(format!("Done on {on}."));
        }
        if !description.is_empty() {
            self.line("DESCRIPTION", &escape_text(&description.join("\n")))?;
        }
        self.line("CATEGORIES", item.categories)?;
        self.line("STATUS", "CONFIRMED")?;
        if item.transparent {
            self.line("TRANSP", "TRANSPARENT")?;
        }
        if let Some(on) = item.done_on {
            self.line("X-ACCORD-COMPLETED;VALUE=DATE", &ics_date(on))?;
        }
        self.line("SEQUENCE", &item.sequence.to_string())?;
        self.line("END", "VEVENT")
    }
}

/// A date as iCalendar's `DATE` value: `20261127`.
pub fn ics_date(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// A moment as iCalendar's UTC `DATE-TIME` value: `20261127T093000Z`.
pub fn ics_timestamp(at: Timestamp) -> String {
    let t = Offset::UTC.to_datetime(at);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Text as an iCalendar `TEXT` value (RFC 5545 §3.3.11): backslashes,
/// semicolons and commas escaped, line breaks as `\n`, and other control
/// characters (which a content line may not hold) left out.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (RFC 5545 §3.1), never inside a
/// UTF-8 character: each continuation starts with a space, and every line
/// ends with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{self, RESTRICTED_AGENDA, RESTRICTED_TITLE};
    use accord_domain::visibility::Viewer;
    use jiff::civil::date;

    #[test]
    fn text_escapes_what_rfc_5545_asks() {
        assert_eq!(escape_text(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(
            escape_text("one\r\ntwo\nthree\rfour"),
            r"one\ntwo\nthree\nfour"
        );
        assert_eq!(escape_text("bell\u{7}less"), "bellless");
        assert_eq!(escape_text("Bakı: Əliyev"), "Bakı: Əliyev");
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("SUMMARY:short"), "SUMMARY:short\r\n");
        let exactly = format!("X:{}", "a".repeat(73));
        assert_eq!(fold(&exactly), format!("{exactly}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_and_unfold_to_the_same() {
        let line = format!("DESCRIPTION:{}", "word ".repeat(40));
        let folded = fold(&line);
        for physical in folded.split_terminator("\r\n") {
            assert!(physical.len() <= LINE_OCTETS, "{physical:?}");
        }
        assert_eq!(folded.split_terminator("\r\n").count(), 3);
        assert_eq!(
            folded.strip_suffix("\r\n").unwrap().replace("\r\n ", ""),
            line
        );
    }

    #[test]
    fn folding_never_splits_a_character() {
        // Two-, three- and four-octet characters, across many fold points.
        let line = format!("SUMMARY:{}", "éə€😀".repeat(30));
        let folded = fold(&line);
        for physical in folded.split_terminator("\r\n") {
            assert!(physical.len() <= LINE_OCTETS, "{physical:?}");
        }
        assert_eq!(
            folded.strip_suffix("\r\n").unwrap().replace("\r\n ", ""),
            line
        );
        let bytes = folded.as_bytes();
        for (i, pair) in bytes.windows(2).enumerate() {
            if pair == b"\r\n" {
                // What ends before a CRLF is a whole character.
                assert!(std::str::from_utf8(&bytes[..i]).is_ok());
            }
        }
    }

    #[test]
    fn dates_and_stamps_use_the_basic_format() {
        assert_eq!(ics_date(date(2026, 2, 9)), "20260209");
        assert_eq!(ics_timestamp(fixture::at()), "20261127T093000Z");
    }

    fn uids(calendar: &str) -> Vec<&str> {
        calendar
            .lines()
            .filter_map(|l| l.strip_prefix("UID:"))
            .collect()
    }

    #[test]
    fn every_event_has_a_stable_uid_and_the_export_stamp() {
        let state = fixture::state();
        let calendar = fixture::export(&state, &Viewer::Operator, write);
        let events = calendar.matches("BEGIN:VEVENT").count();
        assert_eq!(calendar.matches("DTSTAMP:20261127T093000Z").count(), events);
        let ids = uids(&calendar);
        assert_eq!(ids.len(), events);
        let distinct: std::collections::BTreeSet<_> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len(), "{ids:?}");
        for expected in [
            "meeting-charter-2026@accord.test/az-us",
            "meeting-energy-dec@accord.test/az-us",
            "milestone-tripp-survey@accord.test/az-us",
            "deadline-energy-project-list@accord.test/az-us",
            "deadline-energy-roadmap@accord.test/az-us",
            "charter-meeting-due-2028-02-10@accord.test/az-us",
        ] {
            assert!(ids.contains(&expected), "{expected} in {ids:?}");
        }
        // Made again, later: the same items under the same UIDs.
        let later = ExportScope {
            state: &state,
            viewer: &Viewer::Operator,
            generated_at: fixture::at(),
        };
        let mut again = Vec::new();
        write(&later, &mut again).unwrap();
        assert_eq!(uids(&String::from_utf8(again).unwrap()), ids);
        assert!(calendar.ends_with("END:VCALENDAR\r\n"));
        assert!(!calendar.replace("\r\n", "").contains('\n'), "CRLF only");
    }

    #[test]
    fn what_is_done_says_so() {
        let state = fixture::state();
        let calendar = fixture::export(&state, &Viewer::Operator, write).replace("\r\n ", "");
        let survey = calendar
            .split("BEGIN:VEVENT")
            .find(|e| e.contains("UID:milestone-tripp-survey@"))
            .unwrap();
        assert!(survey.contains("SUMMARY:Done: Milestone: Survey\\, route and costs"));
        assert!(survey.contains("X-ACCORD-COMPLETED;VALUE=DATE:20260830"));
        assert!(survey.contains("DTSTART;VALUE=DATE:20260901\r\nDTEND;VALUE=DATE:20260902"));
        assert!(survey.contains("SEQUENCE:1"));
        // No project list was agreed in this record: the deadline is open.
        let list = calendar
            .split("BEGIN:VEVENT")
            .find(|e| e.contains("UID:deadline-energy-project-list@"))
            .unwrap();
        assert!(list.contains("SUMMARY:Project list due: Énergie"));
        assert!(list.contains("DTSTART;VALUE=DATE:20260510"));
        assert!(!list.contains("COMPLETED"));
    }

    #[test]
    fn nobody_sees_what_they_may_not() {
        let state = fixture::state();
        for (viewer, sees_restricted) in fixture::viewers() {
            let calendar = fixture::export(&state, &viewer, write).replace("\r\n ", "");
            assert_eq!(
                calendar.contains("milestone-grid-audit@"),
                sees_restricted,
                "{viewer:?}"
            );
            assert!(
                !calendar.contains(&escape_text(RESTRICTED_TITLE)) || sees_restricted,
                "{viewer:?}"
            );
            assert_eq!(
                calendar.contains(RESTRICTED_AGENDA),
                sees_restricted,
                "{viewer:?}"
            );
            // The public sees the charter meeting's date and place, not its agenda,
            // and no working-group meeting.
            if viewer == Viewer::Public {
                assert!(calendar.contains("UID:meeting-charter-2026@"));
                assert!(calendar.contains("LOCATION:Baku\\, Azerbaijan"));
                assert!(!calendar.contains("Review of the year"));
                assert!(!calendar.contains("meeting-energy-dec@"));
            }
        }
    }
}
