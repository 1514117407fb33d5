//! The cookies accounts use, read and written by hand (two names, no
//! options to negotiate): the session's token, and before a session a
//! random value that login and setup forms repeat (double-submit CSRF).

use axum::http::header::COOKIE;
use axum::http::{HeaderMap, HeaderValue};

/// The session cookie: the token whose hash the accounts store keeps.
pub const SESSION: &str = "accord_session";
/// The CSRF cookie of a visitor without a session.
pub const PRE_SESSION_CSRF: &str = "accord_csrf";

/// The value of the cookie `name`, if the request carries it.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

/// A `Set-Cookie` value: `HttpOnly`, `SameSite=Strict`, path `/`, and
/// `Secure` when the request came over TLS. `max_age` none is a cookie for
/// the browser's session; zero deletes it.
pub fn set(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> Option<HeaderValue> {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).ok()
}

/// Whether the request came over TLS: directly, or through a proxy that
/// says so (`X-Forwarded-Proto: https`).
pub fn over_tls(headers: &HeaderMap, scheme: Option<&str>) -> bool {
    scheme == Some("https")
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(',')
                    .next()
                    .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_cookie_among_several() {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_static("lang=en; accord_session=abc"),
        );
        assert_eq!(read(&headers, SESSION).as_deref(), Some("abc"));
        assert_eq!(read(&headers, PRE_SESSION_CSRF), None);
    }

    #[test]
    fn cookies_are_http_only_strict_and_secure_over_tls() {
        let plain = set(SESSION, "t", None, false).unwrap();
        assert_eq!(plain, "accord_session=t; Path=/; HttpOnly; SameSite=Strict");
        let tls = set(SESSION, "t", Some(0), true).unwrap();
        assert_eq!(
            tls,
            "accord_session=t; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure"
        );
        let mut headers = HeaderMap::new();
        assert!(!over_tls(&headers, None));
        headers.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert!(over_tls(&headers, None));
    }
}
