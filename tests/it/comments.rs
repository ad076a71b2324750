//! Comments and moderation: threading and its depth, the edit window,
//! deletion with and without replies, flags, the moderators' queue,
//! hiding (the author emailed, others not reading it), review requests,
//! restoring, the audit log, bad inputs, pages without JavaScript, other
//! places on every route, a person's data, and the browser journeys.

use coproduce::accounts::{Role, User};
use reqwest::Method;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{
    api_token, assert_problem, browser_session, csrf_in, delivered_email, json, send, user, TestApp,
};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

struct World {
    ann: User,
    ann_t: String,
    bob: User,
    bob_t: String,
    mod_t: String,
    moderator: User,
    /// Leeds: a citizen and a moderator.
    sam_t: String,
    lem_t: String,
    /// Ann's published proposal.
    proposal: String,
}

async fn world(app: &TestApp) -> World {
    app.tenant("coventry", "Coventry", &[HOST]).await;
    app.tenant("leeds", "Leeds", &[OTHER]).await;
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
    let moderator = user(
        app,
        "coventry",
        "mo@example.org",
        Role::Moderator,
        false,
        false,
    )
    .await;
    let sam = user(app, "leeds", "sam@example.org", Role::Citizen, false, false).await;
    let lem = user(
        app,
        "leeds",
        "lem@example.org",
        Role::Moderator,
        false,
        false,
    )
    .await;
    let ann_t = api_token(app, &ann).await;
    let proposal = new_proposal(app, &ann_t, "A bench by the bus stop", false).await;
    World {
        bob_t: api_token(app, &bob).await,
        mod_t: api_token(app, &moderator).await,
        sam_t: api_token(app, &sam).await,
        lem_t: api_token(app, &lem).await,
        ann,
        ann_t,
        bob,
        moderator,
        proposal,
    }
}

async fn new_proposal(app: &TestApp, token: &str, title: &str, draft: bool) -> String {
    let res = send(
        app,
        HOST,
        Method::POST,
        "/api/v1/proposals",
        Some(token),
        Some(json!({
            "title": title,
            "body": "Somewhere to sit while waiting.",
            "intended_outcome": "Older residents can rest.",
            "draft": draft,
        })),
    )
    .await;
    assert_eq!(res.status(), 201);
    json(res).await["id"].as_str().unwrap().to_owned()
}

async fn comment(app: &TestApp, token: &str, proposal: &str, body: Value) -> reqwest::Response {
    send(
        app,
        HOST,
        Method::POST,
        &format!("/api/v1/proposals/{proposal}/comments"),
        Some(token),
        Some(body),
    )
    .await
}

