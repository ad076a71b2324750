//! Organisations: who may start and run them, the last admin, the
//! council's recognition, checked fields, other places seeing nothing, and
//! memberships in a person's data and its erasure.

use coproduce::accounts::Role;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{api_token, assert_problem, json, send, user, TestApp, USER_PASSWORD};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

async fn create(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    send(
        app,
        HOST,
        reqwest::Method::POST,
        "/api/v1/organisations",
        Some(token),
        Some(body),
    )
    .await
}

/// Starts "Hillfields Food Bank" as `token`'s person; its id.
async fn food_bank(app: &TestApp, token: &str) -> String {
    let res = create(app, token, json!({"name": "Hillfields Food Bank", "kind": "voluntary", "description": "We feed people.", "website": "https://food.example.org", "areas_served": "Hillfields, Foleshill"})).await;
    assert_eq!(res.status(), 201);
    json(res).await["id"].as_str().unwrap().to_owned()
}

async fn add(app: &TestApp, token: &str, org: &str, person: &str, role: &str) -> reqwest::Response {
    send(
        app,
        HOST,
        reqwest::Method::POST,
        &format!("/api/v1/organisations/{org}/members"),
        Some(token),
        Some(json!({"user_id": person, "role": role})),
    )
    .await
}

both_backends!(
    async fn only_people_with_a_confirmed_address_start_one_and_become_its_admin(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let ann_token = api_token(&app, &ann).await;
        let ned = user(&app, "coventry", "ned@example.org", Role::Citizen, false, false).await;
        let ned_id = ned.id.clone();
        app.db(move |conn| {
            use coproduce::db::schema::users;
            use diesel::prelude::*;
            diesel::update(users::table.filter(users::id.eq(&ned_id)))
                .set(users::email_verified_at.eq(None::<chrono::NaiveDateTime>))
                .execute(conn)
                .unwrap();
        })
        .await;
        let ned_token = api_token(&app, &ned).await;
        let body = json!({"name": "Ned's Club", "kind": "community"});
        assert_problem(create(&app, &ned_token, body.clone()).await, 403, "forbidden").await;
        let res = send(&app, HOST, reqwest::Method::POST, "/api/v1/organisations", None, Some(body)).await;
        assert_problem(res, 401, "unauthorized").await;

        let id = food_bank(&app, &ann_token).await;
        let org = json(send(&app, HOST, reqwest::Method::GET, &format!("/api/v1/organisations/{id}"), None, None).await).await;
        assert_eq!(org["name"], "Hillfields Food Bank");
        assert_eq!(org["kind"], "voluntary");
        assert_eq!(org["areas_served"], "Hillfields, Foleshill");
        assert_eq!(org["verified"], false);
        let members = json(send(&app, HOST, reqwest::Method::GET, &format!("/api/v1/organisations/{id}/members"), None, None).await).await;
        assert_eq!(members.as_array().unwrap().len(), 1);
        assert_eq!(members[0]["user_id"], ann.id.to_string());
        assert_eq!(members[0]["role"], "admin");

        // The directory: search by name, filter by kind, pages.
        create(&app, &ann_token, json!({"name": "Foleshill Tenants", "kind": "community"})).await;
        create(&app, &ann_token, json!({"name": "City Council", "kind": "public"})).await;
        let page = json(send(&app, HOST, reqwest::Method::GET, "/api/v1/organisations?page=1&per_page=2", None, None).await).await;
        assert_eq!((page["total"].as_i64(), page["per_page"].as_i64()), (Some(3), Some(2)));
        assert_eq!(page["items"][0]["name"], "City Council");
        let found = json(send(&app, HOST, reqwest::Method::GET, "/api/v1/organisations?q=FOOD", None, None).await).await;
        assert_eq!(found["total"], 1);
        let found = json(send(&app, HOST, reqwest::Method::GET, "/api/v1/organisations?kind=community", None, None).await).await;
        assert_eq!(found["items"][0]["name"], "Foleshill Tenants");
        assert_eq!(found["total"], 1);
        let res = send(&app, HOST, reqwest::Method::GET, "/api/v1/organisations?kind=club", None, None).await;
        assert_problem(res, 422, "validation_failed").await;
    }
);

