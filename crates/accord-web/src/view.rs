//! What every page shares: the layout's view model (title, navigation,
//! language switcher), and the small translations of domain values into
//! words (a deadline's state, a project's status, a name in the user's
//! language). Templates receive these view models, never domain values.

use accord_domain::model::{Classification, ProjectStatus, Texts};
use accord_domain::rules::{DeadlineStatus, RecurringStatus};
use accord_domain::state::WorkingGroup;
use axum::http::Uri;
use jiff::civil::Date;

use crate::lang::{Lang, Tr};

/// The part of the site a page belongs to, for `aria-current`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Dashboard,
    Charter,
    Groups,
    Public,
    Meetings,
    Record,
    Approvals,
    Admin,
    Login,
    Api,
    Search,
    None,
}

#[derive(Debug, Clone)]
pub struct NavItem {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

#[derive(Debug, Clone)]
pub struct LangLink {
    pub code: &'static str,
    pub name: &'static str,
    pub href: String,
    pub current: bool,
}

/// The layout: `<html lang>`, the title, the navigation and the switcher.
#[derive(Debug, Clone)]
pub struct Layout {
    pub tr: Tr,
    pub lang: &'static str,
    pub title: String,
    pub nav: Vec<NavItem>,
    pub switcher: Vec<LangLink>,
    /// The words in the header's search box (the search page's query).
    pub search_query: String,
}

impl Layout {
    pub fn new(lang: Lang, uri: &Uri, title: String, section: Section) -> Layout {
        let tr = lang.tr();
        let nav = [
            ("/", "nav-dashboard", Section::Dashboard),
            ("/charter", "nav-charter", Section::Charter),
            ("/meetings", "nav-meetings", Section::Meetings),
            ("/record", "nav-record", Section::Record),
            ("/approvals", "approvals-title", Section::Approvals),
            ("/public", "nav-public", Section::Public),
            ("/api/docs", "nav-api", Section::Api),
            ("/admin", "admin-title", Section::Admin),
            ("/login", "login-title", Section::Login),
        ]
        .into_iter()
        .map(|(href, key, s)| NavItem {
            href,
            label: tr.t(key),
            current: s == section,
        })
        .collect();
        let switcher = Lang::ALL
            .into_iter()
            .map(|other| LangLink {
                code: other.code(),
                name: other.endonym(),
                href: with_lang(uri, other),
                current: other == lang,
            })
            .collect();
        Layout {
            tr,
            lang: lang.code(),
            title,
            nav,
            switcher,
            search_query: String::new(),
        }
    }
}

/// The same address with `lang=` set to `lang`, the rest of the query kept.
fn with_lang(uri: &Uri, lang: Lang) -> String {
    let mut pairs: Vec<&str> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("lang="))
        .collect();
    let chosen = format!("lang={}", lang.code());
    pairs.push(&chosen);
    format!("{}?{}", uri.path(), pairs.join("&"))
}

/// A text in the user's language, else in French (the reference), else in
/// any language, else `fallback`.
pub fn localised(texts: &Texts, lang: Lang, fallback: &str) -> String {
    texts
        .get(lang.code())
        .or_else(|| texts.get("fr"))
        .or_else(|| texts.get("und"))
        .or_else(|| texts.values().next())
        .cloned()
        .unwrap_or_else(|| fallback.to_owned())
}

/// Content written per language, for a reader of `tr`'s language: theirs
/// when it exists, else another version, saying which language it is in.
pub fn content(texts: &Texts, tr: Tr) -> String {
    match accord_domain::texts::in_language(texts, tr.lang.code()) {
        None => String::new(),
        // Ours, or of no known language (older entries, a CSV's `title`).
        Some((language, text))
            if language == tr.lang.code() || language == accord_domain::texts::UNDETERMINED =>
        {
            text.to_owned()
        }
        Some((language, text)) => {
            format!("{text} {}", tr.t1("text-only-in", "language", language))
        }
    }
}

/// Every language version of content, each marked with its language: what
/// a signatory agrees to is all of them.
pub fn every_version(texts: &Texts) -> Vec<String> {
    texts
        .iter()
        .map(|(language, text)| format!("[{language}] {text}"))
        .collect()
}

/// A working group's name in the user's language.
pub fn group_name(group: &WorkingGroup, lang: Lang) -> String {
    localised(&group.spec.names, lang, group.spec.id.as_str())
}

/// A deadline, for a page: its state (for the style) and its words.
#[derive(Debug, Clone)]
pub struct DeadlineView {
    /// `met`, `pending` or `overdue`.
    pub state: &'static str,
    pub due: String,
    pub text: String,
}

