//! Identifiers. Each kind of thing has its own type, so a project id cannot
//! be passed where a person id is expected. Ids are short, stable strings:
//! they appear in the record, in URLs and in exports.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_owned())
            }
        }
    };
}

id_type!(
    /// A party's short code (`AZ`, `US`).
    PartyCode
);
id_type!(
    /// A working group (`energy`).
    GroupId
);
id_type!(
    /// An action of adopted minutes (`{minutes proposal}-action-{n}`).
    ActionId
);
id_type!(
    /// A provision of the charter (`II.4`, `P.2`, `IV.p2`).
    ProvisionId
);
id_type!(
    /// An organisation (a ministry, a company).
    OrganisationId
);
id_type!(
    /// A person.
    PersonId
);
id_type!(
    /// A project.
    ProjectId
);
id_type!(
    /// A milestone of a working group's roadmap.
    MilestoneId
);
id_type!(
    /// A proposal that needs both parties' agreement.
    ProposalId
);
id_type!(
    /// A meeting.
    MeetingId
);
id_type!(
    /// An indicator of a project.
    IndicatorId
);
