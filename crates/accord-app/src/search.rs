//! Search over what the viewer may see: provisions, working groups,
//! projects, milestones, meetings, and (for participants) organisations and
//! people.
//!
//! A query is split on whitespace into terms; an item matches when every
//! term occurs in one of its fields, ignoring case and accents (Unicode
//! lowercase, then NFD with the combining marks dropped). Each item's fields
//! are folded once into a buffer reused from item to item, and visibility is
//! judged with `accord_domain::visibility` before an item is counted, so
//! totals never count what the viewer may not see.

use accord_domain::ids::GroupId;
use accord_domain::state::State;
use accord_domain::visibility::{
    Viewer, can_see_agenda_item, can_see_meeting, can_see_meeting_in_full, can_see_milestone,
    can_see_project, is_participant, sees_everything,
};
use accord_store::EventStore;
use jiff::civil::Date;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::App;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// How many characters of context a snippet keeps before the match.
const SNIPPET_BEFORE: usize = 40;
/// How many characters a snippet keeps from the match on.
const SNIPPET_AFTER: usize = 100;

/// A query that cannot be run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("the query has {chars} characters; at most {max} are accepted")]
    QueryTooLong { chars: usize, max: usize },
}

impl SearchError {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            SearchError::QueryTooLong { .. } => "query_too_long",
        }
    }
}

/// What a hit is, in the order results are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HitKind {
    Provision,
    WorkingGroup,
    Project,
    Milestone,
    Meeting,
    Organisation,
    Person,
}

impl HitKind {
    /// Every kind, in the order results are grouped.
    pub const ALL: [HitKind; 7] = [
        HitKind::Provision,
        HitKind::WorkingGroup,
        HitKind::Project,
        HitKind::Milestone,
        HitKind::Meeting,
        HitKind::Organisation,
        HitKind::Person,
    ];

    /// A stable code (`provision`, `working_group`, …).
    pub fn code(self) -> &'static str {
        match self {
            HitKind::Provision => "provision",
            HitKind::WorkingGroup => "working_group",
            HitKind::Project => "project",
            HitKind::Milestone => "milestone",
            HitKind::Meeting => "meeting",
            HitKind::Organisation => "organisation",
            HitKind::Person => "person",
        }
    }
}

/// One item found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: HitKind,
    pub id: String,
    /// The item's own title (a project's title, a meeting's place, a
    /// provision's or a group's id).
    pub title: String,
    /// The text that matched, cut around the first match.
    pub snippet: String,
    /// The working group the item belongs to (a group's own id for a group,
    /// a milestone's group, a project's group).
    pub group: Option<GroupId>,
    /// A meeting's date.
    pub date: Option<Date>,
}

/// The hits of one kind: at most the limit of them, and how many in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindHits {
    pub kind: HitKind,
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Everything found, grouped by kind (kinds with no hit left out).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchResults {
    pub groups: Vec<KindHits>,
}

impl SearchResults {
    /// How many items matched, of every kind.
    pub fn total(&self) -> usize {
        self.groups.iter().map(|g| g.total).sum()
    }

    /// The hits of `kind`, if any.
    pub fn of(&self, kind: HitKind) -> Option<&KindHits> {
        self.groups.iter().find(|g| g.kind == kind)
    }
}

impl<S: EventStore> App<S> {
    /// Searches what `viewer` may see for `query`: every whitespace-separated
    /// term must match, ignoring case and accents. At most `limit` hits of
    /// each kind are kept, with the count of all of them. An empty query
    /// finds nothing; one over `MAX_QUERY_CHARS` characters is refused.
    pub fn search(
        &self,
        viewer: &Viewer,
        query: &str,
        limit: usize,
    ) -> Result<SearchResults, SearchError> {
        let terms = parse_query(query)?;
        if terms.is_empty() {
            return Ok(SearchResults::default());
        }
        Ok(self.read(|state| search_state(state, viewer, &terms, limit)))
    }
}

/// The query's folded terms; none for an empty query.
pub fn parse_query(query: &str) -> Result<Vec<String>, SearchError> {
    let chars = query.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(SearchError::QueryTooLong {
            chars,
            max: MAX_QUERY_CHARS,
        });
    }
    Ok(query
        .split_whitespace()
        .map(|term| {
            let mut folded = String::new();
            fold_into(&mut folded, term);
            folded
        })
        .filter(|t| !t.is_empty())
        .collect())
}

