//! The mail worker: a loop on its own OS thread that sends what is due in
//! the outbox, records each outcome, and sleeps when there is nothing to do.
//! Any number of workers may run against one database (one per replica, or
//! `coproduce worker` processes); the outbox's leases keep them apart.

use std::sync::mpsc::{self, RecvTimeoutError, TryRecvError};
use std::thread::JoinHandle;
use std::time::Duration;

use super::service::{self, Claimed};
use super::transport::Mailer;
use super::Email;
use crate::config::{MailTransport, Settings};
use crate::db::Pool;
use crate::error::{Error, Result};

/// How many due messages one look at the outbox takes at most; each is
/// claimed only just before it is sent, so a long batch never outlives a
/// lease.
const BATCH: i64 = 10;

/// What a worker needs besides the database.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    pub transport: MailTransport,
    pub from: Email,
    /// The wait when nothing is due (and after a database error).
    pub poll: Duration,
}

impl WorkerConfig {
    pub fn from_settings(settings: &Settings) -> Self {
        Self {
            transport: settings.mail.clone(),
            from: settings.mail_from.clone(),
            poll: settings.mail_poll,
        }
    }
}

/// A running worker. [`WorkerHandle::stop`] asks it to stop and waits
/// until it has; dropping the handle only asks.
pub struct WorkerHandle {
    name: String,
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl WorkerHandle {
    /// The name the worker's leases carry.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Stops the worker after the message it is sending (if any) and waits
    /// for its thread to end. Blocking: call it off async threads.
    pub fn stop(mut self) {
        self.stop.take();
        if let Some(thread) = self.thread.take() {
            if thread.join().is_err() {
                tracing::error!(worker = %self.name, "the mail worker panicked");
            }
        }
    }
}

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        // Dropping the sender is the stop signal.
        self.stop.take();
    }
}

/// Why a worker did not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The mail settings cannot be used; the message names the setting.
    #[error("{0}")]
    Settings(String),
    #[error("cannot start the mail worker's thread: {0}")]
    Thread(std::io::Error),
}

/// Starts a worker on its own thread. Fails only if the transport cannot be
/// prepared from the settings or the thread cannot be started.
pub fn start(pool: Pool, config: WorkerConfig) -> std::result::Result<WorkerHandle, StartError> {
    let mailer = Mailer::new(&config.transport, &config.from).map_err(StartError::Settings)?;
    // Unique per worker, and readable in the table: which process holds what.
    let name = format!(
        "{}:{}:{}",
        hostname(),
        std::process::id(),
        uuid::Uuid::now_v7().simple()
    );
    let (stop, stopped) = mpsc::channel();
    let worker = Worker {
        name: name.clone(),
        pool,
        mailer,
        poll: config.poll,
        stopped,
    };
    let thread = std::thread::Builder::new()
        .name("mail-worker".into())
        .spawn(move || worker.run())
        .map_err(StartError::Thread)?;
    tracing::info!(worker = %name, transport = %config.transport.describe(), "mail worker started");
    Ok(WorkerHandle {
        name,
        stop: Some(stop),
        thread: Some(thread),
    })
}

fn hostname() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "coproduce".into())
}

struct Worker {
    name: String,
    pool: Pool,
    mailer: Mailer,
    poll: Duration,
    stopped: mpsc::Receiver<()>,
}

impl Worker {
    fn run(self) {
        loop {
            let idle = match self.deliver_due() {
                Ok(sent_any) => !sent_any,
                Err(e) => {
                    tracing::warn!(worker = %self.name, error = %e, "the mail worker could not read the outbox; trying again");
                    true
                }
            };
            if self.stop_asked() {
                break;
            }
            if idle {
                match self.stopped.recv_timeout(self.poll) {
                    Err(RecvTimeoutError::Timeout) => {}
                    Ok(()) | Err(RecvTimeoutError::Disconnected) => break,
                }
            }
        }
        // Leases on messages not yet tried are handed back at once.
        match self
            .pool
            .get()
            .map_err(Error::from)
            .and_then(|mut conn| service::release_leases(&mut conn, &self.name))
        {
            Ok(_) => tracing::info!(worker = %self.name, "mail worker stopped"),
            Err(e) => {
                tracing::warn!(worker = %self.name, error = %e, "mail worker stopped; its leases will run out by themselves")
            }
        }
    }

    fn stop_asked(&self) -> bool {
        !matches!(self.stopped.try_recv(), Err(TryRecvError::Empty))
    }

    /// One look at the outbox: claims and sends each due message in turn.
    /// Returns whether any message was tried, so the loop looks again at
    /// once rather than sleeping.
    fn deliver_due(&self) -> Result<bool> {
        let mut conn = self.pool.get()?;
        let due = service::due(&mut conn, BATCH)?;
        let mut tried = false;
        for (tenant, id) in due {
            if self.stop_asked() {
                break;
            }
            // Claimed just before sending, so the lease is fresh.
            let Some(claimed) = service::claim(&mut conn, &tenant, &id, &self.name)? else {
                continue;
            };
            tried = true;
            self.deliver(&mut conn, claimed)?;
        }
        Ok(tried)
    }

    fn deliver(&self, conn: &mut crate::db::DbConn, claimed: Claimed) -> Result<()> {
        let Claimed { row, sender } = claimed;
        match self.mailer.send(&row, &sender) {
            Ok(()) => {
                if !service::mark_sent(conn, &row, &self.name)? {
                    tracing::warn!(outbox_id = %row.id, "sent a message whose lease had run out; another worker may send it too");
                }
            }
            Err(e) => match service::mark_failed(conn, &row, &self.name, &e.reason, e.failure)? {
                Some(status) => tracing::warn!(
                    outbox_id = %row.id,
                    kind = %row.kind,
                    attempts = row.attempts.saturating_add(1),
                    status = status.as_str(),
                    error = %e.reason,
                    "an email was not sent"
                ),
                None => tracing::warn!(
                    outbox_id = %row.id,
                    error = %e.reason,
                    "an email was not sent, and its lease had run out; another worker owns it now"
                ),
            },
        }
        Ok(())
    }
}
