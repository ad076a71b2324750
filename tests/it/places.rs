//! Places: areas are read by anyone and changed only by the place's admins
//! with a second factor; names are unique among siblings; an area with
//! children stays; another place's areas do not exist here.

use coproduce::accounts::Role;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{
    api_token, assert_problem, browser_session, csrf_in, json, send, session_secret, user, TestApp,
};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

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

both_backends!(
    async fn the_area_pages_show_the_tree(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let token = api_token(&app, &admin).await;
        let html = app.get(HOST, "/areas").await.text().await.unwrap();
        assert!(html.contains("No areas have been added yet."));

        let city = json(create(&app, HOST, &token, json!({"name": "Coventry", "kind": "city", "description": "<script>alert(1)</script>"})).await).await;
        let city_id = city["id"].as_str().unwrap().to_owned();
        let ward = json(create(&app, HOST, &token, json!({"name": "Foleshill", "kind": "ward", "parent_id": city_id, "latitude": 52.42, "longitude": -1.5})).await).await;
        let ward_id = ward["id"].as_str().unwrap().to_owned();

        let html = app.get(HOST, "/areas").await.text().await.unwrap();
        assert!(html.contains(&format!("href=\"/areas/{city_id}\"")) && html.contains(&format!("href=\"/areas/{ward_id}\"")));
        let res = app.get(HOST, &format!("/areas/{city_id}")).await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("Foleshill") && html.contains("What happens here") && html.contains("Nobody has registered an asset in Coventry yet."));
        assert!(!html.contains("<script>alert"), "descriptions are escaped");
        let html = app.get(HOST, &format!("/areas/{ward_id}")).await.text().await.unwrap();
        assert!(html.contains(&format!("href=\"/areas/{city_id}\"")), "the parent is linked");
        assert!(html.contains("latitude 52.42") && html.contains("No areas inside this one."));

        // Another place: none of it.
        for id in [&city_id, &ward_id] {
            assert_eq!(app.get(OTHER, &format!("/areas/{id}")).await.status(), 404);
        }
        assert_eq!(app.get(HOST, "/areas/not-an-id").await.status(), 404);
        let html = app.get(OTHER, "/areas").await.text().await.unwrap();
        assert!(!html.contains("Foleshill") && html.contains("No areas have been added yet."));
    }
);

both_backends!(
    async fn area_pages_pass_axe(app) {
        use crate::common::browser::Browser;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let token = api_token(&app, &admin).await;
        let city = json(create(&app, HOST, &token, json!({"name": "Coventry", "kind": "city", "description": "A city in the Midlands."})).await).await;
        let city_id = city["id"].as_str().unwrap().to_owned();
        create(&app, HOST, &token, json!({"name": "Foleshill", "kind": "ward", "parent_id": city_id, "latitude": 52.42, "longitude": -1.5})).await;
        let secret = session_secret(&app, &admin, coproduce::accounts::model::SessionKind::Browser).await;
        let browser = Browser::start(&app).await;
        for (path, heading) in [("/areas".to_owned(), "Areas"), (format!("/areas/{city_id}"), "Coventry")] {
            browser.goto(&app, HOST, &path).await;
            browser.wait_for_heading(heading).await;
            browser.assert_accessible().await;
        }
        // Chromedriver refuses cookies for `.test` names; the page can set it.
        browser
            .client
            .execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![])
            .await
            .unwrap();
        for (path, heading) in [
            ("/admin/areas".to_owned(), "Areas"),
            (format!("/admin/areas/{city_id}"), "Edit Coventry"),
            (format!("/admin/areas/{city_id}/delete"), "Remove Coventry?"),
            ("/admin/settings".to_owned(), "Settings"),
        ] {
            browser.goto(&app, HOST, &path).await;
            browser.wait_for_heading(heading).await;
            browser.assert_accessible().await;
        }
        browser.close().await;
    }
);

