//! The mail room: messages queued in the outbox reach the SMTP server (or
//! the mail folder) exactly once, survive refusals, are shared safely by
//! several workers, and failures stay visible until retried.
//!
//! Every wait is bounded: the tests poll the database or the test SMTP
//! server for up to ten seconds and then check what they see.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::both_backends;
use crate::common::smtp::{SmtpServer, Stage};
use crate::common::{Backend, TestApp};
use coproduce::config::MailTransport;
use coproduce::db::ids::TenantId;
use coproduce::db::schema::outbox;
use coproduce::db::{self, DbConn};
use coproduce::error::Error;
use coproduce::mail::model::OutboxRow;
use coproduce::mail::worker::{self, WorkerConfig};
use coproduce::mail::{self, Email, Message, OutboxId};
use diesel::prelude::*;

const PATIENCE: Duration = Duration::from_secs(10);

/// An app whose mail goes to a fresh test SMTP server.
async fn app_with_smtp(backend: Backend) -> (TestApp, SmtpServer) {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    let app = TestApp::spawn_with(backend, move |s| s.mail = MailTransport::Smtp(url)).await;
    (app, smtp)
}

fn message(to: &str, subject: &str) -> Message {
    Message {
        to: Email::parse(to).unwrap(),
        subject: subject.to_owned(),
        text: format!("Hello, this is {subject}."),
        html: format!("<p>Hello, this is <b>{subject}</b>.</p>"),
        kind: "test",
    }
}

/// Queues `count` messages for the tenant in one transaction.
async fn queue_many(app: &TestApp, tenant: &TenantId, count: usize) -> Vec<OutboxId> {
    let tenant = tenant.clone();
    app.db(move |conn| {
        conn.transaction(|conn| {
            (0..count)
                .map(|i| {
                    mail::queue(
                        conn,
                        &tenant,
                        message(&format!("person{i}@example.org"), &format!("Message {i}")),
                    )
                })
                .collect::<Result<Vec<_>, Error>>()
        })
    })
    .await
    .expect("messages queued")
}

fn rows_of(conn: &mut DbConn, tenant: &TenantId) -> Vec<OutboxRow> {
    outbox::table
        .filter(outbox::tenant_id.eq(tenant))
        .select(OutboxRow::as_select())
        .order(outbox::id.asc())
        .load(conn)
        .expect("outbox rows")
}

/// Polls the tenant's outbox until `done` holds (or patience runs out) and
/// returns the rows last seen; the caller asserts on them.
async fn wait_for_rows(
    app: &TestApp,
    tenant: &TenantId,
    done: impl Fn(&[OutboxRow]) -> bool,
) -> Vec<OutboxRow> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let t = tenant.clone();
        let rows = app.db(move |conn| rows_of(conn, &t)).await;
        if done(&rows) || Instant::now() >= deadline {
            return rows;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

fn all_have_status(rows: &[OutboxRow], status: &str) -> bool {
    rows.iter().all(|r| r.status == status)
}

both_backends!(
    async fn a_queued_message_is_delivered_once_with_both_parts(backend b) {
        let (app, smtp) = app_with_smtp(b).await;
        let tenant = app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let id = {
            let tenant = tenant.id.clone();
            app.db(move |conn| {
                mail::queue(
                    conn,
                    &tenant,
                    Message {
                        to: Email::parse("Ann@Example.org").unwrap(),
                        subject: "Confirm your address".into(),
                        text: "Hello Ann, please confirm your address.".into(),
                        html: "<p>Hello Ann, please <b>confirm</b> your address.</p>".into(),
                        kind: "verify_email",
                    },
                )
            })
            .await
            .unwrap()
        };

        let rows = wait_for_rows(&app, &tenant.id, |r| all_have_status(r, "sent")).await;
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row.id, id);
        assert_eq!(row.status, "sent", "{row:?}");
        assert_eq!(row.attempts, 1);
        assert!(row.sent_at.is_some() && row.locked_by.is_none());
        assert_eq!(row.kind, "verify_email");

        // The row is marked sent only after the server accepted the message.
        let got = smtp.messages();
        assert_eq!(got.len(), 1, "delivered exactly once");
        let m = &got[0];
        assert_eq!(m.from, "no-reply@coproduce.test");
        assert_eq!(m.to, vec!["ann@example.org".to_owned()]);
        assert_eq!(
            m.header("From").as_deref(),
            Some("Coventry <no-reply@coproduce.test>")
        );
        assert_eq!(m.header("To").as_deref(), Some("ann@example.org"));
        assert_eq!(m.header("Subject").as_deref(), Some("Confirm your address"));
        assert_eq!(m.header("Message-ID"), Some(row.message_id.clone()));
        let content_type = m.header("Content-Type").unwrap_or_default();
        assert!(content_type.starts_with("multipart/alternative"), "{content_type}");
        assert!(m.data.contains("text/plain") && m.data.contains("text/html"));
        assert!(m.data.contains("Hello Ann, please confirm your address."));
        assert!(m.data.contains("<p>Hello Ann, please <b>confirm</b> your address.</p>"));
    }
);

