//! The line every page of a node shows under its header: that this is a
//! party's copy of the record, followed from the primary (where acts are
//! recorded), whether the primary answers, and any alarm.
//!
//! The node serves the web application's own pages; this layer adds the
//! line to each HTML answer (after the site's header, in the page's
//! language, read from its `<html lang>`), so that no page of the
//! application needs to know it runs on a node.

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

use crate::folder::NodeFolder;
use crate::follow::Follower;
use crate::status::halts;

/// The largest page the layer rewrites (larger ones pass untouched).
const MAX_PAGE_BYTES: usize = 16 << 20;

/// What the layer reads.
#[derive(Debug, Clone)]
pub struct Notice {
    /// The follower, for the primary's address and whether it answers.
    pub follower: Arc<Follower>,
    /// The node's folder, for its alarms.
    pub folder: NodeFolder,
}

/// Adds the notice to HTML answers.
pub async fn add_notice(State(notice): State<Notice>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PAGE_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(page) = std::str::from_utf8(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let Some(at) = page.find("</header>").map(|i| i + "</header>".len()) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let lang = page
        .split_once("<html lang=\"")
        .and_then(|(_, rest)| rest.get(..2))
        .unwrap_or("fr");
    let line = notice_html(&notice, lang);
    let mut out = String::with_capacity(page.len() + line.len());
    out.push_str(&page[..at]);
    out.push_str(&line);
    out.push_str(&page[at..]);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(out))
}

/// The notice as HTML, in `lang` (fr, en or az; French otherwise).
fn notice_html(notice: &Notice, lang: &str) -> String {
    let state = notice.follower.state();
    let alarms = notice.folder.alarms().unwrap_or_default();
    let primary = escape(&state.primary);
    let link = format!("<a href=\"{primary}\">{primary}</a>");
    let mut text = match lang {
        "en" => format!(
            "This is a party's own copy of the record, verified against every checkpoint of the primary at {link}, where acts are recorded."
        ),
        "az" => format!(
            "Bu, tərəfin qeydiyyatın öz nüsxəsidir: {link} ünvanındakı əsas qeydiyyatın hər yoxlama nöqtəsi ilə yoxlanılır; əməliyyatlar orada qeydə alınır."
        ),
        _ => format!(
            "Ceci est la copie du registre propre à une partie, vérifiée contre chaque point de contrôle du registre principal à {link}, où les actes s'enregistrent."
        ),
    };
    if !state.primary_reachable && state.last_contact.is_some() {
        let since = escape(state.last_contact.as_deref().unwrap_or_default());
        text.push(' ');
        text.push_str(&match lang {
            "en" => format!("The primary does not answer (last answer {since}): this copy shows what was verified until then."),
            "az" => format!("Əsas qeydiyyat cavab vermir (son cavab {since}): bu nüsxə o vaxta qədər yoxlanılanları göstərir."),
            _ => format!("Le registre principal ne répond pas (dernière réponse {since}) : cette copie montre ce qui a été vérifié jusque-là."),
        });
    }
    let alarm = if halts(&alarms) {
        let kinds: Vec<&str> = alarms.iter().map(|a| a.kind.as_str()).collect();
        let kinds = escape(&kinds.join(", "));
        Some(match lang {
            "en" => format!(
                "ALARM ({kinds}): the primary showed a history that does not extend the one this node verified; the node accepts nothing more from it. The evidence is in the node's data folder (accord node status)."
            ),
            "az" => format!(
                "HƏYƏCAN SİQNALI ({kinds}): əsas qeydiyyat bu düyünün yoxladığı tarixçənin davamı olmayan bir tarixçə göstərdi; düyün ondan daha heç nə qəbul etmir. Sübut düyünün məlumat qovluğundadır (accord node status)."
            ),
            _ => format!(
                "ALERTE ({kinds}) : le registre principal a montré un historique qui ne prolonge pas celui que ce nœud a vérifié ; le nœud n'en accepte plus rien. La preuve est dans le dossier de données du nœud (accord node status)."
            ),
        })
    } else {
        None
    };
    match alarm {
        Some(alarm) => format!(
            "\n<div class=\"node-notice node-alarm\" role=\"alert\"><p>{text}</p><p><strong>{alarm}</strong></p></div>\n"
        ),
        None => format!("\n<div class=\"node-notice\" role=\"status\"><p>{text}</p></div>\n"),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
