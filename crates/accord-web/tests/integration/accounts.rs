//! Accounts over the in-process router: logging in (right, wrong, too
//! often, through one process or spread over two on one database), the
//! session cookie's attributes, CSRF on every state-changing
//! request, and administration refused to non-administrators. Also the
//! `Client` the approval tests log in with.

use std::sync::Arc;

use accord_store::accounts::Accounts;
use accord_web::auth::Auth;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use tower::ServiceExt as _;

use crate::support::{Answer, Instance};

pub const PASSWORD: &str = "correct horse battery";

/// The instance of `support` with logins for its people, and the router
/// with accounts.
pub struct WithAccounts {
    pub instance: Instance,
    pub accounts: Arc<Accounts>,
    pub router: Router,
}

impl WithAccounts {
    pub fn new() -> WithAccounts {
        let instance = Instance::new();
        let accounts = Arc::new(instance.db.accounts());
        for person in ["az-coord", "us-coord", "az-energy"] {
            crate::support::off_runtime(|| {
                accounts.create_login(&format!("{person}@example.org"), person, Some(PASSWORD), 0)
            })
            .unwrap();
        }
        let router = accord_web::router_with(instance.state(), Auth::new(Arc::clone(&accounts)));
        WithAccounts {
            instance,
            accounts,
            router,
        }
    }

    pub fn client(&self) -> Client {
        Client {
            router: self.router.clone(),
            cookies: Vec::new(),
        }
    }

    /// A client of another process over the same database: a router with
    /// its own connection to the accounts and its own `Auth`, as a second
    /// `accord serve` would have.
    pub fn client_of_another_process(&self) -> Client {
        let accounts = Arc::new(self.instance.db.accounts());
        Client {
            router: accord_web::router_with(self.instance.state(), Auth::new(accounts)),
            cookies: Vec::new(),
        }
    }

    /// A client logged in as `person`.
    pub async fn logged_in(&self, person: &str) -> Client {
        let mut client = self.client();
        let answer = client
            .login(&format!("{person}@example.org"), PASSWORD)
            .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        client
    }
}

/// A browser in miniature: it keeps cookies and reads forms' CSRF tokens.
pub struct Client {
    router: Router,
    pub cookies: Vec<(String, String)>,
}

/// The `value` of the first hidden `csrf` field of a page.
pub fn csrf_of(body: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = body.find(marker).expect("a form with a CSRF field") + marker.len();
    body[start..start + body[start..].find('"').unwrap()].to_owned()
}

impl Client {
    pub async fn send(
        &mut self,
        method: &str,
        uri: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Answer {
        let mut request = Request::builder().method(method).uri(uri);
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            request = request.header("cookie", cookie);
        }
        let typed = headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
        if !body.is_empty() && !typed {
            request = request.header("content-type", "application/x-www-form-urlencoded");
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(Body::from(body.to_owned())).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers: HeaderMap = response.headers().clone();
        for set in headers.get_all("set-cookie") {
            let set = set.to_str().unwrap();
            let (name, rest) = set.split_once('=').unwrap();
            let value = rest.split(';').next().unwrap();
            self.cookies.retain(|(n, _)| n != name);
            if !value.is_empty() && !set.contains("Max-Age=0") {
                self.cookies.push((name.to_owned(), value.to_owned()));
            }
        }
        let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
            .await
            .unwrap();
        Answer {
            status,
            headers,
            body: String::from_utf8(bytes.to_vec()).unwrap(),
        }
    }

    pub async fn get(&mut self, uri: &str) -> Answer {
        self.send("GET", uri, &[], "").await
    }

    /// Posts a form from the page at `page` (whose CSRF token it carries).
    pub async fn post_form(&mut self, page: &str, action: &str, fields: &str) -> Answer {
        let csrf = csrf_of(&self.get(page).await.body);
        self.send("POST", action, &[], &format!("csrf={csrf}&{fields}"))
            .await
    }

    pub async fn login(&mut self, email: &str, password: &str) -> Answer {
        self.post_form(
            "/login",
            "/login",
            &format!("email={}&password={}", encode(email), encode(password)),
        )
        .await
    }

    pub fn has_cookie(&self, name: &str) -> bool {
        self.cookies.iter().any(|(n, _)| n == name)
    }
}

/// Form encoding of the few characters the tests' values use.
pub fn encode(value: &str) -> String {
    value
        .replace('%', "%25")
        .replace('@', "%40")
        .replace(' ', "+")
        .replace('&', "%26")
}

#[tokio::test]
async fn a_coordinator_logs_in_and_is_a_person_to_the_pages() {
    let world = WithAccounts::new();
    let mut client = world.client();
    let answer = client.login("AZ-Coord@example.org", PASSWORD).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.header("location"), "/approvals");
    assert!(client.has_cookie("accord_session"));
    let approvals = client.get("/approvals?lang=en").await;
    assert_eq!(approvals.status, 200, "{}", approvals.body);
    assert!(approvals.body.contains("<code>az-coord</code>"));
    // The restricted project is hidden from the public, not from a coordinator.
    let group = client.get("/groups/energy?lang=en").await;
    assert!(group.body.contains(crate::support::RESTRICTED_TITLE));
    let public = world.client().get("/groups/energy?lang=en").await;
    assert!(!public.body.contains(crate::support::RESTRICTED_TITLE));
}