/// Refuses `count` messages with 451 at `stage`, then accepts: each is
/// delivered exactly once, and both attempts are recorded.
async fn refused_then_accepted(backend: Backend, stage: Stage, count: usize) {
    let (app, smtp) = app_with_smtp(backend).await;
    smtp.set_refusing_at(Some(stage));
    let tenant = app.tenant("coventry", "Coventry", &["coventry.test"]).await;
    queue_many(&app, &tenant.id, count).await;

    let rows = wait_for_rows(&app, &tenant.id, |r| {
        r.len() == count && r.iter().all(|r| r.attempts >= 1)
    })
    .await;
    assert_eq!(rows.len(), count);
    for row in &rows {
        assert_eq!(
            row.status, "pending",
            "a refusal for now is retried: {row:?}"
        );
        assert_eq!(row.attempts, 1, "{row:?}");
        let error = row.last_error.as_deref().unwrap_or_default();
        assert!(error.contains("451"), "{error}");
        assert!(!error.contains("Hello"), "bodies never reach last_error");
        assert!(row.locked_by.is_none(), "the lease was released");
        // The first retry waits 30 s.
        assert!(row.next_attempt_at > row.created_at + chrono::Duration::seconds(25));
    }
    assert!(smtp.messages().is_empty());
    assert!(smtp.refused() >= count);
    let t = tenant.id.clone();
    let retrying = app.db(move |conn| mail::failures(conn, &t)).await.unwrap();
    assert_eq!(
        retrying.len(),
        count,
        "retrying messages are listed for admins"
    );

    // The server accepts again; rather than wait out the backoff, the clock
    // moves on: the retries are made due now.
    smtp.set_refusing(false);
    let past = chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1);
    app.db(move |conn| {
        diesel::update(outbox::table)
            .set(outbox::next_attempt_at.eq(past))
            .execute(conn)
            .unwrap()
    })
    .await;

    let rows = wait_for_rows(&app, &tenant.id, |r| all_have_status(r, "sent")).await;
    assert!(all_have_status(&rows, "sent"), "{rows:?}");
    assert!(rows.iter().all(|r| r.attempts == 2), "{rows:?}");
    let got = smtp.messages();
    assert_eq!(got.len(), count, "none lost, none twice");
    let sent_ids: BTreeSet<String> = got.iter().filter_map(|m| m.header("Message-ID")).collect();
    let queued_ids: BTreeSet<String> = rows.iter().map(|r| r.message_id.clone()).collect();
    assert_eq!(sent_ids, queued_ids);
}

both_backends!(
    async fn messages_refused_at_mail_from_are_retried_and_each_delivered_once(backend b) {
        refused_then_accepted(b, Stage::MailFrom, 20).await;
    }
);

both_backends!(
    async fn messages_refused_after_data_are_retried_and_each_delivered_once(backend b) {
        refused_then_accepted(b, Stage::Data, 5).await;
    }
);

