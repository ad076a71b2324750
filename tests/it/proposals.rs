//! Proposals: the lifecycle and who may move it, supports under
//! concurrency, sanitised bodies, private drafts, co-authors, history,
//! lists, bad inputs, other places, and a person's data.

use coproduce::accounts::{Role, User};
use reqwest::Method;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{
    api_token, assert_problem, browser_session, csrf_in, json, send, user, TestApp,
};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

const STATUSES: [&str; 8] = [
    "draft",
    "published",
    "in_codesign",
    "accepted",
    "not_taken_forward",
    "in_delivery",
    "delivered",
    "evaluated",
];

fn proposal(title: &str) -> Value {
    json!({
        "title": title,
        "body": "We would like a *bench* by the bus stop.",
        "intended_outcome": "Older residents can rest while they wait for the bus.",
    })
}

async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    let res = crate::common::propose(app, HOST, token, body).await;
    assert_eq!(res.status(), 201);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let created = json(res).await;
    assert_eq!(
        location,
        format!("/api/v1/proposals/{}", created["id"].as_str().unwrap())
    );
    created
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

async fn set_supports(app: &TestApp, id: &str, n: i64) {
    use coproduce::db::schema::proposals;
    use diesel::prelude::*;
    let id = id.to_owned();
    app.db(move |conn| {
        diesel::update(proposals::table.filter(proposals::id.eq(id)))
            .set(proposals::support_count.eq(n))
            .execute(conn)
            .unwrap()
    })
    .await;
}

struct People {
    ann: User,
    ann_token: String,
    bob_token: String,
    admin_token: String,
    bare_admin_token: String,
}

async fn people(app: &TestApp) -> People {
    app.tenant("coventry", "Coventry", &[HOST]).await;
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
    let admin = user(
        app,
        "coventry",
        "admin@example.org",
        Role::Admin,
        false,
        true,
    )
    .await;
    let bare = user(
        app,
        "coventry",
        "bare@example.org",
        Role::Admin,
        false,
        false,
    )
    .await;
    People {
        ann_token: api_token(app, &ann).await,
        bob_token: api_token(app, &bob).await,
        admin_token: api_token(app, &admin).await,
        bare_admin_token: api_token(app, &bare).await,
        ann,
    }
}

/// Who makes the allowed move out of each status, in the walk below.
fn mover_of(from: &str) -> &'static str {
    if from == "draft" {
        "author"
    } else {
        "admin"
    }
}

both_backends!(
    async fn every_forbidden_transition_is_refused(app) {
        let p = people(&app).await;
        let id = create(&app, &p.ann_token, json!({"draft": true, "title": "A bench", "body": "b", "intended_outcome": "o"})).await["id"].as_str().unwrap().to_owned();
        let actors = [("author", p.ann_token.clone()), ("citizen", p.bob_token.clone()), ("admin", p.admin_token.clone())];
        // The walk of the happy path; at every stop, every other move by
        // everyone is refused with the right status.
        let path = ["draft", "published", "in_codesign", "accepted", "in_delivery", "delivered", "evaluated"];
        for (i, from) in path.iter().enumerate() {
            let next = path.get(i + 1).copied();
            for to in STATUSES {
                for (who, token) in &actors {
                    let legal = (*from, to) == ("in_codesign", "not_taken_forward") || Some(to) == next;
                    if legal && *who == mover_of(from) {
                        continue;
                    }
                    let res = patch(&app, token, &id, json!({"status": to, "reason": "because"})).await;
                    let expected = if *from == "draft" && *who != "author" {
                        (404, "not_found") // someone else's draft does not exist for them
                    } else if !legal {
                        (409, "invalid_transition")
                    } else {
                        (403, "forbidden")
                    };
                    assert_problem(res, expected.0, expected.1).await;
                }
            }
            if let Some(to) = next {
                if to == "in_codesign" {
                    // Below the threshold even an admin waits.
                    assert_problem(patch(&app, &p.admin_token, &id, json!({"status": to})).await, 409, "support_threshold_not_met").await;
                    assert_problem(patch(&app, &p.bare_admin_token, &id, json!({"status": to})).await, 403, "second_factor_required").await;
                    set_supports(&app, &id, 50).await;
                }
                let token = if mover_of(from) == "author" { &p.ann_token } else { &p.admin_token };
                let res = patch(&app, token, &id, json!({"status": to, "reason": format!("on to {to}")})).await;
                assert_eq!(res.status(), 200, "{from} -> {to}");
                assert_eq!(json(res).await["status"], to);
            }
        }
        // Not taken forward needs a written public response.
        let other = create(&app, &p.ann_token, proposal("Another")).await["id"].as_str().unwrap().to_owned();
        set_supports(&app, &other, 60).await;
        assert_eq!(patch(&app, &p.admin_token, &other, json!({"status": "in_codesign"})).await.status(), 200);
        let problem = assert_problem(patch(&app, &p.admin_token, &other, json!({"status": "not_taken_forward", "reason": "  "})).await, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["field"], "reason");
        assert_problem(patch(&app, &p.admin_token, &other, json!({"status": "finished"})).await, 422, "validation_failed").await;
        let res = patch(&app, &p.admin_token, &other, json!({"status": "not_taken_forward", "reason": "The budget is spent this year."})).await;
        assert_eq!(res.status(), 200);
        let done = json(res).await;
        let last = done["timeline"].as_array().unwrap().last().unwrap().clone();
        assert_eq!((last["from_status"].as_str(), last["to_status"].as_str(), last["reason"].as_str()), (Some("in_codesign"), Some("not_taken_forward"), Some("The budget is spent this year.")));
        // The timeline of the walked one: created, then each move, with who and why.
        let walked = json(app.get(HOST, &format!("/api/v1/proposals/{id}")).await).await;
        let moves: Vec<&str> = walked["timeline"].as_array().unwrap().iter().filter_map(|e| e["to_status"].as_str()).collect();
        assert_eq!(moves, path);
        // Refusals are in the audit log.
        let refused = app
            .db(|conn| {
                use coproduce::db::schema::audit_events;
                use diesel::prelude::*;
                audit_events::table
                    .filter(audit_events::kind.eq("proposal_transition_refused"))
                    .count()
                    .get_result::<i64>(conn)
                    .unwrap()
            })
            .await;
        assert!(refused > 100, "{refused} refusals audited");
        let _ = p.ann;
    }
);

