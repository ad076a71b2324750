//! The audit log: an honest chain verifies (service, command line, API);
//! an edited or removed row is named; concurrent appends keep the chain;
//! people see only their own events; admins with a second factor see only
//! their own place's log; no email address ever enters it.

use std::process::Command;

use coproduce::accounts::model::SessionKind;
use coproduce::accounts::Role;
use coproduce::audit::{service as audit, AuditEvent, Event, Kind, Verification};
use coproduce::db::ids::TenantId;
use coproduce::db::schema::audit_events;
use diesel::prelude::*;
use serde_json::json;

use crate::both_backends;
use crate::common::{
    api_token, assert_problem, browser_session, csrf_in, json, session_secret, user, TestApp,
    USER_PASSWORD,
};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

fn verify_cli(app: &TestApp, slug: &str) -> (bool, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_coproduce"))
        .env_remove("DATABASE_URL")
        .env_remove("COPRODUCE_CONFIG")
        .env("RUST_LOG", "warn")
        .arg("--data-dir")
        .arg(&app.settings.data_dir)
        .arg("--database-url")
        .arg(app.settings.database.expose())
        .args(["audit", "verify", "--tenant", slug])
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.success(), text)
}

/// A place's audit events, oldest first.
pub(crate) async fn all_events(app: &TestApp, tenant: &TenantId) -> Vec<AuditEvent> {
    let tenant = tenant.clone();
    app.db(move |conn| {
        audit_events::table
            .filter(audit_events::tenant_id.eq(&tenant))
            .order(audit_events::seq.asc())
            .select(AuditEvent::as_select())
            .load(conn)
            .unwrap()
    })
    .await
}

