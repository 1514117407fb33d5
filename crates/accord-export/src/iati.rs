//! Working groups and projects as IATI 2.03 activities: each working group
//! is an activity of hierarchy 1, each project the viewer may see an
//! activity of hierarchy 2 under its group (`related-activity` 1 and 2), in
//! the order the IATI schema requires. `docs/iati.md` documents every
//! element and code.
//!
//! Activities are written one after the other as they are read from the
//! state; what the export keeps besides is an index of the visible projects
//! by group and of the indicators by project (references, not copies).

pub mod codes;

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use accord_domain::ids::{GroupId, ProjectId, ProvisionId};
use accord_domain::model::{CharterRecord, ProjectStatus, Provision, Texts};
use accord_domain::state::{Indicator, Milestone, Project, State, WorkingGroup};
use accord_domain::visibility::visible_projects;
use jiff::civil::Date;

use crate::xml::XmlWriter;
use crate::{ExportError, ExportScope, akn};
use codes::Role;

/// The IATI standard's version this export follows.
pub const VERSION: &str = "2.03";

/// The vocabulary of provision tags: 99, the reporting organisation's own.
const PROVISION_VOCABULARY: &str = "99";

/// Writes the activities `scope.viewer` may see. Nothing is written when the
/// instance holds no charter, or neither a working group nor a visible
/// project (IATI requires at least one activity).
pub fn write(scope: &ExportScope<'_>, out: &mut dyn Write) -> Result<(), ExportError> {
    let state = scope.state;
    let charter = state.charter.as_ref().ok_or(ExportError::NoCharter)?;
    let report = Report::new(state, charter, scope);
    if state.groups.is_empty() && report.projects_by_group.is_empty() {
        return Err(ExportError::Invalid(
            "nothing to export: the record holds no working group and no project the viewer may see"
                .into(),
        ));
    }

    let mut xml = XmlWriter::start(out)?;
    let generated = scope.generated_at.to_string();
    xml.open(
        "iati-activities",
        &[("version", VERSION), ("generated-datetime", &generated)],
    )?;
    for (id, group) in &state.groups {
        let projects = report.projects_of(id);
        report.write_group(&mut xml, group, projects)?;
        for project in projects {
            report.write_project(&mut xml, project)?;
        }
    }
    // Projects of a group the record does not hold come last, still linked
    // to their group's identifier.
    for (_, projects) in report
        .projects_by_group
        .iter()
        .filter(|(id, _)| !state.groups.contains_key(**id))
    {
        for project in projects {
            report.write_project(&mut xml, project)?;
        }
    }
    xml.close("iati-activities")?;
    xml.finish()?;
    Ok(())
}

/// What every activity is written with.
struct Report<'a> {
    state: &'a State,
    charter: &'a CharterRecord,
    reporting_ref: String,
    /// The activities' default language: the charter's reference version.
    language: Option<&'a str>,
    /// Where provision tags' codes are defined: the charter's Akoma Ntoso work.
    provision_vocabulary_uri: String,
    provisions: HashMap<&'a str, &'a Provision>,
    projects_by_group: BTreeMap<&'a GroupId, Vec<&'a Project>>,
    indicators_by_project: HashMap<&'a ProjectId, Vec<&'a Indicator>>,
}

impl<'a> Report<'a> {
    fn new(state: &'a State, charter: &'a CharterRecord, scope: &'a ExportScope<'a>) -> Self {
        let mut projects_by_group: BTreeMap<&GroupId, Vec<&Project>> = BTreeMap::new();
        for project in visible_projects(state, scope.viewer) {
            projects_by_group
                .entry(&project.spec.group)
                .or_default()
                .push(project);
        }
        let mut indicators_by_project: HashMap<&ProjectId, Vec<&Indicator>> = HashMap::new();
        for indicator in state.indicators.values() {
            indicators_by_project
                .entry(&indicator.spec.project)
                .or_default()
                .push(indicator);
        }
        let language = charter.languages.first().map(String::as_str);
        Report {
            state,
            charter,
            reporting_ref: codes::reporting_org_ref(&state.origin),
            language,
            provision_vocabulary_uri: akn::Uris::of(charter, language.unwrap_or("en")).work,
            provisions: charter
                .provisions
                .iter()
                .map(|p| (p.id.as_str(), p))
                .collect(),
            projects_by_group,
            indicators_by_project,
        }
    }

