//! Outages: when PostgreSQL goes away under load, requests get 503 problem
//! details with `Retry-After` (pages a friendly 503 page), `/readyz` says
//! not ready, and the service recovers by itself when the database returns,
//! with every acknowledged write kept; when SQLite runs out of space, writes
//! get 507 and nothing is corrupted or half-written, and writing works again
//! once there is room; when the mail worker dies after sending a message
//! but before hearing the reply, the message is still delivered, at most
//! once more, with the same Message-ID.
//!
//! Every wait is bounded (a loop that checks, then asserts on what it saw);
//! nothing here asserts on timing.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use reqwest::Method;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::proxy::TcpProxy;
use crate::common::smtp::SmtpServer;
use crate::common::{
    api_token, assert_problem, citizen, json, pg, propose, send, Backend, TestApp, TestDb,
};

const HOST: &str = "coventry.test";
const PATIENCE: Duration = Duration::from_secs(30);

fn proposal(title: &str) -> Value {
    json!({
        "title": title,
        "body": "A bench by the bus stop.",
        "intended_outcome": "People can rest while they wait.",
    })
}

/// Proposals stored for the place, by id.
async fn stored_proposals(url: coproduce::db::DatabaseUrl) -> BTreeSet<String> {
    use coproduce::db::schema::proposals;
    tokio::task::spawn_blocking(move || {
        let mut conn = coproduce::db::connect(&url).expect("database");
        proposals::table
            .select(proposals::id)
            .load::<String>(&mut conn)
            .expect("proposals")
            .into_iter()
            .collect()
    })
    .await
    .unwrap()
}

/// Asserts a 503 problem with a `Retry-After` in seconds.
async fn assert_unavailable(res: reqwest::Response) {
    let retry = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    assert!(retry.is_some_and(|s| s > 0), "Retry-After: {retry:?}");
    assert_problem(res, 503, "unavailable").await;
}

