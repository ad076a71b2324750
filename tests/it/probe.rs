//! The cross-tenant probe matrix and the error-hygiene scan (issue 9, items
//! 3 and 8).
//!
//! Three places (A, B, C) are seeded through the real API with a canary
//! string in every kind of object a place owns. Then every route of the
//! application (the API's from `/api/openapi.json`, every route from the
//! source's `web::resource` registrations, see `tests/common/routes.rs`) is
//! called on B's host as anonymous, as a citizen of B and as an admin of B
//! (with two-step sign-in), with every object id of A that fits its path
//! parameters, a plausible body naming A's objects, and list and search
//! queries. The test fails on any of:
//! - a canary of A or C in any response (body or headers) or in any email
//!   of B;
//! - any change to A's rows (a digest of every row of every table with a
//!   `tenant_id`, taken before and after);
//! - any response with status 500 or more;
//! - an error text that gives away internals (see [`HYGIENE`]);
//! - A's browser session, access token or refresh token working on B;
//! - a route in the source that was not called (or is not on [`NOT_PROBED`]).

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use coproduce::accounts::model::SessionKind;
use coproduce::accounts::{Role, User};
use futures::StreamExt;
use reqwest::Method;
use serde_json::{json, Map, Value};

use crate::both_backends;
use crate::common::hygiene;
use crate::common::routes::{self, ScannedRoute};
use crate::common::{
    api_token, browser_session, csrf_in, json, session_secret, user, Backend, TestApp,
    USER_PASSWORD,
};

/// Routes the matrix does not call, each with why.
const NOT_PROBED: &[(&str, &str)] = &[
    // Files compiled into the binary, the same for every place.
    (
        "/static/{name}",
        "static files built into the binary; no tenant data",
    ),
];

/// Tables the seeding leaves empty for A, each with why.
const UNSEEDED: &[(&str, &str)] = &[
    (
        "idempotency_keys",
        "made only by a POST carrying Idempotency-Key, which the probe does not send; \
         keys are scoped by place and person (tests/it/idempotency.rs keys_belong_to_one_person_in_one_place)",
    ),
    (
        "recovery_codes",
        "hashes only; no route takes or shows them",
    ),
    (
        "workshop_attendance",
        "recorded only once a workshop has started; workshops are seeded in the future",
    ),
];

/// Requests that end or change the caller's own session or account; sent
/// after every other request of the same caller, in this order.
const LAST: &[&str] = &[
    "/account/sessions/end-others",
    "/account/two-factor/disable",
    "/account/password",
    "/account/email",
    "/sign-out",
    "/api/v1/auth/logout",
    "/account/delete",
    "/api/v1/me",
];

/// A word every place's content shares (so a search for it on B would find
/// A's objects if it crossed), never a canary itself.
const WORD: &str = "Xylophone";

fn canary(place: char) -> String {
    format!("qzx{place}canary")
}

fn host(place: char) -> String {
    format!("{place}.probe.test")
}

/// One seeded place.
struct Place {
    host: String,
    tenant_id: String,
    admin: User,
    citizen: User,
    /// The secret of an invitation to an organisation (for `{token}`).
    invitation_token: String,
    slug: String,
}

/// Seeds a place over its API; every call must succeed.
struct Seeder<'a> {
    app: &'a TestApp,
    host: &'a str,
}

impl Seeder<'_> {
    async fn call(&self, method: Method, token: &str, path: &str, body: Option<Value>) -> Value {
        let (app, host) = (self.app, self.host);
        let token = Some(token).filter(|t| !t.is_empty());
        let res = crate::common::send(app, host, method.clone(), path, token, body).await;
        let status = res.status();
        let text = res.text().await.unwrap();
        assert!(
            status.is_success(),
            "seeding {method} {path} on {host}: {status} {text}"
        );
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    async fn post(&self, token: &str, path: &str, body: impl Into<Option<Value>>) -> Value {
        self.call(Method::POST, token, path, body.into()).await
    }

    async fn put(&self, token: &str, path: &str, body: Value) -> Value {
        self.call(Method::PUT, token, path, Some(body)).await
    }

    async fn patch(&self, token: &str, path: &str, body: Value) -> Value {
        self.call(Method::PATCH, token, path, Some(body)).await
    }
}

fn id(v: &Value) -> String {
    v["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {v}"))
        .to_owned()
}