    fn projects_of(&self, group: &GroupId) -> &[&'a Project] {
        self.projects_by_group
            .get(group)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    fn open_activity(&self, xml: &mut XmlWriter<'_>, hierarchy: &str) -> Result<(), ExportError> {
        match self.language {
            Some(lang) => xml.open(
                "iati-activity",
                &[("xml:lang", lang), ("hierarchy", hierarchy)],
            )?,
            None => xml.open("iati-activity", &[("hierarchy", hierarchy)])?,
        }
        Ok(())
    }

    /// The reporting organisation: both parties together, named in every
    /// language the charter has.
    fn write_reporting_org(&self, xml: &mut XmlWriter<'_>) -> Result<(), ExportError> {
        xml.open(
            "reporting-org",
            &[("ref", &self.reporting_ref), ("type", "10")],
        )?;
        let mut written = false;
        for lang in &self.charter.languages {
            let names: Vec<&str> = self
                .charter
                .parties
                .iter()
                .filter_map(|p| p.names.get(lang).map(String::as_str))
                .collect();
            if !names.is_empty() {
                xml.leaf("narrative", &[("xml:lang", lang)], &names.join(" – "))?;
                written = true;
            }
        }
        if !written {
            xml.leaf("narrative", &[], &self.reporting_ref)?;
        }
        xml.close("reporting-org")?;
        Ok(())
    }

    fn write_group(
        &self,
        xml: &mut XmlWriter<'_>,
        group: &WorkingGroup,
        projects: &[&Project],
    ) -> Result<(), ExportError> {
        let spec = &group.spec;
        self.open_activity(xml, "1")?;
        xml.leaf(
            "iati-identifier",
            &[],
            &codes::group_identifier(&self.reporting_ref, &spec.id),
        )?;
        self.write_reporting_org(xml)?;
        // A dialogue platform keeps its purpose beside its name.
        let names: Vec<(&str, &str)> = spec
            .names
            .iter()
            .filter(|(lang, _)| lang.as_str() != "purpose")
            .map(|(lang, name)| (lang.as_str(), name.as_str()))
            .collect();
        xml.open("title", &[])?;
        write_narratives(xml, &names, spec.id.as_str())?;
        xml.close("title")?;
        xml.open("description", &[("type", "1")])?;
        match spec.names.get("purpose") {
            Some(purpose) => xml.leaf("narrative", &[], purpose)?,
            None => write_narratives(xml, &names, spec.id.as_str())?,
        }
        xml.close("description")?;
        for party in &self.charter.parties {
            self.write_party(xml, party.code.as_str(), &party.names, Role::Accountable)?;
        }
        xml.empty("activity-status", &[("code", "2")])?;
        write_date(xml, "1", self.charter.signed_on)?;
        for provision in &spec.scope {
            self.write_provision_tag(xml, provision)?;
        }
        for project in projects {
            let child = codes::project_identifier(&self.reporting_ref, &project.id);
            xml.empty("related-activity", &[("ref", &child), ("type", "2")])?;
        }
        xml.close("iati-activity")?;
        Ok(())
    }

    fn write_party(
        &self,
        xml: &mut XmlWriter<'_>,
        code: &str,
        names: &Texts,
        role: Role,
    ) -> Result<(), ExportError> {
        xml.open(
            "participating-org",
            &[("role", role.code()), ("type", "10")],
        )?;
        let names: Vec<(&str, &str)> = names
            .iter()
            .map(|(lang, name)| (lang.as_str(), name.as_str()))
            .collect();
        write_narratives(xml, &names, code)?;
        xml.close("participating-org")?;
        Ok(())
    }

    fn write_organisation(
        &self,
        xml: &mut XmlWriter<'_>,
        id: &accord_domain::ids::OrganisationId,
        role: impl Fn(accord_domain::model::OrganisationKind) -> Role,
    ) -> Result<(), ExportError> {
        match self.state.organisations.get(id) {
            Some(organisation) => {
                let kind =
                    codes::organisation_type(organisation.kind, organisation.party.is_some());
                xml.open(
                    "participating-org",
                    &[("role", role(organisation.kind).code()), ("type", kind)],
                )?;
                xml.leaf("narrative", &[], &organisation.name)?;
            }
            None => {
                xml.open("participating-org", &[("role", Role::Implementing.code())])?;
                xml.leaf("narrative", &[], id.as_str())?;
            }
        }
        xml.close("participating-org")?;
        Ok(())
    }

    fn write_provision_tag(
        &self,
        xml: &mut XmlWriter<'_>,
        provision: &ProvisionId,
    ) -> Result<(), ExportError> {
        let attributes = [
            ("vocabulary", PROVISION_VOCABULARY),
            ("vocabulary-uri", self.provision_vocabulary_uri.as_str()),
            ("code", provision.as_str()),
        ];
        match self.provisions.get(provision.as_str()) {
            Some(found) if !found.texts.is_empty() => {
                xml.open("tag", &attributes)?;
                for (lang, text) in &found.texts {
                    xml.leaf("narrative", &[("xml:lang", lang)], text)?;
                }
                xml.close("tag")?;
            }
            _ => xml.empty("tag", &attributes)?,
        }
        Ok(())
    }

    fn write_project(&self, xml: &mut XmlWriter<'_>, project: &Project) -> Result<(), ExportError> {
        let spec = &project.spec;
        self.open_activity(xml, "2")?;
        xml.leaf(
            "iati-identifier",
            &[],
            &codes::project_identifier(&self.reporting_ref, &project.id),
        )?;
        self.write_reporting_org(xml)?;
        xml.open("title", &[])?;
        write_texts(xml, &spec.title, project.id.as_str())?;
        xml.close("title")?;
        // A project proposed without a description is described by its title.
        xml.open("description", &[("type", "1")])?;
        if spec.description.is_empty() {
            write_texts(xml, &spec.title, project.id.as_str())?;
        } else {
            write_texts(xml, &spec.description, project.id.as_str())?;
        }
        xml.close("description")?;

        match self
            .charter
            .parties
            .iter()
            .find(|p| p.code == spec.lead_party)
        {
            Some(party) => {
                self.write_party(xml, party.code.as_str(), &party.names, Role::Accountable)?
            }
            None => self.write_party(
                xml,
                spec.lead_party.as_str(),
                &Texts::new(),
                Role::Accountable,
            )?,
        }
        for lead in &spec.lead_organisations {
            self.write_organisation(xml, lead, Role::of_lead)?;
        }
        for partner in &spec.partners {
            self.write_organisation(xml, partner, |_| Role::Implementing)?;
        }

        xml.empty(
            "activity-status",
            &[("code", codes::activity_status(project.status))],
        )?;
        self.write_project_dates(xml, project)?;
        for provision in &spec.provisions {
            self.write_provision_tag(xml, provision)?;
        }
        if let (Some(investment), Some(start), Some(end)) = (&spec.investment, spec.start, spec.end)
            && start <= end
        {
            // Both parties agreed the project: its budget is committed (2);
            // before that it is indicative (1).
            let status = if project.status == ProjectStatus::Proposed {
                "1"
            } else {
                "2"
            };
            xml.open("budget", &[("type", "1"), ("status", status)])?;
            xml.empty("period-start", &[("iso-date", &start.to_string())])?;
            xml.empty("period-end", &[("iso-date", &end.to_string())])?;
            xml.leaf(
                "value",
                &[
                    ("currency", &investment.currency),
                    ("value-date", &start.to_string()),
                ],
                &codes::decimal(investment.amount_minor),
            )?;
            xml.close("budget")?;
        }
        let parent = codes::group_identifier(&self.reporting_ref, &spec.group);
        xml.empty("related-activity", &[("ref", &parent), ("type", "1")])?;
        if let Some(indicators) = self.indicators_by_project.get(&project.id) {
            write_result(xml, &spec.title, project.id.as_str(), indicators)?;
        }
        // A project's milestones are seen by whoever sees the project.
        let milestones: Vec<&Milestone> = self.state.milestones_of(&project.id).collect();
        if !milestones.is_empty() {
            write_milestones(
                xml,
                &spec.title,
                project.id.as_str(),
                spec.start,
                &milestones,
            )?;
        }
        xml.close("iati-activity")?;
        Ok(())
    }

    /// Planned start (1) and end (3); the actual end (4) of a completed or
    /// cancelled project is the day its status last changed. IATI requires
    /// one date: a project with none is dated by the charter's signature.
    fn write_project_dates(
        &self,
        xml: &mut XmlWriter<'_>,
        project: &Project,
    ) -> Result<(), ExportError> {
        let spec = &project.spec;
        let actual_end = match project.status {
            ProjectStatus::Completed | ProjectStatus::Cancelled => project.updated_on,
            _ => None,
        };
        if spec.start.is_none() && spec.end.is_none() && actual_end.is_none() {
            return write_date(xml, "1", self.charter.signed_on);
        }
        if let Some(start) = spec.start {
            write_date(xml, "1", start)?;
        }
        if let Some(end) = spec.end {
            write_date(xml, "3", end)?;
        }
        if let Some(end) = actual_end {
            write_date(xml, "4", end)?;
        }
        Ok(())
    }
}

fn write_date(xml: &mut XmlWriter<'_>, kind: &str, date: Date) -> Result<(), ExportError> {
    xml.empty(
        "activity-date",
        &[("type", kind), ("iso-date", &date.to_string())],
    )?;
    Ok(())
}

/// One narrative per language (`und`, undetermined, is written without a
/// language); `fallback` when there is none.
fn write_narratives(
    xml: &mut XmlWriter<'_>,
    texts: &[(&str, &str)],
    fallback: &str,
) -> Result<(), ExportError> {
    if texts.is_empty() {
        xml.leaf("narrative", &[], fallback)?;
    }
    for (lang, text) in texts {
        if *lang == "und" {
            xml.leaf("narrative", &[], text)?;
        } else {
            xml.leaf("narrative", &[("xml:lang", lang)], text)?;
        }
    }
    Ok(())
}

/// One narrative per language of `texts` (as `write_narratives`).
fn write_texts(xml: &mut XmlWriter<'_>, texts: &Texts, fallback: &str) -> Result<(), ExportError> {
    let texts: Vec<(&str, &str)> = texts
        .iter()
        .map(|(lang, text)| (lang.as_str(), text.as_str()))
        .collect();
    write_narratives(xml, &texts, fallback)
}

/// The project's indicators as one result (type 9: the record does not say
/// whether they measure outputs, outcomes or impact): each with its
/// baseline, a period per measurement (from the previous measurement, or
/// the baseline, to this one) with the measured value as actual, and a
/// period from the baseline to the target's date with the target.
fn write_result(
    xml: &mut XmlWriter<'_>,
    title: &Texts,
    fallback: &str,
    indicators: &[&Indicator],
) -> Result<(), ExportError> {
    xml.open("result", &[("type", "9")])?;
    xml.open("title", &[])?;
    write_texts(xml, title, fallback)?;
    xml.close("title")?;
    for indicator in indicators {
        let spec = &indicator.spec;
        let ascending = match spec.direction {
            accord_domain::model::Direction::HigherIsBetter => "true",
            accord_domain::model::Direction::LowerIsBetter => "false",
        };
        xml.open(
            "indicator",
            &[
                ("measure", codes::indicator_measure(&spec.unit)),
                ("ascending", ascending),
            ],
        )?;
        xml.open("title", &[])?;
        write_texts(xml, &spec.name, spec.id.as_str())?;
        xml.close("title")?;
        if !spec.unit.trim().is_empty() {
            xml.open("description", &[])?;
            xml.leaf("narrative", &[], &spec.unit)?;
            xml.close("description")?;
        }
        let year = spec.baseline.date.year().max(1).to_string();
        xml.empty(
            "baseline",
            &[
                ("year", &year),
                ("iso-date", &spec.baseline.date.to_string()),
                ("value", &spec.baseline.value),
            ],
        )?;
        let mut measurements: Vec<_> = indicator.measurements.iter().collect();
        measurements.sort_by_key(|(m, _)| m.date);
        let mut from = spec.baseline.date;
        for (measurement, source) in measurements {
            write_period(xml, from.min(measurement.date), measurement.date, |xml| {
                xml.open("actual", &[("value", &measurement.value)])?;
                if !source.trim().is_empty() {
                    xml.open("comment", &[])?;
                    xml.leaf("narrative", &[], source)?;
                    xml.close("comment")?;
                }
                xml.close("actual")
            })?;
            from = measurement.date;
        }
        let target = &spec.target;
        write_period(
            xml,
            spec.baseline.date.min(target.date),
            target.date,
            |xml| xml.empty("target", &[("value", &target.value)]),
        )?;
        xml.close("indicator")?;
    }
    xml.close("result")?;
    Ok(())
}

/// The project's milestones as one result (type 1, output) titled by the
/// project: a qualitative indicator (measure 5) per milestone, titled by
/// it in each language, with one period from the project's start to the
/// milestone's due date whose target is the milestone and, once it is
/// completed, whose actual is too.
fn write_milestones(
    xml: &mut XmlWriter<'_>,
    title: &Texts,
    fallback: &str,
    start: Option<Date>,
    milestones: &[&Milestone],
) -> Result<(), ExportError> {
    xml.open("result", &[("type", "1")])?;
    xml.open("title", &[])?;
    write_texts(xml, title, fallback)?;
    xml.close("title")?;
    for milestone in milestones {
        let spec = &milestone.spec;
        xml.open("indicator", &[("measure", "5")])?;
        xml.open("title", &[])?;
        write_texts(xml, &spec.title, spec.id.as_str())?;
        xml.close("title")?;
        let due = spec.due;
        let from = start.unwrap_or(milestone.baseline_due).min(due);
        xml.open("period", &[])?;
        xml.empty("period-start", &[("iso-date", &from.to_string())])?;
        xml.empty("period-end", &[("iso-date", &due.to_string())])?;
        let reached: &[&str] = if milestone.completed_on.is_some() {
            &["target", "actual"]
        } else {
            &["target"]
        };
        for element in reached {
            xml.open(element, &[])?;
            xml.open("comment", &[])?;
            write_texts(xml, &spec.title, spec.id.as_str())?;
            xml.close("comment")?;
            xml.close(element)?;
        }
        xml.close("period")?;
        xml.close("indicator")?;
    }
    xml.close("result")?;
    Ok(())
}

fn write_period(
    xml: &mut XmlWriter<'_>,
    start: Date,
    end: Date,
    values: impl FnOnce(&mut XmlWriter<'_>) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    xml.open("period", &[])?;
    xml.empty("period-start", &[("iso-date", &start.to_string())])?;
    xml.empty("period-end", &[("iso-date", &end.to_string())])?;
    values(xml)?;
    xml.close("period")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use accord_domain::ids::IndicatorId;
    use accord_domain::model::{Classification, DatedValue, Investment};
    use accord_domain::visibility::Viewer;
    use jiff::civil::date;

    use super::*;
    use crate::fixture::{synthetic_state, try_export as export};

    const HIDDEN: &str = "undersea-cable-survey";

    /// A synthetic state, plus a restricted project with an indicator whose
    /// id and title appear nowhere else.
    fn state() -> State {
        let mut state = synthetic_state(9);
        let mut hidden = state.projects["project-0"].clone();
        hidden.id = ProjectId::new(HIDDEN);
        hidden.spec.title = accord_domain::texts::single("en", "Undersea cable survey");
        hidden.spec.classification = Classification::Restricted;
        hidden.spec.investment = Some(Investment {
            amount_minor: 150_000_000_050,
            currency: "AZN".into(),
            public_share_percent: None,
        });
        state.projects.insert(hidden.id.clone(), hidden);
        let mut indicator = state.indicators.values().next().unwrap().clone();
        indicator.spec.id = IndicatorId::new("cable-km");
        indicator.spec.project = ProjectId::new(HIDDEN);
        indicator.spec.name = accord_domain::texts::single("en", "Kilometres of cable surveyed");
        state
            .indicators
            .insert(indicator.spec.id.clone(), indicator);
        state
    }

    fn iati(state: &State, viewer: &Viewer) -> String {
        export(state, viewer, write).unwrap()
    }

    fn identifiers(xml: &str) -> Vec<&str> {
        xml.split("<iati-identifier>")
            .skip(1)
            .filter_map(|rest| rest.split('<').next())
            .collect()
    }

    #[test]
    fn the_public_export_holds_only_public_projects() {
        let state = state();
        let xml = iati(&state, &Viewer::Public);
        let public: Vec<String> = state
            .projects
            .values()
            .filter(|p| p.spec.classification == Classification::Public)
            .filter(|p| p.id.as_str() != HIDDEN)
            .map(|p| codes::project_identifier("synthetic", &p.id))
            .collect();
        let groups: Vec<String> = state
            .groups
            .keys()
            .map(|g| codes::group_identifier("synthetic", g))
            .collect();
        let mut found = identifiers(&xml);
        found.sort_unstable();
        let mut expected: Vec<&str> = public.iter().chain(&groups).map(String::as_str).collect();
        expected.sort_unstable();
        assert_eq!(found, expected);
        assert!(!xml.contains(HIDDEN));
        assert!(!xml.contains("Undersea cable"));
        assert!(!xml.contains("Kilometres of cable"));
        assert!(!xml.contains("AZN"));
        for project in state.projects.values() {
            let title = accord_domain::texts::text_in(&project.spec.title, "en");
            let title_seen = xml.contains(&format!(">{title}<"));
            let public = project.spec.classification == Classification::Public;
            assert_eq!(
                title_seen,
                public && project.id.as_str() != HIDDEN,
                "{}",
                project.id
            );
        }
    }

    #[test]
    fn a_person_of_a_government_sees_public_and_partnership_projects_and_those_it_leads() {
        let mut state = state();
        let person = accord_domain::ids::PersonId::new("analyst");
        state.persons.insert(
            person.clone(),
            accord_domain::model::Person {
                id: person.clone(),
                name: "Analyst".into(),
                organisation: "gov-AZ".into(),
            },
        );
        let xml = iati(&state, &Viewer::Person(person));
        let found = identifiers(&xml);
        let (mut restricted_seen, mut restricted_hidden) = (0, 0);
        for project in state.projects.values() {
            let identifier = codes::project_identifier("synthetic", &project.id);
            let seen = found.contains(&identifier.as_str());
            let restricted = project.spec.classification == Classification::Restricted;
            let leads = project.spec.lead_organisations.contains(&"gov-AZ".into());
            assert_eq!(seen, !restricted || leads, "{}", project.id);
            if restricted {
                if seen {
                    restricted_seen += 1;
                } else {
                    restricted_hidden += 1;
                    let title = accord_domain::texts::text_in(&project.spec.title, "en");
                    assert!(!xml.contains(&format!("{title}<")));
                }
            }
        }
        assert!(restricted_seen > 0 && restricted_hidden > 0);
    }

    #[test]
    fn the_operator_sees_every_project_linked_both_ways_to_its_group() {
        let state = state();
        let xml = iati(&state, &Viewer::Operator);
        assert_eq!(
            identifiers(&xml).len(),
            state.groups.len() + state.projects.len()
        );
        let child = codes::project_identifier("synthetic", &ProjectId::new(HIDDEN));
        let parent = codes::group_identifier("synthetic", &state.projects[HIDDEN].spec.group);
        assert!(xml.contains(&format!("<related-activity ref=\"{child}\" type=\"2\"/>")));
        assert!(xml.contains(&format!("<related-activity ref=\"{parent}\" type=\"1\"/>")));
        assert!(
            xml.contains("<narrative xml:lang=\"en\">Kilometres of cable surveyed</narrative>")
        );
    }

    #[test]
    fn a_projects_milestones_are_a_result_titled_in_each_language() {
        let state = crate::fixture::state();
        let xml = iati(&state, &Viewer::Operator);
        let compact: String = xml.lines().map(str::trim).collect();
        let result = compact
            .split("<result type=\"1\">")
            .filter_map(|rest| rest.split("</result>").next())
            .find(|result| result.contains("Survey, route and costs"))
            .expect("a result of milestones");
        assert!(result.contains("<indicator measure=\"5\"><title><narrative xml:lang=\"az\">Tədqiqat, marşrut və xərclər</narrative><narrative xml:lang=\"en\">Survey, route and costs</narrative></title>"), "{result}");
        assert!(
            result.contains("<period-end iso-date=\"2026-09-01\"/>"),
            "{result}"
        );
        // Completed: the milestone is the period's target and its actual.
        assert!(
            result.contains("<actual><comment><narrative xml:lang=\"az\">"),
            "{result}"
        );
        // The restricted project's milestone is not the public's to see.
        let public = iati(&state, &Viewer::Public);
        assert!(!public.contains("Audit the grid"), "{public}");
        assert!(xml.contains("Audit the grid"));
    }

    #[test]
    fn amounts_are_written_exactly_from_minor_units() {
        let state = state();
        let xml = iati(&state, &Viewer::Operator);
        assert!(
            xml.contains("<value currency=\"AZN\" value-date=\"2026-02-10\">1500000000.50</value>")
        );
        // Synthetic project n invests (n + 1) × 1,000,000 cents.
        assert!(xml.contains(">10000.00</value>"));
        assert!(xml.contains(">90000.00</value>"));
    }

    #[test]
    fn identifiers_and_content_are_stable_across_runs() {
        let state = state();
        let first = iati(&state, &Viewer::Public);
        let later = export(&state, &Viewer::Public, |scope, out| {
            let scope = ExportScope {
                generated_at: scope.generated_at + jiff::SignedDuration::from_hours(30),
                ..*scope
            };
            write(&scope, out)
        })
        .unwrap();
        let body = |xml: &str| xml.lines().skip(2).map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(body(&first), body(&later));
        assert_ne!(first, later, "only the generation time differs");
        assert!(identifiers(&first).contains(&"synthetic-project-project-0"));
        assert!(identifiers(&first).contains(&"synthetic-group-group-0"));
    }

    #[test]
    fn indicators_give_baseline_actuals_and_target() {
        let mut state = state();
        let indicator = state.indicators.values_mut().next().unwrap();
        indicator.measurements.push((
            DatedValue {
                value: "400000".into(),
                date: date(2026, 12, 31),
            },
            "audit".into(),
        ));
        let project = indicator.spec.project.clone();
        let xml = iati(&state, &Viewer::Operator);
        let activity = xml
            .split("<iati-activity ")
            .find(|a| a.contains(&format!("-project-{project}<")))
            .unwrap();
        let result = &activity[activity.find("<result type=\"9\">").unwrap()..];
        let expected = [
            "<baseline year=\"2026\" iso-date=\"2026-02-10\" value=\"0\"/>",
            "<period-start iso-date=\"2026-02-10\"/>",
            "<period-end iso-date=\"2026-04-11\"/>",
            "<actual value=\"250000\">",
            "<narrative>annual report</narrative>",
            "<period-start iso-date=\"2026-04-11\"/>",
            "<period-end iso-date=\"2026-12-31\"/>",
            "<actual value=\"400000\">",
            "<period-end iso-date=\"2030-12-31\"/>",
            "<target value=\"1000000\"/>",
        ];
        let mut at = 0;
        for piece in expected {
            let found = result[at..]
                .find(piece)
                .unwrap_or_else(|| panic!("{piece} after {at} in {result}"));
            at += found + piece.len();
        }
    }

    #[test]
    fn an_instance_without_a_charter_or_anything_to_report_writes_nothing() {
        let empty = State::default();
        let scope = ExportScope {
            state: &empty,
            viewer: &Viewer::Operator,
            generated_at: crate::fixture::at(),
        };
        let mut out = Vec::new();
        assert!(matches!(
            write(&scope, &mut out),
            Err(ExportError::NoCharter)
        ));
        assert!(out.is_empty());

        let mut bare = state();
        bare.groups.clear();
        bare.projects
            .retain(|_, p| p.spec.classification != Classification::Public);
        let scope = ExportScope {
            state: &bare,
            viewer: &Viewer::Public,
            ..scope
        };
        let error = write(&scope, &mut out).unwrap_err();
        assert!(error.to_string().contains("nothing to export"), "{error}");
        assert!(out.is_empty());
    }
}
