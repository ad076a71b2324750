//! The asset map: registering (as oneself or for an organisation one
//! belongs to), browsing and searching by area (with the areas inside it),
//! kind and words, pages, checked fields, owners alone changing and
//! withdrawing, messages relayed to owners without showing addresses (and
//! limited), other places seeing nothing, and assets in a person's data
//! and its erasure.

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

/// The areas of Coventry: the city, two wards, and a neighbourhood inside
/// Foleshill.
struct Areas {
    city: String,
    foleshill: String,
    edgwick: String,
    hillfields: String,
}

async fn area(app: &TestApp, host: &str, token: &str, body: Value) -> String {
    let res = send(
        app,
        host,
        Method::POST,
        "/api/v1/areas",
        Some(token),
        Some(body),
    )
    .await;
    assert_eq!(res.status(), 201);
    json(res).await["id"].as_str().unwrap().to_owned()
}

/// Two places (Coventry with its areas, and Leeds), each with an admin.
async fn places(app: &TestApp) -> Areas {
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
    let token = api_token(app, &admin).await;
    let city = area(
        app,
        HOST,
        &token,
        json!({"name": "Coventry", "kind": "city"}),
    )
    .await;
    let foleshill = area(
        app,
        HOST,
        &token,
        json!({"name": "Foleshill", "kind": "ward", "parent_id": city}),
    )
    .await;
    let edgwick = area(
        app,
        HOST,
        &token,
        json!({"name": "Edgwick", "kind": "neighbourhood", "parent_id": foleshill}),
    )
    .await;
    let hillfields = area(
        app,
        HOST,
        &token,
        json!({"name": "Hillfields", "kind": "ward", "parent_id": city}),
    )
    .await;
    Areas {
        city,
        foleshill,
        edgwick,
        hillfields,
    }
}

async fn register(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    send(
        app,
        HOST,
        Method::POST,
        "/api/v1/assets",
        Some(token),
        Some(body),
    )
    .await
}

/// Registers an asset and returns its id.
async fn asset(app: &TestApp, token: &str, body: Value) -> String {
    let res = register(app, token, body).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    json(res).await["id"].as_str().unwrap().to_owned()
}

async fn get(app: &TestApp, host: &str, path: &str, token: Option<&str>) -> reqwest::Response {
    send(app, host, Method::GET, path, token, None).await
}

