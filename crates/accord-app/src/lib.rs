//! accord-app: the one place that joins the domain, the log and the store.
//!
//! Start-up opens the store, checks the log against its latest signed
//! checkpoint and folds every event into memory; a command is authorised,
//! decided, appended durably and then applied; every query takes the viewer.

pub mod acts;
pub mod admin_view;
pub mod agreement_view;
mod app;
pub mod charter_record;
pub mod documents;
mod error;
pub mod import;
pub mod log_tiles;
pub mod meeting_queries;
pub mod project_acts;
pub mod project_forms;
pub mod queries;
pub mod queries_detail;
pub mod record;
pub mod search;
pub mod signing;
pub mod status_view;
pub mod tally;

pub use accord_domain::calendar::utc_date;
pub use app::{App, Receipt};
pub use error::AppError;
