//! Idempotency-Key on the API's POSTs: a retry gets the first answer, a
//! reused key for another request is a 422, a request still running is a
//! 409, keys are per person and per place, expire after 24 hours, and the
//! kept answers are sealed, exported (as keys only) and erased.

use coproduce::accounts::{Role, User};
use coproduce::db::schema::{boards, idempotency_keys, stories};
use coproduce::idempotency::model::Claim;
use coproduce::idempotency::{service, Fingerprint, IdempotencyKey, Scope};
use coproduce::keys::KeyStore;
use diesel::prelude::*;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{api_token, assert_problem, json, user, TestApp, USER_PASSWORD};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";
const STORY: &str =
    "I slept in the bus station for three weeks in March; only Maria asked my name.";

fn board_body(title: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "title": title,
        "description": "Parents and the services that support them redesign family support together.",
        "service_area": "Family support in Hillfields",
    }))
    .unwrap()
}

/// POSTs exactly these bytes (so tests can fingerprint them), with a key.
async fn post(
    app: &TestApp,
    host: &str,
    path: &str,
    token: Option<&str>,
    key: Option<&str>,
    body: &[u8],
) -> reqwest::Response {
    let mut req = app
        .client(host)
        .post(app.url(host, path))
        .header("content-type", "application/json")
        .body(body.to_vec());
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    req.send().await.unwrap()
}

fn replayed(res: &reqwest::Response) -> bool {
    res.headers()
        .get("idempotent-replayed")
        .is_some_and(|v| v == "true")
}

async fn count_boards(app: &TestApp) -> i64 {
    app.db(|conn| boards::table.count().get_result(conn).unwrap())
        .await
}

async fn person(app: &TestApp, slug: &str, email: &str) -> (User, String) {
    let u = user(app, slug, email, Role::Citizen, false, false).await;
    let t = api_token(app, &u).await;
    (u, t)
}

both_backends!(
    async fn a_retry_gets_the_first_answer_and_nothing_is_made_twice(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let (_, ann_t) = person(&app, "coventry", "ann@example.org").await;
        let body = board_body("Family support");

        let first = post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some("retry-1"), &body).await;
        assert_eq!(first.status(), 201);
        assert!(!replayed(&first));
        let location = first.headers()["location"].clone();
        let first_body = first.text().await.unwrap();

        let again = post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some("retry-1"), &body).await;
        assert_eq!(again.status(), 201);
        assert!(replayed(&again), "a replay says so");
        assert_eq!(again.headers()["location"], location);
        assert!(again.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
        assert_eq!(again.text().await.unwrap(), first_body, "the very same answer");
        assert_eq!(count_boards(&app).await, 1, "one board, not two");

        // A structured-field string is the same key.
        let quoted = post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some("\"retry-1\""), &body).await;
        assert!(replayed(&quoted));
        // Without a key, or with another, the request runs again.
        assert_eq!(post(&app, HOST, "/api/v1/boards", Some(&ann_t), None, &body).await.status(), 201);
        assert_eq!(post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some("retry-2"), &body).await.status(), 201);
        assert_eq!(count_boards(&app).await, 3);

        // Client errors are outcomes too: kept and replayed.
        let bad = board_body("");
        let res = post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some("bad-1"), &bad).await;
        assert!(!replayed(&res));
        let problem = assert_problem(res, 422, "validation_failed").await;
        let res = post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some("bad-1"), &bad).await;
        assert!(replayed(&res));
        assert_eq!(assert_problem(res, 422, "validation_failed").await, problem);
    }
);

both_backends!(
    async fn a_key_reused_for_another_request_is_refused(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let (_, ann_t) = person(&app, "coventry", "ann@example.org").await;
        let body = board_body("Family support");
        assert_eq!(post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some("k"), &body).await.status(), 201);

        for (path, body) in [
            ("/api/v1/boards", board_body("Something else")),
            ("/api/v1/boards?x=1", board_body("Family support")),
            ("/api/v1/proposals", board_body("Family support")),
        ] {
            let res = post(&app, HOST, path, Some(&ann_t), Some("k"), &body).await;
            assert!(!replayed(&res));
            let problem = assert_problem(res, 422, "validation_failed").await;
            assert_eq!(problem["errors"][0]["field"], "Idempotency-Key", "{path}");
            assert_eq!(problem["errors"][0]["code"], "idempotency_key_reused", "{path}");
        }
        assert_eq!(count_boards(&app).await, 1);
    }
);

