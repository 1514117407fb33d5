//! Documents attached to meetings (signed minutes, presentations) and to
//! projects (studies, site reports): the operator's policy on what may be
//! attached, attaching one (its bytes kept in the `DocumentStore`, its hash
//! recorded in the log), and reading one back for a viewer who sees the
//! meeting in full, or the project.
//!
//! The bytes are stored before the command is recorded: a crash between
//! the two, or a refusal after, leaves bytes no entry names, which is
//! harmless (they are content-addressed, and served only through an entry).

use accord_domain::command::{Actor, Command, Context};
use accord_domain::decide::{DomainError, MAX_DOCUMENT_BYTES, decide};
use accord_domain::ids::{MeetingId, ProjectId};
use accord_domain::model::DocumentRef;
use accord_domain::state::State;
use accord_domain::visibility::{Viewer, can_see_meeting_in_full, can_see_project};
use accord_store::EventStore;
use accord_store::documents::{DocumentError, DocumentStore, is_sha256, sha256_hex};
use jiff::Timestamp;

use crate::{App, AppError, utc_date};

/// The default largest document: 25 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 25 << 20;

/// The media types attached by default: PDF, PNG and JPEG images, plain
/// text and CSV, and the office formats (OOXML and OpenDocument) for
/// documents, spreadsheets and presentations.
pub const DEFAULT_TYPES: [&str; 11] = [
    "application/pdf",
    "image/png",
    "image/jpeg",
    "text/plain",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
];

/// What the operator lets people attach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentPolicy {
    /// The largest document, in bytes.
    pub max_bytes: u64,
    /// The media types allowed (lowercase, without parameters).
    pub allowed_types: Vec<String>,
}

impl Default for DocumentPolicy {
    fn default() -> DocumentPolicy {
        DocumentPolicy {
            max_bytes: DEFAULT_MAX_BYTES,
            allowed_types: DEFAULT_TYPES.iter().map(|t| (*t).to_owned()).collect(),
        }
    }
}

impl DocumentPolicy {
    /// Whether `media_type` (as `media_type()` normalises it) is allowed.
    pub fn allows(&self, media_type: &str) -> bool {
        self.allowed_types.iter().any(|t| t == media_type)
    }

    /// Refuses a document of `size` bytes and type `media_type` that the
    /// policy does not allow, as the refusal of the field `file`.
    pub fn check(&self, size: u64, media_type: &str) -> Result<(), DomainError> {
        let max = self.max_bytes.min(MAX_DOCUMENT_BYTES);
        if size == 0 {
            return Err(file_refused("the file is empty".into()));
        }
        if size > max {
            return Err(file_refused(format!(
                "the file has {size} bytes; this instance takes at most {max}"
            )));
        }
        self.check_type(media_type)
    }

    /// Refuses a media type the policy does not allow, as the refusal of
    /// the field `file`.
    pub fn check_type(&self, media_type: &str) -> Result<(), DomainError> {
        if self.allows(media_type) {
            Ok(())
        } else {
            Err(file_refused(format!(
                "{media_type:?} is not a type this instance takes ({})",
                self.allowed_types.join(", ")
            )))
        }
    }
}

fn file_refused(reason: String) -> DomainError {
    DomainError::Invalid {
        field: "file",
        reason,
    }
}

/// A media type as the record keeps it: lowercase, without parameters
/// (`Text/Plain; charset=utf-8` is `text/plain`).
pub fn media_type(given: &str) -> String {
    given
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// A file name without any folder part (`C:\minutes\a.pdf` and
/// `../../a.pdf` are `a.pdf`), trimmed; the rules refuse what remains if
/// it is not a plain name.
pub fn base_name(given: &str) -> &str {
    given.rsplit(['/', '\\']).next().unwrap_or_default().trim()
}

/// The media type a file name's extension suggests, for the types this
/// module knows (a sender that names none, or only
/// `application/octet-stream`).
pub fn guess_media_type(name: &str) -> Option<&'static str> {
    let (_, extension) = name.rsplit_once('.')?;
    Some(match extension.to_ascii_lowercase().as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "txt" | "text" => "text/plain",
        "csv" => "text/csv",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        _ => return None,
    })
}

/// What a document is attached to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttachedTo {
    Meeting(MeetingId),
    Project(ProjectId),
}

impl AttachedTo {
    /// The command that records `document` attached to it.
    fn command(&self, document: DocumentRef) -> Command {
        match self {
            AttachedTo::Meeting(meeting) => Command::AttachDocument {
                meeting: meeting.clone(),
                document,
            },
            AttachedTo::Project(project) => Command::AttachProjectDocument {
                project: project.clone(),
                document,
            },
        }
    }

    /// A project `actor` may not see is answered as one that does not
    /// exist, whatever is asked of it.
    fn check_visible(&self, state: &State, actor: &Actor) -> Result<(), DomainError> {
        match (self, actor) {
            (AttachedTo::Project(project), Actor::Person(person))
                if !state.projects.get(project).is_some_and(|p| {
                    can_see_project(state, &Viewer::Person(person.clone()), p)
                }) =>
            {
                Err(DomainError::NotFound {
                    what: "project",
                    id: project.to_string(),
                })
            }
            _ => Ok(()),
        }
    }

