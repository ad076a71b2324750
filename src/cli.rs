//! The `coproduce` command line. Every command reads the same settings
//! (flags, environment, optional TOML file), so `coproduce --data-dir D
//! tenant create …` and `coproduce --data-dir D serve` see one database.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::config::{LogFormat, RawSettings, SecretText, Settings, Sources};
use crate::db;
use crate::keys::{KeyStore, MasterKey, MasterKeyRing, MasterKeySetting};
use crate::mail::{self, WorkerConfig};
use crate::tenancy::{service as tenancy, Hostname, Slug};

#[derive(Parser, Debug)]
#[command(
    name = "coproduce",
    version,
    about = "Co-produce public services with the people who use them.",
    long_about = "coproduce runs a participation platform for one or many places (tenants).\n\
        With no settings it keeps everything in ./data (a SQLite database and a mail folder),\n\
        so `coproduce serve` is all a first run needs.",
    after_help = "Settings can also come from the environment (shown in brackets) or a TOML file given\n\
        with --config. Flags win over the environment, which wins over the file. The master key\n\
        comes from COPRODUCE_MASTER_KEY or COPRODUCE_MASTER_KEY_FILE; see `coproduce keys --help`."
)]
pub struct Cli {
    /// Read settings from this TOML file
    #[arg(long, global = true, env = "COPRODUCE_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,

    /// Folder for the SQLite database, keys and the mail folder [default: ./data]
    #[arg(long, global = true, env = "COPRODUCE_DATA_DIR", value_name = "DIR")]
    data_dir: Option<String>,

    /// Database: postgres://… or a SQLite file path [default: DIR/coproduce.db]
    #[arg(
        long,
        global = true,
        env = "DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    database_url: Option<String>,

    /// Mail transport: folder, folder:PATH, log, or smtp://… [default: folder]
    #[arg(
        long,
        global = true,
        env = "COPRODUCE_MAIL",
        value_name = "TRANSPORT",
        hide_env_values = true
    )]
    mail: Option<String>,

    /// Address email is sent from, shown with each place's name [default: no-reply@localhost]
    #[arg(
        long,
        global = true,
        env = "COPRODUCE_MAIL_FROM",
        value_name = "ADDRESS"
    )]
    mail_from: Option<String>,

    /// Tenant (slug) that serves requests for hosts no tenant claims
    #[arg(
        long,
        global = true,
        env = "COPRODUCE_DEFAULT_TENANT",
        value_name = "SLUG"
    )]
    default_tenant: Option<String>,

    /// Key store for people's data keys, apart from the database: postgres://… or a SQLite
    /// file path [default: DIR/keys/keystore.db]
    #[arg(
        long,
        global = true,
        env = "COPRODUCE_KEY_STORE",
        value_name = "URL",
        hide_env_values = true
    )]
    key_store: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the web server (migrating the database first, unless --no-migrate)
    Serve {
        /// Address and port to listen on [default: 127.0.0.1:8080]
        #[arg(long, env = "COPRODUCE_BIND", value_name = "ADDR")]
        bind: Option<String>,
        /// Do not change the schema: refuse to start while it is behind. For a
        /// database role that cannot change it (run `coproduce migrate` with
        /// COPRODUCE_MIGRATE_DATABASE_URL first); also COPRODUCE_MIGRATE_ON_START=off
        #[arg(long)]
        no_migrate: bool,
    },
    /// Send queued email, without the web server, until Ctrl+C or SIGTERM
    ///
    /// `serve` already runs one mail worker; run more with this command to send
    /// faster or from another machine. Any number of workers can share a database:
    /// each message is sent once.
    Worker,
    /// Bring the database schema up to date, then exit
    ///
    /// Connects as COPRODUCE_MIGRATE_DATABASE_URL when it is set (a role that may
    /// change the schema), else as DATABASE_URL.
    Migrate,
    /// Copy the SQLite database (or with --keys the key store) to FILE, safely while serving
    ///
    /// The copy is a consistent snapshot, written under FILE.partial and renamed when
    /// whole; it is readable by its owner only. Back up the key store apart from the
    /// database, on a short rotation: an old key store backup still holds the keys of
    /// people erased since (see deploy/README.md). On PostgreSQL use pg_dump.
    Backup {
        /// Back up the key store of people's data keys instead of the database
        #[arg(long)]
        keys: bool,
        /// The file to write (it must not exist)
        file: PathBuf,
    },
    /// Replace the SQLite database (or with --keys the key store) with a backup
    ///
    /// Stop every coproduce process using it first. A restored database is migrated
    /// to this version. A restored key store has the keys of everyone erased since
    /// the backup (by the database's audit log) destroyed again.
    Restore {
        /// Restore the key store instead of the database
        #[arg(long)]
        keys: bool,
        /// Replace the existing one (after stopping every process using it)
        #[arg(long)]
        yes: bool,
        /// The backup file
        file: PathBuf,
    },
    /// Check the settings, database, migrations, key store and mail, and say what to fix
    ///
    /// Changes nothing. Exits 1 when something must be fixed before `serve` can work.
    Doctor,
    /// Seed a demo place, "Coventry", with people, organisations, proposals, a
    /// co-design board, stories and more, and print the accounts to sign in with
    ///
    /// Everything is made through the same rules as the site. Running it again
    /// changes nothing. For trying coproduce out on your own machine: every demo
    /// account has the same published password.
    Demo {
        /// Serve the demo place at this hostname [default: localhost, or
        /// coventry.localhost when another place already has localhost]
        #[arg(long, value_name = "HOST")]
        host: Option<String>,
    },
    /// Manage tenants: the places this installation serves
    Tenant {
        #[command(subcommand)]
        command: TenantCommand,
    },
    /// Manage people's accounts
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage a tenant's areas (city, wards, neighbourhoods)
    Areas {
        #[command(subcommand)]
        command: AreasCommand,
    },
    /// Manage a tenant's list of postcodes (one way to show you live there)
    Postcodes {
        #[command(subcommand)]
        command: PostcodesCommand,
    },
    /// Check a tenant's tamper-evident audit log
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Polls on co-design boards
    Poll {
        #[command(subcommand)]
        command: PollCommand,
    },
    /// The master key and the key store of people's data keys
    ///
    /// The master key comes from COPRODUCE_MASTER_KEY (with older keys in
    /// COPRODUCE_OLD_MASTER_KEYS), from the file COPRODUCE_MASTER_KEY_FILE, or is
    /// generated into DIR/keys/master.key. Back up the key store and the master key
    /// apart from the database.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Notification digests: the daily and weekly summaries of what people follow
    Digests {
        #[command(subcommand)]
        command: DigestsCommand,
    },
}

