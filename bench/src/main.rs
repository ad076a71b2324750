//! Issue 10's benchmark harness. One command:
//!
//! ```sh
//! cargo run --release -p coproduce-bench -- --backend sqlite --scenario all
//! ```
//!
//! builds the release server (through cargo), starts it against a fresh
//! database (a temporary SQLite file, or a PostgreSQL database it creates
//! and drops), seeds a realistic place through the service layer, drives
//! each scenario over HTTP at a fixed concurrency for a fixed time, and
//! prints a table and writes JSON. The same run measures the machine's
//! ceilings (HTTP, storage, argon2id) so each scenario is reported as a
//! fraction of what the machine can do. See BENCHMARKS.md.

mod ceilings;
mod load;
mod scenarios;
mod seed;
mod server;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Parser, ValueEnum};
use coproduce::db::{self, DatabaseUrl, DbConn};
use diesel::prelude::*;
use serde_json::json;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

/// Seeds a realistic place, drives the release server and measures the
/// machine's ceilings; prints a table and writes JSON.
#[derive(Parser)]
#[command(name = "coproduce-bench")]
struct Args {
    #[arg(long, value_enum, default_value = "sqlite")]
    backend: Backend,
    /// `all`, or a comma-separated list of scenario names (see --list).
    #[arg(long, default_value = "all")]
    scenario: String,
    /// Print the scenario names and stop.
    #[arg(long)]
    list: bool,
    /// Size of the seeded place: 1 is 10,000 citizens, 100,000 proposals,
    /// 1,000,000 supports...; 0.1 for quick runs.
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// How long each scenario runs (after a short warm-up), e.g. `10s`.
    #[arg(long, default_value = "10s", value_parser = parse_duration)]
    duration: Duration,
    /// Connections held open by the load client.
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// A PostgreSQL database to connect to when creating (and dropping)
    /// the fresh one the run uses; the server gets the same address but for
    /// the database's name. By default over the Unix socket: server and
    /// database share this machine, as in a one-host deployment, and TCP
    /// over loopback cost 25 to 35% of PostgreSQL's throughput (the kernel's
    /// TCP work is paid on every query), TLS over it a further 15 to 20%.
    /// `postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable`
    /// measures over TCP.
    #[arg(
        long,
        default_value = "postgres://postgres@localhost:5432/postgres?host=/var/run/postgresql"
    )]
    postgres_admin_url: String,
    /// Where the JSON goes (default: target/coproduce-bench-<backend>.json).
    #[arg(long)]
    json: Option<PathBuf>,
    /// A server binary to use instead of building one.
    #[arg(long)]
    server_bin: Option<PathBuf>,
}

fn parse_duration(raw: &str) -> Result<Duration, String> {
    let (n, unit) = raw
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .map_or((raw, "s"), |i| raw.split_at(i));
    let n: f64 = n
        .parse()
        .map_err(|_| format!("`{raw}` is not a duration like 10s"))?;
    match unit {
        "s" => Ok(Duration::from_secs_f64(n)),
        "ms" => Ok(Duration::from_secs_f64(n / 1000.0)),
        "m" => Ok(Duration::from_secs_f64(n * 60.0)),
        _ => Err(format!("`{raw}`: use s, ms or m")),
    }
}

/// A PostgreSQL database made for this run, dropped at the end.
struct FreshPg {
    admin: String,
    name: String,
}

impl FreshPg {
    fn create(admin: &str) -> (FreshPg, DatabaseUrl) {
        let name = format!("coproduce_bench_{}", std::process::id());
        let mut conn =
            diesel::PgConnection::establish(admin).expect("the PostgreSQL admin database");
        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name}"))
            .execute(&mut conn)
            .expect("drop an old bench database");
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .expect("create the bench database");
        // The admin address with the fresh database's name, its settings
        // (`?host=…`, `?sslmode=…`) kept.
        let (address, settings) = admin.split_once('?').unwrap_or((admin, ""));
        let base = address.rsplit_once('/').map_or(address, |(b, _)| b);
        let settings = if settings.is_empty() {
            String::new()
        } else {
            format!("?{settings}")
        };
        let url = DatabaseUrl::parse(&format!("{base}/{name}{settings}")).expect("a database URL");
        (
            FreshPg {
                admin: admin.to_owned(),
                name,
            },
            url,
        )
    }
}

impl Drop for FreshPg {
    fn drop(&mut self) {
        if let Ok(mut conn) = diesel::PgConnection::establish(&self.admin) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut conn);
        }
    }
}

