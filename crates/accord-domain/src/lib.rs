//! accord-domain: the model of carrying out a charter.
//!
//! It holds the charter's rules (deadlines, recurring meetings, agreement by
//! both parties) as pure functions of the record and an as-of date.
//!
//! **Architecture invariant:** this crate does no I/O and never reads the
//! clock; time is always a parameter.

pub mod agreement;
pub mod calendar;
pub mod command;
pub mod decide;
pub mod event;
pub mod ids;
pub mod model;
pub mod permissions;
pub mod project_index;
pub mod rules;
pub mod state;
pub mod synthetic;
pub mod texts;
pub mod visibility;

pub use calendar::{Period, PeriodError};