both_backends!(
    async fn bad_fields_are_refused_together(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let token = api_token(&app, &ann).await;
        let problem = assert_problem(create(&app, &token, json!({"name": "x".repeat(121), "kind": "club", "website": "javascript:alert(1)"})).await, 422, "validation_failed").await;
        let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["name", "kind", "website"]);
        let res = create(&app, &token, json!({"name": "Ok", "kind": "public", "description": "d".repeat(4001)})).await;
        assert_problem(res, 422, "validation_failed").await;
        let res = create(&app, &token, json!({"name": "Ok", "kind": "public", "website": "ftp://files.example.org"})).await;
        assert_problem(res, 422, "validation_failed").await;
        let id = food_bank(&app, &token).await;
        // Names are unique within a place, whatever their case.
        let res = create(&app, &token, json!({"name": "HILLFIELDS food bank", "kind": "public"})).await;
        assert_problem(res, 422, "validation_failed").await;
        let res = send(&app, HOST, reqwest::Method::PATCH, &format!("/api/v1/organisations/{id}"), Some(&token), Some(json!({"website": "not a url"}))).await;
        assert_problem(res, 422, "validation_failed").await;
        let res = send(&app, HOST, reqwest::Method::PATCH, &format!("/api/v1/organisations/{id}"), Some(&token), Some(json!({"description": "Food and friendship.", "website": ""}))).await;
        assert_eq!(res.status(), 200);
        let org = json(res).await;
        assert_eq!(org["description"], "Food and friendship.");
        assert!(org["website"].is_null());
        assert_eq!(org["name"], "Hillfields Food Bank", "absent fields stay");
    }
);

both_backends!(
    async fn only_admins_manage_and_the_last_admin_stays(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let cat = user(&app, "coventry", "cat@example.org", Role::Citizen, false, false).await;
        let (ann_token, bob_token) = (api_token(&app, &ann).await, api_token(&app, &bob).await);
        let id = food_bank(&app, &ann_token).await;
        let (bob_id, cat_id, ann_id) = (bob.id.to_string(), cat.id.to_string(), ann.id.to_string());

        // Someone outside cannot manage it.
        assert_problem(add(&app, &bob_token, &id, &bob_id, "admin").await, 403, "forbidden").await;
        assert_eq!(add(&app, &ann_token, &id, &bob_id, "member").await.status(), 201);
        assert_problem(add(&app, &ann_token, &id, &bob_id, "member").await, 409, "already_member").await;
        // A member is not an admin either.
        assert_problem(add(&app, &bob_token, &id, &cat_id, "member").await, 403, "forbidden").await;
        let res = send(&app, HOST, reqwest::Method::PATCH, &format!("/api/v1/organisations/{id}"), Some(&bob_token), Some(json!({"name": "Bob's"}))).await;
        assert_problem(res, 403, "forbidden").await;
        let res = send(&app, HOST, reqwest::Method::DELETE, &format!("/api/v1/organisations/{id}/members/{ann_id}"), Some(&bob_token), None).await;
        assert_problem(res, 403, "forbidden").await;
        assert_problem(add(&app, &ann_token, &id, &nobody(), "member").await, 422, "validation_failed").await;

        // The only admin can neither leave nor step down…
        let res = send(&app, HOST, reqwest::Method::DELETE, &format!("/api/v1/organisations/{id}/members/{ann_id}"), Some(&ann_token), None).await;
        assert_problem(res, 409, "last_admin").await;
        let res = send(&app, HOST, reqwest::Method::PUT, &format!("/api/v1/organisations/{id}/members/{ann_id}"), Some(&ann_token), Some(json!({"role": "member"}))).await;
        assert_problem(res, 409, "last_admin").await;
        // …until there is another.
        let res = send(&app, HOST, reqwest::Method::PUT, &format!("/api/v1/organisations/{id}/members/{bob_id}"), Some(&ann_token), Some(json!({"role": "admin"}))).await;
        assert_eq!(res.status(), 204);
        let res = send(&app, HOST, reqwest::Method::DELETE, &format!("/api/v1/organisations/{id}/members/{ann_id}"), Some(&ann_token), None).await;
        assert_eq!(res.status(), 204);
        let members = json(send(&app, HOST, reqwest::Method::GET, &format!("/api/v1/organisations/{id}/members"), None, None).await).await;
        assert_eq!(members.as_array().unwrap().len(), 1);
        assert_eq!(members[0]["user_id"], bob_id);
        assert_problem(add(&app, &ann_token, &id, &cat_id, "member").await, 403, "forbidden").await;

        // What boards will ask.
        let (tenant, org, bob_uid) = (bob.tenant_id.clone(), id.parse().unwrap(), bob.id.clone());
        let (role, of) = app.db(move |conn| {
            use coproduce::organisations::service;
            (service::membership(conn, &tenant, &org, &bob_uid).unwrap(),
             service::organisations_of(conn, &tenant, &bob_uid).unwrap().len())
        }).await;
        assert_eq!((role, of), (Some(coproduce::organisations::MemberRole::Admin), 1));
    }
);

