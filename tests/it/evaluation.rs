//! Evaluation: linked assets on proposals, invitations on delivery (to
//! supporters and residents of the area, nobody else), who may rate and
//! bad ratings, results and names, closing, the outcomes dashboard and
//! its chart, pages without JavaScript, other places, a person's data,
//! and the browser journey.

use coproduce::accounts::{Role, User};
use reqwest::Method;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{
    api_token, assert_problem, browser_session, csrf_in, delivered_email, json, send, user,
    TestApp, USER_PASSWORD,
};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

struct World {
    admin_t: String,
    ann: User,
    ann_t: String,
    bob: User,
    bob_t: String,
    cat_t: String,
    dan_t: String,
    eve_t: String,
    /// Leeds: a citizen.
    sam_t: String,
    foleshill: String,
    edgwick: String,
    /// Ann's proposal for Foleshill, supported by Bob, published.
    proposal: String,
}

async fn area(app: &TestApp, token: &str, body: Value) -> String {
    let res = send(
        app,
        HOST,
        Method::POST,
        "/api/v1/areas",
        Some(token),
        Some(body),
    )
    .await;
    assert_eq!(res.status(), 201);
    json(res).await["id"].as_str().unwrap().to_owned()
}

async fn citizen(app: &TestApp, slug: &str, email: &str) -> (User, String) {
    let u = user(app, slug, email, Role::Citizen, false, false).await;
    let t = api_token(app, &u).await;
    (u, t)
}

