//! The status report as the CLI's `--format json`, the API and the exports
//! show it: flat, stable field names, dates as ISO 8601 strings.
//!
//! Each deadline is `{due, state, met_on, days_left, days_overdue, days_late}`
//! with `state` one of `met`, `pending`, `overdue`.

use std::fmt::Write as _;

use accord_domain::model::ProjectStatus;
use accord_domain::rules::{DeadlineStatus, StatusReport};
use serde_json::{Value, json};

/// The JSON form of a status report.
pub fn status_json(report: &StatusReport) -> Value {
    let groups: Vec<Value> = report
        .working_groups
        .iter()
        .map(|g| {
            let count = |s: ProjectStatus| g.projects.get(&s).copied().unwrap_or(0);
            json!({
                "id": g.id,
                "project_list": g.project_list.as_ref().map(deadline_json),
                "roadmap": g.roadmap.as_ref().map(deadline_json),
                "projects": {
                    "proposed": count(ProjectStatus::Proposed),
                    "agreed": count(ProjectStatus::Agreed),
                    "in_progress": count(ProjectStatus::InProgress),
                    "completed": count(ProjectStatus::Completed),
                    "suspended": count(ProjectStatus::Suspended),
                    "cancelled": count(ProjectStatus::Cancelled),
                },
                "milestones": {
                    "total": g.milestones.total,
                    "completed": g.milestones.completed,
                    "overdue": g.milestones.overdue,
                },
            })
        })
        .collect();
    json!({
        "as_of": report.as_of.to_string(),
        "signed_on": report.signed_on.to_string(),
        "working_groups": groups,
        "charter_meetings": report.charter_meetings.as_ref().map(|m| json!({
            "held": m.held,
            "next_due": m.next_due.to_string(),
            "state": m.state,
            "days_left": m.days_left,
            "days_overdue": m.days_overdue,
            "missed": m.missed.iter().map(|w| json!({"from": w.start.to_string(), "to": w.end.to_string()})).collect::<Vec<_>>(),
        })),
        "coverage": {
            "commitments": report.coverage.commitments,
            "covered": report.coverage.covered,
            "uncovered": report.coverage.uncovered,
            "by_commitment": report.coverage.by_commitment,
            "by_section": report.coverage.by_section.iter().map(|s| json!({
                "section": s.section, "commitments": s.commitments, "covered": s.covered,
            })).collect::<Vec<_>>(),
        },
        "overdue_milestones": report.overdue_milestones.iter().map(|m| json!({
            "id": m.id, "group": m.group, "due": m.due.to_string(), "days_overdue": m.days_overdue,
        })).collect::<Vec<_>>(),
        "overdue_milestones_total": report.overdue_milestones_total,
        "slipped_milestones_total": report.slipped_milestones_total,
        "stale_projects_total": report.stale_projects_total,
        "slipped_milestones": report.slipped_milestones.iter().map(|m| json!({
            "id": m.id, "group": m.group, "baseline_due": m.baseline_due.to_string(), "due": m.due.to_string(), "days_slipped": m.days_slipped,
        })).collect::<Vec<_>>(),
        "stale_projects": report.stale_projects,
    })
}

fn deadline_json(status: &DeadlineStatus) -> Value {
    let (met_on, days_left, days_overdue, days_late) = match *status {
        DeadlineStatus::Met { on, days_late, .. } => (Some(on.to_string()), 0, 0, days_late),
        DeadlineStatus::Pending { days_left, .. } => (None, days_left, 0, 0),
        DeadlineStatus::Overdue { days_overdue, .. } => (None, 0, days_overdue, 0),
    };
    json!({
        "due": status.due().to_string(),
        "state": status.state(),
        "met_on": met_on,
        "days_left": days_left,
        "days_overdue": days_overdue,
        "days_late": days_late,
    })
}

/// A deadline in words: `met on 2026-04-09`, `due in 12 days (2026-05-10)`,
/// `overdue by 3 days (due 2026-05-10)`.
pub fn deadline_text(status: &DeadlineStatus) -> String {
    match *status {
        DeadlineStatus::Met {
            on, days_late: 0, ..
        } => format!("met on {on}"),
        DeadlineStatus::Met { on, days_late, due } => {
            format!("met on {on}, {days_late} days late (due {due})")
        }
        DeadlineStatus::Pending { days_left: 0, due } => format!("due today ({due})"),
        DeadlineStatus::Pending { days_left, due } => format!("due in {days_left} days ({due})"),
        DeadlineStatus::Overdue { days_overdue, due } => {
            format!("overdue by {days_overdue} days (due {due})")
        }
    }
}

/// The status report for a person at a terminal.
pub fn status_text(report: &StatusReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Status on {} (charter signed on {})",
        report.as_of, report.signed_on
    );
    let _ = writeln!(out, "\nWorking groups");
    for g in &report.working_groups {
        let _ = writeln!(out, "  {}", g.id);
        if let Some(d) = &g.project_list {
            let _ = writeln!(out, "    project list: {}", deadline_text(d));
        }
        if let Some(d) = &g.roadmap {
            let _ = writeln!(out, "    roadmap:      {}", deadline_text(d));
        }
        let counts: Vec<String> = g
            .projects
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(s, n)| format!("{n} {}", format!("{s:?}").to_lowercase()))
            .collect();
        let _ = writeln!(
            out,
            "    projects:     {}",
            if counts.is_empty() {
                "none".to_owned()
            } else {
                counts.join(", ")
            }
        );
    }
    if let Some(m) = &report.charter_meetings {
        let _ = writeln!(out, "\nCharter meetings: {} held", m.held);
        let line = match m.state {
            "met" => format!("  this year's is held; the next is due by {}", m.next_due),
            "overdue" => format!(
                "  OVERDUE by {} days: one was due by {}",
                m.days_overdue, m.next_due
            ),
            _ => format!("  next due by {} (in {} days)", m.next_due, m.days_left),
        };
        let _ = writeln!(out, "{line}");
    }
    let c = &report.coverage;
    let _ = writeln!(
        out,
        "\nCoverage: {} of {} commitments carried out by agreed projects",
        c.covered, c.commitments
    );
    if !c.uncovered.is_empty() {
        let ids: Vec<&str> = c.uncovered.iter().map(|p| p.as_str()).collect();
        let _ = writeln!(out, "  uncovered: {}", ids.join(", "));
    }
    if !report.overdue_milestones.is_empty() {
        let _ = writeln!(
            out,
            "\nOverdue milestones: {}",
            report.overdue_milestones_total
        );
        for m in report.overdue_milestones.iter().take(20) {
            let _ = writeln!(
                out,
                "  {} ({}): due {}, {} days overdue",
                m.id, m.group, m.due, m.days_overdue
            );
        }
    }
    if !report.slipped_milestones.is_empty() {
        let _ = writeln!(
            out,
            "\nMilestones slipped against the agreed roadmap: {}",
            report.slipped_milestones_total
        );
    }
    if !report.stale_projects.is_empty() {
        let _ = writeln!(
            out,
            "\nStale projects (no update for 90 days): {}",
            report.stale_projects_total
        );
    }
    out
}