/// Appends `text` folded: lowercase, decomposed, combining marks dropped,
/// and the two Azerbaijani letters that have no mark to drop written as
/// people type them in Latin transliteration (`ə` as `a`: Əliyev, Aliyev;
/// dotless `ı` as `i`).
pub fn fold_into(out: &mut String, text: &str) {
    out.extend(
        text.chars()
            .flat_map(char::to_lowercase)
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .map(|c| match c {
                'ə' => 'a',
                'ı' => 'i',
                c => c,
            }),
    );
}

/// Collects the hits of one kind while keeping at most `limit`.
struct Collector {
    kind: HitKind,
    limit: usize,
    total: usize,
    hits: Vec<Hit>,
}

impl Collector {
    fn new(kind: HitKind, limit: usize) -> Collector {
        Collector {
            kind,
            limit,
            total: 0,
            hits: Vec::new(),
        }
    }

    /// Counts a hit, and keeps the one `make` builds while under the limit.
    fn add(&mut self, make: impl FnOnce() -> Hit) {
        self.total += 1;
        if self.hits.len() < self.limit {
            self.hits.push(make());
        }
    }

    fn finish(self, results: &mut SearchResults) {
        if self.total > 0 {
            results.groups.push(KindHits {
                kind: self.kind,
                total: self.total,
                hits: self.hits,
            });
        }
    }
}

/// Folds an item's fields into one reused buffer and tells whether every
/// term occurs in one of them, and where the first term first does.
struct Matcher<'t> {
    terms: &'t [String],
    folded: String,
    /// Where each field starts in `folded`.
    starts: Vec<usize>,
}

/// Where a match was found: which field, and at which byte of its folding.
#[derive(Debug, Clone, Copy)]
struct Found {
    field: usize,
    folded_offset: usize,
}

impl<'t> Matcher<'t> {
    fn new(terms: &'t [String]) -> Matcher<'t> {
        Matcher {
            terms,
            folded: String::new(),
            starts: Vec::new(),
        }
    }

    /// Whether every term occurs in `fields` (each folded once).
    fn find<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) -> Option<Found> {
        self.folded.clear();
        self.starts.clear();
        for field in fields {
            self.starts.push(self.folded.len());
            fold_into(&mut self.folded, field);
            // Terms hold no whitespace, so no match spans two fields.
            self.folded.push('\n');
        }
        if !self.terms.iter().all(|t| self.folded.contains(t.as_str())) {
            return None;
        }
        let at = self.folded.find(self.terms[0].as_str())?;
        let field = self.starts.partition_point(|start| *start <= at) - 1;
        Some(Found {
            field,
            folded_offset: at - self.starts[field],
        })
    }
}

