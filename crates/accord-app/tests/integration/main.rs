//! accord-app over a real SQLite file: record, reopen, tamper, import.

mod charter;
mod import;
mod import_measurements;
mod projects_page;
mod record;
mod search;
mod support;
mod two_writers;
