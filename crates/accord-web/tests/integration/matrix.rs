//! Every route × every role: who gets what (`GETS` and `POSTS`, one row
//! per route, one column per role of `matrix_world::ROLES`), a check that
//! the tables cover every route the router serves, and a sweep of every
//! answer for the restricted project, for everyone who may not see it.
//! The same outcomes hold for API tokens, and no POST without its CSRF
//! token changes anything.
//!
//! Outcomes: `200` answered; `login` sent to log in (303 to `/login`);
//! `401`, `403`, `404` refused with that status (404 also for what the
//! viewer may not see, exactly as for what does not exist); for a POST,
//! `done` (303 on, or the API's 2xx, and the record grew or the session
//! changed), `refused:<code>` (the form again, with the rules' refusal,
//! and nothing recorded) or `<status>:<code>` (the API's error, and
//! nothing recorded).

use std::collections::BTreeSet;

use accord_store::accounts::Scope;
use axum::body::Body;
use axum::http::Request;
use tower::ServiceExt as _;

use crate::accounts::{Client, WithAccounts, csrf_of};
use crate::matrix_world::{
    PARTNERSHIP, PARTNERSHIP_TITLE, RESTRICTED, RESTRICTED_MARKS, ROLES, client_for,
    energy_list_2_hash, energy_list_3_hash, restricted_entry, world,
};
use crate::support::{Answer, PUBLIC_TITLE, RESTRICTED_TITLE, without_request_ids};

