//! The headers every response carries.
//!
//! - `Content-Security-Policy`: only this origin's styles, images and
//!   scripts, no inline script or style, no plugins, no framing
//!   (`frame-ancestors 'none'`), forms post back here only.
//! - `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`,
//!   `X-Frame-Options: DENY` for older browsers, `Cross-Origin-Opener-Policy`.
//!
//! They are set unless a handler set them itself (`if_not_present`).

use axum::Router;
use axum::http::HeaderValue;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, HeaderName, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy: everything from this origin only, nothing inline.
pub const CONTENT_SECURITY_POLICY_VALUE: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const HEADERS: [(HeaderName, &str); 5] = [
    (CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_VALUE),
    (X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (REFERRER_POLICY, "same-origin"),
    (X_FRAME_OPTIONS, "DENY"),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    ),
];

/// `router` with the security headers on every response.
pub fn headers(mut router: Router) -> Router {
    for (name, value) in HEADERS {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router
}