#[derive(Subcommand, Debug)]
enum DigestsCommand {
    /// Queue the digests that are due (then `serve` or `worker` sends them)
    ///
    /// `serve` already does this at COPRODUCE_DIGEST_HOUR (UTC, default 8; weekly
    /// digests on Mondays). Run it from cron with COPRODUCE_DIGEST_HOUR=off on the
    /// servers, or with --now to send everything waiting at once. Each person's digest
    /// goes once however many times this runs.
    Send {
        /// Every waiting update for everyone, now, whatever the schedule
        #[arg(long)]
        now: bool,
    },
}

#[derive(Subcommand, Debug)]
enum KeysCommand {
    /// Show the master key in use, where it comes from, and how many data keys the key
    /// store holds
    Status,
    /// Re-wrap every person's data key under a new master key
    ///
    /// No encrypted content is touched. With a master key generated in the data folder
    /// a new one is generated into the same file; otherwise give the new key with
    /// --new-key-file, or set COPRODUCE_MASTER_KEY to the new key and
    /// COPRODUCE_OLD_MASTER_KEYS to the old one. Older keys stay in the master key file
    /// until every data key is re-wrapped, so an interrupted rotation finishes when run
    /// again. Processes given the key in COPRODUCE_MASTER_KEY must be restarted with the
    /// new key afterwards.
    Rotate {
        /// A file holding the new master key (base64url or 64 hex digits)
        #[arg(long, value_name = "FILE")]
        new_key_file: Option<PathBuf>,
    },
    /// Make a new key to sign consent receipts and retire the current one
    ///
    /// Retired keys stay published at /.well-known/jwks.json, so every receipt
    /// issued before still verifies. Rotate when a key may have been exposed, or
    /// yearly.
    RotateSigning,
}

#[derive(Subcommand, Debug)]
enum AreasCommand {
    /// Load many areas from a CSV file
    ///
    /// The first line names the columns: name,parent,kind,description,latitude,longitude
    /// (only name is required). `parent` is the name of an area already there or on an
    /// earlier line; kind is city, ward, neighbourhood or other. A row updates the area of
    /// the same name under the same parent, or creates it. Rows that break a rule are
    /// listed with their line and reason; the others are imported.
    Import {
        /// The tenant (slug) whose areas these are
        #[arg(long)]
        tenant: String,
        /// The CSV file
        file: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum PostcodesCommand {
    /// Add postcodes from a file to the tenant's list
    ///
    /// The file holds one postcode per line, or is CSV whose first line names a
    /// `postcode` column. Postcodes are normalised (CV15fb becomes CV1 5FB); lines that
    /// are not UK-style postcodes are listed with their line and reason; postcodes
    /// already listed stay as they are, so a file can be imported again.
    Import {
        /// The tenant (slug) whose postcodes these are
        #[arg(long)]
        tenant: String,
        /// The file
        file: PathBuf,
    },
    /// Remove every postcode from the tenant's list (verifications already made stay)
    Clear {
        /// The tenant (slug)
        #[arg(long)]
        tenant: String,
    },
}

#[derive(Subcommand, Debug)]
enum PollCommand {
    /// Recount a closed poll from its stored ballots
    ///
    /// Recomputes the SHA-256 digest of the sorted ballots and the result, and
    /// prints them beside the digest stored with the poll and written to the
    /// audit log at close, and the stored result. Exits 1 if anything differs.
    Recount {
        /// The poll's id
        id: String,
        /// The tenant (slug) of the poll [default: found by its id]
        #[arg(long)]
        tenant: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum AuditCommand {
    /// Recompute every event's hash and link; exits 1 naming the first
    /// event that was changed or removed
    Verify {
        /// The tenant (slug) whose log to check
        #[arg(long)]
        tenant: String,
    },
}

#[derive(Subcommand, Debug)]
enum TenantCommand {
    /// Create a tenant served at one or more hostnames
    Create {
        /// Short name: lowercase letters, digits and hyphens (e.g. coventry)
        #[arg(long)]
        slug: String,
        /// The place's name as people see it (e.g. "Coventry")
        #[arg(long)]
        name: String,
        /// Hostname the tenant is served at; repeat for several
        #[arg(long = "host", value_name = "HOST", required = true)]
        hosts: Vec<String>,
    },
    /// List tenants with their hostnames
    List,
    /// Serve a tenant at one more hostname
    AddHost {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        host: String,
    },
    /// Stop serving a tenant at a hostname (its last one is kept)
    RemoveHost {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        host: String,
    },
}

#[derive(Subcommand, Debug)]
enum UserCommand {
    /// Create an account (or change an existing account's role). At a
    /// terminal you are asked for its password; otherwise an email invites
    /// the person to choose one
    Create {
        /// The tenant (slug) the account belongs to
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        email: String,
        /// citizen, moderator or admin
        #[arg(long, default_value = "citizen")]
        role: String,
        /// The name shown for the person [default: the part of the email before @]
        #[arg(long)]
        name: Option<String>,
        /// Also make the person a platform operator (manages every tenant)
        #[arg(long)]
        operator: bool,
    },
}

/// Exit codes: 0 done, 1 the operation failed, 2 the settings or arguments
/// are wrong.
pub fn run() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let settings = match load_settings(&cli, &matches) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("coproduce: the settings need fixing:\n{message}");
            return ExitCode::from(2);
        }
    };
    init_logging(settings.log_format);
    let outcome = match cli.command {
        Command::Serve { .. } => serve(settings),
        Command::Worker => worker(settings),
        Command::Migrate => migrate(&settings),
        Command::Backup { keys, file } => backup(&settings, keys, &file),
        Command::Restore { keys, yes, file } => restore(&settings, keys, yes, &file),
        Command::Doctor => doctor(&settings),
        Command::Demo { host } => demo(&settings, host),
        Command::Tenant { command } => tenant(&settings, command),
        Command::User { command } => user(&settings, command),
        Command::Areas { command } => areas(&settings, command),
        Command::Postcodes { command } => postcodes(&settings, command),
        Command::Audit { command } => audit(&settings, command),
        Command::Keys { command } => keys(&settings, command),
        Command::Digests { command } => digests(&settings, command),
        Command::Poll { command } => poll(&settings, command),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("coproduce: {message}");
            ExitCode::FAILURE
        }
    }
}

