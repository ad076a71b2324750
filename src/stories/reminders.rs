//! The reminders job: a thread that, every so often, emails authors whose
//! consents end within 30 days ([`super::service::send_reminders`]). Each
//! grant is reminded once, whichever of several servers gets to it first.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::db::Pool;

/// How often the job looks for consents ending soon.
pub const EVERY: Duration = Duration::from_secs(60 * 60);

/// The running job. [`Reminders::stop`] asks it to stop and waits;
/// dropping the handle only asks.
pub struct Reminders {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Reminders {
    /// Stops the job and waits for its thread. Blocking.
    pub fn stop(mut self) {
        self.stop.take();
        if let Some(thread) = self.thread.take() {
            if thread.join().is_err() {
                tracing::error!("the consent reminders job panicked");
            }
        }
    }
}

impl Drop for Reminders {
    fn drop(&mut self) {
        self.stop.take();
    }
}

/// Starts the job on its own thread: a first look at once, then one
/// `every` interval. Links in emails use each place's first hostname
/// (`port` only for loopback hosts, as on a development machine).
pub fn start(
    pool: Pool,
    insecure_http: bool,
    port: Option<u16>,
    every: Duration,
) -> std::io::Result<Reminders> {
    let (stop, stopped) = mpsc::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("consent-reminders".into())
        .spawn(move || loop {
            match pool.get() {
                Ok(mut conn) => {
                    match super::service::send_reminders(&mut conn, insecure_http, port) {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(emails = n, "consent reminders queued"),
                        Err(e) => tracing::warn!(error = %e, "consent reminders failed; trying again later"),
                    }
                }
                Err(e) => tracing::warn!(error = %e, "consent reminders could not reach the database"),
            }
            match stopped.recv_timeout(every) {
                Err(RecvTimeoutError::Timeout) => continue,
                _ => break,
            }
        })?;
    Ok(Reminders {
        stop: Some(stop),
        thread: Some(thread),
    })
}