/// A well-formed user id that names nobody.
fn nobody() -> String {
    coproduce::db::ids::UserId::new().to_string()
}

both_backends!(
    async fn only_tenant_admins_with_two_step_sign_in_recognise_organisations(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, true).await;
        let lax = user(&app, "coventry", "lax@example.org", Role::Admin, false, false).await;
        let admin = user(&app, "coventry", "boss@example.org", Role::Admin, false, true).await;
        let ann_token = api_token(&app, &ann).await;
        let id = food_bank(&app, &ann_token).await;
        let path = format!("/api/v1/admin/organisations/{id}/verification");
        let body = Some(json!({"verified": true}));
        // Its own admin cannot recognise it.
        assert_problem(send(&app, HOST, reqwest::Method::PUT, &path, Some(&ann_token), body.clone()).await, 403, "forbidden").await;
        let lax_token = api_token(&app, &lax).await;
        assert_problem(send(&app, HOST, reqwest::Method::PUT, &path, Some(&lax_token), body.clone()).await, 403, "second_factor_required").await;
        let admin_token = api_token(&app, &admin).await;
        let res = send(&app, HOST, reqwest::Method::PUT, &path, Some(&admin_token), body).await;
        assert_eq!(res.status(), 200);
        assert_eq!(json(res).await["verified"], true);
        let org = json(send(&app, HOST, reqwest::Method::GET, &format!("/api/v1/organisations/{id}"), None, None).await).await;
        assert_eq!(org["verified"], true);
        let res = send(&app, HOST, reqwest::Method::PUT, &path, Some(&admin_token), Some(json!({"verified": false}))).await;
        assert_eq!(json(res).await["verified"], false);

        let kinds: Vec<String> = app.db(|conn| {
            use coproduce::db::schema::audit_events;
            use diesel::prelude::*;
            audit_events::table.order(audit_events::seq.asc()).select(audit_events::kind).load(conn).unwrap()
        }).await;
        for kind in ["organisation_created", "organisation_verified", "organisation_unverified"] {
            assert!(kinds.iter().any(|k| k == kind), "{kind} in {kinds:?}");
        }
    }
);