fn load_settings(cli: &Cli, matches: &ArgMatches) -> Result<Settings, String> {
    let (bind, no_migrate) = match &cli.command {
        Command::Serve { bind, no_migrate } => (bind.clone(), *no_migrate),
        _ => (None, false),
    };
    let sub = matches.subcommand().map(|(_, m)| m);
    // Global flags may be given before or after the subcommand.
    let given_as_flag = |m: &ArgMatches, id: &str| {
        m.try_get_raw(id).ok().flatten().is_some()
            && m.value_source(id) == Some(ValueSource::CommandLine)
    };
    let from_flag =
        |id: &str| given_as_flag(matches, id) || sub.is_some_and(|m| given_as_flag(m, id));
    let mut flags = Vec::new();
    for (id, flag) in [
        ("data_dir", "--data-dir"),
        ("database_url", "--database-url"),
        ("mail", "--mail"),
        ("mail_from", "--mail-from"),
        ("default_tenant", "--default-tenant"),
        ("bind", "--bind"),
        ("key_store", "--key-store"),
    ] {
        if from_flag(id) {
            flags.push(flag);
        }
    }
    if no_migrate {
        flags.push("--no-migrate");
    }
    let file = match &cli.config {
        Some(path) => Some(Sources::read_file(path).map_err(|e| e.to_string())?),
        None => None,
    };
    let sources = Sources {
        given: RawSettings {
            bind,
            data_dir: cli.data_dir.clone(),
            database_url: cli.database_url.clone(),
            mail: cli.mail.clone(),
            mail_from: cli.mail_from.clone(),
            mail_poll_ms: match std::env::var("COPRODUCE_MAIL_POLL_MS") {
                Ok(v) => Some(v.parse().map_err(|_| {
                    format!("COPRODUCE_MAIL_POLL_MS: `{v}` is not a number of milliseconds between 10 and 60000")
                })?),
                Err(_) => None,
            },
            default_tenant: cli.default_tenant.clone(),
            log_format: std::env::var("COPRODUCE_LOG_FORMAT").ok(),
            trusted_proxies: std::env::var("COPRODUCE_TRUSTED_PROXIES")
                .ok()
                .map(|v| vec![v]),
            insecure_http: env_parsed("COPRODUCE_INSECURE_HTTP", "true or false")?,
            session_idle_minutes: env_parsed("COPRODUCE_SESSION_IDLE_MINUTES", "a whole number of minutes")?,
            session_max_hours: env_parsed("COPRODUCE_SESSION_MAX_HOURS", "a whole number of hours")?,
            rate_limits: std::env::var("COPRODUCE_RATE_LIMITS").ok(),
            mail_worker: std::env::var("COPRODUCE_MAIL_WORKER").ok(),
            statement_timeout_seconds: std::env::var("COPRODUCE_STATEMENT_TIMEOUT_SECONDS").ok(),
            migrate_on_start: if no_migrate {
                Some("off".into())
            } else {
                std::env::var("COPRODUCE_MIGRATE_ON_START").ok()
            },
            sign_in_per_minute: env_parsed("COPRODUCE_SIGN_IN_PER_MINUTE", "a whole number")?,
            failed_sign_ins_per_account: env_parsed("COPRODUCE_FAILED_SIGN_INS_PER_ACCOUNT", "a whole number")?,
            registrations_per_hour: env_parsed("COPRODUCE_REGISTRATIONS_PER_HOUR", "a whole number")?,
            resets_per_hour: env_parsed("COPRODUCE_RESETS_PER_HOUR", "a whole number")?,
            key_store: cli.key_store.clone(),
            master_key_file: std::env::var("COPRODUCE_MASTER_KEY_FILE").ok(),
            digest_hour: std::env::var("COPRODUCE_DIGEST_HOUR").ok(),
            master_key: std::env::var("COPRODUCE_MASTER_KEY").ok().map(SecretText::new),
            old_master_keys: std::env::var("COPRODUCE_OLD_MASTER_KEYS")
                .ok()
                .map(SecretText::new),
            metrics_token: std::env::var("COPRODUCE_METRICS_TOKEN")
                .ok()
                .map(SecretText::new),
            workers: match std::env::var("COPRODUCE_WORKERS") {
                Ok(v) => Some(v.parse().map_err(|_| {
                    format!("COPRODUCE_WORKERS: `{v}` is not a number of workers between 1 and 256")
                })?),
                Err(_) => None,
            },
        },
        from_flag: flags,
        file,
    };
    Settings::resolve(&sources).map_err(|e| e.to_string())
}