both_backends!(
    async fn two_workers_deliver_each_message_once(backend b) {
        let (app, smtp) = app_with_smtp(b).await;
        // The app runs one worker; a second one shares its database, as a
        // second replica would.
        let second = worker::start(
            db::pool(&app.settings.database, 2, app.settings.statement_timeout),
            WorkerConfig::from_settings(&app.settings),
        )
        .expect("second worker started");
        let tenant = app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        queue_many(&app, &tenant.id, 30).await;

        let rows = wait_for_rows(&app, &tenant.id, |r| all_have_status(r, "sent")).await;
        tokio::task::spawn_blocking(move || second.stop()).await.unwrap();

        assert_eq!(rows.len(), 30);
        assert!(all_have_status(&rows, "sent"), "{rows:?}");
        assert!(rows.iter().all(|r| r.attempts == 1), "{rows:?}");
        let got = smtp.messages();
        let distinct: BTreeSet<String> = got.iter().filter_map(|m| m.header("Message-ID")).collect();
        assert_eq!(got.len(), 30, "each message delivered once");
        assert_eq!(distinct.len(), 30);
    }
);

both_backends!(
    async fn the_folder_transport_writes_one_eml_file_per_message(app) {
        let MailTransport::Folder(folder) = app.settings.mail.clone() else {
            panic!("the test settings send mail to a folder")
        };
        let tenant = app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let ids = queue_many(&app, &tenant.id, 3).await;

        let rows = wait_for_rows(&app, &tenant.id, |r| all_have_status(r, "sent")).await;
        assert!(all_have_status(&rows, "sent"), "{rows:?}");
        let mut files: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut expected: Vec<String> = ids.iter().map(|id| format!("{id}.eml")).collect();
        expected.sort();
        assert_eq!(files, expected, "one file per message and nothing else");
        for row in &rows {
            let eml = std::fs::read_to_string(folder.join(format!("{}.eml", row.id))).unwrap();
            assert!(eml.contains(&format!("Message-ID: {}", row.message_id)), "{eml}");
            assert!(eml.contains(&format!("Subject: {}", row.subject)), "{eml}");
            assert!(eml.contains("From: Coventry <no-reply@coproduce.test>"), "{eml}");
            assert!(eml.contains("multipart/alternative"), "{eml}");
        }
    }
);

both_backends!(
    async fn a_permanent_refusal_fails_at_once_and_retry_sends_again(backend b) {
        let (app, smtp) = app_with_smtp(b).await;
        smtp.set_rejecting(true);
        let tenant = app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let other = app.tenant("leeds", "Leeds", &["leeds.test"]).await;
        let id = queue_many(&app, &tenant.id, 1).await.remove(0);

        let rows = wait_for_rows(&app, &tenant.id, |r| all_have_status(r, "failed")).await;
        let row = &rows[0];
        assert_eq!(row.status, "failed", "a 5xx is not retried: {row:?}");
        assert_eq!(row.attempts, 1);
        assert!(row.last_error.as_deref().unwrap_or_default().contains("550"), "{row:?}");
        assert!(smtp.messages().is_empty());

        let (mine, theirs) = {
            let (t, o) = (tenant.id.clone(), other.id.clone());
            app.db(move |conn| (mail::failures(conn, &t).unwrap(), mail::failures(conn, &o).unwrap()))
                .await
        };
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].id, id);
        assert_eq!(mine[0].status, "failed");
        assert!(theirs.is_empty(), "failures stay within their tenant");

        // Another tenant cannot retry it, and a missing message is not found.
        let (wrong_tenant, missing) = {
            let (o, t, i) = (other.id.clone(), tenant.id.clone(), id.clone());
            app.db(move |conn| {
                (
                    mail::retry(conn, &o, &i).unwrap_err(),
                    mail::retry(conn, &t, &OutboxId::new()).unwrap_err(),
                )
            })
            .await
        };
        assert!(matches!(wrong_tenant, Error::NotFound), "{wrong_tenant}");
        assert!(matches!(missing, Error::NotFound), "{missing}");

        smtp.set_rejecting(false);
        let (t, i) = (tenant.id.clone(), id.clone());
        let status_after_retry = app
            .db(move |conn| {
                mail::retry(conn, &t, &i).unwrap();
                mail::service::find(conn, &t, &i).unwrap().unwrap().status
            })
            .await;
        // The worker may already have sent it; it is no longer failed.
        assert!(["pending", "sent"].contains(&status_after_retry.as_str()));

        let rows = wait_for_rows(&app, &tenant.id, |r| all_have_status(r, "sent")).await;
        assert_eq!(rows[0].status, "sent", "{rows:?}");
        assert_eq!(smtp.messages().len(), 1);
        let (t, i) = (tenant.id.clone(), id.clone());
        let again = app.db(move |conn| mail::retry(conn, &t, &i)).await.unwrap_err();
        assert!(
            matches!(again, Error::Conflict { code: "not_failed", .. }),
            "a sent message is not retried: {again}"
        );
    }
);

