//! Stories and consent: encryption at rest, consent inputs, reading only
//! under live consent (and a property test of it over random grants,
//! readers, purposes and times), attribution, the use log and its chain,
//! withdrawal (emails to organisations, the public page's 410), excerpts
//! for reports, consent requests, reminders and renewal, erasure of a
//! story and of its author, other places on every route, and the browser
//! journey with axe on each page.

use coproduce::accounts::{Role, User};
use coproduce::keys::KeyStore;
use reqwest::Method;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{
    api_token, assert_problem, browser_session, csrf_in, delivered_email, json, send, user, TestApp,
};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";
const BODY: &str = "I slept in the bus station for three weeks in March. Nobody asked my name until Maria at the night shelter did.";
const DEID: &str =
    "I slept rough for some weeks. Nobody asked my name until someone at a shelter did.";

struct World {
    ann: User,
    ann_t: String,
    bob: User,
    bob_t: String,
    olga: User,
    olga_t: String,
    oscar: User,
    oscar_t: String,
    /// Olga's organisation; Oscar is a member, Olga its admin.
    org: String,
    /// Another organisation, with no members besides its admin Zed.
    other_org: String,
    sam: User,
    sam_t: String,
}

async fn world(app: &TestApp) -> World {
    app.tenant("coventry", "Coventry", &[HOST]).await;
    app.tenant("leeds", "Leeds", &[OTHER]).await;
    let mk = |email: &'static str| async move {
        user(app, "coventry", email, Role::Citizen, false, false).await
    };
    let ann = mk("ann@example.org").await;
    let bob = mk("bob@example.org").await;
    let olga = mk("olga@example.org").await;
    let oscar = mk("oscar@example.org").await;
    let zed = mk("zed@example.org").await;
    let sam = user(app, "leeds", "sam@example.org", Role::Citizen, false, false).await;
    let ann_t = api_token(app, &ann).await;
    let olga_t = api_token(app, &olga).await;
    let res = send(
        app,
        HOST,
        Method::PATCH,
        "/api/v1/me/profile",
        Some(&ann_t),
        Some(json!({"display_name": "Ann Smith"})),
    )
    .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let org = organisation(app, &olga_t, "Night Shelter Trust").await;
    let zed_t = api_token(app, &zed).await;
    let other_org = organisation(app, &zed_t, "Food Bank").await;
    let res = send(
        app,
        HOST,
        Method::POST,
        &format!("/api/v1/organisations/{org}/members"),
        Some(&olga_t),
        Some(json!({"user_id": oscar.id.to_string(), "role": "member"})),
    )
    .await;
    assert_eq!(res.status(), 201);
    let ann = coproduce_user(app, &ann).await;
    World {
        bob_t: api_token(app, &bob).await,
        oscar_t: api_token(app, &oscar).await,
        sam_t: api_token(app, &sam).await,
        ann,
        ann_t,
        bob,
        olga,
        olga_t,
        oscar,
        org,
        other_org,
        sam,
    }
}

/// The account as stored now (after a profile change).
async fn coproduce_user(app: &TestApp, u: &User) -> User {
    let u = u.clone();
    app.db(move |conn| {
        coproduce::accounts::service::find_user(conn, &u.tenant_id, &u.id)
            .unwrap()
            .unwrap()
    })
    .await
}

async fn organisation(app: &TestApp, token: &str, name: &str) -> String {
    let res = send(
        app,
        HOST,
        Method::POST,
        "/api/v1/organisations",
        Some(token),
        Some(json!({"name": name, "kind": "voluntary"})),
    )
    .await;
    assert_eq!(res.status(), 201);
    json(res).await["id"].as_str().unwrap().to_owned()
}

async fn story(app: &TestApp, token: &str, title: &str) -> String {
    let res = send(
        app,
        HOST,
        Method::POST,
        "/api/v1/stories",
        Some(token),
        Some(json!({"title": title, "body": BODY})),
    )
    .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let v = json(res).await;
    assert_eq!(
        location,
        format!("/api/v1/stories/{}", v["id"].as_str().unwrap())
    );
    v["id"].as_str().unwrap().to_owned()
}