/// Reads an optional typed setting from the environment.
fn env_parsed<T: std::str::FromStr>(name: &str, what: &str) -> Result<Option<T>, String> {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| format!("{name}: `{v}` is not {what}")),
        Err(_) => Ok(None),
    }
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => {
            use tracing_subscriber::field::MakeExt;
            // Values can carry what people typed: a newline or a terminal
            // escape in one must not forge a log line (ASVS 16.4.1).
            let fields = tracing_subscriber::fmt::format::debug_fn(|w, field, value| {
                let shown = escape_controls(&format!("{value:?}"));
                if field.name() == "message" {
                    write!(w, "{shown}")
                } else {
                    write!(w, "{}={shown}", field.name())
                }
            })
            .delimited(" ");
            builder.fmt_fields(fields).try_init()
        }
    };
}

/// `text` with every control character written as an escape (`\n`,
/// `\u{1b}`), so a log line stays one line and shows what was sent.
fn escape_controls(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

fn serve(settings: Settings) -> Result<(), String> {
    let runtime = actix_web::rt::System::new();
    runtime.block_on(async move {
        let backend = settings.database.redacted();
        let mail = settings.mail.describe();
        let app = crate::App::build(settings).map_err(|e| e.to_string())?;
        for name in app.migrations_applied() {
            println!("Applied migration {name}");
        }
        if let Some(t) = app
            .state()
            .db(tenancy::ensure_default)
            .await
            .map_err(|e| format!("could not create the default tenant: {e}"))?
        {
            println!(
                "Created the tenant `{}` ({}) serving {}",
                t.slug,
                t.name,
                tenancy::DEFAULT_HOSTS.join(" and ")
            );
        }
        let tenants = app
            .state()
            .db(tenancy::list)
            .await
            .map_err(|e| format!("could not list tenants: {e}"))?;
        let port = app.addr().port();
        println!(
            "coproduce is listening on {} (database: {backend}; mail: {mail})",
            app.addr()
        );
        for (tenant, hosts) in &tenants {
            // A person can open `localhost`; prefer it over an IP address.
            let host = hosts.iter().find(|h| *h == "localhost").or(hosts.first());
            if let Some(host) = host {
                println!("  {} ({}): http://{host}:{port}/", tenant.name, tenant.slug);
            }
        }
        println!("Press Ctrl+C to stop.");
        app.run()
            .await
            .map_err(|e| format!("the server stopped: {e}"))
    })
}

/// Runs one mail worker until SIGTERM or Ctrl+C, then lets it finish the
/// message it is sending.
fn worker(settings: Settings) -> Result<(), String> {
    let mut conn = db::connect(&settings.database).map_err(|e| format!("DATABASE_URL: {e}"))?;
    for name in
        db::prepare_schema(&mut conn, settings.migrate_on_start).map_err(|e| e.to_string())?
    {
        println!("Applied migration {name}");
    }
    drop(conn);
    let pool = db::pool(&settings.database, 2, settings.statement_timeout);
    let closer = crate::polls::closer::start(pool.clone(), crate::polls::closer::EVERY)
        .map_err(|e| format!("the poll-closing sweep cannot start: {e}"))?;
    let handle = mail::worker::start(pool, WorkerConfig::from_settings(&settings))
        .map_err(|e| format!("the mail worker cannot start: {e}"))?;
    println!(
        "coproduce is delivering email to {} (database: {}). Press Ctrl+C to stop.",
        settings.mail.describe(),
        settings.database.redacted()
    );
    let runtime = actix_web::rt::System::new();
    let stop_signal = runtime.block_on(async {
        use actix_web::rt::signal::{self, unix};
        let mut terminate = unix::signal(unix::SignalKind::terminate())
            .map_err(|e| format!("cannot listen for SIGTERM: {e}"))?;
        first_of(signal::ctrl_c(), terminate.recv()).await;
        Ok::<(), String>(())
    });
    println!("Stopping: finishing the message being sent.");
    handle.stop();
    closer.stop();
    stop_signal
}

/// Waits for whichever of Ctrl+C and SIGTERM comes first.
async fn first_of(
    ctrl_c: impl std::future::Future<Output = std::io::Result<()>>,
    terminate: impl std::future::Future<Output = Option<()>>,
) {
    futures_util::future::select(std::pin::pin!(ctrl_c), std::pin::pin!(terminate)).await;
}

fn create_data_dir(settings: &Settings) -> Result<(), String> {
    std::fs::create_dir_all(&settings.data_dir).map_err(|e| {
        format!(
            "cannot create the data folder {}: {e}",
            settings.data_dir.display()
        )
    })
}

/// The database URL `coproduce migrate` connects with when set: a role that
/// owns the schema, while `DATABASE_URL` names one that only reads and writes.
const MIGRATE_DATABASE_URL: &str = "COPRODUCE_MIGRATE_DATABASE_URL";

fn migrate(settings: &Settings) -> Result<(), String> {
    create_data_dir(settings)?;
    // The schema's owner may differ from the role that serves (ASVS
    // 13.2.2): migrations then connect as their own role.
    let (database, which) = match std::env::var(MIGRATE_DATABASE_URL) {
        Ok(raw) => (
            db::DatabaseUrl::parse(&raw).map_err(|why| format!("{MIGRATE_DATABASE_URL} {why}"))?,
            MIGRATE_DATABASE_URL,
        ),
        Err(_) => (settings.database.clone(), "DATABASE_URL"),
    };
    let mut conn = db::connect(&database).map_err(|e| format!("{which}: {e}"))?;
    let applied = db::migrate(&mut conn).map_err(|e| e.to_string())?;
    if applied.is_empty() {
        println!("The database is up to date ({}).", database.redacted());
    } else {
        for name in &applied {
            println!("Applied migration {name}");
        }
        println!(
            "Applied {} migration(s) to {}.",
            applied.len(),
            database.redacted()
        );
    }
    Ok(())
}

fn backup_target(keys: bool) -> crate::ops::backup::Target {
    use crate::ops::backup::Target;
    if keys {
        Target::KeyStore
    } else {
        Target::Database
    }
}

fn backup(settings: &Settings, keys: bool, file: &std::path::Path) -> Result<(), String> {
    let written = crate::ops::backup::backup(settings, backup_target(keys), file)
        .map_err(|e| e.to_string())?;
    println!(
        "Wrote {} ({} bytes).",
        written.path.display(),
        written.bytes
    );
    if keys {
        println!("It holds people's data keys: keep it apart from the database backups, and delete it on a short rotation (an erasure cannot reach this copy).");
    } else {
        println!("It holds no usable keys: back up the key store (`coproduce backup --keys`) and the master key separately.");
    }
    Ok(())
}

fn restore(
    settings: &Settings,
    keys: bool,
    yes: bool,
    file: &std::path::Path,
) -> Result<(), String> {
    let done = crate::ops::backup::restore(settings, backup_target(keys), file, yes)
        .map_err(|e| e.to_string())?;
    for name in &done.migrations_applied {
        println!("Applied migration {name}");
    }
    if keys {
        println!(
            "Restored the key store from {}. Destroyed again the keys of {} person(s) erased and {} story(ies) deleted since the backup.",
            file.display(),
            done.people_shredded_again,
            done.stories_shredded_again
        );
    } else {
        println!(
            "Restored the database from {}. Start coproduce again.",
            file.display()
        );
    }
    Ok(())
}

fn doctor(settings: &Settings) -> Result<(), String> {
    use crate::ops::doctor::{self, Level};
    let found = doctor::examine(settings);
    for finding in &found {
        println!("{finding}");
    }
    let fails = found.iter().filter(|f| f.level == Level::Fail).count();
    let warns = found.iter().filter(|f| f.level == Level::Warn).count();
    if fails > 0 {
        Err(format!("{fails} problem(s) to fix, {warns} warning(s)"))
    } else {
        println!("Nothing to fix; {warns} warning(s).");
        Ok(())
    }
}

fn demo(settings: &Settings, host: Option<String>) -> Result<(), String> {
    use crate::demo;
    create_data_dir(settings)?;
    let mut conn = db::connect(&settings.database).map_err(|e| format!("DATABASE_URL: {e}"))?;
    db::migrate(&mut conn).map_err(|e| e.to_string())?;
    let hosts = match host {
        Some(h) => vec![Hostname::parse(&h).map_err(|e| format!("--host: {e}"))?],
        None => {
            let taken = tenancy::list(&mut conn).map_err(|e| e.to_string())?;
            let localhost_free = !taken.iter().any(|(t, hosts)| {
                t.slug.as_str() != demo::DEMO_SLUG && hosts.iter().any(|h| h == "localhost")
            });
            let names: &[&str] = if localhost_free {
                &tenancy::DEFAULT_HOSTS
            } else {
                &["coventry.localhost"]
            };
            names
                .iter()
                .map(|h| Hostname::parse(h))
                .collect::<Result<Vec<_>, _>>()?
        }
    };
    let secrets = crate::secrets::Secrets::load_or_create(&crate::secrets::Secrets::default_path(
        &settings.data_dir,
    ))
    .map_err(|e| e.to_string())?;
    let mailing = crate::notifications::Mailing::new(settings, &secrets);
    let keys = KeyStore::from_settings(settings)
        .map_err(|e| format!("the key store or master key is unusable: {e}"))?;
    let url = |host: &str| {
        // Names under .localhost reach this machine too (RFC 6761).
        if host == "localhost" || host == "127.0.0.1" || host.ends_with(".localhost") {
            format!("http://{host}:{}/", settings.bind.port())
        } else {
            format!(
                "{}/",
                Hostname::parse(host)
                    .map(|h| h.base_url(settings.insecure_http, None))
                    .unwrap_or_default()
            )
        }
    };
    let base_url = url(hosts[0].as_str()).trim_end_matches('/').to_owned();
    let done =
        demo::seed(&mut conn, &keys, &mailing, &base_url, &hosts).map_err(|e| e.to_string())?;
    if done.created {
        println!(
            "Seeded the demo place {} (`{}`).",
            done.tenant.name, done.tenant.slug
        );
    } else {
        println!(
            "The demo place {} (`{}`) is already there; nothing changed.",
            done.tenant.name, done.tenant.slug
        );
    }
    // A person can open `localhost`; prefer it over an IP address.
    let first = done
        .hosts
        .iter()
        .find(|h| *h == "localhost")
        .or(done.hosts.first())
        .map(String::as_str)
        .unwrap_or("localhost");
    println!("Start it with `coproduce serve`, then open {}", url(first));
    println!(
        "Sign in with any of these accounts; the password of each is: {}",
        demo::DEMO_PASSWORD
    );
    for (email, name, who) in &done.accounts {
        println!("  {email:<26} {name} ({who})");
    }
    println!(
        "The admin's pages ask for a code from an authenticator app set up with the key {} (or `oathtool --totp -b {}`).",
        demo::DEMO_ADMIN_TOTP_KEY,
        demo::DEMO_ADMIN_TOTP_KEY
    );
    Ok(())
}

fn tenant(settings: &Settings, command: TenantCommand) -> Result<(), String> {
    let mut conn = db::connect(&settings.database).map_err(|e| format!("DATABASE_URL: {e}"))?;
    db::migrate(&mut conn).map_err(|e| e.to_string())?;
    match command {
        TenantCommand::Create { slug, name, hosts } => {
            let slug = Slug::parse(&slug).map_err(|e| format!("--slug: {e}"))?;
            let hosts = hosts
                .iter()
                .map(|h| Hostname::parse(h).map_err(|e| format!("--host: {e}")))
                .collect::<Result<Vec<_>, _>>()?;
            let t = tenancy::create(&mut conn, &slug, &name, &hosts).map_err(|e| e.to_string())?;
            let hosts: Vec<&str> = hosts.iter().map(Hostname::as_str).collect();
            println!(
                "Created the tenant `{}` ({}) serving {}.",
                t.slug,
                t.name,
                hosts.join(", ")
            );
        }
        TenantCommand::List => {
            let all = tenancy::list(&mut conn).map_err(|e| e.to_string())?;
            if all.is_empty() {
                println!("No tenants yet. Create one with: coproduce tenant create --slug S --name N --host H");
            }
            for (t, hosts) in all {
                println!("{}\t{}\t{}\t{}", t.slug, t.name, t.status, hosts.join(", "));
            }
        }
        TenantCommand::AddHost { slug, host } => {
            let slug = Slug::parse(&slug).map_err(|e| format!("--slug: {e}"))?;
            let host = Hostname::parse(&host).map_err(|e| format!("--host: {e}"))?;
            tenancy::add_host(&mut conn, &slug, &host).map_err(|e| e.to_string())?;
            println!("`{slug}` is now also served at {host}.");
        }
        TenantCommand::RemoveHost { slug, host } => {
            let slug = Slug::parse(&slug).map_err(|e| format!("--slug: {e}"))?;
            let host = Hostname::parse(&host).map_err(|e| format!("--host: {e}"))?;
            tenancy::remove_host(&mut conn, &slug, &host).map_err(|e| e.to_string())?;
            println!("`{slug}` is no longer served at {host}.");
        }
    }
    Ok(())
}

fn user(settings: &Settings, command: UserCommand) -> Result<(), String> {
    use crate::accounts::password::{hash_blocking, Password};
    use crate::accounts::service::{self as accounts, Provisioned};
    use crate::accounts::Role;
    use std::io::IsTerminal;

    let UserCommand::Create {
        tenant,
        email,
        role,
        name,
        operator,
    } = command;
    let slug = Slug::parse(&tenant).map_err(|e| format!("--tenant: {e}"))?;
    let email = crate::mail::Email::parse(&email).map_err(|e| format!("--email: {e}"))?;
    let role = Role::parse(&role).ok_or_else(|| {
        format!("--role: `{role}` is not a role; use citizen, moderator or admin")
    })?;
    let name = name.unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("").to_owned());
    let name = accounts::parse_display_name(&name).map_err(|e| format!("--name: {}", e.message))?;

    let mut conn = db::connect(&settings.database).map_err(|e| format!("DATABASE_URL: {e}"))?;
    db::migrate(&mut conn).map_err(|e| e.to_string())?;
    let tenant = tenancy::find_by_slug(&mut conn, &slug)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| {
            format!("--tenant: there is no tenant `{slug}`; `coproduce tenant list` shows them")
        })?;
    let exists = accounts::find_by_email(&mut conn, &tenant.id, &email)
        .map_err(|e| e.to_string())?
        .is_some();
    let hash = if !exists && std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("Password for {email}: "))
            .map_err(|e| format!("could not read the password: {e}"))?;
        let again = rpassword::prompt_password("The same password again: ")
            .map_err(|e| format!("could not read the password: {e}"))?;
        if first != again {
            return Err("the two passwords differ; nothing was changed".into());
        }
        let password = Password::parse_new(&first, &[email.as_str(), &name])
            .map_err(|e| format!("password: {}", e.message))?;
        Some(hash_blocking(&password).map_err(|e| e.to_string())?)
    } else {
        None
    };
    let hosts = tenancy::hosts_of(&mut conn, &tenant.id).map_err(|e| e.to_string())?;
    let host = Hostname::parse(hosts.first().map(String::as_str).unwrap_or("localhost"))?;
    // Loopback hosts are a development server on the configured port.
    let port = host.is_loopback().then(|| settings.bind.port());
    let base_url = host.base_url(settings.insecure_http, port);
    let account = accounts::Provision {
        email,
        display_name: name,
        role,
        platform_operator: operator,
    };
    let outcome = accounts::provision(&mut conn, &tenant, &base_url, &account, hash.as_deref())
        .map_err(|e| e.to_string())?;
    match outcome {
        Provisioned::Created { user, invited: true } => println!(
            "Created {} ({}) in `{}` as {}. An invitation to choose a password is queued; `coproduce serve` or `coproduce worker` sends it.",
            user.email, user.display_name, tenant.slug, user.role
        ),
        Provisioned::Created { user, invited: false } => println!(
            "Created {} ({}) in `{}` as {}. They can sign in now.",
            user.email, user.display_name, tenant.slug, user.role
        ),
        Provisioned::RoleChanged { user, from } => println!(
            "{} in `{}` was {} and is now {}.",
            user.email, tenant.slug, from.as_str(), user.role
        ),
    }
    Ok(())
}

