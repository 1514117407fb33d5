//! The API's bodies, as the OpenAPI document describes them.
//!
//! The status report's JSON is `accord_app::status_view::status_json`, the
//! one form the CLI, the API and the exports share; `StatusBody` and its
//! parts only describe that shape for the document (the integration tests
//! validate real answers against it). The other bodies are built here from
//! the application's answers.

use std::collections::BTreeMap;

use accord_app::queries::CharterView;
use accord_domain::ids::ProvisionId;
use accord_domain::model::{Classification, Obligation, ProjectStatus, ProvisionKind};
use accord_domain::state::{Project, WorkingGroup};
use serde::Serialize;
use utoipa::ToSchema;

/// Where a deadline or a recurring obligation stands.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StateBody {
    Met,
    Pending,
    Overdue,
}

/// A deadline on the as-of date.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineBody {
    #[schema(format = Date, example = "2026-05-10")]
    pub due: String,
    pub state: StateBody,
    /// When it was met; null unless `met`.
    #[schema(format = Date, nullable)]
    pub met_on: Option<String>,
    pub days_left: u32,
    pub days_overdue: u32,
    pub days_late: u32,
}

/// How many of a working group's projects the viewer sees, by status.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectCountsBody {
    pub proposed: u32,
    pub agreed: u32,
    pub in_progress: u32,
    pub completed: u32,
    pub suspended: u32,
    pub cancelled: u32,
}

/// A working group's deadlines and projects.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupStatusBody {
    pub id: String,
    /// Null when the charter sets no deadline for a project list.
    #[schema(nullable)]
    pub project_list: Option<DeadlineBody>,
    #[schema(nullable)]
    pub roadmap: Option<DeadlineBody>,
    pub projects: ProjectCountsBody,
    pub milestones: MilestoneCountsBody,
}

/// How a working group's milestones (those the viewer sees) stand.
#[derive(Debug, Serialize, ToSchema)]
pub struct MilestoneCountsBody {
    pub total: usize,
    /// Completed on or before the as-of date.
    pub completed: usize,
    /// Due before the as-of date and not completed by then.
    pub overdue: usize,
}

/// The agreed projects that cite a commitment: how many, and the first 100
/// in id order (`/api/v1/charter` lists them all).
#[derive(Debug, Serialize, ToSchema)]
pub struct CitedByBody {
    pub total: usize,
    pub projects: Vec<String>,
}

/// One section's commitments and how many agreed projects cover.
#[derive(Debug, Serialize, ToSchema)]
pub struct SectionCoverageBody {
    /// The section's Roman numeral.
    pub section: String,
    pub commitments: usize,
    pub covered: usize,
}

/// A period that passed with no charter meeting.
#[derive(Debug, Serialize, ToSchema)]
pub struct WindowBody {
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
}

/// The charter meetings (at least once a year).
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingsBody {
    pub held: u32,
    #[schema(format = Date)]
    pub next_due: String,
    pub state: StateBody,
    pub days_left: u32,
    pub days_overdue: u32,
    pub missed: Vec<WindowBody>,
}

