//! Gives memory back to the system when the server goes quiet.
//!
//! A burst of requests (a vote closing tonight, a proposal linked from the
//! local paper) leaves glibc's allocator holding what the burst freed,
//! spread over its per-thread arenas; by itself it returns only the free
//! tail of each. Once a couple of seconds pass with no request answered
//! and next to no CPU used, one `malloc_trim` releases every free page, so
//! a quiet server costs its host (often a council's shared machine) little.
//! CPU time counts as work too, so the background jobs' spells (sending a
//! morning's queued email, the digests) are trimmed after as well. Never
//! under load: a trim walks every arena under the allocator's locks.

use std::sync::Arc;
use std::time::Duration;

use super::job::Job;
use super::metrics::Metrics;

/// How long without an answered request counts as quiet.
pub const QUIET: Duration = Duration::from_secs(2);

/// CPU time over one pause that counts as work: well above what an idle
/// server's timers use, well below any spell of real work.
const BUSY: Duration = Duration::from_millis(20);

/// Gives the allocator's free pages back to the system.
pub fn return_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages; it takes no pointers.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// How much work the process has done so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Done {
    answered: u64,
    cpu: Duration,
}

impl Done {
    fn now(metrics: &Metrics) -> Self {
        Done {
            answered: metrics.answered(),
            cpu: cpu_time(),
        }
    }

    /// Whether there was work between `earlier` and this.
    fn worked_since(self, earlier: Done) -> bool {
        self.answered != earlier.answered || self.cpu.saturating_sub(earlier.cpu) >= BUSY
    }
}

/// The CPU time all the process's threads have used.
fn cpu_time() -> Duration {
    #[cfg(target_os = "linux")]
    {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime only writes the timespec it is given.
        if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0 {
            return Duration::new(t.tv_sec as u64, t.tv_nsec as u32);
        }
    }
    Duration::ZERO
}

/// Decides, from the work done by each look, when to trim: once after
/// each spell of work (and once after start-up, which frees what loading
/// the catalogues and templates used).
#[derive(Debug)]
struct Quiet {
    last_seen: Done,
    trimmed_at: Option<Done>,
}

impl Quiet {
    fn new(done: Done) -> Self {
        Quiet {
            last_seen: done,
            trimmed_at: None,
        }
    }

    /// After a pause, with the work `done` so far: whether to trim now.
    fn after_pause(&mut self, done: Done) -> bool {
        let quiet = !done.worked_since(self.last_seen);
        self.last_seen = done;
        let worked = self.trimmed_at.is_none_or(|at| done.worked_since(at));
        quiet && worked
    }

    /// Notes a trim, with the work done once it finished (its own CPU time
    /// is not new work).
    fn trimmed(&mut self, done: Done) {
        self.last_seen = done;
        self.trimmed_at = Some(done);
    }
}

/// Starts the trimmer on its own thread, looking every `quiet`.
pub fn start(metrics: Arc<Metrics>, quiet: Duration) -> std::io::Result<Job> {
    Job::spawn("memory-trim", "the memory trimmer", move |stop| {
        let mut state = Quiet::new(Done::now(&metrics));
        while stop.wait(quiet) {
            if state.after_pause(Done::now(&metrics)) {
                return_free_memory();
                state.trimmed(Done::now(&metrics));
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(answered: u64, cpu_ms: u64) -> Done {
        Done {
            answered,
            cpu: Duration::from_millis(cpu_ms),
        }
    }

    /// Looks at `done` and trims when told to, as the trimmer does.
    fn look(q: &mut Quiet, d: Done) -> bool {
        let trim = q.after_pause(d);
        if trim {
            q.trimmed(d);
        }
        trim
    }

    #[test]
    fn trims_once_after_each_spell_of_work_and_never_during_one() {
        let mut q = Quiet::new(done(0, 0));
        // Start-up: quiet from the first look, trimmed once.
        assert!(look(&mut q, done(0, 1)));
        assert!(!look(&mut q, done(0, 2)));
        // Busy: the count moves at every look.
        assert!(!look(&mut q, done(10, 3)));
        assert!(!look(&mut q, done(25, 4)));
        assert!(!look(&mut q, done(40, 5)));
        // Quiet again: one trim, then nothing while it stays quiet.
        assert!(look(&mut q, done(40, 6)));
        assert!(!look(&mut q, done(40, 7)));
        assert!(!look(&mut q, done(40, 8)));
        // One request, then quiet: trimmed once more.
        assert!(!look(&mut q, done(41, 9)));
        assert!(look(&mut q, done(41, 10)));
    }

    #[test]
    fn a_background_spell_with_no_requests_is_trimmed_after_too() {
        let mut q = Quiet::new(done(0, 0));
        assert!(look(&mut q, done(0, 1)));
        // The mail worker sends a morning's email: CPU, no requests.
        assert!(!look(&mut q, done(0, 400)));
        assert!(!look(&mut q, done(0, 900)));
        // Done: one trim, then none for an idle server's timers.
        assert!(look(&mut q, done(0, 905)));
        for cpu in [906, 907, 909, 910] {
            assert!(!look(&mut q, done(0, cpu)));
        }
    }

    #[test]
    fn the_process_cpu_time_moves_with_work() {
        let before = cpu_time();
        let mut x = 0u64;
        for i in 0..20_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(i);
        }
        std::hint::black_box(x);
        assert!(cpu_time() > before);
    }

    #[test]
    fn the_trimmer_stops_when_asked() {
        let handle = start(Arc::default(), Duration::from_millis(5)).unwrap();
        std::thread::sleep(Duration::from_millis(30));
        handle.stop();
    }
}
