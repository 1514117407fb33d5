//! The CSRF token of a multipart form, such as a page's file upload, which
//! cannot carry a header without a script. The page's form puts its `csrf`
//! field first; only the body's first bytes are read, up to the end of that
//! field, and then handed on, followed by the rest of the stream untouched,
//! so that a large file is never buffered here.

use axum::body::{Body, Bytes};
use futures_util::StreamExt as _;

/// How far into the body the `csrf` field must end.
const SCAN_BYTES: usize = 8 << 10;

/// The multipart boundary of a `multipart/form-data` content type.
pub fn boundary(content_type: &str) -> Option<&str> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (name, value) = p.trim().split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"'))
            .filter(|b| !b.is_empty())
    })
}

/// The value of the body's first part when that part is the field `name`;
/// `None` while more bytes are needed, `Some(None)` when it is not there.
fn first_field(prefix: &[u8], boundary: &str, name: &str) -> Option<Option<String>> {
    let opening = format!("--{boundary}\r\n");
    if prefix.len() < opening.len() {
        return None;
    }
    if !prefix.starts_with(opening.as_bytes()) {
        return Some(None);
    }
    let rest = &prefix[opening.len()..];
    let Some(head_end) = find(rest, b"\r\n\r\n") else {
        return if rest.len() < SCAN_BYTES {
            None
        } else {
            Some(None)
        };
    };
    let head = String::from_utf8_lossy(&rest[..head_end]).to_ascii_lowercase();
    let wanted = format!("name=\"{name}\"");
    if !head
        .lines()
        .any(|l| l.starts_with("content-disposition: form-data;") && l.contains(&wanted))
    {
        return Some(None);
    }
    let value = &rest[head_end + 4..];
    let closing = format!("\r\n--{boundary}");
    let end = find(value, closing.as_bytes())?;
    Some(std::str::from_utf8(&value[..end]).ok().map(str::to_owned))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The `csrf` field of a multipart body, and the body to hand on.
pub async fn csrf_field(body: Body, boundary: &str) -> (Option<String>, Body) {
    let mut stream = body.into_data_stream();
    let mut prefix: Vec<u8> = Vec::new();
    let found = loop {
        if let Some(answer) = first_field(&prefix, boundary, super::CSRF_FIELD) {
            break answer;
        }
        if prefix.len() >= SCAN_BYTES {
            break None;
        }
        match stream.next().await {
            Some(Ok(chunk)) => prefix.extend_from_slice(&chunk),
            _ => break None,
        }
    };
    let head =
        futures_util::stream::once(async move { Ok::<Bytes, axum::Error>(Bytes::from(prefix)) });
    (found, Body::from_stream(head.chain(stream)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(fields: &[(&str, &str)]) -> Vec<u8> {
        let mut body = String::new();
        for (name, value) in fields {
            body.push_str(&format!(
                "--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        body.push_str("--XyZ--\r\n");
        body.into_bytes()
    }

    #[test]
    fn the_boundary_is_read_from_the_content_type() {
        assert_eq!(boundary("multipart/form-data; boundary=XyZ"), Some("XyZ"));
        assert_eq!(
            boundary("multipart/form-data; boundary=\"a b\""),
            Some("a b")
        );
        assert_eq!(boundary("application/json"), None);
    }

    #[tokio::test]
    async fn the_first_field_gives_the_token_and_the_body_is_handed_on_whole() {
        let bytes = form(&[("csrf", "tok-123"), ("file", "PDF bytes")]);
        let (token, body) = csrf_field(Body::from(bytes.clone()), "XyZ").await;
        assert_eq!(token.as_deref(), Some("tok-123"));
        let back = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        assert_eq!(back.as_ref(), bytes.as_slice());
    }

    #[tokio::test]
    async fn a_token_that_is_not_the_first_field_is_not_taken() {
        let bytes = form(&[("file", "x"), ("csrf", "tok")]);
        let (token, _) = csrf_field(Body::from(bytes), "XyZ").await;
        assert_eq!(token, None);
        let (token, _) = csrf_field(Body::from("garbage".to_owned()), "XyZ").await;
        assert_eq!(token, None);
    }
}
