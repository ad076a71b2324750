//! Prometheus metrics at `/metrics`: requests and their latency by route
//! pattern, the database pool, and the outbox's depth and failures.
//!
//! Served only to a scraper that presents `COPRODUCE_METRICS_TOKEN` as a
//! bearer token; without that setting the route is not there at all (404),
//! so nothing about the platform's traffic is public by accident. Routes are
//! labelled by their pattern (`/api/v1/proposals/{id}`), never the raw path:
//! raw paths would carry ids (privacy) and grow without bound (cardinality).
//! The text format is written by hand: it is small and stable, and a crate
//! would add a registry this one struct already is.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::db::DbConn;
use crate::error::Error;
use crate::state::AppState;

/// Upper bounds (seconds) of the latency histogram's buckets: from a cached
/// page to a slow export.
const BUCKETS: [f64; 12] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The label of requests no route matched (scanners, typos): one series,
/// whatever paths they asked for.
const UNMATCHED: &str = "unmatched";

/// What one process has answered since it started.
pub struct Metrics {
    started: Instant,
    /// Requests answered, all routes together (read without the lock).
    answered: AtomicU64,
    routes: Mutex<HashMap<(&'static str, String), RouteStats>>,
}

#[derive(Default)]
struct RouteStats {
    by_status: BTreeMap<u16, u64>,
    /// Cumulative counts per bucket, as Prometheus expects.
    buckets: [u64; BUCKETS.len()],
    seconds: f64,
    count: u64,
}

impl Default for Metrics {
    fn default() -> Self {
        Self {
            started: Instant::now(),
            answered: AtomicU64::new(0),
            routes: Mutex::new(HashMap::new()),
        }
    }
}

impl Metrics {
    /// Counts one answered request.
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        self.answered.fetch_add(1, Ordering::Relaxed);
        let method = known_method(method);
        // A poisoned lock only means another thread panicked mid-update;
        // the counts are still usable.
        let mut routes = self.routes.lock().unwrap_or_else(|e| e.into_inner());
        let stats = routes.entry((method, route.to_owned())).or_default();
        *stats.by_status.entry(status).or_default() += 1;
        for (bound, n) in BUCKETS.iter().zip(stats.buckets.iter_mut()) {
            if seconds <= *bound {
                *n += 1;
            }
        }
        stats.seconds += seconds;
        stats.count += 1;
    }

    /// Requests answered since the process started.
    pub fn answered(&self) -> u64 {
        self.answered.load(Ordering::Relaxed)
    }

