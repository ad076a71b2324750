//! Open data: what the CSV and JSON hold (and leave out: emails, names
//! people keep to members, drafts, hidden proposals), the licence the
//! admins choose, other places, downloads larger than a batch, and the
//! page that documents them.

use coproduce::accounts::{Role, User};
use reqwest::Method;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{
    api_token, assert_problem, browser_session, csrf_in, json, send, user, TestApp,
};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

struct World {
    admin: User,
    admin_t: String,
    ann: User,
    ann_t: String,
    bob_t: String,
    cat_t: String,
    /// Ann's: published, in Foleshill, tags, delivered and rated.
    delivered: String,
    /// Bob's (who keeps his name to members): published.
    bobs: String,
}

async fn proposal(app: &TestApp, host: &str, token: &str, body: Value) -> String {
    let res = send(
        app,
        host,
        Method::POST,
        "/api/v1/proposals",
        Some(token),
        Some(body),
    )
    .await;
    assert_eq!(res.status(), 201);
    json(res).await["id"].as_str().unwrap().to_owned()
}

fn body(title: &str) -> Value {
    json!({
        "title": title,
        "body": "Details that stay on the proposal's page.",
        "intended_outcome": "Families can play outside safely.",
    })
}

async fn world(app: &TestApp) -> World {
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
    let admin_t = api_token(app, &admin).await;
    let res = send(
        app,
        HOST,
        Method::PATCH,
        "/api/v1/admin/settings",
        Some(&admin_t),
        Some(json!({"support_threshold": 1})),
    )
    .await;
    assert_eq!(res.status(), 200);
    let res = send(
        app,
        HOST,
        Method::POST,
        "/api/v1/areas",
        Some(&admin_t),
        Some(json!({"name": "Foleshill", "kind": "ward"})),
    )
    .await;
    let foleshill = json(res).await["id"].as_str().unwrap().to_owned();
    let ann = user(
        app,
        "coventry",
        "ann@example.org",
        Role::Citizen,
        false,
        false,
    )
    .await;
    let bob = user(
        app,
        "coventry",
        "bob@example.org",
        Role::Citizen,
        false,
        false,
    )
    .await;
    let cat = user(
        app,
        "coventry",
        "cat@example.org",
        Role::Citizen,
        false,
        false,
    )
    .await;
    let (ann_t, bob_t, cat_t) = (
        api_token(app, &ann).await,
        api_token(app, &bob).await,
        api_token(app, &cat).await,
    );
    // Bob shows his name to members only, never to everyone.
    let res = send(
        app,
        HOST,
        Method::PATCH,
        "/api/v1/me/profile",
        Some(&bob_t),
        Some(json!({"display_name": "Bobby Private", "visibility": {"display_name": "members"}})),
    )
    .await;
    assert_eq!(res.status(), 200);
    let mut first = body("A play street on Sundays");
    first["area_id"] = json!(foleshill);
    first["tags"] = json!(["play", "streets"]);
    let delivered = proposal(app, HOST, &ann_t, first).await;
    for t in [&bob_t, &cat_t] {
        assert_eq!(
            send(
                app,
                HOST,
                Method::POST,
                &format!("/api/v1/proposals/{delivered}/support"),
                Some(t),
                None
            )
            .await
            .status(),
            200
        );
    }
    for status in ["in_codesign", "accepted", "in_delivery", "delivered"] {
        let res = send(
            app,
            HOST,
            Method::PATCH,
            &format!("/api/v1/proposals/{delivered}"),
            Some(&admin_t),
            Some(json!({"status": status})),
        )
        .await;
        assert_eq!(res.status(), 200);
    }
    for (t, r) in [(&bob_t, 4), (&cat_t, 3)] {
        let res = send(
            app,
            HOST,
            Method::PUT,
            &format!("/api/v1/proposals/{delivered}/evaluation/mine"),
            Some(t),
            Some(json!({"rating": r, "comment": "Seen it", "show_name": true})),
        )
        .await;
        assert_eq!(res.status(), 200);
    }
    let bobs = proposal(
        app,
        HOST,
        &bob_t,
        body("=HYPERLINK(\"http://evil.example\")"),
    )
    .await;
    let mut draft = body("A secret draft");
    draft["draft"] = json!(true);
    proposal(app, HOST, &ann_t, draft).await;
    let hidden = proposal(app, HOST, &cat_t, body("A hidden proposal")).await;
    let (tenant, id) = (ann.tenant_id.clone(), hidden.parse().unwrap());
    app.db(move |conn| {
        coproduce::proposals::service::set_hidden(conn, &tenant, &id, true).unwrap()
    })
    .await;
    World {
        admin,
        admin_t,
        ann,
        ann_t,
        bob_t,
        cat_t,
        delivered,
        bobs,
    }
}