#[tokio::test]
async fn a_postgres_outage_answers_503_and_the_service_recovers_without_a_restart() {
    // The app reaches PostgreSQL only through the proxy.
    let admin = url::Url::parse(&pg::admin_url()).unwrap();
    let upstream = format!(
        "{}:{}",
        admin.host_str().unwrap_or("127.0.0.1"),
        admin.port().unwrap_or(5432)
    )
    .parse()
    .expect("TEST_DATABASE_URL names an IP address");
    let proxy = TcpProxy::start(upstream);
    let port = proxy.port;
    let direct = Arc::new(Mutex::new(None));
    let keep = direct.clone();
    let app = TestApp::spawn_with(Backend::Postgres, move |s| {
        let coproduce::db::DatabaseUrl::Postgres(raw) = &s.database else {
            unreachable!("a PostgreSQL test database")
        };
        let mut via_proxy = url::Url::parse(raw).unwrap();
        via_proxy.set_port(Some(port)).unwrap();
        *keep.lock().unwrap() = Some(s.database.clone());
        s.database = coproduce::db::DatabaseUrl::Postgres(via_proxy.to_string());
    })
    .await;
    let direct = direct.lock().unwrap().clone().unwrap();
    app.tenant("coventry", "Coventry", &[HOST]).await;
    let ann = citizen(&app, "coventry", "ann@example.org").await;
    let token = api_token(&app, &ann).await;

    // Four clients write proposals without pause; every 201 is logged.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let statuses = Arc::new(Mutex::new(std::collections::BTreeMap::<u16, usize>::new()));
    let running = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let mut clients = Vec::new();
    for c in 0..4 {
        let (client, url, token) = (
            app.client(HOST),
            app.url(HOST, "/api/v1/proposals"),
            token.clone(),
        );
        let (acknowledged, statuses, running) =
            (acknowledged.clone(), statuses.clone(), running.clone());
        clients.push(tokio::spawn(async move {
            let mut i = 0;
            while running.load(std::sync::atomic::Ordering::SeqCst) {
                i += 1;
                let res = client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&proposal(&format!("Client {c}, proposal {i}")))
                    .send()
                    .await
                    .expect("the app answers even without its database");
                let status = res.status().as_u16();
                *statuses.lock().unwrap().entry(status).or_default() += 1;
                if status == 201 {
                    let body: Value = res.json().await.unwrap();
                    acknowledged
                        .lock()
                        .unwrap()
                        .push(body["id"].as_str().unwrap().to_owned());
                } else {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }));
    }
    let wait_until = |done: Box<dyn Fn() -> bool>| async move {
        let deadline = Instant::now() + PATIENCE;
        while !done() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    let acked = acknowledged.clone();
    wait_until(Box::new(move || acked.lock().unwrap().len() >= 20)).await;
    assert!(
        acknowledged.lock().unwrap().len() >= 20,
        "writes go through"
    );

    // The database goes away under load.
    proxy.cut();
    let res = propose(&app, HOST, &token, proposal("During the outage")).await;
    assert_unavailable(res).await;
    assert_unavailable(app.get(HOST, "/readyz").await).await;
    // Pages say so in words, with the wait.
    let page = app.get(HOST, "/proposals").await;
    assert_eq!(page.status(), 503);
    assert!(page.headers().contains_key("retry-after"));
    let html = page.text().await.unwrap();
    assert!(
        html.contains("We cannot reach our records just now"),
        "{html}"
    );
    assert!(
        !html.to_lowercase().contains("postgres"),
        "no backend names: {html}"
    );
    let seen = statuses.clone();
    wait_until(Box::new(move || seen.lock().unwrap().contains_key(&503))).await;
    // A pooled connection seen working within the last second is handed
    // out unpinged, so the first requests fail on the dead sockets; the
    // next checkout of each pings, fails and reconnects. Give them time.
    let deadline = Instant::now() + PATIENCE;
    while proxy.refused() == 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(proxy.refused() > 0, "the app kept trying to reconnect");

    // It returns: the same process serves again, without a restart.
    proxy.restore();
    let deadline = Instant::now() + PATIENCE;
    let mut ready = 0;
    while Instant::now() < deadline {
        ready = app.get(HOST, "/readyz").await.status().as_u16();
        if ready == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(ready, 200, "ready again once the database is back");
    let before = acknowledged.lock().unwrap().len();
    let acked = acknowledged.clone();
    wait_until(Box::new(move || acked.lock().unwrap().len() >= before + 20)).await;
    running.store(false, std::sync::atomic::Ordering::SeqCst);
    for c in clients {
        c.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= before + 20, "writes go through again");
    let statuses = statuses.lock().unwrap().clone();
    assert_eq!(
        statuses.keys().copied().collect::<Vec<_>>(),
        [201, 503],
        "only successes and 503s, never a 500"
    );

    // Nothing acknowledged was lost.
    let stored = stored_proposals(direct).await;
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|id| !stored.contains(*id))
        .collect();
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
    eprintln!(
        "outage: {} writes acknowledged, {} answered 503 while cut, {} reconnections refused, 0 lost",
        acknowledged.len(),
        statuses[&503],
        proxy.refused()
    );
}

/// Lets every connection of the app's pool grow the SQLite file by at most
/// `extra_pages` more pages (`PRAGMA max_page_count` is per connection), as
/// a disk with that much room left would.
fn limit_room(pool: &coproduce::db::Pool, extra_pages: Option<i64>) {
    use coproduce::db::DbConn;
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        page_count: i64,
    }
    let mut all = Vec::new();
    while let Ok(mut conn) = pool.get_timeout(Duration::from_millis(200)) {
        let DbConn::Sqlite(_) = &mut **conn else {
            unreachable!("a SQLite pool")
        };
        let max = match extra_pages {
            Some(extra) => {
                let now: Count = diesel::sql_query("SELECT page_count FROM pragma_page_count")
                    .get_result(&mut **conn)
                    .unwrap();
                now.page_count + extra
            }
            None => 1_073_741_823,
        };
        diesel::sql_query(format!("PRAGMA max_page_count = {max}"))
            .execute(&mut **conn)
            .unwrap();
        all.push(conn);
    }
    assert!(!all.is_empty(), "the pool gave its connections");
}

#[tokio::test]
async fn a_full_sqlite_database_answers_507_and_corrupts_nothing() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.tenant("coventry", "Coventry", &[HOST]).await;
    let ann = citizen(&app, "coventry", "ann@example.org").await;
    let token = api_token(&app, &ann).await;
    let pool = app.pool.clone();
    tokio::task::spawn_blocking(move || limit_room(&pool, Some(8)))
        .await
        .unwrap();

    // Write until the disk is full: each write is stored (201) or refused
    // whole (507), never a 500.
    let big = "A bench by the bus stop. ".repeat(150);
    let mut acknowledged = Vec::new();
    let mut full = None;
    for i in 0..400 {
        let mut body = proposal(&format!("Proposal {i}"));
        body["body"] = json!(big);
        let res = propose(&app, HOST, &token, body).await;
        match res.status().as_u16() {
            201 => acknowledged.push(json(res).await["id"].as_str().unwrap().to_owned()),
            _ => {
                full = Some(res);
                break;
            }
        }
    }
    let res = full.expect("the database filled up");
    assert!(
        res.headers().contains_key("retry-after"),
        "{:?}: {}",
        res.status(),
        res.text().await.unwrap()
    );
    let problem = assert_problem(res, 507, "storage_full").await;
    assert!(!problem["detail"].as_str().unwrap().contains("SQLite"));
    let stored = app
        .db(|conn| {
            use coproduce::db::schema::{proposal_counts, proposal_events, proposals};
            let ids: BTreeSet<String> = proposals::table
                .select(proposals::id)
                .load::<String>(conn)
                .unwrap()
                .into_iter()
                .collect();
            let with_events: BTreeSet<String> = proposal_events::table
                .select(proposal_events::proposal_id)
                .load::<String>(conn)
                .unwrap()
                .into_iter()
                .collect();
            let counted: Vec<i64> = proposal_counts::table
                .select(proposal_counts::n)
                .load(conn)
                .unwrap();
            (ids, with_events, counted.iter().sum::<i64>())
        })
        .await;
    let acknowledged: BTreeSet<String> = acknowledged.into_iter().collect();
    assert_eq!(
        stored.0, acknowledged,
        "every acknowledged write is there, and the refused one is not"
    );
    assert_eq!(stored.1, acknowledged, "events only for stored proposals");
    assert_eq!(
        stored.2,
        acknowledged.len() as i64,
        "the kept counts match the rows: nothing half-written"
    );
    let integrity = app
        .db(|conn| {
            #[derive(QueryableByName)]
            struct Line {
                #[diesel(sql_type = diesel::sql_types::Text)]
                integrity_check: String,
            }
            diesel::sql_query("PRAGMA integrity_check")
                .load::<Line>(conn)
                .unwrap()
                .into_iter()
                .map(|l| l.integrity_check)
                .collect::<Vec<_>>()
        })
        .await;
    assert_eq!(integrity, ["ok"]);
    eprintln!(
        "disk full: {} writes stored, then 507; integrity_check ok",
        acknowledged.len()
    );

    // Room again: writing works, on the same process.
    let pool = app.pool.clone();
    tokio::task::spawn_blocking(move || limit_room(&pool, None))
        .await
        .unwrap();
    let res = propose(&app, HOST, &token, proposal("After the clear-out")).await;
    assert_eq!(res.status(), 201);
}

