//! Moderation pages in the reader's language: a report with problems is
//! told them in Welsh beside the field.

use coproduce::accounts::model::SessionKind;
use coproduce::accounts::Role;
use reqwest::Method;
use serde_json::json;

use crate::both_backends;
use crate::common::{api_token, csrf_in, json, send, session_secret, user};

const HOST: &str = "coventry.test";

both_backends!(
    async fn a_report_with_problems_is_told_them_in_welsh(app) {
        app.tenant("coventry", "Coventry", &[HOST]).await;
        let ann = user(&app, "coventry", "ann@example.org", Role::Citizen, false, false).await;
        let bob = user(&app, "coventry", "bob@example.org", Role::Citizen, false, false).await;
        let ann_t = api_token(&app, &ann).await;
        let res = send(
            &app,
            HOST,
            Method::POST,
            "/api/v1/proposals",
            Some(&ann_t),
            Some(json!({
                "title": "A bench by the bus stop",
                "body": "Somewhere to sit while waiting.",
                "intended_outcome": "Older residents can rest.",
                "draft": false,
            })),
        )
        .await;
        assert_eq!(res.status(), 201);
        let p = json(res).await["id"].as_str().unwrap().to_owned();
        // Bob reports it, in Welsh, with a note far too long.
        let secret = session_secret(&app, &bob, SessionKind::Browser).await;
        let cookie = format!("coproduce_session={secret}; lang=cy");
        let client = app.client(HOST);
        let path = format!("/flag/proposal/{p}");
        let html = client.get(app.url(HOST, &path)).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&html);
        let note = "n".repeat(1001);
        let res = client
            .post(app.url(HOST, &path))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf.as_str()), ("reason", "other"), ("note", note.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(r#"<html lang="cy">"#), "{html}");
        assert!(html.contains(r#"id="note-error""#) && html.contains("cadwch y nodyn i 1000 nod neu lai"), "{html}");
        assert!(!html.contains("keep the note to 1000 characters"), "no English: {html}");
    }
);
