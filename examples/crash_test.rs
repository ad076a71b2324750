//! Crash durability: drives the real server with concurrent supports and
//! ballots from many clients, `kill -9`s it at random moments (and, on
//! PostgreSQL, stops the database itself with `pg_ctl stop -m immediate`
//! in some cycles), restarts it, and then checks the database against the
//! log of every write the server acknowledged:
//!
//! - every acknowledged write is there (none lost);
//! - none is there twice (one support per person and proposal, one ballot
//!   per voter and poll);
//! - nothing is half-applied: support counts equal support rows, every
//!   support has its follow, every voter marked as voted has exactly one
//!   ballot and every ballot its voter, and nothing is there that no
//!   client ever asked for;
//! - the database itself is sound: `PRAGMA integrity_check` and
//!   `foreign_key_check` on SQLite, `amcheck` (every B-tree index against
//!   its table) on PostgreSQL.
//!
//! Run it through `scripts/crash-test`, which builds the server, sets up a
//! private PostgreSQL cluster and passes the flags below. It exits 1 when
//! any check fails.

#[path = "../tests/common/hygiene.rs"]
mod hygiene;

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use coproduce::accounts::model::SessionKind;
use coproduce::accounts::password::{hash_blocking, Password};
use coproduce::accounts::service::{self as accounts, Provision, Provisioned, SessionLifetimes};
use coproduce::accounts::tokens::AccessKeys;
use coproduce::accounts::Role;
use coproduce::db::{self, DatabaseUrl, DbConn};
use coproduce::mail::Email;
use coproduce::secrets::Secrets;
use coproduce::tenancy::{self, Hostname, Slug};
use diesel::prelude::*;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

const HOST: &str = "crash.test";
const PASSWORD: &str = "violet kettle harbour 42";

/// The run's settings, from `--name value` flags.
struct Args {
    backend: String,
    bin: PathBuf,
    work: PathBuf,
    database_url: Option<String>,
    cycles: usize,
    clients: usize,
    citizens: usize,
    proposals: usize,
    /// Shell commands that stop (immediately) and start the database; given
    /// for PostgreSQL, used in every third cycle.
    db_stop: Option<String>,
    db_start: Option<String>,
    seed: u64,
}

fn args() -> Args {
    let mut flags: HashMap<String, String> = HashMap::new();
    let mut it = std::env::args().skip(1);
    while let Some(name) = it.next() {
        let Some(name) = name.strip_prefix("--") else {
            fail(&format!("unexpected argument {name}"));
        };
        let value = it
            .next()
            .unwrap_or_else(|| fail(&format!("--{name} needs a value")));
        flags.insert(name.to_owned(), value);
    }
    let get = |name: &str| flags.get(name).cloned();
    let number = |name: &str, default: usize| {
        get(name).map_or(default, |v| {
            v.parse()
                .unwrap_or_else(|_| fail(&format!("--{name} must be a number")))
        })
    };
    Args {
        backend: get("backend").unwrap_or_else(|| "sqlite".into()),
        bin: get("bin")
            .map(PathBuf::from)
            .unwrap_or_else(|| fail("--bin PATH (the coproduce binary) is required")),
        work: get("work")
            .map(PathBuf::from)
            .unwrap_or_else(|| fail("--work DIR is required")),
        database_url: get("database-url"),
        cycles: number("cycles", 20),
        clients: number("clients", 16),
        citizens: number("citizens", 1000),
        proposals: number("proposals", 20),
        db_stop: get("db-stop"),
        db_start: get("db-start"),
        seed: number("seed", rand::random::<u16>() as usize) as u64,
    }
}

fn fail(message: &str) -> ! {
    eprintln!("crash-test: {message}");
    std::process::exit(2)
}

/// One write a client makes: a citizen supports a proposal, or votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Write {
    Support { citizen: usize, proposal: usize },
    Ballot { citizen: usize, poll: usize },
}