async fn approve_deidentified(app: &TestApp, token: &str, id: &str) {
    let res = send(
        app,
        HOST,
        Method::PUT,
        &format!("/api/v1/stories/{id}/deidentified"),
        Some(token),
        Some(json!({"title": "Some weeks outside", "body": DEID, "approved": true})),
    )
    .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

async fn put_consents(app: &TestApp, token: &str, id: &str, grants: Value) -> reqwest::Response {
    send(
        app,
        HOST,
        Method::PUT,
        &format!("/api/v1/stories/{id}/consents"),
        Some(token),
        Some(json!({"grants": grants})),
    )
    .await
}

async fn grant(app: &TestApp, token: &str, id: &str, grants: Value) -> Value {
    let res = put_consents(app, token, id, grants).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    json(res).await
}

async fn read(app: &TestApp, token: Option<&str>, id: &str, query: &str) -> reqwest::Response {
    send(
        app,
        HOST,
        Method::GET,
        &format!("/api/v1/stories/{id}{query}"),
        token,
        None,
    )
    .await
}

async fn uses(app: &TestApp, token: &str) -> Value {
    let res = send(
        app,
        HOST,
        Method::GET,
        "/api/v1/me/story-uses",
        Some(token),
        None,
    )
    .await;
    assert_eq!(res.status(), 200);
    json(res).await
}

fn keys(app: &TestApp) -> KeyStore {
    KeyStore::open(&app.settings.key_store, app.settings.master_key.clone()).unwrap()
}

/// Every text column the main database holds about stories, and the
/// outbox and audit log, as one string.
async fn stored_text(app: &TestApp) -> String {
    use coproduce::db::schema::{
        audit_events, outbox, stories, story_consent_requests, story_consents, story_uses,
    };
    use diesel::prelude::*;
    app.db(|conn| {
        let mut all = String::new();
        for (sealed, deid) in stories::table
            .select((stories::sealed, stories::deidentified))
            .load::<(Vec<u8>, Option<Vec<u8>>)>(conn)
            .unwrap()
        {
            all.push_str(&String::from_utf8_lossy(&sealed));
            all.push_str(&String::from_utf8_lossy(&deid.unwrap_or_default()));
        }
        for d in audit_events::table
            .select(audit_events::detail)
            .load::<String>(conn)
            .unwrap()
        {
            all.push_str(&d);
        }
        for (s, t, h) in outbox::table
            .select((outbox::subject, outbox::body_text, outbox::body_html))
            .load::<(String, String, String)>(conn)
            .unwrap()
        {
            all.push_str(&s);
            all.push_str(&t);
            all.push_str(&h);
        }
        for m in story_consent_requests::table
            .select(story_consent_requests::message)
            .load::<String>(conn)
            .unwrap()
        {
            all.push_str(&m);
        }
        all.push_str(&format!(
            "{}",
            story_consents::table
                .count()
                .get_result::<i64>(conn)
                .unwrap()
        ));
        all.push_str(&format!(
            "{}",
            story_uses::table.count().get_result::<i64>(conn).unwrap()
        ));
        all
    })
    .await
}

both_backends!(
    async fn stories_are_encrypted_at_rest_and_shared_with_no_one_by_default(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        // The author reads it whole.
        let mine = json(read(&app, Some(&w.ann_t), &id, "").await).await;
        assert_eq!((mine["title"].as_str(), mine["body"].as_str(), mine["yours"].as_bool()), (Some("Three weeks at the bus station"), Some(BODY), Some(true)));
        // No one else, signed in or not, in this place or another.
        assert_problem(read(&app, Some(&w.bob_t), &id, "").await, 404, "not_found").await;
        assert_problem(read(&app, None, &id, "").await, 404, "not_found").await;
        let res = send(&app, OTHER, Method::GET, &format!("/api/v1/stories/{id}"), Some(&w.sam_t), None).await;
        assert_problem(res, 404, "not_found").await;
        let list = json(send(&app, HOST, Method::GET, "/api/v1/stories", Some(&w.bob_t), None).await).await;
        assert_eq!(list["total"], 0);
        let list = json(send(&app, HOST, Method::GET, "/api/v1/stories", Some(&w.ann_t), None).await).await;
        assert_eq!((list["total"].as_i64(), list["items"][0]["title"].as_str()), (Some(1), Some("Three weeks at the bus station")));
        // The database holds only ciphertext: no title, no words of the body.
        let stored = stored_text(&app).await;
        for plain in ["bus station", "Maria", "night shelter", "Three weeks"] {
            assert!(!stored.contains(plain), "{plain} stored in the clear");
        }
        if app.backend == crate::common::Backend::Sqlite {
            let path = match &app.settings.database { coproduce::db::DatabaseUrl::Sqlite(p) => p.clone(), _ => unreachable!() };
            for file in [path.clone(), path.with_extension("db-wal")] {
                if let Ok(bytes) = std::fs::read(&file) {
                    assert!(!String::from_utf8_lossy(&bytes).contains("bus station"), "plaintext in {}", file.display());
                }
            }
        }
        // Its key lives in the key store, wrapped.
        let ann = w.ann.clone();
        let story_id: coproduce::db::ids::StoryId = id.parse().unwrap();
        let k = keys(&app);
        let key = k.child_key(&ann.tenant_id, &ann.id, &format!("story:{story_id}")).unwrap();
        let sealed: Vec<u8> = app.db(move |conn| {
            use coproduce::db::schema::stories;
            use diesel::prelude::*;
            stories::table.filter(stories::id.eq(&story_id)).select(stories::sealed).first(conn).unwrap()
        }).await;
        let aad = format!("story|{}|{id}|v1|original", ann.tenant_id);
        let plain = key.open(&sealed, aad.as_bytes()).unwrap();
        assert!(String::from_utf8(plain).unwrap().contains("bus station"));
        assert!(key.open(&sealed, format!("story|{}|{id}|v2|original", ann.tenant_id).as_bytes()).is_err(), "the version is bound");
        // The digest receipts carry: stable, and never the text itself.
        let (t, sid): (_, coproduce::db::ids::StoryId) = (ann.tenant_id.clone(), id.parse().unwrap());
        let row = app.db(move |conn| coproduce::stories::service::find(conn, &t, &sid).unwrap().unwrap()).await;
        let digest = coproduce::stories::service::story_digest(&k, &row, coproduce::stories::Attribution::Named).unwrap();
        assert_eq!(digest.len(), 64);
        assert_eq!(digest, coproduce::stories::service::story_digest(&k, &row, coproduce::stories::Attribution::FirstName).unwrap());
        assert!(coproduce::stories::service::story_digest(&k, &row, coproduce::stories::Attribution::Anonymous).is_err(), "no de-identified version yet");
    }
);

both_backends!(
    async fn bad_consents_are_refused_and_nothing_is_half_written(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "A title").await;
        let far = (chrono::Utc::now() + chrono::Duration::days(24 * 31 + 2)).naive_utc();
        let past = (chrono::Utc::now() - chrono::Duration::days(1)).naive_utc();
        let cases = [
            (json!([{"purpose": "research", "audience": "tenant", "attribution": "named", "expires_at": far}]), "grants[0].expires_at", "too_long"),
            (json!([{"purpose": "research", "audience": "tenant", "attribution": "named", "expires_at": past}]), "grants[0].expires_at", "in_the_past"),
            (json!([{"purpose": "gossip", "audience": "tenant", "attribution": "named"}]), "grants[0].purpose", "unknown_purpose"),
            (json!([{"purpose": "research", "audience": "everyone", "attribution": "named"}]), "grants[0].audience", "unknown_audience"),
            (json!([{"purpose": "research", "audience": "tenant", "attribution": "nickname"}]), "grants[0].attribution", "unknown_attribution"),
            (json!([{"purpose": "research", "audience": "tenant", "attribution": "anonymous"}]), "grants[0].attribution", "deidentified_required"),
            (json!([{"purpose": "research", "audience": format!("organisation:{}", uuid::Uuid::now_v7()), "attribution": "named"}]), "grants[0].audience", "unknown_organisation"),
            (json!([{"purpose": "research", "audience": format!("board:{}", uuid::Uuid::now_v7()), "attribution": "named"}]), "grants[0].audience", "unknown_board"),
            (json!([{"purpose": "research", "audience": "tenant", "attribution": "named"}, {"purpose": "research", "audience": "tenant", "attribution": "first_name"}]), "grants[1].purpose", "duplicate"),
            (json!([{"purpose": "research", "audience": "tenant", "attribution": "named"}, {"purpose": "media", "audience": "public", "attribution": "anonymous"}]), "grants[1].attribution", "deidentified_required"),
        ];
        for (grants, field, code) in cases {
            let body = assert_problem(put_consents(&app, &w.ann_t, &id, grants.clone()).await, 422, "validation_failed").await;
            let errors = body["errors"].as_array().unwrap();
            assert!(errors.iter().any(|e| e["field"] == field && e["code"] == code), "{grants}: {body}");
        }
        // Another place's organisation is unknown here.
        let leeds_org = {
            let res = send(&app, OTHER, Method::POST, "/api/v1/organisations", Some(&w.sam_t), Some(json!({"name": "Leeds Aid", "kind": "voluntary"}))).await;
            json(res).await["id"].as_str().unwrap().to_owned()
        };
        let body = assert_problem(put_consents(&app, &w.ann_t, &id, json!([{"purpose": "research", "audience": format!("organisation:{leeds_org}"), "attribution": "named"}])).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["code"], "unknown_organisation");
        // Malformed JSON is 400; nothing was written.
        let res = app.client(HOST).put(app.url(HOST, &format!("/api/v1/stories/{id}/consents"))).bearer_auth(&w.ann_t).header("content-type", "application/json").body("{\"grants\": [").send().await.unwrap();
        assert_eq!(res.status(), 400);
        let consents = json(send(&app, HOST, Method::GET, &format!("/api/v1/stories/{id}/consents"), Some(&w.ann_t), None).await).await;
        assert_eq!(consents.as_array().unwrap().len(), 0, "{consents}");
        // Bad stories too.
        let res = send(&app, HOST, Method::POST, "/api/v1/stories", Some(&w.ann_t), Some(json!({"title": "", "body": "x".repeat(20_001), "area_id": "nowhere", "board_id": uuid::Uuid::now_v7().to_string()}))).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert!(fields.contains(&"title") && fields.contains(&"body"), "{body}");
        let res = send(&app, HOST, Method::POST, "/api/v1/stories", Some(&w.ann_t), Some(json!({"title": "T", "body": "B", "board_id": uuid::Uuid::now_v7().to_string()}))).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["code"], "unknown_board", "no board has this id here");
        let res = send(&app, HOST, Method::POST, "/api/v1/stories", None, Some(json!({"title": "T", "body": "B"}))).await;
        assert_problem(res, 401, "unauthorized").await;
        // The default expiry is 12 months; the stored DPV term and legal basis.
        let answer = grant(&app, &w.ann_t, &id, json!([{"purpose": "research", "audience": "tenant", "attribution": "named"}])).await;
        let g = &answer["grants"][0];
        assert_eq!((g["dpv_purpose"].as_str(), g["legal_basis"].as_str(), g["dpv_status"].as_str(), g["status"].as_str()), (Some("dpv:NonCommercialResearch"), Some("eu-gdpr:A6-1-a"), Some("dpv:ConsentGiven"), Some("given")));
        let expires = chrono::NaiveDateTime::parse_from_str(g["expires_at"].as_str().unwrap(), "%Y-%m-%dT%H:%M:%S%.f").unwrap();
        let months = (expires - chrono::Utc::now().naive_utc()).num_days();
        assert!((360..=367).contains(&months), "{months}");
        assert!(answer["receipt"].as_str().is_some_and(|r| r.starts_with("eyJ")), "a signed receipt");
        // Special category: explicit consent.
        let res = send(&app, HOST, Method::PATCH, &format!("/api/v1/stories/{id}"), Some(&w.ann_t), Some(json!({"special_category": true}))).await;
        assert_eq!(res.status(), 200);
        let consents = json(send(&app, HOST, Method::GET, &format!("/api/v1/stories/{id}/consents"), Some(&w.ann_t), None).await).await;
        assert_eq!(consents[0]["legal_basis"], "eu-gdpr:A9-2-a");
        let answer = grant(&app, &w.ann_t, &id, json!([{"purpose": "research", "audience": "tenant", "attribution": "named"}, {"purpose": "media", "audience": "public", "attribution": "first_name"}])).await;
        assert_eq!(answer["grants"].as_array().unwrap().len(), 2);
        assert!(answer["grants"].as_array().unwrap().iter().all(|g| g["legal_basis"] == "eu-gdpr:A9-2-a"));
        assert_eq!(answer["changed"].as_array().unwrap().len(), 1, "the research grant stayed as it was");
    }
);

