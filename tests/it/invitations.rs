//! Invitations to organisations: the email link for a new and an existing
//! person, wrong accounts, expired, used, withdrawn and resent links,
//! roles, bad input, the daily limit, other places, and a person's data.

use coproduce::accounts::Role;
use reqwest::Method as M;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::{
    api_token, assert_problem, browser_session, csrf_in, delivered_email, json, link_in, send,
    user, TestApp, USER_PASSWORD,
};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";
const KIND: &str = "organisation_invitation";

/// Starts "Hillfields Food Bank" as `token`'s person; its id.
async fn food_bank(app: &TestApp, token: &str) -> String {
    let res = send(
        app,
        HOST,
        M::POST,
        "/api/v1/organisations",
        Some(token),
        Some(json!({"name": "Hillfields Food Bank", "kind": "voluntary"})),
    )
    .await;
    assert_eq!(res.status(), 201);
    json(res).await["id"].as_str().unwrap().to_owned()
}

async fn invite(
    app: &TestApp,
    token: &str,
    org: &str,
    email: &str,
    role: &str,
) -> reqwest::Response {
    send(
        app,
        HOST,
        M::POST,
        &format!("/api/v1/organisations/{org}/invitations"),
        Some(token),
        Some(json!({"email": email, "role": role})),
    )
    .await
}

/// The secret at the end of an invitation link.
fn secret_of(link: &str) -> String {
    let url = url::Url::parse(link).unwrap();
    assert!(
        url.path().starts_with("/organisations/invitations/"),
        "{link}"
    );
    url.path().rsplit('/').next().unwrap().to_owned()
}

