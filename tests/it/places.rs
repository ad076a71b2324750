//! Places: areas are read by anyone and changed only by the place's admins
//! with a second factor; names are unique among siblings; an area with
//! children stays; another place's areas do not exist here.

use coproduce::accounts::Role;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{api_token, assert_problem, json, user, TestApp};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

async fn send(
    app: &TestApp,
    host: &str,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> reqwest::Response {
    let mut req = app.client(host).request(method, app.url(host, path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    req.send().await.unwrap()
}

async fn create(app: &TestApp, host: &str, token: &str, body: Value) -> reqwest::Response {
    send(
        app,
        host,
        reqwest::Method::POST,
        "/api/v1/areas",
        Some(token),
        Some(body),
    )
    .await
}

fn names(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_owned())
        .collect()
}

both_backends!(
    async fn only_admins_with_a_second_factor_change_areas(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let citizen = user(&app, "coventry", "citizen@example.org", Role::Citizen, false, true).await;
        let bare_admin = user(&app, "coventry", "bare@example.org", Role::Admin, false, false).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let body = json!({"name": "Coventry", "kind": "city"});

        let res = send(&app, HOST, reqwest::Method::POST, "/api/v1/areas", None, Some(body.clone())).await;
        assert_problem(res, 401, "unauthorized").await;
        assert_problem(create(&app, HOST, &api_token(&app, &citizen).await, body.clone()).await, 403, "forbidden").await;
        assert_problem(
            create(&app, HOST, &api_token(&app, &bare_admin).await, body.clone()).await,
            403,
            "second_factor_required",
        )
        .await;

        let token = api_token(&app, &admin).await;
        let res = create(&app, HOST, &token, body).await;
        assert_eq!(res.status(), 201);
        let id = json(res).await["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/areas/{id}");
        let citizen_token = api_token(&app, &citizen).await;
        for (method, body) in [
            (reqwest::Method::PATCH, Some(json!({"name": "Cov"}))),
            (reqwest::Method::DELETE, None),
        ] {
            let res = send(&app, HOST, method, &path, Some(&citizen_token), body).await;
            assert_problem(res, 403, "forbidden").await;
        }
        // Reading is for everyone.
        let res = app.get(HOST, &path).await;
        assert_eq!(res.status(), 200);
        assert_eq!(json(res).await["name"], "Coventry");
    }
);

both_backends!(
    async fn areas_form_a_tree_with_rules(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let token = api_token(&app, &admin).await;

        let res = create(&app, HOST, &token, json!({"name": " Coventry ", "kind": "city", "latitude": 52.406822, "longitude": -1.519693})).await;
        assert_eq!(res.status(), 201);
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        let city = json(res).await;
        let city_id = city["id"].as_str().unwrap().to_owned();
        assert_eq!(location, format!("/api/v1/areas/{city_id}"));
        assert_eq!(city["name"], "Coventry");
        assert_eq!(city["latitude"], 52.406822);
        assert_eq!(city["parent_id"], Value::Null);

        let ward = json(create(&app, HOST, &token, json!({"name": "Foleshill", "kind": "ward", "parent_id": city_id})).await).await;
        let ward_id = ward["id"].as_str().unwrap().to_owned();
        assert_eq!(ward["parent_id"], city_id.as_str());
        let res = create(&app, HOST, &token, json!({"name": "Hillfields", "kind": "neighbourhood", "parent_id": ward_id, "description": "Near the centre"})).await;
        assert_eq!(res.status(), 201);
        let hillfields = json(res).await["id"].as_str().unwrap().to_owned();

        // Sibling names clash (any case), top level included; cousins may share.
        assert_problem(create(&app, HOST, &token, json!({"name": "foleshill", "parent_id": city_id})).await, 409, "area_name_taken").await;
        assert_problem(create(&app, HOST, &token, json!({"name": "COVENTRY"})).await, 409, "area_name_taken").await;
        assert_eq!(create(&app, HOST, &token, json!({"name": "Foleshill", "parent_id": ward_id})).await.status(), 201);

        // Bad fields are field errors, all at once.
        let problem = assert_problem(
            create(&app, HOST, &token, json!({"name": "", "kind": "county", "latitude": 91.0, "longitude": 0.0, "parent_id": "not-an-id"})).await,
            422,
            "validation_failed",
        )
        .await;
        let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        for f in ["name", "kind", "latitude", "parent_id"] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }

        // Lists: everything, the top level, or one area's children.
        let all = json(app.get(HOST, "/api/v1/areas?per_page=2").await).await;
        assert_eq!((all["total"].as_i64(), all["per_page"].as_i64(), names(&all).len()), (Some(4), Some(2), 2));
        let top = json(app.get(HOST, "/api/v1/areas?parent_id=none").await).await;
        assert_eq!(names(&top), ["Coventry"]);
        let children = json(app.get(HOST, &format!("/api/v1/areas?parent_id={ward_id}")).await).await;
        assert_eq!(names(&children), ["Foleshill", "Hillfields"]);
        assert_problem(app.get(HOST, "/api/v1/areas?parent_id=nope").await, 422, "validation_failed").await;
        assert_problem(app.get(HOST, "/api/v1/areas?page=0").await, 422, "validation_failed").await;

        // Changes: renaming onto a sibling clashes; the point can be removed.
        let path = format!("/api/v1/areas/{hillfields}");
        let res = send(&app, HOST, reqwest::Method::PATCH, &path, Some(&token), Some(json!({"name": "foleshill"}))).await;
        assert_problem(res, 409, "area_name_taken").await;
        let res = send(&app, HOST, reqwest::Method::PATCH, &path, Some(&token), Some(json!({"name": "Hillfields East", "latitude": 52.41, "longitude": -1.5, "description": ""}))).await;
        assert_eq!(res.status(), 200);
        let changed = json(res).await;
        assert_eq!((changed["name"].as_str(), changed["longitude"].as_f64(), &changed["description"]), (Some("Hillfields East"), Some(-1.5), &Value::Null));
        let res = send(&app, HOST, reqwest::Method::PATCH, &path, Some(&token), Some(json!({"latitude": null}))).await;
        assert_problem(res, 422, "validation_failed").await;
        let res = send(&app, HOST, reqwest::Method::PATCH, &path, Some(&token), Some(json!({"latitude": null, "longitude": null}))).await;
        assert_eq!(json(res).await["latitude"], Value::Null);

        // An area with children stays; a leaf goes.
        let res = send(&app, HOST, reqwest::Method::DELETE, &format!("/api/v1/areas/{ward_id}"), Some(&token), None).await;
        assert_problem(res, 409, "area_has_children").await;
        let res = send(&app, HOST, reqwest::Method::DELETE, &path, Some(&token), None).await;
        assert_eq!(res.status(), 204);
        assert_problem(app.get(HOST, &path).await, 404, "not_found").await;

        // Every change is in the audit log, by id only.
        let kinds: Vec<String> = app
            .db(move |conn| {
                use coproduce::db::schema::audit_events;
                use diesel::prelude::*;
                audit_events::table
                    .filter(audit_events::kind.like("area_%"))
                    .order(audit_events::seq.asc())
                    .select(audit_events::kind)
                    .load(conn)
                    .unwrap()
            })
            .await;
        assert_eq!(
            kinds,
            ["area_created", "area_created", "area_created", "area_created", "area_updated", "area_updated", "area_deleted"]
        );
    }
);

both_backends!(
    async fn another_places_areas_do_not_exist_here(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let other_admin = user(&app, "leeds", "admin@example.org", Role::Admin, false, true).await;
        let token = api_token(&app, &admin).await;
        let other_token = api_token(&app, &other_admin).await;
        let city = json(create(&app, HOST, &token, json!({"name": "Coventry"})).await).await;
        let id = city["id"].as_str().unwrap().to_owned();
        let ward = json(create(&app, HOST, &token, json!({"name": "Foleshill", "parent_id": id})).await).await;
        let ward_id = ward["id"].as_str().unwrap().to_owned();

        // Leeds's admin, on Leeds's host, with Coventry's ids.
        for area in [&id, &ward_id] {
            let path = format!("/api/v1/areas/{area}");
            assert_problem(app.get(OTHER, &path).await, 404, "not_found").await;
            let res = send(&app, OTHER, reqwest::Method::PATCH, &path, Some(&other_token), Some(json!({"name": "Mine"}))).await;
            assert_problem(res, 404, "not_found").await;
            let res = send(&app, OTHER, reqwest::Method::DELETE, &path, Some(&other_token), None).await;
            assert_problem(res, 404, "not_found").await;
        }
        let problem = assert_problem(create(&app, OTHER, &other_token, json!({"name": "Headingley", "parent_id": id})).await, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["field"], "parent_id");
        let list = json(app.get(OTHER, "/api/v1/areas").await).await;
        assert_eq!(list["total"], 0);
        let list = json(app.get(OTHER, &format!("/api/v1/areas?parent_id={id}")).await).await;
        assert_eq!(list["total"], 0);
        // Leeds's token means nothing on Coventry's host.
        let res = create(&app, HOST, &other_token, json!({"name": "Intruder"})).await;
        assert_problem(res, 401, "unauthorized").await;
        // Same names are fine in another place.
        assert_eq!(create(&app, OTHER, &other_token, json!({"name": "Coventry"})).await.status(), 201);
        let list = json(app.get(HOST, "/api/v1/areas").await).await;
        assert_eq!(list["total"], 2);
    }
);