fn keys(settings: &Settings, command: KeysCommand) -> Result<(), String> {
    let store = KeyStore::from_settings(settings)
        .map_err(|e| format!("the key store or master key is unusable: {e}"))?;
    match command {
        KeysCommand::Status => {
            let ring = store.ring();
            let census = store.census().map_err(|e| e.to_string())?;
            println!(
                "Master key: {} ({})",
                ring.current().id(),
                settings.master_key.describe()
            );
            if !ring.older().is_empty() {
                let ids: Vec<&str> = ring.older().iter().map(MasterKey::id).collect();
                println!("Older master keys, still read: {}", ids.join(", "));
            }
            println!("Key store: {}", store.location().redacted());
            println!(
                "Data keys: {} live, {} destroyed",
                census.live, census.destroyed
            );
            let signing = store.public_signing_keys().map_err(|e| e.to_string())?;
            match signing.iter().find(|k| k.retired_at.is_none()) {
                Some(k) => println!(
                    "Receipt signing key: {} ({} retired, still published)",
                    k.kid,
                    signing.len() - 1
                ),
                None => println!("Receipt signing key: none yet (made with the first receipt)"),
            }
            if census.under_older_keys > 0 {
                println!(
                    "{} live data key(s) are still wrapped under an older master key: run `coproduce keys rotate` to finish.",
                    census.under_older_keys
                );
            }
            Ok(())
        }
        KeysCommand::Rotate { new_key_file } => rotate(settings, &store, new_key_file),
        KeysCommand::RotateSigning => {
            let kid = store.rotate_signing_key().map_err(|e| e.to_string())?;
            println!("New receipt signing key: {kid}. Older keys stay published so their receipts still verify.");
            Ok(())
        }
    }
}