fn database_size(url: &DatabaseUrl) -> u64 {
    match url {
        DatabaseUrl::Sqlite(path) => ["", "-wal", "-shm"]
            .iter()
            .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
            .map(|m| m.len())
            .sum(),
        _ => {
            #[derive(QueryableByName)]
            struct Size {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                size: i64,
            }
            let mut conn: DbConn = db::connect(url).expect("database");
            diesel::sql_query("SELECT pg_database_size(current_database()) AS size")
                .get_result::<Size>(&mut conn)
                .map_or(0, |s| s.size as u64)
        }
    }
}

fn main() {
    let args = Args::parse();
    if args.list {
        for s in scenarios::ALL {
            println!("{:<16} {}", s.name, s.target);
        }
        return;
    }
    let chosen = scenarios::choose(&args.scenario).unwrap_or_else(|e| {
        eprintln!("coproduce-bench: {e}");
        std::process::exit(2)
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(args, chosen));
}

async fn run(args: Args, chosen: Vec<&'static scenarios::Scenario>) {
    let bin = match &args.server_bin {
        Some(b) => b.clone(),
        None => server::build().unwrap_or_else(|e| {
            eprintln!("coproduce-bench: {e}");
            std::process::exit(1)
        }),
    };
    let work = tempfile::Builder::new()
        .prefix("coproduce-bench.")
        .tempdir()
        .expect("a work folder");
    let data_dir = work.path().join("data");
    std::fs::create_dir_all(&data_dir).expect("data folder");
    let (_pg, url) = match args.backend {
        Backend::Sqlite => (
            None,
            DatabaseUrl::Sqlite(db::default_sqlite_path(&data_dir)),
        ),
        Backend::Postgres => {
            let (pg, url) = FreshPg::create(&args.postgres_admin_url);
            (Some(pg), url)
        }
    };
    let machine_note = format!(
        "{} cores, load average {} at start",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "coproduce-bench: {} backend, scale {}, {} connections, {:?} per scenario ({machine_note})",
        url.backend_name(),
        args.scale,
        args.concurrency,
        args.duration
    );

    println!("ceilings:");
    let short = args.duration.min(Duration::from_secs(3));
    let storage_url = match &url {
        // A scratch file beside the real one, with the same pragmas.
        DatabaseUrl::Sqlite(_) => DatabaseUrl::Sqlite(data_dir.join("ceiling.sqlite3")),
        other => other.clone(),
    };
    let (commits, batched) = ceilings::storage(&storage_url, short);
    let argon2 = tokio::task::spawn_blocking(move || ceilings::argon2(short))
        .await
        .unwrap();
    let http = ceilings::http(args.concurrency, args.duration).await;
    let ceilings = ceilings::Ceilings {
        http,
        commits_per_second: commits,
        batched_rows_per_second: batched,
        argon2_per_second: argon2,
    };
    println!(
        "  HTTP (minimal actix-web handler): {:.0} req/s, p99 {:.2} ms",
        ceilings.http.per_second, ceilings.http.p99_ms
    );
    println!("  storage: {commits:.0} durable commits/s (one row each, one connection), {batched:.0} rows/s in batches of 1,000");
    println!("  argon2id (server's parameters, all cores): {argon2:.1} verifications/s");

    println!("seeding (scale {}):", args.scale);
    let sizes = seed::Sizes::at(args.scale);
    let mut timings = seed::Timings::new();
    let seed_started = Instant::now();
    let (seed_url, seed_dir) = (url.clone(), data_dir.clone());
    let (mut world, mut timings) = tokio::task::spawn_blocking(move || {
        let world = seed::seed(&seed_url, &seed_dir, sizes, &mut timings);
        (world, timings)
    })
    .await
    .expect("seeding");

    let mut server = server::Server::new(
        bin,
        url.clone(),
        data_dir.clone(),
        work.path().join("server.log"),
    );
    let concurrency = args.concurrency;
    let client_for = move |port| load::client(server::HOST, port, concurrency);
    let first_start = server.start(client_for).await;
    let client = client_for(server.port);
    let started = Instant::now();
    world.stories = scenarios::seed_stories(&client, &server.base(), &world, sizes.stories).await;
    let took = started.elapsed().as_secs_f64();
    println!("  seeded stories and consents (over the API) in {took:.1} s");
    timings.push(("stories and consents (API)".into(), took));
    let seed_seconds = seed_started.elapsed().as_secs_f64();
    println!("  seed total {seed_seconds:.1} s");

    // The mail the seeding queued is sent before anything is measured.
    let draining = Instant::now();
    let queued = seed::pending_emails(&url);
    let mut left = queued;
    while left > 0 && draining.elapsed() < Duration::from_secs(1800) {
        tokio::time::sleep(Duration::from_millis(500)).await;
        left = seed::pending_emails(&url);
    }
    let took = draining.elapsed().as_secs_f64();
    println!("  server sent the {queued} queued emails in {took:.1} s ({left} left)");
    timings.push(("queued emails sent by the server".into(), took));

    let started = Instant::now();
    seed::analyze(&url);
    timings.push(("planner statistics".into(), started.elapsed().as_secs_f64()));

    // Idle: five seconds after the last of the seeding's work (requests
    // and the mail it queued), past the two quiet seconds after which the
    // server gives freed memory back (coproduce::ops::memory) and the next
    // look of its trimmer.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let pid = server.pid().expect("running");
    let idle_rss = server::proc_kb(pid, "VmRSS").unwrap_or(0);
    // What the RSS is made of: the server's own memory (anonymous) and
    // the binary's and libraries' pages mapped from the page cache (files,
    // or shared memory when the binary is on tmpfs): clean, shared, and
    // on some kernels mapped in whole large folios (BENCHMARKS.md, stop 30).
    let idle_anon = server::proc_kb(pid, "RssAnon").unwrap_or(0);
    let idle_file = server::proc_kb(pid, "RssFile").unwrap_or(0)
        + server::proc_kb(pid, "RssShmem").unwrap_or(0);

    let world = std::sync::Arc::new(world);
    let mut results = Vec::new();
    for s in &chosen {
        println!("scenario {} ...", s.name);
        let outcome =
            scenarios::run(s, &client, &server, &world, &args_view(&args, &ceilings)).await;
        println!(
            "  {:.0}/s, p50 {:.2} ms, p99 {:.2} ms, p99.9 {:.2} ms, {} errors, peak RSS {:.1} MB",
            outcome.measured.per_second,
            outcome.measured.p50_ms,
            outcome.measured.p99_ms,
            outcome.measured.p999_ms,
            outcome.measured.errors,
            outcome.peak_rss as f64 / 1e6
        );
        if let Some(cpu) = outcome.cpu {
            match cpu.database_ms {
                Some(db) => println!(
                    "  CPU per request: server {:.3} ms, PostgreSQL {db:.3} ms",
                    cpu.server_ms
                ),
                None => println!("  CPU per request: server {:.3} ms", cpu.server_ms),
            }
        }
        for e in &outcome.measured.error_samples {
            println!("    error: {e}");
        }
        results.push(outcome);
    }
    let peak_rss = server::proc_kb(pid, "VmHWM").unwrap_or(0);
    let database_bytes = database_size(&url);

    // Start to ready on the migrated, seeded database: best and median of 3.
    server.stop();
    let mut starts = Vec::new();
    for _ in 0..3 {
        starts.push(server.start(client_for).await.as_secs_f64() * 1000.0);
        server.stop();
    }
    starts.sort_by(f64::total_cmp);

    let report = json!({
        "backend": url.backend_name(),
        "scale": args.scale,
        "concurrency": args.concurrency,
        "duration_seconds": args.duration.as_secs_f64(),
        "machine": machine_note,
        "sizes": sizes,
        "seed_seconds": seed_seconds,
        "seed_phases": timings,
        "ceilings": ceilings,
        "idle_rss_bytes": idle_rss,
        "idle_rss_anon_bytes": idle_anon,
        "idle_rss_file_bytes": idle_file,
        "peak_rss_bytes": peak_rss,
        "database_bytes": database_bytes,
        "first_start_ms": first_start.as_secs_f64() * 1000.0,
        "start_to_ready_ms": {"best": starts[0], "median": starts[1]},
        "scenarios": results,
    });
    scenarios::print_table(&results);
    println!(
        "idle RSS {:.1} MB ({:.1} MB anonymous, {:.1} MB mapped files); peak RSS {:.1} MB; database {:.1} MB; start to ready {:.0} ms (median of 3, best {:.0} ms); seed {:.1} s",
        idle_rss as f64 / 1e6,
        idle_anon as f64 / 1e6,
        idle_file as f64 / 1e6,
        peak_rss as f64 / 1e6,
        database_bytes as f64 / 1e6,
        starts[1],
        starts[0],
        seed_seconds
    );
    let path = args.json.clone().unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join("target")
            .join(format!(
                "coproduce-bench-{}.json",
                url.backend_name().to_lowercase()
            ))
    });
    std::fs::write(&path, serde_json::to_string_pretty(&report).unwrap()).expect("the JSON report");
    println!("JSON: {}", path.display());
}

fn args_view<'a>(args: &Args, ceilings: &'a ceilings::Ceilings) -> scenarios::Settings<'a> {
    scenarios::Settings {
        concurrency: args.concurrency,
        duration: args.duration,
        ceilings,
        postgres: args.backend == Backend::Postgres,
    }
}
