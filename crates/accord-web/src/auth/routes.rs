//! The routes of accounts and of signing: logging in and out, one-time
//! links, a person's calendar feed, approvals, proposals and
//! administration. Every state-changing request to them carries its CSRF
//! token, session or not.

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;
use crate::pages::{
    admin, approvals, calendar, group_new, login, meeting, project_acts, project_documents,
    project_new, proposals, setup,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login::page).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/setup/{token}", get(setup::page).post(setup::submit))
        .route(
            "/invitation/{token}",
            get(setup::invitation).post(setup::accept_invitation),
        )
        .route(
            "/meetings/new",
            get(meeting::new_page).post(meeting::schedule),
        )
        .route("/meetings/{id}/held", post(meeting::held))
        .route("/meetings/{id}/reschedule", post(meeting::reschedule))
        .route("/meetings/{id}/cancel", post(meeting::cancel))
        .route("/meetings/{id}/minutes", post(meeting::minutes))
        .route(
            "/meetings/{id}/documents",
            post(meeting::attach_document).layer(axum::extract::DefaultBodyLimit::max(
                crate::api::documents::BODY_LIMIT as usize,
            )),
        )
        .route("/actions/{id}/done", post(meeting::action_done))
        .route(
            "/projects/new",
            get(project_new::page).post(project_new::submit),
        )
        .route("/projects/{id}/amend", post(project_acts::amend))
        .route("/projects/{id}/status", post(project_acts::status))
        .route(
            "/projects/{id}/milestones/{m}/complete",
            post(project_acts::complete_milestone),
        )
        .route(
            "/projects/{id}/milestones/{m}/reschedule",
            post(project_acts::reschedule_milestone),
        )
        .route(
            "/projects/{id}/indicators",
            post(project_acts::define_indicator),
        )
        .route(
            "/projects/{id}/indicators/{i}/measurements",
            post(project_acts::record_measurement),
        )
        .route(
            "/projects/{id}/measurements/import",
            crate::api::measurements_import::upload_route(),
        )
        .route(
            "/projects/{id}/documents",
            post(project_documents::attach).layer(axum::extract::DefaultBodyLimit::max(
                crate::api::documents::BODY_LIMIT as usize,
            )),
        )
        .route("/groups/new", get(group_new::page).post(group_new::submit))
        .route(
            "/groups/{id}/scope",
            get(group_new::scope).post(group_new::submit_scope),
        )
        .route("/approvals", get(approvals::page))
        .route("/approvals/{id}/approve", post(approvals::approve))
        .route("/approvals/{id}/reject", post(approvals::reject))
        .route("/approvals/{id}/withdraw", post(approvals::withdraw))
        .route(
            "/approvals/{id}/withdraw-proposal",
            post(approvals::withdraw_proposal),
        )
        .route(
            "/groups/{id}/proposals/new",
            get(proposals::page).post(proposals::submit),
        )
        .route(
            "/groups/{id}/roadmap/new",
            get(proposals::roadmap).post(proposals::submit_roadmap),
        )
        .route(
            "/account/calendar",
            get(calendar::page).post(calendar::create),
        )
        .route("/account/calendar/revoke", post(calendar::revoke))
        .route("/admin", get(admin::page))
        .route("/admin/organisations", post(admin::register_organisation))
        .route("/admin/people", post(admin::register_person))
        .route("/admin/roles", post(admin::grant_role))
        .route("/admin/roles/revoke", post(admin::revoke_role))
        .route("/admin/invitations", post(admin::invite))
        .route_layer(axum::middleware::from_fn(super::require_csrf))
}