/// Rotates the master key: the new key is saved beside the old ones first,
/// every data key is re-wrapped, and only then are the old ones dropped.
fn rotate(
    settings: &Settings,
    store: &KeyStore,
    new_key_file: Option<PathBuf>,
) -> Result<(), String> {
    let ring = store.ring();
    let was = ring.current().id().to_owned();
    let new = match new_key_file {
        Some(path) => MasterKeyRing::read_file(&path)
            .map_err(|e| format!("--new-key-file: {e}"))?
            .current()
            .clone(),
        // Older keys still loaded: a rotation is under way; finish it.
        None if !ring.older().is_empty() => ring.current().clone(),
        None => match &settings.master_key {
            MasterKeySetting::Generated(_) => MasterKey::generate()
                .map_err(|e| format!("cannot generate a master key: {e}"))?,
            MasterKeySetting::File(path) => {
                return Err(format!(
                    "--new-key-file: the master key comes from {} (COPRODUCE_MASTER_KEY_FILE), which coproduce does not write to unasked; give the new key with --new-key-file FILE",
                    path.display()
                ))
            }
            MasterKeySetting::Given(_) => {
                return Err("--new-key-file: the master key comes from COPRODUCE_MASTER_KEY; give the new key with --new-key-file FILE, or set COPRODUCE_MASTER_KEY to the new key and COPRODUCE_OLD_MASTER_KEYS to the old one and run this again".into())
            }
        },
    };
    let file = settings.master_key.file();
    if let Some(path) = file {
        ring.with_current(new.clone()).write_file(path, false)?;
    }
    let count = store.rotate_master(new.clone()).map_err(|e| {
        format!("the rotation stopped: {e}. The data keys not yet re-wrapped still open with the older key; run `coproduce keys rotate` again to finish")
    })?;
    println!(
        "Re-wrapped {count} data key(s) under the master key {} (it was {was}); no encrypted content was touched.",
        new.id()
    );
    match file {
        Some(path) => {
            MasterKeyRing::new(vec![new])
                .and_then(|only| only.write_file(path, false))
                .map_err(|e| format!("every data key was re-wrapped, but {e}; the older key is still in the file and harmless"))?;
            println!(
                "{} now holds only the new key. Back it up now, apart from the database: the old key no longer opens the key store.",
                path.display()
            );
        }
        None => println!(
            "Now set COPRODUCE_MASTER_KEY to the new key (id {}), remove the old one from COPRODUCE_OLD_MASTER_KEYS, and restart every coproduce process.",
            new.id()
        ),
    }
    Ok(())
}

