//! accord-web driven in process (`tower::ServiceExt::oneshot`) over an
//! instance in a real SQLite file: pages in three languages, the dashboard
//! on chosen dates, what the public sees, the API against its own OpenAPI
//! document, security headers, and errors.

mod account_matrix;
mod accounts;
mod api;
mod api_acts;
mod api_agreement;
mod api_projects;
mod approvals;
mod detail_pages;
mod detail_world;
mod documents;
mod errors;
mod exports;
mod log_tiles;
mod matrix;
mod matrix_world;
mod measurements_import;
mod meeting_pages;
mod metrics;
mod openapi;
mod pages;
mod pagination;
mod partner;
mod project_documents;
mod project_pages;
mod record_proofs;
mod render_cache;
mod report;
mod roadmap_pages;
mod search;
mod security;
mod support;
mod visibility;
mod witnesses;
