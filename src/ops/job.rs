//! Background jobs: each a thread that wakes every so often (closing polls
//! at their time, sending digests and consent reminders, sweeping expired
//! idempotency keys, giving memory back), and the one way they all stop.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

/// A running job. [`Job::stop`] asks it to stop and waits; dropping it only
/// asks.
pub struct Job {
    /// What the job is, for the log: "the poll-closing sweep".
    what: &'static str,
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// What a job's thread waits on between runs.
pub struct Stop(mpsc::Receiver<()>);

impl Stop {
    /// Waits for `every`; false once the job has been asked to stop.
    pub fn wait(&self, every: Duration) -> bool {
        matches!(self.0.recv_timeout(every), Err(RecvTimeoutError::Timeout))
    }
}

impl Job {
    /// Runs `body` on a thread named `thread`; `body` loops until its
    /// [`Stop::wait`] says false.
    pub fn spawn(
        thread: &str,
        what: &'static str,
        body: impl FnOnce(Stop) + Send + 'static,
    ) -> std::io::Result<Job> {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(thread.into())
            .spawn(move || body(Stop(stopped)))?;
        Ok(Job {
            what,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// What the job is, for the log.
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// Stops the job after the run in progress and waits for its thread.
    /// Blocking: call it off async threads.
    pub fn stop(mut self) {
        self.stop.take();
        if let Some(thread) = self.thread.take() {
            if thread.join().is_err() {
                tracing::error!("{} panicked", self.what);
            }
        }
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        self.stop.take();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn a_job_runs_until_stopped_and_stop_waits_for_it() {
        let runs = Arc::new(AtomicUsize::new(0));
        let counted = runs.clone();
        let job = Job::spawn("test-job", "the test job", move |stop| loop {
            counted.fetch_add(1, Ordering::SeqCst);
            if !stop.wait(Duration::from_millis(1)) {
                counted.fetch_add(1000, Ordering::SeqCst);
                return;
            }
        })
        .unwrap();
        while runs.load(Ordering::SeqCst) < 3 {
            std::thread::sleep(Duration::from_millis(1));
        }
        job.stop();
        // The thread saw the stop and finished before `stop` returned.
        assert!(runs.load(Ordering::SeqCst) >= 1003);
    }
}