/// Seeds one place with a canary in everything it owns.
async fn seed(app: &TestApp, letter: char) -> Place {
    let c = canary(letter);
    let host = host(letter);
    let slug = format!("probe-{letter}");
    let tenant = app
        .tenant(&slug, &format!("Probe {letter} {c}"), &[&host])
        .await;
    let email = |who: &str| format!("{who}.{c}@{letter}.example.org");
    let admin = user(app, &slug, &email("admin"), Role::Admin, false, true).await;
    let ann = user(app, &slug, &email("ann"), Role::Citizen, false, false).await;
    let bob = user(app, &slug, &email("bob"), Role::Citizen, false, false).await;
    let olga = user(app, &slug, &email("olga"), Role::Citizen, false, false).await;
    let cat = user(app, &slug, &email("cat"), Role::Citizen, false, false).await;
    let citizen = user(app, &slug, &email("cid"), Role::Citizen, false, false).await;
    let (admin_t, ann_t, bob_t, olga_t, cat_t) = (
        api_token(app, &admin).await,
        api_token(app, &ann).await,
        api_token(app, &bob).await,
        api_token(app, &olga).await,
        api_token(app, &cat).await,
    );
    let h = host.as_str();
    let s = Seeder { app, host: h };
    let text = |what: &str| format!("{WORD} {what} {c}");

    // The place: settings, an area, people's profiles and residency.
    s.patch(
        &admin_t,
        "/api/v1/admin/settings",
        json!({
            "support_threshold": 1,
            "contact_email": email("contact"),
            "residency_routes": ["postcode", "vouching", "manual"],
        }),
    )
    .await;
    let area = id(&s
        .post(
            &admin_t,
            "/api/v1/areas",
            json!({
                "name": text("ward"), "kind": "ward", "description": text("area description"),
            }),
        )
        .await);
    for (t, who) in [
        (&ann_t, "Ann"),
        (&bob_t, "Bob"),
        (&olga_t, "Olga"),
        (&cat_t, "Cat"),
    ] {
        s.patch(t, "/api/v1/me/profile", json!({
            "display_name": format!("{who} {c}"), "bio": text("bio"), "home_area": text("home"),
            "skills": [text("skill")],
            "visibility": {"display_name": "public", "bio": "public", "home_area": "public", "skills": "public"},
        })).await;
    }
    s.put(
        &bob_t,
        "/api/v1/me/residency/area",
        json!({"area_id": area}),
    )
    .await;
    s.patch(
        &cat_t,
        "/api/v1/me/notifications",
        json!({"delivery": "daily"}),
    )
    .await;
    let (tenant_id, by, story_text) = (tenant.id.clone(), admin.clone(), text("place story"));
    app.db(move |conn| {
        let rows = coproduce::residency::import::read("CV1 5FB\n".as_bytes()).unwrap();
        coproduce::residency::import::import(conn, &tenant_id, &rows, || {}).unwrap();
        coproduce::places::story::save(conn, &tenant_id, &by, &story_text).unwrap();
    })
    .await;
    // A wrong postcode counts as an attempt.
    let res = crate::common::send(
        app,
        h,
        Method::POST,
        "/api/v1/me/residency",
        Some(&cat_t),
        Some(json!({"postcode": "ZZ9 9ZZ"})),
    )
    .await;
    assert!(
        res.status().is_client_error(),
        "a wrong postcode is refused"
    );
    // A refresh token spent.
    let login = json(
        crate::common::send(
            app,
            h,
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": ann.email, "password": USER_PASSWORD})),
        )
        .await,
    )
    .await;
    s.post(
        "",
        "/api/v1/auth/refresh",
        json!({"refresh_token": login["refresh_token"]}),
    )
    .await;
    // Residents by the admins' decision; Cat's request stays open.
    for (t, who) in [
        (&ann_t, &ann),
        (&bob_t, &bob),
        (&olga_t, &olga),
        (&cat_t, &cat),
    ] {
        s.post(
            t,
            "/api/v1/me/residency",
            json!({"request": {"note": text("residency note")}}),
        )
        .await;
        if who.id != cat.id {
            s.post(
                &admin_t,
                &format!("/api/v1/residency/requests/{}/decision", who.id),
                json!({"decision": "approve", "reason": text("approved")}),
            )
            .await;
        }
    }

    // An organisation with a member, a join request and an invitation.
    let org = id(&s
        .post(
            &olga_t,
            "/api/v1/organisations",
            json!({
                "name": text("Trust"), "kind": "voluntary", "description": text("organisation"),
                "website": format!("https://{c}.example.org"), "areas_served": text("served"),
            }),
        )
        .await);
    s.post(
        &olga_t,
        &format!("/api/v1/organisations/{org}/members"),
        json!({"user_id": bob.id, "role": "member"}),
    )
    .await;
    s.post(
        &cat_t,
        &format!("/api/v1/organisations/{org}/join-requests"),
        json!({"message": text("join request")}),
    )
    .await;
    s.post(
        &olga_t,
        &format!("/api/v1/organisations/{org}/invitations"),
        json!({"email": email("invitee"), "role": "member"}),
    )
    .await;
    s.put(
        &admin_t,
        &format!("/api/v1/admin/organisations/{org}/verification"),
        json!({"verified": true}),
    )
    .await;
    let invitation_token = invitation_token(app, &email("invitee")).await;

    // Assets, with a message to the owner.
    let asset = id(&s.post(&bob_t, "/api/v1/assets", json!({
            "name": text("room"), "kind": "space", "description": text("asset"), "area_id": area,
        }))
    .await);
    s.post(
        &ann_t,
        &format!("/api/v1/assets/{asset}/contact"),
        json!({"message": text("asset message")}),
    )
    .await;

    // Proposals: one delivered and rated, one published with comments,
    // supports, a co-author, a follow and flags.
    let proposal = |title: &str| {
        json!({
            "title": text(title), "body": text("proposal body"),
            "intended_outcome": text("outcome"), "area_id": area, "tags": [format!("tag{c}")],
        })
    };
    let delivered = id(&s.post(&ann_t, "/api/v1/proposals", proposal("bench")).await);
    let published = id(&s
        .post(&ann_t, "/api/v1/proposals", proposal("library"))
        .await);
    for p in [&delivered, &published] {
        s.post(&bob_t, &format!("/api/v1/proposals/{p}/support"), None)
            .await;
        s.post(&cat_t, &format!("/api/v1/proposals/{p}/follow"), None)
            .await;
    }
    s.post(
        &ann_t,
        &format!("/api/v1/proposals/{published}/coauthors"),
        json!({"user_id": olga.id}),
    )
    .await;
    s.put(
        &ann_t,
        &format!("/api/v1/proposals/{published}/assets"),
        json!({"asset_ids": [asset]}),
    )
    .await;
    let comment = id(&s
        .post(
            &bob_t,
            &format!("/api/v1/proposals/{published}/comments"),
            json!({"body": text("comment")}),
        )
        .await);
    s.post(
        &cat_t,
        &format!("/api/v1/proposals/{published}/comments"),
        json!({"body": text("reply"), "parent_id": comment}),
    )
    .await;
    s.post(
        &cat_t,
        &format!("/api/v1/comments/{comment}/flags"),
        json!({"reason": "off_topic"}),
    )
    .await;
    s.post(
        &cat_t,
        &format!("/api/v1/proposals/{published}/flags"),
        json!({"reason": "other", "note": text("flag")}),
    )
    .await;
    s.patch(
        &ann_t,
        &format!("/api/v1/proposals/{published}"),
        json!({"title": text("library, revised")}),
    )
    .await;
    s.post(
        &admin_t,
        &format!("/api/v1/moderation/proposal/{published}/dismiss"),
        json!({}),
    )
    .await;
    for status in ["in_codesign", "accepted", "in_delivery", "delivered"] {
        s.patch(
            &admin_t,
            &format!("/api/v1/proposals/{delivered}"),
            json!({"status": status}),
        )
        .await;
    }
    s.put(
        &bob_t,
        &format!("/api/v1/proposals/{delivered}/evaluation/mine"),
        json!({"rating": 4, "comment": text("rating"), "show_name": true}),
    )
    .await;

    // A board with members (a person and an organisation), an invitation,
    // links, a workshop, a discussion and a poll with a ballot.
    let board = id(&s
        .post(
            &ann_t,
            "/api/v1/boards",
            json!({
                "title": text("board"), "description": text("board description"),
                "service_area": text("service"), "visibility": "public",
            }),
        )
        .await);
    s.post(
        &ann_t,
        &format!("/api/v1/boards/{board}/members"),
        json!({"user_id": bob.id, "role": "member"}),
    )
    .await;
    s.post(
        &ann_t,
        &format!("/api/v1/boards/{board}/members"),
        json!({"organisation_id": org, "role": "member"}),
    )
    .await;
    s.post(
        &ann_t,
        &format!("/api/v1/boards/{board}/invitations"),
        json!({"user_id": cat.id}),
    )
    .await;
    s.post(
        &ann_t,
        &format!("/api/v1/boards/{board}/links"),
        json!({"proposal_id": published}),
    )
    .await;
    s.post(
        &ann_t,
        &format!("/api/v1/boards/{board}/links"),
        json!({"asset_id": asset}),
    )
    .await;
    let soon = (chrono::Utc::now() + chrono::Duration::days(3)).naive_utc();
    let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M").to_string();
    let workshop = id(&s.post(&ann_t, &format!("/api/v1/boards/{board}/workshops"), json!({
        "title": text("workshop"), "starts_at": fmt(soon), "ends_at": fmt(soon + chrono::Duration::hours(1)),
        "location": text("location"), "accessibility": text("step-free"), "online_url": format!("https://meet.example.org/{c}"),
    })).await);
    s.put(
        &bob_t,
        &format!("/api/v1/workshops/{workshop}/rsvp"),
        json!({"response": "yes", "access_needs": text("needs")}),
    )
    .await;
    s.post(
        &bob_t,
        &format!("/api/v1/boards/{board}/comments"),
        json!({"body": text("board comment")}),
    )
    .await;
    s.post(&cat_t, &format!("/api/v1/boards/{board}/follow"), None)
        .await;
    let poll = s
        .post(
            &ann_t,
            &format!("/api/v1/boards/{board}/polls"),
            json!({
                "question": text("question"), "details": text("details"), "method": "ranked",
                "options": [{"label": text("mornings")}, {"label": text("evenings")}],
                "rule": "majority", "secret": false,
            }),
        )
        .await;
    let first = poll["options"][0]["id"].as_str().unwrap().to_owned();
    s.post(
        &bob_t,
        &format!("/api/v1/polls/{}/ballots", id(&poll)),
        json!({"ranking": [first]}),
    )
    .await;

    // A story with consents (and so a receipt) and a request for more.
    let story = id(&s
        .post(
            &ann_t,
            "/api/v1/stories",
            json!({
                "title": text("story"), "body": text("story body"), "area_id": area,
            }),
        )
        .await);
    s.put(&ann_t, &format!("/api/v1/stories/{story}/consents"), json!({"grants": [
        {"purpose": "research", "audience": "tenant", "attribution": "named"},
        {"purpose": "board_learning", "audience": format!("organisation:{org}"), "attribution": "named"},
        {"purpose": "organisation_report", "audience": format!("organisation:{org}"), "attribution": "named"},
    ]})).await;
    s.post(&olga_t, &format!("/api/v1/stories/{story}/consent-requests"), json!({
        "purposes": ["media"], "audience": format!("organisation:{org}"),
        "attribution": "named", "duration_months": 6, "message": text("consent request"), "organisation_id": org,
    })).await;

    s.post(
        &olga_t,
        &format!("/api/v1/stories/{story}/excerpts"),
        json!({"organisation_id": org, "quote": text("story body")}),
    )
    .await;
    s.post(
        &olga_t,
        &format!("/api/v1/organisations/{org}/story-exports"),
        None,
    )
    .await;
    s.post(
        &olga_t,
        &format!("/api/v1/organisations/{org}/vouching-codes"),
        None,
    )
    .await;

    // A story told with the help of the organisation's staff, waiting for
    // the teller to confirm it.
    s.post(
        &bob_t,
        "/api/v1/assisted-stories",
        json!({
            "organisation_id": org, "display_name": format!("Dora {c}"), "email": email("dora"),
            "title": text("assisted story"), "body": text("assisted body"), "area_id": area,
            "grants": [{"purpose": "research", "audience": "tenant", "attribution": "first_name"}],
        }),
    )
    .await;

    Place {
        host,
        tenant_id: tenant.id.to_string(),
        admin,
        citizen,
        invitation_token,
        slug,
    }
}

