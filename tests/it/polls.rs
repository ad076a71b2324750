//! Polls on boards: facilitators open them, members vote (one ballot each,
//! replaceable while open), non-members are refused, closed polls refuse
//! ballots, malformed ballots are refused field by field, secret ballots
//! hold no voter reference and are replaced only with their receipt,
//! assisted ballots are audited, polls close on time, the digest and the
//! recount agree, 500 members voting at once are all counted, other
//! places see nothing, the pages work without JavaScript, and the browser
//! journey of a parity poll passes axe.

use std::time::Duration;

use coproduce::accounts::{Role, User};
use reqwest::Method;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{
    api_token, assert_problem, browser_session, csrf_in, json, send, user, TestApp, USER_PASSWORD,
};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

struct World {
    /// Facilitates the board.
    fac: User,
    fac_t: String,
    /// A citizen on the board.
    cit: User,
    cit_t: String,
    /// Runs an organisation that is on the board (an organisation member).
    org: User,
    org_t: String,
    /// A citizen of the place, not on the board.
    out: User,
    out_t: String,
    /// Leeds: a citizen.
    sam_t: String,
    board: String,
}

async fn post(app: &TestApp, path: &str, token: &str, body: Value) -> reqwest::Response {
    send(app, HOST, Method::POST, path, Some(token), Some(body)).await
}

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> reqwest::Response {
    send(app, HOST, Method::GET, path, token, None).await
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

async fn world(app: &TestApp) -> World {
    app.tenant("coventry", "Coventry", &[HOST]).await;
    app.tenant("leeds", "Leeds", &[OTHER]).await;
    let fac = user(
        app,
        "coventry",
        "fay@example.org",
        Role::Citizen,
        false,
        false,
    )
    .await;
    let cit = user(
        app,
        "coventry",
        "cid@example.org",
        Role::Citizen,
        false,
        false,
    )
    .await;
    let org = user(
        app,
        "coventry",
        "ora@example.org",
        Role::Citizen,
        false,
        false,
    )
    .await;
    let out = user(
        app,
        "coventry",
        "oli@example.org",
        Role::Citizen,
        false,
        false,
    )
    .await;
    let sam = user(app, "leeds", "sam@example.org", Role::Citizen, false, false).await;
    let fac_t = api_token(app, &fac).await;
    let org_t = api_token(app, &org).await;
    let res = post(
        app,
        "/api/v1/boards",
        &fac_t,
        json!({
            "title": "Redesigning the housing advice service",
            "description": "Citizens and services together.",
            "service_area": "Housing advice",
        }),
    )
    .await;
    assert_eq!(res.status(), 201);
    let board = id(&json(res).await);
    let res = post(
        app,
        "/api/v1/organisations",
        &org_t,
        json!({"name": "Coventry Housing Trust", "kind": "voluntary"}),
    )
    .await;
    assert_eq!(res.status(), 201);
    let organisation = id(&json(res).await);
    let res = post(
        app,
        &format!("/api/v1/boards/{board}/members"),
        &fac_t,
        json!({"user_id": cit.id, "role": "member"}),
    )
    .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let res = post(
        app,
        &format!("/api/v1/boards/{board}/members"),
        &fac_t,
        json!({"organisation_id": organisation, "role": "member"}),
    )
    .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    World {
        cit_t: api_token(app, &cit).await,
        out_t: api_token(app, &out).await,
        sam_t: api_token(app, &sam).await,
        fac,
        fac_t,
        cit,
        org,
        org_t,
        out,
        board,
    }
}

/// Opens a poll on the world's board and returns it.
async fn open(app: &TestApp, w: &World, body: Value) -> Value {
    let res = post(
        app,
        &format!("/api/v1/boards/{}/polls", w.board),
        &w.fac_t,
        body,
    )
    .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let poll = json(res).await;
    assert_eq!(location, format!("/api/v1/polls/{}", id(&poll)));
    poll
}

fn ranked(rule: &str) -> Value {
    json!({
        "question": "When should the advice desk open?",
        "method": "ranked",
        "options": [{"label": "Mornings"}, {"label": "Evenings"}, {"label": "Saturdays"}],
        "rule": rule,
        "secret": false,
    })
}

fn option(poll: &Value, i: usize) -> String {
    poll["options"][i]["id"].as_str().unwrap().to_owned()
}

async fn vote(app: &TestApp, token: &str, poll: &str, ballot: Value) -> reqwest::Response {
    post(app, &format!("/api/v1/polls/{poll}/ballots"), token, ballot).await
}

async fn close(app: &TestApp, token: &str, poll: &str) -> reqwest::Response {
    post(
        app,
        &format!("/api/v1/polls/{poll}/close"),
        token,
        json!({}),
    )
    .await
}

async fn ballots(app: &TestApp, poll: &str) -> Vec<(String, String, String, Option<String>)> {
    use coproduce::db::schema::poll_ballots;
    use diesel::prelude::*;
    let poll = poll.to_owned();
    app.db(move |conn| {
        poll_ballots::table
            .filter(poll_ballots::poll_id.eq(&poll))
            .order(poll_ballots::content.asc())
            .select((
                poll_ballots::id,
                poll_ballots::constituency,
                poll_ballots::content,
                poll_ballots::receipt_hash,
            ))
            .load(conn)
            .unwrap()
    })
    .await
}

async fn audit(app: &TestApp, kind: &str) -> Vec<(Option<String>, Option<String>, Value)> {
    use coproduce::db::schema::audit_events;
    use diesel::prelude::*;
    let kind = kind.to_owned();
    let rows: Vec<(Option<String>, Option<String>, String)> = app
        .db(move |conn| {
            audit_events::table
                .filter(audit_events::kind.eq(&kind))
                .order(audit_events::seq.asc())
                .select((
                    audit_events::actor_id,
                    audit_events::subject_id,
                    audit_events::detail,
                ))
                .load(conn)
                .unwrap()
        })
        .await;
    rows.into_iter()
        .map(|(a, s, d)| (a, s, serde_json::from_str(&d).unwrap()))
        .collect()
}

both_backends!(
    async fn a_parity_poll_from_opening_to_result(app) {
        let w = world(&app).await;
        let poll = open(&app, &w, ranked("parity")).await;
        let p = id(&poll);
        assert_eq!(poll["status"], "open");
        assert_eq!(poll["rule"], "parity");
        assert_eq!(poll["options"].as_array().unwrap().len(), 3);
        // The snapshot: the facilitator and the citizen count as citizens,
        // the organisation's admin as an organisation member.
        assert_eq!(poll["eligible"], json!({"citizens": 2, "organisations": 1}));
        assert_eq!(poll["you"]["eligible"], true);
        assert_eq!(poll["facilitator"], true);

        let (mornings, evenings) = (option(&poll, 0), option(&poll, 1));
        let res = vote(&app, &w.cit_t, &p, json!({"ranking": [mornings, evenings]})).await;
        assert_eq!(res.status(), 201);
        let cast = json(res).await;
        assert_eq!((cast["replaced"].as_bool(), cast["receipt"].is_null()), (Some(false), true));
        let res = vote(&app, &w.org_t, &p, json!({"ranking": [mornings]})).await;
        assert_eq!(res.status(), 201);
        let res = vote(&app, &w.fac_t, &p, json!({"ranking": [evenings, mornings]})).await;
        assert_eq!(res.status(), 201);

        // Results wait for the close (no live results).
        assert_problem(get(&app, &format!("/api/v1/polls/{p}/results"), None).await, 409, "results_not_ready").await;
        let mine = json(get(&app, &format!("/api/v1/polls/{p}"), Some(&w.cit_t)).await).await;
        assert_eq!(mine["you"]["voted"], true);
        assert_eq!(mine["you"]["ballot"], json!({"ranking": [mornings, evenings]}));
        assert_eq!(mine["voted"], json!({"citizens": 2, "organisations": 1}));

        // Only facilitators close.
        assert_problem(close(&app, &w.cit_t, &p).await, 403, "forbidden").await;
        let res = close(&app, &w.fac_t, &p).await;
        assert_eq!(res.status(), 200);
        let result = json(res).await;
        assert_eq!(result["status"], "closed");
        assert_eq!(result["rule"]["kind"], "parity");
        assert_eq!(result["turnout"], json!({"citizens": 2, "organisations": 1}));
        assert_eq!(result["eligible"], json!({"citizens": 2, "organisations": 1}));
        // Citizens split 1–1 between mornings and evenings: a tie (broken by
        // the poll's order) shares exactly a half, which clears no bar; the
        // organisations want mornings. Parity: no agreement.
        assert_eq!(result["tallies"]["organisations"]["verdict"]["leader"], mornings);
        assert_eq!(result["outcome"]["status"], "failed", "{result}");
        assert!(result["rounds"]["citizens"].is_array());
        let digest = result["digest"].as_str().unwrap().to_owned();
        assert_eq!(digest.len(), 64);
        // Anyone who can see the board reads the same result.
        let public = json(get(&app, &format!("/api/v1/polls/{p}/results"), None).await).await;
        assert_eq!(public["outcome"], result["outcome"]);
        assert_eq!(public["tallies"], result["tallies"]);

        // The audit log has the opening and the close with the digest.
        let created = audit(&app, "poll_created").await;
        assert_eq!(created.len(), 1);
        assert_eq!(created[0].0.as_deref(), Some(w.fac.id.as_str()));
        assert_eq!(created[0].2["eligible"], json!({"citizens": 2, "organisations": 1}));
        let closed = audit(&app, "poll_closed").await;
        assert_eq!(closed.len(), 1);
        assert_eq!(closed[0].2["digest"], digest.as_str());
        assert_eq!(closed[0].2["poll_id"], p.as_str());
        assert_eq!(closed[0].2["ballots"], 3);
        assert_eq!(closed[0].2["outcome"]["status"], "failed");

        // The board's list of polls.
        let list = json(get(&app, &format!("/api/v1/boards/{}/polls", w.board), None).await).await;
        assert_eq!(list["total"], 1);
        assert_eq!(list["items"][0]["status"], "closed");
        assert_eq!(list["items"][0]["digest"], digest.as_str());
    }
);

both_backends!(
    async fn people_off_the_board_are_refused(app) {
        let w = world(&app).await;
        let poll = open(&app, &w, json!({"question": "Open on Saturdays?", "method": "approval", "rule": "majority", "secret": false})).await;
        let p = id(&poll);
        // A citizen not on the board sees the poll but cannot vote.
        let seen = json(get(&app, &format!("/api/v1/polls/{p}"), Some(&w.out_t)).await).await;
        assert_eq!(seen["you"]["eligible"], false);
        let body = assert_problem(vote(&app, &w.out_t, &p, json!({"choice": "yes"})).await, 403, "not_eligible").await;
        assert!(body["detail"].as_str().unwrap().contains("members"));
        // Without a token: 401.
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/polls/{p}/ballots"), None, Some(json!({"choice": "yes"}))).await;
        assert_eq!(res.status(), 401);
        // A member who joins after the poll opened is not among its voters.
        let res = post(&app, &format!("/api/v1/boards/{}/members", w.board), &w.fac_t, json!({"user_id": w.out.id, "role": "member"})).await;
        assert_eq!(res.status(), 201);
        let body = assert_problem(vote(&app, &w.out_t, &p, json!({"choice": "yes"})).await, 403, "not_eligible").await;
        assert!(body["detail"].as_str().unwrap().contains("after this poll opened"));
        // ...but is in the next one.
        let next = open(&app, &w, json!({"question": "And on Sundays?", "method": "approval", "rule": "majority", "secret": false})).await;
        assert_eq!(vote(&app, &w.out_t, &id(&next), json!({"choice": "no"})).await.status(), 201);
        // Members who do not facilitate cannot open polls.
        let res = post(&app, &format!("/api/v1/boards/{}/polls", w.board), &w.cit_t, json!({"question": "Mine?", "method": "approval", "rule": "majority", "secret": false})).await;
        assert_problem(res, 403, "forbidden").await;
        assert!(ballots(&app, &p).await.is_empty());
    }
);

both_backends!(
    async fn closed_polls_take_no_ballots(app) {
        let w = world(&app).await;
        let poll = open(&app, &w, json!({"question": "Open on Saturdays?", "method": "consent", "rule": "no_blocks", "secret": false})).await;
        let p = id(&poll);
        assert_eq!(vote(&app, &w.cit_t, &p, json!({"choice": "agree"})).await.status(), 201);
        assert_eq!(close(&app, &w.fac_t, &p).await.status(), 200);
        assert_problem(vote(&app, &w.cit_t, &p, json!({"choice": "block"})).await, 409, "poll_closed").await;
        assert_problem(vote(&app, &w.org_t, &p, json!({"choice": "agree"})).await, 409, "poll_closed").await;
        assert_problem(close(&app, &w.fac_t, &p).await, 409, "poll_closed").await;
        let result = json(get(&app, &format!("/api/v1/polls/{p}/results"), None).await).await;
        assert_eq!(result["outcome"]["status"], "passed");
        assert_eq!(ballots(&app, &p).await.len(), 1);
    }
);

/// Sends a ballot and checks the 422 names the field and code.
async fn refused(app: &TestApp, token: &str, poll: &str, ballot: Value, field: &str, code: &str) {
    let body = assert_problem(
        vote(app, token, poll, ballot.clone()).await,
        422,
        "validation_failed",
    )
    .await;
    let errors = body["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["field"] == field && e["code"] == code),
        "{ballot} → {body}"
    );
}

both_backends!(
    async fn malformed_ballots_are_refused_field_by_field(app) {
        let w = world(&app).await;
        let t = &w.cit_t;
        // Ranked: unknown option, an option twice, the wrong shape.
        let r = open(&app, &w, ranked("majority")).await;
        let (rp, a) = (id(&r), option(&r, 0));
        let stranger = uuid::Uuid::now_v7().to_string();
        refused(&app, t, &rp, json!({"ranking": [a, stranger]}), "ranking", "unknown_option").await;
        refused(&app, t, &rp, json!({"ranking": [a, a]}), "ranking", "duplicate_rank").await;
        refused(&app, t, &rp, json!({"ranking": "first"}), "ranking", "invalid").await;
        refused(&app, t, &rp, json!({"choice": "yes"}), "choice", "unexpected").await;
        refused(&app, t, &rp, json!({}), "ranking", "required").await;
        // Dots over the allowance.
        let d = open(&app, &w, json!({"question": "Where to start?", "method": "dot", "dots": 5, "options": [{"label": "Waiting room"}, {"label": "Phone line"}], "rule": "majority", "secret": false})).await;
        let (dp, d0, d1) = (id(&d), option(&d, 0), option(&d, 1));
        refused(&app, t, &dp, json!({"allocations": {d0.clone(): 4, d1.clone(): 2}}), "allocations", "over_limit").await;
        refused(&app, t, &dp, json!({"allocations": {d0.clone(): -1}}), &format!("allocations.{d0}"), "out_of_range").await;
        // Scores out of range.
        let s = open(&app, &w, json!({"question": "How good is each?", "method": "score", "options": [{"label": "Waiting room"}, {"label": "Phone line"}], "rule": "majority", "secret": false})).await;
        let (sp, s0) = (id(&s), option(&s, 0));
        refused(&app, t, &sp, json!({"scores": {s0.clone(): 6}}), &format!("scores.{s0}"), "out_of_range").await;
        refused(&app, t, &sp, json!({"scores": {s0.clone(): "five"}}), &format!("scores.{s0}"), "out_of_range").await;
        // Cost over the cap.
        let b = open(&app, &w, json!({"question": "What to fund?", "method": "budget", "cap": 100, "options": [{"label": "Benches", "cost": 60}, {"label": "Lights", "cost": 50}], "rule": "majority", "secret": false})).await;
        let (bp, b0, b1) = (id(&b), option(&b, 0), option(&b, 1));
        refused(&app, t, &bp, json!({"allocations": {b0.clone(): 1, b1.clone(): 1}}), "allocations", "over_limit").await;
        refused(&app, t, &bp, json!({"allocations": {b0.clone(): 2}}), &format!("allocations.{b0}"), "out_of_range").await;
        // Quadratic voice credits overspent (3 votes cost 9, 1 costs 1).
        let q = open(&app, &w, json!({"question": "How strongly?", "method": "quadratic", "credits": 9, "options": [{"label": "Waiting room"}, {"label": "Phone line"}], "rule": "majority", "secret": false})).await;
        let (qp, q0, q1) = (id(&q), option(&q, 0), option(&q, 1));
        refused(&app, t, &qp, json!({"allocations": {q0.clone(): 3, q1.clone(): -1}}), "allocations", "over_limit").await;
        // A motion's unknown answer; not an object at all.
        let m = open(&app, &w, json!({"question": "Open on Saturdays?", "method": "approval", "rule": "majority", "secret": false})).await;
        refused(&app, t, &id(&m), json!({"choice": "maybe"}), "choice", "unknown_choice").await;
        refused(&app, t, &id(&m), json!(["yes"]), "ballot", "invalid").await;
        // Not JSON at all: 400.
        let res = app.client(HOST).post(app.url(HOST, &format!("/api/v1/polls/{}/ballots", id(&m)))).bearer_auth(t).header("content-type", "application/json").body("{not json").send().await.unwrap();
        assert_problem(res, 400, "malformed_json").await;
        // Nothing was written, and what fits is accepted.
        for p in [&rp, &dp, &sp, &bp, &qp, &id(&m)] {
            assert!(ballots(&app, p).await.is_empty());
        }
        assert_eq!(vote(&app, t, &qp, json!({"allocations": {q0.clone(): 2, q1.clone(): -2}})).await.status(), 201);
        assert_eq!(vote(&app, t, &bp, json!({"allocations": {b0.clone(): 1}})).await.status(), 201);
        assert_eq!(vote(&app, t, &dp, json!({"allocations": {d0.clone(): 3, d1.clone(): 2}})).await.status(), 201);
    }
);

both_backends!(
    async fn bad_polls_are_refused(app) {
        let w = world(&app).await;
        let path = format!("/api/v1/boards/{}/polls", w.board);
        let fields = |body: &Value| -> Vec<String> {
            body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect()
        };
        let body = assert_problem(post(&app, &path, &w.fac_t, json!({"question": "?", "method": "ranked", "options": [{"label": "Only one"}], "rule": "majority", "secret": false})).await, 422, "validation_failed").await;
        assert_eq!(fields(&body), ["question", "options"]);
        let body = assert_problem(post(&app, &path, &w.fac_t, json!({"question": "Which?", "method": "approval", "rule": "supermajority", "secret": false})).await, 422, "validation_failed").await;
        assert_eq!(fields(&body), ["threshold"]);
        let body = assert_problem(post(&app, &path, &w.fac_t, json!({"question": "Which?", "method": "approval", "rule": "majority", "secret": true, "live_results": true, "closes_at": "2020-01-01T00:00:00Z"})).await, 422, "validation_failed").await;
        assert_eq!(fields(&body), ["closes_at", "live_results"]);
        let body = assert_problem(post(&app, &path, &w.fac_t, json!({"question": "Which?", "method": "plurality", "rule": "majority", "secret": false})).await, 422, "validation_failed").await;
        assert_eq!(fields(&body), ["method"]);
        let body = assert_problem(post(&app, &path, &w.fac_t, json!({"question": "Which?", "method": "score", "options": [{"label": "A"}, {"label": "B"}], "rule": "no_blocks", "secret": false})).await, 422, "validation_failed").await;
        assert_eq!(fields(&body), ["rule"]);
        let body = assert_problem(post(&app, &path, &w.fac_t, json!({"question": "Which?", "method": "budget", "cap": 10, "options": [{"label": "A", "cost": 5}, {"label": "B"}], "rule": "majority", "secret": false})).await, 422, "validation_failed").await;
        assert_eq!(fields(&body), ["options.1.cost"]);
        // Wrong types: 400.
        let res = post(&app, &path, &w.fac_t, json!({"question": 3, "method": "approval", "rule": "majority"})).await;
        assert_eq!(res.status(), 400);
        // Nothing was created.
        let list = json(get(&app, &path, None).await).await;
        assert_eq!(list["total"], 0);
        assert!(audit(&app, "poll_created").await.is_empty());
        // No such board, or not a board id at all: 404.
        let nowhere = format!("/api/v1/boards/{}/polls", uuid::Uuid::now_v7());
        assert_problem(post(&app, &nowhere, &w.fac_t, ranked("majority")).await, 404, "not_found").await;
        assert_problem(get(&app, "/api/v1/boards/nonsense/polls", None).await, 404, "not_found").await;
        assert_problem(get(&app, "/api/v1/polls/nonsense", None).await, 404, "not_found").await;
    }
);

both_backends!(
    async fn a_second_ballot_replaces_the_first(app) {
        let w = world(&app).await;
        let poll = open(&app, &w, json!({"question": "Open on Saturdays?", "method": "approval", "rule": "majority", "secret": false, "live_results": true})).await;
        let p = id(&poll);
        assert_eq!(vote(&app, &w.cit_t, &p, json!({"choice": "no"})).await.status(), 201);
        let live = json(get(&app, &format!("/api/v1/polls/{p}/results"), None).await).await;
        assert_eq!(live["status"], "open");
        assert_eq!(live["outcome"]["status"], "failed");
        let res = vote(&app, &w.cit_t, &p, json!({"choice": "yes"})).await;
        assert_eq!(res.status(), 201);
        assert_eq!(json(res).await["replaced"], true);
        let stored = ballots(&app, &p).await;
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].2, r#"{"choice":"yes"}"#);
        let live = json(get(&app, &format!("/api/v1/polls/{p}/results"), None).await).await;
        assert_eq!(live["outcome"]["status"], "passed");
        assert_eq!(live["turnout"], json!({"citizens": 1, "organisations": 0}));
    }
);

