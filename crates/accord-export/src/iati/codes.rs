//! IATI's identifiers and codes for what the record holds: activity
//! identifiers, organisation types and roles, activity statuses, amounts.
//! Pure functions, each documented in `docs/iati.md`.

use accord_domain::ids::{GroupId, ProjectId};
use accord_domain::model::{OrganisationKind, ProjectStatus};

/// The reporting organisation's ref: the instance's origin (the name its
/// checkpoints carry, stable for its whole life) with every character other
/// than a letter, a digit, `.` or `-` replaced by `-` (`accord/az-us-2026`
/// gives `accord-az-us-2026`).
pub fn reporting_org_ref(origin: &str) -> String {
    let cleaned: String = origin
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if cleaned.is_empty() {
        "accord".to_owned()
    } else {
        cleaned
    }
}

/// A working group's activity: `{reporting-org ref}-group-{group id}`.
pub fn group_identifier(reporting: &str, group: &GroupId) -> String {
    format!("{reporting}-group-{group}")
}

/// A project's activity: `{reporting-org ref}-project-{project id}`. The
/// project's group is not part of it, so moving a project to another group
/// keeps its identifier.
pub fn project_identifier(reporting: &str, project: &ProjectId) -> String {
    format!("{reporting}-project-{project}")
}

/// IATI OrganisationType: 10 government, 70 private sector, 40 multilateral,
/// 22 national NGO (civil society of a party), 21 international NGO (civil
/// society of no party).
pub fn organisation_type(kind: OrganisationKind, of_a_party: bool) -> &'static str {
    match kind {
        OrganisationKind::Government => "10",
        OrganisationKind::PrivateCompany => "70",
        OrganisationKind::International => "40",
        OrganisationKind::CivilSociety if of_a_party => "22",
        OrganisationKind::CivilSociety => "21",
    }
}

/// IATI OrganisationRole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Funding,
    Accountable,
    Extending,
    Implementing,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Funding => "1",
            Role::Accountable => "2",
            Role::Extending => "3",
            Role::Implementing => "4",
        }
    }

    /// A lead organisation's role: a government body extends its
    /// government's part of the project, any other leads implement it.
    pub fn of_lead(kind: OrganisationKind) -> Role {
        match kind {
            OrganisationKind::Government => Role::Extending,
            _ => Role::Implementing,
        }
    }
}

/// IATI ActivityStatus: proposed and agreed projects are in the pipeline
/// (1), projects in progress in implementation (2), completed ones in
/// finalisation (3: the work is done, the record says nothing of the
/// accounts being closed), cancelled (5), suspended (6).
pub fn activity_status(status: ProjectStatus) -> &'static str {
    match status {
        ProjectStatus::Proposed | ProjectStatus::Agreed => "1",
        ProjectStatus::InProgress => "2",
        ProjectStatus::Completed => "3",
        ProjectStatus::Cancelled => "5",
        ProjectStatus::Suspended => "6",
    }
}

/// An amount in minor units (cents) as an exact decimal with two places:
/// `123456` gives `1234.56`, `-5` gives `-0.05`.
pub fn decimal(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let units = minor.unsigned_abs();
    format!("{sign}{}.{:02}", units / 100, units % 100)
}

/// IATI IndicatorMeasure: percentages (2) for a unit that says so, units
/// (1) for every other.
pub fn indicator_measure(unit: &str) -> &'static str {
    let unit = unit.trim().to_lowercase();
    if unit == "%" || unit == "percent" || unit == "per cent" || unit == "pourcentage" {
        "2"
    } else {
        "1"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_exact_to_the_cent_whatever_their_size() {
        assert_eq!(decimal(0), "0.00");
        assert_eq!(decimal(5), "0.05");
        assert_eq!(decimal(-5), "-0.05");
        assert_eq!(decimal(123_456), "1234.56");
        assert_eq!(decimal(150_000_000_050), "1500000000.50");
        assert_eq!(decimal(i64::MAX), "92233720368547758.07");
        assert_eq!(decimal(i64::MIN), "-92233720368547758.08");
    }

    #[test]
    fn identifiers_follow_the_reporting_org_ref() {
        let reporting = reporting_org_ref("accord/az-us-2026");
        assert_eq!(reporting, "accord-az-us-2026");
        assert_eq!(reporting_org_ref(""), "accord");
        assert_eq!(reporting_org_ref("a b_c"), "a-b-c");
        assert_eq!(
            group_identifier(&reporting, &"energy".into()),
            "accord-az-us-2026-group-energy"
        );
        assert_eq!(
            project_identifier(&reporting, &"tripp".into()),
            "accord-az-us-2026-project-tripp"
        );
    }

    #[test]
    fn statuses_kinds_and_roles_have_their_codes() {
        let statuses: Vec<_> = ProjectStatus::ALL
            .into_iter()
            .map(activity_status)
            .collect();
        assert_eq!(statuses, ["1", "1", "2", "3", "6", "5"]);
        assert_eq!(organisation_type(OrganisationKind::Government, true), "10");
        assert_eq!(
            organisation_type(OrganisationKind::PrivateCompany, false),
            "70"
        );
        assert_eq!(
            organisation_type(OrganisationKind::International, false),
            "40"
        );
        assert_eq!(
            organisation_type(OrganisationKind::CivilSociety, true),
            "22"
        );
        assert_eq!(
            organisation_type(OrganisationKind::CivilSociety, false),
            "21"
        );
        assert_eq!(Role::of_lead(OrganisationKind::Government).code(), "3");
        assert_eq!(Role::of_lead(OrganisationKind::PrivateCompany).code(), "4");
        assert_eq!(Role::Accountable.code(), "2");
        assert_eq!(Role::Funding.code(), "1");
        assert_eq!(indicator_measure(" % "), "2");
        assert_eq!(indicator_measure("USD"), "1");
    }
}