both_backends!(
    async fn other_places_see_and_touch_nothing(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let sam = user(&app, "leeds", "sam@example.org", Role::Admin, false, true).await;
        let ann_token = api_token(&app, &ann).await;
        let sam_token = api_token(&app, &sam).await;
        let id = food_bank(&app, &ann_token).await;
        let (ann_id, sam_id) = (ann.id.to_string(), sam.id.to_string());

        // Leeds's admin, on Leeds's host, finds nothing of Coventry's.
        use reqwest::Method as M;
        let probes: Vec<(M, String, Option<Value>)> = vec![
            (M::GET, format!("/api/v1/organisations/{id}"), None),
            (M::PATCH, format!("/api/v1/organisations/{id}"), Some(json!({"name": "Taken over"}))),
            (M::GET, format!("/api/v1/organisations/{id}/members"), None),
            (M::POST, format!("/api/v1/organisations/{id}/members"), Some(json!({"user_id": sam_id, "role": "admin"}))),
            (M::PUT, format!("/api/v1/organisations/{id}/members/{ann_id}"), Some(json!({"role": "member"}))),
            (M::DELETE, format!("/api/v1/organisations/{id}/members/{ann_id}"), None),
            (M::PUT, format!("/api/v1/admin/organisations/{id}/verification"), Some(json!({"verified": true}))),
            (M::POST, format!("/api/v1/organisations/{id}/join-requests"), Some(json!({"message": "let me in"}))),
            (M::GET, format!("/api/v1/organisations/{id}/join-requests"), None),
            (M::POST, format!("/api/v1/organisations/{id}/join-requests/{sam_id}/decision"), Some(json!({"decision": "accept"}))),
        ];
        for (method, path, body) in &probes {
            let res = send(&app, OTHER, method.clone(), path, Some(&sam_token), body.clone()).await;
            assert_problem(res, 404, "not_found").await;
            // Their token means nothing on Coventry's host.
            if *method != M::GET {
                let res = send(&app, HOST, method.clone(), path, Some(&sam_token), body.clone()).await;
                assert_problem(res, 401, "unauthorized").await;
            }
        }
        let list = json(send(&app, OTHER, M::GET, "/api/v1/organisations", Some(&sam_token), None).await).await;
        assert_eq!(list["total"], 0);
        assert!(list["items"].as_array().unwrap().is_empty());
        // Coventry's admin cannot link a Leeds person to Coventry's organisation.
        assert_problem(add(&app, &ann_token, &id, &sam_id, "member").await, 422, "validation_failed").await;
        let members = json(send(&app, HOST, M::GET, &format!("/api/v1/organisations/{id}/members"), None, None).await).await;
        assert_eq!(members.as_array().unwrap().len(), 1);
        assert_eq!(json(send(&app, HOST, M::GET, &format!("/api/v1/organisations/{id}"), None, None).await).await["name"], "Hillfields Food Bank");
    }
);

both_backends!(
    async fn members_show_names_only_as_their_profiles_allow(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let ann_token = api_token(&app, &ann).await;
        let res = send(&app, HOST, reqwest::Method::PATCH, "/api/v1/me/profile", Some(&ann_token),
            Some(json!({"display_name": "Ann Quill", "visibility": {"display_name": "members"}}))).await;
        assert_eq!(res.status(), 200);
        let id = food_bank(&app, &ann_token).await;
        let path = format!("/api/v1/organisations/{id}/members");
        let anonymous = json(send(&app, HOST, reqwest::Method::GET, &path, None, None).await).await;
        assert!(anonymous[0].get("display_name").is_none(), "{anonymous}");
        let member = json(send(&app, HOST, reqwest::Method::GET, &path, Some(&ann_token), None).await).await;
        assert_eq!(member[0]["display_name"], "Ann Quill");
    }
);

