//! Notifications: automatic and chosen follows, stopping (and it being
//! remembered), status changes and comments emailing followers but never
//! the person who acted, digests grouped by proposal (`digests send
//! --now` and the schedule), unsubscribing without signing in (and
//! tampered or other places' links finding nothing), settings on the API
//! and the page with bad inputs, other places on every route, a person's
//! data, and the browser journey.

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
    ann: User,
    ann_t: String,
    bob: User,
    bob_t: String,
    cat: User,
    cat_t: String,
    dan: User,
    dan_t: String,
    admin_t: String,
    /// Leeds: a citizen.
    sam_t: String,
    /// Ann's published proposal, which Bob supports.
    proposal: String,
}

async fn world(app: &TestApp) -> World {
    app.tenant("coventry", "Coventry", &[HOST]).await;
    app.tenant("leeds", "Leeds", &[OTHER]).await;
    let citizen = |email: &'static str, slug: &'static str| async move {
        user(app, slug, email, Role::Citizen, false, false).await
    };
    let ann = citizen("ann@example.org", "coventry").await;
    let bob = citizen("bob@example.org", "coventry").await;
    let cat = citizen("cat@example.org", "coventry").await;
    let dan = citizen("dan@example.org", "coventry").await;
    let sam = citizen("sam@example.org", "leeds").await;
    let admin = user(
        app,
        "coventry",
        "admin@example.org",
        Role::Admin,
        false,
        true,
    )
    .await;
    let ann_t = api_token(app, &ann).await;
    let bob_t = api_token(app, &bob).await;
    let proposal = new_proposal(app, &ann_t, "A bench by the bus stop", false).await;
    support(app, &bob_t, &proposal).await;
    World {
        cat_t: api_token(app, &cat).await,
        dan_t: api_token(app, &dan).await,
        admin_t: api_token(app, &admin).await,
        sam_t: api_token(app, &sam).await,
        ann,
        ann_t,
        bob,
        bob_t,
        cat,
        dan,
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

async fn support(app: &TestApp, token: &str, proposal: &str) {
    let res = send(
        app,
        HOST,
        Method::POST,
        &format!("/api/v1/proposals/{proposal}/support"),
        Some(token),
        None,
    )
    .await;
    assert_eq!(res.status(), 200);
}

async fn follow(app: &TestApp, token: &str, proposal: &str, method: Method) -> reqwest::Response {
    send(
        app,
        HOST,
        method,
        &format!("/api/v1/proposals/{proposal}/follow"),
        Some(token),
        None,
    )
    .await
}

async fn following(app: &TestApp, token: &str, proposal: &str) -> bool {
    let res = follow(app, token, proposal, Method::GET).await;
    assert_eq!(res.status(), 200);
    json(res).await["following"].as_bool().unwrap()
}

/// Lets a proposal past the support threshold, then moves it (the admin).
async fn move_to(app: &TestApp, admin: &str, proposal: &str, to: &str, reason: Option<&str>) {
    use coproduce::db::schema::proposals;
    use diesel::prelude::*;
    let id = proposal.to_owned();
    app.db(move |conn| {
        diesel::update(proposals::table.filter(proposals::id.eq(id)))
            .set(proposals::support_count.eq(1_000i64))
            .execute(conn)
            .unwrap()
    })
    .await;
    let res = send(
        app,
        HOST,
        Method::PATCH,
        &format!("/api/v1/proposals/{proposal}"),
        Some(admin),
        Some(json!({"status": to, "reason": reason})),
    )
    .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

async fn comment(app: &TestApp, token: &str, proposal: &str, text: &str) -> String {
    let res = send(
        app,
        HOST,
        Method::POST,
        &format!("/api/v1/proposals/{proposal}/comments"),
        Some(token),
        Some(json!({"body": text})),
    )
    .await;
    assert_eq!(res.status(), 201);
    json(res).await["id"].as_str().unwrap().to_owned()
}

/// An email in the outbox (sent or not).
#[derive(Debug, Clone)]
struct Queued {
    id: String,
    subject: String,
    text: String,
    html: String,
    list_unsubscribe: Option<String>,
}

/// The emails of this kind queued for an address, oldest first.
async fn queued(app: &TestApp, to: &str, kind: &str) -> Vec<Queued> {
    use coproduce::db::schema::outbox;
    use diesel::prelude::*;
    let (to, kind) = (to.to_owned(), kind.to_owned());
    app.db(move |conn| {
        outbox::table
            .filter(outbox::recipient.eq(&to))
            .filter(outbox::kind.eq(&kind))
            .order((outbox::created_at.asc(), outbox::id.asc()))
            .select((
                outbox::id,
                outbox::subject,
                outbox::body_text,
                outbox::body_html,
                outbox::list_unsubscribe,
            ))
            .load::<(String, String, String, String, Option<String>)>(conn)
            .unwrap()
            .into_iter()
            .map(|(id, subject, text, html, list_unsubscribe)| Queued {
                id,
                subject,
                text,
                html,
                list_unsubscribe,
            })
            .collect()
    })
    .await
}

/// Every notification email queued for an address.
async fn notifications_to(app: &TestApp, to: &str) -> usize {
    use coproduce::db::schema::outbox;
    use diesel::prelude::*;
    let to = to.to_owned();
    app.db(move |conn| {
        outbox::table
            .filter(outbox::recipient.eq(&to))
            .filter(outbox::kind.like("notification_%"))
            .count()
            .get_result::<i64>(conn)
            .unwrap() as usize
    })
    .await
}

/// The address after `label` on a line of an email's text.
fn link_after(text: &str, label: &str) -> String {
    text.lines()
        .find_map(|l| l.trim().strip_prefix(label))
        .unwrap_or_else(|| panic!("no `{label}` in: {text}"))
        .trim()
        .to_owned()
}

/// The path and query of an address, to ask the test app for it.
fn path_of(link: &str) -> String {
    let url = url::Url::parse(link).expect("a URL");
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    }
}

async fn settings(app: &TestApp, token: &str) -> Value {
    let res = send(
        app,
        HOST,
        Method::GET,
        "/api/v1/me/notifications",
        Some(token),
        None,
    )
    .await;
    assert_eq!(res.status(), 200);
    json(res).await
}

async fn choose(app: &TestApp, token: &str, delivery: &str) {
    let res = send(
        app,
        HOST,
        Method::PATCH,
        "/api/v1/me/notifications",
        Some(token),
        Some(json!({"delivery": delivery})),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(json(res).await["delivery"], delivery);
}

/// `coproduce digests send --now` against the test app's database and
/// secrets.
fn digests_send_now(app: &TestApp) -> String {
    let output = crate::cli::coproduce()
        .arg("--data-dir")
        .arg(&app.settings.data_dir)
        .arg("--database-url")
        .arg(app.settings.database.expose())
        .env("COPRODUCE_INSECURE_HTTP", "true")
        .args(["digests", "send", "--now"])
        .output()
        .expect("the binary runs");
    let (out, err) = crate::cli::out(&output);
    assert!(output.status.success(), "{out}\n{err}");
    out
}

both_backends!(
    async fn authors_coauthors_and_supporters_follow_and_may_stop(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        // Cat becomes a co-author of it.
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/proposals/{p}/coauthors"), Some(&w.ann_t), Some(json!({"email": "cat@example.org"}))).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/proposals/{p}/invitation"), Some(&w.cat_t), Some(json!({"decision": "accept"}))).await;
        assert!(res.status().is_success());
        assert!(following(&app, &w.ann_t, &p).await, "the author");
        assert!(following(&app, &w.bob_t, &p).await, "a supporter");
        assert!(following(&app, &w.cat_t, &p).await, "a co-author");
        assert!(!following(&app, &w.dan_t, &p).await, "anyone else");

        // Bob's list says why.
        let res = send(&app, HOST, Method::GET, "/api/v1/me/follows", Some(&w.bob_t), None).await;
        assert_eq!(res.status(), 200);
        let list = json(res).await;
        assert_eq!(list["total"], 1);
        assert_eq!(list["items"][0]["subject_id"], p.as_str());
        assert_eq!(list["items"][0]["reason"], "supporter");
        assert_eq!(list["items"][0]["title"], "A bench by the bus stop");
        assert_eq!(list["items"][0]["path"], format!("/proposals/{p}"));

        // Dan chooses to follow; twice changes nothing.
        for _ in 0..2 {
            let res = follow(&app, &w.dan_t, &p, Method::POST).await;
            assert_eq!(res.status(), 200);
            assert_eq!(json(res).await["following"], true);
        }
        let res = send(&app, HOST, Method::GET, "/api/v1/me/follows", Some(&w.dan_t), None).await;
        assert_eq!(json(res).await["items"][0]["reason"], "chosen");

        // Bob stops; supporting again does not make him follow again.
        let res = follow(&app, &w.bob_t, &p, Method::DELETE).await;
        assert_eq!(res.status(), 200);
        assert_eq!(json(res).await["following"], false);
        let res = send(&app, HOST, Method::DELETE, &format!("/api/v1/proposals/{p}/support"), Some(&w.bob_t), None).await;
        assert_eq!(res.status(), 200);
        support(&app, &w.bob_t, &p).await;
        assert!(!following(&app, &w.bob_t, &p).await, "his choice to stop stands");
        let res = send(&app, HOST, Method::GET, "/api/v1/me/follows", Some(&w.bob_t), None).await;
        assert_eq!(json(res).await["total"], 0);
        // He may choose to follow again.
        assert_eq!(follow(&app, &w.bob_t, &p, Method::POST).await.status(), 200);
        assert!(following(&app, &w.bob_t, &p).await);

        // Nobody signed in: 401. No such proposal, or not an id: 404.
        assert_problem(follow(&app, "", &p, Method::POST).await, 401, "unauthorized").await;
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/proposals/{p}/follow"), None, None).await;
        assert_problem(res, 401, "unauthorized").await;
        let missing = uuid::Uuid::now_v7().to_string();
        assert_problem(follow(&app, &w.dan_t, &missing, Method::POST).await, 404, "not_found").await;
        assert_problem(follow(&app, &w.dan_t, "not-an-id", Method::POST).await, 404, "not_found").await;
        // Someone else's draft is not there to follow.
        let draft = new_proposal(&app, &w.ann_t, "A draft", true).await;
        assert!(following(&app, &w.ann_t, &draft).await, "its author follows her draft");
        assert_problem(follow(&app, &w.dan_t, &draft, Method::POST).await, 404, "not_found").await;
        assert_problem(follow(&app, &w.dan_t, &draft, Method::GET).await, 404, "not_found").await;
        // A bad page of the list.
        let res = send(&app, HOST, Method::GET, "/api/v1/me/follows?per_page=0", Some(&w.dan_t), None).await;
        assert_problem(res, 422, "validation_failed").await;

        // Leeds: Coventry's proposal does not exist there, for Sam.
        for method in [Method::GET, Method::POST, Method::DELETE] {
            let res = send(&app, OTHER, method, &format!("/api/v1/proposals/{p}/follow"), Some(&w.sam_t), None).await;
            assert_problem(res, 404, "not_found").await;
        }
        // And Sam's token is no key to Coventry.
        assert_problem(follow(&app, &w.sam_t, &p, Method::POST).await, 401, "unauthorized").await;
        let res = send(&app, OTHER, Method::GET, "/api/v1/me/follows", Some(&w.sam_t), None).await;
        assert_eq!(json(res).await["total"], 0);
    }
);

both_backends!(
    async fn status_changes_email_followers_but_not_the_person_who_moved_it(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        // Dan follows; the admin follows too (and will move it).
        assert_eq!(follow(&app, &w.dan_t, &p, Method::POST).await.status(), 200);
        assert_eq!(follow(&app, &w.admin_t, &p, Method::POST).await.status(), 200);
        move_to(&app, &w.admin_t, &p, "in_codesign", Some("Enough neighbours asked for it.")).await;

        for to in ["ann@example.org", "bob@example.org", "dan@example.org"] {
            let emails = queued(&app, to, "notification_status_changed").await;
            assert_eq!(emails.len(), 1, "{to}");
            let e = &emails[0];
            assert_eq!(e.subject, "Coventry: “A bench by the bus stop” is now “In co-design”");
            assert!(e.text.contains("has moved from “Published, gathering support” to “In co-design”"), "{}", e.text);
            assert!(e.text.contains("The reason given:"), "{}", e.text);
            assert!(e.text.contains("Enough neighbours asked for it."), "{}", e.text);
            assert!(e.text.contains(&format!("http://coventry.test/proposals/{p}")), "{}", e.text);
            assert!(e.text.contains("http://coventry.test/account/notifications"), "{}", e.text);
            assert!(e.html.contains("Enough neighbours asked for it."), "{}", e.html);
            let unsubscribe = link_after(&e.text, "Stop emails about this proposal:");
            assert!(unsubscribe.starts_with("http://coventry.test/unsubscribe?token="), "{unsubscribe}");
            assert_eq!(e.list_unsubscribe.as_deref(), Some(unsubscribe.as_str()));
        }
        // Why each hears of it.
        let because = |t: &str| t.lines().find(|l| l.starts_with("You get this email because")).unwrap().to_owned();
        assert!(because(&queued(&app, "ann@example.org", "notification_status_changed").await[0].text).contains("you wrote this proposal"));
        assert!(because(&queued(&app, "bob@example.org", "notification_status_changed").await[0].text).contains("you support this proposal"));
        assert!(because(&queued(&app, "dan@example.org", "notification_status_changed").await[0].text).contains("you follow this proposal"));
        // The admin who moved it hears nothing; Cat, who does not follow, neither.
        assert_eq!(notifications_to(&app, "admin@example.org").await, 0);
        assert_eq!(notifications_to(&app, "cat@example.org").await, 0);

        // The sent message carries the one-click unsubscribe headers.
        delivered_email(&app, "bob@example.org", "notification_status_changed").await;
        let id = queued(&app, "bob@example.org", "notification_status_changed").await[0].id.clone();
        let eml = std::fs::read_to_string(app.settings.data_dir.join("mail").join(format!("{id}.eml"))).unwrap();
        assert!(eml.contains("List-Unsubscribe: <http://coventry.test/unsubscribe?token="), "{eml}");
        assert!(eml.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{eml}");

        // "Not taken forward" carries its written response back to Bob.
        let other = new_proposal(&app, &w.ann_t, "A fountain", false).await;
        support(&app, &w.bob_t, &other).await;
        move_to(&app, &w.admin_t, &other, "in_codesign", None).await;
        move_to(&app, &w.admin_t, &other, "not_taken_forward", Some("The square cannot take the weight.")).await;
        let emails = queued(&app, "bob@example.org", "notification_status_changed").await;
        assert_eq!(emails.len(), 3);
        assert!(!emails[1].text.contains("The reason given"), "no reason, no line: {}", emails[1].text);
        assert!(emails[2].text.contains("The square cannot take the weight."));
        assert!(emails[2].subject.contains("Not taken forward"));

        // Someone who chose "off" hears nothing; a refused move tells nobody.
        choose(&app, &w.dan_t, "off").await;
        move_to(&app, &w.admin_t, &p, "accepted", None).await;
        assert_eq!(queued(&app, "dan@example.org", "notification_status_changed").await.len(), 1);
        assert_eq!(queued(&app, "bob@example.org", "notification_status_changed").await.len(), 4);
        let before = notifications_to(&app, "bob@example.org").await;
        let res = send(&app, HOST, Method::PATCH, &format!("/api/v1/proposals/{p}"), Some(&w.admin_t), Some(json!({"status": "evaluated"}))).await;
        assert_eq!(res.status(), 409);
        assert_eq!(notifications_to(&app, "bob@example.org").await, before);
    }
);

both_backends!(
    async fn comments_email_followers_but_not_the_commenter(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        let c = comment(&app, &w.bob_t, &p, "Could it have a back rest? My knees would thank you.").await;
        let emails = queued(&app, "ann@example.org", "notification_new_comment").await;
        assert_eq!(emails.len(), 1);
        let e = &emails[0];
        assert_eq!(e.subject, "Coventry: A new comment on “A bench by the bus stop”");
        assert!(e.text.contains("bob commented on “A bench by the bus stop”."), "{}", e.text);
        assert!(e.text.contains("Could it have a back rest? My knees would thank you."), "{}", e.text);
        assert!(e.text.contains(&format!("http://coventry.test/proposals/{p}#comment-{c}")), "{}", e.text);
        assert!(e.list_unsubscribe.is_some());
        // Bob wrote it: nothing for him.
        assert_eq!(notifications_to(&app, "bob@example.org").await, 0);
        // Ann answers: Bob hears, Ann does not.
        comment(&app, &w.ann_t, &p, "Yes, <b>with</b> a back rest.").await;
        let to_bob = queued(&app, "bob@example.org", "notification_new_comment").await;
        assert_eq!(to_bob.len(), 1);
        assert!(to_bob[0].text.contains("ann commented"));
        // The HTML part escapes what people write.
        assert!(!to_bob[0].html.contains("<b>with"), "{}", to_bob[0].html);
        assert!(to_bob[0].html.contains("&#60;b&#62;with&#60;/b&#62; a back rest."), "{}", to_bob[0].html);
        assert_eq!(queued(&app, "ann@example.org", "notification_new_comment").await.len(), 1);
        // A rejected comment tells nobody.
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/proposals/{p}/comments"), Some(&w.dan_t), Some(json!({"body": " "}))).await;
        assert_problem(res, 422, "validation_failed").await;
        assert_eq!(queued(&app, "ann@example.org", "notification_new_comment").await.len(), 1);
        // The text email links work: the comment is on the page.
        let link = crate::common::link_in(&delivered_email(&app, "ann@example.org", "notification_new_comment").await);
        let res = app.get(HOST, &path_of(&link)).await;
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains(&format!("id=\"comment-{c}\"")));
    }
);

both_backends!(
    async fn digests_group_updates_by_proposal(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        choose(&app, &w.bob_t, "daily").await;
        let second = new_proposal(&app, &w.ann_t, "Swings in the park", false).await;
        support(&app, &w.bob_t, &second).await;
        move_to(&app, &w.admin_t, &p, "in_codesign", Some("It has the support it needed.")).await;
        comment(&app, &w.ann_t, &p, "Thank you all for supporting it.").await;
        comment(&app, &w.dan_t, &second, "Toddler swings, please.").await;
        let gone = comment(&app, &w.dan_t, &second, "A comment I will delete.").await;
        // Nothing went now: four updates wait.
        assert_eq!(notifications_to(&app, "bob@example.org").await, 0);
        assert_eq!(settings(&app, &w.bob_t).await["pending"], 4);
        // Dan deletes his comment before the digest goes: it is left out.
        let res = send(&app, HOST, Method::DELETE, &format!("/api/v1/comments/{gone}"), Some(&w.dan_t), None).await;
        assert_eq!(res.status(), 204);

        let out = digests_send_now(&app);
        assert!(out.contains("Queued 1 digest(s)"), "{out}");
        let text = delivered_email(&app, "bob@example.org", "notification_digest").await;
        let digest = queued(&app, "bob@example.org", "notification_digest").await;
        assert_eq!(digest.len(), 1);
        let d = &digest[0];
        assert_eq!(d.subject, "Coventry: 3 updates on 2 proposals you follow");
        assert!(text.contains("Hello bob,"), "{text}");
        assert!(text.contains("Here are the 3 updates on what you follow since your last summary."), "{text}");
        // Grouped by proposal, in the order things happened.
        let first = text.find("== A bench by the bus stop ==").expect("the bench's group");
        let swings = text.find("== Swings in the park ==").expect("the swings' group");
        assert!(first < swings, "{text}");
        let bench_part = &text[first..swings];
        assert!(bench_part.contains("has moved from “Published, gathering support” to “In co-design”"), "{text}");
        assert!(bench_part.contains("The reason given: It has the support it needed."), "{text}");
        assert!(bench_part.contains("ann commented on “A bench by the bus stop”."), "{text}");
        assert!(bench_part.contains("Thank you all for supporting it."), "{text}");
        assert!(bench_part.find("has moved").unwrap() < bench_part.find("ann commented").unwrap());
        assert!(bench_part.contains(&format!("http://coventry.test/proposals/{p}")), "{text}");
        let swings_part = &text[swings..];
        assert!(swings_part.contains("Toddler swings, please."), "{text}");
        assert!(!text.contains("A comment I will delete."), "{text}");
        // Each group has its own stop link, and the whole digest one for all.
        assert_eq!(text.matches("Stop emails about this proposal:").count(), 2, "{text}");
        let all = link_after(&text, "Stop all these emails:");
        assert_eq!(d.list_unsubscribe.as_deref(), Some(all.as_str()));
        assert!(d.html.contains("<h2") && d.html.contains("Swings in the park"), "{}", d.html);
        assert_eq!(settings(&app, &w.bob_t).await["pending"], 0);
        // Nothing waits now: a second run sends nothing.
        assert!(digests_send_now(&app).contains("Queued 0 digest(s)"));
        assert_eq!(queued(&app, "bob@example.org", "notification_digest").await.len(), 1);
        // One update: the subject says so.
        comment(&app, &w.ann_t, &second, "Swings are on order.").await;
        digests_send_now(&app);
        let digest = queued(&app, "bob@example.org", "notification_digest").await;
        assert_eq!(digest.len(), 2);
        assert_eq!(digest[1].subject, "Coventry: 1 update on “Swings in the park”");
        assert!(digest[1].text.contains("Here is the update on what you follow"));
    }
);

both_backends!(
    async fn scheduled_digests_go_once_per_day_or_week(app) {
        use coproduce::db::schema::notification_digest_items;
        use coproduce::notifications::service::{send_digests, When};
        use coproduce::notifications::Mailing;
        use coproduce::secrets::Secrets;
        use diesel::prelude::*;
        let w = world(&app).await;
        let p = w.proposal.clone();
        choose(&app, &w.bob_t, "daily").await;
        choose(&app, &w.ann_t, "weekly").await;
        comment(&app, &w.dan_t, &p, "A first comment.").await;
        let mailing = Mailing::new(
            &app.settings,
            &Secrets::load_or_create(&Secrets::default_path(&app.settings.data_dir)).unwrap(),
        );
        let now = chrono::Utc::now().naive_utc();
        let hour = chrono::Timelike::hour(&now);
        let run = |when: When| {
            let mailing = mailing.clone();
            app.db(move |conn| send_digests(conn, &mailing, when).unwrap())
        };
        // Updates from after this hour's slot wait for the next one.
        assert_eq!(run(When::Scheduled { hour }).await.sent, 0);
        // Made eight days old, they are due: Bob's daily and Ann's weekly
        // digests go, once each however often the clock looks.
        app.db(|conn| {
            diesel::update(notification_digest_items::table)
                .set(notification_digest_items::created_at.eq(chrono::Utc::now().naive_utc() - chrono::Duration::days(8)))
                .execute(conn)
                .unwrap()
        })
        .await;
        assert_eq!(run(When::Scheduled { hour }).await.sent, 2);
        assert_eq!(run(When::Scheduled { hour }).await.sent, 0);
        assert_eq!(queued(&app, "bob@example.org", "notification_digest").await.len(), 1);
        assert_eq!(queued(&app, "ann@example.org", "notification_digest").await.len(), 1);
        // A later update, even backdated, waits for the next day's slot:
        // Bob had his digest today.
        comment(&app, &w.dan_t, &p, "A second comment.").await;
        app.db(|conn| {
            diesel::update(notification_digest_items::table)
                .set(notification_digest_items::created_at.eq(chrono::Utc::now().naive_utc() - chrono::Duration::days(8)))
                .execute(conn)
                .unwrap()
        })
        .await;
        assert_eq!(run(When::Scheduled { hour }).await.sent, 0);
        assert_eq!(settings(&app, &w.bob_t).await["pending"], 1);
        // `--now` sends it anyway.
        assert_eq!(run(When::Now).await.sent, 2);
        assert_eq!(queued(&app, "bob@example.org", "notification_digest").await.len(), 2);
        // Choosing "off" drops what waited.
        comment(&app, &w.dan_t, &p, "A third comment.").await;
        assert_eq!(settings(&app, &w.bob_t).await["pending"], 1);
        choose(&app, &w.bob_t, "off").await;
        assert_eq!(settings(&app, &w.bob_t).await["pending"], 0);
        let _ = (&w.bob, &w.dan);
    }
);

both_backends!(
    async fn unsubscribe_links_work_without_signing_in(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        comment(&app, &w.ann_t, &p, "Thanks for your support, Bob.").await;
        let text = queued(&app, "bob@example.org", "notification_new_comment").await[0].text.clone();
        let link = link_after(&text, "Stop emails about this proposal:");
        let path = path_of(&link);
        // A stranger's client, no cookies: the confirmation page, which
        // changes nothing by itself.
        let page = app.get(HOST, &path).await;
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("<h1>Stop emails</h1>"), "{html}");
        assert!(html.contains("“A bench by the bus stop”"), "{html}");
        assert!(following(&app, &w.bob_t, &p).await);
        // Pressing the button stops this proposal's emails.
        let res = app.client(HOST).post(app.url(HOST, &path)).form(&[("stop", "subject")]).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("You are unsubscribed"), "{html}");
        assert!(html.contains("We will not email you about “A bench by the bus stop” any more."), "{html}");
        assert!(!following(&app, &w.bob_t, &p).await);
        comment(&app, &w.ann_t, &p, "Another comment Bob will not hear of.").await;
        assert_eq!(queued(&app, "bob@example.org", "notification_new_comment").await.len(), 1);
        // Again: nothing more changes.
        let res = app.client(HOST).post(app.url(HOST, &path)).form(&[("stop", "subject")]).send().await.unwrap();
        assert_eq!(res.status(), 200);

        // A mail client's one-click unsubscribe (RFC 8058) from Dan's email.
        assert_eq!(follow(&app, &w.dan_t, &p, Method::POST).await.status(), 200);
        comment(&app, &w.ann_t, &p, "Welcome, Dan.").await;
        let dan = queued(&app, "dan@example.org", "notification_new_comment").await;
        let one_click = path_of(dan[0].list_unsubscribe.as_deref().unwrap());
        let res = app.client(HOST).post(app.url(HOST, &one_click)).header("content-type", "application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(!following(&app, &w.dan_t, &p).await);

        // "Stop all" from the same link turns every notification email off.
        let res = app.client(HOST).post(app.url(HOST, &path)).form(&[("stop", "all")]).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("We will not send you emails about proposals any more."));
        assert_eq!(settings(&app, &w.bob_t).await["delivery"], "off");
        // And the audit log says so, about Bob.
        {
            use coproduce::db::schema::audit_events;
            use diesel::prelude::*;
            let n: i64 = app.db(|conn| audit_events::table.filter(audit_events::kind.eq("notification_settings_changed")).count().get_result(conn).unwrap()).await;
            assert!(n >= 3, "{n}");
        }
        // A choice that is neither: 400.
        let res = app.client(HOST).post(app.url(HOST, &path)).form(&[("stop", "everything")]).send().await.unwrap();
        assert_eq!(res.status(), 400);

        // A tampered token finds nothing, on the page and the POST.
        let token = crate::common::token_in(&link);
        let (payload, mac) = token.split_once('.').unwrap();
        let mut flipped = payload.to_owned().into_bytes();
        let last = flipped.len() - 2;
        flipped[last] = if flipped[last] == b'A' { b'B' } else { b'A' };
        let tampered = format!("{}.{mac}", String::from_utf8(flipped).unwrap());
        for bad in [tampered.as_str(), "", "nonsense", &format!("{payload}.{}", &mac[1..])] {
            let res = app.get(HOST, &format!("/unsubscribe?token={bad}")).await;
            assert_eq!(res.status(), 404, "{bad}");
            let res = app.client(HOST).post(app.url(HOST, &format!("/unsubscribe?token={bad}"))).form(&[("stop", "all")]).send().await.unwrap();
            assert_eq!(res.status(), 404, "{bad}");
        }
        // Coventry's link means nothing in Leeds.
        let res = app.get(OTHER, &path).await;
        assert_eq!(res.status(), 404);
        let res = app.client(OTHER).post(app.url(OTHER, &path)).form(&[("stop", "all")]).send().await.unwrap();
        assert_eq!(res.status(), 404);
        let _ = (&w.ann, &w.bob, &w.dan, &w.cat_t, &w.sam_t, &w.admin_t);
    }
);