/// The secret of the latest invitation emailed to `to`, from the outbox.
async fn invitation_token(app: &TestApp, to: &str) -> String {
    use coproduce::db::schema::outbox;
    use diesel::prelude::*;
    let to = to.to_owned();
    let text: String = app
        .db(move |conn| {
            outbox::table
                .filter(outbox::recipient.eq(&to))
                .order(outbox::created_at.desc())
                .select(outbox::body_text)
                .first(conn)
                .unwrap()
        })
        .await;
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/organisations/invitations/"))
        .unwrap_or_else(|| panic!("no invitation link in {text}"));
    link.rsplit('/').next().unwrap().to_owned()
}

#[derive(diesel::QueryableByName)]
struct Text {
    #[diesel(sql_type = diesel::sql_types::Text)]
    v: String,
}

/// Every table and its columns, from the database's own catalogue.
fn tables(conn: &mut coproduce::db::DbConn, backend: Backend) -> BTreeMap<String, Vec<String>> {
    use diesel::RunQueryDsl;
    let names = match backend {
        Backend::Sqlite => {
            "SELECT name AS v FROM sqlite_master WHERE type = 'table' \
            AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__diesel%'"
        }
        Backend::Postgres => {
            "SELECT table_name::text AS v FROM information_schema.tables \
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' \
            AND table_name NOT LIKE '__diesel%'"
        }
    };
    let names: Vec<Text> = diesel::sql_query(names).load(conn).unwrap();
    names
        .into_iter()
        .map(|t| {
            let sql = match backend {
                Backend::Sqlite => format!(
                    "SELECT name AS v FROM pragma_table_info('{}') ORDER BY cid",
                    t.v
                ),
                Backend::Postgres => format!(
                    "SELECT column_name::text AS v FROM information_schema.columns \
                     WHERE table_schema = 'public' AND table_name = '{}' ORDER BY ordinal_position",
                    t.v
                ),
            };
            let cols: Vec<Text> = diesel::sql_query(sql).load(conn).unwrap();
            (t.v, cols.into_iter().map(|c| c.v).collect())
        })
        .collect()
}

