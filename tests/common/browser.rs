//! Drives Debian's headless Chromium through chromedriver (WebDriver) and
//! checks pages with axe-core. Browser tests never skip: when Chromium,
//! chromedriver or axe-core is missing the test fails and says how to
//! install it (`bash scripts/test` does).
//!
//! The browser is Chromium's headless shell (Debian's
//! `chromium-headless-shell`, built from the same source as `chromium`):
//! the same Blink renders and lays out each page, without the desktop
//! browser around it. On this 2-core machine it started in 0.3 CPU-s
//! against 1.3 s for `chromium --headless=new` and took 67 ms of CPU per
//! page against 183 ms, and Chromium was over half of the test run's CPU.
//! `COPRODUCE_CHROMIUM=/usr/bin/chromium` runs the tests in the full
//! browser instead (`scripts/screenshots` does, for the README's pictures).

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use super::{Backend, TestApp};

const HEADLESS_SHELL: &str = "/usr/bin/chromium-headless-shell";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The Chromium binary the tests drive (see the module's docs).
fn chromium() -> String {
    std::env::var("COPRODUCE_CHROMIUM").unwrap_or_else(|_| HEADLESS_SHELL.to_owned())
}

pub struct Browser {
    pub client: Client,
    driver: Child,
    profile: tempfile::TempDir,
    /// Whether [`Browser::assert_accessible`] runs its checks (see there).
    checks_accessibility: bool,
}

/// With `COPRODUCE_AXE_REPORT` set to a file, appends one JSON line per
/// page checked (address, rules passed, violations by impact), so a run can
/// list every page axe-core looked at.
fn report_axe(url: &url::Url, answer: &Value) {
    let Ok(path) = std::env::var("COPRODUCE_AXE_REPORT") else {
        return;
    };
    let impacts: Vec<&str> = answer["violations"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| v["impact"].as_str().unwrap_or("unknown"))
        .collect();
    let line = json!({
        "page": url.path(),
        "query": url.query(),
        "test": std::thread::current().name().unwrap_or(""),
        "passes": answer["passes"],
        "incomplete": answer["incomplete"],
        "violations": impacts,
    });
    use std::io::Write;
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        // One write per line: tests run in parallel, and `writeln!` issues
        // several writes that another test's line could land between.
        let _ = file.write_all(format!("{line}\n").as_bytes());
    }
}