both_backends!(
    async fn a_retry_while_the_first_is_running_is_409(app) {
        let tenant = app.tenant("coventry", "Coventry", &[HOST]).await;
        let (ann, ann_t) = person(&app, "coventry", "ann@example.org").await;
        let body = board_body("Family support");
        // The first request, held in flight (as while its handler runs).
        let keys = KeyStore::from_settings(&app.settings).unwrap();
        let scope = Scope {
            tenant_id: tenant.id.clone(),
            user_id: ann.id.clone(),
            key: IdempotencyKey::parse(b"held").unwrap(),
        };
        let fingerprint = Fingerprint::of("POST", "/api/v1/boards", &body);
        let (s, f) = (scope.clone(), fingerprint.clone());
        let claim = app
            .db(move |conn| service::claim(conn, &keys, &s, &f, "POST", "/api/v1/boards").unwrap())
            .await;
        assert!(matches!(claim, Claim::Fresh { .. }), "{claim:?}");

        let res = post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some("held"), &body).await;
        assert_eq!(res.headers()["retry-after"], "1");
        assert_problem(res, 409, "idempotency_key_in_flight").await;
        // Another body is still a misuse of the key, whatever its state.
        let res = post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some("held"), &board_body("Other")).await;
        assert_problem(res, 422, "validation_failed").await;
        assert_eq!(count_boards(&app).await, 0);

        // A request that never finished (its server stopped) lets go after the lease.
        app.db(|conn| {
            let long_ago = chrono::Utc::now().naive_utc() - chrono::Duration::minutes(6);
            diesel::update(idempotency_keys::table)
                .set(idempotency_keys::created_at.eq(long_ago))
                .execute(conn)
                .unwrap()
        })
        .await;
        let res = post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some("held"), &body).await;
        assert_eq!(res.status(), 201);
        assert!(!replayed(&res));
        assert_eq!(count_boards(&app).await, 1);
    }
);

both_backends!(
    async fn concurrent_duplicates_make_one_thing(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let (_, ann_t) = person(&app, "coventry", "ann@example.org").await;
        let body = board_body("Family support");
        for round in 0..3 {
            let key = format!("together-{round}");
            let sends = (0..6).map(|_| post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some(&key), &body));
            let answers = futures::future::join_all(sends).await;
            let mut made = 0;
            for res in answers {
                match res.status().as_u16() {
                    201 if !replayed(&res) => made += 1,
                    201 => {}
                    409 => {
                        assert_problem(res, 409, "idempotency_key_in_flight").await;
                    }
                    other => panic!("unexpected {other}: {}", res.text().await.unwrap()),
                }
            }
            assert_eq!(made, 1, "round {round}: exactly one request did the work");
            assert_eq!(count_boards(&app).await, round + 1);
        }
    }
);

