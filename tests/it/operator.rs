//! The operator console: who may use it (operators with a second factor
//! only), creating places that are served at once, their hosts, suspension
//! and reopening, appointing an admin by invitation, and the API.

use coproduce::accounts::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::audit::all_events;
use crate::both_backends;
use crate::common::{
    api_token, assert_problem, browser_session, csrf_in, delivered_email, json, link_in, send,
    user, TestApp,
};

/// Where the operator signs in; the console manages every place from here.
const HOME: &str = "home.test";

async fn home(app: &TestApp) {
    app.tenant("home", "Home", &[HOME]).await;
}

async fn signed_in_operator(app: &TestApp) -> reqwest::Client {
    let op = user(app, "home", "op@example.org", Role::Citizen, true, true).await;
    browser_session(app, HOME, &op).await
}

async fn operator_token(app: &TestApp) -> String {
    let op = user(app, "home", "op@example.org", Role::Citizen, true, true).await;
    api_token(app, &op).await
}

/// The CSRF token of a console page, as a signed-in client sees it.
async fn csrf(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let res = client.get(app.url(HOME, path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    csrf_in(&res.text().await.unwrap())
}

async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url(HOME, path))
        .form(fields)
        .send()
        .await
        .unwrap()
}

fn api(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> reqwest::RequestBuilder {
    let mut req = app.client(HOME).request(method, app.url(HOME, path));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    if let Some(body) = body {
        req = req.json(&body);
    }
    req
}

/// Every API route, with a body each would accept from an operator.
fn api_routes() -> Vec<(reqwest::Method, &'static str, Option<Value>)> {
    vec![
        (Method::GET, "/api/v1/operator/tenants", None),
        (
            Method::POST,
            "/api/v1/operator/tenants",
            Some(json!({"slug": "leeds", "name": "Leeds", "hosts": ["leeds.test"]})),
        ),
        (Method::GET, "/api/v1/operator/tenants/home", None),
        (
            Method::POST,
            "/api/v1/operator/tenants/home/hosts",
            Some(json!({"host": "www.home.test"})),
        ),
        (
            Method::DELETE,
            "/api/v1/operator/tenants/home/hosts/home.test",
            None,
        ),
        (
            Method::PUT,
            "/api/v1/operator/tenants/home/status",
            Some(json!({"status": "active"})),
        ),
        (
            Method::POST,
            "/api/v1/operator/tenants/home/admins",
            Some(json!({"email": "x@example.org"})),
        ),
        (
            Method::POST,
            "/api/v1/operator/tenants/home/sign-out",
            Some(json!({"confirm": true})),
        ),
    ]
}

const PAGE_POSTS: [(&str, &[(&str, &str)]); 6] = [
    (
        "/operator/tenants",
        &[
            ("slug", "leeds"),
            ("name", "Leeds"),
            ("hosts", "leeds.test"),
        ],
    ),
    ("/operator/tenants/home/hosts", &[("host", "www.home.test")]),
    (
        "/operator/tenants/home/hosts/remove",
        &[("host", "home.test")],
    ),
    ("/operator/tenants/home/status", &[("status", "active")]),
    (
        "/operator/tenants/home/admins",
        &[("email", "x@example.org")],
    ),
    ("/operator/tenants/home/sign-out", &[("confirm", "yes")]),
];

both_backends!(
    async fn only_operators_with_a_second_factor_reach_the_console(app) {
        home(&app).await;
        let citizen = user(&app, "home", "cit@example.org", Role::Citizen, false, true).await;
        let admin = user(&app, "home", "adm@example.org", Role::Admin, false, true).await;
        let no_2fa = user(&app, "home", "new-op@example.org", Role::Citizen, true, false).await;

        for person in [&citizen, &admin] {
            let client = browser_session(&app, HOME, person).await;
            let html = client.get(app.url(HOME, "/account")).send().await.unwrap().text().await.unwrap();
            assert!(!html.contains("Operator console"), "no console link for {}", person.email);
            let token = csrf_in(&html);
            for path in ["/operator", "/operator/tenants/home"] {
                let res = client.get(app.url(HOME, path)).send().await.unwrap();
                assert_eq!(res.status(), 403, "{path} for {}", person.email);
            }
            for (path, fields) in PAGE_POSTS {
                let mut fields = fields.to_vec();
                fields.push(("csrf", &token));
                let res = post_form(&app, &client, path, &fields).await;
                assert_eq!(res.status(), 403, "{path} for {}", person.email);
            }
            let bearer = api_token(&app, person).await;
            for (method, path, body) in api_routes() {
                let res = api(&app, method, path, Some(&bearer), body).send().await.unwrap();
                assert_problem(res, 403, "forbidden").await;
            }
        }

        // Without a second factor: set one up first.
        let client = browser_session(&app, HOME, &no_2fa).await;
        for path in ["/operator", "/operator/tenants/home"] {
            let res = client.get(app.url(HOME, path)).send().await.unwrap();
            assert_eq!(res.status(), 303, "{path}");
            assert_eq!(res.headers()["location"], "/account/two-factor?required=1");
        }
        let bearer = api_token(&app, &no_2fa).await;
        for (method, path, body) in api_routes() {
            let res = api(&app, method, path, Some(&bearer), body).send().await.unwrap();
            assert_problem(res, 403, "second_factor_required").await;
        }

        // Anonymous: sign in first (pages), 401 (API).
        for path in ["/operator", "/operator/tenants/home"] {
            let res = app.get(HOME, path).await;
            assert_eq!(res.status(), 303, "{path}");
            let location = res.headers()["location"].to_str().unwrap().to_owned();
            assert!(location.starts_with("/sign-in?next=%2Foperator"), "{location}");
        }
        for (method, path, body) in api_routes() {
            let res = api(&app, method, path, None, body).send().await.unwrap();
            assert_problem(res, 401, "unauthorized").await;
        }

        // Nothing was changed by any of them.
        let client = signed_in_operator(&app).await;
        let html = client.get(app.url(HOME, "/operator")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Operator console") && html.contains("home.test"));
        assert!(!html.contains("leeds") && !html.contains("www.home.test"));
    }
);

both_backends!(
    async fn an_operator_creates_a_place_that_is_served_at_once(app) {
        home(&app).await;
        app.tenant("york", "York", &["york.test"]).await;
        let client = signed_in_operator(&app).await;
        // The unknown host is now remembered as unknown by the tenant cache.
        assert_eq!(app.get("leeds.test", "/").await.status(), 404);

        let token = csrf(&app, &client, "/operator").await;
        let res = post_form(&app, &client, "/operator/tenants", &[
            ("csrf", &token), ("slug", "leeds"), ("name", "Leeds"), ("hosts", "leeds.test\r\nwww.leeds.test"),
        ]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/operator/tenants/leeds?done=created");
        for host in ["leeds.test", "www.leeds.test"] {
            let res = app.get(host, "/").await;
            assert_eq!(res.status(), 200, "{host}");
            assert!(res.text().await.unwrap().contains("Leeds: shaping services together"));
        }
        let html = client.get(app.url(HOME, "/operator/tenants/leeds?done=created")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("has been created") && html.contains("www.leeds.test"));

        // Taken slug and host: shown beside the fields, input kept.
        for (slug, hosts, field) in [("leeds", "other.test", "slug"), ("bradford", "york.test", "hosts")] {
            let res = post_form(&app, &client, "/operator/tenants", &[
                ("csrf", &token), ("slug", slug), ("name", "Again"), ("hosts", hosts),
            ]).await;
            assert_eq!(res.status(), 422, "{field}");
            let html = res.text().await.unwrap();
            assert!(html.contains(&format!(r#"id="{field}-error""#)), "{field}: {html}");
            assert!(html.contains("There is a problem") && html.contains(r#"value="Again""#));
        }
        // Bad slug, name and host: every message at once.
        let res = post_form(&app, &client, "/operator/tenants", &[
            ("csrf", &token), ("slug", "Bad Slug"), ("name", " "), ("hosts", "https://x.test"),
        ]).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        for field in ["slug", "name", "hosts"] {
            assert!(html.contains(&format!(r#"id="{field}-error""#)), "{field}");
        }
        assert!(html.contains("https://x.test</textarea>"), "input kept");
        // Without the CSRF token: refused.
        let res = post_form(&app, &client, "/operator/tenants", &[("slug", "bradford"), ("name", "B"), ("hosts", "b.test")]).await;
        assert_eq!(res.status(), 403);

        // The API gives the same answers as problems.
        let bearer = operator_token(&app).await;
        let create = |body: Value| api(&app, reqwest::Method::POST, "/api/v1/operator/tenants", Some(&bearer), Some(body));
        let res = create(json!({"slug": "leeds", "name": "L", "hosts": ["l2.test"]})).send().await.unwrap();
        assert_problem(res, 409, "slug_taken").await;
        let res = create(json!({"slug": "bradford", "name": "B", "hosts": ["www.leeds.test"]})).send().await.unwrap();
        assert_problem(res, 409, "host_taken").await;
        let res = create(json!({"slug": "-x", "name": "", "hosts": ["a b"]})).send().await.unwrap();
        let body = assert_problem(res, 422, "validation_failed").await;
        let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, vec!["slug", "name", "hosts"]);
        let res = create(json!({"slug": "bradford", "name": "B", "hosts": []})).send().await.unwrap();
        assert_problem(res, 422, "validation_failed").await;
        assert_eq!(app.get("other.test", "/").await.status(), 404, "nothing half-made");
    }
);

both_backends!(
    async fn hosts_are_added_and_removed_but_never_the_last(app) {
        home(&app).await;
        app.tenant("leeds", "Leeds", &["leeds.test"]).await;
        let client = signed_in_operator(&app).await;
        let token = csrf(&app, &client, "/operator/tenants/leeds").await;
        assert_eq!(app.get("www.leeds.test", "/").await.status(), 404);

        let res = post_form(&app, &client, "/operator/tenants/leeds/hosts", &[("csrf", &token), ("host", "WWW.Leeds.test")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/operator/tenants/leeds?done=host_added");
        assert_eq!(app.get("www.leeds.test", "/").await.status(), 200);

        for (host, message) in [("home.test", "already serves"), ("not a host", "is not a hostname")] {
            let res = post_form(&app, &client, "/operator/tenants/leeds/hosts", &[("csrf", &token), ("host", host)]).await;
            assert_eq!(res.status(), 422, "{host}");
            let html = res.text().await.unwrap();
            assert!(html.contains(r#"id="host-error""#) && html.contains(message), "{host}: {html}");
            assert!(html.contains(&format!(r#"value="{host}""#)), "input kept");
        }

        let res = post_form(&app, &client, "/operator/tenants/leeds/hosts/remove", &[("csrf", &token), ("host", "leeds.test")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(app.get("leeds.test", "/").await.status(), 404, "no longer served");
        assert_eq!(app.get("www.leeds.test", "/").await.status(), 200);

        let res = post_form(&app, &client, "/operator/tenants/leeds/hosts/remove", &[("csrf", &token), ("host", "www.leeds.test")]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("the only host"));
        let res = post_form(&app, &client, "/operator/tenants/leeds/hosts/remove", &[("csrf", &token), ("host", "leeds.test")]).await;
        assert_eq!(res.status(), 404, "not one of its hosts");
        let res = post_form(&app, &client, "/operator/tenants/nowhere/hosts", &[("csrf", &token), ("host", "n.test")]).await;
        assert_eq!(res.status(), 404);
        assert_eq!(app.get("www.leeds.test", "/").await.status(), 200);
    }
);

both_backends!(
    async fn suspending_pauses_a_place_until_it_is_reopened(app) {
        home(&app).await;
        app.tenant("leeds", "Leeds", &["leeds.test"]).await;
        let client = signed_in_operator(&app).await;
        assert_eq!(app.get("leeds.test", "/").await.status(), 200);
        let token = csrf(&app, &client, "/operator/tenants/leeds").await;

        // Suspending needs the box ticked.
        let res = post_form(&app, &client, "/operator/tenants/leeds/status", &[("csrf", &token), ("status", "suspended")]).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="confirm-error""#) && html.contains("I understand people will not be able to use this place"));
        assert_eq!(app.get("leeds.test", "/").await.status(), 200);

        let res = post_form(&app, &client, "/operator/tenants/leeds/status", &[("csrf", &token), ("status", "suspended"), ("confirm", "yes")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/operator/tenants/leeds?done=suspended");
        assert_eq!(app.get("leeds.test", "/").await.status(), 503);
        let html = client.get(app.url(HOME, "/operator")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Suspended"));

        let res = post_form(&app, &client, "/operator/tenants/leeds/status", &[("csrf", &token), ("status", "active")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(app.get("leeds.test", "/").await.status(), 200);

        // The place the console is used on cannot be suspended from it.
        let html = client.get(app.url(HOME, "/operator/tenants/home")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("would lock you out") && !html.contains(r#"id="confirm""#));
        let res = post_form(&app, &client, "/operator/tenants/home/status", &[("csrf", &token), ("status", "suspended"), ("confirm", "yes")]).await;
        assert_eq!(res.status(), 422);
        assert_eq!(app.get(HOME, "/").await.status(), 200);
    }
);

both_backends!(
    async fn an_appointed_admin_is_invited_to_their_own_place(app) {
        home(&app).await;
        app.tenant("leeds", "Leeds", &["www.leeds.test", "leeds.test"]).await;
        let client = signed_in_operator(&app).await;
        let token = csrf(&app, &client, "/operator/tenants/leeds").await;

        let res = post_form(&app, &client, "/operator/tenants/leeds/admins", &[("csrf", &token), ("email", "not an address"), ("display_name", "Ada")]).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="email-error""#) && html.contains(r#"value="not an address""#) && html.contains(r#"value="Ada""#));

        let res = post_form(&app, &client, "/operator/tenants/leeds/admins", &[("csrf", &token), ("email", "ada@example.org"), ("display_name", "Ada")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/operator/tenants/leeds?done=invited");

        let email = delivered_email(&app, "ada@example.org", "set_password").await;
        let link = link_in(&email);
        let port = app.addr.port();
        assert!(link.starts_with(&format!("http://leeds.test:{port}/reset-password?token=")), "{link}");

        // Ada follows the link on Leeds's host, chooses a password and signs in as admin.
        let ada = reqwest::Client::builder()
            // Under the server's 5 s keep-alive, so no request goes out on a
            // connection the server is closing.
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .resolve("leeds.test", app.addr)
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let page = ada.get(&link).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        let form_token = csrf_in(&html);
        let reset = crate::common::token_in(&link);
        let res = ada.post(app.url("leeds.test", "/reset-password"))
            .form(&[("csrf", form_token.as_str()), ("token", reset.as_str()), ("password", "lantern orchard velvet 7")])
            .send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/sign-in?done=password_reset");
        let html = ada.get(app.url("leeds.test", "/sign-in")).send().await.unwrap().text().await.unwrap();
        let form_token = csrf_in(&html);
        let res = ada.post(app.url("leeds.test", "/sign-in"))
            .form(&[("csrf", form_token.as_str()), ("email", "ada@example.org"), ("password", "lantern orchard velvet 7"), ("next", "/account")])
            .send().await.unwrap();
        assert_eq!(res.status(), 303);
        let html = ada.get(app.url("leeds.test", "/account")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("<td>Admin</td>") && html.contains("Ada"), "{html}");

        // Appointing someone who already has an account changes their role.
        user(&app, "leeds", "bo@example.org", Role::Citizen, false, false).await;
        let res = post_form(&app, &client, "/operator/tenants/leeds/admins", &[("csrf", &token), ("email", "bo@example.org"), ("display_name", "")]).await;
        assert_eq!(res.headers()["location"], "/operator/tenants/leeds?done=appointed");
    }
);

both_backends!(
    async fn the_operator_api_round_trip(app) {
        home(&app).await;
        let bearer = operator_token(&app).await;
        let call = |method: Method, path: &str, body: Option<Value>| api(&app, method, path, Some(&bearer), body).send();

        let res = call(Method::POST, "/api/v1/operator/tenants", Some(json!({"slug": "leeds", "name": "Leeds", "hosts": ["leeds.test", "Leeds.test"]}))).await.unwrap();
        assert_eq!(res.status(), 201);
        assert_eq!(res.headers()["location"], "/api/v1/operator/tenants/leeds");
        let created = json(res).await;
        assert_eq!(created["status"], "active");
        assert_eq!(created["hosts"], json!(["leeds.test"]));
        assert_eq!(app.get("leeds.test", "/").await.status(), 200);
        let res = call(Method::POST, "/api/v1/operator/tenants", Some(json!({"slug": "york", "name": "York", "hosts": ["york.test"]}))).await.unwrap();
        assert_eq!(res.status(), 201);

        // Pages of two: home and leeds, then york.
        let page = json(call(Method::GET, "/api/v1/operator/tenants?page=1&per_page=2", None).await.unwrap()).await;
        assert_eq!((page["page"].clone(), page["per_page"].clone(), page["total"].clone()), (json!(1), json!(2), json!(3)));
        let slugs: Vec<&str> = page["items"].as_array().unwrap().iter().map(|t| t["slug"].as_str().unwrap()).collect();
        assert_eq!(slugs, vec!["home", "leeds"]);
        let page = json(call(Method::GET, "/api/v1/operator/tenants?page=2&per_page=2", None).await.unwrap()).await;
        assert_eq!(page["items"][0]["slug"], "york");
        assert_eq!(page["items"].as_array().unwrap().len(), 1);
        let page = json(call(Method::GET, "/api/v1/operator/tenants", None).await.unwrap()).await;
        assert_eq!((page["per_page"].clone(), page["total"].clone()), (json!(20), json!(3)));
        let res = call(Method::GET, "/api/v1/operator/tenants?page=0&per_page=x", None).await.unwrap();
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"].as_array().unwrap().len(), 2);

        // Hosts.
        let res = call(Method::POST, "/api/v1/operator/tenants/leeds/hosts", Some(json!({"host": "www.leeds.test"}))).await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(json(res).await["hosts"], json!(["leeds.test", "www.leeds.test"]));
        assert_eq!(app.get("www.leeds.test", "/").await.status(), 200);
        let res = call(Method::POST, "/api/v1/operator/tenants/leeds/hosts", Some(json!({"host": "york.test"}))).await.unwrap();
        assert_problem(res, 409, "host_taken").await;
        let res = call(Method::POST, "/api/v1/operator/tenants/leeds/hosts", Some(json!({"host": "http://x"}))).await.unwrap();
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "host");
        let res = call(Method::DELETE, "/api/v1/operator/tenants/leeds/hosts/leeds.test", None).await.unwrap();
        assert_eq!(res.status(), 204);
        assert_eq!(app.get("leeds.test", "/").await.status(), 404);
        let res = call(Method::DELETE, "/api/v1/operator/tenants/leeds/hosts/www.leeds.test", None).await.unwrap();
        assert_problem(res, 409, "last_host").await;
        let res = call(Method::DELETE, "/api/v1/operator/tenants/leeds/hosts/york.test", None).await.unwrap();
        assert_problem(res, 404, "not_found").await;

        // Status.
        let res = call(Method::PUT, "/api/v1/operator/tenants/leeds/status", Some(json!({"status": "suspended"}))).await.unwrap();
        assert_eq!(json(res).await["status"], "suspended");
        assert_eq!(app.get("www.leeds.test", "/").await.status(), 503);
        let res = call(Method::PUT, "/api/v1/operator/tenants/leeds/status", Some(json!({"status": "active"}))).await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(app.get("www.leeds.test", "/").await.status(), 200);
        let res = call(Method::PUT, "/api/v1/operator/tenants/leeds/status", Some(json!({"status": "closed"}))).await.unwrap();
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "status");
        let res = call(Method::PUT, "/api/v1/operator/tenants/home/status", Some(json!({"status": "suspended"}))).await.unwrap();
        assert_problem(res, 409, "own_tenant").await;

        // Admins.
        let res = call(Method::POST, "/api/v1/operator/tenants/leeds/admins", Some(json!({"email": "ada@example.org"}))).await.unwrap();
        assert_eq!(res.status(), 201);
        let body = json(res).await;
        assert_eq!((body["role"].clone(), body["display_name"].clone(), body["invited"].clone()), (json!("admin"), json!("ada"), json!(true)));
        let link = link_in(&delivered_email(&app, "ada@example.org", "set_password").await);
        assert!(link.starts_with(&format!("http://www.leeds.test:{}/reset-password", app.addr.port())), "{link}");
        let res = call(Method::POST, "/api/v1/operator/tenants/leeds/admins", Some(json!({"email": "ada@example.org"}))).await.unwrap();
        assert_eq!(res.status(), 200);
        let res = call(Method::POST, "/api/v1/operator/tenants/leeds/admins", Some(json!({"email": "nope", "display_name": "x".repeat(100)}))).await.unwrap();
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"].as_array().unwrap().len(), 2);

        // Unknown places, and the description of it all.
        for (method, path, body) in [
            (Method::GET, "/api/v1/operator/tenants/nowhere", None),
            (Method::GET, "/api/v1/operator/tenants/Not%20A%20Slug", None),
            (Method::POST, "/api/v1/operator/tenants/nowhere/hosts", Some(json!({"host": "n.test"}))),
            (Method::PUT, "/api/v1/operator/tenants/nowhere/status", Some(json!({"status": "active"}))),
            (Method::POST, "/api/v1/operator/tenants/nowhere/admins", Some(json!({"email": "a@example.org"}))),
            (Method::POST, "/api/v1/operator/tenants/nowhere/sign-out", Some(json!({"confirm": true}))),
        ] {
            assert_problem(call(method, path, body).await.unwrap(), 404, "not_found").await;
        }
        let doc = json(app.get(HOME, "/api/openapi.json").await).await;
        for path in ["/api/v1/operator/tenants", "/api/v1/operator/tenants/{slug}/hosts/{host}", "/api/v1/operator/tenants/{slug}/admins"] {
            assert!(doc["paths"][path].is_object(), "{path} missing");
        }
    }
);

/// Whether a browser session and a bearer token still work on a host.
async fn still_signed_in(
    app: &TestApp,
    host: &str,
    client: &reqwest::Client,
    bearer: &str,
) -> (bool, bool) {
    let page = client.get(app.url(host, "/account")).send().await.unwrap();
    let api = send(app, host, Method::GET, "/api/v1/me", Some(bearer), None).await;
    (page.status() == 200, api.status() == 200)
}

both_backends!(
    async fn an_operator_signs_everyone_in_one_place_out(app) {
        home(&app).await;
        let leeds_id = app.tenant("leeds", "Leeds", &["leeds.test"]).await.id;
        let york_id = app.tenant("york", "York", &["york.test"]).await.id;
        let op = user(&app, "home", "op@example.org", Role::Citizen, true, true).await;
        let ann = user(&app, "leeds", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "leeds", "bob@example.org", Role::Admin, false, false).await;
        let yan = user(&app, "york", "yan@example.org", Role::Admin, false, false).await;
        let mut leeds = Vec::new();
        for person in [&ann, &bob] {
            leeds.push((browser_session(&app, "leeds.test", person).await, api_token(&app, person).await));
        }
        let york = (browser_session(&app, "york.test", &yan).await, api_token(&app, &yan).await);
        for (client, bearer) in &leeds {
            assert_eq!(still_signed_in(&app, "leeds.test", client, bearer).await, (true, true));
        }

        // The console asks for confirmation first.
        let console = browser_session(&app, HOME, &op).await;
        let token = csrf(&app, &console, "/operator/tenants/leeds").await;
        let res = post_form(&app, &console, "/operator/tenants/leeds/sign-out", &[("csrf", &token)]).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="sign_out_confirm-error""#) && html.contains("everyone in this place will be signed out"));
        for (client, bearer) in &leeds {
            assert_eq!(still_signed_in(&app, "leeds.test", client, bearer).await, (true, true), "nothing ended unconfirmed");
        }

        let res = post_form(&app, &console, "/operator/tenants/leeds/sign-out", &[("csrf", &token), ("confirm", "yes")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/operator/tenants/leeds?done=signed_out");
        for (client, bearer) in &leeds {
            assert_eq!(still_signed_in(&app, "leeds.test", client, bearer).await, (false, false), "Leeds is signed out");
        }
        assert_eq!(still_signed_in(&app, "york.test", &york.0, &york.1).await, (true, true), "York is untouched");
        let html = console.get(app.url(HOME, "/operator/tenants/leeds?done=signed_out")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Everyone in the place has been signed out"), "the operator still has the console");

        // The place's own audit log says who did it and how many ended.
        let events = all_events(&app, &leeds_id).await;
        let last = events.last().unwrap();
        assert_eq!(last.kind, "place_signed_out");
        let detail: Value = serde_json::from_str(&last.detail).unwrap();
        assert_eq!(detail["sessions"], json!(4), "two browser and two API sessions");
        let op_id = op.id.to_string();
        assert_eq!(detail["operator"], json!(op_id));
        assert!(all_events(&app, &york_id).await.iter().all(|e| e.kind != "place_signed_out"));

        // The API: confirmation is required; the operator's own place keeps
        // the operator's session but ends everyone else's.
        let neighbour = user(&app, "home", "nel@example.org", Role::Citizen, false, false).await;
        let theirs = (browser_session(&app, HOME, &neighbour).await, api_token(&app, &neighbour).await);
        let bearer = api_token(&app, &op).await;
        let call = |body: Value| send(&app, HOME, Method::POST, "/api/v1/operator/tenants/home/sign-out", Some(&bearer), Some(body));
        let body = assert_problem(call(json!({"confirm": false})).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "confirm");
        assert_eq!(still_signed_in(&app, HOME, &theirs.0, &theirs.1).await, (true, true));
        let res = call(json!({"confirm": true})).await;
        assert_eq!(res.status(), 200);
        let body = json(res).await;
        assert_eq!(body["slug"], "home");
        assert!(body["sessions_ended"].as_u64().unwrap() >= 2, "{body}");
        assert_eq!(still_signed_in(&app, HOME, &theirs.0, &theirs.1).await, (false, false));
        assert_eq!(send(&app, HOME, Method::GET, "/api/v1/me", Some(&bearer), None).await.status(), 200, "the operator carries on");
        assert_eq!(still_signed_in(&app, "york.test", &york.0, &york.1).await, (true, true), "York is still untouched");
        let last = all_events(&app, &op.tenant_id).await.pop().unwrap();
        assert_eq!((last.kind.as_str(), last.actor_id.as_deref()), ("place_signed_out", Some(op_id.as_str())));
    }
);

both_backends!(
    async fn the_console_speaks_welsh(app) {
        home(&app).await;
        let op = user(&app, "home", "op@example.org", Role::Citizen, true, true).await;
        let html = crate::i18n::welsh_page(&app, HOME, Some(&op), "/operator").await;
        crate::i18n::assert_welsh_heading(&html, "<h1>Consol y gweithredwr</h1>", "<h1>Operator console</h1>");
    }
);

both_backends!(
    async fn a_welsh_console_says_what_is_wrong_in_welsh(app) {
        home(&app).await;
        let op = user(&app, "home", "op@example.org", Role::Citizen, true, true).await;
        let secret = crate::common::session_secret(&app, &op, coproduce::accounts::model::SessionKind::Browser).await;
        let cookie = format!("coproduce_session={secret}; lang=cy");
        let html = app.client(HOME).get(app.url(HOME, "/operator")).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(r#"<html lang="cy">"#), "{html}");
        let token = csrf_in(&html);
        let res = app.client(HOME).post(app.url(HOME, "/operator/tenants"))
            .header("cookie", &cookie)
            .form(&[("csrf", token.as_str()), ("slug", "Bad Slug"), ("name", "Leeds"), ("hosts", "leeds.test\r\nx y.test")])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"<html lang="cy">"#), "{html}");
        for welsh in [
            "<span>nid yw `Bad Slug` yn slug dilys: defnyddiwch rhwng 2 a 40 o lythrennau bach",
            "<span>nid yw `x y.test` yn enw gwesteiwr",
        ] {
            assert!(html.contains(welsh), "no “{welsh}”: {html}");
        }
        for english in ["is not a valid slug", "is not a hostname", r#"<span lang="en">"#] {
            assert!(!html.contains(english), "“{english}” is still there: {html}");
        }
    }
);
