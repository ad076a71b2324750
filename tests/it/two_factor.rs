//! Two-step sign-in: setting it up with a code from an app, the second step
//! at sign-in, replay refusal, recovery codes, and the API's `code`.

use coproduce::accounts::second_factor::{code_at, TotpSecret};
use serde_json::json;

use crate::both_backends;
use crate::common::{assert_problem, csrf_in, TestApp};

const HOST: &str = "coventry.test";
const PASSWORD: &str = "violet kettle harbour 42";

fn browser(app: &TestApp) -> reqwest::Client {
    reqwest::Client::builder()
        .resolve(HOST, app.addr)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn now() -> u64 {
    chrono::Utc::now().timestamp() as u64
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

async fn sign_in_with_password(app: &TestApp, client: &reqwest::Client) -> reqwest::Response {
    let csrf = csrf_in(
        &client
            .get(app.url(HOST, "/sign-in"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    client
        .post(app.url(HOST, "/sign-in"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "ann@example.org"),
            ("password", PASSWORD),
            ("next", "/account"),
        ])
        .send()
        .await
        .unwrap()
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
        let secret_text = hidden(&page, "secret");
        let secret = TotpSecret::from_base32(&secret_text).unwrap();
        let csrf = csrf_in(&page);

        let res = laptop.post(app.url(HOST, "/account/two-factor"))
            .form(&[("csrf", csrf.as_str()), ("secret", secret_text.as_str()), ("code", "000000")])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        let res = laptop.post(app.url(HOST, "/account/two-factor"))
            .form(&[("csrf", csrf.as_str()), ("secret", secret_text.as_str()), ("code", code_at(&secret, now()).as_str())])
            .send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        let codes: Vec<String> = html
            .split("<li><code>")
            .skip(1)
            .map(|s| s[..s.find('<').unwrap()].to_owned())
            .collect();
        assert_eq!(codes.len(), 10, "{html}");

        // Signing in now takes two steps.
        let phone = browser(&app);
        let res = sign_in_with_password(&app, &phone).await;
        assert_eq!(res.status(), 303);
        assert!(res.headers()["location"].to_str().unwrap().starts_with("/sign-in/second-factor"));
        assert_eq!(phone.get(app.url(HOST, "/account")).send().await.unwrap().status(), 303, "not yet signed in");
        assert_eq!(give_code(&app, &phone, "123456").await.status(), 401);
        // The code used to turn it on cannot be used again; the next one can.
        let used = code_at(&secret, now());
        let next = code_at(&secret, now() + 30);
        if used != next {
            assert_eq!(give_code(&app, &phone, &used).await.status(), 401, "replay refused");
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