#[tokio::test]
async fn a_wrong_password_opens_no_session() {
    let world = WithAccounts::new();
    let mut client = world.client();
    let answer = client
        .login("az-coord@example.org", "not the password")
        .await;
    assert_eq!(answer.status, 200);
    assert!(
        answer.body.contains("id=\"login-error\""),
        "{}",
        answer.body
    );
    assert!(!client.has_cookie("accord_session"));
    let unknown = client.login("nobody@example.org", PASSWORD).await;
    assert!(unknown.body.contains("id=\"login-error\""));
    let sent = client.get("/approvals").await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(sent.header("location"), "/login?next=/approvals");
}

#[tokio::test]
async fn five_failures_then_logins_wait_with_a_stable_code() {
    let world = WithAccounts::new();
    let mut client = world.client();
    for _ in 0..5 {
        let answer = client
            .login("us-coord@example.org", "guess guess guess")
            .await;
        assert_eq!(answer.status, 200);
    }
    // Even the right password waits now.
    let blocked = client.login("us-coord@example.org", PASSWORD).await;
    assert_eq!(
        blocked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        blocked.body
    );
    assert!(blocked.body.contains("too_many_attempts"));
    assert!(blocked.header("retry-after").parse::<u64>().unwrap() >= 1);
    assert!(!client.has_cookie("accord_session"));
}

#[tokio::test]
async fn failures_spread_over_two_processes_add_up() {
    let world = WithAccounts::new();
    let (mut here, mut there) = (world.client(), world.client_of_another_process());
    for n in 0..5 {
        let client = if n % 2 == 0 { &mut here } else { &mut there };
        let answer = client
            .login("us-coord@example.org", "guess guess guess")
            .await;
        assert_eq!(answer.status, 200, "attempt {n}");
    }
    // Both processes make the right password wait now.
    for client in [&mut here, &mut there] {
        let blocked = client.login("us-coord@example.org", PASSWORD).await;
        assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(blocked.body.contains("too_many_attempts"));
        assert!(!client.has_cookie("accord_session"));
    }
}