/// The commitments, and which agreed projects carry each out.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoverageBody {
    pub commitments: u32,
    pub covered: u32,
    pub uncovered: Vec<String>,
    /// Each commitment's id → the agreed projects citing it.
    pub by_commitment: BTreeMap<String, CitedByBody>,
    /// The same, section by section, in the charter's order.
    pub by_section: Vec<SectionCoverageBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OverdueMilestoneBody {
    pub id: String,
    pub group: String,
    #[schema(format = Date)]
    pub due: String,
    pub days_overdue: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SlippedMilestoneBody {
    pub id: String,
    pub group: String,
    #[schema(format = Date)]
    pub baseline_due: String,
    #[schema(format = Date)]
    pub due: String,
    pub days_slipped: i32,
}

/// The charter's rules on an as-of date, as the viewer may see them.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusBody {
    #[schema(format = Date)]
    pub as_of: String,
    #[schema(format = Date)]
    pub signed_on: String,
    pub working_groups: Vec<GroupStatusBody>,
    /// Null when the charter sets no recurring meeting.
    #[schema(nullable)]
    pub charter_meetings: Option<MeetingsBody>,
    pub coverage: CoverageBody,
    /// The most overdue milestones (at most 100), the oldest due first.
    pub overdue_milestones: Vec<OverdueMilestoneBody>,
    /// How many milestones are overdue in all.
    pub overdue_milestones_total: usize,
    /// The milestones furthest from their agreed baseline (at most 100).
    pub slipped_milestones: Vec<SlippedMilestoneBody>,
    pub slipped_milestones_total: usize,
    /// Agreed or running projects with no change for 90 days (at most 100).
    pub stale_projects: Vec<String>,
    pub stale_projects_total: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartyBody {
    pub code: String,
    /// The party's name by language code.
    pub names: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionKindBody {
    Recital,
    Item,
    Paragraph,
}

/// A provision, in every language version.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProvisionBody {
    #[schema(example = "II.4")]
    pub id: String,
    pub kind: ProvisionKindBody,
    /// The section's Roman numeral; null for recitals.
    #[schema(nullable)]
    pub section: Option<String>,
    /// The text by language code.
    pub texts: BTreeMap<String, String>,
    pub commitment: bool,
    /// A commitment no agreed project (that the viewer sees) carries out.
    pub uncovered: bool,
    /// The projects the viewer may see that cite it.
    pub cited_by: Vec<String>,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ObligationKindBody {
    Deadline,
    Recurring,
    MutualAgreement,
}

/// What the text makes the parties do, quoting it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ObligationBody {
    pub kind: ObligationKindBody,
    pub provision: String,
    pub quote: String,
    /// A deadline's period from signature (ISO 8601, `P3M`).
    #[schema(nullable)]
    pub within: Option<String>,
    /// A recurring act's period (`P1Y`).
    #[schema(nullable)]
    pub every: Option<String>,
    /// What a deadline asks for (`project_list`, `roadmap`).
    pub deliverables: Vec<String>,
}

/// The charter as the record holds it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CharterBody {
    /// The title by language code.
    pub title: BTreeMap<String, String>,
    /// The language versions, the reference first.
    pub languages: Vec<String>,
    #[schema(format = Date)]
    pub signed_on: String,
    pub parties: Vec<PartyBody>,
    pub provisions: Vec<ProvisionBody>,
    pub obligations: Vec<ObligationBody>,
}

impl CharterBody {
    pub fn new(view: &CharterView, uncovered: &[ProvisionId]) -> CharterBody {
        let c = &view.charter;
        CharterBody {
            title: c.title.clone(),
            languages: c.languages.clone(),
            signed_on: c.signed_on.to_string(),
            parties: c
                .parties
                .iter()
                .map(|p| PartyBody {
                    code: p.code.to_string(),
                    names: p.names.clone(),
                })
                .collect(),
            provisions: c
                .provisions
                .iter()
                .map(|p| ProvisionBody {
                    id: p.id.to_string(),
                    kind: match p.kind {
                        ProvisionKind::Recital => ProvisionKindBody::Recital,
                        ProvisionKind::Item => ProvisionKindBody::Item,
                        ProvisionKind::Paragraph => ProvisionKindBody::Paragraph,
                    },
                    section: p.section.clone(),
                    texts: p.texts.clone(),
                    commitment: p.commitment,
                    uncovered: p.commitment && uncovered.contains(&p.id),
                    cited_by: view
                        .cited_by
                        .get(&p.id)
                        .map(|ps| ps.iter().map(|p| p.id.to_string()).collect())
                        .unwrap_or_default(),
                })
                .collect(),
            obligations: c.obligations.iter().map(ObligationBody::from).collect(),
        }
    }
}

