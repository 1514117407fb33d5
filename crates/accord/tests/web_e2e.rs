//! End to end, in a real headless Chromium driven through chromedriver:
//! the Azerbaijani coordinator proposes the Energy working group's project
//! list, the U.S. coordinator approves it, the dashboard shows that
//! group's project-list deadline met today, and the public portal shows the
//! public project and not the restricted one. A second test carries the
//! charter's year: a charter meeting scheduled, held, minuted in two
//! languages and adopted, its action done, a dialogue platform agreed. A
//! third carries a project's life: proposed in two languages, agreed,
//! changed by both parties, its milestone completed, an indicator defined
//! and measured, the project completed, every step in its history.
//!
//! Everything is real: the `accord` binary seeds a fresh instance (`init`,
//! `account add`, `import projects`) and serves it; Chromium talks HTTP to
//! it. Screenshots of each step go to `target/e2e-screenshots/`. Without
//! Debian's `chromium` and `chromium-driver` the test fails and says to
//! run `scripts/test`, which installs them.

#[path = "e2e/webdriver.rs"]
mod webdriver;

mod support;

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{ACCORD, Running, accord, free_port, http};

use webdriver::Browser;

const CHROMIUM: &str = "/usr/bin/chromium";
const PROJECTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/projects.csv");
const PASSWORD: &str = "correct horse battery staple";

/// The program `name` on the PATH or in the usual places.
fn find_program(name: &str, usual: &[&str]) -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(name))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    on_path
        .into_iter()
        .chain(usual.iter().map(PathBuf::from))
        .find(|p| p.is_file())
}

/// A fresh instance: the bundled charter, both coordinators, and the
/// Energy group's public and restricted projects (proposed).
fn seed(data: &Path) {
    let data = data.to_str().expect("a UTF-8 path");
    accord(&["init", "--data", data], "");
    for (person, name, organisation, organisation_name, party, email) in [
        (
            "az-coord",
            "Aysel Mammadova",
            "az-mfa",
            "Ministry of Foreign Affairs",
            "AZ",
            "aysel@mfa.gov.az",
        ),
        (
            "us-coord",
            "John Smith",
            "us-dos",
            "Department of State",
            "US",
            "john@state.gov",
        ),
    ] {
        accord(
            &[
                "account",
                "add",
                "--data",
                data,
                "--person",
                person,
                "--name",
                name,
                "--organisation",
                organisation,
                "--organisation-name",
                organisation_name,
                "--party",
                party,
                "--role",
                &format!("coordinator:{party}"),
                "--email",
                email,
                "--password-stdin",
            ],
            &format!("{PASSWORD}\n"),
        );
    }
    let imported = accord(&["import", "projects", "--data", data, PROJECTS], "");
    assert!(imported.contains("imported 2 project(s)"), "{imported}");
}

