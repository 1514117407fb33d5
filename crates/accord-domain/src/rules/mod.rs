//! The charter's rules, evaluated for any as-of date.
//!
//! The date is always a parameter: these functions never read the clock, so
//! the same record gives the same answer for the same date, today or in an
//! audit years later.

pub mod deadline;
pub mod recurring;
pub mod status;

pub use deadline::{DeadlineStatus, deadline_status};
pub use recurring::{RecurringStatus, Window, recurring_status};
pub use status::{StatusError, StatusReport, status};
