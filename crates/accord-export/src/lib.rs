//! accord-export: the record in the standards other systems read.
//!
//! Every export is a pure function of the state, the viewer and the moment it
//! is made, writing to any `io::Write` as it goes (nothing is built whole in
//! memory, so 100,000 projects stream in bounded memory). Visibility is the
//! domain's (`accord_domain::visibility`): an export holds exactly what its
//! viewer may see, and the public's holds only public items.
//!
//! - `akn`: the charter as an Akoma Ntoso 3.0 document;
//! - `iati`: working groups and projects as IATI 2.03 activities;
//! - `ics`: meetings, deadlines and milestones as iCalendar (RFC 5545);
//! - `table`: projects (in the import's own format), milestones and
//!   measurements as CSV;
//! - `popolo`: organisations, people, posts and memberships as Popolo JSON;
//! - `json`: everything the viewer may see, in one JSON document;
//! - `annual`: the figures of a year, for the annual report.

pub mod akn;
pub mod annual;
pub mod iati;
pub mod ics;
pub mod json;
pub mod popolo;
pub mod table;
mod xml;

#[cfg(test)]
mod fixture;
mod seen;
mod stream;

use accord_domain::state::State;
use accord_domain::visibility::Viewer;
use jiff::Timestamp;

/// What an export is made from: the state, who it is for, and when.
#[derive(Debug, Clone, Copy)]
pub struct ExportScope<'a> {
    pub state: &'a State,
    pub viewer: &'a Viewer,
    /// When the export is made (IATI's `generated-datetime`, iCalendar's
    /// `DTSTAMP`): a parameter, since the core reads no clock.
    pub generated_at: Timestamp,
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("the instance holds no charter yet (run `accord init`)")]
    NoCharter,
    #[error("the charter has no {0:?} version (it has: {1})")]
    UnknownLanguage(String, String),
    #[error("{0}")]
    Invalid(String),
}
