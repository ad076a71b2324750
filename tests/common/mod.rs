//! The integration-test harness: the real application on a random port,
//! against a fresh database (a SQLite file, or a PostgreSQL database created
//! for the test and dropped after it), spoken to over HTTP.
//!
//! `both_backends!` runs one test body on each backend.

#![allow(dead_code)]

pub mod browser;
pub mod hygiene;
pub mod listener;
pub mod pg;
pub mod proxy;
pub mod routes;
pub mod smtp;

use std::net::SocketAddr;
use std::sync::mpsc;
use std::time::Duration;

use actix_web::dev::ServerHandle;
use coproduce::config::{LogFormat, MailTransport, RateLimits, Settings};
use coproduce::db::{self, DatabaseUrl, DbConn};
use coproduce::keys::MasterKeySetting;
use coproduce::mail::Email;
use coproduce::tenancy::{self, Hostname, Slug, Tenant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs the body once on SQLite and once on PostgreSQL, as two tests named
/// `<name>::sqlite` and `<name>::postgres`.
///
/// `async fn name(app) { … }` gets a [`TestApp`] with the test settings;
/// `async fn name(backend b) { … }` gets the [`Backend`], for a body that
/// starts its app itself (e.g. with [`TestApp::spawn_with`]).
#[macro_export]
macro_rules! both_backends {
    ($(#[$meta:meta])* async fn $name:ident(backend $backend:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($backend: $crate::common::Backend) $body

            #[tokio::test]
            async fn sqlite() {
                body($crate::common::Backend::Sqlite).await
            }

            #[tokio::test]
            async fn postgres() {
                body($crate::common::Backend::Postgres).await
            }
        }
    };
    ($(#[$meta:meta])* async fn $name:ident($app:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($app: $crate::common::TestApp) $body

            #[tokio::test]
            async fn sqlite() {
                body($crate::common::TestApp::spawn($crate::common::Backend::Sqlite).await).await
            }

            #[tokio::test]
            async fn postgres() {
                body($crate::common::TestApp::spawn($crate::common::Backend::Postgres).await).await
            }
        }
    };
}

/// A fresh database for one test, removed when dropped.
pub enum TestDb {
    Sqlite { dir: tempfile::TempDir },
    Postgres(pg::PgTestDb),
}

impl TestDb {
    /// An empty database.
    pub fn create(backend: Backend) -> (TestDb, DatabaseUrl, tempfile::TempDir) {
        Self::make(backend, pg::PgTestDb::create)
    }

    /// A database with every migration applied (on PostgreSQL, a copy of a
    /// migrated template; on SQLite, migrating is quick).
    pub fn migrated(backend: Backend) -> (TestDb, DatabaseUrl, tempfile::TempDir) {
        Self::make(backend, pg::PgTestDb::migrated)
    }

    fn make(
        backend: Backend,
        postgres: fn() -> pg::PgTestDb,
    ) -> (TestDb, DatabaseUrl, tempfile::TempDir) {
        let data_dir = tempfile::tempdir().expect("temp dir");
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = DatabaseUrl::Sqlite(dir.path().join("coproduce.db"));
                (TestDb::Sqlite { dir }, url, data_dir)
            }
            Backend::Postgres => {
                let db = postgres();
                let url = DatabaseUrl::Postgres(db.url.clone());
                (TestDb::Postgres(db), url, data_dir)
            }
        }
    }
}

/// Settings for a test: port 0, one HTTP worker, mail to a folder in a temp
/// dir, delivered by the app's mail worker.
pub fn test_settings(database: DatabaseUrl, data_dir: &std::path::Path) -> Settings {
    Settings {
        bind: "127.0.0.1:0".parse().unwrap(),
        data_dir: data_dir.to_owned(),
        database,
        mail: MailTransport::Folder(data_dir.join("mail")),
        mail_from: Email::parse("no-reply@coproduce.test").unwrap(),
        // Short, so tests see mail soon; the worker still sleeps between looks.
        mail_poll: Duration::from_millis(50),
        default_tenant: None,
        log_format: LogFormat::Text,
        trusted_proxies: vec![],
        workers: 1,
        insecure_http: true,
        session_idle: chrono::Duration::hours(2),
        session_max: chrono::Duration::days(7),
        // On, so every test runs through the limits, but far above what
        // any test does from its one address; `rate_limit` tests lower them.
        rate_limits: RateLimits {
            enabled: true,
            sign_in_per_minute: 10_000,
            failed_sign_ins_per_account: 1_000,
            registrations_per_hour: 10_000,
            resets_per_hour: 10_000,
        },
        // The defaults of a fresh data folder: the key store and a generated
        // master key in the test's temp dir, whichever backend the data uses.
        key_store: DatabaseUrl::Sqlite(data_dir.join("keys").join("keystore.db")),
        master_key: MasterKeySetting::Generated(MasterKeySetting::default_path(data_dir)),
        // Off: tests send digests when they choose (`digests send --now`).
        digest_hour: None,
        // Off: `/metrics` is not served unless a test sets a token.
        metrics_token: None,
        mail_worker: true,
        statement_timeout: Some(coproduce::config::DEFAULT_STATEMENT_TIMEOUT),
        migrate_on_start: true,
    }
}