/// The database, migrated, and the tenant a `--tenant` slug names.
fn tenant_db(
    settings: &Settings,
    slug: &Slug,
) -> Result<(db::DbConn, crate::tenancy::Tenant), String> {
    let mut conn = db::connect(&settings.database).map_err(|e| format!("DATABASE_URL: {e}"))?;
    db::migrate(&mut conn).map_err(|e| e.to_string())?;
    let tenant = tenancy::find_by_slug(&mut conn, slug)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| {
            format!("--tenant: there is no tenant `{slug}`; `coproduce tenant list` shows them")
        })?;
    Ok((conn, tenant))
}

/// A progress bar of `len` steps on a terminal; scripts and logs get the
/// summary only.
fn progress(len: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(len as u64)
    } else {
        indicatif::ProgressBar::hidden()
    }
}

/// Lists an import's rejected lines after its summary.
fn print_rejected(rejected: &[crate::places::import::Rejected]) {
    if !rejected.is_empty() {
        println!("These lines were rejected and not imported:");
        for r in rejected {
            println!("  line {}: {}", r.line, r.reason);
        }
    }
}

/// Opens an import's file for `read`, naming the file in any error.
fn read_file<T>(
    file: &std::path::Path,
    read: impl FnOnce(std::fs::File) -> Result<T, String>,
) -> Result<T, String> {
    let input =
        std::fs::File::open(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    read(input).map_err(|e| format!("{}: {e}", file.display()))
}

fn areas(settings: &Settings, command: AreasCommand) -> Result<(), String> {
    use crate::places::import;
    let AreasCommand::Import { tenant, file } = command;
    let slug = Slug::parse(&tenant).map_err(|e| format!("--tenant: {e}"))?;
    let rows = read_file(&file, import::read)?;
    let (mut conn, tenant) = tenant_db(settings, &slug)?;
    let bar = progress(rows.len());
    let summary =
        import::import(&mut conn, &tenant.id, &rows, || bar.inc(1)).map_err(|e| e.to_string())?;
    bar.finish_and_clear();
    println!(
        "created {}, updated {}, rejected {}",
        summary.created,
        summary.updated,
        summary.rejected.len()
    );
    print_rejected(&summary.rejected);
    Ok(())
}

fn postcodes(settings: &Settings, command: PostcodesCommand) -> Result<(), String> {
    use crate::residency::import;
    let (tenant, file) = match &command {
        PostcodesCommand::Import { tenant, file } => (tenant, Some(file)),
        PostcodesCommand::Clear { tenant } => (tenant, None),
    };
    let slug = Slug::parse(tenant).map_err(|e| format!("--tenant: {e}"))?;
    let rows = file.map(|f| read_file(f, import::read)).transpose()?;
    let (mut conn, tenant) = tenant_db(settings, &slug)?;
    let Some(rows) = rows else {
        let removed = import::clear(&mut conn, &tenant.id).map_err(|e| e.to_string())?;
        println!("removed {removed} postcodes from `{slug}`");
        return Ok(());
    };
    let bar = progress(rows.len());
    let summary =
        import::import(&mut conn, &tenant.id, &rows, || bar.inc(1)).map_err(|e| e.to_string())?;
    bar.finish_and_clear();
    let total = import::count(&mut conn, &tenant.id).map_err(|e| e.to_string())?;
    println!(
        "added {}, already listed {}, rejected {} ({total} postcodes in `{slug}` now)",
        summary.added,
        summary.unchanged,
        summary.rejected.len()
    );
    print_rejected(&summary.rejected);
    Ok(())
}

fn digests(settings: &Settings, command: DigestsCommand) -> Result<(), String> {
    use crate::notifications::service::{self as notifications, When};
    let DigestsCommand::Send { now } = command;
    let when = match (now, settings.digest_hour) {
        (true, _) => When::Now,
        (false, Some(hour)) => When::Scheduled { hour },
        (false, None) => When::Scheduled {
            hour: crate::config::DEFAULT_DIGEST_HOUR,
        },
    };
    let secrets = crate::secrets::Secrets::load_or_create(&crate::secrets::Secrets::default_path(
        &settings.data_dir,
    ))
    .map_err(|e| e.to_string())?;
    let mailing = crate::notifications::Mailing::new(settings, &secrets);
    let mut conn = db::connect(&settings.database).map_err(|e| format!("DATABASE_URL: {e}"))?;
    db::migrate(&mut conn).map_err(|e| e.to_string())?;
    let run = notifications::send_digests(&mut conn, &mailing, when).map_err(|e| e.to_string())?;
    println!(
        "Queued {} digest(s); `coproduce serve` or `coproduce worker` sends them.",
        run.sent
    );
    Ok(())
}

fn audit(settings: &Settings, command: AuditCommand) -> Result<(), String> {
    use crate::audit::{service as audit, Verification};
    let AuditCommand::Verify { tenant } = command;
    let slug = Slug::parse(&tenant).map_err(|e| format!("--tenant: {e}"))?;
    let (mut conn, tenant) = tenant_db(settings, &slug)?;
    match audit::verify(&mut conn, &tenant.id).map_err(|e| e.to_string())? {
        Verification::Intact { events } => {
            println!("The audit log of `{slug}` is intact: {events} events.");
            Ok(())
        }
        // Exit code 1, like any failed operation, so scripts notice.
        Verification::Broken { seq, id, reason } => Err(format!(
            "The audit log of `{slug}` is broken at event #{seq} ({id}): {reason}"
        )),
    }
}

fn poll(settings: &Settings, command: PollCommand) -> Result<(), String> {
    use crate::polls::service as polls;
    let PollCommand::Recount { id, tenant } = command;
    let poll_id: crate::db::ids::PollId = id
        .trim()
        .parse()
        .map_err(|_| format!("`{id}` is not a poll id (a UUID)"))?;
    let (mut conn, tenant) = match tenant {
        Some(slug) => {
            let slug = Slug::parse(&slug).map_err(|e| format!("--tenant: {e}"))?;
            let (conn, tenant) = tenant_db(settings, &slug)?;
            (conn, Some(tenant))
        }
        None => {
            let mut conn =
                db::connect(&settings.database).map_err(|e| format!("DATABASE_URL: {e}"))?;
            db::migrate(&mut conn).map_err(|e| e.to_string())?;
            (conn, None)
        }
    };
    let recount = polls::recount(&mut conn, tenant.as_ref().map(|t| &t.id), &poll_id).map_err(
        |e| match e {
            crate::error::Error::NotFound => format!("there is no poll {poll_id}"),
            other => other.to_string(),
        },
    )?;
    let or_none = |d: &Option<String>| d.clone().unwrap_or_else(|| "(none)".into());
    println!("Poll {}: {} ballots", recount.poll_id, recount.ballots);
    println!("  digest recomputed:  {}", recount.recomputed_digest);
    println!("  digest stored:      {}", or_none(&recount.stored_digest));
    println!("  digest audited:     {}", or_none(&recount.audited_digest));
    let outcome = |v: &serde_json::Value| {
        format!(
            "{} (winner: {}, turnout: {} citizens, {} organisation members)",
            v["outcome"]["status"].as_str().unwrap_or("?"),
            v["outcome"]["winner"].as_str().unwrap_or("none"),
            v["turnout"]["citizens"],
            v["turnout"]["organisations"],
        )
    };
    println!(
        "  result recomputed:  {}",
        outcome(&recount.recomputed_result)
    );
    println!(
        "  result stored:      {}",
        recount
            .stored_result
            .as_ref()
            .map_or_else(|| "(none)".to_owned(), outcome)
    );
    if recount.matches() {
        println!("The recount matches: the same ballots, the same result.");
        Ok(())
    } else {
        Err(format!(
            "The recount of poll {} does NOT match what was recorded at close.",
            recount.poll_id
        ))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn log_values_cannot_forge_lines() {
        assert_eq!(
            super::escape_controls("ok\nERROR forged\u{1b}[31m\ttab é"),
            "ok\\nERROR forged\\u{1b}[31m\\ttab é"
        );
    }
}
