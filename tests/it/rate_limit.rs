//! Rate limits on sign-in, registration and password reset: an address
//! guessing passwords is held while the owner still signs in from their
//! own; one place's limits never touch another's; registration and reset
//! requests are limited; pages answer a calm 429 page, the API a problem.

use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{assert_problem, csrf_in, TestApp};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";
const PASSWORD: &str = "violet kettle harbour 42";
const OWNER: &str = "192.0.2.10";
const ATTACKER: &str = "198.51.100.7";

/// Posts JSON as if from `client`, through the trusted proxy on loopback.
async fn post_from(
    app: &TestApp,
    host: &str,
    client: &str,
    path: &str,
    body: Value,
) -> reqwest::Response {
    app.client(host)
        .post(app.url(host, path))
        .header("x-forwarded-for", client)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn login_from(app: &TestApp, client: &str, password: &str) -> reqwest::Response {
    post_from(
        app,
        HOST,
        client,
        "/api/v1/auth/login",
        json!({"email": "ann@example.org", "password": password}),
    )
    .await
}

async fn register_from(app: &TestApp, client: &str, email: &str) -> reqwest::Response {
    post_from(
        app,
        HOST,
        client,
        "/api/v1/auth/register",
        json!({"email": email, "password": PASSWORD, "display_name": "Ann"}),
    )
    .await
}

fn retry_after(res: &reqwest::Response) -> u64 {
    res.headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no numeric Retry-After: {:?}", res.headers()))
}

both_backends!(
    async fn failed_sign_ins_hold_the_guessing_address_but_not_the_owner(backend b) {
        let app = TestApp::spawn_with(b, |s| {
            s.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
            s.rate_limits.failed_sign_ins_per_account = 3;
        })
        .await;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        assert_eq!(register_from(&app, OWNER, "ann@example.org").await.status(), 201);

        // Three failures are allowed…
        for _ in 0..3 {
            let res = login_from(&app, ATTACKER, "wrong password here").await;
            assert_problem(res, 401, "unauthorized").await;
        }
        // …then that address waits, even with the right password.
        let res = login_from(&app, ATTACKER, PASSWORD).await;
        let wait = retry_after(&res);
        assert!((1..=15 * 60).contains(&wait), "Retry-After {wait}");
        let body = assert_problem(res, 429, "rate_limited").await;
        assert!(body["detail"].as_str().unwrap().contains("please wait"), "{body}");

        // The owner, at their own address, is not locked out.
        let res = login_from(&app, OWNER, PASSWORD).await;
        assert_eq!(res.status(), 200);
        // Successes spend nothing: the owner can sign in again and again.
        for _ in 0..4 {
            assert_eq!(login_from(&app, OWNER, PASSWORD).await.status(), 200);
        }
    }
);

both_backends!(
    async fn the_account_ceiling_spares_addresses_the_owner_used(backend b) {
        let app = TestApp::spawn_with(b, |s| {
            s.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
            // Per address 1 failure; across addresses 10 per hour.
            s.rate_limits.failed_sign_ins_per_account = 1;
        })
        .await;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        assert_eq!(register_from(&app, OWNER, "ann@example.org").await.status(), 201);
        assert_eq!(login_from(&app, OWNER, PASSWORD).await.status(), 200);

        // Guessing spread over ten addresses spends the account's ceiling.
        for i in 1..=10 {
            let res = login_from(&app, &format!("198.51.100.{i}"), "wrong password here").await;
            assert_eq!(res.status(), 401);
        }
        let res = login_from(&app, "203.0.113.99", PASSWORD).await;
        assert_problem(res, 429, "rate_limited").await;
        // The owner's own address still works.
        assert_eq!(login_from(&app, OWNER, PASSWORD).await.status(), 200);
    }
);

both_backends!(
    async fn the_limits_of_one_place_never_touch_another(backend b) {
        let app = TestApp::spawn_with(b, |s| s.rate_limits.sign_in_per_minute = 2).await;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let login = |host: &'static str| {
            let app = &app;
            async move {
                app.client(host)
                    .post(app.url(host, "/api/v1/auth/login"))
                    .json(&json!({"email": "nobody@example.org", "password": "wrong password here"}))
                    .send()
                    .await
                    .unwrap()
            }
        };
        assert_eq!(login(HOST).await.status(), 401);
        assert_eq!(login(HOST).await.status(), 401);
        let res = login(HOST).await;
        assert!(retry_after(&res) >= 1);
        assert_problem(res, 429, "rate_limited").await;

        // The same address, another place: its own allowance.
        assert_eq!(login(OTHER).await.status(), 401);
        assert_eq!(login(OTHER).await.status(), 401);
        assert_problem(login(OTHER).await, 429, "rate_limited").await;
    }
);