/// Starts chromedriver and waits until it answers.
fn chromedriver(program: &Path, port: u16) -> Running {
    let child = Command::new(program)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let running = Running(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok((200, status)) = webdriver::call(port, "GET", "/status", None)
            && status["value"]["ready"] == true
        {
            return running;
        }
        assert!(
            Instant::now() < deadline,
            "chromedriver did not become ready"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn screenshots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshots folder");
    dir
}

fn shoot(browser: &Browser, name: &str) {
    let png = browser.screenshot();
    assert!(png.starts_with(b"\x89PNG"), "{name} is not a PNG");
    std::fs::write(screenshots_dir().join(format!("{name}.png")), png)
        .expect("a screenshot written");
}

fn log_in(browser: &Browser, base: &str, email: &str) {
    browser.go(&format!("{base}/login?lang=en"));
    browser.fill("#email", email);
    browser.fill("#password", PASSWORD);
    browser.click("#login-submit");
    let url = browser.wait_for_url("/approvals");
    assert!(
        url.ends_with("/approvals"),
        "after logging in as {email}: {url}"
    );
}

/// A fresh seeded instance served, and a Chromium session on it.
struct Session {
    browser: Browser,
    base: String,
    today: String,
    _driver: Running,
    _server: Running,
    _dir: tempfile::TempDir,
}

fn session() -> Session {
    session_with(|_| {})
}

/// A fresh seeded instance with what `more` adds to it before it is
/// served, and a Chromium session on it.
fn session_with(more: impl FnOnce(&Path)) -> Session {
    let Some(driver) = find_program(
        "chromedriver",
        &["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"],
    ) else {
        panic!(
            "chromedriver is not installed: run scripts/test, which installs Debian's chromium and chromium-driver"
        );
    };
    assert!(
        Path::new(CHROMIUM).is_file(),
        "{CHROMIUM} is not installed: run scripts/test, which installs Debian's chromium and chromium-driver"
    );

    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    seed(&data);
    more(&data);
    let port = free_port();
    let (server, _) = serve_and_read(&data, port);
    let base = format!("http://127.0.0.1:{port}");
    let driver_port = free_port();
    let driver = chromedriver(&driver, driver_port);
    let profile = dir.path().join("chromium-profile");
    let browser = Browser::open(driver_port, CHROMIUM, profile.to_str().expect("UTF-8"))
        .expect("a Chromium session");
    let today = jiff::tz::Offset::UTC
        .to_datetime(jiff::Timestamp::now())
        .date()
        .to_string();
    Session {
        browser,
        base,
        today,
        _driver: driver,
        _server: server,
        _dir: dir,
    }
}

fn log_out(browser: &Browser, base: &str) {
    browser.go(&format!("{base}/approvals?lang=en"));
    browser.click("#logout");
    browser.wait_for_url(&format!("{base}/"));
}

#[test]
fn coordinators_agree_energy_project_list_in_a_real_browser() {
    let Session {
        browser,
        base,
        today,
        ..
    } = &session();
    let (browser, base, today) = (browser, base.as_str(), today.as_str());

    // The Azerbaijani coordinator proposes Energy's list and signs it.
    log_in(browser, base, "aysel@mfa.gov.az");
    browser.go(&format!("{base}/groups/energy/proposals/new?lang=en"));
    assert!(browser.is_selected("#project-tripp-power-line"));
    assert!(browser.is_selected("#project-grid-protection-plan"));
    shoot(browser, "1-az-proposes");
    browser.click("#propose-submit");
    let url = browser.wait_for_url("/approvals?done=proposed");
    assert!(url.ends_with("/approvals?done=proposed"), "{url}");
    let proposal = browser.text("#proposal-energy-project-list-1");
    assert!(proposal.contains("TRIPP power line"), "{proposal}");
    assert!(
        proposal.contains("AZ (my party): approved on"),
        "{proposal}"
    );
    assert!(proposal.contains("US: not yet approved"), "{proposal}");
    shoot(browser, "2-az-approved");
    browser.click("#logout");
    browser.wait_for_url(&format!("{base}/"));

    // The U.S. coordinator sees it waiting, and approves it.
    log_in(browser, base, "john@state.gov");
    let waiting = browser.text("#proposal-energy-project-list-1");
    assert!(waiting.contains("Grid protection plan"), "{waiting}");
    shoot(browser, "3-us-waiting");
    browser.click("#approve-energy-project-list-1");
    let url = browser.wait_for_url("/approvals?done=approved");
    assert!(url.ends_with("/approvals?done=approved"), "{url}");
    let adopted = browser.text("#proposal-energy-project-list-1");
    assert!(
        adopted.contains(&format!("adopted on {today}")),
        "{adopted}"
    );
    shoot(browser, "4-us-approved");

    // The dashboard: Energy's project-list deadline is met today.
    browser.go(&format!("{base}/?lang=en"));
    let energy = browser.text("#group-energy td");
    assert!(energy.contains(&format!("met on {today}")), "{energy}");
    shoot(browser, "5-dashboard");
    // Another as-of date: htmx swaps the page's main part in place (a mark
    // left on the window survives, which a new page would not keep) and
    // the address follows, so the view can be bookmarked.
    browser.execute(
        "window.accordMark = 'kept'; document.getElementById('as_of').value = '2026-06-01';",
    );
    browser.click("form.as-of button");
    let url = browser.wait_for_url("as_of=2026-06-01");
    assert!(url.ends_with("/?as_of=2026-06-01"), "{url}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !browser.text(".lede").contains("2026-06-01") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(browser.text(".lede").contains("2026-06-01"));
    assert_eq!(browser.execute("return window.accordMark;"), "kept");
    shoot(browser, "5b-dashboard-as-of");
    browser.go(&format!("{base}/approvals?lang=en"));
    browser.click("#logout");
    browser.wait_for_url(&format!("{base}/"));

    // The public portal: the public project, not the restricted one.
    browser.go(&format!("{base}/public?lang=en"));
    wait_for(browser, "#main, main");
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut public = browser.source();
    while !public.contains("TRIPP power line") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
        public = browser.source();
    }
    assert!(public.contains("TRIPP power line"), "{public}");
    assert!(!public.contains("Grid protection plan"));
    shoot(browser, "6-public");
}

/// Waits (up to 10 s) until the page has an element matching `css`.
fn wait_for(browser: &Browser, css: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let script = format!(
        "return !!document.querySelector({});",
        serde_json::json!(css)
    );
    while browser.execute(&script) != true {
        assert!(Instant::now() < deadline, "no {css} on {}", browser.url());
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A file for the browser to upload, in a folder of its own.
fn browser_dir_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("accord-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("a file");
    path
}

/// Sets a form control's value the way a person picks it (dates and
/// choices are typed differently by each browser's locale).
fn set(browser: &Browser, id: &str, value: &str) {
    browser.execute(&format!(
        "document.getElementById({}).value = {};",
        serde_json::json!(id),
        serde_json::json!(value)
    ));
}

/// Approves proposal `id` on the approvals page, as the signed-in person.
fn approve(browser: &Browser, base: &str, id: &str) {
    browser.go(&format!("{base}/approvals?lang=en"));
    browser.click(&format!("#approve-{id}"));
    let url = browser.wait_for_url("/approvals?done=approved");
    assert!(url.ends_with("/approvals?done=approved"), "{url}");
}

/// The charter's year in a real browser: the U.S. coordinator schedules the
/// charter meeting with the agenda the record proposes, records it held;
/// the Azerbaijani coordinator proposes its minutes in Azerbaijani and
/// English with a decision and an action; both adopt them; the dashboard
/// shows the yearly meeting met and the action open; its owner marks it
/// done; a dialogue platform is created by mutual agreement.
#[test]
fn a_charter_year_is_carried_out_in_a_real_browser() {
    let Session {
        browser,
        base,
        today,
        ..
    } = &session();
    let (browser, base, today) = (browser, base.as_str(), today.as_str());
    let meeting = format!("charter-{today}");

    // The U.S. coordinator schedules the charter meeting.
    log_in(browser, base, "john@state.gov");
    browser.go(&format!("{base}/meetings/new?lang=en"));
    set(browser, "kind", "charter");
    set(browser, "date", today);
    browser.click("#propose-agenda");
    browser.wait_for_url("/meetings/new");
    let agenda = browser.text("#agenda");
    assert!(agenda.contains("Commitment no project covers"), "{agenda}");
    assert!(browser.is_selected("#agenda-0-keep"));
    browser.fill("#place", "Baku");
    browser.fill("#title-en", "Charter meeting");
    browser.fill("#title-az", "Xartiya görüşü");
    browser.click("#participant-az-coord");
    browser.click("#participant-us-coord");
    shoot(browser, "year-1-schedule");
    browser.click("#schedule-submit");
    let url = browser.wait_for_url("?done=scheduled");
    assert!(url.contains(&format!("/meetings/{meeting}")), "{url}");

    // It is held today.
    browser.click("#held-submit");
    browser.wait_for_url("?done=held");
    assert!(browser.text("#meeting-state").contains(today));
    shoot(browser, "year-2-held");
    log_out(browser, base);

    // The Azerbaijani coordinator proposes the minutes in two languages.
    log_in(browser, base, "aysel@mfa.gov.az");
    browser.go(&format!("{base}/meetings/{meeting}?lang=az"));
    browser.fill("#text-az", "Tərəflər ilin icmalını apardılar.");
    browser.fill("#text-en", "The parties reviewed the year.");
    set(browser, "decision-0-kind", "decision");
    browser.fill("#decision-0-text-en", "The energy roadmap is the priority.");
    set(browser, "decision-1-kind", "action");
    browser.fill("#decision-1-text-en", "Circulate the draft roadmap");
    browser.fill(
        "#decision-1-text-az",
        "Yol xəritəsinin layihəsini paylaşmaq",
    );
    set(browser, "decision-1-owner", "us-coord");
    set(browser, "decision-1-due", "2099-12-31");
    shoot(browser, "year-3-minutes-refused-first");
    // A due date a century ahead is refused, and what was typed stays.
    browser.click("#minutes-submit");
    wait_for(browser, "#form-error");
    let refused = browser.text("#form-error");
    assert!(refused.contains("decisions.due"), "{refused}");
    assert_eq!(
        browser.execute("return document.getElementById('text-az').value;"),
        "Tərəflər ilin icmalını apardılar."
    );
    let due = jiff::civil::Date::strptime("%Y-%m-%d", today)
        .expect("today")
        .checked_add(jiff::Span::new().days(30))
        .expect("a date")
        .to_string();
    set(browser, "decision-1-due", &due);
    browser.click("#minutes-submit");
    browser.wait_for_url("/approvals?done=proposed");
    shoot(browser, "year-4-minutes-proposed");
    let minutes = format!("{meeting}-minutes");
    approve(browser, base, &minutes);
    log_out(browser, base);

    // The U.S. coordinator adopts them: every language version is shown.
    log_in(browser, base, "john@state.gov");
    let waiting = browser.text(&format!("#proposal-{minutes}"));
    assert!(
        waiting.contains("[az] Tərəflər ilin icmalını apardılar."),
        "{waiting}"
    );
    approve(browser, base, &minutes);
    shoot(browser, "year-5-minutes-adopted");

    // The dashboard: the yearly meeting is met today, the action open.
    browser.go(&format!("{base}/?lang=en"));
    let state = browser.execute(
        "return document.querySelector('#meeting-heading + p [data-state]').dataset.state;",
    );
    assert_eq!(state, "met", "{}", browser.text("#meeting-heading + p"));
    let actions = browser.text("#actions");
    assert!(actions.contains("Circulate the draft roadmap"), "{actions}");
    shoot(browser, "year-6-dashboard");

    // The signed minutes are attached as a PDF, and served back.
    let pdf = browser_dir_file("signed-minutes.pdf", b"%PDF-1.4\n% signed minutes\n");
    browser.go(&format!("{base}/meetings/{meeting}?lang=en"));
    browser.choose_file("#document-file", pdf.to_str().expect("UTF-8"));
    browser.click("#document-submit");
    browser.wait_for_url("?done=document");
    assert!(browser.text("#documents").contains("signed-minutes.pdf"));

    // Its owner marks the action done.
    browser.go(&format!("{base}/meetings/{meeting}?lang=en"));
    let action = format!("{minutes}-action-2");
    browser.fill(&format!("#note-{action}"), "Sent to both co-chairs.");
    browser.click(&format!("#done-{action}"));
    browser.wait_for_url("?done=action");
    assert!(browser.text("#actions").contains("Sent to both co-chairs."));
    shoot(browser, "year-7-action-done");

    // A new dialogue platform, by mutual agreement.
    browser.go(&format!("{base}/groups/new?lang=en"));
    browser.fill("#group-id", "caspian-energy-dialogue");
    browser.fill("#name-en", "Caspian energy dialogue");
    browser.fill("#name-az", "Xəzər enerji dialoqu");
    browser.fill("#purpose-en", "Energy security in the Caspian region");
    browser.click("#group-submit");
    browser.wait_for_url("/approvals?done=proposed");
    approve(browser, base, "platform-caspian-energy-dialogue");
    log_out(browser, base);
    log_in(browser, base, "aysel@mfa.gov.az");
    approve(browser, base, "platform-caspian-energy-dialogue");
    browser.go(&format!("{base}/groups/caspian-energy-dialogue?lang=az"));
    assert!(browser.source().contains("Xəzər enerji dialoqu"));
    shoot(browser, "year-8-platform");
}

/// Adds a co-chair of the Energy group for `party`, who logs in with
/// `email`.
fn add_energy_co_chair(data: &Path, person: &str, name: &str, party: &str, email: &str) {
    let organisation = if party == "AZ" { "az-mfa" } else { "us-dos" };
    accord(
        &[
            "account",
            "add",
            "--data",
            data.to_str().expect("a UTF-8 path"),
            "--person",
            person,
            "--name",
            name,
            "--organisation",
            organisation,
            "--role",
            &format!("co_chair:energy:{party}"),
            "--email",
            email,
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
}

/// The value of the form control `id`.
fn value_of(browser: &Browser, id: &str) -> serde_json::Value {
    browser.execute(&format!(
        "return document.getElementById({}).value;",
        serde_json::json!(id)
    ))
}

/// A project's life in a real browser: the Azerbaijani co-chair of the
/// Energy group proposes it in Azerbaijani and English citing two
/// provisions (a refused first try keeps what was typed); the project list
/// is agreed by both parties (the dashboard's coverage grows), and the
/// roadmap with its milestone; the U.S. co-chair proposes a later end date
/// and the Azerbaijani co-chair approves it; the milestone is completed, an
/// indicator defined and measured (its chart drawn), the project completed;
/// its history shows each step with its log index.
#[test]
fn a_project_is_carried_from_proposal_to_completion_in_a_real_browser() {
    let Session {
        browser,
        base,
        today,
        ..
    } = &session_with(|data| {
        add_energy_co_chair(
            data,
            "az-energy",
            "Leyla Aliyeva",
            "AZ",
            "leyla@energy.gov.az",
        );
        add_energy_co_chair(data, "us-energy", "Mary Jones", "US", "mary@energy.gov");
    });
    let (browser, base, today) = (browser, base.as_str(), today.as_str());
    let day = |days: i64| {
        jiff::civil::Date::strptime("%Y-%m-%d", today)
            .expect("today")
            .checked_add(jiff::Span::new().days(days))
            .expect("a date")
            .to_string()
    };

    // The Azerbaijani co-chair proposes the project from the group's page.
    log_in(browser, base, "leyla@energy.gov.az");
    browser.go(&format!("{base}/groups/energy?lang=en"));
    browser.click("#propose-project");
    browser.wait_for_url("/projects/new?group=energy");
    assert!(browser.is_selected("#group option[value=energy]"));
    browser.fill("#title-az", "Günəş elektrik stansiyası");
    browser.fill("#title-en", "Solar power plant");
    browser.fill("#description-az", "Abşeronda 240 MW günəş stansiyası");
    browser.fill("#description-en", "A 240 MW solar plant on Absheron");
    assert!(browser.text("#title-missing").contains("fr"));
    let provisions = browser.execute(
        "const boxes = document.querySelectorAll('input[name=provision]'); \
         boxes[0].click(); boxes[1].click(); return [boxes[0].value, boxes[1].value];",
    );
    let cited = [
        provisions[0].as_str().expect("a provision").to_owned(),
        provisions[1].as_str().expect("a provision").to_owned(),
    ];
    set(browser, "lead_party", "AZ");
    browser.click("#lead-az-mfa");
    set(browser, "start", &day(0));
    // An end before the start is refused, naming the field; what was
    // typed stays.
    set(browser, "end", &day(-1));
    browser.fill("#amount", "1250000.00");
    browser.fill("#currency", "USD");
    browser.fill("#public_share_percent", "40");
    set(browser, "classification", "public");
    shoot(browser, "project-1-form");
    browser.click("#project-submit");
    wait_for(browser, "#form-error");
    let refused = browser.text("#form-error");
    assert!(refused.contains("end"), "{refused}");
    assert_eq!(value_of(browser, "title-az"), "Günəş elektrik stansiyası");
    assert!(browser.is_selected(&format!("#provision-{}", cited[1]).replace('.', "\\.")));
    set(browser, "end", &day(730));
    browser.click("#project-submit");
    let url = browser.wait_for_url("/projects/solar-power-plant?done=proposed");
    assert!(url.ends_with("?done=proposed"), "{url}");
    let page = browser.source();
    for id in &cited {
        assert!(page.contains(&format!(">{id}</a>")), "cites {id}");
    }
    shoot(browser, "project-2-proposed");

    // The dashboard's coverage before the list is agreed.
    let covered = |browser: &Browser| {
        browser.go(&format!("{base}/?lang=en"));
        browser
            .execute(
                "return document.querySelector('[aria-labelledby=coverage-heading] meter').value;",
            )
            .as_f64()
            .expect("the coverage meter")
    };
    let covered_before = covered(browser);

    // The group's list (with it) and a roadmap with its milestone, each
    // proposed and signed by the Azerbaijani co-chair.
    browser.go(&format!("{base}/groups/energy/proposals/new?lang=en"));
    assert!(browser.is_selected("#project-solar-power-plant"));
    browser.click("#propose-submit");
    browser.wait_for_url("/approvals?done=proposed");
    browser.go(&format!("{base}/groups/energy/roadmap/new?lang=en"));
    browser.fill(
        "#milestones",
        &format!(
            "solar-permit | Construction permit | {} | solar-power-plant |",
            day(60)
        ),
    );
    browser.click("#propose-submit");
    browser.wait_for_url("/approvals?done=proposed");
    log_out(browser, base);

    // The U.S. co-chair agrees to both, then proposes a later end date.
    log_in(browser, base, "mary@energy.gov");
    approve(browser, base, "energy-project-list-1");
    approve(browser, base, "energy-roadmap-1");
    // The list agreed, the commitments its projects carry out are covered.
    let covered_after = covered(browser);
    assert!(
        covered_after > covered_before,
        "{covered_before} → {covered_after}"
    );
    browser.go(&format!("{base}/projects/solar-power-plant?lang=en"));
    assert_eq!(browser.text("#project-status"), "agreed");
    browser.execute("document.querySelector('#amend details').open = true;");
    set(browser, "end", &day(1095));
    browser.fill("#description-en", "A 300 MW solar plant on Absheron");
    shoot(browser, "project-3-change-form");
    browser.click("#amend-submit");
    browser.wait_for_url("?done=change-proposed#pending");
    let pending = browser.text("#pending");
    assert!(pending.contains(&day(730)), "{pending}");
    assert!(pending.contains(&day(1095)), "{pending}");
    shoot(browser, "project-4-change-pending");
    log_out(browser, base);

    // The Azerbaijani co-chair approves the change; it takes effect.
    log_in(browser, base, "leyla@energy.gov.az");
    approve(browser, base, "solar-power-plant-amendment");
    browser.go(&format!("{base}/projects/solar-power-plant?lang=en"));
    assert!(browser.source().contains(&day(1095)));
    assert!(!browser.source().contains("id=\"pending\""));

    // The milestone is completed today, with a note.
    browser.fill(
        "#complete-solar-permit-note",
        "Permit signed by the ministry",
    );
    browser.click("#complete-solar-permit-submit");
    browser.wait_for_url("?done=milestone-completed");

    // An indicator is defined, then measured.
    browser.fill("#indicator-id", "solar-capacity");
    browser.fill("#name-en", "Installed capacity");
    browser.fill("#name-az", "Quraşdırılmış güc");
    browser.fill("#indicator-unit", "MW");
    set(browser, "indicator-direction", "higher_is_better");
    browser.fill("#baseline-value", "0");
    set(browser, "baseline-date", &day(0));
    browser.fill("#target-value", "240");
    set(browser, "target-date", &day(730));
    browser.click("#indicator-submit");
    browser.wait_for_url("?done=indicator");
    browser.fill("#measure-solar-capacity-value", "60");
    browser.fill("#measure-solar-capacity-source", "Grid operator report");
    browser.click("#measure-solar-capacity-submit");
    browser.wait_for_url("?done=measurement");
    assert!(
        browser
            .text("#indicator-solar-capacity")
            .contains("Grid operator report")
    );
    // Its chart draws the measurement against baseline and target.
    wait_for(browser, "#indicator-solar-capacity svg");
    shoot(browser, "project-5-measured");

    // It runs, then it is completed.
    for (status, reason) in [
        ("in_progress", "Construction started"),
        ("completed", "Plant connected to the grid"),
    ] {
        set(browser, "status-choice", status);
        browser.fill("#status-reason", reason);
        browser.click("#status-submit");
        // The address ends the same after both changes: wait for the page
        // that shows this one.
        wait_for(browser, &format!("#project-status.status-{status}"));
        browser.wait_for_url("?done=status");
    }
    assert_eq!(browser.text("#project-status"), "completed");

    // The history: each step, in order, with its log index.
    let history = browser.text("#history");
    let steps = [
        "Project proposed",
        "Project list agreed by both parties",
        "Change proposed to both parties",
        "Change adopted by both parties",
        "Milestone completed",
        "Indicator defined",
        "Measurement recorded",
        "Status set: in progress",
        "Status set: completed",
    ];
    let mut from = 0;
    for step in steps {
        let at = history[from..]
            .find(step)
            .unwrap_or_else(|| panic!("{step} after {from} in {history}"));
        from += at + step.len();
    }
    assert!(history.contains("Leyla Aliyeva") && history.contains("Mary Jones"));
    let indices = browser.execute(
        "return [...document.querySelectorAll('#history .log-index')].map(c => Number(c.textContent));",
    );
    let indices: Vec<u64> = indices
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_u64().expect("a log index"))
        .collect();
    assert!(indices.len() >= steps.len(), "{indices:?}");
    assert!(indices.windows(2).all(|w| w[0] < w[1]), "{indices:?}");
    // The description's change, word by word.
    let diff = browser.text("#history .word-diff");
    assert!(diff.contains("240") && diff.contains("300"), "{diff}");
    assert_eq!(
        browser.execute("return document.querySelector('#history .word-diff ins').textContent;"),
        "300"
    );
    browser.execute("document.getElementById('history').scrollIntoView();");
    shoot(browser, "project-6-history");
}

/// Starts `accord serve` and reads what it prints until it listens, and
/// the line after.
fn serve_and_read(data: &Path, port: u16) -> (Running, Vec<String>) {
    let port = port.to_string();
    let data = data.to_str().expect("a UTF-8 path");
    let mut child = Command::new(ACCORD)
        .arg("serve")
        .args(support::on_test_store(&["--data", data, "--port", &port]))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("accord serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let running = Running(child);
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let mut printed = Vec::new();
    loop {
        let line = receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("accord serve prints that it listens");
        let listening = line.contains("serving");
        printed.push(line);
        if listening {
            break;
        }
    }
    if let Ok(line) = receiver.recv_timeout(Duration::from_millis(500)) {
        printed.push(line);
    }
    (running, printed)
}

#[test]
fn a_new_instance_prints_a_setup_link_that_works_once() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    let port = free_port();
    let (server, printed) = serve_and_read(&data, port);
    let link = printed
        .iter()
        .find_map(|l| l.split_whitespace().find(|w| w.contains("/setup/")))
        .unwrap_or_else(|| panic!("no setup link in {printed:?}"))
        .to_owned();
    let path = &link[link.find("/setup/").expect("a path")..];
    let (status, head, page) = http(port, "GET", path, "", "");
    assert_eq!(status, 200, "{page}");
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: accord_csrf="))
        .and_then(|v| v.split(';').next())
        .expect("a CSRF cookie")
        .to_owned();
    let form = format!(
        "csrf={cookie}&name=Leyla+Aliyeva&organisation=Presidential+Administration&party=AZ&email=leyla%40example.org&password=correct+horse+battery+staple"
    );
    let cookies = format!("accord_csrf={cookie}");
    let (status, head, body) = http(port, "POST", path, &cookies, &form);
    assert_eq!(status, 303, "{body}");
    assert!(head.contains("location: /admin"), "{head}");
    assert!(head.contains("accord_session="), "{head}");
    let (again, _, _) = http(port, "POST", path, &cookies, &form);
    assert_eq!(again, 404, "the link works once");
    drop(server);

    // With an administrator, a restart prints no link.
    let port = free_port();
    let (_server, printed) = serve_and_read(&data, port);
    assert!(
        !printed.iter().any(|l| l.contains("/setup/")),
        "{printed:?}"
    );
}

/// Runs `accord ARGS` and answers whether it succeeded, and what it printed.
fn accord_outcome(args: &[&str], stdin: &str) -> (bool, String) {
    let (ok, stdout, stderr) = support::accord_outcome(args, stdin);
    (ok, format!("{stdout}{stderr}"))
}

#[test]
fn operators_manage_logins_and_tokens_from_the_console() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    seed(&data);
    let data = data.to_str().expect("UTF-8");
    // A login that is taken refuses the whole command: nothing recorded.
    let key = accord(&["log", "verifier-key", "--data", data], "");
    let key = key.trim();
    let size_before = accord(&["log", "verify", "--data", data, "--key", key], "");
    let (ok, printed) = accord_outcome(
        &[
            "account",
            "add",
            "--data",
            data,
            "--person",
            "az-energy",
            "--name",
            "Elvin",
            "--organisation",
            "az-mfa",
            "--role",
            "co_chair:energy:AZ",
            "--email",
            "AYSEL@mfa.gov.az",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        !ok && printed.contains("already logs in as az-coord"),
        "{printed}"
    );
    assert_eq!(
        accord(&["log", "verify", "--data", data, "--key", key], ""),
        size_before
    );
    // A person without a password, invited: the link lets them set one.
    accord(
        &[
            "account",
            "add",
            "--data",
            data,
            "--person",
            "az-energy",
            "--name",
            "Elvin",
            "--organisation",
            "az-mfa",
            "--role",
            "co_chair:energy:AZ",
        ],
        "",
    );
    let link = accord(
        &[
            "account",
            "invite",
            "--data",
            data,
            "--person",
            "az-energy",
            "--email",
            "elvin@minenergy.gov.az",
            "--base-url",
            "http://accord.example",
        ],
        "",
    );
    assert!(
        link.trim().starts_with("http://accord.example/invitation/"),
        "{link}"
    );
    let path = link
        .trim()
        .trim_start_matches("http://accord.example")
        .to_owned();
    // A password set at the console works too, and a short one is refused.
    let (ok, printed) = accord_outcome(
        &[
            "account",
            "set-password",
            "--data",
            data,
            "--email",
            "elvin@minenergy.gov.az",
            "--password-stdin",
        ],
        "short\n",
    );
    assert!(
        !ok && printed.contains("at least 10 characters"),
        "{printed}"
    );
    accord(
        &[
            "account",
            "set-password",
            "--data",
            data,
            "--email",
            "elvin@minenergy.gov.az",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    let token = accord(
        &[
            "account",
            "api-token",
            "--data",
            data,
            "--person",
            "az-energy",
            "--name",
            "report",
        ],
        "",
    );
    let token = token.trim().to_owned();
    assert_eq!(token.len(), 64, "{token}");

    let port = free_port();
    let (server, printed) = serve_and_read(Path::new(data), port);
    assert!(
        !printed.iter().any(|l| l.contains("/setup/")),
        "{printed:?}"
    );
    let (status, _, page) = http(port, "GET", &path, "", "");
    assert_eq!(status, 200, "the invitation works until used: {page}");
    let bearer = |method: &str| {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("the server");
        let request = format!(
            "{method} /approvals HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).expect("sent");
        let mut raw = String::new();
        std::io::Read::read_to_string(&mut stream, &mut raw).expect("read");
        raw
    };
    let read = bearer("GET");
    assert!(read.starts_with("HTTP/1.1 200"), "{read}");
    assert!(read.contains("<code>az-energy</code>"));
    let write = bearer("POST");
    assert!(
        write.starts_with("HTTP/1.1 403") && write.contains("token_read_only"),
        "{write}"
    );
    drop(server);
    let (ok, _) = accord_outcome(&["account", "revoke-api-token", "--data", data], &token);
    assert!(ok);
    let (ok, printed) = accord_outcome(&["account", "revoke-api-token", "--data", data], &token);
    assert!(!ok && printed.contains("no live API token"), "{printed}");
}
