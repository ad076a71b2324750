//! The reminders job: a thread that, every so often, emails authors whose
//! consents end within 30 days ([`super::service::send_reminders`]). Each
//! grant is reminded once, whichever of several servers gets to it first.

use std::time::Duration;

use crate::db::Pool;
use crate::ops::job::Job;

/// How often the job looks for consents ending soon.
pub const EVERY: Duration = Duration::from_secs(60 * 60);

/// Starts the job on its own thread: a first look at once, then one
/// `every` interval. Links in emails use each place's first hostname
/// (`port` only for loopback hosts, as on a development machine).
pub fn start(
    pool: Pool,
    insecure_http: bool,
    port: Option<u16>,
    every: Duration,
) -> std::io::Result<Job> {
    Job::spawn(
        "consent-reminders",
        "the consent reminders job",
        move |stop| loop {
            match pool.get() {
                Ok(mut conn) => {
                    match super::service::send_reminders(&mut conn, insecure_http, port) {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(emails = n, "consent reminders queued"),
                        Err(e) => {
                            tracing::warn!(error = %e, "consent reminders failed; trying again later")
                        }
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "consent reminders could not reach the database")
                }
            }
            if !stop.wait(every) {
                break;
            }
        },
    )
}
