//! A realistic place, made through the service layer in batched
//! transactions (each service call keeps its own rules; many calls share
//! one commit, so seeding is not bound by fsyncs). The stories and their
//! consents are made over the API once the server runs (their key store
//! belongs to the server), see `stories`.

use std::path::Path;
use std::time::{Duration, Instant};

use coproduce::accounts::model::{Session, SessionKind};
use coproduce::accounts::password::{hash_blocking, Password};
use coproduce::accounts::service::{self as accounts, Provision, Provisioned, SessionLifetimes};
use coproduce::accounts::tokens::AccessKeys;
use coproduce::accounts::{Role, User};
use coproduce::boards::service as boards;
use coproduce::comments::model::Subject;
use coproduce::comments::service as comments;
use coproduce::config::{LogFormat, MailTransport, RateLimits, Settings};
use coproduce::db::ids::{BoardId, ProposalId};
use coproduce::db::{self, write_transaction, DatabaseUrl, DbConn};
use coproduce::error::Error;
use coproduce::keys::MasterKeySetting;
use coproduce::mail::Email;
use coproduce::notifications::Mailing;
use coproduce::polls::service as polls;
use coproduce::proposals::service as proposals;
use coproduce::secrets::Secrets;
use coproduce::tenancy::{self, Hostname, Slug};
use serde::Serialize;
use serde_json::json;

use crate::server::HOST;

pub const PASSWORD: &str = "violet kettle harbour 42";

/// How many of each thing, at `--scale 1`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Sizes {
    pub citizens: usize,
    pub proposals: usize,
    pub supports: usize,
    pub comments: usize,
    pub boards: usize,
    pub poll_voters: usize,
    pub stories: usize,
}

impl Sizes {
    pub fn at(scale: f64) -> Sizes {
        let n = |full: f64, least: usize| ((full * scale).round() as usize).max(least);
        Sizes {
            citizens: n(10_000.0, 20),
            proposals: n(100_000.0, 20),
            supports: n(1_000_000.0, 20),
            comments: n(50_000.0, 50),
            boards: n(200.0, 1),
            poll_voters: n(10_000.0, 20),
            stories: n(5_000.0, 5),
        }
    }
}

/// What the scenarios need to know about the place.
pub struct World {
    pub citizens: Vec<User>,
    /// One API session per citizen (tokens are issued when a scenario
    /// starts, so they are fresh).
    pub api_sessions: Vec<Session>,
    /// Browser session cookies of the first citizens.
    pub browser_secrets: Vec<String>,
    pub proposals: Vec<String>,
    /// Proposals below this index carry the seeded supports; the rest are
    /// left for the support scenario, so its writes are all new.
    pub supported_upto: usize,
    /// Proposals below this index have 50 comments each.
    pub commented_upto: usize,
    /// Ranked polls on the board every citizen is on: id and option ids.
    pub polls: Vec<(String, Vec<String>)>,
    pub stories: Vec<String>,
    /// The citizen whose export is measured (1,000 records).
    pub exporter: usize,
    pub keys: AccessKeys,
}

impl World {
    pub fn token(&self, citizen: usize) -> String {
        let user = &self.citizens[citizen];
        self.keys
            .issue(&user.tenant_id, &user.id, &self.api_sessions[citizen].id)
    }
}

/// Seconds per phase, for the report.
pub type Timings = Vec<(String, f64)>;

fn settings(url: &DatabaseUrl, data_dir: &Path) -> Settings {
    Settings {
        bind: "127.0.0.1:0".parse().unwrap(),
        data_dir: data_dir.to_owned(),
        database: url.clone(),
        mail: MailTransport::Log,
        mail_from: Email::parse("no-reply@bench.test").unwrap(),
        mail_poll: Duration::from_secs(1),
        default_tenant: None,
        log_format: LogFormat::Text,
        trusted_proxies: vec![],
        workers: 2,
        insecure_http: true,
        session_idle: chrono::Duration::hours(2),
        session_max: chrono::Duration::days(7),
        rate_limits: RateLimits {
            enabled: false,
            sign_in_per_minute: 10_000,
            failed_sign_ins_per_account: 1_000,
            registrations_per_hour: 10_000,
            resets_per_hour: 10_000,
        },
        key_store: DatabaseUrl::Sqlite(data_dir.join("keys").join("keystore.db")),
        master_key: MasterKeySetting::Generated(MasterKeySetting::default_path(data_dir)),
        digest_hour: None,
        metrics_token: None,
        mail_worker: false,
        statement_timeout: Some(coproduce::config::DEFAULT_STATEMENT_TIMEOUT),
        migrate_on_start: true,
    }
}

