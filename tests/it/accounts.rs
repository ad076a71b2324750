//! Accounts: registration, email verification, sign-in over the API and in
//! pages, tokens (tampered, expired, alg none, another tenant's), refresh
//! rotation with reuse detection, sign-out, password reset, CSRF.

use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{assert_problem, csrf_in, delivered_email, json, link_in, token_in, TestApp};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";
const PASSWORD: &str = "violet kettle harbour 42";

async fn post_json(app: &TestApp, host: &str, path: &str, body: Value) -> reqwest::Response {
    app.client(host)
        .post(app.url(host, path))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn register(app: &TestApp, host: &str, email: &str) -> Value {
    let res = post_json(
        app,
        host,
        "/api/v1/auth/register",
        json!({"email": email, "password": PASSWORD, "display_name": "Ann"}),
    )
    .await;
    assert_eq!(res.status(), 201);
    json(res).await
}

async fn login(app: &TestApp, host: &str, email: &str, password: &str) -> reqwest::Response {
    post_json(
        app,
        host,
        "/api/v1/auth/login",
        json!({"email": email, "password": password}),
    )
    .await
}

async fn tokens(app: &TestApp, host: &str, email: &str) -> Value {
    let res = login(app, host, email, PASSWORD).await;
    assert_eq!(res.status(), 200);
    json(res).await
}

async fn me(app: &TestApp, host: &str, access: &str) -> reqwest::Response {
    app.client(host)
        .get(app.url(host, "/api/v1/me"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap()
}

both_backends!(
    async fn registration_verification_and_me(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let created = register(&app, HOST, "Ann@Example.org").await;
        assert_eq!(created["email"], "ann@example.org");
        assert_eq!(created["display_name"], "Ann");
        assert_eq!(created["email_verified"], false);

        let email = delivered_email(&app, "ann@example.org", "verify_email").await;
        assert!(email.contains("Hello Ann"), "{email}");
        let link = link_in(&email);
        assert!(link.starts_with(&format!("http://{HOST}:{}/verify-email?token=", app.addr.port())));
        let token = token_in(&link);

        let res = post_json(&app, HOST, "/api/v1/auth/verify-email", json!({"token": token})).await;
        assert_eq!(res.status(), 204);
        let res = post_json(&app, HOST, "/api/v1/auth/verify-email", json!({"token": token})).await;
        assert_problem(res, 400, "invalid_link").await;

        let pair = tokens(&app, HOST, "ann@example.org").await;
        assert_eq!(pair["token_type"], "Bearer");
        assert_eq!(pair["expires_in"], 900);
        let res = me(&app, HOST, pair["access_token"].as_str().unwrap()).await;
        assert_eq!(res.status(), 200);
        let body = json(res).await;
        assert_eq!(body["email_verified"], true);
        assert_eq!(body["role"], "citizen");

        let res = register_raw(&app, json!({"email": "ann@example.org", "password": PASSWORD, "display_name": "Ann"})).await;
        assert_problem(res, 409, "email_taken").await;
    }
);

async fn register_raw(app: &TestApp, body: Value) -> reqwest::Response {
    post_json(app, HOST, "/api/v1/auth/register", body).await
}

both_backends!(
    async fn bad_registrations_get_field_errors_and_write_nothing(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let res = register_raw(&app, json!({"email": "not-an-email", "password": "password1234", "display_name": " "})).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, vec!["email", "display_name", "password"]);

        let res = register_raw(&app, json!({"email": "a@example.org", "password": "short", "display_name": "A"})).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["code"], "too_short");

        let res = app.client(HOST).post(app.url(HOST, "/api/v1/auth/register"))
            .header("content-type", "application/json").body("{\"email\": ").send().await.unwrap();
        assert_problem(res, 400, "malformed_json").await;
        let res = register_raw(&app, json!({"email": 5})).await;
        assert_problem(res, 400, "invalid_body").await;
        let res = app.client(HOST).post(app.url(HOST, "/api/v1/auth/register"))
            .header("content-type", "text/plain").body("hello").send().await.unwrap();
        assert_problem(res, 415, "unsupported_media_type").await;
        let big = json!({"email": "a@example.org", "password": "x".repeat(300_000), "display_name": "A"});
        let res = register_raw(&app, big).await;
        assert_problem(res, 413, "payload_too_large").await;

        let users: i64 = app.db(|conn| {
            use diesel::prelude::*;
            coproduce::db::schema::users::table.count().get_result(conn).unwrap()
        }).await;
        assert_eq!(users, 0, "no half-written accounts");
    }
);

both_backends!(
    async fn wrong_credentials_get_one_answer(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        register(&app, HOST, "ann@example.org").await;
        let wrong = json(login(&app, HOST, "ann@example.org", "not my password at all").await).await;
        let unknown = json(login(&app, HOST, "nobody@example.org", PASSWORD).await).await;
        assert_eq!(wrong, unknown);
        assert_eq!(wrong["status"], 401);
        let malformed = login(&app, HOST, "not an email", PASSWORD).await;
        assert_eq!(malformed.status(), 401);
    }
);

fn secrets_key(app: &TestApp) -> (String, Vec<u8>) {
    use base64::Engine;
    let text = std::fs::read_to_string(app.settings.data_dir.join("keys/secrets.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let key = &v["access_token_keys"][0];
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(key["secret"].as_str().unwrap())
        .unwrap();
    (key["kid"].as_str().unwrap().to_owned(), secret)
}

both_backends!(
    async fn bad_tokens_are_refused(app) {
        let coventry = app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        register(&app, HOST, "ann@example.org").await;
        let pair = tokens(&app, HOST, "ann@example.org").await;
        let access = pair["access_token"].as_str().unwrap().to_owned();

        // Another tenant's host refuses a valid token of this one.
        assert_problem(me(&app, OTHER, &access).await, 401, "unauthorized").await;

        // Tampered payload.
        let parts: Vec<&str> = access.split('.').collect();
        let tampered = format!("{}.{}x.{}", parts[0], parts[1], parts[2]);
        assert_eq!(me(&app, HOST, &tampered).await.status(), 401);

        // alg: none
        use base64::Engine;
        let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
        let payload: Value = serde_json::from_slice(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(parts[1]).unwrap(),
        )
        .unwrap();
        let none = format!("{}.{}.", b64(&json!({"alg": "none", "typ": "JWT"})), b64(&payload));
        assert_eq!(me(&app, HOST, &none).await.status(), 401);

        // Properly signed but expired, and properly signed for another audience.
        let (kid, secret) = secrets_key(&app);
        let sign = |claims: &Value| {
            let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
            header.kid = Some(kid.clone());
            jsonwebtoken::encode(&header, claims, &jsonwebtoken::EncodingKey::from_secret(&secret)).unwrap()
        };
        let mut expired = payload.clone();
        expired["exp"] = json!(chrono::Utc::now().timestamp() - 60);
        expired["iat"] = json!(chrono::Utc::now().timestamp() - 1000);
        assert_eq!(me(&app, HOST, &sign(&expired)).await.status(), 401);
        let mut wrong_aud = payload.clone();
        wrong_aud["aud"] = json!("coproduce:tenant:someone-else");
        assert_eq!(me(&app, HOST, &sign(&wrong_aud)).await.status(), 401);
        let mut unchanged = payload.clone();
        unchanged["tid"] = json!(coventry.id.to_string());
        assert_eq!(me(&app, HOST, &sign(&unchanged)).await.status(), 200, "the forged-token checks are not vacuous");

        // No token, or garbage.
        let res = app.get(HOST, "/api/v1/me").await;
        assert_problem(res, 401, "unauthorized").await;
        assert_eq!(me(&app, HOST, "garbage").await.status(), 401);
    }
);

both_backends!(
    async fn refresh_rotates_and_reuse_ends_the_session(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        register(&app, HOST, "ann@example.org").await;
        let first = tokens(&app, HOST, "ann@example.org").await;
        let old_refresh = first["refresh_token"].as_str().unwrap();

        // Another tenant does not know this refresh token.
        let res = post_json(&app, OTHER, "/api/v1/auth/refresh", json!({"refresh_token": old_refresh})).await;
        assert_eq!(res.status(), 401);

        let res = post_json(&app, HOST, "/api/v1/auth/refresh", json!({"refresh_token": old_refresh})).await;
        assert_eq!(res.status(), 200);
        let second = json(res).await;
        assert_ne!(second["refresh_token"], first["refresh_token"]);
        let new_access = second["access_token"].as_str().unwrap();
        assert_eq!(me(&app, HOST, new_access).await.status(), 200);

        // The spent token comes back: someone copied it. The session ends.
        let res = post_json(&app, HOST, "/api/v1/auth/refresh", json!({"refresh_token": old_refresh})).await;
        assert_eq!(res.status(), 401);
        assert_eq!(me(&app, HOST, new_access).await.status(), 401);
        let res = post_json(&app, HOST, "/api/v1/auth/refresh", json!({"refresh_token": second["refresh_token"]})).await;
        assert_eq!(res.status(), 401);

        // Logout ends a session's tokens at once.
        let third = tokens(&app, HOST, "ann@example.org").await;
        let access = third["access_token"].as_str().unwrap();
        let res = app.client(HOST).post(app.url(HOST, "/api/v1/auth/logout")).bearer_auth(access).send().await.unwrap();
        assert_eq!(res.status(), 204);
        assert_eq!(me(&app, HOST, access).await.status(), 401);
    }
);

both_backends!(
    async fn password_reset_by_email(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        register(&app, HOST, "ann@example.org").await;
        let before = tokens(&app, HOST, "ann@example.org").await;

        let res = post_json(&app, HOST, "/api/v1/auth/password-reset", json!({"email": "nobody@example.org"})).await;
        assert_eq!(res.status(), 202);
        let res = post_json(&app, HOST, "/api/v1/auth/password-reset", json!({"email": "ann@example.org"})).await;
        assert_eq!(res.status(), 202);
        let token = token_in(&link_in(&delivered_email(&app, "ann@example.org", "reset_password").await));

        let res = post_json(&app, HOST, "/api/v1/auth/password-reset/confirm", json!({"token": token, "new_password": "password1234"})).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "new_password");

        let new_password = "lantern orchard velvet 7";
        let res = post_json(&app, HOST, "/api/v1/auth/password-reset/confirm", json!({"token": token, "new_password": new_password})).await;
        assert_eq!(res.status(), 204);
        let res = post_json(&app, HOST, "/api/v1/auth/password-reset/confirm", json!({"token": token, "new_password": new_password})).await;
        assert_problem(res, 400, "invalid_link").await;

        assert_eq!(me(&app, HOST, before["access_token"].as_str().unwrap()).await.status(), 401, "old sessions end");
        assert_eq!(login(&app, HOST, "ann@example.org", PASSWORD).await.status(), 401);
        assert_eq!(login(&app, HOST, "ann@example.org", new_password).await.status(), 200);
    }
);

fn browser_like(app: &TestApp, host: &str) -> reqwest::Client {
    reqwest::Client::builder()
        // Under the server's 5 s keep-alive, so no request goes out on a
        // connection the server is closing.
        .pool_idle_timeout(std::time::Duration::from_secs(2))
        .resolve(host, app.addr)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

both_backends!(
    async fn pages_register_sign_out_and_sign_in_with_csrf(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let browser = browser_like(&app, HOST);
        let form_page = browser.get(app.url(HOST, "/register")).send().await.unwrap();
        let set_cookie = form_page.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"), "{set_cookie}");
        let csrf = csrf_in(&form_page.text().await.unwrap());

        // Without the token, or from another site: refused, nothing written.
        let res = browser.post(app.url(HOST, "/register"))
            .form(&[("email", "ann@example.org"), ("display_name", "Ann"), ("password", PASSWORD)])
            .send().await.unwrap();
        assert_eq!(res.status(), 403);
        let res = browser.post(app.url(HOST, "/register"))
            .header("origin", format!("http://{OTHER}:{}", app.addr.port()))
            .form(&[("csrf", csrf.as_str()), ("email", "ann@example.org"), ("display_name", "Ann"), ("password", PASSWORD)])
            .send().await.unwrap();
        assert_eq!(res.status(), 403);

        // Bad input: the form comes back with the message beside the field and the input kept.
        let res = browser.post(app.url(HOST, "/register"))
            .form(&[("csrf", csrf.as_str()), ("email", "ann@example.org"), ("display_name", "Ann"), ("password", "short")])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="password-error""#) && html.contains("at least 12 characters"));
        assert!(html.contains(r#"value="ann@example.org""#));
        assert!(html.contains("There is a problem"));

        let res = browser.post(app.url(HOST, "/register"))
            .header("origin", format!("http://{HOST}:{}", app.addr.port()))
            .form(&[("csrf", csrf.as_str()), ("email", "ann@example.org"), ("display_name", "Ann"), ("password", PASSWORD)])
            .send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/account?done=registered");
        let html = browser.get(app.url(HOST, "/account?done=registered")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Welcome!") && html.contains("not confirmed yet"), "{html}");

        let csrf = csrf_in(&html);
        let res = browser.post(app.url(HOST, "/sign-out")).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["clear-site-data"], "\"cache\", \"storage\"", "the browser forgets the session's pages");
        let res = browser.get(app.url(HOST, "/account")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/sign-in?next=%2Faccount");

        let page = browser.get(app.url(HOST, "/sign-in?next=/account")).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&page);
        let res = browser.post(app.url(HOST, "/sign-in"))
            .form(&[("csrf", csrf.as_str()), ("email", "ann@example.org"), ("password", "wrong password here"), ("next", "/account")])
            .send().await.unwrap();
        assert_eq!(res.status(), 401);
        assert!(res.text().await.unwrap().contains("The email address or password is not right"));
        let res = browser.post(app.url(HOST, "/sign-in"))
            .form(&[("csrf", csrf.as_str()), ("email", "ann@example.org"), ("password", PASSWORD), ("next", "//evil.example/")])
            .send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/account", "never redirect off-site");
        assert_eq!(browser.get(app.url(HOST, "/account")).send().await.unwrap().status(), 200);
    }
);

both_backends!(
    async fn sessions_are_listed_and_ended_and_stay_in_their_tenant(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        register(&app, HOST, "ann@example.org").await;
        let sign_in = |host: &'static str| {
            let client = browser_like(&app, host);
            let url = app.url(host, "/sign-in");
            async move {
                let csrf = csrf_in(&client.get(&url).send().await.unwrap().text().await.unwrap());
                let res = client.post(&url)
                    .form(&[("csrf", csrf.as_str()), ("email", "ann@example.org"), ("password", PASSWORD)])
                    .send().await.unwrap();
                (client, res.status().as_u16(), res.headers().get("set-cookie").map(|v| v.to_str().unwrap().to_owned()))
            }
        };
        let (laptop, status, cookie) = sign_in(HOST).await;
        assert_eq!(status, 303);
        let (phone, _, _) = sign_in(HOST).await;
        // The same person has no account in Leeds.
        let (_, status, _) = sign_in(OTHER).await;
        assert_eq!(status, 401);

        // A Coventry session cookie replayed on Leeds' host signs nobody in.
        let cookie = cookie.unwrap();
        let pair = cookie.split(';').next().unwrap().to_owned();
        let res = app.client(OTHER).get(app.url(OTHER, "/account")).header("cookie", pair).send().await.unwrap();
        assert_eq!(res.status(), 303);

        let html = laptop.get(app.url(HOST, "/account")).send().await.unwrap().text().await.unwrap();
        assert_eq!(html.matches("/end\"").count(), 1, "one other session to end");
        assert!(html.contains("(this device)"));
        let csrf = csrf_in(&html);
        // Ending sessions asks for the password again.
        let res = laptop.post(app.url(HOST, "/account/sessions/end-others")).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains(r#"id="password_end_others-error""#));
        assert_eq!(phone.get(app.url(HOST, "/account")).send().await.unwrap().status(), 200, "nothing ended");
        let res = laptop.post(app.url(HOST, "/account/sessions/end-others")).form(&[("csrf", csrf.as_str()), ("password", PASSWORD)]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(phone.get(app.url(HOST, "/account")).send().await.unwrap().status(), 303, "the phone is signed out");
        assert_eq!(laptop.get(app.url(HOST, "/account")).send().await.unwrap().status(), 200);
    }
);

both_backends!(
    async fn email_changes_need_the_password_and_the_new_address(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        register(&app, HOST, "ann@example.org").await;
        let browser = browser_like(&app, HOST);
        let csrf = csrf_in(&browser.get(app.url(HOST, "/sign-in")).send().await.unwrap().text().await.unwrap());
        browser.post(app.url(HOST, "/sign-in"))
            .form(&[("csrf", csrf.as_str()), ("email", "ann@example.org"), ("password", PASSWORD)])
            .send().await.unwrap();
        let csrf = csrf_in(&browser.get(app.url(HOST, "/account")).send().await.unwrap().text().await.unwrap());

        let res = browser.post(app.url(HOST, "/account/email"))
            .form(&[("csrf", csrf.as_str()), ("new_email", "ann@new.example"), ("password", "not my password")])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains(r#"id="password-error""#));
        let res = browser.post(app.url(HOST, "/account/email"))
            .form(&[("csrf", csrf.as_str()), ("new_email", "ann@example.org"), ("password", PASSWORD)])
            .send().await.unwrap();
        assert_eq!(res.status(), 422, "the same address is refused");

        let res = browser.post(app.url(HOST, "/account/email"))
            .form(&[("csrf", csrf.as_str()), ("new_email", "Ann@New.example"), ("password", PASSWORD)])
            .send().await.unwrap();
        assert_eq!(res.status(), 303);
        let notice = delivered_email(&app, "ann@example.org", "email_change_notice").await;
        assert!(notice.contains("ann@new.example"), "{notice}");
        let token = token_in(&link_in(&delivered_email(&app, "ann@new.example", "change_email").await));

        // Until the link is followed, the old address still signs in.
        assert_eq!(login(&app, HOST, "ann@example.org", PASSWORD).await.status(), 200);
        let res = browser.post(app.url(HOST, "/account/email/confirm"))
            .form(&[("csrf", csrf.as_str()), ("token", token.as_str())])
            .send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(login(&app, HOST, "ann@example.org", PASSWORD).await.status(), 401);
        assert_eq!(login(&app, HOST, "ann@new.example", PASSWORD).await.status(), 200);
        let res = browser.post(app.url(HOST, "/account/email/confirm"))
            .form(&[("csrf", csrf.as_str()), ("token", token.as_str())])
            .send().await.unwrap();
        assert_eq!(res.status(), 400, "links work once");
    }
);

both_backends!(
    /// Many people registering at once (each a read-then-write transaction,
    /// while the mail worker writes too) all succeed: none meets a locked
    /// database or a 500.
    async fn concurrent_registrations_all_succeed(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let client = app.client(HOST);
        let url = app.url(HOST, "/api/v1/auth/register");
        let requests = (0..30).map(|i| {
            let (client, url) = (client.clone(), url.clone());
            async move {
                client
                    .post(url)
                    .json(&json!({"email": format!("person{i}@example.org"), "password": PASSWORD, "display_name": format!("Person {i}")}))
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }
        });
        let statuses = futures::future::join_all(requests).await;
        assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
        let users: i64 = app
            .db(|conn| {
                use diesel::prelude::*;
                coproduce::db::schema::users::table.count().get_result(conn).unwrap()
            })
            .await;
        assert_eq!(users, 30);
    }
);

/// The token of the first link to `path` in a raw message (quoted-printable
/// soft line breaks undone).
fn token_in_raw(data: &str, path: &str) -> String {
    let flat = data.replace("=\r\n", "").replace("=3D", "=");
    let start = flat
        .find(&format!("{path}?token="))
        .unwrap_or_else(|| panic!("no {path} link in {flat}"))
        + path.len()
        + "?token=".len();
    flat[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

both_backends!(
    async fn verification_and_reset_emails_arrive_over_smtp_and_their_links_work(backend b) {
        use crate::common::smtp::SmtpServer;
        let smtp = SmtpServer::start();
        let url = smtp.url();
        let app = TestApp::spawn_with(b, move |s| s.mail = coproduce::config::MailTransport::Smtp(url)).await;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        register(&app, HOST, "ann@example.org").await;
        let received = smtp.wait_for(1, std::time::Duration::from_secs(10)).await;
        assert_eq!(received[0].to, vec!["ann@example.org".to_owned()]);
        assert!(received[0].header("Subject").unwrap().contains("Confirm your email address"));
        let token = token_in_raw(&received[0].data, "/verify-email");
        let res = post_json(&app, HOST, "/api/v1/auth/verify-email", json!({"token": token})).await;
        assert_eq!(res.status(), 204);

        let res = post_json(&app, HOST, "/api/v1/auth/password-reset", json!({"email": "ann@example.org"})).await;
        assert_eq!(res.status(), 202);
        let received = smtp.wait_for(2, std::time::Duration::from_secs(10)).await;
        let token = token_in_raw(&received[1].data, "/reset-password");
        let res = post_json(&app, HOST, "/api/v1/auth/password-reset/confirm", json!({"token": token, "new_password": "lantern orchard velvet 7"})).await;
        assert_eq!(res.status(), 204);
        assert_eq!(login(&app, HOST, "ann@example.org", "lantern orchard velvet 7").await.status(), 200);
    }
);

both_backends!(
    async fn signing_in_with_an_emailed_link(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        register(&app, HOST, "ann@example.org").await;
        let browser = browser_like(&app, HOST);
        let csrf = csrf_in(&browser.get(app.url(HOST, "/sign-in/email-link")).send().await.unwrap().text().await.unwrap());
        for email in ["nobody@example.org", "ann@example.org"] {
            let res = browser.post(app.url(HOST, "/sign-in/email-link"))
                .form(&[("csrf", csrf.as_str()), ("email", email)]).send().await.unwrap();
            assert_eq!(res.status(), 200);
            assert!(res.text().await.unwrap().contains("If ") , "the same answer either way");
        }
        let link = link_in(&delivered_email(&app, "ann@example.org", "sign_in_link").await);
        let token = token_in(&link);
        // Another tenant does not know the link.
        let other = app.get(OTHER, &format!("/sign-in/link?token={token}")).await.text().await.unwrap();
        assert!(other.contains("expired or has already been used"));

        let page = browser.get(&link).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Sign me in"));
        let res = browser.post(app.url(HOST, "/sign-in/link"))
            .form(&[("csrf", csrf_in(&page).as_str()), ("token", token.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/account");
        let account = browser.get(app.url(HOST, "/account")).send().await.unwrap().text().await.unwrap();
        assert!(account.contains("(confirmed)"), "following the link proves the address");
        let res = browser.post(app.url(HOST, "/sign-in/link"))
            .form(&[("csrf", csrf_in(&account).as_str()), ("token", token.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 400, "links work once");
    }
);

#[tokio::test]
async fn cookies_are_host_prefixed_and_secure_except_on_loopback() {
    let app =
        TestApp::spawn_with(crate::common::Backend::Sqlite, |s| s.insecure_http = false).await;
    app.tenant("coventry", "Coventry", &[HOST, "localhost"])
        .await;
    let res = app.get(HOST, "/sign-in").await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-coproduce_csrf="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    assert!(
        !cookie.contains("Domain="),
        "__Host- cookies carry no Domain: {cookie}"
    );
    // Links in email use https on a real host.
    register(&app, HOST, "ann@example.org").await;
    let link = link_in(&delivered_email(&app, "ann@example.org", "verify_email").await);
    assert!(
        link.starts_with(&format!(
            "https://{HOST}:{}/verify-email?token=",
            app.addr.port()
        )),
        "{link}"
    );

    let res = app.get("localhost", "/sign-in").await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.starts_with("coproduce_csrf=") && !cookie.contains("Secure"),
        "{cookie}"
    );
}

both_backends!(
    async fn ids_and_links_of_others_lead_nowhere(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        register(&app, HOST, "ann@example.org").await;
        register(&app, OTHER, "bob@example.org").await;
        let ann = crate::common::user(&app, "coventry", "ann2@example.org", coproduce::accounts::Role::Citizen, false, false).await;
        let bob = crate::common::user(&app, "leeds", "bob2@example.org", coproduce::accounts::Role::Citizen, false, false).await;
        let carol = crate::common::user(&app, "coventry", "carol@example.org", coproduce::accounts::Role::Citizen, false, false).await;

        // Leeds' verification link does nothing in Coventry, and is still good at home.
        let token = token_in(&link_in(&delivered_email(&app, "bob@example.org", "verify_email").await));
        let res = post_json(&app, HOST, "/api/v1/auth/verify-email", json!({"token": token})).await;
        assert_problem(res, 400, "invalid_link").await;
        let res = post_json(&app, OTHER, "/api/v1/auth/verify-email", json!({"token": token})).await;
        assert_eq!(res.status(), 204);

        // Ending a session by id: someone else's (same place or another) is not found, and stays alive.
        let ann_client = crate::common::browser_session(&app, HOST, &ann).await;
        let bob_secret = crate::common::session_secret(&app, &bob, coproduce::accounts::model::SessionKind::Browser).await;
        let carol_secret = crate::common::session_secret(&app, &carol, coproduce::accounts::model::SessionKind::Browser).await;
        let ann_id = ann.id.to_string();
        let others: Vec<String> = app
            .db(move |conn| {
                use coproduce::db::schema::sessions;
                use diesel::prelude::*;
                sessions::table
                    .filter(sessions::user_id.ne(ann_id))
                    .select(sessions::id)
                    .load::<String>(conn)
                    .unwrap()
            })
            .await;
        assert_eq!(others.len(), 2);
        let csrf = csrf_in(&ann_client.get(app.url(HOST, "/account")).send().await.unwrap().text().await.unwrap());
        for id in &others {
            let res = ann_client
                .post(app.url(HOST, &format!("/account/sessions/{id}/end")))
                .form(&[("csrf", csrf.as_str()), ("password", PASSWORD)])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 404, "someone else's session {id}");
        }
        for (host, secret) in [(OTHER, bob_secret), (HOST, carol_secret)] {
            let res = app.client(host).get(app.url(host, "/account")).header("cookie", format!("coproduce_session={secret}")).send().await.unwrap();
            assert_eq!(res.status(), 200, "their sessions are untouched");
        }
    }
);

both_backends!(
    /// On the embedded default, a newcomer finds the confirmation email as
    /// an `.eml` file whose link can be copied as it is.
    async fn the_confirmation_email_lands_in_the_mail_folder_with_a_whole_link(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        register(&app, HOST, "ann@example.org").await;
        let link = link_in(&delivered_email(&app, "ann@example.org", "verify_email").await);
        let folder = app.settings.data_dir.join("mail");
        let files: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].extension().unwrap(), "eml");
        let raw = std::fs::read_to_string(&files[0]).unwrap();
        assert!(raw.contains(&link), "the link is whole in the raw message: {raw}");
        assert!(raw.contains("Content-Type: text/html"));
    }
);

both_backends!(
    async fn registering_in_welsh_says_what_is_wrong_in_welsh(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let jar = reqwest::cookie::Jar::default();
        jar.add_cookie_str("lang=cy; Path=/", &url::Url::parse(&app.url(HOST, "/")).unwrap());
        let browser = reqwest::Client::builder()
            .resolve(HOST, app.addr)
            .cookie_provider(std::sync::Arc::new(jar))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let form = browser.get(app.url(HOST, "/register")).send().await.unwrap().text().await.unwrap();
        assert!(form.contains(r#"<html lang="cy">"#), "{form}");
        let res = browser.post(app.url(HOST, "/register"))
            .form(&[("csrf", csrf_in(&form).as_str()), ("email", "ann@example.org"), ("display_name", "Ann"), ("password", "byr")])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        // Beside the password, in Welsh, with the number in it; no English left.
        assert!(html.contains(r#"id="password-error""#), "{html}");
        assert!(html.contains("defnyddiwch o leiaf 12 nod"), "{html}");
        assert!(!html.contains("use at least 12 characters") && !html.contains("unrelated words make"), "{html}");
        assert!(html.contains("Mae problem") && !html.contains("There is a problem"), "{html}");
        // The address already taken is said in Welsh too.
        register(&app, HOST, "nia@example.org").await;
        let res = browser.post(app.url(HOST, "/register"))
            .form(&[("csrf", csrf_in(&form).as_str()), ("email", "nia@example.org"), ("display_name", "Nia"), ("password", PASSWORD)])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("mae cyfrif gyda"), "{html}");
        assert!(!html.contains("an account with this email already exists"), "{html}");
    }
);
