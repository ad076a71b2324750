//! Settings, read once at start from command-line flags, the environment and
//! an optional TOML file (in that order of precedence), and validated with
//! messages that name the setting to fix.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::db::DatabaseUrl;
use crate::keys::{MasterKey, MasterKeyRing, MasterKeySetting};
use crate::mail::Email;
use crate::tenancy::Slug;

/// Everything the running program needs to know, parsed and checked.
#[derive(Debug, Clone)]
pub struct Settings {
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    pub database: DatabaseUrl,
    pub mail: MailTransport,
    /// The address email is sent from; each tenant's name is shown with it.
    pub mail_from: Email,
    /// How long the mail worker waits before looking again when the outbox
    /// has nothing due.
    pub mail_poll: Duration,
    /// Serves requests whose host no tenant claims.
    pub default_tenant: Option<Slug>,
    pub log_format: LogFormat,
    /// Only requests from these addresses may name the host in
    /// `X-Forwarded-Host`.
    pub trusted_proxies: Vec<IpAddr>,
    /// HTTP worker threads; defaults to the number of cores.
    pub workers: usize,
    /// Serve plain HTTP on every host (development and tests): cookies lose
    /// `Secure` and the `__Host-` prefix, and email links use `http://`.
    /// Loopback hosts (`localhost`, `127.0.0.1`) are always treated so.
    pub insecure_http: bool,
    /// A browser session ends after this long without a request…
    pub session_idle: chrono::Duration,
    /// …and after this long in any case.
    pub session_max: chrono::Duration,
    /// How often sign-in, registration and reset may be tried.
    pub rate_limits: RateLimits,
    /// Where people's wrapped data keys live: never the main database.
    pub key_store: DatabaseUrl,
    /// Where the master keys that wrap data keys come from.
    pub master_key: MasterKeySetting,
    /// The hour (UTC, 0–23) `serve` sends notification digests (weekly
    /// ones on Mondays); `None` (`off`) leaves it to `coproduce digests
    /// send`, run from cron or by hand.
    pub digest_hour: Option<u32>,
    /// The bearer token `/metrics` asks for; without one `/metrics` is not
    /// served at all, so it is never public by accident.
    pub metrics_token: Option<SecretText>,
    /// Whether `serve` runs a mail worker beside the web server (`on`, the
    /// default); `off` leaves the outbox to `coproduce worker` processes,
    /// e.g. a Kubernetes Deployment of their own.
    pub mail_worker: bool,
    /// How long one SQL statement of a serving PostgreSQL connection may
    /// run before the server cancels it (and the request gets a 503);
    /// `None` (`off`) for no bound. SQLite has no such setting.
    pub statement_timeout: Option<Duration>,
    /// Whether `serve` and `worker` bring the schema up to date at start
    /// (`on`, the default). `off` lets them run with a database role that
    /// cannot change the schema: they refuse to start while it is behind,
    /// and `coproduce migrate` (with its own role) moves it on.
    pub migrate_on_start: bool,
}

/// The bound on a serving statement when none is set.
pub const DEFAULT_STATEMENT_TIMEOUT: Duration = Duration::from_secs(30);

/// The hour digests go out when none is set.
pub const DEFAULT_DIGEST_HOUR: u32 = 8;

/// Limits on sign-in, registration and password-reset requests, generous
/// enough that a person never meets them and tight enough that guessing
/// passwords or flooding inboxes is slow. `http::rate_limit` derives the
/// per-account ceilings from these numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// `false` turns every limit off (`COPRODUCE_RATE_LIMITS=off`).
    pub enabled: bool,
    /// Sign-in attempts per minute from one client address.
    pub sign_in_per_minute: u32,
    /// Failed sign-ins to one account from one client address per 15
    /// minutes; across all addresses the account takes ten times as many
    /// per hour.
    pub failed_sign_ins_per_account: u32,
    /// Registrations per hour from one client address.
    pub registrations_per_hour: u32,
    /// Password-reset requests per hour from one client address; half as
    /// many (at least one) per account, so nobody can flood an inbox.
    pub resets_per_hour: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            enabled: true,
            sign_in_per_minute: 20,
            failed_sign_ins_per_account: 10,
            registrations_per_hour: 10,
            resets_per_hour: 10,
        }
    }
}

/// The sender address when none is set: deliverable nowhere, so a fresh
/// install never sends mail that looks real.
pub const DEFAULT_MAIL_FROM: &str = "no-reply@localhost";
pub const DEFAULT_MAIL_POLL: Duration = Duration::from_millis(1000);

