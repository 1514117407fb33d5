//! Imports from the spreadsheets coordinators keep.

pub mod projects;
