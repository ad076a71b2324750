//! The scenarios of issue 10's table, each against its target and as a
//! fraction of the ceiling that bounds it.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use coproduce::voting::{
    tally, Ballot, Constituency, Method, MethodParams, OptionId, PollOption, PollSpec, Quorum, Rule,
};
use serde::Serialize;
use serde_json::json;

use crate::ceilings::Ceilings;
use crate::load::{self, expect, Measured};
use crate::seed::{World, PASSWORD};
use crate::server::{self, Server};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    ProposalsPage,
    ApiProposals,
    ProposalPage,
    Support,
    Ballot,
    StoryRead,
    SignIn,
    Tally,
    Export,
}

/// What bounds a scenario on this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Bound {
    Http,
    Storage,
    Argon2,
    None,
}

pub struct Scenario {
    pub name: &'static str,
    pub target: &'static str,
    kind: Kind,
    bound: Bound,
    /// Requests (or writes) per second to reach, if the target says.
    per_second: Option<f64>,
    /// The p99 (or, for single operations, the median) to stay under, ms.
    ms: Option<f64>,
}

pub static ALL: &[Scenario] = &[
    Scenario { name: "proposals-page", target: "anonymous proposals list page, HTML, most supported first: >= 5,000 req/s, p99 <= 20 ms", kind: Kind::ProposalsPage, bound: Bound::Http, per_second: Some(5000.0), ms: Some(20.0) },
    Scenario { name: "api-proposals", target: "GET /api/v1/proposals: >= 8,000 req/s, p99 <= 15 ms", kind: Kind::ApiProposals, bound: Bound::Http, per_second: Some(8000.0), ms: Some(15.0) },
    Scenario { name: "proposal-page", target: "proposal page with 50 comments, signed in: >= 3,000 req/s", kind: Kind::ProposalPage, bound: Bound::Http, per_second: Some(3000.0), ms: None },
    Scenario { name: "support", target: "support a proposal, distinct citizens: >= 5,000 durable writes/s", kind: Kind::Support, bound: Bound::Storage, per_second: Some(5000.0), ms: None },
    Scenario { name: "ballot", target: "ranked ballot in a 10,000-member board: >= 5,000/s", kind: Kind::Ballot, bound: Bound::Storage, per_second: Some(5000.0), ms: None },
    Scenario { name: "story-read", target: "read a story (consent check + chained use-log write): >= 2,000/s", kind: Kind::StoryRead, bound: Bound::Storage, per_second: Some(2000.0), ms: None },
    Scenario { name: "sign-in", target: "sign in: >= 90% of raw argon2id verifications/s", kind: Kind::SignIn, bound: Bound::Argon2, per_second: None, ms: None },
    Scenario { name: "tally", target: "tally 100,000 ranked ballots: <= 100 ms", kind: Kind::Tally, bound: Bound::None, per_second: None, ms: Some(100.0) },
    Scenario { name: "export", target: "export a citizen with 1,000 records: <= 200 ms", kind: Kind::Export, bound: Bound::None, per_second: None, ms: Some(200.0) },
];

/// The scenarios named by `--scenario` (`all`, or names joined by commas).
pub fn choose(raw: &str) -> Result<Vec<&'static Scenario>, String> {
    if raw == "all" {
        return Ok(ALL.iter().collect());
    }
    raw.split(',')
        .map(|name| {
            ALL.iter()
                .find(|s| s.name == name.trim())
                .ok_or_else(|| format!("no scenario `{name}` (try --list)"))
        })
        .collect()
}

pub struct Settings<'a> {
    pub concurrency: usize,
    pub duration: Duration,
    pub ceilings: &'a Ceilings,
    /// Whether the database is PostgreSQL, whose CPU is then counted too.
    pub postgres: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub name: &'static str,
    pub target: &'static str,
    pub measured: Measured,
    /// What bounds it, and the measured scenario as a fraction of that.
    pub bound: &'static str,
    pub fraction_of_ceiling: Option<f64>,
    pub met: bool,
    /// The server's highest resident memory seen while it ran.
    pub peak_rss: u64,
    /// CPU milliseconds per request, by the server and (on PostgreSQL)
    /// the database: steadier than requests/s on a shared machine, and
    /// what a change to the hot path moves.
    pub cpu: Option<CpuPerRequest>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct CpuPerRequest {
    pub server_ms: f64,
    pub database_ms: Option<f64>,
}