both_backends!(
    async fn keys_belong_to_one_person_in_one_place(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let (_, ann_t) = person(&app, "coventry", "ann@example.org").await;
        let (_, bob_t) = person(&app, "coventry", "bob@example.org").await;
        let (_, leeds_t) = person(&app, "leeds", "ann@example.org").await;

        let ann_story = serde_json::to_vec(&json!({"title": "Three weeks", "body": STORY})).unwrap();
        let res = post(&app, HOST, "/api/v1/stories", Some(&ann_t), Some("shared-key"), &ann_story).await;
        assert_eq!(res.status(), 201);
        let ann_id = json(res).await["id"].as_str().unwrap().to_owned();

        // Bob's same key (another request) is his own: not a 422, not Ann's story.
        let bob_story = serde_json::to_vec(&json!({"title": "Mine", "body": "A different story of my own."})).unwrap();
        let res = post(&app, HOST, "/api/v1/stories", Some(&bob_t), Some("shared-key"), &bob_story).await;
        assert_eq!(res.status(), 201);
        assert!(!replayed(&res));
        let text = res.text().await.unwrap();
        assert!(!text.contains("bus station") && !text.contains(&ann_id), "{text}");
        // Even Ann's exact request, sent by Bob first, leaves Ann's key hers.
        let res = post(&app, HOST, "/api/v1/stories", Some(&bob_t), Some("ann-only"), &ann_story).await;
        assert_eq!(res.status(), 201);
        let bobs = json(res).await["id"].clone();
        let res = post(&app, HOST, "/api/v1/stories", Some(&ann_t), Some("ann-only"), &ann_story).await;
        assert_eq!(res.status(), 201);
        assert!(!replayed(&res), "Bob's use of a key is not Ann's");
        assert_ne!(json(res).await["id"], bobs);

        // The same key in another place is another key.
        let res = post(&app, OTHER, "/api/v1/stories", Some(&leeds_t), Some("shared-key"), &ann_story).await;
        assert_eq!(res.status(), 201);
        assert!(!replayed(&res));
        let leeds = json(res).await;
        assert_ne!(leeds["id"], ann_id);
        assert_eq!(app.db(|conn| stories::table.count().get_result::<i64>(conn).unwrap()).await, 5);

        // The kept answers hold the story only sealed.
        let kept: Vec<Option<Vec<u8>>> = app
            .db(|conn| idempotency_keys::table.select(idempotency_keys::body).load(conn).unwrap())
            .await;
        assert_eq!(kept.len(), 5);
        for body in kept.into_iter().flatten() {
            assert!(!body.windows(11).any(|w| w == b"bus station"), "a kept answer is in the clear");
        }
        // And Ann's retry still gets her own first answer.
        let res = post(&app, HOST, "/api/v1/stories", Some(&ann_t), Some("shared-key"), &ann_story).await;
        assert!(replayed(&res));
        assert_eq!(json(res).await["id"], ann_id.as_str());
    }
);

both_backends!(
    async fn keys_expire_after_a_day_and_are_swept(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let (_, ann_t) = person(&app, "coventry", "ann@example.org").await;
        let body = board_body("Family support");
        assert_eq!(post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some("old"), &body).await.status(), 201);
        assert_eq!(post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some("recent"), &body).await.status(), 201);
        let day_ago = chrono::Utc::now().naive_utc() - chrono::Duration::hours(25);
        app.db(move |conn| {
            diesel::update(idempotency_keys::table.filter(idempotency_keys::idem_key.eq("old")))
                .set(idempotency_keys::created_at.eq(day_ago))
                .execute(conn)
                .unwrap()
        })
        .await;
        // Past 24 hours the key is new again: the request runs.
        let res = post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some("old"), &body).await;
        assert_eq!(res.status(), 201);
        assert!(!replayed(&res));
        assert_eq!(count_boards(&app).await, 3);

        // The sweep deletes only what is past 24 hours.
        app.db(move |conn| {
            diesel::update(idempotency_keys::table.filter(idempotency_keys::idem_key.eq("old")))
                .set(idempotency_keys::created_at.eq(day_ago))
                .execute(conn)
                .unwrap()
        })
        .await;
        assert_eq!(app.db(|conn| service::sweep(conn).unwrap()).await, 1);
        let left: Vec<String> = app
            .db(|conn| idempotency_keys::table.select(idempotency_keys::idem_key).load(conn).unwrap())
            .await;
        assert_eq!(left, ["recent"]);
    }
);

