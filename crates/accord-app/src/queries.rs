//! Queries that take the viewer: what the pages and the API show.
//!
//! Each query reads the state once, under the read lock, and returns owned
//! values already filtered by `accord_domain::visibility`, so a caller cannot
//! forget to filter: the unfiltered state stays behind `App::read`.

use std::collections::BTreeMap;

use accord_domain::ids::{GroupId, ProvisionId};
use accord_domain::model::CharterRecord;
use accord_domain::state::{Project, State, WorkingGroup};
use accord_domain::visibility::{Viewer, sees_everything, visible_projects};
use accord_store::EventStore;

use crate::App;

/// The charter, with the projects `viewer` may see that cite each provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharterView {
    pub charter: CharterRecord,
    /// For each provision cited by a visible project, those projects in id
    /// order. Provisions no visible project cites are absent.
    pub cited_by: BTreeMap<ProvisionId, Vec<Project>>,
}

/// One working group and the projects of it that `viewer` may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupView {
    pub group: WorkingGroup,
    pub projects: Vec<Project>,
}

impl<S: EventStore> App<S> {
    /// The charter and its citations, as `viewer` may see them; none before
    /// the instance is initialised.
    pub fn charter_view(&self, viewer: &Viewer) -> Option<CharterView> {
        self.read(|state| {
            let charter = state.charter.clone()?;
            let mut cited_by: BTreeMap<ProvisionId, Vec<Project>> = BTreeMap::new();
            for project in visible_projects(state, viewer) {
                for provision in &project.spec.provisions {
                    cited_by
                        .entry(provision.clone())
                        .or_default()
                        .push(project.clone());
                }
            }
            Some(CharterView { charter, cited_by })
        })
    }

    /// The working groups (dialogue platforms included), in the charter's
    /// order, then those created later by id. Groups themselves are public:
    /// the charter names them.
    pub fn groups(&self) -> Vec<WorkingGroup> {
        self.read(|state| ordered_groups(state).into_iter().cloned().collect())
    }

    /// One working group and its projects that `viewer` may see; none when
    /// there is no such group.
    pub fn group_view(&self, viewer: &Viewer, id: &GroupId) -> Option<GroupView> {
        self.read(|state| {
            let group = state.groups.get(id)?.clone();
            let projects = visible_projects(state, viewer)
                .filter(|p| p.spec.group == *id)
                .cloned()
                .collect();
            Some(GroupView { group, projects })
        })
    }

    /// The working groups in the same order as `groups`, each turned into
    /// what `f` makes of it (nothing is cloned: a group's baseline can be
    /// long).
    pub fn groups_map<T>(&self, f: impl FnMut(&WorkingGroup) -> T) -> Vec<T> {
        self.read(|state| ordered_groups(state).into_iter().map(f).collect())
    }

    /// One page of `projects`: at most `limit` of them from `offset` on, and
    /// how many there are in all.
    pub fn projects_page(
        &self,
        viewer: &Viewer,
        group: Option<&GroupId>,
        offset: usize,
        limit: usize,
    ) -> (Vec<Project>, usize) {
        self.projects_page_map(viewer, group, offset, limit, Project::clone)
    }

    /// One page of `projects`, each turned into what `f` makes of it
    /// (nothing is cloned: a project's history can be long), and how many
    /// there are in all.
    ///
    /// A viewer who sees everything, and the public, get the count from the
    /// state's project index and the page by skipping to it in the index
    /// (or in the projects themselves), without a check of each project;
    /// anyone else's page costs a walk over the projects.
    pub fn projects_page_map<T>(
        &self,
        viewer: &Viewer,
        group: Option<&GroupId>,
        offset: usize,
        limit: usize,
        mut f: impl FnMut(&Project) -> T,
    ) -> (Vec<T>, usize) {
        self.read(|state| {
            let index = &state.project_index;
            let ids = match (viewer, group) {
                (Viewer::Public, group) => Some(index.public(group)),
                (_, None) if sees_everything(state, viewer) => {
                    let page = state
                        .projects
                        .values()
                        .skip(offset)
                        .take(limit)
                        .map(&mut f)
                        .collect();
                    return (page, state.projects.len());
                }
                (_, Some(group)) if sees_everything(state, viewer) => Some(index.of_group(group)),
                _ => None,
            };
            if let Some(ids) = ids {
                let page = ids
                    .iter()
                    .skip(offset)
                    .take(limit)
                    .filter_map(|id| state.projects.get(id))
                    .map(&mut f)
                    .collect();
                return (page, ids.len());
            }
            let mut total = 0;
            let mut page = Vec::new();
            for project in
                visible_projects(state, viewer).filter(|p| group.is_none_or(|g| p.spec.group == *g))
            {
                if total >= offset && page.len() < limit {
                    page.push(f(project));
                }
                total += 1;
            }
            (page, total)
        })
    }

    /// The projects `viewer` may see, in id order, optionally of one group.
    pub fn projects(&self, viewer: &Viewer, group: Option<&GroupId>) -> Vec<Project> {
        self.read(|state| {
            visible_projects(state, viewer)
                .filter(|p| group.is_none_or(|g| p.spec.group == *g))
                .cloned()
                .collect()
        })
    }
}

/// The groups in the charter's order, then the others by id.
fn ordered_groups(state: &State) -> Vec<&WorkingGroup> {
    let position = |id: &GroupId| {
        state
            .charter
            .as_ref()
            .and_then(|c| c.working_groups.iter().position(|g| g.id == *id))
            .unwrap_or(usize::MAX)
    };
    let mut groups: Vec<&WorkingGroup> = state.groups.values().collect();
    groups.sort_by(|a, b| {
        (position(&a.spec.id), &a.spec.id).cmp(&(position(&b.spec.id), &b.spec.id))
    });
    groups
}
