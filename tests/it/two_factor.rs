//! Two-step sign-in: setting it up with a code from an app, the second step
//! at sign-in, replay refusal, recovery codes, and the API's `code`.

use coproduce::accounts::second_factor::{code_at, TotpSecret};
use serde_json::json;

use crate::both_backends;
use crate::common::{assert_problem, csrf_in, sign_in_on_page, TestApp};

const HOST: &str = "coventry.test";
const PASSWORD: &str = "violet kettle harbour 42";

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

fn now() -> u64 {
    chrono::Utc::now().timestamp() as u64
}

/// The key shown for typing into an app by hand.
fn shown_key(html: &str) -> String {
    let marker = r#"<code class="secret">"#;
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("no key shown in {html}"))
        + marker.len();
    html[start..start + html[start..].find('<').unwrap()].to_owned()
}

async fn sign_in_with_password(app: &TestApp, client: &reqwest::Client) -> reqwest::Response {
    let ann = ("ann@example.org", PASSWORD);
    sign_in_on_page(app, client, HOST, ann, Some("/account")).await
}

/// Ann's account as stored now.
async fn ann(app: &TestApp) -> coproduce::accounts::User {
    app.db(|conn| {
        let slug = coproduce::tenancy::Slug::parse("coventry").unwrap();
        let tenant = coproduce::tenancy::service::find_by_slug(conn, &slug)
            .unwrap()
            .unwrap();
        let email = coproduce::mail::Email::parse("ann@example.org").unwrap();
        coproduce::accounts::service::find_by_email(conn, &tenant.id, &email)
            .unwrap()
            .unwrap()
    })
    .await
}

async fn give_code(app: &TestApp, client: &reqwest::Client, code: &str) -> reqwest::Response {
    let page = client
        .get(app.url(HOST, "/sign-in/second-factor?next=/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_in(&page);
    client
        .post(app.url(HOST, "/sign-in/second-factor"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("code", code),
            ("next", "/account"),
        ])
        .send()
        .await
        .unwrap()
}

both_backends!(
    async fn setting_up_and_using_two_step_sign_in(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let res = app.client(HOST).post(app.url(HOST, "/api/v1/auth/register"))
            .json(&json!({"email": "ann@example.org", "password": PASSWORD, "display_name": "Ann"}))
            .send().await.unwrap();
        assert_eq!(res.status(), 201);

        let laptop = browser(&app);
        assert_eq!(sign_in_with_password(&app, &laptop).await.status(), 303);
        let page = laptop.get(app.url(HOST, "/account/two-factor")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("<svg") && page.contains("is <strong>off</strong>"));
        // The key travels in no form field: the server keeps it with the session.
        assert!(!page.contains(r#"name="secret""#), "{page}");
        let secret_text = shown_key(&page);
        let secret = TotpSecret::from_base32(&secret_text).unwrap();
        let again = laptop.get(app.url(HOST, "/account/two-factor")).send().await.unwrap().text().await.unwrap();
        assert_eq!(shown_key(&again), secret_text, "the same key until it is used");
        let csrf = csrf_in(&page);

        let res = laptop.post(app.url(HOST, "/account/two-factor"))
            .form(&[("csrf", csrf.as_str()), ("password", PASSWORD), ("code", "000000")])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains(r#"id="code-error""#));
        // The password is asked for, so a borrowed session cannot bind an app.
        let enrolled_at = now();
        let right_code = code_at(&secret, enrolled_at);
        let res = laptop.post(app.url(HOST, "/account/two-factor"))
            .form(&[("csrf", csrf.as_str()), ("password", "not my password at all"), ("code", right_code.as_str())])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains(r#"id="password-error""#));
        // A key posted by the client is ignored: only the kept one counts.
        let chosen = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        let chosen_code = code_at(&TotpSecret::from_base32(chosen).unwrap(), now());
        if chosen_code != right_code {
            let res = laptop.post(app.url(HOST, "/account/two-factor"))
                .form(&[("csrf", csrf.as_str()), ("password", PASSWORD), ("secret", chosen), ("code", chosen_code.as_str())])
                .send().await.unwrap();
            assert_eq!(res.status(), 422, "a key of the client's choosing is never enrolled");
        }
        let res = laptop.post(app.url(HOST, "/account/two-factor"))
            .form(&[("csrf", csrf.as_str()), ("password", PASSWORD), ("code", right_code.as_str())])
            .send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        let codes: Vec<String> = html
            .split("<li><code>")
            .skip(1)
            .map(|s| s[..s.find('<').unwrap()].to_owned())
            .collect();
        assert_eq!(codes.len(), 10, "{html}");
        assert!(codes.iter().all(|c| c.len() == 27 && c.matches('-').count() == 3), "{codes:?}");

        // The key is sealed in the database, not stored as it is shown.
        let ann_id = ann(&app).await;
        let stored = ann_id.totp_secret.clone().unwrap();
        assert!(stored.starts_with("sealed:"), "{stored}");
        assert!(!stored.contains(&secret_text));
        assert_eq!(app.totp_secret_of(&ann_id).await.to_base32(), secret_text);

        // Signing in now takes two steps.
        let phone = browser(&app);
        let res = sign_in_with_password(&app, &phone).await;
        assert_eq!(res.status(), 303);
        assert!(res.headers()["location"].to_str().unwrap().starts_with("/sign-in/second-factor"));
        assert_eq!(phone.get(app.url(HOST, "/account")).send().await.unwrap().status(), 303, "not yet signed in");
        assert_eq!(give_code(&app, &phone, "123456").await.status(), 401);
        // The code used to turn it on cannot be used again; the next one
        // can. Both from the time it was turned on: read afresh, "now" may
        // have crossed into the next 30 s step on a slow machine.
        let next = code_at(&secret, enrolled_at + 30);
        if right_code != next {
            assert_eq!(give_code(&app, &phone, &right_code).await.status(), 401, "replay refused");
        }
        let res = give_code(&app, &phone, &next).await;
        assert_eq!(res.status(), 303);
        assert_eq!(phone.get(app.url(HOST, "/account")).send().await.unwrap().status(), 200);

        // A recovery code works once.
        let tablet = browser(&app);
        sign_in_with_password(&app, &tablet).await;
        assert_eq!(give_code(&app, &tablet, &codes[0].to_uppercase()).await.status(), 303);
        let again = browser(&app);
        sign_in_with_password(&app, &again).await;
        assert_eq!(give_code(&app, &again, &codes[0]).await.status(), 401);

        // The API asks for the code too.
        let login = |code: Option<String>| {
            let body = match code {
                Some(c) => json!({"email": "ann@example.org", "password": PASSWORD, "code": c}),
                None => json!({"email": "ann@example.org", "password": PASSWORD}),
            };
            app.client(HOST).post(app.url(HOST, "/api/v1/auth/login")).json(&body).send()
        };
        assert_problem(login(None).await.unwrap(), 403, "second_factor_required").await;
        assert_eq!(login(Some("999999".into())).await.unwrap().status(), 401);
        assert_eq!(login(Some(codes[1].clone())).await.unwrap().status(), 200);
    }
);
