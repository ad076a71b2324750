//! Several replicas: two `coproduce serve` processes on different ports
//! against one PostgreSQL database (and one PostgreSQL key store), as on
//! Kubernetes. A session made on one works, and ends, on the other;
//! supports and ballots sent through both at once count exactly once; and
//! with both mail workers running, no email is sent twice.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use coproduce::accounts::password::{hash_blocking, Password};
use coproduce::accounts::service::{self as accounts, Provision, Provisioned, SessionLifetimes};
use coproduce::accounts::tokens::AccessKeys;
use coproduce::accounts::{Role, User};
use coproduce::db::{self, DatabaseUrl, DbConn};
use coproduce::mail::{Email, Message};
use coproduce::secrets::Secrets;
use coproduce::tenancy::{self, Hostname, Slug, Tenant};
use diesel::prelude::*;
use serde_json::{json, Value};

use crate::cli::{coproduce, serve, Served};
use crate::common::pg::PgTestDb;
use crate::common::{json, USER_PASSWORD};

const HOST: &str = "coventry.test";

/// One `coproduce serve` process; killed when dropped.
struct Replica {
    _served: Served,
    addr: SocketAddr,
    client: reqwest::Client,
}

impl Replica {
    fn start(
        database: &str,
        key_store: &str,
        master_key: &str,
        data_dir: &Path,
        mail: &Path,
    ) -> Replica {
        let mut cmd = coproduce();
        cmd.arg("--data-dir")
            .arg(data_dir)
            .args(["--database-url", database, "--key-store", key_store])
            .arg("--mail")
            .arg(format!("folder:{}", mail.display()))
            .env("COPRODUCE_MASTER_KEY", master_key)
            .env("COPRODUCE_INSECURE_HTTP", "true")
            .env("COPRODUCE_MAIL_POLL_MS", "20")
            .env("COPRODUCE_DIGEST_HOUR", "off")
            .env("COPRODUCE_WORKERS", "2");
        let served = serve(cmd);
        let addr = served.addr;
        let client = reqwest::Client::builder()
            // Under the server's 5 s keep-alive, so no request goes out on a
            // connection the server is closing.
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .resolve(HOST, addr)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        Replica {
            _served: served,
            addr,
            client,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{HOST}:{}{path}", self.addr.port())
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> reqwest::Response {
        let mut req = self
            .client
            .request(method, self.url(path))
            .bearer_auth(token);
        if let Some(body) = body {
            req = req.json(&body);
        }
        req.send().await.expect("request sent")
    }
}

/// The place, and `n` citizens with an API token each (sessions started in
/// the service layer, tokens signed with the replicas' shared keys).
fn seed(conn: &mut DbConn, keys: &AccessKeys, n: usize) -> (Tenant, Vec<(User, String)>) {
    let tenant = tenancy::service::create(
        conn,
        &Slug::parse("coventry").unwrap(),
        "Coventry",
        &[Hostname::parse(HOST).unwrap()],
    )
    .unwrap();
    let hash = hash_blocking(&Password::parse_new(USER_PASSWORD, &[]).unwrap()).unwrap();
    let people = (0..n)
        .map(|i| {
            let account = Provision {
                email: Email::parse(&format!("person{i}@example.org")).unwrap(),
                display_name: format!("Person {i}"),
                role: Role::Citizen,
                platform_operator: false,
            };
            let Provisioned::Created { user, .. } =
                accounts::provision(conn, &tenant, "http://unused", &account, Some(&hash)).unwrap()
            else {
                panic!("a new account");
            };
            let (session, _) = accounts::start_session(
                conn,
                &user,
                coproduce::accounts::model::SessionKind::Api,
                "test",
                true,
                SessionLifetimes::default(),
            )
            .unwrap();
            let token = keys.issue(&user.tenant_id, &user.id, &session.id);
            (user, token)
        })
        .collect();
    (tenant, people)
}

fn eml_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn two_replicas_share_sessions_count_once_and_send_each_email_once() {
    use reqwest::Method;
    let database = PgTestDb::create();
    let key_store = PgTestDb::create();
    let data_dir = tempfile::tempdir().unwrap();
    let url = DatabaseUrl::Postgres(database.url.clone());
    // What a Kubernetes Secret gives every replica: the signing keys file
    // and the master key.
    let secrets = Secrets::load_or_create(&Secrets::default_path(data_dir.path())).unwrap();
    let keys = AccessKeys::from_secrets(&secrets);
    let master_key = hex::encode(rand::random::<[u8; 32]>());
    let (tenant, people) = {
        let url = url.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = db::connect(&url).unwrap();
            db::migrate(&mut conn).unwrap();
            seed(&mut conn, &keys, 21)
        })
        .await
        .unwrap()
    };
    let (mail_a, mail_b) = (
        data_dir.path().join("mail-a"),
        data_dir.path().join("mail-b"),
    );
    let a = Replica::start(
        &database.url,
        &key_store.url,
        &master_key,
        data_dir.path(),
        &mail_a,
    );
    let b = Replica::start(
        &database.url,
        &key_store.url,
        &master_key,
        data_dir.path(),
        &mail_b,
    );
    assert_ne!(a.addr, b.addr);
    let replica = |i: usize| if i.is_multiple_of(2) { &a } else { &b };

