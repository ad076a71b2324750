//! English and Welsh: the language switcher, the place's default language,
//! `lang` attributes, and that a bad choice is a clear 4xx that never
//! sends anyone off the site.

use crate::both_backends;
use crate::common::TestApp;

const HOST: &str = "coventry.test";

/// A browser: keeps cookies, does not follow redirects.
fn browser(app: &TestApp) -> reqwest::Client {
    app.cookie_client(HOST)
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let res = client.get(app.url(HOST, path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "GET {path}");
    res.text().await.unwrap()
}

/// Chooses a language with the switcher's form, as a browser would.
async fn choose(
    app: &TestApp,
    client: &reqwest::Client,
    to: &str,
    back: &str,
) -> reqwest::Response {
    let csrf = crate::common::csrf_in(&page(app, client, "/").await);
    client
        .post(app.url(HOST, "/language"))
        .form(&[("csrf", csrf.as_str()), ("to", to), ("back", back)])
        .send()
        .await
        .unwrap()
}

/// The switcher's plain link, used on error pages.
async fn switch(app: &TestApp, client: &reqwest::Client, query: &str) -> reqwest::Response {
    client
        .get(app.url(HOST, &format!("/language?{query}")))
        .send()
        .await
        .unwrap()
}

fn location(res: &reqwest::Response) -> &str {
    res.headers()["location"].to_str().unwrap()
}

/// A page of `host` in Welsh (the `lang=cy` cookie), signed in as `user`
/// when given; fails unless it answers 200 with a Welsh page.
pub async fn welsh_page(
    app: &TestApp,
    host: &str,
    user: Option<&coproduce::accounts::User>,
    path: &str,
) -> String {
    let mut cookie = "lang=cy".to_owned();
    if let Some(u) = user {
        let kind = coproduce::accounts::model::SessionKind::Browser;
        let secret = crate::common::session_secret(app, u, kind).await;
        cookie = format!("coproduce_session={secret}; {cookie}");
    }
    let res = app
        .client(host)
        .get(app.url(host, path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "GET {path}");
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"<html lang="cy">"#), "{path}: {html}");
    html
}

/// A client of `host` that reads pages in Welsh, signed in as `user` (its
/// session and `lang=cy` in a cookie jar, redirects not followed), for
/// posting forms as a Welsh reader would.
pub async fn welsh_client(
    app: &TestApp,
    host: &str,
    user: &coproduce::accounts::User,
) -> reqwest::Client {
    let kind = coproduce::accounts::model::SessionKind::Browser;
    let secret = crate::common::session_secret(app, user, kind).await;
    let jar = reqwest::cookie::Jar::default();
    let url = url::Url::parse(&app.url(host, "/")).unwrap();
    jar.add_cookie_str(&format!("coproduce_session={secret}; Path=/"), &url);
    jar.add_cookie_str("lang=cy; Path=/", &url);
    reqwest::Client::builder()
        .resolve(host, app.addr)
        .cookie_provider(std::sync::Arc::new(jar))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// `html` has the Welsh heading and not the English one.
pub fn assert_welsh_heading(html: &str, welsh: &str, english: &str) {
    assert!(html.contains(welsh), "no “{welsh}”: {html}");
    assert!(
        !html.contains(english),
        "“{english}” is still there: {html}"
    );
}

both_backends!(
    async fn choosing_welsh_shows_welsh_and_is_remembered(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let client = browser(&app);

        let html = page(&app, &client, "/proposals").await;
        assert!(html.contains(r#"<html lang="en">"#), "English by default");
        assert!(html.contains(">Sign in</a>") && html.contains("Skip to main content"));
        // The switcher names each language in itself, marked as such, in a
        // form that brings the person back.
        assert!(html.contains(r#"value="cy" class="link-button" lang="cy">Cymraeg</button>"#), "{html}");
        assert!(html.contains(r#"<form method="post" action="/language""#), "{html}");
        assert!(html.contains(r#"name="back" value="/proposals">"#), "{html}");

        let res = choose(&app, &client, "cy", "/proposals?page=2").await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/proposals?page=2");
        assert_eq!(res.headers()["cache-control"], "no-store");
        let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(cookie.starts_with("lang=cy") && cookie.contains("Max-Age="), "{cookie}");

        let html = page(&app, &client, "/proposals").await;
        assert!(html.contains(r#"<html lang="cy">"#), "{html}");
        assert!(html.contains(">Cynigion</a>") && html.contains(">Mewngofnodi</a>"));
        assert!(html.contains("Neidio i'r prif gynnwys"));
        assert!(!html.contains(">Sign in</a>"), "no English left in the layout");
        // English is still offered, in English.
        assert!(html.contains(r#"lang="en">English</button>"#), "{html}");

        // Form errors: the summary, the prefix and the message are Welsh,
        // with nothing left marked as English.
        let csrf = crate::common::csrf_in(&page(&app, &client, "/sign-in").await);
        let form = [("csrf", csrf.as_str()), ("email", "nobody@example.org"), ("password", "not the one")];
        let res = client.post(app.url(HOST, "/sign-in")).form(&form).send().await.unwrap();
        assert_eq!(res.status(), 401);
        let html = res.text().await.unwrap();
        assert!(html.contains("Mae problem") && html.contains("Gwall:"), "{html}");
        assert!(html.contains("Nid yw&#39;r cyfeiriad e-bost neu&#39;r cyfrinair yn gywir"), "{html}");
        assert!(!html.contains("The email address or password") && !html.contains(r#"<span lang="en">"#), "{html}");

        // The choice holds across requests, error pages included.
        let html = page(&app, &client, "/").await;
        assert!(html.contains(r#"<html lang="cy">"#) && html.contains(">Hafan</a>"));
        let res = client.get(app.url(HOST, "/no-such-page")).send().await.unwrap();
        assert_eq!(res.status(), 404);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"<html lang="cy">"#) && html.contains("<h1>Heb ei ganfod</h1>"), "{html}");
        assert!(html.contains("Ni allem ddod o hyd i'r dudalen honno"));

        // Error pages, which carry no form token, link to the switcher.
        assert!(html.contains(r#"href="/language?to=en&#38;back=%2Fno-such-page""#), "{html}");

        // And back to English.
        let res = switch(&app, &client, "to=en&back=/").await;
        assert_eq!(res.status(), 303);
        let html = page(&app, &client, "/").await;
        assert!(html.contains(r#"<html lang="en">"#) && html.contains(">Home</a>"));
    }
);

both_backends!(
    async fn a_welsh_place_greets_newcomers_in_welsh(app) {
        let tenant = app.tenant("ceredigion", "Ceredigion", &[HOST]).await;
        app.db(move |conn| coproduce::tenancy::service::set_language(conn, &tenant.id, "cy-GB"))
            .await
            .unwrap();

        let newcomer = browser(&app);
        let html = page(&app, &newcomer, "/").await;
        assert!(html.contains(r#"<html lang="cy-GB">"#), "the place's own tag: {html}");
        assert!(html.contains(">Hafan</a>") && html.contains(">Mewngofnodi</a>"));
        assert!(html.contains("<h1 id=\"welcome\">Ceredigion: llunio gwasanaethau gyda'n gilydd</h1>"), "{html}");

        // Someone who prefers English gets it, and keeps it.
        let res = choose(&app, &newcomer, "en", "/").await;
        assert_eq!(res.status(), 303);
        for path in ["/", "/proposals"] {
            let html = page(&app, &newcomer, path).await;
            assert!(html.contains(r#"<html lang="en">"#) && html.contains(">Sign in</a>"), "{path}");
        }
    }
);

both_backends!(
    async fn bad_choices_are_refused_and_never_leave_the_site(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let client = browser(&app);

        for query in ["to=fr&back=/", "to=&back=/", "back=/", "to=CY", "to=cy&to=en", "to=%FF"] {
            let res = switch(&app, &client, query).await;
            assert!(res.status().is_client_error(), "{query}: {}", res.status());
            assert!(res.headers().get("set-cookie").is_none_or(|c| !c.to_str().unwrap().starts_with("lang=")), "{query}");
        }
        // The form: a bad language is a 400, a missing token a 403; neither
        // sets the cookie.
        let res = choose(&app, &client, "fr", "/").await;
        assert_eq!(res.status(), 400);
        let res = client
            .post(app.url(HOST, "/language"))
            .form(&[("to", "cy"), ("back", "/")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert!(res.headers().get("set-cookie").is_none_or(|c| !c.to_str().unwrap().starts_with("lang=")));

        let res = switch(&app, &client, "to=fr").await;
        assert_eq!(res.status(), 400);
        assert!(res.text().await.unwrap().contains("en (English) or cy (Cymraeg)"));

        for back in [
            "//evil.example/",
            "https://evil.example/",
            "%2F%2Fevil.example",
            "/%5Cevil.example",
            "%5C%5Cevil.example",
            "/x%0D%0ALocation:%20https://evil.example",
            "javascript:alert(1)",
            "",
        ] {
            let res = switch(&app, &client, &format!("to=cy&back={back}")).await;
            assert_eq!(res.status(), 303, "{back}");
            assert_eq!(location(&res), "/", "{back}");
        }
        let res = switch(&app, &client, "to=cy").await;
        assert_eq!(location(&res), "/", "no back: home");

        // A cookie we never set is ignored.
        let odd = reqwest::Client::builder().resolve(HOST, app.addr).build().unwrap();
        let res = odd.get(app.url(HOST, "/")).header("cookie", "lang=xx").send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains(r#"<html lang="en">"#));
    }
);

both_backends!(
    async fn the_switcher_works_without_javascript_and_welsh_pages_pass_axe(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let browser = crate::common::browser::Browser::start(&app).await;
        browser.goto(&app, HOST, "/sign-in").await;
        browser.assert_accessible().await;
        browser.client.find(fantoccini::Locator::Css(r#"button[value="cy"]"#)).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Mewngofnodi").await;
        let url = browser.client.current_url().await.unwrap();
        assert_eq!(url.path(), "/sign-in", "back where the person was");
        let html = browser.client.find(fantoccini::Locator::Css("html")).await.unwrap();
        assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some("cy"));
        for path in ["/", "/sign-in", "/register", "/forgot-password", "/proposals", "/no-such-page"] {
            browser.goto(&app, HOST, path).await;
            assert!(browser.title().await.ends_with("· Coventry"), "{path}");
            browser.assert_accessible().await;
        }
        browser.goto(&app, HOST, "/proposals").await;
        assert_eq!(browser.text("h1").await, "Cynigion");
        browser.client.find(fantoccini::Locator::Css(r#"button[value="en"]"#)).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Proposals").await;
        browser.close().await;
    }
);

/// Asks for a password reset on the page, as a browser does.
async fn forgot_password(app: &TestApp, client: &reqwest::Client, email: &str) {
    let csrf = crate::common::csrf_in(&page(app, client, "/forgot-password").await);
    let res = client
        .post(app.url(HOST, "/forgot-password"))
        .form(&[("csrf", csrf.as_str()), ("email", email)])
        .send()
        .await
        .unwrap();
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.status()
    );
}

async fn chosen_language(app: &TestApp, email: &str) -> Option<String> {
    use coproduce::db::schema::users;
    use diesel::prelude::*;
    let email = email.to_owned();
    app.db(move |conn| {
        users::table
            .filter(users::email.eq(&email))
            .select(users::language)
            .first::<Option<String>>(conn)
            .unwrap()
    })
    .await
}

both_backends!(
    async fn emails_are_in_the_language_a_person_chose(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;

        // A newcomer who chose Welsh before registering: the account keeps
        // the choice, and the confirmation email is in Welsh.
        let newcomer = browser(&app);
        assert_eq!(choose(&app, &newcomer, "cy", "/register").await.status(), 303);
        let csrf = crate::common::csrf_in(&page(&app, &newcomer, "/register").await);
        let form = [
            ("csrf", csrf.as_str()),
            ("email", "newydd@example.org"),
            ("display_name", "Newydd"),
            ("password", "a long enough passphrase 42"),
        ];
        let res = newcomer.post(app.url(HOST, "/register")).form(&form).send().await.unwrap();
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
        assert_eq!(chosen_language(&app, "newydd@example.org").await.as_deref(), Some("cy"));
        let text = crate::common::delivered_email(&app, "newydd@example.org", "verify_email").await;
        assert!(text.starts_with("Helo Newydd,"), "{text}");
        assert!(text.contains("Cadarnhewch mai dyma'ch cyfeiriad e-bost"), "{text}");
        assert!(!text.contains("Thank you for joining"), "{text}");

        // Someone who never chose gets the place's default, English here…
        let ann = crate::common::citizen(&app, "coventry", "ann@example.org").await;
        assert_eq!(chosen_language(&app, "ann@example.org").await, None);
        forgot_password(&app, &browser(&app), "ann@example.org").await;
        let text = crate::common::delivered_email(&app, "ann@example.org", "reset_password").await;
        assert!(text.contains("Someone (we hope you) asked to reset"), "{text}");

        // …until they choose Welsh while signed in: the switcher saves it on
        // their account, and the next email follows, whatever the browser.
        let signed_in = crate::common::browser_session(&app, HOST, &ann).await;
        let csrf = crate::common::csrf_in(&page(&app, &signed_in, "/").await);
        let res = signed_in
            .post(app.url(HOST, "/language"))
            .form(&[("csrf", csrf.as_str()), ("to", "cy"), ("back", "/")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(chosen_language(&app, "ann@example.org").await.as_deref(), Some("cy"));
        forgot_password(&app, &browser(&app), "ann@example.org").await;
        let mut text = String::new();
        for _ in 0..100 {
            text = crate::common::delivered_email(&app, "ann@example.org", "reset_password").await;
            if text.starts_with("Helo") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(text.contains("Mae rhywun (chi, gobeithio) wedi gofyn am ailosod"), "{text}");

        // The plain link (error pages) only sets the cookie: it never
        // changes the account.
        let res = signed_in.get(app.url(HOST, "/language?to=en&back=/")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(chosen_language(&app, "ann@example.org").await.as_deref(), Some("cy"));
    }
);

both_backends!(
    async fn a_session_of_one_place_never_changes_an_account_of_another(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &["leeds.test"]).await;
        let ann = crate::common::citizen(&app, "coventry", "ann@example.org").await;
        // Ann's Coventry session cookie, sent to Leeds: Leeds does not know
        // it, so the choice only sets a cookie there.
        let secret = crate::common::session_secret(&app, &ann, coproduce::accounts::model::SessionKind::Browser).await;
        let jar = reqwest::cookie::Jar::default();
        let leeds = url::Url::parse(&app.url("leeds.test", "/")).unwrap();
        jar.add_cookie_str(&format!("coproduce_session={secret}; Path=/"), &leeds);
        let client = reqwest::Client::builder()
            .resolve("leeds.test", app.addr)
            .cookie_provider(std::sync::Arc::new(jar))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let html = client.get(app.url("leeds.test", "/")).send().await.unwrap().text().await.unwrap();
        let csrf = crate::common::csrf_in(&html);
        let res = client
            .post(app.url("leeds.test", "/language"))
            .form(&[("csrf", csrf.as_str()), ("to", "cy"), ("back", "/")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(chosen_language(&app, "ann@example.org").await, None, "Ann's account is untouched");

        // The same session at home does save it: the test above could fail.
        let home = crate::common::browser_session(&app, HOST, &ann).await;
        assert_eq!(choose(&app, &home, "cy", "/").await.status(), 303);
        assert_eq!(chosen_language(&app, "ann@example.org").await.as_deref(), Some("cy"));
    }
);
