//! Consent receipts over HTTP: the published key set, the checker (API
//! and page) for genuine, changed, forged and garbled receipts, what one
//! place may learn about another's receipts, and the page in a browser.

use base64::Engine;
use coproduce::keys::KeyStore;
use coproduce::receipts::model::ReceiptFacts;
use coproduce::receipts::service;
use fantoccini::Locator;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::browser::Browser;
use crate::common::{api_token, assert_problem, csrf_in, json, send, user, TestApp};
use reqwest::Method;

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

fn facts(issuer: &str) -> ReceiptFacts {
    let mut facts = ReceiptFacts::example();
    facts.issuer = issuer.into();
    facts.policy_url = format!("{issuer}/privacy");
    facts.grants[0].grant_id = "0193b000-0000-7000-8000-00000000abcd".into();
    facts
}

/// A receipt signed by the app's own key store, as the stories room would.
async fn receipt(app: &TestApp, issuer: &str) -> String {
    let settings = app.settings.clone();
    let facts = facts(issuer);
    tokio::task::spawn_blocking(move || {
        let keys = KeyStore::from_settings(&settings).unwrap();
        service::issue(&keys, &facts).unwrap().token
    })
    .await
    .unwrap()
}

async fn check(app: &TestApp, host: &str, receipt: &str) -> reqwest::Response {
    app.client(host)
        .post(app.url(host, "/api/v1/receipts/verify"))
        .json(&json!({ "receipt": receipt }))
        .send()
        .await
        .unwrap()
}

both_backends!(
    async fn the_key_set_verifies_receipts_with_standard_tools(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let res = app.get(HOST, "/.well-known/jwks.json").await;
        assert_eq!(res.status(), 200);
        assert!(res.headers()["cache-control"].to_str().unwrap().contains("max-age"));
        let set = json(res).await;
        let keys = set["keys"].as_array().unwrap();
        assert_eq!(keys.len(), 1);
        let key = &keys[0];
        assert_eq!((key["kty"].as_str(), key["crv"].as_str(), key["alg"].as_str()), (Some("OKP"), Some("Ed25519"), Some("EdDSA")));
        let x = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(key["x"].as_str().unwrap()).unwrap();
        assert_eq!(x.len(), 32);

        // A receipt checks out with nothing but the published set.
        let token = receipt(&app, "http://coventry.test").await;
        let header = jsonwebtoken::decode_header(&token).unwrap();
        assert_eq!(header.kid.as_deref(), key["kid"].as_str());
        let decoding = jsonwebtoken::DecodingKey::from_ed_components(key["x"].as_str().unwrap()).unwrap();
        let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::EdDSA);
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        let claims = jsonwebtoken::decode::<Value>(&token, &decoding, &validation).unwrap().claims;
        assert_eq!(claims["version"], "KI-CR-v1.1.0");
        assert_eq!(claims["consentReceiptID"], claims["jti"]);
        assert!(claims.get("exp").is_none());
        assert_eq!(claims["urn:coproduce:consent"]["grants"][0]["grantId"], "0193b000-0000-7000-8000-00000000abcd");

        // The same set is served to every place: it is the platform's.
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        assert_eq!(json(app.get(OTHER, "/.well-known/jwks.json").await).await, set);
    }
);

