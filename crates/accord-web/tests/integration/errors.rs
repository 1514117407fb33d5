//! Errors: a page or a JSON body with a stable code, never a stack trace.

use crate::support::{Instance, send};

#[tokio::test]
async fn an_unknown_page_is_a_404_page_in_the_users_language() {
    let router = Instance::new().router();
    let page = send(&router, "GET", "/nowhere", &[("accept-language", "en")]).await;
    assert_eq!(page.status, 404);
    assert_eq!(page.html_lang(), "en");
    assert!(page.body.contains("<h1>Page not found</h1>"));
    assert!(
        page.body
            .contains("<code class=\"error-code\">not_found</code>")
    );
    let az = send(&router, "GET", "/nowhere?lang=az", &[]).await;
    assert!(az.body.contains("<h1>Səhifə tapılmadı</h1>"));
}

#[tokio::test]
async fn an_unknown_api_route_is_a_json_404() {
    let router = Instance::new().router();
    let answer = send(&router, "GET", "/api/v1/nowhere", &[]).await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.header("content-type"), "application/json");
    assert_eq!(answer.json()["error"]["code"], "not_found");
    assert!(answer.json()["error"]["message"].is_string());
}

#[tokio::test]
async fn axums_own_rejections_get_a_code_too() {
    let router = Instance::new().router();
    let page = send(&router, "POST", "/charter", &[]).await;
    assert_eq!(page.status, 405);
    assert!(page.header("allow").contains("GET"), "{:?}", page.headers);
    assert!(
        page.body
            .contains("<code class=\"error-code\">method_not_allowed</code>")
    );
    let api = send(&router, "DELETE", "/api/v1/status", &[]).await;
    assert_eq!(api.status, 405);
    assert_eq!(api.json()["error"]["code"], "method_not_allowed");
    let bad_query = send(&router, "GET", "/api/v1/status?as_of=%FF%FE", &[]).await;
    assert_eq!(bad_query.status, 400);
    assert!(bad_query.json()["error"]["code"].is_string());
}

#[tokio::test]
async fn no_error_shows_a_stack_trace() {
    let router = Instance::new().router();
    for path in [
        "/nowhere",
        "/api/v1/nowhere",
        "/?as_of=x",
        "/api/v1/status?as_of=x",
        "/groups/x",
    ] {
        let answer = send(&router, "GET", path, &[]).await;
        for leak in ["panicked", "RUST_BACKTRACE", "src/", ".rs:"] {
            assert!(!answer.body.contains(leak), "{path} leaks {leak:?}");
        }
    }
}