/// What the clients learnt about each write.
#[derive(Default)]
struct Log {
    /// Answered 2xx: the server promised it is stored.
    acknowledged: HashSet<Write>,
    /// Sent at least once without an answer (the server died, or the
    /// database was away): it may or may not have happened.
    unknown: HashSet<Write>,
    /// Refused after an unanswered attempt had already cast it (a secret
    /// ballot is only replaced with its receipt): settled, not acknowledged.
    settled: HashSet<Write>,
    /// Answers no write should get.
    unexpected: Vec<String>,
    /// 503s seen while the database was away.
    unavailable: u64,
    /// Answers checked for internals (error hygiene), and what leaked.
    scanned: u64,
    leaks: Vec<String>,
}

struct World {
    tokens: Vec<String>,
    proposals: Vec<String>,
    /// (poll id, secret)
    polls: Vec<(String, bool)>,
}

fn main() {
    let args = args();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let ok = runtime.block_on(run(args));
    std::process::exit(if ok { 0 } else { 1 });
}

async fn run(args: Args) -> bool {
    let data_dir = args.work.join("data");
    std::fs::create_dir_all(&data_dir).expect("work folder");
    let url = match (&args.backend[..], &args.database_url) {
        ("sqlite", _) => DatabaseUrl::Sqlite(db::default_sqlite_path(&data_dir)),
        ("postgres", Some(raw)) => DatabaseUrl::parse(raw).unwrap_or_else(|e| fail(&e)),
        ("postgres", None) => fail("--database-url is required for postgres"),
        (other, _) => fail(&format!("unknown backend {other}")),
    };
    let mut rng = rand::rngs::StdRng::seed_from_u64(args.seed);
    println!(
        "crash-test: {} backend, {} cycles, {} clients, {} citizens, {} proposals, seed {}",
        url.backend_name(),
        args.cycles,
        args.clients,
        args.citizens,
        args.proposals,
        args.seed
    );

    let mut server = Server::new(&args, &url, &data_dir);
    let citizens = seed_people(&url, &data_dir, args.citizens);
    server.start().await;
    let world = seed_place(&server, citizens, args.proposals).await;
    server.stop_gracefully();

    let mut queue: Vec<Write> = Vec::new();
    for citizen in 0..args.citizens {
        for proposal in 0..args.proposals {
            queue.push(Write::Support { citizen, proposal });
        }
        for poll in 0..world.polls.len() {
            queue.push(Write::Ballot { citizen, poll });
        }
    }
    // Shuffled, so each moment of a kill catches every kind of write.
    for i in (1..queue.len()).rev() {
        queue.swap(i, rng.gen_range(0..=i));
    }
    let attempted: HashSet<Write> = queue.iter().copied().collect();
    let queue = Arc::new(Mutex::new(VecDeque::from(queue)));
    let log = Arc::new(Mutex::new(Log::default()));
    let world = Arc::new(world);
    let sent = Arc::new(AtomicU64::new(0));

    let started = Instant::now();
    let mut kills = 0;
    let mut db_stops = 0;
    for cycle in 0..args.cycles {
        server.start().await;
        let stop = Arc::new(AtomicBool::new(false));
        let clients = spawn_clients(&args, &server, &world, &queue, &log, &sent, &stop);
        // A random moment: early in a request burst or well into it.
        let wait = Duration::from_millis(rng.gen_range(150..1500));
        tokio::time::sleep(wait).await;
        let stop_db = args.db_stop.is_some() && cycle % 3 == 1;
        if stop_db {
            // The database dies first, under load; the server answers 503
            // for a moment and is then killed too.
            shell(args.db_stop.as_deref().unwrap_or_default());
            db_stops += 1;
            tokio::time::sleep(Duration::from_millis(rng.gen_range(100..600))).await;
        }
        server.kill();
        kills += 1;
        stop.store(true, Ordering::SeqCst);
        for c in clients {
            let _ = c.await;
        }
        if stop_db {
            shell(args.db_start.as_deref().unwrap_or_default());
        }
        let left = queue.lock().unwrap().len();
        println!(
            "cycle {:>2}: killed after {:>4} ms{}; {} writes acknowledged so far, {} left",
            cycle + 1,
            wait.as_millis(),
            if stop_db {
                " (database stopped -m immediate first)"
            } else {
                ""
            },
            log.lock().unwrap().acknowledged.len(),
            left
        );
    }

    // A last run without kills finishes the writes, then a clean stop.
    server.start().await;
    let stop = Arc::new(AtomicBool::new(false));
    let clients = spawn_clients(&args, &server, &world, &queue, &log, &sent, &stop);
    let deadline = Instant::now() + Duration::from_secs(300);
    while !queue.lock().unwrap().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stop.store(true, Ordering::SeqCst);
    for c in clients {
        let _ = c.await;
    }
    server.stop_gracefully();
    let took = started.elapsed();

    let log = Arc::try_unwrap(log)
        .ok()
        .expect("clients finished")
        .into_inner()
        .unwrap();
    let report = check(&url, &world, &log, &attempted);
    let left = queue.lock().unwrap().len();
    println!();
    println!("crash-test figures ({}):", url.backend_name());
    println!("  cycles (kill -9):          {kills}");
    println!("  database stops (-m immediate): {db_stops}");
    println!(
        "  requests sent:             {}",
        sent.load(Ordering::SeqCst)
    );
    println!("  writes acknowledged:       {}", log.acknowledged.len());
    println!(
        "  writes retried (no answer at a kill, or a 503): {}",
        log.unknown.len()
    );
    println!(
        "  secret ballots cast by an unanswered try: {}",
        log.settled.len()
    );
    println!("  503s while the database was away: {}", log.unavailable);
    println!("  writes checked:            {}", report.checked);
    println!("  lost:                      {}", report.lost);
    println!("  duplicated:                {}", report.duplicated);
    println!("  half-applied or phantom:   {}", report.half_applied);
    println!("  integrity:                 {}", report.integrity);
    println!("  writes never finished:     {left}");
    println!("  unexpected answers:        {}", log.unexpected.len());
    println!(
        "  answers with internals:    {} (of {} checked)",
        log.leaks.len(),
        log.scanned
    );
    println!("  took:                      {:.1} s", took.as_secs_f64());
    for line in log.unexpected.iter().take(10) {
        println!("    {line}");
    }
    for line in log.leaks.iter().take(10) {
        println!("    {line}");
    }
    for line in report.problems.iter().take(20) {
        println!("    {line}");
    }
    let ok = report.lost == 0
        && report.duplicated == 0
        && report.half_applied == 0
        && report.integrity == "ok"
        && log.unexpected.is_empty()
        && log.leaks.is_empty()
        && left == 0;
    println!("crash-test: {}", if ok { "PASS" } else { "FAIL" });
    ok
}