/// Every row of a place, table by table, each row as the text of all its
/// columns; the place's own row in `tenants` too.
async fn rows_of(app: &TestApp, tenant_id: &str) -> BTreeMap<String, Vec<String>> {
    use diesel::RunQueryDsl;
    let backend = app.backend;
    let tenant_id = tenant_id.to_owned();
    app.db(move |conn| {
        let mut out = BTreeMap::new();
        for (table, cols) in tables(conn, backend) {
            let filter = if table == "tenants" {
                "id"
            } else if cols.iter().any(|c| c == "tenant_id") {
                "tenant_id"
            } else {
                continue;
            };
            let row = cols
                .iter()
                .map(|c| match backend {
                    Backend::Sqlite => format!("quote(\"{c}\")"),
                    Backend::Postgres => format!("quote_nullable(\"{c}\"::text)"),
                })
                .collect::<Vec<_>>()
                .join(" || '|' || ");
            let sql = format!("SELECT {row} AS v FROM \"{table}\" WHERE {filter} = '{tenant_id}'");
            let mut rows: Vec<String> = diesel::sql_query(sql)
                .load::<Text>(conn)
                .unwrap()
                .into_iter()
                .map(|t| t.v)
                .collect();
            rows.sort();
            out.insert(table, rows);
        }
        out
    })
    .await
}

/// A's ids by table: the `id` column of every table that has one.
async fn ids_of(app: &TestApp, tenant_id: &str) -> BTreeMap<String, Vec<String>> {
    use diesel::RunQueryDsl;
    let backend = app.backend;
    let tenant_id = tenant_id.to_owned();
    app.db(move |conn| {
        let mut out = BTreeMap::new();
        for (table, cols) in tables(conn, backend) {
            if !(cols.iter().any(|c| c == "id") && cols.iter().any(|c| c == "tenant_id")) {
                continue;
            }
            let sql = format!(
                "SELECT id AS v FROM \"{table}\" WHERE tenant_id = '{tenant_id}' ORDER BY id"
            );
            let ids: Vec<String> = diesel::sql_query(sql)
                .load::<Text>(conn)
                .unwrap()
                .into_iter()
                .map(|t| t.v)
                .collect();
            out.insert(table, ids);
        }
        out
    })
    .await
}

/// Waits until the mail worker has nothing left to send, so the outbox
/// does not change under a digest.
async fn mail_settled(app: &TestApp) {
    use coproduce::db::schema::outbox;
    use diesel::prelude::*;
    for _ in 0..400 {
        let pending: i64 = app
            .db(|conn| {
                outbox::table
                    .filter(outbox::status.eq("pending"))
                    .count()
                    .get_result(conn)
                    .unwrap()
            })
            .await;
        if pending == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the outbox never emptied");
}

/// The table whose ids fit a path parameter, by its name and the path
/// segment before it.
fn id_table(prev: &str, param: &str) -> Option<&'static str> {
    Some(match param {
        "user_id" => "users",
        "organisation_id" => "organisations",
        "invitation_id" => "organisation_invitations",
        "rid" => "board_requests",
        "id" => match prev {
            "proposals" => "proposals",
            "boards" => "boards",
            "organisations" => "organisations",
            "assets" => "assets",
            "areas" => "areas",
            "stories" => "stories",
            "comments" => "comments",
            "polls" => "polls",
            "workshops" => "workshops",
            "users" | "people" => "users",
            "consents" => "story_consents",
            "consent-requests" | "requests" => "story_consent_requests",
            "receipts" | "consent-receipts" => "consent_receipts",
            "mail" => "outbox",
            "sessions" => "sessions",
            "assisted-stories" | "assisted" => "story_assists",
            _ => return None,
        },
        _ => return None,
    })
}

