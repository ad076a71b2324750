//! Consent receipts over HTTP: the published key set, the checker (API
//! and page) for genuine, changed, forged and garbled receipts, what one
//! place may learn about another's receipts, and the page in a browser.

use base64::Engine;
use chrono::NaiveDate;
use coproduce::keys::KeyStore;
use coproduce::receipts::model::{PurposeFacts, ReceiptEvent, ReceiptFacts};
use coproduce::receipts::service;
use fantoccini::Locator;
use serde_json::{json, Value};

use crate::both_backends;
use crate::common::browser::Browser;
use crate::common::{assert_problem, csrf_in, json, TestApp};

const HOST: &str = "coventry.test";
const OTHER: &str = "leeds.test";

fn facts(issuer: &str) -> ReceiptFacts {
    let at = NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap();
    ReceiptFacts {
        event: ReceiptEvent::Given,
        at,
        issuer: issuer.into(),
        controller: "Coventry".into(),
        controller_email: None,
        jurisdiction: "GB".into(),
        policy_url: format!("{issuer}/privacy"),
        collection_method: "consent screen on the website".into(),
        principal: "5f0c1e".into(),
        grant_id: "0193b000-0000-7000-8000-00000000abcd".into(),
        story_digest: "cd".repeat(32),
        audience: "board".into(),
        attribution: "first_name".into(),
        expires_at: at + chrono::Duration::days(365),
        purposes: vec![PurposeFacts {
            purpose: "Improve local services".into(),
            dpv_term: "dpv:ImprovePublicServices".into(),
            legal_basis: "eu-gdpr:A6-1-a".into(),
            third_party_disclosure: false,
            third_party_name: None,
        }],
        sensitive: false,
        special_categories: vec![],
    }
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
        assert_eq!(claims["urn:coproduce:consent"]["grantId"], "0193b000-0000-7000-8000-00000000abcd");

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
        assert_eq!(body["receipt"]["urn:coproduce:consent"]["audience"], "board");
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
        claims["urn:coproduce:consent"]["attribution"] = json!("named");
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

        let browser = Browser::start().await;
        browser.goto(&app, HOST, "/receipts/verify").await;
        assert_eq!(browser.text("h1").await, "Check a consent receipt");
        browser.assert_accessible().await;
        browser.client.find(Locator::Css("#receipt")).await.unwrap().send_keys(&token).await.unwrap();
        browser.client.find(Locator::Css("form button")).await.unwrap().click().await.unwrap();
        browser.wait_for_heading("Check a consent receipt").await;
        assert_eq!(browser.text("#result-title").await, "This receipt is genuine");
        browser.assert_accessible().await;
        browser.close().await;
    }
);