    /// Its documents, when `viewer` may have them (sees the meeting in
    /// full, or the project); `None` when it does not exist or is hidden.
    fn documents<'s>(&self, state: &'s State, viewer: &Viewer) -> Option<&'s [DocumentRef]> {
        match self {
            AttachedTo::Meeting(meeting) => state
                .meetings
                .get(meeting)
                .filter(|m| can_see_meeting_in_full(state, viewer, m))
                .map(|m| m.documents.as_slice()),
            AttachedTo::Project(project) => state
                .projects
                .get(project)
                .filter(|p| can_see_project(state, viewer, p))
                .map(|p| p.documents.as_slice()),
        }
    }
}

/// A document attached: its hash and size, and the log index of the entry
/// that records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    pub sha256: String,
    pub size: u64,
    pub log_index: u64,
    /// The name and type as recorded.
    pub name: String,
    pub media_type: String,
}

impl<S: EventStore> App<S> {
    /// Attaches `bytes` to a meeting or a project as the document `name` of type
    /// `media_type`: refused unless `policy` allows its size and type and
    /// the rules let `actor` attach it; else its bytes are stored and the
    /// attachment recorded. A refusal stores nothing.
    #[allow(clippy::too_many_arguments)]
    pub fn attach_document(
        &self,
        actor: &Actor,
        to: &AttachedTo,
        name: &str,
        media_type: &str,
        bytes: &[u8],
        store: &DocumentStore,
        policy: &DocumentPolicy,
        now: Timestamp,
    ) -> Result<Attached, AppError> {
        let media_type = self::media_type(media_type);
        let size = bytes.len() as u64;
        policy.check(size, &media_type)?;
        let document = DocumentRef {
            sha256: sha256_hex(bytes),
            size,
            name: base_name(name).to_owned(),
            media_type,
        };
        let command = to.command(document.clone());
        // Decided once before the bytes are stored, so that whoever may not
        // attach a document cannot fill the store; decided again when
        // recorded, against the state of that moment.
        let context = Context {
            actor: actor.clone(),
            today: utc_date(now),
        };
        self.read(|state| {
            to.check_visible(state, actor)?;
            decide(state, command.clone(), &context)
        })?;
        store.put(bytes)?;
        let receipt = self.execute(actor, command, now)?;
        Ok(Attached {
            sha256: document.sha256,
            size,
            log_index: receipt.first_index,
            name: document.name,
            media_type: document.media_type,
        })
    }

    /// The document `sha256` of a meeting or a project, when `viewer` may
    /// have its documents and it has this one; else `None`, whichever is
    /// missing.
    pub fn document(&self, viewer: &Viewer, of: &AttachedTo, sha256: &str) -> Option<DocumentRef> {
        if !is_sha256(sha256) {
            return None;
        }
        self.read(|state| {
            of.documents(state, viewer)?
                .iter()
                .find(|d| d.sha256 == sha256)
                .cloned()
        })
    }

    /// The document and its bytes, as `document` finds it for `viewer`,
    /// read from `store` and checked against the recorded hash: `Ok(None)`
    /// when the viewer may not have it, an error when the bytes are
    /// missing or do not match (they are never answered then).
    pub fn document_bytes(
        &self,
        viewer: &Viewer,
        of: &AttachedTo,
        sha256: &str,
        store: &DocumentStore,
    ) -> Result<Option<(DocumentRef, Vec<u8>)>, AppError> {
        let Some(document) = self.document(viewer, of, sha256) else {
            return Ok(None);
        };
        let bytes = store
            .get(&document.sha256)?
            .ok_or_else(|| DocumentError::Missing {
                sha256: document.sha256.clone(),
            })?;
        Ok(Some((document, bytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_folders_and_types_their_parameters() {
        assert_eq!(base_name("minutes.pdf"), "minutes.pdf");
        assert_eq!(base_name("../../etc/minutes.pdf"), "minutes.pdf");
        assert_eq!(base_name("C:\\Users\\az\\minutes.pdf"), "minutes.pdf");
        assert_eq!(base_name("folder/"), "");
        assert_eq!(media_type("Text/Plain; charset=UTF-8"), "text/plain");
        assert_eq!(media_type("application/pdf"), "application/pdf");
        assert_eq!(guess_media_type("Minutes.PDF"), Some("application/pdf"));
        assert_eq!(
            guess_media_type("budget.ods"),
            Some("application/vnd.oasis.opendocument.spreadsheet")
        );
        assert_eq!(guess_media_type("README"), None);
        assert_eq!(guess_media_type("page.html"), None);
    }

    #[test]
    fn the_policy_refuses_by_the_field_file() {
        let policy = DocumentPolicy {
            max_bytes: 10,
            ..DocumentPolicy::default()
        };
        assert!(policy.check(10, "application/pdf").is_ok());
        for (size, media) in [(11, "application/pdf"), (0, "text/plain"), (5, "text/html")] {
            assert!(matches!(
                policy.check(size, media),
                Err(DomainError::Invalid { field: "file", .. })
            ));
        }
        assert!(DocumentPolicy::default().allows("text/csv"));
        assert_eq!(DocumentPolicy::default().max_bytes, 25 * 1024 * 1024);
    }
}
