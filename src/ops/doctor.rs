//! `coproduce doctor`: checks an installation's configuration, database,
//! migrations, key store and mail transport, and says what to fix.
//!
//! It changes nothing an operator would notice: it never migrates the main
//! database, never generates a master key, and sends no email. Settings
//! themselves were already checked when they were read (a wrong one stops
//! every command with exit code 2), so the doctor looks at what only shows
//! at run time and at choices that are legal but unwise in production.

use std::fmt;
use std::path::Path;

use diesel::prelude::*;

use crate::config::{LogFormat, MailTransport, Settings};
use crate::db::{self, DatabaseUrl, DbConn};
use crate::keys::{KeyStore, MasterKeySetting};

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Ok,
    /// Works, but not as a production install should.
    Warn,
    /// Does not work: `serve` would fail or lose something.
    Fail,
}

/// One check's finding, with what to do about it.
#[derive(Debug, Clone)]
pub struct Finding {
    pub level: Level,
    pub topic: &'static str,
    pub said: String,
    pub fix: Option<String>,
}

impl Finding {
    fn ok(topic: &'static str, said: impl Into<String>) -> Self {
        Self {
            level: Level::Ok,
            topic,
            said: said.into(),
            fix: None,
        }
    }

    fn warn(topic: &'static str, said: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            level: Level::Warn,
            topic,
            said: said.into(),
            fix: Some(fix.into()),
        }
    }

    fn fail(topic: &'static str, said: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            level: Level::Fail,
            topic,
            said: said.into(),
            fix: Some(fix.into()),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.level {
            Level::Ok => "ok  ",
            Level::Warn => "WARN",
            Level::Fail => "FAIL",
        };
        write!(f, "{tag}  {}: {}", self.topic, self.said)?;
        if let Some(fix) = &self.fix {
            write!(f, "\n      fix: {fix}")?;
        }
        Ok(())
    }
}

/// Runs every check, in the order an operator would fix things.
pub fn examine(settings: &Settings) -> Vec<Finding> {
    let mut found = Vec::new();
    data_folder(settings, &mut found);
    signing_keys(settings, &mut found);
    let conn = database(settings, &mut found);
    key_store(settings, &mut found);
    mail(settings, &mut found);
    if let Some(mut conn) = conn {
        tenants_and_outbox(&mut conn, &mut found);
    }
    production(settings, &mut found);
    found
}

fn data_folder(settings: &Settings, found: &mut Vec<Finding>) {
    const TOPIC: &str = "data folder";
    let dir = &settings.data_dir;
    if !dir.is_dir() {
        found.push(Finding::fail(
            TOPIC,
            format!("{} does not exist", dir.display()),
            "create it for the user coproduce runs as, or set COPRODUCE_DATA_DIR (--data-dir) to the right folder",
        ));
        return;
    }
    let probe = dir.join(".coproduce-doctor");
    match std::fs::write(&probe, b"").and_then(|()| std::fs::remove_file(&probe)) {
        Ok(()) => found.push(Finding::ok(TOPIC, format!("{} is writable", dir.display()))),
        Err(e) => found.push(Finding::fail(
            TOPIC,
            format!("cannot write in {}: {e}", dir.display()),
            "give the user coproduce runs as write access to it (systemd: StateDirectory=coproduce)",
        )),
    }
}

fn signing_keys(settings: &Settings, found: &mut Vec<Finding>) {
    const TOPIC: &str = "signing keys";
    let path = crate::secrets::Secrets::default_path(&settings.data_dir);
    match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => found.push(Finding::warn(
            TOPIC,
            format!("{} does not exist yet", path.display()),
            "`coproduce serve` creates it at first start; with several replicas, create it once and give every replica the same file (a Kubernetes Secret)",
        )),
        Err(e) => found.push(Finding::fail(
            TOPIC,
            format!("cannot read {}: {e}", path.display()),
            "give the user coproduce runs as read access to it",
        )),
        Ok(meta) => {
            if let Some(fix) = too_open(&meta) {
                found.push(Finding::warn(
                    TOPIC,
                    format!("{} can be read by other users", path.display()),
                    fix,
                ));
            } else {
                found.push(Finding::ok(
                    TOPIC,
                    format!("{} (readable by its owner only)", path.display()),
                ));
            }
        }
    }
}

#[cfg(unix)]
fn too_open(meta: &std::fs::Metadata) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = meta.permissions().mode();
    (mode & 0o077 != 0).then(|| format!("chmod 600 it (it is {:o} now)", mode & 0o777))
}

#[cfg(not(unix))]
fn too_open(_meta: &std::fs::Metadata) -> Option<String> {
    None
}

