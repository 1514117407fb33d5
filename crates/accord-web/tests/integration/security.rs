//! The security headers, on every kind of response.

use crate::support::{Instance, send};

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let router = Instance::new().router();
    for (method, path) in [
        ("GET", "/"),
        ("GET", "/charter"),
        ("GET", "/public?lang=az"),
        ("GET", "/api/v1/status"),
        ("GET", "/api/openapi.json"),
        ("GET", "/api/docs"),
        ("GET", "/static/style.css"),
        ("GET", "/no-such-page"),
        ("GET", "/api/v1/no-such-thing"),
        ("POST", "/"),
        ("GET", "/?as_of=never"),
    ] {
        let answer = send(&router, method, path, &[]).await;
        let csp = answer.header("content-security-policy");
        assert!(
            csp.contains("frame-ancestors 'none'"),
            "{method} {path}: {csp:?}"
        );
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{csp}"
        );
        assert_eq!(answer.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(answer.header("referrer-policy"), "same-origin", "{path}");
        assert_eq!(answer.header("x-frame-options"), "DENY", "{path}");
    }
}

#[tokio::test]
async fn pages_run_no_inline_script_or_style() {
    let with_htmx = |path: &str| matches!(path, "/" | "/groups/energy");
    let router = Instance::new().router();
    for path in [
        "/",
        "/charter",
        "/groups/energy",
        "/public",
        "/api/docs",
        "/nope",
    ] {
        let page = send(&router, "GET", path, &[]).await;
        // Scripts come from the application's own files (htmx), never inline.
        for (at, _) in page.body.match_indices("<script") {
            assert!(
                page.body[at..].starts_with(r#"<script src="/static/htmx.min.js" defer></script>"#),
                "{path}: {}",
                &page.body[at..page.body.len().min(at + 80)]
            );
        }
        assert!(!page.body.contains("style="), "{path}");
        assert!(!page.body.contains("<style"), "{path}");
        assert_eq!(page.body.contains("<script"), with_htmx(path), "{path}");
    }
}