both_backends!(
    async fn a_worker_killed_mid_send_delivers_once_more_with_the_same_message_id(backend b) {
        use coproduce::config::MailTransport;
        use coproduce::db::schema::outbox;
        use coproduce::mail::worker::{self, WorkerConfig};
        use coproduce::mail::{self, Email, Message};
        let (_db, url, data_dir) = TestDb::create(b);
        let smtp = SmtpServer::start();
        smtp.set_stalling_after_data(true);
        let db_url = url.clone();
        let message_id = tokio::task::spawn_blocking(move || {
            let mut conn = coproduce::db::connect(&db_url).unwrap();
            coproduce::db::migrate(&mut conn).unwrap();
            let tenant = coproduce::tenancy::service::create(
                &mut conn,
                &coproduce::tenancy::Slug::parse("coventry").unwrap(),
                "Coventry",
                &[coproduce::tenancy::Hostname::parse(HOST).unwrap()],
            )
            .unwrap();
            mail::queue(
                &mut conn,
                &tenant.id,
                Message {
                    to: Email::parse("ann@example.org").unwrap(),
                    subject: "Your receipt".into(),
                    text: "Hello Ann.".into(),
                    html: "<p>Hello Ann.</p>".into(),
                    kind: "test",
                },
            )
            .unwrap();
            outbox::table
                .select(outbox::message_id)
                .first::<String>(&mut conn)
                .unwrap()
        })
        .await
        .unwrap();

        // A worker process sends it; the server has the whole message but
        // the worker is killed before it hears the reply.
        let mut child = crate::cli::coproduce()
            .arg("worker")
            .arg("--data-dir")
            .arg(data_dir.path())
            .args(["--database-url", &url.expose()])
            .args(["--mail", smtp.url().as_str()])
            .env("COPRODUCE_MAIL_POLL_MS", "20")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("worker started");
        let got = smtp.wait_for(1, PATIENCE).await;
        assert_eq!(got.len(), 1, "the message reached the server");
        child.kill().unwrap();
        child.wait().unwrap();
        let db_url = url.clone();
        let row = tokio::task::spawn_blocking(move || {
            let mut conn = coproduce::db::connect(&db_url).unwrap();
            outbox::table
                .select((outbox::status, outbox::locked_by.is_not_null()))
                .first::<(String, bool)>(&mut conn)
                .unwrap()
        })
        .await
        .unwrap();
        assert_eq!(row, ("pending".to_owned(), true), "not marked sent, still leased to the dead worker");

        // The dead worker's lease runs out (the clock moves on rather than
        // the test waiting two minutes); a new worker sends it again.
        smtp.set_stalling_after_data(false);
        let db_url = url.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = coproduce::db::connect(&db_url).unwrap();
            let past = chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1);
            diesel::update(outbox::table)
                .set(outbox::locked_until.eq(Some(past)))
                .execute(&mut conn)
                .unwrap();
        })
        .await
        .unwrap();
        let second = worker::start(
            coproduce::db::pool(&url, 2, None),
            WorkerConfig {
                transport: MailTransport::Smtp(smtp.url()),
                from: Email::parse("no-reply@coproduce.test").unwrap(),
                poll: Duration::from_millis(20),
            },
        )
        .expect("worker started");
        let deadline = Instant::now() + PATIENCE;
        let mut status = String::new();
        while Instant::now() < deadline {
            let db_url = url.clone();
            status = tokio::task::spawn_blocking(move || {
                let mut conn = coproduce::db::connect(&db_url).unwrap();
                outbox::table.select(outbox::status).first::<String>(&mut conn).unwrap()
            })
            .await
            .unwrap();
            if status == "sent" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::task::spawn_blocking(move || second.stop()).await.unwrap();
        assert_eq!(status, "sent");
        let got = smtp.messages();
        assert_eq!(got.len(), 2, "delivered, and at most once more");
        for m in &got {
            assert_eq!(m.header("Message-ID").as_deref(), Some(message_id.as_str()), "the same Message-ID, so the duplicate can be recognised");
        }
    }
);