both_backends!(
    async fn the_checker_tells_genuine_from_changed_forged_and_garbled(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        app.tenant("leeds", "Leeds", &[OTHER]).await;
        let token = receipt(&app, "http://coventry.test").await;

        let body = json(check(&app, HOST, &token).await).await;
        assert_eq!(body["valid"], true, "{body}");
        assert_eq!(body["receipt"]["urn:coproduce:consent"]["grants"][0]["audience"], "board");
        // No grant of that id here (yet): not in force.
        assert_eq!(body["standing"], "unknown");

        // Another place may check the signature but learns nothing of the grant.
        let body = json(check(&app, OTHER, &token).await).await;
        assert_eq!(body["valid"], true);
        assert_eq!(body["standing"], "other_place");

        // One changed claim breaks the signature.
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let mut claims: Value = serde_json::from_slice(&engine.decode(&parts[1]).unwrap()).unwrap();
        claims["urn:coproduce:consent"]["grants"][0]["attribution"] = json!("named");
        parts[1] = engine.encode(serde_json::to_vec(&claims).unwrap());
        let body = json(check(&app, HOST, &parts.join(".")).await).await;
        assert_eq!(body["valid"], false);
        assert!(body["reason"].as_str().unwrap().contains("changed"), "{body}");
        assert!(body.get("receipt").is_none());

        // Signed by a key we never published.
        let stranger = tempfile::tempdir().unwrap();
        let forged = {
            let dir = stranger.path().to_owned();
            let facts = facts("http://coventry.test");
            tokio::task::spawn_blocking(move || {
                let url = coproduce::db::DatabaseUrl::parse(dir.join("k.db").to_str().unwrap()).unwrap();
                let ring = coproduce::keys::MasterKeyRing::new(vec![coproduce::keys::MasterKey::generate().unwrap()]).unwrap();
                let keys = KeyStore::open(&url, coproduce::keys::MasterKeySetting::Given(ring)).unwrap();
                service::issue(&keys, &facts).unwrap().token
            }).await.unwrap()
        };
        let body = json(check(&app, HOST, &forged).await).await;
        assert_eq!(body["valid"], false);
        assert!(body["reason"].as_str().unwrap().contains("never published"));

        // Garbage is an answer; nothing at all is a field error.
        let body = json(check(&app, HOST, "hello").await).await;
        assert_eq!(body["valid"], false);
        let problem = assert_problem(check(&app, HOST, "   ").await, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["field"], "receipt");
        let res = app.client(HOST).post(app.url(HOST, "/api/v1/receipts/verify"))
            .header("content-type", "application/json").body("{\"nope\": 1}").send().await.unwrap();
        assert_eq!(res.status().as_u16() / 100, 4);
        assert_problem(check(&app, HOST, &"x".repeat(20_000)).await, 422, "validation_failed").await;
    }
);

