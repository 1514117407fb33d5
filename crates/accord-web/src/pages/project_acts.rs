//! The forms of a project's page, posted: change the project
//! (`/projects/{id}/amend`: at once before both parties agreed it, a
//! proposal both approve after), set its status with a reason, complete a
//! milestone on a date with a note or move it with a reason, define an
//! indicator, record a measurement. Each reads what was typed, makes one
//! call to its use case in `accord_app::project_acts`, and sends the
//! person back to the project's page saying what was done; a refusal shows
//! the page again with what was typed and the rules' reason, and an act
//! that is not the person's is the 403 error page.

use accord_app::project_acts::NewIndicator;
use accord_domain::ids::{IndicatorId, MilestoneId, ProjectId};
use accord_domain::model::{DatedValue, Direction, ProjectStatus};
use accord_domain::visibility::Viewer;
use axum::Form;
use axum::extract::{OriginalUri, Path, State};
use axum::http::Uri;
use axum::response::Response;

use crate::auth::forms::see_other;
use crate::auth::{CsrfToken, Identity, SignedIn};
use crate::lang::Lang;
use crate::pages::form_fields::Typed;
use crate::pages::project::{Shown, show};
use crate::pages::project_fields::project_changes;
use crate::pages::project_new::form_refusal;
use crate::{AppState, WebError};

/// An act a project's page asks for.
#[derive(Debug, Clone)]
enum ProjectAct {
    Amend,
    Status,
    Complete(MilestoneId),
    Reschedule(MilestoneId),
    DefineIndicator,
    Measure(IndicatorId),
}

impl ProjectAct {
    /// The form it comes from on the page (a refusal links to it), and
    /// what `?done=` says once it is done.
    fn form_and_done(&self) -> (String, &'static str) {
        match self {
            ProjectAct::Amend => ("amend".to_owned(), "amended"),
            ProjectAct::Status => ("status".to_owned(), "status"),
            ProjectAct::Complete(m) => (format!("milestone-{m}"), "milestone-completed"),
            ProjectAct::Reschedule(m) => (format!("milestone-{m}"), "milestone-rescheduled"),
            ProjectAct::DefineIndicator => ("indicator".to_owned(), "indicator"),
            ProjectAct::Measure(i) => (format!("measure-{i}"), "measurement"),
        }
    }
}

fn status_of(code: &str) -> Result<ProjectStatus, WebError> {
    match code {
        "in_progress" => Ok(ProjectStatus::InProgress),
        "completed" => Ok(ProjectStatus::Completed),
        "suspended" => Ok(ProjectStatus::Suspended),
        "cancelled" => Ok(ProjectStatus::Cancelled),
        other => Err(WebError::bad_request(
            "invalid",
            format!("status: {other:?} is not in_progress, completed, suspended or cancelled"),
        )),
    }
}

fn dated(typed: &Typed, name: &str) -> Result<DatedValue, WebError> {
    Ok(DatedValue {
        value: typed.value(&format!("{name}_value")).trim().to_owned(),
        date: typed.date(&format!("{name}_date"))?,
    })
}

fn not_found(what: &'static str, id: &str) -> WebError {
    WebError::NotFound {
        what,
        id: id.to_owned(),
    }
}