fn names(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn unconfirm(app: &TestApp, person: &User) {
    let id = person.id.clone();
    app.db(move |conn| {
        use coproduce::db::schema::users;
        use diesel::prelude::*;
        diesel::update(users::table.filter(users::id.eq(&id)))
            .set(users::email_verified_at.eq(None::<chrono::NaiveDateTime>))
            .execute(conn)
            .unwrap();
    })
    .await;
}

async fn count_assets(app: &TestApp) -> i64 {
    app.db(|conn| {
        use coproduce::db::schema::assets;
        use diesel::prelude::*;
        assets::table.count().get_result(conn).unwrap()
    })
    .await
}

both_backends!(
    async fn assets_are_registered_then_found_by_area_kind_and_words(app) {
        let areas = places(&app).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let token = api_token(&app, &ann).await;

        let res = register(&app, &token, json!({"name": "Bike repairs", "kind": "skill", "description": "I fix bikes and teach how.", "area_id": areas.edgwick, "availability": "Saturdays 10-2"})).await;
        assert_eq!(res.status(), 201);
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        let bikes = json(res).await;
        assert_eq!(location, format!("/api/v1/assets/{}", bikes["id"].as_str().unwrap()));
        assert_eq!(bikes["kind"], "skill");
        assert_eq!(bikes["area_id"], areas.edgwick);
        assert_eq!(bikes["area_name"], "Edgwick");
        assert_eq!(bikes["owner_id"], ann.id.to_string());
        assert_eq!(bikes["contactable"], true, "contactable unless said otherwise");
        assert_eq!(bikes["withdrawn"], false);
        assert_eq!(bikes["yours"], true);
        assert!(!bikes.to_string().contains("ann@example.org"), "no owner address: {bikes}");
        let fetched = json(get(&app, HOST, &location, None).await).await;
        assert_eq!(fetched["name"], "Bike repairs");
        assert_eq!(fetched["yours"], false);

        asset(&app, &token, json!({"name": "Community Kitchen", "kind": "space", "description": "A big kitchen for 20.", "area_id": areas.hillfields, "contactable": false})).await;
        asset(&app, &token, json!({"name": "Tool library", "kind": "equipment", "description": "Drills, saws; 100% free", "area_id": areas.foleshill})).await;
        asset(&app, &token, json!({"name": "Choir", "kind": "group", "description": "We sing."})).await;

        let all = json(get(&app, HOST, "/api/v1/assets", None).await).await;
        assert_eq!(all["total"], 4);
        assert_eq!(names(&all), ["Choir", "Tool library", "Community Kitchen", "Bike repairs"], "newest first");
        // An area includes the areas inside it, at any depth.
        let found = json(get(&app, HOST, &format!("/api/v1/assets?area_id={}", areas.foleshill), None).await).await;
        assert_eq!(names(&found), ["Tool library", "Bike repairs"]);
        let found = json(get(&app, HOST, &format!("/api/v1/assets?area_id={}", areas.city), None).await).await;
        assert_eq!(found["total"], 3);
        let found = json(get(&app, HOST, &format!("/api/v1/assets?area_id={}", areas.edgwick), None).await).await;
        assert_eq!(names(&found), ["Bike repairs"]);
        let found = json(get(&app, HOST, "/api/v1/assets?kind=space", None).await).await;
        assert_eq!(names(&found), ["Community Kitchen"]);
        // Words in any case, in the name, description or availability.
        for (q, expected) in [("SATURDAYS", vec!["Bike repairs"]), ("kitchen", vec!["Community Kitchen"]), ("teach", vec!["Bike repairs"]), ("100%", vec!["Tool library"]), ("%", vec!["Tool library"]), ("_", vec![]), ("nothing like it", vec![])] {
            let found = json(get(&app, HOST, &format!("/api/v1/assets?q={}", urlencode(q)), None).await).await;
            assert_eq!(names(&found), expected, "q={q}");
        }
        let found = json(get(&app, HOST, &format!("/api/v1/assets?q=bike&kind=skill&area_id={}", areas.city), None).await).await;
        assert_eq!(names(&found), ["Bike repairs"]);
        let found = json(get(&app, HOST, &format!("/api/v1/assets?q=bike&area_id={}", areas.hillfields), None).await).await;
        assert_eq!(found["total"], 0);

        // Pages.
        let page = json(get(&app, HOST, "/api/v1/assets?per_page=3", None).await).await;
        assert_eq!((page["total"].as_i64(), page["page"].as_i64(), page["per_page"].as_i64()), (Some(4), Some(1), Some(3)));
        assert_eq!(page["items"].as_array().unwrap().len(), 3);
        let page = json(get(&app, HOST, "/api/v1/assets?per_page=3&page=2", None).await).await;
        assert_eq!(names(&page), ["Bike repairs"]);
        for bad in ["page=0", "per_page=101", "kind=castle", "area_id=not-an-id", &format!("area_id={}", coproduce::db::ids::AreaId::new())] {
            let res = get(&app, HOST, &format!("/api/v1/assets?{bad}"), None).await;
            assert_problem(res, 422, "validation_failed").await;
        }

        // Only people with a confirmed address register; only signed-in people.
        let ned = user(&app, "coventry", "ned@example.org", Role::Citizen, false, false).await;
        unconfirm(&app, &ned).await;
        let body = json!({"name": "Juggling", "kind": "skill", "description": "Balls."});
        assert_problem(register(&app, &api_token(&app, &ned).await, body.clone()).await, 403, "forbidden").await;
        let res = send(&app, HOST, Method::POST, "/api/v1/assets", None, Some(body)).await;
        assert_problem(res, 401, "unauthorized").await;
        assert_eq!(count_assets(&app).await, 4);

        // What later rooms will ask.
        let (tenant, id) = (ann.tenant_id.clone(), bikes["id"].as_str().unwrap().parse().unwrap());
        let summary = app.db(move |conn| coproduce::assets::service::find_visible(conn, &tenant, &id).unwrap()).await.unwrap();
        assert_eq!((summary.name.as_str(), summary.kind), ("Bike repairs", coproduce::assets::AssetKind::Skill));
    }
);

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

both_backends!(
    async fn bad_fields_are_refused_together_and_nothing_is_written(app) {
        places(&app).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let token = api_token(&app, &ann).await;
        let problem = assert_problem(register(&app, &token, json!({"name": "x", "kind": "castle", "description": "  ", "availability": "a".repeat(301)})).await, 422, "validation_failed").await;
        let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["name", "kind", "description", "availability"]);
        let ok = json!({"name": "Bike repairs", "kind": "skill", "description": "I fix bikes."});
        let with = |field: &str, value: Value| {
            let mut body = ok.clone();
            body[field] = value;
            body
        };
        // Unknown areas and organisations, including those of another place, are field errors.
        let leeds_admin = user(&app, "leeds", "admin@example.org", Role::Admin, false, true).await;
        let leeds_area = area(&app, OTHER, &api_token(&app, &leeds_admin).await, json!({"name": "Headingley"})).await;
        let leeds_org = {
            let res = send(&app, OTHER, Method::POST, "/api/v1/organisations", Some(&api_token(&app, &leeds_admin).await), Some(json!({"name": "Leeds Food", "kind": "voluntary"}))).await;
            json(res).await["id"].as_str().unwrap().to_owned()
        };
        for (field, value) in [
            ("area_id", json!(leeds_area)),
            ("area_id", json!(coproduce::db::ids::AreaId::new().to_string())),
            ("area_id", json!("nonsense")),
            ("organisation_id", json!(leeds_org)),
            ("organisation_id", json!("nonsense")),
            ("description", json!("d".repeat(4001))),
            ("name", json!("n".repeat(121))),
        ] {
            let problem = assert_problem(register(&app, &token, with(field, value)).await, 422, "validation_failed").await;
            assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        }
        // Wrong types are unreadable bodies, not server errors.
        let res = register(&app, &token, with("contactable", json!("yes"))).await;
        assert_eq!(res.status(), 400);
        assert_eq!(count_assets(&app).await, 0, "nothing half-written");

        let id = asset(&app, &token, with("availability", json!("Saturdays"))).await;
        let path = format!("/api/v1/assets/{id}");
        let res = send(&app, HOST, Method::PATCH, &path, Some(&token), Some(json!({"name": "", "area_id": leeds_area}))).await;
        let problem = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(problem["errors"].as_array().unwrap().len(), 2);
        let res = send(&app, HOST, Method::PATCH, &path, Some(&token), Some(json!({"description": "Bikes, trikes.", "availability": ""}))).await;
        assert_eq!(res.status(), 200);
        let changed = json(res).await;
        assert_eq!((changed["description"].as_str(), changed["availability"].as_str(), changed["name"].as_str()), (Some("Bikes, trikes."), None, Some("Bike repairs")));
        // The new words are searchable, the old ones not.
        assert_eq!(json(get(&app, HOST, "/api/v1/assets?q=trikes", None).await).await["total"], 1);
        assert_eq!(json(get(&app, HOST, "/api/v1/assets?q=saturdays", None).await).await["total"], 0);
    }
);