fn database(settings: &Settings, found: &mut Vec<Finding>) -> Option<DbConn> {
    const TOPIC: &str = "database";
    let shown = settings.database.redacted();
    if let DatabaseUrl::Sqlite(path) = &settings.database {
        // Connecting would create an empty database; say so instead.
        if !path.exists() {
            found.push(Finding::warn(
                TOPIC,
                format!("{} does not exist yet", path.display()),
                "`coproduce migrate` (or the first `coproduce serve`) creates it; if it should exist, check COPRODUCE_DATA_DIR or DATABASE_URL",
            ));
            return None;
        }
    }
    let mut conn = match db::connect(&settings.database) {
        Ok(conn) => conn,
        Err(e) => {
            found.push(Finding::fail(
                TOPIC,
                format!("cannot connect: {e}"),
                "check DATABASE_URL (host, port, user, password, database name) and that the server accepts connections from here",
            ));
            return None;
        }
    };
    if let Err(e) = db::ping(&mut conn) {
        found.push(Finding::fail(
            TOPIC,
            format!("{shown} does not answer: {e}"),
            "check the database server is running and healthy",
        ));
        return None;
    }
    match db::migrations_current(&mut conn) {
        Ok(true) => found.push(Finding::ok(
            TOPIC,
            format!("{shown} answers and its migrations are current"),
        )),
        Ok(false) => found.push(Finding::fail(
            "migrations",
            format!("{shown} lacks migrations this version needs (/readyz answers 503)"),
            "run `coproduce migrate` (Kubernetes: the migration Job) before starting this version",
        )),
        Err(e) => found.push(Finding::fail(
            "migrations",
            format!("cannot read which migrations {shown} has: {e}"),
            "check the database user may read the table __diesel_schema_migrations",
        )),
    }
    Some(conn)
}

fn key_store(settings: &Settings, found: &mut Vec<Finding>) {
    const TOPIC: &str = "key store";
    let postgres = matches!(settings.database, DatabaseUrl::Postgres(_));
    if let (DatabaseUrl::Sqlite(path), true) = (&settings.key_store, postgres) {
        found.push(Finding::warn(
            TOPIC,
            format!("the data is on PostgreSQL but the key store is the local file {}", path.display()),
            "with more than one replica each would have its own key store: set COPRODUCE_KEY_STORE to a separate PostgreSQL database",
        ));
    }
    match &settings.master_key {
        MasterKeySetting::Generated(path) if !path.exists() => {
            found.push(Finding::warn(
                "master key",
                format!("none yet: one will be generated into {}", path.display()),
                "supply COPRODUCE_MASTER_KEY (`openssl rand -hex 32`) from a secret store, or back up that file as soon as it exists, apart from the database",
            ));
            // Opening the key store now would generate it; leave that to serve.
            return;
        }
        MasterKeySetting::Generated(path) if postgres => found.push(Finding::warn(
            "master key",
            format!("generated into {}", path.display()),
            "a production install should supply COPRODUCE_MASTER_KEY (or COPRODUCE_MASTER_KEY_FILE) from a secret store",
        )),
        setting => found.push(Finding::ok("master key", setting.describe())),
    }
    if let DatabaseUrl::Sqlite(path) = &settings.key_store {
        if !path.exists() {
            found.push(Finding::warn(
                TOPIC,
                format!("{} does not exist yet", path.display()),
                "`coproduce serve` creates it at first start; back it up apart from the database",
            ));
            return;
        }
    }
    let store = match KeyStore::from_settings(settings) {
        Ok(store) => store,
        Err(e) => {
            found.push(Finding::fail(
                TOPIC,
                format!("cannot be opened: {e}"),
                "check COPRODUCE_KEY_STORE and the master key setting; without the key store no sensitive content can be read",
            ));
            return;
        }
    };
    match store.census() {
        Ok(c) if c.live > 0 && c.under_older_keys == c.live && store.ring().older().is_empty() => {
            found.push(Finding::fail(
                "master key",
                format!(
                    "the master key {} wrapped none of the {} live data keys",
                    store.ring().current().id(),
                    c.live
                ),
                "this is not the master key of this key store: supply the right one (COPRODUCE_MASTER_KEY or COPRODUCE_MASTER_KEY_FILE)",
            ))
        }
        Ok(c) if c.under_older_keys > 0 => found.push(Finding::warn(
            TOPIC,
            format!("{} data key(s) are still wrapped under an older master key", c.under_older_keys),
            "run `coproduce keys rotate` to finish the rotation",
        )),
        Ok(c) => found.push(Finding::ok(
            TOPIC,
            format!(
                "{} opens: {} live data keys, {} destroyed",
                store.location().redacted(),
                c.live,
                c.destroyed
            ),
        )),
        Err(e) => found.push(Finding::fail(
            TOPIC,
            format!("cannot be read: {e}"),
            "check COPRODUCE_KEY_STORE",
        )),
    }
}