/// Where outgoing email goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailTransport {
    /// Each message becomes one `.eml` file in this folder.
    Folder(PathBuf),
    /// Messages are written to the log (development only).
    Log,
    /// An SMTP relay, e.g. `smtp://user:pass@mail.example.org:587?tls=starttls`.
    Smtp(url::Url),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Settings as given, before checking. Each field is `None` when not set.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSettings {
    pub bind: Option<String>,
    pub data_dir: Option<String>,
    pub database_url: Option<String>,
    pub mail: Option<String>,
    pub mail_from: Option<String>,
    pub mail_poll_ms: Option<u64>,
    pub default_tenant: Option<String>,
    pub log_format: Option<String>,
    pub trusted_proxies: Option<Vec<String>>,
    pub workers: Option<usize>,
    pub insecure_http: Option<bool>,
    pub session_idle_minutes: Option<u32>,
    pub session_max_hours: Option<u32>,
    pub rate_limits: Option<String>,
    /// `COPRODUCE_MAIL_WORKER`: `on` or `off`.
    pub mail_worker: Option<String>,
    /// `COPRODUCE_STATEMENT_TIMEOUT_SECONDS`: 1–3600, or `off`.
    #[serde(default, deserialize_with = "number_or_word")]
    pub statement_timeout_seconds: Option<String>,
    /// `COPRODUCE_MIGRATE_ON_START`: `on` or `off` (`serve --no-migrate`).
    pub migrate_on_start: Option<String>,
    pub sign_in_per_minute: Option<u32>,
    pub failed_sign_ins_per_account: Option<u32>,
    pub registrations_per_hour: Option<u32>,
    pub resets_per_hour: Option<u32>,
    pub key_store: Option<String>,
    pub master_key_file: Option<String>,
    /// `COPRODUCE_DIGEST_HOUR`: 0–23, or `off` (in the file a number or
    /// a string).
    #[serde(default, deserialize_with = "number_or_word")]
    pub digest_hour: Option<String>,
    /// `COPRODUCE_MASTER_KEY`: from the environment only, never the file,
    /// so a settings file never holds the key.
    #[serde(skip)]
    pub master_key: Option<SecretText>,
    /// `COPRODUCE_OLD_MASTER_KEYS`: comma-separated, environment only.
    #[serde(skip)]
    pub old_master_keys: Option<SecretText>,
    /// `COPRODUCE_METRICS_TOKEN`: environment only, like every secret.
    #[serde(skip)]
    pub metrics_token: Option<SecretText>,
}

/// A file setting given as a number or a word (`8` or `"off"`).
fn number_or_word<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Given {
        Number(i64),
        Word(String),
    }
    Ok(
        <Option<Given> as serde::Deserialize>::deserialize(d)?.map(|g| match g {
            Given::Number(n) => n.to_string(),
            Given::Word(w) => w,
        }),
    )
}

/// A setting's value that is a secret: zeroed when dropped, hidden from
/// `Debug`.
#[derive(Clone, Default)]
pub struct SecretText(pub zeroize::Zeroizing<String>);

impl SecretText {
    pub fn new(text: String) -> Self {
        Self(zeroize::Zeroizing::new(text))
    }
}

impl std::fmt::Debug for SecretText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("(secret)")
    }
}

/// Where a value came from, so an error can say what to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Flag,
    Env,
    File,
    Default,
}

/// Names of one setting in each place it can be given.
struct Names {
    flag: Option<&'static str>,
    env: &'static str,
    key: &'static str,
}