both_backends!(
    async fn reading_follows_live_consent_and_renders_the_attribution(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        grant(&app, &w.ann_t, &id, json!([{"purpose": "research", "audience": "tenant", "attribution": "named"}])).await;
        let r = json(read(&app, Some(&w.bob_t), &id, "").await).await;
        assert_eq!((r["author"].as_str(), r["body"].as_str(), r["attribution"].as_str(), r["purpose"].as_str()), (Some("Ann Smith"), Some(BODY), Some("named"), Some("research")));
        assert_problem(read(&app, None, &id, "").await, 404, "not_found").await;
        assert_problem(read(&app, Some(&w.bob_t), &id, "?purpose=media").await, 404, "not_found").await;
        assert_problem(read(&app, Some(&w.bob_t), &id, "?purpose=gossip").await, 422, "validation_failed").await;
        assert_problem(read(&app, Some(&w.bob_t), &id, &format!("?organisation_id={}", w.org)).await, 403, "forbidden").await;
        // The list shows it to Bob without its text.
        let list = json(send(&app, HOST, Method::GET, "/api/v1/stories", Some(&w.bob_t), None).await).await;
        assert_eq!((list["total"].as_i64(), list["items"][0]["author"].as_str(), list["items"][0]["title"].is_null()), (Some(1), Some("Ann Smith"), true));
        // First name only.
        grant(&app, &w.ann_t, &id, json!([{"purpose": "research", "audience": "tenant", "attribution": "first_name"}])).await;
        let r = json(read(&app, Some(&w.bob_t), &id, "").await).await;
        assert_eq!((r["author"].as_str(), r["body"].as_str()), (Some("Ann"), Some(BODY)));
        // Anonymous: the approved de-identified version, no name.
        approve_deidentified(&app, &w.ann_t, &id).await;
        grant(&app, &w.ann_t, &id, json!([{"purpose": "research", "audience": "tenant", "attribution": "anonymous"}])).await;
        let r = json(read(&app, Some(&w.bob_t), &id, "").await).await;
        assert_eq!((r["author"].as_str(), r["body"].as_str(), r["title"].as_str()), (Some("Anonymous"), Some(DEID), Some("Some weeks outside")));
        assert!(!r.to_string().contains("Ann") && !r.to_string().contains("Maria"));
        // A draft of the de-identified version is refused while anonymous grants rely on it.
        let res = send(&app, HOST, Method::PUT, &format!("/api/v1/stories/{id}/deidentified"), Some(&w.ann_t), Some(json!({"title": "t", "body": "b", "approved": false}))).await;
        assert_problem(res, 409, "deidentified_in_use").await;
        // Public: anyone, signed in or not.
        let answer = grant(&app, &w.ann_t, &id, json!([{"purpose": "tenant_publication", "audience": "public", "attribution": "first_name"}])).await;
        assert_eq!(answer["changed"].as_array().unwrap().len(), 2, "the research grant was withdrawn, the publication given");
        let r = json(read(&app, None, &id, "").await).await;
        assert_eq!(r["author"], "Ann");
        assert_problem(read(&app, Some(&w.bob_t), &id, "?purpose=research").await, 404, "not_found").await;
        // Expiry hides it at once.
        let story_id = id.clone();
        app.db(move |conn| {
            use coproduce::db::schema::story_consents;
            use diesel::prelude::*;
            diesel::update(story_consents::table.filter(story_consents::story_id.eq(&story_id)))
                .set(story_consents::expires_at.eq((chrono::Utc::now() - chrono::Duration::seconds(1)).naive_utc()))
                .execute(conn).unwrap();
        }).await;
        assert_problem(read(&app, None, &id, "").await, 404, "not_found").await;
        assert_problem(read(&app, Some(&w.bob_t), &id, "").await, 404, "not_found").await;
        let consents = json(send(&app, HOST, Method::GET, &format!("/api/v1/stories/{id}/consents"), Some(&w.ann_t), None).await).await;
        assert!(consents.as_array().unwrap().iter().any(|c| c["status"] == "expired" && c["dpv_status"] == "dpv:ConsentExpired"), "{consents}");
        // Withdrawal hides it at once too.
        let answer = grant(&app, &w.ann_t, &id, json!([{"purpose": "board_learning", "audience": format!("organisation:{}", w.org), "attribution": "named"}])).await;
        let g = answer["grants"][0]["id"].as_str().unwrap().to_owned();
        assert_eq!(read(&app, Some(&w.oscar_t), &id, "").await.status(), 200);
        assert_problem(read(&app, Some(&w.bob_t), &id, "").await, 404, "not_found").await;
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/consents/{g}/withdraw"), Some(&w.bob_t), None).await;
        assert_problem(res, 404, "not_found").await;
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/consents/{g}/withdraw"), Some(&w.ann_t), None).await;
        assert_eq!(res.status(), 200);
        assert_problem(read(&app, Some(&w.oscar_t), &id, "").await, 404, "not_found").await;
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/consents/{g}/withdraw"), Some(&w.ann_t), None).await;
        assert_problem(res, 409, "already_withdrawn").await;
    }
);