both_backends!(
    async fn one_voters_ballots_at_once_land_as_one(app) {
        let w = world(&app).await;
        let poll = open(&app, &w, json!({"question": "Open on Sundays?", "method": "approval", "rule": "majority", "secret": false, "live_results": true})).await;
        let p = id(&poll);
        // Eight ballots from one voter at the same moment: each is taken,
        // the first as their ballot and the rest as replacements of it.
        let sends = (0..8).map(|i| vote(&app, &w.cit_t, &p, json!({"choice": if i % 2 == 0 { "yes" } else { "no" }})));
        let answers = futures::future::join_all(sends).await;
        let mut replaced = Vec::new();
        for res in answers {
            assert_eq!(res.status(), 201);
            replaced.push(json(res).await["replaced"].as_bool());
        }
        assert_eq!(replaced.iter().filter(|r| **r == Some(false)).count(), 1, "{replaced:?}");
        assert_eq!(ballots(&app, &p).await.len(), 1);
        let live = json(get(&app, &format!("/api/v1/polls/{p}/results"), None).await).await;
        assert_eq!(live["turnout"], json!({"citizens": 1, "organisations": 0}));
    }
);

both_backends!(
    async fn secret_ballots_are_linked_to_nobody(app) {
        use coproduce::db::schema::poll_voters;
        use diesel::prelude::*;
        let w = world(&app).await;
        let mut body = ranked("parity");
        body["secret"] = json!(true);
        let poll = open(&app, &w, body).await;
        let p = id(&poll);
        let (a, b) = (option(&poll, 0), option(&poll, 1));
        let res = vote(&app, &w.cit_t, &p, json!({"ranking": [a]})).await;
        assert_eq!(res.status(), 201);
        let first = json(res).await;
        let receipt = first["receipt"].as_str().unwrap().to_owned();
        assert!(receipt.len() >= 40);
        assert_eq!(vote(&app, &w.org_t, &p, json!({"ranking": [b, a]})).await.status(), 201);
        // The voter sees that they voted, never which ballot is theirs.
        let mine = json(get(&app, &format!("/api/v1/polls/{p}"), Some(&w.cit_t)).await).await;
        assert_eq!((mine["you"]["voted"].as_bool(), mine["you"]["ballot"].is_null()), (Some(true), true));
        // Replacing needs the receipt: none, a wrong one, another
        // constituency's ballot, then the right one.
        assert_problem(vote(&app, &w.cit_t, &p, json!({"ranking": [b]})).await, 409, "already_voted").await;
        refused(&app, &w.cit_t, &p, json!({"ranking": [b], "receipt": "guess"}), "receipt", "invalid").await;
        let res = vote(&app, &w.cit_t, &p, json!({"ranking": [b], "receipt": receipt})).await;
        assert_eq!(res.status(), 201);
        let again = json(res).await;
        assert_eq!((again["replaced"].as_bool(), again["receipt"].is_null()), (Some(true), true));
        // The organisation member's receipt-less second ballot is refused
        // and their ballot is unchanged; the citizen's receipt does not
        // reach another constituency's ballot.
        refused(&app, &w.org_t, &p, json!({"ranking": [a], "receipt": receipt}), "receipt", "invalid").await;

        // The rows: no column names a person, no value is a person's id.
        let before = ballots(&app, &p).await;
        assert_eq!(before.len(), 2);
        let people = [w.fac.id.to_string(), w.cit.id.to_string(), w.org.id.to_string()];
        for (ballot_id, constituency, content, receipt_hash) in &before {
            for person in &people {
                assert!(![ballot_id, constituency, content].contains(&person) && receipt_hash.as_deref() != Some(person.as_str()));
                assert!(!content.contains(person.as_str()));
            }
            // Random (version 4) ids, never time-ordered ones.
            assert_eq!(&ballot_id[14..15], "4", "{ballot_id}");
            assert!(receipt_hash.is_some());
        }
        assert!(before.iter().any(|row| row.2 == format!(r#"{{"ranking":["{b}"]}}"#)));
        let columns = ballot_columns(&app).await;
        assert_eq!(columns, ["constituency", "content", "id", "poll_id", "receipt_hash", "tenant_id"]);
        let links: Vec<Option<String>> = {
            let p = p.clone();
            app.db(move |conn| poll_voters::table.filter(poll_voters::poll_id.eq(&p)).select(poll_voters::ballot_id).load(conn).unwrap()).await
        };
        assert_eq!(links.len(), 3);
        assert!(links.iter().all(Option::is_none));

        // At close the ballots are rewritten: same contents, fresh ids, no
        // receipts.
        assert_eq!(close(&app, &w.fac_t, &p).await.status(), 200);
        let after = ballots(&app, &p).await;
        let contents = |v: &[(String, String, String, Option<String>)]| v.iter().map(|b| (b.1.clone(), b.2.clone())).collect::<Vec<_>>();
        assert_eq!(contents(&after), contents(&before));
        assert!(after.iter().all(|b| b.3.is_none() && !before.iter().any(|o| o.0 == b.0)));
        // Live results are refused for secret polls.
        let mut live = ranked("majority");
        live["secret"] = json!(true);
        live["live_results"] = json!(true);
        let res = post(&app, &format!("/api/v1/boards/{}/polls", w.board), &w.fac_t, live).await;
        assert_problem(res, 422, "validation_failed").await;
    }
);

/// The columns of `poll_ballots`, sorted.
async fn ballot_columns(app: &TestApp) -> Vec<String> {
    use diesel::sql_types::Text;
    use diesel::{QueryableByName, RunQueryDsl};
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = Text)]
        name: String,
    }
    let backend = app.backend;
    app.db(move |conn| {
        let sql = match backend {
            crate::common::Backend::Sqlite => "SELECT name FROM pragma_table_info('poll_ballots') ORDER BY name",
            crate::common::Backend::Postgres => "SELECT column_name::text AS name FROM information_schema.columns WHERE table_name = 'poll_ballots' ORDER BY column_name",
        };
        diesel::sql_query(sql).load::<Name>(conn).unwrap().into_iter().map(|n| n.name).collect()
    })
    .await
}

