//! The closing sweep: a loop on its own thread that closes polls past
//! their closing time, every few seconds, in every place. `serve` and
//! `worker` each run one; several may share a database (closing takes the
//! poll's row lock and does nothing to a poll already closed).

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::db::Pool;

/// How often the sweep looks for polls past their closing time.
pub const EVERY: Duration = Duration::from_secs(2);

/// A running sweep. [`CloserHandle::stop`] asks it to stop and waits;
/// dropping the handle only asks.
pub struct CloserHandle {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl CloserHandle {
    /// Stops the sweep and waits for its thread. Blocking: call it off
    /// async threads.
    pub fn stop(mut self) {
        self.stop.take();
        if let Some(thread) = self.thread.take() {
            if thread.join().is_err() {
                tracing::error!("the poll-closing sweep panicked");
            }
        }
    }
}

impl Drop for CloserHandle {
    fn drop(&mut self) {
        self.stop.take();
    }
}

/// Starts the sweep on its own thread, looking every `every`.
pub fn start(pool: Pool, every: Duration) -> std::io::Result<CloserHandle> {
    let (stop, stopped) = mpsc::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("poll-closer".into())
        .spawn(move || loop {
            match stopped.recv_timeout(every) {
                Err(RecvTimeoutError::Timeout) => {}
                Ok(()) | Err(RecvTimeoutError::Disconnected) => return,
            }
            let closed = pool
                .get()
                .map_err(crate::error::Error::from)
                .and_then(|mut conn| super::service::close_due(&mut conn));
            // Each poll that could not be closed was logged by the sweep,
            // which went on to the others.
            match closed {
                Ok(sweep) if sweep.closed > 0 => {
                    tracing::info!(polls = sweep.closed, "closed polls at their closing time")
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "the poll-closing sweep could not read the polls due; it will try again")
                }
            }
        })?;
    Ok(CloserHandle {
        stop: Some(stop),
        thread: Some(thread),
    })
}