impl From<&Obligation> for ObligationBody {
    fn from(o: &Obligation) -> ObligationBody {
        match o {
            Obligation::Deadline {
                provision,
                within,
                deliverables,
                quote,
                ..
            } => ObligationBody {
                kind: ObligationKindBody::Deadline,
                provision: provision.to_string(),
                quote: quote.clone(),
                within: Some(within.to_string()),
                every: None,
                deliverables: deliverables
                    .iter()
                    .map(|d| match d {
                        accord_domain::model::Deliverable::ProjectList => "project_list",
                        accord_domain::model::Deliverable::Roadmap => "roadmap",
                    })
                    .map(str::to_owned)
                    .collect(),
            },
            Obligation::Recurring {
                provision,
                every,
                quote,
            } => ObligationBody {
                kind: ObligationKindBody::Recurring,
                provision: provision.to_string(),
                quote: quote.clone(),
                within: None,
                every: Some(every.to_string()),
                deliverables: Vec::new(),
            },
            Obligation::MutualAgreement { provision, quote } => ObligationBody {
                kind: ObligationKindBody::MutualAgreement,
                provision: provision.to_string(),
                quote: quote.clone(),
                within: None,
                every: None,
                deliverables: Vec::new(),
            },
        }
    }
}

/// A working group or dialogue platform.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupBody {
    #[schema(example = "energy")]
    pub id: String,
    /// The name by language code (`und` for a platform named in one language).
    pub names: BTreeMap<String, String>,
    pub dialogue_platform: bool,
    /// The provisions in its scope.
    pub scope: Vec<String>,
    #[schema(format = Date, nullable)]
    pub project_list_agreed_on: Option<String>,
    #[schema(format = Date, nullable)]
    pub roadmap_agreed_on: Option<String>,
}

impl From<&WorkingGroup> for GroupBody {
    fn from(g: &WorkingGroup) -> GroupBody {
        GroupBody {
            id: g.spec.id.to_string(),
            names: g.spec.names.clone(),
            dialogue_platform: g.dialogue_platform,
            scope: g.spec.scope.iter().map(ToString::to_string).collect(),
            project_list_agreed_on: g.project_list_agreed_on.map(|d| d.to_string()),
            roadmap_agreed_on: g.roadmap_agreed_on.map(|d| d.to_string()),
        }
    }
}

/// A working group and the projects of it the viewer may see.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupDetailBody {
    pub group: GroupBody,
    pub projects: Vec<ProjectBody>,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatusBody {
    Proposed,
    Agreed,
    InProgress,
    Completed,
    Suspended,
    Cancelled,
}

impl From<ProjectStatus> for ProjectStatusBody {
    fn from(s: ProjectStatus) -> Self {
        match s {
            ProjectStatus::Proposed => ProjectStatusBody::Proposed,
            ProjectStatus::Agreed => ProjectStatusBody::Agreed,
            ProjectStatus::InProgress => ProjectStatusBody::InProgress,
            ProjectStatus::Completed => ProjectStatusBody::Completed,
            ProjectStatus::Suspended => ProjectStatusBody::Suspended,
            ProjectStatus::Cancelled => ProjectStatusBody::Cancelled,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClassificationBody {
    Public,
    Partnership,
    Restricted,
}

impl From<Classification> for ClassificationBody {
    fn from(c: Classification) -> Self {
        match c {
            Classification::Public => ClassificationBody::Public,
            Classification::Partnership => ClassificationBody::Partnership,
            Classification::Restricted => ClassificationBody::Restricted,
        }
    }
}

/// Money in minor units (cents), exact.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvestmentBody {
    pub amount_minor: i64,
    #[schema(example = "USD")]
    pub currency: String,
    #[schema(nullable)]
    pub public_share_percent: Option<u8>,
}

/// A project.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectBody {
    pub id: String,
    pub group: String,
    /// The title by language code (`und` for a title recorded before
    /// titles were held per language).
    #[schema(example = json!({"az": "TRIPP elektrik xətti", "en": "TRIPP power line"}))]
    pub title: BTreeMap<String, String>,
    /// What it does, by language code (empty when none was given).
    pub description: BTreeMap<String, String>,
    pub status: ProjectStatusBody,
    pub classification: ClassificationBody,
    /// The provisions it carries out.
    pub provisions: Vec<String>,
    pub lead_party: String,
    pub lead_organisations: Vec<String>,
    pub partners: Vec<String>,
    #[schema(format = Date, nullable)]
    pub start: Option<String>,
    #[schema(format = Date, nullable)]
    pub end: Option<String>,
    #[schema(nullable)]
    pub investment: Option<InvestmentBody>,
}

impl From<&Project> for ProjectBody {
    fn from(p: &Project) -> ProjectBody {
        let s = &p.spec;
        let ids = |v: &[accord_domain::ids::OrganisationId]| {
            v.iter().map(ToString::to_string).collect::<Vec<_>>()
        };
        ProjectBody {
            id: p.id.to_string(),
            group: s.group.to_string(),
            title: s.title.clone(),
            description: s.description.clone(),
            status: p.status.into(),
            classification: s.classification.into(),
            provisions: s.provisions.iter().map(ToString::to_string).collect(),
            lead_party: s.lead_party.to_string(),
            lead_organisations: ids(&s.lead_organisations),
            partners: ids(&s.partners),
            start: s.start.map(|d| d.to_string()),
            end: s.end.map(|d| d.to_string()),
            investment: s.investment.as_ref().map(|i| InvestmentBody {
                amount_minor: i.amount_minor,
                currency: i.currency.clone(),
                public_share_percent: i.public_share_percent,
            }),
        }
    }
}

/// What a search hit is.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SearchKindBody {
    Provision,
    WorkingGroup,
    Project,
    Milestone,
    Meeting,
    Organisation,
    Person,
}