/// Every concrete path for a route template, with A's values in its
/// parameters.
fn fill(template: &str, a: &Place, ids: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let segments: Vec<&str> = template.split('/').collect();
    let mut paths = vec![String::new()];
    let mut i = 1;
    while i < segments.len() {
        let seg = segments[i];
        let Some(param) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            for p in &mut paths {
                p.push('/');
                p.push_str(seg);
            }
            i += 1;
            continue;
        };
        let next = segments
            .get(i + 1)
            .and_then(|s| s.strip_prefix('{'))
            .and_then(|s| s.strip_suffix('}'));
        // `{kind}/{id}` and `{kind}/{target}` name a kind and an object of it.
        let values: Vec<String> = if param == "kind" {
            let kinds: &[(&str, &str)] = match next {
                Some("id") => &[("proposal", "proposals"), ("comment", "comments")],
                Some("target") => &[("proposal", "proposals"), ("asset", "assets")],
                _ => panic!("no way to fill {{kind}} in {template}; teach tests/it/probe.rs"),
            };
            i += 1;
            kinds
                .iter()
                .flat_map(|(k, t)| ids[*t].iter().map(move |id| format!("{k}/{id}")))
                .collect()
        } else {
            match param {
                "action" => ["hide", "restore", "dismiss", "review-request"]
                    .map(String::from)
                    .to_vec(),
                "token" => vec![a.invitation_token.clone()],
                "slug" => vec![a.slug.clone()],
                "host" => vec![a.host.clone()],
                // Not a place's data: the same on every host.
                "code" => vec!["not_found".into()],
                "version" => vec!["1".into()],
                _ => {
                    let table = id_table(segments[i - 1], param).unwrap_or_else(|| {
                        panic!("no way to fill {{{param}}} in {template}: teach tests/it/probe.rs which of A's ids fit")
                    });
                    let found = &ids[table];
                    assert!(
                        !found.is_empty(),
                        "A has no {table} for {template}: seed one"
                    );
                    found.clone()
                }
            }
        };
        paths = paths
            .iter()
            .flat_map(|p| values.iter().map(move |v| format!("{p}/{v}")))
            .collect();
        i += 1;
    }
    paths
}

/// Query strings tried on every route without parameters: none, a search
/// that would find A's objects if they crossed, and filters naming A's.
fn queries(ids: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let first = |t: &str| ids[t][0].clone();
    vec![
        String::new(),
        format!("?q={WORD}&page=1&per_page=100"),
        format!(
            "?area_id={}&parent_id={}&organisation_id={}&board_id={}&proposal_id={}",
            first("areas"),
            first("areas"),
            first("organisations"),
            first("boards"),
            first("proposals")
        ),
    ]
}

