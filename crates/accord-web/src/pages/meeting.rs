//! The meetings' acts in the browser. `/meetings/new` schedules a meeting
//! (only the kinds and groups its person may schedule are offered) with
//! the agenda the state proposes, which the person edits; `/meetings/{id}`
//! shows one meeting with the forms of the acts its person may perform on
//! it now: record it held, move or cancel it, propose its minutes with
//! decisions (each text in Azerbaijani, English and French side by side),
//! mark its actions done. Each form calls one use case of
//! `accord_app::acts`; a refused act shows the form again with what was
//! typed and the rules' reason.

use accord_app::acts::{MeetingActs, NewMeeting};
use accord_app::meeting_queries::{Reason, Suggestion};
use accord_domain::event::{Decision, DecisionKind};
use accord_domain::ids::{ActionId, GroupId, MeetingId, PersonId};
use accord_domain::model::{AgendaItem, MeetingKind};
use accord_domain::visibility::Viewer;
use askama::Template;
use axum::Form;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::forms::{Refusal, refusal, see_other};
use crate::auth::{CsrfToken, Identity, SignedIn};
use crate::lang::{Lang, Tr};
use crate::pages::form_fields::{Choice, TextsField, Typed};
use crate::pages::meetings::{MeetingRow, meeting_row};
use crate::pages::render;
use crate::view::{Layout, Section, content, group_name};
use crate::{AppState, CurrentViewer, WebError};

/// Agenda rows a new meeting's form offers beyond the proposed ones.
const BLANK_AGENDA_ROWS: usize = 3;
/// Decision rows the minutes form offers.
const DECISION_ROWS: usize = 4;

/// One agenda row of the new meeting's form.
#[derive(Debug, Clone)]
pub struct AgendaField {
    pub n: usize,
    /// Why the state proposes it (empty for a blank row).
    pub reason: String,
    pub keep: bool,
    pub title: TextsField,
    pub provisions: String,
    pub projects: String,
    pub milestones: String,
}

#[derive(Debug, Template)]
#[template(path = "meeting_new.html")]
pub struct NewMeetingPage {
    pub page: Layout,
    pub csrf: String,
    pub kinds: Vec<Choice>,
    pub date: String,
    pub place: String,
    pub title: TextsField,
    pub people: Vec<Choice>,
    pub agenda: Vec<AgendaField>,
    pub refusal: Option<Refusal>,
}

/// One decision row of the minutes form.
#[derive(Debug, Clone)]
pub struct DecisionField {
    pub n: usize,
    pub kinds: Vec<Choice>,
    pub text: TextsField,
    pub owners: Vec<Choice>,
    pub due: String,
    pub provisions: String,
    pub projects: String,
}

/// An action of this meeting's adopted minutes.
#[derive(Debug, Clone)]
pub struct ActionRow {
    pub id: String,
    pub text: String,
    pub owner: String,
    pub due: String,
    pub done: Option<String>,
    pub overdue: Option<String>,
    pub may_complete: bool,
}

#[derive(Debug, Clone)]
pub struct DocumentRow {
    pub name: String,
    pub href: String,
    pub size: u64,
}

#[derive(Debug, Template)]
#[template(path = "meeting.html")]
pub struct MeetingPage {
    pub page: Layout,
    pub csrf: String,
    pub signed_in: bool,
    pub meeting: MeetingRow,
    pub title: String,
    pub acts: MeetingActs,
    pub cancelled: Option<String>,
    pub rescheduled: Vec<String>,
    pub attendees: Vec<String>,
    pub documents: Vec<DocumentRow>,
    pub actions: Vec<ActionRow>,
    pub today: String,
    pub participants: Vec<Choice>,
    pub minutes_text: TextsField,
    pub decisions: Vec<DecisionField>,
    pub typed: Typed,
    /// The section of the form a refusal is about (`held`, `reschedule`,
    /// `minutes`, `actions`), which the refusal links to.
    pub refused: String,
    pub refusal: Option<Refusal>,
    pub done: String,
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    pub done: Option<String>,
}

