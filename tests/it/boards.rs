//! Boards: who starts and edits them, phases and the timeline, private
//! boards, invitations and join requests, leaving and the last
//! facilitator, organisations' staff acting for them, who may vote and on
//! which side, links to proposals and assets, workshops with answers,
//! access needs only facilitators read, attendance and notes, the board's
//! discussion for members only, bad inputs, other places on every route,
//! a person's data, the pages, and a browser journey.

use coproduce::accounts::{Role, User};
use coproduce::db::ids::{BoardId, TenantId, UserId};
use coproduce::voting::Constituency;
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
    /// Starts boards.
    fay: User,
    fay_t: String,
    cat: User,
    cat_t: String,
    bob: User,
    bob_t: String,
    /// Runs an organisation (made by `organisation`).
    ola: User,
    ola_t: String,
    /// Staff of Ola's organisation.
    sid: User,
    sid_t: String,
    /// Leeds.
    lee_t: String,
}

async fn person(app: &TestApp, place: &str, email: &str) -> (User, String) {
    let u = user(app, place, email, Role::Citizen, false, false).await;
    let t = api_token(app, &u).await;
    (u, t)
}

async fn world(app: &TestApp) -> World {
    app.tenant("coventry", "Coventry", &[HOST]).await;
    app.tenant("leeds", "Leeds", &[OTHER]).await;
    let (fay, fay_t) = person(app, "coventry", "fay@example.org").await;
    let (cat, cat_t) = person(app, "coventry", "cat@example.org").await;
    let (bob, bob_t) = person(app, "coventry", "bob@example.org").await;
    let (ola, ola_t) = person(app, "coventry", "ola@example.org").await;
    let (sid, sid_t) = person(app, "coventry", "sid@example.org").await;
    let (_, lee_t) = person(app, "leeds", "lee@example.org").await;
    World {
        fay,
        fay_t,
        cat,
        cat_t,
        bob,
        bob_t,
        ola,
        ola_t,
        sid,
        sid_t,
        lee_t,
    }
}

async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> reqwest::Response {
    send(app, HOST, method, path, token, body).await
}

async fn ok(res: reqwest::Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let text = res.text().await.unwrap();
    assert_eq!(got, status, "{text}");
    if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap()
    }
}

async fn board(app: &TestApp, token: &str, title: &str, visibility: &str) -> String {
    let res = call(
        app,
        Method::POST,
        "/api/v1/boards",
        Some(token),
        Some(json!({
            "title": title,
            "description": "Parents and the services that support them redesign family support together.",
            "service_area": "Family support in Hillfields",
            "visibility": visibility,
        })),
    )
    .await;
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    let b = ok(res, 201).await;
    let id = b["id"].as_str().unwrap().to_owned();
    assert_eq!(location.unwrap(), format!("/api/v1/boards/{id}"));
    id
}

/// Ola's organisation, with Sid as its staff; its id.
async fn organisation(app: &TestApp, w: &World, name: &str) -> String {
    let org = ok(
        call(
            app,
            Method::POST,
            "/api/v1/organisations",
            Some(&w.ola_t),
            Some(json!({"name": name, "kind": "voluntary", "description": "Family support."})),
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
            Some(&w.ola_t),
            Some(json!({"user_id": w.sid.id, "role": "member"})),
        )
        .await,
        201,
    )
    .await;
    org
}

/// Adds a person as a member directly (the board's facilitator).
async fn add(app: &TestApp, b: &str, token: &str, who: &User) {
    ok(
        call(
            app,
            Method::POST,
            &format!("/api/v1/boards/{b}/members"),
            Some(token),
            Some(json!({"user_id": who.id})),
        )
        .await,
        201,
    )
    .await;
}

async fn get_board(app: &TestApp, b: &str, token: Option<&str>) -> Value {
    ok(
        call(
            app,
            Method::GET,
            &format!("/api/v1/boards/{b}"),
            token,
            None,
        )
        .await,
        200,
    )
    .await
}

async fn audit_kinds(app: &TestApp) -> Vec<String> {
    use coproduce::db::schema::audit_events;
    use diesel::prelude::*;
    app.db(|conn| {
        audit_events::table
            .filter(
                audit_events::kind
                    .like("board_%")
                    .or(audit_events::kind.like("workshop_%")),
            )
            .order(audit_events::seq.asc())
            .select(audit_events::kind)
            .load(conn)
            .unwrap()
    })
    .await
}

async fn count(app: &TestApp, table: &'static str) -> i64 {
    use diesel::sql_types::BigInt;
    use diesel::{QueryableByName, RunQueryDsl};
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    app.db(move |conn| {
        diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .get_result::<N>(conn)
            .unwrap()
            .n
    })
    .await
}

/// A person's side on a board and whether they facilitate it, from the
/// service functions other rooms use.
async fn standing(
    app: &TestApp,
    tenant: &TenantId,
    board: &BoardId,
    who: &UserId,
) -> (Option<Constituency>, bool) {
    let (t, b, w) = (tenant.clone(), board.clone(), who.clone());
    app.db(move |conn| {
        (
            coproduce::boards::service::constituency_of(conn, &t, &b, &w).unwrap(),
            coproduce::boards::service::is_facilitator(conn, &t, &b, &w).unwrap(),
        )
    })
    .await
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x[key].as_str().unwrap_or_default().to_owned())
        .collect()
}

