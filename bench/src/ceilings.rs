//! What this machine can do at most, measured in the same run as the
//! scenarios: a minimal actix-web handler (the HTTP ceiling), durable
//! commits and batched inserts on the same backend with the server's own
//! connection settings (the storage ceiling), and argon2id verifications
//! with the server's parameters (the sign-in ceiling).

use std::time::{Duration, Instant};

use coproduce::accounts::password::{hash_blocking, verify_blocking, Password};
use coproduce::db::{self, DatabaseUrl};
use diesel::prelude::*;
use serde::Serialize;

use crate::load::{self, Measured};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Ceilings {
    /// `GET /` answering "ok" from actix-web with the server's 2 workers.
    pub http: Measured,
    /// One-row transactions, each committed durably, one connection.
    pub commits_per_second: f64,
    /// Rows inserted per second in transactions of 1,000 rows.
    pub batched_rows_per_second: f64,
    /// argon2id verifications per second on all cores.
    pub argon2_per_second: f64,
}

/// The HTTP ceiling: the same client and concurrency against a handler
/// that does nothing, served by actix-web on its own thread.
pub async fn http(concurrency: usize, duration: Duration) -> Measured {
    let (tx, rx) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = actix_web::HttpServer::new(|| {
                actix_web::App::new().route("/", actix_web::web::get().to(|| async { "ok" }))
            })
            .workers(2)
            .bind(("127.0.0.1", 0))
            .expect("a port for the HTTP ceiling");
            let port = server.addrs()[0].port();
            let server = server.run();
            tx.send((port, server.handle())).expect("the bench waits");
            let _ = server.await;
        });
    });
    let (port, handle) = rx.recv().expect("the ceiling server starts");
    let client = load::client("ceiling.test", port, concurrency);
    let url = format!("http://ceiling.test:{port}/");
    let run = |d| {
        let (client, url) = (client.clone(), url.clone());
        load::drive(concurrency, d, move |_| {
            load::expect(client.get(&url), &[200])
        })
    };
    run(Duration::from_millis(500)).await;
    let measured = run(duration).await;
    handle.stop(true).await;
    let _ = thread.join();
    measured
}

/// The storage ceiling on `url` (a scratch table, dropped after), through
/// `db::connect`, so SQLite has the server's pragmas (WAL,
/// `synchronous=FULL`).
pub fn storage(url: &DatabaseUrl, duration: Duration) -> (f64, f64) {
    let mut conn = db::connect(url).expect("a connection for the storage ceiling");
    diesel::sql_query("DROP TABLE IF EXISTS bench_ceiling")
        .execute(&mut conn)
        .expect("scratch table");
    diesel::sql_query("CREATE TABLE bench_ceiling (id BIGINT PRIMARY KEY, body TEXT NOT NULL)")
        .execute(&mut conn)
        .expect("scratch table");
    let body = "x".repeat(100);
    let mut id: i64 = 0;
    let started = Instant::now();
    let mut commits = 0u64;
    while started.elapsed() < duration {
        id += 1;
        diesel::sql_query(format!(
            "INSERT INTO bench_ceiling (id, body) VALUES ({id}, '{body}')"
        ))
        .execute(&mut conn)
        .expect("a durable commit");
        commits += 1;
    }
    let commits_per_second = commits as f64 / started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut rows = 0u64;
    while started.elapsed() < duration {
        let values: Vec<String> = (0..1000)
            .map(|_| {
                id += 1;
                format!("({id}, '{body}')")
            })
            .collect();
        conn.transaction::<_, diesel::result::Error, _>(|c| {
            diesel::sql_query(format!(
                "INSERT INTO bench_ceiling (id, body) VALUES {}",
                values.join(",")
            ))
            .execute(c)
        })
        .expect("a batch");
        rows += 1000;
    }
    let batched = rows as f64 / started.elapsed().as_secs_f64();
    diesel::sql_query("DROP TABLE bench_ceiling")
        .execute(&mut conn)
        .expect("scratch table");
    (commits_per_second, batched)
}

/// argon2id verifications per second, one thread per core, with the
/// server's parameters (through its own `verify_blocking`).
pub fn argon2(duration: Duration) -> f64 {
    let password = Password::given(crate::seed::PASSWORD).expect("the bench password");
    let hash = hash_blocking(&password).expect("a hash");
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let started = Instant::now();
    let done: u64 = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut n = 0u64;
                    while started.elapsed() < duration {
                        assert!(verify_blocking(&password, Some(hash.as_str())));
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    done as f64 / started.elapsed().as_secs_f64()
}