const BIND: Names = Names {
    flag: Some("--bind"),
    env: "COPRODUCE_BIND",
    key: "bind",
};
const DATA_DIR: Names = Names {
    flag: Some("--data-dir"),
    env: "COPRODUCE_DATA_DIR",
    key: "data_dir",
};
const DATABASE_URL: Names = Names {
    flag: Some("--database-url"),
    env: "DATABASE_URL",
    key: "database_url",
};
const MAIL: Names = Names {
    flag: Some("--mail"),
    env: "COPRODUCE_MAIL",
    key: "mail",
};
const MAIL_FROM: Names = Names {
    flag: Some("--mail-from"),
    env: "COPRODUCE_MAIL_FROM",
    key: "mail_from",
};
const MAIL_POLL: Names = Names {
    flag: None,
    env: "COPRODUCE_MAIL_POLL_MS",
    key: "mail_poll_ms",
};
const DEFAULT_TENANT: Names = Names {
    flag: Some("--default-tenant"),
    env: "COPRODUCE_DEFAULT_TENANT",
    key: "default_tenant",
};
const LOG_FORMAT: Names = Names {
    flag: None,
    env: "COPRODUCE_LOG_FORMAT",
    key: "log_format",
};
const TRUSTED_PROXIES: Names = Names {
    flag: None,
    env: "COPRODUCE_TRUSTED_PROXIES",
    key: "trusted_proxies",
};
const INSECURE_HTTP: Names = Names {
    flag: None,
    env: "COPRODUCE_INSECURE_HTTP",
    key: "insecure_http",
};
const SESSION_IDLE: Names = Names {
    flag: None,
    env: "COPRODUCE_SESSION_IDLE_MINUTES",
    key: "session_idle_minutes",
};
const SESSION_MAX: Names = Names {
    flag: None,
    env: "COPRODUCE_SESSION_MAX_HOURS",
    key: "session_max_hours",
};
const MAIL_WORKER: Names = Names {
    flag: None,
    env: "COPRODUCE_MAIL_WORKER",
    key: "mail_worker",
};
const STATEMENT_TIMEOUT: Names = Names {
    flag: None,
    env: "COPRODUCE_STATEMENT_TIMEOUT_SECONDS",
    key: "statement_timeout_seconds",
};
const MIGRATE_ON_START: Names = Names {
    flag: Some("--no-migrate"),
    env: "COPRODUCE_MIGRATE_ON_START",
    key: "migrate_on_start",
};
const RATE_LIMITS: Names = Names {
    flag: None,
    env: "COPRODUCE_RATE_LIMITS",
    key: "rate_limits",
};
const SIGN_IN_PER_MINUTE: Names = Names {
    flag: None,
    env: "COPRODUCE_SIGN_IN_PER_MINUTE",
    key: "sign_in_per_minute",
};
const FAILED_SIGN_INS_PER_ACCOUNT: Names = Names {
    flag: None,
    env: "COPRODUCE_FAILED_SIGN_INS_PER_ACCOUNT",
    key: "failed_sign_ins_per_account",
};
const REGISTRATIONS_PER_HOUR: Names = Names {
    flag: None,
    env: "COPRODUCE_REGISTRATIONS_PER_HOUR",
    key: "registrations_per_hour",
};
const RESETS_PER_HOUR: Names = Names {
    flag: None,
    env: "COPRODUCE_RESETS_PER_HOUR",
    key: "resets_per_hour",
};
const KEY_STORE: Names = Names {
    flag: Some("--key-store"),
    env: "COPRODUCE_KEY_STORE",
    key: "key_store",
};
const MASTER_KEY_FILE: Names = Names {
    flag: None,
    env: "COPRODUCE_MASTER_KEY_FILE",
    key: "master_key_file",
};
const DIGEST_HOUR: Names = Names {
    flag: None,
    env: "COPRODUCE_DIGEST_HOUR",
    key: "digest_hour",
};
const MASTER_KEY: &str = "COPRODUCE_MASTER_KEY";
const METRICS_TOKEN: &str = "COPRODUCE_METRICS_TOKEN";
/// The shortest `/metrics` token accepted.
const METRICS_TOKEN_MIN: usize = 16;
const OLD_MASTER_KEYS: &str = "COPRODUCE_OLD_MASTER_KEYS";
const WORKERS: Names = Names {
    flag: None,
    env: "COPRODUCE_WORKERS",
    key: "workers",
};

/// Every problem found in the settings, each naming the setting.
#[derive(Debug, thiserror::Error)]
#[error("{}", .problems.join("\n"))]
pub struct ConfigError {
    pub problems: Vec<String>,
}

/// The layers of settings, highest precedence first.
pub struct Sources {
    /// From flags and the environment (clap merges these two).
    pub given: RawSettings,
    /// Which of `given` came from a flag rather than the environment.
    pub from_flag: Vec<&'static str>,
    pub file: Option<(PathBuf, RawSettings)>,
}

impl Sources {
    /// Reads the optional TOML file; an unreadable or malformed file is an
    /// error that names it.
    pub fn read_file(path: &Path) -> Result<(PathBuf, RawSettings), ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            problems: vec![format!(
                "--config: cannot read the settings file {}: {e}",
                path.display()
            )],
        })?;
        let raw: RawSettings = toml::from_str(&text).map_err(|e| ConfigError {
            problems: vec![format!(
                "--config: the settings file {} is not valid: {}",
                path.display(),
                e.message()
            )],
        })?;
        Ok((path.to_owned(), raw))
    }
}