async fn organisation(
    app: &TestApp,
    token: &str,
    name: &str,
    areas_served: Option<&str>,
) -> String {
    let res = send(
        app,
        HOST,
        Method::POST,
        "/api/v1/organisations",
        Some(token),
        Some(json!({"name": name, "kind": "voluntary", "areas_served": areas_served})),
    )
    .await;
    assert_eq!(res.status(), 201);
    json(res).await["id"].as_str().unwrap().to_owned()
}

async fn add_member(app: &TestApp, token: &str, org: &str, person: &User, role: &str) {
    let res = send(
        app,
        HOST,
        Method::POST,
        &format!("/api/v1/organisations/{org}/members"),
        Some(token),
        Some(json!({"user_id": person.id.to_string(), "role": role})),
    )
    .await;
    assert_eq!(res.status(), 201);
}

both_backends!(
    async fn only_owners_and_organisation_admins_change_or_withdraw(app) {
        places(&app).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let cat = user(&app, "coventry", "cat@example.org", Role::Citizen, false, false).await;
        let (ann_t, bob_t, cat_t) = (api_token(&app, &ann).await, api_token(&app, &bob).await, api_token(&app, &cat).await);
        let mine = asset(&app, &ann_t, json!({"name": "Bike repairs", "kind": "skill", "description": "I fix bikes."})).await;
        let path = format!("/api/v1/assets/{mine}");
        let patch = |token: String, body: Value| {
            let path = path.clone();
            let app = &app;
            async move { send(app, HOST, Method::PATCH, &path, Some(&token), Some(body)).await }
        };
        assert_problem(patch(bob_t.clone(), json!({"name": "Bob's bikes"})).await, 403, "forbidden").await;
        assert_problem(send(&app, HOST, Method::DELETE, &path, Some(&bob_t), None).await, 403, "forbidden").await;
        assert_problem(send(&app, HOST, Method::DELETE, &path, None, None).await, 401, "unauthorized").await;
        assert_eq!(patch(ann_t.clone(), json!({"kind": "service", "contactable": false})).await.status(), 200);

        // An organisation's asset: any member registers it; outsiders cannot.
        let org = organisation(&app, &ann_t, "Hillfields Food Bank", None).await;
        let body = json!({"name": "Food parcels", "kind": "service", "description": "Parcels on Fridays.", "organisation_id": org});
        assert_problem(register(&app, &bob_t, body.clone()).await, 403, "forbidden").await;
        assert_eq!(count_assets(&app).await, 1);
        add_member(&app, &ann_t, &org, &bob, "member").await;
        let res = register(&app, &bob_t, body).await;
        assert_eq!(res.status(), 201);
        let parcels = json(res).await;
        assert_eq!(parcels["organisation_name"], "Hillfields Food Bank");
        assert!(parcels["owner_id"].is_null(), "an organisation's asset names the organisation, not the member");
        let parcels = parcels["id"].as_str().unwrap().to_owned();
        let org_path = format!("/api/v1/assets/{parcels}");
        // The member who registered it and the organisation's admins manage it; others do not.
        for (token, status) in [(&cat_t, 403), (&bob_t, 200), (&ann_t, 200)] {
            let res = send(&app, HOST, Method::PATCH, &org_path, Some(token), Some(json!({"availability": "Fridays"}))).await;
            assert_eq!(res.status(), status);
        }
        add_member(&app, &ann_t, &org, &cat, "member").await;
        let res = send(&app, HOST, Method::PATCH, &org_path, Some(&cat_t), Some(json!({"availability": "Never"}))).await;
        assert_problem(res, 403, "forbidden").await;
        assert_eq!(json(get(&app, HOST, &org_path, Some(&ann_t)).await).await["yours"], true);
        assert_eq!(json(get(&app, HOST, &org_path, Some(&cat_t)).await).await["yours"], false);
        // Having left, the member no longer manages it.
        let res = send(&app, HOST, Method::DELETE, &format!("/api/v1/organisations/{org}/members/{}", bob.id), Some(&bob_t), None).await;
        assert_eq!(res.status(), 204);
        assert_problem(send(&app, HOST, Method::DELETE, &org_path, Some(&bob_t), None).await, 403, "forbidden").await;

        // Withdrawn: gone from lists, found only by its owners, no longer changed.
        assert_eq!(send(&app, HOST, Method::DELETE, &org_path, Some(&ann_t), None).await.status(), 204);
        assert_eq!(send(&app, HOST, Method::DELETE, &org_path, Some(&ann_t), None).await.status(), 204, "again changes nothing");
        assert_problem(get(&app, HOST, &org_path, None).await, 404, "not_found").await;
        assert_problem(get(&app, HOST, &org_path, Some(&cat_t)).await, 404, "not_found").await;
        let seen = json(get(&app, HOST, &org_path, Some(&ann_t)).await).await;
        assert_eq!(seen["withdrawn"], true);
        let list = json(get(&app, HOST, "/api/v1/assets", Some(&ann_t)).await).await;
        assert_eq!(names(&list), ["Bike repairs"]);
        assert_problem(send(&app, HOST, Method::PATCH, &org_path, Some(&ann_t), Some(json!({"name": "Back"}))).await, 409, "asset_withdrawn").await;
        assert_problem(send(&app, HOST, Method::PATCH, &org_path, Some(&cat_t), Some(json!({"name": "Back"}))).await, 404, "not_found").await;
        assert_problem(send(&app, HOST, Method::DELETE, &org_path, Some(&cat_t), None).await, 404, "not_found").await;
        let (tenant, id) = (ann.tenant_id.clone(), parcels.parse().unwrap());
        assert!(app.db(move |conn| coproduce::assets::service::find_visible(conn, &tenant, &id).unwrap()).await.is_none());

        let kinds: Vec<String> = app.db(|conn| {
            use coproduce::db::schema::audit_events;
            use diesel::prelude::*;
            audit_events::table.filter(audit_events::kind.like("asset_%")).order(audit_events::seq.asc()).select(audit_events::kind).load(conn).unwrap()
        }).await;
        assert_eq!(kinds, ["asset_registered", "asset_changed", "asset_registered", "asset_changed", "asset_changed", "asset_withdrawn"]);
    }
);