/// Runs `act`; `Ok(true)` when the change was proposed to both parties
/// rather than applied.
async fn run(
    state: &AppState,
    identity: &Identity,
    project: &str,
    act: &ProjectAct,
    typed: &Typed,
) -> Result<bool, WebError> {
    let (now, actor, id) = ((state.clock)(), identity.actor(), ProjectId::new(project));
    match act.clone() {
        ProjectAct::Amend => {
            let changes = project_changes(typed)?;
            let amended = state
                .blocking(move |app| app.amend_project(&actor, id, changes, true, now))
                .await??;
            return Ok(amended.proposal.is_some());
        }
        ProjectAct::Status => {
            let status = status_of(typed.value("status"))?;
            let reason = typed.value("reason").to_owned();
            state
                .blocking(move |app| app.change_project_status(&actor, id, status, reason, now))
                .await??;
        }
        ProjectAct::Complete(milestone) => {
            if !state.app.milestone_in_project(&milestone, &id) {
                return Err(not_found("milestone", milestone.as_str()));
            }
            let on = typed.date("on")?;
            let note = typed.value("note").to_owned();
            state
                .blocking(move |app| app.complete_milestone(&actor, milestone, on, note, now))
                .await??;
        }
        ProjectAct::Reschedule(milestone) => {
            if !state.app.milestone_in_project(&milestone, &id) {
                return Err(not_found("milestone", milestone.as_str()));
            }
            let due = typed.date("due")?;
            let reason = typed.value("reason").to_owned();
            state
                .blocking(move |app| app.reschedule_milestone(&actor, milestone, due, reason, now))
                .await??;
        }
        ProjectAct::DefineIndicator => {
            let indicator = NewIndicator {
                id: IndicatorId::new(typed.value("id").trim()),
                name: typed.texts("name"),
                unit: typed.value("unit").to_owned(),
                direction: match typed.value("direction") {
                    "lower_is_better" => Direction::LowerIsBetter,
                    _ => Direction::HigherIsBetter,
                },
                baseline: dated(typed, "baseline")?,
                target: dated(typed, "target")?,
            };
            state
                .blocking(move |app| app.define_indicator(&actor, id, indicator, now))
                .await??;
        }
        ProjectAct::Measure(indicator) => {
            if !state.app.indicator_in_project(&indicator, &id) {
                return Err(not_found("indicator", indicator.as_str()));
            }
            let measurement = DatedValue {
                value: typed.value("value").to_owned(),
                date: typed.date("date")?,
            };
            let source = typed.value("source").to_owned();
            state
                .blocking(move |app| {
                    app.record_measurement(&actor, indicator, measurement, source, None, now)
                })
                .await??;
        }
    }
    Ok(false)
}

#[allow(clippy::too_many_arguments)]
async fn act_then_show(
    state: AppState,
    lang: Lang,
    uri: Uri,
    csrf: String,
    identity: Identity,
    project: String,
    act: ProjectAct,
    fields: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let typed = Typed(fields);
    let (form, done) = act.form_and_done();
    match run(&state, &identity, &project, &act, &typed).await {
        Ok(true) => Ok(see_other(
            &format!("/projects/{project}?done=change-proposed#pending"),
            Vec::new(),
        )),
        Ok(false) => Ok(see_other(
            &format!("/projects/{project}?done={done}"),
            Vec::new(),
        )),
        Err(error) => {
            let shown = Shown {
                typed,
                refused: form,
                refusal: Some(form_refusal(error)?),
                done: String::new(),
            };
            let viewer = Viewer::Person(identity.person);
            let as_of = state.today();
            show(&state, lang, &uri, csrf, &viewer, &project, as_of, shown).await
        }
    }
}

macro_rules! project_form {
    ($name:ident, $act:expr, $doc:literal) => {
        #[doc = $doc]
        pub async fn $name(
            State(state): State<AppState>,
            lang: Lang,
            OriginalUri(uri): OriginalUri,
            CsrfToken(csrf): CsrfToken,
            SignedIn(identity): SignedIn,
            Path(id): Path<String>,
            Form(fields): Form<Vec<(String, String)>>,
        ) -> Result<Response, WebError> {
            act_then_show(state, lang, uri, csrf, identity, id, $act, fields).await
        }
    };
}

macro_rules! project_item_form {
    ($name:ident, $act:path, $doc:literal) => {
        #[doc = $doc]
        pub async fn $name(
            State(state): State<AppState>,
            lang: Lang,
            OriginalUri(uri): OriginalUri,
            CsrfToken(csrf): CsrfToken,
            SignedIn(identity): SignedIn,
            Path((id, item)): Path<(String, String)>,
            Form(fields): Form<Vec<(String, String)>>,
        ) -> Result<Response, WebError> {
            let act = $act(item.trim().into());
            act_then_show(state, lang, uri, csrf, identity, id, act, fields).await
        }
    };
}

project_form!(amend, ProjectAct::Amend, "`POST /projects/{id}/amend`.");
project_form!(status, ProjectAct::Status, "`POST /projects/{id}/status`.");
project_form!(
    define_indicator,
    ProjectAct::DefineIndicator,
    "`POST /projects/{id}/indicators`."
);
project_item_form!(
    complete_milestone,
    ProjectAct::Complete,
    "`POST /projects/{id}/milestones/{m}/complete`."
);
project_item_form!(
    reschedule_milestone,
    ProjectAct::Reschedule,
    "`POST /projects/{id}/milestones/{m}/reschedule`."
);
project_item_form!(
    record_measurement,
    ProjectAct::Measure,
    "`POST /projects/{id}/indicators/{i}/measurements`: one measurement typed in \
     the form. (A CSV of many, all or nothing, is uploaded beside it to \
     `POST /projects/{id}/measurements/import`.)"
);