    // A session made on A works on B; its refresh token, used on B, is
    // spent on A too, and replaying it there ends the session on B.
    let signed_in = a
        .client
        .post(a.url("/api/v1/auth/login"))
        .json(&json!({"email": "person0@example.org", "password": USER_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let pair = json(signed_in).await;
    let token = pair["access_token"].as_str().unwrap().to_owned();
    let me = b.send(Method::GET, "/api/v1/me", &token, None).await;
    assert_eq!(me.status(), 200);
    assert_eq!(json(me).await["email"], "person0@example.org");
    let refresh = |r: &Replica| {
        r.client
            .post(r.url("/api/v1/auth/refresh"))
            .json(&json!({"refresh_token": pair["refresh_token"]}))
            .send()
    };
    let refreshed = refresh(&b).await.unwrap();
    assert_eq!(refreshed.status(), 200, "a refresh token from A works on B");
    let fresh = json(refreshed).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        a.send(Method::GET, "/api/v1/me", &fresh, None)
            .await
            .status(),
        200
    );
    assert_eq!(
        refresh(&a).await.unwrap().status(),
        401,
        "…once: it is spent on A too"
    );
    assert_eq!(
        b.send(Method::GET, "/api/v1/me", &fresh, None)
            .await
            .status(),
        401,
        "the replay ended the session everywhere"
    );

    // Supports: 20 people, each 4 times, half through each replica, at once.
    let author = &people[1].1;
    let res = a
        .send(
            Method::POST,
            "/api/v1/proposals",
            author,
            Some(json!({
                "title": "A bench by the bus stop",
                "body": "Somewhere to sit.",
                "intended_outcome": "Older residents can rest while they wait.",
            })),
        )
        .await;
    assert_eq!(res.status(), 201);
    let proposal = json(res).await["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/proposals/{proposal}/support");
    let supports = (0..80).map(|n| {
        let (replica, token, path) = (replica(n), people[1 + n % 20].1.clone(), path.clone());
        async move {
            replica
                .send(Method::POST, &path, &token, None)
                .await
                .status()
                .as_u16()
        }
    });
    let statuses = futures::future::join_all(supports).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    for r in [&a, &b] {
        let now = json(
            r.send(
                Method::GET,
                &format!("/api/v1/proposals/{proposal}"),
                author,
                None,
            )
            .await,
        )
        .await;
        assert_eq!(now["supports"], 20, "{now}");
    }
    let rows = {
        let (url, proposal) = (url.clone(), proposal.clone());
        tokio::task::spawn_blocking(move || {
            use coproduce::db::schema::proposal_supports;
            proposal_supports::table
                .filter(proposal_supports::proposal_id.eq(proposal))
                .count()
                .get_result::<i64>(&mut db::connect(&url).unwrap())
                .unwrap()
        })
        .await
        .unwrap()
    };
    assert_eq!(rows, 20);

    // Ballots: a board of 20, a poll opened on B, every member voting three
    // times through both replicas at once: one ballot each.
    let facilitator = &people[1];
    let res = a
        .send(
            Method::POST,
            "/api/v1/boards",
            &facilitator.1,
            Some(json!({
                "title": "Redesigning the housing advice service",
                "description": "Citizens and services together.",
                "service_area": "Housing advice",
            })),
        )
        .await;
    assert_eq!(res.status(), 201);
    let board = json(res).await["id"].as_str().unwrap().to_owned();
    {
        let (url, tenant, fac, board) = (
            url.clone(),
            tenant.clone(),
            facilitator.0.clone(),
            board.clone(),
        );
        let members: Vec<String> = people[2..].iter().map(|(u, _)| u.id.to_string()).collect();
        tokio::task::spawn_blocking(move || {
            let mut conn = db::connect(&url).unwrap();
            for id in members {
                coproduce::boards::service::add_member(
                    &mut conn,
                    &tenant,
                    &fac,
                    &board.parse().unwrap(),
                    &coproduce::boards::model::NewMember {
                        user_id: Some(id),
                        organisation_id: None,
                        role: Some("member".into()),
                    },
                )
                .unwrap();
            }
        })
        .await
        .unwrap();
    }
    let res = b
        .send(
            Method::POST,
            &format!("/api/v1/boards/{board}/polls"),
            &facilitator.1,
            Some(json!({
                "question": "When should the advice desk open?",
                "method": "ranked",
                "options": [{"label": "Mornings"}, {"label": "Evenings"}, {"label": "Saturdays"}],
                "rule": "majority",
                "secret": false,
            })),
        )
        .await;
    assert_eq!(res.status(), 201);
    let poll = json(res).await;
    let poll_id = poll["id"].as_str().unwrap().to_owned();
    let options: Vec<String> = (0..3)
        .map(|i| poll["options"][i]["id"].as_str().unwrap().to_owned())
        .collect();
    let voters: Vec<&String> = std::iter::once(&facilitator.1)
        .chain(people[2..].iter().map(|(_, t)| t))
        .collect();
    assert_eq!(voters.len(), 20);
    let ballots = (0..60).map(|n| {
        let (replica, token) = (replica(n), voters[n % 20].clone());
        let path = format!("/api/v1/polls/{poll_id}/ballots");
        let ranking: Vec<String> = (0..3).map(|k| options[(n + k) % 3].clone()).collect();
        async move {
            let res = replica
                .send(
                    Method::POST,
                    &path,
                    &token,
                    Some(json!({"ranking": ranking})),
                )
                .await;
            let status = res.status().as_u16();
            (status, res.text().await.unwrap())
        }
    });
    let answers = futures::future::join_all(ballots).await;
    assert!(
        answers.iter().all(|(s, _)| *s == 200 || *s == 201),
        "{answers:?}"
    );
    let counted = {
        let (url, poll_id) = (url.clone(), poll_id.clone());
        tokio::task::spawn_blocking(move || {
            use coproduce::db::schema::poll_ballots;
            poll_ballots::table
                .filter(poll_ballots::poll_id.eq(poll_id))
                .count()
                .get_result::<i64>(&mut db::connect(&url).unwrap())
                .unwrap()
        })
        .await
        .unwrap()
    };
    assert_eq!(counted, 20);
    let closed = a
        .send(
            Method::POST,
            &format!("/api/v1/polls/{poll_id}/close"),
            &facilitator.1,
            None,
        )
        .await;
    assert_eq!(closed.status(), 200);
    assert_eq!(json(closed).await["tallies"]["all"]["ballots"], 20);

    // Email: 120 messages queued while both workers run; each is sent once.
    let before: BTreeSet<PathBuf> = eml_files(&mail_a)
        .into_iter()
        .chain(eml_files(&mail_b))
        .collect();
    let queued = {
        let (url, tenant) = (url.clone(), tenant.clone());
        tokio::task::spawn_blocking(move || {
            let mut conn = db::connect(&url).unwrap();
            (0..120)
                .map(|i| {
                    coproduce::mail::service::queue(
                        &mut conn,
                        &tenant.id,
                        Message {
                            to: Email::parse(&format!("reader{i}@example.org")).unwrap(),
                            subject: format!("Message {i}"),
                            text: "Hello".into(),
                            html: "<p>Hello</p>".into(),
                            kind: "replica_test",
                        },
                    )
                    .unwrap()
                    .to_string()
                })
                .collect::<BTreeSet<String>>()
        })
        .await
        .unwrap()
    };
    let mut waited = 0;
    loop {
        let url = url.clone();
        let pending = tokio::task::spawn_blocking(move || {
            use coproduce::db::schema::outbox;
            outbox::table
                .filter(outbox::kind.eq("replica_test"))
                .filter(outbox::status.ne("sent"))
                .count()
                .get_result::<i64>(&mut db::connect(&url).unwrap())
                .unwrap()
        })
        .await
        .unwrap();
        if pending == 0 {
            break;
        }
        waited += 1;
        assert!(
            waited < 1200,
            "{pending} emails still unsent after a minute"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let sent_a: Vec<String> = eml_files(&mail_a)
        .into_iter()
        .filter(|p| !before.contains(p))
        .map(stem)
        .collect();
    let sent_b: Vec<String> = eml_files(&mail_b)
        .into_iter()
        .filter(|p| !before.contains(p))
        .map(stem)
        .collect();
    let all: Vec<&String> = sent_a.iter().chain(&sent_b).collect();
    let distinct: BTreeSet<String> = all.iter().map(|s| (*s).clone()).collect();
    assert_eq!(
        all.len(),
        120,
        "{} by A, {} by B: some were sent twice",
        sent_a.len(),
        sent_b.len()
    );
    assert_eq!(distinct, queued);
    eprintln!(
        "replicas: A sent {}, B sent {} of 120 emails",
        sent_a.len(),
        sent_b.len()
    );
}

fn stem(path: PathBuf) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}