/// CPU used so far by the server and, on PostgreSQL, the database.
struct CpuClock {
    pid: u32,
    postgres: bool,
    server: f64,
    database: f64,
}

impl CpuClock {
    fn start(pid: u32, postgres: bool) -> Self {
        Self {
            pid,
            postgres,
            server: server::cpu_seconds(pid).unwrap_or(0.0),
            database: if postgres {
                server::postgres_cpu_seconds()
            } else {
                0.0
            },
        }
    }

    fn per_request(&self, requests: u64) -> Option<CpuPerRequest> {
        let later = Self::start(self.pid, self.postgres);
        let ms = |seconds: f64| seconds * 1000.0 / requests as f64;
        (requests > 0).then(|| CpuPerRequest {
            server_ms: ms(later.server - self.server),
            database_ms: self.postgres.then(|| ms(later.database - self.database)),
        })
    }
}

/// Watches the server's resident memory until told to stop.
fn watch_rss(pid: u32) -> (Arc<AtomicBool>, tokio::task::JoinHandle<u64>) {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let handle = tokio::spawn(async move {
        let mut peak = 0;
        while !flag.load(Ordering::Relaxed) {
            peak = peak.max(server::proc_kb(pid, "VmRSS").unwrap_or(0));
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        peak
    });
    (stop, handle)
}

pub async fn run(
    s: &Scenario,
    client: &reqwest::Client,
    server: &Server,
    world: &Arc<World>,
    settings: &Settings<'_>,
) -> Outcome {
    let pid = server.pid().expect("running");
    let (stop, rss) = watch_rss(pid);
    let (measured, cpu) = match s.kind {
        Kind::Tally => (tally_ballots(), None),
        Kind::Export => (export(client, server, world).await, None),
        _ => {
            let warm_up = (settings.duration / 5).min(Duration::from_secs(1));
            drive(s.kind, client, server, world, settings.concurrency, warm_up).await;
            let clock = CpuClock::start(pid, settings.postgres);
            let measured = drive(
                s.kind,
                client,
                server,
                world,
                settings.concurrency,
                settings.duration,
            )
            .await;
            let cpu = clock.per_request(measured.requests);
            (measured, cpu)
        }
    };
    stop.store(true, Ordering::Relaxed);
    let peak_rss = rss.await.unwrap_or(0);
    let c = settings.ceilings;
    let (bound, fraction) = match s.bound {
        Bound::Http => ("HTTP", Some(measured.per_second / c.http.per_second)),
        Bound::Storage => (
            "durable commits",
            Some(measured.per_second / c.commits_per_second),
        ),
        Bound::Argon2 => ("argon2id", Some(measured.per_second / c.argon2_per_second)),
        Bound::None => ("", None),
    };
    let met = measured.errors == 0
        && match s.kind {
            Kind::SignIn => fraction.unwrap_or(0.0) >= 0.9,
            Kind::Tally | Kind::Export => measured.p50_ms <= s.ms.unwrap_or(f64::MAX),
            _ => {
                measured.per_second >= s.per_second.unwrap_or(0.0)
                    && measured.p99_ms <= s.ms.unwrap_or(f64::MAX)
            }
        };
    Outcome {
        name: s.name,
        target: s.target,
        measured,
        bound,
        fraction_of_ceiling: fraction,
        met,
        peak_rss,
        cpu,
    }
}

async fn drive(
    kind: Kind,
    client: &reqwest::Client,
    server: &Server,
    world: &Arc<World>,
    concurrency: usize,
    duration: Duration,
) -> Measured {
    let base = server.base();
    let client = client.clone();
    let world = world.clone();
    let n = world.citizens.len();
    // Tokens for everyone who writes, issued now so they are fresh.
    let tokens: Arc<Vec<String>> = Arc::new(match kind {
        Kind::Support | Kind::Ballot | Kind::StoryRead => (0..n).map(|i| world.token(i)).collect(),
        _ => Vec::new(),
    });
    match kind {
        Kind::ProposalsPage => {
            let url = format!("{base}/proposals?sort=most_supported");
            load::drive(concurrency, duration, move |_| {
                expect(client.get(&url), &[200])
            })
            .await
        }
        Kind::ApiProposals => {
            let url = format!("{base}/api/v1/proposals");
            load::drive(concurrency, duration, move |_| {
                expect(client.get(&url), &[200])
            })
            .await
        }
        Kind::ProposalPage => {
            load::drive(concurrency, duration, move |i| {
                let i = i as usize;
                let id = &world.proposals[i % world.commented_upto];
                let cookie = format!(
                    "coproduce_session={}",
                    world.browser_secrets[i % world.browser_secrets.len()]
                );
                expect(
                    client
                        .get(format!("{base}/proposals/{id}"))
                        .header("cookie", cookie),
                    &[200],
                )
            })
            .await
        }
        Kind::Support => {
            // Proposals past `supported_upto` have no supports yet, so every
            // (citizen, proposal) pair is a new row until they run out.
            let free = world.proposals.len() - world.supported_upto;
            let offset = next_offset(&world);
            load::drive(concurrency, duration, move |i| {
                let i = i as usize + offset;
                let proposal = &world.proposals[world.supported_upto + i % free];
                let citizen = (i / free) % n;
                expect(
                    client
                        .post(format!("{base}/api/v1/proposals/{proposal}/support"))
                        .bearer_auth(&tokens[citizen]),
                    &[200],
                )
            })
            .await
        }
        Kind::Ballot => {
            let voters = world
                .citizens
                .len()
                .min(crate::seed::Sizes::at(1.0).poll_voters);
            let offset = next_offset(&world);
            load::drive(concurrency, duration, move |i| {
                let i = i as usize + offset;
                // Every voter once per poll, then again (a replacement).
                let (poll, options) = &world.polls[(i / voters) % world.polls.len()];
                let voter = i % voters;
                let mut ranking = options.clone();
                ranking.rotate_left(i % options.len());
                ranking.truncate(1 + i % options.len());
                expect(
                    client
                        .post(format!("{base}/api/v1/polls/{poll}/ballots"))
                        .bearer_auth(&tokens[voter])
                        .json(&json!({ "ranking": ranking })),
                    &[200, 201],
                )
            })
            .await
        }
        Kind::StoryRead => {
            load::drive(concurrency, duration, move |i| {
                let i = i as usize;
                let story = &world.stories[i % world.stories.len()];
                expect(
                    client
                        .get(format!("{base}/api/v1/stories/{story}"))
                        .bearer_auth(&tokens[(i * 7 + 3) % n]),
                    &[200],
                )
            })
            .await
        }
        Kind::SignIn => {
            load::drive(concurrency, duration, move |i| {
                let email = format!("person{}@example.org", i as usize % n);
                expect(
                    client
                        .post(format!("{base}/api/v1/auth/login"))
                        .json(&json!({ "email": email, "password": PASSWORD })),
                    &[200],
                )
            })
            .await
        }
        Kind::Tally | Kind::Export => unreachable!("not driven over HTTP at a fixed concurrency"),
    }
}

/// Where the next write run starts in its sequence, so the measured run
/// does not repeat the warm-up's writes.
fn next_offset(_world: &World) -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(10_000_000, Ordering::Relaxed)
}

