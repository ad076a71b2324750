//! Stories and boards together: a story can belong to a board its author
//! can see, `board:<id>` audiences reach that board's members (each read
//! logged), facilitators ask on the board's behalf, the board page shows
//! the stories shared with it (through the one reading path) with the
//! report-excerpt action for organisation members, and the story form and
//! consent screen offer the citizen's own boards. Other places on every
//! route.

use coproduce::accounts::{Role, User};
use reqwest::Method;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{api_token, assert_problem, browser_session, csrf_in, send, user, TestApp};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";
const BODY: &str = "I slept in the bus station for three weeks in March. Nobody asked my name until Maria at the night shelter did.";

pub struct World {
    /// Tells stories; a member of the board.
    pub ann: User,
    pub ann_t: String,
    /// Facilitates the board.
    pub fay: User,
    pub fay_t: String,
    /// A member of the board.
    pub cat: User,
    pub cat_t: String,
    /// Not on the board.
    pub bob: User,
    pub bob_t: String,
    /// The organisation's staff (on the board through it).
    pub sid: User,
    pub sid_t: String,
    pub org: String,
    /// A private board Fay facilitates, with Ann, Cat and the organisation.
    pub board: String,
    /// A private board Ann is not on.
    pub closed: String,
    /// Leeds.
    pub lee: User,
    pub lee_t: String,
}

async fn person(app: &TestApp, place: &str, email: &str) -> (User, String) {
    let u = user(app, place, email, Role::Citizen, false, false).await;
    let t = api_token(app, &u).await;
    (u, t)
}

pub async fn ok(res: reqwest::Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let text = res.text().await.unwrap();
    assert_eq!(got, status, "{text}");
    if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap()
    }
}

pub async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> reqwest::Response {
    send(app, HOST, method, path, token, body).await
}

