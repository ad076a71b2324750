//! The command line: help, tenant management, settings errors that name the
//! setting, and `serve` on a fresh data folder with graceful shutdown.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::both_backends;
use crate::common::TestApp;

/// The binary, with no settings from the test's own environment.
pub(crate) fn coproduce() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coproduce"));
    for var in [
        "DATABASE_URL",
        "COPRODUCE_BIND",
        "COPRODUCE_DATA_DIR",
        "COPRODUCE_MAIL",
        "COPRODUCE_DEFAULT_TENANT",
        "COPRODUCE_CONFIG",
        "COPRODUCE_KEY_STORE",
        "COPRODUCE_MASTER_KEY",
        "COPRODUCE_MASTER_KEY_FILE",
        "COPRODUCE_OLD_MASTER_KEYS",
        "COPRODUCE_MIGRATE_DATABASE_URL",
        "COPRODUCE_MIGRATE_ON_START",
        "COPRODUCE_STATEMENT_TIMEOUT_SECONDS",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("RUST_LOG", "warn");
    cmd
}

/// The command, pointed at the test app's database.
fn coproduce_on(app: &TestApp) -> Command {
    let mut cmd = coproduce();
    cmd.arg("--data-dir")
        .arg(&app.settings.data_dir)
        .arg("--database-url")
        .arg(app.settings.database.expose());
    cmd
}

/// A `coproduce serve` process, killed when dropped.
pub(crate) struct Served {
    pub(crate) child: Child,
    pub(crate) addr: SocketAddr,
    /// What it printed before its address.
    pub(crate) printed: Vec<String>,
    /// What it prints after that.
    pub(crate) stdout: mpsc::Receiver<String>,
    /// Its log lines.
    pub(crate) log: mpsc::Receiver<String>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `cmd serve` on a port of its own and waits until it says where.
pub(crate) fn serve(mut cmd: Command) -> Served {
    let mut child = cmd
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("coproduce serve starts");
    let lines = |from: Box<dyn std::io::Read + Send>| {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(from).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        rx
    };
    let stdout = lines(Box::new(child.stdout.take().unwrap()));
    let log = lines(Box::new(child.stderr.take().unwrap()));
    let mut printed = Vec::new();
    let addr = loop {
        let line = stdout
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("serve printed no address: {printed:?}"));
        if let Some(rest) = line.split("listening on ").nth(1) {
            break rest.split_whitespace().next().unwrap().parse().unwrap();
        }
        printed.push(line);
    };
    Served {
        child,
        addr,
        printed,
        stdout,
        log,
    }
}

pub(crate) fn out(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn help_lists_the_commands_and_their_settings() {
    let o = coproduce().arg("--help").output().unwrap();
    assert!(o.status.success());
    let (stdout, _) = out(&o);
    for word in [
        "serve",
        "migrate",
        "tenant",
        "--data-dir",
        "DATABASE_URL",
        "COPRODUCE_DATA_DIR",
    ] {
        assert!(stdout.contains(word), "help lacks {word}:\n{stdout}");
    }
    let o = coproduce()
        .args(["tenant", "create", "--help"])
        .output()
        .unwrap();
    assert!(out(&o).0.contains("--host"));
}

both_backends!(
    async fn tenants_are_managed_from_the_command_line_and_served_at_once(app) {
        let o = coproduce_on(&app)
            .args(["tenant", "create", "--slug", "coventry", "--name", "Coventry"])
            .args(["--host", "coventry.test", "--host", "www.coventry.test"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{:?}", out(&o));
        assert!(out(&o).0.contains("Created the tenant `coventry`"));

        // The running server sees the tenant the CLI created.
        let res = app.get("www.coventry.test", "/").await;
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("Coventry"));

        let o = coproduce_on(&app).args(["tenant", "add-host", "--slug", "coventry", "--host", "cov.test"]).output().unwrap();
        assert!(o.status.success(), "{:?}", out(&o));
        let o = coproduce_on(&app).args(["tenant", "remove-host", "--slug", "coventry", "--host", "www.coventry.test"]).output().unwrap();
        assert!(o.status.success(), "{:?}", out(&o));

        let o = coproduce_on(&app).args(["tenant", "list"]).output().unwrap();
        let (list, _) = out(&o);
        assert!(list.contains("coventry\tCoventry\tactive\tcov.test, coventry.test"), "{list}");

        for (args, says) in [
            (vec!["tenant", "create", "--slug", "Bad Slug", "--name", "X", "--host", "x.test"], "--slug"),
            (vec!["tenant", "create", "--slug", "coventry", "--name", "X", "--host", "x.test"], "already exists"),
            (vec!["tenant", "create", "--slug", "other", "--name", "X", "--host", "http://x.test/"], "--host"),
            (vec!["tenant", "create", "--slug", "other", "--name", "X", "--host", "cov.test"], "already serves"),
            (vec!["tenant", "add-host", "--slug", "nobody", "--host", "n.test"], "no tenant with the slug"),
        ] {
            let o = coproduce_on(&app).args(&args).output().unwrap();
            let (_, stderr) = out(&o);
            assert_eq!(o.status.code(), Some(1), "{args:?}: {stderr}");
            assert!(stderr.contains(says), "{args:?} should say {says}: {stderr}");
        }
        // Refused commands changed nothing.
        let o = coproduce_on(&app).args(["tenant", "list"]).output().unwrap();
        assert_eq!(out(&o).0.lines().count(), 1);
    }
);

#[test]
fn bad_settings_are_named_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = coproduce()
        .env("DATABASE_URL", "mysql://db/x")
        .env("COPRODUCE_DATA_DIR", dir.path())
        .arg("migrate")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        out(&o).1.contains("DATABASE_URL: uses the scheme `mysql`"),
        "{:?}",
        out(&o)
    );

    let o = coproduce()
        .args(["--config", "/nonexistent/coproduce.toml", "migrate"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).1.contains("--config: cannot read"), "{:?}", out(&o));

    let file = dir.path().join("coproduce.toml");
    std::fs::write(&file, "bind = \"here\"\n").unwrap();
    let o = coproduce()
        .arg("--config")
        .arg(&file)
        .arg("migrate")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).1.contains("`bind` in"), "{:?}", out(&o));

    std::fs::write(&file, "bnd = \"127.0.0.1:1\"\n").unwrap();
    let o = coproduce()
        .arg("--config")
        .arg(&file)
        .arg("migrate")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).1.contains("unknown field `bnd`"), "{:?}", out(&o));

    let o = coproduce()
        .args(["serve", "--bind", "not-an-address"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        out(&o).1.contains("--bind: `not-an-address`"),
        "{:?}",
        out(&o)
    );
}