/// The export of the citizen with 1,000 records, 20 times in a row.
async fn export(client: &reqwest::Client, server: &Server, world: &World) -> Measured {
    let url = format!("{}/api/v1/me/export", server.base());
    let token = world.token(world.exporter);
    let mut micros = Vec::new();
    let mut errors = 0;
    let mut samples = Vec::new();
    let started = Instant::now();
    for _ in 0..21 {
        let sent = Instant::now();
        let answer = expect(client.get(&url).bearer_auth(&token), &[200]).await;
        micros.push(sent.elapsed().as_micros() as u32);
        if let Err(e) = answer {
            errors += 1;
            samples.push(e);
        }
    }
    micros.remove(0); // the first warms the caches
    load::summarise(micros, errors, started.elapsed().as_secs_f64(), samples)
}

/// Counting 100,000 ranked ballots over 8 options (parsed from their API
/// shape, then tallied) in the bench process, 5 times.
fn tally_ballots() -> Measured {
    const BALLOTS: usize = 100_000;
    let ids: Vec<String> = (0..8).map(|i| format!("option-{i}")).collect();
    let options = ids
        .iter()
        .map(|id| PollOption::new(OptionId::parse(id).expect("an option id"), id.clone()))
        .collect();
    let spec = PollSpec::new(
        Method::parse("ranked", MethodParams::default()).expect("ranked"),
        options,
        Rule::parse("majority", None).expect("majority"),
        Quorum::default(),
    )
    .expect("a ranked poll");
    let raw: Vec<serde_json::Value> = (0..BALLOTS)
        .map(|i| {
            let mut order: Vec<&str> = ids.iter().map(String::as_str).collect();
            order.rotate_left((i * 7) % 8);
            order.swap(0, (i / 8) % 8);
            json!({ "ranking": order[..1 + (i * 13) % 8] })
        })
        .collect();
    let mut micros = Vec::new();
    let started = Instant::now();
    for _ in 0..5 {
        let t = Instant::now();
        let ballots: Vec<Ballot> = raw
            .iter()
            .map(|r| Ballot::parse(&spec, r).expect("a valid ballot"))
            .collect();
        let result =
            tally(&spec, ballots.iter().map(|b| (Constituency::Citizen, b))).expect("a count");
        assert_eq!(result.tallies.all.ballots, BALLOTS as u64);
        micros.push(t.elapsed().as_micros() as u32);
    }
    load::summarise(micros, 0, started.elapsed().as_secs_f64(), Vec::new())
}