both_backends!(
    async fn the_checker_page_works_without_javascript_and_passes_axe(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let token = receipt(&app, "http://coventry.test").await;
        let client = reqwest::Client::builder()
            // Under the server's 5 s keep-alive, so no request goes out on a
            // connection the server is closing.
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .resolve(HOST, app.addr)
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let form = client.get(app.url(HOST, "/receipts/verify")).send().await.unwrap();
        assert_eq!(form.status(), 200);
        let csrf = csrf_in(&form.text().await.unwrap());
        let res = client.post(app.url(HOST, "/receipts/verify"))
            .form(&[("csrf", csrf.as_str()), ("receipt", token.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("This receipt is genuine"), "{html}");
        assert!(html.contains("Improve local services"));
        let res = client.post(app.url(HOST, "/receipts/verify"))
            .form(&[("csrf", csrf.as_str()), ("receipt", "")]).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("There is a problem") && html.contains("id=\"receipt-error\""));

        let browser = Browser::start(&app).await;
        browser.goto(&app, HOST, "/receipts/verify").await;
        assert_eq!(browser.text("h1").await, "Check a consent receipt");
        browser.assert_accessible().await;
        browser.client.find(Locator::Css("#receipt")).await.unwrap().send_keys(&token).await.unwrap();
        browser.client.find(Locator::Css("main form button")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Check a consent receipt").await;
        assert_eq!(browser.text("#result-title").await, "This receipt is genuine");
        browser.assert_accessible().await;
        browser.close().await;
    }
);

// ---- Receipts issued by consent changes, kept for their holder ----

const STORY: &str = "I slept in the bus station for three weeks in March. Nobody asked my name until Maria at the night shelter did.";

struct People {
    ann: coproduce::accounts::User,
    bob: coproduce::accounts::User,
    ann_t: String,
    bob_t: String,
    olga: coproduce::accounts::User,
    olga_t: String,
    sam_t: String,
    org: String,
}

async fn people(app: &TestApp) -> People {
    use coproduce::accounts::Role;
    app.tenant("coventry", "Coventry", &[HOST]).await;
    app.tenant("leeds", "Leeds", &[OTHER]).await;
    let ann = user(
        app,
        "coventry",
        "ann@example.org",
        Role::Citizen,
        false,
        false,
    )
    .await;
    let bob = user(
        app,
        "coventry",
        "bob@example.org",
        Role::Citizen,
        false,
        false,
    )
    .await;
    let olga = user(
        app,
        "coventry",
        "olga@example.org",
        Role::Citizen,
        false,
        false,
    )
    .await;
    let sam = user(app, "leeds", "sam@example.org", Role::Citizen, false, false).await;
    let olga_t = api_token(app, &olga).await;
    let res = send(
        app,
        HOST,
        Method::POST,
        "/api/v1/organisations",
        Some(&olga_t),
        Some(json!({"name": "Night Shelter Trust", "kind": "voluntary"})),
    )
    .await;
    assert_eq!(res.status(), 201);
    let org = json(res).await["id"].as_str().unwrap().to_owned();
    People {
        ann_t: api_token(app, &ann).await,
        bob_t: api_token(app, &bob).await,
        sam_t: api_token(app, &sam).await,
        ann,
        bob,
        olga,
        olga_t,
        org,
    }
}

async fn new_story(app: &TestApp, token: &str) -> String {
    let res = send(
        app,
        HOST,
        Method::POST,
        "/api/v1/stories",
        Some(token),
        Some(json!({"title": "Three weeks", "body": STORY})),
    )
    .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    json(res).await["id"].as_str().unwrap().to_owned()
}

async fn put(app: &TestApp, token: &str, story: &str, grants: Value) -> Value {
    let res = send(
        app,
        HOST,
        Method::PUT,
        &format!("/api/v1/stories/{story}/consents"),
        Some(token),
        Some(json!({ "grants": grants })),
    )
    .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    json(res).await
}

fn payload(token: &str) -> Value {
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    serde_json::from_slice(&engine.decode(token.split('.').nth(1).unwrap()).unwrap()).unwrap()
}

both_backends!(
    async fn every_consent_change_yields_a_signed_receipt_that_says_where_it_stands(app) {
        let p = people(&app).await;
        let story = new_story(&app, &p.ann_t).await;
        let org_audience = format!("organisation:{}", p.org);

        // Given: the answer carries the grants and the receipt.
        let answer = put(&app, &p.ann_t, &story, json!([
            {"purpose": "organisation_report", "audience": org_audience, "attribution": "first_name"},
            {"purpose": "board_learning", "audience": "tenant", "attribution": "named"},
        ])).await;
        assert_eq!(answer["grants"].as_array().unwrap().len(), 2);
        let given = answer["receipt"].as_str().unwrap().to_owned();
        let header = jsonwebtoken::decode_header(&given).unwrap();
        assert!(header.kid.is_some());
        let claims = payload(&given);
        assert_eq!(claims["version"], "KI-CR-v1.1.0");
        assert_eq!(claims["consentReceiptID"], claims["jti"]);
        assert_eq!(answer["receipt_id"], claims["jti"]);
        assert!(claims.get("exp").is_none());
        assert!(claims["iss"].as_str().unwrap().starts_with("http://coventry.test"));
        assert_eq!(claims["piiControllers"][0]["piiController"], "Coventry");
        assert!(claims["policyUrl"].as_str().unwrap().ends_with("/stories/notice/1"));
        let principal = claims["piiPrincipalId"].as_str().unwrap();
        assert!(!principal.contains('@') && principal.len() == 32);
        let consent = &claims["urn:coproduce:consent"];
        assert_eq!(consent["event"], "given");
        let grants = consent["grants"].as_array().unwrap();
        assert_eq!(grants.len(), 2);
        let report = grants.iter().find(|g| g["audience"] == org_audience.as_str()).unwrap();
        assert_eq!(report["attribution"], "first_name");
        assert_eq!(report["storyDigest"].as_str().unwrap().len(), 64);
        assert!(report["expiresAt"].as_str().is_some());
        let report_grant = report["grantId"].as_str().unwrap().to_owned();
        let purposes = claims["services"][0]["purposes"].as_array().unwrap();
        assert!(purposes.iter().all(|p| p["consentType"] == "EXPLICIT" && p.get("termination").is_some() && p.get("thirdPartyDisclosure").is_some()));
        assert!(claims.get("sensitive").is_some() && claims.get("spiCat").is_some());
        // No story text anywhere in it.
        let text = claims.to_string();
        assert!(!text.contains("bus station") && !text.contains("Three weeks") && !text.contains("ann@example.org"), "{text}");

        // Live, here; another place learns only that it is not theirs.
        let body = json(check(&app, HOST, &given).await).await;
        assert_eq!((body["valid"].as_bool(), body["standing"].as_str()), (Some(true), Some("live")), "{body}");
        assert_eq!(body["grants"].as_array().unwrap().len(), 2);
        let body = json(check(&app, OTHER, &given).await).await;
        assert_eq!(body["standing"], "other_place");
        assert!(body.get("grants").is_none(), "{body}");

        // Withdrawal of one grant: its own receipt; the first is now partly live.
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/consents/{report_grant}/withdraw"), Some(&p.ann_t), None).await;
        assert_eq!(res.status(), 200);
        let withdrawn = json(res).await;
        let withdrawal = withdrawn["receipt"].as_str().unwrap().to_owned();
        let w_claims = payload(&withdrawal);
        assert_eq!(w_claims["urn:coproduce:consent"]["event"], "withdrawn");
        assert_eq!(w_claims["urn:coproduce:consent"]["grants"][0]["grantId"], report_grant.as_str());
        // The withdrawal names the version the grant was given for.
        assert_eq!(w_claims["urn:coproduce:consent"]["grants"][0]["storyDigest"], report["storyDigest"]);
        let body = json(check(&app, HOST, &withdrawal).await).await;
        assert_eq!(body["standing"], "withdrawn", "{body}");
        let body = json(check(&app, HOST, &given).await).await;
        assert_eq!(body["standing"], "partly_live", "{body}");
        let by_grant: Vec<(String, String)> = body["grants"].as_array().unwrap().iter()
            .map(|g| (g["grant_id"].as_str().unwrap().to_owned(), g["standing"].as_str().unwrap().to_owned())).collect();
        assert!(by_grant.contains(&(report_grant.clone(), "withdrawn".into())), "{by_grant:?}");

        // New terms for the remaining grant: the old receipt is superseded.
        let changed = put(&app, &p.ann_t, &story, json!([
            {"purpose": "board_learning", "audience": "tenant", "attribution": "first_name"},
        ])).await;
        let change = changed["receipt"].as_str().unwrap().to_owned();
        assert_eq!(payload(&change)["urn:coproduce:consent"]["event"], "changed");
        let body = json(check(&app, HOST, &given).await).await;
        assert_eq!(body["standing"], "withdrawn", "{body}");
        assert!(body["grants"].as_array().unwrap().iter().any(|g| g["standing"] == "superseded"), "{body}");
        let body = json(check(&app, HOST, &change).await).await;
        assert_eq!(body["standing"], "live", "{body}");

        // After expiry: expired.
        let keys_settings = app.settings.clone();
        let tenant = p.ann.tenant_id.clone();
        let later = chrono::Utc::now().naive_utc() + chrono::Duration::days(800);
        let token = change.clone();
        let expired = app.db(move |conn| {
            let keys = KeyStore::from_settings(&keys_settings).unwrap();
            service::check_at(conn, &keys, &tenant, &token, later).unwrap()
        }).await;
        assert_eq!(expired.standing, Some(coproduce::receipts::model::Standing::Expired));

        // Tampered: changed; signed elsewhere: forged.
        let mut parts: Vec<String> = change.split('.').map(str::to_owned).collect();
        let mut tampered = payload(&change);
        tampered["urn:coproduce:consent"]["grants"][0]["attribution"] = json!("named");
        parts[1] = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(serde_json::to_vec(&tampered).unwrap());
        let body = json(check(&app, HOST, &parts.join(".")).await).await;
        assert_eq!(body["valid"], false);
        assert!(body["reason"].as_str().unwrap().contains("changed"));

        // The page says the same in words.
        let client = crate::common::browser_session(&app, HOST, &p.ann).await;
        let form = client.get(app.url(HOST, "/receipts/verify")).send().await.unwrap().text().await.unwrap();
        let html = client.post(app.url(HOST, "/receipts/verify"))
            .form(&[("csrf", csrf_in(&form).as_str()), ("receipt", withdrawal.as_str())]).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("This receipt is genuine") && html.contains("it was withdrawn"), "{html}");
        let html = client.post(app.url(HOST, "/receipts/verify"))
            .form(&[("csrf", csrf_in(&form).as_str()), ("receipt", change.as_str())]).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("This consent is still in force"), "{html}");

        // Withdraw everything: the answer lists its receipts.
        let res = send(&app, HOST, Method::POST, "/api/v1/me/consents/withdraw-all", Some(&p.ann_t), None).await;
        let all = json(res).await;
        assert_eq!(all["withdrawn"], 1);
        assert_eq!(all["receipts"].as_array().unwrap().len(), 1);
        let body = json(check(&app, HOST, &change).await).await;
        assert_eq!(body["standing"], "withdrawn", "{body}");
    }
);