fn kind_of(code: &str) -> Option<MeetingKind> {
    match code {
        "charter" => Some(MeetingKind::Charter),
        "working_group" => Some(MeetingKind::WorkingGroup),
        "dialogue_platform" => Some(MeetingKind::DialoguePlatform),
        _ => None,
    }
}

fn reason_label(reason: Reason, tr: Tr) -> String {
    tr.t(match reason {
        Reason::OverdueMilestone => "agenda-reason-overdue-milestone",
        Reason::PendingProposal => "agenda-reason-pending-proposal",
        Reason::OpenAction => "agenda-reason-open-action",
        Reason::Deadline => "agenda-reason-deadline",
        Reason::UncoveredCommitment => "agenda-reason-uncovered",
    })
}

fn joined<T: ToString>(ids: &[T]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The people a form may name, with those in `chosen` ticked.
fn people_choices(state: &AppState, viewer: &Viewer, chosen: &[String]) -> Vec<Choice> {
    state
        .app
        .people(viewer)
        .into_iter()
        .map(|p| Choice {
            chosen: chosen.iter().any(|c| c == p.id.as_str()),
            value: p.id.to_string(),
            label: p.name,
        })
        .collect()
}

/// The kinds of meeting `person` may schedule, as choices (`charter`, or
/// `working_group:{id}` / `dialogue_platform:{id}`).
fn kind_choices(state: &AppState, identity: &Identity, lang: Lang, chosen: &str) -> Vec<Choice> {
    let tr = lang.tr();
    let (charter, groups) = state.app.schedulable(&identity.person);
    let mut kinds = Vec::new();
    if charter {
        kinds.push(Choice {
            value: "charter".to_owned(),
            label: tr.t("meeting-kind-charter"),
            chosen: chosen == "charter",
        });
    }
    for group in state.app.groups() {
        if !groups.contains(&group.spec.id) {
            continue;
        }
        let (code, key) = if group.dialogue_platform {
            ("dialogue_platform", "meeting-kind-dialogue-platform")
        } else {
            ("working_group", "meeting-kind-working-group")
        };
        let value = format!("{code}:{}", group.spec.id);
        kinds.push(Choice {
            chosen: chosen == value,
            label: format!("{} — {}", tr.t(key), group_name(&group, lang)),
            value,
        });
    }
    kinds
}

/// `charter` or `{kind}:{group}` read back.
fn kind_and_group(value: &str) -> Result<(MeetingKind, Option<GroupId>), WebError> {
    let (kind, group) = match value.split_once(':') {
        Some((kind, group)) => (kind, Some(GroupId::new(group))),
        None => (value, None),
    };
    let kind = kind_of(kind)
        .ok_or_else(|| WebError::bad_request("invalid", format!("kind: {value:?} is unknown")))?;
    Ok((kind, group))
}

fn agenda_fields(
    suggestions: &[Suggestion],
    typed: &Typed,
    tr: Tr,
    lang: Lang,
) -> Vec<AgendaField> {
    // Freshly proposed items are kept; after that, as the person ticked.
    let fresh = typed.value("step") != "schedule";
    let mut rows: Vec<AgendaField> = suggestions
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let mut title = TextsField::new(format!("agenda-{n}-title"), typed);
            let reason = reason_label(s.reason, tr);
            if title.values.iter().all(|(_, v)| v.is_empty()) {
                let text = match s.due {
                    Some(due) => format!("{reason}: {} ({due})", s.subject),
                    None => format!("{reason}: {}", s.subject),
                };
                for (language, value) in &mut title.values {
                    if *language == lang.code() {
                        value.clone_from(&text);
                    }
                }
            }
            AgendaField {
                n,
                reason,
                keep: fresh || typed.has(&format!("agenda-{n}-keep"), "yes"),
                title,
                provisions: joined(&s.provisions),
                projects: joined(&s.projects),
                milestones: joined(&s.milestones),
            }
        })
        .collect();
    let first = rows.len();
    for n in first..first + BLANK_AGENDA_ROWS {
        rows.push(AgendaField {
            n,
            reason: String::new(),
            keep: typed.has(&format!("agenda-{n}-keep"), "yes"),
            title: TextsField::new(format!("agenda-{n}-title"), typed),
            provisions: typed.value(&format!("agenda-{n}-provisions")).to_owned(),
            projects: typed.value(&format!("agenda-{n}-projects")).to_owned(),
            milestones: typed.value(&format!("agenda-{n}-milestones")).to_owned(),
        });
    }
    rows
}