impl Settings {
    pub fn resolve(sources: &Sources) -> Result<Self, ConfigError> {
        let mut r = Resolver {
            sources,
            problems: Vec::new(),
        };
        let data_dir = r
            .get(&DATA_DIR, |s| s.data_dir.clone())
            .map(|(v, _)| PathBuf::from(v))
            .unwrap_or_else(|| PathBuf::from("./data"));

        let bind = r.parse(
            &BIND,
            |s| s.bind.clone(),
            |v| {
                v.parse::<SocketAddr>()
                    .map_err(|_| format!("`{v}` is not an address and port like 127.0.0.1:8080"))
            },
        );
        let database = r.parse(
            &DATABASE_URL,
            |s| s.database_url.clone(),
            |v| DatabaseUrl::parse(&v),
        );
        let mail = r.parse(
            &MAIL,
            |s| s.mail.clone(),
            |v| MailTransport::parse(&v, &data_dir),
        );
        let mail_from = r.parse(
            &MAIL_FROM,
            |s| s.mail_from.clone(),
            |v| {
                Email::parse(&v)
                    .map_err(|_| format!("`{v}` is not an email address like no-reply@example.org"))
            },
        );
        let mail_poll = r.parse(
            &MAIL_POLL,
            |s| s.mail_poll_ms.map(|ms| ms.to_string()),
            |v| match v.parse::<u64>() {
                Ok(ms) if (10..=60_000).contains(&ms) => Ok(Duration::from_millis(ms)),
                _ => Err(format!(
                    "`{v}` is not a number of milliseconds between 10 and 60000"
                )),
            },
        );
        let default_tenant = r.parse(
            &DEFAULT_TENANT,
            |s| s.default_tenant.clone(),
            |v| Slug::parse(&v),
        );
        let log_format = r.parse(
            &LOG_FORMAT,
            |s| s.log_format.clone(),
            |v| match v.as_str() {
                "text" => Ok(LogFormat::Text),
                "json" => Ok(LogFormat::Json),
                other => Err(format!(
                    "`{other}` is not a log format; use `text` or `json`"
                )),
            },
        );
        let trusted_proxies = r.parse(
            &TRUSTED_PROXIES,
            |s| s.trusted_proxies.as_ref().map(|v| v.join(",")),
            |v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| {
                        s.parse::<IpAddr>()
                            .map_err(|_| format!("`{s}` is not an IP address"))
                    })
                    .collect::<Result<Vec<_>, _>>()
            },
        );
        let workers = r.parse(
            &WORKERS,
            |s| s.workers.map(|w| w.to_string()),
            |v| match v.parse::<usize>() {
                Ok(n) if (1..=256).contains(&n) => Ok(n),
                _ => Err(format!(
                    "`{v}` is not a number of workers between 1 and 256"
                )),
            },
        );

        let insecure_http = r.parse(
            &INSECURE_HTTP,
            |s| s.insecure_http.map(|b| b.to_string()),
            |v| match v.as_str() {
                "true" | "1" | "yes" => Ok(true),
                "false" | "0" | "no" => Ok(false),
                other => Err(format!("`{other}` is not true or false")),
            },
        );
        let minutes = |max: u32| {
            move |v: String| match v.parse::<u32>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(format!("`{v}` is not a whole number from 1 to {max}")),
            }
        };
        let session_idle = r.parse(
            &SESSION_IDLE,
            |s| s.session_idle_minutes.map(|n| n.to_string()),
            minutes(60 * 24 * 30),
        );
        let session_max = r.parse(
            &SESSION_MAX,
            |s| s.session_max_hours.map(|n| n.to_string()),
            minutes(24 * 365),
        );
        let limits_on = r.parse(
            &RATE_LIMITS,
            |s| s.rate_limits.clone(),
            |v| match v.trim() {
                "on" => Ok(true),
                "off" => Ok(false),
                other => Err(format!("`{other}` is not on or off")),
            },
        );
        let mail_worker = r.parse(
            &MAIL_WORKER,
            |s| s.mail_worker.clone(),
            |v| match v.trim() {
                "on" => Ok(true),
                "off" => Ok(false),
                other => Err(format!("`{other}` is not on or off")),
            },
        );
        let statement_timeout = r.parse(
            &STATEMENT_TIMEOUT,
            |s| s.statement_timeout_seconds.clone(),
            |v| match v.trim() {
                "off" => Ok(None),
                n => match n.parse::<u64>() {
                    Ok(secs) if (1..=3600).contains(&secs) => Ok(Some(Duration::from_secs(secs))),
                    _ => Err(format!(
                        "`{v}` is not a number of seconds from 1 to 3600, or off"
                    )),
                },
            },
        );
        let migrate_on_start = r.parse(
            &MIGRATE_ON_START,
            |s| s.migrate_on_start.clone(),
            |v| match v.trim() {
                "on" => Ok(true),
                "off" => Ok(false),
                other => Err(format!("`{other}` is not on or off")),
            },
        );
        let how_many = |v: String| match v.trim().parse::<u32>() {
            Ok(n) if (1..=100_000).contains(&n) => Ok(n),
            _ => Err(format!("`{v}` is not a whole number from 1 to 100000")),
        };
        let sign_in_per_minute = r.parse(
            &SIGN_IN_PER_MINUTE,
            |s| s.sign_in_per_minute.map(|n| n.to_string()),
            how_many,
        );
        let failed_sign_ins_per_account = r.parse(
            &FAILED_SIGN_INS_PER_ACCOUNT,
            |s| s.failed_sign_ins_per_account.map(|n| n.to_string()),
            how_many,
        );
        let registrations_per_hour = r.parse(
            &REGISTRATIONS_PER_HOUR,
            |s| s.registrations_per_hour.map(|n| n.to_string()),
            how_many,
        );
        let resets_per_hour = r.parse(
            &RESETS_PER_HOUR,
            |s| s.resets_per_hour.map(|n| n.to_string()),
            how_many,
        );

        let key_store_label = r.get(&KEY_STORE, |s| s.key_store.clone()).map(|(_, l)| l);
        let key_store = r.parse(
            &KEY_STORE,
            |s| s.key_store.clone(),
            |v| DatabaseUrl::parse(&v),
        );
        let master_key_file = r.parse(
            &MASTER_KEY_FILE,
            |s| s.master_key_file.clone(),
            |v| {
                // Read now, so an unreadable file stops the program before
                // it starts rather than at the first encryption.
                let path = PathBuf::from(v);
                MasterKeyRing::read_file(&path).map(|_| path)
            },
        );
        let master_key = r.master_key(master_key_file.is_some());
        let digest_hour = r.parse(
            &DIGEST_HOUR,
            |s| s.digest_hour.clone(),
            |v| match v.trim() {
                "off" | "none" => Ok(None),
                n => match n.parse::<u32>() {
                    Ok(h) if h < 24 => Ok(Some(h)),
                    _ => Err(format!("`{v}` is not an hour from 0 to 23, or off")),
                },
            },
        );

        let metrics_token = r.sources.given.metrics_token.clone();
        if metrics_token
            .as_ref()
            .is_some_and(|t| t.0.trim().len() < METRICS_TOKEN_MIN)
        {
            // A short token could be guessed; the value is never repeated.
            r.problems.push(format!(
                "{METRICS_TOKEN}: must be at least {METRICS_TOKEN_MIN} characters (e.g. `openssl rand -hex 32`)"
            ));
        }

        if !r.problems.is_empty() {
            return Err(ConfigError {
                problems: r.problems,
            });
        }
        let database = database
            .unwrap_or_else(|| DatabaseUrl::Sqlite(crate::db::default_sqlite_path(&data_dir)));
        let key_store = key_store
            .unwrap_or_else(|| DatabaseUrl::Sqlite(data_dir.join("keys").join("keystore.db")));
        if key_store == database {
            return Err(ConfigError {
                problems: vec![format!(
                    "{}: the key store must be a different database from {} (DATABASE_URL), so a backup of the data holds no keys",
                    key_store_label.unwrap_or_else(|| DATABASE_URL.env.to_owned()),
                    database.redacted()
                )],
            });
        }
        let master_key = match (master_key, master_key_file) {
            (Some(ring), _) => MasterKeySetting::Given(ring),
            (None, Some(path)) => MasterKeySetting::File(path),
            (None, None) => MasterKeySetting::Generated(MasterKeySetting::default_path(&data_dir)),
        };
        let default_workers = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        Ok(Settings {
            bind: bind.unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080))),
            database,
            key_store,
            master_key,
            mail: mail.unwrap_or_else(|| MailTransport::Folder(data_dir.join("mail"))),
            mail_from: match mail_from {
                Some(address) => address,
                None => Email::parse(DEFAULT_MAIL_FROM).map_err(|why| ConfigError {
                    problems: vec![format!("{}: {why}", MAIL_FROM.env)],
                })?,
            },
            mail_poll: mail_poll.unwrap_or(DEFAULT_MAIL_POLL),
            default_tenant,
            log_format: log_format.unwrap_or(LogFormat::Text),
            trusted_proxies: trusted_proxies.unwrap_or_default(),
            workers: workers.unwrap_or(default_workers),
            insecure_http: insecure_http.unwrap_or(false),
            session_idle: chrono::Duration::minutes(session_idle.unwrap_or(120).into()),
            session_max: chrono::Duration::hours(session_max.unwrap_or(24 * 7).into()),
            rate_limits: {
                let d = RateLimits::default();
                RateLimits {
                    enabled: limits_on.unwrap_or(d.enabled),
                    sign_in_per_minute: sign_in_per_minute.unwrap_or(d.sign_in_per_minute),
                    failed_sign_ins_per_account: failed_sign_ins_per_account
                        .unwrap_or(d.failed_sign_ins_per_account),
                    registrations_per_hour: registrations_per_hour
                        .unwrap_or(d.registrations_per_hour),
                    resets_per_hour: resets_per_hour.unwrap_or(d.resets_per_hour),
                }
            },
            digest_hour: digest_hour.unwrap_or(Some(DEFAULT_DIGEST_HOUR)),
            metrics_token,
            mail_worker: mail_worker.unwrap_or(true),
            statement_timeout: statement_timeout.unwrap_or(Some(DEFAULT_STATEMENT_TIMEOUT)),
            migrate_on_start: migrate_on_start.unwrap_or(true),
            data_dir,
        })
    }
}

