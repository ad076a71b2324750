//! The digest clock: a thread beside the server that sends the digests
//! due at the configured hour. It looks once a minute and runs once per
//! scheduled time (and once at start, to catch up after a stop); each
//! person's digest is claimed in the database, so several servers never
//! send one twice.

use std::time::Duration;

use chrono::Utc;

use super::links::Mailing;
use super::model::Delivery;
use super::service::{self, When};
use crate::db::Pool;
use crate::error::Error;
use crate::ops::job::Job;

/// How often the clock looks at the time.
const TICK: Duration = Duration::from_secs(60);

/// Starts the clock for digests at `hour` (UTC).
pub fn start(pool: Pool, mailing: Mailing, hour: u32) -> std::io::Result<Job> {
    let job = Job::spawn("digest-clock", "the digest clock", move |stop| {
        let mut done = None;
        loop {
            let slot = service::slot(Utc::now().naive_utc(), Delivery::Daily, hour);
            if done != Some(slot) {
                match pool.get().map_err(Error::from).and_then(|mut conn| {
                    service::send_digests(&mut conn, &mailing, When::Scheduled { hour })
                }) {
                    Ok(run) => {
                        if run.sent > 0 {
                            tracing::info!(sent = run.sent, "digests queued");
                        }
                        done = Some(slot);
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "could not send digests; trying again in a minute")
                    }
                }
            }
            if !stop.wait(TICK) {
                break;
            }
        }
    })?;
    tracing::info!(hour, "digest clock started");
    Ok(job)
}
