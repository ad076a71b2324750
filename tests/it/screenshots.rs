//! The README's screenshots, taken from the demo place in headless
//! Chromium. Ignored in the normal run (it writes into the repository):
//! `bash scripts/screenshots` runs it and makes the PNGs small.

use diesel::prelude::*;
use fantoccini::Locator;

use crate::common::browser::Browser;
use crate::common::{Backend, TestApp};
use crate::demo::HOST;

#[tokio::test]
#[ignore = "writes docs/screenshots; run by scripts/screenshots"]
async fn readme_screenshots_of_the_demo() {
    use coproduce::db::schema::{polls, proposals, stories, users};

    let app = TestApp::spawn(Backend::Sqlite).await;
    crate::demo::demo(&app);
    let password = coproduce::demo::DEMO_PASSWORD;

    let proposal: String = app
        .db(|c| {
            proposals::table
                .filter(proposals::title.eq("One front door for a bed on a cold night"))
                .select(proposals::id)
                .first::<coproduce::db::ids::ProposalId>(c)
                .unwrap()
                .to_string()
        })
        .await;
    let poll: String = app
        .db(|c| {
            polls::table
                .select(polls::id)
                .first::<coproduce::db::ids::PollId>(c)
                .unwrap()
                .to_string()
        })
        .await;
    let story: String = app
        .db(|c| {
            let dee: coproduce::db::ids::UserId = users::table
                .filter(users::email.eq("dee@coventry.example"))
                .select(users::id)
                .first(c)
                .unwrap();
            stories::table
                .filter(stories::author_id.eq(dee))
                .select(stories::id)
                .first::<coproduce::db::ids::StoryId>(c)
                .unwrap()
                .to_string()
        })
        .await;

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let browser = Browser::start(&app).await;
    browser.client.set_window_size(1024, 900).await.unwrap();
    let shoot = |name: &'static str| {
        let client = browser.client.clone();
        let path = dir.join(format!("{name}.png"));
        async move {
            let png = client.screenshot().await.unwrap();
            std::fs::write(&path, png).unwrap();
        }
    };

    browser.goto(&app, HOST, "/").await;
    browser.assert_accessible().await;
    shoot("home").await;
    browser
        .goto(&app, HOST, &format!("/proposals/{proposal}"))
        .await;
    browser.assert_accessible().await;
    shoot("proposal").await;
    browser
        .goto(&app, HOST, &format!("/polls/{poll}/results"))
        .await;
    browser.assert_accessible().await;
    shoot("board-results").await;

    // Dee's consents: signed in as her.
    browser.goto(&app, HOST, "/sign-in").await;
    for (id, value) in [("email", "dee@coventry.example"), ("password", password)] {
        browser
            .client
            .find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    browser
        .client
        .find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.wait_for_heading("Your account").await;
    browser
        .goto(&app, HOST, &format!("/stories/{story}/consent"))
        .await;
    browser.assert_accessible().await;
    shoot("consent").await;
    browser.close().await;
}
