//! The sweep: a thread that deletes keys older than 24 hours, every few
//! minutes, in every place. `serve` runs one; several may share a database
//! (deleting what another already deleted does nothing).

use std::time::Duration;

use crate::db::Pool;
use crate::ops::job::Job;

/// How often the sweep runs: a key outlives its 24 hours by at most this.
pub const EVERY: Duration = Duration::from_secs(10 * 60);

/// Starts the sweep on its own thread: once at once, then every `every`.
pub fn start(pool: Pool, every: Duration) -> std::io::Result<Job> {
    Job::spawn(
        "idempotency-sweep",
        "the idempotency-key sweep",
        move |stop| loop {
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
            if !stop.wait(every) {
                return;
            }
        },
    )
}