both_backends!(
    async fn registrations_and_reset_requests_are_limited(backend b) {
        let app = TestApp::spawn_with(b, |s| {
            s.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
            s.rate_limits.registrations_per_hour = 2;
            // Four per address, two per account.
            s.rate_limits.resets_per_hour = 4;
        })
        .await;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        assert_eq!(register_from(&app, ATTACKER, "a1@example.org").await.status(), 201);
        assert_eq!(register_from(&app, ATTACKER, "a2@example.org").await.status(), 201);
        let res = register_from(&app, ATTACKER, "a3@example.org").await;
        assert!(retry_after(&res) > 60, "an hourly limit waits minutes");
        assert_problem(res, 429, "rate_limited").await;
        // Bad input is answered as before and spends nothing.
        let res = post_from(&app, HOST, ATTACKER, "/api/v1/auth/register",
            json!({"email": "a3@example.org", "password": "short", "display_name": "A"})).await;
        assert_problem(res, 422, "validation_failed").await;
        assert_eq!(register_from(&app, OWNER, "ann@example.org").await.status(), 201);

        let reset = |client: &'static str, email: &'static str| {
            let app = &app;
            async move {
                post_from(app, HOST, client, "/api/v1/auth/password-reset", json!({"email": email})).await
            }
        };
        // Nobody can flood one person's inbox, whatever their address.
        assert_eq!(reset("203.0.113.1", "ann@example.org").await.status(), 202);
        assert_eq!(reset("203.0.113.2", "ann@example.org").await.status(), 202);
        assert_problem(reset("203.0.113.3", "ann@example.org").await, 429, "rate_limited").await;
        // And one address cannot send reset emails to everybody.
        for email in ["b1@example.org", "b2@example.org", "b3@example.org", "b4@example.org"] {
            assert_eq!(reset("203.0.113.9", email).await.status(), 202);
        }
        assert_problem(reset("203.0.113.9", "b5@example.org").await, 429, "rate_limited").await;
    }
);

both_backends!(
    async fn pages_answer_a_calm_429_page(backend b) {
        let app = TestApp::spawn_with(b, |s| {
            s.rate_limits.sign_in_per_minute = 1;
            s.rate_limits.resets_per_hour = 1;
        })
        .await;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let browser = reqwest::Client::builder()
            // Under the server's 5 s keep-alive, so no request goes out on a
            // connection the server is closing.
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .resolve(HOST, app.addr)
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let csrf = csrf_in(&browser.get(app.url(HOST, "/sign-in")).send().await.unwrap().text().await.unwrap());
        let sign_in = || {
            browser
                .post(app.url(HOST, "/sign-in"))
                .form(&[("csrf", csrf.as_str()), ("email", "ann@example.org"), ("password", "wrong password here")])
                .send()
        };
        assert_eq!(sign_in().await.unwrap().status(), 401);
        let res = sign_in().await.unwrap();
        assert_eq!(res.status(), 429);
        let wait = retry_after(&res);
        assert!((1..=60).contains(&wait), "Retry-After {wait}");
        let content_type = res.headers()["content-type"].to_str().unwrap().to_owned();
        assert!(content_type.starts_with("text/html"), "{content_type}");
        let html = res.text().await.unwrap();
        assert!(html.contains("Too many attempts. For your safety, please wait"), "{html}");
        assert!(html.contains("minute") || html.contains("seconds"), "{html}");
        assert!(html.contains("Coventry"), "in the place's own layout: {html}");

        // Forgotten passwords too.
        let forgot = || {
            browser
                .post(app.url(HOST, "/forgot-password"))
                .form(&[("csrf", csrf.as_str()), ("email", "ann@example.org")])
                .send()
        };
        assert_eq!(forgot().await.unwrap().status(), 200);
        let res = forgot().await.unwrap();
        assert_eq!(res.status(), 429);
        assert!(retry_after(&res) > 60);
        let html = res.text().await.unwrap();
        assert!(html.contains("please wait 1 hour"), "{html}");
    }
);