both_backends!(
    async fn settings_on_the_api_and_the_page(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        let s = settings(&app, &w.dan_t).await;
        assert_eq!(s["delivery"], "immediately");
        assert_eq!(s["pending"], 0);
        assert!(s["digest_hour"].is_null(), "digests off in tests: {s}");
        // Bad choices: 422 naming the field; a wrong type or no body: 400.
        let res = send(&app, HOST, Method::PATCH, "/api/v1/me/notifications", Some(&w.dan_t), Some(json!({"delivery": "hourly"}))).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "delivery");
        let res = send(&app, HOST, Method::PATCH, "/api/v1/me/notifications", Some(&w.dan_t), Some(json!({"delivery": 5}))).await;
        assert_eq!(res.status(), 400);
        let res = send(&app, HOST, Method::PATCH, "/api/v1/me/notifications", Some(&w.dan_t), Some(json!({}))).await;
        assert_eq!(res.status(), 400);
        assert_eq!(settings(&app, &w.dan_t).await["delivery"], "immediately");
        let res = send(&app, HOST, Method::GET, "/api/v1/me/notifications", None, None).await;
        assert_problem(res, 401, "unauthorized").await;
        choose(&app, &w.dan_t, "weekly").await;

        // The page: signed out, to sign in.
        let res = app.get(HOST, "/account/notifications").await;
        assert_eq!(res.status(), 303);
        let dan = browser_session(&app, HOST, &w.dan).await;
        let html = dan.get(app.url(HOST, "/account/notifications")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("<h1>Notifications</h1>"), "{html}");
        assert!(html.contains(r#"value="weekly" class="checkbox" checked"#), "{html}");
        assert!(html.contains("You follow no proposals yet."), "{html}");
        let csrf = csrf_in(&html);
        // A bad choice: 422, the message beside the field, nothing saved.
        let res = dan.post(app.url(HOST, "/account/notifications")).form(&[("csrf", csrf.as_str()), ("delivery", "hourly")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="delivery-error""#), "{html}");
        assert!(html.contains("choose immediately, daily, weekly or off"), "{html}");
        assert_eq!(settings(&app, &w.dan_t).await["delivery"], "weekly");
        // No CSRF token: refused.
        let res = dan.post(app.url(HOST, "/account/notifications")).form(&[("delivery", "daily")]).send().await.unwrap();
        assert_eq!(res.status(), 403);
        let res = dan.post(app.url(HOST, "/account/notifications")).form(&[("csrf", csrf.as_str()), ("delivery", "daily")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/account/notifications?done=saved");
        assert_eq!(settings(&app, &w.dan_t).await["delivery"], "daily");

        // Following from the proposal's page.
        let html = dan.get(app.url(HOST, &format!("/proposals/{p}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Follow this proposal</button>"), "{html}");
        let res = dan.post(app.url(HOST, &format!("/proposals/{p}/follow"))).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"].to_str().unwrap(), format!("/proposals/{p}#follow"));
        assert!(following(&app, &w.dan_t, &p).await);
        let html = dan.get(app.url(HOST, &format!("/proposals/{p}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Stop following</button>"), "{html}");
        // The list, and stopping from it.
        let html = dan.get(app.url(HOST, "/account/notifications")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("A bench by the bus stop") && html.contains("You chose to follow it"), "{html}");
        let res = dan.post(app.url(HOST, &format!("/proposals/{p}/unfollow"))).form(&[("csrf", csrf.as_str()), ("back", "/account/notifications")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/account/notifications");
        assert!(!following(&app, &w.dan_t, &p).await);
        // A "back" to another site is not followed.
        let res = dan.post(app.url(HOST, &format!("/proposals/{p}/follow"))).form(&[("csrf", csrf.as_str()), ("back", "https://evil.example/")]).send().await.unwrap();
        assert_eq!(res.headers()["location"], "/account");
        // Signed out, the page offers to sign in; the form needs it.
        let html = app.get(HOST, &format!("/proposals/{p}")).await.text().await.unwrap();
        assert!(html.contains("Sign in to follow this proposal"), "{html}");
        // Another place's proposal by id: 404 on the page's form too.
        let sam = user(&app, "leeds", "sam2@example.org", Role::Citizen, false, false).await;
        let sam_page = browser_session(&app, OTHER, &sam).await;
        let html = sam_page.get(app.url(OTHER, "/account/notifications")).send().await.unwrap().text().await.unwrap();
        let sam_csrf = csrf_in(&html);
        let res = sam_page.post(app.url(OTHER, &format!("/proposals/{p}/follow"))).form(&[("csrf", sam_csrf.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 404);
        // The account page links here.
        let html = dan.get(app.url(HOST, "/account")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(r#"href="/account/notifications""#), "{html}");
    }
);

both_backends!(
    async fn a_persons_data_holds_their_follows_and_erasure_removes_them(app) {
        use coproduce::db::schema::{follows, notification_digest_items, notification_settings};
        use diesel::prelude::*;
        let w = world(&app).await;
        let p = w.proposal.clone();
        choose(&app, &w.bob_t, "weekly").await;
        comment(&app, &w.ann_t, &p, "Thank you, Bob.").await;
        let res = send(&app, HOST, Method::GET, "/api/v1/me/export", Some(&w.bob_t), None).await;
        assert_eq!(res.status(), 200);
        let export = json(res).await;
        let n = &export["notifications"];
        assert_eq!(n["delivery"], "weekly");
        assert_eq!(n["follows"][0]["subject_id"], p.as_str());
        assert_eq!(n["follows"][0]["reason"], "supporter");
        assert_eq!(n["follows"][0]["following"], true);
        assert_eq!(n["pending"][0]["kind"], "new_comment");
        let res = send(&app, HOST, Method::DELETE, "/api/v1/me", Some(&w.bob_t), Some(json!({"password": USER_PASSWORD}))).await;
        assert_eq!(res.status(), 204, "{}", res.text().await.unwrap());
        let bob = w.bob.id.to_string();
        let left: (i64, i64, i64) = app
            .db(move |conn| {
                (
                    follows::table.filter(follows::user_id.eq(&bob)).count().get_result(conn).unwrap(),
                    notification_settings::table.filter(notification_settings::user_id.eq(&bob)).count().get_result(conn).unwrap(),
                    notification_digest_items::table.filter(notification_digest_items::user_id.eq(&bob)).count().get_result(conn).unwrap(),
                )
            })
            .await;
        assert_eq!(left, (0, 0, 0));
        // Ann's follow is untouched, and her next comment emails nobody gone.
        assert!(following(&app, &w.ann_t, &p).await);
        comment(&app, &w.dan_t, &p, "Still a good idea.").await;
        assert_eq!(queued(&app, "ann@example.org", "notification_new_comment").await.len(), 1);
    }
);

both_backends!(
    async fn settings_follow_and_unsubscribe_pages_in_the_browser(app) {
        use crate::common::browser::Browser;
        use crate::common::session_secret;
        use coproduce::accounts::model::SessionKind;
        use fantoccini::Locator;
        let w = world(&app).await;
        let p = w.proposal.clone();
        comment(&app, &w.ann_t, &p, "Thanks for your support.").await;
        let text = queued(&app, "bob@example.org", "notification_new_comment").await[0].text.clone();
        let unsubscribe = path_of(&link_after(&text, "Stop emails about this proposal:"));

        let browser = Browser::start(&app).await;
        let find = |css: &'static str| {
            let client = browser.client.clone();
            async move { client.find(Locator::Css(css)).await.unwrap() }
        };
        // Unsubscribing, signed out.
        browser.goto(&app, HOST, &unsubscribe).await;
        browser.wait_for_heading("Stop emails").await;
        browser.assert_accessible().await;
        find("button[value='subject']").await.click().await.unwrap();
        browser.wait_for_heading("You are unsubscribed").await;
        browser.assert_accessible().await;
        assert!(!following(&app, &w.bob_t, &p).await);

        // Signed in as Dan: follow from the proposal page, then settings.
        let secret = session_secret(&app, &w.dan, SessionKind::Browser).await;
        browser.goto(&app, HOST, "/").await;
        browser.client.execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![]).await.unwrap();
        browser.goto(&app, HOST, &format!("/proposals/{p}")).await;
        browser.wait_for_heading("A bench by the bus stop").await;
        browser.assert_accessible().await;
        find("#follow button").await.click().await.unwrap();
        browser.wait_for_heading("A bench by the bus stop").await;
        assert!(browser.text("#follow").await.contains("You follow this proposal"));
        browser.assert_accessible().await;
        browser.goto(&app, HOST, "/account").await;
        find("a[href='/account/notifications']").await.click().await.unwrap();
        browser.wait_for_heading("Notifications").await;
        browser.assert_accessible().await;
        assert!(browser.text("main").await.contains("A bench by the bus stop"));
        find("#delivery-daily").await.click().await.unwrap();
        find("main form button[type='submit']").await.click().await.unwrap();
        browser.wait_for_heading("Notifications").await;
        assert!(browser.text(".notice").await.contains("saved"));
        browser.assert_accessible().await;
        assert_eq!(settings(&app, &w.dan_t).await["delivery"], "daily");
        // The error state, reached without JavaScript's help: a form with
        // no choice ticked cannot be sent from the page, so post it.
        browser
            .client
            .execute("document.querySelectorAll('input[name=delivery]').forEach(i => i.value = 'hourly'); document.querySelector('main form').submit();", vec![])
            .await
            .unwrap();
        browser.wait_for_heading("Notifications").await;
        assert!(browser.text("#delivery-error").await.contains("choose immediately, daily, weekly or off"));
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn people_who_told_a_board_their_story_hear_what_came_of_the_proposal(app) {
        let w = world(&app).await;
        let p = w.proposal.clone();
        // Ann's proposal is linked to a board that Cat and Dan belong to.
        let res = send(&app, HOST, Method::POST, "/api/v1/boards", Some(&w.admin_t), Some(json!({
            "title": "Waiting in comfort", "description": "Bus users and the council redesign stops together.",
            "service_area": "Bus stops", "visibility": "public",
        }))).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        let board = json(res).await["id"].as_str().unwrap().to_owned();
        for u in [&w.cat, &w.dan] {
            let res = send(&app, HOST, Method::POST, &format!("/api/v1/boards/{board}/members"), Some(&w.admin_t), Some(json!({"user_id": u.id}))).await;
            assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        }
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/boards/{board}/links"), Some(&w.admin_t), Some(json!({"proposal_id": p}))).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        // Cat and Dan each tell a story; both share it with the board, and Dan then withdraws.
        let mut grants = Vec::new();
        for t in [&w.cat_t, &w.dan_t] {
            let res = send(&app, HOST, Method::POST, "/api/v1/stories", Some(t), Some(json!({
                "title": "Standing in the rain", "body": "My knees hurt after ten minutes at the stop.",
            }))).await;
            assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
            let story = json(res).await["id"].as_str().unwrap().to_owned();
            let res = send(&app, HOST, Method::PUT, &format!("/api/v1/stories/{story}/consents"), Some(t), Some(json!({"grants": [
                {"purpose": "board_learning", "audience": format!("board:{board}"), "attribution": "first_name"},
            ]}))).await;
            assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
            grants.push((story, json(res).await["grants"][0]["id"].as_str().unwrap().to_owned()));
        }
        let res = send(&app, HOST, Method::PUT, &format!("/api/v1/stories/{}/consents", grants[1].0), Some(&w.dan_t), Some(json!({"grants": []}))).await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

        move_to(&app, &w.admin_t, &p, "in_codesign", Some("The board heard why it matters.")).await;
        // Cat hears back and is told why; the story's words are not in the email.
        let cat = queued(&app, "cat@example.org", "notification_status_changed").await;
        assert_eq!(cat.len(), 1);
        assert!(cat[0].text.contains("you shared your story with a board working on this proposal"), "{}", cat[0].text);
        assert!(cat[0].text.contains("The board heard why it matters."));
        assert!(!cat[0].text.contains("knees") && !cat[0].html.contains("knees"));
        // Dan, whose consent is withdrawn, hears nothing; Ann and Bob still do.
        assert_eq!(notifications_to(&app, "dan@example.org").await, 0);
        assert_eq!(queued(&app, "ann@example.org", "notification_status_changed").await.len(), 1);
        assert_eq!(queued(&app, "bob@example.org", "notification_status_changed").await.len(), 1);
        // Cat can stop hearing of it like anyone else.
        assert_eq!(follow(&app, &w.cat_t, &p, Method::DELETE).await.status(), 200);
        move_to(&app, &w.admin_t, &p, "accepted", None).await;
        assert_eq!(queued(&app, "cat@example.org", "notification_status_changed").await.len(), 1);
        assert_eq!(queued(&app, "ann@example.org", "notification_status_changed").await.len(), 2);
    }
);

both_backends!(
    async fn the_notification_settings_speak_welsh(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let html = crate::i18n::welsh_page(&app, HOST, Some(&ann), "/account/notifications").await;
        crate::i18n::assert_welsh_heading(&html, "<h1>Hysbysiadau</h1>", "<h1>Notifications</h1>");
        assert!(html.contains("Crynodeb dyddiol"), "{html}");
    }
);