both_backends!(
    async fn the_recount_matches_the_digest(app) {
        use coproduce::db::ids::PollId;
        use coproduce::polls::service;
        let w = world(&app).await;
        let poll = open(&app, &w, json!({"question": "How good is each?", "method": "score", "options": [{"label": "Waiting room"}, {"label": "Phone line"}], "rule": "parity", "secret": true})).await;
        let p = id(&poll);
        let (a, b) = (option(&poll, 0), option(&poll, 1));
        for (t, s) in [(&w.cit_t, [5, 1]), (&w.org_t, [4, 2]), (&w.fac_t, [3, 0])] {
            assert_eq!(vote(&app, t, &p, json!({"scores": {a.clone(): s[0], b.clone(): s[1]}})).await.status(), 201);
        }
        // An open poll cannot be recounted.
        let pid: PollId = p.parse().unwrap();
        let for_open = pid.clone();
        let open_recount = app.db(move |conn| service::recount(conn, None, &for_open)).await;
        assert!(matches!(open_recount, Err(coproduce::error::Error::Conflict { code: "poll_open", .. })));
        let result = json(close(&app, &w.fac_t, &p).await).await;
        assert_eq!(result["outcome"]["status"], "passed");
        assert_eq!(result["outcome"]["winner"], a.as_str());
        let digest = result["digest"].as_str().unwrap().to_owned();

        // The service's recount, and the documented digest by hand.
        let for_recount = pid.clone();
        let recount = app.db(move |conn| service::recount(conn, None, &for_recount)).await.unwrap();
        assert!(recount.matches());
        assert_eq!(recount.recomputed_digest, digest);
        assert_eq!(recount.audited_digest.as_deref(), Some(digest.as_str()));
        let mut lines: Vec<String> = ballots(&app, &p).await.into_iter().map(|(_, c, b, _)| format!("{c}\t{b}\n")).collect();
        lines.sort();
        use sha2::Digest;
        assert_eq!(hex::encode(sha2::Sha256::digest(lines.concat().as_bytes())), digest);

        // The command line prints both and agrees.
        let cmd = |tenant: Option<&str>| {
            let mut c = crate::cli::coproduce();
            c.arg("--data-dir").arg(&app.settings.data_dir).arg("--database-url").arg(app.settings.database.expose()).args(["poll", "recount", &p]);
            if let Some(t) = tenant {
                c.args(["--tenant", t]);
            }
            c.output().unwrap()
        };
        let o = cmd(None);
        let (stdout, stderr) = crate::cli::out(&o);
        assert!(o.status.success(), "{stdout}{stderr}");
        assert_eq!(stdout.matches(&digest).count(), 3, "{stdout}");
        assert!(stdout.contains("The recount matches"), "{stdout}");
        // Another place's slug does not find it.
        let o = cmd(Some("leeds"));
        assert!(!o.status.success());
        assert!(crate::cli::out(&o).1.contains("no poll"));

        // A ballot changed behind the count's back: the recount says so.
        {
            use coproduce::db::schema::poll_ballots;
            use diesel::prelude::*;
            let p = p.clone();
            let forged = format!(r#"{{"scores":{{"{b}":5}}}}"#);
            app.db(move |conn| {
                let one: String = poll_ballots::table.filter(poll_ballots::poll_id.eq(&p)).select(poll_ballots::id).first(conn).unwrap();
                diesel::update(poll_ballots::table.filter(poll_ballots::id.eq(one))).set(poll_ballots::content.eq(forged)).execute(conn).unwrap();
            })
            .await;
        }
        let o = cmd(None);
        let (stdout, stderr) = crate::cli::out(&o);
        assert!(!o.status.success());
        assert!(stderr.contains("does NOT match"), "{stderr}");
        assert_eq!(stdout.matches(&digest).count(), 2, "{stdout}");
    }
);

both_backends!(
    async fn facilitators_cast_assisted_ballots_for_people_who_came_in_person(app) {
        let w = world(&app).await;
        let poll = open(&app, &w, json!({"question": "Open on Saturdays?", "method": "approval", "rule": "majority", "secret": false})).await;
        let p = id(&poll);
        let path = format!("/api/v1/polls/{p}/assisted-ballots");
        // The citizen has not been to a workshop yet.
        let body = assert_problem(post(&app, &path, &w.fac_t, json!({"voter_id": w.cit.id, "ballot": {"choice": "yes"}})).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["code"], "not_in_person");
        attended_in_person(&app, &w, &[&w.cit]).await;
        // Not a facilitator: 403. Not a voter of the poll: 422.
        assert_problem(post(&app, &path, &w.org_t, json!({"voter_id": w.cit.id, "ballot": {"choice": "yes"}})).await, 403, "forbidden").await;
        let body = assert_problem(post(&app, &path, &w.fac_t, json!({"voter_id": w.out.id, "ballot": {"choice": "yes"}})).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["code"], "not_eligible");
        // A bad ballot: 422 as for the voter.
        let body = assert_problem(post(&app, &path, &w.fac_t, json!({"voter_id": w.cit.id, "ballot": {"choice": "perhaps"}})).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "choice");
        let res = post(&app, &path, &w.fac_t, json!({"voter_id": w.cit.id, "ballot": {"choice": "yes"}})).await;
        assert_eq!(res.status(), 201);
        let cast = json(res).await;
        assert_eq!((cast["assisted"].as_bool(), cast["replaced"].as_bool()), (Some(true), Some(false)));
        let events = audit(&app, "poll_ballot_assisted").await;
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].0.as_deref(), Some(w.fac.id.as_str()));
        assert_eq!(events[0].1.as_deref(), Some(w.cit.id.as_str()));
        assert_eq!(events[0].2["poll_id"], p.as_str());
        assert_eq!(events[0].2["replaced"], false);
        // The member sees it was assisted, and may change it themselves.
        let mine = json(get(&app, &format!("/api/v1/polls/{p}"), Some(&w.cit_t)).await).await;
        assert_eq!((mine["you"]["voted"].as_bool(), mine["you"]["assisted"].as_bool()), (Some(true), Some(true)));
        assert_eq!(vote(&app, &w.cit_t, &p, json!({"choice": "no"})).await.status(), 201);
        let mine = json(get(&app, &format!("/api/v1/polls/{p}"), Some(&w.cit_t)).await).await;
        assert_eq!(mine["you"]["assisted"], false);
        assert_eq!(ballots(&app, &p).await.len(), 1);
        // The person's own audit trail shows it.
        assert_eq!(audit(&app, "poll_ballot_assisted").await.len(), 1);
    }
);