impl From<accord_app::search::HitKind> for SearchKindBody {
    fn from(kind: accord_app::search::HitKind) -> SearchKindBody {
        use accord_app::search::HitKind;
        match kind {
            HitKind::Provision => SearchKindBody::Provision,
            HitKind::WorkingGroup => SearchKindBody::WorkingGroup,
            HitKind::Project => SearchKindBody::Project,
            HitKind::Milestone => SearchKindBody::Milestone,
            HitKind::Meeting => SearchKindBody::Meeting,
            HitKind::Organisation => SearchKindBody::Organisation,
            HitKind::Person => SearchKindBody::Person,
        }
    }
}

/// One item found.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHitBody {
    #[schema(example = "tripp-power")]
    pub id: String,
    /// The item's title (a project's or milestone's title, a meeting's
    /// place, a provision's or a group's id, a name).
    pub title: String,
    /// The text that matched, cut around the first match.
    pub snippet: String,
    /// The page that shows it; null for organisations and people.
    #[schema(nullable, example = "/projects/tripp-power")]
    pub link: Option<String>,
    /// The working group it belongs to, if any.
    #[schema(nullable, example = "energy")]
    pub group: Option<String>,
    /// A meeting's date.
    #[schema(format = Date, nullable)]
    pub date: Option<String>,
}

/// The hits of one kind: at most `limit`, and how many there are in all.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchGroupBody {
    pub kind: SearchKindBody,
    pub total: usize,
    pub hits: Vec<SearchHitBody>,
}

/// A search's results, grouped by kind (kinds with no hit left out).
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchBody {
    pub query: String,
    /// How many items matched, of every kind.
    pub total: usize,
    pub groups: Vec<SearchGroupBody>,
}

impl SearchBody {
    pub fn new(query: &str, results: &accord_app::search::SearchResults) -> SearchBody {
        SearchBody {
            query: query.to_owned(),
            total: results.total(),
            groups: results
                .groups
                .iter()
                .map(|g| SearchGroupBody {
                    kind: g.kind.into(),
                    total: g.total,
                    hits: g
                        .hits
                        .iter()
                        .map(|h| SearchHitBody {
                            id: h.id.clone(),
                            title: h.title.clone(),
                            snippet: h.snippet.clone(),
                            link: crate::view::search_link(h),
                            group: h.group.as_ref().map(ToString::to_string),
                            date: h.date.map(|d| d.to_string()),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