/// The outbox rows of relayed messages to `to`: (id, reply_to, text).
async fn relayed_to(app: &TestApp, to: &str) -> Vec<(String, Option<String>, String)> {
    let to = to.to_owned();
    app.db(move |conn| {
        use coproduce::db::schema::outbox;
        use diesel::prelude::*;
        outbox::table
            .filter(outbox::recipient.eq(&to))
            .filter(outbox::kind.eq("asset_message"))
            .order(outbox::created_at.asc())
            .select((outbox::id, outbox::reply_to, outbox::body_text))
            .load(conn)
            .unwrap()
    })
    .await
}

/// The raw message the folder transport wrote for an outbox row.
async fn eml(app: &TestApp, outbox_id: &str) -> String {
    let path = app
        .settings
        .data_dir
        .join("mail")
        .join(format!("{outbox_id}.eml"));
    for _ in 0..200 {
        if let Ok(raw) = std::fs::read_to_string(&path) {
            return raw;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{} was not written", path.display());
}

async fn contact(
    app: &TestApp,
    host: &str,
    token: Option<&str>,
    id: &str,
    body: Value,
) -> reqwest::Response {
    send(
        app,
        host,
        Method::POST,
        &format!("/api/v1/assets/{id}/contact"),
        token,
        Some(body),
    )
    .await
}

both_backends!(
    async fn messages_reach_owners_without_showing_their_address(app) {
        places(&app).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let (ann_t, bob_t) = (api_token(&app, &ann).await, api_token(&app, &bob).await);
        let bikes = asset(&app, &ann_t, json!({"name": "Bike repairs", "kind": "skill", "description": "I fix bikes."})).await;

        // Not sharing: the owner gets the message and the sender's name, no reply address.
        let res = contact(&app, HOST, Some(&bob_t), &bikes, json!({"message": "Could you look at my brakes?\nThey squeal."})).await;
        assert_eq!(res.status(), 202);
        let receipt = json(res).await;
        assert_eq!((receipt["recipients"].as_i64(), receipt["can_reply"].as_bool()), (Some(1), Some(false)));
        assert!(receipt["detail"].as_str().unwrap().contains("cannot reply"));
        assert!(!receipt.to_string().contains("ann@example.org"));
        let text = delivered_email(&app, "ann@example.org", "asset_message").await;
        assert!(text.contains("bob wrote to you") && text.contains("Could you look at my brakes?\nThey squeal."), "{text}");
        assert!(text.contains("did not share their email address"), "{text}");
        assert!(!text.contains("bob@example.org"), "{text}");
        let sent = relayed_to(&app, "ann@example.org").await;
        assert_eq!(sent[0].1, None);
        assert!(!eml(&app, &sent[0].0).await.contains("Reply-To"));

        // Sharing: Reply-To is the sender's address.
        let res = contact(&app, HOST, Some(&bob_t), &bikes, json!({"message": "Me again.", "share_email": true})).await;
        assert_eq!(res.status(), 202);
        assert_eq!(json(res).await["can_reply"], true);
        let sent = relayed_to(&app, "ann@example.org").await;
        assert_eq!(sent.len(), 2);
        assert_eq!(sent[1].1.as_deref(), Some("bob@example.org"));
        assert!(sent[1].2.contains("shared their email address"));
        let raw = eml(&app, &sent[1].0).await;
        assert!(raw.contains("Reply-To: bob@example.org") && raw.contains("To: ann@example.org"), "{raw}");

        // The sender never sees the owner's address: not in the asset, its page or the form.
        let client = browser_session(&app, HOST, &bob).await;
        for path in [format!("/assets/{bikes}"), format!("/assets/{bikes}/contact")] {
            let html = client.get(app.url(HOST, &path)).send().await.unwrap().text().await.unwrap();
            assert!(html.contains("Share my email address so they can reply") && !html.contains("ann@example.org"), "{path}");
        }
        assert!(!get(&app, HOST, &format!("/api/v1/assets/{bikes}"), Some(&bob_t)).await.text().await.unwrap().contains("ann@example.org"));

        // Through the page: sent, and told whether they can be answered.
        let html = client.get(app.url(HOST, &format!("/assets/{bikes}"))).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&html);
        let url = app.url(HOST, &format!("/assets/{bikes}/contact"));
        let res = client.post(&url).form(&[("csrf", csrf.as_str()), ("message", "From the page")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], format!("/assets/{bikes}?done=sent_private"));
        let html = client.get(app.url(HOST, &format!("/assets/{bikes}?done=sent_private"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("they cannot reply to you"));
        let res = client.post(&url).form(&[("csrf", csrf.as_str()), ("message", "Shared"), ("share_email", "on")]).send().await.unwrap();
        assert_eq!(res.headers()["location"], format!("/assets/{bikes}?done=sent"));
        let res = client.post(&url).form(&[("csrf", csrf.as_str()), ("message", "   ")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("id=\"message-error\""));
        let res = client.post(&url).form(&[("message", "no token")]).send().await.unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(relayed_to(&app, "ann@example.org").await.len(), 4);
        // Signed out: asked to sign in first.
        let res = app.client(HOST).get(app.url(HOST, &format!("/assets/{bikes}/contact"))).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let html = app.get(HOST, &format!("/assets/{bikes}")).await.text().await.unwrap();
        assert!(html.contains(&format!("/sign-in?next=/assets/{bikes}/contact")) && !html.contains("name=\"message\""));

        // Bad messages, unconfirmed senders, owners taking no messages.
        assert_problem(contact(&app, HOST, Some(&bob_t), &bikes, json!({"message": ""})).await, 422, "validation_failed").await;
        assert_problem(contact(&app, HOST, Some(&bob_t), &bikes, json!({"message": "x".repeat(4001)})).await, 422, "validation_failed").await;
        assert_problem(contact(&app, HOST, None, &bikes, json!({"message": "hi"})).await, 401, "unauthorized").await;
        let ned = user(&app, "coventry", "ned@example.org", Role::Citizen, false, false).await;
        unconfirm(&app, &ned).await;
        assert_problem(contact(&app, HOST, Some(&api_token(&app, &ned).await), &bikes, json!({"message": "hi"})).await, 403, "forbidden").await;
        let res = send(&app, HOST, Method::PATCH, &format!("/api/v1/assets/{bikes}"), Some(&ann_t), Some(json!({"contactable": false}))).await;
        assert_eq!(res.status(), 200);
        assert_problem(contact(&app, HOST, Some(&bob_t), &bikes, json!({"message": "hi"})).await, 409, "not_contactable").await;
        assert_eq!(client.get(app.url(HOST, &format!("/assets/{bikes}/contact"))).send().await.unwrap().status(), 409);
        assert_problem(contact(&app, HOST, Some(&bob_t), &coproduce::db::ids::AssetId::new().to_string(), json!({"message": "hi"})).await, 404, "not_found").await;

        // An organisation's asset: its admins get the message, members do not.
        let org = organisation(&app, &ann_t, "Hillfields Food Bank", None).await;
        let cat = user(&app, "coventry", "cat@example.org", Role::Citizen, false, false).await;
        add_member(&app, &ann_t, &org, &bob, "member").await;
        add_member(&app, &ann_t, &org, &cat, "admin").await;
        let parcels = asset(&app, &bob_t, json!({"name": "Food parcels", "kind": "service", "description": "Fridays.", "organisation_id": org})).await;
        let dan = user(&app, "coventry", "dan@example.org", Role::Citizen, false, false).await;
        let res = contact(&app, HOST, Some(&api_token(&app, &dan).await), &parcels, json!({"message": "Do you need volunteers?"})).await;
        assert_eq!(json(res).await["recipients"], 2);
        let text = delivered_email(&app, "cat@example.org", "asset_message").await;
        assert!(text.contains("offered by Hillfields Food Bank") && text.contains("Do you need volunteers?"));
        assert_eq!(relayed_to(&app, "ann@example.org").await.len(), 5);
        assert!(relayed_to(&app, "bob@example.org").await.is_empty());

        // The audit log knows who wrote about what, never what was said.
        let details: Vec<String> = app.db(|conn| {
            use coproduce::db::schema::audit_events;
            use diesel::prelude::*;
            audit_events::table.filter(audit_events::kind.eq("asset_contacted")).select(audit_events::detail).load(conn).unwrap()
        }).await;
        assert_eq!(details.len(), 5);
        assert!(details.iter().all(|d| d.contains("asset") && !d.contains("brakes") && !d.contains("volunteers") && !d.contains('@')), "{details:?}");
    }
);

both_backends!(
    async fn messages_are_limited_per_sender(app) {
        places(&app).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let cat = user(&app, "coventry", "cat@example.org", Role::Citizen, false, false).await;
        let bob_t = api_token(&app, &bob).await;
        let bikes = asset(&app, &api_token(&app, &ann).await, json!({"name": "Bike repairs", "kind": "skill", "description": "I fix bikes."})).await;
        for n in 0..10 {
            let res = contact(&app, HOST, Some(&bob_t), &bikes, json!({"message": format!("Message {n}")})).await;
            assert_eq!(res.status(), 202, "message {n}");
        }
        let res = contact(&app, HOST, Some(&bob_t), &bikes, json!({"message": "One too many"})).await;
        let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((3500..=3600).contains(&wait), "{wait}");
        assert_problem(res, 429, "rate_limited").await;
        // The page says so too, and nothing more was sent.
        let client = browser_session(&app, HOST, &bob).await;
        let html = client.get(app.url(HOST, &format!("/assets/{bikes}"))).send().await.unwrap().text().await.unwrap();
        let res = client.post(app.url(HOST, &format!("/assets/{bikes}/contact"))).form(&[("csrf", csrf_in(&html).as_str()), ("message", "Page")]).send().await.unwrap();
        assert_eq!(res.status(), 429);
        assert_eq!(relayed_to(&app, "ann@example.org").await.len(), 10);
        // Another sender is not held back.
        let res = contact(&app, HOST, Some(&api_token(&app, &cat).await), &bikes, json!({"message": "Hello"})).await;
        assert_eq!(res.status(), 202);
    }
);

both_backends!(
    async fn another_place_sees_nothing_of_these_assets(app) {
        let areas = places(&app).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let ann_t = api_token(&app, &ann).await;
        let bikes = asset(&app, &ann_t, json!({"name": "Bike repairs", "kind": "skill", "description": "I fix bikes.", "area_id": areas.foleshill})).await;
        // Leeds's people, on Leeds's host, with Coventry's ids.
        let lee = user(&app, "leeds", "lee@example.org", Role::Citizen, false, false).await;
        let lee_t = api_token(&app, &lee).await;
        let path = format!("/api/v1/assets/{bikes}");
        assert_problem(get(&app, OTHER, &path, Some(&lee_t)).await, 404, "not_found").await;
        assert_problem(get(&app, OTHER, &path, None).await, 404, "not_found").await;
        assert_problem(send(&app, OTHER, Method::PATCH, &path, Some(&lee_t), Some(json!({"name": "Mine"}))).await, 404, "not_found").await;
        assert_problem(send(&app, OTHER, Method::DELETE, &path, Some(&lee_t), None).await, 404, "not_found").await;
        assert_problem(contact(&app, OTHER, Some(&lee_t), &bikes, json!({"message": "hi"})).await, 404, "not_found").await;
        let list = json(get(&app, OTHER, "/api/v1/assets", Some(&lee_t)).await).await;
        assert_eq!(list["total"], 0);
        let res = get(&app, OTHER, &format!("/api/v1/assets?area_id={}", areas.foleshill), None).await;
        assert_problem(res, 422, "validation_failed").await;
        let res = send(&app, OTHER, Method::POST, "/api/v1/assets", Some(&lee_t), Some(json!({"name": "Mine", "kind": "skill", "description": "d", "area_id": areas.foleshill}))).await;
        assert_problem(res, 422, "validation_failed").await;
        // A Leeds token on Coventry's host is no one's.
        assert_problem(send(&app, HOST, Method::DELETE, &path, Some(&lee_t), None).await, 401, "unauthorized").await;

        // The pages too.
        let client = browser_session(&app, OTHER, &lee).await;
        let html = client.get(app.url(OTHER, "/assets")).send().await.unwrap().text().await.unwrap();
        assert!(!html.contains("Bike repairs") && html.contains("Nobody has registered an asset yet."));
        let html = client.get(app.url(OTHER, &format!("/assets?area_id={}", areas.foleshill))).send().await.unwrap().text().await.unwrap();
        assert!(!html.contains("Bike repairs") && !html.contains("Foleshill"));
        let csrf = csrf_in(&html);
        for page in ["", "/edit", "/withdraw", "/contact"] {
            let url = app.url(OTHER, &format!("/assets/{bikes}{page}"));
            assert_eq!(client.get(&url).send().await.unwrap().status(), 404, "GET {page}");
            if !page.is_empty() {
                let res = client.post(&url).form(&[("csrf", csrf.as_str()), ("name", "Mine"), ("kind", "skill"), ("description", "d"), ("message", "hi")]).send().await.unwrap();
                assert_eq!(res.status(), 404, "POST {page}");
            }
        }
        let res = client.post(app.url(OTHER, "/assets/new")).form(&[("csrf", csrf.as_str()), ("name", "Mine"), ("kind", "skill"), ("description", "d"), ("area_id", areas.foleshill.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        // Unchanged at home, and no email left the place.
        let seen = json(get(&app, HOST, &path, None).await).await;
        assert_eq!((seen["name"].as_str(), seen["withdrawn"].as_bool()), (Some("Bike repairs"), Some(false)));
        assert!(relayed_to(&app, "ann@example.org").await.is_empty());
        assert_eq!(count_assets(&app).await, 1);
    }
);

both_backends!(
    async fn pages_register_edit_and_withdraw(app) {
        let areas = places(&app).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let html = app.get(HOST, "/assets").await.text().await.unwrap();
        assert!(html.contains("Nobody has registered an asset yet.") && html.contains("/sign-in?next=/assets/new"));
        assert_eq!(app.get(HOST, "/assets/new").await.status(), 303, "signed out: sign in first");

        let client = browser_session(&app, HOST, &ann).await;
        let html = client.get(app.url(HOST, &format!("/assets/new?area_id={}", areas.edgwick))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(&format!("<option value=\"{}\" selected>\u{2014} \u{2014} Edgwick</option>", areas.edgwick)), "the area is chosen and shown in its tree");
        let csrf = csrf_in(&html);
        let post = |path: String, fields: Vec<(&'static str, String)>| {
            let client = client.clone();
            let url = app.url(HOST, &path);
            async move { client.post(url).form(&fields).send().await.unwrap() }
        };
        let res = post("/assets/new".into(), vec![("csrf", csrf.clone()), ("name", "B".into()), ("kind", "skill".into()), ("description", "".into()), ("area_id", areas.edgwick.clone())]).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"name-error\"") && html.contains("id=\"description-error\"") && html.contains("There is a problem"));
        assert!(html.contains(&format!("<option value=\"{}\" selected>", areas.edgwick)), "the input is kept");
        let res = post("/assets/new".into(), vec![("csrf", csrf.clone()), ("name", "Bike repairs".into()), ("kind", "skill".into()), ("description", "I fix bikes <b>well</b>.".into()), ("area_id", areas.edgwick.clone()), ("availability", "Saturdays".into()), ("contactable", "on".into())]).await;
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        let id = location.trim_start_matches("/assets/").trim_end_matches("?done=created").to_owned();
        let html = client.get(app.url(HOST, &location)).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("can write to you about it") && !html.contains("name=\"message\""), "no form to write to oneself");
        assert!(html.contains("Your asset is on the map.") && html.contains("I fix bikes &#60;b&#62;well&#60;/b&#62;.") && html.contains(&format!("/assets/{id}/edit")));
        assert_eq!(count_assets(&app).await, 1);

        // Listed, found by area (its ward), and on the area pages.
        let html = app.get(HOST, &format!("/assets?area_id={}", areas.foleshill)).await.text().await.unwrap();
        assert!(html.contains("Bike repairs") && html.contains("Showing assets in Foleshill"));
        let html = app.get(HOST, &format!("/assets?area_id={}&q=nothing", areas.foleshill)).await.text().await.unwrap();
        assert!(html.contains("No asset matches your search.") && html.contains("Search every area"));
        let html = app.get(HOST, &format!("/areas/{}", areas.city)).await.text().await.unwrap();
        assert!(html.contains(&format!("href=\"/assets/{id}\"")) && html.contains(&format!("/assets?area_id={}", areas.city)));

        // Others may not edit or withdraw it.
        let other = browser_session(&app, HOST, &bob).await;
        for page in ["/edit", "/withdraw"] {
            assert_eq!(other.get(app.url(HOST, &format!("/assets/{id}{page}"))).send().await.unwrap().status(), 403);
            let res = other.post(app.url(HOST, &format!("/assets/{id}{page}"))).form(&[("csrf", csrf_in(&other.get(app.url(HOST, "/assets")).send().await.unwrap().text().await.unwrap()).as_str()), ("name", "Mine"), ("kind", "skill"), ("description", "d")]).send().await.unwrap();
            assert_eq!(res.status(), 403);
        }
        let html = other.get(app.url(HOST, &format!("/assets/{id}"))).send().await.unwrap().text().await.unwrap();
        assert!(!html.contains(&format!("/assets/{id}/edit")));

        // Edit: errors beside the fields, then saved.
        let html = client.get(app.url(HOST, &format!("/assets/{id}/edit"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Edit Bike repairs") && html.contains("value=\"Saturdays\"") && html.contains("checked"));
        let res = post(format!("/assets/{id}/edit"), vec![("csrf", csrf.clone()), ("name", "Bike repairs".into()), ("kind", "castle".into()), ("description", "I fix bikes.".into())]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("id=\"kind-error\""));
        let res = post(format!("/assets/{id}/edit"), vec![("csrf", csrf.clone()), ("name", "Bike and trike repairs".into()), ("kind", "service".into()), ("description", "I fix bikes.".into()), ("area_id", areas.hillfields.clone()), ("availability", "".into())]).await;
        assert_eq!(res.status(), 303);
        let seen = json(app.get(HOST, &format!("/api/v1/assets/{id}")).await).await;
        assert_eq!((seen["name"].as_str(), seen["kind"].as_str(), seen["area_id"].as_str(), seen["contactable"].as_bool()), (Some("Bike and trike repairs"), Some("service"), Some(areas.hillfields.as_str()), Some(false)));
        assert!(seen["availability"].is_null());

        // Withdraw, after confirming.
        let html = client.get(app.url(HOST, &format!("/assets/{id}/withdraw"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Withdraw Bike and trike repairs?") && html.contains("Yes, withdraw it"));
        let res = post(format!("/assets/{id}/withdraw"), vec![("csrf", csrf.clone())]).await;
        assert_eq!(res.status(), 303);
        let html = client.get(app.url(HOST, &format!("/assets/{id}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("You have withdrawn this asset") && !html.contains(&format!("/assets/{id}/edit")));
        assert_eq!(app.get(HOST, &format!("/assets/{id}")).await.status(), 404);
        assert_eq!(other.get(app.url(HOST, &format!("/assets/{id}"))).send().await.unwrap().status(), 404);
        assert_eq!(other.get(app.url(HOST, &format!("/assets/{id}/edit"))).send().await.unwrap().status(), 404);
        assert!(!app.get(HOST, "/assets").await.text().await.unwrap().contains("Bike and trike"));
        assert!(!app.get(HOST, &format!("/areas/{}", areas.hillfields)).await.text().await.unwrap().contains("Bike and trike"));
        assert_eq!(app.get(HOST, "/assets/not-an-id").await.status(), 404);
    }
);

both_backends!(
    async fn lists_page_and_area_pages_show_what_is_offered_and_who_serves(app) {
        let areas = places(&app).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let token = api_token(&app, &ann).await;
        for n in 1..=23 {
            asset(&app, &token, json!({"name": format!("Skill {n:02}"), "kind": "skill", "description": "d", "area_id": areas.edgwick})).await;
        }
        let html = app.get(HOST, &format!("/assets?kind=skill&area_id={}", areas.foleshill)).await.text().await.unwrap();
        assert!(html.contains("23 assets") && html.contains("Page 1 of 2") && html.contains("Skill 23") && !html.contains("Skill 03"));
        let next = format!("/assets?q=&#38;kind=skill&#38;area_id={}&amp;page=2", areas.foleshill);
        assert!(html.contains(&next), "page links keep the filters");
        let html = app.get(HOST, &format!("/assets?kind=skill&area_id={}&page=2", areas.foleshill)).await.text().await.unwrap();
        assert!(html.contains("Skill 03") && html.contains("Page 2 of 2"));
        assert_eq!(app.get(HOST, "/assets?page=0").await.status(), 422);

        // An area's page: the first few, a link to all, and the organisations serving it.
        let admin_of = organisation(&app, &token, "Foleshill Tenants", Some("foleshill, Radford")).await;
        organisation(&app, &token, "Edgwick Allotments", Some("Edgwick")).await;
        organisation(&app, &token, "Hillfields Food Bank", Some("Hillfields")).await;
        let fixers = organisation(&app, &token, "City Fixers", None).await;
        asset(&app, &token, json!({"name": "Repair cafe", "kind": "service", "description": "d", "area_id": areas.edgwick, "organisation_id": fixers})).await;
        let html = app.get(HOST, &format!("/areas/{}", areas.foleshill)).await.text().await.unwrap();
        assert!(html.contains("Repair cafe") && html.contains("See all 24 assets in Foleshill"), "{html}");
        assert!(html.contains(&format!("/assets?area_id={}", areas.foleshill)));
        assert!(!html.contains("Skill 13"), "capped");
        for name in ["Foleshill Tenants", "Edgwick Allotments", "City Fixers"] {
            assert!(html.contains(name), "{name}");
        }
        assert!(html.contains(&format!("/organisations/{admin_of}")) && !html.contains("Hillfields Food Bank"));
        let html = app.get(HOST, &format!("/areas/{}", areas.hillfields)).await.text().await.unwrap();
        assert!(html.contains("Hillfields Food Bank") && html.contains("Nobody has registered an asset in Hillfields yet."));

        // Removing an area keeps its assets on the map, in the area around it.
        let admin = user(&app, "coventry", "boss@example.org", Role::Admin, false, true).await;
        let res = send(&app, HOST, Method::DELETE, &format!("/api/v1/areas/{}", areas.edgwick), Some(&api_token(&app, &admin).await), None).await;
        assert_eq!(res.status(), 204);
        let found = json(get(&app, HOST, &format!("/api/v1/assets?area_id={}&per_page=100", areas.foleshill), None).await).await;
        assert_eq!(found["total"], 24);
        assert!(found["items"].as_array().unwrap().iter().all(|a| a["area_id"] == areas.foleshill.as_str()));
    }
);

both_backends!(
    async fn a_persons_assets_are_in_their_data_and_go_with_them(app) {
        places(&app).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let (ann_t, bob_t) = (api_token(&app, &ann).await, api_token(&app, &bob).await);
        let mine = asset(&app, &ann_t, json!({"name": "Bike repairs", "kind": "skill", "description": "I fix bikes."})).await;
        let org = organisation(&app, &ann_t, "Hillfields Food Bank", None).await;
        add_member(&app, &ann_t, &org, &bob, "admin").await;
        let parcels = asset(&app, &ann_t, json!({"name": "Food parcels", "kind": "service", "description": "Fridays.", "organisation_id": org})).await;
        let bobs = asset(&app, &bob_t, json!({"name": "Choir", "kind": "group", "description": "We sing."})).await;
        assert_eq!(contact(&app, HOST, Some(&ann_t), &bobs, json!({"message": "Can I join?", "share_email": true})).await.status(), 202);
        assert_eq!(contact(&app, HOST, Some(&bob_t), &mine, json!({"message": "Brakes?"})).await.status(), 202);

        let export = json(send(&app, HOST, Method::GET, "/api/v1/me/export", Some(&ann_t), None).await).await;
        let exported: Vec<&str> = export["assets"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
        assert_eq!(exported, ["Bike repairs", "Food parcels"]);
        assert_eq!(export["assets"][1]["organisation_id"], org);
        assert_eq!(export["asset_messages"].as_array().unwrap().len(), 1);
        assert_eq!(export["asset_messages"][0]["asset_id"], bobs);
        let html = browser_session(&app, HOST, &ann).await.get(app.url(HOST, "/account/data")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Assets you registered") && html.contains(&format!("href=\"/assets/{mine}\"")) && html.contains("You wrote to the owners of assets 1 time"));

        let res = send(&app, HOST, Method::DELETE, "/api/v1/me", Some(&ann_t), Some(json!({"password": USER_PASSWORD, "contributions": "anonymise"}))).await;
        assert_eq!(res.status(), 204);
        // Her own asset is gone; the organisation keeps its asset, without her.
        assert_problem(get(&app, HOST, &format!("/api/v1/assets/{mine}"), None).await, 404, "not_found").await;
        let kept = json(get(&app, HOST, &format!("/api/v1/assets/{parcels}"), Some(&bob_t)).await).await;
        assert_eq!((kept["organisation_id"].as_str(), kept["yours"].as_bool()), (Some(org.as_str()), Some(true)));
        let (ann_id, tenant) = (ann.id.clone(), ann.tenant_id.clone());
        let (owned, sent, replying): (i64, i64, i64) = app.db(move |conn| {
            use coproduce::db::schema::{asset_messages, assets, outbox};
            use diesel::prelude::*;
            (
                assets::table.filter(assets::tenant_id.eq(&tenant)).filter(assets::owner_id.eq(&ann_id)).count().get_result(conn).unwrap(),
                asset_messages::table.filter(asset_messages::sender_id.eq(&ann_id)).count().get_result(conn).unwrap(),
                outbox::table.filter(outbox::reply_to.eq("ann@example.org")).count().get_result(conn).unwrap(),
            )
        }).await;
        assert_eq!((owned, sent, replying), (0, 0, 0));
        // Bob's message to her asset went with it; his asset stays.
        assert_eq!(json(get(&app, HOST, "/api/v1/assets", None).await).await["total"], 2);
    }
);

both_backends!(
    async fn the_asset_map_speaks_welsh(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let html = crate::i18n::welsh_page(&app, HOST, None, "/assets").await;
        crate::i18n::assert_welsh_heading(&html, "<h1>Asedau</h1>", "<h1>Assets</h1>");
        assert!(html.contains("Does neb wedi cofrestru ased eto."), "{html}");
    }
);

both_backends!(
    async fn registering_an_asset_with_problems_is_told_them_in_welsh(app) {
        use crate::common::session_secret;
        use coproduce::accounts::model::SessionKind;
        let areas = places(&app).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let secret = session_secret(&app, &ann, SessionKind::Browser).await;
        let cookie = format!("coproduce_session={secret}; lang=cy");
        let client = app.client(HOST);
        let html = client.get(app.url(HOST, "/assets/new")).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&html);
        // A one-letter name, and nothing said about what is offered.
        let res = client
            .post(app.url(HOST, "/assets/new"))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf.as_str()), ("name", "B"), ("kind", "skill"), ("description", ""), ("area_id", areas.edgwick.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"<html lang="cy">"#), "{html}");
        assert!(html.contains(r#"id="name-error""#) && html.contains("rhowch enw o 2 i 120 nod"), "{html}");
        assert!(html.contains(r#"id="description-error""#) && html.contains("dywedwch mewn ychydig eiriau beth rydych yn ei gynnig"), "{html}");
        assert!(!html.contains("give a name of 2 to 120 characters") && !html.contains("say in a few words"), "no English: {html}");
    }
);
