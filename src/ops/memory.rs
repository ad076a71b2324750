//! Gives memory back to the system when the server goes quiet.
//!
//! A burst of requests (a vote closing tonight, a proposal linked from the
//! local paper) leaves glibc's allocator holding what the burst freed,
//! spread over its per-thread arenas; by itself it returns only the free
//! tail of each. Once a couple of seconds pass with no request answered,
//! one `malloc_trim` releases every free page, so a quiet server costs its
//! host (often a council's shared machine) little. Never under load: a
//! trim walks every arena under the allocator's locks.

use std::sync::Arc;
use std::time::Duration;

use super::job::Job;
use super::metrics::Metrics;

/// How long without an answered request counts as quiet.
pub const QUIET: Duration = Duration::from_secs(2);

/// Gives the allocator's free pages back to the system.
pub fn return_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages; it takes no pointers.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Decides, from the count of answered requests seen after each pause,
/// when to trim: once after each spell of work (and once after start-up,
/// which frees what loading the catalogues and templates used).
#[derive(Debug)]
struct Quiet {
    last_seen: u64,
    trimmed_at: Option<u64>,
}

impl Quiet {
    fn new(answered: u64) -> Self {
        Quiet {
            last_seen: answered,
            trimmed_at: None,
        }
    }

    /// After a pause, with `answered` requests answered so far: whether
    /// to trim now.
    fn after_pause(&mut self, answered: u64) -> bool {
        let quiet = answered == self.last_seen;
        self.last_seen = answered;
        if quiet && self.trimmed_at != Some(answered) {
            self.trimmed_at = Some(answered);
            true
        } else {
            false
        }
    }
}

/// Starts the trimmer on its own thread, looking every `quiet`.
pub fn start(metrics: Arc<Metrics>, quiet: Duration) -> std::io::Result<Job> {
    Job::spawn("memory-trim", "the memory trimmer", move |stop| {
        let mut state = Quiet::new(metrics.answered());
        while stop.wait(quiet) {
            if state.after_pause(metrics.answered()) {
                return_free_memory();
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_once_after_each_spell_of_work_and_never_during_one() {
        let mut q = Quiet::new(0);
        // Start-up: quiet from the first look, trimmed once.
        assert!(q.after_pause(0));
        assert!(!q.after_pause(0));
        // Busy: the count moves at every look.
        assert!(!q.after_pause(10));
        assert!(!q.after_pause(25));
        assert!(!q.after_pause(40));
        // Quiet again: one trim, then nothing while it stays quiet.
        assert!(q.after_pause(40));
        assert!(!q.after_pause(40));
        assert!(!q.after_pause(40));
        // One request, then quiet: trimmed once more.
        assert!(!q.after_pause(41));
        assert!(q.after_pause(41));
    }

    #[test]
    fn the_trimmer_stops_when_asked() {
        let handle = start(Arc::default(), Duration::from_millis(5)).unwrap();
        std::thread::sleep(Duration::from_millis(30));
        handle.stop();
    }
}