both_backends!(
    async fn the_author_alone_lists_and_downloads_their_receipts(app) {
        let p = people(&app).await;
        let story = new_story(&app, &p.ann_t).await;
        let answer = put(&app, &p.ann_t, &story, json!([
            {"purpose": "board_learning", "audience": "tenant", "attribution": "named"},
        ])).await;
        let jti = answer["receipt_id"].as_str().unwrap().to_owned();

        let res = send(&app, HOST, Method::GET, "/api/v1/me/consent-receipts", Some(&p.ann_t), None).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["cache-control"], "no-store");
        let list = json(res).await;
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0]["id"], jti.as_str());
        assert_eq!(list[0]["event"], "given");
        assert_eq!(list[0]["receipt"], answer["receipt"]);
        assert_eq!(list[0]["grant_ids"][0], answer["grants"][0]["id"]);
        assert!(list[0]["summary"].as_str().unwrap().contains("Given"));

        let res = send(&app, HOST, Method::GET, &format!("/api/v1/me/consent-receipts/{jti}"), Some(&p.ann_t), None).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/jwt");
        assert_eq!(res.headers()["cache-control"], "no-store");
        assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        assert_eq!(res.text().await.unwrap(), answer["receipt"].as_str().unwrap());

        // Another citizen, another place, a bad id, no one: nothing.
        let res = send(&app, HOST, Method::GET, &format!("/api/v1/me/consent-receipts/{jti}"), Some(&p.bob_t), None).await;
        assert_problem(res, 404, "not_found").await;
        let res = send(&app, HOST, Method::GET, "/api/v1/me/consent-receipts", Some(&p.bob_t), None).await;
        assert_eq!(json(res).await, json!([]));
        let res = send(&app, OTHER, Method::GET, &format!("/api/v1/me/consent-receipts/{jti}"), Some(&p.sam_t), None).await;
        assert_problem(res, 404, "not_found").await;
        let res = send(&app, OTHER, Method::GET, "/api/v1/me/consent-receipts", Some(&p.sam_t), None).await;
        assert_eq!(json(res).await, json!([]));
        let res = send(&app, OTHER, Method::GET, &format!("/api/v1/me/consent-receipts/{jti}"), Some(&p.ann_t), None).await;
        assert_eq!(res.status().as_u16() / 100, 4);
        let res = send(&app, HOST, Method::GET, "/api/v1/me/consent-receipts/not-a-receipt", Some(&p.ann_t), None).await;
        assert_problem(res, 404, "not_found").await;
        let res = send(&app, HOST, Method::GET, "/api/v1/me/consent-receipts", None, None).await;
        assert_eq!(res.status(), 401);

        // The pages: the confirmation offers the receipt; "Your consents"
        // lists it; only its holder downloads it.
        let ann = crate::common::browser_session(&app, HOST, &p.ann).await;
        let consent_page = ann.get(app.url(HOST, &format!("/stories/{story}/consent"))).send().await.unwrap().text().await.unwrap();
        let res = ann.post(app.url(HOST, &format!("/stories/{story}/consent")))
            .form(&[("csrf", csrf_in(&consent_page).as_str()), ("research-give", "on"), ("research-audience", "tenant"),
                    ("research-attribution", "named"), ("research-months", "6")])
            .send().await.unwrap();
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with(&format!("/stories/{story}?done=given&receipt=")), "{location}");
        let shown = ann.get(app.url(HOST, &location)).send().await.unwrap().text().await.unwrap();
        let new_jti = location.split("receipt=").nth(1).unwrap().to_owned();
        assert!(shown.contains(&format!("/receipts/{new_jti}/download")), "{shown}");
        let page = ann.get(app.url(HOST, "/stories/consents")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Your consent receipts") && page.contains(&format!("/receipts/{jti}/download")) && page.contains(&format!("/receipts/{new_jti}/download")), "{page}");
        let res = ann.get(app.url(HOST, &format!("/receipts/{jti}/download"))).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/jwt");
        assert_eq!(res.headers()["cache-control"], "no-store");
        assert!(res.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
        let bob = crate::common::browser_session(&app, HOST, &p.bob).await;
        let res = bob.get(app.url(HOST, &format!("/receipts/{jti}/download"))).send().await.unwrap();
        assert_eq!(res.status(), 404);
        let bobs = bob.get(app.url(HOST, "/stories/consents")).send().await.unwrap().text().await.unwrap();
        assert!(!bobs.contains(&jti));

        // Withdrawing on the page offers the withdrawal's receipt.
        let grant = answer["grants"][0]["id"].as_str().unwrap();
        let res = ann.post(app.url(HOST, &format!("/stories/consents/{grant}/withdraw")))
            .form(&[("csrf", csrf_in(&page).as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.contains("done=withdrawn&receipt="), "{location}");

        // The page passes axe.
        let browser = Browser::start(&app).await;
        let secret = crate::common::session_secret(&app, &p.ann, coproduce::accounts::model::SessionKind::Browser).await;
        browser.goto(&app, HOST, "/").await;
        browser.client.execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![]).await.unwrap();
        browser.goto(&app, HOST, "/stories/consents").await;
        browser.wait_for_heading("Your consents").await;
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn organisations_export_only_stories_under_live_consent_and_record_the_grants(app) {
        let p = people(&app).await;
        let org_audience = format!("organisation:{}", p.org);
        let ann_story = new_story(&app, &p.ann_t).await;
        let given = put(&app, &p.ann_t, &ann_story, json!([
            {"purpose": "organisation_report", "audience": org_audience, "attribution": "first_name"},
            {"purpose": "research", "audience": "tenant", "attribution": "named"},
        ])).await;
        let ann_grant = given["grants"].as_array().unwrap().iter()
            .find(|g| g["audience"] == org_audience.as_str()).unwrap()["id"].as_str().unwrap().to_owned();
        // Bob shares a story with the organisation, then withdraws.
        let res = send(&app, HOST, Method::POST, "/api/v1/stories", Some(&p.bob_t),
            Some(json!({"title": "The waiting room", "body": "Four hours in the waiting room with my son."}))).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        let bob_story = json(res).await["id"].as_str().unwrap().to_owned();
        let bob_given = put(&app, &p.bob_t, &bob_story, json!([
            {"purpose": "board_learning", "audience": org_audience, "attribution": "named"},
        ])).await;
        let bob_grant = bob_given["grants"][0]["id"].as_str().unwrap().to_owned();
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/consents/{bob_grant}/withdraw"), Some(&p.bob_t), None).await;
        assert_eq!(res.status(), 200);

        let path = format!("/api/v1/organisations/{}/story-exports", p.org);
        let res = send(&app, HOST, Method::POST, &path, Some(&p.olga_t), None).await;
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        assert_eq!(res.headers()["cache-control"], "no-store");
        assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        let export_id = res.headers()["export-id"].to_str().unwrap().to_owned();
        let csv = res.text().await.unwrap();
        assert!(csv.starts_with("story_id,title,story,credit,attribution,purpose,shared_until,grant_id"), "{csv}");
        assert!(csv.contains("bus station") && csv.contains(&ann_grant) && csv.contains("first_name"), "{csv}");
        assert!(!csv.contains("waiting room") && !csv.contains(&bob_grant), "withdrawn: left out: {csv}");
        assert_eq!(csv.lines().count(), 2, "{csv}");

        // The record lists exactly the grants relied on.
        let res = send(&app, HOST, Method::GET, &path, Some(&p.olga_t), None).await;
        assert_eq!(res.status(), 200);
        let records = json(res).await;
        assert_eq!(records.as_array().unwrap().len(), 1);
        assert_eq!(records[0]["id"], export_id.as_str());
        assert_eq!(records[0]["grant_ids"], json!([ann_grant]));
        assert_eq!(records[0]["stories"], 1);
        assert_eq!(records[0]["exporter_id"], p.olga.id.to_string());

        // The author sees the download in their use log.
        let res = send(&app, HOST, Method::GET, "/api/v1/me/story-uses", Some(&p.ann_t), None).await;
        let log = json(res).await;
        assert_eq!(log["items"][0]["action"], "download");
        assert_eq!(log["items"][0]["organisation"], "Night Shelter Trust");
        let res = send(&app, HOST, Method::GET, "/api/v1/me/story-uses", Some(&p.bob_t), None).await;
        assert_eq!(json(res).await["total"], 0);

        // Not a member: 403; another place, a bad id, no one: nothing.
        assert_problem(send(&app, HOST, Method::POST, &path, Some(&p.bob_t), None).await, 403, "forbidden").await;
        assert_problem(send(&app, HOST, Method::GET, &path, Some(&p.bob_t), None).await, 403, "forbidden").await;
        assert_problem(send(&app, OTHER, Method::POST, &path, Some(&p.sam_t), None).await, 404, "not_found").await;
        assert_problem(send(&app, OTHER, Method::GET, &path, Some(&p.sam_t), None).await, 404, "not_found").await;
        let res = send(&app, HOST, Method::POST, "/api/v1/organisations/nope/story-exports", Some(&p.olga_t), None).await;
        assert_problem(res, 404, "not_found").await;
        let res = send(&app, HOST, Method::POST, &path, None, None).await;
        assert_eq!(res.status(), 401);
        let res = send(&app, HOST, Method::POST, &format!("/api/v1/boards/{}/story-exports", p.org), Some(&p.olga_t), None).await;
        assert_problem(res, 404, "not_found").await;

        // At a moment after the consent ends: nothing, and the record says so.
        let settings = app.settings.clone();
        let olga = p.olga.clone();
        let org: coproduce::db::ids::OrganisationId = p.org.parse().unwrap();
        let later = chrono::Utc::now().naive_utc() + chrono::Duration::days(800);
        let export = app.db(move |conn| {
            let keys = KeyStore::from_settings(&settings).unwrap();
            coproduce::stories::export::export_at(conn, &keys, &olga.tenant_id, &olga, &coproduce::stories::Audience::Organisation(org), later).unwrap()
        }).await;
        assert!(export.rows.is_empty() && export.grant_ids.is_empty());

        // The page, without JavaScript.
        let olga_page = crate::common::browser_session(&app, HOST, &p.olga).await;
        let page_path = format!("/organisations/{}/stories/export", p.org);
        let res = olga_page.get(app.url(HOST, &page_path)).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("1 story is shared with Night Shelter Trust now") && !html.contains("bus station"), "{html}");
        let res = olga_page.post(app.url(HOST, &page_path)).form(&[("csrf", csrf_in(&html).as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        assert!(res.text().await.unwrap().contains("bus station"));
        let profile = olga_page.get(app.url(HOST, &format!("/organisations/{}", p.org))).send().await.unwrap().text().await.unwrap();
        assert!(profile.contains(&page_path));
        let bob_page = crate::common::browser_session(&app, HOST, &p.bob).await;
        let res = bob_page.get(app.url(HOST, &page_path)).send().await.unwrap();
        assert_eq!(res.status(), 403);

        let browser = Browser::start(&app).await;
        let secret = crate::common::session_secret(&app, &p.olga, coproduce::accounts::model::SessionKind::Browser).await;
        browser.goto(&app, HOST, "/").await;
        browser.client.execute(&format!("document.cookie = 'coproduce_session={secret}; path=/'"), vec![]).await.unwrap();
        browser.goto(&app, HOST, &page_path).await;
        browser.wait_for_heading("Stories shared with Night Shelter Trust").await;
        browser.assert_accessible().await;
        browser.close().await;
    }
);

both_backends!(
    async fn the_receipt_check_speaks_welsh(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let html = crate::i18n::welsh_page(&app, HOST, None, "/receipts/verify").await;
        crate::i18n::assert_welsh_heading(&html, "<h1>Gwirio derbynneb caniatâd</h1>", "<h1>Check a consent receipt</h1>");
    }
);