both_backends!(
    async fn bad_keys_are_400_and_the_header_is_ignored_where_not_honoured(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let (_, ann_t) = person(&app, "coventry", "ann@example.org").await;
        let body = board_body("Family support");
        let long = "k".repeat(256);
        for bad in ["", "two words", "\"\"", long.as_str()] {
            let res = post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some(bad), &body).await;
            assert_problem(res, 400, "invalid_idempotency_key").await;
        }
        assert_eq!(count_boards(&app).await, 0, "nothing was made");
        assert_eq!(
            post(&app, HOST, "/api/v1/boards", Some(&ann_t), Some(&"k".repeat(255)), &body).await.status(),
            201
        );

        // Anonymous calls and sign-in: the header changes nothing, and no
        // token is ever kept.
        let login = serde_json::to_vec(&json!({"email": "ann@example.org", "password": USER_PASSWORD})).unwrap();
        let mut tokens = Vec::new();
        for _ in 0..2 {
            let res = post(&app, HOST, "/api/v1/auth/login", None, Some("login-key"), &login).await;
            assert_eq!(res.status(), 200);
            assert!(!replayed(&res));
            tokens.push(json(res).await["access_token"].clone());
        }
        assert_ne!(tokens[0], tokens[1], "each sign-in is its own");
        let res = post(&app, HOST, "/api/v1/boards", None, Some("anon"), &body).await;
        assert_problem(res, 401, "unauthorized").await;
        let res = post(&app, HOST, "/api/v1/boards", Some("not-a-token"), Some("anon"), &body).await;
        assert_problem(res, 401, "unauthorized").await;
        let keys: Vec<String> = app
            .db(|conn| idempotency_keys::table.select(idempotency_keys::idem_key).load(conn).unwrap())
            .await;
        assert_eq!(keys, ["k".repeat(255)]);
    }
);

both_backends!(
    async fn keys_are_in_the_export_and_go_with_the_person(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let (ann, ann_t) = person(&app, "coventry", "ann@example.org").await;
        let story = serde_json::to_vec(&json!({"title": "Three weeks", "body": STORY})).unwrap();
        assert_eq!(post(&app, HOST, "/api/v1/stories", Some(&ann_t), Some("export-me"), &story).await.status(), 201);

        let export = json(app.client(HOST).get(app.url(HOST, "/api/v1/me/export")).bearer_auth(&ann_t).send().await.unwrap()).await;
        let kept = &export["idempotency_keys"];
        assert_eq!(kept.as_array().unwrap().len(), 1, "{kept}");
        assert_eq!(kept[0]["key"], "export-me");
        assert_eq!(kept[0]["path"], "/api/v1/stories");
        assert_eq!(kept[0]["status"], 201);
        assert!(kept[0].get("body").is_none(), "never the answer");

        let res = app.client(HOST).delete(app.url(HOST, "/api/v1/me")).bearer_auth(&ann_t)
            .json(&json!({"password": USER_PASSWORD, "contributions": "delete"})).send().await.unwrap();
        assert_eq!(res.status(), 204);
        let id = ann.id.clone();
        let left: i64 = app
            .db(move |conn| {
                idempotency_keys::table
                    .filter(idempotency_keys::user_id.eq(&id))
                    .count()
                    .get_result(conn)
                    .unwrap()
            })
            .await;
        assert_eq!(left, 0);
    }
);

both_backends!(
    async fn the_api_document_shows_the_header_where_it_is_honoured(app) {
        let doc: Value = json(app.get("localhost", "/api/openapi.json").await).await;
        let boards = &doc["paths"]["/api/v1/boards"]["post"];
        let params = boards["parameters"].as_array().unwrap();
        assert!(params.iter().any(|p| p["name"] == "Idempotency-Key" && p["in"] == "header"), "{params:?}");
        assert!(boards["responses"]["409"]["description"].as_str().unwrap().contains("idempotency_key_in_flight"));
        assert!(boards["responses"]["422"]["description"].as_str().unwrap().contains("idempotency_key_reused"));
        assert!(boards["responses"]["201"]["headers"]["Idempotent-Replayed"].is_object());
        let login = &doc["paths"]["/api/v1/auth/login"]["post"];
        let named = |op: &Value| {
            op["parameters"].as_array().is_some_and(|ps| ps.iter().any(|p| p["name"] == "Idempotency-Key"))
        };
        assert!(!named(login), "sign-in does not honour it");
        assert!(!named(&doc["paths"]["/api/v1/boards"]["get"]), "only POSTs");
    }
);
