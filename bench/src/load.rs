//! The load client: a fixed number of connections, each sending its next
//! request as soon as the last is answered (closed loop), for a fixed time.
//! Latencies are kept whole (a few hundred thousand numbers at most) and
//! sorted, so the percentiles are exact.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;

/// What one run of a scenario measured.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Measured {
    pub requests: u64,
    pub errors: u64,
    pub seconds: f64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub p999_ms: f64,
    /// The first few unexpected answers, to say what went wrong.
    pub error_samples: Vec<String>,
}

/// The HTTP client every scenario uses: keep-alive connections to the
/// server's port, whatever hostname the tenant is at.
pub fn client(host: &str, port: u16, concurrency: usize) -> reqwest::Client {
    reqwest::Client::builder()
        .resolve(host, ([127, 0, 0, 1], port).into())
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(concurrency)
        // Shorter than the server's keep-alive, so an idle connection is
        // never reused just as the server closes it.
        .pool_idle_timeout(Duration::from_secs(1))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client")
}

/// Sends requests from `concurrency` tasks for `duration`; `request(n)`
/// sends the n-th request of the run (n counts up across all tasks) and
/// says whether the answer was the expected one.
pub async fn drive<F, Fut>(concurrency: usize, duration: Duration, request: F) -> Measured
where
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    let request = Arc::new(request);
    let next = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let samples = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let deadline = started + duration;
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let (request, next, errors, samples) = (
                request.clone(),
                next.clone(),
                errors.clone(),
                samples.clone(),
            );
            tokio::spawn(async move {
                let mut latencies: Vec<u32> = Vec::with_capacity(4096);
                while Instant::now() < deadline {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let sent = Instant::now();
                    let answer = request(n).await;
                    latencies.push(sent.elapsed().as_micros().min(u32::MAX as u128) as u32);
                    if let Err(e) = answer {
                        errors.fetch_add(1, Ordering::Relaxed);
                        let mut s = samples.lock().unwrap();
                        if s.len() < 5 {
                            s.push(e);
                        }
                    }
                }
                latencies
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("a load task"));
    }
    let seconds = started.elapsed().as_secs_f64();
    let samples = samples.lock().unwrap().clone();
    summarise(all, errors.load(Ordering::Relaxed), seconds, samples)
}

/// Exact percentiles from all the latencies (microseconds).
pub fn summarise(
    mut micros: Vec<u32>,
    errors: u64,
    seconds: f64,
    samples: Vec<String>,
) -> Measured {
    micros.sort_unstable();
    let pick = |q: f64| -> f64 {
        if micros.is_empty() {
            return 0.0;
        }
        let i = ((micros.len() as f64 * q).ceil() as usize).clamp(1, micros.len()) - 1;
        f64::from(micros[i]) / 1000.0
    };
    let requests = micros.len() as u64;
    Measured {
        requests,
        errors,
        seconds,
        per_second: (requests - errors.min(requests)) as f64 / seconds.max(1e-9),
        p50_ms: pick(0.5),
        p99_ms: pick(0.99),
        p999_ms: pick(0.999),
        error_samples: samples,
    }
}

/// Sends a request and reads the whole answer; anything but `expected`
/// is an error, described with the start of the body.
pub async fn expect(req: reqwest::RequestBuilder, expected: &[u16]) -> Result<(), String> {
    let res = req.send().await.map_err(|e| format!("no answer: {e}"))?;
    let status = res.status().as_u16();
    let body = res.bytes().await.map_err(|e| format!("body: {e}"))?;
    if expected.contains(&status) {
        Ok(())
    } else {
        let text = String::from_utf8_lossy(&body[..body.len().min(300)]).into_owned();
        Err(format!("{status}: {text}"))
    }
}