/// Runs `each(conn, i)` for `i` in `0..total`, `batch` calls per
/// transaction.
fn batched<T>(
    conn: &mut DbConn,
    what: &str,
    total: usize,
    batch: usize,
    mut each: impl FnMut(&mut DbConn, usize) -> Result<T, Error>,
) -> Vec<T> {
    let mut out = Vec::with_capacity(total);
    let mut start = 0;
    while start < total {
        let end = (start + batch).min(total);
        write_transaction(conn, |c| {
            for i in start..end {
                out.push(each(c, i)?);
            }
            Ok::<_, Error>(())
        })
        .unwrap_or_else(|e| panic!("seeding {what} ({start}..{end}): {e}"));
        start = end;
    }
    out
}

fn timed<T>(timings: &mut Timings, what: &str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = work();
    let took = started.elapsed().as_secs_f64();
    println!("  seeded {what} in {took:.1} s");
    timings.push((what.to_owned(), took));
    out
}

pub fn seed(url: &DatabaseUrl, data_dir: &Path, sizes: Sizes, timings: &mut Timings) -> World {
    let mut conn = db::connect(url).expect("database");
    db::migrate(&mut conn).expect("migrations");
    let tenant = tenancy::service::create(
        &mut conn,
        &Slug::parse("bench").unwrap(),
        "Bench City",
        &[Hostname::parse(HOST).unwrap()],
    )
    .expect("tenant");
    let secrets = Secrets::load_or_create(&Secrets::default_path(data_dir)).expect("secrets");
    let keys = AccessKeys::from_secrets(&secrets);
    let mailing = Mailing::new(&settings(url, data_dir), &secrets);
    // One hash for everyone: hashing is what sign-in measures, not seeding.
    let hash = hash_blocking(&Password::given(PASSWORD).unwrap()).unwrap();
    let n = sizes.citizens;

    let citizens: Vec<(User, Session)> = timed(timings, "citizens", || {
        batched(&mut conn, "citizens", n, 500, |c, i| {
            let account = Provision {
                email: Email::parse(&format!("person{i}@example.org")).unwrap(),
                display_name: format!("Person {i}"),
                role: Role::Citizen,
                platform_operator: false,
            };
            let user =
                match accounts::provision(c, &tenant, "http://unused", &account, Some(&hash))? {
                    Provisioned::Created { user, .. } | Provisioned::RoleChanged { user, .. } => {
                        user
                    }
                };
            let (session, _) = accounts::start_session(
                c,
                &user,
                SessionKind::Api,
                "coproduce-bench",
                true,
                SessionLifetimes::default(),
            )?;
            Ok((user, session))
        })
    });
    let (citizens, api_sessions): (Vec<User>, Vec<Session>) = citizens.into_iter().unzip();
    let browser_secrets = batched(&mut conn, "browser sessions", n.min(64), 64, |c, i| {
        let (_, secret) = accounts::start_session(
            c,
            &citizens[i],
            SessionKind::Browser,
            "coproduce-bench",
            true,
            SessionLifetimes::default(),
        )?;
        Ok(secret)
    });

    let ids: Vec<ProposalId> = timed(timings, "proposals", || {
        batched(&mut conn, "proposals", sizes.proposals, 1000, |c, i| {
            let new = serde_json::from_value(json!({
                "title": format!("Proposal {i}: a bench by the bus stop on route {}", i % 97),
                "body": "The stop has no seating. **Older residents** wait standing for up to twenty minutes.\n\n- a bench\n- a shelter",
                "intended_outcome": "People can rest while they wait for the bus.",
            }))
            .unwrap();
            Ok(proposals::create(c, &tenant.id, &citizens[i % n], &new)?.id)
        })
    });
    let proposals: Vec<String> = ids.iter().map(ToString::to_string).collect();

    // Seeded supports go to the first 90% of proposals, unevenly (some
    // popular, most not): proposal p has avg * (1 + p % 7) / 4 supporters.
    let supported_upto = (sizes.proposals * 9 / 10).max(1);
    let avg = sizes.supports as f64 / supported_upto as f64;
    let pairs: Vec<(usize, usize)> = (0..supported_upto)
        .flat_map(|p| {
            let k = ((avg * (1 + p % 7) as f64 / 4.0).round() as usize).clamp(1, n);
            (0..k).map(move |j| (p, (p * 31 + j) % n))
        })
        .collect();
    timed(timings, "supports", || {
        batched(&mut conn, "supports", pairs.len(), 2000, |c, i| {
            let (p, who) = pairs[i];
            proposals::support(c, &tenant.id, &citizens[who], &ids[p]).map(|_| ())
        })
    });

    // 50 comments on each of the first proposals.
    let commented_upto = (sizes.comments / 50).clamp(1, sizes.proposals);
    timed(timings, "comments", || {
        batched(&mut conn, "comments", commented_upto * 50, 500, |c, i| {
            let (p, k) = (i / 50, i % 50);
            let new = serde_json::from_value(json!({
                "body": format!("Comment {k}: yes, and the stop by the school needs one too. I wait there every morning with my son."),
            }))
            .unwrap();
            comments::create(
                c,
                &mailing,
                &tenant.id,
                &citizens[(p + k * 7) % n],
                &Subject::Proposal(ids[p].clone()),
                &new,
            )
            .map(|_| ())
        })
    });

    // The exporter: 700 supports and 300 comments of their own.
    let exporter = 1 % n;
    timed(timings, "exporter's 1,000 records", || {
        batched(&mut conn, "exporter", 1000, 500, |c, i| {
            if i < 700 {
                proposals::support(c, &tenant.id, &citizens[exporter], &ids[i % supported_upto])
                    .map(|_| ())
            } else {
                let new =
                    serde_json::from_value(json!({"body": format!("My own comment number {i}.")}))
                        .unwrap();
                comments::create(
                    c,
                    &mailing,
                    &tenant.id,
                    &citizens[exporter],
                    &Subject::Proposal(ids[i % commented_upto].clone()),
                    &new,
                )
                .map(|_| ())
            }
        })
    });

    let facilitator = &citizens[0];
    let board_ids: Vec<BoardId> = timed(timings, "boards", || {
        batched(&mut conn, "boards", sizes.boards, 200, |c, i| {
            let new = serde_json::from_value(json!({
                "title": format!("Board {i}: family support"),
                "description": "Redesigning how families find support in the neighbourhood.",
                "service_area": "Family support",
            }))
            .unwrap();
            Ok(boards::create(c, &tenant.id, facilitator, &new)?.id)
        })
    });
    let board = board_ids[0].clone();
    let voters = sizes.poll_voters.min(n);
    timed(timings, "board members", || {
        batched(&mut conn, "board members", voters - 1, 500, |c, i| {
            let new = serde_json::from_value(
                json!({"user_id": citizens[i + 1].id.to_string(), "role": "member"}),
            )
            .unwrap();
            boards::add_member(c, &tenant, facilitator, &board, &new).map(|_| ())
        })
    });
    let polls = timed(timings, "ranked polls", || {
        batched(&mut conn, "polls", 3, 1, |c, i| {
            let new = serde_json::from_value(json!({
                "question": format!("Which should the family hub do first? (round {i})"),
                "method": "ranked",
                "options": (0..5).map(|o| json!({"label": format!("Option {o}")})).collect::<Vec<_>>(),
                "rule": "majority",
                "secret": false,
            }))
            .unwrap();
            let poll = polls::create(c, &tenant.id, facilitator, &board, &new)?;
            let options = polls::options_of(c, &tenant.id, &poll.id)?
                .into_iter()
                .map(|o| o.id.to_string())
                .collect();
            Ok((poll.id.to_string(), options))
        })
    });

    World {
        citizens,
        api_sessions,
        browser_secrets,
        proposals,
        supported_upto,
        commented_upto,
        polls,
        stories: Vec::new(),
        exporter,
        keys,
    }
}

/// Emails the server still has to send. Seeding queues many (welcome
/// notes, comment notifications); the server's mail worker sends them in
/// the background, so scenarios wait until it has finished rather than
/// measure reads against a worker busy committing each sent email.
pub fn pending_emails(url: &DatabaseUrl) -> i64 {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut conn = db::connect(url).expect("a database connection");
    diesel::sql_query("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")
        .get_result::<Count>(&mut conn)
        .map(|c| c.n)
        .unwrap_or(0)
}

/// Brings PostgreSQL's planner statistics up to date after seeding, as
/// autovacuum does within a minute or so of that many writes: without it
/// the first minutes after a bulk load are planned as if the tables were
/// empty, which no running place sees for long.
pub fn analyze(url: &DatabaseUrl) {
    if let DatabaseUrl::Postgres(_) = url {
        use diesel::connection::SimpleConnection;
        let mut conn = db::connect(url).expect("a database connection");
        conn.batch_execute("ANALYZE").expect("ANALYZE");
    }
}
