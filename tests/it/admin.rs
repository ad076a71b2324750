//! The tenant admin's room: people and roles, undelivered email. Only
//! admins with a second factor get in; nobody reaches another tenant's
//! people.

use coproduce::accounts::model::SessionKind;
use coproduce::accounts::service as accounts;
use coproduce::accounts::Role;
use coproduce::mail::Email;
use serde_json::json;

use crate::both_backends;
use crate::common::{
    api_token, assert_problem, browser_session, csrf_in, json, session_secret, user,
};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

both_backends!(
    async fn only_admins_with_a_second_factor_manage_roles(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let citizen = user(&app, "coventry", "citizen@example.org", Role::Citizen, false, true).await;
        let moderator = user(&app, "coventry", "mod@example.org", Role::Moderator, false, true).await;
        let bare_admin = user(&app, "coventry", "bare@example.org", Role::Admin, false, false).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;

        // Anonymous: sent to sign in (pages), 401 (API).
        let res = app.get(HOST, "/admin/people").await;
        assert_eq!(res.status(), 303);
        assert_problem(app.get(HOST, "/api/v1/admin/users").await, 401, "unauthorized").await;

        for who in [&citizen, &moderator] {
            let client = browser_session(&app, HOST, who).await;
            assert_eq!(client.get(app.url(HOST, "/admin/people")).send().await.unwrap().status(), 403);
            assert_eq!(client.get(app.url(HOST, "/admin/mail")).send().await.unwrap().status(), 403);
            let res = app.client(HOST).get(app.url(HOST, "/api/v1/admin/users")).bearer_auth(api_token(&app, who).await).send().await.unwrap();
            assert_problem(res, 403, "forbidden").await;
        }
        // An admin without a second factor is sent to set one up.
        let client = browser_session(&app, HOST, &bare_admin).await;
        let res = client.get(app.url(HOST, "/admin/people")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/account/two-factor?required=1");
        let res = app.client(HOST).get(app.url(HOST, "/api/v1/admin/users")).bearer_auth(api_token(&app, &bare_admin).await).send().await.unwrap();
        assert_problem(res, 403, "second_factor_required").await;

        // The admin changes a role in the browser.
        let client = browser_session(&app, HOST, &admin).await;
        let html = client.get(app.url(HOST, "/admin/people?q=CITIZEN")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("citizen@example.org") && !html.contains("mod@example.org"), "search works");
        let csrf = csrf_in(&html);
        let res = client.post(app.url(HOST, &format!("/admin/people/{}/role", citizen.id)))
            .form(&[("csrf", csrf.as_str()), ("role", "moderator")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let res = client.post(app.url(HOST, &format!("/admin/people/{}/role", citizen.id)))
            .form(&[("csrf", csrf.as_str()), ("role", "emperor")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let res = client.post(app.url(HOST, &format!("/admin/people/{}/role", citizen.id)))
            .form(&[("role", "admin")]).send().await.unwrap();
        assert_eq!(res.status(), 403, "no CSRF token, no change");

        // And over the API, with pagination.
        let admin_token = api_token(&app, &admin).await;
        let res = app.client(HOST).get(app.url(HOST, "/api/v1/admin/users?per_page=2&page=2")).bearer_auth(&admin_token).send().await.unwrap();
        let body = json(res).await;
        assert_eq!(body["total"], 4);
        assert_eq!(body["items"].as_array().unwrap().len(), 2);
        assert_eq!(body["page"], 2);
        let res = app.client(HOST).get(app.url(HOST, "/api/v1/admin/users?per_page=1000")).bearer_auth(&admin_token).send().await.unwrap();
        assert_problem(res, 422, "validation_failed").await;
        let res = app.client(HOST).put(app.url(HOST, &format!("/api/v1/admin/users/{}/role", citizen.id)))
            .bearer_auth(&admin_token).json(&json!({"role": "citizen"})).send().await.unwrap();
        assert_eq!(json(res).await["role"], "citizen");
        let res = app.client(HOST).put(app.url(HOST, &format!("/api/v1/admin/users/{}/role", citizen.id)))
            .bearer_auth(&admin_token).json(&json!({"role": "emperor"})).send().await.unwrap();
        assert_eq!(res.status(), 400);

        // The last admin stays an admin.
        let res = app.client(HOST).put(app.url(HOST, &format!("/api/v1/admin/users/{}/role", bare_admin.id)))
            .bearer_auth(&admin_token).json(&json!({"role": "citizen"})).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let res = app.client(HOST).put(app.url(HOST, &format!("/api/v1/admin/users/{}/role", admin.id)))
            .bearer_auth(&admin_token).json(&json!({"role": "citizen"})).send().await.unwrap();
        assert_problem(res, 409, "last_admin").await;
    }
);

both_backends!(
    async fn admins_cannot_see_or_change_another_tenants_people(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let coventry_admin = user(&app, "coventry", "admin@coventry.example", Role::Admin, false, true).await;
        let leeds_person = user(&app, "leeds", "canary-person@leeds.example", Role::Citizen, false, false).await;

        let client = browser_session(&app, HOST, &coventry_admin).await;
        let html = client.get(app.url(HOST, "/admin/people?q=canary")).send().await.unwrap().text().await.unwrap();
        assert!(!html.contains("canary-person"), "another tenant's people are not listed");
        let csrf = csrf_in(&html);
        let res = client.post(app.url(HOST, &format!("/admin/people/{}/role", leeds_person.id)))
            .form(&[("csrf", csrf.as_str()), ("role", "admin")]).send().await.unwrap();
        assert_eq!(res.status(), 404);

        let admin_token = api_token(&app, &coventry_admin).await;
        let res = app.client(HOST).put(app.url(HOST, &format!("/api/v1/admin/users/{}/role", leeds_person.id)))
            .bearer_auth(&admin_token).json(&json!({"role": "admin"})).send().await.unwrap();
        assert_problem(res, 404, "not_found").await;
        let body = json(app.client(HOST).get(app.url(HOST, "/api/v1/admin/users")).bearer_auth(&admin_token).send().await.unwrap()).await;
        assert_eq!(body["total"], 1);
        // Coventry's token means nothing on Leeds' host.
        let res = app.client(OTHER).get(app.url(OTHER, "/api/v1/admin/users")).bearer_auth(&admin_token).send().await.unwrap();
        assert_problem(res, 401, "unauthorized").await;

        let unchanged = app.db(move |conn| accounts::find_user(conn, &leeds_person.tenant_id, &leeds_person.id).unwrap().unwrap()).await;
        assert_eq!(unchanged.role(), Role::Citizen);
    }
);

both_backends!(
    async fn admins_see_undelivered_email_and_can_send_it_again(app) {
        use coproduce::db::schema::outbox;
        use diesel::prelude::*;
        let tenant = app.tenant("coventry", "Coventry", &[HOST]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        // A message that failed for good.
        let tenant_id = tenant.id.clone();
        app.db(move |conn| {
            let id = coproduce::mail::queue(conn, &tenant_id, coproduce::mail::Message {
                to: Email::parse("gone@example.org").unwrap(),
                subject: "Hello".into(),
                text: "Hello".into(),
                html: "<p>Hello</p>".into(),
                kind: "test",
            }).unwrap();
            diesel::update(outbox::table.find((&tenant_id, &id)))
                .set((outbox::status.eq("failed"), outbox::attempts.eq(10), outbox::last_error.eq("550 no such mailbox")))
                .execute(conn).unwrap();
        }).await;
        let client = browser_session(&app, HOST, &admin).await;
        let html = client.get(app.url(HOST, "/admin/mail")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("gone@example.org") && html.contains("550 no such mailbox"), "{html}");
        let start = html.find("/admin/mail/").unwrap();
        let action = &html[start..start + html[start..].find('"').unwrap()];
        let res = client.post(app.url(HOST, action)).form(&[("csrf", csrf_in(&html).as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        crate::common::delivered_email(&app, "gone@example.org", "test").await;
    }
);

both_backends!(
    async fn admin_pages_pass_axe(app) {
        use crate::common::browser::Browser;
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        user(&app, "coventry", "someone@example.org", Role::Citizen, false, false).await;
        let secret = session_secret(&app, &admin, SessionKind::Browser).await;
        let browser = Browser::start(&app).await;
        browser.goto(&app, HOST, "/").await;
        // Chromedriver refuses cookies for `.test` names; the page can set it.
        browser
            .client
            .execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![])
            .await
            .unwrap();
        for (path, heading) in [
            ("/admin/people", "People and roles"),
            ("/admin/people?q=nobody-matches", "People and roles"),
            ("/admin/mail", "Email that was not delivered"),
            ("/admin/place-story", "The place's story"),
            ("/place", "About Coventry"),
            ("/account/two-factor", "Two-step sign-in"),
        ] {
            browser.goto(&app, HOST, path).await;
            browser.wait_for_heading(heading).await;
            browser.assert_accessible().await;
        }
        browser.close().await;
    }
);

both_backends!(
    async fn the_admin_pages_are_in_welsh_for_whoever_chose_it(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let secret = session_secret(&app, &admin, SessionKind::Browser).await;
        let cookie = format!("coproduce_session={secret}; lang=cy");
        for (path, welsh, english) in [
            ("/admin/people", "<h1>Pobl a rolau</h1>", "<h1>People and roles</h1>"),
            ("/admin/audit", "<h1>Log archwilio</h1>", "<h1>Audit log</h1>"),
        ] {
            let res = app.client(HOST).get(app.url(HOST, path)).header("cookie", &cookie).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            let html = res.text().await.unwrap();
            assert!(html.contains(welsh) && !html.contains(english), "{path}: {html}");
        }
    }
);