/// Posts a comment (or reply) and returns it.
async fn say(
    app: &TestApp,
    token: &str,
    proposal: &str,
    text: &str,
    parent: Option<&str>,
) -> Value {
    let res = comment(
        app,
        token,
        proposal,
        json!({"body": text, "parent_id": parent}),
    )
    .await;
    assert_eq!(res.status(), 201);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let c = json(res).await;
    assert_eq!(
        location,
        format!("/api/v1/comments/{}", c["id"].as_str().unwrap())
    );
    c
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

async fn threads(app: &TestApp, token: Option<&str>, proposal: &str, query: &str) -> Value {
    let res = send(
        app,
        HOST,
        Method::GET,
        &format!("/api/v1/proposals/{proposal}/comments{query}"),
        token,
        None,
    )
    .await;
    assert_eq!(res.status(), 200);
    json(res).await
}

async fn comment_count(app: &TestApp) -> i64 {
    use coproduce::db::schema::comments;
    use diesel::prelude::*;
    app.db(|conn| comments::table.count().get_result(conn).unwrap())
        .await
}

async fn audit_kinds(app: &TestApp) -> Vec<String> {
    use coproduce::db::schema::audit_events;
    use diesel::prelude::*;
    app.db(|conn| {
        audit_events::table
            .filter(audit_events::kind.like("moderation_%"))
            .order(audit_events::seq.asc())
            .select(audit_events::kind)
            .load(conn)
            .unwrap()
    })
    .await
}

async fn post(
    app: &TestApp,
    host: &str,
    path: &str,
    token: &str,
    body: Value,
) -> reqwest::Response {
    send(app, host, Method::POST, path, Some(token), Some(body)).await
}

both_backends!(
    async fn threads_nest_to_three_levels_then_stay_there(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        let before = json(send(&app, HOST, Method::GET, &format!("/api/v1/proposals/{p}"), None, None).await).await;
        let none = threads(&app, None, &p, "").await;
        assert_eq!((none["items"].as_array().map(Vec::len), none["total"].as_i64()), (Some(0), Some(0)));

        let first = say(&app, &w.ann_t, &p, "Where exactly?", None).await;
        assert_eq!((first["depth"].as_i64(), first["parent_id"].is_null()), (Some(1), true));
        assert_eq!(first["author"]["name"], "ann");
        assert_eq!(first["state"], "visible");
        let second = say(&app, &w.bob_t, &p, "By the shelter.", Some(&id(&first))).await;
        assert_eq!(second["depth"], 2);
        let third = say(&app, &w.ann_t, &p, "The one on Gosford Street?", Some(&id(&second))).await;
        assert_eq!(third["depth"], 3);
        // A reply to a comment at the deepest level joins its parent.
        let fourth = say(&app, &w.bob_t, &p, "Yes, that one.", Some(&id(&third))).await;
        assert_eq!(fourth["depth"], 3);
        assert_eq!(fourth["parent_id"], second["id"]);
        let other_thread = say(&app, &w.bob_t, &p, "**Great** idea", None).await;
        let md = comment(&app, &w.bob_t, &p, json!({"body": "**Great** <script>x</script>", "format": "markdown"})).await;
        let md = json(md).await;
        assert!(md["body_html"].as_str().unwrap().contains("<strong>Great</strong>"));
        assert!(!md["body_html"].as_str().unwrap().contains("<script"));
        assert_eq!(other_thread["body_html"], "<p>**Great** idea</p>", "plain text is not Markdown");

        let all = threads(&app, None, &p, "").await;
        assert_eq!((all["total"].as_i64(), all["page"].as_i64(), all["per_page"].as_i64()), (Some(3), Some(1), Some(20)));
        let items = all["items"].as_array().unwrap();
        assert_eq!(items[0]["id"], first["id"], "oldest thread first");
        let replies: Vec<&Value> = items[0]["replies"].as_array().unwrap().iter().map(|r| &r["id"]).collect();
        assert_eq!(replies, [&second["id"], &third["id"], &fourth["id"]], "reading order");
        assert_eq!(items[1]["replies"].as_array().unwrap().len(), 0);
        // Paginated by threads.
        let second_page = threads(&app, None, &p, "?per_page=1&page=2").await;
        assert_eq!(second_page["items"][0]["id"], other_thread["id"]);
        assert_eq!(second_page["total"], 3);
        // Past the last page: nothing on it, and the count still right.
        let past = threads(&app, None, &p, "?per_page=1&page=9").await;
        assert_eq!((past["items"].as_array().map(Vec::len), past["total"].as_i64()), (Some(0), Some(3)));
        assert_problem(send(&app, HOST, Method::GET, &format!("/api/v1/proposals/{p}/comments?page=0"), None, None).await, 422, "validation_failed").await;

        // Commenting bumps "recently active" and adds nothing to the timeline.
        let after = json(send(&app, HOST, Method::GET, &format!("/api/v1/proposals/{p}"), None, None).await).await;
        assert!(after["last_activity_at"].as_str().unwrap() > before["last_activity_at"].as_str().unwrap());
        assert_eq!(after["timeline"], before["timeline"]);
        let one = json(send(&app, HOST, Method::GET, &format!("/api/v1/comments/{}", id(&third)), None, None).await).await;
        assert_eq!(one["parent_id"], second["id"]);
    }
);

both_backends!(
    async fn bad_comments_are_refused_and_nothing_is_written(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        let elsewhere = new_proposal(&app, &w.bob_t, "Another idea", false).await;
        let foreign = say(&app, &w.bob_t, &elsewhere, "On the other one", None).await;
        let n = comment_count(&app).await;
        for (body, field) in [
            (json!({"body": "   "}), "body"),
            (json!({"body": "x".repeat(5001)}), "body"),
            (json!({"body": "hi", "parent_id": id(&foreign)}), "parent_id"),
            (json!({"body": "hi", "parent_id": "not-an-id"}), "parent_id"),
            (json!({"body": "hi", "parent_id": uuid::Uuid::now_v7().to_string()}), "parent_id"),
            (json!({"body": "hi", "format": "html"}), "format"),
        ] {
            let problem = assert_problem(comment(&app, &w.ann_t, &p, body).await, 422, "validation_failed").await;
            assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        }
        let res = app.client(HOST).post(app.url(HOST, &format!("/api/v1/proposals/{p}/comments")))
            .bearer_auth(&w.ann_t).header("content-type", "application/json").body("{\"body\":").send().await.unwrap();
        assert_problem(res, 400, "malformed_json").await;
        assert_problem(comment(&app, &w.ann_t, &p, json!({"body": 5})).await, 400, "invalid_body").await;
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/proposals/{p}/comments"), None, Some(json!({"body": "hi"}))).await;
        assert_problem(res, 401, "unauthorized").await;
        // Not on drafts (their author cannot either), nor by unconfirmed accounts.
        let draft = new_proposal(&app, &w.ann_t, "Still thinking", true).await;
        assert_problem(comment(&app, &w.ann_t, &draft, json!({"body": "hi"})).await, 409, "comments_closed").await;
        assert_problem(comment(&app, &w.bob_t, &draft, json!({"body": "hi"})).await, 404, "not_found").await;
        let unconfirmed = {
            use coproduce::db::schema::users;
            use diesel::prelude::*;
            let id = w.bob.id.clone();
            app.db(move |conn| {
                diesel::update(users::table.filter(users::id.eq(id)))
                    .set(users::email_verified_at.eq(None::<chrono::NaiveDateTime>))
                    .execute(conn)
                    .unwrap()
            })
            .await;
            w.bob_t.clone()
        };
        assert_problem(comment(&app, &unconfirmed, &p, json!({"body": "hi"})).await, 403, "forbidden").await;
        assert_eq!(comment_count(&app).await, n, "nothing half-written");
        assert_problem(comment(&app, &w.ann_t, "nope", json!({"body": "hi"})).await, 404, "not_found").await;
    }
);

both_backends!(
    async fn comments_can_be_edited_for_fifteen_minutes(app) {
        let w = world(&app).await;
        let c = say(&app, &w.ann_t, &w.proposal, "Frist!", None).await;
        assert_eq!((c["edited"].as_bool(), c["editable"].as_bool(), c["yours"].as_bool()), (Some(false), Some(true), Some(true)));
        let path = format!("/api/v1/comments/{}", id(&c));
        let res = send(&app, HOST, Method::PATCH, &path, Some(&w.ann_t), Some(json!({"body": "First!"}))).await;
        assert_eq!(res.status(), 200);
        let edited = json(res).await;
        assert_eq!((edited["body"].as_str(), edited["edited"].as_bool()), (Some("First!"), Some(true)));
        assert_problem(send(&app, HOST, Method::PATCH, &path, Some(&w.bob_t), Some(json!({"body": "Mine now"}))).await, 403, "forbidden").await;
        assert_problem(send(&app, HOST, Method::PATCH, &path, Some(&w.ann_t), Some(json!({"body": ""}))).await, 422, "validation_failed").await;
        // Sixteen minutes later the window has closed.
        let cid = id(&c);
        app.db(move |conn| {
            use coproduce::db::schema::comments;
            use diesel::prelude::*;
            diesel::update(comments::table.filter(comments::id.eq(cid)))
                .set(comments::created_at.eq(chrono::Utc::now().naive_utc() - chrono::Duration::minutes(16)))
                .execute(conn)
                .unwrap()
        })
        .await;
        let problem = assert_problem(send(&app, HOST, Method::PATCH, &path, Some(&w.ann_t), Some(json!({"body": "Too late"}))).await, 409, "edit_window_closed").await;
        assert!(problem["detail"].as_str().unwrap().contains("15 minutes"));
        let now = json(send(&app, HOST, Method::GET, &path, Some(&w.ann_t), None).await).await;
        assert_eq!((now["body"].as_str(), now["editable"].as_bool()), (Some("First!"), Some(false)));
        // The page says so too.
        let page = browser_session(&app, HOST, &w.ann).await;
        let res = page.get(app.url(HOST, &format!("/comments/{}/edit", id(&c)))).send().await.unwrap();
        assert_eq!(res.status(), 409);
        assert!(res.text().await.unwrap().contains("15 minutes"));
    }
);

both_backends!(
    async fn deleting_keeps_threads_whole(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        let top = say(&app, &w.ann_t, &p, "Ann's first thought", None).await;
        let reply = say(&app, &w.bob_t, &p, "Bob answers", Some(&id(&top))).await;
        let lonely = say(&app, &w.ann_t, &p, "Ann's second thought", None).await;
        let del = |who: &str, c: &Value| {
            let (app, who, path) = (&app, who.to_owned(), format!("/api/v1/comments/{}", id(c)));
            async move { send(app, HOST, Method::DELETE, &path, Some(&who), None).await }
        };
        assert_problem(del(&w.bob_t, &top).await, 403, "forbidden").await;
        // With a reply: a placeholder.
        assert_eq!(del(&w.ann_t, &top).await.status(), 204);
        let all = threads(&app, None, &p, "").await;
        let head = &all["items"][0];
        assert_eq!((head["state"].as_str(), head["body"].is_null(), head["author"].is_null()), (Some("deleted"), true, true));
        assert_eq!(head["replies"][0]["body"], "Bob answers");
        assert_problem(del(&w.ann_t, &top).await, 409, "comment_deleted").await;
        // Without replies: gone.
        assert_eq!(del(&w.ann_t, &lonely).await.status(), 204);
        assert_problem(send(&app, HOST, Method::GET, &format!("/api/v1/comments/{}", id(&lonely)), None, None).await, 404, "not_found").await;
        // The last reply under a placeholder takes the placeholder with it.
        assert_eq!(del(&w.bob_t, &reply).await.status(), 204);
        assert_eq!(threads(&app, None, &p, "").await["total"], 0);
        assert_eq!(comment_count(&app).await, 0);
    }
);

both_backends!(
    async fn flags_queue_hide_review_and_restore(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        let c = say(&app, &w.ann_t, &p, "Call me on 07700 900123 about the zebra bench", None).await;
        let cid = id(&c);
        let flag_path = format!("/api/v1/comments/{cid}/flags");
        // Bad reasons, then a flag, once.
        assert_problem(post(&app, HOST, &flag_path, &w.bob_t, json!({"reason": "rude"})).await, 422, "validation_failed").await;
        let problem = assert_problem(post(&app, HOST, &flag_path, &w.bob_t, json!({"reason": "other"})).await, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["field"], "note");
        let res = post(&app, HOST, &flag_path, &w.bob_t, json!({"reason": "personal_information"})).await;
        assert_eq!(res.status(), 201);
        assert_eq!(json(res).await["reason"], "personal_information");
        assert_problem(post(&app, HOST, &flag_path, &w.bob_t, json!({"reason": "spam"})).await, 409, "already_flagged").await;
        assert_eq!(post(&app, HOST, &flag_path, &w.mod_t, json!({"reason": "other", "note": "a phone number"})).await.status(), 201);
        let res = post(&app, HOST, &format!("/api/v1/proposals/{p}/flags"), &w.bob_t, json!({"reason": "off_topic"})).await;
        assert_eq!(res.status(), 201);
        assert_problem(send(&app, HOST, Method::POST, &flag_path, None, Some(json!({"reason": "spam"}))).await, 401, "unauthorized").await;

        // Only moderators see the queue: oldest first, counts per reason.
        assert_problem(send(&app, HOST, Method::GET, "/api/v1/moderation/queue", Some(&w.bob_t), None).await, 403, "forbidden").await;
        assert_problem(send(&app, HOST, Method::GET, "/api/v1/moderation/queue", None, None).await, 401, "unauthorized").await;
        let queue = json(send(&app, HOST, Method::GET, "/api/v1/moderation/queue", Some(&w.mod_t), None).await).await;
        assert_eq!(queue["total"], 2);
        assert_eq!(queue["items"][0]["item"]["id"], cid.as_str());
        assert_eq!(queue["items"][0]["flags"], json!({"other": 1, "personal_information": 1}));
        assert_eq!(queue["items"][0]["open_flags"], 2);
        assert_eq!(queue["items"][1]["item"]["kind"], "proposal");
        let paged = json(send(&app, HOST, Method::GET, "/api/v1/moderation/queue?per_page=1&page=2", Some(&w.mod_t), None).await).await;
        assert_eq!((paged["items"][0]["item"]["kind"].as_str(), paged["per_page"].as_i64()), (Some("proposal"), Some(1)));

        // Hiding needs a moderator and a reason.
        let base = format!("/api/v1/moderation/comment/{cid}");
        assert_problem(post(&app, HOST, &format!("{base}/hide"), &w.bob_t, json!({"reason": "no"})).await, 403, "forbidden").await;
        assert_problem(post(&app, HOST, &format!("{base}/hide"), &w.mod_t, json!({"reason": "  "})).await, 422, "validation_failed").await;
        assert_problem(post(&app, HOST, &format!("{base}/hide"), &w.mod_t, json!({})).await, 400, "invalid_body").await;
        let res = post(&app, HOST, &format!("{base}/hide"), &w.mod_t, json!({"reason": "It shares a phone number."})).await;
        assert_eq!(res.status(), 200);
        let hidden = json(res).await;
        assert_eq!((hidden["hidden"].as_bool(), hidden["queued"].as_bool()), (Some(true), Some(false)));
        assert_problem(post(&app, HOST, &format!("{base}/hide"), &w.mod_t, json!({"reason": "again"})).await, 409, "already_hidden").await;
        assert_problem(post(&app, HOST, &flag_path, &w.mod_t, json!({"reason": "spam"})).await, 409, "already_hidden").await;

        // Ann is told, with the reason.
        let email = delivered_email(&app, "ann@example.org", "moderation_hidden").await;
        assert!(email.contains("It shares a phone number.") && email.contains(&format!("/moderation/comment/{cid}")), "{email}");
        // Others no longer read it, on the API or the page; Ann and the moderators do.
        for token in [Some(w.bob_t.as_str()), None] {
            let t = threads(&app, token, &p, "").await;
            assert_eq!((t["items"][0]["state"].as_str(), t["items"][0]["body"].is_null(), t["items"][0]["body_html"].is_null()), (Some("hidden"), true, true));
        }
        let bob_page = browser_session(&app, HOST, &w.bob).await;
        let html = bob_page.get(app.url(HOST, &format!("/proposals/{p}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Hidden by the moderators.") && !html.contains("07700 900123"));
        assert_eq!(threads(&app, Some(&w.ann_t), &p, "").await["items"][0]["body"], c["body"]);
        assert_eq!(threads(&app, Some(&w.mod_t), &p, "").await["items"][0]["body"], c["body"]);
        let ann_page = browser_session(&app, HOST, &w.ann).await;
        let html = ann_page.get(app.url(HOST, &format!("/proposals/{p}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("07700 900123") && html.contains(&format!("/moderation/comment/{cid}")));
        // No replies to a hidden comment.
        let problem = assert_problem(comment(&app, &w.bob_t, &p, json!({"body": "hi", "parent_id": cid})).await, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["field"], "parent_id");

        // Ann may still edit it (the window aside), and asks for a review once.
        let cid2 = cid.clone();
        app.db(move |conn| {
            use coproduce::db::schema::comments;
            use diesel::prelude::*;
            diesel::update(comments::table.filter(comments::id.eq(cid2)))
                .set(comments::created_at.eq(chrono::Utc::now().naive_utc() - chrono::Duration::hours(2)))
                .execute(conn)
                .unwrap()
        })
        .await;
        let res = send(&app, HOST, Method::PATCH, &format!("/api/v1/comments/{cid}"), Some(&w.ann_t), Some(json!({"body": "Ask me at the next meeting about the zebra bench"}))).await;
        assert_eq!(res.status(), 200);
        assert_problem(post(&app, HOST, &format!("{base}/review-request"), &w.bob_t, json!({})).await, 403, "forbidden").await;
        assert_problem(send(&app, HOST, Method::GET, &base, Some(&w.bob_t), None).await, 403, "forbidden").await;
        let res = post(&app, HOST, &format!("{base}/review-request"), &w.ann_t, json!({"reason": "I took the number out."})).await;
        assert_eq!(res.status(), 200);
        let mine = json(res).await;
        assert_eq!((mine["review_requested"].as_bool(), mine["open_flags"].as_array().unwrap().len()), (Some(true), 0), "authors never see the flags");
        assert_problem(post(&app, HOST, &format!("{base}/review-request"), &w.ann_t, json!({})).await, 409, "review_already_requested").await;
        let queue = json(send(&app, HOST, Method::GET, "/api/v1/moderation/queue", Some(&w.mod_t), None).await).await;
        let entry = queue["items"].as_array().unwrap().iter().find(|e| e["item"]["id"] == cid.as_str()).unwrap().clone();
        assert_eq!((entry["review_requested"].as_bool(), entry["hidden"].as_bool()), (Some(true), Some(true)));

        // Restored: everyone reads it again; Ann is told.
        assert_problem(post(&app, HOST, &format!("{base}/restore"), &w.bob_t, json!({})).await, 403, "forbidden").await;
        let res = send(&app, HOST, Method::POST, &format!("{base}/restore"), Some(&w.mod_t), None).await;
        assert_eq!(res.status(), 200);
        assert_problem(post(&app, HOST, &format!("{base}/restore"), &w.mod_t, json!({})).await, 409, "not_hidden").await;
        delivered_email(&app, "ann@example.org", "moderation_restored").await;
        let t = threads(&app, Some(&w.bob_t), &p, "").await;
        assert_eq!((t["items"][0]["state"].as_str(), t["items"][0]["body"].as_str()), (Some("visible"), Some("Ask me at the next meeting about the zebra bench")));
        // The history Ann sees, oldest first.
        let view = json(send(&app, HOST, Method::GET, &base, Some(&w.ann_t), None).await).await;
        let history: Vec<&str> = view["history"].as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap()).collect();
        assert_eq!(history, ["hidden", "review_requested", "restored"]);
        assert_eq!(view["history"][0]["reason"], "It shares a phone number.");
        assert_eq!(view["history"][0]["by"], "A moderator");

        // Dismissing the proposal's flag empties the queue.
        let pbase = format!("/api/v1/moderation/proposal/{p}");
        assert_eq!(post(&app, HOST, &format!("{pbase}/dismiss"), &w.mod_t, json!({})).await.status(), 200);
        assert_problem(post(&app, HOST, &format!("{pbase}/dismiss"), &w.mod_t, json!({})).await, 409, "nothing_to_dismiss").await;
        assert_eq!(json(send(&app, HOST, Method::GET, "/api/v1/moderation/queue", Some(&w.mod_t), None).await).await["total"], 0);
        // A dismissed flag lets Bob flag again.
        assert_eq!(post(&app, HOST, &format!("/api/v1/proposals/{p}/flags"), &w.bob_t, json!({"reason": "spam"})).await.status(), 201);
        assert_problem(send(&app, HOST, Method::POST, "/api/v1/moderation/board/x/hide", Some(&w.mod_t), Some(json!({"reason": "x"}))).await, 404, "not_found").await;

        // Every action is in the audit log (and never the reasons' text).
        assert_eq!(audit_kinds(&app).await, [
            "moderation_flagged", "moderation_flagged", "moderation_flagged",
            "moderation_hidden", "moderation_review_requested", "moderation_restored",
            "moderation_dismissed", "moderation_flagged",
        ]);
        let details: Vec<String> = app.db(|conn| {
            use coproduce::db::schema::audit_events;
            use diesel::prelude::*;
            audit_events::table.filter(audit_events::kind.like("moderation_%")).select(audit_events::detail).load(conn).unwrap()
        }).await;
        assert!(details.iter().all(|d| !d.contains("phone number")), "{details:?}");
    }
);

both_backends!(
    async fn a_hidden_proposal_leaves_lists_and_tells_others_it_is_hidden(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        let other = new_proposal(&app, &w.bob_t, "Planters on the high street", false).await;
        let c = say(&app, &w.bob_t, &p, "Nice", None).await;
        let list = json(send(&app, HOST, Method::GET, "/api/v1/proposals", None, None).await).await;
        assert_eq!(list["total"], 2);
        let res = post(&app, HOST, &format!("/api/v1/moderation/proposal/{p}/hide"), &w.mod_t, json!({"reason": "Advertising a business."})).await;
        assert_eq!(res.status(), 200);
        delivered_email(&app, "ann@example.org", "moderation_hidden").await;

        for query in ["", "?status=published", "?q=bench", "?sort=recently_active"] {
            let list = json(send(&app, HOST, Method::GET, &format!("/api/v1/proposals{query}"), None, None).await).await;
            let ids: Vec<&str> = list["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
            assert!(!ids.contains(&p.as_str()), "{query}: {list}");
            assert_eq!(list["total"].as_i64().unwrap(), ids.len() as i64, "{query}");
        }
        assert!(json(send(&app, HOST, Method::GET, "/api/v1/proposals", None, None).await).await["items"][0]["id"] == other.as_str());
        // Others: 410 with the words, on the API and the page, and its comments too.
        for token in [Some(w.bob_t.as_str()), None] {
            let problem = assert_problem(send(&app, HOST, Method::GET, &format!("/api/v1/proposals/{p}"), token, None).await, 410, "hidden").await;
            assert!(problem["detail"].as_str().unwrap().contains("This proposal is hidden while moderators review it"));
            assert_problem(send(&app, HOST, Method::GET, &format!("/api/v1/proposals/{p}/comments"), token, None).await, 410, "hidden").await;
        }
        assert_problem(send(&app, HOST, Method::GET, &format!("/api/v1/comments/{}", id(&c)), Some(&w.bob_t), None).await, 410, "hidden").await;
        let res = app.get(HOST, &format!("/proposals/{p}")).await;
        assert_eq!(res.status(), 410);
        let html = res.text().await.unwrap();
        assert!(html.contains("This proposal is hidden while moderators review it") && !html.contains("Somewhere to sit"));
        assert_problem(comment(&app, &w.bob_t, &p, json!({"body": "hi"})).await, 410, "hidden").await;
        // Ann and the moderators still read it; Ann edits it and cannot comment on it.
        assert_eq!(send(&app, HOST, Method::GET, &format!("/api/v1/proposals/{p}"), Some(&w.mod_t), None).await.status(), 200);
        let res = send(&app, HOST, Method::PATCH, &format!("/api/v1/proposals/{p}"), Some(&w.ann_t), Some(json!({"body": "A bench, no advert."}))).await;
        assert_eq!(res.status(), 200);
        assert_problem(comment(&app, &w.ann_t, &p, json!({"body": "hi"})).await, 409, "comments_closed").await;
        let page = browser_session(&app, HOST, &w.ann).await;
        let html = page.get(app.url(HOST, &format!("/proposals/{p}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Advertising a business.") && html.contains(&format!("/moderation/proposal/{p}")));
        assert!(!html.contains("Post the comment"));

        // Restored, it is listed again.
        assert_eq!(post(&app, HOST, &format!("/api/v1/moderation/proposal/{p}/restore"), &w.mod_t, json!({"reason": "Thanks for fixing it."})).await.status(), 200);
        let list = json(send(&app, HOST, Method::GET, "/api/v1/proposals", None, None).await).await;
        assert_eq!(list["total"], 2);
        assert_eq!(send(&app, HOST, Method::GET, &format!("/api/v1/proposals/{p}"), None, None).await.status(), 200);
        let email = delivered_email(&app, "ann@example.org", "moderation_restored").await;
        assert!(email.contains("Thanks for fixing it."));
    }
);

both_backends!(
    async fn another_place_cannot_reach_any_of_it(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        let c = say(&app, &w.ann_t, &p, "In Coventry", None).await;
        let cid = id(&c);
        assert_eq!(post(&app, HOST, &format!("/api/v1/comments/{cid}/flags"), &w.bob_t, json!({"reason": "spam"})).await.status(), 201);
        let n = comment_count(&app).await;
        // A Leeds citizen with Coventry's ids, on Leeds' host: as if missing.
        for (method, path, body) in [
            (Method::GET, format!("/api/v1/proposals/{p}/comments"), None),
            (Method::POST, format!("/api/v1/proposals/{p}/comments"), Some(json!({"body": "hi"}))),
            (Method::POST, format!("/api/v1/proposals/{p}/comments"), Some(json!({"body": "hi", "parent_id": cid}))),
            (Method::GET, format!("/api/v1/comments/{cid}"), None),
            (Method::PATCH, format!("/api/v1/comments/{cid}"), Some(json!({"body": "mine"}))),
            (Method::DELETE, format!("/api/v1/comments/{cid}"), None),
            (Method::POST, format!("/api/v1/comments/{cid}/flags"), Some(json!({"reason": "spam"}))),
            (Method::POST, format!("/api/v1/proposals/{p}/flags"), Some(json!({"reason": "spam"}))),
            (Method::POST, format!("/api/v1/moderation/comment/{cid}/review-request"), Some(json!({}))),
        ] {
            let res = send(&app, OTHER, method.clone(), &path, Some(&w.sam_t), body).await;
            assert_problem(res, 404, "not_found").await;
        }
        // Leeds' moderator neither sees Coventry's queue nor acts on its items.
        let queue = json(send(&app, OTHER, Method::GET, "/api/v1/moderation/queue", Some(&w.lem_t), None).await).await;
        assert_eq!((queue["total"].as_i64(), queue["items"].as_array().unwrap().len()), (Some(0), 0));
        for (kind, item) in [("comment", &cid), ("proposal", &p)] {
            for action in ["hide", "restore", "dismiss", "review-request"] {
                let res = post(&app, OTHER, &format!("/api/v1/moderation/{kind}/{item}/{action}"), &w.lem_t, json!({"reason": "cross"})).await;
                assert_problem(res, 404, "not_found").await;
            }
            assert_problem(send(&app, OTHER, Method::GET, &format!("/api/v1/moderation/{kind}/{item}"), Some(&w.lem_t), None).await, 404, "not_found").await;
        }
        // A Coventry token on Leeds' host is no one there.
        assert_problem(send(&app, OTHER, Method::GET, "/api/v1/moderation/queue", Some(&w.mod_t), None).await, 401, "unauthorized").await;
        // Pages too.
        let sam = user(&app, "leeds", "sam2@example.org", Role::Moderator, false, false).await;
        let page = browser_session(&app, OTHER, &sam).await;
        for path in [
            format!("/proposals/{p}/comments/new"),
            format!("/comments/{cid}/edit"),
            format!("/comments/{cid}/delete"),
            format!("/flag/comment/{cid}"),
            format!("/flag/proposal/{p}"),
            format!("/moderation/comment/{cid}"),
            format!("/moderation/proposal/{p}"),
        ] {
            let res = page.get(app.url(OTHER, &path)).send().await.unwrap();
            assert_eq!(res.status(), 404, "{path}");
        }
        let html = page.get(app.url(OTHER, "/moderation")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Nothing is waiting"));
        let form_page = page.get(app.url(OTHER, "/moderation")).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&form_page);
        for path in [
            format!("/proposals/{p}/comments"),
            format!("/comments/{cid}/edit"),
            format!("/comments/{cid}/delete"),
            format!("/flag/comment/{cid}"),
            format!("/moderation/comment/{cid}/hide"),
        ] {
            let res = page.post(app.url(OTHER, &path)).form(&[("csrf", csrf.as_str()), ("body", "x"), ("reason", "spam")]).send().await.unwrap();
            assert_eq!(res.status(), 404, "{path}");
        }
        assert_eq!(comment_count(&app).await, n);
        assert_eq!(threads(&app, None, &p, "").await["items"][0]["body"], "In Coventry");
    }
);

both_backends!(
    async fn the_pages_work_without_javascript(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        let bob = browser_session(&app, HOST, &w.bob).await;
        let html = bob.get(app.url(HOST, &format!("/proposals/{p}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("No comments yet") && html.contains("Add a comment") && html.contains(&format!("/flag/proposal/{p}")));
        let csrf = csrf_in(&html);
        // An empty comment: the form page with the error beside the box.
        let res = bob.post(app.url(HOST, &format!("/proposals/{p}/comments"))).form(&[("csrf", csrf.as_str()), ("body", " ")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("body-error") && html.contains("write your comment"));
        let res = bob.post(app.url(HOST, &format!("/proposals/{p}/comments"))).form(&[("csrf", csrf.as_str()), ("body", "Bob's *plain* words")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with(&format!("/proposals/{p}#comment-")), "{location}");
        let cid = location.rsplit("#comment-").next().unwrap().to_owned();
        // Ann replies from the form on the page, as Markdown.
        let ann = browser_session(&app, HOST, &w.ann).await;
        let html = ann.get(app.url(HOST, &format!("/proposals/{p}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Bob&#39;s *plain* words") || html.contains("Bob&#x27;s *plain* words"), "{html}");
        assert!(html.contains(&format!("id=\"reply-{cid}\"")));
        let csrf = csrf_in(&html);
        let res = ann.post(app.url(HOST, &format!("/proposals/{p}/comments"))).form(&[("csrf", csrf.as_str()), ("body", "**Agreed**"), ("parent_id", cid.as_str()), ("markdown", "on")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let reply = res.headers()["location"].to_str().unwrap().rsplit("#comment-").next().unwrap().to_owned();
        let html = ann.get(app.url(HOST, &format!("/proposals/{p}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("<strong>Agreed</strong>"));
        // The reply page for a reply, then edit and delete pages.
        let html = ann.get(app.url(HOST, &format!("/proposals/{p}/comments/new?parent_id={cid}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("You are replying to bob"));
        let html = ann.get(app.url(HOST, &format!("/comments/{reply}/edit"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Edit your comment") && html.contains("**Agreed**"));
        let res = ann.post(app.url(HOST, &format!("/comments/{reply}/edit"))).form(&[("csrf", csrf.as_str()), ("body", "")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let res = ann.post(app.url(HOST, &format!("/comments/{reply}/edit"))).form(&[("csrf", csrf.as_str()), ("body", "Agreed, twice")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(bob.get(app.url(HOST, &format!("/comments/{reply}/edit"))).send().await.unwrap().status(), 403);
        let html = ann.get(app.url(HOST, &format!("/comments/{reply}/delete"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Delete your comment?") && html.contains("Agreed, twice"));
        let res = ann.post(app.url(HOST, &format!("/comments/{reply}/delete"))).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!((res.status().as_u16(), res.headers()["location"].to_str().unwrap()), (303, format!("/proposals/{p}#comments").as_str()));
        // A form without its token changes nothing.
        let res = ann.post(app.url(HOST, &format!("/proposals/{p}/comments"))).form(&[("body", "sneaky")]).send().await.unwrap();
        assert_eq!(res.status(), 403);

        // Flagging from its page: a bad choice, then a good one.
        let html = ann.get(app.url(HOST, &format!("/flag/comment/{cid}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Flag this comment") && html.contains("Something else"));
        let res = ann.post(app.url(HOST, &format!("/flag/comment/{cid}"))).form(&[("csrf", csrf.as_str()), ("reason", "other")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("note-error"));
        let res = ann.post(app.url(HOST, &format!("/flag/comment/{cid}"))).form(&[("csrf", csrf.as_str()), ("reason", "abuse")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let html = ann.get(app.url(HOST, res.headers()["location"].to_str().unwrap())).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Thank you"));
        let res = ann.post(app.url(HOST, &format!("/flag/comment/{cid}"))).form(&[("csrf", csrf.as_str()), ("reason", "abuse")]).send().await.unwrap();
        assert_eq!(res.status(), 409);

        // The queue is for moderators; hiding needs a reason.
        assert_eq!(ann.get(app.url(HOST, "/moderation")).send().await.unwrap().status(), 403);
        assert_eq!(ann.get(app.url(HOST, &format!("/moderation/comment/{cid}"))).send().await.unwrap().status(), 403);
        let mo = browser_session(&app, HOST, &w.moderator).await;
        let html = mo.get(app.url(HOST, "/moderation")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Abusive, threatening or hateful: 1"), "{html}");
        // Moderators find the queue in the header; citizens are not shown it.
        assert!(html.contains(r#"<a href="/moderation" aria-current="page">Moderation</a>"#));
        let html = ann.get(app.url(HOST, "/proposals")).send().await.unwrap().text().await.unwrap();
        assert!(!html.contains(r#"href="/moderation""#));
        let html = mo.get(app.url(HOST, &format!("/moderation/comment/{cid}"))).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&html);
        let res = mo.post(app.url(HOST, &format!("/moderation/comment/{cid}/hide"))).form(&[("csrf", csrf.as_str()), ("reason", "")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("hide-reason-error"));
        let res = mo.post(app.url(HOST, &format!("/moderation/comment/{cid}/hide"))).form(&[("csrf", csrf.as_str()), ("reason", "Unkind.")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(mo.post(app.url(HOST, &format!("/moderation/comment/{cid}/frobnicate"))).form(&[("csrf", csrf.as_str())]).send().await.unwrap().status(), 404);
        // Bob sees his history and asks for a review from the page.
        let html = bob.get(app.url(HOST, &format!("/moderation/comment/{cid}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Unkind.") && html.contains("Ask for a review") && !html.contains("Open flags"));
        let csrf = csrf_in(&html);
        let res = bob.post(app.url(HOST, &format!("/moderation/comment/{cid}/review-request"))).form(&[("csrf", csrf.as_str()), ("reason", "I meant it kindly")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let html = bob.get(app.url(HOST, res.headers()["location"].to_str().unwrap())).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("You asked for a review") && !html.contains(">Ask for a review</button>"));
    }
);

both_backends!(
    async fn comments_and_flags_are_in_the_export_and_go_with_the_person(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        let answered = say(&app, &w.ann_t, &p, "Zebra crossing thoughts", None).await;
        say(&app, &w.bob_t, &p, "Reply to Ann", Some(&id(&answered))).await;
        let lonely = say(&app, &w.ann_t, &p, "Quagga musings", None).await;
        let bobs = say(&app, &w.bob_t, &p, "Bob alone", None).await;
        assert_eq!(post(&app, HOST, &format!("/api/v1/comments/{}/flags", id(&bobs)), &w.ann_t, json!({"reason": "other", "note": "Okapi remark"})).await.status(), 201);
        let export = json(send(&app, HOST, Method::GET, "/api/v1/me/export", Some(&w.ann_t), None).await).await;
        let bodies: Vec<&str> = export["comments"].as_array().unwrap().iter().map(|c| c["body"].as_str().unwrap()).collect();
        assert_eq!(bodies, ["Zebra crossing thoughts", "Quagga musings"]);
        assert_eq!(export["moderation"]["flags"][0]["note"], "Okapi remark");
        let page = browser_session(&app, HOST, &w.ann).await;
        let html = page.get(app.url(HOST, "/account/data")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Your comments and flags"));

        let res = app.client(HOST).delete(app.url(HOST, "/api/v1/me")).bearer_auth(&w.ann_t)
            .json(&json!({"password": crate::common::USER_PASSWORD, "contributions": "delete"})).send().await.unwrap();
        assert_eq!(res.status(), 204);
        let t = threads(&app, None, &p, "").await;
        assert_eq!(t["total"], 2, "the answered comment stays as a placeholder, the lonely one goes");
        assert_eq!((t["items"][0]["state"].as_str(), t["items"][0]["author"].is_null()), (Some("deleted"), true));
        assert_eq!(t["items"][0]["replies"][0]["body"], "Reply to Ann");
        assert_problem(send(&app, HOST, Method::GET, &format!("/api/v1/comments/{}", id(&lonely)), None, None).await, 404, "not_found").await;
        let queue = json(send(&app, HOST, Method::GET, "/api/v1/moderation/queue", Some(&w.mod_t), None).await).await;
        assert_eq!(queue["total"], 0, "her flag went, and the item left the queue");
        let left: Vec<String> = app.db(|conn| {
            use coproduce::db::schema::{comments, moderation_flags};
            use diesel::prelude::*;
            let mut all: Vec<String> = comments::table.select(comments::body).load(conn).unwrap();
            all.extend(moderation_flags::table.select(moderation_flags::note).load::<Option<String>>(conn).unwrap().into_iter().flatten());
            all
        }).await;
        assert!(left.iter().all(|t| !t.contains("Zebra") && !t.contains("Quagga") && !t.contains("Okapi")), "{left:?}");
    }
);

both_backends!(
    async fn comment_and_flag_in_the_browser(app) {
        use crate::common::browser::Browser;
        use crate::common::session_secret;
        use coproduce::accounts::model::SessionKind;
        use fantoccini::Locator;
        let w = world(&app).await;
        let p = w.proposal.clone();
        say(&app, &w.ann_t, &p, "Thanks for reading. Which stop would suit you?", None).await;
        let browser = Browser::start(&app).await;
        let secret = session_secret(&app, &w.bob, SessionKind::Browser).await;
        browser.goto(&app, HOST, "/").await;
        browser.client.execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![]).await.unwrap();
        let find = |css: String| {
            let client = browser.client.clone();
            async move { client.find(Locator::Css(&css)).await.unwrap() }
        };
        browser.goto(&app, HOST, &format!("/proposals/{p}")).await;
        browser.wait_for_heading("A bench by the bus stop").await;
        browser.assert_accessible().await;
        // A comment of his own.
        find("#comment-body".into()).await.send_keys("The one on Gosford Street, please.").await.unwrap();
        find("form:has(#comment-body) button".into()).await.click().await.unwrap();
        browser.wait_for_heading("A bench by the bus stop").await;
        assert!(browser.text("#comments").await.contains("The one on Gosford Street, please."));
        // A reply, from the form that opens under Ann's comment.
        find("details.reply summary".into()).await.click().await.unwrap();
        find("details.reply textarea".into()).await.send_keys("Or the library.").await.unwrap();
        browser.assert_accessible().await;
        find("details.reply button".into()).await.click().await.unwrap();
        browser.wait_for_heading("A bench by the bus stop").await;
        assert!(browser.text(".comment-replies").await.contains("Or the library."));
        browser.assert_accessible().await;
        // Edit and delete pages.
        find("a[href$='/edit']".into()).await.click().await.unwrap();
        browser.wait_for_heading("Edit your comment").await;
        browser.assert_accessible().await;
        find("#body".into()).await.clear().await.unwrap();
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Edit your comment").await;
        assert!(browser.text(".error-summary").await.contains("write your comment"));
        browser.assert_accessible().await;
        find("#body".into()).await.send_keys("Or the library on Broadgate.").await.unwrap();
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("A bench by the bus stop").await;
        assert!(browser.text(".comment-replies").await.contains("(edited)"));
        find(".comment-replies a[href$='/delete']".into()).await.click().await.unwrap();
        browser.wait_for_heading("Delete your comment?").await;
        browser.assert_accessible().await;
        browser.goto(&app, HOST, &format!("/proposals/{p}/comments/new")).await;
        browser.wait_for_heading("Comment on “A bench by the bus stop”").await;
        browser.assert_accessible().await;
        // Flagging Ann's comment, with a mistake first.
        browser.goto(&app, HOST, &format!("/proposals/{p}")).await;
        browser.wait_for_heading("A bench by the bus stop").await;
        find("a[href^='/flag/comment/']".into()).await.click().await.unwrap();
        browser.wait_for_heading("Flag this comment").await;
        browser.assert_accessible().await;
        find("#reason-other".into()).await.click().await.unwrap();
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Flag this comment").await;
        assert!(browser.text("#note-error").await.contains("say what is wrong"));
        browser.assert_accessible().await;
        find("#note".into()).await.send_keys("It is not about benches.").await.unwrap();
        find("main form button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Flag this comment").await;
        assert!(browser.text(".notice").await.contains("Thank you"));
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn a_moderator_hides_and_restores_in_the_browser(app) {
        use crate::common::browser::Browser;
        use crate::common::session_secret;
        use coproduce::accounts::model::SessionKind;
        use fantoccini::Locator;
        let w = world(&app).await;
        let p = w.proposal.clone();
        let c = say(&app, &w.bob_t, &p, "Buy cheap watches at example.com", None).await;
        assert_eq!(post(&app, HOST, &format!("/api/v1/comments/{}/flags", id(&c)), &w.ann_t, json!({"reason": "spam"})).await.status(), 201);
        assert_eq!(post(&app, HOST, &format!("/api/v1/proposals/{p}/flags"), &w.bob_t, json!({"reason": "off_topic"})).await.status(), 201);
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
        sign_in_as(w.moderator.clone()).await;
        browser.goto(&app, HOST, "/moderation").await;
        browser.wait_for_heading("Moderation queue").await;
        assert!(browser.text("main table").await.contains("Spam or advertising: 1"));
        browser.assert_accessible().await;
        find(format!("a[href='/moderation/comment/{}']", id(&c))).await.click().await.unwrap();
        browser.wait_for_heading("Moderation of a comment").await;
        browser.assert_accessible().await;
        find("form[action$='/hide'] button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Moderation of a comment").await;
        assert!(browser.text("#hide-reason-error").await.contains("reason"));
        browser.assert_accessible().await;
        find("#hide-reason".into()).await.send_keys("Advertising.").await.unwrap();
        find("form[action$='/hide'] button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Moderation of a comment").await;
        assert!(browser.text(".notice").await.contains("Hidden"));
        browser.assert_accessible().await;
        delivered_email(&app, "bob@example.org", "moderation_hidden").await;
        // Ann no longer reads it.
        sign_in_as(w.ann.clone()).await;
        browser.goto(&app, HOST, &format!("/proposals/{p}")).await;
        browser.wait_for_heading("A bench by the bus stop").await;
        let comments = browser.text("#comments").await;
        assert!(comments.contains("Hidden by the moderators.") && !comments.contains("cheap watches"));
        browser.assert_accessible().await;
        // Bob sees why, and asks for a review.
        sign_in_as(w.bob.clone()).await;
        browser.goto(&app, HOST, &format!("/proposals/{p}")).await;
        browser.wait_for_heading("A bench by the bus stop").await;
        assert!(browser.text("#comments").await.contains("cheap watches"));
        browser.assert_accessible().await;
        find(format!("a[href='/moderation/comment/{}']", id(&c))).await.click().await.unwrap();
        browser.wait_for_heading("Moderation of a comment").await;
        browser.assert_accessible().await;
        find("form[action$='/review-request'] button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Moderation of a comment").await;
        assert!(browser.text(".notice").await.contains("asked for a review"));
        // The moderator restores it from the queue.
        sign_in_as(w.moderator.clone()).await;
        browser.goto(&app, HOST, "/moderation").await;
        browser.wait_for_heading("Moderation queue").await;
        assert!(browser.text("main table").await.contains("Review requested"));
        find(format!("a[href='/moderation/comment/{}']", id(&c))).await.click().await.unwrap();
        browser.wait_for_heading("Moderation of a comment").await;
        browser.assert_accessible().await;
        find("form[action$='/restore'] button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Moderation of a comment").await;
        assert!(browser.text(".notice").await.contains("Shown again"));
        // A hidden proposal's page, as others see it.
        let res = post(&app, HOST, &format!("/api/v1/moderation/proposal/{p}/hide"), &w.mod_t, json!({"reason": "Checking."})).await;
        assert_eq!(res.status(), 200);
        sign_in_as(w.bob.clone()).await;
        browser.goto(&app, HOST, &format!("/proposals/{p}")).await;
        assert!(browser.text("main").await.contains("This proposal is hidden while moderators review it"));
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn comments_and_the_moderation_queue_speak_welsh(app) {
        let w = world(&app).await;
        let html = crate::i18n::welsh_page(&app, HOST, None, &format!("/proposals/{}", w.proposal)).await;
        crate::i18n::assert_welsh_heading(&html, r#"<h2 id="comments-heading">Sylwadau</h2>"#, ">Comments</h2>");
        // Moderation: the queue, in Welsh for a moderator.
        let html = crate::i18n::welsh_page(&app, HOST, Some(&w.moderator), "/moderation").await;
        crate::i18n::assert_welsh_heading(&html, "<h1>Ciw cymedroli</h1>", "<h1>Moderation queue</h1>");
    }
);