both_backends!(
    async fn memberships_are_exported_and_erased(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let cat = user(&app, "coventry", "cat@example.org", Role::Citizen, false, false).await;
        let ann_token = api_token(&app, &ann).await;
        let id = food_bank(&app, &ann_token).await;
        let lonely = json(create(&app, &ann_token, json!({"name": "Ann Alone", "kind": "private"})).await).await;
        assert_eq!(add(&app, &ann_token, &id, &bob.id.to_string(), "member").await.status(), 201);
        assert_eq!(add(&app, &ann_token, &id, &cat.id.to_string(), "member").await.status(), 201);

        let bob_token = api_token(&app, &bob).await;
        let bobs = json(create(&app, &bob_token, json!({"name": "Bob's Bikes", "kind": "private"})).await).await;
        let bobs = bobs["id"].as_str().unwrap().to_owned();
        let res = send(&app, HOST, reqwest::Method::POST, &format!("/api/v1/organisations/{bobs}/join-requests"), Some(&ann_token), Some(json!({"message": "I fix wheels"}))).await;
        assert_eq!(res.status(), 201);

        let export = json(send(&app, HOST, reqwest::Method::GET, "/api/v1/me/export", Some(&ann_token), None).await).await;
        assert_eq!(export["join_requests"][0]["organisation_name"], "Bob's Bikes");
        assert_eq!(export["join_requests"][0]["message"], "I fix wheels");
        assert_eq!(export["join_requests"][0]["status"], "pending");
        let orgs = export["organisations"].as_array().unwrap();
        assert_eq!(orgs.len(), 2);
        assert_eq!(orgs[0]["organisation_name"], "Hillfields Food Bank");
        assert_eq!(orgs[0]["role"], "admin");

        let res = send(&app, HOST, reqwest::Method::DELETE, "/api/v1/me", Some(&ann_token),
            Some(json!({"password": USER_PASSWORD, "contributions": "anonymise"}))).await;
        assert_eq!(res.status(), 204);
        // The longest-standing member now runs the food bank; Ann is gone from it.
        let members = json(send(&app, HOST, reqwest::Method::GET, &format!("/api/v1/organisations/{id}/members"), None, None).await).await;
        let members: Vec<(String, String)> = members.as_array().unwrap().iter()
            .map(|m| (m["user_id"].as_str().unwrap().to_owned(), m["role"].as_str().unwrap().to_owned())).collect();
        assert_eq!(members, [(bob.id.to_string(), "admin".to_owned()), (cat.id.to_string(), "member".to_owned())]);
        // The organisation she ran alone stays, without members.
        let lonely_id = lonely["id"].as_str().unwrap();
        let members = json(send(&app, HOST, reqwest::Method::GET, &format!("/api/v1/organisations/{lonely_id}/members"), None, None).await).await;
        assert!(members.as_array().unwrap().is_empty());
        assert_eq!(send(&app, HOST, reqwest::Method::GET, &format!("/api/v1/organisations/{lonely_id}"), None, None).await.status(), 200);
        // Her request to join went with her.
        let pending = json(send(&app, HOST, reqwest::Method::GET, &format!("/api/v1/organisations/{bobs}/join-requests"), Some(&bob_token), None).await).await;
        assert!(pending.as_array().unwrap().is_empty(), "{pending}");
    }
);