/// Records that these people took part in a past workshop of the board,
/// in person (the boards room's API).
async fn attended_in_person(app: &TestApp, w: &World, people: &[&User]) {
    let yesterday = (chrono::Utc::now() - chrono::Duration::days(1))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let later = (chrono::Utc::now() - chrono::Duration::days(1) + chrono::Duration::hours(2))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let res = post(
        app,
        &format!("/api/v1/boards/{}/workshops", w.board),
        &w.fac_t,
        json!({
            "title": "Mapping the advice journey",
            "starts_at": yesterday,
            "ends_at": later,
            "location": "Central Library, room 2",
            "accessibility": "Step-free access, hearing loop, quiet room.",
        }),
    )
    .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let workshop = id(&json(res).await);
    let attended: Vec<Value> = people
        .iter()
        .map(|u| json!({"user_id": u.id, "mode": "in_person"}))
        .collect();
    let res = send(
        app,
        HOST,
        Method::PUT,
        &format!("/api/v1/workshops/{workshop}/attendance"),
        Some(&w.fac_t),
        Some(json!({"attended": attended})),
    )
    .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

both_backends!(
    async fn polls_close_on_time(app) {
        use coproduce::db::schema::polls;
        use diesel::prelude::*;
        let w = world(&app).await;
        let soon = (chrono::Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
        let mut body = ranked("majority");
        body["closes_at"] = json!(soon);
        let poll = open(&app, &w, body).await;
        let p = id(&poll);
        assert!(poll["closes_at"].is_string());
        assert_eq!(vote(&app, &w.cit_t, &p, json!({"ranking": [option(&poll, 2)]})).await.status(), 201);
        // Nobody reads it: the sweep closes it.
        let closed_at = {
            let mut found = None;
            for _ in 0..80 {
                let p = p.clone();
                let at: Option<chrono::NaiveDateTime> = app.db(move |conn| polls::table.filter(polls::id.eq(&p)).select(polls::closed_at).first(conn).unwrap()).await;
                if at.is_some() {
                    found = at;
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            found.expect("the sweep closed the poll")
        };
        assert!(closed_at >= chrono::DateTime::parse_from_rfc3339(&soon).unwrap().naive_utc());
        assert_problem(vote(&app, &w.org_t, &p, json!({"ranking": []})).await, 409, "poll_closed").await;
        let events = audit(&app, "poll_closed").await;
        assert_eq!(events.len(), 1);
        assert_eq!((events[0].0.is_none(), events[0].2["on_time"].as_bool()), (true, Some(true)));
        let result = json(get(&app, &format!("/api/v1/polls/{p}/results"), None).await).await;
        assert_eq!(result["outcome"]["winner"], option(&poll, 2).as_str());

        // A poll past its time that the sweep has not reached is closed by
        // whoever reads or votes in it first.
        let late = open(&app, &w, ranked("majority")).await;
        let lp = id(&late);
        {
            let lp = lp.clone();
            let past = chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1);
            app.db(move |conn| diesel::update(polls::table.filter(polls::id.eq(&lp))).set(polls::closes_at.eq(Some(past))).execute(conn).unwrap()).await;
        }
        assert_problem(vote(&app, &w.cit_t, &lp, json!({"ranking": []})).await, 409, "poll_closed").await;
        let seen = json(get(&app, &format!("/api/v1/polls/{lp}"), None).await).await;
        assert_eq!(seen["status"], "closed");
        assert_eq!(audit(&app, "poll_closed").await.len(), 2);
    }
);

both_backends!(
    async fn other_places_see_nothing(app) {
        let w = world(&app).await;
        let poll = open(&app, &w, ranked("parity")).await;
        let p = id(&poll);
        assert_eq!(close(&app, &w.fac_t, &p).await.status(), 200);
        let open_poll = open(&app, &w, ranked("parity")).await;
        let op = id(&open_poll);
        // Leeds' citizen, on Leeds' host, with Coventry's ids: 404 each time.
        for (method, path, body) in [
            (Method::GET, format!("/api/v1/polls/{p}"), None),
            (Method::GET, format!("/api/v1/polls/{p}/results"), None),
            (Method::POST, format!("/api/v1/polls/{op}/ballots"), Some(json!({"ranking": []}))),
            (Method::POST, format!("/api/v1/polls/{op}/close"), Some(json!({}))),
            (Method::POST, format!("/api/v1/polls/{op}/assisted-ballots"), Some(json!({"voter_id": w.cit.id, "ballot": {"ranking": []}}))),
            (Method::GET, format!("/api/v1/boards/{}/polls", w.board), None),
            (Method::POST, format!("/api/v1/boards/{}/polls", w.board), Some(ranked("majority"))),
        ] {
            let res = send(&app, OTHER, method.clone(), &path, Some(&w.sam_t), body.clone()).await;
            assert_problem(res, 404, "not_found").await;
            // A Coventry token on Leeds' host is not accepted at all.
            let res = send(&app, OTHER, method, &path, Some(&w.cit_t), body).await;
            assert_eq!(res.status(), 401, "{path}");
        }
        for path in [format!("/polls/{p}"), format!("/polls/{p}/results"), format!("/boards/{}/polls", w.board)] {
            assert_eq!(app.get(OTHER, &path).await.status(), 404, "{path}");
        }
        assert!(ballots(&app, &op).await.is_empty());
    }
);

both_backends!(
    async fn a_poll_that_cannot_close_does_not_hold_up_the_others(app) {
        use coproduce::db::schema::{poll_ballots, polls};
        use diesel::prelude::*;
        let w = world(&app).await;
        // A poll whose stored ballot no longer reads (it names an option
        // the poll does not have, as after a bad restore or a hand edit):
        // counting it fails, so it cannot close.
        let broken = open(&app, &w, ranked("majority")).await;
        let bp = id(&broken);
        assert_eq!(vote(&app, &w.cit_t, &bp, json!({"ranking": [option(&broken, 0)]})).await.status(), 201);
        let fine = open(&app, &w, ranked("majority")).await;
        let fp = id(&fine);
        assert_eq!(vote(&app, &w.cit_t, &fp, json!({"ranking": [option(&fine, 1)]})).await.status(), 201);
        {
            let (bp, fp) = (bp.clone(), fp.clone());
            let now = chrono::Utc::now().naive_utc();
            app.db(move |conn| {
                diesel::update(poll_ballots::table.filter(poll_ballots::poll_id.eq(&bp)))
                    .set(poll_ballots::content.eq(r#"{"ranking":["no-such-option"]}"#))
                    .execute(conn)
                    .unwrap();
                // The broken poll is due first, so the sweep meets it first.
                diesel::update(polls::table.filter(polls::id.eq(&bp)))
                    .set(polls::closes_at.eq(Some(now - chrono::Duration::minutes(2))))
                    .execute(conn)
                    .unwrap();
                diesel::update(polls::table.filter(polls::id.eq(&fp)))
                    .set(polls::closes_at.eq(Some(now - chrono::Duration::minutes(1))))
                    .execute(conn)
                    .unwrap();
            })
            .await;
        }
        let sweep = app.db(coproduce::polls::service::close_due).await.unwrap();
        assert_eq!(sweep.failed, 1, "the broken poll was tried, and failed");
        let closed_at = |p: String| {
            app.db(move |conn| {
                polls::table
                    .filter(polls::id.eq(&p))
                    .select(polls::closed_at)
                    .first::<Option<chrono::NaiveDateTime>>(conn)
                    .unwrap()
            })
        };
        assert!(closed_at(fp.clone()).await.is_some(), "the other poll closed all the same");
        assert!(closed_at(bp.clone()).await.is_none(), "the broken one stays open, untouched");
        let events = audit(&app, "poll_closed").await;
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].2["poll_id"], fp.as_str());
        let result = json(get(&app, &format!("/api/v1/polls/{fp}/results"), None).await).await;
        assert_eq!(result["outcome"]["winner"], option(&fine, 1).as_str());
        // The board's page still shows, with the broken poll as it is.
        let html = app.get(HOST, &format!("/boards/{}", w.board)).await.text().await.unwrap();
        assert!(html.contains(&format!(r#"href="/polls/{bp}""#)) && html.contains("Open for voting (1)"), "{html}");
        let html = app.get(HOST, &format!("/boards/{}/polls", w.board)).await.text().await.unwrap();
        assert!(html.contains(&format!(r#"href="/polls/{fp}""#)));
    }
);

/// Makes `n` citizens on the board through the service layer (one
/// password hash for all), with an API token each.
async fn many_members(app: &TestApp, w: &World, n: usize) -> Vec<String> {
    use coproduce::accounts::password::{hash_blocking, Password};
    use coproduce::accounts::service::{
        self as accounts, Provision, Provisioned, SessionLifetimes,
    };
    use coproduce::accounts::tokens::AccessKeys;
    use coproduce::mail::Email;
    use coproduce::secrets::Secrets;
    use coproduce::tenancy::{self, Slug};
    let keys = AccessKeys::from_secrets(
        &Secrets::load_or_create(&Secrets::default_path(&app.settings.data_dir)).unwrap(),
    );
    let fac = w.fac.clone();
    let board: coproduce::db::ids::BoardId = w.board.parse().unwrap();
    app.db(move |conn| {
        let tenant = tenancy::service::find_by_slug(conn, &Slug::parse("coventry").unwrap())
            .unwrap()
            .unwrap();
        let hash = hash_blocking(&Password::parse_new(USER_PASSWORD, &[]).unwrap()).unwrap();
        let mut tokens = Vec::with_capacity(n);
        for i in 0..n {
            let account = Provision {
                email: Email::parse(&format!("member{i}@example.org")).unwrap(),
                display_name: format!("Member {i}"),
                role: Role::Citizen,
                platform_operator: false,
            };
            let Provisioned::Created { user, .. } =
                accounts::provision(conn, &tenant, "http://unused", &account, Some(&hash)).unwrap()
            else {
                panic!("a new account");
            };
            coproduce::boards::service::add_member(
                conn,
                &tenant,
                &fac,
                &board,
                &coproduce::boards::model::NewMember {
                    user_id: Some(user.id.to_string()),
                    organisation_id: None,
                    role: Some("member".into()),
                },
            )
            .unwrap();
            let (session, _) = accounts::start_session(
                conn,
                &user,
                coproduce::accounts::model::SessionKind::Api,
                "test",
                true,
                SessionLifetimes::default(),
            )
            .unwrap();
            tokens.push(keys.issue(&user.tenant_id, &user.id, &session.id));
        }
        tokens
    })
    .await
}

both_backends!(
    async fn five_hundred_members_vote_at_once(app) {
        let w = world(&app).await;
        let tokens = many_members(&app, &w, 500).await;
        let poll = open(&app, &w, json!({"question": "Which first?", "method": "dot", "dots": 3, "options": [{"label": "Waiting room"}, {"label": "Phone line"}, {"label": "Web chat"}], "rule": "majority", "secret": true})).await;
        let p = id(&poll);
        assert_eq!(poll["eligible"]["citizens"], 502);
        let client = app.client(HOST);
        let (a, b) = (option(&poll, 0), option(&poll, 1));
        let started = std::time::Instant::now();
        let sends = tokens.iter().enumerate().map(|(i, t)| {
            let req = client
                .post(app.url(HOST, &format!("/api/v1/polls/{p}/ballots")))
                .bearer_auth(t)
                .json(&json!({"allocations": {a.clone(): 1 + (i % 2), b.clone(): (i % 2)}}));
            async move { req.send().await.unwrap().status().as_u16() }
        });
        let statuses = futures::future::join_all(sends).await;
        let took = started.elapsed();
        let created = statuses.iter().filter(|s| **s == 201).count();
        assert_eq!(created, 500, "statuses: {:?}", statuses.iter().filter(|s| **s != 201).collect::<Vec<_>>());
        eprintln!("{:?}: 500 concurrent ballots in {took:?} ({:.0} ballots/s)", app.backend, 500.0 / took.as_secs_f64());
        assert_eq!(ballots(&app, &p).await.len(), 500);
        let result = json(close(&app, &w.fac_t, &p).await).await;
        assert_eq!(result["turnout"]["citizens"], 500);
        assert_eq!(result["tallies"]["all"]["ballots"], 500);
    }
);

/// How fast ballots are accepted over HTTP, and how long closing (the
/// count, the digest and, for a secret poll, rewriting the ballots) takes
/// with 100,000 ranked ballots. Run with `cargo test --test it
/// polls::measure -- --ignored --nocapture`.
mod measure {
    use super::*;

    #[tokio::test]
    #[ignore]
    async fn sqlite() {
        body(TestApp::spawn(crate::common::Backend::Sqlite).await).await
    }

    #[tokio::test]
    #[ignore]
    async fn postgres() {
        body(TestApp::spawn(crate::common::Backend::Postgres).await).await
    }

    async fn body(app: TestApp) {
        use coproduce::db::ids::{BallotId, PollId, TenantId};
        use coproduce::db::schema::poll_ballots;
        use diesel::prelude::*;
        use futures::StreamExt;
        let w = world(&app).await;
        let tokens = many_members(&app, &w, 1000).await;
        let mut body = ranked("parity");
        body["secret"] = json!(true);
        let poll = open(&app, &w, body).await;
        let p = id(&poll);
        let ids: Vec<String> = (0..3).map(|i| option(&poll, i)).collect();
        let client = app.client(HOST);
        let started = std::time::Instant::now();
        let sends = tokens.iter().enumerate().map(|(i, t)| {
            let ranking: Vec<&String> = (0..3).map(|k| &ids[(i + k) % 3]).collect();
            let req = client
                .post(app.url(HOST, &format!("/api/v1/polls/{p}/ballots")))
                .bearer_auth(t)
                .json(&json!({"ranking": ranking}));
            async move { req.send().await.unwrap().status().as_u16() }
        });
        // 50 in flight at a time: the server's pace, not a connection storm.
        let statuses: Vec<u16> = futures::stream::iter(sends)
            .buffer_unordered(50)
            .collect()
            .await;
        let took = started.elapsed();
        let accepted = statuses.iter().filter(|s| **s == 201).count();
        let mut others: Vec<u16> = statuses.iter().copied().filter(|s| *s != 201).collect();
        others.sort_unstable();
        others.dedup();
        eprintln!(
            "MEASURE {:?}: 1,000 ballots over HTTP (50 at a time) in {took:?}: {accepted} accepted ({:.0} ballots/s); other statuses: {others:?}",
            app.backend,
            accepted as f64 / took.as_secs_f64()
        );
        // More ranked ballots straight into the table, up to 100,000; then
        // close through the service (the count, the digest, the rewrite).
        let more = 100_000 - accepted;
        let (pid, tid): (PollId, TenantId) = (p.parse().unwrap(), w.fac.tenant_id.clone());
        let contents: Vec<String> = (0..6)
            .map(|k| {
                let order = [
                    [0, 1, 2],
                    [0, 2, 1],
                    [1, 0, 2],
                    [1, 2, 0],
                    [2, 0, 1],
                    [2, 1, 0],
                ][k];
                format!(
                    r#"{{"ranking":["{}","{}","{}"]}}"#,
                    ids[order[0]], ids[order[1]], ids[order[2]]
                )
            })
            .collect();
        app.db(move |conn| {
            for chunk in 0..more.div_ceil(1000) {
                let rows: Vec<_> = (0..(more - chunk * 1000).min(1000))
                    .map(|i| {
                        (
                            poll_ballots::tenant_id.eq(tid.clone()),
                            poll_ballots::poll_id.eq(pid.clone()),
                            poll_ballots::id.eq(BallotId::random()),
                            poll_ballots::constituency.eq(if (chunk * 1000 + i) % 4 == 0 {
                                "organisation"
                            } else {
                                "citizen"
                            }),
                            poll_ballots::content.eq(contents[(chunk * 7 + i) % 6].clone()),
                            poll_ballots::receipt_hash.eq(None::<String>),
                        )
                    })
                    .collect();
                match conn {
                    coproduce::db::DbConn::Pg(c) => diesel::insert_into(poll_ballots::table)
                        .values(&rows)
                        .execute(c)
                        .unwrap(),
                    coproduce::db::DbConn::Sqlite(c) => diesel::insert_into(poll_ballots::table)
                        .values(&rows)
                        .execute(c)
                        .unwrap(),
                };
            }
        })
        .await;
        let started = std::time::Instant::now();
        let (closer, to_close) = (w.fac.clone(), p.parse::<PollId>().unwrap());
        let result = app
            .db(move |conn| {
                coproduce::polls::service::close(conn, &closer.tenant_id, &closer, &to_close)
            })
            .await
            .unwrap();
        let took = started.elapsed();
        assert_eq!(result.tallies["all"]["ballots"], 100_000);
        eprintln!("MEASURE {:?}: closing a secret ranked poll of 100,000 ballots (count, digest, rewrite, audit) in {took:?}", app.backend);
        let pid: PollId = p.parse().unwrap();
        let started = std::time::Instant::now();
        let recount = app
            .db(move |conn| coproduce::polls::service::recount(conn, None, &pid))
            .await
            .unwrap();
        assert!(recount.matches());
        eprintln!(
            "MEASURE {:?}: recounting 100,000 ranked ballots (read, digest, parse, tally) in {:?}",
            app.backend,
            started.elapsed()
        );
    }
}

both_backends!(
    async fn a_persons_part_in_polls_is_in_their_data(app) {
        let w = world(&app).await;
        let open_poll = open(&app, &w, json!({"question": "Open on Saturdays?", "method": "approval", "rule": "majority", "secret": false})).await;
        let secret = open(&app, &w, json!({"question": "Open on Sundays?", "method": "approval", "rule": "majority", "secret": true})).await;
        assert_eq!(vote(&app, &w.cit_t, &id(&open_poll), json!({"choice": "yes"})).await.status(), 201);
        assert_eq!(vote(&app, &w.cit_t, &id(&secret), json!({"choice": "no"})).await.status(), 201);
        let export = json(get(&app, "/api/v1/me/export", Some(&w.cit_t)).await).await;
        let polls = export["polls"]["eligible_in"].as_array().unwrap();
        assert_eq!(polls.len(), 2);
        let open_entry = polls.iter().find(|e| e["poll_id"] == id(&open_poll).as_str()).unwrap();
        assert_eq!(open_entry["ballot"], json!({"choice": "yes"}));
        let secret_entry = polls.iter().find(|e| e["poll_id"] == id(&secret).as_str()).unwrap();
        assert_eq!((secret_entry["voted"].as_bool(), secret_entry["ballot"].is_null()), (Some(true), true));
        let fac_export = json(get(&app, "/api/v1/me/export", Some(&w.fac_t)).await).await;
        assert_eq!(fac_export["polls"]["created"].as_array().unwrap().len(), 2);
        // Erasure: the ballots stay counted, linked to nobody.
        let res = send(&app, HOST, Method::DELETE, "/api/v1/me", Some(&w.cit_t), Some(json!({"password": USER_PASSWORD}))).await;
        assert_eq!(res.status(), 204, "{}", res.text().await.unwrap());
        assert_eq!(ballots(&app, &id(&open_poll)).await.len(), 1);
        let seen = json(get(&app, &format!("/api/v1/polls/{}", id(&open_poll)), None).await).await;
        assert_eq!(seen["voted"]["citizens"], 1);
        assert_eq!(seen["eligible"]["citizens"], 1);
    }
);

// ---------------------------------------------------------------- pages

both_backends!(
    async fn the_pages_work_without_javascript(app) {
        let w = world(&app).await;
        let fac = browser_session(&app, HOST, &w.fac).await;
        let page = |c: &reqwest::Client, path: &str| {
            let req = c.get(app.url(HOST, path));
            async move { req.send().await.unwrap() }
        };
        // The facilitator's form, with errors beside the fields.
        let res = page(&fac, &format!("/boards/{}/polls/new", w.board)).await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        let csrf = csrf_in(&html);
        let form = |pairs: &[(&str, &str)]| {
            let mut all: Vec<(String, String)> = vec![("csrf".into(), csrf.clone())];
            all.extend(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())));
            all
        };
        let action = app.url(HOST, &format!("/boards/{}/polls/new", w.board));
        let res = fac.post(&action).form(&form(&[("question", "?"), ("method", "budget"), ("cap", "100"), ("rule", "majority"), ("options.0.label", "Benches"), ("options.0.cost", "60"), ("options.2.label", "Lights"), ("options.2.cost", "500"), ("rows", "6")])).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="question-error""#), "{html}");
        assert!(html.contains(r#"id="options.2.cost-error""#), "the error is beside the row it is about: {html}");
        assert!(html.contains(r#"value="Lights""#));
        // More rows, without JavaScript.
        let res = fac.post(&action).form(&form(&[("action", "more"), ("rows", "6"), ("question", "Kept")])).send().await.unwrap();
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"name="options.9.label""#) && !html.contains(r#"name="options.10.label""#));
        assert!(html.contains(r#"value="Kept""#));
        // A ranked parity poll.
        let res = fac.post(&action).form(&form(&[("question", "When should the desk open?"), ("method", "ranked"), ("rule", "parity"), ("options.0.label", "Mornings"), ("options.1.label", "Evenings"), ("options.3.label", "Saturdays"), ("rows", "6")])).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        let p = location.trim_start_matches("/polls/").to_owned();
        let poll = json(get(&app, &format!("/api/v1/polls/{p}"), None).await).await;
        assert_eq!(poll["options"].as_array().unwrap().len(), 3);

        // The citizen's ballot: one select per rank.
        let cit = browser_session(&app, HOST, &w.cit).await;
        let html = page(&cit, &location).await.text().await.unwrap();
        assert!(html.contains(r#"<select id="ranking" name="rank.1""#), "{html}");
        assert!(html.contains(r#"name="rank.3""#));
        let csrf = csrf_in(&html);
        let (a, b) = (option(&poll, 0), option(&poll, 1));
        let ballot_url = app.url(HOST, &format!("/polls/{p}/ballot"));
        let res = cit.post(&ballot_url).form(&[("csrf", csrf.as_str()), ("rank.1", a.as_str()), ("rank.2", a.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="ranking-error""#) && html.contains("ranked twice"), "{html}");
        let res = cit.post(&ballot_url).form(&[("csrf", csrf.as_str()), ("rank.1", b.as_str()), ("rank.2", ""), ("rank.3", a.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let html = page(&cit, &location).await.text().await.unwrap();
        assert!(html.contains("You have voted"));
        assert!(html.contains(&format!(r#"<option value="{b}" selected>"#)), "the ballot is shown to change it");
        assert_eq!(ballots(&app, &p).await[0].2, format!(r#"{{"ranking":["{b}","{a}"]}}"#));

        // A dot poll: number inputs, the running total script, errors.
        let dots = open(&app, &w, json!({"question": "Where to start?", "method": "dot", "dots": 5, "options": [{"label": "Waiting room"}, {"label": "Phone line"}], "rule": "majority", "secret": true})).await;
        let dp = id(&dots);
        let html = page(&cit, &format!("/polls/{dp}")).await.text().await.unwrap();
        let (d0, d1) = (option(&dots, 0), option(&dots, 1));
        assert!(html.contains(&format!(r#"type="number" class="input--number" id="allocations.{d0}""#)), "{html}");
        assert!(html.contains("/static/ballot.js?v="));
        let js = app.get(HOST, "/static/ballot.js").await;
        assert_eq!(js.headers()["content-type"], "text/javascript; charset=utf-8");
        let csrf = csrf_in(&html);
        let f0 = format!("allocations.{d0}");
        let f1 = format!("allocations.{d1}");
        let url = app.url(HOST, &format!("/polls/{dp}/ballot"));
        let res = cit.post(&url).form(&[("csrf", csrf.as_str()), (f0.as_str(), "4"), (f1.as_str(), "3")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("you placed 7 dots but each voter has 5"));
        let res = cit.post(&url).form(&[("csrf", csrf.as_str()), (f0.as_str(), "lots")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains(&format!(r#"id="{f0}-error""#)));
        // A secret ballot: the receipt is shown once, on the page itself.
        let res = cit.post(&url).form(&[("csrf", csrf.as_str()), (f0.as_str(), "3"), (f1.as_str(), "2")]).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("Your receipt"));
        let receipt = html.split("<code>").nth(1).unwrap().split("</code>").next().unwrap().to_owned();
        let html = page(&cit, &format!("/polls/{dp}")).await.text().await.unwrap();
        assert!(html.contains(r#"name="receipt""#));
        let csrf = csrf_in(&html);
        let res = cit.post(&url).form(&[("csrf", csrf.as_str()), (f0.as_str(), "5")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let res = cit.post(&url).form(&[("csrf", csrf.as_str()), (f0.as_str(), "5"), ("receipt", receipt.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("Ballot changed"));
        assert_eq!(ballots(&app, &dp).await[0].2, format!(r#"{{"allocations":{{"{d0}":5}}}}"#));

        // Closing asks first, then shows the results with a chart and tables.
        let html = page(&fac, &location).await.text().await.unwrap();
        assert!(html.contains(&format!("/polls/{p}/close")));
        let html = page(&fac, &format!("/polls/{p}/close")).await.text().await.unwrap();
        let csrf = csrf_in(&html);
        let res = fac.post(app.url(HOST, &format!("/polls/{p}/close"))).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let html = app.get(HOST, &format!("/polls/{p}/results")).await.text().await.unwrap();
        assert!(html.contains(r#"role="img" aria-labelledby="results-chart-title results-chart-desc""#), "{html}");
        assert!(html.contains(r#"<desc id="results-chart-desc">Citizens: Mornings 0 first preferences; Evenings 1 first preferences"#), "{html}");
        assert!(html.contains("<th scope=\"row\">Citizens</th><td>1</td><td>2</td><td>50%</td>"), "{html}");
        assert!(html.contains("Rounds of the count: Citizens"));
        assert!(html.contains("Each group's verdict"));
        let digest = json(get(&app, &format!("/api/v1/polls/{p}/results"), None).await).await["digest"].as_str().unwrap().to_owned();
        assert!(html.contains(&digest));
        // The poll's page says it closed, with no ballot form.
        let html = page(&cit, &location).await.text().await.unwrap();
        assert!(html.contains("The poll has closed") && !html.contains("/ballot\""));
        // Someone not on the board: no form, and no close link.
        let out = browser_session(&app, HOST, &w.out).await;
        let html = page(&out, &format!("/polls/{dp}")).await.text().await.unwrap();
        assert!(html.contains("Only the board's members") && !html.contains("/close"));
        assert_eq!(page(&out, &format!("/boards/{}/polls/new", w.board)).await.status(), 403);
        assert_eq!(page(&out, &format!("/polls/{dp}/close")).await.status(), 403);
        // The list of polls.
        let html = app.get(HOST, &format!("/boards/{}/polls", w.board)).await.text().await.unwrap();
        assert!(html.contains("When should the desk open?") && html.contains("Where to start?"));
    }
);

/// Makes a citizen's and an organisation member's ballots from a poll's
/// first two option ids.
type MakeBallots = Box<dyn Fn(&str, &str) -> (Value, Value)>;

both_backends!(
    async fn every_methods_results_page_reads_well(app) {
        let w = world(&app).await;
        let two = json!([{"label": "Waiting room"}, {"label": "Phone line"}]);
        let costly = json!([{"label": "Waiting room", "cost": 60}, {"label": "Phone line", "cost": 50}]);
        // (poll, the citizen's ballot, the organisation member's ballot,
        // words each results page must use)
        let cases: Vec<(Value, MakeBallots, Vec<&str>)> = vec![
            (json!({"method": "approval", "rule": "majority"}), Box::new(|_: &str, _: &str| (json!({"choice": "yes"}), json!({"choice": "no"}))), vec!["<th scope=\"row\">Yes</th>", "Answers: votes for each answer"]),
            (json!({"method": "consent", "rule": "no_blocks"}), Box::new(|_: &str, _: &str| (json!({"choice": "agree"}), json!({"choice": "block"}))), vec!["<th scope=\"row\">Block</th>", "Outcome: "]),
            (json!({"method": "dot", "dots": 3, "options": two.clone(), "rule": "majority"}), Box::new(|a: &str, b: &str| (json!({"allocations": {a: 3}}), json!({"allocations": {a: 1, b: 2}}))), vec!["4 dots from 2 voters", "Options by dots"]),
            (json!({"method": "score", "options": two.clone(), "rule": "majority"}), Box::new(|a: &str, b: &str| (json!({"scores": {a: 5, b: 1}}), json!({"scores": {a: 2}}))), vec!["7 points in all, 3.5 of 5 on average", "Options by points"]),
            (json!({"method": "ranked", "options": two.clone(), "rule": "majority"}), Box::new(|a: &str, b: &str| (json!({"ranking": [a, b]}), json!({"ranking": [b]}))), vec!["1 first preference", "Rounds of the count: All ballots", "Ballots with no choice left"]),
            (json!({"method": "budget", "cap": 100, "options": costly.clone(), "rule": "majority"}), Box::new(|a: &str, _: &str| (json!({"allocations": {a: 1}}), json!({"allocations": {a: 1}}))), vec!["chosen on 2 ballots, funded", "Waiting room (costs 60)"]),
            (json!({"method": "quadratic", "credits": 9, "options": two.clone(), "rule": "majority"}), Box::new(|a: &str, b: &str| (json!({"allocations": {a: 2, b: -2}}), json!({"allocations": {b: -1}}))), vec!["-3 votes net: 0 voters for, 2 against", "Options by net votes"]),
        ];
        for (mut body, ballots, words) in cases {
            let method = body["method"].as_str().unwrap().to_owned();
            body["question"] = json!(format!("How should we decide ({method})?"));
            body["secret"] = json!(false);
            let poll = open(&app, &w, body).await;
            let p = id(&poll);
            let (a, b) = match poll["options"].as_array().unwrap().len() {
                0 => (String::new(), String::new()),
                _ => (option(&poll, 0), option(&poll, 1)),
            };
            let (cit, org) = ballots(&a, &b);
            assert_eq!(vote(&app, &w.cit_t, &p, cit).await.status(), 201, "{method}");
            assert_eq!(vote(&app, &w.org_t, &p, org).await.status(), 201, "{method}");
            assert_eq!(close(&app, &w.fac_t, &p).await.status(), 200, "{method}");
            let res = app.get(HOST, &format!("/polls/{p}/results")).await;
            assert_eq!(res.status(), 200, "{method}");
            let html = res.text().await.unwrap();
            assert!(html.contains("<svg") && html.contains("role=\"img\""), "{method}");
            for word in words {
                assert!(html.contains(word), "{method}: {word} in {html}");
            }
            for broken in ["NaN", "width=\"-", " x=\"-", "=\"inf", "backing"] {
                assert!(!html.contains(broken), "{method}: {broken} in {html}");
            }
        }
        // Nobody voted: the page still reads, with empty bars at zero.
        let empty = open(&app, &w, json!({"question": "Anyone?", "method": "quadratic", "credits": 4, "options": two.clone(), "rule": "majority", "secret": true})).await;
        let e = id(&empty);
        assert_eq!(close(&app, &w.fac_t, &e).await.status(), 200);
        let html = app.get(HOST, &format!("/polls/{e}/results")).await.text().await.unwrap();
        assert!(html.contains("<svg"));
        assert!(html.contains("0 votes net: 0 voters for, 0 against"), "{html}");
        assert!(html.contains(r#"width="0""#) && !html.contains("NaN") && !html.contains(r#"width="-"#));
    }
);

both_backends!(
    async fn ballots_and_receipts_are_never_cached(app) {
        fn no_store(res: &reqwest::Response, what: &str) {
            assert_eq!(
                res.headers().get("cache-control").and_then(|v| v.to_str().ok()),
                Some("no-store"),
                "{what}"
            );
        }
        let w = world(&app).await;
        let secret = open(&app, &w, json!({"question": "Close on Mondays?", "method": "approval", "rule": "majority", "secret": true})).await;
        let sp = id(&secret);
        let public = open(&app, &w, json!({"question": "Open on Saturdays?", "method": "approval", "rule": "majority", "secret": false})).await;
        let pp = id(&public);
        // The API: the receipt, the caller's own ballot, in the poll and the list.
        let res = vote(&app, &w.cit_t, &sp, json!({"choice": "no"})).await;
        assert_eq!(res.status(), 201);
        no_store(&res, "a secret ballot's receipt");
        assert!(json(res).await["receipt"].is_string());
        let res = vote(&app, &w.cit_t, &pp, json!({"choice": "yes"})).await;
        no_store(&res, "a cast ballot");
        let res = get(&app, &format!("/api/v1/polls/{pp}"), Some(&w.cit_t)).await;
        no_store(&res, "the poll with the caller's ballot");
        assert_eq!(json(res).await["you"]["ballot"], json!({"choice": "yes"}));
        let res = get(&app, &format!("/api/v1/boards/{}/polls", w.board), Some(&w.cit_t)).await;
        no_store(&res, "the list with the caller's ballots");
        // The pages: the ballot form filled in with the voter's ballot, the
        // receipt shown once, and the form re-shown with its errors.
        let org = browser_session(&app, HOST, &w.org).await;
        let res = org.get(app.url(HOST, &format!("/polls/{sp}"))).send().await.unwrap();
        assert_eq!(res.status(), 200);
        no_store(&res, "a poll's page with its ballot form");
        let csrf = csrf_in(&res.text().await.unwrap());
        let url = app.url(HOST, &format!("/polls/{sp}/ballot"));
        let res = org.post(&url).form(&[("csrf", csrf.as_str()), ("choice", "maybe")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        no_store(&res, "the ballot form with its errors");
        let res = org.post(&url).form(&[("csrf", csrf.as_str()), ("choice", "yes")]).send().await.unwrap();
        assert_eq!(res.status(), 200);
        no_store(&res, "the page showing the receipt");
        assert!(res.text().await.unwrap().contains("Your receipt"));
        let cit = browser_session(&app, HOST, &w.cit).await;
        let res = cit.get(app.url(HOST, &format!("/polls/{pp}"))).send().await.unwrap();
        no_store(&res, "an open poll's page showing the voter's ballot");
        assert!(res.text().await.unwrap().contains(r#"value="yes" checked"#));
    }
);

both_backends!(
    async fn the_board_page_lists_its_polls(app) {
        use coproduce::db::schema::polls;
        use diesel::prelude::*;
        let w = world(&app).await;
        let fac = browser_session(&app, HOST, &w.fac).await;
        let cit = browser_session(&app, HOST, &w.cit).await;
        let board_page = |c: &reqwest::Client| {
            let req = c.get(app.url(HOST, &format!("/boards/{}", w.board)));
            async move {
                let res = req.send().await.unwrap();
                assert_eq!(res.status(), 200);
                res.text().await.unwrap()
            }
        };
        let new_poll = format!(r#"href="/boards/{}/polls/new""#, w.board);
        // No polls: the empty state; only facilitators are offered to open one.
        let html = board_page(&fac).await;
        assert!(html.contains("No polls yet."), "{html}");
        assert!(html.contains(&new_poll) && html.contains(">Open a poll</a>"));
        let html = board_page(&cit).await;
        assert!(html.contains("No polls yet.") && !html.contains(&new_poll));
        let html = app.get(HOST, &format!("/boards/{}", w.board)).await.text().await.unwrap();
        assert!(html.contains("No polls yet.") && !html.contains(&new_poll));

        // One open with a closing time, one open until closed by hand, one
        // closed early, and one past its closing time.
        let closes = chrono::Utc::now() + chrono::Duration::days(3);
        let timed = json!({"question": "Open on Saturdays?", "method": "approval", "rule": "majority", "secret": true, "closes_at": closes.to_rfc3339()});
        let timed = id(&open(&app, &w, timed).await);
        let untimed = open(&app, &w, json!({"question": "Which repairs first?", "method": "quadratic", "credits": 9, "options": [{"label": "Roof"}, {"label": "Lift"}], "rule": "majority", "secret": false, "live_results": true})).await;
        let (roof, lift) = (option(&untimed, 0), option(&untimed, 1));
        let untimed = id(&untimed);
        let done = id(&open(&app, &w, ranked("parity")).await);
        assert_eq!(close(&app, &w.fac_t, &done).await.status(), 200);
        let late = id(&open(&app, &w, json!({"question": "Keep the phone line?", "method": "consent", "rule": "no_blocks", "secret": false})).await);
        {
            let late = late.clone();
            let past = chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1);
            app.db(move |conn| diesel::update(polls::table.filter(polls::id.eq(&late))).set(polls::closes_at.eq(Some(past))).execute(conn).unwrap()).await;
        }
        assert_eq!(vote(&app, &w.cit_t, &untimed, json!({"allocations": {roof: 2, lift: -1}})).await.status(), 201);

        let html = board_page(&cit).await;
        assert!(!html.contains("No polls yet."));
        let open_part = html.split("Open for voting (2)").nth(1).expect("two open polls").split("Closed (2)").next().expect("two closed polls");
        let closed_part = html.split("Closed (2)").nth(1).unwrap().split("Timeline").next().unwrap();
        // Open: soonest closing first, with status, method, closing time.
        let (t, u) = (open_part.find(&format!(r#"href="/polls/{timed}""#)).unwrap(), open_part.find(&format!(r#"href="/polls/{untimed}""#)).unwrap());
        assert!(t < u, "the poll closing first is listed first");
        assert!(open_part.contains("Yes or no · secret ballot · closes "));
        assert!(open_part.contains(&closes.format("%-d %B %Y at %H:%M UTC").to_string()));
        assert!(open_part.contains("Quadratic voting · open until a facilitator closes it · 1 of 3 voted · you have voted"));
        assert!(open_part.contains("you have not voted yet"), "the timed poll still waits for the citizen");
        // Live results are linked while open; a secret poll's are not.
        assert!(open_part.contains(&format!(r#"href="/polls/{untimed}/results""#)));
        assert!(!open_part.contains(&format!(r#"href="/polls/{timed}/results""#)));
        // Closed, with the one past its time closed on the way, results linked.
        for p in [&done, &late] {
            assert!(closed_part.contains(&format!(r#"href="/polls/{p}""#)), "{closed_part}");
            assert!(closed_part.contains(&format!(r#"href="/polls/{p}/results""#)));
        }
        assert!(closed_part.contains("Ranked choice") && closed_part.contains("Consent") && closed_part.contains(" · closed "));
        let late_seen = json(get(&app, &format!("/api/v1/polls/{late}"), None).await).await;
        assert_eq!(late_seen["status"], "closed");
        // Every link leads somewhere.
        for path in [format!("/polls/{timed}"), format!("/polls/{untimed}/results"), format!("/polls/{done}/results"), format!("/polls/{late}/results")] {
            assert_eq!(cit.get(app.url(HOST, &path)).send().await.unwrap().status(), 200, "{path}");
        }
        // Another place's host does not show the board, or its polls.
        assert_eq!(app.get(OTHER, &format!("/boards/{}", w.board)).await.status(), 404);
    }
);

both_backends!(
    async fn parity_poll_in_the_browser(app) {
        use crate::common::browser::Browser;
        use crate::common::session_secret;
        use coproduce::accounts::model::SessionKind;
        use fantoccini::Locator;
        let w = world(&app).await;
        let browser = Browser::start(&app).await;
        let sign_in = |u: &User| {
            let (b, u) = (&browser, u.clone());
            let app = &app;
            async move {
                let secret = session_secret(app, &u, SessionKind::Browser).await;
                b.goto(app, HOST, "/").await;
                b.client.execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![]).await.unwrap();
            }
        };
        // The facilitator opens a parity poll, from the board's page.
        let board_title = "Redesigning the housing advice service";
        let board_page = format!("/boards/{}", w.board);
        sign_in(&w.fac).await;
        browser.goto(&app, HOST, &board_page).await;
        browser.wait_for_heading(board_title).await;
        assert!(browser.text("#polls").await.contains("No polls yet."));
        browser.assert_accessible().await;
        let c = &browser.client;
        c.find(Locator::LinkText("Open a poll")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Open a poll").await;
        browser.assert_accessible().await;
        c.find(Locator::Id("question")).await.unwrap().send_keys("Which opening hours should we try first?").await.unwrap();
        c.find(Locator::Css("#method option[value='ranked']")).await.unwrap().click().await.unwrap();
        c.find(Locator::Css("#rule option[value='parity']")).await.unwrap().click().await.unwrap();
        for (i, label) in ["Mornings", "Evenings", "Saturdays"].iter().enumerate() {
            c.find(Locator::Id(&format!("options.{i}.label"))).await.unwrap().send_keys(label).await.unwrap();
        }
        c.find(Locator::Css("button[value='create']")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Which opening hours should we try first?").await;
        browser.assert_accessible().await;
        let url = c.current_url().await.unwrap();
        let path = url.path().to_owned();

        // A citizen and an organisation member rank, finding the poll on
        // the board's page.
        for (person, first, second) in [(&w.cit, "Evenings", "Mornings"), (&w.org, "Evenings", "Saturdays")] {
            sign_in(person).await;
            browser.goto(&app, HOST, &board_page).await;
            browser.wait_for_heading(board_title).await;
            let polls = browser.text("#polls").await;
            assert!(polls.contains("Open for voting (1)") && polls.contains("you have not voted yet"), "{polls}");
            browser.assert_accessible().await;
            c.find(Locator::LinkText("Which opening hours should we try first?")).await.unwrap().click().await.unwrap();
            browser.wait_for_heading("Which opening hours should we try first?").await;
            browser.assert_accessible().await;
            let pick = |rank: &str, label: &str| format!("#{rank} option:nth-child({})", match label { "Mornings" => 2, "Evenings" => 3, _ => 4 });
            c.find(Locator::Css(&pick("ranking", first))).await.unwrap().click().await.unwrap();
            c.find(Locator::Css(&pick("rank-2", second))).await.unwrap().click().await.unwrap();
            c.find(Locator::Css("form.ballot button[type='submit']")).await.unwrap().click().await.unwrap();
            browser.wait_for_heading("Which opening hours should we try first?").await;
            assert!(browser.text("#main").await.contains("You have voted"));
            browser.assert_accessible().await;
        }

        // The facilitator closes it; the results show both groups agreeing.
        sign_in(&w.fac).await;
        browser.goto(&app, HOST, &format!("{path}/close")).await;
        browser.wait_for_heading("Close the poll now?").await;
        browser.assert_accessible().await;
        c.find(Locator::Css("button.button--danger")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Results: Which opening hours should we try first?").await;
        let text = browser.text("#main").await;
        assert!(text.contains("Outcome: Passed"), "{text}");
        assert!(text.contains("Chosen: Evenings"), "{text}");
        assert!(text.contains("Citizens: clears the bar"), "{text}");
        assert!(text.contains("Organisation members: clears the bar"), "{text}");
        browser.assert_accessible().await;
        // The board's page lists it as closed, with its results.
        browser.goto(&app, HOST, &board_page).await;
        browser.wait_for_heading(board_title).await;
        let polls = browser.text("#polls").await;
        assert!(polls.contains("Closed (1)") && polls.contains("Ranked choice") && polls.contains("2 of 3 voted"), "{polls}");
        browser.assert_accessible().await;
        c.find(Locator::Css(&format!("#polls a[href='{path}/results']"))).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Results: Which opening hours should we try first?").await;

        // With JavaScript, a budget ballot keeps a running total.
        let budget = open(&app, &w, json!({"question": "What should we fund?", "method": "budget", "cap": 100, "options": [{"label": "Benches", "cost": 60}, {"label": "Lights", "cost": 50}], "rule": "parity", "secret": true})).await;
        sign_in(&w.cit).await;
        browser.goto(&app, HOST, &format!("/polls/{}", id(&budget))).await;
        browser.wait_for_heading("What should we fund?").await;
        let total = || async {
            let mut last = String::new();
            for _ in 0..50 {
                last = browser.text("[data-running-total]").await;
                if !last.is_empty() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            last
        };
        assert_eq!(total().await, "0 of 100 spent");
        for i in 0..2 {
            c.find(Locator::Id(&format!("allocations.{}", option(&budget, i)))).await.unwrap().click().await.unwrap();
        }
        assert_eq!(total().await, "110 of 100 spent: that is over the limit");
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn opening_a_poll_speaks_welsh(app) {
        let w = world(&app).await;
        let html = crate::i18n::welsh_page(&app, HOST, Some(&w.fac), &format!("/boards/{}/polls/new", w.board)).await;
        crate::i18n::assert_welsh_heading(&html, "<h1>Agor pleidlais</h1>", "<h1>Open a poll</h1>");
        assert!(html.contains("Dewis yn ôl trefn (y bleidlais amgen)"), "{html}");
    }
);

both_backends!(
    async fn a_new_poll_with_problems_is_told_them_in_welsh(app) {
        use crate::common::session_secret;
        use coproduce::accounts::model::SessionKind;
        let w = world(&app).await;
        let secret = session_secret(&app, &w.fac, SessionKind::Browser).await;
        let cookie = format!("coproduce_session={secret}; lang=cy");
        let client = app.client(HOST);
        let path = format!("/boards/{}/polls/new", w.board);
        let html = client.get(app.url(HOST, &path)).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&html);
        // No question, and more dots than a dot poll allows (the voting
        // engine's own check).
        let res = client
            .post(app.url(HOST, &path))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf.as_str()), ("question", ""), ("method", "dot"), ("dots", "5000"), ("rule", "majority"), ("options.0.label", "Benches"), ("options.1.label", "Lights"), ("rows", "6")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"<html lang="cy">"#), "{html}");
        assert!(html.contains(r#"id="question-error""#) && html.contains("ysgrifennwch y cwestiwn y mae pobl yn pleidleisio arno"), "{html}");
        assert!(html.contains(r#"id="dots-error""#) && html.contains("rhaid i nifer y dotiau sydd gan bob pleidleisiwr fod rhwng 1 a 1000"), "{html}");
        assert!(!html.contains("write the question people vote on") && !html.contains("must be from 1 to 1000"), "no English: {html}");
    }
);
