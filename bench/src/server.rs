//! The server under test: the release `coproduce` binary as a child
//! process on a fresh port, and what /proc says about its memory.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use coproduce::db::DatabaseUrl;

/// The tenant's hostname; the client resolves it to the server's port.
pub const HOST: &str = "bench.test";

/// Builds the server binary the way the bench itself was built (release
/// for measurements, debug for the CI smoke run) and returns its path.
pub fn build() -> Result<PathBuf, String> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let release = !cfg!(debug_assertions);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    // Both packages in one build: their dependencies' features are then
    // unified the same way as for the bench itself, so the library is
    // compiled once, not once per feature set.
    cmd.current_dir(&workspace).args([
        "build",
        "-p",
        "coproduce",
        "-p",
        "coproduce-bench",
        "--bins",
    ]);
    if release {
        cmd.arg("--release");
    }
    let status = cmd.status().map_err(|e| format!("cargo: {e}"))?;
    if !status.success() {
        return Err(format!("building the server failed: {status}"));
    }
    // The bench binary lives beside the server's in the shared target dir.
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let bin = exe
        .parent()
        .ok_or("the bench binary has no folder")?
        .join("coproduce");
    if bin.exists() {
        Ok(bin)
    } else {
        Err(format!("no server binary at {}", bin.display()))
    }
}

pub struct Server {
    bin: PathBuf,
    url: DatabaseUrl,
    data_dir: PathBuf,
    log: PathBuf,
    child: Option<Child>,
    pub port: u16,
}

impl Server {
    pub fn new(bin: PathBuf, url: DatabaseUrl, data_dir: PathBuf, log: PathBuf) -> Server {
        Server {
            bin,
            url,
            data_dir,
            log,
            child: None,
            port: 0,
        }
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    pub fn base(&self) -> String {
        format!("http://{HOST}:{}", self.port)
    }

    /// Starts the server and waits for `/readyz`; returns how long that took
    /// from the spawn.
    pub async fn start(&mut self, client: impl Fn(u16) -> reqwest::Client) -> Duration {
        self.port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("server log");
        let started = Instant::now();
        let child = Command::new(&self.bin)
            .arg("serve")
            .args(["--bind", &format!("127.0.0.1:{}", self.port)])
            .arg("--data-dir")
            .arg(&self.data_dir)
            .args(["--database-url", &self.url.expose()])
            .args(["--mail", "log"])
            // Sign-in is measured at the argon2 ceiling, not at the limiter.
            .env("COPRODUCE_RATE_LIMITS", "off")
            .env("COPRODUCE_DIGEST_HOUR", "off")
            .env("COPRODUCE_INSECURE_HTTP", "true")
            .env("COPRODUCE_WORKERS", "2")
            .env("RUST_LOG", "warn")
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .expect("the server starts");
        self.child = Some(child);
        let client = client(self.port);
        let ready = format!("{}/readyz", self.base());
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Ok(res) = client.get(&ready).send().await {
                if res.status() == 200 {
                    return started.elapsed();
                }
            }
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!(
                    "the server exited at start ({status}); see {}",
                    self.log.display()
                );
            }
            assert!(
                Instant::now() < deadline,
                "the server was not ready within two minutes; see {}",
                self.log.display()
            );
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    /// SIGTERM, and wait for it to finish.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let _ = child.wait();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A field of /proc/<pid>/status in bytes (`VmRSS`, `VmHWM`).
pub fn proc_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
}

/// CPU time a process has used (user and system), in seconds.
pub fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    ticks_of(&stat).map(|t| t as f64 / clock_ticks_per_second())
}

/// CPU time every running PostgreSQL process has used, in seconds: the
/// backends serving the server are separate processes, not its children.
/// Other work on the same cluster counts too, so measure on a quiet one.
pub fn postgres_cpu_seconds() -> f64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    let ticks: u64 = entries
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .bytes()
                .all(|b| b.is_ascii_digit())
        })
        .filter_map(|e| std::fs::read_to_string(e.path().join("stat")).ok())
        .filter(|stat| stat.contains("(postgres)"))
        .filter_map(|stat| ticks_of(&stat))
        .sum();
    ticks as f64 / clock_ticks_per_second()
}

/// utime + stime from a /proc/<pid>/stat line. The command name is in
/// parentheses and may hold spaces, so fields are counted after it.
fn ticks_of(stat: &str) -> Option<u64> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(user + system)
}

fn clock_ticks_per_second() -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(100.0)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn cpu_ticks_are_read_past_a_command_name_with_spaces() {
        let stat = "4242 (tokio (rt) 1) S 1 2 3 4 5 6 7 8 9 10 250 31 0 0 20 0";
        assert_eq!(super::ticks_of(stat), Some(281));
    }
}