#[tokio::test]
async fn a_login_through_one_process_clears_the_failures_the_other_counted() {
    let world = WithAccounts::new();
    let (mut here, mut there) = (world.client(), world.client_of_another_process());
    for _ in 0..4 {
        let answer = here
            .login("az-coord@example.org", "guess guess guess")
            .await;
        assert_eq!(answer.status, 200);
    }
    let welcome = there.login("az-coord@example.org", PASSWORD).await;
    assert_eq!(welcome.status, StatusCode::SEE_OTHER, "{}", welcome.body);
    // The count starts again from nothing, in both processes.
    for _ in 0..4 {
        let answer = here
            .login("az-coord@example.org", "guess guess guess")
            .await;
        assert_eq!(answer.status, 200);
    }
    let mut again = world.client();
    let welcome = again.login("az-coord@example.org", PASSWORD).await;
    assert_eq!(welcome.status, StatusCode::SEE_OTHER, "{}", welcome.body);
}

#[tokio::test]
async fn the_session_cookie_is_http_only_strict_and_secure_behind_tls() {
    let world = WithAccounts::new();
    let mut plain = world.client();
    let csrf = csrf_of(&plain.get("/login").await.body);
    let form = format!(
        "csrf={csrf}&email=az-coord%40example.org&password={}",
        encode(PASSWORD)
    );
    let answer = plain.send("POST", "/login", &[], &form).await;
    let cookie = answer
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("accord_session="))
        .expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");

    let mut proxied = world.client();
    let tls = [("x-forwarded-proto", "https")];
    let page = proxied.send("GET", "/login", &tls, "").await;
    let csrf = csrf_of(&page.body);
    let form = format!(
        "csrf={csrf}&email=us-coord%40example.org&password={}",
        encode(PASSWORD)
    );
    let answer = proxied.send("POST", "/login", &tls, &form).await;
    let cookie = answer.header("set-cookie").to_owned();
    assert!(
        answer.headers.get_all("set-cookie").iter().any(|c| c
            .to_str()
            .unwrap()
            .starts_with("accord_session=")
            && c.to_str().unwrap().contains("; Secure")),
        "{cookie}"
    );
}

#[tokio::test]
async fn state_changing_requests_without_the_csrf_token_are_refused() {
    let world = WithAccounts::new();
    let mut client = world.logged_in("us-coord").await;
    // No token at all: a page and a JSON body both say why, with a code.
    let missing = client
        .send("POST", "/approvals/energy-list/withdraw", &[], "x=1")
        .await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert!(missing.body.contains("csrf_missing"), "{}", missing.body);
    // With a session, any route: a request that would change state never
    // reaches a handler without the token.
    let elsewhere = client.send("POST", "/charter", &[], "").await;
    assert_eq!(elsewhere.status, StatusCode::FORBIDDEN);
    // Another session's token.
    let mut other = world.logged_in("az-coord").await;
    let token = csrf_of(&other.get("/approvals").await.body);
    let mismatch = client
        .send(
            "POST",
            "/approvals/energy-list/withdraw",
            &[],
            &format!("csrf={token}"),
        )
        .await;
    assert_eq!(mismatch.status, StatusCode::FORBIDDEN);
    assert!(mismatch.body.contains("csrf_mismatch"));
    // The header works as well as the field; then the rules answer.
    let mine = csrf_of(&client.get("/approvals").await.body);
    let with_header = client
        .send(
            "POST",
            "/approvals/energy-list/withdraw",
            &[("x-csrf-token", &mine)],
            "",
        )
        .await;
    assert_ne!(
        with_header.status,
        StatusCode::FORBIDDEN,
        "{}",
        with_header.body
    );
    // Logging in needs the pre-session token too.
    let mut anonymous = world.client();
    let login = anonymous
        .send(
            "POST",
            "/login",
            &[],
            "email=az-coord%40example.org&password=x",
        )
        .await;
    assert_eq!(login.status, StatusCode::FORBIDDEN);
    // Nothing was recorded by the refused requests.
    let size = world.instance.app.size();
    let _ = client
        .send("POST", "/approvals/energy-list/withdraw", &[], "")
        .await;
    assert_eq!(world.instance.app.size(), size);
}