both_backends!(
    async fn pages_follow_the_same_rules(app) {
        use crate::common::{browser_session, csrf_in};
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let boss = user(&app, "coventry", "boss@example.org", Role::Admin, false, true).await;
        let sam = user(&app, "leeds", "sam@example.org", Role::Citizen, false, false).await;
        let ann_page = browser_session(&app, HOST, &ann).await;

        // Starting one in the browser, with a mistake first.
        let form = ann_page.get(app.url(HOST, "/organisations/new")).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&form);
        let res = ann_page.post(app.url(HOST, "/organisations/new"))
            .form(&[("csrf", csrf.as_str()), ("name", "Food Bank"), ("kind", "voluntary"), ("website", "food.example.org")])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("https://"));
        let res = ann_page.post(app.url(HOST, "/organisations/new"))
            .form(&[("csrf", csrf.as_str()), ("name", "Food Bank"), ("kind", "voluntary"), ("description", "We feed people."), ("areas_served", "Hillfields")])
            .send().await.unwrap();
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        let id = location.trim_start_matches("/organisations/").split('?').next().unwrap().to_owned();
        let ann_token = api_token(&app, &ann).await;
        assert_eq!(add(&app, &ann_token, &id, &bob.id.to_string(), "member").await.status(), 201);

        // Anyone sees the profile; hidden names read "A member".
        let bob_token = api_token(&app, &bob).await;
        send(&app, HOST, reqwest::Method::PATCH, "/api/v1/me/profile", Some(&bob_token),
            Some(json!({"display_name": "Bob Hidden", "visibility": {"display_name": "private"}}))).await;
        let html = app.get(HOST, &format!("/organisations/{id}")).await.text().await.unwrap();
        assert!(html.contains("Food Bank") && html.contains("Hillfields") && html.contains("A member") && !html.contains("Bob Hidden"));
        assert!(!html.contains("Recognised by the council"));

        // Only its admins reach the members page; other places find nothing.
        let bob_page = browser_session(&app, HOST, &bob).await;
        assert_eq!(bob_page.get(app.url(HOST, &format!("/organisations/{id}/members"))).send().await.unwrap().status(), 403);
        assert_eq!(bob_page.get(app.url(HOST, &format!("/organisations/{id}/edit"))).send().await.unwrap().status(), 403);
        let members = ann_page.get(app.url(HOST, &format!("/organisations/{id}/members"))).send().await.unwrap();
        assert_eq!(members.status(), 200);
        let sam_page = browser_session(&app, OTHER, &sam).await;
        for path in [format!("/organisations/{id}"), format!("/organisations/{id}/members"), format!("/organisations/{id}/edit")] {
            assert_eq!(sam_page.get(app.url(OTHER, &path)).send().await.unwrap().status(), 404, "{path}");
        }
        assert!(!sam_page.get(app.url(OTHER, "/organisations")).send().await.unwrap().text().await.unwrap().contains("Food Bank"));

        // Asking to join through the page; the admin decides on the members page.
        let cat = user(&app, "coventry", "cat@example.org", Role::Citizen, false, false).await;
        let cat_page = browser_session(&app, HOST, &cat).await;
        let html = cat_page.get(app.url(HOST, &format!("/organisations/{id}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Ask to join"));
        let res = cat_page.post(app.url(HOST, &format!("/organisations/{id}/join")))
            .form(&[("csrf", csrf_in(&html).as_str()), ("message", "I cook")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let html = ann_page.get(app.url(HOST, &format!("/organisations/{id}/members"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("I cook"));
        let res = ann_page.post(app.url(HOST, &format!("/organisations/{id}/join-requests/{}/decision", cat.id)))
            .form(&[("csrf", csrf_in(&html).as_str()), ("decision", "accept")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        crate::common::delivered_email(&app, "cat@example.org", "join_request_accepted").await;

        // Removing a member asks first; the only admin stays.
        let confirm = ann_page.get(app.url(HOST, &format!("/organisations/{id}/members/{}/remove", ann.id))).send().await.unwrap().text().await.unwrap();
        let res = ann_page.post(app.url(HOST, &format!("/organisations/{id}/members/{}/remove", ann.id)))
            .form(&[("csrf", csrf_in(&confirm).as_str())]).send().await.unwrap();
        assert!(res.headers()["location"].to_str().unwrap().contains("error=last_admin"));

        // The council recognises it: a badge in words.
        let boss_page = browser_session(&app, HOST, &boss).await;
        let admin = boss_page.get(app.url(HOST, "/admin/organisations")).send().await.unwrap().text().await.unwrap();
        assert_eq!(ann_page.get(app.url(HOST, "/admin/organisations")).send().await.unwrap().status(), 403);
        let res = boss_page.post(app.url(HOST, &format!("/admin/organisations/{id}/verification")))
            .form(&[("csrf", csrf_in(&admin).as_str()), ("verified", "true")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let list = app.get(HOST, "/organisations").await.text().await.unwrap();
        assert!(list.contains("Recognised by the council"));
    }
);

both_backends!(
    async fn organisation_pages_pass_axe(app) {
        use crate::common::browser::Browser;
        use crate::common::session_secret;
        use coproduce::accounts::model::SessionKind;
        use fantoccini::Locator;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let boss = user(&app, "coventry", "boss@example.org", Role::Admin, false, true).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let secret = session_secret(&app, &boss, SessionKind::Browser).await;
        let browser = Browser::start(&app).await;
        browser.goto(&app, HOST, "/").await;
        // Chromedriver refuses cookies for `.test` names; the page can set it.
        browser.client.execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![]).await.unwrap();

        browser.goto(&app, HOST, "/organisations/new").await;
        browser.wait_for_heading("Start an organisation").await;
        browser.assert_accessible().await;
        let submit = || async {
            browser.client.find(Locator::Css("main form button[type=submit]")).await.unwrap().click().await.unwrap();
        };
        submit().await;
        browser.wait_for_heading("Start an organisation").await;
        assert!(browser.text("#name-error").await.contains("2 to 120"));
        browser.assert_accessible().await;
        browser.client.find(Locator::Id("name")).await.unwrap().send_keys("Hillfields Food Bank").await.unwrap();
        browser.client.find(Locator::Id("description")).await.unwrap().send_keys("We feed people.").await.unwrap();
        submit().await;
        browser.wait_for_heading("Hillfields Food Bank").await;
        let url = browser.client.current_url().await.unwrap();
        let id = url.path().trim_start_matches("/organisations/").to_owned();
        let token = api_token(&app, &boss).await;
        assert_eq!(add(&app, &token, &id, &bob.id.to_string(), "member").await.status(), 201);
        let cat = user(&app, "coventry", "cat@example.org", Role::Citizen, false, false).await;
        let cat_token = api_token(&app, &cat).await;
        let res = send(&app, HOST, reqwest::Method::POST, &format!("/api/v1/organisations/{id}/join-requests"), Some(&cat_token), Some(json!({"message": "I cook"}))).await;
        assert_eq!(res.status(), 201);

        for (path, heading) in [
            (format!("/organisations/{id}"), "Hillfields Food Bank".to_owned()),
            (format!("/organisations/{id}/members"), "Members of Hillfields Food Bank".to_owned()),
            (format!("/organisations/{id}/edit"), "Edit the organisation's profile".to_owned()),
            ("/organisations".to_owned(), "Organisations".to_owned()),
            ("/admin/organisations".to_owned(), "Recognising organisations".to_owned()),
        ] {
            browser.goto(&app, HOST, &path).await;
            browser.wait_for_heading(&heading).await;
            browser.assert_accessible().await;
        }
        browser.close().await;
    }
);

both_backends!(
    async fn requests_to_join_are_decided_by_admins_and_the_person_is_told(app) {
        use crate::common::delivered_email;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let cat = user(&app, "coventry", "cat@example.org", Role::Citizen, false, false).await;
        let (ann_token, bob_token, cat_token) = (api_token(&app, &ann).await, api_token(&app, &bob).await, api_token(&app, &cat).await);
        let id = food_bank(&app, &ann_token).await;
        let ask = |token: String, body: Value| {
            let app = &app;
            let path = format!("/api/v1/organisations/{id}/join-requests");
            async move { send(app, HOST, reqwest::Method::POST, &path, Some(&token), Some(body)).await }
        };
        let decide = |token: String, person: String, decision: &'static str| {
            let app = &app;
            let path = format!("/api/v1/organisations/{id}/join-requests/{person}/decision");
            async move { send(app, HOST, reqwest::Method::POST, &path, Some(&token), Some(json!({"decision": decision}))).await }
        };
        assert_eq!(ask(bob_token.clone(), json!({"message": "I can drive the van"})).await.status(), 201);
        assert_problem(ask(bob_token.clone(), json!({})).await, 409, "already_requested").await;
        assert_problem(ask(ann_token.clone(), json!({})).await, 409, "already_member").await;
        assert_problem(ask(cat_token.clone(), json!({"message": "x".repeat(1001)})).await, 422, "validation_failed").await;
        assert_eq!(ask(cat_token.clone(), json!({})).await.status(), 201);

        let pending = json(send(&app, HOST, reqwest::Method::GET, &format!("/api/v1/organisations/{id}/join-requests"), Some(&ann_token), None).await).await;
        assert_eq!(pending.as_array().unwrap().len(), 2);
        assert_eq!(pending[0]["message"], "I can drive the van");
        // Only the organisation's admins see and decide them.
        assert_problem(send(&app, HOST, reqwest::Method::GET, &format!("/api/v1/organisations/{id}/join-requests"), Some(&bob_token), None).await, 403, "forbidden").await;
        assert_problem(decide(bob_token.clone(), bob.id.to_string(), "accept").await, 403, "forbidden").await;

        assert_eq!(decide(ann_token.clone(), bob.id.to_string(), "accept").await.status(), 204);
        assert!(delivered_email(&app, "bob@example.org", "join_request_accepted").await.contains("Hillfields Food Bank"));
        assert_eq!(decide(ann_token.clone(), cat.id.to_string(), "decline").await.status(), 204);
        assert!(delivered_email(&app, "cat@example.org", "join_request_declined").await.contains("declined"));
        // Decided once only.
        assert_problem(decide(ann_token.clone(), cat.id.to_string(), "accept").await, 404, "not_found").await;
        let members = json(send(&app, HOST, reqwest::Method::GET, &format!("/api/v1/organisations/{id}/members"), None, None).await).await;
        let ids: Vec<&str> = members.as_array().unwrap().iter().map(|m| m["user_id"].as_str().unwrap()).collect();
        assert!(ids.contains(&bob.id.as_str()) && !ids.contains(&cat.id.as_str()));
        // Declined people may ask again later.
        assert_eq!(ask(cat_token.clone(), json!({"message": "Please reconsider"})).await.status(), 201);

        let kinds: Vec<String> = app.db(|conn| {
            use coproduce::db::schema::audit_events;
            use diesel::prelude::*;
            audit_events::table.select(audit_events::kind).load(conn).unwrap()
        }).await;
        assert_eq!(kinds.iter().filter(|k| *k == "join_request_decided").count(), 2);
    }
);

both_backends!(
    async fn the_directory_is_in_welsh_for_whoever_chose_it(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let res = app.client(HOST).get(app.url(HOST, "/organisations")).header("cookie", "lang=cy").send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("<h1>Sefydliadau</h1>") && html.contains("Chwilio yn ôl enw"), "{html}");
        assert!(!html.contains("<h1>Organisations</h1>") && !html.contains("Search by name"), "{html}");
    }
);

both_backends!(
    async fn a_welsh_organisation_form_says_what_is_wrong_in_welsh(app) {
        use crate::common::csrf_in;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let ann_page = crate::i18n::welsh_client(&app, HOST, &ann).await;
        let form = ann_page.get(app.url(HOST, "/organisations/new")).send().await.unwrap().text().await.unwrap();
        assert!(form.contains(r#"<html lang="cy">"#), "{form}");
        let res = ann_page.post(app.url(HOST, "/organisations/new"))
            .form(&[("csrf", csrf_in(&form).as_str()), ("name", "F"), ("kind", "voluntary"), ("website", "food.example.org")])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="website-error""#) && html.contains("rhowch gyfeiriad gwe"), "{html}");
        assert!(html.contains(r#"id="name-error""#) && html.contains("rhowch enw rhwng 2 a 120 nod"), "{html}");
        assert!(!html.contains("give a web address") && !html.contains("give a name of"), "{html}");
    }
);
