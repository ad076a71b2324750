//! Building and running the HTTP server. `App::build` is used by `serve`
//! and by the integration tests, which bind port 0.

use std::net::{SocketAddr, TcpListener};

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::from_fn;
use actix_web::{web, HttpServer};

use super::{middleware, problem};
use crate::config::Settings;
use crate::db::{self, DbError};
use crate::keys::KeyStore;
use crate::mail::worker::{self as mail_worker, WorkerConfig, WorkerHandle};
use crate::ops::job::Job;
use crate::secrets::Secrets;
use crate::state::AppState;

/// A running (or ready to run) server, with the mail worker that delivers
/// the outbox beside it.
pub struct App {
    server: Server,
    addr: SocketAddr,
    state: AppState,
    migrations_applied: Vec<String>,
    mail_worker: Option<WorkerHandle>,
    /// Sends notification digests at the configured hour.
    digest_clock: Option<Job>,
    poll_closer: Option<Job>,
    /// Emails authors whose consents end within 30 days.
    reminders: Option<Job>,
    /// Deletes Idempotency-Keys past 24 hours.
    idempotency_sweep: Option<Job>,
    /// Gives memory back to the system once requests stop.
    memory_trimmer: Option<Job>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot create the data folder {path}: {source} (set COPRODUCE_DATA_DIR or --data-dir to a writable folder)")]
    DataDir {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{0} (the secrets file lives in the data folder's keys/ folder)")]
    Secrets(#[from] crate::secrets::SecretsError),
    #[error("DATABASE_URL: {0}")]
    Database(#[from] DbError),
    #[error("the key store or master key is unusable: {0}")]
    Keys(#[from] crate::keys::KeyError),
    #[error("the bind address {addr} is already in use; stop the program using it or choose another address with --bind or COPRODUCE_BIND")]
    AddrInUse { addr: SocketAddr },
    #[error("cannot listen on {addr}: {source} (check --bind or COPRODUCE_BIND)")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the mail worker cannot start: {0}")]
    MailWorker(String),
    #[error("the digest clock cannot start: {0}")]
    DigestClock(std::io::Error),
    #[error("the poll-closing sweep cannot start: {0}")]
    PollCloser(std::io::Error),
    #[error("the idempotency-key sweep cannot start: {0}")]
    IdempotencySweep(std::io::Error),
    #[error("the memory trimmer cannot start: {0}")]
    MemoryTrimmer(std::io::Error),
}

impl App {
    /// Prepares the data folder and database (running pending migrations),
    /// binds the listener and builds the server. Must be called inside an
    /// async runtime; the server runs when [`App::run`] is awaited.
    pub fn build(settings: Settings) -> Result<App, StartError> {
        std::fs::create_dir_all(&settings.data_dir).map_err(|source| StartError::DataDir {
            path: settings.data_dir.clone(),
            source,
        })?;
        let secrets = Secrets::load_or_create(&Secrets::default_path(&settings.data_dir))?;
        // Before the database: without usable keys nothing sensitive could
        // be read or written, so the server does not start.
        let keys = KeyStore::from_settings(&settings)?;
        let mut conn = db::connect(&settings.database)?;
        let migrations_applied = db::prepare_schema(&mut conn, settings.migrate_on_start)?;
        // Authenticator keys stored by versions before they were sealed.
        // Not fatal: such a key still works and is sealed on its next use.
        match crate::accounts::service::seal_plaintext_totp_secrets(&mut conn, &keys) {
            Ok(0) => {}
            Ok(n) => tracing::info!(sealed = n, "sealed authenticator keys stored in plaintext"),
            Err(e) => tracing::warn!("authenticator keys left in plaintext until used: {e}"),
        }
        drop(conn);

        let pool_size = match settings.database {
            db::DatabaseUrl::Sqlite(_) => 8,
            db::DatabaseUrl::Postgres(_) => 16,
        };
        let pool = db::pool(&settings.database, pool_size, settings.statement_timeout);
        let listener = TcpListener::bind(settings.bind).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AddrInUse {
                StartError::AddrInUse {
                    addr: settings.bind,
                }
            } else {
                StartError::Bind {
                    addr: settings.bind,
                    source,
                }
            }
        })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            addr: settings.bind,
            source,
        })?;
        let workers = settings.workers;
        // Off when `coproduce worker` processes deliver the outbox instead.
        let mail_worker = if settings.mail_worker {
            Some(
                mail_worker::start(pool.clone(), WorkerConfig::from_settings(&settings))
                    .map_err(|e| StartError::MailWorker(e.to_string()))?,
            )
        } else {
            None
        };
        let digest_clock = match settings.digest_hour {
            Some(hour) => Some(
                crate::notifications::digest::start(
                    pool.clone(),
                    crate::notifications::Mailing::new(&settings, &secrets),
                    hour,
                )
                .map_err(StartError::DigestClock)?,
            ),
            None => None,
        };
        let poll_closer = crate::polls::closer::start(pool.clone(), crate::polls::closer::EVERY)
            .map_err(StartError::PollCloser)?;
        let reminders = crate::stories::reminders::start(
            pool.clone(),
            settings.insecure_http,
            Some(addr.port()),
            crate::stories::reminders::EVERY,
        )
        .map_err(|e| StartError::MailWorker(format!("the consent reminders job: {e}")))?;
        let idempotency_sweep =
            crate::idempotency::sweeper::start(pool.clone(), crate::idempotency::sweeper::EVERY)
                .map_err(StartError::IdempotencySweep)?;
        let state = AppState::new(settings, pool, secrets, keys);
        let memory_trimmer =
            crate::ops::memory::start(state.metrics.clone(), crate::ops::memory::QUIET)
                .map_err(StartError::MemoryTrimmer)?;
        let data = web::Data::new(state.clone());
        let server = HttpServer::new(move || {
            actix_web::App::new()
                .app_data(data.clone())
                .configure(super::routes)
                .wrap(from_fn(middleware::limit_body))
                .wrap(from_fn(problem::error_pages))
                .wrap(middleware::security_headers())
                .wrap(from_fn(crate::ops::metrics::record))
                .wrap(from_fn(middleware::request_id))
                .wrap(from_fn(middleware::head_as_get))
        })
        .workers(workers)
        .shutdown_timeout(30)
        .listen(listener)
        .map_err(|source| StartError::Bind { addr, source })?
        .run();
        Ok(App {
            server,
            addr,
            state,
            migrations_applied,
            mail_worker,
            digest_clock,
            poll_closer: Some(poll_closer),
            reminders: Some(reminders),
            idempotency_sweep: Some(idempotency_sweep),
            memory_trimmer: Some(memory_trimmer),
        })
    }

    /// The address actually bound (useful when the port was 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Names of the migrations this start applied.
    pub fn migrations_applied(&self) -> &[String] {
        &self.migrations_applied
    }

    /// A handle to stop the server gracefully.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until stopped. SIGTERM and Ctrl+C stop accepting new
    /// connections and let requests in flight finish (up to 30 s); then the
    /// mail worker finishes the message it is sending and stops.
    pub async fn run(mut self) -> std::io::Result<()> {
        let served = self.server.await;
        let jobs = [
            self.reminders.take(),
            self.memory_trimmer.take(),
            self.idempotency_sweep.take(),
            self.digest_clock.take(),
            self.poll_closer.take(),
        ];
        for job in jobs.into_iter().flatten() {
            let what = job.what();
            if actix_web::rt::task::spawn_blocking(move || job.stop())
                .await
                .is_err()
            {
                tracing::error!("{what} did not stop cleanly");
            }
        }
        if let Some(worker) = self.mail_worker.take() {
            // Joining waits on blocking work; keep it off the async thread.
            if actix_web::rt::task::spawn_blocking(move || worker.stop())
                .await
                .is_err()
            {
                tracing::error!("the mail worker did not stop cleanly");
            }
        }
        served
    }
}
