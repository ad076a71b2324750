//! Profiles: each field shows only to the viewers its owner chose, on the
//! API and on the page; changes are checked; other places see nothing.

use coproduce::accounts::Role;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{api_token, assert_problem, browser_session, csrf_in, json, user, TestApp};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

async fn patch(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client(HOST)
        .patch(app.url(HOST, "/api/v1/me/profile"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn view(app: &TestApp, host: &str, id: &str, token: Option<&str>) -> reqwest::Response {
    let mut req = app
        .client(host)
        .get(app.url(host, &format!("/api/v1/users/{id}")));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap()
}

both_backends!(
    async fn every_field_shows_only_to_the_viewers_chosen(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let neighbour = user(&app, "coventry", "nia@example.org", Role::Citizen, false, false).await;
        let stranger = user(&app, "leeds", "sam@example.org", Role::Citizen, false, false).await;
        let ann_token = api_token(&app, &ann).await;
        let neighbour_token = api_token(&app, &neighbour).await;
        let stranger_token = api_token(&app, &stranger).await;

        let res = patch(&app, &ann_token, json!({
            "display_name": "Ann",
            "pronouns": "she/her",
            "bio": "I run the Tuesday lunch club.",
            "home_area": "Hillfields",
            "skills": ["cooking", "listening"],
            "interests": ["housing"],
            "visibility": {"display_name": "public", "pronouns": "public", "bio": "members", "home_area": "private", "skills": "members", "interests": "private"}
        })).await;
        assert_eq!(res.status(), 200);
        let own = json(res).await;
        assert_eq!(own["home_area"], "Hillfields", "the owner sees everything");

        let id = ann.id.to_string();
        let fields = ["display_name", "pronouns", "bio", "home_area", "skills", "interests"];
        let seen = |v: &Value| -> Vec<&str> { fields.iter().copied().filter(|f| v.get(*f).is_some()).collect() };

        let anonymous = json(view(&app, HOST, &id, None).await).await;
        assert_eq!(seen(&anonymous), ["display_name", "pronouns"]);
        let member = json(view(&app, HOST, &id, Some(&neighbour_token)).await).await;
        assert_eq!(seen(&member), ["display_name", "pronouns", "bio", "skills"]);
        let owner = json(view(&app, HOST, &id, Some(&ann_token)).await).await;
        assert_eq!(seen(&owner), fields);
        // Someone from another place: their token means nothing here…
        assert_problem(view(&app, HOST, &id, Some(&stranger_token)).await, 401, "unauthorized").await;
        // …and Ann does not exist on their host.
        assert_problem(view(&app, OTHER, &id, Some(&stranger_token)).await, 404, "not_found").await;
        assert_problem(view(&app, OTHER, &id, None).await, 404, "not_found").await;
        assert_problem(view(&app, HOST, "not-an-id", None).await, 404, "not_found").await;

        // The page honours the same rules.
        let html = app.get(HOST, &format!("/people/{id}")).await.text().await.unwrap();
        assert!(html.contains("she/her") && !html.contains("Tuesday lunch") && !html.contains("Hillfields"));
        let nia = browser_session(&app, HOST, &neighbour).await;
        let html = nia.get(app.url(HOST, &format!("/people/{id}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Tuesday lunch") && html.contains("cooking") && !html.contains("Hillfields"));
        let me = browser_session(&app, HOST, &ann).await;
        let html = me.get(app.url(HOST, &format!("/people/{id}?as=public"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("how everyone see") && !html.contains("Tuesday lunch"), "the owner can preview");
        // Only the owner can preview; for others the parameter changes nothing.
        let html = nia.get(app.url(HOST, &format!("/people/{id}?as=owner"))).send().await.unwrap().text().await.unwrap();
        assert!(!html.contains("Hillfields"));
    }
);

both_backends!(
    async fn profile_changes_are_checked_and_nothing_half_saved(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let token = api_token(&app, &ann).await;
        let res = patch(&app, &token, json!({"bio": "Hello", "pronouns": "x".repeat(41), "visibility": {"bio": "friends"}})).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"].as_array().unwrap().len(), 2);
        let res = patch(&app, &token, json!({"shoe_size": 9})).await;
        assert_problem(res, 400, "invalid_body").await;
        let res = app.client(HOST).patch(app.url(HOST, "/api/v1/me/profile")).json(&json!({"bio": "x"})).send().await.unwrap();
        assert_problem(res, 401, "unauthorized").await;
        let me = json(app.client(HOST).get(app.url(HOST, "/api/v1/me")).bearer_auth(&token).send().await.unwrap()).await;
        assert!(me["profile"].get("bio").is_none(), "the refused change saved nothing: {me}");
        assert_eq!(me["email"], "ann@example.org");

        // On the page: the form comes back with the message beside the field.
        let client = browser_session(&app, HOST, &ann).await;
        let html = client.get(app.url(HOST, "/account/profile")).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&html);
        let long = "x".repeat(2001);
        let res = client.post(app.url(HOST, "/account/profile")).form(&[
            ("csrf", csrf.as_str()), ("display_name", "Ann"), ("pronouns", ""), ("bio", long.as_str()),
            ("home_area", "Hillfields"), ("skills", "cooking\nDIY"), ("interests", ""),
            ("visibility_display_name", "public"), ("visibility_pronouns", "public"), ("visibility_bio", "members"),
            ("visibility_home_area", "private"), ("visibility_skills", "public"), ("visibility_interests", "members"),
        ]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="bio-error""#) && html.contains("Hillfields"), "input kept");
        let res = client.post(app.url(HOST, "/account/profile")).form(&[
            ("csrf", csrf.as_str()), ("display_name", "Ann B"), ("pronouns", ""), ("bio", "Hello"),
            ("home_area", "Hillfields"), ("skills", "cooking\nDIY"), ("interests", ""),
            ("visibility_display_name", "public"), ("visibility_pronouns", "public"), ("visibility_bio", "members"),
            ("visibility_home_area", "private"), ("visibility_skills", "public"), ("visibility_interests", "members"),
        ]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let anonymous = json(view(&app, HOST, &ann.id.to_string(), None).await).await;
        assert_eq!(anonymous["display_name"], "Ann B");
        assert_eq!(anonymous["skills"], json!(["cooking", "DIY"]));
        assert!(anonymous.get("home_area").is_none());
    }
);

both_backends!(
    async fn profile_pages_pass_axe(app) {
        use crate::common::browser::Browser;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let token = api_token(&app, &ann).await;
        patch(&app, &token, json!({"bio": "Hello there", "skills": ["cooking"], "visibility": {"skills": "public"}})).await;
        let secret = crate::common::session_secret(&app, &ann, coproduce::accounts::model::SessionKind::Browser).await;
        let browser = Browser::start(&app).await;
        browser.goto(&app, HOST, &format!("/people/{}", ann.id)).await;
        browser.wait_for_heading("ann").await;
        browser.assert_accessible().await;
        browser
            .client
            .execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![])
            .await
            .unwrap();
        for (path, heading) in [
            ("/account/profile".to_owned(), "Your profile"),
            (format!("/people/{}", ann.id), "ann"),
            (format!("/people/{}?as=members", ann.id), "ann"),
        ] {
            browser.goto(&app, HOST, &path).await;
            browser.wait_for_heading(heading).await;
            browser.assert_accessible().await;
        }
        browser.close().await;
    }
);

both_backends!(
    async fn the_profile_form_speaks_welsh(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let html = crate::i18n::welsh_page(&app, HOST, Some(&ann), "/account/profile").await;
        crate::i18n::assert_welsh_heading(&html, "<h1>Eich proffil</h1>", "<h1>Your profile</h1>");
        assert!(html.contains(">Fi yn unig</option>"), "{html}");
    }
);

both_backends!(
    async fn the_welsh_profile_form_says_what_is_wrong_in_welsh(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let client = crate::i18n::welsh_client(&app, HOST, &ann).await;
        let html = client.get(app.url(HOST, "/account/profile")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(r#"<html lang="cy">"#), "{html}");
        let csrf = csrf_in(&html);
        let long = "x".repeat(2001);
        let res = client.post(app.url(HOST, "/account/profile")).form(&[
            ("csrf", csrf.as_str()), ("display_name", ""), ("pronouns", ""), ("bio", long.as_str()),
            ("home_area", "Hillfields"), ("skills", ""), ("interests", ""),
            ("visibility_display_name", "public"), ("visibility_pronouns", "public"), ("visibility_bio", "members"),
            ("visibility_home_area", "private"), ("visibility_skills", "public"), ("visibility_interests", "members"),
        ]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="bio-error""#) && html.contains("defnyddiwch 2000 nod ar y mwyaf"), "{html}");
        assert!(html.contains(r#"id="display_name-error""#) && html.contains("dywedwch wrthym beth"), "{html}");
        assert!(!html.contains("use at most 2000 characters") && !html.contains("tell us what to call you"), "{html}");
        assert!(html.contains("Mae problem") && !html.contains("There is a problem"), "{html}");
    }
);

both_backends!(
    async fn a_name_kept_from_some_viewers_is_not_shown_to_them_beside_a_proposal(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let nia = user(&app, "coventry", "nia@example.org", Role::Citizen, false, false).await;
        let ann_token = api_token(&app, &ann).await;
        let nia_token = api_token(&app, &nia).await;
        let body = json!({"title": "A bench by the bus stop", "body": "Somewhere to rest.", "intended_outcome": "People can wait sitting down."});
        let created = json(crate::common::propose(&app, HOST, &ann_token, body).await).await;
        assert_eq!(created["status"], "published", "{created}");
        let id = created["id"].as_str().unwrap().to_owned();
        let author_as_seen_by = |token: Option<String>| {
            let (app, id) = (&app, id.clone());
            async move {
                let res = crate::common::send(app, HOST, reqwest::Method::GET, &format!("/api/v1/proposals/{id}"), token.as_deref(), None).await;
                assert_eq!(res.status(), 200);
                json(res).await["authors"][0]["name"].as_str().unwrap().to_owned()
            }
        };
        const KEPT: &str = "A resident who keeps their name private";

        let res = patch(&app, &ann_token, json!({"display_name": "Ann Hillfields", "visibility": {"display_name": "members"}})).await;
        assert_eq!(res.status(), 200);
        assert_eq!(author_as_seen_by(None).await, KEPT, "a visitor is not a member");
        assert_eq!(author_as_seen_by(Some(nia_token.clone())).await, "Ann Hillfields");
        let page = app.get(HOST, &format!("/proposals/{id}")).await.text().await.unwrap();
        assert!(page.contains(KEPT) && !page.contains("Ann Hillfields"), "{page}");

        let res = patch(&app, &ann_token, json!({"visibility": {"display_name": "private"}})).await;
        assert_eq!(res.status(), 200);
        assert_eq!(author_as_seen_by(Some(nia_token)).await, KEPT, "private is the owner's alone");
        assert_eq!(author_as_seen_by(Some(ann_token)).await, "Ann Hillfields", "the owner sees their own name");
    }
);