both_backends!(
    async fn a_message_queued_in_a_rolled_back_transaction_is_never_sent(backend b) {
        let (app, smtp) = app_with_smtp(b).await;
        let tenant = app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let t = tenant.id.clone();
        let rolled_back = app
            .db(move |conn| {
                conn.transaction(|conn| {
                    mail::queue(conn, &t, message("ann@example.org", "Rolled back"))?;
                    Err::<(), _>(Error::conflict("changed_mind", "the action failed"))
                })
            })
            .await;
        assert!(rolled_back.is_err());
        let t = tenant.id.clone();
        app.db(move |conn| mail::queue(conn, &t, message("bob@example.org", "Committed")))
            .await
            .unwrap();

        // The committed message arriving shows the worker has looked since
        // the rollback; the rolled-back one must not be there.
        let got = smtp.wait_for(1, PATIENCE).await;
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].header("Subject").as_deref(), Some("Committed"));
        let rows = wait_for_rows(&app, &tenant.id, |r| all_have_status(r, "sent")).await;
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(app.db(mail::pending_count).await.unwrap(), 0);
        assert_eq!(smtp.messages().len(), 1);
    }
);

both_backends!(
    async fn a_lease_lets_one_worker_at_a_time_change_a_message(app) {
        use coproduce::mail::service::{claim, mark_failed, mark_sent, Failure};
        let tenant = app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let t = tenant.id.clone();
        // All in one transaction, so the app's own worker never sees the
        // message: only workers "a" and "b" compete for it.
        let outcome = app
            .db(move |conn| {
                conn.transaction(|conn| {
                    let id = mail::queue(conn, &t, message("ann@example.org", "Leased"))?;
                    let a = claim(conn, &t, &id, "a")?.expect("a claims a due message");
                    let b_while_a_holds = claim(conn, &t, &id, "b")?.is_none();
                    let b_cannot_mark_sent = !mark_sent(conn, &a.row, "b")?;
                    let b_cannot_mark_failed =
                        mark_failed(conn, &a.row, "b", "nope", Failure::Transient)?.is_none();
                    // A lease that ran out (its worker died) can be taken over.
                    diesel::update(outbox::table.filter(outbox::id.eq(&id)))
                        .set(outbox::locked_until.eq(
                            chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1),
                        ))
                        .execute(conn)?;
                    let b = claim(conn, &t, &id, "b")?.expect("b takes over an expired lease");
                    let a_lost_it = !mark_sent(conn, &a.row, "a")?;
                    let b_sent = mark_sent(conn, &b.row, "b")?;
                    let nobody_claims_a_sent_message = claim(conn, &t, &id, "c")?.is_none();
                    let row = mail::service::find(conn, &t, &id)?.expect("row");
                    Ok::<_, Error>((
                        a.sender.name,
                        b_while_a_holds,
                        b_cannot_mark_sent,
                        b_cannot_mark_failed,
                        a_lost_it,
                        b_sent,
                        nobody_claims_a_sent_message,
                        row.status,
                        row.attempts,
                    ))
                })
            })
            .await
            .unwrap();
        assert_eq!(outcome.0, "Coventry");
        assert!(outcome.1, "b cannot claim while a holds the lease");
        assert!(outcome.2 && outcome.3, "only the lease holder records outcomes");
        assert!(outcome.4, "a lost its lease to b");
        assert!(outcome.5, "b marks it sent");
        assert!(outcome.6, "a sent message is never claimed");
        assert_eq!((outcome.7.as_str(), outcome.8), ("sent", 1));
    }
);