#[derive(Debug, Deserialize)]
pub struct NewMeetingQuery {
    pub kind: Option<String>,
    pub date: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn new_meeting_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    csrf: String,
    identity: &Identity,
    typed: &Typed,
    refusal: Option<Refusal>,
) -> Result<Response, WebError> {
    let tr = lang.tr();
    let viewer = Viewer::Person(identity.person.clone());
    let kind = typed.value("kind");
    let date = typed.value("date");
    // The agenda the state proposes, once the kind and the date are known.
    let suggestions = match (kind_and_group(kind), date.parse()) {
        (Ok((kind, group)), Ok(date)) => state
            .app
            .suggest_agenda(&viewer, kind, group, date, state.today())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(render(&NewMeetingPage {
        page: Layout::new(lang, uri, tr.t("meeting-new-title"), Section::Meetings),
        csrf,
        kinds: kind_choices(state, identity, lang, kind),
        date: date.to_owned(),
        place: typed.value("place").to_owned(),
        title: TextsField::new("title", typed),
        people: people_choices(state, &viewer, &typed.values("participant")),
        agenda: agenda_fields(&suggestions, typed, tr, lang),
        refusal,
    })?
    .into_response())
}

/// `GET /meetings/new`: the form; with `?kind=…&date=…`, the agenda the
/// state proposes for it.
pub async fn new_page(
    State(state): State<AppState>,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Query(query): Query<NewMeetingQuery>,
) -> Result<Response, WebError> {
    let typed = Typed(
        [("kind", query.kind), ("date", query.date)]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
            .collect(),
    );
    new_meeting_page(&state, lang, &uri, csrf, &identity, &typed, None)
}

fn meeting_from(typed: &Typed) -> Result<NewMeeting, WebError> {
    let (kind, group) = kind_and_group(typed.value("kind"))?;
    let mut agenda = Vec::new();
    for n in 0.. {
        let prefix = format!("agenda-{n}");
        if !typed
            .0
            .iter()
            .any(|(k, _)| k.starts_with(&format!("{prefix}-")))
        {
            break;
        }
        let title = typed.texts(&format!("{prefix}-title"));
        if !typed.has(&format!("{prefix}-keep"), "yes") || title.is_empty() {
            continue;
        }
        agenda.push(AgendaItem {
            title,
            provisions: typed.ids(&format!("{prefix}-provisions")),
            projects: typed.ids(&format!("{prefix}-projects")),
            milestones: typed.ids(&format!("{prefix}-milestones")),
        });
    }
    Ok(NewMeeting {
        kind,
        group,
        date: typed.date("date")?,
        place: typed.value("place").trim().to_owned(),
        title: typed.texts("title"),
        participants: typed
            .values("participant")
            .iter()
            .map(|p| PersonId::new(p.as_str()))
            .collect(),
        agenda,
    })
}

/// `POST /meetings/new`: schedules the meeting, or shows the form again.
pub async fn schedule(
    State(state): State<AppState>,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let typed = Typed(fields);
    // "Propose the agenda" only fills the form again with it.
    if typed.value("step") == "agenda" {
        return new_meeting_page(&state, lang, &uri, csrf, &identity, &typed, None);
    }
    let (now, actor) = ((state.clock)(), identity.actor());
    let outcome = match meeting_from(&typed) {
        Ok(meeting) => state
            .blocking(move |app| app.schedule_meeting(&actor, meeting, now))
            .await?
            .map_err(WebError::App),
        Err(e) => Err(e),
    };
    match outcome {
        Ok(done) => Ok(see_other(
            &format!("/meetings/{}?done=scheduled", done.id),
            Vec::new(),
        )),
        Err(error) => {
            let shown = refusal(error)?;
            new_meeting_page(&state, lang, &uri, csrf, &identity, &typed, Some(shown))
        }
    }
}

/// What the meeting page shows besides the forms' contents.
struct Shown {
    refused: &'static str,
    refusal: Option<Refusal>,
    done: String,
}

fn decision_fields(typed: &Typed, owners: &[Choice], tr: Tr) -> Vec<DecisionField> {
    (0..DECISION_ROWS)
        .map(|n| {
            let kind = typed.value(&format!("decision-{n}-kind"));
            let owner = typed.value(&format!("decision-{n}-owner"));
            DecisionField {
                n,
                kinds: ["information", "decision", "action"]
                    .into_iter()
                    .map(|k| Choice {
                        value: k.to_owned(),
                        label: tr.t(&format!("decision-kind-{k}")),
                        chosen: kind == k,
                    })
                    .collect(),
                text: TextsField::new(format!("decision-{n}-text"), typed),
                owners: owners
                    .iter()
                    .map(|c| Choice {
                        chosen: c.value == owner,
                        ..c.clone()
                    })
                    .collect(),
                due: typed.value(&format!("decision-{n}-due")).to_owned(),
                provisions: typed.value(&format!("decision-{n}-provisions")).to_owned(),
                projects: typed.value(&format!("decision-{n}-projects")).to_owned(),
            }
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn meeting_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    csrf: String,
    viewer: &Viewer,
    id: &str,
    typed: &Typed,
    shown: Shown,
) -> Result<Response, WebError> {
    let tr = lang.tr();
    let meeting_id = MeetingId::new(id);
    let view = state
        .app
        .meeting(viewer, &meeting_id)
        .ok_or_else(|| WebError::NotFound {
            what: "meeting",
            id: id.to_owned(),
        })?;
    let today = state.today();
    let acts = state.app.meeting_acts(viewer, &meeting_id, today);
    let names: std::collections::BTreeMap<String, String> = state
        .app
        .groups()
        .iter()
        .map(|g| (g.spec.id.to_string(), group_name(g, lang)))
        .collect();
    let name_of = |g: &str| names.get(g).cloned().unwrap_or_else(|| g.to_owned());
    let people = people_choices(state, viewer, &[]);
    let name_of_person = |p: &PersonId| {
        people
            .iter()
            .find(|c| c.value == p.as_str())
            .map_or_else(|| p.to_string(), |c| c.label.clone())
    };
    let actions = state
        .app
        .actions(viewer, today)
        .into_iter()
        .filter(|a| a.action.meeting == meeting_id)
        .map(|a| {
            let may_complete = matches!(viewer, Viewer::Person(p)
                if a.action.done.is_none()
                    && (a.action.decision.owner.as_ref() == Some(p) || acts.attach));
            ActionRow {
                id: a.action.id.to_string(),
                text: content(&a.action.decision.text, tr),
                owner: a.owner_name.clone().unwrap_or_default(),
                due: a
                    .action
                    .decision
                    .due
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                done: a.action.done.as_ref().map(|(on, _, note)| {
                    if note.is_empty() {
                        tr.t1("action-done-on", "date", on.to_string())
                    } else {
                        format!(
                            "{} — {note}",
                            tr.t1("action-done-on", "date", on.to_string())
                        )
                    }
                }),
                overdue: a.days_overdue.map(|d| tr.t1("days", "count", d)),
                may_complete,
            }
        })
        .collect();
    let meeting = &view.meeting;
    let participants = meeting
        .spec
        .participants
        .iter()
        .map(|p| Choice {
            value: p.to_string(),
            label: name_of_person(p),
            chosen: typed.0.is_empty() || typed.has("attendee", p.as_str()),
        })
        .collect();
    render(&MeetingPage {
        page: Layout::new(
            lang,
            uri,
            format!("{} · {}", tr.t("meeting-title"), meeting.spec.date),
            Section::Meetings,
        ),
        csrf,
        signed_in: matches!(viewer, Viewer::Person(_)),
        meeting: meeting_row(&view, tr, &name_of),
        title: content(&meeting.spec.title, tr),
        acts,
        cancelled: meeting.cancelled.as_ref().map(|(on, reason)| {
            format!(
                "{} {reason}",
                tr.t1("meeting-cancelled-on", "date", on.to_string())
            )
        }),
        rescheduled: meeting
            .rescheduled
            .iter()
            .map(|(from, reason)| {
                format!(
                    "{} {reason}",
                    tr.t1("meeting-moved-from", "date", from.to_string())
                )
            })
            .collect(),
        attendees: meeting.attendees.iter().map(name_of_person).collect(),
        documents: meeting
            .documents
            .iter()
            .map(|d| DocumentRow {
                name: d.name.clone(),
                href: format!("/api/v1/meetings/{id}/documents/{}", d.sha256),
                size: d.size,
            })
            .collect(),
        actions,
        today: today.to_string(),
        participants,
        minutes_text: TextsField::new("text", typed),
        decisions: decision_fields(typed, &people, tr),
        typed: typed.clone(),
        refused: shown.refused.to_owned(),
        refusal: shown.refusal,
        done: shown.done,
    })
    .map(IntoResponse::into_response)
}

/// `GET /meetings/{id}`.
pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
    Query(query): Query<DoneQuery>,
) -> Result<Response, WebError> {
    let tr = lang.tr();
    let done = query
        .done
        .filter(|d| {
            [
                "scheduled",
                "held",
                "rescheduled",
                "cancelled",
                "minutes",
                "action",
            ]
            .contains(&d.as_str())
        })
        .map(|d| tr.t(&format!("meeting-done-{d}")))
        .unwrap_or_default();
    let shown = Shown {
        refused: "",
        refusal: None,
        done,
    };
    meeting_page(
        &state,
        lang,
        &uri,
        csrf,
        &viewer,
        &id,
        &Typed::default(),
        shown,
    )
}

/// The act a meeting form asks for.
enum MeetingAct {
    Held,
    Reschedule,
    Cancel,
    Minutes,
}

async fn run_act(
    state: &AppState,
    identity: &Identity,
    id: &str,
    act: &MeetingAct,
    typed: &Typed,
) -> Result<(), WebError> {
    let (now, actor, meeting) = ((state.clock)(), identity.actor(), MeetingId::new(id));
    match act {
        MeetingAct::Held => {
            let on = typed.date("on")?;
            let attendees = typed
                .values("attendee")
                .iter()
                .map(|p| PersonId::new(p.as_str()))
                .collect();
            state
                .blocking(move |app| app.record_meeting_held(&actor, meeting, on, attendees, now))
                .await??;
        }
        MeetingAct::Reschedule => {
            let date = typed.date("date")?;
            let reason = typed.value("reason").trim().to_owned();
            state
                .blocking(move |app| app.reschedule_meeting(&actor, meeting, date, reason, now))
                .await??;
        }
        MeetingAct::Cancel => {
            let reason = typed.value("reason").trim().to_owned();
            state
                .blocking(move |app| app.cancel_meeting(&actor, meeting, reason, now))
                .await??;
        }
        MeetingAct::Minutes => {
            let text = typed.texts("text");
            let decisions = decisions_from(typed)?;
            state
                .blocking(move |app| app.propose_minutes(&actor, meeting, text, decisions, now))
                .await??;
        }
    }
    Ok(())
}

fn decisions_from(typed: &Typed) -> Result<Vec<Decision>, WebError> {
    let mut decisions = Vec::new();
    for n in 0..DECISION_ROWS {
        let text = typed.texts(&format!("decision-{n}-text"));
        if text.is_empty() {
            continue;
        }
        let kind = match typed.value(&format!("decision-{n}-kind")) {
            "action" => DecisionKind::Action,
            "decision" => DecisionKind::Decision,
            _ => DecisionKind::Information,
        };
        let owner = typed.value(&format!("decision-{n}-owner")).trim();
        let due = typed.value(&format!("decision-{n}-due")).trim();
        decisions.push(Decision {
            kind,
            text,
            owner: (!owner.is_empty()).then(|| PersonId::new(owner)),
            due: if due.is_empty() {
                None
            } else {
                Some(typed.date(&format!("decision-{n}-due"))?)
            },
            provisions: typed.ids(&format!("decision-{n}-provisions")),
            projects: typed.ids(&format!("decision-{n}-projects")),
        });
    }
    Ok(decisions)
}

#[allow(clippy::too_many_arguments)]
async fn act_then_show(
    state: AppState,
    lang: Lang,
    uri: Uri,
    csrf: String,
    identity: Identity,
    id: String,
    act: MeetingAct,
    fields: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let typed = Typed(fields);
    let (form, done) = match act {
        MeetingAct::Held => ("held", "held"),
        MeetingAct::Reschedule => ("reschedule", "rescheduled"),
        MeetingAct::Cancel => ("reschedule", "cancelled"),
        MeetingAct::Minutes => ("minutes", "minutes"),
    };
    match run_act(&state, &identity, &id, &act, &typed).await {
        Ok(()) if matches!(act, MeetingAct::Minutes) => {
            Ok(see_other("/approvals?done=proposed", Vec::new()))
        }
        Ok(()) => Ok(see_other(
            &format!("/meetings/{id}?done={done}"),
            Vec::new(),
        )),
        Err(error) => {
            let shown = Shown {
                refused: form,
                refusal: Some(refusal(error)?),
                done: String::new(),
            };
            let viewer = Viewer::Person(identity.person);
            meeting_page(&state, lang, &uri, csrf, &viewer, &id, &typed, shown)
        }
    }
}

macro_rules! meeting_form {
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

meeting_form!(held, MeetingAct::Held, "`POST /meetings/{id}/held`.");
meeting_form!(
    reschedule,
    MeetingAct::Reschedule,
    "`POST /meetings/{id}/reschedule`."
);
meeting_form!(cancel, MeetingAct::Cancel, "`POST /meetings/{id}/cancel`.");
meeting_form!(
    minutes,
    MeetingAct::Minutes,
    "`POST /meetings/{id}/minutes`."
);

/// `POST /actions/{id}/done`: the action's owner (or whoever runs its
/// meeting) marks it done, then sees its meeting again.
pub async fn action_done(
    State(state): State<AppState>,
    lang: Lang,
    OriginalUri(uri): OriginalUri,
    CsrfToken(csrf): CsrfToken,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let typed = Typed(fields);
    let action = ActionId::new(&id);
    let meeting = state
        .app
        .actions(&Viewer::Person(identity.person.clone()), state.today())
        .into_iter()
        .find(|a| a.action.id == action)
        .map(|a| a.action.meeting.to_string())
        .ok_or_else(|| WebError::NotFound {
            what: "action",
            id: id.clone(),
        })?;
    let (now, actor) = ((state.clock)(), identity.actor());
    let note = typed.value("note").trim().to_owned();
    let outcome = state
        .blocking(move |app| app.complete_action(&actor, action, note, now))
        .await?;
    match outcome {
        Ok(_) => Ok(see_other(
            &format!("/meetings/{meeting}?done=action#actions"),
            Vec::new(),
        )),
        Err(error) => {
            let shown = Shown {
                refused: "actions",
                refusal: Some(refusal(WebError::App(error))?),
                done: String::new(),
            };
            let viewer = Viewer::Person(identity.person);
            meeting_page(&state, lang, &uri, csrf, &viewer, &meeting, &typed, shown)
        }
    }
}

/// `POST /meetings/{id}/documents`: a file attached from the meeting's page
/// (a multipart form whose first field is its CSRF token); then the
/// meeting again, or the refusal's page.
pub async fn attach_document(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(id): Path<String>,
    headers: axum::http::HeaderMap,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, WebError> {
    let to = accord_app::documents::AttachedTo::Meeting(MeetingId::new(id.clone()));
    match crate::api::documents::attach(&state, &identity, to, &headers, multipart).await? {
        Ok(_) => Ok(see_other(
            &format!("/meetings/{id}?done=document#documents"),
            Vec::new(),
        )),
        Err(refusal) => Ok(refusal),
    }
}