#[test]
fn migrate_reports_what_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let run = || {
        coproduce()
            .arg("--data-dir")
            .arg(dir.path())
            .arg("migrate")
            .output()
            .unwrap()
    };
    let first = run();
    assert!(first.status.success(), "{:?}", out(&first));
    assert!(out(&first).0.contains("Applied"));
    assert!(dir.path().join("coproduce.db").exists());
    let second = run();
    assert!(out(&second).0.contains("up to date"));
}

#[test]
fn serve_refuses_a_port_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let o = coproduce()
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--bind", &addr])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).1.contains("already in use"), "{:?}", out(&o));
}

both_backends!(
    async fn serve_on_a_fresh_database_creates_the_default_tenant_and_stops_gracefully(app) {
        let mut served = serve(coproduce_on(&app));
        let (port, seen) = (served.addr.port(), &served.printed);
        assert!(seen.iter().any(|l| l.contains("Created the tenant `local`")), "{seen:?}");

        let html = reqwest::get(format!("http://localhost:{port}/"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("Our place: shaping services together"));
        let url_line = served.stdout.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(url_line.contains(&format!("http://localhost:{port}/")), "{url_line}");

        let status = Command::new("kill")
            .args(["-TERM", &served.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let mut waited = 0;
        let exit = loop {
            if let Some(exit) = served.child.try_wait().unwrap() {
                break exit;
            }
            assert!(waited < 100, "serve did not stop on SIGTERM");
            waited += 1;
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        assert!(exit.success(), "graceful shutdown exits 0: {exit:?}");
    }
);

both_backends!(
    async fn user_create_invites_by_email_and_changes_roles(app) {
        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let run = |args: &[&str]| {
            coproduce_on(&app)
                .args(args)
                .stdin(Stdio::null())
                .output()
                .unwrap()
        };
        let o = run(&["user", "create", "--tenant", "coventry", "--email", "Admin@Example.org", "--role", "moderator"]);
        assert!(o.status.success(), "{:?}", out(&o));
        assert!(out(&o).0.contains("invitation to choose a password is queued"), "{:?}", out(&o));

        // The running app's worker delivers the invitation; its link sets a password.
        let email = crate::common::delivered_email(&app, "admin@example.org", "set_password").await;
        assert!(email.contains("/reset-password?token="), "{email}");

        let o = run(&["user", "create", "--tenant", "coventry", "--email", "admin@example.org", "--role", "admin"]);
        assert!(out(&o).0.contains("was moderator and is now admin"), "{:?}", out(&o));

        for (args, says) in [
            (vec!["user", "create", "--tenant", "coventry", "--email", "x@example.org", "--role", "king"], "--role"),
            (vec!["user", "create", "--tenant", "nowhere", "--email", "x@example.org"], "no tenant `nowhere`"),
            (vec!["user", "create", "--tenant", "coventry", "--email", "not-an-email"], "--email"),
        ] {
            let o = run(&args);
            assert_eq!(o.status.code(), Some(1), "{args:?}");
            assert!(out(&o).1.contains(says), "{args:?}: {:?}", out(&o));
        }
    }
);