/// One row: the route as the router declares it, the request's path with
/// the world's values (`{proof}` is the restricted project's entry), and
/// the outcome for each role, in the order of `ROLES`:
/// anonymous, partner, energy member, trade member, co-chair,
/// AZ coordinator, US coordinator, auditor, administrator.
type Row = (&'static str, &'static str, [&'static str; 9]);

const ALL_200: [&str; 9] = ["200"; 9];
const SIGNED_IN: [&str; 9] = [
    "login", "200", "200", "200", "200", "200", "200", "200", "200",
];

#[rustfmt::skip]
const GETS: &[Row] = &[
    // Pages
    ("/", "/", ALL_200),
    ("/charter", "/charter", ALL_200),
    ("/public", "/public", ALL_200),
    ("/groups/{id}", "/groups/energy", ALL_200),
    ("/projects/{id}", "/projects/tripp-power", ALL_200),
    ("/projects/{id}", "/projects/power-exchange",
        ["404", "200", "200", "200", "200", "200", "200", "200", "200"]),
    ("/projects/{id}", "/projects/grid-secret",
        ["404", "404", "200", "404", "200", "200", "200", "200", "404"]),
    ("/meetings", "/meetings", ALL_200),
    ("/meetings/{id}", "/meetings/charter-2026", ALL_200),
    ("/meetings/{id}", "/meetings/energy-december",
        ["404", "404", "200", "200", "200", "200", "200", "200", "200"]),
    ("/meetings/new", "/meetings/new", SIGNED_IN),
    ("/groups/new", "/groups/new", SIGNED_IN),
    ("/projects/new", "/projects/new", SIGNED_IN),
    ("/groups/{id}/scope", "/groups/energy/scope", SIGNED_IN),
    ("/record", "/record", ALL_200),
    ("/search", "/search?q=grid", ALL_200),
    ("/record/checkpoint.txt", "/record/checkpoint.txt", ALL_200),
    ("/record/proof/{file}", "/record/proof/0.tlog-proof", ALL_200),
    ("/record/proof/{file}", "/record/proof/{proof}.tlog-proof",
        ["404", "404", "200", "404", "200", "200", "200", "200", "404"]),
    ("/record/proof/{file}", "/record/proof/0.txt", ["404"; 9]),
    ("/static/style.css", "/static/style.css", ALL_200),
    ("/static/htmx.min.js", "/static/htmx.min.js", ALL_200),
    ("/static/report.css", "/static/report.css", ALL_200),
    ("/reports/annual/{year}", "/reports/annual/2026", ALL_200),
    ("/login", "/login", ALL_200),
    ("/healthz", "/healthz", ALL_200),
    ("/readyz", "/readyz", ALL_200),
    // The operator's figures: no person's session or token opens them
    // (and this world configures no metrics token).
    ("/metrics", "/metrics", ["404"; 9]),
    // The log's read API: the checkpoint and hash tiles are public; entry
    // bundles answer a node's credential only (`log_tiles`), never a
    // person's session: a path that names no bundle is refused first.
    ("/log/checkpoint", "/log/checkpoint", ALL_200),
    // (A tile beyond the log: the client here reads text only.)
    ("/log/tile/{*rest}", "/log/tile/5/000", ["404"; 9]),
    ("/log/wide/{*rest}", "/log/wide/0/000", ["400"; 9]),
    ("/setup/{token}", "/setup/not-a-token", ["404"; 9]),
    ("/invitation/{token}", "/invitation/not-a-token", ["404"; 9]),
    ("/approvals", "/approvals", SIGNED_IN),
    ("/groups/{id}/proposals/new", "/groups/energy/proposals/new", SIGNED_IN),
    ("/groups/{id}/roadmap/new", "/groups/energy/roadmap/new", SIGNED_IN),
    ("/admin", "/admin",
        ["login", "403", "403", "403", "403", "403", "403", "403", "200"]),
    // Downloads: a person's own, and the public's for anyone. (The
    // Akoma Ntoso and IATI downloads join these rows with their exports.)
    ("/exports/{format}", "/exports/akn", SIGNED_IN),
    ("/exports/{format}", "/exports/iati", SIGNED_IN),
    ("/exports/{format}", "/exports/ics", SIGNED_IN),
    ("/exports/{format}", "/exports/csv-projects", SIGNED_IN),
    ("/exports/{format}", "/exports/csv-milestones", SIGNED_IN),
    ("/exports/{format}", "/exports/csv-measurements", SIGNED_IN),
    ("/exports/{format}", "/exports/popolo", SIGNED_IN),
    ("/exports/{format}", "/exports/json", SIGNED_IN),
    ("/exports/{format}", "/exports/pdf",
        ["login", "404", "404", "404", "404", "404", "404", "404", "404"]),
    ("/public/exports/{format}", "/public/exports/akn", ALL_200),
    ("/public/exports/{format}", "/public/exports/iati", ALL_200),
    ("/public/exports/{format}", "/public/exports/ics", ALL_200),
    ("/public/exports/{format}", "/public/exports/csv-projects", ALL_200),
    ("/public/exports/{format}", "/public/exports/csv-milestones", ALL_200),
    ("/public/exports/{format}", "/public/exports/csv-measurements", ALL_200),
    ("/public/exports/{format}", "/public/exports/popolo", ALL_200),
    ("/public/exports/{format}", "/public/exports/json", ALL_200),
    ("/public/exports/{format}", "/public/exports/pdf", ["404"; 9]),
    // The calendar feed: `{feed}` is a feed token of the role's person
    // (none for the public); a token nobody issued opens nothing.
    ("/calendar/{file}", "/calendar/{feed}.ics",
        ["404", "200", "200", "200", "200", "200", "200", "200", "200"]),
    ("/calendar/{file}", "/calendar/not-a-token.ics", ["404"; 9]),
    ("/account/calendar", "/account/calendar", SIGNED_IN),
    // The API and its document
    ("/api/openapi.json", "/api/openapi.json", ALL_200),
    ("/api/docs", "/api/docs", ALL_200),
    ("/api/v1/status", "/api/v1/status", ALL_200),
    ("/api/v1/charter", "/api/v1/charter", ALL_200),
    ("/api/v1/groups", "/api/v1/groups", ALL_200),
    ("/api/v1/groups/{id}", "/api/v1/groups/energy", ALL_200),
    ("/api/v1/groups/{id}/roadmap", "/api/v1/groups/energy/roadmap", ALL_200),
    ("/api/v1/projects", "/api/v1/projects", ALL_200),
    ("/api/v1/projects/{id}", "/api/v1/projects/tripp-power", ALL_200),
    ("/api/v1/projects/{id}", "/api/v1/projects/power-exchange",
        ["404", "200", "200", "200", "200", "200", "200", "200", "200"]),
    ("/api/v1/projects/{id}", "/api/v1/projects/grid-secret",
        ["404", "404", "200", "404", "200", "200", "200", "200", "404"]),
    ("/api/v1/projects/{id}/history", "/api/v1/projects/tripp-power/history", ALL_200),
    ("/api/v1/projects/{id}/history", "/api/v1/projects/power-exchange/history",
        ["404", "200", "200", "200", "200", "200", "200", "200", "200"]),
    ("/api/v1/projects/{id}/history", "/api/v1/projects/grid-secret/history",
        ["404", "404", "200", "404", "200", "200", "200", "200", "404"]),
    ("/api/v1/meetings", "/api/v1/meetings", ALL_200),
    // A charter meeting's date and place are the public's; its agenda and
    // a working group's meeting are for those who see it in full.
    ("/api/v1/meetings/{id}", "/api/v1/meetings/charter-2026", ALL_200),
    ("/api/v1/meetings/{id}", "/api/v1/meetings/energy-december",
        ["404", "404", "200", "200", "200", "200", "200", "200", "200"]),
    ("/api/v1/meetings/{id}/proposed-agenda", "/api/v1/meetings/charter-2026/proposed-agenda",
        ["404", "404", "200", "200", "200", "200", "200", "200", "200"]),
    ("/api/v1/meetings/{id}/documents/{sha256}",
        "/api/v1/meetings/charter-2026/documents/0000000000000000000000000000000000000000000000000000000000000000",
        ["404"; 9]),
    ("/api/v1/projects/{id}/documents/{sha256}",
        "/api/v1/projects/tripp-power/documents/0000000000000000000000000000000000000000000000000000000000000000",
        ["404"; 9]),
    ("/api/v1/actions", "/api/v1/actions", ALL_200),
    ("/api/v1/search", "/api/v1/search?q=grid", ALL_200),
    ("/api/v1/record/checkpoint", "/api/v1/record/checkpoint", ALL_200),
    ("/api/v1/record/proof/{index}", "/api/v1/record/proof/0", ALL_200),
    ("/api/v1/approvals", "/api/v1/approvals",
        ["401", "200", "200", "200", "200", "200", "200", "200", "200"]),
    ("/api/v1/record/proof/{index}", "/api/v1/record/proof/{proof}",
        ["404", "404", "200", "404", "200", "200", "200", "200", "404"]),
    ("/api/v1/record/tlog-proof/{index}", "/api/v1/record/tlog-proof/0", ALL_200),
    ("/api/v1/record/tlog-proof/{index}", "/api/v1/record/tlog-proof/{proof}",
        ["404", "404", "200", "404", "200", "200", "200", "200", "404"]),
];

/// One state-changing row: the route, the request's path, its body
/// (a form, or JSON when it starts with `{`; `{hash2}` and `{hash3}` are
/// the content hashes of `energy-list-2` and `energy-list-3`), and the
/// outcome for each role. The CSRF token of the session (or of the
/// visitor) goes with each: the form field, or the `X-CSRF-Token` header.
/// Each role posts them all, in this order, in a world of its own.
type PostRow = (&'static str, &'static str, &'static str, [&'static str; 9]);

/// A signatory's refusal: the form again, with the rules' code.
const NS: &str = "refused:not_signatory";
/// The API's refusal of someone who may not sign.
const NS403: &str = "403:not_signatory";
/// The API's refusal of someone whose act it is not.
const F403: &str = "403:forbidden";

#[rustfmt::skip]
const POSTS: &[PostRow] = &[
    // Pages. Proposing and signing: the coordinators anywhere, a co-chair
    // in their own group (energy); nobody else.
    ("/groups/{id}/proposals/new", "/groups/energy/proposals/new", "project=solar-farm",
        ["401", NS, NS, NS, "done", "done", "done", NS, NS]),
    ("/groups/{id}/roadmap/new", "/groups/security-defense/roadmap/new", "milestones=",
        ["401", NS, NS, NS, NS, "done", "done", NS, NS]),
    ("/approvals/{id}/approve", "/approvals/energy-list-2/approve", "content_hash={hash2}",
        ["401", NS, NS, NS, "done", "done", "done", NS, NS]),
    ("/approvals/{id}/reject", "/approvals/reject-me/reject", "reason=No",
        ["401", NS, NS, NS, NS, "done", "done", NS, NS]),
    // Only the AZ coordinator approved it: the U.S. has nothing to withdraw.
    ("/approvals/{id}/withdraw", "/approvals/withdraw-me/withdraw", "",
        ["401", NS, NS, NS, NS, "done", "refused:agreement", NS, NS]),
    // Withdrawing the proposal itself: a signatory of either party.
    ("/approvals/{id}/withdraw-proposal", "/approvals/withdraw-me/withdraw-proposal", "",
        ["401", NS, NS, NS, NS, "done", "done", NS, NS]),
    // Meetings: a working group's by its co-chairs and members (and the
    // coordinators); its minutes by those who sign in the group.
    ("/meetings/new", "/meetings/new", "kind=working_group%3Aenergy&date=2026-11-20&place=Baku&step=schedule",
        ["401", "refused:forbidden", "done", "refused:forbidden", "done", "done", "done", "refused:forbidden", "refused:forbidden"]),
    ("/meetings/{id}/held", "/meetings/energy-2026-11-20/held", "on=2026-11-20",
        ["401", "404", "done", "404", "done", "done", "done", "404", "404"]),
    ("/meetings/{id}/minutes", "/meetings/energy-2026-11-20/minutes", "text-en=Met",
        ["401", "404", NS, "404", "done", "done", "done", "404", "404"]),
    ("/meetings/{id}/reschedule", "/meetings/energy-december/reschedule", "date=2026-11-26&reason=Earlier",
        ["401", "404", "done", "refused:forbidden", "done", "done", "done", "refused:forbidden", "refused:forbidden"]),
    ("/meetings/{id}/cancel", "/meetings/charter-2026/cancel", "reason=Late",
        ["401", "refused:forbidden", "refused:forbidden", "refused:forbidden", "refused:forbidden", "refused:invalid", "refused:invalid", "refused:forbidden", "refused:forbidden"]),
    // A document needs a multipart form (the page's test sends one).
    ("/meetings/{id}/documents", "/meetings/charter-2026/documents", "",
        ["401", "400", "400", "400", "400", "400", "400", "400", "400"]),
    // A new platform: the coordinators; a group's scope: its signatories.
    ("/groups/new", "/groups/new", "kind=dialogue_platform&id=page-dialogue&name-en=Dialogue",
        ["401", NS, NS, NS, NS, "done", "done", NS, NS]),
    ("/groups/{id}/scope", "/groups/energy/scope", "provision=I.1",
        ["401", NS, NS, NS, "done", "done", "done", NS, NS]),
    // Administration: the administrator only.
    ("/admin/organisations", "/admin/organisations", "id=new-org&name=New&kind=private_company",
        ["401", "403", "403", "403", "403", "403", "403", "403", "done"]),
    ("/admin/people", "/admin/people", "id=new-person&name=New&organisation=acwa",
        ["401", "403", "403", "403", "403", "403", "403", "403", "done"]),
    ("/admin/roles", "/admin/roles", "person=us-trade&role=auditor",
        ["401", "403", "403", "403", "403", "403", "403", "403", "done"]),
    ("/admin/roles/revoke", "/admin/roles/revoke", "person=us-trade&role=auditor",
        ["401", "403", "403", "403", "403", "403", "403", "403", "done"]),
    // The invitation is an account, not a record: the page shows its link.
    ("/admin/invitations", "/admin/invitations", "person=us-trade&email=trade%40example.org",
        ["401", "403", "403", "403", "403", "403", "403", "403", "200"]),
    // Accounts: a link that does not exist, a wrong password.
    ("/setup/{token}", "/setup/not-a-token", "password=x&confirm=x", ["404"; 9]),
    ("/invitation/{token}", "/invitation/not-a-token", "password=x&confirm=x", ["404"; 9]),
    ("/login", "/login", "email=nobody%40example.org&password=wrong", ALL_200),
    // The API: the same rules, as JSON errors.
    ("/api/v1/groups/{id}/proposals", "/api/v1/groups/energy/proposals", r#"{"projects": ["solar-farm"]}"#,
        ["401:login_required", NS403, NS403, NS403, "done", "done", "done", NS403, NS403]),
    ("/api/v1/proposals/{id}/approve", "/api/v1/proposals/energy-list-3/approve", r#"{"content_hash": "{hash3}"}"#,
        ["401:login_required", NS403, NS403, NS403, "done", "done", "done", NS403, NS403]),
    ("/api/v1/proposals/{id}/reject", "/api/v1/proposals/reject-me-too/reject", r#"{"reason": "No"}"#,
        ["401:login_required", NS403, NS403, NS403, NS403, "done", "done", NS403, NS403]),
    ("/api/v1/proposals/{id}/withdraw-approval", "/api/v1/proposals/withdraw-me-too/withdraw-approval", "{}",
        ["401:login_required", NS403, NS403, NS403, NS403, "done", "422:agreement", NS403, NS403]),
    ("/api/v1/proposals/{id}/withdraw", "/api/v1/proposals/withdraw-me-too/withdraw", "{}",
        ["401:login_required", NS403, NS403, NS403, NS403, "done", "done", NS403, NS403]),
    // The charter's acts. The charter meeting: the coordinators.
    ("/api/v1/meetings", "/api/v1/meetings",
        r#"{"kind": "charter", "date": "2026-12-15", "place": "Baku", "agenda": [{"title": {"en": "Review", "az": "İcmal"}}]}"#,
        ["401:login_required", F403, F403, F403, F403, "done", "done", F403, F403]),
    // The energy group's meeting: its co-chairs and members (and the coordinators).
    ("/api/v1/meetings/{id}/reschedule", "/api/v1/meetings/energy-december/reschedule",
        r#"{"date": "2026-11-25", "reason": "Both delegations in Washington earlier"}"#,
        ["401:login_required", F403, "done", F403, "done", "done", "done", F403, F403]),
    ("/api/v1/meetings/{id}/held", "/api/v1/meetings/energy-december/held",
        r#"{"on": "2026-11-25", "attendees": ["az-energy"]}"#,
        ["401:login_required", F403, "done", F403, "done", "done", "done", F403, F403]),
    // Its minutes: those who sign in the group.
    ("/api/v1/meetings/{id}/minutes", "/api/v1/meetings/energy-december/minutes",
        r#"{"text": {"en": "Met.", "az": "Görüşdü."}, "decisions": []}"#,
        ["401:login_required", "422:invalid", NS403, "422:invalid", "done", "done", "done", "422:invalid", "422:invalid"]),
    ("/api/v1/meetings/{id}/cancel", "/api/v1/meetings/charter-2026-12-15/cancel",
        r#"{"reason": "Merged with the spring meeting"}"#,
        ["401:login_required", "404:not_found", "404:not_found", "404:not_found", "404:not_found", "done", "done", "404:not_found", "404:not_found"]),
    // A document needs a multipart body: JSON is refused before anything.
    ("/api/v1/meetings/{id}/documents", "/api/v1/meetings/charter-2026/documents", "{}",
        ["401:login_required", "400:invalid", "400:invalid", "400:invalid", "400:invalid", "400:invalid", "400:invalid", "400:invalid", "400:invalid"]),
    // The charter meeting's action: its owner (the U.S. coordinator) or a coordinator.
    ("/api/v1/actions/{id}/done", "/api/v1/actions/charter-2026-minutes-action-1/done",
        r#"{"note": "Done."}"#,
        ["401:login_required", F403, F403, F403, F403, "done", "done", F403, F403]),
    ("/api/v1/dialogue-platforms", "/api/v1/dialogue-platforms",
        r#"{"id": "caspian-dialogue", "name": {"en": "Caspian dialogue"}}"#,
        ["401:login_required", NS403, NS403, NS403, NS403, "done", "done", NS403, NS403]),
    ("/api/v1/working-groups", "/api/v1/working-groups",
        r#"{"id": "health", "name": {"en": "Health"}, "scope": ["I.1"]}"#,
        ["401:login_required", NS403, NS403, NS403, NS403, "done", "done", NS403, NS403]),
    ("/api/v1/groups/{id}/scope", "/api/v1/groups/energy/scope", r#"{"provisions": ["I.1"]}"#,
        ["401:login_required", NS403, NS403, NS403, "done", "done", "done", NS403, NS403]),
    // A project's life. Proposed by the group's co-chairs and members (and
    // the coordinators).
    ("/api/v1/projects", "/api/v1/projects",
        r#"{"group": "energy", "title": {"en": "Wind farm", "az": "Külək elektrik stansiyası"}, "provisions": ["I.1"], "lead_party": "AZ", "classification": "public"}"#,
        ["401:login_required", F403, "done", F403, "done", "done", "done", F403, F403]),
    // Amended at once before both parties agreed it (solar-farm), by a
    // proposal of a signatory after (tripp-power).
    ("/api/v1/projects/{id}/amendments", "/api/v1/projects/solar-farm/amendments",
        r#"{"end": "2029-06-30"}"#,
        ["401:login_required", F403, "done", F403, "done", "done", "done", F403, F403]),
    ("/api/v1/projects/{id}/amendments", "/api/v1/projects/tripp-power/amendments",
        r#"{"end": "2029-06-30"}"#,
        ["401:login_required", NS403, NS403, NS403, "done", "done", "done", NS403, NS403]),
    // Its status: the lead party's co-chair, or a coordinator.
    ("/api/v1/projects/{id}/status", "/api/v1/projects/tripp-power/status",
        r#"{"status": "in_progress", "reason": "Construction started"}"#,
        ["401:login_required", F403, F403, F403, "done", "done", "done", F403, F403]),
    // Milestones: the group's co-chairs and members; a restricted project's
    // milestone is not found for those who may not see it.
    ("/api/v1/milestones/{id}/complete", "/api/v1/milestones/tripp-build/complete",
        r#"{"on": "2026-11-26", "note": "Line energised"}"#,
        ["401:login_required", F403, "done", F403, "done", "done", "done", F403, F403]),
    ("/api/v1/milestones/{id}/reschedule", "/api/v1/milestones/grid-audit/reschedule",
        r#"{"due": "2027-03-01", "reason": "Waiting for the protection plan"}"#,
        ["401:login_required", "404:not_found", "done", "404:not_found", "done", "done", "done", F403, "404:not_found"]),
    // Indicators: defined by the group; measured by the group (and the
    // project's partners: SOCAR's, not ACWA's, for tripp-power).
    ("/api/v1/projects/{id}/indicators", "/api/v1/projects/tripp-power/indicators",
        r#"{"id": "jobs-created", "name": {"en": "Jobs created", "az": "Yaradılmış iş yerləri"}, "unit": "jobs", "direction": "higher_is_better", "baseline": {"value": "0", "date": "2026-06-01"}, "target": {"value": "500", "date": "2028-12-31"}}"#,
        ["401:login_required", F403, "done", F403, "done", "done", "done", F403, F403]),
    ("/api/v1/indicators/{id}/measurements", "/api/v1/indicators/tripp-capacity/measurements",
        r#"{"value": "240", "date": "2026-11-26", "source": "Grid operator report"}"#,
        ["401:login_required", F403, "done", F403, "done", "done", "done", F403, F403]),
    // Measurements imported from a CSV file: as recorded one by one.
    ("/api/v1/projects/{id}/measurements/import", "/api/v1/projects/tripp-power/measurements/import",
        "csv:indicator,date,value,source\ntripp-capacity,2026-11-26,250,Grid operator report\n",
        ["401:login_required", F403, "done", F403, "done", "done", "done", F403, F403]),
    // The project page's upload needs a multipart body: a plain form is
    // refused before anything.
    ("/projects/{id}/measurements/import", "/projects/tripp-power/measurements/import", "file=none",
        ["401", "400", "400", "400", "400", "400", "400", "400", "400"]),
    // A project's documents need a multipart body: JSON is refused before anything.
    ("/api/v1/projects/{id}/documents", "/api/v1/projects/tripp-power/documents", "{}",
        ["401:login_required", "400:invalid", "400:invalid", "400:invalid", "400:invalid", "400:invalid", "400:invalid", "400:invalid", "400:invalid"]),
    ("/projects/{id}/documents", "/projects/tripp-power/documents", "file=none",
        ["401", "400", "400", "400", "400", "400", "400", "400", "400"]),
    // A project's life in the browser: the same rules as the API, each
    // form answering 403 with the page to whoever it is not for, and 404
    // to whoever may not see the project.
    ("/projects/new", "/projects/new",
        "group=energy&title-en=Page+farm&title-az=S%C9%99hif%C9%99+t%C9%99s%C9%99rr%C3%BCfat%C4%B1&provision=I.1&lead_party=AZ&classification=public",
        ["401", "403", "done", "403", "done", "done", "done", "403", "403"]),
    ("/projects/{id}/amend", "/projects/power-exchange/amend",
        "group=energy&title-en=Power+exchange+study+revised&provision=I.1&lead_party=AZ&lead_organisation=az-mfa&partner=acwa&classification=partnership",
        ["401", "403", "done", "403", "done", "done", "done", "403", "403"]),
    // An agreed project: a change proposed (or the pending one amended) by
    // those who sign in the group.
    ("/projects/{id}/amend", "/projects/tripp-power/amend",
        "group=energy&title-en=Power+line+renamed&provision=I.1&lead_party=AZ&classification=public&end=2029-12-31",
        ["401", "403", "403", "403", "done", "done", "done", "403", "403"]),
    ("/projects/{id}/status", "/projects/tripp-power/status", "status=suspended&reason=Paused",
        ["401", "403", "403", "403", "done", "done", "done", "403", "403"]),
    ("/projects/{id}/milestones/{m}/reschedule", "/projects/grid-secret/milestones/grid-audit/reschedule",
        "due=2027-04-01&reason=Later",
        ["401", "404", "done", "404", "done", "done", "done", "403", "404"]),
    ("/projects/{id}/milestones/{m}/complete", "/projects/grid-secret/milestones/grid-audit/complete",
        "on=2026-11-26&note=Audited",
        ["401", "404", "done", "404", "done", "done", "done", "403", "404"]),
    ("/projects/{id}/indicators", "/projects/tripp-power/indicators",
        "id=page-jobs&name-en=Jobs&unit=jobs&direction=higher_is_better&baseline_value=0&baseline_date=2026-06-01&target_value=10&target_date=2028-12-31",
        ["401", "403", "done", "403", "done", "done", "done", "403", "403"]),
    ("/projects/{id}/indicators/{i}/measurements", "/projects/tripp-power/indicators/tripp-capacity/measurements",
        "value=260&date=2026-11-26&source=Report",
        ["401", "403", "done", "403", "done", "done", "done", "403", "403"]),
    // The page's form for the same action, once the API marked it done.
    ("/actions/{id}/done", "/actions/charter-2026-minutes-action-1/done", "note=Again",
        ["401", "404", "refused:forbidden", "refused:forbidden", "refused:forbidden", "refused:invalid", "refused:invalid", "refused:forbidden", "refused:forbidden"]),
    // A person's calendar feed: made (its address shown), then revoked.
    ("/account/calendar", "/account/calendar", "",
        ["401", "200", "200", "200", "200", "200", "200", "200", "200"]),
    ("/account/calendar/revoke", "/account/calendar/revoke", "",
        ["401", "200", "200", "200", "200", "200", "200", "200", "200"]),
    // Last: the session ends.
    ("/logout", "/logout", "", ["done"; 9]),
];

/// Who may see the restricted project: its group, the coordinators, the
/// auditor (and SOCAR's people, who take part in it: `partner` tests them).
const SEE_RESTRICTED: [&str; 5] = [
    "energy-member",
    "az-energy",
    "az-coord",
    "us-coord",
    "auditor",
];

fn outcome(answer: &Answer) -> String {
    match answer.status.as_u16() {
        303 if answer.header("location").starts_with("/login") => "login".to_owned(),
        200 => match answer.body.split_once("data-code=\"") {
            Some((_, rest)) => format!("refused:{}", &rest[..rest.find('"').unwrap()]),
            None => "200".to_owned(),
        },
        other => other.to_string(),
    }
}

/// The request's path with the world's values for `who`: `{proof}` the
/// restricted project's entry, `{feed}` a new calendar token of `who`
/// (none for the public).
fn fill(path: &str, world: &WithAccounts, who: &str) -> String {
    let mut path = path.replace("{proof}", &restricted_entry(world).to_string());
    if path.contains("{feed}") {
        let token = if who == "anonymous" {
            "no-feed".to_owned()
        } else {
            crate::support::off_runtime(|| world.accounts.issue_calendar_token(who, 0)).unwrap()
        };
        path = path.replace("{feed}", &token);
    }
    path
}

/// Asserts the observed outcomes, showing the whole observed table when
/// any differs.
fn compare(observed: &[(String, Vec<String>)], expected: Vec<(String, Vec<String>)>) {
    let differ: Vec<String> = observed
        .iter()
        .zip(&expected)
        .filter(|(o, e)| o != e)
        .map(|((path, got), (_, want))| format!("{path}: got {got:?}, want {want:?}"))
        .collect();
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[tokio::test]
async fn every_get_route_answers_each_role_as_the_table_says() {
    let world = world();
    let mut observed: Vec<(String, Vec<String>)> = GETS
        .iter()
        .map(|(_, path, _)| ((*path).to_owned(), Vec::new()))
        .collect();
    for who in ROLES {
        let mut client = client_for(&world, who).await;
        for (row, (_, path, _)) in GETS.iter().enumerate() {
            let answer = client.get(&fill(path, &world, who)).await;
            observed[row].1.push(outcome(&answer));
        }
    }
    compare(
        &observed,
        GETS.iter()
            .map(|(_, p, e)| ((*p).to_owned(), e.iter().map(|s| (*s).to_owned()).collect()))
            .collect(),
    );
}

/// Posts `body` with the CSRF token of the client's session (or visit).
/// A row's body as the API takes it: `csv:` then a CSV file, or JSON;
/// `None` for a page's form.
fn api_body(body: &str) -> Option<(&'static str, &str)> {
    match body.strip_prefix("csv:") {
        Some(csv) => Some(("text/csv", csv)),
        None if body.starts_with('{') => Some(("application/json", body)),
        None => None,
    }
}

async fn post(world: &WithAccounts, client: &mut Client, action: &str, body: &str) -> Answer {
    let csrf = csrf_of(&client.get("/login").await.body);
    let Some((content_type, body)) = api_body(body) else {
        let form = if body.is_empty() {
            format!("csrf={csrf}")
        } else {
            format!("csrf={csrf}&{body}")
        };
        return client.send("POST", action, &[], &form).await;
    };
    let mut headers = vec![
        ("content-type".to_owned(), content_type.to_owned()),
        ("x-csrf-token".to_owned(), csrf),
    ];
    if !client.cookies.is_empty() {
        let cookie: Vec<String> = client
            .cookies
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        headers.push(("cookie".to_owned(), cookie.join("; ")));
    }
    request(world, "POST", action, &headers, body).await
}

#[tokio::test]
async fn without_its_csrf_token_no_post_changes_anything() {
    let world = world();
    let size = world.instance.app.size();
    for who in ROLES {
        let mut client = client_for(&world, who).await;
        for (route, path, body, _) in POSTS {
            let body = body.replace("{hash2}", &energy_list_2_hash());
            let answer = if let Some((content_type, body)) = api_body(&body) {
                let cookie: Vec<String> = client
                    .cookies
                    .iter()
                    .map(|(n, v)| format!("{n}={v}"))
                    .collect();
                let mut headers = vec![("content-type".to_owned(), content_type.to_owned())];
                if !cookie.is_empty() {
                    headers.push(("cookie".to_owned(), cookie.join("; ")));
                }
                request(&world, "POST", path, &headers, body).await
            } else {
                client.send("POST", path, &[], &body).await
            };
            // The public's JSON request has no session to forge: it is
            // simply nobody's.
            let expected = if who == "anonymous" && route.starts_with("/api/") {
                401
            } else {
                403
            };
            assert_eq!(answer.status, expected, "{who} {route}: {}", answer.body);
            assert_eq!(world.instance.app.size(), size, "{who} {route}");
        }
        // The session is still there: logging out without the token did not end it.
        if who != "anonymous" {
            assert_eq!(client.get("/approvals").await.status, 200, "{who}");
        }
    }
}

/// One request through the world's router, with exactly `headers`.
async fn request(
    world: &WithAccounts,
    method: &str,
    uri: &str,
    headers: &[(String, String)],
    body: &str,
) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = world
        .router
        .clone()
        .oneshot(request.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// A request with an API token (`Authorization: Bearer`), and no cookie.
async fn with_token(
    world: &WithAccounts,
    method: &str,
    uri: &str,
    token: &str,
    body: &str,
) -> Answer {
    let mut headers = vec![("authorization".to_owned(), format!("Bearer {token}"))];
    let mut body = body;
    if method == "POST" {
        let (content_type, typed) = api_body(body).unwrap_or(("application/json", body));
        headers.push(("content-type".to_owned(), content_type.to_owned()));
        body = typed;
    }
    request(world, method, uri, &headers, body).await
}

/// An API token for `who`.
fn token_for(world: &WithAccounts, who: &str, scope: Scope) -> String {
    crate::support::off_runtime(|| world.accounts.issue_api_token(who, "matrix", scope, 0)).unwrap()
}

/// The API's code of an error answer.
fn code(answer: &Answer) -> String {
    answer.json()["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn an_api_token_gets_what_its_persons_session_gets() {
    let world = world();
    let size = world.instance.app.size();
    for who in ROLES.into_iter().filter(|w| *w != "anonymous") {
        let index = ROLES.iter().position(|r| *r == who).unwrap();
        let read = token_for(&world, who, Scope::Read);
        // Every GET of the API: the table's outcome for this role.
        for (route, path, expected) in GETS.iter().filter(|(r, _, _)| r.starts_with("/api/v1/")) {
            let answer = with_token(&world, "GET", &fill(path, &world, who), &read, "").await;
            assert_eq!(
                outcome(&answer),
                expected[index],
                "{who} {route} with a token"
            );
        }
        // A read-only token changes nothing, whoever holds it.
        for (_, path, body, _) in POSTS
            .iter()
            .filter(|(r, _, _, _)| r.starts_with("/api/v1/"))
        {
            let body = body
                .replace("{hash2}", &energy_list_2_hash())
                .replace("{hash3}", &energy_list_3_hash());
            let answer = with_token(&world, "POST", path, &read, &body).await;
            assert_eq!(answer.status, 403, "{who} {path}: {}", answer.body);
            assert_eq!(code(&answer), "token_read_only", "{who} {path}");
        }
    }
    // A token nobody issued is refused everywhere, even where the public is let in.
    for (_, path, _) in GETS.iter().filter(|(r, _, _)| r.starts_with("/api/v1/")) {
        let answer = with_token(
            &world,
            "GET",
            &fill(path, &world, "anonymous"),
            "not-a-token",
            "",
        )
        .await;
        assert_eq!(answer.status, 401, "{path}");
        assert_eq!(code(&answer), "bad_token", "{path}");
    }
    assert_eq!(world.instance.app.size(), size, "nothing recorded");
}

#[tokio::test]
async fn a_write_token_signs_as_its_persons_session_does_without_a_csrf_token() {
    for who in ROLES.into_iter().filter(|w| *w != "anonymous") {
        let index = ROLES.iter().position(|r| *r == who).unwrap();
        let world = world();
        let write = token_for(&world, who, Scope::Write);
        for (route, path, body, expected) in POSTS
            .iter()
            .filter(|(r, _, _, _)| r.starts_with("/api/v1/"))
        {
            let body = body
                .replace("{hash2}", &energy_list_2_hash())
                .replace("{hash3}", &energy_list_3_hash());
            let size = world.instance.app.size();
            let answer = with_token(&world, "POST", path, &write, &body).await;
            let grew = world.instance.app.size() > size;
            let got = if answer.status.is_success() {
                "done".to_owned()
            } else {
                format!("{}:{}", answer.status.as_u16(), code(&answer))
            };
            assert_eq!(
                got, expected[index],
                "{who} {route} with a token: {}",
                answer.body
            );
            assert_eq!(
                grew,
                got == "done",
                "{who} {route}: recorded only when done"
            );
        }
    }
}

#[tokio::test]
async fn every_state_changing_route_allows_or_refuses_each_role_as_the_table_says() {
    let mut observed: Vec<(String, Vec<String>)> = POSTS
        .iter()
        .map(|(_, path, _, _)| ((*path).to_owned(), Vec::new()))
        .collect();
    for who in ROLES {
        let world = world();
        let mut client = client_for(&world, who).await;
        for (row, (_, path, body, _)) in POSTS.iter().enumerate() {
            let size = world.instance.app.size();
            let body = body
                .replace("{hash2}", &energy_list_2_hash())
                .replace("{hash3}", &energy_list_3_hash());
            let answer = post(&world, &mut client, path, &body).await;
            let grew = world.instance.app.size() > size;
            let got = match (answer.status.as_u16(), outcome(&answer)) {
                (303, o) if o != "login" => {
                    assert!(
                        grew || *path == "/logout",
                        "{who} {path}: done, but nothing recorded"
                    );
                    "done".to_owned()
                }
                (200 | 201, o) if path.starts_with("/api/") => {
                    assert!(grew, "{who} {path}: {o}, but nothing recorded");
                    "done".to_owned()
                }
                (status, o) => {
                    assert!(!grew, "{who} {path}: {o}, yet the record grew");
                    if status >= 400 && path.starts_with("/api/") {
                        format!(
                            "{o}:{}",
                            answer.json()["error"]["code"].as_str().unwrap_or("")
                        )
                    } else {
                        o
                    }
                }
            };
            if *path == "/admin/invitations" && got == "200" {
                assert!(answer.body.contains("/invitation/"), "{who}: no link");
            }
            observed[row].1.push(got);
        }
    }
    compare(
        &observed,
        POSTS
            .iter()
            .map(|(_, p, _, e)| ((*p).to_owned(), e.iter().map(|s| (*s).to_owned()).collect()))
            .collect(),
    );
}

/// The paths of `.route("…")` in the application's sources.
fn declared_routes() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut folders = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for (_, rest) in source
                .match_indices(".route(")
                .map(|(i, _)| source.split_at(i + 7))
            {
                let rest = rest.trim_start();
                if let Some(literal) = rest.strip_prefix('"') {
                    found.insert(literal[..literal.find('"').unwrap()].to_owned());
                }
            }
        }
    }
    found
}

#[tokio::test]
async fn the_tables_cover_every_route_the_router_serves() {
    let world = world();
    let document = world.client().get("/api/openapi.json").await.json();
    let mut served: BTreeSet<String> = document["paths"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    served.extend(declared_routes());
    served.insert(accord_web::api::DOCUMENT_PATH.to_owned());
    served.insert(accord_web::api::DOCS_PATH.to_owned());
    let covered: BTreeSet<String> = GETS
        .iter()
        .map(|(route, _, _)| (*route).to_owned())
        .chain(POSTS.iter().map(|(route, _, _, _)| (*route).to_owned()))
        .collect();
    let missing: Vec<&String> = served.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "routes the matrix does not cover: {missing:?}"
    );
    // Every method the document gives a route is in the matching table.
    for (route, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let table_has = match method.as_str() {
                "get" => GETS.iter().any(|(r, _, _)| r == route),
                "post" | "put" | "patch" | "delete" => POSTS.iter().any(|(r, _, _, _)| r == route),
                _ => true,
            };
            assert!(table_has, "{method} {route} is not in the matrix");
        }
    }
}