/// `text` cut around the character whose folding reaches `folded_offset`.
fn snippet(text: &str, folded_offset: usize) -> String {
    let mut folded_len = 0;
    let mut char_at = 0;
    let mut one = String::new();
    for (index, c) in text.chars().enumerate() {
        one.clear();
        fold_into(&mut one, c.encode_utf8(&mut [0; 4]));
        folded_len += one.len();
        char_at = index;
        if folded_len > folded_offset {
            break;
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let total = chars.len();
    let mut from = char_at.saturating_sub(SNIPPET_BEFORE);
    let mut to = (char_at + SNIPPET_AFTER).min(total);
    // Cut between words where a space is near the cut, not inside a word.
    const NEAR: usize = 16;
    if from > 0 {
        let window = &chars[from..char_at.min(from + NEAR)];
        if let Some(space) = window.iter().position(|c| c.is_whitespace()) {
            from += space + 1;
        }
    }
    if to < total {
        let start = to.saturating_sub(NEAR).max(char_at);
        if let Some(space) = chars[start..to].iter().rposition(|c| c.is_whitespace()) {
            to = start + space;
        }
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&chars[from..to]);
    if to < total {
        out.push('…');
    }
    out
}

/// The search itself, over one state.
fn search_state(state: &State, viewer: &Viewer, terms: &[String], limit: usize) -> SearchResults {
    let mut matcher = Matcher::new(terms);
    let mut results = SearchResults::default();

    let mut provisions = Collector::new(HitKind::Provision, limit);
    if let Some(charter) = &state.charter {
        for provision in &charter.provisions {
            let fields = std::iter::once(provision.id.as_str())
                .chain(provision.texts.values().map(String::as_str));
            if let Some(found) = matcher.find(fields) {
                provisions.add(|| Hit {
                    kind: HitKind::Provision,
                    id: provision.id.to_string(),
                    title: provision.id.to_string(),
                    snippet: field_snippet(
                        std::iter::once(provision.id.as_str())
                            .chain(provision.texts.values().map(String::as_str)),
                        found,
                    ),
                    group: None,
                    date: None,
                });
            }
        }
    }
    provisions.finish(&mut results);

    let mut groups = Collector::new(HitKind::WorkingGroup, limit);
    for group in state.groups.values() {
        let fields = || {
            std::iter::once(group.spec.id.as_str())
                .chain(group.spec.names.values().map(String::as_str))
        };
        if let Some(found) = matcher.find(fields()) {
            groups.add(|| Hit {
                kind: HitKind::WorkingGroup,
                id: group.spec.id.to_string(),
                title: group.spec.id.to_string(),
                snippet: field_snippet(fields(), found),
                group: Some(group.spec.id.clone()),
                date: None,
            });
        }
    }
    groups.finish(&mut results);

    // Matched first, judged after: visibility is asked only of the few
    // projects that match.
    let everything = sees_everything(state, viewer);
    let mut projects = Collector::new(HitKind::Project, limit);
    for project in state.projects.values() {
        // Its id, its title in every language, then its description in every language.
        let spec = &project.spec;
        let fields = || {
            std::iter::once(project.id.as_str()).chain(
                spec.title
                    .values()
                    .chain(spec.description.values())
                    .map(String::as_str),
            )
        };
        if let Some(found) = matcher.find(fields())
            && (everything || can_see_project(state, viewer, project))
        {
            projects.add(|| Hit {
                kind: HitKind::Project,
                id: project.id.to_string(),
                title: matched_title(&spec.title, found.field),
                snippet: field_snippet(fields(), found),
                group: Some(project.spec.group.clone()),
                date: None,
            });
        }
    }
    projects.finish(&mut results);

    let mut milestones = Collector::new(HitKind::Milestone, limit);
    for milestone in state.milestones.values() {
        // Its id, then its title in every language.
        let spec = &milestone.spec;
        let fields =
            || std::iter::once(spec.id.as_str()).chain(spec.title.values().map(String::as_str));
        if let Some(found) = matcher.find(fields())
            && (everything || can_see_milestone(state, viewer, milestone))
        {
            milestones.add(|| Hit {
                kind: HitKind::Milestone,
                id: milestone.spec.id.to_string(),
                title: matched_title(&spec.title, found.field),
                snippet: field_snippet(fields(), found),
                group: Some(milestone.group.clone()),
                date: None,
            });
        }
    }
    milestones.finish(&mut results);

    let mut meetings = Collector::new(HitKind::Meeting, limit);
    for meeting in state.meetings.values() {
        if !can_see_meeting(state, viewer, meeting) {
            continue;
        }
        let in_full = can_see_meeting_in_full(state, viewer, meeting);
        let fields = || {
            std::iter::once(meeting.spec.place.as_str()).chain(
                meeting
                    .spec
                    .agenda
                    .iter()
                    .filter(move |item| in_full && can_see_agenda_item(state, viewer, item))
                    .flat_map(|item| item.title.values().map(String::as_str))
                    .chain(
                        meeting
                            .spec
                            .title
                            .values()
                            .filter(move |_| in_full)
                            .map(String::as_str),
                    ),
            )
        };
        if let Some(found) = matcher.find(fields()) {
            meetings.add(|| Hit {
                kind: HitKind::Meeting,
                id: meeting.spec.id.to_string(),
                title: meeting.spec.place.clone(),
                snippet: field_snippet(fields(), found),
                group: meeting.spec.group.clone(),
                date: Some(meeting.spec.date),
            });
        }
    }
    meetings.finish(&mut results);

    if is_participant(state, viewer) {
        let mut organisations = Collector::new(HitKind::Organisation, limit);
        for organisation in state.organisations.values() {
            if let Some(found) = matcher.find([organisation.name.as_str()]) {
                organisations.add(|| Hit {
                    kind: HitKind::Organisation,
                    id: organisation.id.to_string(),
                    title: organisation.name.clone(),
                    snippet: field_snippet([organisation.name.as_str()], found),
                    group: None,
                    date: None,
                });
            }
        }
        organisations.finish(&mut results);

        let mut people = Collector::new(HitKind::Person, limit);
        for person in state.persons.values() {
            if let Some(found) = matcher.find([person.name.as_str()]) {
                people.add(|| Hit {
                    kind: HitKind::Person,
                    id: person.id.to_string(),
                    title: person.name.clone(),
                    snippet: field_snippet([person.name.as_str()], found),
                    group: None,
                    date: None,
                });
            }
        }
        people.finish(&mut results);
    }
    results
}

/// An item's title in the language that matched, when the match was in
/// its title (the item's id being field 0, its titles the next fields),
/// else its first.
fn matched_title(title: &accord_domain::model::Texts, field: usize) -> String {
    title
        .values()
        .nth(field.wrapping_sub(1))
        .or_else(|| title.values().next())
        .cloned()
        .unwrap_or_default()
}

/// The snippet of the field `found` names, among `fields`.
fn field_snippet<'a>(fields: impl IntoIterator<Item = &'a str>, found: Found) -> String {
    fields
        .into_iter()
        .nth(found.field)
        .map(|text| snippet(text, found.folded_offset))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> String {
        let mut out = String::new();
        fold_into(&mut out, text);
        out
    }

    #[test]
    fn a_milestone_is_found_by_its_title_in_any_language() {
        use accord_domain::model::MilestoneSpec;
        use accord_domain::state::Milestone;
        let due = jiff::civil::date(2027, 3, 1);
        let mut state = State::default();
        let title = [("az", "Marşrut tədqiqatı"), ("en", "Route survey")]
            .into_iter()
            .map(|(l, t)| (l.to_owned(), t.to_owned()))
            .collect();
        state.milestones.insert(
            "survey".into(),
            Milestone {
                group: "energy".into(),
                spec: MilestoneSpec {
                    id: "survey".into(),
                    title,
                    project: None,
                    due,
                    depends_on: Vec::new(),
                },
                completed_on: None,
                baseline_due: due,
            },
        );
        for (query, title) in [
            ("marsrut", "Marşrut tədqiqatı"),
            ("ROUTE survey", "Route survey"),
            ("tadqiqat", "Marşrut tədqiqatı"),
        ] {
            let found = search_state(&state, &Viewer::Operator, &parse_query(query).unwrap(), 10);
            let hits = &found.of(HitKind::Milestone).expect(query).hits;
            assert_eq!(hits.len(), 1, "{query}");
            assert_eq!(
                hits[0].title, title,
                "{query}: the title in the language found"
            );
        }
    }

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(folded("Société Générale"), "societe generale");
        assert_eq!(folded("ÇAĞDAŞ İş"), "cagdas is");
        assert_eq!(folded("Əliyev"), "aliyev");
        assert_eq!(folded("Azərbaycan Respublikası"), "azarbaycan respublikasi");
    }

    #[test]
    fn an_empty_query_has_no_terms_and_a_long_one_is_refused() {
        assert_eq!(parse_query("  \t ").unwrap(), Vec::<String>::new());
        assert_eq!(parse_query(" Énergie  grid ").unwrap(), ["energie", "grid"]);
        let long = "é".repeat(MAX_QUERY_CHARS + 1);
        let error = parse_query(&long).unwrap_err();
        assert_eq!(error.code(), "query_too_long");
        assert!(parse_query(&"é".repeat(MAX_QUERY_CHARS)).is_ok());
    }

    #[test]
    fn every_term_must_match_some_field() {
        let terms = parse_query("grid énergie").unwrap();
        let mut matcher = Matcher::new(&terms);
        assert!(matcher.find(["Grid", "Énergie"]).is_some());
        assert!(matcher.find(["Grid"]).is_none());
        let found = matcher.find(["ÉNERGIE", "a smart grid"]).unwrap_or(Found {
            field: 99,
            folded_offset: 0,
        });
        assert_eq!(found.field, 1);
        assert!(matcher.find(["gri", "d énergie"]).is_none());
    }

    #[test]
    fn a_snippet_is_cut_around_the_match_in_the_original_text() {
        let text = format!("{}Société du réseau{}", "x".repeat(60), "y".repeat(200));
        let at = folded(&text).find("reseau").unwrap();
        let cut = snippet(&text, at);
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains("Société du réseau"), "{cut}");
        assert_eq!(snippet("Écoles", 0), "Écoles");
    }

    #[test]
    fn a_snippet_is_cut_between_words_when_it_can_be() {
        let words = "alpha beta gamma delta ".repeat(20);
        let text = format!("{words}Société du réseau {words}");
        let at = folded(&text).find("reseau").unwrap();
        let cut = snippet(&text, at);
        let inner = cut.trim_matches('…');
        assert!(cut.contains("Société du réseau"), "{cut}");
        for word in [inner.split(' ').next(), inner.split(' ').next_back()] {
            let word = word.unwrap_or_default();
            assert!(
                ["alpha", "beta", "gamma", "delta", ""].contains(&word),
                "cut inside a word: {word:?} in {cut:?}"
            );
        }
    }
}