#[tokio::test]
async fn a_statement_past_its_timeout_is_cut_off_with_a_503() {
    let app = TestApp::spawn_with(Backend::Postgres, |s| {
        s.statement_timeout = Some(Duration::from_secs(1));
    })
    .await;
    app.tenant("coventry", "Coventry", &[HOST]).await;
    let ann = citizen(&app, "coventry", "ann@example.org").await;
    let token = api_token(&app, &ann).await;
    let res = propose(&app, HOST, &token, proposal("Before the lock")).await;
    assert_eq!(res.status(), 201);

    // A runaway query on a serving connection is cancelled by the server.
    let pool = app.pool.clone();
    let slept = tokio::task::spawn_blocking(move || {
        let mut conn = pool.get().expect("a pooled connection");
        diesel::sql_query("SELECT pg_sleep(60)")
            .execute(&mut **conn)
            .map(|_| ())
    })
    .await
    .unwrap();
    let error = coproduce::error::Error::from(slept.expect_err("pg_sleep(60) was cut off"));
    assert!(
        matches!(error, coproduce::error::Error::Unavailable(_)),
        "{error:?}"
    );

    // A request stuck behind a lock someone else holds gets a clean 503,
    // not a 500 or the text of the SQL error.
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let url = app.settings.database.clone();
    let holder = std::thread::spawn(move || {
        let mut conn = coproduce::db::connect(&url).expect("database");
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            diesel::sql_query("LOCK TABLE proposals IN ACCESS EXCLUSIVE MODE").execute(conn)?;
            locked_tx.send(()).unwrap();
            release_rx.recv().ok();
            Ok(())
        })
        .expect("the lock was held and released");
    });
    locked_rx.recv().expect("the lock is taken");
    for (method, body) in [
        (Method::GET, None),
        (Method::POST, Some(proposal("Behind the lock"))),
    ] {
        let res = send(
            &app,
            HOST,
            method.clone(),
            "/api/v1/proposals",
            Some(&token),
            body,
        )
        .await;
        let text = format!("{:?}", res.headers());
        assert!(!text.contains("statement"), "{text}");
        let retry = res.headers().get("retry-after").cloned();
        let body = res.text().await.unwrap();
        assert!(
            !body.contains("canceling")
                && !body.contains("statement")
                && !body.contains("proposals"),
            "{method}: {body}"
        );
        let problem: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            (problem["status"].clone(), problem["code"].clone()),
            (json!(503), json!("unavailable")),
            "{method}: {body}"
        );
        assert!(retry.is_some(), "{method}: a Retry-After");
    }
    release_tx.send(()).unwrap();
    holder.join().unwrap();

    // Once the lock is gone, the same requests succeed on the same pool.
    let res = propose(&app, HOST, &token, proposal("After the lock")).await;
    assert_eq!(res.status(), 201);
    let stored = stored_proposals(app.settings.database.clone()).await;
    assert_eq!(
        stored.len(),
        2,
        "the write behind the lock was not half-applied"
    );
}