async fn api_verify(app: &TestApp, token: &str) -> serde_json::Value {
    let res = app
        .client(HOST)
        .get(app.url(HOST, "/api/v1/admin/audit/verify"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    json(res).await
}

both_backends!(
    async fn verification_passes_an_honest_log_and_names_edited_and_removed_events(app) {
        let tenant = app.tenant("coventry", "Coventry", &[HOST]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let citizen = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let (t, a, c) = (tenant.id.clone(), admin.id.clone(), citizen.id.clone());
        app.db(move |conn| {
            for n in 0..4 {
                audit::record(conn, &t, Event::new(Kind::RoleChanged).by(&a).about(&c)
                    .detail(json!({"from": "citizen", "to": "moderator", "n": n}))).unwrap();
            }
        }).await;
        let events = all_events(&app, &tenant.id).await;
        let seqs: Vec<i64> = events.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, (1..=events.len() as i64).collect::<Vec<_>>());
        assert_eq!(events[0].prev_hash, audit::GENESIS);
        let total = events.len() as i64;

        // Honest: the command line and the API agree.
        let (ok, text) = verify_cli(&app, "coventry");
        assert!(ok, "{text}");
        assert!(text.contains(&format!("The audit log of `coventry` is intact: {total} events.")), "{text}");
        let token = api_token(&app, &admin).await;
        let body = api_verify(&app, &token).await;
        assert_eq!(body["intact"], true, "{body}");
        assert!(body["events"].as_i64().unwrap() >= total);
        assert!(body.get("broken_at").is_none());

        // An edited detail is named by its number.
        let edited = events[2].clone();
        let (t, seq) = (tenant.id.clone(), edited.seq);
        app.db(move |conn| {
            diesel::update(audit_events::table.find((&t, seq)))
                .set(audit_events::detail.eq(r#"{"from":"citizen","n":0,"to":"admin"}"#))
                .execute(conn).unwrap();
        }).await;
        let body = api_verify(&app, &token).await;
        assert_eq!(body["intact"], false, "{body}");
        assert_eq!(body["broken_at"]["seq"], seq);
        assert_eq!(body["broken_at"]["id"], edited.id.as_str());
        assert!(body["broken_at"]["reason"].as_str().unwrap().contains("edited"), "{body}");
        let (ok, text) = verify_cli(&app, "coventry");
        assert!(!ok);
        assert!(text.contains(&format!("The audit log of `coventry` is broken at event #{seq} ({})", edited.id)), "{text}");

        // Put it back: intact again. Then remove a middle row: the gap is named.
        let (t, original) = (tenant.id.clone(), edited.detail.clone());
        app.db(move |conn| {
            diesel::update(audit_events::table.find((&t, seq)))
                .set(audit_events::detail.eq(original))
                .execute(conn).unwrap();
        }).await;
        assert_eq!(api_verify(&app, &token).await["intact"], true);
        let t = tenant.id.clone();
        app.db(move |conn| {
            diesel::delete(audit_events::table.find((&t, seq))).execute(conn).unwrap();
        }).await;
        let t = tenant.id.clone();
        let outcome = app.db(move |conn| audit::verify(conn, &t).unwrap()).await;
        let Verification::Broken { seq: at, id, reason } = outcome else { panic!("{outcome:?}") };
        assert_eq!(at, seq + 1);
        assert_eq!(id, events[3].id);
        assert!(reason.contains(&format!("event #{seq} is missing")), "{reason}");
        let (ok, text) = verify_cli(&app, "coventry");
        assert!(!ok && text.contains(&format!("broken at event #{}", seq + 1)), "{text}");

        // A row recomputed to match its own hash still breaks the next link.
        let t = tenant.id.clone();
        let mut forged = edited.clone();
        forged.detail = r#"{"from":"citizen","n":9,"to":"admin"}"#.into();
        forged.hash = audit::hash_of(&forged, &serde_json::from_str(&forged.detail).unwrap());
        app.db(move |conn| {
            diesel::insert_into(audit_events::table).values(forged).execute(conn).unwrap();
        }).await;
        let outcome = app.db(move |conn| audit::verify(conn, &t).unwrap()).await;
        assert!(matches!(outcome, Verification::Broken { seq: s, .. } if s == seq + 1), "{outcome:?}");

        // Unknown tenants are a clear error, not a crash.
        let (ok, text) = verify_cli(&app, "nowhere");
        assert!(!ok && text.contains("no tenant `nowhere`"), "{text}");
    }
);

both_backends!(
    async fn fifty_concurrent_appends_keep_one_unbroken_chain(app) {
        let tenant = app.tenant("coventry", "Coventry", &[HOST]).await;
        let before = all_events(&app, &tenant.id).await.len() as i64;
        let mut tasks = Vec::new();
        for n in 0..50 {
            let url = app.settings.database.clone();
            let t = tenant.id.clone();
            tasks.push(tokio::task::spawn_blocking(move || {
                let mut conn = coproduce::db::connect(&url).unwrap();
                coproduce::db::write_transaction(&mut conn, |conn| {
                    audit::record(conn, &t, Event::new(Kind::MailRetried).detail(json!({"n": n})))
                })
            }));
        }
        for task in tasks {
            task.await.unwrap().expect("every append succeeds");
        }
        let events = all_events(&app, &tenant.id).await;
        let seqs: Vec<i64> = events.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, (1..=before + 50).collect::<Vec<_>>());
        let t = tenant.id.clone();
        let outcome = app.db(move |conn| audit::verify(conn, &t).unwrap()).await;
        assert_eq!(outcome, Verification::Intact { events: before + 50 });
    }
);

both_backends!(
    async fn people_see_only_the_events_about_them(app) {
        let coventry = app.tenant("coventry", "Coventry", &[HOST]).await;
        let leeds = app.tenant("leeds", "Leeds", &[OTHER]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let (c, l, a, b) = (coventry.id.clone(), leeds.id.clone(), ann.id.clone(), bob.id.clone());
        app.db(move |conn| {
            audit::record(conn, &c, Event::new(Kind::PasswordChanged).of(&a)).unwrap();
            audit::record(conn, &c, Event::new(Kind::PasswordChanged).of(&b)).unwrap();
            // The same id in another place's log is not Ann's.
            audit::record(conn, &l, Event::new(Kind::PasswordChanged).of(&a)).unwrap();
        }).await;
        let (c, a) = (coventry.id.clone(), ann.id.clone());
        let mine = app.db(move |conn| audit::about(conn, &c, &a).unwrap()).await;
        assert!(!mine.is_empty());
        assert!(mine.iter().all(|e| e.subject_id.as_deref() == Some(ann.id.as_str()) && e.tenant_id == coventry.id));
        assert!(mine.iter().any(|e| e.kind == "password_changed"));
        assert!(mine.windows(2).all(|w| w[0].seq > w[1].seq), "newest first");

        // Ann's My data page lists her events, in words, and not Bob's.
        let client = browser_session(&app, HOST, &ann).await;
        let html = client.get(app.url(HOST, "/account/data")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Changed the password"), "{html}");
        assert_eq!(html.matches("Changed the password").count(), 1, "{html}");
        assert_eq!(app.get(HOST, "/account/data").await.status(), 303, "signed-out people are sent to sign in");
    }
);

both_backends!(
    async fn only_admins_with_a_second_factor_read_their_own_places_log(app) {
        let coventry = app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let bare_admin = user(&app, "coventry", "bare@example.org", Role::Admin, false, false).await;
        let citizen = user(&app, "coventry", "ann@example.org", Role::Citizen, false, true).await;
        let leeds_admin = user(&app, "leeds", "admin@leeds.example", Role::Admin, false, true).await;

        assert_eq!(app.get(HOST, "/admin/audit").await.status(), 303);
        assert_problem(app.get(HOST, "/api/v1/admin/audit").await, 401, "unauthorized").await;
        let client = browser_session(&app, HOST, &citizen).await;
        assert_eq!(client.get(app.url(HOST, "/admin/audit")).send().await.unwrap().status(), 403);
        let token = api_token(&app, &citizen).await;
        for path in ["/api/v1/admin/audit", "/api/v1/admin/audit/verify"] {
            let res = app.client(HOST).get(app.url(HOST, path)).bearer_auth(&token).send().await.unwrap();
            assert_problem(res, 403, "forbidden").await;
        }
        let client = browser_session(&app, HOST, &bare_admin).await;
        let res = client.get(app.url(HOST, "/admin/audit")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/account/two-factor?required=1");
        let token = api_token(&app, &bare_admin).await;
        let res = app.client(HOST).get(app.url(HOST, "/api/v1/admin/audit")).bearer_auth(&token).send().await.unwrap();
        assert_problem(res, 403, "second_factor_required").await;

        // The admin changes a role; the log says who did what to whom.
        let admin_token = api_token(&app, &admin).await;
        let res = app.client(HOST).put(app.url(HOST, &format!("/api/v1/admin/users/{}/role", citizen.id)))
            .bearer_auth(&admin_token).json(&json!({"role": "moderator"})).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let body = json(app.client(HOST).get(app.url(HOST, "/api/v1/admin/audit?kind=role_changed")).bearer_auth(&admin_token).send().await.unwrap()).await;
        assert_eq!(body["total"], 1, "{body}");
        let event = &body["items"][0];
        assert_eq!(event["actor_id"], admin.id.as_str());
        assert_eq!(event["subject_id"], citizen.id.as_str());
        assert_eq!(event["detail"], json!({"from": "citizen", "to": "moderator"}));
        assert_eq!(event["description"], "Changed someone's role");

        // Pages: names, plain words, the check button and the filter.
        let client = browser_session(&app, HOST, &admin).await;
        let html = client.get(app.url(HOST, "/admin/audit?kind=role_changed&check=1")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Changed someone&#39;s role"), "{html}");
        assert!(html.contains("<td>admin</td>") && html.contains("<td>ann</td>"), "names are shown: {html}");
        assert!(html.contains("The log is intact"), "{html}");
        assert_eq!(client.get(app.url(HOST, "/admin/audit?kind=nonsense")).send().await.unwrap().status(), 422);
        assert_eq!(client.get(app.url(HOST, "/admin/audit?page=0")).send().await.unwrap().status(), 422);

        // Bad inputs are 422, never a guess or a 500.
        for query in ["?kind=nonsense", "?per_page=0", "?per_page=101", "?page=abc", "?page=-1"] {
            let res = app.client(HOST).get(app.url(HOST, &format!("/api/v1/admin/audit{query}"))).bearer_auth(&admin_token).send().await.unwrap();
            assert_problem(res, 422, "validation_failed").await;
        }
        let body = json(app.client(HOST).get(app.url(HOST, "/api/v1/admin/audit?per_page=2&page=2")).bearer_auth(&admin_token).send().await.unwrap()).await;
        assert_eq!(body["items"].as_array().unwrap().len(), 2);
        assert_eq!(body["page"], 2);
        let first = json(app.client(HOST).get(app.url(HOST, "/api/v1/admin/audit?per_page=1")).bearer_auth(&admin_token).send().await.unwrap()).await;
        assert_eq!(first["items"][0]["seq"], first["total"], "newest first");

        // Leeds' admin sees Leeds' log only; Coventry's token means nothing there.
        let leeds_token = api_token(&app, &leeds_admin).await;
        let body = json(app.client(OTHER).get(app.url(OTHER, "/api/v1/admin/audit?per_page=100")).bearer_auth(&leeds_token).send().await.unwrap()).await;
        let text = body.to_string();
        for id in [admin.id.as_str(), citizen.id.as_str(), coventry.id.as_str()] {
            assert!(!text.contains(id), "Coventry's events leak into Leeds: {text}");
        }
        assert!(body["total"].as_i64().unwrap() >= 1);
        let res = app.client(OTHER).get(app.url(OTHER, "/api/v1/admin/audit")).bearer_auth(&admin_token).send().await.unwrap();
        assert_problem(res, 401, "unauthorized").await;
    }
);

both_backends!(
    async fn sign_ins_are_logged_without_any_email_address(app) {
        let tenant = app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let browser = reqwest::Client::builder().resolve(HOST, app.addr).cookie_store(true)
            .redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let csrf = csrf_in(&browser.get(app.url(HOST, "/sign-in")).send().await.unwrap().text().await.unwrap());
        for (email, password, status) in [
            ("nobody@example.org", USER_PASSWORD, 401),
            ("ann@example.org", "wrong password entirely", 401),
            ("ann@example.org", USER_PASSWORD, 303),
        ] {
            let res = browser.post(app.url(HOST, "/sign-in"))
                .form(&[("csrf", csrf.as_str()), ("email", email), ("password", password)])
                .send().await.unwrap();
            assert_eq!(res.status(), status);
        }
        let csrf = csrf_in(&browser.get(app.url(HOST, "/account")).send().await.unwrap().text().await.unwrap());
        let res = browser.post(app.url(HOST, "/sign-out")).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let res = app.client(HOST).post(app.url(HOST, "/api/v1/auth/login"))
            .json(&json!({"email": "ann@example.org", "password": USER_PASSWORD})).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let res = app.client(HOST).post(app.url(HOST, "/api/v1/auth/login"))
            .json(&json!({"email": "ghost@example.org", "password": "whatever it is"})).send().await.unwrap();
        assert_eq!(res.status(), 401);

        let events = all_events(&app, &tenant.id).await;
        for e in &events {
            assert!(!e.detail.contains('@'), "an address in the log: {e:?}");
        }
        let kinds = |kind: &str| events.iter().filter(|e| e.kind == kind).collect::<Vec<_>>();
        let failed = kinds("sign_in_failed");
        assert_eq!(failed.len(), 3, "{events:#?}");
        let unknown: Vec<_> = failed.iter().filter(|e| e.subject_id.is_none()).collect();
        assert_eq!(unknown.len(), 2, "unknown accounts carry no subject");
        assert!(unknown.iter().all(|e| e.detail.contains("unknown_account")));
        assert!(failed.iter().any(|e| e.subject_id.as_deref() == Some(ann.id.as_str()) && e.detail.contains("wrong_password")));
        let signed_in = kinds("sign_in");
        assert_eq!(signed_in.len(), 2);
        assert!(signed_in.iter().all(|e| e.actor_id.as_deref() == Some(ann.id.as_str())));
        assert!(signed_in[0].detail.contains(r#""session":"browser""#) && signed_in[1].detail.contains(r#""session":"api""#));
        assert_eq!(kinds("sign_out").len(), 1);
        let t = tenant.id.clone();
        let outcome = app.db(move |conn| audit::verify(conn, &t).unwrap()).await;
        assert!(matches!(outcome, Verification::Intact { .. }), "{outcome:?}");

        // The service refuses a detail with an address in it.
        let t = tenant.id.clone();
        let refused = app.db(move |conn| audit::record(conn, &t, Event::new(Kind::SignIn).detail(json!({"who": "ann@example.org"})))).await;
        assert!(refused.is_err());
    }
);

both_backends!(
    async fn audit_pages_pass_axe(app) {
        use crate::common::browser::Browser;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        user(&app, "coventry", "someone@example.org", Role::Citizen, false, false).await;
        let secret = session_secret(&app, &admin, SessionKind::Browser).await;
        let browser = Browser::start(&app).await;
        browser.goto(&app, HOST, "/").await;
        // Chromedriver refuses cookies for `.test` names; the page can set it.
        browser
            .client
            .execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![])
            .await
            .unwrap();
        for (path, heading) in [
            ("/admin/audit", "Audit log"),
            ("/admin/audit?kind=account_provisioned&check=1", "Audit log"),
            ("/admin/audit?kind=mail_retried", "Audit log"),
            ("/account/data", "Your data"),
        ] {
            browser.goto(&app, HOST, path).await;
            browser.wait_for_heading(heading).await;
            browser.assert_accessible().await;
        }
        browser.close().await;
    }
);