both_backends!(
    async fn the_use_log_shows_every_read_and_its_chain_verifies(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        assert_eq!(uses(&app, &w.ann_t).await["total"], 0);
        grant(&app, &w.ann_t, &id, json!([
            {"purpose": "research", "audience": "tenant", "attribution": "named"},
            {"purpose": "board_learning", "audience": format!("organisation:{}", w.org), "attribution": "first_name"},
        ])).await;
        // The author's own reads are not logged.
        assert_eq!(read(&app, Some(&w.ann_t), &id, "").await.status(), 200);
        assert_eq!(read(&app, Some(&w.bob_t), &id, "").await.status(), 200);
        assert_eq!(read(&app, Some(&w.bob_t), &id, "?action=download").await.status(), 200);
        let r = json(read(&app, Some(&w.oscar_t), &id, "").await).await;
        assert_eq!((r["purpose"].as_str(), r["author"].as_str()), (Some("board_learning"), Some("Ann")), "the organisation's grant is the most specific");
        assert_problem(read(&app, Some(&w.bob_t), &id, "?action=publish").await, 422, "validation_failed").await;
        let log = uses(&app, &w.ann_t).await;
        assert_eq!(log["total"], 3, "{log}");
        let items = log["items"].as_array().unwrap();
        assert_eq!((items[0]["reader"].as_str(), items[0]["organisation"].as_str(), items[0]["purpose"].as_str(), items[0]["attribution"].as_str()), (Some("oscar"), Some("Night Shelter Trust"), Some("board_learning"), Some("first_name")));
        assert_eq!((items[1]["reader"].as_str(), items[1]["action"].as_str()), (Some("bob"), Some("download")));
        assert_eq!((items[2]["reader"].as_str(), items[2]["action"].as_str(), items[2]["story_title"].as_str()), (Some("bob"), Some("view"), Some("Three weeks at the bus station")));
        assert_eq!((items[2]["seq"].as_i64(), items[0]["seq"].as_i64()), (Some(1), Some(3)));
        // Others see only their own (empty) log.
        assert_eq!(uses(&app, &w.bob_t).await["total"], 0);
        let check = json(send(&app, HOST, Method::GET, "/api/v1/me/story-uses/verify", Some(&w.ann_t), None).await).await;
        assert_eq!((check["valid"].as_bool(), check["uses"].as_i64()), (Some(true), Some(3)), "{check}");
        // An edited row breaks the chain, and the check says where.
        app.db(|conn| {
            use coproduce::db::schema::story_uses;
            use diesel::prelude::*;
            diesel::update(story_uses::table.filter(story_uses::seq.eq(2))).set(story_uses::action.eq("view")).execute(conn).unwrap();
        }).await;
        let check = json(send(&app, HOST, Method::GET, "/api/v1/me/story-uses/verify", Some(&w.ann_t), None).await).await;
        assert_eq!((check["valid"].as_bool(), check["broken_at"].as_i64()), (Some(false), Some(2)), "{check}");
        // A removed row too.
        app.db(|conn| {
            use coproduce::db::schema::story_uses;
            use diesel::prelude::*;
            diesel::delete(story_uses::table.filter(story_uses::seq.eq(2))).execute(conn).unwrap();
        }).await;
        let check = json(send(&app, HOST, Method::GET, "/api/v1/me/story-uses/verify", Some(&w.ann_t), None).await).await;
        assert_eq!((check["valid"].as_bool(), check["broken_at"].as_i64()), (Some(false), Some(3)), "{check}");
        // The page shows the uses and the broken seal.
        let page = browser_session(&app, HOST, &w.ann).await;
        let html = page.get(app.url(HOST, "/stories/uses")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Night Shelter Trust") && html.contains("has been altered"), "{html}");
    }
);

both_backends!(
    async fn a_failed_log_write_fails_the_read(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        grant(&app, &w.ann_t, &id, json!([{"purpose": "research", "audience": "tenant", "attribution": "named"}])).await;
        // The log cannot be written (its table is away): the read fails
        // and returns nothing of the story.
        app.db(|conn| {
            use diesel::connection::SimpleConnection;
            conn.batch_execute("ALTER TABLE story_uses RENAME TO story_uses_away").unwrap();
        }).await;
        let res = read(&app, Some(&w.bob_t), &id, "").await;
        assert!(res.status().is_server_error(), "{}", res.status());
        let body = res.text().await.unwrap();
        assert!(!body.contains("bus station") && !body.contains("Nobody asked"), "{body}");
        app.db(|conn| {
            use diesel::connection::SimpleConnection;
            conn.batch_execute("ALTER TABLE story_uses_away RENAME TO story_uses").unwrap();
        }).await;
        assert_eq!(read(&app, Some(&w.bob_t), &id, "").await.status(), 200);
        assert_eq!(uses(&app, &w.ann_t).await["total"], 1, "only the read that was logged");
    }
);

both_backends!(
    async fn withdrawal_emails_the_organisations_that_used_it(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        let answer = grant(&app, &w.ann_t, &id, json!([
            {"purpose": "organisation_report", "audience": format!("organisation:{}", w.org), "attribution": "named"},
            {"purpose": "research", "audience": "tenant", "attribution": "named"},
        ])).await;
        let report = answer["grants"].as_array().unwrap().iter().find(|g| g["purpose"] == "organisation_report").unwrap()["id"].as_str().unwrap().to_owned();
        assert_eq!(read(&app, Some(&w.oscar_t), &id, "?purpose=organisation_report").await.status(), 200);
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/stories/{id}/excerpts"), Some(&w.oscar_t), Some(json!({"organisation_id": w.org, "quote": "Nobody asked my name"}))).await;
        assert_eq!(res.status(), 201);
        assert_eq!(read(&app, Some(&w.bob_t), &id, "").await.status(), 200);
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/consents/{report}/withdraw"), Some(&w.ann_t), None).await;
        assert_eq!(res.status(), 200);
        let mail = delivered_email(&app, "olga@example.org", "story_consent_withdrawn").await;
        assert!(mail.contains("Night Shelter Trust") && mail.contains("oscar read it") && mail.contains("oscar quoted it in a report"), "{mail}");
        assert!(mail.contains("delete every copy") && mail.contains("cannot be recalled"), "{mail}");
        assert!(!mail.contains("bus station") && !mail.contains("Maria"), "no story text in email: {mail}");
        // Bob used it as a person, not for an organisation: no one else is emailed.
        let others: i64 = app.db(|conn| {
            use coproduce::db::schema::outbox;
            use diesel::prelude::*;
            outbox::table.filter(outbox::kind.eq("story_consent_withdrawn")).count().get_result(conn).unwrap()
        }).await;
        assert_eq!(others, 1, "only the organisation's admin");
        // Withdrawing everything.
        let res = send(&app, HOST, Method::POST, "/api/v1/me/consents/withdraw-all", Some(&w.ann_t), None).await;
        assert_eq!(json(res).await["withdrawn"], 1);
        assert_problem(read(&app, Some(&w.bob_t), &id, "").await, 404, "not_found").await;
        let mine = json(send(&app, HOST, Method::GET, "/api/v1/me/consents", Some(&w.ann_t), None).await).await;
        assert!(mine.as_array().unwrap().iter().all(|c| c["status"] == "withdrawn"), "{mine}");
    }
);

both_backends!(
    async fn excerpts_need_a_live_organisation_report_consent(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        let excerpt = |token: String, org: String, quote: &'static str| {
            let app = &app;
            let id = id.clone();
            async move {
                send(app, HOST, Method::POST, &format!("/api/v1/stories/{id}/excerpts"), Some(&token), Some(json!({"organisation_id": org, "quote": quote}))).await
            }
        };
        // Not shared at all: not found.
        assert_problem(excerpt(w.oscar_t.clone(), w.org.clone(), "Nobody asked my name").await, 404, "not_found").await;
        // Shared for research only: refused, with a reason.
        grant(&app, &w.ann_t, &id, json!([{"purpose": "research", "audience": "tenant", "attribution": "named"}])).await;
        assert_problem(excerpt(w.oscar_t.clone(), w.org.clone(), "Nobody asked my name").await, 403, "consent_required").await;
        // Not a member of the organisation named.
        assert_problem(excerpt(w.bob_t.clone(), w.org.clone(), "Nobody asked my name").await, 403, "forbidden").await;
        grant(&app, &w.ann_t, &id, json!([
            {"purpose": "research", "audience": "tenant", "attribution": "named"},
            {"purpose": "organisation_report", "audience": format!("organisation:{}", w.org), "attribution": "first_name"},
        ])).await;
        // Another organisation is not covered.
        let zed = user(&app, "coventry", "zed2@example.org", Role::Citizen, false, false).await;
        let _ = zed;
        let olga_other = send(&app, HOST, Method::POST, &format!("/api/v1/organisations/{}/members", w.other_org), Some(&w.olga_t), Some(json!({"user_id": w.olga.id.to_string(), "role": "member"}))).await;
        assert_eq!(olga_other.status(), 403, "only Food Bank's admin adds members");
        // Bad quotes.
        let body = assert_problem(excerpt(w.oscar_t.clone(), w.org.clone(), "").await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "quote");
        let body = assert_problem(excerpt(w.oscar_t.clone(), w.org.clone(), "words the author never wrote").await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["code"], "not_in_story");
        let body = assert_problem(excerpt(w.oscar_t.clone(), "not-an-id".into(), "Nobody").await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "organisation_id");
        let before = uses(&app, &w.ann_t).await["total"].as_i64().unwrap();
        assert_eq!(before, 0, "refused and failed excerpts are not uses");
        // The excerpt.
        let res = excerpt(w.oscar_t.clone(), w.org.clone(), "Nobody asked my   name until").await;
        assert_eq!(res.status(), 201);
        let e = json(res).await;
        assert_eq!((e["quote"].as_str(), e["attribution"].as_str(), e["credit"].as_str()), (Some("Nobody asked my name until"), Some("first_name"), Some("Ann, shared with their consent")));
        assert!(e["grant_id"].is_string() && e["receipt_id"].is_string() && e["receipt_id"] != e["grant_id"]);
        let log = uses(&app, &w.ann_t).await;
        assert_eq!((log["items"][0]["action"].as_str(), log["items"][0]["organisation"].as_str()), (Some("excerpt"), Some("Night Shelter Trust")));
        let audited: i64 = app.db(|conn| {
            use coproduce::db::schema::audit_events;
            use diesel::prelude::*;
            audit_events::table.filter(audit_events::kind.eq("story_excerpted")).count().get_result(conn).unwrap()
        }).await;
        assert_eq!(audited, 1);
    }
);

both_backends!(
    async fn the_public_page_answers_410_once_withdrawn(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        let res = app.get(HOST, &format!("/stories/{id}/public")).await;
        assert_eq!(res.status(), 404, "never published");
        grant(&app, &w.ann_t, &id, json!([{"purpose": "tenant_publication", "audience": "tenant", "attribution": "named"}])).await;
        assert_eq!(app.get(HOST, &format!("/stories/{id}/public")).await.status(), 404, "for members, not the public");
        let answer = grant(&app, &w.ann_t, &id, json!([{"purpose": "tenant_publication", "audience": "public", "attribution": "first_name"}])).await;
        let g = answer["grants"][0]["id"].as_str().unwrap().to_owned();
        let res = app.get(HOST, &format!("/stories/{id}/public")).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["cache-control"], "no-store");
        let html = res.text().await.unwrap();
        assert!(html.contains("Nobody asked my name") && html.contains("By Ann<"), "{html}");
        let log = uses(&app, &w.ann_t).await;
        assert_eq!((log["items"][0]["action"].as_str(), log["items"][0]["reader"].as_str()), (Some("publish"), Some("a visitor to the public page")));
        assert_eq!(app.get(OTHER, &format!("/stories/{id}/public")).await.status(), 404, "not in another place");
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/consents/{g}/withdraw"), Some(&w.ann_t), None).await;
        assert_eq!(res.status(), 200);
        let res = app.get(HOST, &format!("/stories/{id}/public")).await;
        assert_eq!(res.status(), 410);
        assert!(!res.text().await.unwrap().contains("Nobody asked"));
        // Erased: still gone.
        let res = send(&app, HOST, Method::DELETE, &format!("/api/v1/stories/{id}"), Some(&w.ann_t), None).await;
        assert_eq!(res.status(), 204);
        assert_eq!(app.get(HOST, &format!("/stories/{id}/public")).await.status(), 410);
    }
);