    /// The request metrics in the Prometheus text format.
    fn render_requests(&self, out: &mut String) {
        let routes = self.routes.lock().unwrap_or_else(|e| e.into_inner());
        let mut keys: Vec<_> = routes.keys().collect();
        keys.sort();
        out.push_str("# HELP coproduce_http_requests_total HTTP requests answered, by route pattern, method and status.\n");
        out.push_str("# TYPE coproduce_http_requests_total counter\n");
        for key in &keys {
            let (method, route) = key;
            for (status, n) in &routes[*key].by_status {
                let _ = writeln!(
                    out,
                    "coproduce_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                    escape(route)
                );
            }
        }
        out.push_str("# HELP coproduce_http_request_duration_seconds Time to answer a request, by route pattern and method.\n");
        out.push_str("# TYPE coproduce_http_request_duration_seconds histogram\n");
        for key in &keys {
            let (method, route) = key;
            let route = escape(route);
            let stats = &routes[*key];
            for (bound, n) in BUCKETS.iter().zip(stats.buckets.iter()) {
                let _ = writeln!(
                    out,
                    "coproduce_http_request_duration_seconds_bucket{{method=\"{method}\",route=\"{route}\",le=\"{bound}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "coproduce_http_request_duration_seconds_bucket{{method=\"{method}\",route=\"{route}\",le=\"+Inf\"}} {}",
                stats.count
            );
            let _ = writeln!(
                out,
                "coproduce_http_request_duration_seconds_sum{{method=\"{method}\",route=\"{route}\"}} {}",
                stats.seconds
            );
            let _ = writeln!(
                out,
                "coproduce_http_request_duration_seconds_count{{method=\"{method}\",route=\"{route}\"}} {}",
                stats.count
            );
        }
    }
}

/// Methods as labels: the few the application answers, everything else
/// `other`, so a client cannot invent series.
fn known_method(method: &str) -> &'static str {
    match method {
        "GET" => "GET",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "HEAD" => "HEAD",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    }
}

/// A label value as the text format wants it.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Middleware: times every request and counts it under its route pattern.
pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let method = req.method().as_str().to_owned();
    let started = Instant::now();
    let result = next.call(req).await;
    if let Some(state) = state {
        let seconds = started.elapsed().as_secs_f64();
        let (route, status) = match &result {
            Ok(res) => (res.request().match_pattern(), res.status().as_u16()),
            Err(e) => (None, e.as_response_error().status_code().as_u16()),
        };
        // The catch-all scope matches everything as an empty pattern.
        let route = route.filter(|r| !r.is_empty());
        state.metrics.observe(
            &method,
            route.as_deref().unwrap_or(UNMATCHED),
            status,
            seconds,
        );
    }
    result
}

/// `GET /metrics`: the metrics, for a scraper holding the token.
pub async fn metrics(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, Error> {
    let Some(token) = state.settings.metrics_token.as_ref() else {
        return Err(Error::NotFound);
    };
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    // Digests first, so the comparison takes as long whatever the lengths.
    let matches: bool = Sha256::digest(presented.trim().as_bytes())
        .ct_eq(&Sha256::digest(token.0.trim().as_bytes()))
        .into();
    if !matches {
        return Err(Error::Unauthorized);
    }
    let mut out = String::with_capacity(16 * 1024);
    let _ = writeln!(
        out,
        "# HELP coproduce_build_info The running version.\n# TYPE coproduce_build_info gauge\ncoproduce_build_info{{version=\"{}\"}} 1",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        out,
        "# HELP coproduce_uptime_seconds Seconds since this process started serving.\n# TYPE coproduce_uptime_seconds gauge\ncoproduce_uptime_seconds {}",
        state.metrics.started.elapsed().as_secs()
    );
    state.metrics.render_requests(&mut out);

    let pool = state.pool.state();
    let max = state.pool.max_size();
    let _ = writeln!(
        out,
        "# HELP coproduce_db_pool_connections Database connections of this process, by state.\n# TYPE coproduce_db_pool_connections gauge\n\
         coproduce_db_pool_connections{{state=\"idle\"}} {}\ncoproduce_db_pool_connections{{state=\"in_use\"}} {}\n\
         # HELP coproduce_db_pool_max_connections The most connections the pool opens.\n# TYPE coproduce_db_pool_max_connections gauge\n\
         coproduce_db_pool_max_connections {max}",
        pool.idle_connections,
        pool.connections - pool.idle_connections
    );

    // The outbox is shared by every replica: these are platform-wide.
    match state.db(outbox_census).await {
        Ok(census) => {
            out.push_str("# HELP coproduce_outbox_messages Email in the outbox, by status (every replica's).\n# TYPE coproduce_outbox_messages gauge\n");
            for status in ["pending", "sent", "failed"] {
                let n = census.by_status.get(status).copied().unwrap_or(0);
                let _ = writeln!(out, "coproduce_outbox_messages{{status=\"{status}\"}} {n}");
            }
            let _ = writeln!(
                out,
                "# HELP coproduce_outbox_retrying Pending email that was refused at least once and waits to be tried again.\n# TYPE coproduce_outbox_retrying gauge\ncoproduce_outbox_retrying {}",
                census.retrying
            );
            let _ = writeln!(
                out,
                "# HELP coproduce_outbox_oldest_due_seconds How long the oldest email that is due has waited (0 when none).\n# TYPE coproduce_outbox_oldest_due_seconds gauge\ncoproduce_outbox_oldest_due_seconds {}",
                census.oldest_due_seconds
            );
            out.push_str("# HELP coproduce_database_up Whether the database answered this scrape.\n# TYPE coproduce_database_up gauge\ncoproduce_database_up 1\n");
        }
        Err(e) => {
            // The scrape still answers: a database that is down is itself
            // what an alert should see.
            tracing::warn!(error = %e, "metrics: the outbox could not be counted");
            out.push_str("# HELP coproduce_database_up Whether the database answered this scrape.\n# TYPE coproduce_database_up gauge\ncoproduce_database_up 0\n");
        }
    }
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(out))
}

struct OutboxCensus {
    by_status: HashMap<String, i64>,
    retrying: i64,
    oldest_due_seconds: i64,
}

fn outbox_census(conn: &mut DbConn) -> crate::error::Result<OutboxCensus> {
    use crate::db::schema::outbox;
    use diesel::dsl::{count_star, min};
    use diesel::prelude::*;
    let rows: Vec<(String, i64)> = outbox::table
        .group_by(outbox::status)
        .select((outbox::status, count_star()))
        .load(conn)?;
    let retrying: i64 = outbox::table
        .filter(outbox::status.eq("pending"))
        .filter(outbox::attempts.gt(0))
        .count()
        .get_result(conn)?;
    let now = chrono::Utc::now().naive_utc();
    let oldest: Option<chrono::NaiveDateTime> = outbox::table
        .filter(outbox::status.eq("pending"))
        .filter(outbox::next_attempt_at.le(now))
        .select(min(outbox::next_attempt_at))
        .first(conn)?;
    Ok(OutboxCensus {
        by_status: rows.into_iter().collect(),
        retrying,
        oldest_due_seconds: oldest.map_or(0, |t| (now - t).num_seconds().max(0)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative_and_labels_are_patterns() {
        let m = Metrics::default();
        m.observe("GET", "/api/v1/proposals/{id}", 200, 0.003);
        m.observe("GET", "/api/v1/proposals/{id}", 404, 0.2);
        m.observe("BREW", "unmatched", 404, 20.0);
        let mut out = String::new();
        m.render_requests(&mut out);
        assert!(out.contains(
            "coproduce_http_requests_total{method=\"GET\",route=\"/api/v1/proposals/{id}\",status=\"200\"} 1\n"
        ), "{out}");
        assert!(
            out.contains("route=\"/api/v1/proposals/{id}\",le=\"0.001\"} 0\n"),
            "{out}"
        );
        assert!(
            out.contains("route=\"/api/v1/proposals/{id}\",le=\"0.005\"} 1\n"),
            "{out}"
        );
        assert!(
            out.contains("route=\"/api/v1/proposals/{id}\",le=\"0.25\"} 2\n"),
            "{out}"
        );
        assert!(
            out.contains("route=\"/api/v1/proposals/{id}\",le=\"+Inf\"} 2\n"),
            "{out}"
        );
        // Invented methods share one label; slower than every bucket still
        // counts in +Inf.
        assert!(
            out.contains("{method=\"other\",route=\"unmatched\",le=\"10\"} 0\n"),
            "{out}"
        );
        assert!(
            out.contains("{method=\"other\",route=\"unmatched\",le=\"+Inf\"} 1\n"),
            "{out}"
        );
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