/// Stories, each shared with everyone in the place, made over the API (the
/// server holds the keys their consent receipts are signed with).
pub async fn seed_stories(
    client: &reqwest::Client,
    base: &str,
    world: &World,
    count: usize,
) -> Vec<String> {
    let n = world.citizens.len();
    let tokens: Arc<Vec<String>> = Arc::new((0..n).map(|i| world.token(i)).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let made = Arc::new(Mutex::new(Vec::with_capacity(count)));
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (client, base, tokens, next, made) =
                (client.clone(), base.to_owned(), tokens.clone(), next.clone(), made.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= count {
                        return;
                    }
                    let token = &tokens[i % n];
                    let res = client
                        .post(format!("{base}/api/v1/stories"))
                        .bearer_auth(token)
                        .json(&json!({
                            "title": format!("Story {i}: waiting for the bus with a pram"),
                            "body": "Every morning I wait twenty minutes at the stop on Hill Street. There is nowhere to sit, and in winter my son gets cold. When the bus comes it is often full.",
                        }))
                        .send()
                        .await
                        .expect("a story");
                    let status = res.status();
                    let body: serde_json::Value = res.json().await.unwrap_or_default();
                    assert!(status.is_success(), "a story: {status} {body}");
                    let id = body["id"].as_str().expect("a story id").to_owned();
                    let res = client
                        .put(format!("{base}/api/v1/stories/{id}/consents"))
                        .bearer_auth(token)
                        .json(&json!({"grants": [{
                            "purpose": "tenant_publication",
                            "audience": "tenant",
                            "attribution": "first_name",
                        }]}))
                        .send()
                        .await
                        .expect("a consent");
                    let status = res.status();
                    let text = res.text().await.unwrap_or_default();
                    assert!(status.is_success(), "a consent: {status} {text}");
                    made.lock().unwrap().push(id);
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("story seeding");
    }
    Arc::try_unwrap(made).unwrap().into_inner().unwrap()
}

pub fn print_table(results: &[Outcome]) {
    println!();
    println!(
        "{:<15} {:>9} {:>9} {:>9} {:>9} {:>7} {:>10} {:>9} {:>13} {:>4}",
        "scenario",
        "req/s",
        "p50 ms",
        "p99 ms",
        "p99.9 ms",
        "errors",
        "of ceiling",
        "peak RSS",
        "CPU ms/req",
        "met"
    );
    for r in results {
        let m = &r.measured;
        println!(
            "{:<15} {:>9.0} {:>9.2} {:>9.2} {:>9.2} {:>7} {:>10} {:>7.1}MB {:>13} {:>4}",
            r.name,
            m.per_second,
            m.p50_ms,
            m.p99_ms,
            m.p999_ms,
            m.errors,
            r.fraction_of_ceiling.map_or("-".into(), |f| format!(
                "{:.1}% {}",
                f * 100.0,
                short(r.bound)
            )),
            r.peak_rss as f64 / 1e6,
            r.cpu.map_or("-".into(), |c| match c.database_ms {
                Some(db) => format!("{:.2}+{:.2}", c.server_ms, db),
                None => format!("{:.2}", c.server_ms),
            }),
            if r.met { "yes" } else { "no" }
        );
    }
}

fn short(bound: &str) -> &'static str {
    match bound {
        "HTTP" => "H",
        "durable commits" => "S",
        "argon2id" => "A",
        _ => "",
    }
}