impl DeadlineView {
    pub fn new(status: &DeadlineStatus, tr: Tr) -> DeadlineView {
        let date = |d: Date| d.to_string();
        let text = match *status {
            DeadlineStatus::Met {
                on, days_late: 0, ..
            } => tr.t1("deadline-met", "date", date(on)),
            DeadlineStatus::Met { on, days_late, .. } => {
                tr.t2("deadline-met-late", "date", date(on), "days", days_late)
            }
            DeadlineStatus::Pending { days_left: 0, due } => {
                tr.t1("deadline-due-today", "date", date(due))
            }
            DeadlineStatus::Pending { days_left, due } => {
                tr.t2("deadline-due-in", "days", days_left, "date", date(due))
            }
            DeadlineStatus::Overdue { days_overdue, due } => {
                tr.t2("deadline-overdue", "days", days_overdue, "date", date(due))
            }
        };
        DeadlineView {
            state: status.state(),
            due: date(status.due()),
            text,
        }
    }
}

/// The short name of a project status (`agreed`), as the API spells it.
pub fn status_code(status: ProjectStatus) -> &'static str {
    match status {
        ProjectStatus::Proposed => "proposed",
        ProjectStatus::Agreed => "agreed",
        ProjectStatus::InProgress => "in_progress",
        ProjectStatus::Completed => "completed",
        ProjectStatus::Suspended => "suspended",
        ProjectStatus::Cancelled => "cancelled",
    }
}

/// Where the yearly charter meeting stands, in words.
pub fn meeting_text(meeting: &RecurringStatus, tr: Tr) -> String {
    let due = meeting.next_due.to_string();
    match meeting.state {
        "met" => tr.t1("meeting-met", "date", due),
        "overdue" => tr.t2("meeting-overdue", "days", meeting.days_overdue, "date", due),
        _ => tr.t2("meeting-due", "date", due, "days", meeting.days_left),
    }
}

/// The project statuses as a chart's parts, in the charts' colours.
pub fn status_parts(tr: Tr) -> Vec<crate::charts::progress::Part> {
    crate::charts::progress::STATUS_COLOURS
        .iter()
        .map(|(status, colour)| crate::charts::progress::Part {
            name: status_label(*status, tr),
            colour,
        })
        .collect()
}

/// A project status in words.
pub fn status_label(status: ProjectStatus, tr: Tr) -> String {
    tr.t(&format!(
        "project-status-{}",
        status_code(status).replace('_', "-")
    ))
}

/// The short name of a classification (`restricted`), as the API spells it.
pub fn classification_code(classification: Classification) -> &'static str {
    match classification {
        Classification::Public => "public",
        Classification::Partnership => "partnership",
        Classification::Restricted => "restricted",
    }
}

/// A classification in words.
pub fn classification_label(classification: Classification, tr: Tr) -> String {
    tr.t(&format!(
        "classification-{}",
        classification_code(classification)
    ))
}

/// A project, for a list on a page.
#[derive(Debug, Clone)]
pub struct ProjectRow {
    pub id: String,
    pub title: String,
    pub group_id: String,
    pub group_name: String,
    pub status: &'static str,
    pub status_label: String,
    pub classification_label: String,
    pub provisions: Vec<String>,
    pub lead_party: String,
    pub period: String,
}

impl ProjectRow {
    pub fn new(project: &accord_domain::state::Project, group_name: String, tr: Tr) -> ProjectRow {
        let spec = &project.spec;
        let period = match (spec.start, spec.end) {
            (Some(s), Some(e)) => format!("{s} – {e}"),
            (Some(s), None) => format!("{s} –"),
            (None, Some(e)) => format!("– {e}"),
            (None, None) => String::new(),
        };
        ProjectRow {
            id: project.id.to_string(),
            title: content(&spec.title, tr),
            group_id: spec.group.to_string(),
            group_name,
            status: status_code(project.status),
            status_label: status_label(project.status, tr),
            classification_label: classification_label(spec.classification, tr),
            provisions: spec.provisions.iter().map(ToString::to_string).collect(),
            lead_party: spec.lead_party.to_string(),
            period,
        }
    }
}

/// An `?as_of=` date: today when absent or empty.
pub fn as_of(given: Option<&str>, today: Date) -> Result<Date, crate::WebError> {
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(today),
        Some(text) => text.parse::<Date>().map_err(|_| {
            crate::WebError::bad_request(
                "bad_as_of",
                format!("as_of {text:?} is not a date such as 2026-05-10"),
            )
        }),
    }
}

/// The anchor of a provision on the charter page (`prov-II.4`).
pub fn provision_anchor(id: &str) -> String {
    format!("prov-{id}")
}

/// Where a search hit leads, if it has a page of its own (organisations and
/// people have none).
pub fn search_link(hit: &accord_app::search::Hit) -> Option<String> {
    use accord_app::search::HitKind;
    match hit.kind {
        HitKind::Provision => Some(format!("/charter#{}", provision_anchor(&hit.id))),
        HitKind::WorkingGroup => Some(format!("/groups/{}", hit.id)),
        HitKind::Project => Some(format!("/projects/{}", hit.id)),
        HitKind::Milestone => hit.group.as_ref().map(|g| format!("/groups/{g}")),
        HitKind::Meeting => Some(match hit.date {
            Some(date) => format!("/meetings?as_of={date}"),
            None => "/meetings".to_owned(),
        }),
        HitKind::Organisation | HitKind::Person => None,
    }
}
