//! Downloads of every export, and the per-person calendar feed.
//!
//! - `GET /exports/{format}`: what the logged-in person may see (the public
//!   is sent to log in);
//! - `GET /public/exports/{format}`: what the public may see, for anyone;
//! - `GET /calendar/{token}.ics`: the iCalendar feed of the person whose
//!   calendar token it is (see `pages::calendar`). A revoked or unknown
//!   token answers exactly as an address that does not exist.
//!
//! The formats: `akn`, `iati`, `ics`, `csv-projects`, `csv-milestones`,
//! `csv-measurements`, `popolo`, `json`; any other is the usual 404. An
//! export runs on a blocking thread into an unnamed temporary file: it
//! holds the state's read lock only there, never across an await, and
//! never while a slow client reads. The file is then streamed, so a
//! download of 100,000 projects holds a few buffers in memory, not the
//! whole document.

use std::io::{BufWriter, Seek as _, SeekFrom};
use std::sync::Arc;

use accord_app::AppError;
use accord_domain::ids::PersonId;
use accord_domain::rules::StatusError;
use accord_domain::visibility::Viewer;
use accord_export::{ExportError, ExportScope};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use tokio_util::io::ReaderStream;

use crate::auth::{Auth, SignedIn};
use crate::lang::Tr;
use crate::{AppState, WebError};

/// An export the web offers for download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Akn,
    Iati,
    Ics,
    CsvProjects,
    CsvMilestones,
    CsvMeasurements,
    Popolo,
    Json,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Akn,
        Format::Iati,
        Format::Ics,
        Format::CsvProjects,
        Format::CsvMilestones,
        Format::CsvMeasurements,
        Format::Popolo,
        Format::Json,
    ];

    /// The format's name in the download's address.
    pub fn name(self) -> &'static str {
        match self {
            Format::Akn => "akn",
            Format::Iati => "iati",
            Format::Ics => "ics",
            Format::CsvProjects => "csv-projects",
            Format::CsvMilestones => "csv-milestones",
            Format::CsvMeasurements => "csv-measurements",
            Format::Popolo => "popolo",
            Format::Json => "json",
        }
    }

    /// The format named `name`, if there is one.
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Akn | Format::Iati => "application/xml; charset=utf-8",
            Format::Ics => "text/calendar; charset=utf-8",
            Format::CsvProjects | Format::CsvMilestones | Format::CsvMeasurements => {
                "text/csv; charset=utf-8"
            }
            Format::Popolo | Format::Json => "application/json",
        }
    }

    /// The file name a browser saves it under.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Akn => "charter.akn.xml",
            Format::Iati => "iati-activities.xml",
            Format::Ics => "calendar.ics",
            Format::CsvProjects => "projects.csv",
            Format::CsvMilestones => "milestones.csv",
            Format::CsvMeasurements => "measurements.csv",
            Format::Popolo => "popolo.json",
            Format::Json => "record.json",
        }
    }

    /// The link's words, in the page's language.
    pub fn label(self, tr: Tr) -> String {
        tr.t(&format!("download-{}", self.name()))
    }

    fn write(
        self,
        scope: &ExportScope<'_>,
        out: &mut dyn std::io::Write,
    ) -> Result<(), ExportError> {
        match self {
            Format::Akn => accord_export::akn::write(scope, None, out),
            Format::Iati => accord_export::iati::write(scope, out),
            Format::Ics => accord_export::ics::write(scope, out),
            Format::CsvProjects => accord_export::table::write_projects(scope, out),
            Format::CsvMilestones => accord_export::table::write_milestones(scope, out),
            Format::CsvMeasurements => accord_export::table::write_measurements(scope, out),
            Format::Popolo => accord_export::popolo::write(scope, out),
            Format::Json => accord_export::json::write(scope, out),
        }
    }
}

/// A download link: where, and its words.
#[derive(Debug, Clone)]
pub struct DownloadLink {
    pub href: String,
    pub label: String,
}

/// The links to `formats`: a person's own exports when `signed_in`, the
/// public's otherwise.
pub fn links(signed_in: bool, formats: &[Format], tr: Tr) -> Vec<DownloadLink> {
    let base = if signed_in {
        "/exports"
    } else {
        "/public/exports"
    };
    formats
        .iter()
        .map(|f| DownloadLink {
            href: format!("{base}/{}", f.name()),
            label: f.label(tr),
        })
        .collect()
}

fn unknown_format(name: &str) -> WebError {
    WebError::NotFound {
        what: "export format",
        id: name.to_owned(),
    }
}

/// An export written out, ready to stream: the file (rewound) and its size.
#[derive(Debug)]
struct Written {
    file: std::fs::File,
    length: u64,
}

