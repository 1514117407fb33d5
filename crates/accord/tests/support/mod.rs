//! What the binary's end-to-end tests share: running `accord`, free ports,
//! and child processes that end with the test.
//!
//! With `ACCORD_TEST_SERVE_STORE=postgres` (`scripts/test` runs the browser
//! and API contract tests so, on its private cluster), every command that
//! names a data folder keeps that instance's log and accounts in a
//! PostgreSQL schema of its own instead (`on_test_store`).

// Each test binary compiles this module and uses part of it.
#![allow(dead_code)]

use std::io::Write as _;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};

/// The `accord` binary under test.
pub const ACCORD: &str = env!("CARGO_BIN_EXE_accord");

/// A child process killed when the test ends, however it ends.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A TCP port free on this machine now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Runs `accord ARGS`, feeding `stdin`; answers whether it succeeded, and
/// what it printed (standard output, then standard error).
pub fn accord_outcome(args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(ACCORD)
        .args(on_test_store(args))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the accord binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("accord finishes");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `accord ARGS`, feeding `stdin`; fails the test if it fails, and
/// answers its standard output.
pub fn accord(args: &[&str], stdin: &str) -> String {
    let (ok, stdout, stderr) = accord_outcome(args, stdin);
    assert!(ok, "accord {args:?} failed: {stdout}{stderr}");
    stdout
}

/// One plain HTTP/1.1 exchange with the server: status, head and body.
pub fn http(
    port: u16,
    method: &str,
    path: &str,
    cookie: &str,
    form: &str,
) -> (u16, String, String) {
    request(
        port,
        method,
        path,
        &[
            ("Cookie", cookie),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        form,
    )
}

/// One HTTP/1.1 exchange with `headers`: status, head and body.
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    use std::io::Read as _;
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("the server");
    let headers: String = headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}\r\n"))
        .collect();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .expect("a request sent");
    let mut raw = String::new();
    stream.read_to_string(&mut raw).expect("a response");
    let (head, body) = raw.split_once("\r\n\r\n").expect("a head");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    (status, head.to_owned(), body.to_owned())
}

/// Starts `accord serve ARGS` and waits until it says it serves.
pub fn serve(args: &[&str]) -> Running {
    use std::io::BufRead as _;
    let mut child = Command::new(ACCORD)
        .arg("serve")
        .args(on_test_store(args))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("accord serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let running = Running(child);
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    loop {
        let line = receiver
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("accord serve prints that it listens");
        if line.contains("serving") {
            return running;
        }
    }
}

/// A URL selecting a fresh schema of the PostgreSQL server that
/// `ACCORD_TEST_DATABASE_URL` names (`scripts/test` starts one), and the
/// admin connection that drops it at the end.
pub struct Schema {
    pub url: String,
    name: String,
    admin: postgres::Client,
}

impl Schema {
    pub fn fresh() -> Schema {
        let base = std::env::var("ACCORD_TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| {
                panic!(
                    "ACCORD_TEST_DATABASE_URL is not set: this test needs a PostgreSQL server. \
                     Run scripts/test, which starts a private cluster and sets it."
                )
            });
        let mut admin = postgres::Client::connect(&base, postgres::NoTls).expect("the server");
        let name = format!(
            "accord_serve_{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        );
        admin
            .batch_execute(&format!("CREATE SCHEMA {name}"))
            .expect("a schema");
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-csearch_path%3D{name}");
        Schema { url, name, admin }
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let _ = self
            .admin
            .batch_execute(&format!("DROP SCHEMA {} CASCADE", self.name));
    }
}

/// A private PostgreSQL cluster of the test's own, which the test may stop
/// and start again (as an operator's restart), removed at the end. Its
/// server binaries are PostgreSQL's Debian layout (`scripts/test` installs
/// them); as root the cluster runs as the `postgres` user, as initdb asks.
pub struct Cluster {
    dir: tempfile::TempDir,
    bindir: std::path::PathBuf,
    pub port: u16,
}

impl Cluster {
    pub fn start() -> Cluster {
        let bindir = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL's server binaries (run scripts/test, which installs them)")
            .filter_map(Result::ok)
            .map(|e| e.path().join("bin"))
            .find(|bin| bin.join("initdb").is_file())
            .expect("an initdb under /usr/lib/postgresql/*/bin");
        let dir = tempfile::tempdir().expect("a folder");
        let cluster = Cluster {
            dir,
            bindir,
            port: free_port(),
        };
        if is_root() {
            let owned = Command::new("chown")
                .arg("postgres")
                .arg(cluster.dir.path())
                .status();
            assert!(owned.is_ok_and(|s| s.success()), "chown to postgres");
        }
        let data = cluster.data();
        cluster.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "accord",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
            ],
        );
        cluster.start_again();
        cluster
    }

    /// `postgres://accord@127.0.0.1:PORT/postgres`.
    pub fn url(&self) -> String {
        format!("postgres://accord@127.0.0.1:{}/postgres", self.port)
    }

    /// Stops the server as an operator's restart does (`-m fast`: sessions
    /// are ended, the data is kept).
    pub fn stop(&self) {
        self.run("pg_ctl", &["-D", &self.data(), "-m", "fast", "-w", "stop"]);
    }

    /// Starts the stopped server again on the same port.
    pub fn start_again(&self) {
        let options = format!(
            "-c listen_addresses=127.0.0.1 -c port={} -c unix_socket_directories={}",
            self.port,
            self.dir.path().display()
        );
        let log = format!("{}/server.log", self.dir.path().display());
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data(),
                "-l",
                &log,
                "-w",
                "-o",
                &options,
                "start",
            ],
        );
    }

    fn data(&self) -> String {
        format!("{}/data", self.dir.path().display())
    }

    fn run(&self, program: &str, args: &[&str]) {
        let program = self.bindir.join(program);
        let mut command = if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        let out = command.args(args).output().expect("a PostgreSQL tool runs");
        assert!(
            out.status.success(),
            "{} {args:?} failed: {}",
            program.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self.run_quietly(&["-D", &self.data(), "-m", "immediate", "stop"]);
    }
}

impl Cluster {
    fn run_quietly(&self, args: &[&str]) -> std::io::Result<std::process::Output> {
        let program = self.bindir.join("pg_ctl");
        if is_root() {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&program)
                .args(args)
                .output()
        } else {
            Command::new(&program).args(args).output()
        }
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `args`, with `--database-url` beside a `--data DIR` that has none when
/// the tests run on PostgreSQL (`ACCORD_TEST_SERVE_STORE=postgres`): each
/// data folder gets a schema of its own in the server that
/// `ACCORD_TEST_DATABASE_URL` names, the same for every command about it.
/// The schemas stay until the server goes (the test script's cluster is
/// temporary).
pub fn on_test_store(args: &[&str]) -> Vec<String> {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};
    static SCHEMAS: LazyLock<Mutex<HashMap<String, String>>> = LazyLock::new(Mutex::default);

    let mut out: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let on_postgres = std::env::var("ACCORD_TEST_SERVE_STORE").is_ok_and(|s| s == "postgres");
    if !on_postgres || args.contains(&"--database-url") {
        return out;
    }
    let Some(data) = args
        .iter()
        .position(|a| *a == "--data")
        .and_then(|i| args.get(i + 1))
    else {
        return out;
    };
    let url = SCHEMAS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .entry((*data).to_owned())
        .or_insert_with(|| {
            let schema = Schema::fresh();
            let url = schema.url.clone();
            // Kept: every later command about this folder uses it.
            std::mem::forget(schema);
            url
        })
        .clone();
    out.extend(["--database-url".to_owned(), url]);
    out
}