async fn download(app: &TestApp, host: &str, file: &str) -> (reqwest::header::HeaderMap, String) {
    let res = app.get(host, &format!("/open-data/{file}")).await;
    assert_eq!(res.status(), 200);
    let headers = res.headers().clone();
    (headers, res.text().await.unwrap())
}

both_backends!(
    async fn the_downloads_hold_proposals_and_no_personal_data(app) {
        let w = world(&app).await;
        let (headers, csv) = download(&app, HOST, "proposals.csv").await;
        assert!(headers["content-type"].to_str().unwrap().starts_with("text/csv"));
        assert_eq!(headers["content-disposition"], "attachment; filename=\"coventry-proposals.csv\"");
        assert_eq!(headers["link"], "<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\"");
        assert_eq!(headers["licence"], "CC-BY-4.0");
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let heading: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
        assert_eq!(heading, ["id", "title", "intended_outcome", "status", "area_id", "area_name", "tags", "supports", "created_at", "updated_at", "published_at", "evaluation_count", "evaluation_average", "author_name"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2, "{csv}");
        let row = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap().clone();
        let d = row(&w.delivered);
        assert_eq!((&d[1], &d[3], &d[5], &d[6], &d[7]), ("A play street on Sundays", "delivered", "Foleshill", "play;streets", "2"));
        assert_eq!((&d[11], &d[12], &d[13]), ("2", "3.5", "ann"));
        let b = row(&w.bobs);
        assert_eq!(&b[1], "'=HYPERLINK(\"http://evil.example\")", "formulas are defused");
        assert_eq!((&b[11], &b[12], &b[13]), ("0", "", ""), "Bob's name is for members only");
        for absent in ["@example.org", "Bobby", "A secret draft", "A hidden proposal", "Details that stay", "Seen it", "cat"] {
            assert!(!csv.contains(absent), "{absent} in {csv}");
        }

        let (headers, raw) = download(&app, HOST, "proposals.json").await;
        assert_eq!(headers["content-type"], "application/json");
        assert_eq!(headers["licence"], "CC-BY-4.0");
        let data: Value = serde_json::from_str(&raw).unwrap();
        assert_eq!((data["dataset"].as_str(), data["place"].as_str()), (Some("proposals"), Some("Coventry")));
        assert_eq!(data["licence"]["id"], "CC-BY-4.0");
        assert_eq!(data["licence"]["url"], "https://creativecommons.org/licenses/by/4.0/");
        assert_eq!(data["fields"].as_array().unwrap().len(), 14);
        let items = data["items"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        let d = items.iter().find(|i| i["id"] == w.delivered.as_str()).unwrap();
        assert_eq!((d["evaluation_count"].as_i64(), d["evaluation_average"].as_f64(), d["supports"].as_i64()), (Some(2), Some(3.5), Some(2)));
        assert_eq!(d["tags"], json!(["play", "streets"]));
        assert_eq!(d["author_name"], "ann");
        let b = items.iter().find(|i| i["id"] == w.bobs.as_str()).unwrap();
        assert!(b["author_name"].is_null() && b["evaluation_average"].is_null());
        for absent in ["@example.org", "Bobby", "A secret draft", "A hidden proposal", "Seen it"] {
            assert!(!raw.contains(absent), "{absent} in {raw}");
        }
        // Nothing of Coventry's in Leeds.
        let (_, leeds_csv) = download(&app, OTHER, "proposals.csv").await;
        assert_eq!(leeds_csv.lines().count(), 1, "only the heading: {leeds_csv}");
        let (headers, leeds_json) = download(&app, OTHER, "proposals.json").await;
        assert_eq!(headers["content-disposition"], "attachment; filename=\"leeds-proposals.json\"");
        let leeds: Value = serde_json::from_str(&leeds_json).unwrap();
        assert_eq!((leeds["place"].as_str(), leeds["items"].as_array().unwrap().len()), (Some("Leeds"), 0));
        assert!(!leeds_json.contains("play street") && !leeds_json.contains(&w.delivered));
        let _ = (&w.admin, &w.ann, &w.ann_t, &w.cat_t, &w.bob_t);
    }
);

both_backends!(
    async fn the_admins_choose_the_licence(app) {
        let w = world(&app).await;
        let settings = |token: String, body: Value| {
            let app = &app;
            async move { send(app, HOST, Method::PATCH, "/api/v1/admin/settings", Some(&token), Some(body)).await }
        };
        let problem = assert_problem(settings(w.admin_t.clone(), json!({"open_data_licence": "MIT"})).await, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["field"], "open_data_licence");
        assert_problem(settings(w.ann_t.clone(), json!({"open_data_licence": "CC0-1.0"})).await, 403, "forbidden").await;
        let place = json(send(&app, HOST, Method::GET, "/api/v1/place", None, None).await).await;
        assert_eq!(place["open_data_licence"], "CC-BY-4.0");
        let res = settings(w.admin_t.clone(), json!({"open_data_licence": "ogl-uk-3.0"})).await;
        assert_eq!(res.status(), 200);
        assert_eq!(json(res).await["open_data_licence"], "OGL-UK-3.0");
        let (headers, raw) = download(&app, HOST, "proposals.json").await;
        assert_eq!(headers["licence"], "OGL-UK-3.0");
        assert!(headers["link"].to_str().unwrap().contains("open-government-licence"));
        let data: Value = serde_json::from_str(&raw).unwrap();
        assert_eq!(data["licence"]["name"], "Open Government Licence v3.0");
        let (headers, _) = download(&app, HOST, "proposals.csv").await;
        assert_eq!(headers["licence"], "OGL-UK-3.0");
        let page = app.get(HOST, "/open-data").await.text().await.unwrap();
        assert!(page.contains("Open Government Licence v3.0") && page.contains("<code>OGL-UK-3.0</code>"));
        // Leeds keeps its own.
        let (headers, _) = download(&app, OTHER, "proposals.csv").await;
        assert_eq!(headers["licence"], "CC-BY-4.0");
        // The settings page offers the choice and keeps it.
        let admin_web = browser_session(&app, HOST, &w.admin).await;
        let form = admin_web.get(app.url(HOST, "/admin/settings")).send().await.unwrap().text().await.unwrap();
        assert!(form.contains("<option value=\"OGL-UK-3.0\" selected>"));
        let csrf = csrf_in(&form);
        let res = admin_web.post(app.url(HOST, "/admin/settings"))
            .form(&[("csrf", csrf.as_str()), ("name", "Coventry"), ("language", "en-GB"), ("open_data_licence", "nonsense")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("choose one of CC-BY-4.0"));
        let res = admin_web.post(app.url(HOST, "/admin/settings"))
            .form(&[("csrf", csrf.as_str()), ("name", "Coventry"), ("language", "en-GB"), ("open_data_licence", "CC0-1.0")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let (headers, _) = download(&app, HOST, "proposals.csv").await;
        assert_eq!(headers["licence"], "CC0-1.0");
        let changed = app.db(|conn| {
            use coproduce::db::schema::audit_events;
            use diesel::prelude::*;
            audit_events::table.filter(audit_events::kind.eq("settings_changed")).select(audit_events::detail).load::<String>(conn).unwrap()
        }).await;
        assert!(changed.iter().filter(|d| d.contains("open_data_licence")).count() == 2, "{changed:?}");
    }
);

both_backends!(
    async fn the_page_documents_the_downloads(app) {
        let w = world(&app).await;
        let page = app.get(HOST, "/open-data").await;
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(page.contains("href=\"/open-data/proposals.csv\"") && page.contains("href=\"/open-data/proposals.json\""));
        assert!(page.contains("The files hold 2 proposals"));
        for field in ["evaluation_average", "author_name", "supports", "intended_outcome"] {
            assert!(page.contains(&format!("<code>{field}</code>")), "{field}");
        }
        assert!(page.contains("rel=\"license\""));
        let empty = app.get(OTHER, "/open-data").await.text().await.unwrap();
        assert!(empty.contains("There are no published proposals yet"));
        let doc = json(app.get(HOST, "/api/openapi.json").await).await;
        assert!(doc["paths"]["/open-data/proposals.csv"].is_object());
        assert!(doc["paths"]["/api/v1/proposals/{id}/evaluation/mine"]["put"].is_object());
        let _ = (&w.bob_t, &w.cat_t);
    }
);

both_backends!(
    async fn downloads_stream_past_one_batch(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let n = coproduce::opendata::service::BATCH as usize + 7;
        let author = ann.clone();
        app.db(move |conn| {
            for i in 0..n {
                let new = coproduce::proposals::model::NewProposal {
                    title: format!("Idea number {i}"),
                    body: "More trees.".into(),
                    intended_outcome: "Cooler streets.".into(),
                    ..Default::default()
                };
                coproduce::proposals::service::create(conn, &author.tenant_id, &author, &new).unwrap();
            }
        })
        .await;
        let (_, csv) = download(&app, HOST, "proposals.csv").await;
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let ids: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
        assert_eq!(ids.len(), n);
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, ids, "in id order, each once");
        let (_, raw) = download(&app, HOST, "proposals.json").await;
        let data: Value = serde_json::from_str(&raw).unwrap();
        assert_eq!(data["items"].as_array().unwrap().len(), n);
    }
);

both_backends!(
    async fn the_open_data_page_speaks_welsh(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let html = crate::i18n::welsh_page(&app, HOST, None, "/open-data").await;
        crate::i18n::assert_welsh_heading(&html, "<h1>Data agored</h1>", "<h1>Open data</h1>");
        assert!(html.contains("<td>Ei deitl.</td>"), "field meanings in Welsh: {html}");
    }
);
