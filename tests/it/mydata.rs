//! My data: the export covers every table with personal data; erasure
//! leaves none of the person's data readable anywhere; moving place brings
//! the profile across, visible only to its owner.

use coproduce::accounts::Role;
use coproduce::db::DbConn;
use coproduce::mydata::service::{NON_PERSONAL_TABLES, PERSONAL_TABLES};
use diesel::sql_types::{BigInt, Text};
use diesel::{QueryableByName, RunQueryDsl};
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{
    api_token, assert_problem, browser_session, csrf_in, json, user, Backend, TestApp,
    USER_PASSWORD,
};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

/// Every text column of every table of the app's schema.
fn text_columns(conn: &mut DbConn, backend: Backend) -> Vec<(String, String)> {
    let sql = match backend {
        Backend::Sqlite => "SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations' AND upper(p.type) = 'TEXT'",
        Backend::Postgres => "SELECT c.table_name::text AS table_name, c.column_name::text AS column_name FROM information_schema.columns c \
             JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema \
             WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.data_type = 'text' AND c.table_name <> '__diesel_schema_migrations'",
    };
    diesel::sql_query(sql)
        .load::<Column>(conn)
        .unwrap()
        .into_iter()
        .map(|c| (c.table_name, c.column_name))
        .collect()
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Where a string still appears, as `table.column`.
fn traces(conn: &mut DbConn, backend: Backend, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (table, column) in text_columns(conn, backend) {
        let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE lower({column}) LIKE $1");
        let sql = if backend == Backend::Sqlite {
            sql.replace("$1", "?")
        } else {
            sql
        };
        let n = diesel::sql_query(sql)
            .bind::<Text, _>(format!("%{}%", needle.to_lowercase()))
            .get_result::<Count>(conn)
            .unwrap()
            .n;
        if n > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    found
}

#[tokio::test]
async fn every_table_is_declared_personal_or_not() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let tables: Vec<String> = text_columns(&mut app.conn(), Backend::Sqlite)
        .into_iter()
        .map(|(t, _)| t)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for table in &tables {
        assert!(
            PERSONAL_TABLES.contains(&table.as_str()) || NON_PERSONAL_TABLES.contains(&table.as_str()),
            "the table `{table}` is new: cover it in the export (mydata::service::PERSONAL_TABLES and `export`) or declare it NON_PERSONAL"
        );
    }
    for declared in PERSONAL_TABLES.iter().chain(NON_PERSONAL_TABLES) {
        assert!(
            tables.iter().any(|t| t == declared),
            "{declared} is declared but does not exist"
        );
    }
}

/// A person with something in every personal table.
async fn busy_person(app: &TestApp) -> (coproduce::accounts::User, String) {
    let ann = user(
        app,
        "coventry",
        "ann@example.org",
        Role::Citizen,
        false,
        true,
    )
    .await;
    let token = api_token(app, &ann).await;
    let res = app.client(HOST).patch(app.url(HOST, "/api/v1/me/profile")).bearer_auth(&token)
        .json(&json!({"display_name": "Annabel Quartermaine", "bio": "Zebra-striped kettle collector", "skills": ["cooking"], "interests": ["housing"]}))
        .send().await.unwrap();
    assert_eq!(res.status(), 200);
    // A link (and its email) and a used refresh token.
    app.client(HOST)
        .post(app.url(HOST, "/api/v1/auth/password-reset"))
        .json(&json!({"email": "ann@example.org"}))
        .send()
        .await
        .unwrap();
    crate::common::delivered_email(app, "ann@example.org", "reset_password").await;
    let pair = json(
        app.client(HOST)
            .post(app.url(HOST, "/api/v1/auth/login"))
            .json(
                &json!({"email": "ann@example.org", "password": USER_PASSWORD, "code": "00000000"}),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    let _ = pair;
    (ann, token)
}

both_backends!(
    async fn the_export_holds_everything_about_the_person(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let (ann, token) = busy_person(&app).await;
        let res = app.client(HOST).get(app.url(HOST, "/api/v1/me/export")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-disposition"].to_str().unwrap().contains("my-data.json"));
        let export = json(res).await;
        assert_eq!(export["format"], "coproduce-export");
        assert_eq!(export["version"], 1);
        assert_eq!(export["account"]["id"], ann.id.to_string());
        assert_eq!(export["account"]["email"], "ann@example.org");
        assert_eq!(export["account"]["two_step_sign_in"], true);
        assert_eq!(export["profile"]["bio"], "Zebra-striped kettle collector");
        assert_eq!(export["profile"]["visibility"]["bio"], "members");
        assert!(!export["sessions"].as_array().unwrap().is_empty());
        assert!(export["emails"].as_array().unwrap().iter().any(|e| e["kind"] == "reset_password"));
        assert!(export["links"].as_array().unwrap().iter().any(|l| l["purpose"] == "reset_password"));

        // The page shows the same, and offers the download.
        let client = browser_session(&app, HOST, &ann).await;
        let html = client.get(app.url(HOST, "/account/data")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Zebra-striped kettle collector") && html.contains("Download my data"));
        let file = client.get(app.url(HOST, "/account/data/my-data.json")).send().await.unwrap();
        assert_eq!(file.headers()["cache-control"], "no-store");
        let from_page: Value = serde_json::from_str(&file.text().await.unwrap()).unwrap();
        assert_eq!(from_page["profile"], export["profile"]);
        assert_problem(app.get(HOST, "/api/v1/me/export").await, 401, "unauthorized").await;
    }
);

async fn erased_leaves_no_trace(b: Backend, keep: bool) {
    let app = TestApp::spawn(b).await;
    app.tenant("coventry", "Coventry", &[HOST]).await;
    user(
        &app,
        "coventry",
        "admin@example.org",
        Role::Admin,
        false,
        true,
    )
    .await;
    let (ann, token) = busy_person(&app).await;
    let secret =
        crate::common::session_secret(&app, &ann, coproduce::accounts::model::SessionKind::Browser)
            .await;
    // Something sensitive, encrypted under Ann's data key.
    let keys = coproduce::keys::KeyStore::from_settings(&app.settings).unwrap();
    let sealed = keys
        .encrypt_for(&ann.tenant_id, &ann.id, b"my story", b"story:1")
        .unwrap();
    assert_eq!(
        keys.decrypt_for(&ann.tenant_id, &ann.id, &sealed, b"story:1")
            .unwrap(),
        b"my story"
    );
    // The scan finds the person before erasure, so its silence after means something.
    let before = traces(&mut app.conn(), b, "Zebra-striped kettle");
    assert_eq!(before, ["profiles.bio"]);
    assert!(traces(&mut app.conn(), b, "ann@example.org").contains(&"users.email".to_owned()));

    let res = app
        .client(HOST)
        .delete(app.url(HOST, "/api/v1/me"))
        .bearer_auth(&token)
        .json(&json!({"password": "not my password at all"}))
        .send()
        .await
        .unwrap();
    assert_problem(res, 422, "validation_failed").await;
    let res = app.client(HOST).delete(app.url(HOST, "/api/v1/me")).bearer_auth(&token)
        .json(&json!({"password": USER_PASSWORD, "contributions": if keep { "anonymise" } else { "delete" }})).send().await.unwrap();
    assert_eq!(res.status(), 204);

    // The data key is gone: the ciphertext (as in any old backup) is unreadable.
    assert!(matches!(
        keys.decrypt_for(&ann.tenant_id, &ann.id, &sealed, b"story:1"),
        Err(coproduce::keys::KeyError::Shredded)
    ));
    // Sessions and tokens died at once.
    assert_eq!(
        app.client(HOST)
            .get(app.url(HOST, "/api/v1/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let res = app
        .client(HOST)
        .get(app.url(HOST, "/account"))
        .header("cookie", format!("coproduce_session={secret}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    // Nothing readable is left, in any text column of any table.
    let mut conn = app.conn();
    for needle in [
        "ann@example.org",
        "Annabel Quartermaine",
        "Zebra-striped kettle",
    ] {
        assert_eq!(
            traces(&mut conn, b, needle),
            Vec::<String>::new(),
            "{needle} survived"
        );
    }
    let left = app
        .db(move |conn| {
            coproduce::accounts::service::find_user(conn, &ann.tenant_id, &ann.id).unwrap()
        })
        .await;
    match (keep, left) {
        (true, Some(u)) => assert_eq!(u.display_name, "A former member"),
        (false, None) => {}
        (keep, left) => panic!("keep={keep} left {left:?}"),
    }
    // The same email can make a new account.
    let res = app
        .client(HOST)
        .post(app.url(HOST, "/api/v1/auth/register"))
        .json(
            &json!({"email": "ann@example.org", "password": USER_PASSWORD, "display_name": "Ann"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
}

both_backends!(
    async fn erasure_with_contributions_deleted_leaves_no_trace(backend b) {
        erased_leaves_no_trace(b, false).await;
    }
);

both_backends!(
    async fn erasure_with_contributions_kept_leaves_no_trace(backend b) {
        erased_leaves_no_trace(b, true).await;
    }
);

both_backends!(
    async fn the_last_admin_cannot_erase_themselves_and_pages_confirm_first(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let keys = coproduce::keys::KeyStore::from_settings(&app.settings).unwrap();
        let sealed = keys.encrypt_for(&admin.tenant_id, &admin.id, b"notes", b"").unwrap();
        let token = api_token(&app, &admin).await;
        let res = app.client(HOST).delete(app.url(HOST, "/api/v1/me")).bearer_auth(&token)
            .json(&json!({"password": USER_PASSWORD})).send().await.unwrap();
        assert_problem(res, 409, "last_admin").await;
        assert!(keys.decrypt_for(&admin.tenant_id, &admin.id, &sealed, b"").is_ok(), "a refused erasure destroys nothing");

        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let client = browser_session(&app, HOST, &ann).await;
        let html = client.get(app.url(HOST, "/account/delete")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("cannot be undone"));
        let csrf = csrf_in(&html);
        let res = client.post(app.url(HOST, "/account/delete"))
            .form(&[("csrf", csrf.as_str()), ("password", "wrong password here"), ("contributions", "delete")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let res = client.post(app.url(HOST, "/account/delete"))
            .form(&[("csrf", csrf.as_str()), ("password", USER_PASSWORD)]).send().await.unwrap();
        assert_eq!(res.status(), 422, "a choice about contributions is required");
        let res = client.post(app.url(HOST, "/account/delete"))
            .form(&[("csrf", csrf.as_str()), ("password", USER_PASSWORD), ("contributions", "delete")]).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("Your account has been deleted"));
        assert_eq!(client.get(app.url(HOST, "/account")).send().await.unwrap().status(), 303);
    }
);

both_backends!(
    async fn moving_place_brings_the_profile_and_shares_nothing(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let (_, token) = busy_person(&app).await;
        let export = json(app.client(HOST).get(app.url(HOST, "/api/v1/me/export")).bearer_auth(&token).send().await.unwrap()).await;

        let moved = user(&app, "leeds", "ann@new.example", Role::Citizen, false, false).await;
        let leeds_token = api_token(&app, &moved).await;
        let res = app.client(OTHER).post(app.url(OTHER, "/api/v1/me/import")).bearer_auth(&leeds_token).json(&export).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let summary = json(res).await;
        assert_eq!(summary["skills"], 1);
        let me = json(app.client(OTHER).get(app.url(OTHER, "/api/v1/me")).bearer_auth(&leeds_token).send().await.unwrap()).await;
        assert_eq!(me["profile"]["bio"], "Zebra-striped kettle collector");
        assert_eq!(me["email"], "ann@new.example", "the account itself does not change");
        let public = json(app.get(OTHER, &format!("/api/v1/users/{}", moved.id)).await).await;
        assert!(public.get("bio").is_none() && public.get("skills").is_none(), "imported parts start private: {public}");

        let mut wrong = export.clone();
        wrong["version"] = json!(99);
        let res = app.client(OTHER).post(app.url(OTHER, "/api/v1/me/import")).bearer_auth(&leeds_token).json(&wrong).send().await.unwrap();
        assert_problem(res, 422, "validation_failed").await;
        let res = app.client(OTHER).post(app.url(OTHER, "/api/v1/me/import")).bearer_auth(&leeds_token).json(&json!({"hello": 1})).send().await.unwrap();
        assert_problem(res, 400, "invalid_body").await;

        // The page takes a pasted file.
        let client = browser_session(&app, OTHER, &moved).await;
        let html = client.get(app.url(OTHER, "/account/import")).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&html);
        let res = client.post(app.url(OTHER, "/account/import")).form(&[("csrf", csrf.as_str()), ("export", "not json")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let res = client.post(app.url(OTHER, "/account/import")).form(&[("csrf", csrf.as_str()), ("export", export.to_string().as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("only you can see them"));
    }
);

both_backends!(
    async fn my_data_pages_pass_axe(app) {
        use crate::common::browser::Browser;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let (ann, _) = busy_person(&app).await;
        let secret = crate::common::session_secret(&app, &ann, coproduce::accounts::model::SessionKind::Browser).await;
        let browser = Browser::start(&app).await;
        browser.goto(&app, HOST, "/").await;
        browser
            .client
            .execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![])
            .await
            .unwrap();
        for (path, heading) in [
            ("/account/data", "Your data"),
            ("/account/delete", "Delete your account"),
            ("/account/import", "Bring your profile from another place"),
        ] {
            browser.goto(&app, HOST, path).await;
            browser.wait_for_heading(heading).await;
            browser.assert_accessible().await;
        }
        browser.close().await;
    }
);

both_backends!(
    async fn your_data_is_in_welsh_for_whoever_chose_it(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let secret = crate::common::session_secret(&app, &ann, coproduce::accounts::model::SessionKind::Browser).await;
        let res = app.client(HOST).get(app.url(HOST, "/account/data")).header("cookie", format!("coproduce_session={secret}; lang=cy")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("<h1>Eich data</h1>") && html.contains("Dinesydd"), "{html}");
        assert!(!html.contains("<h1>Your data</h1>") && !html.contains(">Citizen<"), "{html}");
    }
);
