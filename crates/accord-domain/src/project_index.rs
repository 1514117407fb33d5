//! The projects' ids by working group, and those the public sees, kept up
//! to date by `State::evolve`: a page of projects for a viewer who sees
//! everything or for the public is found, and counted, without a walk over
//! every project.
//!
//! The index is derived, never recorded: it is a function of the projects
//! alone (`ProjectIndex::of`), so replaying the log rebuilds exactly the
//! index the live state holds. What the public sees is decided by
//! `visibility::can_see_project`, which for the public depends on the
//! project only.

use std::collections::{BTreeMap, BTreeSet};

use crate::ids::{GroupId, ProjectId};
use crate::state::Project;

/// Where a project stands in the index: its group, and whether the public
/// sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub group: GroupId,
    pub public: bool,
}

impl Place {
    pub fn of(project: &Project) -> Place {
        Place {
            group: project.spec.group.clone(),
            public: crate::visibility::seen_by_the_public(project),
        }
    }
}

/// The projects' ids, in id order, by group and by who sees them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectIndex {
    by_group: BTreeMap<GroupId, BTreeSet<ProjectId>>,
    public: BTreeSet<ProjectId>,
    public_by_group: BTreeMap<GroupId, BTreeSet<ProjectId>>,
}

static EMPTY: BTreeSet<ProjectId> = BTreeSet::new();

impl ProjectIndex {
    /// The index of `projects`, built from scratch.
    pub fn of<'a>(projects: impl IntoIterator<Item = &'a Project>) -> ProjectIndex {
        let mut index = ProjectIndex::default();
        for project in projects {
            index.moved(&project.id, None, Some(&Place::of(project)));
        }
        index
    }

    /// Records that project `id` moved from `before` to `after` (none: not
    /// a project, or no longer one).
    pub fn moved(&mut self, id: &ProjectId, before: Option<&Place>, after: Option<&Place>) {
        if before == after {
            return;
        }
        if let Some(place) = before {
            remove(&mut self.by_group, &place.group, id);
            if place.public {
                self.public.remove(id);
                remove(&mut self.public_by_group, &place.group, id);
            }
        }
        if let Some(place) = after {
            self.by_group
                .entry(place.group.clone())
                .or_default()
                .insert(id.clone());
            if place.public {
                self.public.insert(id.clone());
                self.public_by_group
                    .entry(place.group.clone())
                    .or_default()
                    .insert(id.clone());
            }
        }
    }

    /// The ids of `group`'s projects.
    pub fn of_group(&self, group: &GroupId) -> &BTreeSet<ProjectId> {
        self.by_group.get(group).unwrap_or(&EMPTY)
    }

    /// The ids of the projects the public sees, of `group` or of all.
    pub fn public(&self, group: Option<&GroupId>) -> &BTreeSet<ProjectId> {
        match group {
            None => &self.public,
            Some(group) => self.public_by_group.get(group).unwrap_or(&EMPTY),
        }
    }
}

fn remove(sets: &mut BTreeMap<GroupId, BTreeSet<ProjectId>>, group: &GroupId, id: &ProjectId) {
    if let Some(set) = sets.get_mut(group) {
        set.remove(id);
        if set.is_empty() {
            sets.remove(group);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Classification, ProjectSpec, ProjectStatus};

    fn project(
        id: &str,
        group: &str,
        classification: Classification,
        status: ProjectStatus,
    ) -> Project {
        Project {
            id: id.into(),
            spec: ProjectSpec {
                group: group.into(),
                title: crate::texts::single("en", id),
                description: Default::default(),
                provisions: Vec::new(),
                lead_party: "AZ".into(),
                lead_organisations: Vec::new(),
                partners: Vec::new(),
                start: None,
                end: None,
                investment: None,
                classification,
            },
            status,
            history: Vec::new(),
            updated_on: None,
            documents: Vec::new(),
        }
    }

    fn ids(set: &BTreeSet<ProjectId>) -> Vec<&str> {
        set.iter().map(ProjectId::as_str).collect()
    }

    #[test]
    fn a_project_moves_with_its_group_classification_and_status() {
        use Classification::{Public, Restricted};
        use ProjectStatus::{Agreed, Proposed};
        let mut a = project("a", "energy", Public, Proposed);
        let b = project("b", "energy", Public, Agreed);
        let c = project("c", "trade", Restricted, Agreed);
        let mut index = ProjectIndex::of([&a, &b, &c]);
        let energy = GroupId::new("energy");
        let trade = GroupId::new("trade");
        assert_eq!(ids(index.of_group(&energy)), ["a", "b"]);
        assert_eq!(ids(index.public(None)), ["b"]);
        assert_eq!(ids(index.public(Some(&trade))), Vec::<&str>::new());

        let before = Place::of(&a);
        a.status = Agreed;
        a.spec.group = "trade".into();
        index.moved(&a.id, Some(&before), Some(&Place::of(&a)));
        assert_eq!(ids(index.of_group(&energy)), ["b"]);
        assert_eq!(ids(index.of_group(&trade)), ["a", "c"]);
        assert_eq!(ids(index.public(None)), ["a", "b"]);
        assert_eq!(ids(index.public(Some(&trade))), ["a"]);
        assert_eq!(index, ProjectIndex::of([&a, &b, &c]));

        let before = Place::of(&a);
        a.spec.classification = Restricted;
        index.moved(&a.id, Some(&before), Some(&Place::of(&a)));
        assert_eq!(ids(index.public(None)), ["b"]);
        assert_eq!(index, ProjectIndex::of([&a, &b, &c]));
    }
}
