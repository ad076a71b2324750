//! Tenant settings (contact, sender, residency rule, support threshold)
//! and residency verification: postcodes imported by CLI, vouching codes
//! of recognised organisations, approval by admins, who counts as a
//! resident under each rule, other places seeing nothing, and residency in
//! a person's data and its erasure.

use coproduce::accounts::Role;
use coproduce::db::schema::{outbox, residency_verifications, vouching_codes};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{
    api_token, assert_problem, browser_session, csrf_in, delivered_email, json, send, user,
    TestApp, USER_PASSWORD,
};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

/// Two places, each with an admin (with a second factor): Coventry's
/// admin, and both admins' tokens.
async fn places(app: &TestApp) -> (coproduce::accounts::User, String, String) {
    app.tenant("coventry", "Coventry", &[HOST]).await;
    app.tenant("leeds", "Leeds", &[OTHER]).await;
    let admin = user(
        app,
        "coventry",
        "admin@example.org",
        Role::Admin,
        false,
        true,
    )
    .await;
    let other = user(
        app,
        "leeds",
        "admin@leeds.example.org",
        Role::Admin,
        false,
        true,
    )
    .await;
    let (a, o) = (api_token(app, &admin).await, api_token(app, &other).await);
    (admin, a, o)
}

async fn set_routes(app: &TestApp, host: &str, admin: &str, routes: Value) {
    let res = send(
        app,
        host,
        Method::PATCH,
        "/api/v1/admin/settings",
        Some(admin),
        Some(json!({"residency_routes": routes})),
    )
    .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

async fn me_residency(app: &TestApp, host: &str, token: &str, body: Value) -> reqwest::Response {
    send(
        app,
        host,
        Method::POST,
        "/api/v1/me/residency",
        Some(token),
        Some(body),
    )
    .await
}

async fn status(app: &TestApp, host: &str, token: &str) -> Value {
    let res = send(
        app,
        host,
        Method::GET,
        "/api/v1/me/residency",
        Some(token),
        None,
    )
    .await;
    assert_eq!(res.status(), 200);
    json(res).await
}

/// The raw message the folder transport wrote for the latest email of
/// this kind to this address.
async fn delivered_raw(app: &TestApp, to: &str, kind: &str) -> String {
    delivered_email(app, to, kind).await;
    let (to, kind) = (to.to_owned(), kind.to_owned());
    let id: String = app
        .db(move |conn| {
            outbox::table
                .filter(outbox::recipient.eq(&to))
                .filter(outbox::kind.eq(&kind))
                .order(outbox::created_at.desc())
                .select(outbox::id)
                .first(conn)
                .unwrap()
        })
        .await;
    std::fs::read_to_string(app.settings.data_dir.join("mail").join(format!("{id}.eml"))).unwrap()
}

both_backends!(
    async fn settings_are_checked_audited_and_the_sender_is_used(app) {
        let (admin_user, admin, _) = places(&app).await;
        // A new place: email is enough, threshold 50, no contact.
        let place = json(app.get(HOST, "/api/v1/place").await).await;
        assert_eq!(place["residency_routes"], json!(["verified_email"]));
        assert_eq!(place["support_threshold"], 50);
        assert_eq!(place["contact_email"], Value::Null);
        let tenant = app.db(|conn| coproduce::tenancy::service::find_by_slug(conn, &coproduce::tenancy::Slug::parse("coventry").unwrap()).unwrap().unwrap()).await;
        let id = tenant.id.clone();
        assert_eq!(app.db(move |conn| coproduce::places::settings::support_threshold(conn, &id).unwrap()).await, 50);

        // Every bad field at once, each named; nothing changes.
        let bad = json!({"contact_email": "not an address", "mail_sender_name": "Two\nlines", "mail_sender_address": "nope@", "residency_routes": ["verified_email", "postcode"], "support_threshold": 0});
        let res = send(&app, HOST, Method::PATCH, "/api/v1/admin/settings", Some(&admin), Some(bad)).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        for f in ["contact_email", "mail_sender_name", "mail_sender_address", "residency_routes", "support_threshold"] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
        for bad in [json!({"residency_routes": ["everyone"]}), json!({"support_threshold": -3}), json!({"mail_sender_name": "x".repeat(81)})] {
            let res = send(&app, HOST, Method::PATCH, "/api/v1/admin/settings", Some(&admin), Some(bad)).await;
            assert_problem(res, 422, "validation_failed").await;
        }
        let res = send(&app, HOST, Method::PATCH, "/api/v1/admin/settings", Some(&admin), Some(json!({"support_threshold": "many"}))).await;
        assert_eq!(res.status(), 400);
        assert_eq!(json(app.get(HOST, "/api/v1/place").await).await["support_threshold"], 50);

        // Good values are saved, and only their names are audited.
        let good = json!({"contact_email": "Hello@Coventry.example", "mail_sender_name": "Coventry Together", "mail_sender_address": "together@coventry.example", "residency_routes": ["vouching", "postcode"], "support_threshold": 120});
        let res = send(&app, HOST, Method::PATCH, "/api/v1/admin/settings", Some(&admin), Some(good)).await;
        assert_eq!(res.status(), 200);
        let saved = json(res).await;
        assert_eq!(saved["contact_email"], "hello@coventry.example");
        assert_eq!(saved["mail_sender_address"], "together@coventry.example");
        assert_eq!(saved["residency_routes"], json!(["postcode", "vouching"]));
        let place = json(app.get(HOST, "/api/v1/place").await).await;
        assert_eq!(place["support_threshold"], 120);
        assert!(place.get("mail_sender_address").is_none(), "the sender is for admins: {place}");
        let id = tenant.id.clone();
        assert_eq!(app.db(move |conn| coproduce::places::settings::support_threshold(conn, &id).unwrap()).await, 120);
        let audit = json(send(&app, HOST, Method::GET, "/api/v1/admin/audit?kind=settings_changed", Some(&admin), None).await).await;
        let detail = audit["items"].to_string();
        assert!(detail.contains("mail_sender_address") && detail.contains("residency_routes"), "{detail}");
        assert!(!detail.contains("coventry.example"), "values never reach the log: {detail}");
        // The contact shows where people look for it.
        for path in ["/place", "/privacy", "/accessibility"] {
            let html = app.get(HOST, path).await.text().await.unwrap();
            assert!(html.contains("mailto:hello@coventry.example"), "{path}");
        }

        // The place's email now comes from its own sender.
        user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let res = send(&app, HOST, Method::POST, "/api/v1/auth/password-reset", None, Some(json!({"email": "ann@example.org"}))).await;
        assert_eq!(res.status(), 202);
        let raw = delivered_raw(&app, "ann@example.org", "reset_password").await;
        assert!(raw.contains("From: \"Coventry Together\" <together@coventry.example>") || raw.contains("From: Coventry Together <together@coventry.example>"), "{raw}");

        // Cleared, it is the place's name at the installation's address again.
        let res = send(&app, HOST, Method::PATCH, "/api/v1/admin/settings", Some(&admin), Some(json!({"mail_sender_name": "", "mail_sender_address": ""}))).await;
        assert_eq!(res.status(), 200);
        app.db(|conn| diesel::delete(outbox::table).execute(conn).unwrap()).await;
        send(&app, HOST, Method::POST, "/api/v1/auth/password-reset", None, Some(json!({"email": "ann@example.org"}))).await;
        let raw = delivered_raw(&app, "ann@example.org", "reset_password").await;
        assert!(raw.contains("From: Coventry <no-reply@coproduce.test>"), "{raw}");

        // The page shows each error beside its field, keeping the input.
        let browser = browser_session(&app, HOST, &admin_user).await;
        let html = browser.get(app.url(HOST, "/admin/settings")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(r#"id="route_postcode" name="route_postcode" value="yes" class="checkbox" checked"#), "{html}");
        let csrf = csrf_in(&html);
        let res = browser.post(app.url(HOST, "/admin/settings")).form(&[("csrf", csrf.as_str()), ("name", "Coventry"), ("language", "en"), ("support_threshold", "lots"), ("contact_email", "bad"), ("routes_shown", "yes"), ("route_manual", "yes")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="support_threshold-error""#) && html.contains(r#"id="contact_email-error""#), "{html}");
        assert!(html.contains(r#"value="lots""#));
        let res = browser.post(app.url(HOST, "/admin/settings")).form(&[("csrf", csrf.as_str()), ("name", "Coventry"), ("language", "en"), ("support_threshold", "7"), ("routes_shown", "yes"), ("route_manual", "yes")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let place = json(app.get(HOST, "/api/v1/place").await).await;
        assert_eq!(place["residency_routes"], json!(["manual"]));
        assert_eq!(place["support_threshold"], 7);
        assert_eq!(place["contact_email"], "hello@coventry.example", "a field the form left out stays");

        // Citizens cannot change settings.
        let ann = user(&app, "coventry", "ann2@example.org", Role::Citizen, false, true).await;
        let ann_token = api_token(&app, &ann).await;
        let res = send(&app, HOST, Method::PATCH, "/api/v1/admin/settings", Some(&ann_token), Some(json!({"support_threshold": 1}))).await;
        assert_problem(res, 403, "forbidden").await;

        // A proposal's page counts toward the threshold as saved, for its
        // author and for a visitor alike.
        let body = json!({"title": "A bench by the bus stop", "body": "Somewhere to rest.", "intended_outcome": "People can wait sitting down."});
        let id = json(send(&app, HOST, Method::POST, "/api/v1/proposals", Some(&ann_token), Some(body)).await).await["id"].as_str().unwrap().to_owned();
        let signed_in = browser_session(&app, HOST, &ann).await;
        let own = signed_in.get(app.url(HOST, &format!("/proposals/{id}"))).send().await.unwrap().text().await.unwrap();
        let visitor = app.get(HOST, &format!("/proposals/{id}")).await.text().await.unwrap();
        for html in [own, visitor] {
            assert!(html.contains("0 of the 7 supports needed"), "{html}");
        }
    }
);

both_backends!(
    async fn postcodes_are_imported_with_bad_rows_listed_and_verify_people(app) {
        use crate::cli::{coproduce, out};
        let (_, admin, other_admin) = places(&app).await;
        let csv = app.settings.data_dir.join("postcodes.csv");
        std::fs::write(&csv, "id,postcode,ward\n1,cv1 5fb,Foleshill\n2,CV15FB,dup\n3,CV2 4AB,x\n4,NOT A POSTCODE,x\n5,,x\n6,CV1-5FB,x\n7,sw1a1aa,x\n").unwrap();
        let run = |args: &[&str]| {
            coproduce()
                .arg("--data-dir").arg(&app.settings.data_dir)
                .arg("--database-url").arg(app.settings.database.expose())
                .args(args)
                .output()
                .unwrap()
        };
        let o = run(&["postcodes", "import", "--tenant", "coventry", csv.to_str().unwrap()]);
        let (stdout, stderr) = out(&o);
        assert!(o.status.success(), "{stdout}{stderr}");
        assert!(stdout.contains("added 3, already listed 1, rejected 3 (3 postcodes in `coventry` now)"), "{stdout}");
        for expected in ["line 5: `NOT A POSTCODE`", "line 6: ``: the postcode is empty", "line 7: `CV1-5FB`: a postcode has only letters and digits"] {
            assert!(stdout.contains(expected), "{expected} in {stdout}");
        }
        // One per line works too, and again changes nothing.
        let plain = app.settings.data_dir.join("postcodes.txt");
        std::fs::write(&plain, "CV1 5FB\n\nls1 4ap\n").unwrap();
        let o = run(&["postcodes", "import", "--tenant", "leeds", plain.to_str().unwrap()]);
        assert!(out(&o).0.contains("added 2, already listed 0, rejected 0"), "{}", out(&o).0);
        let o = run(&["postcodes", "import", "--tenant", "coventry", csv.to_str().unwrap()]);
        assert!(out(&o).0.contains("added 0, already listed 4, rejected 3"), "{}", out(&o).0);
        // A CSV without a postcode column, a missing file, an unknown place.
        let headless = app.settings.data_dir.join("wrong.csv");
        std::fs::write(&headless, "id,zip\n1,CV1 5FB\n").unwrap();
        for args in [
            vec!["postcodes", "import", "--tenant", "coventry", headless.to_str().unwrap()],
            vec!["postcodes", "import", "--tenant", "coventry", "/no/such/file"],
            vec!["postcodes", "import", "--tenant", "nowhere", csv.to_str().unwrap()],
        ] {
            assert_eq!(run(&args).status.code(), Some(1), "{args:?}");
        }

        // A citizen of a place that takes postcodes.
        set_routes(&app, HOST, &admin, json!(["postcode"])).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let ann_token = api_token(&app, &ann).await;
        let before = status(&app, HOST, &ann_token).await;
        assert_eq!(before["resident"], false);
        assert_eq!(before["allowed_routes"], json!(["postcode"]));
        let res = me_residency(&app, HOST, &ann_token, json!({"postcode": "ZZ9 9ZZ"})).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["code"], "unknown");
        let res = me_residency(&app, HOST, &ann_token, json!({"postcode": "hello"})).await;
        assert_eq!(assert_problem(res, 422, "validation_failed").await["errors"][0]["code"], "invalid");
        // Leeds's postcode is not Coventry's.
        let res = me_residency(&app, HOST, &ann_token, json!({"postcode": "LS1 4AP"})).await;
        assert_problem(res, 422, "validation_failed").await;
        // Routes the place does not take, and bodies that are not one route.
        let res = me_residency(&app, HOST, &ann_token, json!({"code": "AAAA-BBBB-CCCC"})).await;
        assert_problem(res, 409, "route_not_allowed").await;
        for bad in [json!({}), json!({"postcode": "CV1 5FB", "code": "x"}), json!({"postcode": 12}), json!({"colour": "red"})] {
            let res = me_residency(&app, HOST, &ann_token, bad.clone()).await;
            assert_eq!(res.status(), 400, "{bad}");
        }
        let res = me_residency(&app, HOST, &ann_token, json!({"postcode": "cv15fb"})).await;
        assert_eq!(res.status(), 200);
        let now = json(res).await;
        assert_eq!(now["resident"], true);
        assert_eq!(now["verified_by"], "postcode");
        let res = me_residency(&app, HOST, &ann_token, json!({"postcode": "CV1 5FB"})).await;
        assert_problem(res, 409, "already_resident").await;
        let verified: Vec<(String, String)> = app.db(|conn| residency_verifications::table.select((residency_verifications::user_id, residency_verifications::route)).load(conn).unwrap()).await;
        assert_eq!(verified, vec![(ann.id.to_string(), "postcode".to_owned())]);

        // Clearing the list leaves verifications as they are.
        let o = run(&["postcodes", "clear", "--tenant", "coventry"]);
        assert!(out(&o).0.contains("removed 3 postcodes"), "{}", out(&o).0);
        assert_eq!(status(&app, HOST, &ann_token).await["resident"], true);
        let _ = other_admin;
    }
);

/// Starts an organisation as `token`'s person; its id.
async fn organisation(app: &TestApp, host: &str, token: &str, name: &str) -> String {
    let res = send(
        app,
        host,
        Method::POST,
        "/api/v1/organisations",
        Some(token),
        Some(json!({"name": name, "kind": "voluntary"})),
    )
    .await;
    assert_eq!(res.status(), 201);
    json(res).await["id"].as_str().unwrap().to_owned()
}

async fn recognise(app: &TestApp, host: &str, admin: &str, org: &str) {
    let res = send(
        app,
        host,
        Method::PUT,
        &format!("/api/v1/admin/organisations/{org}/verification"),
        Some(admin),
        Some(json!({"verified": true})),
    )
    .await;
    assert_eq!(res.status(), 200);
}

async fn issue(app: &TestApp, host: &str, token: &str, org: &str) -> reqwest::Response {
    send(
        app,
        host,
        Method::POST,
        &format!("/api/v1/organisations/{org}/vouching-codes"),
        Some(token),
        None,
    )
    .await
}

both_backends!(
    async fn vouching_codes_work_once_in_their_place_and_are_counted_without_names(app) {
        let (_, admin, other_admin) = places(&app).await;
        let shelter_admin = user(&app, "coventry", "shelter@example.org", Role::Citizen, false, false).await;
        let shelter = api_token(&app, &shelter_admin).await;
        let org = organisation(&app, HOST, &shelter, "Night Shelter").await;
        let volunteer = user(&app, "coventry", "volunteer@example.org", Role::Citizen, false, false).await;
        let volunteer_token = api_token(&app, &volunteer).await;
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/organisations/{org}/members"), Some(&shelter), Some(json!({"user_id": volunteer.id, "role": "member"}))).await;
        assert_eq!(res.status(), 201);
        set_routes(&app, HOST, &admin, json!(["vouching"])).await;

        // Not recognised yet: refused.
        assert_problem(issue(&app, HOST, &shelter, &org).await, 409, "not_recognised").await;
        recognise(&app, HOST, &admin, &org).await;
        // A member who is not an admin: refused; nobody signed in: 401.
        assert_problem(issue(&app, HOST, &volunteer_token, &org).await, 403, "forbidden").await;
        let res = send(&app, HOST, Method::GET, &format!("/api/v1/organisations/{org}/vouching-codes/summary"), Some(&volunteer_token), None).await;
        assert_problem(res, 403, "forbidden").await;
        assert_problem(send(&app, HOST, Method::POST, &format!("/api/v1/organisations/{org}/vouching-codes"), None, None).await, 401, "unauthorized").await;
        // Bad inputs.
        for days in [0, 91] {
            let res = send(&app, HOST, Method::POST, &format!("/api/v1/organisations/{org}/vouching-codes"), Some(&shelter), Some(json!({"valid_days": days}))).await;
            assert_problem(res, 422, "validation_failed").await;
        }
        assert_problem(issue(&app, HOST, &shelter, "not-an-id").await, 404, "not_found").await;
        assert_problem(issue(&app, HOST, &shelter, &uuid::Uuid::now_v7().to_string()).await, 404, "not_found").await;

        // Issued: shown once, in groups of four.
        let res = issue(&app, HOST, &shelter, &org).await;
        assert_eq!(res.status(), 201);
        let first = json(res).await;
        let code = first["code"].as_str().unwrap().to_owned();
        assert_eq!(code.len(), 14);
        assert_eq!(code.matches('-').count(), 2);
        assert!(first["expires_at"].is_string());
        let stored: Vec<String> = app.db(|conn| vouching_codes::table.select(vouching_codes::code_hash).load(conn).unwrap()).await;
        assert!(!stored.iter().any(|h| h.contains(&code.replace('-', ""))), "only a hash is kept");

        // A citizen uses it (typed loosely); it works once.
        let cat = user(&app, "coventry", "cat@example.org", Role::Citizen, false, false).await;
        let cat_token = api_token(&app, &cat).await;
        assert_eq!(status(&app, HOST, &cat_token).await["resident"], false);
        let res = me_residency(&app, HOST, &cat_token, json!({"code": code.to_lowercase().replace('-', " ")})).await;
        assert_eq!(res.status(), 200);
        let now = json(res).await;
        assert_eq!(now["resident"], true);
        assert_eq!(now["verified_by"], "vouching");
        let dan = user(&app, "coventry", "dan@example.org", Role::Citizen, false, false).await;
        let dan_token = api_token(&app, &dan).await;
        let res = me_residency(&app, HOST, &dan_token, json!({"code": code})).await;
        assert_eq!(assert_problem(res, 422, "validation_failed").await["errors"][0]["code"], "used");

        // An expired code.
        let expiring = json(issue(&app, HOST, &shelter, &org).await).await["code"].as_str().unwrap().to_owned();
        let hash = coproduce::residency::model::VouchingCode::parse(&expiring).unwrap().hash();
        app.db(move |conn| {
            diesel::update(vouching_codes::table.filter(vouching_codes::code_hash.eq(&hash)))
                .set(vouching_codes::expires_at.eq(chrono::Utc::now().naive_utc() - chrono::Duration::minutes(1)))
                .execute(conn)
                .unwrap()
        })
        .await;
        let res = me_residency(&app, HOST, &dan_token, json!({"code": expiring})).await;
        assert_eq!(assert_problem(res, 422, "validation_failed").await["errors"][0]["code"], "expired");

        // A code of Leeds is no code in Coventry.
        set_routes(&app, OTHER, &other_admin, json!(["vouching"])).await;
        let leeds_person = user(&app, "leeds", "org@leeds.example.org", Role::Citizen, false, false).await;
        let leeds_token = api_token(&app, &leeds_person).await;
        let leeds_org = organisation(&app, OTHER, &leeds_token, "Leeds Shelter").await;
        recognise(&app, OTHER, &other_admin, &leeds_org).await;
        let leeds_code = json(issue(&app, OTHER, &leeds_token, &leeds_org).await).await["code"].as_str().unwrap().to_owned();
        let res = me_residency(&app, HOST, &dan_token, json!({"code": leeds_code})).await;
        assert_eq!(assert_problem(res, 422, "validation_failed").await["errors"][0]["code"], "unknown");
        let res = me_residency(&app, HOST, &dan_token, json!({"code": "1234"})).await;
        assert_eq!(assert_problem(res, 422, "validation_failed").await["errors"][0]["code"], "invalid");

        // The counts, and nothing about who.
        let res = send(&app, HOST, Method::GET, &format!("/api/v1/organisations/{org}/vouching-codes/summary"), Some(&shelter), None).await;
        assert_eq!(res.status(), 200);
        let summary = json(res).await;
        assert_eq!(summary, json!({"issued": 2, "used": 1, "expired": 1, "outstanding": 0}));
        let text = summary.to_string();
        assert!(!text.contains(cat.id.as_str()) && !text.contains("cat@"));

        // Leeds's people cannot reach Coventry's organisation's codes.
        assert_problem(issue(&app, OTHER, &leeds_token, &org).await, 404, "not_found").await;
        let res = send(&app, OTHER, Method::GET, &format!("/api/v1/organisations/{org}/vouching-codes/summary"), Some(&leeds_token), None).await;
        assert_problem(res, 404, "not_found").await;
        // Nor with a Coventry token on Leeds's host.
        assert_problem(issue(&app, OTHER, &shelter, &leeds_org).await, 401, "unauthorized").await;

        // Recognition withdrawn: outstanding codes stop working.
        let late = json(issue(&app, HOST, &shelter, &org).await).await["code"].as_str().unwrap().to_owned();
        let res = send(&app, HOST, Method::PUT, &format!("/api/v1/admin/organisations/{org}/verification"), Some(&admin), Some(json!({"verified": false}))).await;
        assert_eq!(res.status(), 200);
        let res = me_residency(&app, HOST, &dan_token, json!({"code": late})).await;
        assert_eq!(assert_problem(res, 422, "validation_failed").await["errors"][0]["code"], "not_recognised");

        // Guessing is slowed: after five wrong answers (used, expired,
        // unknown, malformed, no longer recognised), 429 with a wait.
        let res = me_residency(&app, HOST, &dan_token, json!({"code": "ZZZZ-ZZZZ-ZZZ0"})).await;
        assert_eq!(res.status(), 429);
        assert!(res.headers().get("retry-after").is_some());
        assert_eq!(status(&app, HOST, &dan_token).await["resident"], false);

        // A place that does not take vouching issues no codes.
        set_routes(&app, HOST, &admin, json!(["manual"])).await;
        recognise(&app, HOST, &admin, &org).await;
        assert_problem(issue(&app, HOST, &shelter, &org).await, 409, "route_not_allowed").await;

        // Codes are audited by organisation, not by code.
        let audit = json(send(&app, HOST, Method::GET, "/api/v1/admin/audit?kind=vouching_code_issued", Some(&admin), None).await).await;
        assert_eq!(audit["total"], 3);
        assert!(!audit.to_string().contains(&code));
    }
);

both_backends!(
    async fn admins_approve_or_decline_requests_and_people_are_told(app) {
        let (_, admin, other_admin) = places(&app).await;
        set_routes(&app, HOST, &admin, json!(["manual"])).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let ann_token = api_token(&app, &ann).await;
        // A person without a confirmed address cannot ask yet.
        let ned = user(&app, "coventry", "ned@example.org", Role::Citizen, false, false).await;
        let ned_id = ned.id.clone();
        app.db(move |conn| {
            use coproduce::db::schema::users;
            diesel::update(users::table.filter(users::id.eq(&ned_id))).set(users::email_verified_at.eq(None::<chrono::NaiveDateTime>)).execute(conn).unwrap();
        }).await;
        let ned_token = api_token(&app, &ned).await;
        assert_problem(me_residency(&app, HOST, &ned_token, json!({"request": {}})).await, 403, "forbidden").await;

        let res = me_residency(&app, HOST, &ann_token, json!({"request": {"note": "x".repeat(1001)}})).await;
        assert_problem(res, 422, "validation_failed").await;
        let res = me_residency(&app, HOST, &ann_token, json!({"request": {"note": "I sleep at the Salvation Army hostel."}})).await;
        assert_eq!(res.status(), 200);
        let now = json(res).await;
        assert_eq!(now["resident"], false);
        assert_eq!(now["request"]["status"], "pending");
        assert_problem(me_residency(&app, HOST, &ann_token, json!({"request": {}})).await, 409, "residency_requested").await;

        // The queue: admins only, this place only.
        let list = json(send(&app, HOST, Method::GET, "/api/v1/residency/requests", Some(&admin), None).await).await;
        assert_eq!(list["total"], 1);
        assert_eq!(list["items"][0]["user_id"], ann.id.to_string());
        assert_eq!(list["items"][0]["note"], "I sleep at the Salvation Army hostel.");
        assert_problem(send(&app, HOST, Method::GET, "/api/v1/residency/requests", Some(&ann_token), None).await, 403, "forbidden").await;
        assert_problem(send(&app, HOST, Method::GET, "/api/v1/residency/requests?page=0", Some(&admin), None).await, 422, "validation_failed").await;
        let leeds = json(send(&app, OTHER, Method::GET, "/api/v1/residency/requests", Some(&other_admin), None).await).await;
        assert_eq!(leeds["total"], 0);
        let decision = format!("/api/v1/residency/requests/{}/decision", ann.id);
        let res = send(&app, OTHER, Method::POST, &decision, Some(&other_admin), Some(json!({"decision": "approve"}))).await;
        assert_problem(res, 404, "not_found").await;
        let res = send(&app, HOST, Method::POST, &decision, Some(&ann_token), Some(json!({"decision": "approve"}))).await;
        assert_problem(res, 403, "forbidden").await;
        for bad in [json!({"decision": "maybe"}), json!({})] {
            assert_eq!(send(&app, HOST, Method::POST, &decision, Some(&admin), Some(bad)).await.status(), 400);
        }
        assert_problem(send(&app, HOST, Method::POST, "/api/v1/residency/requests/nobody/decision", Some(&admin), Some(json!({"decision": "approve"}))).await, 404, "not_found").await;

        // Declining needs a reason, which the person receives.
        let res = send(&app, HOST, Method::POST, &decision, Some(&admin), Some(json!({"decision": "decline"}))).await;
        assert_problem(res, 422, "validation_failed").await;
        let res = send(&app, HOST, Method::POST, &decision, Some(&admin), Some(json!({"decision": "decline", "reason": "Please bring a letter from the hostel to the library desk."}))).await;
        assert_eq!(res.status(), 204);
        let mail = delivered_email(&app, "ann@example.org", "residency_declined").await;
        assert!(mail.contains("Please bring a letter from the hostel"), "{mail}");
        let now = status(&app, HOST, &ann_token).await;
        assert_eq!(now["request"]["status"], "declined");
        assert_eq!(now["resident"], false);
        // A decided request is gone from the queue; it can be asked anew.
        assert_problem(send(&app, HOST, Method::POST, &decision, Some(&admin), Some(json!({"decision": "approve"}))).await, 404, "not_found").await;
        assert_eq!(me_residency(&app, HOST, &ann_token, json!({"request": {}})).await.status(), 200);
        let res = send(&app, HOST, Method::POST, &decision, Some(&admin), Some(json!({"decision": "approve"}))).await;
        assert_eq!(res.status(), 204);
        let mail = delivered_email(&app, "ann@example.org", "residency_approved").await;
        assert!(mail.contains("confirmed that you live here"), "{mail}");
        let now = status(&app, HOST, &ann_token).await;
        assert_eq!(now["resident"], true);
        assert_eq!(now["verified_by"], "manual");

        // Audited by ids, never the note or reason.
        let audit = json(send(&app, HOST, Method::GET, "/api/v1/admin/audit?kind=residency_request_decided", Some(&admin), None).await).await;
        assert_eq!(audit["total"], 2);
        let all = json(send(&app, HOST, Method::GET, "/api/v1/admin/audit?per_page=100", Some(&admin), None).await).await.to_string();
        assert!(!all.contains("hostel"), "free text stays out of the log");

        // In the person's export, and gone with them.
        let export = json(send(&app, HOST, Method::GET, "/api/v1/me/export", Some(&ann_token), None).await).await;
        assert_eq!(export["residency"]["verified_by"], "manual");
        assert_eq!(export["residency"]["request"]["status"], "approved");
        let res = app.client(HOST).delete(app.url(HOST, "/api/v1/me")).bearer_auth(&ann_token).json(&json!({"password": USER_PASSWORD, "contributions": "anonymise"})).send().await.unwrap();
        assert_eq!(res.status(), 204);
        let left: i64 = app.db(|conn| residency_verifications::table.count().get_result(conn).unwrap()).await;
        assert_eq!(left, 0);
        let requests: i64 = app.db(|conn| coproduce::db::schema::residency_requests::table.count().get_result(conn).unwrap()).await;
        assert_eq!(requests, 0);
    }
);

both_backends!(
    async fn who_counts_as_a_resident_under_each_rule(app) {
        use coproduce::error::Error;
        use coproduce::residency::service::{is_resident, require_resident};
        let (_, admin, _) = places(&app).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let mut unconfirmed = user(&app, "coventry", "ned@example.org", Role::Citizen, false, false).await;
        unconfirmed.email_verified_at = None;
        let leeds = user(&app, "leeds", "lee@example.org", Role::Citizen, false, false).await;
        let app_ref = &app;
        let coventry = ann.tenant_id.clone();
        let check = |u: &coproduce::accounts::User| {
            let u = u.clone();
            let tenant = coventry.clone();
            async move { app_ref.db(move |conn| is_resident(conn, &tenant, &u).unwrap()).await }
        };
        // verified_email: a confirmed address is enough.
        assert!(check(&ann).await);
        assert!(!check(&unconfirmed).await);
        assert!(!check(&leeds).await, "someone of another place is no resident here");
        for routes in [json!(["postcode"]), json!(["vouching"]), json!(["manual"]), json!(["postcode", "vouching", "manual"])] {
            set_routes(&app, HOST, &admin, routes.clone()).await;
            assert!(!check(&ann).await, "{routes}");
            assert!(!check(&unconfirmed).await, "{routes}");
        }
        let (a, t) = (ann.clone(), ann.tenant_id.clone());
        let refused = app.db(move |conn| require_resident(conn, &t, &a)).await.unwrap_err();
        assert_eq!(refused.code(), "residency_required");
        assert_eq!(refused.status().as_u16(), 403);
        assert!(refused.to_string().contains("/account/residency"));
        assert!(matches!(refused, Error::Refused { .. }));
        // A verification by any route counts, whatever the rule says later.
        let id = ann.id.clone();
        app.db(move |conn| {
            diesel::insert_into(residency_verifications::table).values((
                residency_verifications::tenant_id.eq(&ann_tenant(conn)),
                residency_verifications::user_id.eq(&id),
                residency_verifications::route.eq("postcode"),
                residency_verifications::verified_at.eq(chrono::Utc::now().naive_utc()),
            )).execute(conn).unwrap()
        }).await;
        for routes in [json!(["vouching"]), json!(["postcode"]), json!(["verified_email"])] {
            set_routes(&app, HOST, &admin, routes.clone()).await;
            assert!(check(&ann).await, "{routes}");
        }
        let (a, t) = (ann.clone(), ann.tenant_id.clone());
        assert!(app.db(move |conn| require_resident(conn, &t, &a)).await.is_ok());
        // Without a confirmed address, even a verification is not enough.
        let mut lapsed = ann.clone();
        lapsed.email_verified_at = None;
        assert!(!check(&lapsed).await);
    }
);

fn ann_tenant(conn: &mut coproduce::db::DbConn) -> coproduce::db::ids::TenantId {
    coproduce::tenancy::service::find_by_slug(
        conn,
        &coproduce::tenancy::Slug::parse("coventry").unwrap(),
    )
    .unwrap()
    .unwrap()
    .id
}

both_backends!(
    async fn residency_pages_work_without_javascript_and_other_places_see_nothing(app) {
        let (admin_user, admin, _) = places(&app).await;
        set_routes(&app, HOST, &admin, json!(["postcode", "vouching", "manual"])).await;
        let shelter_admin = user(&app, "coventry", "shelter@example.org", Role::Citizen, false, false).await;
        let shelter_token = api_token(&app, &shelter_admin).await;
        let org = organisation(&app, HOST, &shelter_token, "Night Shelter").await;
        let shelter = browser_session(&app, HOST, &shelter_admin).await;
        // Not recognised: the page says so and issues nothing.
        let html = shelter.get(app.url(HOST, &format!("/organisations/{org}/vouching"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Only organisations the council recognises"), "{html}");
        let csrf = csrf_in(&shelter.get(app.url(HOST, "/account")).send().await.unwrap().text().await.unwrap());
        let res = shelter.post(app.url(HOST, &format!("/organisations/{org}/vouching"))).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 409);
        recognise(&app, HOST, &admin, &org).await;
        let profile = shelter.get(app.url(HOST, &format!("/organisations/{org}"))).send().await.unwrap().text().await.unwrap();
        assert!(profile.contains(&format!("/organisations/{org}/vouching")));
        let res = shelter.post(app.url(HOST, &format!("/organisations/{org}/vouching"))).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 201);
        let html = res.text().await.unwrap();
        let start = html.find(r#"<code id="new-code">"#).unwrap() + r#"<code id="new-code">"#.len();
        let code = html[start..start + 14].to_owned();

        // A citizen: a wrong code is shown beside the field, the right one verifies.
        let cat = user(&app, "coventry", "cat@example.org", Role::Citizen, false, false).await;
        let browser = browser_session(&app, HOST, &cat).await;
        let html = browser.get(app.url(HOST, "/account/residency")).send().await.unwrap().text().await.unwrap();
        for form in ["/account/residency/postcode", "/account/residency/code", "/account/residency/request"] {
            assert!(html.contains(form), "{form}");
        }
        let csrf = csrf_in(&html);
        let res = browser.post(app.url(HOST, "/account/residency/code")).form(&[("csrf", csrf.as_str()), ("code", "AAAA-BBBB-CCCC")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="code-error""#) && html.contains("AAAA-BBBB-CCCC"), "{html}");
        let res = browser.post(app.url(HOST, "/account/residency/code")).form(&[("csrf", csrf.as_str()), ("code", code.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let html = browser.get(app.url(HOST, "/account/residency?done=verified")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("You are a verified resident."), "{html}");
        let html = browser.get(app.url(HOST, "/account")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Verified resident"));
        let res = browser.post(app.url(HOST, "/account/residency/postcode")).form(&[("csrf", csrf.as_str()), ("postcode", "CV1 5FB")]).send().await.unwrap();
        assert_eq!(res.status(), 422, "already a resident: said on the page");
        let admin_browser = browser_session(&app, HOST, &admin_user).await;
        let html = admin_browser.get(app.url(HOST, "/admin/people")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Verified resident (vouched for)"), "{html}");
        assert!(html.contains("Not verified"), "{html}");
        let counts = shelter.get(app.url(HOST, &format!("/organisations/{org}/vouching"))).send().await.unwrap().text().await.unwrap();
        assert!(counts.contains("<th scope=\"row\">Used</th><td>1</td>"), "{counts}");

        // A request by page, declined on the admin's page.
        let dan = user(&app, "coventry", "dan@example.org", Role::Citizen, false, false).await;
        let dan_browser = browser_session(&app, HOST, &dan).await;
        let csrf = csrf_in(&dan_browser.get(app.url(HOST, "/account/residency")).send().await.unwrap().text().await.unwrap());
        let res = dan_browser.post(app.url(HOST, "/account/residency/request")).form(&[("csrf", csrf.as_str()), ("note", "Ask for me at the shelter.")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let html = admin_browser.get(app.url(HOST, "/admin/residency")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Ask for me at the shelter."));
        let admin_csrf = csrf_in(&html);
        let path = format!("/admin/residency/{}/decision", dan.id);
        let res = admin_browser.post(app.url(HOST, &path)).form(&[("csrf", admin_csrf.as_str()), ("decision", "decline"), ("reason", "")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("say why"));
        let res = admin_browser.post(app.url(HOST, &path)).form(&[("csrf", admin_csrf.as_str()), ("decision", "approve"), ("reason", "")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        delivered_email(&app, "dan@example.org", "residency_approved").await;
        // Without the CSRF token nothing happens.
        let res = admin_browser.post(app.url(HOST, &path)).form(&[("decision", "approve")]).send().await.unwrap();
        assert!(res.status().is_client_error());

        // Leeds: the same ids lead nowhere.
        let lee = user(&app, "leeds", "lee@leeds.example.org", Role::Admin, false, true).await;
        let leeds = browser_session(&app, OTHER, &lee).await;
        let leeds_csrf = csrf_in(&leeds.get(app.url(OTHER, "/admin/residency")).send().await.unwrap().text().await.unwrap());
        assert_eq!(leeds.get(app.url(OTHER, &format!("/organisations/{org}/vouching"))).send().await.unwrap().status(), 404);
        let res = leeds.post(app.url(OTHER, &format!("/organisations/{org}/vouching"))).form(&[("csrf", leeds_csrf.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 404);
        let res = leeds.post(app.url(OTHER, &format!("/admin/residency/{}/decision", cat.id))).form(&[("csrf", leeds_csrf.as_str()), ("decision", "approve")]).send().await.unwrap();
        assert_eq!(res.status(), 404);
        // Citizens are not admins; members who are not admins see no codes.
        assert_eq!(browser.get(app.url(HOST, "/admin/residency")).send().await.unwrap().status(), 403);
        assert_eq!(browser.get(app.url(HOST, &format!("/organisations/{org}/vouching"))).send().await.unwrap().status(), 403);
        // Signed out: sent to sign in.
        let res = app.get(HOST, "/account/residency").await;
        assert_eq!(res.status(), 303);
    }
);

both_backends!(
    async fn showing_you_live_here_is_in_welsh_for_whoever_chose_it(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let secret = crate::common::session_secret(&app, &ann, coproduce::accounts::model::SessionKind::Browser).await;
        let res = app.client(HOST).get(app.url(HOST, "/account/residency")).header("cookie", format!("coproduce_session={secret}; lang=cy")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("<h1>Dangos eich bod yn byw yma</h1>") && html.contains("Eich statws"), "{html}");
        assert!(!html.contains("<h1>Showing you live here</h1>") && !html.contains("Your status"), "{html}");
    }
);

both_backends!(
    async fn a_welsh_postcode_form_says_what_is_wrong_in_welsh(app) {
        let (_, admin, _) = places(&app).await;
        set_routes(&app, HOST, &admin, json!(["postcode"])).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let secret = crate::common::session_secret(&app, &ann, coproduce::accounts::model::SessionKind::Browser).await;
        let cookie = format!("coproduce_session={secret}; lang=cy");
        let html = app.client(HOST).get(app.url(HOST, "/account/residency")).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(r#"<html lang="cy">"#), "{html}");
        let csrf = csrf_in(&html);
        let res = app.client(HOST).post(app.url(HOST, "/account/residency/postcode"))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf.as_str()), ("postcode", "CV1-5FB")])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="postcode-error""#), "{html}");
        let welsh = "<span>dim ond llythrennau a digidau sydd mewn cod post: rhowch god post fel CV1 5FB</span>";
        assert!(html.contains(welsh), "no “{welsh}”: {html}");
        for english in ["a postcode has only letters and digits", "give a postcode such as", r#"<span lang="en">"#] {
            assert!(!html.contains(english), "“{english}” is still there: {html}");
        }
    }
);
