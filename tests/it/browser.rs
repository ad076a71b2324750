//! The site's pages in a real browser: they render, are keyboard-usable
//! from the first Tab, pass axe-core with no violation of any impact, and
//! reflow at 320 CSS px without scrolling sideways.

use fantoccini::key::Key;
use fantoccini::Locator;

use crate::both_backends;
use crate::common::browser::Browser;

both_backends!(
    async fn site_pages_pass_axe(app) {
        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let browser = Browser::start(&app).await;
        for (path, heading) in [
            ("/", "Coventry: shaping services together"),
            ("/privacy", "Privacy"),
            ("/accessibility", "Accessibility"),
            ("/problems/not_found", "API problem: not_found"),
            ("/no-such-page", "Not found"),
        ] {
            browser.goto(&app, "coventry.test", path).await;
            assert_eq!(browser.text("h1").await, heading, "{path}");
            assert!(browser.title().await.ends_with("· Coventry"), "{path}");
            browser.assert_accessible().await;
        }
        // The accessibility statement has what a UK public-sector one needs,
        // and every page's footer links to it.
        browser.goto(&app, "coventry.test", "/").await;
        browser.client.find(Locator::LinkText("Accessibility")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Accessibility").await;
        let statement = browser.text("main").await;
        for part in [
            "Compliance status",
            "partially compliant",
            "Problems we know about",
            "Tell us about a problem",
            "Enforcement procedure",
            "Equality and Human Rights Commission",
            "How we tested this website",
            "Preparation of this statement",
        ] {
            assert!(statement.contains(part), "the statement lacks “{part}”");
        }
        browser.goto(&app, "unknown.test", "/").await;
        assert_eq!(browser.text("h1").await, "Not found");
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn the_first_tab_reaches_the_skip_link(app) {
        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let browser = Browser::start(&app).await;
        browser.goto(&app, "coventry.test", "/").await;
        browser
            .client
            .active_element()
            .await
            .unwrap()
            .send_keys(&char::from(Key::Tab).to_string())
            .await
            .unwrap();
        let focused = browser.client.active_element().await.unwrap();
        assert_eq!(focused.text().await.unwrap(), "Skip to main content");
        focused.click().await.unwrap();
        let url = browser.client.current_url().await.unwrap();
        assert_eq!(url.fragment(), Some("main"));
        browser.close().await;
    }
);

both_backends!(
    async fn register_verify_sign_in_and_out_in_the_browser(app) {
        use crate::common::{delivered_email, link_in};
        use fantoccini::Locator;

        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let browser = Browser::start(&app).await;
        let fill = |id: &'static str, value: &'static str| {
            let client = browser.client.clone();
            async move {
                client
                    .find(Locator::Id(id))
                    .await
                    .unwrap()
                    .send_keys(value)
                    .await
                    .unwrap();
            }
        };
        let submit = || {
            let client = browser.client.clone();
            async move {
                client
                    .find(Locator::Css("main form button[type=submit]"))
                    .await
                    .unwrap()
                    .click()
                    .await
                    .unwrap();
            }
        };

        browser.goto(&app, "coventry.test", "/register").await;
        browser.assert_accessible().await;
        // A weak password is refused beside the field; the page still passes axe.
        fill("display_name", "Ann").await;
        fill("email", "ann@example.org").await;
        fill("password", "password").await;
        submit().await;
        browser.wait_for_heading("Create an account").await;
        assert!(browser.text("#password-error").await.contains("at least 12 characters"));
        browser.assert_accessible().await;
        fill("password", "violet kettle harbour 42").await;
        submit().await;
        browser.wait_for_heading("Your account").await;
        assert!(browser.text("main").await.contains("not confirmed yet"));
        browser.assert_accessible().await;

        let link = link_in(&delivered_email(&app, "ann@example.org", "verify_email").await);
        browser.client.goto(&link).await.unwrap();
        browser.wait_for_heading("Confirm your email address").await;
        browser.assert_accessible().await;
        submit().await;
        browser.wait_for_heading("Your account").await;
        assert!(browser.text("main").await.contains("(confirmed)"));

        browser
            .client
            .find(Locator::Css("header form[action='/sign-out'] button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        browser.wait_for_heading("Sign in").await;
        assert!(browser.text(".notice").await.contains("signed out"));
        browser.assert_accessible().await;

        fill("email", "ann@example.org").await;
        fill("password", "violet kettle harbour 42").await;
        submit().await;
        browser.wait_for_heading("Your account").await;

        browser.goto(&app, "coventry.test", "/account/two-factor").await;
        browser.wait_for_heading("Two-step sign-in").await;
        browser.assert_accessible().await;

        for path in [
            "/forgot-password",
            "/reset-password?token=nonsense",
            "/verify-email?token=nonsense",
            "/account/email/confirm?token=nonsense",
            "/sign-in/email-link",
            "/sign-in/link?token=nonsense",
        ] {
            browser.goto(&app, "coventry.test", path).await;
            browser.assert_accessible().await;
        }
        browser.close().await;
    }
);

both_backends!(
    async fn the_operator_console_passes_axe(app) {
        use coproduce::accounts::model::SessionKind;
        use coproduce::accounts::Role;
        use fantoccini::cookies::Cookie;

        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        app.tenant("leeds", "Leeds", &["leeds.test", "www.leeds.test"]).await;
        let op = crate::common::user(&app, "coventry", "op@example.org", Role::Citizen, true, true).await;
        let secret = crate::common::session_secret(&app, &op, SessionKind::Browser).await;
        let browser = Browser::start(&app).await;
        // A cookie can only be set for the site the browser is on.
        browser.goto(&app, "coventry.test", "/").await;
        // SameSite given: unset, fantoccini sends None, which Chromium
        // refuses without Secure.
        let cookie = Cookie::parse(format!(
            "coproduce_session={secret}; Path=/; Domain=coventry.test; SameSite=Lax; HttpOnly"
        ))
        .unwrap();
        browser.client.add_cookie(cookie).await.unwrap();

        browser.goto(&app, "coventry.test", "/account").await;
        browser.client.find(fantoccini::Locator::LinkText("Operator console")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Operator console").await;
        browser.assert_accessible().await;
        // A form with errors is still accessible.
        browser.client.find(fantoccini::Locator::Id("slug")).await.unwrap().send_keys("Not A Slug").await.unwrap();
        browser.client.find(fantoccini::Locator::Css("main form button[type=submit]")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Operator console").await;
        assert!(browser.text("#slug-error").await.contains("not a valid slug"));
        browser.assert_accessible().await;

        for slug in ["leeds", "coventry"] {
            browser.goto(&app, "coventry.test", &format!("/operator/tenants/{slug}")).await;
            browser.wait_for_heading(if slug == "leeds" { "Leeds" } else { "Coventry" }).await;
            browser.assert_accessible().await;
        }
        // Suspending without ticking the box: the message is beside it.
        browser.goto(&app, "coventry.test", "/operator/tenants/leeds").await;
        browser.client.find(fantoccini::Locator::Css("form[action$='/status'] button")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Leeds").await;
        assert!(browser.text("#confirm-error").await.contains("tick the box"));
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn the_second_step_of_signing_in_passes_axe(app) {
        use coproduce::accounts::second_factor::code_at;
        use fantoccini::Locator;

        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let ann = crate::common::user(&app, "coventry", "ann@example.org", coproduce::accounts::Role::Citizen, false, true).await;
        let secret = app.totp_secret_of(&ann).await;
        let browser = Browser::start(&app).await;
        browser.goto(&app, "coventry.test", "/sign-in").await;
        for (id, value) in [("email", "ann@example.org"), ("password", crate::common::USER_PASSWORD)] {
            browser.client.find(Locator::Id(id)).await.unwrap().send_keys(value).await.unwrap();
        }
        browser.client.find(Locator::Css("main form button[type=submit]")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Enter your code").await;
        browser.assert_accessible().await;
        // A wrong code is refused beside the field.
        browser.client.find(Locator::Id("code")).await.unwrap().send_keys("000000").await.unwrap();
        browser.client.find(Locator::Css("main form button[type=submit]")).await.unwrap().click().await.unwrap();
        assert!(browser.text("#code-error").await.contains("not right"));
        browser.assert_accessible().await;
        let now = chrono::Utc::now().timestamp() as u64;
        browser.client.find(Locator::Id("code")).await.unwrap().send_keys(&code_at(&secret, now)).await.unwrap();
        browser.client.find(Locator::Css("main form button[type=submit]")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Your account").await;
        browser.close().await;
    }
);

both_backends!(
    async fn edit_profile_download_data_and_delete_the_account(app) {
        use fantoccini::Locator;
        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let ann = crate::common::user(&app, "coventry", "ann@example.org", coproduce::accounts::Role::Citizen, false, false).await;
        let secret = crate::common::session_secret(&app, &ann, coproduce::accounts::model::SessionKind::Browser).await;
        let browser = Browser::start(&app).await;
        browser.goto(&app, "coventry.test", "/").await;
        browser
            .client
            .execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![])
            .await
            .unwrap();

        browser.goto(&app, "coventry.test", "/account/profile").await;
        browser.wait_for_heading("Your profile").await;
        let find = |css: &'static str| {
            let client = browser.client.clone();
            async move { client.find(Locator::Css(css)).await.unwrap() }
        };
        find("#bio").await.send_keys("I run the Tuesday lunch club.").await.unwrap();
        find("#skills").await.send_keys("cooking\nlistening").await.unwrap();
        find("#visibility_skills option[value=public]").await.click().await.unwrap();
        find("main form button[type=submit]").await.click().await.unwrap();
        assert!(browser.text(".notice").await.contains("saved"));
        browser.assert_accessible().await;

        // Everyone sees the skills, only members the bio.
        let public = app.get("coventry.test", &format!("/people/{}", ann.id)).await.text().await.unwrap();
        assert!(public.contains("listening") && !public.contains("Tuesday lunch"));

        browser.goto(&app, "coventry.test", "/account/data").await;
        browser.wait_for_heading("Your data").await;
        assert!(browser.text("main").await.contains("Tuesday lunch club"));
        let href = find("a[download]").await.attr("href").await.unwrap().unwrap();
        assert_eq!(href, "/account/data/my-data.json");

        browser.goto(&app, "coventry.test", "/account/delete").await;
        find("#password").await.send_keys(crate::common::USER_PASSWORD).await.unwrap();
        find("#contributions-anonymise").await.click().await.unwrap();
        find("main form button[type=submit]").await.click().await.unwrap();
        browser.wait_for_heading("Your account has been deleted").await;
        browser.assert_accessible().await;
        browser.goto(&app, "coventry.test", "/account").await;
        browser.wait_for_heading("Sign in").await;
        browser.close().await;
    }
);

both_backends!(
    async fn a_citizen_invites_a_member_who_signs_in_and_accepts(app) {
        use crate::common::{api_token, delivered_email, link_in, send, session_secret, user, USER_PASSWORD};
        use coproduce::accounts::model::SessionKind;
        use coproduce::accounts::Role;
        use fantoccini::Locator;

        const HOST: &str = "coventry.test";
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let browser = Browser::start(&app).await;
        let use_session = |secret: String| {
            let client = browser.client.clone();
            async move {
                // Chromedriver refuses cookies for `.test` names; the page can set it.
                client.execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![]).await.unwrap();
            }
        };
        let find = |css: String| {
            let client = browser.client.clone();
            async move { client.find(Locator::Css(&css)).await.unwrap() }
        };
        browser.goto(&app, HOST, "/").await;
        use_session(session_secret(&app, &ann, SessionKind::Browser).await).await;

        // Ann starts an organisation in the browser…
        browser.goto(&app, HOST, "/organisations/new").await;
        browser.wait_for_heading("Start an organisation").await;
        find("#name".into()).await.send_keys("Hillfields Food Bank").await.unwrap();
        find("main form button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Hillfields Food Bank").await;
        let url = browser.client.current_url().await.unwrap();
        let id = url.path().trim_start_matches("/organisations/").to_owned();

        // …and invites Bob from its members page, after a mistake.
        browser.goto(&app, HOST, &format!("/organisations/{id}/members")).await;
        browser.wait_for_heading("Members of Hillfields Food Bank").await;
        browser.assert_accessible().await;
        let send_invitation = || find("form[action$='/invitations'] button[type=submit]".into());
        find("#email".into()).await.send_keys("bob at example").await.unwrap();
        send_invitation().await.click().await.unwrap();
        browser.wait_for_heading("Members of Hillfields Food Bank").await;
        assert!(browser.text("#email-error").await.contains("email address like"));
        browser.assert_accessible().await;
        let email = find("#email".into()).await;
        email.clear().await.unwrap();
        email.send_keys("bob@example.org").await.unwrap();
        send_invitation().await.click().await.unwrap();
        browser.wait_for_heading("Members of Hillfields Food Bank").await;
        assert!(browser.text(".notice").await.contains("invitation has been sent"));
        assert!(browser.text("main").await.contains("bob@example.org"));
        browser.assert_accessible().await;
        find("header form[action='/sign-out'] button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Sign in").await;

        // Bob follows the link, signs in and accepts.
        let link = link_in(&delivered_email(&app, "bob@example.org", "organisation_invitation").await);
        browser.client.goto(&link).await.unwrap();
        browser.wait_for_heading("Invitation to join Hillfields Food Bank").await;
        assert!(browser.text("main").await.contains("Invited by"));
        browser.assert_accessible().await;
        browser.client.find(Locator::LinkText("Sign in to accept or decline")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Sign in").await;
        find("#email".into()).await.send_keys("bob@example.org").await.unwrap();
        find("#password".into()).await.send_keys(USER_PASSWORD).await.unwrap();
        find("main form button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Invitation to join Hillfields Food Bank").await;
        browser.assert_accessible().await;
        find("form[action$='/accept'] button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Hillfields Food Bank").await;
        assert!(browser.text(".notice").await.contains("You are now a member"));

        // The used link, and a link meant for someone else, while Bob is signed in.
        browser.client.goto(&link).await.unwrap();
        browser.wait_for_heading("This invitation can no longer be used").await;
        browser.assert_accessible().await;
        let ann_token = api_token(&app, &ann).await;
        let res = send(&app, HOST, reqwest::Method::POST, &format!("/api/v1/organisations/{id}/invitations"), Some(&ann_token),
            Some(serde_json::json!({"email": "dan@example.org", "role": "member"}))).await;
        assert_eq!(res.status(), 201);
        let dans = link_in(&delivered_email(&app, "dan@example.org", "organisation_invitation").await);
        browser.client.goto(&dans).await.unwrap();
        browser.wait_for_heading("Invitation to join Hillfields Food Bank").await;
        assert!(browser.text("main").await.contains("This invitation is for someone else"));
        browser.assert_accessible().await;

        // Ann's members list shows Bob.
        find("header form[action='/sign-out'] button".into()).await.click().await.unwrap();
        browser.wait_for_heading("Sign in").await;
        use_session(session_secret(&app, &ann, SessionKind::Browser).await).await;
        browser.goto(&app, HOST, &format!("/organisations/{id}/members")).await;
        browser.wait_for_heading("Members of Hillfields Food Bank").await;
        assert!(browser.text("main table").await.contains("bob"));
        assert!(browser.text("main").await.contains("dan@example.org"));
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn an_organisation_vouches_and_a_citizen_becomes_a_verified_resident(app) {
        use coproduce::accounts::model::SessionKind;
        use coproduce::accounts::Role;
        use crate::common::{api_token, send, user};
        use fantoccini::cookies::Cookie;
        use fantoccini::Locator;
        use serde_json::json;

        let host = "coventry.test";
        app.tenant("coventry", "Coventry", &[host]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let admin_token = api_token(&app, &admin).await;
        let res = send(&app, host, reqwest::Method::PATCH, "/api/v1/admin/settings", Some(&admin_token), Some(json!({"residency_routes": ["vouching", "manual"]}))).await;
        assert_eq!(res.status(), 200);
        let shelter = user(&app, "coventry", "shelter@example.org", Role::Citizen, false, false).await;
        let shelter_token = api_token(&app, &shelter).await;
        let res = send(&app, host, reqwest::Method::POST, "/api/v1/organisations", Some(&shelter_token), Some(json!({"name": "Night Shelter", "kind": "voluntary"}))).await;
        let org = crate::common::json(res).await["id"].as_str().unwrap().to_owned();
        let res = send(&app, host, reqwest::Method::PUT, &format!("/api/v1/admin/organisations/{org}/verification"), Some(&admin_token), Some(json!({"verified": true}))).await;
        assert_eq!(res.status(), 200);
        let citizen = user(&app, "coventry", "sam@example.org", Role::Citizen, false, false).await;

        let browser = Browser::start(&app).await;
        browser.goto(&app, host, "/").await;
        let sign_in_as = |person: coproduce::accounts::User| {
            let browser = &browser;
            let app = &app;
            async move {
                browser.client.delete_all_cookies().await.unwrap();
                let secret = crate::common::session_secret(app, &person, SessionKind::Browser).await;
                let cookie = Cookie::parse(format!("coproduce_session={secret}; Path=/; Domain=coventry.test; SameSite=Lax; HttpOnly")).unwrap();
                browser.client.add_cookie(cookie).await.unwrap();
            }
        };

        // The organisation's admin issues a code from its page.
        sign_in_as(shelter.clone()).await;
        browser.goto(&app, host, &format!("/organisations/{org}")).await;
        browser.client.find(Locator::LinkText("Vouching codes")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Vouching codes of Night Shelter").await;
        browser.assert_accessible().await;
        browser.client.find(Locator::Css("main form button[type=submit]")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Vouching codes of Night Shelter").await;
        let code = browser.text("#new-code").await;
        assert_eq!(code.len(), 14, "{code}");
        browser.assert_accessible().await;

        // The citizen enters it on their residency page.
        sign_in_as(citizen.clone()).await;
        browser.goto(&app, host, "/account").await;
        browser.client.find(Locator::LinkText("show you live here")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Showing you live here").await;
        browser.assert_accessible().await;
        // A wrong code first: the error is beside the field, and accessible.
        browser.client.find(Locator::Id("code")).await.unwrap().send_keys("AAAA-BBBB-CCCC").await.unwrap();
        browser.client.find(Locator::Css("form[action='/account/residency/code'] button")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Showing you live here").await;
        assert!(browser.text("#code-error").await.contains("not one we issued here"));
        browser.assert_accessible().await;
        browser.client.find(Locator::Id("code")).await.unwrap().clear().await.unwrap();
        browser.client.find(Locator::Id("code")).await.unwrap().send_keys(&code.to_lowercase()).await.unwrap();
        browser.client.find(Locator::Css("form[action='/account/residency/code'] button")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Showing you live here").await;
        assert!(browser.text("main").await.contains("You are a verified resident."));
        browser.goto(&app, host, "/account").await;
        assert!(browser.text("main table").await.contains("Verified resident"));

        // The admin's pages, with a request waiting.
        let pat = user(&app, "coventry", "pat@example.org", Role::Citizen, false, false).await;
        let pat_token = api_token(&app, &pat).await;
        let res = send(&app, host, reqwest::Method::POST, "/api/v1/me/residency", Some(&pat_token), Some(json!({"request": {"note": "Ask for me at the library."}}))).await;
        assert_eq!(res.status(), 200);
        sign_in_as(admin.clone()).await;
        for (path, heading) in [("/admin/residency", "Residency requests"), ("/admin/settings", "Settings"), ("/admin/people", "People and roles")] {
            browser.goto(&app, host, path).await;
            browser.wait_for_heading(heading).await;
            browser.assert_accessible().await;
        }
        // The settings page with its errors.
        browser.goto(&app, host, "/admin/settings").await;
        browser.client.find(Locator::Id("support_threshold")).await.unwrap().clear().await.unwrap();
        browser.client.find(Locator::Id("support_threshold")).await.unwrap().send_keys("none").await.unwrap();
        browser.client.find(Locator::Css("main form button[type=submit]")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Settings").await;
        assert!(browser.text("#support_threshold-error").await.contains("whole number"));
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn a_citizen_registers_an_asset_and_finds_it_by_its_area(app) {
        use coproduce::accounts::Role;
        use crate::common::{api_token, json, send, session_secret, user};
        use fantoccini::Locator;

        app.tenant("coventry", "Coventry", &["coventry.test"]).await;
        let admin = user(&app, "coventry", "admin@example.org", Role::Admin, false, true).await;
        let token = api_token(&app, &admin).await;
        let add = |body: serde_json::Value| {
            let (app, token) = (&app, token.clone());
            async move {
                let res = send(app, "coventry.test", reqwest::Method::POST, "/api/v1/areas", Some(&token), Some(body)).await;
                json(res).await["id"].as_str().unwrap().to_owned()
            }
        };
        let city = add(serde_json::json!({"name": "Coventry", "kind": "city"})).await;
        let ward = add(serde_json::json!({"name": "Foleshill", "kind": "ward", "parent_id": city})).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let secret = session_secret(&app, &ann, coproduce::accounts::model::SessionKind::Browser).await;

        let browser = Browser::start(&app).await;
        browser.goto(&app, "coventry.test", "/assets").await;
        browser.wait_for_heading("Assets").await;
        browser.assert_accessible().await;
        // Chromedriver refuses cookies for `.test` names; the page can set it.
        browser
            .client
            .execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![])
            .await
            .unwrap();
        let find = |css: String| {
            let client = browser.client.clone();
            async move { client.find(Locator::Css(&css)).await.unwrap() }
        };

        browser.goto(&app, "coventry.test", "/assets").await;
        browser.wait_for_heading("Assets").await;
        find("main a[href='/assets/new']".into()).await.click().await.unwrap();
        browser.wait_for_heading("Register an asset").await;
        browser.assert_accessible().await;
        // A missing description is shown beside its field; the page still passes axe.
        find("#name".into()).await.send_keys("Community hall").await.unwrap();
        find("#kind-space".into()).await.click().await.unwrap();
        find(format!("#area_id option[value='{ward}']")).await.click().await.unwrap();
        find("main form button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Register an asset").await;
        assert!(browser.text("#description-error").await.contains("say in a few words"));
        browser.assert_accessible().await;
        find("#description".into()).await.send_keys("A hall for 80 people, with a kitchen.").await.unwrap();
        find("#availability".into()).await.send_keys("Weekday evenings").await.unwrap();
        find("main form button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Community hall").await;
        assert!(browser.text(".notice").await.contains("on the map"));
        browser.assert_accessible().await;
        let id = browser.client.current_url().await.unwrap().path().trim_start_matches("/assets/").to_owned();

        // Found by browsing its area: the areas, the ward, then the asset.
        browser.goto(&app, "coventry.test", "/areas").await;
        browser.wait_for_heading("Areas").await;
        find(format!("main a[href='/areas/{ward}']")).await.click().await.unwrap();
        browser.wait_for_heading("Foleshill").await;
        browser.assert_accessible().await;
        find(format!("main a[href='/assets?area_id={ward}']")).await.click().await.unwrap();
        browser.wait_for_heading("Assets").await;
        assert!(browser.text("main").await.contains("Showing assets in Foleshill"));
        browser.assert_accessible().await;
        find(format!("main a[href='/assets/{id}']")).await.click().await.unwrap();
        browser.wait_for_heading("Community hall").await;

        for (path, heading) in [
            (format!("/assets/{id}/edit"), "Edit Community hall".to_owned()),
            (format!("/assets/{id}/contact"), "Write about Community hall".to_owned()),
            (format!("/assets/{id}/withdraw"), "Withdraw Community hall?".to_owned()),
            (format!("/assets?q=nothing&area_id={ward}"), "Assets".to_owned()),
        ] {
            browser.goto(&app, "coventry.test", &path).await;
            browser.wait_for_heading(&heading).await;
            browser.assert_accessible().await;
        }
        // The contact form with an error, then sent.
        browser.goto(&app, "coventry.test", &format!("/assets/{id}/contact")).await;
        browser.wait_for_heading("Write about Community hall").await;
        find("main form button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Write about Community hall").await;
        assert!(browser.text(".error-summary").await.contains("write your message"));
        browser.assert_accessible().await;
        find("#message".into()).await.send_keys("Is it free on Fridays?").await.unwrap();
        find("#share_email".into()).await.click().await.unwrap();
        find("main form button[type=submit]".into()).await.click().await.unwrap();
        browser.wait_for_heading("Community hall").await;
        assert!(browser.text(".notice").await.contains("They can reply to you"));
        browser.close().await;
    }
);