/// The link of the newest invitation email to `to` that is not `old`.
async fn fresh_link(app: &TestApp, to: &str, old: Option<&str>) -> String {
    for _ in 0..100 {
        let link = link_in(&delivered_email(app, to, KIND).await);
        if Some(link.as_str()) != old {
            return link;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no new invitation email to {to}");
}

async fn accept(app: &TestApp, host: &str, token: &str, secret: &str) -> reqwest::Response {
    send(
        app,
        host,
        M::POST,
        "/api/v1/organisation-invitations/accept",
        Some(token),
        Some(json!({"token": secret})),
    )
    .await
}

async fn decline(app: &TestApp, host: &str, token: &str, secret: &str) -> reqwest::Response {
    send(
        app,
        host,
        M::POST,
        "/api/v1/organisation-invitations/decline",
        Some(token),
        Some(json!({"token": secret})),
    )
    .await
}

async fn audit_kinds(app: &TestApp) -> Vec<(String, String)> {
    app.db(|conn| {
        use coproduce::db::schema::audit_events;
        use diesel::prelude::*;
        audit_events::table
            .order(audit_events::seq.asc())
            .select((audit_events::kind, audit_events::detail))
            .load(conn)
            .unwrap()
    })
    .await
}

/// A client with its own cookie jar, like a browser: visitors get a CSRF
/// cookie, and signing in or registering keeps the session.
fn visitor(app: &TestApp, host: &str) -> reqwest::Client {
    reqwest::Client::builder()
        // Under the server's 5 s keep-alive, so no request goes out on a
        // connection the server is closing.
        .pool_idle_timeout(std::time::Duration::from_secs(2))
        .resolve(host, app.addr)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn text(client: &reqwest::Client, url: String) -> (u16, String) {
    let res = client.get(url).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

both_backends!(
    async fn a_new_person_registers_from_the_link_and_joins(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let ann_token = api_token(&app, &ann).await;
        let org = food_bank(&app, &ann_token).await;

        let res = invite(&app, &ann_token, &org, " New.Person@Example.org ", "admin").await;
        assert_eq!(res.status(), 201);
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        let created = json(res).await;
        assert_eq!(created["email"], "new.person@example.org");
        assert_eq!(created["role"], "admin");
        assert_eq!(created["invited_by"], "ann");
        assert_eq!(created["expired"], false);
        assert_eq!(location, format!("/api/v1/organisations/{org}/invitations/{}", created["id"].as_str().unwrap()));

        // The email says who, what, where, what accepting means, for how long, and that it can be ignored.
        let email = delivered_email(&app, "new.person@example.org", KIND).await;
        for words in ["ann has invited you to join Hillfields Food Bank as an admin", "Coventry", "edit its profile and manage its members", "7 days", "ignore this email"] {
            assert!(email.contains(words), "{words} in {email}");
        }
        let link = link_in(&email);
        let secret = secret_of(&link);
        assert!(!created.to_string().contains(&secret), "no secret in the API");
        let path = url::Url::parse(&link).unwrap().path().to_owned();

        // Signed out: the invitation, and a way to sign in or register that comes back here.
        let browser = visitor(&app, HOST);
        let (status, html) = text(&browser, app.url(HOST, &path)).await;
        assert_eq!(status, 200);
        let next = format!("next=%2Forganisations%2Finvitations%2F{secret}");
        assert!(html.contains("Invitation to join Hillfields Food Bank") && html.contains("ann"), "{html}");
        assert!(html.contains(&format!("/register?{next}")) && html.contains(&format!("/sign-in?{next}")), "{html}");
        assert!(!html.contains("Accept the invitation"));
        let (_, form) = text(&browser, app.url(HOST, &format!("/register?{next}"))).await;
        // Accepting signed out only leads back to the invitation.
        let res = browser.post(app.url(HOST, &format!("{path}/accept"))).form(&[("csrf", csrf_in(&form))]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"].to_str().unwrap(), path);

        assert!(form.contains(&format!(r#"name="next" value="{path}""#)), "{form}");
        assert!(form.contains(&format!("/sign-in?{next}")), "the sign-in link keeps next");
        let res = browser.post(app.url(HOST, "/register"))
            .form(&[("csrf", csrf_in(&form).as_str()), ("display_name", "Nia"), ("email", "new.person@example.org"), ("password", USER_PASSWORD), ("next", path.as_str())])
            .send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"].to_str().unwrap(), path);

        let (status, html) = text(&browser, app.url(HOST, &path)).await;
        assert_eq!(status, 200);
        assert!(html.contains("Accept the invitation") && html.contains("Decline"), "{html}");
        let res = browser.post(app.url(HOST, &format!("{path}/accept"))).form(&[("csrf", csrf_in(&html))]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"].to_str().unwrap(), format!("/organisations/{org}?done=joined_admin"));
        let (_, profile) = text(&browser, app.url(HOST, &format!("/organisations/{org}?done=joined_admin"))).await;
        assert!(profile.contains("You are now an admin"));

        let members = json(send(&app, HOST, M::GET, &format!("/api/v1/organisations/{org}/members"), None, None).await).await;
        let nia = members.as_array().unwrap().iter().find(|m| m["user_id"] != ann.id.to_string()).unwrap().clone();
        assert_eq!(nia["role"], "admin");
        // The link reached her mailbox: her address is confirmed.
        let confirmed = app.db(|conn| {
            use coproduce::db::schema::users;
            use diesel::prelude::*;
            users::table.filter(users::email.eq("new.person@example.org")).select(users::email_verified_at).first::<Option<chrono::NaiveDateTime>>(conn).unwrap()
        }).await;
        assert!(confirmed.is_some());

        // The link works once.
        let res = browser.post(app.url(HOST, &format!("{path}/accept"))).form(&[("csrf", csrf_in(&html))]).send().await.unwrap();
        assert_eq!(res.status(), 404);
        assert!(res.text().await.unwrap().contains("This invitation can no longer be used"));
        let (status, gone) = text(&browser, app.url(HOST, &path)).await;
        assert_eq!(status, 404);
        assert!(gone.contains("This invitation can no longer be used"));
        let pending = json(send(&app, HOST, M::GET, &format!("/api/v1/organisations/{org}/invitations"), Some(&ann_token), None).await).await;
        assert_eq!(pending["total"], 0);

        let events = audit_kinds(&app).await;
        for kind in ["organisation_invitation_sent", "organisation_invitation_accepted"] {
            assert!(events.iter().any(|(k, _)| k == kind), "{kind}");
        }
        assert!(events.iter().all(|(_, detail)| !detail.contains('@')), "{events:?}");
    }
);

both_backends!(
    async fn an_existing_person_accepts_and_other_accounts_cannot(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let cat = user(&app, "coventry", "cat@example.org", Role::Citizen, false, false).await;
        let dan = user(&app, "coventry", "dan@example.org", Role::Citizen, false, false).await;
        let (ann_token, bob_token, cat_token, dan_token) = (api_token(&app, &ann).await, api_token(&app, &bob).await, api_token(&app, &cat).await, api_token(&app, &dan).await);
        let org = food_bank(&app, &ann_token).await;

        assert_eq!(invite(&app, &ann_token, &org, "bob@example.org", "member").await.status(), 201);
        let link = fresh_link(&app, "bob@example.org", None).await;
        assert!(delivered_email(&app, "bob@example.org", KIND).await.contains("as a member"));
        let secret = secret_of(&link);
        let path = url::Url::parse(&link).unwrap().path().to_owned();

        // Cat follows Bob's link: told clearly, and cannot accept or decline it.
        let cat_page = browser_session(&app, HOST, &cat).await;
        let (status, html) = text(&cat_page, app.url(HOST, &path)).await;
        assert_eq!(status, 200);
        assert!(html.contains("This invitation is for someone else") && html.contains("b•••@example.org"), "{html}");
        assert!(!html.contains("Accept the invitation"));
        for action in ["accept", "decline"] {
            let res = cat_page.post(app.url(HOST, &format!("{path}/{action}"))).form(&[("csrf", csrf_in(&html))]).send().await.unwrap();
            assert_eq!(res.status(), 403, "{action}");
        }
        assert_problem(accept(&app, HOST, &cat_token, &secret).await, 403, "forbidden").await;
        assert_problem(decline(&app, HOST, &cat_token, &secret).await, 403, "forbidden").await;
        let res = send(&app, HOST, M::POST, "/api/v1/organisation-invitations/accept", None, Some(json!({"token": secret}))).await;
        assert_problem(res, 401, "unauthorized").await;
        assert_problem(accept(&app, HOST, &cat_token, "nonsense").await, 404, "not_found").await;

        // Bob accepts by API.
        let res = accept(&app, HOST, &bob_token, &secret).await;
        assert_eq!(res.status(), 200);
        let membership = json(res).await;
        assert_eq!(membership["organisation"]["id"], org);
        assert_eq!(membership["role"], "member");
        assert_eq!(membership["already_member"], false);
        assert_eq!(membership["members"].as_array().unwrap().len(), 2);
        assert_problem(accept(&app, HOST, &bob_token, &secret).await, 404, "not_found").await;
        assert_problem(decline(&app, HOST, &bob_token, &secret).await, 404, "not_found").await;

        // Inviting a member is an error beside the address.
        let problem = assert_problem(invite(&app, &ann_token, &org, "BOB@example.org", "admin").await, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["field"], "email");
        assert_eq!(problem["errors"][0]["code"], "already_member");

        // Someone who became a member meanwhile keeps their role.
        assert_eq!(invite(&app, &ann_token, &org, "dan@example.org", "admin").await.status(), 201);
        let dan_secret = secret_of(&fresh_link(&app, "dan@example.org", None).await);
        let res = send(&app, HOST, M::POST, &format!("/api/v1/organisations/{org}/members"), Some(&ann_token), Some(json!({"user_id": dan.id.to_string(), "role": "member"}))).await;
        assert_eq!(res.status(), 201);
        let dan_page = browser_session(&app, HOST, &dan).await;
        let (_, html) = text(&dan_page, app.url(HOST, &format!("/organisations/invitations/{dan_secret}"))).await;
        assert!(html.contains("You are already a member of Hillfields Food Bank"), "{html}");
        let membership = json(accept(&app, HOST, &dan_token, &dan_secret).await).await;
        assert_eq!((membership["role"].as_str(), membership["already_member"].as_bool()), (Some("member"), Some(true)));

        // Declining: nothing changes, and the link is used up.
        assert_eq!(invite(&app, &ann_token, &org, "cat@example.org", "member").await.status(), 201);
        let cat_secret = secret_of(&fresh_link(&app, "cat@example.org", None).await);
        let (_, html) = text(&cat_page, app.url(HOST, &format!("/organisations/invitations/{cat_secret}"))).await;
        let res = cat_page.post(app.url(HOST, &format!("/organisations/invitations/{cat_secret}/decline"))).form(&[("csrf", csrf_in(&html))]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"].to_str().unwrap(), format!("/organisations/{org}?done=invitation_declined"));
        assert_problem(accept(&app, HOST, &cat_token, &cat_secret).await, 404, "not_found").await;
        let members = json(send(&app, HOST, M::GET, &format!("/api/v1/organisations/{org}/members"), None, None).await).await;
        assert!(!members.to_string().contains(cat.id.as_str()));
        let events = audit_kinds(&app).await;
        assert!(events.iter().any(|(k, _)| k == "organisation_invitation_declined"));
    }
);

both_backends!(
    async fn expired_used_withdrawn_and_replaced_links_no_longer_work(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let cat = user(&app, "coventry", "cat@example.org", Role::Citizen, false, false).await;
        let (ann_token, bob_token, cat_token) = (api_token(&app, &ann).await, api_token(&app, &bob).await, api_token(&app, &cat).await);
        let org = food_bank(&app, &ann_token).await;

        // Expired.
        let first = json(invite(&app, &ann_token, &org, "bob@example.org", "member").await).await;
        let old_link = fresh_link(&app, "bob@example.org", None).await;
        app.db(|conn| {
            use coproduce::db::schema::organisation_invitations as i;
            use diesel::prelude::*;
            diesel::update(i::table).set(i::expires_at.eq(chrono::Utc::now().naive_utc() - chrono::Duration::minutes(1))).execute(conn).unwrap();
        }).await;
        assert_problem(accept(&app, HOST, &bob_token, &secret_of(&old_link)).await, 404, "not_found").await;
        let (status, html) = text(&browser_session(&app, HOST, &bob).await, old_link.clone()).await;
        assert_eq!(status, 404);
        assert!(html.contains("This invitation can no longer be used"));
        let listed = json(send(&app, HOST, M::GET, &format!("/api/v1/organisations/{org}/invitations"), Some(&ann_token), None).await).await;
        assert_eq!(listed["items"][0]["expired"], true);

        // Sent again: a new link and 7 more days; the old link stays dead.
        let id = first["id"].as_str().unwrap();
        let res = send(&app, HOST, M::POST, &format!("/api/v1/organisations/{org}/invitations/{id}/resend"), Some(&ann_token), None).await;
        assert_eq!(res.status(), 200);
        assert_eq!(json(res).await["expired"], false);
        let new_link = fresh_link(&app, "bob@example.org", Some(&old_link)).await;
        assert_problem(accept(&app, HOST, &bob_token, &secret_of(&old_link)).await, 404, "not_found").await;

        // Inviting the same address again refreshes the one invitation (new role, new link).
        let again = json(invite(&app, &ann_token, &org, "bob@example.org", "admin").await).await;
        assert_eq!(again["id"], first["id"]);
        assert_eq!(again["role"], "admin");
        let newest = fresh_link(&app, "bob@example.org", Some(&new_link)).await;
        assert_problem(accept(&app, HOST, &bob_token, &secret_of(&new_link)).await, 404, "not_found").await;
        let listed = json(send(&app, HOST, M::GET, &format!("/api/v1/organisations/{org}/invitations"), Some(&ann_token), None).await).await;
        assert_eq!(listed["total"], 1);
        assert_eq!(listed["items"][0]["email"], "bob@example.org");
        assert!(!listed.to_string().contains(&secret_of(&newest)));
        let single = json(send(&app, HOST, M::GET, &format!("/api/v1/organisations/{org}/invitations/{id}"), Some(&ann_token), None).await).await;
        assert_eq!(single["role"], "admin");
        assert_eq!(json(accept(&app, HOST, &bob_token, &secret_of(&newest)).await).await["role"], "admin");

        // Withdrawn.
        let cats = json(invite(&app, &ann_token, &org, "cat@example.org", "member").await).await;
        let cat_link = fresh_link(&app, "cat@example.org", None).await;
        let path = format!("/api/v1/organisations/{org}/invitations/{}", cats["id"].as_str().unwrap());
        assert_eq!(send(&app, HOST, M::DELETE, &path, Some(&ann_token), None).await.status(), 204);
        assert_problem(accept(&app, HOST, &cat_token, &secret_of(&cat_link)).await, 404, "not_found").await;
        assert_problem(send(&app, HOST, M::DELETE, &path, Some(&ann_token), None).await, 404, "not_found").await;
        assert_problem(send(&app, HOST, M::POST, &format!("{path}/resend"), Some(&ann_token), None).await, 404, "not_found").await;
        let events = audit_kinds(&app).await;
        assert!(events.iter().any(|(k, _)| k == "organisation_invitation_revoked"));
        assert_eq!(events.iter().filter(|(k, _)| k == "organisation_invitation_sent").count(), 4);
    }
);

both_backends!(
    async fn only_admins_manage_invitations_and_bad_input_is_refused(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let out = user(&app, "coventry", "out@example.org", Role::Citizen, false, false).await;
        let (ann_token, bob_token, out_token) = (api_token(&app, &ann).await, api_token(&app, &bob).await, api_token(&app, &out).await);
        let org = food_bank(&app, &ann_token).await;
        let res = send(&app, HOST, M::POST, &format!("/api/v1/organisations/{org}/members"), Some(&ann_token), Some(json!({"user_id": bob.id.to_string(), "role": "member"}))).await;
        assert_eq!(res.status(), 201);
        let sent = json(invite(&app, &ann_token, &org, "new@example.org", "member").await).await;
        let id = sent["id"].as_str().unwrap();

        // Members who are not admins, and outsiders, may not.
        for token in [&bob_token, &out_token] {
            assert_problem(invite(&app, token, &org, "x@example.org", "member").await, 403, "forbidden").await;
            for (method, path) in [
                (M::GET, format!("/api/v1/organisations/{org}/invitations")),
                (M::GET, format!("/api/v1/organisations/{org}/invitations/{id}")),
                (M::DELETE, format!("/api/v1/organisations/{org}/invitations/{id}")),
                (M::POST, format!("/api/v1/organisations/{org}/invitations/{id}/resend")),
            ] {
                assert_problem(send(&app, HOST, method, &path, Some(token), None).await, 403, "forbidden").await;
            }
        }
        let bob_page = browser_session(&app, HOST, &bob).await;
        let (_, profile) = text(&bob_page, app.url(HOST, &format!("/organisations/{org}"))).await;
        let csrf = csrf_in(&profile);
        for path in [format!("/organisations/{org}/invitations"), format!("/organisations/{org}/invitations/{id}/resend"), format!("/organisations/{org}/invitations/{id}/revoke")] {
            let res = bob_page.post(app.url(HOST, &path)).form(&[("csrf", csrf.as_str()), ("email", "x@example.org"), ("role", "member")]).send().await.unwrap();
            assert_eq!(res.status(), 403, "{path}");
        }
        // Without a token at all.
        assert_problem(send(&app, HOST, M::GET, &format!("/api/v1/organisations/{org}/invitations"), None, None).await, 401, "unauthorized").await;

        // Bad input: each field named; nothing is sent.
        let problem = assert_problem(invite(&app, &ann_token, &org, "not an address", "owner").await, 422, "validation_failed").await;
        let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["email", "role"]);
        assert_problem(invite(&app, &ann_token, &org, "ok@example.org", "").await, 422, "validation_failed").await;
        let res = send(&app, HOST, M::POST, &format!("/api/v1/organisations/{org}/invitations"), Some(&ann_token), Some(json!({"email": "ok@example.org"}))).await;
        assert_eq!(res.status(), 400);
        let res = send(&app, HOST, M::GET, &format!("/api/v1/organisations/{org}/invitations?per_page=1000"), Some(&ann_token), None).await;
        assert_problem(res, 422, "validation_failed").await;
        let listed = json(send(&app, HOST, M::GET, &format!("/api/v1/organisations/{org}/invitations"), Some(&ann_token), None).await).await;
        assert_eq!(listed["total"], 1);

        // The page shows the message beside the field.
        let ann_page = browser_session(&app, HOST, &ann).await;
        let (status, members) = text(&ann_page, app.url(HOST, &format!("/organisations/{org}/members"))).await;
        assert_eq!(status, 200);
        assert!(members.contains("new@example.org") && members.contains("Send again") && members.contains("Withdraw"), "{members}");
        let csrf = csrf_in(&members);
        let res = ann_page.post(app.url(HOST, &format!("/organisations/{org}/invitations"))).form(&[("csrf", csrf.as_str()), ("email", "nope"), ("role", "member")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="email-error""#) && html.contains(r#"value="nope""#), "{html}");
        let res = ann_page.post(app.url(HOST, &format!("/organisations/{org}/invitations"))).form(&[("csrf", csrf.as_str()), ("email", "bob@example.org"), ("role", "member")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("already a member"));
        let res = ann_page.post(app.url(HOST, &format!("/organisations/{org}/invitations"))).form(&[("csrf", csrf.as_str()), ("email", "page@example.org"), ("role", "admin")]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert!(delivered_email(&app, "page@example.org", KIND).await.contains("as an admin"));
        let res = ann_page.post(app.url(HOST, &format!("/organisations/{org}/invitations/{id}/resend"))).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(res.headers()["location"].to_str().unwrap(), format!("/organisations/{org}/members?done=resent"));
        let res = ann_page.post(app.url(HOST, &format!("/organisations/{org}/invitations/{id}/revoke"))).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(res.headers()["location"].to_str().unwrap(), format!("/organisations/{org}/members?done=revoked"));
        let (_, members) = text(&ann_page, app.url(HOST, &format!("/organisations/{org}/members?done=revoked"))).await;
        assert!(members.contains("withdrawn") && !members.contains("new@example.org") && members.contains("page@example.org"));

        // The day's limit: 50 emails per organisation, then 429 (API) or a message beside the field (page).
        let org_id: coproduce::db::ids::OrganisationId = org.parse().unwrap();
        let tenant = ann.tenant_id.clone();
        app.db(move |conn| {
            use coproduce::db::schema::organisation_invitation_sends as s;
            use diesel::prelude::*;
            for _ in 0..50 {
                diesel::insert_into(s::table).values((
                    s::tenant_id.eq(&tenant), s::id.eq(uuid::Uuid::now_v7().to_string()),
                    s::organisation_id.eq(&org_id), s::sent_at.eq(chrono::Utc::now().naive_utc() - chrono::Duration::hours(1)),
                )).execute(conn).unwrap();
            }
        }).await;
        let res = invite(&app, &ann_token, &org, "late@example.org", "member").await;
        let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!(wait > 22 * 3600 && wait <= 23 * 3600, "{wait}");
        assert_problem(res, 429, "rate_limited").await;
        let res = ann_page.post(app.url(HOST, &format!("/organisations/{org}/invitations"))).form(&[("csrf", csrf.as_str()), ("email", "late@example.org"), ("role", "member")]).send().await.unwrap();
        assert_eq!(res.status(), 429);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"id="email-error""#) && html.contains("50 invitations"), "{html}");
        let listed = json(send(&app, HOST, M::GET, &format!("/api/v1/organisations/{org}/invitations"), Some(&ann_token), None).await).await;
        assert!(!listed.to_string().contains("late@example.org"), "nothing half-written");
    }
);

both_backends!(
    async fn other_places_cannot_reach_invitations(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let ned = user(&app, "coventry", "ned@example.org", Role::Citizen, false, false).await;
        let sam = user(&app, "leeds", "sam@example.org", Role::Admin, false, true).await;
        // Bob of Leeds has the very address Coventry invites.
        let bob_leeds = user(&app, "leeds", "bob@example.org", Role::Citizen, false, false).await;
        let (ann_token, ned_token, sam_token, bob_token) = (api_token(&app, &ann).await, api_token(&app, &ned).await, api_token(&app, &sam).await, api_token(&app, &bob_leeds).await);
        let org = food_bank(&app, &ann_token).await;
        let sent = json(invite(&app, &ann_token, &org, "bob@example.org", "member").await).await;
        let id = sent["id"].as_str().unwrap().to_owned();
        let link = fresh_link(&app, "bob@example.org", None).await;
        let secret = secret_of(&link);

        // Leeds's admin, on Leeds's host, with Coventry's ids: not found.
        let probes: Vec<(M, String, Option<Value>)> = vec![
            (M::POST, format!("/api/v1/organisations/{org}/invitations"), Some(json!({"email": "x@example.org", "role": "admin"}))),
            (M::GET, format!("/api/v1/organisations/{org}/invitations"), None),
            (M::GET, format!("/api/v1/organisations/{org}/invitations/{id}"), None),
            (M::DELETE, format!("/api/v1/organisations/{org}/invitations/{id}"), None),
            (M::POST, format!("/api/v1/organisations/{org}/invitations/{id}/resend"), None),
        ];
        for (method, path, body) in &probes {
            assert_problem(send(&app, OTHER, method.clone(), path, Some(&sam_token), body.clone()).await, 404, "not_found").await;
            assert_problem(send(&app, HOST, method.clone(), path, Some(&sam_token), body.clone()).await, 401, "unauthorized").await;
        }
        // Coventry's secret on Leeds's host, even for the same address: not found.
        assert_problem(accept(&app, OTHER, &bob_token, &secret).await, 404, "not_found").await;
        assert_problem(decline(&app, OTHER, &bob_token, &secret).await, 404, "not_found").await;
        let path = url::Url::parse(&link).unwrap().path().to_owned();
        let bob_page = browser_session(&app, OTHER, &bob_leeds).await;
        let (status, html) = text(&bob_page, app.url(OTHER, &path)).await;
        assert_eq!(status, 404);
        assert!(html.contains("This invitation can no longer be used"));
        let (status, html) = text(&visitor(&app, OTHER), app.url(OTHER, &path)).await;
        assert_eq!(status, 404);
        assert!(!html.contains("Hillfields"));
        let res = bob_page.post(app.url(OTHER, &format!("{path}/accept"))).form(&[("csrf", csrf_in(&html_of(&bob_page, &app).await))]).send().await.unwrap();
        assert_eq!(res.status(), 404);
        let sam_page = browser_session(&app, OTHER, &sam).await;
        let csrf = csrf_in(&html_of(&sam_page, &app).await);
        for path in [format!("/organisations/{org}/invitations"), format!("/organisations/{org}/invitations/{id}/resend"), format!("/organisations/{org}/invitations/{id}/revoke")] {
            let res = sam_page.post(app.url(OTHER, &path)).form(&[("csrf", csrf.as_str()), ("email", "x@example.org"), ("role", "member")]).send().await.unwrap();
            assert_eq!(res.status(), 404, "{path}");
        }

        // Another organisation's admin in the same place cannot touch it through their own organisation.
        let other = json(send(&app, HOST, M::POST, "/api/v1/organisations", Some(&ned_token), Some(json!({"name": "Ned's Club", "kind": "community"}))).await).await;
        let other = other["id"].as_str().unwrap();
        for (method, path) in [
            (M::GET, format!("/api/v1/organisations/{other}/invitations/{id}")),
            (M::DELETE, format!("/api/v1/organisations/{other}/invitations/{id}")),
            (M::POST, format!("/api/v1/organisations/{other}/invitations/{id}/resend")),
        ] {
            assert_problem(send(&app, HOST, method, &path, Some(&ned_token), None).await, 404, "not_found").await;
        }
        let listed = json(send(&app, HOST, M::GET, &format!("/api/v1/organisations/{org}/invitations"), Some(&ann_token), None).await).await;
        assert_eq!(listed["total"], 1);
        assert!(json(send(&app, OTHER, M::GET, "/api/v1/organisations", None, None).await).await["items"].as_array().unwrap().is_empty());
    }
);

/// A page of the client's place with a form, for its CSRF token.
async fn html_of(client: &reqwest::Client, app: &TestApp) -> String {
    client
        .get(app.url(OTHER, "/organisations"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

both_backends!(
    async fn invitations_are_in_a_persons_data_and_go_with_them(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let cat = user(&app, "coventry", "cat@example.org", Role::Citizen, false, false).await;
        let (ann_token, bob_token, cat_token) = (api_token(&app, &ann).await, api_token(&app, &bob).await, api_token(&app, &cat).await);
        let org = food_bank(&app, &ann_token).await;
        let res = send(&app, HOST, M::POST, &format!("/api/v1/organisations/{org}/members"), Some(&ann_token), Some(json!({"user_id": cat.id.to_string(), "role": "admin"}))).await;
        assert_eq!(res.status(), 201);
        assert_eq!(invite(&app, &ann_token, &org, "bob@example.org", "member").await.status(), 201);
        assert_eq!(invite(&app, &ann_token, &org, "new@example.org", "admin").await.status(), 201);

        let export = json(send(&app, HOST, M::GET, "/api/v1/me/export", Some(&ann_token), None).await).await;
        let sent = export["invitations_sent"].as_array().unwrap();
        assert_eq!(sent.len(), 2);
        assert_eq!(sent[0]["organisation_name"], "Hillfields Food Bank");
        assert_eq!(sent[0]["status"], "pending");
        let export = json(send(&app, HOST, M::GET, "/api/v1/me/export", Some(&bob_token), None).await).await;
        let received = export["invitations_received"].as_array().unwrap();
        assert_eq!(received.len(), 1);
        assert_eq!(received[0]["email"], "bob@example.org");
        assert_eq!(received[0]["role"], "member");
        assert!(!export.to_string().contains("token_hash"));

        // Bob erases his account: invitations to his address go.
        let res = send(&app, HOST, M::DELETE, "/api/v1/me", Some(&bob_token), Some(json!({"password": USER_PASSWORD, "contributions": "delete"}))).await;
        assert_eq!(res.status(), 204);
        let left: Vec<String> = app.db(|conn| {
            use coproduce::db::schema::organisation_invitations as i;
            use diesel::prelude::*;
            i::table.select(i::email).load(conn).unwrap()
        }).await;
        assert_eq!(left, ["new@example.org"]);

        // Ann erases hers: what she sent stays with the organisation, no longer signed.
        let res = send(&app, HOST, M::DELETE, "/api/v1/me", Some(&ann_token), Some(json!({"password": USER_PASSWORD, "contributions": "anonymise"}))).await;
        assert_eq!(res.status(), 204);
        let listed = json(send(&app, HOST, M::GET, &format!("/api/v1/organisations/{org}/invitations"), Some(&cat_token), None).await).await;
        assert_eq!(listed["total"], 1);
        assert!(listed["items"][0].get("invited_by").is_none(), "{listed}");
        let (_, members) = text(&browser_session(&app, HOST, &cat).await, app.url(HOST, &format!("/organisations/{org}/members"))).await;
        assert!(members.contains("new@example.org") && members.contains("Not shown"));
    }
);