fn mail(settings: &Settings, found: &mut Vec<Finding>) {
    const TOPIC: &str = "mail";
    if settings.mail_from.as_str().ends_with("@localhost") {
        found.push(Finding::warn(
            TOPIC,
            format!("email is sent from {}", settings.mail_from),
            "set COPRODUCE_MAIL_FROM to an address of your domain that its SPF and DKIM records cover",
        ));
    }
    let mailer = match crate::mail::transport::Mailer::new(&settings.mail, &settings.mail_from) {
        Ok(m) => m,
        Err(e) => {
            found.push(Finding::fail(TOPIC, e, "fix COPRODUCE_MAIL"));
            return;
        }
    };
    match mailer.check() {
        Ok(said) => match &settings.mail {
            MailTransport::Smtp(_) => found.push(Finding::ok(TOPIC, said)),
            _ => found.push(Finding::warn(
                TOPIC,
                format!("{} ({said})", settings.mail.describe()),
                "nobody receives this email: set COPRODUCE_MAIL=smtp://user:pass@host:587?tls=starttls for a real install",
            )),
        },
        Err(e) => found.push(Finding::fail(
            TOPIC,
            e,
            "check COPRODUCE_MAIL (host, port, tls, user and password) and that this machine may reach the mail server",
        )),
    }
}

fn tenants_and_outbox(conn: &mut DbConn, found: &mut Vec<Finding>) {
    use crate::db::schema::{outbox, tenants};
    // A database missing tables was reported as lacking migrations.
    let Ok(count) = tenants::table.count().get_result::<i64>(conn) else {
        return;
    };
    if count == 0 {
        found.push(Finding::warn(
            "tenants",
            "there are no places yet",
            "`coproduce tenant create --slug S --name N --host H` (the first `serve` makes one for localhost)",
        ));
    } else {
        found.push(Finding::ok("tenants", format!("{count} place(s)")));
    }
    let failed: i64 = outbox::table
        .filter(outbox::status.eq("failed"))
        .count()
        .get_result(conn)
        .unwrap_or(0);
    if failed > 0 {
        found.push(Finding::warn(
            "outbox",
            format!("{failed} email(s) could not be delivered"),
            "each place's admins see why at /admin/mail; fix the mail transport or the addresses",
        ));
    }
    let now = chrono::Utc::now().naive_utc();
    let stale: i64 = outbox::table
        .filter(outbox::status.eq("pending"))
        .filter(outbox::next_attempt_at.lt(now - chrono::Duration::minutes(15)))
        .count()
        .get_result(conn)
        .unwrap_or(0);
    if stale > 0 {
        found.push(Finding::warn(
            "outbox",
            format!("{stale} email(s) have been due for more than 15 minutes"),
            "no mail worker seems to run: start `coproduce serve` or `coproduce worker`, and check its log",
        ));
    } else if failed == 0 {
        found.push(Finding::ok(
            "outbox",
            "nothing waiting too long, nothing failed",
        ));
    }
}

fn production(settings: &Settings, found: &mut Vec<Finding>) {
    let postgres = matches!(settings.database, DatabaseUrl::Postgres(_));
    if settings.insecure_http {
        found.push(Finding::warn(
            "http",
            "COPRODUCE_INSECURE_HTTP is on: cookies are not Secure and links use http://",
            "turn it off and put a TLS-terminating proxy in front (development only)",
        ));
    }
    if postgres && settings.log_format == LogFormat::Text {
        found.push(Finding::warn(
            "logs",
            "logs are plain text",
            "set COPRODUCE_LOG_FORMAT=json so your log collector gets fields (request_id, status, elapsed_ms)",
        ));
    }
    if settings.metrics_token.is_none() {
        found.push(Finding::warn(
            "metrics",
            "/metrics is not served (no COPRODUCE_METRICS_TOKEN)",
            "set COPRODUCE_METRICS_TOKEN (`openssl rand -hex 32`) and give it to Prometheus as a bearer token",
        ));
    }
    if let Some(Ok(meta)) = Some(settings.data_dir.join("keys").join("master.key"))
        .filter(|p| Path::exists(p))
        .map(std::fs::metadata)
    {
        if let Some(fix) = too_open(&meta) {
            found.push(Finding::warn(
                "master key",
                "the master key file can be read by other users",
                fix,
            ));
        }
    }
}