both_backends!(
    async fn erasing_a_story_destroys_its_key(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        let keep = story(&app, &w.ann_t, "Another story").await;
        approve_deidentified(&app, &w.ann_t, &id).await;
        grant(&app, &w.ann_t, &id, json!([{"purpose": "board_learning", "audience": format!("organisation:{}", w.org), "attribution": "named"}])).await;
        assert_eq!(read(&app, Some(&w.oscar_t), &id, "").await.status(), 200);
        let story_id: coproduce::db::ids::StoryId = id.parse().unwrap();
        let for_read = story_id.clone();
        let sealed: Vec<u8> = app.db(move |conn| {
            use coproduce::db::schema::stories;
            use diesel::prelude::*;
            stories::table.filter(stories::id.eq(&for_read)).select(stories::sealed).first(conn).unwrap()
        }).await;
        // Someone else cannot erase it.
        assert_problem(send(&app, HOST, Method::DELETE, &format!("/api/v1/stories/{id}"), Some(&w.bob_t), None).await, 404, "not_found").await;
        assert_problem(send(&app, OTHER, Method::DELETE, &format!("/api/v1/stories/{id}"), Some(&w.sam_t), None).await, 404, "not_found").await;
        let res = send(&app, HOST, Method::DELETE, &format!("/api/v1/stories/{id}"), Some(&w.ann_t), None).await;
        assert_eq!(res.status(), 204);
        // Its key is gone: an old copy of the ciphertext can never be opened.
        let k = keys(&app);
        assert!(matches!(k.child_key(&w.ann.tenant_id, &w.ann.id, &format!("story:{story_id}")), Err(coproduce::keys::KeyError::Shredded)));
        assert!(!sealed.is_empty());
        // The other story still reads.
        assert_eq!(read(&app, Some(&w.ann_t), &keep, "").await.status(), 200);
        assert_problem(read(&app, Some(&w.ann_t), &id, "").await, 404, "not_found").await;
        assert_problem(read(&app, Some(&w.oscar_t), &id, "").await, 404, "not_found").await;
        let (stored, erased): (Vec<u8>, bool) = app.db(move |conn| {
            use coproduce::db::schema::stories;
            use diesel::prelude::*;
            let (s, e): (Vec<u8>, Option<chrono::NaiveDateTime>) = stories::table.filter(stories::id.eq(&story_id)).select((stories::sealed, stories::erased_at)).first(conn).unwrap();
            (s, e.is_some())
        }).await;
        assert!(stored.is_empty() && erased);
        // The organisation that used it is told; the author keeps the record of uses.
        let mail = delivered_email(&app, "olga@example.org", "story_consent_withdrawn").await;
        assert!(mail.contains("erased their story"), "{mail}");
        let log = uses(&app, &w.ann_t).await;
        assert_eq!((log["total"].as_i64(), log["items"][0]["story_title"].is_null()), (Some(1), true));
        let res = send(&app, HOST, Method::DELETE, &format!("/api/v1/stories/{id}"), Some(&w.ann_t), None).await;
        assert_problem(res, 404, "not_found").await;
    }
);

both_backends!(
    async fn other_places_and_other_people_cannot_reach_a_story(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        let answer = grant(&app, &w.ann_t, &id, json!([{"purpose": "research", "audience": "public", "attribution": "named"}])).await;
        let g = answer["grants"][0]["id"].as_str().unwrap().to_owned();
        // Someone in Leeds, with the right ids, on every route: 404.
        let t = Some(w.sam_t.as_str());
        for (method, path, body) in [
            (Method::GET, format!("/api/v1/stories/{id}"), None),
            (Method::PATCH, format!("/api/v1/stories/{id}"), Some(json!({"title": "Mine now"}))),
            (Method::DELETE, format!("/api/v1/stories/{id}"), None),
            (Method::PUT, format!("/api/v1/stories/{id}/deidentified"), Some(json!({"title": "t", "body": "b", "approved": true}))),
            (Method::GET, format!("/api/v1/stories/{id}/consents"), None),
            (Method::PUT, format!("/api/v1/stories/{id}/consents"), Some(json!({"grants": []}))),
            (Method::POST, format!("/api/v1/stories/{id}/consents"), Some(json!({"grants": []}))),
            (Method::POST, format!("/api/v1/stories/{id}/excerpts"), Some(json!({"organisation_id": w.org, "quote": "Nobody"}))),
            (Method::POST, format!("/api/v1/stories/{id}/consent-requests"), Some(json!({"purpose": "media", "audience": "public", "message": "Please", "organisation_id": w.org}))),
            (Method::POST, format!("/api/v1/consents/{g}/withdraw"), None),
            (Method::POST, format!("/api/v1/consents/{g}/renew"), Some(json!({}))),
        ] {
            let res = send(&app, OTHER, method.clone(), &path, t, body.clone()).await;
            let status = res.status().as_u16();
            assert!(status == 404 || (status == 422 && path.ends_with("excerpts")), "{method} {path}: {status}");
        }
        assert_eq!(app.get(OTHER, &format!("/stories/{id}/public")).await.status(), 404);
        // Ann's token in Leeds is no token at all.
        assert_eq!(send(&app, OTHER, Method::GET, &format!("/api/v1/stories/{id}"), Some(&w.ann_t), None).await.status(), 401);
        // Bob, in the same place, may read it (public) but not change it.
        assert_eq!(read(&app, Some(&w.bob_t), &id, "").await.status(), 200);
        for (method, path, body) in [
            (Method::PATCH, format!("/api/v1/stories/{id}"), Some(json!({"title": "Mine now"}))),
            (Method::PUT, format!("/api/v1/stories/{id}/consents"), Some(json!({"grants": []}))),
            (Method::POST, format!("/api/v1/consents/{g}/withdraw"), None),
        ] {
            assert_problem(send(&app, HOST, method, &path, Some(&w.bob_t), body).await, 404, "not_found").await;
        }
        // Leeds' own story list and log know nothing of it.
        assert_eq!(json(send(&app, OTHER, Method::GET, "/api/v1/stories", t, None).await).await["total"], 0);
        // Pages too.
        let sam_page = browser_session(&app, OTHER, &w.sam).await;
        for path in [format!("/stories/{id}"), format!("/stories/{id}/edit"), format!("/stories/{id}/consent"), format!("/stories/{id}/erase")] {
            let res = sam_page.get(app.url(OTHER, &path)).send().await.unwrap();
            assert_eq!(res.status(), 404, "{path}");
        }
        let bob_page = browser_session(&app, HOST, &w.bob).await;
        for path in [format!("/stories/{id}/edit"), format!("/stories/{id}/consent"), format!("/stories/{id}/erase"), format!("/stories/{id}/deidentified")] {
            let res = bob_page.get(app.url(HOST, &path)).send().await.unwrap();
            assert_eq!(res.status(), 404, "{path}");
        }
    }
);