fn axe_source() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/node_modules/axe-core/axe.min.js"
    );
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("axe-core is missing at {path} ({e}); run `npm ci`"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Browser {
    /// Starts Chromium for one test of `app`. Hostnames ending in `.test`
    /// resolve to this machine, so tenants can be reached by name.
    pub async fn start(app: &TestApp) -> Browser {
        let chromium = chromium();
        for tool in [chromium.as_str(), CHROMEDRIVER] {
            assert!(
                std::path::Path::new(tool).exists(),
                "{tool} is missing: install Debian's chromium-headless-shell and chromium-driver (`bash scripts/test` does)"
            );
        }
        // chromedriver makes Chromium's profile in its TMPDIR and removes it
        // when the session ends; here that is a folder this test owns, so a
        // test that fails before `close` leaves nothing behind either. (The
        // headless shell finds no page to drive when given a profile of
        // its own with `--user-data-dir`.)
        let profile = tempfile::tempdir().expect("profile dir");
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .env("TMPDIR", profile.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let started = Instant::now();
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        while TcpStream::connect_timeout(&addr, Duration::from_millis(100)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut args = vec![
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            // A new document reuses its frame's renderer host, as before
            // Chromium's RenderDocument: a fifth less CPU per page.
            "--disable-features=RenderDocument",
            "--host-resolver-rules=MAP *.test 127.0.0.1",
            "--window-size=1280,900",
        ];
        if !chromium.ends_with("headless-shell") {
            args.insert(0, "--headless=new");
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": chromium, "args": args }),
        );
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session with Chromium");
        Browser {
            client,
            driver,
            profile,
            checks_accessibility: app.backend == Backend::Sqlite,
        }
    }

    pub async fn goto(&self, app: &TestApp, host: &str, path: &str) {
        self.client
            .goto(&app.url(host, path))
            .await
            .unwrap_or_else(|e| panic!("could not open {path}: {e}"));
    }

    /// The text of the first element matching `css`, waiting (up to ten
    /// seconds) for it to appear, since the page may still be loading.
    pub async fn text(&self, css: &str) -> String {
        for _ in 0..100 {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    return text;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no element `{css}` on the page");
    }

    /// Waits (up to ten seconds) for the page's `h1` to read `heading`:
    /// after a click, the next page may still be loading.
    pub async fn wait_for_heading(&self, heading: &str) {
        let mut last = String::new();
        for _ in 0..100 {
            if let Ok(el) = self.client.find(Locator::Css("h1")).await {
                if let Ok(text) = el.text().await {
                    if text == heading {
                        return;
                    }
                    last = text;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("expected the heading `{heading}`, the page shows `{last}`");
    }

    pub async fn title(&self) -> String {
        self.client.title().await.expect("page title")
    }

    /// Runs axe-core on the current page and fails the test on any
    /// violation of any impact, printing each one; then checks the page
    /// reflows at 320 CSS px (WCAG 1.4.10) without scrolling sideways.
    ///
    /// Only in a test's SQLite run: a page's markup comes from the same
    /// templates whichever database holds the data, and a check costs
    /// Chromium 0.3 to 0.9 s, over two hundred of them in a test run. The
    /// PostgreSQL run still drives every step of the same flow and asserts
    /// what it shows.
    pub async fn assert_accessible(&self) {
        if !self.checks_accessibility {
            return;
        }
        let url = self.client.current_url().await.expect("current url");
        self.client
            .execute(&axe_source(), vec![])
            .await
            .expect("axe-core injected");
        let raw = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                    .then(r => done(JSON.stringify({
                        violations: r.violations,
                        passes: r.passes.length,
                        incomplete: r.incomplete.length,
                    })))
                    .catch(e => done(JSON.stringify({ error: String(e) })));",
                vec![],
            )
            .await
            .expect("axe ran");
        let answer: Value =
            serde_json::from_str(raw.as_str().unwrap_or("null")).expect("axe answered JSON");
        if let Some(error) = answer.get("error") {
            panic!("axe failed on {url}: {error}");
        }
        let violations = &answer["violations"];
        report_axe(&url, &answer);
        let mut found = Vec::new();
        for v in violations.as_array().into_iter().flatten() {
            let impact = v["impact"].as_str().unwrap_or("unknown");
            let targets: Vec<String> = v["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| n["target"].to_string())
                .collect();
            found.push(format!(
                "{} [{impact}] {} at {}",
                v["id"],
                v["help"],
                targets.join(", ")
            ));
        }
        assert!(
            found.is_empty(),
            "axe found problems on {url}:\n{}",
            found.join("\n")
        );
        self.assert_reflows().await;
    }

    /// Narrows the window to 320 CSS px, fails if the page then scrolls
    /// sideways (naming the widest elements), and restores the width.
    pub async fn assert_reflows(&self) {
        let url = self.client.current_url().await.expect("current url");
        // Headless Chromium keeps a minimum window width above 320, so the
        // narrow viewport is emulated through the DevTools protocol.
        self.set_viewport(Some(320)).await;
        let raw = self
            .client
            .execute(
                "const d = document.documentElement;
                 const wide = [...document.querySelectorAll('body *')]
                   .filter(e => e.getBoundingClientRect().right > d.clientWidth + 1)
                   .slice(0, 5)
                   .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                        (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
                 return JSON.stringify({ scroll: d.scrollWidth, client: d.clientWidth, wide });",
                vec![],
            )
            .await
            .expect("measured the page");
        self.set_viewport(None).await;
        let m: Value = serde_json::from_str(raw.as_str().unwrap_or("null")).expect("JSON");
        assert!(
            m["scroll"].as_i64() <= m["client"].as_i64(),
            "{url} scrolls sideways at 320 CSS px: {m}"
        );
    }

    /// Emulates a viewport `width` CSS px wide (None: the window's own).
    async fn set_viewport(&self, width: Option<u32>) {
        let (cmd, params) = match width {
            Some(w) => (
                "Emulation.setDeviceMetricsOverride",
                json!({ "width": w, "height": 800, "deviceScaleFactor": 1, "mobile": false }),
            ),
            None => ("Emulation.clearDeviceMetricsOverride", json!({})),
        };
        self.cdp(cmd, params).await;
    }

    /// Sends one Chrome DevTools Protocol command through chromedriver.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.client
            .issue_cmd(Cdp {
                cmd: cmd.to_owned(),
                params,
            })
            .await
            .unwrap_or_else(|e| panic!("DevTools command {cmd} failed: {e}"))
    }

    /// Ends the session; call at the end of every browser test.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

/// chromedriver's `goog/cdp/execute` endpoint: a DevTools command.
#[derive(Debug)]
struct Cdp {
    cmd: String,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or("")
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // Chromium outlives a killed chromedriver; its profile, in the
        // folder this test owns, names it.
        let _ = Command::new("pkill")
            .arg("-f")
            .arg(self.profile.path())
            .status();
        // Chromium writes to its profile as it exits: wait for it (up to
        // 5 s), or the folder is removed before the last of its files.
        for _ in 0..100 {
            let running = Command::new("pgrep")
                .arg("-f")
                .arg(self.profile.path())
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if !running {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