#[tokio::test]
async fn the_restricted_project_is_in_no_answer_for_those_who_may_not_see_it() {
    let world = world();
    let size = world.instance.app.size();
    for who in ROLES {
        let mut client = client_for(&world, who).await;
        let may_see = SEE_RESTRICTED.contains(&who);
        let projects = client.get("/api/v1/projects").await.json();
        let ids: Vec<&str> = projects
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.contains(&RESTRICTED), may_see, "{who}: {ids:?}");
        let group = client.get("/groups/energy?lang=en").await;
        assert_eq!(group.body.contains(RESTRICTED_TITLE), may_see, "{who}");
        assert!(group.body.contains(PUBLIC_TITLE), "{who}");
        assert_eq!(
            group.body.contains(PARTNERSHIP_TITLE),
            who != "anonymous",
            "{who}"
        );
        // Counts agree with the list, for everyone: the energy group's
        // projects in the status report and on the dashboard are those the
        // list shows (with the restricted one exactly for those who see it).
        let energy = client.get("/api/v1/projects?group=energy").await.json();
        let listed = energy.as_array().unwrap();
        let status = client.get("/api/v1/status").await.json();
        let group = status["working_groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == "energy")
            .unwrap();
        let count = |s: &str| group["projects"][s].as_u64().unwrap();
        let counted: u64 = [
            "proposed",
            "agreed",
            "in_progress",
            "completed",
            "suspended",
            "cancelled",
        ]
        .into_iter()
        .map(count)
        .sum();
        assert_eq!(counted as usize, listed.len(), "{who}: {group}");
        let proposed = listed.iter().filter(|p| p["status"] == "proposed").count();
        assert_eq!(count("proposed") as usize, proposed, "{who}: {group}");
        let dashboard = client.get("/?lang=en").await;
        let row = dashboard
            .element("tr", "group-energy")
            .replace(['\u{2068}', '\u{2069}'], "");
        let agreed = count("agreed") + count("in_progress") + count("completed");
        assert!(
            row.contains(&format!("{agreed} agreed, {proposed} proposed")),
            "{who}: {row}"
        );
        if may_see {
            continue;
        }
        // Every GET route, in each language, and every entry's proof.
        let mut paths: Vec<String> = GETS
            .iter()
            .map(|(_, path, _)| fill(path, &world, who))
            .filter(|p| {
                !p.contains(RESTRICTED)
                    && *p != format!("/api/v1/record/proof/{}", restricted_entry(&world))
            })
            .flat_map(|p| {
                let sep = if p.contains('?') { '&' } else { '?' };
                ["fr", "en", "az"].map(|l| format!("{p}{sep}lang={l}"))
            })
            .collect();
        paths.push("/api/v1/projects?group=energy".to_owned());
        paths.extend((0..size).map(|i| format!("/api/v1/record/proof/{i}")));
        for path in &paths {
            let body = client.get(path).await.body;
            for mark in RESTRICTED_MARKS {
                assert!(!body.contains(mark), "{who}: {path} shows {mark:?}");
            }
        }
        // Asking for it by name answers as for a project that does not exist.
        for base in ["/projects/", "/api/v1/projects/"] {
            let hidden = client.get(&format!("{base}{RESTRICTED}")).await;
            let absent = client.get(&format!("{base}no-such-project")).await;
            assert_eq!(hidden.status, absent.status, "{who}: {base}");
            assert_eq!(
                without_request_ids(&hidden.body.replace(RESTRICTED, "no-such-project")),
                without_request_ids(&absent.body),
                "{who}: {base}"
            );
        }
    }
    // The partner sees the partnership project it takes part in.
    let mut partner = client_for(&world, "acwa-partner").await;
    let answer = partner
        .get(&format!("/api/v1/projects/{PARTNERSHIP}"))
        .await;
    assert_eq!(answer.status, 200);
}