both_backends!(
    async fn boards_are_started_edited_and_moved_through_phases(app) {
        let w = world(&app).await;
        let body = json!({"title": "Family support", "description": "Together.", "service_area": "Family hubs"});
        assert_problem(call(&app, Method::POST, "/api/v1/boards", None, Some(body.clone())).await, 401, "unauthorized").await;
        // An unconfirmed address may not start one.
        let una = user(&app, "coventry", "una@example.org", Role::Citizen, false, false).await;
        {
            use coproduce::db::schema::users;
            use diesel::prelude::*;
            let id = una.id.clone();
            app.db(move |conn| diesel::update(users::table.filter(users::id.eq(&id))).set(users::email_verified_at.eq(None::<chrono::NaiveDateTime>)).execute(conn).unwrap()).await;
        }
        let una_t = api_token(&app, &una).await;
        assert_problem(call(&app, Method::POST, "/api/v1/boards", Some(&una_t), Some(body)).await, 403, "forbidden").await;
        // Bad inputs: every field at once, nothing written.
        let bad = assert_problem(call(&app, Method::POST, "/api/v1/boards", Some(&w.fay_t),
            Some(json!({"title": "x", "description": " ", "service_area": "", "phase": "later", "visibility": "secret"}))).await, 422, "validation_failed").await;
        let fields: Vec<&str> = bad["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["title", "description", "service_area", "phase", "visibility"]);
        let res = app.client(HOST).post(app.url(HOST, "/api/v1/boards")).bearer_auth(&w.fay_t)
            .header("content-type", "application/json").body("{\"title\": 3").send().await.unwrap();
        assert_eq!(res.status(), 400);
        assert_eq!(count(&app, "boards").await, 0);

        let b = board(&app, &w.fay_t, "Family support, together", "public").await;
        let v = get_board(&app, &b, Some(&w.fay_t)).await;
        assert_eq!(v["phase"], "discover");
        assert_eq!(v["you"]["role"], "facilitator");
        assert_eq!(v["you"]["constituency"], "citizen");
        assert_eq!(v["people"], 1);
        assert_eq!(ids(&v["timeline"], "kind"), ["created"]);

        // Only facilitators edit.
        assert_problem(call(&app, Method::PATCH, &format!("/api/v1/boards/{b}"), Some(&w.cat_t), Some(json!({"phase": "define"}))).await, 403, "forbidden").await;
        assert_problem(call(&app, Method::PATCH, &format!("/api/v1/boards/{b}"), None, Some(json!({"phase": "define"}))).await, 401, "unauthorized").await;
        let v = ok(call(&app, Method::PATCH, &format!("/api/v1/boards/{b}"), Some(&w.fay_t),
            Some(json!({"phase": "define", "note": "We heard from forty families."}))).await, 200).await;
        assert_eq!(v["phase"], "define");
        let last = v["timeline"].as_array().unwrap().last().unwrap().clone();
        assert_eq!((last["kind"].as_str(), last["from_phase"].as_str(), last["to_phase"].as_str()), (Some("phase_changed"), Some("discover"), Some("define")));
        assert_eq!(last["note"], "We heard from forty families.");
        // Back again is allowed (the work loops), and each move is an entry.
        ok(call(&app, Method::PATCH, &format!("/api/v1/boards/{b}"), Some(&w.fay_t), Some(json!({"phase": "discover"}))).await, 200).await;
        assert_problem(call(&app, Method::PATCH, &format!("/api/v1/boards/{b}"), Some(&w.fay_t), Some(json!({"phase": "later"}))).await, 422, "validation_failed").await;
        let lonely = assert_problem(call(&app, Method::PATCH, &format!("/api/v1/boards/{b}"), Some(&w.fay_t), Some(json!({"note": "why"}))).await, 422, "validation_failed").await;
        assert_eq!(lonely["errors"][0]["field"], "note");
        let v = ok(call(&app, Method::PATCH, &format!("/api/v1/boards/{b}"), Some(&w.fay_t), Some(json!({"title": "Family support, redesigned"}))).await, 200).await;
        assert_eq!(v["title"], "Family support, redesigned");
        assert_eq!(ids(&v["timeline"], "kind"), ["created", "phase_changed", "phase_changed", "edited"]);
        assert_eq!(audit_kinds(&app).await, ["board_created", "board_phase_changed", "board_phase_changed", "board_changed"]);

        // Lists: filters and pages.
        let list = ok(call(&app, Method::GET, "/api/v1/boards", None, None).await, 200).await;
        assert_eq!((list["total"].as_i64(), list["page"].as_i64(), list["per_page"].as_i64()), (Some(1), Some(1), Some(20)));
        let none = ok(call(&app, Method::GET, "/api/v1/boards?phase=deliver", None, None).await, 200).await;
        assert_eq!(none["total"], 0);
        assert_problem(call(&app, Method::GET, "/api/v1/boards?phase=later", None, None).await, 422, "validation_failed").await;
        assert_problem(call(&app, Method::GET, "/api/v1/boards?page=0", None, None).await, 422, "validation_failed").await;
        assert_problem(call(&app, Method::GET, "/api/v1/boards?mine=perhaps", Some(&w.fay_t), None).await, 422, "validation_failed").await;

        // A private board is invisible to others, even by id.
        let p = board(&app, &w.fay_t, "Young carers, privately", "private").await;
        assert_problem(call(&app, Method::GET, &format!("/api/v1/boards/{p}"), Some(&w.cat_t), None).await, 404, "not_found").await;
        assert_problem(call(&app, Method::GET, &format!("/api/v1/boards/{p}"), None, None).await, 404, "not_found").await;
        assert_problem(call(&app, Method::GET, &format!("/api/v1/boards/{p}/members"), Some(&w.cat_t), None).await, 404, "not_found").await;
        assert_eq!(ok(call(&app, Method::GET, "/api/v1/boards", Some(&w.cat_t), None).await, 200).await["total"], 1);
        assert_eq!(ok(call(&app, Method::GET, "/api/v1/boards", Some(&w.fay_t), None).await, 200).await["total"], 2);
        let mine = ok(call(&app, Method::GET, "/api/v1/boards?mine=true", Some(&w.cat_t), None).await, 200).await;
        assert_eq!(mine["total"], 0);
        // Once invited, Cat sees it.
        ok(call(&app, Method::POST, &format!("/api/v1/boards/{p}/invitations"), Some(&w.fay_t), Some(json!({"email": "cat@example.org"}))).await, 201).await;
        assert_eq!(get_board(&app, &p, Some(&w.cat_t)).await["title"], "Young carers, privately");
        // Moderators see private boards too.
        let mo = user(&app, "coventry", "mo@example.org", Role::Moderator, false, false).await;
        let mo_t = api_token(&app, &mo).await;
        assert_eq!(get_board(&app, &p, Some(&mo_t)).await["visibility"], "private");
    }
);

both_backends!(
    async fn invitations_and_requests_to_join(app) {
        let w = world(&app).await;
        let b = board(&app, &w.fay_t, "Family support, together", "public").await;
        let invitations = format!("/api/v1/boards/{b}/invitations");
        // Bad invitations.
        assert_problem(call(&app, Method::POST, &invitations, Some(&w.fay_t), Some(json!({}))).await, 422, "validation_failed").await;
        let e = assert_problem(call(&app, Method::POST, &invitations, Some(&w.fay_t), Some(json!({"email": "nobody@example.org"}))).await, 422, "validation_failed").await;
        assert_eq!((e["errors"][0]["field"].as_str(), e["errors"][0]["code"].as_str()), (Some("email"), Some("unknown")));
        assert_problem(call(&app, Method::POST, &invitations, Some(&w.fay_t), Some(json!({"email": "cat@example.org", "role": "boss"}))).await, 422, "validation_failed").await;
        assert_problem(call(&app, Method::POST, &invitations, Some(&w.fay_t), Some(json!({"email": "cat@example.org", "message": "x".repeat(1001)}))).await, 422, "validation_failed").await;
        assert_problem(call(&app, Method::POST, &invitations, Some(&w.cat_t), Some(json!({"email": "bob@example.org"}))).await, 403, "forbidden").await;
        assert_problem(call(&app, Method::POST, &invitations, Some(&w.fay_t), Some(json!({"email": "fay@example.org"}))).await, 409, "already_member").await;
        assert_eq!(count(&app, "board_requests").await, 0);

        // Cat is invited, told by email, and accepts.
        let inv = ok(call(&app, Method::POST, &invitations, Some(&w.fay_t), Some(json!({"email": "cat@example.org", "message": "Your experience matters."}))).await, 201).await;
        assert_eq!((inv["kind"].as_str(), inv["status"].as_str()), (Some("invitation"), Some("pending")));
        let mail = delivered_email(&app, "cat@example.org", "board_invitation").await;
        assert!(mail.contains("Family support, together") && mail.contains("/boards/mine") && mail.contains("Your experience matters."), "{mail}");
        assert_problem(call(&app, Method::POST, &invitations, Some(&w.fay_t), Some(json!({"email": "cat@example.org"}))).await, 409, "already_invited").await;
        let mine = ok(call(&app, Method::GET, "/api/v1/me/boards", Some(&w.cat_t), None).await, 200).await;
        assert_eq!(ids(&mine["invitations"], "id"), [inv["id"].as_str().unwrap()]);
        let answer = format!("/api/v1/boards/{b}/invitations/{}/answer", inv["id"].as_str().unwrap());
        // Not someone else's to answer; not a decision.
        assert_problem(call(&app, Method::POST, &answer, Some(&w.bob_t), Some(json!({"decision": "accept"}))).await, 404, "not_found").await;
        assert_problem(call(&app, Method::POST, &answer, Some(&w.cat_t), Some(json!({"decision": "maybe"}))).await, 422, "validation_failed").await;
        ok(call(&app, Method::POST, &answer, Some(&w.cat_t), Some(json!({"decision": "accept"}))).await, 204).await;
        assert_problem(call(&app, Method::POST, &answer, Some(&w.cat_t), Some(json!({"decision": "accept"}))).await, 409, "already_answered").await;
        let v = get_board(&app, &b, Some(&w.cat_t)).await;
        assert_eq!((v["you"]["role"].as_str(), v["you"]["constituency"].as_str()), (Some("member"), Some("citizen")));
        assert_eq!(ok(call(&app, Method::GET, "/api/v1/boards?mine=true", Some(&w.cat_t), None).await, 200).await["total"], 1);

        // Bob asks to join; facilitators are told; only they see and decide.
        let join = format!("/api/v1/boards/{b}/join-requests");
        assert_problem(call(&app, Method::POST, &join, Some(&w.bob_t), Some(json!({"message": "y".repeat(1001)}))).await, 422, "validation_failed").await;
        let req = ok(call(&app, Method::POST, &join, Some(&w.bob_t), Some(json!({"message": "I use the family hub every week."}))).await, 201).await;
        assert_problem(call(&app, Method::POST, &join, Some(&w.bob_t), Some(json!({}))).await, 409, "already_requested").await;
        assert_problem(call(&app, Method::POST, &join, Some(&w.cat_t), Some(json!({}))).await, 409, "already_member").await;
        delivered_email(&app, "fay@example.org", "board_join_request").await;
        assert_problem(call(&app, Method::GET, &invitations, Some(&w.cat_t), None).await, 403, "forbidden").await;
        let pending = ok(call(&app, Method::GET, &invitations, Some(&w.fay_t), None).await, 200).await;
        assert_eq!(ids(&pending["join_requests"], "message"), ["I use the family hub every week."]);
        assert!(pending["invitations"].as_array().unwrap().is_empty());
        // Inviting someone who asked already points to their request.
        assert_problem(call(&app, Method::POST, &invitations, Some(&w.fay_t), Some(json!({"user_id": w.bob.id}))).await, 409, "join_request_waiting").await;
        let decision = format!("/api/v1/boards/{b}/join-requests/{}/decision", req["id"].as_str().unwrap());
        assert_problem(call(&app, Method::POST, &decision, Some(&w.cat_t), Some(json!({"decision": "accept"}))).await, 403, "forbidden").await;
        assert_problem(call(&app, Method::POST, &decision, Some(&w.fay_t), Some(json!({"decision": "perhaps"}))).await, 422, "validation_failed").await;
        ok(call(&app, Method::POST, &decision, Some(&w.fay_t), Some(json!({"decision": "accept"}))).await, 204).await;
        assert_problem(call(&app, Method::POST, &decision, Some(&w.fay_t), Some(json!({"decision": "decline"}))).await, 409, "already_answered").await;
        let mail = delivered_email(&app, "bob@example.org", "board_join_decision").await;
        assert!(mail.contains("accepted"), "{mail}");
        assert_eq!(get_board(&app, &b, Some(&w.bob_t)).await["you"]["role"], "member");

        // Ola asks and is declined; Sid asks and withdraws.
        let r = ok(call(&app, Method::POST, &join, Some(&w.ola_t), Some(json!({}))).await, 201).await;
        ok(call(&app, Method::POST, &format!("/api/v1/boards/{b}/join-requests/{}/decision", r["id"].as_str().unwrap()), Some(&w.fay_t), Some(json!({"decision": "decline"}))).await, 204).await;
        assert!(delivered_email(&app, "ola@example.org", "board_join_decision").await.contains("declined"));
        assert!(get_board(&app, &b, Some(&w.ola_t)).await["you"]["role"].is_null());
        let r = ok(call(&app, Method::POST, &join, Some(&w.sid_t), Some(json!({}))).await, 201).await;
        let withdraw = format!("/api/v1/boards/{b}/requests/{}", r["id"].as_str().unwrap());
        assert_problem(call(&app, Method::DELETE, &withdraw, Some(&w.bob_t), None).await, 403, "forbidden").await;
        ok(call(&app, Method::DELETE, &withdraw, Some(&w.sid_t), None).await, 204).await;
        assert_problem(call(&app, Method::DELETE, &withdraw, Some(&w.sid_t), None).await, 409, "already_answered").await;
        // A withdrawn invitation can no longer be accepted.
        let inv = ok(call(&app, Method::POST, &invitations, Some(&w.fay_t), Some(json!({"user_id": w.sid.id}))).await, 201).await;
        ok(call(&app, Method::DELETE, &format!("/api/v1/boards/{b}/requests/{}", inv["id"].as_str().unwrap()), Some(&w.fay_t), None).await, 204).await;
        assert_problem(call(&app, Method::POST, &format!("/api/v1/boards/{b}/invitations/{}/answer", inv["id"].as_str().unwrap()), Some(&w.sid_t), Some(json!({"decision": "accept"}))).await, 409, "already_answered").await;

        // Adding directly (the API contract), leaving, the last facilitator.
        let members = format!("/api/v1/boards/{b}/members");
        let added = call(&app, Method::POST, &members, Some(&w.fay_t), Some(json!({"user_id": w.sid.id, "role": "member"}))).await;
        assert_eq!(added.headers()["location"], members.as_str());
        let added = ok(added, 201).await;
        assert_eq!((added["kind"].as_str(), added["role"].as_str()), (Some("person"), Some("member")));
        assert_problem(call(&app, Method::POST, &members, Some(&w.fay_t), Some(json!({"user_id": w.sid.id}))).await, 409, "already_member").await;
        assert_problem(call(&app, Method::POST, &members, Some(&w.fay_t), Some(json!({"user_id": "not-an-id"}))).await, 422, "validation_failed").await;
        assert_problem(call(&app, Method::POST, &members, Some(&w.fay_t), Some(json!({}))).await, 422, "validation_failed").await;
        assert_problem(call(&app, Method::POST, &members, Some(&w.cat_t), Some(json!({"user_id": w.ola.id}))).await, 403, "forbidden").await;
        delivered_email(&app, "sid@example.org", "board_member_added").await;
        let listed = ok(call(&app, Method::GET, &members, None, None).await, 200).await;
        assert_eq!(ids(&listed, "role"), ["facilitator", "member", "member", "member"]);
        let leave = |who: &UserId| format!("/api/v1/boards/{b}/members/{who}");
        assert_problem(call(&app, Method::DELETE, &leave(&w.sid.id), Some(&w.cat_t), None).await, 403, "forbidden").await;
        ok(call(&app, Method::DELETE, &leave(&w.sid.id), Some(&w.sid_t), None).await, 204).await;
        ok(call(&app, Method::DELETE, &leave(&w.cat.id), Some(&w.fay_t), None).await, 204).await;
        assert_problem(call(&app, Method::DELETE, &leave(&w.cat.id), Some(&w.fay_t), None).await, 404, "not_found").await;
        assert_problem(call(&app, Method::DELETE, &leave(&w.fay.id), Some(&w.fay_t), None).await, 409, "last_facilitator").await;
        assert_problem(call(&app, Method::PATCH, &leave(&w.fay.id), Some(&w.fay_t), Some(json!({"role": "member"}))).await, 409, "last_facilitator").await;
        assert_problem(call(&app, Method::PATCH, &leave(&w.bob.id), Some(&w.fay_t), Some(json!({"role": "chair"}))).await, 422, "validation_failed").await;
        ok(call(&app, Method::PATCH, &leave(&w.bob.id), Some(&w.fay_t), Some(json!({"role": "facilitator"}))).await, 204).await;
        ok(call(&app, Method::DELETE, &leave(&w.fay.id), Some(&w.fay_t), None).await, 204).await;
        let v = get_board(&app, &b, Some(&w.bob_t)).await;
        assert_eq!(v["you"]["role"], "facilitator");
        let kinds = ids(&v["timeline"], "kind");
        assert_eq!(kinds, ["created", "member_joined", "member_joined", "member_joined", "member_left", "member_removed", "role_changed", "member_left"]);
        let audit = audit_kinds(&app).await;
        for k in ["board_invitation_sent", "board_invitation_answered", "board_join_requested", "board_join_request_decided", "board_invitation_withdrawn", "board_member_added", "board_member_removed", "board_role_changed"] {
            assert!(audit.iter().any(|a| a == k), "{k} missing from {audit:?}");
        }
    }
);

both_backends!(
    async fn organisations_staff_act_for_them_and_each_voter_counts_once(app) {
        let w = world(&app).await;
        let org = organisation(&app, &w, "Hillfields Family Hub").await;
        let b = board(&app, &w.fay_t, "Family support, together", "private").await;
        add(&app, &b, &w.fay_t, &w.cat).await;
        let invitations = format!("/api/v1/boards/{b}/invitations");
        assert_problem(call(&app, Method::POST, &invitations, Some(&w.fay_t), Some(json!({"organisation_id": org, "role": "facilitator"}))).await, 422, "validation_failed").await;
        assert_problem(call(&app, Method::POST, &invitations, Some(&w.fay_t), Some(json!({"organisation_id": org, "email": "cat@example.org"}))).await, 422, "validation_failed").await;
        let inv = ok(call(&app, Method::POST, &invitations, Some(&w.fay_t), Some(json!({"organisation_id": org}))).await, 201).await;
        assert_eq!(inv["name"], "Hillfields Family Hub");
        // Its admin is told and may see the private board; its staff may
        // not answer for it.
        delivered_email(&app, "ola@example.org", "board_invitation").await;
        assert_eq!(get_board(&app, &b, Some(&w.ola_t)).await["you"]["invitation_id"], inv["id"]);
        assert_problem(call(&app, Method::GET, &format!("/api/v1/boards/{b}"), Some(&w.sid_t), None).await, 404, "not_found").await;
        let answer = format!("/api/v1/boards/{b}/invitations/{}/answer", inv["id"].as_str().unwrap());
        assert_problem(call(&app, Method::POST, &answer, Some(&w.sid_t), Some(json!({"decision": "accept"}))).await, 404, "not_found").await;
        ok(call(&app, Method::POST, &answer, Some(&w.ola_t), Some(json!({"decision": "accept"}))).await, 204).await;
        // Now its people act for it: they see the board, count with the
        // organisation, and take part.
        let v = get_board(&app, &b, Some(&w.sid_t)).await;
        assert!(v["you"]["role"].is_null());
        assert_eq!(v["you"]["constituency"], "organisation");
        assert_eq!(v["you"]["organisations"], json!([org]));
        assert_eq!(v["organisations"], 1);
        ok(call(&app, Method::POST, &format!("/api/v1/boards/{b}/comments"), Some(&w.sid_t), Some(json!({"body": "The hub can host the sessions."}))).await, 201).await;
        let listed = ok(call(&app, Method::GET, &format!("/api/v1/boards/{b}/members"), Some(&w.sid_t), None).await, 200).await;
        assert_eq!(ids(&listed, "kind"), ["person", "person", "organisation"]);
        // Bob is a citizen member and also joins the hub's staff: he counts
        // once, with the organisation.
        add(&app, &b, &w.fay_t, &w.bob).await;
        ok(call(&app, Method::POST, &format!("/api/v1/organisations/{org}/members"), Some(&w.ola_t), Some(json!({"user_id": w.bob.id, "role": "member"}))).await, 201).await;
        assert_eq!(get_board(&app, &b, Some(&w.bob_t)).await["you"]["constituency"], "organisation");

        let (tenant, board_id) = (w.fay.tenant_id.clone(), b.parse::<BoardId>().unwrap());
        let voters = app.db({
            let (tenant, board_id) = (tenant.clone(), board_id.clone());
            move |conn| coproduce::boards::service::eligible_voters(conn, &tenant, &board_id).unwrap()
        }).await;
        let mut expected = vec![
            (w.fay.id.clone(), Constituency::Citizen),
            (w.cat.id.clone(), Constituency::Citizen),
            (w.bob.id.clone(), Constituency::Organisation),
            (w.ola.id.clone(), Constituency::Organisation),
            (w.sid.id.clone(), Constituency::Organisation),
        ];
        expected.sort();
        assert_eq!(voters, expected);
        assert_eq!(standing(&app, &tenant, &board_id, &w.fay.id).await, (Some(Constituency::Citizen), true));
        assert_eq!(standing(&app, &tenant, &board_id, &w.sid.id).await, (Some(Constituency::Organisation), false));
        let (lee, _) = person(&app, "coventry", "lee@example.org").await;
        assert_eq!(standing(&app, &tenant, &board_id, &lee.id).await, (None, false));

        // An organisation asks to join another board (its admins only).
        let open = board(&app, &w.fay_t, "Youth services", "public").await;
        let join = format!("/api/v1/boards/{open}/join-requests");
        assert_problem(call(&app, Method::POST, &join, Some(&w.sid_t), Some(json!({"organisation_id": org}))).await, 403, "forbidden").await;
        assert_problem(call(&app, Method::POST, &join, Some(&w.ola_t), Some(json!({"organisation_id": "0190f0e0-0000-7000-8000-000000000000"}))).await, 422, "validation_failed").await;
        let r = ok(call(&app, Method::POST, &join, Some(&w.ola_t), Some(json!({"organisation_id": org, "message": "We run the youth club."}))).await, 201).await;
        assert_eq!((r["organisation_id"].as_str(), r["name"].as_str()), (Some(org.as_str()), Some("Hillfields Family Hub")));
        ok(call(&app, Method::POST, &format!("/api/v1/boards/{open}/join-requests/{}/decision", r["id"].as_str().unwrap()), Some(&w.fay_t), Some(json!({"decision": "accept"}))).await, 204).await;
        assert_eq!(get_board(&app, &open, Some(&w.sid_t)).await["you"]["constituency"], "organisation");
        // Its admin takes it off the board; its people no longer take part.
        let off = format!("/api/v1/boards/{b}/organisations/{org}");
        assert_problem(call(&app, Method::DELETE, &off, Some(&w.sid_t), None).await, 403, "forbidden").await;
        ok(call(&app, Method::DELETE, &off, Some(&w.ola_t), None).await, 204).await;
        assert_problem(call(&app, Method::DELETE, &off, Some(&w.fay_t), None).await, 404, "not_found").await;
        assert_problem(call(&app, Method::GET, &format!("/api/v1/boards/{b}"), Some(&w.sid_t), None).await, 404, "not_found").await;
        assert_eq!(get_board(&app, &b, Some(&w.bob_t)).await["you"]["constituency"], "citizen");
    }
);

both_backends!(
    async fn workshops_answers_attendance_and_notes(app) {
        let w = world(&app).await;
        let b = board(&app, &w.fay_t, "Family support, together", "public").await;
        add(&app, &b, &w.fay_t, &w.cat).await;
        add(&app, &b, &w.fay_t, &w.bob).await;
        let soon = (chrono::Utc::now() + chrono::Duration::days(7)).naive_utc();
        let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let schedule = format!("/api/v1/boards/{b}/workshops");
        let good = json!({
            "title": "Mapping a family's week",
            "starts_at": fmt(soon),
            "ends_at": fmt(soon + chrono::Duration::hours(2)),
            "location": "Hillfields Library, Victoria Street",
            "accessibility": "Step-free entrance; hearing loop; accessible toilet.",
            "online_url": "https://meet.example.org/family",
        });
        assert_problem(call(&app, Method::POST, &schedule, Some(&w.cat_t), Some(good.clone())).await, 403, "forbidden").await;
        let bad = assert_problem(call(&app, Method::POST, &schedule, Some(&w.fay_t), Some(json!({
            "title": "Backwards", "starts_at": fmt(soon), "ends_at": fmt(soon - chrono::Duration::hours(1)),
            "location": "", "online_url": "javascript:alert(1)"
        }))).await, 422, "validation_failed").await;
        let fields: Vec<&str> = bad["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["ends_at", "online_url", "location"]);
        let bad = assert_problem(call(&app, Method::POST, &schedule, Some(&w.fay_t), Some(json!({
            "title": "No access info", "starts_at": "soon", "ends_at": fmt(soon), "location": "Town hall"
        }))).await, 422, "validation_failed").await;
        let fields: Vec<&str> = bad["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["starts_at", "accessibility"]);
        assert_eq!(count(&app, "workshops").await, 0);
        let res = call(&app, Method::POST, &schedule, Some(&w.fay_t), Some(good)).await;
        let ws = ok(res, 201).await;
        let wid = ws["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/workshops/{wid}");

        // Members answer; access needs stay between them and the facilitators.
        let rsvp = format!("{path}/rsvp");
        assert_problem(call(&app, Method::PUT, &rsvp, Some(&w.ola_t), Some(json!({"response": "yes"}))).await, 403, "not_a_board_member").await;
        assert_problem(call(&app, Method::PUT, &rsvp, Some(&w.cat_t), Some(json!({"response": "sure"}))).await, 422, "validation_failed").await;
        assert_problem(call(&app, Method::PUT, &rsvp, Some(&w.cat_t), Some(json!({"response": "yes", "access_needs": "z".repeat(1001)}))).await, 422, "validation_failed").await;
        let mine = ok(call(&app, Method::PUT, &rsvp, Some(&w.cat_t), Some(json!({"response": "maybe", "access_needs": "A BSL interpreter, please"}))).await, 200).await;
        assert_eq!(mine["response"], "maybe");
        let mine = ok(call(&app, Method::PUT, &rsvp, Some(&w.cat_t), Some(json!({"response": "yes", "access_needs": "A BSL interpreter, please"}))).await, 200).await;
        assert_eq!(mine["response"], "yes");
        ok(call(&app, Method::PUT, &rsvp, Some(&w.bob_t), Some(json!({"response": "no"}))).await, 200).await;
        let as_cat = ok(call(&app, Method::GET, &path, Some(&w.cat_t), None).await, 200).await;
        assert_eq!(as_cat["your_rsvp"]["access_needs"], "A BSL interpreter, please");
        assert!(as_cat["rsvps"].is_null() && as_cat["attendance"].is_null());
        assert_eq!((as_cat["coming"].as_i64(), as_cat["maybe"].as_i64()), (Some(1), Some(0)));
        for token in [Some(w.bob_t.as_str()), Some(w.ola_t.as_str()), None] {
            let text = call(&app, Method::GET, &path, token, None).await.text().await.unwrap();
            assert!(!text.contains("BSL"), "{text}");
            let text = call(&app, Method::GET, &format!("/api/v1/boards/{b}/workshops"), token, None).await.text().await.unwrap();
            assert!(!text.contains("BSL") && text.contains("Mapping a family"), "{text}");
        }
        let as_fay = ok(call(&app, Method::GET, &path, Some(&w.fay_t), None).await, 200).await;
        let needs: Vec<Value> = as_fay["rsvps"].as_array().unwrap().iter().map(|r| r["access_needs"].clone()).collect();
        assert_eq!(needs, [json!("A BSL interpreter, please"), Value::Null]);
        // The pages say the same.
        let page = |u: &User| {
            let u = u.clone();
            let app = &app;
            let wid = wid.clone();
            async move { browser_session(app, HOST, &u).await.get(app.url(HOST, &format!("/workshops/{wid}"))).send().await.unwrap().text().await.unwrap() }
        };
        assert!(page(&w.fay).await.contains("A BSL interpreter, please"));
        assert!(!page(&w.bob).await.contains("A BSL interpreter, please"));
        let cat_page = page(&w.cat).await;
        assert!(cat_page.contains("A BSL interpreter, please") && cat_page.contains("Only you and the board's facilitators see this"));

        // Attendance waits for the start; notes are the facilitators'.
        let attendance = format!("{path}/attendance");
        assert_problem(call(&app, Method::PUT, &attendance, Some(&w.fay_t), Some(json!({"attended": []}))).await, 409, "workshop_not_started").await;
        let past = (chrono::Utc::now() - chrono::Duration::days(2)).naive_utc();
        let old = ok(call(&app, Method::POST, &schedule, Some(&w.fay_t), Some(json!({
            "title": "First conversation", "starts_at": fmt(past), "ends_at": fmt(past + chrono::Duration::hours(2)),
            "location": "", "accessibility": "", "online_url": "https://meet.example.org/first"
        }))).await, 201).await;
        let old_path = format!("/api/v1/workshops/{}", old["id"].as_str().unwrap());
        assert_problem(call(&app, Method::PUT, &format!("{old_path}/rsvp"), Some(&w.cat_t), Some(json!({"response": "yes"}))).await, 409, "workshop_over").await;
        let att = format!("{old_path}/attendance");
        assert_problem(call(&app, Method::PUT, &att, Some(&w.cat_t), Some(json!({"attended": []}))).await, 403, "forbidden").await;
        assert_problem(call(&app, Method::PUT, &att, Some(&w.fay_t), Some(json!({"attended": [{"user_id": w.ola.id, "mode": "in_person"}]}))).await, 422, "validation_failed").await;
        assert_problem(call(&app, Method::PUT, &att, Some(&w.fay_t), Some(json!({"attended": [{"user_id": w.cat.id, "mode": "telepathy"}]}))).await, 422, "validation_failed").await;
        assert_problem(call(&app, Method::PUT, &att, Some(&w.fay_t), Some(json!({"attended": [{"user_id": w.cat.id, "mode": "online"}, {"user_id": w.cat.id, "mode": "online"}]}))).await, 422, "validation_failed").await;
        let recorded = ok(call(&app, Method::PUT, &att, Some(&w.fay_t), Some(json!({"attended": [
            {"user_id": w.cat.id, "mode": "in_person"}, {"user_id": w.bob.id, "mode": "online"}
        ]}))).await, 200).await;
        assert_eq!(recorded.as_array().unwrap().len(), 2);
        let in_person = |who: UserId| {
            let (t, b) = (w.fay.tenant_id.clone(), b.parse::<BoardId>().unwrap());
            app.db(move |conn| coproduce::boards::workshops::attended_in_person(conn, &t, &b, &who).unwrap())
        };
        assert!(in_person(w.cat.id.clone()).await);
        assert!(!in_person(w.bob.id.clone()).await);
        assert!(!in_person(w.fay.id.clone()).await);
        // Recording again replaces the record.
        ok(call(&app, Method::PUT, &att, Some(&w.fay_t), Some(json!({"attended": [{"user_id": w.bob.id, "mode": "in_person"}]}))).await, 200).await;
        assert!(!in_person(w.cat.id.clone()).await);
        assert!(in_person(w.bob.id.clone()).await);

        let notes = format!("{old_path}/notes");
        assert_problem(call(&app, Method::PUT, &notes, Some(&w.cat_t), Some(json!({"notes": "Mine"}))).await, 403, "forbidden").await;
        assert_problem(call(&app, Method::PUT, &notes, Some(&w.fay_t), Some(json!({"notes": "  "}))).await, 422, "validation_failed").await;
        ok(call(&app, Method::PUT, &notes, Some(&w.fay_t), Some(json!({"notes": "We agreed to **map a week** together."}))).await, 200).await;
        let public = ok(call(&app, Method::GET, &old_path, None, None).await, 200).await;
        assert!(public["notes_html"].as_str().unwrap().contains("<strong>map a week</strong>"));
        let kinds = ids(&get_board(&app, &b, None).await["timeline"], "kind");
        assert_eq!(kinds.iter().filter(|k| k.starts_with("workshop") || k.starts_with("notes")).collect::<Vec<_>>(), ["workshop_scheduled", "workshop_scheduled", "notes_published"]);
        let audit = audit_kinds(&app).await;
        for k in ["workshop_scheduled", "workshop_attendance_recorded", "workshop_notes_published"] {
            assert!(audit.iter().any(|a| a == k), "{k}");
        }
        // Changing a workshop keeps what is not sent.
        let changed = ok(call(&app, Method::PATCH, &path, Some(&w.fay_t), Some(json!({"title": "Mapping a week"}))).await, 200).await;
        assert_eq!((changed["title"].as_str(), changed["location"].as_str()), (Some("Mapping a week"), Some("Hillfields Library, Victoria Street")));
        assert_problem(call(&app, Method::PATCH, &path, Some(&w.cat_t), Some(json!({"title": "Mine"}))).await, 403, "forbidden").await;
    }
);

both_backends!(
    async fn a_boards_discussion_is_for_its_members(app) {
        let w = world(&app).await;
        let b = board(&app, &w.fay_t, "Family support, together", "public").await;
        add(&app, &b, &w.fay_t, &w.cat).await;
        let comments = format!("/api/v1/boards/{b}/comments");
        assert_problem(call(&app, Method::POST, &comments, None, Some(json!({"body": "Hello"}))).await, 401, "unauthorized").await;
        assert_problem(call(&app, Method::POST, &comments, Some(&w.bob_t), Some(json!({"body": "Hello"}))).await, 403, "not_a_board_member").await;
        assert_problem(call(&app, Method::POST, &comments, Some(&w.cat_t), Some(json!({"body": " "}))).await, 422, "validation_failed").await;
        let c = ok(call(&app, Method::POST, &comments, Some(&w.cat_t), Some(json!({"body": "Evenings suit parents best."}))).await, 201).await;
        ok(call(&app, Method::POST, &comments, Some(&w.fay_t), Some(json!({"body": "Noted.", "parent_id": c["id"]}))).await, 201).await;
        let threads = ok(call(&app, Method::GET, &comments, None, None).await, 200).await;
        assert_eq!(threads["total"], 1);
        assert_eq!(threads["items"][0]["replies"][0]["body"], "Noted.");
        assert_eq!(count(&app, "comments").await, 2);
        // The pages: members get the form, others are told why not.
        let html = browser_session(&app, HOST, &w.bob).await.get(app.url(HOST, &format!("/boards/{b}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Evenings suit parents best.") && html.contains("members take part in its discussion."), "{html}");
        assert!(!html.contains("id=\"comment-body\""));
        let cat = browser_session(&app, HOST, &w.cat).await;
        let html = cat.get(app.url(HOST, &format!("/boards/{b}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("id=\"comment-body\""));
        let res = cat.post(app.url(HOST, &format!("/boards/{b}/comments"))).form(&[("csrf", csrf_in(&html).as_str()), ("body", "From the page.")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert!(res.headers()["location"].to_str().unwrap().starts_with(&format!("/boards/{b}#comment-")));
        // A private board's discussion does not exist for outsiders.
        let p = board(&app, &w.fay_t, "Young carers", "private").await;
        assert_problem(call(&app, Method::GET, &format!("/api/v1/boards/{p}/comments"), Some(&w.bob_t), None).await, 404, "not_found").await;
        assert_problem(call(&app, Method::POST, &format!("/api/v1/boards/{p}/comments"), Some(&w.bob_t), Some(json!({"body": "Hi"}))).await, 404, "not_found").await;
        // A person's export names what their comments are on.
        let export = ok(call(&app, Method::GET, "/api/v1/me/export", Some(&w.cat_t), None).await, 200).await;
        assert!(export["comments"].as_array().unwrap().iter().all(|c| c["subject_kind"] == "board"));
    }
);

/// The notification emails about a board's discussion sent to `to`:
/// (subject line, plain text).
async fn discussion_emails(app: &TestApp, to: &str) -> Vec<(String, String)> {
    use coproduce::db::schema::outbox;
    use diesel::prelude::*;
    let to = to.to_owned();
    app.db(move |conn| {
        outbox::table
            .filter(outbox::recipient.eq(&to))
            .filter(outbox::kind.eq("notification_new_board_comment"))
            .order((outbox::created_at.asc(), outbox::id.asc()))
            .select((outbox::subject, outbox::body_text))
            .load(conn)
            .unwrap()
    })
    .await
}

both_backends!(
    async fn members_hear_of_new_writing_in_the_discussion(app) {
        let w = world(&app).await;
        let b = board(&app, &w.fay_t, "Family support, together", "public").await;
        add(&app, &b, &w.fay_t, &w.cat).await;
        let org = organisation(&app, &w, "Hillfields Family Trust").await;
        ok(call(&app, Method::POST, &format!("/api/v1/boards/{b}/members"), Some(&w.fay_t), Some(json!({"organisation_id": org}))).await, 201).await;
        let follow = format!("/api/v1/boards/{b}/follow");
        let follows = |t: &str| {
            let (app, follow, t) = (&app, follow.clone(), t.to_owned());
            async move { ok(call(app, Method::GET, &follow, Some(&t), None).await, 200).await["following"].as_bool().unwrap() }
        };
        // Members follow from when they join: the facilitator who started
        // it, a person added, the staff of an organisation that joined.
        for t in [&w.fay_t, &w.cat_t, &w.ola_t, &w.sid_t] {
            assert!(follows(t).await);
        }
        // Others do not, but may choose to follow a board they can see.
        assert!(!follows(&w.bob_t).await);
        assert_eq!(ok(call(&app, Method::POST, &follow, Some(&w.bob_t), None).await, 200).await["following"], true);
        let mine = ok(call(&app, Method::GET, "/api/v1/me/follows", Some(&w.cat_t), None).await, 200).await;
        assert_eq!(mine["items"][0]["subject_kind"], "board");
        assert_eq!(mine["items"][0]["title"], "Family support, together");
        assert_eq!(mine["items"][0]["reason"], "member");
        assert_eq!(mine["items"][0]["path"], format!("/boards/{b}"));

        // Cat writes: everyone following hears, Cat does not.
        let comments = format!("/api/v1/boards/{b}/comments");
        let c = ok(call(&app, Method::POST, &comments, Some(&w.cat_t), Some(json!({"body": "Evenings suit parents best."}))).await, 201).await;
        for to in ["fay@example.org", "ola@example.org", "sid@example.org", "bob@example.org"] {
            let emails = discussion_emails(&app, to).await;
            assert_eq!(emails.len(), 1, "{to}");
            let (subject, text) = &emails[0];
            assert!(subject.contains("New in the discussion of “Family support, together”"), "{subject}");
            assert!(text.contains("Evenings suit parents best."), "{text}");
            assert!(text.contains(&format!("/boards/{b}#comment-{}", c["id"].as_str().unwrap())), "{text}");
            assert!(text.contains("Stop emails about this board: "), "{text}");
        }
        assert!(discussion_emails(&app, "fay@example.org").await[0].1.contains("because you are a member of this board"));
        assert!(discussion_emails(&app, "bob@example.org").await[0].1.contains("because you follow this board"));
        assert!(discussion_emails(&app, "cat@example.org").await.is_empty(), "the writer is not told");

        // Sid stops following on the board's page; Cat leaves the board.
        let sid = browser_session(&app, HOST, &w.sid).await;
        let html = sid.get(app.url(HOST, &format!("/boards/{b}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("You follow this board") && html.contains(&format!(r#"action="/boards/{b}/unfollow""#)), "{html}");
        let res = sid.post(app.url(HOST, &format!("/boards/{b}/unfollow"))).form(&[("csrf", csrf_in(&html).as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], format!("/boards/{b}#follow").as_str());
        assert!(!follows(&w.sid_t).await);
        ok(call(&app, Method::DELETE, &format!("/api/v1/boards/{b}/members/{}", w.cat.id), Some(&w.cat_t), None).await, 204).await;
        assert!(!follows(&w.cat_t).await, "leaving ends the follow that came with membership");
        ok(call(&app, Method::POST, &comments, Some(&w.fay_t), Some(json!({"body": "Thursday evening, then."}))).await, 201).await;
        assert_eq!(discussion_emails(&app, "sid@example.org").await.len(), 1, "Sid chose to stop");
        assert_eq!(discussion_emails(&app, "cat@example.org").await.len(), 0, "Cat left");
        assert_eq!(discussion_emails(&app, "ola@example.org").await.len(), 2);
        assert_eq!(discussion_emails(&app, "bob@example.org").await.len(), 2);
        assert_eq!(discussion_emails(&app, "fay@example.org").await.len(), 1, "Fay wrote it");
        // Sid's choice stands while the organisation stays on the board.
        add(&app, &b, &w.fay_t, &w.sid).await;
        assert!(!follows(&w.sid_t).await);
        // Joining again follows again.
        add(&app, &b, &w.fay_t, &w.cat).await;
        assert!(follows(&w.cat_t).await);

        // A private board: only those who may see it can follow it.
        let p = board(&app, &w.fay_t, "Young carers", "private").await;
        assert_problem(call(&app, Method::POST, &format!("/api/v1/boards/{p}/follow"), Some(&w.bob_t), None).await, 404, "not_found").await;
        assert_problem(call(&app, Method::GET, &format!("/api/v1/boards/{p}/follow"), Some(&w.bob_t), None).await, 404, "not_found").await;
        ok(call(&app, Method::POST, &format!("/api/v1/boards/{p}/comments"), Some(&w.fay_t), Some(json!({"body": "Only for us."}))).await, 201).await;
        assert_eq!(discussion_emails(&app, "bob@example.org").await.len(), 2);
        let bob = browser_session(&app, HOST, &w.bob).await;
        let csrf = csrf_in(&bob.get(app.url(HOST, &format!("/boards/{b}"))).send().await.unwrap().text().await.unwrap());
        assert_eq!(bob.post(app.url(HOST, &format!("/boards/{p}/follow"))).form(&[("csrf", csrf.as_str())]).send().await.unwrap().status(), 404);
        // Another place: nothing to find; a Coventry token means nothing there.
        for method in [Method::GET, Method::POST, Method::DELETE] {
            let res = send(&app, OTHER, method.clone(), &follow, Some(&w.lee_t), None).await;
            assert_problem(res, 404, "not_found").await;
            let res = send(&app, OTHER, method, &follow, Some(&w.cat_t), None).await;
            assert_eq!(res.status(), 401);
        }
    }
);

both_backends!(
    async fn proposals_and_assets_link_both_ways(app) {
        let w = world(&app).await;
        let b = board(&app, &w.fay_t, "Family support, together", "public").await;
        add(&app, &b, &w.fay_t, &w.cat).await;
        let proposal = |draft: bool| call(&app, Method::POST, "/api/v1/proposals", Some(&w.cat_t), Some(json!({
            "title": if draft { "A draft idea" } else { "Evening opening at the hub" },
            "body": "Open the hub two evenings a week.", "intended_outcome": "Working parents get support.", "draft": draft,
        })));
        let published = ok(proposal(false).await, 201).await["id"].as_str().unwrap().to_owned();
        let draft = ok(proposal(true).await, 201).await["id"].as_str().unwrap().to_owned();
        let asset = ok(call(&app, Method::POST, "/api/v1/assets", Some(&w.bob_t), Some(json!({
            "name": "Community kitchen", "kind": "space", "description": "A kitchen for twenty."
        }))).await, 201).await["id"].as_str().unwrap().to_owned();
        let links = format!("/api/v1/boards/{b}/links");
        assert_problem(call(&app, Method::POST, &links, Some(&w.cat_t), Some(json!({"proposal_id": published}))).await, 403, "forbidden").await;
        assert_problem(call(&app, Method::POST, &links, Some(&w.fay_t), Some(json!({"proposal_id": draft}))).await, 422, "validation_failed").await;
        assert_problem(call(&app, Method::POST, &links, Some(&w.fay_t), Some(json!({"proposal_id": "nope"}))).await, 422, "validation_failed").await;
        assert_problem(call(&app, Method::POST, &links, Some(&w.fay_t), Some(json!({}))).await, 422, "validation_failed").await;
        assert_problem(call(&app, Method::POST, &links, Some(&w.fay_t), Some(json!({"proposal_id": published, "asset_id": asset}))).await, 422, "validation_failed").await;
        let l = ok(call(&app, Method::POST, &links, Some(&w.fay_t), Some(json!({"proposal_id": published}))).await, 201).await;
        assert_eq!((l["kind"].as_str(), l["title"].as_str()), (Some("proposal"), Some("Evening opening at the hub")));
        ok(call(&app, Method::POST, &links, Some(&w.fay_t), Some(json!({"proposal_id": published}))).await, 201).await;
        ok(call(&app, Method::POST, &links, Some(&w.fay_t), Some(json!({"asset_id": asset}))).await, 201).await;
        let both = ok(call(&app, Method::GET, &links, None, None).await, 200).await;
        assert_eq!((both["proposals"].as_array().unwrap().len(), both["assets"].as_array().unwrap().len()), (1, 1));
        let kinds = ids(&get_board(&app, &b, None).await["timeline"], "kind");
        assert_eq!(kinds.iter().filter(|k| k.ends_with("_linked")).count(), 2);
        // Both sides show it.
        for page in [format!("/proposals/{published}"), format!("/assets/{asset}"), format!("/boards/{b}")] {
            let html = app.get(HOST, &page).await.text().await.unwrap();
            assert!(html.contains("Family support, together") && (page.starts_with("/boards") || html.contains("Co-design boards working with this")), "{page}");
        }
        let board_html = app.get(HOST, &format!("/boards/{b}")).await.text().await.unwrap();
        assert!(board_html.contains("Evening opening at the hub") && board_html.contains("Community kitchen"));
        // Unlinking.
        let unlink = format!("{links}/proposal/{published}");
        assert_problem(call(&app, Method::DELETE, &unlink, Some(&w.cat_t), None).await, 403, "forbidden").await;
        ok(call(&app, Method::DELETE, &unlink, Some(&w.fay_t), None).await, 204).await;
        assert_problem(call(&app, Method::DELETE, &unlink, Some(&w.fay_t), None).await, 404, "not_found").await;
        assert_problem(call(&app, Method::DELETE, &format!("{links}/poll/{published}"), Some(&w.fay_t), None).await, 404, "not_found").await;
        assert!(!app.get(HOST, &format!("/proposals/{published}")).await.text().await.unwrap().contains("Co-design boards working with this"));
        // The page form takes an address.
        let fay = browser_session(&app, HOST, &w.fay).await;
        let html = fay.get(app.url(HOST, &format!("/boards/{b}"))).send().await.unwrap().text().await.unwrap();
        let res = fay.post(app.url(HOST, &format!("/boards/{b}/links"))).form(&[("csrf", csrf_in(&html).as_str()), ("target", "https://coventry.test/proposals/nope")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("give the address of a published proposal"));
        let res = fay.post(app.url(HOST, &format!("/boards/{b}/links"))).form(&[("csrf", csrf_in(&html).as_str()), ("target", format!("http://coventry.test/proposals/{published}").as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(ok(call(&app, Method::GET, &links, None, None).await, 200).await["proposals"][0]["id"], published.as_str());
    }
);

both_backends!(
    async fn other_places_find_nothing_on_any_route(app) {
        let w = world(&app).await;
        let org = organisation(&app, &w, "Hillfields Family Hub").await;
        let b = board(&app, &w.fay_t, "Family support, together", "public").await;
        add(&app, &b, &w.fay_t, &w.cat).await;
        let inv = ok(call(&app, Method::POST, &format!("/api/v1/boards/{b}/invitations"), Some(&w.fay_t), Some(json!({"user_id": w.bob.id}))).await, 201).await;
        let req = ok(call(&app, Method::POST, &format!("/api/v1/boards/{b}/join-requests"), Some(&w.ola_t), Some(json!({"organisation_id": org}))).await, 201).await;
        let soon = (chrono::Utc::now() + chrono::Duration::days(3)).naive_utc().format("%Y-%m-%dT%H:%M").to_string();
        let later = (chrono::Utc::now() + chrono::Duration::days(3) + chrono::Duration::hours(1)).naive_utc().format("%Y-%m-%dT%H:%M").to_string();
        let ws = ok(call(&app, Method::POST, &format!("/api/v1/boards/{b}/workshops"), Some(&w.fay_t), Some(json!({
            "title": "Session", "starts_at": soon, "ends_at": later, "online_url": "https://meet.example.org/x"
        }))).await, 201).await["id"].as_str().unwrap().to_owned();
        let (inv, req) = (inv["id"].as_str().unwrap().to_owned(), req["id"].as_str().unwrap().to_owned());
        // Leeds, with its own token and host, asking about Coventry's ids.
        let probes: Vec<(Method, String, Option<Value>)> = vec![
            (Method::GET, format!("/api/v1/boards/{b}"), None),
            (Method::PATCH, format!("/api/v1/boards/{b}"), Some(json!({"title": "Mine now"}))),
            (Method::GET, format!("/api/v1/boards/{b}/members"), None),
            (Method::POST, format!("/api/v1/boards/{b}/members"), Some(json!({"user_id": w.bob.id}))),
            (Method::PATCH, format!("/api/v1/boards/{b}/members/{}", w.cat.id), Some(json!({"role": "facilitator"}))),
            (Method::DELETE, format!("/api/v1/boards/{b}/members/{}", w.cat.id), None),
            (Method::DELETE, format!("/api/v1/boards/{b}/organisations/{org}"), None),
            (Method::GET, format!("/api/v1/boards/{b}/invitations"), None),
            (Method::POST, format!("/api/v1/boards/{b}/invitations"), Some(json!({"email": "bob@example.org"}))),
            (Method::POST, format!("/api/v1/boards/{b}/invitations/{inv}/answer"), Some(json!({"decision": "accept"}))),
            (Method::POST, format!("/api/v1/boards/{b}/join-requests"), Some(json!({}))),
            (Method::POST, format!("/api/v1/boards/{b}/join-requests/{req}/decision"), Some(json!({"decision": "accept"}))),
            (Method::DELETE, format!("/api/v1/boards/{b}/requests/{inv}"), None),
            (Method::GET, format!("/api/v1/boards/{b}/links"), None),
            (Method::POST, format!("/api/v1/boards/{b}/links"), Some(json!({"asset_id": ws}))),
            (Method::DELETE, format!("/api/v1/boards/{b}/links/asset/{ws}"), None),
            (Method::GET, format!("/api/v1/boards/{b}/workshops"), None),
            (Method::POST, format!("/api/v1/boards/{b}/workshops"), Some(json!({"title": "x"}))),
            (Method::GET, format!("/api/v1/boards/{b}/comments"), None),
            (Method::POST, format!("/api/v1/boards/{b}/comments"), Some(json!({"body": "Hello from Leeds"}))),
            (Method::GET, format!("/api/v1/workshops/{ws}"), None),
            (Method::PATCH, format!("/api/v1/workshops/{ws}"), Some(json!({"title": "Mine"}))),
            (Method::PUT, format!("/api/v1/workshops/{ws}/rsvp"), Some(json!({"response": "yes"}))),
            (Method::PUT, format!("/api/v1/workshops/{ws}/attendance"), Some(json!({"attended": []}))),
            (Method::PUT, format!("/api/v1/workshops/{ws}/notes"), Some(json!({"notes": "Mine"}))),
        ];
        for (method, path, body) in &probes {
            let res = send(&app, OTHER, method.clone(), path, Some(&w.lee_t), body.clone()).await;
            assert_eq!(res.status(), 404, "{method} {path}");
            // And anonymously: nothing there, or sign in first.
            let status = send(&app, OTHER, method.clone(), path, None, body.clone()).await.status().as_u16();
            assert!(status == 404 || status == 401, "{method} {path}: {status}");
            if *method == Method::GET && !path.ends_with("/invitations") {
                assert_eq!(status, 404, "{path}");
            }
        }
        // A Coventry token is no key to Leeds.
        assert_eq!(send(&app, OTHER, Method::GET, &format!("/api/v1/boards/{b}"), Some(&w.fay_t), None).await.status(), 401);
        let list = json(send(&app, OTHER, Method::GET, "/api/v1/boards", Some(&w.lee_t), None).await).await;
        assert_eq!(list["total"], 0);
        // Leeds' own board cannot take in Coventry's people or organisations.
        let lb = json(send(&app, OTHER, Method::POST, "/api/v1/boards", Some(&w.lee_t), Some(json!({
            "title": "Leeds board", "description": "Ours.", "service_area": "Libraries"
        }))).await).await["id"].as_str().unwrap().to_owned();
        for body in [json!({"user_id": w.cat.id}), json!({"organisation_id": org})] {
            assert_problem(send(&app, OTHER, Method::POST, &format!("/api/v1/boards/{lb}/members"), Some(&w.lee_t), Some(body)).await, 422, "validation_failed").await;
        }
        assert_problem(send(&app, OTHER, Method::POST, &format!("/api/v1/boards/{lb}/invitations"), Some(&w.lee_t), Some(json!({"email": "cat@example.org"}))).await, 422, "validation_failed").await;
        assert_problem(send(&app, OTHER, Method::POST, &format!("/api/v1/boards/{lb}/links"), Some(&w.lee_t), Some(json!({"asset_id": ws}))).await, 422, "validation_failed").await;
        // Pages too.
        let lee = user(&app, "leeds", "lee2@example.org", Role::Citizen, false, false).await;
        let client = browser_session(&app, OTHER, &lee).await;
        for page in [format!("/boards/{b}"), format!("/boards/{b}/members"), format!("/boards/{b}/invitations"), format!("/boards/{b}/join"), format!("/boards/{b}/edit"), format!("/boards/{b}/workshops/new"), format!("/workshops/{ws}")] {
            let res = client.get(app.url(OTHER, &page)).send().await.unwrap();
            assert_eq!(res.status(), 404, "{page}");
        }
        // Nothing changed in Coventry.
        let v = get_board(&app, &b, Some(&w.fay_t)).await;
        assert_eq!((v["title"].as_str(), v["people"].as_i64()), (Some("Family support, together"), Some(2)));
    }
);

both_backends!(
    async fn a_persons_data_covers_boards_and_erasure_removes_it(app) {
        let w = world(&app).await;
        let b = board(&app, &w.fay_t, "Family support, together", "public").await;
        add(&app, &b, &w.fay_t, &w.cat).await;
        add(&app, &b, &w.fay_t, &w.bob).await;
        let soon = (chrono::Utc::now() + chrono::Duration::days(3)).naive_utc().format("%Y-%m-%dT%H:%M").to_string();
        let later = (chrono::Utc::now() + chrono::Duration::days(3) + chrono::Duration::hours(1)).naive_utc().format("%Y-%m-%dT%H:%M").to_string();
        let ws = ok(call(&app, Method::POST, &format!("/api/v1/boards/{b}/workshops"), Some(&w.fay_t), Some(json!({
            "title": "Session", "starts_at": soon, "ends_at": later, "online_url": "https://meet.example.org/x"
        }))).await, 201).await["id"].as_str().unwrap().to_owned();
        ok(call(&app, Method::PUT, &format!("/api/v1/workshops/{ws}/rsvp"), Some(&w.cat_t), Some(json!({"response": "yes", "access_needs": "Quiet-room-zebra"}))).await, 200).await;
        let export = ok(call(&app, Method::GET, "/api/v1/me/export", Some(&w.cat_t), None).await, 200).await;
        assert_eq!(export["boards"]["memberships"][0]["board_title"], "Family support, together");
        assert_eq!(export["boards"]["rsvps"][0]["access_needs"], "Quiet-room-zebra");
        let html = browser_session(&app, HOST, &w.cat).await.get(app.url(HOST, "/account/data")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Your co-design boards") && html.contains("Quiet-room-zebra"));
        // Cat leaves the platform: the answer and its access needs go.
        let res = app.client(HOST).delete(app.url(HOST, "/api/v1/me")).bearer_auth(&w.cat_t)
            .json(&json!({"password": USER_PASSWORD, "contributions": "delete"})).send().await.unwrap();
        assert_eq!(res.status(), 204);
        assert_eq!(count(&app, "workshop_rsvps").await, 0);
        assert!(!json(send(&app, HOST, Method::GET, &format!("/api/v1/workshops/{ws}"), Some(&w.fay_t), None).await).await.to_string().contains("zebra"));
        // Fay, the only facilitator, leaves too: the board passes to its
        // longest-standing member, and her entries stay unsigned.
        let res = app.client(HOST).delete(app.url(HOST, "/api/v1/me")).bearer_auth(&w.fay_t)
            .json(&json!({"password": USER_PASSWORD, "contributions": "anonymise"})).send().await.unwrap();
        assert_eq!(res.status(), 204);
        let v = get_board(&app, &b, Some(&w.bob_t)).await;
        assert_eq!(v["you"]["role"], "facilitator");
        assert_eq!(v["people"], 1);
        assert_eq!(v["timeline"][0]["by"], "A former resident");
    }
);

both_backends!(
    async fn pages_show_forms_errors_and_ask_before_removing(app) {
        let w = world(&app).await;
        // The list's empty state.
        let html = app.get(HOST, "/boards").await.text().await.unwrap();
        assert!(html.contains("No board yet") && html.contains("Sign in to start one"));
        assert_eq!(app.get(HOST, "/boards?phase=later").await.status(), 422);
        let fay = browser_session(&app, HOST, &w.fay).await;
        let form = fay.get(app.url(HOST, "/boards/new")).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&form);
        let res = fay.post(app.url(HOST, "/boards/new")).form(&[("csrf", csrf.as_str()), ("title", "x"), ("service_area", "Family hubs"), ("description", ""), ("phase", "discover"), ("visibility", "public")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("give a title of 3 to 150 characters") && html.contains("value=\"Family hubs\""));
        let res = fay.post(app.url(HOST, "/boards/new")).form(&[("csrf", "forged"), ("title", "Family support")]).send().await.unwrap();
        assert_eq!(res.status(), 403);
        let res = fay.post(app.url(HOST, "/boards/new")).form(&[("csrf", csrf.as_str()), ("title", "Family support"), ("service_area", "Family hubs"), ("description", "Together."), ("phase", "discover"), ("visibility", "public")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        let b = location.trim_start_matches("/boards/").split('?').next().unwrap().to_owned();
        // Edit with a phase change and a note.
        let res = fay.post(app.url(HOST, &format!("/boards/{b}/edit"))).form(&[("csrf", csrf.as_str()), ("title", "Family support"), ("service_area", "Family hubs"), ("description", "Together."), ("phase", "define"), ("visibility", "public"), ("note", "Time to agree")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let html = fay.get(app.url(HOST, &format!("/boards/{b}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Time to agree") && html.contains("aria-current=\"step\""));
        // Others may not edit.
        let cat = browser_session(&app, HOST, &w.cat).await;
        assert_eq!(cat.get(app.url(HOST, &format!("/boards/{b}/edit"))).send().await.unwrap().status(), 403);
        assert_eq!(cat.get(app.url(HOST, &format!("/boards/{b}/invitations"))).send().await.unwrap().status(), 403);
        // Invitations page: an unknown address is shown beside its field.
        let inv = fay.get(app.url(HOST, &format!("/boards/{b}/invitations"))).send().await.unwrap().text().await.unwrap();
        assert!(inv.contains("No one is waiting for an answer"));
        let res = fay.post(app.url(HOST, &format!("/boards/{b}/invitations"))).form(&[("csrf", csrf.as_str()), ("email", "nobody@example.org"), ("organisation_id", ""), ("role", "member"), ("message", "")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("id=\"email-error\""));
        let res = fay.post(app.url(HOST, &format!("/boards/{b}/invitations"))).form(&[("csrf", csrf.as_str()), ("email", "cat@example.org"), ("organisation_id", ""), ("role", "member"), ("message", "Welcome")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let mine = cat.get(app.url(HOST, "/boards/mine")).send().await.unwrap().text().await.unwrap();
        assert!(mine.contains("Family support") && mine.contains("Welcome"));
        let action = mine.split("action=\"").find(|s| s.contains("/answer")).unwrap().split('"').next().unwrap().to_owned();
        let res = cat.post(app.url(HOST, &action)).form(&[("csrf", csrf_in(&mine).as_str()), ("decision", "accept")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        // Removing asks first.
        let confirm = fay.get(app.url(HOST, &format!("/boards/{b}/members/{}/remove", w.cat.id))).send().await.unwrap();
        assert_eq!(confirm.status(), 200);
        let confirm = confirm.text().await.unwrap();
        assert!(confirm.contains("Remove cat from the board?"));
        let res = fay.post(app.url(HOST, &format!("/boards/{b}/members/{}/remove", w.cat.id))).form(&[("csrf", csrf_in(&confirm).as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let members = fay.get(app.url(HOST, &format!("/boards/{b}/members"))).send().await.unwrap().text().await.unwrap();
        assert!(!members.contains(">cat<"));
        // Asking to join from the page, and the facilitator accepting.
        let join = cat.get(app.url(HOST, &format!("/boards/{b}/join"))).send().await.unwrap().text().await.unwrap();
        let res = cat.post(app.url(HOST, &format!("/boards/{b}/join"))).form(&[("csrf", csrf_in(&join).as_str()), ("message", "Back again")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let res = cat.post(app.url(HOST, &format!("/boards/{b}/join"))).form(&[("csrf", csrf_in(&join).as_str()), ("message", "Twice")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let inv = fay.get(app.url(HOST, &format!("/boards/{b}/invitations"))).send().await.unwrap().text().await.unwrap();
        assert!(inv.contains("Back again"));
        let action = inv.split("action=\"").find(|s| s.contains("/decision")).unwrap().split('"').next().unwrap().to_owned();
        let res = fay.post(app.url(HOST, &action)).form(&[("csrf", csrf.as_str()), ("decision", "accept")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        // A workshop form with errors, then scheduled.
        let res = fay.post(app.url(HOST, &format!("/boards/{b}/workshops/new"))).form(&[("csrf", csrf.as_str()), ("title", "Session"), ("starts_at", "2030-01-01T18:00"), ("ends_at", "2030-01-01T17:00"), ("location", ""), ("accessibility", ""), ("online_url", "")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let res = fay.post(app.url(HOST, &format!("/boards/{b}/workshops/new"))).form(&[("csrf", csrf.as_str()), ("title", "Session"), ("starts_at", "2030-01-01T18:00"), ("ends_at", "2030-01-01T20:00"), ("location", "The hub"), ("accessibility", "Step-free"), ("online_url", "")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let wpath = res.headers()["location"].to_str().unwrap().split('?').next().unwrap().to_owned();
        let page = cat.get(app.url(HOST, &wpath)).send().await.unwrap().text().await.unwrap();
        let res = cat.post(app.url(HOST, &format!("{wpath}/rsvp"))).form(&[("csrf", csrf_in(&page).as_str()), ("response", ""), ("access_needs", "Large print")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("Large print"));
        let res = cat.post(app.url(HOST, &format!("{wpath}/rsvp"))).form(&[("csrf", csrf_in(&page).as_str()), ("response", "yes"), ("access_needs", "Large print")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert!(fay.get(app.url(HOST, &wpath)).send().await.unwrap().text().await.unwrap().contains("Large print"));
        // Leaving asks first too.
        let confirm = cat.get(app.url(HOST, &format!("/boards/{b}/members/{}/remove", w.cat.id))).send().await.unwrap().text().await.unwrap();
        assert!(confirm.contains("Leave “Family support”?"));
    }
);

both_backends!(
    async fn a_facilitator_invites_and_a_citizen_joins_in_the_browser(app) {
        use crate::common::browser::Browser;
        use crate::common::session_secret;
        use coproduce::accounts::model::SessionKind;
        use fantoccini::Locator;
        let w = world(&app).await;
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
        sign_in_as(w.fay.clone()).await;
        browser.goto(&app, HOST, "/boards").await;
        browser.wait_for_heading("Co-design boards").await;
        browser.assert_accessible().await;
        find("main a[href='/boards/new']".into()).await.click().await.unwrap();
        browser.wait_for_heading("Start a co-design board").await;
        browser.assert_accessible().await;
        find("#title".into()).await.send_keys("Family support, together").await.unwrap();
        find("main form button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Start a co-design board").await;
        assert!(browser.text(".error-summary").await.contains("name the service"));
        browser.assert_accessible().await;
        find("#service_area".into()).await.send_keys("Family hubs in Hillfields").await.unwrap();
        find("#description".into()).await.send_keys("Parents and services redesign family support together.").await.unwrap();
        find("main form button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Family support, together").await;
        assert!(browser.text(".notice").await.contains("Your board is ready"));
        browser.assert_accessible().await;
        find("a[href$='/invitations']".into()).await.click().await.unwrap();
        browser.wait_for_heading("Invitations and requests").await;
        browser.assert_accessible().await;
        find("#email".into()).await.send_keys("cat@example.org").await.unwrap();
        find("#message".into()).await.send_keys("We would love your view.").await.unwrap();
        find("form[action$='/invitations'] button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Invitations and requests").await;
        assert!(browser.text(".notice").await.contains("invitation is sent"));
        assert!(browser.text("main").await.contains("cat"));
        browser.assert_accessible().await;
        let board_url = browser.client.current_url().await.unwrap().path().trim_end_matches("/invitations").to_owned();
        browser.goto(&app, HOST, &format!("{board_url}/workshops/new")).await;
        browser.wait_for_heading("Schedule a workshop").await;
        browser.assert_accessible().await;
        // Values typed into datetime-local inputs depend on the locale, so
        // set them directly.
        browser.client.execute("document.getElementById('starts_at').value = '2030-03-04T18:00'; document.getElementById('ends_at').value = '2030-03-04T20:00';", vec![]).await.unwrap();
        find("#title".into()).await.send_keys("Mapping a family's week").await.unwrap();
        find("#location".into()).await.send_keys("Hillfields Library").await.unwrap();
        find("#accessibility".into()).await.send_keys("Step-free entrance and a hearing loop.").await.unwrap();
        find("main form button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Mapping a family's week").await;
        browser.assert_accessible().await;
        let workshop_url = browser.client.current_url().await.unwrap().path().to_owned();
        browser.goto(&app, HOST, &format!("{board_url}/members")).await;
        browser.wait_for_heading("Members of “Family support, together”").await;
        browser.assert_accessible().await;

        // Cat accepts and answers the workshop.
        sign_in_as(w.cat.clone()).await;
        browser.goto(&app, HOST, "/boards/mine").await;
        browser.wait_for_heading("Your boards").await;
        assert!(browser.text("main").await.contains("We would love your view."));
        browser.assert_accessible().await;
        find("button[value=accept]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Family support, together").await;
        assert!(browser.text(".notice").await.contains("Welcome"));
        assert!(browser.text("main").await.contains("you count as a citizen"));
        browser.assert_accessible().await;
        browser.goto(&app, HOST, &workshop_url).await;
        browser.wait_for_heading("Mapping a family's week").await;
        browser.assert_accessible().await;
        find("#response-yes".into()).await.click().await.unwrap();
        find("#access_needs".into()).await.send_keys("A step-free route from the bus stop").await.unwrap();
        find("form[action$='/rsvp'] button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Mapping a family's week").await;
        assert!(browser.text(".notice").await.contains("your answer is saved"));
        browser.assert_accessible().await;
        // Bob, not on the board, asks to join.
        sign_in_as(w.bob.clone()).await;
        browser.goto(&app, HOST, &format!("{board_url}/join")).await;
        browser.wait_for_heading("Ask to join “Family support, together”").await;
        browser.assert_accessible().await;
        // The facilitator sees the access need.
        sign_in_as(w.fay.clone()).await;
        browser.goto(&app, HOST, &workshop_url).await;
        browser.wait_for_heading("Mapping a family's week").await;
        assert!(browser.text("main").await.contains("A step-free route from the bus stop"));
        browser.assert_accessible().await;
        browser.goto(&app, HOST, &format!("{board_url}/edit")).await;
        browser.wait_for_heading("Edit the board").await;
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn facilitators_of_a_linked_board_move_its_proposals_on(app) {
        let w = world(&app).await;
        let b = board(&app, &w.fay_t, "Family support, together", "public").await;
        add(&app, &b, &w.fay_t, &w.cat).await;
        // Bob facilitates a board the proposal is not linked to.
        let other = board(&app, &w.bob_t, "Bins", "public").await;
        let id = ok(call(&app, Method::POST, "/api/v1/proposals", Some(&w.cat_t), Some(json!({
            "title": "Evening opening at the hub",
            "body": "Open the hub two evenings a week.", "intended_outcome": "Working parents get support.",
        }))).await, 201).await["id"].as_str().unwrap().to_owned();
        {
            use coproduce::db::schema::proposals;
            use diesel::prelude::*;
            let id = id.clone();
            app.db(move |conn| diesel::update(proposals::table.filter(proposals::id.eq(id))).set(proposals::support_count.eq(1_000i64)).execute(conn).unwrap()).await;
        }
        let patch = format!("/api/v1/proposals/{id}");
        let to = |s: &str| Some(json!({"status": s}));
        // Before the link, Fay has no say; nor has the facilitator of an unrelated board.
        assert_problem(call(&app, Method::PATCH, &patch, Some(&w.fay_t), to("in_codesign")).await, 403, "forbidden").await;
        ok(call(&app, Method::POST, &format!("/api/v1/boards/{b}/links"), Some(&w.fay_t), Some(json!({"proposal_id": id}))).await, 201).await;
        assert_problem(call(&app, Method::PATCH, &patch, Some(&w.bob_t), to("in_codesign")).await, 403, "forbidden").await;
        // A member who does not facilitate cannot either, nor can its author move it past publishing.
        assert_problem(call(&app, Method::PATCH, &patch, Some(&w.cat_t), to("in_codesign")).await, 403, "forbidden").await;
        // The proposal page offers Fay the move, and Fay makes it.
        let page = browser_session(&app, HOST, &w.fay).await;
        let html = page.get(app.url(HOST, &format!("/proposals/{id}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Move to “In co-design”"), "{html}");
        let moved = ok(call(&app, Method::PATCH, &patch, Some(&w.fay_t), to("in_codesign")).await, 200).await;
        assert_eq!(moved["status"], "in_codesign");
        ok(call(&app, Method::PATCH, &patch, Some(&w.fay_t), to("accepted")).await, 200).await;
        // Unlinked, Fay's say ends.
        ok(call(&app, Method::DELETE, &format!("/api/v1/boards/{b}/links/proposal/{id}"), Some(&w.fay_t), None).await, 204).await;
        assert_problem(call(&app, Method::PATCH, &patch, Some(&w.fay_t), to("in_delivery")).await, 403, "forbidden").await;
        let _ = other;
    }
);

both_backends!(
    async fn the_list_of_boards_is_in_welsh_for_whoever_chose_it(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let res = app.client(HOST).get(app.url(HOST, "/boards")).header("cookie", "lang=cy").send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("<h1>Byrddau cyd-ddylunio</h1>") && html.contains("Does dim bwrdd eto."), "{html}");
        assert!(!html.contains("<h1>Co-design boards</h1>") && !html.contains("No board yet"), "{html}");
    }
);

both_backends!(
    async fn a_welsh_board_form_says_what_is_wrong_in_welsh(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = crate::common::user(&app, "coventry", "ann@example.org", coproduce::accounts::Role::Citizen, false, false).await;
        let secret = crate::common::session_secret(&app, &ann, coproduce::accounts::model::SessionKind::Browser).await;
        let cookie = format!("coproduce_session={secret}; lang=cy");
        let html = app.client(HOST).get(app.url(HOST, "/boards/new")).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(r#"<html lang="cy">"#), "{html}");
        let csrf = crate::common::csrf_in(&html);
        let res = app.client(HOST).post(app.url(HOST, "/boards/new"))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf.as_str()), ("title", "ab"), ("description", " "), ("service_area", "Family support"), ("phase", "discover"), ("visibility", "public")])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="title-error""#), "{html}");
        for welsh in ["<span>rhowch deitl o 3 i 150 nod</span>", "<span>dywedwch beth yw diben y bwrdd ac ar gyfer pwy y mae</span>"] {
            assert!(html.contains(welsh), "no “{welsh}”: {html}");
        }
        for english in ["give a title of 3 to 150 characters", "say what the board is for", r#"<span lang="en">"#] {
            assert!(!html.contains(english), "“{english}” is still there: {html}");
        }
    }
);
