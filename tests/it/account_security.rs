//! Account security (ASVS V6/V7): changing a password, reset strength
//! against the person's own details, over-long passwords refused, ending
//! sessions (by their owner with the password, by admins, on role
//! changes, after two-step changes), the emailed link's lifetime, and
//! authenticator keys and recovery codes from before they were hardened.

use coproduce::accounts::second_factor::{code_at, hash_recovery_code};
use coproduce::accounts::{service, Role, User};
use coproduce::audit::model::AuditEvent;
use coproduce::db::schema::{account_tokens, audit_events, users};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::json;

use crate::both_backends;
use crate::common::{
    api_token, assert_problem, browser_session, csrf_in, delivered_email, json, link_in, page_csrf,
    send, sign_in_on_page, token_in, user, TestApp, USER_PASSWORD,
};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

fn now() -> u64 {
    chrono::Utc::now().timestamp() as u64
}

/// A browser that keeps its cookies and follows no redirects.
fn browser(app: &TestApp) -> reqwest::Client {
    reqwest::Client::builder()
        // Under the server's 5 s keep-alive, so no request goes out on a
        // connection the server is closing.
        .pool_idle_timeout(std::time::Duration::from_secs(2))
        .resolve(HOST, app.addr)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn sign_in(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    sign_in_on_page(app, client, HOST, (email, password), None).await
}

async fn account_csrf(app: &TestApp, client: &reqwest::Client) -> String {
    page_csrf(app, client, HOST, "/account").await
}

async fn signed_in(app: &TestApp, client: &reqwest::Client) -> bool {
    client
        .get(app.url(HOST, "/account"))
        .send()
        .await
        .unwrap()
        .status()
        == 200
}

async fn api_login(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    send(
        app,
        HOST,
        Method::POST,
        "/api/v1/auth/login",
        None,
        Some(json!({"email": email, "password": password})),
    )
    .await
}

/// The authenticator key as the database holds it.
async fn stored(app: &TestApp, user: &User) -> String {
    let u = user.clone();
    app.db(move |conn| {
        service::find_user(conn, &u.tenant_id, &u.id)
            .unwrap()
            .unwrap()
            .totp_secret
            .unwrap()
    })
    .await
}

async fn events(app: &TestApp, user: &User) -> Vec<AuditEvent> {
    let (tenant, id) = (user.tenant_id.clone(), user.id.to_string());
    app.db(move |conn| {
        audit_events::table
            .filter(audit_events::tenant_id.eq(&tenant))
            .filter(audit_events::subject_id.eq(&id))
            .order(audit_events::seq.asc())
            .select(AuditEvent::as_select())
            .load(conn)
            .unwrap()
    })
    .await
}

both_backends!(
    async fn changing_the_password_checks_both_and_can_sign_out_elsewhere(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let laptop = browser(&app);
        assert_eq!(sign_in(&app, &laptop, "ann@example.org", USER_PASSWORD).await.status(), 303);
        let phone = browser_session(&app, HOST, &ann).await;
        let csrf = account_csrf(&app, &laptop).await;
        let change = |current: &str, new: &str, end_others: bool| {
            let mut form = vec![("csrf", csrf.clone()), ("current_password", current.to_owned()), ("new_password", new.to_owned())];
            if end_others {
                form.push(("end_other_sessions", "yes".to_owned()));
            }
            laptop.post(app.url(HOST, "/account/password")).form(&form).send()
        };

        // A wrong current password changes nothing, and says so beside the field.
        let res = change("not my password at all", "lantern orchard velvet 7", true).await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="current_password-error""#) && html.contains("current password is not right"), "{html}");
        // A weak new one, or one made of the person's own address, neither.
        for weak in ["password1234", "ann@example.org1"] {
            let res = change(USER_PASSWORD, weak, true).await.unwrap();
            assert_eq!(res.status(), 422, "{weak}");
            assert!(res.text().await.unwrap().contains(r#"id="new_password-error""#), "{weak}");
        }
        // An over-long current password is refused, not cut to fit.
        let res = change(&"a".repeat(129), "lantern orchard velvet 7", true).await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("at most 128 characters"));
        assert_eq!(api_login(&app, "ann@example.org", USER_PASSWORD).await.status(), 200, "the old password still works");
        assert!(signed_in(&app, &phone).await, "nothing was ended");

        // Without the box ticked, other devices stay signed in.
        let res = change(USER_PASSWORD, "lantern orchard velvet 7", false).await.unwrap();
        assert_eq!(res.status(), 303);
        assert!(signed_in(&app, &phone).await);
        assert_eq!(api_login(&app, "ann@example.org", USER_PASSWORD).await.status(), 401);
        assert_eq!(api_login(&app, "ann@example.org", "lantern orchard velvet 7").await.status(), 200);

        // With it ticked, every other session ends and this one carries on.
        let res = change("lantern orchard velvet 7", "quiet meadow copper 93", true).await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/account?done=password_changed");
        assert!(!signed_in(&app, &phone).await, "the phone is signed out");
        assert!(signed_in(&app, &laptop).await, "this device carries on");
        assert_eq!(api_login(&app, "ann@example.org", "quiet meadow copper 93").await.status(), 200);
        let changes: Vec<String> = events(&app, &ann).await.into_iter().filter(|e| e.kind == "password_changed").map(|e| e.detail).collect();
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert!(changes[1].contains(r#""signed_out_elsewhere":true"#), "{changes:?}");
    }
);

both_backends!(
    async fn resets_refuse_passwords_made_of_the_persons_own_details(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let res = send(&app, HOST, Method::POST, "/api/v1/auth/register", None,
            Some(json!({"email": "wilhelmina.dunsmore@example.org", "password": USER_PASSWORD, "display_name": "Wilhelmina Dunsmore"}))).await;
        assert_eq!(res.status(), 201);
        let own = "wilhelminadunsmore!";
        // Strong enough for a stranger: only the person's details make it weak.
        assert!(coproduce::accounts::password::Password::parse_new(own, &[]).is_ok());

        // The API's reset.
        let res = send(&app, HOST, Method::POST, "/api/v1/auth/password-reset", None, Some(json!({"email": "wilhelmina.dunsmore@example.org"}))).await;
        assert_eq!(res.status(), 202);
        let token = token_in(&link_in(&delivered_email(&app, "wilhelmina.dunsmore@example.org", "reset_password").await));
        let res = send(&app, HOST, Method::POST, "/api/v1/auth/password-reset/confirm", None, Some(json!({"token": token, "new_password": own}))).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "new_password");
        assert_eq!(body["errors"][0]["code"], "too_weak");

        // The page's reset, with the same link (it was not used up).
        let page = browser(&app);
        let form = page.get(app.url(HOST, &format!("/reset-password?token={token}"))).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&form);
        let res = page.post(app.url(HOST, "/reset-password"))
            .form(&[("csrf", csrf.as_str()), ("token", token.as_str()), ("password", own)])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains(r#"id="password-error""#));
        assert_eq!(api_login(&app, "wilhelmina.dunsmore@example.org", own).await.status(), 401);

        let res = page.post(app.url(HOST, "/reset-password"))
            .form(&[("csrf", csrf.as_str()), ("token", token.as_str()), ("password", "lantern orchard velvet 7")])
            .send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(api_login(&app, "wilhelmina.dunsmore@example.org", "lantern orchard velvet 7").await.status(), 200);
    }
);

both_backends!(
    async fn over_long_passwords_are_refused_with_a_clear_message(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let long = format!("{USER_PASSWORD}{}", "x".repeat(200));
        let client = browser(&app);
        let res = sign_in(&app, &client, "ann@example.org", &long).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="password-error""#) && html.contains("at most 128 characters"), "{html}");
        let body = assert_problem(api_login(&app, "ann@example.org", &long).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "password");
        assert_eq!(body["errors"][0]["code"], "too_long");
        assert_eq!(api_login(&app, "ann@example.org", USER_PASSWORD).await.status(), 200);
    }
);

both_backends!(
    async fn ending_a_session_asks_for_the_password(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let laptop = browser(&app);
        sign_in(&app, &laptop, "ann@example.org", USER_PASSWORD).await;
        let phone = browser_session(&app, HOST, &ann).await;
        let html = laptop.get(app.url(HOST, "/account")).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&html);
        let start = html.find("/account/sessions/").unwrap() + "/account/sessions/".len();
        let id = &html[start..start + html[start..].find('/').unwrap()];
        assert_ne!(id, "end-others");
        let end = |password: &str| {
            laptop.post(app.url(HOST, &format!("/account/sessions/{id}/end")))
                .form(&[("csrf", csrf.as_str()), ("password", password)])
                .send()
        };
        let res = end("not my password at all").await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains(&format!(r#"id="password-end-{id}-error""#)));
        assert!(signed_in(&app, &phone).await);
        assert_eq!(end(USER_PASSWORD).await.unwrap().status(), 303);
        assert!(!signed_in(&app, &phone).await);
        assert!(signed_in(&app, &laptop).await);
    }
);

both_backends!(
    async fn admins_sign_a_person_out_everywhere(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let lee = user(&app, "leeds", "lee@example.org", Role::Citizen, false, false).await;
        let ann_browser = browser_session(&app, HOST, &ann).await;
        let ann_app = api_token(&app, &ann).await;
        let bob_browser = browser_session(&app, HOST, &bob).await;

        // The page: a button beside each person.
        let admin_browser = browser_session(&app, HOST, &admin).await;
        let html = admin_browser.get(app.url(HOST, "/admin/people")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(&format!("/admin/people/{}/sign-out", ann.id)), "{html}");
        let csrf = csrf_in(&html);
        let res = admin_browser.post(app.url(HOST, &format!("/admin/people/{}/sign-out", ann.id)))
            .form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/admin/people?done=signed_out");
        assert!(!signed_in(&app, &ann_browser).await, "Ann's browser is signed out");
        assert_eq!(send(&app, HOST, Method::GET, "/api/v1/me", Some(&ann_app), None).await.status(), 401, "and her app");
        assert!(signed_in(&app, &bob_browser).await, "nobody else is");
        let ended: Vec<AuditEvent> = events(&app, &ann).await.into_iter().filter(|e| e.kind == "sign_out").collect();
        assert_eq!(ended.len(), 1);
        assert_eq!(ended[0].actor_id.as_deref(), Some(admin.id.as_str()));
        assert!(ended[0].detail.contains(r#""reason":"admin""#) && ended[0].detail.contains(r#""sessions":2"#), "{}", ended[0].detail);

        // The API.
        let admin_app = api_token(&app, &admin).await;
        let path = format!("/api/v1/admin/users/{}/sign-out", bob.id);
        let ann_again = api_token(&app, &ann).await;
        assert_eq!(send(&app, HOST, Method::POST, &path, Some(&ann_again), None).await.status(), 403, "citizens cannot");
        assert!(signed_in(&app, &bob_browser).await);
        let res = send(&app, HOST, Method::POST, &path, Some(&admin_app), None).await;
        assert_eq!(res.status(), 200);
        assert_eq!(json(res).await["ended"], 1);
        assert!(!signed_in(&app, &bob_browser).await);
        // Another place's people are not found here.
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/admin/users/{}/sign-out", lee.id), Some(&admin_app), None).await;
        assert_problem(res, 404, "not_found").await;
    }
);

both_backends!(
    async fn a_role_change_ends_the_persons_sessions(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let mod_user = user(&app, "coventry", "mo@example.org", Role::Moderator, false, false).await;
        let mo = browser_session(&app, HOST, &mod_user).await;
        let mo_app = api_token(&app, &mod_user).await;
        let admin_app = api_token(&app, &admin).await;
        let path = format!("/api/v1/admin/users/{}/role", mod_user.id);
        // Setting the role it already has changes nothing.
        let res = send(&app, HOST, Method::PUT, &path, Some(&admin_app), Some(json!({"role": "moderator"}))).await;
        assert_eq!(res.status(), 200);
        assert!(signed_in(&app, &mo).await);
        // A demotion ends every session held under the old role.
        let res = send(&app, HOST, Method::PUT, &path, Some(&admin_app), Some(json!({"role": "citizen"}))).await;
        assert_eq!(res.status(), 200);
        assert!(!signed_in(&app, &mo).await);
        assert_eq!(send(&app, HOST, Method::GET, "/api/v1/me", Some(&mo_app), None).await.status(), 401);
        assert_eq!(send(&app, HOST, Method::GET, "/api/v1/me", Some(&admin_app), None).await.status(), 200, "the admin carries on");
        let reasons: Vec<String> = events(&app, &mod_user).await.into_iter().filter(|e| e.kind == "sign_out").map(|e| e.detail).collect();
        assert_eq!(reasons.len(), 1);
        assert!(reasons[0].contains(r#""reason":"role_changed""#));
    }
);

both_backends!(
    async fn two_step_changes_offer_to_sign_out_elsewhere(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, true).await;
        let here = browser_session(&app, HOST, &ann).await;
        let there = browser_session(&app, HOST, &ann).await;
        let page = here.get(app.url(HOST, "/account/two-factor")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Also sign out everywhere else"));
        let csrf = csrf_in(&page);
        // New recovery codes without the box: the other device stays.
        let res = here.post(app.url(HOST, "/account/two-factor/recovery-codes"))
            .form(&[("csrf", csrf.as_str()), ("password", USER_PASSWORD)]).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(signed_in(&app, &there).await);
        // Turning it off with the box ticked signs the other device out.
        let res = here.post(app.url(HOST, "/account/two-factor/disable"))
            .form(&[("csrf", csrf.as_str()), ("password", "not my password at all"), ("end_other_sessions", "yes")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains(r#"id="password-off-error""#), "the error is beside its own field");
        assert!(signed_in(&app, &there).await);
        let res = here.post(app.url(HOST, "/account/two-factor/disable"))
            .form(&[("csrf", csrf.as_str()), ("password", USER_PASSWORD), ("end_other_sessions", "yes")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/account/two-factor?done=off_and_signed_out");
        assert!(!signed_in(&app, &there).await);
        assert!(signed_in(&app, &here).await);
        let page = here.get(app.url(HOST, "/account/two-factor?done=off_and_signed_out")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("signed out everywhere else"));
    }
);

both_backends!(
    async fn emailed_sign_in_links_live_ten_minutes(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let client = browser(&app);
        let csrf = csrf_in(&client.get(app.url(HOST, "/sign-in/email-link")).send().await.unwrap().text().await.unwrap());
        let res = client.post(app.url(HOST, "/sign-in/email-link"))
            .form(&[("csrf", csrf.as_str()), ("email", "ann@example.org")]).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("for 10 minutes"));
        let mail = delivered_email(&app, "ann@example.org", "sign_in_link").await;
        assert!(mail.contains("10 minutes"), "{mail}");
        let tenant = ann.tenant_id.clone();
        let lifetime = app.db(move |conn| {
            let (created, expires): (chrono::NaiveDateTime, chrono::NaiveDateTime) = account_tokens::table
                .filter(account_tokens::tenant_id.eq(&tenant))
                .filter(account_tokens::purpose.eq("sign_in"))
                .select((account_tokens::created_at, account_tokens::expires_at))
                .first(conn)
                .unwrap();
            expires - created
        }).await;
        assert_eq!(lifetime, chrono::Duration::minutes(10));
    }
);

both_backends!(
    async fn keys_and_codes_from_before_keep_working_and_are_hardened(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, true).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, true).await;
        let ann_key = app.totp_secret_of(&ann).await;
        let bob_key = app.totp_secret_of(&bob).await;
        // As an older version stored them: keys in plaintext, and one
        // short recovery code under its bare hash.
        let legacy = hash_recovery_code("abcde-fghjk");
        assert!(!legacy.starts_with("v2:"));
        let (a, b) = (ann.clone(), bob.clone());
        let (ka, kb) = (ann_key.to_base32(), bob_key.to_base32());
        app.db(move |conn| {
            for (u, k) in [(&a, &ka), (&b, &kb)] {
                diesel::update(users::table.find((&u.tenant_id, &u.id)))
                    .set(users::totp_secret.eq(k))
                    .execute(conn)
                    .unwrap();
            }
            service::replace_recovery_codes(conn, &a, &[legacy]).unwrap();
        }).await;

        // Ann's plaintext key still signs her in, and is sealed once used.
        let code = code_at(&ann_key, now());
        let res = send(&app, HOST, Method::POST, "/api/v1/auth/login", None,
            Some(json!({"email": "ann@example.org", "password": USER_PASSWORD, "code": code}))).await;
        assert_eq!(res.status(), 200);
        assert!(stored(&app, &ann).await.starts_with("sealed:"));
        assert_eq!(app.totp_secret_of(&ann).await.to_base32(), ann_key.to_base32());

        // Bob's is sealed by the sweep that runs at start-up.
        let keys = app.keys();
        let sealed = app.db(move |conn| service::seal_plaintext_totp_secrets(conn, &keys).unwrap()).await;
        assert_eq!(sealed, 1);
        assert!(stored(&app, &bob).await.starts_with("sealed:"));
        assert_eq!(app.totp_secret_of(&bob).await.to_base32(), bob_key.to_base32());

        // The short recovery code works once, and its owner is asked to replace it.
        let ann_browser = browser_session(&app, HOST, &ann).await;
        let page = ann_browser.get(app.url(HOST, "/account/two-factor")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("older, shorter kind"), "{page}");
        let with_code = |c: &str| send(&app, HOST, Method::POST, "/api/v1/auth/login", None,
            Some(json!({"email": "ann@example.org", "password": USER_PASSWORD, "code": c})));
        assert_eq!(with_code("ABCDE FGHJK").await.status(), 200);
        assert_eq!(with_code("abcde-fghjk").await.status(), 401, "used once");
        let page = ann_browser.get(app.url(HOST, "/account/two-factor")).send().await.unwrap().text().await.unwrap();
        assert!(!page.contains("older, shorter kind"));
    }
);

both_backends!(
    async fn the_second_step_issues_a_new_session_and_revokes_the_first(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, true).await;
        let key = app.totp_secret_of(&ann).await;
        let client = browser(&app);
        let cookie_of = |res: &reqwest::Response| {
            res.cookies().find(|c| c.name() == "coproduce_session").map(|c| c.value().to_owned())
        };
        let res = sign_in(&app, &client, "ann@example.org", USER_PASSWORD).await;
        assert_eq!(res.status(), 303);
        let half = cookie_of(&res).expect("a half-signed-in session");
        let page = client.get(app.url(HOST, "/sign-in/second-factor?next=/account")).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&page);
        let res = client.post(app.url(HOST, "/sign-in/second-factor"))
            .form(&[("csrf", csrf.as_str()), ("code", code_at(&key, now()).as_str()), ("next", "/account")])
            .send().await.unwrap();
        assert_eq!(res.status(), 303);
        let full = cookie_of(&res).expect("a new session cookie");
        assert_ne!(full, half);
        assert!(signed_in(&app, &client).await);
        // The half-signed-in secret, had it been seen, is worth nothing now.
        let replay = app.client(HOST);
        let res = replay.get(app.url(HOST, "/sign-in/second-factor"))
            .header("cookie", format!("coproduce_session={half}")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/sign-in", "revoked, not waiting for a code");
        let live = app.db({
            let ann = ann.clone();
            move |conn| service::active_sessions(conn, &ann.tenant_id, &ann.id, Default::default()).unwrap().len()
        }).await;
        assert_eq!(live, 1);
    }
);