/// Runs the export of `format` for `viewer` on a blocking thread, into an
/// unnamed temporary file (removed by the system when closed).
async fn export(state: &AppState, viewer: Viewer, format: Format) -> Result<Written, WebError> {
    let app = Arc::clone(&state.app);
    let generated_at = (state.clock)();
    let io_failed = move |e: std::io::Error| {
        WebError::Internal(format!(
            "the {} export could not be written: {e}",
            format.name()
        ))
    };
    let written = tokio::task::spawn_blocking(move || -> Result<Written, WebError> {
        let file = tempfile::tempfile().map_err(io_failed)?;
        let mut out = BufWriter::with_capacity(1 << 16, file);
        app.export(&viewer, generated_at, |scope| format.write(scope, &mut out))
            .map_err(|e| match e {
                ExportError::NoCharter => {
                    WebError::App(AppError::Status(StatusError::NotInitialised))
                }
                // What the record holds cannot be said in this standard (no
                // working group for IATI, a provision id with no Akoma Ntoso
                // eId): explained with a stable code, not a server error.
                ExportError::Invalid(why) | ExportError::UnknownLanguage(why, _) => {
                    WebError::BadRequest {
                        code: "cannot_export",
                        message: format!("the {} export cannot be made: {why}", format.name()),
                    }
                }
                ExportError::Io(e) => WebError::Internal(format!(
                    "the {} export could not be written: {e}",
                    format.name()
                )),
            })?;
        let mut file = out.into_inner().map_err(|e| io_failed(e.into_error()))?;
        let length = file.stream_position().map_err(io_failed)?;
        file.seek(SeekFrom::Start(0)).map_err(io_failed)?;
        Ok(Written { file, length })
    });
    written
        .await
        .map_err(|e| WebError::Internal(format!("the export task failed: {e}")))?
}

/// The answer that streams `written`, with the export's type.
fn streamed(format: Format, written: Written) -> Response {
    let stream = ReaderStream::new(tokio::fs::File::from_std(written.file));
    let mut response = Body::from_stream(stream).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    headers.insert(CONTENT_LENGTH, HeaderValue::from(written.length));
    response
}

/// The answer that makes a browser save `written`.
fn attachment(format: Format, written: Written, cache: &'static str) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", format.file_name());
    let mut response = streamed(format, written);
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    response
}

/// `GET /exports/{format}`: what the person logged in may see.
pub async fn download(
    State(state): State<AppState>,
    SignedIn(identity): SignedIn,
    Path(name): Path<String>,
) -> Result<Response, WebError> {
    let format = Format::parse(&name).ok_or_else(|| unknown_format(&name))?;
    let written = export(&state, Viewer::Person(identity.person), format).await?;
    Ok(attachment(format, written, "private, no-store"))
}

/// `GET /public/exports/{format}`: what the public may see.
pub async fn public_download(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, WebError> {
    let format = Format::parse(&name).ok_or_else(|| unknown_format(&name))?;
    let written = export(&state, Viewer::Public, format).await?;
    Ok(attachment(format, written, "no-cache"))
}

/// `GET /calendar/{token}.ics`: the calendar of the token's person.
pub async fn feed(
    State(state): State<AppState>,
    auth: Auth,
    Path(file): Path<String>,
) -> Result<Response, WebError> {
    let not_found = || WebError::NotFound {
        what: "calendar",
        id: "feed".to_owned(),
    };
    let token = file.strip_suffix(".ics").ok_or_else(not_found)?.to_owned();
    if token.is_empty() {
        return Err(not_found());
    }
    let person = match auth.call(move |a, _| a.calendar_token(&token)).await {
        Ok(Some(person)) => person,
        Ok(None) => return Err(not_found()),
        Err(WebError::BadRequest { .. }) => return Err(not_found()),
        Err(e) => return Err(e),
    };
    let written = export(&state, Viewer::Person(PersonId::new(person)), Format::Ics).await?;
    let mut response = streamed(Format::Ics, written);
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_found_by_its_name_and_only_then() {
        for format in Format::ALL {
            assert_eq!(Format::parse(format.name()), Some(format));
        }
        assert_eq!(Format::parse("pdf"), None);
        assert_eq!(Format::parse("ICS"), None);
    }

    #[test]
    fn a_person_gets_their_own_links_and_the_public_the_public_ones() {
        let tr = crate::lang::Lang::En.tr();
        let person = links(true, &[Format::Json], tr);
        assert_eq!(person[0].href, "/exports/json");
        assert_eq!(person[0].label, "Everything you may see (JSON)");
        let public = links(false, &[Format::Json, Format::Ics], tr);
        assert_eq!(public[1].href, "/public/exports/ics");
    }
}