/// Runs a shell command (the database's stop or start), failing loudly.
fn shell(command: &str) {
    let status = Command::new("bash")
        .arg("-c")
        .arg(command)
        .stdout(Stdio::null())
        .status()
        .expect("shell");
    if !status.success() {
        fail(&format!("`{command}` failed: {status}"));
    }
}

/// The server under test: a child process, always on a fresh port.
struct Server {
    bin: PathBuf,
    url: DatabaseUrl,
    data_dir: PathBuf,
    log: PathBuf,
    child: Option<Child>,
    port: u16,
}

impl Server {
    fn new(args: &Args, url: &DatabaseUrl, data_dir: &std::path::Path) -> Server {
        Server {
            bin: args.bin.clone(),
            url: url.clone(),
            data_dir: data_dir.to_owned(),
            log: args.work.join("server.log"),
            child: None,
            port: 0,
        }
    }

    fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .resolve(HOST, ([127, 0, 0, 1], self.port).into())
            .timeout(Duration::from_secs(20))
            .pool_max_idle_per_host(64)
            .build()
            .expect("client")
    }

    fn url(&self, path: &str) -> String {
        format!("http://{HOST}:{}{path}", self.port)
    }

    async fn start(&mut self) {
        self.port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("server log");
        let child = Command::new(&self.bin)
            .arg("serve")
            .args(["--bind", &format!("127.0.0.1:{}", self.port)])
            .arg("--data-dir")
            .arg(&self.data_dir)
            .args(["--database-url", &self.url.expose()])
            .args(["--mail", "log"])
            .env("COPRODUCE_RATE_LIMITS", "off")
            .env("COPRODUCE_DIGEST_HOUR", "off")
            .env("COPRODUCE_INSECURE_HTTP", "true")
            .env("COPRODUCE_WORKERS", "2")
            .env("RUST_LOG", "warn")
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("the server starts");
        self.child = Some(child);
        let client = self.client();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(res) = client.get(self.url("/readyz")).send().await {
                if res.status() == 200 {
                    return;
                }
            }
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                fail(&format!(
                    "the server exited at start ({status}); see {}",
                    self.log.display()
                ));
            }
            if Instant::now() > deadline {
                fail(&format!(
                    "the server was not ready within a minute; see {}",
                    self.log.display()
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// SIGKILL: no chance to finish anything.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// SIGTERM, and wait for the server to finish what it was doing.
    fn stop_gracefully(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let _ = child.wait();
        }
    }
}

/// The facilitator (index 0) and the citizens, with API tokens, made in
/// the service layer before the server first starts.
fn seed_people(url: &DatabaseUrl, data_dir: &std::path::Path, citizens: usize) -> Vec<String> {
    let mut conn = db::connect(url).expect("database");
    db::migrate(&mut conn).expect("migrations");
    let tenant = tenancy::service::create(
        &mut conn,
        &Slug::parse("crash").unwrap(),
        "Crash test",
        &[Hostname::parse(HOST).unwrap()],
    )
    .expect("tenant");
    let keys = AccessKeys::from_secrets(
        &Secrets::load_or_create(&Secrets::default_path(data_dir)).unwrap(),
    );
    let hash = hash_blocking(&Password::parse_new(PASSWORD, &[]).unwrap()).unwrap();
    (0..=citizens)
        .map(|i| {
            let account = Provision {
                email: Email::parse(&format!("person{i}@example.org")).unwrap(),
                display_name: format!("Person {i}"),
                role: Role::Citizen,
                platform_operator: false,
            };
            let user = match accounts::provision(
                &mut conn,
                &tenant,
                "http://unused",
                &account,
                Some(&hash),
            )
            .expect("account")
            {
                Provisioned::Created { user, .. } | Provisioned::RoleChanged { user, .. } => user,
            };
            let (session, _) = accounts::start_session(
                &mut conn,
                &user,
                SessionKind::Api,
                "crash-test",
                true,
                SessionLifetimes::default(),
            )
            .expect("session");
            keys.issue(&user.tenant_id, &user.id, &session.id)
        })
        .collect()
}

/// The board, its members, proposals and polls, made over HTTP.
async fn seed_place(server: &Server, tokens: Vec<String>, proposals: usize) -> World {
    let client = server.client();
    let fac = tokens[0].clone();
    let post = |path: String, body: Value| {
        let req = client.post(server.url(&path)).bearer_auth(&fac).json(&body);
        async move {
            let res = req.send().await.expect("seeding request");
            let status = res.status();
            let body: Value = res.json().await.unwrap_or_default();
            if !status.is_success() {
                fail(&format!("seeding {path} answered {status}: {body}"));
            }
            body
        }
    };
    let id = |v: &Value| v["id"].as_str().unwrap_or_default().to_owned();
    let board = id(&post(
        "/api/v1/boards".into(),
        json!({"title": "Crash test board", "description": "Every citizen is on it.", "service_area": "Durability"}),
    )
    .await);
    for t in &tokens[1..] {
        let user = client
            .get(server.url("/api/v1/me"))
            .bearer_auth(t)
            .send()
            .await
            .expect("me");
        let me: Value = user.json().await.expect("me");
        let user_id = me["id"].as_str().map(str::to_owned).unwrap_or_else(|| {
            fail(&format!("/api/v1/me has no id: {me}"));
        });
        post(
            format!("/api/v1/boards/{board}/members"),
            json!({"user_id": user_id, "role": "member"}),
        )
        .await;
    }
    let mut made = Vec::new();
    for i in 0..proposals {
        made.push(id(&post(
            "/api/v1/proposals".into(),
            json!({"title": format!("Proposal {i}"), "body": "A bench by the bus stop.", "intended_outcome": "People can rest while they wait."}),
        )
        .await));
    }
    let mut polls = Vec::new();
    for secret in [false, true] {
        let poll = post(
            format!("/api/v1/boards/{board}/polls"),
            json!({"question": format!("Open on Saturdays? (secret: {secret})"), "method": "approval", "rule": "majority", "secret": secret}),
        )
        .await;
        polls.push((id(&poll), secret));
    }
    World {
        tokens: tokens[1..].to_vec(),
        proposals: made,
        polls,
    }
}

fn spawn_clients(
    args: &Args,
    server: &Server,
    world: &Arc<World>,
    queue: &Arc<Mutex<VecDeque<Write>>>,
    log: &Arc<Mutex<Log>>,
    sent: &Arc<AtomicU64>,
    stop: &Arc<AtomicBool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..args.clients)
        .map(|_| {
            let client = server.client();
            let base = server.url("");
            let (world, queue, log, sent, stop) = (
                world.clone(),
                queue.clone(),
                log.clone(),
                sent.clone(),
                stop.clone(),
            );
            tokio::spawn(async move {
                while !stop.load(Ordering::SeqCst) {
                    let Some(write) = queue.lock().unwrap().pop_front() else {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    };
                    let req = match write {
                        Write::Support { citizen, proposal } => client
                            .post(format!(
                                "{base}/api/v1/proposals/{}/support",
                                world.proposals[proposal]
                            ))
                            .bearer_auth(&world.tokens[citizen]),
                        Write::Ballot { citizen, poll } => client
                            .post(format!("{base}/api/v1/polls/{}/ballots", world.polls[poll].0))
                            .bearer_auth(&world.tokens[citizen])
                            .json(&json!({"choice": if citizen % 3 == 0 { "no" } else { "yes" }})),
                    };
                    sent.fetch_add(1, Ordering::SeqCst);
                    // Each answer, read whole, is checked for internals: a
                    // panic message, SQL, a backend's words (error hygiene).
                    let answer = match req.send().await {
                        Ok(res) => {
                            let status = res.status();
                            let headers = format!("{:?}", res.headers());
                            match res.text().await {
                                Ok(body) => Ok((status, format!("{headers}\n{body}"))),
                                Err(e) => Err(e),
                            }
                        }
                        Err(e) => Err(e),
                    };
                    let mut log = log.lock().unwrap();
                    if let Ok((status, text)) = &answer {
                        log.scanned += 1;
                        for leak in hygiene::internals(text) {
                            log.leaks.push(format!("{write:?}: {status}: {leak}"));
                        }
                    }
                    match answer {
                        Ok((status, _)) if status.is_success() => {
                            log.acknowledged.insert(write);
                        }
                        Ok((status, _)) if status == 503 => {
                            log.unavailable += 1;
                            log.unknown.insert(write);
                            queue.lock().unwrap().push_back(write);
                        }
                        // A secret ballot cast by an unanswered attempt can
                        // only be replaced with its receipt, which the
                        // client never got.
                        Ok((status, _))
                            if status == 409
                                && matches!(write, Write::Ballot { poll, .. } if world.polls[poll].1)
                                && log.unknown.contains(&write) =>
                        {
                            log.settled.insert(write);
                        }
                        Ok((status, _)) => {
                            log.unexpected.push(format!("{write:?}: {status}"));
                        }
                        Err(_) => {
                            log.unknown.insert(write);
                            queue.lock().unwrap().push_back(write);
                        }
                    }
                }
            })
        })
        .collect()
}