struct Resolver<'a> {
    sources: &'a Sources,
    problems: Vec<String>,
}

impl Resolver<'_> {
    fn get(
        &self,
        names: &Names,
        pick: impl Fn(&RawSettings) -> Option<String>,
    ) -> Option<(String, String)> {
        if let Some(v) = pick(&self.sources.given) {
            let label = match names.flag {
                Some(flag) if self.sources.from_flag.contains(&flag) => flag.to_owned(),
                _ => names.env.to_owned(),
            };
            return Some((v, label));
        }
        let (path, file) = self.sources.file.as_ref()?;
        pick(file).map(|v| (v, format!("`{}` in {}", names.key, path.display())))
    }

    /// `COPRODUCE_MASTER_KEY` with any `COPRODUCE_OLD_MASTER_KEYS`. Secret
    /// values are never repeated in messages.
    fn master_key(&mut self, file_given: bool) -> Option<MasterKeyRing> {
        let given = &self.sources.given;
        let old_text = given.old_master_keys.as_ref().map(|t| t.0.clone());
        let Some(current) = given.master_key.as_ref().map(|t| t.0.clone()) else {
            if old_text.is_some() {
                self.problems.push(format!(
                    "{OLD_MASTER_KEYS}: is only read with {MASTER_KEY}; with a master key file, keep older keys in the file"
                ));
            }
            return None;
        };
        if file_given {
            self.problems.push(format!(
                "{MASTER_KEY}: set either it or {} (master_key_file), not both",
                MASTER_KEY_FILE.env
            ));
            return None;
        }
        let mut keys = Vec::new();
        for (n, text) in old_text
            .iter()
            .flat_map(|t| t.split(','))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .enumerate()
        {
            match MasterKey::parse(text) {
                Ok(key) => keys.push(key),
                Err(why) => self
                    .problems
                    .push(format!("{OLD_MASTER_KEYS}: key {} {why}", n + 1)),
            }
        }
        match MasterKey::parse(&current) {
            Ok(key) => keys.push(key),
            Err(why) => {
                self.problems.push(format!("{MASTER_KEY}: {why}"));
                return None;
            }
        }
        match MasterKeyRing::new(keys) {
            Ok(ring) => Some(ring),
            Err(why) => {
                self.problems.push(format!("{MASTER_KEY}: {why}"));
                None
            }
        }
    }

    fn parse<T>(
        &mut self,
        names: &Names,
        pick: impl Fn(&RawSettings) -> Option<String>,
        parse: impl Fn(String) -> Result<T, String>,
    ) -> Option<T> {
        let (value, label) = self.get(names, pick)?;
        match parse(value) {
            Ok(v) => Some(v),
            Err(why) => {
                self.problems.push(format!("{label}: {why}"));
                None
            }
        }
    }
}