both_backends!(
    async fn requests_are_granted_in_part_or_declined(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        let ask = |token: String, body: Value| {
            let app = &app;
            let id = id.clone();
            async move { send(app, HOST, Method::POST, &format!("/api/v1/stories/{id}/consent-requests"), Some(&token), Some(body)).await }
        };
        let body = json!({"purposes": ["organisation_report", "media"], "audience": format!("organisation:{}", w.org), "attribution": "named", "duration_months": 6, "message": "We would like to quote you in our annual report.", "organisation_id": w.org});
        // Not shared with Oscar yet: he cannot even learn it exists.
        assert_problem(ask(w.oscar_t.clone(), body.clone()).await, 404, "not_found").await;
        grant(&app, &w.ann_t, &id, json!([{"purpose": "board_learning", "audience": format!("organisation:{}", w.org), "attribution": "first_name"}])).await;
        let bad = assert_problem(ask(w.oscar_t.clone(), json!({"purposes": ["gossip"], "audience": "space", "attribution": "alias", "duration_months": 30, "message": "", "organisation_id": w.org})).await, 422, "validation_failed").await;
        let fields: Vec<&str> = bad["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        for f in ["purpose", "audience", "attribution", "duration_months", "message"] {
            assert!(fields.contains(&f), "{f}: {bad}");
        }
        assert_problem(ask(w.bob_t.clone(), body.clone()).await, 404, "not_found").await;
        let res = ask(w.oscar_t.clone(), body.clone()).await;
        assert_eq!(res.status(), 201);
        let r = json(res).await;
        assert_eq!((r["status"].as_str(), r["dpv_status"].as_str()), (Some("requested"), Some("dpv:ConsentRequested")));
        let rid = r["id"].as_str().unwrap().to_owned();
        let mail = delivered_email(&app, "ann@example.org", "story_consent_request").await;
        assert!(mail.contains("oscar of Night Shelter Trust") && mail.contains("annual report") && mail.contains("changes nothing"), "{mail}");
        let mine = json(send(&app, HOST, Method::GET, "/api/v1/me/consent-requests", Some(&w.ann_t), None).await).await;
        assert_eq!(mine["received"][0]["id"], rid.as_str());
        // Only the author decides, and never more than was asked.
        let decide = |token: String, body: Value| {
            let app = &app;
            let rid = rid.clone();
            async move { send(app, HOST, Method::POST, &format!("/api/v1/consent-requests/{rid}/decision"), Some(&token), Some(body)).await }
        };
        assert_problem(decide(w.oscar_t.clone(), json!({"decision": "grant"})).await, 404, "not_found").await;
        let far = (chrono::Utc::now() + chrono::Duration::days(300)).naive_utc();
        let bad = assert_problem(decide(w.ann_t.clone(), json!({"decision": "grant", "expires_at": far, "purposes": ["research"]})).await, 422, "validation_failed").await;
        let codes: Vec<&str> = bad["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
        assert!(codes.contains(&"more_than_asked") && codes.contains(&"not_asked"), "{bad}");
        // Part: one purpose, first name only, three months.
        let until = (chrono::Utc::now() + chrono::Duration::days(90)).naive_utc();
        let res = decide(w.ann_t.clone(), json!({"decision": "grant", "purposes": ["organisation_report"], "attribution": "first_name", "expires_at": until})).await;
        assert_eq!(res.status(), 200);
        let r = json(res).await;
        assert_eq!((r["status"].as_str(), r["grants"].as_array().unwrap().len()), (Some("given"), 1));
        assert_eq!((r["grants"][0]["purpose"].as_str(), r["grants"][0]["attribution"].as_str(), r["grants"][0]["request_id"].as_str()), (Some("organisation_report"), Some("first_name"), Some(rid.as_str())));
        // The answer carries the receipt for what was given, and it checks out.
        let receipt = r["receipt"].as_str().expect("a receipt").to_owned();
        assert_eq!(receipt.split('.').count(), 3, "a signed JWT");
        let res = send(&app, HOST, Method::POST, "/api/v1/receipts/verify", None, Some(json!({"receipt": receipt}))).await;
        let v = json(res).await;
        assert_eq!((v["valid"].as_bool(), v["standing"].as_str()), (Some(true), Some("live")), "{v}");
        assert_eq!(v["receipt"]["jti"].as_str(), r["receipt_id"].as_str());
        let mail = delivered_email(&app, "oscar@example.org", "story_consent_answered").await;
        assert!(mail.contains("Quoting in an organisation's report"), "{mail}");
        assert_problem(decide(w.ann_t.clone(), json!({"decision": "decline"})).await, 409, "already_decided").await;
        // Now the excerpt works.
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/stories/{id}/excerpts"), Some(&w.oscar_t), Some(json!({"organisation_id": w.org, "quote": "Nobody asked my name"}))).await;
        assert_eq!(res.status(), 201);
        // A declined request.
        let res = ask(w.oscar_t.clone(), json!({"purpose": "media", "audience": "public", "message": "For the paper", "organisation_id": w.org})).await;
        let rid2 = json(res).await["id"].as_str().unwrap().to_owned();
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/consent-requests/{rid2}/decision"), Some(&w.ann_t), Some(json!({"decision": "decline"}))).await;
        let r = json(res).await;
        assert_eq!((r["status"].as_str(), r["dpv_status"].as_str(), r["grants"].as_array().unwrap().len()), (Some("refused"), Some("dpv:ConsentRefused"), 0));
        let mut mail = String::new();
        for _ in 0..100 {
            mail = delivered_email(&app, "oscar@example.org", "story_consent_answered").await;
            if mail.contains("decided not to share") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(mail.contains("decided not to share"), "{mail}");
    }
);

both_backends!(
    async fn reminders_go_30_days_before_and_renewal_makes_a_new_grant(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        let soon = (chrono::Utc::now() + chrono::Duration::days(20)).naive_utc();
        let later = (chrono::Utc::now() + chrono::Duration::days(200)).naive_utc();
        let answer = grant(&app, &w.ann_t, &id, json!([
            {"purpose": "research", "audience": "tenant", "attribution": "named", "expires_at": soon},
            {"purpose": "media", "audience": "public", "attribution": "first_name", "expires_at": later},
        ])).await;
        let research = answer["grants"].as_array().unwrap().iter().find(|g| g["purpose"] == "research").unwrap()["id"].as_str().unwrap().to_owned();
        let sent = app.db(|conn| coproduce::stories::service::send_reminders(conn, true, None).unwrap()).await;
        assert_eq!(sent, 1);
        let again = app.db(|conn| coproduce::stories::service::send_reminders(conn, true, None).unwrap()).await;
        assert_eq!(again, 0, "each grant is reminded once");
        let mail = delivered_email(&app, "ann@example.org", "story_consent_expiring").await;
        assert!(mail.contains("Research") && !mail.contains("Newspapers") && mail.contains("/stories/consents"), "{mail}");
        // Renewal: a new grant, recording the one it renews.
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/consents/{research}/renew"), Some(&w.ann_t), Some(json!({"months": 30}))).await;
        assert_problem(res, 422, "validation_failed").await;
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/consents/{research}/renew"), Some(&w.ann_t), Some(json!({"months": 6}))).await;
        assert_eq!(res.status(), 200);
        let a = json(res).await;
        let renewed = a["changed"].as_array().unwrap().iter().find(|g| g["status"] == "given").unwrap().clone();
        assert_eq!((renewed["renews_id"].as_str(), renewed["purpose"].as_str()), (Some(research.as_str()), Some("research")));
        assert_eq!(a["grants"].as_array().unwrap().len(), 2);
        assert_eq!(read(&app, Some(&w.bob_t), &id, "?purpose=research").await.status(), 200);
    }
);

both_backends!(
    async fn the_author_exports_and_erases_their_stories(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        approve_deidentified(&app, &w.ann_t, &id).await;
        grant(&app, &w.ann_t, &id, json!([{"purpose": "research", "audience": "tenant", "attribution": "anonymous"}])).await;
        assert_eq!(read(&app, Some(&w.bob_t), &id, "").await.status(), 200);
        let export = json(send(&app, HOST, Method::GET, "/api/v1/me/export", Some(&w.ann_t), None).await).await;
        let s = &export["stories"];
        assert_eq!((s["stories"][0]["title"].as_str(), s["stories"][0]["body"].as_str(), s["stories"][0]["deidentified"]["body"].as_str()), (Some("Three weeks at the bus station"), Some(BODY), Some(DEID)));
        assert_eq!((s["consents"].as_array().unwrap().len(), s["uses"].as_array().unwrap().len()), (1, 1));
        let bobs = json(send(&app, HOST, Method::GET, "/api/v1/me/export", Some(&w.bob_t), None).await).await;
        assert_eq!((bobs["stories"]["uses_made"][0]["story_id"].as_str(), bobs["stories"]["stories"].as_array().unwrap().len()), (Some(id.as_str()), 0));
        assert!(!bobs.to_string().contains("bus station"), "Bob's export holds none of Ann's text");
        // Erasing the account destroys her keys and her stories' rows.
        let res = app.client(HOST).delete(app.url(HOST, "/api/v1/me")).bearer_auth(&w.ann_t)
            .json(&json!({"password": crate::common::USER_PASSWORD, "contributions": "delete"})).send().await.unwrap();
        assert_eq!(res.status(), 204);
        let k = keys(&app);
        assert!(matches!(k.child_key(&w.ann.tenant_id, &w.ann.id, &format!("story:{id}")), Err(coproduce::keys::KeyError::Shredded)));
        let left: (i64, i64, i64) = app.db(|conn| {
            use coproduce::db::schema::{stories, story_consents, story_uses};
            use diesel::prelude::*;
            (stories::table.count().get_result(conn).unwrap(), story_consents::table.count().get_result(conn).unwrap(), story_uses::table.count().get_result(conn).unwrap())
        }).await;
        assert_eq!(left, (0, 0, 0));
        assert_problem(read(&app, Some(&w.bob_t), &id, "").await, 404, "not_found").await;
    }
);

both_backends!(
    /// Plaintext comes back if and only if a live grant covers the reader,
    /// the purpose and the moment; every such read is logged, and no other.
    async fn plaintext_iff_a_live_grant_covers_it(app) {
        use coproduce::db::ids::{ConsentId, StoryId};
        use coproduce::stories::model::{Action, Attribution, Audience, Consent, Purpose, Read};
        use coproduce::stories::service::{self, ReadRequest};
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        approve_deidentified(&app, &w.ann_t, &id).await;
        let k = keys(&app);
        let (ann, bob, oscar) = (w.ann.clone(), w.bob.clone(), w.oscar.clone());
        let orgs: Vec<coproduce::db::ids::OrganisationId> = vec![w.org.parse().unwrap(), w.other_org.parse().unwrap()];
        let failures = app.db(move |conn| {
            use coproduce::db::schema::{story_consents, story_uses};
            use diesel::prelude::*;
            let story: StoryId = id.parse().unwrap();
            let t0 = chrono::Utc::now().naive_utc();
            let mut runner = TestRunner::new(Config { cases: 48, ..Config::default() });
            let grants = proptest::collection::vec((0usize..7, 0usize..4, 0usize..3, -20i64..20, 1i64..40, any::<bool>()), 0..5);
            let strategy = (grants, 0usize..3, proptest::option::of(0usize..7), any::<bool>(), -25i64..45);
            let cell = std::cell::RefCell::new(conn);
            runner.run(&strategy, |(specs, who, asked, download, at)| {
                let mut guard = cell.borrow_mut();
                let conn: &mut coproduce::db::DbConn = &mut guard;
                diesel::delete(story_uses::table).execute(conn).unwrap();
                diesel::delete(story_consents::table).execute(conn).unwrap();
                let rows: Vec<Consent> = specs.iter().map(|&(p, a, attr, created, len, withdrawn)| {
                    let audience = match a { 0 => Audience::Public, 1 => Audience::Tenant, 2 => Audience::Organisation(orgs[0].clone()), _ => Audience::Organisation(orgs[1].clone()) };
                    let purpose = Purpose::ALL[p];
                    Consent {
                        tenant_id: ann.tenant_id.clone(), id: ConsentId::new(), story_id: story.clone(), author_id: ann.id.clone(),
                        purpose: purpose.as_str().into(), audience_kind: audience.kind().into(), audience_id: audience.id(),
                        attribution: Attribution::ALL[attr].as_str().into(), status: if withdrawn { "withdrawn" } else { "given" }.into(),
                        dpv_purpose: purpose.dpv().into(), legal_basis: "eu-gdpr:A6-1-a".into(), notice_version: "1".into(),
                        created_at: t0 + chrono::Duration::days(created), expires_at: t0 + chrono::Duration::days(created + len),
                        withdrawn_at: None, request_id: None, renews_id: None, reminded_at: None,
                    }
                }).collect();
                for row in &rows {
                    diesel::insert_into(story_consents::table).values(row).execute(conn).unwrap();
                }
                let reader = match who { 0 => None, 1 => Some(&bob), _ => Some(&oscar) };
                let purpose = asked.map(|i| Purpose::ALL[i]);
                let when = t0 + chrono::Duration::days(at) + chrono::Duration::hours(1);
                let request = ReadRequest { purpose, action: if download { Action::Download } else { Action::View }, organisation: None };
                let expected = rows.iter().any(|g| {
                    let reaches = match g.audience().unwrap() {
                        Audience::Public => true,
                        Audience::Tenant => reader.is_some(),
                        Audience::Organisation(o) => who == 2 && o == orgs[0],
                        Audience::Board(_) => false,
                    };
                    g.status == "given" && g.created_at <= when && when < g.expires_at && reaches
                        && purpose.is_none_or(|p| g.purpose == p.as_str())
                });
                let got = service::read_at(conn, &k, &ann.tenant_id, &story, reader, &request, when);
                let logged: i64 = story_uses::table.count().get_result(conn).unwrap();
                match got {
                    Ok(Read::Reader(v)) => {
                        prop_assert!(expected, "read without a covering grant");
                        prop_assert!(v.body == BODY || v.body == DEID);
                        prop_assert_eq!(v.body == DEID, v.attribution == Attribution::Anonymous);
                        prop_assert_eq!(logged, 1);
                    }
                    Ok(Read::Author(_)) => prop_assert!(false, "not the author"),
                    Err(e) => {
                        prop_assert!(!expected, "refused despite a covering grant: {e}");
                        prop_assert!(matches!(e, coproduce::error::Error::NotFound));
                        prop_assert_eq!(logged, 0);
                    }
                }
                Ok(())
            }).err().map(|e| e.to_string())
        }).await;
        assert!(failures.is_none(), "{failures:?}");
    }
);

both_backends!(
    async fn a_citizen_writes_grants_sees_uses_and_withdraws_in_the_browser(app) {
        use crate::common::browser::Browser;
        use crate::common::session_secret;
        use coproduce::accounts::model::SessionKind;
        use fantoccini::Locator;
        let w = world(&app).await;
        let browser = Browser::start(&app).await;
        let secret = session_secret(&app, &w.ann, SessionKind::Browser).await;
        browser.goto(&app, HOST, "/").await;
        browser.client.execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![]).await.unwrap();
        let find = |css: String| {
            let client = browser.client.clone();
            async move { client.find(Locator::Css(&css)).await.unwrap_or_else(|e| panic!("{css}: {e}")) }
        };
        browser.goto(&app, HOST, "/stories").await;
        browser.wait_for_heading("Stories").await;
        browser.assert_accessible().await;
        find("a[href='/stories/new']".into()).await.click().await.unwrap();
        browser.wait_for_heading("Tell your story").await;
        browser.assert_accessible().await;
        // A mistake first: the errors sit beside the fields.
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Tell your story").await;
        assert!(browser.text(".error-summary").await.contains("give your story a title"));
        browser.assert_accessible().await;
        find("#title".into()).await.send_keys("Three weeks at the bus station").await.unwrap();
        find("#body".into()).await.send_keys(BODY).await.unwrap();
        find("#special_category".into()).await.click().await.unwrap();
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Three weeks at the bus station").await;
        assert!(browser.text(".notice").await.contains("No one else can read it"));
        browser.assert_accessible().await;
        let url = browser.client.current_url().await.unwrap();
        let id = url.path().trim_start_matches("/stories/").to_owned();
        // The de-identified version.
        find("a[href$='/deidentified']".into()).await.click().await.unwrap();
        browser.wait_for_heading("The de-identified version").await;
        browser.assert_accessible().await;
        find("#body".into()).await.clear().await.unwrap();
        find("#body".into()).await.send_keys(DEID).await.unwrap();
        find("#approved".into()).await.click().await.unwrap();
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Three weeks at the bus station").await;
        // The consent screen: nothing ticked, plain words.
        find(format!("a[href='/stories/{id}/consent']")).await.click().await.unwrap();
        browser.wait_for_heading("Who may use your story").await;
        let checked = browser.client.execute("return document.querySelectorAll('main input[type=checkbox]:checked, main input[type=radio]:checked').length", vec![]).await.unwrap();
        assert_eq!(checked, json!(0), "nothing pre-ticked");
        let text = browser.text("main").await;
        assert!(text.contains("changes nothing") && text.contains("cannot be recalled") && text.contains("explicit consent"), "{text}");
        browser.assert_accessible().await;
        // Ticked without saying who: an error beside the purpose.
        find("#research-give".into()).await.click().await.unwrap();
        find("main form[action$='/consent'] button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Who may use your story").await;
        assert!(browser.text(".error-summary").await.contains("choose who may read it"));
        browser.assert_accessible().await;
        find("#research-audience option[value='tenant']".into()).await.click().await.unwrap();
        find("#research-attribution-first_name".into()).await.click().await.unwrap();
        find("main form[action$='/consent'] button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Three weeks at the bus station").await;
        assert!(browser.text("main table").await.contains("Research"));
        // Bob reads it; Ann sees it.
        assert_eq!(read(&app, Some(&w.bob_t), &id, "").await.status(), 200);
        browser.goto(&app, HOST, "/stories/uses").await;
        browser.wait_for_heading("Who used my stories").await;
        let text = browser.text("main").await;
        assert!(text.contains("bob") && text.contains("read it") && text.contains("complete and unaltered"), "{text}");
        browser.assert_accessible().await;
        // Withdraw it with one click.
        browser.goto(&app, HOST, &format!("/stories/{id}")).await;
        browser.wait_for_heading("Three weeks at the bus station").await;
        find("main table form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Three weeks at the bus station").await;
        assert!(browser.text(".notice").await.contains("withdrawn"));
        assert_problem(read(&app, Some(&w.bob_t), &id, "").await, 404, "not_found").await;
        // The other pages.
        browser.goto(&app, HOST, "/stories/consents").await;
        browser.wait_for_heading("Your consents").await;
        browser.assert_accessible().await;
        browser.goto(&app, HOST, "/stories/consents/withdraw-all").await;
        browser.wait_for_heading("Withdraw every consent?").await;
        browser.assert_accessible().await;
        browser.goto(&app, HOST, "/stories/requests").await;
        browser.wait_for_heading("Requests to use stories").await;
        browser.assert_accessible().await;
        browser.goto(&app, HOST, "/stories/notice/1").await;
        browser.wait_for_heading("How consent to use your stories works").await;
        browser.assert_accessible().await;
        browser.goto(&app, HOST, &format!("/stories/{id}/edit")).await;
        browser.wait_for_heading("Change your story").await;
        browser.assert_accessible().await;
        browser.goto(&app, HOST, &format!("/stories/{id}/erase")).await;
        browser.wait_for_heading("Erase your story?").await;
        browser.assert_accessible().await;
        // Published, then its public page.
        grant(&app, &w.ann_t, &id, json!([{"purpose": "tenant_publication", "audience": "public", "attribution": "anonymous"}])).await;
        browser.goto(&app, HOST, &format!("/stories/{id}/public")).await;
        browser.wait_for_heading("Three weeks at the bus station").await;
        assert!(browser.text("main").await.contains("By Anonymous"));
        browser.assert_accessible().await;
        // Erase it.
        browser.goto(&app, HOST, &format!("/stories/{id}/erase")).await;
        browser.wait_for_heading("Erase your story?").await;
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Stories").await;
        assert!(browser.text(".notice").await.contains("erased"));
        browser.close().await;
    }
);

both_backends!(
    async fn an_organisation_member_reads_quotes_and_asks_in_the_browser(app) {
        use crate::common::browser::Browser;
        use crate::common::session_secret;
        use coproduce::accounts::model::SessionKind;
        use fantoccini::Locator;
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        grant(&app, &w.ann_t, &id, json!([{"purpose": "board_learning", "audience": format!("organisation:{}", w.org), "attribution": "named"}])).await;
        let browser = Browser::start(&app).await;
        let secret = session_secret(&app, &w.oscar, SessionKind::Browser).await;
        browser.goto(&app, HOST, "/").await;
        browser.client.execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![]).await.unwrap();
        let find = |css: String| {
            let client = browser.client.clone();
            async move { client.find(Locator::Css(&css)).await.unwrap_or_else(|e| panic!("{css}: {e}")) }
        };
        browser.goto(&app, HOST, "/stories").await;
        browser.wait_for_heading("Stories").await;
        assert!(browser.text("main").await.contains("A story by Ann Smith"));
        browser.assert_accessible().await;
        find(format!("a[href='/stories/{id}']")).await.click().await.unwrap();
        browser.wait_for_heading("Three weeks at the bus station").await;
        assert!(browser.text("main").await.contains("By Ann Smith"));
        browser.assert_accessible().await;
        // Quoting is refused: no consent for reports.
        find("a[href$='/excerpt']".into()).await.click().await.unwrap();
        browser.wait_for_heading("Quote a story in a report").await;
        browser.assert_accessible().await;
        find("#quote".into()).await.send_keys("Nobody asked my name").await.unwrap();
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Quote a story in a report").await;
        assert!(browser.text(".error-summary").await.contains("has not agreed"));
        browser.assert_accessible().await;
        // So he asks.
        browser.goto(&app, HOST, &format!("/stories/{id}/request")).await;
        browser.wait_for_heading("Ask to use a story").await;
        browser.assert_accessible().await;
        find("#purpose-organisation_report".into()).await.click().await.unwrap();
        find("#audience-organisation".into()).await.click().await.unwrap();
        find("#attribution-named".into()).await.click().await.unwrap();
        find("#message".into()).await.send_keys("For our annual report to funders.").await.unwrap();
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Three weeks at the bus station").await;
        // Ann grants part of it (first name only) on her requests page.
        let ann_page = browser_session(&app, HOST, &w.ann).await;
        let html = ann_page.get(app.url(HOST, "/stories/requests")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("For our annual report"));
        let csrf = csrf_in(&html);
        let mine = json(send(&app, HOST, Method::GET, "/api/v1/me/consent-requests", Some(&w.ann_t), None).await).await;
        let rid = mine["received"][0]["id"].as_str().unwrap().to_owned();
        let res = ann_page.post(app.url(HOST, &format!("/stories/requests/{rid}/decision")))
            .form(&[("csrf", csrf.as_str()), ("purpose", "organisation_report"), ("attribution", "first_name"), ("months", "6"), ("decision", "grant")])
            .send().await.unwrap();
        assert_eq!(res.status(), 303);
        // Now he can quote it, credited by first name.
        browser.goto(&app, HOST, &format!("/stories/{id}/excerpt")).await;
        browser.wait_for_heading("Quote a story in a report").await;
        find("#quote".into()).await.send_keys("Nobody asked my name").await.unwrap();
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Quote a story in a report").await;
        assert!(browser.text(".notice").await.contains("Ann, shared with their consent"));
        browser.assert_accessible().await;
        // Ann withdraws everything; the story vanishes for him.
        let html = ann_page.get(app.url(HOST, "/stories/consents/withdraw-all")).send().await.unwrap().text().await.unwrap();
        let res = ann_page.post(app.url(HOST, "/stories/consents/withdraw-all")).form(&[("csrf", csrf_in(&html))]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        browser.goto(&app, HOST, &format!("/stories/{id}")).await;
        browser.wait_for_heading("Not found").await;
        browser.goto(&app, HOST, "/stories").await;
        browser.wait_for_heading("Stories").await;
        assert!(!browser.text("main").await.contains("Ann Smith"));
        browser.close().await;
    }
);

both_backends!(
    async fn the_stories_pages_speak_welsh(app) {
        use crate::common::session_secret;
        use coproduce::accounts::model::SessionKind;
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "Three weeks at the bus station").await;
        // Ann, signed in, has chosen Welsh.
        let secret = session_secret(&app, &w.ann, SessionKind::Browser).await;
        let jar = reqwest::cookie::Jar::default();
        let url = url::Url::parse(&app.url(HOST, "/")).unwrap();
        jar.add_cookie_str(&format!("coproduce_session={secret}; Path=/"), &url);
        jar.add_cookie_str("lang=cy; Path=/", &url);
        let ann = reqwest::Client::builder()
            .resolve(HOST, app.addr)
            .cookie_provider(std::sync::Arc::new(jar))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let pages = [
            ("/stories".to_owned(), "<h1>Straeon</h1>", "<h1>Stories</h1>"),
            (format!("/stories/{id}/consent"), "<h1>Pwy gaiff ddefnyddio eich stori</h1>", "<h1>Who may use your story</h1>"),
        ];
        for (path, welsh, english) in pages {
            let res = ann.get(app.url(HOST, &path)).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            let html = res.text().await.unwrap();
            assert!(html.contains(r#"<html lang="cy">"#) && html.contains(welsh), "{path}: {html}");
            assert!(!html.contains(english), "{path}: no English heading");
        }
        // The consent screen says what is agreed to in Welsh, purpose by purpose.
        let html = ann.get(app.url(HOST, &format!("/stories/{id}/consent"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("<h2>Cyn i chi ddewis</h2>") && !html.contains("Before you choose"), "{html}");
        assert!(html.contains("<legend>Dysgu ar fwrdd cyd-ddylunio</legend>") && !html.contains("Learning on a co-design board"), "{html}");
    }
);

both_backends!(
    async fn a_story_with_problems_is_told_them_in_welsh(app) {
        use crate::common::session_secret;
        use coproduce::accounts::model::SessionKind;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let secret = session_secret(&app, &ann, SessionKind::Browser).await;
        let cookie = format!("coproduce_session={secret}; lang=cy");
        let client = app.client(HOST);
        let html = client.get(app.url(HOST, "/stories/new")).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&html);
        // A title one character too long, and no story.
        let title = "t".repeat(201);
        let res = client.post(app.url(HOST, "/stories/new")).header("cookie", &cookie).form(&[("csrf", csrf.as_str()), ("title", title.as_str()), ("body", "  ")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"<html lang="cy">"#), "{html}");
        assert!(html.contains(r#"id="title-error""#) && html.contains("cadwch y teitl i 200 nod neu lai"), "{html}");
        assert!(html.contains(r#"id="body-error""#) && html.contains("ysgrifennwch eich stori"), "{html}");
        assert!(!html.contains("keep the title to 200 characters") && !html.contains("write your story"), "no English: {html}");
    }
);