both_backends!(
    async fn supports_are_one_per_person_even_at_once(app) {
        let p = people(&app).await;
        let id = create(&app, &p.ann_token, proposal("A bench")).await["id"].as_str().unwrap().to_owned();
        let support = format!("/api/v1/proposals/{id}/support");
        // Idempotent both ways.
        for _ in 0..2 {
            let res = send(&app, HOST, Method::POST, &support, Some(&p.bob_token), None).await;
            assert_eq!(res.status(), 200);
            assert_eq!(json(res).await["supports"], 1);
        }
        for _ in 0..2 {
            let res = send(&app, HOST, Method::DELETE, &support, Some(&p.bob_token), None).await;
            assert_eq!(json(res).await["supports"], 0);
        }
        // 100 at once: 20 people, 5 times each.
        let mut tokens = Vec::new();
        for i in 0..20 {
            let u = user(&app, "coventry", &format!("p{i}@example.org"), Role::Citizen, false, false).await;
            tokens.push(api_token(&app, &u).await);
        }
        let fire = |method: Method| {
            let requests = (0..100).map(|n| {
                let token = tokens[n % 20].clone();
                let (app, support, method) = (&app, support.clone(), method.clone());
                async move {
                    let res = send(app, HOST, method, &support, Some(&token), None).await;
                    assert_eq!(res.status(), 200);
                    json(res).await["supports"].as_i64().unwrap()
                }
            });
            futures::future::join_all(requests)
        };
        let counts = fire(Method::POST).await;
        assert!(counts.iter().all(|c| (1..=20).contains(c)), "{counts:?}");
        let now = json(app.get(HOST, &format!("/api/v1/proposals/{id}")).await).await;
        assert_eq!(now["supports"], 20);
        let rows = app
            .db(|conn| {
                use coproduce::db::schema::proposal_supports;
                use diesel::prelude::*;
                proposal_supports::table.count().get_result::<i64>(conn).unwrap()
            })
            .await;
        assert_eq!(rows, 20);
        let counts = fire(Method::DELETE).await;
        assert!(counts.iter().all(|c| (0..20).contains(c)));
        assert_eq!(json(app.get(HOST, &format!("/api/v1/proposals/{id}")).await).await["supports"], 0);

        // Only while published or in co-design; drafts are not found.
        let draft = create(&app, &p.ann_token, json!({"draft": true, "title": "Drafty", "body": "b", "intended_outcome": "o"})).await["id"].as_str().unwrap().to_owned();
        assert_problem(send(&app, HOST, Method::POST, &format!("/api/v1/proposals/{draft}/support"), Some(&p.bob_token), None).await, 404, "not_found").await;
        assert_problem(send(&app, HOST, Method::POST, &format!("/api/v1/proposals/{draft}/support"), Some(&p.ann_token), None).await, 409, "not_open_for_support").await;
        assert_problem(send(&app, HOST, Method::POST, &support, None, None).await, 401, "unauthorized").await;
        // People who may not take part yet (no confirmed address) cannot support.
        let unconfirmed = user(&app, "coventry", "new@example.org", Role::Citizen, false, false).await;
        let uid = unconfirmed.id.clone();
        app.db(move |conn| {
            use coproduce::db::schema::users;
            use diesel::prelude::*;
            diesel::update(users::table.filter(users::id.eq(uid)))
                .set(users::email_verified_at.eq(None::<chrono::NaiveDateTime>))
                .execute(conn)
                .unwrap()
        })
        .await;
        let token = api_token(&app, &unconfirmed).await;
        assert_problem(send(&app, HOST, Method::POST, &support, Some(&token), None).await, 403, "residency_required").await;
        // Where the place asks residents to show they live here, a confirmed
        // address is not enough until an admin has approved them.
        let res = send(&app, HOST, Method::PATCH, "/api/v1/admin/settings", Some(&p.admin_token), Some(json!({"residency_routes": ["manual"]}))).await;
        assert_eq!(res.status(), 200);
        let dee = user(&app, "coventry", "dee@example.org", Role::Citizen, false, false).await;
        let dee_token = api_token(&app, &dee).await;
        assert_problem(send(&app, HOST, Method::POST, &support, Some(&dee_token), None).await, 403, "residency_required").await;
        let res = send(&app, HOST, Method::POST, "/api/v1/me/residency", Some(&dee_token), Some(json!({"request": {"note": "I live on Far Gosford Street"}}))).await;
        assert!(res.status().is_success(), "{}", res.status());
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/residency/requests/{}/decision", dee.id), Some(&p.admin_token), Some(json!({"decision": "approve", "reason": "Known to the ward office"}))).await;
        assert!(res.status().is_success(), "{}", res.status());
        let res = send(&app, HOST, Method::POST, &support, Some(&dee_token), None).await;
        assert_eq!(res.status(), 200);
        let supports = json(res).await["supports"].as_i64().unwrap();
        let res = send(&app, HOST, Method::DELETE, &support, Some(&dee_token), None).await;
        assert_eq!(json(res).await["supports"].as_i64().unwrap(), supports - 1);
        let res = send(&app, HOST, Method::PATCH, "/api/v1/admin/settings", Some(&p.admin_token), Some(json!({"residency_routes": ["verified_email"]}))).await;
        assert_eq!(res.status(), 200);
        // Past co-design, supports are closed.
        set_supports(&app, &id, 50).await;
        for to in ["in_codesign", "accepted"] {
            assert_eq!(patch(&app, &p.admin_token, &id, json!({"status": to})).await.status(), 200);
        }
        assert_problem(send(&app, HOST, Method::POST, &support, Some(&p.bob_token), None).await, 409, "not_open_for_support").await;
        assert_problem(send(&app, HOST, Method::DELETE, &support, Some(&p.bob_token), None).await, 409, "not_open_for_support").await;
    }
);

const EVIL: &str = "Hello <script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) <a href=\"javascript:alert(2)\" onclick=\"alert(3)\">y</a>";