impl MailTransport {
    /// `folder`, `folder:PATH`, `log`, `smtp://…` or `smtps://…`.
    pub fn parse(raw: &str, data_dir: &Path) -> Result<Self, String> {
        let raw = raw.trim();
        match raw {
            "folder" => return Ok(Self::Folder(data_dir.join("mail"))),
            "log" => return Ok(Self::Log),
            _ => {}
        }
        if let Some(path) = raw.strip_prefix("folder:") {
            if path.is_empty() {
                return Err("`folder:` needs a path, e.g. folder:/var/lib/coproduce/mail".into());
            }
            return Ok(Self::Folder(PathBuf::from(path)));
        }
        if raw.starts_with("smtp://") || raw.starts_with("smtps://") {
            let url = url::Url::parse(raw).map_err(|e| format!("is not a valid SMTP URL ({e})"))?;
            if url.host_str().is_none_or(str::is_empty) {
                return Err("the SMTP URL needs a host, e.g. smtp://mail.example.org:587".into());
            }
            for (k, v) in url.query_pairs() {
                match (k.as_ref(), v.as_ref()) {
                    ("tls", "starttls" | "required" | "none" | "opportunistic") => {}
                    ("tls", other) => {
                        return Err(format!(
                            "tls={other} is not known; use tls=starttls, tls=opportunistic, tls=required or tls=none"
                        ))
                    }
                    (other, _) => return Err(format!("the SMTP URL option `{other}` is not known; only `tls` is")),
                }
            }
            return Ok(Self::Smtp(url));
        }
        Err(format!(
            "`{raw}` is not a mail transport; use `folder`, `folder:PATH`, `log` or an smtp:// URL"
        ))
    }