/// A plausible JSON body for an API operation, from its schema in the
/// OpenAPI document: every property present, ids naming A's objects.
fn example(
    schema: &Value,
    doc: &Value,
    name: &str,
    ids: &BTreeMap<String, Vec<String>>,
    depth: usize,
) -> Value {
    if depth > 6 {
        return Value::Null;
    }
    if let Some(r) = schema["$ref"].as_str() {
        let key = r.rsplit('/').next().unwrap();
        return example(
            &doc["components"]["schemas"][key],
            doc,
            name,
            ids,
            depth + 1,
        );
    }
    for combo in ["oneOf", "anyOf", "allOf"] {
        if let Some(options) = schema[combo].as_array() {
            let chosen = options
                .iter()
                .find(|o| o["type"] != "null")
                .unwrap_or(&options[0]);
            return example(chosen, doc, name, ids, depth + 1);
        }
    }
    if let Some(e) = schema["enum"].as_array() {
        return e
            .iter()
            .find(|v| !v.is_null())
            .cloned()
            .unwrap_or(Value::Null);
    }
    let ty = match &schema["type"] {
        Value::String(s) => s.clone(),
        Value::Array(a) => a
            .iter()
            .filter_map(|t| t.as_str())
            .find(|t| *t != "null")
            .unwrap_or("null")
            .to_owned(),
        _ if schema["properties"].is_object() => "object".into(),
        _ => "string".into(),
    };
    let first = |t: &str| {
        Value::String(
            ids.get(t)
                .and_then(|v| v.first())
                .cloned()
                .unwrap_or_default(),
        )
    };
    match ty.as_str() {
        "object" => {
            let mut out = Map::new();
            if let Some(props) = schema["properties"].as_object() {
                for (k, s) in props {
                    out.insert(k.clone(), example(s, doc, k, ids, depth + 1));
                }
            }
            Value::Object(out)
        }
        "array" => json!([example(&schema["items"], doc, name, ids, depth + 1)]),
        "integer" | "number" => json!(1),
        "boolean" => json!(true),
        "null" => Value::Null,
        _ => match (name, schema["format"].as_str()) {
            (_, Some("date-time")) => {
                json!((chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339())
            }
            (_, Some("date")) => json!((chrono::Utc::now() + chrono::Duration::days(2))
                .format("%Y-%m-%d")
                .to_string()),
            ("email", _) => json!("probe@b.example.org"),
            ("user_id" | "sub" | "owner_id" | "author_id", _) => first("users"),
            ("organisation_id", _) => first("organisations"),
            ("proposal_id", _) => first("proposals"),
            ("area_id" | "parent_id", _) => first("areas"),
            ("board_id", _) => first("boards"),
            ("asset_id" | "asset_ids", _) => first("assets"),
            ("story_id", _) => first("stories"),
            ("poll_id", _) => first("polls"),
            ("option_id" | "ranking" | "options", _) => first("poll_options"),
            ("audience", _) => json!(format!("organisation:{}", ids["organisations"][0])),
            ("token" | "refresh_token", _) => json!("probe-token"),
            (_, Some("uuid")) => first("proposals"),
            _ => json!("probe text"),
        },
    }
}

/// A form post's fields: the caller's CSRF token and every field a form
/// of the site takes, naming A's objects.
fn form(csrf: &str, a: &Place, ids: &BTreeMap<String, Vec<String>>) -> Vec<(String, String)> {
    let first = |t: &str| ids[t][0].clone();
    let mut f: Vec<(&str, String)> = vec![
        ("csrf", csrf.into()),
        ("title", "probe".into()),
        ("name", "probe".into()),
        ("body", "probe".into()),
        ("description", "probe".into()),
        ("message", "probe".into()),
        ("note", "probe".into()),
        ("reason", "other".into()),
        ("comment", "probe".into()),
        ("email", "probe@b.example.org".into()),
        ("role", "member".into()),
        ("decision", "approve".into()),
        ("rating", "4".into()),
        ("purpose", "research".into()),
        (
            "audience",
            format!("organisation:{}", first("organisations")),
        ),
        ("attribution", "named".into()),
        ("months", "6".into()),
        ("code", "ABCD-EFGH-JKLM".into()),
        ("postcode", "CV1 5FB".into()),
        ("confirm", "yes".into()),
        ("status", "published".into()),
        ("user_id", first("users")),
        ("organisation_id", first("organisations")),
        ("proposal_id", first("proposals")),
        ("area_id", first("areas")),
        ("parent_id", first("areas")),
        ("board_id", first("boards")),
        ("asset_id", first("assets")),
        ("story_id", first("stories")),
        (
            "target",
            format!("http://{}/proposals/{}", a.host, first("proposals")),
        ),
    ];
    if let Some(option) = ids.get("poll_options").and_then(|o| o.first()) {
        f.push(("option", option.clone()));
        f.push(("ranking", option.clone()));
    }
    f.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// Who calls: a client (with cookies), an API token and a CSRF token.
struct Caller {
    role: &'static str,
    client: reqwest::Client,
    token: Option<String>,
    csrf: String,
}

async fn caller(app: &TestApp, host: &str, role: &'static str, who: Option<&User>) -> Caller {
    let (client, token) = match who {
        Some(u) => (
            browser_session(app, host, u).await,
            Some(api_token(app, u).await),
        ),
        None => (
            reqwest::Client::builder()
                // Under the server's 5 s keep-alive, so no request goes out on a
                // connection the server is closing.
                .pool_idle_timeout(std::time::Duration::from_secs(2))
                .resolve(host, app.addr)
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap(),
            None,
        ),
    };
    let page = if who.is_some() {
        "/account"
    } else {
        "/sign-in"
    };
    let html = client
        .get(app.url(host, page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    Caller {
        role,
        client,
        token,
        csrf: csrf_in(&html),
    }
}

/// One request of the matrix.
#[derive(Clone)]
struct Probe {
    template: String,
    method: Method,
    path: String,
    body: Option<Value>,
}

/// What a response showed that it should not have.
fn findings(status: u16, headers: &str, body: &str, canaries: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    if status >= 500 {
        found.push(format!("status {status}"));
    }
    let all = format!("{headers}\n{body}");
    let lower = all.to_lowercase();
    for c in canaries {
        if lower.contains(c.as_str()) {
            found.push(format!("leaked canary {c}"));
        }
    }
    found.extend(hygiene::internals(&all));
    found
}

/// What came back.
#[derive(Clone)]
struct Answer {
    status: u16,
    headers: String,
    location: Option<String>,
    body: String,
}

async fn run(app: &TestApp, host: &str, c: &Caller, p: &Probe) -> Answer {
    let url = app.url(host, &p.path);
    let mut req = c.client.request(p.method.clone(), &url);
    let api = p.path.starts_with("/api/") || p.path.starts_with("/.well-known/");
    if api {
        if let Some(t) = &c.token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = &p.body {
            req = req.json(b);
        }
    } else if p.method != Method::GET {
        if let Some(Value::Array(fields)) = &p.body {
            let fields: Vec<(String, String)> = fields
                .iter()
                .map(|f| {
                    let k = f[0].as_str().unwrap().to_owned();
                    let v = if k == "csrf" {
                        c.csrf.clone()
                    } else {
                        f[1].as_str().unwrap().to_owned()
                    };
                    (k, v)
                })
                .collect();
            req = req.form(&fields);
        }
    }
    let res = req
        .send()
        .await
        .unwrap_or_else(|e| panic!("{} {}: {e:?}", p.method, p.path));
    let status = res.status().as_u16();
    let headers: String = res
        .headers()
        .iter()
        .map(|(k, v)| format!("{k}: {}\n", v.to_str().unwrap_or("")))
        .collect();
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap_or("").to_owned());
    let body = res.text().await.unwrap_or_default();
    Answer {
        status,
        headers,
        location,
        body,
    }
}

/// A's citizen on B's host: A's session cookie (and the CSRF token A's
/// pages gave that session) and A's access token.
async fn replayer(app: &TestApp, a: &Place, b: &Place, secret: &str, access: &str) -> Caller {
    let jar = reqwest::cookie::Jar::default();
    for h in [&a.host, &b.host] {
        jar.add_cookie_str(
            &format!("coproduce_session={secret}; Path=/"),
            &url::Url::parse(&app.url(h, "/")).unwrap(),
        );
    }
    let client = reqwest::Client::builder()
        // Under the server's 5 s keep-alive, so no request goes out on a
        // connection the server is closing.
        .pool_idle_timeout(std::time::Duration::from_secs(2))
        .resolve(&a.host, app.addr)
        .resolve(&b.host, app.addr)
        .cookie_provider(std::sync::Arc::new(jar))
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let html = client
        .get(app.url(&a.host, "/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    Caller {
        role: "replay",
        client,
        token: Some(access.to_owned()),
        csrf: csrf_in(&html),
    }
}

both_backends!(
    async fn no_route_crosses_places_or_shows_internals(app) {
        let started = Instant::now();
        let a = seed(&app, 'a').await;
        let b = seed(&app, 'b').await;
        let _c = seed(&app, 'c').await;
        let seeded = started.elapsed();
        let ids = ids_of(&app, &a.tenant_id).await;
        let canaries = [canary('a'), canary('c')];

        // Every route: the source's, and the API document's.
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let scanned: Vec<ScannedRoute> = routes::scan(&src);
        let doc = json(app.get(&b.host, "/api/openapi.json").await).await;
        let mut table: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for r in &scanned {
            table.entry(r.path.clone()).or_default().extend(r.methods.iter().map(|m| m.to_string()));
        }
        for (path, ops) in doc["paths"].as_object().expect("paths in the API document") {
            for m in ops.as_object().unwrap().keys() {
                if ["get", "post", "put", "patch", "delete"].contains(&m.as_str()) {
                    table.entry(path.clone()).or_default().insert(m.to_uppercase());
                }
            }
        }
        let skipped: BTreeSet<&str> = NOT_PROBED.iter().map(|(p, _)| *p).collect();

        // The matrix.
        let mut probes = Vec::new();
        for (template, methods) in &table {
            if skipped.contains(template.as_str()) {
                continue;
            }
            let paths = if routes::params(template).is_empty() {
                let mut v = vec![template.clone()];
                if methods.contains("GET") {
                    v.extend(queries(&ids).into_iter().skip(1).map(|q| format!("{template}{q}")));
                }
                v
            } else {
                fill(template, &a, &ids)
            };
            for m in methods {
                let method: Method = m.parse().unwrap();
                let body = if method == Method::GET || method == Method::DELETE {
                    None
                } else if template.starts_with("/api/") {
                    let op = &doc["paths"][template.as_str()][m.to_lowercase()];
                    let schema = &op["requestBody"]["content"]["application/json"]["schema"];
                    Some(if schema.is_null() { json!({}) } else { example(schema, &doc, "", &ids, 0) })
                } else {
                    Some(Value::Array(
                        form("", &a, &ids).into_iter().map(|(k, v)| json!([k, v])).collect(),
                    ))
                };
                for path in &paths {
                    probes.push(Probe { template: template.clone(), method: method.clone(), path: path.clone(), body: body.clone() });
                }
            }
        }
        let last_rank = |p: &Probe| LAST.iter().position(|l| p.template == *l && p.method != Method::GET);
        probes.sort_by_key(|p| last_rank(p).map_or(0, |r| r + 1));

        // A's credentials, made before the digest of A is taken.
        let a_citizen = a.citizen.clone();
        let secret = session_secret(&app, &a_citizen, SessionKind::Browser).await;
        let jar = reqwest::cookie::Jar::default();
        jar.add_cookie_str(&format!("coproduce_session={secret}; Path=/"), &url::Url::parse(&app.url(&b.host, "/")).unwrap());
        let replay = reqwest::Client::builder()
            // Under the server's 5 s keep-alive, so no request goes out on a
            // connection the server is closing.
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .resolve(&b.host, app.addr)
            .cookie_provider(std::sync::Arc::new(jar))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let access = api_token(&app, &a_citizen).await;
        let login = crate::common::send(&app, &a.host, Method::POST, "/api/v1/auth/login", None,
            Some(json!({"email": a_citizen.email.as_str(), "password": USER_PASSWORD}))).await;
        assert_eq!(login.status(), 200, "A's citizen signs in on A");
        let login = json(login).await;
        let refresh = login["refresh_token"].as_str().unwrap().to_owned();
        // B's callers, and A's citizen replaying A's session cookie (with
        // the CSRF token A's pages gave it) and access token on B's host.
        let callers = vec![
            caller(&app, &b.host, "anonymous", None).await,
            replayer(&app, &a, &b, &secret, &access).await,
            caller(&app, &b.host, "citizen", Some(&b.citizen)).await,
            caller(&app, &b.host, "admin", Some(&b.admin)).await,
        ];
        mail_settled(&app).await;
        let before = rows_of(&app, &a.tenant_id).await;
        // Every kind of row a place owns is seeded, so a new table is too.
        let unseeded: Vec<&String> = before
            .iter()
            .filter(|(t, r)| r.is_empty() && !UNSEEDED.iter().any(|(u, _)| u == t))
            .map(|(t, _)| t)
            .collect();
        assert!(unseeded.is_empty(), "seed A with rows in {unseeded:?}");

        // The controls: the detector sees A's canary where it belongs (A's
        // own page on A's host), and a form with a wrong CSRF token is
        // recognised as refused.
        let own = app.get(&a.host, &format!("/proposals/{}", ids["proposals"][0])).await;
        let own = findings(own.status().as_u16(), "", &own.text().await.unwrap(), &canaries);
        assert!(own.iter().any(|f| f == "leaked canary qzxacanary"), "the detector finds A's canary on A: {own:?}");
        let forged = callers[2].client.post(app.url(&b.host, "/proposals/new")).form(&[("csrf", "forged"), ("title", "x")]).send().await.unwrap();
        assert_eq!(forged.status(), 403);
        assert!(forged.text().await.unwrap().contains("this form has expired"), "a refused form says so");
        for c in callers.iter().filter(|c| c.role == "citizen" || c.role == "admin") {
            // The controls: B's callers are signed in, on the API and pages.
            let res = c.client.get(app.url(&b.host, "/api/v1/me")).bearer_auth(c.token.as_deref().unwrap()).send().await.unwrap();
            assert_eq!(res.status(), 200, "{} is signed in on the API", c.role);
            let res = c.client.get(app.url(&b.host, "/account")).send().await.unwrap();
            assert_eq!(res.status(), 200, "{} is signed in on the pages", c.role);
        }
        let mut problems: Vec<String> = Vec::new();
        let mut sent = 0usize;
        let mut errors_5xx = 0usize;
        let mut leaks = 0usize;
        let mut called: BTreeSet<(String, String)> = BTreeSet::new();
        // API requests with A's token that B answered exactly as it
        // answered anonymous (routes that read no caller).
        let mut answered_as_anonymous = 0usize;
        let mut anonymous: BTreeMap<(String, String), Answer> = BTreeMap::new();
        let mut tally: BTreeMap<(&str, u16), usize> = BTreeMap::new();
        for c in &callers {
            // The normal requests a few at a time, then the ones that end
            // the caller's session, in order.
            let (normal, last): (Vec<&Probe>, Vec<&Probe>) = probes.iter().partition(|p| last_rank(p).is_none());
            let mut results: Vec<(&Probe, Answer)> = futures::stream::iter(normal)
                .map(|p| {
                    let (app, host) = (&app, b.host.as_str());
                    async move { (p, run(app, host, c, p).await) }
                })
                .buffer_unordered(6)
                .collect()
                .await;
            for p in last {
                results.push((p, run(&app, &b.host, c, p).await));
            }
            for (p, answer) in results {
                sent += 1;
                *tally.entry((c.role, answer.status / 100 * 100)).or_default() += 1;
                called.insert((p.template.clone(), p.method.to_string()));
                let status = answer.status;
                let mut found = findings(status, &answer.headers, &answer.body, &canaries);
                if status >= 500 {
                    errors_5xx += 1;
                }
                if found.iter().any(|f| f.starts_with("leaked")) {
                    leaks += 1;
                }
                let key = (p.method.to_string(), p.path.clone());
                let is_api = p.path.starts_with("/api/");
                // A form of B's own callers is never refused for its CSRF
                // token: otherwise the matrix would only ever test that.
                if c.role != "replay" && last_rank(p).is_none() && answer.body.contains("this form has expired") {
                    found.push("the caller's CSRF token was refused".into());
                }
                match c.role {
                    "anonymous" => {
                        anonymous.insert(key, answer.clone());
                    }
                    // A's credentials are worth nothing on B. Every API
                    // route refuses A's access token with 401 (except those
                    // taking their credential in the body, which answer as
                    // for anonymous); a page treats A's cookie as signed
                    // out, and a form is refused (403) or answered as
                    // anonymous's.
                    "replay" => {
                        let anon = &anonymous[&key];
                        let same = status == anon.status
                            && answer.location == anon.location
                            && (!is_api || answer.body == anon.body);
                        let refused = status == 401 || (!is_api && p.method != Method::GET && status == 403);
                        // The API document is the same for every place and
                        // served before any place is chosen: no caller counts.
                        let credential_route = (p.path.starts_with("/api/v1/auth/") && p.path != "/api/v1/auth/logout")
                            || p.template == "/api/openapi.json";
                        if is_api && status != 401 && same {
                            answered_as_anonymous += 1;
                        }
                        if is_api && !credential_route && status != 401 {
                            found.push(format!("A's access token got {status} on an API route, not 401"));
                        } else if !(same || refused) {
                            found.push(format!("A's credentials got {status} where anonymous got {}", anon.status));
                        }
                    }
                    _ => {}
                }
                if !found.is_empty() {
                    let excerpt: String = answer.body.chars().take(300).collect();
                    problems.push(format!("{} {} {} as {} -> {status}: {}\n    {excerpt}", p.method, p.path, p.template, c.role, found.join(", ")));
                }
            }
        }
        for role in ["citizen", "admin"] {
            assert!(tally.get(&(role, 200)).copied().unwrap_or(0) > 100, "the {role} was answered: {tally:?}");
        }

        // Every route in the source was called with every method.
        for r in &scanned {
            if skipped.contains(r.path.as_str()) {
                continue;
            }
            for m in &r.methods {
                if !called.contains(&(r.path.clone(), m.to_string())) {
                    problems.push(format!("{m} {} ({}) was never probed", r.path, r.file.display()));
                }
            }
        }

        // A's session, access token and refresh token, replayed on B.
        for page in ["/account", "/account/data", "/stories/consents", "/proposals/mine", "/admin/people"] {
            let res = replay.get(app.url(&b.host, page)).send().await.unwrap();
            let location = res.headers().get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default();
            let status = res.status().as_u16();
            // Signed out: the page sends the visitor to sign in.
            if !(status == 303 && location.starts_with("/sign-in")) {
                problems.push(format!("A's browser session on B's {page}: {status} {location}"));
            }
        }
        let mut replays = vec![
            ("access token", Method::GET, "/api/v1/me".to_owned(), Some(access.clone()), None),
            ("login's access token", Method::GET, "/api/v1/me".to_owned(), login["access_token"].as_str().map(String::from), None),
            ("refresh token", Method::POST, "/api/v1/auth/refresh".to_owned(), None, Some(json!({"refresh_token": refresh}))),
        ];
        for api_path in ["/api/v1/me/export", "/api/v1/me/proposals", "/api/v1/me/consents", "/api/v1/admin/users"] {
            replays.push(("access token", Method::GET, api_path.to_owned(), Some(access.clone()), None));
        }
        for (what, method, path, token, body) in replays {
            let res = crate::common::send(&app, &b.host, method.clone(), &path, token.as_deref(), body).await;
            let status = res.status().as_u16();
            let text = res.text().await.unwrap();
            sent += 1;
            if status != 401 {
                problems.push(format!("A's {what} on B's {method} {path}: {status} {text}"));
            }
            let found = findings(status, "", &text, &canaries);
            if !found.is_empty() {
                problems.push(format!("A's {what} on B's {path}: {}", found.join(", ")));
            }
        }
        // No email of B's or C's carries A's canary (nor B's C's).
        mail_settled(&app).await;
        let outbox_b = rows_of(&app, &b.tenant_id).await.remove("outbox").unwrap_or_default();
        let mails = outbox_b.len();
        for row in &outbox_b {
            for c in &canaries {
                if row.to_lowercase().contains(c.as_str()) {
                    leaks += 1;
                    problems.push(format!("an email of B carries {c}: {}", row.chars().take(300).collect::<String>()));
                }
            }
        }

        // A is as it was, row for row.
        let after = rows_of(&app, &a.tenant_id).await;
        for (t, rows) in &before {
            let now = &after[t];
            let changed: Vec<&String> = rows
                .iter()
                .filter(|r| !now.contains(r))
                .chain(now.iter().filter(|r| !rows.contains(r)))
                .collect();
            if !changed.is_empty() {
                problems.push(format!("A's {t} changed: {changed:?}"));
            }
        }

        // The refresh token still works where it belongs: it was refused on
        // B, not spent.
        let res = crate::common::send(&app, &a.host, Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": login["refresh_token"]}))).await;
        assert_eq!(res.status(), 200, "A's refresh token still works on A");


        let routes_count = table.len() - skipped.len();
        println!(
            "probe matrix ({:?}): {routes_count} routes ({} route-methods), 3 roles of B + A's replayed credentials, {sent} requests, {mails} emails of B read, {leaks} leaks, {errors_5xx} 5xx, {} problems; seeding {:.1}s, total {:.1}s",
            app.backend,
            called.len(),
            problems.len(),
            seeded.as_secs_f64(),
            started.elapsed().as_secs_f64(),
        );
        println!("probe statuses by caller: {tally:?}; API requests with A's token answered as anonymous: {answered_as_anonymous}");
        assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    }
);
