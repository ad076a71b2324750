//! The closing sweep: a loop on its own thread that closes polls past
//! their closing time, every few seconds, in every place. `serve` and
//! `worker` each run one; several may share a database (closing takes the
//! poll's row lock and does nothing to a poll already closed).

use std::time::Duration;

use crate::db::Pool;
use crate::ops::job::Job;

/// How often the sweep looks for polls past their closing time.
pub const EVERY: Duration = Duration::from_secs(2);

/// Starts the sweep on its own thread, looking every `every`.
pub fn start(pool: Pool, every: Duration) -> std::io::Result<Job> {
    Job::spawn("poll-closer", "the poll-closing sweep", move |stop| {
        while stop.wait(every) {
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
        }
    })
}