both_backends!(
    async fn bodies_are_sanitised(app) {
        let p = people(&app).await;
        let created = create(&app, &p.ann_token, json!({"title": "Safe", "body": EVIL, "intended_outcome": "<b>bold</b> claims"})).await;
        let id = created["id"].as_str().unwrap();
        // The source is kept as written; what is shown is safe.
        assert_eq!(created["body"], EVIL);
        let html = created["body_html"].as_str().unwrap().to_lowercase();
        for bad in ["<script", "onerror", "javascript:", "onclick", "<img"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        let page = app.get(HOST, &format!("/proposals/{id}")).await.text().await.unwrap().to_lowercase();
        for bad in ["<script", "onerror", "javascript:", "onclick", "<img", "<b>bold"] {
            assert!(!page.contains(bad), "{bad} on the page");
        }
        assert!(page.contains("hello"));
    }
);

both_backends!(
    async fn drafts_are_seen_only_by_their_authors(app) {
        let p = people(&app).await;
        let draft = create(&app, &p.ann_token, json!({"draft": true, "title": "Secret plan", "body": "b", "intended_outcome": "o"})).await;
        assert_eq!(draft["status"], "draft");
        assert_eq!(draft["published_at"], Value::Null);
        let id = draft["id"].as_str().unwrap();
        let path = format!("/api/v1/proposals/{id}");
        assert_eq!(send(&app, HOST, Method::GET, &path, Some(&p.ann_token), None).await.status(), 200);
        for token in [Some(p.bob_token.as_str()), Some(p.admin_token.as_str()), None] {
            assert_problem(send(&app, HOST, Method::GET, &path, token, None).await, 404, "not_found").await;
        }
        assert_eq!(app.get(HOST, &format!("/proposals/{id}")).await.status(), 404);
        let list = json(app.get(HOST, "/api/v1/proposals?q=secret").await).await;
        assert_eq!(list["total"], 0);
        assert_problem(app.get(HOST, "/api/v1/proposals?status=draft").await, 422, "validation_failed").await;
        let mine = json(send(&app, HOST, Method::GET, "/api/v1/me/proposals", Some(&p.ann_token), None).await).await;
        assert_eq!(mine["proposals"][0]["title"], "Secret plan");
        let ann_page = browser_session(&app, HOST, &p.ann).await;
        let html = ann_page.get(app.url(HOST, "/proposals/mine")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Secret plan") && html.contains("Draft"));
        // Publishing by the page's button.
        let page = ann_page.get(app.url(HOST, &format!("/proposals/{id}"))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Publish the proposal"));
        let res = ann_page.post(app.url(HOST, &format!("/proposals/{id}/status")))
            .form(&[("csrf", csrf_in(&page).as_str()), ("status", "published"), ("reason", "")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(app.get(HOST, &path).await.status(), 200);
        assert_eq!(json(app.get(HOST, "/api/v1/proposals?q=secret").await).await["total"], 1);
    }
);

both_backends!(
    async fn co_authors_are_invited_and_answer(app) {
        let p = people(&app).await;
        let cat = user(&app, "coventry", "cat@example.org", Role::Citizen, false, false).await;
        let cat_token = api_token(&app, &cat).await;
        let id = create(&app, &p.ann_token, json!({"draft": true, "title": "Together", "body": "b", "intended_outcome": "o"})).await["id"].as_str().unwrap().to_owned();
        let coauthors = format!("/api/v1/proposals/{id}/coauthors");
        let invite = |token: String, body: Value| {
            let (app, coauthors) = (&app, coauthors.clone());
            async move { send(app, HOST, Method::POST, &coauthors, Some(&token), Some(body)).await }
        };
        // Bob cannot see the draft, so cannot invite; bad invitees are field errors.
        assert_problem(invite(p.bob_token.clone(), json!({"email": "cat@example.org"})).await, 404, "not_found").await;
        assert_problem(invite(p.ann_token.clone(), json!({"email": "nobody@example.org"})).await, 422, "validation_failed").await;
        assert_problem(invite(p.ann_token.clone(), json!({"email": "ann@example.org"})).await, 422, "validation_failed").await;
        assert_problem(invite(p.ann_token.clone(), json!({})).await, 422, "validation_failed").await;
        let res = invite(p.ann_token.clone(), json!({"email": "BOB@example.org"})).await;
        assert_eq!(res.status(), 201);
        assert_eq!(json(res).await["status"], "pending");
        assert_problem(invite(p.ann_token.clone(), json!({"email": "bob@example.org"})).await, 409, "already_invited").await;
        crate::common::delivered_email(&app, "bob@example.org", "proposal_coauthor_invitation").await;
        // Bob sees it, may read the draft, and accepts; then he may edit.
        let mine = json(send(&app, HOST, Method::GET, "/api/v1/me/proposals", Some(&p.bob_token), None).await).await;
        assert_eq!(mine["invitations"][0]["proposal_id"], id.as_str());
        assert_eq!(send(&app, HOST, Method::GET, &format!("/api/v1/proposals/{id}"), Some(&p.bob_token), None).await.status(), 200);
        assert_problem(patch(&app, &p.bob_token, &id, json!({"title": "Bob's now"})).await, 403, "forbidden").await;
        let answer = format!("/api/v1/proposals/{id}/invitation");
        assert_eq!(send(&app, HOST, Method::POST, &answer, Some(&p.bob_token), Some(json!({"decision": "accept"}))).await.status(), 204);
        assert_problem(send(&app, HOST, Method::POST, &answer, Some(&p.bob_token), Some(json!({"decision": "accept"}))).await, 404, "not_found").await;
        assert_problem(send(&app, HOST, Method::POST, &answer, Some(&cat_token), Some(json!({"decision": "accept"}))).await, 404, "not_found").await;
        assert_problem(send(&app, HOST, Method::POST, &answer, Some(&cat_token), Some(json!({"decision": "maybe"}))).await, 400, "invalid_body").await;
        let res = patch(&app, &p.bob_token, &id, json!({"title": "Together, better"})).await;
        assert_eq!(res.status(), 200);
        let view = json(res).await;
        let roles: Vec<&str> = view["authors"].as_array().unwrap().iter().map(|a| a["role"].as_str().unwrap()).collect();
        assert_eq!(roles, ["author", "coauthor"]);
        // Only the author invites; a co-author may publish.
        assert_problem(invite(p.bob_token.clone(), json!({"email": "cat@example.org"})).await, 403, "forbidden").await;
        assert_eq!(patch(&app, &p.bob_token, &id, json!({"status": "published"})).await.status(), 200);
        // Cat declines; she can be asked again.
        assert_eq!(invite(p.ann_token.clone(), json!({"user_id": cat.id.to_string()})).await.status(), 201);
        assert_eq!(send(&app, HOST, Method::POST, &answer, Some(&cat_token), Some(json!({"decision": "decline"}))).await.status(), 204);
        let list = json(send(&app, HOST, Method::GET, &coauthors, Some(&p.ann_token), None).await).await;
        let statuses: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["status"].as_str().unwrap()).collect();
        assert_eq!(statuses, ["accepted", "declined"]);
        assert_problem(send(&app, HOST, Method::GET, &coauthors, Some(&cat_token), None).await, 403, "forbidden").await;
        assert_eq!(invite(p.ann_token.clone(), json!({"email": "cat@example.org"})).await.status(), 201);
        // The author removes Bob; he can no longer edit.
        let bob_id = list[0]["user_id"].as_str().unwrap().to_owned();
        assert_eq!(send(&app, HOST, Method::DELETE, &format!("{coauthors}/{bob_id}"), Some(&p.ann_token), None).await.status(), 204);
        assert_problem(send(&app, HOST, Method::DELETE, &format!("{coauthors}/{bob_id}"), Some(&p.ann_token), None).await, 404, "not_found").await;
        assert_problem(patch(&app, &p.bob_token, &id, json!({"title": "Mine again"})).await, 403, "forbidden").await;

        // The same on the pages: Cat accepts her invitation there.
        let cat_page = browser_session(&app, HOST, &cat).await;
        let html = cat_page.get(app.url(HOST, "/proposals/mine")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Together, better") && html.contains("Accept"));
        let res = cat_page.post(app.url(HOST, &format!("/proposals/{id}/invitation")))
            .form(&[("csrf", csrf_in(&html).as_str()), ("decision", "accept")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let page = cat_page.get(app.url(HOST, &format!("/proposals/{id}"))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Edit the proposal"));
        // Ann invites by the page; a wrong address is shown beside the field.
        let ann_page = browser_session(&app, HOST, &p.ann).await;
        let page = ann_page.get(app.url(HOST, &format!("/proposals/{id}"))).send().await.unwrap().text().await.unwrap();
        let res = ann_page.post(app.url(HOST, &format!("/proposals/{id}/coauthors")))
            .form(&[("csrf", csrf_in(&page).as_str()), ("email", "ghost@example.org")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("email-error"));
    }
);

both_backends!(
    async fn edits_after_publication_keep_a_history(app) {
        let p = people(&app).await;
        let id = create(&app, &p.ann_token, json!({"draft": true, "title": "First words", "body": "b", "intended_outcome": "o"})).await["id"].as_str().unwrap().to_owned();
        // Draft edits are not history.
        assert_eq!(patch(&app, &p.ann_token, &id, json!({"title": "Second words"})).await.status(), 200);
        assert_eq!(patch(&app, &p.ann_token, &id, json!({"status": "published"})).await.status(), 200);
        let revisions = format!("/api/v1/proposals/{id}/revisions");
        assert!(json(app.get(HOST, &revisions).await).await.as_array().unwrap().is_empty());
        let res = patch(&app, &p.ann_token, &id, json!({"title": "Third words", "body": "A better body", "tags": ["Benches"]})).await;
        assert_eq!(res.status(), 200);
        let view = json(res).await;
        assert_eq!(view["tags"], json!(["benches"]));
        assert_eq!(view["timeline"].as_array().unwrap().last().unwrap()["kind"], "edited");
        let history = json(app.get(HOST, &revisions).await).await;
        assert_eq!(history.as_array().unwrap().len(), 1);
        assert_eq!(history[0]["title"], "Second words");
        assert_eq!(history[0]["body"], "b");
        assert_eq!(history[0]["edited_by"], "ann");
        // Tags alone change no text: no new version.
        assert_eq!(patch(&app, &p.ann_token, &id, json!({"tags": []})).await.status(), 200);
        assert_eq!(json(app.get(HOST, &revisions).await).await.as_array().unwrap().len(), 1);
        let page = app.get(HOST, &format!("/proposals/{id}/history")).await.text().await.unwrap();
        assert!(page.contains("Second words") && page.contains("Version replaced on"));
        // After a decision the text is settled.
        set_supports(&app, &id, 50).await;
        for to in ["in_codesign", "accepted"] {
            assert_eq!(patch(&app, &p.admin_token, &id, json!({"status": to})).await.status(), 200);
        }
        assert_problem(patch(&app, &p.ann_token, &id, json!({"title": "Too late"})).await, 409, "proposal_decided").await;
    }
);

fn titles(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_owned())
        .collect()
}

both_backends!(
    async fn lists_filter_sort_and_page(app) {
        let p = people(&app).await;
        let area = json(send(&app, HOST, Method::POST, "/api/v1/areas", Some(&p.admin_token), Some(json!({"name": "Hillfields", "kind": "neighbourhood"}))).await).await["id"].as_str().unwrap().to_owned();
        let mut ids = Vec::new();
        for i in 0..5 {
            let mut b = proposal(&format!("Proposal {i}"));
            if i % 2 == 0 {
                b["area_id"] = json!(area);
                b["tags"] = json!(["parks", "Benches"]);
            }
            if i == 3 {
                b["body"] = json!("Plant an orchard of apple trees");
            }
            ids.push(create(&app, &p.ann_token, b).await["id"].as_str().unwrap().to_owned());
        }
        set_supports(&app, &ids[1], 7).await;
        set_supports(&app, &ids[3], 3).await;
        let list = |q: &str| {
            let app = &app;
            let q = q.to_owned();
            async move { json(app.get(HOST, &format!("/api/v1/proposals{q}")).await).await }
        };
        let all = list("").await;
        assert_eq!((all["total"].as_i64(), all["page"].as_i64(), all["per_page"].as_i64()), (Some(5), Some(1), Some(20)));
        assert_eq!(titles(&all), ["Proposal 4", "Proposal 3", "Proposal 2", "Proposal 1", "Proposal 0"]);
        assert_eq!(all["next_cursor"], Value::Null);
        assert_eq!(titles(&list("?sort=most_supported").await)[..2], ["Proposal 1", "Proposal 3"]);
        assert_eq!(titles(&list(&format!("?area_id={area}")).await), ["Proposal 4", "Proposal 2", "Proposal 0"]);
        assert_eq!(titles(&list("?tag=benches").await).len(), 3);
        assert_eq!(titles(&list("?tag=BENCHES&q=proposal 2").await), ["Proposal 2"]);
        assert_eq!(titles(&list("?q=ORCHARD apple").await), ["Proposal 3"]);
        assert_eq!(titles(&list("?q=50%25").await).len(), 0);
        // Recently active: an edit brings one to the top.
        assert_eq!(patch(&app, &p.ann_token, &ids[0], json!({"title": "Proposal 0, revised"})).await.status(), 200);
        assert_eq!(titles(&list("?sort=recently_active").await)[0], "Proposal 0, revised");
        // Status filter.
        set_supports(&app, &ids[2], 50).await;
        assert_eq!(patch(&app, &p.admin_token, &ids[2], json!({"status": "in_codesign"})).await.status(), 200);
        assert_eq!(titles(&list("?status=in_codesign").await), ["Proposal 2"]);
        assert_eq!(list("?status=published").await["total"], 4);
        // Pages by number and by cursor agree, for every sort.
        for sort in ["newest", "most_supported", "recently_active"] {
            let mut by_number = Vec::new();
            for page in 1..=3 {
                let l = list(&format!("?sort={sort}&per_page=2&page={page}")).await;
                assert_eq!(l["total"], 5);
                by_number.extend(titles(&l));
            }
            let mut by_cursor = Vec::new();
            let mut l = list(&format!("?sort={sort}&per_page=2")).await;
            let mut pages = vec![l["page"].as_i64().unwrap()];
            loop {
                by_cursor.extend(titles(&l));
                let Some(next) = l["next_cursor"].as_str().map(str::to_owned) else { break };
                l = list(&format!("?sort={sort}&per_page=2&cursor={next}")).await;
                pages.push(l["page"].as_i64().unwrap());
            }
            assert_eq!(by_number, by_cursor, "{sort}");
            assert_eq!(pages, [1, 2, 3]);
        }
        // Bad values are field errors.
        let first = list("?per_page=2").await;
        let cursor = first["next_cursor"].as_str().unwrap();
        for bad in ["?sort=best", "?status=done", "?area_id=nope", "?tag=two%20words", "?cursor=garbage", "?per_page=0", "?page=x", &format!("?sort=most_supported&cursor={cursor}"), &format!("?area_id={}", coproduce::db::ids::AreaId::new())] {
            assert_problem(app.get(HOST, &format!("/api/v1/proposals{bad}")).await, 422, "validation_failed").await;
        }
        // The page lists and filters too, without JavaScript.
        let html = app.get(HOST, &format!("/proposals?tag=parks&area_id={area}&sort=newest")).await.text().await.unwrap();
        assert!(html.contains("Proposal 4") && !html.contains("Proposal 3"));
        let res = app.get(HOST, "/proposals?sort=best").await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("sort-error"));
        // The area's page lists its proposals; an area in use stays.
        let html = app.get(HOST, &format!("/areas/{area}")).await.text().await.unwrap();
        assert!(html.contains("Proposal 4") && !html.contains("Proposal 1<"));
        assert_problem(send(&app, HOST, Method::DELETE, &format!("/api/v1/areas/{area}"), Some(&p.admin_token), None).await, 409, "area_in_use").await;
    }
);

both_backends!(
    async fn bad_input_is_refused_and_nothing_half_written(app) {
        let p = people(&app).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let leeds_admin = user(&app, "leeds", "admin@leeds.example.org", Role::Admin, false, true).await;
        let leeds_token = api_token(&app, &leeds_admin).await;
        let res = app.client(OTHER).post(app.url(OTHER, "/api/v1/areas")).bearer_auth(&leeds_token).json(&json!({"name": "Headingley"})).send().await.unwrap();
        let leeds_area = json(res).await["id"].as_str().unwrap().to_owned();
        let post = |b: Value| {
            let (app, token) = (&app, p.ann_token.clone());
            async move { send(app, HOST, Method::POST, "/api/v1/proposals", Some(&token), Some(b)).await }
        };
        let problem = assert_problem(post(json!({"title": "x", "body": " ", "intended_outcome": ""})).await, 422, "validation_failed").await;
        let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["title", "body", "intended_outcome"]);
        let mut b = proposal("Fine title");
        b["area_id"] = json!(leeds_area);
        assert_eq!(assert_problem(post(b.clone()).await, 422, "validation_failed").await["errors"][0]["field"], "area_id");
        b["area_id"] = json!("not-an-id");
        assert_problem(post(b).await, 422, "validation_failed").await;
        let mut b = proposal("Fine title");
        b["tags"] = json!(["a", "b", "c", "d", "e", "f"]);
        assert_problem(post(b).await, 422, "validation_failed").await;
        let mut b = proposal("Fine title");
        b["title"] = json!("t".repeat(151));
        assert_problem(post(b).await, 422, "validation_failed").await;
        assert_problem(post(json!({"title": 5})).await, 400, "invalid_body").await;
        let res = app.client(HOST).post(app.url(HOST, "/api/v1/proposals")).bearer_auth(&p.ann_token)
            .header("content-type", "application/json").body("{not json").send().await.unwrap();
        assert_problem(res, 400, "malformed_json").await;
        assert_problem(send(&app, HOST, Method::POST, "/api/v1/proposals", None, Some(proposal("No token"))).await, 401, "unauthorized").await;
        let count = app
            .db(|conn| {
                use coproduce::db::schema::{proposal_events, proposals};
                use diesel::prelude::*;
                (proposals::table.count().get_result::<i64>(conn).unwrap(), proposal_events::table.count().get_result::<i64>(conn).unwrap())
            })
            .await;
        assert_eq!(count, (0, 0));
        // Bad ids are missing things; bad edits change nothing.
        assert_problem(app.get(HOST, "/api/v1/proposals/not-an-id").await, 404, "not_found").await;
        let id = create(&app, &p.ann_token, proposal("Fine title")).await["id"].as_str().unwrap().to_owned();
        assert_problem(patch(&app, &p.ann_token, &id, json!({"title": "", "intended_outcome": ""})).await, 422, "validation_failed").await;
        assert_problem(patch(&app, &p.bob_token, &id, json!({"title": "Bob was here"})).await, 403, "forbidden").await;
        assert_eq!(json(app.get(HOST, &format!("/api/v1/proposals/{id}")).await).await["title"], "Fine title");
        // The page form shows errors beside the fields.
        let ann_page = browser_session(&app, HOST, &p.ann).await;
        let form = ann_page.get(app.url(HOST, "/proposals/new")).send().await.unwrap().text().await.unwrap();
        let res = ann_page.post(app.url(HOST, "/proposals/new"))
            .form(&[("csrf", csrf_in(&form).as_str()), ("title", "Ok title"), ("body", "b"), ("intended_outcome", ""), ("action", "publish")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("intended_outcome-error") && html.contains("Ok title"));
    }
);

both_backends!(
    async fn other_places_cannot_reach_proposals(app) {
        let p = people(&app).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let sam = user(&app, "leeds", "sam@example.org", Role::Admin, false, true).await;
        let sam_token = api_token(&app, &sam).await;
        let id = create(&app, &p.ann_token, proposal("Coventry only")).await["id"].as_str().unwrap().to_owned();
        let draft = create(&app, &p.ann_token, json!({"draft": true, "title": "Coventry draft", "body": "b", "intended_outcome": "o"})).await["id"].as_str().unwrap().to_owned();
        for target in [&id, &draft] {
            let base = format!("/api/v1/proposals/{target}");
            let ann_id = p.ann.id.to_string();
            let probes: Vec<(Method, String, Option<Value>)> = vec![
                (Method::GET, base.clone(), None),
                (Method::PATCH, base.clone(), Some(json!({"title": "Leeds now"}))),
                (Method::PATCH, base.clone(), Some(json!({"status": "in_codesign"}))),
                (Method::POST, format!("{base}/support"), None),
                (Method::DELETE, format!("{base}/support"), None),
                (Method::GET, format!("{base}/revisions"), None),
                (Method::GET, format!("{base}/coauthors"), None),
                (Method::POST, format!("{base}/coauthors"), Some(json!({"email": "sam@example.org"}))),
                (Method::DELETE, format!("{base}/coauthors/{ann_id}"), None),
                (Method::POST, format!("{base}/invitation"), Some(json!({"decision": "accept"}))),
            ];
            for (method, path, b) in probes {
                let res = send(&app, OTHER, method.clone(), &path, Some(&sam_token), b).await;
                assert_problem(res, 404, "not_found").await;
            }
            let sam_page = browser_session(&app, OTHER, &sam).await;
            for path in ["", "/edit", "/history"] {
                let res = sam_page.get(app.url(OTHER, &format!("/proposals/{target}{path}"))).send().await.unwrap();
                assert_eq!(res.status(), 404, "{path}");
            }
            let home = sam_page.get(app.url(OTHER, "/proposals")).send().await.unwrap().text().await.unwrap();
            let csrf = csrf_in(&home);
            for path in ["/status", "/support", "/support/withdraw", "/coauthors", &format!("/coauthors/{}/remove", p.ann.id), "/invitation"] {
                let res = sam_page.post(app.url(OTHER, &format!("/proposals/{target}{path}")))
                    .form(&[("csrf", csrf.as_str()), ("status", "in_codesign"), ("email", "ann@example.org"), ("decision", "accept")]).send().await.unwrap();
                assert_eq!(res.status(), 404, "{path}");
            }
            assert!(!home.contains("Coventry"));
        }
        let theirs = json(send(&app, OTHER, Method::GET, "/api/v1/proposals", Some(&sam_token), None).await).await;
        assert_eq!(theirs["total"], 0);
        let mine = json(send(&app, OTHER, Method::GET, "/api/v1/me/proposals", Some(&sam_token), None).await).await;
        assert!(mine["proposals"].as_array().unwrap().is_empty());
        // A Coventry token is not valid in Leeds at all.
        assert_problem(send(&app, OTHER, Method::GET, "/api/v1/me/proposals", Some(&p.ann_token), None).await, 401, "unauthorized").await;
        assert_eq!(json(app.get(HOST, &format!("/api/v1/proposals/{id}")).await).await["title"], "Coventry only");
    }
);

async fn erasure_detaches_published_proposals(app: TestApp, contributions: &str) {
    let p = people(&app).await;
    let published = create(&app, &p.ann_token, proposal("Ann's bench")).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let draft = create(
        &app,
        &p.ann_token,
        json!({"draft": true, "title": "Ann's draft", "body": "b", "intended_outcome": "o"}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let bobs = create(&app, &p.bob_token, proposal("Bob's lamp")).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        patch(
            &app,
            &p.ann_token,
            &published,
            json!({"body": "Now with armrests"})
        )
        .await
        .status(),
        200
    );
    let res = send(
        &app,
        HOST,
        Method::POST,
        &format!("/api/v1/proposals/{bobs}/support"),
        Some(&p.ann_token),
        None,
    )
    .await;
    assert_eq!(json(res).await["supports"], 1);

    let export = json(
        send(
            &app,
            HOST,
            Method::GET,
            "/api/v1/me/export",
            Some(&p.ann_token),
            None,
        )
        .await,
    )
    .await;
    let written: Vec<&str> = export["proposals"]["written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["title"].as_str().unwrap())
        .collect();
    assert_eq!(written, ["Ann's draft", "Ann's bench"]);
    assert_eq!(export["proposals"]["supports"][0]["title"], "Bob's lamp");
    assert_eq!(
        export["proposals"]["revisions"][0]["previous_body"],
        "We would like a *bench* by the bus stop."
    );
    assert!(export["proposals"]["timeline"].as_array().unwrap().len() >= 3);

    let res = send(
        &app,
        HOST,
        Method::DELETE,
        "/api/v1/me",
        Some(&p.ann_token),
        Some(json!({"password": crate::common::USER_PASSWORD, "contributions": contributions})),
    )
    .await;
    assert_eq!(res.status(), 204);
    // The published proposal stays on the record, by "a former resident".
    let kept = json(
        app.get(HOST, &format!("/api/v1/proposals/{published}"))
            .await,
    )
    .await;
    assert_eq!(kept["authors"][0]["name"], "A former resident");
    assert_eq!(kept["authors"][0].get("user_id"), None);
    assert!(kept["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["by"] == "A former resident"));
    let history = json(
        app.get(HOST, &format!("/api/v1/proposals/{published}/revisions"))
            .await,
    )
    .await;
    assert_eq!(history[0]["edited_by"], "A former resident");
    // The draft is gone; her support went and the count followed.
    let admin = json(
        send(
            &app,
            HOST,
            Method::GET,
            &format!("/api/v1/proposals/{draft}"),
            Some(&p.admin_token),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(admin["status"], 404);
    let exists = app
        .db(move |conn| {
            use coproduce::db::schema::proposals;
            use diesel::prelude::*;
            proposals::table
                .filter(proposals::id.eq(draft))
                .count()
                .get_result::<i64>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(exists, 0);
    assert_eq!(
        json(app.get(HOST, &format!("/api/v1/proposals/{bobs}")).await).await["supports"],
        0
    );
    // The kept counts followed: two listed, no draft left.
    assert_eq!(
        json(app.get(HOST, "/api/v1/proposals").await).await["total"],
        2
    );
    let counts = app
        .db(|conn| {
            use coproduce::db::schema::proposal_counts;
            use diesel::prelude::*;
            proposal_counts::table
                .order(proposal_counts::status.asc())
                .select((proposal_counts::status, proposal_counts::n))
                .load::<(String, i64)>(conn)
                .unwrap()
        })
        .await;
    assert_eq!(
        counts,
        [("draft".to_owned(), 0), ("published".to_owned(), 2)]
    );
}

mod erasure {
    use super::*;

    #[tokio::test]
    async fn anonymised_on_sqlite() {
        erasure_detaches_published_proposals(
            TestApp::spawn(crate::common::Backend::Sqlite).await,
            "anonymise",
        )
        .await;
    }

    #[tokio::test]
    async fn anonymised_on_postgres() {
        erasure_detaches_published_proposals(
            TestApp::spawn(crate::common::Backend::Postgres).await,
            "anonymise",
        )
        .await;
    }

    #[tokio::test]
    async fn deleted_on_sqlite() {
        erasure_detaches_published_proposals(
            TestApp::spawn(crate::common::Backend::Sqlite).await,
            "delete",
        )
        .await;
    }

    #[tokio::test]
    async fn deleted_on_postgres() {
        erasure_detaches_published_proposals(
            TestApp::spawn(crate::common::Backend::Postgres).await,
            "delete",
        )
        .await;
    }
}

both_backends!(
    async fn write_publish_and_support_in_the_browser(app) {
        use crate::common::browser::Browser;
        use crate::common::session_secret;
        use coproduce::accounts::model::SessionKind;
        use fantoccini::Locator;
        let p = people(&app).await;
        let bob = user(&app, "coventry", "bobby@example.org", Role::Citizen, false, false).await;
        let admin = user(&app, "coventry", "boss@example.org", Role::Admin, false, true).await;
        let area = json(send(&app, HOST, Method::POST, "/api/v1/areas", Some(&p.admin_token), Some(json!({"name": "Hillfields", "kind": "neighbourhood"}))).await).await["id"].as_str().unwrap().to_owned();
        let browser = Browser::start(&app).await;
        let sign_in_as = |who: User| {
            let (browser, app) = (&browser, &app);
            async move {
                let secret = session_secret(app, &who, SessionKind::Browser).await;
                browser.goto(app, HOST, "/").await;
                // Chromedriver refuses cookies for `.test` names; the page can set it.
                browser.client.execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![]).await.unwrap();
            }
        };
        let find = |css: &'static str| {
            let client = browser.client.clone();
            async move { client.find(Locator::Css(css)).await.unwrap() }
        };
        sign_in_as(p.ann.clone()).await;

        // Writing, with a mistake first.
        browser.goto(&app, HOST, "/proposals/new").await;
        browser.wait_for_heading("Write a proposal").await;
        browser.assert_accessible().await;
        find("#title").await.send_keys("Benches on Primrose Hill Street").await.unwrap();
        find("button[value=publish]").await.click().await.unwrap();
        browser.wait_for_heading("Write a proposal").await;
        assert!(browser.text("#intended_outcome-error").await.contains("people this is for"));
        browser.assert_accessible().await;
        find("#intended_outcome").await.send_keys("Older residents can rest on the walk to the shops.").await.unwrap();
        find("#body").await.send_keys(EVIL).await.unwrap();
        find("#tags").await.send_keys("benches, older-people").await.unwrap();
        browser.client.find(Locator::Css(&format!("#area_id option[value='{area}']"))).await.unwrap().click().await.unwrap();
        find("button[value=publish]").await.click().await.unwrap();
        browser.wait_for_heading("Benches on Primrose Hill Street").await;
        assert!(browser.text(".notice").await.contains("published"));
        browser.assert_accessible().await;
        // Nothing that runs reached the page.
        let dangerous = browser.client.execute(
            "return document.querySelectorAll('main script, main [onerror], main [onclick], main a[href^=\"javascript\"], main img').length",
            vec![],
        ).await.unwrap();
        assert_eq!(dangerous, json!(0));
        assert!(browser.text(".story").await.contains("Hello"));
        let id = browser.client.current_url().await.unwrap().path().trim_start_matches("/proposals/").to_owned();

        // Ann's own pages.
        let ann_token = p.ann_token.clone();
        assert_eq!(patch(&app, &ann_token, &id, json!({"title": "Benches on Primrose Hill"})).await.status(), 200);
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/proposals/{id}/coauthors"), Some(&ann_token), Some(json!({"email": "bobby@example.org"}))).await;
        assert_eq!(res.status(), 201);
        for (path, heading) in [
            (format!("/proposals/{id}/edit"), "Edit the proposal"),
            (format!("/proposals/{id}/history"), "History of “Benches on Primrose Hill”"),
            ("/proposals/mine".to_owned(), "Your proposals"),
            ("/proposals".to_owned(), "Proposals"),
            (format!("/areas/{area}"), "Hillfields"),
        ] {
            browser.goto(&app, HOST, &path).await;
            browser.wait_for_heading(heading).await;
            browser.assert_accessible().await;
        }
        // The area's page (the last one) lists it.
        assert!(browser.text("main").await.contains("Benches on Primrose Hill"));

        // Bob supports it, and sees his invitation.
        sign_in_as(bob.clone()).await;
        browser.goto(&app, HOST, &format!("/proposals/{id}")).await;
        browser.wait_for_heading("Benches on Primrose Hill").await;
        assert!(browser.text("main").await.contains("You are invited"));
        browser.assert_accessible().await;
        find("form[action$='/support'] button").await.click().await.unwrap();
        browser.wait_for_heading("Benches on Primrose Hill").await;
        assert!(browser.text(".notice").await.contains("support is counted"));
        assert!(browser.text("#support-progress-label").await.starts_with("1 of the 50"));
        browser.assert_accessible().await;
        browser.goto(&app, HOST, "/proposals/mine").await;
        browser.wait_for_heading("Your proposals").await;
        browser.assert_accessible().await;

        // The admin's moves: waiting for the threshold, then a form.
        sign_in_as(admin.clone()).await;
        browser.goto(&app, HOST, &format!("/proposals/{id}")).await;
        browser.wait_for_heading("Benches on Primrose Hill").await;
        assert!(browser.text("main").await.contains("once it has 50 supports"));
        set_supports(&app, &id, 50).await;
        browser.goto(&app, HOST, &format!("/proposals/{id}")).await;
        browser.wait_for_heading("Benches on Primrose Hill").await;
        find("form[action$='/status'] button").await.click().await.unwrap();
        browser.wait_for_heading("Benches on Primrose Hill").await;
        assert!(browser.text(".badge").await.contains("co-design"));
        // Not taken forward without a response: the error is beside the box.
        find("form:has(#reason-not_taken_forward) button").await.click().await.unwrap();
        browser.wait_for_heading("Benches on Primrose Hill").await;
        assert!(browser.text("#reason-not_taken_forward-error").await.contains("public response"));
        browser.assert_accessible().await;
        browser.close().await;
    }
);

/// List latency at 100,000 proposals in one place, on each backend:
/// `cargo test --test it proposals::list_latency -- --ignored --nocapture`.
async fn list_latency(app: TestApp) {
    use coproduce::db::ids::{AreaId, ProposalId};
    use coproduce::db::schema::areas;
    use diesel::prelude::*;
    const N: usize = 100_000;
    let tenant = app.tenant("coventry", "Coventry", &[HOST]).await;
    let tenant_id = tenant.id.clone();
    let started = std::time::Instant::now();
    let area = app
        .db(move |conn| {
            let base = chrono::Utc::now().naive_utc() - chrono::Duration::days(400);
            let ts = |at: chrono::NaiveDateTime| format!("'{}'", at.format("%F %T"));
            let areas: Vec<AreaId> = (0..10).map(|_| AreaId::new()).collect();
            conn.transaction::<_, diesel::result::Error, _>(|conn| {
                for (i, a) in areas.iter().enumerate() {
                    diesel::insert_into(areas::table)
                        .values((
                            areas::tenant_id.eq(&tenant_id),
                            areas::id.eq(a),
                            areas::name.eq(format!("Area {i}")),
                            areas::kind.eq("neighbourhood"),
                            areas::created_at.eq(base),
                            areas::updated_at.eq(base),
                        ))
                        .execute(conn)?;
                }
                let statuses = ["published", "published", "published", "in_codesign", "accepted", "delivered", "draft"];
                let (mut rows, mut tags) = (Vec::new(), Vec::new());
                for i in 0..N {
                    let at = base + chrono::Duration::seconds(i as i64 * 300);
                    let status = statuses[i % statuses.len()];
                    let title = format!("Proposal number {i} about benches and {}", ["parks", "buses", "libraries", "housing"][i % 4]);
                    let id = ProposalId::new();
                    rows.push(format!(
                        "('{tenant_id}', '{id}', NULL, '{title}', 'A body of some length that says what is proposed.', 'People can do something they could not do before.', {area}, '{status}', {supports}, '{search}', {at}, {at}, {published}, {active})",
                        area = if i % 3 == 0 { format!("'{}'", areas[i % 10]) } else { "NULL".into() },
                        supports = (i * 7919) % 500,
                        search = title.to_lowercase(),
                        at = ts(at),
                        published = if status == "draft" { "NULL".into() } else { ts(at) },
                        active = ts(at + chrono::Duration::seconds(((i * 104_729) % 100_000) as i64)),
                    ));
                    if i % 10 == 0 {
                        tags.push(format!("('{tenant_id}', '{id}', 't{}')", i % 70));
                    }
                    if rows.len() == 1000 || i == N - 1 {
                        diesel::sql_query(format!(
                            "INSERT INTO proposals (tenant_id, id, author_id, title, body, intended_outcome, area_id, status, support_count, search_text, created_at, updated_at, published_at, last_activity_at) VALUES {}",
                            rows.join(", ")
                        ))
                        .execute(conn)?;
                        diesel::sql_query(format!("INSERT INTO proposal_tags (tenant_id, proposal_id, tag) VALUES {}", tags.join(", "))).execute(conn)?;
                        rows.clear();
                        tags.clear();
                    }
                }
                Ok(())
            })
            .unwrap();
            diesel::sql_query("INSERT INTO proposal_counts (tenant_id, status, n) SELECT tenant_id, status, COUNT(*) FROM proposals GROUP BY tenant_id, status")
                .execute(conn)
                .unwrap();
            diesel::sql_query("ANALYZE").execute(conn).unwrap();
            areas[3].clone()
        })
        .await;
    eprintln!(
        "[{:?}] seeded {N} proposals in {:.1?}",
        app.backend,
        started.elapsed()
    );
    let deep = json(
        app.get(HOST, "/api/v1/proposals?page=4000&per_page=20")
            .await,
    )
    .await;
    let deep_cursor = deep["next_cursor"].as_str().unwrap().to_owned();
    let deep_supported = json(
        app.get(
            HOST,
            "/api/v1/proposals?page=4000&per_page=20&sort=most_supported",
        )
        .await,
    )
    .await;
    let deep_supported_cursor = deep_supported["next_cursor"].as_str().unwrap().to_owned();
    let cases = [
        ("newest, page 1", "/api/v1/proposals".to_owned()),
        (
            "most supported, page 1",
            "/api/v1/proposals?sort=most_supported".to_owned(),
        ),
        (
            "recently active, page 1",
            "/api/v1/proposals?sort=recently_active".to_owned(),
        ),
        (
            "status=in_codesign, most supported",
            "/api/v1/proposals?status=in_codesign&sort=most_supported".to_owned(),
        ),
        ("area", format!("/api/v1/proposals?area_id={area}")),
        ("tag", "/api/v1/proposals?tag=t7".to_owned()),
        (
            "text q=libraries",
            "/api/v1/proposals?q=libraries".to_owned(),
        ),
        (
            "newest, page 4000 by offset",
            "/api/v1/proposals?page=4000".to_owned(),
        ),
        (
            "newest, page 4001 by cursor",
            format!("/api/v1/proposals?cursor={deep_cursor}"),
        ),
        (
            "most supported, page 4001 by cursor",
            format!("/api/v1/proposals?sort=most_supported&cursor={deep_supported_cursor}"),
        ),
        ("HTML /proposals", "/proposals".to_owned()),
    ];
    for (name, path) in cases {
        let mut times = Vec::new();
        for _ in 0..7 {
            let t = std::time::Instant::now();
            let res = app.get(HOST, &path).await;
            assert_eq!(res.status(), 200, "{path}");
            let _ = res.bytes().await.unwrap();
            times.push(t.elapsed());
        }
        times.sort();
        eprintln!(
            "[{:?}] {name}: median {:.1?} (min {:.1?}, max {:.1?})",
            app.backend, times[3], times[0], times[6]
        );
    }
    let total = json(app.get(HOST, "/api/v1/proposals?per_page=1").await).await["total"]
        .as_i64()
        .unwrap();
    assert_eq!(total as usize, (0..N).filter(|i| i % 7 != 6).count());
}

mod list_latency {
    use super::*;

    #[tokio::test]
    #[ignore = "seeds 100,000 proposals; run by hand for the latency report"]
    async fn sqlite() {
        list_latency(TestApp::spawn(crate::common::Backend::Sqlite).await).await;
    }

    #[tokio::test]
    #[ignore = "seeds 100,000 proposals; run by hand for the latency report"]
    async fn postgres() {
        list_latency(TestApp::spawn(crate::common::Backend::Postgres).await).await;
    }
}

both_backends!(
    async fn a_welsh_proposal_form_says_what_is_wrong_in_welsh(app) {
        use crate::common::session_secret;
        let p = people(&app).await;
        let secret = session_secret(&app, &p.ann, coproduce::accounts::model::SessionKind::Browser).await;
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
        let form = ann.get(app.url(HOST, "/proposals/new")).send().await.unwrap().text().await.unwrap();
        assert!(form.contains(r#"<html lang="cy">"#), "{form}");
        let res = ann.post(app.url(HOST, "/proposals/new"))
            .form(&[("csrf", csrf_in(&form).as_str()), ("title", "Ab"), ("body", ""), ("intended_outcome", "Dry feet"), ("action", "publish")])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        // Each message beside its field, in Welsh, the limits in figures.
        assert!(html.contains(r#"id="title-error""#) && html.contains("rhowch deitl rhwng 3 a 150 nod"), "{html}");
        assert!(html.contains(r#"id="body-error""#) && html.contains("disgrifiwch eich cynnig"), "{html}");
        assert!(!html.contains("give a title of") && !html.contains("describe your proposal"), "{html}");
        assert!(html.contains("Ab") && html.contains("Dry feet"), "what was typed is kept");
    }
);

both_backends! {
    // The page looks its session up in the same trip to the database as
    // the proposal: whoever the cookie names (or nobody) must come out the
    // same as on any other page.
    async fn the_proposal_page_knows_who_is_asking(app) {
        let p = people(&app).await;
        let id = create(&app, &p.bob_token, proposal("A bench by the bus stop")).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let path = format!("/proposals/{id}");
        let support_form = format!("action=\"/proposals/{id}/support\"");

        // Signed in: the support form, its token bound to the session, works.
        let ann = browser_session(&app, HOST, &p.ann).await;
        let res = ann.get(app.url(HOST, &path)).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains(&support_form), "a signed-in citizen may support it");
        let res = ann
            .post(app.url(HOST, &format!("{path}/support")))
            .header("origin", format!("http://{HOST}:{}", app.addr.port()))
            .form(&[("csrf", csrf_in(&html))])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let html = ann.get(app.url(HOST, &path)).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(&format!("action=\"/proposals/{id}/support/withdraw\"")));
        let supports = {
            use coproduce::db::schema::proposal_supports;
            use diesel::prelude::*;
            let id = id.clone();
            app.db(move |conn| {
                proposal_supports::table
                    .filter(proposal_supports::proposal_id.eq(id))
                    .count()
                    .get_result::<i64>(conn)
                    .unwrap()
            })
            .await
        };
        assert_eq!(supports, 1);

        // Nobody, or a session that does not exist: a visitor's page, with
        // a CSRF cookie for the forms it may fill in next.
        for cookie in [None, Some("coproduce_session=not-a-session")] {
            let mut get = app.client(HOST).get(app.url(HOST, &path));
            if let Some(c) = cookie {
                get = get.header("cookie", c);
            }
            let res = get.send().await.unwrap();
            assert_eq!(res.status(), 200);
            assert!(
                res.cookies().any(|c| c.name() == "coproduce_csrf"),
                "a visitor gets a CSRF cookie"
            );
            let html = res.text().await.unwrap();
            assert!(!html.contains(&support_form));
            assert!(html.contains(&format!("/sign-in?next=/proposals/{id}")));
        }

        // Another place's session names nobody here.
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let lee = user(&app, "leeds", "lee@example.org", Role::Citizen, false, false).await;
        let secret = crate::common::session_secret(
            &app,
            &lee,
            coproduce::accounts::model::SessionKind::Browser,
        )
        .await;
        let res = app
            .client(HOST)
            .get(app.url(HOST, &path))
            .header("cookie", format!("coproduce_session={secret}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert!(!res.text().await.unwrap().contains(&support_form));
    }
}

both_backends!(
    // The page shows the same tags as the API, in the same order, to
    // visitors and the signed-in alike.
    async fn the_page_shows_the_tags_in_the_apis_order(app) {
        let p = people(&app).await;
        let mut body = proposal("Crossings by the school");
        body["tags"] = json!(["zebra-crossing", "Accessible", "buses"]);
        let id = create(&app, &p.ann_token, body).await["id"].as_str().unwrap().to_owned();
        let shown = json(app.get(HOST, &format!("/api/v1/proposals/{id}")).await).await;
        let tags: Vec<String> = shown["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()).collect();
        assert_eq!(tags.len(), 3, "{shown}");
        let ann = browser_session(&app, HOST, &p.ann).await;
        let visitor = app.client(HOST);
        for (who, client) in [("visitor", &visitor), ("author", &ann)] {
            let html = client.get(app.url(HOST, &format!("/proposals/{id}"))).send().await.unwrap().text().await.unwrap();
            let at: Vec<usize> = tags.iter().map(|t| html.find(&format!(">{t}<")).unwrap_or_else(|| panic!("{who}: no tag {t}"))).collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]), "{who}: {tags:?} at {at:?}");
        }
        // A proposal with no tags shows none.
        let bare = create(&app, &p.ann_token, proposal("No tags here")).await["id"].as_str().unwrap().to_owned();
        let html = visitor.get(app.url(HOST, &format!("/proposals/{bare}"))).send().await.unwrap().text().await.unwrap();
        assert!(!html.contains("?tag="), "no tag links");
    }
);