async fn live_in(app: &TestApp, token: &str, area: &str) {
    let res = send(
        app,
        HOST,
        Method::PUT,
        "/api/v1/me/residency/area",
        Some(token),
        Some(json!({ "area_id": area })),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(json(res).await["area_id"], area);
}

async fn new_proposal(app: &TestApp, token: &str, title: &str, area: Option<&str>) -> String {
    let res = send(
        app,
        HOST,
        Method::POST,
        "/api/v1/proposals",
        Some(token),
        Some(json!({
            "title": title,
            "body": "A bench by the bus stop on Foleshill Road.",
            "intended_outcome": "Older residents can rest while they wait for the bus.",
            "area_id": area,
            "tags": ["seating"],
        })),
    )
    .await;
    assert_eq!(res.status(), 201);
    json(res).await["id"].as_str().unwrap().to_owned()
}

async fn patch(app: &TestApp, token: &str, id: &str, body: Value) -> reqwest::Response {
    send(
        app,
        HOST,
        Method::PATCH,
        &format!("/api/v1/proposals/{id}"),
        Some(token),
        Some(body),
    )
    .await
}

/// Moves a published proposal on to `to`, from wherever it is (an
/// admin's moves).
async fn move_to(app: &TestApp, admin_t: &str, id: &str, to: &str) {
    let path = [
        "published",
        "in_codesign",
        "accepted",
        "in_delivery",
        "delivered",
        "evaluated",
    ];
    let now = json(
        send(
            app,
            HOST,
            Method::GET,
            &format!("/api/v1/proposals/{id}"),
            Some(admin_t),
            None,
        )
        .await,
    )
    .await;
    let from = path
        .iter()
        .position(|s| now["status"] == *s)
        .expect("a status on the path");
    for status in &path[from + 1..] {
        let res = patch(app, admin_t, id, json!({ "status": status })).await;
        assert_eq!(res.status(), 200, "{status}: {}", res.text().await.unwrap());
        if *status == to {
            return;
        }
    }
}

async fn support(app: &TestApp, token: &str, id: &str) {
    let res = send(
        app,
        HOST,
        Method::POST,
        &format!("/api/v1/proposals/{id}/support"),
        Some(token),
        None,
    )
    .await;
    assert_eq!(res.status(), 200);
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
    let city = area(app, &admin_t, json!({"name": "Coventry", "kind": "city"})).await;
    let foleshill = area(
        app,
        &admin_t,
        json!({"name": "Foleshill", "kind": "ward", "parent_id": city}),
    )
    .await;
    let edgwick = area(
        app,
        &admin_t,
        json!({"name": "Edgwick", "kind": "neighbourhood", "parent_id": foleshill}),
    )
    .await;
    let hillfields = area(
        app,
        &admin_t,
        json!({"name": "Hillfields", "kind": "ward", "parent_id": city}),
    )
    .await;
    let (ann, ann_t) = citizen(app, "coventry", "ann@example.org").await;
    let (bob, bob_t) = citizen(app, "coventry", "bob@example.org").await;
    let (_, cat_t) = citizen(app, "coventry", "cat@example.org").await;
    let (_, dan_t) = citizen(app, "coventry", "dan@example.org").await;
    let (_, eve_t) = citizen(app, "coventry", "eve@example.org").await;
    let (_, sam_t) = citizen(app, "leeds", "sam@example.org").await;
    // Cat lives inside Foleshill; Dan in another ward; Eve has not said.
    live_in(app, &cat_t, &edgwick).await;
    live_in(app, &dan_t, &hillfields).await;
    let proposal = new_proposal(app, &ann_t, "A bench by the bus stop", Some(&foleshill)).await;
    let res = send(
        app,
        HOST,
        Method::POST,
        &format!("/api/v1/proposals/{proposal}/support"),
        Some(&bob_t),
        None,
    )
    .await;
    assert_eq!(res.status(), 200);
    World {
        admin_t,
        ann,
        ann_t,
        bob,
        bob_t,
        cat_t,
        dan_t,
        eve_t,
        sam_t,
        foleshill,
        edgwick,
        proposal,
    }
}

async fn asset(app: &TestApp, host: &str, token: &str, name: &str, area: Option<&str>) -> String {
    let res = send(
        app,
        host,
        Method::POST,
        "/api/v1/assets",
        Some(token),
        Some(json!({"name": name, "kind": "space", "description": "A room for twenty.", "area_id": area})),
    )
    .await;
    assert_eq!(res.status(), 201);
    json(res).await["id"].as_str().unwrap().to_owned()
}

async fn link(
    app: &TestApp,
    host: &str,
    token: &str,
    proposal: &str,
    ids: Value,
) -> reqwest::Response {
    send(
        app,
        host,
        Method::PUT,
        &format!("/api/v1/proposals/{proposal}/assets"),
        Some(token),
        Some(json!({ "asset_ids": ids })),
    )
    .await
}

fn names(v: &Value) -> Vec<String> {
    v["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn linked_count(app: &TestApp) -> i64 {
    use coproduce::db::schema::proposal_assets;
    use diesel::prelude::*;
    app.db(|conn| proposal_assets::table.count().get_result(conn).unwrap())
        .await
}

both_backends!(
    async fn authors_link_assets_of_their_place_all_or_nothing(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        let hall = asset(&app, HOST, &w.bob_t, "Church hall", Some(&w.edgwick)).await;
        let garden = asset(&app, HOST, &w.ann_t, "Community garden", None).await;
        let leeds_room = asset(&app, OTHER, &w.sam_t, "Leeds room", None).await;

        let res = link(&app, HOST, &w.ann_t, &p, json!([garden, hall, hall])).await;
        assert_eq!(res.status(), 200);
        assert_eq!(names(&json(res).await), ["Church hall", "Community garden"], "by name, once each");
        let shown = json(send(&app, HOST, Method::GET, &format!("/api/v1/proposals/{p}"), None, None).await).await;
        assert_eq!(shown["assets"].as_array().unwrap().len(), 2);
        let listed = json(send(&app, HOST, Method::GET, &format!("/api/v1/proposals/{p}/assets"), None, None).await).await;
        assert_eq!(names(&listed), ["Church hall", "Community garden"]);
        // The page shows them too, by name, to visitors and the signed-in.
        let ann = browser_session(&app, HOST, &w.ann).await;
        for client in [app.client(HOST), ann] {
            let html = client.get(app.url(HOST, &format!("/proposals/{p}"))).send().await.unwrap().text().await.unwrap();
            let (hall_at, garden_at) = (html.find("Church hall").expect("the hall"), html.find("Community garden").expect("the garden"));
            assert!(hall_at < garden_at);
        }

        // Unknown ids, another place's asset, nonsense: 422, nothing changes.
        for bad in [
            json!(["not-an-id"]),
            json!([leeds_room]),
            json!([garden, uuid::Uuid::now_v7().to_string()]),
            json!([hall, leeds_room]),
        ] {
            let problem = assert_problem(link(&app, HOST, &w.ann_t, &p, bad).await, 422, "validation_failed").await;
            assert_eq!(problem["errors"][0]["field"], "asset_ids", "{problem}");
        }
        assert_eq!(linked_count(&app).await, 2);
        let res = send(&app, HOST, Method::PUT, &format!("/api/v1/proposals/{p}/assets"), Some(&w.ann_t), Some(json!({"asset_ids": "x"}))).await;
        assert_eq!(res.status(), 400);
        // Only its authors; not signed in is 401; another place finds nothing.
        assert_problem(link(&app, HOST, &w.bob_t, &p, json!([])).await, 403, "forbidden").await;
        assert_problem(send(&app, HOST, Method::PUT, &format!("/api/v1/proposals/{p}/assets"), None, Some(json!({"asset_ids": []}))).await, 401, "unauthorized").await;
        assert_problem(link(&app, OTHER, &w.sam_t, &p, json!([leeds_room])).await, 404, "not_found").await;
        assert_problem(send(&app, OTHER, Method::GET, &format!("/api/v1/proposals/{p}/assets"), None, None).await, 404, "not_found").await;
        assert_eq!(linked_count(&app).await, 2);

        // The asset's page lists the proposals that build on it.
        let page = app.get(HOST, &format!("/assets/{hall}")).await.text().await.unwrap();
        assert!(page.contains("Proposals that build on it") && page.contains("A bench by the bus stop"));
        // A withdrawn asset drops out of view.
        assert_eq!(send(&app, HOST, Method::DELETE, &format!("/api/v1/assets/{hall}"), Some(&w.bob_t), None).await.status(), 204);
        let listed = json(send(&app, HOST, Method::GET, &format!("/api/v1/proposals/{p}/assets"), None, None).await).await;
        assert_eq!(names(&listed), ["Community garden"]);

        // The edit form carries the list; its own page reports bad input.
        let ann_web = browser_session(&app, HOST, &w.ann).await;
        let edit = ann_web.get(app.url(HOST, &format!("/proposals/{p}/edit"))).send().await.unwrap().text().await.unwrap();
        assert!(edit.contains("Assets this proposal builds on") && edit.contains(&format!("value=\"{garden}\" class=\"checkbox\" checked")));
        let csrf = csrf_in(&edit);
        let res = ann_web.post(app.url(HOST, &format!("/proposals/{p}/assets")))
            .form(&[("csrf", csrf.as_str()), ("asset_ids", garden.as_str()), ("asset_add", "nothing-here")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("nothing-here is not on this place") && html.contains("aria-invalid=\"true\""));
        let hall2 = asset(&app, HOST, &w.bob_t, "Scout hut", None).await;
        let res = ann_web.post(app.url(HOST, &format!("/proposals/{p}/assets")))
            .form(&[("csrf", csrf.as_str()), ("asset_ids", garden.as_str()), ("asset_add", &format!("http://{HOST}/assets/{hall2}"))]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let shown = app.get(HOST, &format!("/proposals/{p}")).await.text().await.unwrap();
        assert!(shown.contains("Assets it builds on") && shown.contains("Scout hut") && shown.contains("Community garden"));
        // An empty list unlinks them all.
        assert_eq!(names(&json(link(&app, HOST, &w.ann_t, &p, json!([])).await).await), Vec::<String>::new());
        // After a decision, the list is settled.
        move_to(&app, &w.admin_t, &p, "accepted").await;
        assert_problem(link(&app, HOST, &w.ann_t, &p, json!([garden])).await, 409, "proposal_decided").await;
        let audit = app.db(|conn| {
            use coproduce::db::schema::audit_events;
            use diesel::prelude::*;
            audit_events::table.filter(audit_events::kind.eq("proposal_assets_linked")).count().get_result::<i64>(conn).unwrap()
        }).await;
        assert_eq!(audit, 3);
    }
);

async fn invited_to(app: &TestApp) -> Vec<String> {
    use coproduce::db::schema::outbox;
    use diesel::prelude::*;
    app.db(|conn| {
        outbox::table
            .filter(outbox::kind.eq("notification_evaluation_invitation"))
            .order(outbox::recipient.asc())
            .select(outbox::recipient)
            .load(conn)
            .unwrap()
    })
    .await
}

async fn evaluation(app: &TestApp, host: &str, token: Option<&str>, p: &str) -> reqwest::Response {
    send(
        app,
        host,
        Method::GET,
        &format!("/api/v1/proposals/{p}/evaluation"),
        token,
        None,
    )
    .await
}

async fn rate(
    app: &TestApp,
    host: &str,
    token: Option<&str>,
    p: &str,
    body: Value,
) -> reqwest::Response {
    send(
        app,
        host,
        Method::PUT,
        &format!("/api/v1/proposals/{p}/evaluation/mine"),
        token,
        Some(body),
    )
    .await
}

async fn rating_count(app: &TestApp) -> i64 {
    use coproduce::db::schema::evaluation_ratings;
    use diesel::prelude::*;
    app.db(|conn| evaluation_ratings::table.count().get_result(conn).unwrap())
        .await
}

both_backends!(
    async fn delivery_invites_supporters_and_residents_of_the_area_only(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        let before = json(evaluation(&app, HOST, None, &p).await).await;
        assert_eq!((before["state"].as_str(), before["invited"].as_i64()), (Some("not_started"), Some(0)));
        move_to(&app, &w.admin_t, &p, "in_delivery").await;
        assert!(invited_to(&app).await.is_empty(), "nobody is asked before delivery");
        move_to(&app, &w.admin_t, &p, "delivered").await;
        // Bob supported it; Cat lives in Edgwick, inside Foleshill. Dan
        // lives elsewhere, Eve did not say, Ann only wrote it.
        assert_eq!(invited_to(&app).await, ["bob@example.org", "cat@example.org"]);
        let text = delivered_email(&app, "bob@example.org", "notification_evaluation_invitation").await;
        assert!(text.contains("“A bench by the bus stop” has been delivered"), "{text}");
        assert!(text.contains("Older residents can rest while they wait for the bus."));
        assert!(text.contains("because you supported it") && text.contains(&format!("/proposals/{p}/evaluation")));
        assert!(text.contains("/unsubscribe?token="), "an unsubscribe link: {text}");
        let text = delivered_email(&app, "cat@example.org", "notification_evaluation_invitation").await;
        assert!(text.contains("because you live in the area it was for"), "{text}");
        let now = json(evaluation(&app, HOST, Some(&w.cat_t), &p).await).await;
        assert_eq!((now["state"].as_str(), now["invited"].as_i64(), now["count"].as_i64()), (Some("open"), Some(2), Some(0)));
        assert_eq!(now["you"]["reason"], "resident");
        assert_eq!(now["you"]["may_rate"], true);
        assert_eq!(now["distribution"].as_array().unwrap().len(), 5);
        // A proposal for the whole place asks its supporters.
        let (_, fay_t) = citizen(&app, "coventry", "fay@example.org").await;
        let whole = new_proposal(&app, &w.ann_t, "Longer library hours", None).await;
        support(&app, &fay_t, &whole).await;
        // Fay hears of nothing by email; she is invited all the same.
        let res = send(&app, HOST, Method::PATCH, "/api/v1/me/notifications", Some(&fay_t), Some(json!({"delivery": "off"}))).await;
        assert_eq!(res.status(), 200);
        move_to(&app, &w.admin_t, &whole, "delivered").await;
        assert_eq!(invited_to(&app).await, ["bob@example.org", "cat@example.org"]);
        let fays = json(evaluation(&app, HOST, Some(&fay_t), &whole).await).await;
        assert_eq!((fays["invited"].as_i64(), fays["you"]["may_rate"].as_bool()), (Some(1), Some(true)));
        let opened = app.db(|conn| {
            use coproduce::db::schema::audit_events;
            use diesel::prelude::*;
            audit_events::table.filter(audit_events::kind.eq("evaluation_opened")).count().get_result::<i64>(conn).unwrap()
        }).await;
        assert_eq!(opened, 2);
    }
);

both_backends!(
    async fn only_invited_people_rate_and_bad_ratings_are_refused(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        let good = json!({"rating": 4, "comment": "I sit there most mornings.", "show_name": true});
        assert_problem(rate(&app, HOST, Some(&w.bob_t), &p, good.clone()).await, 409, "evaluation_not_open").await;
        move_to(&app, &w.admin_t, &p, "delivered").await;
        // People who were not asked, and nobody signed in.
        for t in [&w.dan_t, &w.eve_t, &w.ann_t, &w.admin_t] {
            assert_problem(rate(&app, HOST, Some(t), &p, good.clone()).await, 403, "not_invited").await;
        }
        assert_problem(rate(&app, HOST, Some(&w.dan_t), &p, json!({"rating": 9})).await, 403, "not_invited").await;
        assert_problem(rate(&app, HOST, None, &p, good.clone()).await, 401, "unauthorized").await;
        // Bad ratings: 0, 6, a word, a fraction, none, a comment too long.
        for (body, field) in [
            (json!({"rating": 0}), "rating"),
            (json!({"rating": 6}), "rating"),
            (json!({"rating": "five"}), "rating"),
            (json!({"rating": "4"}), "rating"),
            (json!({"rating": 2.5}), "rating"),
            (json!({"comment": "no rating"}), "rating"),
            (json!({"rating": 3, "comment": "x".repeat(2001)}), "comment"),
        ] {
            let problem = assert_problem(rate(&app, HOST, Some(&w.bob_t), &p, body).await, 422, "validation_failed").await;
            assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        }
        let res = app.client(HOST).put(app.url(HOST, &format!("/api/v1/proposals/{p}/evaluation/mine")))
            .bearer_auth(&w.bob_t).header("content-type", "application/json").body("{\"rating\":").send().await.unwrap();
        assert_problem(res, 400, "malformed_json").await;
        assert_eq!(rating_count(&app).await, 0, "nothing was written");

        // One rating each; a second replaces the first.
        let res = rate(&app, HOST, Some(&w.bob_t), &p, json!({"rating": 2})).await;
        assert_eq!(res.status(), 200);
        let res = rate(&app, HOST, Some(&w.bob_t), &p, good.clone()).await;
        assert_eq!(res.status(), 200);
        let mine = json(res).await;
        assert_eq!((mine["rating"].as_i64(), mine["show_name"].as_bool()), (Some(4), Some(true)));
        let res = rate(&app, HOST, Some(&w.cat_t), &p, json!({"rating": 3, "comment": "Nobody told us it was there."})).await;
        assert_eq!(res.status(), 200);
        assert_eq!(rating_count(&app).await, 2);

        let seen = json(evaluation(&app, HOST, None, &p).await).await;
        assert_eq!((seen["count"].as_i64(), seen["average"].as_f64()), (Some(2), Some(3.5)));
        let spread: Vec<i64> = seen["distribution"].as_array().unwrap().iter().map(|b| b["count"].as_i64().unwrap()).collect();
        assert_eq!(spread, [0, 0, 1, 1, 0]);
        assert!(seen["you"].is_null());
        let comments = seen["comments"]["items"].as_array().unwrap();
        assert_eq!(seen["comments"]["total"], 2);
        let by = |text: &str| comments.iter().find(|c| c["comment"] == text).unwrap().clone();
        assert_eq!(by("I sit there most mornings.")["name"], "bob", "Bob chose to show his name");
        assert!(by("Nobody told us it was there.")["name"].is_null(), "Cat did not");
        let raw = serde_json::to_string(&seen).unwrap();
        assert!(!raw.contains("cat") && !raw.contains("@example.org"));
        let paged = json(send(&app, HOST, Method::GET, &format!("/api/v1/proposals/{p}/evaluation?per_page=1&page=2"), None, None).await).await;
        assert_eq!(paged["comments"]["items"].as_array().unwrap().len(), 1);
        assert_problem(send(&app, HOST, Method::GET, &format!("/api/v1/proposals/{p}/evaluation?page=0"), None, None).await, 422, "validation_failed").await;
        let as_bob = json(evaluation(&app, HOST, Some(&w.bob_t), &p).await).await;
        assert_eq!((as_bob["you"]["invited"].as_bool(), as_bob["you"]["rating"]["rating"].as_i64()), (Some(true), Some(4)));
        let as_dan = json(evaluation(&app, HOST, Some(&w.dan_t), &p).await).await;
        assert_eq!((as_dan["you"]["invited"].as_bool(), as_dan["you"]["may_rate"].as_bool()), (Some(false), Some(false)));

        // Taking a rating back, then the admins close the evaluation.
        assert_eq!(send(&app, HOST, Method::DELETE, &format!("/api/v1/proposals/{p}/evaluation/mine"), Some(&w.cat_t), None).await.status(), 204);
        assert_eq!(rating_count(&app).await, 1);
        assert_problem(patch(&app, &w.bob_t, &p, json!({"status": "evaluated"})).await, 403, "forbidden").await;
        move_to(&app, &w.admin_t, &p, "evaluated").await;
        assert_problem(rate(&app, HOST, Some(&w.cat_t), &p, json!({"rating": 5})).await, 409, "evaluation_closed").await;
        assert_problem(send(&app, HOST, Method::DELETE, &format!("/api/v1/proposals/{p}/evaluation/mine"), Some(&w.bob_t), None).await, 409, "evaluation_closed").await;
        let closed = json(evaluation(&app, HOST, Some(&w.bob_t), &p).await).await;
        assert_eq!((closed["state"].as_str(), closed["count"].as_i64(), closed["you"]["may_rate"].as_bool()), (Some("closed"), Some(1), Some(false)));
        let rated = app.db(|conn| {
            use coproduce::db::schema::audit_events;
            use diesel::prelude::*;
            audit_events::table.filter(audit_events::kind.eq("evaluation_rated")).count().get_result::<i64>(conn).unwrap()
        }).await;
        assert_eq!(rated, 3);
    }
);

both_backends!(
    async fn other_places_cannot_see_or_rate(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        move_to(&app, &w.admin_t, &p, "delivered").await;
        assert_eq!(rate(&app, HOST, Some(&w.bob_t), &p, json!({"rating": 5})).await.status(), 200);
        // Leeds asks about Coventry's proposal: it does not exist there.
        assert_problem(evaluation(&app, OTHER, None, &p).await, 404, "not_found").await;
        assert_problem(evaluation(&app, OTHER, Some(&w.sam_t), &p).await, 404, "not_found").await;
        assert_problem(rate(&app, OTHER, Some(&w.sam_t), &p, json!({"rating": 1})).await, 404, "not_found").await;
        assert_problem(send(&app, OTHER, Method::DELETE, &format!("/api/v1/proposals/{p}/evaluation/mine"), Some(&w.sam_t), None).await, 404, "not_found").await;
        assert_eq!(app.get(OTHER, &format!("/proposals/{p}/evaluation")).await.status(), 404);
        // A Coventry token does not work in Leeds.
        assert_eq!(rate(&app, OTHER, Some(&w.bob_t), &p, json!({"rating": 1})).await.status(), 401);
        let leeds = json(send(&app, OTHER, Method::GET, "/api/v1/outcomes", None, None).await).await;
        assert_eq!(leeds["total"], 0);
        let outcomes = app.get(OTHER, "/outcomes").await.text().await.unwrap();
        assert!(!outcomes.contains("A bench") && outcomes.contains("No proposal has been delivered yet"));
        // Unknown and malformed ids.
        assert_problem(evaluation(&app, HOST, None, "not-an-id").await, 404, "not_found").await;
        assert_problem(evaluation(&app, HOST, None, &uuid::Uuid::now_v7().to_string()).await, 404, "not_found").await;
        // A Leeds resident cannot choose a Coventry area as home.
        let res = send(&app, OTHER, Method::PUT, "/api/v1/me/residency/area", Some(&w.sam_t), Some(json!({"area_id": w.foleshill}))).await;
        let problem = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["field"], "area_id");
        assert_eq!(rating_count(&app).await, 1);
    }
);

/// Whether every tag opened in `svg` is closed in order: XML-ish enough
/// to catch a broken chart.
fn balanced(svg: &str) -> bool {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let end = match rest[start..].find('>') {
            Some(e) => start + e,
            None => return false,
        };
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            if stack.pop().as_deref() != Some(name.trim()) {
                return false;
            }
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().unwrap_or_default();
            stack.push(name.to_owned());
        }
    }
    stack.is_empty()
}

both_backends!(
    async fn the_outcomes_page_draws_ratings_on_the_server(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        let empty = app.get(HOST, "/outcomes").await;
        assert_eq!(empty.status(), 200);
        let empty = empty.text().await.unwrap();
        assert!(empty.contains("No proposal has been delivered yet") && !empty.contains("<svg xmlns"));
        move_to(&app, &w.admin_t, &p, "delivered").await;
        rate(&app, HOST, Some(&w.bob_t), &p, json!({"rating": 5})).await;
        rate(&app, HOST, Some(&w.cat_t), &p, json!({"rating": 2, "comment": "Too far from the shelter & the shops <really>"})).await;
        let other = new_proposal(&app, &w.ann_t, "Ramps at the library", None).await;
        support(&app, &w.eve_t, &other).await;
        move_to(&app, &w.admin_t, &other, "evaluated").await;
        let not_yet = new_proposal(&app, &w.ann_t, "Still being discussed", None).await;

        let html = app.get(HOST, "/outcomes").await.text().await.unwrap();
        let start = html.find("<svg xmlns").expect("a chart");
        let svg = &html[start..html[start..].find("</svg>").unwrap() + start + 6];
        assert!(balanced(svg), "{svg}");
        assert!(svg.contains("role=\"img\"") && svg.contains("aria-labelledby=\"outcomes-chart-title outcomes-chart-desc\""));
        assert!(svg.contains("<title id=\"outcomes-chart-title\">") && svg.contains("<desc id=\"outcomes-chart-desc\">"));
        assert!(svg.contains("A bench by the bus stop") && svg.contains("Ramps at the library"));
        assert!(svg.contains("Older residents can rest while they wait for the bus."));
        assert!(svg.contains("Average 3.5 out of 5, from 2 ratings") && svg.contains("No ratings yet"));
        assert!(svg.contains("It fully happened: 1 person") && svg.contains("A little of it happened: 1 person"));
        assert!(svg.contains("width=\"300\""), "two ratings split the bar in half: {svg}");
        assert!(!html.contains("Still being discussed") && !html.contains(&not_yet));
        // The text alternative: a table with the same figures.
        assert!(html.contains("<caption>Outcomes and ratings (the chart as a table)</caption>"));
        assert!(html.contains(&format!("<a href=\"/proposals/{p}/evaluation\">A bench by the bus stop</a>")));
        assert!(!html.contains("<really>"), "text is escaped");
        let api = json(send(&app, HOST, Method::GET, "/api/v1/outcomes", None, None).await).await;
        assert_eq!(api["total"], 2);
        let bench = api["items"].as_array().unwrap().iter().find(|o| o["proposal_id"] == p.as_str()).unwrap().clone();
        assert_eq!((bench["count"].as_i64(), bench["average"].as_f64()), (Some(2), Some(3.5)));
        // The proposal's own page and evaluation page show the results.
        let page = app.get(HOST, &format!("/proposals/{p}")).await.text().await.unwrap();
        assert!(page.contains("Did it make a difference?") && page.contains("Average 3.5 out of 5"));
        let eval = app.get(HOST, &format!("/proposals/{p}/evaluation")).await.text().await.unwrap();
        assert!(eval.contains("Too far from the shelter &#38; the shops &#60;really&#62;") && !eval.contains("<really>") && eval.contains("A resident"), "{eval}");
        assert!(eval.contains("Sign in</a> if you were asked"));
        // A hidden proposal leaves the dashboard.
        let (tenant, id) = (w.ann.tenant_id.clone(), p.parse().unwrap());
        app.db(move |conn| coproduce::proposals::service::set_hidden(conn, &tenant, &id, true).unwrap()).await;
        let api = json(send(&app, HOST, Method::GET, "/api/v1/outcomes", None, None).await).await;
        assert_eq!(api["total"], 1);
        assert_problem(evaluation(&app, HOST, Some(&w.bob_t), &p).await, 410, "hidden").await;
    }
);

both_backends!(
    async fn pages_take_ratings_without_javascript(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        move_to(&app, &w.admin_t, &p, "delivered").await;
        let bob = browser_session(&app, HOST, &w.bob).await;
        let section = bob.get(app.url(HOST, &format!("/proposals/{p}"))).send().await.unwrap().text().await.unwrap();
        assert!(section.contains("You are invited to say whether it happened.") && section.contains(&format!("/proposals/{p}/evaluation\">Rate it")));
        let page = bob.get(app.url(HOST, &format!("/proposals/{p}/evaluation"))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("How much of the intended outcome happened?") && page.contains("because you supported it"));
        let csrf = csrf_in(&page);
        let post = |fields: Vec<(&'static str, String)>| {
            let (bob, url) = (bob.clone(), app.url(HOST, &format!("/proposals/{p}/evaluation")));
            async move { bob.post(url).form(&fields).send().await.unwrap() }
        };
        let res = post(vec![("csrf", csrf.clone()), ("rating", "five".into()), ("comment", "Lovely".into())]).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("choose a whole number from 1") && html.contains(">Lovely</textarea>"));
        let res = post(vec![("csrf", csrf.clone()), ("comment", "No rating".into())]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("choose a rating from 1"));
        assert_eq!(rating_count(&app).await, 0);
        let res = post(vec![("csrf", csrf.clone()), ("rating", "4".into()), ("comment", "Used it today".into()), ("show_name", "yes".into())]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], format!("/proposals/{p}/evaluation?done=rated").as_str());
        let page = bob.get(app.url(HOST, &format!("/proposals/{p}/evaluation?done=rated"))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Thank you: your rating is counted.") && page.contains("Change your rating") && page.contains("<strong>bob</strong>, rated 4"));
        assert!(page.contains("value=\"4\" checked"), "the form starts from the rating given");
        // Without CSRF: refused.
        let res = bob.post(app.url(HOST, &format!("/proposals/{p}/evaluation"))).form(&[("rating", "1")]).send().await.unwrap();
        assert_eq!(res.status(), 403);
        // Dan was not asked.
        let dan = user(&app, "coventry", "dan2@example.org", Role::Citizen, false, false).await;
        let dan_web = browser_session(&app, HOST, &dan).await;
        let page = dan_web.get(app.url(HOST, &format!("/proposals/{p}/evaluation"))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Only the people asked can rate it") && !page.contains("Save my rating"));
        let res = dan_web.post(app.url(HOST, &format!("/proposals/{p}/evaluation"))).form(&[("csrf", csrf_in(&page).as_str()), ("rating", "1")]).send().await.unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(rating_count(&app).await, 1);
        // Taking it back.
        let res = bob.post(app.url(HOST, &format!("/proposals/{p}/evaluation/withdraw"))).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(rating_count(&app).await, 0);
        // The home-area page.
        let area_page = bob.get(app.url(HOST, "/account/residency/area")).send().await.unwrap().text().await.unwrap();
        assert!(area_page.contains("You have not said which area you live in."));
        let res = bob.post(app.url(HOST, "/account/residency/area")).form(&[("csrf", csrf_in(&area_page).as_str()), ("area_id", "nonsense")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let res = bob.post(app.url(HOST, "/account/residency/area")).form(&[("csrf", csrf_in(&area_page).as_str()), ("area_id", w.edgwick.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let area_page = bob.get(app.url(HOST, "/account/residency/area")).send().await.unwrap().text().await.unwrap();
        assert!(area_page.contains("You said you live in <strong>Edgwick</strong>."));
    }
);

both_backends!(
    async fn ratings_are_in_a_persons_data_and_go_with_them(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        move_to(&app, &w.admin_t, &p, "delivered").await;
        rate(&app, HOST, Some(&w.bob_t), &p, json!({"rating": 5, "comment": "Brilliant", "show_name": true})).await;
        rate(&app, HOST, Some(&w.cat_t), &p, json!({"rating": 1})).await;
        let export = json(send(&app, HOST, Method::GET, "/api/v1/me/export", Some(&w.bob_t), None).await).await;
        assert_eq!(export["evaluation"]["invitations"][0]["reason"], "supporter");
        assert_eq!(export["evaluation"]["ratings"][0]["comment"], "Brilliant");
        assert_eq!(export["evaluation"]["ratings"][0]["rating"], 5);
        let cat_export = json(send(&app, HOST, Method::GET, "/api/v1/me/export", Some(&w.cat_t), None).await).await;
        assert_eq!(cat_export["residency"]["home_area"]["area_name"], "Edgwick");
        let page = browser_session(&app, HOST, &w.bob).await.get(app.url(HOST, "/account/data")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Your evaluations") && page.contains("you rated it 5 out of 5 with a comment"), "{page}");

        let res = app.client(HOST).delete(app.url(HOST, "/api/v1/me")).bearer_auth(&w.bob_t)
            .json(&json!({"password": USER_PASSWORD, "contributions": "anonymise"})).send().await.unwrap();
        assert_eq!(res.status(), 204);
        let seen = json(evaluation(&app, HOST, None, &p).await).await;
        assert_eq!((seen["count"].as_i64(), seen["invited"].as_i64()), (Some(1), Some(1)));
        assert!(!serde_json::to_string(&seen).unwrap().contains("Brilliant"));
        let res = app.client(HOST).delete(app.url(HOST, "/api/v1/me")).bearer_auth(&w.cat_t)
            .json(&json!({"password": USER_PASSWORD, "contributions": "delete"})).send().await.unwrap();
        assert_eq!(res.status(), 204);
        assert_eq!(rating_count(&app).await, 0);
        let left = app.db(|conn| {
            use coproduce::db::schema::{evaluation_invitations, resident_areas};
            use diesel::prelude::*;
            (
                evaluation_invitations::table.count().get_result::<i64>(conn).unwrap(),
                resident_areas::table.count().get_result::<i64>(conn).unwrap(),
            )
        }).await;
        assert_eq!(left, (0, 1), "Dan's area stays; Bob's and Cat's went");
    }
);

both_backends!(
    async fn a_supporter_evaluates_in_the_browser(app) {
        use crate::common::browser::Browser;
        use crate::common::session_secret;
        use coproduce::accounts::model::SessionKind;
        use fantoccini::Locator;
        let w = world(&app).await;
        let p = w.proposal.clone();
        let garden = asset(&app, HOST, &w.ann_t, "Community garden", Some(&w.foleshill)).await;
        assert_eq!(link(&app, HOST, &w.ann_t, &p, json!([garden])).await.status(), 200);
        let browser = Browser::start(&app).await;
        let sign_in_as = |who: User| {
            let (browser, app) = (&browser, &app);
            async move {
                let secret = session_secret(app, &who, SessionKind::Browser).await;
                browser.goto(app, HOST, "/").await;
                browser.client.execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![]).await.unwrap();
            }
        };
        let find = |css: String| {
            let client = browser.client.clone();
            async move { client.find(Locator::Css(&css)).await.unwrap() }
        };
        // Ann's linked-assets form.
        sign_in_as(w.ann.clone()).await;
        browser.goto(&app, HOST, &format!("/proposals/{p}/edit")).await;
        browser.wait_for_heading("Edit the proposal").await;
        browser.assert_accessible().await;
        browser.goto(&app, HOST, &format!("/proposals/{p}/assets")).await;
        browser.wait_for_heading("Assets “A bench by the bus stop” builds on").await;
        find("#asset_ids".into()).await.send_keys("not-an-asset").await.unwrap();
        find("#linked-assets button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Assets “A bench by the bus stop” builds on").await;
        assert!(browser.text(".error-summary").await.contains("not-an-asset"));
        browser.assert_accessible().await;

        move_to(&app, &w.admin_t, &p, "delivered").await;
        sign_in_as(w.bob.clone()).await;
        browser.goto(&app, HOST, &format!("/proposals/{p}")).await;
        browser.wait_for_heading("A bench by the bus stop").await;
        assert!(browser.text("#evaluation").await.contains("Nobody has rated it yet."));
        browser.assert_accessible().await;
        find("#evaluation a[href$='/evaluation']".into()).await.click().await.unwrap();
        browser.wait_for_heading("Did “A bench by the bus stop” make a difference?").await;
        browser.assert_accessible().await;
        // Sent without a rating: the error shows beside the choices.
        find("#comment".into()).await.send_keys("I sit there every morning now.").await.unwrap();
        find("form[action$='/evaluation'] button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Did “A bench by the bus stop” make a difference?").await;
        assert!(browser.text("#rating-error").await.contains("choose a rating"));
        browser.assert_accessible().await;
        find("label[for='rating-5']".into()).await.click().await.unwrap();
        find("label[for='show_name']".into()).await.click().await.unwrap();
        find("form[action$='/evaluation'] button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Did “A bench by the bus stop” make a difference?").await;
        assert!(browser.text(".notice").await.contains("your rating is counted"));
        assert!(browser.text("main").await.contains("I sit there every morning now."));
        browser.assert_accessible().await;
        // The outcomes dashboard and the open data page.
        browser.goto(&app, HOST, "/outcomes").await;
        browser.wait_for_heading("Outcomes for residents").await;
        assert!(browser.text("main table").await.contains("A bench by the bus stop"));
        browser.assert_accessible().await;
        browser.goto(&app, HOST, "/open-data").await;
        browser.wait_for_heading("Open data").await;
        browser.assert_accessible().await;
        browser.goto(&app, HOST, "/account/residency/area").await;
        browser.wait_for_heading("The area you live in").await;
        browser.assert_accessible().await;
        browser.goto(&app, HOST, &format!("/assets/{garden}")).await;
        browser.wait_for_heading("Community garden").await;
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn residents_count_as_the_place_rule_says(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        // The place now asks its admins to confirm residents by hand.
        let res = send(&app, HOST, Method::PATCH, "/api/v1/admin/settings", Some(&w.admin_t), Some(json!({"residency_routes": ["manual"]}))).await;
        assert_eq!(res.status(), 200);
        let (gil, gil_t) = citizen(&app, "coventry", "gil@example.org").await;
        live_in(&app, &gil_t, &w.foleshill).await;
        let (tenant, id) = (gil.tenant_id.clone(), gil.id.clone());
        app.db(move |conn| {
            use coproduce::db::schema::residency_verifications;
            use diesel::prelude::*;
            diesel::insert_into(residency_verifications::table)
                .values((
                    residency_verifications::tenant_id.eq(&tenant),
                    residency_verifications::user_id.eq(&id),
                    residency_verifications::route.eq("manual"),
                    residency_verifications::verified_at.eq(chrono::Utc::now().naive_utc()),
                ))
                .execute(conn)
                .unwrap()
        })
        .await;
        move_to(&app, &w.admin_t, &p, "delivered").await;
        // Cat lives in the area but is not confirmed; Gil is. Bob supported.
        assert_eq!(invited_to(&app).await, ["bob@example.org", "gil@example.org"]);
        assert_problem(rate(&app, HOST, Some(&w.cat_t), &p, json!({"rating": 3})).await, 403, "not_invited").await;
        assert_eq!(rate(&app, HOST, Some(&gil_t), &p, json!({"rating": 3})).await.status(), 200);
    }
);

both_backends!(
    async fn the_outcomes_page_speaks_welsh(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let html = crate::i18n::welsh_page(&app, HOST, None, "/outcomes").await;
        crate::i18n::assert_welsh_heading(&html, "<h1>Canlyniadau i breswylwyr</h1>", "<h1>Outcomes for residents</h1>");
    }
);