both_backends!(
    async fn admins_manage_areas_in_the_browser(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let citizen = user(&app, "coventry", "citizen@example.org", Role::Citizen, false, true).await;
        let bare_admin = user(&app, "coventry", "bare@example.org", Role::Admin, false, false).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let other_admin = user(&app, "leeds", "admin@example.org", Role::Admin, false, true).await;

        assert_eq!(app.get(HOST, "/admin/areas").await.status(), 303);
        let client = browser_session(&app, HOST, &citizen).await;
        assert_eq!(client.get(app.url(HOST, "/admin/areas")).send().await.unwrap().status(), 403);
        let client = browser_session(&app, HOST, &bare_admin).await;
        let res = client.get(app.url(HOST, "/admin/areas")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/account/two-factor?required=1");

        let client = browser_session(&app, HOST, &admin).await;
        let html = client.get(app.url(HOST, "/admin/areas")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("No areas have been added yet."));
        let csrf = csrf_in(&html);
        let post = |path: String, fields: Vec<(&'static str, String)>| {
            let client = client.clone();
            let url = app.url(HOST, &path);
            async move { client.post(url).form(&fields).send().await.unwrap() }
        };
        let res = post("/admin/areas".into(), vec![("csrf", csrf.clone()), ("name", "Coventry".into()), ("kind", "city".into()), ("parent_id", String::new()), ("latitude", "52.4".into()), ("longitude", "-1.5".into())]).await;
        assert_eq!(res.status(), 303);
        let list = json(app.get(HOST, "/api/v1/areas").await).await;
        let city_id = list["items"][0]["id"].as_str().unwrap().to_owned();
        assert_eq!(list["items"][0]["latitude"], 52.4);

        // Errors beside their fields: a word for a coordinate, a clash, a bad kind.
        let res = post("/admin/areas".into(), vec![("csrf", csrf.clone()), ("name", "Ward".into()), ("kind", "ward".into()), ("parent_id", city_id.clone()), ("latitude", "north".into()), ("longitude", "1".into())]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("id=\"latitude-error\""));
        let res = post("/admin/areas".into(), vec![("csrf", csrf.clone()), ("name", "coventry".into()), ("kind", "county".into())]).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"kind-error\""), "{html}");
        let res = post("/admin/areas".into(), vec![("csrf", csrf.clone()), ("name", "coventry".into()), ("kind", "city".into())]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("id=\"name-error\""));
        let res = post("/admin/areas".into(), vec![("name", "No token".into()), ("kind", "city".into())]).await;
        assert_eq!(res.status(), 403, "no CSRF token, no change");

        let res = post("/admin/areas".into(), vec![("csrf", csrf.clone()), ("name", "Foleshill".into()), ("kind", "ward".into()), ("parent_id", city_id.clone())]).await;
        assert_eq!(res.status(), 303);
        let html = client.get(app.url(HOST, "/admin/areas")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Foleshill") && html.contains(&format!("/admin/areas/{city_id}")));
        assert!(!html.contains(&format!("/admin/areas/{city_id}/delete")), "no removal offered while areas are inside");
        let children = json(app.get(HOST, &format!("/api/v1/areas?parent_id={city_id}")).await).await;
        let ward_id = children["items"][0]["id"].as_str().unwrap().to_owned();

        // Edit, then remove after confirming; the city with a ward inside stays.
        let res = post(format!("/admin/areas/{ward_id}"), vec![("csrf", csrf.clone()), ("name", "Foleshill Ward".into()), ("kind", "ward".into()), ("description", "By the canal".into())]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(json(app.get(HOST, &format!("/api/v1/areas/{ward_id}")).await).await["description"], "By the canal");
        let res = post(format!("/admin/areas/{city_id}/delete"), vec![("csrf", csrf.clone())]).await;
        assert_eq!(res.status(), 409);
        let html = client.get(app.url(HOST, &format!("/admin/areas/{ward_id}/delete"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Remove Foleshill Ward?") && html.contains("cannot be undone"));
        let res = post(format!("/admin/areas/{ward_id}/delete"), vec![("csrf", csrf.clone())]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(app.get(HOST, &format!("/api/v1/areas/{ward_id}")).await.status(), 404);

        // Leeds's admin reaches none of Coventry's areas from Leeds's host.
        let leeds = browser_session(&app, OTHER, &other_admin).await;
        let html = leeds.get(app.url(OTHER, "/admin/areas")).send().await.unwrap().text().await.unwrap();
        assert!(!html.contains("Coventry</a>"));
        let leeds_csrf = csrf_in(&html);
        for path in [format!("/admin/areas/{city_id}"), format!("/admin/areas/{city_id}/delete")] {
            assert_eq!(leeds.get(app.url(OTHER, &path)).send().await.unwrap().status(), 404);
            let res = leeds.post(app.url(OTHER, &path)).form(&[("csrf", leeds_csrf.as_str()), ("name", "Mine"), ("kind", "city")]).send().await.unwrap();
            assert_eq!(res.status(), 404);
        }
        let res = leeds.post(app.url(OTHER, "/admin/areas")).form(&[("csrf", leeds_csrf.as_str()), ("name", "Headingley"), ("kind", "ward"), ("parent_id", city_id.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert_eq!(json(app.get(HOST, "/api/v1/areas").await).await["total"], 1);
    }
);

both_backends!(
    async fn areas_import_from_csv_and_again(app) {
        use crate::cli::{coproduce, out};
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let long = "x".repeat(121);
        let file = app.settings.data_dir.join("areas.csv");
        std::fs::write(
            &file,
            format!(
                "name,parent,kind,description,latitude,longitude\n\
                 Coventry,,city,The city,52.4068,-1.5197\n\
                 Foleshill,Coventry,ward,,,\n\
                 Hillfields,Foleshill,neighbourhood,\"Near the centre, by the ring road\",,\n\
                 Bad kind,Coventry,county,,,\n\
                 Orphan,Nowhere,ward,,,\n\
                 ,Coventry,ward,,,\n\
                 Lost,Coventry,ward,,north,1\n\
                 {long},Coventry,ward,,,\n"
            ),
        )
        .unwrap();
        let run = |path: &std::path::Path, tenant: &str| {
            coproduce()
                .arg("--data-dir")
                .arg(&app.settings.data_dir)
                .arg("--database-url")
                .arg(app.settings.database.expose())
                .args(["areas", "import", "--tenant", tenant])
                .arg(path)
                .output()
                .unwrap()
        };
        let o = run(&file, "coventry");
        let (stdout, stderr) = out(&o);
        assert!(o.status.success(), "{stdout}{stderr}");
        assert!(stdout.contains("created 3, updated 0, rejected 5"), "{stdout}");
        for expected in [
            "line 5: kind: choose city, ward, neighbourhood or other",
            "line 6: parent: no area is called `Nowhere`",
            "line 7: name: give the area a name",
            "line 8: latitude: `north` is not a number of degrees",
            "line 9: name: use at most 120 characters",
        ] {
            assert!(stdout.contains(expected), "{expected} in {stdout}");
        }
        let list = json(app.get(HOST, "/api/v1/areas").await).await;
        assert_eq!(list["total"], 3);
        let hillfields = list["items"].as_array().unwrap().iter().find(|a| a["name"] == "Hillfields").unwrap().clone();
        assert_eq!(hillfields["description"], "Near the centre, by the ring road");
        assert_eq!(hillfields["kind"], "neighbourhood");

        // Running it again changes nothing new: the same areas are updated.
        let o = run(&file, "coventry");
        let (stdout, _) = out(&o);
        assert!(o.status.success());
        assert!(stdout.contains("created 0, updated 3, rejected 5"), "{stdout}");
        assert_eq!(json(app.get(HOST, "/api/v1/areas").await).await["total"], 3);

        // A file that cannot be read, or a place that does not exist: exit 1.
        let o = run(&app.settings.data_dir.join("missing.csv"), "coventry");
        assert_eq!(o.status.code(), Some(1));
        assert!(out(&o).1.contains("cannot read"));
        let o = run(&file, "nowhere");
        assert_eq!(o.status.code(), Some(1));
        let headless = app.settings.data_dir.join("headless.csv");
        std::fs::write(&headless, "Coventry,,city\n").unwrap();
        let o = run(&headless, "coventry");
        assert_eq!(o.status.code(), Some(1));
        assert!(out(&o).1.contains("the first line must name the columns"));
    }
);

both_backends!(
    async fn admins_set_the_name_language_and_a_readable_brand_colour(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let citizen = user(&app, "coventry", "citizen@example.org", Role::Citizen, false, true).await;
        let bare_admin = user(&app, "coventry", "bare@example.org", Role::Admin, false, false).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;

        assert_eq!(app.get(HOST, "/admin/settings").await.status(), 303);
        let client = browser_session(&app, HOST, &citizen).await;
        assert_eq!(client.get(app.url(HOST, "/admin/settings")).send().await.unwrap().status(), 403);
        let client = browser_session(&app, HOST, &bare_admin).await;
        let res = client.get(app.url(HOST, "/admin/settings")).send().await.unwrap();
        assert_eq!(res.headers()["location"], "/account/two-factor?required=1");

        // Before any brand colour: the default colours.
        let res = app.get(HOST, "/theme.css").await;
        assert_eq!(res.status(), 200);
        assert!(!res.text().await.unwrap().contains("--brand"));

        let client = browser_session(&app, HOST, &admin).await;
        let html = client.get(app.url(HOST, "/admin/settings")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("value=\"Coventry\"") && html.contains("href=\"/theme.css\""));
        let csrf = csrf_in(&html);
        let save = |name: &str, language: &str, colour: &str| {
            let form = [("csrf", csrf.clone()), ("name", name.to_owned()), ("language", language.to_owned()), ("brand_colour", colour.to_owned())];
            let (client, url) = (client.clone(), app.url(HOST, "/admin/settings"));
            async move { client.post(url).form(&form).send().await.unwrap() }
        };
        // Yellow fails AA with white text: refused beside the field.
        let res = save("Coventry", "en", "#ffcc00").await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"brand_colour-error\"") && html.contains("contrast"), "{html}");
        let res = save("", "english please", "teal").await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        for id in ["name-error", "language-error", "brand_colour-error"] {
            assert!(html.contains(id), "{id}");
        }

        let res = save("City of Coventry", "en-GB", "#1D5C4D").await;
        assert_eq!(res.status(), 303);
        let html = app.get(HOST, "/").await.text().await.unwrap();
        assert!(html.contains("City of Coventry") && html.contains("lang=\"en-GB\""), "the cache was cleared");
        let res = app.get(HOST, "/theme.css").await;
        assert_eq!(res.headers()["content-type"], "text/css; charset=utf-8");
        let etag = res.headers()["etag"].to_str().unwrap().to_owned();
        assert!(res.text().await.unwrap().contains("--brand: #1d5c4d;"));
        let res = app.client(HOST).get(app.url(HOST, "/theme.css")).header("if-none-match", &etag).send().await.unwrap();
        assert_eq!(res.status(), 304);
        // Each place has its own.
        let res = app.get(OTHER, "/theme.css").await;
        assert_ne!(res.headers()["etag"].to_str().unwrap(), etag);
        assert!(!res.text().await.unwrap().contains("--brand"));
        assert!(app.get(OTHER, "/").await.text().await.unwrap().contains("Leeds"));

        // The same over the API: public settings for anyone, changes for admins.
        let place = json(app.get(HOST, "/api/v1/place").await).await;
        assert_eq!(place, json!({"name": "City of Coventry", "language": "en-GB", "brand_colour": "#1d5c4d", "contact_email": null, "residency_routes": ["verified_email"], "support_threshold": 50, "open_data_licence": "CC-BY-4.0"}));
        let patch = |token: String, body: Value| {
            let (client, url) = (app.client(HOST), app.url(HOST, "/api/v1/admin/settings"));
            async move { client.patch(url).bearer_auth(token).json(&body).send().await.unwrap() }
        };
        assert_problem(patch(api_token(&app, &citizen).await, json!({"name": "Mine"})).await, 403, "forbidden").await;
        assert_problem(patch(api_token(&app, &bare_admin).await, json!({"name": "Mine"})).await, 403, "second_factor_required").await;
        let token = api_token(&app, &admin).await;
        let problem = assert_problem(patch(token.clone(), json!({"brand_colour": "#ffcc00"})).await, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["field"], "brand_colour");
        assert_eq!(problem["errors"][0]["code"], "low_contrast");
        let res = patch(token.clone(), json!({"brand_colour": ""})).await;
        assert_eq!(res.status(), 200);
        assert_eq!(json(res).await, json!({"name": "City of Coventry", "language": "en-GB", "brand_colour": null, "contact_email": null, "residency_routes": ["verified_email"], "support_threshold": 50, "open_data_licence": "CC-BY-4.0", "mail_sender_name": null, "mail_sender_address": null}));
        assert!(!app.get(HOST, "/theme.css").await.text().await.unwrap().contains("--brand"));
        assert_eq!(json(app.get(OTHER, "/api/v1/place").await).await["name"], "Leeds");

        // Recorded by which settings changed, not their values.
        let details: Vec<String> = app
            .db(move |conn| {
                use coproduce::db::schema::audit_events;
                use diesel::prelude::*;
                audit_events::table
                    .filter(audit_events::kind.eq("settings_changed"))
                    .order(audit_events::seq.asc())
                    .select(audit_events::detail)
                    .load(conn)
                    .unwrap()
            })
            .await;
        assert_eq!(details, [r#"{"changed":["name","language","brand_colour"]}"#, r#"{"changed":["brand_colour"]}"#]);
    }
);

both_backends!(
    async fn the_place_story_is_told_by_admins_and_shown_safely(app) {
        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        app.tenant("leeds", "Leeds", &["leeds.test"]).await;
        let admin = crate::common::user(&app, "coventry", "admin@example.org", coproduce::accounts::Role::Admin, false, true).await;
        let citizen = crate::common::user(&app, "coventry", "ann@example.org", coproduce::accounts::Role::Citizen, false, false).await;
        let page = app.get("coventry.test", "/place").await.text().await.unwrap();
        assert!(page.contains("has not been written yet"));

        let ann = crate::common::browser_session(&app, "coventry.test", &citizen).await;
        assert_eq!(ann.get(app.url("coventry.test", "/admin/place-story")).send().await.unwrap().status(), 403);

        let client = crate::common::browser_session(&app, "coventry.test", &admin).await;
        let html = client.get(app.url("coventry.test", "/admin/place-story")).send().await.unwrap().text().await.unwrap();
        let csrf = crate::common::csrf_in(&html);
        let long = "x".repeat(20_001);
        let res = client.post(app.url("coventry.test", "/admin/place-story")).form(&[("csrf", csrf.as_str()), ("story", long.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let story = "# Our history\n\nThe city grew around its *cathedral*.<script>alert(1)</script>\n\n[site](javascript:alert(1)) <img src=x onerror=alert(2)>";
        let res = client.post(app.url("coventry.test", "/admin/place-story")).form(&[("csrf", csrf.as_str()), ("story", story)]).send().await.unwrap();
        assert_eq!(res.status(), 303);

        let page = app.get("coventry.test", "/place").await.text().await.unwrap();
        assert!(page.contains("<h1>Our history</h1>") && page.contains("<em>cathedral</em>"));
        let lower = page.to_lowercase();
        for bad in ["<script>alert", "javascript:", "onerror"] {
            assert!(!lower.contains(bad), "{bad} reached the page");
        }
        // Another place has its own story (none).
        assert!(app.get("leeds.test", "/place").await.text().await.unwrap().contains("has not been written yet"));
    }
);

both_backends!(
    async fn the_areas_and_the_place_speak_welsh(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let html = crate::i18n::welsh_page(&app, HOST, None, "/areas").await;
        crate::i18n::assert_welsh_heading(&html, "<h1>Ardaloedd</h1>", "<h1>Areas</h1>");
        let html = crate::i18n::welsh_page(&app, HOST, None, "/place").await;
        crate::i18n::assert_welsh_heading(&html, "<h1>Am Coventry</h1>", "<h1>About Coventry</h1>");
    }
);

both_backends!(
    async fn a_welsh_area_form_says_what_is_wrong_in_welsh(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let secret = session_secret(&app, &admin, coproduce::accounts::model::SessionKind::Browser).await;
        let cookie = format!("coproduce_session={secret}; lang=cy");
        let html = app.client(HOST).get(app.url(HOST, "/admin/areas")).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(r#"<html lang="cy">"#), "{html}");
        let csrf = csrf_in(&html);
        let res = app.client(HOST).post(app.url(HOST, "/admin/areas"))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf.as_str()), ("name", "Foleshill"), ("kind", "county"), ("parent_id", ""), ("latitude", "north"), ("longitude", "1")])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        let mut html = res.text().await.unwrap();
        assert!(html.contains(r#"id="latitude-error""#), "{html}");
        // With the coordinates right, the kind is checked too.
        let res = app.client(HOST).post(app.url(HOST, "/admin/areas"))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf.as_str()), ("name", "Foleshill"), ("kind", "county"), ("parent_id", ""), ("latitude", ""), ("longitude", "")])
            .send().await.unwrap();
        assert_eq!(res.status(), 422);
        html.push_str(&res.text().await.unwrap());
        assert!(html.contains(r#"id="kind-error""#), "{html}");
        for welsh in ["<span>rhowch nifer o raddau, fel 52.4068</span>", "<span>dewiswch ddinas, ward, cymdogaeth neu arall</span>"] {
            assert!(html.contains(welsh), "no “{welsh}”: {html}");
        }
        for english in ["give a number of degrees", "choose city, ward", r#"<span lang="en">"#] {
            assert!(!html.contains(english), "“{english}” is still there: {html}");
        }
    }
);