#[tokio::test]
async fn an_api_token_needs_no_csrf_and_a_bad_one_is_refused() {
    use accord_store::accounts::Scope;
    let world = WithAccounts::new();
    let writer = crate::support::off_runtime(|| {
        world
            .accounts
            .issue_api_token("us-coord", "script", Scope::Write, 0)
    })
    .unwrap();
    let reader = crate::support::off_runtime(|| {
        world
            .accounts
            .issue_api_token("us-coord", "report", Scope::Read, 0)
    })
    .unwrap();
    let mut client = world.client();
    let bearer = |token: &str| format!("Bearer {token}");
    // No CSRF token needed: the request reaches the rules, which answer
    // that the energy list, adopted, is closed.
    let answer = client
        .send(
            "POST",
            "/approvals/energy-list/withdraw",
            &[("authorization", &bearer(&writer))],
            "",
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(
        answer.body.contains("the proposal is closed"),
        "{}",
        answer.body
    );
    // A read-only token reads, as its person, and changes nothing.
    let read = client
        .send(
            "GET",
            "/approvals",
            &[("authorization", &bearer(&reader))],
            "",
        )
        .await;
    assert_eq!(read.status, 200);
    assert!(read.body.contains("<code>us-coord</code>"));
    let size = world.instance.app.size();
    let refused = client
        .send(
            "POST",
            "/approvals/energy-list/withdraw",
            &[("authorization", &bearer(&reader))],
            "",
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("token_read_only"));
    assert_eq!(world.instance.app.size(), size);
    let bad = client
        .send(
            "GET",
            "/api/v1/projects",
            &[("authorization", "Bearer forged")],
            "",
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert_eq!(bad.json()["error"]["code"], "bad_token");
}

#[tokio::test]
async fn logging_out_ends_the_session() {
    let world = WithAccounts::new();
    let mut client = world.logged_in("az-coord").await;
    let session = client.cookies.clone();
    let answer = client.post_form("/approvals", "/logout", "").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert!(!client.has_cookie("accord_session"));
    // The old cookie is worth nothing now.
    let mut replay = world.client();
    replay.cookies = session;
    assert_eq!(replay.get("/approvals").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn administration_is_for_administrators_only() {
    let world = WithAccounts::new();
    let anonymous = world.client().get("/admin?lang=en").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(anonymous.header("location"), "/login?next=/admin?lang=en");
    let mut coordinator = world.logged_in("az-coord").await;
    let page = coordinator.get("/admin").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("forbidden"));
    let csrf = csrf_of(&coordinator.get("/approvals").await.body);
    let size = world.instance.app.size();
    let grant = coordinator
        .send(
            "POST",
            "/admin/roles",
            &[],
            &format!("csrf={csrf}&person=az-coord&role=administrator"),
        )
        .await;
    assert_eq!(grant.status, StatusCode::FORBIDDEN);
    assert_eq!(world.instance.app.size(), size, "nothing recorded");
}

#[tokio::test]
async fn the_setup_link_creates_the_first_administrator_once() {
    let instance = Instance::new();
    let accounts = Arc::new(instance.db.accounts());
    let token = crate::support::off_runtime(|| {
        accounts.issue_link(
            &accord_store::accounts::Link {
                purpose: accord_store::accounts::Purpose::Setup,
                person: None,
                email: None,
            },
            // The web application's clock: 2026-11-27T10:00:00Z.
            1_795_773_600,
        )
    })
    .unwrap();
    let router = accord_web::router_with(instance.state(), Auth::new(Arc::clone(&accounts)));
    let mut client = Client {
        router,
        cookies: Vec::new(),
    };
    let path = format!("/setup/{token}");
    let form = client.get(&format!("{path}?lang=en")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("<option value=\"AZ\">"));
    // A weak password is explained on the form, and nothing is recorded.
    let size = instance.app.size();
    let weak = client
        .post_form(&path, &path, "name=Leyla+Aliyeva&organisation=Presidential+Administration&party=AZ&email=leyla%40example.org&password=short")
        .await;
    assert_eq!(weak.status, 200);
    assert!(
        weak.body.contains("data-code=\"weak_password\""),
        "{}",
        weak.body
    );
    assert_eq!(instance.app.size(), size);
    let done = client
        .post_form(
            &path,
            &path,
            &format!("name=Leyla+Aliyeva&organisation=Presidential+Administration&party=AZ&email=leyla%40example.org&password={}", encode(PASSWORD)),
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.header("location"), "/admin");
    let is_admin = instance.app.read(|s| {
        s.roles_of(&"leyla-aliyeva".into())
            .any(|r| *r == accord_domain::model::Role::Administrator)
    });
    assert!(is_admin, "the role is in the record");
    assert_eq!(client.get("/admin").await.status, 200);
    // The link works once.
    assert_eq!(client.get(&path).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_administrator_grants_roles_and_invites_a_person() {
    let world = WithAccounts::new();
    crate::support::off_runtime(|| {
        world.instance.app.execute(
            &accord_domain::command::Actor::System,
            accord_domain::command::Command::GrantRole {
                person: "us-coord".into(),
                role: accord_domain::model::Role::Administrator,
            },
            "2026-11-27T09:00:00Z".parse().unwrap(),
        )
    })
    .unwrap();
    let mut admin = world.logged_in("us-coord").await;
    let page = admin.get("/admin?lang=en").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let granted = admin
        .post_form(
            "/admin",
            "/admin/roles",
            "person=az-coord&role=member&group=energy",
        )
        .await;
    assert_eq!(
        granted.header("location"),
        "/admin?done=granted",
        "{}",
        granted.body
    );
    let member = world.instance.app.read(|s| {
        s.roles_of(&"az-coord".into()).any(|r| {
            *r == accord_domain::model::Role::Member {
                group: "energy".into(),
            }
        })
    });
    assert!(member);
    // A role the rules refuse comes back on the page.
    let refused = admin
        .post_form("/admin", "/admin/roles", "person=nobody&role=auditor")
        .await;
    assert_eq!(refused.status, 200);
    assert!(
        refused.body.contains("data-code=\"not_found\""),
        "{}",
        refused.body
    );
    // A new person, invited: the link sets their password and logs them in.
    let registered = admin
        .post_form(
            "/admin",
            "/admin/people",
            "id=az-trade&name=Rashad&organisation=az-mfa",
        )
        .await;
    assert_eq!(registered.header("location"), "/admin?done=person");
    let invited = admin
        .post_form(
            "/admin",
            "/admin/invitations",
            "person=az-trade&email=rashad%40example.org",
        )
        .await;
    let start = invited
        .body
        .find("/invitation/")
        .expect("an invitation link");
    let link = invited.body[start..start + 12 + 64].to_owned();
    let mut newcomer = world.client();
    assert_eq!(newcomer.get(&link).await.status, 200);
    let set = newcomer
        .post_form(
            &link,
            &link,
            &format!("password={0}&confirm={0}", encode(PASSWORD)),
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
    assert!(newcomer.has_cookie("accord_session"));
    assert_eq!(
        newcomer.get(&link).await.status,
        StatusCode::NOT_FOUND,
        "used once"
    );
    let mut again = world.client();
    assert_eq!(
        again.login("rashad@example.org", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn after_logging_in_the_user_goes_back_where_they_were_but_never_off_site() {
    let world = WithAccounts::new();
    for (next, expected) in [
        ("/groups/energy", "/groups/energy"),
        ("//evil.example/", "/approvals"),
        ("https://evil.example/", "/approvals"),
    ] {
        let mut client = world.client();
        let page = format!("/login?next={}", next.replace(':', "%3A"));
        let answer = client
            .post_form(
                &page,
                "/login",
                &format!(
                    "email=az-coord%40example.org&password={}&next={}",
                    encode(PASSWORD),
                    next.replace(':', "%3A")
                ),
            )
            .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(answer.header("location"), expected, "{next}");
    }
}