/// The application under test, running on its own thread.
pub struct TestApp {
    pub addr: SocketAddr,
    pub backend: Backend,
    pub settings: Settings,
    /// The app's own connection pool, for tests that change what its
    /// connections see (e.g. a database that has run out of space).
    pub pool: db::Pool,
    handle: ServerHandle,
    thread: Option<std::thread::JoinHandle<()>>,
    // Dropped last: the database outlives the server.
    _data_dir: tempfile::TempDir,
    _db: TestDb,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Starts the app after `adjust` has changed the settings.
    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let (db, url, data_dir) = TestDb::migrated(backend);
        let mut settings = test_settings(url, data_dir.path());
        adjust(&mut settings);
        let (tx, rx) = mpsc::channel();
        let for_thread = settings.clone();
        let thread = std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                match coproduce::App::build(for_thread) {
                    Ok(app) => {
                        tx.send(Ok((app.addr(), app.handle(), app.state().pool.clone())))
                            .unwrap();
                        app.run().await.expect("server ran");
                    }
                    Err(e) => tx.send(Err(e.to_string())).unwrap(),
                }
            })
        });
        let (addr, handle, pool) = tokio::task::spawn_blocking(move || rx.recv())
            .await
            .unwrap()
            .expect("the app thread answered")
            .unwrap_or_else(|e| panic!("the app did not start: {e}"));
        TestApp {
            addr,
            backend,
            settings,
            pool,
            handle,
            thread: Some(thread),
            _data_dir: data_dir,
            _db: db,
        }
    }

    /// The app's key store, opened a second time (for sealing and opening
    /// what the app sealed, such as authenticator keys).
    pub fn keys(&self) -> coproduce::keys::KeyStore {
        coproduce::keys::KeyStore::from_settings(&self.settings).expect("the key store opens")
    }

    /// The authenticator key of a person with two-step sign-in, opened
    /// from its sealed form.
    pub async fn totp_secret_of(
        &self,
        user: &coproduce::accounts::User,
    ) -> coproduce::accounts::second_factor::TotpSecret {
        let keys = self.keys();
        let user = user.clone();
        self.db(move |conn| {
            let stored = coproduce::accounts::service::find_user(conn, &user.tenant_id, &user.id)
                .unwrap()
                .expect("the user exists")
                .totp_secret
                .expect("two-step sign-in is on");
            coproduce::accounts::service::open_totp_secret(
                &keys,
                &user.tenant_id,
                &user.id,
                &stored,
            )
            .unwrap()
        })
        .await
    }

    /// A direct database connection, for seeding and for checking state.
    pub fn conn(&self) -> DbConn {
        db::connect(&self.settings.database).expect("test database connection")
    }

    /// Runs database work (e.g. a service function) off the async thread.
    pub async fn db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut DbConn) -> T + Send + 'static,
    ) -> T {
        let url = self.settings.database.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = db::connect(&url).expect("test database connection");
            work(&mut conn)
        })
        .await
        .expect("database work finished")
    }

    /// Creates a tenant through the service layer.
    pub async fn tenant(&self, slug: &str, name: &str, hosts: &[&str]) -> Tenant {
        let slug = Slug::parse(slug).unwrap();
        let name = name.to_owned();
        let hosts: Vec<Hostname> = hosts.iter().map(|h| Hostname::parse(h).unwrap()).collect();
        self.db(move |conn| tenancy::service::create(conn, &slug, &name, &hosts))
            .await
            .expect("tenant created")
    }

    /// The URL of a path on a host, on this app's port.
    pub fn url(&self, host: &str, path: &str) -> String {
        format!("http://{host}:{}{path}", self.addr.port())
    }

    /// An HTTP client that reaches this app under the given hostname (it
    /// resolves the name to the app's address, as DNS would in production).
    pub fn client(&self, host: &str) -> reqwest::Client {
        reqwest::Client::builder()
            // Under the server's 5 s keep-alive, so no request goes out on a
            // connection the server is closing.
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .resolve(host, self.addr)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("http client")
    }

    /// [`TestApp::client`] that keeps cookies, as a browser does.
    pub fn cookie_client(&self, host: &str) -> reqwest::Client {
        reqwest::Client::builder()
            // Under the server's 5 s keep-alive, so no request goes out on a
            // connection the server is closing.
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .resolve(host, self.addr)
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("http client")
    }

    pub async fn get(&self, host: &str, path: &str) -> reqwest::Response {
        self.client(host)
            .get(self.url(host, path))
            .send()
            .await
            .expect("request sent")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // The server runs on its own thread, so waiting here cannot block it.
        futures::executor::block_on(self.handle.stop(false));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads a response body as JSON, failing the test with the body if it is
/// not.
pub async fn json(res: reqwest::Response) -> serde_json::Value {
    let text = res.text().await.expect("body");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Asserts a response is RFC 9457 problem details with this status and code.
pub async fn assert_problem(res: reqwest::Response, status: u16, code: &str) -> serde_json::Value {
    assert_eq!(res.status().as_u16(), status, "status");
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        ct.starts_with("application/problem+json"),
        "content type {ct}"
    );
    let body = json(res).await;
    assert_eq!(body["status"], status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    for field in ["type", "title", "detail"] {
        assert!(body[field].is_string(), "{field} missing: {body}");
    }
    body
}

/// The text of the latest email of this kind sent to this address, once
/// the app's mail worker has delivered it (waits up to ten seconds).
pub async fn delivered_email(app: &TestApp, to: &str, kind: &str) -> String {
    use coproduce::db::schema::outbox;
    use diesel::prelude::*;
    let (to, kind) = (to.to_owned(), kind.to_owned());
    for _ in 0..200 {
        let (to, kind) = (to.clone(), kind.clone());
        let found: Option<String> = app
            .db(move |conn| {
                outbox::table
                    .filter(outbox::recipient.eq(&to))
                    .filter(outbox::kind.eq(&kind))
                    .filter(outbox::status.eq("sent"))
                    .order(outbox::created_at.desc())
                    .select(outbox::body_text)
                    .first(conn)
                    .optional()
                    .unwrap()
            })
            .await;
        if let Some(text) = found {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no {kind} email was delivered to {to}");
}

/// The first link in an email's text.
pub fn link_in(text: &str) -> String {
    text.split_whitespace()
        .find(|w| w.starts_with("http://") || w.starts_with("https://"))
        .unwrap_or_else(|| panic!("no link in: {text}"))
        .to_owned()
}

/// The `token` query parameter of a link.
pub fn token_in(link: &str) -> String {
    let url = url::Url::parse(link).expect("a URL");
    url.query_pairs()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
        .expect("a token in the link")
}

/// The CSRF token of the first form on a page.
pub fn csrf_in(html: &str) -> String {
    let marker = r#"name="csrf" value=""#;
    let start = html.find(marker).expect("a form with a CSRF token") + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

/// The CSRF token of the form on the page at `path`, as `client` sees it.
pub async fn page_csrf(app: &TestApp, client: &reqwest::Client, host: &str, path: &str) -> String {
    let res = client.get(app.url(host, path)).send().await.unwrap();
    csrf_in(&res.text().await.unwrap())
}

/// Signs in on the sign-in page as a browser does, going on to `next`
/// when given.
pub async fn sign_in_on_page(
    app: &TestApp,
    client: &reqwest::Client,
    host: &str,
    (email, password): (&str, &str),
    next: Option<&str>,
) -> reqwest::Response {
    let csrf = page_csrf(app, client, host, "/sign-in").await;
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("email", email),
        ("password", password),
    ];
    form.extend(next.map(|next| ("next", next)));
    client
        .post(app.url(host, "/sign-in"))
        .form(&form)
        .send()
        .await
        .unwrap()
}

/// A citizen of `slug` (no second factor), made by [`user`].
pub async fn citizen(app: &TestApp, slug: &str, email: &str) -> coproduce::accounts::User {
    user(
        app,
        slug,
        email,
        coproduce::accounts::Role::Citizen,
        false,
        false,
    )
    .await
}

/// Sends a proposal over the API as the holder of `token`.
pub async fn propose(
    app: &TestApp,
    host: &str,
    token: &str,
    body: serde_json::Value,
) -> reqwest::Response {
    let post = reqwest::Method::POST;
    send(
        app,
        host,
        post,
        "/api/v1/proposals",
        Some(token),
        Some(body),
    )
    .await
}

/// The password of every account made by [`user`].
pub const USER_PASSWORD: &str = "violet kettle harbour 42";

/// An account in a tenant, ready to sign in with [`USER_PASSWORD`]: made
/// through the service layer, optionally a platform operator and with a
/// second factor, so tests need not walk through the two-factor pages.
pub async fn user(
    app: &TestApp,
    tenant_slug: &str,
    email: &str,
    role: coproduce::accounts::Role,
    operator: bool,
    totp: bool,
) -> coproduce::accounts::User {
    use coproduce::accounts::password::{hash_blocking, Password};
    use coproduce::accounts::second_factor::TotpSecret;
    use coproduce::accounts::service::{self, Provision, Provisioned};
    let slug = Slug::parse(tenant_slug).unwrap();
    let email = Email::parse(email).unwrap();
    let keys = app.keys();
    app.db(move |conn| {
        let tenant = tenancy::service::find_by_slug(conn, &slug)
            .unwrap()
            .expect("the tenant exists");
        let hash = hash_blocking(&Password::parse_new(USER_PASSWORD, &[]).unwrap()).unwrap();
        let account = Provision {
            display_name: email.as_str().split('@').next().unwrap().to_owned(),
            email,
            role,
            platform_operator: operator,
        };
        let user = match service::provision(conn, &tenant, "http://unused", &account, Some(&hash))
            .unwrap()
        {
            Provisioned::Created { user, .. } | Provisioned::RoleChanged { user, .. } => user,
        };
        if totp {
            let secret = TotpSecret::generate().unwrap();
            service::enable_second_factor(conn, &keys, &user, &secret, 0, &[]).unwrap();
        }
        service::find_user(conn, &user.tenant_id, &user.id)
            .unwrap()
            .expect("the user exists")
    })
    .await
}

/// A client signed in as `user` on `host` (a browser session started in the
/// service layer, its cookie preset), which follows no redirects.
pub async fn browser_session(
    app: &TestApp,
    host: &str,
    user: &coproduce::accounts::User,
) -> reqwest::Client {
    let secret = session_secret(app, user, coproduce::accounts::model::SessionKind::Browser).await;
    let jar = reqwest::cookie::Jar::default();
    let url = url::Url::parse(&app.url(host, "/")).unwrap();
    jar.add_cookie_str(&format!("coproduce_session={secret}; Path=/"), &url);
    reqwest::Client::builder()
        // Under the server's 5 s keep-alive, so no request goes out on a
        // connection the server is closing.
        .pool_idle_timeout(std::time::Duration::from_secs(2))
        .resolve(host, app.addr)
        .cookie_provider(std::sync::Arc::new(jar))
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("http client")
}

/// The secret of a fresh, fully signed-in session of `user`.
pub async fn session_secret(
    app: &TestApp,
    user: &coproduce::accounts::User,
    kind: coproduce::accounts::model::SessionKind,
) -> String {
    use coproduce::accounts::service::{self, SessionLifetimes};
    let user = user.clone();
    app.db(move |conn| {
        service::start_session(conn, &user, kind, "test", true, SessionLifetimes::default())
            .unwrap()
            .1
    })
    .await
}

/// An API access token for `user` (an API session started in the service
/// layer, the token signed with the app's own keys).
pub async fn api_token(app: &TestApp, user: &coproduce::accounts::User) -> String {
    use coproduce::accounts::service::{self, SessionLifetimes};
    use coproduce::accounts::tokens::AccessKeys;
    use coproduce::secrets::Secrets;
    let keys = AccessKeys::from_secrets(
        &Secrets::load_or_create(&Secrets::default_path(&app.settings.data_dir)).unwrap(),
    );
    let user = user.clone();
    app.db(move |conn| {
        let (session, _) = service::start_session(
            conn,
            &user,
            coproduce::accounts::model::SessionKind::Api,
            "test",
            true,
            SessionLifetimes::default(),
        )
        .unwrap();
        keys.issue(&user.tenant_id, &user.id, &session.id)
    })
    .await
}

/// Sends a request to the app under `host`, with an optional bearer token
/// and JSON body.
pub async fn send(
    app: &TestApp,
    host: &str,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<serde_json::Value>,
) -> reqwest::Response {
    let mut req = app.client(host).request(method, app.url(host, path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    req.send().await.unwrap()
}