    /// A description without secrets, for start-up messages.
    pub fn describe(&self) -> String {
        match self {
            Self::Folder(p) => format!("files in {}", p.display()),
            Self::Log => "the log".into(),
            Self::Smtp(url) => format!(
                "SMTP at {}:{}",
                url.host_str().unwrap_or_default(),
                smtp_port(url)
            ),
        }
    }
}

/// The SMTP port: the URL's, else 465 for `smtps://` (TLS from the first
/// byte) and 25 for `smtp://`.
pub fn smtp_port(url: &url::Url) -> u16 {
    url.port()
        .unwrap_or(if url.scheme() == "smtps" { 465 } else { 25 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(raw: RawSettings) -> Sources {
        Sources {
            given: raw,
            from_flag: vec![],
            file: None,
        }
    }

    #[test]
    fn defaults_make_an_embedded_install() {
        let s = Settings::resolve(&given(RawSettings::default())).unwrap();
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(
            s.database,
            DatabaseUrl::Sqlite("./data/coproduce.db".into())
        );
        assert_eq!(s.mail, MailTransport::Folder("./data/mail".into()));
        assert_eq!(s.mail_from.as_str(), "no-reply@localhost");
        assert_eq!(s.mail_poll, Duration::from_secs(1));
    }

    #[test]
    fn every_bad_setting_is_named() {
        let err = Settings::resolve(&given(RawSettings {
            bind: Some("nowhere".into()),
            database_url: Some("mysql://x".into()),
            mail: Some("pigeon".into()),
            default_tenant: Some("Bad Slug".into()),
            mail_from: Some("nobody".into()),
            mail_poll_ms: Some(5),
            ..Default::default()
        }))
        .unwrap_err()
        .to_string();
        for name in [
            "COPRODUCE_MAIL_FROM",
            "COPRODUCE_MAIL_POLL_MS",
            "COPRODUCE_BIND",
            "DATABASE_URL",
            "COPRODUCE_MAIL",
            "COPRODUCE_DEFAULT_TENANT",
        ] {
            assert!(err.contains(name), "{name} missing from: {err}");
        }
    }

    #[test]
    fn flags_win_over_the_file_and_are_named_as_flags() {
        let file: RawSettings =
            toml::from_str("bind = \"0.0.0.0:1\"\ndata_dir = \"/srv/x\"").unwrap();
        let sources = Sources {
            given: RawSettings {
                bind: Some("bad".into()),
                ..Default::default()
            },
            from_flag: vec!["--bind"],
            file: Some(("c.toml".into(), file)),
        };
        let err = Settings::resolve(&sources).unwrap_err().to_string();
        assert!(err.starts_with("--bind:"), "{err}");
    }

    #[test]
    fn file_values_apply_and_unknown_keys_are_refused() {
        let file: RawSettings = toml::from_str("data_dir = \"/srv/x\"").unwrap();
        let s = Settings::resolve(&Sources {
            given: RawSettings::default(),
            from_flag: vec![],
            file: Some(("c.toml".into(), file)),
        })
        .unwrap();
        assert_eq!(
            s.database,
            DatabaseUrl::Sqlite("/srv/x/coproduce.db".into())
        );
        assert!(toml::from_str::<RawSettings>("bnd = 1").is_err());
    }

    #[test]
    fn rate_limits_default_on_and_can_be_tuned_or_turned_off() {
        let s = Settings::resolve(&given(RawSettings::default())).unwrap();
        assert_eq!(s.rate_limits, RateLimits::default());
        assert!(s.rate_limits.enabled);
        let file: RawSettings =
            toml::from_str("rate_limits = \"off\"\nresets_per_hour = 3").unwrap();
        let s = Settings::resolve(&Sources {
            given: RawSettings {
                sign_in_per_minute: Some(5),
                ..Default::default()
            },
            from_flag: vec![],
            file: Some(("c.toml".into(), file)),
        })
        .unwrap();
        assert!(!s.rate_limits.enabled);
        assert_eq!(s.rate_limits.sign_in_per_minute, 5);
        assert_eq!(s.rate_limits.resets_per_hour, 3);
        let err = Settings::resolve(&given(RawSettings {
            rate_limits: Some("maybe".into()),
            failed_sign_ins_per_account: Some(0),
            ..Default::default()
        }))
        .unwrap_err()
        .to_string();
        assert!(err.contains("COPRODUCE_RATE_LIMITS"), "{err}");
        assert!(
            err.contains("COPRODUCE_FAILED_SIGN_INS_PER_ACCOUNT"),
            "{err}"
        );
    }

    #[test]
    fn keys_default_to_the_data_folder_apart_from_the_database() {
        let s = Settings::resolve(&given(RawSettings::default())).unwrap();
        assert_eq!(
            s.key_store,
            DatabaseUrl::Sqlite("./data/keys/keystore.db".into())
        );
        assert!(matches!(
            &s.master_key,
            MasterKeySetting::Generated(p) if p == Path::new("./data/keys/master.key")
        ));
        let err = Settings::resolve(&given(RawSettings {
            key_store: Some("/srv/x.db".into()),
            database_url: Some("/srv/x.db".into()),
            ..Default::default()
        }))
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("COPRODUCE_KEY_STORE:"), "{err}");
    }

    #[test]
    fn keys_settings_are_named_and_secrets_never_repeated() {
        let err = Settings::resolve(&given(RawSettings {
            key_store: Some("mysql://k".into()),
            master_key: Some(SecretText::new("hunter2-not-a-key".into())),
            ..Default::default()
        }))
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("COPRODUCE_KEY_STORE: uses the scheme `mysql`"),
            "{err}"
        );
        assert!(
            err.contains("COPRODUCE_MASTER_KEY: is not a 32-byte key"),
            "{err}"
        );
        assert!(!err.contains("hunter2"), "{err}");

        let err = Settings::resolve(&given(RawSettings {
            master_key_file: Some("/nonexistent/master.key".into()),
            ..Default::default()
        }))
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("COPRODUCE_MASTER_KEY_FILE: cannot read"),
            "{err}"
        );

        let new = MasterKey::generate().unwrap();
        let old = MasterKey::generate().unwrap();
        let s = Settings::resolve(&given(RawSettings {
            master_key: Some(SecretText::new(new.encode().to_string())),
            old_master_keys: Some(SecretText::new(format!("{}, ", old.encode().as_str()))),
            ..Default::default()
        }))
        .unwrap();
        let MasterKeySetting::Given(ring) = &s.master_key else {
            panic!("{:?}", s.master_key)
        };
        assert_eq!(ring.current(), &new);
        assert_eq!(ring.older(), &[old]);
        assert!(!format!("{s:?}").contains(new.encode().as_str()));
        assert!(toml::from_str::<RawSettings>("master_key = \"x\"").is_err());
    }

    #[test]
    fn smtp_urls_are_checked() {
        let d = Path::new("d");
        assert!(MailTransport::parse("smtp://mail.example.org:587?tls=starttls", d).is_ok());
        assert!(MailTransport::parse("smtp://mail.example.org?tls=maybe", d).is_err());
        assert!(MailTransport::parse("smtp://", d).is_err());
    }
}