#[derive(Default)]
struct Report {
    checked: usize,
    lost: usize,
    duplicated: usize,
    half_applied: usize,
    integrity: String,
    problems: Vec<String>,
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = diesel::sql_types::Text)]
    line: String,
}

/// Compares the database with what the clients were told.
fn check(url: &DatabaseUrl, world: &World, log: &Log, attempted: &HashSet<Write>) -> Report {
    use coproduce::db::schema::{
        follows, poll_ballots, poll_voters, proposal_supports, proposals, users,
    };
    let mut conn = db::connect(url).expect("database after the run");
    let mut report = Report::default();
    let tenant: String = users::table
        .filter(users::email.eq("person0@example.org"))
        .select(users::tenant_id)
        .first(&mut conn)
        .expect("the place");
    // Citizens by id, so rows can be traced back to the writes asked for.
    let mut citizen_of: HashMap<String, usize> = HashMap::new();
    for (i, _) in world.tokens.iter().enumerate() {
        let id: String = users::table
            .filter(users::tenant_id.eq(&tenant))
            .filter(users::email.eq(format!("person{}@example.org", i + 1)))
            .select(users::id)
            .first(&mut conn)
            .expect("citizen");
        citizen_of.insert(id, i);
    }
    let proposal_of: HashMap<&str, usize> = world
        .proposals
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();

    // Supports: present, once, counted, followed, and asked for.
    let rows: Vec<(String, String)> = proposal_supports::table
        .filter(proposal_supports::tenant_id.eq(&tenant))
        .select((proposal_supports::proposal_id, proposal_supports::user_id))
        .load(&mut conn)
        .expect("supports");
    let mut stored: HashSet<Write> = HashSet::new();
    for (proposal, user) in &rows {
        let Some(&citizen) = citizen_of.get(user) else {
            report.half_applied += 1;
            report
                .problems
                .push(format!("a support by an unknown person {user}"));
            continue;
        };
        let write = Write::Support {
            citizen,
            proposal: proposal_of[proposal.as_str()],
        };
        if !stored.insert(write) {
            report.duplicated += 1;
            report.problems.push(format!("{write:?} stored twice"));
        }
        if !attempted.contains(&write) {
            report.half_applied += 1;
            report
                .problems
                .push(format!("{write:?} stored but never asked for"));
        }
    }
    let followers: HashSet<(String, String)> = follows::table
        .filter(follows::tenant_id.eq(&tenant))
        .filter(follows::subject_kind.eq("proposal"))
        .select((follows::subject_id, follows::user_id))
        .load::<(String, String)>(&mut conn)
        .expect("follows")
        .into_iter()
        .collect();
    for row in &rows {
        if !followers.contains(row) {
            report.half_applied += 1;
            report
                .problems
                .push(format!("support {row:?} without its follow"));
        }
    }
    for (i, id) in world.proposals.iter().enumerate() {
        let count: i64 = proposals::table
            .find((&tenant, id))
            .select(proposals::support_count)
            .first(&mut conn)
            .expect("proposal");
        let actual = rows.iter().filter(|(p, _)| p == id).count() as i64;
        if count != actual {
            report.half_applied += 1;
            report.problems.push(format!(
                "proposal {i} counts {count} supports but has {actual}"
            ));
        }
    }

    // Ballots: one per voter who voted, and a voter for each ballot.
    for (poll_index, (poll, secret)) in world.polls.iter().enumerate() {
        let voters: Vec<(String, Option<String>)> = poll_voters::table
            .filter(poll_voters::tenant_id.eq(&tenant))
            .filter(poll_voters::poll_id.eq(poll))
            .filter(poll_voters::voted.eq(true))
            .select((poll_voters::user_id, poll_voters::ballot_id))
            .load(&mut conn)
            .expect("voters");
        let ballots: Vec<String> = poll_ballots::table
            .filter(poll_ballots::tenant_id.eq(&tenant))
            .filter(poll_ballots::poll_id.eq(poll))
            .select(poll_ballots::id)
            .load(&mut conn)
            .expect("ballots");
        if ballots.len() > voters.len() {
            report.duplicated += ballots.len() - voters.len();
            report.problems.push(format!(
                "poll {poll_index}: {} ballots for {} voters",
                ballots.len(),
                voters.len()
            ));
        } else if ballots.len() < voters.len() {
            report.half_applied += voters.len() - ballots.len();
            report.problems.push(format!(
                "poll {poll_index}: {} voters marked as voted but {} ballots",
                voters.len(),
                ballots.len()
            ));
        }
        let ballot_ids: HashSet<&String> = ballots.iter().collect();
        for (user, ballot) in &voters {
            let Some(&citizen) = citizen_of.get(user) else {
                report.half_applied += 1;
                report
                    .problems
                    .push(format!("a voter who is not a citizen {user}"));
                continue;
            };
            let write = Write::Ballot {
                citizen,
                poll: poll_index,
            };
            stored.insert(write);
            if !attempted.contains(&write) {
                report.half_applied += 1;
                report
                    .problems
                    .push(format!("{write:?} stored but never asked for"));
            }
            // An open (not secret) poll links each voter to their ballot.
            if !secret && !ballot.as_ref().is_some_and(|b| ballot_ids.contains(b)) {
                report.half_applied += 1;
                report.problems.push(format!("{write:?} has no ballot"));
            }
        }
    }

    // Everything acknowledged is there.
    for write in &log.acknowledged {
        report.checked += 1;
        if !stored.contains(write) {
            report.lost += 1;
            report
                .problems
                .push(format!("{write:?} was acknowledged but is not stored"));
        }
    }
    for write in &log.settled {
        if !stored.contains(write) {
            report.lost += 1;
            report.problems.push(format!(
                "{write:?} was refused as already cast but is not stored"
            ));
        }
    }

    report.integrity = match &mut conn {
        DbConn::Sqlite(_) => {
            let lines: Vec<Line> =
                diesel::sql_query("SELECT integrity_check AS line FROM pragma_integrity_check")
                    .load(&mut conn)
                    .expect("integrity_check");
            let fk: Vec<Line> = diesel::sql_query(
                "SELECT \"table\" || ' row ' || rowid AS line FROM pragma_foreign_key_check",
            )
            .load(&mut conn)
            .expect("foreign_key_check");
            let mut all: Vec<String> = lines.into_iter().map(|l| l.line).collect();
            if all == ["ok"] && fk.is_empty() {
                "ok".into()
            } else {
                all.extend(fk.into_iter().map(|l| format!("foreign key: {}", l.line)));
                all.join("; ")
            }
        }
        DbConn::Pg(_) => {
            diesel::sql_query("CREATE EXTENSION IF NOT EXISTS amcheck")
                .execute(&mut conn)
                .expect("amcheck (run as a superuser)");
            // Every B-tree index of the schema against its table, and every
            // heap tuple found in its indexes.
            let checked: Result<Vec<Line>, _> = diesel::sql_query(
                "SELECT c.relname::text AS line, bt_index_check(c.oid, true)::text AS done
                   FROM pg_index i
                   JOIN pg_class c ON c.oid = i.indexrelid
                   JOIN pg_am a ON a.oid = c.relam
                   JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE a.amname = 'btree' AND n.nspname = 'public'",
            )
            .load(&mut conn);
            match checked {
                Ok(indexes) => {
                    println!("  amcheck: {} B-tree indexes verified", indexes.len());
                    "ok".into()
                }
                Err(e) => format!("amcheck failed: {e}"),
            }
        }
    };
    report
}
