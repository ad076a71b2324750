//! The sweep: a thread that deletes keys older than 24 hours, every few
//! minutes, in every place. `serve` runs one; several may share a database
//! (deleting what another already deleted does nothing).

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::db::Pool;

/// How often the sweep runs: a key outlives its 24 hours by at most this.
pub const EVERY: Duration = Duration::from_secs(10 * 60);

/// A running sweep. [`SweeperHandle::stop`] asks it to stop and waits;
/// dropping the handle only asks.
pub struct SweeperHandle {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl SweeperHandle {
    /// Stops the sweep and waits for its thread. Blocking: call it off
    /// async threads.
    pub fn stop(mut self) {
        self.stop.take();
        if let Some(thread) = self.thread.take() {
            if thread.join().is_err() {
                tracing::error!("the idempotency-key sweep panicked");
            }
        }
    }
}

impl Drop for SweeperHandle {
    fn drop(&mut self) {
        self.stop.take();
    }
}

/// Starts the sweep on its own thread: once at once, then every `every`.
pub fn start(pool: Pool, every: Duration) -> std::io::Result<SweeperHandle> {
    let (stop, stopped) = mpsc::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("idempotency-sweep".into())
        .spawn(move || loop {
            let swept = pool
                .get()
                .map_err(crate::error::Error::from)
                .and_then(|mut conn| super::service::sweep(&mut conn));
            match swept {
                Ok(0) => {}
                Ok(n) => tracing::info!(keys = n, "swept expired idempotency keys"),
                Err(e) => {
                    tracing::warn!(error = %e, "the idempotency-key sweep failed; it will try again")
                }
            }
            match stopped.recv_timeout(every) {
                Err(RecvTimeoutError::Timeout) => continue,
                Ok(()) | Err(RecvTimeoutError::Disconnected) => return,
            }
        })?;
    Ok(SweeperHandle {
        stop: Some(stop),
        thread: Some(thread),
    })
}