async fn board(app: &TestApp, token: &str, title: &str) -> String {
    ok(
        call(
            app,
            Method::POST,
            "/api/v1/boards",
            Some(token),
            Some(json!({
                "title": title,
                "description": "People who used the night shelter and the services around it redesign winter support.",
                "service_area": "Winter shelter",
                "visibility": "private",
            })),
        )
        .await,
        201,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub async fn world(app: &TestApp) -> World {
    app.tenant("coventry", "Coventry", &[HOST]).await;
    app.tenant("leeds", "Leeds", &[OTHER]).await;
    let (ann, ann_t) = person(app, "coventry", "ann@example.org").await;
    let (fay, fay_t) = person(app, "coventry", "fay@example.org").await;
    let (cat, cat_t) = person(app, "coventry", "cat@example.org").await;
    let (bob, bob_t) = person(app, "coventry", "bob@example.org").await;
    let (_ola, ola_t) = person(app, "coventry", "ola@example.org").await;
    let (sid, sid_t) = person(app, "coventry", "sid@example.org").await;
    let (lee, lee_t) = person(app, "leeds", "lee@example.org").await;
    ok(
        call(
            app,
            Method::PATCH,
            "/api/v1/me/profile",
            Some(&ann_t),
            Some(json!({"display_name": "Ann Smith"})),
        )
        .await,
        200,
    )
    .await;
    let org = ok(
        call(
            app,
            Method::POST,
            "/api/v1/organisations",
            Some(&ola_t),
            Some(json!({"name": "Night Shelter Trust", "kind": "voluntary"})),
        )
        .await,
        201,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(
        call(
            app,
            Method::POST,
            &format!("/api/v1/organisations/{org}/members"),
            Some(&ola_t),
            Some(json!({"user_id": sid.id, "role": "member"})),
        )
        .await,
        201,
    )
    .await;
    let b = board(app, &fay_t, "Winter support").await;
    for who in [&ann, &cat] {
        ok(
            call(
                app,
                Method::POST,
                &format!("/api/v1/boards/{b}/members"),
                Some(&fay_t),
                Some(json!({"user_id": who.id})),
            )
            .await,
            201,
        )
        .await;
    }
    ok(
        call(
            app,
            Method::POST,
            &format!("/api/v1/boards/{b}/members"),
            Some(&fay_t),
            Some(json!({"organisation_id": org})),
        )
        .await,
        201,
    )
    .await;
    let closed = board(app, &bob_t, "Bob's own board").await;
    let ann = refreshed(app, &ann).await;
    World {
        ann,
        ann_t,
        fay,
        fay_t,
        cat,
        cat_t,
        bob,
        bob_t,
        sid,
        sid_t,
        org,
        board: b,
        closed,
        lee,
        lee_t,
    }
}

async fn refreshed(app: &TestApp, u: &User) -> User {
    let u = u.clone();
    app.db(move |conn| {
        coproduce::accounts::service::find_user(conn, &u.tenant_id, &u.id)
            .unwrap()
            .unwrap()
    })
    .await
}

pub async fn story(app: &TestApp, token: &str, title: &str, board: Option<&str>) -> String {
    let mut body = json!({"title": title, "body": BODY});
    if let Some(b) = board {
        body["board_id"] = json!(b);
    }
    ok(
        call(
            app,
            Method::POST,
            "/api/v1/stories",
            Some(token),
            Some(body),
        )
        .await,
        201,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub async fn grant(app: &TestApp, token: &str, id: &str, grants: Value) -> Value {
    ok(
        call(
            app,
            Method::PUT,
            &format!("/api/v1/stories/{id}/consents"),
            Some(token),
            Some(json!({"grants": grants})),
        )
        .await,
        200,
    )
    .await
}

async fn uses(app: &TestApp, token: &str) -> Vec<Value> {
    ok(
        call(app, Method::GET, "/api/v1/me/story-uses", Some(token), None).await,
        200,
    )
    .await["items"]
        .as_array()
        .unwrap()
        .clone()
}

both_backends!(
    async fn a_story_may_belong_to_a_board_its_author_can_see(app) {
        let w = world(&app).await;
        // A real board Ann is on: accepted, and kept.
        let id = story(&app, &w.ann_t, "The winter", Some(&w.board)).await;
        let mine = ok(call(&app, Method::GET, &format!("/api/v1/stories/{id}"), Some(&w.ann_t), None).await, 200).await;
        assert_eq!(mine["board_id"].as_str(), Some(w.board.as_str()));
        // An unknown board, a private board she is not on, another place's board: 422.
        let leeds_board = board_in_leeds(&app, &w).await;
        for b in [uuid::Uuid::now_v7().to_string(), w.closed.clone(), leeds_board] {
            let res = call(&app, Method::POST, "/api/v1/stories", Some(&w.ann_t), Some(json!({"title": "T", "body": "B", "board_id": b}))).await;
            let body = assert_problem(res, 422, "validation_failed").await;
            assert_eq!(body["errors"][0]["field"], "board_id");
            assert_eq!(body["errors"][0]["code"], "unknown_board");
        }
        // Not an id at all: 422 too.
        let res = call(&app, Method::POST, "/api/v1/stories", Some(&w.ann_t), Some(json!({"title": "T", "body": "B", "board_id": "winter"}))).await;
        assert_problem(res, 422, "validation_failed").await;
        // Moving the story to a board she cannot see is refused; clearing it works.
        let res = call(&app, Method::PATCH, &format!("/api/v1/stories/{id}"), Some(&w.ann_t), Some(json!({"board_id": w.closed}))).await;
        assert_problem(res, 422, "validation_failed").await;
        let res = call(&app, Method::PATCH, &format!("/api/v1/stories/{id}"), Some(&w.ann_t), Some(json!({"board_id": ""}))).await;
        let v = ok(res, 200).await;
        assert!(v["board_id"].is_null(), "{v}");
    }
);

async fn board_in_leeds(app: &TestApp, w: &World) -> String {
    ok(
        send(
            app,
            OTHER,
            Method::POST,
            "/api/v1/boards",
            Some(&w.lee_t),
            Some(json!({
                "title": "Leeds board",
                "description": "Somewhere else entirely, with its own people.",
                "service_area": "Housing",
                "visibility": "public",
            })),
        )
        .await,
        201,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

both_backends!(
    async fn a_board_grant_lets_that_boards_members_read_and_no_one_else(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "The winter", Some(&w.board)).await;
        // Granting to a board she cannot see, or another place's, is refused.
        for b in [w.closed.clone(), board_in_leeds(&app, &w).await] {
            let res = call(&app, Method::PUT, &format!("/api/v1/stories/{id}/consents"), Some(&w.ann_t), Some(json!({"grants": [{"purpose": "board_learning", "audience": format!("board:{b}"), "attribution": "named"}]}))).await;
            let body = assert_problem(res, 422, "validation_failed").await;
            assert_eq!(body["errors"][0]["field"], "grants[0].audience");
            assert_eq!(body["errors"][0]["code"], "unknown_board");
        }
        // Before any grant, no one reads it.
        for t in [&w.cat_t, &w.fay_t, &w.sid_t] {
            assert_eq!(call(&app, Method::GET, &format!("/api/v1/stories/{id}"), Some(t), None).await.status(), 404);
        }
        grant(&app, &w.ann_t, &id, json!([{"purpose": "board_learning", "audience": format!("board:{}", w.board), "attribution": "first_name"}])).await;
        // Members in their own right and staff of a member organisation read it, at the attribution allowed.
        for (t, who) in [(&w.cat_t, "cat"), (&w.fay_t, "fay"), (&w.sid_t, "sid")] {
            let r = ok(call(&app, Method::GET, &format!("/api/v1/stories/{id}"), Some(t), None).await, 200).await;
            assert_eq!(r["author"], "Ann", "{who}");
            assert_eq!(r["body"], BODY);
            assert_eq!(r["audience"], format!("board:{}", w.board));
        }
        // Someone not on the board, and another place, get 404.
        assert_eq!(call(&app, Method::GET, &format!("/api/v1/stories/{id}"), Some(&w.bob_t), None).await.status(), 404);
        assert_eq!(send(&app, OTHER, Method::GET, &format!("/api/v1/stories/{id}"), Some(&w.lee_t), None).await.status(), 404);
        // Their list shows it; Bob's does not.
        let listed = ok(call(&app, Method::GET, "/api/v1/stories", Some(&w.cat_t), None).await, 200).await;
        assert!(listed["items"].as_array().unwrap().iter().any(|s| s["id"] == id.as_str()));
        let listed = ok(call(&app, Method::GET, "/api/v1/stories", Some(&w.bob_t), None).await, 200).await;
        assert!(!listed["items"].as_array().unwrap().iter().any(|s| s["id"] == id.as_str()));
        // Every read is in Ann's use log: three, as first_name, for board learning.
        let log = uses(&app, &w.ann_t).await;
        assert_eq!(log.len(), 3, "{log:?}");
        let readers: Vec<&str> = log.iter().map(|u| u["reader_id"].as_str().unwrap()).collect();
        for who in [&w.cat, &w.fay, &w.sid] {
            assert!(readers.contains(&who.id.as_str()));
        }
        assert!(log.iter().all(|u| u["purpose"] == "board_learning" && u["attribution"] == "first_name" && u["action"] == "view"));
        // Someone who leaves the board stops reading at once.
        ok(call(&app, Method::DELETE, &format!("/api/v1/boards/{}/members/{}", w.board, w.cat.id), Some(&w.cat_t), None).await, 204).await;
        assert_eq!(call(&app, Method::GET, &format!("/api/v1/stories/{id}"), Some(&w.cat_t), None).await.status(), 404);
    }
);

both_backends!(
    async fn a_facilitator_asks_on_the_boards_behalf_and_a_member_cannot(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "The winter", Some(&w.board)).await;
        grant(&app, &w.ann_t, &id, json!([{"purpose": "board_learning", "audience": format!("board:{}", w.board), "attribution": "first_name"}])).await;
        let ask = json!({"purpose": "tenant_publication", "audience": "public", "message": "May we put your story on the board's public page?", "board_id": w.board, "attribution": "first_name", "duration_months": 6});
        // Fay facilitates the board: 201, and Ann sees the request.
        let r = ok(call(&app, Method::POST, &format!("/api/v1/stories/{id}/consent-requests"), Some(&w.fay_t), Some(ask.clone())).await, 201).await;
        assert_eq!(r["status"], "requested");
        let mine = ok(call(&app, Method::GET, "/api/v1/me/consent-requests", Some(&w.ann_t), None).await, 200).await;
        assert!(mine["received"].as_array().unwrap().iter().any(|x| x["id"] == r["id"]), "{mine}");
        // Cat is only a member: 403.
        assert_problem(call(&app, Method::POST, &format!("/api/v1/stories/{id}/consent-requests"), Some(&w.cat_t), Some(ask.clone())).await, 403, "forbidden").await;
        // Bob cannot read the story at all: 404.
        assert_eq!(call(&app, Method::POST, &format!("/api/v1/stories/{id}/consent-requests"), Some(&w.bob_t), Some(ask.clone())).await.status(), 404);
        // Another place: 404.
        assert_eq!(send(&app, OTHER, Method::POST, &format!("/api/v1/stories/{id}/consent-requests"), Some(&w.lee_t), Some(ask.clone())).await.status(), 404);
        // Ann grants it: the public page shows it.
        let dec = ok(call(&app, Method::POST, &format!("/api/v1/consent-requests/{}/decision", r["id"].as_str().unwrap()), Some(&w.ann_t), Some(json!({"decision": "grant"}))).await, 200).await;
        assert_eq!(dec["status"], "given", "{dec}");
        let page = app.get(HOST, &format!("/stories/{id}/public")).await;
        assert_eq!(page.status(), 200);
    }
);

async fn page_of(app: &TestApp, who: &User, path: &str) -> (u16, String) {
    let c = browser_session(app, HOST, who).await;
    let res = c.get(app.url(HOST, path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

both_backends!(
    async fn the_board_page_shows_stories_shared_with_it_to_members_only_and_logs_each(app) {
        let w = world(&app).await;
        let path = format!("/boards/{}", w.board);
        // Empty state for members.
        let (status, html) = page_of(&app, &w.cat, &path).await;
        assert_eq!(status, 200);
        assert!(html.contains("Stories shared with this board"));
        assert!(html.contains("No one has shared a story with this board yet."));
        let id = story(&app, &w.ann_t, "The winter", Some(&w.board)).await;
        let other = story(&app, &w.ann_t, "Not for the board", None).await;
        // A story tied to the board but not shared with it: not shown.
        let (_, html) = page_of(&app, &w.cat, &path).await;
        assert!(!html.contains("The winter") && !html.contains(BODY));
        // Shared with the board (first name), and the other one with the whole place only.
        grant(&app, &w.ann_t, &id, json!([{"purpose": "board_learning", "audience": format!("board:{}", w.board), "attribution": "first_name"}])).await;
        grant(&app, &w.ann_t, &other, json!([{"purpose": "research", "audience": "tenant", "attribution": "named"}])).await;
        let before = uses(&app, &w.ann_t).await.len();
        let (status, html) = page_of(&app, &w.cat, &path).await;
        assert_eq!(status, 200);
        assert!(html.contains("The winter") && html.contains("By Ann ·"), "{html}");
        assert!(html.contains("Nobody asked my name"));
        assert!(!html.contains("Not for the board"), "only what was shared with the board");
        assert!(!html.contains("By Ann Smith"), "at the attribution given to the board");
        // Cat is in no organisation: no excerpt action.
        assert!(!html.contains(&format!("/stories/{id}/excerpt")));
        // The showing went through the reading path: one logged use, for the board's grant.
        let log = uses(&app, &w.ann_t).await;
        assert_eq!(log.len(), before + 1);
        let last = log.iter().find(|u| u["reader_id"] == w.cat.id.as_str()).unwrap();
        assert_eq!((last["purpose"].as_str(), last["attribution"].as_str(), last["action"].as_str()), (Some("board_learning"), Some("first_name"), Some("view")));
        // Sid acts for a member organisation: he sees it, with the excerpt action.
        let (_, html) = page_of(&app, &w.sid, &path).await;
        assert!(html.contains(BODY.split('.').next().unwrap()));
        assert!(html.contains(&format!("/stories/{id}/excerpt")));
        // The author herself is not shown her own story as a reader (nothing logged for her).
        let n = uses(&app, &w.ann_t).await.len();
        let (_, html) = page_of(&app, &w.ann, &path).await;
        assert!(html.contains("Stories shared with this board"));
        assert_eq!(uses(&app, &w.ann_t).await.len(), n);
        // Bob is not on the (private) board: 404, and nothing logged.
        let (status, html) = page_of(&app, &w.bob, &path).await;
        assert_eq!(status, 404);
        assert!(!html.contains(BODY));
        // Another place: 404.
        let lee = browser_session(&app, OTHER, &w.lee).await;
        assert_eq!(lee.get(app.url(OTHER, &path)).send().await.unwrap().status(), 404);
        assert_eq!(uses(&app, &w.ann_t).await.len(), n);
        // Withdrawn: gone from the page at once.
        let grants = ok(call(&app, Method::GET, "/api/v1/me/consents", Some(&w.ann_t), None).await, 200).await;
        let g = grants.as_array().unwrap().iter().find(|g| g["audience"] == format!("board:{}", w.board) && g["status"] == "given").unwrap()["id"].as_str().unwrap().to_owned();
        ok(call(&app, Method::POST, &format!("/api/v1/consents/{g}/withdraw"), Some(&w.ann_t), None).await, 200).await;
        let (_, html) = page_of(&app, &w.cat, &path).await;
        assert!(!html.contains("The winter") && html.contains("No one has shared a story with this board yet."));
    }
);

both_backends!(
    async fn a_public_boards_page_shows_no_stories_to_people_not_on_it(app) {
        let w = world(&app).await;
        let public = ok(call(&app, Method::POST, "/api/v1/boards", Some(&w.fay_t), Some(json!({"title": "Open board", "description": "Anyone in the place can follow this board's work.", "service_area": "Libraries", "visibility": "public"}))).await, 201).await["id"].as_str().unwrap().to_owned();
        ok(call(&app, Method::POST, &format!("/api/v1/boards/{public}/members"), Some(&w.fay_t), Some(json!({"user_id": w.ann.id}))).await, 201).await;
        let id = story(&app, &w.ann_t, "The library", Some(&public)).await;
        grant(&app, &w.ann_t, &id, json!([{"purpose": "board_learning", "audience": format!("board:{public}"), "attribution": "named"}])).await;
        // Bob can see the public board but is not on it: no stories section, nothing logged.
        let (status, html) = page_of(&app, &w.bob, &format!("/boards/{public}")).await;
        assert_eq!(status, 200);
        assert!(!html.contains("Stories shared with this board") && !html.contains(BODY));
        let anon = app.get(HOST, &format!("/boards/{public}")).await.text().await.unwrap();
        assert!(!anon.contains(BODY));
        assert!(uses(&app, &w.ann_t).await.is_empty());
        // Fay (the facilitator) sees it, named.
        let (_, html) = page_of(&app, &w.fay, &format!("/boards/{public}")).await;
        assert!(html.contains("By Ann Smith"), "{html}");
    }
);

both_backends!(
    async fn the_excerpt_from_a_board_is_refused_without_a_report_grant_and_given_with_one(app) {
        let w = world(&app).await;
        let id = story(&app, &w.ann_t, "The winter", Some(&w.board)).await;
        grant(&app, &w.ann_t, &id, json!([{"purpose": "board_learning", "audience": format!("board:{}", w.board), "attribution": "first_name"}])).await;
        let sid = browser_session(&app, HOST, &w.sid).await;
        let html = sid.get(app.url(HOST, &format!("/boards/{}", w.board))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(&format!("/stories/{id}/excerpt")));
        let form = sid.get(app.url(HOST, &format!("/stories/{id}/excerpt"))).send().await.unwrap();
        assert_eq!(form.status(), 200);
        let csrf = csrf_in(&form.text().await.unwrap());
        let quote = "Nobody asked my name until Maria at the night shelter did.";
        // No organisation_report grant: refused (403), nothing quoted.
        let res = sid.post(app.url(HOST, &format!("/stories/{id}/excerpt"))).form(&[("csrf", csrf.as_str()), ("organisation_id", w.org.as_str()), ("quote", quote)]).send().await.unwrap();
        assert_eq!(res.status(), 403);
        let html = res.text().await.unwrap();
        assert!(html.contains("You cannot quote this story"));
        assert!(!html.contains("<h2>Your excerpt</h2>"));
        // Over the API too.
        assert_problem(call(&app, Method::POST, &format!("/api/v1/stories/{id}/excerpts"), Some(&w.sid_t), Some(json!({"organisation_id": w.org, "quote": quote}))).await, 403, "consent_required").await;
        // Cat belongs to no organisation: the page refuses her.
        let (status, _) = page_of(&app, &w.cat, &format!("/stories/{id}/excerpt")).await;
        assert_eq!(status, 403);
        // Ann allows her story in the organisation's reports.
        grant(&app, &w.ann_t, &id, json!([
            {"purpose": "board_learning", "audience": format!("board:{}", w.board), "attribution": "first_name"},
            {"purpose": "organisation_report", "audience": format!("organisation:{}", w.org), "attribution": "first_name"},
        ])).await;
        let res = sid.post(app.url(HOST, &format!("/stories/{id}/excerpt"))).form(&[("csrf", csrf.as_str()), ("organisation_id", w.org.as_str()), ("quote", quote)]).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("Your excerpt") && html.contains("Ann, shared with their consent"), "{html}");
        let log = uses(&app, &w.ann_t).await;
        assert!(log.iter().any(|u| u["action"] == "excerpt" && u["reader_id"] == w.sid.id.as_str()));
        // Another place cannot quote it.
        assert_eq!(send(&app, OTHER, Method::POST, &format!("/api/v1/stories/{id}/excerpts"), Some(&w.lee_t), Some(json!({"organisation_id": w.org, "quote": quote}))).await.status().as_u16() / 100, 4);
    }
);

both_backends!(
    async fn the_story_form_and_consent_screen_offer_the_citizens_own_boards(app) {
        let w = world(&app).await;
        let ann = browser_session(&app, HOST, &w.ann).await;
        let html = ann.get(app.url(HOST, "/stories/new")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(&format!("<option value=\"{}\">Winter support</option>", w.board)), "{html}");
        assert!(!html.contains(&w.closed), "not a board she is not on");
        let csrf = csrf_in(&html);
        // Writing for the board.
        let res = ann.post(app.url(HOST, "/stories/new")).form(&[("csrf", csrf.as_str()), ("title", "The winter"), ("body", BODY), ("area_id", ""), ("board_id", w.board.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let loc = res.headers()["location"].to_str().unwrap().to_owned();
        let id = loc.trim_start_matches("/stories/").split('?').next().unwrap().to_owned();
        let v = ok(call(&app, Method::GET, &format!("/api/v1/stories/{id}"), Some(&w.ann_t), None).await, 200).await;
        assert_eq!(v["board_id"].as_str(), Some(w.board.as_str()));
        // A board she is not on, typed in: the form comes back with the message beside the field.
        let res = ann.post(app.url(HOST, "/stories/new")).form(&[("csrf", csrf.as_str()), ("title", "Other"), ("body", BODY), ("area_id", ""), ("board_id", w.closed.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"board_id-error\""), "{html}");
        assert!(html.contains("value=\"Other\""), "her input is kept");
        // The edit form keeps the board.
        let html = ann.get(app.url(HOST, &format!("/stories/{id}/edit"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(&format!("<option value=\"{}\" selected>Winter support</option>", w.board)), "{html}");
        // The consent screen offers her board as an audience, nothing chosen.
        let html = ann.get(app.url(HOST, &format!("/stories/{id}/consent"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(&format!("<option value=\"board:{}\">Members of the co-design board “Winter support”</option>", w.board)), "{html}");
        assert!(!html.contains(&format!("board:{}", w.closed)));
        let csrf = csrf_in(&html);
        let audience = format!("board:{}", w.board);
        let res = ann.post(app.url(HOST, &format!("/stories/{id}/consent"))).form(&[("csrf", csrf.as_str()), ("board_learning-give", "on"), ("board_learning-audience", audience.as_str()), ("board_learning-attribution", "named"), ("board_learning-months", "6")]).send().await.unwrap();
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
        // Cat (on the board) reads it now; Bob does not.
        assert_eq!(call(&app, Method::GET, &format!("/api/v1/stories/{id}"), Some(&w.cat_t), None).await.status(), 200);
        assert_eq!(call(&app, Method::GET, &format!("/api/v1/stories/{id}"), Some(&w.bob_t), None).await.status(), 404);
        // A board audience she cannot see, forged into the form: shown beside the purpose.
        let forged = format!("board:{}", w.closed);
        let res = ann.post(app.url(HOST, &format!("/stories/{id}/consent"))).form(&[("csrf", csrf.as_str()), ("research-give", "on"), ("research-audience", forged.as_str()), ("research-attribution", "named"), ("research-months", "6")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("there is no such board here"));
        // Another place's page: 404.
        let lee = browser_session(&app, OTHER, &w.lee).await;
        assert_eq!(lee.get(app.url(OTHER, &format!("/stories/{id}/consent"))).send().await.unwrap().status(), 404);
    }
);

// ---- Assisted participation ----

/// A tenant admin (with two-step sign-in) recognises the organisation.
async fn recognise(app: &TestApp, org: &str) {
    let admin = user(
        app,
        "coventry",
        "boss@example.org",
        Role::Admin,
        false,
        true,
    )
    .await;
    let t = api_token(app, &admin).await;
    ok(
        call(
            app,
            Method::PUT,
            &format!("/api/v1/admin/organisations/{org}/verification"),
            Some(&t),
            Some(json!({"verified": true})),
        )
        .await,
        200,
    )
    .await;
}

fn assisted_body(org: &str, email: &str, grants: Value) -> Value {
    json!({
        "organisation_id": org,
        "display_name": "Dora Jones",
        "email": email,
        "title": "Winter nights",
        "body": BODY,
        "grants": grants,
    })
}

async fn assisted_rows(
    app: &TestApp,
) -> (
    Vec<Option<String>>,
    Vec<(String, Option<String>)>,
    Vec<String>,
) {
    use coproduce::db::schema::{audit_events, stories, story_consents};
    use diesel::prelude::*;
    app.db(|conn| {
        let s = stories::table
            .select(stories::assisted_by)
            .load::<Option<String>>(conn)
            .unwrap();
        let c = story_consents::table
            .select((story_consents::status, story_consents::assisted_by))
            .load::<(String, Option<String>)>(conn)
            .unwrap();
        let k = audit_events::table
            .filter(audit_events::kind.like("story_assist%"))
            .order(audit_events::seq.asc())
            .select(audit_events::kind)
            .load::<String>(conn)
            .unwrap();
        (s, c, k)
    })
    .await
}

both_backends!(
    async fn staff_of_a_recognised_organisation_help_in_person_and_nothing_is_shared_until_confirmed(app) {
        let w = world(&app).await;
        let grants = json!([{"purpose": "research", "audience": "tenant", "attribution": "first_name"}]);
        let body = assisted_body(&w.org, "dora@example.org", grants.clone());
        // Not yet recognised by the council: refused.
        assert_problem(call(&app, Method::POST, "/api/v1/assisted-stories", Some(&w.sid_t), Some(body.clone())).await, 403, "organisation_not_verified").await;
        recognise(&app, &w.org).await;
        // Not its staff: 403. Not signed in: 401. Another place: the organisation is unknown there (422).
        assert_problem(call(&app, Method::POST, "/api/v1/assisted-stories", Some(&w.bob_t), Some(body.clone())).await, 403, "forbidden").await;
        assert_eq!(call(&app, Method::POST, "/api/v1/assisted-stories", None, Some(body.clone())).await.status(), 401);
        let res = send(&app, OTHER, Method::POST, "/api/v1/assisted-stories", Some(&w.lee_t), Some(body.clone())).await;
        let p = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(p["errors"][0]["field"], "organisation_id");
        // Bad inputs: every field at once; a bad consent; an address that has an account.
        let res = call(&app, Method::POST, "/api/v1/assisted-stories", Some(&w.sid_t), Some(json!({"organisation_id": w.org, "display_name": "", "email": "nope", "title": "", "body": ""}))).await;
        let p = assert_problem(res, 422, "validation_failed").await;
        let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        for f in ["display_name", "email", "title", "body"] {
            assert!(fields.contains(&f), "{p}");
        }
        let res = call(&app, Method::POST, "/api/v1/assisted-stories", Some(&w.sid_t), Some(assisted_body(&w.org, "dora@example.org", json!([{"purpose": "gossip", "audience": "tenant", "attribution": "named"}])))).await;
        let p = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(p["errors"][0]["field"], "grants[0].purpose");
        assert_problem(call(&app, Method::POST, "/api/v1/assisted-stories", Some(&w.sid_t), Some(assisted_body(&w.org, "ann@example.org", grants.clone()))).await, 409, "email_taken").await;
        // Nothing was half-written by the failures.
        let (s, _, _) = assisted_rows(&app).await;
        assert!(s.is_empty());
        // Sid helps Dora.
        let res = call(&app, Method::POST, "/api/v1/assisted-stories", Some(&w.sid_t), Some(body.clone())).await;
        let started = ok(res, 201).await;
        let code = started["code"].as_str().unwrap().to_owned();
        assert!(code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()));
        let a = &started["assist"];
        let id = a["id"].as_str().unwrap().to_owned();
        let story = a["story_id"].as_str().unwrap().to_owned();
        assert_eq!((a["status"].as_str(), a["staff_name"].as_str(), a["organisation"].as_str()), (Some("waiting"), Some("sid"), Some("Night Shelter Trust")));
        // The record says who helped; no consent is given yet, so no one reads it.
        let (s, c, k) = assisted_rows(&app).await;
        assert_eq!(s, vec![Some(w.sid.id.to_string())]);
        assert!(c.is_empty(), "nothing shared until confirmed");
        assert_eq!(k, vec!["story_assisted"]);
        assert_eq!(call(&app, Method::GET, &format!("/api/v1/stories/{story}"), Some(&w.cat_t), None).await.status(), 404);
        // Her email carries the code.
        let mail = crate::common::delivered_email(&app, "dora@example.org", "story_assisted_code").await;
        assert!(mail.contains(&code) && !mail.contains("bus station"), "the code, and not the story");
        // Only Sid (and Dora) can see the record; another place cannot even find it.
        ok(call(&app, Method::GET, &format!("/api/v1/assisted-stories/{id}"), Some(&w.sid_t), None).await, 200).await;
        assert_eq!(call(&app, Method::GET, &format!("/api/v1/assisted-stories/{id}"), Some(&w.bob_t), None).await.status(), 404);
        assert_eq!(send(&app, OTHER, Method::GET, &format!("/api/v1/assisted-stories/{id}"), Some(&w.lee_t), None).await.status(), 404);
        assert_eq!(send(&app, OTHER, Method::POST, &format!("/api/v1/assisted-stories/{id}/confirm"), None, Some(json!({"code": code}))).await.status(), 404);
        // A wrong code: 422, and still nothing shared.
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let p = assert_problem(call(&app, Method::POST, &format!("/api/v1/assisted-stories/{id}/confirm"), None, Some(json!({"code": wrong}))).await, 422, "validation_failed").await;
        assert_eq!(p["errors"][0]["code"], "wrong_code");
        assert_eq!(call(&app, Method::GET, &format!("/api/v1/stories/{story}"), Some(&w.cat_t), None).await.status(), 404);
        // Dora types the right code on Sid's device: confirmed, consents given, marked as assisted.
        let done = ok(call(&app, Method::POST, &format!("/api/v1/assisted-stories/{id}/confirm"), Some(&w.sid_t), Some(json!({"code": code}))).await, 200).await;
        assert_eq!((done["status"].as_str(), done["confirmed_how"].as_str()), (Some("confirmed"), Some("code")));
        let r = ok(call(&app, Method::GET, &format!("/api/v1/stories/{story}"), Some(&w.cat_t), None).await, 200).await;
        assert_eq!(r["author"], "Dora");
        let (_, c, k) = assisted_rows(&app).await;
        assert_eq!(c, vec![("given".to_owned(), Some(w.sid.id.to_string()))]);
        assert_eq!(k, vec!["story_assisted", "story_assist_decided"]);
        // Once only.
        assert_problem(call(&app, Method::POST, &format!("/api/v1/assisted-stories/{id}/confirm"), None, Some(json!({"code": code}))).await, 409, "already_decided").await;
        // Later, alone, Dora sees it and changes her mind: everything withdrawn.
        let dora = coproduce_user_by_email(&app, "dora@example.org").await;
        assert!(dora.email_verified_at.is_some(), "the code from her email confirmed her address");
        let dora_t = api_token(&app, &dora).await;
        let mine = ok(call(&app, Method::GET, "/api/v1/me/assisted-stories", Some(&dora_t), None).await, 200).await;
        assert_eq!(mine["told"][0]["id"], id.as_str());
        ok(call(&app, Method::POST, "/api/v1/me/consents/withdraw-all", Some(&dora_t), None).await, 200).await;
        assert_eq!(call(&app, Method::GET, &format!("/api/v1/stories/{story}"), Some(&w.cat_t), None).await.status(), 404);
        let edited = ok(call(&app, Method::PATCH, &format!("/api/v1/stories/{story}"), Some(&dora_t), Some(json!({"title": "My winter"}))).await, 200).await;
        assert_eq!(edited["title"], "My winter");
    }
);

async fn coproduce_user_by_email(app: &TestApp, email: &'static str) -> User {
    app.db(move |conn| {
        use coproduce::db::schema::users;
        use diesel::prelude::*;
        let id: coproduce::db::ids::UserId = users::table
            .filter(users::email.eq(email))
            .select(users::id)
            .first(conn)
            .unwrap();
        let tenant: coproduce::db::ids::TenantId = users::table
            .filter(users::email.eq(email))
            .select(users::tenant_id)
            .first(conn)
            .unwrap();
        coproduce::accounts::service::find_user(conn, &tenant, &id)
            .unwrap()
            .unwrap()
    })
    .await
}

both_backends!(
    async fn wrong_codes_lock_and_the_person_confirms_or_declines_signed_in(app) {
        let w = world(&app).await;
        recognise(&app, &w.org).await;
        let grants = json!([{"purpose": "training", "audience": format!("organisation:{}", w.org), "attribution": "named"}]);
        let started = ok(call(&app, Method::POST, "/api/v1/assisted-stories", Some(&w.sid_t), Some(assisted_body(&w.org, "dora@example.org", grants.clone()))).await, 201).await;
        let id = started["assist"]["id"].as_str().unwrap().to_owned();
        let code = started["code"].as_str().unwrap().to_owned();
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..5 {
            assert_problem(call(&app, Method::POST, &format!("/api/v1/assisted-stories/{id}/confirm"), None, Some(json!({"code": wrong}))).await, 422, "validation_failed").await;
        }
        // Now even the right code no longer works.
        let p = assert_problem(call(&app, Method::POST, &format!("/api/v1/assisted-stories/{id}/confirm"), None, Some(json!({"code": code}))).await, 422, "validation_failed").await;
        assert_eq!(p["errors"][0]["code"], "locked");
        // Someone else signed in cannot confirm without the code.
        let p = assert_problem(call(&app, Method::POST, &format!("/api/v1/assisted-stories/{id}/confirm"), Some(&w.bob_t), Some(json!({}))).await, 422, "validation_failed").await;
        assert_eq!(p["errors"][0]["code"], "required");
        // Dora, signed in herself, confirms without a code.
        let dora = coproduce_user_by_email(&app, "dora@example.org").await;
        let dora_t = api_token(&app, &dora).await;
        let done = ok(call(&app, Method::POST, &format!("/api/v1/assisted-stories/{id}/confirm"), Some(&dora_t), Some(json!({}))).await, 200).await;
        assert_eq!(done["confirmed_how"], "signed_in");
        // A second story, which she declines: nothing shared; no one else may decline for her.
        let started = ok(call(&app, Method::POST, "/api/v1/assisted-stories", Some(&w.sid_t), Some(assisted_body(&w.org, "eve@example.org", grants))).await, 201).await;
        let id2 = started["assist"]["id"].as_str().unwrap().to_owned();
        let story2 = started["assist"]["story_id"].as_str().unwrap().to_owned();
        assert_eq!(call(&app, Method::POST, &format!("/api/v1/assisted-stories/{id2}/decline"), Some(&w.sid_t), None).await.status(), 404);
        let eve = coproduce_user_by_email(&app, "eve@example.org").await;
        let eve_t = api_token(&app, &eve).await;
        let d = ok(call(&app, Method::POST, &format!("/api/v1/assisted-stories/{id2}/decline"), Some(&eve_t), None).await, 200).await;
        assert_eq!(d["status"], "declined");
        assert_eq!(call(&app, Method::GET, &format!("/api/v1/stories/{story2}"), Some(&w.sid_t), None).await.status(), 404);
        assert_problem(call(&app, Method::POST, &format!("/api/v1/assisted-stories/{id2}/confirm"), Some(&eve_t), Some(json!({}))).await, 409, "already_decided").await;
    }
);

both_backends!(
    async fn the_assisted_pages_refuse_non_staff_and_show_mistakes_beside_the_fields(app) {
        let w = world(&app).await;
        // Not staff: 403. Staff of an organisation not yet recognised: 403 too.
        assert_eq!(page_of(&app, &w.bob, "/stories/assist").await.0, 403);
        let (status, html) = page_of(&app, &w.sid, "/stories/assist").await;
        assert_eq!(status, 403);
        assert!(html.contains("recognised"));
        recognise(&app, &w.org).await;
        let sid = browser_session(&app, HOST, &w.sid).await;
        let html = sid.get(app.url(HOST, "/stories/assist")).send().await.unwrap().text().await.unwrap();
        assert!(!html.contains(" checked"), "nothing pre-ticked");
        let csrf = csrf_in(&html);
        // Mistakes: beside the fields, input kept.
        let res = sid.post(app.url(HOST, "/stories/assist")).form(&[("csrf", csrf.as_str()), ("organisation_id", w.org.as_str()), ("display_name", "Dora Jones"), ("email", "not an address"), ("title", "Winter nights"), ("body", BODY), ("research-give", "on")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"email-error\"") && html.contains("id=\"research-audience-error\""), "{html}");
        assert!(html.contains("value=\"Dora Jones\""));
        // Saved: the code is shown to read aloud.
        let res = sid.post(app.url(HOST, "/stories/assist")).form(&[("csrf", csrf.as_str()), ("organisation_id", w.org.as_str()), ("display_name", "Dora Jones"), ("email", "dora@example.org"), ("title", "Winter nights"), ("body", BODY), ("research-give", "on"), ("research-audience", "tenant"), ("research-attribution", "first_name"), ("research-months", "6")]).send().await.unwrap();
        assert_eq!(res.status(), 201);
        let html = res.text().await.unwrap();
        let code = html.split("<p class=\"lead\"><strong>").nth(1).unwrap()[..6].to_owned();
        let id = html.split("/stories/assisted/").nth(1).unwrap().split('/').next().unwrap().to_owned();
        // A wrong code typed on the staff device: the page comes back with the message beside the field.
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let res = sid.post(app.url(HOST, &format!("/stories/assisted/{id}/confirm"))).form(&[("csrf", csrf.as_str()), ("code", wrong)]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("id=\"code-error\""));
        // Bob sees only the code form, nothing of the record; another place: 404.
        let (status, html) = page_of(&app, &w.bob, &format!("/stories/assisted/{id}")).await;
        assert_eq!(status, 200);
        assert!(!html.contains("Dora") && html.contains("name=\"code\""));
        let lee = browser_session(&app, OTHER, &w.lee).await;
        assert_eq!(lee.get(app.url(OTHER, &format!("/stories/assisted/{id}"))).send().await.unwrap().status(), 404);
        // The right code.
        let res = sid.post(app.url(HOST, &format!("/stories/assisted/{id}/confirm"))).form(&[("csrf", csrf.as_str()), ("code", code.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let html = sid.get(app.url(HOST, &format!("/stories/assisted/{id}?done=confirmed"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Confirmed with the code"), "{html}");
        let (_, list) = page_of(&app, &w.sid, "/stories/assisted").await;
        assert!(list.contains("Dora Jones, for Night Shelter Trust"));
    }
);

// ---- In the browser, with axe on every page ----

/// Signs the browser in as `who` (replacing whoever was signed in).
async fn sign_in_as(browser: &crate::common::browser::Browser, app: &TestApp, who: &User) {
    use coproduce::accounts::model::SessionKind;
    let secret = crate::common::session_secret(app, who, SessionKind::Browser).await;
    browser.goto(app, HOST, "/").await;
    browser
        .client
        .execute(
            &format!("document.cookie = 'coproduce_session={secret}; path=/'"),
            vec![],
        )
        .await
        .unwrap();
}

both_backends!(
    async fn a_board_story_from_writing_to_withdrawal_in_the_browser(app) {
        use crate::common::browser::Browser;
        use fantoccini::Locator;
        let w = world(&app).await;
        let browser = Browser::start(&app).await;
        let find = |css: String| {
            let client = browser.client.clone();
            async move { client.find(Locator::Css(&css)).await.unwrap_or_else(|e| panic!("{css}: {e}")) }
        };
        // Ann writes a story for the board and lets its members read it.
        sign_in_as(&browser, &app, &w.ann).await;
        browser.goto(&app, HOST, "/stories/new").await;
        browser.wait_for_heading("Tell your story").await;
        browser.assert_accessible().await;
        find("#title".into()).await.send_keys("Winter at the shelter").await.unwrap();
        find("#body".into()).await.send_keys(BODY).await.unwrap();
        find(format!("#board_id option[value='{}']", w.board)).await.click().await.unwrap();
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Winter at the shelter").await;
        browser.assert_accessible().await;
        let url = browser.client.current_url().await.unwrap();
        let id = url.path().trim_start_matches("/stories/").to_owned();
        browser.goto(&app, HOST, &format!("/stories/{id}/consent")).await;
        browser.wait_for_heading("Who may use your story").await;
        browser.assert_accessible().await;
        find("#board_learning-give".into()).await.click().await.unwrap();
        find(format!("#board_learning-audience option[value='board:{}']", w.board)).await.click().await.unwrap();
        find("#board_learning-attribution-first_name".into()).await.click().await.unwrap();
        find("main form[action$='/consent'] button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Winter at the shelter").await;
        assert!(browser.text("main table").await.contains("Learning on a co-design board"));
        browser.assert_accessible().await;
        // Sid, for an organisation on the board, reads it on the board's page.
        sign_in_as(&browser, &app, &w.sid).await;
        browser.goto(&app, HOST, &format!("/boards/{}", w.board)).await;
        browser.wait_for_heading("Winter support").await;
        let section = browser.text("#stories").await;
        assert!(section.contains("Winter at the shelter") && section.contains("By Ann"), "{section}");
        browser.assert_accessible().await;
        // He wants a quote for a report: refused, no consent for that.
        find(format!("#stories a[href='/stories/{id}/excerpt']")).await.click().await.unwrap();
        browser.wait_for_heading("Quote a story in a report").await;
        browser.assert_accessible().await;
        find("#quote".into()).await.send_keys("Nobody asked my name").await.unwrap();
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Quote a story in a report").await;
        assert!(browser.text(".error-summary").await.contains("has not agreed"));
        browser.assert_accessible().await;
        // So he asks, for his organisation, named.
        browser.goto(&app, HOST, &format!("/stories/{id}/request")).await;
        browser.wait_for_heading("Ask to use a story").await;
        browser.assert_accessible().await;
        find("#purpose-organisation_report".into()).await.click().await.unwrap();
        find("#audience-organisation".into()).await.click().await.unwrap();
        find("#attribution-named".into()).await.click().await.unwrap();
        find("#message".into()).await.send_keys("For our winter report to the council.").await.unwrap();
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Winter at the shelter").await;
        // Ann grants part of it: her first name only, for six months.
        sign_in_as(&browser, &app, &w.ann).await;
        browser.goto(&app, HOST, "/stories/requests").await;
        browser.wait_for_heading("Requests to use stories").await;
        assert!(browser.text("main").await.contains("For our winter report"));
        browser.assert_accessible().await;
        find("main form input[value='organisation_report']".into()).await.click().await.unwrap();
        find("main form select[name='attribution'] option[value='first_name']".into()).await.click().await.unwrap();
        find("main form select[name='months'] option[value='6']".into()).await.click().await.unwrap();
        find("main form button[value='grant']".into()).await.click().await.unwrap();
        browser.wait_for_heading("Requests to use stories").await;
        browser.assert_accessible().await;
        // Sid quotes it now, credited by first name, with its consent reference.
        sign_in_as(&browser, &app, &w.sid).await;
        browser.goto(&app, HOST, &format!("/stories/{id}/excerpt")).await;
        browser.wait_for_heading("Quote a story in a report").await;
        find("#quote".into()).await.send_keys("Nobody asked my name").await.unwrap();
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Quote a story in a report").await;
        let notice = browser.text(".notice").await;
        assert!(notice.contains("Ann, shared with their consent") && notice.contains("Consent reference"), "{notice}");
        browser.assert_accessible().await;
        // Ann withdraws everything.
        sign_in_as(&browser, &app, &w.ann).await;
        browser.goto(&app, HOST, "/stories/consents/withdraw-all").await;
        browser.wait_for_heading("Withdraw every consent?").await;
        browser.assert_accessible().await;
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Your consents").await;
        browser.assert_accessible().await;
        // For Sid it has vanished: from the board, the story's page and the quote.
        sign_in_as(&browser, &app, &w.sid).await;
        browser.goto(&app, HOST, &format!("/boards/{}", w.board)).await;
        browser.wait_for_heading("Winter support").await;
        let section = browser.text("#stories").await;
        assert!(!section.contains("Winter at the shelter") && section.contains("No one has shared a story"), "{section}");
        browser.assert_accessible().await;
        browser.goto(&app, HOST, &format!("/stories/{id}")).await;
        browser.wait_for_heading("Not found").await;
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn assisted_participation_in_the_browser(app) {
        use crate::common::browser::Browser;
        use fantoccini::Locator;
        let w = world(&app).await;
        recognise(&app, &w.org).await;
        let browser = Browser::start(&app).await;
        let find = |css: String| {
            let client = browser.client.clone();
            async move { client.find(Locator::Css(&css)).await.unwrap_or_else(|e| panic!("{css}: {e}")) }
        };
        sign_in_as(&browser, &app, &w.sid).await;
        browser.goto(&app, HOST, "/stories/assisted").await;
        browser.wait_for_heading("Stories told with help").await;
        browser.assert_accessible().await;
        find("a[href='/stories/assist']".into()).await.click().await.unwrap();
        browser.wait_for_heading("Help someone tell their story").await;
        browser.assert_accessible().await;
        // A mistake first: beside the field.
        find("#display_name".into()).await.send_keys("Dora Jones").await.unwrap();
        find("main form button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Help someone tell their story").await;
        assert!(browser.text(".error-summary").await.contains("email"));
        browser.assert_accessible().await;
        find("#email".into()).await.send_keys("dora@example.org").await.unwrap();
        find("#title".into()).await.send_keys("Winter nights").await.unwrap();
        find("#body".into()).await.send_keys(BODY).await.unwrap();
        find("#research-give".into()).await.click().await.unwrap();
        find("#research-audience option[value='tenant']".into()).await.click().await.unwrap();
        find("#research-attribution option[value='first_name']".into()).await.click().await.unwrap();
        find("main form button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Confirm the story told with help").await;
        let code = browser.text(".notice .lead strong").await;
        assert_eq!(code.len(), 6);
        assert!(browser.text("main").await.contains("Waiting for Dora Jones to confirm"));
        browser.assert_accessible().await;
        // Dora types the code on Sid's device.
        find("#code".into()).await.send_keys(&code).await.unwrap();
        find("main form button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Confirm the story told with help").await;
        assert!(browser.text("main").await.contains("Confirmed with the code"));
        browser.assert_accessible().await;
        // Later, signed in herself, Dora sees it and can change it alone.
        let dora = coproduce_user_by_email(&app, "dora@example.org").await;
        sign_in_as(&browser, &app, &dora).await;
        browser.goto(&app, HOST, "/stories/assisted").await;
        browser.wait_for_heading("Stories told with help").await;
        assert!(browser.text("main").await.contains("With sid of Night Shelter Trust"));
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn erasing_the_helper_or_the_person_leaves_no_trace_of_them_in_assisted_records(app) {
        use coproduce::mydata::model::Contributions;
        let w = world(&app).await;
        recognise(&app, &w.org).await;
        let grants = json!([{"purpose": "research", "audience": "tenant", "attribution": "first_name"}]);
        let started = ok(call(&app, Method::POST, "/api/v1/assisted-stories", Some(&w.sid_t), Some(assisted_body(&w.org, "dora@example.org", grants))).await, 201).await;
        let id = started["assist"]["id"].as_str().unwrap().to_owned();
        let code = started["code"].as_str().unwrap().to_owned();
        ok(call(&app, Method::POST, &format!("/api/v1/assisted-stories/{id}/confirm"), None, Some(json!({"code": code}))).await, 200).await;
        // Dora exports her data: the assisted record is in it.
        let dora = coproduce_user_by_email(&app, "dora@example.org").await;
        let dora_t = api_token(&app, &dora).await;
        let export = ok(call(&app, Method::GET, "/api/v1/me/export", Some(&dora_t), None).await, 200).await;
        assert!(export.to_string().contains(&id), "the export covers assisted stories");
        // Sid leaves: his id goes from the story, the grants and the record.
        let (tenant, sid) = (w.sid.tenant_id.clone(), w.sid.id.clone());
        app.db(move |conn| coproduce::mydata::service::erase(conn, &tenant, &sid, Contributions::Delete).unwrap()).await;
        let (s, c, _) = assisted_rows(&app).await;
        assert_eq!(s, vec![None]);
        assert!(c.iter().all(|(_, by)| by.is_none()));
        let mine = ok(call(&app, Method::GET, "/api/v1/me/assisted-stories", Some(&dora_t), None).await, 200).await;
        assert!(mine["told"][0]["staff_id"].is_null());
        // Dora leaves: no assisted record stays.
        let (tenant, dora_id) = (dora.tenant_id.clone(), dora.id.clone());
        app.db(move |conn| coproduce::mydata::service::erase(conn, &tenant, &dora_id, Contributions::Delete).unwrap()).await;
        let left: i64 = app.db(|conn| {
            use coproduce::db::schema::story_assists;
            use diesel::prelude::*;
            story_assists::table.count().get_result(conn).unwrap()
        }).await;
        assert_eq!(left, 0);
    }
);
